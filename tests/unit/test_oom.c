/* Failed allocations on every path that allocates: each path is run once
   to count its allocations (n), then n more times, failing allocation 1, 2,
   ..., n in turn. Every failing run must return LLM_ERR_NO_MEMORY (never
   PARSE, which would mislead a retry decision, and never success), free
   everything with the size it was allocated with, and not crash (the
   suites run under ASan, UBSan and valgrind). The paths: streams (SSE and
   plain JSON answers, OpenAI and Anthropic, Gemini and OpenAI's Responses
   API, errors inside them), the
   blocking drivers, the router's drivers and config loader, and the
   conversation helper. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#define SAMPLES "tests/data/provider-samples/"

typedef llm_result (*path_fn)(llm_allocator alloc, const void *ctx);

/* Runs fn under the failing allocator; returns the allocations it made. */
static long sweep(const char *what, path_fn fn, const void *ctx) {
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    long n, k, wrong = 0;
    llm_result r;
    memset(&stats, 0, sizeof stats);
    r = fn(alloc, ctx);
    if (!CHECK_EQ_INT(r, LLM_OK)) fprintf(stderr, "  %s: the run without failures failed\n", what);
    CHECK_EQ_INT(stats.live, 0);
    n = stats.total;
    CHECK(n > 0);
    for (k = 1; k <= n; k++) {
        memset(&stats, 0, sizeof stats);
        stats.fail_at = k;
        r = fn(alloc, ctx);
        if (r != LLM_ERR_NO_MEMORY && wrong++ < 5)
            fprintf(stderr, "  %s: allocation %ld of %ld failed, got %s\n", what, k, n, llm_result_str(r));
        if (stats.live != 0 || stats.bad_sizes != 0)
            fprintf(stderr, "  %s: allocation %ld of %ld failed: %ld blocks live, %ld bad sizes\n", what, k, n, stats.live, stats.bad_sizes);
        CHECK(stats.live == 0 && stats.bad_sizes == 0);
    }
    CHECK_EQ_INT(wrong, 0);
    return n;
}

static char *load(const char *name, size_t *len) {
    char path[256];
    char *s;
    snprintf(path, sizeof path, SAMPLES "%s", name);
    s = test_read_file(path, len);
    if (!CHECK(s != NULL)) fprintf(stderr, "  cannot read %s (run from the repository root)\n", path);
    return s;
}

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "What is the weather in Paris and in Rome?"};

/* A long description: counting the tool's tokens allocates (the call
   estimates the prompt for answers without usage). */
static const llm_tool weather = {
    "get_weather", "The current weather in a city, with the temperature in degrees Celsius, the wind, the humidity and a short "
    "forecast for the hours ahead; use it whenever the user asks about the weather anywhere, today or tomorrow, in any words.",
    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"the city\"}},\"required\":[\"city\"]}", false, LLM_CACHE_NONE};

static llm_request request(void) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o";
    r.messages = &hello;
    r.message_count = 1;
    r.tools = &weather;
    r.tool_count = 1;
    return r;
}

/* ---- the sans-I/O call, streamed ---- */

typedef struct stream_input {
    const char *provider;        /* the preset; NULL: openai */
    int status;
    const char *content_type;    /* NULL: none (the call looks at the first byte) */
    const char *body;
    size_t len, chunk;           /* chunk: bytes per feed (0: whole) */
    llm_result want;             /* what the run without failures returns */
} stream_input;

static llm_result run_stream_call(llm_allocator alloc, const void *ctx) {
    const stream_input *in = (const stream_input *)ctx;
    llm_client_desc d;
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_request req = request();
    llm_response resp;
    llm_event ev;
    llm_result r;
    size_t off = 0;
    memset(&d, 0, sizeof d);
    d.alloc = alloc;
    d.api_key = "sk-test-0123456789";
    d.provider = in->provider ? in->provider : "openai";
    if (strcmp(d.provider, "openai-responses") == 0) { /* OpenAI's preset through the Responses API */
        d.provider = "openai";
        d.openai_api = LLM_OPENAI_API_RESPONSES;
    }
    if (llm_client_init(&c, &d, NULL) != LLM_OK) return LLM_ERR_INVALID_ARGUMENT;
    r = llm_call_begin_stream(&call, &c, &req, 0, &http, NULL);
    if (r != LLM_OK) return r;
    llm_call_feed_status(&call, in->status);
    if (in->content_type) llm_call_feed_header(&call, "Content-Type", 12, in->content_type, strlen(in->content_type));
    while (off < in->len) {
        size_t n = in->chunk && in->chunk < in->len - off ? in->chunk : in->len - off;
        if (llm_call_feed_body(&call, in->body + off, n) != LLM_OK) break;
        off += n;
        while (llm_call_next_event(&call, &ev) == LLM_OK) {}
    }
    r = llm_call_finish(&call, 1, &resp, NULL);
    llm_response_free(&resp);
    llm_call_free(&call);
    return r == in->want ? LLM_OK : r;
}

