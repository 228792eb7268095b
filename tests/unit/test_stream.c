/* Streaming: the blocking llm_stream and the sans-I/O call, the stream
   rules (deadlines, loop guard, cancel, truncation, tool-call assembly) and
   the CLI's verbs' library side. Expected values are written by hand from
   the bytes each test feeds. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};

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
    const llm_http_request *http;
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
        snprintf(t->sent, sizeof t->sent, "%s|%s", http->body, http->headers[1].value);
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
        CHECK(t.resp.usage.present && t.resp.usage.prompt_tokens == 5 && t.resp.usage.completion_tokens == 2 && t.resp.usage.total_tokens == 7);
        CHECK_EQ_STR(t.resp.id, "c");
        CHECK_EQ_STR(t.resp.model, "gpt-4o");
        CHECK_EQ_STR(t.sent, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,"
                             "\"stream_options\":{\"include_usage\":true}}|text/event-stream");
        case_end(&t);
    }
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

static void answers_without_usage_are_estimated_and_priced(void) {
    /* the stream sends no usage: the library counts, says so, and prices it */
    stream_case t;
    case_start(&t);
    CHECK_EQ_INT(case_run(&t, NULL, CHUNK("The weather is sunny today.") FINISH DONE, 0), LLM_OK);
    CHECK(!t.resp.usage.present && t.resp.usage.estimated);
    CHECK(t.resp.usage.prompt_tokens > 0 && t.resp.usage.completion_tokens > 0);
    CHECK_EQ_INT(t.resp.usage.total_tokens, t.resp.usage.prompt_tokens + t.resp.usage.completion_tokens);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    CHECK(t.resp.has_cost && t.resp.cost_usd > 0);
#else
    CHECK(!t.resp.has_cost); /* no price for the model: no cost, never a zero one */
#endif
    case_end(&t);
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
    CHECK_EQ_INT(llm_call_next_event(&call, &ev), LLM_OK);
    CHECK_EQ_INT(ev.type, LLM_EVENT_TEXT);
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

static const test_case cases[] = {
    TEST(stream_delivers_events_and_the_same_response),
    TEST(stream_without_end_marker_is_truncated_and_keeps_the_text),
    TEST(callback_cancels_and_keeps_the_partial_response),
    TEST(tool_calls_assemble_by_index),
    TEST(glued_tool_arguments_are_kept_flagged),
    TEST(every_call_at_index_zero_is_told_apart_by_id),
    TEST(loop_guard_stops_a_repeating_model),
    TEST(plain_json_answer_to_a_stream_becomes_events),
    TEST(error_inside_the_stream_is_typed),
    TEST(answers_without_usage_are_estimated_and_priced),
    TEST(deadlines_come_from_the_time_passed_in),
    TEST(caller_may_reuse_its_buffer_before_taking_events),
    TEST(oversized_events_are_refused),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
