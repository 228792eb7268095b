/* Hostile servers and first-time callers: bounded memory and time for any
   answer, no phantom tool calls, hostile numbers, the API key kept out of
   every error field and log line and wiped from freed memory, control bytes
   refused, the zero llm_error, empty answers, in-stream error codes, the
   price cache written exclusively, the router's init on many groups, a key
   over plain http:// only to loopback, a token with a line break, a
   caller's auth header replacing the key's.
   Expected values are written by hand from the bytes each test feeds. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include <time.h>

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};
static const char KEY[] = "sk-proj-Zq8mW3xY7pL2vN9kR4tB6cD1";

static llm_request request(void) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o";
    r.messages = &hello;
    r.message_count = 1;
    return r;
}

/* A growable text for generated answers. */
typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...) {
    va_list ap;
    int n;
    for (;;) {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        n = vsnprintf(t->p ? t->p + t->len : NULL, t->p ? room : 0, fmt, ap);
        va_end(ap);
        if (t->p && (size_t)n < room) break;
        t->cap = (t->cap + (size_t)n + 1) * 2;
        t->p = (char *)realloc(t->p, t->cap);
    }
    t->len += (size_t)n;
}

/* An allocator that keeps the peak of live bytes, and (with `secret`)
   counts freed blocks that still hold the secret. */
typedef struct peak_stats {
    size_t live, peak;
    long with_secret;
    const char *secret;
} peak_stats;

static bool holds(const char *p, size_t n, const char *s) {
    size_t k = strlen(s), i;
    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0) return true;
    return false;
}

static void *peak_alloc(void *user, size_t n) {
    peak_stats *s = (peak_stats *)user;
    s->live += n;
    if (s->live > s->peak) s->peak = s->live;
    return calloc(1, n); /* zeroed, so that scanning a freed block reads only what was written */
}
static void peak_free(void *user, void *p, size_t n) {
    peak_stats *s = (peak_stats *)user;
    if (!p) return;
    if (s->secret && holds((const char *)p, n, s->secret)) s->with_secret++;
    s->live -= n;
    free(p);
}
static void *peak_realloc(void *user, void *p, size_t old, size_t n) {
    void *q = peak_alloc(user, n);
    if (q && p) memcpy(q, p, old < n ? old : n);
    if (q) peak_free(user, p, old);
    return q;
}

/* Feeds `body` to a streamed call of `client` (status 200, in chunks),
   taking the events after each chunk; finishes into resp. */
static llm_result stream_body(const llm_client *c, const llm_request *req, const char *ct, const char *body, size_t len, size_t chunk,
                              llm_response *resp, llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_event ev;
    llm_result r = llm_call_begin_stream(&call, c, req, 0, &http, err);
    size_t off = 0;
    memset(resp, 0, sizeof *resp);
    if (r != LLM_OK) return r;
    llm_call_feed_status(&call, 200);
    if (ct) llm_call_feed_header(&call, "Content-Type", 12, ct, strlen(ct));
    while (off < len) {
        size_t n = chunk && chunk < len - off ? chunk : len - off;
        if (llm_call_feed_body(&call, body + off, n) != LLM_OK) break;
        off += n;
        while (llm_call_next_event(&call, &ev) == LLM_OK) {}
    }
    r = llm_call_finish(&call, 0, resp, err);
    llm_call_free(&call);
    return r;
}

/* `body` as the whole (non-streamed) answer to a call of `client`. */
static llm_result whole_body(const llm_client *c, const llm_request *req, const char *body, llm_response *resp, llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_result r = llm_call_begin(&call, c, req, 0, &http, err);
    memset(resp, 0, sizeof *resp);
    if (r != LLM_OK) return r;
    llm_call_feed_status(&call, 200);
    llm_call_feed_header(&call, "Content-Type", 12, "application/json", 16);
    llm_call_feed_body(&call, body, strlen(body));
    r = llm_call_finish(&call, 0, resp, err);
    llm_call_free(&call);
    return r;
}

static void client_with(llm_client *c, llm_allocator alloc, const char *key) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.alloc = alloc;
    d.api_key = key;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* ---- 2, 3: choices bounded, memory proportional, no quadratic time ---- */

/* One event holding `choices` choices, each naming tool index `tool`. */
static void hostile_choices(text *t, int choices, int tool) {
    int i;
    put(t, "data: {\"id\":\"x\",\"choices\":[");
    for (i = 0; i < choices; i++)
        put(t, "%s{\"index\":%d,\"delta\":{\"tool_calls\":[{\"index\":%d,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}",
            i ? "," : "", i, tool);
    put(t, "]}\n\ndata: [DONE]\n\n");
}

static void choice_indices_are_bounded_by_the_request(void) {
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_error err;
    text t = {0};
    llm_allocator a;
    memset(&a, 0, sizeof a);
    client_with(&c, a, NULL);
    hostile_choices(&t, 3, 0);
    /* n unset: one choice; index 1 is refused */
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 0, &resp, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "choice index 1") != NULL);
    llm_response_free(&resp);
    req.n = 3;
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 0, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choice_count, 3);
    llm_response_free(&resp);
    req.n = 2;
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 0, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
    free(t.p);
    /* a whole answer: the same rule, and an index given twice */
    {
        const char *two = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"},\"finish_reason\":\"stop\"},"
                          "{\"index\":0,\"message\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}";
        CHECK_EQ_INT(llm_decode_recorded("openai", 200, two, strlen(two), false, &resp, &err), LLM_ERR_PARSE);
        CHECK(strstr(err.message, "given twice") != NULL);
        llm_response_free(&resp);
    }
    /* a whole answer to a request of n choices: indices 0 ... n-1, never n */
    {
        const char *upto1 = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"},\"finish_reason\":\"stop\"},"
                            "{\"index\":1,\"message\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}";
        const char *upto2 = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"},\"finish_reason\":\"stop\"},"
                            "{\"index\":1,\"message\":{\"content\":\"b\"},\"finish_reason\":\"stop\"},"
                            "{\"index\":2,\"message\":{\"content\":\"c\"},\"finish_reason\":\"stop\"}]}";
        req.n = 2;
        CHECK_EQ_INT(whole_body(&c, &req, upto1, &resp, &err), LLM_OK);
        CHECK_EQ_INT(resp.choice_count, 2);
        llm_response_free(&resp);
        CHECK_EQ_INT(whole_body(&c, &req, upto2, &resp, &err), LLM_ERR_PARSE);
        CHECK(strstr(err.message, "choice index 2") != NULL);
        llm_response_free(&resp);
        req.n = 0; /* unset: one choice, index 0 */
        CHECK_EQ_INT(whole_body(&c, &req, upto1, &resp, &err), LLM_ERR_PARSE);
        CHECK(strstr(err.message, "choice index 1") != NULL);
        llm_response_free(&resp);
    }
}

static void recorded_answers_cap_choices_at_128(void) {
    llm_response resp;
    llm_error err;
    text t = {0};
    hostile_choices(&t, 128, 0);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, t.p, t.len, true, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choice_count, 128);
    llm_response_free(&resp);
    t.len = 0;
    hostile_choices(&t, 129, 0);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, t.p, t.len, true, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
    free(t.p);
}

/* The audit's stream: 2,000 choices each naming tool index 1000 made the
   client allocate 213 MB for 106 KB. Now the indices past the cap are
   refused, and with a request that allows them the memory is a small
   multiple of the bytes: no slot for an index that was not seen. */
