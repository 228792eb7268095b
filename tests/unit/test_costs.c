/* Unit tests of costs and model info. Every expected cost is worked out by
   hand from the prices published in tools/data/model_prices_and_context_window.json
   (LiteLLM, 2026-07-24); the arithmetic is in the comment above each value. */
#define _POSIX_C_SOURCE 200809L /* getpid: one cache file per process, as the checks run side by side */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#ifndef LLM_NO_STDIO
#include <unistd.h>
#endif

#ifndef LLM_NO_COSTS

/* The price table the cases read: the embedded one (NULL); built with
   LLM_NO_COSTS_TABLE, LiteLLM's JSON that table is generated from, loaded
   at run time, so that the same cases price the same entries through the
   loader. */
#define LITELLM_JSON "tools/data/model_prices_and_context_window.json"
#ifdef LLM_NO_COSTS_TABLE
static llm_costs loaded_table;
static const llm_costs *table(void) {
    static int tried;
    size_t len;
    char *text;
    if (!tried++ && (text = TEST_READ_FIXTURE(LITELLM_JSON, &len))) {
        CHECK_EQ_INT(llm_costs_load_json(&loaded_table, text, len, LITELLM_JSON, NULL), LLM_OK);
        free(text);
    }
    return &loaded_table;
}
#define TABLE table()
#else
#define TABLE NULL
#endif

#define CHECK_USD(got, want) test_check_usd((got), (want), #got " == " #want, __FILE__, __LINE__)

static int test_check_usd(double got, double want, const char *what, const char *file, int line) {
    double diff = got > want ? got - want : want - got;
    int ok = diff <= 1e-12 + 1e-9 * (want < 0 ? -want : want);
    if (!ok) fprintf(stderr, "  got %.17g, expected %.17g\n", got, want);
    return test_check(ok, what, file, line);
}

static llm_usage usage(int64_t prompt, int64_t completion) {
    llm_usage u;
    memset(&u, 0, sizeof u);
    u.source = LLM_USAGE_REPORTED;
    u.prompt_tokens = prompt;
    u.completion_tokens = completion;
    u.total_tokens = prompt + completion;
    return u;
}

static double cost_of(const llm_costs *db, const char *model, const llm_usage *u) {
    llm_cost_info c;
    llm_error err;
    if (llm_cost(db, model, u, &c, &err) != LLM_OK) {
        fprintf(stderr, "  %s: %s\n", model, err.message);
        return -1;
    }
    return c.usd;
}

/* What the embedded table gives `model` under db's own layers: usd; built
   without the table, no price at all (never a zero one). */
static void check_embedded_price(const llm_costs *db, const char *model, const llm_usage *u, double usd) {
#ifndef LLM_NO_COSTS_TABLE
    CHECK_USD(cost_of(db, model, u), usd);
#else
    (void)usd;
    CHECK_EQ_INT(llm_cost(db, model, u, NULL, NULL), LLM_ERR_MODEL_UNKNOWN);
#endif
}

static double cost_tier(const char *model, const llm_usage *u, const char *tier, bool batch) {
    llm_cost_options o;
    llm_cost_info c;
    memset(&o, 0, sizeof o);
    o.service_tier = tier;
    o.batch = batch;
    if (llm_cost_ex(TABLE, model, u, &o, &c, NULL) != LLM_OK) return -1;
    return c.usd;
}

/* ---- OpenAI ---- */

static void openai_plain_and_cached(void) {
    llm_usage u = usage(1000, 500);
    llm_cost_info c;
    /* gpt-4o: input 2.5e-06, output 1e-05: 1000*2.5e-06 + 500*1e-05 = 0.0025 + 0.005 */
    CHECK_USD(cost_of(TABLE, "gpt-4o", &u), 0.0075);
    u = usage(2000, 100);
    u.cached_tokens = 1500;
    /* cache read 1.25e-06: 500*2.5e-06 + 1500*1.25e-06 + 100*1e-05 = 0.00125 + 0.001875 + 0.001 */
    CHECK_USD(cost_of(TABLE, "gpt-4o", &u), 0.004125);
    CHECK_EQ_INT(llm_cost(TABLE, "gpt-4o", &u, &c, NULL), LLM_OK);
    CHECK_USD(c.prompt_usd, 0.003125);
    CHECK_USD(c.completion_usd, 0.001);
    CHECK_EQ_STR(c.key, "gpt-4o");
    CHECK_EQ_STR(c.provider, "openai");
#ifndef LLM_NO_COSTS_TABLE
    CHECK_EQ_STR(c.table, "embedded LiteLLM 2026-07-24");
    CHECK_EQ_INT(c.layer, LLM_COSTS_EMBEDDED);
#else
    CHECK_EQ_STR(c.table, LITELLM_JSON);
    CHECK_EQ_INT(c.layer, LLM_COSTS_LOADED);
#endif
    CHECK(!c.above_threshold);
}

