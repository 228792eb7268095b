/* Heap traffic of a streamed call per event (white-box: the call is driven
   as llm_decode_recorded drives it, with the counting allocator).

   A generated stream (OpenAI chunks or Anthropic content_block_delta
   events) is fed in fixed chunks, and the events are taken after each
   chunk, as a game loop would. The first text delta is the longest of the
   stream, so every buffer whose size depends on one event reaches its size
   during the first WARMUP events:
   - with stream.no_accumulate, there must be no allocation at all from
     text event WARMUP to the last text event;
   - with accumulation, the only buffer that still grows is the accumulated
     text, whose capacity doubles when it is exceeded. Going from L0 bytes
     (after the warm-up) to L1 bytes, a realloc that takes the capacity to c
     happens only when c/2 < L1 + 1, and the capacity was already at least
     L0 + 1, so k reallocs need (L0 + 1) * 2^(k-1) < L1 + 1: k is at most
     1 + log2((L1 + 1) / (L0 + 1)), about 8 for 10,000 events.
   Every run also checks the events, the text and that everything is freed
   with the size it was allocated with, and that llm_call_finish hands the
   accumulated text to the response instead of copying it. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#define WARMUP 64
#define EVENTS (WARMUP + 10000)

typedef struct gen {
    char *p;
    size_t len, cap;
    size_t content;   /* unescaped text bytes */
} gen;

static void put(gen *g, const char *s) {
    size_t n = strlen(s);
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->p = (char *)realloc(g->p, g->cap);
    }
    memcpy(g->p + g->len, s, n + 1);
    g->len += n;
}

