/* llm chat: one chat request to a real server, the answer as it arrives.

   llm chat [-m MODEL] [--provider P] [--base-url URL] [--system S] [--max-tokens N] [--temperature T]
            [--tool FILE]... [--image PATH|URL]... [--schema FILE] [--fallback M2,M3] [--router FILE]
            [--store redis://HOST:PORT] [--max-wait-ms N] [--request FILE] [-H 'Name: value']... [--timeout-ms N] [--first-token-timeout-ms N]
            [--stall-timeout-ms N] [--reasoning] [--no-stream] [--json] [-v]
            [--allow-plain-http] PROMPT|-

   The flags become an OpenAI chat-completions body (on top of --request
   FILE's, when given), read by llm_request_parse_openai as `llm request`
   reads its input, so `llm request` prints exactly what this sends (this
   streams unless --no-stream: `llm request --stream`). The prompt is the
   user turn's content as a string, as a user writes it (with --image, the
   text and image parts), so the same body given to `llm request` takes the
   same path through llm.h. The
   target resolves through llm_resolve_target: --provider, else --base-url
   or LLM_BASE_URL (an OpenAI-compatible server that gets -m verbatim, key
   LLM_API_KEY), else the model's prefix or bare name with that preset's
   variables. Model: -m, else the file's, else LLM_MODEL.

   Deadlines, each LLM_ERR_TIMEOUT (exit 1, "TIMEOUT: ..."): --timeout-ms
   is the whole call's, streamed or not (default 600000: a non-streamed
   request's timeout_ms, a stream's total_timeout_ms); a stream also takes
   --first-token-timeout-ms (until the first text, reasoning or tool call)
   and --stall-timeout-ms (between them), which --no-stream refuses. Files
   are read up to a limit and no further (exit 2 past it): 20 MiB for an
   --image, 8 MiB for --request, --tool, --schema and a prompt from stdin
   (CLI_MAX_IMAGE_BYTES, CLI_MAX_JSON_BYTES).

   --router FILE sends the request through a router built from a LiteLLM
   proxy config (model_list, router_settings...): -m names one of its model
   groups, and the file says where each deployment is and with what key
   (os.environ/NAME). A .json file goes to llm_router_init_json as it is;
   any other is YAML, converted to that JSON by config.c (libyaml; a build
   without it refuses YAML, saying how to get it). --timeout-ms is then the
   deadline of the whole request; --provider, --base-url and --fallback do
   not go with it (the file says all that).

   --store redis://[:PASSWORD@]HOST:PORT[/DB] (else LLM_ROUTER_STORE, else
   the file's router_settings.redis_host, redis_port and redis_password)
   shares the router's limits, cooldowns and in-flight slots with every
   process pointed at the same Redis (llm_redis_store.h). When the shared
   limit is full the call fails at once (RATE_LIMITED, exit 1) unless
   --max-wait-ms N lets it wait that long for room. When Redis is
   unavailable the call goes ahead on the file's limits, after one line on
   stderr: "llm chat: warning: router store redis://...: unavailable (...),
   using local limits". A build without hiredis refuses --store and
   LLM_ROUTER_STORE (exit 2), saying how to get it.

   A key goes over plain http:// only to a loopback host (127.0.0.0/8,
   [::1], localhost); to any other, llm.h refuses the call before sending
   anything, unless --allow-plain-http (llm_client_desc.allow_plain_http,
   and the router's for --fallback and --router), which stderr then warns
   of at every request.

   stdout: the answer's text as it arrives (flushed per event), one
   newline, then one JSON line {"id","name","arguments"} per tool call
   (the arguments as the model wrote them; "arguments_invalid":true added
   when they are not one JSON value).
   stderr: reasoning text with --reasoning; with -v the router's decisions
   (--fallback, --router), one line each ("router: request N: ..."); last, one line
   of fixed keys: model= provider= prompt_tokens= completion_tokens=
   cached_tokens= reasoning_tokens= usage= cost_usd= latency_ms=
   attempts=. usage= says where the token counts come from: reported (by
   the server) or missing (the server sent none, or usage that was refused:
   the counts are then 0 and mean nothing; the library's estimate is not
   printed, neither here nor in --json); cost_usd= is "unknown" when no
   price is known for the model (a proxy's alias) or the usage is missing,
   never 0 for that; latency_ms= is the whole
   request and attempts= the HTTP attempts it took (with --fallback or
   --router: every retry and fallback, backoff included). --json prints the response as
   one JSON object instead of the text (the shape of `llm replay`, with
   id, model, provider, cost_usd (null when unknown), latency_ms and
   attempts; usage null and "usage_source":"missing" when missing); the summary line
   still follows on stderr. Exit 0 answered; 1 the call failed
   (one line "CODE: message (HTTP n)"); 2 usage error, unreadable file or
   no API key. The key is never printed. With OTEL_EXPORTER_OTLP_ENDPOINT
   set, the call's spans and metrics go to that OpenTelemetry collector
   (chat_otlp_start below), sent after the answer, before exit. */
#define _POSIX_C_SOURCE 200809L /* the adapter's monotonic clock */
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"
#ifdef LLM_CLI_REDIS
#define LLM_REDIS_IMPLEMENTATION
#include "../llm_redis_store.h"
#endif
#define LLM_OTLP_IMPLEMENTATION
#include "../llm_otlp.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHAT_MAX_LIST 16          /* --tool, --image, -H, --fallback entries */
#define CHAT_DEFAULT_TIMEOUT_MS CLI_REMOTE_TIMEOUT_MS

