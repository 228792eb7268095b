/* test_telemetry.c - the spans and metrics the calls and the router give
   their telemetry hooks (OpenTelemetry's GenAI client conventions: the
   attribute and metric names and units of
   open-telemetry/semantic-conventions model/gen-ai; the values from the
   recorded provider answers in tests/data and the requests and clocks the
   tests set). A recording telemetry keeps every span (its parent, name,
   kind, attributes, status) and every measurement. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "router_fixture.h"
#include "encoded.h"

#define OPENAI "tests/data/provider-samples/openai/"
#define DOCS "tests/data/anthropic/"

#define MAX_SPANS 16
#define MAX_ATTRS 48
#define MAX_RECORDS 64

typedef struct rec_attr {
    char key[64];
    llm_attr_type type;
    char str[1024];                /* a string, or an array's strings joined with '|' */
    int64_t i;
    double d;
    bool b;
} rec_attr;

typedef struct rec_span {
    int parent;                    /* 0: none, else the parent's number */
    char name[128];
    llm_span_kind kind;
    llm_span_status status;
    char description[256];
    bool ended;
    int events;
    rec_attr attrs[MAX_ATTRS];
    int attr_count;
} rec_span;

typedef struct rec_record {
    char name[64], unit[16];
    double value;
    rec_attr attrs[12];
    int attr_count;
} rec_record;

typedef struct recorder {
    rec_span spans[MAX_SPANS];
    int span_count;
    rec_record records[MAX_RECORDS];
    int record_count;
    int calls;                     /* every hook call */
} recorder;

static recorder R;

static void rec_copy(rec_attr *dst, const llm_attr *a) {
    size_t k, n = 0;
    memset(dst, 0, sizeof *dst);
    snprintf(dst->key, sizeof dst->key, "%s", a->key);
    dst->type = a->type;
    dst->i = a->i;
    dst->d = a->d;
    dst->b = a->b;
    if (a->type == LLM_ATTR_STRING) {
        CHECK(a->str[a->str_len] == '\0' || a->str_len < strlen(a->str)); /* NUL-terminated, or a part of one */
        snprintf(dst->str, sizeof dst->str, "%.*s", (int)a->str_len, a->str);
    }
    for (k = 0; a->type == LLM_ATTR_STRING_ARRAY && k < a->count; k++)
        n += (size_t)snprintf(dst->str + n, sizeof dst->str - n, "%s%s", k ? "|" : "", a->strs[k]);
}

static void rec_attrs(rec_attr *dst, int *count, int max, const llm_attr *attrs, size_t n) {
    size_t k;
    for (k = 0; k < n && *count < max; k++) rec_copy(&dst[(*count)++], &attrs[k]);
}

static void *rec_start(void *user, void *parent, const char *name, llm_span_kind kind, const llm_attr *attrs,
                       size_t count) {
    rec_span *s;
    (void)user;
    R.calls++;
    if (R.span_count >= MAX_SPANS) return NULL;
    s = &R.spans[R.span_count++];
    memset(s, 0, sizeof *s);
    s->parent = (int)(intptr_t)parent;
    snprintf(s->name, sizeof s->name, "%s", name);
    s->kind = kind;
    rec_attrs(s->attrs, &s->attr_count, MAX_ATTRS, attrs, count);
    return (void *)(intptr_t)R.span_count; /* the span's number, 1-based */
}

static rec_span *rec_of(void *span) {
    int k = (int)(intptr_t)span;
    CHECK(k >= 1 && k <= R.span_count);
    return k >= 1 && k <= R.span_count ? &R.spans[k - 1] : &R.spans[MAX_SPANS - 1];
}

static void rec_set(void *user, void *span, const llm_attr *attrs, size_t count) {
    rec_span *s = rec_of(span);
    (void)user;
    R.calls++;
    CHECK(!s->ended);
    rec_attrs(s->attrs, &s->attr_count, MAX_ATTRS, attrs, count);
}

static void rec_event(void *user, void *span, const char *name, const llm_attr *attrs, size_t count) {
    (void)user, (void)name, (void)attrs, (void)count;
    R.calls++;
    rec_of(span)->events++;
}

static void rec_end(void *user, void *span, llm_span_status status, const char *description) {
    rec_span *s = rec_of(span);
    (void)user;
    R.calls++;
    CHECK(!s->ended);
    s->ended = true;
    s->status = status;
    snprintf(s->description, sizeof s->description, "%s", description ? description : "");
}

static void rec_record_fn(void *user, const char *name, const char *unit, double value, const llm_attr *attrs,
                          size_t count) {
    rec_record *r;
    (void)user;
    R.calls++;
    if (R.record_count >= MAX_RECORDS) return;
    r = &R.records[R.record_count++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->unit, sizeof r->unit, "%s", unit);
    r->value = value;
    rec_attrs(r->attrs, &r->attr_count, 12, attrs, count);
}

static llm_telemetry rec_telemetry(bool content) {
    llm_telemetry t;
    memset(&t, 0, sizeof t);
    t.span_start = rec_start;
    t.span_set = rec_set;
    t.span_event = rec_event;
    t.span_end = rec_end;
    t.record = rec_record_fn;
    t.record_content = content;
    return t;
}

static const rec_attr *find_attr(const rec_attr *attrs, int count, const char *key) {
    int k;
    for (k = 0; k < count; k++)
        if (strcmp(attrs[k].key, key) == 0) return &attrs[k];
    return NULL;
}

static const rec_attr *span_attr(const rec_span *s, const char *key) {
    return find_attr(s->attrs, s->attr_count, key);
}

