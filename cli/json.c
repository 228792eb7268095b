/* llm json-validate [FILE|-]: prints nothing and exits 0 when the input is
   one strict JSON text; else "offset N: reason" on stderr and exit 1 (1
   too when memory runs out; 2 for a usage error or an unreadable input). */
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_json_validate(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "-";
    llm_json_doc doc;
    llm_error err;
    llm_result r;
    size_t len;
    char *text;
    if (argc > 2) return cli_unknown_option("json-validate", argv[2]);
    if (path[0] == '-' && path[1]) return cli_unknown_option("json-validate", path);
    text = cli_read_all(path, &len);
    if (!text) {
        fprintf(stderr, "llm: cannot read %s\n", path);
        return CLI_USAGE;
    }
    memset(&doc, 0, sizeof doc);
    r = llm_json_parse(&doc, text, len, &err);
    llm_json_doc_free(&doc);
    free(text);
    if (r == LLM_OK) return CLI_OK;
    if (r == LLM_ERR_NO_MEMORY) { /* a failure, not a usage error (README: exit 1) */
        fputs("llm: out of memory\n", stderr);
        return CLI_FAILED;
    }
    fprintf(stderr, "offset %zu: %s\n", err.offset, err.message);
    return CLI_FAILED;
}
