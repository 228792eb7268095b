/* gateway.c - an OpenAI-compatible gateway in front of every provider: it
   takes OpenAI chat-completions requests and answers them through whichever
   provider the model names, so any OpenAI SDK talks to Anthropic, Gemini...

       ANTHROPIC_API_KEY=... build/gateway --listen 127.0.0.1:8080 [--key K] [--upstream-timeout-ms N]
       then: OPENAI_BASE_URL=http://127.0.0.1:8080/v1 OPENAI_API_KEY=K, model "anthropic/claude-sonnet-4-5"

   POST /v1/chat/completions: the body is read into an llm_request
   (llm_request_parse_openai), the model resolved as `llm chat` resolves it
   (llm_client_desc_from_env: "anthropic/..." goes to Anthropic through
   ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY, "gemini/..." to Gemini, a bare
   "gpt-*" to OpenAI; LLM_BASE_URL sends everything to one
   OpenAI-compatible server), called through libcurl with the provider's
   own key from the environment (the client's Authorization is never
   forwarded), and the answer written back as OpenAI's chat.completion
   (llm_response_write_openai) or, with "stream": true, as OpenAI's event
   stream (llm_openai_chunk_write_event; the usage in a last chunk when
   stream_options.include_usage asks). Errors are OpenAI error objects with
   their HTTP status: the client's own mistakes keep their 4xx (a 429
   upstream stays a 429), what fails upstream is a 502 (the provider's key
   refused included: that is no fault of the client's), a timeout a 504.
   --key K: requests must carry "Authorization: Bearer K" (else 401).
   --upstream-timeout-ms N: the most one call may take (default 120000).

   Small and bounded on purpose: one connection at a time, Connection:
   close, headers up to 16 KiB, a body up to 4 MiB (413), 10 s to send a
   request (408), no chunked request bodies (411). It prints "listening on
   HOST:PORT" on stderr (port 0: a free one, the real one printed) and stops
   on SIGTERM or SIGINT (a stream under way is cancelled at its next event;
   a blocking call is answered first, within the upstream timeout). A real deployment
   puts TLS in front. Build: cc -std=c99 gateway.c -lcurl (POSIX) */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define GW_MAX_HEAD (16u << 10)
#define GW_MAX_BODY (4u << 20)
#define GW_READ_MS 10000
#define GW_UPSTREAM_TIMEOUT_MS 120000

/* Set by the signal handler: a handler can only reach a global. */
static volatile sig_atomic_t gw_stop;

static void gw_on_signal(int sig) {
    (void)sig;
    gw_stop = 1;
}

typedef struct gateway {
    int listen_fd;
    const char *key;      /* --key: the bearer token clients must send; NULL: none */
    llm_curl curl;        /* one libcurl transport, reused by every request */
    unsigned long served; /* numbers the ids the gateway makes */
    int upstream_timeout_ms;
} gateway;

/* One request as read from the socket. */
typedef struct request {
    char method[16], path[256];
    char *data;           /* head and body, malloc'ed */
    size_t head_len, body_len;
    const char *body;
    char auth[512];       /* the Authorization header, cut */
} request;

/* ---- sending ---- */

static int send_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        p += k;
        n -= (size_t)k;
    }
    return 1;
}

static const char *reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 411: return "Length Required";
        case 413: return "Content Too Large";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Internal Server Error";
    }
}

static int send_head(int fd, int status, const char *type, long long length, const char *extra) {
    char head[512];
    int n;
    if (length >= 0)
        n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %lld\r\n%s"
                     "Connection: close\r\n\r\n", status, reason_phrase(status), type, length, extra ? extra : "");
    else
        n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nCache-Control: no-cache\r\n%s"
                     "Connection: close\r\n\r\n", status, reason_phrase(status), type, extra ? extra : "");
    return n > 0 && (size_t)n < sizeof head && send_all(fd, head, (size_t)n);
}

static int send_json(int fd, int status, const char *json, size_t len, const char *extra) {
    return send_head(fd, status, "application/json", (long long)len, extra) && send_all(fd, json, len);
}

/* OpenAI's error object: {"error": {"message", "type", "param", "code"}}. */
static void write_error(llm_json_writer *w, const char *message, const char *type, const char *code) {
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "error");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "message");
    llm_json_write_string(w, message);
    llm_json_write_key(w, "type");
    llm_json_write_string(w, type);
    llm_json_write_key(w, "param");
    llm_json_write_null(w);
    llm_json_write_key(w, "code");
    llm_json_write_string(w, code); /* NULL writes null */
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

