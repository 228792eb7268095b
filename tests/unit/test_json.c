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

/* ---- UTF-8 in strings, from RFC 3629's table ----

   RFC 3629 section 4 (the syntax of UTF-8 byte sequences):

       UTF8-1  = %x00-7F
       UTF8-2  = %xC2-DF UTF8-tail
       UTF8-3  = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
                 %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
       UTF8-4  = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
                 %xF4 %x80-8F 2( UTF8-tail )
       UTF8-tail = %x80-BF

   Everything else is ill-formed: C0 and C1 (2-byte overlongs), E0 80-9F
   (3-byte overlongs), ED A0-BF (the surrogates U+D800..U+DFFF), F0 80-8F
   (4-byte overlongs), F4 90-BF and F5-FF (beyond U+10FFFF), a lone
   UTF8-tail, and a sequence cut short. The reader's error offset is the
   first byte of the first ill-formed sequence (its lead byte), as in
   json_rejects_with_offsets. */
static const struct { unsigned lead_lo, lead_hi, second_lo, second_hi, length; } rfc3629[] = {
    {0xC2, 0xDF, 0x80, 0xBF, 2},
    {0xE0, 0xE0, 0xA0, 0xBF, 3}, {0xE1, 0xEC, 0x80, 0xBF, 3}, {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3},
    {0xF0, 0xF0, 0x90, 0xBF, 4}, {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4},
};

/* The offset of the first ill-formed sequence in s[0..n) by the table
   above (n when there is none); s holds no '"', '\\' or control byte. */
