/* libFuzzer target for the price-table loader (llm_costs_load_json). Any
   input: a database holding a known table loads it; on failure the known
   table must still answer exactly as before, on success every listed entry
   must be found again by its key and priced without a crash. */
#include "fuzz.h"

static const char *known = "{\"known-model\": {\"litellm_provider\": \"p\", \"input_cost_per_token\": 2e-06}}";

static bool visit(void *user, const llm_model_info *info) {
    const llm_costs *db = (const llm_costs *)user;
    llm_model_info again;
    llm_usage u;
    llm_cost_info c;
    if (info->layer == LLM_COSTS_EMBEDDED) return false;   /* the loaded layer is done */
    memset(&u, 0, sizeof u);
    u.prompt_tokens = 300000;
    u.completion_tokens = 1000;
    u.cached_tokens = 1000;
    u.reasoning_tokens = 10;
    if (llm_model_info_get(db, info->key, &again, NULL) != LLM_OK) abort();
    if (strcmp(again.key, info->key) != 0) abort();
    c = llm_cost_of(info, &u, NULL);
    if (c.usd < 0) abort();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    llm_costs db;
    llm_model_info info;
    llm_error err;
    memset(&db, 0, sizeof db);
    if (llm_costs_load_json(&db, known, strlen(known), "known", NULL) != LLM_OK) abort();
    if (llm_costs_load_json(&db, (const char *)data, size, "fuzz", &err) == LLM_OK) {
        llm_costs_each(&db, NULL, visit, &db);
    } else {
        if (llm_model_info_get(&db, "known-model", &info, NULL) != LLM_OK) abort();
        if (info.price[LLM_PRICE_INPUT] != 2e-06 || strcmp(info.table, "known") != 0) abort();
    }
    llm_costs_deinit(&db);
    return 0;
}
