/* llm_otlp.h fed through its hooks directly, its requests caught by the
   mock transport. Expected values come from the OTLP specification and the
   opentelemetry-proto definitions (ids as lowercase hex of 16 and 8 bytes,
   64-bit integers as decimal strings, SpanKind CLIENT = 3, INTERNAL = 1,
   StatusCode OK = 1, ERROR = 2, AggregationTemporality CUMULATIVE = 2, a
   histogram bucket i counting values in (bounds[i-1], bounds[i]]), the
   GenAI semantic conventions' recommended bucket boundaries, and the
   OTEL_EXPORTER_OTLP_HEADERS form of the OpenTelemetry environment
   variable specification ("key1=value1,key2=value2", values URL-decoded). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_OTLP_IMPLEMENTATION
#include "../../llm_otlp.h"
#include "../test.h"
#include "../attr.h"

#include <float.h>

/* ---- a fixed random source and clock ---- */

typedef struct fixed_random {
    const uint64_t *words;
    size_t count, next;
} fixed_random;

static uint64_t next_word(void *user) {
    fixed_random *r = (fixed_random *)user;
    return r->next < r->count ? r->words[r->next++] : 0x7777777777777777ULL;
}

static int64_t fixed_now(void *user) {
    int64_t *t = (int64_t *)user;
    *t += 1000; /* each reading one microsecond later */
    return *t;
}

/* ---- requests caught ---- */

#define MAX_CAUGHT 8
typedef struct caught {
    int count;
    char url[MAX_CAUGHT][256];
    char *body[MAX_CAUGHT];
    size_t body_len[MAX_CAUGHT];
    char headers[MAX_CAUGHT][512];
    size_t secret_header[MAX_CAUGHT];
} caught;

static void catch_request(void *user, const llm_http_request *req) {
    caught *c = (caught *)user;
    size_t i, used = 0;
    if (c->count >= MAX_CAUGHT) return;
    snprintf(c->url[c->count], sizeof c->url[0], "%s", req->url);
    c->body[c->count] = (char *)malloc(req->body_len + 1);
    memcpy(c->body[c->count], req->body, req->body_len);
    c->body[c->count][req->body_len] = '\0';
    c->body_len[c->count] = req->body_len;
    c->headers[c->count][0] = '\0';
    for (i = 0; i < req->header_count; i++)
        used += (size_t)snprintf(c->headers[c->count] + used, sizeof c->headers[0] - used, "%s: %s\n",
                                 req->headers[i].name, req->headers[i].value);
    c->secret_header[c->count] = req->secret_header;
    c->count++;
}

static void caught_free(caught *c) {
    int i;
    for (i = 0; i < c->count; i++) free(c->body[i]);
    memset(c, 0, sizeof *c);
}

static const llm_mock_exchange ok_answers[] = {
    {200, "Content-Type: application/json\n", "{}", 0, 0, LLM_OK},
    {200, "Content-Type: application/json\n", "{}", 0, 0, LLM_OK},
    {200, "Content-Type: application/json\n", "{}", 0, 0, LLM_OK},
    {200, "Content-Type: application/json\n", "{}", 0, 0, LLM_OK},
};

typedef struct fixture {
    llm_otlp x;
    llm_otlp_options o;
    llm_mock mock;
    caught got;
    fixed_random rnd;
    int64_t now;
    test_alloc_stats stats;
    llm_telemetry t;
} fixture;

static void fixture_options(fixture *f, const llm_mock_exchange *answers, size_t count, const uint64_t *words,
                            size_t word_count) {
    llm_allocator a = TEST_ALLOCATOR(&f->stats);
    memset(f, 0, sizeof *f);
    f->stats.live = 0;
    a.user = &f->stats;
    f->mock.exchanges = answers;
    f->mock.count = count;
    f->mock.on_request = catch_request;
    f->mock.user = &f->got;
    f->rnd.words = words;
    f->rnd.count = word_count;
    f->now = 1700000000000000000LL;
    f->o.endpoint = "http://127.0.0.1:4318/";
    f->o.service_name = "test-service";
    f->o.transport = llm_mock_transport(&f->mock);
    f->o.random = next_word;
    f->o.random_user = &f->rnd;
    f->o.wall_clock_ns = fixed_now;
    f->o.clock_user = &f->now;
    f->o.alloc = a;
}

