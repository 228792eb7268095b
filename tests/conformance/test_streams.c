/* Streams against outside oracles:
   - every SSE fixture (provider recordings and the WHATWG edge cases in
     tests/data/sse/) parsed whole, one byte at a time, split at every offset
     into two chunks and in random chunkings, each chunk ending at a guard
     page, must give exactly the events of its .events file (written by
     eventsource-parser and by hand from the WHATWG text);
   - every recorded answer in tests/data/provider-samples/ decoded through
     the call in the same chunkings must give the result in tests/data/replay/
     (written by tools/gen_replay_expected.mjs, a second implementation in
     JavaScript by the same developers, and checked by hand: it shares no
     code with llm.h, but where a rule is a choice it made the same one; its
     header says which rules the providers' specs support).
   Every expectation must have its input, and every input its expectation
   (a missing file is a failure); the number of expectation files found and
   of cases run are printed and must be equal, and the WHATWG cases must be
   the ones tests/data/sse/whatwg/CASES.md lists, with its event counts.
   Usage: test_streams [DATA_DIR] (default tests/data). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#include <dirent.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *data_dir = "tests/data";
static int failures, checks;
static int sse_found, sse_run, replay_found, replay_run;  /* expectation files, cases run */

static void fail_missing(const char *what, const char *path) {
    fprintf(stderr, "FAIL %s: cannot read %s\n", what, path);
    failures++;
}

static bool readable(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f) fclose(f);
    return f != NULL;
}

/* A region whose end touches a PROT_NONE page: a chunk copied to end there
   makes any read past it crash. */
typedef struct guard {
    char *base;
    size_t size;
} guard;

