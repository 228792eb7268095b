/* Unit tests of the JSON reader and writer (white-box: llm__ functions are
   reachable). Expected values are written by hand from RFC 8259. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

static llm_result parse(llm_json_doc *doc, const char *text, llm_error *err) {
    return llm_json_parse(doc, text, strlen(text), err);
}

static void json_reads_a_chat_completion(void) {
    const char *text =
        "{\"id\":\"chatcmpl-1\",\"created\":1727346142,\"choices\":[{\"index\":0,"
        "\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\",\"refusal\":null},"
        "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,\"total_tokens\":51}}";
    llm_json_doc doc;
    const llm_json *root, *choice;
    memset(&doc, 0, sizeof doc);
    CHECK_EQ_INT(parse(&doc, text, NULL), LLM_OK);
    root = llm_json_root(&doc);
    CHECK(llm_json_is(root, LLM_JSON_OBJECT));
    CHECK_EQ_INT(llm_json_count(root), 4);
    CHECK_EQ_STR(llm_json_string(llm_json_get(root, "id"), NULL), "chatcmpl-1");
    CHECK_EQ_INT(llm_json_int(llm_json_get(root, "created"), -1), 1727346142);
    choice = llm_json_at(llm_json_get(root, "choices"), 0);
    CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_get(choice, "message"), "content"), NULL), "Hi!");
    CHECK(llm_json_is(llm_json_get(llm_json_get(choice, "message"), "refusal"), LLM_JSON_NULL));
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(root, "usage"), "total_tokens"), -1), 51);
    CHECK(llm_json_get(root, "missing") == NULL);
    CHECK(llm_json_at(llm_json_get(root, "choices"), 1) == NULL);
    CHECK(llm_json_get(llm_json_get(root, "missing"), "deeper") == NULL);
    CHECK_EQ_INT(llm_json_int(NULL, 7), 7);
    llm_json_doc_free(&doc);
}

static void json_iterates_in_document_order(void) {
    llm_json_doc doc;
    const llm_json *root, *k;
    const char *keys[3] = {"a", "b", "c"};
    int i = 0;
    memset(&doc, 0, sizeof doc);
    CHECK_EQ_INT(parse(&doc, "{\"a\":[1,[2,3],{\"x\":4}],\"b\":{},\"c\":\"z\"}", NULL), LLM_OK);
    root = llm_json_root(&doc);
    for (k = llm_json_first(root); k; k = llm_json_next(root, k), i++) {
        CHECK(i < 3 && strcmp(llm_json_string(k, NULL), keys[i]) == 0);
    }
    CHECK_EQ_INT(i, 3);
    CHECK_EQ_INT(llm_json_count(llm_json_get(root, "a")), 3);
    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_at(llm_json_get(root, "a"), 2), "x"), 0), 4);
    CHECK_EQ_INT(llm_json_int(llm_json_at(llm_json_at(llm_json_get(root, "a"), 1), 1), 0), 3);
    CHECK(llm_json_first(llm_json_get(root, "b")) == NULL);
    CHECK_EQ_STR(llm_json_string(llm_json_get(root, "c"), NULL), "z");
    llm_json_doc_free(&doc);
}

static void json_decodes_escapes_and_surrogates(void) {
    llm_json_doc doc;
    size_t len;
    const char *s;
    memset(&doc, 0, sizeof doc);
    CHECK_EQ_INT(parse(&doc, "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\\u0000z\"", NULL), LLM_OK);
    s = llm_json_string(llm_json_root(&doc), &len);
    /* a " b \ c / d BS FF LF CR TAB é(C3 A9) €(E2 82 AC) 😀(F0 9F 98 80) NUL z: 23 bytes */
    CHECK_EQ_INT(len, 23);
    CHECK(s && memcmp(s, "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\0z", 23) == 0);
    CHECK(s && s[23] == '\0');
    llm_json_doc_free(&doc);
}

