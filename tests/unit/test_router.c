/* The router: pick/report rules, the blocking driver over a scripted fault
   transport with a fake clock, and a randomized property test. Every
   expected sequence is written by hand from the rules (LiteLLM's Router, the
   OpenAI SDK's retry rules, the circuit breaker), never captured
   from the code's output. Sequences read "d0 +500 d1 ": an attempt on d0,
   a 500 ms sleep, an attempt on d1. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "router_fixture.h"

#define K 777781u  /* the fixed random value: backoff = K % (min(500*2^n, 8000) + 1) */

static void seq_is(const char *want) { CHECK_EQ_STR(F.seq, want); }

/* ---- retries ---- */

static void retry_backoff_single_deployment(void) {
    char want[64];
    llm_router_stats st;
    fx_reset();
    F.rnd = K;
    fx_dep("g");
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    snprintf(want, sizeof want, "d0 +%u d0 +%u d0 ", K % 501, K % 1001); /* full jitter over 500, then 1000 ms */
    seq_is(want);
    CHECK_EQ_INT(F.idem_changed, 0);
    CHECK(strncmp(F.idem, "idem-", 5) == 0);
    CHECK_EQ_INT(F.attempt_hdr[0], 1);
    CHECK_EQ_INT(F.attempt_hdr[1], 2);
    CHECK_EQ_INT(F.attempt_hdr[2], 3);
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.calls, 1);
    CHECK_EQ_INT(st.successes, 1);
    CHECK_EQ_INT(st.attempts, 3);
    CHECK_EQ_INT(st.retries, 2);
    CHECK_EQ_INT(st.fallbacks, 0);
    CHECK_EQ_INT(st.cooldowns, 0); /* 2 failures <= allowed_fails 3 */
    CHECK_EQ_INT(st.failures_by_class[llm_router_error_class(LLM_ERR_SERVER)], 2);
    fx_done();
}

static void retries_spent_gives_last_error(void) {
    llm_error err;
    fx_reset();
    F.rnd = 0; /* backoff 0 */
    fx_dep("g");
    fx_script(0, 503, NULL, NULL);
    fx_script(0, 503, NULL, NULL);
    fx_script(0, 503, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", &err), LLM_ERR_UNAVAILABLE); /* 1 + num_retries 2 */
    seq_is("d0 d0 d0 ");
    CHECK_EQ_INT(err.http_status, 503);
    fx_done();
}

static void retry_after_honoured_over_backoff(void) {
    llm_router_stats st;
    fx_reset();
    F.rnd = K;
    fx_dep("g");
    fx_script(0, 429, "retry-after: 2\n", NULL);
    fx_script(0, 503, "retry-after-ms: 1500\n", NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    /* Retry-After cools the deployment at once for that long; the retry is
       its half-open probe when the time is up */
    seq_is("d0 +2000 d0 +1500 d0 ");
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.cooldowns, 2);
    CHECK_EQ_INT(st.retries, 2);
    fx_done();
}

static void retry_after_beyond_limit_skips_deployment(void) {
    static const char *const to_b[] = {"b"};
    llm_router_fallback fb;
    llm_router_stats st;
    fx_reset();
    F.rnd = K;
    fx_dep("a");
    fx_dep("b");
    fx_script(0, 429, "retry-after: 120\n", NULL);
    memset(&fb, 0, sizeof fb);
    fb.group = "a";
    fb.to = to_b;
    fb.to_count = 1;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d1 "); /* 120 s > 60 s: not this deployment now, no sleep */
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.fallbacks, 1);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 120000);
    fx_done();
}

static void retry_on_other_healthy_deployment_without_sleep(void) {
    fx_reset();
    F.rnd = 0; /* weighted pick: 0 % 2 = the first */
    fx_dep("g");
    fx_dep("g");
    fx_script(0, 500, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d0 d1 ");
    fx_done();
}

static void transport_errors_and_timeouts_are_retried(void) {
    char want[64];
    fx_reset();
    F.rnd = K;
    fx_dep("g");
    fx_script_fail(0, LLM_ERR_TRANSPORT);
    fx_script_fail(0, LLM_ERR_TIMEOUT);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    snprintf(want, sizeof want, "d0 +%u d0 +%u d0 ", K % 501, K % 1001);
    seq_is(want);
    fx_done();
}

static void not_retried_classes(void) {
    static const int statuses[] = {400, 401, 403, 404, 422};
    static const llm_result codes[] = {LLM_ERR_BAD_REQUEST, LLM_ERR_AUTHENTICATION, LLM_ERR_PERMISSION, LLM_ERR_NOT_FOUND, LLM_ERR_BAD_REQUEST};
    size_t i;
    for (i = 0; i < 5; i++) {
        fx_reset();
        fx_dep("g");
        fx_script(0, statuses[i], NULL, NULL);
        CHECK_EQ_INT(fx_init(), LLM_OK);
        CHECK_EQ_INT(fx_call("g", NULL), codes[i]);
        seq_is("d0 ");
        fx_done();
    }
    fx_reset();
    fx_dep("g");
    fx_script(0, 400, NULL, CTX_BODY);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_ERR_CONTEXT_WINDOW_EXCEEDED);
    seq_is("d0 ");
    fx_done();
}

static void retried_statuses(void) {
    static const int statuses[] = {408, 409, 429, 500, 502, 503, 504, 529};
    size_t i;
    for (i = 0; i < 8; i++) {
        fx_reset();
        fx_dep("g");
        fx_script(0, statuses[i], NULL, NULL);
        CHECK_EQ_INT(fx_init(), LLM_OK);
        CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
        seq_is("d0 d0 ");
        fx_done();
    }
}

static void x_should_retry_wins(void) {
    char want[64];
    fx_reset();
    fx_dep("g");
    fx_script(0, 500, "x-should-retry: false\n", NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_ERR_SERVER);
    seq_is("d0 ");
    fx_done();
    fx_reset();
    F.rnd = K;
    fx_dep("g");
    fx_script(0, 400, "x-should-retry: true\n", NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    snprintf(want, sizeof want, "d0 +%u d0 ", K % 501);
    seq_is(want);
    fx_done();
}

static void retry_policy_per_class(void) {
    static const char *const to_b[] = {"b"};
    llm_router_fallback fb;
    llm_retry_override pol;
    fx_reset();
    fx_dep("a");
    fx_dep("b");
    fx_script(0, 429, NULL, NULL);
    memset(&fb, 0, sizeof fb);
    fb.group = "a";
    fb.to = to_b;
    fb.to_count = 1;
    pol.code = LLM_ERR_RATE_LIMITED;
    pol.retries = 0;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    F.desc.retry_policy = &pol;
    F.desc.retry_policy_count = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d1 "); /* no retry for a rate limit: straight to the fallback */
    fx_done();
}

static void per_request_overrides(void) {
    static const char *const to_c[] = {"c"};
    static const char *const to_b[] = {"b"};
    llm_router_fallback fb;
    llm_router_options o;
    fx_reset();
    fx_dep("a");
    fx_dep("b");
    fx_dep("c");
    fx_script(0, 500, NULL, NULL);
    memset(&fb, 0, sizeof fb);
    fb.group = "a";
    fb.to = to_b;
    fb.to_count = 1;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&o, 0, sizeof o);
    o.has_num_retries = true;
    o.num_retries = 0;
    o.fallbacks = to_c;
    o.fallback_count = 1;
    CHECK_EQ_INT(fx_call_opts("a", &o, NULL, NULL), LLM_OK);
    seq_is("d0 d2 ");
    fx_done();
}

/* ---- fallbacks ---- */

static void setup_abc(const char *const *gen, size_t ngen, const char *const *ctx, size_t nctx, const char *const *pol, size_t npol,
                      llm_router_fallback *fb) {
    int n = 0;
    fx_dep("a");
    fx_dep("b");
    fx_dep("c");
    memset(fb, 0, 3 * sizeof *fb);
    if (ngen) { fb[n].group = "a"; fb[n].to = gen; fb[n].to_count = ngen; n++; }
    if (nctx) { fb[n].kind = LLM_FALLBACK_CONTEXT_WINDOW; fb[n].group = "a"; fb[n].to = ctx; fb[n].to_count = nctx; n++; }
    if (npol) { fb[n].kind = LLM_FALLBACK_CONTENT_POLICY; fb[n].group = "a"; fb[n].to = pol; fb[n].to_count = npol; n++; }
    F.desc.fallbacks = fb;
    F.desc.fallback_count = (size_t)n;
}

static void fallback_after_retries(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    llm_router_stats st;
    fx_reset();
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d0 d0 d1 ");
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.attempts, 4);
    CHECK_EQ_INT(st.retries, 2);
    CHECK_EQ_INT(st.fallbacks, 1);
    fx_done();
}