static size_t rfc3629_first_error(const unsigned char *s, size_t n) {
    size_t i = 0, k, row;
    while (i < n) {
        if (s[i] < 0x80) { i++; continue; }
        for (row = 0; row < TEST_COUNT(rfc3629); row++)
            if (s[i] >= rfc3629[row].lead_lo && s[i] <= rfc3629[row].lead_hi) break;
        if (row == TEST_COUNT(rfc3629) || i + rfc3629[row].length > n) return i;
        if (s[i + 1] < rfc3629[row].second_lo || s[i + 1] > rfc3629[row].second_hi) return i;
        for (k = 2; k < rfc3629[row].length; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
        i += rfc3629[row].length;
    }
    return n;
}

/* Parses the string "<pad><bytes>" (pad: 0 none, 1 sixteen ASCII bytes on
   each side, which puts the bytes on the 16-byte scan's path), closed
   unless `open`. When bad == (size_t)-1 it must be accepted and decode to
   exactly its bytes; else rejected with LLM_ERR_PARSE at the offset of
   byte `bad` of `bytes`. Returns whether it did. */
static int utf8_case(const unsigned char *bytes, size_t n, int pad, int open, size_t bad) {
    static const char side[] = "0123456789abcdef";
    char text[64], want[64];
    size_t len = 0, wlen = 0, slen = 0, p = pad ? 16 : 0;
    llm_json_doc doc;
    llm_error err;
    llm_result r;
    const char *s;
    int ok;
    text[len++] = '"';
    memcpy(text + len, side, p), len += p;
    memcpy(text + len, bytes, n), len += n;
    memcpy(text + len, side, p), len += p;
    if (!open) text[len++] = '"';
    memcpy(want, side, p), wlen += p;
    memcpy(want + wlen, bytes, n), wlen += n;
    memcpy(want + wlen, side, p), wlen += p;
    memset(&doc, 0, sizeof doc);
    memset(&err, 0, sizeof err);
    r = llm_json_parse(&doc, text, len, &err);
    s = llm_json_string(llm_json_root(&doc), &slen);
    if (bad == (size_t)-1) ok = r == LLM_OK && s && slen == wlen && memcmp(s, want, wlen) == 0;
    else ok = r == LLM_ERR_PARSE && err.offset == 1 + p + bad && llm_json_root(&doc) == NULL;
    if (!ok) {
        size_t i;
        fprintf(stderr, "  %s%s string:", pad ? "padded " : "", open ? "unterminated " : "");
        for (i = 0; i < n; i++) fprintf(stderr, " %02X", bytes[i]);
        if (bad == (size_t)-1) fprintf(stderr, ": %s, expected it accepted, decoded to its bytes\n", llm_result_str(r));
        else fprintf(stderr, ": %s at offset %zu, expected LLM_ERR_PARSE at %zu\n", llm_result_str(r), r == LLM_ERR_PARSE ? err.offset : 0, 1 + p + bad);
    }
    llm_json_doc_free(&doc);
    return ok;
}

#define UTF8_VALID ((size_t)-1)

static void json_utf8_forms_of_rfc3629(void) {
    /* each form named in RFC 3629's table, written out by hand; bad: the
       offset of the ill-formed sequence in bytes, or UTF8_VALID */
    static const struct { const char *what, *bytes; size_t bad; } cases[] = {
        {"U+0080, the first 2-byte", "\xC2\x80", UTF8_VALID},
        {"U+07FF, the last 2-byte", "\xDF\xBF", UTF8_VALID},
        {"U+0800, the first 3-byte", "\xE0\xA0\x80", UTF8_VALID},
        {"U+D7FF, before the surrogates", "\xED\x9F\xBF", UTF8_VALID},
        {"U+E000, after the surrogates", "\xEE\x80\x80", UTF8_VALID},
        {"U+FFFF, the last 3-byte", "\xEF\xBF\xBF", UTF8_VALID},
        {"U+10000, the first 4-byte", "\xF0\x90\x80\x80", UTF8_VALID},
        {"U+10FFFF, the last code point", "\xF4\x8F\xBF\xBF", UTF8_VALID},
        {"U+FEFF, a BOM inside a string", "\xEF\xBB\xBF", UTF8_VALID},
        {"overlong NUL, 2 bytes", "\xC0\x80", 0},
        {"overlong '/', 2 bytes", "\xC0\xAF", 0},
        {"overlong U+007F, 2 bytes", "\xC1\xBF", 0},
        {"overlong NUL, 3 bytes", "\xE0\x80\x80", 0},
        {"overlong '/', 3 bytes", "\xE0\x80\xAF", 0},
        {"overlong U+07FF, 3 bytes", "\xE0\x9F\xBF", 0},
        {"overlong NUL, 4 bytes", "\xF0\x80\x80\x80", 0},
        {"overlong '/', 4 bytes", "\xF0\x80\x80\xAF", 0},
        {"overlong U+FFFF, 4 bytes", "\xF0\x8F\xBF\xBF", 0},
        {"U+D800, the first surrogate", "\xED\xA0\x80", 0},
        {"U+DBFF, the last high surrogate", "\xED\xAF\xBF", 0},
        {"U+DC00, the first low surrogate", "\xED\xB0\x80", 0},
        {"U+DFFF, the last surrogate", "\xED\xBF\xBF", 0},
        {"a surrogate pair as two 3-byte forms (CESU-8)", "\xED\xA0\xBD\xED\xB8\x80", 0},
        {"U+110000, past the last", "\xF4\x90\x80\x80", 0},
        {"F4 BF BF BF", "\xF4\xBF\xBF\xBF", 0},
        {"F5, a lead past U+10FFFF", "\xF5\x80\x80\x80", 0},
        {"F7 BF BF BF (U+1FFFFF)", "\xF7\xBF\xBF\xBF", 0},
        {"F8, a 5-byte lead", "\xF8\x88\x80\x80\x80", 0},
        {"FC, a 6-byte lead", "\xFC\x84\x80\x80\x80\x80", 0},
        {"FE", "\xFE", 0},
        {"FF", "\xFF", 0},
        {"lone continuation 80", "\x80", 0},
        {"lone continuation BF", "\xBF", 0},
        {"continuation after a whole sequence", "\xC3\xA9\x80", 2},
        {"2-byte cut before its tail", "\xC3" "a", 0},
        {"3-byte cut after 1", "\xE2" "a", 0},
        {"3-byte cut after 2", "\xE2\x82" "a", 0},
        {"4-byte cut after 1", "\xF0" "a", 0},
        {"4-byte cut after 2", "\xF0\x9F" "a", 0},
        {"4-byte cut after 3", "\xF0\x9F\x98" "a", 0},
        {"a valid one, then a cut one", "\xE2\x82\xAC\xE2\x82", 3},
        {"a 3-byte lead before a 2-byte sequence", "\xE2\xC3\xA9", 0},
    };
    /* the valid ones again, written as JSON escapes: the same bytes */
    static const struct { const char *escaped, *bytes; } escapes[] = {
        {"\"\\u0080\"", "\xC2\x80"}, {"\"\\u07FF\"", "\xDF\xBF"}, {"\"\\u0800\"", "\xE0\xA0\x80"}, {"\"\\uD7FF\"", "\xED\x9F\xBF"},
        {"\"\\uE000\"", "\xEE\x80\x80"}, {"\"\\uFFFF\"", "\xEF\xBF\xBF"}, {"\"\\uD800\\uDC00\"", "\xF0\x90\x80\x80"},
        {"\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF"}, {"\"\\uFEFF\"", "\xEF\xBB\xBF"},
    };
    size_t i;
    int pad;
    llm_json_doc doc;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        const unsigned char *b = (const unsigned char *)cases[i].bytes;
        size_t n = strlen(cases[i].bytes);
        /* the table above agrees with the hand-written verdict */
        if (!CHECK_EQ_INT(rfc3629_first_error(b, n), cases[i].bad == UTF8_VALID ? n : cases[i].bad)) fprintf(stderr, "  %s\n", cases[i].what);
        for (pad = 0; pad < 2; pad++)
            if (!CHECK(utf8_case(b, n, pad, 0, cases[i].bad))) fprintf(stderr, "  %s\n", cases[i].what);
        /* an ill-formed sequence is reported where it is, also when the text ends inside the string */
        if (cases[i].bad != UTF8_VALID && !CHECK(utf8_case(b, n, 0, 1, cases[i].bad))) fprintf(stderr, "  %s\n", cases[i].what);
    }
    memset(&doc, 0, sizeof doc);
    for (i = 0; i < TEST_COUNT(escapes); i++) {
        size_t len = 0;
        const char *s;
        CHECK_EQ_INT(parse(&doc, escapes[i].escaped, NULL), LLM_OK);
        s = llm_json_string(llm_json_root(&doc), &len);
        if (!CHECK(s && len == strlen(escapes[i].bytes) && memcmp(s, escapes[i].bytes, len) == 0)) fprintf(stderr, "  %s\n", escapes[i].escaped);
    }
    llm_json_doc_free(&doc);
}

