/* llm_redis_store.h against a real redis-server this test starts itself
   (127.0.0.1, a free port, no persistence: --save '' --appendonly no,
   stopped by its PID), with routers in forked processes calling
   build/mock_server through the curl adapter. Expected numbers come from
   the limits configured here and from the mock server's request log:
   - several processes with one shared rpm limit send, all together, no
     more requests in a minute of Redis's clock than the limit, while the
     same processes without the store send the limit each (the positive
     control); their clocks are skewed by minutes, which changes nothing;
   - the key schema the README publishes is what Redis holds;
   - a script flushed from Redis is loaded again (NOSCRIPT);
   - Redis stopped: calls go on (fail-open) and the trace says so, or fail
     LLM_ERR_UNAVAILABLE (fail-closed); Redis restarted: used again;
   - Redis stalled by DEBUG SLEEP: no call slowed beyond the command
     timeout (and a little), the breaker stops asking after 5 failures;
   - URLs: rediss:// refused, bad ones named, the password never in the
     store's name; every allocation of init failed in turn: NO_MEMORY,
     nothing leaked;
   - a fake server's hostile replies (not RESP, no SHA1, shapes and values
     no script returns, an error, a nil, a reply cut short then silence or
     a close): each the error of its kind, within the command timeout.
   Every wait is bounded; a 120 s alarm ends a hang. */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../../llm_redis_store.h"
#include "../test.h"
#include "mock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static mock_server M;
static pid_t redis_pid;
static int redis_port;
static char redis_url[64];

static int free_port(void) {
    struct sockaddr_in a;
    socklen_t n = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &n) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0) close(fd);
    return port;
}

/* A connection of the test's own (not the adapter's), for checks. */
static redisContext *redis_cli(void) {
    struct timeval tv = {2, 0};
    redisContext *c = redisConnectWithTimeout("127.0.0.1", redis_port, tv);
    if (c && c->err) {
        redisFree(c);
        return NULL;
    }
    return c;
}

static bool redis_up(void) {
    redisContext *c = redis_cli();
    redisReply *r = c ? (redisReply *)redisCommand(c, "PING") : NULL;
    bool ok = r && r->type == REDIS_REPLY_STATUS;
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
    return ok;
}

/* Starts redis-server on redis_port (a new free one when 0). */
static bool redis_start(void) {
    char port[16];
    int i;
    if (!redis_port) redis_port = free_port();
    snprintf(port, sizeof port, "%d", redis_port);
    snprintf(redis_url, sizeof redis_url, "redis://127.0.0.1:%d", redis_port);
    if ((redis_pid = fork()) == 0) {
        execlp("redis-server", "redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--daemonize", "no", "--loglevel", "warning", "--logfile", "/dev/null", "--enable-debug-command", "local",
               (char *)NULL);
        _exit(127);
    }
    for (i = 0; i < 500; i++) { /* 5 s */
        if (redis_up()) return true;
        mock_sleep_ms(10);
    }
    return false;
}

static void redis_stop(void) {
    int status, i;
    if (redis_pid <= 0) return;
    kill(redis_pid, SIGTERM);
    for (i = 0; i < 300 && waitpid(redis_pid, &status, WNOHANG) == 0; i++) mock_sleep_ms(10);
    if (i == 300) {
        kill(redis_pid, SIGKILL);
        waitpid(redis_pid, &status, 0);
    }
    redis_pid = 0;
}

/* Redis's clock (TIME), in ms. */
static long long redis_time_ms(void) {
    redisContext *c = redis_cli();
    redisReply *r = c ? (redisReply *)redisCommand(c, "TIME") : NULL;
    long long t = -1;
    if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2)
        t = atoll(r->element[0]->str) * 1000 + atoll(r->element[1]->str) / 1000;
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
    return t;
}

/* Waits (at most 60 s) until at least `need` ms are left in Redis's minute. */
static void redis_room_in_minute(long long need) {
    int i;
    for (i = 0; i < 700 && 60000 - redis_time_ms() % 60000 < need; i++) mock_sleep_ms(100);
}

static void redis_command(const char *cmd) {
    redisContext *c = redis_cli();
    redisReply *r = c ? (redisReply *)redisCommand(c, cmd) : NULL;
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
}

/* ---- a router in this process or a child ---- */

