/* cli.h - what the verbs of the `llm` command-line tool share.
   cli/main.c holds main, the dispatch table and the implementation of
   llm.h; cli/file.c the file reader; each other .c file of cli/ holds one
   or more verbs. */
#ifndef LLM_CLI_H
#define LLM_CLI_H
#include <stddef.h>
#include <stdint.h>

enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* The limits of what a file given to `llm chat` may hold (cli_read_file
   reads no further): an image or PDF (--image), and a JSON file (--request,
   --tool, --schema) or a prompt read from stdin. A router config has its
   own, 1 MiB (config.c). */
#define CLI_MAX_IMAGE_BYTES ((size_t)20 << 20)
#define CLI_MAX_JSON_BYTES ((size_t)8 << 20)

/* Reads a whole file ("-" or NULL: stdin) of at most max bytes; malloc'ed,
   NUL-terminated after *len bytes. NULL when it cannot be read or holds
   more than max bytes (read no further than max + 1 of them); msg then
   says which, naming the file ("stdin" for -). Every buffer it leaves
   behind (as it grows, or on failure) is wiped first: a file may hold keys.
   (file.c, the one reader of files) */
char *cli_read_file(const char *path, size_t max, size_t *len, char *msg, size_t msg_size);
/* The same without a limit, for the verbs that read what they are given
   whole (json-validate, tokens, sse, replay...); NULL when unreadable. */
char *cli_read_all(const char *path, size_t *len);
/* Zeroes n bytes at p in a way the compiler keeps (p may be NULL). */
void cli_wipe(void *p, size_t n);

/* Usage errors, said the same way by every verb (on stderr; CLI_USAGE):
   an option the verb does not know (or that lacks its value), and a flag
   whose value is not a number. */
int cli_unknown_option(const char *verb, const char *arg);
int cli_bad_number(const char *verb, const char *flag, const char *value);
/* A non-negative decimal count; 0 (false) for anything else. */
int cli_parse_count(const char *s, int64_t *out);

/* The target of `model` as `llm chat` and `llm request` resolve it
   (llm_resolve_target from the environment, proxy_mode: --provider, else
   --base-url or LLM_BASE_URL, else the model's prefix or bare name).
   Include llm.h before this header to use it. */
#ifdef LLM_H_INCLUDED
llm_result cli_resolve_target(const char *model, const char *provider, const char *base_url, llm_target *t, llm_error *err);
#endif

/* The flags every verb that asks a server takes (remote.c): -m MODEL,
   --provider P, --base-url URL, --timeout-ms N (whole call; default
   CLI_REMOTE_TIMEOUT_MS), --allow-plain-http. */
#define CLI_REMOTE_TIMEOUT_MS 600000 /* `llm chat`'s default too */
typedef struct cli_remote {
    const char *model, *provider, *base_url;
    int64_t timeout_ms;
    int allow_plain_http;
} cli_remote;
/* argv[*i] as one of those flags: 1 taken (*i past its value), 0 not one
   of them, -1 a usage error already said (return CLI_USAGE). */
int cli_remote_flag(const char *verb, cli_remote *r, int argc, char **argv, int *i);
#ifdef LLM_H_INCLUDED
/* The flags' target, resolved as `llm chat` resolves it (cli_resolve_target;
   r->model may be NULL for a verb that names none); need_key: a provider
   that needs a key and has none is a usage error naming the variables.
   A CLI_* status, the reason said on stderr as "llm VERB: ...". */
int cli_remote_target(const char *verb, const cli_remote *r, int need_key, llm_target *t);
/* Why a call failed, on stderr: "llm VERB: CODE: message (HTTP n)"; CLI_FAILED. */
int cli_remote_failed(const char *verb, const llm_error *err);
#endif
#ifdef LLM_CURL_ADAPTER_H
/* A client over libcurl for target t, as `llm chat` makes its own (the
   flags' timeout and plain-http choice; the adapter's warnings on stderr).
   cli_remote_close releases it (a failed open leaves nothing to release). */
typedef struct cli_remote_client {
    llm_curl curl;
    llm_client client;
    int open;
} cli_remote_client;
int cli_remote_open(const char *verb, const cli_remote *r, const llm_target *t, cli_remote_client *out);
/* The client desc for target t over curl, as every verb that asks a server
   makes it (`llm chat` included): the target's provider, base URL, key,
   token and API version, the whole call's timeout (0: CLI_REMOTE_TIMEOUT_MS)
   and the plain-http choice. */
void cli_client_desc(const llm_target *t, int64_t timeout_ms, int allow_plain_http, llm_curl *curl,
                     llm_client_desc *d);
void cli_remote_close(cli_remote_client *c);
/* The log callback of the CLI's transports and clients: stderr, "llm
   VERB: LEVEL: ..." (user: the verb, NULL "chat"), scrubbed; LLM_LOG raises
   the level (see llm_curl_options). */
void cli_log(void *user, llm_log_level level, const char *message);
#endif

/* A dollar figure for people: 10 significant digits in plain decimals,
   trailing zeros trimmed (0.0075, not 0.0074999999999999997). */
void cli_format_usd(double usd, char *out, size_t size);

/* Prints a response (or the failure it ended in) as one JSON line: the
   shape of `llm replay`; `full` adds id, model, provider, cost_usd (null
   when unknown), latency_ms and attempts (`llm chat --json`). */
struct llm_response;
struct llm_error;
void cli_print_response(const struct llm_response *resp, int result, const struct llm_error *err, const char *provider, int full);

/* The router configuration in `path` (config.c) as the JSON text
   llm_router_init_json reads: a .json file as it is, any other as YAML
   converted (through libyaml; a build without it says so). Malloc'ed,
   NUL-terminated after *len bytes; release it with cli_router_config_free,
   which wipes it (it may hold keys). NULL on failure, with the whole reason
   in msg, the file's name in it. */
char *cli_router_config_json(const char *path, size_t *len, char *msg, size_t msg_size);
void cli_router_config_free(char *text, size_t len);
/* 1 when this build reads YAML (libyaml found at build time). */
int cli_yaml_support(void);

/* Each verb: argv[0] is the verb's name. Returns a CLI_* exit status.
   `llm VERB --help` is answered by main from the verb's usage text. */
int cli_json_validate(int argc, char **argv); /* json.c */
int cli_cost(int argc, char **argv);    /* cost.c */
int cli_info(int argc, char **argv);    /* cost.c */
int cli_models(int argc, char **argv);  /* cost.c */
int cli_sse(int argc, char **argv);     /* stream.c */
int cli_replay(int argc, char **argv);  /* stream.c */
int cli_tokens(int argc, char **argv);  /* tokens.c */
int cli_request(int argc, char **argv); /* request.c */
int cli_chat(int argc, char **argv);    /* chat.c */
int cli_embed(int argc, char **argv);   /* embed.c */
int cli_models_verb(int argc, char **argv); /* models.c: --remote, else cli_models */
int cli_health(int argc, char **argv);  /* models.c */

#endif