/* Every overlong, surrogate and out-of-range form, enumerated: all 2-byte
   overlongs (C0-C1 with every tail), all 3-byte overlongs (E0 80-9F) and
   surrogates (ED A0-BF) with every last byte, the 4-byte overlongs (F0
   80-8F) and the forms past U+10FFFF (F4 90-BF) with every third byte;
   then every lead byte 80-FF followed by second, third and fourth bytes
   from each side of every bound of the table, checked against it. */
static void json_utf8_every_form_against_rfc3629(void) {
    static const unsigned char edges[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF};
    static const unsigned char tails[] = {0x41, 0x80, 0xBF, 0xC0};
    unsigned char b[4];
    unsigned lead, x, y;
    size_t i, j, k, bad = 0, cases = 0, valid = 0;
    for (lead = 0xC0; lead <= 0xC1; lead++)
        for (x = 0x80; x <= 0xBF; x++) {
            b[0] = (unsigned char)lead, b[1] = (unsigned char)x;
            bad += !utf8_case(b, 2, 0, 0, 0), cases++;
        }
    for (x = 0x80; x <= 0xBF; x++)
        for (y = 0x80; y <= 0xBF; y++) {
            b[0] = 0xE0, b[1] = (unsigned char)x, b[2] = (unsigned char)y;
            if (x <= 0x9F) bad += !utf8_case(b, 3, 0, 0, 0), cases++;       /* overlong */
            b[0] = 0xED;
            if (x >= 0xA0) bad += !utf8_case(b, 3, 1, 0, 0), cases++;       /* U+D800..U+DFFF */
            b[0] = 0xF0, b[3] = 0x80;
            if (x <= 0x8F) bad += !utf8_case(b, 4, 0, 0, 0), cases++;       /* overlong */
            b[0] = 0xF4, b[3] = 0xBF;
            if (x >= 0x90) bad += !utf8_case(b, 4, 1, 0, 0), cases++;       /* past U+10FFFF */
        }
    CHECK_EQ_INT(cases, 2 * 64 + 32 * 64 + 32 * 64 + 16 * 64 + 48 * 64);
    for (lead = 0x80; lead <= 0xFF; lead++)
        for (i = 0; i < sizeof edges; i++)
            for (j = 0; j < sizeof tails; j++)
                for (k = 0; k < sizeof tails; k++) {
                    size_t first;
                    b[0] = (unsigned char)lead, b[1] = edges[i], b[2] = tails[j], b[3] = tails[k];
                    first = rfc3629_first_error(b, 4);
                    valid += first == 4;
                    bad += !utf8_case(b, 4, (int)(lead & 1), 0, first == 4 ? UTF8_VALID : first);
                }
    CHECK(valid > 0);
    CHECK_EQ_INT(bad, 0);
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
    CHECK(llm_json_number(llm_json_at(a, 6), 0) == (double)0.1); /* (double): on x87 a bare 0.1 is a long double */
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
    llm__fail_with(&err, LLM_ERR_PARSE, "%s / %d / %z / %.*s", longer, -5, (size_t)7, 2, "abc");
    CHECK_EQ_INT(strlen(err.message), LLM_ERROR_MESSAGE_SIZE - 1);
    llm__fail_with(&err, LLM_ERR_PARSE, "a%sb %d %z %.*s %u%%", "-", -5, (size_t)7, 2, "abc", 3u);
    CHECK_EQ_STR(err.message, "a-b -5 7 ab 3%");
    CHECK(!err.has_retry_after);
    CHECK_EQ_INT(err.should_retry, LLM_UNSET);
}

