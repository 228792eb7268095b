/* llm_curl_adapter.h - v0.1.0 - libcurl transport and runner for llm.h - MIT licence (see llm.h)

   A transport for llm.h over libcurl, and a runner that keeps many calls
   in flight on one thread.

   DO THIS
   -------
   In exactly one C or C++ file, after llm.h:

       #define LLM_CURL_IMPLEMENTATION
       #include "llm_curl_adapter.h"

   and link with -lcurl (Debian: libcurl4-openssl-dev). That file needs
   POSIX's clock_gettime: under a strict -std=c99, #define _POSIX_C_SOURCE
   200809L before its first #include (or define LLM_IMPLEMENTATION there
   too: llm.h then asks for POSIX itself). Call
   curl_global_init(CURL_GLOBAL_DEFAULT) once at the start of the program,
   before any thread starts, as libcurl asks: the adapter keeps no global
   state and does not do it behind your back.

       llm_curl curl;
       llm_curl_init(&curl, NULL, NULL);        (NULL options: the defaults)
       desc.transport = llm_curl_transport(&curl);
       ... llm_complete / llm_stream / llm_router_complete ...
       llm_curl_free(&curl);

   WHAT IT DOES
   ------------
   - One easy handle per llm_curl, reused, so the connection stays alive
     between calls (one exchange at a time: give each thread its own
     llm_curl). Connections older than max_connection_age_s (25 s by
     default, under the 30-60 s idle timeouts of common servers and
     proxies) are not reused. libcurl would send a request again, on a new
     connection, when a kept-alive one closed before any byte of the
     answer: after a server read the request and died, that is the same
     model call made (and billed) twice. As RFC 9112 (9.3.1.1) asks of a
     POST, the adapter refuses the second send (libcurl >= 7.80): the
     exchange fails TRANSPORT ("not sent twice"), which the router retries
     as a new attempt it counts. A connection the server closed while idle
     is found dead before the send and replaced; only a close that crosses
     the request on the wire (a server closing unannounced) ends in that
     error without the server having read anything. TCP keep-alive on;
     HTTP/2 when a TLS server offers it, the runner's transfers then
     waiting to share its connection (CURLOPT_PIPEWAIT, over TLS only: on
     plain HTTP, where HTTP/2 is never offered, libcurl 7.88 made each
     transfer wait for another to end).
   - TLS peer and host verification on; ca_file/ca_path choose the trust
     store; `insecure` turns verification off and says so in the log at
     every request. Proxies come from the environment (http_proxy,
     https_proxy, no_proxy), as libcurl reads them.
   - Timeouts: connect_timeout_ms (the request's, else the options', else
     10 s). A non-streamed exchange: the request's timeout_ms is the whole
     exchange. A stream: timeout_ms bounds only the wait for the answer's
     headers; after that no transport total applies (it would kill healthy
     long streams): the call's own deadlines do (request.stream:
     first_token_timeout_ms, stall_timeout_ms, total_timeout_ms), checked
     per event and every LLM_TRANSPORT_TICK_MS while waiting, never by
     curl's low-speed limit (keep-alive comments defeat it and a model's
     silent reasoning trips it).
   - Body bytes go straight into the call as they arrive (no copy for a
     stream's events); an empty Expect: header (libcurl would wait up to a
     second before sending a body over 1 MiB); transfers are never paused;
     an event callback that returns nonzero cancels the exchange.
   - Memory per open stream: a stream's receive buffer
     (CURLOPT_BUFFERSIZE) is 8 KiB, not libcurl's 16 KiB: events of a few
     hundred bytes come as the model writes them, so the larger buffer sits
     mostly empty in every open stream, and 8 KiB still takes a burst (a
     cached answer) in few reads; a non-streamed answer keeps the default.
     The runner's job state is ~4.5 KiB (the call included), a routed job's
     2.5 KiB more, and the call's buffers grow with what arrives
     (bench/bench_mem.c: about 1.05x a bare curl-multi client's heap per
     stream).
   - An answer's header and trailer lines together are bounded by
     llm_limits().max_header_bytes (256 KiB): libcurl bounds the headers
     but keeps every trailer line. Past it the exchange stops,
     LLM_ERR_LIMIT_EXCEEDED, unless the answer was already whole (a stream
     past its end marker): then it is the answer, and the connection is
     dropped, as when a stream's deadline or grace passes after its end.
   - Redirects are never followed (libcurl would strip only Authorization
     and Cookie on a cross-host redirect, so x-api-key, api-key and
     x-goog-api-key would go along): a 3xx is LLM_ERR_HTTP naming its
     Location.
   - curl's errors become LLM_ERR_TIMEOUT or LLM_ERR_TRANSPORT with curl's
     message. With a log callback at LLM_LOG_DEBUG, the request and answer
     headers are logged, every credential header's value redacted (the
     provider's auth header whatever its name; Authorization,
     Proxy-Authorization, Cookie, Set-Cookie, x-api-key, api-key,
     x-goog-api-key, and gateways' key headers: cf-aig-authorization,
     x-portkey-api-key, Ocp-Apim-Subscription-Key, helicone-auth,
     x-litellm-api-key, apikey, x-functions-key, x-amz-security-token,
     x-auth-token), and every line scrubbed of the key or token
     (llm_scrub_copy: a server may echo it in x-request-id or Location).

   THE RUNNER
   ----------
   llm_curl_runner keeps up to max_in_flight jobs in flight: each job is
   one request (streamed or not) through a client, or through a router
   (pick, send, report: retries, fallbacks, and the waits the router asks
   for, rate limits included). llm_curl_runner_step(r, timeout_ms) does
   what is ready and returns within timeout_ms (a game loop calls it once a
   frame); llm_curl_runner_run_all runs until every job is done. On Linux
   it uses curl's socket_action interface with epoll (10,000 streams stay
   cheap); elsewhere, or with LLM_CURL_USE_POLL, curl_multi_poll.

   CALLBACKS. A job's on_event and on_done, and the client's and router's
   callbacks the runner's step sets off (get_token, the logger, the router's
   hooks), run inside llm_curl_runner_step, most of them inside libcurl's
   own callbacks. From there they may call llm_curl_runner_add and
   llm_curl_runner_cancel (of any job, their own included), and free or
   keep a done job's response; nothing else of the runner. A cancel from a
   callback only marks the job: the runner ends it (CANCELLED, on_done
   called) once libcurl has returned, before that step returns. Calling
   llm_curl_runner_step or run_all from a callback is refused
   (LLM_ERR_INVALID_ARGUMENT); llm_curl_runner_free from one is undefined. */
#ifndef LLM_CURL_ADAPTER_H
#define LLM_CURL_ADAPTER_H

#include "llm.h"

#ifndef LLM_CURL_API
#define LLM_CURL_API LLM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct llm_curl_options {
    const char *ca_file;             /* CURLOPT_CAINFO: a PEM bundle of trusted CAs; NULL: libcurl's default */
    const char *ca_path;             /* CURLOPT_CAPATH */
    bool insecure;                   /* no TLS verification (logged at every request) */
    int connect_timeout_ms;          /* 0 = 10000 (a request's connect_timeout_ms wins) */
    long max_connection_age_s;       /* 0 = 25 */
    bool http1_only;                 /* never HTTP/2 */
    llm_allocator alloc;             /* the adapter's own memory (libcurl has its own) */
    /* Where the adapter logs (NULL: nowhere); log_level: the most detailed
       level wanted (LLM_LOG_INFO adds a line per request, its method and
       URL; LLM_LOG_DEBUG the headers, redacted). The environment variable
       LLM_LOG=debug|info|warn (as OPENAI_LOG is for OpenAI's SDKs), read
       at init, raises log_level to it, and with no log sends the lines to
       stderr ("llm_curl: debug: ..."); no_env_log: not read. Every line
       goes through llm_scrub_copy (the key or token of the request it
       concerns never appears). */
    void (*log)(void *user, llm_log_level level, const char *message);
    void *log_user;
    llm_log_level log_level;
    bool no_env_log;
} llm_curl_options;