static guard guard_make(size_t max) {
    guard g;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    g.size = (max + page - 1) / page * page + page;
    g.base = (char *)mmap(NULL, g.size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(g.base + g.size, page, PROT_NONE);
    return g;
}

static const char *guard_put(guard *g, const char *data, size_t n) {
    char *at = g->base + g->size - n;
    memcpy(at, data, n);
    return at;
}

/* Chunk sizes for a plan: 0 whole, 1 bytes, 2 split at `split`, 3 random. */
static size_t next_chunk(int plan, size_t off, size_t len, size_t split, unsigned *seed) {
    size_t n;
    if (plan == 0) return len - off;
    if (plan == 1) return 1;
    if (plan == 2) return off < split ? split - off : len - off;
    *seed = *seed * 1103515245u + 12345u;
    n = 1 + (*seed >> 8) % 64;
    return n < len - off ? n : len - off;
}

/* ---- SSE framing ---- */

typedef struct expected_event {
    char *event, *data, *id;
    size_t event_len, data_len, id_len;
} expected_event;

static char *memdup(const llm_json *v, size_t *len) {
    const char *s = llm_json_string(v, len);
    char *copy = (char *)malloc(*len + 1);
    memcpy(copy, s ? s : "", *len + 1);
    return copy;
}

/* The events of an .events file, or (size_t)-1 when it cannot be read. */
static size_t read_events(const char *path, expected_event *out, size_t max, llm_json_doc *doc) {
    size_t len, n = 0;
    char *text = test_read_file(path, &len), *line, *next;
    if (!text) return (size_t)-1;
    for (line = text; line && *line && n < max; line = next) {
        const llm_json *root;
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        else next = line + strlen(line);
        if (llm_json_parse(doc, line, strlen(line), NULL) != LLM_OK) { fprintf(stderr, "bad line in %s\n", path); break; }
        root = llm_json_root(doc);
        out[n].event = memdup(llm_json_get(root, "event"), &out[n].event_len);
        out[n].data = memdup(llm_json_get(root, "data"), &out[n].data_len);
        out[n].id = memdup(llm_json_get(root, "id"), &out[n].id_len);
        n++;
    }
    free(text);
    return n;
}

static bool same_text(const char *want, size_t want_len, const char *got, size_t got_len, char *tmp) {
    size_t n = llm_utf8_sanitize(got, got_len, tmp);
    return want_len == n && memcmp(want, tmp, n) == 0;
}

/* Feeds one .sse file in every plan; false when it or its .events file
   cannot be read (a failure: an expectation without its input checks
   nothing). */
static bool check_sse_file(const char *sse_path, const char *events_path, guard *g, llm_json_doc *doc) {
    static expected_event want[4096];
    size_t len, count = read_events(events_path, want, 4096, doc), split, i;
    char *bytes, *tmp;
    int plan;
    unsigned seed = 1;
    if (count == (size_t)-1) {
        fail_missing("expected events", events_path);
        return false;
    }
    if (!(bytes = test_read_file(sse_path, &len))) {
        fail_missing(events_path, sse_path);
        for (i = 0; i < count; i++) { free(want[i].event); free(want[i].data); free(want[i].id); }
        return false;
    }
    tmp = (char *)malloc(len * 3 + 16);
    for (plan = 0; plan < 4; plan++) {
        size_t splits = plan == 2 ? (len <= 65536 ? len + 1 : 0) : plan == 3 ? 20 : 1;
        for (split = 0; split < splits; split++) {
            llm_sse p;
            llm_sse_event ev;
            size_t off = 0, got = 0;
            bool ok = true;
            llm_result r = LLM_OK;
            memset(&p, 0, sizeof p);
            do {
                size_t n = next_chunk(plan, off, len, split, &seed);
                if (n) r = llm_sse_feed(&p, guard_put(g, bytes + off, n), n);
                off += n;
                while (r == LLM_OK && (r = llm_sse_next(&p, &ev)) == LLM_OK) {
                    ok = ok && got < count && same_text(want[got].event, want[got].event_len, ev.type, ev.type_len, tmp) &&
                         same_text(want[got].data, want[got].data_len, ev.data, ev.data_len, tmp) &&
                         same_text(want[got].id, want[got].id_len, ev.id, ev.id_len, tmp);
                    got++;
                }
            } while (off < len && r == LLM_AGAIN);
            checks++;
            if (!ok || got != count || r != LLM_AGAIN) {
                failures++;
                fprintf(stderr, "FAIL %s: plan %d split %zu: %zu events, %zu expected%s\n", sse_path, plan, split, got, count,
                        ok ? "" : ", a field differs");
                plan = 4;
                break;
            }
            llm_sse_free(&p);
        }
    }
    for (i = 0; i < count; i++) { free(want[i].event); free(want[i].data); free(want[i].id); }
    free(tmp);
    free(bytes);
    return true;
}

/* Every file of `dir` ending in `ext` has its counterpart: the same name
   with `other_ext` in `other_dir`. */
static void check_counterparts(const char *dir, const char *ext, const char *other_dir, const char *other_ext, const char *what) {
    char path[1024];
    DIR *d;
    struct dirent *e;
    size_t el = strlen(ext);
    if (!(d = opendir(dir))) { fail_missing(what, dir); return; }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= el || strcmp(e->d_name + n - el, ext) != 0) continue;
        snprintf(path, sizeof path, "%s/%.*s%s", other_dir, (int)(n - el), e->d_name, other_ext);
        if (!readable(path)) {
            fprintf(stderr, "FAIL %s/%s has no %s: %s\n", dir, e->d_name, what, path);
            failures++;
        }
    }
    closedir(d);
}

static void check_sse_dir(const char *sub, guard *g, llm_json_doc *doc) {
    char dir[512], a[1024], b[1024];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/sse/%s", data_dir, sub);
    if (!(d = opendir(dir))) { fprintf(stderr, "FAIL cannot open %s\n", dir); failures++; return; }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 8 || strcmp(e->d_name + n - 7, ".events") != 0) continue;
        snprintf(b, sizeof b, "%s/%s", dir, e->d_name);
        if (strcmp(sub, "whatwg") == 0) snprintf(a, sizeof a, "%s/%.*s.sse", dir, (int)(n - 7), e->d_name);
        else snprintf(a, sizeof a, "%s/provider-samples/%s/%.*s.sse", data_dir, sub, (int)(n - 7), e->d_name);
        sse_found++;
        sse_run += check_sse_file(a, b, g, doc);
    }
    closedir(d);
    /* and the other way: every stream has its expected events */
    if (strcmp(sub, "whatwg") == 0) {
        check_counterparts(dir, ".sse", dir, ".events", "expected events");
    } else {
        snprintf(a, sizeof a, "%s/provider-samples/%s", data_dir, sub);
        check_counterparts(a, ".sse", dir, ".events", "expected events");
    }
}

/* CASES.md lists the WHATWG cases ("- **NN-name** — ... Events: K."): each
   must be there, with K events, and nothing else. */