#define SPAN_STR(s, key, want) span_str((s), (key), (want), __LINE__)
#define SPAN_INT(s, key, want) span_int((s), (key), (want), __LINE__)
#define SPAN_DOUBLE(s, key, want) span_double((s), (key), (want), __LINE__)
#define SPAN_NONE(s, key) span_none((s), (key), __LINE__)

/* The span's attribute `key`, checked present and of type t1 or t2; NULL
   when absent. Each failure names the calling line. */
static const rec_attr *span_has(const rec_span *s, const char *key, llm_attr_type t1, llm_attr_type t2, int line) {
    const rec_attr *a = span_attr(s, key);
    if (!a) fprintf(stderr, "  line %d: span \"%s\" has no %s\n", line, s->name, key);
    if (!CHECK(a != NULL)) return NULL;
    if (!CHECK(a->type == t1 || a->type == t2)) fprintf(stderr, "  line %d: %s has type %d\n", line, key, (int)a->type);
    return a;
}

static void span_str(const rec_span *s, const char *key, const char *want, int line) {
    const rec_attr *a = span_has(s, key, LLM_ATTR_STRING, LLM_ATTR_STRING_ARRAY, line);
    if (a && !CHECK_EQ_STR(a->str, want)) fprintf(stderr, "  line %d: %s\n", line, key);
}

static void span_int(const rec_span *s, const char *key, int64_t want, int line) {
    const rec_attr *a = span_has(s, key, LLM_ATTR_INT, LLM_ATTR_INT, line);
    if (a && !CHECK_EQ_INT(a->i, want)) fprintf(stderr, "  line %d: %s\n", line, key);
}

static void span_double(const rec_span *s, const char *key, double want, int line) {
    const rec_attr *a = span_has(s, key, LLM_ATTR_DOUBLE, LLM_ATTR_DOUBLE, line);
    if (a && !CHECK(a->d > want - 1e-9 && a->d < want + 1e-9))
        fprintf(stderr, "  line %d: %s = %g, expected %g\n", line, key, a->d, want);
}

#define SPAN_JSON(s, key, want) span_json((s), (key), (want), __LINE__)

/* A string attribute holding JSON: the same JSON as `want` (members in any order). */
static void span_json(const rec_span *s, const char *key, const char *want, int line) {
    const rec_attr *a = span_has(s, key, LLM_ATTR_STRING, LLM_ATTR_STRING, line);
    llm_json_doc got;
    memset(&got, 0, sizeof got);
    if (a && !CHECK(llm_json_parse(&got, a->str, strlen(a->str), NULL) == LLM_OK &&
                    same_json_as_text(llm_json_root(&got), want)))
        fprintf(stderr, "  line %d: %s = %s\n  expected %s\n", line, key, a->str, want);
    llm_json_doc_free(&got);
}

static void span_none(const rec_span *s, const char *key, int line) {
    if (span_attr(s, key)) fprintf(stderr, "  line %d: span \"%s\" has %s\n", line, s->name, key);
    CHECK(span_attr(s, key) == NULL);
}

/* The n-th (0-based) measurement named `name`, or NULL. */
static const rec_record *record_of(const char *name, int n) {
    int k;
    for (k = 0; k < R.record_count; k++)
        if (strcmp(R.records[k].name, name) == 0 && n-- == 0) return &R.records[k];
    return NULL;
}

static int record_count(const char *name) {
    int k, n = 0;
    for (k = 0; k < R.record_count; k++) n += strcmp(R.records[k].name, name) == 0;
    return n;
}

static void check_value(double got, double want) {
    if (!(got > want - 1e-9 && got < want + 1e-9)) fprintf(stderr, "  got %g, expected %g\n", got, want);
    CHECK(got > want - 1e-9 && got < want + 1e-9);
}

static const char *record_str(const rec_record *r, const char *key) {
    const rec_attr *a = r ? find_attr(r->attrs, r->attr_count, key) : NULL;
    return a ? a->str : "(none)";
}

static void rec_reset(void) { memset(&R, 0, sizeof R); }

/* ---- a routed request: a retry, then a fallback ---- */

static const char *const fx_stop[] = {"\n\n", "END"};

static llm_request routed_request(void) {
    llm_request req;
    memset(&req, 0, sizeof req);
    req.model = "main";
    req.messages = &fx_hello;
    req.message_count = 1;
    req.has_temperature = true;
    req.temperature = 0.5;
    req.has_top_p = true;
    req.top_p = 0.25;
    req.max_tokens = 100;
    req.stop = fx_stop;
    req.stop_count = 2;
    req.has_seed = true;
    req.seed = 42;
    req.n = 2;
    req.reasoning_effort = "low";
    return req;
}

/* d0 (group "main") answers 500 (retried), then 401 (not retried: a
   fallback to "backup"); d1 the recorded OpenAI answer with its request
   id. */
