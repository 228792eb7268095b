/* Streaming: the blocking llm_stream and the sans-I/O call, the stream
   rules (deadlines, loop guard, cancel, truncation, tool-call assembly) and
   the CLI's verbs' library side. Expected values are written by hand from
   the bytes each test feeds. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};
static const llm_message hi = {.role = LLM_ROLE_USER, .content = "hi"};

static llm_request stream_request(void) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o";
    r.messages = &hello;
    r.message_count = 1;
    return r;
}

#define CHUNK(content) "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" content "\"}}]}\n\n"
#define FINISH "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
#define USAGE "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
#define DONE "data: [DONE]\n\n"

typedef struct recorder {
    char log[2048];
    int cancel_after;           /* cancel at this event (1-based); 0 = never */
    int events;
} recorder;

static int record(void *user, const llm_event *ev) {
    static const char *const names[] = {"?", "text", "reasoning", "refusal", "start", "delta", "end", "usage", "finish", "error"};
    recorder *r = (recorder *)user;
    char line[300];
    r->events++;
    snprintf(line, sizeof line, "%s%s%.*s%s", r->log[0] ? " " : "", names[ev->type], (int)(ev->text ? ev->text_len : 0),
             ev->text ? ev->text : "", ev->type == LLM_EVENT_FINISH ? llm_finish_reason_str(ev->finish_reason) : "");
    if (strlen(r->log) + strlen(line) < sizeof r->log) strcat(r->log, line);
    return r->cancel_after && r->events >= r->cancel_after;
}

/* One run of llm_stream over the mock transport: what goes in, what comes
   out, and the allocator that proves nothing leaks. */
typedef struct stream_case {
    llm_request req;
    recorder rec;
    llm_response resp;
    llm_error err;
    test_alloc_stats stats;
    char sent[1024];             /* the body sent, "|", the Accept header */
} stream_case;

static void case_start(stream_case *t) {
    memset(t, 0, sizeof *t);
    t->req = stream_request();
}

/* Runs `body` (status 200) in chunks of `chunk` bytes (0: whole); the
   previous run's response and event log are dropped first. */
static llm_result case_run(stream_case *t, const char *headers, const char *body, size_t chunk) {
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_call call;
    const llm_http_request *http = NULL;
    int cancel_after = t->rec.cancel_after;
    llm_response_free(&t->resp);
    memset(&t->rec, 0, sizeof t->rec);
    t->rec.cancel_after = cancel_after;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = headers;
    x.body = body;
    x.chunk = chunk;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.alloc.alloc = test_alloc_fn;
    d.alloc.realloc = test_realloc_fn;
    d.alloc.free = test_free_fn;
    d.alloc.user = &t->stats;
    llm_client_init(&c, &d, NULL);
    if (llm_call_begin_stream(&call, &c, &t->req, 0, &http, NULL) == LLM_OK) {
        if (CHECK(http != NULL)) snprintf(t->sent, sizeof t->sent, "%s|%s", http->body, http->headers[1].value);
        llm_call_free(&call);
    }
    return llm_stream(&c, &t->req, record, &t->rec, &t->resp, &t->err);
}

static void case_end(stream_case *t) {
    llm_response_free(&t->resp);
    CHECK_EQ_INT(t->stats.live, 0);
    CHECK_EQ_INT(t->stats.bad_sizes, 0);
}

/* Choice 0's content is `text`. */
static bool content_is(const llm_response *resp, const char *text) {
    return resp->choice_count == 1 && resp->choices[0].content && strcmp(resp->choices[0].content, text) == 0;
}

static void stream_delivers_events_and_the_same_response(void) {
    const char *body = CHUNK("Hel") CHUNK("lo") FINISH USAGE DONE;
    size_t chunk;
    for (chunk = 0; chunk < 8; chunk++) {
        stream_case t;
        case_start(&t);
        CHECK_EQ_INT(case_run(&t, "content-type: text/event-stream\n", body, chunk), LLM_OK);
        CHECK_EQ_STR(t.rec.log, "textHel textlo finishstop usage");
        CHECK(content_is(&t.resp, "Hello") && t.resp.choices[0].content_len == 5);
        CHECK(t.resp.choice_count == 1 && t.resp.choices[0].finish_reason == LLM_FINISH_STOP);
        CHECK(t.resp.usage.source == LLM_USAGE_REPORTED && t.resp.usage.prompt_tokens == 5 && t.resp.usage.completion_tokens == 2 && t.resp.usage.total_tokens == 7);
        CHECK_EQ_STR(t.resp.id, "c");
        CHECK_EQ_STR(t.resp.model, "gpt-4o");
        CHECK_EQ_STR(t.sent, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,"
                             "\"stream_options\":{\"include_usage\":true}}|text/event-stream");
        case_end(&t);
    }
}

