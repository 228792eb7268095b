/* The curl adapter over real sockets, against build/mock_server (and, for
   TLS, `openssl s_server` with a certificate made at test time): every
   provider streamed and not, OpenAI's Responses API (streamed and not, a
   tool round trip, a cut stream), one kept-alive connection, the router's rules
   (Retry-After honoured, a reset before the first token falls back, one
   after it is TRUNCATED with the partial text), cancellation, each timeout
   on time (within 20% + 250 ms) and the long stream that outlives the
   non-stream timeout, the size limits, redirects refused, TLS verified by
   default and its host name checked, credentials redacted from the debug
   log and wiped from the adapter's memory, a loopback request kept off a
   proxy and a key over plain http:// warned of, and the runner with many
   jobs in flight and jobs cancelled from its callbacks.

   build/test_curl [CASE...]   (build/mock_server must exist) */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#include "../test.h"
#include "mock.h"
#include "raw.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <sys/socket.h>

static mock_server mock;
static llm_curl curl_t;

static const llm_message hi = {.role = LLM_ROLE_USER, .content = "Hi"};

static llm_request chat(const char *model) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = model;
    r.messages = &hi;
    r.message_count = 1;
    return r;
}

/* A client of `provider` on the mock server, its base under `path`. */
static void client_at(llm_client *c, llm_client_desc *d, const char *provider, const char *path, char *base, size_t size) {
    memset(d, 0, sizeof *d);
    snprintf(base, size, "%s%s", mock.base, path);
    d->provider = provider;
    d->base_url = base;
    d->api_key = "sk-test-integration-0123456789";
    d->transport = llm_curl_transport(&curl_t);
    d->has_num_retries = true; /* one attempt a call: these cases test the transport (retries: a case of their own) */
    CHECK_EQ_INT(llm_client_init(c, d, NULL), LLM_OK);
}

static int count_events(void *user, const llm_event *ev) {
    if (ev->type == LLM_EVENT_TEXT) ++*(int *)user;
    return 0;
}

/* Where preset p's requests go on the mock server: OpenRouter's under
   /api/v1, Anthropic's and Gemini's and Azure's (which add their own
   paths) at the root, the other OpenAI-compatible ones under /v1. */
static const char *preset_path(const llm_provider *p) {
    return strcmp(p->name, "openrouter") == 0 ? "/api/v1"
         : strcmp(p->name, "anthropic") == 0 || strcmp(p->name, "gemini") == 0 || strcmp(p->name, "azure") == 0 ? ""
                                                                                                                : "/v1";
}

/* One preset's client answers, streamed and not, the mock server's text. */
static void preset_answers(const llm_provider *p, const char *api_version) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat(strcmp(p->name, "anthropic") == 0 ? "claude-sonnet-4-5"
                           : strcmp(p->name, "gemini") == 0  ? "gemini-2.5-flash" : "gpt-4o");
    llm_response resp;
    llm_error err;
    char base[128];
    int texts = 0;
    memset(&d, 0, sizeof d);
    snprintf(base, sizeof base, "%s%s", mock.base, preset_path(p));
    d.provider = p->name;
    d.base_url = base;
    d.api_key = "sk-test-integration-0123456789";
    d.api_version = api_version;
    d.transport = llm_curl_transport(&curl_t);
    d.has_num_retries = true;
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, &err), LLM_OK)) {
        fprintf(stderr, "  %s: %s\n", p->name, err.message);
        return;
    }
    if (!CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK)) fprintf(stderr, "  %s: %s\n", p->name, err.message);
    else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    llm_response_free(&resp);
    if (!CHECK_EQ_INT(llm_stream(&c, &req, count_events, &texts, &resp, &err), LLM_OK))
        fprintf(stderr, "  %s stream: %s\n", p->name, err.message);
    else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    if (!CHECK(texts > 1) || !CHECK(resp.usage.source == LLM_USAGE_REPORTED)) fprintf(stderr, "  %s stream\n", p->name);
    llm_response_free(&resp);
}

/* Every preset of the table (each wire format, each set of quirks), and
   Azure both ways: its v1 API and a dated api-version's deployment path. */
static void every_provider_answers_streamed_and_not(void) {
    size_t i, count = llm_provider_count();
    CHECK(count >= 17); /* the README's table: a preset dropped from the build would shrink it */
    for (i = 0; i < count; i++) preset_answers(llm_provider_at(i), NULL);
    preset_answers(llm_provider_find("azure"), "2024-10-21");
}

/* OpenAI's Responses API over the adapter (openai/responses/..., a model
   only it serves, Azure's v1 path): the answer streamed and not; a tool
   call, its output sent back as a function_call_output and quoted; a
   stream ended before response.completed is TRUNCATED with its text. */
static void the_responses_api_answers(void) {
    static const char *const models[] = {"openai/responses/gpt-4o", "o3-pro"};
    llm_client_desc d;
    llm_client c, az;
    llm_request req;
    llm_response resp;
    llm_error err;
    llm_tool tool;
    llm_conversation conv;
    char base[128], azbase[128], trunc[160];
    size_t i, n;
    int texts = 0;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    for (i = 0; i < 2; i++) {
        req = chat(models[i]);
        if (CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK))
            CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
        llm_response_free(&resp);
        if (CHECK_EQ_INT(llm_stream(&c, &req, count_events, &texts, &resp, &err), LLM_OK)) {
            CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
            CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
            CHECK(resp.usage.source == LLM_USAGE_REPORTED && resp.usage.total_tokens > 0);
        } else {
            fprintf(stderr, "  %s: %s\n", models[i], err.message);
        }
        llm_response_free(&resp);
    }
    CHECK(texts > 2);
    client_at(&az, &d, "azure", "", azbase, sizeof azbase);
    req = chat("azure/responses/my-deployment");
    if (CHECK_EQ_INT(llm_stream(&az, &req, NULL, NULL, &resp, &err), LLM_OK))
        CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    llm_response_free(&resp);
    /* a tool round trip */
    memset(&tool, 0, sizeof tool);
    memset(&conv, 0, sizeof conv);
    tool.name = "get_weather";
    CHECK_EQ_INT(llm_conversation_add(&conv, &hi), LLM_OK);
    req = chat("openai/responses/gpt-4o");
    req.tools = &tool;
    req.tool_count = 1;
    req.messages = llm_conversation_messages(&conv, &n);
    req.message_count = n;
    if (CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, &err), LLM_OK) &&
        CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "get_weather");
        CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
        CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, resp.choices[0].tool_calls[0].id, "18 C"), LLM_OK);
    }
    llm_response_free(&resp);
    req.messages = llm_conversation_messages(&conv, &n);
    req.message_count = n;
    if (CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK))
        CHECK_EQ_STR(resp.choices[0].content, "The tool said: 18 C");
    llm_response_free(&resp);
    llm_conversation_free(&conv);
    /* cut after the created event, the item added and two deltas */
    snprintf(trunc, sizeof trunc, "%s/fault/truncate@4/v1", mock.base);
    d.provider = "openai";
    d.base_url = trunc;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    req = chat("openai/responses/gpt-4o");
    CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, &err), LLM_ERR_TRUNCATED);
    CHECK(resp.choice_count == 1 && resp.choices[0].content && strncmp(resp.choices[0].content, "Hello", 5) == 0);
    llm_response_free(&resp);
}

/* The server's count of connections accepted so far (/mock/stats). */
static long mock_connections(void) { return raw_mock_stat(llm_curl_transport(&curl_t), mock.base, "connections"); }

/* 50 exchanges, streamed and not, ride one connection. */
static void one_connection_is_kept_alive(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    char base[128];
    long before, after;
    int i, ok = 0;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    before = mock_connections();
    for (i = 0; i < 50; i++) {
        ok += (i % 2 ? llm_stream(&c, &req, NULL, NULL, &resp, NULL) : llm_complete(&c, &req, &resp, NULL)) == LLM_OK;
        llm_response_free(&resp);
    }
    after = mock_connections();
    CHECK_EQ_INT(ok, 50);
    CHECK(before > 0);
    if (!CHECK_EQ_INT(after, before)) fprintf(stderr, "  connections before %ld, after %ld\n", before, after);
}

/* A kept-alive connection that the server closes after reading the
   request (fault "drop"): libcurl would send it again on a new connection;
   the adapter refuses, so the server sees it once and the call says why. */
