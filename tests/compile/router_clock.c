/* The router's default clock under plain -std=c99 (no feature macros),
   built twice by `make check-router-clock`: with llm.h as the first
   include, it asks for POSIX itself and gets CLOCK_MONOTONIC; with system
   headers first (-DSYSTEM_HEADERS_FIRST), they hide clock_gettime and the
   router falls back to time() and sleep(). Either way llm_router_init works
   without a clock hook, and the clock it uses moves forward. */
#ifdef SYSTEM_HEADERS_FIRST
#include <stdio.h>
#include <string.h>
#include <time.h>
#endif
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include <stdio.h>

int main(void) {
    llm_deployment_desc dep;
    llm_router_desc d;
    llm_router r;
    llm_error err;
    llm_router_desc resolved;
    int64_t t0, t1;
    memset(&dep, 0, sizeof dep);
    dep.model = "gpt-4o";
    memset(&d, 0, sizeof d);
    d.deployments = &dep;
    d.deployment_count = 1;
    if (llm_router_init(&r, &d, &err) != LLM_OK) {
        printf("FAIL llm_router_init: %s\n", err.message);
        return 1;
    }
    resolved = llm_router_desc_defaults(&d);
    t0 = resolved.clock_ms(NULL);
    resolved.sleep_ms(NULL, 1);
    t1 = resolved.clock_ms(NULL);
    llm_router_free(&r);
    if (t0 <= 0 || t1 < t0) {
        printf("FAIL the default clock: %lld then %lld\n", (long long)t0, (long long)t1);
        return 1;
    }
#ifdef SYSTEM_HEADERS_FIRST
    printf("router clock with system headers first: ok (%s)\n", t1 % 1000 == 0 && t0 % 1000 == 0 ? "time(), whole seconds" : "monotonic");
#else
    printf("router clock with llm.h first: ok (monotonic)\n");
#endif
    return 0;
}
