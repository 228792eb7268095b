/* libFuzzer target: the streams read on demand against the DOM.
   The same bytes go through two streamed calls: one with the preset (its
   events read in place by the on-demand reader where the format can), one
   with a copy of its wire format, which the call does not know as a
   built-in and so parses into a DOM for the format's decode_event (the
   reference). Both
   must give the same events, the same verdict (result, error code and
   message) and the same response; abort() otherwise.
   The first byte picks:
     bit 0     the body: SSE as it is, or (set) each line of the rest is
               one event's data ("data: " + line + a blank line), so the
               mutations land in the JSON;
     bits 1-3  the chunk size: 1, 2, 3, 7, 16, 64, 256 or 4096 bytes;
     bit 4     whether the events are taken between chunks;
     bit 5     stream.no_accumulate;
     bits 6-7  the format: OpenAI chat completions (0), Anthropic Messages (1),
               Gemini (2) or the Responses API (3). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

typedef struct fuzz_log {
    char *p;
    size_t len, cap;
} fuzz_log;

static void log_put(fuzz_log *l, const char *s, size_t n) {
    if (l->len + n + 1 > l->cap) {
        l->cap = (l->len + n + 1) * 2;
        if (!(l->p = (char *)realloc(l->p, l->cap))) abort();
    }
    memcpy(l->p + l->len, s, n);
    l->len += n;
    l->p[l->len] = '\0';
}

static void log_str(fuzz_log *l, const char *s, size_t n) {
    char num[32];
    snprintf(num, sizeof num, "%zu:", n);
    log_put(l, num, strlen(num));
    if (s) log_put(l, s, n);
    else log_put(l, "(null)", 6);
    log_put(l, "|", 1);
}

static void log_cstr(fuzz_log *l, const char *s) { log_str(l, s, s ? strlen(s) : 0); }

static void log_int(fuzz_log *l, long long v) {
    char num[32];
    snprintf(num, sizeof num, "%lld|", v);
    log_put(l, num, strlen(num));
}

static void log_usage(fuzz_log *l, const llm_usage *u) {
    if (!u) { log_put(l, "u-|", 3); return; }
    log_int(l, u->prompt_tokens);
    log_int(l, u->completion_tokens);
    log_int(l, u->total_tokens);
    log_int(l, u->cached_tokens);
    log_int(l, u->reasoning_tokens);
    log_int(l, (long long)u->source);
}

static void log_event(fuzz_log *l, const llm_event *ev) {
    log_int(l, ev->type);
    log_int(l, ev->choice);
    log_str(l, ev->text, ev->text_len);
    log_int(l, ev->tool_index);
    log_cstr(l, ev->tool_id);
    log_cstr(l, ev->tool_name);
    log_int(l, ev->tool_arguments_invalid);
    log_int(l, ev->finish_reason);
    log_cstr(l, ev->finish_reason_raw);
    log_usage(l, ev->usage);
    if (ev->error) { log_int(l, ev->error->code); log_cstr(l, ev->error->message); }
    log_put(l, "\n", 1);
}

static void log_response(fuzz_log *l, const llm_response *resp) {
    size_t i, k;
    log_cstr(l, resp->id);
    log_cstr(l, resp->model);
    log_cstr(l, resp->object);
    log_cstr(l, resp->system_fingerprint);
    log_cstr(l, resp->service_tier);
    log_int(l, resp->created);
    log_cstr(l, resp->prompt_filter);
    log_usage(l, &resp->usage);
    log_int(l, resp->usage_refused);
    for (i = 0; i < resp->choice_count; i++) {
        const llm_choice *c = &resp->choices[i];
        log_int(l, c->index);
        log_str(l, c->content, c->content ? c->content_len : 0);
        log_cstr(l, c->reasoning);
        log_cstr(l, c->refusal);
        log_int(l, c->finish_reason);
        log_cstr(l, c->finish_reason_raw);
        log_cstr(l, c->content_filter);
        for (k = 0; k < c->tool_call_count; k++) {
            log_cstr(l, c->tool_calls[k].id);
            log_cstr(l, c->tool_calls[k].name);
            log_cstr(l, c->tool_calls[k].arguments);
            log_int(l, c->tool_calls[k].arguments_invalid);
        }
    }
}

/* One streamed call over body[0, len); its events, verdict and response go to *l. */
static void run(const llm_provider *prov, const char *body, size_t len, size_t chunk, bool pull, bool no_accumulate,
                fuzz_log *l) {
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_client_desc desc;
    llm_stream_options opt;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    llm_result r;
    size_t off = 0;
    memset(&stats, 0, sizeof stats);
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = prov;
    desc.alloc = alloc;
    desc.base_url = "http://recorded.invalid";
    memset(&opt, 0, sizeof opt);
    opt.no_accumulate = no_accumulate;
    if (llm_client_init(&client, &desc, NULL) != LLM_OK || llm_call_begin_decode(&call, &client, true, &opt, NULL) != LLM_OK)
        abort();
    if (llm_call_feed_status(&call, 200) != LLM_OK) abort();
    if (llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17) != LLM_OK) abort();
    while (off < len) {
        size_t n = len - off < chunk ? len - off : chunk;
        r = llm_call_feed_body(&call, body + off, n);
        log_int(l, r);
        if (r != LLM_OK) break;
        off += n;
        if (!pull) continue;
        while ((r = llm_call_next_event(&call, &ev)) == LLM_OK) log_event(l, &ev);
        log_int(l, r);
    }
    memset(&err, 0, sizeof err);
    r = llm_call_finish(&call, 0, &resp, &err);
    log_put(l, "finish|", 7);
    log_int(l, r);
    log_int(l, err.code);
    if (r != LLM_OK) log_cstr(l, err.message);
    log_response(l, &resp);
    llm_response_free(&resp);
    llm_call_free(&call);
    if (stats.live != 0 || stats.bad_sizes != 0) abort();
}

