/* The router with a store shared by a fleet: several routers (as several
   processes would hold) over one fake store (fake_store.h) with its own
   clock. Every expected number comes from the limits the test configures
   and the store semantics llm.h states: at most rpm admissions in a fixed
   minute of the store's clock, a slot that heals after its TTL, a cooldown
   all see, one probe after it, fail-open and fail-closed, the breaker's
   5 failures / 60 s / one probe. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "router_fixture.h"
#include "fake_store.h"

#define NR 4

static fake_store S;
static llm_router R[NR];
static int64_t skew[NR];
static int traces_store[NR];
static char last_store_trace[256];

static int64_t fl_clock(void *user) { return S.now + *(const int64_t *)user; }

static void fl_sleep(void *user, int64_t ms) { (void)user; S.now += ms; }

static int warnings; /* log lines at WARN that name the store */

static void fl_log(void *user, llm_log_level level, const char *message) {
    (void)user;
    if (level == LLM_LOG_WARN && strstr(message, "router store fake://store")) warnings++;
}

static void fl_trace(void *user, const llm_router_trace *ev) {
    int k = (int)(intptr_t)user;
    if (ev->kind == LLM_TRACE_STORE) {
        traces_store[k]++;
        snprintf(last_store_trace, sizeof last_store_trace, "%s", ev->message);
    }
}

static const llm_message fl_msg = {.role = LLM_ROLE_USER, .content = "Hello"};
static llm_request fl_req;

/* n routers, each over its own clock (the store's plus skew[k]), sharing S. */
static void fl_init(int n, const llm_router_store *store) {
    int k;
    memset(&S, 0, sizeof S);
    memset(traces_store, 0, sizeof traces_store);
    warnings = 0;
    last_store_trace[0] = '\0';
    S.now = 7 * 60000 + 1000; /* one second into a minute of the store's clock */
    memset(&fl_req, 0, sizeof fl_req);
    fl_req.model = "g";
    fl_req.messages = &fl_msg;
    fl_req.message_count = 1;
    F.desc.deployments = F.deps;
    F.desc.deployment_count = (size_t)F.ndeps;
    for (k = 0; k < n; k++) {
        llm_router_desc d = F.desc;
        d.clock_ms = fl_clock;
        d.clock_user = &skew[k];
        d.sleep_ms = fl_sleep;
        d.on_trace = fl_trace;
        d.log = fl_log;
        d.callback_user = (void *)(intptr_t)k;
        if (store) d.store = *store;
        d.store.run = fs_run;
        d.store.user = &S;
        d.store.name = "fake://store";
        CHECK_EQ_INT(llm_router_init(&R[k], &d, NULL), LLM_OK);
    }
}

static void fl_free(int n) {
    int k;
    for (k = 0; k < n; k++) llm_router_free(&R[k]);
    CHECK_EQ_INT(F.stats.live, 0);
}

/* pick, running every store operation it asks for, until it answers
   something else than "run the store" (LLM_OK, a wait, an error). */
static llm_result fl_pick(int k, llm_router_attempt *a, llm_error *err) {
    llm_result r;
    int guard = 0;
    while ((r = llm_router_pick(&R[k], &fl_req, a, err)) == LLM_AGAIN && a->store_pending && guard++ < 16)
        llm_router_store_run(&R[k], a);
    return r;
}

static llm_result fl_report(int k, llm_router_attempt *a, llm_result result, int status, int64_t retry_after) {
    llm_router_outcome o;
    llm_error e;
    llm_result r;
    memset(&o, 0, sizeof o);
    memset(&e, 0, sizeof e);
    e.code = result;
    e.http_status = status;
    if (retry_after > 0) { e.has_retry_after = true; e.retry_after_ms = retry_after; }
    snprintf(e.message, sizeof e.message, "scripted %d", status);
    o.result = result;
    o.error = result == LLM_OK ? NULL : &e;
    r = llm_router_report(&R[k], a, &o, NULL);
    if (a->store_pending) llm_router_store_run(&R[k], a);
    return r;
}