static void sweep_stream(const char *what, const char *provider, int status, const char *ct, const char *body, size_t len,
                         llm_result want) {
    stream_input in;
    size_t chunks[2];
    int i;
    chunks[0] = 0;
    chunks[1] = 7;
    for (i = 0; i < 2; i++) {
        memset(&in, 0, sizeof in);
        in.provider = provider;
        in.status = status;
        in.content_type = ct;
        in.body = body;
        in.len = len;
        in.chunk = chunks[i];
        in.want = want;
        sweep(what, run_stream_call, &in);
    }
}

/* Recorded answers through a streamed call, every allocation failed in turn. */
typedef struct recorded {
    const char *file, *provider; /* provider NULL: openai */
    const char *content_type;
    llm_result want;
} recorded;

static void sweep_recorded(const recorded *r, size_t n) {
    size_t i, len;
    for (i = 0; i < n; i++) {
        char *s = load(r[i].file, &len);
        if (s) sweep_stream(r[i].file, r[i].provider, 200, r[i].content_type, s, len, r[i].want);
        free(s);
    }
}

static void openai_streams(void) {
    static const recorded files[] = {
        {"openai/chat_stream_parallel_tool_calls.sse", NULL, "text/event-stream", LLM_OK},
        {"openai/chat_stream_text_usage.sse", NULL, "text/event-stream", LLM_OK},
        {"openai/chat_stream_logprobs.sse", NULL, "text/event-stream", LLM_OK},
        {"openrouter/stream_processing_comments.sse", NULL, "text/event-stream", LLM_OK},
        {"azure/stream_async_filter_blocked.sse", NULL, "text/event-stream", LLM_OK},
        {"azure/stream_async_filter_passes.sse", NULL, "text/event-stream", LLM_OK},
    };
    sweep_recorded(files, TEST_COUNT(files));
}

static void openai_error_inside_a_stream(void) {
    static const recorded files[] = {{"openrouter/stream_midstream_error.sse", NULL, "text/event-stream", LLM_ERR_SERVER}};
    sweep_recorded(files, TEST_COUNT(files));
}

/* The Responses API's streams (semantic events, no end marker, reasoning
   items) and whole answers. */
static void responses_streams(void) {
    static const recorded files[] = {
        {"openai-responses/streaming.sse", "openai-responses", "text/event-stream", LLM_OK},
        {"openai-responses/stream_reasoning_function_call.sse", "openai-responses", "text/event-stream", LLM_OK},
        {"openai-responses/reasoning_function_call_response.json", "openai-responses", "application/json", LLM_OK},
        {"openai-responses/failed.json", "openai-responses", "application/json", LLM_ERR_SERVER},
    };
    sweep_recorded(files, TEST_COUNT(files));
}

/* Gemini's streams (no end marker) and whole answers. */
static void gemini_streams(void) {
    static const recorded files[] = {
        {"gemini/stream_text.sse", "gemini", "text/event-stream", LLM_OK},
        {"gemini/stream_thinking_function_call.sse", "gemini", "text/event-stream", LLM_OK},
        {"gemini/generate_content_thinking_function_call.json", "gemini", "application/json", LLM_OK},
    };
    sweep_recorded(files, TEST_COUNT(files));
}

static void anthropic_streams(void) {
    static const recorded files[] = {
        {"anthropic/stream_tool_use.sse", "anthropic", "text/event-stream", LLM_OK},
        {"anthropic/docs_stream_thinking.sse", "anthropic", "text/event-stream", LLM_OK},
        {"anthropic/stream_thinking_signature_refusal.sse", "anthropic", "text/event-stream", LLM_OK},
        {"anthropic/stream_error_overloaded.sse", "anthropic", "text/event-stream", LLM_ERR_UNAVAILABLE},
    };
    sweep_recorded(files, TEST_COUNT(files));
}

/* A plain JSON answer to a streamed request, told as events: the path of
   the crash the audit found (2 tool calls: a NULL dereference when
   allocation 15 failed; 17: a heap overflow at allocation 66). */
static char *json_answer_with_tool_calls(int calls) {
    char *s = (char *)malloc(200 + (size_t)calls * 160);
    int i;
    strcpy(s, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":"
              "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[");
    for (i = 0; i < calls; i++)
        sprintf(s + strlen(s), "%s{\"id\":\"call_%d\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"C%d\\\"}\"}}",
                i ? "," : "", i, i);
    strcat(s, "]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":20,\"total_tokens\":29}}");
    return s;
}