static void json_rejects_with_offsets(void) {
    static const struct { const char *text; size_t offset; } cases[] = {
        {"", 0}, {"[1,]", 3}, {"{\"a\" 1}", 5}, {"[1 2]", 3}, {"\"abc", 4}, {"01", 1},
        {"[\"\\ud800\"]", 2}, {"[\"\\udc00\"]", 2}, {"\"\t\"", 1}, {"tru", 0}, {"1.", 2},
        {"1e", 2}, {"-", 1}, {"{} x", 3}, {"[\"\\x\"]", 2}, {"{,}", 1}, {"\xEF\xBB\xBF{}", 0},
        {"\"\xC0\xAF\"", 1}, {"\"\xED\xA0\x80\"", 1}, {"\"\xF4\x90\x80\x80\"", 1}, {"[1e400]", 1},
        {"{\"a\":1,}", 7}, {"nul", 0}, {"[-01]", 3},
    };
    size_t i;
    llm_json_doc doc;
    llm_error err;
    memset(&doc, 0, sizeof doc);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        llm_result r = parse(&doc, cases[i].text, &err);
        if (!CHECK_EQ_INT(r, LLM_ERR_PARSE) || !CHECK_EQ_INT(err.offset, cases[i].offset))
            fprintf(stderr, "  input: %s\n", cases[i].text);
        CHECK(err.code == LLM_ERR_PARSE && err.message[0] != '\0');
        CHECK(llm_json_root(&doc) == NULL);
    }
    /* a NUL byte is data, and invalid outside a string's escapes */
    CHECK_EQ_INT(llm_json_parse(&doc, "[1]\0", 4, &err), LLM_ERR_PARSE);
    CHECK_EQ_INT(err.offset, 3);
    CHECK_EQ_INT(llm_json_parse(&doc, "\"a\0b\"", 5, &err), LLM_ERR_PARSE);
    CHECK_EQ_INT(err.offset, 2);
    llm_json_doc_free(&doc);
}

static void json_limits_depth(void) {
    char text[2 * 40 + 1];
    llm_json_doc doc;
    llm_error err;
    int i;
    for (i = 0; i < 40; i++) { text[i] = '['; text[40 + i] = ']'; }
    text[80] = '\0';
    memset(&doc, 0, sizeof doc);
    doc.max_depth = 40;
    CHECK_EQ_INT(parse(&doc, text, &err), LLM_OK);
    doc.max_depth = 39;
    CHECK_EQ_INT(parse(&doc, text, &err), LLM_ERR_LIMIT_EXCEEDED);
    CHECK_EQ_INT(err.offset, 39);
    llm_json_doc_free(&doc);
}

static void json_numbers_keep_integers_exact(void) {
    llm_json_doc doc;
    const llm_json *a;
    memset(&doc, 0, sizeof doc);
    CHECK_EQ_INT(parse(&doc, "[9223372036854775807,-9223372036854775808,9223372036854775808,1e3,2.5,-0,0.1]", NULL), LLM_OK);
    a = llm_json_root(&doc);
    CHECK(llm_json_int(llm_json_at(a, 0), 0) == INT64_MAX);
    CHECK(llm_json_int(llm_json_at(a, 1), 0) == INT64_MIN);
    CHECK(llm_json_int(llm_json_at(a, 2), 42) == 42); /* 2^63 is out of int64 range */
    CHECK(llm_json_number(llm_json_at(a, 2), 0) == 9223372036854775808.0);
    CHECK_EQ_INT(llm_json_int(llm_json_at(a, 3), 0), 1000);
    CHECK(llm_json_number(llm_json_at(a, 4), 0) == 2.5);
    CHECK(llm_json_int(llm_json_at(a, 4), 9) == 9);
    CHECK(llm_json_number(llm_json_at(a, 6), 0) == 0.1);
    llm_json_doc_free(&doc);
}

static void json_reused_document_allocates_nothing(void) {
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_json_doc doc;
    long before;
    int i;
    memset(&stats, 0, sizeof stats);
    memset(&doc, 0, sizeof doc);
    doc.alloc = alloc;
    CHECK_EQ_INT(parse(&doc, "{\"a\":[1,2,3,\"xyz\"],\"b\":{\"c\":null}}", NULL), LLM_OK);
    before = stats.total;
    for (i = 0; i < 100; i++) CHECK_EQ_INT(parse(&doc, "{\"a\":[1,2,3,\"xyz\"],\"b\":{\"c\":null}}", NULL), LLM_OK);
    CHECK_EQ_INT(stats.total, before);
    llm_json_doc_free(&doc);
    CHECK_EQ_INT(stats.live, 0);
    CHECK_EQ_INT(stats.bad_sizes, 0);
}

