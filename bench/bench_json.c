/* bench_json: JSON parse and encode speed of llm.h, beside cJSON and
   simdjson (DOM) measured in the same run on the same bytes.

   Workloads (generated from a fixed seed, so every run sees the same bytes):
   - one ~5 MB chat-completion response (a long content string with escapes
     and non-ASCII text),
   - 10,000 chat-completion responses of ~1 KB each,
   - encoding a 100-message request.
   Each parse is checked: the content length read back must equal the one
   generated (a wrong one exits 1). Figures are the best of several rounds,
   in MB/s of input. BENCH_SMOKE=1: a small input, one round (the smoke
   check `make test` runs; figures not meaningful). Prints
   "RESULT\tbench_json\tCASE\tIMPL\tmb_per_s\tVALUE" lines beside the table. */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef BENCH_CJSON
#include <cjson/cJSON.h>
#endif

#ifdef BENCH_SIMDJSON
/* bench_simdjson.cc: parses each document, returns the sum of content lengths */
size_t simdjson_content_sum(const char *const *docs, const size_t *lens, size_t count, int rounds, double *best_seconds);
#endif

/* Appends generated prose as a JSON string body (escaped) to buf; returns
   the unescaped byte count. */
static size_t gen_text(char *buf, size_t *pos, size_t target) {
    static const char *const words[] = {"the", "model", "returns", "a", "response", "with", "several", "tokens",
                                        "weather", "in", "San", "Francisco", "is", "sunny", "today", "and"};
    size_t raw = 0;
    while (raw < target) {
        uint32_t r = bench_rng() % 100;
        const char *w;
        if (r < 2) { memcpy(buf + *pos, "\\n", 2); *pos += 2; raw += 1; continue; }
        if (r < 3) { memcpy(buf + *pos, "\\\"", 2); *pos += 2; raw += 1; continue; }
        if (r < 5) { memcpy(buf + *pos, "caf\xC3\xA9 ", 6); *pos += 6; raw += 6; continue; }
        if (r < 6) { memcpy(buf + *pos, "\xE4\xBD\xA0\xE5\xA5\xBD ", 7); *pos += 7; raw += 7; continue; }
        w = words[bench_rng() % 16];
        memcpy(buf + *pos, w, strlen(w));
        *pos += strlen(w);
        buf[(*pos)++] = ' ';
        raw += strlen(w) + 1;
    }
    return raw;
}

static char *gen_response(size_t content_target, size_t *len, size_t *content_len) {
    char *buf = (char *)malloc(content_target * 2 + 1024);
    size_t pos = 0;
    pos += (size_t)sprintf(buf, "{\"id\":\"chatcmpl-%u\",\"object\":\"chat.completion\",\"created\":1727346142,"
                                "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                "\"content\":\"", bench_rng());
    *content_len = gen_text(buf, &pos, content_target);
    pos += (size_t)sprintf(buf + pos, "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                                      "\"usage\":{\"prompt_tokens\":%u,\"completion_tokens\":%u,\"total_tokens\":%u,"
                                      "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":"
                                      "{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_b40fb1c6fb\"}",
                           bench_rng() % 1000, bench_rng() % 1000, bench_rng() % 2000);
    *len = pos;
    return buf;
}

static size_t llm_content_sum(llm_json_doc *doc, char **docs, const size_t *lens, size_t count) {
    size_t i, sum = 0, n;
    for (i = 0; i < count; i++) {
        if (llm_json_parse(doc, docs[i], lens[i], NULL) != LLM_OK) return 0;
        llm_json_string(llm_json_get(llm_json_get(llm_json_at(llm_json_get(llm_json_root(doc), "choices"), 0), "message"), "content"), &n);
        sum += n;
    }
    return sum;
}

