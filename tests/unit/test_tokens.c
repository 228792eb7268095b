/* Unit tests of token counting: the BPE against npm tiktoken's ids (the
   exactness corpus and test-vectors.json), vocabulary validation, special
   tokens, byte-level round trips of invalid UTF-8, the estimator's held-out
   error, and the chat rules against OpenAI's cookbook examples.
   Run from the repository root (the data is in tests/data/tokens). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#define DATA "tests/data/tokens/"

#ifndef LLM_NO_BPE
static const char *enc_file(llm_encoding e) {
    return e == LLM_ENCODING_CL100K_BASE ? DATA "cl100k_base.tiktoken" : DATA "o200k_base.tiktoken";
}

/* One vocabulary per encoding, loaded on first use and freed by main (test
   code may keep state; the library may not). */
static llm_bpe vocab[LLM__ENCODING_COUNT];

static const llm_bpe *get_vocab(llm_encoding e) {
    if (!vocab[e].table_) {
        size_t len;
        char *data = TEST_READ_FIXTURE(enc_file(e), &len);
        llm_error err;
        if (!data) return NULL;
        if (llm_bpe_load(&vocab[e], e, data, len, NULL, &err) != LLM_OK) fprintf(stderr, "  load: %s\n", err.message);
        free(data);
    }
    return vocab[e].table_ ? &vocab[e] : NULL;
}

static uint32_t read_varint(const unsigned char **p, const unsigned char *end) {
    uint32_t v = 0;
    int shift = 0;
    while (*p < end && (**p & 0x80)) {
        v |= (uint32_t)(**p & 0x7F) << shift;
        shift += 7;
        (*p)++;
    }
    if (*p < end) v |= (uint32_t)**p << shift, (*p)++;
    return v;
}

#endif

/* Walks corpus.txt: each call gives the next document. */
typedef struct doc_iter {
    const char *p, *end;
    char name[128];
    const char *text;
    size_t len;
} doc_iter;

static bool next_doc(doc_iter *it) {
    const char *nl;
    if (it->p >= it->end || !(nl = (const char *)memchr(it->p, '\n', (size_t)(it->end - it->p)))) return false;
    if (sscanf(it->p, "@@doc %127s %zu", it->name, &it->len) != 2) return false;
    it->text = nl + 1;
    it->p = it->text + it->len + 1;
    return it->p <= it->end + 1;
}

#ifndef LLM_NO_BPE
/* Every document of the corpus, both encodings: the same ids as npm tiktoken. */
static void corpus_ids_match_tiktoken(void) {
    llm_encoding encs[2] = {LLM_ENCODING_CL100K_BASE, LLM_ENCODING_O200K_BASE};
    size_t clen, ilen, k;
    char *corpus = TEST_READ_FIXTURE(DATA "corpus.txt", &clen);
    uint32_t *ids = (uint32_t *)malloc(4u << 20);
    CHECK(corpus != NULL);
    for (k = 0; corpus && k < 2; k++) {
        const llm_bpe *bpe = get_vocab(encs[k]);
        char path[128];
        unsigned char *expected;
        const unsigned char *e, *eend;
        doc_iter it;
        int docs = 0, bad = 0;
        snprintf(path, sizeof path, DATA "expected_%s.ids", llm_encoding_name(encs[k]));
        expected = (unsigned char *)TEST_READ_FIXTURE(path, &ilen);
        if (!CHECK(bpe && expected)) continue;
        e = expected, eend = expected + ilen;
        it.p = corpus, it.end = corpus + clen;
        while (next_doc(&it)) {
            size_t n = 0, i;
            uint32_t count = read_varint(&e, eend);
            bool same;
            llm_result r = llm_bpe_encode(bpe, it.text, it.len, 0, ids, 1u << 20, &n, NULL);
            same = r == LLM_OK && n == count;
            for (i = 0; i < count; i++) {
                uint32_t want = read_varint(&e, eend);
                if (same && ids[i] != want) same = false;
            }
            if (!same && bad++ < 5) fprintf(stderr, "  %s %s: %zu ids, expected %u\n", llm_encoding_name(encs[k]), it.name, n, (unsigned)count);
            docs++;
        }
        CHECK_EQ_INT(bad, 0);
        CHECK_EQ_INT(docs, 329);
        CHECK(e == eend);
        free(expected);
    }
    free(ids);
    free(corpus);
}

