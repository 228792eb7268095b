/* bench_telemetry - what the telemetry hooks cost a call: one chat
   exchange driven by hand (begin, the status, a request id header, a
   recorded OpenAI answer, finish, free), with the client's telemetry
   zeroed (off) and with hooks that do nothing (on: every span, attribute
   and measurement is built and handed over); and, when it is linked in,
   the same zeroed call through the llm.h that has the hooks' types but
   emits nothing ("no hooks": this file built with BENCH_NO_HOOKS and
   BENCH_LLM_H naming that header, LLM_STATIC keeping the two apart, as
   bench/run.sh does from git). The sides run interleaved in one process
   (no-hooks off on, no-hooks off on, ...), a short round each, so a busy
   machine slows them alike; the lines give the median and the range of
   the per-round differences.
   `bench_telemetry ROUNDS CALLS` (default 301 rounds of 300 calls: short
   rounds, so that most see no preemption). Prints "RESULT\tbench_telemetry\t
   CASE\tllm.h\tns_per_call_median (_min, _max)\tVALUE" lines: cases
   chat_call (the zeroed call), zeroed_hooks_over_no_hooks and
   noop_hooks_over_zeroed (the per-round differences). */
#define LLM_IMPLEMENTATION
#ifdef BENCH_LLM_H
#include BENCH_LLM_H
#else
#include "../llm.h"
#endif
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char answer[] =
    "{\"id\": \"chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY\", \"object\": \"chat.completion\", \"created\": 1727346142, "
    "\"model\": \"gpt-4o-2024-08-06\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", "
    "\"content\": \"I'm unable to provide real-time weather updates.\", \"refusal\": null}, \"logprobs\": null, "
    "\"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 14, \"completion_tokens\": 37, "
    "\"total_tokens\": 51}, \"system_fingerprint\": \"fp_b40fb1c6fb\"}";

static volatile long seen;

static void *noop_start(void *u, void *p, const char *n, llm_span_kind k, const llm_attr *a, size_t c) {
    (void)u, (void)p, (void)n, (void)k, (void)a;
    seen += (long)c;
    return NULL;
}
static void noop_set(void *u, void *s, const llm_attr *a, size_t c) { (void)u, (void)s, (void)a, seen += (long)c; }
static void noop_end(void *u, void *s, llm_span_status st, const char *d) { (void)u, (void)s, (void)st, (void)d; }
static void noop_record(void *u, const char *n, const char *unit, double v, const llm_attr *a, size_t c) {
    (void)u, (void)n, (void)unit, (void)v, (void)a;
    seen += (long)c;
}

static double calls(const llm_client *client, const llm_request *req, long n) {
    double t0 = bench_now();
    long i;
    for (i = 0; i < n; i++) {
        llm_call call;
        llm_response resp;
        const llm_http_request *http;
        if (llm_call_begin(&call, client, req, 1000, &http, NULL) != LLM_OK) exit(1);
        llm_call_feed_status(&call, 200);
        llm_call_feed_header(&call, "x-request-id", 12, "req_bench", 9);
        llm_call_feed_body(&call, answer, sizeof answer - 1);
        if (llm_call_finish(&call, 1250, &resp, NULL) != LLM_OK) exit(1);
        llm_call_free(&call);
        llm_response_free(&resp);
    }
    return (bench_now() - t0) * 1e9 / (double)n;
}

/* The request and the clients of one side: off (zeroed hooks) and on
   (no-op hooks, which an llm.h that emits nothing never calls). */
typedef struct bench_side {
    llm_client off, on;
    llm_request req;
    llm_message hello;
} bench_side;

static int side_init(bench_side *b) {
    llm_client_desc d;
    memset(b, 0, sizeof *b);
    b->hello.role = LLM_ROLE_USER;
    b->hello.content = "Hello";
    memset(&d, 0, sizeof d);
    d.provider = "openai";
    d.api_key = "sk-bench-0123456789";
    if (llm_client_init(&b->off, &d, NULL) != LLM_OK) return 0;
    d.telemetry.span_start = noop_start;
    d.telemetry.span_set = noop_set;
    d.telemetry.span_end = noop_end;
    d.telemetry.record = noop_record;
    if (llm_client_init(&b->on, &d, NULL) != LLM_OK) return 0;
    b->req.model = "gpt-4o";
    b->req.messages = &b->hello;
    b->req.message_count = 1;
    b->req.has_temperature = true;
    b->req.temperature = 0.5;
    b->req.max_tokens = 100;
    return 1;
}

#ifdef BENCH_NO_HOOKS
/* n zeroed calls through the llm.h without hooks: ns per call. */
double bench_telemetry_no_hooks(long n);
double bench_telemetry_no_hooks(long n) {
    static bench_side b;
    static int ready;
    if (!ready && !(ready = side_init(&b))) exit(1);
    return calls(&b.off, &b.req, n);
}
#else
#ifdef BENCH_HAVE_NO_HOOKS
double bench_telemetry_no_hooks(long n);
#endif

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* RESULT lines: the median and range of v (sorted), ns per call. */
static void result(const char *bench_case, const double *v, int n) {
    printf("RESULT\tbench_telemetry\t%s\tllm.h\tns_per_call_median\t%.0f\n", bench_case, v[n / 2]);
    printf("RESULT\tbench_telemetry\t%s\tllm.h\tns_per_call_min\t%.0f\n", bench_case, v[0]);
    printf("RESULT\tbench_telemetry\t%s\tllm.h\tns_per_call_max\t%.0f\n", bench_case, v[n - 1]);
}

static void line(const char *what, double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp);
    printf("%s: %.0f ns per call over %s (median of %d rounds, quartiles %.0f .. %.0f, range %.0f .. %.0f)\n",
           strcmp(what, "off") == 0 ? "telemetry off" : "telemetry on, no-op hooks", v[n / 2],
           strcmp(what, "off") == 0 ? "no hooks" : "off", n, v[n / 4], v[n - 1 - n / 4], v[0], v[n - 1]);
    result(strcmp(what, "off") == 0 ? "zeroed_hooks_over_no_hooks" : "noop_hooks_over_zeroed", v, n);
}

int main(int argc, char **argv) {
    static bench_side b;
    static double over_base[1000], over_off[1000], call_ns[1000];
    int rounds = argc > 1 ? atoi(argv[1]) : 301, r;
    long n = argc > 2 ? atol(argv[2]) : 300;
    if (rounds < 1 || rounds > 1000 || n < 1 || !side_init(&b)) return 1;
    calls(&b.off, &b.req, n); /* warm up */
#ifdef BENCH_HAVE_NO_HOOKS
    bench_telemetry_no_hooks(n);
#endif
    for (r = 0; r < rounds; r++) {
        double base = 0, off, on;
#ifdef BENCH_HAVE_NO_HOOKS
        base = bench_telemetry_no_hooks(n);
#endif
        off = calls(&b.off, &b.req, n);
        on = calls(&b.on, &b.req, n);
        over_base[r] = off - base;
        over_off[r] = on - off;
        call_ns[r] = off;
    }
    qsort(call_ns, (size_t)rounds, sizeof *call_ns, cmp);
    printf("telemetry: a chat call (begin, answer, finish) takes %.0f ns with the hooks zeroed\n", call_ns[rounds / 2]);
    result("chat_call", call_ns, rounds);
#ifdef BENCH_HAVE_NO_HOOKS
    line("off", over_base, rounds);
#else
    (void)over_base;
    printf("telemetry off: the llm.h without hooks is not linked in (bench/run.sh takes it from git)\n");
#endif
    line("noop_hooks", over_off, rounds);
    return seen < 0;
}
#endif