static bool fixture_init(fixture *f) {
    llm_error err;
    llm_result r = llm_otlp_init(&f->x, &f->o, &err);
    if (r != LLM_OK) {
        printf("    llm_otlp_init: %s\n", err.message);
        return false;
    }
    f->t = llm_otlp_telemetry(&f->x);
    return true;
}

/* llm_otlp_init on options it must refuse: its result (an init that
   succeeds all the same is freed, so that the failed check is all it costs). */
static llm_result init_refused(llm_otlp *x, const llm_otlp_options *o, llm_error *err) {
    llm_result r = llm_otlp_init(x, o, err);
    if (r == LLM_OK) llm_otlp_free(x);
    return r;
}

static void fixture_free(fixture *f) {
    llm_otlp_free(&f->x);
    caught_free(&f->got);
    CHECK_EQ_INT(f->stats.live, 0);
    CHECK_EQ_INT(f->stats.bad_sizes, 0);
}

static const char *str_at(const llm_json *v, const char *key) {
    const char *s = llm_json_string(llm_json_get(v, key), NULL);
    return s ? s : "(missing)";
}

/* attributes[] of an OTLP object: the value object of `key`, or NULL */
static const llm_json *attr_value(const llm_json *obj, const char *key) {
    const llm_json *list = llm_json_get(obj, "attributes");
    size_t i;
    for (i = 0; llm_json_at(list, i); i++)
        if (strcmp(str_at(llm_json_at(list, i), "key"), key) == 0) return llm_json_get(llm_json_at(list, i), "value");
    return NULL;
}

static size_t count_of(const llm_json *array) {
    size_t n = 0;
    while (llm_json_at(array, n)) n++;
    return n;
}

/* the spans of caught request i */
static const llm_json *spans_of(llm_json_doc *doc, const caught *c, int i) {
    const llm_json *rs;
    memset(doc, 0, sizeof *doc);
    if (llm_json_parse(doc, c->body[i], c->body_len[i], NULL) != LLM_OK) return NULL;
    rs = llm_json_at(llm_json_get(llm_json_root(doc), "resourceSpans"), 0);
    return llm_json_get(llm_json_at(llm_json_get(rs, "scopeSpans"), 0), "spans");
}

/* ---- spans ---- */

