/* llm_otlp.h - v0.1.0 - an OTLP/HTTP JSON exporter of llm.h's spans and metrics - MIT licence (see llm.h)

   Collects the spans and histogram measurements llm.h reports through its
   telemetry hooks (llm_telemetry, see llm.h's >>telemetry) and sends them
   to an OpenTelemetry collector as OTLP/HTTP JSON, through any
   llm_transport: the curl adapter's, or a firmware's own. No OpenTelemetry
   library is needed.

   DO THIS
   -------
   In exactly one C or C++ file, after llm.h:

       #define LLM_OTLP_IMPLEMENTATION
       #include "llm_otlp.h"

       llm_otlp otlp;
       llm_otlp_options oo = {0};
       oo.endpoint = getenv("OTEL_EXPORTER_OTLP_ENDPOINT");    ("http://127.0.0.1:4318")
       oo.headers = getenv("OTEL_EXPORTER_OTLP_HEADERS");      ("api-key=secret,tenant=a%20b", or NULL)
       oo.service_name = getenv("OTEL_SERVICE_NAME");          (NULL: "unknown_service")
       oo.transport = llm_curl_transport(&curl);
       if (llm_otlp_init(&otlp, &oo, &err) != LLM_OK) ...    (a bad endpoint or header list, named in err)
       desc.telemetry = llm_otlp_telemetry(&otlp);              (llm_client_desc or llm_router_desc)
       ... calls; every few seconds, and before exit: llm_otlp_flush(&otlp, &err) ...
       llm_otlp_free(&otlp);

   WHAT IT DOES
   ------------
   - Spans: each span_start gets a 8-byte span id; a root span a 16-byte
     trace id, a child (its parent handle given) its parent's trace id and
     the parent's span id as parentSpanId. Ids come from options.random
     (default: a splitmix64 generator seeded from options.seed, or from the
     wall clock and the exporter's address when the seed is 0); an all-zero
     id, which OTLP calls invalid, is never made. Start, event and end times
     are unix nanoseconds from options.wall_clock_ns (default: the platform's
     CLOCK_REALTIME, GetSystemTimeAsFileTime on Windows; time() where neither
     is there). Kind CLIENT or INTERNAL,
     status UNSET, OK or ERROR with its description; attributes set again
     under the same key replace the old value.
   - Metrics: every record() is aggregated into an explicit-bucket
     histogram per metric name and attribute set (the same attributes in
     any order are one series), cumulative from the series' first
     measurement. The buckets are the ones the GenAI semantic conventions
     recommend: gen_ai.client.token.usage and any "{token}" unit
     [1, 4, 16, ..., 67108864] (powers of 4); gen_ai.client.operation.duration,
     .time_to_first_chunk, .time_per_output_chunk and any "s" unit
     [0.01, 0.02, ..., 81.92] (doubling); any other unit the OpenTelemetry
     SDK's default [0, 5, 10, 25, ..., 10000]. A bucket holds the values
     above the previous bound up to and including its own.
   - Bounded memory: at most max_open_spans spans open and max_spans ended
     spans waiting for a flush; at most max_series histogram series; at
     most max_attrs attributes (droppedAttributesCount) and max_events
     events (droppedEventsCount) per span; a string value is cut at
     max_value_bytes (at a character boundary). A span or measurement that
     does not fit is dropped and counted (llm_otlp_get_stats); so is one
     that meets an allocation failure. Invalid UTF-8 in a string becomes
     U+FFFD; a non-finite measurement is dropped and counted.
   - Export: llm_otlp_flush sends what is waiting as OTLP/HTTP JSON, POST
     {endpoint}/v1/traces and {endpoint}/v1/metrics (or traces_url and
     metrics_url as given, like OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), with
     Content-Type: application/json and the extra headers, each request
     bounded by timeout_ms. The resource carries service.name (and
     telemetry.sdk.name "llm.h", telemetry.sdk.version); the scope is
     "llm.h". Ended spans leave the exporter with the flush, whatever its
     outcome: a collector that is down, slow or refusing (any answer but
     2xx) costs one bounded request per signal, the export is counted as
     failed and its spans dropped; the calls never wait for it. Histograms
     stay (cumulative) and go again with the next flush.
   - The JSON follows the OTLP protobuf's JSON mapping: lowerCamelCase
     names, trace and span ids as hex, 64-bit integers as decimal strings,
     enums as integers (SpanKind CLIENT 3, INTERNAL 1; StatusCode OK 1,
     ERROR 2; AggregationTemporality CUMULATIVE 2), AnyValue kinds
     stringValue, intValue, doubleValue, boolValue and arrayValue (a string
     array), NaN and infinities as "NaN", "Infinity", "-Infinity".

   THREADS. Give lock and unlock (a mutex) when calls on several threads
   share the exporter: every hook and the flush take it for their work on
   the exporter's memory; a flush sends outside it, so calls are not held
   up by a slow collector. Without them, use the exporter from one thread.
   The transport is used by llm_otlp_flush alone (one request at a time
   per flush).

   MEMORY. Everything through options.alloc (llm.h's allocator: zeroed
   means malloc), freed by llm_otlp_free. */
#ifndef LLM_OTLP_H
#define LLM_OTLP_H

#include "llm.h"

#ifndef LLM_OTLP_API
#define LLM_OTLP_API LLM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Extra request headers read from OTEL_EXPORTER_OTLP_HEADERS's form. */
typedef struct llm_otlp_headers {
    llm_pair *pairs;                 /* names and %XX-decoded values, NUL-terminated */
    size_t count;
    /* private */
    llm_allocator alloc_;
    char *storage_;
    size_t storage_size_;
} llm_otlp_headers;

/* Reads "key1=value1,key2=value2" (the W3C Baggage form that
   OTEL_EXPORTER_OTLP_HEADERS uses): whitespace around keys and values is
   trimmed, values are %XX-decoded, empty members (",,", a trailing comma)
   are skipped. NULL or "" is an empty list. Refused with
   LLM_ERR_INVALID_ARGUMENT (err says which member, never a value): a member
   without '=', a key that is not an HTTP token, a bad %XX escape, a
   decoded value holding a control byte other than HTAB. LLM_ERR_NO_MEMORY.
   out is zeroed on failure. alloc may be NULL (malloc). */
LLM_OTLP_API llm_result llm_otlp_headers_parse(const char *text, const llm_allocator *alloc, llm_otlp_headers *out,
                                               llm_error *err);
/* Frees what llm_otlp_headers_parse kept (the values wiped); a zeroed list is fine. */
LLM_OTLP_API void llm_otlp_headers_free(llm_otlp_headers *h);

/* Zero what you do not use. Strings are copied by llm_otlp_init. */
typedef struct llm_otlp_options {
    const char *endpoint;            /* OTEL_EXPORTER_OTLP_ENDPOINT: http(s)://host[:port][/path]; "/v1/traces"
                                        and "/v1/metrics" are appended */
    const char *traces_url;          /* the full URL for spans (wins over endpoint); NULL: from endpoint */
    const char *metrics_url;         /* the full URL for metrics (wins over endpoint); NULL: from endpoint */
    const char *headers;             /* OTEL_EXPORTER_OTLP_HEADERS: "k=v,k2=v2" (llm_otlp_headers_parse) */
    const char *service_name;        /* resource attribute service.name; NULL or "": "unknown_service" */
    llm_transport transport;         /* what llm_otlp_flush sends through */
    int timeout_ms;                  /* per request; 0 = 10000 (OTEL_EXPORTER_OTLP_TIMEOUT's default) */
    int connect_timeout_ms;          /* 0 = the transport's default */
    size_t max_spans;                /* ended spans waiting for a flush; 0 = 2048 */
    size_t max_open_spans;           /* spans started and not ended; 0 = 1024 */
    size_t max_series;               /* histogram series (name + attribute set); 0 = 256 */
    size_t max_attrs;                /* per span, event or measurement; 0 = 128 */
    size_t max_events;               /* per span; 0 = 128 */
    size_t max_value_bytes;          /* a string value is cut at this many bytes; 0 = 65536 */
    /* Random 64-bit words for trace and span ids (called under the lock).
       NULL: the exporter's own generator, seeded from `seed` (0: the wall
       clock and the exporter's address). */
    uint64_t (*random)(void *user);
    void *random_user;
    uint64_t seed;
    /* Wall-clock unix nanoseconds for span, event and data point times.
       NULL: the platform's clock. */
    int64_t (*wall_clock_ns)(void *user);
    void *clock_user;
    /* A mutex around the exporter's memory, for hooks and flushes on
       several threads; both or neither. */
    void (*lock)(void *user);
    void (*unlock)(void *user);
    void *lock_user;
    llm_allocator alloc;
} llm_otlp_options;

