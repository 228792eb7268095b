/* mock_server.c - a loopback HTTP/1.1 server that answers as OpenAI,
   Anthropic, Gemini and OpenRouter do, with faults injected per request. The
   integration, load and fault tests and `make run` talk to it over real
   sockets. Every answer is generated from the request, never canned.

   build/mock_server [--port N] [--port-file PATH] [--max-requests N]
                     [--idle-exit-ms N] [--lifetime-ms N] [--log PATH] [--bodies PATH]
                     [--quiet]

   It binds 127.0.0.1 only (--port 0, the default, picks a free port), prints
   "listening on 127.0.0.1:PORT" on stdout and writes "PORT\n" to --port-file
   (through a rename, so a reader never sees half of it). It stops by itself:
   after --idle-exit-ms without a request (default 30000), after
   --lifetime-ms (600000), after --max-requests requests (unlimited), on
   SIGTERM or SIGINT, or on POST /mock/shutdown. --quiet keeps stderr silent.
   --loading-probes N: the first N GET /health/readiness answer 503 (a proxy
   whose database is not yet connected), the later ones 200.
   --log writes one line per finished request:
     SEQ METHOD PATH STATUS model=M stream=0|1 idem=KEY attempt=N fault=SCRIPT
       bytes=BODY_BYTES outcome=complete|reset|stalled|truncated|client-closed|dropped
   STATUS is 0 when no status line was sent; absent values are "-"; bytes
   outside printable ASCII, and '%', are written %XX. --bodies writes the
   body of each request that has one, as received, then a newline, as soon
   as the request is whole (before any byte of the answer: a client that
   has its answer finds its body there); llm.h's JSON bodies hold no raw
   newline.

   Endpoints (the OpenAI ones also without /v1, under /openai/v1 and
   /openai/deployments/NAME as Azure OpenAI's, and under /api/v1 in
   OpenRouter's shape: a processing comment first, usage always):
     POST /v1/chat/completions        GET /v1/models[?after=ID&limit=N], /v1/models/ID
     POST /v1/responses               (and Azure's /openai/responses?api-version=V)
     POST /v1/responses/input_tokens  (the count of a Responses input: {"object": "response.input_tokens", ...})
     POST /v1/embeddings              GET /health/liveliness, /health/readiness
     POST /v1/messages                POST /v1/messages/count_tokens
     POST /v1beta/models/M:generateContent, :streamGenerateContent[?alt=sse],
          :countTokens, :embedContent, :batchEmbedContents (also under /v1/models/)
     GET  /mock/stats                 POST /mock/shutdown
   The answer is "Hello from the mock server. You said: <last user text>"
   (with an OpenAI JSON response_format, that text in a JSON object: each
   string property of the json_schema's schema holds it, numbers are 0,
   booleans false; json_object: {"answer": text});
   with tools and no tool result yet, one call of the first tool (arguments
   from the header x-mock-tool-args, else {}); after a tool result, "The
   tool said: <result>"; x-mock-tool-args-text gives the chat-completions
   endpoint's call arguments that text exactly, JSON or not (what small
   local models send; Anthropic's and Gemini's inputs are objects: a 400
   there). A max_tokens below the answer's length cuts it
   (finish "length" / "max_tokens" / "MAX_TOKENS"). The usage reported:
   prompt tokens = the bytes of the messages' text (and the system
   prompt) / 4 + 1, completion tokens = one per word of the answer (per
   argument fragment of a tool call), plus one per word of any thinking.
   Anthropic requests need x-api-key (401) and anthropic-version (400);
   Gemini ones x-goog-api-key or ?key= (403).

   Request headers: x-mock-chunks: N (the text in exactly N pieces, padded
   with words), x-mock-interval-ms: N (stream events N ms apart),
   x-mock-chunked: 1 (a non-streamed body in chunked encoding),
   x-mock-tool-args: JSON object, x-mock-fault: SCRIPT, x-mock-echo: NAME
   (the value of the request's header NAME echoed in the answer's
   x-request-id and Location headers, as some servers echo what they got),
   and Idempotency-Key or x-mock-key (what attempts= counts by).
   A 2xx answer of the OpenAI-compatible routes carries, as a LiteLLM
   proxy's does, x-litellm-call-id: mock-call-SEQ,
   x-litellm-attempted-retries: 0, x-ratelimit-remaining-requests: 59 and
   x-ratelimit-limit-requests: 60.

   Fault script: from the header x-mock-fault, the query parameter fault=
   (URL-encoded) and a path prefix /fault/SCRIPT/ (their items add up);
   items separated by ';':
     status=N        that status, with the endpoint's provider error body
     retry-after=S   adds retry-after: S;  retry-after-ms=N adds retry-after-ms: N
     error=context   a context-window error (400 unless status= says otherwise)
     attempts=K      only the first K requests of one Idempotency-Key (else
                     x-mock-key, else of this very script) get the fault
     delay=MS        a wait before the status line
     stall=MS@K      in a stream, a pause of MS after event K (0: before the first)
     reset@K         RST after K stream events, or after K bytes of a body
     truncate@K      a stream ended cleanly after K events, with no finish and
                     no end marker; a body cut after K bytes, then a close
     malformed       a body that is not JSON; in a stream, one such event
     oversize=N      the JSON body (in a stream, the first event) padded to N bytes
     bytewise        the response written one byte per write, 1 ms apart (the
                     first 64 KiB of it; the rest at once)
     close           the connection closed after the answer, unannounced
     drop            the request read, then the connection closed unanswered
     trailers=MS@K   after a stream's last event (its [DONE]), chunked
                     trailer lines of 1 KB for MS ms, one every K ms (0: as
                     fast as the client reads), then the end of the body
   Stream events count every SSE event (pings, [DONE]), not comments. An
   unknown key or a bad value is a 400 naming it.

   Limits: 64 KiB of request line and headers (431), 256 MiB of body (413),
   60 s without progress while waiting on the client, 20000 connections (or
   what RLIMIT_NOFILE allows; beyond, a 503 and a close). One thread: epoll
   on Linux, poll() elsewhere or with -DMOCK_USE_POLL. A client that shuts
   down its sending side during a response is taken to have gone (as nginx
   does). */
#define LLM_IMPLEMENTATION
#define LLM_NO_COSTS
#define LLM_NO_BPE
#include "../../llm.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>

#if defined(__linux__) && !defined(MOCK_USE_POLL)
#define MOCK_EPOLL 1
#include <sys/epoll.h>
#endif
#if defined(__linux__)
#include <linux/sockios.h>
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

#define MAX_HEAD (64 * 1024)
#define MAX_HEADERS 128
#define MAX_TARGET 8192
#define MAX_BODY ((size_t)256 << 20)
#define MAX_CONNS 20000
#define IDLE_MS 60000
#define LINGER_MS 2000
#define RESET_DRAIN_MS 500
#define HIGH_WATER (64 * 1024)
#define READ_CHUNK (64 * 1024)
#define MAX_PIECES 100000
#define MAX_CHOICES 16
#define MAX_SCRIPT 1024
#define MAX_WAIT_MS 600000
#define BYTEWISE_MAX (64 * 1024)
#define MAX_KEYS 100000
#define ARG_FRAGMENT 8
#define NO_INDEX ((size_t)-1)

/* ------------------------------------------------------------------------ */
/* Buffers and small helpers                                                */
/* ------------------------------------------------------------------------ */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("mock_server: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static void buf_reserve(buf *b, size_t extra) {
    size_t cap = b->cap ? b->cap : 256;
    if (b->cap - b->len >= extra) return;
    while (cap - b->len < extra) cap *= 2;
    b->p = (char *)xrealloc(b->p, cap);
    b->cap = cap;
}