static void check_whatwg_listing(llm_json_doc *doc) {
    static expected_event want[4096];
    char path[1024], *text, *line, *stop;
    size_t len, listed = 0, i;
    DIR *d;
    struct dirent *e;
    size_t found = 0;
    snprintf(path, sizeof path, "%s/sse/whatwg/CASES.md", data_dir);
    if (!(text = test_read_file(path, &len))) { fail_missing("the WHATWG case list", path); return; }
    /* the list is the section "## Cases", up to the next section */
    line = strstr(text, "\n## Cases\n");
    if (line && (stop = strstr(line + 1, "\n## ")) != NULL) *stop = '\0';
    for (line = line ? strstr(line, "\n- **") : NULL; line; line = strstr(line + 1, "\n- **")) {
        char *name = line + 5, *end = strstr(name, "**"), *k = strstr(name, "Events: "), *eol = strchr(name, '\n');
        size_t count, want_count;
        if (!end || !k || (eol && k > eol)) {
            fprintf(stderr, "FAIL CASES.md: a case without \"Events: K\": %.40s\n", name);
            failures++;
            continue;
        }
        want_count = (size_t)strtoul(k + 8, NULL, 10);
        listed++;
        snprintf(path, sizeof path, "%s/sse/whatwg/%.*s.sse", data_dir, (int)(end - name), name);
        if (!readable(path)) fail_missing("a case of CASES.md", path);
        snprintf(path, sizeof path, "%s/sse/whatwg/%.*s.events", data_dir, (int)(end - name), name);
        count = read_events(path, want, 4096, doc);
        if (count == (size_t)-1) {
            fail_missing("a case of CASES.md", path);
            continue;
        }
        for (i = 0; i < count; i++) { free(want[i].event); free(want[i].data); free(want[i].id); }
        if (count != want_count) {
            fprintf(stderr, "FAIL %s: %zu events, CASES.md says %zu\n", path, count, want_count);
            failures++;
        }
    }
    free(text);
    snprintf(path, sizeof path, "%s/sse/whatwg", data_dir);
    if ((d = opendir(path)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            found += n > 7 && strcmp(e->d_name + n - 7, ".events") == 0;
        }
        closedir(d);
    }
    printf("WHATWG cases: %zu listed in CASES.md, %zu .events files\n", listed, found);
    if (listed == 0 || listed != found) {
        fprintf(stderr, "FAIL CASES.md lists %zu WHATWG cases, the folder has %zu\n", listed, found);
        failures++;
    }
}

/* ---- recorded answers, decoded through the call ---- */

static llm_result decode_chunked(const char *format, int status, const char *bytes, size_t len, bool stream, int plan, size_t split,
                                 unsigned *seed, guard *g, llm_response *resp, llm_error *err, test_alloc_stats *stats) {
    llm_client_desc desc;
    llm_client client;
    llm_call call;
    llm_event ev;
    size_t off = 0;
    memset(&desc, 0, sizeof desc);
    desc.alloc.alloc = test_alloc_fn;
    desc.alloc.realloc = test_realloc_fn;
    desc.alloc.free = test_free_fn;
    desc.alloc.user = stats;
    desc.custom_provider = llm_provider_find(format);
    if (!desc.custom_provider && strcmp(format, llm_wire_openai_responses()->name) == 0) { /* OpenAI's Responses API */
        desc.custom_provider = llm_provider_find("openai");
        desc.openai_api = LLM_OPENAI_API_RESPONSES;
    }
    desc.base_url = "http://recorded.invalid";
    llm_client_init(&client, &desc, NULL);
    llm_call_begin_decode(&call, &client, stream, NULL, NULL);
    llm_call_feed_status(&call, status);
    while (off < len) {
        size_t n = next_chunk(plan, off, len, split, seed);
        llm_call_feed_body(&call, guard_put(g, bytes + off, n), n);
        off += n;
        /* take the events after each chunk in all plans but the random one,
           which feeds several chunks before taking anything */
        if (stream && (plan != 3 || (*seed & 4))) while (llm_call_next_event(&call, &ev) == LLM_OK) {}
    }
    {
        llm_result r = llm_call_finish(&call, 0, resp, err);
        llm_call_free(&call);
        return r;
    }
}