/* Counters since init (llm_otlp_get_stats). */
typedef struct llm_otlp_stats {
    uint64_t spans_started;          /* span_start calls given a span */
    uint64_t spans_ended;            /* spans ended and kept for the next flush */
    uint64_t spans_exported;         /* in an export the collector accepted (2xx) */
    uint64_t spans_dropped;          /* not kept: max_open_spans, max_spans, or out of memory */
    uint64_t spans_export_failed;    /* in a failed export: dropped */
    uint64_t measurements;           /* measurements aggregated */
    uint64_t measurements_dropped;   /* max_series full, a non-finite value, or out of memory */
    uint64_t exports;                /* requests sent (traces and metrics) */
    uint64_t exports_failed;         /* of which failed: transport error, timeout, or an answer but 2xx */
    int last_status;                 /* the HTTP status of the last export (0: none arrived) */
    size_t spans_pending;            /* ended spans waiting now */
    size_t open_spans;               /* spans open now */
    size_t series;                   /* histogram series now */
} llm_otlp_stats;

struct llm__otlp_span;
struct llm__otlp_series;

typedef struct llm_otlp {
    /* private */
    llm_otlp_options o_;             /* the strings below replace the caller's */
    char *traces_url_, *metrics_url_, *service_name_;
    llm_otlp_headers headers_;
    llm_pair *req_headers_;          /* Content-Type, then headers_ */
    size_t req_header_count_, secret_header_;
    char **ring_;                    /* ended spans as OTLP Span JSON, ring_len_[i] bytes each */
    size_t *ring_len_;
    size_t ring_head_, ring_count_;
    struct llm__otlp_span *open_;    /* open spans, a doubly linked list */
    struct llm__otlp_series *series_;
    size_t series_count_;
    llm_json_writer scratch_;        /* builds one attribute value or span at a time (under the lock) */
    uint64_t rng_;
    llm_otlp_stats stats_;
} llm_otlp;

/* Checks the options and copies them; allocates the ring and the series
   table (nothing is sent). Refused with LLM_ERR_INVALID_ARGUMENT, the field
   named: no transport.send, no endpoint and no URL for a signal, a URL that
   is not http(s):// or holds spaces or control bytes, a bad header list,
   lock without unlock. LLM_ERR_NO_MEMORY. */
LLM_OTLP_API llm_result llm_otlp_init(llm_otlp *x, const llm_otlp_options *options, llm_error *err);
/* The hooks to put in llm_client_desc.telemetry or llm_router_desc.telemetry
   (record_content false: set it to send message contents). */
LLM_OTLP_API llm_telemetry llm_otlp_telemetry(llm_otlp *x);
/* Sends the ended spans (POST traces URL) and the histograms (POST metrics
   URL), each when there is something to send, each request bounded by
   timeout_ms. The spans leave the exporter whatever the outcome. Returns
   LLM_OK when every request got a 2xx answer (or none was needed), else
   the first failure, err saying which URL and why: the transport's error,
   or LLM_ERR_HTTP with err->http_status. Call it on a timer or on demand,
   from any thread (with the lock hooks), never from inside a hook. */
LLM_OTLP_API llm_result llm_otlp_flush(llm_otlp *x, llm_error *err);
/* The counters and what is held now. */
LLM_OTLP_API void llm_otlp_get_stats(llm_otlp *x, llm_otlp_stats *out);
/* Frees everything, the spans still open and the ones not flushed too (flush
   first to send them). Handles of open spans are invalid after. */
LLM_OTLP_API void llm_otlp_free(llm_otlp *x);

#ifdef __cplusplus
}
#endif
#endif /* LLM_OTLP_H */

#if defined(LLM_OTLP_IMPLEMENTATION) && !defined(LLM_OTLP_IMPLEMENTATION_DONE)
#define LLM_OTLP_IMPLEMENTATION_DONE

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(_WIN32) /* the wall clock: GetSystemTimeAsFileTime (clock_gettime would need winpthread) */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#define LLM__OTLP_WIN32_LEAN
#endif
#include <windows.h>
#ifdef LLM__OTLP_WIN32_LEAN
#undef WIN32_LEAN_AND_MEAN
#undef LLM__OTLP_WIN32_LEAN
#endif
#endif

#define LLM__OTLP_DEFAULT_TIMEOUT_MS 10000
#define LLM__OTLP_DEFAULT_MAX_SPANS 2048
#define LLM__OTLP_DEFAULT_MAX_OPEN 1024
#define LLM__OTLP_DEFAULT_MAX_SERIES 256
#define LLM__OTLP_DEFAULT_MAX_ATTRS 128
#define LLM__OTLP_DEFAULT_MAX_EVENTS 128
#define LLM__OTLP_DEFAULT_MAX_VALUE 65536

/* ---- memory ---- */

static void *llm__otlp_alloc(const llm_allocator *a, size_t n) {
    return a->alloc ? a->alloc(a->user, n) : malloc(n);
}

static void llm__otlp_free(const llm_allocator *a, void *p, size_t n) {
    if (!p) return;
    if (a->free) a->free(a->user, p, n);
    else free(p);
}

