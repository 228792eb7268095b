/* The calls beyond chat: the exchange they share with chat (headers, GET,
   retries, errors, kinds), and model lists. Expected values come from the
   providers' specs (fixtures in tests/data/models/, cited in its README)
   and LiteLLM's price table. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include <ctype.h>

static char *load(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof path, "tests/data/models/%s", name);
    return TEST_READ_FIXTURE(path, len);
}

/* What the mock transport saw of the last request. */
typedef struct seen {
    char method[8];
    char url[512];
    int has_body, content_type, idempotency_key, authorization;
    int requests;
} seen;

static int same_name(const char *a, const char *b) {
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
    return *a == *b;
}

static void on_request(void *user, const llm_http_request *req) {
    seen *s = (seen *)user;
    size_t i;
    s->requests++;
    snprintf(s->method, sizeof s->method, "%s", req->method);
    snprintf(s->url, sizeof s->url, "%s", req->url);
    s->has_body = req->body != NULL && req->body_len > 0;
    s->content_type = s->idempotency_key = s->authorization = 0;
    for (i = 0; i < req->header_count; i++) {
        if (same_name(req->headers[i].name, "Content-Type")) s->content_type = 1;
        if (same_name(req->headers[i].name, "Idempotency-Key")) s->idempotency_key = 1;
        if (same_name(req->headers[i].name, "Authorization")) s->authorization = 1;
    }
}

static void no_sleep(void *user, int64_t ms) { (void)user; (void)ms; }

static void client_on(llm_client *c, llm_mock *mock, seen *s, llm_allocator alloc) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = "openai";
    d.api_key = "sk-test-secret-key";
    d.alloc = alloc;
    d.sleep_ms = no_sleep;
    mock->on_request = on_request;
    mock->user = s;
    d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* OpenAI's documented list (the spec's example), read through llm_list_models. */
static void the_documented_openai_list(void) {
    size_t len;
    char *body = load("openai_list.json", &len);
    llm_mock_exchange ex = {200, "Content-Type: application/json\n", body, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0, 0, 0, 0, 0};
    llm_client c;
    llm_model_list list;
    llm_error err;
    if (!body) return;
    client_on(&c, &mock, &s, alloc);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_OK);
    CHECK_EQ_STR(s.method, "GET");
    CHECK_EQ_STR(s.url, "https://api.openai.com/v1/models");
    CHECK(!s.has_body);
    CHECK(!s.content_type);     /* a GET has no body to type */
    CHECK(!s.idempotency_key);  /* and is idempotent by itself */
    CHECK(s.authorization);
    CHECK_EQ_INT((int)list.count, 3);
    if (list.count == 3) {
        CHECK_EQ_STR(list.models[0].id, "model-id-0");
        CHECK_EQ_STR(list.models[0].owner, "organization-owner");
        CHECK_EQ_INT(list.models[0].created, 1686935002);
        CHECK_EQ_STR(list.models[2].id, "model-id-2");
        CHECK_EQ_STR(list.models[2].owner, "openai");
#ifndef LLM_NO_COSTS
        CHECK(!list.models[1].known); /* no price-table entry has these ids */
#endif
    }
    CHECK(!list.has_more);
    CHECK(list.next == NULL);
    CHECK_EQ_INT(list.http_status, 200);
    CHECK_EQ_INT(list.attempts, 1);
    llm_model_list_free(&list);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

/* A page asked for goes in the query, the cursor percent-encoded (RFC 3986:
   only unreserved bytes stay as they are); a listed model the price table
   knows carries its entry (LiteLLM: gpt-4o takes 128000 tokens in). */