static void openai_reasoning_without_its_own_price(void) {
    llm_usage u = usage(100, 1000);
    u.reasoning_tokens = 800;
    /* o3-mini: input 1.1e-06, output 4.4e-06, no reasoning price -> output:
       100*1.1e-06 + (200 + 800)*4.4e-06 = 0.00011 + 0.0044 */
    CHECK_USD(cost_of(TABLE, "o3-mini", &u), 0.00451);
}

static void openai_audio_tokens(void) {
    llm_usage u = usage(1000, 500);
    u.audio_prompt_tokens = 600;
    u.audio_completion_tokens = 300;
    /* gpt-4o-audio-preview: input 2.5e-06, audio in 4e-05, output 1e-05, audio out 8e-05:
       400*2.5e-06 + 600*4e-05 + 200*1e-05 + 300*8e-05 = 0.001 + 0.024 + 0.002 + 0.024 */
    CHECK_USD(cost_of(TABLE, "gpt-4o-audio-preview", &u), 0.051);
}

static void openai_above_272k(void) {
    llm_usage u = usage(300000, 1000);
    llm_cost_info c;
    u.cached_tokens = 100000;
    /* gpt-5.4, prompt 300000 > 272000: input 5e-06, cache read 5e-07, output 2.25e-05 for all tokens:
       200000*5e-06 + 100000*5e-07 + 1000*2.25e-05 = 1.0 + 0.05 + 0.0225 */
    CHECK_EQ_INT(llm_cost(TABLE, "gpt-5.4", &u, &c, NULL), LLM_OK);
    CHECK_USD(c.usd, 1.0725);
    CHECK(c.above_threshold);
    u = usage(272000, 1000);
    /* exactly 272000 is not above: 272000*2.5e-06 + 1000*1.5e-05 = 0.68 + 0.015 */
    CHECK_USD(cost_of(TABLE, "gpt-5.4", &u), 0.695);
}

static void openai_service_tiers_and_batch(void) {
    llm_usage u = usage(1000, 100);
    /* gpt-4o priority: 1000*4.25e-06 + 100*1.7e-05 = 0.00425 + 0.0017 */
    CHECK_USD(cost_tier("gpt-4o", &u, "priority", false), 0.00595);
    CHECK_USD(cost_tier("gpt-4o", &u, "fast", false), 0.00595);
    /* gpt-4o batch: 1000*1.25e-06 + 100*5e-06 = 0.00125 + 0.0005 */
    CHECK_USD(cost_tier("gpt-4o", &u, NULL, true), 0.00175);
    /* gpt-4o-2024-08-06 has no priority keys: base 1000*2.5e-06 + 100*1e-05 = 0.0025 + 0.001 */
    CHECK_USD(cost_tier("gpt-4o-2024-08-06", &u, "priority", false), 0.0035);
    u = usage(1000, 1000);
    /* gpt-5 flex: 1000*6.25e-07 + 1000*5e-06 = 0.000625 + 0.005 */
    CHECK_USD(cost_tier("gpt-5", &u, "flex", false), 0.005625);
    /* "default" is the base: 1000*1.25e-06 + 1000*1e-05 = 0.00125 + 0.01 */
    CHECK_USD(cost_tier("gpt-5", &u, "default", false), 0.01125);
}

static void openai_embedding(void) {
    llm_usage u = usage(10000, 0);
    /* text-embedding-3-small: 10000*2e-08 */
    CHECK_USD(cost_of(TABLE, "text-embedding-3-small", &u), 0.0002);
}

/* ---- Anthropic ---- */

static void anthropic_cache_reads_and_writes(void) {
    /* Anthropic reported input_tokens 1000, cache_read 20000, cache_creation
       5000 (2000 of them 1 h), output 300; OpenAI convention: prompt 26000. */
    llm_usage u = usage(1000 + 20000 + 5000, 300);
    u.cached_tokens = 20000;
    u.cache_creation_tokens = 5000;
    u.cache_creation_1h_tokens = 2000;
    /* claude-sonnet-4-5: input 3e-06, read 3e-07, write 3.75e-06, write 1h 6e-06, output 1.5e-05:
       1000*3e-06 + 20000*3e-07 + 3000*3.75e-06 + 2000*6e-06 + 300*1.5e-05
       = 0.003 + 0.006 + 0.01125 + 0.012 + 0.0045 */
    CHECK_USD(cost_of(TABLE, "anthropic/claude-sonnet-4-5", &u), 0.03675);
    CHECK_USD(cost_of(TABLE, "claude-sonnet-4-5-20250929", &u), 0.03675);
}

static void anthropic_above_200k(void) {
    llm_usage u = usage(250000, 1000);
    u.cached_tokens = 10000;
    /* claude-sonnet-4-5 past 200000: input 6e-06, read 6e-07, output 2.25e-05:
       240000*6e-06 + 10000*6e-07 + 1000*2.25e-05 = 1.44 + 0.006 + 0.0225 */
    CHECK_USD(cost_of(TABLE, "claude-sonnet-4-5", &u), 1.4685);
    u = usage(210000, 0);
    u.cache_creation_tokens = 10000;
    u.cache_creation_1h_tokens = 10000;
    /* 1-hour writes past 200000: 200000*6e-06 + 10000*1.2e-05 = 1.2 + 0.12 */
    CHECK_USD(cost_of(TABLE, "claude-sonnet-4-5", &u), 1.32);
}

