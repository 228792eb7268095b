/* Load and fault runs of llm.h + the curl adapter against build/mock_server
   (loopback only, every run bounded):

     build/load [--short] [NAME]      (build/mock_server must exist)

   sequential   N non-streamed requests, one after the other, over one
                kept-alive connection (10,000; --short 1,000)
   in-flight    N non-streamed requests, 16 in flight, through the runner
   streams      M streamed requests of 500 chunks each (1,000; --short 40)
   concurrent   C streams at once through the runner, 20 events 50 ms apart
                (1,000; --short 100)
   soak         S calls through the router and the runner, 32 in flight,
                each with a random fault (10,000; --short 500)

   Each prints requests/s, client CPU per request and the connections the
   server accepted, then its ledger: every call ended in a response or a
   typed error (an llm_result), none lost, and for the soak the router's
   attempts equal the requests the server logged. Peak RSS at the end.
   Exit 1 when a ledger does not reconcile, 2 for a NAME no run has. Lines
   "RESULT\tload\tCASE\tMETRIC\tVALUE" are for scripts. */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#include "mock.h"
#include "raw.h"

#include <sys/resource.h>

static mock_server mock;
static int failures;
static bool quick;

static double cpu_s(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static void result(const char *name, const char *metric, double value) { printf("RESULT\tload\t%s\t%s\t%.6g\n", name, metric, value); }

static void expect(bool ok, const char *name, const char *what) {
    if (ok) return;
    printf("FAIL %s: %s\n", name, what);
    failures++;
}

/* A counter of /mock/stats, asked on a connection of its own (a new one each
   time, counted in "connections": callers subtract it). */
static long stat_of(const char *name) {
    llm_curl t;
    long n;
    llm_curl_init(&t, NULL, NULL);
    n = raw_mock_stat(llm_curl_transport(&t), mock.base, name);
    if (n < 0) fprintf(stderr, "load: cannot read %s from %s/mock/stats\n", name, mock.base);
    llm_curl_free(&t);
    return n;
}

static const llm_message hi = {.role = LLM_ROLE_USER, .content = "Hi"};

static llm_request chat(void) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o-mini";
    r.messages = &hi;
    r.message_count = 1;
    return r;
}

static void client_on(llm_client *c, llm_transport t, char *base, size_t size) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    snprintf(base, size, "%s/v1", mock.base);
    d.base_url = base;
    d.api_key = "sk-load";
    d.transport = t;
    llm_client_init(c, &d, NULL);
}

/* What a run measured, printed in one form. */
typedef struct run_figures {
    const char *name;
    int calls, ok;
    double wall_s, cpu_s;
    long connections;
} run_figures;

static void report(const run_figures *f) {
    printf("%-11s %6d calls, %6d ok, %8.0f req/s, %7.2f us CPU per request, %ld connections\n", f->name, f->calls, f->ok,
           f->calls / (f->wall_s > 0 ? f->wall_s : 1e-9), f->cpu_s / (f->calls ? f->calls : 1) * 1e6, f->connections);
    result(f->name, "req_per_s", f->calls / (f->wall_s > 0 ? f->wall_s : 1e-9));
    result(f->name, "cpu_us_per_request", f->cpu_s / (f->calls ? f->calls : 1) * 1e6);
    result(f->name, "connections", (double)f->connections);
}

/* N calls one after the other over one kept-alive connection, streamed or
   not: each must answer some text. */
static run_figures one_after_another(const char *name, int n, const llm_request *req, bool stream) {
    llm_curl t;
    llm_client c;
    llm_response resp;
    char base[128];
    run_figures f = {name, n, 0, 0, 0, 0};
    long before = stat_of("connections");
    long long t0;
    double c0;
    int i;
    llm_curl_init(&t, NULL, NULL);
    client_on(&c, llm_curl_transport(&t), base, sizeof base);
    t0 = mock_now_ms();
    c0 = cpu_s();
    for (i = 0; i < n; i++) {
        llm_result r = stream ? llm_stream(&c, req, NULL, NULL, &resp, NULL) : llm_complete(&c, req, &resp, NULL);
        f.ok += r == LLM_OK && resp.choices[0].content;
        llm_response_free(&resp);
    }
    f.wall_s = (mock_now_ms() - t0) / 1000.0;
    f.cpu_s = cpu_s() - c0;
    f.connections = stat_of("connections") - before - 1; /* less the stats request's own connection */
    llm_curl_free(&t);
    report(&f);
    expect(f.ok == f.calls, f.name, "a call failed");
    expect(f.connections == 1, f.name, "not one kept-alive connection");
    return f;
}