/* ---- N routers never admit more than one would ---- */

/* Random interleavings: each step one router (at random) starts a
   request, picks (its store operation run now or left for a later step,
   so that others go between), or reports; the clocks move by random
   amounts; the routers' clocks are skewed by up to +-40 s. Counted: the
   admissions in each fixed minute of the store's clock. */
static void fleet_never_exceeds_shared_limit(void) {
    enum { RPM = 5, STEPS = 20000 };
    llm_router_attempt at[NR];
    int state[NR]; /* 0 idle, 1 store op pending, 2 in flight */
    int per_minute[64];
    int k, i, max = 0, total = 0;
    uint64_t rng = 12345;
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->rpm = RPM;
    for (k = 0; k < NR; k++) skew[k] = (int64_t)(k * 27000) - 40000;
    fl_init(NR, NULL);
    memset(state, 0, sizeof state);
    memset(per_minute, 0, sizeof per_minute);
    for (i = 0; i < STEPS && S.now < 60 * 60000; i++) {
        uint64_t x = fx_xorshift(&rng);
        llm_result r;
        k = (int)(x % NR);
        S.now += (int64_t)((x >> 8) % 700);
        if (state[k] == 0) {
            memset(&at[k], 0, sizeof at[k]);
            state[k] = 1;
        }
        if (state[k] == 1) {
            if (at[k].store_pending && (x >> 20) % 3) { /* run the store operation now (else at a later step) */
                llm_router_store_run(&R[k], &at[k]);
                continue;
            }
            r = llm_router_pick(&R[k], &fl_req, &at[k], NULL);
            if (r == LLM_OK) {
                int m = (int)(at[k].store_op.now_ms / 60000);
                CHECK(m < 64);
                if (m < 64) per_minute[m]++;
                total++;
                state[k] = 2;
            } else if (r != LLM_AGAIN) {
                state[k] = 0;
            }
        } else if (state[k] == 2) {
            fl_report(k, &at[k], LLM_OK, 200, 0);
            state[k] = 0;
        }
    }
    for (i = 0; i < 64; i++)
        if (per_minute[i] > max) max = per_minute[i];
    CHECK_EQ_INT(max, RPM);            /* full minutes, never more than the limit */
    CHECK(total > 40 * RPM);           /* and the limit was the bound, minute after minute */
    for (k = 0; k < NR; k++)
        if (state[k] == 2) fl_report(k, &at[k], LLM_OK, 200, 0);
    fl_free(NR);
}

/* The positive control: the same routers without the store admit more
   than the limit in a minute (each has its own rpm). */
static void fleet_without_store_exceeds(void) {
    enum { RPM = 5 };
    llm_router_attempt a;
    int k, n = 0, j;
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->rpm = RPM;
    F.desc.deployments = F.deps;
    F.desc.deployment_count = 1;
    memset(&S, 0, sizeof S);
    S.now = 7 * 60000 + 1000;
    memset(&fl_req, 0, sizeof fl_req);
    fl_req.model = "g";
    fl_req.messages = &fl_msg;
    fl_req.message_count = 1;
    for (k = 0; k < NR; k++) {
        llm_router_desc dd = F.desc;
        skew[k] = 0;
        dd.clock_ms = fl_clock;
        dd.clock_user = &skew[k];
        CHECK_EQ_INT(llm_router_init(&R[k], &dd, NULL), LLM_OK);
    }
    for (k = 0; k < NR; k++)
        for (j = 0; j < RPM + 2; j++) {
            memset(&a, 0, sizeof a);
            if (llm_router_pick(&R[k], &fl_req, &a, NULL) == LLM_OK) {
                n++;
                fl_report(k, &a, LLM_OK, 200, 0);
            } else {
                llm_router_cancel(&R[k], &a);
            }
        }
    CHECK_EQ_INT(n, NR * RPM);
    fl_free(NR);
}