/* ---- Gemini ---- */

static void gemini_reasoning_and_threshold(void) {
    llm_usage u = usage(1000, 700);
    u.cached_tokens = 200;
    u.reasoning_tokens = 500;
    /* gemini/gemini-2.5-flash: input 3e-07, read 3e-08, output 2.5e-06, reasoning 2.5e-06:
       800*3e-07 + 200*3e-08 + 200*2.5e-06 + 500*2.5e-06 = 0.00024 + 0.000006 + 0.0005 + 0.00125 */
    CHECK_USD(cost_of(TABLE, "gemini/gemini-2.5-flash", &u), 0.001996);
    u = usage(300000, 2000);
    u.reasoning_tokens = 1500;
    /* gemini/gemini-2.5-pro past 200000: input 2.5e-06, output 1.5e-05:
       300000*2.5e-06 + 2000*1.5e-05 = 0.75 + 0.03 */
    CHECK_USD(cost_of(TABLE, "gemini/gemini-2.5-pro", &u), 0.78);
    u = usage(200000, 2000);
    /* at 200000, base prices 1.25e-06 and 1e-05: 0.25 + 0.02 */
    CHECK_USD(cost_of(TABLE, "gemini/gemini-2.5-pro", &u), 0.27);
}

/* ---- where LiteLLM's cost code decides (litellm_core_utils/llm_cost_calc/utils.py) ---- */

static void xai_tier_from_the_threshold(void) {
    llm_usage u = usage(128000, 1000);
    llm_cost_info c;
    /* _INCLUSIVE_THRESHOLD_PROVIDERS = {"xai"}: xAI's higher tier "once the prompt reaches the
       threshold". xai/grok-4-0709 at 128000: 128000*6e-06 + 1000*3e-05 = 0.768 + 0.03 */
    CHECK_EQ_INT(llm_cost(TABLE, "xai/grok-4-0709", &u, &c, NULL), LLM_OK);
    CHECK_USD(c.usd, 0.798);
    CHECK(c.above_threshold);
    /* one token below: 127999*3e-06 + 1000*1.5e-05 = 0.383997 + 0.015 */
    u = usage(127999, 1000);
    CHECK_USD(cost_of(TABLE, "xai/grok-4-0709", &u), 0.398997);
    /* other providers from above it: gemini/gemini-2.5-pro at 200000 is in gemini_reasoning_and_threshold */
}

static void reasoning_under_a_service_tier(void) {
    llm_usage u = usage(1000, 1000);
    u.reasoning_tokens = 600;
    /* _resolve_reasoning_token_cost: a tier with its own output price bills reasoning at it, before
       output_cost_per_reasoning_token. gemini/gemini-3.1-flash-lite priority: input 4.5e-07, output 2.7e-06:
       1000*4.5e-07 + 400*2.7e-06 + 600*2.7e-06 = 0.00045 + 0.00108 + 0.00162 */
    CHECK_USD(cost_tier("gemini/gemini-3.1-flash-lite", &u, "priority", false), 0.00315);
    /* flex, input 1.25e-07, output 7.5e-07: 1000*1.25e-07 + 1000*7.5e-07 = 0.000125 + 0.00075 */
    CHECK_USD(cost_tier("gemini/gemini-3.1-flash-lite", &u, "flex", false), 0.000875);
    /* standard, reasoning 1.5e-06 as its own price: 1000*2.5e-07 + 400*1.5e-06 + 600*1.5e-06 = 0.00025 + 0.0015 */
    CHECK_USD(cost_tier("gemini/gemini-3.1-flash-lite", &u, NULL, false), 0.00175);
}

/* ---- OpenRouter, Azure, Bedrock ---- */

static void openrouter_azure_bedrock(void) {
    llm_usage u = usage(10000, 500);
    u.cached_tokens = 4000;
    u.cache_creation_tokens = 2000;
    /* openrouter/anthropic/claude-sonnet-4.5: input 3e-06, read 3e-07, write 3.75e-06, output 1.5e-05:
       4000*3e-06 + 4000*3e-07 + 2000*3.75e-06 + 500*1.5e-05 = 0.012 + 0.0012 + 0.0075 + 0.0075 */
    CHECK_USD(cost_of(TABLE, "openrouter/anthropic/claude-sonnet-4.5", &u), 0.0282);
    u = usage(1000, 200);
    u.cached_tokens = 400;
    /* azure/gpt-4o: input 2.5e-06, read 1.25e-06, output 1e-05: 600*2.5e-06 + 400*1.25e-06 + 200*1e-05 */
    CHECK_USD(cost_of(TABLE, "azure/gpt-4o", &u), 0.004);
    u = usage(2000, 1000);
    /* anthropic.claude-3-5-sonnet-20240620-v1:0 (bedrock): 2000*3e-06 + 1000*1.5e-05 = 0.006 + 0.015 */
    CHECK_USD(cost_of(TABLE, "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", &u), 0.021);
    CHECK_USD(cost_of(TABLE, "anthropic.claude-3-5-sonnet-20240620-v1:0", &u), 0.021);
}