static void a_request_is_never_sent_twice(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_pair drop = {"x-mock-fault", "drop"};
    llm_response resp;
    llm_error err;
    char base[128];
    int before;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK); /* the connection to reuse */
    llm_response_free(&resp);
    mock_sleep_ms(50);
    before = mock_logged(&mock);
    req.headers = &drop;
    req.header_count = 1;
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_TRANSPORT);
    if (!CHECK(strstr(err.message, "not sent twice") != NULL)) fprintf(stderr, "  %s\n", err.message);
    llm_response_free(&resp);
    mock_sleep_ms(100); /* the server logs a request when its connection is done with it */
    if (!CHECK_EQ_INT(mock_logged(&mock), before + 1)) fprintf(stderr, "  the server logged %d requests, expected 1\n", mock_logged(&mock) - before);
    /* a client that retries (the default) sends it again itself, counted and
       with the same Idempotency-Key, which the server's fault counts by */
    d.has_num_retries = false;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    req.header_count = 0;
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK); /* a kept-alive connection again */
    llm_response_free(&resp);
    mock_sleep_ms(50);
    before = mock_logged(&mock);
    req.header_count = 1;
    drop.value = "drop;attempts=1";
    if (!CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    else CHECK_EQ_INT(resp.attempts, 2);
    llm_response_free(&resp);
    mock_sleep_ms(100);
    if (!CHECK_EQ_INT(mock_logged(&mock), before + 2)) fprintf(stderr, "  the server logged %d requests, expected 2\n", mock_logged(&mock) - before);
}

static void a_redirect_is_not_followed(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    char base[128];
    client_at(&c, &d, "openai", "/fault/status=302/v1", base, sizeof base);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_HTTP);
    CHECK(strstr(err.message, "redirect to http://127.0.0.1:") != NULL && strstr(err.message, "/mock/redirected") != NULL);
    llm_response_free(&resp);
}

/* ---- the router over real sockets ---- */

static int64_t mono_ms(void *user) {
    (void)user;
    return (int64_t)mock_now_ms();
}

/* deployments[0] in group "main", the others in "backup", its fallback. */
static void router_for(llm_router *r, const char *const *paths, size_t n, int num_retries) {
    static char bases[4][128];
    static llm_deployment_desc deps[4];
    static llm_router_fallback fb;
    static const char *const to[] = {"backup"};
    llm_router_desc rd;
    size_t i;
    memset(&rd, 0, sizeof rd);
    memset(deps, 0, sizeof deps);
    for (i = 0; i < n; i++) {
        snprintf(bases[i], sizeof bases[i], "%s%s", mock.base, paths[i]);
        deps[i].id = i == 0 ? "first" : i == 1 ? "second" : i == 2 ? "third" : "fourth";
        deps[i].group = i == 0 ? "main" : "backup";
        deps[i].model = "openai/gpt-4o";
        deps[i].base_url = bases[i];
        deps[i].api_key = "sk-test-router";
    }
    memset(&fb, 0, sizeof fb);
    fb.kind = LLM_FALLBACK_GENERIC;
    fb.group = "main";
    fb.to = to;
    fb.to_count = 1;
    rd.deployments = deps;
    rd.deployment_count = n;
    rd.fallbacks = n > 1 ? &fb : NULL;
    rd.fallback_count = n > 1 ? 1 : 0;
    rd.has_num_retries = true; /* (without it num_retries is not read: the default 2) */
    rd.num_retries = num_retries;
    rd.transport = llm_curl_transport(&curl_t);
    rd.clock_ms = mono_ms;
    CHECK_EQ_INT(llm_router_init(r, &rd, NULL), LLM_OK);
}