typedef struct fleet_router {
    llm_curl curl;
    llm_redis_store rs;
    llm_router router;
    llm_deployment_desc dep;
    int64_t skew_ms;
    int store_traces;
    char trace[256];
} fleet_router;

static int64_t skewed_clock(void *user) { return (int64_t)mock_now_ms() + ((fleet_router *)user)->skew_ms; }
static void real_sleep(void *user, int64_t ms) { (void)user; mock_sleep_ms((int)ms); }

static void on_trace(void *user, const llm_router_trace *ev) {
    fleet_router *f = (fleet_router *)user;
    if (ev->kind != LLM_TRACE_STORE) return;
    f->store_traces++;
    snprintf(f->trace, sizeof f->trace, "%s", ev->message);
}

typedef struct fleet_opts {
    bool store, fail_closed;
    int rpm, max_parallel;
    int64_t skew_ms;
    int command_timeout_ms;
    int breaker_open_ms;
} fleet_opts;

static bool fleet_init(fleet_router *f, const fleet_opts *o) {
    llm_router_desc d;
    llm_error err;
    memset(f, 0, sizeof *f);
    memset(&d, 0, sizeof d);
    f->skew_ms = o->skew_ms;
    if (llm_curl_init(&f->curl, NULL, &err) != LLM_OK) return false;
    f->dep.group = "g";
    f->dep.id = "fleet-dep";
    f->dep.provider = "openai";
    f->dep.model = "gpt-4o";
    f->dep.api_key = "sk-test";
    f->dep.base_url = M.base;
    f->dep.rpm = o->rpm;
    f->dep.max_parallel = o->max_parallel;
    d.deployments = &f->dep;
    d.deployment_count = 1;
    d.transport = llm_curl_transport(&f->curl);
    d.clock_ms = skewed_clock;
    d.sleep_ms = real_sleep;
    d.clock_user = f;
    d.on_trace = on_trace;
    d.callback_user = f;
    d.has_num_retries = true; /* 0: a refused call ends at once */
    d.has_max_wait_ms = true; /* 0: a full window fails at once, as the CLI does */
    if (o->store) {
        llm_redis_options ro;
        memset(&ro, 0, sizeof ro);
        ro.url = redis_url;
        ro.command_timeout_ms = o->command_timeout_ms;
        ro.connect_timeout_ms = o->command_timeout_ms;
        if (llm_redis_store_init(&f->rs, &ro, &err) != LLM_OK) return false;
        d.store = llm_redis_router_store(&f->rs);
        d.store.fail_closed = o->fail_closed;
        d.store.breaker_open_ms = o->breaker_open_ms;
    }
    return llm_router_init(&f->router, &d, &err) == LLM_OK;
}

static void fleet_free(fleet_router *f) {
    llm_router_free(&f->router);
    llm_redis_store_free(&f->rs);
    llm_curl_free(&f->curl);
}

static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};

static llm_result fleet_call(fleet_router *f, llm_error *err) {
    llm_request req;
    llm_response resp;
    llm_result r;
    memset(&req, 0, sizeof req);
    req.model = "g";
    req.messages = &hello;
    req.message_count = 1;
    req.timeout_ms = 5000;
    r = llm_router_complete(&f->router, &req, NULL, &resp, err);
    llm_response_free(&resp);
    return r;
}

/* The same calls through the curl runner (its own store-driving path). */
static int fleet_run_jobs(fleet_router *f, int n) {
    llm_curl_runner run;
    llm_curl_job jobs[16];
    llm_request req;
    int i, ok = 0;
    memset(&req, 0, sizeof req);
    req.model = "g";
    req.messages = &hello;
    req.message_count = 1;
    req.timeout_ms = 5000;
    if (llm_curl_runner_init(&run, NULL, 4, NULL) != LLM_OK) return -1;
    for (i = 0; i < n && i < 16; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].router = &f->router;
        jobs[i].request = &req;
        llm_curl_runner_add(&run, &jobs[i]);
    }
    llm_curl_runner_run_all(&run);
    for (i = 0; i < n && i < 16; i++) {
        ok += jobs[i].result == LLM_OK;
        llm_response_free(&jobs[i].response);
    }
    llm_curl_runner_free(&run);
    return ok;
}

