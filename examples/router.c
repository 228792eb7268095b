/* router.c - fallbacks across deployments.

   A model group "fast" has one deployment that is down (it answers 503), and
   falls back to the group "backup". The router retries "fast" with backoff,
   then falls back; its decision trace shows why each step happened. The
   transport is the mock one (recorded answers, played in order), and the
   clock and sleep are simulated, so the example runs instantly anywhere:

       build/router

   With a real transport and real keys the same code routes real traffic. */
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>

static int64_t sim_now = 0;
static int64_t sim_clock(void *user) { (void)user; return sim_now; }
static void sim_sleep(void *user, int64_t ms) { (void)user; sim_now += ms; }

static void trace(void *user, const llm_router_trace *ev) {
    (void)user;
    printf("[%5lld ms] %s\n", (long long)sim_now, ev->message);
}

int main(void) {
    static const char down[] = "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}";
    static const char answer[] = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
                                 "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the backup deployment.\"},"
                                 "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}";
    llm_mock_exchange exchanges[4];
    llm_mock mock = {NULL, 0, 0, NULL, NULL};
    llm_deployment_desc deps[2];
    static const char *const backup[] = {"backup"};
    llm_router_fallback fallback;
    llm_router_desc desc;
    llm_router router;
    llm_message msg = {.role = LLM_ROLE_USER, .content = "Say hello."};
    llm_request req;
    llm_response resp;
    llm_router_stats st;
    llm_error err;
    int i;

    memset(exchanges, 0, sizeof exchanges);
    for (i = 0; i < 3; i++) { exchanges[i].status = 503; exchanges[i].body = down; } /* "fast": 1 try + 2 retries */
    exchanges[3].status = 200;
    exchanges[3].body = answer;
    mock.exchanges = exchanges;
    mock.count = 4;

    memset(deps, 0, sizeof deps);
    deps[0].group = "fast";
    deps[0].model = "openai/gpt-4o-mini";
    deps[0].api_key = "sk-primary";
    deps[1].group = "backup";
    deps[1].model = "gpt-4o-mini";
    deps[1].api_key = "sk-backup";
    deps[1].base_url = "https://backup.example.com/v1";
    memset(&fallback, 0, sizeof fallback);
    fallback.group = "fast";
    fallback.to = backup;
    fallback.to_count = 1;

    memset(&desc, 0, sizeof desc);
    desc.deployments = deps;
    desc.deployment_count = 2;
    desc.fallbacks = &fallback;
    desc.fallback_count = 1;
    desc.transport = llm_mock_transport(&mock);
    desc.clock_ms = sim_clock;
    desc.sleep_ms = sim_sleep;
    desc.seed = 7;
    desc.on_trace = trace;
    if (llm_router_init(&router, &desc, &err) != LLM_OK) {
        fprintf(stderr, "router: %s\n", err.message);
        return 1;
    }

    memset(&req, 0, sizeof req);
    req.model = "fast";
    req.messages = &msg;
    req.message_count = 1;
    if (llm_router_complete(&router, &req, NULL, &resp, &err) != LLM_OK) {
        fprintf(stderr, "%s: %s\n", llm_result_str(err.code), err.message);
        llm_router_free(&router);
        return 1;
    }
    printf("answer: %s\n", resp.choices[0].content);
    llm_router_get_stats(&router, &st);
    printf("stats: %llu call, %llu attempts, %llu retries, %llu fallback\n", (unsigned long long)st.calls,
           (unsigned long long)st.attempts, (unsigned long long)st.retries, (unsigned long long)st.fallbacks);
    llm_response_free(&resp);
    llm_router_free(&router);
    return 0;
}
