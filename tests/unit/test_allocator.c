/* Every allocation goes through the caller's llm_allocator: the default
   allocator macros are pointed at counters here, and so is every direct
   use of libc's malloc, calloc, realloc and free in the implementation; a
   custom allocator is given to every object, and each subsystem is
   exercised; neither the defaults nor libc may be called, and everything
   the custom allocator handed out must come back. */
#include <stdlib.h>
#include "../test.h" /* before the counters: its own helpers use libc */

static long default_calls, libc_calls;
static void *default_alloc(size_t n) { default_calls++; return malloc(n); }
static void *default_realloc(void *p, size_t n) { default_calls++; return realloc(p, n); }
static void default_free(void *p) { if (p) default_calls++; free(p); }
/* not static: nothing in llm.h may use them, so they may go unused */
void *libc_malloc(size_t n);
void *libc_calloc(size_t n, size_t size);
void *libc_realloc(void *p, size_t n);
void libc_free(void *p);
void *libc_malloc(size_t n) { libc_calls++; return malloc(n); }
void *libc_calloc(size_t n, size_t size) { libc_calls++; return calloc(n, size); }
void *libc_realloc(void *p, size_t n) { libc_calls++; return realloc(p, n); }
void libc_free(void *p) { if (p) libc_calls++; free(p); }
#define LLM_DEFAULT_ALLOC(n) default_alloc(n)
#define LLM_DEFAULT_REALLOC(p, n) default_realloc(p, n)
#define LLM_DEFAULT_FREE(p) default_free(p)
/* object-like, so llm_allocator's members of the same names are renamed
   alike in this file (the test below uses them only positionally) */
#define malloc libc_malloc
#define calloc libc_calloc
#define realloc libc_realloc
#define free libc_free

#define LLM_IMPLEMENTATION
#include "../../llm.h"
#undef malloc
#undef calloc
#undef realloc
#undef free

static test_alloc_stats stats;

/* The given allocator counts like test.h's, but keeps each block's size in
   a table of the live blocks instead of a header before it: the block it
   hands out is the one malloc returned, so the block is whole whatever
   frees it (the static analyzer follows paths where a block of the given
   allocator reaches the defaults' free, which the checks below exclude).
   The suite's peak is some 20 live blocks. */
#define COUNTED_MAX 256
static struct {
    void *block[COUNTED_MAX];
    size_t size[COUNTED_MAX];
    long full;   /* allocations refused because the table was full */
    long strays; /* blocks given back that the table did not hold */
} counted_table;

static size_t counted_slot(const void *p) {
    size_t i = 0;
    while (i < COUNTED_MAX && counted_table.block[i] != p) i++;
    return i;
}

static void *counted_alloc(void *user, size_t size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    size_t i = counted_slot(NULL);
    void *p;
    s->total++;
    if (s->fail_at && s->total == s->fail_at) return NULL;
    if (i == COUNTED_MAX) {
        counted_table.full++;
        return NULL;
    }
    if (!(p = malloc(size))) return NULL;
    counted_table.block[i] = p;
    counted_table.size[i] = size;
    s->live++;
    s->live_bytes += size;
    return p;
}

/* A block the table does not hold is counted as a stray and still given
   to libc, as one of the defaults' would be. */
static void counted_free(void *user, void *ptr, size_t size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    size_t i;
    if (!ptr) return;
    if ((i = counted_slot(ptr)) == COUNTED_MAX) {
        counted_table.strays++;
    } else {
        if (counted_table.size[i] != size) s->bad_sizes++;
        s->live--;
        s->live_bytes -= counted_table.size[i];
        counted_table.block[i] = NULL;
    }
    free(ptr);
}

static void *counted_realloc(void *user, void *ptr, size_t old_size, size_t new_size) {
    test_alloc_stats *s = (test_alloc_stats *)user;
    size_t i, real;
    void *q;
    if (!ptr) return counted_alloc(user, new_size);
    i = counted_slot(ptr);
    real = i < COUNTED_MAX ? counted_table.size[i] : old_size;
    if (real != old_size) s->bad_sizes++;
    q = counted_alloc(user, new_size);
    if (!q) return NULL;
    memcpy(q, ptr, real < new_size ? real : new_size);
    counted_free(user, ptr, real);
    return q;
}

static llm_allocator counted(void) {
    llm_allocator a = {counted_alloc, counted_realloc, counted_free, &stats};
    return a;
}

static void json_uses_only_the_given_allocator(void) {
    llm_json_doc doc;
    llm_json_writer w;
    memset(&doc, 0, sizeof doc);
    memset(&w, 0, sizeof w);
    doc.alloc = w.alloc = counted();
    CHECK_EQ_INT(llm_json_parse(&doc, "{\"a\":[1,\"x\",{\"b\":null}]}", 24, NULL), LLM_OK);
    llm_json_write_value(&w, llm_json_root(&doc));
    llm_json_write_raw(&w, "[1]", 3); /* a second value: an error, after a check that parses */
    llm_json_doc_free(&doc);
    llm_json_writer_free(&w);
}

