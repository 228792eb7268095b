/* libFuzzer target for the OpenAI answer decoding: the first byte picks the
   HTTP status and a chunk size, the rest is the body, fed through a call in
   chunks. Whatever the bytes, the call ends in a response or an error,
   without a leak. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const int statuses[8] = {200, 200, 200, 400, 401, 429, 500, 529};
    llm_client_desc d;
    llm_client c;
    llm_call call;
    llm_message m;
    llm_request req;
    llm_response resp;
    llm_error err;
    const llm_http_request *http;
    size_t off = 1, chunk;
    llm_result r;
    if (size < 1) return 0;
    memset(&d, 0, sizeof d);
    memset(&m, 0, sizeof m);
    memset(&req, 0, sizeof req);
    d.keep_raw_body = (data[0] & 0x80) != 0;
    m.content = "hi";
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    if (llm_client_init(&c, &d, NULL) != LLM_OK || llm_call_begin(&call, &c, &req, 0, &http, NULL) != LLM_OK) abort();
    chunk = 1 + ((data[0] >> 3) & 15) * 7;
    llm_call_feed_status(&call, statuses[data[0] & 7]);
    llm_call_feed_header(&call, "retry-after", 11, (const char *)data + 1, size > 30 ? 29 : size - 1);
    while (off < size) {
        size_t n = size - off < chunk ? size - off : chunk;
        llm_call_feed_body(&call, (const char *)data + off, n);
        off += n;
    }
    r = llm_call_finish(&call, 5, &resp, &err);
    if (r == LLM_OK) {
        size_t i;
        for (i = 0; i < resp.choice_count; i++)
            if (resp.choices[i].content && strlen(resp.choices[i].content) > resp.choices[i].content_len) abort();
    } else if (err.code != r || err.message[0] == '\0') {
        abort();
    }
    llm_response_free(&resp);
    llm_call_free(&call);
    return 0;
}
