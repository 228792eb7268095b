/* libFuzzer target for the stream decoders. The first byte picks:
     bit 0     the format: OpenAI chunks or Anthropic events (fuzz_gemini.c
               includes this harness with FUZZ_PROVIDER and FUZZ_STATUS
               defined: Gemini, and the status 200 or 400);
     bits 1-2  the content type: text/event-stream, application/json, none
               (the call looks at the first byte), or "text/event-stream;
               charset=utf-8";
     bits 3-5  the chunk size: 1, 2, 3, 7, 16, 64, 256 or 4096 bytes;
     bit 6     whether the events are taken between chunks (else only
               llm_call_finish reads them);
     bit 7     stream.no_accumulate.
   The rest is the body of a 200 answer to a streamed call. Whatever the
   bytes: no crash, nothing left allocated (the counting allocator, and
   ASan's leak checker), llm_call_finish returns LLM_OK or an error whose
   llm_error.code equals it with a message, every event's text and every
   string of the response is valid UTF-8 and NUL-terminated at its length,
   and a tool call (or its TOOL_CALL_END event) is flagged arguments_invalid
   exactly when its arguments are not one JSON value; abort() otherwise. */
#ifndef FUZZ_PROVIDER
#define FUZZ_PROVIDER(first) (((first) & 1) ? "anthropic" : "openai")
#define FUZZ_STATUS(first) 200
#endif
#include "fuzz.h"
#include "../test.h"

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_ok(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p++;
        size_t more;
        unsigned cp, min;
        if (c < 0x80) continue;
        if (c >= 0xC2 && c <= 0xDF) { more = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { more = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { more = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if ((size_t)(end - p) < more) return 0;
        while (more--) {
            if ((*p & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (*p++ & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    }
    return 1;
}

/* A string with a known length: valid, and NUL-terminated there. */
static void check_n(const char *s, size_t n) {
    if (!s) return;
    if (s[n] != '\0' || !utf8_ok(s, n)) abort();
}

static void check_s(const char *s) {
    if (s) check_n(s, strlen(s));
}

/* The flag says whether the text is one JSON value (#21). */
static void check_arguments(const char *args, size_t n, bool invalid) {
    llm_json_doc doc;
    bool valid;
    memset(&doc, 0, sizeof doc);
    valid = llm_json_parse(&doc, args, n, NULL) == LLM_OK;
    llm_json_doc_free(&doc);
    if (valid == invalid) abort();
}

static void check_event(const llm_event *ev) {
    if (ev->type == LLM_EVENT_TOOL_CALL_END) check_arguments(ev->text, ev->text_len, ev->tool_arguments_invalid);
    if (ev->text) check_n(ev->text, ev->text_len);
    else if (ev->text_len) abort();
    check_s(ev->tool_id);
    check_s(ev->tool_name);
    check_s(ev->finish_reason_raw);
}

static void check_response(const llm_response *resp) {
    size_t i, k;
    check_s(resp->id);
    check_s(resp->model);
    for (i = 0; i < resp->choice_count; i++) {
        const llm_choice *c = &resp->choices[i];
        if (c->content) check_n(c->content, c->content_len);
        check_s(c->reasoning);
        check_s(c->refusal);
        check_s(c->finish_reason_raw);
        for (k = 0; k < c->tool_call_count; k++) {
            check_s(c->tool_calls[k].id);
            check_s(c->tool_calls[k].name);
            check_s(c->tool_calls[k].arguments);
            check_arguments(c->tool_calls[k].arguments, strlen(c->tool_calls[k].arguments), c->tool_calls[k].arguments_invalid);
        }
        for (k = 0; k < c->reasoning_block_count; k++) {
            check_s(c->reasoning_blocks[k].thinking);
            check_s(c->reasoning_blocks[k].signature);
            check_s(c->reasoning_blocks[k].data);
            check_s(c->reasoning_blocks[k].tool_call_id);
        }
        check_s(c->content_filter);
    }
    check_s(resp->prompt_filter);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const types[4] = {"text/event-stream", "application/json", NULL, "text/event-stream; charset=utf-8"};
    static const size_t chunks[8] = {1, 2, 3, 7, 16, 64, 256, 4096};
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    llm_client_desc desc;
    llm_stream_options opt;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    const char *body = (const char *)data + 1, *type;
    size_t len, chunk, off = 0;
    bool pull;
    llm_result r;
    if (size < 1) return 0;
    len = size - 1;
    type = types[(data[0] >> 1) & 3];
    chunk = chunks[(data[0] >> 3) & 7];
    pull = (data[0] & 0x40) != 0;
    memset(&stats, 0, sizeof stats);
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = llm_provider_find(FUZZ_PROVIDER(data[0]));
    desc.alloc = alloc;
    desc.base_url = "http://recorded.invalid";
#ifdef FUZZ_OPENAI_API
    desc.openai_api = FUZZ_OPENAI_API; /* fuzz_responses.c: OpenAI's preset through the Responses API */
#endif
    memset(&opt, 0, sizeof opt);
    opt.no_accumulate = (data[0] & 0x80) != 0;
    if (llm_client_init(&client, &desc, NULL) != LLM_OK || llm_call_begin_decode(&call, &client, true, &opt, NULL) != LLM_OK) abort();
    if (llm_call_feed_status(&call, FUZZ_STATUS(data[0])) != LLM_OK) abort();
    if (type && llm_call_feed_header(&call, "Content-Type", 12, type, strlen(type)) != LLM_OK) abort();
    while (off < len) {
        size_t n = len - off < chunk ? len - off : chunk;
        if (llm_call_feed_body(&call, body + off, n) != LLM_OK) break;
        off += n;
        if (!pull) continue;
        while ((r = llm_call_next_event(&call, &ev)) == LLM_OK) check_event(&ev);
        if (r != LLM_AGAIN && r != LLM_DONE && r >= 0) abort();
    }
    memset(&err, 0, sizeof err);
    r = llm_call_finish(&call, 0, &resp, &err);
    if (r != LLM_OK && (err.code != r || err.message[0] == '\0')) abort();
    check_response(&resp);
    llm_response_free(&resp);
    llm_call_free(&call);
    if (stats.live != 0 || stats.bad_sizes != 0) abort();
    return 0;
}
