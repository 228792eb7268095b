/* config.c - the router configuration of `llm chat --router FILE`: a LiteLLM
   proxy config, as the JSON text llm_router_init_json reads.

   A file whose name ends in .json is that JSON, passed on as it is. Any
   other is YAML: read through libyaml (compiled in with LLM_CLI_YAML, which
   make sets when it finds libyaml-dev) and written as JSON, mappings as
   objects and sequences as arrays, each scalar as PyYAML's yaml.safe_load
   (YAML 1.1, the reader of LiteLLM's proxy) makes it:
     - quoted and block (| and >) scalars, and !!str ones, are strings;
     - a plain ~, null, Null, NULL or nothing is null;
     - a plain true/false, yes/no, on/off (lower, Title or UPPER case) is a
       boolean (y and n stay strings);
     - a plain integer is a number: decimal (1_000: underscores dropped),
       0x hex, 0b binary, octal after a 0 (017 is 15), base 60 (1:30 is 90);
       08 and 1e3 are strings;
     - a plain float is a number: digits with a dot (1.5, 1., .5, 007.5) and
       an optional exponent whose sign is required (1.5e+3; 1.5e3 stays a
       string), or base 60 (1:30.5);
     - what JSON cannot hold keeps its text, as a string: .inf, .nan, a
       float beyond a double, a hex, octal, binary or base-60 integer beyond
       64 bits, and a date or timestamp (PyYAML makes these a float('inf'),
       a datetime...);
     - !!int, !!float, !!bool and !!null make that type (an error when the
       text is none); other tags are refused;
     - aliases are expanded; a merge key (<<) merges as PyYAML does (the
       mapping's own keys win, then the first mapping listed); a key given
       twice keeps its last value;
     - a key is its text (PyYAML would make the key 1_0 the number 10).
   os.environ/NAME strings stay as they are: the library's loader replaces
   them, for YAML and JSON alike, and names a variable that is not set.

   Bounds, so that the work is in proportion to the file: a file over 1 MiB
   is refused, read no further (LiteLLM configs are a few KiB; this holds
   for .json files too); nesting deeper than
   32 levels (the loader's limit), more than 1024 anchors, merges nested
   more than 32 deep, and aliases that expand past 1,000,000 values or
   8 MiB of JSON (an alias bomb) are errors. Errors give the line and column
   (1-based) of the YAML they point at; for a syntax error, libyaml's own.
   The file's text and the JSON made from it are wiped before they are
   freed (libyaml's buffers are not). */
#include "../llm.h"
#include "cli.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef LLM_CLI_YAML
#include <yaml.h>
#endif

#define CONFIG_MAX_BYTES (1 << 20)

void cli_router_config_free(char *text, size_t len) {
    cli_wipe(text, len);
    free(text);
}

int cli_yaml_support(void) {
#ifdef LLM_CLI_YAML
    return 1;
#else
    return 0;
#endif
}

/* The file, if it has at most CONFIG_MAX_BYTES; msg says why not. */
static char *config_read(const char *path, size_t *len, char *msg, size_t size) {
    return cli_read_file(path, CONFIG_MAX_BYTES, len, msg, size);
}

static int config_is_json(const char *path) {
    size_t n = strlen(path);
    return n >= 5 && path[n - 5] == '.' && (path[n - 4] | 0x20) == 'j' && (path[n - 3] | 0x20) == 's' &&
           (path[n - 2] | 0x20) == 'o' && (path[n - 1] | 0x20) == 'n';
}

#ifdef LLM_CLI_YAML

#define YAML_MAX_DEPTH 32
#define YAML_MAX_ANCHORS 1024
#define YAML_ANCHOR_SLOTS 2048 /* a power of two, twice YAML_MAX_ANCHORS */
#define YAML_MAX_VALUES 1000000
#define YAML_MAX_JSON (8 << 20)

enum { YAML_SCALAR, YAML_SEQ, YAML_MAP };
enum { YAML_STRING, YAML_NULL, YAML_TRUE, YAML_FALSE, YAML_NUMBER };

/* One node of the document; aliases make it a graph (nodes are shared). */
typedef struct ynode {
    int kind;
    int type;                 /* a scalar's JSON type */
    bool plain;               /* a scalar resolved from its text (a plain one) */
    bool exact;               /* a number that is the int64 `whole` */
    int64_t whole;
    double number;
    char *text;               /* a scalar's bytes (NUL-terminated) */
    size_t len;
    size_t *items;            /* a sequence's nodes; a mapping's key, value, key, value... */
    size_t count, cap;
    size_t *members;          /* a mapping's pairs after merges and repeated keys */
    size_t member_count;
    int flat;                 /* members: 0 not made, 1 being made, 2 made */
    size_t line, column;      /* 1-based */
} ynode;