static void the_router_honours_retry_after(void) {
    static const char *const paths[] = {"/fault/status=429;retry-after=1;attempts=1/v1"};
    llm_router r;
    llm_request req = chat("main");
    llm_response resp;
    llm_error err;
    long long t0;
    router_for(&r, paths, 1, 2);
    t0 = mock_now_ms();
    if (!CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    CHECK(mock_now_ms() - t0 >= 950); /* retry-after: 1 second */
    /* the response tells the whole request: the wait and both attempts */
    if (!CHECK(resp.latency_ms >= 950 && resp.latency_ms <= mock_now_ms() - t0))
        fprintf(stderr, "  latency_ms %lld\n", (long long)resp.latency_ms);
    CHECK_EQ_INT(resp.attempts, 2);
    llm_response_free(&resp);
    llm_router_free(&r);
}

static void a_reset_before_the_first_token_falls_back(void) {
    static const char *const paths[] = {"/fault/reset@0/v1", "/v1"};
    llm_router r;
    llm_router_stats st;
    llm_request req = chat("main");
    llm_response resp;
    llm_error err;
    int texts = 0;
    router_for(&r, paths, 2, 0);
    if (!CHECK_EQ_INT(llm_router_stream(&r, &req, NULL, count_events, &texts, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    llm_router_get_stats(&r, &st);
    CHECK_EQ_INT(st.fallbacks, 1);
    llm_response_free(&resp);
    llm_router_free(&r);
}

static void a_reset_after_the_first_token_is_truncated(void) {
    static const char *const paths[] = {"/fault/reset@3/v1", "/v1"};
    llm_router r;
    llm_request req = chat("main");
    llm_response resp;
    llm_error err;
    int texts = 0;
    router_for(&r, paths, 2, 0);
    CHECK_EQ_INT(llm_router_stream(&r, &req, NULL, count_events, &texts, &resp, &err), LLM_ERR_TRUNCATED);
    CHECK(texts >= 1);
    CHECK(resp.choice_count == 1 && resp.choices[0].content && strncmp(resp.choices[0].content, "Hello", 5) == 0); /* the partial text */
    llm_response_free(&resp);
    llm_router_free(&r);
}

static int cancel_at_second(void *user, const llm_event *ev) {
    return ev->type == LLM_EVENT_TEXT && ++*(int *)user == 2;
}

static void cancellation_frees_everything(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_pair slow = {"x-mock-interval-ms", "50"};
    llm_response resp;
    llm_error err;
    char base[128];
    int seen = 0;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    req.headers = &slow;
    req.header_count = 1;
    CHECK_EQ_INT(llm_stream(&c, &req, cancel_at_second, &seen, &resp, &err), LLM_ERR_CANCELLED);
    CHECK_EQ_INT(seen, 2);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK); /* the transport is still good */
    llm_response_free(&resp);
}

/* ---- timeouts ---- */

/* Runs one exchange and says how long it took and how it ended. */
static llm_result timed(llm_client *c, llm_request *req, bool stream, long long *ms, llm_error *err) {
    llm_response resp;
    long long t0 = mock_now_ms();
    llm_result r = stream ? llm_stream(c, req, NULL, NULL, &resp, err) : llm_complete(c, req, &resp, err);
    *ms = mock_now_ms() - t0;
    llm_response_free(&resp);
    return r;
}

static bool on_time(long long took, int setting) {
    bool ok = took >= setting - 20 && took <= setting + setting / 5 + 250;
    if (!ok) fprintf(stderr, "  took %lld ms for a %d ms setting\n", took, setting);
    return ok;
}

/* A chat request with one mock header (a fault script, most often). */
static llm_request with_header(llm_pair *h, const char *name, const char *value) {
    llm_request r = chat("gpt-4o");
    h->name = name;
    h->value = value;
    r.headers = h;
    r.header_count = 1;
    return r;
}

/* An interim 1xx answer (the mock sends "100 Continue" to a request that
   asks for it) is skipped: the call sees the final status and its headers. */
static void an_interim_answer_is_skipped(void) {
    llm_client_desc d;
    llm_client c;
    llm_pair h;
    llm_request req = with_header(&h, "Expect", "100-continue");
    llm_response resp;
    llm_error err;
    char base[128];
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    if (!CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
    llm_response_free(&resp);
}

static void each_timeout_fires_on_time(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req;
    llm_pair h[2];
    llm_error err;
    char base[128];
    long long took;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    /* a non-streamed exchange: timeout_ms is the whole of it */
    req = with_header(&h[0], "x-mock-fault", "delay=3000");
    req.timeout_ms = 600;
    CHECK_EQ_INT(timed(&c, &req, false, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(on_time(took, 600));
    /* a stream: timeout_ms bounds the wait for its headers */
    CHECK_EQ_INT(timed(&c, &req, true, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(on_time(took, 600));
    /* first token */
    req = with_header(&h[0], "x-mock-fault", "stall=3000@0");
    req.stream.first_token_timeout_ms = 500;
    CHECK_EQ_INT(timed(&c, &req, true, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(on_time(took, 500));
    /* stall */
    req = with_header(&h[0], "x-mock-fault", "stall=3000@3");
    req.stream.stall_timeout_ms = 500;
    CHECK_EQ_INT(timed(&c, &req, true, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(took >= 500 && took <= 500 + 100 + 250 + 200); /* the stall begins after 3 events */
    /* the stream's total, on a stream that keeps talking */
    req = with_header(&h[0], "x-mock-interval-ms", "100");
    h[1].name = "x-mock-chunks";
    h[1].value = "60";
    req.header_count = 2;
    req.stream.total_timeout_ms = 800;
    CHECK_EQ_INT(timed(&c, &req, true, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(on_time(took, 800));
    /* the negative case: an event every 100 ms outlives the non-stream timeout */
    req.stream.total_timeout_ms = 0;
    h[1].value = "15";
    req.timeout_ms = 500;
    if (!CHECK_EQ_INT(timed(&c, &req, true, &took, &err), LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    CHECK(took >= 1400);
}

/* A connect that never completes: a listening socket whose backlog is full
   (Linux drops further SYNs), so connect_timeout_ms must fire. */
static void the_connect_timeout_fires_on_time(void) {
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), fill[8], i;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_error err;
    char base[128];
    long long took;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!CHECK(lfd >= 0 && bind(lfd, (struct sockaddr *)&a, sizeof a) == 0 && listen(lfd, 0) == 0)) return;
    getsockname(lfd, (struct sockaddr *)&a, &alen);
    for (i = 0; i < 8; i++) { /* fill the accept queue (connects complete in the kernel, none accepted) */
        fill[i] = socket(AF_INET, SOCK_STREAM, 0);
        fcntl(fill[i], F_SETFL, O_NONBLOCK); /* the ones beyond the queue would wait */
        connect(fill[i], (struct sockaddr *)&a, sizeof a);
    }
    memset(&d, 0, sizeof d);
    snprintf(base, sizeof base, "http://127.0.0.1:%d/v1", ntohs(a.sin_port));
    d.base_url = base;
    d.api_key = "sk-test";
    d.transport = llm_curl_transport(&curl_t);
    d.connect_timeout_ms = 700;
    d.has_num_retries = true; /* one attempt: the timeout's own time is measured */
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    req.timeout_ms = 5000;
    CHECK_EQ_INT(timed(&c, &req, false, &took, &err), LLM_ERR_TIMEOUT);
    CHECK(on_time(took, 700));
    for (i = 0; i < 8; i++) close(fill[i]);
    close(lfd);
}

static void a_huge_body_is_refused_by_the_limit(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_pair big = {"x-mock-fault", "oversize=3000000"};
    llm_response resp;
    llm_error err;
    char base[128];
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    d.max_response_bytes = 1 << 20;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    req.headers = &big;
    req.header_count = 1;
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
    llm_response_free(&resp);
    req.stream.max_bytes = 1 << 20;
    CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, &err), LLM_ERR_LIMIT_EXCEEDED);
    llm_response_free(&resp);
}

/* ---- the debug log ---- */

typedef struct log_lines {
    char text[16384];
    size_t len;
} log_lines;

static void keep_log(void *user, llm_log_level level, const char *message) {
    log_lines *l = (log_lines *)user;
    size_t n = strlen(message);
    (void)level;
    if (n + 2 > sizeof l->text - l->len) return;
    memcpy(l->text + l->len, message, n);
    l->len += n;
    l->text[l->len++] = '\n';
    l->text[l->len] = '\0';
}

static void the_debug_log_redacts_credentials(void) {
    static log_lines lines;
    llm_curl_options o;
    llm_curl t;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("claude-sonnet-4-5");
    llm_response resp;
    char base[128];
    memset(&o, 0, sizeof o);
    memset(&lines, 0, sizeof lines);
    o.log = keep_log;
    o.log_user = &lines;
    o.log_level = LLM_LOG_DEBUG;
    CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
    memset(&d, 0, sizeof d);
    snprintf(base, sizeof base, "%s", mock.base);
    d.provider = "anthropic";
    d.base_url = base;
    d.api_key = "sk-ant-secret-0123456789abcdef";
    d.transport = llm_curl_transport(&t);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK);
    llm_response_free(&resp);
    CHECK(strstr(lines.text, "> x-api-key: <redacted>") != NULL);
    CHECK(strstr(lines.text, "> POST /v1/messages") != NULL);
    CHECK(strstr(lines.text, "< HTTP/1.1 200") != NULL);
    CHECK(strstr(lines.text, "sk-ant-secret") == NULL && strstr(lines.text, "0123456789abcdef") == NULL);
    /* a body over 1 MiB goes without "Expect: 100-continue" (libcurl would
       otherwise wait for the server's go-ahead before sending it) */
    {
        static char big[(1 << 20) + 4096];
        llm_message m = {.role = LLM_ROLE_USER, .content = big};
        memset(big, 'a', sizeof big - 1);
        req.messages = &m;
        lines.len = 0;
        lines.text[0] = '\0';
        CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK);
        llm_response_free(&resp);
        CHECK(strstr(lines.text, "> POST /v1/messages") != NULL);
        CHECK(strstr(lines.text, "Expect") == NULL);
    }
    llm_curl_free(&t);
}

/* A gateway's own auth header, the keys of gateways sent as headers, and a
   server that echoes the key in its x-request-id and Location headers
   (x-mock-echo): no line of the debug log holds any of them. */
static void the_debug_log_holds_no_key(void) {
    static log_lines lines;
    static llm_provider gateway;
    static const llm_pair gateway_keys[] = {
        {"cf-aig-authorization", "Bearer cfaig-secret-1111111111"},
        {"x-portkey-api-key", "portkey-secret-2222222222"},
        {"Ocp-Apim-Subscription-Key", "apim-secret-3333333333"},
        {"helicone-auth", "Bearer helicone-secret-4444444444"},
        {"x-litellm-api-key", "sk-litellm-secret-5555555555"},
    };
    static const char key[] = "gw-secret-0123456789abcdef";
    llm_curl_options o;
    llm_curl t;
    llm_client_desc d;
    llm_client c;
    llm_pair echo;
    llm_request req = with_header(&echo, "x-mock-echo", "X-Gateway-Key");
    llm_response resp;
    llm_error err;
    char base[128];
    size_t i;
    memset(&gateway, 0, sizeof gateway);
    gateway.name = "gateway";
    gateway.wire = llm_wire_openai_chat();
    gateway.auth_header = "X-Gateway-Key";
    gateway.auth_prefix = "";
    memset(&o, 0, sizeof o);
    memset(&lines, 0, sizeof lines);
    o.log = keep_log;
    o.log_user = &lines;
    o.log_level = LLM_LOG_DEBUG;
    CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
    memset(&d, 0, sizeof d);
    snprintf(base, sizeof base, "%s/v1", mock.base);
    d.custom_provider = &gateway;
    d.base_url = base;
    d.api_key = key;
    d.headers = gateway_keys;
    d.header_count = TEST_COUNT(gateway_keys);
    d.transport = llm_curl_transport(&t);
    d.has_num_retries = true;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    for (i = 0; i < 2; i++) { /* not streamed, then streamed */
        lines.len = 0;
        lines.text[0] = '\0';
        if (!CHECK_EQ_INT(i ? llm_stream(&c, &req, NULL, NULL, &resp, &err) : llm_complete(&c, &req, &resp, &err), LLM_OK))
            fprintf(stderr, "  %s\n", err.message);
        llm_response_free(&resp);
        CHECK(strstr(lines.text, "> X-Gateway-Key: <redacted>") != NULL);
        CHECK(strstr(lines.text, "< x-request-id: ***") != NULL); /* the line is there, its key scrubbed */
        CHECK(strstr(lines.text, "< Location: ") != NULL);
        if (!CHECK(strstr(lines.text, "gw-secret") == NULL && strstr(lines.text, "-secret-") == NULL))
            fprintf(stderr, "  the log:\n%s", lines.text);
    }
    llm_curl_free(&t);
}

/* A redirect whose Location echoes the key: the transport's own error
   (before any call scrubs it) names the Location without the key. */
static void a_redirect_error_holds_no_key(void) {
    llm_client_desc d;
    llm_client c;
    llm_pair h[2] = {{"x-mock-fault", "status=302"}, {"x-mock-echo", "Authorization"}};
    llm_request req = chat("gpt-4o");
    llm_call call;
    const llm_http_request *http;
    llm_http_sink sink;
    llm_transport t = llm_curl_transport(&curl_t);
    llm_error err;
    char base[128];
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    req.headers = h;
    req.header_count = 2;
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK);
    sink = llm_call_sink(&call);
    CHECK_EQ_INT(t.send(t.user, http, &sink, &err), LLM_ERR_HTTP);
    CHECK(strstr(err.message, "/echo/Bearer ***") != NULL);
    if (!CHECK(strstr(err.message, "0123456789") == NULL)) fprintf(stderr, "  %s\n", err.message);
    llm_call_free(&call);
}

/* ---- proxies ---- */

/* A loopback request goes straight to its server, never through a proxy the
   environment names (the key would cross the proxy in clear): with
   http_proxy and HTTP_PROXY naming a listening loopback port, the request
   reaches the mock server and the "proxy" is never connected to. */
static void a_loopback_request_bypasses_the_proxy(void) {
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int proxy = socket(AF_INET, SOCK_STREAM, 0), peer;
    char proxy_url[64], base[128];
    llm_curl t;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    llm_result r;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!CHECK(proxy >= 0 && bind(proxy, (struct sockaddr *)&a, sizeof a) == 0 && listen(proxy, 8) == 0 &&
               getsockname(proxy, (struct sockaddr *)&a, &alen) == 0))
        return;
    fcntl(proxy, F_SETFL, O_NONBLOCK);
    snprintf(proxy_url, sizeof proxy_url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    setenv("http_proxy", proxy_url, 1);
    setenv("HTTP_PROXY", proxy_url, 1);
    unsetenv("no_proxy");
    unsetenv("NO_PROXY");
    CHECK_EQ_INT(llm_curl_init(&t, NULL, NULL), LLM_OK);
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    d.transport = llm_curl_transport(&t);
    d.timeout_ms = 3000; /* a request stuck at the proxy (which never answers) ends */
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    r = llm_complete(&c, &req, &resp, &err);
    if (!CHECK_EQ_INT(r, LLM_OK)) fprintf(stderr, "  %s\n", err.message);
    llm_response_free(&resp);
    peer = accept(proxy, NULL, NULL);
    if (!CHECK(peer < 0)) fprintf(stderr, "  the proxy at %s was connected to\n", proxy_url);
    if (peer >= 0) close(peer);
    llm_curl_free(&t);
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    close(proxy);
    d.transport = llm_curl_transport(&curl_t);
}

/* A key over plain http:// to a host that is not loopback goes only with
   allow_plain_http, and the transport says so at every request (as it does
   of `insecure`); to loopback it says nothing. 192.0.2.1 (TEST-NET-1,
   RFC 5737) is never reached: the warning comes before the connection. */
static void plain_http_is_logged_at_every_request(void) {
    static log_lines lines;
    llm_curl_options o;
    llm_curl t;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    char base[128];
    int i;
    const char *p;
    memset(&lines, 0, sizeof lines);
    memset(&o, 0, sizeof o);
    o.log = keep_log;
    o.log_user = &lines;
    o.log_level = LLM_LOG_WARN;
    CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    d.transport = llm_curl_transport(&t);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK); /* loopback: nothing said */
    llm_response_free(&resp);
    CHECK_EQ_INT((int)lines.len, 0);
    d.base_url = "http://192.0.2.1:9/v1";
    d.connect_timeout_ms = 100;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "allow_plain_http") != NULL);
    llm_response_free(&resp);
    d.allow_plain_http = true;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    for (i = 0; i < 2; i++) {
        CHECK(llm_complete(&c, &req, &resp, &err) != LLM_OK); /* nobody answers there */
        llm_response_free(&resp);
    }
    for (i = 0, p = lines.text; (p = strstr(p, "in clear over plain http://")) != NULL; p++) i++;
    if (!CHECK_EQ_INT(i, 2)) fprintf(stderr, "  log: %s\n", lines.text);
    llm_curl_free(&t);
    d.transport = llm_curl_transport(&curl_t);
}

/* ---- TLS ---- */

static int free_port(void) {
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &alen) == 0) port = ntohs(a.sin_port);
    if (fd >= 0) close(fd);
    return port;
}

/* A loopback TLS server with a self-signed certificate: refused by default
   with curl's verification message; accepted once its certificate is the
   CA (the request then reaches the server, which answers no JSON). */
static void tls_is_verified_by_default(void) {
    char dir[] = "/tmp/llm_tls.XXXXXX", cmd[1024], cert[96], key[96], base[64], accept_at[64];
    llm_curl_options o;
    llm_curl t;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    pid_t pid;
    int port = free_port(), status, i;
    llm_result r = LLM_OK;
    if (!CHECK(mkdtemp(dir) != NULL && port > 0)) return;
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
             "-keyout %s -out %s >/dev/null 2>&1", key, cert);
    if (!CHECK(system(cmd) == 0)) return;
    snprintf(accept_at, sizeof accept_at, "127.0.0.1:%d", port);
    if ((pid = fork()) == 0) {
        execlp("openssl", "openssl", "s_server", "-quiet", "-accept", accept_at, "-cert", cert, "-key", key, "-www", (char *)NULL);
        _exit(127);
    }
    snprintf(base, sizeof base, "https://127.0.0.1:%d/v1", port);
    memset(&d, 0, sizeof d);
    d.base_url = base;
    d.api_key = "sk-test";
    d.timeout_ms = 5000;
    memset(&o, 0, sizeof o);
    for (i = 0; i < 100; i++) { /* until the server listens (at most 5 s) */
        CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
        d.transport = llm_curl_transport(&t);
        llm_client_init(&c, &d, NULL);
        r = llm_complete(&c, &req, &resp, &err);
        llm_response_free(&resp);
        llm_curl_free(&t);
        if (!(r == LLM_ERR_TRANSPORT && strstr(err.message, "onnect"))) break;
        mock_sleep_ms(50);
    }
    CHECK_EQ_INT(r, LLM_ERR_TRANSPORT);
    if (!CHECK(strstr(err.message, "SSL certificate problem") != NULL)) fprintf(stderr, "  %s\n", err.message);
    o.ca_file = cert; /* the positive control: the same server, trusted, answers (s_server -www answers GET) */
    CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
    {
        raw_answer *a = (raw_answer *)calloc(1, sizeof *a);
        char url[96];
        snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
        r = raw_send(llm_curl_transport(&t), "GET", url, NULL, 0, NULL, 5000, a, &err);
        if (!CHECK_EQ_INT(r, LLM_OK)) fprintf(stderr, "  %s\n", err.message);
        CHECK_EQ_INT(a->status, 200);
        free(a);
    }
    llm_curl_free(&t);
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    remove(cert);
    remove(key);
    rmdir(dir);
}

/* Runs `openssl s_server` on 127.0.0.1:port with cert and key; its pid. */
static pid_t tls_server(int port, const char *cert, const char *key) {
    char accept_at[64];
    pid_t pid;
    snprintf(accept_at, sizeof accept_at, "127.0.0.1:%d", port);
    if ((pid = fork()) == 0) {
        execlp("openssl", "openssl", "s_server", "-quiet", "-accept", accept_at, "-cert", cert, "-key", key, "-www", (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* A certificate the test's own CA issued, trusted through ca_file, but for
   another name (other.example) than the host asked for (127.0.0.1): the
   host name check refuses it (RFC 6125), with curl's message. The control:
   the same CA's certificate for IP:127.0.0.1 is accepted. */
static void tls_checks_the_host_name(void) {
    char dir[] = "/tmp/llm_tlsname.XXXXXX", cmd[2048], url[96], ca[96];
    static const char *const names[] = {"DNS:other.example", "IP:127.0.0.1"};
    llm_curl_options o;
    llm_curl t;
    llm_error err;
    int k;
    if (!CHECK(mkdtemp(dir) != NULL)) return;
    snprintf(cmd, sizeof cmd,
             "cd %s && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=llm-test-ca "
             "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign "
             "-keyout ca.key -out ca.pem >/dev/null 2>&1 && "
             "printf 'subjectAltName=DNS:other.example\\n' > other.ext && printf 'subjectAltName=IP:127.0.0.1\\n' > ip.ext && "
             "for n in other ip; do openssl req -newkey rsa:2048 -nodes -subj /CN=$n -keyout $n.key -out $n.csr >/dev/null 2>&1 && "
             "openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -set_serial 7 -days 1 -extfile $n.ext -out $n.pem "
             ">/dev/null 2>&1 || exit 1; done", dir);
    if (!CHECK(system(cmd) == 0)) return;
    memset(&o, 0, sizeof o);
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    o.ca_file = ca;
    for (k = 0; k < 2; k++) {
        char cert[96], key[96];
        int port = free_port(), status, i;
        pid_t pid;
        llm_result r = LLM_OK;
        snprintf(cert, sizeof cert, "%s/%s.pem", dir, k == 0 ? "other" : "ip");
        snprintf(key, sizeof key, "%s/%s.key", dir, k == 0 ? "other" : "ip");
        pid = tls_server(port, cert, key);
        snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
        for (i = 0; i < 100; i++) { /* until the server listens (at most 5 s) */
            raw_answer *a = (raw_answer *)calloc(1, sizeof *a);
            CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
            r = raw_send(llm_curl_transport(&t), "GET", url, NULL, 0, NULL, 5000, a, &err);
            free(a);
            llm_curl_free(&t);
            if (!(r == LLM_ERR_TRANSPORT && strstr(err.message, "onnect"))) break;
            mock_sleep_ms(50);
        }
        if (k == 0) {
            CHECK_EQ_INT(r, LLM_ERR_TRANSPORT);
            if (!CHECK(strstr(err.message, "name") != NULL)) fprintf(stderr, "  %s\n", err.message);
        } else if (!CHECK_EQ_INT(r, LLM_OK)) {
            fprintf(stderr, "  %s: %s\n", names[k], err.message);
        }
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* ---- the runner ---- */

typedef struct tally {
    int done, ok, texts;
} tally;

static void job_done(void *user, llm_curl_job *job) {
    tally *t = (tally *)user;
    t->done++;
    t->ok += job->result == LLM_OK && job->response.choice_count == 1 && job->response.choices[0].content &&
             strcmp(job->response.choices[0].content, "Hello from the mock server. You said: Hi") == 0;
    llm_response_free(&job->response);
}

static int job_event(void *user, const llm_event *ev) {
    if (ev->type == LLM_EVENT_TEXT) ((tally *)user)->texts++;
    return 0;
}

/* An allocator that fails every allocation from the n-th on (n counts from 0). */
typedef struct failing { int n, count; } failing;
static void *failing_alloc(void *user, size_t size) {
    failing *f = (failing *)user;
    return f->count++ >= f->n ? NULL : malloc(size);
}
static void failing_free(void *user, void *p, size_t size) {
    (void)user, (void)size;
    free(p);
}

/* The adapter's own allocations go through the options' allocator: the
   transport's state at init and a header line too long for the stack in
   llm_complete; a transfer and that line in the runner. Each failed one is
   NO_MEMORY, nothing leaks (AddressSanitizer), a job still ends through
   on_done, and past them every allocation succeeds. */
static void a_failed_allocation_is_no_memory(void) {
    static tally t;
    static char long_value[2000];
    llm_curl_options o;
    llm_curl x;
    llm_curl_runner run;
    llm_curl_job job;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_pair h = {"x-long", long_value};
    llm_response resp;
    llm_error err;
    failing f;
    char base[128];
    int n, done = 0;
    memset(long_value, 'a', sizeof long_value - 1);
    memset(&o, 0, sizeof o);
    o.alloc.alloc = failing_alloc;
    o.alloc.free = failing_free;
    o.alloc.user = &f;
    f.n = 0, f.count = 0;
    CHECK_EQ_INT(llm_curl_init(&x, &o, &err), LLM_ERR_NO_MEMORY);
    req.headers = &h;
    req.header_count = 1;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    for (n = 0; n < 8 && !done; n++) { /* the n-th allocation fails, until none does */
        f.n = n, f.count = 0;
        CHECK_EQ_INT(llm_curl_init(&x, &o, &err), n == 0 ? LLM_ERR_NO_MEMORY : LLM_OK);
        if (n > 0) {
            d.transport = llm_curl_transport(&x);
            CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
            CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), n == 1 ? LLM_ERR_NO_MEMORY : LLM_OK);
            llm_response_free(&resp);
            llm_curl_free(&x);
        }
        f.count = 0;
        memset(&t, 0, sizeof t);
        memset(&job, 0, sizeof job);
        CHECK_EQ_INT(llm_curl_runner_init(&run, &o, 2, NULL), LLM_OK);
        job.client = &c;
        job.request = &req;
        job.on_done = job_done;
        job.user = &t;
        llm_curl_runner_add(&run, &job);
        llm_curl_runner_run_all(&run);
        CHECK_EQ_INT(t.done, 1);
        CHECK_EQ_INT(job.result, n < 2 ? LLM_ERR_NO_MEMORY : LLM_OK);
        llm_response_free(&job.response);
        llm_curl_runner_free(&run);
        done = f.count < n; /* every allocation succeeded */
    }
    CHECK(done);
    d.transport = llm_curl_transport(&curl_t);
}

/* An allocator that notes each freed block still holding `secret`. */
typedef struct watching {
    const char *secret;
    int freed, freed_large, with_secret;
} watching;
static void *watching_alloc(void *user, size_t size) {
    (void)user;
    return malloc(size);
}
static void watching_free(void *user, void *p, size_t size) {
    watching *w = (watching *)user;
    size_t k = strlen(w->secret), i;
    w->freed++;
    w->freed_large += size > k;
    for (i = 0; size >= k && i + k <= size; i++)
        if (memcmp((char *)p + i, w->secret, k) == 0) {
            w->with_secret++;
            break;
        }
    free(p);
}

/* A key too long for the stack line goes through the adapter's allocator:
   that block is wiped before it is freed, in llm_complete and in the
   runner. (libcurl's copies, in its header list, are wiped by the adapter
   too, but libcurl's own allocations are not seen here.) */
static void the_adapter_wipes_its_copies_of_the_key(void) {
    static char key[700];
    static watching w;
    llm_curl_options o;
    llm_curl t;
    llm_curl_runner run;
    llm_curl_job job;
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    char base[128];
    memset(key, 'Q', sizeof key - 1);
    memcpy(key, "sk-wipe-", 8);
    memset(&w, 0, sizeof w);
    w.secret = "sk-wipe-QQQQQQQQ";
    memset(&o, 0, sizeof o);
    o.alloc.alloc = watching_alloc;
    o.alloc.free = watching_free;
    o.alloc.user = &w;
    CHECK_EQ_INT(llm_curl_init(&t, &o, NULL), LLM_OK);
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    d.api_key = key;
    d.transport = llm_curl_transport(&t);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_OK);
    llm_response_free(&resp);
    llm_curl_free(&t);
    CHECK_EQ_INT(llm_curl_runner_init(&run, &o, 2, NULL), LLM_OK);
    memset(&job, 0, sizeof job);
    job.client = &c;
    job.request = &req;
    llm_curl_runner_add(&run, &job);
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    CHECK_EQ_INT(job.result, LLM_OK);
    llm_response_free(&job.response);
    llm_curl_runner_free(&run);
    CHECK(w.freed_large >= 2); /* the two long lines went through it */
    CHECK_EQ_INT(w.with_secret, 0);
    d.api_key = "sk-test-integration-0123456789";
    d.transport = llm_curl_transport(&curl_t);
}

static void the_runner_keeps_many_in_flight(void) {
    enum { N = 300 };
    static llm_curl_job jobs[N];
    static tally t;
    static const char *const paths[] = {"/fault/status=503;attempts=1/v1", "/v1"};
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    llm_router r;
    llm_request req = chat("gpt-4o"), routed = chat("main");
    char base[128];
    int i, left = 1, steps = 0, peak = 0;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    router_for(&r, paths, 2, 1);
    memset(&t, 0, sizeof t);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 32, NULL), LLM_OK);
    for (i = 0; i < N; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].client = i % 3 == 2 ? NULL : &c;
        jobs[i].router = i % 3 == 2 ? &r : NULL;
        jobs[i].request = i % 3 == 2 ? &routed : &req;
        jobs[i].stream = i % 2 == 1;
        jobs[i].on_event = job_event;
        jobs[i].on_done = job_done;
        jobs[i].user = &t;
        CHECK_EQ_INT(llm_curl_runner_add(&run, &jobs[i]), LLM_OK);
    }
    while (left > 0 && steps < 100000) { /* as a game loop does: a little every frame */
        left = llm_curl_runner_step(&run, 16);
        if (run.running_ > peak) peak = run.running_; /* (a private counter, read to check the bound) */
        steps++;
    }
    CHECK_EQ_INT(left, 0);
    if (!CHECK(peak > 1 && peak <= 32)) fprintf(stderr, "  %d jobs were in flight at once, the bound is 32\n", peak);
    CHECK_EQ_INT(t.done, N);
    CHECK_EQ_INT(t.ok, N);
    CHECK(t.texts >= N / 2);
    llm_curl_runner_free(&run);
    llm_router_free(&r);
}

static void the_runner_cancels_and_times_out(void) {
    static llm_curl_job jobs[3];
    static tally t;
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    llm_request slow = chat("gpt-4o"), stalled = chat("gpt-4o");
    llm_pair h1 = {"x-mock-interval-ms", "200"}, h2 = {"x-mock-fault", "stall=5000@3"};
    char base[128];
    long long t0;
    int i;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    slow.headers = &h1;
    slow.header_count = 1;
    stalled.headers = &h2;
    stalled.header_count = 1;
    stalled.stream.stall_timeout_ms = 400;
    memset(&t, 0, sizeof t);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 4, NULL), LLM_OK);
    for (i = 0; i < 3; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].client = &c;
        jobs[i].request = i == 2 ? &stalled : &slow;
        jobs[i].stream = true;
        jobs[i].on_done = job_done;
        jobs[i].user = &t;
        llm_curl_runner_add(&run, &jobs[i]);
    }
    llm_curl_runner_step(&run, 100);
    llm_curl_runner_cancel(&run, &jobs[0]); /* in flight */
    CHECK_EQ_INT(jobs[0].result, LLM_ERR_CANCELLED);
    t0 = mock_now_ms();
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    CHECK_EQ_INT(jobs[1].result, LLM_OK);
    CHECK_EQ_INT(jobs[2].result, LLM_ERR_TIMEOUT);
    CHECK(mock_now_ms() - t0 < 5000);
    CHECK_EQ_INT(t.done, 3);
    llm_curl_runner_free(&run);
}