static void routed_call_with_a_retry_and_a_fallback_is_one_span_tree(void) {
    static const char *const to_backup[] = {"backup"};
    llm_router_fallback fb;
    llm_request req = routed_request();
    llm_response resp;
    llm_error err;
    size_t len;
    char *answer = TEST_READ_FIXTURE(OPENAI "chat_completion_text.json", &len);
    const rec_span *top, *a1, *a2, *a3;
    const rec_record *m;
    fx_reset();
    rec_reset();
    fx_dep("main");
    fx_dep("backup");
    F.desc.num_retries = 1;
    F.desc.backoff_base_ms = 100;
    F.desc.backoff_cap_ms = 100;
    fx_script(0, 500, "x-request-id: req_first\n", ERR_BODY);
    F.script[0][0].delay_ms = 40;
    fx_script(0, 401, "x-request-id: req_second\n", ERR_BODY);
    F.script[0][1].delay_ms = 60;
    fx_script(1, 200, "x-request-id: req_third\n", answer);
    F.script[1][0].delay_ms = 250;
    memset(&fb, 0, sizeof fb);
    fb.group = "main";
    fb.to = to_backup;
    fb.to_count = 1;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    F.desc.telemetry = rec_telemetry(false);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(llm_router_complete(&F.router, &req, NULL, &resp, &err), LLM_OK);
    CHECK_EQ_INT(F.total, 3);
    /* one request span, three attempts under it */
    CHECK_EQ_INT(R.span_count, 4);
    if (R.span_count != 4) goto done;
    top = &R.spans[0];
    a1 = &R.spans[1];
    a2 = &R.spans[2];
    a3 = &R.spans[3];
    CHECK_EQ_STR(top->name, "chat main");
    CHECK_EQ_INT(top->kind, LLM_SPAN_INTERNAL);
    CHECK_EQ_INT(top->parent, 0);
    CHECK(top->ended);
    CHECK_EQ_INT(top->status, LLM_SPAN_OK);
    SPAN_STR(top, "gen_ai.operation.name", "chat");
    SPAN_STR(top, "gen_ai.request.model", "main");
    SPAN_INT(top, LLM_ATTR_ROUTER_ATTEMPTS, 3);
    SPAN_NONE(top, "error.type");
    CHECK_EQ_INT(a1->parent, 1);
    CHECK_EQ_INT(a2->parent, 1);
    CHECK_EQ_INT(a3->parent, 1);
    /* every attempt: a CLIENT span with the request's attributes */
    {
        const rec_span *each[3];
        int k;
        each[0] = a1, each[1] = a2, each[2] = a3;
        for (k = 0; k < 3; k++) {
            const rec_span *s = each[k];
            CHECK_EQ_STR(s->name, "chat gpt-4o");
            CHECK_EQ_INT(s->kind, LLM_SPAN_CLIENT);
            CHECK(s->ended);
            SPAN_STR(s, "gen_ai.operation.name", "chat");
            SPAN_STR(s, "gen_ai.provider.name", "openai");
            SPAN_STR(s, "gen_ai.request.model", "gpt-4o");
            SPAN_STR(s, "server.address", k < 2 ? "d0" : "d1");
            SPAN_INT(s, "server.port", 80);
            SPAN_DOUBLE(s, "gen_ai.request.temperature", 0.5);
            SPAN_DOUBLE(s, "gen_ai.request.top_p", 0.25);
            SPAN_INT(s, "gen_ai.request.max_tokens", 100);
            SPAN_STR(s, "gen_ai.request.stop_sequences", "\n\n|END");
            SPAN_INT(s, "gen_ai.request.seed", 42);
            SPAN_INT(s, "gen_ai.request.choice.count", 2);
            SPAN_STR(s, LLM_ATTR_REASONING_EFFORT, "low");
            SPAN_STR(s, LLM_ATTR_ROUTER_DEPLOYMENT, k < 2 ? "d0" : "d1");
            SPAN_STR(s, LLM_ATTR_ROUTER_GROUP, k < 2 ? "main" : "backup");
            SPAN_INT(s, LLM_ATTR_ROUTER_ATTEMPT, k + 1);
            CHECK(span_attr(s, LLM_ATTR_REQUEST_ID) && strncmp(span_attr(s, LLM_ATTR_REQUEST_ID)->str, "req_", 4) == 0);
            CHECK(span_attr(s, "gen_ai.request.stream") && !span_attr(s, "gen_ai.request.stream")->b);
            SPAN_NONE(s, "gen_ai.input.messages"); /* content not asked for */
        }
    }
    /* why each ended */
    SPAN_STR(a1, LLM_ATTR_ROUTER_OUTCOME, "retry");
    SPAN_STR(a2, LLM_ATTR_ROUTER_OUTCOME, "fallback");
    SPAN_STR(a3, LLM_ATTR_ROUTER_OUTCOME, "success");
    CHECK_EQ_INT(a1->status, LLM_SPAN_ERROR);
    CHECK_EQ_INT(a2->status, LLM_SPAN_ERROR);
    CHECK_EQ_INT(a3->status, LLM_SPAN_OK);
    SPAN_STR(a1, "error.type", "LLM_ERR_SERVER"); /* 500: llm.h's result for a 5xx (llm_result's table) */
    SPAN_STR(a1, LLM_ATTR_PROVIDER_REQUEST_ID, "req_first");
    SPAN_STR(a2, "error.type", "LLM_ERR_AUTHENTICATION");
    SPAN_STR(a2, LLM_ATTR_PROVIDER_REQUEST_ID, "req_second");
    CHECK(strstr(a1->description, "boom") != NULL); /* the provider's message */
    /* the answer: chat_completion_text.json */
    SPAN_STR(a3, "gen_ai.response.id", "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY");
    SPAN_STR(a3, "gen_ai.response.model", "gpt-4o-2024-08-06");
    SPAN_STR(a3, "gen_ai.response.finish_reasons", "stop");
    SPAN_INT(a3, "gen_ai.usage.input_tokens", 14);
    SPAN_INT(a3, "gen_ai.usage.output_tokens", 37);
    SPAN_STR(a3, LLM_ATTR_PROVIDER_REQUEST_ID, "req_third");
    SPAN_NONE(a3, "error.type");
    SPAN_NONE(a3, "gen_ai.response.time_to_first_chunk"); /* not a stream */
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    /* gpt-4o's price (OpenAI's pricing page): $2.50 in, $10 out per million tokens */
    SPAN_DOUBLE(a3, LLM_ATTR_COST_USD, 14 * 2.5e-6 + 37 * 10e-6);
#endif
    /* the metrics: a duration per attempt, by the router's clock (the
       transport's delays), the usage of the one that answered */
    CHECK_EQ_INT(record_count("gen_ai.client.operation.duration"), 3);
    m = record_of("gen_ai.client.operation.duration", 0);
    if (CHECK(m != NULL)) {
        CHECK_EQ_STR(m->unit, "s");
        check_value(m->value, 0.040);
        CHECK_EQ_STR(record_str(m, "error.type"), "LLM_ERR_SERVER");
        CHECK_EQ_STR(record_str(m, "gen_ai.provider.name"), "openai");
        CHECK_EQ_STR(record_str(m, "gen_ai.operation.name"), "chat");
        CHECK_EQ_STR(record_str(m, "server.address"), "d0");
    }
    m = record_of("gen_ai.client.operation.duration", 2);
    if (CHECK(m != NULL)) {
        check_value(m->value, 0.250);
        CHECK_EQ_STR(record_str(m, "error.type"), "(none)");
        CHECK_EQ_STR(record_str(m, "gen_ai.response.model"), "gpt-4o-2024-08-06");
    }
    CHECK_EQ_INT(record_count("gen_ai.client.token.usage"), 2);
    m = record_of("gen_ai.client.token.usage", 0);
    if (CHECK(m != NULL)) {
        CHECK_EQ_STR(m->unit, "{token}");
        CHECK_EQ_STR(record_str(m, "gen_ai.token.type"), "input");
        check_value(m->value, 14);
    }
    m = record_of("gen_ai.client.token.usage", 1);
    if (CHECK(m != NULL)) {
        CHECK_EQ_STR(record_str(m, "gen_ai.token.type"), "output");
        check_value(m->value, 37);
    }
    CHECK_EQ_INT(record_count("gen_ai.client.operation.time_to_first_chunk"), 0);
done:
    llm_response_free(&resp);
    free(answer);
    fx_done();
}

