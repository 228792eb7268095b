/* libFuzzer target: answers with many choices and high indices, built from
   the input, so that the fuzzer reaches the shapes byte-level mutation
   rarely writes (thousands of choices, tool indices up to 2^31). The first
   byte: bit 0 a stream (else one whole chat completion), bit 1 a request
   that asks for n = 4096 choices (else 1), bit 2 recorded bytes (no
   request: the cap of 128). Then records of 4 bytes: choice index (2 bytes, scaled up by the
   first bit of the third byte), tool index (the third byte's low 7 bits,
   times 2^24 when the fourth byte's top bit is set), and what the record
   holds (the fourth byte: text, a tool call with or without a name or an
   id, arguments, a finish reason). Whatever the input: no crash; the peak
   of live memory stays below 64 bytes per byte of the answer plus 1 MiB
   (a slot for every index below a high one would break it); everything is
   freed; abort() otherwise. */
#include "fuzz.h"
#include <stdio.h>

typedef struct peak {
    size_t live, peak;
} peak;

static void *p_alloc(void *u, size_t n) {
    peak *p = (peak *)u;
    p->live += n;
    if (p->live > p->peak) p->peak = p->live;
    return malloc(n);
}
static void p_free(void *u, void *ptr, size_t n) {
    if (!ptr) return;
    ((peak *)u)->live -= n;
    free(ptr);
}
static void *p_realloc(void *u, void *ptr, size_t old, size_t n) {
    void *q = p_alloc(u, n);
    if (q && ptr) memcpy(q, ptr, old < n ? old : n);
    if (q) p_free(u, ptr, old);
    return q;
}

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = (char *)realloc(t->p, t->cap);
        if (!t->p) abort();
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

/* One record as a chunk's choice (stream) or a choice of the body. */
static void record(text *t, bool stream, const uint8_t *r, bool first) {
    char buf[256];
    unsigned choice = ((unsigned)r[0] << 8 | r[1]) << (r[2] & 0x80 ? 8 : 0);
    unsigned tool = (unsigned)(r[2] & 0x7F) << (r[3] & 0x80 ? 24 : 0);
    static const char *const finishes[] = {"stop", "length", "tool_calls", "error"};
    const char *field = stream ? "delta" : "message";
    if (!first) put(t, ",");
    switch (r[3] & 7) {
        case 0: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{\"content\":\"x\"}}", choice, field); break;
        case 1: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{\"tool_calls\":[{\"index\":%u,\"id\":\"c%u\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}",
                         choice, field, tool, tool); break;
        case 2: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{\"tool_calls\":[{\"index\":%u,\"function\":{\"arguments\":\"{}\"}}]}}", choice, field, tool); break;
        case 3: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{\"tool_calls\":[{\"index\":%u,\"function\":{\"name\":\"g\"}}]}}", choice, field, tool); break;
        case 4: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{\"tool_calls\":[{\"id\":\"z%u\",\"function\":{\"name\":\"h\",\"arguments\":\"1\"}}]}}",
                         choice, field, tool); break;
        default: snprintf(buf, sizeof buf, "{\"index\":%u,\"%s\":{},\"finish_reason\":\"%s\"}", choice, field, finishes[r[3] & 3]); break;
    }
    put(t, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    peak p;
    llm_client_desc desc;
    llm_message msg;
    llm_request req;
    const llm_http_request *http;
    llm_client client;
    llm_call call;
    llm_response resp;
    llm_event ev;
    text t = {0};
    size_t i;
    bool stream;
    if (size < 1) return 0;
    stream = data[0] & 1;
    for (i = 1; i + 4 <= size; i += 4) {
        if (stream) put(&t, "data: {\"choices\":[");
        else if (i == 1) put(&t, "{\"choices\":[");
        record(&t, stream, data + i, stream || i == 1);
        if (stream) put(&t, "]}\n\n");
    }
    put(&t, stream ? "data: [DONE]\n\n" : i == 1 ? "{\"choices\":[]}" : "]}");
    memset(&p, 0, sizeof p);
    memset(&desc, 0, sizeof desc);
    desc.alloc.alloc = p_alloc;
    desc.alloc.realloc = p_realloc;
    desc.alloc.free = p_free;
    desc.alloc.user = &p;
    memset(&msg, 0, sizeof msg);
    msg.content = "Hi";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &msg;
    req.message_count = 1;
    req.n = data[0] & 2 ? 4096 : 1;
    if (llm_client_init(&client, &desc, NULL) != LLM_OK) abort();
    if (data[0] & 4) { /* recorded bytes: no request, the cap of 128 */
        if (llm_call_begin_decode(&call, &client, stream, NULL, NULL) != LLM_OK) abort();
    } else if ((stream ? llm_call_begin_stream(&call, &client, &req, 0, &http, NULL) : llm_call_begin(&call, &client, &req, 0, &http, NULL)) != LLM_OK) {
        abort();
    }
    llm_call_feed_status(&call, 200);
    llm_call_feed_body(&call, t.p, t.len);
    if (stream) while (llm_call_next_event(&call, &ev) == LLM_OK) {}
    llm_call_finish(&call, 0, &resp, NULL);
    llm_response_free(&resp);
    llm_call_free(&call);
    if (p.peak > 64 * t.len + (1u << 20)) {
        fprintf(stderr, "peak %zu bytes for an answer of %zu bytes\n", p.peak, t.len);
        abort();
    }
    if (p.live != 0) abort();
    free(t.p);
    return 0;
}