static void non_retryable_falls_back_at_once(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    fx_reset();
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    fx_script(0, 401, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d1 ");
    fx_done();
}

static void context_window_error_takes_its_list(void) {
    static const char *const gen[] = {"b"}, *const ctx[] = {"c"};
    llm_router_fallback fb[3];
    fx_reset();
    setup_abc(gen, 1, ctx, 1, NULL, 0, fb);
    fx_script(0, 400, NULL, CTX_BODY);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d2 ");
    fx_done();
}

static int64_t tokens_5000(void *user, const llm_request *req) { (void)user; (void)req; return 5000; }

static void context_window_precheck(void) {
    static const char *const ctx[] = {"c"};
    llm_router_fallback fb[3];
    llm_router_stats st;
    llm_error err;
    fx_reset();
    setup_abc(NULL, 0, ctx, 1, NULL, 0, fb);
    F.deps[0].max_input_tokens = 4096;
    F.deps[2].max_input_tokens = 128000;
    F.desc.count_prompt_tokens = tokens_5000;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d2 "); /* nothing was sent to a */
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.attempts, 1);
    CHECK_EQ_INT(st.fallback_switches, 1);
    fx_done();
    fx_reset(); /* without a context-window fallback: the error, nothing sent */
    fx_dep("a")->max_input_tokens = 4096;
    F.desc.count_prompt_tokens = tokens_5000;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_CONTEXT_WINDOW_EXCEEDED);
    CHECK(strstr(err.message, "5000 tokens") != NULL);
    seq_is("");
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.unsent, 1);
    fx_done();
}

static void content_filter_finish_falls_back(void) {
    static const char *const pol[] = {"b"};
    llm_router_fallback fb[3];
    llm_finish_reason fin;
    fx_reset();
    setup_abc(NULL, 0, NULL, 0, pol, 1, fb);
    fx_script(0, 200, NULL, FILTERED_BODY);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call_opts("a", NULL, NULL, &fin), LLM_OK);
    seq_is("d0 d1 ");
    CHECK_EQ_INT(fin, LLM_FINISH_STOP);
    fx_done();
    fx_reset(); /* no content-policy fallback: the filtered answer is the answer */
    fx_dep("a");
    fx_script(0, 200, NULL, FILTERED_BODY);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call_opts("a", NULL, NULL, &fin), LLM_OK);
    seq_is("d0 ");
    CHECK_EQ_INT(fin, LLM_FINISH_CONTENT_FILTER);
    fx_done();
}

static void default_fallbacks_star(void) {
    static const char *const gen[] = {"c"};
    llm_router_fallback fb;
    fx_reset();
    fx_dep("a");
    fx_dep("b");
    fx_dep("c");
    fx_script(0, 404, NULL, NULL);
    memset(&fb, 0, sizeof fb);
    fb.group = "*";
    fb.to = gen;
    fb.to_count = 1;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d2 ");
    fx_done();
}

static void one_attempt_budget_for_retries_and_fallbacks(void) {
    static const char *const gen[] = {"b", "c"};
    llm_router_fallback fb[3];
    llm_error err;
    int i;
    fx_reset();
    setup_abc(gen, 2, NULL, 0, NULL, 0, fb);
    for (i = 0; i < 3; i++) {
        int k;
        for (k = 0; k < 10; k++) fx_script(i, 500, NULL, NULL);
    }
    F.desc.max_fallbacks = 1;
    F.desc.has_allowed_fails = true;
    F.desc.allowed_fails = 100;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_SERVER);
    seq_is("d0 d0 d0 d1 d1 d1 "); /* (2+1) x (1+1) = 6, never nested */
    fx_done();
}

/* ---- cooldowns ---- */

static void cooldown_after_allowed_fails_then_half_open(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    llm_router_stats st;
    int i;
    fx_reset();
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    for (i = 0; i < 4; i++) fx_script(0, 500, NULL, NULL);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    for (i = 0; i < 4; i++) CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d1 d0 d1 d0 d1 d0 d1 "); /* the 4th failure is more than allowed_fails 3 */
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 5000);
    F.seq_len = 0; F.seq[0] = '\0';
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d1 "); /* cooling: straight to the fallback */
    F.now += 5000;
    F.seq_len = 0; F.seq[0] = '\0';
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d0 "); /* the probe succeeded: closed again */
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.cooldowns, 1);
    CHECK_EQ_INT(st.calls, 7);
    CHECK_EQ_INT(st.attempts, 11);
    CHECK_EQ_INT(st.fallbacks, 4);
    fx_done();
}

static void fail_window_expires(void) {
    int i;
    fx_reset();
    fx_dep("a");
    for (i = 0; i < 4; i++) fx_script(0, 500, NULL, NULL);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    for (i = 0; i < 3; i++) CHECK_EQ_INT(fx_call("a", NULL), LLM_ERR_SERVER);
    F.now += 60000; /* the window opened by the first failure is over */
    CHECK_EQ_INT(fx_call("a", NULL), LLM_ERR_SERVER);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 0);
    fx_done();
}

static void single_deployment_cools_and_all_cooling_error(void) {
    llm_error err;
    llm_router_stats st;
    fx_reset();
    fx_dep("a");
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 0;
    F.desc.has_allowed_fails = true;
    F.desc.allowed_fails = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_ERR_SERVER);
    F.now += 1000;
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_NO_DEPLOYMENT);
    CHECK(strstr(err.message, "soonest recovers in 4000 ms") != NULL);
    F.now += 4000;
    CHECK_EQ_INT(fx_call("a", NULL), LLM_ERR_SERVER); /* the probe fails: cooled again */
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 5000);
    F.now += 5000;
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    seq_is("d0 d0 d0 ");
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.cooldowns, 2);
    CHECK_EQ_INT(st.unsent, 1);
    fx_done();
}

static void other_4xx_never_cool(void) {
    int i;
    fx_reset();
    fx_dep("a");
    for (i = 0; i < 6; i++) fx_script(0, i % 2 ? 400 : 403, NULL, NULL);
    F.desc.has_allowed_fails = true;
    F.desc.allowed_fails = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    for (i = 0; i < 6; i++) fx_call("a", NULL);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 0);
    fx_done();
}

static void deployment_cooldown_time_wins(void) {
    fx_reset();
    fx_dep("a")->cooldown_ms = 30000;
    fx_script(0, 429, "retry-after: 2\n", NULL);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_INT(llm_router_cooldown_remaining(&F.router, 0), 30000);
    fx_done();
}

/* ---- deadline ---- */

static void one_deadline_for_all_attempts(void) {
    llm_error err;
    fx_reset();
    fx_dep("a");
    fx_script(0, 429, "retry-after: 2\n", NULL);
    fx_script(0, 429, "retry-after: 2\n", NULL);
    F.desc.timeout_ms = 3000;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_RATE_LIMITED); /* a retry at 4000 ms would pass the deadline */
    seq_is("d0 +2000 d0 ");
    CHECK_EQ_INT(F.timeouts[0], 3000);
    CHECK_EQ_INT(F.timeouts[1], 1000);
    fx_done();
}

/* ---- strategies, order, limits ---- */

static void order_tiers(void) {
    fx_reset();
    fx_dep("g")->order = 2;
    fx_dep("g")->order = 1;
    fx_script(1, 500, NULL, NULL);
    F.desc.has_allowed_fails = true;
    F.desc.allowed_fails = 0;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d1 d0 d0 "); /* d1 (order 1) first; cooled, the order-2 tier serves */
    fx_done();
}

static void weighted_shuffle(void) {
    static const uint64_t rnd[] = {0, 1, 3, 4, 7};
    fx_reset();
    fx_dep("g")->weight = 1;
    fx_dep("g")->weight = 3;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    {
        size_t i;
        for (i = 0; i < 5; i++) {
            F.rnd = rnd[i];
            CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
        }
    }
    seq_is("d0 d1 d1 d0 d1 "); /* x = rnd % 4: 0 -> d0, 1..3 -> d1 */
    fx_done();
}

static llm_result sm_pick(llm_router_attempt *a, const char *model) {
    llm_request req;
    memset(&req, 0, sizeof req);
    req.model = model;
    return llm_router_pick(&F.router, &req, a, NULL);
}

static llm_result sm_report(llm_router_attempt *a, llm_result result, bool delivered) {
    llm_router_outcome o;
    memset(&o, 0, sizeof o);
    o.result = result;
    o.content_delivered = delivered;
    return llm_router_report(&F.router, a, &o, NULL);
}

static void least_busy(void) {
    llm_router_attempt a[3];
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.desc.strategy = LLM_ROUTING_LEAST_BUSY;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a[0], "g"), LLM_OK);
    CHECK_EQ_INT(sm_pick(&a[1], "g"), LLM_OK);
    CHECK(a[0].deployment != a[1].deployment);
    CHECK_EQ_INT(sm_report(&a[0], LLM_OK, false), LLM_DONE);
    CHECK_EQ_INT(sm_pick(&a[2], "g"), LLM_OK);
    CHECK_EQ_INT(a[2].deployment, a[0].deployment);
    CHECK_EQ_INT(sm_report(&a[1], LLM_OK, false), LLM_DONE);
    CHECK_EQ_INT(sm_report(&a[2], LLM_OK, false), LLM_DONE);
    fx_done();
}

static void rpm_token_bucket(void) {
    llm_router_attempt a;
    int i;
    fx_reset();
    fx_dep("g")->rpm = 2;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    for (i = 0; i < 2; i++) {
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(sm_pick(&a, "g"), LLM_OK);
        CHECK_EQ_INT(sm_report(&a, LLM_OK, false), LLM_DONE);
    }
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a, "g"), LLM_AGAIN);
    CHECK_EQ_INT(a.wait_ms, 30000); /* 2 per minute: one every 30 s */
    F.now += 30000;
    CHECK_EQ_INT(sm_pick(&a, "g"), LLM_OK);
    CHECK_EQ_INT(sm_report(&a, LLM_OK, false), LLM_DONE);
    fx_done();
}

static int64_t tokens_600(void *user, const llm_request *req) { (void)user; (void)req; return 600; }