/* N processes, each making `calls` calls (odd ones through the runner);
   returns the calls that succeeded, all processes together. */
static int fleet_processes(int n, int calls, const fleet_opts *base) {
    pid_t pids[8];
    int k, total = 0, status;
    for (k = 0; k < n; k++) {
        if ((pids[k] = fork()) == 0) {
            fleet_router f;
            fleet_opts o = *base;
            int ok = 0, i;
            o.skew_ms = base->skew_ms * (k - n / 2); /* minutes apart */
            if (!fleet_init(&f, &o)) _exit(255);
            if (k % 2) ok = fleet_run_jobs(&f, calls);
            else
                for (i = 0; i < calls; i++) ok += fleet_call(&f, NULL) == LLM_OK;
            fleet_free(&f);
            _exit(ok);
        }
    }
    for (k = 0; k < n; k++) {
        if (waitpid(pids[k], &status, 0) == pids[k] && WIFEXITED(status) && WEXITSTATUS(status) != 255)
            total += WEXITSTATUS(status);
        else total = -1000;
    }
    return total;
}

/* ---- the shared limit ---- */

static void fleet_shares_rpm_limit(void) {
    enum { N = 4, RPM = 6, CALLS = 10 };
    fleet_opts o;
    int before, sent, ok, tries;
    long long t0 = 0, t1 = 0;
    memset(&o, 0, sizeof o);
    o.rpm = RPM;
    o.skew_ms = 7 * 60000 + 1234; /* process clocks minutes apart */
    /* the positive control: without the store each process sends its own RPM */
    before = mock_logged_settled(&M);
    ok = fleet_processes(N, CALLS, &o);
    CHECK_EQ_INT(ok, N * RPM);
    CHECK_EQ_INT(mock_logged_settled(&M) - before, N * RPM);
    /* with the store: RPM in all, within one minute of Redis's clock */
    o.store = true;
    for (tries = 0; tries < 3; tries++) {
        redis_command("FLUSHALL");
        redis_room_in_minute(20000);
        before = mock_logged_settled(&M);
        t0 = redis_time_ms();
        ok = fleet_processes(N, CALLS, &o);
        sent = mock_logged_settled(&M) - before;
        t1 = redis_time_ms();
        if (t0 / 60000 == t1 / 60000) break; /* else the run crossed a minute: again */
    }
    CHECK_EQ_INT(t0 / 60000, t1 / 60000);
    CHECK_EQ_INT(ok, RPM);
    CHECK_EQ_INT(sent, RPM);
}

/* The keys of README's "Router store keys" are what Redis holds. */
static void key_schema_is_published_one(void) {
    fleet_router f;
    fleet_opts o;
    redisContext *c;
    redisReply *r;
    size_t i;
    int rpm_keys = 0, inflight = 0, other = 0;
    memset(&o, 0, sizeof o);
    o.store = true;
    o.rpm = 100;
    o.max_parallel = 4;
    redis_command("FLUSHALL");
    CHECK(fleet_init(&f, &o));
    CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK); /* its slot taken and released: Redis drops the empty set */
    {
        llm_store_op op; /* a slot held, as during a call */
        memset(&op, 0, sizeof op);
        op.kind = LLM_STORE_ADMIT;
        op.prefix = "llm1:{dep:fleet-dep}";
        op.slot_id = "held";
        op.slot_limit = 4;
        op.slot_ttl_ms = 30000;
        CHECK_EQ_INT(llm_redis_store_run(&f.rs, &op, NULL), LLM_OK);
        CHECK_EQ_INT(op.refusal, LLM_STORE_ADMITTED);
    }
    c = redis_cli();
    r = c ? (redisReply *)redisCommand(c, "KEYS *") : NULL;
    CHECK(r && r->type == REDIS_REPLY_ARRAY);
    for (i = 0; r && i < r->elements; i++) {
        const char *k = r->element[i]->str;
        long long start;
        if (sscanf(k, "llm1:{dep:fleet-dep}:rpm:%lld", &start) == 1 && start % 60000 == 0) rpm_keys++;
        else if (strcmp(k, "llm1:{dep:fleet-dep}:inflight") == 0) inflight++;
        else other++;
    }
    CHECK_EQ_INT(rpm_keys, 1);
    CHECK_EQ_INT(inflight, 1);
    CHECK_EQ_INT(other, 0);
    if (r) freeReplyObject(r);
    r = c ? (redisReply *)redisCommand(c, "ZCARD llm1:{dep:fleet-dep}:inflight") : NULL;
    CHECK(r && r->type == REDIS_REPLY_INTEGER && r->integer == 1); /* "held" only: the call's slot was released */
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
    /* READ: the cooldowns of several deployments in one round trip */
    {
        llm_store_op op;
        uint64_t trips;
        memset(&op, 0, sizeof op);
        op.kind = LLM_STORE_SETTLE;
        op.prefix = "llm1:{dep:cooled}";
        op.cool_ms = 20000;
        CHECK_EQ_INT(llm_redis_store_run(&f.rs, &op, NULL), LLM_OK);
        memset(&op, 0, sizeof op);
        op.kind = LLM_STORE_READ;
        op.read_prefixes[0] = "llm1:{dep:fleet-dep}";
        op.read_prefixes[1] = "llm1:{dep:cooled}";
        op.read_count = 2;
        trips = llm_redis_store_round_trips(&f.rs);
        CHECK_EQ_INT(llm_redis_store_run(&f.rs, &op, NULL), LLM_OK);
        CHECK_EQ_INT(llm_redis_store_round_trips(&f.rs) - trips, 1);
        CHECK_EQ_INT(op.read_cooldown_ms[0], 0);
        CHECK(op.read_cooldown_ms[1] > 19000 && op.read_cooldown_ms[1] <= 20000);
    }
    /* a script flushed away is loaded again */
    redis_command("SCRIPT FLUSH");
    CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK);
    CHECK_EQ_INT(f.store_traces, 0);
    fleet_free(&f);
}