/* ---- usage buckets ---- */

static void usage_buckets_are_disjoint(void) {
    llm_usage u = usage(26000, 800);
    llm_usage_buckets b;
    u.cached_tokens = 20000;
    u.cache_creation_tokens = 5000;
    u.cache_creation_1h_tokens = 2000;
    u.audio_prompt_tokens = 400;
    u.reasoning_tokens = 500;
    u.audio_completion_tokens = 100;
    b = llm_usage_split(&u);
    CHECK_EQ_INT(b.cache_read, 20000);
    CHECK_EQ_INT(b.cache_write_5m, 3000);
    CHECK_EQ_INT(b.cache_write_1h, 2000);
    CHECK_EQ_INT(b.input_audio, 400);
    CHECK_EQ_INT(b.input_uncached, 600);
    CHECK_EQ_INT(b.output_reasoning, 500);
    CHECK_EQ_INT(b.output_audio, 100);
    CHECK_EQ_INT(b.output_text, 200);
    CHECK_EQ_INT(b.prompt_tokens, 26000);
    CHECK_EQ_INT(b.completion_tokens, 800);
    /* details larger than the totals are clipped, negatives are 0 */
    u = usage(100, 10);
    u.cached_tokens = 150;
    u.cache_creation_tokens = 50;
    u.reasoning_tokens = -5;
    u.audio_completion_tokens = 20;
    b = llm_usage_split(&u);
    CHECK_EQ_INT(b.cache_read, 100);
    CHECK_EQ_INT(b.cache_write_5m + b.cache_write_1h + b.input_uncached, 0);
    CHECK_EQ_INT(b.output_reasoning, 0);
    CHECK_EQ_INT(b.output_audio, 10);
    CHECK_EQ_INT(b.output_text, 0);
    b = llm_usage_split(NULL);
    CHECK_EQ_INT(b.prompt_tokens, 0);
}

/* ---- name resolution ---- */

static void check_key(const char *model, const char *key, const char *provider) {
    llm_model_info info;
    llm_error err;
    if (!CHECK_EQ_INT(llm_model_info_get(TABLE, model, &info, &err), LLM_OK)) {
        fprintf(stderr, "  %s: %s\n", model, err.message);
        return;
    }
    CHECK_EQ_STR(info.key, key);
    CHECK_EQ_STR(info.provider, provider);
}

static void names_resolve_like_litellm(void) {
    check_key("gpt-4o", "gpt-4o", "openai");
    check_key("GPT-4o", "gpt-4o", "openai");
    check_key("openai/gpt-4o", "gpt-4o", "openai");
    check_key("gpt-4o-2024-08-06", "gpt-4o-2024-08-06", "openai");
    check_key("gpt-4o-2031-01-01", "gpt-4o", "openai");                  /* a date the table lacks */
    check_key("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5", "anthropic");
    check_key("claude-sonnet-4-5-20991231", "claude-sonnet-4-5", "anthropic");
    check_key("gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro", "gemini");
    check_key("gemini-2.5-pro", "gemini-2.5-pro", "vertex_ai-language-models");
    check_key("openrouter/openai/gpt-4o", "openrouter/openai/gpt-4o", "openrouter");
    check_key("azure/gpt-4o-2024-08-06", "azure/gpt-4o-2024-08-06", "azure");
    check_key("ft:gpt-4o-2024-08-06:my-org::abc123", "ft:gpt-4o-2024-08-06", "openai");
    check_key("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock");
    /* keys that differ only in case: an exact key wins */
    check_key("together_ai/BAAI/bge-base-en-v1.5", "together_ai/BAAI/bge-base-en-v1.5", "together_ai");
    check_key("together_ai/baai/bge-base-en-v1.5", "together_ai/baai/bge-base-en-v1.5", "together_ai");
}