typedef struct chat_args {
    const char *model, *provider, *base_url, *system, *schema, *fallback, *router, *request, *prompt, *store;
    const char *tools[CHAT_MAX_LIST], *images[CHAT_MAX_LIST], *headers[CHAT_MAX_LIST];
    size_t tool_count, image_count, header_count;
    int64_t max_tokens, timeout_ms, first_token_ms, stall_ms, max_wait_ms;
    double temperature;
    bool has_max_wait_ms;
    bool has_max_tokens, has_temperature, reasoning, no_stream, json, verbose;
    bool allow_plain_http;       /* the key may go over http:// to a host that is not loopback */
    llm_telemetry telemetry;     /* the OTLP exporter's hooks when OTEL_EXPORTER_OTLP_ENDPOINT is set, else zeroed */
} chat_args;

/* What the answer's printing needs while it streams. */
typedef struct chat_out {
    const chat_args *args;
    bool wrote_text, wrote_reasoning;
    bool text_ended; /* the newline after the text is out (a router line followed the text) */
} chat_out;

static int chat_list_add(const char **list, size_t *count, const char *flag, const char *v) {
    if (*count == CHAT_MAX_LIST) {
        fprintf(stderr, "llm chat: at most %d %s\n", CHAT_MAX_LIST, flag);
        return CLI_USAGE;
    }
    list[(*count)++] = v;
    return CLI_OK;
}

static int chat_parse_number(const char *flag, const char *v, int64_t *out) {
    return cli_parse_count(v, out) ? CLI_OK : cli_bad_number("chat", flag, v);
}

static int chat_parse_temperature(const char *v, double *out) {
    char *end;
    *out = v && *v ? strtod(v, &end) : -1;
    if (!v || !*v || *end || *out < 0 || *out > 2) return cli_bad_number("chat", "--temperature", v);
    return CLI_OK;
}

/* The value of a flag that takes one, or NULL. */
static const char **chat_slot(chat_args *a, const char *f) {
    return strcmp(f, "-m") == 0 || strcmp(f, "--model") == 0 ? &a->model
         : strcmp(f, "--provider") == 0                    ? &a->provider
         : strcmp(f, "--base-url") == 0                    ? &a->base_url
         : strcmp(f, "--system") == 0                      ? &a->system
         : strcmp(f, "--schema") == 0                      ? &a->schema
         : strcmp(f, "--fallback") == 0                    ? &a->fallback
         : strcmp(f, "--router") == 0                      ? &a->router
         : strcmp(f, "--store") == 0                       ? &a->store
         : strcmp(f, "--request") == 0                     ? &a->request : NULL;
}

static int chat_parse_args(int argc, char **argv, chat_args *a) {
    int i, st = CLI_OK;
    memset(a, 0, sizeof *a);
    for (i = 1; i < argc && st == CLI_OK; i++) {
        const char *f = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL, **slot = chat_slot(a, f);
        bool flag = true;
        if (strcmp(f, "--reasoning") == 0) a->reasoning = true;
        else if (strcmp(f, "--no-stream") == 0) a->no_stream = true;
        else if (strcmp(f, "--json") == 0) a->json = true;
        else if (strcmp(f, "-v") == 0 || strcmp(f, "--verbose") == 0) a->verbose = true;
        else if (strcmp(f, "--allow-plain-http") == 0) a->allow_plain_http = true;
        else flag = false;
        if (flag) continue;
        if (f[0] != '-' || strcmp(f, "-") == 0) { /* the prompt */
            if (a->prompt) return cli_unknown_option("chat", f);
            a->prompt = f;
            continue;
        }
        if (!v) return cli_unknown_option("chat", f);
        i++;
        if (slot) *slot = v;
        else if (strcmp(f, "--tool") == 0) st = chat_list_add(a->tools, &a->tool_count, "--tool", v);
        else if (strcmp(f, "--image") == 0) st = chat_list_add(a->images, &a->image_count, "--image", v);
        else if (strcmp(f, "-H") == 0 || strcmp(f, "--header") == 0) st = chat_list_add(a->headers, &a->header_count, "-H", v);
        else if (strcmp(f, "--max-tokens") == 0) st = chat_parse_number(f, v, &a->max_tokens), a->has_max_tokens = true;
        else if (strcmp(f, "--timeout-ms") == 0) st = chat_parse_number(f, v, &a->timeout_ms);
        else if (strcmp(f, "--first-token-timeout-ms") == 0) st = chat_parse_number(f, v, &a->first_token_ms);
        else if (strcmp(f, "--stall-timeout-ms") == 0) st = chat_parse_number(f, v, &a->stall_ms);
        else if (strcmp(f, "--max-wait-ms") == 0) st = chat_parse_number(f, v, &a->max_wait_ms), a->has_max_wait_ms = true;
        else if (strcmp(f, "--temperature") == 0) st = chat_parse_temperature(v, &a->temperature), a->has_temperature = true;
        else return cli_unknown_option("chat", f);
    }
    if (st == CLI_OK && !a->prompt && !a->request) {
        fputs("llm chat: a PROMPT (or - for stdin) or --request FILE is needed (llm chat --help)\n", stderr);
        return CLI_USAGE;
    }
    if (st == CLI_OK && a->timeout_ms > 0x7FFFFFFF) return cli_bad_number("chat", "--timeout-ms", "too large");
    if (st == CLI_OK && a->first_token_ms > 0x7FFFFFFF) return cli_bad_number("chat", "--first-token-timeout-ms", "too large");
    if (st == CLI_OK && a->stall_ms > 0x7FFFFFFF) return cli_bad_number("chat", "--stall-timeout-ms", "too large");
    if (st == CLI_OK && a->max_wait_ms > 0x7FFFFFFF) return cli_bad_number("chat", "--max-wait-ms", "too large");
    if (st == CLI_OK && a->store && !a->router) {
        fputs("llm chat: --store shares a router's limits: give --router FILE too\n", stderr);
        return CLI_USAGE;
    }
    if (st == CLI_OK && a->no_stream && (a->first_token_ms || a->stall_ms)) {
        fprintf(stderr, "llm chat: %s is a stream's deadline: not with --no-stream (--timeout-ms bounds the whole call)\n",
                a->first_token_ms ? "--first-token-timeout-ms" : "--stall-timeout-ms");
        return CLI_USAGE;
    }
    if (st == CLI_OK && a->router && (a->fallback || a->provider || a->base_url)) {
        fprintf(stderr, "llm chat: --router and %s: one or the other (the file names each deployment and its fallbacks)\n",
                a->fallback ? "--fallback" : a->provider ? "--provider" : "--base-url");
        return CLI_USAGE;
    }
    return st;
}

