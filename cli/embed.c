/* embed.c - `llm embed`: a vector for each input from the target's
   embeddings endpoint (llm_embed), one JSON line per input on stdout,
   the usage and cost on stderr as `llm chat` says them. */
#include "../llm.h"
#include "../llm_curl_adapter.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most inputs one request takes (OpenAI's CreateEmbeddingRequest:
   maxItems 2048). */
#define EMBED_MAX_INPUTS 2048

typedef struct embed_args {
    cli_remote remote;
    const char *inputs[EMBED_MAX_INPUTS];
    size_t input_count;
    int64_t dimensions;
    int base64;
    const char *task_type;
    char *from_stdin;           /* the one input read from stdin (-), malloc'ed */
    size_t stdin_len;
} embed_args;

static int embed_flags(int argc, char **argv, embed_args *a) {
    int i, k;
    for (i = 1; i < argc; i++) {
        const char *f = argv[i];
        if ((k = cli_remote_flag("embed", &a->remote, argc, argv, &i)) != 0) {
            if (k < 0) return CLI_USAGE;
        } else if (strcmp(f, "--dimensions") == 0) {
            if (i + 1 >= argc) return cli_unknown_option("embed", f);
            if (!cli_parse_count(argv[++i], &a->dimensions) || a->dimensions < 1 || a->dimensions > INT32_MAX)
                return cli_bad_number("embed", f, argv[i]);
        } else if (strcmp(f, "--task-type") == 0) {
            if (i + 1 >= argc) return cli_unknown_option("embed", f);
            a->task_type = argv[++i];
        } else if (strcmp(f, "--base64") == 0) {
            a->base64 = 1;
        } else if (f[0] == '-' && strcmp(f, "-") != 0) {
            return cli_unknown_option("embed", f);
        } else if (a->input_count == EMBED_MAX_INPUTS) {
            fprintf(stderr, "llm embed: more than %d inputs\n", EMBED_MAX_INPUTS);
            return CLI_USAGE;
        } else {
            a->inputs[a->input_count++] = f;
        }
    }
    if (!a->input_count) {
        fputs("llm embed: no input: give TEXT... or - for stdin (llm embed --help)\n", stderr);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* A - among the inputs is stdin's text, read once (as `llm chat -`). */
static int embed_read_stdin(embed_args *a) {
    char msg[512];
    size_t i, n = 0;
    for (i = 0; i < a->input_count; i++) n += strcmp(a->inputs[i], "-") == 0;
    if (!n) return CLI_OK;
    if (n > 1) {
        fputs("llm embed: - (stdin) may be given once\n", stderr);
        return CLI_USAGE;
    }
    if (!(a->from_stdin = cli_read_file("-", CLI_MAX_JSON_BYTES, &a->stdin_len, msg, sizeof msg))) {
        fprintf(stderr, "llm embed: the input: %s\n", msg);
        return CLI_USAGE;
    }
    if (strlen(a->from_stdin) != a->stdin_len) {
        fputs("llm embed: stdin holds a NUL byte, which no text can\n", stderr);
        return CLI_USAGE;
    }
    for (i = 0; i < a->input_count; i++)
        if (strcmp(a->inputs[i], "-") == 0) a->inputs[i] = a->from_stdin;
    return CLI_OK;
}

/* One line per vector: {"index":i,"embedding":[...]}, each value with the
   9 significant digits that bring back the same float32. */
static void embed_print(const llm_embed_response *resp) {
    size_t i, k;
    for (i = 0; i < resp->count; i++) {
        const llm_embedding *e = &resp->embeddings[i];
        printf("{\"index\":%zu,\"embedding\":[", i);
        for (k = 0; k < e->count; k++) printf(k ? ",%.9g" : "%.9g", (double)e->values[k]);
        fputs("]}\n", stdout);
    }
    fflush(stdout);
}

/* The one summary line on stderr, with `llm chat`'s keys. */
static void embed_summary(const llm_embed_response *resp, const char *model, const char *provider) {
    char usd[64] = "unknown"; /* no price for the model, or no usage: never a made-up 0 */
    if (resp->has_cost) cli_format_usd(resp->cost_usd, usd, sizeof usd);
    fprintf(stderr, "model=%s provider=%s prompt_tokens=%lld usage=%s cost_usd=%s latency_ms=%lld attempts=%d\n",
            resp->model ? resp->model : model, provider, (long long)resp->usage.prompt_tokens,
            resp->usage.source == LLM_USAGE_REPORTED ? "reported" : "missing", usd, (long long)resp->latency_ms,
            resp->attempts);
}

static int embed_run(embed_args *a) {
    llm_target t;
    cli_remote_client c;
    llm_embed_request req;
    llm_embed_response resp;
    llm_error err;
    int rc;
    if (!a->remote.model) a->remote.model = getenv("LLM_MODEL");
    if (!a->remote.model || !a->remote.model[0]) {
        fputs("llm embed: no model: -m MODEL, or LLM_MODEL\n", stderr);
        return CLI_USAGE;
    }
    if ((rc = cli_remote_target("embed", &a->remote, 1, &t)) != CLI_OK) return rc;
    if ((rc = embed_read_stdin(a)) != CLI_OK) return rc;
    if ((rc = cli_remote_open("embed", &a->remote, &t, &c)) != CLI_OK) return rc;
    memset(&req, 0, sizeof req);
    req.model = t.model;
    req.inputs = a->inputs;
    req.input_count = a->input_count;
    req.dimensions = (int)a->dimensions;
    req.encoding = a->base64 ? LLM_EMBED_BASE64 : LLM_EMBED_FLOAT;
    req.task_type = a->task_type;
    if (llm_embed(&c.client, &req, &resp, &err) == LLM_OK) {
        embed_print(&resp);
        embed_summary(&resp, t.model, t.provider->name);
        rc = CLI_OK;
    } else {
        rc = cli_remote_failed("embed", &err);
    }
    llm_embed_response_free(&resp);
    cli_remote_close(&c);
    return rc;
}

int cli_embed(int argc, char **argv) {
    embed_args *a = (embed_args *)calloc(1, sizeof *a);
    int rc;
    if (!a) {
        fputs("llm embed: out of memory\n", stderr);
        return CLI_FAILED;
    }
    rc = embed_flags(argc, argv, a);
    if (rc == CLI_OK) rc = embed_run(a);
    if (a->from_stdin) {
        cli_wipe(a->from_stdin, a->stdin_len);
        free(a->from_stdin);
    }
    free(a);
    return rc;
}