static void unknown_models_are_errors(void) {
    llm_usage u = usage(10, 10);
    llm_cost_info c;
    llm_error err;
    llm_model_info info;
    c.usd = 99;
    memset(&err, 0, sizeof err); /* what the checks below read was written by llm_cost */
    CHECK_EQ_INT(llm_cost(TABLE, "no-such-model", &u, &c, &err), LLM_ERR_MODEL_UNKNOWN);
    CHECK_EQ_INT(err.code, LLM_ERR_MODEL_UNKNOWN);
    CHECK(strstr(err.message, "no-such-model") != NULL);
    CHECK(c.usd == 0 && c.key == NULL);
    /* the provider prefix is checked: gpt-4o is no anthropic model */
    CHECK_EQ_INT(llm_model_info_get(TABLE, "anthropic/gpt-4o", &info, NULL), LLM_ERR_MODEL_UNKNOWN);
    CHECK_EQ_INT(llm_model_info_get(TABLE, "", &info, NULL), LLM_ERR_MODEL_UNKNOWN);
    CHECK_EQ_INT(llm_model_info_get(TABLE, NULL, &info, NULL), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_cost(TABLE, "gpt-4o", NULL, &c, NULL), LLM_ERR_INVALID_ARGUMENT);
    /* dashscope/qwen-flash has only a tiered_pricing list; azure/tts-1 is priced per character */
    CHECK_EQ_INT(llm_cost(TABLE, "dashscope/qwen-flash", &u, &c, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "per-token") != NULL);
    CHECK_EQ_INT(llm_cost(TABLE, "azure/tts-1", &u, &c, NULL), LLM_ERR_UNSUPPORTED);
}

/* ---- model facts ---- */

static void capabilities_and_limits(void) {
    llm_model_info info;
    CHECK(llm_supports(TABLE, "gpt-4o", LLM_CAP_VISION | LLM_CAP_FUNCTION_CALLING | LLM_CAP_PROMPT_CACHING));
    CHECK(!llm_supports(TABLE, "gpt-4o", LLM_CAP_REASONING));
    CHECK(!llm_supports(TABLE, "text-embedding-3-small", LLM_CAP_FUNCTION_CALLING));
    CHECK(!llm_supports(TABLE, "no-such-model", 0));
    /* gemini/gemini-2.5-flash says supports_audio_output: false */
    CHECK(llm_supports(TABLE, "gemini/gemini-2.5-flash", LLM_CAP_REASONING | LLM_CAP_URL_CONTEXT | LLM_CAP_WEB_SEARCH));
    CHECK(!llm_supports(TABLE, "gemini/gemini-2.5-flash", LLM_CAP_AUDIO_OUTPUT));
    CHECK_EQ_INT(llm_model_info_get(TABLE, "claude-sonnet-4-5", &info, NULL), LLM_OK);
    CHECK_EQ_INT(info.max_input_tokens, 200000);
    CHECK_EQ_INT(info.max_output_tokens, 64000);
    CHECK_EQ_INT(info.tier_threshold, 200000);
    CHECK_EQ_INT(info.mode, LLM_MODE_CHAT);
    CHECK(info.price_set & ((uint64_t)1 << LLM_PRICE_CACHE_WRITE_1H_ABOVE));
    CHECK(info.price[LLM_PRICE_CACHE_WRITE_1H_ABOVE] == (double)1.2e-05);
    CHECK_EQ_INT(llm_model_info_get(TABLE, "text-embedding-3-small", &info, NULL), LLM_OK);
    CHECK_EQ_INT(info.mode, LLM_MODE_EMBEDDING);
    CHECK_EQ_STR(llm_price_name(LLM_PRICE_CACHE_READ), "cache_read_input_token_cost");
    CHECK_EQ_STR(llm_capability_name(LLM_CAP_VISION), "supports_vision");
    CHECK(llm_capability_name(3) == NULL);
    CHECK_EQ_STR(llm_model_mode_name(LLM_MODE_EMBEDDING), "embedding");
}

static bool count_one(void *user, const llm_model_info *info) {
    (void)info;
    (*(size_t *)user)++;
    return true;
}

static void each_lists_the_table(void) {
    size_t n = 0, all = llm_costs_each(TABLE, NULL, count_one, &n);
    CHECK_EQ_INT(all, n);
    CHECK(n > 2000);
    n = 0;
    all = llm_costs_each(TABLE, "anthropic", count_one, &n);
    CHECK_EQ_INT(all, n);
    CHECK(n > 10 && n < 100);
}

/* ---- the layered database ---- */

static const char *custom_json =
    "{\"sample_spec\": {\"litellm_provider\": \"x\"},"
    " \"gpt-4o\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06,"
    "   \"output_cost_per_token\": 2e-06, \"max_input_tokens\": 1000, \"supports_vision\": true},"
    " \"test-reasoner\": {\"litellm_provider\": \"openai\", \"input_cost_per_token\": 1e-06,"
    "   \"output_cost_per_token\": 2e-06, \"output_cost_per_reasoning_token\": 4e-06,"
    "   \"input_cost_per_token_above_128k_tokens\": 3e-06, \"weird\": [1, {}], \"max_output_tokens\": \"x\"}}";