static char *llm__otlp_dup(const llm_allocator *a, const char *s, size_t n) {
    char *p = (char *)llm__otlp_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void llm__otlp_free_str(const llm_allocator *a, char *p) {
    if (p) llm__otlp_free(a, p, strlen(p) + 1);
}

static llm_result llm__otlp_fail(llm_error *err, llm_result code, const char *fmt, ...) {
    va_list ap;
    if (!err) return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

static void llm__otlp_lock(llm_otlp *x) {
    if (x->o_.lock) x->o_.lock(x->o_.lock_user);
}

static void llm__otlp_unlock(llm_otlp *x) {
    if (x->o_.unlock) x->o_.unlock(x->o_.lock_user);
}

/* ---- OTEL_EXPORTER_OTLP_HEADERS ---- */

static int llm__otlp_hex_digit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool llm__otlp_is_tchar(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static void llm__otlp_trim(const char **s, const char **e) {
    while (*s < *e && (**s == ' ' || **s == '\t')) (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t')) (*e)--;
}

/* Decodes value [s, e) into out (room for e - s + 1); the decoded length, or -1. */
static long llm__otlp_decode_value(const char *s, const char *e, char *out) {
    long k = 0;
    for (; s < e; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%') {
            int h = e - s >= 3 ? llm__otlp_hex_digit(s[1]) : -1;
            int l = h >= 0 ? llm__otlp_hex_digit(s[2]) : -1;
            if (h < 0 || l < 0) return -1;
            c = (unsigned char)(h * 16 + l);
            s += 2;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) return -1;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return k;
}

LLM_OTLP_API llm_result llm_otlp_headers_parse(const char *text, const llm_allocator *alloc, llm_otlp_headers *out,
                                               llm_error *err) {
    static const llm_allocator none = {0, 0, 0, 0};
    size_t n, members = 1, i, index = 0, used = 0, count = 0;
    const char *p;
    if (!out) return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "headers: out is NULL");
    memset(out, 0, sizeof *out);
    out->alloc_ = alloc ? *alloc : none;
    if (!text || !*text) return LLM_OK;
    n = strlen(text);
    for (i = 0; i < n; i++) members += text[i] == ',';
    /* the pairs, then every name and value NUL-terminated: no longer than the text plus the NULs */
    out->storage_size_ = members * sizeof(llm_pair) + n + 2 * members;
    out->storage_ = (char *)llm__otlp_alloc(&out->alloc_, out->storage_size_);
    if (!out->storage_) {
        out->storage_size_ = 0;
        return llm__otlp_fail(err, LLM_ERR_NO_MEMORY, "headers: out of memory");
    }
    out->pairs = (llm_pair *)(void *)out->storage_;
    used = members * sizeof(llm_pair);
    for (p = text; index < members; index++) {
        const char *end = strchr(p, ','), *eq, *ks, *ke, *vs, *ve;
        long vlen;
        if (!end) end = text + n;
        ks = p;
        ke = end;
        llm__otlp_trim(&ks, &ke);
        if (ks < ke) {
            char *name = out->storage_ + used, *value;
            const char *c;
            for (eq = ks; eq < ke && *eq != '='; eq++) {}
            if (eq == ke) {
                llm_otlp_headers_free(out);
                return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "headers: member %zu has no '='", index + 1);
            }
            vs = eq + 1;
            ve = ke;
            ke = eq;
            llm__otlp_trim(&ks, &ke);
            llm__otlp_trim(&vs, &ve);
            for (c = ks; c < ke && llm__otlp_is_tchar((unsigned char)*c); c++) {}
            if (ks == ke || c != ke) {
                llm_otlp_headers_free(out);
                return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT,
                                      "headers: member %zu's key is not an HTTP token", index + 1);
            }
            memcpy(name, ks, (size_t)(ke - ks));
            name[ke - ks] = '\0';
            value = name + (ke - ks) + 1;
            vlen = llm__otlp_decode_value(vs, ve, value);
            if (vlen < 0) {
                llm_otlp_headers_free(out);
                return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT,
                                      "headers: member %zu's value has a bad %%XX escape or a control byte",
                                      index + 1);
            }
            out->pairs[count].name = name;
            out->pairs[count].value = value;
            count++;
            used += (size_t)(ke - ks) + 1 + (size_t)vlen + 1;
        }
        if (end == text + n) break;
        p = end + 1;
    }
    out->count = count;
    return LLM_OK;
}

LLM_OTLP_API void llm_otlp_headers_free(llm_otlp_headers *h) {
    if (!h) return;
    if (h->storage_) {
        llm_wipe(h->storage_, h->storage_size_);
        llm__otlp_free(&h->alloc_, h->storage_, h->storage_size_);
    }
    memset(h, 0, sizeof *h);
}

/* ---- clocks and ids ---- */

static int64_t llm__otlp_now_ns(llm_otlp *x) {
    if (x->o_.wall_clock_ns) return x->o_.wall_clock_ns(x->o_.clock_user);
#if defined(_WIN32)
    {
        FILETIME ft; /* 100 ns steps since 1601-01-01; 11,644,473,600 s before 1970 */
        ULARGE_INTEGER t;
        GetSystemTimeAsFileTime(&ft);
        t.LowPart = ft.dwLowDateTime;
        t.HighPart = ft.dwHighDateTime;
        return (int64_t)(t.QuadPart - 116444736000000000ULL) * 100;
    }
#elif defined(CLOCK_REALTIME)
    {
        struct timespec ts;
        if (clock_gettime(CLOCK_REALTIME, &ts) == 0) return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    }
#endif
    return (int64_t)time(NULL) * 1000000000;
}

