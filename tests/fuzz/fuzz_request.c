/* libFuzzer target for the OpenAI request parser (llm_request_parse_openai,
   what `llm request` and a gateway read): the bytes are parsed; a request
   that parses is encoded for OpenAI, OpenRouter, an Azure deployment and
   Anthropic, and every body llm_call_begin accepts must be one strict
   JSON value.
   Whatever the bytes: a result, an error with a message, no crash, no
   leak; abort() otherwise. */
#include "fuzz.h"

static void encode_for(const char *provider, const char *base, const char *version, const llm_openai_request *q) {
    llm_client_desc d;
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_json_doc doc;
    llm_error err;
    llm_result r;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.base_url = base;
    d.api_version = version;
    d.api_key = "sk-fuzz";
    if (llm_client_init(&c, &d, NULL) != LLM_OK) abort();
    r = q->stream ? llm_call_begin_stream(&call, &c, &q->request, 0, &http, &err) : llm_call_begin(&call, &c, &q->request, 0, &http, &err);
    if (r == LLM_OK) {
        memset(&doc, 0, sizeof doc);
        if (!http || llm_json_parse(&doc, http->body, http->body_len, NULL) != LLM_OK) abort(); /* the body is JSON */
        llm_json_doc_free(&doc);
        llm_call_free(&call);
    } else if (r > 0 || !err.message[0] || http) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    llm_openai_request q;
    llm_error err;
    llm_result r;
    memset(&q, 0, sizeof q);
    r = llm_request_parse_openai(&q, (const char *)data, size, &err);
    if (r == LLM_OK) {
        if (!q.request.model) q.request.model = "gpt-4o"; /* as -m would */
        encode_for("openai", NULL, NULL, &q);
        encode_for("openrouter", NULL, NULL, &q);
        encode_for("azure", "https://fuzz.openai.azure.com", "2024-10-21", &q);
        encode_for("anthropic", NULL, NULL, &q);
    } else if (r > 0 || !err.message[0]) {
        abort();
    }
    llm_openai_request_free(&q);
    return 0;
}