/* Counting through a caller's cache gives npm tiktoken's counts: every
   document of the corpus twice (the second time from the cache), both
   encodings through one cache (it serves one vocabulary at a time), with
   the default size and with the smallest (full again and again), every
   byte of it through the caller's allocator. */
static void cached_counts_match_tiktoken(void) {
    llm_encoding encs[2] = {LLM_ENCODING_CL100K_BASE, LLM_ENCODING_O200K_BASE};
    size_t sizes[2] = {0, 4096}, clen, ilen, z, k;
    char *corpus = TEST_READ_FIXTURE(DATA "corpus.txt", &clen);
    test_alloc_stats stats;
    llm_allocator a = TEST_ALLOCATOR(&stats);
    CHECK(corpus != NULL);
    memset(&stats, 0, sizeof stats);
    for (z = 0; corpus && z < 2; z++) {
        llm_bpe_cache cache;
        CHECK_EQ_INT(llm_bpe_cache_init(&cache, sizes[z], &a, NULL), LLM_OK);
        CHECK_EQ_INT(stats.live_bytes, cache.memory);
        CHECK(cache.memory <= (sizes[z] ? sizes[z] : LLM_BPE_CACHE_DEFAULT));
        for (k = 0; k < 4; k++) {
            const llm_bpe *bpe = get_vocab(encs[k % 2]);
            char path[128];
            unsigned char *expected;
            const unsigned char *e, *eend;
            doc_iter it;
            int docs = 0, bad = 0;
            size_t hits = cache.hits, allocs = stats.total;
            snprintf(path, sizeof path, DATA "expected_%s.ids", llm_encoding_name(encs[k % 2]));
            expected = (unsigned char *)TEST_READ_FIXTURE(path, &ilen);
            if (!CHECK(bpe && expected)) continue;
            e = expected, eend = expected + ilen;
            it.p = corpus, it.end = corpus + clen;
            while (next_doc(&it)) {
                size_t n = 0, i, pass;
                uint32_t count = read_varint(&e, eend);
                for (i = 0; i < count; i++) read_varint(&e, eend);
                for (pass = 0; pass < 2; pass++) {
                    llm_result r = llm_bpe_count_cached(bpe, &cache, it.text, it.len, &n, NULL);
                    if ((r != LLM_OK || n != count) && bad++ < 5)
                        fprintf(stderr, "  cache %zu, %s %s pass %zu: %zu tokens, expected %u\n", sizes[z],
                                llm_encoding_name(encs[k % 2]), it.name, pass, n, (unsigned)count);
                }
                docs++;
            }
            CHECK_EQ_INT(bad, 0);
            CHECK_EQ_INT(docs, 329);
            CHECK(cache.hits > hits + 329);   /* the second passes came from it */
            CHECK(stats.total - allocs < 329);   /* no memo per call: only pieces over 128 bytes allocate */
            CHECK_EQ_INT(stats.live_bytes, cache.memory);
            free(expected);
        }
        llm_bpe_cache_free(&cache);
        CHECK_EQ_INT(stats.live, 0);
    }
    {
        llm_bpe_cache tiny;
        CHECK_EQ_INT(llm_bpe_cache_init(&tiny, 100, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
        CHECK(tiny.slots_ == NULL);
        llm_bpe_cache_free(&tiny);
    }
    free(corpus);
}

/* A cache hit must compare every byte of the piece: a slot is found by the
   piece's hash (its high half kept, its low bits the slot) and also keyed
   on the length and the first 8 bytes. Each pair below shares all of that
   in a 4 KiB cache, the first where llm__load64 reads little-endian, the
   second big-endian (found by a search over 6 million pieces); the counts
   are npm tiktoken's (cl100k_base). */
static void cache_hits_compare_every_byte(void) {
    static const struct {
        const char *a, *b;
        size_t count_a, count_b;
    } pairs[2] = {{"qzxjvkwqkybqjazzz", "qzxjvkwqrruxmazzz", 12, 11},
                  {"qzxjvkwqwlrchazzz", "qzxjvkwqabxukazzz", 10, 11}};
    const llm_bpe *bpe = get_vocab(LLM_ENCODING_CL100K_BASE);
    llm_bpe_cache cache;
    size_t k, n, colliding = 0;
    if (!CHECK(bpe != NULL)) return;
    CHECK_EQ_INT(llm_bpe_cache_init(&cache, 4096, NULL, NULL), LLM_OK);
    for (k = 0; k < 2; k++) {
        const unsigned char *a = (const unsigned char *)pairs[k].a, *b = (const unsigned char *)pairs[k].b;
        uint64_t ha = llm__bpe_hash(llm__load64(a), a, 17), hb = llm__bpe_hash(llm__load64(b), b, 17);
        if ((ha >> 32) != (hb >> 32) || ((ha ^ hb) & cache.slot_mask_) != 0) continue;
        colliding++;
        CHECK_EQ_INT(llm_bpe_count_cached(bpe, &cache, pairs[k].a, 17, &n, NULL), LLM_OK);
        CHECK_EQ_INT(n, pairs[k].count_a);
        CHECK_EQ_INT(llm_bpe_count_cached(bpe, &cache, pairs[k].b, 17, &n, NULL), LLM_OK);
        CHECK_EQ_INT(n, pairs[k].count_b);
        CHECK_EQ_INT(llm_bpe_count_cached(bpe, &cache, pairs[k].a, 17, &n, NULL), LLM_OK);
        CHECK_EQ_INT(n, pairs[k].count_a);
    }
    CHECK_EQ_INT(colliding, 1); /* the pair of this byte order still collides: the test tests what it says */
    llm_bpe_cache_free(&cache);
}

/* test-vectors.json: strings with their reference ids, three with special
   tokens allowed. */
static void vectors_match_tiktoken(void) {
    size_t len, cases = 0;
    char *text = TEST_READ_FIXTURE(DATA "test-vectors.json", &len);
    llm_json_doc doc;
    const llm_json *encs, *set;
    memset(&doc, 0, sizeof doc);
    if (!CHECK(text && llm_json_parse(&doc, text, len, NULL) == LLM_OK)) return;
    encs = llm_json_get(llm_json_root(&doc), "encodings");
    for (set = llm_json_first(encs); set; set = llm_json_next(encs, set)) {
        size_t nlen;
        const char *name = llm_json_string(set, &nlen);
        bool special = strstr(name, "_with_special") != NULL;
        const llm_json *v, *arr = set + 1;
        char encname[32];
        const llm_bpe *bpe;
        llm__copy_text(encname, sizeof encname, name, special ? (size_t)(strstr(name, "_with") - name) : nlen);
        bpe = get_vocab(llm_encoding_from_name(encname));
        if (!CHECK(bpe)) continue;
        for (v = llm_json_first(arr); v; v = llm_json_next(arr, v)) {
            size_t tlen, n = 0, i;
            const char *s = llm_json_string(llm_json_get(v, "text"), &tlen);
            const llm_json *tokens = llm_json_get(v, "tokens");
            uint32_t ids[512];
            char back[2048];
            size_t blen = 0;
            CHECK_EQ_INT(llm_bpe_encode(bpe, s, tlen, special ? LLM_BPE_ALLOW_SPECIAL : 0, ids, 512, &n, NULL), LLM_OK);
            CHECK_EQ_INT(n, llm_json_count(tokens));
            for (i = 0; i < n && i < llm_json_count(tokens); i++)
                if (!CHECK_EQ_INT(ids[i], llm_json_int(llm_json_at(tokens, i), -1))) break;
            CHECK_EQ_INT(llm_bpe_decode(bpe, ids, n, back, sizeof back, &blen, NULL), LLM_OK);
            CHECK(blen == tlen && memcmp(back, s, tlen) == 0);
            cases++;
        }
    }
    CHECK(cases >= 80);
    llm_json_doc_free(&doc);
    free(text);
}

static void known_ids_and_special_tokens(void) {
    const llm_bpe *cl = get_vocab(LLM_ENCODING_CL100K_BASE), *o2 = get_vocab(LLM_ENCODING_O200K_BASE);
    uint32_t ids[64];
    size_t n = 0;
    const char *eot = "<|endoftext|>";
    if (!CHECK(cl && o2)) return;
    CHECK_EQ_INT(llm_bpe_encode(cl, "hello world", 11, 0, ids, 64, &n, NULL), LLM_OK);
    CHECK(n == 2 && ids[0] == 15339 && ids[1] == 1917);
    CHECK_EQ_INT(llm_bpe_encode(o2, "hello world", 11, 0, ids, 64, &n, NULL), LLM_OK);
    CHECK(n == 2 && ids[0] == 24912 && ids[1] == 2375);
    /* special text is ordinary text by default, a special id when allowed */
    CHECK_EQ_INT(llm_bpe_encode(cl, eot, strlen(eot), 0, ids, 64, &n, NULL), LLM_OK);
    CHECK(n > 1);
    CHECK_EQ_INT(llm_bpe_encode(cl, eot, strlen(eot), LLM_BPE_ALLOW_SPECIAL, ids, 64, &n, NULL), LLM_OK);
    CHECK(n == 1 && ids[0] == 100257);
    CHECK_EQ_INT(llm_bpe_encode(o2, "a<|endofprompt|>", 16, LLM_BPE_ALLOW_SPECIAL, ids, 64, &n, NULL), LLM_OK);
    CHECK(n == 2 && ids[1] == 200018);
    /* the buffer is too small: the needed count, the first ids written */
    ids[1] = 7;
    CHECK_EQ_INT(llm_bpe_encode(cl, "hello world", 11, 0, ids, 1, &n, NULL), LLM_ERR_LIMIT_EXCEEDED);
    CHECK(n == 2 && ids[0] == 15339 && ids[1] == 7);
    CHECK_EQ_INT(llm_bpe_count(cl, "", 0, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n, 0);
    ids[0] = 999999;
    CHECK_EQ_INT(llm_bpe_decode(cl, ids, 1, NULL, 0, &n, NULL), LLM_ERR_INVALID_ARGUMENT);
}

/* Any bytes: decode(encode(x)) == x, and counts agree with encode. Long
   runs go through the heap merge. */
static void invalid_utf8_round_trips(void) {
    llm_encoding encs[2] = {LLM_ENCODING_CL100K_BASE, LLM_ENCODING_O200K_BASE};
    static unsigned char text[20000];
    static char back[20000];
    static uint32_t ids[20000];
    uint32_t seed = 12345;
    size_t k, i, round;
    for (k = 0; k < 2; k++) {
        const llm_bpe *bpe = get_vocab(encs[k]);
        if (!CHECK(bpe)) continue;
        for (round = 0; round < 8; round++) {
            size_t len = 500 + round * 2000, n = 0, m = 0, blen = 0;
            for (i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                text[i] = (unsigned char)(round == 7 ? 'a' + (seed >> 16) % 3 : round == 6 ? ' ' : (seed >> 16));
                if (round == 5 && i % 3) text[i] = (unsigned char)(0xE4 + i % 2);   /* truncated sequences */
            }
            CHECK_EQ_INT(llm_bpe_encode(bpe, (const char *)text, len, 0, ids, 20000, &n, NULL), LLM_OK);
            CHECK_EQ_INT(llm_bpe_count(bpe, (const char *)text, len, &m, NULL), LLM_OK);
            CHECK_EQ_INT(m, n);
            CHECK_EQ_INT(llm_bpe_decode(bpe, ids, n, back, sizeof back, &blen, NULL), LLM_OK);
            CHECK(blen == len && memcmp(back, text, len) == 0);
        }
    }
}

static char *vocab_text(const char *lines, size_t *len) {
    size_t n;
    char *full = TEST_READ_FIXTURE(enc_file(LLM_ENCODING_CL100K_BASE), &n), *out;
    size_t extra = strlen(lines);
    out = (char *)malloc(n + extra + 1);
    memcpy(out, lines, extra);
    if (full) memcpy(out + extra, full, n);
    *len = n + extra;
    free(full);
    return out;
}

/* Validation: each broken vocabulary gives LLM_ERR_PARSE and leaves nothing
   allocated. */
static void bad_vocabularies_are_rejected(void) {
    static const char *const broken[] = {
        "!!!! 5\n",      /* bad base64 (and one rank too many) */
        "IQ== 0\n",      /* duplicate rank 0, wrong count */
        "IQ==\n",        /* no rank */
        "IQ= 0\n",       /* not a multiple of 4 */
    };
    test_alloc_stats stats;
    llm_allocator a = TEST_ALLOCATOR(&stats);
    llm_bpe bpe;
    llm_error err;
    size_t len, i;
    char *text, *full;
    for (i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        memset(&stats, 0, sizeof stats);
        text = vocab_text(broken[i], &len);
        CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, text, len, &a, &err), LLM_ERR_PARSE);
        CHECK(err.message[0] != '\0');
        CHECK_EQ_INT(stats.live, 0);
        CHECK(bpe.table_ == NULL);
        free(text);
    }
    full = TEST_READ_FIXTURE(enc_file(LLM_ENCODING_CL100K_BASE), &len);
    if (!CHECK(full)) return;
    /* wrong encoding for the count; a rank changed into a duplicate; a token changed into a duplicate */
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_O200K_BASE, full, len, &a, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "100256") != NULL);
    memcpy(full, "IA== 1", 6);      /* line 0 "IQ== 0" becomes the bytes of rank 1's line? no: a second rank 1 */
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, full, len, &a, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "duplicate") != NULL);
    memcpy(full, "Ig== 0", 6);      /* rank 0 gets the bytes of rank 1 ('"') */
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, full, len, &a, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "duplicate token") != NULL);
    CHECK_EQ_INT(stats.live, 0);
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_NONE, "", 0, &a, &err), LLM_ERR_PARSE);
    free(full);
}

