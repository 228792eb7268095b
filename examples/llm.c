/* llm - the llm.h command-line tool: one verb per job a user has when
   working with LLM APIs from a shell. `llm help` lists them.

   Exit codes: 0 success, 1 the input is invalid or the operation failed,
   2 usage error or unreadable input. */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cli_verb {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} cli_verb;

static const cli_verb verbs[] = {
    {"json-validate", cli_json_validate, "json-validate [FILE|-]   check that the input is one strict JSON text"},
    {"cost", cli_cost, "cost --model M --prompt-tokens N [--completion-tokens N] [--cached-tokens N] [--cache-creation-tokens N]\n"
                       "         [--reasoning-tokens N] [--prices FILE]   the cost in USD (or --usage FILE: a saved response)"},
    {"info", cli_info, "info MODEL [--prices FILE]   the model's prices, limits and capabilities (JSON)"},
    {"models", cli_models, "models [--provider P] [--prices FILE]   the price table's models"},
    {"sse", cli_sse, "sse [FILE|-]   every event of a Server-Sent-Events stream as one JSON line"},
    {"replay", cli_replay, "replay --provider P [--stream] [--status N] [FILE|-]   decode recorded answer bytes as provider P would"},
    {"request", cli_request, "request [-m MODEL] [--provider P] [--base-url URL] [--stream] [FILE|-]   what llm.h would send"},
    {"tokens", cli_tokens, "tokens [--encoding E | --model M] [--vocab PATH] [--estimate] [--ids] [FILE|-] | --request FILE"},
};

char *cli_read_all(const char *path, size_t *len) {
    FILE *f = (!path || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;
    if (!f) return NULL;
    buf = (char *)malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        {
            char *bigger = (char *)realloc(buf, cap + 1);
            if (!bigger) free(buf);
            buf = bigger;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    if (f != stdin) fclose(f);
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

static int usage(void) {
    size_t i;
    fputs("usage: llm VERB [ARGS]\n", stderr);
    for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) fprintf(stderr, "  llm %s\n", verbs[i].usage);
    return CLI_USAGE;
}

int main(int argc, char **argv) {
    size_t i;
    if (argc < 2) return usage();
    for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(argv[1], verbs[i].name) == 0) return verbs[i].run(argc - 1, argv + 1);
    return usage();
}