static bool same_str(const llm_json *want, const char *got) {
    const char *w = llm_json_string(want, NULL);
    return w && strcmp(w, got ? got : "") == 0;
}

/* A tool call's id as LiteLLM's JSON carries it: with Gemini's signature
   of its part after "__thought__" (the expected results are in that JSON). */
static bool same_id(const llm_json *want, const llm_choice *c, const char *id) {
    const char *w = llm_json_string(want, NULL), *sig = NULL;
    size_t k, n = strlen(id);
    for (k = 0; k < c->reasoning_block_count; k++)
        if (c->reasoning_blocks[k].tool_call_id && strcmp(c->reasoning_blocks[k].tool_call_id, id) == 0) sig = c->reasoning_blocks[k].signature;
    if (!sig) return same_str(want, id);
    return w && strncmp(w, id, n) == 0 && strncmp(w + n, "__thought__", 11) == 0 && strcmp(w + n + 11, sig) == 0;
}

static bool same_replay(const llm_json *want, const llm_response *resp, llm_result r) {
    const llm_choice *c = resp->choice_count ? &resp->choices[0] : NULL;
    const llm_json *calls = llm_json_get(want, "tool_calls"), *u = llm_json_get(want, "usage"), *fr = llm_json_get(want, "finish_reason");
    size_t i;
    if (!same_str(llm_json_get(want, "content"), c ? c->content : NULL) || !same_str(llm_json_get(want, "reasoning"), c ? c->reasoning : NULL) ||
        !same_str(llm_json_get(want, "refusal"), c ? c->refusal : NULL))
        return false;
    if (llm_json_count(calls) != (c ? c->tool_call_count : 0)) return false;
    for (i = 0; c && i < c->tool_call_count; i++) {
        const llm_json *t = llm_json_at(calls, i);
        llm_json_doc a, b;
        bool same;
        if (!same_id(llm_json_get(t, "id"), c, c->tool_calls[i].id) || !same_str(llm_json_get(t, "name"), c->tool_calls[i].name)) return false;
        /* arguments that are not one JSON value: kept, flagged (absent: false) */
        if (llm_json_is(llm_json_get(t, "arguments_invalid"), LLM_JSON_TRUE) != c->tool_calls[i].arguments_invalid) return false;
        /* arguments: the same text, or the same JSON value (bodies give objects) */
        if (same_str(llm_json_get(t, "arguments"), c->tool_calls[i].arguments)) continue;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        same = llm_json_parse(&a, llm_json_string(llm_json_get(t, "arguments"), NULL), llm_json_get(t, "arguments")->len, NULL) == LLM_OK &&
               llm_json_parse(&b, c->tool_calls[i].arguments, strlen(c->tool_calls[i].arguments), NULL) == LLM_OK &&
               llm_json_equal(llm_json_root(&a), llm_json_root(&b));
        llm_json_doc_free(&a);
        llm_json_doc_free(&b);
        if (!same) return false;
    }
    if (llm_json_is(fr, LLM_JSON_NULL) ? (c && c->finish_reason != LLM_FINISH_NONE) : !same_str(fr, c ? llm_finish_reason_str(c->finish_reason) : NULL)) return false;
    if (llm_json_is(llm_json_get(want, "finish_reason_raw"), LLM_JSON_NULL) ? (c && c->finish_reason_raw != NULL)
                                                                            : !same_str(llm_json_get(want, "finish_reason_raw"), c ? c->finish_reason_raw : NULL))
        return false;
    bool reported = resp->usage.source == LLM_USAGE_REPORTED;
    if (llm_json_is(u, LLM_JSON_NULL) != !reported) return false;
    if (!same_str(llm_json_get(want, "usage_source"), reported ? "reported" : "missing")) return false;
    if (llm_json_is(llm_json_get(want, "usage_refused"), LLM_JSON_TRUE) != resp->usage_refused) return false;
    if (reported &&
        (llm_json_int(llm_json_get(u, "prompt_tokens"), -1) != resp->usage.prompt_tokens ||
         llm_json_int(llm_json_get(u, "completion_tokens"), -1) != resp->usage.completion_tokens ||
         llm_json_int(llm_json_get(u, "total_tokens"), -1) != resp->usage.total_tokens ||
         llm_json_int(llm_json_get(u, "cached_tokens"), -1) != resp->usage.cached_tokens ||
         llm_json_int(llm_json_get(u, "cache_creation_tokens"), -1) != resp->usage.cache_creation_tokens ||
         llm_json_int(llm_json_get(u, "reasoning_tokens"), -1) != resp->usage.reasoning_tokens))
        return false;
    if (!same_str(llm_json_get(want, "id"), resp->id) || !same_str(llm_json_get(want, "model"), resp->model)) return false;
    if (!reported && resp->has_cost) return false; /* no usage: the cost is unknown, never 0 */
    if (reported) { /* priced by LiteLLM's formula in the generator; within 1e-12 relative */
        double w = llm_json_number(llm_json_get(want, "cost_usd"), -1), d = w - resp->cost_usd;
        if (llm_json_is(llm_json_get(want, "cost_usd"), LLM_JSON_NULL)) { /* no price for the model: unknown */
            if (resp->has_cost) return false;
        } else if (!resp->has_cost || w < 0 || (d < 0 ? -d : d) > 1e-12 * (w > 0 ? w : 1)) {
            return false;
        }
    }
    if (llm_json_get(want, "error")) return same_str(llm_json_get(llm_json_get(want, "error"), "code"), llm_result_str(r));
    return r == LLM_OK;
}

