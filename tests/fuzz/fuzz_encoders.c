/* libFuzzer target: the request encoders with one allocation failed. The
   first two bytes name the allocation to fail (modulo the run's count plus
   one, so that nearly every input fails one; n0 + 1 fails none); the third
   picks the provider (OpenAI, OpenRouter, an Azure deployment, Anthropic,
   Gemini, OpenAI's Responses API: its value modulo 6) and, bit 7, a streamed request; the rest is
   an OpenAI chat-completions body, parsed by llm_request_parse_openai
   without failures. The request is encoded twice by llm_call_begin (or
   llm_call_begin_stream) through a counting allocator: without failures
   (result r0, n0 allocations), then with allocation k failed. When
   k <= n0 the second run must return LLM_ERR_NO_MEMORY, or r0 when r0 is
   an error that came first; never success, never another error; when
   k > n0 the same result as the first. A body that is accepted is one
   strict JSON value. No crash, nothing left allocated, every allocation
   freed with its size; abort() otherwise. */
#include "fuzz.h"
#include "../test.h"

typedef struct target {
    const char *provider, *base, *version, *model;
} target;

static const target targets[6] = {
    {"openai", NULL, NULL, "gpt-4o"},
    {"openrouter", NULL, NULL, "openai/gpt-4o"},
    {"azure", "https://fuzz.openai.azure.com", "2024-10-21", "gpt-4o"},
    {"anthropic", NULL, NULL, "claude-sonnet-4-5"},
    {"gemini", NULL, NULL, "gemini-2.5-flash"},
    {"openai", NULL, NULL, "openai/responses/gpt-4o"},
};

static llm_result encode(const target *t, bool stream, llm_request *req, long fail_at, test_alloc_stats *stats) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    const llm_http_request *http = NULL;
    llm_json_doc doc;
    llm_error err;
    llm_result r;
    memset(stats, 0, sizeof *stats);
    memset(&d, 0, sizeof d);
    d.provider = t->provider;
    d.base_url = t->base;
    d.api_version = t->version;
    d.api_key = "sk-fuzz-0123456789";
    d.alloc.alloc = test_alloc_fn;
    d.alloc.realloc = test_realloc_fn;
    d.alloc.free = test_free_fn;
    d.alloc.user = stats;
    if (llm_client_init(&c, &d, NULL) != LLM_OK) abort(); /* the client allocates nothing */
    stats->fail_at = fail_at;
    memset(&err, 0, sizeof err);
    r = stream ? llm_call_begin_stream(&call, &c, req, 0, &http, &err) : llm_call_begin(&call, &c, req, 0, &http, &err);
    if (r == LLM_OK) {
        memset(&doc, 0, sizeof doc);
        stats->fail_at = 0; /* the check below is not the code under test */
        if (!http || llm_json_parse(&doc, http->body, http->body_len, NULL) != LLM_OK) abort();
        llm_json_doc_free(&doc);
        llm_call_free(&call);
    } else if (r > 0 || err.code != r || !err.message[0] || http) {
        abort();
    }
    if (stats->live != 0 || stats->bad_sizes != 0) abort();
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    llm_openai_request q;
    test_alloc_stats stats;
    const target *t;
    bool stream;
    long k, n0;
    llm_result r0, r;
    if (size < 3) return 0;
    t = &targets[(data[2] & 0x7F) % 6];
    stream = (data[2] & 0x80) != 0;
    memset(&q, 0, sizeof q);
    if (llm_request_parse_openai(&q, (const char *)data + 3, size - 3, NULL) == LLM_OK) {
        q.request.model = t->model; /* as -m would: the price table's limits and the family's rules apply */
        r0 = encode(t, stream, &q.request, 0, &stats);
        n0 = stats.total;
        k = 1 + ((long)data[0] << 8 | data[1]) % (n0 + 1);
        r = encode(t, stream, &q.request, k, &stats);
        if (k <= n0 && r != LLM_ERR_NO_MEMORY && !(r0 != LLM_OK && r == r0)) abort();
        if (k > n0 && r != r0) abort();
    }
    llm_openai_request_free(&q);
    return 0;
}
