/* llm_redis_store.h - v0.1.0 - the router's shared store on Redis for llm.h - MIT licence (see llm.h)

   The store a fleet of routers shares (llm_router_store, see llm.h's
   router section), on Redis through hiredis: every process that embeds
   llm.h and points its router at the same Redis shares each deployment's
   rpm, tpm, budget, in-flight slots and cooldowns.

   DO THIS
   -------
   In exactly one C or C++ file, after llm.h:

       #define LLM_REDIS_IMPLEMENTATION
       #include "llm_redis_store.h"

   and link with -lhiredis (Debian: libhiredis-dev).

       llm_redis_store rs;
       llm_redis_options ro = {0};
       ro.url = "redis://127.0.0.1:6379";
       if (llm_redis_store_init(&rs, &ro, &err) != LLM_OK) ...   (the URL is bad; nothing is connected yet)
       desc.store = llm_redis_router_store(&rs);               (then llm_router_init)
       ... llm_router_complete ...
       llm_router_free(&router);
       llm_redis_store_free(&rs);

   WHAT IT DOES
   ------------
   - URLs: redis://[[user]:password@]host[:port][/db] (port 6379, db 0;
     an IPv6 host in brackets; %XX escapes in the user and password). The
     password is sent with AUTH (AUTH user password with a user: Redis 6
     ACLs), the db chosen with SELECT. rediss:// (TLS) is refused: the
     hiredis this adapter is written for has no TLS.
   - Connects at the first operation, not at init (a Redis that is down at
     start is the router's fail-open case, not an init error), with
     connect_timeout_ms (default 1000); every command waits at most
     command_timeout_ms (default 500). After any failure the connection is
     dropped and the next operation connects again (the router's circuit
     breaker keeps a dead or stalled Redis from being asked more than 5
     times a minute).
   - Two Lua scripts, loaded once per connection (SCRIPT LOAD) and run
     with EVALSHA (loaded again and retried once on NOSCRIPT, after a
     Redis restart or SCRIPT FLUSH): llm_admit_v1 and llm_settle_v1, the
     ADMIT and SETTLE operations of llm.h. Both read the server's clock
     (TIME), so processes with skewed clocks agree on windows. READ is
     one PTTL per deployment, pipelined. One round trip per operation.
   - The keys (their schema is in README.md: "Router store keys"):
       llm1:{dep:<id>}:cooldown        a cooldown: exists for its TTL
       llm1:{dep:<id>}:halfopen        set with a cooldown: the next admission is the one probe
       llm1:{dep:<id>}:probe           the probe token (SET NX PX), until the probe settles or expires
       llm1:{dep:<id>}:inflight        sorted set: in-flight slot id -> expiry (server ms)
       llm1:{dep:<id>}:rpm:<start>     requests in the minute starting at <start> (server ms)
       llm1:{dep:<id>}:tpm:<start>     tokens in that minute
       llm1:{dep:<id>}:spend:<start>   micro-dollars in the budget window starting at <start>
     Every key of a deployment carries the hash tag {dep:<id>}, so a
     script touches one Redis Cluster slot. A script declares the four
     fixed keys and derives the window keys from the same prefix.
   - Memory: the adapter's own through options.alloc (the URL's parts);
     hiredis allocates its connection and replies with malloc.

   THREADS. One connection per store, and no lock: a store serves one
   thread at a time. A router shared by threads (its lock hooks) runs the
   store outside its lock, so give it a store whose run you serialize, or
   give each thread its own router and store. */
#ifndef LLM_REDIS_STORE_H
#define LLM_REDIS_STORE_H

#include "llm.h"

#ifndef LLM_REDIS_API
#define LLM_REDIS_API LLM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct llm_redis_options {
    const char *url;                 /* redis://[[user]:password@]host[:port][/db] */
    int connect_timeout_ms;          /* 0 = 1000 */
    int command_timeout_ms;          /* 0 = 500 */
    llm_allocator alloc;             /* the adapter's own memory (hiredis has its own) */
} llm_redis_options;

typedef struct llm_redis_store {
    /* private */
    llm_allocator alloc_;
    void *ctx_;                      /* the hiredis connection, or NULL */
    char *host_, *user_, *password_;
    int port_, db_;
    int connect_timeout_ms_, command_timeout_ms_;
    char name_[288];                 /* redis://host:port/db, never the password */
    char sha_[2][41];                /* the scripts' SHA1 on this connection ("" not loaded) */
    uint64_t round_trips_;           /* commands sent (for the bench) */
} llm_redis_store;