/* ---- what comes after a whole stream ---- */

/* The process's peak resident memory, in KiB. */
static long peak_rss_kib(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/* The limit on an answer's headers and trailers together that llm.h
   documents (LIMITS AND DEADLINES: LLM_MAX_HEADER_BYTES, 256 KiB). */
#define DOCUMENTED_HEADER_LIMIT (256 * 1024)

/* The mock's fault: 1 KB trailer lines for 20 s after [DONE], as fast as
   the client reads (a flood) or one every 50 ms (a trickle). The stream's
   deadlines are 2 s of stall and 5 s in all. */
static llm_request trailing(llm_pair *h, const char *fault) {
    llm_request req = with_header(h, "x-mock-fault", fault);
    req.stream.stall_timeout_ms = 2000;
    req.stream.total_timeout_ms = 5000;
    return req;
}

/* After [DONE], a flood of trailers stops at the header limit, a trickle
   at the end of the stream's grace (well within its deadlines); each time
   the answer is the whole one, and the connection is dropped, not reused. */
static void trailers_after_the_end_are_bounded(void) {
    static const char *const faults[] = {"trailers=20000@0", "trailers=20000@50"};
    llm_client_desc d;
    llm_client c;
    llm_pair h;
    char base[128];
    size_t i;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    for (i = 0; i < TEST_COUNT(faults); i++) {
        llm_request req = trailing(&h, faults[i]);
        llm_response resp;
        llm_error err;
        long rss = peak_rss_kib(), before = mock_connections(), after;
        long long t0 = mock_now_ms(), took;
        llm_result r = llm_stream(&c, &req, NULL, NULL, &resp, &err);
        took = mock_now_ms() - t0;
        if (!CHECK_EQ_INT(r, LLM_OK)) fprintf(stderr, "  %s: %s\n", faults[i], err.message);
        else CHECK_EQ_STR(resp.choices[0].content, "Hello from the mock server. You said: Hi");
        if (!CHECK(took <= 2000 + 250)) fprintf(stderr, "  %s: took %lld ms, the stall deadline is 2000\n", faults[i], took);
        if (!CHECK(peak_rss_kib() - rss < 32 * 1024)) fprintf(stderr, "  %s: the peak memory grew by %ld KiB\n", faults[i], peak_rss_kib() - rss);
        /* (a private counter, read to check the bound) */
        if (i == 0 && !CHECK(((llm__curl_xfer *)curl_t.xfer_)->header_bytes <= DOCUMENTED_HEADER_LIMIT))
            fprintf(stderr, "  %zu bytes of headers and trailers taken\n", ((llm__curl_xfer *)curl_t.xfer_)->header_bytes);
        llm_response_free(&resp);
        after = mock_connections();
        if (!CHECK_EQ_INT(after, before + 1)) fprintf(stderr, "  %s: connections before %ld, after %ld\n", faults[i], before, after);
    }
}

/* The runner: the same two streams as jobs, side by side. */
static void the_runner_bounds_trailers_too(void) {
    static llm_curl_job jobs[2];
    static tally t;
    static const char *const faults[] = {"trailers=20000@0", "trailers=20000@50"};
    llm_request reqs[2];
    llm_pair h[2];
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    char base[128];
    long rss = peak_rss_kib();
    long long t0;
    int i;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    memset(&t, 0, sizeof t);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 4, NULL), LLM_OK);
    for (i = 0; i < 2; i++) {
        reqs[i] = trailing(&h[i], faults[i]);
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].client = &c;
        jobs[i].request = &reqs[i];
        jobs[i].stream = true;
        jobs[i].on_done = job_done;
        jobs[i].user = &t;
        CHECK_EQ_INT(llm_curl_runner_add(&run, &jobs[i]), LLM_OK);
    }
    t0 = mock_now_ms();
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    if (!CHECK(mock_now_ms() - t0 <= 2000 + 250)) fprintf(stderr, "  took %lld ms, the stall deadline is 2000\n", mock_now_ms() - t0);
    CHECK_EQ_INT(t.done, 2);
    if (!CHECK_EQ_INT(t.ok, 2)) fprintf(stderr, "  %s / %s\n", jobs[0].error.message, jobs[1].error.message);
    if (!CHECK(peak_rss_kib() - rss < 32 * 1024)) fprintf(stderr, "  the peak memory grew by %ld KiB\n", peak_rss_kib() - rss);
    llm_curl_runner_free(&run);
}