/* The OpenAI chunks read in place keep the reader's rules: the first of two
   members of one name wins (llm_json_get), a chunk whose bytes repeat the
   previous one's but for its text is still checked (invalid UTF-8 there is
   the DOM's error, at the byte's offset: 69 + 2), and the response keeps
   the first id and model of the stream. */
static void chunks_read_in_place_follow_the_readers_rules(void) {
    const char *body = CHUNK("Hel") CHUNK("lo\\u00e9")
        "data: {\"id\":\"d\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"1\",\"content\":\"2\"}}]}\n\n"
        "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab\\/\"}}]}\n\n" DONE;
    const char *bad = CHUNK("Hel") CHUNK("lo\xff") DONE;
    size_t chunk;
    for (chunk = 0; chunk < 4; chunk++) {
        stream_case t;
        case_start(&t);
        CHECK_EQ_INT(case_run(&t, "content-type: text/event-stream\n", body, chunk), LLM_OK);
        CHECK_EQ_STR(t.rec.log, "textHel textlo\xc3\xa9 text1 textab/");
        CHECK(content_is(&t.resp, "Hello\xc3\xa9" "1ab/"));
        CHECK_EQ_STR(t.resp.id, "c");
        CHECK_EQ_INT(case_run(&t, "content-type: text/event-stream\n", bad, chunk), LLM_ERR_PARSE);
        CHECK_EQ_STR(t.rec.log, "textHel");
        CHECK_EQ_STR(t.err.message, "stream event data is not JSON: invalid UTF-8 in string at offset 71");
        case_end(&t);
    }
}

/* A header repeated by the next event counts only the members before its
   end: a "created" after another member is read again (0 there, so the
   next chunk's 5 is the stream's, as the DOM decoder has it). */
static void a_repeated_header_is_its_bytes_only(void) {
    const char *body = "data: {\"id\":\"c\",\"x\":1,\"created\":0,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                       "data: {\"id\":\"c\",\"created\":5,\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n" DONE;
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, "content-type: text/event-stream\n", body, 0), LLM_OK);
    CHECK_EQ_STR(t.rec.log, "texta textb");
    CHECK_EQ_INT(t.resp.created, 5);
    case_end(&t);
}

static void stream_without_end_marker_is_truncated_and_keeps_the_text(void) {
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, CHUNK("Hel") CHUNK("lo"), 3), LLM_ERR_TRUNCATED);
    CHECK_EQ_INT(t.err.code, LLM_ERR_TRUNCATED);
    CHECK(content_is(&t.resp, "Hello"));
    /* an event cut in its middle */
    CHECK_EQ_INT(case_run(&t, NULL, CHUNK("Hel") "data: {\"id\"", 0), LLM_ERR_TRUNCATED);
    CHECK(content_is(&t.resp, "Hel"));
    case_end(&t);
}

static void callback_cancels_and_keeps_the_partial_response(void) {
    stream_case t;
    case_start(&t);
    t.rec.cancel_after = 1;
    CHECK_EQ_INT(case_run(&t, NULL, CHUNK("Hel") CHUNK("lo") FINISH DONE, 0), LLM_ERR_CANCELLED);
    CHECK_EQ_INT(t.rec.events, 1);
    CHECK(content_is(&t.resp, "Hel"));
    case_end(&t);
}

static void tool_calls_assemble_by_index(void) {
    /* index 1 first, then index 0, arguments split anywhere */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"y\\\":2}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" DONE;
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, body, 7), LLM_OK);
    CHECK(t.resp.choice_count == 1 && t.resp.choices[0].tool_call_count == 2);
    if (t.resp.choice_count == 1 && t.resp.choices[0].tool_call_count == 2) {
        const llm_tool_call *calls = t.resp.choices[0].tool_calls;
        CHECK_EQ_STR(calls[0].id, "a");
        CHECK_EQ_STR(calls[0].name, "f");
        CHECK_EQ_STR(calls[0].arguments, "{\"x\":1}");
        CHECK_EQ_STR(calls[1].id, "b");
        CHECK_EQ_STR(calls[1].arguments, "{\"y\":2}");
    }
    case_end(&t);
}

static void glued_tool_arguments_are_kept_flagged(void) {
    /* two calls sent under one index (LiteLLM users hit this with Groq):
       "}{" is not one JSON value; since #21 the answer is kept, the call
       carrying the text as it came, flagged, and so does its end event */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"On it.\",\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":2}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" USAGE DONE;
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, body, 0), LLM_OK);
    if (CHECK(t.resp.choice_count == 1 && t.resp.choices[0].tool_call_count == 1)) {
        CHECK_EQ_STR(t.resp.choices[0].content, "On it.");
        CHECK_EQ_STR(t.resp.choices[0].tool_calls[0].arguments, "{\"x\":1}{\"x\":2}");
        CHECK(t.resp.choices[0].tool_calls[0].arguments_invalid);
    }
    CHECK_EQ_INT(t.resp.usage.total_tokens, 7);
    CHECK_EQ_STR(t.rec.log, "text" "On it. start delta{\"x\":1} delta{\"x\":2} end{\"x\":1}{\"x\":2} finishtool_calls usage");
    case_end(&t);
}

