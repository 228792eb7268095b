/* libFuzzer target: the stream decoders with one allocation failed. The
   first two bytes name the allocation to fail (1 ... 65536); the third
   picks the format (bit 0: OpenAI or Anthropic), the content type (bits
   1-2) and the chunk size (bits 3-5); the rest is the body of a 200 answer
   to a streamed call. The body is decoded twice: without failures (result
   r0, n0 allocations), then with allocation k failed. When k <= n0 the
   second run must return LLM_ERR_NO_MEMORY, or r0 when r0 is an error that
   came first; never success, never another error. No crash, nothing left
   allocated, every allocation freed with its size; abort() otherwise. */
#include "fuzz.h"
#include "../test.h"

static llm_result decode(const uint8_t *data, size_t size, long fail_at, test_alloc_stats *stats) {
    static const char *const types[4] = {"text/event-stream", "application/json", NULL, "text/event-stream; charset=utf-8"};
    static const size_t chunks[8] = {1, 2, 3, 7, 16, 64, 256, 4096};
    llm_client_desc desc;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_error err;
    llm_event ev;
    const char *body = (const char *)data + 3, *type = types[(data[2] >> 1) & 3];
    size_t len = size - 3, chunk = chunks[(data[2] >> 3) & 7], off = 0;
    llm_result r;
    memset(stats, 0, sizeof *stats);
    stats->fail_at = fail_at;
    memset(&desc, 0, sizeof desc);
    desc.custom_provider = llm_provider_find((data[2] & 1) ? "anthropic" : "openai");
    desc.alloc.alloc = test_alloc_fn;
    desc.alloc.realloc = test_realloc_fn;
    desc.alloc.free = test_free_fn;
    desc.alloc.user = stats;
    desc.api_key = "sk-fuzz-0123456789";
    desc.base_url = "http://recorded.invalid";
    if (llm_client_init(&client, &desc, NULL) != LLM_OK) abort();
    if ((r = llm_call_begin_decode(&call, &client, true, NULL, NULL)) != LLM_OK) { /* its wire state can be the failed allocation */
        if (r != LLM_ERR_NO_MEMORY || !fail_at || stats->live != 0) abort();
        return r;
    }
    llm_call_feed_status(&call, 200);
    if (type) llm_call_feed_header(&call, "Content-Type", 12, type, strlen(type));
    while (off < len) {
        size_t n = len - off < chunk ? len - off : chunk;
        if (llm_call_feed_body(&call, body + off, n) != LLM_OK) break;
        off += n;
        while (llm_call_next_event(&call, &ev) == LLM_OK) {}
    }
    memset(&err, 0, sizeof err);
    r = llm_call_finish(&call, 0, &resp, &err);
    if (r != LLM_OK && err.code != r) abort();
    llm_response_free(&resp);
    llm_call_free(&call);
    if (stats->live != 0 || stats->bad_sizes != 0) abort();
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    test_alloc_stats stats;
    long k, n0;
    llm_result r0, r;
    if (size < 3) return 0;
    k = 1 + ((long)data[0] << 8 | data[1]);
    r0 = decode(data, size, 0, &stats);
    n0 = stats.total;
    r = decode(data, size, k, &stats);
    if (k <= n0 && r != LLM_ERR_NO_MEMORY && !(r0 != LLM_OK && r == r0)) abort();
    if (k > n0 && r != r0) abort();
    return 0;
}