typedef struct yanchor {
    char *name;
    size_t node;
} yanchor;

typedef struct yconv {
    ynode *nodes;
    size_t count, cap;
    yanchor *anchors;         /* YAML_ANCHOR_SLOTS, open addressing */
    size_t anchor_count;
    size_t open[YAML_MAX_DEPTH]; /* the containers being read */
    int depth;
    size_t root;
    int has_root, documents;
    size_t values, bytes;     /* what the JSON holds so far (the alias bound) */
    llm_json_doc number;      /* a number's JSON text, parsed */
    char *msg;
    size_t size;
} yconv;

static bool yaml_fail(yconv *c, const ynode *at, const char *fmt, ...) {
    va_list ap;
    size_t n = 0;
    if (at) n = (size_t)snprintf(c->msg, c->size, "line %zu, column %zu: ", at->line, at->column);
    if (n >= c->size) return false;
    va_start(ap, fmt);
    vsnprintf(c->msg + n, c->size - n, fmt, ap);
    va_end(ap);
    return false;
}

static bool yaml_no_memory(yconv *c) {
    return yaml_fail(c, NULL, "out of memory");
}

static bool yaml_grow(yconv *c, void **p, size_t *cap, size_t need, size_t each) {
    size_t n = *cap ? *cap : 8;
    void *q;
    if (need <= *cap) return true;
    while (n < need) n *= 2;
    if (!(q = realloc(*p, n * each))) return yaml_no_memory(c);
    *p = q;
    *cap = n;
    return true;
}

static bool yaml_is(const char *t, size_t n, const char *word) {
    return strlen(word) == n && memcmp(t, word, n) == 0;
}

/* ---- scalars: PyYAML's resolver (resolver.py) and constructor ---- */

static bool yaml_is_null(const char *t, size_t n) {
    return n == 0 || yaml_is(t, n, "~") || yaml_is(t, n, "null") || yaml_is(t, n, "Null") || yaml_is(t, n, "NULL");
}

/* 1 true, 0 false, -1 neither; `any_case` for !!bool (its constructor lowers the text). */
static int yaml_bool(const char *t, size_t n, bool any_case) {
    static const char *const words[] = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
                                        "no",  "No",  "NO",  "false", "False", "FALSE", "off", "Off", "OFF"};
    char low[8];
    size_t i;
    if (any_case && n < sizeof low) {
        for (i = 0; i < n; i++) low[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
        t = low;
    }
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (yaml_is(t, n, words[i])) return i < 9;
    return -1;
}

/* The number of a JSON number text into n (false when JSON cannot hold it). */
static bool yaml_number_text(yconv *c, const char *json, ynode *n) {
    const llm_json *v;
    if (llm_json_parse(&c->number, json, strlen(json), NULL) != LLM_OK) return false;
    v = llm_json_root(&c->number);
    n->number = llm_json_number(v, 0);
    n->whole = llm_json_int(v, 0);
    n->exact = n->whole == llm_json_int(v, 1); /* an int64 integer: both fallbacks unused */
    n->type = YAML_NUMBER;
    return true;
}