/* Loading through a counting allocator: every byte freed with its size, and
   each failing allocation gives LLM_ERR_NO_MEMORY with nothing left. */
static void load_uses_the_allocator(void) {
    test_alloc_stats stats;
    llm_allocator a = TEST_ALLOCATOR(&stats);
    llm_bpe bpe;
    llm_error err;
    size_t len, n = 0;
    long fail;
    char *data = TEST_READ_FIXTURE(enc_file(LLM_ENCODING_CL100K_BASE), &len);
    if (!CHECK(data)) return;
    memset(&stats, 0, sizeof stats);
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_NONE, data, len, &a, &err), LLM_OK);
    CHECK_EQ_INT(bpe.encoding, LLM_ENCODING_CL100K_BASE);
    CHECK(bpe.memory <= 16u << 20);
    CHECK_EQ_INT(stats.live_bytes, bpe.memory);
    /* a piece over 128 bytes allocates its merge state */
    {
        char run[1000];
        memset(run, 'x', sizeof run);
        CHECK_EQ_INT(llm_bpe_count(&bpe, run, sizeof run, &n, NULL), LLM_OK);
        CHECK(n > 100);
        stats.fail_at = stats.total + 1;
        CHECK_EQ_INT(llm_bpe_count(&bpe, run, sizeof run, &n, &err), LLM_ERR_NO_MEMORY);
        stats.fail_at = 0;
    }
    llm_bpe_free(&bpe);
    CHECK_EQ_INT(stats.live, 0);
    CHECK_EQ_INT(stats.bad_sizes, 0);
    for (fail = 1; fail <= 5; fail++) {
        memset(&stats, 0, sizeof stats);
        stats.fail_at = fail;
        CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, data, len, &a, &err), LLM_ERR_NO_MEMORY);
        CHECK_EQ_INT(stats.live, 0);
    }
    free(data);
