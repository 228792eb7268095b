/* bench_mem - heap per concurrent stream: llm_curl_adapter.h's runner
   beside a bare curl-multi client, against build/mock_server on loopback
   (started here on a free 127.0.0.1 port, no request log).

     runner      llm_curl_runner, max_in_flight = N, N streamed chat jobs
                 through one llm_client, an on_event callback counting
                 events (what an application holding N streams does)
     bare        one curl multi handle and N easy handles: the same URL,
                 headers and body, a write callback that only counts bytes
                 (the floor: libcurl's own cost of a stream), libcurl's
                 defaults (a 16 KiB receive buffer)
     bare 8k     the same with the runner's stream receive buffer
                 (CURLOPT_BUFFERSIZE 8 KiB): what the runner adds beyond
                 libcurl's own handle

   N streams (BENCH_MEM_N, default 100) are started at once; the mock
   server sends each stream's first two events, then pauses (x-mock-fault:
   stall=MS@2), so that all N are in flight together. When every stream
   has received body bytes, the live heap is read; then the streams run to
   their end and each is checked (the runner: LLM_OK and the text the mock
   sends; bare: status 200 and a body that ends with "data: [DONE]").

   The heap is counted, not estimated: libcurl's through curl_global_init_mem
   (its malloc, calloc, realloc, strdup and free, each block with a size
   header), llm.h's and the adapter's through a counting llm_allocator (the
   client's and the runner's). A stream's cost is (live bytes with N in
   flight - live bytes before the client or the multi handle existed) / N:
   everything a stream costs, the multi handle and connection cache
   shared out. mallinfo2's in-use bytes (glibc) are printed beside as a
   cross-check that catches memory neither count sees (it includes the
   counting headers).

   The sides alternate (bare, bare 8k, runner, bare, ...: BENCH_MEM_ROUNDS
   rounds, default 5); each round gives the ratios runner / bare and
   runner / bare 8k, printed as the median and range. The goal, runner <= 1.25x bare, prints met or MISSED;
   a failed or wrong stream exits 1. BENCH_SMOKE=1: 10 streams, one pair
   (the smoke check `make test` runs; figures not meaningful).

     make build/mock_server && cc -O2 -o build/bench_mem bench/bench_mem.c -lcurl && build/bench_mem

   Prints "RESULT\tbench_mem\tstreams_N\tIMPL\tMETRIC\tVALUE" lines. */
#define _GNU_SOURCE /* mallinfo2 */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"
#include "../tests/integration/mock.h"

#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STREAMS 1000
#define MAX_ROUNDS 21

/* ---- counting: libcurl's heap and llm.h's ---- */

typedef struct counts {
    long long curl_live, llm_live;
} counts;

static counts C;

/* libcurl's blocks carry their size in a 16-byte header (alignment kept) */
#define HDR 16

static void *curl_count_malloc(size_t n) {
    char *p = (char *)malloc(n + HDR);
    if (!p) return NULL;
    memcpy(p, &n, sizeof n);
    C.curl_live += (long long)n;
    return p + HDR;
}

static void curl_count_free(void *q) {
    size_t n;
    char *p = (char *)q;
    if (!p) return;
    memcpy(&n, p - HDR, sizeof n);
    C.curl_live -= (long long)n;
    free(p - HDR);
}

static void *curl_count_realloc(void *q, size_t n) {
    size_t old;
    char *p = (char *)q, *np;
    if (!p) return curl_count_malloc(n);
    memcpy(&old, p - HDR, sizeof old);
    if (!(np = (char *)realloc(p - HDR, n + HDR))) return NULL;
    memcpy(np, &n, sizeof n);
    C.curl_live += (long long)n - (long long)old;
    return np + HDR;
}

static char *curl_count_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = (char *)curl_count_malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

static void *curl_count_calloc(size_t k, size_t n) {
    void *p = k && n > (size_t)-1 / k ? NULL : curl_count_malloc(k * n);
    if (p) memset(p, 0, k * n);
    return p;
}

static void *llm_count_alloc(void *u, size_t n) {
    (void)u;
    C.llm_live += (long long)n;
    return malloc(n);
}

static void *llm_count_realloc(void *u, void *p, size_t old, size_t n) {
    void *q = realloc(p, n);
    (void)u;
    if (q) C.llm_live += (long long)n - (long long)old;
    return q;
}

