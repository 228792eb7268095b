/* Streaming verbs of the `llm` tool:

   llm sse [FILE|-]
       every dispatched event as one JSON line {"event","data","id"}; bytes
       decoded as WHATWG UTF-8 (an invalid sequence becomes U+FFFD). A final
       unterminated event is dropped with a note on stderr. Exit 0, or 1 on
       a parse error (a line or event over 16 MiB).

   llm replay --provider P [--stream] [--status N] [FILE|-]
       decodes recorded answer bytes as provider P (a preset: openai,
       anthropic, openrouter, azure, ...; or openai-responses, OpenAI's
       Responses API) decodes them and
       prints one JSON object: id, model, provider, content, reasoning,
       refusal, tool_calls (each {id, name, arguments}: the arguments'
       text as it came, and "arguments_invalid": true when it is not one
       JSON value), finish_reason, finish_reason_raw, usage (the counts
       the answer reports; null when it reports none, or usage that was
       refused: an estimate is never printed as usage), usage_source
       ("reported" or "missing"), cost_usd (of the reported usage; null,
       unknown, without usage or without a price for the model),
       latency_ms (0), attempts (1, the one exchange); usage_refused (true:
       the answer's usage was refused, see llm.h's LIMITS AND DEADLINES),
       provider_cost_usd, upstream_cost_usd, thinking_blocks (LiteLLM's
       form; a Responses API reasoning item as {"type": "reasoning", "id",
       "summary", "encrypted_content"}), content_filter and prompt_filter
       when the answer has them;
       and error when it failed (exit 1). */
#include "../llm.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes s as one JSON string, invalid UTF-8 replaced as WHATWG decodes it. */
static void write_utf8_lossy(llm_json_writer *w, const char *s, size_t n, char *tmp) {
    llm_json_write_stringn(w, tmp, llm_utf8_sanitize(s, n, tmp));
}

static int print_event(llm_json_writer *w, const llm_sse_event *ev, char *tmp) {
    const char *out;
    size_t len;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "event");
    write_utf8_lossy(w, ev->type, ev->type_len, tmp);
    llm_json_write_key(w, "data");
    write_utf8_lossy(w, ev->data, ev->data_len, tmp);
    llm_json_write_key(w, "id");
    write_utf8_lossy(w, ev->id, ev->id_len, tmp);
    llm_json_write_object_end(w);
    if (llm_json_writer_finish(w, &out, &len) != LLM_OK) return 0;
    fwrite(out, 1, len, stdout);
    fputc('\n', stdout);
    return 1;
}

int cli_sse(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "-";
    llm_sse p;
    llm_sse_event ev;
    llm_json_writer w;
    llm_result r;
    size_t len;
    char *text, *tmp;
    int status = CLI_OK;
    if (argc > 2) return cli_unknown_option("sse", argv[2]);
    if (path[0] == '-' && path[1]) return cli_unknown_option("sse", path);
    if (!(text = cli_read_all(path, &len))) {
        fprintf(stderr, "llm: cannot read %s\n", path);
        return CLI_USAGE;
    }
    tmp = (char *)malloc(len * 3 + 16); /* every byte may become U+FFFD */
    memset(&p, 0, sizeof p);
    memset(&w, 0, sizeof w);
    r = tmp ? llm_sse_feed(&p, text, len) : LLM_ERR_NO_MEMORY;
    while (r == LLM_OK && (r = llm_sse_next(&p, &ev)) == LLM_OK)
        if (!print_event(&w, &ev, tmp)) r = LLM_ERR_NO_MEMORY;
    if (r != LLM_AGAIN) {
        fprintf(stderr, "llm: %s\n", r == LLM_ERR_PARSE ? "a line or event is longer than 16 MiB" : llm_result_description(r));
        status = CLI_FAILED;
    } else if (llm_sse_ended_mid_event(&p)) {
        fputs("llm: the stream ended inside an event; that event was not dispatched\n", stderr);
    }
    llm_json_writer_free(&w);
    llm_sse_free(&p);
    free(tmp);
    free(text);
    return status;
}