/* A transport: one connection kept alive, one exchange at a time. */
typedef struct llm_curl {
    llm_curl_options opt;
    /* private */
    void *multi_, *easy_;
    void *xfer_;
} llm_curl;

LLM_CURL_API llm_result llm_curl_init(llm_curl *c, const llm_curl_options *options, llm_error *err);
/* The llm_transport to put in llm_client_desc.transport (or the router's). */
LLM_CURL_API llm_transport llm_curl_transport(llm_curl *c);
LLM_CURL_API void llm_curl_free(llm_curl *c);

/* ---- many requests in flight ---- */

typedef struct llm_curl_job llm_curl_job;
struct llm_curl_job {
    /* in: set before llm_curl_runner_add; they must outlive the job */
    const llm_client *client;        /* send through this client... */
    llm_router *router;              /* ...or through this router (wins when set) */
    const llm_router_options *router_options; /* may be NULL */
    const llm_request *request;
    bool stream;
    /* Streams: every event as it arrives (return nonzero to cancel the job).
       Routed streams: retries and fallbacks stop at the first content event. */
    llm_event_fn on_event;
    void *user;
    /* Called once, when the job is done (it may add jobs, or free this one's
       response). May be NULL. What on_event and on_done may call: see
       CALLBACKS below. */
    void (*on_done)(void *user, llm_curl_job *job);
    /* out, when done: */
    llm_result result;               /* LLM_OK, or why it failed */
    /* Free with llm_response_free (a failed stream keeps what arrived). A
       routed job's latency_ms is the whole job, from its first pick to the
       end (waits and backoff included), and its attempts the exchanges it
       took; set also when the job fails. */
    llm_response response;
    llm_error error;
    int attempts;                    /* the exchanges it took */
    /* private */
    llm_curl_job *next_;
    void *run_;
    int state_;
    bool cancel_;                    /* cancelled from a callback: the runner ends it */
    int64_t wake_ms_;
};

typedef struct llm_curl_runner {
    llm_curl_options opt;
    int max_in_flight;               /* 0 = 16 */
    /* private */
    void *multi_;
    int epoll_;
    int running_, pending_count_;
    bool busy_;                      /* inside a step: a cancel only marks the job */
    int64_t timer_ms_;               /* curl's timer: when to tell it the time, -1 none */
    llm_curl_job *pending_, *pending_tail_, *waiting_;
    void *active_;                   /* the jobs in flight (a list) */
    void *spare_;                    /* finished transfers kept for reuse */
} llm_curl_runner;

LLM_CURL_API llm_result llm_curl_runner_init(llm_curl_runner *r, const llm_curl_options *options, int max_in_flight,
                                             llm_error *err);
/* Queues a job (zero its out fields); it starts when a slot is free. */
LLM_CURL_API llm_result llm_curl_runner_add(llm_curl_runner *r, llm_curl_job *job);
/* Does what is ready, waiting at most timeout_ms for something to happen
   (0: only what is ready now). Returns the number of jobs not yet done, or
   a negative llm_result when the runner itself failed. */
LLM_CURL_API int llm_curl_runner_step(llm_curl_runner *r, int timeout_ms);
/* Steps until every job is done. */
LLM_CURL_API llm_result llm_curl_runner_run_all(llm_curl_runner *r);
/* Ends a job early, queued, waiting or in flight (LLM_ERR_CANCELLED; its
   on_done is called): at once when called between steps; from a callback,
   by the runner once libcurl has returned, within the same step. */
LLM_CURL_API void llm_curl_runner_cancel(llm_curl_runner *r, llm_curl_job *job);
/* Cancels what is left and releases the runner. */
LLM_CURL_API void llm_curl_runner_free(llm_curl_runner *r);

#ifdef __cplusplus
}
#endif

#endif /* LLM_CURL_ADAPTER_H */

/* ======================================================================== */

#ifdef LLM_CURL_IMPLEMENTATION
#ifndef LLM_CURL_IMPLEMENTATION_DONE
#define LLM_CURL_IMPLEMENTATION_DONE

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__linux__) && !defined(LLM_CURL_USE_POLL)
#define LLM__CURL_EPOLL 1
#include <sys/epoll.h>
#include <unistd.h>
#endif

#define LLM__CURL_DEFAULT_CONNECT_MS 10000
#define LLM__CURL_STREAM_BUFFER 8192L /* a stream's receive buffer (WHAT IT DOES: memory per open stream) */
#define LLM__CURL_DEFAULT_MAX_AGE_S 25L

/* ---- memory, time, log ---- */

static void *llm__curl_alloc(const llm_curl_options *o, size_t n) {
    void *p = o->alloc.alloc ? o->alloc.alloc(o->alloc.user, n) : malloc(n);
    if (p) memset(p, 0, n);
    return p;
}

static void llm__curl_free_mem(const llm_curl_options *o, void *p, size_t n) {
    if (!p) return;
    if (o->alloc.free) o->alloc.free(o->alloc.user, p, n);
    else free(p);
}

/* The deadlines need a monotonic clock in milliseconds. */
#if !defined(CLOCK_MONOTONIC) && (defined(__unix__) || defined(__APPLE__))
#error "llm_curl_adapter.h: CLOCK_MONOTONIC is hidden (a strict ISO mode): #define _POSIX_C_SOURCE 200809L before \
the first #include of the implementation's file, or put LLM_IMPLEMENTATION in that file \
(llm.h then asks for POSIX itself)"
#endif
static int64_t llm__curl_now_ms(void) {
#if defined(CLOCK_MONOTONIC)
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#else
    return (int64_t)time(NULL) * 1000;
#endif
}

static void llm__curl_log(const llm_curl_options *o, llm_log_level level, const char *message) {
    if (o->log && level <= o->log_level) o->log(o->log_user, level, message);
}

static const char *llm__curl_level_name(llm_log_level level) {
    return level == LLM_LOG_ERROR ? "error" : level == LLM_LOG_WARN ? "warn" : level == LLM_LOG_INFO ? "info" : "debug";
}

/* LLM_LOG's lines when the options name no log: stderr, one line each,
   control bytes made spaces (the lines come scrubbed of the key). */
static void llm__curl_stderr_log(void *user, llm_log_level level, const char *message) {
    char line[1024];
    (void)user;
    llm_scrub_copy(line, sizeof line, message, strlen(message), NULL);
    fprintf(stderr, "llm_curl: %s: %s\n", llm__curl_level_name(level), line);
}

/* The level LLM_LOG names ("debug", "info", "warn"; any case), or -1. */
static int llm__curl_env_level(const char *v) {
    static const char *const names[] = {"error", "warn", "info", "debug"};
    int i;
    size_t k;
    for (i = 0; v && i < 4; i++) {
        for (k = 0; names[i][k] && (v[k] | 0x20) == names[i][k]; k++) {}
        if (!names[i][k] && !v[k]) return i;
    }
    return -1;
}

/* LLM_LOG at init (unless no_env_log): log_level raised to it, stderr when
   there is no log. */
static void llm__curl_env_log(llm_curl_options *o) {
    int level = o->no_env_log ? -1 : llm__curl_env_level(getenv("LLM_LOG"));
    if (level < 0) return;
    if (!o->log) {
        o->log = llm__curl_stderr_log;
        o->log_user = NULL;
        o->log_level = (llm_log_level)level;
    } else if ((llm_log_level)level > o->log_level) {
        o->log_level = (llm_log_level)level;
    }
}

/* ---- one exchange ---- */

/* Fills err (when given) with code and a formatted message; returns code. */
static llm_result llm__curl_error(llm_error *err, llm_result code, const char *fmt, ...) {
    va_list ap;
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}