static uint64_t llm__otlp_random(llm_otlp *x) {
    uint64_t z;
    if (x->o_.random) return x->o_.random(x->o_.random_user);
    z = (x->rng_ += 0x9e3779b97f4a7c15ULL); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* n random bytes (8 or 16), never all zero: OTLP calls an all-zero id invalid. */
static void llm__otlp_make_id(llm_otlp *x, uint8_t *id, size_t n) {
    int tries;
    for (tries = 0; tries < 4; tries++) {
        size_t i;
        uint64_t any = 0;
        for (i = 0; i < n; i += 8) {
            uint64_t r = llm__otlp_random(x);
            int b;
            for (b = 0; b < 8; b++) id[i + (size_t)b] = (uint8_t)(r >> (56 - 8 * b));
            any |= r;
        }
        if (any) return;
    }
    id[n - 1] = 1;
}

/* ---- attributes as OTLP JSON ---- */

typedef struct llm__otlp_kv {
    char *key;
    char *value;                     /* the AnyValue as JSON text */
    size_t value_len;
} llm__otlp_kv;

/* The length of s[0..n) cut to at most max bytes at a UTF-8 character boundary. */
static size_t llm__otlp_cut(const char *s, size_t n, size_t max) {
    if (n <= max) return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* A string value: cut, invalid UTF-8 replaced (the writer refuses it). */
static void llm__otlp_write_text(llm_otlp *x, llm_json_writer *w, const char *s, size_t n) {
    char small[256];
    char *tmp;
    size_t len;
    if (!s) s = "";
    n = llm__otlp_cut(s, n, x->o_.max_value_bytes);
    tmp = 3 * n <= sizeof small ? small : (char *)llm__otlp_alloc(&x->o_.alloc, 3 * n);
    if (!tmp) {
        llm_json_write_stringn(w, "", 0);
        return;
    }
    len = llm_utf8_sanitize(s, n, tmp);
    llm_json_write_stringn(w, tmp, len);
    if (tmp != small) llm__otlp_free(&x->o_.alloc, tmp, 3 * n);
}

/* True for a number that is neither NaN nor an infinity (v - v is NaN for
   both). Not a comparison with a decimal DBL_MAX: where doubles are
   computed wider (x87) 1.7976931348623157e308 keeps a value below DBL_MAX,
   and DBL_MAX itself would be taken for an infinity. */
static bool llm__otlp_finite(double v) { return v - v == 0; }

/* A double as the protobuf JSON mapping writes it: a number, or "NaN", "Infinity", "-Infinity". */
static void llm__otlp_write_double(llm_json_writer *w, double v) {
    if (v != v) llm_json_write_string(w, "NaN");
    else if (!llm__otlp_finite(v)) llm_json_write_string(w, v > 0 ? "Infinity" : "-Infinity");
    else llm_json_write_number(w, v);
}

/* An int64 or uint64 as the mapping writes it: a decimal string. */
static void llm__otlp_write_i64(llm_json_writer *w, int64_t v) {
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    llm_json_write_string(w, buf);
}

static void llm__otlp_write_u64(llm_json_writer *w, uint64_t v) {
    char buf[24];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    llm_json_write_string(w, buf);
}

static void llm__otlp_write_hex(llm_json_writer *w, const uint8_t *id, size_t n) {
    static const char digits[] = "0123456789abcdef";
    char buf[33];
    size_t i;
    for (i = 0; i < n; i++) {
        buf[2 * i] = digits[id[i] >> 4];
        buf[2 * i + 1] = digits[id[i] & 15];
    }
    llm_json_write_stringn(w, buf, 2 * n);
}

/* An AnyValue: {"stringValue":...}, {"intValue":"..."}, {"doubleValue":...}, {"boolValue":...},
   {"arrayValue":{"values":[{"stringValue":...},...]}}. */
static void llm__otlp_write_anyvalue(llm_otlp *x, llm_json_writer *w, const llm_attr *a) {
    size_t i;
    llm_json_write_object_begin(w);
    switch (a->type) {
    case LLM_ATTR_INT:
        llm_json_write_key(w, "intValue");
        llm__otlp_write_i64(w, a->i);
        break;
    case LLM_ATTR_DOUBLE:
        llm_json_write_key(w, "doubleValue");
        llm__otlp_write_double(w, a->d);
        break;
    case LLM_ATTR_BOOL:
        llm_json_write_key(w, "boolValue");
        llm_json_write_bool(w, a->b);
        break;
    case LLM_ATTR_STRING_ARRAY:
        llm_json_write_key(w, "arrayValue");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "values");
        llm_json_write_array_begin(w);
        for (i = 0; a->strs && i < a->count; i++) {
            const char *s = a->strs[i] ? a->strs[i] : "";
            llm_json_write_object_begin(w);
            llm_json_write_key(w, "stringValue");
            llm__otlp_write_text(x, w, s, strlen(s));
            llm_json_write_object_end(w);
        }
        llm_json_write_array_end(w);
        llm_json_write_object_end(w);
        break;
    case LLM_ATTR_STRING:
    default:
        llm_json_write_key(w, "stringValue");
        llm__otlp_write_text(x, w, a->str, a->str ? (a->str_len ? a->str_len : strlen(a->str)) : 0);
        break;
    }
    llm_json_write_object_end(w);
}

/* The scratch writer's text, copied (NULL when the writer failed or memory ran out). */
static char *llm__otlp_take_scratch(llm_otlp *x, size_t *len) {
    const char *out;
    char *copy;
    if (llm_json_writer_finish(&x->scratch_, &out, len) != LLM_OK) return NULL;
    copy = llm__otlp_dup(&x->o_.alloc, out, *len);
    llm_json_writer_reset(&x->scratch_);
    return copy;
}

static void llm__otlp_kv_free(llm_otlp *x, llm__otlp_kv *kv) {
    llm__otlp_free_str(&x->o_.alloc, kv->key);
    llm__otlp_free(&x->o_.alloc, kv->value, kv->value_len + 1);
    kv->key = kv->value = NULL;
}

/* Sets one attribute in kvs (replacing the value of an equal key), growing the
   array up to max_attrs. Returns false when it was dropped (full, invalid, or no memory). */
static bool llm__otlp_kv_set(llm_otlp *x, llm__otlp_kv **kvs, size_t *count, size_t *cap, const llm_attr *a) {
    size_t i, len;
    char *value;
    if (!a->key || !*a->key) return false;
    llm_json_writer_reset(&x->scratch_);
    llm__otlp_write_anyvalue(x, &x->scratch_, a);
    value = llm__otlp_take_scratch(x, &len);
    if (!value) {
        llm_json_writer_reset(&x->scratch_);
        return false;
    }
    for (i = 0; i < *count; i++) {
        if (strcmp((*kvs)[i].key, a->key) == 0) {
            llm__otlp_free(&x->o_.alloc, (*kvs)[i].value, (*kvs)[i].value_len + 1);
            (*kvs)[i].value = value;
            (*kvs)[i].value_len = len;
            return true;
        }
    }
    if (*count == x->o_.max_attrs) {
        llm__otlp_free(&x->o_.alloc, value, len + 1);
        return false;
    }
    if (*count == *cap) {
        size_t ncap = *cap ? 2 * *cap : 8;
        llm__otlp_kv *grown;
        if (ncap > x->o_.max_attrs) ncap = x->o_.max_attrs;
        grown = (llm__otlp_kv *)llm__otlp_alloc(&x->o_.alloc, ncap * sizeof *grown);
        if (!grown) {
            llm__otlp_free(&x->o_.alloc, value, len + 1);
            return false;
        }
        if (*count) memcpy(grown, *kvs, *count * sizeof *grown);
        llm__otlp_free(&x->o_.alloc, *kvs, *cap * sizeof **kvs);
        *kvs = grown;
        *cap = ncap;
    }
    (*kvs)[*count].key = llm__otlp_dup(&x->o_.alloc, a->key, strlen(a->key));
    if (!(*kvs)[*count].key) {
        llm__otlp_free(&x->o_.alloc, value, len + 1);
        return false;
    }
    (*kvs)[*count].value = value;
    (*kvs)[*count].value_len = len;
    (*count)++;
    return true;
}

static void llm__otlp_kvs_free(llm_otlp *x, llm__otlp_kv *kvs, size_t count, size_t cap) {
    size_t i;
    for (i = 0; i < count; i++) llm__otlp_kv_free(x, &kvs[i]);
    llm__otlp_free(&x->o_.alloc, kvs, cap * sizeof *kvs);
}

/* "attributes":[{"key":...,"value":...},...] */
static void llm__otlp_write_kvs(llm_json_writer *w, const llm__otlp_kv *kvs, size_t count) {
    size_t i;
    llm_json_write_key(w, "attributes");
    llm_json_write_array_begin(w);
    for (i = 0; i < count; i++) {
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "key");
        llm_json_write_string(w, kvs[i].key);
        llm_json_write_key(w, "value");
        llm_json_write_raw(w, kvs[i].value, kvs[i].value_len);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
}

/* ---- spans ---- */

typedef struct llm__otlp_event {
    char *json;                      /* the whole Span.Event object */
    size_t len;
} llm__otlp_event;

struct llm__otlp_span {
    struct llm__otlp_span *prev, *next;
    uint8_t trace_id[16], span_id[8], parent_id[8];
    bool has_parent;
    char *name;
    llm_span_kind kind;
    int64_t start_ns;
    llm__otlp_kv *attrs;
    size_t attr_count, attr_cap;
    uint32_t dropped_attrs;
    llm__otlp_event *events;
    size_t event_count, event_cap;
    uint32_t dropped_events;
};

static void llm__otlp_span_free(llm_otlp *x, struct llm__otlp_span *s) {
    size_t i;
    llm__otlp_kvs_free(x, s->attrs, s->attr_count, s->attr_cap);
    for (i = 0; i < s->event_count; i++) llm__otlp_free(&x->o_.alloc, s->events[i].json, s->events[i].len + 1);
    llm__otlp_free(&x->o_.alloc, s->events, s->event_cap * sizeof *s->events);
    llm__otlp_free_str(&x->o_.alloc, s->name);
    llm__otlp_free(&x->o_.alloc, s, sizeof *s);
}

static void llm__otlp_span_unlink(llm_otlp *x, struct llm__otlp_span *s) {
    if (s->prev) s->prev->next = s->next;
    else x->open_ = s->next;
    if (s->next) s->next->prev = s->prev;
    x->stats_.open_spans--;
}

static void llm__otlp_span_set_attrs(llm_otlp *x, struct llm__otlp_span *s, const llm_attr *attrs, size_t count) {
    size_t i;
    for (i = 0; attrs && i < count; i++)
        if (!llm__otlp_kv_set(x, &s->attrs, &s->attr_count, &s->attr_cap, &attrs[i])) s->dropped_attrs++;
}

static void *llm__otlp_span_start(void *user, void *parent, const char *name, llm_span_kind kind, const llm_attr *attrs,
                                  size_t count) {
    llm_otlp *x = (llm_otlp *)user;
    struct llm__otlp_span *s = NULL, *p = (struct llm__otlp_span *)parent;
    llm__otlp_lock(x);
    if (x->stats_.open_spans < x->o_.max_open_spans)
        s = (struct llm__otlp_span *)llm__otlp_alloc(&x->o_.alloc, sizeof *s);
    if (s) {
        memset(s, 0, sizeof *s);
        s->name = llm__otlp_dup(&x->o_.alloc, name ? name : "", name ? strlen(name) : 0);
        if (!s->name) {
            llm__otlp_free(&x->o_.alloc, s, sizeof *s);
            s = NULL;
        }
    }
    if (!s) {
        x->stats_.spans_dropped++;
        llm__otlp_unlock(x);
        return NULL;
    }
    s->kind = kind;
    s->start_ns = llm__otlp_now_ns(x);
    if (p) {
        memcpy(s->trace_id, p->trace_id, sizeof s->trace_id);
        memcpy(s->parent_id, p->span_id, sizeof s->parent_id);
        s->has_parent = true;
    } else {
        llm__otlp_make_id(x, s->trace_id, sizeof s->trace_id);
    }
    llm__otlp_make_id(x, s->span_id, sizeof s->span_id);
    llm__otlp_span_set_attrs(x, s, attrs, count);
    s->next = x->open_;
    if (x->open_) x->open_->prev = s;
    x->open_ = s;
    x->stats_.open_spans++;
    x->stats_.spans_started++;
    llm__otlp_unlock(x);
    return s;
}

static void llm__otlp_span_set(void *user, void *span, const llm_attr *attrs, size_t count) {
    llm_otlp *x = (llm_otlp *)user;
    if (!span) return;
    llm__otlp_lock(x);
    llm__otlp_span_set_attrs(x, (struct llm__otlp_span *)span, attrs, count);
    llm__otlp_unlock(x);
}

static void llm__otlp_span_event(void *user, void *span, const char *name, const llm_attr *attrs, size_t count) {
    llm_otlp *x = (llm_otlp *)user;
    struct llm__otlp_span *s = (struct llm__otlp_span *)span;
    llm__otlp_kv *kvs = NULL;
    size_t kv_count = 0, kv_cap = 0, i, len = 0;
    uint32_t dropped = 0;
    char *json;
    if (!s) return;
    llm__otlp_lock(x);
    if (s->event_count == x->o_.max_events) {
        s->dropped_events++;
        llm__otlp_unlock(x);
        return;
    }
    for (i = 0; attrs && i < count; i++)
        if (!llm__otlp_kv_set(x, &kvs, &kv_count, &kv_cap, &attrs[i])) dropped++;
    llm_json_writer_reset(&x->scratch_);
    llm_json_write_object_begin(&x->scratch_);
    llm_json_write_key(&x->scratch_, "timeUnixNano");
    llm__otlp_write_u64(&x->scratch_, (uint64_t)llm__otlp_now_ns(x));
    llm_json_write_key(&x->scratch_, "name");
    llm__otlp_write_text(x, &x->scratch_, name ? name : "", name ? strlen(name) : 0);
    llm__otlp_write_kvs(&x->scratch_, kvs, kv_count);
    if (dropped) {
        llm_json_write_key(&x->scratch_, "droppedAttributesCount");
        llm_json_write_int(&x->scratch_, dropped);
    }
    llm_json_write_object_end(&x->scratch_);
    llm__otlp_kvs_free(x, kvs, kv_count, kv_cap);
    json = llm__otlp_take_scratch(x, &len);
    if (json && s->event_count == s->event_cap) {
        size_t ncap = s->event_cap ? 2 * s->event_cap : 4;
        llm__otlp_event *grown;
        if (ncap > x->o_.max_events) ncap = x->o_.max_events;
        grown = (llm__otlp_event *)llm__otlp_alloc(&x->o_.alloc, ncap * sizeof *grown);
        if (grown) {
            if (s->event_count) memcpy(grown, s->events, s->event_count * sizeof *grown);
            llm__otlp_free(&x->o_.alloc, s->events, s->event_cap * sizeof *s->events);
            s->events = grown;
            s->event_cap = ncap;
        } else {
            llm__otlp_free(&x->o_.alloc, json, len + 1);
            json = NULL;
        }
    }
    if (json) {
        s->events[s->event_count].json = json;
        s->events[s->event_count].len = len;
        s->event_count++;
    } else {
        s->dropped_events++;
    }
    llm__otlp_unlock(x);
}

/* The span as an OTLP Span object, into the scratch writer. */
static void llm__otlp_write_span(llm_otlp *x, const struct llm__otlp_span *s, int64_t end_ns, llm_span_status status,
                                 const char *description) {
    llm_json_writer *w = &x->scratch_;
    size_t i;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "traceId");
    llm__otlp_write_hex(w, s->trace_id, sizeof s->trace_id);
    llm_json_write_key(w, "spanId");
    llm__otlp_write_hex(w, s->span_id, sizeof s->span_id);
    if (s->has_parent) {
        llm_json_write_key(w, "parentSpanId");
        llm__otlp_write_hex(w, s->parent_id, sizeof s->parent_id);
    }
    llm_json_write_key(w, "name");
    llm_json_write_string(w, s->name);
    llm_json_write_key(w, "kind");                  /* SpanKind: SPAN_KIND_INTERNAL 1, SPAN_KIND_CLIENT 3 */
    llm_json_write_int(w, s->kind == LLM_SPAN_INTERNAL ? 1 : 3);
    llm_json_write_key(w, "startTimeUnixNano");
    llm__otlp_write_u64(w, (uint64_t)s->start_ns);
    llm_json_write_key(w, "endTimeUnixNano");
    llm__otlp_write_u64(w, (uint64_t)(end_ns < s->start_ns ? s->start_ns : end_ns));
    llm__otlp_write_kvs(w, s->attrs, s->attr_count);
    if (s->dropped_attrs) {
        llm_json_write_key(w, "droppedAttributesCount");
        llm_json_write_int(w, s->dropped_attrs);
    }
    if (s->event_count) {
        llm_json_write_key(w, "events");
        llm_json_write_array_begin(w);
        for (i = 0; i < s->event_count; i++) llm_json_write_raw(w, s->events[i].json, s->events[i].len);
        llm_json_write_array_end(w);
    }
    if (s->dropped_events) {
        llm_json_write_key(w, "droppedEventsCount");
        llm_json_write_int(w, s->dropped_events);
    }
    llm_json_write_key(w, "status");                /* Status.StatusCode: UNSET 0, OK 1, ERROR 2 */
    llm_json_write_object_begin(w);
    if (status == LLM_SPAN_ERROR && description && *description) {
        llm_json_write_key(w, "message");
        llm__otlp_write_text(x, w, description, strlen(description));
    }
    llm_json_write_key(w, "code");
    llm_json_write_int(w, status == LLM_SPAN_OK ? 1 : status == LLM_SPAN_ERROR ? 2 : 0);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

static void llm__otlp_span_end(void *user, void *span, llm_span_status status, const char *description) {
    llm_otlp *x = (llm_otlp *)user;
    struct llm__otlp_span *s = (struct llm__otlp_span *)span;
    char *json = NULL;
    size_t len = 0;
    if (!s) return;
    llm__otlp_lock(x);
    llm__otlp_span_unlink(x, s);
    if (x->ring_count_ < x->o_.max_spans) {
        llm_json_writer_reset(&x->scratch_);
        llm__otlp_write_span(x, s, llm__otlp_now_ns(x), status, description);
        json = llm__otlp_take_scratch(x, &len);
    }
    if (json) {
        size_t slot = (x->ring_head_ + x->ring_count_) % x->o_.max_spans;
        x->ring_[slot] = json;
        x->ring_len_[slot] = len;
        x->ring_count_++;
        x->stats_.spans_ended++;
    } else {
        llm_json_writer_reset(&x->scratch_);
        x->stats_.spans_dropped++;
    }
    llm__otlp_span_free(x, s);
    llm__otlp_unlock(x);
}

/* ---- histograms ---- */

/* The boundaries the GenAI semantic conventions recommend (ExplicitBucketBoundaries), and the SDK's default. */
static const double llm__otlp_token_bounds[] = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
                                                4194304, 16777216, 67108864};