/* A request the router gives up on: its span says why, after its attempt's. */
static void routed_request_that_fails_ends_with_its_error(void) {
    llm_request req = routed_request();
    llm_response resp;
    llm_error err;
    fx_reset();
    rec_reset();
    fx_dep("main");
    fx_script(0, 401, "x-request-id: req_refused\n", ERR_BODY);
    F.desc.telemetry = rec_telemetry(false);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(llm_router_complete(&F.router, &req, NULL, &resp, &err), LLM_ERR_AUTHENTICATION);
    CHECK_EQ_STR(err.request_id, "req_refused"); /* a router failure carries the provider's id */
    CHECK_EQ_INT(R.span_count, 2);
    if (R.span_count == 2) {
        CHECK(R.spans[1].ended && R.spans[0].ended);
        CHECK_EQ_INT(R.spans[0].status, LLM_SPAN_ERROR);
        SPAN_STR(&R.spans[0], "error.type", "LLM_ERR_AUTHENTICATION");
        SPAN_INT(&R.spans[0], LLM_ATTR_ROUTER_ATTEMPTS, 1);
        SPAN_STR(&R.spans[1], LLM_ATTR_ROUTER_OUTCOME, "gave_up");
        SPAN_STR(&R.spans[1], "error.type", "LLM_ERR_AUTHENTICATION");
        SPAN_STR(&R.spans[1], LLM_ATTR_PROVIDER_REQUEST_ID, "req_refused");
    }
    llm_response_free(&resp);
    fx_done();
}

/* ---- one call, driven by hand (sans-I/O) ---- */

typedef struct driven {
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    test_alloc_stats stats;
} driven;

/* A client of `provider` at base_url (NULL: the preset's). */
static void client_init_at(driven *d, const char *provider, const char *base_url, const llm_telemetry *t) {
    llm_client_desc desc;
    memset(d, 0, sizeof *d);
    memset(&desc, 0, sizeof desc);
    desc.provider = provider;
    desc.base_url = base_url;
    desc.api_key = "sk-test-key-0123456789";
    desc.alloc.alloc = test_alloc_fn;
    desc.alloc.realloc = test_realloc_fn;
    desc.alloc.free = test_free_fn;
    desc.alloc.user = &d->stats;
    if (t) desc.telemetry = *t;
    CHECK_EQ_INT(llm_client_init(&d->client, &desc, NULL), LLM_OK);
}

static void client_init(driven *d, const char *provider, const llm_telemetry *t) {
    client_init_at(d, provider, NULL, t);
}

static void take_events(llm_call *call) {
    llm_event ev;
    while (llm_call_next_event(call, &ev) == LLM_OK) {}
}

/* The stream arrives in two parts: the first chunks at 1250 ms, the rest
   at 1400 ms; the call began at 1000 and finishes at 1500. */