static void send_error(int fd, int status, const char *message, const char *type, const char *code,
                       const char *extra) {
    llm_json_writer w;
    const char *text;
    size_t len;
    memset(&w, 0, sizeof w);
    write_error(&w, message, type, code);
    if (llm_json_writer_finish(&w, &text, &len) == LLM_OK) send_json(fd, status, text, len, extra);
    llm_json_writer_free(&w);
}

/* The HTTP status and OpenAI error type and code of a failed call. The
   client's own mistakes keep their 4xx; what went wrong upstream (its key
   refused, a 5xx, an answer that could not be read) is the gateway's 502,
   its time running out 504. */
static int error_status(llm_result code, const char **type, const char **oai_code) {
    *type = "invalid_request_error";
    *oai_code = NULL;
    switch (code) {
        case LLM_ERR_INVALID_ARGUMENT: case LLM_ERR_BAD_REQUEST: case LLM_ERR_UNSUPPORTED: return 400;
        case LLM_ERR_CONTEXT_WINDOW_EXCEEDED: return *oai_code = "context_length_exceeded", 400;
        case LLM_ERR_CONTENT_POLICY: return *oai_code = "content_policy_violation", 400;
        case LLM_ERR_NOT_FOUND: case LLM_ERR_MODEL_UNKNOWN: return *oai_code = "model_not_found", 404;
        case LLM_ERR_RATE_LIMITED: return *type = "rate_limit_error", *oai_code = "rate_limit_exceeded", 429;
        case LLM_ERR_PAYMENT_REQUIRED: return *type = "insufficient_quota", *oai_code = "insufficient_quota", 429;
        case LLM_ERR_UNAVAILABLE: return *type = "server_error", 503;
        case LLM_ERR_TIMEOUT: return *type = "timeout", 504;
        case LLM_ERR_AUTHENTICATION: case LLM_ERR_PERMISSION: case LLM_ERR_TRANSPORT: case LLM_ERR_SERVER:
        case LLM_ERR_HTTP: case LLM_ERR_PARSE: case LLM_ERR_TRUNCATED: return *type = "upstream_error", 502;
        default: return *type = "server_error", 500;
    }
}

static void send_call_error(int fd, const llm_error *err) {
    const char *type, *code;
    char extra[64] = "";
    int status = error_status(err->code, &type, &code);
    if (status == 429 && err->has_retry_after)
        snprintf(extra, sizeof extra, "Retry-After: %lld\r\n", (long long)((err->retry_after_ms + 999) / 1000));
    send_error(fd, status, err->message, type, code, extra);
}

/* ---- reading ---- */

static int64_t now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The value of header `name` in the head, or NULL; *len its length. */
static const char *header(const char *head, size_t head_len, const char *name, size_t *len) {
    const char *p = memchr(head, '\n', head_len), *end = head + head_len;
    size_t n = strlen(name);
    while (p && ++p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) break;
        if ((size_t)(eol - p) > n && p[n] == ':' && strncasecmp(p, name, n) == 0) {
            const char *v = p + n + 1, *ve = eol;
            while (v < ve && (*v == ' ' || *v == '\t')) v++;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t')) ve--;
            *len = (size_t)(ve - v);
            return v;
        }
        p = eol;
    }
    return NULL;
}

/* Where the head ends ("\r\n\r\n"), or NULL. */
static const char *head_end_in(const char *buf, size_t len) {
    size_t i;
    for (i = 0; i + 4 <= len; i++)
        if (buf[i] == '\r' && memcmp(buf + i, "\r\n\r\n", 4) == 0) return buf + i;
    return NULL;
}

/* Reads until `want` bytes are in (or, with head_only, the head is), the
   deadline passes or the peer stops: 1 done, 0 closed, -1 timed out. */
