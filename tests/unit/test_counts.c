/* Remote token counts (Anthropic's count_tokens, Gemini's countTokens) and
   what a server says of itself in its headers (a LiteLLM proxy's
   x-litellm-*, the x-ratelimit-* of OpenAI and proxies). Expected bodies
   and answers come from the providers' specs and docs (tests/data/counts/,
   cited in its README). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static char *load(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof path, "tests/data/counts/%s", name);
    return TEST_READ_FIXTURE(path, len);
}

/* What the mock transport saw of the last request. */
typedef struct seen {
    char url[512];
    char body[4096];
    int requests;
} seen;

static void on_request(void *user, const llm_http_request *req) {
    seen *s = (seen *)user;
    size_t n = req->body_len < sizeof s->body - 1 ? req->body_len : sizeof s->body - 1;
    s->requests++;
    snprintf(s->url, sizeof s->url, "%s", req->url);
    memcpy(s->body, req->body ? req->body : "", n);
    s->body[n] = '\0';
}

static void no_sleep(void *user, int64_t ms) { (void)user; (void)ms; }

static void client_on(llm_client *c, const char *provider, llm_mock *mock, seen *s, llm_allocator alloc) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.api_key = "sk-test-secret-key";
    d.alloc = alloc;
    d.sleep_ms = no_sleep;
    mock->on_request = on_request;
    mock->user = s;
    d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* Whether the body sent equals a hand-written fixture, as JSON. */
static void check_body(const char *sent, const char *fixture) {
    size_t len;
    char *want = load(fixture, &len);
    llm_json_doc a, b;
    llm_error err;
    if (!want) return;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(llm_json_parse(&a, sent, strlen(sent), &err), LLM_OK);
    CHECK_EQ_INT(llm_json_parse(&b, want, len, &err), LLM_OK);
    if (!llm_json_root(&a) || !llm_json_equal(llm_json_root(&a), llm_json_root(&b))) {
        fprintf(stderr, "  body sent: %s\n  expected (%s): %s\n", sent, fixture, want);
        CHECK(0);
    }
    llm_json_doc_free(&a);
    llm_json_doc_free(&b);
    free(want);
}

static const char *const weather_schema =
    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}";

/* Anthropic's count_tokens: its own body (no max_tokens, sampling,
   stop_sequences, metadata or stream, which CountMessageTokensParams does
   not allow), and the spec's example answer. */