static void memory_is_proportional_to_the_answer(void) {
    peak_stats ps;
    llm_allocator a;
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_error err;
    text t = {0};
    memset(&ps, 0, sizeof ps);
    a.alloc = peak_alloc;
    a.realloc = peak_realloc;
    a.free = peak_free;
    a.user = &ps;
    client_with(&c, a, NULL);
    hostile_choices(&t, 2000, 1000);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, t.p, t.len, true, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
    req.n = 2000;
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 4096, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choice_count, 2000);
    CHECK(resp.choice_count == 2000 && resp.choices[1999].tool_call_count == 1 && strcmp(resp.choices[1999].tool_calls[0].name, "f") == 0);
    if (!CHECK(ps.peak < 40 * t.len)) fprintf(stderr, "  peak %zu bytes for an answer of %zu bytes\n", ps.peak, t.len);
    llm_response_free(&resp);
    CHECK_EQ_INT(ps.live, 0);
    free(t.p);
}

static double cpu_seconds_for_choices(int choices) {
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_allocator a;
    text t = {0};
    clock_t start;
    double s;
    int i;
    memset(&a, 0, sizeof a);
    client_with(&c, a, NULL);
    put(&t, "data: {\"choices\":[");
    for (i = 0; i < choices; i++) put(&t, "%s{\"index\":%d,\"delta\":{\"content\":\"x\"}}", i ? "," : "", choices - 1 - i);
    put(&t, "]}\n\ndata: [DONE]\n\n");
    req.n = choices;
    start = clock();
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 0, &resp, NULL), LLM_OK);
    s = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK_EQ_INT(resp.choice_count, (size_t)choices);
    llm_response_free(&resp);
    free(t.p);
    return s;
}

/* Distinct choice indices cost about the same each: ten times the choices
   take about ten times the time (each delta searched the choices linearly
   before: a hundred times). A ratio measured in one run, not a timing. */
static void distinct_choices_take_linear_time(void) {
    double small = cpu_seconds_for_choices(4000), big = cpu_seconds_for_choices(40000);
    if (small < 0.002) small = 0.002; /* the clock's grain */
    if (!CHECK(big / small < 40)) fprintf(stderr, "  4,000 choices: %.3f s; 40,000: %.3f s\n", small, big);
}

/* ---- 4: streams bounded in size and time ---- */

static void streams_have_a_byte_limit(void) {
    llm_client c;
    llm_client_desc d;
    llm_request req = request();
    llm_response resp;
    llm_error err;
    text t = {0};
    int i;
    for (i = 0; i < 4000; i++) put(&t, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%0500d\"}}]}\n\n", i);
    put(&t, "data: [DONE]\n\n");
    memset(&d, 0, sizeof d);
    d.max_response_bytes = 1 << 20; /* 1 MiB; the stream is 2.2 MB */
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 1000, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
    CHECK(resp.choice_count == 1 && resp.choices[0].content_len > 0 && resp.choices[0].content_len <= (1u << 20));
    llm_response_free(&resp);
    req.stream.max_bytes = 4u << 20; /* the request's own limit wins */
    CHECK_EQ_INT(stream_body(&c, &req, "text/event-stream", t.p, t.len, 1000, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].content_len, 4000 * 500);
    llm_response_free(&resp);
    req.stream.max_bytes = 4096; /* a plain JSON answer to a stream is bounded the same way */
    {
        const char *json = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";
        CHECK_EQ_INT(stream_body(&c, &req, "application/json", t.p, 5000, 0, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
        llm_response_free(&resp);
        CHECK_EQ_INT(stream_body(&c, &req, "application/json", json, strlen(json), 0, &resp, &err), LLM_OK);
        llm_response_free(&resp);
    }
    free(t.p);
}

/* One token every 900 ms passes a 1,000 ms stall deadline for ever; the
   total deadline ends it. */
static void streams_have_a_total_deadline(void) {
    llm_client c;
    llm_allocator a;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    llm_event ev;
    llm_response resp;
    llm_error err;
    int64_t now = 0;
    llm_result r = LLM_OK;
    int tokens = 0;
    memset(&a, 0, sizeof a);
    client_with(&c, a, NULL);
    req.stream.stall_timeout_ms = 1000;
    req.stream.total_timeout_ms = 30000;
    CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &req, now, &http, NULL), LLM_OK);
    llm_call_feed_status(&call, 200);
    while (r == LLM_OK && tokens < 100000) {
        static const char chunk[] = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t \"}}]}\n\n";
        now += 900;
        llm_call_feed_body(&call, chunk, sizeof chunk - 1);
        while (llm_call_next_event(&call, &ev) == LLM_OK) tokens++;
        r = llm_call_tick(&call, now);
    }
    CHECK_EQ_INT(r, LLM_ERR_TIMEOUT);
    CHECK(now > 30000 && now <= 30900);
    CHECK_EQ_INT(llm_call_finish(&call, now, &resp, &err), LLM_ERR_TIMEOUT);
    CHECK(strstr(err.message, "total deadline") != NULL);
    CHECK(resp.choice_count == 1 && resp.choices[0].content_len == (size_t)tokens * 2);
    llm_response_free(&resp);
    llm_call_free(&call);
}

/* ---- 5: phantom tool calls ---- */

static void tool_calls_without_a_name_are_refused(void) {
    llm_response resp;
    llm_error err;
    /* index 1 arrives without ever naming a function */
    const char *unnamed = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                          "{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
    const char *body = "{\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"arguments\":\"{}\"}}]},"
                       "\"finish_reason\":\"tool_calls\"}]}";
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, unnamed, strlen(unnamed), true, &resp, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "without a function name") != NULL);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, body, strlen(body), false, &resp, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "no function name") != NULL);
}

static void skipped_indices_and_missing_ids_make_no_phantoms(void) {
    llm_response resp;
    llm_error err;
    /* only index 2 is ever named, without an id: one call, with a made-up id */
    const char *sparse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":2,\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}\n\n"
                         "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":2,\"function\":{\"arguments\":\":1}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
                         "data: [DONE]\n\n";
    const char *body = "{\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]},"
                       "\"finish_reason\":\"tool_calls\"}]}";
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, sparse, strlen(sparse), true, &resp, &err), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 1);
    if (resp.choice_count == 1 && resp.choices[0].tool_call_count == 1) {
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "g");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "call_0_2");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{\"a\":1}");
    }
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, body, strlen(body), false, &resp, &err), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 1 && resp.choices[0].tool_calls[0].id &&
          strcmp(resp.choices[0].tool_calls[0].id, "call_0_0") == 0 && strcmp(resp.choices[0].tool_calls[0].arguments, "{}") == 0);
    llm_response_free(&resp);
}

/* ---- 16: tool-call arguments get the same verdict streamed or not ----
   (#21: arguments that are not one JSON value no longer fail the answer:
   the call keeps the text, flagged, in both) */

static void glued_arguments_are_flagged_streamed_or_not(void) {
    llm_response resp;
    llm_error err;
    const char *body = "{\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\","
                       "\"arguments\":\"{\\\"x\\\":1}{\\\"y\\\":2}\"}}]},\"finish_reason\":\"tool_calls\"}]}";
    const char *sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\","
                      "\"arguments\":\"{\\\"x\\\":1}{\\\"y\\\":2}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
    const char *cut = "{\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\","
                      "\"arguments\":\"{\\\"x\\\":\"}}]},\"finish_reason\":\"length\"}]}";
    const char *inputs[3] = {body, sse, body};
    const bool streamed[3] = {false, true, true}; /* the last: JSON to a stream */
    int i;
    for (i = 0; i < 3; i++) {
        CHECK_EQ_INT(llm_decode_recorded("openai", 200, inputs[i], strlen(inputs[i]), streamed[i], &resp, &err), LLM_OK);
        CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 1 &&
              strcmp(resp.choices[0].tool_calls[0].arguments, "{\"x\":1}{\"y\":2}") == 0 && resp.choices[0].tool_calls[0].arguments_invalid);
        llm_response_free(&resp);
    }
    /* cut by the token limit: kept as it came, in both (and not one JSON value either) */
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, cut, strlen(cut), false, &resp, &err), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 1 && strcmp(resp.choices[0].tool_calls[0].arguments, "{\"x\":") == 0 &&
          resp.choices[0].tool_calls[0].arguments_invalid && resp.choices[0].finish_reason == LLM_FINISH_LENGTH);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, cut, strlen(cut), true, &resp, &err), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 1 && strcmp(resp.choices[0].tool_calls[0].arguments, "{\"x\":") == 0 &&
          resp.choices[0].tool_calls[0].arguments_invalid && resp.choices[0].finish_reason == LLM_FINISH_LENGTH);
    llm_response_free(&resp);
}