static const double llm__otlp_seconds_bounds[] = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64,
                                                  1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};
static const double llm__otlp_default_bounds[] = {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000,
                                                  7500, 10000};

struct llm__otlp_series {
    char *name, *unit;
    char *attrs;                     /* the attributes sorted by key, as an OTLP KeyValue array's JSON */
    size_t attrs_len;
    const double *bounds;
    size_t bound_count;
    uint64_t buckets[16];            /* bound_count + 1 used */
    uint64_t count;
    double sum, min, max;
    int64_t start_ns;
};

static void llm__otlp_bounds_for(const char *name, const char *unit, const double **b, size_t *n) {
    if (strcmp(name, "gen_ai.client.token.usage") == 0 || strcmp(unit, "{token}") == 0) {
        *b = llm__otlp_token_bounds;
        *n = sizeof llm__otlp_token_bounds / sizeof *llm__otlp_token_bounds;
    } else if (strncmp(name, "gen_ai.client.operation.", 24) == 0 || strcmp(unit, "s") == 0) {
        *b = llm__otlp_seconds_bounds;
        *n = sizeof llm__otlp_seconds_bounds / sizeof *llm__otlp_seconds_bounds;
    } else {
        *b = llm__otlp_default_bounds;
        *n = sizeof llm__otlp_default_bounds / sizeof *llm__otlp_default_bounds;
    }
}

