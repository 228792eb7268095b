/* The OpenAI wire format, the call and the client. Expected values are read
   off the recorded bytes in tests/data/provider-samples/openai/ by hand and
   written here; request bodies are written by hand from the API reference. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static char *load(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof path, "tests/data/provider-samples/%s", name);
    return TEST_READ_FIXTURE(path, len);
}

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};

static const char *exchange_provider; /* the client's provider for the next exchange (NULL: openai) */

static void init_client(llm_client *c, llm_allocator alloc) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = exchange_provider;
    if (exchange_provider && !llm_provider_find(exchange_provider)->default_base_url) d.base_url = "https://example.openai.azure.com";
    d.api_key = "sk-test-secret-key";
    d.alloc = alloc;
    d.seed = 42;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

static llm_request simple_request(void) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o";
    r.messages = &hello;
    r.message_count = 1;
    return r;
}

/* Feeds one recorded answer to a call: mode 0 whole, 1 one byte at a time,
   2 random chunk sizes (seeded). */
static int exchange_n; /* the request's n for the next exchange (0: unset) */

static llm_result exchange(int status, const char *headers, const char *body, size_t len, int mode, unsigned seed,
                           llm_response *resp, llm_error *err, test_alloc_stats *stats) {
    llm_allocator alloc = TEST_ALLOCATOR(stats);
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    req.n = exchange_n;
    const llm_http_request *http;
    llm_result r;
    size_t off = 0;
    memset(resp, 0, sizeof *resp);
    init_client(&c, alloc);
    if (c.provider->wire->encode) r = llm_call_begin(&call, &c, &req, 1000, &http, err);
    else r = llm_call_begin_decode(&call, &c, false, NULL, err); /* decoding only */
    if (r != LLM_OK) return r;
    llm_call_feed_status(&call, status);
    while (headers && *headers) {
        const char *colon = strchr(headers, ':'), *eol = strchr(headers, '\n');
        llm_call_feed_header(&call, headers, (size_t)(colon - headers), colon + 2, (size_t)(eol - colon - 2));
        headers = eol + 1;
    }
    while (off < len) {
        size_t n = mode == 0 ? len : mode == 1 ? 1 : 1 + (seed = seed * 1103515245u + 12345u) % 97;
        if (n > len - off) n = len - off;
        llm_call_feed_body(&call, body + off, n);
        off += n;
    }
    r = llm_call_finish(&call, 1250, resp, err);
    llm_call_free(&call);
    return r;
}

static void openai_decodes_text_in_any_chunking(void) {
    size_t len;
    char *body = load("openai/chat_completion_text.json", &len);
    int mode;
    for (mode = 0; body && mode < 3; mode++) {
        test_alloc_stats stats;
        llm_response resp;
        llm_error err;
        memset(&stats, 0, sizeof stats);
        CHECK_EQ_INT(exchange(200, "x-request-id: req_abc123\n", body, len, mode, 7, &resp, &err, &stats), LLM_OK);
        CHECK_EQ_STR(resp.id, "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY");
        CHECK_EQ_STR(resp.object, "chat.completion");
        CHECK_EQ_INT(resp.created, 1727346142);
        CHECK_EQ_STR(resp.model, "gpt-4o-2024-08-06");
        CHECK_EQ_STR(resp.system_fingerprint, "fp_b40fb1c6fb");
        CHECK(resp.service_tier == NULL);
        CHECK_EQ_INT(resp.choice_count, 1);
        if (resp.choice_count == 1) {
            CHECK_EQ_INT(resp.choices[0].index, 0);
            CHECK_EQ_STR(resp.choices[0].content,
                         "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I "
                         "recommend checking a reliable weather website or app like the Weather Channel or a local news station.");
            CHECK_EQ_INT(resp.choices[0].content_len, 198);
            CHECK(resp.choices[0].refusal == NULL);
            CHECK(resp.choices[0].reasoning == NULL);
            CHECK_EQ_INT(resp.choices[0].tool_call_count, 0);
            CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
            CHECK_EQ_STR(resp.choices[0].finish_reason_raw, "stop");
            CHECK_EQ_INT(resp.choices[0].logprob_count, 0);
        }
        CHECK(resp.usage.source == LLM_USAGE_REPORTED);
        CHECK_EQ_INT(resp.usage.prompt_tokens, 14);
        CHECK_EQ_INT(resp.usage.completion_tokens, 37);
        CHECK_EQ_INT(resp.usage.total_tokens, 51);
        CHECK_EQ_INT(resp.usage.reasoning_tokens, 0);
        CHECK_EQ_INT(resp.usage.cached_tokens, 0);
        CHECK_EQ_STR(resp.request_id, "req_abc123");
        CHECK_EQ_INT(resp.http_status, 200);
        CHECK_EQ_INT(resp.latency_ms, 250);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
        /* LiteLLM's gpt-4o-2024-08-06: 2.5e-06 $/input token, 1e-05 $/output token:
           14 * 2.5e-06 + 37 * 1e-05 = 0.000035 + 0.00037 = 0.000405 */
        CHECK(resp.has_cost && resp.cost_usd > 0.000405 - 1e-12 && resp.cost_usd < 0.000405 + 1e-12);
#else
        CHECK(!resp.has_cost); /* no price table: no cost, never a zero one */
#endif
        CHECK(resp.raw_body == NULL);
        llm_response_free(&resp);
        CHECK_EQ_INT(stats.live, 0);
        CHECK_EQ_INT(stats.bad_sizes, 0);
    }
    free(body);
}

static void openai_decodes_parallel_tool_calls(void) {
    size_t len;
    char *body = load("openai/chat_completion_parallel_tool_calls.json", &len);
    int mode;
    for (mode = 0; body && mode < 3; mode++) {
        test_alloc_stats stats;
        llm_response resp;
        memset(&stats, 0, sizeof stats);
        CHECK_EQ_INT(exchange(200, NULL, body, len, mode, 3, &resp, NULL, &stats), LLM_OK);
        CHECK_EQ_INT(resp.choice_count, 1);
        if (resp.choice_count == 1) {
            const llm_choice *c = &resp.choices[0];
            CHECK(c->content == NULL);
            CHECK_EQ_INT(c->finish_reason, LLM_FINISH_TOOL_CALLS);
            CHECK_EQ_INT(c->tool_call_count, 2);
            if (c->tool_call_count == 2) {
                CHECK_EQ_STR(c->tool_calls[0].id, "call_fdNz3vOBKYgOIpMdWotB9MjY");
                CHECK_EQ_STR(c->tool_calls[0].name, "GetWeatherArgs");
                CHECK_EQ_STR(c->tool_calls[0].arguments, "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}");
                CHECK_EQ_STR(c->tool_calls[1].id, "call_h1DWI1POMJLb0KwIyQHWXD4p");
                CHECK_EQ_STR(c->tool_calls[1].name, "get_stock_price");
                CHECK_EQ_STR(c->tool_calls[1].arguments, "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}");
            }
        }
        CHECK_EQ_INT(resp.usage.prompt_tokens, 149);
        CHECK_EQ_INT(resp.usage.completion_tokens, 60);
        CHECK_EQ_INT(resp.usage.total_tokens, 209);
        llm_response_free(&resp);
        CHECK_EQ_INT(stats.live, 0);
    }
    free(body);
}