/* ---- the request body ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* "data:<type>;base64,<bytes>" for a local file, malloc'ed; the media type
   from its first bytes (PNG, JPEG, GIF, WebP, PDF). NULL when it cannot be
   read or is none of those (said on stderr). */
static char *chat_data_url(const char *path) {
    size_t len, i, o;
    char msg[512];
    unsigned char *d = (unsigned char *)cli_read_file(path, CLI_MAX_IMAGE_BYTES, &len, msg, sizeof msg);
    const char *type = NULL;
    char *url;
    if (!d) {
        fprintf(stderr, "llm chat: %s\n", msg);
        return NULL;
    }
    if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) type = "image/png";
    else if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) type = "image/jpeg";
    else if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) type = "image/gif";
    else if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) type = "image/webp";
    else if (len >= 5 && memcmp(d, "%PDF-", 5) == 0) type = "application/pdf";
    if (!type) {
        fprintf(stderr, "llm chat: %s is not a PNG, JPEG, GIF, WebP or PDF file\n", path);
        free(d);
        return NULL;
    }
    url = (char *)malloc(strlen(type) + 14 + (len + 2) / 3 * 4 + 1);
    if (url) {
        o = (size_t)sprintf(url, "data:%s;base64,", type);
        for (i = 0; i < len; i += 3) {
            unsigned long v = (unsigned long)d[i] << 16 | (i + 1 < len ? (unsigned long)d[i + 1] << 8 : 0) | (i + 2 < len ? d[i + 2] : 0);
            url[o++] = b64[v >> 18 & 63];
            url[o++] = b64[v >> 12 & 63];
            url[o++] = i + 1 < len ? b64[v >> 6 & 63] : '=';
            url[o++] = i + 2 < len ? b64[v & 63] : '=';
        }
        url[o] = '\0';
    }
    free(d);
    return url;
}

/* Parses a JSON file into doc; a CLI_* status. */
static int chat_json_file(const char *path, llm_json_doc *doc) {
    llm_error err;
    size_t len;
    char msg[512];
    char *text = cli_read_file(path, CLI_MAX_JSON_BYTES, &len, msg, sizeof msg);
    llm_result r;
    if (!text) {
        fprintf(stderr, "llm chat: %s\n", msg);
        return CLI_USAGE;
    }
    r = llm_json_parse(doc, text, len, &err);
    free(text);
    if (r == LLM_OK) return CLI_OK;
    fprintf(stderr, "llm chat: %s: offset %zu: %s\n", path, err.offset, err.message);
    return CLI_USAGE;
}

/* The user turn: the prompt's text alone as a string, the body a user
   writes for `llm request` (and what every OpenAI-compatible server takes);
   with images, the text part then the images (a data URL for a local file,
   a URL as it is). */
static int chat_write_user_turn(llm_json_writer *w, const chat_args *a) {
    size_t i, len = 0;
    char msg[512];
    char *text = strcmp(a->prompt, "-") == 0 ? cli_read_file("-", CLI_MAX_JSON_BYTES, &len, msg, sizeof msg) : NULL;
    if (strcmp(a->prompt, "-") == 0 && !text) {
        fprintf(stderr, "llm chat: the prompt: %s\n", msg);
        return CLI_USAGE;
    }
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "role");
    llm_json_write_string(w, "user");
    llm_json_write_key(w, "content");
    if (a->image_count) {
        llm_json_write_array_begin(w);
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "text");
        llm_json_write_key(w, "text");
    }
    if (text) llm_json_write_stringn(w, text, len);
    else llm_json_write_string(w, a->prompt);
    free(text);
    llm_json_write_object_end(w); /* the message, or (with images) the text part */
    if (!a->image_count) return CLI_OK;
    for (i = 0; i < a->image_count; i++) {
        bool remote = strncmp(a->images[i], "http://", 7) == 0 || strncmp(a->images[i], "https://", 8) == 0 ||
                      strncmp(a->images[i], "data:", 5) == 0;
        char *url = remote ? NULL : chat_data_url(a->images[i]);
        if (!remote && !url) return CLI_USAGE;
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "image_url");
        llm_json_write_key(w, "image_url");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "url");
        llm_json_write_string(w, remote ? a->images[i] : url);
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
        free(url);
    }
    llm_json_write_array_end(w);
    llm_json_write_object_end(w);
    return CLI_OK;
}