static void json_answers_to_a_stream(void) {
    static const int counts[] = {2, 17};
    size_t i, len;
    for (i = 0; i < TEST_COUNT(counts); i++) {
        char *s = json_answer_with_tool_calls(counts[i]);
        sweep_stream("JSON answer with tool calls", NULL, 200, "application/json", s, strlen(s), LLM_OK);
        sweep_stream("JSON answer with tool calls, no content type", NULL, 200, NULL, s, strlen(s), LLM_OK);
        free(s);
    }
    {
        char *s = load("openai/chat_completion_parallel_tool_calls.json", &len);
        if (s) sweep_stream("openai/chat_completion_parallel_tool_calls.json", NULL, 200, "application/json", s, len, LLM_OK);
        free(s);
        s = load("anthropic/message_tool_use.json", &len);
        if (s) sweep_stream("anthropic/message_tool_use.json", "anthropic", 200, "application/json", s, len, LLM_OK);
        free(s);
        s = load("azure/chat_completion_content_filter_annotations.json", &len);
        if (s) sweep_stream("azure/chat_completion_content_filter_annotations.json", NULL, 200, "application/json", s, len, LLM_OK);
        free(s);
    }
}

static void error_answers_to_a_stream(void) {
    size_t len;
    char *s = load("openai/error_invalid_api_key.json", &len);
    if (s) sweep_stream("openai/error_invalid_api_key.json", NULL, 401, "application/json", s, len, LLM_ERR_AUTHENTICATION);
    free(s);
}

/* ---- the blocking drivers over the mock transport ---- */

typedef struct mock_input {
    const char *body;
    const char *headers;
    int status;
    size_t chunk;
    bool stream;
    llm_result want;
    const llm_mock_exchange *first; /* the answer of each attempt before the last (NULL: none) */
    int retries;                    /* attempts answered by `first`, each sent again */
} mock_input;

/* A virtual clock that sleeping moves forward. */
static int64_t clock_now(void *user) { return *(int64_t *)user; }
static void clock_sleep(void *user, int64_t ms) { *(int64_t *)user += ms; }

/* One call through the mock: `in` answered, after in->retries failed
   attempts answered by in->first (each then sent again by the client). */
static llm_result run_blocking(llm_allocator alloc, const void *ctx) {
    const mock_input *in = (const mock_input *)ctx;
    llm_mock_exchange x[3];
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = request();
    llm_response resp;
    llm_result r;
    int64_t now = 0;
    int k;
    memset(x, 0, sizeof x);
    for (k = 0; k < in->retries && in->first; k++) x[k] = *in->first;
    x[k].status = in->status;
    x[k].headers = in->headers;
    x[k].body = in->body;
    x[k].chunk = in->chunk;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = x;
    mock.count = (size_t)k + 1;
    memset(&d, 0, sizeof d);
    d.alloc = alloc;
    d.transport = llm_mock_transport(&mock);
    d.has_num_retries = true;
    d.num_retries = in->retries;
    d.clock_ms = clock_now;
    d.sleep_ms = clock_sleep;
    d.clock_user = &now;
    if (llm_client_init(&c, &d, NULL) != LLM_OK) return LLM_ERR_INVALID_ARGUMENT;
    r = in->stream ? llm_stream(&c, &req, NULL, NULL, &resp, NULL) : llm_complete(&c, &req, &resp, NULL);
    llm_response_free(&resp);
    return r == in->want ? LLM_OK : r;
}

static void blocking_drivers(void) {
    size_t len;
    mock_input in;
    llm_mock_exchange first;
    char *sse = load("openai/chat_stream_parallel_tool_calls.sse", &len);
    char *json = load("openai/chat_completion_parallel_tool_calls.json", &len);
    memset(&in, 0, sizeof in);
    memset(&first, 0, sizeof first);
    in.status = 200;
    in.want = LLM_OK;
    in.body = json;
    if (json) sweep("llm_complete", run_blocking, &in);
    in.stream = true;
    in.chunk = 11;
    in.headers = "Content-Type: text/event-stream\n";
    in.body = sse;
    if (sse) sweep("llm_stream", run_blocking, &in);
    in.status = 429;
    in.stream = false;
    in.headers = "retry-after: 1\n";
    in.body = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}";
    in.want = LLM_ERR_RATE_LIMITED;
    sweep("llm_complete, 429", run_blocking, &in);
    /* two 429s answered, each waited for and sent again, then the answer */
    first.status = 429;
    first.headers = "retry-after: 1\n";
    first.body = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}";
    in.first = &first;
    in.retries = 2;
    in.status = 200;
    in.headers = NULL;
    in.body = json;
    in.want = LLM_OK;
    if (json) sweep("llm_complete, two retries", run_blocking, &in);
    in.stream = true;
    in.chunk = 11;
    in.headers = "Content-Type: text/event-stream\n";
    in.body = sse;
    if (sse) sweep("llm_stream, two retries", run_blocking, &in);
    free(sse);
    free(json);
}