static void openai_decodes_refusal_and_length(void) {
    size_t len;
    char *body = load("openai/chat_completion_refusal.json", &len);
    test_alloc_stats stats;
    llm_response resp;
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(exchange(200, NULL, body, len, 1, 0, &resp, NULL, &stats), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].content == NULL);
    CHECK(resp.choice_count == 1 && resp.choices[0].refusal && strcmp(resp.choices[0].refusal, "I'm very sorry, but I can't assist with that.") == 0);
    CHECK(resp.choice_count == 1 && resp.choices[0].finish_reason == LLM_FINISH_STOP);
    CHECK_EQ_INT(resp.usage.completion_tokens, 12);
    CHECK_EQ_STR(resp.system_fingerprint, "fp_5050236cbd");
    llm_response_free(&resp);
    free(body);
    body = load("openai/chat_completion_finish_length.json", &len);
    CHECK_EQ_INT(exchange(200, NULL, body, len, 2, 99, &resp, NULL, &stats), LLM_OK);
    CHECK(resp.choice_count == 1 && resp.choices[0].content && strcmp(resp.choices[0].content, "{\"") == 0);
    CHECK(resp.choice_count == 1 && resp.choices[0].finish_reason == LLM_FINISH_LENGTH);
    CHECK_EQ_STR(resp.choice_count == 1 ? resp.choices[0].finish_reason_raw : NULL, "length");
    CHECK_EQ_INT(resp.usage.prompt_tokens, 79);
    CHECK_EQ_INT(resp.usage.completion_tokens, 1);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

static void openai_decodes_every_choice_logprobs_and_usage_details(void) {
    /* written from the API reference: two choices out of order, logprobs,
       cached and reasoning tokens, reasoning text as vLLM sends it */
    const char *body =
        "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o3\",\"service_tier\":\"default\",\"choices\":["
        "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"B\"},\"finish_reason\":\"content_filter\"},"
        "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A\\u00e9\",\"reasoning_content\":\"think\"},"
        "\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.25,\"bytes\":[65],\"top_logprobs\":[{\"token\":\"A\",\"logprob\":-0.25},"
        "{\"token\":\"Z\",\"logprob\":-2.5}]}]},\"finish_reason\":\"weird\"}],"
        "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150,"
        "\"prompt_tokens_details\":{\"cached_tokens\":64,\"audio_tokens\":3},"
        "\"completion_tokens_details\":{\"reasoning_tokens\":20,\"audio_tokens\":4},\"cost\":0.0012}}";
    test_alloc_stats stats;
    llm_response resp;
    memset(&stats, 0, sizeof stats);
    exchange_n = 2;
    exchange_provider = "litellm_proxy"; /* the proxy's cost header */
    CHECK_EQ_INT(exchange(200, "x-litellm-response-cost: 0.5\n", body, strlen(body), 0, 0, &resp, NULL, &stats), LLM_OK);
    exchange_n = 0;
    exchange_provider = NULL;
    CHECK_EQ_INT(resp.choice_count, 2);
    if (resp.choice_count == 2) {
        CHECK_EQ_INT(resp.choices[0].index, 0);
        CHECK_EQ_STR(resp.choices[0].content, "A\xC3\xA9");
        CHECK_EQ_STR(resp.choices[0].reasoning, "think");
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_OTHER);
        CHECK_EQ_STR(resp.choices[0].finish_reason_raw, "weird");
        CHECK_EQ_INT(resp.choices[0].logprob_count, 1);
        CHECK(resp.choices[0].logprob_count == 1 && resp.choices[0].logprobs[0].logprob == -0.25);
        CHECK(resp.choices[0].logprob_count == 1 && resp.choices[0].logprobs[0].top_count == 2 &&
              strcmp(resp.choices[0].logprobs[0].top[1].token, "Z") == 0 && resp.choices[0].logprobs[0].top[1].logprob == -2.5);
        CHECK_EQ_INT(resp.choices[1].index, 1);
        CHECK_EQ_STR(resp.choices[1].content, "B");
        CHECK_EQ_INT(resp.choices[1].finish_reason, LLM_FINISH_CONTENT_FILTER);
    }
    CHECK_EQ_STR(resp.service_tier, "default");
    CHECK_EQ_INT(resp.usage.cached_tokens, 64);
    CHECK_EQ_INT(resp.usage.audio_prompt_tokens, 3);
    CHECK_EQ_INT(resp.usage.reasoning_tokens, 20);
    CHECK_EQ_INT(resp.usage.audio_completion_tokens, 4);
    CHECK(resp.has_provider_cost && resp.provider_cost_usd == 0.5); /* the proxy's header wins over the body */
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static void openai_maps_error_bodies(void) {
    size_t len;
    char *body = load("openai/error_invalid_api_key.json", &len);
    test_alloc_stats stats;
    llm_response resp;
    llm_error err;
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(exchange(401, "x-request-id: req_e1\n", body, len, 1, 0, &resp, &err, &stats), LLM_ERR_AUTHENTICATION);
    CHECK_EQ_INT(err.code, LLM_ERR_AUTHENTICATION);
    CHECK_EQ_INT(err.http_status, 401);
    CHECK_EQ_STR(err.type, "invalid_request_error");
    CHECK_EQ_STR(err.provider_code, "invalid_api_key");
    CHECK(strncmp(err.message, "Incorrect API key provided: sk-PMafP***", 39) == 0);
    CHECK_EQ_STR(err.request_id, "req_e1");
    CHECK(!err.retryable);
    CHECK(resp.choices == NULL && resp.arena_ == NULL);
    free(body);
    body = load("openrouter/error_rate_limit.json", &len);
    CHECK_EQ_INT(exchange(429, "retry-after: 7\n", body, len, 0, 0, &resp, &err, &stats), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_STR(err.message, "Rate limit exceeded");
    CHECK_EQ_STR(err.provider_code, "429");
    CHECK_EQ_INT(err.retry_after_ms, 7000);
    CHECK(err.retryable);
    /* a 5xx whose body says code 429 is a rate limit */
    CHECK_EQ_INT(exchange(500, NULL, body, len, 0, 0, &resp, &err, &stats), LLM_ERR_RATE_LIMITED);
    free(body);
    body = load("anthropic/error_not_found.json", &len);
    exchange_provider = "anthropic"; /* Anthropic's request-id header */
    CHECK_EQ_INT(exchange(404, "request-id: req_011CSHoEeqs5C35K2UUqR7Fy\n", body, len, 0, 0, &resp, &err, &stats), LLM_ERR_NOT_FOUND);
    exchange_provider = NULL;
    CHECK_EQ_STR(err.type, "not_found_error");
    CHECK_EQ_STR(err.message, "The requested resource could not be found.");
    CHECK_EQ_STR(err.request_id, "req_011CSHoEeqs5C35K2UUqR7Fy");
    free(body);
    CHECK_EQ_INT(stats.live, 0);
}

static void errors_map_every_status(void) {
    static const struct { int status; llm_result code; bool retryable; } cases[] = {
        {400, LLM_ERR_BAD_REQUEST, false}, {401, LLM_ERR_AUTHENTICATION, false}, {402, LLM_ERR_PAYMENT_REQUIRED, false},
        {403, LLM_ERR_PERMISSION, false}, {404, LLM_ERR_NOT_FOUND, false}, {408, LLM_ERR_TIMEOUT, true},
        {409, LLM_ERR_HTTP, true}, {413, LLM_ERR_BAD_REQUEST, false}, {418, LLM_ERR_HTTP, false},
        {422, LLM_ERR_BAD_REQUEST, false}, {429, LLM_ERR_RATE_LIMITED, true}, {500, LLM_ERR_SERVER, true},
        {502, LLM_ERR_SERVER, true}, {503, LLM_ERR_UNAVAILABLE, true}, {504, LLM_ERR_SERVER, true},
        {529, LLM_ERR_UNAVAILABLE, true}, {599, LLM_ERR_SERVER, true}, {302, LLM_ERR_HTTP, false},
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        llm_error e;
        const char *body = "{\"error\":{\"message\":\"something went wrong\",\"type\":\"x\"}}";
        test_alloc_stats stats;
        llm_response resp;
        memset(&stats, 0, sizeof stats);
        CHECK_EQ_INT(exchange(cases[i].status, NULL, body, strlen(body), 0, 0, &resp, &e, &stats), cases[i].code);
        CHECK_EQ_INT(e.http_status, cases[i].status);
        if (!CHECK(e.retryable == cases[i].retryable)) fprintf(stderr, "  status %d\n", cases[i].status);
    }
}

/* Anthropic's context-window phrase belongs to its wire format. */
static void anthropic_words_are_its_own(void) {
    const char *body = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 215000 tokens > 200000 maximum\"}}";
    llm_response resp;
    llm_error e;
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 400, body, strlen(body), false, &resp, &e), LLM_ERR_CONTEXT_WINDOW_EXCEEDED);
    CHECK_EQ_INT(llm_decode_recorded("openai", 400, body, strlen(body), false, &resp, &e), LLM_ERR_BAD_REQUEST);
    body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 529, body, strlen(body), false, &resp, &e), LLM_ERR_UNAVAILABLE);
    CHECK(e.retryable);
    body = "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}";
    CHECK_EQ_INT(llm_decode_recorded("openai", 429, body, strlen(body), false, &resp, &e), LLM_ERR_PAYMENT_REQUIRED);
    CHECK(!e.retryable); /* waiting will not refill it */
}