static void sequential(void) {
    llm_request req = chat();
    one_after_another("sequential", quick ? 1000 : 10000, &req, false);
}

typedef struct ledger {
    int done, ok, typed, untyped, texts;
    int64_t max_latency_ms;          /* of the calls that succeeded */
} ledger;

static void job_done(void *user, llm_curl_job *job) {
    ledger *l = (ledger *)user;
    l->done++;
    if (getenv("LOAD_VERBOSE") && job->result != LLM_OK) fprintf(stderr, "%s: %s\n", llm_result_str(job->result), job->error.message);
    if (job->result == LLM_OK && job->response.latency_ms > l->max_latency_ms) l->max_latency_ms = job->response.latency_ms;
    if (job->result == LLM_OK) l->ok++;
    else if (job->result < 0 && strcmp(llm_result_str(job->result), "LLM_ERR_UNKNOWN") != 0 && job->error.message[0]) l->typed++;
    else l->untyped++;
    llm_response_free(&job->response);
}

static int job_event(void *user, const llm_event *ev) {
    if (ev->type == LLM_EVENT_TEXT) ((ledger *)user)->texts++;
    return 0;
}

/* N jobs of one request through the runner; the ledger of their ends. */
static void run_jobs(const char *name, int n, int in_flight, const llm_client *c, llm_router *router, const llm_request *reqs, int req_count,
                     bool stream, run_figures *f, ledger *l) {
    llm_curl_job *jobs = (llm_curl_job *)calloc((size_t)n, sizeof *jobs);
    llm_curl_runner run;
    long before = stat_of("connections");
    long long t0;
    double c0;
    int i;
    memset(l, 0, sizeof *l);
    f->name = name;
    f->calls = n;
    llm_curl_runner_init(&run, NULL, in_flight, NULL);
    for (i = 0; i < n; i++) {
        jobs[i].client = router ? NULL : c;
        jobs[i].router = router;
        jobs[i].request = &reqs[i % req_count];
        jobs[i].stream = stream;
        jobs[i].on_event = job_event;
        jobs[i].on_done = job_done;
        jobs[i].user = l;
        llm_curl_runner_add(&run, &jobs[i]);
    }
    t0 = mock_now_ms();
    c0 = cpu_s();
    llm_curl_runner_run_all(&run);
    f->wall_s = (mock_now_ms() - t0) / 1000.0;
    f->cpu_s = cpu_s() - c0;
    f->ok = l->ok;
    llm_curl_runner_free(&run);
    f->connections = stat_of("connections") - before - 1;
    free(jobs);
}

static void in_flight(void) {
    llm_curl t;
    llm_client c;
    llm_request req = chat();
    char base[128];
    run_figures f;
    ledger l;
    llm_curl_init(&t, NULL, NULL); /* the client's transport is not used by the runner */
    client_on(&c, llm_curl_transport(&t), base, sizeof base);
    run_jobs("in-flight", quick ? 1000 : 10000, 16, &c, NULL, &req, 1, false, &f, &l);
    report(&f);
    expect(l.done == f.calls && l.ok == f.calls, f.name, "a call failed or was lost");
    expect(f.connections <= 16, f.name, "more connections than calls in flight");
    llm_curl_free(&t);
}

static void streams(void) {
    llm_request req = chat();
    llm_pair h = {"x-mock-chunks", "500"};
    run_figures f;
    req.headers = &h;
    req.header_count = 1;
    req.stream.has_loop_guard = true; /* the mock pads 500 chunks with the same words: no loop guard */
    req.stream.loop_guard = 0;
    f = one_after_another("streams", quick ? 40 : 1000, &req, true);
    result(f.name, "events_per_s", f.calls * 500.0 / (f.wall_s > 0 ? f.wall_s : 1e-9));
}