/* Reads the URL and keeps its parts (nothing is connected). Errors:
   LLM_ERR_INVALID_ARGUMENT naming what is wrong with the URL,
   LLM_ERR_UNSUPPORTED for rediss://, LLM_ERR_NO_MEMORY. */
LLM_REDIS_API llm_result llm_redis_store_init(llm_redis_store *s, const llm_redis_options *options, llm_error *err);
/* The llm_router_store to put in llm_router_desc.store (name: the URL
   without its password). Fail-open, expected_processes and the breaker's
   settings are the caller's to set on it. */
LLM_REDIS_API llm_router_store llm_redis_router_store(llm_redis_store *s);
/* Runs one operation (the router's store.run). */
LLM_REDIS_API llm_result llm_redis_store_run(void *store, llm_store_op *op, llm_error *err);
/* The commands sent so far (EVALSHA, and SCRIPT LOAD, AUTH, SELECT on each connection). */
LLM_REDIS_API uint64_t llm_redis_store_round_trips(const llm_redis_store *s);
/* Closes the connection and frees what init kept (the password wiped). */
LLM_REDIS_API void llm_redis_store_free(llm_redis_store *s);

/* What the adapter makes of a Redis reply to one of its scripts (for the
   fuzz target): reply is a hiredis redisReply. LLM_OK, or LLM_ERR_PARSE
   for any other shape. */
LLM_REDIS_API llm_result llm_redis_store_read_reply(const void *reply, llm_store_op *op, llm_error *err);
/* Bounds what a hiredis redisReader builds (reader is a redisReader*): an
   array that declares more than 4096 items (LLM__REDIS_MAX_ELEMENTS) is an
   error of the reader, refused before hiredis allocates room for it (else
   one line from a hostile or broken server, "*661796695", makes it
   allocate gigabytes). The adapter bounds its connection's reader with it;
   the fuzz target, its own. */
LLM_REDIS_API void llm_redis_reader_bound(void *reader);

#ifdef __cplusplus
}
#endif
#endif /* LLM_REDIS_STORE_H */

#if defined(LLM_REDIS_IMPLEMENTATION) && !defined(LLM_REDIS_IMPLEMENTATION_DONE)
#define LLM_REDIS_IMPLEMENTATION_DONE

#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define LLM__REDIS_MAX_PREFIX 400
#define LLM__REDIS_MAX_ELEMENTS 4096

#if HIREDIS_MAJOR >= 1
LLM_REDIS_API void llm_redis_reader_bound(void *reader) {
    ((redisReader *)reader)->maxelements = LLM__REDIS_MAX_ELEMENTS;
}
#else
/* hiredis 0.14 has no bound of its own: its reply functions, wrapped. The
   reader's privdata keeps hiredis's own table (static in hiredis), which
   its read tasks carry. */
static const redisReplyObjectFunctions *llm__redis_own(const redisReadTask *t) {
    return (const redisReplyObjectFunctions *)t->privdata;
}
static void *llm__redis_string(const redisReadTask *t, char *s, size_t n) {
    return llm__redis_own(t)->createString(t, s, n);
}
static void *llm__redis_array(const redisReadTask *t, int n) {
    return n > LLM__REDIS_MAX_ELEMENTS ? NULL : llm__redis_own(t)->createArray(t, n); /* NULL: the reader fails */
}
static void *llm__redis_integer(const redisReadTask *t, long long v) { return llm__redis_own(t)->createInteger(t, v); }
static void *llm__redis_nil(const redisReadTask *t) { return llm__redis_own(t)->createNil(t); }
static void llm__redis_free_object(void *reply) { freeReplyObject(reply); }

static const redisReplyObjectFunctions llm__redis_bounded = {llm__redis_string, llm__redis_array,
                                                             llm__redis_integer, llm__redis_nil,
                                                             llm__redis_free_object};

LLM_REDIS_API void llm_redis_reader_bound(void *reader) {
    redisReader *r = (redisReader *)reader;
    if (r->fn == (redisReplyObjectFunctions *)(uintptr_t)&llm__redis_bounded) return;
    r->privdata = r->fn;
    r->fn = (redisReplyObjectFunctions *)(uintptr_t)&llm__redis_bounded;
}
#endif