static void write_str_or_empty(llm_json_writer *w, const char *key, const char *s) {
    llm_json_write_key(w, key);
    llm_json_write_string(w, s ? s : "");
}

/* usage: the counts the server reported, null when it reported none (or
   usage that was refused); usage_source says which ("reported", "missing").
   The library's estimate is never printed as usage. */
static void write_usage(llm_json_writer *w, const llm_usage *u) {
    static const char *const names[6] = {"prompt_tokens", "completion_tokens", "total_tokens",
                                          "cached_tokens", "cache_creation_tokens", "reasoning_tokens"};
    const int64_t values[6] = {u->prompt_tokens, u->completion_tokens, u->total_tokens,
                               u->cached_tokens, u->cache_creation_tokens, u->reasoning_tokens};
    size_t i;
    bool reported = u->source == LLM_USAGE_REPORTED;
    llm_json_write_key(w, "usage");
    if (!reported) {
        llm_json_write_null(w);
    } else {
        llm_json_write_object_begin(w);
        for (i = 0; i < 6; i++) {
            llm_json_write_key(w, names[i]);
            llm_json_write_int(w, values[i]);
        }
        llm_json_write_object_end(w);
    }
    llm_json_write_key(w, "usage_source");
    llm_json_write_string(w, reported ? "reported" : "missing");
}

/* Gemini's signature of a tool call's part, which LiteLLM carries on the
   call's id: "<id>__thought__<signature>". */
static const char *call_signature(const llm_choice *c, const char *id) {
    size_t k;
    for (k = 0; k < c->reasoning_block_count; k++)
        if (c->reasoning_blocks[k].tool_call_id && id && strcmp(c->reasoning_blocks[k].tool_call_id, id) == 0) return c->reasoning_blocks[k].signature;
    return NULL;
}

static void write_thought_id(llm_json_writer *w, const char *id, const char *sig) {
    size_t n = strlen(id), m = strlen(sig);
    char *both = (char *)malloc(n + 11 + m + 1);
    llm_json_write_key(w, "id");
    if (!both) {
        llm_json_write_string(w, id);
        return;
    }
    memcpy(both, id, n);
    memcpy(both + n, "__thought__", 11);
    memcpy(both + n + 11, sig, m + 1);
    llm_json_write_stringn(w, both, n + 11 + m);
    free(both);
}

/* The blocks that travel in thinking_blocks (not on a tool call's id). */
static size_t thinking_block_count(const llm_choice *c) {
    size_t k, n = 0;
    for (k = 0; k < c->reasoning_block_count; k++) n += c->reasoning_blocks[k].tool_call_id == NULL;
    return n;
}

/* What the server's headers said of it (a proxy's facts, rate limits):
   "server": {...} with the fields it sent, nothing when it sent none. */
static void write_server(llm_json_writer *w, const llm_server_info *si) {
    const char *const names[4] = {"model_id", "model_api_base", "model_group", "call_id"};
    const char *const texts[4] = {si->model_id, si->model_api_base, si->model_group, si->call_id};
    const char *const count_names[6] = {"attempted_retries", "attempted_fallbacks", "remaining_requests",
                                        "remaining_tokens", "limit_requests", "limit_tokens"};
    const int64_t counts[6] = {si->attempted_retries, si->attempted_fallbacks, si->remaining_requests,
                               si->remaining_tokens, si->limit_requests, si->limit_tokens};
    const bool has[6] = {si->has_attempted_retries, si->has_attempted_fallbacks, si->has_remaining_requests,
                         si->has_remaining_tokens, si->has_limit_requests, si->has_limit_tokens};
    int i, any = si->has_response_duration || si->has_overhead_duration;
    for (i = 0; i < 4; i++) any |= texts[i] != NULL;
    for (i = 0; i < 6; i++) any |= has[i];
    if (!any) return;
    llm_json_write_key(w, "server");
    llm_json_write_object_begin(w);
    for (i = 0; i < 4; i++)
        if (texts[i]) llm_json_write_key(w, names[i]), llm_json_write_string(w, texts[i]);
    for (i = 0; i < 6; i++)
        if (has[i]) llm_json_write_key(w, count_names[i]), llm_json_write_int(w, counts[i]);
    if (si->has_response_duration)
        llm_json_write_key(w, "response_duration_ms"), llm_json_write_number(w, si->response_duration_ms);
    if (si->has_overhead_duration)
        llm_json_write_key(w, "overhead_duration_ms"), llm_json_write_number(w, si->overhead_duration_ms);
    llm_json_write_object_end(w);
}