/* Parses `text` (writer 0) or writes it raw (writer 1) with an allocator
   that fails allocation number fail_at (0: none); returns the result and
   checks that nothing is left allocated. *total gets the allocations made. */
static llm_result json_with_failure(const char *text, int writer, long fail_at, long *total) {
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_json_doc doc;
    llm_json_writer w;
    llm_result r;
    memset(&stats, 0, sizeof stats);
    stats.fail_at = fail_at;
    memset(&doc, 0, sizeof doc);
    memset(&w, 0, sizeof w);
    doc.alloc = w.alloc = alloc;
    if (!writer) {
        r = parse(&doc, text, NULL);
    } else {
        llm_json_write_raw(&w, text, strlen(text));
        r = llm_json_writer_finish(&w, NULL, NULL);
    }
    llm_json_doc_free(&doc);
    llm_json_writer_free(&w);
    CHECK_EQ_INT(stats.live, 0);
    *total = stats.total;
    return r;
}

static void json_survives_every_failed_allocation(void) {
    const char *text = "[{\"k\":\"v\"},[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33]]";
    int writer;
    for (writer = 0; writer < 2; writer++) {
        long total, n, ignored;
        CHECK_EQ_INT(json_with_failure(text, writer, 0, &total), LLM_OK);
        CHECK(total >= 2);
        for (n = 1; n <= total; n++) /* each allocation that fails is reported */
            if (!CHECK_EQ_INT(json_with_failure(text, writer, n, &ignored), LLM_ERR_NO_MEMORY))
                fprintf(stderr, "  %s, allocation %ld of %ld\n", writer ? "writer" : "reader", n, total);
    }
}

static const char *finish(llm_json_writer *w) {
    const char *out = NULL;
    return llm_json_writer_finish(w, &out, NULL) == LLM_OK ? out : NULL;
}

static void json_writer_builds_text(void) {
    llm_json_writer w;
    memset(&w, 0, sizeof w);
    llm_json_write_object_begin(&w);
    llm_json_write_key(&w, "model");
    llm_json_write_string(&w, "gpt-4o");
    llm_json_write_key(&w, "messages");
    llm_json_write_array_begin(&w);
    llm_json_write_object_begin(&w);
    llm_json_write_key(&w, "content");
    llm_json_write_string(&w, "say \"hi\"\\\n\t\x01\x1f caf\xC3\xA9 </script>");
    llm_json_write_object_end(&w);
    llm_json_write_array_end(&w);
    llm_json_write_key(&w, "temperature");
    llm_json_write_number(&w, 0.7);
    llm_json_write_key(&w, "n");
    llm_json_write_int(&w, -9223372036854775807LL - 1);
    llm_json_write_key(&w, "stream");
    llm_json_write_bool(&w, false);
    llm_json_write_key(&w, "user");
    llm_json_write_null(&w);
    llm_json_write_key(&w, "extra");
    llm_json_write_raw(&w, " {\"a\": [1, 2]} ", 15);
    llm_json_write_object_end(&w);
    CHECK_EQ_STR(finish(&w),
                 "{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u001f caf\xC3\xA9 </script>\"}],"
                 "\"temperature\":0.7,\"n\":-9223372036854775808,\"stream\":false,\"user\":null,\"extra\": {\"a\": [1, 2]} }");
    llm_json_writer_free(&w);
}