static int status_of(const char *name) {
    if (strcmp(name, "error_invalid_api_key") == 0) return 401;
    if (strcmp(name, "error_rate_limit") == 0) return 429;
    if (strcmp(name, "error_not_found") == 0) return 404;
    if (strcmp(name, "error_api_key_invalid") == 0) return 400; /* Gemini's error.code */
    return 200;
}

/* Decodes one recorded answer in every plan; false when it or its expected
   result cannot be read (a failure). */
static bool check_replay(const char *sub, const char *name, guard *g, llm_json_doc *doc) {
    char path[1024];
    size_t len, wlen, split;
    char *bytes, *want_text;
    bool stream = strstr(name, "stream") != NULL;
    const char *format =
        strcmp(sub, "anthropic") == 0 || strcmp(sub, "gemini") == 0 || strcmp(sub, "openai-responses") == 0 ? sub : "openai";
    int plan;
    unsigned seed = 7;
    snprintf(path, sizeof path, "%s/replay/%s/%s.json", data_dir, sub, name);
    want_text = test_read_file(path, &wlen);
    if (!want_text || llm_json_parse(doc, want_text, wlen, NULL) != LLM_OK) {
        fprintf(stderr, "FAIL cannot read or parse the expected result %s\n", path);
        failures++;
        free(want_text);
        return false;
    }
    snprintf(path, sizeof path, "%s/provider-samples/%s/%s.%s", data_dir, sub, name, stream ? "sse" : "json");
    if (!(bytes = test_read_file(path, &len))) {
        fprintf(stderr, "FAIL %s/replay/%s/%s.json: cannot read its input %s\n", data_dir, sub, name, path);
        failures++;
        free(want_text);
        return false;
    }
    for (plan = 0; plan < 4; plan++) {
        size_t splits = plan == 2 ? (len <= 65536 ? len + 1 : 0) : plan == 3 ? 20 : 1;
        for (split = 0; split < splits; split++) {
            test_alloc_stats stats;
            llm_response resp;
            llm_error err;
            llm_result r;
            memset(&stats, 0, sizeof stats);
            r = decode_chunked(format, status_of(name), bytes, len, stream, plan, split, &seed, g, &resp, &err, &stats);
            checks++;
            if (!same_replay(llm_json_root(doc), &resp, r) || (r != LLM_OK && err.code != r)) {
                failures++;
                fprintf(stderr, "FAIL %s: plan %d split %zu: %s (%s)\n", path, plan, split, llm_result_str(r), r ? err.message : "");
                plan = 4;
            }
            llm_response_free(&resp);
            if (stats.live != 0) {
                failures++;
                fprintf(stderr, "FAIL %s: %ld allocations leaked\n", path, stats.live);
            }
            if (plan == 4) break;
        }
    }
    free(bytes);
    free(want_text);
    return true;
}