static void llm_count_free(void *u, void *p, size_t n) {
    (void)u;
    if (p) C.llm_live -= (long long)n;
    free(p);
}

static llm_allocator counting_allocator(void) {
    llm_allocator a;
    memset(&a, 0, sizeof a);
    a.alloc = llm_count_alloc;
    a.realloc = llm_count_realloc;
    a.free = llm_count_free;
    return a;
}

static long long live(void) { return C.curl_live + C.llm_live; }

static long long mallinfo_used(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 m = mallinfo2();
    return (long long)m.uordblks;
#else
    return 0;
#endif
}

/* ---- the request both sides send ---- */

static const char FAULT[] = "x-mock-fault";
static const char CHUNKS[] = "x-mock-chunks";
static char fault_value[64];
static const char BODY[] = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,"
                           "\"stream_options\":{\"include_usage\":true}}";

typedef struct figure {
    long long bytes, mallinfo; /* per stream */
    long long llm;             /* of bytes, llm.h's and the adapter's */
    int ok;                    /* streams that ended as they should */
} figure;

/* ---- the runner ---- */

typedef struct runner_stream {
    int events;
} runner_stream;

static int on_event(void *user, const llm_event *ev) {
    (void)ev;
    ((runner_stream *)user)->events++;
    return 0;
}

static bool runner_side(const char *base, int n, figure *f) {
    static llm_curl_job jobs[MAX_STREAMS];
    static runner_stream st[MAX_STREAMS];
    llm_pair headers[2];
    llm_message hello;
    llm_request req;
    llm_client_desc d;
    llm_client client;
    llm_curl_options o;
    llm_curl_runner r;
    long long base_live = live(), base_mi = mallinfo_used(), base_llm = C.llm_live;
    int i, started;
    memset(f, 0, sizeof *f);
    headers[0].name = FAULT;
    headers[0].value = fault_value;
    headers[1].name = CHUNKS;
    headers[1].value = "8";
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o-mini";
    req.messages = &hello;
    req.message_count = 1;
    req.headers = headers;
    req.header_count = 2;
    memset(&d, 0, sizeof d);
    d.provider = "openai";
    d.base_url = base;
    d.api_key = "sk-bench";
    d.no_request_id = true;
    d.alloc = counting_allocator();
    memset(&o, 0, sizeof o);
    o.alloc = counting_allocator();
    if (llm_client_init(&client, &d, NULL) != LLM_OK) return false;
    if (llm_curl_runner_init(&r, &o, n, NULL) != LLM_OK) return false;
    for (i = 0; i < n; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        st[i].events = 0;
        jobs[i].client = &client;
        jobs[i].request = &req;
        jobs[i].stream = true;
        jobs[i].on_event = on_event;
        jobs[i].user = &st[i];
        llm_curl_runner_add(&r, &jobs[i]);
    }
    do {
        if (llm_curl_runner_step(&r, 10) < 0) break;
        for (started = 0, i = 0; i < n; i++) started += st[i].events > 0;
    } while (started < n);
    f->bytes = (live() - base_live) / n;
    f->mallinfo = (mallinfo_used() - base_mi) / n;
    f->llm = (C.llm_live - base_llm) / n;
    llm_curl_runner_run_all(&r);
    for (i = 0; i < n; i++) {
        f->ok += jobs[i].result == LLM_OK && jobs[i].response.choice_count == 1 && jobs[i].response.choices[0].content_len > 0;
        llm_response_free(&jobs[i].response);
    }
    llm_curl_runner_free(&r);
    return true;
}

/* ---- the bare curl-multi client ---- */

typedef struct bare_stream {
    size_t bytes;
    char tail[16]; /* the body's last bytes */
} bare_stream;

static size_t bare_write(char *data, size_t size, size_t count, void *user) {
    bare_stream *s = (bare_stream *)user;
    size_t len = size * count, keep = sizeof s->tail - 1, have = s->bytes < keep ? s->bytes : keep;
    if (len >= keep) {
        memcpy(s->tail, data + len - keep, keep);
    } else {
        size_t old = have + len > keep ? keep - len : have;
        memmove(s->tail, s->tail + have - old, old);
        memcpy(s->tail + old, data, len);
    }
    s->bytes += len;
    s->tail[s->bytes < keep ? s->bytes : keep] = '\0';
    return len;
}