static int read_more(int fd, char *buf, size_t *have, size_t want, int head_only, int64_t deadline) {
    while (*have < want) {
        struct pollfd p = {fd, POLLIN, 0};
        int64_t left = deadline - now_ms();
        ssize_t k;
        if (left <= 0 || gw_stop) return -1;
        if (poll(&p, 1, (int)left) <= 0) continue;
        k = recv(fd, buf + *have, want - *have, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        *have += (size_t)k;
        if (head_only && head_end_in(buf, *have)) return 1;
    }
    return 1;
}

/* Reads one request; on failure answers it (or not: a silent peer) and
   returns 0. */
static int read_request(int fd, request *rq) {
    int64_t deadline = now_ms() + GW_READ_MS;
    size_t have = 0, vlen;
    const char *v, *head_end;
    char *grown;
    unsigned long long length = 0;
    int r;
    if (!(rq->data = malloc(GW_MAX_HEAD))) return send_error(fd, 500, "out of memory", "server_error", NULL, NULL), 0;
    r = read_more(fd, rq->data, &have, GW_MAX_HEAD, 1, deadline);
    head_end = head_end_in(rq->data, have);
    if (!head_end) {
        if (r < 0) send_error(fd, 408, "the request did not arrive in time", "invalid_request_error", NULL, NULL);
        else if (have == GW_MAX_HEAD)
            send_error(fd, 431, "request headers too large", "invalid_request_error", NULL, NULL);
        return 0;
    }
    rq->head_len = (size_t)(head_end - rq->data) + 4;
    if (sscanf(rq->data, "%15s %255s HTTP/1.%*c", rq->method, rq->path) != 2)
        return send_error(fd, 400, "malformed request line", "invalid_request_error", NULL, NULL), 0;
    if ((v = header(rq->data, rq->head_len, "Authorization", &vlen)))
        snprintf(rq->auth, sizeof rq->auth, "%.*s", (int)vlen, v);
    if (header(rq->data, rq->head_len, "Transfer-Encoding", &vlen))
        return send_error(fd, 411, "send the body with a Content-Length", "invalid_request_error", NULL, NULL), 0;
    if ((v = header(rq->data, rq->head_len, "Content-Length", &vlen))) {
        size_t i;
        for (i = 0; i < vlen; i++) {
            if (v[i] < '0' || v[i] > '9' || length > GW_MAX_BODY) break;
            length = length * 10 + (unsigned)(v[i] - '0');
        }
        if (i < vlen && length <= GW_MAX_BODY)
            return send_error(fd, 400, "bad Content-Length", "invalid_request_error", NULL, NULL), 0;
    }
    if (length > GW_MAX_BODY)
        return send_error(fd, 413, "the body is larger than 4 MiB", "invalid_request_error", NULL, NULL), 0;
    if (!(grown = realloc(rq->data, rq->head_len + length + 1)))
        return send_error(fd, 500, "out of memory", "server_error", NULL, NULL), 0;
    rq->data = grown;
    if (have > rq->head_len + length) have = rq->head_len + length; /* a pipelined request: dropped */
    r = read_more(fd, rq->data, &have, rq->head_len + length, 0, deadline);
    if (r <= 0) {
        if (r < 0) send_error(fd, 408, "the body did not arrive in time", "invalid_request_error", NULL, NULL);
        return 0;
    }
    rq->body = rq->data + rq->head_len;
    rq->body_len = (size_t)length;
    rq->data[rq->head_len + length] = '\0';
    return 1;
}

/* ---- answering ---- */

/* What the stream's on_event needs. */
typedef struct stream_out {
    int fd;
    llm_openai_chunk_writer chunks;
    llm_json_writer w;
    int head_sent, broken, chunk_count;
    llm_error error;       /* a chunk that could not be written */
} stream_out;

static int send_event(stream_out *s, const char *json, size_t len) {
    if (!s->head_sent) {
        if (!send_head(s->fd, 200, "text/event-stream", -1, NULL)) return s->broken = 1, 0;
        s->head_sent = 1;
    }
    if (!send_all(s->fd, "data: ", 6) || !send_all(s->fd, json, len) || !send_all(s->fd, "\n\n", 2))
        return s->broken = 1, 0;
    s->chunk_count++;
    return 1;
}

/* Each event as an OpenAI chunk; nonzero cancels the call (the client went
   away, a signal, a chunk that cannot be written). */
static int on_event(void *user, const llm_event *e) {
    stream_out *s = user;
    const char *text;
    size_t len;
    bool wrote;
    if (e->type == LLM_EVENT_ERROR) return 0; /* the call ends with it: answered after llm_stream returns */
    llm_json_writer_reset(&s->w);
    if (llm_openai_chunk_write_event(&s->chunks, e, &s->w, &wrote, &s->error) != LLM_OK) return 1;
    if (!wrote) return gw_stop != 0;
    if (llm_json_writer_finish(&s->w, &text, &len) != LLM_OK) return 1;
    return !send_event(s, text, len) || gw_stop;
}

static void make_id(gateway *g, char *id, size_t size) {
    snprintf(id, size, "chatcmpl-%lx%05lx%lx", (unsigned long)time(NULL), ++g->served, (unsigned long)getpid());
}

/* The body asks for the usage chunk (stream_options.include_usage: true). */
static int wants_usage(const request *rq) {
    llm_json_doc doc;
    int yes;
    memset(&doc, 0, sizeof doc);
    if (llm_json_parse(&doc, rq->body, rq->body_len, NULL) != LLM_OK) return 0;
    yes = llm_json_bool(llm_json_get(llm_json_get(llm_json_root(&doc), "stream_options"), "include_usage"), false);
    llm_json_doc_free(&doc);
    return yes;
}

static void answer_stream(gateway *g, int fd, const request *rq, const llm_client *client, const llm_request *req) {
    stream_out s;
    llm_response resp;
    llm_error err;
    char id[64];
    const char *text;
    size_t len;
    llm_result r;
    memset(&s, 0, sizeof s);
    s.fd = fd;
    make_id(g, id, sizeof id);
    s.chunks.id = id;
    s.chunks.model = req->model;
    s.chunks.created = (int64_t)time(NULL);
    r = llm_stream(client, req, on_event, &s, &resp, &err);
    if (r == LLM_ERR_CANCELLED && s.error.code != LLM_OK) err = s.error, r = s.error.code;
    if (r == LLM_OK && !s.broken && wants_usage(rq)) {
        llm_json_writer_reset(&s.w);
        if (llm_openai_chunk_write_usage(&s.chunks, &resp.usage, &s.w, &err) == LLM_OK &&
            llm_json_writer_finish(&s.w, &text, &len) == LLM_OK)
            send_event(&s, text, len);
    }
    if (r != LLM_OK && !s.broken) {
        if (!s.head_sent) send_call_error(fd, &err);
        else { /* the status went out already: the error as an event, as OpenAI sends one */
            const char *type, *code;
            error_status(err.code, &type, &code);
            llm_json_writer_reset(&s.w);
            write_error(&s.w, err.message, type, code);
            if (llm_json_writer_finish(&s.w, &text, &len) == LLM_OK) send_event(&s, text, len);
        }
    } else if (!s.broken) {
        if (!s.head_sent) send_head(fd, 200, "text/event-stream", -1, NULL), s.head_sent = 1;
        send_all(fd, "data: [DONE]\n\n", 14);
    }
    llm_json_writer_free(&s.w);
    llm_response_free(&resp);
}

static void answer_json(gateway *g, int fd, const llm_client *client, const llm_request *req) {
    llm_response resp, out;
    llm_error err;
    llm_json_writer w;
    char id[64];
    const char *text;
    size_t len;
    if (llm_complete(client, req, &resp, &err) != LLM_OK) {
        send_call_error(fd, &err);
        llm_response_free(&resp);
        return;
    }
    out = resp; /* a copy to give what the provider left out: an id, the time */
    if (!out.id) make_id(g, id, sizeof id), out.id = id;
    if (!out.model) out.model = req->model;
    if (!out.created) out.created = (int64_t)time(NULL);
    memset(&w, 0, sizeof w);
    if (llm_response_write_openai(&out, &w, &err) == LLM_OK && llm_json_writer_finish(&w, &text, &len) == LLM_OK)
        send_json(fd, 200, text, len, NULL);
    else send_error(fd, 500, "the answer could not be written", "server_error", NULL, NULL);
    llm_json_writer_free(&w);
    llm_response_free(&resp);
}

/* The bearer token in an Authorization header matches --key (in a time
   that does not depend on where they differ). */
static int authorized(const gateway *g, const request *rq) {
    size_t n = strlen(g->key), m, i;
    unsigned diff = 0;
    if (strncasecmp(rq->auth, "Bearer ", 7) != 0) return 0;
    m = strlen(rq->auth + 7);
    for (i = 0; i < n; i++) diff |= (unsigned char)g->key[i] ^ (unsigned char)(i < m ? rq->auth[7 + i] : 0);
    return diff == 0 && m == n;
}

static void serve(gateway *g, int fd) {
    request rq;
    llm_openai_request body;
    llm_client_desc desc;
    llm_client client;
    llm_target target;
    llm_error err;
    const char *path;
    memset(&rq, 0, sizeof rq);
    if (!read_request(fd, &rq)) goto done;
    path = strncmp(rq.path, "/v1/", 4) == 0 ? rq.path + 3 : rq.path;
    if (strcmp(path, "/chat/completions") != 0) {
        send_error(fd, 404, "unknown path: only POST /v1/chat/completions is served", "invalid_request_error",
                   "unknown_url", NULL);
        goto done;
    }
    if (g->key && !authorized(g, &rq)) {
        send_error(fd, 401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key", NULL);
        goto done;
    }
    if (strcmp(rq.method, "POST") != 0) {
        send_error(fd, 405, "only POST is allowed here", "invalid_request_error", NULL, "Allow: POST\r\n");
        goto done;
    }
    memset(&body, 0, sizeof body);
    if (llm_request_parse_openai(&body, rq.body, rq.body_len, &err) != LLM_OK) {
        send_error(fd, 400, err.message, "invalid_request_error", NULL, NULL);
        goto free_body;
    }
    /* the target as `llm chat` finds it: the provider, its base URL and its own key */
    memset(&desc, 0, sizeof desc);
    if (llm_client_desc_from_env(&desc, body.request.model, &target, &err) != LLM_OK) {
        send_call_error(fd, &err);
        goto free_body;
    }
    if (!desc.api_key && !desc.bearer_token && !target.provider->keyless) {
        char message[256];
        snprintf(message, sizeof message, "the gateway has no key for %s (set %s)", target.provider->name,
                 target.key_vars);
        send_error(fd, 500, message, "server_error", NULL, NULL);
        goto free_body;
    }
    desc.transport = llm_curl_transport(&g->curl);
    desc.timeout_ms = g->upstream_timeout_ms;
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        send_call_error(fd, &err);
        goto free_body;
    }
    body.request.model = target.model;
    if (body.stream) answer_stream(g, fd, &rq, &client, &body.request);
    else answer_json(g, fd, &client, &body.request);
free_body:
    llm_openai_request_free(&body);
done:
    free(rq.data);
}

/* ---- the server ---- */

static int listen_on(gateway *g, const char *where) {
    char host[256], port[16];
    const char *colon = strrchr(where, ':');
    struct addrinfo hints, *ai;
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    int one = 1, fd;
    if (!colon || colon == where || (size_t)(colon - where) >= sizeof host || strlen(colon + 1) >= sizeof port ||
        !colon[1]) {
        fprintf(stderr, "gateway: --listen wants HOST:PORT, not \"%s\"\n", where);
        return 0;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - where), where);
    snprintf(port, sizeof port, "%s", colon + 1);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    if (getaddrinfo(host, port, &hints, &ai) != 0) {
        fprintf(stderr, "gateway: cannot listen on \"%s\"\n", where);
        return 0;
    }
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
        fprintf(stderr, "gateway: cannot listen on %s: %s\n", where, strerror(errno));
        if (fd >= 0) close(fd);
        freeaddrinfo(ai);
        return 0;
    }
    freeaddrinfo(ai);
    g->listen_fd = fd;
    getnameinfo((struct sockaddr *)&bound, blen, NULL, 0, port, sizeof port, NI_NUMERICSERV);
    fprintf(stderr, "listening on %s:%s\n", host, port);
    return 1;
}