/* ---- windows ---- */

static void window_rolls_over_on_store_clock(void) {
    llm_router_attempt a;
    llm_error err;
    int i;
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->rpm = 2;
    F.desc.has_max_wait_ms = true; /* max_wait_ms 0: a full window fails at once */
    skew[0] = 5000000;             /* a process clock far from the store's */
    skew[1] = -30000;
    fl_init(2, NULL);
    S.now = 10 * 60000 + 58000;    /* 2 s before the store's minute ends */
    for (i = 0; i < 2; i++) {
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(fl_pick(i, &a, &err), LLM_OK);
        fl_report(i, &a, LLM_OK, 200, 0);
    }
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, &err), LLM_ERR_RATE_LIMITED);
    CHECK(strstr(err.message, "2000 ms") != NULL); /* room when the store's minute ends */
    S.now += 1999;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(1, &a, &err), LLM_ERR_RATE_LIMITED);
    S.now += 1;                    /* the next minute of the store's clock */
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(1, &a, &err), LLM_OK);
    CHECK_EQ_INT(a.store_op.now_ms, 11 * 60000);
    fl_report(1, &a, LLM_OK, 200, 0);
    fl_free(2);
}

/* Without max_wait_ms the router waits for the window's end. */
static void full_window_waits_without_max_wait(void) {
    llm_router_attempt a;
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->rpm = 1;
    skew[0] = 0;
    fl_init(1, NULL);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    fl_report(0, &a, LLM_OK, 200, 0);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_AGAIN);
    CHECK_EQ_INT(a.wait_ms, 59000); /* S.now is 1 s into the minute */
    llm_router_cancel(&R[0], &a);
    fl_free(1);
}

/* ---- slots ---- */

static void dead_holder_slot_heals_after_ttl(void) {
    llm_router_attempt a, b;
    llm_router_store st;
    llm_deployment_desc *d;
    llm_result r;
    int64_t t0;
    int guard = 0;
    fx_reset();
    d = fx_dep("g");
    d->max_parallel = 1;
    memset(&st, 0, sizeof st);
    st.slot_ttl_ms = 5000;
    skew[0] = skew[1] = 0;
    fl_init(2, &st);
    memset(&a, 0, sizeof a);
    t0 = S.now;
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK); /* router 0 holds the slot, then dies without a report */
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_AGAIN);
    CHECK(!b.store_pending);
    S.now = t0 + 4999;
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_AGAIN); /* 4999 ms on: still held */
    CHECK(b.wait_ms >= 1);
    while ((r = fl_pick(1, &b, NULL)) == LLM_AGAIN && guard++ < 100) S.now += b.wait_ms; /* as a driver waits */
    CHECK_EQ_INT(r, LLM_OK);
    CHECK(S.now >= t0 + 5000);
    fl_report(1, &b, LLM_OK, 200, 0);
    CHECK_EQ_INT(fs_slots(&S, "llm1:{dep:d0}:inflight"), 0); /* released by the report */
    fl_report(0, &a, LLM_OK, 200, 0);
    fl_free(2);
}

/* ---- cooldowns ---- */

