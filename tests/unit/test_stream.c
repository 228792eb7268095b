/* Streaming: the blocking llm_stream and the sans-I/O call, the stream
   rules (deadlines, loop guard, cancel, truncation, tool-call assembly) and
   the CLI's verbs' library side. Expected values are written by hand from
   the bytes each test feeds. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static const llm_message hello = {LLM_ROLE_USER, "Hello", NULL, 0, NULL, NULL, 0, NULL};

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

/* Runs `body` (status 200) through llm_stream over the mock transport in
   chunks of `chunk` bytes. */
static llm_result run_stream(const char *headers, const char *body, size_t chunk, const llm_request *req, recorder *rec,
                             llm_response *resp, llm_error *err, test_alloc_stats *stats, char *sent) {
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
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
    d.alloc.user = stats;
    llm_client_init(&c, &d, NULL);
    if (sent) {
        llm_call call;
        const llm_http_request *http;
        if (llm_call_begin_stream(&call, &c, req, 0, &http, NULL) == LLM_OK) {
            snprintf(sent, 1024, "%s|%s", http->body, http->headers[1].value);
            llm_call_free(&call);
        }
    }
    return llm_stream(&c, req, record, rec, resp, err);
}

static void stream_delivers_events_and_the_same_response(void) {
    const char *body = CHUNK("Hel") CHUNK("lo") FINISH USAGE DONE;
    size_t chunk;
    for (chunk = 0; chunk < 8; chunk++) {
        test_alloc_stats stats;
        recorder rec;
        llm_response resp;
        llm_error err;
        llm_request req = stream_request();
        char sent[1024];
        memset(&stats, 0, sizeof stats);
        memset(&rec, 0, sizeof rec);
        CHECK_EQ_INT(run_stream("content-type: text/event-stream\n", body, chunk, &req, &rec, &resp, &err, &stats, sent), LLM_OK);
        CHECK_EQ_STR(rec.log, "textHel textlo finishstop usage");
        CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hello") == 0 && resp.choices[0].content_len == 5);
        CHECK(resp.choice_count == 1 && resp.choices[0].finish_reason == LLM_FINISH_STOP);
        CHECK(resp.usage.present && resp.usage.prompt_tokens == 5 && resp.usage.completion_tokens == 2 && resp.usage.total_tokens == 7);
        CHECK_EQ_STR(resp.id, "c");
        CHECK_EQ_STR(resp.model, "gpt-4o");
        CHECK_EQ_STR(sent, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,"
                           "\"stream_options\":{\"include_usage\":true}}|text/event-stream");
        llm_response_free(&resp);
        CHECK_EQ_INT(stats.live, 0);
    }
}

static void stream_without_end_marker_is_truncated_and_keeps_the_text(void) {
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, CHUNK("Hel") CHUNK("lo"), 3, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_TRUNCATED);
    CHECK_EQ_INT(err.code, LLM_ERR_TRUNCATED);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hello") == 0);
    llm_response_free(&resp);
    /* an event cut in its middle */
    CHECK_EQ_INT(run_stream(NULL, CHUNK("Hel") "data: {\"id\"", 0, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_TRUNCATED);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hel") == 0);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void callback_cancels_and_keeps_the_partial_response(void) {
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    rec.cancel_after = 1;
    CHECK_EQ_INT(run_stream(NULL, CHUNK("Hel") CHUNK("lo") FINISH DONE, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_CANCELLED);
    CHECK_EQ_INT(rec.events, 1);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hel") == 0);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void tool_calls_assemble_by_index(void) {
    /* index 1 first, then index 0, arguments split anywhere */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"y\\\":2}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" DONE;
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, body, 7, &req, &rec, &resp, &err, &stats, NULL), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 2);
    if (resp.choice_count == 1 && resp.choices[0].tool_call_count == 2) {
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "a");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "f");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{\"x\":1}");
        CHECK_EQ_STR(resp.choices[0].tool_calls[1].id, "b");
        CHECK_EQ_STR(resp.choices[0].tool_calls[1].arguments, "{\"y\":2}");
    }
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void glued_tool_arguments_are_an_error(void) {
    /* two calls sent under one index (LiteLLM users hit this with Groq):
       "}{" must not be passed on as one argument string */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":2}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" DONE;
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "glued") != NULL);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void every_call_at_index_zero_is_told_apart_by_id(void) {
    /* some servers send every tool call with index 0: a new id starts a new call */
    const char *body =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" DONE;
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, NULL, &stats, NULL), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].tool_call_count == 2);
    if (resp.choice_count == 1 && resp.choices[0].tool_call_count == 2) {
        CHECK_EQ_STR(resp.choices[0].tool_calls[1].name, "g");
        CHECK_EQ_STR(resp.choices[0].tool_calls[1].arguments, "{}"); /* empty arguments become {} */
    }
    CHECK_EQ_STR(rec.log, "start delta{} end{} start end{} finishtool_calls");
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void loop_guard_stops_a_repeating_model(void) {
    char body[100 * 120 + 64];
    size_t i;
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    body[0] = '\0';
    for (i = 0; i < 100; i++) strcat(body, CHUNK("again"));
    strcat(body, FINISH DONE);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "loop guard") != NULL);
    llm_response_free(&resp);
    /* 99 repeats pass; the guard can be turned off (0) or set */
    memset(&rec, 0, sizeof rec);
    req.stream.has_loop_guard = true;
    req.stream.loop_guard = 0;
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_OK);
    llm_response_free(&resp);
    req.stream.loop_guard = 101;
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_OK);
    llm_response_free(&resp);
    /* short deltas ("a", "ab") never count */
    body[0] = '\0';
    for (i = 0; i < 100; i++) strcat(body, CHUNK("ab"));
    strcat(body, FINISH DONE);
    req = stream_request();
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void plain_json_answer_to_a_stream_becomes_events(void) {
    const char *body = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream("content-type: application/json\n", body, 5, &req, &rec, &resp, NULL, &stats, NULL), LLM_OK);
    CHECK_EQ_STR(rec.log, "textHi finishstop usage");
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hi") == 0 && resp.usage.total_tokens == 2);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void error_inside_the_stream_is_typed(void) {
    const char *body = CHUNK("Hi") "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":429}}\n\n";
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_error err;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, body, 0, &req, &rec, &resp, &err, &stats, NULL), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_STR(err.message, "Rate limit reached");
    CHECK_EQ_INT(err.http_status, 200);
    CHECK_EQ_STR(rec.log, "textHi error");
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hi") == 0);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void answers_without_usage_are_estimated_and_priced(void) {
    /* the stream sends no usage: the library counts, says so, and prices it */
    test_alloc_stats stats;
    recorder rec;
    llm_response resp;
    llm_request req = stream_request();
    memset(&stats, 0, sizeof stats);
    memset(&rec, 0, sizeof rec);
    CHECK_EQ_INT(run_stream(NULL, CHUNK("The weather is sunny today.") FINISH DONE, 0, &req, &rec, &resp, NULL, &stats, NULL), LLM_OK);
    CHECK(!resp.usage.present && resp.usage.estimated);
    CHECK(resp.usage.prompt_tokens > 0 && resp.usage.completion_tokens > 0);
    CHECK_EQ_INT(resp.usage.total_tokens, resp.usage.prompt_tokens + resp.usage.completion_tokens);
#ifndef LLM_NO_COSTS
    CHECK(resp.has_cost && resp.cost_usd > 0);
#endif
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
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
    TEST(glued_tool_arguments_are_an_error),
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