static void write_replay(llm_json_writer *w, const llm_response *resp, llm_result r, const llm_error *err, const char *provider, bool full) {
    const llm_choice *c = resp->choice_count ? &resp->choices[0] : NULL;
    size_t i;
    llm_json_write_object_begin(w);
    if (full) {
        write_str_or_empty(w, "id", resp->id);
        write_str_or_empty(w, "model", resp->model);
        write_str_or_empty(w, "provider", provider);
    }
    write_str_or_empty(w, "content", c ? c->content : NULL);
    write_str_or_empty(w, "reasoning", c ? c->reasoning : NULL);
    write_str_or_empty(w, "refusal", c ? c->refusal : NULL);
    llm_json_write_key(w, "tool_calls");
    llm_json_write_array_begin(w);
    for (i = 0; c && i < c->tool_call_count; i++) {
        const char *sig = call_signature(c, c->tool_calls[i].id);
        llm_json_write_object_begin(w);
        if (sig) write_thought_id(w, c->tool_calls[i].id, sig);
        else write_str_or_empty(w, "id", c->tool_calls[i].id);
        write_str_or_empty(w, "name", c->tool_calls[i].name);
        write_str_or_empty(w, "arguments", c->tool_calls[i].arguments); /* the text as it came, JSON or not */
        if (c->tool_calls[i].arguments_invalid) {
            llm_json_write_key(w, "arguments_invalid");
            llm_json_write_bool(w, true);
        }
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    llm_json_write_key(w, "finish_reason");
    llm_json_write_string(w, c ? llm_finish_reason_str(c->finish_reason) : NULL);
    llm_json_write_key(w, "finish_reason_raw");
    llm_json_write_string(w, c ? c->finish_reason_raw : NULL);
    write_usage(w, &resp->usage);
    if (full) {
        llm_json_write_key(w, "cost_usd");
        if (resp->has_cost) llm_json_write_number(w, resp->cost_usd);
        else llm_json_write_null(w); /* no price for the model, or no usage: unknown, not 0 */
        llm_json_write_key(w, "latency_ms");
        llm_json_write_int(w, resp->latency_ms);
        llm_json_write_key(w, "attempts");
        llm_json_write_int(w, resp->attempts);
    }
    /* present only when the answer has them */
    if (resp->usage_refused) {
        llm_json_write_key(w, "usage_refused");
        llm_json_write_bool(w, true);
    }
    if (resp->has_provider_cost) {
        llm_json_write_key(w, "provider_cost_usd");
        llm_json_write_number(w, resp->provider_cost_usd);
    }
    if (resp->has_upstream_cost) {
        llm_json_write_key(w, "upstream_cost_usd");
        llm_json_write_number(w, resp->upstream_cost_usd);
    }
    write_server(w, &resp->server);
    if (c && thinking_block_count(c)) { /* as LiteLLM carries them */
        llm_json_write_key(w, "thinking_blocks");
        llm_json_write_array_begin(w);
        for (i = 0; i < c->reasoning_block_count; i++) {
            const llm_reasoning_block *rb = &c->reasoning_blocks[i];
            if (rb->tool_call_id) continue; /* a function call's (Gemini): on its id */
            llm_json_write_object_begin(w);
            llm_json_write_key(w, "type");
            llm_json_write_string(w, rb->kind == LLM_REASONING_REDACTED ? "redacted_thinking"
                                     : rb->kind == LLM_REASONING_ITEM   ? "reasoning"
                                                                        : "thinking");
            if (rb->kind == LLM_REASONING_ITEM) { /* the Responses API's item, as it goes back */
                write_str_or_empty(w, "id", rb->id);
                llm_json_write_key(w, "summary");
                llm_json_write_raw(w, rb->summary ? rb->summary : "[]", rb->summary ? strlen(rb->summary) : 2);
                llm_json_write_key(w, "encrypted_content");
                llm_json_write_string(w, rb->data); /* null when the answer carried none */
            } else if (rb->kind == LLM_REASONING_REDACTED) {
                write_str_or_empty(w, "data", rb->data);
            } else {
                write_str_or_empty(w, "thinking", rb->thinking);
                write_str_or_empty(w, "signature", rb->signature);
            }
            llm_json_write_object_end(w);
        }
        llm_json_write_array_end(w);
    }
    if (c && c->content_filter) {
        llm_json_write_key(w, "content_filter");
        llm_json_write_raw(w, c->content_filter, strlen(c->content_filter));
    }
    if (resp->prompt_filter) {
        llm_json_write_key(w, "prompt_filter");
        llm_json_write_raw(w, resp->prompt_filter, strlen(resp->prompt_filter));
    }
    if (r != LLM_OK) {
        llm_json_write_key(w, "error");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "code");
        llm_json_write_string(w, llm_result_str(r));
        llm_json_write_key(w, "message");
        llm_json_write_string(w, err->message);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
}

/* The response as one JSON line on stdout; false when it holds text that
   is not valid UTF-8 (said on stderr). */
static bool cli_write_response(const llm_response *resp, llm_result r, const llm_error *err, const char *provider, bool full) {
    llm_json_writer w;
    const char *out;
    size_t len;
    bool ok;
    memset(&w, 0, sizeof w);
    write_replay(&w, resp, r, err, provider, full);
    ok = llm_json_writer_finish(&w, &out, &len) == LLM_OK;
    if (ok) {
        fwrite(out, 1, len, stdout);
        fputc('\n', stdout);
    } else {
        fputs("llm: the answer holds text that is not valid UTF-8\n", stderr);
    }
    llm_json_writer_free(&w);
    return ok;
}

void cli_print_response(const struct llm_response *resp, int result, const struct llm_error *err, const char *provider, int full) {
    cli_write_response(resp, (llm_result)result, err, provider, full != 0);
}

int cli_replay(int argc, char **argv) {
    const char *provider = NULL, *path = "-";
    bool stream = false;
    int status = 200, i;
    llm_response resp;
    llm_error err;
    llm_result r;
    size_t len;
    char *text;
    for (i = 1; i < argc; i++) {
        int64_t n;
        if (strcmp(argv[i], "--provider") == 0 && i + 1 < argc) provider = argv[++i];
        else if (strcmp(argv[i], "--stream") == 0) stream = true;
        else if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
            if (!cli_parse_count(argv[++i], &n) || n < 100 || n > 999) return cli_bad_number("replay", "--status", argv[i]);
            status = (int)n;
        } else if (argv[i][0] == '-' && argv[i][1]) return cli_unknown_option("replay", argv[i]);
        else path = argv[i];
    }
    if (!provider) {
        fputs("llm replay: --provider P is required (openai, anthropic, openrouter, azure, ...; llm replay --help)\n", stderr);
        return CLI_USAGE;
    }
    if (!llm_provider_find(provider) && /* or OpenAI's preset through the Responses API */
        !(llm_wire_openai_responses() && strcmp(provider, llm_wire_openai_responses()->name) == 0)) {
        fprintf(stderr, "llm replay: unknown provider \"%s\" (see README, Providers)\n", provider);
        return CLI_USAGE;
    }
    if (!(text = cli_read_all(path, &len))) {
        fprintf(stderr, "llm: cannot read %s\n", path);
        return CLI_USAGE;
    }
    r = llm_decode_recorded(provider, status, text, len, stream, &resp, &err);
    resp.attempts = 1; /* the one recorded exchange (a failed one too) */
    if (!cli_write_response(&resp, r, &err, provider, true)) r = LLM_ERR_PARSE;
    llm_response_free(&resp);
    free(text);
    return r == LLM_OK ? CLI_OK : CLI_FAILED;
}