/* ---- Redis down, back, stalled ---- */

static void redis_down_fail_open_then_back(void) {
    fleet_router f, closed;
    fleet_opts o;
    llm_error err;
    int i;
    memset(&o, 0, sizeof o);
    o.store = true;
    o.rpm = 100;
    o.breaker_open_ms = 300;
    CHECK(fleet_init(&f, &o));
    o.fail_closed = true;
    CHECK(fleet_init(&closed, &o));
    CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK);
    redis_stop();
    CHECK_EQ_INT(fleet_call(&f, &err), LLM_OK); /* fail-open */
    CHECK_EQ_INT(f.store_traces, 1);
    CHECK(strstr(f.trace, "router store redis://127.0.0.1:") && strstr(f.trace, "unavailable (") &&
          strstr(f.trace, "using local limits"));
    CHECK_EQ_INT(fleet_call(&closed, &err), LLM_ERR_UNAVAILABLE); /* fail-closed: typed */
    CHECK(strstr(err.message, "router store redis://127.0.0.1:") != NULL);
    CHECK(redis_start());                                        /* the same port */
    mock_sleep_ms(350);                                          /* the breaker's open time, if it opened */
    for (i = 0; i < 3; i++) CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK);
    {
        redisContext *c = redis_cli();
        redisReply *r = c ? (redisReply *)redisCommand(c, "KEYS llm1:*") : NULL;
        CHECK(r && r->type == REDIS_REPLY_ARRAY && r->elements >= 1); /* used again */
        if (r) freeReplyObject(r);
        if (c) redisFree(c);
    }
    CHECK_EQ_INT(fleet_call(&closed, &err), LLM_OK);
    fleet_free(&f);
    fleet_free(&closed);
}

static void redis_stalled_breaker_opens(void) {
    enum { TIMEOUT_MS = 150 };
    fleet_router f;
    fleet_opts o;
    pid_t sleeper;
    int i;
    long long worst = 0;
    uint64_t trips;
    memset(&o, 0, sizeof o);
    o.store = true;
    o.rpm = 1000;
    o.command_timeout_ms = TIMEOUT_MS;
    CHECK(fleet_init(&f, &o));
    CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK);
    if ((sleeper = fork()) == 0) {
        redis_command("DEBUG SLEEP 3");
        _exit(0);
    }
    mock_sleep_ms(100);
    for (i = 0; i < 10; i++) {
        long long t = mock_now_ms();
        CHECK_EQ_INT(fleet_call(&f, NULL), LLM_OK);
        t = mock_now_ms() - t;
        if (t > worst) worst = t;
        if (i == 6) trips = llm_redis_store_round_trips(&f.rs);
    }
    CHECK(worst < 2 * TIMEOUT_MS + 300); /* a connect and a command at most, and the call itself */
    CHECK_EQ_INT(llm_redis_store_round_trips(&f.rs), trips); /* open: not asked any more */
    CHECK_EQ_INT(f.store_traces, 5);
    waitpid(sleeper, NULL, 0);
    fleet_free(&f);
}