static void tpm_token_bucket(void) {
    llm_router_attempt a;
    fx_reset();
    fx_dep("g")->tpm = 1000;
    F.desc.count_prompt_tokens = tokens_600;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a, "g"), LLM_OK);
    CHECK_EQ_INT(sm_report(&a, LLM_OK, false), LLM_DONE);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a, "g"), LLM_AGAIN);
    CHECK_EQ_INT(a.wait_ms, 12000); /* 400 left of 1000/min, 600 needed: 200 tokens at 1000/min = 12 s */
    llm_router_cancel(&F.router, &a);
    fx_done();
}

static void max_parallel(void) {
    llm_router_attempt a, b;
    fx_reset();
    fx_dep("g")->max_parallel = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    CHECK_EQ_INT(sm_pick(&a, "g"), LLM_OK);
    CHECK_EQ_INT(sm_pick(&b, "g"), LLM_AGAIN);
    CHECK_EQ_INT(sm_report(&a, LLM_OK, false), LLM_DONE);
    CHECK_EQ_INT(sm_pick(&b, "g"), LLM_OK);
    CHECK_EQ_INT(sm_report(&b, LLM_OK, false), LLM_DONE);
    fx_done();
}

static bool price_fn(void *user, const char *model, double *in, double *out) {
    (void)user;
    *in = strcmp(model, "cheap") == 0 ? 0.000001 : 0.001;
    *out = *in;
    return true;
}

static void lowest_cost(void) {
    fx_reset();
    fx_dep("g");
    fx_dep("g")->model = "cheap";
    F.desc.strategy = LLM_ROUTING_LOWEST_COST;
    F.desc.price = price_fn;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d1 d1 ");
    fx_done();
}

static void latency_based(void) {
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.desc.strategy = LLM_ROUTING_LATENCY;
    F.script[0][0].status = 200; F.script[0][0].delay_ms = 900; F.steps[0] = 1;
    F.script[1][0].status = 200; F.script[1][0].delay_ms = 100; F.steps[1] = 1;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK); /* unmeasured ones first: d0 (tie, rnd 0) */
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK); /* then d1, still unmeasured */
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK); /* then the faster */
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d0 d1 d1 d1 ");
    fx_done();
}

static void usage_based(void) {
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.desc.strategy = LLM_ROUTING_USAGE;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d0 d1 d0 "); /* each answer uses 15 tokens: alternate */
    fx_done();
}

static void budget_blocks_before_sending(void) {
    llm_error err;
    llm_router_stats st;
    fx_reset();
    fx_dep("g");
    F.desc.price = price_fn;
    F.desc.budget_usd = 0.01;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK); /* 15 tokens at $0.001 = $0.015 */
    CHECK_EQ_INT(fx_call("g", &err), LLM_ERR_BUDGET_EXCEEDED);
    seq_is("d0 ");
    llm_router_get_stats(&F.router, &st);
    CHECK(st.cost_usd > 0.0149 && st.cost_usd < 0.0151);
    CHECK_EQ_INT(st.unsent, 1);
    F.now += 24 * 3600 * 1000; /* a new window */
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    fx_done();
}

/* "hi" answered with a claim of 2^52 + 2^52 tokens (tests/data/usage/):
   the usage is refused, so the budget is charged the estimate's few
   tokens, not $5.6e10, and the next request still goes out. */
static void absurd_usage_does_not_drain_a_budget(void) {
    static char body[2048];
    size_t len;
    char *text = TEST_READ_FIXTURE("tests/data/usage/openai_completion_absurd_usage.json", &len);
    llm_router_stats st;
    if (!text || !CHECK(len < sizeof body)) { free(text); return; }
    memcpy(body, text, len + 1);
    free(text);
    fx_reset();
    fx_dep("g");
    F.desc.budget_usd = 1.0;
    fx_script(0, 200, NULL, body);
    fx_script(0, 200, NULL, body);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    seq_is("d0 d0 ");
    llm_router_get_stats(&F.router, &st);
    if (!CHECK(st.cost_usd < 0.01)) fprintf(stderr, "  charged $%g\n", st.cost_usd);
    CHECK(st.prompt_tokens < 100 && st.completion_tokens < 1000);
    fx_done();
}

/* One answer charges a budget at most LLM_ROUTER_MAX_CHARGE_USD ($100):
   1,000,000 prompt tokens (within gpt-4o's bound) at the hook's $0.001. */
static void one_answer_charges_at_most_the_cap(void) {
    static const char *big = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                             "\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":0}}";
    llm_router_stats st;
    fx_reset();
    fx_dep("g");
    F.desc.price = price_fn;
    F.desc.budget_usd = 150;
    fx_script(0, 200, NULL, big);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    llm_router_get_stats(&F.router, &st);
    CHECK(st.cost_usd == 100.0);
    CHECK(llm_limits().router_max_charge_usd == 100.0);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK); /* $100 spent of $150: the next still goes */
    fx_done();
}

/* ---- the streaming driver ---- */

#define SSE_HELLO "data: {\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n" \
                  "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n" \
                  "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n" \
                  "data: [DONE]\n\n"

typedef struct seen_text {
    char text[256];
    int events;
} seen_text;

static int collect_text(void *user, const llm_event *ev) {
    seen_text *s = (seen_text *)user;
    s->events++;
    if (ev->type == LLM_EVENT_TEXT && strlen(s->text) + ev->text_len < sizeof s->text) strncat(s->text, ev->text, ev->text_len);
    return 0;
}

static llm_result fx_stream(const char *model, seen_text *seen, llm_response *resp, llm_error *err) {
    llm_request req;
    memset(&req, 0, sizeof req);
    memset(seen, 0, sizeof *seen);
    req.model = model;
    req.messages = &fx_hello;
    req.message_count = 1;
    return llm_router_stream(&F.router, &req, NULL, collect_text, seen, resp, err);
}

static void stream_retries_before_the_first_token(void) {
    seen_text seen;
    llm_response resp;
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.rnd = 0; /* simple-shuffle draws d0 first */
    fx_script(0, 503, NULL, NULL);
    fx_script(1, 200, "content-type: text/event-stream\n", SSE_HELLO);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_stream("g", &seen, &resp, NULL), LLM_OK);
    seq_is("d0 d1 "); /* the 503 came before any text: re-picked at once, no sleep */
    CHECK_EQ_STR(seen.text, "Hello");
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hello") == 0);
    llm_response_free(&resp);
    fx_done();
}

static void stream_never_retries_after_text(void) {
    /* text reaches the caller, then the stream is cut: no retry (the text
       would be sent twice), the partial answer is kept */
    static const char cut[] = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n";
    seen_text seen;
    llm_response resp;
    llm_error err;
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    F.rnd = 0;
    fx_script(0, 200, "content-type: text/event-stream\n", cut);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_stream("g", &seen, &resp, &err), LLM_ERR_TRUNCATED);
    seq_is("d0 ");
    CHECK_EQ_STR(seen.text, "Hel");
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hel") == 0);
    llm_response_free(&resp);
    fx_done();
}

/* ---- the state machine: streaming rule, traces, no allocation ---- */

static void streaming_no_retry_after_content(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    llm_router_attempt a;
    llm_router_stats st;
    fx_reset();
    F.rnd = K; /* the backoff: K % 501 = 229 ms */
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_OK);
    CHECK_EQ_INT(sm_report(&a, LLM_ERR_SERVER, true), LLM_ERR_SERVER); /* text already out: final */
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_ERR_SERVER);                    /* stays finished */
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_OK);
    CHECK_EQ_INT(sm_report(&a, LLM_ERR_SERVER, false), LLM_AGAIN);     /* before content: retried */
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_AGAIN);                          /* after the backoff */
    F.now += 600;
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_OK);
    CHECK(a.is_retry);
    CHECK_EQ_INT(sm_report(&a, LLM_OK, false), LLM_DONE);
    llm_router_get_stats(&F.router, &st);
    CHECK_EQ_INT(st.calls, 2);
    CHECK_EQ_INT(st.failures, 1);
    CHECK_EQ_INT(st.retries, 1);
    CHECK_EQ_INT(st.fallbacks, 0);
    fx_done();
}

static void streaming_filtered_after_content_is_kept(void) {
    static const char *const pol[] = {"b"};
    llm_router_fallback fb[3];
    llm_router_attempt a;
    llm_router_outcome o;
    llm_choice ch;
    llm_response resp;
    fx_reset();
    setup_abc(NULL, 0, NULL, 0, pol, 1, fb);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a, 0, sizeof a);
    memset(&o, 0, sizeof o);
    memset(&ch, 0, sizeof ch);
    memset(&resp, 0, sizeof resp);
    ch.finish_reason = LLM_FINISH_CONTENT_FILTER;
    resp.choices = &ch;
    resp.choice_count = 1;
    o.response = &resp;
    o.content_delivered = true;
    CHECK_EQ_INT(sm_pick(&a, "a"), LLM_OK);
    CHECK_EQ_INT(llm_router_report(&F.router, &a, &o, NULL), LLM_DONE);
    fx_done();
}

static int trace_kinds[64], trace_n;
static void on_trace(void *user, const llm_router_trace *ev) {
    (void)user;
    if (trace_n < 64) trace_kinds[trace_n++] = (int)ev->kind;
    CHECK(ev->message && ev->message[0]);
}