static void errors_recognise_phrases(void) {
    static const struct { int status; const char *message; const char *code; llm_result want; } cases[] = {
        {400, "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "whatever", "context_length_exceeded", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "Request would exceed context limit", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "String too long. Expected a string with maximum length 1048576", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "the model's maximum context limit was reached", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "Your input is longer than the model's context length", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "Input tokens exceed the configured limit of 272000 tokens", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {422, "`inputs` tokens + `max_new_tokens` must be <= 4096", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "the request exceeds the available context size", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "This exceeds the maximum number of tokens allowed", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "current length is 9000 while limit is 8192", "", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "Invalid 'user': string too long. Expected a string with maximum length 256", "", LLM_ERR_BAD_REQUEST},
        {400, "string_above_max_length: string too long. Expected a string with maximum length 10", "", LLM_ERR_BAD_REQUEST},
        {400, "Your request was rejected as a result of our safety system.", "", LLM_ERR_CONTENT_POLICY},
        {400, "blocked", "content_policy_violation", LLM_ERR_CONTENT_POLICY},
        {400, "ResponsibleAIPolicyViolation", "", LLM_ERR_CONTENT_POLICY},
        {400, "content_filter_policy triggered", "", LLM_ERR_CONTENT_POLICY},
        {400, "The response was blocked.", "", LLM_ERR_CONTENT_POLICY},
        {400, "Output blocked by content filtering policy", "", LLM_ERR_CONTENT_POLICY},
        {503, "Rate limit reached for requests", "", LLM_ERR_RATE_LIMITED},
        {500, "Resource exhausted: quota", "", LLM_ERR_RATE_LIMITED},
        {500, "Quota exceeded for metric", "", LLM_ERR_RATE_LIMITED},
        {500, "service tier capacity exceeded", "", LLM_ERR_RATE_LIMITED},
        {500, "internal error", "", LLM_ERR_SERVER},
        {400, "bad field", "", LLM_ERR_BAD_REQUEST},
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        llm_error e;
        memset(&e, 0, sizeof e);
        e.http_status = cases[i].status;
        strcpy(e.message, cases[i].message);
        strcpy(e.provider_code, cases[i].code);
        if (!CHECK_EQ_INT(llm_classify_error(&e), cases[i].want)) fprintf(stderr, "  message: %s\n", cases[i].message);
    }
}

static void retry_headers_are_parsed(void) {
    /* ms -1: no Retry-After */
    static const struct { const char *headers; int64_t ms; llm_tristate should; bool retryable; } cases[] = {
        {"retry-after-ms: 1500\n", 1500, LLM_UNSET, true},
        {"Retry-After: 2\n", 2000, LLM_UNSET, true},
        {"retry-after: 0.5\n", 500, LLM_UNSET, true},
        {"retry-after: 0\n", 0, LLM_UNSET, true},
        {"retry-after-ms: 250\nretry-after: 9\n", 250, LLM_UNSET, true},
        {"date: Wed, 21 Oct 2015 07:28:00 GMT\nretry-after: Wed, 21 Oct 2015 07:28:30 GMT\n", 30000, LLM_UNSET, true},
        {"retry-after: soon\n", -1, LLM_UNSET, true},
        {"x-should-retry: false\n", -1, LLM_FALSE, false},
        {"x-should-retry: true\n", -1, LLM_TRUE, true},
    };
    size_t i;
    const char *body = "{\"error\":{\"message\":\"slow down\"}}";
    for (i = 0; i < TEST_COUNT(cases); i++) {
        test_alloc_stats stats;
        llm_response resp;
        llm_error e;
        memset(&stats, 0, sizeof stats);
        CHECK_EQ_INT(exchange(429, cases[i].headers, body, strlen(body), 0, 0, &resp, &e, &stats), LLM_ERR_RATE_LIMITED);
        CHECK(e.has_retry_after == (cases[i].ms >= 0));
        if (!CHECK_EQ_INT(e.has_retry_after ? e.retry_after_ms : -1, cases[i].ms)) fprintf(stderr, "  headers: %s", cases[i].headers);
        CHECK_EQ_INT(e.should_retry, cases[i].should);
        CHECK(e.retryable == cases[i].retryable);
    }
    {   /* Azure's own header: a provider's word, not a generic one */
        test_alloc_stats stats;
        llm_response resp;
        llm_error e;
        memset(&stats, 0, sizeof stats);
        exchange_provider = "azure";
        CHECK_EQ_INT(exchange(429, "x-ms-retry-after-ms: 300\n", body, strlen(body), 0, 0, &resp, &e, &stats), LLM_ERR_RATE_LIMITED);
        CHECK(e.has_retry_after && e.retry_after_ms == 300);
        exchange_provider = NULL;
        CHECK_EQ_INT(exchange(429, "x-ms-retry-after-ms: 300\n", body, strlen(body), 0, 0, &resp, &e, &stats), LLM_ERR_RATE_LIMITED);
        CHECK(!e.has_retry_after); /* OpenAI does not send it */
    }
    /* the x-should-retry header overrides the status */
    {
        test_alloc_stats stats;
        llm_response resp;
        llm_error e;
        memset(&stats, 0, sizeof stats);
        exchange(400, "x-should-retry: true\n", body, strlen(body), 0, 0, &resp, &e, &stats);
        CHECK(e.retryable);
    }
}

static void bad_answers_give_clear_errors(void) {
    test_alloc_stats stats;
    llm_response resp;
    llm_error err;
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(exchange(200, NULL, "{\"choices\":[{\"index\":0,\"mess", 28, 1, 0, &resp, &err, &stats), LLM_ERR_PARSE);
    CHECK_EQ_INT(err.offset, 28);
    CHECK_EQ_INT(exchange(200, NULL, "", 0, 0, 0, &resp, &err, &stats), LLM_ERR_TRUNCATED);
    CHECK_EQ_INT(exchange(200, NULL, "[1,2]", 5, 0, 0, &resp, &err, &stats), LLM_ERR_PARSE);
    CHECK_EQ_INT(exchange(200, NULL, "{\"choices\":[1]}", 15, 0, 0, &resp, &err, &stats), LLM_ERR_PARSE);
    CHECK_EQ_INT(exchange(502, NULL, "<html>Bad gateway</html>", 24, 0, 0, &resp, &err, &stats), LLM_ERR_SERVER);
    CHECK_EQ_STR(err.message, "<html>Bad gateway</html>");
    CHECK_EQ_INT(exchange(500, NULL, "", 0, 0, 0, &resp, &err, &stats), LLM_ERR_SERVER);
    CHECK(strstr(err.message, "500") != NULL);
    CHECK_EQ_INT(stats.live, 0);
}

static void oversized_bodies_are_refused(void) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    const llm_http_request *http;
    llm_response resp;
    llm_error err;
    char chunk[100];
    int i;
    memset(&d, 0, sizeof d);
    d.max_response_bytes = 1000;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    memset(chunk, ' ', sizeof chunk);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
    for (i = 0; i < 10; i++) CHECK_EQ_INT(llm_call_feed_body(&call, chunk, sizeof chunk), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_body(&call, chunk, 1), LLM_ERR_LIMIT_EXCEEDED);
    CHECK_EQ_INT(llm_call_feed_body(&call, chunk, 1), LLM_ERR_LIMIT_EXCEEDED); /* sticky */
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
    llm_call_free(&call);
}