/* ---- 6: hostile numbers ---- */

static void usage_out_of_range_is_refused(void) {
    static const char *const usages[] = {
        "{\"prompt_tokens\":9223372036854775807,\"completion_tokens\":9223372036854775807}",
        "{\"prompt_tokens\":-72145203,\"completion_tokens\":5,\"total_tokens\":-72145198}",
        "{\"prompt_tokens\":9007199254740993,\"completion_tokens\":1}",
        "{\"prompt_tokens\":1.5,\"completion_tokens\":1}",
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(usages); i++) {
        char body[512];
        llm_response resp;
        snprintf(body, sizeof body, "{\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi there\"},"
                                    "\"finish_reason\":\"stop\"}],\"usage\":%s}", usages[i]);
        CHECK_EQ_INT(llm_decode_recorded("openai", 200, body, strlen(body), false, &resp, NULL), LLM_OK);
        if (!CHECK(resp.usage.source == LLM_USAGE_MISSING && resp.usage_refused)) fprintf(stderr, "  usage %s\n", usages[i]);
        CHECK(resp.usage.prompt_tokens == 0 && resp.usage.completion_tokens == 0 && resp.usage.total_tokens == 0 && !resp.has_cost);
        CHECK(resp.usage_estimate.source == LLM_USAGE_ESTIMATED);
        CHECK(resp.usage_estimate.completion_tokens > 0 && resp.usage_estimate.completion_tokens < 10);
        llm_response_free(&resp);
    }
    {   /* Anthropic's counts too, streamed */
        const char *sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"claude-sonnet-4-5\","
                          "\"usage\":{\"input_tokens\":-5,\"output_tokens\":1}}}\n\n"
                          "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}\n\n"
                          "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n"
                          "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        llm_response resp;
        CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, strlen(sse), true, &resp, NULL), LLM_OK);
        CHECK(resp.usage.source == LLM_USAGE_MISSING && resp.usage_refused && resp.usage_estimate.source == LLM_USAGE_ESTIMATED);
        llm_response_free(&resp);
    }
}

static void absurd_prices_are_refused(void) {
#ifndef LLM_NO_COSTS
    static const char *const tables[] = {
        "{\"m\":{\"litellm_provider\":\"openai\",\"input_cost_per_token\":-1e-06,\"output_cost_per_token\":2e-06}}",
        "{\"m\":{\"litellm_provider\":\"openai\",\"input_cost_per_token\":1e300,\"output_cost_per_token\":2e-06}}",
        "{\"m\":{\"litellm_provider\":\"openai\",\"input_cost_per_token\":1e-06,\"output_cost_per_token\":1.5}}",
        "{\"m\":{\"litellm_provider\":\"openai\",\"input_cost_per_image\":5000}}",
    };
    llm_costs db;
    llm_model_info info;
    llm_error err;
    size_t i;
    const char *good = "{\"m\":{\"litellm_provider\":\"openai\",\"input_cost_per_token\":1e-06,\"output_cost_per_token\":0.5}}";
    memset(&db, 0, sizeof db);
    CHECK_EQ_INT(llm_costs_load_json(&db, good, strlen(good), "good", &err), LLM_OK);
    for (i = 0; i < TEST_COUNT(tables); i++) {
        if (!CHECK_EQ_INT(llm_costs_load_json(&db, tables[i], strlen(tables[i]), "bad", &err), LLM_ERR_PARSE)) fprintf(stderr, "  %s\n", tables[i]);
        CHECK(strstr(err.message, "\"m\"") != NULL);
    }
    CHECK_EQ_INT(llm_model_info_get(&db, "m", &info, NULL), LLM_OK); /* the good table stayed */
    CHECK(info.price[LLM_PRICE_OUTPUT] == 0.5);
    memset(&info, 0, sizeof info);
    info.key = "mine";
    info.price_set = 1u << LLM_PRICE_INPUT;
    info.price[LLM_PRICE_INPUT] = 1.0 / 0.0;
    CHECK_EQ_INT(llm_costs_register(&db, &info, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "input_cost_per_token") != NULL);
    info.price[LLM_PRICE_INPUT] = 0.0 / 0.0;
    CHECK_EQ_INT(llm_costs_register(&db, &info, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_costs_deinit(&db);
#endif
}

/* INT64_MAX tokens in an answer no longer exhaust a budget: the counts are
   estimated, and the cost stays small and finite. */
static int64_t vclock(void *user) { return *(int64_t *)user; }
static void vsleep(void *user, int64_t ms) { *(int64_t *)user += ms; }
static bool price_hook(void *user, const char *model, double *in, double *out) {
    (void)user;
    (void)model;
    *in = 1e-6;
    *out = 2e-6;
    return true;
}

static void huge_usage_does_not_exhaust_a_budget(void) {
    const char *huge = "{\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                       "\"usage\":{\"prompt_tokens\":9223372036854775807,\"completion_tokens\":9223372036854775807,\"total_tokens\":-2}}";
    llm_mock_exchange x[2];
    llm_mock mock;
    llm_deployment_desc dep;
    llm_router_desc d;
    llm_router r;
    llm_request req = request();
    llm_response resp;
    llm_router_stats st;
    int64_t now = 0;
    memset(x, 0, sizeof x);
    x[0].status = x[1].status = 200;
    x[0].body = x[1].body = huge;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = x;
    mock.count = 2;
    memset(&dep, 0, sizeof dep);
    dep.model = "gpt-4o";
    dep.budget_usd = 1.0;
    memset(&d, 0, sizeof d);
    d.deployments = &dep;
    d.deployment_count = 1;
    d.transport = llm_mock_transport(&mock);
    d.clock_ms = vclock;
    d.sleep_ms = vsleep;
    d.clock_user = &now;
    d.price = price_hook;
    CHECK_EQ_INT(llm_router_init(&r, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, NULL), LLM_OK);
    CHECK(resp.usage.source == LLM_USAGE_MISSING && resp.usage_estimate.source == LLM_USAGE_ESTIMATED &&
          resp.usage_estimate.prompt_tokens < 100);
    CHECK(!resp.has_cost || (resp.cost_usd >= 0 && resp.cost_usd < 1));
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, NULL), LLM_OK);
    llm_response_free(&resp);
    llm_router_get_stats(&r, &st);
    CHECK(st.prompt_tokens > 0 && st.prompt_tokens < 1000 && st.cost_usd < 1);
    llm_router_free(&r);
}

/* ---- 7: the API key never reaches an error or a log line ---- */

static char logged[4096];
static void log_to_buffer(void *user, llm_log_level level, const char *message) {
    (void)user;
    (void)level;
    if (strlen(logged) + strlen(message) + 2 < sizeof logged) {
        strcat(logged, message);
        strcat(logged, "\n");
    }
}

/* No run of 8 or more bytes of the key's start in s. */
static bool key_free(const char *s) {
    char prefix[9];
    memcpy(prefix, KEY, 8);
    prefix[8] = '\0';
    return strstr(s, prefix) == NULL;
}

static bool error_key_free(const llm_error *e) {
    return key_free(e->message) && key_free(e->type) && key_free(e->provider_code) && key_free(e->request_id);
}

static llm_result mock_run(const char *headers, int status, const char *body, bool stream, llm_response *resp, llm_error *err) {
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    memset(&x, 0, sizeof x);
    x.status = status;
    x.headers = headers;
    x.body = body;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.api_key = KEY;
    d.transport = llm_mock_transport(&mock);
    d.log = log_to_buffer;
    d.has_num_retries = true; /* one exchange: a 5xx is not sent again */
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    return stream ? llm_stream(&c, &req, NULL, NULL, resp, err) : llm_complete(&c, &req, resp, err);
}