/* ADMIT. KEYS: cooldown, halfopen, probe, inflight. ARGV: prefix, window
   count, then name, window_ms, limit, need, add per window, then slot id,
   slot limit, slot ttl, probe ttl. Returns {refusal, window, count,
   wait_ms, probe, now_ms}, the refusal numbered as llm_store_refusal. */
static const char llm__redis_admit_lua[] =
    "-- llm_admit_v1\n"
    "if redis.replicate_commands then redis.replicate_commands() end\n"
    "local t = redis.call('TIME')\n"
    "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
    "local cd = redis.call('PTTL', KEYS[1])\n"
    "if cd ~= -2 then return {3, 0, 0, cd > 0 and cd or 0, 0, now} end\n"
    "local probe = 0\n"
    "if redis.call('EXISTS', KEYS[2]) == 1 then\n"
    "  local p = redis.call('PTTL', KEYS[3])\n"
    "  if p ~= -2 then return {4, 0, 0, p > 0 and p or 0, 0, now} end\n"
    "  probe = 1\n"
    "end\n"
    "local n = tonumber(ARGV[2])\n"
    "local keys = {}\n"
    "for i = 0, n - 1 do\n"
    "  local b = 3 + i * 5\n"
    "  local w = tonumber(ARGV[b + 1])\n"
    "  local start = now - (now % w)\n"
    "  keys[i + 1] = ARGV[1] .. ':' .. ARGV[b] .. ':' .. string.format('%.0f', start)\n"
    "  local limit = tonumber(ARGV[b + 2])\n"
    "  if limit > 0 then\n"
    "    local cur = tonumber(redis.call('GET', keys[i + 1]) or '0')\n"
    "    if cur + tonumber(ARGV[b + 3]) > limit then return {1, i, cur, start + w - now, 0, now} end\n"
    "  end\n"
    "end\n"
    "local s = 3 + n * 5\n"
    "local slot_limit = tonumber(ARGV[s + 1])\n"
    "local slot_ttl = tonumber(ARGV[s + 2])\n"
    "if slot_limit > 0 then\n"
    "  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)\n"
    "  if redis.call('ZCARD', KEYS[4]) >= slot_limit then\n"
    "    local first = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')\n"
    "    return {2, 0, 0, math.max(0, tonumber(first[2]) - now), 0, now}\n"
    "  end\n"
    "end\n"
    "for i = 0, n - 1 do\n"
    "  local b = 3 + i * 5\n"
    "  local w = tonumber(ARGV[b + 1])\n"
    "  local add = tonumber(ARGV[b + 4])\n"
    "  if add ~= 0 then\n"
    "    redis.call('INCRBY', keys[i + 1], add)\n"
    "    redis.call('PEXPIRE', keys[i + 1], w - (now % w) + 60000)\n"
    "  end\n"
    "end\n"
    "if slot_limit > 0 then\n"
    "  redis.call('ZADD', KEYS[4], now + slot_ttl, ARGV[s])\n"
    "  if redis.call('PTTL', KEYS[4]) < slot_ttl + 60000 then redis.call('PEXPIRE', KEYS[4], slot_ttl + 60000) end\n"
    "end\n"
    "if probe == 1 then redis.call('SET', KEYS[3], '1', 'PX', ARGV[s + 3]) end\n"
    "return {0, 0, 0, 0, probe, now}\n";

/* SETTLE. KEYS as ADMIT. ARGV: prefix, window count, then name, window_ms,
   add per window, then slot id ("" none), at_ms, cool_ms, and "1" close
   (the half-open state ends), "2" drop the probe token, "0" neither.
   Returns {0, 0, 0, 0, 0, now_ms}. */