static void every_call_at_index_zero_is_told_apart_by_id(void) {
    /* some servers send every tool call with index 0: a new id starts a new call */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" DONE;
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, body, 0), LLM_OK);
    CHECK(t.resp.choice_count == 1 && t.resp.choices[0].tool_call_count == 2);
    if (t.resp.choice_count == 1 && t.resp.choices[0].tool_call_count == 2) {
        CHECK_EQ_STR(t.resp.choices[0].tool_calls[1].name, "g");
        CHECK_EQ_STR(t.resp.choices[0].tool_calls[1].arguments, "{}"); /* empty arguments become {} */
    }
    CHECK_EQ_STR(t.rec.log, "start delta{} end{} start end{} finishtool_calls");
    case_end(&t);
}

static void loop_guard_stops_a_repeating_model(void) {
    char repeats[100 * 120 + 64], shorts[100 * 120 + 64];
    size_t i;
    stream_case t;
    repeats[0] = shorts[0] = '\0';
    for (i = 0; i < 100; i++) {
        strcat(repeats, CHUNK("again"));
        strcat(shorts, CHUNK("ab"));
    }
    strcat(repeats, FINISH DONE);
    strcat(shorts, FINISH DONE);
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, repeats, 0), LLM_ERR_PARSE); /* 100 in a row: the default limit */
    CHECK(strstr(t.err.message, "loop guard") != NULL);
    t.req.stream.has_loop_guard = true;
    t.req.stream.loop_guard = 0; /* off */
    CHECK_EQ_INT(case_run(&t, NULL, repeats, 0), LLM_OK);
    t.req.stream.loop_guard = 101;
    CHECK_EQ_INT(case_run(&t, NULL, repeats, 0), LLM_OK);
    t.req = stream_request(); /* short deltas ("ab") never count */
    CHECK_EQ_INT(case_run(&t, NULL, shorts, 0), LLM_OK);
    case_end(&t);
}

static void plain_json_answer_to_a_stream_becomes_events(void) {
    const char *body = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, "content-type: application/json\n", body, 5), LLM_OK);
    CHECK_EQ_STR(t.rec.log, "textHi finishstop usage");
    CHECK(content_is(&t.resp, "Hi") && t.resp.usage.total_tokens == 2);
    case_end(&t);
}

static void error_inside_the_stream_is_typed(void) {
    const char *body = CHUNK("Hi") "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":429}}\n\n";
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, body, 0), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_STR(t.err.message, "Rate limit reached");
    CHECK_EQ_INT(t.err.http_status, 200);
    CHECK_EQ_STR(t.rec.log, "textHi error");
    CHECK(content_is(&t.resp, "Hi"));
    case_end(&t);
}

static void answers_without_usage_have_it_missing_and_an_estimate_beside(void) {
    /* the stream sends no usage: usage is MISSING, its cost unknown; the
       library's count is apart, and says so */
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, CHUNK("The weather is sunny today.") FINISH DONE, 0), LLM_OK);
    CHECK(t.resp.usage.source == LLM_USAGE_MISSING && !t.resp.usage_refused);
    CHECK(t.resp.usage.prompt_tokens == 0 && t.resp.usage.completion_tokens == 0 && t.resp.usage.total_tokens == 0);
    CHECK(!t.resp.has_cost && t.resp.cost_usd == 0);
    CHECK(t.resp.usage_estimate.source == LLM_USAGE_ESTIMATED);
    CHECK(t.resp.usage_estimate.prompt_tokens > 0 && t.resp.usage_estimate.completion_tokens > 0);
    CHECK_EQ_INT(t.resp.usage_estimate.total_tokens,
                 t.resp.usage_estimate.prompt_tokens + t.resp.usage_estimate.completion_tokens);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    CHECK(t.resp.has_estimate_cost && t.resp.estimate_cost_usd > 0);
#else
    CHECK(!t.resp.has_estimate_cost); /* no price for the model: no cost, never a zero one */
#endif
    case_end(&t);
}

/* ---- usage from recorded streams (tests/data/usage/README.md) ---- */

/* A recorded answer (tests/data/...) through llm_stream, or llm_complete
   when it is a whole body, for gpt-4o. */