static void concurrent(void) {
    llm_curl t;
    llm_client c;
    llm_request req = chat();
    llm_pair h[2] = {{"x-mock-chunks", "20"}, {"x-mock-interval-ms", "50"}};
    char base[128];
    run_figures f;
    ledger l;
    int n = quick ? 100 : 1000;
    req.headers = h;
    req.header_count = 2;
    llm_curl_init(&t, NULL, NULL);
    client_on(&c, llm_curl_transport(&t), base, sizeof base);
    run_jobs("concurrent", n, n, &c, NULL, &req, 1, true, &f, &l);
    report(&f);
    printf("concurrent  %d streams of 20 events 50 ms apart (1 s each alone): %.2f s wall\n", n, f.wall_s);
    result(f.name, "wall_s", f.wall_s);
    expect(l.done == n && l.ok == n, f.name, "a stream failed or was lost");
    expect(l.texts >= n * 20, f.name, "events lost");
    /* each stream lasts ~1.05 s alone; one that waited for another's
       connection (libcurl's PIPEWAIT on plain HTTP did that) takes twice as long */
    printf("concurrent  the slowest stream took %.2f s from its start\n", l.max_latency_ms / 1000.0);
    expect(l.max_latency_ms < 2000, f.name, "a stream waited for another to end");
    llm_curl_free(&t);
}

/* The attempts the server logged for chat completions: distinct
   (Idempotency-Key, X-Attempt) pairs; *resent counts the lines that repeat
   one (a request libcurl sent again on a new connection). */
static long mock_attempts_logged(const mock_server *m, long *resent) {
    FILE *f = fopen(m->log, "r");
    char line[4096];
    char (*seen)[80] = (char (*)[80])calloc(200000, 80);
    long n = 0, k;
    *resent = 0;
    if (!f || !seen) {
        if (f) fclose(f);
        free(seen);
        return -1;
    }
    while (fgets(line, sizeof line, f) && n < 200000) {
        char *idem = strstr(line, " idem="), *att = strstr(line, " attempt="), key[80];
        if (!strstr(line, "/chat/completions") || !idem || !att || idem[6] == '-' || att[9] == '-')
            continue; /* the router's requests only: they carry X-Attempt (every request carries an Idempotency-Key) */
        snprintf(key, sizeof key, "%.*s|%.*s", (int)strcspn(idem + 6, " "), idem + 6, (int)strcspn(att + 9, " "), att + 9);
        for (k = 0; k < n && strcmp(seen[k], key) != 0; k++) {}
        if (k < n) (*resent)++;
        else snprintf(seen[n++], 80, "%s", key);
    }
    fclose(f);
    free(seen);
    return n;
}

/* Attempts the adapter ended rather than let libcurl send them again (the
   kept-alive connection closed before any answer). */
static void count_refused_resends(void *user, const llm_router_attempt *a, const llm_error *err) {
    (void)a;
    if (strstr(err->message, "not sent twice")) ++*(long *)user;
}

