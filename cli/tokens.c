/* llm tokens: counts tokens, exactly (tiktoken-compatible BPE) or estimated.

   llm tokens [--encoding cl100k_base|o200k_base | --model M] [--vocab PATH]
              [--estimate] [--ids] [FILE|-]
       prints the token count of the input's exact bytes (no BOM stripping,
       no newline conversion), special-token text counted as ordinary text;
       --ids prints the ids instead, space-separated.
   llm tokens --request FILE [--model M] [--vocab PATH] [--estimate]
       reads an OpenAI chat-completions request body (messages, tools,
       tool_choice) and prints its prompt tokens by the cookbook rules.
   llm tokens --remote --request FILE [-m MODEL] [--provider P]
              [--base-url URL] [--timeout-ms N] [--allow-plain-http]
       prints the provider's own count of that request's input tokens
       (Anthropic's count_tokens, Gemini's countTokens); -m overrides the
       file's model, and the target is resolved as `llm chat` resolves it.

   Vocabulary: --vocab PATH, else $LLM_TIKTOKEN_DIR/<encoding>.tiktoken, else
   PREFIX/share/llm/ (make install), else the source tree's
   tests/data/tokens/. Encoding: --encoding, else the model's; a model
   without an exact one (Claude, Gemini, Llama...) is exit 1 unless
   --estimate; neither given: o200k_base. Exit 0; 1 for invalid
   input (a bad vocabulary or request body) or a failure; 2 for a usage
   error or an unreadable input (FILE, --request FILE or --vocab PATH), as
   every verb of llm does. */
#include "../llm.h"
#include "../llm_curl_adapter.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where `make install` puts the vocabularies, and the source tree build/llm
   was built in (the Makefile defines both). */
#ifndef LLM_CLI_SHARE_DIR
#define LLM_CLI_SHARE_DIR "/usr/local/share/llm"
#endif
#ifndef LLM_CLI_SOURCE_DIR
#define LLM_CLI_SOURCE_DIR "."
#endif

typedef struct tokens_opts {
    const char *encoding, *model, *vocab, *request, *input;
    int estimate, ids, remote;
    cli_remote r;               /* -m (--model) and, with --remote, the target's flags */
} tokens_opts;

/* 1: parsed; 0: options that do not go together; -1: an unknown option (said). */
static int tokens_parse_args(int argc, char **argv, tokens_opts *o) {
    int i, taken;
    memset(o, 0, sizeof *o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--encoding") == 0 ? &o->encoding
                          : strcmp(a, "--vocab") == 0    ? &o->vocab
                          : strcmp(a, "--request") == 0  ? &o->request : NULL;
        if (slot) {
            if (++i >= argc) return cli_unknown_option("tokens", a), -1;
            *slot = argv[i];
        } else if ((taken = cli_remote_flag("tokens", &o->r, argc, argv, &i)) != 0) {
            if (taken < 0) return -1;
        } else if (strcmp(a, "--remote") == 0) {
            o->remote = 1;
        } else if (strcmp(a, "--estimate") == 0) {
            o->estimate = 1;
        } else if (strcmp(a, "--ids") == 0) {
            o->ids = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_unknown_option("tokens", a), -1;
        } else if (!o->input) {
            o->input = a;
        } else {
            return 0;
        }
    }
    o->model = o->r.model;
    if (o->remote && (!o->request || o->encoding || o->vocab || o->estimate)) return 0;
    if (!o->remote && (o->r.provider || o->r.base_url || o->r.timeout_ms || o->r.allow_plain_http)) return 0;
    if (o->encoding && o->model) return 0;
    if (o->request && (o->input || o->ids)) return 0;
    if (o->estimate && o->ids) return 0;
    return 1;
}

/* Loads the vocabulary of `enc` from the first place that has it; a --vocab
   file with no encoding asked for says which encoding it is. Returns a CLI_*
   status: CLI_USAGE when the --vocab file cannot be read. */