/* A hang fails the case instead of blocking the suite: SIGALRM ends the
   process with a message. */
static void hang_alarm(int sig) {
    static const char msg[] = "test_curl: the runner did not return in time (hang)\n";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0) {}
    _exit(1);
}

static void guard_hang(unsigned seconds) {
    signal(SIGALRM, seconds ? hang_alarm : SIG_DFL);
    alarm(seconds);
}

typedef struct canceller {
    llm_curl_runner *run;
    llm_curl_job *target; /* the job to cancel */
    int texts, done;
} canceller;

/* Cancels its own job (target) from inside the transfer's write callback, at the second text. */
static int cancel_self_at_second(void *user, const llm_event *ev) {
    canceller *k = (canceller *)user;
    if (ev->type == LLM_EVENT_TEXT && ++k->texts == 2) llm_curl_runner_cancel(k->run, k->target);
    return 0;
}

static void count_done(void *user, llm_curl_job *job) {
    ((canceller *)user)->done++;
    llm_response_free(&job->response);
}

/* Adds jobs[0..n-1], each c's request `req`, streamed or not, counted by
   count_done in k; jobs[0] gets `first_event` as its on_event. */
static void add_counted_jobs(llm_curl_runner *run, llm_curl_job *jobs, int n, const llm_client *c,
                             const llm_request *req, bool stream, llm_event_fn first_event, canceller *k) {
    int i;
    for (i = 0; i < n; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].client = c;
        jobs[i].request = req;
        jobs[i].stream = stream;
        jobs[i].on_event = i == 0 ? first_event : NULL;
        jobs[i].on_done = count_done;
        jobs[i].user = k;
        llm_curl_runner_add(run, &jobs[i]);
    }
}