static const char *header(const llm_http_request *h, const char *name) {
    size_t i;
    for (i = 0; i < h->header_count; i++)
        if (strcmp(h->headers[i].name, name) == 0) return h->headers[i].value;
    return NULL;
}

static void request_has_url_headers_and_body(void) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    const llm_http_request *http;
    llm_pair extra = {"OpenAI-Project", "proj_1"};
    memset(&d, 0, sizeof d);
    d.api_key = "sk-abc";
    d.base_url = "https://example.test/v1/";
    d.headers = &extra;
    d.header_count = 1;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_STR(http->method, "POST");
    CHECK_EQ_STR(http->url, "https://example.test/v1/chat/completions");
    CHECK_EQ_STR(header(http, "Authorization"), "Bearer sk-abc");
    CHECK_EQ_STR(header(http, "Content-Type"), "application/json");
    CHECK_EQ_STR(header(http, "OpenAI-Project"), "proj_1");
    CHECK(header(http, "X-Request-ID") && strlen(header(http, "X-Request-ID")) == 36 && strncmp(header(http, "X-Request-ID"), "req_", 4) == 0);
    CHECK_EQ_INT(http->timeout_ms, 600000);
    CHECK(http->body_len == strlen(http->body));
    CHECK_EQ_STR(http->body, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
    llm_call_free(&call);
    /* a caller-given request id, and none at all */
    req.request_id = "trace-7";
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_STR(header(http, "X-Request-ID"), "trace-7");
    llm_call_free(&call);
    d.no_request_id = true;
    d.base_url = NULL;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK(header(http, "X-Request-ID") == NULL);
    CHECK_EQ_STR(http->url, "https://api.openai.com/v1/chat/completions");
    llm_call_free(&call);
}

static void crlf_and_bad_arguments_are_refused(void) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    const llm_http_request *http;
    llm_pair bad = {"X-Evil", "a\r\nInjected: 1"};
    llm_error err;
    memset(&d, 0, sizeof d);
    d.api_key = "sk-secret\r\nX: y";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "sk-secret") == NULL);
    d.api_key = "sk-ok";
    d.headers = &bad;
    d.header_count = 1;
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_INVALID_ARGUMENT);
    d.headers = NULL;
    d.header_count = 0;
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_OK);
    req.headers = &bad;
    req.header_count = 1;
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_call_free(&call);
    req = simple_request();
    req.model = NULL;
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_call_free(&call);
    CHECK_EQ_INT(llm_call_begin(NULL, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_complete(NULL, &req, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    d.provider = "nonsense";
    CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_ERR_UNSUPPORTED);
}

static void api_key_never_appears_in_errors(void) {
    /* a server that echoes the key back */
    const char *body = "{\"error\":{\"message\":\"key sk-test-secret-key is revoked\",\"type\":\"auth\"}}";
    test_alloc_stats stats;
    llm_response resp;
    llm_error err;
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(exchange(401, NULL, body, strlen(body), 0, 0, &resp, &err, &stats), LLM_ERR_AUTHENTICATION);
    CHECK(strstr(err.message, "sk-test-secret-key") == NULL);
    CHECK_EQ_STR(err.message, "key *** is revoked");
}

static void call_errors_are_sticky_and_ordered(void) {
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    const llm_http_request *http;
    llm_response resp;
    llm_error err;
    llm_allocator alloc;
    memset(&alloc, 0, sizeof alloc);
    init_client(&c, alloc);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_body(&call, "{}", 2), LLM_ERR_INVALID_ARGUMENT); /* before the status */
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_ERR_INVALID_ARGUMENT);   /* sticky */
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_call_free(&call);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_ERR_TRANSPORT); /* nothing arrived */
    llm_call_free(&call);
}

/* ---- the blocking client over the mock transport ---- */

static void capture_body(void *user, const llm_http_request *req) {
    char *dst = (char *)user;
    size_t n = req->body_len < 1023 ? req->body_len : 1023;
    memcpy(dst, req->body, n);
    dst[n] = '\0';
}