#ifndef LLM_NO_STDIO
    CHECK_EQ_INT(llm_bpe_load_file(&bpe, LLM_ENCODING_NONE, DATA "o200k_base.tiktoken", NULL, &err), LLM_OK);
    CHECK_EQ_INT(bpe.encoding, LLM_ENCODING_O200K_BASE);
    llm_bpe_free(&bpe);
    CHECK_EQ_INT(llm_bpe_load_file(&bpe, LLM_ENCODING_NONE, DATA "missing.tiktoken", NULL, &err), LLM_ERR_INVALID_ARGUMENT);
#endif
}

#endif /* LLM_NO_BPE */

static void models_map_to_encodings(void) {
    static const struct { const char *model; llm_encoding e; } cases[] = {
        {"gpt-4o", LLM_ENCODING_O200K_BASE}, {"gpt-4o-mini-2024-07-18", LLM_ENCODING_O200K_BASE},
        {"gpt-4.1-nano", LLM_ENCODING_O200K_BASE}, {"gpt-4.5-preview", LLM_ENCODING_O200K_BASE},
        {"gpt-5", LLM_ENCODING_O200K_BASE}, {"o1-mini", LLM_ENCODING_O200K_BASE}, {"o3", LLM_ENCODING_O200K_BASE},
        {"o4-mini", LLM_ENCODING_O200K_BASE}, {"chatgpt-4o-latest", LLM_ENCODING_O200K_BASE},
        {"openai/gpt-4o", LLM_ENCODING_O200K_BASE}, {"ft:gpt-4o-mini:acme::abc", LLM_ENCODING_O200K_BASE},
        {"gpt-4", LLM_ENCODING_CL100K_BASE},
        {"gpt-4-turbo", LLM_ENCODING_CL100K_BASE}, {"gpt-3.5-turbo", LLM_ENCODING_CL100K_BASE},
        {"text-embedding-3-small", LLM_ENCODING_CL100K_BASE}, {"text-embedding-ada-002", LLM_ENCODING_CL100K_BASE},
        {"claude-sonnet-4-5", LLM_ENCODING_NONE}, {"gemini-2.5-pro", LLM_ENCODING_NONE}, {NULL, LLM_ENCODING_NONE},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) CHECK_EQ_INT(llm_encoding_for_model(cases[i].model), cases[i].e);
    CHECK_EQ_STR(llm_encoding_name(LLM_ENCODING_O200K_BASE), "o200k_base");
    CHECK_EQ_INT(llm_encoding_from_name("cl100k_base"), LLM_ENCODING_CL100K_BASE);
}

