/* Embeddings: the requests OpenAI (and its compatibles), Azure and Gemini
   take, and their answers read into one float array per response (numbers
   or base64, each vector at its index). Expected values come from the
   providers' specs and docs and from Python (tests/data/embeddings/README.md
   cites each one), never from llm.h. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "router_fixture.h"

static char *load(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof path, "tests/data/embeddings/%s", name);
    return TEST_READ_FIXTURE(path, len);
}

/* The last request the mock transport saw: method, URL and body. */
typedef struct seen {
    char method[8];
    char url[512];
    char body[4096];
    char keys[4][64];       /* each request's Idempotency-Key, in order */
    int requests;
} seen;

static void on_request(void *user, const llm_http_request *req) {
    seen *s = (seen *)user;
    size_t i;
    for (i = 0; s->requests < 4 && i < req->header_count; i++)
        if (strcmp(req->headers[i].name, "Idempotency-Key") == 0)
            snprintf(s->keys[s->requests], sizeof s->keys[0], "%s", req->headers[i].value);
    s->requests++;
    snprintf(s->method, sizeof s->method, "%s", req->method);
    snprintf(s->url, sizeof s->url, "%s", req->url);
    snprintf(s->body, sizeof s->body, "%.*s", (int)req->body_len, req->body ? req->body : "");
}

static void no_sleep(void *user, int64_t ms) { (void)user; (void)ms; }

/* A client of `provider` answered by `mock`. */
static void client_on(llm_client *c, const char *provider, const char *base_url, const char *api_version,
                      llm_mock *mock, seen *s, llm_allocator alloc) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.base_url = base_url;
    d.api_version = api_version;
    d.api_key = "sk-test-secret-key";
    d.alloc = alloc;
    d.sleep_ms = no_sleep;
    mock->on_request = on_request;
    mock->user = s;
    d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

static llm_embed_request embed_request(const char *model, const char *const *inputs, size_t n) {
    llm_embed_request r;
    memset(&r, 0, sizeof r);
    r.model = model;
    r.inputs = inputs;
    r.input_count = n;
    return r;
}