/* ---- the on-demand reader ---- */

/* The reader as a validator: one value, then only white space. */
static bool demand_valid(const char *text, size_t len) {
    llm__json_demand d;
    llm__json_demand_init(&d, text, len, NULL);
    return llm__json_demand_skip(&d) && llm__json_demand_end(&d);
}

/* What it skips is checked as the DOM checks it (RFC 8259 sections 2-8,
   RFC 3629 for UTF-8): each case is valid or not by those rules. */
static void json_on_demand_checks_what_it_skips(void) {
    static const struct { const char *text; bool valid; } cases[] = {
        {"{\"a\":\"\xff\",\"b\":1}", false},          /* invalid UTF-8 in a skipped string */
        {"{\"a\":\"\xc0\xaf\"}", false},               /* an overlong form */
        {"{\"a\":\"\xed\xa0\x80\"}", false},           /* a surrogate written in UTF-8 */
        {"{\"a\":\"caf\xc3\xa9\"}", true},
        {"{\"a\":\"\\ud800\"}", false},                /* an unpaired surrogate escape */
        {"{\"a\":\"\\ud83d\\ude00\"}", true},
        {"{\"a\":\"\\x\"}", false},                    /* no such escape */
        {"{\"a\":\"\\u12\"}", false},
        {"{\"a\":\"tab\there\"}", false},              /* a control character unescaped */
        {"{\"a\":01}", false}, {"{\"a\":1.}", false}, {"{\"a\":-}", false}, {"{\"a\":.5}", false},
        {"{\"a\":1e}", false}, {"{\"a\":+1}", false}, {"{\"a\":-0.0e+1}", true},
        {"{\"a\":1e400}", false},                      /* beyond a double: llm_json_parse refuses it */
        {"{\"a\":1e-400}", true},                      /* rounds to 0 */
        {"{\"a\":tru}", false}, {"{\"a\":nul}", false}, {"{\"a\":null}", true}, {"{\"a\":falsey}", false},
        {"{\"a\":1,}", false}, {"[1,]", false}, {"{\"a\" 1}", false}, {"{a:1}", false}, {"{\"a\":1}}", false},
        {"{\"a\":[1,{\"b\":[]}],\"a\":2}", true},     /* a name given twice is valid JSON (RFC 8259 4: SHOULD) */
        {" \t\r\n[ ]\n", true}, {"", false}, {"[1] 2", false}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_json_doc doc;
        bool dom;
        memset(&doc, 0, sizeof doc);
        dom = llm_json_parse(&doc, cases[i].text, strlen(cases[i].text), NULL) == LLM_OK;
        llm_json_doc_free(&doc);
        if (!CHECK(demand_valid(cases[i].text, strlen(cases[i].text)) == cases[i].valid) ||
            !CHECK(dom == cases[i].valid))
            fprintf(stderr, "  case %zu: %s\n", i, cases[i].text);
    }
}

/* A skipped nest is held to LLM_JSON_MAX_DEPTH, as the DOM is; a prefix
   of a document is never one. */