typedef struct llm__curl_xfer {
    CURL *easy;
    struct curl_slist *headers;
    const llm_http_sink *sink;
    const llm_curl_options *opt;
    const llm_http_request *http;
    int status;                      /* the final status fed; 0 before it */
    bool informational;              /* inside a 1xx answer's headers */
    bool stream;
    llm_result stop;                 /* what a callback stopped the transfer with; LLM_OK none */
    int64_t header_deadline_ms;      /* a stream: its headers must have come by then; 0 none */
    int64_t last_tick_ms;
    int sends;                       /* times libcurl was about to send the request */
    size_t header_bytes, header_max; /* header and trailer lines so far, and llm_limits().max_header_bytes */
    char location[512];
    char why[128];                   /* why a callback stopped the transfer (curl writes errbuf itself) */
    char errbuf[CURL_ERROR_SIZE];
} llm__curl_xfer;

/* Whether a header's value is a credential, never to be logged: the
   request's own secret header (the provider's auth header, whatever its
   name), and the headers that carry keys in HTTP, the providers and the
   gateways in front of them (Cloudflare AI Gateway, Portkey, Azure API
   Management, Helicone, LiteLLM's proxy, Kong, Azure Functions, AWS). */
static bool llm__curl_secret_name(const llm__curl_xfer *x, const char *name, size_t n) {
    static const char *const names[] = {
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-goog-api-key",
        "cf-aig-authorization", "x-portkey-api-key", "ocp-apim-subscription-key", "helicone-auth",
        "x-litellm-api-key", "apikey", "x-functions-key", "x-amz-security-token", "x-auth-token"};
    size_t i, k;
    const char *own = x->http && x->http->secret_header ? x->http->headers[x->http->secret_header - 1].name : NULL;
    for (i = 0; i < sizeof names / sizeof names[0] + 1; i++) {
        const char *want = i < sizeof names / sizeof names[0] ? names[i] : own;
        if (!want || strlen(want) != n) continue;
        for (k = 0; k < n && (name[k] | 0x20) == (want[k] | 0x20); k++) {}
        if (k == n) return true;
    }
    return false;
}

/* Logs one header line (dir: ">" sent, "<" received): a credential's
   value redacted, the rest scrubbed of the request's key or token by
   llm.h's own scrubber (a server may echo it in any header), cut to 900
   bytes after scrubbing. */
static void llm__curl_log_line(const llm__curl_xfer *x, const char *dir, const char *s, size_t n) {
    char line[1024];
    const char *colon = (const char *)memchr(s, ':', n), *secret = x->http ? x->http->secret : NULL;
    size_t k = (size_t)snprintf(line, sizeof line, "%s ", dir);
    if (colon && llm__curl_secret_name(x, s, (size_t)(colon - s))) {
        k += llm_scrub_copy(line + k, 900, s, (size_t)(colon - s), secret);
        snprintf(line + k, sizeof line - k, ": <redacted>");
    } else {
        llm_scrub_copy(line + k, 901, s, n, secret);
    }
    llm__curl_log(x->opt, LLM_LOG_DEBUG, line);
}

/* Logs a block of header lines, one by one. */
static void llm__curl_log_headers(const llm__curl_xfer *x, const char *dir, const char *data, size_t size) {
    size_t start = 0, end;
    while (start < size) {
        size_t n;
        for (end = start; end < size && data[end] != '\n'; end++) {}
        n = end - start;
        while (n && (data[start + n - 1] == '\r' || data[start + n - 1] == '\n')) n--;
        if (n) llm__curl_log_line(x, dir, data + start, n);
        start = end + 1;
    }
}

static int llm__curl_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *user) {
    llm__curl_xfer *x = (llm__curl_xfer *)user;
    (void)easy;
    if (type == CURLINFO_HEADER_OUT) llm__curl_log_headers(x, ">", data, size);
    else if (type == CURLINFO_HEADER_IN) llm__curl_log_headers(x, "<", data, size);
    return 0;
}

/* The status line of each answer, then its headers: a 1xx answer (100
   Continue, 103 Early Hints) is skipped with its headers; the final status
   reaches the call before any header. Every line counts against
   llm_limits().max_header_bytes, trailers included (libcurl bounds the
   headers only, and keeps every trailer line): past it the transfer stops,
   LLM_ERR_LIMIT_EXCEEDED, which a call whose answer is already whole
   ignores (llm_call_fail). */
static size_t llm__curl_on_header(char *buf, size_t size, size_t count, void *user) {
    llm__curl_xfer *x = (llm__curl_xfer *)user;
    size_t len = size * count, n = len, name_len;
    const char *colon, *v;
    size_t vlen;
    llm_result r;
    if (x->stop != LLM_OK) return 0;
    if (len > x->header_max - x->header_bytes) {
        x->stop = LLM_ERR_LIMIT_EXCEEDED;
        snprintf(x->why, sizeof x->why, "the answer's headers and trailers are larger than %lu bytes",
                 (unsigned long)x->header_max);
        return 0;
    }
    x->header_bytes += len;
    while (n && (buf[n - 1] == '\r' || buf[n - 1] == '\n')) n--;
    if (n >= 12 && memcmp(buf, "HTTP/", 5) == 0) {
        const char *sp = (const char *)memchr(buf, ' ', n);
        int code = 0;
        size_t i;
        if (!sp || (size_t)(buf + n - sp) < 4) return len;
        for (i = 1; i <= 3; i++) code = code * 10 + (sp[i] - '0');
        if (code < 100 || code > 999) return len;
        x->informational = code < 200;
        if (x->informational) return len;
        x->status = code;
        x->header_deadline_ms = 0; /* the answer began */
        if ((r = x->sink->status(x->sink->ctx, code)) != LLM_OK) {
            x->stop = r;
            return 0;
        }
        return len;
    }
    /* end of block, 1xx, folded lines */
    if (!n || x->informational || !x->status || buf[0] == ' ' || buf[0] == '\t') return len;
    if (!(colon = (const char *)memchr(buf, ':', n))) return len;
    name_len = (size_t)(colon - buf);
    v = colon + 1;
    vlen = n - name_len - 1;
    while (vlen && (*v == ' ' || *v == '\t')) v++, vlen--;
    while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t')) vlen--;
    if (x->status >= 300 && x->status <= 399 && name_len == 8 && (buf[0] | 0x20) == 'l' &&
        strncmp(buf + 1, "ocation", 7) == 0)
        llm_scrub_copy(x->location, sizeof x->location, v, vlen, x->http ? x->http->secret : NULL); /* key echoed? */
    if ((r = x->sink->header(x->sink->ctx, buf, name_len, v, vlen)) != LLM_OK) {
        x->stop = r;
        return 0;
    }
    return len;
}

static size_t llm__curl_on_body(char *data, size_t size, size_t count, void *user) {
    llm__curl_xfer *x = (llm__curl_xfer *)user;
    size_t len = size * count;
    llm_result r;
    if (x->stop != LLM_OK) return 0;
    if ((r = x->sink->body(x->sink->ctx, data, len)) != LLM_OK) {
        x->stop = r;
        return 0;
    }
    return len;
}

#if LIBCURL_VERSION_NUM >= 0x075000 /* CURLOPT_PREREQFUNCTION: 7.80.0 */
/* libcurl sends a request again, on a new connection, when a reused one
   closed before any byte of the answer came. The server may have read it,
   and a model call read is a model call billed: the adapter refuses the
   second send, and the exchange fails TRANSPORT, which the router retries
   as a new attempt that its stats and the server's log both count. */
static int llm__curl_prereq(void *user, char *primary_ip, char *local_ip, int primary_port, int local_port) {
    llm__curl_xfer *x = (llm__curl_xfer *)user;
    (void)primary_ip, (void)local_ip, (void)primary_port, (void)local_port;
    if (x->sends++ == 0) return CURL_PREREQFUNC_OK;
    x->stop = LLM_ERR_TRANSPORT; /* llm__curl_result says why */
    return CURL_PREREQFUNC_ABORT;
}
#endif

/* The waiting side of an exchange: the call's deadlines (sink->tick) and,
   for a stream, the wait for its headers. True: go on. */