static void json_writer_rejects_misuse(void) {
    llm_json_writer w;
    double zero = 0.0;
    memset(&w, 0, sizeof w);
    llm_json_write_string(&w, "bad \xC3 utf-8");
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_object_begin(&w);
    llm_json_write_string(&w, "value without a key");
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_array_begin(&w);
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT); /* unclosed */
    llm_json_writer_reset(&w);
    llm_json_write_number(&w, 1.0 / zero);
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_raw(&w, "{\"a\":}", 6);
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_int(&w, 1);
    llm_json_write_int(&w, 2);
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_array_begin(&w);
    llm_json_write_object_end(&w);
    CHECK_EQ_INT(llm_json_writer_finish(&w, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
    llm_json_writer_reset(&w);
    llm_json_write_stringn(&w, "nul\0inside", 10);
    CHECK_EQ_STR(finish(&w), "\"nul\\u0000inside\"");
    llm_json_writer_free(&w);
}

static void json_writer_prints_numbers_like_javascript(void) {
    /* expected strings are what String(x) prints in JavaScript */
    static const struct { double v; const char *text; } cases[] = {
        {0.1, "0.1"}, {0.7, "0.7"}, {1.0, "1"}, {-2.5, "-2.5"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"},
        {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {123.456, "123.456"}, {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"}, {0.30000000000000004, "0.30000000000000004"},
    };
    size_t i;
    llm_json_writer w;
    memset(&w, 0, sizeof w);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        llm_json_writer_reset(&w);
        llm_json_write_number(&w, cases[i].v);
        CHECK_EQ_STR(finish(&w), cases[i].text);
    }
    llm_json_writer_free(&w);
}

static void json_equal_compares_values(void) {
    static const struct { const char *a, *b; bool equal; } cases[] = {
        {"{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}", true},      /* member order does not matter */
        {"[1,2]", "[2,1]", false},                                   /* element order does */
        {"1", "1.0", true}, {"1e2", "100", true}, {"0.1", "0.10", true},
        {"9223372036854775807", "9223372036854775806", false},     /* int64 compared exactly */
        {"\"a\\u00e9\"", "\"a\u00e9\"", true},                        /* the same bytes, spelt two ways */
        {"{\"a\":1}", "{\"a\":1,\"b\":2}", false}, {"{\"a\":1}", "{\"b\":1}", false},
        {"{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}", true}, {"{\"a\":1,\"a\":2}", "{\"a\":2,\"a\":1}", false},
        {"null", "false", false}, {"true", "true", true}, {"\"x\"", "\"x \"", false},
    };
    size_t i;
    llm_json_doc a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        CHECK_EQ_INT(parse(&a, cases[i].a, NULL), LLM_OK);
        CHECK_EQ_INT(parse(&b, cases[i].b, NULL), LLM_OK);
        if (!CHECK(llm_json_equal(llm_json_root(&a), llm_json_root(&b)) == cases[i].equal))
            fprintf(stderr, "  %s vs %s\n", cases[i].a, cases[i].b);
    }
    CHECK(llm_json_equal(NULL, NULL) && !llm_json_equal(llm_json_root(&a), NULL));
    llm_json_doc_free(&a);
    llm_json_doc_free(&b);
}

static void results_have_names(void) {
    CHECK_EQ_STR(llm_result_str(LLM_OK), "LLM_OK");
    CHECK_EQ_STR(llm_result_str(LLM_ERR_RATE_LIMITED), "LLM_ERR_RATE_LIMITED");
    CHECK_EQ_STR(llm_result_str((llm_result)-77), "LLM_ERR_UNKNOWN");
    CHECK(strlen(llm_result_description(LLM_ERR_CONTEXT_WINDOW_EXCEEDED)) > 0);
    CHECK_EQ_INT(llm_version(), LLM_VERSION_NUM);
    CHECK_EQ_INT(llm_limits().json_max_depth, LLM_JSON_MAX_DEPTH);
}

static void error_formatter_cuts_long_text(void) {
    llm_error err;
    char longer[600];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    llm__fail(&err, LLM_ERR_PARSE, "%s / %d / %z / %.*s", longer, -5, (size_t)7, 2, "abc");
    CHECK_EQ_INT(strlen(err.message), LLM_ERROR_MESSAGE_SIZE - 1);
    llm__fail(&err, LLM_ERR_PARSE, "a%sb %d %z %.*s %u%%", "-", -5, (size_t)7, 2, "abc", 3u);
    CHECK_EQ_STR(err.message, "a-b -5 7 ab 3%");
    CHECK(!err.has_retry_after);
    CHECK_EQ_INT(err.should_retry, LLM_UNSET);
}

static const test_case cases[] = {
    TEST(json_reads_a_chat_completion),
    TEST(json_iterates_in_document_order),
    TEST(json_decodes_escapes_and_surrogates),
    TEST(json_rejects_with_offsets),
    TEST(json_limits_depth),
    TEST(json_numbers_keep_integers_exact),
    TEST(json_reused_document_allocates_nothing),
    TEST(json_survives_every_failed_allocation),
    TEST(json_writer_builds_text),
    TEST(json_writer_rejects_misuse),
    TEST(json_writer_prints_numbers_like_javascript),
    TEST(json_equal_compares_values),
    TEST(results_have_names),
    TEST(error_formatter_cuts_long_text),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