/* ---- a hostile server ---- */

/* A server on a free port that answers each connection's first bytes with
   `reply` (the answers to SCRIPT LOAD and EVALSHA at once), then closes
   after hold_ms. */
static pid_t hostile_server(const char *reply, int hold_ms, int *port) {
    struct sockaddr_in a;
    socklen_t n = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    pid_t pid;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &n) != 0)
        return -1;
    *port = ntohs(a.sin_port);
    if ((pid = fork()) == 0) {
        int c, k;
        for (k = 0; k < 4 && (c = accept(fd, NULL, NULL)) >= 0; k++) {
            char buf[4096];
            if (read(c, buf, sizeof buf) > 0 && write(c, reply, strlen(reply)) < 0) _exit(1);
            mock_sleep_ms(hold_ms);
            close(c);
        }
        _exit(0);
    }
    close(fd);
    return pid;
}

#define SHA "$40\r\n0123456789abcdef0123456789abcdef01234567\r\n"

/* Replies no Redis sends: each an error of the right kind, never a crash,
   a hang (the command timeout bounds it) or an answer the router takes. */
static void hostile_replies_are_errors(void) {
    static const struct { const char *reply; llm_result want; int hold_ms; } cases[] = {
        {"hello world\r\n", LLM_ERR_TRANSPORT, 50},                                       /* not RESP */
        {"$5\r\nshort\r\n", LLM_ERR_UNAVAILABLE, 50},                                    /* SCRIPT LOAD: no SHA1 */
        {SHA "*6\r\n:9\r\n:0\r\n:0\r\n:0\r\n:0\r\n:0\r\n", LLM_ERR_PARSE, 50},         /* an unknown refusal */
        {SHA "*2\r\n:0\r\n:0\r\n", LLM_ERR_PARSE, 50},                                   /* too few values */
        {SHA "*6\r\n$1\r\n0\r\n:0\r\n:0\r\n:0\r\n:0\r\n:0\r\n", LLM_ERR_PARSE, 50},   /* a string */
        {SHA "*6\r\n:1\r\n:99\r\n:0\r\n:5\r\n:0\r\n:1\r\n", LLM_ERR_PARSE, 50},        /* window 99 */
        {SHA "*6\r\n:3\r\n:0\r\n:0\r\n:-5\r\n:0\r\n:1\r\n", LLM_ERR_PARSE, 50},        /* a negative wait */
        {SHA "-ERR boom\r\n", LLM_ERR_UNAVAILABLE, 50},                                    /* an error reply */
        {SHA "*-1\r\n", LLM_ERR_PARSE, 50},                                               /* a nil array */
        {SHA "*999\r\n:0\r\n", LLM_ERR_TIMEOUT, 1500},                                /* cut short, then silence */
        {SHA "*999\r\n:0\r\n", LLM_ERR_TRANSPORT, 0},                                 /* cut short, then closed */
        {SHA, LLM_ERR_TRANSPORT, 50},                                                     /* closed after SCRIPT LOAD */
        {SHA "*661796695\r\n:0\r\n", LLM_ERR_TRANSPORT, 1500},  /* an array of 661 million: refused, not allocated */
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_redis_store rs;
        llm_redis_options ro;
        llm_store_op op;
        llm_error err;
        char url[64];
        int port = 0;
        long long t;
        llm_result r;
        pid_t srv = hostile_server(cases[i].reply, cases[i].hold_ms, &port);
        CHECK(srv > 0);
        snprintf(url, sizeof url, "redis://127.0.0.1:%d", port);
        memset(&ro, 0, sizeof ro);
        ro.url = url;
        ro.command_timeout_ms = 300;
        CHECK_EQ_INT(llm_redis_store_init(&rs, &ro, &err), LLM_OK);
        memset(&op, 0, sizeof op);
        op.kind = LLM_STORE_ADMIT;
        op.prefix = "llm1:{dep:x}";
        t = mock_now_ms();
        r = llm_redis_store_run(&rs, &op, &err);
        t = mock_now_ms() - t;
        if (r != cases[i].want) fprintf(stderr, "  case %d: %s\n", (int)i, err.message);
        CHECK_EQ_INT(r, cases[i].want);
        CHECK_EQ_INT(err.code, r);
        CHECK(t < 1000);
        llm_redis_store_free(&rs);
        kill(srv, SIGTERM);
        waitpid(srv, NULL, 0);
    }
}

