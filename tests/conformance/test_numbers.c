/* Number conversion of llm.h (llm__json_parse_double, llm__json_format_double):
   tests/data/numbers/vectors.txt (expected values computed by JavaScript's
   Number() and String(), see tools/gen_number_vectors.js), a
   1,000,000-pattern round trip, and timing.
   Built and run by `make check-numbers`.
   Run:   ./test_numbers [vectors.txt [round-trip count]]   (NO_BENCH=1 skips timing) */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long g_pass, g_fail;

static void check(bool ok, const char *what, const char *in, const char *got, const char *want) {
    if (ok) { g_pass++; return; }
    if (++g_fail <= 50)
        printf("FAIL %s: input %.80s%s got %.60s want %.60s\n", what, in, strlen(in) > 80 ? "..." : "", got, want);
}

static uint64_t bits_of(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static double from_bits(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }

static uint64_t rng_state = 0x0123456789ABCDEFu;
static uint64_t rnd64(void) { /* xorshift64* */
    rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717u;
}
static uint64_t rnd_finite(void) {
    for (;;) { uint64_t b = rnd64(); if (((b >> 52) & 0x7FF) != 0x7FF) return b; }
}

/* Parse with the input in an exact-size heap block, so ASan catches any over-read. */
static bool parse_exact(const char *s, size_t n, double *out) {
    char *buf = (char *)malloc(n ? n : 1);
    bool ok;
    memcpy(buf, s, n);
    ok = llm__json_parse_double(buf, n, out);
    free(buf);
    return ok;
}

static void test_parse(const char *in, const char *want) {
    double x = from_bits(0x5555555555555555u); /* sentinel: must stay untouched on failure */
    char got[40];
    bool ok = parse_exact(in, strlen(in), &x);
    if (!ok) snprintf(got, sizeof got, "false(%s)", bits_of(x) == 0x5555555555555555u ? "untouched" : "CLOBBERED");
    else snprintf(got, sizeof got, "%016llx", (unsigned long long)bits_of(x));
    if (!strcmp(want, "OVERFLOW") || !strcmp(want, "INVALID"))
        check(!ok && bits_of(x) == 0x5555555555555555u, "parse", in, got, want);
    else
        check(ok && !strcmp(got, want), "parse", in, got, want);
}

static void test_format(const char *hex, const char *want) {
    char *out = (char *)malloc(32); /* exactly the documented minimum */
    double x = from_bits(strtoull(hex, NULL, 16));
    size_t n = llm__json_format_double(x, out);
    check(n == strlen(out) && n < 32 && !strcmp(out, want), "format", hex, out, want);
    free(out);
}

static int run_vectors(const char *path) {
    static char line[1 << 16];
    FILE *f = fopen(path, "r");
    unsigned long np = 0, nf = 0;
    if (!f) { printf("cannot open %s (run: node gen_vectors.js)\n", path); return 0; }
    while (fgets(line, sizeof line, f)) {
        char *a, *b;
        line[strcspn(line, "\r\n")] = '\0';
        a = strchr(line, ' ');
        if (!a || !(b = strchr(a + 1, ' '))) continue;
        *a++ = '\0'; *b++ = '\0';
        if (!strcmp(a, "<empty>")) a[0] = '\0';
        if (!strcmp(b, "<empty>")) b[0] = '\0';
        if (line[0] == 'P') { test_parse(a, b); np++; }
        else if (line[0] == 'F') { test_format(a, b); nf++; }
    }
    fclose(f);
    printf("vectors: %lu parse, %lu format\n", np, nf);
    return 1;
}

static void test_roundtrip(long count) {
    long i, bad = 0;
    for (i = 0; i < count; i++) {
        uint64_t b = rnd_finite(), b2;
        char buf[32];
        double y = 0;
        size_t n = llm__json_format_double(from_bits(b), buf);
        bool ok = llm__json_parse_double(buf, n, &y);
        b2 = bits_of(y);
        if (ok && b2 == b && n > 0 && n < 32) { g_pass++; continue; }
        g_fail++;
        if (++bad <= 20) printf("FAIL roundtrip %016llx -> %s -> %016llx\n", (unsigned long long)b, buf, (unsigned long long)b2);
    }
    printf("roundtrip: %ld random bit patterns, %ld bad\n", count, bad);
}

static double now(void) { return (double)clock() / CLOCKS_PER_SEC; }

/* Times format and parse over one set of doubles; mode 0 = random bit patterns,
   1 = "typical JSON" values (short decimals), 2 = integers. */
static void bench(int mode, long count) {
    static char bufs[1000][32];
    static size_t lens[1000];
    double t0, tf = 0, tp = 0;
    volatile double sink; /* keeps the parse calls alive */
    long i, j;
    for (i = 0; i < count; i += 1000) {
        double xs[1000];
        for (j = 0; j < 1000; j++)
            xs[j] = mode == 0 ? from_bits(rnd_finite())
                  : mode == 1 ? (double)(rnd64() % 10000000) / 1000.0
                              : (double)(int64_t)(rnd64() % 2000000001u) - 1e9;
        t0 = now();
        for (j = 0; j < 1000; j++) lens[j] = llm__json_format_double(xs[j], bufs[j]);
        tf += now() - t0;
        t0 = now();
        for (j = 0; j < 1000; j++) { double y = 0; llm__json_parse_double(bufs[j], lens[j], &y); sink = y; }
        tp += now() - t0;
    }
    printf("timing %-22s format %7.1f ns/op, parse %7.1f ns/op, round trip %7.1f ns\n",
           mode == 0 ? "random bit patterns:" : mode == 1 ? "short decimals:" : "integers:",
           tf * 1e9 / count, tp * 1e9 / count, (tf + tp) * 1e9 / count);
    (void)sink;
}

int main(int argc, char **argv) {
    long rt = argc > 2 ? atol(argv[2]) : 1000000;
    if (!run_vectors(argc > 1 ? argv[1] : "vectors.txt")) g_fail++;
    test_roundtrip(rt);
    if (!getenv("NO_BENCH")) { bench(0, 1000000); bench(1, 1000000); bench(2, 1000000); }
    printf("%lu passed, %lu failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
