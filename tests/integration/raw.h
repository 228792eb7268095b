/* raw.h - a plain exchange through an llm_transport, its status and body
   kept (for the mock server's /mock/stats, and requests sent as they are).
   Include after llm.h. */
#ifndef LLM_TEST_RAW_H
#define LLM_TEST_RAW_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct raw_answer {
    int status;
    char body[16384];
    size_t len;
} raw_answer;

static llm_result raw_status(void *ctx, int status) {
    ((raw_answer *)ctx)->status = status;
    return LLM_OK;
}
static llm_result raw_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    (void)ctx, (void)n, (void)nl, (void)v, (void)vl;
    return LLM_OK;
}
static llm_result raw_body(void *ctx, const char *d, size_t n) {
    raw_answer *a = (raw_answer *)ctx;
    if (n > sizeof a->body - 1 - a->len) n = sizeof a->body - 1 - a->len; /* the start is enough */
    memcpy(a->body + a->len, d, n);
    a->len += n;
    a->body[a->len] = '\0';
    return LLM_OK;
}

/* METHOD url with `body` (NULL: none) and headers; the answer in *a. */
static llm_result raw_send(llm_transport t, const char *method, const char *url, const llm_pair *headers, size_t header_count, const char *body,
                           int timeout_ms, raw_answer *a, llm_error *err) {
    llm_http_request http;
    llm_http_sink sink;
    memset(&http, 0, sizeof http);
    memset(a, 0, sizeof *a);
    http.method = method;
    http.url = url;
    http.headers = headers;
    http.header_count = header_count;
    http.body = body;
    http.body_len = body ? strlen(body) : 0;
    http.timeout_ms = timeout_ms;
    sink.status = raw_status;
    sink.header = raw_header;
    sink.body = raw_body;
    sink.ctx = a;
    sink.tick = NULL;
    return t.send(t.user, &http, &sink, err);
}

/* The mock server's counter `name` in /mock/stats (connections,
   requests...), -1 when it cannot be read. The counters open the object;
   what follows (every Idempotency-Key seen) can outgrow the buffer, so the
   counter is read where it stands rather than by parsing the whole body. */
static long raw_mock_stat(llm_transport t, const char *server_base, const char *name) {
    raw_answer a;
    char url[192], key[64];
    const char *at;
    snprintf(url, sizeof url, "%s/mock/stats", server_base);
    snprintf(key, sizeof key, "\"%s\":", name);
    if (raw_send(t, "GET", url, NULL, 0, NULL, 5000, &a, NULL) != LLM_OK || a.status != 200) return -1;
    if (!(at = strstr(a.body, key)) || at == a.body || (at[-1] != '{' && at[-1] != ',')) return -1;
    return strtol(at + strlen(key), NULL, 10);
}

#endif