static void loaded_and_registered_layers(void) {
    llm_costs db;
    llm_usage u = usage(1000, 100);
    llm_cost_info c;
    llm_model_info info;
    memset(&db, 0, sizeof db);
    CHECK_EQ_INT(llm_costs_load_json(&db, custom_json, strlen(custom_json), "mine.json", NULL), LLM_OK);
    /* loaded gpt-4o: 1000*1e-06 + 100*2e-06 = 0.001 + 0.0002 */
    CHECK_EQ_INT(llm_cost(&db, "gpt-4o", &u, &c, NULL), LLM_OK);
    CHECK_USD(c.usd, 0.0012);
    CHECK_EQ_STR(c.table, "mine.json");
    CHECK_EQ_INT(c.layer, LLM_COSTS_LOADED);
    /* the loaded entry replaces the embedded one whole: no cache price, so
       cached tokens cost 0 (LiteLLM: a missing price is 0): 500*1e-06 + 100*2e-06 */
    u.cached_tokens = 500;
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.0007);
    /* other models still come from the embedded table (without it: none) */
#ifndef LLM_NO_COSTS_TABLE
    CHECK_EQ_INT(llm_cost(&db, "o3-mini", &u, &c, NULL), LLM_OK);
    CHECK_EQ_INT(c.layer, LLM_COSTS_EMBEDDED);
#else
    CHECK_EQ_INT(llm_cost(&db, "o3-mini", &u, &c, NULL), LLM_ERR_MODEL_UNKNOWN);
#endif
    /* own reasoning price: 1000*1e-06 + 200*2e-06 + 800*4e-06 = 0.001 + 0.0004 + 0.0032 */
    u = usage(1000, 1000);
    u.reasoning_tokens = 800;
    CHECK_USD(cost_of(&db, "test-reasoner", &u), 0.0046);
    /* past 128k: 200000*3e-06 + 1000*2e-06 (no output tier: base) = 0.6 + 0.002 */
    u = usage(200000, 1000);
    CHECK_USD(cost_of(&db, "test-reasoner", &u), 0.602);
    CHECK_EQ_INT(llm_model_info_get(&db, "test-reasoner", &info, NULL), LLM_OK);
    CHECK_EQ_INT(info.max_output_tokens, 0);
    CHECK_EQ_INT(info.mode, LLM_MODE_NONE);
    CHECK(llm_supports(&db, "gpt-4o", LLM_CAP_VISION) && !llm_supports(&db, "gpt-4o", LLM_CAP_FUNCTION_CALLING));
    /* a registered entry sits above both */
    memset(&info, 0, sizeof info);
    info.key = "gpt-4o";
    info.provider = "openai";
    info.price[LLM_PRICE_INPUT] = 5e-06;
    info.price_set = (uint64_t)1 << LLM_PRICE_INPUT;
    CHECK_EQ_INT(llm_costs_register(&db, &info, NULL), LLM_OK);
    info.key = "my-local-model";
    CHECK_EQ_INT(llm_costs_register(&db, &info, NULL), LLM_OK);
    u = usage(1000, 100);
    /* 1000*5e-06 + 100*0 (no output price) */
    CHECK_EQ_INT(llm_cost(&db, "gpt-4o", &u, &c, NULL), LLM_OK);
    CHECK_USD(c.usd, 0.005);
    CHECK_EQ_STR(c.table, "registered");
    CHECK_USD(cost_of(&db, "openai/my-local-model", &u), 0.005);
    info.key = "gpt-4o";
    info.price[LLM_PRICE_INPUT] = 6e-06;
    CHECK_EQ_INT(llm_costs_register(&db, &info, NULL), LLM_OK);   /* replaces */
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.006);
    {
        size_t n = 0, embedded = llm_costs_each(NULL, NULL, NULL, NULL);
#ifndef LLM_NO_COSTS_TABLE
        size_t more = 2; /* gpt-4o is hidden twice; test-reasoner and my-local-model are new */
#else
        size_t more = 3; /* no table: gpt-4o, test-reasoner, my-local-model */
        CHECK_EQ_INT(embedded, 0);
#endif
        CHECK_EQ_INT(llm_costs_each(&db, NULL, count_one, &n), embedded + more);
        CHECK_EQ_INT(n, embedded + more);
    }
    llm_costs_deinit(&db);
    check_embedded_price(&db, "gpt-4o", &u, 0.0035);
    CHECK_EQ_INT(llm_costs_register(&db, NULL, NULL), LLM_ERR_INVALID_ARGUMENT);
}

static void bad_json_keeps_the_previous_table(void) {
    static const char *bad[] = {
        "{\"gpt-4o\": {\"litellm_provider\": \"openai\", \"input_cost_per_token\": 9e-06",   /* truncated */
        "[1, 2, 3]", "{}", "{\"a\": 1, \"b\": {\"mode\": \"chat\"}}", "not json", ""};
    llm_costs db;
    llm_usage u = usage(1000, 100);
    llm_error err;
    size_t i;
    memset(&db, 0, sizeof db);
    CHECK_EQ_INT(llm_costs_load_json(&db, custom_json, strlen(custom_json), "mine.json", NULL), LLM_OK);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        llm_result r = llm_costs_load_json(&db, bad[i], strlen(bad[i]), "bad.json", &err);
        CHECK(r == LLM_ERR_PARSE);
        CHECK(err.message[0] != '\0');
        /* still mine.json: 1000*1e-06 + 100*2e-06 */
        CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.0012);
    }
    llm_costs_deinit(&db);
}