static const char llm__redis_settle_lua[] =
    "-- llm_settle_v1\n"
    "if redis.replicate_commands then redis.replicate_commands() end\n"
    "local t = redis.call('TIME')\n"
    "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
    "local n = tonumber(ARGV[2])\n"
    "local s = 3 + n * 3\n"
    "if ARGV[s] ~= '' then redis.call('ZREM', KEYS[4], ARGV[s]) end\n"
    "local at = tonumber(ARGV[s + 1])\n"
    "if at <= 0 then at = now end\n"
    "for i = 0, n - 1 do\n"
    "  local b = 3 + i * 3\n"
    "  local w = tonumber(ARGV[b + 1])\n"
    "  local add = tonumber(ARGV[b + 2])\n"
    "  local start = now - (now % w)\n"
    "  if add ~= 0 and at - (at % w) == start then\n"
    "    local k = ARGV[1] .. ':' .. ARGV[b] .. ':' .. string.format('%.0f', start)\n"
    "    redis.call('INCRBY', k, add)\n"
    "    redis.call('PEXPIRE', k, w - (now % w) + 60000)\n"
    "  end\n"
    "end\n"
    "local cool = tonumber(ARGV[s + 2])\n"
    "if cool > 0 then\n"
    "  redis.call('SET', KEYS[1], '1', 'PX', cool)\n"
    "  redis.call('SET', KEYS[2], '1', 'PX', cool + 86400000)\n"
    "  redis.call('DEL', KEYS[3])\n"
    "end\n"
    "if ARGV[s + 3] == '1' then redis.call('DEL', KEYS[2], KEYS[3]) end\n"
    "if ARGV[s + 3] == '2' then redis.call('DEL', KEYS[3]) end\n"
    "return {0, 0, 0, 0, 0, now}\n";

static const char *const llm__redis_scripts[2] = {llm__redis_admit_lua, llm__redis_settle_lua};

static llm_result llm__redis_fail(llm_error *err, llm_result code, const char *fmt, ...) {
    va_list ap;
    if (!err) return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

static void *llm__redis_alloc(const llm_allocator *a, size_t n) {
    return a->alloc ? a->alloc(a->user, n) : malloc(n);
}

static void llm__redis_free_str(const llm_allocator *a, char *p) {
    size_t n;
    if (!p) return;
    n = strlen(p) + 1;
    memset(p, 0, n); /* a password leaves no copy in freed memory */
    if (a->free) a->free(a->user, p, n);
    else free(p);
}

static int llm__redis_hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A copy of s[0..n) with %XX decoded; NULL (and *bad) on a bad escape. */
static char *llm__redis_dup(const llm_allocator *a, const char *s, size_t n, bool decode, bool *bad) {
    char *p = (char *)llm__redis_alloc(a, n + 1);
    size_t i, k = 0;
    if (!p) return NULL;
    for (i = 0; i < n; i++) {
        if (decode && s[i] == '%') {
            int h = i + 2 < n ? llm__redis_hex(s[i + 1]) : -1, l = i + 2 < n ? llm__redis_hex(s[i + 2]) : -1;
            if (h < 0 || l < 0 || (h == 0 && l == 0)) {
                *bad = true;
                memset(p, 0, n + 1);
                if (a->free) a->free(a->user, p, n + 1);
                else free(p);
                return NULL;
            }
            p[k++] = (char)(h * 16 + l);
            i += 2;
        } else {
            p[k++] = s[i];
        }
    }
    p[k] = '\0';
    return p;
}

static void llm__redis_drop_parts(llm_redis_store *s) {
    llm__redis_free_str(&s->alloc_, s->host_);
    llm__redis_free_str(&s->alloc_, s->user_);
    llm__redis_free_str(&s->alloc_, s->password_);
    s->host_ = s->user_ = s->password_ = NULL;
}

/* redis://[[user]:password@]host[:port][/db] into the store's parts. */
static llm_result llm__redis_parse_url(llm_redis_store *s, const char *url, llm_error *err) {
    const char *p, *at, *host, *host_end, *slash, *colon = NULL, *end;
    bool bad = false, ipv6;
    long v;
    char *num_end;
    if (!url || !*url) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: no URL");
    if (strncmp(url, "rediss://", 9) == 0)
        return llm__redis_fail(err, LLM_ERR_UNSUPPORTED,
                               "redis store: rediss:// (TLS) is not supported: the linked hiredis has no TLS; "
                               "use redis:// on a private network or through a TLS tunnel");
    if (strncmp(url, "redis://", 8) != 0)
        return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT,
                               "redis store: the URL must start with redis:// (redis://[:password@]host:port[/db])");
    p = url + 8;
    end = p + strlen(p);
    slash = strchr(p, '/');
    if (!slash) slash = end;
    at = NULL;
    {
        const char *q;
        for (q = p; q < slash; q++)
            if (*q == '@') at = q; /* the last @ before the path: a password may hold none unescaped, but be kind */
    }
    if (at) {
        const char *c = (const char *)memchr(p, ':', (size_t)(at - p));
        if (!c) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: user info without ':password'");
        if (c > p && !(s->user_ = llm__redis_dup(&s->alloc_, p, (size_t)(c - p), true, &bad))) goto fail;
        if (!(s->password_ = llm__redis_dup(&s->alloc_, c + 1, (size_t)(at - c - 1), true, &bad))) goto fail;
        host = at + 1;
    } else {
        host = p;
    }
    ipv6 = *host == '[';
    if (ipv6) {
        host_end = (const char *)memchr(host, ']', (size_t)(slash - host));
        if (!host_end) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: '[' without ']'");
        if (host_end + 1 < slash && host_end[1] == ':') colon = host_end + 1;
        else if (host_end + 1 != slash)
            return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: junk after the IPv6 host");
        host++;
    } else {
        colon = (const char *)memchr(host, ':', (size_t)(slash - host));
        host_end = colon ? colon : slash;
    }
    if (host_end == host) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: no host in the URL");
    if (!(s->host_ = llm__redis_dup(&s->alloc_, host, (size_t)(host_end - host), false, &bad))) goto fail;
    s->port_ = 6379;
    if (colon) {
        v = strtol(colon + 1, &num_end, 10);
        if (num_end != slash || colon + 1 == slash || v < 1 || v > 65535)
            return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: the port must be 1 to 65535");
        s->port_ = (int)v;
    }
    s->db_ = 0;
    if (slash < end && slash + 1 < end) {
        v = strtol(slash + 1, &num_end, 10);
        if (*num_end || v < 0 || v > 1000000)
            return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: the path must be a db number");
        s->db_ = (int)v;
    }
    snprintf(s->name_, sizeof s->name_, "redis://%s%s%s:%d/%d", ipv6 ? "[" : "", s->host_, ipv6 ? "]" : "", s->port_,
             s->db_);
    return LLM_OK;
fail:
    if (bad) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: a bad %%XX escape in the user info");
    return llm__redis_fail(err, LLM_ERR_NO_MEMORY, "redis store: out of memory");
}