static void span_ids_come_from_the_random_source_and_a_child_inherits_the_trace(void) {
    static const uint64_t words[] = {0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL, 0xa1a2a3a4a5a6a7a8ULL,
                                     0xb1b2b3b4b5b6b7b8ULL};
    fixture f;
    llm_attr a[2];
    void *parent, *child;
    llm_json_doc doc;
    const llm_json *spans, *p, *c;
    llm_error err;
    fixture_options(&f, ok_answers, 4, words, 4);
    if (!fixture_init(&f)) { CHECK(0); return; }
    a[0] = attr_str("gen_ai.operation.name", "chat");
    a[1] = attr_int("server.port", 443);
    parent = f.t.span_start(f.t.user, NULL, "chat gpt-4o", LLM_SPAN_CLIENT, a, 2);
    child = f.t.span_start(f.t.user, parent, "chat gpt-4o", LLM_SPAN_INTERNAL, NULL, 0);
    CHECK(parent != NULL && child != NULL);
    f.t.span_end(f.t.user, child, LLM_SPAN_ERROR, "HTTP 503");
    f.t.span_end(f.t.user, parent, LLM_SPAN_OK, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    CHECK_EQ_INT(f.got.count, 1); /* no measurements: no metrics request */
    CHECK_EQ_STR(f.got.url[0], "http://127.0.0.1:4318/v1/traces");
    CHECK(strstr(f.got.headers[0], "Content-Type: application/json\n") != NULL);
    spans = spans_of(&doc, &f.got, 0);
    CHECK_EQ_INT(count_of(spans), 2);
    c = llm_json_at(spans, 0); /* ended first */
    p = llm_json_at(spans, 1);
    CHECK_EQ_STR(str_at(p, "traceId"), "0102030405060708090a0b0c0d0e0f10");
    CHECK_EQ_STR(str_at(p, "spanId"), "a1a2a3a4a5a6a7a8");
    CHECK(llm_json_get(p, "parentSpanId") == NULL);
    CHECK_EQ_STR(str_at(c, "traceId"), "0102030405060708090a0b0c0d0e0f10");
    CHECK_EQ_STR(str_at(c, "spanId"), "b1b2b3b4b5b6b7b8");
    CHECK_EQ_STR(str_at(c, "parentSpanId"), "a1a2a3a4a5a6a7a8");
    CHECK_EQ_INT(llm_json_int(llm_json_get(p, "kind"), -1), 3);
    CHECK_EQ_INT(llm_json_int(llm_json_get(c, "kind"), -1), 1);
    /* the clock is read at each start and end: parent start, child start, child end, parent end */
    CHECK_EQ_STR(str_at(p, "startTimeUnixNano"), "1700000000000001000");
    CHECK_EQ_STR(str_at(c, "startTimeUnixNano"), "1700000000000002000");
    CHECK_EQ_STR(str_at(c, "endTimeUnixNano"), "1700000000000003000");
    CHECK_EQ_STR(str_at(p, "endTimeUnixNano"), "1700000000000004000");
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(p, "status"), "code"), -1), 1);
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(c, "status"), "code"), -1), 2);
    CHECK_EQ_STR(str_at(llm_json_get(c, "status"), "message"), "HTTP 503");
    CHECK_EQ_STR(str_at(attr_value(p, "gen_ai.operation.name"), "stringValue"), "chat");
    CHECK_EQ_STR(str_at(attr_value(p, "server.port"), "intValue"), "443");
    llm_json_doc_free(&doc);
    fixture_free(&f);
}

static void attribute_kinds_follow_the_json_mapping_and_a_key_set_again_is_replaced(void) {
    static const char *const reasons[] = {"stop", "length"};
    fixture f;
    llm_attr a[5];
    void *s;
    llm_json_doc doc;
    const llm_json *sp, *v;
    llm_error err;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    if (!fixture_init(&f)) { CHECK(0); return; }
    s = f.t.span_start(f.t.user, NULL, "chat m", LLM_SPAN_CLIENT, NULL, 0);
    a[0] = attr_str("gen_ai.response.model", "old");
    a[1] = attr_int("gen_ai.usage.input_tokens", -9007199254740993LL); /* beyond a double's exact integers */
    a[2] = attr_double("gen_ai.request.temperature", 0.25);
    a[3] = attr_bool("gen_ai.request.stream", true);
    a[4] = attr_strs("gen_ai.response.finish_reasons", reasons, 2);
    f.t.span_set(f.t.user, s, a, 5);
    a[0] = attr_str("gen_ai.response.model", "gpt-4o-2024-08-06");
    f.t.span_set(f.t.user, s, a, 1);
    f.t.span_event(f.t.user, s, "gen_ai.choice", a, 1);
    f.t.span_end(f.t.user, s, LLM_SPAN_UNSET, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    sp = llm_json_at(spans_of(&doc, &f.got, 0), 0);
    CHECK_EQ_INT(count_of(llm_json_get(sp, "attributes")), 5);
    CHECK_EQ_STR(str_at(attr_value(sp, "gen_ai.response.model"), "stringValue"), "gpt-4o-2024-08-06");
    CHECK_EQ_STR(str_at(attr_value(sp, "gen_ai.usage.input_tokens"), "intValue"), "-9007199254740993");
    CHECK(llm_json_number(llm_json_get(attr_value(sp, "gen_ai.request.temperature"), "doubleValue"), 0) == 0.25);
    CHECK(llm_json_bool(llm_json_get(attr_value(sp, "gen_ai.request.stream"), "boolValue"), false));
    v = llm_json_get(llm_json_get(attr_value(sp, "gen_ai.response.finish_reasons"), "arrayValue"), "values");
    CHECK_EQ_INT(count_of(v), 2);
    CHECK_EQ_STR(str_at(llm_json_at(v, 1), "stringValue"), "length");
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(sp, "status"), "code"), -1), 0);
    v = llm_json_at(llm_json_get(sp, "events"), 0);
    CHECK_EQ_STR(str_at(v, "name"), "gen_ai.choice");
    CHECK(llm_json_is(llm_json_get(v, "timeUnixNano"), LLM_JSON_STRING));
    CHECK_EQ_STR(str_at(attr_value(v, "gen_ai.response.model"), "stringValue"), "gpt-4o-2024-08-06");
    llm_json_doc_free(&doc);
    fixture_free(&f);
}