static void the_key_is_scrubbed_from_every_field(void) {
    char body[2048], pad[300];
    llm_response resp;
    llm_error err;
    memset(pad, 'x', sizeof pad);
    pad[sizeof pad - 1] = '\0';
    logged[0] = '\0';
    /* a 200 stream whose error event echoes the key in every field */
    snprintf(body, sizeof body, "data: {\"error\":{\"message\":\"Incorrect API key provided: %s.\",\"type\":\"%s\",\"code\":\"%s\"}}\n\n", KEY, KEY, KEY);
    CHECK(mock_run("Content-Type: text/event-stream\n", 200, body, true, &resp, &err) != LLM_OK);
    CHECK(error_key_free(&err));
    CHECK(strstr(err.message, "Incorrect API key provided: ***") != NULL);
    llm_response_free(&resp);
    /* the key where the message is cut: no prefix survives */
    snprintf(body, sizeof body, "{\"error\":{\"message\":\"%.240s %s\",\"type\":\"invalid_request_error\"}}", pad, KEY);
    CHECK_EQ_INT(mock_run(NULL, 401, body, false, &resp, &err), LLM_ERR_AUTHENTICATION);
    CHECK(error_key_free(&err));
    /* bytes after an escaped NUL */
    snprintf(body, sizeof body, "{\"error\":{\"message\":\"bad \\u0000 key %s\",\"code\":\"invalid_api_key\"}}", KEY);
    CHECK_EQ_INT(mock_run(NULL, 401, body, false, &resp, &err), LLM_ERR_AUTHENTICATION);
    CHECK(error_key_free(&err));
    CHECK(strstr(err.message, "bad   key ***") != NULL);
    /* a body that is no JSON, the key across the 200-byte cut */
    snprintf(body, sizeof body, "<html>%.190s%s</html>", pad, KEY);
    CHECK_EQ_INT(mock_run(NULL, 502, body, false, &resp, &err), LLM_ERR_SERVER);
    CHECK(error_key_free(&err));
    /* a request id header that echoes the key (and a CR) */
    {
        char headers[256];
        snprintf(headers, sizeof headers, "x-request-id: req\r-%s\n", KEY);
        CHECK_EQ_INT(mock_run(headers, 500, "{\"error\":{\"message\":\"boom\"}}", false, &resp, &err), LLM_ERR_SERVER);
        CHECK(error_key_free(&err));
        CHECK(strchr(err.request_id, '\r') == NULL);
    }
    /* only the first 12 bytes echoed (a server that cuts keys) */
    snprintf(body, sizeof body, "{\"error\":{\"message\":\"key %.12s... is revoked\"}}", KEY);
    CHECK_EQ_INT(mock_run(NULL, 401, body, false, &resp, &err), LLM_ERR_AUTHENTICATION);
    CHECK(error_key_free(&err));
    CHECK(key_free(logged));
}

/* An error event's fields, kept by the stream's callback. */
static char event_error[4 * LLM_ERROR_MESSAGE_SIZE];
static int keep_error_event(void *user, const llm_event *ev) {
    (void)user;
    if (ev->type == LLM_EVENT_ERROR && ev->error)
        snprintf(event_error, sizeof event_error, "%s|%s|%s|%s", ev->error->message, ev->error->type,
                 ev->error->provider_code, ev->error->request_id);
    return 0;
}

/* A gateway's errors put the detail beside "error" (as FastAPI's
   {"detail": ...} does): a wire format of the caller's reads it there. */
static void detail_decode_error(const llm_json *body, llm_error *err) {
    size_t n;
    const char *s = llm_json_string(llm_json_get(body, "detail"), &n);
    llm_wire_openai_chat()->decode_error(body, err);
    if (s) snprintf(err->message, sizeof err->message, "%.*s", (int)n, s);
}

/* The LLM_EVENT_ERROR of an error inside a stream is scrubbed as the
   final error is: whatever the wire format read, the key is not in it. */
static void stream_error_events_never_carry_the_key(void) {
    static llm_wire_format wire;
    static llm_provider gateway;
    char body[1024];
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_error err;
    size_t i;
    wire = *llm_wire_openai_chat();
    wire.decode_error = detail_decode_error;
    memset(&gateway, 0, sizeof gateway);
    gateway.name = "gateway";
    gateway.wire = &wire;
    gateway.default_base_url = "https://gateway.example/v1";
    gateway.auth_header = "Authorization";
    gateway.auth_prefix = "Bearer ";
    for (i = 0; i < 2; i++) {
        snprintf(body, sizeof body,
                 "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
                 "data: {\"error\":{\"message\":\"Incorrect API key provided: %s\",\"type\":\"invalid_request_error\","
                 "\"code\":\"invalid_api_key\"},\"detail\":\"the key %s was refused\"}\n\n",
                 KEY, KEY);
        memset(&x, 0, sizeof x);
        x.status = 200;
        x.headers = "Content-Type: text/event-stream\n";
        x.body = body;
        memset(&mock, 0, sizeof mock);
        mock.exchanges = &x;
        mock.count = 1;
        memset(&d, 0, sizeof d);
        if (i == 1) d.custom_provider = &gateway;
        d.api_key = KEY;
        d.transport = llm_mock_transport(&mock);
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        event_error[0] = '\0';
        CHECK_EQ_INT(llm_stream(&c, &req, keep_error_event, NULL, &resp, &err), LLM_ERR_AUTHENTICATION);
        CHECK(event_error[0] != '\0');
        if (!CHECK(key_free(event_error))) fprintf(stderr, "  the event's error: %s\n", event_error);
        CHECK(error_key_free(&err));
        llm_response_free(&resp);
    }
}

/* The provider's auth header is the request's secret header whatever its
   name, also when its key comes among the desc's headers (a gateway's),
   and llm_http_request.secret is the key alone, for a transport's logs. */
static void the_auth_header_is_secret_whatever_its_source(void) {
    static llm_provider gateway;
    static const llm_pair key_header = {"x-gateway-key", "Key sk-gateway-0123456789"};
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    size_t i;
    memset(&gateway, 0, sizeof gateway);
    gateway.name = "gateway";
    gateway.wire = llm_wire_openai_chat();
    gateway.default_base_url = "https://gateway.example/v1";
    gateway.auth_header = "X-Gateway-Key";
    gateway.auth_prefix = "Key ";
    for (i = 0; i < 2; i++) {
        memset(&d, 0, sizeof d);
        d.custom_provider = &gateway;
        if (i == 0) d.api_key = "sk-gateway-0123456789";
        else d.headers = &key_header, d.header_count = 1;
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
        if (CHECK(http->secret_header > 0)) {
            CHECK(strcmp(http->headers[http->secret_header - 1].name, i ? "x-gateway-key" : "X-Gateway-Key") == 0);
            CHECK_EQ_STR(http->headers[http->secret_header - 1].value, "Key sk-gateway-0123456789");
        }
        CHECK(http->secret && strcmp(http->secret, "sk-gateway-0123456789") == 0);
        llm_call_free(&call);
    }
    {   /* the scrubber a transport logs with */
        static const char line[] = "x-request-id: sk-gateway-0123456789\r, sk-gatew, sk-gate";
        char out[64];
        /* the key, a CR, a run of its first 8 bytes, then 7 of them (kept) */
        CHECK_EQ_INT(llm_scrub_copy(out, sizeof out, line, sizeof line - 1, "sk-gateway-0123456789"), 32);
        CHECK_EQ_STR(out, "x-request-id: *** , ***, sk-gate");
        CHECK_EQ_INT(llm_scrub_copy(out, 16, line, sizeof line - 1, "sk-gateway-0123456789"), 15); /* cut after */
        CHECK_EQ_STR(out, "x-request-id: *");
    }
}

/* ---- 8: control bytes and URLs refused, naming the field ---- */