/* A database holding the table "one" (entry x), then loading custom_json
   with allocation number `fail_at` of that load failed (0: none); the
   load's result, and its allocations in *count. */
static llm_result load_over_one(llm_costs *db, test_alloc_stats *stats, long fail_at, long *count) {
    static const char one[] = "{\"x\": {\"litellm_provider\": \"p\"}}";
    llm_allocator a = TEST_ALLOCATOR(stats);
    llm_result r;
    long before;
    memset(stats, 0, sizeof *stats);
    memset(db, 0, sizeof *db);
    db->alloc = a;
    CHECK_EQ_INT(llm_costs_load_json(db, one, sizeof one - 1, "one", NULL), LLM_OK);
    before = stats->total;
    stats->fail_at = fail_at ? before + fail_at : 0;
    r = llm_costs_load_json(db, custom_json, strlen(custom_json), "two", NULL);
    *count = stats->total - before;
    return r;
}

/* Count the allocations of a load, then fail each in turn: every one must
   be NO_MEMORY, keep the previous table, and leak nothing. */
static void out_of_memory_keeps_the_previous_table(void) {
    test_alloc_stats stats;
    llm_costs db;
    llm_usage u = usage(1000, 100);
    long n, total, count;
    CHECK_EQ_INT(load_over_one(&db, &stats, 0, &total), LLM_OK);
    llm_costs_deinit(&db);
    CHECK(total >= 2);
    for (n = 1; n <= total; n++) {
        if (!CHECK_EQ_INT(load_over_one(&db, &stats, n, &count), LLM_ERR_NO_MEMORY))
            fprintf(stderr, "  allocation %ld of %ld failed\n", n, total);
        CHECK_EQ_INT(llm_model_info_get(&db, "x", NULL, NULL), LLM_OK);
        /* embedded gpt-4o: 1000*2.5e-06 + 100*1e-05 */
        check_embedded_price(&db, "gpt-4o", &u, 0.0035);
        llm_costs_deinit(&db);
        CHECK_EQ_INT(stats.live, 0);
        CHECK_EQ_INT(stats.bad_sizes, 0);
    }
}

/* ---- refresh through a fake transport ---- */

typedef struct fake {
    int status;
    const char *body;
    llm_result result;
    int calls;
} fake;

static llm_result fake_send(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    fake *f = (fake *)user;
    llm_result r;
    size_t i, n;
    f->calls++;
    CHECK_EQ_STR(req->method, "GET");
    if (f->result != LLM_OK) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = f->result;
            strcpy(err->message, "fake transport: timed out");
        }
        return f->result;
    }
    if ((r = sink->status(sink->ctx, f->status)) != LLM_OK) return r;
    if ((r = sink->header(sink->ctx, "content-type", 12, "text/plain", 10)) != LLM_OK) return r;
    n = strlen(f->body);
    for (i = 0; i < n; i += 7)   /* in small chunks */
        if ((r = sink->body(sink->ctx, f->body + i, n - i < 7 ? n - i : 7)) != LLM_OK) return r;
    return LLM_OK;
}

#ifndef LLM_NO_STDIO
static void refresh_falls_back(void) {
    char cache[64];
    const char *good2 = "{\"gpt-4o\": {\"litellm_provider\": \"openai\", \"input_cost_per_token\": 3e-06}}";
    fake f;
    llm_transport t;
    llm_costs db;
    llm_costs_origin origin;
    llm_error err;
    llm_usage u = usage(1000, 0);
    snprintf(cache, sizeof cache, "build/test_costs_cache-%ld.json", (long)getpid());
    remove(cache);
    memset(&f, 0, sizeof f);
    t.send = fake_send;
    t.user = &f;
    memset(&db, 0, sizeof db);
    memset(&err, 0, sizeof err);
    /* 500, no cache: the embedded table stays (1000*2.5e-06) */
    f.status = 500;
    f.body = "oops";
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, NULL, cache, 3600, 1000, &origin, &err), LLM_ERR_SERVER);
    CHECK_EQ_INT(err.http_status, 500);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_NOTHING);
    check_embedded_price(&db, "gpt-4o", &u, 0.0025);
    /* success: loaded and cached (1000*1e-06) */
    f.status = 200;
    f.body = custom_json;
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "http://prices.test/p.json", cache, 3600, 1000, &origin, &err), LLM_OK);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_NETWORK);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
    llm_costs_deinit(&db);
    /* a young cache is used without a fetch */
    f.calls = 0;
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "http://prices.test/p.json", cache, 3600, 1000 + 3599, &origin, NULL), LLM_OK);
    CHECK_EQ_INT(f.calls, 0);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_CACHE);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
    llm_costs_deinit(&db);
    /* old cache, garbage body: the stale cache is used */
    f.body = "<html>rate limited</html>";
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "http://prices.test/p.json", cache, 3600, 1000 + 3600, &origin, &err), LLM_ERR_PARSE);
    CHECK_EQ_INT(f.calls, 1);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_STALE_CACHE);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
    /* timeout: stale cache again; then a good fetch replaces it (1000*3e-06) */
    f.result = LLM_ERR_TIMEOUT;
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "http://prices.test/p.json", cache, 60, 99999, &origin, &err), LLM_ERR_TIMEOUT);
    CHECK(strstr(err.message, "timed out") != NULL);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_STALE_CACHE);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
    f.result = LLM_OK;
    f.body = good2;
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, "http://prices.test/p.json", cache, 60, 99999, &origin, &err), LLM_OK);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.003);
    llm_costs_deinit(&db);
    /* no cache file, timeout: the embedded table */
    remove(cache);
    f.result = LLM_ERR_TIMEOUT;
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, NULL, NULL, 60, 5, &origin, NULL), LLM_ERR_TIMEOUT);
    check_embedded_price(&db, "gpt-4o", &u, 0.0025);
    llm_costs_deinit(&db);
}
#endif