LLM_REDIS_API llm_result llm_redis_store_init(llm_redis_store *s, const llm_redis_options *o, llm_error *err) {
    llm_result r;
    if (!s || !o) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_redis_store_init: NULL argument");
    memset(s, 0, sizeof *s);
    if (o->alloc.alloc && (!o->alloc.free || !o->alloc.realloc))
        return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT,
                               "redis store: an allocator needs alloc, realloc and free");
    s->alloc_ = o->alloc;
    s->connect_timeout_ms_ = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 1000;
    s->command_timeout_ms_ = o->command_timeout_ms > 0 ? o->command_timeout_ms : 500;
    if ((r = llm__redis_parse_url(s, o->url, err)) != LLM_OK) {
        llm__redis_drop_parts(s);
        return r;
    }
    if (err) memset(err, 0, sizeof *err);
    return LLM_OK;
}

static void llm__redis_disconnect(llm_redis_store *s) {
    if (s->ctx_) redisFree((redisContext *)s->ctx_);
    s->ctx_ = NULL;
    s->sha_[0][0] = s->sha_[1][0] = '\0';
}

LLM_REDIS_API void llm_redis_store_free(llm_redis_store *s) {
    if (!s) return;
    llm__redis_disconnect(s);
    llm__redis_drop_parts(s);
    memset(s, 0, sizeof *s);
}

LLM_REDIS_API uint64_t llm_redis_store_round_trips(const llm_redis_store *s) { return s ? s->round_trips_ : 0; }

static struct timeval llm__redis_tv(int ms) {
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
    return tv;
}

/* A failed connection's error: TIMEOUT for a timeout, else TRANSPORT. */
static llm_result llm__redis_io_error(llm_redis_store *s, llm_error *err, const char *what) {
    redisContext *c = (redisContext *)s->ctx_;
    const char *why = c && c->errstr[0] ? c->errstr : "no reply";
    bool timeout = c && c->err == REDIS_ERR_IO && (strstr(why, "temporarily unavailable") || strstr(why, "timed out"));
    llm_result r = llm__redis_fail(err, timeout ? LLM_ERR_TIMEOUT : LLM_ERR_TRANSPORT, "%s: %s%s", what,
                                   timeout ? "no answer within the command timeout: " : "", why);
    llm__redis_disconnect(s);
    return r;
}

/* One command; its reply (free with freeReplyObject), or NULL with err. */
static redisReply *llm__redis_command(llm_redis_store *s, int argc, const char **argv, const size_t *len,
                                      llm_error *err) {
    redisReply *rep;
    s->round_trips_++;
    rep = (redisReply *)redisCommandArgv((redisContext *)s->ctx_, argc, argv, len);
    if (!rep) llm__redis_io_error(s, err, argv[0]);
    return rep;
}