static void buf_add(buf *b, const void *s, size_t n) {
    if (!n) return;
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_fmt(buf *b, const char *fmt, ...) {
    va_list ap;
    int n;
    buf_reserve(b, 128);
    va_start(ap, fmt);
    n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= b->cap - b->len) {
        buf_reserve(b, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

static void buf_free(buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Empties b, giving back a large allocation. */
static void buf_clear(buf *b) {
    b->len = 0;
    if (b->cap > ((size_t)1 << 20)) buf_free(b);
}

/* Removes the first n bytes. */
static void buf_consume(buf *b, size_t n) {
    if (n >= b->len) {
        buf_clear(b);
        return;
    }
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

/* Piece boundaries: the end offset of each piece of a text. */
typedef struct cuts {
    size_t *end;
    size_t n, cap;
} cuts;

static void cuts_push(cuts *c, size_t e) {
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->end = (size_t *)xrealloc(c->end, c->cap * sizeof *c->end);
    }
    c->end[c->n++] = e;
}

static size_t cut_start(const cuts *c, size_t i) { return i ? c->end[i - 1] : 0; }

static void cuts_free(cuts *c) {
    free(c->end);
    c->end = NULL;
    c->n = c->cap = 0;
}

static bool eqn(const char *a, size_t n, const char *lit) {
    size_t m = strlen(lit);
    return n == m && memcmp(a, lit, m) == 0;
}

static bool ieqn(const char *a, size_t n, const char *lit) {
    size_t m = strlen(lit);
    return n == m && strncasecmp(a, lit, m) == 0;
}

static bool starts(const char *a, size_t n, const char *lit) {
    size_t m = strlen(lit);
    return n >= m && memcmp(a, lit, m) == 0;
}

static int hexval(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Decodes %XX (and '+' as a space when form is true) into out, which may be
   in itself; returns the decoded length. A bad escape is kept as it is. */
static size_t url_decode(char *out, const char *in, size_t n, bool form) {
    size_t i, o = 0;
    for (i = 0; i < n; i++) {
        int hi, lo;
        if (in[i] == '%' && i + 2 < n && (hi = hexval((unsigned char)in[i + 1])) >= 0 &&
            (lo = hexval((unsigned char)in[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = form && in[i] == '+' ? ' ' : in[i];
        }
    }
    return o;
}

/* Digits only, at most max. */
static bool parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out) {
    uint64_t v = 0;
    size_t i;
    if (!n || n > 20) return false;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        if (v > (max - (uint64_t)(s[i] - '0')) / 10) return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

static bool parse_i64(const char *s, size_t n, int64_t max, int64_t *out) {
    uint64_t v;
    if (!parse_u64(s, n, (uint64_t)max, &v)) return false;
    *out = (int64_t)v;
    return true;
}

/* Copies printable ASCII, replacing anything else by '?', so that a header
   value can go into JSON and messages. */
static void buf_printable(buf *b, const char *s, size_t n) {
    size_t i;
    buf_reserve(b, n);
    for (i = 0; i < n; i++) b->p[b->len++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
}

static int64_t clock_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + (int64_t)(ts.tv_nsec / 1000000);
}

static uint64_t fnv1a(const char *s, size_t n, uint64_t h) {
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

/* ------------------------------------------------------------------------ */
/* Fault scripts                                                            */
/* ------------------------------------------------------------------------ */

typedef struct fault {
    bool any;                               /* at least one item */
    int status;                             /* 0: none */
    bool context, malformed, bytewise, close, drop;
    int64_t retry_after_s, retry_after_ms;  /* -1: none */
    int64_t attempts;                       /* 0: every request */
    int64_t delay_ms, stall_ms, oversize;
    int64_t stall_at, reset_at, truncate_at; /* -1: none */
    int64_t trailers_ms, trailers_every;    /* trailers=MS@K; 0: none */
    char script[MAX_SCRIPT + 1];            /* the items, joined by ';' */
    size_t script_len;
} fault;

static void fault_init(fault *f) {
    memset(f, 0, sizeof *f);
    f->retry_after_s = f->retry_after_ms = -1;
    f->stall_at = f->reset_at = f->truncate_at = -1;
}

/* "MS@K" */
static bool parse_at(const char *v, size_t n, int64_t *ms, int64_t *at) {
    const char *a = (const char *)memchr(v, '@', n);
    if (!a) return false;
    return parse_i64(v, (size_t)(a - v), MAX_WAIT_MS, ms) &&
           parse_i64(a + 1, n - (size_t)(a - v) - 1, 1000000000, at);
}

/* Reads one item: "key", "key=value" or "key@K". Returns false with the
   reason in why. */
static bool fault_item(fault *f, const char *s, size_t n, buf *why) {
    size_t k = 0;
    const char *v;
    size_t vn;
    char sep;
    int64_t x = 0;
    bool ok;
    while (k < n && s[k] != '=' && s[k] != '@') k++;
    sep = k < n ? s[k] : 0;
    v = s + k + (k < n);
    vn = k < n ? n - k - 1 : 0;
    if (eqn(s, k, "status")) {
        ok = sep == '=' && parse_i64(v, vn, 599, &x) && x >= 300;
        f->status = (int)x;
    } else if (eqn(s, k, "retry-after")) {
        ok = sep == '=' && parse_i64(v, vn, 86400, &f->retry_after_s);
    } else if (eqn(s, k, "retry-after-ms")) {
        ok = sep == '=' && parse_i64(v, vn, 86400000, &f->retry_after_ms);
    } else if (eqn(s, k, "error")) {
        ok = sep == '=' && (f->context = eqn(v, vn, "context"));
    } else if (eqn(s, k, "attempts")) {
        ok = sep == '=' && parse_i64(v, vn, 1000000000, &f->attempts);
    } else if (eqn(s, k, "delay")) {
        ok = sep == '=' && parse_i64(v, vn, MAX_WAIT_MS, &f->delay_ms);
    } else if (eqn(s, k, "stall")) {
        ok = sep == '=' && parse_at(v, vn, &f->stall_ms, &f->stall_at);
    } else if (eqn(s, k, "reset")) {
        ok = sep == '@' && parse_i64(v, vn, (int64_t)MAX_BODY, &f->reset_at);
    } else if (eqn(s, k, "truncate")) {
        ok = sep == '@' && parse_i64(v, vn, (int64_t)MAX_BODY, &f->truncate_at);
    } else if (eqn(s, k, "trailers")) {
        ok = sep == '=' && parse_at(v, vn, &f->trailers_ms, &f->trailers_every) && f->trailers_ms > 0 &&
             f->trailers_every <= MAX_WAIT_MS;
    } else if (eqn(s, k, "oversize")) {
        ok = sep == '=' && parse_i64(v, vn, (int64_t)MAX_BODY, &f->oversize) && f->oversize > 0;
    } else if (eqn(s, k, "malformed") || eqn(s, k, "bytewise") || eqn(s, k, "close") || eqn(s, k, "drop")) {
        ok = !sep;
        if (*s == 'm') f->malformed = true;
        else if (*s == 'b') f->bytewise = true;
        else if (*s == 'c') f->close = true;
        else f->drop = true;
    } else {
        buf_str(why, "unknown fault key '");
        buf_printable(why, s, k);
        buf_str(why, "'");
        return false;
    }
    if (!ok) {
        buf_str(why, "bad fault item '");
        buf_printable(why, s, n);
        buf_str(why, "'");
    }
    return ok;
}

/* Adds the items of one script (already URL-decoded) to f. */
static bool fault_parse(fault *f, const char *s, size_t n, buf *why) {
    size_t i = 0;
    while (i < n) {
        size_t j = i, a, b;
        while (j < n && s[j] != ';') j++;
        a = i;
        b = j;
        while (a < b && (s[a] == ' ' || s[a] == '\t')) a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) b--;
        i = j + 1;
        if (a == b) continue;
        if (f->script_len + (b - a) + 1 > MAX_SCRIPT) {
            buf_fmt(why, "fault script longer than %d bytes", MAX_SCRIPT);
            return false;
        }
        if (!fault_item(f, s + a, b - a, why)) return false;
        if (f->script_len) f->script[f->script_len++] = ';';
        memcpy(f->script + f->script_len, s + a, b - a);
        f->script_len += b - a;
        f->script[f->script_len] = 0;
        f->any = true;
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* Request counts per key (Idempotency-Key, x-mock-key, script)             */
/* ------------------------------------------------------------------------ */

typedef struct keyent {
    char *key;     /* NULL: free slot */
    size_t len;
    uint64_t count;
} keyent;

typedef struct keytab {
    keyent *e;
    size_t cap, n;
    uint64_t dropped;  /* new keys not stored once MAX_KEYS are */
} keytab;

static keyent *keytab_slot(keyent *e, size_t cap, const char *k, size_t n) {
    size_t i = (size_t)fnv1a(k, n, 14695981039346656037u) & (cap - 1);
    while (e[i].key && !(e[i].len == n && memcmp(e[i].key, k, n) == 0)) i = (i + 1) & (cap - 1);
    return &e[i];
}

static void keytab_grow(keytab *t) {
    size_t cap = t->cap ? t->cap * 2 : 256, i;
    keyent *e = (keyent *)xrealloc(NULL, cap * sizeof *e);
    memset(e, 0, cap * sizeof *e);
    for (i = 0; i < t->cap; i++)
        if (t->e[i].key) *keytab_slot(e, cap, t->e[i].key, t->e[i].len) = t->e[i];
    free(t->e);
    t->e = e;
    t->cap = cap;
}

/* Counts one more request for the key; returns its count. */
static uint64_t keytab_bump(keytab *t, const char *k, size_t n) {
    keyent *e;
    if (t->n < MAX_KEYS && (t->n + 1) * 2 > t->cap) keytab_grow(t);
    e = keytab_slot(t->e, t->cap, k, n);
    if (e->key) return ++e->count;
    if (t->n >= MAX_KEYS) {
        t->dropped++;
        return 1;
    }
    e->key = (char *)xrealloc(NULL, n);
    memcpy(e->key, k, n);
    e->len = n;
    e->count = 1;
    t->n++;
    return 1;
}

static void keytab_free(keytab *t) {
    size_t i;
    for (i = 0; i < t->cap; i++) free(t->e[i].key);
    free(t->e);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------------------ */
/* Types: connections, requests, responses, the server                      */
/* ------------------------------------------------------------------------ */

typedef enum api { API_OPENAI, API_OPENROUTER, API_ANTHROPIC, API_GEMINI } api;

typedef enum endpoint {
    EP_NONE, EP_CHAT, EP_EMBEDDINGS, EP_MODELS, EP_MODEL, EP_LIVELINESS, EP_READINESS, EP_MESSAGES,
    EP_COUNT_TOKENS, EP_GENERATE, EP_STREAM_GENERATE, EP_GEMINI_COUNT, EP_STATS, EP_SHUTDOWN,
    EP_RESPONSES, EP__COUNT
} endpoint;

static const char *const endpoint_names[EP__COUNT] = {
    "not_found", "chat.completions", "embeddings", "models", "model", "health.liveliness",
    "health.readiness", "messages", "messages.count_tokens", "generateContent",
    "streamGenerateContent", "countTokens", "mock.stats", "mock.shutdown",
    "responses"};

typedef enum outcome {
    OUT_COMPLETE, OUT_RESET, OUT_STALLED, OUT_TRUNCATED, OUT_CLIENT_CLOSED, OUT_DROPPED, OUT__COUNT
} outcome;

static const char *const outcome_names[OUT__COUNT] = {"complete", "reset", "stalled", "truncated",
                                                      "client-closed", "dropped"};

enum { F_STATUS, F_DELAY, F_STALL, F_RESET, F_TRUNCATE, F_MALFORMED, F_OVERSIZE, F_BYTEWISE, F_CLOSE, F_DROP, F_TRAILERS,
       F__COUNT };
static const char *const fault_names[F__COUNT] = {"status", "delay", "stall", "reset", "truncate", "malformed",
                                                  "oversize", "bytewise", "close", "drop", "trailers"};

/* The request headers the server reads besides the framing ones. */
enum {
    H_FAULT, H_TOOL_ARGS, H_MOCK_KEY, H_IDEM, H_ATTEMPT, H_CHUNKS, H_INTERVAL, H_CHUNKED, H_API_KEY,
    H_ANTHROPIC_VERSION, H_GOOG_KEY, H_AUTH, H_TOOL_ARGS_TEXT, H_ECHO, H__COUNT
};
static const char *const header_names[H__COUNT] = {
    "x-mock-fault", "x-mock-tool-args", "x-mock-key", "idempotency-key", "x-attempt", "x-mock-chunks",
    "x-mock-interval-ms", "x-mock-chunked", "x-api-key", "anthropic-version", "x-goog-api-key",
    "authorization", "x-mock-tool-args-text", "x-mock-echo"};

/* Bytes [off, off + len) of the connection's input buffer. */
typedef struct slice {
    size_t off, len;
    bool set;
} slice;

enum { CH_SIZE, CH_DATA, CH_DATA_END, CH_TRAILER };

/* A request as parsed from conn->in. The header block stays at the start
   of the buffer until the response has finished, the body (decoded in
   place when chunked) right after it. */
typedef struct request {
    bool head_done, has_length, chunked, close, expect;
    size_t hscan;        /* where the search for the end of the headers resumes */
    size_t head_len;
    slice method, target, path, query, h[H__COUNT];
    int minor;           /* HTTP/1.minor */
    uint64_t content_length;
    size_t body_len;     /* decoded body bytes at head_len */
    size_t scan;         /* chunked: raw bytes parsed up to here */
    int chunk_state, trailers;
    uint64_t chunk_left;
    size_t end;          /* bytes of conn->in the request takes, once whole */
    buf why;             /* what an HTTP error was about */
} request;

typedef enum finish { FIN_STOP, FIN_LENGTH, FIN_TOOL } finish;

/* What the model "says": generated from the request. */
typedef struct answer {
    buf model, text, thinking, tool_name, tool_args;
    cuts pieces, think_pieces, frags;
    bool tool, thinking_on, include_usage;
    int choices;
    finish fin;
    int64_t prompt_tokens, completion_tokens, created;
} answer;

/* One step of a stream: an SSE event (or the end of a JSON array). */
enum {
    OP_COMMENT, OP_MALFORMED, OP_OAI_ROLE, OP_OAI_TEXT, OP_OAI_TOOL, OP_OAI_ARGS, OP_OAI_FINISH,
    OP_OAI_USAGE, OP_OAI_DONE,
    OP_RSP_CREATED, OP_RSP_ADDED, OP_RSP_TEXT, OP_RSP_ARGS, OP_RSP_DONE, OP_RSP_END, /* the Responses API */
    OP_ANT_START, OP_ANT_BLOCK, OP_ANT_PING, OP_ANT_THINK, OP_ANT_SIG,
    OP_ANT_TEXT, OP_ANT_JSON, OP_ANT_STOP, OP_ANT_DELTA, OP_ANT_END, OP_GEM_TEXT, OP_GEM_CALL, OP_GEM_CLOSE
};
typedef struct op {
    uint8_t kind, last;
    uint16_t choice;   /* OpenAI: choice index; Anthropic: block index */
    uint32_t arg;      /* piece or fragment; Anthropic block kind */
} op;

typedef enum rstate { RS_DELAY, RS_HEAD, RS_EVENTS, RS_END } rstate;
typedef enum rend { END_COMPLETE, END_TRUNCATED, END_CUT, END_RESET } rend;

typedef struct response {
    uint64_t seq;
    endpoint ep;
    api api;
    int status;
    bool stream;         /* the answer is a stream (an error never is) */
    bool asked_stream;   /* the request asked for one (the log says this) */
    bool sse;            /* Gemini without alt=sse streams one JSON array */
    bool chunked_body, close_after, head_sent, faulted, in_stall, stalled, padded, shutdown, query_key;
    fault f;
    rstate state;
    rend end;
    buf head, body;
    size_t body_off, chunk_size, cut, want_pieces;
    answer a;
    op *ops;
    size_t nops, cap_ops, next_op;
    int64_t events, interval_ms, begun, wait_until, reset_since, body_bytes, bytewise_left;
    int64_t trailers_until, trailer_lines; /* trailers=: when they stop (0: not begun), how many were sent */
    const char *allow;   /* 405: the Allow header */
} response;

typedef enum hkind { HK_LISTEN, HK_SIGNAL, HK_CONN } hkind;
enum { EV_IN = 1, EV_OUT = 2, EV_RDHUP = 4, EV_ERR = 8 };

/* What the event loop watches: the first member of each watched object. */
typedef struct handle {
    int fd;
    hkind kind;
    unsigned mask;
    bool registered;
} handle;

typedef enum cstate { CS_READ, CS_RESP, CS_LINGER } cstate;

typedef struct conn {
    handle h;
    cstate state;
    bool closed, kick;
    buf in, out;
    size_t out_off;
    request q;
    response r;
    int64_t last_active, linger_until, wake;
    size_t heap_i, table_i;
    struct conn *next_closed;
} conn;

typedef struct ready {
    handle *h;
    unsigned ev;
} ready;

typedef struct options {
    int64_t port, max_requests, idle_exit_ms, lifetime_ms;
    int64_t loading_probes; /* GET /health/readiness answers 503 this many times first */
    const char *port_file, *log_path, *bodies_path;
    bool quiet;
} options;

typedef struct stats {
    uint64_t requests, connections, refused, faults_injected;
    uint64_t by_endpoint[EP__COUNT], by_status[600], faults[F__COUNT], outcomes[OUT__COUNT];
} stats;

typedef struct server {
    options opt;
    handle listen, sig;
    int sig_write, spare_fd, port;
#ifdef MOCK_EPOLL
    int epfd;
#else
    struct pollfd *pfd;
#endif
    ready *ready;
    size_t ready_cap;
    int64_t now, started, last_activity, in_progress;
    uint64_t seq;
    int64_t readiness_probes; /* GET /health/readiness requests so far */
    bool draining;
    const char *stop_reason;
    conn **conns, **heap, *closed;
    size_t nconns, nheap, max_conns;
    keytab keys;
    stats st;
    FILE *log, *bodies;
    llm_json_doc doc, doc2;
    llm_json_writer w, w2;
    buf tmp, tmp2;
    char *scratch;
} server;

static int sig_fd = -1;  /* the self-pipe the signal handler writes to */

static void on_signal(int sig) {
    char ch = (char)sig;
    int saved = errno;
    if (sig_fd >= 0 && write(sig_fd, &ch, 1) < 0) { /* the pipe is full: a wake-up is pending anyway */
    }
    errno = saved;
}

/* ------------------------------------------------------------------------ */
/* The event loop's backend: epoll, or poll()                               */
/* ------------------------------------------------------------------------ */

#ifdef MOCK_EPOLL
static bool ev_init(server *s) {
    s->epfd = epoll_create1(EPOLL_CLOEXEC);
    return s->epfd >= 0;
}

static void ev_set(server *s, handle *h, unsigned mask) {
    struct epoll_event e;
    if (h->registered && h->mask == mask) return;
    memset(&e, 0, sizeof e);
    e.events = (mask & EV_IN ? EPOLLIN : 0u) | (mask & EV_OUT ? EPOLLOUT : 0u) | (mask & EV_RDHUP ? EPOLLRDHUP : 0u);
    e.data.ptr = h;
    if (epoll_ctl(s->epfd, h->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, h->fd, &e) == 0) h->registered = true;
    h->mask = mask;
}

static void ev_del(server *s, handle *h) {
    if (h->registered) epoll_ctl(s->epfd, EPOLL_CTL_DEL, h->fd, NULL);
    h->registered = false;
}

static size_t ev_wait(server *s, int timeout_ms) {
    struct epoll_event evs[512];
    int n = epoll_wait(s->epfd, evs, 512, timeout_ms), i;
    for (i = 0; i < n; i++) {
        unsigned e = evs[i].events;
        s->ready[i].h = (handle *)evs[i].data.ptr;
        s->ready[i].ev = (e & EPOLLIN ? (unsigned)EV_IN : 0u) | (e & EPOLLOUT ? (unsigned)EV_OUT : 0u) |
                         (e & EPOLLRDHUP ? (unsigned)EV_RDHUP : 0u) | (e & (EPOLLERR | EPOLLHUP) ? (unsigned)EV_ERR : 0u);
    }
    return n > 0 ? (size_t)n : 0;
}

static void ev_deinit(server *s) { close(s->epfd); }
#else
static bool ev_init(server *s) {
    s->pfd = (struct pollfd *)xrealloc(NULL, (s->max_conns + 2) * sizeof *s->pfd);
    return true;
}

static void ev_set(server *s, handle *h, unsigned mask) {
    (void)s;
    h->mask = mask;
    h->registered = true;
}

static void ev_del(server *s, handle *h) {
    (void)s;
    h->registered = false;
}

static void ev_watch(server *s, size_t *n, handle *h) {
    if (!h->registered || h->fd < 0) return;
    s->pfd[*n].fd = h->fd;
    s->pfd[*n].events = (short)((h->mask & EV_IN ? POLLIN : 0) | (h->mask & EV_OUT ? POLLOUT : 0));
    s->pfd[*n].revents = 0;
    s->ready[*n].h = h;
    (*n)++;
}

/* Rebuilds the poll set each turn: O(connections), fine for a fallback. */
static size_t ev_wait(server *s, int timeout_ms) {
    size_t n = 0, i, k = 0;
    ev_watch(s, &n, &s->listen);
    ev_watch(s, &n, &s->sig);
    for (i = 0; i < s->nconns; i++) ev_watch(s, &n, &s->conns[i]->h);
    if (poll(s->pfd, (nfds_t)n, timeout_ms) <= 0) return 0;
    for (i = 0; i < n; i++) {
        short e = s->pfd[i].revents;
        if (!e) continue;
        s->ready[k].h = s->ready[i].h;
        s->ready[k].ev = (e & POLLIN ? (unsigned)EV_IN : 0u) | (e & POLLOUT ? (unsigned)EV_OUT : 0u) |
                         (e & (POLLERR | POLLHUP | POLLNVAL) ? (unsigned)EV_ERR : 0u);
        k++;
    }
    return k;
}

static void ev_deinit(server *s) { free(s->pfd); }
#endif

/* ------------------------------------------------------------------------ */
/* Timers: a binary min-heap of connections keyed by their wake time.       */
/* A key may be earlier than needed (the connection then just re-arms);     */
/* each connection is in the heap at most once.                             */
/* ------------------------------------------------------------------------ */

static void heap_place(server *s, size_t i, conn *c) {
    s->heap[i] = c;
    c->heap_i = i;
}

static void heap_up(server *s, size_t i) {
    conn *c = s->heap[i];
    while (i > 0 && s->heap[(i - 1) / 2]->wake > c->wake) {
        heap_place(s, i, s->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    heap_place(s, i, c);
}

static void heap_down(server *s, size_t i) {
    conn *c = s->heap[i];
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        int64_t best = c->wake;
        if (l < s->nheap && s->heap[l]->wake < best) {
            m = l;
            best = s->heap[l]->wake;
        }
        if (l + 1 < s->nheap && s->heap[l + 1]->wake < best) m = l + 1;
        if (m == i) break;
        heap_place(s, i, s->heap[m]);
        i = m;
    }
    heap_place(s, i, c);
}

/* Arms c for time t, unless it is already armed for earlier. */
static void heap_set(server *s, conn *c, int64_t t) {
    if (c->heap_i != NO_INDEX) {
        if (t < c->wake) {
            c->wake = t;
            heap_up(s, c->heap_i);
        }
        return;
    }
    c->wake = t;
    s->heap[s->nheap] = c;
    c->heap_i = s->nheap++;
    heap_up(s, c->heap_i);
}

static void heap_remove(server *s, conn *c) {
    size_t i = c->heap_i;
    conn *last;
    if (i == NO_INDEX) return;
    c->heap_i = NO_INDEX;
    if (--s->nheap == i) return;
    last = s->heap[s->nheap];
    heap_place(s, i, last);
    heap_up(s, i);
    heap_down(s, last->heap_i);
}

/* ------------------------------------------------------------------------ */
/* The log and the counters                                                 */
/* ------------------------------------------------------------------------ */

static void log_value(FILE *f, const char *p, size_t n) {
    size_t i;
    if (!n) {
        fputc('-', f);
        return;
    }
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch > 0x20 && ch < 0x7f && ch != '%') fputc(ch, f);
        else fprintf(f, "%%%02X", ch);
    }
}

static const char *in_at(const conn *c, slice sl) { return sl.len ? c->in.p + sl.off : ""; }

/* --bodies: the request's body, as received, and a newline. */
static void log_body(server *s, const conn *c) {
    if (!s->bodies || !c->q.body_len) return;
    fwrite(c->in.p + c->q.head_len, 1, c->q.body_len, s->bodies);
    fputc('\n', s->bodies);
    fflush(s->bodies);
}

/* Counts and logs a finished request; the request's bytes are still in
   conn->in. */
static void resp_account(server *s, conn *c, outcome o) {
    response *r = &c->r;
    request *q = &c->q;
    int status = r->head_sent ? r->status : 0;
    int64_t unsent = (int64_t)(c->out.len - c->out_off), bytes = r->body_bytes;
    if (o != OUT_COMPLETE) bytes -= unsent < bytes ? unsent : bytes;
    s->in_progress--;
    s->last_activity = s->now;
    s->st.by_status[status]++;
    s->st.outcomes[o]++;
    s->st.by_endpoint[r->ep]++;
    if (r->shutdown && o == OUT_COMPLETE) s->stop_reason = "shutdown";
    if (!s->log) return;
    fprintf(s->log, "%llu ", (unsigned long long)r->seq);
    log_value(s->log, in_at(c, q->method), q->method.len);
    fputc(' ', s->log);
    log_value(s->log, in_at(c, q->path), q->path.len);
    fprintf(s->log, " %d model=", status);
    log_value(s->log, r->a.model.p, r->a.model.len);
    fprintf(s->log, " stream=%d idem=", r->asked_stream || r->stream ? 1 : 0);
    log_value(s->log, in_at(c, q->h[H_IDEM]), q->h[H_IDEM].len);
    fputs(" attempt=", s->log);
    log_value(s->log, in_at(c, q->h[H_ATTEMPT]), q->h[H_ATTEMPT].len);
    fputs(" fault=", s->log);
    log_value(s->log, r->f.script, r->f.script_len);
    fprintf(s->log, " bytes=%lld outcome=%s\n", (long long)bytes, outcome_names[o]);
}

/* ------------------------------------------------------------------------ */
/* Connections                                                              */
/* ------------------------------------------------------------------------ */

static void conn_close(server *s, conn *c) {
    if (c->closed) return;
    ev_del(s, &c->h);
    heap_remove(s, c);
    close(c->h.fd);
    s->conns[c->table_i] = s->conns[--s->nconns];
    s->conns[c->table_i]->table_i = c->table_i;
    c->closed = true;
    c->next_closed = s->closed;
    s->closed = c;
}

/* Ends a connection at once; a response under way is logged with o. */
static void conn_abort(server *s, conn *c, outcome o) {
    if (c->closed) return;
    if (c->state == CS_RESP) resp_account(s, c, o);
    conn_close(s, c);
}

/* Whether queued output may be written now: not between the bytes of a
   byte-wise response. */
static bool may_flush(const server *s, const conn *c) {
    return c->out_off < c->out.len && !(c->state == CS_RESP && c->r.bytewise_left > 0 && c->r.wait_until > s->now);
}

/* The events c waits for, from its state. */
static void conn_watch(server *s, conn *c) {
    bool pending = c->out_off < c->out.len;
    unsigned m;
    if (c->closed) return;
    if (c->state == CS_RESP) m = EV_RDHUP | (may_flush(s, c) ? (unsigned)EV_OUT : 0u);
    else if (c->state == CS_LINGER) m = EV_IN;
    else m = EV_IN | (pending ? (unsigned)EV_OUT : 0u);
    ev_set(s, &c->h, m);
}

/* Arms c's timer from its state: a response's wait, the idle limit while
   the server waits on the client, the end of a lingering close. */
static void conn_schedule(server *s, conn *c) {
    int64_t t = INT64_MAX;
    if (c->closed) return;
    if (c->kick) t = s->now;
    if (c->state == CS_LINGER) {
        if (c->linger_until < t) t = c->linger_until;
    } else if (c->state == CS_READ || c->out_off < c->out.len) {
        if (c->last_active + IDLE_MS < t) t = c->last_active + IDLE_MS;
    }
    if (c->state == CS_RESP && c->r.wait_until && c->r.wait_until < t) t = c->r.wait_until;
    if (t != INT64_MAX) heap_set(s, c, t);
}

/* Closes our side and discards what the client still sends for a while,
   so that the answer is not destroyed by a reset. */
static void conn_linger(server *s, conn *c) {
    shutdown(c->h.fd, SHUT_WR);
    c->state = CS_LINGER;
    c->linger_until = s->now + LINGER_MS;
    buf_clear(&c->in);
    c->out.len = c->out_off = 0;
    conn_watch(s, c);
    conn_schedule(s, c);
}

/* Writes what is queued. 1: all of it; 0: the socket is full, or a
   byte-wise write waits for its next millisecond; -1: the connection
   failed and is closed. */
static int conn_flush(server *s, conn *c) {
    int turn;
    for (turn = 0; turn < 64 && c->out_off < c->out.len; turn++) {
        bool bytewise = c->state == CS_RESP && c->r.bytewise_left > 0;
        size_t n = bytewise ? 1 : c->out.len - c->out_off;
        ssize_t k = send(c->h.fd, c->out.p + c->out_off, n, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
            conn_abort(s, c, OUT_CLIENT_CLOSED);
            return -1;
        }
        c->out_off += (size_t)k;
        c->last_active = s->now;
        if (bytewise) {
            c->r.bytewise_left--;
            if (c->out_off < c->out.len) {
                c->r.wait_until = s->now + 1;
                return 0;
            }
        }
    }
    if (c->out_off < c->out.len) return 0;
    c->out.len = c->out_off = 0;
    if (c->out.cap > ((size_t)1 << 20)) buf_free(&c->out);
    return 1;
}

static void conn_free(conn *c) {
    answer *a = &c->r.a;
    buf_free(&c->in);
    buf_free(&c->out);
    buf_free(&c->q.why);
    buf_free(&c->r.head);
    buf_free(&c->r.body);
    buf_free(&a->model);
    buf_free(&a->text);
    buf_free(&a->thinking);
    buf_free(&a->tool_name);
    buf_free(&a->tool_args);
    cuts_free(&a->pieces);
    cuts_free(&a->think_pieces);
    cuts_free(&a->frags);
    free(c->r.ops);
    free(c);
}

static void set_nonblocking(int fd) {
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void conn_new(server *s, int fd) {
    conn *c = (conn *)xrealloc(NULL, sizeof *c);
    int one = 1;
    memset(c, 0, sizeof *c);
    set_nonblocking(fd);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->h.fd = fd;
    c->h.kind = HK_CONN;
    c->heap_i = NO_INDEX;
    c->table_i = s->nconns;
    c->last_active = s->now;
    s->conns[s->nconns++] = c;
    s->st.connections++;
    s->last_activity = s->now;
    conn_watch(s, c);
    conn_schedule(s, c);
}

/* Beyond the connection limit: a 503 and a close, nothing kept. */
static void conn_refuse(server *s, int fd) {
    static const char body[] = "{\"error\":{\"message\":\"Too many connections to the mock server.\","
                               "\"type\":\"server_error\",\"param\":null,\"code\":\"service_unavailable\"}}";
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                     "Content-Length: %u\r\nx-request-id: mock-0\r\nConnection: close\r\n\r\n",
                     (unsigned)(sizeof body - 1));
    set_nonblocking(fd);
    if (send(fd, head, (size_t)n, MSG_NOSIGNAL) == n) send(fd, body, sizeof body - 1, MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    close(fd);
    s->st.refused++;
}

static void on_accept(server *s) {
    int turn;
    for (turn = 0; turn < 256; turn++) {
        int fd = accept(s->listen.fd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if ((errno == EMFILE || errno == ENFILE) && s->spare_fd >= 0) {
                /* out of descriptors: use the spare one to refuse a client */
                close(s->spare_fd);
                fd = accept(s->listen.fd, NULL, NULL);
                if (fd >= 0) conn_refuse(s, fd);
                s->spare_fd = open("/dev/null", O_RDONLY);
            }
            return;
        }
        if (s->nconns >= s->max_conns) conn_refuse(s, fd);
        else conn_new(s, fd);
    }
}

/* ------------------------------------------------------------------------ */
/* HTTP/1.1 requests                                                        */
/* ------------------------------------------------------------------------ */

static bool is_tchar(unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

/* The end of the header block (just past its empty line), or 0. */
static size_t head_end(conn *c) {
    request *q = &c->q;
    const char *p = c->in.p;
    size_t n = c->in.len, i;
    for (i = q->hscan; i < n; i++) {
        if (p[i] != '\n') continue;
        if (i + 1 == n || (p[i + 1] == '\r' && i + 2 == n)) break;
        if (p[i + 1] == '\n') return i + 2;
        if (p[i + 1] == '\r' && p[i + 2] == '\n') return i + 3;
    }
    q->hscan = i;
    return 0;
}

static int req_fail(request *q, int status, const char *why) {
    q->why.len = 0;
    buf_str(&q->why, why);
    return status;
}

/* The line at *pos (its text without CR LF); *pos moves past it. */
static size_t line_at(const char *p, size_t end, size_t *pos, size_t *len) {
    size_t start = *pos, e = start;
    while (e < end && p[e] != '\n') e++;
    *len = e - start - (e > start && p[e - 1] == '\r');
    *pos = e + 1;
    return start;
}

static int parse_request_line(request *q, const char *p, size_t off, size_t n) {
    size_t i = 0, m, t;
    while (i < n && is_tchar((unsigned char)p[off + i])) i++;
    if (!i || i > 15 || i >= n || p[off + i] != ' ') return req_fail(q, 400, "malformed request line");
    q->method.off = off;
    q->method.len = i;
    m = ++i;
    while (i < n && (unsigned char)p[off + i] > 0x20 && (unsigned char)p[off + i] < 0x7f) i++;
    t = i - m;
    if (!t || i >= n || p[off + i] != ' ') return req_fail(q, 400, "malformed request line");
    if (t > MAX_TARGET) return req_fail(q, 414, "request target too long");
    if (p[off + m] != '/') return req_fail(q, 400, "the request target must be a path");
    q->target.off = off + m;
    q->target.len = t;
    i++;
    if (eqn(p + off + i, n - i, "HTTP/1.1")) q->minor = 1;
    else if (eqn(p + off + i, n - i, "HTTP/1.0")) q->minor = 0;
    else if (n - i == 8 && starts(p + off + i, n - i, "HTTP/")) return req_fail(q, 505, "HTTP version not supported");
    else return req_fail(q, 400, "malformed request line");
    return 0;
}

static bool has_token(const char *v, size_t n, const char *token) {
    size_t i = 0;
    while (i < n) {
        size_t j = i, a, b;
        while (j < n && v[j] != ',') j++;
        for (a = i; a < j && (v[a] == ' ' || v[a] == '\t'); a++) continue;
        for (b = j; b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'); b--) continue;
        if (ieqn(v + a, b - a, token)) return true;
        i = j + 1;
    }
    return false;
}

/* One header, name and value located; framing headers checked. */
static int parse_header(request *q, const char *p, size_t name, size_t nlen, size_t val, size_t vlen, int *hosts) {
    const char *n = p + name, *v = p + val;
    int i;
    if (ieqn(n, nlen, "content-length")) {
        uint64_t x;
        if (!parse_u64(v, vlen, UINT64_MAX, &x)) return req_fail(q, 400, "bad Content-Length");
        if (q->has_length && x != q->content_length) return req_fail(q, 400, "two different Content-Lengths");
        q->has_length = true;
        q->content_length = x;
    } else if (ieqn(n, nlen, "transfer-encoding")) {
        if (q->chunked || !ieqn(v, vlen, "chunked")) return req_fail(q, 501, "only Transfer-Encoding: chunked is supported");
        q->chunked = true;
    } else if (ieqn(n, nlen, "connection")) {
        if (has_token(v, vlen, "close")) q->close = true;
    } else if (ieqn(n, nlen, "expect")) {
        if (!ieqn(v, vlen, "100-continue")) return req_fail(q, 417, "only Expect: 100-continue is supported");
        q->expect = true;
    } else if (ieqn(n, nlen, "host")) {
        (*hosts)++;
    } else {
        for (i = 0; i < H__COUNT; i++) {
            if (!ieqn(n, nlen, header_names[i]) || q->h[i].set) continue;
            q->h[i].off = val;
            q->h[i].len = vlen;
            q->h[i].set = true;
        }
    }
    return 0;
}

/* The request line and the headers, end bytes of them. */
static int parse_head(request *q, const char *p, size_t end) {
    size_t pos = 0, off, n, count = 0;
    int k, hosts = 0;
    off = line_at(p, end, &pos, &n);
    if ((k = parse_request_line(q, p, off, n)) != 0) return k;
    for (;;) {
        size_t i = 0, v, e, j;
        off = line_at(p, end, &pos, &n);
        if (!n) break;
        if (++count > MAX_HEADERS) return req_fail(q, 431, "too many headers");
        while (i < n && is_tchar((unsigned char)p[off + i])) i++;
        if (!i || i == n || p[off + i] != ':') return req_fail(q, 400, "malformed header line");
        for (v = i + 1; v < n && (p[off + v] == ' ' || p[off + v] == '\t'); v++) continue;
        for (e = n; e > v && (p[off + e - 1] == ' ' || p[off + e - 1] == '\t'); e--) continue;
        for (j = v; j < e; j++) {
            unsigned char ch = (unsigned char)p[off + j];
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f) return req_fail(q, 400, "control character in a header value");
        }
        if ((k = parse_header(q, p, off, i, off + v, e - v, &hosts)) != 0) return k;
    }
    if (q->minor == 1 && hosts != 1) return req_fail(q, 400, "HTTP/1.1 needs exactly one Host header");
    if (q->chunked && q->has_length) return req_fail(q, 400, "both Content-Length and Transfer-Encoding");
    if (q->has_length && q->content_length > MAX_BODY) return req_fail(q, 413, "request body over 256 MiB");
    if (q->minor == 0) {
        q->close = true;
        q->expect = false;
    }
    return 0;
}

/* Decodes chunked framing in place: data moves down to head_len +
   body_len. 0: more bytes needed; 1: the body is whole; else a status. */
static int parse_chunked(conn *c) {
    request *q = &c->q;
    char *p = c->in.p;
    size_t n = c->in.len;
    if (!q->scan) q->scan = q->head_len;
    while (q->scan < n) {
        size_t e, len, i = 0;
        uint64_t size = 0;
        if (q->chunk_state == CH_DATA) {
            size_t take = n - q->scan < q->chunk_left ? n - q->scan : (size_t)q->chunk_left;
            memmove(p + q->head_len + q->body_len, p + q->scan, take);
            q->body_len += take;
            q->scan += take;
            if (!(q->chunk_left -= take)) q->chunk_state = CH_DATA_END;
            continue;
        }
        for (e = q->scan; e < n && p[e] != '\n'; e++) continue;
        if (e == n) return n - q->scan > 4096 ? req_fail(q, 400, "chunk line too long") : 0;
        len = e - q->scan - (e > q->scan && p[e - 1] == '\r');
        i = q->scan;
        q->scan = e + 1;
        if (q->chunk_state == CH_DATA_END) {
            if (len) return req_fail(q, 400, "chunk data longer than its size");
            q->chunk_state = CH_SIZE;
        } else if (q->chunk_state == CH_SIZE) {
            size_t d;
            for (d = 0; d < len && hexval((unsigned char)p[i + d]) >= 0; d++) {
                if (d >= 15) return req_fail(q, 413, "request body over 256 MiB");
                size = size * 16 + (uint64_t)hexval((unsigned char)p[i + d]);
            }
            if (!d || (d < len && p[i + d] != ';' && p[i + d] != ' ' && p[i + d] != '\t'))
                return req_fail(q, 400, "bad chunk size");
            if (q->body_len + size > MAX_BODY) return req_fail(q, 413, "request body over 256 MiB");
            q->chunk_left = size;
            q->chunk_state = size ? CH_DATA : CH_TRAILER;
        } else if (len) {
            if (++q->trailers > MAX_HEADERS) return req_fail(q, 431, "too many trailers");
        } else {
            q->end = q->scan;
            return 1;
        }
    }
    return 0;
}

/* 0: more bytes needed; 1: a whole request; else the status of an HTTP
   error (q->why says why). */
static int req_parse(conn *c) {
    request *q = &c->q;
    if (!q->head_done) {
        size_t end, skip = 0;
        int k;
        while (skip < c->in.len && skip < 64 && (c->in.p[skip] == '\r' || c->in.p[skip] == '\n')) skip++;
        if (skip) {
            buf_consume(&c->in, skip);
            q->hscan = 0;
        }
        if (!(end = head_end(c))) return c->in.len > MAX_HEAD ? req_fail(q, 431, "request headers over 64 KiB") : 0;
        if (end > MAX_HEAD) return req_fail(q, 431, "request headers over 64 KiB");
        q->head_len = end;
        q->head_done = true;
        if ((k = parse_head(q, c->in.p, end)) != 0) return k;
        if (q->expect && (q->chunked || q->content_length > 0) &&
            (q->chunked || c->in.len - end < q->content_length))
            buf_str(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (q->chunked) return parse_chunked(c);
    if (q->has_length && c->in.len - q->head_len < q->content_length) return 0;
    q->body_len = q->has_length ? (size_t)q->content_length : 0;
    q->end = q->head_len + q->body_len;
    return 1;
}

/* ------------------------------------------------------------------------ */
/* JSON helpers and provider-shaped errors                                  */
/* ------------------------------------------------------------------------ */

static void jw_str(llm_json_writer *w, const char *key, const char *v) {
    llm_json_write_key(w, key);
    llm_json_write_string(w, v);
}

static void jw_strn(llm_json_writer *w, const char *key, const char *v, size_t n) {
    llm_json_write_key(w, key);
    llm_json_write_stringn(w, v, n);
}

static void jw_int(llm_json_writer *w, const char *key, int64_t v) {
    llm_json_write_key(w, key);
    llm_json_write_int(w, v);
}

static void jw_null(llm_json_writer *w, const char *key) {
    llm_json_write_key(w, key);
    llm_json_write_null(w);
}

/* Replaces b with the writer's text; false when the writer failed. */
static bool jw_take(llm_json_writer *w, buf *b) {
    const char *t;
    size_t n;
    b->len = 0;
    if (llm_json_writer_finish(w, &t, &n) != LLM_OK) return false;
    buf_add(b, t, n);
    return true;
}

static const char *buf_cstr(buf *b) {
    buf_reserve(b, 1);
    b->p[b->len] = 0;
    return b->p;
}

typedef struct error_kind {
    int status;
    const char *oai_type, *oai_code, *ant_type, *gem_status, *message;
} error_kind;

static const error_kind error_kinds[] = {
    {400, "invalid_request_error", NULL, "invalid_request_error", "INVALID_ARGUMENT", "Invalid request."},
    {401, "invalid_request_error", "invalid_api_key", "authentication_error", "UNAUTHENTICATED", "Incorrect API key provided."},
    {402, "insufficient_quota", "insufficient_quota", "billing_error", "FAILED_PRECONDITION", "Insufficient credits."},
    {403, "permission_error", "permission_denied", "permission_error", "PERMISSION_DENIED", "Permission denied."},
    {404, "invalid_request_error", "not_found", "not_found_error", "NOT_FOUND", "The requested resource could not be found."},
    {405, "invalid_request_error", "method_not_allowed", "invalid_request_error", "INVALID_ARGUMENT", "Method not allowed."},
    {408, "timeout", "timeout", "timeout_error", "DEADLINE_EXCEEDED", "Request timed out."},
    {409, "conflict", "conflict", "invalid_request_error", "ABORTED", "Conflict."},
    {413, "invalid_request_error", "request_too_large", "request_too_large", "INVALID_ARGUMENT", "Request too large."},
    {429, "requests", "rate_limit_exceeded", "rate_limit_error", "RESOURCE_EXHAUSTED", "Rate limit reached for requests."},
    {500, "server_error", NULL, "api_error", "INTERNAL", "The server had an error while processing your request."},
    {502, "server_error", "bad_gateway", "api_error", "UNAVAILABLE", "Bad gateway."},
    {503, "server_error", "service_unavailable", "api_error", "UNAVAILABLE", "The server is overloaded or not ready yet."},
    {504, "timeout", "gateway_timeout", "timeout_error", "DEADLINE_EXCEEDED", "Gateway timeout."},
    {529, "server_error", "overloaded", "overloaded_error", "UNAVAILABLE", "Overloaded"},
};

static const error_kind *error_kind_of(int status) {
    static const error_kind client = {0, "invalid_request_error", NULL, "invalid_request_error", "FAILED_PRECONDITION",
                                      "The request was refused."};
    static const error_kind server_side = {0, "server_error", NULL, "api_error", "INTERNAL", "The server had an error."};
    size_t i;
    for (i = 0; i < sizeof error_kinds / sizeof error_kinds[0]; i++)
        if (error_kinds[i].status == status) return &error_kinds[i];
    return status < 500 ? &client : &server_side;
}

static const char *reason_phrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 529: return "Overloaded";
    default: return status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Server Error";
    }
}

/* An error answer in the shape of the endpoint's provider. code overrides
   the table's OpenAI code (NULL: the table's). */
static void resp_error(server *s, conn *c, int status, const char *code, const char *message) {
    response *r = &c->r;
    const error_kind *k = error_kind_of(status);
    llm_json_writer *w = &s->w;
    char id[48];
    r->status = status;
    r->stream = false;
    if (!code) code = k->oai_code;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    if (r->api == API_ANTHROPIC) {
        snprintf(id, sizeof id, "req_mock_%llu", (unsigned long long)r->seq);
        jw_str(w, "type", "error");
        llm_json_write_key(w, "error");
        llm_json_write_object_begin(w);
        jw_str(w, "type", k->ant_type);
        jw_str(w, "message", message);
        llm_json_write_object_end(w);
        jw_str(w, "request_id", id);
    } else {
        llm_json_write_key(w, "error");
        llm_json_write_object_begin(w);
        if (r->api == API_OPENAI) {
            jw_str(w, "message", message);
            jw_str(w, "type", k->oai_type);
            jw_null(w, "param");
            jw_str(w, "code", code);
        } else {
            jw_int(w, "code", status);
            jw_str(w, "message", message);
            if (r->api == API_GEMINI) {
                jw_str(w, "status", k->gem_status);
            } else {
                llm_json_write_key(w, "metadata");
                llm_json_write_object_begin(w);
                jw_str(w, "error_type", code ? code : k->oai_type);
                llm_json_write_object_end(w);
            }
        }
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
    jw_take(w, &r->body);
}

/* The error a status= or error=context fault asks for. */
static void resp_fault_error(server *s, conn *c) {
    response *r = &c->r;
    int status = r->f.status ? r->f.status : 400;
    if (!r->f.context) {
        resp_error(s, c, status, NULL, error_kind_of(status)->message);
    } else if (r->api == API_ANTHROPIC) {
        resp_error(s, c, status, NULL, "prompt is too long: 250000 tokens > 200000 maximum");
    } else if (r->api == API_GEMINI) {
        resp_error(s, c, status, NULL, "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).");
    } else {
        resp_error(s, c, status, "context_length_exceeded",
                   "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                   "250000 tokens. Please reduce the length of the messages.");
    }
}

/* Pads a JSON object text to size bytes with a "mock_padding" member. */
static void pad_json(buf *b, size_t size) {
    static const char key[] = ",\"mock_padding\":\"";
    size_t fill;
    if (b->len < 3 || b->p[b->len - 1] != '}' || size < b->len + (sizeof key - 1) + 1) return;
    fill = size - b->len - (sizeof key - 1) - 1;
    b->len--;
    buf_add(b, key, sizeof key - 1);
    buf_reserve(b, fill + 2);
    memset(b->p + b->len, 'x', fill);
    b->len += fill;
    buf_add(b, "\"}", 2);
}

/* ------------------------------------------------------------------------ */
/* The answer: generated text, pieces, tool calls, token counts             */
/* ------------------------------------------------------------------------ */

/* Text of a message content: a string, or the "text" of each part. */
static void content_text(buf *out, const llm_json *v) {
    const llm_json *p;
    const char *t;
    size_t n;
    if ((t = llm_json_string(v, &n)) != NULL) {
        buf_add(out, t, n);
        return;
    }
    for (p = llm_json_first(v); p && llm_json_is(v, LLM_JSON_ARRAY); p = llm_json_next(v, p))
        if ((t = llm_json_string(llm_json_get(p, "text"), &n)) != NULL) buf_add(out, t, n);
}

/* Bytes of all the strings inside v (values, not keys). */
static size_t string_bytes(const llm_json *v) {
    const llm_json *k;
    size_t n = 0, len;
    if (llm_json_string(v, &len)) return len;
    if (llm_json_is(v, LLM_JSON_ARRAY))
        for (k = llm_json_first(v); k; k = llm_json_next(v, k)) n += string_bytes(k);
    else if (llm_json_is(v, LLM_JSON_OBJECT))
        for (k = llm_json_first(v); k; k = llm_json_next(v, k)) n += string_bytes(k + 1);
    return n;
}

/* Bytes of the strings in member `key` of each element of msgs (the
   messages' contents). */
static size_t content_bytes(const llm_json *msgs, const char *key) {
    const llm_json *m;
    size_t n = 0;
    for (m = llm_json_first(msgs); m && llm_json_is(msgs, LLM_JSON_ARRAY); m = llm_json_next(msgs, m))
        n += string_bytes(llm_json_get(m, key));
    return n;
}

/* The prompt token count: a deterministic stand-in for a tokenizer. */
static int64_t tokens_of(size_t bytes) { return (int64_t)(bytes / 4 + 1); }

static bool json_str_is(const llm_json *v, const char *lit) {
    size_t n;
    const char *t = llm_json_string(v, &n);
    return t && eqn(t, n, lit);
}

static void say_hello(answer *a, const llm_json *user_content) {
    buf_str(&a->text, "Hello from the mock server. You said: ");
    content_text(&a->text, user_content);
}

/* The answer to a JSON response format, as a model keeping to it would give
   it: each property of the json_schema's top-level schema, a string holding
   the hello text, 0 for a number or integer, false for a boolean; for
   json_object, or a schema without properties, {"answer": text}. */
static void answer_as_json(answer *a, const llm_json *format) {
    const llm_json *props = llm_json_get(llm_json_get(llm_json_get(format, "json_schema"), "schema"), "properties");
    const llm_json *k;
    llm_json_writer w;
    const char *out;
    size_t n;
    memset(&w, 0, sizeof w);
    llm_json_write_object_begin(&w);
    if (!llm_json_count(props)) {
        llm_json_write_key(&w, "answer");
        llm_json_write_stringn(&w, a->text.p, a->text.len);
    }
    for (k = llm_json_first(props); k && llm_json_is(props, LLM_JSON_OBJECT); k = llm_json_next(props, k)) {
        const char *key = llm_json_string(k, &n);
        const llm_json *type = llm_json_get(k + 1, "type");
        llm_json_write_keyn(&w, key, n);
        if (json_str_is(type, "number") || json_str_is(type, "integer")) llm_json_write_int(&w, 0);
        else if (json_str_is(type, "boolean")) llm_json_write_bool(&w, false);
        else llm_json_write_stringn(&w, a->text.p, a->text.len);
    }
    llm_json_write_object_end(&w);
    if (llm_json_writer_finish(&w, &out, &n) == LLM_OK) {
        a->text.len = 0;
        buf_add(&a->text, out, n);
    }
    llm_json_writer_free(&w);
}

/* Splits text into words (each with the spaces before it), or into exactly
   want pieces (want > 0), padding the text with words when it has fewer. */
static void split_words(buf *text, cuts *out, size_t want) {
    size_t i = 0, w, k;
    out->n = 0;
    while (i < text->len) {
        while (i < text->len && text->p[i] == ' ') i++;
        while (i < text->len && text->p[i] != ' ') i++;
        cuts_push(out, i);
    }
    if (!want) return;
    while (out->n < want) {
        buf_str(text, " more");
        cuts_push(out, text->len);
    }
    w = out->n;
    for (k = 0; k < want; k++) out->end[k] = out->end[(k + 1) * w / want - 1];
    out->n = want;
}

/* Fragments of at most ARG_FRAGMENT bytes, never inside a UTF-8 sequence. */
static void split_bytes(const buf *b, cuts *out) {
    size_t i = 0;
    out->n = 0;
    while (i < b->len) {
        size_t j = i + ARG_FRAGMENT < b->len ? i + ARG_FRAGMENT : b->len;
        while (j < b->len && ((unsigned char)b->p[j] & 0xC0) == 0x80) j++;
        cuts_push(out, j);
        i = j;
    }
}

static void answer_reset(answer *a) {
    answer keep = *a;
    memset(a, 0, sizeof *a);
    a->model = keep.model;
    a->text = keep.text;
    a->thinking = keep.thinking;
    a->tool_name = keep.tool_name;
    a->tool_args = keep.tool_args;
    a->pieces = keep.pieces;
    a->think_pieces = keep.think_pieces;
    a->frags = keep.frags;
    a->model.len = a->text.len = a->thinking.len = a->tool_name.len = a->tool_args.len = 0;
    a->pieces.n = a->think_pieces.n = a->frags.n = 0;
    a->choices = 1;
    /* never NULL, so that an empty string is still a string */
    buf_reserve(&a->model, 1);
    buf_reserve(&a->text, 1);
    buf_reserve(&a->thinking, 1);
    buf_reserve(&a->tool_name, 1);
    buf_reserve(&a->tool_args, 1);
}

/* The answer is a call of tool `name`, with the arguments of the header
   x-mock-tool-args (a JSON object) or {}; or, on the chat-completions
   endpoint, x-mock-tool-args-text as it is. False after queuing a 400. */
static bool answer_tool(server *s, conn *c, const char *name, size_t n) {
    answer *a = &c->r.a;
    slice h = c->q.h[H_TOOL_ARGS], text = c->q.h[H_TOOL_ARGS_TEXT];
    a->tool = true;
    if (name && n) buf_add(&a->tool_name, name, n);
    else buf_str(&a->tool_name, "tool");
    if (text.set) {
        if (c->r.ep != EP_CHAT) {
            resp_error(s, c, 400, NULL, "x-mock-tool-args-text is for /v1/chat/completions (here inputs are objects)");
            return false;
        }
        buf_add(&a->tool_args, c->in.p + text.off, text.len);
        return true;
    }
    if (!h.set) {
        buf_str(&a->tool_args, "{}");
        return true;
    }
    if (llm_json_parse(&s->doc2, c->in.p + h.off, h.len, NULL) != LLM_OK ||
        !llm_json_is(llm_json_root(&s->doc2), LLM_JSON_OBJECT)) {
        resp_error(s, c, 400, NULL, "x-mock-tool-args is not a JSON object");
        return false;
    }
    buf_add(&a->tool_args, c->in.p + h.off, h.len);
    return true;
}

/* Pieces, the finish, the completion token count. */
static void answer_finish(conn *c, int64_t max_tokens) {
    response *r = &c->r;
    answer *a = &r->a;
    if (a->tool) {
        split_bytes(&a->tool_args, &a->frags);
        a->fin = FIN_TOOL;
        a->completion_tokens = (int64_t)a->frags.n;
    } else {
        split_words(&a->text, &a->pieces, r->want_pieces);
        if (max_tokens > 0 && (size_t)max_tokens < a->pieces.n) {
            a->pieces.n = (size_t)max_tokens;
            a->text.len = a->pieces.end[a->pieces.n - 1];
            a->fin = FIN_LENGTH;
        }
        a->completion_tokens = (int64_t)a->pieces.n;
    }
    if (a->thinking_on) {
        split_words(&a->thinking, &a->think_pieces, 0);
        a->completion_tokens += (int64_t)a->think_pieces.n;
    }
    a->completion_tokens *= a->choices;
}

static void ops_push(response *r, int kind, size_t choice, size_t arg, bool last) {
    op *o;
    if (r->nops == r->cap_ops) {
        r->cap_ops = r->cap_ops ? r->cap_ops * 2 : 64;
        r->ops = (op *)xrealloc(r->ops, r->cap_ops * sizeof *r->ops);
    }
    o = &r->ops[r->nops++];
    o->kind = (uint8_t)kind;
    o->last = last;
    o->choice = (uint16_t)choice;
    o->arg = (uint32_t)arg;
}

/* ------------------------------------------------------------------------ */
/* Stream framing: one HTTP chunk per event                                 */
/* ------------------------------------------------------------------------ */

/* Queues a chunk of up to three parts. */
static void out_chunk(conn *c, const char *a, size_t an, const char *b, size_t bn, const char *z, size_t zn) {
    size_t len = an + bn + zn;
    buf_fmt(&c->out, "%zx\r\n", len);
    buf_add(&c->out, a, an);
    buf_add(&c->out, b, bn);
    buf_add(&c->out, z, zn);
    buf_add(&c->out, "\r\n", 2);
    c->r.body_bytes += (int64_t)len;
}

/* One event: "event: NAME\ndata: DATA\n\n", or an element of Gemini's
   JSON array. */
static void out_event(server *s, conn *c, const char *event, const char *data, size_t n) {
    response *r = &c->r;
    char pre[64];
    int k;
    if (!r->sse) {
        out_chunk(c, r->events ? ",\r\n" : "[", r->events ? 3 : 1, data, n, "", 0);
        return;
    }
    k = event ? snprintf(pre, sizeof pre, "event: %s\ndata: ", event) : snprintf(pre, sizeof pre, "data: ");
    (void)s;
    out_chunk(c, pre, (size_t)k, data, n, "\n\n", 2);
}

/* The writer's object as one event (the first one padded by oversize=). */
static void out_json_event(server *s, conn *c, const char *event) {
    response *r = &c->r;
    if (!jw_take(&s->w, &s->tmp)) buf_str(&s->tmp, "{}");
    if (r->faulted && r->f.oversize && !r->padded) {
        pad_json(&s->tmp, (size_t)r->f.oversize);
        r->padded = true;
    }
    out_event(s, c, event, s->tmp.p, s->tmp.len);
}

/* ------------------------------------------------------------------------ */
/* OpenAI chat completions (and OpenRouter)                                 */
/* ------------------------------------------------------------------------ */

static void oai_open(server *s, response *r, const char *object) {
    llm_json_writer *w = &s->w;
    char id[48];
    snprintf(id, sizeof id, "chatcmpl-mock-%llu", (unsigned long long)r->seq);
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_str(w, "id", id);
    jw_str(w, "object", object);
    jw_int(w, "created", r->a.created);
    jw_strn(w, "model", r->a.model.p, r->a.model.len);
    if (r->api == API_OPENROUTER) jw_str(w, "provider", "Mock");
    else jw_str(w, "system_fingerprint", "fp_mock");
}

static void oai_call_id(char *id, size_t n, const response *r, int choice) {
    if (choice) snprintf(id, n, "call_mock_%llu_%d", (unsigned long long)r->seq, choice);
    else snprintf(id, n, "call_mock_%llu", (unsigned long long)r->seq);
}

/* [{"index":0,"id":..,"type":"function","function":{"name":..,"arguments":..}}];
   id and name only when head, arguments n bytes at args. */
static void oai_tool_calls(llm_json_writer *w, const response *r, int choice, bool head, bool index,
                           const char *args, size_t n) {
    char id[64];
    llm_json_write_key(w, "tool_calls");
    llm_json_write_array_begin(w);
    llm_json_write_object_begin(w);
    if (index) jw_int(w, "index", 0);
    if (head) {
        oai_call_id(id, sizeof id, r, choice);
        jw_str(w, "id", id);
        jw_str(w, "type", "function");
    }
    llm_json_write_key(w, "function");
    llm_json_write_object_begin(w);
    if (head) jw_strn(w, "name", r->a.tool_name.p, r->a.tool_name.len);
    jw_strn(w, "arguments", args, n);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
    llm_json_write_array_end(w);
}

static const char *oai_finish(finish f) { return f == FIN_TOOL ? "tool_calls" : f == FIN_LENGTH ? "length" : "stop"; }

static void oai_usage(llm_json_writer *w, const answer *a) {
    llm_json_write_key(w, "usage");
    llm_json_write_object_begin(w);
    jw_int(w, "prompt_tokens", a->prompt_tokens);
    jw_int(w, "completion_tokens", a->completion_tokens);
    jw_int(w, "total_tokens", a->prompt_tokens + a->completion_tokens);
    llm_json_write_key(w, "completion_tokens_details");
    llm_json_write_object_begin(w);
    jw_int(w, "reasoning_tokens", 0);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

static void oai_body(server *s, response *r) {
    llm_json_writer *w = &s->w;
    const answer *a = &r->a;
    int i;
    oai_open(s, r, "chat.completion");
    llm_json_write_key(w, "choices");
    llm_json_write_array_begin(w);
    for (i = 0; i < a->choices; i++) {
        llm_json_write_object_begin(w);
        jw_int(w, "index", i);
        llm_json_write_key(w, "message");
        llm_json_write_object_begin(w);
        jw_str(w, "role", "assistant");
        if (a->tool) jw_null(w, "content");
        else jw_strn(w, "content", a->text.p, a->text.len);
        if (a->tool) oai_tool_calls(w, r, i, true, false, a->tool_args.p, a->tool_args.len);
        jw_null(w, "refusal");
        llm_json_write_object_end(w);
        jw_null(w, "logprobs");
        jw_str(w, "finish_reason", oai_finish(a->fin));
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    oai_usage(w, a);
    llm_json_write_object_end(w);
    jw_take(w, &r->body);
}

/* Role chunks, then the text (or the tool call) piece by piece across the
   choices, finish chunks, the usage chunk, [DONE]. */
static void oai_ops(response *r) {
    const answer *a = &r->a;
    size_t i, ch, n = (size_t)a->choices;
    if (r->api == API_OPENROUTER) ops_push(r, OP_COMMENT, 0, 0, false);
    for (ch = 0; ch < n; ch++) ops_push(r, OP_OAI_ROLE, ch, 0, false);
    if (a->tool) {
        for (ch = 0; ch < n; ch++) ops_push(r, OP_OAI_TOOL, ch, 0, false);
        for (i = 0; i < a->frags.n; i++)
            for (ch = 0; ch < n; ch++) ops_push(r, OP_OAI_ARGS, ch, i, false);
    } else {
        for (i = 0; i < a->pieces.n; i++)
            for (ch = 0; ch < n; ch++) ops_push(r, OP_OAI_TEXT, ch, i, false);
    }
    for (ch = 0; ch < n; ch++) ops_push(r, OP_OAI_FINISH, ch, 0, false);
    if (a->include_usage) ops_push(r, OP_OAI_USAGE, 0, 0, false);
    ops_push(r, OP_OAI_DONE, 0, 0, true);
}

static void oai_delta(llm_json_writer *w, const response *r, const op *o) {
    const answer *a = &r->a;
    size_t from;
    switch (o->kind) {
    case OP_OAI_ROLE:
        jw_str(w, "role", "assistant");
        if (a->tool) jw_null(w, "content");
        else jw_str(w, "content", "");
        jw_null(w, "refusal");
        break;
    case OP_OAI_TEXT:
        from = cut_start(&a->pieces, o->arg);
        jw_strn(w, "content", a->text.p + from, a->pieces.end[o->arg] - from);
        break;
    case OP_OAI_TOOL:
        oai_tool_calls(w, r, o->choice, true, true, "", 0);
        break;
    case OP_OAI_ARGS:
        from = cut_start(&a->frags, o->arg);
        oai_tool_calls(w, r, o->choice, false, true, a->tool_args.p + from, a->frags.end[o->arg] - from);
        break;
    default:
        break;
    }
}

static void oai_emit(server *s, conn *c, const op *o) {
    response *r = &c->r;
    llm_json_writer *w = &s->w;
    if (o->kind == OP_OAI_DONE) {
        out_event(s, c, NULL, "[DONE]", 6);
        return;
    }
    oai_open(s, r, "chat.completion.chunk");
    llm_json_write_key(w, "choices");
    llm_json_write_array_begin(w);
    if (o->kind != OP_OAI_USAGE) {
        llm_json_write_object_begin(w);
        jw_int(w, "index", o->choice);
        llm_json_write_key(w, "delta");
        llm_json_write_object_begin(w);
        oai_delta(w, r, o);
        llm_json_write_object_end(w);
        jw_null(w, "logprobs");
        if (o->kind == OP_OAI_FINISH) jw_str(w, "finish_reason", oai_finish(r->a.fin));
        else jw_null(w, "finish_reason");
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    if (o->kind == OP_OAI_USAGE) oai_usage(w, &r->a);
    llm_json_write_object_end(w);
    out_json_event(s, c, NULL);
}

/* ------------------------------------------------------------------------ */
/* OpenAI Responses API                                                     */
/* ------------------------------------------------------------------------ */

/* The output item: the message, or the function call. */
static void rsp_item(llm_json_writer *w, const response *r, bool whole) {
    const answer *a = &r->a;
    char id[48];
    llm_json_write_object_begin(w);
    if (a->tool) {
        snprintf(id, sizeof id, "fc_mock_%llu", (unsigned long long)r->seq);
        jw_str(w, "type", "function_call");
        jw_str(w, "id", id);
        oai_call_id(id, sizeof id, r, 0);
        jw_str(w, "call_id", id);
        jw_strn(w, "name", a->tool_name.p, a->tool_name.len);
        jw_strn(w, "arguments", a->tool_args.p, whole ? a->tool_args.len : 0);
    } else {
        snprintf(id, sizeof id, "msg_mock_%llu", (unsigned long long)r->seq);
        jw_str(w, "type", "message");
        jw_str(w, "id", id);
        jw_str(w, "role", "assistant");
        llm_json_write_key(w, "content");
        llm_json_write_array_begin(w);
        if (whole) {
            llm_json_write_object_begin(w);
            jw_str(w, "type", "output_text");
            jw_strn(w, "text", a->text.p, a->text.len);
            llm_json_write_key(w, "annotations");
            llm_json_write_array_begin(w);
            llm_json_write_array_end(w);
            llm_json_write_object_end(w);
        }
        llm_json_write_array_end(w);
    }
    jw_str(w, "status", whole ? (a->fin == FIN_LENGTH ? "incomplete" : "completed") : "in_progress");
    llm_json_write_object_end(w);
}

/* The Response object: in progress (no output, no usage) or whole. */
static void rsp_response(llm_json_writer *w, const response *r, bool whole) {
    const answer *a = &r->a;
    char id[48];
    snprintf(id, sizeof id, "resp_mock_%llu", (unsigned long long)r->seq);
    llm_json_write_object_begin(w);
    jw_str(w, "id", id);
    jw_str(w, "object", "response");
    jw_int(w, "created_at", a->created);
    jw_str(w, "status", !whole ? "in_progress" : a->fin == FIN_LENGTH ? "incomplete" : "completed");
    jw_null(w, "error");
    llm_json_write_key(w, "incomplete_details");
    if (whole && a->fin == FIN_LENGTH) {
        llm_json_write_object_begin(w);
        jw_str(w, "reason", "max_output_tokens");
        llm_json_write_object_end(w);
    } else {
        llm_json_write_null(w);
    }
    jw_strn(w, "model", a->model.p, a->model.len);
    llm_json_write_key(w, "output");
    llm_json_write_array_begin(w);
    if (whole) rsp_item(w, r, true);
    llm_json_write_array_end(w);
    llm_json_write_key(w, "store");
    llm_json_write_bool(w, false);
    llm_json_write_key(w, "usage");
    if (!whole) {
        llm_json_write_null(w);
    } else {
        llm_json_write_object_begin(w);
        jw_int(w, "input_tokens", a->prompt_tokens);
        llm_json_write_key(w, "input_tokens_details");
        llm_json_write_object_begin(w);
        jw_int(w, "cached_tokens", 0);
        llm_json_write_object_end(w);
        jw_int(w, "output_tokens", a->completion_tokens);
        llm_json_write_key(w, "output_tokens_details");
        llm_json_write_object_begin(w);
        jw_int(w, "reasoning_tokens", 0);
        llm_json_write_object_end(w);
        jw_int(w, "total_tokens", a->prompt_tokens + a->completion_tokens);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
}

/* created, the item added, its text or arguments piece by piece, the item
   done, completed (or incomplete at max_output_tokens). */
static void rsp_ops(response *r) {
    const answer *a = &r->a;
    size_t i, n = a->tool ? a->frags.n : a->pieces.n;
    ops_push(r, OP_RSP_CREATED, 0, 0, false);
    ops_push(r, OP_RSP_ADDED, 0, 0, false);
    for (i = 0; i < n; i++) ops_push(r, a->tool ? OP_RSP_ARGS : OP_RSP_TEXT, 0, i, false);
    ops_push(r, OP_RSP_DONE, 0, 0, false);
    ops_push(r, OP_RSP_END, 0, 0, true);
}

static void rsp_emit(server *s, conn *c, const op *o) {
    static const char *const types[] = {"response.created", "response.output_item.added",
                                        "response.output_text.delta", "response.function_call_arguments.delta",
                                        "response.output_item.done", "response.completed"};
    response *r = &c->r;
    const answer *a = &r->a;
    llm_json_writer *w = &s->w;
    const char *type = types[o->kind - OP_RSP_CREATED];
    char id[48];
    size_t from;
    if (o->kind == OP_RSP_END && a->fin == FIN_LENGTH) type = "response.incomplete";
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_str(w, "type", type);
    jw_int(w, "sequence_number", (int64_t)(r->next_op - 1));
    if (o->kind == OP_RSP_CREATED || o->kind == OP_RSP_END) {
        llm_json_write_key(w, "response");
        rsp_response(w, r, o->kind == OP_RSP_END);
    } else if (o->kind == OP_RSP_ADDED || o->kind == OP_RSP_DONE) {
        jw_int(w, "output_index", 0);
        llm_json_write_key(w, "item");
        rsp_item(w, r, o->kind == OP_RSP_DONE);
    } else {
        snprintf(id, sizeof id, o->kind == OP_RSP_TEXT ? "msg_mock_%llu" : "fc_mock_%llu", (unsigned long long)r->seq);
        jw_str(w, "item_id", id);
        jw_int(w, "output_index", 0);
        if (o->kind == OP_RSP_TEXT) {
            jw_int(w, "content_index", 0);
            from = cut_start(&a->pieces, o->arg);
            jw_strn(w, "delta", a->text.p + from, a->pieces.end[o->arg] - from);
        } else {
            from = cut_start(&a->frags, o->arg);
            jw_strn(w, "delta", a->tool_args.p + from, a->frags.end[o->arg] - from);
        }
    }
    llm_json_write_object_end(w);
    out_json_event(s, c, type);
}

/* ------------------------------------------------------------------------ */
/* Anthropic Messages                                                       */
/* ------------------------------------------------------------------------ */

enum { BLOCK_THINKING, BLOCK_TEXT, BLOCK_TOOL };
#define NO_FRAGMENT 0xFFFFFFFFu

static void ant_ids(const response *r, char *msg, char *tool, char *sig, size_t n) {
    snprintf(msg, n, "msg_mock_%llu", (unsigned long long)r->seq);
    snprintf(tool, n, "toolu_mock_%llu", (unsigned long long)r->seq);
    snprintf(sig, n, "bW9jay1zaWduYXR1cmU%llu", (unsigned long long)r->seq);
}

static const char *ant_stop(finish f) { return f == FIN_TOOL ? "tool_use" : f == FIN_LENGTH ? "max_tokens" : "end_turn"; }

static void ant_usage(llm_json_writer *w, const answer *a, int64_t output) {
    llm_json_write_key(w, "usage");
    llm_json_write_object_begin(w);
    jw_int(w, "input_tokens", a->prompt_tokens);
    jw_int(w, "cache_creation_input_tokens", 0);
    jw_int(w, "cache_read_input_tokens", 0);
    llm_json_write_key(w, "cache_creation");
    llm_json_write_object_begin(w);
    jw_int(w, "ephemeral_5m_input_tokens", 0);
    jw_int(w, "ephemeral_1h_input_tokens", 0);
    llm_json_write_object_end(w);
    jw_int(w, "output_tokens", output);
    jw_str(w, "service_tier", "standard");
    llm_json_write_object_end(w);
}

static void ant_body(server *s, response *r) {
    llm_json_writer *w = &s->w;
    const answer *a = &r->a;
    char msg[64], tool[64], sig[64];
    ant_ids(r, msg, tool, sig, sizeof msg);
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_strn(w, "model", a->model.p, a->model.len);
    jw_str(w, "id", msg);
    jw_str(w, "type", "message");
    jw_str(w, "role", "assistant");
    llm_json_write_key(w, "content");
    llm_json_write_array_begin(w);
    if (a->thinking_on) {
        llm_json_write_object_begin(w);
        jw_str(w, "type", "thinking");
        jw_strn(w, "thinking", a->thinking.p, a->thinking.len);
        jw_str(w, "signature", sig);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_begin(w);
    if (a->tool) {
        jw_str(w, "type", "tool_use");
        jw_str(w, "id", tool);
        jw_strn(w, "name", a->tool_name.p, a->tool_name.len);
        llm_json_write_key(w, "input");
        llm_json_write_raw(w, a->tool_args.p, a->tool_args.len);
    } else {
        jw_str(w, "type", "text");
        jw_strn(w, "text", a->text.p, a->text.len);
    }
    llm_json_write_object_end(w);
    llm_json_write_array_end(w);
    jw_str(w, "stop_reason", ant_stop(a->fin));
    jw_null(w, "stop_sequence");
    ant_usage(w, a, a->completion_tokens);
    llm_json_write_object_end(w);
    jw_take(w, &r->body);
}

/* message_start, then per block content_block_start / deltas /
   content_block_stop (a ping after the first start, and every 64 text
   deltas), message_delta, message_stop. */
static void ant_ops(response *r) {
    const answer *a = &r->a;
    size_t i, block = 0;
    ops_push(r, OP_ANT_START, 0, 0, false);
    if (a->thinking_on) {
        ops_push(r, OP_ANT_BLOCK, block, BLOCK_THINKING, false);
        ops_push(r, OP_ANT_PING, 0, 0, false);
        for (i = 0; i < a->think_pieces.n; i++) ops_push(r, OP_ANT_THINK, block, i, false);
        ops_push(r, OP_ANT_SIG, block, 0, false);
        ops_push(r, OP_ANT_STOP, block, 0, false);
        block++;
    }
    ops_push(r, OP_ANT_BLOCK, block, a->tool ? BLOCK_TOOL : BLOCK_TEXT, false);
    if (!a->thinking_on) ops_push(r, OP_ANT_PING, 0, 0, false);
    if (a->tool) {
        ops_push(r, OP_ANT_JSON, block, NO_FRAGMENT, false);
        for (i = 0; i < a->frags.n; i++) ops_push(r, OP_ANT_JSON, block, i, false);
    } else {
        for (i = 0; i < a->pieces.n; i++) {
            ops_push(r, OP_ANT_TEXT, block, i, false);
            if (i % 64 == 63 && i + 1 < a->pieces.n) ops_push(r, OP_ANT_PING, 0, 0, false);
        }
    }
    ops_push(r, OP_ANT_STOP, block, 0, false);
    ops_push(r, OP_ANT_DELTA, 0, 0, false);
    ops_push(r, OP_ANT_END, 0, 0, true);
}

static void ant_block_start(llm_json_writer *w, const response *r, const op *o) {
    char msg[64], tool[64], sig[64];
    jw_int(w, "index", o->choice);
    llm_json_write_key(w, "content_block");
    llm_json_write_object_begin(w);
    if (o->arg == BLOCK_THINKING) {
        jw_str(w, "type", "thinking");
        jw_str(w, "thinking", "");
    } else if (o->arg == BLOCK_TEXT) {
        jw_str(w, "type", "text");
        jw_str(w, "text", "");
    } else {
        ant_ids(r, msg, tool, sig, sizeof msg);
        jw_str(w, "type", "tool_use");
        jw_str(w, "id", tool);
        jw_strn(w, "name", r->a.tool_name.p, r->a.tool_name.len);
        llm_json_write_key(w, "input");
        llm_json_write_object_begin(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
}

static void ant_message_start(llm_json_writer *w, const response *r) {
    const answer *a = &r->a;
    char msg[64], tool[64], sig[64];
    ant_ids(r, msg, tool, sig, sizeof msg);
    llm_json_write_key(w, "message");
    llm_json_write_object_begin(w);
    jw_str(w, "id", msg);
    jw_str(w, "type", "message");
    jw_str(w, "role", "assistant");
    jw_strn(w, "model", a->model.p, a->model.len);
    llm_json_write_key(w, "content");
    llm_json_write_array_begin(w);
    llm_json_write_array_end(w);
    jw_null(w, "stop_reason");
    jw_null(w, "stop_sequence");
    ant_usage(w, a, 1);
    llm_json_write_object_end(w);
}

/* content_block_delta of one piece: delta type, its field, the text. */
static void ant_delta(llm_json_writer *w, const op *o, const char *type, const char *field, const char *p, size_t n) {
    jw_int(w, "index", o->choice);
    llm_json_write_key(w, "delta");
    llm_json_write_object_begin(w);
    jw_str(w, "type", type);
    jw_strn(w, field, p, n);
    llm_json_write_object_end(w);
}

static void ant_emit(server *s, conn *c, const op *o) {
    response *r = &c->r;
    const answer *a = &r->a;
    llm_json_writer *w = &s->w;
    static const char *const types[] = {"message_start", "content_block_start", "ping", "content_block_delta",
                                        "content_block_delta", "content_block_delta", "content_block_delta",
                                        "content_block_stop", "message_delta", "message_stop"};
    const char *type = types[o->kind - OP_ANT_START];
    char msg[64], tool[64], sig[64];
    size_t from;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_str(w, "type", type);
    switch (o->kind) {
    case OP_ANT_START: ant_message_start(w, r); break;
    case OP_ANT_BLOCK: ant_block_start(w, r, o); break;
    case OP_ANT_THINK:
        from = cut_start(&a->think_pieces, o->arg);
        ant_delta(w, o, "thinking_delta", "thinking", a->thinking.p + from, a->think_pieces.end[o->arg] - from);
        break;
    case OP_ANT_SIG:
        ant_ids(r, msg, tool, sig, sizeof msg);
        ant_delta(w, o, "signature_delta", "signature", sig, strlen(sig));
        break;
    case OP_ANT_TEXT:
        from = cut_start(&a->pieces, o->arg);
        ant_delta(w, o, "text_delta", "text", a->text.p + from, a->pieces.end[o->arg] - from);
        break;
    case OP_ANT_JSON:
        from = o->arg == NO_FRAGMENT ? 0 : cut_start(&a->frags, o->arg);
        ant_delta(w, o, "input_json_delta", "partial_json", a->tool_args.p + from,
                  o->arg == NO_FRAGMENT ? 0 : a->frags.end[o->arg] - from);
        break;
    case OP_ANT_STOP: jw_int(w, "index", o->choice); break;
    case OP_ANT_DELTA:
        llm_json_write_key(w, "delta");
        llm_json_write_object_begin(w);
        jw_str(w, "stop_reason", ant_stop(a->fin));
        jw_null(w, "stop_sequence");
        llm_json_write_object_end(w);
        llm_json_write_key(w, "usage");
        llm_json_write_object_begin(w);
        jw_int(w, "output_tokens", a->completion_tokens);
        llm_json_write_object_end(w);
        break;
    default: break;
    }
    llm_json_write_object_end(w);
    out_json_event(s, c, type);
}

/* ------------------------------------------------------------------------ */
/* Gemini generateContent                                                   */
/* ------------------------------------------------------------------------ */

/* "candidates":[...] holding text (or the call) and, when last, the finish. */
static void gem_candidates(llm_json_writer *w, const response *r, const char *text, size_t n, bool last) {
    const answer *a = &r->a;
    llm_json_write_key(w, "candidates");
    llm_json_write_array_begin(w);
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "content");
    llm_json_write_object_begin(w);
    jw_str(w, "role", "model");
    llm_json_write_key(w, "parts");
    llm_json_write_array_begin(w);
    llm_json_write_object_begin(w);
    if (a->tool) {
        llm_json_write_key(w, "functionCall");
        llm_json_write_object_begin(w);
        jw_strn(w, "name", a->tool_name.p, a->tool_name.len);
        llm_json_write_key(w, "args");
        llm_json_write_raw(w, a->tool_args.p, a->tool_args.len);
        llm_json_write_object_end(w);
    } else {
        jw_strn(w, "text", text, n);
    }
    llm_json_write_object_end(w);
    llm_json_write_array_end(w);
    llm_json_write_object_end(w);
    if (last) jw_str(w, "finishReason", a->fin == FIN_LENGTH ? "MAX_TOKENS" : "STOP");
    jw_int(w, "index", 0);
    llm_json_write_object_end(w);
    llm_json_write_array_end(w);
}

static void gem_tail(llm_json_writer *w, const response *r, bool last) {
    const answer *a = &r->a;
    char id[48];
    llm_json_write_key(w, "usageMetadata");
    llm_json_write_object_begin(w);
    jw_int(w, "promptTokenCount", a->prompt_tokens);
    if (last) jw_int(w, "candidatesTokenCount", a->completion_tokens);
    jw_int(w, "totalTokenCount", a->prompt_tokens + (last ? a->completion_tokens : 0));
    llm_json_write_object_end(w);
    jw_strn(w, "modelVersion", a->model.p, a->model.len);
    snprintf(id, sizeof id, "mock-%llu", (unsigned long long)r->seq);
    jw_str(w, "responseId", id);
}

static void gem_body(server *s, response *r) {
    llm_json_writer *w = &s->w;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    gem_candidates(w, r, r->a.text.p, r->a.text.len, true);
    gem_tail(w, r, true);
    llm_json_write_object_end(w);
    jw_take(w, &r->body);
}

/* One event per piece (or one for the call), the last with the finish and
   the full usage; the closing bracket without alt=sse. */
static void gem_ops(response *r) {
    size_t i, n = r->a.pieces.n;
    if (r->a.tool || !n) ops_push(r, OP_GEM_CALL, 0, 0, true);
    else for (i = 0; i < n; i++) ops_push(r, OP_GEM_TEXT, 0, i, i + 1 == n);
    if (!r->sse) ops_push(r, OP_GEM_CLOSE, 0, 0, true);
}

static void gem_emit(server *s, conn *c, const op *o) {
    response *r = &c->r;
    const answer *a = &r->a;
    llm_json_writer *w = &s->w;
    size_t from = o->kind == OP_GEM_TEXT ? cut_start(&a->pieces, o->arg) : 0;
    if (o->kind == OP_GEM_CLOSE) {
        out_chunk(c, r->events ? "]" : "[]", r->events ? 1 : 2, "", 0, "", 0);
        return;
    }
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    gem_candidates(w, r, a->text.p + from, o->kind == OP_GEM_TEXT ? a->pieces.end[o->arg] - from : 0, o->last);
    gem_tail(w, r, o->last);
    llm_json_write_object_end(w);
    out_json_event(s, c, NULL);
}

/* ------------------------------------------------------------------------ */
/* Sending a response: delay, head, body or events, faults, the end         */
/* ------------------------------------------------------------------------ */

static void emit_op(server *s, conn *c, const op *o) {
    response *r = &c->r;
    if (o->kind == OP_COMMENT) {
        out_chunk(c, ": OPENROUTER PROCESSING\n\n", 25, "", 0, "", 0);
    } else if (o->kind == OP_MALFORMED) {
        static const char bad[] = "{\"mock\": this event is not JSON";
        out_event(s, c, r->api == API_ANTHROPIC ? "content_block_delta" : NULL, bad, sizeof bad - 1);
    } else if (o->kind >= OP_RSP_CREATED && o->kind <= OP_RSP_END) {
        rsp_emit(s, c, o);
    } else if (o->kind >= OP_ANT_START && o->kind <= OP_ANT_END) {
        ant_emit(s, c, o);
    } else if (o->kind >= OP_GEM_TEXT) {
        gem_emit(s, c, o);
    } else {
        oai_emit(s, c, o);
    }
    if (o->kind != OP_COMMENT && o->kind != OP_GEM_CLOSE) r->events++;
}

/* The body bytes [body_off, upto), in chunks when the body is chunked. */
static void body_queue(conn *c, size_t upto) {
    response *r = &c->r;
    size_t size = r->chunk_size, len = r->body.len;
    while (r->body_off < upto) {
        size_t start, stop, n;
        if (!size) {
            n = upto - r->body_off;
            buf_add(&c->out, r->body.p + r->body_off, n);
        } else {
            start = r->body_off - r->body_off % size;
            stop = start + size < len ? start + size : len;
            if (r->body_off == start) buf_fmt(&c->out, "%zx\r\n", stop - start);
            n = (stop < upto ? stop : upto) - r->body_off;
            buf_add(&c->out, r->body.p + r->body_off, n);
            if (r->body_off + n == stop) buf_add(&c->out, "\r\n", 2);
        }
        r->body_off += n;
        r->body_bytes += (int64_t)n;
    }
    if (size && r->body_off == len) buf_add(&c->out, "0\r\n\r\n", 5);
}

/* trailers=MS@K: after the last chunk, 1 KB trailer lines for MS ms, one
   every K ms (0: as fast as the client reads), then the end of the body. */
static void stream_trailers(server *s, conn *c) {
    response *r = &c->r;
    char pad[1000];
    if (!r->trailers_until) {
        buf_add(&c->out, "0\r\n", 3);
        r->trailers_until = s->now + r->f.trailers_ms;
    }
    memset(pad, 'x', sizeof pad);
    while (c->out.len - c->out_off < HIGH_WATER) {
        if (s->now >= r->trailers_until) {
            buf_add(&c->out, "\r\n", 2);
            r->end = END_COMPLETE;
            r->state = RS_END;
            return;
        }
        buf_fmt(&c->out, "x-mock-trailer-%lld: ", (long long)r->trailer_lines++);
        buf_add(&c->out, pad, sizeof pad);
        buf_add(&c->out, "\r\n", 2);
        if (r->f.trailers_every > 0) {
            r->wait_until = s->now + r->f.trailers_every;
            return;
        }
    }
}

/* Queues events until the socket has enough, a wait is due, or the end. */
static void stream_produce(server *s, conn *c) {
    response *r = &c->r;
    const fault *f = &r->f;
    bool fa = r->faulted;
    while (c->out.len - c->out_off < HIGH_WATER) {
        if (fa && f->stall_at == r->events && !r->stalled) {
            r->stalled = r->in_stall = true;
            r->wait_until = s->now + f->stall_ms;
            return;
        }
        if (fa && f->reset_at == r->events) {
            r->end = END_RESET;
            r->state = RS_END;
            return;
        }
        if (fa && f->trailers_ms > 0 && r->next_op == r->nops) {
            stream_trailers(s, c);
            return;
        }
        if ((fa && f->truncate_at == r->events) || r->next_op == r->nops) {
            buf_add(&c->out, "0\r\n\r\n", 5);
            r->end = r->next_op == r->nops ? END_COMPLETE : END_TRUNCATED;
            r->state = RS_END;
            return;
        }
        emit_op(s, c, &r->ops[r->next_op++]);
        if (r->interval_ms > 0 && r->next_op < r->nops) {
            r->wait_until = s->now + r->interval_ms;
            return;
        }
    }
}

static void resp_produce(server *s, conn *c) {
    response *r = &c->r;
    if (r->state == RS_DELAY) {
        int64_t t = r->begun + (r->faulted ? r->f.delay_ms : 0);
        if (s->now < t) {
            r->wait_until = t;
            return;
        }
        r->state = RS_HEAD;
    }
    if (r->state == RS_HEAD) {
        buf_add(&c->out, r->head.p, r->head.len);
        r->head_sent = true;
        if (r->faulted && r->f.bytewise) r->bytewise_left = BYTEWISE_MAX;
        r->state = r->stream ? RS_EVENTS : RS_END;
        if (!r->stream) body_queue(c, r->cut);
    }
    if (r->state == RS_EVENTS) stream_produce(s, c);
}

static void req_reset(request *q) {
    buf why = q->why;
    memset(q, 0, sizeof *q);
    q->why = why;
    q->why.len = 0;
}

/* The response is over and written: logged, then the connection closes or
   takes the next request. */
static void resp_finish(server *s, conn *c, outcome o, bool close_now) {
    resp_account(s, c, o);
    if (close_now || c->r.close_after || s->draining) {
        conn_linger(s, c);
        return;
    }
    buf_consume(&c->in, c->q.end);
    req_reset(&c->q);
    c->state = CS_READ;
}

/* Output drained: the end the response was built for. */
static void resp_end(server *s, conn *c) {
    response *r = &c->r;
    struct linger lg;
    if (r->end == END_COMPLETE) {
        resp_finish(s, c, OUT_COMPLETE, false);
    } else if (r->end == END_TRUNCATED) {
        resp_finish(s, c, OUT_TRUNCATED, false);
    } else if (r->end == END_CUT) {
        resp_finish(s, c, r->cut < r->body.len ? OUT_TRUNCATED : OUT_COMPLETE, true);
    } else {
        /* wait until the peer has acknowledged what was sent, so that the
           reset destroys nothing the client should have seen */
        int pending = 0;
        if (!r->reset_since) r->reset_since = s->now;
#ifdef SIOCOUTQ
        if (ioctl(c->h.fd, SIOCOUTQ, &pending) != 0) pending = 0;
#else
        pending = s->now - r->reset_since < 20;
#endif
        if (pending > 0 && s->now - r->reset_since < RESET_DRAIN_MS) {
            r->wait_until = s->now + 1;
            return;
        }
        lg.l_onoff = 1;
        lg.l_linger = 0;
        setsockopt(c->h.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        conn_abort(s, c, OUT_RESET);
    }
}

static void resp_drive(server *s, conn *c) {
    response *r = &c->r;
    int turn;
    for (turn = 0; turn < 4096 && c->state == CS_RESP && !c->closed; turn++) {
        if (may_flush(s, c)) {
            if (conn_flush(s, c) != 1) return;
            continue;
        }
        if (r->wait_until > s->now) return;
        r->wait_until = 0;
        r->in_stall = false;
        if (r->state == RS_END) resp_end(s, c);
        else resp_produce(s, c);
    }
    if (turn == 4096) c->kick = true;
}

/* ------------------------------------------------------------------------ */
/* Endpoints                                                                */
/* ------------------------------------------------------------------------ */

/* An answer quoting tool results: "The tool said: A; B". */
static void quote_tool(answer *a) { buf_str(&a->text, "The tool said: "); }

/* The separator before each result but the first. */
static void quote_sep(answer *a, bool *first) {
    if (!*first) buf_str(&a->text, "; ");
    *first = false;
}

static void handle_chat(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    answer *a = &r->a;
    const llm_json *msgs = llm_json_get(root, "messages"), *tools = llm_json_get(root, "tools");
    const llm_json *choice = llm_json_get(root, "tool_choice"), *last, *m;
    size_t n = llm_json_count(msgs), i, len;
    int64_t choices = llm_json_int(llm_json_get(root, "n"), 1);
    const char *name;
    bool first = true;
    if (!llm_json_is(llm_json_get(root, "model"), LLM_JSON_STRING)) {
        resp_error(s, c, 400, NULL, "you must provide a model parameter");
        return;
    }
    if (!llm_json_is(msgs, LLM_JSON_ARRAY) || !n) {
        resp_error(s, c, 400, NULL, "Missing required parameter: 'messages'.");
        return;
    }
    if (choices < 1 || choices > MAX_CHOICES) {
        resp_error(s, c, 400, NULL, "n must be between 1 and 16 (the mock server's limit)");
        return;
    }
    a->choices = (int)choices;
    r->stream = llm_json_bool(llm_json_get(root, "stream"), false);
    a->include_usage = r->api == API_OPENROUTER ||
                       llm_json_bool(llm_json_get(llm_json_get(root, "stream_options"), "include_usage"), false);
    last = llm_json_at(msgs, n - 1);
    if (json_str_is(llm_json_get(last, "role"), "tool")) {
        for (i = n; i > 0 && json_str_is(llm_json_get(llm_json_at(msgs, i - 1), "role"), "tool"); i--) continue;
        quote_tool(a);
        for (; i < n; i++) {
            quote_sep(a, &first);
            content_text(&a->text, llm_json_get(llm_json_at(msgs, i), "content"));
        }
    } else if (llm_json_count(tools) && !json_str_is(choice, "none") && json_str_is(llm_json_get(last, "role"), "user")) {
        name = llm_json_string(llm_json_get(llm_json_get(choice, "function"), "name"), &len);
        if (!name) name = llm_json_string(llm_json_get(llm_json_get(llm_json_at(tools, 0), "function"), "name"), &len);
        if (!answer_tool(s, c, name, name ? len : 0)) return;
    } else {
        for (i = n, m = NULL; i > 0 && !m; i--)
            if (json_str_is(llm_json_get(llm_json_at(msgs, i - 1), "role"), "user")) m = llm_json_at(msgs, i - 1);
        say_hello(a, llm_json_get(m, "content"));
        if (json_str_is(llm_json_get(llm_json_get(root, "response_format"), "type"), "json_schema") ||
            json_str_is(llm_json_get(llm_json_get(root, "response_format"), "type"), "json_object"))
            answer_as_json(a, llm_json_get(root, "response_format"));
    }
    a->prompt_tokens = tokens_of(content_bytes(msgs, "content"));
    answer_finish(c, llm_json_int(llm_json_get(root, "max_completion_tokens"),
                                  llm_json_int(llm_json_get(root, "max_tokens"), 0)));
    if (r->stream) oai_ops(r);
    else oai_body(s, r);
}

/* The Responses API: the input is a string or items; trailing
   function_call_output items are quoted, a last user message with tools
   gets a call of the named (or first) tool, else the hello. */
static void handle_responses(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    answer *a = &r->a;
    const llm_json *input = llm_json_get(root, "input"), *tools = llm_json_get(root, "tools");
    const llm_json *choice = llm_json_get(root, "tool_choice"), *last, *m = NULL;
    size_t n = llm_json_count(input), i, len;
    const char *name;
    bool first = true;
    if (!llm_json_is(llm_json_get(root, "model"), LLM_JSON_STRING)) {
        resp_error(s, c, 400, NULL, "Missing required parameter: 'model'.");
        return;
    }
    if (!llm_json_is(input, LLM_JSON_STRING) && (!llm_json_is(input, LLM_JSON_ARRAY) || !n)) {
        resp_error(s, c, 400, NULL, "Missing required parameter: 'input'.");
        return;
    }
    r->stream = llm_json_bool(llm_json_get(root, "stream"), false);
    last = n ? llm_json_at(input, n - 1) : NULL;
    if (json_str_is(llm_json_get(last, "type"), "function_call_output")) {
        for (i = n; i > 0 && json_str_is(llm_json_get(llm_json_at(input, i - 1), "type"), "function_call_output"); i--)
            continue;
        quote_tool(a);
        for (; i < n; i++) {
            quote_sep(a, &first);
            content_text(&a->text, llm_json_get(llm_json_at(input, i), "output"));
        }
    } else if (llm_json_count(tools) && !json_str_is(choice, "none") &&
               (!last || json_str_is(llm_json_get(last, "role"), "user"))) {
        name = llm_json_string(llm_json_get(choice, "name"), &len);
        if (!name) name = llm_json_string(llm_json_get(llm_json_at(tools, 0), "name"), &len);
        if (!answer_tool(s, c, name, name ? len : 0)) return;
    } else {
        for (i = n; i > 0 && !m; i--)
            if (json_str_is(llm_json_get(llm_json_at(input, i - 1), "role"), "user")) m = llm_json_at(input, i - 1);
        say_hello(a, m ? llm_json_get(m, "content") : input);
    }
    a->prompt_tokens = tokens_of(string_bytes(input));
    answer_finish(c, llm_json_int(llm_json_get(root, "max_output_tokens"), 0));
    if (r->stream) {
        rsp_ops(r);
    } else {
        llm_json_writer_reset(&s->w);
        rsp_response(&s->w, r, true);
        jw_take(&s->w, &r->body);
    }
}

/* The last user turn's tool_result blocks quoted, if it has any. */
static bool ant_tool_results(answer *a, const llm_json *content) {
    const llm_json *b;
    bool first = true;
    for (b = llm_json_first(content); b && llm_json_is(content, LLM_JSON_ARRAY); b = llm_json_next(content, b)) {
        if (!json_str_is(llm_json_get(b, "type"), "tool_result")) continue;
        if (first) quote_tool(a);
        quote_sep(a, &first);
        content_text(&a->text, llm_json_get(b, "content"));
    }
    return !first;
}

static void handle_messages(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    answer *a = &r->a;
    const llm_json *msgs = llm_json_get(root, "messages"), *tools = llm_json_get(root, "tools");
    const llm_json *choice = llm_json_get(root, "tool_choice"), *last, *th = llm_json_get(root, "thinking");
    size_t n = llm_json_count(msgs), len;
    int64_t max_tokens = llm_json_int(llm_json_get(root, "max_tokens"), 0);
    const char *name;
    bool user;
    if (!llm_json_is(llm_json_get(root, "model"), LLM_JSON_STRING) || !llm_json_is(msgs, LLM_JSON_ARRAY) || !n ||
        max_tokens < 1) {
        resp_error(s, c, 400, NULL, !n ? "messages: Field required" : max_tokens < 1 ? "max_tokens: Field required"
                                                                                    : "model: Field required");
        return;
    }
    r->stream = llm_json_bool(llm_json_get(root, "stream"), false);
    a->thinking_on = json_str_is(llm_json_get(th, "type"), "enabled") || json_str_is(llm_json_get(th, "type"), "adaptive");
    last = llm_json_at(msgs, n - 1);
    user = json_str_is(llm_json_get(last, "role"), "user");
    if (user && ant_tool_results(a, llm_json_get(last, "content"))) {
        /* quoted */
    } else if (llm_json_count(tools) && !json_str_is(llm_json_get(choice, "type"), "none") && user) {
        name = json_str_is(llm_json_get(choice, "type"), "tool") ? llm_json_string(llm_json_get(choice, "name"), &len) : NULL;
        if (!name) name = llm_json_string(llm_json_get(llm_json_at(tools, 0), "name"), &len);
        if (!answer_tool(s, c, name, name ? len : 0)) return;
    } else {
        say_hello(a, user ? llm_json_get(last, "content") : NULL);
    }
    if (a->thinking_on) {
        buf_str(&a->thinking, "The user wrote: ");
        content_text(&a->thinking, user ? llm_json_get(last, "content") : NULL);
        buf_str(&a->thinking, " I will answer them.");
    }
    a->prompt_tokens = tokens_of(content_bytes(msgs, "content") + string_bytes(llm_json_get(root, "system")));
    answer_finish(c, max_tokens);
    if (r->stream) ant_ops(r);
    else ant_body(s, r);
}

static void handle_count_tokens(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    llm_json_writer *w = &s->w;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    if (r->api == API_GEMINI) {
        const llm_json *g = llm_json_get(root, "generateContentRequest");
        if (g) root = g;
        jw_int(w, "totalTokens", tokens_of(content_bytes(llm_json_get(root, "contents"), "parts") +
                                           string_bytes(llm_json_get(root, "systemInstruction"))));
    } else if (llm_json_get(root, "input")) { /* OpenAI's POST /v1/responses/input_tokens */
        jw_str(w, "object", "response.input_tokens");
        jw_int(w, "input_tokens", tokens_of(content_bytes(llm_json_get(root, "input"), "content") +
                                            string_bytes(llm_json_get(root, "instructions"))));
    } else {
        jw_int(w, "input_tokens", tokens_of(content_bytes(llm_json_get(root, "messages"), "content") +
                                            string_bytes(llm_json_get(root, "system"))));
    }
    llm_json_write_object_end(w);
    jw_take(w, &r->body);
}

/* The first function declaration's name, or NULL. */
static const char *gem_function(const llm_json *root, size_t *len) {
    const llm_json *tools = llm_json_get(root, "tools"), *t;
    const llm_json *cfg = llm_json_get(llm_json_get(root, "toolConfig"), "functionCallingConfig");
    const char *name;
    if (json_str_is(llm_json_get(cfg, "mode"), "NONE")) return NULL;
    if ((name = llm_json_string(llm_json_at(llm_json_get(cfg, "allowedFunctionNames"), 0), len)) != NULL) return name;
    for (t = llm_json_first(tools); t && llm_json_is(tools, LLM_JSON_ARRAY); t = llm_json_next(tools, t)) {
        const llm_json *d = llm_json_at(llm_json_get(t, "functionDeclarations"), 0);
        if (d) return (name = llm_json_string(llm_json_get(d, "name"), len)) != NULL ? name : "tool";
    }
    return NULL;
}

static bool gem_function_responses(server *s, answer *a, const llm_json *parts) {
    const llm_json *p;
    bool first = true;
    for (p = llm_json_first(parts); p && llm_json_is(parts, LLM_JSON_ARRAY); p = llm_json_next(parts, p)) {
        const llm_json *fr = llm_json_get(p, "functionResponse");
        if (!fr) continue;
        if (first) quote_tool(a);
        quote_sep(a, &first);
        llm_json_writer_reset(&s->w2);
        llm_json_write_value(&s->w2, llm_json_get(fr, "response"));
        if (!jw_take(&s->w2, &s->tmp)) s->tmp.len = 0;
        buf_add(&a->text, s->tmp.p, s->tmp.len);
    }
    return !first;
}

static void handle_generate(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    answer *a = &r->a;
    const llm_json *contents = llm_json_get(root, "contents"), *last, *m = NULL;
    size_t n = llm_json_count(contents), i, len = 0;
    const char *name;
    if (!llm_json_is(contents, LLM_JSON_ARRAY) || !n) {
        resp_error(s, c, 400, NULL, "* GenerateContentRequest.contents: contents is not specified");
        return;
    }
    r->stream = r->ep == EP_STREAM_GENERATE;
    last = llm_json_at(contents, n - 1);
    if (gem_function_responses(s, a, llm_json_get(last, "parts"))) {
        /* quoted */
    } else if (!json_str_is(llm_json_get(last, "role"), "model") && (name = gem_function(root, &len)) != NULL) {
        if (!answer_tool(s, c, name, len)) return;
    } else {
        for (i = n; i > 0 && !m; i--)
            if (!json_str_is(llm_json_get(llm_json_at(contents, i - 1), "role"), "model")) m = llm_json_at(contents, i - 1);
        say_hello(a, llm_json_get(m, "parts"));
    }
    a->prompt_tokens = tokens_of(content_bytes(contents, "parts") + string_bytes(llm_json_get(root, "systemInstruction")));
    answer_finish(c, llm_json_int(llm_json_get(llm_json_get(root, "generationConfig"), "maxOutputTokens"), 0));
    if (r->stream) gem_ops(r);
    else gem_body(s, r);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_add(buf *out, const unsigned char *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0u) | (i + 2 < n ? p[i + 2] : 0u);
        char q[4];
        q[0] = b64[v >> 18 & 63];
        q[1] = b64[v >> 12 & 63];
        q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? b64[v & 63] : '=';
        buf_add(out, q, 4);
    }
}

/* A deterministic unit-free vector from the input's bytes or tokens. */
static void write_embedding(server *s, const llm_json *item, int64_t dims, bool base64) {
    llm_json_writer *w = &s->w;
    uint64_t h = 14695981039346656037u;
    const llm_json *t;
    const char *str;
    size_t n;
    int64_t j;
    if ((str = llm_json_string(item, &n)) != NULL) h = fnv1a(str, n, h);
    for (t = llm_json_first(item); t && llm_json_is(item, LLM_JSON_ARRAY); t = llm_json_next(item, t)) {
        int64_t tok = llm_json_int(t, 0);
        h = fnv1a((const char *)&tok, sizeof tok, h);
    }
    s->tmp.len = 0;
    if (!base64) llm_json_write_array_begin(w);
    for (j = 0; j < dims; j++) {
        double v;
        h = (h ^ (uint64_t)j) * 0x9E3779B97F4A7C15u;
        h ^= h >> 29;
        v = (double)((int64_t)(h % 2000001) - 1000000) / 1e6;
        if (!base64) {
            llm_json_write_number(w, v);
        } else {
            float f = (float)v;
            uint32_t u;
            unsigned char le[4];
            memcpy(&u, &f, 4);
            le[0] = (unsigned char)u;
            le[1] = (unsigned char)(u >> 8);
            le[2] = (unsigned char)(u >> 16);
            le[3] = (unsigned char)(u >> 24);
            buf_add(&s->tmp, le, 4);
        }
    }
    if (!base64) {
        llm_json_write_array_end(w);
        return;
    }
    s->tmp2.len = 0;
    base64_add(&s->tmp2, (const unsigned char *)s->tmp.p, s->tmp.len);
    llm_json_write_stringn(w, s->tmp2.p, s->tmp2.len);
}

/* Gemini's :embedContent ({content: {parts: [{text}]}, outputDimensionality})
   and :batchEmbedContents ({requests: [...]}): {"embedding": {"values"}} or
   {"embeddings": [{"values"}]}, the vectors /embeddings gives the same texts. */
static void handle_gemini_embed(server *s, conn *c, const llm_json *root) {
    llm_json_writer *w = &s->w;
    const llm_json *reqs = llm_json_get(root, "requests");
    size_t i, n = reqs ? llm_json_count(reqs) : 1;
    if (reqs && (!llm_json_is(reqs, LLM_JSON_ARRAY) || !n)) {
        resp_error(s, c, 400, NULL, "batchEmbedContents needs one request at least");
        return;
    }
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    llm_json_write_key(w, reqs ? "embeddings" : "embedding");
    if (reqs) llm_json_write_array_begin(w);
    for (i = 0; i < n; i++) {
        const llm_json *q = reqs ? llm_json_at(reqs, i) : root;
        const llm_json *text = llm_json_get(llm_json_at(llm_json_get(llm_json_get(q, "content"), "parts"), 0), "text");
        int64_t dims = llm_json_int(llm_json_get(q, "outputDimensionality"), 8);
        if (!llm_json_is(text, LLM_JSON_STRING) || dims < 1 || dims > 4096) {
            resp_error(s, c, 400, NULL, "an embed request needs content.parts[0].text and 1..4096 dimensions");
            return;
        }
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "values");
        write_embedding(s, text, dims, false);
        llm_json_write_object_end(w);
    }
    if (reqs) llm_json_write_array_end(w);
    llm_json_write_object_end(w);
    if (!jw_take(w, &c->r.body)) resp_error(s, c, 400, NULL, "embedding input is not valid");
}

static void handle_embeddings(server *s, conn *c, const llm_json *root) {
    response *r = &c->r;
    llm_json_writer *w = &s->w;
    const llm_json *input = llm_json_get(root, "input"), *item;
    int64_t dims = llm_json_int(llm_json_get(root, "dimensions"), 8), tokens = 0, i = 0;
    bool base64 = json_str_is(llm_json_get(root, "encoding_format"), "base64");
    bool one = llm_json_is(input, LLM_JSON_STRING) || llm_json_is(llm_json_at(input, 0), LLM_JSON_NUMBER);
    size_t n;
    if (r->api == API_GEMINI) {
        handle_gemini_embed(s, c, root);
        return;
    }
    if (!llm_json_is(llm_json_get(root, "model"), LLM_JSON_STRING) || (!one && !llm_json_count(input)) ||
        (!one && !llm_json_is(input, LLM_JSON_ARRAY)) || dims < 1 || dims > 4096) {
        resp_error(s, c, 400, NULL, "embeddings need a model, a string or array input, and 1..4096 dimensions");
        return;
    }
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_str(w, "object", "list");
    llm_json_write_key(w, "data");
    llm_json_write_array_begin(w);
    for (item = one ? input : llm_json_first(input); item; item = one ? NULL : llm_json_next(input, item), i++) {
        llm_json_write_object_begin(w);
        jw_str(w, "object", "embedding");
        jw_int(w, "index", i);
        llm_json_write_key(w, "embedding");
        write_embedding(s, item, dims, base64);
        llm_json_write_object_end(w);
        tokens += llm_json_string(item, &n) ? tokens_of(n) : (int64_t)llm_json_count(item);
    }
    llm_json_write_array_end(w);
    jw_strn(w, "model", r->a.model.p, r->a.model.len);
    llm_json_write_key(w, "usage");
    llm_json_write_object_begin(w);
    jw_int(w, "prompt_tokens", tokens);
    jw_int(w, "total_tokens", tokens);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
    if (!jw_take(w, &r->body)) resp_error(s, c, 400, NULL, "embedding input is not valid");
}

static const char *const model_ids[] = {"gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "o3-mini", "claude-sonnet-4-5",
                                        "claude-haiku-4-5", "gemini-2.0-flash", "gemini-2.5-flash", "mock-model"};

static void write_model(llm_json_writer *w, const char *id, size_t n) {
    llm_json_write_object_begin(w);
    jw_strn(w, "id", id, n);
    jw_str(w, "object", "model");
    jw_int(w, "created", 1700000000);
    jw_str(w, "owned_by", "mock");
    llm_json_write_object_end(w);
}

/* The value of NAME= in the request's query (not decoded); NULL when absent. */
static const char *query_value(conn *c, const char *name, size_t *vn) {
    const char *p = in_at(c, c->q.query);
    size_t n = c->q.query.len, i = 0, k = strlen(name);
    while (i < n) {
        const char *amp = (const char *)memchr(p + i, '&', n - i);
        size_t j = amp ? (size_t)(amp - p) : n;
        if (j - i > k && p[i + k] == '=' && memcmp(p + i, name, k) == 0) {
            *vn = j - i - k - 1;
            return p + i + k + 1;
        }
        i = j + 1;
    }
    return NULL;
}

/* GET /v1/models, or /v1/models/ID (id given). A page as OpenAI's lists
   page: after=ID starts past that id, limit=N (1-100) keeps N, and a cut
   list says has_more and last_id. */
static void handle_models(server *s, conn *c, const char *id, size_t n) {
    llm_json_writer *w = &s->w;
    size_t i, first = 0, end = sizeof model_ids / sizeof model_ids[0], an = 0, ln = 0, count = end;
    const char *after = id ? NULL : query_value(c, "after", &an), *limit = id ? NULL : query_value(c, "limit", &ln);
    int64_t lim = 0;
    if (limit && (!parse_i64(limit, ln, 100, &lim) || lim < 1)) {
        resp_error(s, c, 400, NULL, "limit must be an integer from 1 to 100");
        return;
    }
    for (i = 0; after && i < count; i++)
        if (eqn(after, an, model_ids[i])) first = i + 1;
    if (lim && first + (size_t)lim < end) end = first + (size_t)lim;
    llm_json_writer_reset(w);
    if (id) {
        write_model(w, id, n);
    } else {
        llm_json_write_object_begin(w);
        jw_str(w, "object", "list");
        llm_json_write_key(w, "data");
        llm_json_write_array_begin(w);
        for (i = first; i < end; i++) write_model(w, model_ids[i], strlen(model_ids[i]));
        llm_json_write_array_end(w);
        if (after || lim) {
            llm_json_write_key(w, "has_more");
            llm_json_write_bool(w, end < count);
            if (end > first) jw_str(w, "last_id", model_ids[end - 1]);
        }
        llm_json_write_object_end(w);
    }
    jw_take(w, &c->r.body);
}

static void write_counts(llm_json_writer *w, const char *key, const char *const *names, const uint64_t *v, size_t n) {
    size_t i;
    llm_json_write_key(w, key);
    llm_json_write_object_begin(w);
    for (i = 0; i < n; i++) jw_int(w, names[i], (int64_t)v[i]);
    llm_json_write_object_end(w);
}

/* The per-key counts: Idempotency-Key ones, then those attempts= kept. */
static void write_keys(server *s, bool idem) {
    llm_json_writer *w = &s->w;
    size_t i;
    llm_json_write_key(w, idem ? "idempotency_keys" : "fault_keys");
    llm_json_write_object_begin(w);
    for (i = 0; i < s->keys.cap; i++) {
        const keyent *e = &s->keys.e[i];
        if (!e->key || (e->key[0] == 'i') != idem) continue;
        s->tmp.len = 0;
        if (!idem) buf_str(&s->tmp, e->key[0] == 'k' ? "x-mock-key:" : "script:");
        buf_printable(&s->tmp, e->key + 1, e->len - 1);
        llm_json_write_keyn(w, s->tmp.p, s->tmp.len);
        llm_json_write_int(w, (int64_t)e->count);
    }
    llm_json_write_object_end(w);
}

static void handle_stats(server *s, conn *c) {
    llm_json_writer *w = &s->w;
    char code[8];
    int i;
    llm_json_writer_reset(w);
    llm_json_write_object_begin(w);
    jw_int(w, "requests", (int64_t)s->st.requests);
    jw_int(w, "in_progress", s->in_progress);
    jw_int(w, "open_connections", (int64_t)s->nconns);
    jw_int(w, "connections", (int64_t)s->st.connections);
    jw_int(w, "refused_connections", (int64_t)s->st.refused);
    write_counts(w, "by_endpoint", endpoint_names, s->st.by_endpoint, EP__COUNT);
    llm_json_write_key(w, "by_status");
    llm_json_write_object_begin(w);
    for (i = 0; i < 600; i++) {
        if (!s->st.by_status[i]) continue;
        snprintf(code, sizeof code, "%d", i);
        jw_int(w, code, (int64_t)s->st.by_status[i]);
    }
    llm_json_write_object_end(w);
    jw_int(w, "faults_injected", (int64_t)s->st.faults_injected);
    write_counts(w, "faults", fault_names, s->st.faults, F__COUNT);
    write_counts(w, "outcomes", outcome_names, s->st.outcomes, OUT__COUNT);
    write_keys(s, true);
    write_keys(s, false);
    jw_int(w, "keys_dropped", (int64_t)s->keys.dropped);
    llm_json_write_object_end(w);
    jw_take(w, &c->r.body);
}

/* ------------------------------------------------------------------------ */
/* Routing a request                                                        */
/* ------------------------------------------------------------------------ */

static const char *const endpoint_method[EP__COUNT] = {"GET", "POST", "POST", "GET", "GET", "GET", "GET",
                                                       "POST", "POST", "POST", "POST", "POST", "GET", "POST",
                                                       "POST"};

/* Gemini: /v1beta/models/M:ACTION (or /v1/models/M:ACTION). */
static endpoint route_gemini(const char *p, size_t n, slice *model, size_t base) {
    size_t skip = starts(p, n, "/v1beta/models/") ? 15 : 11, i;
    const char *colon = (const char *)memchr(p + skip, ':', n - skip);
    if (!colon) return EP_NONE;
    i = (size_t)(colon - p);
    model->off = base + skip;
    model->len = i - skip;
    model->set = true;
    if (eqn(colon + 1, n - i - 1, "generateContent")) return EP_GENERATE;
    if (eqn(colon + 1, n - i - 1, "streamGenerateContent")) return EP_STREAM_GENERATE;
    if (eqn(colon + 1, n - i - 1, "countTokens")) return EP_GEMINI_COUNT;
    if (eqn(colon + 1, n - i - 1, "embedContent") || eqn(colon + 1, n - i - 1, "batchEmbedContents"))
        return EP_EMBEDDINGS; /* handle_embeddings answers in Gemini's shape */
    return EP_NONE;
}

/* The endpoint of path (bytes at base in conn->in), and whose shape. */
static endpoint route(const char *p, size_t n, size_t base, api *ap, slice *model, slice *model_id) {
    *ap = API_OPENAI;
    if (eqn(p, n, "/mock/stats")) return EP_STATS;
    if (eqn(p, n, "/mock/shutdown")) return EP_SHUTDOWN;
    if (eqn(p, n, "/health/liveliness") || eqn(p, n, "/health/liveness")) return EP_LIVELINESS;
    if (eqn(p, n, "/health/readiness")) return EP_READINESS;
    if (starts(p, n, "/v1/messages")) {
        *ap = API_ANTHROPIC;
        return eqn(p, n, "/v1/messages") ? EP_MESSAGES : eqn(p, n, "/v1/messages/count_tokens") ? EP_COUNT_TOKENS : EP_NONE;
    }
    if (starts(p, n, "/v1beta/")) *ap = API_GEMINI;
    if (starts(p, n, "/v1beta/models/") || (starts(p, n, "/v1/models/") && memchr(p, ':', n))) {
        *ap = API_GEMINI;
        return route_gemini(p, n, model, base);
    }
    if (starts(p, n, "/api/v1/")) {
        *ap = API_OPENROUTER;
        p += 4, n -= 4, base += 4;
    }
    if (starts(p, n, "/openai/deployments/")) { /* Azure OpenAI: /openai/deployments/NAME/chat/completions */
        const char *slash = (const char *)memchr(p + 20, '/', n - 20);
        if (slash && slash > p + 20 && eqn(slash, n - (size_t)(slash - p), "/embeddings")) return EP_EMBEDDINGS;
        return slash && slash > p + 20 && eqn(slash, n - (size_t)(slash - p), "/chat/completions") ? EP_CHAT : EP_NONE;
    }
    if (eqn(p, n, "/openai/responses")) return EP_RESPONSES; /* Azure OpenAI's Responses API, ?api-version= */
    if (starts(p, n, "/openai/v1/")) p += 7, n -= 7, base += 7; /* Azure OpenAI's v1 API */
    if (starts(p, n, "/v1/")) p += 3, n -= 3, base += 3;
    if (eqn(p, n, "/chat/completions")) return EP_CHAT;
    if (eqn(p, n, "/responses")) return EP_RESPONSES;
    if (eqn(p, n, "/responses/input_tokens")) return EP_COUNT_TOKENS; /* OpenAI's count of a Responses input */
    if (eqn(p, n, "/embeddings")) return EP_EMBEDDINGS;
    if (eqn(p, n, "/models")) return EP_MODELS;
    if (starts(p, n, "/models/") && n > 8 && !memchr(p + 8, '/', n - 8)) {
        model_id->off = base + 8;
        model_id->len = n - 8;
        model_id->set = true;
        return EP_MODEL;
    }
    return EP_NONE;
}

/* Adds a URL-encoded script to the response's fault. */
static bool add_script(server *s, conn *c, const char *p, size_t n, bool form) {
    s->tmp.len = 0;
    buf_add(&s->tmp, p, n);
    s->tmp.len = url_decode(s->tmp.p, s->tmp.p, s->tmp.len, form);
    return fault_parse(&c->r.f, s->tmp.p, s->tmp.len, &c->q.why);
}

/* fault=, alt=, key= */
static bool req_query(server *s, conn *c) {
    const char *p = in_at(c, c->q.query);
    size_t n = c->q.query.len, i = 0;
    while (i < n) {
        const char *amp = (const char *)memchr(p + i, '&', n - i), *eq;
        size_t j = amp ? (size_t)(amp - p) : n, k;
        eq = (const char *)memchr(p + i, '=', j - i);
        k = eq ? (size_t)(eq - p) : j;
        if (eqn(p + i, k - i, "fault") && eq && !add_script(s, c, eq + 1, j - k - 1, true)) return false;
        if (eqn(p + i, k - i, "alt") && eq && c->r.ep == EP_STREAM_GENERATE) c->r.sse = eqn(eq + 1, j - k - 1, "sse");
        if (eqn(p + i, k - i, "key")) c->r.query_key = true;
        i = j + 1;
    }
    return true;
}

/* Splits the target, strips /fault/SCRIPT/, routes, reads every fault
   script. False after queuing a 400. */
static bool req_route(server *s, conn *c, slice *model, slice *model_id) {
    request *q = &c->q;
    response *r = &c->r;
    const char *t = in_at(c, q->target), *qm = (const char *)memchr(t, '?', q->target.len);
    size_t plen = qm ? (size_t)(qm - t) : q->target.len, sn = 0;
    const char *script = NULL;
    q->path.off = q->target.off;
    q->path.len = plen;
    if (qm) {
        q->query.off = q->target.off + plen + 1;
        q->query.len = q->target.len - plen - 1;
    }
    if (starts(t, plen, "/fault/")) {
        const char *e = (const char *)memchr(t + 7, '/', plen - 7);
        script = t + 7;
        sn = e ? (size_t)(e - script) : plen - 7;
        q->path.off += 7 + sn;
        q->path.len -= 7 + sn;
    }
    r->ep = route(in_at(c, q->path), q->path.len, q->path.off, &r->api, model, model_id);
    r->sse = true;
    if (r->ep == EP_STREAM_GENERATE) r->sse = false;
    if ((script && !add_script(s, c, script, sn, false)) || !req_query(s, c) ||
        (q->h[H_FAULT].set && !fault_parse(&r->f, in_at(c, q->h[H_FAULT]), q->h[H_FAULT].len, &q->why))) {
        resp_error(s, c, 400, "invalid_fault", buf_cstr(&q->why));
        return false;
    }
    return true;
}

/* Counts the request under its keys and decides whether its fault applies. */
static void req_attempts(server *s, conn *c) {
    request *q = &c->q;
    response *r = &c->r;
    buf *k = &s->tmp;
    uint64_t count = 0;
    if (q->h[H_IDEM].set) {
        k->len = 0;
        buf_add(k, "i", 1);
        buf_add(k, in_at(c, q->h[H_IDEM]), q->h[H_IDEM].len);
        count = keytab_bump(&s->keys, k->p, k->len);
    }
    r->faulted = r->f.any;
    if (!r->f.any || !r->f.attempts) return;
    if (!q->h[H_IDEM].set) {
        k->len = 0;
        if (q->h[H_MOCK_KEY].set) {
            buf_add(k, "k", 1);
            buf_add(k, in_at(c, q->h[H_MOCK_KEY]), q->h[H_MOCK_KEY].len);
        } else {
            buf_add(k, "s", 1);
            buf_add(k, r->f.script, r->f.script_len);
        }
        count = keytab_bump(&s->keys, k->p, k->len);
    }
    r->faulted = count <= (uint64_t)r->f.attempts;
}

/* x-mock-chunks, x-mock-interval-ms, x-mock-chunked. False after a 400. */
static bool req_options(server *s, conn *c) {
    request *q = &c->q;
    response *r = &c->r;
    const char *v;
    int64_t x;
    if (q->h[H_CHUNKS].set) {
        if (!parse_i64(in_at(c, q->h[H_CHUNKS]), q->h[H_CHUNKS].len, MAX_PIECES, &x) || x < 1) {
            resp_error(s, c, 400, NULL, "x-mock-chunks must be a number from 1 to 100000");
            return false;
        }
        r->want_pieces = (size_t)x;
    }
    if (q->h[H_INTERVAL].set && !parse_i64(in_at(c, q->h[H_INTERVAL]), q->h[H_INTERVAL].len, MAX_WAIT_MS, &r->interval_ms)) {
        resp_error(s, c, 400, NULL, "x-mock-interval-ms must be a number from 0 to 600000");
        return false;
    }
    v = in_at(c, q->h[H_CHUNKED]);
    r->chunked_body = eqn(v, q->h[H_CHUNKED].len, "1") || eqn(v, q->h[H_CHUNKED].len, "true");
    return true;
}

/* Anthropic needs x-api-key and anthropic-version; Gemini a key. */
static bool req_auth(server *s, conn *c) {
    request *q = &c->q;
    response *r = &c->r;
    if (r->api == API_ANTHROPIC && !q->h[H_API_KEY].len && !q->h[H_AUTH].len) {
        resp_error(s, c, 401, NULL, "x-api-key header is required");
        return false;
    }
    if (r->api == API_ANTHROPIC && !q->h[H_ANTHROPIC_VERSION].len) {
        resp_error(s, c, 400, NULL, "anthropic-version: header is required");
        return false;
    }
    if (r->api == API_GEMINI && !q->h[H_GOOG_KEY].len && !q->h[H_AUTH].len && !r->query_key) {
        resp_error(s, c, 403, NULL,
                   "Method doesn't allow unregistered callers (callers without established identity). Please use "
                   "API Key or other form of API consumer identity to call this API.");
        return false;
    }
    return true;
}

static bool wants_json(endpoint ep) {
    return ep == EP_CHAT || ep == EP_EMBEDDINGS || ep == EP_MESSAGES || ep == EP_COUNT_TOKENS ||
           ep == EP_GENERATE || ep == EP_STREAM_GENERATE || ep == EP_GEMINI_COUNT || ep == EP_RESPONSES;
}

/* Parses the JSON body of an endpoint that takes one (false when it is
   not a JSON object) and notes the model and whether a stream was asked. */
static bool req_body(server *s, conn *c, slice model, const llm_json **root) {
    request *q = &c->q;
    response *r = &c->r;
    bool json_ok = true;
    size_t n;
    const char *m;
    *root = NULL;
    if (wants_json(r->ep) && eqn(in_at(c, q->method), q->method.len, endpoint_method[r->ep])) {
        json_ok = llm_json_parse(&s->doc, c->in.p + q->head_len, q->body_len, NULL) == LLM_OK &&
                  llm_json_is(llm_json_root(&s->doc), LLM_JSON_OBJECT);
        *root = json_ok ? llm_json_root(&s->doc) : NULL;
        if ((m = llm_json_string(llm_json_get(*root, "model"), &n)) != NULL) buf_add(&r->a.model, m, n);
        r->asked_stream = llm_json_bool(llm_json_get(*root, "stream"), false) || r->ep == EP_STREAM_GENERATE;
    }
    if (model.set) {
        s->tmp.len = 0;
        buf_add(&s->tmp, in_at(c, model), model.len);
        buf_printable(&r->a.model, s->tmp.p, url_decode(s->tmp.p, s->tmp.p, s->tmp.len, false));
    }
    return json_ok;
}

/* The answer of a routed request: an error, a fault's error, or the
   endpoint's own. */
static void req_answer(server *s, conn *c, const llm_json *root, bool json_ok, slice model_id) {
    request *q = &c->q;
    response *r = &c->r;
    const char *method = endpoint_method[r->ep];
    if (r->ep == EP_NONE) resp_error(s, c, 404, NULL, "The mock server has no such endpoint.");
    else if (!eqn(in_at(c, q->method), q->method.len, method)) {
        r->allow = method;
        resp_error(s, c, 405, NULL, "Method not allowed.");
    } else if (r->faulted && (r->f.status || r->f.context)) resp_fault_error(s, c);
    else if (!json_ok) resp_error(s, c, 400, NULL, "We could not parse the JSON body of your request.");
    else if (!req_options(s, c) || !req_auth(s, c)) return;
    else switch (r->ep) {
    case EP_CHAT: handle_chat(s, c, root); break;
    case EP_RESPONSES: handle_responses(s, c, root); break;
    case EP_EMBEDDINGS: handle_embeddings(s, c, root); break;
    case EP_MESSAGES: handle_messages(s, c, root); break;
    case EP_COUNT_TOKENS: case EP_GEMINI_COUNT: handle_count_tokens(s, c, root); break;
    case EP_GENERATE: case EP_STREAM_GENERATE: handle_generate(s, c, root); break;
    case EP_MODELS: handle_models(s, c, NULL, 0); break;
    case EP_MODEL:
        s->tmp2.len = 0;
        buf_printable(&s->tmp2, in_at(c, model_id), model_id.len);
        handle_models(s, c, s->tmp2.p, s->tmp2.len);
        break;
    case EP_LIVELINESS: buf_str(&r->body, "\"I'm alive!\""); break;
    case EP_READINESS: /* --loading-probes N: not ready for the first N */
        if (s->readiness_probes++ < s->opt.loading_probes) {
            r->status = 503;
            buf_str(&r->body, "{\"status\":\"unhealthy\",\"db\":\"Not connected\"}");
        } else {
            buf_str(&r->body, "{\"status\":\"healthy\",\"db\":\"connected\",\"cache\":null}");
        }
        break;
    case EP_STATS: handle_stats(s, c); break;
    case EP_SHUTDOWN: buf_str(&r->body, "{\"status\":\"shutting down\"}"); r->shutdown = true; break;
    default: break;
    }
}

/* ------------------------------------------------------------------------ */
/* A request's life                                                         */
/* ------------------------------------------------------------------------ */

static void count_faults(server *s, const response *r) {
    const fault *f = &r->f;
    bool on[F__COUNT];
    int i;
    on[F_STATUS] = f->status || f->context;
    on[F_DELAY] = f->delay_ms > 0;
    on[F_STALL] = f->stall_at >= 0;
    on[F_RESET] = f->reset_at >= 0;
    on[F_TRUNCATE] = f->truncate_at >= 0;
    on[F_MALFORMED] = f->malformed;
    on[F_OVERSIZE] = f->oversize > 0;
    on[F_BYTEWISE] = f->bytewise;
    on[F_CLOSE] = f->close;
    on[F_DROP] = f->drop;
    on[F_TRAILERS] = f->trailers_ms > 0;
    for (i = 0; i < F__COUNT; i++) s->st.faults[i] += on[i];
    s->st.faults_injected++;
}

/* The value of the request header `name` (any case), or NULL. */
static const char *request_header(const conn *c, const char *name, size_t nlen, size_t *vlen) {
    const char *p = c->in.p, *end = c->in.p + c->q.head_len, *line = p;
    while (line < end) {
        const char *eol = (const char *)memchr(line, '\n', (size_t)(end - line)), *v;
        if (!eol) eol = end;
        if ((size_t)(eol - line) > nlen && line[nlen] == ':' && strncasecmp(line, name, nlen) == 0) {
            for (v = line + nlen + 1; v < eol && (*v == ' ' || *v == '\t'); v++) {}
            *vlen = (size_t)(eol - v);
            while (*vlen && (v[*vlen - 1] == '\r' || v[*vlen - 1] == ' ')) (*vlen)--;
            return v;
        }
        line = eol + 1;
    }
    return NULL;
}

static void resp_head(server *s, conn *c) {
    response *r = &c->r;
    buf *h = &r->head;
    size_t elen = 0;
    const char *echo = c->q.h[H_ECHO].set ? request_header(c, in_at(c, c->q.h[H_ECHO]), c->q.h[H_ECHO].len, &elen) : NULL;
    const char *type = r->stream ? (r->sse ? "text/event-stream" : "application/json")
                                 : r->api == API_GEMINI ? "application/json; charset=UTF-8" : "application/json";
    h->len = 0;
    buf_fmt(h, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n", r->status, reason_phrase(r->status), type);
    if (r->stream || r->chunk_size) buf_str(h, "Transfer-Encoding: chunked\r\n");
    else buf_fmt(h, "Content-Length: %zu\r\n", r->body.len);
    if (echo) {
        buf_str(h, "x-request-id: ");
        buf_add(h, echo, elen);
        buf_fmt(h, "\r\nLocation: http://127.0.0.1:%d/echo/", s->port);
        buf_add(h, echo, elen);
        buf_str(h, "\r\n");
    } else {
        buf_fmt(h, "x-request-id: mock-%llu\r\n", (unsigned long long)r->seq);
    }
    if (r->api == API_ANTHROPIC) buf_fmt(h, "request-id: req_mock_%llu\r\n", (unsigned long long)r->seq);
    if (r->api == API_OPENAI && r->status < 300) /* as a LiteLLM proxy tells its clients (its Response Headers page) */
        buf_fmt(h, "x-litellm-call-id: mock-call-%llu\r\nx-litellm-attempted-retries: 0\r\n"
                   "x-ratelimit-remaining-requests: 59\r\nx-ratelimit-limit-requests: 60\r\n",
                (unsigned long long)r->seq);
    if (r->stream) buf_str(h, "Cache-Control: no-cache\r\n");
    if (r->faulted && r->f.retry_after_s >= 0) buf_fmt(h, "retry-after: %lld\r\n", (long long)r->f.retry_after_s);
    if (r->faulted && r->f.retry_after_ms >= 0) buf_fmt(h, "retry-after-ms: %lld\r\n", (long long)r->f.retry_after_ms);
    if (r->allow) buf_fmt(h, "Allow: %s\r\n", r->allow);
    if (r->status >= 300 && r->status < 400 && !echo)
        buf_fmt(h, "Location: http://127.0.0.1:%d/mock/redirected\r\n", s->port);
    if (r->close_after && !(r->faulted && r->f.close)) buf_str(h, "Connection: close\r\n");
    buf_str(h, "\r\n");
}

/* Applies the body and stream faults, writes the head; sending starts. */
static void resp_ready(server *s, conn *c) {
    response *r = &c->r;
    const fault *f = &r->f;
    bool fa = r->faulted;
    if (fa) count_faults(s, r);
    if (!r->stream) {
        if (fa && f->oversize) pad_json(&r->body, (size_t)f->oversize);
        if (fa && f->malformed) r->body.len /= 2;
        if (r->chunked_body) r->chunk_size = r->body.len / 3 + 1;
        r->cut = r->body.len;
        r->end = END_COMPLETE;
        if (fa && (f->reset_at >= 0 || f->truncate_at >= 0)) {
            size_t k = (size_t)(f->reset_at >= 0 ? f->reset_at : f->truncate_at);
            r->cut = k < r->body.len ? k : r->body.len;
            r->end = f->reset_at >= 0 ? END_RESET : END_CUT;
        }
    } else if (fa && f->malformed) {
        size_t at = r->nops > 1 ? 1 : 0;
        ops_push(r, OP_MALFORMED, 0, 0, false);
        memmove(r->ops + at + 1, r->ops + at, (r->nops - 1 - at) * sizeof *r->ops);
        r->ops[at].kind = OP_MALFORMED;
        r->ops[at].last = 0;
    }
    if (fa && f->close) r->close_after = true;
    resp_head(s, c);
    r->state = RS_DELAY;
}

static void resp_reset(response *r) {
    response keep = *r;
    memset(r, 0, sizeof *r);
    r->head = keep.head;
    r->body = keep.body;
    r->head.len = r->body.len = 0;
    r->a = keep.a;
    answer_reset(&r->a);
    r->ops = keep.ops;
    r->cap_ops = keep.cap_ops;
    r->status = 200;
    fault_init(&r->f);
}

/* Stops taking requests: no new connections, idle ones closed. */
static void drain_begin(server *s) {
    size_t i;
    if (s->draining) return;
    s->draining = true;
    if (s->listen.fd >= 0) {
        ev_del(s, &s->listen);
        close(s->listen.fd);
        s->listen.fd = -1;
    }
    for (i = s->nconns; i-- > 0;)
        if (s->conns[i]->state == CS_READ) conn_close(s, s->conns[i]);
}

/* A request is whole (k == 1) or failed to parse (k is its status). */
static void req_begin(server *s, conn *c, int k) {
    request *q = &c->q;
    response *r = &c->r;
    slice model = {0, 0, false}, model_id = {0, 0, false};
    resp_reset(r);
    c->state = CS_RESP;
    r->seq = ++s->seq;
    r->begun = s->now;
    r->a.created = (int64_t)time(NULL);
    s->in_progress++;
    s->st.requests++;
    s->last_activity = s->now;
    if (k == 1) log_body(s, c);
    if (s->opt.max_requests && (int64_t)s->seq >= s->opt.max_requests) drain_begin(s);
    r->close_after = q->close;
    if (k != 1) {
        q->end = c->in.len;
        q->path = q->target;
        r->close_after = true;
        resp_error(s, c, k, NULL, buf_cstr(&q->why));
    } else if (req_route(s, c, &model, &model_id)) {
        const llm_json *root;
        bool json_ok = req_body(s, c, model, &root);
        req_attempts(s, c);
        if (r->faulted && r->f.drop) {
            count_faults(s, r);
            resp_account(s, c, OUT_DROPPED);
            conn_linger(s, c);
            return;
        }
        req_answer(s, c, root, json_ok, model_id);
    }
    if (r->body.len > ((size_t)1 << 20) || q->body_len > ((size_t)1 << 20)) {
        llm_json_doc_free(&s->doc);
        llm_json_writer_free(&s->w);
    }
    resp_ready(s, c);
}

/* Runs the connection as far as it can go now: requests parsed, responses
   sent, then its events and timer armed. */
static void conn_advance(server *s, conn *c) {
    int turn;
    c->kick = false;
    for (turn = 0; turn < 256 && !c->closed; turn++) {
        if (c->state == CS_READ) {
            int k;
            if (c->out_off < c->out.len && conn_flush(s, c) < 0) return;
            if (s->draining) {
                conn_close(s, c);
                return;
            }
            if ((k = req_parse(c)) == 0) break;
            req_begin(s, c, k);
            continue;
        }
        if (c->state != CS_RESP) break;
        resp_drive(s, c);
        if (c->state == CS_RESP) break;
    }
    if (turn == 256) c->kick = true;
    conn_watch(s, c);
    conn_schedule(s, c);
}

static void conn_read(server *s, conn *c) {
    int turn;
    for (turn = 0; turn < 8; turn++) {
        ssize_t n = recv(c->h.fd, s->scratch, READ_CHUNK, 0);
        if (n > 0) {
            c->last_active = s->now;
            if (c->state == CS_READ) buf_add(&c->in, s->scratch, (size_t)n);
            if (n < READ_CHUNK) break;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        conn_close(s, c);
        return;
    }
    if (c->state == CS_READ) conn_advance(s, c);
    else conn_schedule(s, c);
}

static void conn_event(server *s, conn *c, unsigned ev) {
    if (c->closed) return;
    if (c->state == CS_RESP) {
        if (ev & (EV_ERR | EV_RDHUP)) conn_abort(s, c, c->r.in_stall ? OUT_STALLED : OUT_CLIENT_CLOSED);
        else if (ev & EV_OUT) conn_advance(s, c);
        return;
    }
    if (ev & (EV_IN | EV_ERR | EV_RDHUP)) conn_read(s, c);
    else if (ev & EV_OUT) conn_advance(s, c);
}

static void conn_timer(server *s, conn *c) {
    c->kick = false;
    if (c->state == CS_LINGER && s->now >= c->linger_until) {
        conn_close(s, c);
        return;
    }
    if ((c->state == CS_READ || c->out_off < c->out.len) && s->now >= c->last_active + IDLE_MS) {
        conn_abort(s, c, OUT_CLIENT_CLOSED);
        return;
    }
    if (c->state == CS_LINGER) conn_schedule(s, c);
    else conn_advance(s, c);
}

/* ------------------------------------------------------------------------ */
/* The loop                                                                 */
/* ------------------------------------------------------------------------ */

static void run_timers(server *s) {
    size_t budget = s->nheap;
    while (budget-- && s->nheap && s->heap[0]->wake <= s->now) {
        conn *c = s->heap[0];
        heap_remove(s, c);
        conn_timer(s, c);
    }
}

static void free_closed(server *s) {
    while (s->closed) {
        conn *c = s->closed;
        s->closed = c->next_closed;
        conn_free(c);
    }
}

/* Why the server should stop now, or NULL. */
static const char *stop_due(server *s) {
    if (s->stop_reason) return s->stop_reason;
    if (s->draining && !s->in_progress) return "max-requests";
    if (s->now - s->started >= s->opt.lifetime_ms) return "lifetime";
    if (!s->in_progress && s->now - s->last_activity >= s->opt.idle_exit_ms) return "idle";
    return NULL;
}

static int next_timeout(server *s) {
    int64_t t = s->started + s->opt.lifetime_ms;
    if (!s->in_progress && s->last_activity + s->opt.idle_exit_ms < t) t = s->last_activity + s->opt.idle_exit_ms;
    if (s->nheap && s->heap[0]->wake < t) t = s->heap[0]->wake;
    t -= s->now;
    return t < 0 ? 0 : t > 60000 ? 60000 : (int)t;
}

static void on_ready(server *s, const ready *e) {
    if (e->h->kind == HK_LISTEN) {
        if (s->listen.fd >= 0) on_accept(s);
    } else if (e->h->kind == HK_SIGNAL) {
        char drain[64];
        while (read(s->sig.fd, drain, sizeof drain) > 0) continue;
        s->stop_reason = "signal";
    } else {
        conn_event(s, (conn *)(void *)e->h, e->ev);
    }
}

static void run(server *s) {
    for (;;) {
        size_t n, i;
        s->now = clock_ms();
        if ((s->stop_reason = stop_due(s)) != NULL) break;
        if (s->log) fflush(s->log);
        n = ev_wait(s, next_timeout(s));
        s->now = clock_ms();
        for (i = 0; i < n; i++) on_ready(s, &s->ready[i]);
        run_timers(s);
        free_closed(s);
    }
}

/* Every connection closed; a response under way is logged as cut short. */
static void close_all(server *s) {
    while (s->nconns) {
        conn *c = s->conns[s->nconns - 1];
        conn_abort(s, c, c->r.in_stall ? OUT_STALLED : OUT_TRUNCATED);
    }
    free_closed(s);
}

/* ------------------------------------------------------------------------ */
/* Setup                                                                    */
/* ------------------------------------------------------------------------ */

static void usage(FILE *f) {
    fputs("usage: mock_server [--port N] [--port-file PATH] [--max-requests N] [--idle-exit-ms N]\n"
          "                   [--lifetime-ms N] [--log PATH] [--bodies PATH] [--loading-probes N] [--quiet]\n"
          "A loopback HTTP/1.1 server answering as OpenAI, Anthropic, Gemini and OpenRouter do,\n"
          "with faults injected per request; see the comment at the top of tests/mock/mock_server.c.\n",
          f);
}

/* Returns 0, or the exit status for a bad command line (2) or --help (0 after printing). */
static int parse_options(options *o, int argc, char **argv, bool *exit_now) {
    int i;
    o->idle_exit_ms = 30000;
    o->lifetime_ms = 600000;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int64_t *num = NULL, max = INT64_MAX / 4;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            *exit_now = true;
            return 0;
        }
        if (!strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        if (!strcmp(a, "--port")) num = &o->port, max = 65535;
        else if (!strcmp(a, "--max-requests")) num = &o->max_requests;
        else if (!strcmp(a, "--idle-exit-ms")) num = &o->idle_exit_ms;
        else if (!strcmp(a, "--lifetime-ms")) num = &o->lifetime_ms;
        else if (!strcmp(a, "--loading-probes")) num = &o->loading_probes;
        else if (strcmp(a, "--port-file") && strcmp(a, "--log") && strcmp(a, "--bodies")) {
            fprintf(stderr, "mock_server: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
        if (!v) {
            fprintf(stderr, "mock_server: %s needs a value\n", a);
            return 2;
        }
        if (!num) {
            if (!strcmp(a, "--log")) o->log_path = v;
            else if (!strcmp(a, "--bodies")) o->bodies_path = v;
            else o->port_file = v;
        } else if (!parse_i64(v, strlen(v), max, num)) {
            fprintf(stderr, "mock_server: %s: '%s' is not a number from 0 to %lld\n", a, v, (long long)max);
            return 2;
        }
        i++;
    }
    return 0;
}

static int listen_loopback(server *s) {
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)s->opt.port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 4096) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        close(fd);
        return -1;
    }
    set_nonblocking(fd);
    s->port = ntohs(sa.sin_port);
    return fd;
}

/* PORT\n into a temporary name, then renamed over path. */
static bool write_port_file(const char *path, int port) {
    char tmp[4096];
    FILE *f;
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) return false;
    if (!(f = fopen(tmp, "w"))) return false;
    fprintf(f, "%d\n", port);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return false;
    }
    return true;
}

/* As many descriptors as the hard limit allows; the connection cap fits it. */
static size_t raise_fd_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1000;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > MAX_CONNS + 32) return MAX_CONNS;
    return rl.rlim_cur > 64 ? (size_t)rl.rlim_cur - 32 : 32;
}

static bool setup_signals(server *s) {
    struct sigaction sa;
    int p[2];
    if (pipe(p) != 0) return false;
    set_nonblocking(p[0]);
    set_nonblocking(p[1]);
    s->sig.fd = p[0];
    s->sig.kind = HK_SIGNAL;
    s->sig_write = sig_fd = p[1];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    return true;
}

static bool setup(server *s) {
    s->max_conns = raise_fd_limit();
    s->conns = (conn **)xrealloc(NULL, s->max_conns * sizeof *s->conns);
    s->heap = (conn **)xrealloc(NULL, s->max_conns * sizeof *s->heap);
    s->ready_cap = s->max_conns + 2 > 512 ? s->max_conns + 2 : 512;
    s->ready = (ready *)xrealloc(NULL, s->ready_cap * sizeof *s->ready);
    s->scratch = (char *)xrealloc(NULL, READ_CHUNK);
    s->spare_fd = open("/dev/null", O_RDONLY);
    s->listen.kind = HK_LISTEN;
    if (!setup_signals(s) || !ev_init(s)) return false;
    if ((s->listen.fd = listen_loopback(s)) < 0) {
        fprintf(stderr, "mock_server: cannot listen on 127.0.0.1:%lld: %s\n", (long long)s->opt.port, strerror(errno));
        return false;
    }
    ev_set(s, &s->listen, EV_IN);
    ev_set(s, &s->sig, EV_IN);
    if (s->opt.log_path && !(s->log = fopen(s->opt.log_path, "w"))) {
        fprintf(stderr, "mock_server: cannot write %s: %s\n", s->opt.log_path, strerror(errno));
        return false;
    }
    if (s->opt.bodies_path && !(s->bodies = fopen(s->opt.bodies_path, "w"))) {
        fprintf(stderr, "mock_server: cannot write %s: %s\n", s->opt.bodies_path, strerror(errno));
        return false;
    }
    return true;
}

static void teardown(server *s) {
    close_all(s);
    if (s->listen.fd >= 0) close(s->listen.fd);
    close(s->sig.fd);
    close(s->sig_write);
    sig_fd = -1;
    if (s->spare_fd >= 0) close(s->spare_fd);
    ev_deinit(s);
    if (s->log) fclose(s->log);
    if (s->bodies) fclose(s->bodies);
    keytab_free(&s->keys);
    llm_json_doc_free(&s->doc);
    llm_json_doc_free(&s->doc2);
    llm_json_writer_free(&s->w);
    llm_json_writer_free(&s->w2);
    buf_free(&s->tmp);
    buf_free(&s->tmp2);
    free(s->conns);
    free(s->heap);
    free(s->ready);
    free(s->scratch);
}

int main(int argc, char **argv) {
    static server srv;
    server *s = &srv;
    bool exit_now = false;
    int status = parse_options(&s->opt, argc, argv, &exit_now);
    if (status || exit_now) return status;
    s->listen.fd = s->sig.fd = s->sig_write = s->spare_fd = -1;
    if (!setup(s)) {
        teardown(s);
        return 1;
    }
    s->now = s->started = s->last_activity = clock_ms();
    printf("listening on 127.0.0.1:%d\n", s->port);
    fflush(stdout);
    if (s->opt.port_file && !write_port_file(s->opt.port_file, s->port)) {
        fprintf(stderr, "mock_server: cannot write %s: %s\n", s->opt.port_file, strerror(errno));
        teardown(s);
        return 1;
    }
    run(s);
    if (!s->opt.quiet)
        fprintf(stderr, "mock_server: stopping (%s) after %llu requests\n", s->stop_reason, (unsigned long long)s->seq);
    teardown(s);
    return 0;
}
