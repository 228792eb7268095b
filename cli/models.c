/* models.c - `llm models --remote`: the models a server lists (every page),
   and `llm health`: whether a server takes requests. The offline
   `llm models` (the price table's) stays in cost.c. */
#include "../llm.h"
#include "../llm_curl_adapter.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pages a listing follows at most (Gemini's default page holds 50). */
#define CLI_MODELS_MAX_PAGES 100

/* What one listed model says, the server's word first, then the price
   table's: limits (0 unknown) and USD per million tokens (< 0 unknown). */
typedef struct cli_model_row {
    int64_t context, max_output;
    double input, output;
} cli_model_row;

static cli_model_row cli_model_facts(const llm_remote_model *m) {
    cli_model_row row;
    row.context = m->context_window;
    row.max_output = m->max_output_tokens;
    row.input = m->has_price ? m->input_usd_per_mtok : -1;
    row.output = m->has_price ? m->output_usd_per_mtok : -1;
#ifndef LLM_NO_COSTS
    if (m->known) {
        if (!row.context) row.context = m->info.max_input_tokens;
        if (!row.max_output) row.max_output = m->info.max_output_tokens;
        if (row.input < 0 && (m->info.price_set & (1ull << LLM_PRICE_INPUT)))
            row.input = m->info.price[LLM_PRICE_INPUT] * 1e6;
        if (row.output < 0 && (m->info.price_set & (1ull << LLM_PRICE_OUTPUT)))
            row.output = m->info.price[LLM_PRICE_OUTPUT] * 1e6;
    }
#endif
    return row;
}

static void cli_print_count(int64_t n, const char *tail) {
    if (n > 0) printf("%lld%s", (long long)n, tail);
    else printf("-%s", tail);
}

static void cli_print_price(double usd, const char *tail) {
    char s[64];
    if (usd < 0) {
        printf("-%s", tail);
        return;
    }
    cli_format_usd(usd, s, sizeof s);
    printf("%s%s", s, tail);
}

static void cli_print_lines(const llm_model_list *list, const char *provider) {
    size_t i;
    for (i = 0; i < list->count; i++) {
        cli_model_row row = cli_model_facts(&list->models[i]);
        printf("%s\t%s\t", list->models[i].id, provider);
        cli_print_count(row.context, "\t");
        cli_print_count(row.max_output, "\t");
        cli_print_price(row.input, "\t");
        cli_print_price(row.output, "\n");
    }
}

static void cli_write_count(llm_json_writer *w, const char *key, int64_t n) {
    llm_json_write_key(w, key);
    if (n > 0) llm_json_write_int(w, n);
    else llm_json_write_null(w);
}

static void cli_write_price(llm_json_writer *w, const char *key, double usd) {
    llm_json_write_key(w, key);
    if (usd >= 0) llm_json_write_number(w, usd);
    else llm_json_write_null(w);
}

/* One JSON array: the columns' facts, plus display_name, owner, created
   and (Gemini) methods, null when unknown. */
static int cli_print_json(const llm_model_list *list, const char *provider) {
    llm_json_writer w;
    const char *out;
    size_t i, k, len;
    memset(&w, 0, sizeof w);
    llm_json_write_array_begin(&w);
    for (i = 0; i < list->count; i++) {
        const llm_remote_model *m = &list->models[i];
        cli_model_row row = cli_model_facts(m);
        llm_json_write_object_begin(&w);
        llm_json_write_key(&w, "id");
        llm_json_write_string(&w, m->id);
        llm_json_write_key(&w, "provider");
        llm_json_write_string(&w, provider);
        llm_json_write_key(&w, "display_name");
        llm_json_write_string(&w, m->display_name);
        llm_json_write_key(&w, "owner");
        llm_json_write_string(&w, m->owner);
        cli_write_count(&w, "created", m->created);
        cli_write_count(&w, "context_window", row.context);
        cli_write_count(&w, "max_output_tokens", row.max_output);
        cli_write_price(&w, "input_usd_per_mtok", row.input);
        cli_write_price(&w, "output_usd_per_mtok", row.output);
        llm_json_write_key(&w, "methods");
        if (m->method_count) {
            llm_json_write_array_begin(&w);
            for (k = 0; k < m->method_count; k++) llm_json_write_string(&w, m->methods[k]);
            llm_json_write_array_end(&w);
        } else {
            llm_json_write_null(&w);
        }
        llm_json_write_object_end(&w);
    }
    llm_json_write_array_end(&w);
    if (llm_json_writer_finish(&w, &out, &len) != LLM_OK) {
        llm_json_writer_free(&w);
        fputs("llm models: out of memory\n", stderr);
        return CLI_FAILED;
    }
    fwrite(out, 1, len, stdout);
    fputc('\n', stdout);
    llm_json_writer_free(&w);
    return CLI_OK;
}