static void cooldown_seen_by_all_then_one_probe(void) {
    llm_router_attempt a[3];
    llm_error err;
    int k, admitted = 0, prober = -1;
    fx_reset();
    fx_dep("g");
    for (k = 0; k < 3; k++) skew[k] = k * 1000;
    fl_init(3, NULL);
    memset(&a[0], 0, sizeof a[0]);
    CHECK_EQ_INT(fl_pick(0, &a[0], NULL), LLM_OK);
    fl_report(0, &a[0], LLM_ERR_RATE_LIMITED, 429, 2000); /* Retry-After 2 s: router 0 cools d0 */
    llm_router_cancel(&R[0], &a[0]);
    CHECK_EQ_INT(fs_ttl(&S, "llm1:{dep:d0}:cooldown"), 2000);
    memset(&a[1], 0, sizeof a[1]);
    CHECK_EQ_INT(fl_pick(1, &a[1], &err), LLM_ERR_NO_DEPLOYMENT); /* router 1 never saw d0 fail */
    CHECK(strstr(err.message, "cooling down") != NULL);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&R[1], 0), 2000);
    S.now += 2000;
    for (k = 0; k < 3; k++) {
        llm_result r;
        memset(&a[k], 0, sizeof a[k]);
        r = fl_pick(k, &a[k], NULL);
        if (r == LLM_OK) { admitted++; prober = k; }
        else CHECK_EQ_INT(r, LLM_AGAIN);
    }
    CHECK_EQ_INT(admitted, 1); /* exactly one probe in the fleet */
    CHECK_EQ_INT(prober, 0);
    fl_report(prober, &a[prober], LLM_OK, 200, 0);
    for (k = 1; k < 3; k++) { /* the probe answered: the others go, after the wait they were given */
        llm_result r;
        int guard = 0;
        while ((r = fl_pick(k, &a[k], NULL)) == LLM_AGAIN && guard++ < 4) S.now += a[k].wait_ms;
        CHECK_EQ_INT(r, LLM_OK);
        CHECK(!a[k].store_op.probe);
        fl_report(k, &a[k], LLM_OK, 200, 0);
    }
    fl_free(3);
}

/* A failed probe cools the deployment again for the fleet. */
static void failed_probe_cools_again(void) {
    llm_router_attempt a, b;
    fx_reset();
    fx_dep("g");
    skew[0] = skew[1] = 0;
    fl_init(2, NULL);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    fl_report(0, &a, LLM_ERR_RATE_LIMITED, 429, 1000);
    llm_router_cancel(&R[0], &a);
    S.now += 1000;
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_OK);
    CHECK(b.store_op.probe);
    fl_report(1, &b, LLM_ERR_SERVER, 500, 0);
    llm_router_cancel(&R[1], &b);
    CHECK_EQ_INT(fs_ttl(&S, "llm1:{dep:d0}:cooldown"), 5000); /* the router's cooldown_ms */
    fl_free(2);
}

/* A probe abandoned (cancelled) gives the probe back: another process may
   probe at once, not after the token's TTL. */
static void cancelled_probe_frees_the_token(void) {
    llm_router_attempt a, b;
    fx_reset();
    fx_dep("g");
    skew[0] = skew[1] = 0;
    fl_init(2, NULL);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    fl_report(0, &a, LLM_ERR_RATE_LIMITED, 429, 1000);
    llm_router_cancel(&R[0], &a);
    S.now += 1000;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    CHECK(a.store_op.probe);
    llm_router_cancel(&R[0], &a); /* sent, then abandoned */
    if (a.store_pending) llm_router_store_run(&R[0], &a);
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_OK);
    CHECK(b.store_op.probe);      /* the next process is the probe now */
    fl_report(1, &b, LLM_OK, 200, 0);
    fl_free(2);
}

/* An admission run but never taken (the request cancelled in between)
   gives its slot back. */
static void admitted_then_cancelled_releases_slot(void) {
    llm_router_attempt a;
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->max_parallel = 1;
    skew[0] = 0;
    fl_init(1, NULL);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(llm_router_pick(&R[0], &fl_req, &a, NULL), LLM_AGAIN);
    CHECK(a.store_pending);
    llm_router_store_run(&R[0], &a);
    CHECK_EQ_INT(fs_slots(&S, "llm1:{dep:d0}:inflight"), 1);
    llm_router_cancel(&R[0], &a);
    if (a.store_pending) llm_router_store_run(&R[0], &a);
    CHECK_EQ_INT(fs_slots(&S, "llm1:{dep:d0}:inflight"), 0);
    fl_free(1);
}

/* One batched read of the group's cooldowns before a pick (at most once a
   second per group): a router that never saw d0 fail skips it, with no
   ADMIT refused for it. */
