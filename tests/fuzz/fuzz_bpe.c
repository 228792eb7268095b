/* libFuzzer target for the BPE and the estimator. The first byte picks the
   encoding and whether special tokens are allowed; the rest is the text.
   Checks: encode then decode gives the same bytes back (any bytes, valid
   UTF-8 or not), count == the number of ids, so does a count through a
   small llm_bpe_cache kept across inputs and both encodings (twice: the
   second from the cache), the estimator returns, and
   loading the input as a vocabulary fails cleanly (it is never a whole
   vocabulary). Run from the repository root (tests/data/tokens). */
#include "fuzz.h"
#include <stdio.h>

static llm_bpe fuzz_vocab[2];   /* harness state, loaded once */
static llm_bpe_cache fuzz_cache; /* harness state: 4 KiB, so it fills and starts over often */

static void fuzz_load(llm_bpe *bpe, const char *path) {
    llm_error err;
    if (llm_bpe_load_file(bpe, LLM_ENCODING_NONE, path, NULL, &err) != LLM_OK) {
        fprintf(stderr, "%s: %s (run from the repository root)\n", path, err.message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const llm_bpe *bpe;
    const char *text = (const char *)data + 1;
    size_t len, n = 0, m = 0, back_len = 0;
    unsigned flags;
    uint32_t *ids;
    char *back;
    llm_bpe junk;
    if (!fuzz_vocab[0].table_) {
        fuzz_load(&fuzz_vocab[0], "tests/data/tokens/cl100k_base.tiktoken");
        fuzz_load(&fuzz_vocab[1], "tests/data/tokens/o200k_base.tiktoken");
        if (llm_bpe_cache_init(&fuzz_cache, 4096, NULL, NULL) != LLM_OK) abort();
    }
    if (size < 1) return 0;
    bpe = &fuzz_vocab[data[0] & 1];
    flags = data[0] & 2 ? LLM_BPE_ALLOW_SPECIAL : 0;
    len = size - 1;
    ids = (uint32_t *)malloc((len + 1) * sizeof *ids);
    back = (char *)malloc(len + 1);
    if (!ids || !back) abort();
    if (llm_bpe_encode(bpe, text, len, flags, ids, len + 1, &n, NULL) != LLM_OK) abort();
    if (n > len) abort();   /* never more ids than bytes */
    if (llm_bpe_decode(bpe, ids, n, back, len + 1, &back_len, NULL) != LLM_OK) abort();
    if (back_len != len || memcmp(back, text, len) != 0) abort();
    if (!flags) {
        if (llm_bpe_count(bpe, text, len, &m, NULL) != LLM_OK || m != n) abort();
        if (llm_bpe_count_cached(bpe, &fuzz_cache, text, len, &m, NULL) != LLM_OK || m != n) abort();
        if (llm_bpe_count_cached(bpe, &fuzz_cache, text, len, &m, NULL) != LLM_OK || m != n) abort();
    }
    (void)llm_tokens_estimate(text, len, data[0] & 4 ? "gpt-4" : "gpt-4o");
    if (llm_bpe_load(&junk, LLM_ENCODING_NONE, text, len, NULL, NULL) == LLM_OK) abort();
    if (junk.table_) abort();
    free(ids);
    free(back);
    return 0;
}
