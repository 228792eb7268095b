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
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE) /* the embedded table's entry */
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
    /* a begin that failed leaves a call to finish with nothing in it: each kind's finish says so */
    CHECK_EQ_INT(llm_call_begin_models(&call, &c, NULL, 0, &http, &err), LLM_ERR_UNSUPPORTED);
    CHECK_EQ_INT(llm_call_finish_models(&call, 0, &list, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_begin_embed(&call, &plain, NULL, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_finish_embed(&call, 0, &vectors, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_finish_count_tokens(&call, 0, &count, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
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


/* ---- every provider's list, pages, readiness ---- */

/* The URLs of every request, in order (on top of `seen`). */
typedef struct trail {
    seen s;
    char url[6][512];
    int n;
    int key_sent[6];
    int timeout_ms[6];
} trail;

static void on_request_trail(void *user, const llm_http_request *req) {
    trail *t = (trail *)user;
    on_request(&t->s, req);
    if (t->n < 6) {
        snprintf(t->url[t->n], sizeof t->url[t->n], "%s", req->url);
        t->key_sent[t->n] = req->secret != NULL;
        t->timeout_ms[t->n] = req->timeout_ms;
    }
    t->n++;
}

static llm_allocator plain_alloc(void) {
    llm_allocator a;
    memset(&a, 0, sizeof a);
    return a;
}

/* A fake clock that the sleep hook moves: waiting takes no time. */
typedef struct fake_time {
    int64_t now;
    int64_t slept[16];
    int sleeps;
} fake_time;

static int64_t fake_clock(void *user) { return ((fake_time *)user)->now; }

static void fake_sleep(void *user, int64_t ms) {
    fake_time *t = (fake_time *)user;
    if (t->sleeps < 16) t->slept[t->sleeps] = ms;
    t->sleeps++;
    t->now += ms;
}

static void client_for(llm_client *c, const char *provider, const char *base_url, llm_mock *mock, trail *t,
                       fake_time *ft, llm_allocator alloc) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    memset(t, 0, sizeof *t);
    memset(ft, 0, sizeof *ft);
    d.provider = provider;
    d.base_url = base_url;
    d.api_key = "sk-test-secret-key";
    d.alloc = alloc;
    d.clock_ms = fake_clock;
    d.sleep_ms = fake_sleep;
    d.clock_user = ft;
    mock->on_request = on_request_trail;
    mock->user = t;
    d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* Anthropic's GET /v1/models in two pages (ListResponse[ModelInfo]): the
   second asked with after_id = the first's last_id; created_at (RFC 3339)
   in Unix seconds. */
static void anthropic_lists_in_pages(void) {
    size_t len1, len2;
    char *p1 = load("anthropic_page1.json", &len1), *p2 = load("anthropic_page2.json", &len2);
    llm_mock_exchange ex[2];
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    trail t;
    fake_time ft;
    llm_client c;
    llm_models_request req;
    llm_model_list list;
    llm_error err;
    if (!p1 || !p2) return;
    memset(ex, 0, sizeof ex);
    ex[0].status = ex[1].status = 200;
    ex[0].body = p1;
    ex[0].body_len = len1;
    ex[1].body = p2;
    ex[1].body_len = len2;
    client_for(&c, "anthropic", NULL, &mock, &t, &ft, alloc);
    CHECK_EQ_INT(llm_list_models_all(&c, NULL, 10, &list, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 2);
    CHECK_EQ_STR(t.url[0], "https://api.anthropic.com/v1/models");
    CHECK_EQ_STR(t.url[1], "https://api.anthropic.com/v1/models?after_id=claude-opus-4-6");
    CHECK(t.key_sent[0] && t.key_sent[1]);
    CHECK_EQ_INT((int)list.count, 2);
    if (list.count == 2) {
        CHECK_EQ_STR(list.models[0].id, "claude-opus-4-6");
        CHECK_EQ_STR(list.models[0].display_name, "Claude Opus 4.6");
        CHECK_EQ_INT(list.models[0].created, 1770163200); /* date -u -d 2026-02-04T00:00:00Z +%s */
        CHECK_EQ_INT(list.models[0].context_window, 1000000);
        CHECK_EQ_INT(list.models[0].max_output_tokens, 128000);
        CHECK_EQ_STR(list.models[1].id, "claude-sonnet-4-5-20250929");
        CHECK_EQ_STR(list.models[1].display_name, "Claude Sonnet 4.5");
        CHECK_EQ_INT(list.models[1].created, 1759104000);
        CHECK_EQ_INT(list.models[1].context_window, 200000);
        CHECK_EQ_INT(list.models[1].max_output_tokens, 64000);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
        CHECK(list.models[0].known); /* LiteLLM's table has claude-opus-4-6 */
#endif
    }
    CHECK(!list.has_more);
    CHECK(list.next == NULL);
    llm_model_list_free(&list);

    /* one page asked with its size; the bound reached: what came, has_more and where to go on */
    mock.next = 0;
    memset(&req, 0, sizeof req);
    req.page.limit = 1;
    CHECK_EQ_INT(llm_list_models_all(&c, &req, 1, &list, &err), LLM_OK);
    CHECK_EQ_STR(t.url[2], "https://api.anthropic.com/v1/models?limit=1");
    CHECK_EQ_INT((int)list.count, 1);
    CHECK(list.has_more);
    CHECK_EQ_STR(list.next, "claude-opus-4-6");
    llm_model_list_free(&list);
    CHECK_EQ_INT(llm_list_models_all(&c, &req, 0, &list, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(stats.live, 0);
    free(p1);
    free(p2);
}

/* A server that sends back the cursor it was given would page forever. */
static void the_same_cursor_again(void) {
    const char *body = "{\"data\":[{\"type\":\"model\",\"id\":\"m\",\"display_name\":\"M\",\"created_at\":"
                       "\"2026-02-04T00:00:00Z\"}],\"first_id\":\"m\",\"has_more\":true,\"last_id\":\"m\"}";
    llm_mock_exchange ex[2] = {{200, NULL, body, 0, 0, LLM_OK}, {200, NULL, body, 0, 0, LLM_OK}};
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    trail t;
    fake_time ft;
    llm_client c;
    llm_model_list list;
    llm_error err;
    client_for(&c, "anthropic", NULL, &mock, &t, &ft, alloc);
    CHECK_EQ_INT(llm_list_models_all(&c, NULL, 5, &list, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "cursor") != NULL);
    CHECK_EQ_INT(t.n, 2);
    CHECK_EQ_INT((int)list.count, 0);
    CHECK_EQ_INT(stats.live, 0);
}

/* Gemini's GET /v1beta/models (ListModelsResponse): "models/x" is id x,
   the token limits and supportedGenerationMethods kept; nextPageToken goes
   back as pageToken (percent-encoded), pageSize for the page's size. */
static void gemini_lists_in_pages(void) {
    size_t len1, len2;
    char *p1 = load("gemini_page1.json", &len1), *p2 = load("gemini_page2.json", &len2);
    llm_mock_exchange ex[2];
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    trail t;
    fake_time ft;
    llm_client c;
    llm_models_request req;
    llm_model_list list;
    llm_error err;
    if (!p1 || !p2) return;
    memset(ex, 0, sizeof ex);
    ex[0].status = ex[1].status = 200;
    ex[0].body = p1;
    ex[0].body_len = len1;
    ex[1].body = p2;
    ex[1].body_len = len2;
    client_for(&c, "gemini", NULL, &mock, &t, &ft, alloc);
    memset(&req, 0, sizeof req);
    req.page.limit = 1;
    CHECK_EQ_INT(llm_list_models_all(&c, &req, 10, &list, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 2);
    CHECK_EQ_STR(t.url[0], "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1");
    CHECK_EQ_STR(t.url[1], "https://generativelanguage.googleapis.com/v1beta/models?pageToken="
                           "Chdtb2RlbHMvZ2VtaW5pLTIuNS1mbGFzaA%3D%3D&pageSize=1");
    CHECK_EQ_INT((int)list.count, 2);
    if (list.count == 2) {
        CHECK_EQ_STR(list.models[0].id, "gemini-2.5-flash");
        CHECK_EQ_STR(list.models[0].display_name, "Gemini 2.5 Flash");
        CHECK_EQ_INT(list.models[0].context_window, 1048576);
        CHECK_EQ_INT(list.models[0].max_output_tokens, 65536);
        CHECK_EQ_INT((int)list.models[0].method_count, 4);
        if (list.models[0].method_count == 4) {
            CHECK_EQ_STR(list.models[0].methods[0], "generateContent");
            CHECK_EQ_STR(list.models[0].methods[3], "batchGenerateContent");
        }
        CHECK_EQ_STR(list.models[1].id, "gemini-embedding-001");
        CHECK_EQ_INT(list.models[1].context_window, 2048);
        CHECK_EQ_INT((int)list.models[1].method_count, 4);
        if (list.models[1].method_count) CHECK_EQ_STR(list.models[1].methods[0], "embedContent");
    }
    CHECK(!list.has_more);
    llm_model_list_free(&list);
    CHECK_EQ_INT(stats.live, 0);
    free(p1);
    free(p2);
}

/* OpenRouter's ModelsListResponse (its spec's example): the name, the
   context and output limits, and its per-token prices as USD per million
   tokens ("0.00003" a token is $30). */
static void openrouter_keeps_its_fields(void) {
    size_t len;
    char *body = load("openrouter_list.json", &len);
    llm_mock_exchange ex = {200, NULL, NULL, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    trail t;
    fake_time ft;
    llm_client c;
    llm_model_list list;
    llm_error err;
    if (!body) return;
    ex.body = body;
    ex.body_len = len;
    client_for(&c, "openrouter", NULL, &mock, &t, &ft, alloc);
    CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), LLM_OK);
    CHECK_EQ_STR(t.url[0], "https://openrouter.ai/api/v1/models");
    CHECK_EQ_INT((int)list.count, 1);
    if (list.count == 1) {
        CHECK_EQ_STR(list.models[0].id, "openai/gpt-4");
        CHECK_EQ_STR(list.models[0].display_name, "GPT-4");
        CHECK_EQ_INT(list.models[0].created, 1692901234);
        CHECK_EQ_INT(list.models[0].context_window, 8192);
        CHECK_EQ_INT(list.models[0].max_output_tokens, 4096);
        CHECK(list.models[0].has_price);
        CHECK(list.models[0].input_usd_per_mtok == 30.0);
        CHECK(list.models[0].output_usd_per_mtok == 60.0);
    }
    llm_model_list_free(&list);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

/* Errors as each provider documents them, and answers that are no list. */
static void list_errors_by_provider(void) {
    static const char *const providers[] = {"anthropic", "anthropic", "anthropic", "gemini", "gemini", "gemini"};
    static const int statuses[] = {401, 200, 200, 403, 200, 200};
    static const char *const bodies[] = {
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
        "{\"data\":{},\"has_more\":false,\"first_id\":null,\"last_id\":null}",
        "{\"data\":[],\"has_more\":true,\"first_id\":null,\"last_id\":null}",
        ("{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers\",\"status\":"
         "\"PERMISSION_DENIED\"}}"),
        "{\"models\":[{\"displayName\":\"no name\"}]}",
        "{\"models\":[{\"name\":\"models/x\",\"supportedGenerationMethods\":[1]}]}"};
    static const llm_result codes[] = {LLM_ERR_AUTHENTICATION, LLM_ERR_PARSE, LLM_ERR_PARSE, LLM_ERR_PERMISSION,
                                       LLM_ERR_PARSE, LLM_ERR_PARSE};
    size_t i;
    for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        llm_mock_exchange ex = {0, NULL, NULL, 0, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        trail t;
        fake_time ft;
        llm_client c;
        llm_model_list list;
        llm_error err;
        ex.status = statuses[i];
        ex.body = bodies[i];
        client_for(&c, providers[i], NULL, &mock, &t, &ft, alloc);
        c.desc.num_retries = 0;
        CHECK_EQ_INT(llm_list_models(&c, NULL, &list, &err), codes[i]);
        CHECK_EQ_INT((int)list.count, 0);
        CHECK_EQ_INT(stats.live, 0);
    }
    {   /* Gemini leaves out an empty repeated field: {} is an empty list */
        llm_mock_exchange ex = {200, NULL, "{}", 0, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        trail t;
        fake_time ft;
        llm_client c;
        llm_model_list list;
        client_for(&c, "gemini", NULL, &mock, &t, &ft, plain_alloc());
        CHECK_EQ_INT(llm_list_models(&c, NULL, &list, NULL), LLM_OK);
        CHECK_EQ_INT((int)list.count, 0);
        CHECK(!list.has_more);
        llm_model_list_free(&list);
    }
}

/* Every allocation of a two-page Anthropic and Gemini listing failed in
   turn: NO_MEMORY, nothing kept. */
static void every_allocation_failing_in_pages(void) {
    static const char *const providers[] = {"anthropic", "gemini"};
    static const char *const files[][2] = {{"anthropic_page1.json", "anthropic_page2.json"},
                                           {"gemini_page1.json", "gemini_page2.json"}};
    size_t k;
    for (k = 0; k < 2; k++) {
        size_t len1, len2;
        char *p1 = load(files[k][0], &len1), *p2 = load(files[k][1], &len2);
        long n;
        if (!p1 || !p2) return;
        for (n = 1; n < 400; n++) {
            llm_mock_exchange ex[2];
            llm_mock mock = {ex, 2, 0, NULL, NULL};
            test_alloc_stats stats = {0};
            llm_allocator alloc = TEST_ALLOCATOR(&stats);
            trail t;
            fake_time ft;
            llm_client c;
            llm_model_list list;
            llm_error err;
            llm_result r;
            memset(ex, 0, sizeof ex);
            ex[0].status = ex[1].status = 200;
            ex[0].body = p1;
            ex[0].body_len = len1;
            ex[1].body = p2;
            ex[1].body_len = len2;
            client_for(&c, providers[k], NULL, &mock, &t, &ft, alloc);
            c.desc.num_retries = 0;
            stats.fail_at = n;
            r = llm_list_models_all(&c, NULL, 4, &list, &err);
            CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
            if (r == LLM_OK) {
                CHECK_EQ_INT((int)list.count, 2);
                llm_model_list_free(&list);
            } else {
                CHECK(list.models == NULL && list.count == 0);
            }
            CHECK_EQ_INT(stats.live, 0);
            if (r == LLM_OK && stats.total < n) break;
        }
        CHECK(n < 400);
        free(p1);
        free(p2);
    }
}

/* A LiteLLM proxy's readiness answers 503 twice (its database not yet
   connected), then 200 with its status (the proxy's documented answer):
   waiting asks the same endpoint again after 100 then 200 ms, at the
   origin of a base URL that ends in /v1, without the key. */
static void readiness_flips_from_loading(void) {
    const char *ready = "{\"status\":\"healthy\",\"db\":\"connected\",\"cache\":null,\"litellm_version\":\"1.40.21\","
                        "\"success_callbacks\":[\"langfuse\"]}";
    llm_mock_exchange ex[] = {{503, NULL, "{\"status\":\"unhealthy\",\"db\":\"Not connected\"}", 0, 0, LLM_OK},
                              {503, NULL, "{\"status\":\"unhealthy\",\"db\":\"Not connected\"}", 0, 0, LLM_OK},
                              {200, NULL, ready, 0, 0, LLM_OK}};
    llm_mock mock = {ex, 3, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    trail t;
    fake_time ft;
    llm_client c;
    llm_health_info out;
    llm_error err;
    client_for(&c, "litellm_proxy", "http://localhost:4000/v1", &mock, &t, &ft, alloc);
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_ERR_UNAVAILABLE);
    CHECK_EQ_INT(out.state, LLM_HEALTH_LOADING);
    CHECK_EQ_INT(out.http_status, 503);
    CHECK_EQ_STR(out.db, "Not connected");
    mock.next = 0;
    t.n = 0;
    CHECK_EQ_INT(llm_wait_ready(&c, 10000, &out, &err), LLM_OK);
    CHECK_EQ_INT(out.state, LLM_HEALTH_READY);
    CHECK_EQ_INT(t.n, 3);
    CHECK_EQ_STR(t.url[0], "http://localhost:4000/health/readiness");
    CHECK_EQ_STR(t.url[2], "http://localhost:4000/health/readiness");
    CHECK(!t.key_sent[0] && !t.key_sent[2]);
    CHECK_EQ_INT(ft.sleeps, 2);
    CHECK_EQ_INT(ft.slept[0], 100);
    CHECK_EQ_INT(ft.slept[1], 200);
    CHECK_EQ_INT(out.probes, 3);
    CHECK_EQ_INT(out.latency_ms, 300);
    CHECK_EQ_STR(out.status, "healthy");
    CHECK_EQ_STR(out.db, "connected");
    CHECK_EQ_STR(out.url, "http://localhost:4000/health/readiness");
    CHECK_EQ_INT(stats.live, 0);
}

/* A server of unknown kind: a 404 moves to the next probe. vLLM answers
   /health; llama.cpp's /health says 503 while its model loads (its
   documented body), and waiting asks /health again, not the whole order;
   Ollama has neither and answers {base}/models. */
static void the_probe_order(void) {
    const char *loading = "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}";
    llm_mock_exchange vllm[] = {{404, NULL, "{\"detail\":\"Not Found\"}", 0, 0, LLM_OK}, {200, NULL, "", 0, 0, LLM_OK}};
    llm_mock_exchange llama[] = {{404, NULL, "File Not Found", 0, 0, LLM_OK}, {503, NULL, loading, 0, 0, LLM_OK},
                                 {200, NULL, "{\"status\":\"ok\"}", 0, 0, LLM_OK}};
    llm_mock_exchange ollama[] = {{404, NULL, "404 page not found", 0, 0, LLM_OK},
                                  {404, NULL, "404 page not found", 0, 0, LLM_OK},
                                  {200, NULL, "{\"object\":\"list\",\"data\":[]}", 0, 0, LLM_OK}};
    llm_mock_exchange none[] = {{404, NULL, "", 0, 0, LLM_OK}, {404, NULL, "", 0, 0, LLM_OK},
                                {404, NULL, "", 0, 0, LLM_OK}};
    llm_mock mock = {vllm, 2, 0, NULL, NULL};
    trail t;
    fake_time ft;
    llm_client c;
    llm_health_info out;
    llm_error err;
    client_for(&c, "vllm", "http://localhost:8000", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 2);
    CHECK_EQ_STR(t.url[0], "http://localhost:8000/health/readiness");
    CHECK_EQ_STR(t.url[1], "http://localhost:8000/health");
    CHECK_EQ_STR(out.url, "http://localhost:8000/health");
    CHECK_EQ_INT(out.state, LLM_HEALTH_READY);

    mock.exchanges = llama;
    mock.count = 3;
    mock.next = 0;
    client_for(&c, "openai-compatible", "http://127.0.0.1:8080/v1", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_wait_ready(&c, 5000, &out, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 3);
    CHECK_EQ_STR(t.url[1], "http://127.0.0.1:8080/health");
    CHECK_EQ_STR(t.url[2], "http://127.0.0.1:8080/health");
    CHECK_EQ_INT(ft.sleeps, 1);
    CHECK_EQ_STR(out.status, "ok");

    mock.exchanges = ollama;
    mock.count = 3;
    mock.next = 0;
    client_for(&c, "ollama", NULL, &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 3);
    CHECK_EQ_STR(t.url[0], "http://localhost:11434/health/readiness");
    CHECK_EQ_STR(t.url[2], "http://localhost:11434/v1/models");

    mock.exchanges = none;
    mock.count = 3;
    mock.next = 0;
    client_for(&c, "vllm", "http://localhost:8000/v1/", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_ERR_NOT_FOUND);
    CHECK_EQ_INT(out.state, LLM_HEALTH_UNKNOWN);
    CHECK_EQ_STR(t.url[0], "http://localhost:8000/health/readiness");
    CHECK_EQ_STR(t.url[2], "http://localhost:8000/v1/models");
}

/* A hosted API at its own address is asked for one page of its models,
   with its key; waiting ends at the deadline (never sleeping past it) and
   an answer that waiting cannot mend ends at once. */
static void hosted_and_deadlines(void) {
    size_t len;
    char *body = load("anthropic_page1.json", &len);
    llm_mock_exchange ok = {200, NULL, NULL, 0, 0, LLM_OK};
    llm_mock_exchange busy = {503, NULL, "{\"status\":\"unhealthy\"}", 0, 0, LLM_OK};
    llm_mock_exchange denied = {401, NULL, "{\"error\":{\"message\":\"Authentication Error\",\"type\":\"auth_error\"}}",
                                0, 0, LLM_OK};
    llm_mock_exchange dead = {0, NULL, NULL, 0, 0, LLM_ERR_TRANSPORT};
    llm_mock_exchange many[40];
    llm_mock mock = {&ok, 1, 0, NULL, NULL};
    trail t;
    fake_time ft;
    llm_client c;
    llm_health_info out;
    llm_error err;
    int i;
    if (!body) return;
    ok.body = body;
    ok.body_len = len;
    client_for(&c, "anthropic", NULL, &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_OK);
    CHECK_EQ_INT(t.n, 1);
    CHECK_EQ_STR(t.url[0], "https://api.anthropic.com/v1/models?limit=1");
    CHECK(t.key_sent[0]);
    CHECK_EQ_INT(out.state, LLM_HEALTH_READY);

    for (i = 0; i < 40; i++) many[i] = busy;
    mock.exchanges = many;
    mock.count = 40;
    mock.next = 0;
    client_for(&c, "litellm_proxy", "http://localhost:4000", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_wait_ready(&c, 1000, &out, &err), LLM_ERR_TIMEOUT);
    CHECK_EQ_INT(out.state, LLM_HEALTH_LOADING);
    CHECK_EQ_INT(ft.now, 1000); /* 100 + 200 + 400 + the 300 left */
    CHECK_EQ_INT(t.n, 5);
    CHECK_EQ_INT(t.timeout_ms[0], 1000); /* no probe outlives the wait */
    CHECK_EQ_INT(t.timeout_ms[1], 900);
    CHECK_EQ_INT(t.timeout_ms[3], 300);

    mock.exchanges = &denied;
    mock.count = 1;
    mock.next = 0;
    client_for(&c, "litellm_proxy", "http://localhost:4000", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_wait_ready(&c, 1000, &out, &err), LLM_ERR_AUTHENTICATION);
    CHECK_EQ_INT(t.n, 1);
    CHECK_EQ_INT(ft.sleeps, 0);

    for (i = 0; i < 40; i++) many[i] = dead;
    mock.exchanges = many;
    mock.count = 40;
    mock.next = 0;
    client_for(&c, "litellm_proxy", "http://localhost:4000", &mock, &t, &ft, plain_alloc());
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_ERR_TRANSPORT);
    CHECK_EQ_INT(out.state, LLM_HEALTH_UNKNOWN);
    CHECK_EQ_INT(llm_wait_ready(&c, 500, &out, &err), LLM_ERR_TIMEOUT);
    CHECK(strstr(err.message, "not ready") != NULL);

    CHECK_EQ_INT(llm_health(NULL, &out, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_health(&c, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_wait_ready(&c, -1, &out, &err), LLM_ERR_INVALID_ARGUMENT);
    free(body);
}

/* A probe begun and finished by hand (sans-I/O): the path at the probe
   base; every allocation failing leaves nothing behind. */
static void a_probe_by_hand(void) {
    long n;
    for (n = 1; n < 100; n++) {
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        llm_client_desc d;
        llm_client c;
        llm_call call;
        const llm_http_request *http;
        llm_health_info out;
        llm_error err;
        llm_result r;
        memset(&d, 0, sizeof d);
        d.provider = "litellm_proxy";
        d.base_url = "http://proxy.internal:4000/v1";
        d.api_key = "sk-test-secret-key";
        d.alloc = alloc;
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        stats.fail_at = n;
        r = llm_call_begin_probe(&call, &c, "/health/liveliness", NULL, 0, &http, &err);
        CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
        if (r == LLM_OK) {
            CHECK_EQ_STR(http->url, "http://proxy.internal:4000/health/liveliness");
            CHECK_EQ_STR(http->method, "GET");
            CHECK(http->secret == NULL); /* no key, so plain http to any host is fine */
            llm_call_feed_status(&call, 200);
            llm_call_feed_body(&call, "\"I'm alive!\"", 12);
            r = llm_call_finish_probe(&call, 5, &out, &err);
            CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
            if (r == LLM_OK) CHECK_EQ_INT(out.state, LLM_HEALTH_READY);
            llm_call_free(&call);
        }
        CHECK_EQ_INT(stats.live, 0);
        if (r == LLM_OK && stats.total < n) break;
    }
    CHECK(n < 100);
}

static const test_case cases[] = {
    TEST(the_documented_openai_list),
    TEST(a_page_and_a_known_model),
    TEST(retried_as_chat_is),
    TEST(answers_that_are_not_lists),
    TEST(kinds_and_arguments),
    TEST(every_allocation_failing),
    TEST(anthropic_lists_in_pages),
    TEST(the_same_cursor_again),
    TEST(gemini_lists_in_pages),
    TEST(openrouter_keeps_its_fields),
    TEST(list_errors_by_provider),
    TEST(every_allocation_failing_in_pages),
    TEST(readiness_flips_from_loading),
    TEST(the_probe_order),
    TEST(hosted_and_deadlines),
    TEST(a_probe_by_hand),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