static void strings_are_cut_at_a_character_and_invalid_utf8_is_replaced(void) {
    fixture f;
    llm_attr a[2];
    void *s;
    llm_json_doc doc;
    const llm_json *sp;
    llm_error err;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.max_value_bytes = 3;
    if (!fixture_init(&f)) { CHECK(0); return; }
    a[0] = attr_str("cut", "ab\xc3\xa9z");       /* "abé" + z: 5 bytes, a cut at 3 falls inside the é */
    a[1] = attr_str("bad", "a\xff");
    s = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, a, 2);
    f.t.span_end(f.t.user, s, LLM_SPAN_OK, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    sp = llm_json_at(spans_of(&doc, &f.got, 0), 0);
    CHECK_EQ_STR(str_at(attr_value(sp, "cut"), "stringValue"), "ab");
    CHECK_EQ_STR(str_at(attr_value(sp, "bad"), "stringValue"), "a\xef\xbf\xbd");
    llm_json_doc_free(&doc);
    fixture_free(&f);
}

/* ---- histograms ---- */

static void measurements_are_aggregated_per_name_and_attribute_set_into_the_genai_buckets(void) {
    static const double token_bounds[] = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
                                          16777216, 67108864};
    fixture f;
    llm_attr in[2], in_swapped[2], out[2];
    llm_json_doc doc;
    const llm_json *metrics, *m, *pts, *pt, *bounds, *counts;
    llm_error err;
    size_t i;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    if (!fixture_init(&f)) { CHECK(0); return; }
    in[0] = attr_str("gen_ai.operation.name", "chat");
    in[1] = attr_str("gen_ai.token.type", "input");
    in_swapped[0] = in[1];
    in_swapped[1] = in[0];
    out[0] = in[0];
    out[1] = attr_str("gen_ai.token.type", "output");
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 1, in, 2);          /* (-inf, 1] */
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 5, in_swapped, 2);  /* (4, 16] */
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 1e9, in, 2);        /* (67108864, +inf) */
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 16, out, 2);        /* (4, 16] */
    f.t.record(f.t.user, "gen_ai.client.operation.duration", "s", 0.5, in, 1);       /* (0.32, 0.64] */
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    CHECK_EQ_INT(f.got.count, 1); /* no spans: no traces request */
    CHECK_EQ_STR(f.got.url[0], "http://127.0.0.1:4318/v1/metrics");
    memset(&doc, 0, sizeof doc);
    CHECK(llm_json_parse(&doc, f.got.body[0], f.got.body_len[0], NULL) == LLM_OK);
    metrics = llm_json_get(llm_json_at(llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "resourceMetrics"),
                                                                 0), "scopeMetrics"), 0), "metrics");
    CHECK_EQ_INT(count_of(metrics), 2);
    m = llm_json_at(metrics, 0);
    CHECK_EQ_STR(str_at(m, "name"), "gen_ai.client.token.usage");
    CHECK_EQ_STR(str_at(m, "unit"), "{token}");
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(m, "histogram"), "aggregationTemporality"), -1), 2);
    pts = llm_json_get(llm_json_get(m, "histogram"), "dataPoints");
    CHECK_EQ_INT(count_of(pts), 2); /* input (three measurements in two attribute orders) and output */
    pt = llm_json_at(pts, 0);
    CHECK_EQ_STR(str_at(pt, "count"), "3");
    CHECK(llm_json_number(llm_json_get(pt, "sum"), 0) == 1000000006.0);
    CHECK(llm_json_number(llm_json_get(pt, "min"), 0) == 1.0);
    CHECK(llm_json_number(llm_json_get(pt, "max"), 0) == 1e9);
    bounds = llm_json_get(pt, "explicitBounds");
    counts = llm_json_get(pt, "bucketCounts");
    CHECK_EQ_INT(count_of(bounds), 14);
    CHECK_EQ_INT(count_of(counts), 15);
    for (i = 0; i < 14; i++) CHECK(llm_json_number(llm_json_at(bounds, i), -1) == token_bounds[i]);
    CHECK_EQ_STR(llm_json_string(llm_json_at(counts, 0), NULL), "1");
    CHECK_EQ_STR(llm_json_string(llm_json_at(counts, 2), NULL), "1");
    CHECK_EQ_STR(llm_json_string(llm_json_at(counts, 14), NULL), "1");
    CHECK_EQ_STR(llm_json_string(llm_json_at(counts, 1), NULL), "0");
    CHECK_EQ_STR(str_at(attr_value(pt, "gen_ai.token.type"), "stringValue"), "input");
    pt = llm_json_at(pts, 1);
    CHECK_EQ_STR(llm_json_string(llm_json_at(llm_json_get(pt, "bucketCounts"), 2), NULL), "1");
    m = llm_json_at(metrics, 1);
    CHECK_EQ_STR(str_at(m, "name"), "gen_ai.client.operation.duration");
    pt = llm_json_at(llm_json_get(llm_json_get(m, "histogram"), "dataPoints"), 0);
    CHECK(llm_json_number(llm_json_at(llm_json_get(pt, "explicitBounds"), 0), -1) == (double)0.01);
    CHECK(llm_json_number(llm_json_at(llm_json_get(pt, "explicitBounds"), 13), -1) == (double)81.92);
    CHECK_EQ_STR(llm_json_string(llm_json_at(llm_json_get(pt, "bucketCounts"), 6), NULL), "1");
    llm_json_doc_free(&doc);
    fixture_free(&f);
}

