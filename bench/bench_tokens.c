/* bench_tokens: llm.h's token counting, single thread.

   Builds a >= 10 MB mixed corpus from tests/data/tokens/corpus.txt (the
   329 documents in a seeded order, repeated) into build/bench_tokens_corpus.txt
   (same "@@doc NAME BYTES" framing; bench/peers_tokens.js reads it too),
   then measures: vocabulary load time (best of 5) and memory; exact count
   per document, MB/s and tokens/s, for cl100k_base and o200k_base (best of
   3 passes); the estimator's speed. Prints
   "RESULT\tbench_tokens\tENCODING\tIMPL\tMETRIC\tVALUE" lines beside the
   table (IMPL llm.h, or llm.h_estimator).
   cc -O2 -o build/bench_tokens bench/bench_tokens.c && build/bench_tokens */
#define _POSIX_C_SOURCE 199309L
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>

#define CORPUS "build/bench_tokens_corpus.txt"

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    long n;
    char *b;
    if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) return NULL;
    b = (char *)malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) b = NULL;
    fclose(f);
    *len = (size_t)n;
    return b;
}

typedef struct doc { const char *text; size_t len; } doc;

/* Splits "@@doc NAME BYTES\n<bytes>\n" records. */
static size_t split_docs(char *s, size_t len, doc *docs, size_t cap) {
    char *p = s, *end = s + len;
    size_t n = 0;
    while (p < end && n < cap) {
        char *nl = (char *)memchr(p, '\n', (size_t)(end - p));
        char name[256];
        size_t bytes;
        if (!nl || sscanf(p, "@@doc %255s %zu", name, &bytes) != 2) break;
        docs[n].text = nl + 1;
        docs[n].len = bytes;
        n++;
        p = nl + 1 + bytes + 1;
    }
    return n;
}

static void make_corpus(void) {
    size_t len, n, i, total = 0, round = 0;
    char *src = read_all("tests/data/tokens/corpus.txt", &len);
    static doc docs[1000];
    uint32_t seed = 7;
    FILE *out;
    if (!src) { fprintf(stderr, "run from the repository root\n"); exit(2); }
    n = split_docs(src, len, docs, 1000);
    out = fopen(CORPUS, "wb");
    while (total < 10u * 1000 * 1000) {
        for (i = n; i > 1; i--) {   /* a seeded shuffle per round */
            doc t;
            size_t j;
            seed = seed * 1664525u + 1013904223u;
            j = (seed >> 8) % i;
            t = docs[i - 1], docs[i - 1] = docs[j], docs[j] = t;
        }
        for (i = 0; i < n; i++) {
            fprintf(out, "@@doc r%zu-%zu %zu\n", round, i, docs[i].len);
            fwrite(docs[i].text, 1, docs[i].len, out);
            fputc('\n', out);
            total += docs[i].len;
        }
        round++;
    }
    fclose(out);
    free(src);
}

int main(void) {
    static doc docs[20000];
    const char *names[2] = {"cl100k_base", "o200k_base"};
    size_t len, n, i, bytes = 0;
    char *corpus;
    int e, rep;
    double t, best;
    make_corpus();
    corpus = read_all(CORPUS, &len);
    n = split_docs(corpus, len, docs, 20000);
    for (i = 0; i < n; i++) bytes += docs[i].len;
    printf("corpus: %s, %zu documents, %.1f MB\n", CORPUS, n, (double)bytes / 1e6);
    for (e = 0; e < 2; e++) {
        char path[128];
        size_t vlen, tokens = 0;
        char *vocab;
        llm_bpe bpe;
        snprintf(path, sizeof path, "tests/data/tokens/%s.tiktoken", names[e]);
        vocab = read_all(path, &vlen);
        for (best = 1e9, rep = 0; rep < 5; rep++) {
            t = bench_now();
            if (llm_bpe_load(&bpe, LLM_ENCODING_NONE, vocab, vlen, NULL, NULL) != LLM_OK) return 1;
            t = bench_now() - t;
            if (t < best) best = t;
            if (rep < 4) llm_bpe_free(&bpe);
        }
        printf("%s: load %.1f ms (from memory, best of 5), %.1f MB\n", names[e], best * 1e3, (double)bpe.memory / 1e6);
        printf("RESULT\tbench_tokens\t%s\tllm.h\tload_ms\t%.1f\n", names[e], best * 1e3);
        printf("RESULT\tbench_tokens\t%s\tllm.h\tmemory_mb\t%.1f\n", names[e], (double)bpe.memory / 1e6);
        for (best = 1e9, rep = 0; rep < 3; rep++) {
            t = bench_now();
            tokens = 0;
            for (i = 0; i < n; i++) {
                size_t k = 0;
                llm_bpe_count(&bpe, docs[i].text, docs[i].len, &k, NULL);
                tokens += k;
            }
            t = bench_now() - t;
            if (t < best) best = t;
        }
        printf("%s: exact count %.1f MB/s, %.2f M tokens/s, total %zu tokens\n", names[e], (double)bytes / 1e6 / best,
               (double)tokens / 1e6 / best, tokens);
        printf("RESULT\tbench_tokens\t%s\tllm.h\tcount_mb_per_s\t%.1f\n", names[e], (double)bytes / 1e6 / best);
        printf("RESULT\tbench_tokens\t%s\tllm.h\tm_tokens_per_s\t%.2f\n", names[e], (double)tokens / 1e6 / best);
        printf("RESULT\tbench_tokens\t%s\tllm.h\ttokens\t%zu\n", names[e], tokens);
        llm_bpe_free(&bpe);
        free(vocab);
    }
    for (e = 0; e < 2; e++) {
        size_t est = 0;
        for (best = 1e9, rep = 0; rep < 5; rep++) {
            t = bench_now();
            est = 0;
            for (i = 0; i < n; i++) est += llm_tokens_estimate(docs[i].text, docs[i].len, e ? "gpt-4o" : "gpt-4");
            t = bench_now() - t;
            if (t < best) best = t;
        }
        printf("estimator (%s): %.2f GB/s, total %zu tokens\n", names[e], (double)bytes / 1e9 / best, est);
        printf("RESULT\tbench_tokens\t%s\tllm.h_estimator\tgb_per_s\t%.2f\n", names[e], (double)bytes / 1e9 / best);
        printf("RESULT\tbench_tokens\t%s\tllm.h_estimator\ttokens\t%zu\n", names[e], est);
    }
    free(corpus);
    return 0;
}