static bool yaml_digit(char ch, int base) {
    return base == 16 ? (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
                      : ch >= '0' && ch < '0' + base;
}

/* Digits of `base` and underscores from t[*i] on, at least one of either,
   added to *v (*big on overflow); the count of digits. */
static size_t yaml_digits(const char *t, size_t n, size_t *i, int base, uint64_t *v, bool *big) {
    size_t digits = 0;
    for (; *i < n && (t[*i] == '_' || yaml_digit(t[*i], base)); (*i)++) {
        unsigned d;
        if (t[*i] == '_') continue;
        d = (unsigned)(t[*i] <= '9' ? t[*i] - '0' : (t[*i] | 0x20) - 'a' + 10);
        if (*v > (UINT64_MAX - d) / (uint64_t)base) *big = true;
        *v = *v * (uint64_t)base + d;
        digits++;
    }
    return digits;
}

/* The base-60 groups ":[0-5]?[0-9]" from t[*i] on, folded into *v. */
static size_t yaml_sexagesimal(const char *t, size_t n, size_t *i, uint64_t *v, bool *big) {
    size_t groups = 0;
    while (*i + 1 < n && t[*i] == ':' && t[*i + 1] >= '0' && t[*i + 1] <= '9') {
        unsigned g = (unsigned)(t[*i + 1] - '0');
        *i += 2;
        if (*i < n && t[*i] >= '0' && t[*i] <= '9' && g <= 5) g = g * 10 + (unsigned)(t[(*i)++] - '0');
        if (*v > (UINT64_MAX - g) / 60) *big = true;
        *v = *v * 60 + g;
        groups++;
    }
    return groups;
}

/* PyYAML's int: [-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+).
   1: n is that number; 0: not an int; -1: an int JSON cannot hold. */
static int yaml_int(yconv *c, const char *t, size_t len, ynode *n) {
    size_t i = 0, digits;
    uint64_t v = 0;
    bool neg = false, big = false, decimal = false;
    char json[512];
    if (i < len && (t[i] == '-' || t[i] == '+')) neg = t[i++] == '-';
    if (i == len || t[i] < '0' || t[i] > '9') return 0;
    if (len - i > 2 && t[i] == '0' && (t[i + 1] == 'b' || t[i + 1] == 'x')) {
        int base = t[i + 1] == 'b' ? 2 : 16;
        i += 2;
        digits = yaml_digits(t, len, &i, base, &v, &big);
    } else if (t[i] == '0') {
        i++;
        digits = 1 + yaml_digits(t, len, &i, 8, &v, &big);
    } else {
        size_t start = i, o = 0;
        digits = yaml_digits(t, len, &i, 10, &v, &big);
        if (i < len && t[i] == ':') {
            if (!yaml_sexagesimal(t, len, &i, &v, &big)) return 0;
        } else { /* decimal: its digits as they are, however many */
            decimal = true;
            big = false;
            if (neg) json[o++] = '-';
            for (; start < i && o + 1 < sizeof json; start++)
                if (t[start] != '_') json[o++] = t[start];
            if (start < i) big = true;
            json[o] = '\0';
        }
    }
    if (i != len) return 0;
    if (!digits) return 0; /* "0x_": PyYAML's int() fails on it too */
    if (!decimal && !big) snprintf(json, sizeof json, "%s%llu", neg && v ? "-" : "", (unsigned long long)v);
    return !big && yaml_number_text(c, json, n) ? 1 : -1;
}

/* PyYAML's decimal float, [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? or
   \.[0-9_]+([eE][-+][0-9]+)?, as JSON text (false: not one). */
static bool yaml_float_json(const char *t, size_t len, char *json, size_t size) {
    size_t i = 0, o = 0, k, int_digits = 0, frac_digits = 0;
    bool sign = len && (t[0] == '-' || t[0] == '+'), leading_dot;
    if (sign && t[i++] == '-') json[o++] = '-';
    leading_dot = i < len && t[i] == '.';
    if (leading_dot ? sign : i == len || t[i] < '0' || t[i] > '9') return false;
    for (; i < len && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_'); i++) {
        if (t[i] == '_' || (t[i] == '0' && !int_digits)) continue; /* JSON has no leading zero */
        if (o + 8 >= size) return false;
        json[o++] = t[i];
        int_digits++;
    }
    if (!int_digits) json[o++] = '0';
    if (i == len || t[i] != '.') return false;
    json[o++] = t[i++];
    for (; i < len && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_'); i++) {
        if (t[i] == '_') continue;
        if (o + 8 >= size) return false;
        json[o++] = t[i];
        frac_digits++;
    }
    if (!frac_digits && leading_dot) return false; /* "._": PyYAML's float() fails on it too */
    if (!frac_digits) json[o++] = '0';
    if (i < len && (t[i] == 'e' || t[i] == 'E')) {
        json[o++] = t[i++];
        if (i == len || (t[i] != '-' && t[i] != '+')) return false;
        json[o++] = t[i++];
        for (k = i; i < len && t[i] >= '0' && t[i] <= '9'; i++) {
            if (o + 1 >= size) return false;
            json[o++] = t[i];
        }
        if (i == k) return false;
    }
    json[o] = '\0';
    return i == len;
}

/* A base-60 float, [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*, summed from
   its last group as PyYAML sums it. False: not one. */
static bool yaml_float_base60(yconv *c, const char *t, size_t len, ynode *n) {
    size_t i = len && (t[0] == '-' || t[0] == '+') ? 1 : 0, k = i, end = len, start;
    uint64_t v = 0;
    bool big = false;
    double base = 1, sum = 0;
    char json[512];
    if (!yaml_digits(t, len, &k, 10, &v, &big) || k == len || t[k] != ':' || !yaml_sexagesimal(t, len, &k, &v, &big) ||
        k == len || t[k] != '.')
        return false;
    for (k++; k < len && ((t[k] >= '0' && t[k] <= '9') || t[k] == '_'); k++) {}
    if (k != len) return false;
    for (;;) {
        double part = 0;
        for (start = end; start > i && t[start - 1] != ':'; start--) {}
        if (end == len) { /* the last group, with the fraction */
            ynode last;
            if (!yaml_float_json(t + start, end - start, json, sizeof json) || !yaml_number_text(c, json, &last))
                return false;
            part = last.number;
        } else {
            for (k = start; k < end; k++)
                if (t[k] != '_') part = part * 10 + (t[k] - '0');
        }
        sum += part * base;
        base *= 60;
        if (start == i) break;
        end = start - 1;
    }
    n->type = YAML_NUMBER;
    n->number = t[0] == '-' ? -sum : sum;
    n->exact = false;
    return true;
}

/* PyYAML's float. 1: n is that number; 0: not a float; -1: a float JSON
   cannot hold (.inf, .nan, beyond a double). */
static int yaml_float(yconv *c, const char *t, size_t len, ynode *n) {
    size_t i = len && (t[0] == '-' || t[0] == '+') ? 1 : 0;
    char json[512];
    if (len - i == 4 && t[i] == '.' &&
        (yaml_is(t + i + 1, 3, "inf") || yaml_is(t + i + 1, 3, "Inf") || yaml_is(t + i + 1, 3, "INF")))
        return -1;
    if (yaml_is(t, len, ".nan") || yaml_is(t, len, ".NaN") || yaml_is(t, len, ".NAN")) return -1;
    if (yaml_float_json(t, len, json, sizeof json)) return yaml_number_text(c, json, n) ? 1 : -1;
    return yaml_float_base60(c, t, len, n) ? 1 : 0;
}

/* A plain scalar's type, as PyYAML's implicit resolver gives it. */
static void yaml_resolve(yconv *c, ynode *n) {
    int b;
    n->type = YAML_STRING;
    if (yaml_is_null(n->text, n->len)) n->type = YAML_NULL;
    else if ((b = yaml_bool(n->text, n->len, false)) >= 0) n->type = b ? YAML_TRUE : YAML_FALSE;
    else if (yaml_int(c, n->text, n->len, n) == 0 && yaml_float(c, n->text, n->len, n) <= 0) n->type = YAML_STRING;
    if (n->type != YAML_NUMBER) n->exact = false;
}

/* A scalar with an explicit tag: !!str, !!null, !!bool, !!int, !!float. */
static bool yaml_tagged(yconv *c, ynode *n, const char *tag) {
    static const char core[] = "tag:yaml.org,2002:";
    const char *name = strncmp(tag, core, sizeof core - 1) == 0 ? tag + sizeof core - 1 : "";
    int b, r;
    if (strcmp(name, "str") == 0) {
        n->type = YAML_STRING;
    } else if (strcmp(name, "null") == 0) {
        n->type = YAML_NULL;
    } else if (strcmp(name, "bool") == 0) {
        if ((b = yaml_bool(n->text, n->len, true)) < 0)
            return yaml_fail(c, n, "!!bool \"%s\" is not a boolean", n->text);
        n->type = b ? YAML_TRUE : YAML_FALSE;
    } else if (strcmp(name, "int") == 0) {
        if ((r = yaml_int(c, n->text, n->len, n)) == 0)
            return yaml_fail(c, n, "!!int \"%s\" is not an integer", n->text);
        if (r < 0) n->type = YAML_STRING;
    } else if (strcmp(name, "float") == 0) {
        char json[512], dotted[512]; /* float("010") is 10.0: a decimal integer, read with a dot after it */
        if ((r = yaml_float(c, n->text, n->len, n)) == 0 && n->len + 2 < sizeof dotted) {
            snprintf(dotted, sizeof dotted, "%s.", n->text);
            if (yaml_float_json(dotted, n->len + 1, json, sizeof json)) r = yaml_number_text(c, json, n) ? 1 : -1;
        }
        if (r == 0) return yaml_fail(c, n, "!!float \"%s\" is not a number", n->text);
        if (r < 0) n->type = YAML_STRING;
        n->exact = false;
    } else {
        return yaml_fail(c, n, "the tag %s is not read here (only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map)",
                         tag);
    }
    return true;
}

/* ---- the document, read from libyaml's events ---- */

static ynode *yaml_node(yconv *c, int kind, const yaml_mark_t *mark, size_t *id) {
    ynode *n;
    if (!yaml_grow(c, (void **)&c->nodes, &c->cap, c->count + 1, sizeof *c->nodes)) return NULL;
    *id = c->count++;
    n = &c->nodes[*id];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = mark->line + 1;
    n->column = mark->column + 1;
    return n;
}

static size_t yaml_hash(const char *s) {
    size_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h & (YAML_ANCHOR_SLOTS - 1);
}

/* The slot of anchor `name`: its own, or the empty one it would take. */
static yanchor *yaml_anchor_slot(yconv *c, const char *name) {
    size_t h = yaml_hash(name);
    while (c->anchors[h].name && strcmp(c->anchors[h].name, name) != 0) h = (h + 1) & (YAML_ANCHOR_SLOTS - 1);
    return &c->anchors[h];
}

/* Names node `id` `name` (a later anchor of the same name replaces it, as in YAML). */
static bool yaml_anchor(yconv *c, const yaml_char_t *name, size_t id) {
    yanchor *a;
    if (!name) return true;
    a = yaml_anchor_slot(c, (const char *)name);
    if (!a->name) {
        if (c->anchor_count == YAML_MAX_ANCHORS)
            return yaml_fail(c, &c->nodes[id], "more than %d anchors", YAML_MAX_ANCHORS);
        if (!(a->name = (char *)malloc(strlen((const char *)name) + 1))) return yaml_no_memory(c);
        strcpy(a->name, (const char *)name);
        c->anchor_count++;
    }
    a->node = id;
    return true;
}

/* Puts node `id` where the document is: its root, or the open container's next item. */
static bool yaml_attach(yconv *c, size_t id) {
    ynode *parent;
    if (!c->depth) {
        c->root = id;
        c->has_root = 1;
        return true;
    }
    parent = &c->nodes[c->open[c->depth - 1]];
    if (!yaml_grow(c, (void **)&parent->items, &parent->cap, parent->count + 1, sizeof *parent->items)) return false;
    parent->items[parent->count++] = id;
    return true;
}

static bool yaml_on_scalar(yconv *c, const yaml_event_t *ev) {
    size_t id;
    ynode *n = yaml_node(c, YAML_SCALAR, &ev->start_mark, &id);
    const char *tag = (const char *)ev->data.scalar.tag;
    if (!n) return false;
    n->len = ev->data.scalar.length;
    if (!(n->text = (char *)malloc(n->len + 1))) return yaml_no_memory(c);
    memcpy(n->text, ev->data.scalar.value, n->len);
    n->text[n->len] = '\0';
    /* plain_implicit: a plain scalar without a tag, or any with the tag "!" (PyYAML resolves both) */
    n->plain = ev->data.scalar.plain_implicit != 0;
    if (n->plain) yaml_resolve(c, n);
    else if (tag && strcmp(tag, "!") != 0 && !yaml_tagged(c, n, tag)) return false;
    return yaml_anchor(c, ev->data.scalar.anchor, id) && yaml_attach(c, id);
}

static bool yaml_on_start(yconv *c, const yaml_event_t *ev, int kind) {
    const char *tag = (const char *)(kind == YAML_SEQ ? ev->data.sequence_start.tag : ev->data.mapping_start.tag);
    const yaml_char_t *anchor = kind == YAML_SEQ ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
    const char *core = kind == YAML_SEQ ? "tag:yaml.org,2002:seq" : "tag:yaml.org,2002:map";
    size_t id;
    ynode *n = yaml_node(c, kind, &ev->start_mark, &id);
    if (!n) return false;
    if (c->depth == YAML_MAX_DEPTH) return yaml_fail(c, n, "nested deeper than %d levels", YAML_MAX_DEPTH);
    if (tag && strcmp(tag, "!") != 0 && strcmp(tag, core) != 0)
        return yaml_fail(c, n, "the tag %s is not read here (only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map)",
                         tag);
    if (!yaml_anchor(c, anchor, id) || !yaml_attach(c, id)) return false;
    c->open[c->depth++] = id;
    return true;
}

static bool yaml_on_alias(yconv *c, const yaml_event_t *ev) {
    yanchor *a = yaml_anchor_slot(c, (const char *)ev->data.alias.anchor);
    if (!a->name) {
        ynode at;
        at.line = ev->start_mark.line + 1;
        at.column = ev->start_mark.column + 1;
        return yaml_fail(c, &at, "the alias *%s names no anchor before it", (const char *)ev->data.alias.anchor);
    }
    return yaml_attach(c, a->node);
}

/* One event into the document; *done at the stream's end. */
static bool yaml_on_event(yconv *c, const yaml_event_t *ev, bool *done) {
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return yaml_on_scalar(c, ev);
    case YAML_SEQUENCE_START_EVENT: return yaml_on_start(c, ev, YAML_SEQ);
    case YAML_MAPPING_START_EVENT: return yaml_on_start(c, ev, YAML_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: c->depth--; return true;
    case YAML_ALIAS_EVENT: return yaml_on_alias(c, ev);
    case YAML_DOCUMENT_START_EVENT:
        if (++c->documents > 1) {
            ynode at;
            at.line = ev->start_mark.line + 1;
            at.column = ev->start_mark.column + 1;
            return yaml_fail(c, &at, "a second YAML document: a config is one");
        }
        return true;
    case YAML_STREAM_END_EVENT: *done = true; return true;
    default: return true;
    }
}

/* libyaml's words for a syntax error, with its line and column. */
static bool yaml_syntax_error(yconv *c, const yaml_parser_t *p) {
    ynode at, context;
    if (p->error == YAML_MEMORY_ERROR) return yaml_no_memory(c);
    if (p->error == YAML_READER_ERROR && p->problem_value >= 0)
        return yaml_fail(c, NULL, "byte offset %zu: %s (0x%02X)", p->problem_offset,
                         p->problem ? p->problem : "unreadable", (unsigned)p->problem_value);
    if (p->error == YAML_READER_ERROR)
        return yaml_fail(c, NULL, "byte offset %zu: %s", p->problem_offset, p->problem ? p->problem : "unreadable");
    at.line = p->problem_mark.line + 1;
    at.column = p->problem_mark.column + 1;
    context.line = p->context_mark.line + 1;
    context.column = p->context_mark.column + 1;
    if (p->context)
        return yaml_fail(c, &at, "%s (%s, line %zu, column %zu)", p->problem ? p->problem : "syntax error", p->context,
                         context.line, context.column);
    return yaml_fail(c, &at, "%s", p->problem ? p->problem : "syntax error");
}

/* ---- the document, written as JSON ---- */

static bool yaml_is_merge_key(const ynode *k) {
    return k->kind == YAML_SCALAR && k->plain && yaml_is(k->text, k->len, "<<");
}

/* Counts `more` values against the bound on what aliases may expand to. */
static bool yaml_count(yconv *c, size_t more, size_t bytes) {
    c->values += more;
    c->bytes += bytes;
    if (c->values <= YAML_MAX_VALUES && c->bytes <= YAML_MAX_JSON) return true;
    return yaml_fail(c, NULL, "aliases expand it past %d values or %d MiB of JSON (an alias bomb?)", YAML_MAX_VALUES,
                     YAML_MAX_JSON >> 20);
}

static bool yaml_flatten(yconv *c, size_t id, int depth);

/* The members a merge key's value brings, flattened: a mapping, or a
   sequence of mappings (counted in *count). */
static bool yaml_merge_sources(yconv *c, size_t value, int depth, size_t *count) {
    ynode *v = &c->nodes[value];
    size_t i;
    if (v->kind == YAML_MAP) {
        if (!yaml_flatten(c, value, depth + 1)) return false;
        *count += c->nodes[value].member_count;
        return true;
    }
    if (v->kind != YAML_SEQ) return yaml_fail(c, v, "a merge key (<<) takes a mapping or a sequence of mappings");
    for (i = 0; i < v->count; i++) {
        ynode *m = &c->nodes[v->items[i]];
        if (m->kind != YAML_MAP) return yaml_fail(c, m, "a merge key (<<) takes a mapping or a sequence of mappings");
        if (!yaml_flatten(c, v->items[i], depth + 1)) return false;
        *count += m->member_count;
    }
    return true;
}

static void yaml_append(size_t *pairs, size_t *n, const ynode *from) {
    memcpy(pairs + 2 * *n, from->members, 2 * from->member_count * sizeof *pairs);
    *n += from->member_count;
}

/* Keeps one pair per key, the last value at the first key's place (a
   Python dict's rule), through a hash of the keys' text. */
static bool yaml_dedupe(yconv *c, size_t *pairs, size_t *n) {
    size_t slots = 16, i, kept = 0, *table;
    while (slots < 2 * *n) slots *= 2;
    if (!(table = (size_t *)calloc(slots, sizeof *table))) return yaml_no_memory(c);
    for (i = 0; i < *n; i++) {
        const ynode *k = &c->nodes[pairs[2 * i]];
        size_t h = 2166136261u, j;
        for (j = 0; k->kind == YAML_SCALAR && j < k->len; j++) h = (h ^ (unsigned char)k->text[j]) * 16777619u;
        for (h &= slots - 1; table[h]; h = (h + 1) & (slots - 1)) {
            const ynode *o = &c->nodes[pairs[2 * (table[h] - 1)]];
            if (o->kind == YAML_SCALAR && k->kind == YAML_SCALAR && o->len == k->len && memcmp(o->text, k->text, k->len) == 0)
                break;
        }
        if (table[h]) {
            pairs[2 * (table[h] - 1) + 1] = pairs[2 * i + 1];
        } else {
            pairs[2 * kept] = pairs[2 * i];
            pairs[2 * kept + 1] = pairs[2 * i + 1];
            table[h] = ++kept;
        }
    }
    free(table);
    *n = kept;
    return true;
}

/* A mapping's members as PyYAML builds them (flatten_mapping, then a
   dict): the merged mappings' members first (of a list, the last listed
   first), then its own, one value per key. Made once per node. */
static bool yaml_flatten(yconv *c, size_t id, int depth) {
    ynode *n = &c->nodes[id];
    size_t i, total = 0, count = 0, *pairs;
    if (n->flat == 2) return true;
    if (n->flat == 1) return yaml_fail(c, n, "a merge key (<<) that takes in its own mapping");
    if (depth > YAML_MAX_DEPTH) return yaml_fail(c, n, "merge keys (<<) nested deeper than %d levels", YAML_MAX_DEPTH);
    n->flat = 1;
    for (i = 0; i + 1 < n->count; i += 2) {
        if (!yaml_is_merge_key(&c->nodes[n->items[i]])) total++;
        else if (!yaml_merge_sources(c, n->items[i + 1], depth, &total)) return false;
    }
    if (!yaml_count(c, total, 0)) return false;
    if (!(pairs = (size_t *)malloc((2 * total + 1) * sizeof *pairs))) return yaml_no_memory(c);
    for (i = 0; i + 1 < n->count; i += 2) {
        const ynode *v = &c->nodes[n->items[i + 1]];
        size_t k;
        if (!yaml_is_merge_key(&c->nodes[n->items[i]])) continue;
        if (v->kind == YAML_MAP) yaml_append(pairs, &count, v);
        for (k = v->kind == YAML_SEQ ? v->count : 0; k > 0; k--) yaml_append(pairs, &count, &c->nodes[v->items[k - 1]]);
    }
    for (i = 0; i + 1 < n->count; i += 2) {
        if (yaml_is_merge_key(&c->nodes[n->items[i]])) continue;
        pairs[2 * count] = n->items[i];
        pairs[2 * count + 1] = n->items[i + 1];
        count++;
    }
    n->members = pairs;
    n->member_count = count;
    n->flat = 2;
    return yaml_dedupe(c, n->members, &n->member_count);
}

static bool yaml_write(yconv *c, llm_json_writer *w, size_t id, int depth);

static bool yaml_write_scalar(llm_json_writer *w, const ynode *n) {
    switch (n->type) {
    case YAML_NULL: llm_json_write_null(w); break;
    case YAML_TRUE: llm_json_write_bool(w, true); break;
    case YAML_FALSE: llm_json_write_bool(w, false); break;
    case YAML_NUMBER:
        if (n->exact) llm_json_write_int(w, n->whole);
        else llm_json_write_number(w, n->number);
        break;
    default: llm_json_write_stringn(w, n->text, n->len);
    }
    return true;
}

static bool yaml_write_map(yconv *c, llm_json_writer *w, size_t id, int depth) {
    size_t i;
    if (!yaml_flatten(c, id, 1)) return false;
    llm_json_write_object_begin(w);
    for (i = 0; i < c->nodes[id].member_count; i++) {
        const ynode *k = &c->nodes[c->nodes[id].members[2 * i]];
        if (k->kind != YAML_SCALAR) return yaml_fail(c, k, "a key that is a sequence or a mapping (JSON keys are strings)");
        if (!yaml_count(c, 0, k->len + 8)) return false;
        llm_json_write_keyn(w, k->text, k->len);
        if (!yaml_write(c, w, c->nodes[id].members[2 * i + 1], depth + 1)) return false;
    }
    llm_json_write_object_end(w);
    return true;
}

/* Node `id` as JSON; depth counts the containers it is in, itself included. */
static bool yaml_write(yconv *c, llm_json_writer *w, size_t id, int depth) {
    const ynode *n = &c->nodes[id];
    size_t i;
    if (!yaml_count(c, 1, n->kind == YAML_SCALAR ? n->len + 8 : 8)) return false;
    if (n->kind == YAML_SCALAR) return yaml_write_scalar(w, n);
    if (depth > YAML_MAX_DEPTH)
        return yaml_fail(c, n, "nested deeper than %d levels (an alias inside the node it names?)", YAML_MAX_DEPTH);
    if (n->kind == YAML_MAP) return yaml_write_map(c, w, id, depth);
    llm_json_write_array_begin(w);
    for (i = 0; i < n->count; i++)
        if (!yaml_write(c, w, n->items[i], depth + 1)) return false;
    llm_json_write_array_end(w);
    return true;
}

static void yaml_free(yconv *c) {
    size_t i;
    for (i = 0; i < c->count; i++) {
        cli_wipe(c->nodes[i].text, c->nodes[i].len);
        free(c->nodes[i].text);
        free(c->nodes[i].items);
        free(c->nodes[i].members);
    }
    for (i = 0; c->anchors && i < YAML_ANCHOR_SLOTS; i++) free(c->anchors[i].name);
    free(c->anchors);
    free(c->nodes);
    llm_json_doc_free(&c->number);
}

/* The document's JSON, malloc'ed; NULL with msg filled. */
static char *yaml_to_json(const char *text, size_t len, size_t *out_len, char *msg, size_t size) {
    yconv c;
    yaml_parser_t p;
    yaml_event_t ev;
    llm_json_writer w;
    const char *json;
    char *out = NULL;
    bool ok, done = false;
    memset(&c, 0, sizeof c);
    memset(&w, 0, sizeof w);
    c.msg = msg;
    c.size = size;
    c.anchors = (yanchor *)calloc(YAML_ANCHOR_SLOTS, sizeof *c.anchors);
    if (!(ok = c.anchors && yaml_parser_initialize(&p))) {
        yaml_free(&c);
        yaml_no_memory(&c);
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (ok && !done) {
        if (!yaml_parser_parse(&p, &ev)) {
            ok = yaml_syntax_error(&c, &p);
            break;
        }
        ok = yaml_on_event(&c, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (ok && !c.has_root) ok = yaml_fail(&c, NULL, "no YAML document in it (empty, or comments only)");
    if (ok && c.nodes[c.root].kind != YAML_MAP)
        ok = yaml_fail(&c, &c.nodes[c.root], "the document is a %s, not a mapping (LiteLLM's config: model_list, "
                       "router_settings, ...)", c.nodes[c.root].kind == YAML_SEQ ? "sequence" : "scalar");
    if (ok) ok = yaml_write(&c, &w, c.root, 1);
    if (ok && llm_json_writer_finish(&w, &json, out_len) != LLM_OK) ok = yaml_fail(&c, NULL, "cannot be written as JSON");
    if (ok && !(out = (char *)malloc(*out_len + 1))) ok = yaml_no_memory(&c);
    if (ok) memcpy(out, json, *out_len + 1);
    if (ok) cli_wipe((char *)json, *out_len);
    llm_json_writer_free(&w);
    yaml_free(&c);
    return out;
}

#endif /* LLM_CLI_YAML */

char *cli_router_config_json(const char *path, size_t *len, char *msg, size_t size) {
    size_t text_len = 0;
    char *text = config_read(path, &text_len, msg, size), *json = NULL;
    *len = text_len;
    if (!text || config_is_json(path)) return text;
#ifdef LLM_CLI_YAML
    {
        char why[256];
        json = yaml_to_json(text, text_len, len, why, sizeof why);
        if (!json) snprintf(msg, size, "%s: %s", path, why);
    }
#else
    snprintf(msg, size, "%s: this llm was built without libyaml and reads JSON configs only: apt-get install "
             "libyaml-dev and run make again for YAML, or give the config as a .json file", path);
#endif
    cli_router_config_free(text, text_len);
    return json;
}
