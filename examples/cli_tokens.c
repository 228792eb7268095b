/* llm tokens: counts tokens, exactly (tiktoken-compatible BPE) or estimated.

   llm tokens [--encoding cl100k_base|o200k_base | --model M] [--vocab PATH]
              [--estimate] [--ids] [FILE|-]
       prints the token count of the input's exact bytes (no BOM stripping,
       no newline conversion), special-token text counted as ordinary text;
       --ids prints the ids instead, space-separated.
   llm tokens --request FILE [--model M] [--vocab PATH] [--estimate]
       reads an OpenAI chat-completions request body (messages, tools,
       tool_choice) and prints its prompt tokens by the cookbook rules.

   Vocabulary: --vocab PATH, else $LLM_TIKTOKEN_DIR/<encoding>.tiktoken, else
   tests/data/tokens/<encoding>.tiktoken (run from the repository root).
   Default encoding: the model's, else o200k_base. Exit 0; 1 for invalid
   input (a bad vocabulary or request body) or a failure; 2 for a usage
   error or an unreadable input (FILE, --request FILE or --vocab PATH), as
   every verb of llm does. */
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tokens_opts {
    const char *encoding, *model, *vocab, *request, *input;
    int estimate, ids;
} tokens_opts;

static int tokens_usage(void) {
    fputs("usage: llm tokens [--encoding cl100k_base|o200k_base | --model M] [--vocab PATH] [--estimate] [--ids] [FILE|-]\n"
          "       llm tokens --request FILE [--model M] [--vocab PATH] [--estimate]\n", stderr);
    return CLI_USAGE;
}

static int tokens_parse_args(int argc, char **argv, tokens_opts *o) {
    int i;
    memset(o, 0, sizeof *o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--encoding") == 0 ? &o->encoding
                          : strcmp(a, "--model") == 0    ? &o->model
                          : strcmp(a, "--vocab") == 0    ? &o->vocab
                          : strcmp(a, "--request") == 0  ? &o->request : NULL;
        if (slot) {
            if (++i >= argc) return 0;
            *slot = argv[i];
        } else if (strcmp(a, "--estimate") == 0) {
            o->estimate = 1;
        } else if (strcmp(a, "--ids") == 0) {
            o->ids = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return 0;
        } else if (!o->input) {
            o->input = a;
        } else {
            return 0;
        }
    }
    if (o->encoding && o->model) return 0;
    if (o->request && (o->input || o->ids)) return 0;
    if (o->estimate && o->ids) return 0;
    return 1;
}

/* Loads the vocabulary of `enc` from the first place that has it; a --vocab
   file with no encoding asked for says which encoding it is. Returns a CLI_*
   status: CLI_USAGE when the --vocab file cannot be read. */
