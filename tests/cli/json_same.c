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

/* Equal top-level members, except that of "error" only "code" counts. */
static int same(const llm_json *a, const llm_json *b) {
    const llm_json *k;
    if (llm_json_count(a) != llm_json_count(b)) return 0;
    for (k = llm_json_first(a); k; k = llm_json_next(a, k)) {
        size_t len;
        const char *name = llm_json_string(k, &len);
        const llm_json *other = llm_json_getn(b, name, len);
        if (len == 5 && memcmp(name, "error", 5) == 0) {
            if (!llm_json_equal(llm_json_get(k + 1, "code"), llm_json_get(other, "code"))) return 0;
        } else if (!llm_json_equal(k + 1, other)) {
            return 0;
        }
    }
    return 1;
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
         llm_json_is(llm_json_root(&a), LLM_JSON_OBJECT) && same(llm_json_root(&a), llm_json_root(&b));
    llm_json_doc_free(&a);
    llm_json_doc_free(&b);
    free(ta);
    free(tb);
    return ok ? 0 : 1;
}