static void run(gateway *g) {
    while (!gw_stop) {
        struct pollfd p = {g->listen_fd, POLLIN, 0};
        struct timeval send_timeout = {GW_READ_MS / 1000, 0};
        int fd;
        if (poll(&p, 1, 200) <= 0) continue; /* a signal, or a fifth of a second to look at gw_stop again */
        if ((fd = accept(g->listen_fd, NULL, NULL)) < 0) continue;
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
        serve(g, fd);
        close(fd);
    }
}

int main(int argc, char **argv) {
    gateway g;
    struct sigaction sa;
    const char *listen_at = NULL;
    llm_curl_options o;
    llm_error err;
    int i;
    memset(&g, 0, sizeof g);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) listen_at = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) g.key = argv[++i];
        else if (strcmp(argv[i], "--upstream-timeout-ms") == 0 && i + 1 < argc) g.upstream_timeout_ms = atoi(argv[++i]);
        else listen_at = NULL, i = argc;
    }
    if (!g.upstream_timeout_ms) g.upstream_timeout_ms = GW_UPSTREAM_TIMEOUT_MS;
    if (!listen_at || g.upstream_timeout_ms < 0) {
        fprintf(stderr, "usage: gateway --listen HOST:PORT [--key K] [--upstream-timeout-ms N]\n");
        return 2;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = gw_on_signal; /* no SA_RESTART: poll() returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!listen_on(&g, listen_at)) return 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    memset(&o, 0, sizeof o);
    if (llm_curl_init(&g.curl, &o, &err) != LLM_OK) {
        fprintf(stderr, "gateway: %s\n", err.message);
        close(g.listen_fd);
        return 1;
    }
    run(&g);
    llm_curl_free(&g.curl);
    curl_global_cleanup();
    close(g.listen_fd);
    return 0;
}
