/* gen_costs - turns LiteLLM's model_prices_and_context_window.json into
   costs_embedded.h, with llm.h's own JSON reader and price-table loader (so
   the embedded table and a table loaded at run time read the JSON alike).

       gen_costs PRICES.json SOURCE.txt > costs_embedded.h

   SOURCE.txt: first line "date: YYYY-MM-DD", then lines describing where the
   JSON came from; they are copied into the header's opening comment.
   Kept: entries whose mode is one llm.h can call or price by tokens (chat,
   completion, responses, embedding, rerank, moderation, realtime, audio
   transcription and speech). Output is deterministic. */
#define LLM_NO_COSTS_TABLE
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW 4096 /* pool row: one string literal of at most 4095 characters */

typedef struct pool {
    char rows[1024][ROW];
    size_t row, col;
} pool;

typedef struct gen {
    llm__costs_layer *l;
    size_t *keep;                   /* indexes of kept entries */
    size_t kept;
    uint32_t *prov_src;             /* distinct provider strings (layer offsets) */
    uint32_t *prov_off;             /* their offsets in the output pool */
    size_t nprov;
    double *values;                 /* distinct prices, ascending */
    size_t nvalues;
    pool *p;
} gen;

static bool kept_mode(int mode) {
    return mode == LLM_MODE_CHAT || mode == LLM_MODE_COMPLETION || mode == LLM_MODE_RESPONSES ||
           mode == LLM_MODE_EMBEDDING || mode == LLM_MODE_RERANK || mode == LLM_MODE_MODERATION ||
           mode == LLM_MODE_REALTIME || mode == LLM_MODE_AUDIO_TRANSCRIPTION || mode == LLM_MODE_AUDIO_SPEECH;
}