static void json_on_demand_limits_depth_and_truncation(void) {
    static const char doc[] = "{\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"a\\u00e9\"},\"n\":-1.5e3}],\"z\":null}";
    char *deep = (char *)malloc(2 * (LLM_JSON_MAX_DEPTH + 1));
    size_t i;
    if (!CHECK(deep != NULL)) return;
    for (i = 0; i < LLM_JSON_MAX_DEPTH; i++) {
        deep[i] = '[';
        deep[LLM_JSON_MAX_DEPTH + i] = ']';
    }
    CHECK(demand_valid(deep, 2 * LLM_JSON_MAX_DEPTH));
    memmove(deep + 1, deep, 2 * LLM_JSON_MAX_DEPTH);
    deep[2 * LLM_JSON_MAX_DEPTH + 1] = ']';
    CHECK(!demand_valid(deep, 2 * LLM_JSON_MAX_DEPTH + 2)); /* one deeper than the limit */
    free(deep);
    CHECK(demand_valid(doc, sizeof doc - 1));
    for (i = 0; i + 1 < sizeof doc - 1; i++)
        if (!CHECK(!demand_valid(doc, i))) fprintf(stderr, "  the first %zu bytes were taken for a document\n", i);
}

/* A string read is unescaped into the scratch buffer and NUL-terminated:
   RFC 8259 7's escapes, U+00E9 as C3 A9, U+1F600 (a surrogate pair) as
   F0 9F 98 80 (RFC 3629). */
static void json_on_demand_reads_escaped_strings(void) {
    static const char text[] = "\"a\\n\\u00e9\\ud83d\\ude00\\/\\\"\\\\\\t\"";
    char scratch[sizeof text];
    llm__json_demand d;
    const char *s = NULL;
    size_t n = 0;
    llm__json_demand_init(&d, text, sizeof text - 1, scratch);
    CHECK(llm__json_demand_string(&d, &s, &n));
    CHECK_EQ_INT(n, 12);
    CHECK(s && memcmp(s, "a\n\xc3\xa9\xf0\x9f\x98\x80/\"\\\t", 13) == 0);
    CHECK(llm__json_demand_end(&d));
    llm__json_demand_init(&d, "\"a\\ud800\"", 10, scratch);
    CHECK(!llm__json_demand_string(&d, &s, &n));
}

/* Members in order, a key's raw bytes; a key written with an escape is
   left to the DOM (-1). */
static void json_on_demand_walks_members(void) {
    static const char text[] = "{ \"a\" : [1, 2] , \"b\":{} }";
    llm__json_demand d;
    const char *key;
    size_t n;
    bool first = true;
    llm__json_demand_init(&d, text, sizeof text - 1, NULL);
    CHECK(llm__json_demand_enter(&d, '{'));
    CHECK_EQ_INT(llm__json_demand_member(&d, &first, &key, &n), 1);
    CHECK(n == 1 && key[0] == 'a');
    CHECK(llm__json_demand_skip(&d));
    CHECK_EQ_INT(llm__json_demand_member(&d, &first, &key, &n), 1);
    CHECK(n == 1 && key[0] == 'b');
    CHECK(llm__json_demand_skip(&d));
    CHECK_EQ_INT(llm__json_demand_member(&d, &first, &key, &n), 0);
    CHECK(llm__json_demand_end(&d));
    first = true;
    llm__json_demand_init(&d, "{\"\\u0061\":1}", 12, NULL);
    CHECK(llm__json_demand_enter(&d, '{'));
    CHECK_EQ_INT(llm__json_demand_member(&d, &first, &key, &n), -1);
}

static const test_case cases[] = {
    TEST(json_reads_a_chat_completion),
    TEST(json_iterates_in_document_order),
    TEST(json_decodes_escapes_and_surrogates),
    TEST(json_rejects_with_offsets),
    TEST(json_utf8_forms_of_rfc3629),
    TEST(json_utf8_every_form_against_rfc3629),
    TEST(json_limits_depth),
    TEST(json_numbers_keep_integers_exact),
    TEST(json_reused_document_allocates_nothing),
    TEST(json_survives_every_failed_allocation),
    TEST(json_writer_builds_text),
    TEST(json_writer_rejects_misuse),
    TEST(json_writer_prints_numbers_like_javascript),
    TEST(json_equal_compares_values),
    TEST(json_on_demand_checks_what_it_skips),
    TEST(json_on_demand_limits_depth_and_truncation),
    TEST(json_on_demand_reads_escaped_strings),
    TEST(json_on_demand_walks_members),
    TEST(results_have_names),
    TEST(error_formatter_cuts_long_text),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
