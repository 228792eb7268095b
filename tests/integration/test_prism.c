/* The curl adapter against a server nobody here wrote: Prism, serving the
   providers' own OpenAPI specs and validating every request against them
   (tests/prism/run.sh starts it and sets PRISM_BASE_URL).

   sh tests/prism/run.sh openai|anthropic -- build/test_prism openai|anthropic

   First the validator is proven live: a known-bad body sent raw must get
   422. Then llm.h's requests, plain and rich (system, tools, an image, a
   structured answer, sampling), must pass validation and their 200
   answers decode (LLM_OK, a choice); and a
   streamed request must pass validation too (Prism answers streams with
   no event stream for these specs: 500 NO_COMPLEX_OBJECT_TEXT for OpenAI,
   406 NOT_ACCEPTABLE for Anthropic, see tests/prism/README.md), so it ends
   in that HTTP error, never 422. */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#include "../test.h"

static llm_curl curl_t;
static const char *base, *spec;
static bool anthropic;

static const char png_b64[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

static void client(llm_client *c) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = anthropic ? "anthropic" : "openai";
    d.base_url = base;
    d.api_key = "sk-prism-test";
    d.transport = llm_curl_transport(&curl_t);
    d.timeout_ms = 20000;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

static int raw_status_seen;
static llm_result raw_status(void *ctx, int status) {
    (void)ctx;
    raw_status_seen = status;
    return LLM_OK;
}
static llm_result raw_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    (void)ctx, (void)n, (void)nl, (void)v, (void)vl;
    return LLM_OK;
}
static llm_result raw_body(void *ctx, const char *d, size_t n) {
    (void)ctx, (void)d, (void)n;
    return LLM_OK;
}

/* A body sent as is, with the provider's headers: the answer's status. */
static int send_raw(const char *body) {
    llm_http_request http;
    llm_http_sink sink;
    llm_transport t = llm_curl_transport(&curl_t);
    llm_pair h[4];
    char url[256];
    size_t n = 0;
    h[n].name = "Content-Type", h[n++].value = "application/json";
    if (anthropic) {
        h[n].name = "x-api-key", h[n++].value = "sk-prism-test";
        h[n].name = "anthropic-version", h[n++].value = "2023-06-01";
    } else {
        h[n].name = "Authorization", h[n++].value = "Bearer sk-prism-test";
    }
    snprintf(url, sizeof url, "%s%s", base, anthropic ? "/v1/messages" : "/chat/completions");
    memset(&http, 0, sizeof http);
    http.method = "POST";
    http.url = url;
    http.headers = h;
    http.header_count = n;
    http.body = body;
    http.body_len = strlen(body);
    http.timeout_ms = 20000;
    sink.status = raw_status;
    sink.header = raw_header;
    sink.body = raw_body;
    sink.ctx = NULL;
    sink.tick = NULL;
    raw_status_seen = 0;
    t.send(t.user, &http, &sink, NULL);
    return raw_status_seen;
}

static void the_validator_refuses_a_known_bad_body(void) {
    const char *bad = anthropic ? "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}" /* no max_tokens */
                                : "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":5}]}";
    const char *good = anthropic ? "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
                                 : "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    CHECK_EQ_INT(send_raw(bad), 422);
    CHECK_EQ_INT(send_raw(good), 200);
}

static llm_request plain(void) {
    static const llm_message hi = {.role = LLM_ROLE_USER, .content = "Hi"};
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = anthropic ? "claude-sonnet-4-5" : "gpt-4o";
    r.messages = &hi;
    r.message_count = 1;
    return r;
}

/* The request passed validation and its answer decoded: Prism answered
   200 with a body made from the spec, and llm.h read a choice from it. Its
   made-up tool calls carry the word "string" as arguments, not JSON: kept,
   flagged arguments_invalid, as any answer's are; a decoder that refused
   such an answer fails here. */
