/* llm request: what llm.h would send.

   llm request [-m MODEL] [--provider P] [--base-url URL] [--stream] [--allow-plain-http] [FILE|-]
       reads one OpenAI chat-completions request body, resolves provider,
       base URL and key as `llm chat` does (llm_resolve_target: --provider,
       else --base-url or LLM_BASE_URL for an OpenAI-compatible server that
       gets the model verbatim, else the model's prefix or bare name; -m
       overrides the file's model), encodes it and prints one JSON object:
       {"method","url","headers":{...},"body":{...}}. No request-id header
       (it changes every run); the Idempotency-Key every request carries
       shows as "<generated>" (it too changes every run); the auth header's value is its prefix and
       "<redacted>", shown even when no key is set (keyless presets, such
       as ollama, send none unless one is). Members llm_request
       cannot hold pass through extra_body for chat-completions formats;
       for others they are refused, named. Exit 0; 1 when the request
       cannot be encoded (one line naming the field, or "offset N: reason"
       for invalid JSON); 2 on usage errors or an unreadable file. */
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct request_args {
    const char *model, *provider, *base_url, *path;
    bool stream, allow_plain_http;
} request_args;

static int request_parse_args(int argc, char **argv, request_args *a) {
    int i;
    memset(a, 0, sizeof *a);
    a->path = "-";
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(arg, "--stream") == 0) a->stream = true;
        else if (strcmp(arg, "--allow-plain-http") == 0) a->allow_plain_http = true;
        else if ((strcmp(arg, "-m") == 0 || strcmp(arg, "--model") == 0) && has_value) a->model = argv[++i];
        else if (strcmp(arg, "--provider") == 0 && has_value) a->provider = argv[++i];
        else if (strcmp(arg, "--base-url") == 0 && has_value) a->base_url = argv[++i];
        else if (arg[0] == '-' && arg[1] != '\0') return cli_unknown_option("request", arg);
        else a->path = arg;
    }
    return CLI_OK;
}

/* Prints {"method","url","headers","body"} for the call's request. */
static int print_request(const llm_http_request *http) {
    llm_json_writer w;
    llm_json_doc body;
    const char *out;
    size_t i, len;
    int status = CLI_OK;
    memset(&w, 0, sizeof w);
    memset(&body, 0, sizeof body);
    llm_json_write_object_begin(&w);
    llm_json_write_key(&w, "method");
    llm_json_write_string(&w, http->method);
    llm_json_write_key(&w, "url");
    llm_json_write_string(&w, http->url);
    llm_json_write_key(&w, "headers");
    llm_json_write_object_begin(&w);
    for (i = 0; i < http->header_count; i++) {
        llm_json_write_key(&w, http->headers[i].name);
        llm_json_write_string(&w, http->headers[i].value); /* the secret one holds "<redacted>": see below */
    }
    llm_json_write_object_end(&w);
    llm_json_write_key(&w, "body");
    if (llm_json_parse(&body, http->body, http->body_len, NULL) == LLM_OK) llm_json_write_value(&w, llm_json_root(&body));
    else llm_json_write_null(&w);
    llm_json_write_object_end(&w);
    if (llm_json_writer_finish(&w, &out, &len) == LLM_OK) {
        fwrite(out, 1, len, stdout);
        fputc('\n', stdout);
    } else {
        status = CLI_FAILED;
    }
    llm_json_doc_free(&body);
    llm_json_writer_free(&w);
    return status;
}

/* The client for the target; the secret is the literal "<redacted>", so
   the header shows how it is sent without showing it. */
static llm_result request_client(const llm_target *t, bool allow_plain_http, llm_client *c, llm_error *err) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.allow_plain_http = allow_plain_http;
    d.custom_provider = t->provider;
    d.base_url = t->base_url;
    d.api_version = t->api_version;
    d.no_request_id = true;
    if (t->bearer_token) d.bearer_token = "<redacted>";
    else if (t->api_key || !t->provider->keyless) d.api_key = "<redacted>";
    return llm_client_init(c, &d, err);
}

int cli_request(int argc, char **argv) {
    request_args a;
    llm_openai_request parsed;
    llm_target target;
    llm_client client;
    llm_call call;
    const llm_http_request *http;
    llm_error err;
    size_t len;
    char *text;
    int status = request_parse_args(argc, argv, &a);
    if (status != CLI_OK) return status;
    if (a.provider && !llm_provider_find(a.provider)) { /* a usage error, as in llm replay */
        fprintf(stderr, "llm request: unknown provider \"%s\" (see README, Providers)\n", a.provider);
        return CLI_USAGE;
    }
    if (!(text = cli_read_all(a.path, &len))) {
        fprintf(stderr, "llm request: cannot read %s\n", a.path);
        return CLI_USAGE;
    }
    memset(&parsed, 0, sizeof parsed);
    status = CLI_FAILED;
    if (llm_request_parse_openai(&parsed, text, len, &err) != LLM_OK) {
        if (err.code == LLM_ERR_PARSE) fprintf(stderr, "llm request: offset %zu: %s\n", err.offset, err.message);
        else fprintf(stderr, "llm request: %s\n", err.message);
        goto done;
    }
    if (a.model) parsed.request.model = a.model;
    if (a.stream) parsed.stream = true;
    parsed.request.idempotency_key = "<generated>"; /* made anew for every request that is sent */
    if (!parsed.request.model) {
        fputs("llm request: model: missing (in the file, or -m)\n", stderr);
        goto done;
    }
    if (cli_resolve_target(parsed.request.model, a.provider, a.base_url, &target, &err) != LLM_OK ||
        request_client(&target, a.allow_plain_http, &client, &err) != LLM_OK) {
        fprintf(stderr, "llm request: %s\n", err.message);
        goto done;
    }
    if (parsed.unknown_count && !target.provider->wire->chat_completions) {
        size_t i;
        fprintf(stderr, "llm request: %s cannot take", target.provider->name);
        for (i = 0; i < parsed.unknown_count && i < 16; i++) fprintf(stderr, "%s %s", i ? "," : "", parsed.unknown[i]);
        fputs(" (members an llm_request cannot hold)\n", stderr);
        goto done;
    }
    if ((parsed.stream ? llm_call_begin_stream(&call, &client, &parsed.request, 0, &http, &err)
                       : llm_call_begin(&call, &client, &parsed.request, 0, &http, &err)) != LLM_OK) {
        fprintf(stderr, "llm request: %s\n", err.message);
        goto done;
    }
    status = print_request(http);
    llm_call_free(&call);
done:
    llm_openai_request_free(&parsed);
    free(text);
    return status;
}
