/* bench_router - the cost of one pick + report pair (the router's work per
   attempt, no I/O) with 1, 10 and 1,000 deployments in one group, for the
   default strategy and least-busy, on the real monotonic clock. A counting
   allocator proves that pick/report allocate nothing. */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>

static long allocations;
static void *count_alloc(void *u, size_t n) { (void)u; allocations++; return malloc(n); }
static void *count_realloc(void *u, void *p, size_t o, size_t n) { (void)u; (void)o; allocations++; return realloc(p, n); }
static void count_free(void *u, void *p, size_t n) { (void)u; (void)n; free(p); }

static void run(int n, llm_routing_strategy strategy, const char *name) {
    llm_deployment_desc *deps = (llm_deployment_desc *)calloc((size_t)n, sizeof *deps);
    llm_router_desc d;
    llm_router r;
    llm_request req;
    long iters = n >= 1000 ? 20000 : 2000000, i, before;
    double t0, dt;
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
    memset(&req, 0, sizeof req);
    req.model = "g";
    before = allocations;
    t0 = bench_now();
    for (i = 0; i < iters; i++) {
        llm_router_attempt a;
        llm_router_outcome o;
        memset(&a, 0, sizeof a);
        memset(&o, 0, sizeof o);
        if (llm_router_pick(&r, &req, &a, NULL) != LLM_OK || llm_router_report(&r, &a, &o, NULL) != LLM_DONE) {
            fprintf(stderr, "pick/report failed\n");
            exit(1);
        }
    }
    dt = bench_now() - t0;
    printf("%-15s %5d deployments: %8.1f ns per pick+report, %ld allocations in %ld pairs\n", name, n, dt * 1e9 / (double)iters,
           allocations - before, iters);
    llm_router_free(&r);
    free(deps);
}

int main(void) {
    static const int sizes[] = {1, 10, 1000};
    size_t i;
    for (i = 0; i < 3; i++) run(sizes[i], LLM_ROUTING_DEFAULT, "simple-shuffle");
    for (i = 0; i < 3; i++) run(sizes[i], LLM_ROUTING_LEAST_BUSY, "least-busy");
    return 0;
}