static void check_replay_dir(const char *sub, guard *g, llm_json_doc *doc) {
    char dir[512];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/replay/%s", data_dir, sub);
    if (!(d = opendir(dir))) { fprintf(stderr, "FAIL cannot open %s\n", dir); failures++; return; }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char name[256];
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0 || n - 5 >= sizeof name) continue;
        memcpy(name, e->d_name, n - 5);
        name[n - 5] = '\0';
        replay_found++;
        replay_run += check_replay(sub, name, g, doc);
    }
    closedir(d);
    /* and the other way: every recorded answer has its expected result */
    {
        char samples[512];
        snprintf(samples, sizeof samples, "%s/provider-samples/%s", data_dir, sub);
        check_counterparts(samples, ".json", dir, ".json", "expected replay result");
        check_counterparts(samples, ".sse", dir, ".json", "expected replay result");
    }
}

/* The stream and the whole body of the same answer decode to the same
   response, apart from ids. */
static void check_stream_equals_body(const char *stream_name, const char *body_name, guard *g) {
    char path[512];
    size_t slen, blen, i;
    char *s, *b;
    llm_response rs, rb;
    llm_error err;
    test_alloc_stats stats;
    unsigned seed = 0;
    bool same;
    memset(&stats, 0, sizeof stats);
    snprintf(path, sizeof path, "%s/provider-samples/openai/%s", data_dir, stream_name);
    if (!(s = test_read_file(path, &slen))) { fail_missing("stream equals body", path); return; }
    snprintf(path, sizeof path, "%s/provider-samples/openai/%s", data_dir, body_name);
    if (!(b = test_read_file(path, &blen))) { fail_missing("stream equals body", path); free(s); return; }
    decode_chunked("openai", 200, s, slen, true, 1, 0, &seed, g, &rs, &err, &stats);
    decode_chunked("openai", 200, b, blen, false, 0, 0, &seed, g, &rb, &err, &stats);
    same = rs.choice_count == rb.choice_count && rs.usage.prompt_tokens == rb.usage.prompt_tokens &&
           rs.usage.completion_tokens == rb.usage.completion_tokens && rs.usage.total_tokens == rb.usage.total_tokens &&
           strcmp(rs.model, rb.model) == 0;
    for (i = 0; same && i < rs.choice_count; i++) {
        const llm_choice *x = &rs.choices[i], *y = &rb.choices[i];
        size_t k;
        same = x->finish_reason == y->finish_reason && x->tool_call_count == y->tool_call_count &&
               (x->content == NULL) == (y->content == NULL) && (!x->content || strcmp(x->content, y->content) == 0);
        for (k = 0; same && k < x->tool_call_count; k++)
            same = strcmp(x->tool_calls[k].name, y->tool_calls[k].name) == 0 && strcmp(x->tool_calls[k].arguments, y->tool_calls[k].arguments) == 0;
    }
    checks++;
    if (!same) {
        failures++;
        fprintf(stderr, "FAIL %s and %s decode differently\n", stream_name, body_name);
    }
    llm_response_free(&rs);
    llm_response_free(&rb);
    free(s);
    free(b);
}

int main(int argc, char **argv) {
    static const char *const sse_dirs[] = {"whatwg", "openai", "anthropic", "openrouter", "gemini"};
    static const char *const replay_dirs[] = {"openai", "anthropic", "openrouter", "gemini", "openai-responses"};
    guard g = guard_make(1 << 20);
    llm_json_doc doc;
    size_t i;
    if (argc > 1) data_dir = argv[1];
    memset(&doc, 0, sizeof doc);
    for (i = 0; i < sizeof sse_dirs / sizeof sse_dirs[0]; i++) check_sse_dir(sse_dirs[i], &g, &doc);
    for (i = 0; i < sizeof replay_dirs / sizeof replay_dirs[0]; i++) check_replay_dir(replay_dirs[i], &g, &doc);
    check_whatwg_listing(&doc);
    check_stream_equals_body("chat_stream_parallel_tool_calls.sse", "chat_completion_parallel_tool_calls.json", &g);
    check_stream_equals_body("chat_stream_finish_length.sse", "chat_completion_finish_length.json", &g);
    llm_json_doc_free(&doc);
    printf("SSE: %d expectation files, %d run; replay: %d expectation files, %d run\n", sse_found, sse_run, replay_found, replay_run);
    if (sse_found == 0 || replay_found == 0 || sse_run != sse_found || replay_run != replay_found) {
        fprintf(stderr, "FAIL cases run differ from the expectation files found (or none was found)\n");
        failures++;
    }
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures ? 1 : 0;
}