static void trace_events(void) {
    static const int want[] = {LLM_TRACE_PICK, LLM_TRACE_RETRY, LLM_TRACE_PICK, LLM_TRACE_COOLDOWN, LLM_TRACE_RETRY,
                               LLM_TRACE_HALF_OPEN, LLM_TRACE_PICK, LLM_TRACE_SUCCESS};
    int i;
    fx_reset();
    trace_n = 0;
    fx_dep("g");
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 429, "retry-after: 1\n", NULL);
    F.desc.on_trace = on_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", NULL), LLM_OK);
    CHECK_EQ_INT(trace_n, 8);
    for (i = 0; i < 8 && i < trace_n; i++) CHECK_EQ_INT(trace_kinds[i], want[i]);
    fx_done();
}

static int cb_retry, cb_fallback, cb_success, cb_failure;
static void on_retry(void *u, const llm_router_attempt *a, int64_t d, const llm_error *e) { (void)u; (void)a; (void)d; (void)e; cb_retry++; }
static void on_fallback(void *u, const llm_router_attempt *a, const char *f, const char *t, const llm_error *e) {
    (void)u; (void)a; (void)e;
    CHECK_EQ_STR(f, "a");
    CHECK_EQ_STR(t, "b");
    cb_fallback++;
}
static void on_success(void *u, const llm_router_attempt *a, const llm_response *r, int64_t l, double c) {
    (void)u; (void)l; (void)c;
    CHECK(r != NULL);
    CHECK_EQ_STR(a->deployment_id, "d1");
    cb_success++;
}
static void on_failure(void *u, const llm_router_attempt *a, const llm_error *e) { (void)u; (void)a; CHECK(e->code != LLM_OK); cb_failure++; }
static void on_before(void *u, const llm_router_attempt *a, llm_pair *h, size_t *n, size_t cap) {
    (void)u; (void)a;
    if (*n < cap) { h[*n].name = "X-Tenant"; h[*n].value = "t1"; (*n)++; }
}

static void callbacks(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    fx_reset();
    cb_retry = cb_fallback = cb_success = cb_failure = 0;
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    F.desc.on_retry = on_retry;
    F.desc.on_fallback = on_fallback;
    F.desc.on_success = on_success;
    F.desc.on_failure = on_failure;
    F.desc.on_before_attempt = on_before;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", NULL), LLM_OK);
    CHECK_EQ_INT(cb_retry, 2);
    CHECK_EQ_INT(cb_fallback, 1);
    CHECK_EQ_INT(cb_success, 1);
    CHECK_EQ_INT(cb_failure, 3);
    fx_done();
}

/* ---- what a routed answer says of the whole request ---- */

static void fx_request(llm_request *req, const char *model) {
    memset(req, 0, sizeof *req);
    req->model = model;
    req->messages = &fx_hello;
    req->message_count = 1;
}

/* d0 answers 429 (retry-after-ms: 720) after 30 ms, then 200 after 50 ms:
   800 ms from the first attempt to the answer, 2 attempts (the answer's own
   exchange took 50 ms) */
static void latency_and_attempts_cover_the_whole_request(void) {
    llm_request req;
    llm_response resp;
    fx_reset();
    fx_dep("g");
    fx_script(0, 429, "retry-after-ms: 720\n", NULL);
    F.script[0][0].delay_ms = 30;
    fx_script(0, 200, NULL, NULL);
    F.script[0][1].delay_ms = 50;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    fx_request(&req, "g");
    CHECK_EQ_INT(llm_router_complete(&F.router, &req, NULL, &resp, NULL), LLM_OK);
    seq_is("d0 +720 d0 ");
    CHECK_EQ_INT(resp.latency_ms, 30 + 720 + 50);
    CHECK_EQ_INT(resp.attempts, 2);
    llm_response_free(&resp);
    fx_done();
}

/* The ids are the random source's numbers in hex, each number's lowest
   nibble first: 0x0123456789abcdef gives "fedcba9876543210" (and 0xf0...
   the letters and digits around 9/a). */
static void ids_spell_the_random_numbers_in_hex(void) {
    static const uint64_t numbers[] = {0x0123456789abcdefull, 0xa09b8c7d6e5f4031ull};
    static const char *const spelled[] = {"fedcba9876543210", "1304f5e6d7c8b90a"};
    size_t k;
    for (k = 0; k < 2; k++) {
        llm_router_attempt a;
        llm_router_outcome o;
        llm_request req;
        char want[48];
        fx_reset();
        F.rnd = numbers[k]; /* every draw the same */
        fx_dep("g");
        CHECK_EQ_INT(fx_init(), LLM_OK);
        memset(&req, 0, sizeof req);
        req.model = "g";
        memset(&a, 0, sizeof a);
        memset(&o, 0, sizeof o);
        CHECK_EQ_INT(llm_router_pick(&F.router, &req, &a, NULL), LLM_OK);
        snprintf(want, sizeof want, "idem-%s%s", spelled[k], spelled[k]);
        CHECK_EQ_STR(a.idempotency_key, want);
        snprintf(want, sizeof want, "req_%s%s", spelled[k], spelled[k]);
        CHECK_EQ_STR(a.request_id, want);
        CHECK_EQ_INT(llm_router_report(&F.router, &a, &o, NULL), LLM_DONE);
        fx_done();
    }
}

/* The drivers read the router's clock only where pick and report do, plus
   once at the end (the whole request's latency) and, for a stream, at its
   first content event (the time to first token): the same request driven
   by hand through pick, prepare, the call and report is the reference. */
static long clock_reads;
static int64_t counting_clock(void *user) {
    (void)user;
    clock_reads++;
    return F.now;
}

static long reads_by_hand(bool stream) {
    llm_router_attempt a;
    llm_router_send send;
    llm_router_outcome o;
    llm_request req;
    llm_response resp;
    long before = clock_reads;
    memset(&a, 0, sizeof a);
    memset(&o, 0, sizeof o);
    fx_request(&req, "g");
    CHECK_EQ_INT(llm_router_pick(&F.router, &req, &a, NULL), LLM_OK);
    CHECK_EQ_INT(llm_router_prepare(&F.router, &a, &req, &send, NULL), LLM_OK);
    o.result = stream ? llm_stream(a.client, &send.request, NULL, NULL, &resp, NULL)
                      : llm_complete(a.client, &send.request, &resp, NULL);
    o.response = &resp;
    CHECK_EQ_INT(o.result, LLM_OK);
    CHECK_EQ_INT(llm_router_report(&F.router, &a, &o, NULL), LLM_DONE);
    llm_response_free(&resp);
    return clock_reads - before;
}

static void the_drivers_read_the_clock_once_more_than_pick_and_report(void) {
    int stream;
    for (stream = 0; stream < 2; stream++) {
        llm_request req;
        llm_response resp;
        long by_hand, before;
        fx_reset();
        fx_dep("g");
        fx_script(0, 200, NULL, NULL);
        fx_script(0, 200, NULL, NULL);
        F.desc.clock_ms = counting_clock;
        CHECK_EQ_INT(fx_init(), LLM_OK);
        by_hand = reads_by_hand(stream != 0);
        fx_request(&req, "g");
        before = clock_reads;
        CHECK_EQ_INT(stream ? llm_router_stream(&F.router, &req, NULL, NULL, NULL, &resp, NULL)
                            : llm_router_complete(&F.router, &req, NULL, &resp, NULL),
                     LLM_OK);
        if (clock_reads - before != by_hand + 1 + stream)
            fprintf(stderr, "  %s: %ld reads, by hand %ld\n", stream ? "stream" : "complete", clock_reads - before,
                    by_hand);
        CHECK_EQ_INT(clock_reads - before, by_hand + 1 + stream);
        llm_response_free(&resp);
        fx_done();
    }
}

/* a stream: two 503s on a (10 and 20 ms, the backoff K % 501 = 229 ms
   between them), then the fallback b answers after 40 ms */
static void a_routed_stream_counts_its_fallback(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    llm_request req;
    llm_response resp;
    fx_reset();
    F.rnd = K;
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 1;
    fx_script(0, 503, NULL, NULL);
    F.script[0][0].delay_ms = 10;
    fx_script(0, 503, NULL, NULL);
    F.script[0][1].delay_ms = 20;
    fx_script(1, 200, NULL, NULL);
    F.script[1][0].delay_ms = 40;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    fx_request(&req, "a");
    CHECK_EQ_INT(llm_router_stream(&F.router, &req, NULL, NULL, NULL, &resp, NULL), LLM_OK);
    seq_is("d0 +229 d0 d1 ");
    CHECK_EQ_INT(resp.latency_ms, 10 + 229 + 20 + 40);
    CHECK_EQ_INT(resp.attempts, 3);
    llm_response_free(&resp);
    fx_done();
}

/* a request that fails still says how long it took and how many attempts
   it made: three 503s, backoffs K % 501 = 229 and K % 1001 = 4 ms */
static void a_failed_request_says_how_long_and_how_many(void) {
    llm_request req;
    llm_response resp;
    llm_error err;
    fx_reset();
    F.rnd = K;
    fx_dep("g");
    fx_script(0, 503, NULL, NULL);
    fx_script(0, 503, NULL, NULL);
    fx_script(0, 503, NULL, NULL);
    CHECK_EQ_INT(fx_init(), LLM_OK);
    fx_request(&req, "g");
    CHECK_EQ_INT(llm_router_complete(&F.router, &req, NULL, &resp, &err), LLM_ERR_UNAVAILABLE);
    seq_is("d0 +229 d0 +4 d0 ");
    CHECK_EQ_INT(resp.choice_count, 0);
    CHECK_EQ_INT(resp.latency_ms, 229 + 4);
    CHECK_EQ_INT(resp.attempts, 3);
    llm_response_free(&resp);
    fx_done();
}

/* ---- trace lines: whose, and only what will happen ---- */