static bool llm__curl_check_time(llm__curl_xfer *x, int64_t now) {
    llm_result r;
    if (x->stop != LLM_OK) return false;
    if (x->header_deadline_ms && now >= x->header_deadline_ms) {
        x->stop = LLM_ERR_TIMEOUT;
        snprintf(x->errbuf, sizeof x->errbuf, "no answer within %d ms (request timeout_ms)", x->http->timeout_ms);
        return false;
    }
    if (!x->sink->tick || now - x->last_tick_ms < LLM_TRANSPORT_TICK_MS) return true;
    x->last_tick_ms = now;
    if ((r = x->sink->tick(x->sink->ctx)) != LLM_OK) {
        x->stop = r;
        return false;
    }
    return true;
}

/* The options that are the same for every exchange of a transport. */
static void llm__curl_handle_init(llm__curl_xfer *x, const llm_curl_options *o) {
    CURL *e = x->easy;
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_MAXAGE_CONN,
                     o->max_connection_age_s > 0 ? o->max_connection_age_s : LLM__CURL_DEFAULT_MAX_AGE_S);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                     o->http1_only ? (long)CURL_HTTP_VERSION_1_1 : (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    if (o->ca_file) curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_file);
    if (o->ca_path) curl_easy_setopt(e, CURLOPT_CAPATH, o->ca_path);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, llm__curl_on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, llm__curl_on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
#if LIBCURL_VERSION_NUM >= 0x075000
    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, llm__curl_prereq);
    curl_easy_setopt(e, CURLOPT_PREREQDATA, x);
#endif
    if (o->log && o->log_level >= LLM_LOG_DEBUG) {
        curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, llm__curl_debug);
        curl_easy_setopt(e, CURLOPT_DEBUGDATA, x);
        curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    }
}

/* "name: value" in a new list item, with no formatting (no size limit). */
static struct curl_slist *llm__curl_add_header(struct curl_slist *h, const llm_curl_options *o, const char *name,
                                               const char *value) {
    size_t n = strlen(name), v = strlen(value);
    char small[512], *line = n + v + 3 <= sizeof small ? small : (char *)llm__curl_alloc(o, n + v + 3);
    struct curl_slist *next;
    if (!line) return NULL;
    memcpy(line, name, n);
    memcpy(line + n, ": ", 2);
    memcpy(line + n + 2, value, v + 1);
    next = curl_slist_append(h, line); /* copies the line */
    llm_wipe(line, n + v + 3);        /* it may hold the key */
    if (line != small) llm__curl_free_mem(o, line, n + v + 3);
    return next;
}

/* Frees a header list, each line wiped first (one holds the key). */
static void llm__curl_free_headers(struct curl_slist *h) {
    struct curl_slist *i;
    for (i = h; i; i = i->next)
        if (i->data) llm_wipe(i->data, strlen(i->data));
    curl_slist_free_all(h);
}

/* The exchange's header lines, gone once it ended: the key is not left in
   the heap until the next exchange. */
static void llm__curl_drop_headers(llm__curl_xfer *x) {
    if (!x->headers) return;
    if (x->easy) curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
    llm__curl_free_headers(x->headers);
    x->headers = NULL;
}

/* Where the request goes: a loopback server directly, never through a
   proxy the environment names (the key would cross it); a key over plain
   http:// to another host only because the caller allowed it (the call
   refuses it otherwise), said at every request as `insecure` is. */
static void llm__curl_route(CURL *e, const llm_http_request *http, const llm_curl_options *o) {
    static const char plain[] = "http://";
    bool loopback = llm_http_url_is_loopback(http->url), is_plain = true;
    size_t i;
    for (i = 0; i < sizeof plain - 1 && is_plain; i++) is_plain = (http->url[i] | 0x20) == plain[i];
    if (loopback) curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
    if (http->secret_header && is_plain && !loopback)
        llm__curl_log(o, LLM_LOG_WARN,
                      "the credential goes in clear over plain http:// to a host that is not loopback "
                      "(llm_client_desc.allow_plain_http)");
}

/* The handle set for one exchange, from scratch: curl_easy_reset also
   clears libcurl's count of silent re-sends, which otherwise grows over
   the handle's life until a dead connection fails at once ("Connection
   died, tried 5 times"). The connection and DNS caches live in the multi
   handle and survive. */
static llm_result llm__curl_setup(llm__curl_xfer *x, const llm_http_request *http, const llm_http_sink *sink,
                                  const llm_curl_options *o, llm_error *err) {
    CURL *e = x->easy;
    size_t i;
    int connect_ms = http->connect_timeout_ms ? http->connect_timeout_ms
                     : o->connect_timeout_ms ? o->connect_timeout_ms : LLM__CURL_DEFAULT_CONNECT_MS;
    struct curl_slist *h = NULL, *next;
    bool post = strcmp(http->method, "POST") == 0;
    curl_easy_reset(e);
    llm__curl_handle_init(x, o);
    x->sink = sink;
    x->opt = o;
    x->http = http;
    x->status = 0;
    x->informational = false;
    x->stream = http->stream;
    x->stop = LLM_OK;
    x->sends = 0;
    x->header_bytes = 0;
    x->header_max = llm_limits().max_header_bytes;
    x->location[0] = x->why[0] = x->errbuf[0] = '\0';
    x->last_tick_ms = llm__curl_now_ms();
    x->header_deadline_ms = http->stream && http->timeout_ms > 0 ? x->last_tick_ms + http->timeout_ms : 0;
    llm__curl_drop_headers(x);
    for (i = 0; i < http->header_count; i++) {
        if (!(next = llm__curl_add_header(h, o, http->headers[i].name, http->headers[i].value))) goto nomem;
        h = next;
    }
    if (!(next = curl_slist_append(h, "Expect:"))) goto nomem; /* no 1 s wait before a large body */
    h = next;
    x->headers = h;
    curl_easy_setopt(e, CURLOPT_URL, http->url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    if (http->body && (post || strcmp(http->method, "GET") != 0)) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)http->body_len);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, http->body);
    }
    if (!post && strcmp(http->method, "GET") != 0) curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, http->method);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)connect_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, http->stream ? 0L : (long)(http->timeout_ms > 0 ? http->timeout_ms : 0));
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, strncmp(http->url, "https:", 6) == 0 ? 1L : 0L); /* see WHAT IT DOES */
    if (http->stream) curl_easy_setopt(e, CURLOPT_BUFFERSIZE, LLM__CURL_STREAM_BUFFER); /* else the reset's default */
    llm__curl_route(e, http, o);
    if (o->log && o->log_level >= LLM_LOG_INFO) {
        char line[1100];
        size_t k = (size_t)snprintf(line, 64, "%s ", http->method);
        if (k > 63) k = 63;
        llm_scrub_copy(line + k, sizeof line - k, http->url, strlen(http->url), http->secret);
        llm__curl_log(o, LLM_LOG_INFO, line);
    }
    if (o->insecure)
        llm__curl_log(o, LLM_LOG_WARN,
                      "TLS verification is off (llm_curl_options.insecure): the server is not authenticated");
    return LLM_OK;
nomem:
    llm__curl_free_headers(h);
    return llm__curl_error(err, LLM_ERR_NO_MEMORY, "out of memory (curl headers)");
}


/* What a finished exchange comes to: LLM_OK (a whole answer delivered, or
   the call said LLM_DONE: its answer was whole, the rest of the transfer
   dropped with its connection), what a callback stopped it with, a
   redirect not followed, or curl's error as TIMEOUT or TRANSPORT. */
