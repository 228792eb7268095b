/* file.c - the one reader of the files `llm` is given: whole, up to a limit,
   read no further than one byte past it (so /dev/zero or a runaway pipe
   costs the limit, not the machine's memory). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_wipe(void *p, size_t n) {
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (p && n--) *v++ = 0;
}

/* The buffer grown to hold `want` bytes and a NUL: a new block, the old one
   wiped (it may hold a key) and freed. NULL when out of memory (buf left). */
static char *file_grow(char *buf, size_t n, size_t want) {
    char *bigger = (char *)malloc(want + 1);
    if (!bigger) return NULL;
    if (n) memcpy(bigger, buf, n);
    cli_wipe(buf, n);
    free(buf);
    return bigger;
}

static void file_limit_text(size_t max, char *out, size_t size) {
    if (max >= ((size_t)1 << 20) && max % ((size_t)1 << 20) == 0) snprintf(out, size, "%zu MiB", max >> 20);
    else if (max >= 1024 && max % 1024 == 0) snprintf(out, size, "%zu KiB", max >> 10);
    else snprintf(out, size, "%zu bytes", max);
}

char *cli_read_file(const char *path, size_t max, size_t *len, char *msg, size_t msg_size) {
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "stdin" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    size_t cap = 0, n = 0, got;
    char *buf = NULL, *bigger, limit[32];
    int failed = !f;
    long size = -1;
    /* a file whose length shows is read into one block of that length (+1 to see its end): no copies */
    if (f && !is_stdin && fseek(f, 0, SEEK_END) == 0 && ((size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0))
        failed = 1; /* it seeks, but not back */
    while (!failed) {
        if (n == cap) {
            size_t want = cap ? cap * 2 : size > 0 ? (size_t)size + 1 : (size_t)1 << 16;
            if (n > max) break; /* max + 1 bytes read: too large */
            if (want > max + 1) want = max + 1;
            if (!(bigger = file_grow(buf, n, want))) failed = 1;
            else buf = bigger, cap = want;
            continue;
        }
        if (!(got = fread(buf + n, 1, cap - n, f))) break;
        n += got;
    }
    if (f && ferror(f)) failed = 1;
    if (f && f != stdin) fclose(f);
    if (!failed && n <= max) {
        if (!buf && !(buf = (char *)malloc(1))) failed = 1;
        if (buf) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
    }
    file_limit_text(max, limit, sizeof limit);
    if (failed) snprintf(msg, msg_size, "cannot read %s", name);
    else snprintf(msg, msg_size, "%s: larger than %s (%zu bytes): not read", name, limit, max);
    cli_wipe(buf, n);
    free(buf);
    return NULL;
}

char *cli_read_all(const char *path, size_t *len) {
    char msg[16];
    return cli_read_file(path, (size_t)-1 / 2, len, msg, sizeof msg);
}
