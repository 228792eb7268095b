/* fleet.c - two processes sharing one rate limit through Redis.

       OPENAI_API_KEY=sk-... build/fleet redis://127.0.0.1:6379 [RPM]

   Twenty game servers or gateway workers with one API key each believe
   they own its whole rate limit, unless their routers share one store.
   This program forks: two processes, each with its own router, both
   pointed at the same Redis (llm_redis_store.h). Each sends RPM requests
   to a deployment limited to RPM a minute; together they get RPM through
   in the minute, not 2 x RPM, and the rest fail at once with
   LLM_ERR_RATE_LIMITED (max_wait_ms 0: a caller that can wait sets it).
   A Redis that is down is not an outage: each router goes on on its own
   limits, divided by expected_processes, and says so (fail-open).
   Build: cc -std=c99 fleet.c -lcurl -lhiredis (Debian libhiredis-dev) */
#define _POSIX_C_SOURCE 200809L /* fork, waitpid */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../llm_redis_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* One process of the fleet: RPM requests through a router sharing the
   store; returns how many were answered. */
static int one_process(const char *store_url, int rpm) {
    llm_deployment_desc dep;
    llm_router_desc desc;
    llm_router router;
    llm_redis_store rs;
    llm_redis_options ro;
    llm_curl curl;
    llm_message msg = {.role = LLM_ROLE_USER, .content = "Hello."};
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    int i, answered = 0;
    memset(&ro, 0, sizeof ro);
    ro.url = store_url;
    if (llm_redis_store_init(&rs, &ro, &err) != LLM_OK) { /* a bad URL; a Redis that is down shows at use */
        fprintf(stderr, "fleet: %s\n", err.message);
        return -1;
    }
    memset(&dep, 0, sizeof dep);
    dep.group = "chat";
    dep.model = "openai/gpt-4o-mini";
    dep.api_key = getenv("OPENAI_API_KEY");
    dep.base_url = getenv("OPENAI_BASE_URL");
    dep.rpm = rpm; /* the deployment's limit: the whole fleet's, through the store */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    llm_curl_init(&curl, NULL, NULL);
    memset(&desc, 0, sizeof desc);
    desc.deployments = &dep;
    desc.deployment_count = 1;
    desc.transport = llm_curl_transport(&curl);
    desc.store = llm_redis_router_store(&rs);
    desc.store.expected_processes = 2; /* if Redis is down: each takes half the limit */
    desc.has_max_wait_ms = true;
    desc.max_wait_ms = 0;              /* a full minute fails at once */
    if (llm_router_init(&router, &desc, &err) != LLM_OK) {
        fprintf(stderr, "fleet: %s\n", err.message);
        return -1;
    }
    req.model = "chat";
    req.messages = &msg;
    req.message_count = 1;
    for (i = 0; i < rpm; i++) {
        llm_result r = llm_router_complete(&router, &req, NULL, &resp, &err);
        if (r == LLM_OK) answered++;
        else if (r != LLM_ERR_RATE_LIMITED) fprintf(stderr, "fleet: %s: %s\n", llm_result_str(err.code), err.message);
        llm_response_free(&resp);
    }
    llm_router_free(&router);
    llm_redis_store_free(&rs);
    llm_curl_free(&curl);
    curl_global_cleanup();
    return answered;
}

int main(int argc, char **argv) {
    int rpm = argc > 2 ? atoi(argv[2]) : 4, child_answered = 0, answered, status;
    pid_t child;
    if (argc < 2 || rpm < 1) {
        fprintf(stderr, "usage: fleet redis://HOST:PORT [RPM]\n");
        return 2;
    }
    fflush(stdout);
    child = fork(); /* the second process of the fleet */
    if (child == 0) _exit(one_process(argv[1], rpm) & 0x7f);
    answered = one_process(argv[1], rpm);
    if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status)) child_answered = WEXITSTATUS(status);
    if (answered < 0 || child < 0) return 1;
    printf("process 1: %d answered; process 2: %d answered\n", answered, child_answered);
    printf("together: %d answered of %d sent, with a limit of %d a minute shared through Redis\n",
           answered + child_answered, 2 * rpm, rpm);
    return 0;
}