/* A reply that must be OK (AUTH, SELECT). */
static llm_result llm__redis_expect_ok(llm_redis_store *s, int argc, const char **argv, llm_error *err) {
    size_t len[3];
    int i;
    redisReply *rep;
    for (i = 0; i < argc; i++) len[i] = strlen(argv[i]);
    if (!(rep = llm__redis_command(s, argc, argv, len, err))) return err ? err->code : LLM_ERR_TRANSPORT;
    if (rep->type == REDIS_REPLY_ERROR) {
        bool auth = strncmp(rep->str, "WRONGPASS", 9) == 0 || strncmp(rep->str, "NOAUTH", 6) == 0;
        llm_result r = llm__redis_fail(err, auth ? LLM_ERR_AUTHENTICATION : LLM_ERR_UNAVAILABLE, "%s: %.200s",
                                       argv[0], rep->str);
        freeReplyObject(rep);
        llm__redis_disconnect(s);
        return r;
    }
    freeReplyObject(rep);
    return LLM_OK;
}

static llm_result llm__redis_load(llm_redis_store *s, int which, llm_error *err) {
    const char *argv[3];
    size_t len[3];
    redisReply *rep;
    argv[0] = "SCRIPT";
    argv[1] = "LOAD";
    argv[2] = llm__redis_scripts[which];
    len[0] = 6;
    len[1] = 4;
    len[2] = strlen(argv[2]);
    if (!(rep = llm__redis_command(s, 3, argv, len, err))) return err ? err->code : LLM_ERR_TRANSPORT;
    if (rep->type != REDIS_REPLY_STRING || rep->len != 40) {
        llm_result r = llm__redis_fail(err, LLM_ERR_UNAVAILABLE, "SCRIPT LOAD: %.200s",
                                       rep->type == REDIS_REPLY_ERROR ? rep->str : "an unexpected reply");
        freeReplyObject(rep);
        llm__redis_disconnect(s);
        return r;
    }
    memcpy(s->sha_[which], rep->str, 40);
    s->sha_[which][40] = '\0';
    freeReplyObject(rep);
    return LLM_OK;
}

/* A live connection: connected, authenticated, its db selected. */
static llm_result llm__redis_connect(llm_redis_store *s, llm_error *err) {
    redisContext *c;
    llm_result r;
    if (s->ctx_ && ((redisContext *)s->ctx_)->err == 0) return LLM_OK;
    llm__redis_disconnect(s);
    c = redisConnectWithTimeout(s->host_, s->port_, llm__redis_tv(s->connect_timeout_ms_));
    if (!c) return llm__redis_fail(err, LLM_ERR_NO_MEMORY, "redis: out of memory");
    s->ctx_ = c;
    if (c->err) return llm__redis_io_error(s, err, "connect");
    llm_redis_reader_bound(c->reader);
    if (redisSetTimeout(c, llm__redis_tv(s->command_timeout_ms_)) != REDIS_OK)
        return llm__redis_io_error(s, err, "set timeout");
    redisEnableKeepAlive(c);
    if (s->password_) {
        const char *argv[3];
        argv[0] = "AUTH";
        argv[1] = s->user_ ? s->user_ : s->password_;
        argv[2] = s->password_;
        if ((r = llm__redis_expect_ok(s, s->user_ ? 3 : 2, argv, err)) != LLM_OK) return r;
    }
    if (s->db_) {
        char db[16];
        const char *argv[2];
        snprintf(db, sizeof db, "%d", s->db_);
        argv[0] = "SELECT";
        argv[1] = db;
        if ((r = llm__redis_expect_ok(s, 2, argv, err)) != LLM_OK) return r;
    }
    return LLM_OK;
}

static bool llm__redis_int(const redisReply *r, long long *v) {
    if (!r || r->type != REDIS_REPLY_INTEGER) return false;
    *v = r->integer;
    return true;
}