/* The target of a verb that names no model: --provider, --base-url or
   LLM_BASE_URL say where (-m MODEL may name it by its model instead); the
   model the target needs is then a placeholder nobody sends. */
static int cli_target_without_model(const char *verb, cli_remote *r, int need_key, llm_target *t) {
    const char *env = getenv("LLM_BASE_URL");
    if (!r->model && !r->provider && !r->base_url && !(env && env[0])) {
        fprintf(stderr, "llm %s: give --provider P or --base-url URL (or -m MODEL to name its provider)\n", verb);
        return CLI_USAGE;
    }
    if (!r->model) r->model = "-";
    return cli_remote_target(verb, r, need_key, t);
}

static int cli_models_remote(int argc, char **argv) {
    cli_remote r;
    llm_target t;
    cli_remote_client c;
    llm_model_list list;
    llm_error err;
    int i, json = 0, st;
    memset(&r, 0, sizeof r);
    for (i = 1; i < argc; i++) {
        int taken = cli_remote_flag("models", &r, argc, argv, &i);
        if (taken < 0) return CLI_USAGE;
        if (taken) continue;
        if (strcmp(argv[i], "--remote") == 0) continue;
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else return cli_unknown_option("models", argv[i]);
    }
    if ((st = cli_target_without_model("models", &r, 1, &t)) != CLI_OK) return st;
    if ((st = cli_remote_open("models", &r, &t, &c)) != CLI_OK) return st;
    if (llm_list_models_all(&c.client, NULL, CLI_MODELS_MAX_PAGES, &list, &err) != LLM_OK) {
        st = cli_remote_failed("models", &err);
    } else {
        if (json) st = cli_print_json(&list, t.provider->name);
        else cli_print_lines(&list, t.provider->name);
        if (list.has_more)
            fprintf(stderr, "llm models: warning: the list goes on past %d pages (not fetched)\n",
                    CLI_MODELS_MAX_PAGES);
        llm_model_list_free(&list);
    }
    cli_remote_close(&c);
    return st;
}

int cli_models_verb(int argc, char **argv) {
    int i;
    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], "--remote") == 0) return cli_models_remote(argc, argv);
    return cli_models(argc, argv);
}

int cli_health(int argc, char **argv) {
    cli_remote r;
    llm_target t;
    cli_remote_client c;
    llm_health_info out;
    llm_error err;
    int64_t wait_s = -1;
    llm_result res;
    int i, st;
    memset(&r, 0, sizeof r);
    for (i = 1; i < argc; i++) {
        int taken = cli_remote_flag("health", &r, argc, argv, &i);
        if (taken < 0) return CLI_USAGE;
        if (taken) continue;
        if (strcmp(argv[i], "--wait") != 0 || i + 1 >= argc) return cli_unknown_option("health", argv[i]);
        if (!cli_parse_count(argv[++i], &wait_s) || wait_s > 86400) return cli_bad_number("health", "--wait", argv[i]);
    }
    /* a probe sends no key: a server that needs one is still asked */
    if ((st = cli_target_without_model("health", &r, 0, &t)) != CLI_OK) return st;
    if (!r.timeout_ms) r.timeout_ms = 5000; /* one probe's; waiting has its own deadline */
    if ((st = cli_remote_open("health", &r, &t, &c)) != CLI_OK) return st;
    res = wait_s >= 0 ? llm_wait_ready(&c.client, wait_s * 1000, &out, &err) : llm_health(&c.client, &out, &err);
    if (res == LLM_OK) {
        puts("ready");
    } else if (out.state == LLM_HEALTH_LOADING) {
        puts("loading");
        fprintf(stderr, "llm health: %s answered %d: %s\n", out.url, out.http_status, err.message);
        st = CLI_FAILED;
    } else {
        st = cli_remote_failed("health", &err);
    }
    cli_remote_close(&c);
    return st;
}
