/* libFuzzer target for the answer writers (llm_response_write_openai, the
   chunk writer): whatever a provider sends, what the decoders make of it
   is written back as OpenAI's answer. The first byte picks:
     bits 0-1  the format: OpenAI, Anthropic, Gemini, or OpenRouter;
     bit 2     a stream (else one whole body).
   The rest is the body of a 200 answer, replayed through llm_stream (each
   event through llm_openai_chunk_write_event, then the usage chunk) and
   the response it leaves through llm_response_write_openai. Whatever the
   bytes: no crash, nothing left allocated; a writer that says LLM_OK wrote
   one strict JSON object (an object of "chat.completion" or
   "chat.completion.chunk", a chunk's tool call indices counting from 0);
   one that fails gives a code and a message and never says it wrote;
   abort() otherwise. */
#include "fuzz.h"
#include "../test.h"

#define MAX_INPUT (1u << 20)

typedef struct replay {
    llm_openai_chunk_writer c;
    llm_json_writer w;
    llm_json_doc doc;
} replay;

/* The writer's text is one object whose "object" is `object`. */
static void must_be(llm_json_writer *w, llm_json_doc *doc, const char *object) {
    const char *text, *o;
    size_t len;
    if (llm_json_writer_finish(w, &text, &len) != LLM_OK) abort();
    if (llm_json_parse(doc, text, len, NULL) != LLM_OK) abort();
    o = llm_json_string(llm_json_get(llm_json_root(doc), "object"), NULL);
    if (!o || strcmp(o, object) != 0) abort();
}

static int on_event(void *user, const llm_event *e) {
    replay *r = (replay *)user;
    llm_error err;
    bool wrote = true;
    llm_result res;
    const llm_json *calls, *call;
    llm_json_writer_reset(&r->w);
    memset(&err, 0, sizeof err);
    res = llm_openai_chunk_write_event(&r->c, e, &r->w, &wrote, &err);
    if (res != LLM_OK) {
        if (wrote || !err.message[0]) abort();
        return 0; /* the next event may still be written */
    }
    if (!wrote) return 0;
    must_be(&r->w, &r->doc, "chat.completion.chunk");
    calls = llm_json_get(llm_json_get(llm_json_at(llm_json_get(llm_json_root(&r->doc), "choices"), 0), "delta"),
                         "tool_calls");
    if ((call = llm_json_at(calls, 0)) != NULL) {
        int64_t index = llm_json_int(llm_json_get(call, "index"), -1);
        if (index < 0 || index >= LLM_OPENAI_CHUNK_MAX_TOOLS) abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const formats[] = {"openai", "anthropic", "gemini", "openrouter"};
    test_alloc_stats stats;
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client client;
    llm_message hello;
    llm_request req;
    llm_response resp;
    llm_error err;
    replay r;
    bool stream;
    if (size < 1 || size > MAX_INPUT) return 0;
    stream = (data[0] & 4) != 0;
    memset(&stats, 0, sizeof stats);
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = stream ? "content-type: text/event-stream\n" : "content-type: application/json\n";
    x.body = size > 1 ? (const char *)data + 1 : "";
    x.body_len = size - 1;
    if (!x.body_len) x.body = " ", x.body_len = 1;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.provider = formats[data[0] & 3];
    d.api_key = "k";
    d.has_num_retries = true;
    d.transport = llm_mock_transport(&mock);
    d.alloc.alloc = test_alloc_fn;
    d.alloc.realloc = test_realloc_fn;
    d.alloc.free = test_free_fn;
    d.alloc.user = &stats;
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "a-model";
    req.messages = &hello;
    req.message_count = 1;
    memset(&r, 0, sizeof r);
    r.c.id = "chatcmpl-fuzz";
    r.c.model = "a-model";
    memset(&resp, 0, sizeof resp);
    if (llm_client_init(&client, &d, &err) != LLM_OK) abort();
    if (stream) llm_stream(&client, &req, on_event, &r, &resp, &err);
    else llm_complete(&client, &req, &resp, &err);
    if (stream) {
        llm_json_writer_reset(&r.w);
        if (llm_openai_chunk_write_usage(&r.c, &resp.usage, &r.w, &err) != LLM_OK) abort();
        must_be(&r.w, &r.doc, "chat.completion.chunk");
    }
    if (resp.id && resp.model) {
        llm_result res;
        llm_json_writer_reset(&r.w);
        memset(&err, 0, sizeof err);
        res = llm_response_write_openai(&resp, &r.w, &err);
        if (res == LLM_OK) must_be(&r.w, &r.doc, "chat.completion");
        else if (!err.message[0]) abort();
    }
    llm_json_writer_free(&r.w);
    llm_json_doc_free(&r.doc);
    llm_response_free(&resp);
    if (stats.live != 0 || stats.bad_sizes != 0) abort();
    return 0;
}