static int chat_write_tools(llm_json_writer *w, const chat_args *a, const llm_json *from_file) {
    const llm_json *t;
    size_t i;
    int st = CLI_OK;
    llm_json_write_key(w, "tools");
    llm_json_write_array_begin(w);
    for (t = llm_json_first(from_file); t; t = llm_json_next(from_file, t)) llm_json_write_value(w, t);
    for (i = 0; i < a->tool_count && st == CLI_OK; i++) {
        llm_json_doc doc;
        memset(&doc, 0, sizeof doc);
        if ((st = chat_json_file(a->tools[i], &doc)) == CLI_OK) llm_json_write_value(w, llm_json_root(&doc));
        llm_json_doc_free(&doc);
    }
    llm_json_write_array_end(w);
    return st;
}

static int chat_write_schema(llm_json_writer *w, const char *path) {
    llm_json_doc doc;
    int st;
    memset(&doc, 0, sizeof doc);
    if ((st = chat_json_file(path, &doc)) == CLI_OK) {
        llm_json_write_key(w, "response_format");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "json_schema");
        llm_json_write_key(w, "json_schema");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "name");
        llm_json_write_string(w, "answer");
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, true);
        llm_json_write_key(w, "schema");
        llm_json_write_value(w, llm_json_root(&doc));
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_doc_free(&doc);
    return st;
}

/* Whether the flags replace the --request file's member `key`. */
static bool chat_flag_sets(const chat_args *a, const char *key) {
    return strcmp(key, "messages") == 0 || strcmp(key, "stream") == 0 || (strcmp(key, "model") == 0 && a->model) ||
           (strcmp(key, "tools") == 0) || (strcmp(key, "max_tokens") == 0 && a->has_max_tokens) ||
           (strcmp(key, "temperature") == 0 && a->has_temperature) || (strcmp(key, "response_format") == 0 && a->schema);
}

/* The OpenAI chat-completions body the flags (over the file) describe. */
static int chat_build_body(const chat_args *a, const llm_json *file, llm_json_writer *w) {
    const llm_json *m, *k, *msgs = llm_json_get(file, "messages");
    int st = CLI_OK;
    llm_json_write_object_begin(w);
    for (k = llm_json_first(file); k; k = llm_json_next(file, k)) { /* an object's member: its key, then k + 1 */
        const char *key = llm_json_string(k, NULL);
        if (chat_flag_sets(a, key)) continue;
        llm_json_write_key(w, key);
        llm_json_write_value(w, k + 1);
    }
    if (a->model) {
        llm_json_write_key(w, "model");
        llm_json_write_string(w, a->model);
    }
    llm_json_write_key(w, "messages");
    llm_json_write_array_begin(w);
    if (a->system) {
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "role");
        llm_json_write_string(w, "system");
        llm_json_write_key(w, "content");
        llm_json_write_string(w, a->system);
        llm_json_write_object_end(w);
    }
    for (m = llm_json_first(msgs); m; m = llm_json_next(msgs, m)) llm_json_write_value(w, m);
    if (a->prompt) st = chat_write_user_turn(w, a);
    llm_json_write_array_end(w);
    if (st == CLI_OK && (a->tool_count || llm_json_count(llm_json_get(file, "tools")))) st = chat_write_tools(w, a, llm_json_get(file, "tools"));
    if (a->has_max_tokens) {
        llm_json_write_key(w, "max_tokens");
        llm_json_write_int(w, a->max_tokens);
    }
    if (a->has_temperature) {
        llm_json_write_key(w, "temperature");
        llm_json_write_number(w, a->temperature);
    }
    if (st == CLI_OK && a->schema) st = chat_write_schema(w, a->schema);
    llm_json_write_object_end(w);
    return st;
}

/* The body, parsed into `parsed`; a CLI_* status. */
static int chat_request(const chat_args *a, llm_openai_request *parsed) {
    llm_json_doc file;
    llm_json_writer w;
    llm_error err;
    const char *body;
    size_t len;
    int st = CLI_OK;
    memset(&file, 0, sizeof file);
    memset(&w, 0, sizeof w);
    if (a->request && (st = chat_json_file(a->request, &file)) == CLI_OK && !llm_json_is(llm_json_root(&file), LLM_JSON_OBJECT)) {
        fprintf(stderr, "llm chat: %s: not a JSON object\n", a->request);
        st = CLI_USAGE;
    }
    if (st == CLI_OK) st = chat_build_body(a, llm_json_root(&file), &w);
    if (st == CLI_OK && llm_json_writer_finish(&w, &body, &len) != LLM_OK) {
        fputs("llm chat: the request holds text that is not valid UTF-8\n", stderr);
        st = CLI_USAGE;
    }
    if (st == CLI_OK && llm_request_parse_openai(parsed, body, len, &err) != LLM_OK) {
        fprintf(stderr, "llm chat: %s\n", err.message);
        st = CLI_USAGE;
    }
    llm_json_writer_free(&w);
    llm_json_doc_free(&file);
    return st;
}

/* ---- the target ---- */

/* Resolves `model` (the flags, then the environment); a CLI_* status. A
   provider that needs a key and has none is a usage error naming the
   variables looked for. */