/* ---- the router ---- */

static const char router_config[] =
    "{\"model_list\":["
    "{\"model_name\":\"fast\",\"litellm_params\":{\"model\":\"openai/gpt-4o-mini\",\"api_key\":\"sk-a-0123456789\",\"rpm\":600}},"
    "{\"model_name\":\"backup\",\"litellm_params\":{\"model\":\"gpt-4o\",\"api_key\":\"sk-b-0123456789\"},\"model_info\":{\"id\":\"b1\"}}],"
    "\"router_settings\":{\"num_retries\":1,\"fallbacks\":[{\"fast\":[\"backup\"]}],\"routing_strategy\":\"least-busy\"}}";

typedef struct router_input {
    bool stream;
    const llm_mock_exchange *x;
    size_t count;
} router_input;


static llm_result run_router(llm_allocator alloc, const void *ctx) {
    const router_input *in = (const router_input *)ctx;
    llm_mock mock;
    llm_router_desc base;
    llm_router router;
    llm_request req = request();
    llm_response resp;
    llm_result r;
    int64_t now = 1000;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = in->x;
    mock.count = in->count;
    memset(&base, 0, sizeof base);
    base.alloc = alloc;
    base.transport = llm_mock_transport(&mock);
    base.clock_ms = clock_now;
    base.sleep_ms = clock_sleep;
    base.clock_user = &now;
    base.seed = 7;
    r = llm_router_init_json(&router, router_config, strlen(router_config), &base, NULL);
    if (r != LLM_OK) return r;
    req.model = "fast";
    r = in->stream ? llm_router_stream(&router, &req, NULL, NULL, NULL, &resp, NULL) : llm_router_complete(&router, &req, NULL, &resp, NULL);
    llm_response_free(&resp);
    llm_router_free(&router);
    return r;
}

static void router_drivers(void) {
    size_t len;
    char *json = load("openai/chat_completion_text.json", &len);
    char *sse = load("openai/chat_stream_text_usage.sse", &len);
    llm_mock_exchange x[3];
    router_input in;
    memset(x, 0, sizeof x);
    /* fast fails twice (503, then a transport failure), then the fallback answers */
    x[0].status = 503;
    x[0].body = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";
    x[1].fail = LLM_ERR_TRANSPORT;
    x[2].status = 200;
    x[2].body = json;
    memset(&in, 0, sizeof in);
    in.x = x;
    in.count = 3;
    if (json) sweep("llm_router_complete", run_router, &in);
    x[2].body = sse;
    x[2].headers = "Content-Type: text/event-stream\n";
    x[2].chunk = 13;
    in.stream = true;
    if (sse) sweep("llm_router_stream", run_router, &in);
    free(json);
    free(sse);
}

/* ---- the conversation helper ---- */

static llm_result run_conversation(llm_allocator alloc, const void *ctx) {
    const char *answer = (const char *)ctx;
    llm_conversation conv;
    llm_response resp;
    llm_content_part parts[2];
    llm_message m;
    llm_result r;
    memset(&conv, 0, sizeof conv);
    conv.alloc = alloc;
    memset(parts, 0, sizeof parts);
    parts[0].type = LLM_PART_TEXT;
    parts[0].text = "Describe this:";
    parts[1].type = LLM_PART_IMAGE_URL;
    parts[1].url = "https://example.com/cat.png";
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_USER;
    m.parts = parts;
    m.part_count = 2;
    r = llm_conversation_add(&conv, &m);
    if (r == LLM_OK) r = llm_decode_recorded("openai", 200, answer, strlen(answer), false, &resp, NULL);
    if (r == LLM_OK) {
        r = llm_conversation_add_response(&conv, &resp);
        llm_response_free(&resp);
    }
    if (r == LLM_OK) r = llm_conversation_add_tool_result(&conv, "call_0", "{\"temperature\":21}");
    llm_conversation_free(&conv);
    return r;
}

static void conversation_helper(void) {
    char *answer = json_answer_with_tool_calls(2);
    sweep("conversation", run_conversation, answer);
    free(answer);
}

static const test_case cases[] = {
    TEST(openai_streams),
    TEST(openai_error_inside_a_stream),
    TEST(anthropic_streams),
    TEST(gemini_streams),
    TEST(responses_streams),
    TEST(json_answers_to_a_stream),
    TEST(error_answers_to_a_stream),
    TEST(blocking_drivers),
    TEST(router_drivers),
    TEST(conversation_helper),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
