/* json_same A B: exit 0 when the two files hold the same JSON value (key
   order and number spelling aside); the member "message" of an "error"
   object is not compared (its wording is the library's, not the oracle's).
   A helper of tests/cli/stream.sh. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (char *)malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static int same(const llm_json *a, const llm_json *b, int in_error) {
    const llm_json *k;
    size_t la, lb;
    const char *sa, *sb;
    if (llm_json_type_of(a) != llm_json_type_of(b)) return 0;
    switch (llm_json_type_of(a)) {
        case LLM_JSON_NUMBER: return llm_json_number(a, 0) == llm_json_number(b, 1);
        case LLM_JSON_STRING:
            sa = llm_json_string(a, &la);
            sb = llm_json_string(b, &lb);
            return la == lb && memcmp(sa, sb, la) == 0;
        case LLM_JSON_ARRAY:
            if (llm_json_count(a) != llm_json_count(b)) return 0;
            for (la = 0; la < llm_json_count(a); la++)
                if (!same(llm_json_at(a, la), llm_json_at(b, la), 0)) return 0;
            return 1;
        case LLM_JSON_OBJECT:
            for (k = llm_json_first(a); k; k = llm_json_next(a, k)) {
                sa = llm_json_string(k, &la);
                if (in_error && la == 7 && memcmp(sa, "message", 7) == 0) continue;
                if (!same(k + 1, llm_json_getn(b, sa, la), la == 5 && memcmp(sa, "error", 5) == 0)) return 0;
            }
            for (k = llm_json_first(b); k; k = llm_json_next(b, k)) {
                sa = llm_json_string(k, &la);
                if (in_error && la == 7 && memcmp(sa, "message", 7) == 0) continue;
                if (!llm_json_getn(a, sa, la)) return 0;
            }
            return 1;
        default: return 1;
    }
}

int main(int argc, char **argv) {
    llm_json_doc a, b;
    size_t la = 0, lb = 0;
    char *ta, *tb;
    int ok;
    if (argc != 3) return 2;
    ta = slurp(argv[1], &la);
    tb = slurp(argv[2], &lb);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ok = ta && tb && llm_json_parse(&a, ta, la, NULL) == LLM_OK && llm_json_parse(&b, tb, lb, NULL) == LLM_OK &&
         same(llm_json_root(&a), llm_json_root(&b), 0);
    llm_json_doc_free(&a);
    llm_json_doc_free(&b);
    free(ta);
    free(tb);
    return ok ? 0 : 1;
}