static void complete_runs_through_the_transport(void) {
    size_t len;
    char *body = load("openai/chat_completion_text.json", &len);
    llm_mock_exchange ex[2];
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = simple_request();
    llm_response resp;
    llm_error err;
    char sent[1024];
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    memset(&stats, 0, sizeof stats);
    memset(ex, 0, sizeof ex);
    ex[0].status = 200;
    ex[0].headers = "content-type: application/json\nx-request-id: req_1\n";
    ex[0].body = body;
    ex[0].chunk = 5;
    ex[1].fail = LLM_ERR_TIMEOUT;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = ex;
    mock.count = 2;
    mock.on_request = capture_body;
    mock.user = sent;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.alloc = alloc;
    d.keep_raw_body = true;
    d.has_num_retries = true; /* one exchange each: the retries have their own tests */
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(sent, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
    CHECK_EQ_STR(resp.request_id, "req_1");
    CHECK(resp.raw_body && resp.raw_body_len == len && memcmp(resp.raw_body, body, len) == 0);
    CHECK(resp.choice_count == 1 && resp.choices[0].content_len == 198);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_TIMEOUT);
    CHECK(err.retryable);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_TRANSPORT); /* no exchange left */
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    CHECK_EQ_INT(stats.bad_sizes, 0);
    free(body);
}

static void every_failed_allocation_is_reported(void) {
    size_t len;
    char *body = load("openai/chat_completion_parallel_tool_calls.json", &len);
    long n, total;
    test_alloc_stats stats;
    llm_response resp;
    llm_error err;
    /* count the allocations of a whole exchange, then fail each in turn:
       every one must come back as NO_MEMORY, with nothing leaked */
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(exchange(200, NULL, body, len, 0, 0, &resp, &err, &stats), LLM_OK);
    llm_response_free(&resp);
    total = stats.total;
    CHECK(total > 3);
    for (n = 1; body && n <= total; n++) {
        memset(&stats, 0, sizeof stats);
        stats.fail_at = n;
        if (!CHECK_EQ_INT(exchange(200, NULL, body, len, 0, 0, &resp, &err, &stats), LLM_ERR_NO_MEMORY))
            fprintf(stderr, "  allocation %ld of %ld failed\n", n, total);
        llm_response_free(&resp);
        CHECK_EQ_INT(stats.live, 0);
    }
    free(body);
}

static void conversation_copies_and_builds_tool_loops(void) {
    size_t len;
    char *body = load("openai/chat_completion_parallel_tool_calls.json", &len);
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_conversation conv;
    llm_response resp;
    const llm_message *msgs;
    size_t count;
    char text[16];
    llm_message m;
    memset(&stats, 0, sizeof stats);
    memset(&conv, 0, sizeof conv);
    conv.alloc = alloc;
    strcpy(text, "Weather?");
    memset(&m, 0, sizeof m);
    m.content = text;
    CHECK_EQ_INT(llm_conversation_add(&conv, &m), LLM_OK);
    strcpy(text, "changed");
    CHECK_EQ_INT(exchange(200, NULL, body, len, 0, 0, &resp, NULL, &stats), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_fdNz3vOBKYgOIpMdWotB9MjY", "{\"temp\":12}"), LLM_OK);
    msgs = llm_conversation_messages(&conv, &count);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_STR(msgs[0].content, "Weather?");
    CHECK_EQ_INT(msgs[1].role, LLM_ROLE_ASSISTANT);
    CHECK(msgs[1].content == NULL);
    CHECK_EQ_INT(msgs[1].tool_call_count, 2);
    CHECK_EQ_STR(msgs[1].tool_calls[1].name, "get_stock_price");
    CHECK_EQ_INT(msgs[2].role, LLM_ROLE_TOOL);
    CHECK_EQ_STR(msgs[2].tool_call_id, "call_fdNz3vOBKYgOIpMdWotB9MjY");
    llm_conversation_free(&conv);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

/* The body llm_call_begin writes for `msgs` to OpenAI (model gpt-4o), in
   `out`; the call's result. */
static llm_result encode_openai(const llm_message *msgs, size_t n, char *out, size_t size, llm_error *err) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_request req = simple_request();
    const llm_http_request *http;
    llm_result r;
    memset(&d, 0, sizeof d);
    d.api_key = "sk-test";
    out[0] = '\0';
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) return LLM_ERR_INVALID_ARGUMENT;
    req.messages = msgs;
    req.message_count = n;
    if ((r = llm_call_begin(&call, &c, &req, 0, &http, err)) != LLM_OK) return r;
    snprintf(out, size, "%.*s", (int)http->body_len, http->body);
    llm_call_free(&call);
    return r;
}

/* #21: text alone goes as a string (OpenAI's schema takes a string or an
   array; older vLLM, llama.cpp and Ollama builds answer 500 to the array),
   whether given as `content` or as one text part (its cache marker is
   nothing this format writes); an image, or several parts, stay an array. */
