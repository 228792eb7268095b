/* bench_router - the cost of one pick + report pair (the router's work per
   attempt, no I/O) with 10, 100 and 1,000 deployments in one group, for
   the default strategy and least-busy, on the real monotonic clock, beside
   a reference: two clock reads and a malloc/free per pair. The two sides
   run interleaved (A B A B ...), so a busy machine slows both alike; each
   line gives the median and the range of the per-round figures. A
   counting allocator proves that pick/report allocate nothing. Prints
   "RESULT\tbench_router\tSTRATEGY_N\tIMPL\tMETRIC\tVALUE" lines beside
   the table (IMPL llm.h or reference; ns_per_attempt_median, _min, _max,
   allocations).
   `bench_router quick` runs a few rounds of a few pairs (a smoke check). */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>

#define ROUNDS 15

static long allocations;
static void *count_alloc(void *u, size_t n) { (void)u; allocations++; return malloc(n); }
static void *count_realloc(void *u, void *p, size_t o, size_t n) { (void)u; (void)o; allocations++; return realloc(p, n); }
static void count_free(void *u, void *p, size_t n) { (void)u; (void)n; free(p); }

static void *volatile sink;
static volatile long clock_sink;

/* The reference: what the least router would pay per attempt. */
static void reference(long iters) {
    long i;
    for (i = 0; i < iters; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        sink = malloc(64);
        free(sink);
        clock_gettime(CLOCK_MONOTONIC, &b);
        clock_sink += (long)(b.tv_nsec - a.tv_nsec);
    }
}

static void pairs(llm_router *r, long iters) {
    llm_request req;
    long i;
    memset(&req, 0, sizeof req);
    req.model = "g";
    for (i = 0; i < iters; i++) {
        llm_router_attempt a;
        llm_router_outcome o;
        memset(&a, 0, sizeof a);
        memset(&o, 0, sizeof o);
        if (llm_router_pick(r, &req, &a, NULL) != LLM_OK || llm_router_report(r, &a, &o, NULL) != LLM_DONE) {
            fprintf(stderr, "pick/report failed\n");
            exit(1);
        }
    }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void run(int n, llm_routing_strategy strategy, const char *name, long iters, int rounds) {
    llm_deployment_desc *deps = (llm_deployment_desc *)calloc((size_t)n, sizeof *deps);
    llm_router_desc d;
    llm_router r;
    double ns[ROUNDS], ref[ROUNDS], ratio[ROUNDS], goal = n >= 1000 ? 2000 : 1000;
    long before, i;
    int k;
    for (i = 0; i < n; i++) {
        deps[i].group = "g";
        deps[i].model = "gpt-4o";
        deps[i].rpm = 1000000000;
    }
    memset(&d, 0, sizeof d);
    d.deployments = deps;
    d.deployment_count = (size_t)n;
    d.strategy = strategy;
    d.alloc.alloc = count_alloc;
    d.alloc.realloc = count_realloc;
    d.alloc.free = count_free;
    if (llm_router_init(&r, &d, NULL) != LLM_OK) { fprintf(stderr, "init failed\n"); exit(1); }
    pairs(&r, iters / 10); /* warm */
    before = allocations;
    for (k = 0; k < rounds; k++) {
        double t0 = bench_now(), t1, t2;
        pairs(&r, iters);
        t1 = bench_now();
        reference(iters);
        t2 = bench_now();
        ns[k] = (t1 - t0) * 1e9 / (double)iters;
        ref[k] = (t2 - t1) * 1e9 / (double)iters;
        ratio[k] = (t1 - t0) / (t2 - t1);
    }
    {
        double lo = ns[0], hi = ns[0], rlo = ratio[0], rhi = ratio[0], flo = ref[0], fhi = ref[0], m, rm, fm;
        for (k = 1; k < rounds; k++) {
            if (ns[k] < lo) lo = ns[k];
            if (ns[k] > hi) hi = ns[k];
            if (ref[k] < flo) flo = ref[k];
            if (ref[k] > fhi) fhi = ref[k];
            if (ratio[k] < rlo) rlo = ratio[k];
            if (ratio[k] > rhi) rhi = ratio[k];
        }
        m = median(ns, rounds);
        fm = median(ref, rounds);
        rm = median(ratio, rounds);
        printf("router %-14s %5d deployments: %6.0f ns per pick+report (%.0f-%.0f), %.2fx the reference (%.2f-%.2f), "
               "%ld allocations; goal < %.0f us: %s\n",
               name, n, m, lo, hi, rm, rlo, rhi, allocations - before, goal / 1000, m < goal ? "met" : "MISSED");
        printf("RESULT\tbench_router\t%s_%d\tllm.h\tns_per_attempt_median\t%.0f\n", name, n, m);
        printf("RESULT\tbench_router\t%s_%d\tllm.h\tns_per_attempt_min\t%.0f\n", name, n, lo);
        printf("RESULT\tbench_router\t%s_%d\tllm.h\tns_per_attempt_max\t%.0f\n", name, n, hi);
        printf("RESULT\tbench_router\t%s_%d\treference\tns_per_attempt_median\t%.0f\n", name, n, fm);
        printf("RESULT\tbench_router\t%s_%d\treference\tns_per_attempt_min\t%.0f\n", name, n, flo);
        printf("RESULT\tbench_router\t%s_%d\treference\tns_per_attempt_max\t%.0f\n", name, n, fhi);
        printf("RESULT\tbench_router\t%s_%d\tllm.h\tallocations\t%ld\n", name, n, allocations - before);
    }
    if (allocations != before) { fprintf(stderr, "pick/report allocated\n"); exit(1); }
    llm_router_free(&r);
    free(deps);
}

int main(int argc, char **argv) {
    static const int sizes[] = {10, 100, 1000};
    bool quick = argc > 1 && strcmp(argv[1], "quick") == 0;
    long iters = quick ? 200 : 20000;
    int rounds = quick ? 3 : ROUNDS;
    size_t i;
    printf("router: pick + report per attempt, interleaved with the reference (two clock reads + malloc/free), "
           "%d rounds of %ld pairs; median (range)\n", rounds, iters);
    for (i = 0; i < 3; i++) run(sizes[i], LLM_ROUTING_DEFAULT, "simple-shuffle", iters, rounds);
    for (i = 0; i < 3; i++) run(sizes[i], LLM_ROUTING_LEAST_BUSY, "least-busy", iters, rounds);
    return 0;
}