static void control_bytes_are_refused(void) {
    llm_client_desc d;
    llm_client c;
    llm_pair h;
    llm_error err;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    static const char *const bad_urls[] = {"", "file:///etc/passwd", "ftp://x", "http://", "https:///x", "http://a b", "http://a\x01"};
    size_t i;
    memset(&d, 0, sizeof d);
    d.api_key = "sk-\001abc";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "api_key") != NULL);
    d.api_key = "sk-ok\t";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    d.api_key = NULL;
    for (i = 0; i < TEST_COUNT(bad_urls); i++) {
        d.base_url = bad_urls[i];
        if (!CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT)) fprintf(stderr, "  base_url \"%s\"\n", bad_urls[i]);
        CHECK(strstr(err.message, "base_url") != NULL);
    }
    d.base_url = "HTTPS://api.example.com/v1";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_OK);
    d.base_url = NULL;
    d.headers = &h;
    d.header_count = 1;
    h.name = "X-Ok";
    h.value = "a\x1b[31m";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "headers[0].value") != NULL);
    h.value = "tab\tis fine";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_OK);
    h.name = "X-Bad: evil";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "headers[0].name") != NULL);
    h.name = "X Space";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    d.headers = NULL;
    d.header_count = 0;
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_OK);
    req.request_id = "req\x7f";
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "request_id") != NULL);
    req.request_id = NULL;
    h.name = "X-Trace";
    h.value = "line\nbreak";
    req.headers = &h;
    req.header_count = 1;
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "headers[0].value") != NULL);
}

/* ---- 9: secrets are wiped before their memory goes back ---- */

static void secrets_are_wiped_before_free(void) {
    peak_stats ps;
    llm_allocator a;
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_router r;
    llm_router_desc rd;
    llm_deployment_desc dep;
    const char *ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";
    char config[512];
    int64_t now = 0;
    memset(&ps, 0, sizeof ps);
    ps.secret = KEY + 3;
    a.alloc = peak_alloc;
    a.realloc = peak_realloc;
    a.free = peak_free;
    a.user = &ps;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.body = ok;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.alloc = a;
    d.api_key = KEY;
    d.transport = llm_mock_transport(&mock);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(ps.with_secret, 0); /* "Bearer <key>" lived in the call */
    memset(&dep, 0, sizeof dep);
    dep.model = "gpt-4o";
    dep.api_key = KEY;
    memset(&rd, 0, sizeof rd);
    rd.deployments = &dep;
    rd.deployment_count = 1;
    rd.alloc = a;
    rd.clock_ms = vclock;
    rd.clock_user = &now;
    CHECK_EQ_INT(llm_router_init(&r, &rd, NULL), LLM_OK);
    llm_router_free(&r);
    CHECK_EQ_INT(ps.with_secret, 0); /* the router's copy */
    snprintf(config, sizeof config, "{\"model_list\":[{\"model_name\":\"g\",\"litellm_params\":{\"model\":\"gpt-4o\",\"api_key\":\"%s\"}}]}", KEY);
    memset(&rd, 0, sizeof rd);
    rd.alloc = a;
    rd.clock_ms = vclock;
    rd.clock_user = &now;
    CHECK_EQ_INT(llm_router_init_json(&r, config, strlen(config), &rd, NULL), LLM_OK);
    llm_router_free(&r);
    CHECK_EQ_INT(ps.with_secret, 0); /* and the config loader's document */
    CHECK_EQ_INT(ps.live, 0);
}

/* ---- 11: an answer without a choice is not a success ---- */

static void answers_without_choices_are_parse_errors(void) {
    llm_response resp;
    llm_error err;
    const char *empty = "{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":0,\"total_tokens\":1}}";
    const char *usage_only = "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":0,\"total_tokens\":1}}\n\ndata: [DONE]\n\n";
    const char *usage_after = "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}\n\n"
                              "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":0,\"total_tokens\":1}}\n\ndata: [DONE]\n\n";
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, empty, strlen(empty), false, &resp, &err), LLM_ERR_PARSE);
    CHECK(resp.choices == NULL && strstr(err.message, "no choice") != NULL);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, usage_only, strlen(usage_only), true, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("openai", 200, usage_after, strlen(usage_after), true, &resp, &err), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].finish_reason == LLM_FINISH_STOP && resp.usage.source == LLM_USAGE_REPORTED);
    llm_response_free(&resp);
}

/* ---- 13: a zeroed llm_error is "nothing said" ---- */

typedef struct zero_transport {
    int calls;
} zero_transport;

/* Fails the first exchange the way an outside transport does: the error
   memset to zero, then the code set. */
static llm_result zeroing_send(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    zero_transport *t = (zero_transport *)user;
    static const char ok[] = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";
    llm_result r;
    (void)req;
    if (t->calls++ == 0) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = LLM_ERR_TRANSPORT;
            strcpy(err->message, "connection refused");
        }
        return LLM_ERR_TRANSPORT;
    }
    if ((r = sink->status(sink->ctx, 200)) != LLM_OK) return r;
    return sink->body(sink->ctx, ok, sizeof ok - 1);
}

static void a_zeroed_error_means_nothing_said(void) {
    zero_transport t;
    llm_deployment_desc deps[2];
    llm_router_desc d;
    llm_router r;
    llm_request req = request();
    llm_response resp;
    llm_router_stats st;
    const char *to[1];
    llm_router_fallback fb;
    llm_error e;
    int64_t now = 0;
    memset(&e, 0, sizeof e);
    CHECK(!e.has_retry_after && e.should_retry == LLM_UNSET);
    memset(&t, 0, sizeof t);
    memset(deps, 0, sizeof deps);
    deps[0].group = "main";
    deps[0].model = "gpt-4o";
    deps[1].group = "backup";
    deps[1].model = "gpt-4o-mini";
    to[0] = "backup";
    memset(&fb, 0, sizeof fb);
    fb.group = "main";
    fb.to = to;
    fb.to_count = 1;
    memset(&d, 0, sizeof d);
    d.deployments = deps;
    d.deployment_count = 2;
    d.fallbacks = &fb;
    d.fallback_count = 1;
    d.transport.send = zeroing_send;
    d.transport.user = &t;
    d.clock_ms = vclock;
    d.sleep_ms = vsleep;
    d.clock_user = &now;
    req.model = "main";
    CHECK_EQ_INT(llm_router_init(&r, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, NULL), LLM_OK);
    llm_router_get_stats(&r, &st);
    CHECK_EQ_INT(st.retries, 1);      /* retried the same group... */
    CHECK_EQ_INT(st.fallbacks, 0);    /* ...not fallen back at once */
    llm_response_free(&resp);
    llm_router_free(&r);
}

/* ---- 17: errors inside a stream are classified by type and code ---- */

static void in_stream_errors_are_classified_by_type_and_code(void) {
    static const struct { const char *error; llm_result want; bool retryable; } cases[] = {
        {"{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"message\":\"bad key\"}", LLM_ERR_AUTHENTICATION, false},
        {"{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}", LLM_ERR_RATE_LIMITED, true},
        {"{\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\",\"message\":\"too long\"}", LLM_ERR_CONTEXT_WINDOW_EXCEEDED, false},
        {"{\"type\":\"permission_error\",\"message\":\"no\"}", LLM_ERR_PERMISSION, false},
        {"{\"code\":402,\"message\":\"Insufficient credits\"}", LLM_ERR_PAYMENT_REQUIRED, false},
        {"{\"message\":\"something broke\"}", LLM_ERR_SERVER, true},
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        char sse[512];
        llm_response resp;
        llm_error err;
        snprintf(sse, sizeof sse, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"error\":%s}\n\n", cases[i].error);
        if (!CHECK_EQ_INT(llm_decode_recorded("openai", 200, sse, strlen(sse), true, &resp, &err), cases[i].want)) fprintf(stderr, "  %s\n", cases[i].error);
        CHECK(err.retryable == cases[i].retryable);
        CHECK_EQ_INT(err.http_status, 200);
        llm_response_free(&resp);
    }
    {   /* Anthropic's words are its wire format's: overloaded_error */
        const char *sse = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        llm_response resp;
        llm_error err;
        CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, strlen(sse), true, &resp, &err), LLM_ERR_UNAVAILABLE);
        CHECK(err.retryable);
        llm_response_free(&resp);
    }
}

