/* llm - the llm.h command-line tool.

   One verb per job a user has when working with LLM APIs from a shell:

     llm json-validate [FILE|-]   check that a file is one strict JSON text

   Exit codes: 0 success, 1 the input is invalid (or the operation failed),
   2 usage error or unreadable input. */
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* Reads a whole file ("-" or NULL: stdin) as bytes. Returns NULL on error. */
static char *read_all(const char *path, size_t *len) {
    FILE *f = (!path || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;
    if (!f) return NULL;
    buf = (char *)malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        cap *= 2;
        {
            char *bigger = (char *)realloc(buf, cap);
            if (!bigger) { free(buf); buf = NULL; }
            else buf = bigger;
        }
    }
    if (buf && ferror(f)) { free(buf); buf = NULL; }
    if (f != stdin) fclose(f);
    *len = n;
    return buf;
}

static int usage(void) {
    fputs("usage: llm json-validate [FILE|-]\n", stderr);
    return EXIT_USAGE;
}

static int cmd_json_validate(int argc, char **argv) {
    const char *path = argc > 2 ? argv[2] : "-";
    llm_json_doc doc;
    llm_error err;
    llm_result r;
    size_t len;
    char *text;
    if (argc > 3) return usage();
    text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "llm: cannot read %s\n", path);
        return EXIT_USAGE;
    }
    memset(&doc, 0, sizeof doc);
    r = llm_json_parse(&doc, text, len, &err);
    llm_json_doc_free(&doc);
    free(text);
    if (r == LLM_OK) return EXIT_VALID;
    if (r == LLM_ERR_NO_MEMORY) {
        fprintf(stderr, "llm: out of memory\n");
        return EXIT_USAGE;
    }
    fprintf(stderr, "offset %zu: %s\n", err.offset, err.message);
    return EXIT_INVALID;
}

int main(int argc, char **argv) {
    if (argc < 2) return usage();
    if (strcmp(argv[1], "json-validate") == 0) return cmd_json_validate(argc, argv);
    return usage();
}