static unsigned rng_state;
static unsigned rng(void) {
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/* A 1-12 word delta (JSON-escaped); the first is the longest possible. */
static void put_delta(gen *g, int first) {
    static const char *const words[] = {"the", "weather", "in", "San", "Francisco", "is", "temperature", "caf\xC3\xA9", "a", "forecast"};
    int k, n = first ? 12 : 1 + (int)(rng() % 12);
    for (k = 0; k < n; k++) {
        const char *w = first ? "temperature" : words[rng() % 10];
        int esc = first || rng() % 16 == 0;
        put(g, " ");
        put(g, w);
        if (esc) put(g, "\\n");
        g->content += 1 + strlen(w) + (esc ? 1 : 0);
    }
}

static const char openai_head[] =
    "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
    "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[{\"index\":0,\"delta\":";

static gen gen_openai(int events) {
    gen g;
    int i;
    memset(&g, 0, sizeof g);
    rng_state = 7;
    put(&g, openai_head);
    put(&g, "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    for (i = 0; i < events; i++) {
        put(&g, openai_head);
        put(&g, "{\"content\":\"");
        put_delta(&g, i == 0);
        put(&g, "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    put(&g, openai_head);
    put(&g, "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
    put(&g, "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":10064,\"total_tokens\":10078}}\n\n");
    put(&g, "data: [DONE]\n\n");
    return g;
}

static gen gen_anthropic(int events) {
    gen g;
    int i;
    memset(&g, 0, sizeof g);
    rng_state = 11;
    put(&g, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            "\"content\":[],\"model\":\"claude-3-opus-latest\",\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n");
    put(&g, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    for (i = 0; i < events; i++) {
        put(&g, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
        put_delta(&g, i == 0);
        put(&g, "\"}}\n\n");
    }
    put(&g, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    put(&g, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":10064}}\n\n");
    put(&g, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    return g;
}

typedef struct outcome {
    long texts, events;
    size_t text_bytes, content_len, len_at_warmup;
    long total_at_warmup, total_at_last;  /* the allocator's count then */
    size_t live_before_finish, live_after_finish; /* the allocator's live bytes around llm_call_finish */
    llm_result result;
} outcome;

static outcome drive(const llm_provider *prov, const gen *g, size_t chunk, bool no_accumulate, test_alloc_stats *stats) {
    llm_client_desc desc;
    llm_stream_options opt;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    outcome o;
    size_t off;
    llm_allocator alloc = TEST_ALLOCATOR(stats);
    memset(&o, 0, sizeof o);
    memset(stats, 0, sizeof *stats);
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = prov;
    desc.alloc = alloc;
    desc.base_url = "http://recorded.invalid";
    memset(&opt, 0, sizeof opt);
    opt.no_accumulate = no_accumulate;
    CHECK_EQ_INT(llm_client_init(&client, &desc, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin_decode(&call, &client, true, &opt, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17), LLM_OK);
    for (off = 0; off < g->len; off += chunk) {
        llm_result r;
        if (llm_call_feed_body(&call, g->p + off, g->len - off < chunk ? g->len - off : chunk) != LLM_OK) break;
        while ((r = llm_call_next_event(&call, &ev)) == LLM_OK) {
            o.events++;
            if (ev.type != LLM_EVENT_TEXT) continue;
            o.text_bytes += ev.text_len;
            if (++o.texts == WARMUP) {
                o.total_at_warmup = stats->total;
                o.len_at_warmup = o.text_bytes;
            }
            if (o.texts == EVENTS) o.total_at_last = stats->total;
        }
        if (r != LLM_AGAIN && r != LLM_DONE) break;
    }
    o.live_before_finish = stats->live_bytes;
    o.result = llm_call_finish(&call, 0, &resp, &err);
    o.live_after_finish = stats->live_bytes;
    o.content_len = resp.choice_count ? resp.choices[0].content_len : 0;
    llm_response_free(&resp);
    llm_call_free(&call);
    CHECK_EQ_INT(stats->live, 0);
    CHECK_EQ_INT(stats->bad_sizes, 0);
    return o;
}

/* The most reallocs a doubling buffer makes growing from l0 to l1 bytes
   (with its terminating NUL): the largest k with (l0+1) * 2^(k-1) < l1+1. */
static long doubling_bound(size_t l0, size_t l1) {
    long k = 0;
    while ((double)(l0 + 1) * (double)((size_t)1 << k) < (double)(l1 + 1)) k++;
    return k;
}

static void check_stream(const llm_provider *prov, const gen *g, size_t chunk) {
    test_alloc_stats stats;
    outcome o = drive(prov, g, chunk, true, &stats);
    /* + usage, finish; Anthropic tells the usage twice: the prompt's at message_start, all of it at message_delta */
    long others = strcmp(prov->name, "anthropic") == 0 ? 3 : 2;
    CHECK_EQ_INT(o.result, LLM_OK);
    CHECK_EQ_INT(o.texts, EVENTS);
    CHECK_EQ_INT(o.events, EVENTS + others);
    CHECK_EQ_INT(o.text_bytes, g->content);
    CHECK_EQ_INT(o.content_len, 0);
    CHECK_EQ_INT(o.total_at_last - o.total_at_warmup, 0); /* no_accumulate: nothing per event */

    o = drive(prov, g, chunk, false, &stats);
    CHECK_EQ_INT(o.result, LLM_OK);
    CHECK_EQ_INT(o.texts, EVENTS);
    CHECK_EQ_INT(o.text_bytes, g->content);
    CHECK_EQ_INT(o.content_len, g->content);
    CHECK(o.total_at_last - o.total_at_warmup <= doubling_bound(o.len_at_warmup, g->content));
    CHECK(doubling_bound(o.len_at_warmup, g->content) <= 10);
    /* the accumulated text becomes the response's without a copy: finish
       adds the response's few small strings, not another text's worth */
    CHECK(o.live_after_finish - o.live_before_finish < g->content / 2);
    if (getenv("STREAM_ALLOC_VERBOSE"))
        printf("  %s, %zu-byte chunks: accumulating %ld allocations over %d events (bound %ld, %zu -> %zu bytes)\n", prov->name, chunk,
               o.total_at_last - o.total_at_warmup, EVENTS - WARMUP, doubling_bound(o.len_at_warmup, g->content), o.len_at_warmup, g->content);
}

static void openai_stream_allocates_nothing_per_event(void) {
    gen g = gen_openai(EVENTS);
    check_stream(llm_provider_find("openai"), &g, 4096);
    check_stream(llm_provider_find("openai"), &g, 1000);
    free(g.p);
}

static void anthropic_stream_allocates_nothing_per_event(void) {
    gen g = gen_anthropic(EVENTS);
    check_stream(llm_provider_find("anthropic"), &g, 4096);
    check_stream(llm_provider_find("anthropic"), &g, 777);
    free(g.p);
}

/* Gemini chunks (shaped like tests/data/provider-samples/gemini/
   stream_text.sse) whose text (200 bytes, then) grows by one byte every 16 chunks, so an
   event keeps being longer than any before it; the finish and the whole
   usage come in a last chunk of their own. Sets *first and *last to the
   data lengths of the warm-up's text chunk and of the last text chunk. */
static gen gen_gemini_growing(int events, size_t *first, size_t *last) {
    static const char head[] = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"";
    static const char tail[] = "\"}],\"role\": \"model\"}}],\"usageMetadata\": {\"promptTokenCount\": 7,\"totalTokenCount\": 7,"
                               "\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 7}]},"
                               "\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n";
    gen g;
    int i, k;
    memset(&g, 0, sizeof g);
    for (i = 0; i < events; i++) {
        size_t at = g.len;
        put(&g, head);
        for (k = 0; k < 200 + i / 16; k++) put(&g, "a");
        g.content += (size_t)(200 + i / 16);
        put(&g, tail);
        if (i == WARMUP - 1) *first = g.len - at - 10; /* without "data: " and the CRLF CRLF */
        if (i == events - 1) *last = g.len - at - 10;
    }
    put(&g, "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},"
            "\"finishReason\": \"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 7,\"candidatesTokenCount\": 10,"
            "\"totalTokenCount\": 17},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n");
    return g;
}

/* A stream's JSON document is parsed again for every event: an event longer
   than any before must not cost an allocation each time (its buffers grow
   by doubling, like the accumulated text). */
static void gemini_growing_events_allocate_a_doubling_count(void) {
    size_t first = 0, last = 0;
    long bound;
    gen g = gen_gemini_growing(EVENTS, &first, &last);
    test_alloc_stats stats;
    outcome o = drive(llm_provider_find("gemini"), &g, 4096, true, &stats);
    CHECK_EQ_INT(o.result, LLM_OK);
    CHECK_EQ_INT(o.texts, EVENTS);
    CHECK_EQ_INT(o.text_bytes, g.content);
    CHECK(first > 400 && last > first + 600);
    /* three buffers sized by one event grow: the SSE event's, the JSON
       document's strings (both by the data's length) and the copy of the
       text the loop guard keeps (by the text's: 203 -> 829 bytes) */
    bound = 2 * doubling_bound(first, last) + doubling_bound(203, 200 + (EVENTS - 1) / 16);
    if (o.total_at_last - o.total_at_warmup > bound)
        printf("  gemini: %ld allocations over %d events of %zu -> %zu bytes (bound %ld)\n",
               o.total_at_last - o.total_at_warmup, EVENTS - WARMUP, first, last, bound);
    CHECK(o.total_at_last - o.total_at_warmup <= bound);
    free(g.p);
}

static const test_case cases[] = {
    TEST(openai_stream_allocates_nothing_per_event),
    TEST(anthropic_stream_allocates_nothing_per_event),
    TEST(gemini_growing_events_allocate_a_doubling_count),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
