/* libFuzzer target for the embeddings decoders (OpenAI's data[] of numbers
   or base64 at their index, Gemini's embedding / embeddings[]). The first
   byte picks:
     bit 0     the wire format: OpenAI, or Gemini;
     bits 1-2  the inputs asked for: 1 to 4 (Gemini: 1 is :embedContent,
               more :batchEmbedContents);
     bit 3     encoding_format base64 (OpenAI);
     bits 4-6  the chunk size: 1, 2, 3, 7, 16, 64, 256 or 4096 bytes;
     bit 7     the status: 200, or 400 (an error body).
   The rest is the body. Whatever the bytes: no crash, nothing left
   allocated (a counting allocator), llm_call_finish_embed returns LLM_OK
   or an error whose llm_error.code equals it with a message; an answer
   holds one vector per input, each non-empty, of finite values, all in
   one array (the vectors' values lie end to end within one span whose
   size is their sum); abort() otherwise. */
#include "fuzz.h"

static long live;

static void *count_alloc(void *user, size_t size) {
    void *p = malloc(size);
    (void)user;
    if (p) live++;
    return p;
}
static void *count_realloc(void *user, void *ptr, size_t old_size, size_t new_size) {
    void *p = realloc(ptr, new_size);
    (void)user, (void)old_size;
    if (p && !ptr) live++;
    return p;
}
static void count_free(void *user, void *ptr, size_t size) {
    (void)user, (void)size;
    if (ptr) live--;
    free(ptr);
}

/* The answer's vectors: one per input, non-empty, finite, in one array. */
static void check_answer(const llm_embed_response *resp, size_t inputs) {
    const float *lo = NULL, *hi = NULL;
    size_t i, k, total = 0;
    if (resp->count != inputs || !resp->embeddings) abort();
    for (i = 0; i < resp->count; i++) {
        const llm_embedding *e = &resp->embeddings[i];
        if (!e->count || !e->values) abort();
        for (k = 0; k < e->count; k++)
            if (e->values[k] != e->values[k] || e->values[k] - e->values[k] != 0) abort();
        if (!lo || e->values < lo) lo = e->values;
        if (!hi || e->values + e->count > hi) hi = e->values + e->count;
        total += e->count;
    }
    if ((size_t)(hi - lo) != total) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const size_t chunks[8] = {1, 2, 3, 7, 16, 64, 256, 4096};
    static const char *const texts[4] = {"one", "two", "three", "four"};
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_embed_request req;
    llm_embed_response resp;
    llm_error err;
    const llm_http_request *http;
    size_t off = 1, chunk;
    llm_result r;
    if (size < 1) return 0;
    memset(&d, 0, sizeof d);
    d.provider = data[0] & 1 ? "gemini" : "openai";
    d.api_key = "sk-fuzz";
    d.alloc.alloc = count_alloc;
    d.alloc.realloc = count_realloc;
    d.alloc.free = count_free;
    memset(&req, 0, sizeof req);
    req.model = data[0] & 1 ? "gemini-embedding-001" : "text-embedding-3-small";
    req.inputs = texts;
    req.input_count = 1 + ((data[0] >> 1) & 3);
    req.encoding = data[0] & 8 ? LLM_EMBED_BASE64 : LLM_EMBED_FLOAT;
    live = 0;
    if (llm_client_init(&c, &d, NULL) != LLM_OK || llm_call_begin_embed(&call, &c, &req, 0, &http, NULL) != LLM_OK)
        abort();
    chunk = chunks[(data[0] >> 4) & 7];
    llm_call_feed_status(&call, data[0] & 0x80 ? 400 : 200);
    while (off < size) {
        size_t n = size - off < chunk ? size - off : chunk;
        llm_call_feed_body(&call, (const char *)data + off, n);
        off += n;
    }
    r = llm_call_finish_embed(&call, 5, &resp, &err);
    if (r == LLM_OK) check_answer(&resp, req.input_count);
    else if (err.code != r || err.message[0] == '\0' || resp.count || resp.embeddings) abort();
    llm_embed_response_free(&resp);
    llm_call_free(&call);
    if (live != 0) abort();
    return 0;
}
