/* libFuzzer target for remote token counts and what a server says of
   itself in its headers. The first byte picks:
     bits 0-1  the call: an Anthropic count (count_tokens), a Gemini count
               (countTokens), a LiteLLM proxy's chat answer, or the same
               proxy's answer as a stream;
     bits 2-6  the HTTP status: 200, else 200 + 20 * value (up to 820).
   The rest, up to its first blank line ("\n\n"), is header lines
   "name: value" (a line without ':' is skipped); after it, the body.
   Whatever the bytes: no crash, nothing left allocated (ASan's leak
   checker), a count that succeeds is a whole number in 0 ...
   LLM_USAGE_MAX_TOKENS and one that fails leaves 0, and what the server
   said of itself holds no control byte, no run of the key, and no number
   below 0 marked as known; abort() otherwise.

   make fuzz FUZZ=counts */
#define LLM_IMPLEMENTATION
#define LLM_NO_BPE
#include "../../llm.h"

#define FUZZ_KEY "sk-fuzz-0123456789abcdef"

static void check_text(const char *s) {
    if (!s) return;
    if (strstr(s, "sk-fuzz-")) abort();
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F) abort();
}

static void check_server(const llm_server_info *si) {
    check_text(si->model_id);
    check_text(si->model_api_base);
    check_text(si->model_group);
    check_text(si->call_id);
    if ((si->has_attempted_retries && si->attempted_retries < 0) ||
        (si->has_attempted_fallbacks && si->attempted_fallbacks < 0) ||
        (si->has_response_duration && si->response_duration_ms < 0) ||
        (si->has_overhead_duration && si->overhead_duration_ms < 0) ||
        (si->has_remaining_requests && si->remaining_requests < 0) ||
        (si->has_remaining_tokens && si->remaining_tokens < 0) ||
        (si->has_limit_requests && si->limit_requests < 0) || (si->has_limit_tokens && si->limit_tokens < 0))
        abort();
}

/* Feeds status, header lines and body; the first error stops it. */
static void feed(llm_call *call, int status, const char *p, size_t n) {
    const char *end = p + n, *blank = NULL, *q;
    size_t i;
    for (i = 0; i + 1 < n; i++)
        if (p[i] == '\n' && p[i + 1] == '\n') {
            blank = p + i;
            break;
        }
    if (llm_call_feed_status(call, status) != LLM_OK) return;
    for (q = p; blank && q < blank;) {
        const char *eol = (const char *)memchr(q, '\n', (size_t)(blank - q)), *colon;
        if (!eol) eol = blank;
        colon = (const char *)memchr(q, ':', (size_t)(eol - q));
        if (colon) {
            const char *v = colon + 1;
            while (v < eol && *v == ' ') v++;
            if (llm_call_feed_header(call, q, (size_t)(colon - q), v, (size_t)(eol - v)) != LLM_OK) return;
        }
        q = eol + 1;
    }
    if (blank) p = blank + 2;
    if (p < end) llm_call_feed_body(call, p, (size_t)(end - p));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const providers[] = {"anthropic", "gemini", "litellm_proxy", "litellm_proxy"};
    static const char *const models[] = {"claude-sonnet-4-5", "gemini-2.0-flash", "gpt-4o", "gpt-4o"};
    llm_message hi;
    llm_client_desc d;
    llm_client client;
    llm_request req;
    const llm_http_request *http;
    llm_call call;
    llm_error err;
    int kind, status;
    if (size < 1) return 0;
    kind = data[0] & 3;
    status = 200 + 20 * ((data[0] >> 2) & 31);
    memset(&d, 0, sizeof d);
    d.provider = providers[kind];
    d.api_key = FUZZ_KEY;
    d.base_url = "https://proxy.example.com/v1";
    if (llm_client_init(&client, &d, &err) != LLM_OK) abort();
    memset(&hi, 0, sizeof hi);
    hi.role = LLM_ROLE_USER;
    hi.content = "Hello, world";
    memset(&req, 0, sizeof req);
    req.model = models[kind];
    req.messages = &hi;
    req.message_count = 1;
    memset(&call, 0, sizeof call);
    if (kind < 2) {
        llm_token_count out;
        if (llm_call_begin_count_tokens(&call, &client, &req, 0, &http, &err) != LLM_OK) abort();
        feed(&call, status, (const char *)data + 1, size - 1);
        if (llm_call_finish_count_tokens(&call, 0, &out, &err) == LLM_OK) {
            if (out.input_tokens < 0 || out.input_tokens > LLM_USAGE_MAX_TOKENS) abort();
        } else if (out.input_tokens != 0) {
            abort();
        }
    } else {
        llm_response resp;
        llm_result r = kind == 3 ? llm_call_begin_stream(&call, &client, &req, 0, &http, &err)
                                 : llm_call_begin(&call, &client, &req, 0, &http, &err);
        if (r != LLM_OK) abort();
        feed(&call, status, (const char *)data + 1, size - 1);
        llm_call_finish(&call, 0, &resp, &err);
        check_server(&resp.server);
        llm_response_free(&resp);
    }
    llm_call_free(&call);
    return 0;
}