static char trace_text[16][256];
static int trace_kind[16], trace_count;
static uint64_t trace_request[16];
static void keep_trace(void *user, const llm_router_trace *ev) {
    (void)user;
    if (trace_count == 16) return;
    snprintf(trace_text[trace_count], sizeof trace_text[0], "%s", ev->message);
    trace_request[trace_count] = ev->request_number;
    trace_kind[trace_count++] = (int)ev->kind;
}

/* Two requests in flight at once: every line names its request. */
static void trace_lines_name_their_request(void) {
    llm_router_attempt a1, a2;
    fx_reset();
    trace_count = 0;
    fx_dep("g");
    F.desc.on_trace = keep_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    memset(&a1, 0, sizeof a1);
    memset(&a2, 0, sizeof a2);
    CHECK_EQ_INT(sm_pick(&a1, "g"), LLM_OK);
    F.now += 5;
    CHECK_EQ_INT(sm_pick(&a2, "g"), LLM_OK);
    F.now += 10;
    CHECK_EQ_INT(sm_report(&a2, LLM_OK, false), LLM_DONE);
    CHECK_EQ_INT(sm_report(&a1, LLM_OK, false), LLM_DONE);
    CHECK_EQ_INT(trace_count, 4);
    CHECK_EQ_STR(trace_text[0], "request 1: picked d0 (simple-shuffle, 1 candidates)");
    CHECK_EQ_STR(trace_text[1], "request 2: picked d0 (simple-shuffle, 1 candidates)");
    CHECK_EQ_STR(trace_text[2], "request 2: d0 answered in 10 ms");
    CHECK_EQ_STR(trace_text[3], "request 1: d0 answered in 15 ms");
    CHECK_EQ_INT(a1.request_number, 1);
    CHECK_EQ_INT(a2.request_number, 2);
    CHECK_EQ_INT(trace_request[0], 1);
    CHECK_EQ_INT(trace_request[1], 2);
    CHECK_EQ_INT(trace_request[2], 2);
    CHECK_EQ_INT(trace_request[3], 1);
    fx_done();
}

static bool trace_has(int kind) {
    int i;
    for (i = 0; i < trace_count; i++)
        if (trace_kind[i] == kind) return true;
    return false;
}

/* A failed attempt that ends at the request's deadline (timeout_ms 1000),
   or spends the attempt budget: no retry or fallback is announced, since
   none can be sent; the give-up line says why. */
static void nothing_announced_that_cannot_happen(void) {
    static const char *const gen[] = {"b"};
    llm_router_fallback fb[3];
    llm_error err;
    /* another deployment of g is healthy, but the attempt took the whole second */
    fx_reset();
    trace_count = 0;
    F.rnd = 0; /* weighted pick: 0 % 2 = the first */
    fx_dep("g");
    fx_dep("g");
    fx_script(0, 500, NULL, NULL);
    F.script[0][0].delay_ms = 1000;
    F.desc.timeout_ms = 1000;
    F.desc.on_trace = keep_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", &err), LLM_ERR_SERVER);
    seq_is("d0 ");
    CHECK(!trace_has(LLM_TRACE_RETRY));
    CHECK_EQ_INT(trace_count, 2);
    CHECK_EQ_STR(trace_text[1], "request 1: gave up after 1 attempt (the deadline passed): boom");
    fx_done();
    /* a 400 falls back at once, but the deadline has passed */
    fx_reset();
    trace_count = 0;
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    fx_script(0, 400, NULL, NULL);
    F.script[0][0].delay_ms = 1000;
    F.desc.timeout_ms = 1000;
    F.desc.on_trace = keep_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_BAD_REQUEST);
    seq_is("d0 ");
    CHECK(!trace_has(LLM_TRACE_FALLBACK));
    CHECK_EQ_INT(trace_count, 2);
    CHECK_EQ_STR(trace_text[1], "request 1: gave up after 1 attempt (the deadline passed): boom");
    fx_done();
    /* a backoff (K % 501 = 229 ms) that would end past the deadline */
    fx_reset();
    trace_count = 0;
    F.rnd = K;
    fx_dep("g");
    fx_script(0, 503, NULL, NULL);
    F.script[0][0].delay_ms = 900;
    F.desc.timeout_ms = 1000;
    F.desc.on_trace = keep_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("g", &err), LLM_ERR_UNAVAILABLE);
    seq_is("d0 ");
    CHECK(!trace_has(LLM_TRACE_RETRY));
    CHECK_EQ_INT(trace_count, 2);
    CHECK_EQ_STR(trace_text[1], "request 1: gave up after 1 attempt (a retry in 229 ms would pass the deadline): boom");
    fx_done();
    /* a's own 5 retries outlast the budget of (0 + 1) x (1 + 1) = 2 attempts:
       the second failure ends the request before b */
    fx_reset();
    trace_count = 0;
    setup_abc(gen, 1, NULL, 0, NULL, 0, fb);
    F.deps[0].has_num_retries = true;
    F.deps[0].num_retries = 5;
    fx_script(0, 500, NULL, NULL);
    fx_script(0, 500, NULL, NULL);
    F.desc.has_num_retries = true;
    F.desc.num_retries = 0;
    F.desc.max_fallbacks = 1;
    F.desc.on_trace = keep_trace;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("a", &err), LLM_ERR_SERVER);
    seq_is("d0 d0 ");
    CHECK(!trace_has(LLM_TRACE_FALLBACK));
    CHECK_EQ_INT(trace_count, 4);
    CHECK_EQ_STR(trace_text[3], "request 1: gave up after 2 attempts (the budget of 2 attempts is spent): boom");
    fx_done();
}

static void pick_and_report_never_allocate(void) {
    llm_router_attempt a;
    long before;
    int i;
    fx_reset();
    for (i = 0; i < 10; i++) fx_dep("g");
    F.desc.strategy = LLM_ROUTING_SIMPLE_SHUFFLE;
    F.desc.disable_cooldowns = true;
    CHECK_EQ_INT(fx_init(), LLM_OK);
    before = F.stats.total;
    for (i = 0; i < 1000; i++) {
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(sm_pick(&a, "g"), LLM_OK);
        CHECK_EQ_INT(sm_report(&a, i % 3 ? LLM_OK : LLM_ERR_SERVER, false), i % 3 ? LLM_DONE : LLM_AGAIN);
        if (i % 3 == 0) llm_router_cancel(&F.router, &a);
    }
    CHECK_EQ_INT(F.stats.total, before);
    fx_done();
}

/* ---- requests, init errors ---- */

static void model_resolution(void) {
    llm_error err;
    fx_reset();
    fx_dep("g");
    fx_dep("g");
    fx_dep("h")->model = "llama";
    CHECK_EQ_INT(fx_init(), LLM_OK);
    CHECK_EQ_INT(fx_call("d1", NULL), LLM_OK);     /* a deployment id */
    CHECK_EQ_INT(fx_call("llama", NULL), LLM_OK);  /* a deployment's model */
    CHECK_EQ_INT(fx_call("nope", &err), LLM_ERR_NO_DEPLOYMENT);
    CHECK(strstr(err.message, "\"nope\"") != NULL);
    seq_is("d1 d2 ");
    CHECK_EQ_STR(llm_router_deployment_id(&F.router, 2), "d2");
    fx_done();
}