/* The estimator on the held-out half (odd documents over 1 KB); it was
   calibrated on the even half by tools/calibrate_estimator.py. */
static void estimator_error_on_held_out_half(void) {
    size_t clen;
    char *corpus = TEST_READ_FIXTURE(DATA "corpus.txt", &clen), *meta;
    size_t mlen, k;
    llm_json_doc doc;
    const char *models[2] = {"gpt-4o", "gpt-4"}, *encs[2] = {"o200k_base", "cl100k_base"};
    memset(&doc, 0, sizeof doc);
    meta = TEST_READ_FIXTURE(DATA "expected.json", &mlen);
    if (!CHECK(corpus && meta && llm_json_parse(&doc, meta, mlen, NULL) == LLM_OK)) {
        llm_json_doc_free(&doc); /* a failed parse keeps its buffers for the next */
        free(meta);
        free(corpus);
        return;
    }
    for (k = 0; k < 2; k++) {
        const llm_json *docs = llm_json_get(llm_json_root(&doc), "documents");
        double errs[400], sum = 0, tmp;
        size_t n = 0, i = 0, a, b;
        doc_iter it;
        it.p = corpus, it.end = corpus + clen;
        for (; next_doc(&it); i++) {
            double exact = (double)llm_json_int(llm_json_get(llm_json_at(docs, i), encs[k]), 0);
            if (i % 2 == 0 || it.len <= 1024 || exact <= 0) continue;
            errs[n] = (double)llm_tokens_estimate(it.text, it.len, models[k]) - exact;
            errs[n] = (errs[n] < 0 ? -errs[n] : errs[n]) / exact;
            sum += errs[n++];
        }
        for (a = 0; a < n; a++)
            for (b = a + 1; b < n; b++)
                if (errs[b] < errs[a]) tmp = errs[a], errs[a] = errs[b], errs[b] = tmp;
        printf("estimator %s: %zu held-out documents over 1 KB, mean |error| %.1f%%, p95 %.1f%%\n", encs[k], n,
               100 * sum / (double)n, 100 * errs[(size_t)(0.95 * (double)(n - 1))]);
        CHECK(n > 100);
        CHECK(sum / (double)n < 0.10);
        CHECK(errs[(size_t)(0.95 * (double)(n - 1))] < 0.20);
    }
    CHECK_EQ_INT(llm_tokens_estimate(NULL, 0, "gpt-4o"), 0);
    CHECK_EQ_INT(llm_tokens_estimate("hi", 2, "claude-sonnet-4-5"), 1);
    llm_json_doc_free(&doc);
    free(meta);
    free(corpus);
}

