/* count_tokens - llm.h's exact count of each document of a corpus written
   by bench_tokens ("@@doc NAME BYTES" records), cl100k_base, one pass, the
   vocabulary loaded before the clock starts: counting alone, through one
   llm_bpe_cache of the default size (allocated before the clock starts,
   empty) kept across the documents, or with --no-cache through plain
   llm_bpe_count. Prints MB/s and the total (bench/tokens_vs_tiktoken.sh
   compares it with tiktoken's), then the same as "RESULT\tbench_tokens\t
   cl100k_base\tIMPL\tMETRIC\tVALUE" lines (IMPL llm.h_cached, or
   llm.h_plain).
   cc -O2 -o build/count_tokens bench/count_tokens.c
   build/count_tokens [--no-cache] build/bench_tokens_corpus.txt */
#define _POSIX_C_SOURCE 199309L
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int plain = argc > 1 && strcmp(argv[1], "--no-cache") == 0;
    FILE *f = argc > 1 + plain ? fopen(argv[1 + plain], "rb") : NULL;
    char *text, *p, *end;
    long n;
    size_t bytes = 0, tokens = 0;
    llm_bpe bpe;
    llm_bpe_cache cache;
    llm_error err;
    double t;
    if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
        fprintf(stderr, "usage: count_tokens [--no-cache] CORPUS (from the repository root)\n");
        return 2;
    }
    text = (char *)malloc((size_t)n + 1);
    if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) return 2;
    fclose(f);
    end = text + n;
    if (llm_bpe_load_file(&bpe, LLM_ENCODING_CL100K_BASE, "tests/data/tokens/cl100k_base.tiktoken", NULL, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    memset(&cache, 0, sizeof cache); /* zeroed: llm_bpe_count_cached counts as llm_bpe_count does */
    if (!plain && llm_bpe_cache_init(&cache, 0, NULL, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    t = bench_now();
    for (p = text; p < end;) {
        char *nl = (char *)memchr(p, '\n', (size_t)(end - p)), *sp;
        size_t len, k = 0;
        if (!nl) break;
        for (sp = nl; sp > p && sp[-1] != ' '; sp--) {}
        len = strtoul(sp, NULL, 10);
        if (len > (size_t)(end - nl - 1)) break;
        if (llm_bpe_count_cached(&bpe, plain ? NULL : &cache, nl + 1, len, &k, &err) != LLM_OK) return 1;
        tokens += k;
        bytes += len;
        p = nl + 1 + len + 1;
    }
    t = bench_now() - t;
    printf("llm.h: %.1f MB/s, total %zu tokens (cl100k_base, %s)\n", (double)bytes / 1e6 / t, tokens,
           plain ? "llm_bpe_count" : "llm_bpe_count_cached");
    printf("RESULT\tbench_tokens\tcl100k_base\t%s\tcount_mb_per_s\t%.1f\n", plain ? "llm.h_plain" : "llm.h_cached",
           (double)bytes / 1e6 / t);
    printf("RESULT\tbench_tokens\tcl100k_base\t%s\ttokens\t%zu\n", plain ? "llm.h_plain" : "llm.h_cached", tokens);
    llm_bpe_cache_free(&cache);
    llm_bpe_free(&bpe);
    free(text);
    return 0;
}