static void a_page_and_a_known_model(void) {
    const char *body = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1,"
                       "\"owned_by\":\"system\"}],\"has_more\":true,\"last_id\":\"gpt-4o\"}";
    llm_mock_exchange ex = {200, NULL, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0, 0, 0, 0, 0};
    llm_client c;
    llm_models_request req;
    llm_model_list list;
    llm_error err;
    client_on(&c, &mock, &s, alloc);
    memset(&req, 0, sizeof req);
    req.page.after = "model/1+x=";
    req.page.limit = 2;
    CHECK_EQ_INT(llm_list_models(&c, &req, &list, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://api.openai.com/v1/models?after=model%2F1%2Bx%3D&limit=2");
    CHECK_EQ_INT((int)list.count, 1);
    CHECK(list.has_more);
    CHECK_EQ_STR(list.next, "gpt-4o");
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    if (list.count == 1) {
        CHECK(list.models[0].known);
        CHECK_EQ_INT(list.models[0].info.max_input_tokens, 128000);
    }
#endif
    llm_model_list_free(&list);
    req.page.after = "bad\ncursor";
    CHECK_EQ_INT(llm_list_models(&c, &req, &list, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(s.requests, 1); /* refused before anything was sent */
    CHECK_EQ_INT(stats.live, 0);
}

/* A plain call beyond chat is retried as llm_complete is: a 503, then the
   answer; an error that is not retried comes back as its code. */
static void retried_as_chat_is(void) {
    const char *ok = "{\"object\":\"list\",\"data\":[]}";
    llm_mock_exchange ex[] = {{503, NULL, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", 0, 0,
                               LLM_OK},
                              {200, NULL, ok, 0, 0, LLM_OK},
                              {401, NULL, "{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\","
                                          "\"code\":\"invalid_api_key\"}}", 0, 0, LLM_OK}};
    llm_mock mock = {ex, 3, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s = {{0}, {0}, 0, 0, 0, 0, 0};
    llm_client c;
    llm_model_list list;
    llm_error err;
    client_on(&c, &mock, &s, alloc);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_OK);
    CHECK_EQ_INT(list.attempts, 2);
    CHECK_EQ_INT((int)list.count, 0);
    llm_model_list_free(&list);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_ERR_AUTHENTICATION);
    CHECK_EQ_INT(err.http_status, 401);
    CHECK(strstr(err.message, "Incorrect API key") != NULL);
    CHECK_EQ_INT(s.requests, 3);
    CHECK_EQ_INT(stats.live, 0);
}

/* An answer that is not a model list is a clear error. */
static void answers_that_are_not_lists(void) {
    static const char *const bodies[] = {"{\"object\":\"list\"}", "{\"data\":[{\"object\":\"model\"}]}",
                                         "{\"data\":[{\"id\":\"\"}]}", "{\"data\":[],\"has_more\":true}", "[1,2"};
    static const llm_result codes[] = {LLM_ERR_PARSE, LLM_ERR_PARSE, LLM_ERR_PARSE, LLM_ERR_PARSE, LLM_ERR_PARSE};
    size_t i;
    for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        llm_mock_exchange ex = {200, NULL, bodies[i], 0, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        seen s = {{0}, {0}, 0, 0, 0, 0, 0};
        llm_client c;
        llm_model_list list;
        llm_error err;
        client_on(&c, &mock, &s, alloc);
        CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), codes[i]);
        CHECK_EQ_INT((int)list.count, 0);
        CHECK(list.models == NULL);
        CHECK_EQ_INT(stats.live, 0);
    }
}

/* A call is finished as the kind it was begun as; a provider whose wire
   format has no such call says so before anything is sent; NULLs are
   refused. */
static void kinds_and_arguments(void) {
    llm_wire_format wire = *llm_wire_openai_chat();
    llm_provider custom;
    llm_client_desc d;
    llm_client c, plain;
    llm_call call;
    const llm_http_request *http;
    llm_response resp;
    llm_model_list list;
    llm_token_count count;
    llm_embed_response vectors;
    llm_error err;
    memset(&d, 0, sizeof d);
    d.api_key = "sk-test";
    CHECK_EQ_INT(llm_client_init(&plain, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin_models(&call, &plain, NULL, 0, &http, &err), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_body(&call, "{\"data\":[]}", 11), LLM_OK);
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "kind") != NULL);
    llm_call_free(&call);
    CHECK_EQ_INT(llm_call_begin_models(&call, &plain, NULL, 0, &http, &err), LLM_OK);
    llm_call_feed_status(&call, 200);
    llm_call_feed_body(&call, "{\"data\":[]}", 11);
    CHECK_EQ_INT(llm_call_finish_count_tokens(&call, 0, &count, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_call_free(&call);

    wire.models = NULL;
    wire.embed = NULL;
    wire.count_tokens = NULL;
    custom = *llm_provider_find("openai");
    custom.name = "mine";
    custom.wire = &wire;
    d.custom_provider = &custom;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin_models(&call, &c, NULL, 0, &http, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "\"mine\"") != NULL && strstr(err.message, "model list") != NULL);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_ERR_INVALID_ARGUMENT); /* no transport */

    CHECK_EQ_INT(llm_call_begin_models(NULL, &plain, NULL, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_begin_embed(&call, &plain, NULL, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_begin_count_tokens(&call, &plain, NULL, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_finish_models(NULL, 0, &list, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_finish_embed(NULL, 0, &vectors, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_list_models(NULL, NULL, &list, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_list_models(&plain, NULL, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_embed(&plain, NULL, &vectors, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_count_tokens_remote(&plain, NULL, &count, &err), LLM_ERR_INVALID_ARGUMENT);
}

/* Every allocation of a list call failed in turn: NO_MEMORY, nothing kept. */
static void every_allocation_failing(void) {
    size_t len;
    char *body = load("openai_list.json", &len);
    long n;
    if (!body) return;
    for (n = 1; n < 200; n++) {
        llm_mock_exchange ex = {200, NULL, body, len, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        seen s = {{0}, {0}, 0, 0, 0, 0, 0};
        llm_client c;
        llm_model_list list;
        llm_error err;
        llm_result r;
        client_on(&c, &mock, &s, alloc);
        c.desc.num_retries = 0;
        stats.fail_at = n;
        r = llm_list_models(&c, NULL, &list, &err);
        CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
        if (r == LLM_OK) {
            CHECK_EQ_INT((int)list.count, 3);
            llm_model_list_free(&list);
        }
        CHECK_EQ_INT(stats.live, 0);
        if (r == LLM_OK && stats.total < n) break; /* every allocation has failed once */
    }
    CHECK(n < 200);
    free(body);
}

static const test_case cases[] = {
    TEST(the_documented_openai_list),
    TEST(a_page_and_a_known_model),
    TEST(retried_as_chat_is),
    TEST(answers_that_are_not_lists),
    TEST(kinds_and_arguments),
    TEST(every_allocation_failing),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
