// llm_otlp.h and its implementation compiled as C++, and called: an
// exporter over the mock transport, one span through its hooks, flushed.
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_OTLP_IMPLEMENTATION
#include "../../llm_otlp.h"
#include "../../llm_otlp.h"

#include <cstring>

int main() {
    llm_mock_exchange answer = llm_mock_exchange();
    answer.status = 200;
    answer.body = "{}";
    llm_mock mock = llm_mock();
    mock.exchanges = &answer;
    mock.count = 1;
    llm_otlp_options o = llm_otlp_options();
    o.endpoint = "http://127.0.0.1:4318";
    o.headers = "k=v";
    o.transport = llm_mock_transport(&mock);
    llm_otlp x;
    llm_error err;
    if (llm_otlp_init(&x, &o, &err) != LLM_OK) return 1;
    llm_telemetry t = llm_otlp_telemetry(&x);
    void *s = t.span_start(t.user, nullptr, "chat m", LLM_SPAN_CLIENT, nullptr, 0);
    t.span_end(t.user, s, LLM_SPAN_OK, nullptr);
    bool ok = llm_otlp_flush(&x, &err) == LLM_OK && mock.next == 1;
    llm_otlp_stats st;
    llm_otlp_get_stats(&x, &st);
    ok = ok && st.spans_exported == 1;
    llm_otlp_free(&x);
    return ok ? 0 : 1;
}
