/* check-otlp's sender: llm_otlp.h over the curl adapter, fed through its
   hooks with the span shape of a routed GenAI chat call (the attributes of
   the OpenTelemetry GenAI client conventions: a parent span for the
   request, a failed attempt and a successful one as children, usage, the
   response, an event) and the four GenAI client histograms, then flushed.

   Usage: otlp_send ENDPOINT SCENARIO [HEADERS]
     genai  the spans and metrics above; prints "flush: LLM_OK" and the stats
     down   the same to a collector that is not there, slow or refusing:
            prints the flush's result, the failures counted, and whether it
            ended within its bound (two requests of timeout_ms 1000)
   The exit status is 0 when the program ran (the script checks its lines). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#define LLM_OTLP_IMPLEMENTATION
#ifdef LLM_OTLP_HEADER /* check-otlp's copy with a planted fault */
#include LLM_OTLP_HEADER
#else
#include "../../llm_otlp.h"
#endif

#include "../attr.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const stops[] = {"\n\n", "END"};
static const char *const finish[] = {"stop"};

/* A routed chat request with a retry: two attempts, the first refused with a 503. */
static void feed_genai(const llm_telemetry *t) {
    llm_attr start[5], req[8], resp[10], ev[2], m[6];
    void *parent, *a1, *a2;
    start[0] = attr_str("gen_ai.operation.name", "chat");
    start[1] = attr_str("gen_ai.provider.name", "openai");
    start[2] = attr_str("gen_ai.request.model", "gpt-4o");
    start[3] = attr_str("server.address", "api.openai.com");
    start[4] = attr_int("server.port", 443);
    parent = t->span_start(t->user, NULL, "chat gpt-4o", LLM_SPAN_CLIENT, start, 5);
    req[0] = attr_double("gen_ai.request.temperature", 0.2);
    req[1] = attr_double("gen_ai.request.top_p", 0.9);
    req[2] = attr_int("gen_ai.request.max_tokens", 256);
    req[3] = attr_strs("gen_ai.request.stop_sequences", stops, 2);
    req[4] = attr_bool("gen_ai.request.stream", true);
    req[5] = attr_int("gen_ai.request.choice.count", 1);
    req[6] = attr_int("gen_ai.request.seed", 42);
    req[7] = attr_str("gen_ai.request.reasoning.effort", "low");
    t->span_set(t->user, parent, req, 8);

    a1 = t->span_start(t->user, parent, "chat gpt-4o", LLM_SPAN_CLIENT, start, 5);
    ev[0] = attr_int("llm_h.attempt", 1);
    ev[1] = attr_str("llm_h.deployment", "openai-east");
    t->span_set(t->user, a1, ev, 2);
    resp[0] = attr_str("error.type", "503");
    t->span_set(t->user, a1, resp, 1);
    t->span_end(t->user, a1, LLM_SPAN_ERROR, "HTTP 503: upstream overloaded");
    t->span_event(t->user, parent, "llm_h.retry", ev, 2);

    a2 = t->span_start(t->user, parent, "chat gpt-4o", LLM_SPAN_CLIENT, start, 5);
    resp[0] = attr_str("gen_ai.response.id", "chatcmpl-AbC123");
    resp[1] = attr_str("gen_ai.response.model", "gpt-4o-2024-08-06");
    resp[2] = attr_strs("gen_ai.response.finish_reasons", finish, 1);
    resp[3] = attr_int("gen_ai.usage.input_tokens", 1200);
    resp[4] = attr_int("gen_ai.usage.cache_read.input_tokens", 1000);
    resp[5] = attr_int("gen_ai.usage.cache_write.input_tokens", 0);
    resp[6] = attr_int("gen_ai.usage.output_tokens", 80);
    resp[7] = attr_int("gen_ai.usage.reasoning.output_tokens", 32);
    resp[8] = attr_double("gen_ai.response.time_to_first_chunk", 0.231);
    resp[9] = attr_double("llm_h.cost_usd", 0.00145);
    t->span_set(t->user, a2, resp, 10);
    ev[0] = attr_int("llm_h.attempt", 2);
    t->span_set(t->user, a2, ev, 2);
    t->span_end(t->user, a2, LLM_SPAN_OK, NULL);
    t->span_set(t->user, parent, resp, 10);
    t->span_end(t->user, parent, LLM_SPAN_OK, NULL);

    m[0] = attr_str("gen_ai.operation.name", "chat");
    m[1] = attr_str("gen_ai.provider.name", "openai");
    m[2] = attr_str("gen_ai.request.model", "gpt-4o");
    m[3] = attr_str("gen_ai.response.model", "gpt-4o-2024-08-06");
    m[4] = attr_str("server.address", "api.openai.com");
    m[5] = attr_int("server.port", 443);
    t->record(t->user, "gen_ai.client.operation.duration", "s", 1.84, m, 6);
    t->record(t->user, "gen_ai.client.operation.time_to_first_chunk", "s", 0.231, m, 6);
    t->record(t->user, "gen_ai.client.operation.time_per_output_chunk", "s", 0.019, m, 6);
    t->record(t->user, "gen_ai.client.operation.time_per_output_chunk", "s", 0.021, m, 6);
    {
        llm_attr tm[7];
        memcpy(tm, m, sizeof m);
        tm[6] = attr_str("gen_ai.token.type", "input");
        t->record(t->user, "gen_ai.client.token.usage", "{token}", 1200, tm, 7);
        tm[6] = attr_str("gen_ai.token.type", "output");
        t->record(t->user, "gen_ai.client.token.usage", "{token}", 80, tm, 7);
    }
}

static int64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    llm_curl curl;
    llm_otlp x;
    llm_otlp_options o;
    llm_otlp_stats st;
    llm_telemetry t;
    llm_error err;
    llm_result r;
    int64_t t0;
    if (argc < 3) {
        fprintf(stderr, "usage: otlp_send ENDPOINT genai|down [HEADERS]\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) {
        fprintf(stderr, "curl: %s\n", err.message);
        return 1;
    }
    memset(&o, 0, sizeof o);
    o.endpoint = argv[1];
    o.headers = argc > 3 ? argv[3] : NULL;
    o.service_name = "llm-h-check";
    o.transport = llm_curl_transport(&curl);
    o.timeout_ms = 1000;
    if ((r = llm_otlp_init(&x, &o, &err)) != LLM_OK) {
        printf("init: %s %s\n", llm_result_str(r), err.message);
        llm_curl_free(&curl);
        return 0;
    }
    t = llm_otlp_telemetry(&x);
    feed_genai(&t);
    t0 = mono_ms();
    r = llm_otlp_flush(&x, &err);
    llm_otlp_get_stats(&x, &st);
    printf("flush: %s%s%s\n", llm_result_str(r), r == LLM_OK ? "" : " ", r == LLM_OK ? "" : err.message);
    printf("spans: started %llu exported %llu export_failed %llu dropped %llu pending %llu\n",
           (unsigned long long)st.spans_started, (unsigned long long)st.spans_exported,
           (unsigned long long)st.spans_export_failed, (unsigned long long)st.spans_dropped,
           (unsigned long long)st.spans_pending);
    printf("exports: %llu failed %llu\n", (unsigned long long)st.exports, (unsigned long long)st.exports_failed);
    /* two requests of at most timeout_ms each, and a margin for a busy machine */
    if (strcmp(argv[2], "down") == 0) printf("flush took under 3500 ms: %s\n", mono_ms() - t0 < 3500 ? "yes" : "no");
    llm_otlp_free(&x);
    llm_curl_free(&curl);
    curl_global_cleanup();
    return 0;
}
