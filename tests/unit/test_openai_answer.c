/* The answer writers: llm_response_write_openai and the chunk writer
   (llm_openai_chunk_write_event, llm_openai_chunk_write_usage). Expected
   values are recorded provider answers (tests/data/provider-samples): an
   OpenAI answer decoded and written again must give back what OpenAI sent
   (its members the writer promises), an OpenAI stream replayed through the
   chunk writer the deltas OpenAI sent, in order; Anthropic's answers the
   ids, names, arguments and counts of its own recorded bytes. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#define SAMPLES "tests/data/provider-samples/"

/* `path` decoded as `format` would answer it (whole, or as a stream). */
static llm_result decode(const char *format, const char *path, bool stream, llm_response *resp) {
    size_t len;
    char *body = TEST_READ_FIXTURE(path, &len);
    llm_result r;
    memset(resp, 0, sizeof *resp);
    if (!body) return LLM_ERR_INVALID_ARGUMENT;
    r = llm_decode_recorded(format, 200, body, len, stream, resp, NULL);
    free(body);
    return r;
}

/* The writer's text parsed into doc; its root, or NULL (a failed check). */
static const llm_json *written(llm_json_writer *w, llm_json_doc *doc) {
    const char *text;
    size_t len;
    if (!CHECK(llm_json_writer_finish(w, &text, &len) == LLM_OK)) return NULL;
    if (!CHECK(llm_json_parse(doc, text, len, NULL) == LLM_OK)) return NULL;
    return llm_json_root(doc);
}

/* The member at a dotted path ("choices.0.message.content"). */
static const llm_json *at(const llm_json *v, const char *path) {
    char key[64];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, path);
        v = llm_json_is(v, LLM_JSON_ARRAY) ? llm_json_at(v, (size_t)atoi(key)) : llm_json_get(v, key);
        path += n + (path[n] == '.');
    }
    return v;
}

/* The same member in both, and equal (present in `want`). */
static void same(const llm_json *got, const llm_json *want, const char *path) {
    const llm_json *g = at(got, path), *w = at(want, path);
    if (!w || !g || !llm_json_equal(g, w)) fprintf(stderr, "  at %s (%s in the recording)\n", path, w ? "present" : "absent");
    CHECK(w && g && llm_json_equal(g, w));
}

/* An OpenAI answer decoded and written back: what OpenAI sent, member for
   member (usage details beyond the two counts it sent are added, zero). */
static void openai_round_trip(const char *file, const char *const *paths) {
    llm_response resp;
    llm_json_writer w;
    llm_json_doc got, want;
    size_t len;
    char path[256];
    char *body;
    const llm_json *g;
    memset(&w, 0, sizeof w);
    memset(&got, 0, sizeof got);
    memset(&want, 0, sizeof want);
    snprintf(path, sizeof path, SAMPLES "openai/%s", file);
    if (!CHECK(decode("openai", path, false, &resp) == LLM_OK)) return;
    CHECK_EQ_INT(llm_response_write_openai(&resp, &w, NULL), LLM_OK);
    body = TEST_READ_FIXTURE(path, &len);
    if (body && CHECK(llm_json_parse(&want, body, len, NULL) == LLM_OK) && (g = written(&w, &got)) != NULL) {
        for (; *paths; paths++) same(g, llm_json_root(&want), *paths);
    }
    free(body);
    llm_json_doc_free(&got);
    llm_json_doc_free(&want);
    llm_json_writer_free(&w);
    llm_response_free(&resp);
}

static void an_openai_text_answer_is_written_back_as_sent(void) {
    static const char *const paths[] = {"id", "object", "created", "model", "system_fingerprint", "choices.0.index",
        "choices.0.message.role", "choices.0.message.content", "choices.0.message.refusal", "choices.0.logprobs",
        "choices.0.finish_reason", "usage.prompt_tokens", "usage.completion_tokens", "usage.total_tokens",
        "usage.completion_tokens_details.reasoning_tokens", NULL};
    openai_round_trip("chat_completion_text.json", paths);
}

static void openai_tool_calls_are_written_back_as_sent(void) {
    static const char *const paths[] = {"id", "choices.0.message.tool_calls", "choices.0.finish_reason",
                                        "usage.total_tokens", NULL};
    openai_round_trip("chat_completion_parallel_tool_calls.json", paths);
}