static int tokens_load(llm_bpe *bpe, llm_encoding enc, const char *vocab, int explicit_encoding) {
    char path[4096];
    const char *dir = getenv("LLM_TIKTOKEN_DIR");
    llm_error err;
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
    snprintf(path, sizeof path, "tests/data/tokens/%s.tiktoken", llm_encoding_name(enc));
    if (llm_bpe_load_file(bpe, enc, path, NULL, &err) == LLM_OK) return CLI_OK;
    fprintf(stderr, "llm: no %s vocabulary: pass --vocab PATH or set LLM_TIKTOKEN_DIR\n", llm_encoding_name(enc));
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

/* Everything the llm_request built from the body points at. */
typedef struct tokens_body {
    llm_json_doc doc;
    llm_request req;
    llm_message *messages;
    llm_content_part *parts;
    llm_tool_call *calls;
    llm_tool *tools;
    llm_json_writer *writers;   /* one per tool: its parameters as text */
    size_t tool_count;
} tokens_body;

static const char *tokens_str(const llm_json *o, const char *key) {
    return llm_json_string(llm_json_get(o, key), NULL);
}

static int tokens_role(const char *s, llm_role *role) {
    static const char *const names[] = {"user", "system", "developer", "assistant", "tool"};
    static const llm_role roles[] = {LLM_ROLE_USER, LLM_ROLE_SYSTEM, LLM_ROLE_DEVELOPER, LLM_ROLE_ASSISTANT, LLM_ROLE_TOOL};
    size_t i;
    for (i = 0; s && i < 5; i++)
        if (strcmp(s, names[i]) == 0) return *role = roles[i], 1;
    return 0;
}

static void tokens_image(llm_content_part *p, const llm_json *part) {
    const llm_json *img = llm_json_get(part, "image_url");
    const char *detail = tokens_str(img, "detail");
    p->type = LLM_PART_IMAGE_URL;
    p->url = llm_json_is(img, LLM_JSON_STRING) ? llm_json_string(img, NULL) : tokens_str(img, "url");
    p->detail = !detail ? LLM_DETAIL_DEFAULT : strcmp(detail, "high") == 0 ? LLM_DETAIL_HIGH
              : strcmp(detail, "low") == 0 ? LLM_DETAIL_LOW : LLM_DETAIL_AUTO;
}

/* One message of the body; parts and calls come from the shared arrays. */
static int tokens_message(tokens_body *b, const llm_json *j, llm_message *m, size_t *np, size_t *nc) {
    const llm_json *content = llm_json_get(j, "content"), *x;
    memset(m, 0, sizeof *m);
    if (!tokens_role(tokens_str(j, "role"), &m->role)) return 0;
    m->name = tokens_str(j, "name");
    m->tool_call_id = tokens_str(j, "tool_call_id");
    if (llm_json_is(content, LLM_JSON_STRING)) m->content = llm_json_string(content, NULL);
    m->parts = b->parts + *np;
    for (x = llm_json_first(content); llm_json_is(content, LLM_JSON_ARRAY) && x; x = llm_json_next(content, x)) {
        llm_content_part *p = &b->parts[(*np)++];
        const char *type = tokens_str(x, "type");
        memset(p, 0, sizeof *p);
        if (type && strcmp(type, "image_url") == 0) tokens_image(p, x);
        else p->text = tokens_str(x, type && strcmp(type, "refusal") == 0 ? "refusal" : "text");
        m->part_count++;
    }
    x = llm_json_get(j, "tool_calls");
    m->tool_calls = b->calls + *nc;
    for (x = llm_json_first(x); x; x = llm_json_next(llm_json_get(j, "tool_calls"), x)) {
        llm_tool_call *c = &b->calls[(*nc)++];
        c->id = tokens_str(x, "id");
        c->name = tokens_str(llm_json_get(x, "function"), "name");
        c->arguments = tokens_str(llm_json_get(x, "function"), "arguments");
        m->tool_call_count++;
    }
    return 1;
}

static int tokens_tools(tokens_body *b, const llm_json *tools) {
    const llm_json *t;
    size_t i = 0;
    for (t = llm_json_first(tools); t; t = llm_json_next(tools, t), i++) {
        const llm_json *f = llm_json_get(t, "function"), *params = llm_json_get(f, "parameters");
        memset(&b->tools[i], 0, sizeof b->tools[i]);
        b->tools[i].name = tokens_str(f, "name");
        b->tools[i].description = tokens_str(f, "description");
        if (params) {
            size_t len;
            llm_json_write_value(&b->writers[i], params);
            if (llm_json_writer_finish(&b->writers[i], &b->tools[i].parameters, &len) != LLM_OK) return 0;
        }
    }
    b->req.tools = b->tools;
    b->req.tool_count = b->tool_count = i;
    return 1;
}

/* Sizes the arrays, then fills them. */
static int tokens_body_build(tokens_body *b) {
    const llm_json *root = llm_json_root(&b->doc), *msgs = llm_json_get(root, "messages"), *m;
    size_t nm = llm_json_count(msgs), nparts = 0, ncalls = 0, nt = llm_json_count(llm_json_get(root, "tools")), i = 0;
    if (!llm_json_is(msgs, LLM_JSON_ARRAY)) return 0;
    for (m = llm_json_first(msgs); m; m = llm_json_next(msgs, m)) {
        nparts += llm_json_count(llm_json_get(m, "content"));
        ncalls += llm_json_count(llm_json_get(m, "tool_calls"));
    }
    b->messages = (llm_message *)calloc(nm + 1, sizeof *b->messages);
    b->parts = (llm_content_part *)calloc(nparts + 1, sizeof *b->parts);
    b->calls = (llm_tool_call *)calloc(ncalls + 1, sizeof *b->calls);
    b->tools = (llm_tool *)calloc(nt + 1, sizeof *b->tools);
    b->writers = (llm_json_writer *)calloc(nt + 1, sizeof *b->writers);
    if (!b->messages || !b->parts || !b->calls || !b->tools || !b->writers) return 0;
    nparts = ncalls = 0;
    for (m = llm_json_first(msgs); m; m = llm_json_next(msgs, m), i++)
        if (!tokens_message(b, m, &b->messages[i], &nparts, &ncalls)) return 0;
    b->req.model = tokens_str(root, "model");
    b->req.messages = b->messages;
    b->req.message_count = nm;
    return tokens_tools(b, llm_json_get(root, "tools"));
}

static void tokens_body_free(tokens_body *b) {
    size_t i;
    for (i = 0; b->writers && i < b->tool_count; i++) llm_json_writer_free(&b->writers[i]);
    free(b->messages), free(b->parts), free(b->calls), free(b->tools), free(b->writers);
    llm_json_doc_free(&b->doc);
}

static int tokens_request(const tokens_opts *o) {
    tokens_body b;
    llm_bpe bpe;
    llm_error err;
    size_t len, n = 0;
    int status = CLI_FAILED;
    char *text = cli_read_all(o->request, &len);
    llm_encoding enc;
    memset(&b, 0, sizeof b);
    memset(&bpe, 0, sizeof bpe);
    if (!text) {
        fprintf(stderr, "llm: cannot read %s\n", o->request);
        return CLI_USAGE;
    }
    if (llm_json_parse(&b.doc, text, len, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s: offset %zu: %s\n", o->request, err.offset, err.message);
    } else if (!tokens_body_build(&b)) {
        fprintf(stderr, "llm: %s: not a chat-completions request (messages with known roles)\n", o->request);
    } else {
        if (o->model) b.req.model = o->model;
        enc = o->encoding ? llm_encoding_from_name(o->encoding) : llm_encoding_for_model(b.req.model);
        if (enc == LLM_ENCODING_NONE) enc = LLM_ENCODING_O200K_BASE;
        status = o->estimate ? CLI_OK : tokens_load(&bpe, enc, o->vocab, 1);
        if (status == CLI_OK) {
            if (llm_count_request_tokens(&b.req, o->estimate ? NULL : &bpe, NULL, &n, &err) == LLM_OK) {
                printf("%zu\n", n);
            } else {
                fprintf(stderr, "llm: %s\n", err.message);
                status = CLI_FAILED;
            }
        }
    }
    llm_bpe_free(&bpe);
    tokens_body_free(&b);
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
    if (!tokens_parse_args(argc, argv, &o)) return tokens_usage();
    if (o.encoding && llm_encoding_from_name(o.encoding) == LLM_ENCODING_NONE) {
        fprintf(stderr, "llm: unknown encoding %s (cl100k_base or o200k_base)\n", o.encoding);
        return CLI_USAGE;
    }
    if (o.request) return tokens_request(&o);
    enc = o.encoding ? llm_encoding_from_name(o.encoding) : llm_encoding_for_model(o.model);
    explicit_encoding = enc != LLM_ENCODING_NONE;
    if (enc == LLM_ENCODING_NONE) enc = LLM_ENCODING_O200K_BASE;
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