static void init_errors_name_the_field(void) {
    static const char *const bad[] = {"zzz"};
    llm_router_fallback fb;
    llm_error err;
    fx_reset();
    fx_dep("a");
    memset(&fb, 0, sizeof fb);
    fb.group = "a";
    fb.to = bad;
    fb.to_count = 1;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    F.desc.deployments = F.deps;
    F.desc.deployment_count = 1;
    CHECK_EQ_INT(llm_router_init(&F.router, &F.desc, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strncmp(err.message, "fallbacks[0].to[0]", 18) == 0);
    CHECK_EQ_INT(F.stats.live, 0);
    fx_reset();
    fx_dep("a")->model = "nosuchprovider/x";
    F.desc.deployments = F.deps;
    F.desc.deployment_count = 1;
    CHECK_EQ_INT(llm_router_init(&F.router, &F.desc, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strncmp(err.message, "deployments[0]", 14) == 0);
    fx_reset();
    fx_dep("a")->model = NULL;
    F.desc.deployments = F.deps;
    F.desc.deployment_count = 1;
    CHECK_EQ_INT(llm_router_init(&F.router, &F.desc, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_STR(err.message, "deployments[0].model: missing");
    CHECK_EQ_INT(F.stats.live, 0);
    fx_reset(); /* "openai/" prefix: the provider; the client strips it when it sends */
    fx_dep("a")->model = "openai/gpt-4o-mini";
    CHECK_EQ_INT(fx_init(), LLM_OK);
    {
        llm_router_attempt a;
        memset(&a, 0, sizeof a);
        CHECK_EQ_INT(sm_pick(&a, "a"), LLM_OK);
        CHECK_EQ_STR(a.model, "openai/gpt-4o-mini");
        CHECK_EQ_STR(a.client->provider->name, "openai");
        llm_router_cancel(&F.router, &a);
    }
    fx_done();
}

/* Router init with MAXD deployments in four groups and a fallback (enough
   for the router's arena to take several blocks) whose allocation number
   `fail_at` fails (0: none); the allocations it made. */
static long init_many(long fail_at, llm_result *r) {
    static const char *const groups[4] = {"a", "b", "c", "d"};
    static const char *const to[2] = {"b", "c"};
    llm_router_fallback fb;
    int i;
    fx_reset();
    for (i = 0; i < MAXD; i++) fx_dep(groups[i % 4]);
    memset(&fb, 0, sizeof fb);
    fb.group = "a";
    fb.to = to;
    fb.to_count = 2;
    F.desc.fallbacks = &fb;
    F.desc.fallback_count = 1;
    F.stats.fail_at = fail_at;
    F.desc.deployments = F.deps;
    F.desc.deployment_count = MAXD;
    *r = llm_router_init(&F.router, &F.desc, NULL);
    if (*r == LLM_OK) llm_router_free(&F.router);
    return F.stats.total;
}

/* Count the allocations of an init, then fail each in turn: every one must
   come back as NO_MEMORY, with nothing leaked. */
static void out_of_memory_in_init(void) {
    llm_result r;
    long n, total = init_many(0, &r);
    CHECK_EQ_INT(r, LLM_OK);
    CHECK(total >= 3);
    for (n = 1; n <= total; n++) {
        init_many(n, &r);
        if (!CHECK_EQ_INT(r, LLM_ERR_NO_MEMORY)) fprintf(stderr, "  allocation %ld of %ld failed\n", n, total);
        CHECK_EQ_INT(F.stats.live, 0);
        CHECK_EQ_INT(F.stats.bad_sizes, 0);
    }
}


/* ---- the LiteLLM config loader ---- */

static const char *fake_env(void *user, const char *name) {
    (void)user;
    return strcmp(name, "OPENAI_API_KEY") == 0 ? "sk-from-env" : NULL;
}

static const char config_ok[] =
    "{\"model_list\": ["
    " {\"model_name\": \"fast\", \"litellm_params\": {\"model\": \"openai/gpt-4o-mini\", \"api_key\": \"os.environ/OPENAI_API_KEY\","
    "   \"api_base\": \"http://d0\", \"rpm\": 600, \"weight\": 2, \"order\": 1, \"timeout\": 2.5, \"cooldown_time\": 30}},"
    " {\"model_name\": \"fast\", \"litellm_params\": {\"model\": \"gpt-4o-mini\", \"api_base\": \"http://d1\", \"num_retries\": 0},"
    "   \"model_info\": {\"id\": \"backup\", \"max_input_tokens\": 128000}},"
    " {\"model_name\": \"big\", \"litellm_params\": {\"model\": \"gpt-4o\", \"api_base\": \"http://d2\"}}],"
    " \"litellm_settings\": {\"num_retries\": 5},"
    " \"router_settings\": {\"routing_strategy\": \"least-busy\", \"num_retries\": 1, \"allowed_fails\": 0, \"cooldown_time\": 7,"
    "   \"timeout\": 60, \"fallbacks\": [{\"fast\": [\"big\"]}], \"context_window_fallbacks\": [{\"fast\": [\"big\"]}],"
    "   \"retry_policy\": {\"RateLimitErrorRetries\": 4}, \"unknown_key\": true}}";

static void config_loader(void) {
    llm_router_desc base;
    llm_error err;
    llm_router_attempt a;
    llm_router r;
    fx_reset();
    base = F.desc;
    base.getenv = fake_env;
    CHECK_EQ_INT(llm_router_init_json(&r, config_ok, sizeof config_ok - 1, &base, &err), LLM_OK);
    CHECK_EQ_INT(llm_router_deployment_count(&r), 3);
    CHECK_EQ_STR(llm_router_deployment_id(&r, 0), "fast#0");
    CHECK_EQ_STR(llm_router_deployment_id(&r, 1), "backup");
    CHECK_EQ_INT(r.desc_.strategy, LLM_ROUTING_LEAST_BUSY);
    CHECK_EQ_INT(r.desc_.num_retries, 1);
    CHECK_EQ_INT(r.desc_.allowed_fails, 0);
    CHECK_EQ_INT(r.desc_.cooldown_ms, 7000);
    CHECK_EQ_INT(r.desc_.timeout_ms, 60000);
    {
        llm__router_state *c = llm__router_core(&r);
        CHECK_EQ_STR(c->deps[0].client.desc.api_key, "sk-from-env");
        CHECK_EQ_STR(c->deps[0].d.model, "openai/gpt-4o-mini"); /* the client strips its prefix */
        CHECK_EQ_STR(c->deps[0].client.provider->name, "openai");
        CHECK_EQ_INT(c->deps[0].d.rpm, 600);
        CHECK_EQ_INT(c->deps[0].d.weight, 2);
        CHECK_EQ_INT(c->deps[0].d.timeout_ms, 2500);
        CHECK_EQ_INT(c->deps[0].d.cooldown_ms, 30000);
        CHECK(c->deps[1].d.has_num_retries && c->deps[1].d.num_retries == 0);
        CHECK_EQ_INT(c->deps[1].d.max_input_tokens, 128000);
        CHECK_EQ_INT(c->groups[0].fb_count[LLM_FALLBACK_GENERIC], 1);
        CHECK_EQ_INT(c->groups[0].fb_count[LLM_FALLBACK_CONTEXT_WINDOW], 1);
        CHECK_EQ_INT(c->policy_count, 1);
        CHECK_EQ_INT(c->policy[0].code, LLM_ERR_RATE_LIMITED);
        CHECK_EQ_INT(c->policy[0].retries, 4);
    }
    memset(&a, 0, sizeof a);
    {
        llm_request req;
        memset(&req, 0, sizeof req);
        req.model = "fast";
        CHECK_EQ_INT(llm_router_pick(&r, &req, &a, NULL), LLM_OK);
        CHECK_EQ_STR(a.deployment_id, "fast#0"); /* order 1 comes before a deployment without an order */
        llm_router_cancel(&r, &a);
    }
    llm_router_free(&r);
    CHECK_EQ_INT(F.stats.live, 0);
}

static void config_errors_name_the_path(void) {
    static const struct { const char *json; const char *prefix; } cases[] = {
        {"[]", "(top level)"},
        {"{\"model_list\": []}", "model_list"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\", \"rpm\": \"ten\"}}]}", "model_list[0].litellm_params.rpm"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}}, {\"model_name\": \"b\"}]}", "model_list[1].litellm_params"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {}}]}", "model_list[0].litellm_params.model"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\", \"api_key\": \"os.environ/NOPE\"}}]}", "model_list[0].litellm_params.api_key"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}}], \"router_settings\": {\"routing_strategy\": \"magic\"}}", "router_settings.routing_strategy"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}}], \"router_settings\": {\"fallbacks\": [{\"a\": [\"b\"], \"c\": []}]}}", "router_settings.fallbacks[0]"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}}], \"router_settings\": {\"num_retries\": -1}}", "router_settings.num_retries"},
        {"{\"model_list\": [{\"model_name\": \"a\", \"litellm_params\": {\"model\": \"m\"}}], \"router_settings\": {\"fallbacks\": [{\"a\": [\"zzz\"]}]}}", "fallbacks[0].to[0]"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_router_desc base;
        llm_error err;
        llm_router r;
        fx_reset();
        base = F.desc;
        base.getenv = fake_env;
        CHECK(llm_router_init_json(&r, cases[i].json, strlen(cases[i].json), &base, &err) != LLM_OK);
        if (!CHECK(strncmp(err.message, cases[i].prefix, strlen(cases[i].prefix)) == 0)) fprintf(stderr, "  case %d: %s\n", (int)i, err.message);
        CHECK_EQ_INT(F.stats.live, 0);
    }
}

/* A LiteLLM config given as YAML (the shape of LiteLLM's proxy docs) is refused as PARSE, and the message says
   the loader reads JSON only and that the text looks like YAML; a text that is broken JSON keeps the JSON
   reader's own words, and so does one that starts like neither. */
static void config_yaml_text_is_named(void) {
    static const char *const yaml[] = {
        "model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n",
        "# LiteLLM proxy config\nmodel_list:\n  - model_name: a\n",
        "---\nmodel_list: []\n",
        "\xEF\xBB\xBF\n  router_settings:\n    num_retries: 2\n",
        "%YAML 1.1\n---\nmodel_list: []\n",
        "- model_name: a\n",
    };
    static const char *const not_yaml[] = {"{\"model_list\": [", "[1, 2", "", "   ", "<config/>", "-x", "true false",
                                             "model_list"};
    size_t i;
    for (i = 0; i < sizeof yaml / sizeof yaml[0]; i++) {
        llm_router_desc base;
        llm_error err;
        llm_router r;
        fx_reset();
        base = F.desc;
        CHECK_EQ_INT(llm_router_init_json(&r, yaml[i], strlen(yaml[i]), &base, &err), LLM_ERR_PARSE);
        CHECK_EQ_INT(err.code, LLM_ERR_PARSE);
        if (!CHECK(strncmp(err.message, "JSON expected; ", 15) == 0 && strstr(err.message, "YAML") &&
                   strstr(err.message, "reads JSON only") && strstr(err.message, "libyaml")))
            fprintf(stderr, "  case %d: %s\n", (int)i, err.message);
        CHECK_EQ_INT(F.stats.live, 0);
    }
    for (i = 0; i < sizeof not_yaml / sizeof not_yaml[0]; i++) {
        llm_router_desc base;
        llm_error err;
        llm_router r;
        fx_reset();
        base = F.desc;
        CHECK_EQ_INT(llm_router_init_json(&r, not_yaml[i], strlen(not_yaml[i]), &base, &err), LLM_ERR_PARSE);
        if (!CHECK(strstr(err.message, "YAML") == NULL)) fprintf(stderr, "  case %d: %s\n", (int)i, err.message);
        CHECK_EQ_INT(F.stats.live, 0);
    }
}

