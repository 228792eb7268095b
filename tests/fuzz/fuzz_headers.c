/* libFuzzer target for the curl adapter's header and trailer handling: the
   very functions libcurl calls back (llm__curl_on_header, llm__curl_on_body,
   llm__curl_debug for the debug log), driven without a network, feeding a
   real call as llm_stream and llm_complete do. The first byte picks:
     bit 0     a streamed call (its events taken after each body chunk, as
               llm_stream does) or a whole answer;
     bits 1-2  the provider: openai, anthropic, gemini, or a gateway whose
               auth header is X-Gateway-Key;
     bit 3     a header limit of 2 KiB instead of llm_limits()'s;
     bit 4     the debug log on.
   The rest is split at each '\n' (kept): a piece that starts with 0x01 is
   body bytes (the rest of it), any other a header line as libcurl hands it
   over (a status line, a header, a blank line, a trailer after the body).
   Whatever the bytes: no crash, nothing left allocated (ASan's leak
   checker), the adapter never counts more header bytes than its limit, no
   log line and no error field holds the key (or a run of its first 8
   bytes), and the exchange ends in LLM_OK or an error whose code is the
   call's; abort() otherwise.

   make fuzz FUZZ=headers (links libcurl: $(curl-config --libs)) */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#define LLM_NO_BPE
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"

#define FUZZ_KEY "sk-fuzz-0123456789abcdef"

/* The key's first 8 bytes (what the scrubber never lets through). */
static bool holds_key(const char *s) { return s && strstr(s, "sk-fuzz-") != NULL; }

static void on_log(void *user, llm_log_level level, const char *message) {
    (void)user, (void)level;
    if (holds_key(message)) abort();
}

typedef struct fuzz_run {
    llm_call call;
    bool stream;
} fuzz_run;

/* The events taken at once, as llm_stream's sink does. */
static llm_result take_events(fuzz_run *f) {
    llm_event ev;
    llm_result r;
    while ((r = llm_call_next_event(&f->call, &ev)) == LLM_OK)
        if (ev.type == LLM_EVENT_ERROR && ev.error && holds_key(ev.error->message)) abort();
    if (r != LLM_AGAIN && r != LLM_DONE) return r;
    return llm_call_tick(&f->call, 0);
}

static llm_result fuzz_status(void *ctx, int status) { return llm_call_feed_status(&((fuzz_run *)ctx)->call, status); }
static llm_result fuzz_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    return llm_call_feed_header(&((fuzz_run *)ctx)->call, n, nl, v, vl);
}
static llm_result fuzz_body(void *ctx, const char *d, size_t n) {
    fuzz_run *f = (fuzz_run *)ctx;
    llm_result r, kept;
    if (!f->stream) return llm_call_feed_body(&f->call, d, n);
    r = llm_call_feed_body_borrowed(&f->call, d, n);
    if (r == LLM_OK) r = take_events(f);
    kept = llm_call_keep_body(&f->call);
    return r != LLM_OK ? r : kept;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const providers[] = {"openai", "anthropic", "gemini", NULL};
    llm_message hi;
    llm_provider gw;
    llm_client_desc d;
    llm_client client;
    llm_request req;
    llm_curl_options o;
    llm__curl_xfer x;
    llm_http_sink sink;
    const llm_http_request *http;
    fuzz_run f;
    llm_response resp;
    llm_error err;
    llm_result r;
    size_t i, start;
    unsigned first;
    if (size < 1) return 0;
    first = data[0];
    memset(&gw, 0, sizeof gw); /* a gateway of the caller's: its own auth header */
    gw.name = "gateway";
    gw.wire = llm_wire_openai_chat();
    gw.default_base_url = "https://gateway.example/v1";
    gw.auth_header = "X-Gateway-Key";
    memset(&hi, 0, sizeof hi);
    hi.role = LLM_ROLE_USER;
    hi.content = "Hi";
    memset(&d, 0, sizeof d);
    d.provider = providers[(first >> 1) & 3];
    if (!d.provider) d.custom_provider = &gw;
    d.api_key = FUZZ_KEY;
    if (llm_client_init(&client, &d, NULL) != LLM_OK) abort();
    memset(&req, 0, sizeof req);
    req.model = (first >> 1 & 3) == 1 ? "claude-sonnet-4-5" : (first >> 1 & 3) == 2 ? "gemini-2.5-flash" : "gpt-4o";
    req.messages = &hi;
    req.message_count = 1;
    f.stream = first & 1;
    if ((f.stream ? llm_call_begin_stream(&f.call, &client, &req, 0, &http, NULL)
                  : llm_call_begin(&f.call, &client, &req, 0, &http, NULL)) != LLM_OK)
        abort();
    sink.status = fuzz_status;
    sink.header = fuzz_header;
    sink.body = fuzz_body;
    sink.tick = NULL;
    sink.ctx = &f;
    memset(&o, 0, sizeof o);
    if (first & 16) {
        o.log = on_log;
        o.log_level = LLM_LOG_DEBUG;
    }
    /* what llm__curl_setup sets, without a handle */
    memset(&x, 0, sizeof x);
    x.sink = &sink;
    x.opt = &o;
    x.http = http;
    x.stream = http->stream;
    x.stop = LLM_OK;
    x.header_max = first & 8 ? 2048 : llm_limits().max_header_bytes;
    for (i = start = 1; i <= size; i++) {
        char *piece;
        size_t n;
        if (i < size && data[i] != '\n') continue;
        n = i - start + (i < size); /* the '\n' kept */
        if (n) {
            piece = (char *)malloc(n); /* its own block: ASan sees any read past it */
            memcpy(piece, data + start, n);
            if (piece[0] == 1) {
                if (llm__curl_on_body(piece + 1, 1, n - 1, &x) != n - 1 && x.stop == LLM_OK) abort();
            } else {
                if (first & 16) llm__curl_debug(NULL, CURLINFO_HEADER_IN, piece, n, &x);
                if (llm__curl_on_header(piece, 1, n, &x) != n && x.stop == LLM_OK) abort();
            }
            free(piece);
        }
        if (x.header_bytes > x.header_max) abort();
        if (x.stop != LLM_OK) break;
        start = i + 1;
    }
    /* the end, as llm_stream and llm_complete take it */
    r = llm__curl_result(&x, CURLE_OK, &err);
    if (holds_key(err.message)) abort();
    if (r != LLM_OK) {
        llm_call_fail(&f.call, r, err.message);
    } else if (f.stream) {
        llm_call_end_body(&f.call);
        take_events(&f);
    }
    r = llm_call_finish(&f.call, 0, &resp, &err);
    if (r != LLM_OK && (err.code != r || !err.message[0])) abort();
    if (holds_key(err.message) || holds_key(err.type) || holds_key(err.provider_code) || holds_key(err.request_id))
        abort();
    if (holds_key(resp.request_id)) abort();
    llm_response_free(&resp);
    llm_call_free(&f.call);
    return 0;
}
