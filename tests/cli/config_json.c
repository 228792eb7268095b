/* config_json FILE: the JSON that `llm chat --router FILE` gives the
   library's loader (cli/config.c), on stdout; exit 2 with the reason on
   stderr. Built with sanitizers by the Makefile, so that tests/cli/router.sh
   runs the YAML reader, its limits and its errors under AddressSanitizer,
   LeakSanitizer and UBSan. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../../cli/cli.h"

#include <stdio.h>

int main(int argc, char **argv) {
    char msg[512];
    size_t len;
    char *json;
    if (argc != 2) {
        fputs("usage: config_json FILE\n", stderr);
        return 2;
    }
    if (!(json = cli_router_config_json(argv[1], &len, msg, sizeof msg))) {
        fprintf(stderr, "%s\n", msg);
        return 2;
    }
    fwrite(json, 1, len, stdout);
    putchar('\n');
    cli_router_config_free(json, len);
    return 0;
}
