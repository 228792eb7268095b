/* bench_sse: streaming speed of llm.h, and its heap traffic per event.

   Workloads (generated from a fixed seed, so every run sees the same bytes):
   - an OpenAI chat-completions stream of 200,000 content chunks (~50 MB),
     each shaped like tests/data/provider-samples/openai/chat_stream_text_usage.sse
     with a 1-12 word delta, plus the role chunk, a finish chunk, a usage
     chunk and `data: [DONE]`; written to build/bench_openai_stream.sse (or
     argv[1]) so that bench/sse/bench_sse.mjs reads the same bytes;
   - an Anthropic Messages stream: message_start, content_block_start,
     200,000 content_block_delta text_delta events, content_block_stop,
     message_delta, message_stop.
   Bytes are fed in 16 KiB chunks. Figures are the best of several rounds:
   (a) framing alone (llm_sse_feed / llm_sse_next);
   (b) framing + decoding + accumulation through a streamed call: the
       sans-I/O loop (llm_call_feed_body, then llm_call_next_event until
       LLM_AGAIN; white-box setup as llm_decode_recorded does it, since the
       Anthropic format has no request encoder yet), and for OpenAI also
       llm_stream over the mock transport with an event callback;
   (c) the same with stream.no_accumulate;
   (d) heap allocations (alloc + realloc) per event over the second half of
       the stream, with a counting allocator;
   and for reference a bare memchr line splitter and, with -DBENCH_CJSON,
   memchr + cJSON parse + content lookup per event.
   Each decoding run checks itself: the event count, the sum of the text
   deltas and the accumulated content length must equal what was generated.
   MB = 10^6 bytes of input; M events = 10^6 llm_events (or SSE events for
   framing). */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef BENCH_CJSON
#include <cjson/cJSON.h>
#endif

#define CHUNK (16 * 1024)
#define DELTAS 200000
#define ROUNDS 5

/* ---- the generated streams ---- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = (char *)realloc(t->p, t->cap);
        if (!t->p) { fprintf(stderr, "out of memory\n"); exit(1); }
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

/* Appends a 1-12 word delta as a JSON string body (escaped); returns its
   length once unescaped (UTF-8 bytes). */
static size_t gen_delta(text *t) {
    static const char *const words[] = {"the", "a", "weather", "San", "Francisco", "recommend", "checking", "reliable",
                                        "website", "or", "app", "current", "to", "get", "in", "I", "unable", "provide",
                                        "real-time", "updates", "forecast", "temperature", "is", "of"};
    size_t raw = 0;
    int k, n = 1 + (int)(bench_rng() % 12);
    for (k = 0; k < n; k++) {
        uint32_t r = bench_rng() % 100;
        const char *w = r < 2 ? "caf\xC3\xA9" : words[bench_rng() % (sizeof words / sizeof words[0])];
        put(t, " ", 1);
        puts_(t, w);
        raw += 1 + strlen(w);
        if (r == 2) { put(t, "\\n", 2); raw++; }
        if (r == 3) { put(t, "\\\"", 2); raw++; }
    }
    if (bench_rng() % 8 == 0) { put(t, ".", 1); raw++; }
    return raw;
}

typedef struct workload {
    const char *name;
    text body;
    size_t sse_events;     /* events the framing gives */
    size_t llm_events;     /* llm_events the call gives */
    size_t content;        /* bytes of text, unescaped */
} workload;

static const char openai_head[] =
    "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
    "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[{\"index\":0,\"delta\":";