static uint32_t pool_add(pool *p, const char *s) {
    size_t n = strlen(s) + 1;
    if (n > ROW - 1) {
        fprintf(stderr, "gen_costs: string too long: %s\n", s);
        exit(1);
    }
    if (p->col + n > ROW - 1) {
        p->row++;
        p->col = 0;
        if (p->row >= sizeof p->rows / ROW) {
            fputs("gen_costs: pool full\n", stderr);
            exit(1);
        }
    }
    memcpy(p->rows[p->row] + p->col, s, n);
    p->col += n;
    return (uint32_t)(p->row * ROW + p->col - n);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static uint32_t value_index(const gen *g, double v) {
    size_t lo = 0, hi = g->nvalues;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g->values[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return (uint32_t)lo;
}

static uint32_t provider_offset(const gen *g, const char *s) {
    size_t i;
    for (i = 0; i < g->nprov; i++)
        if (strcmp(g->l->pool + g->prov_src[i], s) == 0) return g->prov_off[i];
    fputs("gen_costs: provider missing\n", stderr);
    exit(1);
}

/* Shortest %g text that reads back as the same double. */
static void print_double(double v) {
    char buf[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    printf("%s", buf);
}

static void print_pool(const pool *p) {
    size_t r, i;
    printf("static const char llm__costs_pool[%u][%d] = {\n", (unsigned)(p->row + 1), ROW);
    for (r = 0; r <= p->row; r++) {
        size_t used = r == p->row ? p->col : ROW - 1, line = 0;
        printf("\"");
        for (i = 0; i < used; i++) {
            unsigned char c = (unsigned char)p->rows[r][i];
            if (c == 0 && i + 1 < used && line > 90) {
                printf("\\000\"\n\"");
                line = 0;
                continue;
            }
            if (c >= 32 && c < 127 && c != '"' && c != '\\' && c != '?') { putchar(c); line++; }
            else { printf("\\%03o", c); line += 4; }
        }
        printf("\"%s\n", r == p->row ? "" : ",");
    }
    printf("};\n");
}

static void collect(gen *g) {
    size_t i, j, nrefs = 0;
    llm__costs_layer *l = g->l;
    g->keep = (size_t *)malloc(l->count * sizeof *g->keep);
    g->prov_src = (uint32_t *)malloc(l->count * sizeof *g->prov_src);
    g->prov_off = (uint32_t *)malloc(l->count * sizeof *g->prov_off);
    g->values = (double *)malloc((l->ref_count + 1) * sizeof *g->values);
    if (!g->keep || !g->prov_src || !g->prov_off || !g->values) exit(1);
    for (i = 0; i < l->count; i++) {
        const llm__costs_entry *e = &l->entries[i];
        if (!kept_mode(e->mode)) continue;
        g->keep[g->kept++] = i;
        for (j = 0; j < g->nprov && strcmp(l->pool + g->prov_src[j], l->pool + e->provider) != 0; j++) {}
        if (j == g->nprov) g->prov_src[g->nprov++] = e->provider;
        for (j = 0; j < e->nrefs; j++) g->values[nrefs++] = l->values[l->refs[e->refs + j] & 0xFFFFFFu];
    }
    llm__costs_heapsort(g->prov_src, g->nprov, sizeof *g->prov_src, llm__costs_provider_cmp, l->pool);
    qsort(g->values, nrefs, sizeof *g->values, cmp_double);
    for (i = 0; i < nrefs; i++)
        if (g->nvalues == 0 || g->values[g->nvalues - 1] != g->values[i]) g->values[g->nvalues++] = g->values[i];
    for (i = 0; i < g->nprov; i++) g->prov_off[i] = pool_add(g->p, l->pool + g->prov_src[i]);
}

static void print_tables(gen *g) {
    size_t i, j, refs = 0;
    llm__costs_layer *l = g->l;
    uint32_t *keys = (uint32_t *)malloc((g->kept + 1) * sizeof *keys);
    if (!keys) exit(1);
    for (i = 0; i < g->kept; i++) keys[i] = pool_add(g->p, l->pool + l->entries[g->keep[i]].key);
    print_pool(g->p);
    printf("static const double llm__costs_values[%u] = {", (unsigned)g->nvalues);
    for (i = 0; i < g->nvalues; i++) {
        printf("%s%s", i ? "," : "", i % 8 ? " " : "\n    ");
        print_double(g->values[i]);
    }
    printf("\n};\nstatic const uint32_t llm__costs_providers[%u] = {", (unsigned)g->nprov);
    for (i = 0; i < g->nprov; i++) printf("%s%s%u", i ? "," : "", i % 12 ? " " : "\n    ", (unsigned)g->prov_off[i]);
    printf("\n};\n/* price << 24 | index in llm__costs_values */\nstatic const uint32_t llm__costs_refs[] = {");
    for (i = 0; i < g->kept; i++) {
        const llm__costs_entry *e = &l->entries[g->keep[i]];
        for (j = 0; j < e->nrefs; j++, refs++) {
            uint32_t r = l->refs[e->refs + j];
            printf("%s%s%u", refs ? "," : "", refs % 10 ? "" : "\n", (unsigned)((r >> 24) << 24 | value_index(g, l->values[r & 0xFFFFFFu])));
        }
    }
    printf("\n};\n/* key, provider, refs, caps, max_input, max_output, threshold_k, nrefs, mode */\n");
    printf("static const llm__costs_entry llm__costs_entries[%u] = {\n", (unsigned)g->kept);
    for (i = 0, refs = 0; i < g->kept; i++) {
        const llm__costs_entry *e = &l->entries[g->keep[i]];
        printf("{%u,%u,%u,%u,%u,%u,%u,%u,%u},\n", (unsigned)keys[i], (unsigned)provider_offset(g, l->pool + e->provider),
               (unsigned)refs, (unsigned)e->caps, (unsigned)e->max_input, (unsigned)e->max_output,
               (unsigned)e->threshold_k, (unsigned)e->nrefs, (unsigned)e->mode);
        refs += e->nrefs;
    }
    printf("};\n");
    free(keys);
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "gen_costs: cannot read %s\n", path);
        exit(1);
    }
    buf = (char *)malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) exit(1);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv) {
    static pool p;
    gen g;
    llm_error err;
    size_t len, slen;
    char *json, *notes, *line, date[16] = "";
    if (argc != 3) {
        fputs("usage: gen_costs PRICES.json SOURCE.txt > costs_embedded.h\n", stderr);
        return 2;
    }
    json = slurp(argv[1], &len);
    notes = slurp(argv[2], &slen);
    if (sscanf(notes, "date: %15s", date) != 1 || strstr(notes, "*/")) {
        fputs("gen_costs: SOURCE.txt must start with \"date: YYYY-MM-DD\" and hold no \"*/\"\n", stderr);
        return 1;
    }
    memset(&g, 0, sizeof g);
    g.p = &p;
    if (llm__costs_layer_from_json(NULL, json, len, "gen", &g.l, &err) != LLM_OK) {
        fprintf(stderr, "gen_costs: %s: %s (offset %u)\n", argv[1], err.message, (unsigned)err.offset);
        return 1;
    }
    collect(&g);
    printf("/* costs_embedded.h - generated by tools/gen_costs.c (make costs); do not edit.\n\n");
    for (line = strtok(notes, "\n"); line; line = strtok(NULL, "\n")) printf("   %s\n", line);
    printf("\n   %u of %u entries kept (modes chat, completion, responses, embedding, rerank,\n"
           "   moderation, realtime, audio_transcription, audio_speech), %u providers,\n"
           "   %u distinct prices. */\n",
           (unsigned)g.kept, (unsigned)g.l->count, (unsigned)g.nprov, (unsigned)g.nvalues);
    printf("#define LLM_COSTS_DATE \"%s\"\n", date);
    print_tables(&g);
    llm__costs_layer_free(NULL, g.l);
    free(json);
    free(notes);
    free(g.keep);
    free(g.prov_src);
    free(g.prov_off);
    free(g.values);
    return 0;
}