static void calls_streams_and_conversations_use_only_the_given_allocator(void) {
    static const char sse[] = "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                              "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\ndata: [DONE]\n\n";
    llm_mock_exchange x[2];
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_message m;
    llm_request req;
    llm_response resp;
    llm_conversation conv;
    size_t len;
    char *body = TEST_READ_FIXTURE("tests/data/provider-samples/openai/chat_completion_parallel_tool_calls.json", &len);
    memset(x, 0, sizeof x);
    x[0].status = x[1].status = 200;
    x[0].body = body;
    x[0].body_len = len;
    x[1].body = sse;
    x[1].chunk = 9;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = x;
    mock.count = 2;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.alloc = counted();
    d.keep_raw_body = true;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    memset(&m, 0, sizeof m);
    m.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    req.extra_body = "{\"x_custom\":{\"a\":1}}";
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK);
    memset(&conv, 0, sizeof conv);
    conv.alloc = counted();
    CHECK_EQ_INT(llm_conversation_add(&conv, &m), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, NULL), LLM_OK);
    llm_response_free(&resp);
    llm_conversation_free(&conv);
    free(body);
}

static void prices_and_vocabularies_use_only_the_given_allocator(void) {
#ifndef LLM_NO_COSTS
    const char *prices = "{\"my-model\":{\"litellm_provider\":\"openai\",\"mode\":\"chat\",\"input_cost_per_token\":1e-06,"
                         "\"output_cost_per_token\":2e-06}}";
    llm_costs db;
    llm_usage u;
    llm_cost_info info;
    memset(&db, 0, sizeof db);
    db.alloc = counted();
    CHECK_EQ_INT(llm_costs_load_json(&db, prices, strlen(prices), "test", NULL), LLM_OK);
    memset(&u, 0, sizeof u);
    u.source = LLM_USAGE_REPORTED;
    u.prompt_tokens = 10;
    CHECK_EQ_INT(llm_cost(&db, "my-model", &u, &info, NULL), LLM_OK);
    llm_costs_deinit(&db);
#endif
#ifndef LLM_NO_BPE
    {
        llm_bpe bpe;
        llm_allocator a = counted();
        size_t len, n = 0;
        char *vocab = TEST_READ_FIXTURE("tests/data/tokens/cl100k_base.tiktoken", &len);
        CHECK_EQ_INT(llm_bpe_load(&bpe, LLM_ENCODING_CL100K_BASE, vocab, len, &a, NULL), LLM_OK);
        CHECK_EQ_INT(llm_bpe_count(&bpe, "hello world, a longer piece: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 170, &n, NULL), LLM_OK);
        CHECK(n > 0);
        llm_bpe_free(&bpe);
        free(vocab);
    }
#endif
}

/* Counting a request with a tool parses its parameters and joins long
   names: through the allocator given, and through the client's in a call
   (the call estimates the prompt for answers without usage). */
static void token_counting_uses_only_the_given_allocator(void) {
    static const char long_description[] =
        "Looks up the current weather for a city and returns the temperature in degrees Celsius, the wind speed and its direction, "
        "the humidity, the pressure at sea level, the chance of rain in the next hours and a short forecast for the rest of the day; "
        "call it whenever the user asks about the weather, the temperature or whether to take an umbrella, in any city of the world, "
        "and prefer it over guessing, since the values change every hour and the user wants the current ones rather than averages.";
    llm_tool tool;
    llm_message m;
    llm_request req;
    llm_allocator a = counted();
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_response resp;
    size_t n = 0;
    long before = stats.total;
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = long_description;
    tool.parameters = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"the city\"}}}";
    memset(&m, 0, sizeof m);
    m.content = "Weather in Oslo?";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    req.tools = &tool;
    req.tool_count = 1;
    CHECK_EQ_INT(llm_count_request_tokens(&req, NULL, &a, &n, NULL), LLM_OK);
    CHECK(n > 100);
    CHECK(stats.total >= before + 2); /* the parameters' document and the joined name */
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.body = "{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Cold.\"},"
             "\"finish_reason\":\"stop\"}]}";
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.alloc = counted();
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK);
    CHECK(resp.usage.source == LLM_USAGE_MISSING && resp.usage_estimate.source == LLM_USAGE_ESTIMATED &&
          resp.usage_estimate.prompt_tokens == (int64_t)n);
    llm_response_free(&resp);
}

static void nothing_went_to_the_defaults(void) {
    CHECK_EQ_INT(default_calls, 0);
    CHECK_EQ_INT(libc_calls, 0);
    CHECK(stats.total > 0);
    CHECK_EQ_INT(stats.live, 0);
    CHECK_EQ_INT(stats.bad_sizes, 0);
    CHECK_EQ_INT(counted_table.full, 0);
    CHECK_EQ_INT(counted_table.strays, 0);
}

static const test_case cases[] = {
    TEST(json_uses_only_the_given_allocator),
    TEST(calls_streams_and_conversations_use_only_the_given_allocator),
    TEST(prices_and_vocabularies_use_only_the_given_allocator),
    TEST(token_counting_uses_only_the_given_allocator),
    TEST(nothing_went_to_the_defaults),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