static int tokens_load(llm_bpe *bpe, llm_encoding enc, const char *vocab, int explicit_encoding) {
    static const char *const places[] = {LLM_CLI_SHARE_DIR, LLM_CLI_SOURCE_DIR "/tests/data/tokens"};
    char path[4096];
    const char *dir = getenv("LLM_TIKTOKEN_DIR");
    llm_error err;
    size_t i;
    if (vocab) {
        llm_result r = llm_bpe_load_file(bpe, explicit_encoding ? enc : LLM_ENCODING_NONE, vocab, NULL, &err);
        if (r == LLM_OK) return CLI_OK;
        fprintf(stderr, "llm: %s: %s\n", vocab, err.message);
        return r == LLM_ERR_INVALID_ARGUMENT ? CLI_USAGE : CLI_FAILED; /* INVALID_ARGUMENT: it cannot be opened or read */
    }
    if (dir && *dir) {
        snprintf(path, sizeof path, "%s/%s.tiktoken", dir, llm_encoding_name(enc));
        if (llm_bpe_load_file(bpe, enc, path, NULL, &err) == LLM_OK) return CLI_OK;
    }
    for (i = 0; i < sizeof places / sizeof places[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.tiktoken", places[i], llm_encoding_name(enc));
        if (llm_bpe_load_file(bpe, enc, path, NULL, &err) == LLM_OK) return CLI_OK;
    }
    fprintf(stderr, "llm tokens: no %s vocabulary: pass --vocab PATH, set LLM_TIKTOKEN_DIR, or `make install` "
                    "(looked in %s and %s)\n", llm_encoding_name(enc), places[0], places[1]);
    return CLI_FAILED;
}

static int tokens_print_ids(const llm_bpe *bpe, const char *text, size_t len) {
    size_t n = 0, i;
    uint32_t *ids;
    llm_error err;
    if (llm_bpe_count(bpe, text, len, &n, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s\n", err.message);
        return CLI_FAILED;
    }
    ids = (uint32_t *)malloc((n ? n : 1) * sizeof *ids);
    if (!ids || llm_bpe_encode(bpe, text, len, 0, ids, n, &n, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s\n", ids ? err.message : "out of memory");
        free(ids);
        return CLI_FAILED;
    }
    for (i = 0; i < n; i++) printf(i ? " %u" : "%u", (unsigned)ids[i]);
    printf("\n");
    free(ids);
    return CLI_OK;
}


/* ---- --request: an OpenAI chat-completions body ---- */

/* The encoding to count with: --encoding's, else the model's; a model
   with no exact encoding (Claude, Gemini, Llama...) has none, and its
   counts can only be estimates. No model: o200k_base. */
static int tokens_encoding(const tokens_opts *o, const char *model, llm_encoding *enc) {
    *enc = o->encoding ? llm_encoding_from_name(o->encoding) : model ? llm_encoding_for_model(model) : LLM_ENCODING_O200K_BASE;
    if (*enc != LLM_ENCODING_NONE || o->estimate) return CLI_OK;
    fprintf(stderr, "llm tokens: %s has no exact tokenizer here (tiktoken's encodings are OpenAI's): "
                    "--estimate for an estimate, or --encoding E to count with one anyway\n", model);
    return CLI_FAILED;
}

/* Reads --request's body into parsed (*text holds its strings: free it
   after llm_openai_request_free); a CLI_* status, the reason said. */
static int tokens_read_request(const tokens_opts *o, llm_openai_request *parsed, char **text) {
    llm_error err;
    size_t len;
    memset(parsed, 0, sizeof *parsed);
    if (!(*text = cli_read_all(o->request, &len))) {
        fprintf(stderr, "llm: cannot read %s\n", o->request);
        return CLI_USAGE;
    }
    if (llm_request_parse_openai(parsed, *text, len, &err) == LLM_OK) {
        if (o->model) parsed->request.model = o->model;
        return CLI_OK;
    }
    if (err.code == LLM_ERR_PARSE) fprintf(stderr, "llm: %s: offset %zu: %s\n", o->request, err.offset, err.message);
    else fprintf(stderr, "llm: %s: %s\n", o->request, err.message);
    return CLI_FAILED;
}

static int tokens_request(const tokens_opts *o) {
    llm_openai_request parsed;
    llm_bpe bpe;
    llm_error err;
    llm_encoding enc;
    size_t n = 0;
    char *text = NULL;
    int status = tokens_read_request(o, &parsed, &text);
    memset(&bpe, 0, sizeof bpe);
    if (status == CLI_OK) {
        status = tokens_encoding(o, parsed.request.model, &enc);
        if (status == CLI_OK && !o->estimate) status = tokens_load(&bpe, enc, o->vocab, 1);
        if (status == CLI_OK) {
            if (llm_count_request_tokens(&parsed.request, o->estimate ? NULL : &bpe, NULL, &n, &err) == LLM_OK) {
                printf("%zu\n", n);
            } else {
                fprintf(stderr, "llm: %s\n", err.message);
                status = CLI_FAILED;
            }
        }
    }
    llm_bpe_free(&bpe);
    llm_openai_request_free(&parsed);
    free(text);
    return status;
}

/* ---- --remote: the provider's own count ---- */

static int tokens_remote_count(tokens_opts *o, llm_openai_request *parsed) {
    cli_remote_client c;
    llm_token_count out;
    llm_target t;
    llm_error err;
    int status = cli_remote_target("tokens", &o->r, 1, &t);
    if (status != CLI_OK) return status;
    if (parsed->unknown_count && !t.provider->wire->chat_completions) {
        fprintf(stderr, "llm tokens: %s cannot take %s (a member an llm_request cannot hold)\n", t.provider->name,
                parsed->unknown[0]);
        return CLI_USAGE;
    }
    if ((status = cli_remote_open("tokens", &o->r, &t, &c)) != CLI_OK) return status;
    parsed->request.model = t.model;
    if (llm_count_tokens_remote(&c.client, &parsed->request, &out, &err) == LLM_OK)
        printf("%lld\n", (long long)out.input_tokens);
    else
        status = cli_remote_failed("tokens", &err);
    cli_remote_close(&c);
    return status;
}

static int tokens_remote(tokens_opts *o) {
    llm_openai_request parsed;
    const char *env_model = getenv("LLM_MODEL");
    char *text = NULL;
    int status = tokens_read_request(o, &parsed, &text);
    if (status == CLI_OK && !parsed.request.model && env_model && *env_model) parsed.request.model = env_model;
    if (status == CLI_OK && !(o->r.model = parsed.request.model)) {
        fputs("llm tokens: no model: -m MODEL, a model in --request's file, or LLM_MODEL\n", stderr);
        status = CLI_USAGE;
    }
    if (status == CLI_OK) status = tokens_remote_count(o, &parsed);
    llm_openai_request_free(&parsed);
    free(text);
    return status;
}

int cli_tokens(int argc, char **argv) {
    tokens_opts o;
    llm_encoding enc;
    llm_bpe bpe;
    llm_error err;
    char *text;
    size_t len, n = 0;
    int status = CLI_OK, explicit_encoding;
    if ((status = tokens_parse_args(argc, argv, &o)) != 1) {
        if (status == 0) fputs("llm tokens: --encoding and --model, --request and FILE or --ids, --estimate and --ids do not go together; "
                               "one FILE at most; --remote takes --request and the target's flags only, which need it "
                               "(llm tokens --help)\n", stderr);
        return CLI_USAGE;
    }
    if (o.encoding && llm_encoding_from_name(o.encoding) == LLM_ENCODING_NONE) {
        fprintf(stderr, "llm: unknown encoding %s (cl100k_base or o200k_base)\n", o.encoding);
        return CLI_USAGE;
    }
    if (o.remote) return tokens_remote(&o);
    if (o.request) return tokens_request(&o);
    if ((status = tokens_encoding(&o, o.model, &enc)) != CLI_OK) return status;
    explicit_encoding = o.encoding || o.model;
    if (enc == LLM_ENCODING_NONE) enc = LLM_ENCODING_O200K_BASE; /* --estimate: the estimator's base */
    memset(&bpe, 0, sizeof bpe);
    if (!o.estimate && (status = tokens_load(&bpe, enc, o.vocab, explicit_encoding)) != CLI_OK) return status;
    text = cli_read_all(o.input, &len);
    if (!text) {
        fprintf(stderr, "llm: cannot read %s\n", o.input ? o.input : "stdin");
        llm_bpe_free(&bpe);
        return CLI_USAGE;
    }
    if (o.estimate) {
        printf("%zu\n", llm_tokens_estimate(text, len, o.model ? o.model : llm_encoding_name(enc)[0] == 'c' ? "gpt-4" : "gpt-4o"));
    } else if (o.ids) {
        status = tokens_print_ids(&bpe, text, len);
    } else if (llm_bpe_count(&bpe, text, len, &n, &err) == LLM_OK) {
        printf("%zu\n", n);
    } else {
        fprintf(stderr, "llm: %s\n", err.message);
        status = CLI_FAILED;
    }
    free(text);
    llm_bpe_free(&bpe);
    return status;
}