/* ---- OTEL_EXPORTER_OTLP_HEADERS ---- */

static void headers_are_read_in_the_otel_environment_form(void) {
    llm_otlp_headers h;
    llm_error err;
    CHECK_EQ_INT(llm_otlp_headers_parse(" api-key = secret ,tenant=a%20b%2Cc,,", NULL, &h, &err), LLM_OK);
    CHECK_EQ_INT(h.count, 2);
    if (h.count == 2) {
        CHECK_EQ_STR(h.pairs[0].name, "api-key");
        CHECK_EQ_STR(h.pairs[0].value, "secret");
        CHECK_EQ_STR(h.pairs[1].name, "tenant");
        CHECK_EQ_STR(h.pairs[1].value, "a b,c");
    }
    llm_otlp_headers_free(&h);
    CHECK_EQ_INT(llm_otlp_headers_parse("", NULL, &h, &err), LLM_OK);
    CHECK_EQ_INT(h.count, 0);
    CHECK_EQ_INT(llm_otlp_headers_parse(NULL, NULL, &h, &err), LLM_OK);
    CHECK_EQ_INT(h.count, 0);
}

static void bad_headers_are_refused_naming_the_member_never_the_value(void) {
    static const char *const bad[] = {"k=v,novalue", "bad key=v", "k=%zz", "k=a%0Ab", "=v", "k=%4", "k\x01=v"};
    llm_otlp_headers h;
    llm_error err;
    fixture f;
    size_t i;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_EQ_INT(llm_otlp_headers_parse(bad[i], NULL, &h, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK(h.pairs == NULL && h.count == 0);
        CHECK(strstr(err.message, "member") != NULL);
    }
    CHECK_EQ_INT(llm_otlp_headers_parse("a=1,k=secret%zz", NULL, &h, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "member 2") != NULL && strstr(err.message, "secret") == NULL);
    /* through init too, nothing leaked */
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.headers = "Authorization=Bearer%20x,broken";
    CHECK_EQ_INT(init_refused(&f.x, &f.o, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(f.stats.live, 0);
}

static void extra_headers_are_sent_and_the_key_header_is_marked_secret(void) {
    fixture f;
    void *s;
    llm_error err;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.headers = "x-tenant=t1,Authorization=Bearer%20abc";
    f.o.endpoint = NULL;
    f.o.traces_url = "https://collector.example/otlp/v1/traces";
    f.o.metrics_url = "https://collector.example/otlp/v1/metrics";
    if (!fixture_init(&f)) { CHECK(0); return; }
    s = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, NULL, 0);
    f.t.span_end(f.t.user, s, LLM_SPAN_OK, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    CHECK_EQ_STR(f.got.url[0], "https://collector.example/otlp/v1/traces");
    CHECK_EQ_STR(f.got.headers[0], "Content-Type: application/json\nx-tenant: t1\nAuthorization: Bearer abc\n");
    CHECK_EQ_INT(f.got.secret_header[0], 3);
    fixture_free(&f);
}

/* ---- bounds and faults ---- */

static void a_full_ring_drops_and_counts_the_spans_it_cannot_keep(void) {
    fixture f;
    llm_otlp_stats st;
    llm_error err;
    void *s[4];
    int i;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.max_spans = 2;
    f.o.max_open_spans = 3;
    if (!fixture_init(&f)) { CHECK(0); return; }
    for (i = 0; i < 4; i++) s[i] = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, NULL, 0);
    CHECK(s[3] == NULL); /* a fourth open span is over max_open_spans */
    f.t.span_set(f.t.user, s[3], NULL, 0); /* a dropped span's handle is harmless */
    f.t.span_event(f.t.user, s[3], "e", NULL, 0);
    f.t.span_end(f.t.user, s[3], LLM_SPAN_OK, NULL);
    for (i = 0; i < 3; i++) f.t.span_end(f.t.user, s[i], LLM_SPAN_OK, NULL);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.spans_started, 3);
    CHECK_EQ_INT(st.spans_ended, 2);
    CHECK_EQ_INT(st.spans_dropped, 2); /* the fourth start and the third end */
    CHECK_EQ_INT(st.spans_pending, 2);
    CHECK_EQ_INT(st.open_spans, 0);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.spans_exported, 2);
    CHECK_EQ_INT(st.spans_pending, 0);
    /* room again after the flush */
    s[0] = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, NULL, 0);
    f.t.span_end(f.t.user, s[0], LLM_SPAN_OK, NULL);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.spans_pending, 1);
    fixture_free(&f);
}