static int chat_target(const chat_args *a, const char *model, llm_target *t) {
    llm_error err;
    if (cli_resolve_target(model, a->provider, a->base_url, t, &err) != LLM_OK) {
        fprintf(stderr, "llm chat: %s\n", err.message);
        return CLI_USAGE;
    }
    if (!t->api_key && !t->bearer_token && !t->provider->keyless) {
        fprintf(stderr, "llm chat: no API key for %s: set %s (or try `make run`: a demo on a local mock server, no key needed)\n",
                t->provider->name, t->key_vars[0] ? t->key_vars : "its key variable");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* ---- the answer ---- */

static int chat_on_event(void *user, const llm_event *ev) {
    chat_out *o = (chat_out *)user;
    if (o->args->json) return 0;
    if (ev->type == LLM_EVENT_TEXT) {
        fwrite(ev->text, 1, ev->text_len, stdout);
        fflush(stdout); /* a pipe sees the words as they come */
        o->wrote_text = true;
    } else if (ev->type == LLM_EVENT_REASONING && o->args->reasoning) {
        fwrite(ev->text, 1, ev->text_len, stderr);
        o->wrote_reasoning = true;
    }
    return 0;
}

static void chat_print_tool_calls(const llm_choice *c) {
    size_t i;
    for (i = 0; c && i < c->tool_call_count; i++) {
        llm_json_writer w;
        const char *line;
        memset(&w, 0, sizeof w);
        llm_json_write_object_begin(&w);
        llm_json_write_key(&w, "id");
        llm_json_write_string(&w, c->tool_calls[i].id);
        llm_json_write_key(&w, "name");
        llm_json_write_string(&w, c->tool_calls[i].name);
        llm_json_write_key(&w, "arguments");
        llm_json_write_string(&w, c->tool_calls[i].arguments ? c->tool_calls[i].arguments : "");
        if (c->tool_calls[i].arguments_invalid) {
            llm_json_write_key(&w, "arguments_invalid");
            llm_json_write_bool(&w, true);
        }
        llm_json_write_object_end(&w);
        if (llm_json_writer_finish(&w, &line, NULL) == LLM_OK) puts(line);
        llm_json_writer_free(&w);
    }
}

/* stdout after the call: the text of a --no-stream call, the newline, the
   tool calls; or the --json object. */
static void chat_print_answer(const chat_args *a, chat_out *o, const llm_response *resp, llm_result r, const llm_error *err,
                              const char *provider) {
    const llm_choice *c = resp->choice_count ? &resp->choices[0] : NULL;
    if (a->json) {
        cli_print_response(resp, r, err, provider, true);
        return;
    }
    if (a->no_stream && c && c->content) {
        fputs(c->content, stdout);
        o->wrote_text = true;
    }
    if (a->no_stream && a->reasoning && c && c->reasoning) fputs(c->reasoning, stderr), o->wrote_reasoning = true;
    if (o->wrote_reasoning) fputc('\n', stderr);
    if (o->wrote_text && !o->text_ended) fputc('\n', stdout);
    chat_print_tool_calls(c);
    fflush(stdout);
}

static void chat_print_summary(const llm_response *resp, const char *model, const char *provider) {
    const llm_usage *u = &resp->usage;
    char usd[64] = "unknown"; /* no price for the model, or no usage: never a made-up 0 */
    if (resp->has_cost) cli_format_usd(resp->cost_usd, usd, sizeof usd);
    fprintf(stderr,
            "model=%s provider=%s prompt_tokens=%lld completion_tokens=%lld cached_tokens=%lld reasoning_tokens=%lld "
            "usage=%s cost_usd=%s latency_ms=%lld attempts=%d\n",
            resp->model ? resp->model : model, provider, (long long)u->prompt_tokens, (long long)u->completion_tokens,
            (long long)u->cached_tokens, (long long)u->reasoning_tokens,
            u->source == LLM_USAGE_REPORTED ? "reported" : "missing", usd, (long long)resp->latency_ms,
            resp->attempts);
}

static int chat_failed(const llm_error *err) {
    const char *name = llm_result_str(err->code);
    if (strncmp(name, "LLM_ERR_", 8) == 0) name += 8;
    if (err->http_status) fprintf(stderr, "%s: %s (HTTP %d)\n", name, err->message, err->http_status);
    else fprintf(stderr, "%s: %s\n", name, err->message);
    return CLI_FAILED;
}

/* ---- one client, or a router with fallbacks ---- */

/* The transport's warnings (a key over plain http://, said at every
   request) on stderr. */
static void chat_curl_log(void *user, llm_log_level level, const char *message) {
    cli_log(user, level, message);
}

static const llm_curl_options *chat_curl_options(llm_curl_options *o) {
    memset(o, 0, sizeof *o);
    o->log = chat_curl_log;
    o->log_level = LLM_LOG_WARN;
    return o;
}

static int chat_direct(const chat_args *a, const llm_request *req, const llm_target *t, llm_curl *curl) {
    llm_client_desc d;
    llm_client client;
    llm_response resp;
    llm_error err;
    chat_out o = {a, false, false, false};
    llm_result r;
    cli_client_desc(t, a->timeout_ms, a->allow_plain_http, curl, &d);
    d.telemetry = a->telemetry;
    if (llm_client_init(&client, &d, &err) != LLM_OK) {
        fprintf(stderr, "llm chat: %s\n", err.message);
        return CLI_USAGE;
    }
    r = a->no_stream ? llm_complete(&client, req, &resp, &err) : llm_stream(&client, req, chat_on_event, &o, &resp, &err);
    chat_print_answer(a, &o, &resp, r, &err, t->provider->name);
    if (r == LLM_OK) chat_print_summary(&resp, t->model, t->provider->name);
    llm_response_free(&resp);
    return r == LLM_OK ? CLI_OK : chat_failed(&err);
}

typedef struct chat_route {
    chat_out *out;
    const char *provider; /* of the deployment that answered */
    bool store_warned;    /* the one line saying the store is unavailable */
} chat_route;

static void chat_trace(void *user, const llm_router_trace *ev) {
    chat_route *c = (chat_route *)user;
    if (ev->kind == LLM_TRACE_STORE && ev->code != LLM_OK && !c->store_warned && !c->out->args->verbose) {
        const char *m = strstr(ev->message, "router store "); /* after "request N: " */
        c->store_warned = true;
        fprintf(stderr, "llm chat: warning: %s\n", m ? m : ev->message);
    }
    if (!c->out->args->verbose) return;
    /* A line after the text is the router's last (once text is out, nothing is retried): the text's one
       newline goes first, so that on a terminal the line starts under the text, with no blank line after. */
    if (c->out->wrote_text && !c->out->text_ended) {
        fputc('\n', stdout);
        c->out->text_ended = true;
    }
    fflush(stdout);
    fprintf(stderr, "router: %s\n", ev->message);
}

static void chat_success(void *user, const llm_router_attempt *at, const llm_response *resp, int64_t latency_ms, double cost_usd) {
    (void)resp, (void)latency_ms, (void)cost_usd;
    ((chat_route *)user)->provider = at->client && at->client->provider ? at->client->provider->name : NULL;
}

/* Runs the request through a router: built from rd (--fallback), or from
   the JSON of a config file over rd (--router). `provider` names the
   target in --json when no deployment answered. */
static int chat_run_router(const chat_args *a, const llm_request *req, llm_router_desc *rd, const char *config,
                           size_t config_len, llm_curl *curl, const char *provider) {
    llm_router router;
    llm_router_options opts;
    llm_response resp;
    llm_error err;
    chat_out o = {a, false, false, false};
    chat_route route = {&o, NULL, false};
    llm_result r;
    rd->transport = llm_curl_transport(curl);
    rd->allow_plain_http = a->allow_plain_http;
    rd->on_trace = chat_trace;
    rd->on_success = chat_success;
    rd->callback_user = &route;
    rd->telemetry = a->telemetry;
    r = config ? llm_router_init_json(&router, config, config_len, rd, &err) : llm_router_init(&router, rd, &err);
    if (r != LLM_OK) {
        fprintf(stderr, "llm chat: %s%s%s\n", config ? a->router : "", config ? ": " : "", err.message);
        return CLI_USAGE;
    }
    memset(&opts, 0, sizeof opts);
    opts.timeout_ms = (int)a->timeout_ms; /* --router: the deadline of the whole request (0: the file's) */
    r = a->no_stream ? llm_router_complete(&router, req, config ? &opts : NULL, &resp, &err)
                     : llm_router_stream(&router, req, config ? &opts : NULL, chat_on_event, &o, &resp, &err);
    chat_print_answer(a, &o, &resp, r, &err, route.provider ? route.provider : provider);
    if (r == LLM_OK) chat_print_summary(&resp, req->model, route.provider ? route.provider : provider);
    llm_response_free(&resp);
    llm_router_free(&router);
    return r == LLM_OK ? CLI_OK : chat_failed(&err);
}

/* The primary model, then each --fallback model, one group each. */
static int chat_routed(const chat_args *a, const llm_request *req, const llm_target *primary, llm_curl *curl) {
    llm_target targets[CHAT_MAX_LIST + 1];
    llm_deployment_desc deps[CHAT_MAX_LIST + 1];
    const char *names[CHAT_MAX_LIST] = {NULL};
    char list[1024], *p;
    llm_router_fallback fb;
    llm_router_desc rd;
    size_t n = 1, i;
    int st = CLI_OK;
    targets[0] = *primary;
    snprintf(list, sizeof list, "%s", a->fallback);
    for (p = strtok(list, ","); p && st == CLI_OK; p = strtok(NULL, ",")) {
        if (n > CHAT_MAX_LIST) {
            fprintf(stderr, "llm chat: at most %d --fallback models\n", CHAT_MAX_LIST);
            return CLI_USAGE;
        }
        st = chat_target(a, p, &targets[n]);
        names[n - 1] = p;
        n++;
    }
    if (st != CLI_OK) return st;
    memset(deps, 0, sizeof deps);
    for (i = 0; i < n; i++) {
        deps[i].group = i == 0 ? req->model : names[i - 1];
        deps[i].custom_provider = targets[i].provider;
        deps[i].model = targets[i].model;
        deps[i].api_key = targets[i].api_key;
        deps[i].base_url = targets[i].base_url;
        deps[i].api_version = targets[i].api_version;
    }
    memset(&fb, 0, sizeof fb);
    fb.group = req->model;
    fb.to = names;
    fb.to_count = n - 1;
    memset(&rd, 0, sizeof rd);
    rd.deployments = deps;
    rd.deployment_count = n;
    rd.fallbacks = &fb;
    rd.fallback_count = 1;
    rd.timeout_ms = a->timeout_ms > 0 ? (int)a->timeout_ms : CHAT_DEFAULT_TIMEOUT_MS;
    return chat_run_router(a, req, &rd, NULL, 0, curl, primary->provider->name);
}

/* The store's URL: --store, else LLM_ROUTER_STORE, else the file's
   router_settings.redis_* (LiteLLM's), else none (url ""); *explicit when
   the user named it (a build without hiredis refuses that, and only warns
   of the file's). */
static int chat_store_url(const chat_args *a, const char *config, size_t len, char *url, size_t size, bool *explicit_) {
    const char *env = getenv("LLM_ROUTER_STORE");
    llm_error err;
    *explicit_ = true;
    if (a->store || (env && *env)) {
        snprintf(url, size, "%s", a->store ? a->store : env);
        return CLI_OK;
    }
    *explicit_ = false;
    if (llm_router_config_store_url(config, len, NULL, url, size, &err) != LLM_OK) {
        fprintf(stderr, "llm chat: %s: %s\n", a->router, err.message);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* -m GROUP through the router of a LiteLLM config file (--router), its
   limits shared through the store when one is named. */
static int chat_router_file(const chat_args *a, const llm_request *req, llm_curl *curl) {
    llm_router_desc rd;
    char msg[512], url[512];
    size_t len;
    bool explicit_ = false;
    char *config = cli_router_config_json(a->router, &len, msg, sizeof msg);
    int st;
#ifdef LLM_CLI_REDIS
    llm_redis_store rs;
    memset(&rs, 0, sizeof rs);
#endif
    if (!config) {
        fprintf(stderr, "llm chat: %s\n", msg);
        return CLI_USAGE;
    }
    memset(&rd, 0, sizeof rd);
    rd.timeout_ms = CHAT_DEFAULT_TIMEOUT_MS; /* the file's router_settings.timeout replaces it */
    rd.has_max_wait_ms = a->has_max_wait_ms;
    rd.max_wait_ms = (int)a->max_wait_ms;
    if ((st = chat_store_url(a, config, len, url, sizeof url, &explicit_)) != CLI_OK) goto done;
    if (url[0]) {
#ifdef LLM_CLI_REDIS
        llm_redis_options ro;
        llm_error err;
        memset(&ro, 0, sizeof ro);
        ro.url = url;
        if (llm_redis_store_init(&rs, &ro, &err) != LLM_OK) {
            fprintf(stderr, "llm chat: %s%s\n", explicit_ ? "" : "router_settings.redis_host: ", err.message);
            st = CLI_USAGE;
            goto done;
        }
        rd.store = llm_redis_router_store(&rs);
        rd.has_max_wait_ms = true; /* a full shared limit fails at once, unless --max-wait-ms */
#else
        if (explicit_) {
            fprintf(stderr, "llm chat: %s needs a build with hiredis: apt-get install libhiredis-dev, then make "
                            "(this llm was built without it)\n", a->store ? "--store" : "LLM_ROUTER_STORE");
            st = CLI_USAGE;
            goto done;
        }
        fputs("llm chat: warning: the config names a Redis (router_settings.redis_host), but this llm was built "
              "without hiredis (apt-get install libhiredis-dev, then make): using local limits\n", stderr);
#endif
    }
    st = chat_run_router(a, req, &rd, config, len, curl, NULL);
done:
#ifdef LLM_CLI_REDIS
    llm_redis_store_free(&rs);
#endif
    cli_router_config_free(config, len);
    return st;
}

/* The deadlines: --timeout-ms (else CHAT_DEFAULT_TIMEOUT_MS) is the whole
   call's, streamed or not: a non-streamed exchange's timeout_ms, a stream's
   total_timeout_ms (its timeout_ms then bounds the wait for the headers);
   with --router and no --timeout-ms the file's timeout stays the
   request's. The stream's first-token and stall deadlines as given. */
static void chat_deadlines(const chat_args *a, llm_request *req) {
    int total = a->timeout_ms > 0 ? (int)a->timeout_ms : CHAT_DEFAULT_TIMEOUT_MS;
    if (!a->router || a->timeout_ms > 0) req->timeout_ms = total;
    if (a->no_stream) return;
    req->stream.total_timeout_ms = total;
    req->stream.first_token_timeout_ms = (int)a->first_token_ms;
    req->stream.stall_timeout_ms = (int)a->stall_ms;
}

/* ---- the call's spans and metrics to an OpenTelemetry collector ---- */

typedef struct chat_otlp {
    bool on;
    llm_curl curl;               /* the exporter's own connection */
    llm_otlp x;
} chat_otlp;

/* OpenTelemetry's environment: OTEL_EXPORTER_OTLP_ENDPOINT (the collector's
   base URL: /v1/traces and /v1/metrics are appended), the per-signal
   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT and _METRICS_ENDPOINT (full URLs, used
   as they are), OTEL_EXPORTER_OTLP_HEADERS ("k=v,k2=v2", for a collector's
   auth), OTEL_EXPORTER_OTLP_TIMEOUT (ms per request, default 10000),
   OTEL_SERVICE_NAME (default "unknown_service:llm"); nothing is exported
   when no endpoint is set or OTEL_SDK_DISABLED is "true". A setting that is
   wrong is warned of on stderr and the call goes on without export. */
static void chat_otlp_start(chat_otlp *o, llm_telemetry *telemetry) {
    const char *endpoint = getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
    const char *traces = getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    const char *metrics = getenv("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
    const char *timeout = getenv("OTEL_EXPORTER_OTLP_TIMEOUT");
    const char *service = getenv("OTEL_SERVICE_NAME"), *disabled = getenv("OTEL_SDK_DISABLED");
    llm_otlp_options oo;
    llm_curl_options co;
    llm_error err;
    int64_t ms = 0;
    memset(o, 0, sizeof *o);
    memset(telemetry, 0, sizeof *telemetry);
    if ((!endpoint || !*endpoint) && (!traces || !*traces)) return;
    if (disabled && strcmp(disabled, "true") == 0) return;
    if (timeout && *timeout && (!cli_parse_count(timeout, &ms) || ms == 0 || ms > 600000)) {
        fprintf(stderr, "llm chat: warning: OTEL_EXPORTER_OTLP_TIMEOUT is not a count of milliseconds (1 to 600000): "
                        "using 10000\n");
        ms = 0;
    }
    if (llm_curl_init(&o->curl, chat_curl_options(&co), &err) != LLM_OK) { /* its lines as the call's (LLM_LOG) */
        fprintf(stderr, "llm chat: warning: no OTLP export: %s\n", err.message);
        return;
    }
    memset(&oo, 0, sizeof oo);
    oo.endpoint = endpoint;
    oo.traces_url = traces;
    oo.metrics_url = metrics;
    oo.headers = getenv("OTEL_EXPORTER_OTLP_HEADERS");
    oo.service_name = service && *service ? service : "unknown_service:llm";
    oo.transport = llm_curl_transport(&o->curl);
    oo.timeout_ms = (int)ms;
    if (llm_otlp_init(&o->x, &oo, &err) != LLM_OK) {
        fprintf(stderr, "llm chat: warning: no OTLP export (OTEL_EXPORTER_OTLP_*): %s\n", err.message);
        llm_curl_free(&o->curl);
        return;
    }
    o->on = true;
    *telemetry = llm_otlp_telemetry(&o->x);
}

/* Sends what the call reported (each request within the timeout) and frees
   the exporter; a failed export is one warning line, never the call's
   failure. */
static void chat_otlp_finish(chat_otlp *o) {
    llm_error err;
    if (!o->on) return;
    if (llm_otlp_flush(&o->x, &err) != LLM_OK) fprintf(stderr, "llm chat: warning: %s\n", err.message);
    llm_otlp_free(&o->x);
    llm_curl_free(&o->curl);
    o->on = false;
}

/* Headers from -H "Name: value". */
static int chat_headers(const chat_args *a, llm_pair *out, char (*names)[128]) {
    size_t i;
    for (i = 0; i < a->header_count; i++) {
        const char *colon = strchr(a->headers[i], ':'), *v;
        size_t n = colon ? (size_t)(colon - a->headers[i]) : 0;
        if (!colon || n == 0 || n >= sizeof names[i]) {
            fprintf(stderr, "llm chat: -H wants \"Name: value\", not \"%s\"\n", a->headers[i]);
            return CLI_USAGE;
        }
        memcpy(names[i], a->headers[i], n);
        names[i][n] = '\0';
        for (v = colon + 1; *v == ' ' || *v == '\t'; v++) {}
        out[i].name = names[i];
        out[i].value = v;
    }
    return CLI_OK;
}

int cli_chat(int argc, char **argv) {
    chat_args a;
    llm_openai_request parsed;
    llm_target target;
    llm_curl curl;
    llm_curl_options curl_opt;
    chat_otlp otlp;
    llm_pair headers[CHAT_MAX_LIST];
    char header_names[CHAT_MAX_LIST][128];
    llm_error err;
    const char *env_model = getenv("LLM_MODEL");
    int st = chat_parse_args(argc, argv, &a);
    if (st != CLI_OK) return st;
    if (a.provider && !llm_provider_find(a.provider)) {
        fprintf(stderr, "llm chat: unknown provider \"%s\" (see README, Providers)\n", a.provider);
        return CLI_USAGE;
    }
    if (!a.model && !a.request && env_model && *env_model) a.model = env_model;
    memset(&parsed, 0, sizeof parsed);
    if ((st = chat_request(&a, &parsed)) != CLI_OK) goto done;
    if (!parsed.request.model && env_model && *env_model) parsed.request.model = env_model;
    if (!parsed.request.model) {
        fputs("llm chat: no model: -m MODEL, a model in --request's file, or LLM_MODEL\n", stderr);
        st = CLI_USAGE;
        goto done;
    }
    if ((!a.router && (st = chat_target(&a, parsed.request.model, &target)) != CLI_OK) ||
        (st = chat_headers(&a, headers, header_names)) != CLI_OK)
        goto done;
    if (!a.router && parsed.unknown_count && !target.provider->wire->chat_completions) {
        fprintf(stderr, "llm chat: %s cannot take %s (a member an llm_request cannot hold)\n", target.provider->name, parsed.unknown[0]);
        st = CLI_USAGE;
        goto done;
    }
    chat_deadlines(&a, &parsed.request);
    parsed.request.headers = a.header_count ? headers : NULL;
    parsed.request.header_count = a.header_count;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, chat_curl_options(&curl_opt), &err) != LLM_OK) {
        st = chat_failed(&err);
        goto done;
    }
    if (!a.fallback && !a.router) parsed.request.model = target.model;
    chat_otlp_start(&otlp, &a.telemetry);
    st = a.router     ? chat_router_file(&a, &parsed.request, &curl)
       : a.fallback ? chat_routed(&a, &parsed.request, &target, &curl)
                    : chat_direct(&a, &parsed.request, &target, &curl);
    chat_otlp_finish(&otlp);
    llm_curl_free(&curl);
    curl_global_cleanup();
done:
    llm_openai_request_free(&parsed);
    return st;
}