/* The attributes of a measurement in key order, as a KeyValue array's JSON:
   equal sets give equal texts whatever order they came in. */
static char *llm__otlp_series_key(llm_otlp *x, const llm_attr *attrs, size_t count, size_t *len) {
    llm__otlp_kv *kvs = NULL;
    size_t n = 0, cap = 0, i, j;
    char *text = NULL;
    const char *out;
    size_t out_len;
    for (i = 0; attrs && i < count; i++) (void)llm__otlp_kv_set(x, &kvs, &n, &cap, &attrs[i]);
    for (i = 1; i < n; i++) {
        llm__otlp_kv t = kvs[i];
        for (j = i; j > 0 && strcmp(kvs[j - 1].key, t.key) > 0; j--) kvs[j] = kvs[j - 1];
        kvs[j] = t;
    }
    llm_json_writer_reset(&x->scratch_);
    llm_json_write_object_begin(&x->scratch_);
    llm__otlp_write_kvs(&x->scratch_, kvs, n);
    llm_json_write_object_end(&x->scratch_);
    llm__otlp_kvs_free(x, kvs, n, cap);
    if (llm_json_writer_finish(&x->scratch_, &out, &out_len) == LLM_OK) {
        /* {"attributes":[...]}: keep the array */
        size_t skip = strlen("{\"attributes\":");
        *len = out_len - skip - 1;
        text = llm__otlp_dup(&x->o_.alloc, out + skip, *len);
    }
    llm_json_writer_reset(&x->scratch_);
    return text;
}

static void llm__otlp_series_free(llm_otlp *x, struct llm__otlp_series *s) {
    llm__otlp_free_str(&x->o_.alloc, s->name);
    llm__otlp_free_str(&x->o_.alloc, s->unit);
    llm__otlp_free(&x->o_.alloc, s->attrs, s->attrs_len + 1);
}

static void llm__otlp_record(void *user, const char *name, const char *unit, double value, const llm_attr *attrs,
                             size_t count) {
    llm_otlp *x = (llm_otlp *)user;
    struct llm__otlp_series *s = NULL;
    char *key;
    size_t key_len = 0, i;
    if (!name) name = "";
    if (!unit) unit = "";
    llm__otlp_lock(x);
    if (!llm__otlp_finite(value)) {
        x->stats_.measurements_dropped++;
        llm__otlp_unlock(x);
        return;
    }
    key = llm__otlp_series_key(x, attrs, count, &key_len);
    for (i = 0; key && i < x->series_count_; i++) {
        struct llm__otlp_series *c = &x->series_[i];
        if (c->attrs_len == key_len && strcmp(c->name, name) == 0 && memcmp(c->attrs, key, key_len) == 0) {
            s = c;
            break;
        }
    }
    if (key && !s && x->series_count_ < x->o_.max_series) {
        s = &x->series_[x->series_count_];
        memset(s, 0, sizeof *s);
        s->name = llm__otlp_dup(&x->o_.alloc, name, strlen(name));
        s->unit = llm__otlp_dup(&x->o_.alloc, unit, strlen(unit));
        if (s->name && s->unit) {
            s->attrs = key;
            s->attrs_len = key_len;
            key = NULL;
            llm__otlp_bounds_for(name, unit, &s->bounds, &s->bound_count);
            s->min = s->max = value;
            s->start_ns = llm__otlp_now_ns(x);
            x->series_count_++;
        } else {
            llm__otlp_series_free(x, s);
            s = NULL;
        }
    }
    if (s) {
        size_t b = 0;
        while (b < s->bound_count && value > s->bounds[b]) b++;
        s->buckets[b]++;
        s->count++;
        s->sum += value;
        if (value < s->min) s->min = value;
        if (value > s->max) s->max = value;
        x->stats_.measurements++;
    } else {
        x->stats_.measurements_dropped++;
    }
    if (key) llm__otlp_free(&x->o_.alloc, key, key_len + 1);
    llm__otlp_unlock(x);
}

/* ---- payloads ---- */

/* {"resource":{"attributes":[service.name, telemetry.sdk.*]},"scopeXxx":[{"scope":{...}, then the caller's list */
static void llm__otlp_write_resource_head(llm_otlp *x, llm_json_writer *w, const char *scope_list) {
    static const char *const keys[] = {"service.name", "telemetry.sdk.name", "telemetry.sdk.version"};
    const char *values[3];
    size_t i;
    values[0] = x->service_name_;
    values[1] = "llm.h";
    values[2] = LLM_VERSION_STRING;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "resource");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "attributes");
    llm_json_write_array_begin(w);
    for (i = 0; i < 3; i++) {
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "key");
        llm_json_write_string(w, keys[i]);
        llm_json_write_key(w, "value");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "stringValue");
        llm__otlp_write_text(x, w, values[i], strlen(values[i]));
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    llm_json_write_object_end(w);
    llm_json_write_key(w, scope_list);
    llm_json_write_array_begin(w);
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "scope");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "name");
    llm_json_write_string(w, "llm.h");
    llm_json_write_key(w, "version");
    llm_json_write_string(w, LLM_VERSION_STRING);
    llm_json_write_object_end(w);
}

static void llm__otlp_write_resource_tail(llm_json_writer *w) {
    llm_json_write_object_end(w); /* the scope's entry */
    llm_json_write_array_end(w);
    llm_json_write_object_end(w); /* the resource's entry */
    llm_json_write_array_end(w);
    llm_json_write_object_end(w);
}

/* The ExportTraceServiceRequest of every ended span, which leave the ring. Returns their count. */
static size_t llm__otlp_take_spans(llm_otlp *x, llm_json_writer *w) {
    size_t n = x->ring_count_, i;
    if (!n) return 0;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "resourceSpans");
    llm_json_write_array_begin(w);
    llm__otlp_write_resource_head(x, w, "scopeSpans");
    llm_json_write_key(w, "spans");
    llm_json_write_array_begin(w);
    for (i = 0; i < n; i++) {
        size_t slot = (x->ring_head_ + i) % x->o_.max_spans;
        llm_json_write_raw(w, x->ring_[slot], x->ring_len_[slot]);
        llm__otlp_free(&x->o_.alloc, x->ring_[slot], x->ring_len_[slot] + 1);
        x->ring_[slot] = NULL;
    }
    llm_json_write_array_end(w);
    llm__otlp_write_resource_tail(w);
    x->ring_head_ = (x->ring_head_ + n) % x->o_.max_spans;
    x->ring_count_ = 0;
    return n;
}