static llm_result run_fixture(stream_case *t, const char *path, bool stream) {
    size_t len;
    char *body = TEST_READ_FIXTURE(path, &len);
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_result r;
    if (!body) return LLM_ERR_INVALID_ARGUMENT;
    llm_response_free(&t->resp);
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = stream ? "content-type: text/event-stream\n" : "content-type: application/json\n";
    x.body = body;
    x.body_len = len;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.alloc.alloc = test_alloc_fn;
    d.alloc.realloc = test_realloc_fn;
    d.alloc.free = test_free_fn;
    d.alloc.user = &t->stats;
    llm_client_init(&c, &d, NULL);
    r = stream ? llm_stream(&c, &t->req, NULL, NULL, &t->resp, &t->err) : llm_complete(&c, &t->req, &t->resp, &t->err);
    free(body);
    return r;
}

static void usage_chunks_merge_field_by_field(void) {
    /* the first usage chunk has cached_tokens 6, the second repeats only the
       totals: the cached count survives, the totals are the second's */
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(run_fixture(&t, "tests/data/usage/openai_two_usage_chunks.sse", true), LLM_OK);
    CHECK(t.resp.usage.source == LLM_USAGE_REPORTED && !t.resp.usage_refused);
    CHECK_EQ_INT(t.resp.usage.prompt_tokens, 14);
    CHECK_EQ_INT(t.resp.usage.completion_tokens, 30);
    CHECK_EQ_INT(t.resp.usage.total_tokens, 44);
    CHECK_EQ_INT(t.resp.usage.cached_tokens, 6);
    CHECK(t.resp.usage_estimate.source == LLM_USAGE_MISSING);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    /* gpt-4o's prices in LiteLLM's table: input 2.5e-06, cache read 1.25e-06, output 1e-05 per token */
    CHECK(t.resp.has_cost);
    CHECK(t.resp.cost_usd > 8 * 2.5e-06 + 6 * 1.25e-06 + 30 * 1e-05 - 1e-12 &&
          t.resp.cost_usd < 8 * 2.5e-06 + 6 * 1.25e-06 + 30 * 1e-05 + 1e-12);
#endif
    case_end(&t);
}

static void usage_on_a_chunk_with_choices_is_taken(void) {
    /* OpenRouter's recorded stream: usage beside a non-empty choices array,
       after the finish_reason */
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(run_fixture(&t, "tests/data/provider-samples/openrouter/stream_text_usage.sse", true), LLM_OK);
    CHECK(t.resp.usage.source == LLM_USAGE_REPORTED);
    CHECK_EQ_INT(t.resp.usage.prompt_tokens, 7007);
    CHECK_EQ_INT(t.resp.usage.completion_tokens, 49);
    CHECK_EQ_INT(t.resp.usage.total_tokens, 7056);
    CHECK(t.resp.usage_estimate.source == LLM_USAGE_MISSING);
    case_end(&t);
}

static void a_stream_without_usage_has_none_and_no_cost(void) {
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(run_fixture(&t, "tests/data/usage/openai_no_usage.sse", true), LLM_OK);
    CHECK(t.resp.usage.source == LLM_USAGE_MISSING && !t.resp.usage_refused);
    CHECK(t.resp.usage.prompt_tokens == 0 && t.resp.usage.completion_tokens == 0 && t.resp.usage.cached_tokens == 0);
    CHECK(!t.resp.has_cost);
    CHECK(t.resp.usage_estimate.source == LLM_USAGE_ESTIMATED && t.resp.usage_estimate.completion_tokens > 0);
    case_end(&t);
}

static void absurd_usage_is_refused_not_priced(void) {
    /* "hi" answered, claiming 2^52 + 2^52 tokens: $5.6e10 at gpt-4o's prices */
    static const char *const paths[2] = {"tests/data/usage/openai_completion_absurd_usage.json",
                                         "tests/data/usage/openai_stream_absurd_usage.sse"};
    int i;
    for (i = 0; i < 2; i++) {
        stream_case t;
        case_start(&t);
        t.req.messages = &hi;
        CHECK_EQ_INT(run_fixture(&t, paths[i], i == 1), LLM_OK);
        CHECK(t.resp.usage.source == LLM_USAGE_MISSING && t.resp.usage_refused);
        CHECK(t.resp.usage.prompt_tokens == 0 && t.resp.usage.completion_tokens == 0 && t.resp.usage.total_tokens == 0);
        if (!CHECK(!t.resp.has_cost)) fprintf(stderr, "  %s priced at $%g\n", paths[i], t.resp.cost_usd);
        CHECK(t.resp.usage_estimate.source == LLM_USAGE_ESTIMATED);
        CHECK(t.resp.usage_estimate.prompt_tokens > 0 && t.resp.usage_estimate.prompt_tokens < 100);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
        CHECK(t.resp.has_estimate_cost && t.resp.estimate_cost_usd < 0.01);
#endif
        case_end(&t);
    }
}

