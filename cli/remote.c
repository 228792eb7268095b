/* remote.c - what the verbs that ask a server something besides chat
   share (embed, models --remote, health, tokens --remote): their target
   flags, read the same way by each, and a client over libcurl for the
   target those flags name, made as `llm chat` makes its own. */
#include "../llm.h"
#include "../llm_curl_adapter.h"
#include "cli.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_remote_flag(const char *verb, cli_remote *r, int argc, char **argv, int *i) {
    const char *f = argv[*i];
    const char **slot = strcmp(f, "-m") == 0 || strcmp(f, "--model") == 0 ? &r->model
                      : strcmp(f, "--provider") == 0                      ? &r->provider
                      : strcmp(f, "--base-url") == 0                      ? &r->base_url
                                                                          : NULL;
    if (strcmp(f, "--allow-plain-http") == 0) {
        r->allow_plain_http = 1;
        return 1;
    }
    if (!slot && strcmp(f, "--timeout-ms") != 0) return 0;
    if (*i + 1 >= argc) return cli_unknown_option(verb, f), -1;
    (*i)++;
    if (slot) {
        *slot = argv[*i];
        return 1;
    }
    if (!cli_parse_count(argv[*i], &r->timeout_ms) || r->timeout_ms > INT32_MAX)
        return cli_bad_number(verb, f, argv[*i]), -1;
    return 1;
}

int cli_remote_target(const char *verb, const cli_remote *r, int need_key, llm_target *t) {
    llm_error err;
    if (r->provider && !llm_provider_find(r->provider)) {
        fprintf(stderr, "llm %s: unknown provider \"%s\" (see README, Providers)\n", verb, r->provider);
        return CLI_USAGE;
    }
    if (cli_resolve_target(r->model ? r->model : "", r->provider, r->base_url, t, &err) != LLM_OK) {
        fprintf(stderr, "llm %s: %s\n", verb, err.message);
        return CLI_USAGE;
    }
    if (need_key && !t->api_key && !t->bearer_token && !t->provider->keyless) {
        fprintf(stderr, "llm %s: no API key for %s: set %s\n", verb, t->provider->name,
                t->key_vars[0] ? t->key_vars : "its key variable");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* A log line on stderr: "llm VERB: warning: ..." (the transport's
   warnings, always), and with LLM_LOG=debug|info|warn the adapter's and
   the client's lines at that level ("llm VERB: info: POST https://...").
   Each line through llm_scrub_copy, as errors are (the library's lines
   come without the key; control bytes become spaces). */
void cli_log(void *user, llm_log_level level, const char *message) {
    char line[1024];
    llm_scrub_copy(line, sizeof line, message, strlen(message), NULL);
    fprintf(stderr, "llm %s: %s: %s\n", user ? (const char *)user : "chat",
            level <= LLM_LOG_WARN ? "warning" : level == LLM_LOG_INFO ? "info" : "debug", line);
}

static void cli_remote_curl_log(void *user, llm_log_level level, const char *message) {
    cli_log(user, level, message);
}

/* LLM_LOG=info or debug: the client's own lines too (each retry, its wait
   and why). */
static int cli_log_wanted(void) {
    const char *v = getenv("LLM_LOG");
    return v && (strcmp(v, "info") == 0 || strcmp(v, "debug") == 0);
}

void cli_client_desc(const llm_target *t, int64_t timeout_ms, int allow_plain_http, llm_curl *curl,
                     llm_client_desc *d) {
    memset(d, 0, sizeof *d);
    d->custom_provider = t->provider;
    d->base_url = t->base_url;
    d->api_key = t->api_key;
    d->bearer_token = t->bearer_token;
    d->api_version = t->api_version;
    d->timeout_ms = timeout_ms > 0 ? (int)timeout_ms : CLI_REMOTE_TIMEOUT_MS;
    d->allow_plain_http = allow_plain_http != 0;
    d->transport = llm_curl_transport(curl);
    if (cli_log_wanted()) d->log = cli_log; /* log_user NULL: "llm chat" */
}

int cli_remote_open(const char *verb, const cli_remote *r, const llm_target *t, cli_remote_client *out) {
    llm_curl_options o;
    llm_client_desc d;
    llm_error err;
    memset(out, 0, sizeof *out);
    memset(&o, 0, sizeof o);
    o.log = cli_remote_curl_log;
    o.log_user = (void *)(uintptr_t)verb;
    o.log_level = LLM_LOG_WARN;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&out->curl, &o, &err) != LLM_OK) {
        fprintf(stderr, "llm %s: %s\n", verb, err.message);
        curl_global_cleanup();
        return CLI_FAILED;
    }
    cli_client_desc(t, r->timeout_ms, r->allow_plain_http, &out->curl, &d);
    d.log_user = (void *)(uintptr_t)verb;
    out->open = 1;
    if (llm_client_init(&out->client, &d, &err) != LLM_OK) {
        fprintf(stderr, "llm %s: %s\n", verb, err.message);
        cli_remote_close(out);
        return CLI_USAGE;
    }
    return CLI_OK;
}

void cli_remote_close(cli_remote_client *c) {
    if (!c->open) return;
    llm_curl_free(&c->curl);
    curl_global_cleanup();
    memset(c, 0, sizeof *c);
}

int cli_remote_failed(const char *verb, const llm_error *err) {
    const char *name = llm_result_str(err->code);
    if (strncmp(name, "LLM_ERR_", 8) == 0) name += 8;
    if (err->http_status) fprintf(stderr, "llm %s: %s: %s (HTTP %d)\n", verb, name, err->message, err->http_status);
    else fprintf(stderr, "llm %s: %s: %s\n", verb, name, err->message);
    return CLI_FAILED;
}