static llm_result llm__curl_result(llm__curl_xfer *x, CURLcode code, llm_error *err) {
    if (err) memset(err, 0, sizeof *err); /* every path leaves *err defined, the ones that return LLM_OK included */
    if (x->stop == LLM_DONE) return LLM_OK;
    if (x->stop != LLM_OK) {
        if (x->why[0]) return llm__curl_error(err, x->stop, "%s", x->why);
        if (x->errbuf[0] && x->stop == LLM_ERR_TIMEOUT) return llm__curl_error(err, LLM_ERR_TIMEOUT, "%s", x->errbuf);
        if (x->stop == LLM_ERR_TRANSPORT && x->sends > 1)
            return llm__curl_error(err, LLM_ERR_TRANSPORT,
                                   "the kept-alive connection closed before any answer; the request is not sent twice");
        if (x->errbuf[0] && x->stop == LLM_ERR_TRANSPORT)
            return llm__curl_error(err, LLM_ERR_TRANSPORT, "curl: %s", x->errbuf);
        return x->stop;
    }
    if (code == CURLE_OK) {
        if (x->status >= 300 && x->status <= 399) {
            return llm__curl_error(err, LLM_ERR_HTTP,
                                   "HTTP %d redirect to %.160s not followed (the API key would go along)", x->status,
                                   x->location[0] ? x->location : "(no Location)");
        }
        return LLM_OK;
    }
    return llm__curl_error(err, code == CURLE_OPERATION_TIMEDOUT ? LLM_ERR_TIMEOUT : LLM_ERR_TRANSPORT, "curl: %s",
                           x->errbuf[0] ? x->errbuf : curl_easy_strerror(code));
}

/* ---- the blocking transport ---- */

static llm_result llm__curl_send(void *user, const llm_http_request *http, const llm_http_sink *sink, llm_error *err) {
    llm_curl *c = (llm_curl *)user;
    llm__curl_xfer *x = c ? (llm__curl_xfer *)c->xfer_ : NULL;
    CURLM *multi = c ? (CURLM *)c->multi_ : NULL;
    CURLcode done = CURLE_OK;
    CURLMsg *msg;
    int running = 1, left;
    llm_result r;
    if (!x || !multi || !http || !sink)
        return llm__curl_error(err, LLM_ERR_INVALID_ARGUMENT, "llm_curl: not initialised");
    if ((r = llm__curl_setup(x, http, sink, &c->opt, err)) != LLM_OK) return r;
    if (curl_multi_add_handle(multi, x->easy) != CURLM_OK)
        return llm__curl_error(err, LLM_ERR_TRANSPORT, "curl: curl_multi_add_handle failed");
    while (running) {
        if (curl_multi_perform(multi, &running) != CURLM_OK) {
            snprintf(x->errbuf, sizeof x->errbuf, "curl_multi_perform failed");
            x->stop = LLM_ERR_TRANSPORT;
            break;
        }
        if (!running) break;
        if (curl_multi_poll(multi, NULL, 0, LLM_TRANSPORT_TICK_MS, NULL) != CURLM_OK) {
            snprintf(x->errbuf, sizeof x->errbuf, "curl_multi_poll failed");
            x->stop = LLM_ERR_TRANSPORT;
            break;
        }
        if (!llm__curl_check_time(x, llm__curl_now_ms())) break;
    }
    while ((msg = curl_multi_info_read(multi, &left)) != NULL)
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == x->easy) done = msg->data.result;
    curl_multi_remove_handle(multi, x->easy); /* the connection stays in the cache */
    llm__curl_drop_headers(x);
    return llm__curl_result(x, running && x->stop == LLM_OK ? CURLE_ABORTED_BY_CALLBACK : done, err);
}

LLM_CURL_API llm_result llm_curl_init(llm_curl *c, const llm_curl_options *options, llm_error *err) {
    llm__curl_xfer *x;
    if (!c) return llm__curl_error(err, LLM_ERR_INVALID_ARGUMENT, "llm_curl_init: NULL");
    memset(c, 0, sizeof *c);
    if (options) c->opt = *options;
    llm__curl_env_log(&c->opt);
    if (!(x = (llm__curl_xfer *)llm__curl_alloc(&c->opt, sizeof *x)))
        return llm__curl_error(err, LLM_ERR_NO_MEMORY, "out of memory");
    c->xfer_ = x;
    c->multi_ = curl_multi_init();
    x->easy = curl_easy_init();
    if (!c->multi_ || !x->easy) {
        llm_curl_free(c);
        return llm__curl_error(err, LLM_ERR_TRANSPORT, "curl: cannot create a handle (curl_global_init?)");
    }
    if (err) memset(err, 0, sizeof *err);
    return LLM_OK;
}

LLM_CURL_API llm_transport llm_curl_transport(llm_curl *c) {
    llm_transport t;
    t.send = llm__curl_send;
    t.user = c;
    return t;
}

LLM_CURL_API void llm_curl_free(llm_curl *c) {
    llm__curl_xfer *x;
    if (!c) return;
    x = (llm__curl_xfer *)c->xfer_;
    if (x) {
        llm__curl_drop_headers(x);
        if (x->easy) curl_easy_cleanup(x->easy);
        llm__curl_free_mem(&c->opt, x, sizeof *x);
    }
    if (c->multi_) curl_multi_cleanup((CURLM *)c->multi_);
    c->xfer_ = c->multi_ = c->easy_ = NULL;
}

/* ---- the runner ---- */

enum { LLM__CURL_JOB_QUEUED = 0, LLM__CURL_JOB_WAITING, LLM__CURL_JOB_RUNNING, LLM__CURL_JOB_DONE };

/* What a routed job's exchanges need: the router's attempt and the request
   it prepares (2.5 KB), allocated for routed jobs only and kept with the
   transfer for its next routed job. */
typedef struct llm__curl_routed {
    llm_router_attempt attempt;
    llm_router_send send;
} llm__curl_routed;

/* A job in flight: its exchange, its call, and what the router needs. */
typedef struct llm__curl_run {
    llm__curl_xfer x;
    llm_http_sink sink;
    llm_call call;
    bool call_live;
    llm_curl_job *job;
    llm_curl_runner *runner;
    struct llm__curl_run *next, *prev;
    llm__curl_routed *routed;        /* NULL until the transfer carries a routed job */
    bool routed_started;
    int64_t routed_start_ms;         /* the first pick of a routed job */
    bool delivered;                  /* a content event reached the caller (routed streams: no more retries) */
    bool cancelled;
    int64_t start_ms, ttft_ms;
} llm__curl_run;

static llm_result llm__curl_run_deliver(llm__curl_run *u) {
    llm_event ev;
    llm_result r;
    while ((r = llm_call_next_event(&u->call, &ev)) == LLM_OK) {
        bool content = ev.type == LLM_EVENT_TEXT || ev.type == LLM_EVENT_REASONING || ev.type == LLM_EVENT_REFUSAL ||
                       ev.type == LLM_EVENT_TOOL_CALL_START || ev.type == LLM_EVENT_TOOL_CALL_DELTA;
        if (content && !u->delivered) {
            u->delivered = true;
            u->ttft_ms = llm__curl_now_ms() - u->start_ms;
        }
        if (u->job->on_event && u->job->on_event(u->job->user, &ev) != 0) {
            llm_call_cancel(&u->call);
            return LLM_ERR_CANCELLED;
        }
    }
    if (r != LLM_AGAIN && r != LLM_DONE) return r;
    return llm_call_tick(&u->call, llm__curl_now_ms());
}

static llm_result llm__curl_run_status(void *ctx, int status) {
    return llm_call_feed_status(&((llm__curl_run *)ctx)->call, status);
}
static llm_result llm__curl_run_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    return llm_call_feed_header(&((llm__curl_run *)ctx)->call, n, nl, v, vl);
}
static llm_result llm__curl_run_body(void *ctx, const char *d, size_t n) {
    llm__curl_run *u = (llm__curl_run *)ctx;
    llm_result r, kept;
    if (!u->job->stream) return llm_call_feed_body(&u->call, d, n);
    r = llm_call_feed_body_borrowed(&u->call, d, n);
    if (r == LLM_OK) r = llm__curl_run_deliver(u);
    kept = llm_call_keep_body(&u->call);
    return r != LLM_OK ? r : kept;
}
static llm_result llm__curl_run_tick(void *ctx) {
    llm__curl_run *u = (llm__curl_run *)ctx;
    return u->job->stream ? llm__curl_run_deliver(u) : LLM_OK;
}