/* A float's bits (IEEE-754 binary32), to compare with Python's. */
static uint32_t bits(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* The body the transport saw, parsed (a zeroed document: the default allocator). */
static llm_result parse(llm_json_doc *doc, const char *body) {
    memset(doc, 0, sizeof *doc);
    return llm_json_parse(doc, body, strlen(body), NULL);
}

/* A body's members must be among `allowed` (the spec's names). */
static int members_among(const llm_json *body, const char *const *allowed, size_t n) {
    const llm_json *m;
    for (m = llm_json_first(body); m; m = llm_json_next(body, m)) {
        size_t i, len;
        const char *name = llm_json_string(m, &len); /* an object's member is its key, then its value */
        for (i = 0; i < n && !(strlen(allowed[i]) == len && memcmp(allowed[i], name, len) == 0); i++) {}
        if (i == n) {
            fprintf(stderr, "  member %.*s is not in the spec's request\n", (int)len, name);
            return 0;
        }
    }
    return 1;
}

/* CreateEmbeddingRequest's properties (additionalProperties: false). */
static const char *const openai_fields[] = {"input", "model", "encoding_format", "dimensions", "user"};

/* OpenAI's documented answer (the spec's example), asked for one input:
   the request is the spec's (input a string, no encoding_format: float is
   the default), the vector its three numbers, the usage 8 tokens, priced
   at LiteLLM's $0.10 per million for text-embedding-ada-002. */
static void the_documented_openai_answer(void) {
    static const char *const in[] = {"The food was delicious and the waiter..."};
    size_t len;
    char *body = load("openai_float.json", &len);
    llm_mock_exchange ex = {200, "Content-Type: application/json\n", body, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client c;
    llm_embed_request req = embed_request("text-embedding-ada-002", in, 1);
    llm_embed_response resp;
    llm_json_doc doc;
    llm_error err;
    if (!body) return;
    memset(&s, 0, sizeof s);
    client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(s.method, "POST");
    CHECK_EQ_STR(s.url, "https://api.openai.com/v1/embeddings");
    if (CHECK_EQ_INT(parse(&doc, s.body), LLM_OK)) {
        const llm_json *root = llm_json_root(&doc);
        CHECK(members_among(root, openai_fields, 5));
        CHECK_EQ_STR(llm_json_string(llm_json_get(root, "model"), NULL), "text-embedding-ada-002");
        CHECK_EQ_STR(llm_json_string(llm_json_get(root, "input"), NULL), in[0]);
        CHECK(llm_json_get(root, "encoding_format") == NULL);
        CHECK(llm_json_get(root, "dimensions") == NULL);
        CHECK(llm_json_get(root, "user") == NULL);
        llm_json_doc_free(&doc);
    }
    if (CHECK_EQ_INT((int)resp.count, 1) && CHECK_EQ_INT((int)resp.embeddings[0].count, 3)) {
        CHECK(bits(resp.embeddings[0].values[0]) == bits(0.0023064255f));
        CHECK(bits(resp.embeddings[0].values[1]) == bits(-0.009327292f));
        CHECK(bits(resp.embeddings[0].values[2]) == bits(-0.0028842222f));
        CHECK_EQ_INT((int)bits(resp.embeddings[0].values[0]), (int)0x3b172766u);
    }
    CHECK_EQ_STR(resp.model, "text-embedding-ada-002");
    CHECK_EQ_INT(resp.usage.source, LLM_USAGE_REPORTED);
    CHECK_EQ_INT(resp.usage.prompt_tokens, 8);
    CHECK_EQ_INT(resp.usage.completion_tokens, 0);
    CHECK_EQ_INT(resp.http_status, 200);
    CHECK_EQ_INT(resp.attempts, 1);
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE) /* the price is the embedded table's */
    CHECK(resp.has_cost);
    CHECK(resp.cost_usd > 7.9999e-7 && resp.cost_usd < 8.0001e-7);
#endif
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

/* Several inputs, base64, dimensions and user: the body carries each as
   the spec names it (input an array), and the base64 answer, given out of
   index order, is decoded to Python's floats, each vector at its index. */
static void several_inputs_in_base64(void) {
    static const char *const in[] = {"first", "second"};
    static const uint32_t want[2][3] = {{0x3b172766u, 0xbc18d180u, 0xbb3d0538u},
                                        {0x3c57c0cau, 0xbc0ebc80u, 0xbd3f9f31u}};
    size_t len, i, k;
    char *body = load("openai_base64.json", &len);
    llm_mock_exchange ex = {200, NULL, body, len, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client c;
    llm_embed_request req = embed_request("text-embedding-3-small", in, 2);
    llm_embed_response resp;
    llm_json_doc doc;
    llm_error err;
    if (!body) return;
    memset(&s, 0, sizeof s);
    client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
    req.encoding = LLM_EMBED_BASE64;
    req.dimensions = 3;
    req.user = "user-1234";
    req.task_type = "RETRIEVAL_QUERY"; /* Gemini's: not sent to OpenAI */
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    if (CHECK_EQ_INT(parse(&doc, s.body), LLM_OK)) {
        const llm_json *root = llm_json_root(&doc), *input = llm_json_get(root, "input");
        CHECK(members_among(root, openai_fields, 5));
        CHECK(llm_json_is(input, LLM_JSON_ARRAY) && llm_json_count(input) == 2);
        CHECK_EQ_STR(llm_json_string(llm_json_at(input, 0), NULL), "first");
        CHECK_EQ_STR(llm_json_string(llm_json_at(input, 1), NULL), "second");
        CHECK_EQ_STR(llm_json_string(llm_json_get(root, "encoding_format"), NULL), "base64");
        CHECK_EQ_INT(llm_json_int(llm_json_get(root, "dimensions"), -1), 3);
        CHECK_EQ_STR(llm_json_string(llm_json_get(root, "user"), NULL), "user-1234");
        llm_json_doc_free(&doc);
    }
    if (CHECK_EQ_INT((int)resp.count, 2))
        for (i = 0; i < 2; i++)
            if (CHECK_EQ_INT((int)resp.embeddings[i].count, 3))
                for (k = 0; k < 3; k++) CHECK_EQ_INT((int)bits(resp.embeddings[i].values[k]), (int)want[i][k]);
    if (resp.count == 2) /* one array for every number: the vectors follow one another in it */
        CHECK(resp.embeddings[1].values + 3 == resp.embeddings[0].values ||
              resp.embeddings[0].values + 3 == resp.embeddings[1].values);
    CHECK_EQ_INT(resp.usage.prompt_tokens, 12);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    free(body);
}

/* One answer to one request of two inputs: its result and message. */
static llm_result answer_of(const char *body, int inputs, llm_error *err) {
    static const char *const in[] = {"a", "b"};
    llm_mock_exchange ex = {200, NULL, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client c;
    llm_embed_request req = embed_request("text-embedding-3-small", in, (size_t)inputs);
    llm_embed_response resp;
    llm_result r;
    memset(&s, 0, sizeof s);
    client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
    r = llm_embed(&c, &req, &resp, err);
    if (r != LLM_OK) CHECK(resp.count == 0 && resp.embeddings == NULL);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    return r;
}

/* Answers that are not what was asked: each a PARSE error saying why. */
static void answers_refused(void) {
    static const struct {
        const char *body;
        int inputs;
        const char *says;
    } cases[] = {
        {"{\"data\":[{\"index\":0,\"embedding\":[0.5]}]}", 2, "1 vectors for 2 inputs"},
        {"{\"data\":[{\"index\":0,\"embedding\":[0.5]},{\"index\":1,\"embedding\":[1]}]}", 1, "2 vectors for 1 inputs"},
        {"{\"data\":[{\"index\":0,\"embedding\":[0.5]},{\"index\":0,\"embedding\":[1]}]}", 2, "given twice"},
        {"{\"data\":[{\"index\":0,\"embedding\":[0.5]},{\"index\":2,\"embedding\":[1]}]}", 2, "below 2"},
        {"{\"data\":[{\"index\":-1,\"embedding\":[0.5]}]}", 1, "below 1"},
        {"{\"data\":[{\"index\":0.5,\"embedding\":[0.5]}]}", 1, "whole number"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"AAA=\"}]}", 1, "2 bytes, not a whole number of float32"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"AAAAAA\"}]}", 1, "not base64"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"AA$A\"}]}", 1, "not base64"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"A=AA\"}]}", 1, "not base64"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"\"}]}", 1, "no vector"},
        {"{\"data\":[{\"index\":0,\"embedding\":[]}]}", 1, "no vector"},
        {"{\"data\":[{\"index\":0,\"embedding\":[0.5,\"1\"]}]}", 1, "not a float32"},
        {"{\"data\":[{\"index\":0,\"embedding\":[1e39]}]}", 1, "not a float32"},
        {"{\"data\":[{\"index\":0}]}", 1, "no vector"},
        /* NaN and +inf as float32 (Python: base64.b64encode(struct.pack('<f', float('nan'))), ...('inf')) */
        {"{\"data\":[{\"index\":0,\"embedding\":\"AADAfw==\"}]}", 1, "not a finite float32"},
        {"{\"data\":[{\"index\":0,\"embedding\":\"AACAfw==\"}]}", 1, "not a finite float32"},
        {"{\"object\":\"list\"}", 1, "no data array"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_error err;
        memset(&err, 0, sizeof err);
        if (!CHECK_EQ_INT(answer_of(cases[i].body, cases[i].inputs, &err), LLM_ERR_PARSE) ||
            !CHECK(strstr(err.message, cases[i].says) != NULL))
            fprintf(stderr, "  case %d: %s\n", (int)i, err.message);
    }
}

/* The float32 range's edges: Prism's answer for OpenAI's `format: float`
   (-3.402823669209385e+38, which is -2^128) and FLT_MAX itself are
   -FLT_MAX and FLT_MAX (bits 0xff7fffff and 0x7f7fffff, Python's
   struct.pack('<f', ...) of +-3.4028234663852886e38); 1e39 is refused
   (answers_refused). */
static void the_edges_of_float32(void) {
    static const char *const in[] = {"hi"};
    const char *body = "{\"data\":[{\"index\":0,\"embedding\":[-3.402823669209385e+38,3.4028234663852886e38,"
                       "1e-46]}],\"model\":\"string\",\"object\":\"list\",\"usage\":{\"prompt_tokens\":0,"
                       "\"total_tokens\":0}}";
    llm_mock_exchange ex = {200, NULL, body, 0, 0, LLM_OK};
    llm_mock mock = {&ex, 1, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client c;
    llm_embed_request req = embed_request("text-embedding-3-small", in, 1);
    llm_embed_response resp;
    llm_error err;
    memset(&s, 0, sizeof s);
    client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
    if (!CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    if (resp.count == 1 && CHECK_EQ_INT((int)resp.embeddings[0].count, 3)) {
        CHECK_EQ_INT((int)bits(resp.embeddings[0].values[0]), (int)0xff7fffffu);
        CHECK_EQ_INT((int)bits(resp.embeddings[0].values[1]), (int)0x7f7fffffu);
        CHECK_EQ_INT((int)bits(resp.embeddings[0].values[2]), 0); /* below the smallest float32: 0 */
    }
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* Azure's two URL forms (as its chat URL): the deployment form with its
   api-version, and the v1 API. */
static void azure_urls(void) {
    static const char *const in[] = {"hi"};
    const char *ok = "{\"data\":[{\"index\":0,\"embedding\":[0.25]}],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
    llm_mock_exchange ex[] = {{200, NULL, ok, 0, 0, LLM_OK}, {200, NULL, ok, 0, 0, LLM_OK}};
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client dep, v1;
    llm_embed_request req = embed_request("my-embedder", in, 1);
    llm_embed_response resp;
    llm_error err;
    memset(&s, 0, sizeof s);
    client_on(&dep, "azure", "https://example.openai.azure.com", "2024-10-21", &mock, &s, alloc);
    client_on(&v1, "azure", "https://example.openai.azure.com", NULL, &mock, &s, alloc);
    CHECK_EQ_INT(llm_embed(&dep, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://example.openai.azure.com/openai/deployments/my-embedder/embeddings?api-version=2024-10-21");
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(llm_embed(&v1, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://example.openai.azure.com/openai/v1/embeddings");
    CHECK(resp.count == 1 && resp.embeddings[0].values[0] == 0.25f);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

/* EmbedContentRequest's fields (Google's reference). */
static const char *const gemini_fields[] = {"model", "content", "taskType", "title", "outputDimensionality"};

/* The text of content.parts[0] of an EmbedContentRequest. */
static const char *gemini_text(const llm_json *r) {
    const llm_json *parts = llm_json_get(llm_json_get(r, "content"), "parts");
    return llm_json_count(parts) == 1 ? llm_json_string(llm_json_get(llm_json_at(parts, 0), "text"), NULL) : NULL;
}

/* Gemini: one input goes to :embedContent as one EmbedContentRequest
   (taskType, outputDimensionality; no user), several to
   :batchEmbedContents as {requests: [...]}, each naming models/{model};
   the answers' vectors are read, and there is no usage (MISSING). */
static void gemini_one_and_several(void) {
    static const char *const in[] = {"What is the meaning of life?", "How much wood?"};
    size_t l1, l2;
    char *one = load("gemini_embed.json", &l1), *batch = load("gemini_batch.json", &l2);
    llm_mock_exchange ex[] = {{200, NULL, one, l1, 0, LLM_OK}, {200, NULL, batch, l2, 0, LLM_OK}};
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    seen s;
    llm_client c;
    llm_embed_request req = embed_request("gemini-embedding-001", in, 1);
    llm_embed_response resp;
    llm_json_doc doc;
    llm_error err;
    if (!one || !batch) return;
    memset(&s, 0, sizeof s);
    client_on(&c, "gemini", NULL, NULL, &mock, &s, alloc);
    req.task_type = "RETRIEVAL_QUERY";
    req.dimensions = 3;
    req.user = "user-1234";
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent");
    if (CHECK_EQ_INT(parse(&doc, s.body), LLM_OK)) {
        const llm_json *root = llm_json_root(&doc);
        CHECK(members_among(root, gemini_fields, 5));
        CHECK_EQ_STR(gemini_text(root), in[0]);
        CHECK_EQ_STR(llm_json_string(llm_json_get(root, "taskType"), NULL), "RETRIEVAL_QUERY");
        CHECK_EQ_INT(llm_json_int(llm_json_get(root, "outputDimensionality"), -1), 3);
        llm_json_doc_free(&doc);
    }
    if (CHECK_EQ_INT((int)resp.count, 1) && CHECK_EQ_INT((int)resp.embeddings[0].count, 3)) {
        CHECK(bits(resp.embeddings[0].values[0]) == bits(0.013168523f));
        CHECK(bits(resp.embeddings[0].values[2]) == bits(-0.046782676f));
    }
    CHECK_EQ_INT(resp.usage.source, LLM_USAGE_MISSING);
    CHECK(!resp.has_cost);
    llm_embed_response_free(&resp);

    req.input_count = 2;
    req.dimensions = 0;
    req.task_type = NULL;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    CHECK_EQ_STR(s.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents");
    if (CHECK_EQ_INT(parse(&doc, s.body), LLM_OK)) {
        const llm_json *root = llm_json_root(&doc), *reqs = llm_json_get(root, "requests");
        size_t i;
        CHECK_EQ_INT((int)llm_json_count(root), 1);
        if (CHECK_EQ_INT((int)llm_json_count(reqs), 2))
            for (i = 0; i < 2; i++) {
                const llm_json *r = llm_json_at(reqs, i);
                CHECK(members_among(r, gemini_fields, 5));
                CHECK_EQ_STR(llm_json_string(llm_json_get(r, "model"), NULL), "models/gemini-embedding-001");
                CHECK_EQ_STR(gemini_text(r), in[i]);
                CHECK(llm_json_get(r, "outputDimensionality") == NULL && llm_json_get(r, "taskType") == NULL);
            }
        llm_json_doc_free(&doc);
    }
    if (CHECK_EQ_INT((int)resp.count, 2)) {
        CHECK(resp.embeddings[0].count == 2 && bits(resp.embeddings[0].values[0]) == bits(0.0023064255f));
        CHECK(resp.embeddings[1].count == 2 && bits(resp.embeddings[1].values[1]) == bits(-0.008711934f));
    }
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
    free(one);
    free(batch);
}

/* The sans-I/O exchange fed one byte at a time gives the same vectors. */
static void fed_byte_by_byte(void) {
    static const char *const in[] = {"first", "second"};
    size_t len, i;
    char *body = load("openai_base64.json", &len);
    llm_client_desc d;
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_embed_request req = embed_request("text-embedding-3-small", in, 2);
    llm_embed_response resp;
    llm_error err;
    if (!body) return;
    memset(&d, 0, sizeof d);
    d.provider = "openai";
    d.api_key = "sk-test";
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    req.encoding = LLM_EMBED_BASE64;
    CHECK_EQ_INT(llm_call_begin_embed(&call, &c, &req, 0, &http, &err), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_header(&call, "x-request-id", 12, "req_123", 7), LLM_OK);
    for (i = 0; i < len; i++) CHECK_EQ_INT(llm_call_feed_body(&call, body + i, 1), LLM_OK);
    CHECK_EQ_INT(llm_call_finish_embed(&call, 5, &resp, &err), LLM_OK);
    if (CHECK_EQ_INT((int)resp.count, 2)) {
        CHECK_EQ_INT((int)bits(resp.embeddings[0].values[2]), (int)0xbb3d0538u);
        CHECK_EQ_INT((int)bits(resp.embeddings[1].values[0]), (int)0x3c57c0cau);
    }
    CHECK_EQ_STR(resp.request_id, "req_123");
    llm_embed_response_free(&resp);
    llm_call_free(&call);
    free(body);
}

/* Every allocation of an embeddings call failed in turn: NO_MEMORY,
   nothing kept. */
static void every_allocation_failing(void) {
    static const char *const in[] = {"first", "second"};
    size_t len;
    char *body = load("openai_base64.json", &len);
    long n;
    if (!body) return;
    for (n = 1; n < 200; n++) {
        llm_mock_exchange ex = {200, NULL, body, len, 0, LLM_OK};
        llm_mock mock = {&ex, 1, 0, NULL, NULL};
        test_alloc_stats stats = {0};
        llm_allocator alloc = TEST_ALLOCATOR(&stats);
        seen s;
        llm_client c;
        llm_embed_request req = embed_request("text-embedding-3-small", in, 2);
        llm_embed_response resp;
        llm_error err;
        llm_result r;
        memset(&s, 0, sizeof s);
        client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
        c.desc.num_retries = 0;
        req.encoding = LLM_EMBED_BASE64;
        stats.fail_at = n;
        r = llm_embed(&c, &req, &resp, &err);
        CHECK(r == LLM_OK || r == LLM_ERR_NO_MEMORY);
        if (r == LLM_OK) {
            CHECK_EQ_INT((int)resp.count, 2);
            llm_embed_response_free(&resp);
        }
        CHECK_EQ_INT(stats.live, 0);
        if (r == LLM_OK && stats.total < n) break; /* every allocation has failed once */
    }
    CHECK(n < 200);
    free(body);
}

#define EMBED_OK_BODY "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,0.25]}]," \
                      "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"

/* Through the router as chat goes: the group's first deployment answers
   503, the router retries on the other, which answers; the answer's
   usage counts in the router's statistics. */
static void through_the_router(void) {
    static const char *const in[] = {"hello"};
    llm_embed_request req = embed_request("embedder", in, 1);
    llm_embed_response resp;
    llm_router_stats st;
    llm_error err;
    fx_reset();
    fx_dep("embedder")->model = "text-embedding-3-small";
    fx_dep("embedder")->model = "text-embedding-3-small";
    F.deps[0].order = 1;
    F.deps[1].order = 2;
    fx_script(0, 503, NULL, ERR_BODY);
    fx_script(1, 200, NULL, EMBED_OK_BODY);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(llm_router_embed(&F.router, &req, NULL, &resp, &err), LLM_OK);
    CHECK_EQ_STR(F.seq, "d0 d1 ");
    CHECK_EQ_INT(resp.attempts, 2);
    CHECK_EQ_INT(F.idem_changed, 0); /* one Idempotency-Key for every attempt */
    if (CHECK_EQ_INT((int)resp.count, 1)) CHECK(resp.embeddings[0].count == 2 && resp.embeddings[0].values[1] == 0.25f);
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT((int)st.successes, 1);
    CHECK_EQ_INT((int)st.prompt_tokens, 4);
    llm_embed_response_free(&resp);
    /* a transport failure is retried too; the attempts leave nothing in flight */
    fx_script_fail(0, LLM_ERR_TRANSPORT);
    fx_script(1, 200, NULL, EMBED_OK_BODY);
    CHECK_EQ_INT(llm_router_embed(&F.router, &req, NULL, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.attempts, 2);
    llm_embed_response_free(&resp);
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT((int)st.in_flight, 0);
    CHECK_EQ_INT(fx_call("embedder", &err), LLM_OK); /* chat goes on as before */
    req.model = "no-such-group";
    CHECK_EQ_INT(llm_router_embed(&F.router, &req, NULL, &resp, &err), LLM_ERR_NO_DEPLOYMENT);
    CHECK_EQ_INT(llm_router_embed(NULL, &req, NULL, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    fx_done();
}

/* A deployment whose wire format has no embeddings (Anthropic's) ends
   the request as UNSUPPORTED, nothing sent. */
static void a_router_deployment_without_embeddings(void) {
    static const char *const in[] = {"hello"};
    llm_embed_request req = embed_request("g", in, 1);
    llm_embed_response resp;
    llm_error err;
    fx_reset();
    fx_dep("g")->model = "anthropic/claude-sonnet-4-5";
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(llm_router_embed(&F.router, &req, NULL, &resp, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "embeddings") != NULL);
    CHECK_EQ_INT(F.total, 0);
    CHECK_EQ_INT(resp.attempts, 1);
    fx_done();
}

/* A retried llm_embed sends one Idempotency-Key on every attempt (a 503,
   then the answer), as llm_complete does: the server may dedupe by it. */
static void retried_with_one_key(void) {
    static const char answer[] = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                                 "\"embedding\":[0.5]}],\"model\":\"text-embedding-3-small\"}";
    llm_mock_exchange ex[2] = {{503, NULL, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", 0, 0,
                                LLM_OK},
                               {200, NULL, answer, 0, 0, LLM_OK}};
    llm_mock mock = {ex, 2, 0, NULL, NULL};
    seen s;
    const char *in[1] = {"hello"};
    llm_embed_request req = embed_request("text-embedding-3-small", in, 1);
    llm_client c;
    llm_embed_response resp;
    llm_error err;
    test_alloc_stats stats = {0};
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    memset(&s, 0, sizeof s);
    client_on(&c, "openai", NULL, NULL, &mock, &s, alloc);
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.attempts, 2);
    CHECK(s.keys[0][0] != '\0');
    CHECK_EQ_STR(s.keys[0], s.keys[1]);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(stats.live, 0);
}

static const test_case cases[] = {
    TEST(retried_with_one_key),
    TEST(the_documented_openai_answer),
    TEST(several_inputs_in_base64),
    TEST(answers_refused),
    TEST(the_edges_of_float32),
    TEST(azure_urls),
    TEST(gemini_one_and_several),
    TEST(fed_byte_by_byte),
    TEST(every_allocation_failing),
    TEST(through_the_router),
    TEST(a_router_deployment_without_embeddings),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
