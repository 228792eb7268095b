/* mock.h - starts build/mock_server for a test program (127.0.0.1, a free
   port, a request log, stopped at exit), and small helpers around it. */
#ifndef LLM_TEST_MOCK_H
#define LLM_TEST_MOCK_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct mock_server {
    pid_t pid;
    int port;
    char dir[64];
    char log[128];
    char base[96];                   /* http://127.0.0.1:PORT */
} mock_server;

static inline void mock_sleep_ms(int ms) {
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static inline long long mock_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts the server (binary at `path`), logging each request to m->log
   when `log` (a benchmark leaves it off: the server's writes slow both
   sides); false when it did not come up within 10 s. */
static inline bool mock_start_logging(mock_server *m, const char *path, bool log) {
    char portfile[160];
    FILE *f;
    int i;
    memset(m, 0, sizeof m[0]);
    snprintf(m->dir, sizeof m->dir, "/tmp/llm_mock.XXXXXX");
    if (!mkdtemp(m->dir)) return false;
    snprintf(portfile, sizeof portfile, "%s/port", m->dir);
    snprintf(m->log, sizeof m->log, "%s/requests.log", m->dir);
    if ((m->pid = fork()) == 0) {
        execl(path, path, "--port", "0", "--port-file", portfile, "--idle-exit-ms", "60000", "--lifetime-ms", "900000", "--quiet",
              log ? "--log" : (char *)NULL, m->log, (char *)NULL);
        _exit(127);
    }
    for (i = 0; i < 1000 && m->pid > 0; i++) { /* 10 s */
        if ((f = fopen(portfile, "r")) != NULL) {
            int ok = fscanf(f, "%d", &m->port) == 1;
            fclose(f);
            if (ok && m->port > 0) break;
        }
        mock_sleep_ms(10);
    }
    if (m->port <= 0) return false;
    snprintf(m->base, sizeof m->base, "http://127.0.0.1:%d", m->port);
    return true;
}

static inline bool mock_start(mock_server *m, const char *path) { return mock_start_logging(m, path, true); }

static inline void mock_stop(mock_server *m) {
    char path[160];
    int status, i;
    if (m->pid > 0) {
        kill(m->pid, SIGTERM);
        for (i = 0; i < 300 && waitpid(m->pid, &status, WNOHANG) == 0; i++) mock_sleep_ms(10);
        if (i == 300) {
            kill(m->pid, SIGKILL);
            waitpid(m->pid, &status, 0);
        }
    }
    snprintf(path, sizeof path, "%s/port", m->dir);
    remove(path);
    remove(m->log);
    rmdir(m->dir);
    m->pid = 0;
}

/* The number of requests the server has logged. */
static inline int mock_logged(const mock_server *m) {
    FILE *f = fopen(m->log, "r");
    int c, n = 0;
    if (!f) return 0;
    while ((c = fgetc(f)) != EOF) n += c == '\n';
    fclose(f);
    return n;
}

/* mock_logged once it stops changing: the server writes a request's line
   after its answer went out, so a client can be done before the line is
   there (two reads 20 ms apart agree; 2 s at most). */
static inline int mock_logged_settled(const mock_server *m) {
    int n = mock_logged(m), again, i;
    for (i = 0; i < 100; i++) {
        mock_sleep_ms(20);
        if ((again = mock_logged(m)) == n) break;
        n = again;
    }
    return n;
}

#endif