/* An event callback cancels its own job: libcurl forbids removing a handle
   from inside its callbacks, so the runner finishes the job once curl has
   returned: one on_done, CANCELLED, and the runner goes on (a second job
   answers). */
static void on_event_cancels_its_own_job(void) {
    static llm_curl_job jobs[2];
    static canceller k;
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    llm_pair slow = {"x-mock-interval-ms", "50"};
    llm_request req = chat("gpt-4o");
    char base[128];
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    req.headers = &slow;
    req.header_count = 1;
    memset(&k, 0, sizeof k);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 4, NULL), LLM_OK);
    k.run = &run;
    k.target = &jobs[0];
    add_counted_jobs(&run, jobs, 2, &c, &req, true, cancel_self_at_second, &k);
    guard_hang(20);
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    guard_hang(0);
    CHECK_EQ_INT(k.texts, 2);
    CHECK_EQ_INT(k.done, 2);
    CHECK_EQ_INT(jobs[0].result, LLM_ERR_CANCELLED);
    CHECK_EQ_INT(jobs[1].result, LLM_OK);
    llm_curl_runner_free(&run);
}

typedef struct pair_cancel {
    llm_curl_runner *run;
    llm_curl_job *jobs;
    int done;
} pair_cancel;

/* Each job's on_done cancels the other one. */
static void cancel_the_other(void *user, llm_curl_job *job) {
    pair_cancel *p = (pair_cancel *)user;
    p->done++;
    llm_response_free(&job->response);
    llm_curl_runner_cancel(p->run, job == &p->jobs[0] ? &p->jobs[1] : &p->jobs[0]);
}

/* Two streams whose answers never come time out in the same pass of the
   runner (their header waits end at the same millisecond), and the first
   one's on_done cancels the second: each is done once, one TIMEOUT and one
   CANCELLED (or both TIMEOUT), and nothing touches a finished transfer. */
