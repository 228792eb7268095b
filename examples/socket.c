/* socket.c - a transport of your own: HTTP/1.1 over plain POSIX sockets,
   no libcurl, as a firmware gateway talking to a LiteLLM proxy on its LAN
   would write it.

       LLM_BASE_URL=http://192.168.1.10:4000/v1 LLM_API_KEY=sk-... build/socket [--no-stream] "Hi"

   The library never touches the network: a transport is one function that
   sends the request it is given and pushes the answer into a sink, the
   status first, then each header, then the body as it arrives (decoded
   from chunked transfer encoding here). Plain http:// only: a key goes
   over it only to a loopback host unless the client allows it
   (llm_client_desc.allow_plain_http); a real gateway adds TLS. Build:
   cc -std=c99 socket.c (POSIX; no other library) */
#define _POSIX_C_SOURCE 200809L
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* A buffered reader over the socket. */
typedef struct conn {
    int fd;
    char buf[4096];
    size_t pos, len;
} conn;

static int fill(conn *c) {
    ssize_t n;
    if (c->pos < c->len) return 1;
    n = recv(c->fd, c->buf, sizeof c->buf, 0);
    if (n <= 0) return 0; /* closed, or the timeout passed */
    c->pos = 0;
    c->len = (size_t)n;
    return 1;
}

/* One line without its CRLF; 0 at the end of the stream or past `size`. */
static int read_line(conn *c, char *line, size_t size) {
    size_t n = 0;
    while (fill(c)) {
        char ch = c->buf[c->pos++];
        if (ch == '\n') {
            if (n && line[n - 1] == '\r') n--;
            line[n] = '\0';
            return 1;
        }
        if (n + 1 >= size) return 0;
        line[n++] = ch;
    }
    return 0;
}

/* Up to `want` body bytes (all that is buffered, or one read) into the sink. */
static llm_result pass_body(conn *c, const llm_http_sink *sink, size_t want, size_t *passed) {
    size_t n;
    if (!fill(c)) return LLM_ERR_TRANSPORT;
    n = c->len - c->pos < want ? c->len - c->pos : want;
    c->pos += n;
    *passed = n;
    return sink->body(sink->ctx, c->buf + c->pos - n, n);
}

/* The status line and the headers; 1xx answers (100 Continue) are skipped
   whole: the sink hears one status, then that answer's headers. */
static llm_result read_head(conn *c, const llm_http_sink *sink, int *chunked, long *length) {
    char line[8192];
    int status = 0;
    llm_result r;
    do {
        if (!read_line(c, line, sizeof line) || sscanf(line, "HTTP/1.%*d %d", &status) != 1) return LLM_ERR_TRANSPORT;
        if (status >= 200 && (r = sink->status(sink->ctx, status)) != LLM_OK) return r;
        while (read_line(c, line, sizeof line) && line[0]) {
            char *colon = strchr(line, ':'), *v;
            if (!colon) return LLM_ERR_TRANSPORT;
            for (v = colon + 1; *v == ' ' || *v == '\t'; v++) {}
            if (status < 200) continue;
            if (strncasecmp(line, "transfer-encoding", 17) == 0 && strstr(v, "chunked")) *chunked = 1;
            if (strncasecmp(line, "content-length", 14) == 0) *length = atol(v);
            if ((r = sink->header(sink->ctx, line, (size_t)(colon - line), v, strlen(v))) != LLM_OK) return r;
        }
    } while (status < 200);
    return LLM_OK;
}

/* The body: chunked (size line, data, CRLF ... a 0 chunk), a length, or
   everything until the server closes. */
static llm_result read_body(conn *c, const llm_http_sink *sink, int chunked, long length) {
    char line[256];
    size_t n;
    llm_result r;
    if (!chunked) {
        while (length != 0 && fill(c)) {
            if ((r = pass_body(c, sink, length > 0 ? (size_t)length : (size_t)-1, &n)) != LLM_OK) return r;
            if (length > 0) length -= (long)n;
        }
        return length > 0 ? LLM_ERR_TRANSPORT : LLM_OK;
    }
    for (;;) {
        unsigned long size;
        if (!read_line(c, line, sizeof line) || sscanf(line, "%lx", &size) != 1) return LLM_ERR_TRANSPORT;
        if (size == 0) return LLM_OK; /* trailers may follow: not read */
        while (size) {
            if ((r = pass_body(c, sink, size, &n)) != LLM_OK) return r;
            size -= n;
        }
        if (!read_line(c, line, sizeof line)) return LLM_ERR_TRANSPORT; /* the CRLF after the data */
    }
}