static void a_full_series_set_and_non_finite_values_are_dropped_and_counted(void) {
    fixture f;
    llm_otlp_stats st;
    llm_attr a[1];
    double zero = 0.0;
    llm_json_doc doc;
    const llm_json *pt;
    llm_error err;
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.max_series = 1;
    if (!fixture_init(&f)) { CHECK(0); return; }
    a[0] = attr_str("gen_ai.token.type", "input");
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 3, a, 1);
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 4, a, 1);
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", DBL_MAX, a, 1); /* the largest finite: kept */
    a[0] = attr_str("gen_ai.token.type", "output");
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 5, a, 1);
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", zero / zero, a, 0);
    f.t.record(f.t.user, NULL, NULL, 1.0 / zero, NULL, 0);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.measurements, 3);
    CHECK_EQ_INT(st.measurements_dropped, 3);
    CHECK_EQ_INT(st.series, 1);
    /* DBL_MAX goes out as a number, not "Infinity" (under x87 a rounded
       decimal bound took it for one) */
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    memset(&doc, 0, sizeof doc);
    if (CHECK(f.got.count == 1 && llm_json_parse(&doc, f.got.body[0], f.got.body_len[0], NULL) == LLM_OK)) {
        pt = llm_json_at(llm_json_get(llm_json_get(llm_json_at(llm_json_get(llm_json_at(llm_json_get(
                 llm_json_at(llm_json_get(llm_json_root(&doc), "resourceMetrics"), 0), "scopeMetrics"), 0),
                 "metrics"), 0), "histogram"), "dataPoints"), 0);
        CHECK(llm_json_is(llm_json_get(pt, "max"), LLM_JSON_NUMBER));
        CHECK(llm_json_number(llm_json_get(pt, "max"), 0) == DBL_MAX);
        CHECK(llm_json_is(llm_json_get(pt, "sum"), LLM_JSON_NUMBER));
    }
    llm_json_doc_free(&doc);
    fixture_free(&f);
}

