/* router_fixture.h - a scripted fault transport and a fake clock for the
   router's tests: each deployment (base_url "http://dN") answers from its
   own list of scripted outcomes (status, headers, body, delay, transport
   failure), and 200 with a small answer once the list is used up. The
   transport keeps its own ledger of the requests it received, and a
   readable sequence of what happened: "d0 +500 d1 " means an attempt on
   d0, a 500 ms sleep, an attempt on d1. */
#ifndef ROUTER_FIXTURE_H
#define ROUTER_FIXTURE_H

#define MAXD 16
#define MAXSTEPS 32

typedef struct step {
    int status;
    const char *headers;
    const char *body;
    int64_t delay_ms;
    llm_result fail;
} step;

#define OK_BODY "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}"
#define FILTERED_BODY "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}"
#define ERR_BODY "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"
#define CTX_BODY "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}"

typedef struct fixture {
    int64_t now;
    uint64_t rnd;                /* the random source returns this ... */
    bool rnd_walk;               /* ... or, when set, a xorshift sequence from it */
    step script[MAXD][MAXSTEPS];
    int steps[MAXD], pos[MAXD];
    int ledger[MAXD], total;
    bool random_faults;          /* property test: the transport draws outcomes */
    uint64_t fault_rng;
    char seq[4096];
    size_t seq_len;
    char idem[64];
    int idem_changed;
    int attempt_hdr[64];
    int timeouts[64];
    test_alloc_stats stats;
    llm_deployment_desc deps[MAXD];
    char urls[MAXD][16], ids[MAXD][8];
    int ndeps;
    llm_router_desc desc;
    llm_router router;
} fixture;

static fixture F;

static void fx_append(const char *s) {
    size_t n = strlen(s);
    if (F.seq_len + n < sizeof F.seq) {
        memcpy(F.seq + F.seq_len, s, n + 1);
        F.seq_len += n;
    }
}

static int64_t fx_clock(void *user) { (void)user; return F.now; }

static void fx_sleep(void *user, int64_t ms) {
    char buf[32];
    (void)user;
    F.now += ms;
    snprintf(buf, sizeof buf, "+%lld ", (long long)ms);
    fx_append(buf);
}