static void stream_time_to_first_chunk_and_finish_reasons(void) {
    llm_telemetry t = rec_telemetry(false);
    static driven d;
    llm_request req;
    const llm_http_request *http;
    size_t len, half;
    char *sse = TEST_READ_FIXTURE(OPENAI "chat_stream_text_usage.sse", &len);
    const rec_span *s;
    const rec_record *m;
    rec_reset();
    client_init(&d, "openai", &t);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_call_begin_stream(&d.call, &d.client, &req, 1000, &http, &d.err), LLM_OK);
    CHECK_EQ_INT(R.span_count, 1); /* the span begins with the request */
    CHECK_EQ_INT(llm_call_feed_status(&d.call, 200), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_header(&d.call, "x-request-id", 12, "req_stream", 10), LLM_OK);
    half = len / 2;
    CHECK_EQ_INT(llm_call_feed_body(&d.call, sse, half), LLM_OK);
    take_events(&d.call);
    CHECK_EQ_INT(llm_call_tick(&d.call, 1250), LLM_OK);
    CHECK_EQ_INT(llm_call_feed_body(&d.call, sse + half, len - half), LLM_OK);
    take_events(&d.call);
    llm_call_tick(&d.call, 1400);
    llm_call_end_body(&d.call);
    take_events(&d.call);
    CHECK_EQ_INT(llm_call_finish(&d.call, 1500, &d.resp, &d.err), LLM_OK);
    llm_call_free(&d.call);
    CHECK_EQ_INT(R.span_count, 1);
    s = &R.spans[0];
    CHECK(s->ended);
    CHECK_EQ_INT(s->status, LLM_SPAN_OK);
    CHECK_EQ_INT(s->parent, 0);
    CHECK_EQ_STR(s->name, "chat gpt-4o");
    SPAN_STR(s, "server.address", "api.openai.com");
    SPAN_INT(s, "server.port", 443);
    CHECK(span_attr(s, "gen_ai.request.stream") && span_attr(s, "gen_ai.request.stream")->b);
    SPAN_NONE(s, "gen_ai.request.temperature"); /* not set: not sent, not said */
    SPAN_NONE(s, "gen_ai.request.choice.count");
    SPAN_NONE(s, "gen_ai.request.seed");
    SPAN_DOUBLE(s, "gen_ai.response.time_to_first_chunk", 0.25);
    SPAN_STR(s, "gen_ai.response.id", "chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL");
    SPAN_STR(s, "gen_ai.response.finish_reasons", "stop");
    SPAN_INT(s, "gen_ai.usage.input_tokens", 14);
    SPAN_INT(s, "gen_ai.usage.output_tokens", 30);
    SPAN_STR(s, LLM_ATTR_PROVIDER_REQUEST_ID, "req_stream");
    m = record_of("gen_ai.client.operation.time_to_first_chunk", 0);
    if (CHECK(m != NULL)) {
        CHECK_EQ_STR(m->unit, "s");
        check_value(m->value, 0.25);
    }
    CHECK_EQ_INT(record_count("gen_ai.client.operation.time_per_output_chunk"), 1);
    m = record_of("gen_ai.client.operation.time_per_output_chunk", 0);
    if (CHECK(m != NULL)) {
        CHECK_EQ_STR(m->unit, "s");
        check_value(m->value, 0.15);
    }
    m = record_of("gen_ai.client.operation.duration", 0);
    if (CHECK(m != NULL)) check_value(m->value, 0.5);
    llm_response_free(&d.resp);
    CHECK_EQ_INT(d.stats.live_bytes, 0);
    free(sse);
}

/* The same stream cut in its middle: the choice ended early ("error"). */
static void stream_cut_early_finishes_with_error(void) {
    llm_telemetry t = rec_telemetry(false);
    static driven d;
    llm_request req;
    const llm_http_request *http;
    size_t len;
    char *sse = TEST_READ_FIXTURE(OPENAI "chat_stream_text_usage.sse", &len);
    const rec_span *s;
    rec_reset();
    client_init(&d, "openai", &t);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_call_begin_stream(&d.call, &d.client, &req, 1000, &http, &d.err), LLM_OK);
    llm_call_feed_status(&d.call, 200);
    llm_call_feed_header(&d.call, "x-request-id", 12, "req_cut", 7);
    llm_call_feed_body(&d.call, sse, len / 2);
    take_events(&d.call);
    llm_call_tick(&d.call, 1100);
    llm_call_fail(&d.call, LLM_ERR_TRANSPORT, "connection reset");
    CHECK_EQ_INT(llm_call_finish(&d.call, 1200, &d.resp, &d.err), LLM_ERR_TRUNCATED);
    CHECK_EQ_STR(d.err.request_id, "req_cut"); /* a streamed failure carries the provider's id */
    llm_call_free(&d.call);
    CHECK_EQ_INT(R.span_count, 1);
    s = &R.spans[0];
    CHECK_EQ_INT(s->status, LLM_SPAN_ERROR);
    SPAN_STR(s, "gen_ai.response.finish_reasons", "error");
    SPAN_STR(s, "error.type", "LLM_ERR_TRUNCATED");
    SPAN_STR(s, LLM_ATTR_PROVIDER_REQUEST_ID, "req_cut");
    SPAN_DOUBLE(s, "gen_ai.response.time_to_first_chunk", 0.1);
    llm_response_free(&d.resp);
    CHECK_EQ_INT(d.stats.live_bytes, 0);
    free(sse);
}

/* Anthropic's input_tokens leave out cache reads and writes; the
   conventions' gen_ai.usage.input_tokens counts them in. The recorded
   usage of prompt_caching_1h_usage.json: 2048 uncached, 1800 read, 248
   written, 503 out. */