LLM_REDIS_API llm_result llm_redis_store_read_reply(const void *reply, llm_store_op *op, llm_error *err) {
    const redisReply *r = (const redisReply *)reply;
    long long v[6];
    size_t i;
    if (!r || !op) return llm__redis_fail(err, LLM_ERR_PARSE, "redis: no reply");
    if (r->type == REDIS_REPLY_ERROR)
        return llm__redis_fail(err, LLM_ERR_UNAVAILABLE, "redis: %.*s", (int)(r->len < 200 ? r->len : 200),
                               r->str ? r->str : "");
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 6 || !r->element)
        return llm__redis_fail(err, LLM_ERR_PARSE, "redis: the script answered an unexpected reply");
    for (i = 0; i < 6; i++)
        if (!llm__redis_int(r->element[i], &v[i]))
            return llm__redis_fail(err, LLM_ERR_PARSE, "redis: the script answered a non-integer");
    if (v[0] < LLM_STORE_ADMITTED || v[0] > LLM_STORE_PROBING || v[1] < 0 || v[1] >= LLM_STORE_MAX_WINDOWS ||
        v[3] < 0 || (v[4] != 0 && v[4] != 1) || v[5] < 0)
        return llm__redis_fail(err, LLM_ERR_PARSE, "redis: the script answered values out of range");
    op->refusal = (llm_store_refusal)v[0];
    op->window = (int)v[1];
    op->count = v[2];
    op->wait_ms = v[3];
    op->probe = v[4] == 1;
    op->now_ms = v[5];
    return LLM_OK;
}

#define LLM__REDIS_MAX_ARGS (3 + 4 + 2 + LLM_STORE_MAX_WINDOWS * 5 + 4)

typedef struct llm__redis_args {
    const char *argv[LLM__REDIS_MAX_ARGS];
    size_t len[LLM__REDIS_MAX_ARGS];
    int argc;
    char keys[4][LLM__REDIS_MAX_PREFIX + 16];
    char nums[LLM__REDIS_MAX_ARGS][24];
    int num;
} llm__redis_args;

static void llm__redis_arg(llm__redis_args *a, const char *s) {
    a->argv[a->argc] = s;
    a->len[a->argc++] = strlen(s);
}

static void llm__redis_arg_num(llm__redis_args *a, long long v) {
    char *b = a->nums[a->num++];
    snprintf(b, 24, "%lld", v);
    llm__redis_arg(a, b);
}

/* EVALSHA sha 4 cooldown halfopen probe inflight prefix n windows... slot... */
static llm_result llm__redis_build(const llm_redis_store *s, const llm_store_op *op, llm__redis_args *a,
                                   llm_error *err) {
    static const char *const names[4] = {"cooldown", "halfopen", "probe", "inflight"};
    int i, which = op->kind == LLM_STORE_ADMIT ? 0 : 1;
    if (!op->prefix || strlen(op->prefix) > LLM__REDIS_MAX_PREFIX)
        return llm__redis_fail(err, LLM_ERR_LIMIT_EXCEEDED, "redis store: a key prefix over %d bytes",
                               LLM__REDIS_MAX_PREFIX);
    if (op->window_count < 0 || op->window_count > LLM_STORE_MAX_WINDOWS)
        return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: window_count out of range");
    a->argc = a->num = 0;
    llm__redis_arg(a, "EVALSHA");
    llm__redis_arg(a, s->sha_[which]);
    llm__redis_arg(a, "4");
    for (i = 0; i < 4; i++) {
        snprintf(a->keys[i], sizeof a->keys[i], "%s:%s", op->prefix, names[i]);
        llm__redis_arg(a, a->keys[i]);
    }
    llm__redis_arg(a, op->prefix);
    llm__redis_arg_num(a, op->window_count);
    for (i = 0; i < op->window_count; i++) {
        const llm_store_window *w = &op->windows[i];
        if (!w->name || w->window_ms <= 0)
            return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: a window without name or length");
        llm__redis_arg(a, w->name);
        llm__redis_arg_num(a, w->window_ms);
        if (which == 0) {
            llm__redis_arg_num(a, w->limit);
            llm__redis_arg_num(a, w->need);
        }
        llm__redis_arg_num(a, w->add);
    }
    llm__redis_arg(a, op->slot_id ? op->slot_id : "");
    if (which == 0) {
        llm__redis_arg_num(a, op->slot_id ? op->slot_limit : 0);
        llm__redis_arg_num(a, op->slot_ttl_ms > 0 ? op->slot_ttl_ms : 600000);
        llm__redis_arg_num(a, op->probe_ttl_ms > 0 ? op->probe_ttl_ms : 600000);
    } else {
        llm__redis_arg_num(a, op->at_ms);
        llm__redis_arg_num(a, op->cool_ms);
        llm__redis_arg(a, op->close ? "1" : op->drop_probe ? "2" : "0");
    }
    return LLM_OK;
}