static void llm__otlp_write_point(llm_json_writer *w, const struct llm__otlp_series *s, int64_t now_ns) {
    size_t b;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "attributes");
    llm_json_write_raw(w, s->attrs, s->attrs_len);
    llm_json_write_key(w, "startTimeUnixNano");
    llm__otlp_write_u64(w, (uint64_t)s->start_ns);
    llm_json_write_key(w, "timeUnixNano");
    llm__otlp_write_u64(w, (uint64_t)(now_ns < s->start_ns ? s->start_ns : now_ns));
    llm_json_write_key(w, "count");
    llm__otlp_write_u64(w, s->count);
    llm_json_write_key(w, "sum");
    llm__otlp_write_double(w, s->sum);
    llm_json_write_key(w, "bucketCounts");
    llm_json_write_array_begin(w);
    for (b = 0; b <= s->bound_count; b++) llm__otlp_write_u64(w, s->buckets[b]);
    llm_json_write_array_end(w);
    llm_json_write_key(w, "explicitBounds");
    llm_json_write_array_begin(w);
    for (b = 0; b < s->bound_count; b++) llm_json_write_number(w, s->bounds[b]);
    llm_json_write_array_end(w);
    llm_json_write_key(w, "min");
    llm__otlp_write_double(w, s->min);
    llm_json_write_key(w, "max");
    llm__otlp_write_double(w, s->max);
    llm_json_write_object_end(w);
}

/* The ExportMetricsServiceRequest of every series (cumulative), one metric per name. */
static bool llm__otlp_write_metrics(llm_otlp *x, llm_json_writer *w) {
    size_t i, j;
    int64_t now = llm__otlp_now_ns(x);
    if (!x->series_count_) return false;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "resourceMetrics");
    llm_json_write_array_begin(w);
    llm__otlp_write_resource_head(x, w, "scopeMetrics");
    llm_json_write_key(w, "metrics");
    llm_json_write_array_begin(w);
    for (i = 0; i < x->series_count_; i++) {
        const struct llm__otlp_series *s = &x->series_[i];
        bool first = true;
        for (j = 0; j < i && first; j++) first = strcmp(x->series_[j].name, s->name) != 0;
        if (!first) continue; /* written with the first series of its name */
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "name");
        llm_json_write_string(w, s->name);
        llm_json_write_key(w, "unit");
        llm_json_write_string(w, s->unit);
        llm_json_write_key(w, "histogram");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "dataPoints");
        llm_json_write_array_begin(w);
        for (j = i; j < x->series_count_; j++)
            if (strcmp(x->series_[j].name, s->name) == 0) llm__otlp_write_point(w, &x->series_[j], now);
        llm_json_write_array_end(w);
        llm_json_write_key(w, "aggregationTemporality"); /* AGGREGATION_TEMPORALITY_CUMULATIVE */
        llm_json_write_int(w, 2);
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    llm__otlp_write_resource_tail(w);
    return true;
}

/* ---- sending ---- */

typedef struct llm__otlp_answer {
    int status;
} llm__otlp_answer;

static llm_result llm__otlp_on_status(void *ctx, int status) {
    ((llm__otlp_answer *)ctx)->status = status;
    return LLM_OK;
}

static llm_result llm__otlp_on_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    (void)ctx, (void)n, (void)nl, (void)v, (void)vl;
    return LLM_OK;
}

static llm_result llm__otlp_on_body(void *ctx, const char *data, size_t len) {
    (void)ctx, (void)data, (void)len; /* an ExportServiceResponse: nothing the calls need */
    return LLM_OK;
}

static llm_result llm__otlp_send(llm_otlp *x, const char *url, const char *body, size_t len, llm_error *err) {
    llm_http_request req;
    llm_http_sink sink;
    llm__otlp_answer answer;
    llm_error e;
    llm_result r;
    memset(&req, 0, sizeof req);
    memset(&sink, 0, sizeof sink);
    memset(&e, 0, sizeof e);
    answer.status = 0;
    req.method = "POST";
    req.url = url;
    req.headers = x->req_headers_;
    req.header_count = x->req_header_count_;
    req.secret_header = x->secret_header_;
    req.body = body;
    req.body_len = len;
    req.timeout_ms = x->o_.timeout_ms;
    req.connect_timeout_ms = x->o_.connect_timeout_ms;
    sink.status = llm__otlp_on_status;
    sink.header = llm__otlp_on_header;
    sink.body = llm__otlp_on_body;
    sink.ctx = &answer;
    r = x->o_.transport.send(x->o_.transport.user, &req, &sink, &e);
    llm__otlp_lock(x);
    x->stats_.exports++;
    x->stats_.last_status = answer.status;
    if (r != LLM_OK || answer.status < 200 || answer.status > 299) x->stats_.exports_failed++;
    llm__otlp_unlock(x);
    if (r != LLM_OK)
        return llm__otlp_fail(err, r, "OTLP export to %s failed: %s%s%s", url, llm_result_description(r),
                              e.message[0] ? ": " : "", e.message);
    if (answer.status < 200 || answer.status > 299) {
        llm__otlp_fail(err, LLM_ERR_HTTP, "OTLP export to %s failed: HTTP %d", url, answer.status);
        if (err) err->http_status = answer.status;
        return LLM_ERR_HTTP;
    }
    return LLM_OK;
}

LLM_OTLP_API llm_result llm_otlp_flush(llm_otlp *x, llm_error *err) {
    llm_json_writer w;
    const char *body;
    size_t len, spans;
    llm_result first = LLM_OK, r;
    bool metrics;
    if (!x || !x->ring_) return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_otlp_flush: not initialised");
    memset(&w, 0, sizeof w);
    w.alloc = x->o_.alloc;
    llm__otlp_lock(x);
    spans = llm__otlp_take_spans(x, &w);
    llm__otlp_unlock(x);
    if (spans) {
        r = llm_json_writer_finish(&w, &body, &len);
        if (r == LLM_OK) r = llm__otlp_send(x, x->traces_url_, body, len, err);
        else llm__otlp_fail(err, r, "OTLP traces: the payload could not be written");
        llm__otlp_lock(x);
        if (r == LLM_OK) x->stats_.spans_exported += spans;
        else x->stats_.spans_export_failed += spans;
        llm__otlp_unlock(x);
        first = r;
    }
    llm_json_writer_reset(&w);
    llm__otlp_lock(x);
    metrics = llm__otlp_write_metrics(x, &w);
    llm__otlp_unlock(x);
    if (metrics) {
        llm_error e2;
        r = llm_json_writer_finish(&w, &body, &len);
        if (r == LLM_OK) r = llm__otlp_send(x, x->metrics_url_, body, len, first == LLM_OK ? err : &e2);
        else if (first == LLM_OK) llm__otlp_fail(err, r, "OTLP metrics: the payload could not be written");
        if (first == LLM_OK) first = r;
    }
    llm_json_writer_free(&w);
    return first;
}

/* ---- init, stats, free ---- */

static llm_result llm__otlp_check_url(const char *url, const char *field, llm_error *err) {
    const char *c;
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
        return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: not an http:// or https:// URL", field);
    for (c = url; *c; c++)
        if ((unsigned char)*c <= 0x20 || *c == 0x7f)
            return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: holds a space or a control byte", field);
    return LLM_OK;
}