/* ---- the randomized property test ---- */

static void router_property(void) {
    static const char *const groups[] = {"g0", "g1", "g2", "g3"};
    const char *env = getenv("ROUTER_PROPERTY_CALLS");
    long calls = env ? atol(env) : 10000, c;
    int round;
    for (round = 0; round < 4; round++) {
        llm_router_fallback fb[4];
        const char *to[4][3];
        llm_router_stats st, ds;
        int g, i, ng, nfb = 0;
        uint64_t total = 0;
        fx_reset();
        F.rnd_walk = true;
        F.rnd = 12345 + (uint64_t)round;
        F.fault_rng = 999 + (uint64_t)round;
        F.random_faults = true;
        ng = 2 + round % 3;
        for (g = 0; g < ng; g++) {
            int n = 1 + (g + round) % 3;
            for (i = 0; i < n; i++) {
                llm_deployment_desc *d = fx_dep(groups[g]);
                d->order = (i == 2);
                d->rpm = round == 3 && i == 0 ? 600 : 0;
            }
            if (g + 1 < ng) {
                to[g][0] = groups[g + 1];
                to[g][1] = groups[(g + 2) % ng];
                memset(&fb[nfb], 0, sizeof fb[nfb]);
                fb[nfb].kind = (g == 1 && round % 2) ? LLM_FALLBACK_CONTEXT_WINDOW : LLM_FALLBACK_GENERIC;
                fb[nfb].group = groups[g];
                fb[nfb].to = to[g];
                fb[nfb].to_count = 2;
                nfb++;
            }
        }
        F.desc.fallbacks = fb;
        F.desc.fallback_count = (size_t)nfb;
        F.desc.strategy = (llm_routing_strategy)(round % LLM__ROUTER_STRATEGY_COUNT);
        F.desc.timeout_ms = round == 2 ? 20000 : 0;
        CHECK_EQ_INT(fx_init(), LLM_OK);
        for (c = 0; c < calls / 4; c++) {
            llm_error err;
            llm_result r;
            llm_router_options o;
            memset(&o, 0, sizeof o);
            o.has_num_retries = (c % 7) == 0;
            o.num_retries = (int)(c % 3);
            r = fx_call_opts(groups[fx_xorshift(&F.fault_rng) % (uint64_t)ng], &o, &err, NULL);
            if (r != LLM_OK && !CHECK(err.code == r && err.message[0] && r < 0 && strcmp(llm_result_str(r), "LLM_ERR_UNKNOWN") != 0)) break;
            F.now += (int64_t)(fx_xorshift(&F.fault_rng) % 2000);
        }
        llm_router_get_stats(&F.router, &st);
        CHECK_EQ_INT(st.calls, calls / 4);
        CHECK_EQ_INT(st.calls, st.successes + st.failures);
        CHECK_EQ_INT(st.attempts, st.calls - st.unsent + st.retries + st.fallbacks);
        CHECK_EQ_INT(st.attempts, F.total);
        CHECK_EQ_INT(st.in_flight, 0);
        for (i = 0; i < F.ndeps; i++) {
            llm_router_deployment_stats(&F.router, (size_t)i, &ds);
            CHECK_EQ_INT(ds.attempts, F.ledger[i]);
            CHECK_EQ_INT(ds.attempts, ds.successes + ds.failures);
            total += ds.successes;
        }
        CHECK_EQ_INT(total, st.successes); /* a call succeeds on one deployment, once */
        if (getenv("ROUTER_PROPERTY_VERBOSE"))
            printf("round %d: %llu calls, %llu ok, %llu failed (%llu unsent), %llu attempts, %llu retries, %llu fallbacks, %llu cooldowns\n",
                   round, (unsigned long long)st.calls, (unsigned long long)st.successes, (unsigned long long)st.failures,
                   (unsigned long long)st.unsent, (unsigned long long)st.attempts, (unsigned long long)st.retries,
                   (unsigned long long)st.fallbacks, (unsigned long long)st.cooldowns);
        fx_done();
    }
}

static int64_t zero_clock(void *user) { (void)user; return 0; }

/* A zero seed draws on the system: two routers never start the same
   Idempotency-Key sequence (a constant seed made every process send the
   same keys); a given seed stays deterministic. */
static void a_zero_seed_never_repeats_keys(void) {
    static const llm_message hi = {.role = LLM_ROLE_USER, .content = "Hi"};
    llm_deployment_desc dep;
    llm_router_desc d;
    llm_router a, b;
    llm_router_attempt x, y;
    llm_request req;
    uint64_t seed;
    for (seed = 0; seed <= 7; seed += 7) {
        memset(&dep, 0, sizeof dep);
        dep.group = "g";
        dep.model = "gpt-4o";
        dep.api_key = "sk-test";
        memset(&d, 0, sizeof d);
        d.deployments = &dep;
        d.deployment_count = 1;
        d.seed = seed;
        d.clock_ms = zero_clock; /* LLM_NO_STDIO builds have no default clock */
        memset(&req, 0, sizeof req);
        req.model = "g";
        req.messages = &hi;
        req.message_count = 1;
        memset(&x, 0, sizeof x);
        memset(&y, 0, sizeof y);
        if (!CHECK_EQ_INT(llm_router_init(&a, &d, NULL), LLM_OK)) return;
        if (!CHECK_EQ_INT(llm_router_init(&b, &d, NULL), LLM_OK)) return;
        CHECK_EQ_INT(llm_router_pick(&a, &req, &x, NULL), LLM_OK);
        CHECK_EQ_INT(llm_router_pick(&b, &req, &y, NULL), LLM_OK);
        CHECK(strncmp(x.idempotency_key, "idem-", 5) == 0);
        if (seed == 0) CHECK(strcmp(x.idempotency_key, y.idempotency_key) != 0);
        else CHECK_EQ_STR(x.idempotency_key, y.idempotency_key);
        llm_router_cancel(&a, &x);
        llm_router_cancel(&b, &y);
        llm_router_free(&a);
        llm_router_free(&b);
    }
}


/* What a router's mock transport was sent, and its trace. */
typedef struct signature_log {
    char body[4][8192];
    int bodies;
    char trace[16][240];
    int traces;
} signature_log;

static void signature_keep_body(void *user, const llm_http_request *http) {
    signature_log *s = (signature_log *)user;
    if (s->bodies < 4) snprintf(s->body[s->bodies++], sizeof s->body[0], "%.*s", (int)http->body_len, http->body);
}

static void signature_keep_trace(void *user, const llm_router_trace *ev) {
    signature_log *s = (signature_log *)user;
    if (s->traces < 16) snprintf(s->trace[s->traces++], sizeof s->trace[0], "%s", ev->message);
}

/* The router's way with Anthropic's 400 "Invalid `signature` in `thinking`
   block" (the body Anthropic sent, tests/data/anthropic/SOURCES.md): one
   more attempt at once without the thinking blocks, a trace line that says
   so, both attempts counted; refused again, the error and no third
   attempt. The history is the thinking page's exchange
   (tests/data/anthropic/thinking_tool_use_response.json), written out. */