static void llm__curl_runner_active_add(llm_curl_runner *r, llm__curl_run *u) {
    llm__curl_run *head = (llm__curl_run *)r->active_;
    u->prev = NULL;
    u->next = head;
    if (head) head->prev = u;
    r->active_ = u;
}

static void llm__curl_runner_active_remove(llm_curl_runner *r, llm__curl_run *u) {
    if (u->prev) u->prev->next = u->next;
    else r->active_ = u->next;
    if (u->next) u->next->prev = u->prev;
    u->next = u->prev = NULL;
}

/* A transfer for a job, from the spare ones or new. */
static llm__curl_run *llm__curl_runner_take_run(llm_curl_runner *r) {
    llm__curl_run *u = (llm__curl_run *)r->spare_;
    if (u) {
        r->spare_ = u->next;
        u->next = NULL;
    } else if ((u = (llm__curl_run *)llm__curl_alloc(&r->opt, sizeof *u)) != NULL && !(u->x.easy = curl_easy_init())) {
        llm__curl_free_mem(&r->opt, u, sizeof *u);
        u = NULL;
    }
    return u;
}

static void llm__curl_runner_give_run(llm_curl_runner *r, llm__curl_run *u) {
    if (u->call_live) llm_call_free(&u->call);
    u->call_live = false;
    u->job = NULL;
    u->next = (llm__curl_run *)r->spare_;
    r->spare_ = u;
}

static void llm__curl_job_done(llm_curl_runner *r, llm_curl_job *job, llm_result result) {
    job->state_ = LLM__CURL_JOB_DONE;
    job->result = result;
    if (result == LLM_OK) memset(&job->error, 0, sizeof job->error);
    else if (job->error.code != result || !job->error.message[0]) {
        job->error.code = result;
        if (!job->error.message[0])
            snprintf(job->error.message, sizeof job->error.message, "%s", llm_result_description(result));
    }
    job->run_ = NULL;
    job->cancel_ = false;
    (void)r;
    if (job->on_done) job->on_done(job->user, job);
}

static void llm__curl_runner_wait(llm_curl_runner *r, llm_curl_job *job, int64_t wake_ms) {
    job->state_ = LLM__CURL_JOB_WAITING;
    job->wake_ms_ = wake_ms;
    job->next_ = r->waiting_;
    r->waiting_ = job;
}

static void llm__curl_runner_queue(llm_curl_runner *r, llm_curl_job *job) {
    job->state_ = LLM__CURL_JOB_QUEUED;
    job->next_ = NULL;
    if (r->pending_tail_) r->pending_tail_->next_ = job;
    else r->pending_ = job;
    r->pending_tail_ = job;
    r->pending_count_++;
}

/* Abandons a routed job's attempt, and releases what the router's store
   holds for it (an in-flight slot) at once rather than at its expiry. */
static void llm__curl_router_cancel(llm_router *router, llm_router_attempt *a) {
    llm_router_cancel(router, a);
    llm_router_store_run(router, a);
}

/* Starts one exchange of a job (through its router's pick, when routed):
   LLM_OK started, LLM_AGAIN the router says wait, else the job failed. */
static llm_result llm__curl_runner_start(llm_curl_runner *r, llm_curl_job *job, llm__curl_run *u) {
    const llm_client *client = job->client;
    const llm_request *req = job->request;
    const llm_http_request *http;
    llm_result res;
    u->job = job;
    u->runner = r;
    u->delivered = u->cancelled = false;
    u->start_ms = llm__curl_now_ms();
    u->ttft_ms = 0;
    if (job->router) {
        if (!u->routed && !(u->routed = (llm__curl_routed *)llm__curl_alloc(&r->opt, sizeof *u->routed)))
            return llm__curl_error(&job->error, LLM_ERR_NO_MEMORY, "out of memory (a routed job's state)");
        if (!u->routed_started) {
            memset(&u->routed->attempt, 0, sizeof u->routed->attempt);
            if (job->router_options) u->routed->attempt.options = *job->router_options;
            u->routed->attempt.options.stream = job->stream; /* the attempts' spans say so */
            u->routed_started = true;
            u->routed_start_ms = u->start_ms;
        }
        /* the shared store's operations run here, blocking up to its command timeout */
        while ((res = llm_router_pick(job->router, job->request, &u->routed->attempt, &job->error)) == LLM_AGAIN &&
               u->routed->attempt.store_pending)
            llm_router_store_run(job->router, &u->routed->attempt);
        if (res == LLM_AGAIN) return LLM_AGAIN;
        if (res != LLM_OK) return res;
        res = llm_router_prepare(job->router, &u->routed->attempt, job->request, &u->routed->send, &job->error);
        if (res != LLM_OK) {
            llm__curl_router_cancel(job->router, &u->routed->attempt);
            return res;
        }
        client = u->routed->attempt.client;
        req = &u->routed->send.request;
    }
    res = job->stream ? llm_call_begin_stream(&u->call, client, req, llm__curl_now_ms(), &http, &job->error)
                      : llm_call_begin(&u->call, client, req, llm__curl_now_ms(), &http, &job->error);
    if (res != LLM_OK) {
        if (job->router) llm__curl_router_cancel(job->router, &u->routed->attempt);
        return res;
    }
    u->call_live = true;
    u->sink.status = llm__curl_run_status;
    u->sink.header = llm__curl_run_header;
    u->sink.body = llm__curl_run_body;
    u->sink.tick = llm__curl_run_tick;
    u->sink.ctx = u;
    if ((res = llm__curl_setup(&u->x, http, &u->sink, &r->opt, &job->error)) == LLM_OK &&
        curl_multi_add_handle((CURLM *)r->multi_, u->x.easy) != CURLM_OK)
        res = llm__curl_error(&job->error, LLM_ERR_TRANSPORT, "curl: curl_multi_add_handle failed");
    if (res != LLM_OK) {
        if (job->router) llm__curl_router_cancel(job->router, &u->routed->attempt);
        return res;
    }
    job->attempts++;
    job->state_ = LLM__CURL_JOB_RUNNING;
    job->run_ = u;
    llm__curl_runner_active_add(r, u);
    r->running_++;
    return LLM_OK;
}

/* A routed job's end: its response tells the whole job's time and
   exchanges (a plain job's tells its one exchange's already). */
static void llm__curl_runner_routed_end(llm_curl_job *job, llm__curl_run *u) {
    if (!job->router || !u->routed_started) return;
    job->response.latency_ms = llm__curl_now_ms() - u->routed_start_ms;
    job->response.attempts = job->attempts;
    u->routed_started = false;
}

/* A job that cannot start (or restart): done with its error, or waiting. */
static void llm__curl_runner_not_started(llm_curl_runner *r, llm_curl_job *job, llm__curl_run *u, llm_result res) {
    if (res == LLM_AGAIN) {
        int64_t wait_ms = u->routed->attempt.wait_ms;
        job->run_ = u; /* keeps its attempt */
        llm__curl_runner_wait(r, job, llm__curl_now_ms() + (wait_ms > 0 ? wait_ms : 1));
        return;
    }
    llm__curl_runner_routed_end(job, u);
    llm__curl_runner_give_run(r, u);
    llm__curl_job_done(r, job, res);
}

/* A queued or waiting job, off its list, ends cancelled (never sent). */
static void llm__curl_runner_drop(llm_curl_runner *r, llm_curl_job *job) {
    llm__curl_run *u = (llm__curl_run *)job->run_;
    if (job->state_ == LLM__CURL_JOB_WAITING && u) {
        if (job->router) llm__curl_router_cancel(job->router, &u->routed->attempt);
        llm__curl_runner_routed_end(job, u);
        llm__curl_runner_give_run(r, u);
    }
    snprintf(job->error.message, sizeof job->error.message, "cancelled");
    llm__curl_job_done(r, job, LLM_ERR_CANCELLED);
}