static void gen_openai(workload *w, size_t deltas) {
    size_t i;
    memset(w, 0, sizeof *w);
    w->name = "openai";
    puts_(&w->body, openai_head);
    puts_(&w->body, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    for (i = 0; i < deltas; i++) {
        puts_(&w->body, openai_head);
        puts_(&w->body, "{\"content\":\"");
        w->content += gen_delta(&w->body);
        puts_(&w->body, "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    puts_(&w->body, openai_head);
    puts_(&w->body, "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
    puts_(&w->body, "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
                    "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[],\"usage\":{\"prompt_tokens\":14,"
                    "\"completion_tokens\":200000,\"total_tokens\":200014,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
    puts_(&w->body, "data: [DONE]\n\n");
    w->sse_events = deltas + 4;  /* role, deltas, finish, usage, [DONE] */
    w->llm_events = deltas + 2;  /* texts, finish, usage */
}

static void gen_anthropic(workload *w, size_t deltas) {
    size_t i;
    memset(w, 0, sizeof *w);
    w->name = "anthropic";
    puts_(&w->body, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK\","
                    "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-3-opus-latest\",\"stop_reason\":null,"
                    "\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n");
    puts_(&w->body, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    for (i = 0; i < deltas; i++) {
        puts_(&w->body, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
        w->content += gen_delta(&w->body);
        puts_(&w->body, "\"}}\n\n");
    }
    puts_(&w->body, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    puts_(&w->body, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                    "\"usage\":{\"output_tokens\":200000}}\n\n");
    puts_(&w->body, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    w->sse_events = deltas + 5;
    w->llm_events = deltas + 2;  /* texts, usage, finish */
}

/* ---- a counting allocator ---- */

static long alloc_count;
static void *count_alloc(void *user, size_t n) { (void)user; alloc_count++; return malloc(n); }
static void *count_realloc(void *user, void *p, size_t old_size, size_t n) { (void)user; (void)old_size; alloc_count++; return realloc(p, n); }
static void count_free(void *user, void *p, size_t n) { (void)user; (void)n; free(p); }

/* ---- (a) framing ---- */

static size_t frame(const workload *w, size_t *data_bytes) {
    llm_sse p;
    llm_sse_event ev;
    size_t off, events = 0, bytes = 0;
    memset(&p, 0, sizeof p);
    for (off = 0; off < w->body.len; off += CHUNK) {
        size_t n = w->body.len - off < CHUNK ? w->body.len - off : CHUNK;
        llm_sse_feed(&p, w->body.p + off, n);
        while (llm_sse_next(&p, &ev) == LLM_OK) {
            events++;
            bytes += ev.data_len;
        }
    }
    if (llm_sse_ended_mid_event(&p)) events = 0;
    llm_sse_free(&p);
    *data_bytes = bytes;
    return events;
}

static void bench_framing(const workload *w) {
    double best = 1e9, t;
    size_t events = 0, bytes = 0;
    int r;
    for (r = 0; r < ROUNDS; r++) {
        t = bench_now();
        events = frame(w, &bytes);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    printf("  %-44s %8.0f MB/s %7.2f M events/s%s\n", "framing (llm_sse)", (double)w->body.len / best / 1e6,
           (double)events / best / 1e6, events == w->sse_events ? "" : "   WRONG EVENT COUNT");
}

/* ---- (b), (c), (d): the streamed call ---- */

/* Steady state: from the middle text event to the last one (the finish and
   usage events after it allocate once per stream: the finish reason, a
   larger JSON document for the usage chunk). */
typedef struct run {
    size_t events, texts, text_bytes, content_len;
    long allocs_at_half, allocs_at_end;
    llm_result result;
} run;

static void count_event(run *st, const llm_event *ev) {
    st->events++;
    if (ev->type != LLM_EVENT_TEXT) return;
    st->text_bytes += ev->text_len;
    if (++st->texts == DELTAS / 2) st->allocs_at_half = alloc_count;
    if (st->texts == DELTAS) st->allocs_at_end = alloc_count;
}

/* The sans-I/O loop: feed a chunk, take the events. */
static void drive_call(const llm_provider *prov, const workload *w, bool no_accumulate, bool counting, run *st) {
    llm_client_desc desc;
    llm_stream_options opt;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    llm_result r = LLM_OK;
    size_t off;
    memset(st, 0, sizeof *st);
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = prov;
    desc.base_url = "http://recorded.invalid";
    if (counting) {
        desc.alloc.alloc = count_alloc;
        desc.alloc.realloc = count_realloc;
        desc.alloc.free = count_free;
    }
    memset(&opt, 0, sizeof opt);
    opt.no_accumulate = no_accumulate;
    llm_client_init(&client, &desc, NULL);
    llm_call_begin_decode(&call, &client, true, &opt, NULL);
    llm_call_feed_status(&call, 200);
    llm_call_feed_header(&call, "content-type", 12, "text/event-stream", 17);
    for (off = 0; off < w->body.len && (r == LLM_OK || r == LLM_AGAIN); off += CHUNK) {
        size_t n = w->body.len - off < CHUNK ? w->body.len - off : CHUNK;
        if ((r = llm_call_feed_body(&call, w->body.p + off, n)) != LLM_OK) break;
        while ((r = llm_call_next_event(&call, &ev)) == LLM_OK) count_event(st, &ev);
    }
    st->result = llm_call_finish(&call, 0, &resp, &err);
    st->content_len = resp.choice_count ? resp.choices[0].content_len : 0;
    llm_response_free(&resp);
    llm_call_free(&call);
}

static int on_event(void *user, const llm_event *ev) {
    count_event((run *)user, ev);
    return 0;
}

/* The blocking driver: llm_stream over the mock transport. */
static void drive_stream(const workload *w, bool no_accumulate, bool counting, run *st) {
    llm_client_desc d;
    llm_client client;
    llm_mock mock;
    llm_mock_exchange x;
    llm_message m;
    llm_request req;
    llm_response resp;
    llm_error err;
    memset(st, 0, sizeof *st);
    memset(&d, 0, sizeof d);
    memset(&mock, 0, sizeof mock);
    memset(&x, 0, sizeof x);
    memset(&m, 0, sizeof m);
    memset(&req, 0, sizeof req);
    x.status = 200;
    x.headers = "Content-Type: text/event-stream\n";
    x.body = w->body.p;
    x.body_len = w->body.len;
    x.chunk = CHUNK;
    mock.exchanges = &x;
    mock.count = 1;
    d.transport = llm_mock_transport(&mock);
    d.no_request_id = true;
    if (counting) {
        d.alloc.alloc = count_alloc;
        d.alloc.realloc = count_realloc;
        d.alloc.free = count_free;
    }
    m.role = LLM_ROLE_USER;
    m.content = "Tell me about the weather.";
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    req.stream.no_accumulate = no_accumulate;
    if (llm_client_init(&client, &d, NULL) != LLM_OK) { st->result = LLM_ERR_INVALID_ARGUMENT; return; }
    st->result = llm_stream(&client, &req, on_event, st, &resp, &err);
    st->content_len = resp.choice_count ? resp.choices[0].content_len : 0;
    llm_response_free(&resp);
}

static const char *check_run(const workload *w, const run *st, bool no_accumulate) {
    if (st->result != LLM_OK) return llm_result_str(st->result);
    if (st->events != w->llm_events) return "WRONG EVENT COUNT";
    if (st->text_bytes != w->content) return "WRONG TEXT SUM";
    if (st->content_len != (no_accumulate ? 0 : w->content)) return "WRONG CONTENT LENGTH";
    return NULL;
}

/* Prints one line; *events_per_s and *allocs get the figures (allocs -1
   when the run failed). Returns false when the results are wrong. */
static bool bench_call(const llm_provider *prov, const workload *w, bool use_stream, bool no_accumulate, double *events_per_s,
                       long *allocs_2nd_half) {
    double best = 1e9, t;
    run st;
    const char *bad = NULL;
    char label[64];
    int r;
    alloc_count = 0;
    for (r = 0; r < ROUNDS; r++) {
        t = bench_now();
        if (use_stream) drive_stream(w, no_accumulate, false, &st);
        else drive_call(prov, w, no_accumulate, false, &st);
        t = bench_now() - t;
        if (t < best) best = t;
        if (!bad) bad = check_run(w, &st, no_accumulate);
    }
    /* (d): the same run with the counting allocator */
    alloc_count = 0;
    if (use_stream) drive_stream(w, no_accumulate, true, &st);
    else drive_call(prov, w, no_accumulate, true, &st);
    if (!bad) bad = check_run(w, &st, no_accumulate);
    sprintf(label, "%s%s", use_stream ? "llm_stream + mock transport" : "llm_call feed/next_event",
            no_accumulate ? ", no_accumulate" : "");
    *allocs_2nd_half = -1;
    *events_per_s = 0;
    if (bad) {
        printf("  %-44s FAILS: %s\n", label, bad);
    } else {
        long allocs = *allocs_2nd_half = st.allocs_at_end - st.allocs_at_half;
        printf("  %-44s %8.0f MB/s %7.2f M events/s   %ld allocs over the 2nd half (%.6f/event)\n", label,
               (double)w->body.len / best / 1e6, (double)st.events / best / 1e6, allocs, (double)allocs / (DELTAS - DELTAS / 2));
    }
    if (!bad) *events_per_s = (double)st.events / best;
    return bad == NULL;
}

/* ---- references ---- */

/* A bare line splitter: memchr for each LF, counting non-empty lines. */
static size_t memchr_lines(const workload *w) {
    const char *p = w->body.p, *end = p + w->body.len, *eol;
    size_t lines = 0;
    while (p < end && (eol = (const char *)memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines += eol > p;
        p = eol + 1;
    }
    return lines;
}

static void bench_memchr(const workload *w) {
    double best = 1e9, t;
    size_t lines = 0;
    int r;
    for (r = 0; r < ROUNDS; r++) {
        t = bench_now();
        lines = memchr_lines(w);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    printf("  %-44s %8.2f GB/s (%zu lines)\n", "memchr line splitter (reference)", (double)w->body.len / best / 1e9, lines);
}

#ifdef BENCH_CJSON
/* memchr lines + cJSON parse of each data line + choices[0].delta.content */
static size_t cjson_stream(const workload *w, size_t *content) {
    const char *p = w->body.p, *end = p + w->body.len, *eol;
    size_t events = 0, sum = 0;
    while (p < end && (eol = (const char *)memchr(p, '\n', (size_t)(end - p))) != NULL) {
        size_t n = (size_t)(eol - p);
        if (n > 6 && memcmp(p, "data: ", 6) == 0 && !(n == 12 && memcmp(p + 6, "[DONE]", 6) == 0)) {
            cJSON *root = cJSON_ParseWithLength(p + 6, n - 6);
            cJSON *c = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "choices"), 0), "delta"), "content");
            if (cJSON_IsString(c)) sum += strlen(c->valuestring);
            cJSON_Delete(root);
            events++;
        }
        p = eol + 1;
    }
    *content = sum;
    return events;
}

static double bench_cjson(const workload *w) {
    double best = 1e9, t;
    size_t events = 0, content = 0;
    int r;
    for (r = 0; r < ROUNDS; r++) {
        t = bench_now();
        events = cjson_stream(w, &content);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    printf("  %-44s %8.0f MB/s %7.2f M events/s%s\n", "memchr + cJSON 1.7 + content lookup", (double)w->body.len / best / 1e6,
           (double)events / best / 1e6, content == w->content && events == w->sse_events - 1 ? "" : "   WRONG RESULT");
    return (double)events / best;
}
#endif

static const char *met(bool ok) { return ok ? "met" : "MISSED"; }

int main(int argc, char **argv) {
    const char *out = argc > 1 ? argv[1] : "build/bench_openai_stream.sse";
    workload oa, an;
    double framing_gbs, acc_eps = 0, acc_eps_an = 0, cjson_eps = 0, eps;
    double best = 1e9, t;
    long allocs_acc = 0, allocs_none = 0, allocs_none_an = 0, allocs;
    size_t bytes;
    bool ok = true;
    FILE *f;
    int r;
    gen_openai(&oa, DELTAS);
    gen_anthropic(&an, DELTAS);
    if (!(f = fopen(out, "wb")) || fwrite(oa.body.p, 1, oa.body.len, f) != oa.body.len || fclose(f) != 0) {
        fprintf(stderr, "bench_sse: cannot write %s\n", out);
        return 1;
    }
    printf("stream decoding, %d KiB chunks, best of %d; allocs = alloc + realloc calls (wrote %s)\n", CHUNK / 1024, ROUNDS, out);

    printf("openai: %d content chunks, %.1f MB, %zu SSE events, %zu llm_events, %zu content bytes\n", DELTAS,
           (double)oa.body.len / 1e6, oa.sse_events, oa.llm_events, oa.content);
    bench_framing(&oa);
    ok &= bench_call(llm_provider_find("openai"), &oa, false, false, &acc_eps, &allocs_acc);
    ok &= bench_call(llm_provider_find("openai"), &oa, false, true, &eps, &allocs_none);
    /* llm_stream's failures are reported on its line but do not fail the
       bench: llm.h's llm_stream hands its status and header sinks the wrong
       context (see tests/unit/test_stream_driver.c) */
    bench_call(llm_provider_find("openai"), &oa, true, false, &eps, &allocs);
    bench_call(llm_provider_find("openai"), &oa, true, true, &eps, &allocs);
    bench_memchr(&oa);
#ifdef BENCH_CJSON
    cjson_eps = bench_cjson(&oa);
#else
    printf("  (cJSON left out: apt-get install libcjson-dev)\n");
#endif

    printf("anthropic: %d content_block_delta events, %.1f MB, %zu SSE events, %zu llm_events, %zu content bytes\n",
           DELTAS, (double)an.body.len / 1e6, an.sse_events, an.llm_events, an.content);
    bench_framing(&an);
    ok &= bench_call(llm_provider_find("anthropic"), &an, false, false, &acc_eps_an, &allocs);
    ok &= bench_call(llm_provider_find("anthropic"), &an, false, true, &eps, &allocs_none_an);
    bench_memchr(&an);

    /* the goals (the SSE throughput issue) */
    for (r = 0; r < ROUNDS; r++) {
        t = bench_now();
        frame(&oa, &bytes);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    framing_gbs = (double)oa.body.len / best / 1e9;
    printf("goals:\n");
    printf("  framing >= 2 GB/s: openai %.2f GB/s, %s\n", framing_gbs, met(framing_gbs >= 2.0));
    printf("  framing + decoding + accumulation >= 5 M events/s: openai %.2f M events/s, %s (anthropic %.2f)\n", acc_eps / 1e6,
           met(acc_eps >= 5e6), acc_eps_an / 1e6);
    if (cjson_eps > 0) printf("  >= 6x memchr + cJSON: %.1fx, %s\n", acc_eps / cjson_eps, met(acc_eps >= 6 * cjson_eps));
    printf("  zero allocations per event in steady state: no_accumulate %ld (openai), %ld (anthropic), %s; "
           "accumulating %ld (the text's doubling)\n", allocs_none, allocs_none_an, met(allocs_none == 0 && allocs_none_an == 0), allocs_acc);
    printf("llm.h openai events/s: %.0f\n", acc_eps); /* for run.sh's ratio to the openai SDK */
    free(oa.body.p);
    free(an.body.p);
    return ok ? 0 : 1;
}