#ifndef LLM_NO_BPE
/* OpenAI cookbook "How to count tokens with tiktoken" (openai/openai-cookbook,
   examples/How_to_count_tokens_with_tiktoken.ipynb): the example messages
   count 129 prompt tokens for gpt-3.5-turbo / gpt-4 and 124 for gpt-4o /
   gpt-4o-mini, "counted by the OpenAI API" as the notebook prints. */
static const llm_message cookbook_messages[] = {
    {.role = LLM_ROLE_SYSTEM, .content = "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
    {.role = LLM_ROLE_SYSTEM, .content = "New synergies will help drive top-line growth.", .name = "example_user"},
    {.role = LLM_ROLE_SYSTEM, .content = "Things working well together will increase revenue.", .name = "example_assistant"},
    {.role = LLM_ROLE_SYSTEM, .content = "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.", .name = "example_user"},
    {.role = LLM_ROLE_SYSTEM, .content = "Let's talk later when we're less busy about how to do better.", .name = "example_assistant"},
    {.role = LLM_ROLE_USER, .content = "This late pivot means we don't have time to boil the ocean for the client deliverable."},
};

/* The same notebook's num_tokens_for_tools example: 105 prompt tokens for
   gpt-3.5-turbo / gpt-4, 101 for gpt-4o / gpt-4o-mini (API-confirmed). */
static const llm_message weather_messages[] = {
    {.role = LLM_ROLE_SYSTEM, .content = "You are a helpful assistant that can answer to questions about the weather."},
    {.role = LLM_ROLE_USER, .content = "What's the weather like in San Francisco?"},
};
static const llm_tool weather_tool[] = {
    {"get_current_weather", "Get the current weather in a given location",
     "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\", \"description\": \"The city and state, e.g. San Francisco, CA\"},"
     " \"unit\": {\"type\": \"string\", \"description\": \"The unit of temperature to return\", \"enum\": [\"celsius\", \"fahrenheit\"]}},"
     " \"required\": [\"location\"]}", false, LLM_CACHE_NONE},
};

static void chat_counts_match_cookbook(void) {
    const llm_bpe *cl = get_vocab(LLM_ENCODING_CL100K_BASE), *o2 = get_vocab(LLM_ENCODING_O200K_BASE);
    llm_request req;
    size_t n = 0;
    if (!CHECK(cl && o2)) return;
    memset(&req, 0, sizeof req);
    req.messages = cookbook_messages;
    req.message_count = 6;
    CHECK_EQ_INT(llm_count_request_tokens(&req, cl, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n, 129);
    CHECK_EQ_INT(llm_count_request_tokens(&req, o2, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n, 124);
    req.messages = weather_messages;
    req.message_count = 2;
    req.tools = weather_tool;
    req.tool_count = 1;
    CHECK_EQ_INT(llm_count_request_tokens(&req, cl, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n, 105);
    CHECK_EQ_INT(llm_count_request_tokens(&req, o2, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n, 101);
}
#else
/* Without the BPE: the functions are there and say so; chat counting estimates. */
static void bpe_is_disabled(void) {
    llm_bpe bpe;
    size_t n = 1;
    llm_message m;
    llm_request req;
    memset(&m, 0, sizeof m);
    memset(&req, 0, sizeof req);
    CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, "", 0, NULL, NULL), LLM_ERR_DISABLED);
    CHECK_EQ_INT(llm_bpe_count(&bpe, "a", 1, &n, NULL), LLM_ERR_DISABLED);
    CHECK_EQ_INT(n, 0);
    llm_bpe_free(&bpe);
    m.content = "hello there";
    req.messages = &m;
    req.message_count = 1;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &n, NULL), LLM_OK);
    CHECK(n > 7);
}
#endif

/* Images: OpenAI's vision guide gives 85 for detail low, 765 for a
   1024x1024 image at detail high (4 tiles) and 1105 for 2048x4096 (6). */
static void image_tokens_follow_openai(void) {
    llm_content_part parts[1];
    llm_message m;
    llm_request req;
    size_t base = 0, n = 0;
    memset(parts, 0, sizeof parts);
    memset(&m, 0, sizeof m);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    m.parts = parts;
    m.part_count = 0;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &base, NULL), LLM_OK);
    m.part_count = 1;
    parts[0].type = LLM_PART_IMAGE_URL;
    parts[0].url = "https://example.com/a.png";
    parts[0].detail = LLM_DETAIL_LOW;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n - base, 85);
    parts[0].detail = LLM_DETAIL_HIGH;
    parts[0].width = 1024, parts[0].height = 1024;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n - base, 765);
    parts[0].width = 2048, parts[0].height = 4096;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n - base, 1105);
    parts[0].width = 300, parts[0].height = 200;   /* small: one tile, never scaled up */
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &n, NULL), LLM_OK);
    CHECK_EQ_INT(n - base, 255);
}