static void anthropic_usage_counts_the_cache_in_the_input(void) {
    llm_telemetry t = rec_telemetry(false);
    static driven d;
    static char body[2048];
    llm_request req;
    const llm_http_request *http;
    size_t len;
    char *usage = TEST_READ_FIXTURE(DOCS "prompt_caching_1h_usage.json", &len);
    const char *inner = usage ? strstr(usage, "\"usage\"") : NULL;
    const rec_span *s;
    const rec_record *m;
    rec_reset();
    client_init(&d, "anthropic", &t);
    if (!CHECK(inner != NULL)) return;
    /* the recorded usage member inside a Messages answer */
    snprintf(body, sizeof body,
             "{\"id\":\"msg_01T4jd6NyD9xGGtTPDC4ogy5\",\"type\":\"message\",\"role\":\"assistant\","
             "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
             "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,%.*s}",
             (int)(strrchr(usage, '}') - inner), inner);
    memset(&req, 0, sizeof req);
    req.model = "claude-sonnet-4-5-20250929";
    req.messages = &fx_hello;
    req.message_count = 1;
    req.max_tokens = 1024;
    CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 5000, &http, &d.err), LLM_OK);
    llm_call_feed_status(&d.call, 200);
    llm_call_feed_header(&d.call, "request-id", 10, "req_011CSHoEeqs5C35K2UUqR7Fy", 28);
    llm_call_feed_body(&d.call, body, strlen(body));
    CHECK_EQ_INT(llm_call_finish(&d.call, 5800, &d.resp, &d.err), LLM_OK);
    llm_call_free(&d.call);
    CHECK_EQ_INT(R.span_count, 1);
    s = &R.spans[0];
    SPAN_STR(s, "gen_ai.provider.name", "anthropic");
    SPAN_STR(s, "server.address", "api.anthropic.com");
    SPAN_INT(s, "server.port", 443);
    SPAN_INT(s, "gen_ai.request.max_tokens", 1024);
    SPAN_INT(s, "gen_ai.usage.input_tokens", 2048 + 1800 + 248);
    SPAN_INT(s, "gen_ai.usage.cache_read.input_tokens", 1800);
    SPAN_INT(s, "gen_ai.usage.cache_creation.input_tokens", 248);
    SPAN_INT(s, "gen_ai.usage.output_tokens", 503);
    SPAN_STR(s, "gen_ai.response.finish_reasons", "stop"); /* end_turn */
    SPAN_STR(s, "gen_ai.response.model", "claude-sonnet-4-5-20250929");
    SPAN_STR(s, LLM_ATTR_PROVIDER_REQUEST_ID, "req_011CSHoEeqs5C35K2UUqR7Fy");
    CHECK(span_attr(s, "gen_ai.request.stream") && !span_attr(s, "gen_ai.request.stream")->b);
    m = record_of("gen_ai.client.token.usage", 0);
    if (CHECK(m != NULL)) check_value(m->value, 4096);
    m = record_of("gen_ai.client.operation.duration", 0);
    if (CHECK(m != NULL)) check_value(m->value, 0.8);
    llm_response_free(&d.resp);
    CHECK_EQ_INT(d.stats.live_bytes, 0);
    free(usage);
}

/* Message contents go to the hooks only when asked for, as the
   conventions' JSON. */
static void content_only_when_asked_for(void) {
    static driven d;
    static llm_message msgs[2];
    llm_request req;
    const llm_http_request *http;
    size_t len;
    int pass;
    char *answer = TEST_READ_FIXTURE(OPENAI "chat_completion_text.json", &len);
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].content = "Be brief.";
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].content = "Hello";
    for (pass = 0; pass < 2; pass++) {
        llm_telemetry t = rec_telemetry(pass == 1);
        const rec_span *s;
        rec_reset();
        client_init(&d, "openai", &t);
        memset(&req, 0, sizeof req);
        req.model = "gpt-4o";
        req.messages = msgs;
        req.message_count = 2;
        req.request_id = "req-from-the-caller";
        CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 0, &http, &d.err), LLM_OK);
        llm_call_feed_status(&d.call, 200);
        llm_call_feed_body(&d.call, answer, len);
        CHECK_EQ_INT(llm_call_finish(&d.call, 0, &d.resp, &d.err), LLM_OK);
        llm_call_free(&d.call);
        if (!CHECK_EQ_INT(R.span_count, 1)) continue;
        s = &R.spans[0];
        SPAN_STR(s, LLM_ATTR_REQUEST_ID, "req-from-the-caller"); /* the id sent, beside the provider's */
        if (pass == 0) {
            SPAN_NONE(s, "gen_ai.input.messages");
            SPAN_NONE(s, "gen_ai.output.messages");
            SPAN_NONE(s, "gen_ai.system_instructions");
        } else {
            SPAN_STR(s, "gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
            SPAN_STR(s, "gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}]}]");
            SPAN_STR(s, "gen_ai.output.messages",
                     "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"I'm unable to provide "
                     "real-time weather updates. To get the current weather in San Francisco, I recommend checking "
                     "a reliable weather website or app like the Weather Channel or a local news station.\"}],"
                     "\"finish_reason\":\"stop\"}]");
        }
        /* a time-less driver (0, 0): no duration */
        CHECK_EQ_INT(record_count("gen_ai.client.operation.duration"), 0);
        llm_response_free(&d.resp);
        CHECK_EQ_INT(d.stats.live_bytes, 0);
    }
    free(answer);
}

/* A non-streamed answer cut by a timeout after its headers: the error
   still names the provider's request. */
static void request_id_on_a_failure_after_the_headers(void) {
    static driven d;
    llm_request req;
    const llm_http_request *http;
    client_init(&d, "openai", NULL);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 1, &http, &d.err), LLM_OK);
    llm_call_feed_status(&d.call, 200);
    llm_call_feed_header(&d.call, "x-request-id", 12, "req_slow", 8);
    llm_call_feed_body(&d.call, "{\"id\":", 6);
    llm_call_fail(&d.call, LLM_ERR_TIMEOUT, "timed out");
    CHECK_EQ_INT(llm_call_finish(&d.call, 2, &d.resp, &d.err), LLM_ERR_TIMEOUT);
    CHECK_EQ_STR(d.err.request_id, "req_slow");
    llm_call_free(&d.call);
    CHECK_EQ_INT(d.stats.live_bytes, 0);
}