static void batched_read_skips_fleet_cooled(void) {
    llm_router_attempt a, b;
    int admits, reads;
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.rnd = 0; /* simple-shuffle takes the first candidate: d0 */
    skew[0] = skew[1] = 0;
    fl_init(2, NULL);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    CHECK_EQ_STR(a.deployment_id, "d0");
    fl_report(0, &a, LLM_ERR_RATE_LIMITED, 429, 30000); /* d0 cools for the fleet */
    llm_router_cancel(&R[0], &a);
    admits = S.admits;
    reads = S.reads;
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_OK);
    CHECK_EQ_STR(b.deployment_id, "d1");
    CHECK_EQ_INT(S.admits - admits, 1);       /* straight to d1 */
    CHECK_EQ_INT(S.reads - reads, 1);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&R[1], 0), 30000);
    fl_report(1, &b, LLM_OK, 200, 0);
    S.now += 999;
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_OK);
    CHECK_EQ_INT(S.reads - reads, 1);         /* read again only after a second */
    fl_report(1, &b, LLM_OK, 200, 0);
    S.now += 1;
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(fl_pick(1, &b, NULL), LLM_OK);
    CHECK_EQ_INT(S.reads - reads, 2);
    fl_report(1, &b, LLM_OK, 200, 0);
    fl_free(2);
}

/* ---- when the store fails ---- */

static void store_down_fails_open_with_trace(void) {
    llm_router_attempt a;
    fx_reset();
    fx_dep("g");
    skew[0] = 0;
    fl_init(1, NULL);
    S.down = true;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    CHECK_EQ_INT(traces_store[0], 1);
    CHECK(strstr(last_store_trace, "fake://store: unavailable (connection refused), using local limits") != NULL);
    CHECK_EQ_INT(warnings, 1); /* and the log says so, as a warning */
    fl_report(0, &a, LLM_OK, 200, 0);
    fl_free(1);
}

static void store_down_fail_closed_is_typed(void) {
    llm_router_attempt a;
    llm_router_store st;
    llm_error err;
    fx_reset();
    fx_dep("g");
    memset(&st, 0, sizeof st);
    st.fail_closed = true;
    skew[0] = 0;
    fl_init(1, &st);
    S.down = true;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, &err), LLM_ERR_UNAVAILABLE);
    CHECK(strstr(err.message, "fake://store: unavailable (connection refused)") != NULL);
    fl_free(1);
}

/* Fail-open splits the limit: rpm 10 over 2 expected processes = 5 here. */
static void fail_open_divides_local_limits(void) {
    llm_router_attempt a;
    llm_router_store st;
    llm_deployment_desc *d;
    int n = 0, i;
    fx_reset();
    d = fx_dep("g");
    d->rpm = 10;
    F.desc.has_max_wait_ms = true;
    memset(&st, 0, sizeof st);
    st.expected_processes = 2;
    skew[0] = 0;
    fl_init(1, &st);
    S.down = true;
    for (i = 0; i < 8; i++) {
        memset(&a, 0, sizeof a);
        if (fl_pick(0, &a, NULL) == LLM_OK) {
            n++;
            fl_report(0, &a, LLM_OK, 200, 0);
        }
    }
    CHECK_EQ_INT(n, 5);
    fl_free(1);
}

/* 5 consecutive failures open the breaker: no store call for 60 s, then one
   probe; a failed probe opens it again; a good one closes it. */