static void refresh_without_cache(void) {
    fake f;
    llm_transport t;
    llm_costs db;
    llm_costs_origin origin;
    llm_usage u = usage(1000, 0);
    memset(&f, 0, sizeof f);
    memset(&db, 0, sizeof db);
    t.send = fake_send;
    t.user = &f;
    f.status = 200;
    f.body = custom_json;
    /* 1000*1e-06 from the fetched table */
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, NULL, NULL, 60, 5, &origin, NULL), LLM_OK);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_NETWORK);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
    /* a garbage body leaves the fetched table in place */
    f.body = "{\"truncated\": ";
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, NULL, NULL, 60, 5, &origin, NULL), LLM_ERR_PARSE);
    CHECK_EQ_INT(origin, LLM_COSTS_FROM_NOTHING);
    CHECK_USD(cost_of(&db, "gpt-4o", &u), 0.001);
#ifdef LLM_NO_STDIO
    CHECK_EQ_INT(llm_costs_refresh(&db, &t, NULL, "cache.json", 60, 5, &origin, NULL), LLM_ERR_DISABLED);
#endif
    llm_costs_deinit(&db);
}

static void responses_get_a_cost(void) {
    llm_response r;
    memset(&r, 0, sizeof r);
    r.usage = usage(1000, 500);
    r.model = "gpt-4o-2024-08-06";
    /* 1000*2.5e-06 + 500*1e-05 */
    CHECK_EQ_INT(llm_response_price(TABLE, &r, "azure/my-deployment", NULL), LLM_OK);
    CHECK(r.has_cost);
    CHECK_USD(r.cost_usd, 0.0075);
    r.service_tier = "priority";
    r.model = "gpt-4o";
    /* 1000*4.25e-06 + 500*1.7e-05 = 0.00425 + 0.0085 */
    CHECK_EQ_INT(llm_response_price(TABLE, &r, NULL, NULL), LLM_OK);
    CHECK_USD(r.cost_usd, 0.01275);
    r.model = "who-knows";
    CHECK_EQ_INT(llm_response_price(TABLE, &r, NULL, NULL), LLM_ERR_MODEL_UNKNOWN);
    CHECK(!r.has_cost);
    r.model = "gpt-4o";
    r.usage.source = LLM_USAGE_MISSING;
    CHECK_EQ_INT(llm_response_price(TABLE, &r, NULL, NULL), LLM_OK);
    CHECK(!r.has_cost);
}

static const test_case cases[] = {
    TEST(openai_plain_and_cached), TEST(openai_reasoning_without_its_own_price), TEST(openai_audio_tokens),
    TEST(openai_above_272k), TEST(openai_service_tiers_and_batch), TEST(openai_embedding),
    TEST(anthropic_cache_reads_and_writes), TEST(anthropic_above_200k), TEST(gemini_reasoning_and_threshold),
    TEST(xai_tier_from_the_threshold), TEST(reasoning_under_a_service_tier), TEST(openrouter_azure_bedrock), TEST(usage_buckets_are_disjoint), TEST(names_resolve_like_litellm),
    TEST(unknown_models_are_errors), TEST(capabilities_and_limits), TEST(each_lists_the_table),
    TEST(loaded_and_registered_layers), TEST(bad_json_keeps_the_previous_table),
    TEST(out_of_memory_keeps_the_previous_table),
#ifndef LLM_NO_STDIO
    TEST(refresh_falls_back),
#endif
    TEST(refresh_without_cache), TEST(responses_get_a_cost),
};

int main(int argc, char **argv) {
    int status = test_main(cases, TEST_COUNT(cases), argc, argv);
#ifdef LLM_NO_COSTS_TABLE
    llm_costs_deinit(&loaded_table);
#endif
    return status;
}

#else
int main(void) {
    puts("0 passed, 0 failed (LLM_NO_COSTS)");
    return 0;
}
#endif