/* Starts queued jobs, and waiting ones whose time has come, while slots
   are free; a job marked cancelled meanwhile ends instead. */
static void llm__curl_runner_fill(llm_curl_runner *r) {
    int max = r->max_in_flight > 0 ? r->max_in_flight : 16;
    int64_t now = llm__curl_now_ms();
    llm_curl_job **w = &r->waiting_;
    while (*w && r->running_ < max) { /* waiting jobs first: they have waited */
        llm_curl_job *job = *w;
        llm__curl_run *u;
        llm_result res;
        if (job->wake_ms_ > now) {
            w = &job->next_;
            continue;
        }
        *w = job->next_;
        if (job->cancel_) {
            llm__curl_runner_drop(r, job);
            continue;
        }
        u = (llm__curl_run *)job->run_;
        if ((res = llm__curl_runner_start(r, job, u)) != LLM_OK) llm__curl_runner_not_started(r, job, u, res);
    }
    while (r->pending_ && r->running_ < max) {
        llm_curl_job *job = r->pending_;
        llm__curl_run *u;
        llm_result res;
        r->pending_ = job->next_;
        if (!r->pending_) r->pending_tail_ = NULL;
        r->pending_count_--;
        if (job->cancel_) {
            llm__curl_runner_drop(r, job);
            continue;
        }
        if (!(u = llm__curl_runner_take_run(r))) {
            llm__curl_job_done(r, job, LLM_ERR_NO_MEMORY);
            continue;
        }
        u->routed_started = false;
        if ((res = llm__curl_runner_start(r, job, u)) != LLM_OK) llm__curl_runner_not_started(r, job, u, res);
    }
}

/* A finished exchange: the job's response, and for a routed job the
   router's verdict (done, again, or failed). */
static void llm__curl_runner_finish(llm_curl_runner *r, llm__curl_run *u, CURLcode code) {
    llm_curl_job *job = u->job;
    llm_error terr;
    llm_result res;
    curl_multi_remove_handle((CURLM *)r->multi_, u->x.easy);
    llm__curl_drop_headers(&u->x);
    llm__curl_runner_active_remove(r, u);
    r->running_--;
    memset(&terr, 0, sizeof terr);
    res = u->cancelled ? LLM_ERR_CANCELLED : llm__curl_result(&u->x, code, &terr);
    if (res != LLM_OK) llm_call_fail(&u->call, res, terr.message[0] ? terr.message : NULL);
    else if (job->stream) {
        llm_call_end_body(&u->call);
        llm__curl_run_deliver(u);
    }
    llm_response_free(&job->response);
    res = llm_call_finish(&u->call, llm__curl_now_ms(), &job->response, &job->error);
    llm_call_free(&u->call);
    u->call_live = false;
    if (job->router && u->cancelled) llm__curl_router_cancel(job->router, &u->routed->attempt);
    else if (job->router) {
        llm_router_outcome o;
        memset(&o, 0, sizeof o);
        o.result = res;
        o.error = res == LLM_OK ? NULL : &job->error;
        o.response = res == LLM_OK ? &job->response : NULL;
        o.content_delivered = job->stream && u->delivered;
        o.ttft_ms = u->ttft_ms;
        res = llm_router_report(job->router, &u->routed->attempt, &o, &job->error);
        llm_router_store_run(job->router, &u->routed->attempt);
        if (res == LLM_DONE) res = LLM_OK;
        else if (res == LLM_AGAIN) { /* a retry or a fallback (the router allows none once content was delivered) */
            int64_t wait_ms = u->routed->attempt.wait_ms;
            llm_response_free(&job->response);
            job->run_ = u;
            llm__curl_runner_wait(r, job, llm__curl_now_ms() + (wait_ms > 0 ? wait_ms : 0));
            return;
        }
    }
    llm__curl_runner_routed_end(job, u);
    llm__curl_runner_give_run(r, u);
    llm__curl_job_done(r, job, res);
}

static void llm__curl_runner_read_done(llm_curl_runner *r) {
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read((CURLM *)r->multi_, &left)) != NULL) {
        llm__curl_run *u = NULL;
        if (msg->msg != CURLMSG_DONE) continue;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&u);
        if (u) llm__curl_runner_finish(r, (llm__curl_run *)((char *)u - offsetof(llm__curl_run, x)), msg->data.result);
    }
}

/* The time side of every job in flight: deadlines and header waits. */
static void llm__curl_runner_check_times(llm_curl_runner *r) {
    llm__curl_run *u = (llm__curl_run *)r->active_, *next;
    int64_t now = llm__curl_now_ms();
    for (; u; u = next) {
        next = u->next;
        if (!llm__curl_check_time(&u->x, now)) llm__curl_runner_finish(r, u, CURLE_ABORTED_BY_CALLBACK);
    }
}

#ifdef LLM__CURL_EPOLL
static int llm__curl_runner_socket(CURL *easy, curl_socket_t s, int what, void *user, void *socketp) {
    llm_curl_runner *r = (llm_curl_runner *)user;
    struct epoll_event ev;
    (void)easy;
    memset(&ev, 0, sizeof ev);
    ev.data.fd = s;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(r->epoll_, EPOLL_CTL_DEL, s, &ev);
        return 0;
    }
    ev.events = (what & CURL_POLL_IN ? (uint32_t)EPOLLIN : 0u) | (what & CURL_POLL_OUT ? (uint32_t)EPOLLOUT : 0u);
    if (epoll_ctl(r->epoll_, socketp ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s, &ev) != 0)
        epoll_ctl(r->epoll_, socketp ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, s, &ev);
    curl_multi_assign((CURLM *)r->multi_, s, r); /* marks the socket as known */
    return 0;
}

static int llm__curl_runner_timer(CURLM *multi, long timeout_ms, void *user) {
    llm_curl_runner *r = (llm_curl_runner *)user;
    (void)multi;
    r->timer_ms_ = timeout_ms < 0 ? -1 : llm__curl_now_ms() + timeout_ms;
    return 0;
}
#endif