static bool bare_side(const char *url, int n, long buffer_size, figure *f) {
    static CURL *easy[MAX_STREAMS];
    static bare_stream st[MAX_STREAMS];
    struct curl_slist *h = NULL;
    char fault_line[96];
    long long base_live = live(), base_mi = mallinfo_used();
    CURLM *multi;
    int i, running = 0, started;
    memset(f, 0, sizeof *f);
    snprintf(fault_line, sizeof fault_line, "%s: %s", FAULT, fault_value);
    if (!(multi = curl_multi_init())) return false;
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "Authorization: Bearer sk-bench");
    h = curl_slist_append(h, fault_line);
    h = curl_slist_append(h, "x-mock-chunks: 8");
    for (i = 0; i < n; i++) {
        memset(&st[i], 0, sizeof st[i]);
        easy[i] = curl_easy_init();
        curl_easy_setopt(easy[i], CURLOPT_URL, url);
        curl_easy_setopt(easy[i], CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(easy[i], CURLOPT_POSTFIELDS, BODY);
        curl_easy_setopt(easy[i], CURLOPT_POSTFIELDSIZE, (long)(sizeof BODY - 1));
        curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, bare_write);
        curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &st[i]);
        if (buffer_size) curl_easy_setopt(easy[i], CURLOPT_BUFFERSIZE, buffer_size);
        curl_multi_add_handle(multi, easy[i]);
    }
    do {
        curl_multi_perform(multi, &running);
        for (started = 0, i = 0; i < n; i++) started += st[i].bytes > 0;
        if (started < n) curl_multi_poll(multi, NULL, 0, 10, NULL);
    } while (started < n && running > 0);
    f->bytes = (live() - base_live) / n;
    f->mallinfo = (mallinfo_used() - base_mi) / n;
    while (running > 0) {
        curl_multi_perform(multi, &running);
        if (running) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    for (i = 0; i < n; i++) {
        long status = 0;
        curl_easy_getinfo(easy[i], CURLINFO_RESPONSE_CODE, &status);
        f->ok += status == 200 && strstr(st[i].tail, "data: [DONE]") != NULL;
        curl_multi_remove_handle(multi, easy[i]);
        curl_easy_cleanup(easy[i]);
    }
    curl_slist_free_all(h);
    curl_multi_cleanup(multi);
    return true;
}

/* ---- the run ---- */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int env_int(const char *name, int fallback, int max) {
    const char *v = getenv(name);
    int n = v ? atoi(v) : 0;
    return n > 0 && n <= max ? n : fallback;
}