static void usage_is_bounded_by_the_models_limits(void) {
    /* gpt-4o in LiteLLM's table: max_input_tokens 128000, max_output_tokens
       16384, so 8 x 144384 = 1155072 tokens at most per count; a model the
       table does not know: LLM_USAGE_MAX_TOKENS, 10^8 */
    static const struct { const char *model; long long prompt, completion; bool kept; } cases[] = {
        {"gpt-4o", 128000, 16384, true},
        {"gpt-4o", 1155072, 1, true},
        {"gpt-4o", 1155073, 1, false},
        {"gpt-4o", 5, 1155073, false},
        {"my-alias", 100000000, 0, true},
        {"my-alias", 100000001, 0, false},
    };
    size_t i;
    CHECK_EQ_INT(llm_limits().usage_max_tokens, 100000000);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        char body[512];
        stream_case t;
        llm_mock_exchange x;
        llm_mock mock;
        llm_client_desc d;
        llm_client c;
#if defined(LLM_NO_COSTS) || defined(LLM_NO_COSTS_TABLE)
        if (strcmp(cases[i].model, "gpt-4o") == 0) continue; /* no table: the ceiling alone */
#endif
        case_start(&t);
        t.req.model = cases[i].model;
        snprintf(body, sizeof body, "{\"id\":\"c\",\"model\":\"%s\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},"
                 "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":%lld,\"completion_tokens\":%lld}}", cases[i].model,
                 cases[i].prompt, cases[i].completion);
        memset(&x, 0, sizeof x);
        x.status = 200;
        x.body = body;
        memset(&mock, 0, sizeof mock);
        mock.exchanges = &x;
        mock.count = 1;
        memset(&d, 0, sizeof d);
        d.transport = llm_mock_transport(&mock);
        llm_client_init(&c, &d, NULL);
        CHECK_EQ_INT(llm_complete(&c, &t.req, &t.resp, &t.err), LLM_OK);
        if (!CHECK((t.resp.usage.source == LLM_USAGE_REPORTED) == cases[i].kept && t.resp.usage_refused == !cases[i].kept))
            fprintf(stderr, "  case %u\n", (unsigned)i);
        CHECK_EQ_INT(t.resp.usage.prompt_tokens, cases[i].kept ? cases[i].prompt : 0);
        llm_response_free(&t.resp);
    }
}

/* ---- each wire format's end: a stream is complete only with its marker ---- */

/* The recorded stream `path` (provider preset `format`) cut right before the
   first occurrence of `marker`: TRUNCATED, with the text that arrived. */
