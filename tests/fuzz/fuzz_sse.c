/* libFuzzer target for the SSE parser. The first 4 bytes give the chunk
   sizes (1 + the low 7 bits, used in turn; the high bit of the first byte:
   feed two chunks before taking the events, so the parser must keep the
   unread rest); the rest is the stream. It is parsed whole, then again in
   those chunks. The two event sequences (type, data, id) must be identical,
   and so must the final result (a limit error, with max_size 1024) and
   llm_sse_ended_mid_event; abort() otherwise. A third run feeds one byte at
   a time, so no event ever lies whole in a chunk: the line rules alone,
   the reference for the reading of whole events the other runs take. */
#include "fuzz.h"

typedef struct rec {
    char *bytes;             /* type \0 data \0 id, with the lengths */
    size_t type_len, data_len, id_len;
} rec;

typedef struct recs {
    rec *r;
    size_t n, cap;
} recs;

static void keep(recs *l, const llm_sse_event *ev) {
    rec *r;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->r = (rec *)realloc(l->r, l->cap * sizeof *l->r);
        if (!l->r) abort();
    }
    r = &l->r[l->n++];
    r->type_len = ev->type_len;
    r->data_len = ev->data_len;
    r->id_len = ev->id_len;
    r->bytes = (char *)malloc(ev->type_len + ev->data_len + ev->id_len + 1);
    if (!r->bytes) abort();
    if (ev->type_len) memcpy(r->bytes, ev->type, ev->type_len);
    if (ev->data_len) memcpy(r->bytes + ev->type_len, ev->data, ev->data_len);
    if (ev->id_len) memcpy(r->bytes + ev->type_len + ev->data_len, ev->id, ev->id_len);
}

static void drop(recs *l) {
    size_t i;
    for (i = 0; i < l->n; i++) free(l->r[i].bytes);
    free(l->r);
}

/* Takes the events fed so far; the parser's result (LLM_AGAIN or an error). */
static llm_result take(llm_sse *p, recs *l) {
    llm_sse_event ev;
    llm_result r;
    while ((r = llm_sse_next(p, &ev)) == LLM_OK) keep(l, &ev);
    return r;
}

static int same(const recs *a, const recs *b) {
    size_t i;
    if (a->n != b->n) return 0;
    for (i = 0; i < a->n; i++) {
        const rec *x = &a->r[i], *y = &b->r[i];
        if (x->type_len != y->type_len || x->data_len != y->data_len || x->id_len != y->id_len) return 0;
        if (memcmp(x->bytes, y->bytes, x->type_len + x->data_len + x->id_len) != 0) return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    llm_sse whole, parts, bytes;
    recs a, b, c;
    llm_result ra, rb = LLM_AGAIN, rc = LLM_AGAIN;
    const char *s = (const char *)data + 4;
    size_t len, off = 0, k = 0;
    bool two = false, mid_a, mid_b, mid_c;
    if (size < 4) return 0;
    len = size - 4;
    two = (data[0] & 0x80) != 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    memset(&whole, 0, sizeof whole);
    memset(&parts, 0, sizeof parts);
    memset(&bytes, 0, sizeof bytes);
    whole.max_size = parts.max_size = bytes.max_size = 1024;

    ra = llm_sse_feed(&whole, s, len);
    if (ra == LLM_OK) ra = take(&whole, &a);
    mid_a = llm_sse_ended_mid_event(&whole);

    while (off < len) {
        size_t n = 1 + (data[k++ & 3] & 0x7F);
        if (n > len - off) n = len - off;
        if ((rb = llm_sse_feed(&parts, s + off, n)) != LLM_OK) break;
        off += n;
        if (two && (k & 1) && off < len) continue; /* the next chunk first */
        if ((rb = take(&parts, &b)) != LLM_AGAIN) break;
    }
    if (len == 0 && (rb = llm_sse_feed(&parts, s, 0)) == LLM_OK) rb = take(&parts, &b);
    mid_b = llm_sse_ended_mid_event(&parts);

    for (off = 0; off < len; off++)
        if ((rc = llm_sse_feed(&bytes, s + off, 1)) != LLM_OK || (rc = take(&bytes, &c)) != LLM_AGAIN) break;
    if (len == 0 && (rc = llm_sse_feed(&bytes, s, 0)) == LLM_OK) rc = take(&bytes, &c);
    mid_c = llm_sse_ended_mid_event(&bytes);

    if (!same(&a, &b)) abort();
    if (ra != rb) abort();
    if (ra == LLM_AGAIN && mid_a != mid_b) abort();
    if (!same(&a, &c) || ra != rc || (ra == LLM_AGAIN && mid_a != mid_c)) abort();
    llm_sse_free(&whole);
    llm_sse_free(&parts);
    llm_sse_free(&bytes);
    drop(&a);
    drop(&b);
    drop(&c);
    return 0;
}