/* ---- the URL, and memory ---- */

static void urls(void) {
    llm_redis_store s;
    llm_redis_options o;
    llm_error err;
    memset(&o, 0, sizeof o);
    o.url = "rediss://example.com:6380";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "rediss://") && strstr(err.message, "TLS"));
    o.url = "redis://:p%40ss@127.0.0.1:7000/3";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_OK);
    CHECK_EQ_STR(llm_redis_router_store(&s).name, "redis://127.0.0.1:7000/3");
    CHECK_EQ_STR(s.password_, "p@ss");
    llm_redis_store_free(&s);
    o.url = "redis://[::1]:7001";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_OK);
    CHECK_EQ_STR(llm_redis_router_store(&s).name, "redis://[::1]:7001/0");
    llm_redis_store_free(&s);
    o.url = "redis://host:99999";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "port") != NULL);
    o.url = "http://host:6379";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_INVALID_ARGUMENT);
    o.url = "redis://host/x";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_INVALID_ARGUMENT);
}

/* The URL's password and db reach Redis: AUTH (the password alone, or an
   ACL user and its password, Redis 6+), then SELECT. Redis answers a wrong
   password "-WRONGPASS invalid username-password pair or user is disabled."
   (the AUTH command's documentation): an authentication error. Bad URLs
   are refused before anything connects: junk after "[host]" and a "%"
   escape that is not two hex digits (RFC 3986, 2.1: "%" HEXDIG HEXDIG, of
   either case). */
static redisContext *redis_cli_auth(const char *password) {
    redisContext *c = redis_cli();
    redisReply *r = c ? (redisReply *)redisCommand(c, "AUTH %s", password) : NULL;
    if (r) freeReplyObject(r);
    return c;
}

static llm_result admit_once(const char *url, llm_error *err) {
    llm_redis_store s;
    llm_redis_options o;
    llm_store_op op;
    llm_result r;
    memset(&o, 0, sizeof o);
    o.url = url;
    if ((r = llm_redis_store_init(&s, &o, err)) != LLM_OK) return r;
    memset(&op, 0, sizeof op);
    op.kind = LLM_STORE_ADMIT;
    op.prefix = "llm1:{dep:auth-dep}";
    op.slot_id = "held";
    op.slot_limit = 4;
    op.slot_ttl_ms = 30000;
    r = llm_redis_store_run(&s, &op, err);
    llm_redis_store_free(&s);
    return r;
}