/* ---- 19: what comes after a whole answer ---- */

/* A whole OpenAI stream (the documented chunk shape), then [DONE]. */
static const char whole_stream[] =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"}}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";

/* The limit on an answer's headers and trailers together, as llm.h's
   LIMITS AND DEADLINES documents it (LLM_MAX_HEADER_BYTES, 256 KiB). */
#define DOCUMENTED_HEADER_LIMIT (256 * 1024)

/* A streamed call that has taken the whole answer above (begun at time 0). */
static void begin_whole_stream(llm_call *call, const llm_client *c, const llm_request *req) {
    const llm_http_request *http;
    llm_event ev;
    CHECK_EQ_INT(llm_call_begin_stream(call, c, req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_status(call, 200), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_header(call, "Content-Type", 12, "text/event-stream", 17), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_body(call, whole_stream, sizeof whole_stream - 1), LLM_OK);
    while (llm_call_next_event(call, &ev) == LLM_OK) {}
    CHECK_EQ_INT(llm_call_next_event(call, &ev), LLM_DONE);
}

/* Trailer lines of 1,000 bytes fed until the call says stop (at most
   10 MB); returns the bytes fed, *last what the last feed returned. */
static size_t feed_trailers(llm_call *call, llm_result *last) {
    static char value[1000];
    size_t fed = 0;
    int i;
    memset(value, 'x', sizeof value);
    *last = LLM_OK;
    for (i = 0; i < 10000 && *last == LLM_OK; i++) {
        *last = llm_call_feed_header(call, "x-trailer", 9, value, sizeof value);
        if (*last == LLM_OK) fed += 9 + sizeof value + 4; /* "name: value\r\n" */
    }
    return fed;
}

static bool whole_answer(const llm_response *resp) {
    return resp->choice_count == 1 && resp->choices[0].content && strcmp(resp->choices[0].content, "Hello world") == 0 &&
           resp->choices[0].finish_reason == LLM_FINISH_STOP;
}

/* Trailers after [DONE] are bounded with the headers: the call says stop
   (LLM_DONE) at the limit, and the answer is the whole one, not an error.
   Before the answer is whole, the same flood is LLM_ERR_LIMIT_EXCEEDED. */
static void trailers_after_a_whole_answer_are_bounded(void) {
    llm_client c;
    llm_allocator a;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    llm_response resp;
    llm_error err;
    llm_result last;
    size_t fed;
    memset(&a, 0, sizeof a);
    client_with(&c, a, NULL);
    begin_whole_stream(&call, &c, &req);
    fed = feed_trailers(&call, &last);
    CHECK_EQ_INT(last, LLM_DONE);
    if (!CHECK(fed <= DOCUMENTED_HEADER_LIMIT)) fprintf(stderr, "  %zu bytes of trailers taken\n", fed);
    CHECK_EQ_INT(llm_call_feed_body(&call, "data: x\n\n", 9), LLM_DONE); /* what follows is not wanted either */
    if (!CHECK_EQ_INT(llm_call_finish(&call, 10, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    CHECK(whole_answer(&resp));
    llm_response_free(&resp);
    llm_call_free(&call);
    /* the same flood before the end marker */
    CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &req, 0, &http, NULL), LLM_OK);
    llm_call_feed_status(&call, 200);
    fed = feed_trailers(&call, &last);
    CHECK_EQ_INT(last, LLM_ERR_LIMIT_EXCEEDED);
    CHECK(fed <= DOCUMENTED_HEADER_LIMIT);
    CHECK_EQ_INT(llm_call_finish(&call, 10, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
    CHECK(strstr(err.message, "headers and trailers") != NULL);
    llm_response_free(&resp);
    llm_call_free(&call);
    /* a whole non-streamed answer, then a flood of trailers */
    {
        static const char body[] = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                                   "{\"role\":\"assistant\",\"content\":\"Hello world\"},\"finish_reason\":\"stop\"}]}";
        CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
        llm_call_feed_status(&call, 200);
        CHECK_EQ_INT(llm_call_feed_body(&call, body, sizeof body - 1), LLM_OK);
        fed = feed_trailers(&call, &last);
        CHECK_EQ_INT(last, LLM_DONE);
        CHECK(fed <= DOCUMENTED_HEADER_LIMIT);
        llm_call_fail(&call, LLM_ERR_TIMEOUT, "the transfer ran out of time"); /* what broke after it */
        if (!CHECK_EQ_INT(llm_call_finish(&call, 10, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
        CHECK(whole_answer(&resp));
        llm_response_free(&resp);
        llm_call_free(&call);
    }
}

/* The stream's deadlines stay armed after [DONE] while the transfer goes
   on: a tick past one says stop (LLM_DONE), the answer stands, and a
   transport that then fails does not make it TRUNCATED. */
static void deadlines_hold_after_a_whole_answer(void) {
    llm_client c;
    llm_allocator a;
    llm_request req = request();
    llm_call call;
    llm_response resp;
    llm_error err;
    int64_t now;
    llm_result r = LLM_OK;
    memset(&a, 0, sizeof a);
    client_with(&c, a, NULL);
    req.stream.stall_timeout_ms = 500;
    req.stream.total_timeout_ms = 5000;
    begin_whole_stream(&call, &c, &req);
    for (now = 50; now <= 60000 && r == LLM_OK; now += 50) r = llm_call_tick(&call, now);
    CHECK_EQ_INT(r, LLM_DONE);
    if (!CHECK(now - 50 > 500 && now - 50 <= 600)) /* the events were taken by the first tick, at 50 */ fprintf(stderr, "  stopped at %lld ms\n", (long long)(now - 50));
    llm_call_fail(&call, LLM_ERR_TRANSPORT, "the connection was dropped");
    if (!CHECK_EQ_INT(llm_call_finish(&call, now, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    CHECK(whole_answer(&resp));
    llm_response_free(&resp);
    llm_call_free(&call);
    /* the total deadline, with trailers trickling in (each one a tick) */
    req.stream.stall_timeout_ms = 0;
    req.stream.total_timeout_ms = 800;
    begin_whole_stream(&call, &c, &req);
    for (r = LLM_OK, now = 50; now <= 60000 && r == LLM_OK; now += 50) {
        r = llm_call_feed_header(&call, "x-trailer", 9, "x", 1);
        if (r == LLM_OK) r = llm_call_tick(&call, now);
    }
    CHECK_EQ_INT(r, LLM_DONE);
    if (!CHECK(now - 50 > 800 && now - 50 <= 850)) fprintf(stderr, "  stopped at %lld ms\n", (long long)(now - 50));
    CHECK_EQ_INT(llm_call_finish(&call, now, &resp, &err), LLM_OK);
    CHECK(whole_answer(&resp));
    llm_response_free(&resp);
    llm_call_free(&call);
    /* no deadline set: what is left of the transfer gets the documented
       second after the end marker (the first tick that saw it, at 50) */
    req.stream.total_timeout_ms = 0;
    begin_whole_stream(&call, &c, &req);
    for (r = LLM_OK, now = 50; now <= 60000 && r == LLM_OK; now += 50) r = llm_call_tick(&call, now);
    CHECK_EQ_INT(r, LLM_DONE);
    if (!CHECK(now - 50 > 1050 && now - 50 <= 1100)) fprintf(stderr, "  stopped at %lld ms\n", (long long)(now - 50));
    CHECK_EQ_INT(llm_call_finish(&call, now, &resp, &err), LLM_OK);
    CHECK(whole_answer(&resp));
    llm_response_free(&resp);
    llm_call_free(&call);
}

/* ---- 18: router init on many groups, and duplicate ids ---- */

static double cpu_seconds_for_groups(size_t n) {
    llm_deployment_desc *deps = (llm_deployment_desc *)calloc(n, sizeof *deps);
    char *names = (char *)malloc(n * 16);
    llm_router_desc d;
    llm_router r;
    clock_t start;
    double s;
    size_t i;
    int64_t now = 0;
    for (i = 0; i < n; i++) {
        snprintf(names + i * 16, 16, "g%u", (unsigned)i);
        deps[i].group = names + i * 16;
        deps[i].model = "gpt-4o";
    }
    memset(&d, 0, sizeof d);
    d.deployments = deps;
    d.deployment_count = n;
    d.clock_ms = vclock;
    d.clock_user = &now;
    start = clock();
    CHECK_EQ_INT(llm_router_init(&r, &d, NULL), LLM_OK);
    s = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK_EQ_INT(llm_router_deployment_count(&r), n);
    llm_router_free(&r);
    free(deps);
    free(names);
    return s;
}

static void router_init_is_linear_in_groups(void) {
    double small = cpu_seconds_for_groups(4000), big = cpu_seconds_for_groups(40000);
    if (small < 0.002) small = 0.002;
    if (!CHECK(big / small < 40)) fprintf(stderr, "  4,000 groups: %.3f s; 40,000: %.3f s\n", small, big);
}

static void duplicate_deployment_ids_are_refused(void) {
    const char *config = "{\"model_list\":[{\"model_name\":\"a\",\"litellm_params\":{\"model\":\"gpt-4o\"},\"model_info\":{\"id\":\"d1\"}},"
                         "{\"model_name\":\"b\",\"litellm_params\":{\"model\":\"gpt-4o-mini\"},\"model_info\":{\"id\":\"d1\"}}]}";
    llm_router_desc base;
    llm_router r;
    llm_error err;
    int64_t now = 0;
    memset(&base, 0, sizeof base);
    base.clock_ms = vclock;
    base.clock_user = &now;
    CHECK_EQ_INT(llm_router_init_json(&r, config, strlen(config), &base, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "deployments[1].id") != NULL && strstr(err.message, "\"d1\"") != NULL);
}

/* ---- 10: the price cache is written through a file created exclusively ---- */

#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_STDIO) && defined(__unix__)
#include <unistd.h>
#include <dirent.h>
static void the_price_cache_is_written_exclusively(void) {
    static const char table[] = "{\"cached-model\":{\"litellm_provider\":\"openai\",\"input_cost_per_token\":1e-06,\"output_cost_per_token\":2e-06}}";
    char dir[] = "/tmp/llm_cache_test_XXXXXX", cache[128], trap[128], victim[128], buf[64];
    llm_mock_exchange x;
    llm_mock mock;
    llm_transport t;
    llm_costs db;
    llm_costs_origin origin;
    FILE *f;
    size_t n;
    DIR *dd;
    struct dirent *e;
    int others = 0;
    if (!CHECK(mkdtemp(dir) != NULL)) return;
    snprintf(cache, sizeof cache, "%s/prices.json", dir);
    snprintf(trap, sizeof trap, "%s/prices.json.tmp", dir); /* the name the old writer used */
    snprintf(victim, sizeof victim, "%s/victim", dir);
    f = fopen(victim, "wb");
    fputs("precious", f);
    fclose(f);
    CHECK_EQ_INT(symlink(victim, trap), 0);
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.body = table;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    t = llm_mock_transport(&mock);
    memset(&db, 0, sizeof db);
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "https://prices.example/p.json", cache, 3600, 1000000, &origin, NULL), LLM_OK);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_NETWORK);
    f = fopen(victim, "rb");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    CHECK_EQ_STR(buf, "precious");
    f = fopen(cache, "rb");
    CHECK(f != NULL);
    if (f) fclose(f);
    dd = opendir(dir); /* no temporary file left behind */
    while (dd && (e = readdir(dd)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "prices.json") && strcmp(e->d_name, "prices.json.tmp") &&
            strcmp(e->d_name, "victim"))
            others++;
    if (dd) closedir(dd);
    CHECK_EQ_INT(others, 0);
    llm_costs_deinit(&db);
    remove(cache);
    remove(trap);
    remove(victim);
    rmdir(dir);
}
#else
static void the_price_cache_is_written_exclusively(void) {}
#endif

/* ---- 19: the SSE parser on an empty body (UBSan: NULL + 0) ---- */

static void sse_parser_without_bytes(void) {
    llm_sse p;
    llm_sse_event ev;
    memset(&p, 0, sizeof p);
    CHECK_EQ_INT(llm_sse_next(&p, &ev), LLM_AGAIN);
    CHECK_EQ_INT(llm_sse_feed(&p, NULL, 0), LLM_OK);
    CHECK_EQ_INT(llm_sse_next(&p, &ev), LLM_AGAIN);
    CHECK(!llm_sse_ended_mid_event(&p));
    llm_sse_free(&p);
}

/* ---- 12: credentials over plain HTTP, from a token callback, in a user header ---- */

/* Begins a call of `c` and says how it went (the request stays in *http). */
static llm_result begin_one(llm_call *call, const llm_client *c, const llm_request *req, const llm_http_request **http,
                            llm_error *err) {
    return llm_call_begin(call, c, req, 0, http, err);
}

/* A key goes over http:// only to loopback (127.0.0.0/8, ::1, localhost),
   unless the desc says allow_plain_http; https:// and keyless requests go
   anywhere. Host names that only start like loopback are not loopback. */
static void plain_http_carries_a_key_only_to_loopback(void) {
    static const char *const refused[] = {"http://example.com/v1", "http://127.0.0.1.example.com/v1",
                                          "http://localhost.example.com/v1", "http://10.0.0.1:8000/v1",
                                          "HTTP://Example.com", "http://user@example.com/v1",
                                          "http://[::2]:8000/v1", "http://128.0.0.1/v1", "http://127.0.0.256/v1"};
    static const char *const allowed[] = {"http://127.0.0.1:8000/v1", "http://127.9.8.7/v1", "http://localhost:11434",
                                          "http://LOCALHOST/v1", "http://[::1]:8000/v1", "https://example.com/v1"};
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    llm_error err;
    size_t i;
    memset(&d, 0, sizeof d);
    d.api_key = KEY;
    for (i = 0; i < TEST_COUNT(refused); i++) {
        d.base_url = refused[i];
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        if (!CHECK_EQ_INT(begin_one(&call, &c, &req, &http, &err), LLM_ERR_INVALID_ARGUMENT))
            fprintf(stderr, "  %s was accepted\n", refused[i]);
        CHECK(strstr(err.message, "allow_plain_http") != NULL);
        CHECK(strstr(err.message, KEY + 3) == NULL);
        llm_call_free(&call);
    }
    for (i = 0; i < TEST_COUNT(allowed); i++) {
        d.base_url = allowed[i];
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        if (!CHECK_EQ_INT(begin_one(&call, &c, &req, &http, &err), LLM_OK)) fprintf(stderr, "  %s: %s\n", allowed[i], err.message);
        llm_call_free(&call);
    }
    d.base_url = "http://example.com/v1"; /* the caller's opt-in */
    d.allow_plain_http = true;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(begin_one(&call, &c, &req, &http, &err), LLM_OK);
    CHECK_EQ_STR(http->url, "http://example.com/v1/chat/completions");
    llm_call_free(&call);
    d.allow_plain_http = false; /* no key, nothing to protect */
    d.api_key = NULL;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(begin_one(&call, &c, &req, &http, &err), LLM_OK);
    llm_call_free(&call);
    CHECK(llm_http_url_is_loopback("http://127.0.0.1:4000/v1") && !llm_http_url_is_loopback("http://127.0.0.1.nip.io/"));
}

/* A router's deployments: refused the same way, allowed by the
   deployment's flag or the router's. */
static void a_router_sends_a_key_over_plain_http_only_when_allowed(void) {
    const char *ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";
    llm_mock_exchange x;
    llm_mock mock;
    llm_router r;
    llm_router_desc rd;
    llm_deployment_desc dep;
    llm_request req = request();
    llm_response resp;
    llm_error err;
    int64_t now = 0;
    int i;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.body = ok;
    req.model = "g";
    for (i = 0; i < 3; i++) {
        memset(&mock, 0, sizeof mock);
        mock.exchanges = &x;
        mock.count = 1;
        memset(&dep, 0, sizeof dep);
        dep.group = "g";
        dep.model = "gpt-4o";
        dep.api_key = KEY;
        dep.base_url = "http://example.com/v1";
        dep.allow_plain_http = i == 1;
        memset(&rd, 0, sizeof rd);
        rd.deployments = &dep;
        rd.deployment_count = 1;
        rd.allow_plain_http = i == 2;
        rd.has_num_retries = true;
        rd.transport = llm_mock_transport(&mock);
        rd.clock_ms = vclock;
        rd.sleep_ms = vsleep;
        rd.clock_user = &now;
        CHECK_EQ_INT(llm_router_init(&r, &rd, NULL), LLM_OK);
        if (!CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, &err), i == 0 ? LLM_ERR_INVALID_ARGUMENT : LLM_OK))
            fprintf(stderr, "  %d: %s\n", i, err.message);
        CHECK_EQ_INT((int)mock.next, i == 0 ? 0 : 1); /* nothing sent when refused */
        llm_response_free(&resp);
        llm_router_free(&r);
    }
}

static const char *token_with_crlf(void *user) {
    (void)user;
    return "tok-abc\r\nX-Injected: 1";
}

/* A token with CR or LF would split the header: refused as an invalid
   argument (not out of memory), the message naming get_token, never the token. */
static void a_token_with_a_line_break_is_invalid(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http;
    llm_error err;
    memset(&d, 0, sizeof d);
    d.get_token = token_with_crlf;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(begin_one(&call, &c, &req, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "get_token") != NULL);
    CHECK(strstr(err.message, "tok-abc") == NULL);
    llm_call_free(&call);
    d.get_token = NULL;
    d.bearer_token = "tok-abc\nX: y";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT); /* refused at init already */
}

/* The headers of a request named `lower` (any case): how many, and the last one's value. */
static int headers_named(const llm_http_request *http, const char *lower, const char **value) {
    size_t i;
    int n = 0;
    for (i = 0; i < http->header_count; i++)
        if (strlen(http->headers[i].name) == strlen(lower) && llm__starts_ci(http->headers[i].name, lower)) {
            n++;
            *value = http->headers[i].value;
        }
    return n;
}

/* A header of the desc or the request named like the one the key goes in
   (any case) replaces it, as the official SDKs let explicit headers win:
   one such header goes out, the caller's (the request's over the desc's),
   it is the secret header, and the key is in no header. */
static void a_user_auth_header_replaces_the_key(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_call call;
    const llm_http_request *http = NULL;
    llm_pair dh = {"authorization", "Bearer from-desc"}, rh = {"AUTHORIZATION", "Bearer from-request"};
    llm_pair ah = {"X-Api-Key", "user-key"};
    const char *v = NULL;
    size_t i;
    memset(&d, 0, sizeof d);
    d.api_key = KEY;
    d.headers = &dh;
    d.header_count = 1;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    if (CHECK_EQ_INT(begin_one(&call, &c, &req, &http, NULL), LLM_OK) && CHECK(http != NULL)) {
        CHECK_EQ_INT(headers_named(http, "authorization", &v), 1);
        CHECK_EQ_STR(v, "Bearer from-desc");
        CHECK(http->secret_header > 0 && strcmp(http->headers[http->secret_header - 1].value, "Bearer from-desc") == 0);
        for (i = 0; i < http->header_count; i++) CHECK(strstr(http->headers[i].value, KEY) == NULL);
    }
    llm_call_free(&call);
    req.headers = &rh;
    req.header_count = 1;
    http = NULL;
    if (CHECK_EQ_INT(begin_one(&call, &c, &req, &http, NULL), LLM_OK) && CHECK(http != NULL)) {
        CHECK_EQ_INT(headers_named(http, "authorization", &v), 1);
        CHECK_EQ_STR(v, "Bearer from-request");
    }
    llm_call_free(&call);
    memset(&d, 0, sizeof d); /* Anthropic's key header */
    d.provider = "anthropic";
    d.api_key = KEY;
    req = request();
    req.model = "claude-sonnet-4-5";
    req.max_tokens = 100;
    req.headers = &ah;
    req.header_count = 1;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    http = NULL;
    if (CHECK_EQ_INT(begin_one(&call, &c, &req, &http, NULL), LLM_OK) && CHECK(http != NULL)) {
        CHECK_EQ_INT(headers_named(http, "x-api-key", &v), 1);
        CHECK_EQ_STR(v, "user-key");
    }
    llm_call_free(&call);
}

/* A size near SIZE_MAX asked of an answer's memory is refused (NULL), not
   rounded up past SIZE_MAX into a small block that the caller would then
   write its whole size into. */
static void a_huge_size_asked_of_an_answers_memory_is_refused(void) {
    llm_response resp;
    llm_embed_response vectors;
    llm_model_list list;
    size_t k;
    memset(&resp, 0, sizeof resp);
    memset(&vectors, 0, sizeof vectors);
    memset(&list, 0, sizeof list);
    for (k = 1; k <= 16; k++) { /* the sizes whose rounding up to 16 bytes wraps past SIZE_MAX */
        CHECK(llm_response_alloc(&resp, (size_t)-1 - k) == NULL);
        CHECK(llm_embed_response_alloc(&vectors, (size_t)-1 - k) == NULL);
        CHECK(llm_model_list_alloc(&list, (size_t)-1 - k) == NULL);
    }
    CHECK(llm_response_alloc(&resp, 16) != NULL); /* an ordinary size still works */
    llm_response_free(&resp);
}

static const test_case cases[] = {
    TEST(a_huge_size_asked_of_an_answers_memory_is_refused),
    TEST(choice_indices_are_bounded_by_the_request),
    TEST(recorded_answers_cap_choices_at_128),
    TEST(memory_is_proportional_to_the_answer),
    TEST(distinct_choices_take_linear_time),
    TEST(streams_have_a_byte_limit),
    TEST(streams_have_a_total_deadline),
    TEST(tool_calls_without_a_name_are_refused),
    TEST(skipped_indices_and_missing_ids_make_no_phantoms),
    TEST(glued_arguments_are_flagged_streamed_or_not),
    TEST(usage_out_of_range_is_refused),
    TEST(absurd_prices_are_refused),
    TEST(huge_usage_does_not_exhaust_a_budget),
    TEST(the_key_is_scrubbed_from_every_field),
    TEST(stream_error_events_never_carry_the_key),
    TEST(the_auth_header_is_secret_whatever_its_source),
    TEST(control_bytes_are_refused),
    TEST(secrets_are_wiped_before_free),
    TEST(answers_without_choices_are_parse_errors),
    TEST(a_zeroed_error_means_nothing_said),
    TEST(in_stream_errors_are_classified_by_type_and_code),
    TEST(router_init_is_linear_in_groups),
    TEST(duplicate_deployment_ids_are_refused),
    TEST(the_price_cache_is_written_exclusively),
    TEST(sse_parser_without_bytes),
    TEST(trailers_after_a_whole_answer_are_bounded),
    TEST(deadlines_hold_after_a_whole_answer),
    TEST(plain_http_carries_a_key_only_to_loopback),
    TEST(a_router_sends_a_key_over_plain_http_only_when_allowed),
    TEST(a_token_with_a_line_break_is_invalid),
    TEST(a_user_auth_header_replaces_the_key),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