/* The soak: random faults through the router (two groups of three, fallbacks). */
static void soak(void) {
    static const char *const faults[] = { /* half of the calls without a fault */
        "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "status=429;retry-after-ms=20;attempts=1", "status=500;attempts=1", "status=503", "status=529;attempts=1",
        "reset@2", "reset@0", "truncate@2", "malformed", "close", "drop", "delay=30", "stall=40@2", "status=400", "error=context",
        "bytewise", "status=401",
    };
    enum { KINDS = sizeof faults / sizeof faults[0] };
    static llm_pair headers[KINDS][2];
    static llm_request reqs[KINDS * 2];
    static char bases[6][128];
    static const char *const to[] = {"backup"};
    llm_deployment_desc deps[6];
    llm_router_fallback fb;
    llm_router_desc rd;
    llm_router r;
    llm_router_stats st;
    llm_curl t;
    run_figures f;
    ledger l;
    long logged, resent = 0, refused = 0;
    int i, n = quick ? 500 : 10000;
    memset(deps, 0, sizeof deps);
    memset(&fb, 0, sizeof fb);
    memset(&rd, 0, sizeof rd);
    for (i = 0; i < 6; i++) {
        static char ids[6][16];
        snprintf(bases[i], sizeof bases[i], "%s/v1", mock.base);
        snprintf(ids[i], sizeof ids[i], "%s-%d", i < 3 ? "main" : "backup", i % 3);
        deps[i].id = ids[i];
        deps[i].group = i < 3 ? "main" : "backup";
        deps[i].model = "openai/gpt-4o-mini";
        deps[i].base_url = bases[i];
        deps[i].api_key = "sk-soak";
    }
    fb.group = "main";
    fb.to = to;
    fb.to_count = 1;
    rd.deployments = deps;
    rd.deployment_count = 6;
    rd.fallbacks = &fb;
    rd.fallback_count = 1;
    rd.num_retries = 2;
    /* A ledger over faults, not a cooldown test (test_router and test_curl
       have those): with 32 calls in flight on six deployments, each
       half-open probe that meets a fault cools its deployment again, and
       most calls would end NO_DEPLOYMENT without reaching the server. */
    rd.disable_cooldowns = true;
    rd.on_failure = count_refused_resends;
    rd.callback_user = &refused;
    llm_curl_init(&t, NULL, NULL);
    rd.transport = llm_curl_transport(&t);
    if (llm_router_init(&r, &rd, NULL) != LLM_OK) {
        expect(false, "soak", "router init");
        return;
    }
    for (i = 0; i < KINDS * 2; i++) {
        reqs[i] = chat();
        reqs[i].model = "main";
        headers[i % KINDS][0].name = "x-mock-fault";
        headers[i % KINDS][0].value = faults[i % KINDS];
        reqs[i].headers = faults[i % KINDS][0] ? headers[i % KINDS] : NULL;
        reqs[i].header_count = faults[i % KINDS][0] ? 1 : 0;
        reqs[i].timeout_ms = 3000;
        reqs[i].stream.stall_timeout_ms = 1000;
    }
    run_jobs("soak", n, 32, NULL, &r, reqs, KINDS * 2, false, &f, &l);
    report(&f);
    llm_router_get_stats(&r, &st);
    mock_sleep_ms(200); /* the server logs a request when its connection is done with it */
    logged = mock_attempts_logged(&mock, &resent);
    printf("soak        ledger: %d done = %d ok + %d typed errors + %d other; router: %llu calls, %llu attempts, %llu retries, %llu fallbacks; "
           "server logged %ld attempts, %ld of them twice; %ld re-sends refused\n", l.done, l.ok, l.typed, l.untyped,
           (unsigned long long)st.calls, (unsigned long long)st.attempts, (unsigned long long)st.retries, (unsigned long long)st.fallbacks,
           logged, resent, refused);
    expect(l.done == n, "soak", "calls lost");
    expect(l.untyped == 0, "soak", "an end that is no typed error");
    expect(l.ok + l.typed == n, "soak", "the ledger does not add up");
    expect(st.calls == (uint64_t)n, "soak", "router calls differ from the jobs");
    /* Every attempt reached the server, but for refused re-sends after a
       close the server did not announce (fault "close": it never read the
       request); after a close that followed the request (fault "drop") the
       server did log it. */
    expect(logged >= 0 && st.attempts >= (uint64_t)logged && st.attempts - (uint64_t)logged <= (uint64_t)refused, "soak",
           "router attempts and the attempts the server logged differ by more than the refused re-sends");
    expect(resent == 0, "soak", "a request reached the server twice");
    llm_router_free(&r);
    llm_curl_free(&t);
}

int main(int argc, char **argv) {
    static const struct { const char *name; void (*fn)(void); } runs[] = {
        {"sequential", sequential}, {"in-flight", in_flight}, {"streams", streams}, {"concurrent", concurrent}, {"soak", soak},
    };
    const char *server = getenv("MOCK_SERVER") ? getenv("MOCK_SERVER") : "build/mock_server", *only = NULL;
    struct rusage u;
    size_t i;
    for (i = 1; i < (size_t)argc; i++) {
        if (strcmp(argv[i], "--short") == 0) quick = true;
        else only = argv[i];
    }
    for (i = 0; only && i < sizeof runs / sizeof runs[0] && strcmp(only, runs[i].name) != 0; i++) {}
    if (only && i == sizeof runs / sizeof runs[0]) { /* a misspelled name must not pass for a run of it */
        fprintf(stderr, "load: no run is named \"%s\" (sequential, in-flight, streams, concurrent, soak)\n", only);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!mock_start(&mock, server)) {
        fprintf(stderr, "load: cannot start %s\n", server);
        return 1;
    }
    for (i = 0; i < sizeof runs / sizeof runs[0]; i++)
        if (!only || strcmp(only, runs[i].name) == 0) runs[i].fn();
    getrusage(RUSAGE_SELF, &u);
    printf("peak RSS %ld KiB\n", u.ru_maxrss);
    result("all", "peak_rss_kib", (double)u.ru_maxrss);
    mock_stop(&mock);
    curl_global_cleanup();
    printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
    return failures ? 1 : 0;
}