static void password_and_db_reach_redis(void) {
    char url[128];
    llm_error err;
    redisContext *c;
    redisReply *r;
    llm_redis_store s;
    llm_redis_options o;
    redis_command("FLUSHALL");
    c = redis_cli();
    r = c ? (redisReply *)redisCommand(c, "CONFIG SET requirepass %s", "s3cret%") : NULL;
    CHECK(r && r->type == REDIS_REPLY_STATUS);
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
    snprintf(url, sizeof url, "redis://:wrong@127.0.0.1:%d", redis_port);
    CHECK_EQ_INT(admit_once(url, &err), LLM_ERR_AUTHENTICATION);
    CHECK(strstr(err.message, "WRONGPASS") != NULL && strstr(err.message, "wrong") == NULL);
    snprintf(url, sizeof url, "redis://:s3cret%%25@127.0.0.1:%d/3", redis_port); /* %25 is '%' */
    CHECK_EQ_INT(admit_once(url, &err), LLM_OK);
    snprintf(url, sizeof url, "redis://default:s3cret%%25@127.0.0.1:%d/3", redis_port);
    CHECK_EQ_INT(admit_once(url, &err), LLM_OK);
    c = redis_cli_auth("s3cret%");
    r = c ? (redisReply *)redisCommand(c, "DBSIZE") : NULL; /* db 0: nothing */
    CHECK(r && r->type == REDIS_REPLY_INTEGER && r->integer == 0);
    if (r) freeReplyObject(r);
    r = c ? (redisReply *)redisCommand(c, "SELECT 3") : NULL;
    if (r) freeReplyObject(r);
    r = c ? (redisReply *)redisCommand(c, "EXISTS llm1:{dep:auth-dep}:inflight") : NULL;
    CHECK(r && r->type == REDIS_REPLY_INTEGER && r->integer == 1);
    if (r) freeReplyObject(r);
    r = c ? (redisReply *)redisCommand(c, "FLUSHALL") : NULL;
    if (r) freeReplyObject(r);
    r = c ? (redisReply *)redisCommand(c, "CONFIG SET requirepass %s", "") : NULL;
    CHECK(r && r->type == REDIS_REPLY_STATUS);
    if (r) freeReplyObject(r);
    if (c) redisFree(c);
    memset(&o, 0, sizeof o);
    o.url = "redis://[::1]x:7000";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_INVALID_ARGUMENT);
    o.url = "redis://:p%zz@127.0.0.1:7000";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "escape") != NULL);
    o.url = "redis://:%4a%4B@127.0.0.1:7000";
    CHECK_EQ_INT(llm_redis_store_init(&s, &o, &err), LLM_OK);
    CHECK_EQ_STR(s.password_, "JK");
    llm_redis_store_free(&s);
}

typedef struct fail_alloc {
    test_alloc_stats stats;
    int fail_at, count;
} fail_alloc;

static void *fail_alloc_fn(void *user, size_t n) {
    fail_alloc *f = (fail_alloc *)user;
    if (f->count++ == f->fail_at) return NULL;
    return test_alloc_fn(&f->stats, n);
}
static void fail_free_fn(void *user, void *p, size_t n) { test_free_fn(&((fail_alloc *)user)->stats, p, n); }
static void *fail_realloc_fn(void *user, void *p, size_t o, size_t n) {
    return test_realloc_fn(&((fail_alloc *)user)->stats, p, o, n);
}

/* Every allocation of the adapter failed in turn: NO_MEMORY, nothing left. */
static void allocation_failures(void) {
    llm_redis_store s;
    llm_redis_options o;
    llm_error err;
    fail_alloc fa;
    int i, failures = 0;
    for (i = 0; i < 10; i++) {
        llm_result r;
        memset(&fa, 0, sizeof fa);
        fa.fail_at = i;
        memset(&o, 0, sizeof o);
        o.url = "redis://user:secret@127.0.0.1:6379/1";
        o.alloc.alloc = fail_alloc_fn;
        o.alloc.realloc = fail_realloc_fn;
        o.alloc.free = fail_free_fn;
        o.alloc.user = &fa;
        r = llm_redis_store_init(&s, &o, &err);
        if (r == LLM_OK) {
            llm_redis_store_free(&s);
            CHECK_EQ_INT(fa.stats.live, 0);
            break;
        }
        CHECK_EQ_INT(r, LLM_ERR_NO_MEMORY);
        CHECK_EQ_INT(fa.stats.live, 0);
        failures++;
    }
    CHECK_EQ_INT(failures, 3); /* user, password, host */
}

int main(int argc, char **argv) {
    static const test_case cases[] = {
        TEST(urls),
        TEST(allocation_failures),
        TEST(hostile_replies_are_errors),
        TEST(key_schema_is_published_one),
        TEST(fleet_shares_rpm_limit),
        TEST(redis_down_fail_open_then_back),
        TEST(redis_stalled_breaker_opens),
        TEST(password_and_db_reach_redis),
    };
    int rc;
    alarm(120);
    if (!mock_start(&M, "build/mock_server")) {
        fprintf(stderr, "test_redis: build/mock_server did not start\n");
        return 1;
    }
    if (!redis_start()) {
        fprintf(stderr, "test_redis: redis-server did not start (apt-get install redis-server)\n");
        mock_stop(&M);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    rc = test_main(cases, TEST_COUNT(cases), argc, argv);
    redis_stop();
    mock_stop(&M);
    curl_global_cleanup();
    return rc;
}