static void cut_before(const char *format, const char *path, const char *marker, const char *text) {
    size_t len;
    char *sse = TEST_READ_FIXTURE(path, &len), *at;
    llm_response resp;
    llm_error err;
    if (!sse) return;
    at = strstr(sse, marker);
    if (CHECK(at != NULL)) {
        CHECK_EQ_INT(llm_decode_recorded(format, 200, sse, (size_t)(at - sse), true, &resp, &err), LLM_ERR_TRUNCATED);
        CHECK_EQ_INT(err.code, LLM_ERR_TRUNCATED);
        CHECK(resp.choice_count == 1 && resp.choices[0].content && strcmp(resp.choices[0].content, text) == 0);
        llm_response_free(&resp);
    }
    /* and whole, it is complete */
    CHECK_EQ_INT(llm_decode_recorded(format, 200, sse, len, true, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    free(sse);
}

#define SAMPLES "tests/data/provider-samples/"
#define WEATHER_TEXT "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, " \
                     "I recommend checking a reliable weather website or a weather app."

static void each_format_is_truncated_without_its_end_marker(void) {
    /* OpenAI chat: `data: [DONE]`; a finish_reason alone does not complete
       it (the usage chunk comes after it), nor does the usage chunk */
    cut_before("openai", SAMPLES "openai/chat_stream_text_usage.sse", "data: [DONE]", WEATHER_TEXT);
    cut_before("openai", SAMPLES "openai/chat_stream_text_usage.sse", "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\","
               "\"object\":\"chat.completion.chunk\",\"created\":1727346168,\"model\":\"gpt-4o-2024-08-06\","
               "\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[],\"usage\"", WEATHER_TEXT);
    cut_before("openrouter", SAMPLES "openrouter/stream_text_usage.sse", "data: [DONE]", "There are **47** files.");
    /* Anthropic: message_stop (message_delta's stop_reason is not the end) */
    cut_before("anthropic", SAMPLES "anthropic/stream_text_basic.sse", "event: message_stop", "Hello there!");
    /* Gemini has no end marker: a candidate's finishReason completes it
       (test_gemini: a_stream_cut_before_its_finish_is_truncated) */
    cut_before("gemini", SAMPLES "gemini/stream_text.sse", "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" is",
               "The capital of Wyoming");
}

/* ---- the sans-I/O side: deadlines and events pulled by the caller ---- */

static llm_client plain_client(void) {
    llm_client_desc d;
    llm_client c;
    memset(&d, 0, sizeof d);
    llm_client_init(&c, &d, NULL);
    return c;
}

static void deadlines_come_from_the_time_passed_in(void) {
    llm_client c = plain_client();
    llm_call call;
    llm_request req = stream_request();
    const llm_http_request *http;
    llm_event ev;
    llm_response resp;
    llm_error err;
    req.stream.first_token_timeout_ms = 1000;
    req.stream.stall_timeout_ms = 500;
    /* no first token by t=1001: TIMEOUT */
    CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &req, 0, &http, NULL), LLM_OK);
    llm_call_feed_status(&call, 200);
    CHECK_EQ_INT(llm_call_feed_body(&call, ": ping\n\n", 8), LLM_OK);
    CHECK_EQ_INT(llm_call_next_event(&call, &ev), LLM_AGAIN);
    CHECK_EQ_INT(llm_call_tick(&call, 1000), LLM_OK);
    CHECK_EQ_INT(llm_call_tick(&call, 1001), LLM_ERR_TIMEOUT);
    CHECK_EQ_INT(llm_call_finish(&call, 1001, &resp, &err), LLM_ERR_TIMEOUT);
    CHECK(strstr(err.message, "first-token") != NULL);
    llm_response_free(&resp);
    llm_call_free(&call);
    /* a token at 800, pings only after: stalled past 800 + 500 */
    CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &req, 0, &http, NULL), LLM_OK);
    llm_call_feed_status(&call, 200);
    llm_call_feed_body(&call, CHUNK("Hi"), strlen(CHUNK("Hi")));
    if (CHECK_EQ_INT(llm_call_next_event(&call, &ev), LLM_OK)) CHECK_EQ_INT(ev.type, LLM_EVENT_TEXT);
    CHECK_EQ_INT(llm_call_next_event(&call, &ev), LLM_AGAIN);
    CHECK_EQ_INT(llm_call_tick(&call, 800), LLM_OK);
    llm_call_feed_body(&call, ": ping\n\n", 8);
    CHECK_EQ_INT(llm_call_next_event(&call, &ev), LLM_AGAIN);
    CHECK_EQ_INT(llm_call_tick(&call, 1300), LLM_OK);
    CHECK_EQ_INT(llm_call_tick(&call, 1301), LLM_ERR_TIMEOUT);
    CHECK_EQ_INT(llm_call_finish(&call, 1301, &resp, &err), LLM_ERR_TIMEOUT);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hi") == 0);
    llm_response_free(&resp);
    llm_call_free(&call);
}

static void caller_may_reuse_its_buffer_before_taking_events(void) {
    llm_client c = plain_client();
    llm_call call;
    llm_request req = stream_request();
    const llm_http_request *http;
    llm_event ev;
    llm_response resp;
    char buf[64];
    const char *body = CHUNK("one") CHUNK("two") FINISH DONE;
    size_t off, len = strlen(body);
    int texts = 0;
    CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &req, 0, &http, NULL), LLM_OK);
    llm_call_feed_status(&call, 200);
    for (off = 0; off < len; off += sizeof buf) { /* one buffer, overwritten, events taken at the end */
        size_t n = len - off < sizeof buf ? len - off : sizeof buf;
        memcpy(buf, body + off, n);
        CHECK_EQ_INT(llm_call_feed_body(&call, buf, n), LLM_OK);
        memset(buf, 'X', sizeof buf);
    }
    while (llm_call_next_event(&call, &ev) == LLM_OK) texts += ev.type == LLM_EVENT_TEXT;
    CHECK_EQ_INT(texts, 2);
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, NULL), LLM_OK);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "onetwo") == 0);
    llm_response_free(&resp);
    llm_call_free(&call);
}

static void oversized_events_are_refused(void) {
    llm_sse p;
    llm_sse_event ev;
    char line[300];
    memset(&p, 0, sizeof p);
    p.max_size = 100;
    memset(line, 'a', sizeof line);
    memcpy(line, "data: ", 6);
    CHECK_EQ_INT(llm_sse_feed(&p, line, sizeof line), LLM_OK);
    CHECK_EQ_INT(llm_sse_next(&p, &ev), LLM_ERR_PARSE); /* a line longer than the limit, still unfinished */
    CHECK_EQ_INT(llm_sse_feed(&p, "\n\n", 2), LLM_ERR_PARSE); /* sticky */
    llm_sse_free(&p);
}