int main(void) {
    const char *smoke = getenv("BENCH_SMOKE");
    bool small = smoke && *smoke && strcmp(smoke, "0") != 0;
    int n = env_int("BENCH_MEM_N", small ? 10 : 100, MAX_STREAMS), rounds = env_int("BENCH_MEM_ROUNDS", small ? 1 : 5, MAX_ROUNDS);
    double ratio[MAX_ROUNDS], ratio8[MAX_ROUNDS], bare_kib[MAX_ROUNDS], bare8_kib[MAX_ROUNDS], run_kib[MAX_ROUNDS];
    double llm_kib[MAX_ROUNDS];
    figure b, b8, u;
    mock_server mock;
    char base[128], url[160];
    int i, bad = 0;
    signal(SIGPIPE, SIG_IGN);
    if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_count_malloc, curl_count_free, curl_count_realloc, curl_count_strdup,
                             curl_count_calloc) != CURLE_OK) {
        fprintf(stderr, "bench_mem: curl_global_init_mem failed\n");
        return 1;
    }
    if (!mock_start_logging(&mock, "build/mock_server", false)) {
        fprintf(stderr, "bench_mem: cannot start build/mock_server (make build/mock_server; run from the repository root)\n");
        return 1;
    }
    /* long enough for every stream to start before the first one ends */
    snprintf(fault_value, sizeof fault_value, "stall=%d@2", small ? 500 : 1000 + 10 * n);
    snprintf(base, sizeof base, "%s/v1", mock.base);
    snprintf(url, sizeof url, "%s/v1/chat/completions", mock.base);
    printf("bench_mem: heap per concurrent stream, %d streams in flight, %d interleaved rounds, libcurl %s (counted: libcurl's "
           "heap through curl_global_init_mem, llm.h's through its allocator)\n",
           n, rounds, curl_version_info(CURLVERSION_NOW)->version);
    for (i = 0; i < rounds && !bad; i++) {
        bad |= !bare_side(url, n, 0, &b) || b.ok != n;
        bad |= !bare_side(url, n, 8192, &b8) || b8.ok != n;
        bad |= !runner_side(base, n, &u) || u.ok != n;
        if (bad) {
            fprintf(stderr, "bench_mem: round %d: of %d streams, %d bare, %d bare 8k and %d runner ones ended right\n", i + 1, n,
                    b.ok, b8.ok, u.ok);
            break;
        }
        bare_kib[i] = (double)b.bytes / 1024;
        bare8_kib[i] = (double)b8.bytes / 1024;
        ratio8[i] = (double)u.bytes / (double)b8.bytes;
        run_kib[i] = (double)u.bytes / 1024;
        ratio[i] = (double)u.bytes / (double)b.bytes;
        printf("  round %d: bare curl-multi %7.1f KiB/stream (mallinfo2 %7.1f), bare 8k %7.1f, runner %7.1f KiB/stream (libcurl %.1f + "
               "llm.h %.1f; mallinfo2 %7.1f): %.2fx, %.2fx bare 8k\n", i + 1, bare_kib[i], (double)b.mallinfo / 1024,
               bare8_kib[i], run_kib[i],
               (double)(u.bytes - u.llm) / 1024, (double)u.llm / 1024, (double)u.mallinfo / 1024, ratio[i], ratio8[i]);
        llm_kib[i] = (double)u.llm / 1024;
    }
    mock_stop(&mock);
    curl_global_cleanup();
    if (bad) return 1;
    qsort(ratio, (size_t)rounds, sizeof ratio[0], cmp_double);
    qsort(ratio8, (size_t)rounds, sizeof ratio8[0], cmp_double);
    qsort(bare_kib, (size_t)rounds, sizeof bare_kib[0], cmp_double);
    qsort(bare8_kib, (size_t)rounds, sizeof bare8_kib[0], cmp_double);
    qsort(run_kib, (size_t)rounds, sizeof run_kib[0], cmp_double);
    qsort(llm_kib, (size_t)rounds, sizeof llm_kib[0], cmp_double);
    printf("RESULT\tbench_mem\tstreams_%d\tbare_curl_multi\tkib_per_stream\t%.1f\n", n, bare_kib[rounds / 2]);
    printf("RESULT\tbench_mem\tstreams_%d\tbare_curl_multi_8k\tkib_per_stream\t%.1f\n", n, bare8_kib[rounds / 2]);
    printf("RESULT\tbench_mem\tstreams_%d\tllm_curl_runner\tkib_per_stream\t%.1f\n", n, run_kib[rounds / 2]);
    printf("RESULT\tbench_mem\tstreams_%d\tllm_curl_runner_llm_h_part\tkib_per_stream\t%.1f\n", n, llm_kib[rounds / 2]);
    printf("RESULT\tbench_mem\tstreams_%d\trunner_over_bare\tratio_median\t%.3f\n", n, ratio[rounds / 2]);
    printf("RESULT\tbench_mem\tstreams_%d\trunner_over_bare\tratio_min\t%.3f\n", n, ratio[0]);
    printf("RESULT\tbench_mem\tstreams_%d\trunner_over_bare\tratio_max\t%.3f\n", n, ratio[rounds - 1]);
    printf("RESULT\tbench_mem\tstreams_%d\trunner_over_bare_8k\tratio_median\t%.3f\n", n, ratio8[rounds / 2]);
    printf("median: bare curl-multi %.1f KiB/stream, runner %.1f KiB/stream; with the same 8 KiB receive buffer, bare %.1f "
           "KiB/stream: the runner %.2fx (range %.2f-%.2fx)\n", bare_kib[rounds / 2], run_kib[rounds / 2], bare8_kib[rounds / 2],
           ratio8[rounds / 2], ratio8[0], ratio8[rounds - 1]);
    printf("goal runner <= 1.25x bare curl-multi per stream: %.2fx (range %.2f-%.2fx, %d rounds), %s\n", ratio[rounds / 2],
           ratio[0], ratio[rounds - 1], rounds, ratio[rounds / 2] <= 1.25 ? "met" : "MISSED");
    return 0;
}
