/* libFuzzer target for the model-list decoders and the readiness probe's
   answer. The first byte picks: bits 0-2 the provider whose list decodes
   the body (openai, openrouter, anthropic, gemini) or a readiness probe
   (4-7); bit 3 the status: 200, or 503 (a probe's LOADING, a list's
   error); bit 4 a page cursor sent (the URL's query). The rest is the body.
   Whatever the bytes: no crash, nothing left allocated; a list that
   decoded has `count` models each with a NUL-terminated non-empty id,
   methods that are strings, has_more only with a non-empty next; a failure
   has its code in llm_error.code and a message; abort() otherwise. */
#include "fuzz.h"
#include <stdio.h>

typedef struct counted {
    size_t live;
} counted;

static void *c_alloc(void *u, size_t n) {
    ((counted *)u)->live += n;
    return malloc(n);
}
static void c_free(void *u, void *p, size_t n) {
    if (!p) return;
    ((counted *)u)->live -= n;
    free(p);
}
static void *c_realloc(void *u, void *p, size_t old, size_t n) {
    void *q = c_alloc(u, n);
    if (q && p) memcpy(q, p, old < n ? old : n);
    if (q) c_free(u, p, old);
    return q;
}

static void check_list(const llm_model_list *list) {
    size_t i, k;
    for (i = 0; i < list->count; i++) {
        const llm_remote_model *m = &list->models[i];
        if (!m->id || !m->id[0] || strlen(m->id) > 1u << 24) abort();
        for (k = 0; k < m->method_count; k++)
            if (!m->methods[k]) abort();
        if (m->context_window < 0 || m->max_output_tokens < 0) abort();
        if (m->has_price && (m->input_usd_per_mtok < 0 || m->output_usd_per_mtok < 0)) abort();
    }
    if (list->has_more && (!list->next || !list->next[0])) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const providers[4] = {"openai", "openrouter", "anthropic", "gemini"};
    counted cnt = {0};
    llm_client_desc d;
    llm_client client;
    llm_call call;
    const llm_http_request *http;
    llm_models_request req;
    llm_model_list list;
    llm_health_info out;
    llm_error err;
    llm_result r;
    uint8_t first;
    int kind;
    if (size < 1) return 0;
    first = data[0];
    kind = first & 7;
    memset(&d, 0, sizeof d);
    d.provider = kind < 4 ? providers[kind] : "litellm_proxy";
    d.api_key = "sk-fuzz-key-0123456789";
    d.alloc.alloc = c_alloc;
    d.alloc.realloc = c_realloc;
    d.alloc.free = c_free;
    d.alloc.user = &cnt;
    if (llm_client_init(&client, &d, NULL) != LLM_OK) abort();
    memset(&req, 0, sizeof req);
    if (first & 16) {
        req.page.after = "cursor/1=";
        req.page.limit = 7;
    }
    r = kind < 4 ? llm_call_begin_models(&call, &client, &req, 0, &http, &err)
                 : llm_call_begin_probe(&call, &client, "/health/readiness", NULL, 0, &http, &err);
    if (r != LLM_OK) abort();
    llm_call_feed_status(&call, first & 8 ? 503 : 200);
    llm_call_feed_body(&call, (const char *)data + 1, size - 1);
    if (kind < 4) {
        r = llm_call_finish_models(&call, 1, &list, &err);
        if (r == LLM_OK) check_list(&list);
        else if (list.count || list.models) abort();
        llm_model_list_free(&list);
    } else {
        r = llm_call_finish_probe(&call, 1, &out, &err);
        if ((r == LLM_OK) != (out.state == LLM_HEALTH_READY)) abort();
        if (!memchr(out.status, 0, sizeof out.status) || !memchr(out.db, 0, sizeof out.db)) abort();
    }
    if (r != LLM_OK && (err.code != r || !err.message[0])) abort();
    llm_call_free(&call);
    if (cnt.live) abort();
    return 0;
}