/* The recorded Anthropic stream fed in one chunk: every event lies whole in
   it, so its type and data are dispatched where they lie and the parser
   allocates nothing (the types and data come from the file: WHATWG rules). */
static void whole_events_are_framed_where_they_lie(void) {
    static const char *const types[] = {"message_start", "content_block_start", "ping", "content_block_delta",
                                        "content_block_delta", "content_block_delta", "content_block_stop",
                                        "message_delta", "message_stop"};
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_sse p;
    llm_sse_event ev;
    size_t len, n = 0;
    char *body = TEST_READ_FIXTURE("tests/data/provider-samples/anthropic/stream_text_basic.sse", &len);
    if (!body) return;
    memset(&stats, 0, sizeof stats);
    memset(&p, 0, sizeof p);
    p.alloc = alloc;
    CHECK_EQ_INT(llm_sse_feed(&p, body, len), LLM_OK);
    while (llm_sse_next(&p, &ev) == LLM_OK) {
        CHECK(n < 9);
        if (n >= 9) break;
        CHECK(ev.type_len == strlen(types[n]) && memcmp(ev.type, types[n], ev.type_len) == 0);
        CHECK(ev.data_len > 10 && memcmp(ev.data, "{\"type\":", 8) == 0 && ev.data[ev.data_len - 1] == '}');
        CHECK(ev.type >= body && ev.type < body + len); /* not copied */
        CHECK(ev.data >= body && ev.data < body + len);
        n++;
    }
    CHECK_EQ_INT((int)n, 9);
    CHECK(!llm_sse_ended_mid_event(&p));
    CHECK_EQ_INT((int)stats.total, 0);
    llm_sse_free(&p);
    free(body);
}

/* Events the whole-event reading must leave to the line rules, each fed in
   one chunk; the expected type/data/id pairs follow the WHATWG rules. */
static void events_beside_the_usual_shape_follow_the_line_rules(void) {
    static const struct {
        const char *stream, *want; /* want: "type|data|id;" per event */
    } cases[] = {
        {"event: a\nevent: b\ndata: x\n\n", "b|x|;"},
        {"data: x\nid: 7\n\n", "message|x|7;"},
        {"event: a\ndata: x\ndata: y\n\n", "a|x\ny|;"},
        {"event:\ndata: x\n\n", "message|x|;"},
        {"eventx: a\ndata: x\n\n", "message|x|;"},
        {"event: a\r\ndata: x\r\n\r\n", "a|x|;"},
        {"event: a\rdata:  x\r\r", "a| x|;"},
        {"event: a\n\ndata: x\n\n", "message|x|;"},
        {"data\n\n", "message||;"},
        {"data:x\n: comment\n\n", "message|x|;"},
        {"event: a\ndata: x\n\ndata: y\r\n", ""}, /* checked below: the second is unfinished */
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_sse p;
        llm_sse_event ev;
        char got[128];
        size_t at = 0;
        memset(&p, 0, sizeof p);
        got[0] = '\0';
        CHECK_EQ_INT(llm_sse_feed(&p, cases[i].stream, strlen(cases[i].stream)), LLM_OK);
        while (llm_sse_next(&p, &ev) == LLM_OK && at + ev.type_len + ev.data_len + ev.id_len + 4 < sizeof got) {
            memcpy(got + at, ev.type, ev.type_len);
            at += ev.type_len;
            got[at++] = '|';
            memcpy(got + at, ev.data, ev.data_len);
            at += ev.data_len;
            got[at++] = '|';
            memcpy(got + at, ev.id, ev.id_len);
            at += ev.id_len;
            got[at++] = ';';
            got[at] = '\0';
        }
        if (i + 1 == sizeof cases / sizeof cases[0]) {
            CHECK_EQ_STR(got, "a|x|;");
            CHECK(llm_sse_ended_mid_event(&p));
        } else {
            CHECK_EQ_STR(got, cases[i].want);
            CHECK(!llm_sse_ended_mid_event(&p));
        }
        llm_sse_free(&p);
    }
}

/* An Anthropic stream through the sans-I/O loop in `chunk`-byte chunks (the
   events taken after each): its texts, "|" after each, and the result. */
