/* test.h - the small test harness of llm.h's suites.

   A suite lists its cases in a table and calls test_main:

       static void json_parses_numbers(void) { CHECK(x == 1); }
       static const test_case cases[] = { TEST(json_parses_numbers) };
       int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }

   `./suite NAME` runs the cases whose name contains NAME; a NAME that no
   case's name contains is a failure. The last line is "N passed, N failed"
   (cases, not checks); the exit status is 0 only when no case failed.

   TEST_READ_FIXTURE(path, &len) reads an input file; a missing one is a
   failed check.

   It also provides a counting allocator (test_alloc) that checks every
   allocation of the library is freed with the size it was given, and can
   fail the N-th allocation to test out-of-memory paths. */
#ifndef LLM_TEST_H
#define LLM_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;

#define TEST(fn) { #fn, fn }
#define TEST_COUNT(cases) (sizeof(cases) / sizeof((cases)[0]))

static int test_failures_in_case;

#define CHECK(cond) test_check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_EQ_INT(a, b) test_check_int((long long)(a), (long long)(b), #a " == " #b, __FILE__, __LINE__)
#define CHECK_EQ_STR(a, b) test_check_str((a), (b), #a " == " #b, __FILE__, __LINE__)

static inline int test_check(int ok, const char *what, const char *file, int line) {
    if (!ok) {
        test_failures_in_case++;
        fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what);
    }
    return ok;
}

static inline int test_check_int(long long a, long long b, const char *what, const char *file, int line) {
    if (a != b) fprintf(stderr, "  got %lld, expected %lld\n", a, b);
    return test_check(a == b, what, file, line);
}

static inline int test_check_str(const char *a, const char *b, const char *what, const char *file, int line) {
    int ok = a && b && strcmp(a, b) == 0;
    if (!ok) fprintf(stderr, "  got \"%s\", expected \"%s\"\n", a ? a : "(null)", b ? b : "(null)");
    return test_check(ok, what, file, line);
}

static inline int test_main(const test_case *cases, size_t count, int argc, char **argv) {
    size_t i;
    int passed = 0, failed = 0;
    const char *filter = argc > 1 ? argv[1] : NULL;
    for (i = 0; i < count; i++) {
        if (filter && !strstr(cases[i].name, filter)) continue;
        test_failures_in_case = 0;
        cases[i].fn();
        if (test_failures_in_case) {
            failed++;
            fprintf(stderr, "FAILED %s\n", cases[i].name);
        } else {
            passed++;
        }
    }
    if (filter && !passed && !failed) { /* a misspelled name must not pass for a run of it */
        fprintf(stderr, "no case name contains \"%s\"\n", filter);
        failed = 1;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

/* A whole file, malloc'ed and NUL-terminated after *len bytes; NULL when it
   cannot be read. */
static inline char *test_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    *len = 0;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = (char *)malloc((size_t)n + 1))) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/* test_read_file for an input the suite needs: when it cannot be read,
   that is a failed check naming the path (a suite run from elsewhere than
   the repository root fails instead of passing with fewer assertions). */
#define TEST_READ_FIXTURE(path, len) test_read_fixture((path), (len), __FILE__, __LINE__)

static inline char *test_read_fixture(const char *path, size_t *len, const char *file, int line) {
    char *text = test_read_file(path, len);
    if (!text) {
        char what[600];
        snprintf(what, sizeof what, "cannot read the fixture %s (run from the repository root)", path);
        test_check(0, what, file, line);
    }
    return text;
}

/* ---- counting allocator ---- */

typedef struct test_alloc_stats {
    long live;            /* allocations not yet freed */
    long total;           /* allocations made */
    size_t live_bytes;
    long fail_at;         /* fail the allocation with this number (1-based), 0 = never */
    long bad_sizes;       /* free/realloc given a size different from the allocation's */
} test_alloc_stats;

/* Each block carries its size in a header so the size the library passes
   back can be checked. */
#define TEST_ALLOC_HEADER 16

static inline void *test_alloc_fn(void *user, size_t size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    char *p;
    s->total++;
    if (s->fail_at && s->total == s->fail_at) return NULL;
    p = (char *)malloc(size + TEST_ALLOC_HEADER);
    if (!p) return NULL;
    memcpy(p, &size, sizeof size);
    s->live++;
    s->live_bytes += size;
    return p + TEST_ALLOC_HEADER;
}

static inline void test_free_fn(void *user, void *ptr, size_t size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    size_t real;
    char *p;
    if (!ptr) return;
    p = (char *)ptr - TEST_ALLOC_HEADER;
    memcpy(&real, p, sizeof real);
    if (real != size) s->bad_sizes++;
    s->live--;
    s->live_bytes -= real;
    free(p);
}

static inline void *test_realloc_fn(void *user, void *ptr, size_t old_size, size_t new_size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    void *q;
    size_t real;
    if (!ptr) return test_alloc_fn(user, new_size);
    memcpy(&real, (char *)ptr - TEST_ALLOC_HEADER, sizeof real);
    if (real != old_size) s->bad_sizes++;
    q = test_alloc_fn(user, new_size);
    if (!q) return NULL;
    memcpy(q, ptr, old_size < new_size ? old_size : new_size);
    test_free_fn(user, ptr, real);
    return q;
}

#define TEST_ALLOCATOR(stats) { test_alloc_fn, test_realloc_fn, test_free_fn, (stats) }

#endif