static uint64_t fx_xorshift(uint64_t *s) {
    uint64_t x = *s ? *s : 88172645463325252ull;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static uint64_t fx_random(void *user) {
    (void)user;
    return F.rnd_walk ? fx_xorshift(&F.rnd) : F.rnd;
}

static void fx_headers_seen(const llm_http_request *req) {
    size_t i;
    for (i = 0; i < req->header_count; i++) {
        if (strcmp(req->headers[i].name, "Idempotency-Key") == 0) {
            if (F.idem[0] && strcmp(F.idem, req->headers[i].value) != 0) F.idem_changed++;
            snprintf(F.idem, sizeof F.idem, "%s", req->headers[i].value);
        }
        if (strcmp(req->headers[i].name, "X-Attempt") == 0 && F.total < 64) F.attempt_hdr[F.total] = atoi(req->headers[i].value);
    }
    if (F.total < 64) F.timeouts[F.total] = req->timeout_ms;
}

/* A random outcome for the property test. */
static step fx_random_step(void) {
    static const int statuses[] = {200, 200, 200, 200, 200, 429, 500, 502, 503, 529, 400, 401, 404, 408, 409, 0, 0, 1};
    step s;
    uint64_t x = fx_xorshift(&F.fault_rng);
    memset(&s, 0, sizeof s);
    s.status = statuses[x % (sizeof statuses / sizeof statuses[0])];
    s.delay_ms = (int64_t)((x >> 8) % 300);
    if (s.status == 0) s.fail = (x >> 20) & 1 ? LLM_ERR_TRANSPORT : LLM_ERR_TIMEOUT;
    if (s.status == 1) { s.status = 200; s.body = FILTERED_BODY; }
    if (s.status == 429 && (x >> 24) % 3 == 0) s.headers = (x >> 26) & 1 ? "retry-after: 2\n" : "retry-after: 90\n";
    if (s.status == 400 && (x >> 24) & 1) s.body = CTX_BODY;
    return s;
}

static llm_result fx_send(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    step s;
    int d;
    char buf[16];
    const char *body;
    llm_mock_exchange x;
    llm_mock mock;
    llm_transport t;
    (void)user;
    if (strncmp(req->url, "http://d", 8) != 0) return LLM_ERR_TRANSPORT;
    d = atoi(req->url + 8);
    fx_headers_seen(req);
    F.ledger[d]++;
    F.total++;
    snprintf(buf, sizeof buf, "d%d ", d);
    fx_append(buf);
    if (F.random_faults) s = fx_random_step();
    else if (F.pos[d] < F.steps[d]) s = F.script[d][F.pos[d]++];
    else { memset(&s, 0, sizeof s); s.status = 200; }
    F.now += s.delay_ms;
    if (s.fail != LLM_OK) {
        llm_error e;
        memset(&e, 0, sizeof e);
        e.code = s.fail;
        snprintf(e.message, sizeof e.message, "scripted %s", llm_result_str(s.fail));
        if (err) *err = e;
        return s.fail;
    }
    body = s.body ? s.body : s.status >= 200 && s.status < 300 ? OK_BODY : ERR_BODY;
    memset(&x, 0, sizeof x);
    x.status = s.status;
    x.headers = s.headers;
    x.body = body;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    t = llm_mock_transport(&mock);
    return t.send(t.user, req, sink, err);
}

static void fx_reset(void) {
    memset(&F, 0, sizeof F);
    F.now = 1000000;
    F.desc.clock_ms = fx_clock;
    F.desc.sleep_ms = fx_sleep;
    F.desc.random = fx_random;
    F.desc.transport.send = fx_send;
    F.desc.allow_plain_http = true; /* the keys go to http://dN, which fx_send answers in the process */
    F.desc.alloc.alloc = test_alloc_fn;
    F.desc.alloc.realloc = test_realloc_fn;
    F.desc.alloc.free = test_free_fn;
    F.desc.alloc.user = &F.stats;
}

/* Adds deployment dN (id "dN", base_url "http://dN") to `group`. */
static llm_deployment_desc *fx_dep(const char *group) {
    int i = F.ndeps++;
    llm_deployment_desc *d = &F.deps[i];
    snprintf(F.urls[i], sizeof F.urls[i], "http://d%d", i);
    snprintf(F.ids[i], sizeof F.ids[i], "d%d", i);
    memset(d, 0, sizeof *d);
    d->group = group;
    d->id = F.ids[i];
    d->model = "gpt-4o";
    d->api_key = "sk-test";
    d->base_url = F.urls[i];
    return d;
}

static void fx_script(int d, int status, const char *headers, const char *body) {
    step *s = &F.script[d][F.steps[d]++];
    memset(s, 0, sizeof *s);
    s->status = status;
    s->headers = headers;
    s->body = body;
}

static void fx_script_fail(int d, llm_result fail) {
    step *s = &F.script[d][F.steps[d]++];
    memset(s, 0, sizeof *s);
    s->fail = fail;
}

static llm_result fx_init(void) {
    F.desc.deployments = F.deps;
    F.desc.deployment_count = (size_t)F.ndeps;
    return llm_router_init(&F.router, &F.desc, NULL);
}

static const llm_message fx_hello = {.role = LLM_ROLE_USER, .content = "Hello"};

/* One request through llm_router_complete; the response is checked and freed. */
static llm_result fx_call_opts(const char *model, const llm_router_options *opts, llm_error *err, llm_finish_reason *finish) {
    llm_request req;
    llm_response resp;
    llm_result r;
    memset(&req, 0, sizeof req);
    req.model = model;
    req.messages = &fx_hello;
    req.message_count = 1;
    r = llm_router_complete(&F.router, &req, opts, &resp, err);
    if (finish) *finish = r == LLM_OK && resp.choice_count ? resp.choices[0].finish_reason : LLM_FINISH_NONE;
    llm_response_free(&resp);
    return r;
}

static llm_result fx_call(const char *model, llm_error *err) { return fx_call_opts(model, NULL, err, NULL); }

static void fx_done(void) {
    llm_router_free(&F.router);
    CHECK_EQ_INT(F.stats.live, 0);
    CHECK_EQ_INT(F.stats.bad_sizes, 0);
}

#endif