static void anthropic_counts_its_own_body(void) {
    size_t len;
    char *answer = load("anthropic_count.json", &len);
    llm_mock_exchange ex = {200, "Content-Type: application/json\n", answer, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msgs[2];
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_token_count out;
    llm_error err;
    const char *stop[1] = {"END"};
    if (!answer) return;
    client_on(&c, "anthropic", &mock, &s, alloc);
    memset(msgs, 0, sizeof msgs);
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].content = "You are a scientist";
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].content = "What is the weather like in San Francisco?";
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = "Get the current weather in a given location";
    tool.parameters = weather_schema;
    memset(&req, 0, sizeof req);
    req.model = "claude-sonnet-4-5";
    req.messages = msgs;
    req.message_count = 2;
    req.tools = &tool;
    req.tool_count = 1;
    req.max_tokens = 1024; /* none of these go into a count */
    req.has_temperature = true;
    req.temperature = 0.5;
    req.has_top_p = true;
    req.top_p = 0.9;
    req.stop = stop;
    req.stop_count = 1;
    req.user = "user-1234";
    CHECK_EQ_INT(llm_count_tokens_remote(&c, &req, &out, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://api.anthropic.com/v1/messages/count_tokens");
    check_body(s.body, "anthropic_count_body.json");
    CHECK_EQ_INT(out.input_tokens, 2095);
    CHECK_EQ_INT(out.http_status, 200);
    CHECK_EQ_INT(out.attempts, 1);
    CHECK_EQ_INT(stats.live, 0);
    free(answer);
}

/* Gemini's countTokens with a conversation alone: `contents`, nothing else. */
static void gemini_counts_contents_alone(void) {
    size_t len;
    char *answer = load("gemini_count.json", &len);
    llm_mock_exchange ex = {200, "Content-Type: application/json\n", answer, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msg;
    llm_request req;
    llm_client c;
    llm_token_count out;
    llm_error err;
    if (!answer) return;
    client_on(&c, "gemini", &mock, &s, alloc);
    memset(&msg, 0, sizeof msg);
    msg.role = LLM_ROLE_USER;
    msg.content = "The quick brown fox jumps over the lazy dog.";
    memset(&req, 0, sizeof req);
    req.model = "gemini-2.0-flash";
    req.messages = &msg;
    req.message_count = 1;
    req.max_tokens = 100; /* a generationConfig would need the whole request: not for a count */
    CHECK_EQ_INT(llm_count_tokens_remote(&c, &req, &out, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:countTokens");
    check_body(s.body, "gemini_count_contents.json");
    CHECK_EQ_INT(out.input_tokens, 10);
    CHECK_EQ_INT(stats.live, 0);
    free(answer);
}

/* A system instruction and tools count only in a whole
   generateContentRequest (with its model), never beside `contents`. */
static void gemini_counts_a_whole_request(void) {
    size_t len;
    char *answer = load("gemini_count.json", &len);
    llm_mock_exchange ex = {200, "Content-Type: application/json\n", answer, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msgs[2];
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_token_count out;
    llm_error err;
    if (!answer) return;
    client_on(&c, "gemini", &mock, &s, alloc);
    memset(msgs, 0, sizeof msgs);
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].content = "You are a cat. Your name is Neko.";
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].content = "The quick brown fox jumps over the lazy dog.";
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = "Get the current weather in a given location";
    tool.parameters = weather_schema;
    memset(&req, 0, sizeof req);
    req.model = "gemini/gemini-2.0-flash";
    req.messages = msgs;
    req.message_count = 2;
    req.tools = &tool;
    req.tool_count = 1;
    CHECK_EQ_INT(llm_count_tokens_remote(&c, &req, &out, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:countTokens");
    check_body(s.body, "gemini_count_whole.json");
    CHECK_EQ_INT(out.input_tokens, 10);
    CHECK_EQ_INT(stats.live, 0);
    free(answer);
}

/* An answer without a count, or with one that is no whole number in range,
   is a parse error, never a count of 0. */
static void answers_that_are_not_counts(void) {
    static const struct { const char *provider, *body; } bad[] = {
        {"anthropic", "{}"},
        {"anthropic", "{\"input_tokens\":-1}"},
        {"anthropic", "{\"input_tokens\":\"12\"}"},
        {"anthropic", "{\"input_tokens\":1.5}"},
        {"anthropic", "[12]"},
        {"gemini", "{\"input_tokens\":12}"},
        {"gemini", "{\"totalTokens\":1e300}"},
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        llm_mock_exchange ex = {200, "Content-Type: application/json\n", bad[i].body, 0, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        seen s = {{0}, {0}, 0};
        llm_message msg;
        llm_request req;
        llm_client c;
        llm_token_count out;
        llm_error err;
        client_on(&c, bad[i].provider, &mock, &s, alloc);
        c.desc.num_retries = 0;
        memset(&msg, 0, sizeof msg);
        msg.role = LLM_ROLE_USER;
        msg.content = "Hello, world";
        memset(&req, 0, sizeof req);
        req.model = strcmp(bad[i].provider, "gemini") == 0 ? "gemini-2.0-flash" : "claude-sonnet-4-5";
        req.messages = &msg;
        req.message_count = 1;
        if (llm_count_tokens_remote(&c, &req, &out, &err) != LLM_ERR_PARSE) {
            fprintf(stderr, "  %s answering %s: not a parse error\n", bad[i].provider, bad[i].body);
            CHECK(0);
        }
        CHECK_EQ_INT(out.input_tokens, 0);
        CHECK_EQ_INT(stats.live, 0);
    }
}

/* LiteLLM's documented response headers and OpenAI's rate-limit sample
   values, kept on the response (README of tests/data/counts). */
static const char *const proxy_headers = "Content-Type: application/json\n"
                                         "x-litellm-model-id: 0a1b2c3d4e5f\n"
                                         "x-litellm-model-api-base: https://api.openai.com/v1\n"
                                         "x-litellm-model-group: gpt-4o\n"
                                         "x-litellm-attempted-retries: 1\n"
                                         "x-litellm-attempted-fallbacks: 0\n"
                                         "x-litellm-response-duration-ms: 1024.5\n"
                                         "x-litellm-overhead-duration-ms: 3.25\n"
                                         "x-litellm-call-id: 2f1d8a6e-36a4-4b6e-9b0e-6d7b1c0f3a11\n"
                                         "x-litellm-response-cost: 0.00042\n"
                                         "x-ratelimit-limit-requests: 60\n"
                                         "x-ratelimit-limit-tokens: 150000\n"
                                         "x-ratelimit-remaining-requests: 59\n"
                                         "x-ratelimit-remaining-tokens: 149984\n";

static void check_proxy_info(const llm_server_info *si) {
    CHECK_EQ_STR(si->model_id, "0a1b2c3d4e5f");
    CHECK_EQ_STR(si->model_api_base, "https://api.openai.com/v1");
    CHECK_EQ_STR(si->model_group, "gpt-4o");
    CHECK_EQ_STR(si->call_id, "2f1d8a6e-36a4-4b6e-9b0e-6d7b1c0f3a11");
    CHECK(si->has_attempted_retries && si->has_attempted_fallbacks && si->has_response_duration &&
          si->has_overhead_duration && si->has_limit_requests && si->has_limit_tokens && si->has_remaining_requests &&
          si->has_remaining_tokens);
    CHECK_EQ_INT(si->attempted_retries, 1);
    CHECK_EQ_INT(si->attempted_fallbacks, 0);
    CHECK(si->response_duration_ms == 1024.5);
    CHECK(si->overhead_duration_ms == 3.25);
    CHECK_EQ_INT(si->limit_requests, 60);
    CHECK_EQ_INT(si->limit_tokens, 150000);
    CHECK_EQ_INT(si->remaining_requests, 59);
    CHECK_EQ_INT(si->remaining_tokens, 149984);
}

static llm_request hello_request(llm_message *msg, const char *model) {
    llm_request req;
    memset(msg, 0, sizeof *msg);
    msg->role = LLM_ROLE_USER;
    msg->content = "Hello!";
    memset(&req, 0, sizeof req);
    req.model = model;
    req.messages = msg;
    req.message_count = 1;
    return req;
}

/* A whole answer through a proxy: what its headers said is on the
   response, in the response's arena (nothing left once freed). */
static void a_proxy_tells_its_clients(void) {
    const char *body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                       "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"finish_reason\":\"stop\"}],"
                       "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}";
    llm_mock_exchange ex = {200, proxy_headers, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msg;
    llm_request req = hello_request(&msg, "gpt-4o");
    llm_client c;
    llm_response resp;
    llm_error err;
    client_on(&c, "litellm_proxy", &mock, &s, alloc);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    check_proxy_info(&resp.server);
    CHECK(resp.has_provider_cost && resp.provider_cost_usd == (double)0.00042);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* A server that says nothing of itself: strings NULL, no number known;
   and a header that is not a whole number is not read as one. */
static void a_server_that_says_nothing(void) {
    const char *body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                       "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"finish_reason\":\"stop\"}]}";
    llm_mock_exchange ex = {200, "x-ratelimit-remaining-tokens: None\nx-litellm-attempted-retries: -2\n"
                                 "x-ratelimit-limit-tokens: 12abc\n",
                            body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msg;
    llm_request req = hello_request(&msg, "gpt-4o");
    llm_client c;
    llm_response resp;
    llm_error err;
    client_on(&c, "openai", &mock, &s, alloc);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    CHECK(resp.server.model_id == NULL && resp.server.model_api_base == NULL && resp.server.model_group == NULL &&
          resp.server.call_id == NULL);
    CHECK(!resp.server.has_attempted_retries && !resp.server.has_attempted_fallbacks &&
          !resp.server.has_response_duration && !resp.server.has_overhead_duration &&
          !resp.server.has_remaining_requests && !resp.server.has_remaining_tokens && !resp.server.has_limit_requests &&
          !resp.server.has_limit_tokens);
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* A stream: its headers come first, its usage (and so its cost) last, from
   the usage chunk; the headers' facts are on the response all the same. */
static void a_proxied_stream(void) {
    const char *body =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
        "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
        "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[],"
        "\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":1000000,\"total_tokens\":2000000}}\n\n"
        "data: [DONE]\n\n";
    char headers[1024];
    llm_mock_exchange ex = {200, headers, body, 0, 7, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_message msg;
    llm_request req = hello_request(&msg, "gpt-4o");
    llm_client c;
    llm_response resp;
    llm_error err;
    /* the proxy's headers, a stream's content type first */
    snprintf(headers, sizeof headers, "Content-Type: text/event-stream\n%s",
             strchr(proxy_headers, '\n') + 1);
    client_on(&c, "litellm_proxy", &mock, &s, alloc);
    CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, &err), LLM_OK);
    check_proxy_info(&resp.server);
    /* a cost header sent before the answer cannot be its cost */
    CHECK(!resp.has_provider_cost);
    CHECK_EQ_INT(resp.usage.prompt_tokens, 1000000);
    CHECK_EQ_INT(resp.usage.completion_tokens, 1000000);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    /* LiteLLM's table: gpt-4o at $2.50 in and $10 out per million tokens */
    CHECK(resp.has_cost && resp.cost_usd > 12.4999 && resp.cost_usd < 12.5001);
#endif
    llm_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* Embeddings keep them too. */
static void an_embedding_through_a_proxy(void) {
    const char *body = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                       "\"embedding\":[0.0023064255,-0.009327292]}],\"model\":\"text-embedding-3-small\","
                       "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}";
    llm_mock_exchange ex = {200, proxy_headers, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    const char *inputs[1] = {"The food was delicious and the waiter..."};
    llm_embed_request req;
    llm_client c;
    llm_embed_response resp;
    llm_error err;
    client_on(&c, "litellm_proxy", &mock, &s, alloc);
    memset(&req, 0, sizeof req);
    req.model = "text-embedding-3-small";
    req.inputs = inputs;
    req.input_count = 1;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    check_proxy_info(&resp.server);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* Every allocation failing once, in turn: NO_MEMORY or the answer, and
   nothing left allocated (a count, and a proxy's answer whose facts are
   copied into its arena). */
static void every_allocation_failing(void) {
    static const char *const count_answer = "{\"input_tokens\": 2095}";
    const char *body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                       "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"finish_reason\":\"stop\"}]}";
    int kind, n;
    for (kind = 0; kind < 2; kind++) {
        for (n = 1; n < 400; n++) {
            llm_mock_exchange ex = {200, kind ? proxy_headers : "Content-Type: application/json\n",
                                    kind ? body : count_answer, 0, 0, LLM_OK};
            llm_mock mock = {&ex, 1, 0, NULL, NULL};
            test_alloc_stats stats = {0};
            llm_allocator alloc = TEST_ALLOCATOR(&stats);
            seen s = {{0}, {0}, 0};
            llm_message msg;
            llm_request req = hello_request(&msg, kind ? "gpt-4o" : "claude-sonnet-4-5");
            llm_client c;
            llm_token_count out;
            llm_response resp;
            llm_error err;
            llm_result r;
            client_on(&c, kind ? "litellm_proxy" : "anthropic", &mock, &s, alloc);
            c.desc.num_retries = 0;
            c.desc.has_num_retries = true;
            stats.fail_at = n;
            r = kind ? llm_complete(&c, &req, &resp, &err) : llm_count_tokens_remote(&c, &req, &out, &err);
            CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
            if (r == LLM_OK && kind) {
                CHECK_EQ_STR(resp.server.call_id, "2f1d8a6e-36a4-4b6e-9b0e-6d7b1c0f3a11");
                llm_response_free(&resp);
            }
            if (r == LLM_OK && !kind) CHECK_EQ_INT(out.input_tokens, 2095);
            CHECK_EQ_INT(stats.live, 0);
            if (r == LLM_OK && stats.total < n) break; /* every allocation has failed once */
        }
        CHECK(n < 400);
    }
}

/* A model list through a proxy keeps them too. */
static void a_model_list_through_a_proxy(void) {
    const char *body = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1,"
                       "\"owned_by\":\"openai\"}]}";
    llm_mock_exchange ex = {200, proxy_headers, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0};
    llm_client c;
    llm_model_list list;
    llm_error err;
    client_on(&c, "litellm_proxy", &mock, &s, alloc);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_OK);
    check_proxy_info(&list.server);
    llm_model_list_free(&list);
    CHECK_EQ_INT(stats.live, 0);
}

static const test_case cases[] = {
    TEST(a_model_list_through_a_proxy),
    TEST(every_allocation_failing),
    TEST(anthropic_counts_its_own_body),
    TEST(gemini_counts_contents_alone),
    TEST(gemini_counts_a_whole_request),
    TEST(answers_that_are_not_counts),
    TEST(a_proxy_tells_its_clients),
    TEST(a_server_that_says_nothing),
    TEST(a_proxied_stream),
    TEST(an_embedding_through_a_proxy),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