static void on_done_cancels_a_job_timing_out_with_it(void) {
    static llm_curl_job jobs[2];
    static pair_cancel p;
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    llm_pair h;
    llm_request req = with_header(&h, "x-mock-fault", "delay=3000");
    char base[128];
    int i, round;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    req.timeout_ms = 300;
    for (round = 0; round < 3; round++) { /* three rounds: the two deadlines can straddle a millisecond */
        memset(&p, 0, sizeof p);
        CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 4, NULL), LLM_OK);
        p.run = &run;
        p.jobs = jobs;
        for (i = 0; i < 2; i++) {
            memset(&jobs[i], 0, sizeof jobs[i]);
            jobs[i].client = &c;
            jobs[i].request = &req;
            jobs[i].stream = true;
            jobs[i].on_done = cancel_the_other;
            jobs[i].user = &p;
            llm_curl_runner_add(&run, &jobs[i]);
        }
        guard_hang(20);
        CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
        guard_hang(0);
        CHECK_EQ_INT(p.done, 2);
        CHECK(jobs[0].result == LLM_ERR_TIMEOUT || jobs[1].result == LLM_ERR_TIMEOUT);
        CHECK(jobs[0].result == LLM_ERR_TIMEOUT || jobs[0].result == LLM_ERR_CANCELLED);
        CHECK(jobs[1].result == LLM_ERR_TIMEOUT || jobs[1].result == LLM_ERR_CANCELLED);
        llm_curl_runner_free(&run);
    }
}

/* More jobs than the in-flight bound: a job still queued is cancelled (from
   outside, then from another job's event callback); it is done CANCELLED
   without having been sent, and run_all returns. */
static void a_queued_job_cancelled_ends(void) {
    static llm_curl_job jobs[3];
    static canceller k;
    llm_curl_runner run;
    llm_client_desc d;
    llm_client c;
    llm_pair slow = {"x-mock-interval-ms", "50"};
    llm_request req = chat("gpt-4o");
    char base[128];
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    req.headers = &slow;
    req.header_count = 1;
    memset(&k, 0, sizeof k);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 1, NULL), LLM_OK);
    k.run = &run;
    k.target = &jobs[2];
    add_counted_jobs(&run, jobs, 3, &c, &req, true, cancel_self_at_second, &k); /* job 0 cancels job 2, queued */
    llm_curl_runner_step(&run, 0);
    guard_hang(20);
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    guard_hang(0);
    CHECK_EQ_INT(k.done, 3);
    CHECK_EQ_INT(jobs[0].result, LLM_OK);
    CHECK_EQ_INT(jobs[1].result, LLM_OK);
    CHECK_EQ_INT(jobs[2].result, LLM_ERR_CANCELLED);
    CHECK_EQ_INT(jobs[2].attempts, 0);
    /* from outside, between steps */
    memset(&k, 0, sizeof k);
    k.run = &run;
    add_counted_jobs(&run, jobs, 3, &c, &req, false, NULL, &k);
    llm_curl_runner_step(&run, 0);
    llm_curl_runner_cancel(&run, &jobs[1]);
    CHECK_EQ_INT(jobs[1].result, LLM_ERR_CANCELLED);
    guard_hang(20);
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    guard_hang(0);
    CHECK_EQ_INT(k.done, 3);
    CHECK_EQ_INT(jobs[0].result, LLM_OK);
    CHECK_EQ_INT(jobs[2].result, LLM_OK);
    llm_curl_runner_free(&run);
}

/* A routed job: 429 asking for 300 ms twice (the first attempt and its
   retry: the deployment cools for as long), then the backup answers. Its
   response tells the whole job: three exchanges, the wait included. */
static void a_routed_job_tells_the_whole_job(void) {
    static const char *const paths[] = {"/fault/status=429;retry-after-ms=300/v1", "/v1"};
    llm_curl_runner run;
    llm_curl_job job;
    llm_router r;
    llm_request req = chat("main");
    long long t0, t1;
    router_for(&r, paths, 2, 1);
    CHECK_EQ_INT(llm_curl_runner_init(&run, NULL, 4, NULL), LLM_OK);
    memset(&job, 0, sizeof job);
    job.router = &r;
    job.request = &req;
    job.stream = true;
    t0 = mock_now_ms();
    CHECK_EQ_INT(llm_curl_runner_add(&run, &job), LLM_OK);
    CHECK_EQ_INT(llm_curl_runner_run_all(&run), LLM_OK);
    t1 = mock_now_ms();
    if (!CHECK_EQ_INT(job.result, LLM_OK)) fprintf(stderr, "  %s\n", job.error.message);
    CHECK_EQ_INT(job.attempts, 3);
    CHECK_EQ_INT(job.response.attempts, 3);
    if (!CHECK(job.response.latency_ms >= 300 && job.response.latency_ms <= t1 - t0))
        fprintf(stderr, "  latency_ms %lld, the job took %lld ms\n", (long long)job.response.latency_ms, t1 - t0);
    llm_response_free(&job.response);
    llm_curl_runner_free(&run);
    llm_router_free(&r);
}

/* Embeddings over real sockets: the mock server's vectors in float and in
   base64 are the same float32 (it sends one value both ways), each input's
   at its index, with the usage it reports; Azure's v1 path answers too. */
static void embeddings_in_float_and_base64(void) {
    static const char *const in[] = {"first input", "second input"};
    llm_client_desc d;
    llm_client c, az;
    llm_embed_request req;
    llm_embed_response f, b;
    llm_error err;
    char base[128], azbase[128];
    size_t i;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    memset(&req, 0, sizeof req);
    req.model = "text-embedding-3-small";
    req.inputs = in;
    req.input_count = 2;
    req.dimensions = 5;
    if (!CHECK_EQ_INT(llm_embed(&c, &req, &f, &err), LLM_OK)) fprintf(stderr, "  float: %s\n", err.message);
    req.encoding = LLM_EMBED_BASE64;
    if (!CHECK_EQ_INT(llm_embed(&c, &req, &b, &err), LLM_OK)) fprintf(stderr, "  base64: %s\n", err.message);
    if (CHECK_EQ_INT((int)f.count, 2) && CHECK_EQ_INT((int)b.count, 2))
        for (i = 0; i < 2; i++) {
            CHECK(f.embeddings[i].count == 5 && b.embeddings[i].count == 5);
            CHECK(memcmp(f.embeddings[i].values, b.embeddings[i].values, 5 * sizeof(float)) == 0);
        }
    if (f.count == 2) CHECK(memcmp(f.embeddings[0].values, f.embeddings[1].values, 5 * sizeof(float)) != 0);
    CHECK(f.usage.source == LLM_USAGE_REPORTED && f.usage.prompt_tokens > 0);
    CHECK_EQ_INT(f.http_status, 200);
    llm_embed_response_free(&f);
    llm_embed_response_free(&b);
    client_at(&az, &d, "azure", "", azbase, sizeof azbase);
    req.model = "my-embedder";
    CHECK_EQ_INT(llm_embed(&az, &req, &b, &err), LLM_OK);
    CHECK_EQ_INT((int)b.count, 2);
    llm_embed_response_free(&b);
    d.api_version = "2024-10-21"; /* the deployment path */
    CHECK_EQ_INT(llm_client_init(&az, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_embed(&az, &req, &b, &err), LLM_OK);
    CHECK_EQ_INT((int)b.count, 2);
    llm_embed_response_free(&b);
}

/* Gemini's :embedContent and :batchEmbedContents over real sockets: the
   mock server gives a text the vector its /embeddings gives it, so one
   input and two carry the same first vector as OpenAI's shape does. */
static void gemini_embeddings_one_and_batch(void) {
    static const char *const in[] = {"first input", "second input"};
    llm_client_desc d;
    llm_client gem, oai;
    llm_embed_request req;
    llm_embed_response one, two, ref;
    llm_error err;
    char base[128], obase[128];
    client_at(&gem, &d, "gemini", "", base, sizeof base);
    client_at(&oai, &d, "openai", "/v1", obase, sizeof obase);
    memset(&req, 0, sizeof req);
    req.model = "gemini-embedding-001";
    req.inputs = in;
    req.input_count = 1;
    req.dimensions = 6;
    req.task_type = "SEMANTIC_SIMILARITY";
    if (!CHECK_EQ_INT(llm_embed(&gem, &req, &one, &err), LLM_OK)) fprintf(stderr, "  one: %s\n", err.message);
    req.input_count = 2;
    if (!CHECK_EQ_INT(llm_embed(&gem, &req, &two, &err), LLM_OK)) fprintf(stderr, "  batch: %s\n", err.message);
    req.task_type = NULL;
    CHECK_EQ_INT(llm_embed(&oai, &req, &ref, &err), LLM_OK);
    if (CHECK_EQ_INT((int)one.count, 1) && CHECK_EQ_INT((int)two.count, 2) && CHECK_EQ_INT((int)ref.count, 2)) {
        CHECK(one.embeddings[0].count == 6 && two.embeddings[1].count == 6);
        CHECK(memcmp(one.embeddings[0].values, ref.embeddings[0].values, 6 * sizeof(float)) == 0);
        CHECK(memcmp(two.embeddings[0].values, ref.embeddings[0].values, 6 * sizeof(float)) == 0);
        CHECK(memcmp(two.embeddings[1].values, ref.embeddings[1].values, 6 * sizeof(float)) == 0);
    }
    CHECK(one.usage.source == LLM_USAGE_MISSING);
    llm_embed_response_free(&one);
    llm_embed_response_free(&two);
    llm_embed_response_free(&ref);
}

/* A model list over real sockets, in pages of 4 (the mock pages as
   OpenAI's lists do: after, limit, has_more, last_id): all 9 of its models
   in 3 requests, or the first 8 and where to go on when the bound is 2. */
static void the_models_come_in_pages(void) {
    llm_client_desc d;
    llm_client c;
    llm_models_request req;
    llm_model_list list;
    llm_error err;
    char base[256];
    client_at(&c, &d, "openai-compatible", "/v1", base, sizeof base);
    memset(&req, 0, sizeof req);
    req.page.limit = 4;
    CHECK_EQ_INT(llm_list_models_all(&c, &req, 10, &list, &err), LLM_OK);
    CHECK_EQ_INT((int)list.count, 9);
    CHECK_EQ_INT(list.attempts, 3);
    if (list.count == 9) {
        CHECK_EQ_STR(list.models[0].id, "gpt-4o-mini");
        CHECK_EQ_STR(list.models[4].id, "claude-sonnet-4-5");
        CHECK_EQ_STR(list.models[8].id, "mock-model");
        CHECK_EQ_STR(list.models[8].owner, "mock");
    }
    CHECK(!list.has_more);
    llm_model_list_free(&list);
    CHECK_EQ_INT(llm_list_models_all(&c, &req, 2, &list, &err), LLM_OK);
    CHECK_EQ_INT((int)list.count, 8);
    CHECK(list.has_more);
    CHECK_EQ_STR(list.next, "gemini-2.5-flash");
    llm_model_list_free(&list);
}

/* Readiness over real sockets: the mock's readiness answers 503 twice (a
   fault script in the base URL's path: status=503, the first 2 requests),
   waiting asks again until 200; a port nobody listens on is a transport
   error at once. */
static void readiness_turns_ready(void) {
    llm_client_desc d;
    llm_client c;
    llm_health_info out;
    llm_error err;
    char base[256], url[320];
    client_at(&c, &d, "openai-compatible", "/fault/status=503;attempts=2/v1", base, sizeof base);
    CHECK_EQ_INT(llm_wait_ready(&c, 10000, &out, &err), LLM_OK);
    CHECK_EQ_INT(out.state, LLM_HEALTH_READY);
    CHECK_EQ_INT(out.probes, 3);
    CHECK(out.latency_ms >= 300); /* 100 and 200 ms of backoff */
    snprintf(url, sizeof url, "%s/fault/status=503;attempts=2/health/readiness", mock.base);
    CHECK_EQ_STR(out.url, url);
    CHECK_EQ_STR(out.status, "healthy");
    memset(&d, 0, sizeof d);
    d.provider = "openai-compatible";
    d.base_url = "http://127.0.0.1:1/v1";
    d.transport = llm_curl_transport(&curl_t);
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_health(&c, &out, &err), LLM_ERR_TRANSPORT);
    CHECK_EQ_INT(out.state, LLM_HEALTH_UNKNOWN);
}