static void breaker_opens_after_five_and_probes_once(void) {
    llm_router_attempt a;
    int i, calls_before;
    fx_reset();
    fx_dep("g");
    skew[0] = 0;
    fl_init(1, NULL);
    S.down = true;
    for (i = 0; i < 8; i++) { /* 5 reach the store, 3 do not */
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
        fl_report(0, &a, LLM_OK, 200, 0);
    }
    CHECK_EQ_INT(S.refused, 5);
    CHECK_EQ_INT(traces_store[0], 5);
    S.down = false;               /* back, but the breaker does not know yet */
    S.now += 59999;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    fl_report(0, &a, LLM_OK, 200, 0);
    CHECK_EQ_INT(S.calls, 0);     /* still open */
    S.now += 1;
    S.down = true;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK); /* the probe, failing */
    fl_report(0, &a, LLM_OK, 200, 0);
    CHECK_EQ_INT(S.refused, 6);
    S.down = false;
    S.now += 30000;
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
    fl_report(0, &a, LLM_OK, 200, 0);
    CHECK_EQ_INT(S.calls, 0);     /* opened again by the failed probe */
    S.now += 30000;
    calls_before = S.calls;
    for (i = 0; i < 3; i++) {
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(fl_pick(0, &a, NULL), LLM_OK);
        fl_report(0, &a, LLM_OK, 200, 0);
    }
    CHECK_EQ_INT(S.admits - calls_before, 3); /* closed: every pick asks the store again */
    fl_free(1);
}

/* llm_router_complete runs the store's operations itself: ADMIT before
   each attempt, SETTLE after it when there is a slot to release. */
static void complete_runs_store_ops(void) {
    llm_deployment_desc *d;
    fx_reset();
    d = fx_dep("g");
    d->max_parallel = 2;
    skew[0] = 0;
    fl_init(1, NULL);
    fx_script(0, 500, NULL, NULL);
    fx_script_fail(0, LLM_ERR_TRANSPORT);
    F.rnd = 0; /* backoff 0 */
    {
        llm_request req = fl_req;
        llm_response resp;
        CHECK_EQ_INT(llm_router_complete(&R[0], &req, NULL, &resp, NULL), LLM_OK);
        llm_response_free(&resp);
    }
    CHECK_EQ_INT(F.total, 3);    /* 500, transport failure, 200 */
    CHECK_EQ_INT(S.admits, 3);
    CHECK_EQ_INT(S.settles, 3);
    CHECK_EQ_INT(fs_slots(&S, "llm1:{dep:d0}:inflight"), 0);
    (void)fx_call;
    fl_free(1);
}

/* Embeddings through the router take the same shared limits: with an rpm
   of 1, the retry after a 503 finds the store's minute taken and waits for
   the next one (three ADMITs: the first, the refused retry, the retry). */
static void embeddings_go_through_the_store(void) {
    static const char vectors[] = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                                  "\"embedding\":[0.5,-0.25]}],\"model\":\"text-embedding-3-small\","
                                  "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}";
    static const char *const inputs[1] = {"hello"};
    llm_deployment_desc *d;
    llm_embed_request req;
    llm_embed_response resp;
    llm_router_options opts;
    llm_error err;
    fx_reset();
    d = fx_dep("g");
    d->rpm = 1;
    skew[0] = 0;
    fl_init(1, NULL);
    fx_script(0, 503, NULL, NULL);
    fx_script(0, 200, NULL, vectors);
    F.rnd = 0; /* backoff 0 */
    memset(&req, 0, sizeof req);
    req.model = "g";
    req.inputs = inputs;
    req.input_count = 1;
    memset(&opts, 0, sizeof opts);
    CHECK_EQ_INT(llm_router_embed(&R[0], &req, &opts, &resp, &err), LLM_OK);
    CHECK_EQ_INT((int)resp.count, 1);
    if (resp.count == 1) CHECK(resp.embeddings[0].count == 2 && resp.embeddings[0].values[1] == -0.25f);
    CHECK_EQ_INT(resp.attempts, 2);
    llm_embed_response_free(&resp);
    /* the retry found the minute's one request taken: refused, it waited for the next minute */
    CHECK_EQ_INT(S.admits, 3);
    CHECK(S.now >= 8 * 60000);
    fl_free(1);
}

/* LiteLLM's router_settings.redis_host, redis_port, redis_password (its
   proxy docs: "router_settings: redis_host: os.environ/REDIS_HOST ...")
   as one redis:// URL; the password's '@' and ' ' escaped (RFC 3986). */