/* Each line of in[0, n) as one SSE event. */
static char *lines_as_events(const char *in, size_t n, size_t *out_len) {
    fuzz_log l;
    size_t i = 0;
    memset(&l, 0, sizeof l);
    log_put(&l, "", 0);
    while (i < n) {
        const char *eol = (const char *)memchr(in + i, '\n', n - i);
        size_t m = eol ? (size_t)(eol - (in + i)) : n - i;
        log_put(&l, "data: ", 6);
        log_put(&l, in + i, m);
        log_put(&l, "\n\n", 2);
        i += m + 1;
    }
    *out_len = l.len;
    return l.p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t chunks[8] = {1, 2, 3, 7, 16, 64, 256, 4096};
    static const char *const formats[4] = {"openai", "anthropic", "gemini", "openai"};
    llm_wire_format dom_wire;
    llm_provider on_demand, dom;
    fuzz_log a, b;
    const char *body = (const char *)data + 1;
    char *built = NULL;
    size_t len;
    if (size < 1) return 0;
    len = size - 1;
    if (data[0] & 1) body = built = lines_as_events(body, len, &len);
    on_demand = *llm_provider_find(formats[data[0] >> 6 & 3]);
    if ((data[0] >> 6 & 3) == 3) on_demand.wire = llm_wire_openai_responses();
    dom = on_demand;
    dom_wire = *on_demand.wire; /* not the built-in's address: the call parses a DOM for it */
    dom.wire = &dom_wire;
    /* the comparison means something only while the copy is decoded through the DOM and the preset is not */
    if (llm__call_reader(&dom_wire) != NULL || llm__call_reader(on_demand.wire) == NULL) abort();
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    run(&on_demand, body, len, chunks[(data[0] >> 1) & 7], (data[0] & 0x10) != 0, (data[0] & 0x20) != 0, &a);
    run(&dom, body, len, chunks[(data[0] >> 1) & 7], (data[0] & 0x10) != 0, (data[0] & 0x20) != 0, &b);
    if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0) {
        fprintf(stderr, "on demand:\n%s\nDOM:\n%s\n", a.p, b.p);
        abort();
    }
    free(a.p);
    free(b.p);
    free(built);
    return 0;
}