/* url given as is, or endpoint + "/v1/<signal>" (one slash between them). */
static llm_result llm__otlp_signal_url(llm_otlp *x, const char *url, const char *signal, char **out, llm_error *err) {
    const char *field = strcmp(signal, "traces") == 0 ? "traces_url" : "metrics_url";
    llm_result r;
    if (url && *url) {
        if ((r = llm__otlp_check_url(url, field, err)) != LLM_OK) return r;
        *out = llm__otlp_dup(&x->o_.alloc, url, strlen(url));
    } else {
        const char *e = x->o_.endpoint;
        size_t n;
        if (!e || !*e) return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "endpoint: none, and no %s", field);
        if ((r = llm__otlp_check_url(e, "endpoint", err)) != LLM_OK) return r;
        n = strlen(e);
        while (n > 0 && e[n - 1] == '/') n--;
        *out = (char *)llm__otlp_alloc(&x->o_.alloc, n + strlen(signal) + 5);
        if (*out) {
            memcpy(*out, e, n);
            memcpy(*out + n, "/v1/", 4);
            memcpy(*out + n + 4, signal, strlen(signal) + 1);
        }
    }
    return *out ? LLM_OK : llm__otlp_fail(err, LLM_ERR_NO_MEMORY, "llm_otlp_init: out of memory");
}

static bool llm__otlp_is_secret_name(const char *name) {
    char low[64];
    size_t i;
    for (i = 0; name[i] && i + 1 < sizeof low; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    low[i] = '\0';
    return strcmp(low, "authorization") == 0 || strstr(low, "key") || strstr(low, "token") || strstr(low, "secret");
}

LLM_OTLP_API llm_result llm_otlp_init(llm_otlp *x, const llm_otlp_options *options, llm_error *err) {
    llm_result r;
    size_t i;
    const char *service;
    if (!x || !options) return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_otlp_init: NULL");
    memset(x, 0, sizeof *x);
    x->o_ = *options;
    if (!x->o_.transport.send) return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "transport: no send");
    if (!x->o_.lock != !x->o_.unlock)
        return llm__otlp_fail(err, LLM_ERR_INVALID_ARGUMENT, "lock and unlock: both or neither");
    if (x->o_.timeout_ms <= 0) x->o_.timeout_ms = LLM__OTLP_DEFAULT_TIMEOUT_MS;
    if (!x->o_.max_spans) x->o_.max_spans = LLM__OTLP_DEFAULT_MAX_SPANS;
    if (!x->o_.max_open_spans) x->o_.max_open_spans = LLM__OTLP_DEFAULT_MAX_OPEN;
    if (!x->o_.max_series) x->o_.max_series = LLM__OTLP_DEFAULT_MAX_SERIES;
    if (!x->o_.max_attrs) x->o_.max_attrs = LLM__OTLP_DEFAULT_MAX_ATTRS;
    if (!x->o_.max_events) x->o_.max_events = LLM__OTLP_DEFAULT_MAX_EVENTS;
    if (!x->o_.max_value_bytes) x->o_.max_value_bytes = LLM__OTLP_DEFAULT_MAX_VALUE;
    x->scratch_.alloc = x->o_.alloc;
    x->rng_ = x->o_.seed;
    if (!x->rng_ && !x->o_.random) x->rng_ = (uint64_t)llm__otlp_now_ns(x) ^ ((uint64_t)(uintptr_t)x << 17);
    if ((r = llm__otlp_signal_url(x, options->traces_url, "traces", &x->traces_url_, err)) != LLM_OK ||
        (r = llm__otlp_signal_url(x, options->metrics_url, "metrics", &x->metrics_url_, err)) != LLM_OK ||
        (r = llm_otlp_headers_parse(options->headers, &x->o_.alloc, &x->headers_, err)) != LLM_OK) {
        llm_otlp_free(x);
        return r;
    }
    service = options->service_name && *options->service_name ? options->service_name : "unknown_service";
    x->service_name_ = llm__otlp_dup(&x->o_.alloc, service, strlen(service));
    x->req_header_count_ = 1 + x->headers_.count;
    x->req_headers_ = (llm_pair *)llm__otlp_alloc(&x->o_.alloc, x->req_header_count_ * sizeof(llm_pair));
    x->ring_ = (char **)llm__otlp_alloc(&x->o_.alloc, x->o_.max_spans * sizeof(char *));
    x->ring_len_ = (size_t *)llm__otlp_alloc(&x->o_.alloc, x->o_.max_spans * sizeof(size_t));
    x->series_ = (struct llm__otlp_series *)llm__otlp_alloc(&x->o_.alloc,
                                                            x->o_.max_series * sizeof(struct llm__otlp_series));
    if (!x->service_name_ || !x->req_headers_ || !x->ring_ || !x->ring_len_ || !x->series_) {
        llm_otlp_free(x);
        return llm__otlp_fail(err, LLM_ERR_NO_MEMORY, "llm_otlp_init: out of memory");
    }
    x->req_headers_[0].name = "Content-Type";
    x->req_headers_[0].value = "application/json";
    for (i = 0; i < x->headers_.count; i++) {
        x->req_headers_[i + 1] = x->headers_.pairs[i];
        if (!x->secret_header_ && llm__otlp_is_secret_name(x->headers_.pairs[i].name)) x->secret_header_ = i + 2;
    }
    x->o_.endpoint = x->o_.traces_url = x->o_.metrics_url = x->o_.headers = x->o_.service_name = NULL;
    return LLM_OK;
}

LLM_OTLP_API llm_telemetry llm_otlp_telemetry(llm_otlp *x) {
    llm_telemetry t;
    memset(&t, 0, sizeof t);
    t.span_start = llm__otlp_span_start;
    t.span_set = llm__otlp_span_set;
    t.span_event = llm__otlp_span_event;
    t.span_end = llm__otlp_span_end;
    t.record = llm__otlp_record;
    t.user = x;
    return t;
}

LLM_OTLP_API void llm_otlp_get_stats(llm_otlp *x, llm_otlp_stats *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!x) return;
    llm__otlp_lock(x);
    *out = x->stats_;
    out->spans_pending = x->ring_count_;
    out->series = x->series_count_;
    llm__otlp_unlock(x);
}

LLM_OTLP_API void llm_otlp_free(llm_otlp *x) {
    size_t i;
    llm_allocator a;
    if (!x) return;
    a = x->o_.alloc;
    while (x->open_) {
        struct llm__otlp_span *s = x->open_;
        llm__otlp_span_unlink(x, s);
        llm__otlp_span_free(x, s);
    }
    if (x->ring_ && x->ring_len_) { /* either may be NULL after an init that ran out of memory */
        for (i = 0; i < x->ring_count_; i++) {
            size_t slot = (x->ring_head_ + i) % x->o_.max_spans;
            llm__otlp_free(&a, x->ring_[slot], x->ring_len_[slot] + 1);
        }
    }
    llm__otlp_free(&a, x->ring_, x->o_.max_spans * sizeof(char *));
    llm__otlp_free(&a, x->ring_len_, x->o_.max_spans * sizeof(size_t));
    for (i = 0; x->series_ && i < x->series_count_; i++) llm__otlp_series_free(x, &x->series_[i]);
    llm__otlp_free(&a, x->series_, x->o_.max_series * sizeof(struct llm__otlp_series));
    llm__otlp_free(&a, x->req_headers_, x->req_header_count_ * sizeof(llm_pair));
    llm__otlp_free_str(&a, x->traces_url_);
    llm__otlp_free_str(&a, x->metrics_url_);
    llm__otlp_free_str(&a, x->service_name_);
    llm_otlp_headers_free(&x->headers_);
    llm_json_writer_free(&x->scratch_);
    memset(x, 0, sizeof *x);
}

#endif /* LLM_OTLP_IMPLEMENTATION */