/* Trimming keeps system messages and the newest groups that fit; an
   assistant tool call and its results go together. */
static void trim_drops_oldest_groups(void) {
    static const llm_tool_call call = {"call_1", "lookup", "{\"q\": \"weather in Paris today\"}", false};
    llm_message msgs[6], out[6];
    llm_request req;
    size_t kept = 0, full = 0, part = 0, i;
    memset(msgs, 0, sizeof msgs);
    memset(&req, 0, sizeof req);
    msgs[0].role = LLM_ROLE_SYSTEM, msgs[0].content = "You are terse.";
    msgs[1].role = LLM_ROLE_USER, msgs[1].content = "An old question that is fairly long and can go away when space is short.";
    msgs[2].role = LLM_ROLE_ASSISTANT, msgs[2].tool_calls = &call, msgs[2].tool_call_count = 1;
    msgs[3].role = LLM_ROLE_TOOL, msgs[3].tool_call_id = "call_1", msgs[3].content = "Sunny, 24 degrees.";
    msgs[4].role = LLM_ROLE_ASSISTANT, msgs[4].content = "It is sunny.";
    msgs[5].role = LLM_ROLE_USER, msgs[5].content = "Thanks!";
    req.model = "gpt-4o";
    req.messages = msgs;
    req.message_count = 6;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &full, NULL), LLM_OK);
    CHECK_EQ_INT(llm_trim_messages(&req, NULL, full, out, 6, &kept, NULL), LLM_OK);
    CHECK_EQ_INT(kept, 6);
    /* one token short: message 1 goes, the tool pair stays */
    CHECK_EQ_INT(llm_trim_messages(&req, NULL, full - 1, out, 6, &kept, NULL), LLM_OK);
    CHECK_EQ_INT(kept, 5);
    CHECK(out[0].content == msgs[0].content && out[1].tool_calls == &call && out[2].role == LLM_ROLE_TOOL);
    req.messages = out;
    req.message_count = kept;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &part, NULL), LLM_OK);
    CHECK(part <= full - 1);
    req.messages = msgs;
    req.message_count = 6;
    /* only room for the system message and the last two: the tool pair goes as one */
    req.messages = msgs + 4;
    req.message_count = 2;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, NULL, &part, NULL), LLM_OK);
    req.messages = msgs;
    req.message_count = 6;
    {
        size_t sys = 0;
        llm_request only = req;
        only.message_count = 1;
        CHECK_EQ_INT(llm_count_request_tokens(&only, NULL, NULL, &sys, NULL), LLM_OK);
        CHECK_EQ_INT(llm_trim_messages(&req, NULL, part + sys - 3, out, 6, &kept, NULL), LLM_OK);
        CHECK_EQ_INT(kept, 3);
        for (i = 0; i < kept; i++) CHECK(out[i].role != LLM_ROLE_TOOL && out[i].tool_call_count == 0);
    }
    /* nothing fits: the error, with the system message and the last group */
    CHECK_EQ_INT(llm_trim_messages(&req, NULL, 5, out, 6, &kept, NULL), LLM_ERR_CONTEXT_WINDOW_EXCEEDED);
    CHECK_EQ_INT(kept, 2);
    CHECK_EQ_INT(llm_trim_messages(&req, NULL, 5, out, 2, &kept, NULL), LLM_ERR_LIMIT_EXCEEDED);
}

static const test_case cases[] = {
#ifndef LLM_NO_BPE
    TEST(corpus_ids_match_tiktoken),
    TEST(cached_counts_match_tiktoken),
    TEST(cache_hits_compare_every_byte),
    TEST(vectors_match_tiktoken),
    TEST(known_ids_and_special_tokens),
    TEST(invalid_utf8_round_trips),
    TEST(bad_vocabularies_are_rejected),
    TEST(load_uses_the_allocator),
#endif
    TEST(models_map_to_encodings),
    TEST(estimator_error_on_held_out_half),
#ifndef LLM_NO_BPE
    TEST(chat_counts_match_cookbook),
#else
    TEST(bpe_is_disabled),
#endif
    TEST(image_tokens_follow_openai),
    TEST(trim_drops_oldest_groups),
};

int main(int argc, char **argv) {
    int status = test_main(cases, TEST_COUNT(cases), argc, argv);
    size_t i;
#ifndef LLM_NO_BPE
    for (i = 0; i < LLM__ENCODING_COUNT; i++) llm_bpe_free(&vocab[i]);
#endif
    (void)i;
    return status;
}
