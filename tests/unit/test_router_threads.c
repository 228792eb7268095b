/* The router's lock/unlock hooks under two threads: each runs requests
   through llm_router_complete at the same time (the transport answers 500
   to every 7th request, so retries and cooldowns happen too). Built with
   -fsanitize=thread by `make check-router-threads`, so a data race in
   pick/report would be reported. The stats must match the transport's own
   ledger. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include <pthread.h>

#define PER_THREAD 3000

static pthread_mutex_t router_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t world_mutex = PTHREAD_MUTEX_INITIALIZER;
static int64_t fake_now = 1000000;
static long requests_seen;

static void lock(void *u) { (void)u; pthread_mutex_lock(&router_mutex); }
static void unlock(void *u) { (void)u; pthread_mutex_unlock(&router_mutex); }

static int64_t clock_ms(void *u) {
    int64_t t;
    (void)u;
    pthread_mutex_lock(&world_mutex);
    t = fake_now += 1;
    pthread_mutex_unlock(&world_mutex);
    return t;
}

static void sleep_ms(void *u, int64_t ms) {
    (void)u;
    pthread_mutex_lock(&world_mutex);
    fake_now += ms;
    pthread_mutex_unlock(&world_mutex);
}

static llm_result send_fn(void *u, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    static const char ok[] = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
    static const char bad[] = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}";
    long n;
    llm_result r;
    (void)u; (void)req; (void)err;
    pthread_mutex_lock(&world_mutex);
    n = ++requests_seen;
    pthread_mutex_unlock(&world_mutex);
    if ((r = sink->status(sink->ctx, n % 7 ? 200 : 500)) != LLM_OK) return r;
    return n % 7 ? sink->body(sink->ctx, ok, sizeof ok - 1) : sink->body(sink->ctx, bad, sizeof bad - 1);
}

static llm_router router;

static void *worker(void *arg) {
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};
    llm_request req;
    int i, *failures = (int *)arg;
    memset(&req, 0, sizeof req);
    req.model = "g";
    req.messages = &hello;
    req.message_count = 1;
    for (i = 0; i < PER_THREAD; i++) {
        llm_response resp;
        if (llm_router_complete(&router, &req, NULL, &resp, NULL) != LLM_OK) (*failures)++;
        llm_response_free(&resp);
    }
    return NULL;
}

static void two_threads_share_a_router(void) {
    llm_deployment_desc deps[3];
    llm_router_desc d;
    llm_router_stats st;
    pthread_t t[2];
    int failures[2] = {0, 0}, i;
    memset(deps, 0, sizeof deps);
    memset(&d, 0, sizeof d);
    for (i = 0; i < 3; i++) {
        deps[i].group = "g";
        deps[i].model = "gpt-4o";
        deps[i].base_url = "http://local";
    }
    d.deployments = deps;
    d.deployment_count = 3;
    d.transport.send = send_fn;
    d.clock_ms = clock_ms;
    d.sleep_ms = sleep_ms;
    d.lock = lock;
    d.unlock = unlock;
    d.strategy = LLM_ROUTING_LEAST_BUSY;
    CHECK_EQ_INT(llm_router_init(&router, &d, NULL), LLM_OK);
    for (i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, &failures[i]);
    for (i = 0; i < 2; i++) pthread_join(t[i], NULL);
    llm_router_get_stats(&router, &st);
    CHECK_EQ_INT(st.calls, 2 * PER_THREAD);
    CHECK_EQ_INT(st.failures, failures[0] + failures[1]);
    CHECK_EQ_INT(st.attempts, requests_seen);
    CHECK_EQ_INT(st.attempts, st.calls - st.unsent + st.retries + st.fallbacks);
    CHECK_EQ_INT(st.in_flight, 0);
    CHECK(st.retries > 0);
    llm_router_free(&router);
}

static const test_case cases[] = {TEST(two_threads_share_a_router)};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