static void a_collector_that_is_down_or_refuses_costs_the_batch_and_is_counted(void) {
    static const llm_mock_exchange answers[] = {
        {0, NULL, "", 0, 0, LLM_ERR_TRANSPORT},                          /* traces: connection refused */
        {0, NULL, "", 0, 0, LLM_ERR_TIMEOUT},                            /* metrics: timed out */
        {503, "Content-Type: text/plain\n", "unavailable", 0, 0, LLM_OK}, /* traces again: refused */
        {200, NULL, "{}", 0, 0, LLM_OK},                                 /* metrics again: accepted */
    };
    fixture f;
    llm_otlp_stats st;
    llm_error err;
    llm_attr a[1];
    void *s;
    fixture_options(&f, answers, 4, NULL, 0);
    if (!fixture_init(&f)) { CHECK(0); return; }
    a[0] = attr_str("gen_ai.token.type", "input");
    s = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, NULL, 0);
    f.t.span_end(f.t.user, s, LLM_SPAN_OK, NULL);
    f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 3, a, 1);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_ERR_TRANSPORT);
    CHECK(strstr(err.message, "http://127.0.0.1:4318/v1/traces") != NULL);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.exports, 2);
    CHECK_EQ_INT(st.exports_failed, 2);
    CHECK_EQ_INT(st.spans_export_failed, 1);
    CHECK_EQ_INT(st.spans_pending, 0); /* dropped, not kept for a retry */
    CHECK_EQ_INT(st.series, 1);        /* histograms stay: cumulative */
    s = f.t.span_start(f.t.user, NULL, "n", LLM_SPAN_CLIENT, NULL, 0);
    f.t.span_end(f.t.user, s, LLM_SPAN_OK, NULL);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_ERR_HTTP);
    CHECK_EQ_INT(err.http_status, 503);
    llm_otlp_get_stats(&f.x, &st);
    CHECK_EQ_INT(st.exports, 4);
    CHECK_EQ_INT(st.exports_failed, 3);
    CHECK_EQ_INT(st.spans_export_failed, 2);
    CHECK_EQ_INT(st.last_status, 200);
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_ERR_TRANSPORT); /* no answer left: the metrics again */
    fixture_free(&f);
}