static void text_alone_goes_as_a_string(void) {
    static const llm_content_part system_text[] = {{.type = LLM_PART_TEXT, .text = "Be brief."}};
    static const llm_content_part marked_text[] = {{.type = LLM_PART_TEXT, .text = "Hi", .cache = LLM_CACHE_5M}};
    static const llm_content_part with_image[] = {{.type = LLM_PART_TEXT, .text = "What is this?"},
                                                  {.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png"}};
    static const llm_content_part two_texts[] = {{.type = LLM_PART_TEXT, .text = "First."}, {.type = LLM_PART_TEXT, .text = "Second."}};
    static const llm_content_part tool_text[] = {{.type = LLM_PART_TEXT, .text = "18 C"}};
    static const llm_tool_call call = {.id = "call_1", .name = "get_weather", .arguments = "{\"city\":\"Paris\"}"};
    const llm_message msgs[] = {
        {.role = LLM_ROLE_SYSTEM, .parts = system_text, .part_count = 1},
        {.role = LLM_ROLE_USER, .parts = marked_text, .part_count = 1},
        {.role = LLM_ROLE_ASSISTANT, .content = "Hello!"},
        {.role = LLM_ROLE_USER, .parts = with_image, .part_count = 2},
        {.role = LLM_ROLE_USER, .parts = two_texts, .part_count = 2},
        {.role = LLM_ROLE_ASSISTANT, .parts = system_text, .part_count = 1, .tool_calls = &call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .parts = tool_text, .part_count = 1, .tool_call_id = "call_1"},
    };
    char body[2048];
    CHECK_EQ_INT(encode_openai(msgs, TEST_COUNT(msgs), body, sizeof body, NULL), LLM_OK);
    CHECK_EQ_STR(body, "{\"model\":\"gpt-4o\",\"messages\":["
                       "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                       "{\"role\":\"user\",\"content\":\"Hi\"},"
                       "{\"role\":\"assistant\",\"content\":\"Hello!\"},"
                       "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                       "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]},"
                       "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"First.\"},{\"type\":\"text\",\"text\":\"Second.\"}]},"
                       "{\"role\":\"assistant\",\"content\":\"Be brief.\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                       "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                       "{\"role\":\"tool\",\"content\":\"18 C\",\"tool_call_id\":\"call_1\"}]}");
}

/* The answer of chat_completion_tool_args_not_json.json and
   chat_stream_tool_args_not_json.sse (tests/data/provider-samples/openai/,
   written by hand: the shape small local models give), checked against the
   bytes written there. */
static void check_not_json_answer(const llm_response *resp, llm_result r, const char *how) {
    const llm_choice *c = resp->choice_count == 1 ? &resp->choices[0] : NULL;
    if (!CHECK_EQ_INT(r, LLM_OK) || !CHECK(c != NULL)) {
        fprintf(stderr, "  %s\n", how);
        return;
    }
    CHECK_EQ_STR(c->content, "Let me check the weather and the time in Paris.");
    CHECK_EQ_INT(c->finish_reason, LLM_FINISH_TOOL_CALLS);
    CHECK_EQ_INT(resp->usage.prompt_tokens, 96);
    CHECK_EQ_INT(resp->usage.completion_tokens, 41);
    CHECK_EQ_INT(resp->usage.total_tokens, 137);
    CHECK(resp->usage.source == LLM_USAGE_REPORTED);
    if (!CHECK_EQ_INT(c->tool_call_count, 2)) return;
    CHECK_EQ_STR(c->tool_calls[0].id, "call_weather_0");
    CHECK_EQ_STR(c->tool_calls[0].name, "get_weather");
    CHECK_EQ_STR(c->tool_calls[0].arguments, "{'city': 'Paris', 'unit': 'celsius'}");
    if (!CHECK(c->tool_calls[0].arguments_invalid)) fprintf(stderr, "  %s\n", how);
    CHECK_EQ_STR(c->tool_calls[1].arguments, "{\"timezone\": \"Europe/Paris\"}");
    CHECK(!c->tool_calls[1].arguments_invalid);
}

/* #21: one tool call whose arguments are not JSON ({'city': 'Paris'})
   keeps the answer (its text, usage and the other call) in a body and in
   a stream, fed whole and one byte at a time; the call carries the text as
   it came, flagged, and so does its TOOL_CALL_END event. The conversation
   sends it back unchanged (OpenAI's arguments are a string); Anthropic's
   format, whose tool input is an object, refuses it naming the call. */
static void arguments_that_are_not_json_keep_the_answer(void) {
    size_t blen, slen, i;
    char *body = load("openai/chat_completion_tool_args_not_json.json", &blen);
    char *sse = load("openai/chat_stream_tool_args_not_json.sse", &slen);
    int mode;
    llm_response resp;
    llm_error err;
    llm_conversation conv;
    llm_message user;
    char sent[2048];
    test_alloc_stats stream_stats; /* the stream's response outlives its loop */
    memset(&stream_stats, 0, sizeof stream_stats);
    if (!body || !sse) return;
    for (mode = 0; mode < 3; mode++) {
        test_alloc_stats stats;
        memset(&stats, 0, sizeof stats);
        check_not_json_answer(&resp, exchange(200, NULL, body, blen, mode, 5, &resp, &err, &stats), "the body");
        llm_response_free(&resp);
        CHECK_EQ_INT(stats.live, 0);
    }
    for (mode = 0; mode < 2; mode++) { /* the stream: whole, then one byte at a time */
        llm_allocator alloc = TEST_ALLOCATOR(&stream_stats);
        llm_client c;
        llm_call call;
        llm_event ev;
        int ends = 0, flagged = 0;
        init_client(&c, alloc);
        CHECK_EQ_INT(llm_call_begin_decode(&call, &c, true, NULL, NULL), LLM_OK);
        llm_call_feed_status(&call, 200);
        for (i = 0; i < slen; i += mode ? 1 : slen) {
            llm_call_feed_body(&call, sse + i, mode ? 1 : slen);
            while (llm_call_next_event(&call, &ev) == LLM_OK) {
                if (ev.type != LLM_EVENT_TOOL_CALL_END) continue;
                ends++;
                flagged += ev.tool_arguments_invalid;
                if (ev.tool_arguments_invalid) CHECK_EQ_STR(ev.text, "{'city': 'Paris', 'unit': 'celsius'}");
            }
        }
        check_not_json_answer(&resp, llm_call_finish(&call, 0, &resp, &err), mode ? "the stream, byte by byte" : "the stream");
        CHECK_EQ_INT(ends, 2);
        CHECK_EQ_INT(flagged, 1);
        llm_call_free(&call);
        if (mode) break;
        llm_response_free(&resp);
    }
    /* sent back as it came */
    memset(&conv, 0, sizeof conv);
    memset(&user, 0, sizeof user);
    user.content = "Weather and time in Paris?";
    CHECK_EQ_INT(llm_conversation_add(&conv, &user), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_weather_0", "error: the arguments are not JSON"), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_time_1", "14:05"), LLM_OK);
    {
        size_t n;
        const llm_message *msgs = llm_conversation_messages(&conv, &n);
        CHECK(n == 4 && msgs[1].tool_call_count == 2 && msgs[1].tool_calls[0].arguments_invalid);
        CHECK_EQ_INT(encode_openai(msgs, n, sent, sizeof sent, NULL), LLM_OK);
        CHECK_EQ_STR(sent, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"},"
                           "{\"role\":\"assistant\",\"content\":\"Let me check the weather and the time in Paris.\",\"tool_calls\":["
                           "{\"id\":\"call_weather_0\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                           "\"arguments\":\"{'city': 'Paris', 'unit': 'celsius'}\"}},"
                           "{\"id\":\"call_time_1\",\"type\":\"function\",\"function\":{\"name\":\"get_time\","
                           "\"arguments\":\"{\\\"timezone\\\": \\\"Europe/Paris\\\"}\"}}]},"
                           "{\"role\":\"tool\",\"content\":\"error: the arguments are not JSON\",\"tool_call_id\":\"call_weather_0\"},"
                           "{\"role\":\"tool\",\"content\":\"14:05\",\"tool_call_id\":\"call_time_1\"}]}");
#ifndef LLM_NO_PROVIDER_ANTHROPIC
        {
            llm_client_desc d;
            llm_client c;
            llm_call call;
            llm_request req = simple_request();
            const llm_http_request *http;
            llm_tool tools[2];
            memset(&d, 0, sizeof d);
            d.provider = "anthropic";
            d.api_key = "sk-test";
            CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
            memset(tools, 0, sizeof tools);
            tools[0].name = "get_weather";
            tools[1].name = "get_time";
            req.tools = tools;
            req.tool_count = 2;
            req.model = "claude-sonnet-4-5";
            req.max_tokens = 100;
            req.messages = msgs;
            req.message_count = n;
            CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
            if (!CHECK(strstr(err.message, "messages[1].tool_calls[0] (get_weather)") != NULL)) fprintf(stderr, "  %s\n", err.message);
        }
#endif
    }
    llm_conversation_free(&conv);
    CHECK_EQ_INT(stream_stats.live, 0);
    free(body);
    free(sse);
}

static int64_t fixed_clock(void *user) { (void)user; return 42; }

/* Every default of a client resolved in one place: the provider (OpenAI),
   its base URL (the one OpenAI's SDKs use), the 10-minute timeout of the
   official SDKs, the 64 MiB response limit, the platform's clock; what the
   caller gives is kept, and llm_client_init keeps the resolved desc. */