/* Zeroed hooks, or hooks without span_start and record: no hook is called. */
static void hooks_without_start_or_record_are_off(void) {
    static driven d;
    llm_telemetry t = rec_telemetry(false);
    llm_request req;
    const llm_http_request *http;
    size_t len;
    char *answer = TEST_READ_FIXTURE(OPENAI "chat_completion_text.json", &len);
    t.span_start = NULL;
    t.record = NULL;
    rec_reset();
    client_init(&d, "openai", &t);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 1, &http, &d.err), LLM_OK);
    CHECK(!d.call.tel_); /* nothing measured */
    llm_call_feed_status(&d.call, 200);
    llm_call_feed_body(&d.call, answer, len);
    CHECK_EQ_INT(llm_call_finish(&d.call, 2, &d.resp, &d.err), LLM_OK);
    llm_call_free(&d.call);
    CHECK_EQ_INT(R.calls, 0);
    llm_response_free(&d.resp);
    free(answer);
}

/* A call freed before it finished ends its span as an error. */
static void call_freed_unfinished_ends_its_span(void) {
    static driven d;
    llm_telemetry t = rec_telemetry(false);
    llm_request req;
    const llm_http_request *http;
    rec_reset();
    client_init(&d, "openai", &t);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 1, &http, &d.err), LLM_OK);
    llm_call_free(&d.call);
    CHECK_EQ_INT(R.span_count, 1);
    CHECK(R.spans[0].ended);
    CHECK_EQ_INT(R.spans[0].status, LLM_SPAN_ERROR);
    SPAN_STR(&R.spans[0], "error.type", "LLM_ERR_CANCELLED");
    CHECK_EQ_INT(d.stats.live_bytes, 0);
}

static void no_sleep(void *user, int64_t ms) { (void)user, (void)ms; }

/* llm_complete: a span per exchange, its retries included. */
static void blocking_complete_spans_each_exchange(void) {
    static driven d;
    llm_telemetry t = rec_telemetry(false);
    llm_client_desc desc;
    llm_mock_exchange x[2];
    llm_mock mock;
    llm_request req;
    size_t len;
    char *answer = TEST_READ_FIXTURE(OPENAI "chat_completion_text.json", &len);
    rec_reset();
    memset(x, 0, sizeof x);
    x[0].status = 500;
    x[0].headers = "x-request-id: req_a\n";
    x[0].body = ERR_BODY;
    x[1].status = 200;
    x[1].headers = "x-request-id: req_b\n";
    x[1].body = answer;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = x;
    mock.count = 2;
    memset(&desc, 0, sizeof desc);
    desc.provider = "openai";
    desc.api_key = "sk-test-key-0123456789";
    desc.transport = llm_mock_transport(&mock);
    desc.telemetry = t;
    desc.sleep_ms = no_sleep;
    desc.has_num_retries = true;
    desc.num_retries = 1;
    CHECK_EQ_INT(llm_client_init(&d.client, &desc, NULL), LLM_OK);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &fx_hello;
    req.message_count = 1;
    CHECK_EQ_INT(llm_complete(&d.client, &req, &d.resp, &d.err), LLM_OK);
    CHECK_EQ_INT(R.span_count, 2);
    if (R.span_count == 2) {
        CHECK_EQ_INT(R.spans[0].status, LLM_SPAN_ERROR);
        SPAN_STR(&R.spans[0], LLM_ATTR_PROVIDER_REQUEST_ID, "req_a");
        CHECK_EQ_INT(R.spans[1].status, LLM_SPAN_OK);
        SPAN_STR(&R.spans[1], LLM_ATTR_PROVIDER_REQUEST_ID, "req_b");
    }
    CHECK_EQ_STR(d.resp.request_id, "req_b");
    llm_response_free(&d.resp);
    free(answer);
}

/* A tool conversation's contents, as the conventions' JSON schemas give
   them (open-telemetry/semantic-conventions docs/gen-ai:
   gen-ai-system-instructions.json, gen-ai-input-messages.json,
   gen-ai-tool-definitions.json, gen-ai-output-messages.json): the system
   and developer messages' text parts as the system instructions; a
   ToolCallRequestPart (type "tool_call", id, name, arguments) for each
   call the assistant made; a tool message as role "tool" with a
   ToolCallResponsePart (type "tool_call_response", id, response); a text
   part of a user message as a TextPart; each tool as a ToolDefinition
   (type "function", name, and description and parameters when given). The
   answer is the recorded chat_completion_parallel_tool_calls.json: its two
   calls, finish reason "tool_calls" (llm_finish_reason_str's name). The
   client: OpenRouter (no well-known gen_ai.provider.name: the preset's
   name, as llm.h documents) at a bracketed IPv6 base URL with a port
   (RFC 3986's IP-literal: server.address "::1", server.port 8080); the
   request sets frequency_penalty. */
