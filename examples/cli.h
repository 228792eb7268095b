/* cli.h - what the verbs of the `llm` command-line tool share.
   examples/llm.c holds main, the dispatch table and the implementation of
   llm.h; each examples/cli_*.c file holds one or more verbs. */
#ifndef LLM_CLI_H
#define LLM_CLI_H
#include <stddef.h>

enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* Reads a whole file ("-" or NULL: stdin) as bytes; malloc'ed, NUL-terminated
   after *len bytes. NULL when it cannot be read. */
char *cli_read_all(const char *path, size_t *len);

/* Each verb: argv[0] is the verb's name. Returns a CLI_* exit status. */
int cli_json_validate(int argc, char **argv);
int cli_cost(int argc, char **argv);    /* cli_cost.c */
int cli_info(int argc, char **argv);    /* cli_cost.c */
int cli_models(int argc, char **argv);  /* cli_cost.c */
int cli_sse(int argc, char **argv);     /* cli_stream.c */
int cli_replay(int argc, char **argv);  /* cli_stream.c */
int cli_tokens(int argc, char **argv);  /* cli_tokens.c */
int cli_request(int argc, char **argv); /* cli_request.c */

#endif