static const char *fl_env(void *user, const char *name) {
    (void)user;
    return strcmp(name, "REDIS_HOST") == 0 ? "redis.internal" : strcmp(name, "REDIS_PORT") == 0 ? "6380" : NULL;
}

static void litellm_redis_settings_give_url(void) {
    static const char with_env[] = "{\"model_list\":[],\"router_settings\":{\"redis_host\":\"os.environ/REDIS_HOST\","
                                   "\"redis_port\":\"os.environ/REDIS_PORT\",\"redis_password\":\"p@ss word\"}}";
    static const char plain[] = "{\"router_settings\":{\"redis_host\":\"10.1.2.3\",\"redis_port\":6379}}";
    static const char none[] = "{\"router_settings\":{\"routing_strategy\":\"simple-shuffle\"}}";
    static const char unset[] = "{\"router_settings\":{\"redis_host\":\"os.environ/NOPE\"}}";
    char url[96];
    llm_router_desc base;
    llm_error err;
    memset(&base, 0, sizeof base);
    base.getenv = fl_env;
    CHECK_EQ_INT(llm_router_config_store_url(with_env, sizeof with_env - 1, &base, url, sizeof url, &err), LLM_OK);
    CHECK_EQ_STR(url, "redis://:p%40ss%20word@redis.internal:6380");
    CHECK_EQ_INT(llm_router_config_store_url(plain, sizeof plain - 1, &base, url, sizeof url, &err), LLM_OK);
    CHECK_EQ_STR(url, "redis://10.1.2.3:6379");
    CHECK_EQ_INT(llm_router_config_store_url(none, sizeof none - 1, &base, url, sizeof url, &err), LLM_OK);
    CHECK_EQ_STR(url, "");
    CHECK_EQ_INT(llm_router_config_store_url(unset, sizeof unset - 1, &base, url, sizeof url, &err),
                 LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "NOPE") != NULL);
    CHECK_EQ_INT(llm_router_config_store_url(plain, sizeof plain - 1, &base, url, 12, &err), LLM_ERR_LIMIT_EXCEEDED);
}

/* A zeroed store: the router never leaves an operation to run. */
static void zeroed_store_never_calls(void) {
    llm_router r;
    llm_router_attempt a;
    fx_reset();
    fx_dep("g");
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a, 0, sizeof a);
    memset(&fl_req, 0, sizeof fl_req);
    fl_req.model = "g";
    fl_req.messages = &fl_msg;
    fl_req.message_count = 1;
    CHECK_EQ_INT(llm_router_pick(&F.router, &fl_req, &a, NULL), LLM_OK);
    CHECK(!a.store_pending);
    CHECK_EQ_INT(llm_router_store_run(&F.router, &a), LLM_OK);
    (void)r;
    llm_router_cancel(&F.router, &a);
    CHECK(!a.store_pending);
    fx_done();
}

int main(int argc, char **argv) {
    static const test_case cases[] = {
        TEST(embeddings_go_through_the_store),
        TEST(fleet_never_exceeds_shared_limit),
        TEST(fleet_without_store_exceeds),
        TEST(window_rolls_over_on_store_clock),
        TEST(full_window_waits_without_max_wait),
        TEST(dead_holder_slot_heals_after_ttl),
        TEST(cooldown_seen_by_all_then_one_probe),
        TEST(failed_probe_cools_again),
        TEST(batched_read_skips_fleet_cooled),
        TEST(cancelled_probe_frees_the_token),
        TEST(admitted_then_cancelled_releases_slot),
        TEST(store_down_fails_open_with_trace),
        TEST(store_down_fail_closed_is_typed),
        TEST(fail_open_divides_local_limits),
        TEST(breaker_opens_after_five_and_probes_once),
        TEST(complete_runs_store_ops),
        TEST(litellm_redis_settings_give_url),
        TEST(zeroed_store_never_calls),
    };
    return test_main(cases, TEST_COUNT(cases), argc, argv);
}