static llm_result anthropic_texts(const char *body, size_t chunk, char *out, size_t size) {
    llm_client_desc desc;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    llm_result r = LLM_OK;
    size_t off, len = strlen(body), at = 0;
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = llm_provider_find("anthropic");
    desc.base_url = "http://recorded.invalid";
    out[0] = '\0';
    llm_client_init(&client, &desc, NULL);
    llm_call_begin_decode(&call, &client, true, NULL, NULL);
    llm_call_feed_status(&call, 200);
    llm_call_feed_header(&call, "content-type", 12, "text/event-stream", 17);
    for (off = 0; off < len; off += chunk) {
        if (llm_call_feed_body(&call, body + off, len - off < chunk ? len - off : chunk) != LLM_OK) break;
        while ((r = llm_call_next_event(&call, &ev)) == LLM_OK)
            if (ev.type == LLM_EVENT_TEXT && at + ev.text_len + 2 < size) {
                memcpy(out + at, ev.text, ev.text_len);
                at += ev.text_len;
                out[at++] = '|';
                out[at] = '\0';
            }
        if (r != LLM_AGAIN) break;
    }
    r = llm_call_finish(&call, 0, &resp, &err);
    llm_response_free(&resp);
    llm_call_free(&call);
    return r;
}

#define DELTA(t) "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":" \
                 "\"text_delta\",\"text\":\"" t "\"}}"
#define STOP "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"

/* After a text delta read in place, the next events repeat its bytes up to
   their text (the head and frame the call reads them by where they lie);
   each is what the WHATWG line rules and RFC 8259 make of it, whether it
   lies whole in one chunk or is cut into 1 or 7-byte chunks. */
static void events_read_where_they_lie_end_where_their_lines_do(void) {
    static const struct {
        const char *stream, *texts;
        llm_result result;
    } cases[] = {
        {DELTA("a") "\n\n" DELTA("b") "\n\n" DELTA(" c\\u00e9\\n") "\n\n" STOP, "a|b| c\xC3\xA9\n|", LLM_OK},
        {DELTA("a") "\r\r" DELTA("b") "\r\r" STOP, "a|b|", LLM_OK},
        {DELTA("a") "\r\n\r\n" DELTA("b") "\r\n\r\n" STOP, "a|b|", LLM_OK},
        {DELTA("a") "\n\n" DELTA("b") " \n\n" STOP, "a|b|", LLM_OK},      /* white space after the JSON */
        {DELTA("a") "\n\n" DELTA("b") "\nid: 7\n\n" STOP, "a|b|", LLM_OK}, /* a field before the blank line */
        /* a second data line: the event's data is both, "\n" between: not one JSON document */
        {DELTA("a") "\n\n" DELTA("b") "\ndata: {}\n\n" STOP, "a|", LLM_ERR_PARSE},
        {DELTA("a") "\n\n" DELTA("b") "}\n\n" STOP, "a|", LLM_ERR_PARSE}, /* bytes after the JSON */
        {DELTA("a") "\n\n" DELTA("b") "\n", "a|", LLM_ERR_TRUNCATED},     /* no blank line: never dispatched */
    };
    static const size_t chunks[] = {100000, 1, 7};
    size_t i, k;
    char got[128];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
            llm_result r = anthropic_texts(cases[i].stream, chunks[k], got, sizeof got);
            if (r != cases[i].result || strcmp(got, cases[i].texts) != 0)
                printf("  case %zu, %zu-byte chunks: %s, texts \"%s\"\n", i, chunks[k], llm_result_str(r), got);
            CHECK_EQ_INT(r, cases[i].result);
            CHECK_EQ_STR(got, cases[i].texts);
        }
}

static const test_case cases[] = {
    TEST(stream_delivers_events_and_the_same_response),
    TEST(chunks_read_in_place_follow_the_readers_rules),
    TEST(a_repeated_header_is_its_bytes_only),
    TEST(stream_without_end_marker_is_truncated_and_keeps_the_text),
    TEST(callback_cancels_and_keeps_the_partial_response),
    TEST(tool_calls_assemble_by_index),
    TEST(glued_tool_arguments_are_kept_flagged),
    TEST(every_call_at_index_zero_is_told_apart_by_id),
    TEST(loop_guard_stops_a_repeating_model),
    TEST(plain_json_answer_to_a_stream_becomes_events),
    TEST(error_inside_the_stream_is_typed),
    TEST(answers_without_usage_have_it_missing_and_an_estimate_beside),
    TEST(usage_chunks_merge_field_by_field),
    TEST(usage_on_a_chunk_with_choices_is_taken),
    TEST(a_stream_without_usage_has_none_and_no_cost),
    TEST(absurd_usage_is_refused_not_priced),
    TEST(usage_is_bounded_by_the_models_limits),
    TEST(each_format_is_truncated_without_its_end_marker),
    TEST(deadlines_come_from_the_time_passed_in),
    TEST(caller_may_reuse_its_buffer_before_taking_events),
    TEST(oversized_events_are_refused),
    TEST(whole_events_are_framed_where_they_lie),
    TEST(events_beside_the_usual_shape_follow_the_line_rules),
    TEST(events_read_where_they_lie_end_where_their_lines_do),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