LLM_CURL_API llm_result llm_curl_runner_init(llm_curl_runner *r, const llm_curl_options *options, int max_in_flight,
                                             llm_error *err) {
    if (!r) return llm__curl_error(err, LLM_ERR_INVALID_ARGUMENT, "llm_curl_runner_init: NULL");
    memset(r, 0, sizeof *r);
    if (options) r->opt = *options;
    llm__curl_env_log(&r->opt);
    r->max_in_flight = max_in_flight;
    r->timer_ms_ = -1;
    r->epoll_ = -1;
    if (!(r->multi_ = curl_multi_init()))
        return llm__curl_error(err, LLM_ERR_TRANSPORT, "curl: cannot create a multi handle");
    curl_multi_setopt((CURLM *)r->multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                      (long)(max_in_flight > 0 ? max_in_flight : 16));
#ifdef LLM__CURL_EPOLL
    if ((r->epoll_ = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        curl_multi_cleanup((CURLM *)r->multi_);
        r->multi_ = NULL;
        return llm__curl_error(err, LLM_ERR_TRANSPORT, "epoll_create1 failed");
    }
    curl_multi_setopt((CURLM *)r->multi_, CURLMOPT_SOCKETFUNCTION, llm__curl_runner_socket);
    curl_multi_setopt((CURLM *)r->multi_, CURLMOPT_SOCKETDATA, r);
    curl_multi_setopt((CURLM *)r->multi_, CURLMOPT_TIMERFUNCTION, llm__curl_runner_timer);
    curl_multi_setopt((CURLM *)r->multi_, CURLMOPT_TIMERDATA, r);
#endif
    if (err) memset(err, 0, sizeof *err);
    return LLM_OK;
}

LLM_CURL_API llm_result llm_curl_runner_add(llm_curl_runner *r, llm_curl_job *job) {
    if (!r || !r->multi_ || !job || !job->request || (!job->client && !job->router)) return LLM_ERR_INVALID_ARGUMENT;
    job->result = LLM_OK;
    job->attempts = 0;
    memset(&job->response, 0, sizeof job->response);
    memset(&job->error, 0, sizeof job->error);
    job->run_ = NULL;
    job->cancel_ = false;
    llm__curl_runner_queue(r, job);
    return LLM_OK;
}

/* Takes a queued or waiting job off its list (false: it was on neither). */
static bool llm__curl_runner_unlink(llm_curl_runner *r, llm_curl_job *job) {
    llm_curl_job **p, *t;
    for (p = job->state_ == LLM__CURL_JOB_QUEUED ? &r->pending_ : &r->waiting_; *p && *p != job; p = &(*p)->next_) {}
    if (!*p) return false;
    *p = job->next_;
    if (job->state_ == LLM__CURL_JOB_QUEUED) {
        r->pending_count_--;
        for (r->pending_tail_ = NULL, t = r->pending_; t; t = t->next_) r->pending_tail_ = t;
    }
    return true;
}

/* Ends a job now: the runner's own code, never inside a libcurl callback. */
static void llm__curl_runner_end_cancelled(llm_curl_runner *r, llm_curl_job *job) {
    llm__curl_run *u = (llm__curl_run *)job->run_;
    job->cancel_ = false;
    if (job->state_ == LLM__CURL_JOB_RUNNING) {
        u->cancelled = true;
        llm__curl_runner_finish(r, u, CURLE_ABORTED_BY_CALLBACK);
        return;
    }
    if (llm__curl_runner_unlink(r, job)) llm__curl_runner_drop(r, job);
    /* else: on no list, being started: the start sees the mark */
}

/* The first job marked cancelled, in flight, queued or waiting. */
static llm_curl_job *llm__curl_runner_marked(const llm_curl_runner *r) {
    const llm__curl_run *u;
    llm_curl_job *j;
    for (u = (const llm__curl_run *)r->active_; u; u = u->next)
        if (u->job->cancel_) return u->job;
    for (j = r->pending_; j; j = j->next_)
        if (j->cancel_) return j;
    for (j = r->waiting_; j; j = j->next_)
        if (j->cancel_) return j;
    return NULL;
}

/* Ends the jobs cancelled from callbacks during this step. The lists are
   walked from their heads again after each end: an on_done may add jobs or
   mark more. */
static void llm__curl_runner_reap(llm_curl_runner *r) {
    llm_curl_job *j;
    while ((j = llm__curl_runner_marked(r)) != NULL) llm__curl_runner_end_cancelled(r, j);
}

static int llm__curl_runner_waiting_count(const llm_curl_runner *r) {
    const llm_curl_job *w;
    int n = 0;
    for (w = r->waiting_; w; w = w->next_) n++;
    return n;
}

/* How long the runner may sleep: at most `limit`, less when curl's timer,
   a waiting job or the tick of a job in flight comes first. */
static int llm__curl_runner_sleep_ms(const llm_curl_runner *r, int limit) {
    int64_t now = llm__curl_now_ms(), until = now + limit;
    const llm_curl_job *w;
    if (r->timer_ms_ >= 0 && r->timer_ms_ < until) until = r->timer_ms_;
    for (w = r->waiting_; w; w = w->next_)
        if (w->wake_ms_ < until) until = w->wake_ms_;
    if (r->active_ && now + LLM_TRANSPORT_TICK_MS < until) until = now + LLM_TRANSPORT_TICK_MS;
    return until > now ? (int)(until - now) : 0;
}

LLM_CURL_API int llm_curl_runner_step(llm_curl_runner *r, int timeout_ms) {
    int running = 0, sleep_ms;
    int64_t end;
    if (!r || !r->multi_ || r->busy_) return (int)LLM_ERR_INVALID_ARGUMENT; /* busy: called from a callback */
    end = llm__curl_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    r->busy_ = true;
    do {
        llm__curl_runner_fill(r);
        if (!r->running_ && !r->waiting_ && !r->pending_) break;
        sleep_ms = llm__curl_runner_sleep_ms(r, (int)(end - llm__curl_now_ms() > 0 ? end - llm__curl_now_ms() : 0));
#ifdef LLM__CURL_EPOLL
        {
            struct epoll_event evs[64];
            /* with nothing in flight: a sleep until a waiting job wakes */
            int n = epoll_wait(r->epoll_, evs, 64, sleep_ms), i;
            for (i = 0; i < n; i++) {
                int flags = (evs[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                            (evs[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                            (evs[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
                curl_multi_socket_action((CURLM *)r->multi_, evs[i].data.fd, flags, &running);
            }
            if (r->timer_ms_ >= 0 && llm__curl_now_ms() >= r->timer_ms_) {
                r->timer_ms_ = -1;
                curl_multi_socket_action((CURLM *)r->multi_, CURL_SOCKET_TIMEOUT, 0, &running);
            }
        }
#else
        if (r->running_) curl_multi_perform((CURLM *)r->multi_, &running);
        /* it waits the time out even with nothing to watch */
        curl_multi_poll((CURLM *)r->multi_, NULL, 0, sleep_ms, NULL);
        if (r->running_) curl_multi_perform((CURLM *)r->multi_, &running);
#endif
        llm__curl_runner_read_done(r);
        llm__curl_runner_check_times(r);
        llm__curl_runner_reap(r);
    } while (llm__curl_now_ms() < end);
    llm__curl_runner_fill(r);
    llm__curl_runner_reap(r);
    r->busy_ = false;
    return r->running_ + r->pending_count_ + llm__curl_runner_waiting_count(r);
}

LLM_CURL_API llm_result llm_curl_runner_run_all(llm_curl_runner *r) {
    int left;
    if (!r || !r->multi_ || r->busy_) return LLM_ERR_INVALID_ARGUMENT;
    while ((left = llm_curl_runner_step(r, 1000)) > 0) {}
    return left < 0 ? (llm_result)left : LLM_OK;
}

LLM_CURL_API void llm_curl_runner_cancel(llm_curl_runner *r, llm_curl_job *job) {
    llm__curl_run *u;
    if (!r || !job || job->state_ == LLM__CURL_JOB_DONE) return;
    if (!r->busy_) {
        llm__curl_runner_end_cancelled(r, job);
        return;
    }
    /* Inside the step: libcurl may be on the stack (removing a handle from
       its callback is forbidden) and the runner may be walking a list. */
    job->cancel_ = true;
    if (job->state_ == LLM__CURL_JOB_RUNNING && (u = (llm__curl_run *)job->run_) != NULL) {
        u->cancelled = true;
        llm_call_cancel(&u->call);
        if (u->x.stop == LLM_OK) u->x.stop = LLM_ERR_CANCELLED; /* its next callback stops the transfer */
    }
}

LLM_CURL_API void llm_curl_runner_free(llm_curl_runner *r) {
    llm__curl_run *u;
    if (!r || !r->multi_) return;
    while (r->active_) llm_curl_runner_cancel(r, ((llm__curl_run *)r->active_)->job);
    while (r->waiting_) llm_curl_runner_cancel(r, r->waiting_);
    while (r->pending_) llm_curl_runner_cancel(r, r->pending_);
    while ((u = (llm__curl_run *)r->spare_) != NULL) {
        r->spare_ = u->next;
        llm__curl_drop_headers(&u->x);
        curl_easy_cleanup(u->x.easy);
        llm__curl_free_mem(&r->opt, u->routed, sizeof *u->routed);
        llm__curl_free_mem(&r->opt, u, sizeof *u);
    }
    curl_multi_cleanup((CURLM *)r->multi_);
#ifdef LLM__CURL_EPOLL
    if (r->epoll_ >= 0) close(r->epoll_);
#endif
    r->multi_ = NULL;
}

#endif /* LLM_CURL_IMPLEMENTATION_DONE */
#endif /* LLM_CURL_IMPLEMENTATION */