static bool passed(llm_result r, const llm_response *resp, const llm_error *err) {
    if (r == LLM_OK && resp->choice_count >= 1) return true;
    if (r == LLM_OK) fprintf(stderr, "  decoded with no choice\n");
    else fprintf(stderr, "  %s: %s (HTTP %d)\n", llm_result_str(r), err->message, err->http_status);
    return false;
}

static void plain_requests_pass_and_decode(void) {
    llm_client c;
    llm_request req = plain();
    llm_response resp;
    llm_error err;
    llm_result r;
    client(&c);
    r = llm_complete(&c, &req, &resp, &err);
    /* Anthropic's answer is its spec's example message, text included;
       OpenAI's is made up from the schema (see passed) */
    if (anthropic && CHECK_EQ_INT(r, LLM_OK)) CHECK(resp.choice_count == 1 && resp.choices[0].content != NULL);
    if (!anthropic) CHECK(passed(r, &resp, &err));
    llm_response_free(&resp);
}

static void rich_requests_pass_validation(void) {
    static const llm_content_part photo[] = {{.type = LLM_PART_TEXT, .text = "What is in this image?"},
                                             {.type = LLM_PART_IMAGE_BASE64, .base64 = png_b64, .media_type = "image/png"}};
    static const llm_tool_call call = {"call_abc123", "get_weather", "{\"location\":\"Paris\"}", false};
    static const llm_message conv[] = {
        {.role = LLM_ROLE_SYSTEM, .content = "You are a helpful assistant."},
        {.role = LLM_ROLE_USER, .parts = photo, .part_count = 2},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_USER, .content = "Should I take an umbrella?"},
    };
    static const llm_tool weather = {"get_weather", "Get the weather",
                                     "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}", false,
                                     LLM_CACHE_NONE};
    static const char *const stops[] = {"END"};
    llm_client c;
    llm_request req = plain();
    llm_response resp;
    llm_error err;
    client(&c);
    req.messages = conv;
    req.message_count = 5;
    req.tools = &weather;
    req.tool_count = 1;
    req.tool_choice.mode = LLM_TOOL_CHOICE_AUTO;
    req.max_tokens = 256;
    req.has_temperature = true;
    req.temperature = 0.5;
    req.stop = stops;
    req.stop_count = 1;
    req.user = "user-1";
    CHECK(passed(llm_complete(&c, &req, &resp, &err), &resp, &err));
    llm_response_free(&resp);
    req = plain();
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "answer";
    req.response_format.schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"],\"additionalProperties\":false}";
    req.reasoning_effort = anthropic ? "low" : NULL;
    if (anthropic) req.max_tokens = 2048;
    CHECK(passed(llm_complete(&c, &req, &resp, &err), &resp, &err));
    llm_response_free(&resp);
}

static void a_streamed_request_passes_validation(void) {
    llm_client c;
    llm_request req = plain();
    llm_response resp;
    llm_error err;
    llm_result r;
    client(&c);
    r = llm_stream(&c, &req, NULL, NULL, &resp, &err);
    CHECK(r != LLM_OK && err.http_status != 422);
    if (!CHECK_EQ_INT(err.http_status, anthropic ? 406 : 500)) fprintf(stderr, "  %s: %s\n", llm_result_str(r), err.message);
    llm_response_free(&resp);
}

static const test_case cases[] = {
    TEST(the_validator_refuses_a_known_bad_body),
    TEST(plain_requests_pass_and_decode),
    TEST(rich_requests_pass_validation),
    TEST(a_streamed_request_passes_validation),
};

int main(int argc, char **argv) {
    int r;
    spec = argc > 1 ? argv[1] : "";
    base = getenv("PRISM_BASE_URL");
    anthropic = strcmp(spec, "anthropic") == 0;
    if (!base || (!anthropic && strcmp(spec, "openai") != 0)) {
        fprintf(stderr, "usage: PRISM_BASE_URL=... build/test_prism openai|anthropic (run it through tests/prism/run.sh)\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    llm_curl_init(&curl_t, NULL, NULL);
    r = test_main(cases, TEST_COUNT(cases), argc - 1, argv + 1);
    llm_curl_free(&curl_t);
    curl_global_cleanup();
    return r;
}