#ifdef BENCH_CJSON
static size_t cjson_content_sum(char **docs, const size_t *lens, size_t count) {
    size_t i, sum = 0;
    for (i = 0; i < count; i++) {
        cJSON *root = cJSON_ParseWithLength(docs[i], lens[i]);
        cJSON *c = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "choices"), 0), "message"), "content");
        if (!cJSON_IsString(c)) return 0;
        sum += strlen(c->valuestring);
        cJSON_Delete(root);
    }
    return sum;
}
#endif

typedef struct workload {
    const char *name, *key; /* key: the RESULT lines' case */
    char **docs;
    size_t *lens;
    size_t count, bytes, expected;
} workload;

/* set when a parse read back a wrong content length: main exits 1 */
static int wrong_results;

static void report(const char *who, const char *impl, const workload *w, double seconds, size_t got) {
    printf("  %-28s %8.0f MB/s%s\n", who, (double)w->bytes / seconds / 1e6, got == w->expected ? "" : "   WRONG RESULT");
    printf("RESULT\tbench_json\t%s\t%s\tmb_per_s\t%.0f\n", w->key, impl, (double)w->bytes / seconds / 1e6);
    wrong_results += got != w->expected;
}

static void bench_parse(const workload *w, int rounds) {
    llm_json_doc doc;
    double best = 1e9, t;
    size_t got = 0;
    int r;
    printf("parse %s (%zu documents, %.1f MB)\n", w->name, w->count, (double)w->bytes / 1e6);
    memset(&doc, 0, sizeof doc);
    for (r = 0; r < rounds; r++) {
        t = bench_now();
        got = llm_content_sum(&doc, w->docs, w->lens, w->count);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    llm_json_doc_free(&doc);
    report("llm.h (reused document)", "llm.h", w, best, got);
#ifdef BENCH_CJSON
    best = 1e9;
    for (r = 0; r < rounds; r++) {
        t = bench_now();
        got = cjson_content_sum(w->docs, w->lens, w->count);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    report("cJSON 1.7.15", "cjson", w, best, got);
#endif
#ifdef BENCH_SIMDJSON
    got = simdjson_content_sum((const char *const *)w->docs, w->lens, w->count, rounds, &best);
    report("simdjson (DOM)", "simdjson_dom", w, best, got);
#endif
}

static void write_request(llm_json_writer *jw, char **texts, int n) {
    int i;
    llm_json_writer_reset(jw);
    llm_json_write_object_begin(jw);
    llm_json_write_key(jw, "model");
    llm_json_write_string(jw, "gpt-4o");
    llm_json_write_key(jw, "temperature");
    llm_json_write_number(jw, 0.7);
    llm_json_write_key(jw, "messages");
    llm_json_write_array_begin(jw);
    for (i = 0; i < n; i++) {
        llm_json_write_object_begin(jw);
        llm_json_write_key(jw, "role");
        llm_json_write_string(jw, i % 2 ? "assistant" : "user");
        llm_json_write_key(jw, "content");
        llm_json_write_string(jw, texts[i]);
        llm_json_write_object_end(jw);
    }
    llm_json_write_array_end(jw);
    llm_json_write_object_end(jw);
}

#ifdef BENCH_CJSON
static size_t cjson_request(char **texts, int n) {
    cJSON *root = cJSON_CreateObject(), *msgs;
    char *out;
    size_t len;
    int i;
    cJSON_AddStringToObject(root, "model", "gpt-4o");
    cJSON_AddNumberToObject(root, "temperature", 0.7);
    msgs = cJSON_AddArrayToObject(root, "messages");
    for (i = 0; i < n; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "role", i % 2 ? "assistant" : "user");
        cJSON_AddStringToObject(m, "content", texts[i]);
        cJSON_AddItemToArray(msgs, m);
    }
    out = cJSON_PrintUnformatted(root);
    len = strlen(out);
    cJSON_free(out);
    cJSON_Delete(root);
    return len;
}
#endif

static void bench_encode(int rounds, int reps) {
    char *texts[100];
    llm_json_writer jw;
    size_t total = 0, len = 0;
    double best = 1e9, t;
    int i, r;
    for (i = 0; i < 100; i++) { /* ~1 KB of raw text per message, with newlines, quotes and UTF-8 */
        size_t pos = 0, k, j = 0;
        char *esc = (char *)malloc(4096);
        gen_text(esc, &pos, 1000);
        texts[i] = (char *)malloc(pos + 1);
        for (k = 0; k < pos; k++) { /* undo the JSON escapes gen_text wrote */
            if (esc[k] == '\\') { k++; texts[i][j++] = esc[k] == 'n' ? '\n' : esc[k]; }
            else texts[i][j++] = esc[k];
        }
        texts[i][j] = '\0';
        free(esc);
    }
    memset(&jw, 0, sizeof jw);
    for (r = 0; r < rounds; r++) {
        t = bench_now();
        for (i = 0; i < reps; i++) write_request(&jw, texts, 100);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    if (llm_json_writer_finish(&jw, NULL, &len) != LLM_OK) len = 0;
    total = len * (size_t)reps;
    printf("encode a 100-message request (%.1f KB)\n", (double)len / 1e3);
    printf("  %-28s %8.0f MB/s\n", "llm.h writer", (double)total / best / 1e6);
    printf("RESULT\tbench_json\tencode\tllm.h\tmb_per_s\t%.0f\n", (double)total / best / 1e6);
#ifdef BENCH_CJSON
    best = 1e9;
    for (r = 0; r < rounds; r++) {
        size_t cl = 0;
        t = bench_now();
        for (i = 0; i < reps; i++) cl = cjson_request(texts, 100);
        t = bench_now() - t;
        if (t < best) best = t;
        if (cl != len) printf("  cJSON length %zu differs from llm.h's %zu\n", cl, len);
        wrong_results += cl != len;
    }
    printf("  %-28s %8.0f MB/s (build tree + print)\n", "cJSON 1.7.15", (double)total / best / 1e6);
    printf("RESULT\tbench_json\tencode\tcjson\tmb_per_s\t%.0f\n", (double)total / best / 1e6);
#endif
    llm_json_writer_free(&jw);
    for (i = 0; i < 100; i++) free(texts[i]);
}

int main(void) {
    const char *smoke_env = getenv("BENCH_SMOKE");
    int smoke = smoke_env && *smoke_env && strcmp(smoke_env, "0") != 0, rounds = smoke ? 1 : 20;
    workload big, small;
    size_t i;
    big.name = smoke ? "one ~50 KB completion" : "one ~5 MB completion";
    big.key = "one_big";
    big.count = 1;
    big.docs = (char **)malloc(sizeof(char *));
    big.lens = (size_t *)malloc(sizeof(size_t));
    big.docs[0] = gen_response(smoke ? 50000 : 5000000, &big.lens[0], &big.expected);
    big.bytes = big.lens[0];
    small.name = "~1 KB completions";
    small.key = "many_1kb";
    small.count = smoke ? 100 : 10000;
    small.docs = (char **)malloc(small.count * sizeof(char *));
    small.lens = (size_t *)malloc(small.count * sizeof(size_t));
    small.bytes = small.expected = 0;
    for (i = 0; i < small.count; i++) {
        size_t c;
        small.docs[i] = gen_response(550 + bench_rng() % 200, &small.lens[i], &c);
        small.bytes += small.lens[i];
        small.expected += c;
    }
    bench_parse(&big, rounds);
    bench_parse(&small, rounds);
    bench_encode(smoke ? 1 : 10, smoke ? 2 : 200);
    for (i = 0; i < small.count; i++) free(small.docs[i]);
    free(big.docs[0]);
    free(big.docs); free(big.lens); free(small.docs); free(small.lens);
    if (wrong_results) printf("bench_json: FAILED: %d wrong results above\n", wrong_results);
    return wrong_results != 0;
}