static void a_refused_signature_is_sent_again_without_thinking(void) {
    size_t len, i;
    char *refusal = TEST_READ_FIXTURE("tests/data/anthropic/invalid_signature_error.json", &len);
    char *answer = TEST_READ_FIXTURE("tests/data/anthropic/thinking_tool_use_response.json", &len);
    llm_reasoning_block block;
    llm_tool_call call;
    llm_message m[3];
    llm_tool tool;
    llm_request req;
    llm_mock_exchange x[3];
    llm_mock mock;
    llm_deployment_desc dep;
    llm_router_desc rd;
    llm_router r;
    llm_response resp;
    llm_error err;
    signature_log log;
    const char *line = NULL;
    if (!refusal || !answer) goto done;
    memset(&block, 0, sizeof block);
    block.kind = LLM_REASONING_THINKING;
    block.thinking = "The user wants to know the current weather in Paris. I have access to a function `get_weather`...";
    block.signature = "BDaL4VrbR2Oj0hO4XpJxT28J5T....";
    memset(&call, 0, sizeof call);
    call.id = "toolu_01CswdEQBMshySk6Y9DFKrfq";
    call.name = "get_weather";
    call.arguments = "{\"location\":\"Paris\"}";
    memset(m, 0, sizeof m);
    m[0].role = LLM_ROLE_USER;
    m[0].content = "What's the weather in Paris?";
    m[1].role = LLM_ROLE_ASSISTANT;
    m[1].content = "I can help you get the current weather information for Paris. Let me check that for you";
    m[1].tool_calls = &call;
    m[1].tool_call_count = 1;
    m[1].reasoning = &block;
    m[1].reasoning_count = 1;
    m[1].reasoning_format = "anthropic-messages";
    m[2].role = LLM_ROLE_TOOL;
    m[2].tool_call_id = call.id;
    m[2].content = "Current temperature: 88\xc2\xb0" "F";
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.parameters = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}";
    memset(&req, 0, sizeof req);
    req.model = "claude";
    req.max_tokens = 16000;
    req.messages = m;
    req.message_count = 3;
    req.tools = &tool;
    req.tool_count = 1;
    for (i = 0; i < 2; i++) { /* answered the second time; refused twice */
        memset(x, 0, sizeof x);
        x[0].status = x[2].status = 400;
        x[0].headers = x[2].headers = "content-type: application/json\n";
        x[0].body = x[2].body = refusal;
        x[1] = i ? x[0] : x[1];
        if (!i) {
            x[1].status = 200;
            x[1].headers = "content-type: application/json\n";
            x[1].body = answer;
        }
        memset(&mock, 0, sizeof mock);
        mock.exchanges = x;
        mock.count = 3;
        mock.on_request = signature_keep_body;
        mock.user = &log;
        memset(&log, 0, sizeof log);
        memset(&dep, 0, sizeof dep);
        dep.group = "claude";
        dep.model = "anthropic/claude-opus-4-8";
        dep.api_key = "sk-test";
        memset(&rd, 0, sizeof rd);
        rd.deployments = &dep;
        rd.deployment_count = 1;
        rd.transport = llm_mock_transport(&mock);
        rd.on_trace = signature_keep_trace;
        rd.callback_user = &log;
        rd.seed = 7;
        rd.clock_ms = fx_clock; /* the fixture's (LLM_NO_STDIO has no default clock) */
        rd.sleep_ms = fx_sleep;
        if (!CHECK_EQ_INT(llm_router_init(&r, &rd, &err), LLM_OK)) break;
        CHECK_EQ_INT(llm_router_complete(&r, &req, NULL, &resp, &err), i ? LLM_ERR_BAD_REQUEST : LLM_OK);
        CHECK_EQ_INT(resp.attempts, 2);
        llm_response_free(&resp);
        CHECK_EQ_INT((int)mock.next, 2);
        if (CHECK_EQ_INT(log.bodies, 2)) {
            CHECK(strstr(log.body[0], "\"signature\":\"BDaL4VrbR2Oj0hO4XpJxT28J5T....\"") != NULL);
            if (!CHECK(!strstr(log.body[1], "\"thinking\"") && !strstr(log.body[1], "signature")))
                fprintf(stderr, "  sent again: %s\n", log.body[1]);
        }
        for (line = NULL, len = 0; len < (size_t)log.traces && !line; len++)
            if (strstr(log.trace[len], "thinking blocks dropped after an invalid signature")) line = log.trace[len];
        if (!CHECK(line && strncmp(line, "request 1: ", 11) == 0))
            for (len = 0; len < (size_t)log.traces; len++) fprintf(stderr, "  trace: %s\n", log.trace[len]);
        if (i) CHECK(strstr(err.message, "Invalid `signature` in `thinking` block") != NULL);
        llm_router_free(&r);
    }
done:
    free(refusal);
    free(answer);
}

/* An attempt builds its X-Request-ID only when the request will carry it:
   a request with its own request_id sends that one on every attempt, and
   the attempt's stays empty; without one, each attempt has a "req_" id. */
static void an_own_request_id_is_not_built_again(void) {
    llm_router_attempt a;
    llm_router_outcome o;
    llm_router_send send;
    llm_request req;
    int k;
    fx_reset();
    fx_dep("g");
    CHECK_EQ_INT(fx_init(), LLM_OK);
    for (k = 0; k < 2; k++) {
        memset(&req, 0, sizeof req);
        req.model = "g";
        req.request_id = k ? "mine-1" : NULL;
        memset(&a, 0, sizeof a);
        memset(&o, 0, sizeof o);
        CHECK_EQ_INT(llm_router_pick(&F.router, &req, &a, NULL), LLM_OK);
        CHECK_EQ_INT(llm_router_prepare(&F.router, &a, &req, &send, NULL), LLM_OK);
        if (k) {
            CHECK_EQ_STR(a.request_id, "");
            CHECK_EQ_STR(send.request.request_id, "mine-1");
        } else {
            CHECK(strncmp(a.request_id, "req_", 4) == 0 && strlen(a.request_id) == 36);
            CHECK_EQ_STR(send.request.request_id, a.request_id);
        }
        CHECK_EQ_INT(llm_router_report(&F.router, &a, &o, NULL), LLM_DONE);
    }
    fx_done();
}

/* ---- a big group: a pick does not look at every deployment ---- */

static int price_calls;
static bool counting_price(void *user, const char *model, double *in, double *out) {
    (void)user;
    price_calls++;
    *in = *out = strcmp(model, "cheap") == 0 ? 0.000001 : 0.001;
    return true;
}

static uint64_t fixed_random(void *user) { return *(const uint64_t *)user; }

/* 1,000 deployments in one group. Lowest cost: the cheap one is picked,
   and a pick + report asks the price of a few deployments, not of each
   (a scan of the group asks all 1,000). Simple-shuffle by weight: the
   draw x = random % total falls on the first deployment whose running
   weight exceeds x (weights 1..1000, total 500500; x = 123456: 1+...+497
   = 123753 > x and 1+...+496 = 123256 <= x, so index 496). */
static void a_big_group_is_not_scanned(void) {
    static llm_deployment_desc deps[1000];
    static const llm_routing_strategy strategies[] = {LLM_ROUTING_LOWEST_COST, LLM_ROUTING_SIMPLE_SHUFFLE};
    uint64_t rnd = 123456;
    size_t s;
    int i, k;
    for (s = 0; s < 2; s++) {
        llm_router_desc d;
        llm_router r;
        llm_request req;
        memset(deps, 0, sizeof deps);
        for (i = 0; i < 1000; i++) {
            deps[i].group = "g";
            deps[i].model = i == 700 ? "cheap" : "gpt-4o";
            deps[i].weight = strategies[s] == LLM_ROUTING_SIMPLE_SHUFFLE ? i + 1 : 0;
        }
        memset(&d, 0, sizeof d);
        d.deployments = deps;
        d.deployment_count = 1000;
        d.strategy = strategies[s];
        d.price = counting_price;
        d.random = fixed_random;
        d.random_user = &rnd;
        d.clock_ms = fx_clock;
        if (!CHECK_EQ_INT(llm_router_init(&r, &d, NULL), LLM_OK)) return;
        memset(&req, 0, sizeof req);
        req.model = "g";
        for (k = 0; k < 3; k++) {
            llm_router_attempt a;
            llm_router_outcome o;
            memset(&a, 0, sizeof a);
            memset(&o, 0, sizeof o);
            price_calls = 0;
            CHECK_EQ_INT(llm_router_pick(&r, &req, &a, NULL), LLM_OK);
            CHECK_EQ_INT(a.deployment, strategies[s] == LLM_ROUTING_LOWEST_COST ? 700 : 496);
            CHECK_EQ_INT(llm_router_report(&r, &a, &o, NULL), LLM_DONE);
            if (strategies[s] == LLM_ROUTING_LOWEST_COST && !CHECK(price_calls <= 4))
                fprintf(stderr, "  the price of %d deployments asked in one pick + report\n", price_calls);
        }
        llm_router_free(&r);
    }
}

static const test_case cases[] = {
    TEST(stream_retries_before_the_first_token),
    TEST(stream_never_retries_after_text),
    TEST(retry_backoff_single_deployment),
    TEST(retries_spent_gives_last_error),
    TEST(retry_after_honoured_over_backoff),
    TEST(retry_after_beyond_limit_skips_deployment),
    TEST(retry_on_other_healthy_deployment_without_sleep),
    TEST(transport_errors_and_timeouts_are_retried),
    TEST(not_retried_classes),
    TEST(retried_statuses),
    TEST(x_should_retry_wins),
    TEST(retry_policy_per_class),
    TEST(per_request_overrides),
    TEST(fallback_after_retries),
    TEST(non_retryable_falls_back_at_once),
    TEST(context_window_error_takes_its_list),
    TEST(context_window_precheck),
    TEST(content_filter_finish_falls_back),
    TEST(default_fallbacks_star),
    TEST(one_attempt_budget_for_retries_and_fallbacks),
    TEST(cooldown_after_allowed_fails_then_half_open),
    TEST(fail_window_expires),
    TEST(single_deployment_cools_and_all_cooling_error),
    TEST(other_4xx_never_cool),
    TEST(deployment_cooldown_time_wins),
    TEST(one_deadline_for_all_attempts),
    TEST(order_tiers),
    TEST(weighted_shuffle),
    TEST(least_busy),
    TEST(rpm_token_bucket),
    TEST(tpm_token_bucket),
    TEST(max_parallel),
    TEST(lowest_cost),
    TEST(latency_based),
    TEST(usage_based),
    TEST(budget_blocks_before_sending),
    TEST(absurd_usage_does_not_drain_a_budget),
    TEST(one_answer_charges_at_most_the_cap),
    TEST(streaming_no_retry_after_content),
    TEST(streaming_filtered_after_content_is_kept),
    TEST(trace_events),
    TEST(callbacks),
    TEST(latency_and_attempts_cover_the_whole_request),
    TEST(a_routed_stream_counts_its_fallback),
    TEST(a_failed_request_says_how_long_and_how_many),
    TEST(trace_lines_name_their_request),
    TEST(nothing_announced_that_cannot_happen),
    TEST(pick_and_report_never_allocate),
    TEST(model_resolution),
    TEST(init_errors_name_the_field),
    TEST(out_of_memory_in_init),
    TEST(config_loader),
    TEST(config_errors_name_the_path),
    TEST(config_yaml_text_is_named),
    TEST(a_big_group_is_not_scanned),
    TEST(an_own_request_id_is_not_built_again),
    TEST(ids_spell_the_random_numbers_in_hex),
    TEST(the_drivers_read_the_clock_once_more_than_pick_and_report),
    TEST(router_property),
    TEST(a_zero_seed_never_repeats_keys),
    TEST(a_refused_signature_is_sent_again_without_thinking),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