/* READ: PTTL of each deployment's cooldown key, pipelined (one round
   trip; plain commands, so the keys may sit on different cluster slots). */
static llm_result llm__redis_read(llm_redis_store *s, llm_store_op *op, llm_error *err) {
    redisContext *c = (redisContext *)s->ctx_;
    char key[LLM__REDIS_MAX_PREFIX + 16];
    int i;
    if (op->read_count < 0 || op->read_count > LLM_STORE_MAX_READ)
        return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: read_count out of range");
    for (i = 0; i < op->read_count; i++) {
        const char *argv[2];
        size_t len[2];
        if (!op->read_prefixes[i] || strlen(op->read_prefixes[i]) > LLM__REDIS_MAX_PREFIX)
            return llm__redis_fail(err, LLM_ERR_LIMIT_EXCEEDED, "redis store: a key prefix over %d bytes",
                                   LLM__REDIS_MAX_PREFIX);
        snprintf(key, sizeof key, "%s:cooldown", op->read_prefixes[i]);
        argv[0] = "PTTL";
        argv[1] = key;
        len[0] = 4;
        len[1] = strlen(key);
        if (redisAppendCommandArgv(c, 2, argv, len) != REDIS_OK) return llm__redis_io_error(s, err, "PTTL");
    }
    s->round_trips_++;
    for (i = 0; i < op->read_count; i++) {
        void *v = NULL;
        redisReply *rep;
        if (redisGetReply(c, &v) != REDIS_OK || !v) return llm__redis_io_error(s, err, "PTTL");
        rep = (redisReply *)v;
        if (rep->type != REDIS_REPLY_INTEGER) {
            llm_result r = llm__redis_fail(err, rep->type == REDIS_REPLY_ERROR ? LLM_ERR_UNAVAILABLE : LLM_ERR_PARSE,
                                           "PTTL: %s", rep->type == REDIS_REPLY_ERROR ? rep->str : "not an integer");
            freeReplyObject(rep);
            llm__redis_disconnect(s); /* the replies left would answer the next command */
            return r;
        }
        op->read_cooldown_ms[i] = rep->integer > 0 ? rep->integer : 0;
        freeReplyObject(rep);
    }
    return LLM_OK;
}

LLM_REDIS_API llm_result llm_redis_store_run(void *store, llm_store_op *op, llm_error *err) {
    llm_redis_store *s = (llm_redis_store *)store;
    llm__redis_args a;
    redisReply *rep;
    llm_result r;
    int which, tries;
    if (!s || !op || (op->kind != LLM_STORE_ADMIT && op->kind != LLM_STORE_SETTLE && op->kind != LLM_STORE_READ))
        return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: NULL store or operation");
    if (!s->host_) return llm__redis_fail(err, LLM_ERR_INVALID_ARGUMENT, "redis store: not initialized");
    which = op->kind == LLM_STORE_ADMIT ? 0 : 1;
    if ((r = llm__redis_connect(s, err)) != LLM_OK) return r;
    if (op->kind == LLM_STORE_READ) return llm__redis_read(s, op, err);
    for (tries = 0;; tries++) {
        if (!s->sha_[which][0] && (r = llm__redis_load(s, which, err)) != LLM_OK) return r;
        if ((r = llm__redis_build(s, op, &a, err)) != LLM_OK) return r;
        if (!(rep = llm__redis_command(s, a.argc, a.argv, a.len, err))) return err ? err->code : LLM_ERR_TRANSPORT;
        if (rep->type == REDIS_REPLY_ERROR && strncmp(rep->str, "NOSCRIPT", 8) == 0 && tries == 0) {
            freeReplyObject(rep); /* a restart or SCRIPT FLUSH dropped it: load it again, once */
            s->sha_[which][0] = '\0';
            continue;
        }
        break;
    }
    r = llm_redis_store_read_reply(rep, op, err);
    freeReplyObject(rep);
    return r;
}

LLM_REDIS_API llm_router_store llm_redis_router_store(llm_redis_store *s) {
    llm_router_store st;
    memset(&st, 0, sizeof st);
    st.run = llm_redis_store_run;
    st.user = s;
    st.name = s ? s->name_ : NULL;
    return st;
}

#endif /* LLM_REDIS_IMPLEMENTATION */
