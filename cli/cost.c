/* llm cost / info / models: prices and model facts from the price table.

   llm cost --model M --prompt-tokens N [--completion-tokens N] [--cached-tokens N]
            [--cache-creation-tokens N] [--cache-creation-1h-tokens N] [--reasoning-tokens N]
            [--service-tier T] [--prices FILE]
   llm cost --usage FILE [--model M] [--prices FILE]
       prints the cost in USD and nothing else: 10 significant digits,
       trailing zeros trimmed (--json: the exact double, %.17g). Token counts follow
       OpenAI's convention: --prompt-tokens counts every prompt token,
       cached (--cached-tokens), 5-minute cache writes
       (--cache-creation-tokens) and 1-hour ones (--cache-creation-1h-tokens)
       included; --completion-tokens every output token, reasoning included. --usage
       reads a saved OpenAI, Anthropic or Gemini response (or its usage
       object); the model comes from --model, else from the response.
   llm info MODEL [--prices FILE]     the model's entry as JSON (LiteLLM's keys)
   llm models [--provider P] [--prices FILE]   key, provider, mode per line

   --prices FILE loads a LiteLLM-format price JSON as the top layer for the
   run. Exit: 0 ok, 1 unknown model or invalid price file, 2 usage error or
   unreadable input. */
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LLM_NO_COSTS

/* Loads --prices FILE into db; a CLI_* status. */
static int cli_load_prices(llm_costs *db, const char *path) {
    llm_error err;
    llm_result r;
    if (!path) return CLI_OK;
    r = llm_costs_load_file(db, path, &err);
    if (r == LLM_OK) return CLI_OK;
    fprintf(stderr, "llm: %s: %s\n", path, err.message);
    return r == LLM_ERR_INVALID_ARGUMENT ? CLI_USAGE : CLI_FAILED;
}

static int64_t cli_int(const llm_json *v) { return llm_json_int(v, 0) > 0 ? llm_json_int(v, 0) : 0; }

/* Reads the usage of a saved response: OpenAI's (prompt_tokens...) and
   Anthropic's (input_tokens, which exclude cache reads and writes) through
   llm_usage_decode, the conversion the library's decoders use; Gemini's
   (usageMetadata, whose thoughts are outside candidates) here, until llm.h
   has a Gemini wire format. */
static llm_result cli_decode_usage(const llm_json *root, llm_usage *u, const char **model, llm_error *err) {
    const llm_json *x = llm_json_get(root, "usage"), *g = llm_json_get(root, "usageMetadata");
    memset(u, 0, sizeof *u);
    *model = llm_json_string(llm_json_get(root, "model"), NULL);
    if (!*model) *model = llm_json_string(llm_json_get(root, "modelVersion"), NULL);
    if (!x && !g) x = root;
    if (g) {
        int64_t thoughts = cli_int(llm_json_get(g, "thoughtsTokenCount"));
        u->source = LLM_USAGE_REPORTED;
        u->prompt_tokens = cli_int(llm_json_get(g, "promptTokenCount"));
        u->cached_tokens = cli_int(llm_json_get(g, "cachedContentTokenCount"));
        u->completion_tokens = cli_int(llm_json_get(g, "candidatesTokenCount")) + thoughts;
        u->reasoning_tokens = thoughts;
        u->total_tokens = u->prompt_tokens + u->completion_tokens;
        return LLM_OK;
    }
    if (llm_json_get(x, "prompt_tokens")) return llm_usage_decode("openai", x, u, err);
    if (llm_json_get(x, "input_tokens")) return llm_usage_decode("anthropic", x, u, err);
    snprintf(err->message, sizeof err->message, "no OpenAI, Anthropic or Gemini usage in it");
    return LLM_ERR_PARSE;
}

