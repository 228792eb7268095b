/* One llm_otlp exporter shared by four threads reporting spans and
   measurements while a fifth flushes, with a mutex in its lock hooks.
   Built with -fsanitize=thread by `make check-threads`, so any access to
   the exporter's memory outside the lock is reported as a race. Every span
   ended is exported or still pending, none dropped; every span id the
   collector sees is distinct; the measurements add up. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_OTLP_IMPLEMENTATION
#include "../../llm_otlp.h"
#include "../test.h"
#include <pthread.h>

#define THREADS 4
#define PER_THREAD 300

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static void lock_fn(void *user) { pthread_mutex_lock((pthread_mutex_t *)user); }
static void unlock_fn(void *user) { pthread_mutex_unlock((pthread_mutex_t *)user); }

/* the collector: counts the spans of each payload (one flusher at a time: no lock needed) */
typedef struct collector {
    long spans, requests;
    char ids[2 * THREADS * PER_THREAD][17];
} collector;

static int by_text(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

static llm_result send_fn(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    collector *c = (collector *)user;
    const char *p = req->body, *end = req->body + req->body_len;
    (void)err;
    if (strstr(req->url, "/v1/traces")) {
        size_t n = strlen("\"spanId\":");
        while ((p = strstr(p, "\"spanId\":")) != NULL && p < end) {
            if (c->spans < 2 * THREADS * PER_THREAD) memcpy(c->ids[c->spans], p + n + 1, 16);
            c->spans++;
            p += n;
        }
    }
    c->requests++;
    sink->status(sink->ctx, 200);
    return sink->body(sink->ctx, "{}", 2);
}

typedef struct worker {
    llm_telemetry t;
} worker;

static void *work(void *arg) {
    worker *w = (worker *)arg;
    int i;
    for (i = 0; i < PER_THREAD; i++) {
        llm_attr a;
        void *p, *c;
        memset(&a, 0, sizeof a);
        a.key = "gen_ai.token.type";
        a.type = LLM_ATTR_STRING;
        a.str = i % 2 ? "input" : "output";
        a.str_len = strlen(a.str);
        p = w->t.span_start(w->t.user, NULL, "chat m", LLM_SPAN_CLIENT, &a, 1);
        c = w->t.span_start(w->t.user, p, "chat m", LLM_SPAN_CLIENT, NULL, 0);
        w->t.span_set(w->t.user, c, &a, 1);
        w->t.span_event(w->t.user, c, "e", NULL, 0);
        w->t.span_end(w->t.user, c, LLM_SPAN_OK, NULL);
        w->t.span_end(w->t.user, p, LLM_SPAN_OK, NULL);
        w->t.record(w->t.user, "gen_ai.client.token.usage", "{token}", 10, &a, 1);
    }
    return NULL;
}

typedef struct flusher {
    llm_otlp *x;
    volatile int stop;
} flusher;

static void *flush_loop(void *arg) {
    flusher *f = (flusher *)arg;
    llm_error err;
    int stop = 0;
    while (!stop) {
        pthread_mutex_lock(&mutex);
        stop = f->stop;
        pthread_mutex_unlock(&mutex);
        (void)llm_otlp_flush(f->x, &err);
    }
    return NULL;
}

static void threads_share_one_exporter_under_its_lock(void) {
    llm_otlp x;
    llm_otlp_options o;
    llm_otlp_stats st;
    llm_error err;
    static collector col;
    worker w[THREADS];
    pthread_t th[THREADS], ft;
    flusher f;
    int i;
    memset(&o, 0, sizeof o);
    o.endpoint = "http://127.0.0.1:4318";
    o.transport.send = send_fn;
    o.transport.user = &col;
    o.max_spans = 2 * THREADS * PER_THREAD;
    o.lock = lock_fn;
    o.unlock = unlock_fn;
    o.lock_user = &mutex;
    CHECK_EQ_INT(llm_otlp_init(&x, &o, &err), LLM_OK);
    f.x = &x;
    f.stop = 0;
    pthread_create(&ft, NULL, flush_loop, &f);
    for (i = 0; i < THREADS; i++) {
        w[i].t = llm_otlp_telemetry(&x);
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    for (i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    pthread_mutex_lock(&mutex);
    f.stop = 1;
    pthread_mutex_unlock(&mutex);
    pthread_join(ft, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&x, &err), LLM_OK);
    llm_otlp_get_stats(&x, &st);
    CHECK_EQ_INT(st.spans_started, 2 * THREADS * PER_THREAD);
    CHECK_EQ_INT(st.spans_exported, 2 * THREADS * PER_THREAD);
    CHECK_EQ_INT(st.spans_dropped, 0);
    CHECK_EQ_INT(col.spans, 2 * THREADS * PER_THREAD);
    qsort(col.ids, 2 * THREADS * PER_THREAD, sizeof col.ids[0], by_text);
    for (i = 1; i < 2 * THREADS * PER_THREAD; i++)
        if (strcmp(col.ids[i - 1], col.ids[i]) == 0) break;
    CHECK_EQ_INT(i, 2 * THREADS * PER_THREAD); /* no span id seen twice */
    CHECK_EQ_INT(st.measurements, THREADS * PER_THREAD);
    CHECK_EQ_INT(st.series, 2);
    llm_otlp_free(&x);
}

static const test_case cases[] = {TEST(threads_share_one_exporter_under_its_lock)};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