static void an_openai_refusal_is_written_back_as_sent(void) {
    static const char *const paths[] = {"choices.0.message.content", "choices.0.message.refusal",
                                        "choices.0.finish_reason", NULL};
    openai_round_trip("chat_completion_refusal.json", paths);
}

static void an_openai_cut_answer_keeps_its_length_finish(void) {
    static const char *const paths[] = {"choices.0.message.content", "choices.0.finish_reason", NULL};
    openai_round_trip("chat_completion_finish_length.json", paths);
}

/* Anthropic's recorded tool_use answer, as OpenAI would have said it: the
   text, the call (its input as the arguments), "tool_calls", and the usage
   in OpenAI's convention (prompt = input + cache read + cache write). */
static void an_anthropic_tool_use_answer_becomes_openai_tool_calls(void) {
    llm_response resp;
    llm_json_writer w;
    llm_json_doc doc, args;
    const llm_json *g, *call;
    size_t n;
    const char *s;
    memset(&w, 0, sizeof w);
    memset(&doc, 0, sizeof doc);
    memset(&args, 0, sizeof args);
    if (!CHECK(decode("anthropic", SAMPLES "anthropic/message_tool_use.json", false, &resp) == LLM_OK)) return;
    CHECK_EQ_INT(llm_response_write_openai(&resp, &w, NULL), LLM_OK);
    if ((g = written(&w, &doc)) != NULL) {
        CHECK_EQ_STR(llm_json_string(at(g, "id"), NULL), "msg_012foMGXNQ1eqhaq3QvA5dY6");
        CHECK_EQ_STR(llm_json_string(at(g, "object"), NULL), "chat.completion");
        CHECK_EQ_STR(llm_json_string(at(g, "model"), NULL), "claude-opus-4-8");
        CHECK_EQ_STR(llm_json_string(at(g, "choices.0.message.content"), NULL),
                     "I'll use the test_tool with the value \"test\" as requested, then provide a final response.");
        CHECK_EQ_STR(llm_json_string(at(g, "choices.0.finish_reason"), NULL), "tool_calls");
        call = at(g, "choices.0.message.tool_calls.0");
        CHECK_EQ_STR(llm_json_string(at(call, "id"), NULL), "toolu_011LF2VkWpAfJnTKJcmh1PNf");
        CHECK_EQ_STR(llm_json_string(at(call, "type"), NULL), "function");
        CHECK_EQ_STR(llm_json_string(at(call, "function.name"), NULL), "test_tool");
        s = llm_json_string(at(call, "function.arguments"), &n);
        CHECK(s && llm_json_parse(&args, s, n, NULL) == LLM_OK);
        CHECK_EQ_STR(llm_json_string(at(llm_json_root(&args), "value"), NULL), "test");
        CHECK(at(g, "choices.0.message.tool_calls.1") == NULL);
        CHECK_EQ_INT(llm_json_int(at(g, "usage.prompt_tokens"), -1), 415);
        CHECK_EQ_INT(llm_json_int(at(g, "usage.completion_tokens"), -1), 76);
        CHECK_EQ_INT(llm_json_int(at(g, "usage.total_tokens"), -1), 491);
        CHECK(at(g, "service_tier") == NULL); /* "standard" is no word of OpenAI's */
    }
    llm_json_doc_free(&args);
    llm_json_doc_free(&doc);
    llm_json_writer_free(&w);
    llm_response_free(&resp);
}