static int cli_usage_file(const char *path, llm_usage *u, const char **model, llm_json_doc *doc) {
    size_t len;
    char *text = cli_read_all(path, &len);
    llm_error err;
    llm_result r;
    if (!text) {
        fprintf(stderr, "llm: cannot read %s\n", path);
        return CLI_USAGE;
    }
    r = llm_json_parse(doc, text, len, &err);
    free(text);
    if (r != LLM_OK) {
        fprintf(stderr, "llm: %s: offset %zu: %s\n", path, err.offset, err.message);
        return CLI_USAGE;
    }
    if (cli_decode_usage(llm_json_root(doc), u, model, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s: %s\n", path, err.message);
        return CLI_USAGE;
    }
    return CLI_OK;
}

typedef struct cli_cost_args {
    const char *model, *prices, *usage_file, *tier;
    int64_t n[6];   /* prompt, completion, cached, cache creation, 1h creation, reasoning */
    bool given[6];
    bool json;
} cli_cost_args;

/* The value of option `name` in a->..., NULL when it takes no string. */
static const char **cli_cost_slot(cli_cost_args *a, const char *name) {
    return strcmp(name, "--model") == 0 ? &a->model : strcmp(name, "--prices") == 0 ? &a->prices
         : strcmp(name, "--usage") == 0 ? &a->usage_file : strcmp(name, "--service-tier") == 0 ? &a->tier : NULL;
}

static int cli_cost_parse(int argc, char **argv, cli_cost_args *a) {
    static const char *const counts[6] = {"--prompt-tokens", "--completion-tokens", "--cached-tokens",
                                          "--cache-creation-tokens", "--cache-creation-1h-tokens", "--reasoning-tokens"};
    int i, k;
    memset(a, 0, sizeof *a);
    for (i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL, **slot = cli_cost_slot(a, argv[i]);
        if (strcmp(argv[i], "--json") == 0) {
            a->json = true;
            continue;
        }
        for (k = 0; k < 6 && strcmp(argv[i], counts[k]) != 0; k++) {}
        if (!v || (k == 6 && !slot)) return cli_unknown_option("cost", argv[i]);
        if (k < 6 && !cli_parse_count(v, &a->n[k])) return cli_bad_number("cost", counts[k], v);
        if (k < 6) a->given[k] = true;
        else *slot = v;
        i++;
    }
    for (k = 0; k < 6 && !a->given[k]; k++) {}
    if (a->usage_file && k < 6) {
        fputs("llm cost: --usage FILE takes no token counts (llm cost --help)\n", stderr);
        return CLI_USAGE;
    }
    if (!a->usage_file && (!a->model || !a->given[0])) {
        fputs("llm cost: --model M and --prompt-tokens N are needed, or --usage FILE (llm cost --help)\n", stderr);
        return CLI_USAGE;
    }
    /* reads, 5-minute writes and 1-hour writes are parts of the prompt (each
       subtraction stays in range: the counts are not negative) */
    if (!a->usage_file && (a->n[2] > a->n[0] || a->n[3] > a->n[0] - a->n[2] || a->n[4] > a->n[0] - a->n[2] - a->n[3] ||
                           a->n[5] > a->n[1])) {
        fputs("llm: cached, cache-creation and 1h cache-creation tokens together must not exceed --prompt-tokens, "
              "reasoning must not exceed --completion-tokens\n", stderr);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_cost(int argc, char **argv) {
    cli_cost_args a;
    llm_costs db;
    llm_usage u;
    llm_json_doc doc;
    llm_cost_options opt;
    llm_cost_info c;
    llm_error err;
    const char *model = NULL;
    int st = cli_cost_parse(argc, argv, &a);
    if (st != CLI_OK) return st;
    memset(&db, 0, sizeof db);
    memset(&doc, 0, sizeof doc);
    memset(&u, 0, sizeof u);
    memset(&opt, 0, sizeof opt);
    opt.service_tier = a.tier;
    if (a.usage_file) {
        st = cli_usage_file(a.usage_file, &u, &model, &doc);
    } else {
        u.source = LLM_USAGE_REPORTED;
        u.prompt_tokens = a.n[0];
        u.completion_tokens = a.n[1];
        u.cached_tokens = a.n[2];
        u.cache_creation_tokens = a.n[3] + a.n[4];
        u.cache_creation_1h_tokens = a.n[4];
        u.reasoning_tokens = a.n[5];
        u.total_tokens = a.n[0] + a.n[1];
    }
    if (a.model) model = a.model;
    if (st == CLI_OK && !model) {
        fputs("llm: no --model given and none in the usage file\n", stderr);
        st = CLI_USAGE;
    }
    if (st == CLI_OK) st = cli_load_prices(&db, a.prices);
    if (st == CLI_OK && llm_cost_ex(&db, model, &u, &opt, &c, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s\n", err.message);
        st = CLI_FAILED;
    }
    if (st == CLI_OK && a.json) printf("%.17g\n", c.usd);
    else if (st == CLI_OK) {
        char usd[400];
        cli_format_usd(c.usd, usd, sizeof usd);
        puts(usd);
    }
    llm_json_doc_free(&doc);
    llm_costs_deinit(&db);
    return st;
}

/* The entry as LiteLLM-style JSON. */
static void cli_write_info(llm_json_writer *w, const char *model, const llm_model_info *info) {
    char name[96];
    int p;
    uint32_t bit;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "model");
    llm_json_write_string(w, model);
    llm_json_write_key(w, "key");
    llm_json_write_string(w, info->key);
    llm_json_write_key(w, "litellm_provider");
    llm_json_write_string(w, info->provider);
    llm_json_write_key(w, "mode");
    llm_json_write_string(w, llm_model_mode_name(info->mode));
    llm_json_write_key(w, "table");
    llm_json_write_string(w, info->table);
    if (info->max_input_tokens) {
        llm_json_write_key(w, "max_input_tokens");
        llm_json_write_int(w, info->max_input_tokens);
    }
    if (info->max_output_tokens) {
        llm_json_write_key(w, "max_output_tokens");
        llm_json_write_int(w, info->max_output_tokens);
    }
    for (p = 0; p < LLM__COSTS_PRICE_COUNT; p++) {
        const char *n = llm_price_name((llm_price)p), *hole = strstr(n, "<N>");
        if (!((info->price_set >> p) & 1u)) continue;
        if (hole) snprintf(name, sizeof name, "%.*s%lld%s", (int)(hole - n), n, (long long)(info->tier_threshold / 1000), hole + 3);
        else snprintf(name, sizeof name, "%s", n);
        llm_json_write_key(w, name);
        llm_json_write_number(w, info->price[p]);
    }
    for (bit = 1; bit && llm_capability_name(bit); bit <<= 1) {
        llm_json_write_key(w, llm_capability_name(bit));
        llm_json_write_bool(w, (info->capabilities & bit) != 0);
    }
    llm_json_write_object_end(w);
}

int cli_info(int argc, char **argv) {
    const char *model = NULL, *prices = NULL, *text;
    llm_costs db;
    llm_model_info info;
    llm_json_writer w;
    llm_error err;
    int i, st;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--prices") == 0 && i + 1 < argc) prices = argv[++i];
        else if (argv[i][0] != '-' && !model) model = argv[i];
        else return cli_unknown_option("info", argv[i]);
    }
    if (!model) {
        fputs("llm info: MODEL is needed (llm info --help)\n", stderr);
        return CLI_USAGE;
    }
    memset(&db, 0, sizeof db);
    memset(&w, 0, sizeof w);
    st = cli_load_prices(&db, prices);
    if (st == CLI_OK && llm_model_info_get(&db, model, &info, &err) != LLM_OK) {
        fprintf(stderr, "llm: %s\n", err.message);
        st = CLI_FAILED;
    }
    if (st == CLI_OK) {
        cli_write_info(&w, model, &info);
        if (llm_json_writer_finish(&w, &text, NULL) == LLM_OK) puts(text);
        else st = CLI_FAILED;
    }
    llm_json_writer_free(&w);
    llm_costs_deinit(&db);
    return st;
}

static bool cli_print_model(void *user, const llm_model_info *info) {
    ++*(long *)user;
    printf("%s\t%s\t%s\n", info->key, info->provider, llm_model_mode_name(info->mode));
    return true;
}

int cli_models(int argc, char **argv) {
    const char *provider = NULL, *prices = NULL;
    llm_costs db;
    long listed = 0;
    int i, st;
    for (i = 1; i < argc; i += 2) {
        if (i + 1 >= argc) return cli_unknown_option("models", argv[i]);
        if (strcmp(argv[i], "--provider") == 0) provider = argv[i + 1];
        else if (strcmp(argv[i], "--prices") == 0) prices = argv[i + 1];
        else return cli_unknown_option("models", argv[i]);
    }
    memset(&db, 0, sizeof db);
    st = cli_load_prices(&db, prices);
    if (st == CLI_OK) llm_costs_each(&db, provider, cli_print_model, &listed);
    if (st == CLI_OK && listed == 0 && provider) fprintf(stderr, "llm models: no models for provider \"%s\"\n", provider);
    else if (st == CLI_OK && listed == 0) fputs("llm models: no models\n", stderr);
    llm_costs_deinit(&db);
    return st;
}

#else
static int cli_no_costs(void) {
    fputs("llm: built with LLM_NO_COSTS\n", stderr);
    return CLI_FAILED;
}
int cli_cost(int argc, char **argv) { (void)argc; (void)argv; return cli_no_costs(); }
int cli_info(int argc, char **argv) { (void)argc; (void)argv; return cli_no_costs(); }
int cli_models(int argc, char **argv) { (void)argc; (void)argv; return cli_no_costs(); }
#endif