static void content_of_a_tool_conversation_follows_the_schemas(void) {
    static driven d;
    static llm_message msgs[6];
    static llm_content_part system_parts[2], user_part;
    static llm_tool_call call;
    static llm_tool tools[2];
    llm_telemetry t = rec_telemetry(true);
    llm_request req;
    const llm_http_request *http;
    size_t len;
    char *answer = TEST_READ_FIXTURE(OPENAI "chat_completion_parallel_tool_calls.json", &len);
    const rec_span *s;
    memset(msgs, 0, sizeof msgs);
    memset(system_parts, 0, sizeof system_parts);
    system_parts[0].text = "Be brief.";
    system_parts[1].text = "Use metric units.";
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].parts = system_parts;
    msgs[0].part_count = 2;
    msgs[1].role = LLM_ROLE_DEVELOPER;
    msgs[1].content = "Answer in English.";
    msgs[2].role = LLM_ROLE_USER;
    msgs[2].content = "Weather in Edinburgh?";
    call.id = "call_1";
    call.name = "get_weather";
    call.arguments = "{\"city\":\"Edinburgh\"}";
    msgs[3].role = LLM_ROLE_ASSISTANT;
    msgs[3].tool_calls = &call;
    msgs[3].tool_call_count = 1;
    msgs[4].role = LLM_ROLE_TOOL;
    msgs[4].tool_call_id = "call_1";
    msgs[4].content = "{\"temp_c\":12}";
    memset(&user_part, 0, sizeof user_part);
    user_part.text = "And the price of AAPL?";
    msgs[5].role = LLM_ROLE_USER;
    msgs[5].parts = &user_part;
    msgs[5].part_count = 1;
    memset(tools, 0, sizeof tools);
    tools[0].name = "get_weather";
    tools[0].description = "Current weather";
    tools[0].parameters = "{\"type\":\"object\"}";
    tools[1].name = "get_stock_price";
    rec_reset();
    client_init_at(&d, "openrouter", "http://[::1]:8080/api/v1", &t);
    memset(&req, 0, sizeof req);
    req.model = "openai/gpt-4o";
    req.messages = msgs;
    req.message_count = 6;
    req.tools = tools;
    req.tool_count = 2;
    req.has_frequency_penalty = true;
    req.frequency_penalty = 0.5;
    CHECK_EQ_INT(llm_call_begin(&d.call, &d.client, &req, 0, &http, &d.err), LLM_OK);
    llm_call_feed_status(&d.call, 200);
    llm_call_feed_body(&d.call, answer, len);
    CHECK_EQ_INT(llm_call_finish(&d.call, 0, &d.resp, &d.err), LLM_OK);
    llm_call_free(&d.call);
    if (CHECK_EQ_INT(R.span_count, 1)) {
        s = &R.spans[0];
        SPAN_STR(s, "gen_ai.provider.name", "openrouter");
        SPAN_STR(s, "server.address", "::1");
        SPAN_INT(s, "server.port", 8080);
        SPAN_DOUBLE(s, "gen_ai.request.frequency_penalty", 0.5);
        SPAN_JSON(s, "gen_ai.system_instructions",
                  "[{\"type\":\"text\",\"content\":\"Be brief.\"},{\"type\":\"text\",\"content\":\"Use metric units.\"},"
                  "{\"type\":\"text\",\"content\":\"Answer in English.\"}]");
        SPAN_JSON(s, "gen_ai.input.messages",
                  "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Edinburgh?\"}]},"
                  "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"get_weather\","
                  "\"arguments\":\"{\\\"city\\\":\\\"Edinburgh\\\"}\"}]},"
                  "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
                  "\"response\":\"{\\\"temp_c\\\":12}\"}]},"
                  "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"And the price of AAPL?\"}]}]");
        SPAN_JSON(s, "gen_ai.tool.definitions",
                  "[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Current weather\","
                  "\"parameters\":{\"type\":\"object\"}},{\"type\":\"function\",\"name\":\"get_stock_price\"}]");
        SPAN_JSON(s, "gen_ai.output.messages",
                  "[{\"role\":\"assistant\",\"parts\":["
                  "{\"type\":\"tool_call\",\"id\":\"call_fdNz3vOBKYgOIpMdWotB9MjY\",\"name\":\"GetWeatherArgs\","
                  "\"arguments\":\"{\\\"city\\\": \\\"Edinburgh\\\", \\\"country\\\": \\\"GB\\\", \\\"units\\\": \\\"c\\\"}\"},"
                  "{\"type\":\"tool_call\",\"id\":\"call_h1DWI1POMJLb0KwIyQHWXD4p\",\"name\":\"get_stock_price\","
                  "\"arguments\":\"{\\\"ticker\\\": \\\"AAPL\\\", \\\"exchange\\\": \\\"NASDAQ\\\"}\"}],"
                  "\"finish_reason\":\"tool_calls\"}]");
        SPAN_STR(s, "gen_ai.response.finish_reasons", "tool_calls");
    }
    llm_response_free(&d.resp);
    CHECK_EQ_INT(d.stats.live_bytes, 0);
    free(answer);
}

static const test_case cases[] = {
    TEST(routed_call_with_a_retry_and_a_fallback_is_one_span_tree),
    TEST(routed_request_that_fails_ends_with_its_error),
    TEST(stream_time_to_first_chunk_and_finish_reasons),
    TEST(stream_cut_early_finishes_with_error),
    TEST(anthropic_usage_counts_the_cache_in_the_input),
    TEST(content_only_when_asked_for),
    TEST(request_id_on_a_failure_after_the_headers),
    TEST(hooks_without_start_or_record_are_off),
    TEST(call_freed_unfinished_ends_its_span),
    TEST(blocking_complete_spans_each_exchange),
    TEST(content_of_a_tool_conversation_follows_the_schemas),
};

int main(int argc, char **argv) {
    (void)fx_call, (void)fx_script_fail; /* the fixture's, for the router's suites */
    return test_main(cases, TEST_COUNT(cases), argc, argv);
}