/* Both count endpoints over real sockets: the mock counts, as its header
   says, the bytes of the prompt's strings / 4 + 1 ("Be brief." and
   "Hello, Claude": 22 bytes, 6 tokens); a failure is the provider's typed
   error. */
static void both_count_endpoints_answer(void) {
    static const llm_message msgs[2] = {{.role = LLM_ROLE_SYSTEM, .content = "Be brief."},
                                        {.role = LLM_ROLE_USER, .content = "Hello, Claude"}};
    static const char *const providers[2][2] = {{"anthropic", "claude-sonnet-4-5"}, {"gemini", "gemini-2.5-flash"}};
    llm_pair fault = {"x-mock-fault", "status=400"};
    size_t i;
    for (i = 0; i < 2; i++) {
        llm_client_desc d;
        llm_client c;
        llm_request req = chat(providers[i][1]);
        llm_token_count out;
        llm_error err;
        char base[128];
        client_at(&c, &d, providers[i][0], "", base, sizeof base);
        req.messages = msgs;
        req.message_count = 2;
        if (!CHECK_EQ_INT(llm_count_tokens_remote(&c, &req, &out, &err), LLM_OK))
            fprintf(stderr, "  %s: %s\n", providers[i][0], err.message);
        CHECK_EQ_INT(out.input_tokens, 6);
        CHECK_EQ_INT(out.http_status, 200);
        req.headers = &fault;
        req.header_count = 1;
        CHECK_EQ_INT(llm_count_tokens_remote(&c, &req, &out, &err), LLM_ERR_BAD_REQUEST);
        CHECK_EQ_INT(err.http_status, 400);
    }
}

/* What the mock says of itself as a proxy (its header comment) reaches the
   response, streamed and not. */
static void a_proxy_s_headers_reach_the_response(void) {
    llm_client_desc d;
    llm_client c;
    llm_request req = chat("gpt-4o");
    llm_response resp;
    llm_error err;
    char base[128];
    int texts = 0, streamed;
    client_at(&c, &d, "openai", "/v1", base, sizeof base);
    for (streamed = 0; streamed < 2; streamed++) {
        llm_result r = streamed ? llm_stream(&c, &req, count_events, &texts, &resp, &err)
                                : llm_complete(&c, &req, &resp, &err);
        if (!CHECK_EQ_INT(r, LLM_OK)) fprintf(stderr, "  %s\n", err.message);
        CHECK(resp.server.call_id && strncmp(resp.server.call_id, "mock-call-", 10) == 0);
        CHECK_EQ_INT(resp.server.attempted_retries, 0);
        CHECK_EQ_INT(resp.server.remaining_requests, 59);
        CHECK_EQ_INT(resp.server.limit_requests, 60);
        CHECK(!resp.server.has_remaining_tokens); /* not sent */
        llm_response_free(&resp);
    }
}

static const test_case cases[] = {
    TEST(both_count_endpoints_answer),
    TEST(a_proxy_s_headers_reach_the_response),
    TEST(every_provider_answers_streamed_and_not),
    TEST(the_responses_api_answers),
    TEST(one_connection_is_kept_alive),
    TEST(a_request_is_never_sent_twice),
    TEST(a_redirect_is_not_followed),
    TEST(an_interim_answer_is_skipped),
    TEST(the_router_honours_retry_after),
    TEST(a_reset_before_the_first_token_falls_back),
    TEST(a_reset_after_the_first_token_is_truncated),
    TEST(cancellation_frees_everything),
    TEST(each_timeout_fires_on_time),
    TEST(the_connect_timeout_fires_on_time),
    TEST(a_huge_body_is_refused_by_the_limit),
    TEST(the_debug_log_redacts_credentials),
    TEST(the_debug_log_holds_no_key),
    TEST(a_redirect_error_holds_no_key),
    TEST(tls_is_verified_by_default),
    TEST(tls_checks_the_host_name),
    TEST(a_loopback_request_bypasses_the_proxy),
    TEST(plain_http_is_logged_at_every_request),
    TEST(the_runner_keeps_many_in_flight),
    TEST(the_runner_cancels_and_times_out),
    TEST(on_event_cancels_its_own_job),
    TEST(on_done_cancels_a_job_timing_out_with_it),
    TEST(a_queued_job_cancelled_ends),
    TEST(a_routed_job_tells_the_whole_job),
    TEST(a_failed_allocation_is_no_memory),
    TEST(trailers_after_the_end_are_bounded),
    TEST(the_runner_bounds_trailers_too),
    TEST(the_adapter_wipes_its_copies_of_the_key),
    TEST(embeddings_in_float_and_base64),
    TEST(gemini_embeddings_one_and_batch),
    TEST(the_models_come_in_pages),
    TEST(readiness_turns_ready),
};

int main(int argc, char **argv) {
    int r;
    const char *server = getenv("MOCK_SERVER") ? getenv("MOCK_SERVER") : "build/mock_server";
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!mock_start(&mock, server)) {
        fprintf(stderr, "test_curl: cannot start %s\n", server);
        return 1;
    }
    llm_curl_init(&curl_t, NULL, NULL);
    r = test_main(cases, TEST_COUNT(cases), argc, argv);
    llm_curl_free(&curl_t);
    mock_stop(&mock);
    curl_global_cleanup();
    return r;
}