static void client_defaults_are_resolved_in_one_place(void) {
    llm_client_desc d, r;
    llm_client c;
    memset(&d, 0, sizeof d);
    r = llm_client_desc_defaults(&d);
    CHECK_EQ_STR(r.provider, "openai");
    CHECK_EQ_STR(r.base_url, "https://api.openai.com/v1");
    CHECK_EQ_INT(r.timeout_ms, 600000);
    CHECK(r.max_response_bytes == (size_t)64 << 20);
#if (defined(__unix__) || defined(__APPLE__)) && !defined(LLM_NO_STDIO)
    CHECK(r.clock_ms != NULL); /* the platform's clock (none under LLM_NO_STDIO) */
#endif
    r = llm_client_desc_defaults(NULL);
    CHECK_EQ_STR(r.provider, "openai");
    d.provider = "anthropic";
    d.timeout_ms = 1234;
    d.max_response_bytes = 99;
    d.clock_ms = fixed_clock;
    r = llm_client_desc_defaults(&d);
    CHECK_EQ_STR(r.base_url, "https://api.anthropic.com");
    CHECK_EQ_INT(r.timeout_ms, 1234);
    CHECK(r.max_response_bytes == 99);
    CHECK(r.clock_ms == fixed_clock);
    d.base_url = "http://127.0.0.1:9/v1";
    CHECK_EQ_STR(llm_client_desc_defaults(&d).base_url, "http://127.0.0.1:9/v1");
    d.provider = "nosuch";
    d.base_url = NULL;
    r = llm_client_desc_defaults(&d);
    CHECK_EQ_STR(r.provider, "nosuch");
    CHECK(r.base_url == NULL);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_ERR_UNSUPPORTED);
    d.provider = "groq";
    d.timeout_ms = 0;
    if (CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) {
        CHECK_EQ_STR(c.desc.base_url, "https://api.groq.com/openai/v1");
        CHECK_EQ_INT(c.desc.timeout_ms, 600000);
    }
}

/* ---- retries of a plain call: the official SDKs' policy, the router's rules ---- */

/* What a run of llm_complete/llm_stream did: a virtual clock that sleeping
   moves forward, each wait, and each request's Idempotency-Key. */
typedef struct retry_log {
    int64_t now;
    int64_t slept[8];
    int sleeps;
    char keys[8][64];
    int keyed;                   /* requests that carried one Idempotency-Key */
    int requests;
    char text[256];              /* the text events the caller saw */
} retry_log;

static int64_t retry_clock(void *user) { return ((retry_log *)user)->now; }
static void retry_sleep(void *user, int64_t ms) {
    retry_log *l = (retry_log *)user;
    if (l->sleeps < 8) l->slept[l->sleeps++] = ms;
    l->now += ms;
}
static uint64_t retry_random(void *user) { (void)user; return 1000; }

static void retry_capture(void *user, const llm_http_request *req) {
    retry_log *l = (retry_log *)user;
    size_t i;
    int found = 0;
    for (i = 0; i < req->header_count; i++)
        if (strcmp(req->headers[i].name, "Idempotency-Key") == 0 && l->requests < 8) {
            snprintf(l->keys[l->requests], sizeof l->keys[0], "%s", req->headers[i].value);
            found++;
        }
    if (found == 1) l->keyed++;
    l->requests++;
}

static int retry_on_event(void *user, const llm_event *ev) {
    retry_log *l = (retry_log *)user;
    if (ev->type == LLM_EVENT_TEXT && strlen(l->text) + ev->text_len < sizeof l->text) strncat(l->text, ev->text, ev->text_len);
    return 0;
}

/* llm_complete (or llm_stream) over the exchanges x[0..count), the client's
   retries `retries` (-1: the default), its random hook fixed when asked. */
static llm_result retry_run(const llm_mock_exchange *x, size_t count, int retries, bool stream, bool fixed_random,
                            retry_log *log, llm_response *resp, llm_error *err) {
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = simple_request();
    memset(resp, 0, sizeof *resp); /* the caller frees it whatever happens */
    memset(&mock, 0, sizeof mock);
    mock.exchanges = x;
    mock.count = count;
    mock.on_request = retry_capture;
    mock.user = log;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.clock_ms = retry_clock;
    d.sleep_ms = retry_sleep;
    d.clock_user = log;
    if (retries >= 0) {
        d.has_num_retries = true;
        d.num_retries = retries;
    }
    if (fixed_random) d.random = retry_random;
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) return LLM_ERR_INVALID_ARGUMENT;
    return stream ? llm_stream(&c, &req, retry_on_event, log, resp, err) : llm_complete(&c, &req, resp, err);
}

static const char rate_limited[] = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}";

/* A 429 is sent again after the server's retry-after-ms, with the same
   Idempotency-Key; the response counts both attempts and the whole time. */
static void a_429_is_sent_again_after_its_retry_after(void) {
    size_t len;
    char *body = load("openai/chat_completion_text.json", &len);
    llm_mock_exchange x[2];
    retry_log log;
    llm_response resp;
    llm_error err;
    memset(x, 0, sizeof x);
    memset(&log, 0, sizeof log);
    x[0].status = 429;
    x[0].headers = "retry-after-ms: 250\n";
    x[0].body = rate_limited;
    x[1].status = 200;
    x[1].body = body;
    if (CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_OK)) {
        CHECK_EQ_INT(resp.attempts, 2);
        CHECK_EQ_INT((int)resp.latency_ms, 250);
        if (CHECK_EQ_INT((int)resp.choice_count, 1)) CHECK_EQ_INT(resp.choices[0].content_len, 198);
    }
    CHECK_EQ_INT(log.requests, 2);
    CHECK_EQ_INT(log.keyed, 2);
    CHECK_EQ_INT(log.sleeps, 1);
    CHECK_EQ_INT((int)log.slept[0], 250);
    CHECK(strncmp(log.keys[0], "idem-", 5) == 0 && strlen(log.keys[0]) == 37);
    CHECK_EQ_STR(log.keys[1], log.keys[0]);
    llm_response_free(&resp);
    /* retry-after: 0 is honoured as it says: at once */
    memset(&log, 0, sizeof log);
    x[0].headers = "retry-after: 0\n";
    CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_OK);
    CHECK_EQ_INT(log.requests, 2);
    CHECK_EQ_INT(log.sleeps, 0);
    llm_response_free(&resp);
    free(body);
}

/* What is not sent again: a Retry-After beyond 60 s (the error says why),
   x-should-retry: false, a 400; x-should-retry: true makes a 400 retried;
   num_retries 0 turns retries off; the default is two retries. */
static void what_is_not_sent_again(void) {
    size_t len;
    char *body = load("openai/chat_completion_text.json", &len);
    llm_mock_exchange x[3];
    retry_log log;
    llm_response resp;
    llm_error err;
    memset(x, 0, sizeof x);
    x[0].status = 429;
    x[0].headers = "retry-after: 120\n";
    x[0].body = rate_limited;
    x[1].status = 200;
    x[1].body = body;
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_INT(log.requests, 1);
    CHECK(strstr(err.message, "not retried: the server asks to wait 120000 ms") != NULL);
    x[0].status = 503;
    x[0].headers = "x-should-retry: false\n";
    x[0].body = "{\"error\":{\"message\":\"The server is overloaded\"}}";
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_ERR_UNAVAILABLE);
    CHECK_EQ_INT(log.requests, 1);
    x[0].status = 400;
    x[0].headers = NULL;
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_ERR_BAD_REQUEST);
    CHECK_EQ_INT(log.requests, 1);
    x[0].headers = "x-should-retry: true\n";
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 2, -1, false, false, &log, &resp, &err), LLM_OK);
    CHECK_EQ_INT(log.requests, 2);
    llm_response_free(&resp);
    x[0].status = 503;
    x[0].headers = NULL;
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 2, 0, false, false, &log, &resp, &err), LLM_ERR_UNAVAILABLE);
    CHECK_EQ_INT(log.requests, 1);
    x[1] = x[0];
    x[2] = x[0];
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 3, -1, false, false, &log, &resp, &err), LLM_ERR_UNAVAILABLE);
    CHECK_EQ_INT(log.requests, 3);
    free(body);
}