static void bad_input_is_refused_with_a_reason(void) {
    llm_response resp;
    llm_choice choice;
    llm_json_writer w;
    llm_error err;
    memset(&resp, 0, sizeof resp);
    memset(&choice, 0, sizeof choice);
    memset(&w, 0, sizeof w);
    CHECK_EQ_INT(llm_response_write_openai(NULL, &w, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "llm_response_write_openai") != NULL);
    CHECK_EQ_INT(llm_response_write_openai(&resp, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    resp.model = "m";
    CHECK_EQ_INT(llm_response_write_openai(&resp, &w, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "no id") != NULL);
    resp.id = "x";
    resp.model = NULL;
    CHECK_EQ_INT(llm_response_write_openai(&resp, &w, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "no model") != NULL);
    /* text that is not UTF-8 cannot be a JSON string */
    resp.model = "m";
    choice.content = "\xff\xfe";
    choice.content_len = 2;
    resp.choices = &choice;
    resp.choice_count = 1;
    CHECK_EQ_INT(llm_response_write_openai(&resp, &w, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "llm_response_write_openai") != NULL);
    llm_json_writer_free(&w);
}

static void bad_events_are_refused_with_a_reason(void) {
    llm_openai_chunk_writer c;
    llm_json_writer w;
    llm_event e;
    llm_error err, upstream;
    bool wrote = true;
    memset(&c, 0, sizeof c);
    memset(&w, 0, sizeof w);
    memset(&e, 0, sizeof e);
    e.type = LLM_EVENT_TEXT;
    e.text = "hi";
    e.text_len = 2;
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT); /* no id */
    CHECK(!wrote && strstr(err.message, "no id") != NULL);
    c.id = "chatcmpl-1";
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT); /* no model */
    c.model = "m";
    CHECK_EQ_INT(llm_openai_chunk_write_event(NULL, &e, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, NULL, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, NULL, &wrote, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_openai_chunk_write_usage(&c, NULL, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    e.type = (llm_event_type)42;
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(!wrote && strstr(err.message, "event type 42") != NULL);
    e.type = LLM_EVENT_TOOL_CALL_DELTA; /* a call never started */
    e.tool_index = 3;
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(!wrote && strstr(err.message, "never started") != NULL);
    /* the provider's error ends the stream with its own code and message */
    memset(&upstream, 0, sizeof upstream);
    upstream.code = LLM_ERR_UNAVAILABLE;
    snprintf(upstream.message, sizeof upstream.message, "Overloaded");
    e.type = LLM_EVENT_ERROR;
    e.error = &upstream;
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_UNAVAILABLE);
    CHECK(!wrote);
    CHECK_EQ_STR(err.message, "Overloaded");
    /* past the tool limit */
    e.type = LLM_EVENT_TOOL_CALL_START;
    e.tool_name = "f";
    for (e.tool_index = 0; e.tool_index < LLM_OPENAI_CHUNK_MAX_TOOLS; e.tool_index++) {
        llm_json_writer_reset(&w);
        CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_OK);
    }
    llm_json_writer_reset(&w);
    CHECK_EQ_INT(llm_openai_chunk_write_event(&c, &e, &w, &wrote, &err), LLM_ERR_LIMIT_EXCEEDED);
    llm_json_writer_free(&w);
}

/* ---- streams ---- */

/* What a chunk says, in one canonical text: its non-empty content and
   refusal, its tool_calls, its finish reason (role and empty members
   left out: OpenAI opens with a role-only chunk that a replay need not
   copy). "" for a chunk that says none of these. */
static void chunk_says(const llm_json *chunk, char *out, size_t size) {
    const llm_json *choice = at(chunk, "choices.0"), *delta = at(choice, "delta"), *v;
    llm_json_writer w;
    const char *text, *keys[] = {"content", "refusal"};
    size_t len, i;
    int n = 0;
    memset(&w, 0, sizeof w);
    out[0] = '\0';
    llm_json_write_object_begin(&w);
    for (i = 0; i < 2; i++) {
        v = llm_json_get(delta, keys[i]);
        if (llm_json_string(v, &len) && len) llm_json_write_key(&w, keys[i]), llm_json_write_value(&w, v), n++;
    }
    if ((v = llm_json_get(delta, "tool_calls")) != NULL) llm_json_write_key(&w, "tool_calls"), llm_json_write_value(&w, v), n++;
    if (llm_json_string(v = llm_json_get(choice, "finish_reason"), NULL))
        llm_json_write_key(&w, "finish_reason"), llm_json_write_value(&w, v), n++;
    llm_json_write_object_end(&w);
    if (n && llm_json_writer_finish(&w, &text, &len) == LLM_OK) snprintf(out, size, "%s", text);
    llm_json_writer_free(&w);
}

#define MAX_CHUNKS 128
typedef struct replay {
    llm_openai_chunk_writer c;
    llm_json_writer w;
    char says[MAX_CHUNKS][512];
    int count;
    int role_chunks;            /* chunks with a role */
    bool bad;                   /* a chunk not written, or not the chunk's shape */
} replay;

static int on_event(void *user, const llm_event *e) {
    replay *r = (replay *)user;
    llm_json_doc doc;
    const llm_json *root;
    bool wrote;
    memset(&doc, 0, sizeof doc);
    llm_json_writer_reset(&r->w);
    if (llm_openai_chunk_write_event(&r->c, e, &r->w, &wrote, NULL) != LLM_OK) return r->bad = true, 1;
    if (!wrote) return 0;
    if ((root = written(&r->w, &doc)) != NULL && r->count < MAX_CHUNKS) {
        r->role_chunks += at(root, "choices.0.delta.role") != NULL;
        if (!llm_json_string(at(root, "id"), NULL) || strcmp(llm_json_string(at(root, "id"), NULL), "chatcmpl-test") ||
            !llm_json_string(at(root, "object"), NULL) ||
            strcmp(llm_json_string(at(root, "object"), NULL), "chat.completion.chunk") != 0)
            r->bad = true;
        chunk_says(root, r->says[r->count], sizeof r->says[0]);
        if (r->says[r->count][0]) r->count++;
    } else r->bad = true;
    llm_json_doc_free(&doc);
    return 0;
}

/* `path` streamed through llm_stream as `format` answers, each event
   written as a chunk. */
static llm_result replay_stream(replay *r, const char *format, const char *path, llm_response *resp) {
    size_t len;
    char *body = TEST_READ_FIXTURE(path, &len);
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client client;
    llm_message hello;
    llm_request req;
    llm_result res;
    memset(resp, 0, sizeof *resp);
    if (!body) return LLM_ERR_INVALID_ARGUMENT;
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = "content-type: text/event-stream\n";
    x.body = body;
    x.body_len = len;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.provider = format;
    d.api_key = "k";
    d.transport = llm_mock_transport(&mock);
    memset(&req, 0, sizeof req);
    req.model = strcmp(format, "anthropic") == 0 ? "claude-sonnet-4-5" : "gpt-4o";
    req.messages = &hello;
    req.message_count = 1;
    if (llm_client_init(&client, &d, NULL) != LLM_OK) return free(body), LLM_ERR_INVALID_ARGUMENT;
    r->c.id = "chatcmpl-test";
    r->c.model = req.model;
    r->c.created = 1727346178;
    res = llm_stream(&client, &req, on_event, r, resp, NULL);
    free(body);
    return res;
}

/* OpenAI's own stream replayed: the chunks written say what OpenAI's said,
   in order, the role in the first chunk only, and the usage chunk (no
   choices) carries OpenAI's counts. */
static void openai_stream_replays_as_sent(const char *file) {
    replay r;
    llm_response resp;
    llm_json_doc doc, usage_doc;
    char path[256], says[512];
    size_t len;
    char *body, *line, *next;
    int k = 0;
    const llm_json *u;
    memset(&r, 0, sizeof r);
    memset(&doc, 0, sizeof doc);
    memset(&usage_doc, 0, sizeof usage_doc);
    snprintf(path, sizeof path, SAMPLES "openai/%s", file);
    CHECK_EQ_INT(replay_stream(&r, "openai", path, &resp), LLM_OK);
    CHECK(!r.bad);
    CHECK_EQ_INT(r.role_chunks, 1);
    body = TEST_READ_FIXTURE(path, &len);
    for (line = body; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (strncmp(line, "data: {", 7) != 0) continue;
        if (!CHECK(llm_json_parse(&doc, line + 6, strlen(line + 6), NULL) == LLM_OK)) break;
        chunk_says(llm_json_root(&doc), says, sizeof says);
        if (!says[0]) continue;
        if (k >= r.count || strcmp(r.says[k], says) != 0)
            fprintf(stderr, "  chunk %d: got %s, OpenAI sent %s\n", k, k < r.count ? r.says[k] : "nothing", says);
        CHECK(k < r.count && strcmp(r.says[k], says) == 0);
        k++;
        if ((u = llm_json_get(llm_json_root(&doc), "usage")) != NULL && !llm_json_is(u, LLM_JSON_NULL)) break;
    }
    CHECK_EQ_INT(r.count, k);
    /* the usage chunk */
    llm_json_writer_reset(&r.w);
    CHECK_EQ_INT(llm_openai_chunk_write_usage(&r.c, &resp.usage, &r.w, NULL), LLM_OK);
    if ((u = written(&r.w, &usage_doc)) != NULL) {
        CHECK_EQ_INT(llm_json_count(at(u, "choices")), 0);
        CHECK_EQ_STR(llm_json_string(at(u, "id"), NULL), "chatcmpl-test");
        CHECK_EQ_INT(llm_json_int(at(u, "usage.total_tokens"), -1), resp.usage.total_tokens);
    }
    free(body);
    llm_json_doc_free(&doc);
    llm_json_doc_free(&usage_doc);
    llm_json_writer_free(&r.w);
    llm_response_free(&resp);
}

static void an_openai_text_stream_replays_as_sent(void) {
    openai_stream_replays_as_sent("chat_stream_text_usage.sse");
}

static void an_openai_tool_call_stream_replays_as_sent(void) {
    openai_stream_replays_as_sent("chat_stream_parallel_tool_calls.sse");
}

static void an_openai_refusal_stream_replays_as_sent(void) {
    openai_stream_replays_as_sent("chat_stream_refusal.sse");
}

/* Anthropic's recorded stream with a tool call: the call is OpenAI's call
   0 (Anthropic numbered its block 1, after the text), with the recorded id
   and name, its arguments the recorded input_json pieces joined. */
static void an_anthropic_tool_stream_numbers_its_calls_from_zero(void) {
    replay r;
    llm_response resp;
    llm_json_doc doc;
    int i, starts = 0;
    char args[128] = "";
    memset(&r, 0, sizeof r);
    memset(&doc, 0, sizeof doc);
    CHECK_EQ_INT(replay_stream(&r, "anthropic", SAMPLES "anthropic/stream_tool_use.sse", &resp), LLM_OK);
    CHECK(!r.bad);
    for (i = 0; i < r.count; i++) {
        const char *piece;
        if (strncmp(r.says[i], "{\"tool_calls\"", 13) != 0) continue;
        CHECK(strstr(r.says[i], "\"index\":0") != NULL);
        if (CHECK(llm_json_parse(&doc, r.says[i], strlen(r.says[i]), NULL) == LLM_OK) &&
            (piece = llm_json_string(at(llm_json_root(&doc), "tool_calls.0.function.arguments"), NULL)) != NULL &&
            strlen(args) + strlen(piece) < sizeof args)
            strcat(args, piece);
        if (strstr(r.says[i], "\"id\"")) {
            starts++;
            CHECK(strstr(r.says[i], "\"id\":\"toolu_01NRLabsLyVHZPKxbKvkfSMn\"") != NULL);
            CHECK(strstr(r.says[i], "\"name\":\"get_weather\"") != NULL);
        }
    }
    CHECK_EQ_INT(starts, 1);
    CHECK_EQ_STR(args, "{\"location\": \"Paris\"}");
    CHECK(r.count > 0 && strcmp(r.says[r.count - 1], "{\"finish_reason\":\"tool_calls\"}") == 0);
    llm_json_doc_free(&doc);
    llm_json_writer_free(&r.w);
    llm_response_free(&resp);
}

/* No usage reported: the usage chunk says null, as the spec allows. */
static void a_missing_usage_is_null(void) {
    llm_openai_chunk_writer c;
    llm_json_writer w;
    llm_json_doc doc;
    llm_usage u;
    const llm_json *g;
    memset(&c, 0, sizeof c);
    memset(&w, 0, sizeof w);
    memset(&doc, 0, sizeof doc);
    memset(&u, 0, sizeof u);
    c.id = "chatcmpl-1";
    c.model = "m";
    CHECK_EQ_INT(llm_openai_chunk_write_usage(&c, &u, &w, NULL), LLM_OK);
    if ((g = written(&w, &doc)) != NULL) CHECK(llm_json_is(at(g, "usage"), LLM_JSON_NULL));
    llm_json_doc_free(&doc);
    llm_json_writer_free(&w);
}

int main(int argc, char **argv) {
    static const test_case cases[] = {
        TEST(an_openai_text_answer_is_written_back_as_sent),
        TEST(openai_tool_calls_are_written_back_as_sent),
        TEST(an_openai_refusal_is_written_back_as_sent),
        TEST(an_openai_cut_answer_keeps_its_length_finish),
        TEST(an_anthropic_tool_use_answer_becomes_openai_tool_calls),
        TEST(bad_input_is_refused_with_a_reason),
        TEST(bad_events_are_refused_with_a_reason),
        TEST(an_openai_text_stream_replays_as_sent),
        TEST(an_openai_tool_call_stream_replays_as_sent),
        TEST(an_openai_refusal_stream_replays_as_sent),
        TEST(an_anthropic_tool_stream_numbers_its_calls_from_zero),
        TEST(a_missing_usage_is_null),
    };
    return test_main(cases, TEST_COUNT(cases), argc, argv);
}