static void nulls_and_bad_options_are_refused_or_harmless(void) {
    fixture f;
    llm_otlp x;
    llm_error err;
    llm_otlp_stats st;
    CHECK_EQ_INT(llm_otlp_init(NULL, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_otlp_flush(NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_otlp_get_stats(NULL, &st);
    CHECK_EQ_INT(st.spans_started, 0);
    llm_otlp_free(NULL);
    fixture_options(&f, ok_answers, 4, NULL, 0);
    f.o.endpoint = NULL;
    CHECK_EQ_INT(init_refused(&x, &f.o, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "endpoint") != NULL);
    f.o.endpoint = "ftp://x";
    CHECK_EQ_INT(init_refused(&x, &f.o, &err), LLM_ERR_INVALID_ARGUMENT);
    f.o.endpoint = "http://a b";
    CHECK_EQ_INT(init_refused(&x, &f.o, &err), LLM_ERR_INVALID_ARGUMENT);
    f.o.endpoint = "http://127.0.0.1:4318";
    f.o.transport.send = NULL;
    CHECK_EQ_INT(init_refused(&x, &f.o, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "transport") != NULL);
    CHECK_EQ_INT(f.stats.live, 0);
    fixture_options(&f, ok_answers, 4, NULL, 0);
    if (!fixture_init(&f)) { CHECK(0); return; }
    f.t.span_set(f.t.user, NULL, NULL, 3);
    f.t.span_event(f.t.user, NULL, NULL, NULL, 0);
    f.t.span_end(f.t.user, NULL, LLM_SPAN_ERROR, NULL);
    {
        void *s = f.t.span_start(f.t.user, NULL, NULL, LLM_SPAN_CLIENT, NULL, 5);
        llm_attr nokey;
        memset(&nokey, 0, sizeof nokey);
        f.t.span_set(f.t.user, s, &nokey, 1);          /* no key: dropped, counted in the span */
        f.t.span_event(f.t.user, s, NULL, NULL, 0);
        f.t.span_end(f.t.user, s, LLM_SPAN_ERROR, NULL);
    }
    CHECK_EQ_INT(llm_otlp_flush(&f.x, &err), LLM_OK);
    CHECK(strstr(f.got.body[0], "\"droppedAttributesCount\":1") != NULL);
    /* a span left open is freed with the exporter */
    (void)f.t.span_start(f.t.user, NULL, "open", LLM_SPAN_CLIENT, NULL, 0);
    fixture_free(&f);
}

/* Every allocation failing in turn: nothing leaks, nothing crashes, the
   exporter keeps working or reports the drop. */
static void out_of_memory_at_any_allocation_is_survived(void) {
    static const char *const reasons[] = {"stop"};
    long n;
    for (n = 1; n < 400; n++) {
        fixture f;
        llm_error err;
        llm_attr a[3];
        void *p, *c;
        fixture_options(&f, ok_answers, 4, NULL, 0);
        f.o.headers = "k=v";
        f.stats.fail_at = n;
        if (llm_otlp_init(&f.x, &f.o, &err) != LLM_OK) {
            CHECK_EQ_INT(f.stats.live, 0);
            continue;
        }
        f.t = llm_otlp_telemetry(&f.x);
        a[0] = attr_str("gen_ai.operation.name", "chat");
        a[1] = attr_int("server.port", 443);
        a[2] = attr_strs("gen_ai.response.finish_reasons", reasons, 1);
        p = f.t.span_start(f.t.user, NULL, "chat m", LLM_SPAN_CLIENT, a, 2);
        c = f.t.span_start(f.t.user, p, "chat m", LLM_SPAN_CLIENT, a, 3);
        f.t.span_event(f.t.user, c, "e", a, 1);
        f.t.span_end(f.t.user, c, LLM_SPAN_ERROR, "x");
        f.t.span_end(f.t.user, p, LLM_SPAN_OK, NULL);
        f.t.record(f.t.user, "gen_ai.client.token.usage", "{token}", 3, a, 2);
        (void)llm_otlp_flush(&f.x, &err);
        fixture_free(&f);
    }
}

static const test_case cases[] = {
    TEST(span_ids_come_from_the_random_source_and_a_child_inherits_the_trace),
    TEST(attribute_kinds_follow_the_json_mapping_and_a_key_set_again_is_replaced),
    TEST(strings_are_cut_at_a_character_and_invalid_utf8_is_replaced),
    TEST(measurements_are_aggregated_per_name_and_attribute_set_into_the_genai_buckets),
    TEST(headers_are_read_in_the_otel_environment_form),
    TEST(bad_headers_are_refused_naming_the_member_never_the_value),
    TEST(extra_headers_are_sent_and_the_key_header_is_marked_secret),
    TEST(a_full_ring_drops_and_counts_the_spans_it_cannot_keep),
    TEST(a_full_series_set_and_non_finite_values_are_dropped_and_counted),
    TEST(a_collector_that_is_down_or_refuses_costs_the_batch_and_is_counted),
    TEST(nulls_and_bad_options_are_refused_or_harmless),
    TEST(out_of_memory_at_any_allocation_is_survived),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