/* Without a Retry-After: exponential backoff from 0.5 s with full jitter
   (a draw in 0 ... 500 ms, then 0 ... 1000 ms); the draw here is 1000. */
static void backoff_is_exponential_with_full_jitter(void) {
    llm_mock_exchange x[3];
    retry_log log;
    llm_response resp;
    llm_error err;
    memset(x, 0, sizeof x);
    x[0].status = x[1].status = x[2].status = 500;
    x[0].body = x[1].body = x[2].body = "{\"error\":{\"message\":\"boom\"}}";
    memset(&log, 0, sizeof log);
    CHECK_EQ_INT(retry_run(x, 3, -1, false, true, &log, &resp, &err), LLM_ERR_SERVER);
    CHECK_EQ_INT(log.requests, 3);
    CHECK_EQ_INT(log.sleeps, 2);
    CHECK(log.slept[0] >= 0 && log.slept[0] <= 500);
    CHECK(log.slept[1] > 500 && log.slept[1] <= 1000);
}

/* A stream is sent again while nothing reached the caller; one that has
   delivered text is not (the caller would see it twice). */
static void a_stream_is_sent_again_only_before_content(void) {
    llm_mock_exchange x[2];
    retry_log log;
    llm_response resp;
    llm_error err;
    const char *events = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                         "data: {\"error\":{\"message\":\"upstream failed\",\"code\":502}}\n\n";
    const char *whole = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n"
                        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        "data: [DONE]\n\n";
    memset(x, 0, sizeof x);
    x[0].status = 503;
    x[0].body = "{\"error\":{\"message\":\"overloaded\"}}";
    x[1].status = 200;
    x[1].headers = "content-type: text/event-stream\n";
    x[1].body = whole;
    memset(&log, 0, sizeof log);
    if (CHECK_EQ_INT(retry_run(x, 2, -1, true, false, &log, &resp, &err), LLM_OK)) CHECK_EQ_INT(resp.attempts, 2);
    CHECK_EQ_INT(log.requests, 2);
    CHECK_EQ_STR(log.text, "Hello");
    llm_response_free(&resp);
    x[0] = x[1];
    x[0].body = events;
    memset(&log, 0, sizeof log);
    CHECK(retry_run(x, 2, -1, true, false, &log, &resp, &err) != LLM_OK);
    CHECK_EQ_INT(log.requests, 1);
    CHECK_EQ_STR(log.text, "Hel");
    llm_response_free(&resp);
}

#ifdef LLM_NO_STDIO
static uint64_t counting_random(void *user) {
    static const uint64_t odd = 0x9E3779B97F4A7C15ull;
    return (uint64_t)(*(int *)user + 1) * odd;
}
#endif

/* Every request carries an Idempotency-Key: its own (two calls, two keys),
   the request's when it gives one, a header's of that name instead (never
   two), and a key with a control byte is refused. */
static void every_request_carries_one_idempotency_key(void) {
    size_t len;
    char *body = load("openai/chat_completion_text.json", &len);
    llm_mock_exchange x[4];
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_request req = simple_request();
    llm_response resp;
    llm_error err;
    retry_log log;
    llm_pair header = {"idempotency-key", "from-a-header"};
    memset(x, 0, sizeof x);
    x[0].status = x[1].status = x[2].status = x[3].status = 200;
    x[0].body = x[1].body = x[2].body = x[3].body = body;
    memset(&mock, 0, sizeof mock);
    memset(&log, 0, sizeof log);
    mock.exchanges = x;
    mock.count = 4;
    mock.on_request = retry_capture;
    mock.user = &log;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
#ifdef LLM_NO_STDIO
    d.random = counting_random; /* no entropy and no clock there: desc.random is the documented way */
    d.random_user = &log.requests;
#endif
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(log.keyed, 2);
    CHECK(strcmp(log.keys[0], log.keys[1]) != 0);
    req.idempotency_key = "caller-key-1";
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_STR(log.keys[2], "caller-key-1");
    req.idempotency_key = NULL;
    req.headers = &header;
    req.header_count = 1;
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(log.keyed, 3); /* the fourth carried the header, under its own spelling */
    req.headers = NULL;
    req.header_count = 0;
    req.idempotency_key = "bad\r\nX-Injected: 1";
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(log.requests, 4);
    free(body);
}

/* A zero seed draws on the system's entropy: two clients, or two runs of
   a program, never share a seed; a given seed stays as given. */
static void a_zero_seed_is_unpredictable(void) {
    llm_client_desc d;
    llm_client a, b;
    uint64_t e1 = 0, e2 = 0;
#if defined(__unix__) && !defined(LLM_NO_STDIO)
    CHECK(llm__os_entropy(&e1) && llm__os_entropy(&e2) && e1 != e2);
#else
    (void)e1;
    (void)e2;
#endif
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(llm_client_init(&a, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_client_init(&b, &d, NULL), LLM_OK);
    CHECK(a.seed_ != b.seed_);
    d.seed = 42;
    CHECK_EQ_INT(llm_client_init(&a, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_client_init(&b, &d, NULL), LLM_OK);
    CHECK(a.seed_ == b.seed_);
}

static const test_case cases[] = {
    TEST(openai_decodes_text_in_any_chunking),
    TEST(openai_decodes_parallel_tool_calls),
    TEST(openai_decodes_refusal_and_length),
    TEST(openai_decodes_every_choice_logprobs_and_usage_details),
    TEST(openai_maps_error_bodies),
    TEST(errors_map_every_status),
    TEST(errors_recognise_phrases),
    TEST(anthropic_words_are_its_own),
    TEST(retry_headers_are_parsed),
    TEST(bad_answers_give_clear_errors),
    TEST(oversized_bodies_are_refused),
    TEST(request_has_url_headers_and_body),
    TEST(crlf_and_bad_arguments_are_refused),
    TEST(api_key_never_appears_in_errors),
    TEST(call_errors_are_sticky_and_ordered),
    TEST(complete_runs_through_the_transport),
    TEST(every_failed_allocation_is_reported),
    TEST(conversation_copies_and_builds_tool_loops),
    TEST(text_alone_goes_as_a_string),
    TEST(arguments_that_are_not_json_keep_the_answer),
    TEST(client_defaults_are_resolved_in_one_place),
    TEST(a_429_is_sent_again_after_its_retry_after),
    TEST(what_is_not_sent_again),
    TEST(backoff_is_exponential_with_full_jitter),
    TEST(a_stream_is_sent_again_only_before_content),
    TEST(every_request_carries_one_idempotency_key),
    TEST(a_zero_seed_is_unpredictable),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
