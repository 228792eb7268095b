/* bench.h - what the benchmarks share: a monotonic clock and a seeded
   generator, so every run sees the same generated inputs. */
#ifndef LLM_BENCH_H
#define LLM_BENCH_H
#include <stdint.h>
#include <time.h>

/* Monotonic seconds. */
static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* xorshift64 from a fixed seed. */
static uint64_t bench_rng_state = 0x9E3779B97F4A7C15ull;
static inline uint32_t bench_rng(void) {
    bench_rng_state ^= bench_rng_state << 13;
    bench_rng_state ^= bench_rng_state >> 7;
    bench_rng_state ^= bench_rng_state << 17;
    return (uint32_t)(bench_rng_state >> 32);
}
#endif
