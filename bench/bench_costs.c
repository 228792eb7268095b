/* Benchmark of costs and model info: the embedded table's size, lookup time
   for a hit (exact key, and a name that needs resolution) and a miss, one
   llm_cost, and loading LiteLLM's whole price JSON at run time.

       bench_costs tools/data/model_prices_and_context_window.json

   BENCH_SMOKE=1: a few lookups and one load (the smoke check `make test`
   runs; figures not meaningful). A lookup or a load with an unexpected
   result exits 1. Prints "RESULT\tbench_costs\tCASE\tllm.h\tMETRIC\tVALUE"
   lines beside the table. */
#define _POSIX_C_SOURCE 199309L
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>

/* lookups whose result was not the expected one: main exits 1 */
static long unexpected;

/* ns per lookup of `model`, over n rounds */
static double lookup_ns(const llm_costs *db, const char *model, long n, llm_result want) {
    llm_model_info info;
    double t0 = (bench_now() * 1e9);
    long i, bad = 0;
    for (i = 0; i < n; i++) bad += llm_model_info_get(db, model, &info, NULL) != want;
    if (bad) fprintf(stderr, "bench_costs: unexpected result for %s\n", model);
    unexpected += bad;
    return ((bench_now() * 1e9) - t0) / (double)n;
}

static void result(const char *bench_case, const char *metric, double value) {
    printf("RESULT\tbench_costs\t%s\tllm.h\t%s\t%.1f\n", bench_case, metric, value);
}

int main(int argc, char **argv) {
    static const char *hits[] = {"gpt-4o", "claude-sonnet-4-5", "gemini/gemini-2.5-pro", "openrouter/openai/gpt-4o"};
    static const char *resolved[] = {"anthropic/claude-sonnet-4-5", "openai/gpt-4o", "GPT-4o", "claude-sonnet-4-5-20991231"};
    llm_costs db;
    llm_usage u;
    llm_cost_info c;
    FILE *f;
    char *json;
    const char *smoke = getenv("BENCH_SMOKE");
    long len, n = smoke && *smoke && strcmp(smoke, "0") != 0 ? 2000 : 200000, i, loads = n < 200000 ? 1 : 10;
    double t0, best = 1e30, sum = 0, ns;
    size_t k;
    size_t table = sizeof llm__costs_pool + sizeof llm__costs_entries + sizeof llm__costs_refs +
                   sizeof llm__costs_values + sizeof llm__costs_providers;
    printf("costs: embedded table %u entries, %u bytes compiled (pool %u, entries %u, refs %u, values %u, providers %u)\n",
           (unsigned)(sizeof llm__costs_entries / sizeof llm__costs_entries[0]), (unsigned)table,
           (unsigned)sizeof llm__costs_pool, (unsigned)sizeof llm__costs_entries, (unsigned)sizeof llm__costs_refs,
           (unsigned)sizeof llm__costs_values, (unsigned)sizeof llm__costs_providers);
    printf("RESULT\tbench_costs\tembedded_table\tllm.h\tentries\t%u\n",
           (unsigned)(sizeof llm__costs_entries / sizeof llm__costs_entries[0]));
    printf("RESULT\tbench_costs\tembedded_table\tllm.h\tbytes\t%u\n", (unsigned)table);
    for (k = 0, sum = 0; k < 4; k++) sum += lookup_ns(NULL, hits[k], n, LLM_OK);
    printf("costs: lookup hit, exact key: %.0f ns\n", sum / 4);
    result("lookup_hit_exact", "ns", sum / 4);
    for (k = 0, sum = 0; k < 4; k++) sum += lookup_ns(NULL, resolved[k], n, LLM_OK);
    printf("costs: lookup hit, resolved name (provider/, case, date): %.0f ns\n", sum / 4);
    result("lookup_hit_resolved", "ns", sum / 4);
    ns = (lookup_ns(NULL, "no-such-model", n, LLM_ERR_MODEL_UNKNOWN) +
          lookup_ns(NULL, "openai/no-such-model-2024-01-01", n, LLM_ERR_MODEL_UNKNOWN)) / 2;
    printf("costs: lookup miss: %.0f ns\n", ns);
    result("lookup_miss", "ns", ns);
    memset(&u, 0, sizeof u);
    u.prompt_tokens = 26000;
    u.completion_tokens = 300;
    u.cached_tokens = 20000;
    t0 = (bench_now() * 1e9);
    for (i = 0; i < n; i++) {
        if (llm_cost(NULL, "anthropic/claude-sonnet-4-5", &u, &c, NULL) != LLM_OK) return 1;
        u.completion_tokens = (u.completion_tokens + 1) & 1023;
    }
    ns = ((bench_now() * 1e9) - t0) / (double)n;
    printf("costs: llm_cost (resolved name): %.0f ns\n", ns);
    result("llm_cost", "ns", ns);
    if (argc < 2) return unexpected != 0;
    if (!(f = fopen(argv[1], "rb"))) {
        fprintf(stderr, "bench_costs: cannot read %s\n", argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    json = (char *)malloc((size_t)len);
    if (!json || fread(json, 1, (size_t)len, f) != (size_t)len) return 1;
    fclose(f);
    memset(&db, 0, sizeof db);
    for (i = 0; i < loads; i++) {
        double t = (bench_now() * 1e9);
        if (llm_costs_load_json(&db, json, (size_t)len, argv[1], NULL) != LLM_OK) return 1;
        t = (bench_now() * 1e9) - t;
        if (t < best) best = t;
    }
    printf("costs: load the full LiteLLM JSON (%ld bytes, %u entries): %.1f ms (best of %ld)\n", len,
           (unsigned)((llm__costs_layer *)db.loaded_)->count, best / 1e6, loads);
    result("load_litellm_json", "ms", best / 1e6);
    ns = lookup_ns(&db, "gpt-4o", n, LLM_OK);
    printf("costs: lookup hit in the loaded layer: %.0f ns\n", ns);
    result("lookup_hit_loaded", "ns", ns);
    llm_costs_deinit(&db);
    free(json);
    if (unexpected) printf("bench_costs: FAILED: %ld lookups with an unexpected result\n", unexpected);
    return unexpected != 0;
}
