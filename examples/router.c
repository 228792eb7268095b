/* router.c - one model group falling back to another provider.

       OPENAI_API_KEY=sk-... ANTHROPIC_API_KEY=... build/router

   The group "fast" is gpt-4o-mini on OpenAI; when it fails (5xx, 429,
   timeouts: retried with backoff first), the router falls back to the
   group "careful", Claude on Anthropic. Each decision is traced with its
   reason. OPENAI_BASE_URL and ANTHROPIC_BASE_URL, when set, point a
   deployment elsewhere (a proxy, or a test server). The same router comes
   from LiteLLM's config.yaml with llm_router_init_json (see `llm chat
   --router`). Build: cc -std=c99 router.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The router's decisions as they happen: each attempt, retry, cooldown and
   fallback, with why. */
static void trace(void *user, const llm_router_trace *ev) {
    (void)user;
    printf("router: %s\n", ev->message);
}

int main(void) {
    static const char *const careful[] = {"careful"};
    llm_deployment_desc deps[2];
    llm_router_fallback fallback;
    llm_router_desc desc;
    llm_router router;
    llm_message msg = {.role = LLM_ROLE_USER, .content = "Say hello."};
    llm_request req = {0};
    llm_response resp;
    llm_router_stats st;
    llm_curl curl;
    llm_error err;
    int status = 0;

    memset(deps, 0, sizeof deps);
    deps[0].group = "fast";
    deps[0].model = "openai/gpt-4o-mini";
    deps[0].api_key = getenv("OPENAI_API_KEY");
    deps[0].base_url = getenv("OPENAI_BASE_URL"); /* NULL: OpenAI's own */
    deps[1].group = "careful";
    deps[1].model = "anthropic/claude-sonnet-4-5";
    deps[1].api_key = getenv("ANTHROPIC_API_KEY");
    deps[1].base_url = getenv("ANTHROPIC_BASE_URL");
    memset(&fallback, 0, sizeof fallback);
    fallback.group = "fast";
    fallback.to = careful;
    fallback.to_count = 1;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    memset(&desc, 0, sizeof desc);
    desc.deployments = deps;
    desc.deployment_count = 2;
    desc.fallbacks = &fallback;
    desc.fallback_count = 1;
    desc.transport = llm_curl_transport(&curl);
    desc.on_trace = trace;
    if (llm_router_init(&router, &desc, &err) != LLM_OK) {
        fprintf(stderr, "router: %s\n", err.message);
        return 2;
    }

    req.model = "fast"; /* a group's name, as LiteLLM's model_name */
    req.messages = &msg;
    req.message_count = 1;
    if (llm_router_complete(&router, &req, NULL, &resp, &err) == LLM_OK) {
        printf("answer: %s\n", resp.choices[0].content);
        llm_response_free(&resp);
    } else {
        fprintf(stderr, "router: %s: %s\n", llm_result_str(err.code), err.message);
        status = 1;
    }
    llm_router_get_stats(&router, &st);
    printf("stats: %llu call, %llu attempts, %llu retries, %llu fallback\n", (unsigned long long)st.calls,
           (unsigned long long)st.attempts, (unsigned long long)st.retries, (unsigned long long)st.fallbacks);
    llm_router_free(&router);
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status;
}
