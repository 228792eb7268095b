/* One llm_client shared by two threads: calls only read the client, so
   running them at once is safe. Built with -fsanitize=thread by `make
   check-threads`, so a write to the client inside a call (the request-id
   generator used to be one) is reported as a race. Every request id the
   transport sees must be distinct. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include <pthread.h>

#define PER_THREAD 2000

typedef struct seen {
    char ids[PER_THREAD][40];
    int count;
} seen;

typedef struct worker {
    const llm_client *client;
    seen *ids;
    int failures;
} worker;

/* A transport that keeps no state of its own: it writes the request id it
   sees into the worker's table (the sink's context leads back to it). */
typedef struct exchange_ctx {
    seen *ids;
} exchange_ctx;

static llm_result send_fn(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    static const char ok[] = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
    llm_result r;
    size_t i;
    (void)user;
    (void)err;
    (void)sink;
    for (i = 0; i < req->header_count; i++)
        if (strcmp(req->headers[i].name, "X-Request-ID") == 0) break;
    if (i == req->header_count) return LLM_ERR_TRANSPORT;
    if ((r = sink->status(sink->ctx, 200)) != LLM_OK) return r;
    if ((r = sink->header(sink->ctx, "x-request-id", 12, req->headers[i].value, strlen(req->headers[i].value))) != LLM_OK) return r;
    return sink->body(sink->ctx, ok, sizeof ok - 1);
}

static void *run(void *arg) {
    worker *w = (worker *)arg;
    llm_message m;
    llm_request req;
    int i;
    memset(&m, 0, sizeof m);
    m.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    for (i = 0; i < PER_THREAD; i++) {
        llm_response resp;
        if (llm_complete(w->client, &req, &resp, NULL) != LLM_OK || !resp.request_id) {
            w->failures++;
            continue;
        }
        strncpy(w->ids->ids[w->ids->count++], resp.request_id, 39);
        llm_response_free(&resp);
    }
    return NULL;
}

static int by_string(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

static void calls_on_one_client_from_two_threads(void) {
    static seen ids[2];
    static char all[2 * PER_THREAD][40];
    llm_client_desc d;
    llm_client c;
    worker w[2];
    pthread_t t[2];
    int i, dups = 0;
    memset(&d, 0, sizeof d);
    d.transport.send = send_fn;
    d.api_key = "sk-test-shared";
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    for (i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].client = &c;
        w[i].ids = &ids[i];
        CHECK_EQ_INT(pthread_create(&t[i], NULL, run, &w[i]), 0);
    }
    for (i = 0; i < 2; i++) pthread_join(t[i], NULL);
    CHECK_EQ_INT(w[0].failures + w[1].failures, 0);
    CHECK_EQ_INT(ids[0].count + ids[1].count, 2 * PER_THREAD);
    memcpy(all, ids[0].ids, sizeof ids[0].ids);
    memcpy(all[PER_THREAD], ids[1].ids, sizeof ids[1].ids);
    qsort(all, 2 * PER_THREAD, sizeof all[0], by_string);
    for (i = 1; i < 2 * PER_THREAD; i++) dups += strcmp(all[i - 1], all[i]) == 0;
    CHECK_EQ_INT(dups, 0);
}

static const test_case cases[] = {TEST(calls_on_one_client_from_two_threads)};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
