/* Prints the estimator's features of every corpus document, one line each:
   NAME BYTES f0 f1 ... f15. Used by tools/calibrate_estimator.py.
   cc -O2 -o build/estimator_features tools/estimator_features.c */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "tests/data/tokens/corpus.txt";
    FILE *f = fopen(path, "rb");
    long size;
    char *buf, *p, *end;
    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) return 2;
    buf = (char *)malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) return 2;
    fclose(f);
    for (p = buf, end = buf + size; p < end;) {
        char name[256];
        size_t n, k;
        double x[LLM__TOKENS_FEATURES];
        char *nl = (char *)memchr(p, '\n', (size_t)(end - p));
        if (!nl || sscanf(p, "@@doc %255s %zu", name, &n) != 2) return 1;
        p = nl + 1;
        llm__tokens_features((const unsigned char *)p, n, x);
        printf("%s %zu", name, n);
        for (k = 0; k < LLM__TOKENS_FEATURES; k++) printf(" %.0f", x[k]);
        printf("\n");
        p += n + 1;
    }
    free(buf);
    return 0;
}