/* Opens a connection to http://host[:port]/... and sets its timeouts;
   *path gets the URL's path. -1 when it cannot. */
static int open_url(const char *url, int timeout_ms, const char **path, char *host, size_t host_size) {
    const char *h = url + 7, *end;
    char port[8] = "80", *colon;
    struct addrinfo hints, *ai;
    struct timeval tv;
    int fd;
    if (strncmp(url, "http://", 7) != 0) return -1; /* this transport speaks plain HTTP only */
    end = strchr(h, '/');
    *path = end ? end : "/";
    if ((size_t)((end ? end : h + strlen(h)) - h) >= host_size) return -1;
    snprintf(host, host_size, "%.*s", (int)((end ? end : h + strlen(h)) - h), h);
    if ((colon = strchr(host, ':'))) {
        snprintf(port, sizeof port, "%s", colon + 1);
        *colon = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &ai) != 0) return -1;
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv); /* each read: no answer hangs forever */
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    if (colon) *colon = ':'; /* Host: keeps the port */
    return fd;
}

/* The transport: one exchange, pushed into the sink. */
static llm_result socket_send(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    conn c = {-1, {0}, 0, 0};
    char host[256], head[8192];
    const char *path;
    size_t i, n;
    int chunked = 0;
    long length = -1;
    llm_result r;
    (void)user;
    c.fd = open_url(req->url, req->timeout_ms > 0 ? req->timeout_ms : 60000, &path, host, sizeof host);
    if (c.fd < 0) {
        if (err) snprintf(err->message, sizeof err->message, "cannot connect to %s", req->url);
        return LLM_ERR_TRANSPORT;
    }
    n = (size_t)snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", req->method, path,
                         host);
    for (i = 0; i < req->header_count && n < sizeof head; i++)
        n += (size_t)snprintf(head + n, sizeof head - n, "%s: %s\r\n", req->headers[i].name, req->headers[i].value);
    if (n < sizeof head) n += (size_t)snprintf(head + n, sizeof head - n, "Content-Length: %zu\r\n\r\n", req->body_len);
    r = n < sizeof head && send(c.fd, head, n, 0) == (ssize_t)n &&
                (!req->body_len || send(c.fd, req->body, req->body_len, 0) == (ssize_t)req->body_len)
            ? read_head(&c, sink, &chunked, &length)
            : LLM_ERR_TRANSPORT;
    if (r == LLM_OK) r = read_body(&c, sink, chunked, length);
    close(c.fd);
    if (r == LLM_DONE) return LLM_OK; /* the answer is whole: the rest was not wanted */
    if (r == LLM_ERR_TRANSPORT && err) snprintf(err->message, sizeof err->message, "the connection failed or closed early");
    return r;
}

static int on_event(void *user, const llm_event *ev) {
    (void)user;
    if (ev->type == LLM_EVENT_TEXT) fwrite(ev->text, 1, ev->text_len, stdout);
    return 0;
}

int main(int argc, char **argv) {
    const char *prompt = "Hello over a socket.";
    llm_message question = {.role = LLM_ROLE_USER};
    llm_client_desc desc = {0};
    llm_client client;
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    llm_result r;
    int i, stream = 1;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-stream") == 0) stream = 0;
        else prompt = argv[i];
    }
    desc.base_url = getenv("LLM_BASE_URL");
    desc.api_key = getenv("LLM_API_KEY");
    desc.transport.send = socket_send;
    if (!desc.base_url || llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "socket: set LLM_BASE_URL=http://HOST:PORT/v1 (and LLM_API_KEY)\n");
        return 2;
    }
    question.content = prompt;
    req.model = getenv("LLM_MODEL") ? getenv("LLM_MODEL") : "gpt-4o-mini";
    req.messages = &question;
    req.message_count = 1;
    r = stream ? llm_stream(&client, &req, on_event, NULL, &resp, &err) : llm_complete(&client, &req, &resp, &err);
    if (r == LLM_OK && !stream) printf("%s", resp.choices[0].content);
    if (r == LLM_OK) printf("\n(%s, HTTP %d, %lld tokens)\n", stream ? "streamed" : "whole", resp.http_status,
                            (long long)resp.usage.total_tokens);
    else fprintf(stderr, "socket: %s: %s\n", llm_result_str(err.code), err.message);
    llm_response_free(&resp);
    return r == LLM_OK ? 0 : 1;
}
