/* bench_store - routed calls per second through the curl runner on
   loopback (build/mock_server, no request log), with the router's limits
   kept in the process and with them shared through Redis
   (llm_redis_store.h, a redis-server started here on a free port, no
   persistence, stopped by its PID), and the Redis round trips per call:

     local          a deployment with an rpm limit, no store
     redis rpm      the same limit shared through Redis: one ADMIT per call
     redis rpm+par  rpm and max_parallel: ADMIT, then a SETTLE to release
                    the in-flight slot

   Exits 1 when a call fails. BENCH_STORE_N calls (default 5000) with 16 in flight, after 200 not
   counted; the median of three rounds (and their range). Prints a line per
   case and "RESULT\tbench_store\tCASE\tllm.h\tMETRIC\tVALUE" lines
   (calls_per_s_median, _min, _max; round_trips_per_call).

     make build/bench_store && build/bench_store     (from the repository root) */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../llm_redis_store.h"
#include "../tests/integration/mock.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static mock_server M;
static int failures; /* failed calls or set-ups: main exits 1 */

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

static pid_t redis_start(int port) {
    char p[16];
    pid_t pid;
    int i;
    snprintf(p, sizeof p, "%d", port);
    if ((pid = fork()) == 0) {
        execlp("redis-server", "redis-server", "--port", p, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--logfile", "/dev/null", (char *)NULL);
        _exit(127);
    }
    for (i = 0; i < 500; i++) {
        struct timeval tv = {1, 0};
        redisContext *c = redisConnectWithTimeout("127.0.0.1", port, tv);
        bool up = c && !c->err;
        if (c) redisFree(c);
        if (up) return pid;
        mock_sleep_ms(10);
    }
    return pid;
}


/* n calls through the runner; calls per second. */
static double run_calls(llm_router *router, int n) {
    llm_curl_runner run;
    llm_curl_job *jobs = (llm_curl_job *)calloc((size_t)n, sizeof *jobs);
    llm_request req;
    llm_message hello;
    long long t;
    int i, ok = 0;
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "g";
    req.messages = &hello;
    req.message_count = 1;
    llm_curl_runner_init(&run, NULL, 16, NULL);
    for (i = 0; i < n; i++) {
        jobs[i].router = router;
        jobs[i].request = &req;
        llm_curl_runner_add(&run, &jobs[i]);
    }
    t = mock_now_ms();
    llm_curl_runner_run_all(&run);
    t = mock_now_ms() - t;
    for (i = 0; i < n; i++) {
        ok += jobs[i].result == LLM_OK;
        llm_response_free(&jobs[i].response);
    }
    llm_curl_runner_free(&run);
    free(jobs);
    if (ok != n) fprintf(stderr, "bench_store: %d of %d calls failed\n", n - ok, n);
    failures += n - ok;
    return t > 0 ? n * 1000.0 / (double)t : 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void bench_case(const char *name, llm_curl *curl, const char *url, bool parallel, int n) {
    llm_deployment_desc dep;
    llm_router_desc d;
    llm_router router;
    llm_redis_store rs;
    double rate[3];
    uint64_t trips0 = 0;
    int round;
    memset(&dep, 0, sizeof dep);
    dep.group = "g";
    dep.provider = "openai";
    dep.model = "gpt-4o";
    dep.api_key = "sk-bench";
    dep.base_url = M.base;
    dep.rpm = 2000000000;
    dep.max_parallel = parallel ? 64 : 0;
    memset(&d, 0, sizeof d);
    d.deployments = &dep;
    d.deployment_count = 1;
    d.transport = llm_curl_transport(curl);
    memset(&rs, 0, sizeof rs);
    if (url) {
        llm_redis_options ro;
        memset(&ro, 0, sizeof ro);
        ro.url = url;
        if (llm_redis_store_init(&rs, &ro, NULL) != LLM_OK) {
            fprintf(stderr, "bench_store: %s: the Redis store did not start\n", name);
            failures++;
            return;
        }
        d.store = llm_redis_router_store(&rs);
    }
    if (llm_router_init(&router, &d, NULL) != LLM_OK) {
        fprintf(stderr, "bench_store: %s: the router did not start\n", name);
        failures++;
        llm_redis_store_free(&rs);
        return;
    }
    run_calls(&router, 200); /* warm-up: connections, scripts loaded */
    for (round = 0; round < 3; round++) {
        if (round == 2) trips0 = llm_redis_store_round_trips(&rs);
        rate[round] = run_calls(&router, n);
    }
    qsort(rate, 3, sizeof rate[0], cmp_double);
    printf("  %-20s %8.0f calls/s (%.0f-%.0f)", name, rate[1], rate[0], rate[2]);
    if (url) printf(", %.3f Redis round trips per call", (double)(llm_redis_store_round_trips(&rs) - trips0) / n);
    printf("\n");
    printf("RESULT\tbench_store\t%s\tllm.h\tcalls_per_s_median\t%.0f\n", name, rate[1]);
    printf("RESULT\tbench_store\t%s\tllm.h\tcalls_per_s_min\t%.0f\n", name, rate[0]);
    printf("RESULT\tbench_store\t%s\tllm.h\tcalls_per_s_max\t%.0f\n", name, rate[2]);
    if (url)
        printf("RESULT\tbench_store\t%s\tllm.h\tround_trips_per_call\t%.3f\n", name,
               (double)(llm_redis_store_round_trips(&rs) - trips0) / n);
    llm_router_free(&router);
    llm_redis_store_free(&rs);
}

int main(void) {
    const char *env = getenv("BENCH_STORE_N");
    int n = env && atoi(env) > 0 ? atoi(env) : 5000, port, status;
    char url[64];
    pid_t redis;
    llm_curl curl;
    if (!mock_start_logging(&M, "build/mock_server", false)) {
        fprintf(stderr, "bench_store: build/mock_server did not start (make build/mock_server)\n");
        return 1;
    }
    port = free_port();
    snprintf(url, sizeof url, "redis://127.0.0.1:%d", port);
    redis = redis_start(port);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    llm_curl_init(&curl, NULL, NULL);
    printf("bench_store: %d calls, 16 in flight, loopback (mock server, redis-server)\n", n);
    bench_case("local", &curl, NULL, false, n);
    bench_case("redis_rpm", &curl, url, false, n);
    bench_case("redis_rpm_parallel", &curl, url, true, n);
    llm_curl_free(&curl);
    curl_global_cleanup();
    kill(redis, SIGTERM);
    waitpid(redis, &status, 0);
    mock_stop(&M);
    return failures != 0;
}
