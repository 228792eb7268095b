/* llm.h - v0.1.0 - multi-provider LLM API client - MIT licence (text at end)

   One header that lets a C program talk to LLM APIs: OpenAI, Anthropic,
   OpenRouter, Gemini, Azure OpenAI and every OpenAI-compatible server.
   It does no I/O of its own: the caller hands it an HTTP transport.

   DO THIS
   -------
   In exactly one C or C++ file, before the include:

       #define LLM_IMPLEMENTATION
       #include "llm.h"

   Everywhere else include "llm.h" alone. Define LLM_STATIC (everywhere) for
   a private copy whose functions are all `static`. `llm.c` in the
   repository is that one file, for people who want an ordinary object file.

   TL;DR
   -----
   A chat completion through the caller's transport (see llm_transport):

       #include <stdio.h>
       #include "llm.h"

       int hello(llm_transport transport, const char *api_key) {
           llm_client_desc desc = {0};
           llm_client client;
           llm_message msg = {.role = LLM_ROLE_USER, .content = "Say hello."};
           llm_request req = {0};
           llm_response resp;
           llm_error err;
           desc.api_key = api_key;
           desc.transport = transport;
           if (llm_client_init(&client, &desc, &err) != LLM_OK) {
               fprintf(stderr, "%s: %s\n", llm_result_str(err.code), err.message);
               return 1;
           }
           req.model = "gpt-4o-mini";
           req.messages = &msg;
           req.message_count = 1;
           if (llm_complete(&client, &req, &resp, &err) != LLM_OK) {
               fprintf(stderr, "%s: %s\n", llm_result_str(err.code), err.message);
               return 1;
           }
           printf("%s\n", resp.choices[0].content);
           llm_response_free(&resp);
           return 0;
       }

   The same through the sans-I/O call, for a game loop: llm_call_begin_stream
   gives the HTTP request to send; each frame, llm_call_feed_body with the
   bytes that arrived, then llm_call_next_event until LLM_AGAIN;
   llm_call_finish at the end (examples/game_loop.c).

   TABLE OF CONTENTS
   -----------------
   Configuration macros . Concepts and ownership . Errors . Limits and
   deadlines . Thread safety . Security . What llm.h does NOT do . Recent
   changes. The declarations follow, then the implementation, both in the
   order the data flows: base, json, sse, http, tokens, costs, (the wire
   kit,) events, providers, call, client, conversation, router, the
   OpenAI-body reader. The implementation opens with an index of its
   sections; each is marked `// >>name: purpose` (grep for `// >>call`),
   uses only the sections above it, and `make check-sections` keeps it so.

   CONFIGURATION MACROS
   --------------------
   | macro                   | default        | define it              |
   |-------------------------|----------------|------------------------|
   | LLM_IMPLEMENTATION      | -              | one TU                 |
   | LLM_STATIC              | off            | everywhere             |
   | LLM_API                 | extern         | everywhere             |
   | LLM_ASSERT(c)           | assert(c)      | implementation TU      |
   | LLM_NO_STDIO            | off            | everywhere             |
   | LLM_NO_COSTS            | off            | everywhere             |
   | LLM_NO_COSTS_TABLE      | off            | implementation TU      |
   | LLM_NO_BPE              | off            | everywhere             |
   | LLM_NO_SIMD             | off            | implementation TU      |
   | LLM_NO_PROVIDER_OPENAI  | off            | implementation TU      |
   | LLM_NO_PROVIDER_ANTHROPIC| off           | implementation TU      |
   | LLM_NO_PROVIDER_GEMINI  | off            | implementation TU      |
   | LLM_DEFAULT_ALLOC(n)    | malloc         | impl TU, all or none   |
   | LLM_DEFAULT_REALLOC(p,n)| realloc        | impl TU, all or none   |
   | LLM_DEFAULT_FREE(p)     | free           | impl TU, all or none   |
   | LLM_JSON_MAX_DEPTH      | 512            | implementation TU      |
   | LLM_MAX_RESPONSE_BYTES  | 64 MiB         | implementation TU      |
   | LLM_USAGE_MAX_TOKENS    | 10^8           | implementation TU      |
   | LLM_ROUTER_MAX_CHARGE_USD| 100           | implementation TU      |
   | LLM_CALL_MAX_HEADERS    | 32             | everywhere (struct)    |
   | LLM_ERROR_MESSAGE_SIZE  | 256            | everywhere (struct)    |

   LLM_NO_COSTS leaves out prices and model facts; LLM_NO_COSTS_TABLE keeps
   the runtime price database but not the embedded table (costs_embedded.h,
   about 200 KB compiled); LLM_NO_BPE leaves out the vocabularies (the token
   estimator and chat counting stay). LLM_NO_PROVIDER_<NAME> leaves a wire
   format and its presets out (llm_wire_*() then returns NULL and
   llm_provider_find does not know them). LLM_ASSERT only catches programmer
   errors (a NULL document); bytes from the network or a file never trigger
   it. `llm_limits()` tells at run time which limits the implementation was
   compiled with.

   CONCEPTS AND OWNERSHIP
   ----------------------
   Structs are plain and work zeroed: a zero field means "the default";
   where zero is a real value a `has_` flag says the field is set. Every
   allocation goes through an `llm_allocator` (zeroed = malloc/realloc/
   free). An object that allocates (a JSON document, a writer, a call, a
   router, a vocabulary, a price database) owns its memory until its
   `*_free`/`*_deinit` function; freeing a zeroed object is a no-op. A
   response owns one arena: every string of it is NUL-terminated there, and
   `llm_response_free` releases all of it. Strings going in (requests, client
   descs) are the caller's and are not copied until they are encoded.

   ERRORS
   ------
   Every function that can fail returns an `llm_result` (LLM_OK = 0, errors
   are negative) and fills an optional `llm_error *` (NULL is accepted) with
   a sentence, the HTTP status, the provider's error type and code, and for
   parse errors the byte offset. Filling it never allocates and it never
   contains an API key. `llm_result_str(code)` names a code.

       codes      meaning
       0          LLM_OK
       1, 2       LLM_AGAIN (a state machine needs more input), LLM_DONE
       -1..-99    arguments, memory, limits
       -100..     transport: TRANSPORT, TIMEOUT, CANCELLED
       -200..     HTTP and provider answers (401 -> AUTHENTICATION, ...)
       -300..     parse and protocol: PARSE, TRUNCATED
       -400..     models, router and budget

   LIMITS AND DEADLINES
   --------------------
   What bounds the memory and time an answer can cost, whatever the server
   sends (the first limit passed ends the call with its error; a stream
   keeps what arrived):
       whole answer       client.max_response_bytes (0 = LLM_MAX_RESPONSE_BYTES,
                          64 MiB): a larger body is LLM_ERR_LIMIT_EXCEEDED
       stream             request.stream.max_bytes (0 = max_response_bytes):
                          bytes received, and the answer accumulated
       SSE line or event  llm_sse.max_size (16 MiB): LLM_ERR_PARSE
       headers, trailers  LLM_MAX_HEADER_BYTES (256 KiB; llm_limits()) for
                          the answer's header and trailer lines together:
                          LLM_ERR_LIMIT_EXCEEDED (the curl adapter counts
                          every line libcurl hands it, the call every
                          header fed to it)
       JSON nesting       LLM_JSON_MAX_DEPTH (512)
       choices            below the request's n (1 when unset), 128 when
                          decoding recorded bytes: a higher index is PARSE
       tool calls         1024 per choice; each must name its function in
                          its first delta (PARSE otherwise)
       token counts       0 ... 2^53, and at most what the request could
                          produce: 8 times the model's context (its
                          max_input_tokens + max_output_tokens in the price
                          table; the factor leaves room for a table that
                          lags a model's longer-context options), at most
                          LLM_USAGE_MAX_TOKENS (10^8) and that ceiling when
                          the table knows no limit (the total: twice the
                          bound of its parts). A usage with any other
                          count is refused: usage.source MISSING,
                          response.usage_refused, the library's estimate in
                          response.usage_estimate
       router charges     one answer charges a budget at most
                          LLM_ROUTER_MAX_CHARGE_USD ($100)
       prices             0 ... $1 per token ($1000 per image, second,
                          character, query or request): a table with another
                          is refused whole
   Deadlines, checked against the times the driver passes in (llm_stream
   uses the client's clock_ms hook, else the platform's monotonic clock;
   with neither it checks none of them):
       request.timeout_ms             the whole non-streamed exchange (the
                                      transport enforces it)
       stream.first_token_timeout_ms  from begin to the first text,
                                      reasoning, refusal or tool call
       stream.stall_timeout_ms        between such events
       stream.total_timeout_ms        from begin to the stream's end
   Each is LLM_ERR_TIMEOUT; 0 means none. A stream has no total deadline
   unless one is set: a healthy long answer is not cut.
   A whole answer (a stream past its end marker, a body followed by its
   trailers) is the answer, whatever follows it. What is left of the
   transfer ends at the first of: a deadline above, 1 s after the end
   marker, the header limit, stream.max_bytes; the transport is then told
   to stop (LLM_DONE) and drops the connection. A transport failure after
   a whole answer (a timeout, a cut) does not undo it.

   THREAD SAFETY
   -------------
   No global or static mutable data. An object may move between threads but
   must not be used by two at once, with one exception: a client is
   read-only once initialised, so calls on one llm_client may run in
   several threads at once (its transport and hooks must allow it). Pure
   functions (`llm_result_str`, `llm_json_*` lookups on a finished
   document) are safe anywhere.

   SECURITY
   --------
   The key goes in one header, built in the call's memory and wiped before
   that memory is freed (the router wipes its copies too); it is scrubbed,
   whole or as any run of 8 or more of its first bytes, from every error
   field and log line, and control bytes in header values, ids and the base
   URL are refused. What a transport must do:
   verify TLS certificates and host names (turning that off is for tests);
   never follow redirects (libcurl strips only Authorization and Cookie on
   another host: x-api-key, api-key and x-goog-api-key would leak; treat a
   3xx as an error); send keys only over https:// except to loopback (the
   call refuses to build a request that would, unless the desc sets
   allow_plain_http), and never send a loopback request through a proxy;
   never log request headers, or redact every auth header's value when it
   does and scrub every line it logs of llm_http_request.secret
   (llm_scrub_copy: a server may echo the key); count trailers with the
   headers (LLM_MAX_HEADER_BYTES). The price table llm_costs_refresh fetches is not authenticated:
   fetch it over https from a source you trust (its prices are checked for
   sanity, not truth), or keep the embedded table.

   WHAT llm.h DOES NOT DO
   ----------------------
   It opens no sockets and reads no clock on its own (the default clock of
   the router and of the blocking drivers aside, where POSIX has one, and a
   high-resolution clock read as the entropy of request ids); it never
   prints unless a caller-supplied log callback is set. Its HTTP transport
   is the caller's: llm_curl_adapter.h, a companion header, is one over
   libcurl. It speaks four wire formats both ways (OpenAI chat completions
   and every compatible server, OpenAI's Responses API, Anthropic Messages,
   Gemini generateContent); beyond chat, OpenAI's model list and remote
   token count, and no more yet (embeddings, readiness probes). Each process has its own
   router: nothing is shared across processes.

   RECENT CHANGES (the last five; CHANGELOG.md has them all)
   --------------
   - OpenAI's Responses API (llm_openai_api): openai/responses/... and
     azure/responses/..., a switch on the client or request, and the models
     only it serves (price-table mode "responses"); store false unless
     asked; reasoning items with their encrypted content carried back
     (LLM_REASONING_ITEM); built-in and MCP tools (llm_request.tools_json)
   - usage as the provider reported it: llm_usage.source (MISSING,
     REPORTED, ESTIMATED) for present/estimated; the estimate apart in
     response.usage_estimate; streamed usage from any chunk, merged field by
     field; absurd usage refused (usage_refused); one answer charges a
     router budget at most LLM_ROUTER_MAX_CHARGE_USD
   - reasoning that remembers its origin: blocks record the provider, the
     base URL's origin and the model, and go back there only; Anthropic's
     "Invalid `signature`" 400 sent again once without them; Gemini's
     args that is not an object kept, flagged and sent back as it came
   - calls users trust (#21): llm_complete and llm_stream retry as the
     SDKs do (the router's rules, one // >>retry section); an
     Idempotency-Key on every request, seeds from the system's entropy;
     text alone sent as a string; tool arguments that are not JSON kept,
     flagged; the router's latency_ms and attempts cover the whole request
   - the file re-cut (#20): sections that read down in the order the data
     flows, an index of them, one private prefix per section; the wire
     format's decode_usage slot (llm_wire_usage_decode) and reasoning_blocks
     flag; llm_client_desc_defaults; LLM_QUIRK_NO_STREAM_USAGE removed
   - Gemini native (#15): generateContent and its stream, function calls,
     thoughtSignature kept and sent back to Gemini only, the schema dialect
*/
/* The implementation reads a monotonic clock for the router's defaults.
   Under a strict ISO mode (-std=c99) glibc and musl hide POSIX's
   clock_gettime and nanosleep unless a feature macro is defined before the
   first system header: when this is the implementation's include and no
   system header came before it, llm.h asks for POSIX.1-2008 itself (only
   then: it never changes a TU that already chose its features). When system
   headers came first, the router falls back to time() and sleep() (see
   llm_router_desc.clock_ms). */
#if defined(LLM_IMPLEMENTATION) && !defined(LLM_H_INCLUDED) && defined(__linux__) && defined(__STRICT_ANSI__) && \
    !defined(_FEATURES_H) && !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) && \
    !defined(_DEFAULT_SOURCE) && !defined(LLM_NO_FEATURE_MACROS)
#define _POSIX_C_SOURCE 200809L
#endif

#ifndef LLM_H_INCLUDED
#define LLM_H_INCLUDED

#define LLM_VERSION_MAJOR 0
#define LLM_VERSION_MINOR 1
#define LLM_VERSION_PATCH 0
#define LLM_VERSION_STRING "0.1.0"
#define LLM_VERSION_NUM 0x000100

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifndef LLM_API
#  if defined(LLM_STATIC) && (defined(__GNUC__) || defined(__clang__))
#    define LLM_API static __attribute__((unused))
#  elif defined(LLM_STATIC)
#    define LLM_API static
#  elif defined(_WIN32) && defined(LLM_DLL) && defined(LLM_IMPLEMENTATION)
#    define LLM_API __declspec(dllexport)
#  elif defined(_WIN32) && defined(LLM_DLL)
#    define LLM_API __declspec(dllimport)
#  else
#    define LLM_API extern
#  endif
#endif

#ifndef LLM_ERROR_MESSAGE_SIZE
#define LLM_ERROR_MESSAGE_SIZE 256
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* >>base: version, allocator, limits                                       */
/* ------------------------------------------------------------------------ */

/* The version compiled into the implementation (LLM_VERSION_NUM of that TU),
   so a stale object file is detectable. Safe anywhere. */
LLM_API uint32_t llm_version(void);

/* Every allocation of the library goes through one of these. A zeroed
   allocator means the LLM_DEFAULT_* functions (malloc/realloc/free).
   `realloc` and `free` receive the old size, for pool and arena allocators.
   When set, all three must be set. */
typedef struct llm_allocator {
    void *(*alloc)(void *user, size_t size);
    void *(*realloc)(void *user, void *ptr, size_t old_size, size_t new_size);
    void (*free)(void *user, void *ptr, size_t size);
    void *user;
} llm_allocator;

/* Zeroes n bytes in a way the compiler cannot drop as a dead store: for a
   copy of a key about to be freed (a transport's header lines). NULL is a
   no-op. Safe anywhere. */
LLM_API void llm_wipe(void *p, size_t n);

/* The limits this implementation was compiled with. */
typedef struct llm_limits_info {
    int json_max_depth;          /* LLM_JSON_MAX_DEPTH */
    size_t error_message_size;   /* LLM_ERROR_MESSAGE_SIZE */
    int64_t usage_max_tokens;    /* LLM_USAGE_MAX_TOKENS: above it a reported token count is refused */
    double router_max_charge_usd; /* LLM_ROUTER_MAX_CHARGE_USD: the most one answer charges a budget */
    size_t max_header_bytes;     /* LLM_MAX_HEADER_BYTES: an answer's headers and trailers together */
} llm_limits_info;

LLM_API llm_limits_info llm_limits(void);

/* ------------------------------------------------------------------------ */
/* >>base: result codes and errors                                          */
/* ------------------------------------------------------------------------ */

/* The one X-macro table of the library: code, value, description. */
#define LLM__RESULTS(X) \
    X(LLM_OK, 0, "success") \
    X(LLM_AGAIN, 1, "more input is needed") \
    X(LLM_DONE, 2, "finished") \
    X(LLM_ERR_INVALID_ARGUMENT, -1, "invalid argument") \
    X(LLM_ERR_NO_MEMORY, -2, "out of memory") \
    X(LLM_ERR_DISABLED, -3, "feature disabled at compile time") \
    X(LLM_ERR_UNSUPPORTED, -4, "not supported") \
    X(LLM_ERR_LIMIT_EXCEEDED, -5, "a configured limit was exceeded") \
    X(LLM_ERR_TRANSPORT, -100, "transport error") \
    X(LLM_ERR_TIMEOUT, -101, "timed out") \
    X(LLM_ERR_CANCELLED, -102, "cancelled") \
    X(LLM_ERR_BAD_REQUEST, -200, "bad request (HTTP 400/422)") \
    X(LLM_ERR_AUTHENTICATION, -201, "authentication failed (HTTP 401)") \
    X(LLM_ERR_PERMISSION, -202, "permission denied (HTTP 403)") \
    X(LLM_ERR_NOT_FOUND, -203, "not found (HTTP 404)") \
    X(LLM_ERR_PAYMENT_REQUIRED, -204, "payment required (HTTP 402)") \
    X(LLM_ERR_RATE_LIMITED, -205, "rate limited (HTTP 429)") \
    X(LLM_ERR_CONTEXT_WINDOW_EXCEEDED, -206, "context window exceeded") \
    X(LLM_ERR_CONTENT_POLICY, -207, "content policy violation") \
    X(LLM_ERR_SERVER, -208, "server error (HTTP 5xx)") \
    X(LLM_ERR_UNAVAILABLE, -209, "service unavailable or overloaded (HTTP 503/529)") \
    X(LLM_ERR_HTTP, -210, "unexpected HTTP status") \
    X(LLM_ERR_PARSE, -300, "malformed data") \
    X(LLM_ERR_TRUNCATED, -301, "data ended too early") \
    X(LLM_ERR_MODEL_UNKNOWN, -400, "model not in the model table") \
    X(LLM_ERR_NO_DEPLOYMENT, -401, "no deployment to pick") \
    X(LLM_ERR_BUDGET_EXCEEDED, -402, "budget exceeded")

#define LLM__RESULT_ENUM(name, value, text) name = value,
typedef enum llm_result { LLM__RESULTS(LLM__RESULT_ENUM) LLM__RESULT_LAST_ = -9999 } llm_result;
#undef LLM__RESULT_ENUM

/* The code's name ("LLM_ERR_RATE_LIMITED"); "LLM_ERR_UNKNOWN" for a value
   that is no code. Safe anywhere. */
LLM_API const char *llm_result_str(llm_result code);
/* A short description ("rate limited (HTTP 429)"). Safe anywhere. */
LLM_API const char *llm_result_description(llm_result code);

/* An optional boolean where "unset" (zero) means "leave it to the server"
   (or "not said"). */
typedef enum llm_tristate { LLM_UNSET = 0, LLM_TRUE = 1, LLM_FALSE = 2 } llm_tristate;

/* Details of a failure. Every field is filled (zero/empty when unknown); a
   zeroed llm_error means "nothing known", as a transport that memsets one
   expects. Strings that came from the network are stripped of control
   bytes and of the API key before they are cut to size. */
typedef struct llm_error {
    llm_result code;
    int http_status;              /* 0 when no HTTP answer was involved */
    char type[64];                /* provider's error type ("invalid_request_error") */
    char provider_code[64];       /* provider's error code ("context_length_exceeded") */
    char request_id[96];          /* provider's request id, when it sent one */
    char message[LLM_ERROR_MESSAGE_SIZE]; /* human sentence, never an API key */
    size_t offset;                /* byte offset of a parse error */
    bool has_retry_after;         /* the answer said when to retry: */
    int64_t retry_after_ms;       /* ...after this many ms (read only when has_retry_after) */
    llm_tristate should_retry;    /* x-should-retry: LLM_TRUE, LLM_FALSE, or LLM_UNSET when absent */
    bool retryable;               /* whether retrying the same request may help */
} llm_error;

/* Copies text that came from the network (a header line, a message) into
   dst[size] as the library's own errors and logs get it: every match of
   `secret` (whole, or a run of 8 or more of its first bytes) becomes
   "***", control bytes become spaces, and only then is it cut to size.
   Returns the length written (dst is NUL-terminated when size > 0).
   `secret` may be NULL; one shorter than 4 bytes is not looked for. A
   transport that logs scrubs every line with it (the curl adapter does,
   with llm_http_request.secret). Safe anywhere. */
LLM_API size_t llm_scrub_copy(char *dst, size_t size, const char *text, size_t len, const char *secret);

/* ------------------------------------------------------------------------ */
/* >>base: requests, messages, responses, usage                             */
/* ------------------------------------------------------------------------ */

typedef enum llm_role {
    LLM_ROLE_USER = 0,
    LLM_ROLE_SYSTEM,
    LLM_ROLE_DEVELOPER,
    LLM_ROLE_ASSISTANT,
    LLM_ROLE_TOOL
} llm_role;

typedef enum llm_part_type {
    LLM_PART_TEXT = 0,
    LLM_PART_IMAGE_URL,     /* an http(s) or data: URL */
    LLM_PART_IMAGE_BASE64,  /* base64 bytes plus a media type */
    LLM_PART_DOCUMENT       /* a document (PDF): base64 plus media_type ("application/pdf"), or url */
} llm_part_type;

/* Prompt caching, where the provider takes a marker (Anthropic's
   cache_control): the prefix of the prompt up to and including what is
   marked is cached. Other wire formats ignore it (OpenAI caches by itself). */
typedef enum llm_cache {
    LLM_CACHE_NONE = 0,
    LLM_CACHE_5M,           /* {"type":"ephemeral"}: five minutes */
    LLM_CACHE_1H            /* {"type":"ephemeral","ttl":"1h"} */
} llm_cache;

typedef enum llm_image_detail {
    LLM_DETAIL_DEFAULT = 0,
    LLM_DETAIL_AUTO,
    LLM_DETAIL_LOW,
    LLM_DETAIL_HIGH
} llm_image_detail;

/* One part of a message's content. */
typedef struct llm_content_part {
    llm_part_type type;
    const char *text;          /* LLM_PART_TEXT */
    const char *url;           /* LLM_PART_IMAGE_URL */
    const char *base64;        /* LLM_PART_IMAGE_BASE64 */
    const char *media_type;    /* LLM_PART_IMAGE_BASE64: "image/png", ... */
    llm_image_detail detail;
    int width, height;         /* optional pixel size, for token counting */
    const char *filename;      /* LLM_PART_DOCUMENT: optional (OpenAI's file part; Anthropic's title) */
    llm_cache cache;           /* cache the prompt up to this part */
} llm_content_part;

/* A tool call: made by the assistant, or sent back in the history. In a
   response none of the three strings is NULL: a call without a function
   name is refused (LLM_ERR_PARSE), a missing id is made up
   ("call_<choice>_<n>"), missing arguments are "{}". */
typedef struct llm_tool_call {
    const char *id;
    const char *name;
    const char *arguments;     /* JSON text of the arguments object, as the model wrote it */
    /* In a response: the arguments are not one JSON value (a small model's
       {'city': 'Paris'}, or arguments cut off by the token limit), or, in
       Gemini's format, a functionCall's args that is a JSON value but not
       the object Gemini's API gives (a Gemini-shaped server's "Paris":
       `arguments` is then its JSON text, "\"Paris\""). The call, and the
       answer, are kept all the same, the text exactly as it came: check
       this flag before parsing it (answer the call with an error as its
       tool result, or ask again). A conversation sends such a call back
       unchanged, so the tool loop goes on: the OpenAI format takes the
       string as it is, Gemini's takes any JSON value as it is (what the
       server sent, it gets back); Anthropic's, which takes an object, and
       Gemini's for text that is not JSON, refuse the request naming it
       (LLM_ERR_INVALID_ARGUMENT). Not read in a request. */
    bool arguments_invalid;
} llm_tool_call;

/* Reasoning state a provider gives with an answer and wants back, byte for
   byte, in the next turns (Anthropic's thinking blocks with their
   signature, and redacted_thinking blocks; Gemini's thoughtSignature of a
   part): kept on the response, carried by the conversation, sent back only
   to the wire format that made them, and only to the endpoint and model
   that made them. A signature is valid for the endpoint that minted it
   alone: Anthropic refuses a thinking block replayed to another model or
   through another endpoint with 400 "Invalid `signature` in `thinking`
   block". So an answer's blocks record where they were made (the
   provider, the base URL's origin and the model: llm_choice.reasoning_*),
   the conversation carries that, and an encoder leaves the blocks out of a
   request whose target differs in any of the three (llm_message.reasoning_*);
   the request is still valid without them. */
typedef enum llm_reasoning_kind {
    LLM_REASONING_THINKING = 0,          /* thinking (its text; may be "") and signature */
    LLM_REASONING_REDACTED,              /* opaque data */
    /* OpenAI's Responses API: a reasoning item, sent back as an input item
       of the next turn: its id, its summary (the JSON text of the item's
       `summary` array, "[]" when empty) and its encrypted_content in
       `data` (NULL when the answer carried none: store was true, or it was
       not asked for) */
    LLM_REASONING_ITEM
} llm_reasoning_kind;

typedef struct llm_reasoning_block {
    llm_reasoning_kind kind;
    const char *thinking;
    const char *signature;
    const char *data;
    /* Gemini: the tool call whose functionCall part carried the signature;
       NULL for the signature of a thought part (thinking: its text) or of
       the answer's text (thinking ""). */
    const char *tool_call_id;
    const char *id;                      /* LLM_REASONING_ITEM: the item's id ("rs_...") */
    const char *summary;                 /* LLM_REASONING_ITEM: its summary array as JSON text */
} llm_reasoning_block;

typedef struct llm_message {
    llm_role role;
    const char *content;                 /* text content; NULL when `parts` is used */
    /* The OpenAI format sends one text part as a string, as `content`;
       other parts lists as an array */
    const llm_content_part *parts;
    size_t part_count;
    const char *name;                    /* optional participant name */
    const llm_tool_call *tool_calls;     /* assistant: the calls it made */
    size_t tool_call_count;
    const char *tool_call_id;            /* tool: the call this answers */
    /* assistant: reasoning state of the turn, sent first in it, and only to
       the wire format named (NULL: Anthropic's, as LiteLLM's thinking_blocks
       are); any other wire format leaves it out */
    const llm_reasoning_block *reasoning;
    size_t reasoning_count;
    const char *reasoning_format;        /* "anthropic-messages", "gemini" */
    /* Where the blocks were made (llm_choice's, which the conversation
       carries): sent only to a request whose provider name, base URL origin
       (RFC 6454's: "https://api.anthropic.com", no default port) and model
       to send are these. NULL: not checked (blocks from elsewhere, as the
       OpenAI-body reader's thinking_blocks). */
    const char *reasoning_provider;
    const char *reasoning_origin;
    const char *reasoning_model;
    llm_cache cache;                     /* cache the prompt up to the end of this message */
} llm_message;

typedef struct llm_tool {
    const char *name;
    const char *description;
    const char *parameters;    /* JSON Schema text; NULL = an object with no properties */
    bool strict;
    llm_cache cache;           /* cache the prompt up to this tool (tools come first) */
} llm_tool;

typedef enum llm_tool_choice_mode {
    LLM_TOOL_CHOICE_DEFAULT = 0,   /* not sent */
    LLM_TOOL_CHOICE_NONE,
    LLM_TOOL_CHOICE_AUTO,
    LLM_TOOL_CHOICE_REQUIRED,
    LLM_TOOL_CHOICE_FUNCTION       /* the tool named in `name` */
} llm_tool_choice_mode;

typedef struct llm_tool_choice {
    llm_tool_choice_mode mode;
    const char *name;
} llm_tool_choice;

typedef enum llm_format_type {
    LLM_FORMAT_DEFAULT = 0,        /* not sent */
    LLM_FORMAT_TEXT,
    LLM_FORMAT_JSON_OBJECT,
    LLM_FORMAT_JSON_SCHEMA
} llm_format_type;

typedef struct llm_response_format {
    llm_format_type type;
    const char *name;          /* JSON_SCHEMA: schema name */
    const char *description;
    const char *schema;        /* JSON_SCHEMA: the schema as JSON text */
    bool strict;
} llm_response_format;

/* A name/value pair: an HTTP header, or a metadata entry. */
typedef struct llm_pair {
    const char *name;
    const char *value;
} llm_pair;

/* How a streamed request behaves; every field zero means the defaults.
   The deadlines count from llm_call_begin_stream by the times the driver
   passes to llm_call_tick (llm_stream: the client's clock_ms hook, else the
   platform's monotonic clock); see
   LIMITS AND DEADLINES at the top of this file. */
typedef struct llm_stream_options {
    bool no_accumulate;          /* build no response: memory stays bounded by the largest event */
    int first_token_timeout_ms;  /* no text/reasoning/refusal/tool call by then: LLM_ERR_TIMEOUT; 0 = none */
    int stall_timeout_ms;        /* no such event for this long: LLM_ERR_TIMEOUT; 0 = none */
    int total_timeout_ms;        /* the stream has not ended this long after begin: LLM_ERR_TIMEOUT; 0 = none */
    size_t max_bytes;            /* the stream's size limit, for the bytes received and for the answer
                                    accumulated: past it LLM_ERR_LIMIT_EXCEEDED (the partial response kept);
                                    0 = the client's max_response_bytes */
    bool has_loop_guard;         /* loop_guard given (0 then disables the guard) */
    int loop_guard;              /* the same text delta (over 2 bytes) this many times in a row ends
                                    the stream with LLM_ERR_PARSE; default 100 */
    bool no_usage;               /* do not send stream_options.include_usage */
} llm_stream_options;

/* Which of OpenAI's two chat APIs a request to OpenAI or Azure (or any
   preset speaking OpenAI's chat-completions format) goes to: chat
   completions (POST /chat/completions) or the Responses API (POST
   /responses). AUTO: the Responses API for a model named with LiteLLM's
   prefix "responses/" ("openai/responses/o3-pro",
   "azure/responses/<deployment>"; the prefix is not sent), and, on OpenAI
   and Azure (LLM_QUIRK_RESPONSES_MODELS), for a model whose price-table
   entry has mode "responses" (llm_model_info.mode == LLM_MODE_RESPONSES:
   o1-pro, o3-pro, gpt-5-pro, gpt-5-codex, codex-mini-latest, the
   deep-research models..., which chat completions refuses); else chat
   completions. A request's choice wins over its client's. */
typedef enum llm_openai_api {
    LLM_OPENAI_API_AUTO = 0,
    LLM_OPENAI_API_CHAT,
    LLM_OPENAI_API_RESPONSES
} llm_openai_api;

/* One chat request, the same for every provider. Zero every field you do
   not use: zero means "not sent" (the provider's default). Where zero is a
   real value the field has a `has_` flag. The request only points at the
   caller's strings; nothing is copied until it is encoded. */
typedef struct llm_request {
    const char *model;
    const llm_message *messages;
    size_t message_count;
    const llm_tool *tools;
    size_t tool_count;
    llm_tool_choice tool_choice;
    llm_tristate parallel_tool_calls;
    bool has_temperature;
    double temperature;
    bool has_top_p;
    double top_p;
    int max_tokens;                 /* 0 = not sent */
    int max_completion_tokens;      /* 0 = not sent; reasoning models want this one */
    const char *const *stop;        /* stop sequences */
    size_t stop_count;
    bool has_seed;
    int64_t seed;
    int n;                          /* choices wanted; 0 = not sent */
    bool has_presence_penalty;
    double presence_penalty;
    bool has_frequency_penalty;
    double frequency_penalty;
    bool logprobs;
    bool has_top_logprobs;
    int top_logprobs;
    llm_response_format response_format;
    const char *reasoning_effort;   /* "minimal", "low", "medium", "high" */
    const char *service_tier;       /* "auto", "default", "flex", "priority" */
    const char *user;
    const llm_pair *metadata;
    size_t metadata_count;
    const char *extra_body;         /* a JSON object whose members are added to the body */
    const llm_pair *headers;        /* extra HTTP headers */
    size_t header_count;
    int timeout_ms;                 /* 0 = the client's */
    const char *request_id;         /* X-Request-ID; NULL = generated */
    /* Idempotency-Key, which every request carries: NULL = generated, one
       per request, the same on each of its retries (a header of that name
       in `headers`, as the router sends, is used instead). */
    const char *idempotency_key;
    llm_stream_options stream;      /* used by llm_stream and llm_call_begin_stream */
    bool has_top_k;
    int top_k;                      /* Anthropic's, and OpenAI-compatible servers' that take it (not OpenAI) */
    /* Every message's reasoning blocks left out of the body (thinking and
       redacted_thinking blocks, thought signatures). llm_complete,
       llm_stream and the router set it on the one attempt they send again
       after Anthropic refused a thinking block's signature
       (llm_client_desc.num_retries). */
    bool no_reasoning_blocks;
    llm_openai_api openai_api;      /* chat completions or the Responses API (see llm_openai_api); AUTO: the
                                       client's choice, else by the model */
    /* The Responses API only (other formats ignore both): whether OpenAI
       keeps the response (store; unset sends false: a library does not
       leave the caller's conversations on a server unasked), and the
       response this one continues (previous_response_id; needs a stored
       one). */
    llm_tristate store;
    const char *previous_response_id;
    /* The Responses API only (the other formats refuse a request that has
       it): a JSON array of tool entries sent as they are, after `tools`:
       built-in and MCP tools ([{"type": "web_search"}, {"type": "mcp",
       "server_label": "deepwiki", "server_url": "https://mcp.deepwiki.com/mcp",
       "require_approval": "never"}]). */
    const char *tools_json;
} llm_request;

typedef enum llm_finish_reason {
    LLM_FINISH_NONE = 0,       /* not given (yet) */
    LLM_FINISH_STOP,
    LLM_FINISH_LENGTH,
    LLM_FINISH_TOOL_CALLS,
    LLM_FINISH_CONTENT_FILTER,
    LLM_FINISH_ERROR,          /* the provider ended the answer with an error (OpenRouter) */
    LLM_FINISH_OTHER           /* see finish_reason_raw */
} llm_finish_reason;

/* Where a usage's counts come from. An answer's `usage` is only ever what
   the provider reported; the library's own count of the same answer is
   kept apart (llm_response.usage_estimate), never merged into it. */
typedef enum llm_usage_source {
    LLM_USAGE_MISSING = 0,          /* none: the counts are 0 and mean nothing */
    LLM_USAGE_REPORTED,             /* the provider's (or a proxy's) own counts */
    LLM_USAGE_ESTIMATED             /* counted by the library from the text */
} llm_usage_source;

/* Token counts in one convention for every provider (OpenAI's): the prompt
   includes cached and cache-write tokens, the completion includes reasoning
   tokens. Decoders convert other conventions (Anthropic's input_tokens
   exclude cache reads and writes); llm_usage_decode converts a usage object
   alone. */
typedef struct llm_usage {
    llm_usage_source source;
    int64_t prompt_tokens;
    int64_t completion_tokens;
    int64_t total_tokens;
    int64_t cached_tokens;          /* prompt tokens read from cache */
    int64_t cache_creation_tokens;  /* prompt tokens written to cache (all TTLs) */
    int64_t cache_creation_1h_tokens; /* the part of those written for 1 hour */
    int64_t reasoning_tokens;       /* completion tokens spent reasoning */
    int64_t audio_prompt_tokens;
    int64_t audio_completion_tokens;
} llm_usage;

typedef struct llm_top_logprob {
    const char *token;
    double logprob;
} llm_top_logprob;

typedef struct llm_logprob {
    const char *token;
    double logprob;
    const llm_top_logprob *top;
    size_t top_count;
} llm_logprob;

/* One choice of a response. Strings are NUL-terminated, in the response's
   arena; NULL when the provider sent none. */
typedef struct llm_choice {
    int index;
    const char *content;
    size_t content_len;
    const char *refusal;
    const char *reasoning;          /* reasoning/thinking text, where given */
    const llm_tool_call *tool_calls;
    size_t tool_call_count;
    llm_finish_reason finish_reason;
    const char *finish_reason_raw;  /* the provider's own word */
    const llm_logprob *logprobs;    /* when asked for */
    size_t logprob_count;
    /* The provider's content-filter annotations of this choice, as its JSON
       text (Azure's content_filter_results: {"hate":{"filtered":false,
       "severity":"safe"},...}); NULL when none. In a stream, the last one
       received (Azure's asynchronous filter sends several). */
    const char *content_filter;
    /* Reasoning state to send back with this turn (Anthropic's thinking and
       redacted_thinking blocks, in order), the wire format it belongs to,
       and where it was made: the provider's name ("anthropic"), the base
       URL's origin ("https://api.anthropic.com": scheme and host in lower
       case, the port unless the scheme's default, as RFC 6454 serialises
       an origin) and the model sent ("claude-opus-4-1", its "provider/"
       prefix stripped). llm_conversation_add_response carries them all, and
       the blocks go back only to that wire format, provider, origin and
       model (llm_reasoning_block). The three are NULL when no request was
       sent (llm_decode_recorded): such blocks are not checked. */
    const llm_reasoning_block *reasoning_blocks;
    size_t reasoning_block_count;
    const char *reasoning_format;
    const char *reasoning_provider;
    const char *reasoning_origin;
    const char *reasoning_model;
} llm_choice;

typedef struct llm_response {
    const char *id;
    const char *model;
    const char *object;
    int64_t created;
    const char *system_fingerprint;
    const char *service_tier;
    const llm_choice *choices;      /* every choice, in index order */
    size_t choice_count;
    const char *prompt_filter;      /* the same for the prompt (Azure's prompt_filter_results), JSON text or NULL */
    /* What the provider reported: usage.source is LLM_USAGE_REPORTED, or
       LLM_USAGE_MISSING (counts 0) when it sent none, or sent usage that was
       refused (usage_refused). In a stream, usage may come in any chunk (with
       or without choices, before or after the finish reason) and in several:
       they are merged field by field, a later chunk overriding only the
       counts it carries. */
    llm_usage usage;
    /* The provider sent usage that cannot be the answer's, so `usage` is
       MISSING: a count that is no whole number in 0 ... 2^53, or one above
       what the request could produce (see LIMITS AND DEADLINES). */
    bool usage_refused;
    /* The library's count of the answer when `usage` is MISSING (source
       LLM_USAGE_ESTIMATED: the request's prompt and the answer's text
       through llm_tokens_estimate); MISSING when usage was reported or the
       call names no model (a recorded answer decoded alone). */
    llm_usage usage_estimate;
    bool has_cost;                  /* false when `usage` is MISSING: the cost is unknown, never 0 */
    double cost_usd;                /* `usage` priced from the price table */
    bool has_estimate_cost;
    double estimate_cost_usd;       /* usage_estimate priced the same way */
    bool has_provider_cost;
    /* As reported by the provider or a proxy (x-litellm-response-cost).
       OpenRouter: usage.cost, what it charged your account, plus, when the
       request ran on your own provider key (usage.is_byok),
       cost_details.upstream_inference_cost, which that provider bills. */
    double provider_cost_usd;
    bool has_upstream_cost;
    double upstream_cost_usd;       /* OpenRouter's cost_details.upstream_inference_cost, as given */
    const char *request_id;         /* the provider's request id header */
    int http_status;
    int64_t latency_ms;             /* from begin to finish, by the caller's clock; a driver that retries or
                                       falls back gives the whole, backoff included */
    int attempts;                   /* the HTTP exchanges this answer took: 1 for one call; a driver that
                                       retries or falls back counts them all */
    const char *raw_body;           /* when the client keeps raw bodies */
    size_t raw_body_len;
    /* private */
    llm_allocator alloc_;
    void *arena_;
} llm_response;

/* Frees everything the response owns; a zeroed response is a no-op. */
LLM_API void llm_response_free(llm_response *response);

/* The normalised name of a finish reason: "stop", "length", "tool_calls",
   "content_filter", "error", "other"; NULL for LLM_FINISH_NONE. */
LLM_API const char *llm_finish_reason_str(llm_finish_reason reason);

typedef enum llm_event_type {
    LLM_EVENT_TEXT = 1,          /* text: a piece of the answer */
    LLM_EVENT_REASONING,         /* text: a piece of reasoning/thinking */
    LLM_EVENT_REFUSAL,           /* text: a piece of a refusal */
    LLM_EVENT_TOOL_CALL_START,   /* tool_index, tool_id, tool_name */
    LLM_EVENT_TOOL_CALL_DELTA,   /* tool_index, text: a piece of the arguments */
    LLM_EVENT_TOOL_CALL_END,     /* tool_index, tool_id, tool_name, text: all the arguments (checked JSON;
                                    tool_arguments_invalid when they are not one JSON value: kept all the same) */
    LLM_EVENT_USAGE,             /* usage: all of it known so far (Anthropic tells the prompt's first, then the rest) */
    LLM_EVENT_FINISH,            /* finish_reason, finish_reason_raw */
    LLM_EVENT_ERROR              /* error: a provider error inside the stream; the stream ends */
} llm_event_type;

/* One event of a stream, the same for every provider. Pointers stay valid
   until the next event is taken. `text` is NUL-terminated. Fields an event
   type does not list are zero/NULL; tool_name is never NULL in START and
   END, tool_id never NULL in END (START has it when the server sent it
   with the first delta). */
typedef struct llm_event {
    llm_event_type type;
    int choice;                  /* the choice it belongs to */
    const char *text;
    size_t text_len;
    int tool_index;              /* names the tool call within its choice: the server's index (OpenAI's tool
                                    index, Anthropic's content block); the response lists the calls in this
                                    order, without gaps */
    const char *tool_id;
    const char *tool_name;
    bool tool_arguments_invalid; /* TOOL_CALL_END: the arguments are not one JSON value, or not the object the
                                    format gives (llm_tool_call.arguments_invalid) */
    const llm_usage *usage;
    llm_finish_reason finish_reason;
    const char *finish_reason_raw;
    const llm_error *error;
} llm_event;

/* Called for every event of a stream; return nonzero to cancel it
   (LLM_ERR_CANCELLED, the partial response kept). */
typedef int (*llm_event_fn)(void *user, const llm_event *event);

/* ------------------------------------------------------------------------ */
/* >>json: a strict RFC 8259 reader (DOM) and writer                          */
/* ------------------------------------------------------------------------ */

typedef enum llm_json_type {
    LLM_JSON_NULL = 0,
    LLM_JSON_FALSE,
    LLM_JSON_TRUE,
    LLM_JSON_NUMBER,
    LLM_JSON_STRING,
    LLM_JSON_ARRAY,
    LLM_JSON_OBJECT
} llm_json_type;

/* One value of a parsed document. Values of a document sit in one array in
   document order; an object's members are its key (a string) followed by its
   value. Treat it as opaque and use the functions below. */
typedef struct llm_json {
    uint32_t tag;    /* type in the low 4 bits; LLM__JSON_INT flag */
    uint32_t len;    /* string length in bytes, or member/element count */
    union {
        const char *str;   /* string: NUL-terminated, in the document */
        double num;        /* number */
        int64_t i;         /* number that is an integer in int64 range */
        size_t span;       /* array/object: values in it, itself included */
    } u;
} llm_json;

/* A parsed document. Zero it, optionally set `alloc` and `max_depth`
   (0 = LLM_JSON_MAX_DEPTH; larger values are capped to it), and parse.
   A document can be parsed into again and again: it keeps its buffers, so
   a loop of parses allocates nothing once the buffers fit. */
typedef struct llm_json_doc {
    llm_allocator alloc;
    int max_depth;
    /* private */
    llm_json *values_;
    size_t count_, capacity_;
    char *strings_;
    size_t strings_capacity_;
} llm_json_doc;

/* Parses `len` bytes (not NUL-terminated; a NUL byte is invalid data).
   Strict RFC 8259: UTF-8 only, no BOM, no trailing data, escapes and
   surrogate pairs checked, numbers correctly rounded (a number too large
   for a double is an error). On failure `err->offset` is the byte where the
   problem was seen. Returns LLM_OK, LLM_ERR_PARSE, LLM_ERR_LIMIT_EXCEEDED
   (depth, or a document of 4 GiB or more), LLM_ERR_NO_MEMORY or
   LLM_ERR_INVALID_ARGUMENT. The document keeps no pointer into `text`. */
LLM_API llm_result llm_json_parse(llm_json_doc *doc, const char *text, size_t len, llm_error *err);
/* Releases the document's buffers; the struct is zeroed but keeps `alloc`
   and `max_depth`. A zeroed document is a no-op. */
LLM_API void llm_json_doc_free(llm_json_doc *doc);
/* The top value of the last successful parse, NULL before one. */
LLM_API const llm_json *llm_json_root(const llm_json_doc *doc);

/* Lookups. Every function accepts NULL and answers "absent" for it, so
   chains such as llm_json_get(llm_json_get(root, "usage"), "total_tokens")
   need no checks in between. */
LLM_API llm_json_type llm_json_type_of(const llm_json *v); /* NULL -> LLM_JSON_NULL */
LLM_API bool llm_json_is(const llm_json *v, llm_json_type type); /* false for NULL */
/* Member of an object by key (bytes compared exactly; the first match). */
LLM_API const llm_json *llm_json_get(const llm_json *object, const char *key);
LLM_API const llm_json *llm_json_getn(const llm_json *object, const char *key, size_t key_len);
/* Element of an array by index. */
LLM_API const llm_json *llm_json_at(const llm_json *array, size_t index);
/* Elements of an array or members of an object; 0 for anything else. */
LLM_API size_t llm_json_count(const llm_json *v);
/* Iteration: the first element (array) or first key (object), then the
   next sibling; NULL at the end. For an object, the value is key + 1:
   `for (k = llm_json_first(o); k; k = llm_json_next(o, k)) use(k, k + 1);` */
LLM_API const llm_json *llm_json_first(const llm_json *container);
LLM_API const llm_json *llm_json_next(const llm_json *container, const llm_json *item);
/* String bytes (NUL-terminated; may contain NUL from "\u0000", hence `len`).
   NULL when v is not a string. */
LLM_API const char *llm_json_string(const llm_json *v, size_t *len);
/* Number as a double; `fallback` when v is not a number. */
LLM_API double llm_json_number(const llm_json *v, double fallback);
/* Number as an int64 when it is an integer in range; else `fallback`. */
LLM_API int64_t llm_json_int(const llm_json *v, int64_t fallback);
/* true/false; `fallback` when v is not a boolean. */
LLM_API bool llm_json_bool(const llm_json *v, bool fallback);
/* Whether two values are the same JSON: numbers by value (integers of
   int64 exactly), strings byte for byte, arrays in order, objects by their
   members whatever their order (quadratic in an object's size; an object
   that gives a name twice matches only in order). NULL equals only NULL.
   Safe anywhere. */
LLM_API bool llm_json_equal(const llm_json *a, const llm_json *b);

/* A JSON writer building one text in one growable buffer. Zero it (set
   `alloc` if wanted) and call the functions; commas and colons are placed
   for you. Errors are sticky: the first failure (invalid UTF-8 in a string,
   a non-finite number, a key outside an object, nesting past 64 levels, out
   of memory) is kept and returned by llm_json_writer_finish. */
typedef struct llm_json_writer {
    llm_allocator alloc;
    /* private */
    char *buf_;
    size_t len_, capacity_;
    int depth_;
    uint64_t in_object_, has_items_;   /* one bit per nesting level */
    bool after_key_;
    llm_result error_;
} llm_json_writer;

LLM_API void llm_json_write_object_begin(llm_json_writer *w);
LLM_API void llm_json_write_object_end(llm_json_writer *w);
LLM_API void llm_json_write_array_begin(llm_json_writer *w);
LLM_API void llm_json_write_array_end(llm_json_writer *w);
/* An object key; the next write is its value. */
LLM_API void llm_json_write_key(llm_json_writer *w, const char *key);
LLM_API void llm_json_write_keyn(llm_json_writer *w, const char *key, size_t len);
LLM_API void llm_json_write_string(llm_json_writer *w, const char *s);   /* NULL writes null */
LLM_API void llm_json_write_stringn(llm_json_writer *w, const char *s, size_t len);
/* Shortest text that reads back as the same double; locale-independent. */
LLM_API void llm_json_write_number(llm_json_writer *w, double v);
LLM_API void llm_json_write_int(llm_json_writer *w, int64_t v);
LLM_API void llm_json_write_bool(llm_json_writer *w, bool v);
LLM_API void llm_json_write_null(llm_json_writer *w);
/* A value of a parsed document, written again (numbers as doubles, or
   exactly when they are int64 integers). */
LLM_API void llm_json_write_value(llm_json_writer *w, const llm_json *v);
/* A complete JSON value given as text; it is validated (strictly, and two
   members of one name in an object are refused) first. */
LLM_API void llm_json_write_raw(llm_json_writer *w, const char *json, size_t len);
/* Checks the text is complete and returns the sticky result. On LLM_OK,
   *out (NUL-terminated) and *len describe the text, owned by the writer
   until llm_json_writer_reset or llm_json_writer_free. */
LLM_API llm_result llm_json_writer_finish(llm_json_writer *w, const char **out, size_t *len);
/* Starts over, keeping the buffer. */
LLM_API void llm_json_writer_reset(llm_json_writer *w);
LLM_API void llm_json_writer_free(llm_json_writer *w);

/* Copies n bytes to out with each maximal invalid UTF-8 subpart replaced
   by U+FFFD, as the WHATWG UTF-8 decoder does; out needs room for 3 * n
   bytes. Returns the bytes written. Safe anywhere. */
LLM_API size_t llm_utf8_sanitize(const char *in, size_t n, char *out);

/* ------------------------------------------------------------------------ */
/* >>sse: an incremental event-stream parser (WHATWG rules)                  */
/* ------------------------------------------------------------------------ */

/* One dispatched event. `type` is "message" when the stream named none;
   `id` is the last event ID in force ("" when none). The three are not
   NUL-terminated and stay valid until the next call on the parser. Data
   bytes are passed on as received: invalid UTF-8 is not replaced (the JSON
   reader rejects it; `llm sse` prints U+FFFD). */
typedef struct llm_sse_event {
    const char *type;
    size_t type_len;
    const char *data;
    size_t data_len;
    const char *id;
    size_t id_len;
} llm_sse_event;

/* Zero it (optionally set alloc and max_size: the longest line and the
   largest event, 0 = 16 MiB), then feed chunks of any size and take events:
       llm_sse_feed(&p, chunk, n);
       while (llm_sse_next(&p, &ev) == LLM_OK) use(&ev);
   The chunk must stay valid until llm_sse_next returns LLM_AGAIN (a chunk
   fed before that is copied). Exceeding max_size is LLM_ERR_PARSE (sticky). */
typedef struct llm_sse {
    llm_allocator alloc;
    size_t max_size;
    /* private */
    const char *chunk_;
    size_t chunk_len_, pos_;
    char *line_;                /* a line split across chunks */
    size_t line_len_, line_cap_;
    char *data_;                /* the data buffer of the event being read */
    size_t data_len_, data_cap_;
    const char *pending_;       /* a single data line still in the chunk (not copied) */
    size_t pending_len_;
    char *type_;
    size_t type_len_, type_cap_;
    char *id_;
    size_t id_len_, id_cap_;
    char *held_;                /* the unread rest of a chunk fed too early */
    size_t held_cap_;
    bool has_retry;             /* a valid `retry` field was seen: */
    int64_t retry_ms;           /* its value, the reconnection time */
    bool started_, after_cr_, has_data_;
    llm_result error_;
} llm_sse;

LLM_API llm_result llm_sse_feed(llm_sse *p, const char *chunk, size_t len);
/* LLM_OK with *ev filled, LLM_AGAIN when the fed bytes hold no more
   events, or the sticky error. */
LLM_API llm_result llm_sse_next(llm_sse *p, llm_sse_event *ev);
/* The end of the stream: true when it ended inside an event (a line or an
   event without its final blank line, which is discarded, as the WHATWG
   rules say). */
LLM_API bool llm_sse_ended_mid_event(const llm_sse *p);
/* Forgets the stream (keeps the buffers). */
LLM_API void llm_sse_reset(llm_sse *p);
LLM_API void llm_sse_free(llm_sse *p);

/* ------------------------------------------------------------------------ */
/* >>http: the HTTP exchange the caller performs                            */
/* ------------------------------------------------------------------------ */

/* What to send. Everything points into memory owned by whoever built it
   (the call, or the caller) and stays valid until that finishes. */
typedef struct llm_http_request {
    const char *method;          /* "POST" or "GET" */
    const char *url;
    const llm_pair *headers;     /* names are HTTP tokens; values hold no control bytes but HTAB */
    size_t header_count;
    size_t secret_header;        /* headers[secret_header - 1] carries the key or token: never log its value;
                                    0 = none */
    const char *secret;          /* the key or token alone (that value without "Bearer "): scrub it from any
                                    line logged (llm_scrub_copy); NULL = none */
    const char *body;            /* NULL for GET */
    size_t body_len;
    bool stream;                 /* the answer is an event stream: deliver bytes as they come */
    int timeout_ms;              /* whole exchange; 0 = none */
    int connect_timeout_ms;      /* 0 = the transport's default */
} llm_http_request;

/* Where a transport delivers what arrives: the status, each header, then the
   body in chunks of any size. A result other than LLM_OK from any of them
   means "stop": the transport abandons the exchange and returns that
   result. */
typedef struct llm_http_sink {
    llm_result (*status)(void *ctx, int status);
    llm_result (*header)(void *ctx, const char *name, size_t name_len, const char *value, size_t value_len);
    llm_result (*body)(void *ctx, const char *data, size_t len);
    void *ctx;
    /* May be NULL. A transport that can wake up while it waits calls it
       at least every LLM_TRANSPORT_TICK_MS without data (the curl adapter
       does): a stream's deadlines (first token, stall, total) are checked
       there. Anything but LLM_OK stops the exchange with that result;
       from any of the four, LLM_DONE says the answer is whole and the rest
       unwanted: the transport drops the connection and returns LLM_OK. */
    llm_result (*tick)(void *ctx);
} llm_http_sink;

/* How often a waiting transport calls llm_http_sink.tick. */
#define LLM_TRANSPORT_TICK_MS 50

/* Whether a URL's host is loopback: 127.0.0.0/8, [::1] or localhost (any
   case); a name that only begins like one (127.0.0.1.example.com) is not.
   The call sends a key over plain http:// only to such a host (unless
   llm_client_desc.allow_plain_http), and a transport should send such a
   request directly, never through a proxy. Safe anywhere. */
LLM_API bool llm_http_url_is_loopback(const char *url);

/* A blocking transport: performs one exchange and pushes it into the sink.
   Returns LLM_OK when a whole HTTP answer was delivered (whatever its
   status), the sink's result when the sink stopped it, or LLM_ERR_TRANSPORT
   / LLM_ERR_TIMEOUT with `err` filled (err may be NULL). */
typedef struct llm_transport {
    llm_result (*send)(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err);
    void *user;
} llm_transport;

/* A transport that replays recorded answers from memory, for tests and
   examples (the spirit of sokol's dummy backend). Each exchange is answered
   in order; the body is delivered in chunks of `chunk` bytes (0 = whole). */
typedef struct llm_mock_exchange {
    int status;
    const char *headers;        /* "Name: value\n" lines, or NULL */
    const char *body;
    size_t body_len;            /* 0 = strlen(body) */
    size_t chunk;
    llm_result fail;            /* nonzero: fail with this instead of answering */
} llm_mock_exchange;

typedef struct llm_mock {
    const llm_mock_exchange *exchanges;
    size_t count;
    size_t next;                /* the next exchange to play */
    /* called with every request before it is answered (may be NULL) */
    void (*on_request)(void *user, const llm_http_request *req);
    void *user;
} llm_mock;

/* A transport over `mock` (which must outlive it). */
LLM_API llm_transport llm_mock_transport(llm_mock *mock);

/* ------------------------------------------------------------------------ */
/* >>bpe, tokens: token counting, exact and estimated                       */
/* ------------------------------------------------------------------------ */

/* Token counting, three ways:
   - exact: a tiktoken-compatible BPE (cl100k_base, o200k_base) over a
     `.tiktoken` vocabulary the caller loads from memory or a file (the
     library never embeds one). Same ids as OpenAI's tiktoken for any valid
     UTF-8; invalid UTF-8 is encoded byte by byte, so decode(encode(x)) == x
     for any bytes.
   - estimated: llm_tokens_estimate, no vocabulary, a few ns per KB.
   - chat: llm_count_request_tokens applies OpenAI's cookbook rules to a
     whole llm_request (messages, names, tool calls, tools, images).
   LLM_NO_BPE leaves out the BPE (its functions return LLM_ERR_DISABLED and
   the Unicode tables go away, ~40 KB); the estimator and the chat rules stay
   (llm_count_request_tokens then estimates every string). LLM_NO_STDIO
   leaves out llm_bpe_load_file. */

typedef enum llm_encoding {
    LLM_ENCODING_NONE = 0,          /* unknown / infer from the vocabulary */
    LLM_ENCODING_CL100K_BASE,       /* gpt-4, gpt-3.5-turbo, text-embedding-3-*, ada-002 */
    LLM_ENCODING_O200K_BASE,        /* gpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, o1*, o3*, o4*, chatgpt-4o* */
    LLM__ENCODING_COUNT
} llm_encoding;

/* The encoding OpenAI uses for a model name (a provider prefix such as
   "openai/" or "azure/" is skipped); LLM_ENCODING_NONE when unknown. Safe
   anywhere. */
LLM_API llm_encoding llm_encoding_for_model(const char *model);
/* "cl100k_base", "o200k_base"; NULL for NONE. */
LLM_API const char *llm_encoding_name(llm_encoding encoding);
/* The encoding called `name`; LLM_ENCODING_NONE when unknown. */
LLM_API llm_encoding llm_encoding_from_name(const char *name);

/* A loaded vocabulary. Zero it, load it, free it. After loading it is
   read-only: any number of threads may count with one llm_bpe at once.
   About 6 MB for cl100k_base and 12 MB for o200k_base (`memory`). */
typedef struct llm_bpe {
    llm_encoding encoding;
    size_t rank_count;              /* mergeable tokens (100256 or 199998) */
    size_t memory;                  /* bytes allocated for it */
    /* private: do not touch */
    llm_allocator alloc_;
    unsigned char *bytes_;          /* every token's bytes, concatenated */
    uint32_t *offset_;              /* rank -> offset in bytes_ */
    uint32_t *pair_rank_;           /* 65536 entries: rank of each 2-byte token */
    uint16_t *length_;              /* rank -> byte length */
    void *table_;                   /* hash table of ranks by token bytes */
    size_t table_mask_;
    uint64_t *filter_;              /* one bit per hash: most absent tokens stop here */
    size_t filter_mask_;            /* bits - 1 */
    size_t bytes_size_;
    uint32_t byte_rank_[256];       /* rank of each single byte */
} llm_bpe;

/* llm_bpe_encode flag: encode the text of the encoding's special tokens
   (<|endoftext|>, <|fim_prefix|>, <|endofprompt|>...) as their special ids.
   Without it, that text is ordinary text (tiktoken's encode_ordinary). */
#define LLM_BPE_ALLOW_SPECIAL 1u

/* Loads a `.tiktoken` vocabulary (lines "base64(token bytes) SP rank LF")
   from memory. `encoding` names the pre-tokenizer and special tokens; NONE
   infers it from the rank count. Checks base64, ranks (0..n-1, each once),
   duplicate tokens, the count the encoding expects, and that every single
   byte is a token. On error nothing stays allocated and *bpe is zeroed.
   `data` is not kept. `alloc` may be NULL (malloc). Not thread-safe on the
   same bpe. See also llm_bpe_load_file, llm_bpe_free. */
LLM_API llm_result llm_bpe_load(llm_bpe *bpe, llm_encoding encoding, const char *data, size_t len,
                                const llm_allocator *alloc, llm_error *err);
/* The same from a file path (not with LLM_NO_STDIO: LLM_ERR_DISABLED). */
LLM_API llm_result llm_bpe_load_file(llm_bpe *bpe, llm_encoding encoding, const char *path,
                                     const llm_allocator *alloc, llm_error *err);
/* Frees a vocabulary and zeroes it; a zeroed bpe is a no-op. */
LLM_API void llm_bpe_free(llm_bpe *bpe);

/* Counts the tokens of text[0..len) (special-token text is ordinary text).
   Allocates through the bpe's allocator for pieces over 128 bytes (a run of
   letters or spaces; about 24 bytes per byte of the longest such piece;
   LLM_ERR_NO_MEMORY when that fails) and, for texts of
   1 KB or more, a memo of merged pieces for the call (best effort: without
   it the count is the same). Thread-safe on a shared bpe. */
LLM_API llm_result llm_bpe_count(const llm_bpe *bpe, const char *text, size_t len, size_t *count, llm_error *err);
/* Encodes text[0..len) into ids[0..cap) (flags: LLM_BPE_ALLOW_SPECIAL).
   *count receives the number of ids the whole text needs; when it exceeds
   cap only the first cap ids are written and LLM_ERR_LIMIT_EXCEEDED is
   returned (ids = NULL, cap = 0 asks for the count). */
LLM_API llm_result llm_bpe_encode(const llm_bpe *bpe, const char *text, size_t len, unsigned flags,
                                  uint32_t *ids, size_t cap, size_t *count, llm_error *err);
/* Decodes ids into out[0..cap) as bytes (not NUL-terminated); *len gets the
   byte count the ids need, LLM_ERR_LIMIT_EXCEEDED when it exceeds cap, and
   LLM_ERR_INVALID_ARGUMENT for an id that is no token. */
LLM_API llm_result llm_bpe_decode(const llm_bpe *bpe, const uint32_t *ids, size_t n, char *out, size_t cap,
                                  size_t *len, llm_error *err);

/* Estimates the token count of text[0..len) without a vocabulary, from
   character classes (words, digits, punctuation, spaces, 2/3/4-byte UTF-8).
   Calibrated against o200k_base (the default, and any o200k model) and
   cl100k_base (models that use it); for claude-* and gemini-* models it is
   a documented ratio (the o200k estimate) with no accuracy claim: their
   exact counts come from the providers' count-tokens endpoints. Safe
   anywhere. */
LLM_API size_t llm_tokens_estimate(const char *text, size_t len, const char *model);

/* Counts the prompt tokens of a chat request by OpenAI's cookbook rules
   ("How to count tokens with tiktoken"): 3 per message, every string field
   (role, content, name, tool_call_id, the arguments of each tool call),
   +1 per name, +3 reply priming; tools by the cookbook's
   num_tokens_for_tools (gpt-4o* settings for o200k, gpt-4/3.5 for cl100k);
   images 85 (low, auto, default) or 85 + 170 per 512-px tile after OpenAI's
   scaling for detail=high (width/height given; without them the worst case,
   1445). `bpe` NULL: every string is estimated for request->model.
   Tools are parsed (their parameters) and long joined names counted in
   memory from `alloc`; NULL = the bpe's allocator, or the default one
   without a bpe. Thread-safe on a shared bpe. */
LLM_API llm_result llm_count_request_tokens(const llm_request *request, const llm_bpe *bpe, const llm_allocator *alloc,
                                            size_t *tokens, llm_error *err);

/* Makes request->messages fit max_tokens (LiteLLM's trim_messages): drops
   the oldest non-system messages first, keeping an assistant message with
   tool calls and the tool results that answer it together (they go as one
   group). Writes the kept messages, in order, into out[0..cap) and
   request->message_count may be up to cap; *kept gets their number. The
   strings still belong to the caller. LLM_ERR_CONTEXT_WINDOW_EXCEEDED when
   even the system messages plus the last group do not fit (out then holds
   them anyway). Messages are dropped, never shortened. */
LLM_API llm_result llm_trim_messages(const llm_request *request, const llm_bpe *bpe, size_t max_tokens,
                                     llm_message *out, size_t cap, size_t *kept, llm_error *err);

/* ------------------------------------------------------------------------ */
/* >>costs: prices and model facts                                          */
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_COSTS

/* Prices and model facts, from LiteLLM's model_prices_and_context_window.json.
   Three layers answer a lookup, highest first: entries the caller registers
   (llm_costs_register), one price table loaded at run time (llm_costs_load_json,
   llm_costs_load_file, llm_costs_refresh), and the table compiled into the
   library (costs_embedded.h). A higher layer replaces a lower entry of the
   same key whole, never field by field. Prices are USD; a price the entry
   lacks counts as 0, as in LiteLLM, except where a fallback is stated.
   LLM_NO_COSTS (everywhere) leaves all of this out. LLM_NO_COSTS_TABLE (in
   the implementation TU) leaves out only the embedded table (about 200 KB
   of read-only data): lookups then answer from the runtime layers alone. */

/* One price of an entry. Token prices are USD per token. The _ABOVE prices
   apply to the whole request when the prompt exceeds the entry's
   `tier_threshold` (LiteLLM's `*_above_<N>k_tokens` keys). */
typedef enum llm_price {
    LLM_PRICE_INPUT = 0,            /* input_cost_per_token */
    LLM_PRICE_OUTPUT,               /* output_cost_per_token */
    LLM_PRICE_CACHE_READ,           /* cache_read_input_token_cost */
    LLM_PRICE_CACHE_WRITE,          /* cache_creation_input_token_cost (5-minute TTL) */
    LLM_PRICE_CACHE_WRITE_1H,       /* cache_creation_input_token_cost_above_1hr */
    LLM_PRICE_REASONING,            /* output_cost_per_reasoning_token */
    LLM_PRICE_INPUT_AUDIO,          /* input_cost_per_audio_token */
    LLM_PRICE_OUTPUT_AUDIO,         /* output_cost_per_audio_token */
    LLM_PRICE_INPUT_IMAGE_TOKEN,    /* input_cost_per_image_token */
    LLM_PRICE_OUTPUT_IMAGE_TOKEN,   /* output_cost_per_image_token */
    LLM_PRICE_INPUT_ABOVE,          /* input_cost_per_token_above_<N>k_tokens */
    LLM_PRICE_OUTPUT_ABOVE,
    LLM_PRICE_CACHE_READ_ABOVE,
    LLM_PRICE_CACHE_WRITE_ABOVE,
    LLM_PRICE_CACHE_WRITE_1H_ABOVE, /* cache_creation_input_token_cost_above_1hr_above_<N>k_tokens */
    LLM_PRICE_INPUT_PRIORITY,       /* input_cost_per_token_priority */
    LLM_PRICE_OUTPUT_PRIORITY,
    LLM_PRICE_CACHE_READ_PRIORITY,
    LLM_PRICE_CACHE_WRITE_PRIORITY,
    LLM_PRICE_INPUT_ABOVE_PRIORITY, /* input_cost_per_token_above_<N>k_tokens_priority */
    LLM_PRICE_OUTPUT_ABOVE_PRIORITY,
    LLM_PRICE_CACHE_READ_ABOVE_PRIORITY,
    LLM_PRICE_INPUT_AUDIO_PRIORITY,
    LLM_PRICE_INPUT_FLEX,           /* input_cost_per_token_flex */
    LLM_PRICE_OUTPUT_FLEX,
    LLM_PRICE_CACHE_READ_FLEX,
    LLM_PRICE_CACHE_WRITE_FLEX,
    LLM_PRICE_INPUT_BATCH,          /* input_cost_per_token_batches */
    LLM_PRICE_OUTPUT_BATCH,
    LLM_PRICE_INPUT_PER_IMAGE,      /* input_cost_per_image: USD per image */
    LLM_PRICE_OUTPUT_PER_IMAGE,
    LLM_PRICE_INPUT_PER_SECOND,     /* USD per second of input */
    LLM_PRICE_OUTPUT_PER_SECOND,
    LLM_PRICE_INPUT_PER_CHARACTER,
    LLM_PRICE_OUTPUT_PER_CHARACTER,
    LLM_PRICE_INPUT_AUDIO_PER_SECOND,
    LLM_PRICE_INPUT_VIDEO_PER_SECOND,
    LLM_PRICE_OUTPUT_VIDEO_PER_SECOND,
    LLM_PRICE_PER_QUERY,            /* input_cost_per_query */
    LLM_PRICE_PER_REQUEST,          /* input_cost_per_request */
    LLM__COSTS_PRICE_COUNT
} llm_price;

/* Capability flags (LiteLLM's supports_* keys; set only when the entry says true). */
enum {
    LLM_CAP_FUNCTION_CALLING = 1u << 0,
    LLM_CAP_PARALLEL_FUNCTION_CALLING = 1u << 1,
    LLM_CAP_VISION = 1u << 2,
    LLM_CAP_RESPONSE_SCHEMA = 1u << 3,
    LLM_CAP_PROMPT_CACHING = 1u << 4,
    LLM_CAP_REASONING = 1u << 5,
    LLM_CAP_AUDIO_INPUT = 1u << 6,
    LLM_CAP_AUDIO_OUTPUT = 1u << 7,
    LLM_CAP_PDF_INPUT = 1u << 8,
    LLM_CAP_WEB_SEARCH = 1u << 9,
    LLM_CAP_SYSTEM_MESSAGES = 1u << 10,
    LLM_CAP_TOOL_CHOICE = 1u << 11,
    LLM_CAP_ASSISTANT_PREFILL = 1u << 12,
    LLM_CAP_COMPUTER_USE = 1u << 13,
    LLM_CAP_NATIVE_STREAMING = 1u << 14,
    LLM_CAP_VIDEO_INPUT = 1u << 15,
    LLM_CAP_URL_CONTEXT = 1u << 16
};

typedef enum llm_model_mode {
    LLM_MODE_NONE = 0,              /* the entry gives no mode */
    LLM_MODE_CHAT,
    LLM_MODE_COMPLETION,
    LLM_MODE_RESPONSES,
    LLM_MODE_EMBEDDING,
    LLM_MODE_RERANK,
    LLM_MODE_MODERATION,
    LLM_MODE_AUDIO_TRANSCRIPTION,
    LLM_MODE_AUDIO_SPEECH,
    LLM_MODE_REALTIME,
    LLM_MODE_IMAGE_GENERATION,
    LLM_MODE_IMAGE_EDIT,
    LLM_MODE_VIDEO_GENERATION,
    LLM_MODE_SEARCH,
    LLM_MODE_OCR,
    LLM_MODE_OTHER,
    LLM__COSTS_MODE_COUNT
} llm_model_mode;

/* Which layer answered. */
typedef enum llm_costs_layer {
    LLM_COSTS_EMBEDDED = 0,         /* costs_embedded.h */
    LLM_COSTS_LOADED,               /* llm_costs_load_json/_file/_refresh */
    LLM_COSTS_REGISTERED            /* llm_costs_register */
} llm_costs_layer;

/* Everything known about one model. Strings point into the table that
   answered (static for the embedded one, the llm_costs object for the
   others) and stay valid until that object is changed or deinitialised. */
typedef struct llm_model_info {
    const char *key;                /* the table key that matched */
    const char *provider;           /* litellm_provider: "openai", "anthropic", ... */
    llm_model_mode mode;
    llm_costs_layer layer;
    const char *table;              /* which table: "embedded LiteLLM 2026-07-24", a file, a URL */
    int64_t max_input_tokens;       /* 0 = not given */
    int64_t max_output_tokens;      /* 0 = not given */
    uint32_t capabilities;          /* LLM_CAP_* */
    int64_t tier_threshold;         /* tokens; the _ABOVE prices apply past it (from it for xAI); 0 = none */
    uint64_t price_set;             /* bit (1 << LLM_PRICE_x): price[x] is given */
    double price[LLM__COSTS_PRICE_COUNT];
} llm_model_info;

/* The runtime price database. Zero it (set `alloc` if wanted): a zeroed
   object answers from the embedded table alone. Everywhere a `const
   llm_costs *` is taken, NULL means "the embedded table alone". Not safe
   for two threads at once; lookups on an unchanging object are. */
typedef struct llm_costs {
    llm_allocator alloc;
    /* private */
    void *registered_;
    void *loaded_;
} llm_costs;

/* Releases what the object owns; it is zeroed but keeps `alloc`. */
LLM_API void llm_costs_deinit(llm_costs *db);

/* Adds or replaces (same key, whole) one entry in the caller's layer, the
   highest. `info->key` is required; provider, mode, limits, capabilities,
   tier_threshold and the prices flagged in price_set are copied. A price
   that cannot be one (negative, NaN, infinite, above $1 per token or $1000
   per unit) is refused with LLM_ERR_INVALID_ARGUMENT naming it. */
LLM_API llm_result llm_costs_register(llm_costs *db, const llm_model_info *info, llm_error *err);

/* Loads a LiteLLM-format price JSON (an object of model entries) as the
   loaded layer, replacing the previous one only on success: a malformed or
   truncated text, one with no model entry, or one with a price that cannot
   be one (negative, above $1 per token or $1000 per unit: the message names
   the model and key) returns LLM_ERR_PARSE (or LLM_ERR_NO_MEMORY) and
   leaves the database as it was. `source` names the
   table in cost results (copied; NULL = "loaded JSON"). Every entry with a
   litellm_provider is kept, whatever its mode. */
LLM_API llm_result llm_costs_load_json(llm_costs *db, const char *json, size_t len, const char *source, llm_error *err);

/* How llm_costs_refresh obtained the table it left in place. */
typedef enum llm_costs_origin {
    LLM_COSTS_FROM_NOTHING = 0,     /* nothing new: the previous layers stay */
    LLM_COSTS_FROM_NETWORK,         /* fetched now (and written to the cache) */
    LLM_COSTS_FROM_CACHE,           /* the cache was younger than max_age */
    LLM_COSTS_FROM_STALE_CACHE      /* the fetch failed; an older cache was used */
} llm_costs_origin;

#define LLM_COSTS_DEFAULT_URL                                                                                          \
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"

/* Refreshes the loaded layer, as LiteLLM does at import: when `cache_path`
   holds a copy fetched less than `max_age_s` seconds before `now`, loads it;
   else GETs `url` (NULL = LLM_COSTS_DEFAULT_URL) through the caller's
   transport, loads the answer and writes it to the cache with its fetch
   time. When the fetch fails (transport error, timeout, a status other
   than 200, a body that is no price table) it falls back to the cache
   whatever its age, then to what was loaded before (the embedded table at
   least): the database is never left empty or half-loaded. `now` is unix
   seconds; 0 means time(NULL) (stdio builds only). Returns LLM_OK when a
   fresh table is in place (network or young cache), else the fetch's error
   with `*origin` (may be NULL) saying what is in use. `cache_path` may be
   NULL (no cache); under LLM_NO_STDIO it must be. */
LLM_API llm_result llm_costs_refresh(llm_costs *db, const llm_transport *transport, const char *url,
                                     const char *cache_path, int64_t max_age_s, int64_t now, llm_costs_origin *origin,
                                     llm_error *err);

#ifndef LLM_NO_STDIO
/* llm_costs_load_json on a file's bytes; the path names the table. */
LLM_API llm_result llm_costs_load_file(llm_costs *db, const char *path, llm_error *err);
#endif

/* Finds a model's entry, with LiteLLM's name resolution: a key equal to
   `model` (highest layer first); else, case-insensitively and checking the
   entry's provider against a `provider/` prefix when there is one, in this
   order: provider/model, the model as given, the stripped forms (ft: names,
   Azure's gpt-35, a trailing date such as -2024-08-06 or -20250929) with
   and without the provider, and the name without its prefix. Returns
   LLM_ERR_MODEL_UNKNOWN when nothing matches. `info` may be NULL. */
LLM_API llm_result llm_model_info_get(const llm_costs *db, const char *model, llm_model_info *info, llm_error *err);

/* True when the model is known and has every capability in `caps`. */
LLM_API bool llm_supports(const llm_costs *db, const char *model, uint32_t caps);

/* The JSON key of a price ("input_cost_per_token"; the _ABOVE ones with
   "<N>k" for the threshold), of a capability bit ("supports_vision"), of a
   mode ("chat"). NULL for a value that is none. Safe anywhere. */
LLM_API const char *llm_price_name(llm_price price);
LLM_API const char *llm_capability_name(uint32_t cap);
LLM_API const char *llm_model_mode_name(llm_model_mode mode);

/* Calls fn for each entry of the database, highest layer first, skipping
   keys a higher layer replaces; provider != NULL keeps only that provider.
   fn returns false to stop. Returns the number of entries visited. */
LLM_API size_t llm_costs_each(const llm_costs *db, const char *provider,
                              bool (*fn)(void *user, const llm_model_info *info), void *user);

/* Usage as disjoint buckets. llm_usage follows OpenAI's convention (the
   prompt includes cache reads and writes and audio, the completion includes
   reasoning and audio); the buckets split it so that each token is in one
   bucket. Details larger than their total are clipped to it. */
typedef struct llm_usage_buckets {
    int64_t input_uncached;         /* text prompt tokens neither read from nor written to cache */
    int64_t cache_read;
    int64_t cache_write_5m;
    int64_t cache_write_1h;
    int64_t input_audio;
    int64_t output_text;
    int64_t output_reasoning;
    int64_t output_audio;
    int64_t prompt_tokens;          /* sum of the input buckets */
    int64_t completion_tokens;      /* sum of the output buckets */
} llm_usage_buckets;

LLM_API llm_usage_buckets llm_usage_split(const llm_usage *usage);

/* What a request costs, and what priced it. */
typedef struct llm_cost_info {
    double usd;                     /* prompt_usd + completion_usd */
    double prompt_usd;
    double completion_usd;
    bool above_threshold;           /* the _ABOVE tier priced it */
    const char *key;                /* the entry that priced it */
    const char *provider;
    const char *table;              /* which table ("embedded LiteLLM 2026-07-24", a file, a URL) */
    llm_costs_layer layer;
} llm_cost_info;

typedef struct llm_cost_options {
    const char *service_tier;       /* "priority" (or "fast"), "flex"; NULL/other = standard */
    bool batch;                     /* batch API prices (input/output _batches) */
} llm_cost_options;

/* Prices `usage` for `model` with LiteLLM's generic formula: uncached input
   at the input price; cache reads at the cache-read price and never again
   at the input price; cache writes at their 5-minute / 1-hour prices (1-hour
   falls back to the 5-minute price); reasoning at its price, else as
   output (under a service tier with its own output price, at that price);
   audio and image tokens at their price, else as text; when the prompt
   exceeds the entry's threshold (for xAI: reaches it, as LiteLLM bills
   xAI) the _ABOVE prices reprice every token; service-tier prices fall
   back to the base ones. An embedding has
   no completion. Unknown model: LLM_ERR_MODEL_UNKNOWN, never a zero cost;
   an entry with no per-token price at all (LiteLLM's tiered_pricing lists,
   per-second or per-character models): LLM_ERR_UNSUPPORTED.
   `out` may be NULL. llm_cost_ex takes options (may be NULL). */
LLM_API llm_result llm_cost(const llm_costs *db, const char *model, const llm_usage *usage, llm_cost_info *out,
                            llm_error *err);
LLM_API llm_result llm_cost_ex(const llm_costs *db, const char *model, const llm_usage *usage,
                               const llm_cost_options *options, llm_cost_info *out, llm_error *err);
/* The same formula on an entry already found. */
LLM_API llm_cost_info llm_cost_of(const llm_model_info *info, const llm_usage *usage, const llm_cost_options *options);

/* Sets response->has_cost and cost_usd from its reported usage and service
   tier, and has_estimate_cost and estimate_cost_usd from its usage_estimate:
   tries `model` (the model requested; NULL = response->model), then
   response->model with the requested provider prefix, then bare. Leaves
   has_cost false, returning LLM_OK, when the usage is MISSING (the cost is
   then unknown, never 0); likewise has_estimate_cost without an estimate.
   Returns LLM_ERR_MODEL_UNKNOWN (or LLM_ERR_UNSUPPORTED, see llm_cost),
   with both false, when it cannot price the model. */
LLM_API llm_result llm_response_price(const llm_costs *db, llm_response *response, const char *model, llm_error *err);

#endif /* LLM_NO_COSTS */

/* ------------------------------------------------------------------------ */
/* >>events: what a stream decoder may do, and a body decoder use           */
/* ------------------------------------------------------------------------ */

/* Where a stream decoder delivers what one event said (llm_sink_*). */
typedef struct llm_stream_sink {
    void *state;                    /* the call's wire state (llm_wire_ctx.state) */
    /* private */
    struct llm_call *call_;
} llm_stream_sink;


/* A text, reasoning or refusal delta of a choice (kind: LLM_EVENT_TEXT,
   _REASONING or _REFUSAL). Text is copied when kept: it may point into the
   event's data. */
LLM_API llm_result llm_sink_delta(llm_stream_sink *s, llm_event_type kind, int choice, const char *text, size_t len);
/* A choice the answer names (counted even without text); fails for an
   index out of range (see LIMITS AND DEADLINES). */
LLM_API llm_result llm_sink_choice(llm_stream_sink *s, int choice);
/* The tool call known by `key` (the wire's index: OpenAI's tool index,
   Anthropic's content block), as a handle; -1 when none. Key -1: the last
   call started in the choice. */
LLM_API int llm_sink_tool_find(llm_stream_sink *s, int choice, int key);
/* Starts a tool call under `key` (-1: no key; it ranks after every call so
   far); a key already used passes to the new call, which then ranks last.
   `name` is required. Returns its handle, or a negative llm_result. */
LLM_API int llm_sink_tool_begin(llm_stream_sink *s, int choice, int key, const char *id, const char *name);
/* The call's id so far ("" when none). */
LLM_API const char *llm_sink_tool_id(llm_stream_sink *s, int choice, int handle);
/* Gives the call its id when it has none yet. */
LLM_API llm_result llm_sink_tool_set_id(llm_stream_sink *s, int choice, int handle, const char *id, size_t len);
LLM_API llm_result llm_sink_tool_args(llm_stream_sink *s, int choice, int handle, const char *text, size_t len);
/* All the arguments at once, from text the decoder made itself (Gemini's
   args object written out): copied, and the delta event points at the
   copy, so `text` may be freed on return. No more arguments may follow. */
LLM_API llm_result llm_sink_tool_args_whole(llm_stream_sink *s, int choice, int handle, const char *text, size_t len);
/* Ends a call: its arguments are checked as one JSON value; when they are
   not one, the call is kept with its text, flagged (arguments_invalid). */
LLM_API llm_result llm_sink_tool_end(llm_stream_sink *s, int choice, int handle);
/* A choice's finish reason, in the wire format's words; ends its calls. */
LLM_API llm_result llm_sink_finish(llm_stream_sink *s, int choice, const char *word, size_t len);
/* The same, with the reason given rather than read from the words (Gemini:
   a candidate that made a function call finishes as tool_calls although
   its word is STOP); LLM_FINISH_NONE reads the words. */
LLM_API llm_result llm_sink_finish_reason(llm_stream_sink *s, int choice, llm_finish_reason reason, const char *word,
                                          size_t len);
/* Usage an event carried, merged field by field into the usage so far: a
   count below 0 is one the event did not carry, and keeps its earlier
   value (0 when none came); total_tokens not carried becomes the merged
   prompt + completion when either was carried. A usage with every count
   given replaces the earlier one. valid = false when a count was out of
   range: the answer's usage is then refused (response.usage_refused). */
LLM_API llm_result llm_sink_usage(llm_stream_sink *s, const llm_usage *usage, bool valid);
/* The cost the provider reported, in USD (negative: ignored); and the part
   an upstream provider billed (OpenRouter's upstream_inference_cost). */
LLM_API void llm_sink_provider_cost(llm_stream_sink *s, double usd);
LLM_API void llm_sink_upstream_cost(llm_stream_sink *s, double usd);
/* A choice's content-filter annotations (choice -1: the prompt's), kept as
   the JSON text of `value`; a later one replaces it. */
LLM_API llm_result llm_sink_content_filter(llm_stream_sink *s, int choice, const llm_json *value);
/* Adds text to a part of the reasoning block known by `key` (Anthropic's
   content block index) of a choice, starting the block as `kind` when the
   key is new (len 0 only starts it). The blocks keep the order they
   started in, and become choice.reasoning_blocks. */
typedef enum llm_reasoning_part {
    LLM_REASONING_PART_THINKING = 0,
    LLM_REASONING_PART_SIGNATURE,
    LLM_REASONING_PART_DATA,
    LLM_REASONING_PART_TOOL_CALL_ID,     /* the block's tool_call_id (Gemini) */
    LLM_REASONING_PART_ID,               /* the block's id (a Responses API reasoning item) */
    LLM_REASONING_PART_SUMMARY           /* its summary array as JSON text (a later one replaces it) */
} llm_reasoning_part;
LLM_API llm_result llm_sink_reasoning_block(llm_stream_sink *s, int choice, int key, llm_reasoning_kind kind,
                                            llm_reasoning_part part, const char *text, size_t len);

typedef enum llm_sink_field {
    LLM_FIELD_ID = 0,
    LLM_FIELD_MODEL,
    LLM_FIELD_OBJECT,
    LLM_FIELD_FINGERPRINT,
    LLM_FIELD_SERVICE_TIER,
    LLM__FIELD_COUNT
} llm_sink_field;
/* A field of the response; the first value given wins. */
LLM_API llm_result llm_sink_field_set(llm_stream_sink *s, llm_sink_field field, const char *text, size_t len);
LLM_API void llm_sink_created(llm_stream_sink *s, int64_t created);
/* An error inside the stream (the error's JSON, read with the format's
   decode_error and classified with its words): the stream ends with it. */
LLM_API llm_result llm_sink_error(llm_stream_sink *s, const llm_json *body);
/* The stream's end marker: nothing after it is read. */
LLM_API void llm_sink_done(llm_stream_sink *s);
/* The answer is complete: the stream may end here without being TRUNCATED
   (formats without an end marker, such as Gemini's). */
LLM_API void llm_sink_complete(llm_stream_sink *s);
/* Fails the stream (a protocol error: LLM_ERR_PARSE) with a message. */
LLM_API llm_result llm_sink_fail(llm_stream_sink *s, llm_result code, const char *message);

/* ---- what a body decoder may use ---- */

/* A NUL-terminated copy of s[0..len) in the response's arena (NULL when
   out of memory), and zeroed memory there. */
LLM_API char *llm_response_strndup(llm_response *resp, const char *s, size_t len);
LLM_API void *llm_response_alloc(llm_response *resp, size_t size);

/* ------------------------------------------------------------------------ */
/* Calls beyond chat: embeddings, model lists, token counts by the server    */
/* ------------------------------------------------------------------------ */

/* What every request beside chat's carries for its exchange, as
   llm_request does: extra headers, its ids and its time limit. */
typedef struct llm_call_options {
    const llm_pair *headers;        /* extra HTTP headers */
    size_t header_count;
    int timeout_ms;                 /* 0 = the client's */
    const char *request_id;         /* X-Request-ID; NULL = generated */
    const char *idempotency_key;    /* a POST's Idempotency-Key: NULL = generated, one for all its retries */
} llm_call_options;

/* How the server is asked to send the vectors: JSON numbers, or base64 of
   little-endian float32 (a quarter of the bytes). The response holds
   floats either way. */
typedef enum llm_embed_encoding { LLM_EMBED_FLOAT = 0, LLM_EMBED_BASE64 } llm_embed_encoding;

typedef struct llm_embed_request {
    const char *model;
    const char *const *inputs;      /* the texts (UTF-8), one vector each */
    size_t input_count;
    int dimensions;                 /* 0: the model's own size */
    llm_embed_encoding encoding;
    const char *user;               /* OpenAI's end-user id; not sent where the format has none */
    const char *task_type;          /* Gemini's taskType ("RETRIEVAL_QUERY"...); not sent to others */
    llm_call_options call;
} llm_embed_request;

typedef struct llm_embedding {
    const float *values;
    size_t count;                   /* its dimensions */
} llm_embedding;

/* Everything points into the response's arena, freed by
   llm_embed_response_free (one arena: no allocation per number). */
typedef struct llm_embed_response {
    const char *model;              /* as the server names it; NULL when it does not */
    const llm_embedding *embeddings; /* one per input, in the inputs' order */
    size_t count;
    llm_usage usage;                /* prompt tokens (input_tokens); MISSING when the server sends none */
    bool has_cost;
    double cost_usd;                /* `usage` priced from the price table */
    bool has_provider_cost;
    double provider_cost_usd;       /* as a proxy reports it (x-litellm-response-cost) */
    const char *request_id;
    int http_status;
    int64_t latency_ms;
    int attempts;
    /* private */
    llm_allocator alloc_;
    void *arena_;
} llm_embed_response;

LLM_API void llm_embed_response_free(llm_embed_response *response);
/* Memory in the response's arena (for a wire format's decode; NULL when out of memory). */
LLM_API void *llm_embed_response_alloc(llm_embed_response *response, size_t size);

/* Where a list starts, for every list endpoint: `after` is a previous
   page's `next` (OpenAI's after / last_id, Anthropic's after_id, Gemini's
   pageToken), NULL for the first page. */
typedef struct llm_list_page {
    const char *after;
    int limit;                      /* items per page; 0: the server's default */
} llm_list_page;

typedef struct llm_models_request {
    llm_list_page page;
    llm_call_options call;
} llm_models_request;

/* One model a server lists. */
typedef struct llm_remote_model {
    const char *id;                 /* what to send as the model */
    const char *owner;              /* owned_by, or the provider; NULL unknown */
    const char *display_name;       /* NULL unknown */
    int64_t created;                /* Unix seconds; 0 unknown */
    int64_t context_window;         /* input tokens the server says it takes; 0 unknown */
    int64_t max_output_tokens;      /* 0 unknown */
#ifndef LLM_NO_COSTS
    bool known;                     /* the price table knows the id: `info` is its entry */
    llm_model_info info;
#endif
} llm_remote_model;

/* One page of a list; everything points into its arena, freed by
   llm_model_list_free. */
typedef struct llm_model_list {
    const llm_remote_model *models;
    size_t count;
    bool has_more;                  /* another page follows: ask for it with page.after = next */
    const char *next;
    const char *request_id;
    int http_status;
    int64_t latency_ms;
    int attempts;
    /* private */
    llm_allocator alloc_;
    void *arena_;
} llm_model_list;

LLM_API void llm_model_list_free(llm_model_list *list);
LLM_API void *llm_model_list_alloc(llm_model_list *list, size_t size);

/* A request's input tokens as the provider counts them. */
typedef struct llm_token_count {
    int64_t input_tokens;
    int http_status;
    int64_t latency_ms;
    int attempts;
    char request_id[96];
} llm_token_count;

/* ------------------------------------------------------------------------ */
/* >>providers: wire formats (openai, anthropic, gemini) and providers      */
/* ------------------------------------------------------------------------ */

/* Two kinds of data. A *wire format* knows one protocol: how a request is
   encoded, where it goes, how an answer, an error and a stream decode
   (openai-chat, anthropic-messages). A *provider* is one row of a table: a
   name, a base URL, how the key is sent, fixed headers, quirks, the
   environment variables that configure it, and its wire format (openai,
   azure, anthropic, openrouter, groq, ollama, vllm, litellm_proxy, ...).
   Nothing outside the table and its two lookups (by name, by model string)
   compares provider names. A caller's own provider, even with its own wire
   format, has the same powers as the built-in ones, streaming included,
   through the declarations below. */

typedef struct llm_client llm_client;
typedef struct llm_provider llm_provider;
struct llm_call;

/* What a wire format's functions are given. */
typedef struct llm_wire_ctx {
    const llm_client *client;       /* the desc (allocator, api_version, ...) */
    const llm_provider *provider;
    const char *model;              /* the model to send: the provider's "name/" prefix stripped */
    const char *base_url;           /* without a trailing slash */
    uint32_t quirks;                /* the provider's, with the desc's changes (LLM_QUIRK_*) */
    bool stream;
    /* The call's wire state (state_size bytes, zeroed at begin): what the
       encoder notes for the decoders (Anthropic: that a structured answer
       comes as a tool), and what a stream decoder keeps between events
       (sink->state is the same memory). NULL when state_size is 0. */
    void *state;
} llm_wire_ctx;

/* How a stream's bytes are cut into events. */
typedef enum llm_framing {
    LLM_FRAMING_SSE = 0,            /* text/event-stream: each event's data is one JSON value */
    LLM_FRAMING_NDJSON              /* one JSON value per line (Ollama's native API) */
} llm_framing;

/* A wire format's own words for a finish reason, and for an error type or
   code. An error word decides the result code of an error inside a 2xx
   stream (which has no status), and of an HTTP error too when
   `beats_status` (OpenAI's insufficient_quota arrives with 429 but is no
   rate limit). */
typedef struct llm_finish_word {
    const char *word;
    llm_finish_reason reason;
} llm_finish_word;

typedef struct llm_error_word {
    const char *word;
    llm_result code;
    bool beats_status;
    bool in_message;                /* the word is a phrase looked for in the message (any case) */
} llm_error_word;


/* A wire format's calls beyond chat, each NULL where it has none
   (LLM_ERR_UNSUPPORTED). A `url` writes as the chat one does; a `decode`
   reads a whole 2xx body, strings and arrays going to the result's arena
   (llm__ functions of the format's own, or llm_embed_response_alloc...). */
typedef struct llm_wire_embed {
    llm_result (*encode)(const llm_wire_ctx *ctx, const llm_embed_request *req, llm_json_writer *w, llm_error *err);
    llm_result (*url)(const llm_wire_ctx *ctx, const llm_embed_request *req, char *buf, size_t size, llm_error *err);
    llm_result (*decode)(const llm_wire_ctx *ctx, const llm_json *body, llm_embed_response *resp, llm_error *err);
} llm_wire_embed;

/* A GET: no body. */
typedef struct llm_wire_models {
    llm_result (*url)(const llm_wire_ctx *ctx, const llm_models_request *req, char *buf, size_t size, llm_error *err);
    llm_result (*decode)(const llm_wire_ctx *ctx, const llm_json *body, llm_model_list *list, llm_error *err);
} llm_wire_models;

/* The chat request's input tokens: `encode` writes the body the count
   endpoint takes (ctx->stream is false). */
typedef struct llm_wire_count {
    llm_result (*encode)(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w, llm_error *err);
    llm_result (*url)(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size, llm_error *err);
    llm_result (*decode)(const llm_wire_ctx *ctx, const llm_json *body, int64_t *input_tokens, llm_error *err);
} llm_wire_count;

typedef struct llm_wire_format {
    const char *name;               /* "openai-chat" */
    /* Writes the JSON body of `req` into `w` (stream: ctx->stream). The call
       has checked what every wire format needs (messages, UTF-8, ids...);
       fail with LLM_ERR_INVALID_ARGUMENT and a sentence naming the field
       for what this format cannot take. NULL: this format only decodes. */
    llm_result (*encode)(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w, llm_error *err);
    /* Writes the URL (ctx->base_url, the path, any query) into buf[size]
       as a NUL-terminated string; LLM_ERR_LIMIT_EXCEEDED when it does not
       fit. */
    llm_result (*url)(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size, llm_error *err);
    /* Fills resp from a whole 2xx body: strings with llm_response_strndup,
       arrays with llm_response_alloc, in the response's arena. */
    llm_result (*decode)(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp, llm_error *err);
    /* Reads an error body (or the error of a stream event) into err: message,
       type, provider_code; http_status only when the body carries a status
       of its own (OpenRouter's numeric code), for errors inside a stream. */
    void (*decode_error)(const llm_json *body, llm_error *err);
    /* One event of a stream: its SSE event name ("" in NDJSON) and its data,
       parsed. The end marker never reaches it. */
    llm_result (*decode_event)(llm_stream_sink *sink, const char *event, size_t event_len, const llm_json *data);
    size_t state_size;              /* bytes of the call's wire state (ctx->state, sink->state) */
    llm_framing framing;
    const char *end_marker;         /* event data that ends the stream, not JSON ("[DONE]"); NULL: none */
    const llm_finish_word *finish_words; /* ends with {NULL}; a word not in it is LLM_FINISH_OTHER */
    const llm_error_word *error_words;   /* ends with {NULL} */
    bool chat_completions;          /* its body is OpenAI's chat-completions JSON (members llm_request cannot
                                       hold pass through extra_body as they are) */
    /* Reads one of its usage objects into *out, in llm_usage's convention
       (*out zeroed first); false when a count is not a whole number in
       0 ... 2^53. NULL: it has no usage object (llm_usage_decode refuses). */
    bool (*decode_usage)(const llm_json *usage, llm_usage *out);
    /* Its answers carry reasoning blocks (signatures) that go back to it
       alone: their llm_message.reasoning_format is its name. An encoder
       sends a message's blocks only when the request's no_reasoning_blocks
       is unset and the message's reasoning_provider, _origin and _model,
       where set, are ctx's provider name, base URL origin and model (the
       call records them on the answer's choices). */
    bool reasoning_blocks;
    /* The calls beyond chat (NULL: the format has none). */
    const llm_wire_embed *embed;
    const llm_wire_models *models;
    const llm_wire_count *count_tokens;
} llm_wire_format;

/* The built-in wire formats (NULL when left out with LLM_NO_PROVIDER_OPENAI,
   LLM_NO_PROVIDER_ANTHROPIC or LLM_NO_PROVIDER_GEMINI). */
LLM_API const llm_wire_format *llm_wire_openai_chat(void);
LLM_API const llm_wire_format *llm_wire_anthropic_messages(void);
LLM_API const llm_wire_format *llm_wire_gemini(void);
/* OpenAI's Responses API ("openai-responses"; Azure's calls use a twin of
   it at Azure's URLs): a call picks it for itself (llm_openai_api); its
   count_tokens (POST /responses/input_tokens) is the openai preset's
   remote token count, whichever API the model's answers use. NULL with
   LLM_NO_PROVIDER_OPENAI. */
LLM_API const llm_wire_format *llm_wire_openai_responses(void);

/* Quirks: what a server does differently from the wire format's standard.
   Each preset has its own; a client desc can add or remove bits. */
enum {
    LLM_QUIRK_NO_DEVELOPER_ROLE = 1u << 0,   /* the developer role is sent as system */
    /* reasoning models (o1, o3, o4, gpt-5) get max_tokens as max_completion_tokens */
    LLM_QUIRK_MAX_COMPLETION_TOKENS = 1u << 1,
    LLM_QUIRK_NO_STREAM_OPTIONS = 1u << 2,   /* stream_options is never sent (a server that rejects it) */
    /* 1u << 3 was LLM_QUIRK_NO_STREAM_USAGE, which nothing read: removed (an answer without usage has
       its usage MISSING and the library's estimate beside it, whatever the preset) */
    LLM_QUIRK_V1_PATH = 1u << 4,             /* a base URL without a path gets "/v1" (Ollama, LiteLLM's
                                                http://localhost:11434) */
    LLM_QUIRK_ONE_CHOICE = 1u << 5,          /* the server answers one choice and has no `n` (OpenRouter): n above 1 is
                                                refused, n = 1 is not sent (extra_body can still send it) */
    /* a model whose price-table entry has mode "responses" goes to the Responses API (OpenAI, Azure; see
       llm_openai_api) */
    LLM_QUIRK_RESPONSES_MODELS = 1u << 6
};

/* One row of the provider table. */
struct llm_provider {
    const char *name;               /* "openai"; also the model prefix "openai/" */
    const llm_wire_format *wire;
    const char *default_base_url;   /* as the provider's SDK means it ("https://api.openai.com/v1") */
    const char *auth_header;        /* "Authorization", "x-api-key", "api-key", "x-goog-api-key" */
    const char *auth_prefix;        /* "Bearer ", "" */
    const llm_pair *headers;        /* sent with every request ("anthropic-version") */
    size_t header_count;
    uint32_t quirks;                /* LLM_QUIRK_* */
    bool keyless;                   /* needs no key (Ollama, vLLM) */
    const char *key_env[3];         /* the variables that may hold the key, the first set wins */
    const char *base_env[3];        /* <P>_BASE_URL (as the official SDKs), LiteLLM's <P>_API_BASE, another */
    const char *request_id_header;  /* its request-id header, besides x-request-id ("request-id") */
    const char *retry_ms_header;    /* its retry delay in ms, besides retry-after-ms ("x-ms-retry-after-ms") */
    const char *cost_header;        /* a header with the cost in USD ("x-litellm-response-cost") */
    const char *app_url_header;     /* where desc.app_url goes ("HTTP-Referer"); NULL: not sent */
    const char *app_title_headers[2]; /* where desc.app_title goes ("X-OpenRouter-Title", "X-Title") */
    const char *version_env[2];     /* an API version's variables (Azure's), the first set wins */
    const char *token_env;          /* a bearer token's variable (AZURE_AD_TOKEN) */
    /* The prefix of its rate-limit headers whose "...-reset" ones hold an
       RFC 3339 time ("anthropic-ratelimit-"): when a 429 says no
       retry-after, the latest of those times is when to retry. */
    const char *reset_header_prefix;
};

/* The preset called `name` ("openai", "anthropic/", ...: a trailing '/'
   is allowed); NULL when none. Safe anywhere. */
LLM_API const llm_provider *llm_provider_find(const char *name);
/* The presets, for listing: index 0 ... llm_provider_count() - 1. */
LLM_API size_t llm_provider_count(void);
LLM_API const llm_provider *llm_provider_at(size_t index);
/* The preset a model string names: its "provider/" prefix when that names
   a preset, else the bare name (gpt-*, o1*, o3*, o4*, chatgpt-*,
   text-embedding-*: openai; claude-*: anthropic); NULL when neither says.
   *sent (may be NULL) gets the model to send: the prefix stripped
   (openrouter/meta-llama/x sends meta-llama/x). Safe anywhere. */
LLM_API const llm_provider *llm_provider_for_model(const char *model, const char **sent);

/* Where a request goes, all resolved: llm_resolve_target fills it. */
typedef struct llm_target {
    const llm_provider *provider;
    const char *model;              /* the model to send */
    const char *base_url;           /* NULL: the provider's default */
    const char *api_key;            /* NULL: none found (keyless presets need none) */
    const char *api_version;        /* Azure's, when one was given or found */
    const char *bearer_token;       /* Azure's AZURE_AD_TOKEN, when found */
    const char *key_from;           /* "desc", or the variable the key came from; NULL: none */
    const char *base_from;          /* "desc", the variable, or NULL for the default */
    char key_vars[160];             /* the variables looked for, for a "no key" message */
} llm_target;

/* What to resolve. Every field may be zero but the model. */
typedef struct llm_target_desc {
    const char *model;              /* "anthropic/claude-sonnet-4-5", "gpt-4o", an alias of a proxy */
    const char *provider;           /* a preset name: wins over the model's prefix */
    const llm_provider *custom_provider; /* wins over both */
    const char *base_url;           /* wins over the environment */
    const char *api_key;            /* wins over the environment */
    const char *api_version;        /* Azure */
    /* Reads a variable (NULL: no environment is read). */
    const char *(*getenv)(void *user, const char *name);
    void *getenv_user;
    /* When true and no provider is given: a base URL from the desc or
       LLM_BASE_URL means an OpenAI-compatible server that gets the model
       verbatim, prefix included, with the key LLM_API_KEY (a LiteLLM proxy,
       vLLM, Ollama... addressed by alias). */
    bool proxy_mode;
} llm_target_desc;

/* The one resolution of provider, model, base URL and key, used by
   llm_client_desc_from_env, the router's config loader and the `llm` CLI:
   - provider: custom_provider, else `provider`, else (proxy_mode) a base
     URL means openai-compatible, else the model's prefix or bare name;
     LLM_ERR_MODEL_UNKNOWN when nothing names one, LLM_ERR_UNSUPPORTED for
     an unknown provider name;
   - base URL: the desc's, else <P>_BASE_URL, else <P>_API_BASE, else the
     preset's default;
   - key: the desc's, else the preset's variables in order (none for
     keyless presets); LLM_OK with api_key NULL when none is set (the
     caller decides whether that is an error: target.key_vars names them).
   Strings point into the desc, the environment or the table. */
LLM_API llm_result llm_resolve_target(const llm_target_desc *in, llm_target *out, llm_error *err);

/* The result code for an HTTP error: the status first, then known message
   phrases (context window, content policy, rate limit). `err` must already
   hold http_status, type, provider_code and message; this sets code and
   retryable. The call also consults its wire format's error words first. */
LLM_API llm_result llm_classify_error(llm_error *err);

/* ------------------------------------------------------------------------ */
/* >>call: one HTTP exchange as a state machine (sans-I/O)                   */
/* ------------------------------------------------------------------------ */

#ifndef LLM_CALL_MAX_HEADERS
#define LLM_CALL_MAX_HEADERS 32
#endif

/* One exchange. Zero it, then:
       llm_call_begin(&call, &client, &req, now_ms, &http, &err);
       ... send *http, and as the answer arrives:
       llm_call_feed_status / llm_call_feed_header / llm_call_feed_body
       (any chunking, down to one byte) ...
       llm_call_finish(&call, now_ms, &resp, &err);
       llm_call_free(&call);
   It never blocks, sleeps or reads a clock: times are passed in. The first
   error is sticky: later feeds return it. */
typedef struct llm_call {
    /* private */
    const llm_client *client_;
    int state_;
    int op_;                    /* what it asks: chat, embeddings, models, a token count */
    llm_result error_;
    llm_error err_;
    llm_allocator alloc_;
    void *arena_;
    llm_json_writer body_;
    llm_http_request http_;
    llm_pair headers_[LLM_CALL_MAX_HEADERS];
    int status_;
    int64_t start_ms_;
    char *in_;                  /* the answer's body */
    size_t in_len_, in_cap_, in_max_;
    int64_t retry_after_ms_;
    int64_t retry_date_ms_, date_ms_;
    int64_t reset_ms_;          /* the latest rate-limit reset time the headers gave (reset_header_prefix), -1 none */
    llm_tristate should_retry_;
    char request_id_[96];
    const char *auth_value_;    /* the auth header's value (holds the key): wiped at free */
    llm_wire_ctx ctx_;          /* what the wire format is given */
    const llm_wire_format *wire_; /* the wire format of this call: its provider's, or the Responses API */
    bool has_provider_cost_;
    double provider_cost_;
    const char *model_;         /* the model requested, for pricing */
    int max_choices_;           /* choice indices allowed: the request's n, 1 when unset */
    size_t max_stream_bytes_;   /* stream.max_bytes, or max_response_bytes */
    size_t stream_bytes_, acc_bytes_; /* received and accumulated so far */
    size_t prompt_estimate_;    /* the prompt's tokens by the estimator, for answers without usage */
    size_t header_bytes_;       /* the answer's headers and trailers so far (LLM_MAX_HEADER_BYTES) */
    size_t expected_items_;     /* embeddings: the vectors the answer must hold (one per input) */
    bool trailers_, enough_;    /* a header came after body bytes; the answer is whole and the rest not wanted */
    int64_t whole_ms_;          /* the first tick that saw the stream whole, -1 none */
    /* streaming */
    bool stream_, sse_mode_, ndjson_, mode_known_, done_, complete_, content_seen_, tick_seen_, borrow_, body_ended_;
    char *nd_;                  /* NDJSON framing: the bytes of lines not read yet */
    size_t nd_len_, nd_cap_, nd_pos_;
    llm_stream_options sopt_;
    llm_sse sse_;
    llm_json_doc chunk_;        /* the JSON of the current stream event */
    llm_json_doc check_;        /* for checking tool-call arguments */
    llm_event *queue_;
    size_t queue_len_, queue_pos_, queue_cap_;
    void *acc_;                 /* the accumulator */
    llm_response json_answer_;  /* a plain JSON answer to a stream, which its events point into */
    int64_t last_event_ms_;
    char *last_text_;           /* the loop guard's last text delta */
    size_t last_text_len_, last_text_cap_;
    int repeats_;
} llm_call;

/* Encodes the request; *http points into the call until llm_call_free.
   `now_ms` is the caller's monotonic time (0 if it keeps none). On failure
   the call holds nothing (llm_call_free is then optional). */
LLM_API llm_result llm_call_begin(llm_call *call, const llm_client *client, const llm_request *req,
                                  int64_t now_ms, const llm_http_request **http, llm_error *err);
/* The feeds return LLM_OK, the sticky error, or LLM_DONE: the answer is
   whole and the rest of the transfer is not wanted (past a limit or a
   deadline after it, see LIMITS AND DEADLINES): stop it, drop its
   connection, and finish the call as usual. A header fed after body bytes
   is a trailer: counted against LLM_MAX_HEADER_BYTES with the headers,
   never read as one. */
LLM_API llm_result llm_call_feed_status(llm_call *call, int status);
LLM_API llm_result llm_call_feed_header(llm_call *call, const char *name, size_t name_len, const char *value,
                                        size_t value_len);
LLM_API llm_result llm_call_feed_body(llm_call *call, const char *data, size_t len);
/* The sink a transport delivers into, feeding this call (tick: NULL; a
   streaming driver gives its own, see llm_stream). */
LLM_API llm_http_sink llm_call_sink(llm_call *call);
/* Zero-copy feeding, for a driver that takes the events at once: like
   llm_call_feed_body, but the call may point into `data` instead of
   copying it, so the events taken (llm_call_next_event) until the next
   feed point into `data`. Before `data` changes or goes, call
   llm_call_keep_body: it copies what the stream parser still holds of it
   (an unfinished event). */
LLM_API llm_result llm_call_feed_body_borrowed(llm_call *call, const char *data, size_t len);
LLM_API llm_result llm_call_keep_body(llm_call *call);
/* Every byte of the body was fed: a last NDJSON line without its newline
   is read, a plain JSON answer to a streamed request becomes its events.
   llm_call_finish does it too; a driver calls it first to take those last
   events. */
LLM_API void llm_call_end_body(llm_call *call);
/* The transport failed (LLM_ERR_TRANSPORT, LLM_ERR_TIMEOUT,
   LLM_ERR_CANCELLED...): the call ends with that code and message (the
   API key scrubbed from it; NULL: the code's description), retryable for
   TRANSPORT and TIMEOUT. A stream keeps what arrived: llm_call_finish
   still gives the partial response; a stream cut (TRANSPORT) after its
   content began is LLM_ERR_TRUNCATED. A call that has already failed keeps
   its first error; one whose answer is whole keeps it (CANCELLED aside). */
LLM_API void llm_call_fail(llm_call *call, llm_result code, const char *message);
/* Ends the exchange: on LLM_OK *resp is filled (free it with
   llm_response_free); otherwise err says why (a non-2xx status becomes
   its result code, with the provider's message). */
LLM_API llm_result llm_call_finish(llm_call *call, int64_t now_ms, llm_response *resp, llm_error *err);
/* Releases the call's memory (also after an error, or to cancel). */
LLM_API void llm_call_free(llm_call *call);

/* Runs one request through client->desc.transport (blocking), sent again
   on a retryable failure as client.num_retries says (2 by default: see
   llm_client_desc), each attempt with the request's one Idempotency-Key;
   resp->attempts counts them and resp->latency_ms spans them all, backoff
   included. Each retry is logged at LLM_LOG_INFO with its wait and why. */
LLM_API llm_result llm_complete(const llm_client *client, const llm_request *req, llm_response *resp, llm_error *err);

/* A streamed exchange: like llm_call_begin, and the answer is an event
   stream (a plain JSON answer is accepted too and delivered as events).
   After each llm_call_feed_body, take the events with llm_call_next_event
   until it returns LLM_AGAIN; llm_call_finish gives the accumulated
   response, the same llm_response a non-streamed call gives. For a stream,
   `resp` holds what arrived even when finish returns an error (TRUNCATED
   when the stream ended before its end marker, the provider's error code
   for an error inside the stream, CANCELLED, TIMEOUT).
   The mark that makes a stream complete, per wire format (a stream that
   ends without it is LLM_ERR_TRUNCATED, its partial answer kept):
       OpenAI chat (and OpenRouter, Azure, compatibles)  `data: [DONE]`; a
           finish_reason alone is not the end: the usage chunk follows it
       Anthropic Messages   the message_stop event (message_delta's
           stop_reason is not the end)
       Gemini               a candidate's finishReason (it has no marker)
   A plain JSON answer to a streamed request is complete once whole. */
LLM_API llm_result llm_call_begin_stream(llm_call *call, const llm_client *client, const llm_request *req,
                                         int64_t now_ms, const llm_http_request **http, llm_error *err);
/* LLM_OK with *ev filled; LLM_AGAIN when the bytes fed so far hold no
   more events; LLM_DONE after the stream's end marker; or the sticky error. */
LLM_API llm_result llm_call_next_event(llm_call *call, llm_event *ev);
/* Gives the call the time, for the stream deadlines (first token, stall,
   total): call it after feeding and whenever the driver wakes, until the
   transfer ends. LLM_ERR_TIMEOUT (sticky) once a deadline has passed;
   after the end marker, LLM_DONE once a deadline or the 1 s grace has
   passed: stop the transfer, the answer stands. */
LLM_API llm_result llm_call_tick(llm_call *call, int64_t now_ms);
/* Ends the call early (LLM_ERR_CANCELLED, sticky). */
LLM_API void llm_call_cancel(llm_call *call);

/* Runs one streamed request through the transport, calling on_event for
   every event; *resp is the accumulated response (also after an error, see
   llm_call_begin_stream). Retried as llm_complete is, only while no
   content (text, reasoning, refusal, a tool call) has reached on_event:
   a stream that has delivered content is never sent again. */
LLM_API llm_result llm_stream(const llm_client *client, const llm_request *req, llm_event_fn on_event, void *user,
                              llm_response *resp, llm_error *err);

/* ---- the calls beyond chat ----
   The same exchange as llm_call_begin / llm_call_finish for another kind of
   request: the feeds, llm_call_sink, llm_call_fail and llm_call_free are
   the same; begin and finish name the kind (a call begun as one kind and
   finished as another is INVALID_ARGUMENT). They never stream. A provider
   whose wire format has no such call (llm_wire_format.embed, .models,
   .count_tokens) gives LLM_ERR_UNSUPPORTED, the provider named. The
   blocking ones run through client->desc.transport and are retried as
   llm_complete is (attempts and latency_ms count them all). */

/* Embeddings: a vector per input. An answer with a different number of
   vectors than inputs is LLM_ERR_PARSE, saying both counts. */
LLM_API llm_result llm_call_begin_embed(llm_call *call, const llm_client *client, const llm_embed_request *req,
                                        int64_t now_ms, const llm_http_request **http, llm_error *err);
LLM_API llm_result llm_call_finish_embed(llm_call *call, int64_t now_ms, llm_embed_response *resp, llm_error *err);
LLM_API llm_result llm_embed(const llm_client *client, const llm_embed_request *req, llm_embed_response *resp,
                             llm_error *err);

/* One page of the server's models (req may be NULL: the first page). */
LLM_API llm_result llm_call_begin_models(llm_call *call, const llm_client *client, const llm_models_request *req,
                                         int64_t now_ms, const llm_http_request **http, llm_error *err);
LLM_API llm_result llm_call_finish_models(llm_call *call, int64_t now_ms, llm_model_list *list, llm_error *err);
LLM_API llm_result llm_list_models(const llm_client *client, const llm_models_request *req, llm_model_list *list,
                                   llm_error *err);

/* A chat request's input tokens as the provider counts them (its own
   count endpoint: what it would bill). The estimator (llm_tokens_estimate,
   llm_count_request_tokens without a vocabulary) is the offline answer. */
LLM_API llm_result llm_call_begin_count_tokens(llm_call *call, const llm_client *client, const llm_request *req,
                                               int64_t now_ms, const llm_http_request **http, llm_error *err);
LLM_API llm_result llm_call_finish_count_tokens(llm_call *call, int64_t now_ms, llm_token_count *out, llm_error *err);
LLM_API llm_result llm_count_tokens_remote(const llm_client *client, const llm_request *req, llm_token_count *out,
                                           llm_error *err);

/* A call that only decodes: no request is encoded or sent; feed it an
   answer (status, headers, body) as usual, take its events (stream), and
   finish. For replaying recorded answers, tests, benchmarks and fuzzing.
   The client gives the wire format, the allocator and the prices; with no
   request to say how many choices it holds, an answer may hold up to 128.
   `options` (may be NULL) are a stream's (no_accumulate, deadlines...). */
LLM_API llm_result llm_call_begin_decode(llm_call *call, const llm_client *client, bool stream,
                                         const llm_stream_options *options, llm_error *err);

/* Decodes recorded answer bytes as the provider `format` ("openai",
   "anthropic", "openrouter", ...: llm_provider_find; "openai-responses":
   OpenAI's Responses API) would: a whole body, or an event stream when
   `stream` is true; what `llm replay` does. */
LLM_API llm_result llm_decode_recorded(const char *format, int http_status, const char *body, size_t len, bool stream,
                                       llm_response *resp, llm_error *err);

/* Reads a provider's usage object (the `usage` member of its answer) into
   *out, in llm_usage's convention: the conversion the decoders use, for
   callers that keep usage apart from answers (`llm cost --usage`).
   `format` is a preset name as for llm_decode_recorded: an OpenAI-style
   preset reads prompt_tokens and its details; "anthropic" adds
   cache_read_input_tokens and cache_creation_input_tokens to input_tokens,
   and reads cache_creation.ephemeral_1h_input_tokens as the 1-hour part of
   the writes. Returns LLM_ERR_PARSE when `usage` is not an object or a
   count is not a whole number in 0 ... 2^53 (*out is then zeroed),
   LLM_ERR_UNSUPPORTED for a format without such a reader. Safe anywhere. */
LLM_API llm_result llm_usage_decode(const char *format, const llm_json *usage, llm_usage *out, llm_error *err);

/* The same through a wire format of one's own (or a built-in one): its
   decode_usage slot reads the object. LLM_ERR_UNSUPPORTED when the format
   has none. Safe anywhere. */
LLM_API llm_result llm_wire_usage_decode(const llm_wire_format *wire, const llm_json *usage, llm_usage *out,
                                         llm_error *err);

/* ------------------------------------------------------------------------ */
/* >>client: configuration shared by calls                                   */
/* ------------------------------------------------------------------------ */

typedef enum llm_log_level { LLM_LOG_ERROR = 0, LLM_LOG_WARN, LLM_LOG_INFO, LLM_LOG_DEBUG } llm_log_level;

/* Zero every field you do not use. Strings are not copied: they must outlive
   the client. */
typedef struct llm_client_desc {
    const char *provider;        /* a preset (llm_provider_find): "openai" (default), "anthropic", "openrouter",
                                    "azure", "groq", "ollama", "vllm", "litellm_proxy", "openai-compatible", ... */
    const llm_provider *custom_provider; /* a provider of your own (its wire format may be yours too); wins */
    const char *api_key;         /* never logged, never put in an error */
    const char *bearer_token;    /* sent as "Authorization: Bearer <token>" instead of the key (Azure Entra ID) */
    /* Asked for the bearer token at every request; return the token you
       keep and fetch a new one when it expires (thread-safe when calls run
       at once). Wins over bearer_token. May be NULL. */
    const char *(*get_token)(void *user);
    void *token_user;
    /* default: the provider's ("https://api.openai.com/v1"), as its official SDK means it */
    const char *base_url;
    const char *api_version;     /* Azure: "2024-10-21" (the deployment URL); NULL, "", "v1", "latest", "preview": the
                                    v1 API */
    llm_openai_api openai_api;   /* chat completions or the Responses API for every request (a request's own choice
                                    wins); AUTO: by the model (llm_openai_api) */
    /* the model to price answers by, when the one sent says nothing (an Azure deployment) */
    const char *base_model;
    const char *app_url;         /* OpenRouter's attribution: HTTP-Referer */
    const char *app_title;       /* OpenRouter's attribution: X-OpenRouter-Title (and the legacy X-Title) */
    uint32_t quirks_on;          /* LLM_QUIRK_* added to the provider's */
    uint32_t quirks_off;         /* LLM_QUIRK_* removed from the provider's */
    /* Sent with every request. One named like the header the key goes in
       (any case: Authorization, or the provider's x-api-key, api-key,
       x-goog-api-key) replaces it, as the official SDKs let explicit
       headers win: the key is not sent, that header is (a request's wins
       over the desc's), and it is the secret header. */
    const llm_pair *headers;
    size_t header_count;
    /* A key or token goes over plain http:// only to a loopback host
       (127.0.0.0/8, [::1], localhost): to any other host the call is
       refused (LLM_ERR_INVALID_ARGUMENT) before anything is sent, unless
       this is true (a trusted network; the key crosses it in clear, and
       through any proxy on the way). */
    bool allow_plain_http;
    llm_allocator alloc;
    llm_transport transport;     /* used by llm_complete */
    int timeout_ms;              /* per request; 0 = 600000 */
    /* Retries of llm_complete and llm_stream (the official SDKs' default
       is 2): a 408, 409, 429 or 5xx answer, or a connection that failed
       before any content arrived, is sent again, up to num_retries more
       times, with the same Idempotency-Key, after the server's
       retry-after-ms or retry-after (seconds or a date) when it says one
       and it is at most 60 s (longer: no retry, and the error says so),
       else an exponential backoff from 0.5 s to 8 s with full jitter;
       `x-should-retry` decides when the server sends it. A stream that has
       delivered content is never sent again. Unset: 2; 0 turns retries off.
       One 400 is retried too, once, at once and differently: Anthropic's
       "Invalid `signature` in `thinking` block" (a thinking block replayed
       to an endpoint or model that did not make it) sends the request again
       without its reasoning blocks (llm_request.no_reasoning_blocks), and
       the log says so (LLM_LOG_WARN); refused again, that refusal is the
       error. It counts as one of the num_retries and in response.attempts.
       The router's clients never retry: the router's retries are the only
       ones there (the same rules, llm_router_desc; its trace says "thinking
       blocks dropped after an invalid signature"). */
    bool has_num_retries;
    int num_retries;
    int connect_timeout_ms;      /* 0 = the transport's default */
    size_t max_response_bytes;   /* a larger body is LLM_ERR_LIMIT_EXCEEDED; 0 = 64 MiB */
    /* Monotonic milliseconds, for latency and the stream deadlines of the
       blocking drivers (llm_complete, llm_stream; the sans-I/O call itself
       never reads a clock: it is given the time). NULL: the platform's
       monotonic clock where there is one (POSIX), else none (latency 0, no
       stream deadlines). */
    int64_t (*clock_ms)(void *user);
    /* Wall-clock unix milliseconds, to turn a Retry-After date into a delay
       when the answer has no Date header. May be NULL. */
    int64_t (*wall_clock_ms)(void *user);
    /* Waits `ms` between retries (clock_user is its user). NULL: the
       platform's sleep where there is one; with none, only a retry that
       needs no wait is made. */
    void (*sleep_ms)(void *user, int64_t ms);
    void *clock_user;
    /* Random source for request ids, idempotency keys and the jitter of
       retries (called from the calls' threads: it must be thread-safe when
       calls run at once). NULL: they are mixed from `seed` (0: the system's
       entropy, so no two processes repeat them), the call and a
       high-resolution clock, so they differ from call to call. */
    uint64_t (*random)(void *user);
    void *random_user;
    uint64_t seed;
    bool no_request_id;          /* do not send X-Request-ID */
    bool keep_raw_body;          /* responses keep the raw body */
    /* A request field the wire format cannot take is left out instead of
       refused (LiteLLM's drop_params): Anthropic's seed, n, logprobs,
       penalties, temperature beside thinking... */
    bool drop_unsupported;
    /* Prices for response->cost_usd: NULL = the embedded table (see
       >>costs); ignored under LLM_NO_COSTS. */
    const struct llm_costs *costs;
    /* Log callback; nothing is printed when NULL. Messages never contain
       the API key. */
    void (*log)(void *user, llm_log_level level, const char *message);
    void *log_user;
} llm_client_desc;

struct llm_client {
    llm_client_desc desc;
    const llm_provider *provider;
    uint32_t quirks;               /* the provider's, with quirks_on and quirks_off applied */
    uint64_t seed_;                /* for request ids; never changed after init */
};

/* Checks the desc and fills the client. Refused with INVALID_ARGUMENT, the
   field named: a control byte in the API key or a header value (HTAB
   allowed in values), a header name that is not an HTTP token, a base_url
   that is empty, not http(s) or holds spaces or control bytes. Nothing is
   allocated. A client is read-only once initialised: any number of threads
   may run calls on one client at once (the transport, log and clock hooks
   must then be thread-safe themselves). */
LLM_API llm_result llm_client_init(llm_client *client, const llm_client_desc *desc, llm_error *err);

/* The desc with every default resolved, as llm_client_init keeps it: the
   provider ("openai" when neither provider nor custom_provider is given),
   base_url (the provider's default_base_url), timeout_ms (600000),
   max_response_bytes (LLM_MAX_RESPONSE_BYTES, 64 MiB), num_retries (2),
   and clock_ms and sleep_ms (the platform's, where there are). What is
   given is kept; an unknown provider stays as given, for llm_client_init to
   refuse.
   Safe anywhere. */
LLM_API llm_client_desc llm_client_desc_defaults(const llm_client_desc *desc);

#ifndef LLM_NO_STDIO
/* Fills desc's provider (as custom_provider), base_url, api_key,
   api_version and bearer_token for `model` from the environment, through
   llm_resolve_target (proxy mode: LLM_BASE_URL means an OpenAI-compatible
   server; see there). What desc already holds wins. The environment is read
   only here, when the caller asks. `target` (may be NULL) gets the
   resolution, so a caller can say which variables it looked for when no
   key was found (target->key_vars). Pointers go into the environment:
   call llm_client_init before changing it. */
LLM_API llm_result llm_client_desc_from_env(llm_client_desc *desc, const char *model, llm_target *target,
                                            llm_error *err);
#endif

/* ------------------------------------------------------------------------ */
/* >>conversation: a message list that owns its strings                      */
/* ------------------------------------------------------------------------ */

/* Zero it (set `alloc` if wanted); add messages; pass
   llm_conversation_messages() as a request's messages. Everything added is
   copied into the conversation's arena. */
typedef struct llm_conversation {
    llm_allocator alloc;
    /* private */
    llm_message *messages_;
    size_t count_, capacity_;
    void *arena_;
} llm_conversation;

LLM_API llm_result llm_conversation_add(llm_conversation *conv, const llm_message *msg);
/* Appends choice 0 of `resp` as the assistant's message: its text, tool
   calls and reasoning blocks (which only their own wire format is sent). */
LLM_API llm_result llm_conversation_add_response(llm_conversation *conv, const llm_response *resp);
/* Appends a tool's answer to the call `tool_call_id`. */
LLM_API llm_result llm_conversation_add_tool_result(llm_conversation *conv, const char *tool_call_id,
                                                    const char *content);
LLM_API const llm_message *llm_conversation_messages(const llm_conversation *conv, size_t *count);
LLM_API void llm_conversation_free(llm_conversation *conv);

/* ------------------------------------------------------------------------ */
/* >>router, router_config: deployments, retries, fallbacks, cooldowns      */
/* ------------------------------------------------------------------------ */

/* A router keeps an application answering when a provider is slow, rate
   limited or down. It holds deployments (one provider + model + key + URL
   each) gathered in model groups ("fast", "gpt-4o"); a request's model names
   a group, a deployment id or a deployment's model. Its semantics follow
   LiteLLM's Router and the official SDKs' retry rules:

   - retries: transport errors, TIMEOUT, 408, 409, 429, 5xx, 529 are retried
     (x-should-retry wins); 400/401/403/404/422, context window, content
     policy and CANCELLED are not. The delay is Retry-After when it is at
     most max_retry_after_ms (60 s), else exponential backoff with full
     jitter (random in [0, min(base*2^n, cap)], 500 ms doubling, 8 s cap).
     When the group has another healthy deployment, a retry re-picks at once
     without sleeping. A Retry-After above the limit means "not this
     deployment now".
   - fallbacks: after the group's retries, or at once for an error no retry
     can fix, the next group of the matching list is tried (context-window
     and content-policy lists for those errors, else the generic list, else
     the default list "*"). A request with a prompt longer than every
     deployment's max input (hooks below) goes to the context-window list
     before anything is sent.
   - one attempt budget ((num_retries+1) * (1+max_fallbacks)) and one
     deadline (timeout_ms) cover retries and fallbacks together.
   - cooldowns: a deployment cools down when more than allowed_fails (3) of
     its attempts failed with 429/401/404/408/5xx/transport/timeout within
     fail_window_ms (60 s, a window opened by the first failure), or at once
     when such a failure carries Retry-After. It lasts the deployment's
     cooldown_ms, else the Retry-After, else the router's cooldown_ms (5 s).
     Then one half-open probe decides: success closes it, failure cools it
     again. Single-deployment groups cool down too, so during an outage
     requests go straight to the fallbacks.
   - streaming: after content reached the caller (outcome.content_delivered)
     an error is final: no retry, no fallback, the partial answer is kept.

   The core is a state machine that never allocates, sleeps or does I/O:
       llm_router_attempt a = {0};          (zeroed = a new request)
       for (;;) {
           r = llm_router_pick(&router, &req, &a, &err);
           if (r == LLM_AGAIN) { sleep a.wait_ms; continue; }
           if (r != LLM_OK) break;               (gave up: err says why)
           ... send req with model = a.model through a.client, plus the
               headers Idempotency-Key: a.idempotency_key, X-Attempt: a.number
           r = llm_router_report(&router, &a, &outcome, &err);
           if (r != LLM_AGAIN) break;            (LLM_DONE: success)
       }
   llm_router_complete is that loop over the deployments' transports.

   Thread safety: one router per thread, or give lock/unlock hooks; pick,
   report, cancel and the stats functions take the lock. Callbacks run with
   the lock held and must not call back into the router. */

#ifndef LLM_ROUTER_MAX_FALLBACKS
#define LLM_ROUTER_MAX_FALLBACKS 16  /* everywhere: sizes llm_router_attempt */
#endif
#define LLM_ROUTER_CLASSES 16

typedef enum llm_routing_strategy {
    LLM_ROUTING_DEFAULT = 0,       /* simple-shuffle */
    LLM_ROUTING_SIMPLE_SHUFFLE,    /* weighted random: weight, else rpm, else tpm, else uniform */
    LLM_ROUTING_LEAST_BUSY,        /* fewest requests in flight */
    LLM_ROUTING_LATENCY,           /* lowest latency EWMA (per output token when known) */
    LLM_ROUTING_LOWEST_COST,       /* lowest input+output price (price hook) */
    LLM_ROUTING_USAGE,             /* lowest tokens, then requests, used this minute */
    LLM__ROUTER_STRATEGY_COUNT
} llm_routing_strategy;

/* One deployment. Strings are copied by llm_router_init. */
typedef struct llm_deployment_desc {
    const char *group;             /* model group (LiteLLM model_name); NULL = model */
    const char *id;                /* stable id; NULL = "group#index" */
    /* a preset name; NULL: what the model names (llm_provider_for_model), else "openai" */
    const char *provider;
    const llm_provider *custom_provider;
    const char *model;             /* the model: "anthropic/claude-sonnet-4-5", "gpt-4o" (its provider's prefix is
                                      stripped when sent) */
    const char *api_key;
    const char *base_url;          /* NULL = the provider's */
    const char *api_version;       /* Azure */
    bool allow_plain_http;         /* its key may go over http:// to any host (llm_client_desc.allow_plain_http) */
    int weight;                    /* simple-shuffle weight; 0 = 1 when any weight is set */
    int order;                     /* priority tier >= 1: the lowest available is used first; 0 (unset) comes after
                                      every set order */
    int rpm, tpm;                  /* client-side limits per minute (token buckets); 0 = none */
    int max_parallel;              /* requests in flight; 0 = no limit */
    int timeout_ms;                /* per attempt; 0 = only the request deadline */
    int cooldown_ms;               /* 0 = the Retry-After, else the router's */
    bool has_num_retries;          /* num_retries is read only when set */
    int num_retries;
    int64_t max_input_tokens;      /* 0 = ask the max_input_tokens hook */
    double budget_usd;             /* spend limit per budget window; 0 = none */
} llm_deployment_desc;

/* Settings of one model group. */
typedef struct llm_router_group_desc {
    const char *name;
    bool has_num_retries;
    int num_retries;
    double budget_usd;             /* 0 = none */
} llm_router_group_desc;

typedef enum llm_fallback_kind {
    LLM_FALLBACK_GENERIC = 0,      /* any error once retries are spent */
    LLM_FALLBACK_CONTEXT_WINDOW,   /* LLM_ERR_CONTEXT_WINDOW_EXCEEDED, or the pre-check */
    LLM_FALLBACK_CONTENT_POLICY,   /* LLM_ERR_CONTENT_POLICY, or finish_reason content_filter */
    LLM__FALLBACK_COUNT
} llm_fallback_kind;

/* "when group G fails with this kind of error, try these groups in order" */
typedef struct llm_router_fallback {
    llm_fallback_kind kind;
    const char *group;             /* "*" = every group (LiteLLM's default_fallbacks) */
    const char *const *to;
    size_t to_count;
} llm_router_fallback;

/* Retries for one error class, beating num_retries (LiteLLM's RetryPolicy). */
typedef struct llm_retry_override {
    llm_result code;               /* LLM_ERR_RATE_LIMITED, LLM_ERR_TIMEOUT, ... */
    int retries;
} llm_retry_override;

/* Per-request overrides; zero = the router's. */
typedef struct llm_router_options {
    bool has_num_retries;
    int num_retries;
    const char *const *fallbacks;  /* generic fallback groups for this request */
    size_t fallback_count;
    bool no_fallbacks;
    int timeout_ms;                /* deadline of the whole request; 0 = the router's */
} llm_router_options;

typedef enum llm_trace_kind {
    LLM_TRACE_PICK = 0,            /* deployment chosen for an attempt */
    LLM_TRACE_WAIT,                /* nothing can be sent yet; ms = how long */
    LLM_TRACE_RETRY,               /* ms = delay before the retry */
    LLM_TRACE_FALLBACK,            /* to_group = the group tried next */
    LLM_TRACE_COOLDOWN,            /* deployment cools for ms */
    LLM_TRACE_HALF_OPEN,           /* cooldown over: the next attempt is a probe */
    LLM_TRACE_SUCCESS,
    LLM_TRACE_GIVE_UP
} llm_trace_kind;

/* One decision. Pointers are valid during the callback only. A decision is
   traced once it is final: RETRY and FALLBACK announce an attempt that
   will be picked (unless the request is cancelled, or another request
   takes what it waits for), never one the deadline or the attempt budget
   already rules out (GIVE_UP then says why). */
typedef struct llm_router_trace {
    llm_trace_kind kind;
    uint64_t request_number;       /* the request's llm_router_attempt.request_number; the message starts with
                                      "request N: " */
    int attempt;                   /* attempt number (1-based; 0 before the first) */
    const char *group;
    const char *deployment;        /* id, or NULL */
    const char *to_group;          /* FALLBACK */
    int64_t ms;
    llm_result code;               /* the error behind the decision, or LLM_OK */
    const char *message;           /* "request 3: picked east#0 (simple-shuffle, 2 candidates)" */
} llm_router_trace;

/* Counters of a router, or of one deployment (where calls counts its
   attempts). Every attempt is exactly one of: the first of a call, a retry
   (a later attempt in the same group), or a fallback (the first attempt in
   a fallback group), so attempts = calls - unsent + retries + fallbacks. */
typedef struct llm_router_stats {
    uint64_t calls;                /* finished requests: successes + failures */
    uint64_t successes, failures;
    uint64_t unsent;               /* failures before anything was sent */
    uint64_t attempts, retries, fallbacks;
    uint64_t fallback_switches;    /* groups fallen back to (some never sent) */
    uint64_t cooldowns;            /* cooldowns entered */
    int64_t in_flight;
    uint64_t failures_by_class[LLM_ROUTER_CLASSES]; /* failed attempts, by llm_router_error_class */
    double latency_ewma_ms;        /* 0 until the first success */
    double ttft_ewma_ms;           /* time to first token (streams) */
    int64_t prompt_tokens, completion_tokens;
    double cost_usd;
} llm_router_stats;

typedef struct llm_router_attempt llm_router_attempt;

/* What an attempt came to. */
typedef struct llm_router_outcome {
    llm_result result;             /* LLM_OK or the attempt's error */
    const llm_error *error;        /* details (status, retry_after_ms, should_retry); may be NULL */
    const llm_response *response;  /* on success: usage, finish reason, cost */
    bool content_delivered;        /* a text/reasoning/refusal/tool-call event reached the caller */
    int64_t ttft_ms;               /* streams: time to first token; 0 = unknown */
} llm_router_outcome;

/* Zero every field you do not use. Arrays and strings are copied by
   llm_router_init (the desc is read once). */
typedef struct llm_router_desc {
    const llm_deployment_desc *deployments;
    size_t deployment_count;
    const llm_router_group_desc *groups;
    size_t group_count;
    const llm_router_fallback *fallbacks;
    size_t fallback_count;
    const llm_retry_override *retry_policy;
    size_t retry_policy_count;
    llm_routing_strategy strategy;
    bool has_num_retries;          /* default 2 */
    int num_retries;
    int max_fallbacks;             /* 0 = 5; at most LLM_ROUTER_MAX_FALLBACKS */
    bool has_allowed_fails;        /* default 3 */
    int allowed_fails;
    int cooldown_ms;               /* 0 = 5000 */
    int fail_window_ms;            /* 0 = 60000 */
    bool disable_cooldowns;
    int timeout_ms;                /* deadline of a whole request, all attempts; 0 = none */
    int backoff_base_ms;           /* 0 = 500 */
    int backoff_cap_ms;            /* 0 = 8000 */
    int max_retry_after_ms;        /* 0 = 60000 */
    /* Router-wide spend limit per window; 0 = none. Each answer charges its
       reported cost (the price hook's or the price table's on its usage,
       else the provider's), else the cost of the library's estimate
       (response.usage_estimate): a server that omits its usage, or sends
       usage that is refused, cannot dodge a budget. One answer charges at
       most LLM_ROUTER_MAX_CHARGE_USD ($100). The same holds for group and
       deployment budgets. */
    double budget_usd;
    int64_t budget_window_ms;      /* 0 = 24 h */
    llm_transport transport;       /* the deployments' clients use it */
    /* Every deployment's key may go over http:// to any host (as if each
       deployment set allow_plain_http): llm_client_desc.allow_plain_http. */
    bool allow_plain_http;
    llm_allocator alloc;
    /* Monotonic milliseconds. NULL: on POSIX systems (without LLM_NO_STDIO)
       CLOCK_MONOTONIC. When the implementation TU included system headers
       before llm.h in a strict ISO mode (-std=c99 without _POSIX_C_SOURCE),
       CLOCK_MONOTONIC is hidden and the default is time(): whole seconds of
       the wall clock, so backoff and Retry-After delays are rounded up to
       seconds and a clock change moves them; give clock_ms, or include
       llm.h first (it then asks for POSIX itself). Elsewhere (no POSIX),
       llm_router_init fails without it. */
    int64_t (*clock_ms)(void *user);
    /* Sleeps for llm_router_complete. NULL: nanosleep (sleep() in whole
       seconds with the coarse clock above). */
    void (*sleep_ms)(void *user, int64_t ms);
    void *clock_user;
    /* Random source; NULL: a per-router generator seeded with `seed`. */
    uint64_t (*random)(void *user);
    void *random_user;
    uint64_t seed;
    /* Hooks to the token and cost sections (all may be NULL): */
    int64_t (*count_prompt_tokens)(void *user, const llm_request *req);
    int64_t (*max_input_tokens)(void *user, const char *model);   /* 0 = unknown */
    bool (*price)(void *user, const char *model, double *input_per_token, double *output_per_token);
    void *hooks_user;
    /* `os.environ/VAR` in a JSON config; NULL: getenv (not under LLM_NO_STDIO). */
    const char *(*getenv)(void *user, const char *name);
    void *getenv_user;
    /* Callbacks (all may be NULL); they run inside pick/report. */
    void (*on_trace)(void *user, const llm_router_trace *event);
    /* llm_router_complete: may append headers (up to capacity) to an attempt. */
    void (*on_before_attempt)(void *user, const llm_router_attempt *a, llm_pair *headers, size_t *count,
                              size_t capacity);
    void (*on_retry)(void *user, const llm_router_attempt *a, int64_t delay_ms, const llm_error *err);
    void (*on_fallback)(void *user, const llm_router_attempt *a, const char *from, const char *to,
                        const llm_error *err);
    void (*on_success)(void *user, const llm_router_attempt *a, const llm_response *resp, int64_t latency_ms,
                       double cost_usd);
    void (*on_failure)(void *user, const llm_router_attempt *a, const llm_error *err);
    void *callback_user;
    void (*log)(void *user, llm_log_level level, const char *message); /* traces at DEBUG */
    void *log_user;
    void (*lock)(void *user);
    void (*unlock)(void *user);
    void *lock_user;
} llm_router_desc;

/* Caller-owned; treat the private fields as opaque. Idle routers may be
   moved with memcpy (no pointer into the struct itself). */
typedef struct llm_router {
    llm_router_desc desc_;         /* resolved defaults; arrays not kept */
    void *arena_;
    void *core_;
} llm_router;

/* One request going through the router. Zero it, optionally set
   `options`, and pass it to pick/report until they finish. */
struct llm_router_attempt {
    llm_router_options options;    /* in: read at the first pick */
    /* out of llm_router_pick (valid until the router is freed): */
    int deployment;                /* index, for llm_router_deployment_stats */
    const char *deployment_id;
    const char *group;             /* the group the deployment serves */
    const char *model;             /* the model to send through `client` (the deployment's, its provider
                                      prefix included: the client strips it, pricing uses it) */
    llm_client *client;            /* the deployment's client */
    int number;                    /* 1-based attempt number (X-Attempt) */
    uint64_t request_number;       /* 1, 2, 3...: the requests of this router in the order of their first pick
                                      (the trace lines' "request N"), to tell concurrent requests apart */
    int timeout_ms;                /* for this attempt; 0 = the client's */
    int64_t wait_ms;               /* after LLM_AGAIN: wait this long, then pick */
    bool is_retry, is_fallback;    /* what this attempt is */
    char idempotency_key[40];      /* the same on every attempt */
    char request_id[40];           /* X-Request-ID of this attempt (from the router's random source, so
                                      clients shared by threads are never written to) */
    llm_error last_error;          /* the latest failure */
    bool drop_reasoning;           /* the attempts from now on send no reasoning blocks (llm_router_prepare sets
                                      no_reasoning_blocks): Anthropic refused a thinking block's signature */
    /* private */
    int state_, group_, orig_group_, pin_, avoid_;
    int retries_, fallbacks_, attempts_, max_attempts_;
    int tried_[LLM_ROUTER_MAX_FALLBACKS + 1];
    int tried_count_;
    int excluded_[8];
    int excluded_count_;
    int64_t start_ms_, deadline_ms_, retry_at_ms_, sent_ms_, prompt_tokens_;
    bool pending_fallback_, probe_, failed_before_;
    llm_result final_;
};

/* Checks the desc, copies it and builds one client per deployment. Errors
   name the bad field ("deployments[2].provider: ..."). */
LLM_API llm_result llm_router_init(llm_router *router, const llm_router_desc *desc, llm_error *err);
/* Builds a router from a LiteLLM proxy config given as JSON text (`len`
   bytes, borrowed for the call). JSON only: LiteLLM's config.yaml is
   refused as LLM_ERR_PARSE, with a message that says so when the text
   looks like YAML; convert it first (the llm CLI reads YAML through
   libyaml). `base` (may be NULL) supplies what JSON cannot (transport,
   hooks, callbacks, getenv) and the defaults the file may override.
   The keys read; any other is ignored, as LiteLLM does:
     {"model_list": [{"model_name": GROUP,
        "litellm_params": {"model", "api_key", "api_base", "api_version",
          "rpm", "tpm", "weight", "order", "timeout" (s), "cooldown_time" (s),
          "num_retries", "max_parallel_requests", "max_budget"},
        "model_info": {"id", "max_input_tokens"}}, ...],
      "litellm_settings", then "router_settings": {"routing_strategy",
        "num_retries", "max_fallbacks", "fallbacks" ([{GROUP: [GROUP, ...]}]),
        "context_window_fallbacks", "content_policy_fallbacks",
        "default_fallbacks" ([GROUP, ...]), "allowed_fails",
        "cooldown_time" (s), "timeout" (s, the deadline of a whole request),
        "retry_policy" ({"RateLimitErrorRetries": N, ...}),
        "disable_cooldowns"}}
   A string value "os.environ/NAME" is that variable's value, read through
   base->getenv (default getenv; none under LLM_NO_STDIO); an unset one is
   an error naming it and the key (LiteLLM reads None and goes on).
   Errors name the JSON path of the bad field
   ("model_list[1].litellm_params.rpm"). Nothing keeps a pointer into the
   text; the strings read from it are wiped from the memory freed. */
LLM_API llm_result llm_router_init_json(llm_router *router, const char *json, size_t len, const llm_router_desc *base,
                                        llm_error *err);
LLM_API void llm_router_free(llm_router *router);
/* The desc with every default resolved. */
LLM_API llm_router_desc llm_router_desc_defaults(const llm_router_desc *desc);

/* Chooses the deployment for the next attempt of `a`. LLM_OK: send it;
   LLM_AGAIN: wait a->wait_ms and pick again (rate limit, retry delay);
   an error: the request has failed (err, and a->last_error, say why:
   LLM_ERR_NO_DEPLOYMENT names the soonest recovery). Never allocates. */
LLM_API llm_result llm_router_pick(llm_router *router, const llm_request *req, llm_router_attempt *a, llm_error *err);
/* Records what the attempt came to and decides: LLM_DONE (success: keep the
   response), LLM_AGAIN (pick again: a retry or a fallback, maybe after
   a->wait_ms), or an error (the request has failed; err filled). */
LLM_API llm_result llm_router_report(llm_router *router, llm_router_attempt *a, const llm_router_outcome *outcome,
                                     llm_error *err);
/* Abandons a request (releases a picked deployment). */
LLM_API void llm_router_cancel(llm_router *router, llm_router_attempt *a);

/* The request to send for a picked attempt, through a->client: the
   caller's, with the attempt's model, Idempotency-Key, X-Attempt, request
   id and timeout (and on_before_attempt's headers). For a driver of your
   own (the curl adapter's runner); `out` must outlive the call. */
typedef struct llm_router_send {
    llm_request request;
    /* private */
    llm_pair headers_[LLM_CALL_MAX_HEADERS];
    char number_[24];
} llm_router_send;
LLM_API llm_result llm_router_prepare(llm_router *router, const llm_router_attempt *a, const llm_request *req,
                                      llm_router_send *out, llm_error *err);

/* The blocking driver: pick, send through the deployment's client, report,
   until done. `opts` may be NULL. The response's latency_ms is the whole
   request, from the first pick to the end (waits, backoff and every
   attempt included), and attempts the number of attempts sent; both are
   set also when the request fails (the response is otherwise empty then,
   but for what a stream had delivered). */
LLM_API llm_result llm_router_complete(llm_router *router, const llm_request *req, const llm_router_options *opts,
                                       llm_response *resp, llm_error *err);
/* The same for a stream: events reach on_event as they arrive. Retries and
   fallbacks happen only until the first text, reasoning, refusal or tool
   call event has reached the caller (never duplicated text); an error after
   that ends the request, with the partial response kept in *resp. */
LLM_API llm_result llm_router_stream(llm_router *router, const llm_request *req, const llm_router_options *opts,
                                     llm_event_fn on_event, void *user, llm_response *resp, llm_error *err);

LLM_API void llm_router_get_stats(llm_router *router, llm_router_stats *out);
LLM_API size_t llm_router_deployment_count(const llm_router *router);
LLM_API const char *llm_router_deployment_id(const llm_router *router, size_t index);
LLM_API bool llm_router_deployment_stats(llm_router *router, size_t index, llm_router_stats *out);
/* Milliseconds until the deployment may be picked again (0 = now). */
LLM_API int64_t llm_router_cooldown_remaining(llm_router *router, size_t index);
/* The index in failures_by_class of an error code (0 = other). Safe anywhere. */
LLM_API int llm_router_error_class(llm_result code);

/* ------------------------------------------------------------------------ */
/* >>openai_body: an OpenAI chat-completions request body, read             */
/* ------------------------------------------------------------------------ */


/* An llm_request read from an OpenAI chat-completions body (the lingua
   franca of LLM APIs: a gateway that receives such requests forwards them
   to any provider with this and llm_complete). Zero it, set `alloc` if
   wanted, parse, use `request`, free. */
typedef struct llm_openai_request {
    llm_allocator alloc;
    llm_request request;            /* its strings live in this object */
    bool stream;                    /* the body's "stream" */
    const char *unknown[16];        /* members llm_request cannot hold (the first 16 of unknown_count): they are
                                       also in request.extra_body, as given */
    size_t unknown_count;
    /* private */
    llm_json_doc doc_;
    void *arena_;
} llm_openai_request;

/* Reads `model`, `messages` (string or array content: text, image_url and
   file parts (a data URL, as a document); name, tool_calls, tool_call_id,
   and LiteLLM's `thinking_blocks` on an assistant message), `tools`,
   `tool_choice`, `response_format`, `max_tokens`, `max_completion_tokens`,
   `temperature`, `top_p`, `top_k`, `stop` (a string or an array), `seed`,
   `n`, `presence_penalty`, `frequency_penalty`, `logprobs`, `top_logprobs`,
   `reasoning_effort`, `parallel_tool_calls`, `user`, `metadata`,
   `service_tier`, `stream`, `stream_options.include_usage`, and LiteLLM's
   `cache_control` on messages, parts and tools. Invalid JSON is
   LLM_ERR_PARSE with the offset; a member of the wrong type
   LLM_ERR_INVALID_ARGUMENT naming it; a part type llm_request cannot hold
   (or an uploaded file_id) LLM_ERR_UNSUPPORTED. Other members of a message
   are ignored. The request is checked again, fully, when a call encodes
   it. */
LLM_API llm_result llm_request_parse_openai(llm_openai_request *out, const char *json, size_t len, llm_error *err);
LLM_API void llm_openai_request_free(llm_openai_request *r);

#ifdef __cplusplus
}
#endif
#endif /* LLM_H_INCLUDED */

/* ======================================================================== */
/*                              IMPLEMENTATION                              */
/* ======================================================================== */
/* INDEX OF THE IMPLEMENTATION
   Each section opens with a line `// >>name: purpose` (search for it). A
   section uses only what the sections above it define; a call through the
   wire-format vtable is the one way back up. A section's private helpers
   (llm__<name>_...) are its own, except that base and wirekit serve every
   section below them, and a section may give a few to the sections below,
   listed under it here. tools/check_sections.py holds the file to this
   (make check-sections).

   base           allocation, errors, arenas and buffers, bytes and text, time and entropy
   json           a strict RFC 8259 reader (DOM) and writer
                  gives: llm__json_check, llm__json_write_raw_checked, llm__json_write_members_raw,
                         llm__json_write_string_pieces, llm__json_write_fail
   sse            an incremental event-stream parser (WHATWG rules)
                  gives: llm__sse_max, llm__sse_hold
   http           header and URL checks, the mock transport, statuses and errors to result codes
                  gives: llm__http_check_headers, llm__http_url_ok, llm__http_json_scrub, llm__http_classify_with,
                         llm__http_url_loopback
   bpe            exact tiktoken-compatible BPE: vocabularies, the pre-tokenizer and its Unicode tables
   tokens         the estimator, chat and tool overhead, trimming
   costs          prices and model facts: the layered database and the cost of a response
   wirekit        what every wire format encodes and decodes with
   events         the accumulator behind every stream, and the public sink the decoders feed
                  gives: llm__events_from_answer, llm__events_finish, llm__events_free,
                         llm__events_tool_end_not_object
   openai         the OpenAI chat-completions wire format (OpenAI, Azure, OpenRouter and compatibles)
                  gives: llm__openai_wire, llm__openai_azure_wire, llm__openai_data_url, llm__openai_detail_name,
                         llm__openai_error_words
   responses      the OpenAI Responses API wire format (OpenAI, Azure)
                  gives: llm__responses_wire, llm__responses_azure_wire
   anthropic      the Anthropic Messages wire format
                  gives: llm__anthropic_wire
   gemini         the Gemini generateContent wire format
                  gives: llm__gemini_wire
   providers      the provider table, its lookups, and the one resolution of a target
                  gives: llm__providers_model_for, llm__providers_wire_for, llm__providers_for_format,
                         llm__providers_count_wire
   call           one HTTP exchange as a state machine (sans-I/O): begin, feed, pump, finish
                  gives: llm__call_random_id, LLM__CALL_ID_SIZE
   retry          when a failed attempt is sent again, and after how long: the client's and the router's one policy
                  gives: llm__retry_should, llm__retry_content_event, llm__retry_backoff, llm__retry_without_reasoning,
                         LLM__RETRY_DEFAULT_RETRIES,
                         LLM__RETRY_BACKOFF_BASE_MS, LLM__RETRY_BACKOFF_CAP_MS, LLM__RETRY_MAX_AFTER_MS
   client         the client and its blocking drivers: llm_complete, llm_stream, recorded answers, usage
   conversation   a message list that owns its strings
   router         deployments, retries, fallbacks, cooldowns: pick, report and the drivers
   router_config  the router from LiteLLM-style JSON
   openai_body    an OpenAI chat-completions body read into an llm_request
*/
#if defined(LLM_IMPLEMENTATION) && !defined(LLM_IMPLEMENTATION_INCLUDED)
#define LLM_IMPLEMENTATION_INCLUDED

#include <string.h>
#include <stdarg.h>

#ifndef LLM_ASSERT
#include <assert.h>
#define LLM_ASSERT(c) assert(c)
#endif

#if defined(LLM_DEFAULT_ALLOC) || defined(LLM_DEFAULT_REALLOC) || defined(LLM_DEFAULT_FREE)
#  if !defined(LLM_DEFAULT_ALLOC) || !defined(LLM_DEFAULT_REALLOC) || !defined(LLM_DEFAULT_FREE)
#    error "define all of LLM_DEFAULT_ALLOC, LLM_DEFAULT_REALLOC and LLM_DEFAULT_FREE, or none"
#  endif
#else
#  include <stdlib.h>
#  define LLM_DEFAULT_ALLOC(n) malloc(n)
#  define LLM_DEFAULT_REALLOC(p, n) realloc(p, n)
#  define LLM_DEFAULT_FREE(p) free(p)
#endif

#ifndef LLM_JSON_MAX_DEPTH
#define LLM_JSON_MAX_DEPTH 512
#endif

#ifndef LLM_USAGE_MAX_TOKENS
#define LLM_USAGE_MAX_TOKENS 100000000
#endif

#ifndef LLM_ROUTER_MAX_CHARGE_USD
#define LLM_ROUTER_MAX_CHARGE_USD 100.0
#endif

/* The bytes of an answer's headers and trailers together (see LIMITS AND
   DEADLINES; a transport reads it from llm_limits()). */
#ifndef LLM_MAX_HEADER_BYTES
#define LLM_MAX_HEADER_BYTES (256u << 10)
#endif

/* Time, where the platform has it: the router's default clock and sleep,
   and the entropy of request ids. CLOCK_MONOTONIC and nanosleep where
   POSIX shows them; on a POSIX system whose headers hide them (a strict ISO
   build that included system headers before llm.h), time(), clock() and
   sleep(): whole seconds, and the wall clock, which may jump. */
#if !defined(LLM_NO_STDIO) && (defined(__unix__) || defined(__APPLE__))
#include <time.h>
#if defined(CLOCK_MONOTONIC)
#define LLM__ROUTER_POSIX_TIME 1
#else
#include <unistd.h>
#define LLM__ROUTER_COARSE_TIME 1
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define LLM__LIKELY(x) __builtin_expect(!!(x), 1)
#define LLM__UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LLM__LIKELY(x) (x)
#define LLM__UNLIKELY(x) (x)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
// >>base: allocation, errors, arenas and buffers, bytes and text, time and entropy
/* ------------------------------------------------------------------------ */

LLM_API uint32_t llm_version(void) { return LLM_VERSION_NUM; }

LLM_API llm_limits_info llm_limits(void) {
    llm_limits_info info;
    info.json_max_depth = LLM_JSON_MAX_DEPTH;
    info.error_message_size = LLM_ERROR_MESSAGE_SIZE;
    info.usage_max_tokens = LLM_USAGE_MAX_TOKENS;
    info.router_max_charge_usd = LLM_ROUTER_MAX_CHARGE_USD;
    info.max_header_bytes = LLM_MAX_HEADER_BYTES;
    return info;
}

static void *llm__alloc(const llm_allocator *a, size_t size) {
    if (size == 0) size = 1;
    if (a && a->alloc) return a->alloc(a->user, size);
    return LLM_DEFAULT_ALLOC(size);
}

static void *llm__realloc(const llm_allocator *a, void *ptr, size_t old_size, size_t new_size) {
    if (new_size == 0) new_size = 1;
    if (a && a->realloc) return a->realloc(a->user, ptr, old_size, new_size);
    return LLM_DEFAULT_REALLOC(ptr, new_size);
}

static void llm__free(const llm_allocator *a, void *ptr, size_t size) {
    if (!ptr) return;
    if (a && a->free) a->free(a->user, ptr, size);
    else LLM_DEFAULT_FREE(ptr);
}

/* Grows *buf (of *capacity elements of elem_size bytes) to hold at least
   `needed` elements, doubling. Returns false (buffer untouched) on overflow
   or when the allocator fails. */
static bool llm__grow(const llm_allocator *a, void **buf, size_t *capacity, size_t needed, size_t elem_size) {
    size_t cap = *capacity ? *capacity : 16;
    void *p;
    if (needed <= *capacity) return true;
    while (cap < needed) {
        if (cap > ((size_t)-1) / 2 / elem_size) return false;
        cap *= 2;
    }
    p = *buf ? llm__realloc(a, *buf, *capacity * elem_size, cap * elem_size) : llm__alloc(a, cap * elem_size);
    if (!p) return false;
    *buf = p;
    *capacity = cap;
    return true;
}

LLM_API const char *llm_result_str(llm_result code) {
    switch (code) {
#define LLM__RESULT_NAME(name, value, text) case name: return #name;
        LLM__RESULTS(LLM__RESULT_NAME)
#undef LLM__RESULT_NAME
        default: return "LLM_ERR_UNKNOWN";
    }
}

LLM_API const char *llm_result_description(llm_result code) {
    switch (code) {
#define LLM__RESULT_TEXT(name, value, text) case name: return text;
        LLM__RESULTS(LLM__RESULT_TEXT)
#undef LLM__RESULT_TEXT
        default: return "unknown result code";
    }
}

/* Copies at most size-1 bytes of s (n bytes) into dst and terminates it. */
static void llm__copy_text(char *dst, size_t size, const char *s, size_t n) {
    if (size == 0) return;
    if (!s) n = 0;
    if (n > size - 1) n = size - 1;
    if (n) memcpy(dst, s, n);
    dst[n] = '\0';
}

/* How much of s[0..n) at its start is the API key: the whole key, or for
   keys of 8 bytes or more a run of 8 or more of its first bytes (a key cut
   short by a server or a buffer); 0 when none. */
static size_t llm__key_match(const char *s, size_t n, const char *key, size_t klen) {
    size_t k = 0;
    while (k < n && k < klen && s[k] == key[k]) k++;
    if (k == klen) return k;
    return klen >= 8 && k >= 8 ? k : 0;
}

/* Copies text that came from the network, s[0..n), into dst[size]: every
   match of the key (llm__key_match) becomes "***", control bytes (NUL
   included) become spaces, and only then is it cut to size. `key` may be
   NULL; keys shorter than 4 bytes are not looked for. Returns the length
   written. */
static size_t llm__copy_network_text(char *dst, size_t size, const char *s, size_t n, const char *key) {
    size_t klen = key ? strlen(key) : 0, i = 0, o = 0, m;
    if (size == 0) return 0;
    if (!s) n = 0;
    while (i < n && o + 1 < size) {
        if (klen >= 4 && s[i] == key[0] && (m = llm__key_match(s + i, n - i, key, klen)) > 0) {
            size_t j;
            for (j = 0; j < 3 && o + 1 < size; j++) dst[o++] = '*';
            i += m;
            continue;
        }
        dst[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? ' ' : s[i];
        i++;
    }
    dst[o] = '\0';
    return o;
}

LLM_API size_t llm_scrub_copy(char *dst, size_t size, const char *text, size_t len, const char *secret) {
    return dst ? llm__copy_network_text(dst, size, text, len, secret) : 0;
}

/* The key scrubbed from s[0..n) in place; returns the new length. */
static size_t llm__scrub_n(char *s, size_t n, const char *key) {
    size_t klen = key ? strlen(key) : 0, i = 0, o = 0, m;
    if (klen < 4) return n;
    while (i < n) {
        if (s[i] == key[0] && (m = llm__key_match(s + i, n - i, key, klen)) > 0) {
            memcpy(s + o, "***", 3); /* m >= 4, so the copy never overtakes the reading */
            o += 3;
            i += m;
        } else {
            s[o++] = s[i++];
        }
    }
    return o;
}

/* The key scrubbed from a NUL-terminated string in place. */
static void llm__scrub_text(char *s, const char *key) {
    s[llm__scrub_n(s, strlen(s), key)] = '\0';
}

/* Every string field of err with the key scrubbed (a last pass, for the
   messages the library composed around network text). */
static void llm__scrub_error(llm_error *err, const char *key) {
    if (!err || !key) return;
    llm__scrub_text(err->message, key);
    llm__scrub_text(err->type, key);
    llm__scrub_text(err->provider_code, key);
    llm__scrub_text(err->request_id, key);
}

static void llm__error_clear(llm_error *err) {
    if (err) memset(err, 0, sizeof *err);
}

/* The Retry-After of an error in ms, or -1 when it said nothing. */
static int64_t llm__retry_after(const llm_error *e) {
    return e && e->has_retry_after && e->retry_after_ms >= 0 ? e->retry_after_ms : -1;
}

/* Appends a string to dst[*pos..size), cut at the buffer's end. */
static void llm__append_str(char *dst, size_t size, size_t *pos, const char *s) {
    while (*s && *pos + 1 < size) dst[(*pos)++] = *s++;
    dst[*pos] = '\0';
}

/* Appends a decimal number to dst[*pos..size). */
static void llm__append_u64(char *dst, size_t size, size_t *pos, uint64_t v) {
    char digits[24];
    size_t n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n && *pos + 1 < size) dst[(*pos)++] = digits[--n];
    dst[*pos] = '\0';
}

/* "call_<choice>_<k>" into s (LLM__SYNTH_ID_SIZE bytes): the id of a tool
   call the server gave none (the next request must name the call its
   result answers). Returns its length. */
#define LLM__SYNTH_ID_SIZE 48
static size_t llm__synth_id(char *s, uint64_t choice, uint64_t k) {
    size_t pos = 5;
    memcpy(s, "call_", 5);
    llm__append_u64(s, LLM__SYNTH_ID_SIZE, &pos, choice);
    s[pos++] = '_';
    llm__append_u64(s, LLM__SYNTH_ID_SIZE, &pos, k);
    return pos;
}

/* A tiny formatter for error messages that needs no stdio: %s (C string),
   %.*s (length, then pointer), %d (int), %u (unsigned), %z (size_t).
   Longer text is cut at the buffer size. */
static void llm__vformat(char *dst, size_t size, const char *fmt, va_list ap) {
    size_t pos = 0;
    if (size == 0) return;
    dst[0] = '\0';
    for (; *fmt && pos + 1 < size; fmt++) {
        if (*fmt != '%') { dst[pos++] = *fmt; dst[pos] = '\0'; continue; }
        fmt++;
        if (*fmt == 's') {
            const char *s = va_arg(ap, const char *);
            while (s && *s && pos + 1 < size) dst[pos++] = *s++;
            dst[pos] = '\0';
        } else if (fmt[0] == '.' && fmt[1] == '*' && fmt[2] == 's') {
            int n = va_arg(ap, int);
            const char *s = va_arg(ap, const char *);
            for (; s && n > 0 && pos + 1 < size; n--) dst[pos++] = *s++;
            dst[pos] = '\0';
            fmt += 2;
        } else if (*fmt == 'd') {
            int v = va_arg(ap, int);
            if (v < 0 && pos + 1 < size) dst[pos++] = '-';
            llm__append_u64(dst, size, &pos, v < 0 ? (uint64_t)(-(int64_t)v) : (uint64_t)v);
        } else if (*fmt == 'u') {
            llm__append_u64(dst, size, &pos, va_arg(ap, unsigned));
        } else if (*fmt == 'z') {
            llm__append_u64(dst, size, &pos, va_arg(ap, size_t));
        } else if (*fmt == '%') {
            dst[pos++] = '%';
            dst[pos] = '\0';
        } else {
            break;
        }
    }
}

/* A formatted message into dst[size] (llm__vformat's formats). */
static void llm__format(char *dst, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    llm__vformat(dst, size, fmt, ap);
    va_end(ap);
}

/* Fills err (when given) with code and a formatted message; returns code. */
static llm_result llm__fail(llm_error *err, llm_result code, const char *fmt, ...) {
    va_list ap;
    if (!err) return code;
    llm__error_clear(err);
    err->code = code;
    va_start(ap, fmt);
    llm__vformat(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

/* An arena: a list of blocks, each allocated through the owner's allocator,
   released together. Responses and conversations own one. */
typedef struct llm__arena_block {
    struct llm__arena_block *next;
    size_t size, used;
} llm__arena_block;

#define LLM__ARENA_MIN_BLOCK 4096
#define LLM__ALIGN 16

static void *llm__arena_alloc(const llm_allocator *a, void **arena, size_t size) {
    llm__arena_block *b = (llm__arena_block *)*arena;
    size_t header = (sizeof(llm__arena_block) + LLM__ALIGN - 1) & ~(size_t)(LLM__ALIGN - 1);
    size = (size + LLM__ALIGN - 1) & ~(size_t)(LLM__ALIGN - 1);
    if (size == 0) size = LLM__ALIGN;
    if (!b || b->size - b->used < size) {
        size_t block = size > LLM__ARENA_MIN_BLOCK - header ? size + header : LLM__ARENA_MIN_BLOCK;
        llm__arena_block *nb;
        if (size > ((size_t)-1) - header) return NULL;
        nb = (llm__arena_block *)llm__alloc(a, block);
        if (!nb) return NULL;
        nb->next = b;
        nb->size = block;
        nb->used = header;
        *arena = b = nb;
    }
    b->used += size;
    return (char *)b + b->used - size;
}

/* A NUL-terminated copy of s[0..n) in the arena; NULL when out of memory. */
static char *llm__arena_strndup(const llm_allocator *a, void **arena, const char *s, size_t n) {
    char *p = (char *)llm__arena_alloc(a, arena, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Zeroes n bytes in a way the compiler cannot drop as a dead store (the
   memory is about to be freed): for secrets. */
static void llm__wipe(void *p, size_t n) {
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (p && n--) *v++ = 0;
}

LLM_API void llm_wipe(void *p, size_t n) { llm__wipe(p, n); }

static void llm__arena_free(const llm_allocator *a, void **arena) {
    llm__arena_block *b = (llm__arena_block *)*arena;
    while (b) {
        llm__arena_block *next = b->next;
        llm__free(a, b, b->size);
        b = next;
    }
    *arena = NULL;
}

/* A growable byte buffer, always NUL-terminated once used. */
typedef struct llm__buf {
    char *p;
    size_t len, cap;
} llm__buf;

static bool llm__buf_add(const llm_allocator *a, llm__buf *b, const char *s, size_t n) {
    void *p = b->p;
    if (n > ((size_t)-1) - b->len - 1 || !llm__grow(a, &p, &b->cap, b->len + n + 1, 1)) return false;
    b->p = (char *)p;
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

static void llm__buf_free(const llm_allocator *a, llm__buf *b) {
    llm__free(a, b->p, b->cap);
    memset(b, 0, sizeof *b);
}

LLM_API const char *llm_finish_reason_str(llm_finish_reason reason) {
    switch (reason) {
        case LLM_FINISH_STOP: return "stop";
        case LLM_FINISH_LENGTH: return "length";
        case LLM_FINISH_TOOL_CALLS: return "tool_calls";
        case LLM_FINISH_CONTENT_FILTER: return "content_filter";
        case LLM_FINISH_ERROR: return "error";
        case LLM_FINISH_OTHER: return "other";
        default: return NULL;
    }
}

LLM_API void llm_response_free(llm_response *response) {
    if (!response) return;
    llm__arena_free(&response->alloc_, &response->arena_);
    memset(response, 0, sizeof *response);
}

LLM_API void llm_embed_response_free(llm_embed_response *response) {
    if (!response) return;
    llm__arena_free(&response->alloc_, &response->arena_);
    memset(response, 0, sizeof *response);
}

LLM_API void llm_model_list_free(llm_model_list *list) {
    if (!list) return;
    llm__arena_free(&list->alloc_, &list->arena_);
    memset(list, 0, sizeof *list);
}

LLM_API void *llm_embed_response_alloc(llm_embed_response *resp, size_t size) {
    void *p = resp ? llm__arena_alloc(&resp->alloc_, &resp->arena_, size) : NULL;
    if (p) memset(p, 0, size);
    return p;
}

LLM_API void *llm_model_list_alloc(llm_model_list *list, size_t size) {
    void *p = list ? llm__arena_alloc(&list->alloc_, &list->arena_, size) : NULL;
    if (p) memset(p, 0, size);
    return p;
}

/* Strings are scanned eight bytes at a time for the bytes that end a plain
   copy. */
#define LLM__ONES 0x0101010101010101ull
#define LLM__HIGHS 0x8080808080808080ull
static uint64_t llm__load64(const unsigned char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}
/* Exact tests for "some byte is zero" / "some byte is below n (n <= 128)". */
static uint64_t llm__has_zero(uint64_t x) { return (x - LLM__ONES) & ~x & LLM__HIGHS; }
static uint64_t llm__has_less(uint64_t x, unsigned n) { return (x - LLM__ONES * n) & ~x & LLM__HIGHS; }
/* Bytes a JSON string must escape: '"', '\\' and controls. */
static bool llm__swar_escape(uint64_t x) {
    return (llm__has_zero(x ^ (LLM__ONES * '"')) | llm__has_zero(x ^ (LLM__ONES * '\\')) | llm__has_less(x, 0x20)) != 0;
}
/* ... and, for the reader, any non-ASCII byte (validated separately). */
static bool llm__swar_special(uint64_t x) { return llm__swar_escape(x) || (x & LLM__HIGHS) != 0; }

/* With SSE2 (every x86-64) sixteen bytes are checked at once; the mask has a
   bit for each byte that needs attention: '"', '\\', a control, and for
   the reader (`any_high`) any non-ASCII byte. */
#if (defined(__SSE2__) || defined(_M_X64)) && !defined(LLM_NO_SIMD)
#include <emmintrin.h>
#define LLM__SIMD16 1
static unsigned llm__special16(const unsigned char *p, bool any_high) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i below_space = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)); /* signed: also every byte >= 0x80 */
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
    if (!any_high) below_space = _mm_andnot_si128(_mm_cmplt_epi8(x, _mm_setzero_si128()), below_space);
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, below_space));
}
static unsigned llm__ctz(unsigned x) {
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(x);
#else
    unsigned n = 0;
    while (!(x & 1u)) { x >>= 1; n++; }
    return n;
#endif
}
#endif

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if invalid. */
static inline size_t llm__utf8_seq(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t n, i;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if ((size_t)(end - p) < n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    return n;
}

/* Length of the valid UTF-8 prefix of s[0..n). */
static size_t llm__utf8_valid_prefix(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t k;
        while (p + 8 <= end && !(llm__load64(p) & LLM__HIGHS)) p += 8;
        if (p >= end) break;
        if (*p < 0x80) { p++; continue; }
        k = llm__utf8_seq(p, end);
        if (!k) break;
        p += k;
    }
    return (size_t)(p - (const unsigned char *)s);
}

static const char *llm__role_name(llm_role role) {
    switch (role) {
        case LLM_ROLE_SYSTEM: return "system";
        case LLM_ROLE_DEVELOPER: return "developer";
        case LLM_ROLE_ASSISTANT: return "assistant";
        case LLM_ROLE_TOOL: return "tool";
        default: return "user";
    }
}

/* A control byte (below 0x20, or DEL) in s; HTAB passes when tab_ok. */
static bool llm__has_control(const char *s, bool tab_ok) {
    for (; s && *s; s++)
        if (((unsigned char)*s < 0x20 && !(tab_ok && *s == '\t')) || *s == 0x7F) return true;
    return false;
}

/* Visible ASCII only (a request id, an API version): no spaces, no
   control bytes. */
static bool llm__visible_ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7F) return false;
    return true;
}

/* Whether a header name (n bytes, any case) is `want` (lower case). */
static bool llm__header_is(const char *name, size_t n, const char *want) {
    size_t i;
    if (strlen(want) != n) return false;
    for (i = 0; i < n; i++)
        if ((name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]) != want[i]) return false;
    return true;
}

/* Whether a header name starts with `prefix` (lower case), in any case. */
static bool llm__header_has_prefix(const char *name, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && llm__header_is(name, k, prefix);
}

static bool llm__starts_ci(const char *s, const char *prefix) {
    for (; *prefix; s++, prefix++)
        if (!*s || (*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *prefix) return false;
    return true;
}

/* ASCII case-insensitive search of `needle` (lowercase) in `hay`. */
static bool llm__contains_ci(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; hay && *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] >= 'A' && hay[i] <= 'Z' ? hay[i] + 32 : hay[i]) == needle[i]) i++;
        if (i == n) return true;
    }
    return false;
}

/* The same for a hay of n bytes (not NUL-terminated). */
static bool llm__contains_ci_n(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle), i, j;
    for (i = 0; i + k <= n; i++) {
        for (j = 0; j < k && (hay[i + j] >= 'A' && hay[i + j] <= 'Z' ? hay[i + j] + 32 : hay[i + j]) == needle[j];
             j++) {}
        if (j == k) return true;
    }
    return false;
}

static bool llm__contains_any(const char *hay, const char *const *needles) {
    for (; *needles; needles++)
        if (llm__contains_ci(hay, *needles)) return true;
    return false;
}

/* Parses a non-negative decimal number of seconds or milliseconds
   ("1.5"); -1 when it is not one. */
static double llm__parse_seconds(const char *s, size_t n) {
    double v = 0, scale = 0;
    size_t i;
    if (n == 0) return -1;
    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (scale == 0) v = v * 10 + (s[i] - '0');
            else { v += (s[i] - '0') * scale; scale /= 10; }
            if (v > 1e12) return -1;
        } else if (s[i] == '.' && scale == 0 && i > 0) {
            scale = 0.1;
        } else {
            return -1;
        }
    }
    return v;
}

/* Unix milliseconds of a UTC date and time (days from civil, H. Hinnant's
   algorithm); -1 for fields out of range. */
static int64_t llm__unix_ms(int64_t year, int month, int day, int hour, int minute, int second) {
    int64_t y, era, yoe, doy, doe, days;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || year < 1970)
        return -1;
    y = year - (month <= 2);
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = era * 146097 + doe - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60000 + (int64_t)second * 1000;
}

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as unix milliseconds,
   or -1. The other two legacy HTTP date forms are not accepted. */
static int64_t llm__parse_http_date(const char *s, size_t n) {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int day, month, hour, minute, second;
    int64_t year;
    const char *m;
    if (n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
        s[22] != ':' || s[25] != ' ' || memcmp(s + 26, "GMT", 3) != 0)
        return -1;
#define LLM__D2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
    if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9') return -1;
    day = LLM__D2(s + 5);
    for (m = months; *m && memcmp(m, s + 8, 3) != 0; m += 3) {}
    if (!*m) return -1;
    month = (int)(m - months) / 3 + 1;
    year = LLM__D2(s + 12) * 100 + LLM__D2(s + 14);
    hour = LLM__D2(s + 17);
    minute = LLM__D2(s + 20);
    second = LLM__D2(s + 23);
#undef LLM__D2
    return llm__unix_ms(year, month, day, hour, minute, second);
}

/* An RFC 3339 time in UTC as Anthropic's rate-limit headers give it
   ("2026-12-02T04:30:00Z", fractions of a second allowed) in unix ms;
   -1 when it is not one. */
static int64_t llm__parse_rfc3339(const char *s, size_t n) {
    size_t i;
    int64_t ms;
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    if (n < 20) return -1;
    for (i = 0; i < 19; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i] && !(i == 10 && (s[i] == 't' || s[i] == ' ')))
            return -1;
    for (i = 19; i < n && (i > 19 || s[i] == '.') && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')); i++) {}
    if (i + 1 != n || (s[i] != 'Z' && s[i] != 'z')) return -1; /* UTC only: what the headers send */
#define LLM__D2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
    ms = llm__unix_ms(LLM__D2(s) * 100 + LLM__D2(s + 2), LLM__D2(s + 5), LLM__D2(s + 8), LLM__D2(s + 11),
                      LLM__D2(s + 14), LLM__D2(s + 17));
#undef LLM__D2
    return ms;
}

/* splitmix64's output function. */
static uint64_t llm__mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* FNV-1a over n bytes, continuing from h. */
static uint64_t llm__fnv1a(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    while (n--) h = (h ^ *b++) * 0x100000001B3ull;
    return h;
}

static void llm__log(const llm_client *c, llm_log_level level, const char *message) {
    if (c && c->desc.log) c->desc.log(c->desc.log_user, level, message);
}

/* The process environment: the default getenv hook of the router and of
   llm_client_desc_from_env. */
#ifndef LLM_NO_STDIO
static const char *llm__getenv(void *user, const char *name) {
    (void)user;
    return getenv(name);
}
#endif

/* The platform's clock and sleep, the defaults of the router and of the
   blocking drivers (see LLM__ROUTER_POSIX_TIME above). */
#ifdef LLM__ROUTER_POSIX_TIME
static int64_t llm__default_clock(void *user) {
    struct timespec ts;
    (void)user;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
static void llm__default_sleep(void *user, int64_t ms) {
    struct timespec ts;
    (void)user;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0) {}
}
#elif defined(LLM__ROUTER_COARSE_TIME)
static int64_t llm__default_clock(void *user) {
    (void)user;
    return (int64_t)time(NULL) * 1000;
}
static void llm__default_sleep(void *user, int64_t ms) {
    (void)user;
    sleep((unsigned)((ms + 999) / 1000)); /* whole seconds, rounded up */
}
#endif
#if defined(LLM__ROUTER_POSIX_TIME) || defined(LLM__ROUTER_COARSE_TIME)
#define LLM__HAS_DEFAULT_CLOCK 1
#else
#define LLM__HAS_DEFAULT_CLOCK 0
#endif

/* What makes one request id differ from the next without any call writing
   to the (shared) client: a high-resolution clock where the platform has
   one (read for this alone: no deadline or delay depends on it), else 0. */
static uint64_t llm__id_entropy(void) {
#if defined(LLM__ROUTER_POSIX_TIME)
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#elif defined(LLM__ROUTER_COARSE_TIME)
    return (uint64_t)time(NULL) * 1000003u ^ (uint64_t)clock();
#else
    return 0;
#endif
}

/* 64 bits of the operating system's entropy, for what must differ from one
   process to the next (the seeds of request ids and idempotency keys, the
   router's generator) when the caller gives no seed: BCryptGenRandom on
   Windows (link bcrypt; MSVC does by itself), /dev/urandom elsewhere (Linux,
   the BSDs, macOS); false where there is neither, as in an LLM_NO_STDIO build
   (give desc.random or a seed there). */
#if defined(_WIN32) && !defined(LLM_NO_STDIO)
#include <windows.h>
#include <bcrypt.h>
#if defined(_MSC_VER)
#pragma comment(lib, "bcrypt")
#endif
static bool llm__os_entropy(uint64_t *out) {
    return BCryptGenRandom(NULL, (PUCHAR)out, (ULONG)sizeof *out, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
#elif !defined(LLM_NO_STDIO)
#include <stdio.h>
static bool llm__os_entropy(uint64_t *out) {
    FILE *f = fopen("/dev/urandom", "rb");
    size_t n = f ? fread(out, sizeof *out, 1, f) : 0;
    if (f) fclose(f);
    return n == 1;
}
#else
static bool llm__os_entropy(uint64_t *out) {
    (void)out;
    return false;
}
#endif

/* A seed for what must differ between processes: `given` when not 0 (tests
   and replays stay deterministic), else the system's entropy mixed with the
   clock and an address (`where`), or those two alone where the system has
   none. */
static uint64_t llm__seed(uint64_t given, const void *where) {
    uint64_t e = 0;
    if (given) return given;
    if (!llm__os_entropy(&e)) e = 0;
    return e ^ llm__mix64((uint64_t)(uintptr_t)where) ^ llm__mix64(llm__id_entropy() + 0x9E3779B97F4A7C15ull);
}

static llm_result llm__sticky_error(llm_call *call, llm_result code, const char *message) {
    if (call->error_ == LLM_OK) {
        call->error_ = code;
        llm__fail(&call->err_, code, "%s", message);
    }
    return call->error_;
}

static llm_result llm__sticky_nomem(llm_call *call) {
    return llm__sticky_error(call, LLM_ERR_NO_MEMORY, "out of memory");
}

/* Fails the call with a formatted message (the first error wins). */
static llm_result llm__sticky_errorf(llm_call *call, llm_result code, const char *fmt, ...) {
    va_list ap;
    if (call->error_ != LLM_OK) return call->error_;
    llm__error_clear(&call->err_);
    call->error_ = call->err_.code = code;
    va_start(ap, fmt);
    llm__vformat(call->err_.message, sizeof call->err_.message, fmt, ap);
    va_end(ap);
    return code;
}

/* ------------------------------------------------------------------------ */
// >>json: a strict RFC 8259 reader (DOM) and writer
/* ------------------------------------------------------------------------ */

#define LLM__JSON_TYPE_MASK 0xFu
#define LLM__JSON_INT 0x10u   /* number is an exact int64 in u.i */

/* ---- numbers: correctly rounded parsing, shortest printing ---- */

/* ---- llm.h number conversion: exact JSON number <-> IEEE-754 double ----
   Locale-free, allocation-free, no mutable static data, ~3 KB of stack.
   Needs <stdint.h>, <stddef.h>, <string.h>, <stdbool.h>. Both directions are
   exact for all inputs; a fixed-size big integer handles the hard cases. */
/* Big integer sizing: the parser's worst case is 800 digits over 5^1123
   (~2660 bits, see llm__json_parse_slow); the formatter needs ~1140 bits. */
#define LLM__JSON_BIG_N 96   /* 32-bit limbs = 3072 bits */
#define LLM__JSON_MAXDIG 800 /* > 768: every halfway point has <= 767 significant digits */

typedef struct { uint32_t w[LLM__JSON_BIG_N]; int n; } llm__json_big; /* little-endian, w[n-1] != 0 */

static void llm__json_big_set(llm__json_big *b, uint64_t v) {
    b->n = 0;
    while (v) { b->w[b->n++] = (uint32_t)v; v >>= 32; }
}

/* b = b * m + a. The size guards only keep memory safe; they cannot trigger
   for the bounded magnitudes used below. */
static void llm__json_big_muladd(llm__json_big *b, uint32_t m, uint32_t a) {
    uint64_t c = a;
    int i;
    for (i = 0; i < b->n; i++) {
        c += (uint64_t)b->w[i] * m;
        b->w[i] = (uint32_t)c;
        c >>= 32;
    }
    if (c && b->n < LLM__JSON_BIG_N) b->w[b->n++] = (uint32_t)c;
}

static void llm__json_big_mulpow5(llm__json_big *b, int k) {
    static const uint32_t p5[13] = {1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u,
                                    1953125u, 9765625u, 48828125u, 244140625u};
    for (; k >= 13; k -= 13) llm__json_big_muladd(b, 1220703125u, 0); /* 5^13 */
    if (k > 0) llm__json_big_muladd(b, p5[k], 0);
}

static void llm__json_big_shl(llm__json_big *b, int sh) {
    int ws = sh / 32, bs = sh % 32, i;
    uint32_t top;
    if (b->n == 0 || sh <= 0) return;
    if (b->n + ws + 1 > LLM__JSON_BIG_N) return; /* unreachable, see LLM__JSON_BIG_N */
    top = bs ? b->w[b->n - 1] >> (32 - bs) : 0;
    for (i = b->n - 1; i >= 0; i--) /* top-down so the source is read before it's overwritten */
        b->w[i + ws] = (b->w[i] << bs) | (bs && i > 0 ? b->w[i - 1] >> (32 - bs) : 0);
    for (i = 0; i < ws; i++) b->w[i] = 0;
    b->n += ws;
    if (top) b->w[b->n++] = top;
}

static void llm__json_big_mulpow10(llm__json_big *b, int k) {
    llm__json_big_mulpow5(b, k);
    llm__json_big_shl(b, k);
}

static int llm__json_big_cmp(const llm__json_big *a, const llm__json_big *b) {
    int i;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void llm__json_big_sub(llm__json_big *a, const llm__json_big *b) { /* a -= b, requires a >= b */
    uint64_t borrow = 0;
    int i;
    for (i = 0; i < a->n && (i < b->n || borrow); i++) {
        uint64_t x = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)x;
        borrow = x >> 63;
    }
    while (a->n && !a->w[a->n - 1]) a->n--;
}

static uint32_t llm__json_big_at(const llm__json_big *b, int i) { return i < b->n ? b->w[i] : 0; }

/* Sign of a + b - c. Scans from the top limb; the limbs below i change the
   difference (in units of limb i) by more than -1 and less than +2, so the
   answer is usually known after the first limb. */
static int llm__json_big_cmpsum(const llm__json_big *a, const llm__json_big *b, const llm__json_big *c) {
    int64_t d = 0;
    int i = a->n > b->n ? a->n : b->n;
    for (i = (i > c->n ? i : c->n) - 1; i >= 0; i--) {
        d = d * 4294967296 + llm__json_big_at(a, i) + llm__json_big_at(b, i) - llm__json_big_at(c, i);
        if (d >= 1) return 1;
        if (d <= -2) return -1;
    }
    return (int)d; /* exact now: -1 or 0 */
}

static void llm__json_big_mulsub(llm__json_big *r, const llm__json_big *s, uint32_t q) { /* r -= q*s >= 0 */
    uint64_t carry = 0, borrow = 0;
    int i;
    for (i = 0; i < r->n && (i < s->n || carry || borrow); i++) {
        uint64_t p = (i < s->n ? (uint64_t)s->w[i] * q : 0) + carry;
        uint64_t x = (uint64_t)r->w[i] - (uint32_t)p - borrow;
        carry = p >> 32;
        r->w[i] = (uint32_t)x;
        borrow = x >> 63;
    }
    while (r->n && !r->w[r->n - 1]) r->n--;
}

/* Returns floor(r/s) and leaves r mod s in r; needs s > 0 and r < s * 2^32.
   The quotient is estimated in floating point from the top limbs: using st+1
   when lower limbs are dropped (then s >= 2^32) and subtracting 1 makes the
   estimate never exceed the true quotient and fall short by at most ~3, which
   a few exact subtractions fix. */
static uint32_t llm__json_big_divstep(llm__json_big *r, const llm__json_big *s) {
    int p = s->n >= 2 ? s->n - 2 : 0, i;
    double rt = 0, st = 0, est;
    uint32_t q;
    for (i = r->n - 1; i >= p; i--) rt = rt * 4294967296.0 + r->w[i];
    for (i = s->n - 1; i >= p; i--) st = st * 4294967296.0 + s->w[i];
    est = rt / (p > 0 ? st + 1 : st) - 1;
    q = est <= 0 ? 0 : est >= 4294967295.0 ? 4294967295u : (uint32_t)est;
    if (q) llm__json_big_mulsub(r, s, q);
    while (llm__json_big_cmp(r, s) >= 0) { llm__json_big_sub(r, s); q++; }
    return q;
}

static int llm__json_bitlen(uint64_t v) {
    int n = 0;
    while (v) { n++; v >>= 1; }
    return n;
}

static int llm__json_big_bitlen(const llm__json_big *b) {
    return b->n ? 32 * (b->n - 1) + llm__json_bitlen(b->w[b->n - 1]) : 0;
}

/* ------------------------------ parsing ------------------------------ */

typedef struct {
    unsigned char dig[LLM__JSON_MAXDIG]; /* significant digits (values 0..9), no leading zeros */
    int nd;                         /* digits kept (trailing zeros trimmed) */
    bool neg, sticky;               /* sticky: nonzero digits beyond LLM__JSON_MAXDIG were dropped */
    int64_t e10;                    /* value = 0.dig[0]dig[1]... * 10^e10 */
} llm__json_dec;

static bool llm__json_isdigit(const char *s, size_t i, size_t n) {
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static void llm__json_dec_push(llm__json_dec *d, char c) {
    if (d->nd < LLM__JSON_MAXDIG) d->dig[d->nd++] = (unsigned char)(c - '0');
    else if (c != '0') d->sticky = true;
}

/* Checks the RFC 8259 grammar and splits the number into digits and exponent.
   Exponent digits saturate, so e+99999999999999 cannot overflow. */
static bool llm__json_dec_scan(const char *s, size_t n, llm__json_dec *d) {
    size_t i = 0;
    int64_t ex = 0;
    bool eneg = false;
    d->nd = 0; d->neg = false; d->sticky = false; d->e10 = 0;
    if (i < n && s[i] == '-') { d->neg = true; i++; }
    if (!llm__json_isdigit(s, i, n)) return false;
    if (s[i] == '0') {
        if (llm__json_isdigit(s, ++i, n)) return false; /* no leading zeros */
    } else {
        for (; llm__json_isdigit(s, i, n); i++) { llm__json_dec_push(d, s[i]); d->e10++; }
    }
    if (i < n && s[i] == '.') {
        if (!llm__json_isdigit(s, ++i, n)) return false;
        for (; llm__json_isdigit(s, i, n); i++) {
            if (d->nd == 0 && s[i] == '0') d->e10--; /* 0.000ddd: leading zeros only shift */
            else llm__json_dec_push(d, s[i]);
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        if (!llm__json_isdigit(s, i, n)) return false;
        for (; llm__json_isdigit(s, i, n); i++)
            if (ex < 1000000000000) ex = ex * 10 + (s[i] - '0');
    }
    if (i != n) return false;
    while (d->nd && d->dig[d->nd - 1] == 0) d->nd--;
    d->e10 += eneg ? -ex : ex;
    return true;
}

/* Clinger's fast path: <= 15 digits and a power of ten <= 1e22 are both exact
   doubles, so one IEEE multiply/divide rounds correctly. (Assumes doubles are
   evaluated in double precision, FLT_EVAL_METHOD 0 - true on x86-64/ARM.) */
static bool llm__json_parse_fast(const llm__json_dec *d, double *x) {
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int e = (int)d->e10 - d->nd, i;
    uint64_t m = 0;
    if (d->sticky || d->nd > 15 || e < -22 || e > 22 + 15 - d->nd) return false;
    for (i = 0; i < d->nd; i++) m = m * 10 + d->dig[i];
    for (; e > 22; e--) m *= 10; /* 123e30 = 12300000000e22, still < 10^15 */
    *x = e < 0 ? (double)m / p10[-e] : (double)m * p10[e];
    return true;
}

/* Exact path: value = D * 10^e = 2^e * (D*5^e) / 5^-e. Align numerator and
   denominator to get value = 2^t * r/q with 1 <= r/q < 2, then long-divide out
   the 53 (fewer for subnormals) mantissa bits; the remainder decides rounding.
   Sizes: r <= 10^800 (or 10^310 when e >= 0), q <= 5^(800+323). */
static bool llm__json_parse_slow(const llm__json_dec *d, double *x) {
    llm__json_big r, q;
    int e = (int)d->e10 - d->nd, t, nbits, i, c;
    uint64_t m = 0, bits;
    r.n = 0;
    for (i = 0; i < d->nd;) { /* digits -> big integer, 9 at a time */
        uint32_t chunk = 0, mul = 1;
        for (c = 0; c < 9 && i < d->nd; c++, i++) { chunk = chunk * 10 + d->dig[i]; mul *= 10; }
        llm__json_big_muladd(&r, mul, chunk);
    }
    llm__json_big_set(&q, 1);
    if (e >= 0) llm__json_big_mulpow5(&r, e);
    else llm__json_big_mulpow5(&q, -e);
    t = llm__json_big_bitlen(&r) - llm__json_big_bitlen(&q);
    if (t > 0) llm__json_big_shl(&q, t);
    else llm__json_big_shl(&r, -t);
    if (llm__json_big_cmp(&r, &q) < 0) { llm__json_big_shl(&r, 1); t--; }
    t += e;
    if (t > 1023) return false;
    nbits = t >= -1022 ? 53 : t + 1075; /* subnormals have fewer mantissa bits */
    if (nbits < 0) { *x = 0.0; return true; } /* below half the smallest subnormal */
    if (nbits > 0) { /* m = floor(r * 2^(nbits-1) / q), in two steps of <= 32 bits */
        i = nbits - 1 > 31 ? 31 : nbits - 1;
        llm__json_big_shl(&r, i);
        m = llm__json_big_divstep(&r, &q);
        llm__json_big_shl(&r, nbits - 1 - i);
        m = m << (nbits - 1 - i) | llm__json_big_divstep(&r, &q);
        llm__json_big_shl(&r, 1);
    }
    c = llm__json_big_cmp(&r, &q); /* remainder vs. half an ulp */
    if (c > 0 || (c == 0 && (d->sticky || (m & 1)))) m++;
    /* The hidden bit of m carries into the exponent field, so a mantissa that
       rounds up to 2^53 (or a subnormal to 2^52) yields the next binade for free. */
    bits = (nbits == 53 ? (uint64_t)(t + 1022) << 52 : 0) + m;
    if (bits >= (uint64_t)0x7FF << 52) return false;
    memcpy(x, &bits, sizeof bits);
    return true;
}

static bool llm__json_parse_double(const char *s, size_t n, double *out) {
    llm__json_dec d;
    double x;
    if (!s || !llm__json_dec_scan(s, n, &d)) return false;
    if (d.nd == 0 || d.e10 < -323) x = 0.0; /* value < 1e-324 rounds to zero */
    else if (d.e10 > 310) return false;     /* value >= 1e310 overflows */
    else if (!llm__json_parse_fast(&d, &x) && !llm__json_parse_slow(&d, &x)) return false;
    *out = d.neg ? -x : x;
    return true;
}

/* ----------------------------- formatting ----------------------------- */

/* Shortest digits (Steele & White / Burger & Dybvig free-format, exact with
   big integers) for v = f * 2^e. v and its rounding interval are kept as
   r/s, (r - mm)/s, (r + mp)/s; boundaries count as inside when f is even
   (round-half-even parsing maps them back to v). Returns the digit count,
   *pk = decimal exponent with v ~= 0.d1d2... * 10^k. */
static int llm__json_shortest(uint64_t f, int e, bool uneq, char *dig, int *pk) {
    llm__json_big r, s, mp, mm;
    const llm__json_big *lo = uneq ? &mm : &mp;
    bool even = !(f & 1), low, high;
    int x = e + llm__json_bitlen(f) - 1, k, nd = 0, c;
    /* uneq: v is a power of two, the gap below is half the gap above */
    llm__json_big_set(&r, f << (uneq ? 2 : 1));
    llm__json_big_set(&s, uneq ? 4 : 2);
    llm__json_big_set(&mp, uneq ? 2 : 1);
    llm__json_big_set(&mm, 1);
    if (e >= 0) { llm__json_big_shl(&r, e); llm__json_big_shl(&mp, e); llm__json_big_shl(&mm, e); }
    else llm__json_big_shl(&s, -e);
    /* k <= floor(log10 v) + 1 from v >= 2^x (1233/4096 < log10 2 < 1234/4096) */
    k = 1 + (x >= 0 ? (x * 1233) >> 12 : -((-x * 1234 + 4095) >> 12));
    if (k >= 0) llm__json_big_mulpow10(&s, k);
    else { /* v < 1, so e < 0 and mm = 1, mp = 1 or 2: scale mm once, copy it */
        llm__json_big_mulpow10(&r, -k);
        llm__json_big_mulpow10(&mm, -k);
        mp = mm;
        llm__json_big_shl(&mp, uneq ? 1 : 0);
    }
    for (;;) { /* fix k so that the upper bound is below 10^k */
        c = llm__json_big_cmpsum(&r, &mp, &s);
        if (even ? c < 0 : c <= 0) break;
        llm__json_big_muladd(&s, 10, 0);
        k++;
    }
    do {
        int dg;
        llm__json_big_muladd(&r, 10, 0);
        llm__json_big_muladd(&mp, 10, 0);
        if (uneq) llm__json_big_muladd(&mm, 10, 0);
        dg = (int)llm__json_big_divstep(&r, &s); /* r < 10 s, so dg <= 9 */
        c = llm__json_big_cmp(&r, lo);
        low = even ? c <= 0 : c < 0;    /* digits so far (dg) are inside the interval */
        c = llm__json_big_cmpsum(&r, &mp, &s);
        high = even ? c >= 0 : c > 0;   /* dg + 1 is inside the interval */
        if (low && high) {              /* both: take the closer, ties to even */
            c = llm__json_big_cmpsum(&r, &r, &s);
            if (c > 0 || (c == 0 && (dg & 1))) dg++;
        } else if (high) dg++;
        dig[nd++] = (char)('0' + dg);
    } while (!low && !high && nd < 17); /* 17 digits always suffice */
    *pk = k;
    return nd;
}

/* ECMAScript Number::toString layout of digits d1..dn with v = 0.d1..dn * 10^k. */
static size_t llm__json_layout(const char *dig, int nd, int k, char *p) {
    size_t i = 0;
    int j;
    if (nd <= k && k <= 21) { /* integer: 123000 */
        for (j = 0; j < nd; j++) p[i++] = dig[j];
        for (; j < k; j++) p[i++] = '0';
    } else if (0 < k && k <= 21) { /* 123.45 */
        for (j = 0; j < nd; j++) {
            if (j == k) p[i++] = '.';
            p[i++] = dig[j];
        }
    } else if (-6 < k && k <= 0) { /* 0.00012345 */
        p[i++] = '0';
        p[i++] = '.';
        for (j = k; j < 0; j++) p[i++] = '0';
        for (j = 0; j < nd; j++) p[i++] = dig[j];
    } else { /* 1.2345e-7, 1e+21 */
        int x = k - 1, div = 100;
        p[i++] = dig[0];
        if (nd > 1) p[i++] = '.';
        for (j = 1; j < nd; j++) p[i++] = dig[j];
        p[i++] = 'e';
        p[i++] = x < 0 ? '-' : '+';
        if (x < 0) x = -x;
        for (; div > 1 && x < div; div /= 10) {} /* skip leading zeros */
        for (; div > 0; div /= 10) p[i++] = (char)('0' + x / div % 10);
    }
    p[i] = '\0';
    return i;
}

static size_t llm__json_format_double(double v, char *out) {
    uint64_t bits, f;
    int be, nd = 0, k = 0;
    char dig[24], *p = out;
    memcpy(&bits, &v, sizeof bits);
    be = (int)(bits >> 52) & 0x7FF;
    f = bits & (((uint64_t)1 << 52) - 1);
    if (be == 0x7FF) { out[0] = '\0'; return 0; } /* NaN, Inf: not JSON */
    if (bits >> 63) *p++ = '-';                    /* also "-0": JSON keeps the sign */
    if (be == 0 && f == 0) { p[0] = '0'; p[1] = '\0'; return (size_t)(p - out) + 1; }
    if (be) f |= (uint64_t)1 << 52;
    if (be >= 1023 && be <= 1075 && !(f & (((uint64_t)1 << (1075 - be)) - 1))) {
        /* integer below 2^53: its own digits are the shortest */
        char tmp[20]; /* least significant digit first */
        uint64_t u = f >> (1075 - be);
        int z = 0, j;
        for (; u; u /= 10) tmp[k++] = (char)('0' + u % 10);
        while (tmp[z] == '0') z++; /* trailing zeros are implied by k */
        for (nd = k - z, j = 0; j < nd; j++) dig[j] = tmp[k - 1 - j];
    } else {
        nd = llm__json_shortest(f, be ? be - 1075 : -1074, f == (uint64_t)1 << 52 && be > 1, dig, &k);
    }
    return (size_t)(p - out) + llm__json_layout(dig, nd, k, p);
}

static llm_json_type llm__json_type(const llm_json *v) { return (llm_json_type)(v->tag & LLM__JSON_TYPE_MASK); }

LLM_API size_t llm_utf8_sanitize(const char *in, size_t n, char *out) {
    const unsigned char *p = (const unsigned char *)in, *end = p + n;
    size_t len = 0;
    while (p < end) {
        unsigned c = *p;
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        size_t need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0, k;
        if (c < 0x80) {
            out[len++] = (char)*p++;
            continue;
        }
        for (k = 1; k <= need && p + k < end; k++)
            if (p[k] < (k == 1 ? lo : 0x80) || p[k] > (k == 1 ? hi : 0xBF)) break;
        if (need && k == need + 1) {
            memcpy(out + len, p, k);
            len += k;
        } else { /* the bytes of a maximal invalid subpart (or one stray byte) become one U+FFFD */
            memcpy(out + len, "\xEF\xBF\xBD", 3);
            len += 3;
        }
        p += need ? k : 1;
    }
    return len;
}

static size_t llm__json_utf8_encode(char *out, uint32_t cp) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

typedef struct llm__json_parser {
    const unsigned char *start, *p, *end;
    llm_json_doc *doc;
    char *out;          /* next free byte of doc->strings_ */
    llm_error *err;
} llm__json_parser;

static llm_result llm__json_error(llm__json_parser *ps, const unsigned char *at, const char *what) {
    size_t offset = (size_t)(at - ps->start);
    if (ps->err) {
        llm__fail(ps->err, LLM_ERR_PARSE, "%s", what);
        ps->err->offset = offset;
    }
    return LLM_ERR_PARSE;
}

static inline void llm__json_skip_ws(llm__json_parser *ps) {
    const unsigned char *p = ps->p, *end = ps->end;
    if (p < end && *p > ' ') return; /* the usual case: no white space */
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    ps->p = p;
}

/* Appends a value slot; the caller fills it. NULL when out of memory. */
static inline llm_json *llm__json_push(llm__json_parser *ps) {
    llm_json_doc *d = ps->doc;
    if (LLM__UNLIKELY(d->count_ == d->capacity_)) {
        void *buf = d->values_;
        if (!llm__grow(&d->alloc, &buf, &d->capacity_, d->count_ + 1, sizeof(llm_json))) return NULL;
        d->values_ = (llm_json *)buf;
    }
    return &d->values_[d->count_++];
}

static int llm__json_hex4(const unsigned char *p) {
    int v = 0, i;
    for (i = 0; i < 4; i++) {
        int c = p[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Decodes the escape at p (p[0] == '\\') into ps->out; returns the bytes
   consumed or 0 on error. Surrogate pairs must be complete. */
static size_t llm__json_escape(llm__json_parser *ps, const unsigned char *p) {
    int hi, lo;
    char c;
    if (ps->end - p < 2) return 0;
    if (p[1] != 'u') {
        switch (p[1]) {
            case '"': c = '"'; break;
            case '\\': c = '\\'; break;
            case '/': c = '/'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            default: return 0;
        }
        *ps->out++ = c;
        return 2;
    }
    if (ps->end - p < 6 || (hi = llm__json_hex4(p + 2)) < 0) return 0;
    if (hi < 0xD800 || hi > 0xDFFF) {
        ps->out += llm__json_utf8_encode(ps->out, (uint32_t)hi);
        return 6;
    }
    if (hi > 0xDBFF || ps->end - p < 12 || p[6] != '\\' || p[7] != 'u') return 0;
    lo = llm__json_hex4(p + 8);
    if (lo < 0xDC00 || lo > 0xDFFF) return 0;
    ps->out += llm__json_utf8_encode(ps->out, 0x10000u + (((uint32_t)hi - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u));
    return 12;
}

/* Copies plain bytes of a string from p to ps->out, eight at a time while
   possible (the copy runs ahead of the scan: the output never overtakes the
   input, so the extra bytes land inside the buffer and are overwritten).
   Returns where the first byte that needs attention is, or end. */
static inline const unsigned char *llm__json_copy_plain(llm__json_parser *ps, const unsigned char *p) {
    const unsigned char *end = ps->end;
    char *out = ps->out;
#ifdef LLM__SIMD16
    while (p + 16 <= end) {
        unsigned mask = llm__special16(p, true);
        memcpy(out, p, 16);
        if (mask) {
            unsigned k = llm__ctz(mask);
            size_t n;
            p += k;
            out += k;
            if (*p < 0x80 || !(n = llm__utf8_seq(p, end))) break; /* '"', '\\', a control, bad UTF-8: the caller's */
            while (n--) *out++ = (char)*p++; /* a valid UTF-8 sequence (2 to 4 bytes): copy it and go on */
            continue;
        }
        p += 16;
        out += 16;
    }
#endif
    while (p + 8 <= end) {
        uint64_t x = llm__load64(p);
        memcpy(out, &x, 8);
        if (llm__swar_special(x)) break;
        p += 8;
        out += 8;
    }
    while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') *out++ = (char)*p++;
    ps->out = out;
    return p;
}

/* Parses the string whose opening quote is at ps->p into a new value. */
static inline llm_result llm__json_string(llm__json_parser *ps) {
    const unsigned char *p = ps->p + 1, *end = ps->end;
    char *begin = ps->out;
    llm_json *v = llm__json_push(ps);
    if (!v) return llm__fail(ps->err, LLM_ERR_NO_MEMORY, "out of memory");
    for (;;) {
        p = llm__json_copy_plain(ps, p);
        if (p >= end) return llm__json_error(ps, p, "unterminated string");
        if (*p == '"') break;
        if (*p == '\\') {
            size_t k = llm__json_escape(ps, p);
            if (!k)
                return llm__json_error(ps, p,
                                       p + 1 < end && p[1] == 'u' ? "invalid \\u escape or unpaired surrogate"
                                                                  : "invalid escape in string");
            p += k;
        } else if (*p < 0x20) {
            return llm__json_error(ps, p, "control character in string");
        } else if (p[0] >= 0xC2 && p[0] <= 0xDF && p + 1 < end && (p[1] & 0xC0) == 0x80) {
            ps->out[0] = (char)p[0]; /* the common two-byte sequence, inline */
            ps->out[1] = (char)p[1];
            ps->out += 2;
            p += 2;
        } else {
            size_t k = llm__utf8_seq(p, end), i;
            if (!k) return llm__json_error(ps, p, "invalid UTF-8 in string");
            for (i = 0; i < k; i++) ps->out[i] = (char)p[i];
            ps->out += k;
            p += k;
        }
    }
    *ps->out++ = '\0';
    v->tag = LLM_JSON_STRING;
    v->len = (uint32_t)(ps->out - 1 - begin);
    v->u.str = begin;
    ps->p = p + 1;
    return LLM_OK;
}

static const unsigned char *llm__json_digits(const unsigned char *p, const unsigned char *end) {
    while (p < end && *p >= '0' && *p <= '9') p++;
    return p;
}

/* The integer text s..end (optional '-', digits) as an int64, if in range. */
static bool llm__json_int64(const unsigned char *s, const unsigned char *end, int64_t *out) {
    bool negative = *s == '-';
    const unsigned char *d = s + negative;
    uint64_t n = 0, limit = negative ? 9223372036854775808ull : 9223372036854775807ull;
    if (end - d > 19) return false;
    for (; d < end; d++) n = n * 10 + (uint64_t)(*d - '0');  /* 19 digits cannot wrap */
    if (n > limit || (negative && n == 0)) return false; /* "-0" stays a double: -0.0 */
    *out = !negative ? (int64_t)n : n == limit ? INT64_MIN : -(int64_t)n;
    return true;
}

/* Parses a number at ps->p. Integers that fit int64 are kept exactly;
   everything else is rounded correctly to a double. */
static llm_result llm__json_number(llm__json_parser *ps) {
    const unsigned char *s = ps->p, *p = s, *end = ps->end, *q;
    bool integral = true;
    llm_json *v;
    if (*p == '-') p++;
    if (p < end && *p == '0') p++;
    else if (p < end && *p >= '1' && *p <= '9') p = llm__json_digits(p, end);
    else return llm__json_error(ps, p, "invalid number");
    if (p < end && *p == '.') {
        q = llm__json_digits(p + 1, end);
        if (q == p + 1) return llm__json_error(ps, q, "digit expected after decimal point");
        p = q;
        integral = false;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        q = llm__json_digits(p, end);
        if (q == p) return llm__json_error(ps, p, "digit expected in exponent");
        p = q;
        integral = false;
    }
    v = llm__json_push(ps);
    if (!v) return llm__fail(ps->err, LLM_ERR_NO_MEMORY, "out of memory");
    v->len = 0;
    if (integral && llm__json_int64(s, p, &v->u.i)) {
        v->tag = LLM_JSON_NUMBER | LLM__JSON_INT;
    } else {
        v->tag = LLM_JSON_NUMBER;
        if (!llm__json_parse_double((const char *)s, (size_t)(p - s), &v->u.num))
            return llm__json_error(ps, s, "number out of range for a double");
    }
    ps->p = p;
    return LLM_OK;
}

static llm_result llm__json_literal(llm__json_parser *ps) {
    static const char *const words[3] = {"null", "false", "true"};
    static const size_t lengths[3] = {4, 5, 4};
    static const llm_json_type types[3] = {LLM_JSON_NULL, LLM_JSON_FALSE, LLM_JSON_TRUE};
    int i = *ps->p == 'n' ? 0 : *ps->p == 'f' ? 1 : 2;
    size_t n = lengths[i];
    llm_json *v;
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, words[i], n) != 0)
        return llm__json_error(ps, ps->p, "invalid literal");
    v = llm__json_push(ps);
    if (!v) return llm__fail(ps->err, LLM_ERR_NO_MEMORY, "out of memory");
    v->tag = types[i];
    v->len = 0;
    v->u.span = 1;
    ps->p += n;
    return LLM_OK;
}

/* One scalar value, or the opening of a container (pushed on the stack). */
static inline llm_result llm__json_value(llm__json_parser *ps, uint32_t *stack, int *depth, int max_depth) {
    unsigned c;
    llm__json_skip_ws(ps);
    if (ps->p >= ps->end) return llm__json_error(ps, ps->p, "value expected");
    if (*depth > 0) ps->doc->values_[stack[*depth - 1]].len++;
    c = *ps->p;
    if (c == '"') return llm__json_string(ps);
    if (c == '-' || (c >= '0' && c <= '9')) return llm__json_number(ps);
    if (c == 't' || c == 'f' || c == 'n') return llm__json_literal(ps);
    if (c == '{' || c == '[') {
        llm_json *v;
        if (*depth >= max_depth) {
            llm__json_error(ps, ps->p, "nesting too deep");
            if (ps->err) ps->err->code = LLM_ERR_LIMIT_EXCEEDED;
            return LLM_ERR_LIMIT_EXCEEDED;
        }
        v = llm__json_push(ps);
        if (!v) return llm__fail(ps->err, LLM_ERR_NO_MEMORY, "out of memory");
        v->tag = c == '{' ? LLM_JSON_OBJECT : LLM_JSON_ARRAY;
        v->len = 0;
        stack[(*depth)++] = (uint32_t)(ps->doc->count_ - 1);
        ps->p++;
        return LLM_AGAIN;
    }
    return llm__json_error(ps, ps->p, "value expected");
}

/* Reads `"key" :` inside an object. */
static inline llm_result llm__json_key(llm__json_parser *ps) {
    llm_result r;
    llm__json_skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"') return llm__json_error(ps, ps->p, "object key expected");
    if ((r = llm__json_string(ps)) != LLM_OK) return r;
    llm__json_skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') return llm__json_error(ps, ps->p, "':' expected after object key");
    ps->p++;
    return LLM_OK;
}

/* The structure loop: values, commas and closings, without recursion. */
static llm_result llm__json_document(llm__json_parser *ps, int max_depth) {
    uint32_t stack[LLM_JSON_MAX_DEPTH];
    int depth = 0;
    llm_result r = llm__json_value(ps, stack, &depth, max_depth);
    for (;;) {
        llm_json *top;
        if (r == LLM_AGAIN) { /* a container just opened */
            top = &ps->doc->values_[stack[depth - 1]];
            llm__json_skip_ws(ps);
            if (ps->p < ps->end && *ps->p == (llm__json_type(top) == LLM_JSON_OBJECT ? '}' : ']')) goto close;
            if (llm__json_type(top) == LLM_JSON_OBJECT && (r = llm__json_key(ps)) != LLM_OK) return r;
            r = llm__json_value(ps, stack, &depth, max_depth);
            continue;
        }
        if (r != LLM_OK) return r;
        if (depth == 0) break;
        top = &ps->doc->values_[stack[depth - 1]];
        llm__json_skip_ws(ps);
        if (ps->p >= ps->end) return llm__json_error(ps, ps->p, "unexpected end of input");
        if (*ps->p == ',') {
            ps->p++;
            if (llm__json_type(top) == LLM_JSON_OBJECT && (r = llm__json_key(ps)) != LLM_OK) return r;
            r = llm__json_value(ps, stack, &depth, max_depth);
            continue;
        }
        if (*ps->p != (llm__json_type(top) == LLM_JSON_OBJECT ? '}' : ']'))
            return llm__json_error(
                ps, ps->p, llm__json_type(top) == LLM_JSON_OBJECT ? "',' or '}' expected" : "',' or ']' expected");
    close:
        top->u.span = ps->doc->count_ - stack[depth - 1];
        ps->p++;
        depth--;
        r = LLM_OK;
    }
    llm__json_skip_ws(ps);
    if (ps->p != ps->end) return llm__json_error(ps, ps->p, "unexpected data after the JSON value");
    return LLM_OK;
}

LLM_API llm_result llm_json_parse(llm_json_doc *doc, const char *text, size_t len, llm_error *err) {
    llm__json_parser ps;
    llm_result r;
    int max_depth;
    if (!doc || (!text && len))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_json_parse: NULL document or text");
    llm__error_clear(err);
    doc->count_ = 0;
    if (len >= 0xFFFFFFFFu) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "JSON document of 4 GiB or more");
    /* unescaped strings never outgrow their quoted source, so one buffer
       of len + 1 bytes holds every string of the document */
    if (doc->strings_capacity_ < len + 1) {
        llm__free(&doc->alloc, doc->strings_, doc->strings_capacity_);
        doc->strings_capacity_ = 0;
        doc->strings_ = (char *)llm__alloc(&doc->alloc, len + 1);
        if (!doc->strings_) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
        doc->strings_capacity_ = len + 1;
    }
    if (!doc->values_) {
        void *buf = NULL;
        if (!llm__grow(&doc->alloc, &buf, &doc->capacity_, len / 16 + 16, sizeof(llm_json)))
            return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
        doc->values_ = (llm_json *)buf;
    }
    ps.start = ps.p = (const unsigned char *)(text ? text : "");
    ps.end = ps.p + len;
    ps.doc = doc;
    ps.out = doc->strings_;
    ps.err = err;
    max_depth = doc->max_depth > 0 && doc->max_depth < LLM_JSON_MAX_DEPTH ? doc->max_depth : LLM_JSON_MAX_DEPTH;
    r = llm__json_document(&ps, max_depth);
    if (r != LLM_OK) doc->count_ = 0;
    return r;
}

LLM_API void llm_json_doc_free(llm_json_doc *doc) {
    llm_allocator alloc;
    int max_depth;
    if (!doc) return;
    alloc = doc->alloc;
    max_depth = doc->max_depth;
    llm__free(&alloc, doc->values_, doc->capacity_ * sizeof(llm_json));
    llm__free(&alloc, doc->strings_, doc->strings_capacity_);
    memset(doc, 0, sizeof *doc);
    doc->alloc = alloc;
    doc->max_depth = max_depth;
}

LLM_API const llm_json *llm_json_root(const llm_json_doc *doc) {
    return doc && doc->count_ ? doc->values_ : NULL;
}

LLM_API llm_json_type llm_json_type_of(const llm_json *v) { return v ? llm__json_type(v) : LLM_JSON_NULL; }
LLM_API bool llm_json_is(const llm_json *v, llm_json_type type) { return v && llm__json_type(v) == type; }

/* Values a value occupies in the array, itself included. */
static size_t llm__json_span(const llm_json *v) {
    llm_json_type t = llm__json_type(v);
    return t == LLM_JSON_ARRAY || t == LLM_JSON_OBJECT ? v->u.span : 1;
}

LLM_API size_t llm_json_count(const llm_json *v) {
    llm_json_type t = llm_json_type_of(v);
    return t == LLM_JSON_ARRAY || t == LLM_JSON_OBJECT ? v->len : 0;
}

LLM_API const llm_json *llm_json_first(const llm_json *c) { return llm_json_count(c) ? c + 1 : NULL; }

LLM_API const llm_json *llm_json_next(const llm_json *c, const llm_json *item) {
    const llm_json *next;
    if (!c || !item) return NULL;
    next = item + llm__json_span(item);
    if (llm__json_type(c) == LLM_JSON_OBJECT) next += llm__json_span(next); /* skip the value */
    return next < c + c->u.span ? next : NULL;
}

LLM_API const llm_json *llm_json_getn(const llm_json *o, const char *key, size_t key_len) {
    const llm_json *k, *end;
    if (!llm_json_is(o, LLM_JSON_OBJECT) || !key) return NULL;
    end = o + o->u.span;
    for (k = o + 1; k < end; k += 1 + llm__json_span(k + 1))
        if (k->len == key_len && (key_len == 0 || k->u.str[0] == key[0]) && memcmp(k->u.str, key, key_len) == 0)
            return k + 1;
    return NULL;
}

LLM_API const llm_json *llm_json_get(const llm_json *o, const char *key) {
    return key ? llm_json_getn(o, key, strlen(key)) : NULL;
}

LLM_API const llm_json *llm_json_at(const llm_json *a, size_t index) {
    const llm_json *v;
    if (!llm_json_is(a, LLM_JSON_ARRAY) || index >= a->len) return NULL;
    for (v = a + 1; index; index--) v += llm__json_span(v);
    return v;
}

LLM_API const char *llm_json_string(const llm_json *v, size_t *len) {
    if (!llm_json_is(v, LLM_JSON_STRING)) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = v->len;
    return v->u.str;
}

LLM_API double llm_json_number(const llm_json *v, double fallback) {
    if (!llm_json_is(v, LLM_JSON_NUMBER)) return fallback;
    return (v->tag & LLM__JSON_INT) ? (double)v->u.i : v->u.num;
}

LLM_API int64_t llm_json_int(const llm_json *v, int64_t fallback) {
    if (!llm_json_is(v, LLM_JSON_NUMBER)) return fallback;
    if (v->tag & LLM__JSON_INT) return v->u.i;
    /* 1e3 or 2.0 are integers too */
    if (v->u.num >= -9223372036854775808.0 && v->u.num < 9223372036854775808.0 && (double)(int64_t)v->u.num == v->u.num)
        return (int64_t)v->u.num;
    return fallback;
}

/* Two objects of one size whose members pair up in order (this also
   decides objects that give a name twice). */
static bool llm__json_same_members_in_order(const llm_json *a, const llm_json *b) {
    const llm_json *x, *y;
    for (x = llm_json_first(a), y = llm_json_first(b); x && y; x = llm_json_next(a, x), y = llm_json_next(b, y))
        if (!llm_json_equal(x, y) || !llm_json_equal(x + 1, y + 1)) return false;
    return true;
}

LLM_API bool llm_json_equal(const llm_json *a, const llm_json *b) {
    const llm_json *x, *y;
    if (!a || !b) return a == b;
    if (llm__json_type(a) != llm__json_type(b)) return false;
    switch (llm__json_type(a)) {
        case LLM_JSON_NUMBER:
            if ((a->tag & LLM__JSON_INT) && (b->tag & LLM__JSON_INT)) return a->u.i == b->u.i;
            return llm_json_number(a, 0) == llm_json_number(b, 1);
        case LLM_JSON_STRING: return a->len == b->len && memcmp(a->u.str, b->u.str, a->len) == 0;
        case LLM_JSON_ARRAY:
            if (a->len != b->len) return false;
            for (x = llm_json_first(a), y = llm_json_first(b); x && y; x = llm_json_next(a, x), y = llm_json_next(b, y))
                if (!llm_json_equal(x, y)) return false;
            return true;
        case LLM_JSON_OBJECT:
            if (a->len != b->len) return false;
            if (llm__json_same_members_in_order(a, b)) return true;
            for (x = llm_json_first(a); x; x = llm_json_next(a, x))
                if (!llm_json_equal(x + 1, llm_json_getn(b, x->u.str, x->len))) return false;
            return true;
        default: return true;
    }
}

LLM_API bool llm_json_bool(const llm_json *v, bool fallback) {
    llm_json_type t = llm_json_type_of(v);
    if (!v || (t != LLM_JSON_TRUE && t != LLM_JSON_FALSE)) return fallback;
    return t == LLM_JSON_TRUE;
}

/* ---- writer ---- */

#define LLM__JSON_WRITER_MAX_DEPTH 64

static void llm__json_write_fail(llm_json_writer *w, llm_result r) {
    if (w->error_ == LLM_OK) w->error_ = r;
}

static bool llm__json_write_reserve(llm_json_writer *w, size_t extra) {
    void *buf = w->buf_;
    if (w->error_ != LLM_OK) return false;
    if (w->len_ + extra + 1 <= w->capacity_) return true;
    if (extra > ((size_t)-1) / 2 - w->len_ || !llm__grow(&w->alloc, &buf, &w->capacity_, w->len_ + extra + 1, 1)) {
        llm__json_write_fail(w, LLM_ERR_NO_MEMORY);
        return false;
    }
    w->buf_ = (char *)buf;
    return true;
}

static void llm__json_write_put(llm_json_writer *w, const char *s, size_t n) {
    if (!llm__json_write_reserve(w, n)) return;
    memcpy(w->buf_ + w->len_, s, n);
    w->len_ += n;
    w->buf_[w->len_] = '\0';
}

/* Called before every value: the comma between items, and checks. */
static bool llm__json_write_before_value(llm_json_writer *w) {
    uint64_t bit;
    if (w->error_ != LLM_OK) return false;
    if (w->depth_ == 0) {
        if (w->len_ > 0) { llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT); return false; } /* second top value */
        return true;
    }
    bit = 1ull << (w->depth_ - 1);
    if (w->in_object_ & bit) {
        if (!w->after_key_) { llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT); return false; } /* value without key */
        w->after_key_ = false;
        return true;
    }
    if (w->has_items_ & bit) llm__json_write_put(w, ",", 1);
    w->has_items_ |= bit;
    return w->error_ == LLM_OK;
}

static void llm__json_write_open(llm_json_writer *w, char c, bool object) {
    uint64_t bit;
    if (!llm__json_write_before_value(w)) return;
    if (w->depth_ >= LLM__JSON_WRITER_MAX_DEPTH) { llm__json_write_fail(w, LLM_ERR_LIMIT_EXCEEDED); return; }
    llm__json_write_put(w, &c, 1);
    bit = 1ull << w->depth_++;
    w->has_items_ &= ~bit;
    if (object) w->in_object_ |= bit;
    else w->in_object_ &= ~bit;
}

static void llm__json_write_close(llm_json_writer *w, char c, bool object) {
    uint64_t bit;
    if (w->error_ != LLM_OK) return;
    bit = w->depth_ > 0 ? 1ull << (w->depth_ - 1) : 0;
    if (!bit || ((w->in_object_ & bit) != 0) != object || w->after_key_) {
        llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT);
        return;
    }
    llm__json_write_put(w, &c, 1);
    w->depth_--;
}

LLM_API void llm_json_write_object_begin(llm_json_writer *w) { llm__json_write_open(w, '{', true); }
LLM_API void llm_json_write_object_end(llm_json_writer *w) { llm__json_write_close(w, '}', true); }
LLM_API void llm_json_write_array_begin(llm_json_writer *w) { llm__json_write_open(w, '[', false); }
LLM_API void llm_json_write_array_end(llm_json_writer *w) { llm__json_write_close(w, ']', false); }

/* Writes s escaped for a JSON string, without quotes; invalid UTF-8 fails
   the writer. */
static void llm__json_write_escaped(llm_json_writer *w, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run;
    if (llm__utf8_valid_prefix(s, n) != n) { llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    /* worst case every byte becomes \u00XX */
    if (n > ((size_t)-1) / 8 || !llm__json_write_reserve(w, n * 6)) {
        llm__json_write_fail(w, LLM_ERR_NO_MEMORY);
        return;
    }
    while (p < end) {
        run = p;
#ifdef LLM__SIMD16
        while (p + 16 <= end) {
            unsigned mask = llm__special16(p, false);
            if (mask) { p += llm__ctz(mask); break; }
            p += 16;
        }
#endif
        while (p + 8 <= end && !llm__swar_escape(llm__load64(p))) p += 8;
        while (p < end && *p != '"' && *p != '\\' && *p >= 0x20) p++;
        memcpy(w->buf_ + w->len_, run, (size_t)(p - run));
        w->len_ += (size_t)(p - run);
        if (p >= end) break;
        w->buf_[w->len_++] = '\\';
        switch (*p) {
            case '"': w->buf_[w->len_++] = '"'; break;
            case '\\': w->buf_[w->len_++] = '\\'; break;
            case '\n': w->buf_[w->len_++] = 'n'; break;
            case '\r': w->buf_[w->len_++] = 'r'; break;
            case '\t': w->buf_[w->len_++] = 't'; break;
            case '\b': w->buf_[w->len_++] = 'b'; break;
            case '\f': w->buf_[w->len_++] = 'f'; break;
            default:
                memcpy(w->buf_ + w->len_, "u00", 3);
                w->buf_[w->len_ + 3] = hex[*p >> 4];
                w->buf_[w->len_ + 4] = hex[*p & 15];
                w->len_ += 5;
        }
        p++;
    }
    w->buf_[w->len_] = '\0';
}

static void llm__json_write_quoted(llm_json_writer *w, const char *s, size_t n) {
    llm__json_write_put(w, "\"", 1);
    llm__json_write_escaped(w, s, n);
    llm__json_write_put(w, "\"", 1);
}

#ifndef LLM_NO_PROVIDER_OPENAI /* the OpenAI encoder's (data URLs) */
/* One string value made of several NUL-terminated pieces. */
static void llm__json_write_string_pieces(llm_json_writer *w, const char *const *pieces, size_t count) {
    size_t i;
    if (!llm__json_write_before_value(w)) return;
    llm__json_write_put(w, "\"", 1);
    for (i = 0; i < count; i++) llm__json_write_escaped(w, pieces[i], strlen(pieces[i]));
    llm__json_write_put(w, "\"", 1);
}
#endif

LLM_API void llm_json_write_keyn(llm_json_writer *w, const char *key, size_t len) {
    uint64_t bit;
    if (!w || w->error_ != LLM_OK) return;
    bit = w->depth_ > 0 ? 1ull << (w->depth_ - 1) : 0;
    if (!key || !(w->in_object_ & bit) || w->after_key_) { llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    if (w->has_items_ & bit) llm__json_write_put(w, ",", 1);
    w->has_items_ |= bit;
    llm__json_write_quoted(w, key, len);
    llm__json_write_put(w, ":", 1);
    w->after_key_ = true;
}

LLM_API void llm_json_write_key(llm_json_writer *w, const char *key) {
    llm_json_write_keyn(w, key, key ? strlen(key) : 0);
}

LLM_API void llm_json_write_stringn(llm_json_writer *w, const char *s, size_t len) {
    if (!s) { llm_json_write_null(w); return; }
    if (llm__json_write_before_value(w)) llm__json_write_quoted(w, s, len);
}

LLM_API void llm_json_write_string(llm_json_writer *w, const char *s) {
    llm_json_write_stringn(w, s, s ? strlen(s) : 0);
}

LLM_API void llm_json_write_number(llm_json_writer *w, double v) {
    char buf[32];
    size_t n;
    if (!llm__json_write_before_value(w)) return;
    n = llm__json_format_double(v, buf);
    if (n == 0) { llm__json_write_fail(w, LLM_ERR_INVALID_ARGUMENT); return; } /* NaN or infinity */
    llm__json_write_put(w, buf, n);
}

LLM_API void llm_json_write_int(llm_json_writer *w, int64_t v) {
    char buf[24];
    size_t pos = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (!llm__json_write_before_value(w)) return;
    if (v < 0) buf[pos++] = '-';
    llm__append_u64(buf, sizeof buf, &pos, u);
    llm__json_write_put(w, buf, pos);
}

LLM_API void llm_json_write_bool(llm_json_writer *w, bool v) {
    if (llm__json_write_before_value(w)) llm__json_write_put(w, v ? "true" : "false", v ? 4 : 5);
}

LLM_API void llm_json_write_null(llm_json_writer *w) {
    if (llm__json_write_before_value(w)) llm__json_write_put(w, "null", 4);
}

/* True when some object in the document has two members of one name
   (RFC 8259 says names SHOULD be unique; a request must not rely on which
   one a server keeps). Quadratic in an object's size: for caller JSON. */
static bool llm__json_has_duplicates(const llm_json_doc *doc) {
    size_t i;
    for (i = 0; i < doc->count_; i++) {
        const llm_json *o = &doc->values_[i], *a, *b;
        if (llm__json_type(o) != LLM_JSON_OBJECT) continue;
        for (a = llm_json_first(o); a; a = llm_json_next(o, a))
            for (b = llm_json_next(o, a); b; b = llm_json_next(o, b))
                if (a->len == b->len && memcmp(a->u.str, b->u.str, a->len) == 0) return true;
    }
    return false;
}

/* Parses caller JSON strictly: valid, no duplicate member names, and (when
   want_object) an object. A sentence about the problem goes to err. `keep`
   receives the document on success (the caller frees it); NULL: only check. */
static llm_result llm__json_check(const llm_allocator *alloc, const char *json, size_t len, bool want_object,
                                  llm_json_doc *keep, llm_error *err) {
    llm_json_doc doc;
    llm_error perr;
    llm_result r;
    memset(&doc, 0, sizeof doc);
    doc.alloc = *alloc;
    r = llm_json_parse(&doc, json, len, &perr);
    if (r == LLM_ERR_NO_MEMORY) r = llm__fail(err, r, "out of memory");
    else if (r != LLM_OK)
        r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "not valid JSON: %s at offset %z", perr.message, perr.offset);
    else if (want_object && !llm_json_is(llm_json_root(&doc), LLM_JSON_OBJECT))
        r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "not a JSON object");
    else if (llm__json_has_duplicates(&doc))
        r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "an object has two members of the same name");
    if (r == LLM_OK && keep) *keep = doc;
    else llm_json_doc_free(&doc);
    return r;
}

/* Writes JSON text the caller has already checked. */
static void llm__json_write_raw_checked(llm_json_writer *w, const char *json, size_t len) {
    if (llm__json_write_before_value(w)) llm__json_write_put(w, json, len);
}

LLM_API void llm_json_write_raw(llm_json_writer *w, const char *json, size_t len) {
    llm_result r;
    if (!w || w->error_ != LLM_OK) return;
    r = llm__json_check(&w->alloc, json, len, false, NULL, NULL);
    if (r != LLM_OK) llm__json_write_fail(w, r);
    else llm__json_write_raw_checked(w, json, len);
}

LLM_API void llm_json_write_value(llm_json_writer *w, const llm_json *v) {
    const llm_json *k;
    size_t len;
    const char *s;
    switch (llm_json_type_of(v)) {
        case LLM_JSON_NULL: llm_json_write_null(w); break;
        case LLM_JSON_FALSE: llm_json_write_bool(w, false); break;
        case LLM_JSON_TRUE: llm_json_write_bool(w, true); break;
        case LLM_JSON_NUMBER:
            if (v->tag & LLM__JSON_INT) llm_json_write_int(w, v->u.i);
            else llm_json_write_number(w, v->u.num);
            break;
        case LLM_JSON_STRING:
            s = llm_json_string(v, &len);
            llm_json_write_stringn(w, s, len);
            break;
        case LLM_JSON_ARRAY:
            llm_json_write_array_begin(w);
            for (k = llm_json_first(v); k; k = llm_json_next(v, k)) llm_json_write_value(w, k);
            llm_json_write_array_end(w);
            break;
        case LLM_JSON_OBJECT:
            llm_json_write_object_begin(w);
            for (k = llm_json_first(v); k; k = llm_json_next(v, k)) {
                s = llm_json_string(k, &len);
                llm_json_write_keyn(w, s, len);
                llm_json_write_value(w, k + 1);
            }
            llm_json_write_object_end(w);
            break;
    }
}

/* the encoders' */
#if !defined(LLM_NO_PROVIDER_OPENAI) || !defined(LLM_NO_PROVIDER_ANTHROPIC) || !defined(LLM_NO_PROVIDER_GEMINI)
/* Copies the members of a checked JSON object text into the object being
   written (numbers and all exactly as given). */
static void llm__json_write_members_raw(llm_json_writer *w, const char *obj, size_t n) {
    uint64_t bit = w->depth_ > 0 ? 1ull << (w->depth_ - 1) : 0;
    const char *end = obj + n;
    while (end > obj && end[-1] != '}') end--; /* the text is a checked object: { ... } with white space around */
    while (obj < end && *obj != '{') obj++;
    if (end - obj < 2 || w->error_ != LLM_OK || !(w->in_object_ & bit) || w->after_key_) return;
    obj++;
    end--;
    while (obj < end && (*obj == ' ' || *obj == '\n' || *obj == '\r' || *obj == '\t')) obj++;
    n = (size_t)(end - obj);
    if (!n) return;
    if (w->has_items_ & bit) llm__json_write_put(w, ",", 1);
    llm__json_write_put(w, obj, n);
    w->has_items_ |= bit;
}
#endif

LLM_API llm_result llm_json_writer_finish(llm_json_writer *w, const char **out, size_t *len) {
    if (out) *out = NULL;
    if (len) *len = 0;
    if (!w) return LLM_ERR_INVALID_ARGUMENT;
    if (w->error_ == LLM_OK && (w->depth_ != 0 || w->len_ == 0)) w->error_ = LLM_ERR_INVALID_ARGUMENT;
    if (w->error_ != LLM_OK) return w->error_;
    if (out) *out = w->buf_;
    if (len) *len = w->len_;
    return LLM_OK;
}

LLM_API void llm_json_writer_reset(llm_json_writer *w) {
    if (!w) return;
    w->len_ = 0;
    w->depth_ = 0;
    w->in_object_ = w->has_items_ = 0;
    w->after_key_ = false;
    w->error_ = LLM_OK;
    if (w->buf_) w->buf_[0] = '\0';
}

LLM_API void llm_json_writer_free(llm_json_writer *w) {
    llm_allocator alloc;
    if (!w) return;
    alloc = w->alloc;
    llm__free(&alloc, w->buf_, w->capacity_);
    memset(w, 0, sizeof *w);
    w->alloc = alloc;
}


/* ------------------------------------------------------------------------ */
// >>sse: an incremental event-stream parser (WHATWG rules)
/* ------------------------------------------------------------------------ */

#define LLM__SSE_DEFAULT_MAX (16u << 20)

static size_t llm__sse_max(const llm_sse *p) { return p->max_size ? p->max_size : LLM__SSE_DEFAULT_MAX; }

static llm_result llm__sse_fail(llm_sse *p, llm_result r) {
    if (p->error_ == LLM_OK) p->error_ = r;
    return p->error_;
}

/* Appends n bytes to a growable buffer, refusing to pass the limit. */
static llm_result llm__sse_append(llm_sse *p, char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
    void *b = *buf;
    if (n > llm__sse_max(p) - *len) return llm__sse_fail(p, LLM_ERR_PARSE);
    if (!llm__grow(&p->alloc, &b, cap, *len + n + 1, 1)) return llm__sse_fail(p, LLM_ERR_NO_MEMORY);
    *buf = (char *)b;
    if (n) memcpy(*buf + *len, s, n);
    *len += n;
    return LLM_OK;
}

/* The first CR or LF in [p, end), or end. */
static const char *llm__sse_find_eol(const char *p, const char *end) {
#ifdef LLM__SIMD16
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
        if (mask) return p + llm__ctz(mask);
        p += 16;
    }
#endif
    while (p < end && *p != '\n' && *p != '\r') p++;
    return p;
}

/* Copies a data line that is still only referenced into the data buffer. */
static llm_result llm__sse_own_pending(llm_sse *p) {
    llm_result r = LLM_OK;
    if (p->pending_) {
        r = llm__sse_append(p, &p->data_, &p->data_len_, &p->data_cap_, p->pending_, p->pending_len_);
        if (r == LLM_OK) r = llm__sse_append(p, &p->data_, &p->data_len_, &p->data_cap_, "\n", 1);
        p->pending_ = NULL;
    }
    return r;
}

/* "Append the field value to the data buffer, then append a single U+000A
   LINE FEED (LF) character to the data buffer." A line that lies whole in
   the caller's chunk is only referenced (no copy) while it is the event's
   only data line. */
static llm_result llm__sse_data(llm_sse *p, const char *v, size_t n, bool in_chunk) {
    llm_result r;
    if (!p->has_data_ && in_chunk) {
        p->pending_ = v;
        p->pending_len_ = n;
        p->has_data_ = true;
        return LLM_OK;
    }
    if ((r = llm__sse_own_pending(p)) != LLM_OK) return r;
    p->has_data_ = true;
    if ((r = llm__sse_append(p, &p->data_, &p->data_len_, &p->data_cap_, v, n)) != LLM_OK) return r;
    return llm__sse_append(p, &p->data_, &p->data_len_, &p->data_cap_, "\n", 1);
}

static llm_result llm__sse_field(llm_sse *p, const char *name, size_t nlen, const char *v, size_t vlen, bool in_chunk) {
    size_t i;
    if (nlen == 4 && memcmp(name, "data", 4) == 0) return llm__sse_data(p, v, vlen, in_chunk);
    if (nlen == 5 && memcmp(name, "event", 5) == 0) {
        p->type_len_ = 0;
        return llm__sse_append(p, &p->type_, &p->type_len_, &p->type_cap_, v, vlen);
    }
    if (nlen == 2 && memcmp(name, "id", 2) == 0) {
        if (memchr(v, '\0', vlen)) return LLM_OK; /* "If the field value does not contain U+0000 NULL" */
        p->id_len_ = 0;
        return llm__sse_append(p, &p->id_, &p->id_len_, &p->id_cap_, v, vlen);
    }
    if (nlen == 5 && memcmp(name, "retry", 5) == 0) {
        int64_t ms = 0;
        for (i = 0; i < vlen; i++) {
            if (v[i] < '0' || v[i] > '9') return LLM_OK; /* "consists of only ASCII digits" */
            if (ms < ((int64_t)1 << 50)) ms = ms * 10 + (v[i] - '0');
        }
        if (vlen) {
            p->retry_ms = ms;
            p->has_retry = true;
        }
    }
    return LLM_OK; /* "Otherwise: The field is ignored." */
}

/* One line (without its end). True in *dispatch when it was blank and an
   event is ready. */
static llm_result llm__sse_line(llm_sse *p, const char *line, size_t n, bool in_chunk, bool *dispatch) {
    const char *colon;
    *dispatch = false;
    if (n > llm__sse_max(p)) return llm__sse_fail(p, LLM_ERR_PARSE);
    if (n == 0) {
        if (!p->has_data_) { /* "If the data buffer is an empty string, set ... to the empty string and return." */
            p->type_len_ = 0;
            return LLM_OK;
        }
        *dispatch = true;
        return LLM_OK;
    }
    if (line[0] == ':') return LLM_OK; /* a comment */
    colon = (const char *)memchr(line, ':', n);
    if (!colon) return llm__sse_field(p, line, n, line + n, 0, in_chunk);
    {
        const char *v = colon + 1, *end = line + n;
        if (v < end && *v == ' ') v++; /* "If value starts with a U+0020 SPACE character, remove it" */
        return llm__sse_field(p, line, (size_t)(colon - line), v, (size_t)(end - v), in_chunk);
    }
}

/* Fills ev from the event just completed and clears the buffers for the next. */
static void llm__sse_dispatch(llm_sse *p, llm_sse_event *ev) {
    if (p->pending_) {
        ev->data = p->pending_;
        ev->data_len = p->pending_len_;
    } else {
        ev->data = p->data_;
        /* "If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove" */
        ev->data_len = p->data_len_ - 1;
    }
    ev->type = p->type_len_ ? p->type_ : "message";
    ev->type_len = p->type_len_ ? p->type_len_ : 7;
    ev->id = p->id_len_ ? p->id_ : "";
    ev->id_len = p->id_len_;
    p->pending_ = NULL;
    p->has_data_ = false;
    p->data_len_ = 0;
    p->type_len_ = 0;
}

LLM_API llm_result llm_sse_feed(llm_sse *p, const char *chunk, size_t len) {
    if (!p || (!chunk && len)) return LLM_ERR_INVALID_ARGUMENT;
    if (p->error_ != LLM_OK) return p->error_;
    if (p->pos_ < p->chunk_len_) { /* the previous chunk was not drained: keep its rest and this one */
        size_t rest = p->chunk_len_ - p->pos_;
        bool from_held = p->chunk_ == p->held_; /* growing may move it */
        void *b = p->held_;
        if (llm__sse_own_pending(p) != LLM_OK) return p->error_;
        if (len > ((size_t)-1) - rest || !llm__grow(&p->alloc, &b, &p->held_cap_, rest + len, 1))
            return llm__sse_fail(p, LLM_ERR_NO_MEMORY);
        p->held_ = (char *)b;
        memmove(p->held_, (from_held ? p->held_ : p->chunk_) + p->pos_, rest);
        if (len) memcpy(p->held_ + rest, chunk, len);
        chunk = p->held_;
        len += rest;
    }
    p->chunk_ = chunk;
    p->chunk_len_ = len;
    p->pos_ = 0;
    return LLM_OK;
}

/* Skips the UTF-8 BOM once, at the very start of the stream. Returns false
   while too few bytes have arrived to tell. */
static bool llm__sse_skip_bom(llm_sse *p) {
    static const char bom[3] = {'\xEF', '\xBB', '\xBF'};
    size_t have = p->chunk_len_ - p->pos_, k;
    for (k = 0; k < have && p->line_len_ + k < 3; k++)
        if (p->chunk_[p->pos_ + k] != bom[p->line_len_ + k]) break;
    if (p->line_len_ + k == 3) { /* a whole BOM */
        p->pos_ += k;
        p->line_len_ = 0;
        p->started_ = true;
        return true;
    }
    if (k == have && p->line_len_ + k < 3) { /* a BOM's prefix so far: hold it */
        if (llm__sse_append(p, &p->line_, &p->line_len_, &p->line_cap_, p->chunk_ + p->pos_, k) != LLM_OK) return false;
        p->pos_ += k;
        return false;
    }
    p->started_ = true; /* not a BOM: what was held is the start of a line */
    return true;
}

LLM_API llm_result llm_sse_next(llm_sse *p, llm_sse_event *ev) {
    if (!p || !ev) return LLM_ERR_INVALID_ARGUMENT;
    while (p->error_ == LLM_OK && p->chunk_) { /* nothing fed yet (or an empty chunk): no pointer to step from */
        const char *start = p->chunk_ + p->pos_, *end = p->chunk_ + p->chunk_len_, *eol;
        bool dispatch;
        llm_result r;
        if (!p->started_ && !llm__sse_skip_bom(p)) break;
        start = p->chunk_ + p->pos_;
        if (start >= end) break;
        if (p->after_cr_ && *start == '\n') { /* the LF of a CRLF split across chunks */
            p->pos_++;
            p->after_cr_ = false;
            continue;
        }
        p->after_cr_ = false;
        eol = llm__sse_find_eol(start, end);
        if (eol == end) { /* an unfinished line: keep it */
            if (llm__sse_append(p, &p->line_, &p->line_len_, &p->line_cap_, start, (size_t)(end - start)) != LLM_OK)
                break;
            p->pos_ = p->chunk_len_;
            break;
        }
        p->pos_ = (size_t)(eol - p->chunk_) + 1;
        if (*eol == '\r') {
            if (eol + 1 < end && eol[1] == '\n') p->pos_++;
            else if (eol + 1 == end) p->after_cr_ = true;
        }
        if (p->line_len_) { /* the end of a line begun in an earlier chunk */
            if (llm__sse_append(p, &p->line_, &p->line_len_, &p->line_cap_, start, (size_t)(eol - start)) != LLM_OK)
                break;
            r = llm__sse_line(p, p->line_, p->line_len_, false, &dispatch);
            p->line_len_ = 0;
        } else {
            r = llm__sse_line(p, start, (size_t)(eol - start), true, &dispatch);
        }
        if (r != LLM_OK) break;
        if (dispatch) {
            llm__sse_dispatch(p, ev);
            return LLM_OK;
        }
    }
    if (p->error_ == LLM_OK && llm__sse_own_pending(p) != LLM_OK) return p->error_; /* the chunk goes away */
    return p->error_ != LLM_OK ? p->error_ : LLM_AGAIN;
}

/* Copies the bytes of the current chunk not read yet into the parser, so
   the caller's chunk may go away. */
static llm_result llm__sse_hold(llm_sse *p) {
    size_t rest = p->chunk_len_ - p->pos_;
    void *b = p->held_;
    if (p->error_ != LLM_OK || rest == 0 || p->chunk_ == p->held_) return p->error_;
    if (llm__sse_own_pending(p) != LLM_OK) return p->error_;
    if (!llm__grow(&p->alloc, &b, &p->held_cap_, rest, 1)) return llm__sse_fail(p, LLM_ERR_NO_MEMORY);
    p->held_ = (char *)b;
    memcpy(p->held_, p->chunk_ + p->pos_, rest);
    p->chunk_ = p->held_;
    p->chunk_len_ = rest;
    p->pos_ = 0;
    return LLM_OK;
}

LLM_API bool llm_sse_ended_mid_event(const llm_sse *p) {
    return p && (p->line_len_ > 0 || p->has_data_ || p->type_len_ > 0 || p->pos_ < p->chunk_len_);
}

LLM_API void llm_sse_reset(llm_sse *p) {
    if (!p) return;
    p->chunk_ = NULL;
    p->chunk_len_ = p->pos_ = p->line_len_ = p->data_len_ = p->type_len_ = p->id_len_ = 0;
    p->pending_ = NULL;
    p->retry_ms = 0;
    p->started_ = p->after_cr_ = p->has_data_ = p->has_retry = false;
    p->error_ = LLM_OK;
}

LLM_API void llm_sse_free(llm_sse *p) {
    llm_allocator alloc;
    size_t max;
    if (!p) return;
    alloc = p->alloc;
    max = p->max_size;
    llm__free(&alloc, p->line_, p->line_cap_);
    llm__free(&alloc, p->data_, p->data_cap_);
    llm__free(&alloc, p->type_, p->type_cap_);
    llm__free(&alloc, p->id_, p->id_cap_);
    llm__free(&alloc, p->held_, p->held_cap_);
    memset(p, 0, sizeof *p);
    p->alloc = alloc;
    p->max_size = max;
}

/* ------------------------------------------------------------------------ */
// >>http: header and URL checks, the mock transport, statuses and errors to result codes
/* ------------------------------------------------------------------------ */

/* RFC 9110's token: the characters a header name may hold. */
static bool llm__http_is_token(const char *s) {
    static const char extra[] = "!#$%&'*+-.^_`|~";
    if (!s || !*s) return false;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(extra, c)))
            return false;
    }
    return true;
}

/* Checks headers[0..n) of `what` ("llm_client_init: headers", "request:
   headers"): names are tokens, values have no control bytes but HTAB. */
static llm_result llm__http_check_headers(const llm_pair *h, size_t n, const char *what, llm_error *err) {
    size_t i;
    if (n && !h) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: a count without headers", what);
    for (i = 0; i < n; i++) {
        if (!llm__http_is_token(h[i].name))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                             "%s[%z].name: empty or not an HTTP token (letters, digits, !#$%%&'*+-.^_`|~)", what, i);
        if (!h[i].value || llm__has_control(h[i].value, true))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s[%z].value: NULL or holds a control byte", what, i);
    }
    return LLM_OK;
}

/* A base URL: http:// or https://, a host, no spaces or control bytes. */
static bool llm__http_url_ok(const char *u) {
    size_t skip = llm__starts_ci(u, "http://") ? 7 : llm__starts_ci(u, "https://") ? 8 : 0;
    const char *p;
    if (!skip || !u[skip] || u[skip] == '/') return false;
    for (p = u; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7F) return false;
    return true;
}

/* Whether a dotted quad is in 127.0.0.0/8 (exactly four numbers to 255). */
static bool llm__http_ipv4_loopback(const char *h, size_t n) {
    size_t i = 0, parts = 0;
    while (i < n && parts < 4) {
        unsigned v = 0, digits = 0;
        while (i < n && h[i] >= '0' && h[i] <= '9' && digits < 4) v = v * 10 + (unsigned)(h[i++] - '0'), digits++;
        if (!digits || v > 255 || (parts == 0 && v != 127)) return false;
        parts++;
        if (parts < 4 && (i >= n || h[i++] != '.')) return false;
    }
    return parts == 4 && i == n;
}

/* Whether a URL's host is loopback: 127.0.0.0/8, [::1] or localhost (any
   case). Names that only begin like one (127.0.0.1.example.com) are not. */
static bool llm__http_url_loopback(const char *url) {
    const char *h = strstr(url, "://"), *end, *at;
    size_t n;
    if (!h) return false;
    h += 3;
    end = h + strcspn(h, "/?#");
    at = (const char *)memchr(h, '@', (size_t)(end - h));
    if (at) h = at + 1; /* user info */
    if (*h == '[') return end - h >= 5 && memcmp(h, "[::1]", 5) == 0 && (h + 5 == end || h[5] == ':');
    n = strcspn(h, ":/?#");
    return (n == 9 && llm__starts_ci(h, "localhost")) || llm__http_ipv4_loopback(h, n);
}

/* Plays one "Name: value\n" header block into the sink. */
static llm_result llm__http_mock_headers(const llm_http_sink *sink, const char *h) {
    while (h && *h) {
        const char *eol = strchr(h, '\n'), *colon = strchr(h, ':'), *value;
        llm_result r;
        if (!eol) eol = h + strlen(h);
        if (colon && colon < eol) {
            const char *vend = eol;
            value = colon + 1;
            while (value < vend && *value == ' ') value++;
            while (vend > value && (vend[-1] == '\r' || vend[-1] == ' ')) vend--;
            r = sink->header(sink->ctx, h, (size_t)(colon - h), value, (size_t)(vend - value));
            if (r != LLM_OK) return r;
        }
        h = *eol ? eol + 1 : eol;
    }
    return LLM_OK;
}

static llm_result llm__http_mock_send(void *user, const llm_http_request *req, const llm_http_sink *sink,
                                      llm_error *err) {
    llm_mock *m = (llm_mock *)user;
    const llm_mock_exchange *x;
    size_t len, off, step;
    llm_result r;
    if (m->on_request) m->on_request(m->user, req);
    if (m->next >= m->count) return llm__fail(err, LLM_ERR_TRANSPORT, "mock transport: no recorded exchange left");
    x = &m->exchanges[m->next++];
    if (x->fail != LLM_OK) return llm__fail(err, x->fail, "mock transport: simulated failure");
    if ((r = sink->status(sink->ctx, x->status)) == LLM_OK &&
        (r = llm__http_mock_headers(sink, x->headers)) == LLM_OK) {
        len = x->body_len ? x->body_len : (x->body ? strlen(x->body) : 0);
        step = x->chunk ? x->chunk : len;
        for (off = 0; off < len && r == LLM_OK; off += step)
            r = sink->body(sink->ctx, x->body + off, len - off < step ? len - off : step);
    }
    return r == LLM_DONE ? LLM_OK : r; /* LLM_DONE: the answer is whole, the rest unwanted */
}

LLM_API bool llm_http_url_is_loopback(const char *url) { return url && llm__http_url_loopback(url); }

LLM_API llm_transport llm_mock_transport(llm_mock *mock) {
    llm_transport t;
    t.send = llm__http_mock_send;
    t.user = mock;
    return t;
}

/* The API key scrubbed (llm__key_match) from every string of a parsed
   value, in place: an error body, before its strings are copied and cut
   into an llm_error's fields. */
static void llm__http_json_scrub(const llm_json *v, const char *key) {
    size_t i, n;
    if (!v || !key || strlen(key) < 4) return;
    n = llm_json_is(v, LLM_JSON_ARRAY) || llm_json_is(v, LLM_JSON_OBJECT) ? v->u.span : 1;
    for (i = 0; i < n; i++) {
        llm_json *x = (llm_json *)(uintptr_t)&v[i]; /* the document's own memory */
        if (llm_json_is(x, LLM_JSON_STRING)) {
            char *str = (char *)(uintptr_t)x->u.str;
            x->len = (uint32_t)llm__scrub_n(str, x->len, key);
            str[x->len] = '\0';
        }
    }
}

/* Phrases providers use (LiteLLM's exception mapping, plus Anthropic's). */
static const char *const llm__http_context_phrases[] = {
    "exceed context limit", "this model's maximum context length is",
    "string too long. expected a string with maximum length", "model's maximum context limit",
    "is longer than the model's context length", "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be", "exceeds the available context size",
    "exceeds the maximum number of tokens allowed", "context_length_exceeded", NULL};
static const char *const llm__http_policy_phrases[] = {
    "content_policy_violation", "responsibleaipolicyviolation", "content_filter_policy",
    "your request was rejected as a result of our safety system", "the response was blocked.",
    "output blocked by content filtering policy", "content management policy", NULL};
static const char *const llm__http_rate_phrases[] = {
    "rate limit", "rate_limit", "rate-limit", "ratelimit", "service tier capacity exceeded",
    "resource exhausted", "resource_exhausted", "quota exceeded", NULL};

static bool llm__http_is_context_error(const llm_error *e) {
    if (llm__contains_ci(e->message, "string_above_max_length")) return false;
    if (llm__contains_ci(e->message, "invalid 'user'") && llm__contains_ci(e->message, "string too long")) return false;
    if (llm__contains_any(e->message, llm__http_context_phrases) ||
        llm__contains_any(e->provider_code, llm__http_context_phrases))
        return true;
    return llm__contains_ci(e->message, "current length is") && llm__contains_ci(e->message, "while limit is");
}

static bool llm__http_is_policy_error(const llm_error *e) {
    return llm__contains_any(e->message, llm__http_policy_phrases) ||
           llm__contains_any(e->provider_code, llm__http_policy_phrases);
}

static bool llm__http_is_rate_error(const llm_error *e) {
    return strcmp(e->provider_code, "429") == 0 || llm__contains_any(e->type, llm__http_rate_phrases) ||
           llm__contains_any(e->provider_code, llm__http_rate_phrases) ||
           llm__contains_any(e->message, llm__http_rate_phrases);
}

static llm_result llm__http_status_result(int status) {
    switch (status) {
        case 400: case 413: case 422: return LLM_ERR_BAD_REQUEST;
        case 401: return LLM_ERR_AUTHENTICATION;
        case 402: return LLM_ERR_PAYMENT_REQUIRED;
        case 403: return LLM_ERR_PERMISSION;
        case 404: return LLM_ERR_NOT_FOUND;
        case 408: return LLM_ERR_TIMEOUT;
        case 429: return LLM_ERR_RATE_LIMITED;
        case 503: case 529: return LLM_ERR_UNAVAILABLE;
        default: return status >= 500 && status <= 599 ? LLM_ERR_SERVER : LLM_ERR_HTTP;
    }
}

/* Whether retrying the same request may help, for a code and status. */
static bool llm__http_retryable(llm_result r, int status) {
    return r == LLM_ERR_RATE_LIMITED || r == LLM_ERR_SERVER || r == LLM_ERR_UNAVAILABLE || r == LLM_ERR_TIMEOUT ||
           status == 409;
}

LLM_API llm_result llm_classify_error(llm_error *e) {
    llm_result r;
    if (!e) return LLM_ERR_INVALID_ARGUMENT;
    r = llm__http_status_result(e->http_status);
    if (r == LLM_ERR_BAD_REQUEST || r == LLM_ERR_HTTP || r == LLM_ERR_NOT_FOUND || e->http_status == 0) {
        if (llm__http_is_context_error(e)) r = LLM_ERR_CONTEXT_WINDOW_EXCEEDED;
        else if (llm__http_is_policy_error(e)) r = LLM_ERR_CONTENT_POLICY;
    }
    /* a 5xx whose body says 429 (or names a rate limit) is a rate limit */
    if ((r == LLM_ERR_SERVER || r == LLM_ERR_UNAVAILABLE || r == LLM_ERR_HTTP) && llm__http_is_rate_error(e))
        r = LLM_ERR_RATE_LIMITED;
    e->code = r;
    e->retryable = llm__http_retryable(r, e->http_status);
    if (e->should_retry != LLM_UNSET) e->retryable = e->should_retry == LLM_TRUE;
    return r;
}

/* Whether the error says the word: as its code or type, or (a phrase)
   in its message. */
static bool llm__http_says(const llm_error *e, const llm_error_word *w) {
    if (w->in_message) return llm__contains_ci(e->message, w->word);
    return strcmp(e->provider_code, w->word) == 0 || strcmp(e->type, w->word) == 0;
}

/* The wire format's word the error says: one that beats the status
   first, then the first of the others (code before type). */
static const llm_error_word *llm__http_error_word(const llm_error_word *words, const llm_error *e) {
    const llm_error_word *w;
    for (w = words; w && w->word; w++)
        if (w->beats_status && llm__http_says(e, w)) return w;
    for (w = words; w && w->word; w++)
        if (!w->in_message && strcmp(e->provider_code, w->word) == 0) return w;
    for (w = words; w && w->word; w++)
        if (!w->in_message && strcmp(e->type, w->word) == 0) return w;
    return NULL;
}

/* The status that stands for a result code, for an error that came with
   none (inside a 2xx stream). */
static int llm__http_status_of(llm_result r) {
    switch (r) {
        case LLM_ERR_BAD_REQUEST: case LLM_ERR_CONTEXT_WINDOW_EXCEEDED: case LLM_ERR_CONTENT_POLICY: return 400;
        case LLM_ERR_AUTHENTICATION: return 401;
        case LLM_ERR_PAYMENT_REQUIRED: return 402;
        case LLM_ERR_PERMISSION: return 403;
        case LLM_ERR_NOT_FOUND: return 404;
        case LLM_ERR_TIMEOUT: return 408;
        case LLM_ERR_RATE_LIMITED: return 429;
        case LLM_ERR_UNAVAILABLE: return 503;
        default: return 500;
    }
}

/* Classifies with a wire format's words: an error inside a stream takes
   the status its body names (OpenRouter's code), else the one its words
   stand for, else 500; a word that beats the status decides in the end. */
static void llm__http_classify_with(const llm_error_word *words, llm_error *e, bool in_stream) {
    const llm_error_word *w = llm__http_error_word(words, e);
    if (in_stream && !e->http_status) e->http_status = w ? llm__http_status_of(w->code) : 500;
    llm_classify_error(e);
    if (w && w->beats_status) {
        e->code = w->code;
        e->retryable = llm__http_retryable(w->code, 0) && e->should_retry != LLM_FALSE;
    }
}

/* ------------------------------------------------------------------------ */
// >>bpe: exact tiktoken-compatible BPE: vocabularies, the pre-tokenizer and its Unicode tables
/* ------------------------------------------------------------------------ */

/* Model names and encodings need no vocabulary. */
LLM_API const char *llm_encoding_name(llm_encoding encoding) {
    if (encoding == LLM_ENCODING_CL100K_BASE) return "cl100k_base";
    if (encoding == LLM_ENCODING_O200K_BASE) return "o200k_base";
    return NULL;
}

LLM_API llm_encoding llm_encoding_from_name(const char *name) {
    if (!name) return LLM_ENCODING_NONE;
    if (strcmp(name, "cl100k_base") == 0) return LLM_ENCODING_CL100K_BASE;
    if (strcmp(name, "o200k_base") == 0) return LLM_ENCODING_O200K_BASE;
    return LLM_ENCODING_NONE;
}

static bool llm__bpe_starts_with(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

LLM_API llm_encoding llm_encoding_for_model(const char *model) {
    /* ordered: the first matching prefix wins (openai/tiktoken model.py) */
    static const char *const o200k[] = {"gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o",
                                        "gpt-oss"};
    static const char *const cl100k[] = {"gpt-4", "gpt-3.5", "gpt-35-turbo", "text-embedding-3-",
                                         "text-embedding-ada-002", "davinci-002", "babbage-002"};
    const char *slash;
    size_t i;
    if (!model) return LLM_ENCODING_NONE;
    if ((slash = strrchr(model, '/')) != NULL) model = slash + 1;   /* openai/gpt-4o, azure/gpt-4 */
    if (strncmp(model, "ft:", 3) == 0) model += 3;                  /* fine-tuned: ft:gpt-4o-mini:org::id */
    for (i = 0; i < sizeof o200k / sizeof o200k[0]; i++)
        if (llm__bpe_starts_with(model, o200k[i])) return LLM_ENCODING_O200K_BASE;
    for (i = 0; i < sizeof cl100k / sizeof cl100k[0]; i++)
        if (llm__bpe_starts_with(model, cl100k[i])) return LLM_ENCODING_CL100K_BASE;
    return LLM_ENCODING_NONE;
}

#ifndef LLM_NO_BPE

/* >>unicode-tables begin: generated by tools/gen_unicode.py from the Unicode
   Character Database 15.0.0 (UnicodeData.txt, PropList.txt); do not edit. */
#define LLM__BPE_UC_VERSION "15.0.0"
#define LLM__BPE_UC_SHIFT 7
static const unsigned char llm__bpe_uc_stage1[8704] = {
   0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,34,35,36,37,38,39,34,
   34,34,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,64,64,64,65,66,64,64,64,64,67,68,64,
   64,64,64,64,64,64,64,69,70,71,72,73,64,64,64,74,75,76,77,78,79,64,64,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,80,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,81,34,34,34,34,34,34,34,34,82,34,34,83,84,85,86,87,88,89,90,91,92,93,94,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,95,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,34,34,96,97,98,99,34,34,100,101,102,
   103,104,105,106,107,108,109,64,110,111,112,113,114,115,116,34,34,117,118,119,120,121,122,123,124,125,126,127,128,129,
   64,130,131,132,133,134,135,136,137,138,139,140,64,141,142,64,143,144,145,146,64,147,148,149,150,151,152,64,64,153,
   154,155,156,64,157,158,159,34,34,34,34,34,34,34,160,161,34,162,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,163,34,34,34,34,34,34,34,34,164,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,34,34,34,34,165,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   34,34,34,34,166,167,168,169,64,64,64,64,170,171,172,173,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,174,34,34,34,34,34,34,34,34,34,175,
   176,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,177,34,34,178,34,34,179,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,180,181,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,182,64,64,64,183,184,185,186,187,64,188,189,190,191,192,193,
   194,195,64,64,64,64,196,197,64,64,64,64,64,64,64,64,198,64,199,200,201,64,64,202,64,64,64,203,64,64,64,64,64,204,34,
   205,206,64,64,64,64,64,207,208,209,64,210,211,64,64,64,64,212,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,213,64,64,64,64,64,64,64,64,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,214,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,215,34,216,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,217,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,218,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,34,34,34,34,219,64,64,64,64,64,64,64,64,64,64,64,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,220,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
   34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,221,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,222,223,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
   64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
};
static const unsigned char llm__bpe_uc_stage2[28672] = {
   0,0,0,0,0,0,0,0,0,8,8,8,8,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,
   0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,5,0,0,0,
   0,0,0,0,7,7,0,2,0,0,0,7,5,0,7,7,7,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,2,1,2,1,2,2,2,1,1,2,1,2,1,1,2,1,1,1,2,2,1,1,1,1,2,1,1,2,
   1,1,1,2,2,2,1,1,2,1,1,2,1,2,1,2,1,1,2,1,2,2,1,2,1,1,2,1,1,1,2,1,2,1,1,2,2,5,1,2,2,2,5,5,5,5,1,3,2,1,3,2,1,3,2,1,2,1,
   2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,3,2,1,2,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,1,1,2,1,1,2,2,1,2,1,
   1,1,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,5,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,4,4,4,4,
   4,4,4,4,4,4,4,4,4,4,0,0,0,0,4,4,4,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,4,0,0,0,0,0,0,0,4,0,4,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,1,2,1,2,4,0,1,2,0,0,4,2,2,2,0,1,0,0,0,0,0,0,1,0,1,1,1,0,1,0,1,1,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,0,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,1,1,1,2,2,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,2,2,1,2,0,1,2,1,1,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,0,6,6,6,6,6,
   6,6,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,
   2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,0,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,4,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,0,6,6,0,6,6,0,6,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,0,0,0,
   0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,4,4,6,6,0,6,6,6,6,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,0,0,5,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,5,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,
   6,6,6,6,6,6,4,4,0,0,0,0,4,0,0,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,4,6,6,6,6,6,6,6,6,6,4,6,6,6,
   4,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,0,0,0,0,5,5,
   5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,6,6,6,6,
   6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,5,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,5,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,
   0,5,5,5,5,5,5,5,5,0,0,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,0,0,0,5,5,5,5,0,0,6,5,
   6,6,6,6,6,6,6,0,0,6,6,0,0,6,6,6,5,0,0,0,0,0,0,0,0,6,0,0,0,0,5,5,0,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,5,5,0,0,7,7,7,7,
   7,7,0,0,5,0,6,0,0,6,6,6,0,5,5,5,5,5,5,0,0,0,0,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,
   5,5,0,5,5,0,5,5,0,0,6,0,6,6,6,6,6,0,0,0,0,6,6,0,0,6,6,6,0,0,0,6,0,0,0,0,0,0,0,5,5,5,5,0,5,0,0,0,0,0,0,0,7,7,7,7,7,7,
   7,7,7,7,6,6,5,5,5,6,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,5,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,0,0,6,5,6,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,0,6,6,6,0,5,5,5,5,5,5,5,5,0,0,5,5,0,0,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,0,0,6,5,6,6,6,6,6,6,6,0,0,6,6,0,0,6,6,6,0,0,0,0,0,0,
   0,6,6,6,0,0,0,0,5,5,0,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,5,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,6,5,0,5,5,5,5,5,5,0,0,0,
   5,5,5,0,5,5,5,5,0,0,0,5,5,0,5,0,5,5,0,0,0,5,5,0,0,0,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,6,6,6,6,6,0,0,0,6,6,
   6,0,6,6,6,6,0,0,5,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,
   6,6,6,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,
   6,5,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,6,0,0,0,0,0,0,0,6,6,0,5,5,5,0,0,5,0,0,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
   0,0,7,7,7,7,7,7,7,0,5,6,6,6,0,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,
   5,5,5,5,0,5,5,5,5,5,0,0,6,5,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,6,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,5,5,0,5,5,6,6,0,0,7,7,7,7,
   7,7,7,7,7,7,0,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,5,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,5,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,6,5,0,0,0,0,0,5,5,5,6,7,7,7,7,7,7,
   7,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,5,5,5,5,5,5,0,6,6,6,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,
   0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,0,5,0,0,5,5,5,5,5,5,5,0,0,0,6,0,0,0,0,6,6,6,
   6,6,6,0,6,0,6,6,6,6,6,6,6,6,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,5,5,6,6,6,6,6,6,6,0,0,0,0,0,5,5,5,5,5,5,
   4,6,6,6,6,6,6,6,6,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,5,5,0,5,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,0,5,5,5,5,5,5,5,5,5,5,6,5,5,6,6,6,6,6,6,
   6,6,6,5,0,0,5,5,5,5,5,0,4,0,6,6,6,6,6,6,6,0,7,7,7,7,7,7,7,7,7,7,0,0,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,0,6,0,6,0,6,0,0,0,0,6,6,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
   5,5,5,5,5,5,6,6,6,6,5,5,5,5,6,6,6,5,6,6,6,5,5,6,6,6,6,6,6,6,5,5,5,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,
   6,6,6,6,5,6,7,7,7,7,7,7,7,7,7,7,6,6,6,6,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,0,1,0,0,0,0,0,1,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,4,2,
   2,2,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,0,5,0,5,5,5,5,0,0,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,0,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,
   5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,2,2,2,2,
   2,2,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,8,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,
   0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,7,7,7,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   6,6,6,6,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,4,0,0,0,0,5,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,6,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,0,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,0,0,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,
   7,7,0,0,0,5,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,4,4,4,4,4,0,0,2,2,
   2,2,2,2,2,2,2,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,
   0,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,6,5,5,5,5,5,5,6,5,
   5,6,6,6,5,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,
   4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
   4,2,2,2,2,2,2,2,2,2,2,2,2,2,4,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,4,4,4,4,4,
   4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,2,2,2,2,2,2,0,0,1,1,1,1,1,1,0,0,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,1,1,
   1,1,1,1,1,1,2,2,2,2,2,2,0,0,1,1,1,1,1,1,0,0,2,2,2,2,2,2,2,2,0,1,0,1,0,1,0,1,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,0,0,2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3,2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3,2,2,2,2,2,2,2,2,3,3,3,3,3,3,
   3,3,2,2,2,2,2,0,2,2,1,1,1,1,3,0,2,0,0,0,2,2,2,0,2,2,1,1,1,1,3,0,0,0,2,2,2,2,0,0,2,2,1,1,1,1,0,0,0,0,2,2,2,2,2,2,2,2,
   1,1,1,1,1,0,0,0,0,0,2,2,2,0,2,2,1,1,1,1,3,0,0,0,8,8,8,8,8,8,8,8,8,8,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,8,8,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,4,0,0,7,7,7,7,7,7,0,0,0,0,0,4,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,4,4,4,4,4,4,
   4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,
   2,1,1,1,2,2,1,1,1,2,0,1,0,0,0,1,1,1,1,1,0,0,0,0,0,0,1,0,1,0,1,0,1,1,1,1,0,2,1,1,1,1,2,5,5,5,5,2,0,0,2,2,1,1,0,0,0,0,
   0,1,2,2,2,2,0,0,0,0,2,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,1,2,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,1,1,
   1,2,2,1,2,1,2,1,2,1,1,1,1,2,1,2,2,1,2,2,2,2,2,2,4,4,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,2,0,0,0,0,0,0,1,2,1,2,6,6,6,1,2,0,0,0,0,0,0,0,0,0,7,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,0,0,0,0,0,2,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,
   5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,4,5,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,
   7,7,6,6,6,6,6,6,0,4,4,4,4,4,0,0,7,7,7,4,5,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,0,
   0,4,4,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,4,4,4,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,0,0,0,7,7,7,7,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,4,4,4,4,4,4,0,0,5,5,5,5,5,5,5,5,5,5,5,5,4,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,5,5,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,5,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,0,4,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,4,4,6,6,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,
   4,4,4,4,4,4,4,4,0,0,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
   1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,4,2,2,2,2,2,2,2,2,1,2,1,2,1,1,2,1,2,1,2,1,2,1,2,4,0,0,1,
   2,1,2,5,1,2,1,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,1,1,1,2,1,1,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,
   1,1,2,1,2,0,0,0,0,0,1,2,0,2,0,2,1,2,1,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,1,2,5,4,4,2,5,5,5,5,5,
   5,5,6,5,5,5,6,5,5,5,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,0,0,6,0,0,0,7,7,7,7,7,7,0,0,0,0,
   0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   0,0,0,0,0,0,0,0,0,0,0,0,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,0,0,0,5,0,5,5,6,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,6,6,6,6,6,6,6,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,
   0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,
   7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,6,4,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,5,5,5,6,
   5,5,5,5,5,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,0,0,0,5,6,6,6,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,5,6,6,6,5,5,6,
   6,5,5,5,5,5,6,6,5,6,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,4,0,0,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,
   5,4,4,6,6,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,5,5,5,
   5,5,5,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,4,4,4,4,2,2,2,2,2,2,
   2,2,2,4,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,0,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,0,0,0,0,0,5,6,5,5,5,5,5,5,5,5,5,5,0,
   5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,0,5,0,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,
   5,5,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,
   0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,0,0,
   5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,
   5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,
   0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,7,5,5,5,5,5,5,5,5,7,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   6,6,6,6,6,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,0,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,0,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,
   0,2,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,4,4,0,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
   4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,0,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,0,0,5,0,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,0,0,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,0,0,0,0,7,7,7,
   7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,7,7,5,5,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,5,6,6,6,0,6,6,0,0,0,0,0,6,6,6,6,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,0,0,0,0,6,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,0,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,0,0,0,0,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,7,7,7,7,
   7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,6,6,0,0,0,5,5,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,5,
   0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,
   0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,5,5,6,6,5,0,0,0,0,0,0,0,0,0,6,6,6,6,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,0,0,0,
   0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,
   7,7,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,6,6,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,6,0,0,5,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,0,0,0,0,6,6,6,6,0,6,6,7,7,7,7,7,7,7,7,7,7,5,0,5,0,0,0,
   0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,6,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,0,5,5,5,5,
   0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,6,6,
   6,6,0,5,5,5,5,5,5,5,5,0,0,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,0,6,
   6,5,6,6,6,6,6,6,6,0,0,6,6,0,0,6,6,6,0,0,5,0,0,0,0,0,0,6,0,0,0,0,0,5,5,5,5,5,6,6,0,0,6,6,6,6,6,6,6,0,0,0,6,6,6,6,6,0,
   0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,6,5,5,5,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,0,5,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,5,5,5,5,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,5,0,
   0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,5,0,
   0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,
   0,0,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,0,0,5,
   0,0,5,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,0,6,6,0,0,6,6,6,6,5,6,5,6,6,
   0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,5,0,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,6,6,6,6,6,6,6,5,6,6,6,6,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,5,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,5,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,
   6,0,0,0,6,0,6,6,0,6,6,6,6,6,6,6,5,6,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,6,6,0,6,6,6,6,6,5,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,0,6,6,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,0,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,0,6,6,6,6,6,0,0,0,0,0,0,0,0,0,
   0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,6,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,
   7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,4,4,4,4,0,0,0,0,
   0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,7,7,7,7,7,7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,6,5,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,
   0,0,0,6,6,6,6,4,4,4,4,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,0,4,6,0,0,0,0,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,0,4,4,4,4,4,4,4,0,4,4,0,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,0,0,0,6,6,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,0,0,0,6,6,6,6,6,6,0,0,0,0,0,0,0,0,6,
   6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,
   0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,0,1,1,0,0,1,0,0,1,1,0,0,1,1,1,1,0,1,1,1,1,1,1,
   1,1,2,2,2,2,0,2,0,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,0,1,1,1,1,0,0,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,0,1,1,1,1,0,1,1,1,1,1,0,1,0,0,0,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
   2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,2,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,
   2,2,2,2,2,2,2,2,5,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,0,6,6,0,6,6,6,6,6,0,0,0,0,0,
   4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
   4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,6,6,6,6,6,6,6,4,4,4,4,4,4,4,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,6,6,6,6,7,7,7,7,
   7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,
   5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,6,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
   1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,6,6,6,6,6,6,6,4,0,0,0,0,
   7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,7,7,7,0,7,7,7,7,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
   7,7,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   0,5,5,0,5,0,0,5,0,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,5,0,5,0,0,0,0,0,0,5,0,0,0,0,5,0,5,0,5,0,5,5,5,0,5,5,0,5,0,0,5,0,5,
   0,5,0,5,0,5,0,5,5,0,5,0,0,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,0,5,5,5,5,0,5,0,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,
   7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
   5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
   0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
   6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
/* >>unicode-tables end */

#define LLM__BPE_UC_MASK ((1u << LLM__BPE_UC_SHIFT) - 1)
enum {
    LLM__BPE_UC_OTHER = 0,
    LLM__BPE_UC_LU,
    LLM__BPE_UC_LL,
    LLM__BPE_UC_LT,
    LLM__BPE_UC_LM,
    LLM__BPE_UC_LO,
    LLM__BPE_UC_M,
    LLM__BPE_UC_N,
    LLM__BPE_UC_WS
};
#define LLM__BPE_UC_IS(cls, set) (((set) >> (cls)) & 1u)
#define LLM__BPE_UC_L                                                                                                  \
    ((1u << LLM__BPE_UC_LU) | (1u << LLM__BPE_UC_LL) | (1u << LLM__BPE_UC_LT) | (1u << LLM__BPE_UC_LM) |               \
     (1u << LLM__BPE_UC_LO))
/* o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
#define LLM__BPE_UC_UPPER                                                                                              \
    ((1u << LLM__BPE_UC_LU) | (1u << LLM__BPE_UC_LT) | (1u << LLM__BPE_UC_LM) | (1u << LLM__BPE_UC_LO) |               \
     (1u << LLM__BPE_UC_M))
#define LLM__BPE_UC_LOWER                                                                                              \
    ((1u << LLM__BPE_UC_LL) | (1u << LLM__BPE_UC_LM) | (1u << LLM__BPE_UC_LO) | (1u << LLM__BPE_UC_M))
/* [^\s\p{L}\p{N}]: marks and everything else */
#define LLM__BPE_UC_PUNCT ((1u << LLM__BPE_UC_OTHER) | (1u << LLM__BPE_UC_M))

/* The class of the character at p (p < end) and its length in *n. A byte
   that starts no valid UTF-8 sequence is one character of class "other". */
static unsigned llm__bpe_uc_class(const unsigned char *p, const unsigned char *end, size_t *n) {
    unsigned c = p[0];
    uint32_t cp;
    size_t k;
    if (c < 0x80) {
        *n = 1;
        return llm__bpe_uc_stage2[c];   /* block 0 holds U+0000..U+007F */
    }
    k = llm__utf8_seq(p, end);
    *n = k ? k : 1;
    if (k == 2) cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    else if (k == 3) cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    else if (k == 4) cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    else return LLM__BPE_UC_OTHER;
    return llm__bpe_uc_stage2[((uint32_t)llm__bpe_uc_stage1[cp >> LLM__BPE_UC_SHIFT] << LLM__BPE_UC_SHIFT) |
                              (cp & LLM__BPE_UC_MASK)];
}

/* The pre-tokenizer: a hand-written matcher for the split regex of each
   encoding, with the same leftmost-first, backtracking result. A cursor
   over text[0..len). */
typedef struct llm__bpe_pretok {
    const unsigned char *s, *end;
} llm__bpe_pretok;

/* Class at p (end: "no character", returned as -1 in a signed int). */
static int llm__bpe_pt_class(const llm__bpe_pretok *t, const unsigned char *p, size_t *n) {
    if (p >= t->end) {
        *n = 0;
        return -1;
    }
    return (int)llm__bpe_uc_class(p, t->end, n);
}

/* Skips the characters whose class is in `set`; returns the end. */
static const unsigned char *llm__bpe_pt_skip(const llm__bpe_pretok *t, const unsigned char *p, unsigned set) {
    size_t n;
    int c;
    while ((c = llm__bpe_pt_class(t, p, &n)) >= 0 && LLM__BPE_UC_IS((unsigned)c, set)) p += n;
    return p;
}

/* (?i:'s|'t|'re|'ve|'m|'ll|'d) at p: its length, or 0. Case folding makes
   's' match U+017F LATIN SMALL LETTER LONG S too. */
static size_t llm__bpe_pt_contraction(const llm__bpe_pretok *t, const unsigned char *p) {
    size_t left = (size_t)(t->end - p);
    unsigned a, b;
    if (left < 2 || p[0] != '\'') return 0;
    a = p[1] | 0x20u;
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
    if (p[1] == 0xC5 && left >= 3 && p[2] == 0xBF) return 3;   /* U+017F */
    if (left < 3) return 0;
    b = p[2] | 0x20u;
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
    return 0;
}

/* The whitespace alternatives shared by both encodings, at a whitespace
   character: \s*[\r\n]+ | \s+(?!\S) | \s+ */
static const unsigned char *llm__bpe_pt_space(const llm__bpe_pretok *t, const unsigned char *p) {
    const unsigned char *q = p, *last = p, *newline = NULL;
    size_t n;
    while (llm__bpe_pt_class(t, q, &n) == LLM__BPE_UC_WS) {
        if (*q == '\r' || *q == '\n') newline = q;
        last = q;
        q += n;
    }
    if (newline) return newline + 1;        /* \s*[\r\n]+ (the last newline ends it) */
    if (q == t->end || last == p) return q; /* \s+(?!\S) at the end, or \s+ */
    return last;                            /* \s+(?!\S): leave one for the next piece */
}

/* ` ?[^\s\p{L}\p{N}]+` then any of `tail` (\r\n, and '/' for o200k); NULL when
   it does not match at p. */
static const unsigned char *llm__bpe_pt_punct(const llm__bpe_pretok *t, const unsigned char *p, bool slash) {
    const unsigned char *q = p;
    size_t n;
    int c;
    if (*q == ' ') q++;
    c = llm__bpe_pt_class(t, q, &n);
    if (c < 0 || !LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_PUNCT)) return NULL;
    q = llm__bpe_pt_skip(t, q, LLM__BPE_UC_PUNCT);
    while (q < t->end && (*q == '\r' || *q == '\n' || (slash && *q == '/'))) q++;
    return q;
}

/* \p{N}{1,3} */
static const unsigned char *llm__bpe_pt_digits(const llm__bpe_pretok *t, const unsigned char *p) {
    size_t n;
    int i;
    for (i = 0; i < 3 && llm__bpe_pt_class(t, p, &n) == LLM__BPE_UC_N; i++) p += n;
    return p;
}

/* cl100k_base: (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
   ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
static const unsigned char *llm__bpe_pt_cl100k(const llm__bpe_pretok *t, const unsigned char *p) {
    size_t n, n2;
    int c = llm__bpe_pt_class(t, p, &n), c2;
    const unsigned char *q;
    if (*p == '\'' && (n2 = llm__bpe_pt_contraction(t, p)) != 0) return p + n2;
    if (LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_L)) return llm__bpe_pt_skip(t, p + n, LLM__BPE_UC_L);
    if (*p != '\r' && *p != '\n' && c != LLM__BPE_UC_N) {
        c2 = llm__bpe_pt_class(t, p + n, &n2);
        if (c2 >= 0 && LLM__BPE_UC_IS((unsigned)c2, LLM__BPE_UC_L))
            return llm__bpe_pt_skip(t, p + n + n2, LLM__BPE_UC_L);
    }
    if (c == LLM__BPE_UC_N) return llm__bpe_pt_digits(t, p);
    if ((q = llm__bpe_pt_punct(t, p, false)) != NULL) return q;
    if (c == LLM__BPE_UC_WS) return llm__bpe_pt_space(t, p);
    return p + n;   /* not reached: every character is in one class above */
}

/* o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+ from p
   (alt 1) or [...upper...]+[...lower...]* (alt 2); NULL when it fails. */
static const unsigned char *llm__bpe_pt_case_run(const llm__bpe_pretok *t, const unsigned char *p, int alt) {
    const unsigned char *q = p, *last_lower = NULL;
    size_t n;
    int c;
    while ((c = llm__bpe_pt_class(t, q, &n)) >= 0 && LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_UPPER)) {
        if (LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_LOWER)) last_lower = q;
        q += n;
    }
    if (alt == 2) return q == p ? NULL : llm__bpe_pt_skip(t, q, LLM__BPE_UC_LOWER);
    if (c >= 0 && LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_LOWER)) return llm__bpe_pt_skip(t, q, LLM__BPE_UC_LOWER);
    /* backtrack: the upper run gives back characters until one is also "lower" */
    return last_lower ? llm__bpe_pt_skip(t, last_lower, LLM__BPE_UC_LOWER) : NULL;
}

/* [^\r\n\p{L}\p{N}]? then llm__bpe_pt_case_run, then (?i:'s|...)? */
static const unsigned char *llm__bpe_pt_o200k_word(const llm__bpe_pretok *t, const unsigned char *p, int c, size_t n) {
    const unsigned char *starts[2], *q = NULL;
    int count = 0, alt, i;
    if (*p != '\r' && *p != '\n' && !LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_L) && c != LLM__BPE_UC_N)
        starts[count++] = p + n;
    if (LLM__BPE_UC_IS((unsigned)c, LLM__BPE_UC_UPPER | LLM__BPE_UC_LOWER)) starts[count++] = p;
    for (alt = 1; alt <= 2 && !q; alt++)
        for (i = 0; i < count && !q; i++) q = llm__bpe_pt_case_run(t, starts[i], alt);
    return q ? q + llm__bpe_pt_contraction(t, q) : NULL;
}

/* o200k_base: [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...)?|
   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)?|
   \p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
static const unsigned char *llm__bpe_pt_o200k(const llm__bpe_pretok *t, const unsigned char *p) {
    size_t n;
    int c = llm__bpe_pt_class(t, p, &n);
    const unsigned char *q;
    if ((q = llm__bpe_pt_o200k_word(t, p, c, n)) != NULL) return q;
    if (c == LLM__BPE_UC_N) return llm__bpe_pt_digits(t, p);
    if ((q = llm__bpe_pt_punct(t, p, true)) != NULL) return q;
    if (c == LLM__BPE_UC_WS) return llm__bpe_pt_space(t, p);
    return p + n;
}

/* ---- the vocabulary ---- */

#define LLM__BPE_RANK_BITS 18u          /* ranks < 262144: both encodings fit */
#define LLM__BPE_RANK_MASK ((1u << LLM__BPE_RANK_BITS) - 1)
#define LLM__BPE_NONE 0xFFFFFFFFu
#define LLM__BPE_MAX_TOKEN 128u         /* no token of cl100k/o200k is longer */
#define LLM__BPE_SMALL 128u             /* pieces up to this length merge on the stack */
#ifndef LLM__BPE_LINEAR
#define LLM__BPE_LINEAR 24u             /* ... and up to this one by linear scans */
#endif
#if defined(__GNUC__) || defined(__clang__)
#define LLM__BPE_PREFETCH(p) __builtin_prefetch(p)
#else
#define LLM__BPE_PREFETCH(p) ((void)(p))
#endif

typedef struct llm__bpe_special {
    llm_encoding encoding;
    const char *text;
    uint32_t id;
} llm__bpe_special;

static const llm__bpe_special llm__bpe_specials[] = {
    {LLM_ENCODING_CL100K_BASE, "<|endoftext|>", 100257},
    {LLM_ENCODING_CL100K_BASE, "<|fim_prefix|>", 100258},
    {LLM_ENCODING_CL100K_BASE, "<|fim_middle|>", 100259},
    {LLM_ENCODING_CL100K_BASE, "<|fim_suffix|>", 100260},
    {LLM_ENCODING_CL100K_BASE, "<|endofprompt|>", 100276},
    {LLM_ENCODING_O200K_BASE, "<|endoftext|>", 199999},
    {LLM_ENCODING_O200K_BASE, "<|endofprompt|>", 200018},
};

static size_t llm__bpe_expected_ranks(llm_encoding e) {
    return e == LLM_ENCODING_CL100K_BASE ? 100256 : e == LLM_ENCODING_O200K_BASE ? 199998 : 0;
}

/* One slot of the rank hash table: the token's first 8 bytes inline, so a
   lookup of a short token touches one cache line. */
typedef struct llm__bpe_slot {
    uint64_t head;      /* the first min(n, 8) bytes, the rest zero */
    uint32_t rank;      /* rank + 1; 0 = empty slot */
    uint32_t check;     /* length | 24 more bits of the hash << 8 */
} llm__bpe_slot;

/* The mask that keeps the first n (1..8) bytes of a 64-bit load. */
static uint64_t llm__bpe_first_bytes(size_t n) {
    const uint32_t one = 1;
    unsigned char little;
    memcpy(&little, &one, 1);
    if (n >= 8) return ~(uint64_t)0;
    return little ? ((uint64_t)1 << (8 * n)) - 1 : ~(uint64_t)0 << (64 - 8 * n);
}

/* Hash of a token of n bytes whose masked first 8 bytes are `head`; reads
   p[8..n) only. */
static uint64_t llm__bpe_hash(uint64_t head, const unsigned char *p, size_t n) {
    uint64_t h = (head ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    if (n > 8) {
        size_t i;
        for (i = 8; i + 8 < n; i += 8) h = (h ^ (h >> 31) ^ llm__load64(p + i)) * 0x94D049BB133111EBull;
        h = (h ^ (h >> 31) ^ llm__load64(p + n - 8)) * 0x94D049BB133111EBull;
    }
    return h ^ (h >> 32);
}

/* The rank of the token p[0..n), or LLM__BPE_NONE. p[0..8) must be
   readable even when n < 8 (callers pad short pieces). */
static uint32_t llm__bpe_rank(const llm_bpe *bpe, const unsigned char *p, size_t n) {
    const llm__bpe_slot *slots = (const llm__bpe_slot *)bpe->table_;
    uint64_t head, h;
    uint32_t check;
    size_t i;
    if (n == 1) return bpe->byte_rank_[p[0]];
    if (n == 2) return bpe->pair_rank_[(unsigned)p[0] << 8 | p[1]];
    if (n > LLM__BPE_MAX_TOKEN) return LLM__BPE_NONE;
    head = llm__load64(p) & llm__bpe_first_bytes(n);
    h = llm__bpe_hash(head, p, n);
    i = (size_t)(h >> 32) & bpe->filter_mask_;
    if (!(bpe->filter_[i >> 6] >> (i & 63) & 1)) return LLM__BPE_NONE;
    check = (uint32_t)n | (uint32_t)(h >> 40) << 8;
    for (i = (size_t)h & bpe->table_mask_; slots[i].rank; i = (i + 1) & bpe->table_mask_) {
        const llm__bpe_slot *e = &slots[i];
        if (e->check == check && e->head == head &&
            (n <= 8 || memcmp(bpe->bytes_ + bpe->offset_[e->rank - 1] + 8, p + 8, n - 8) == 0))
            return e->rank - 1;
    }
    return LLM__BPE_NONE;
}

/* Inserts rank r; false when the same bytes are already there. */
static bool llm__bpe_insert(llm_bpe *bpe, uint32_t r) {
    llm__bpe_slot *slots = (llm__bpe_slot *)bpe->table_;
    const unsigned char *p = bpe->bytes_ + bpe->offset_[r];
    size_t n = bpe->length_[r], i;
    uint64_t head = llm__load64(p) & llm__bpe_first_bytes(n), h = llm__bpe_hash(head, p, n);
    uint32_t check = (uint32_t)n | (uint32_t)(h >> 40) << 8;
    for (i = (size_t)h & bpe->table_mask_; slots[i].rank; i = (i + 1) & bpe->table_mask_) {
        const llm__bpe_slot *e = &slots[i];
        if (e->check == check && e->head == head &&
            (n <= 8 || memcmp(bpe->bytes_ + bpe->offset_[e->rank - 1] + 8, p + 8, n - 8) == 0))
            return false;
    }
    slots[i].head = head;
    slots[i].rank = r + 1;
    slots[i].check = check;
    i = (size_t)(h >> 32) & bpe->filter_mask_;
    bpe->filter_[i >> 6] |= (uint64_t)1 << (i & 63);
    return true;
}

/* 0..63 for a base64 digit, 64 for '=', 255 otherwise. */
static unsigned llm__bpe_b64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return c == '=' ? 64 : 255;
}

/* Decodes base64 s[0..n) (padded, n a multiple of 4) into out; returns the
   byte count, or (size_t)-1 when it is not valid base64. */
static size_t llm__bpe_b64_decode(const unsigned char *s, size_t n, unsigned char *out) {
    size_t i, o = 0;
    if (n == 0 || n % 4) return (size_t)-1;
    for (i = 0; i < n; i += 4) {
        unsigned v[4], k, pad = 0;
        for (k = 0; k < 4; k++) {
            v[k] = llm__bpe_b64_value(s[i + k]);
            if (v[k] == 255 || (v[k] == 64 && (i + 4 < n || k < 2))) return (size_t)-1;
            if (v[k] == 64) pad++;
            else if (pad) return (size_t)-1;   /* data after '=' */
            if (v[k] == 64) v[k] = 0;
        }
        out[o++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
        if (pad < 2) out[o++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
        if (pad < 1) out[o++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
    }
    return o;
}

/* One line of the file: base64, one space, a decimal rank, LF (the last LF
   may be missing). Fills the token bytes at out; returns false with a
   message for a malformed line. */
typedef struct llm__bpe_line {
    const unsigned char *b64;
    size_t b64_len;
    uint32_t rank;
    const unsigned char *next;
} llm__bpe_line;

static bool llm__bpe_split_line(const unsigned char *p, const unsigned char *end, llm__bpe_line *line) {
    const unsigned char *sp = p, *q;
    uint64_t rank = 0;
    while (sp < end && *sp != ' ' && *sp != '\n') sp++;
    if (sp >= end || *sp != ' ' || sp == p) return false;
    for (q = sp + 1; q < end && *q >= '0' && *q <= '9'; q++) {
        rank = rank * 10 + (uint64_t)(*q - '0');
        if (rank > LLM__BPE_RANK_MASK) return false;
    }
    if (q == sp + 1 || (q < end && *q != '\n')) return false;
    line->b64 = p;
    line->b64_len = (size_t)(sp - p);
    line->rank = (uint32_t)rank;
    line->next = q < end ? q + 1 : q;
    return true;
}

/* First pass: counts lines and the bytes they decode to, checking shape. */
static llm_result llm__bpe_measure(const unsigned char *p, const unsigned char *end, size_t *lines, size_t *bytes,
                                   llm_error *err) {
    llm__bpe_line line;
    *lines = *bytes = 0;
    while (p < end) {
        if (!llm__bpe_split_line(p, end, &line) || line.b64_len % 4 || line.b64_len / 4 * 3 > LLM__BPE_MAX_TOKEN + 2)
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary line %z: expected \"base64 rank\"", *lines + 1);
        *bytes += line.b64_len / 4 * 3;
        (*lines)++;
        p = line.next;
    }
    return LLM_OK;
}

static llm_result llm__bpe_alloc(llm_bpe *bpe, size_t ranks, size_t bytes) {
    size_t slots = 1024;
    while (slots < ranks * 2) slots *= 2;
    bpe->bytes_size_ = bytes;
    bpe->table_mask_ = slots - 1;
    bpe->bytes_ = (unsigned char *)llm__alloc(&bpe->alloc_, bytes + 8);
    bpe->offset_ = (uint32_t *)llm__alloc(&bpe->alloc_, ranks * sizeof(uint32_t));
    bpe->length_ = (uint16_t *)llm__alloc(&bpe->alloc_, ranks * sizeof(uint16_t));
    bpe->table_ = llm__alloc(&bpe->alloc_, slots * sizeof(llm__bpe_slot));
    bpe->pair_rank_ = (uint32_t *)llm__alloc(&bpe->alloc_, 65536 * sizeof(uint32_t));
    bpe->filter_mask_ = slots * 4 - 1;   /* ~10 bits per token */
    bpe->filter_ = (uint64_t *)llm__alloc(&bpe->alloc_, slots / 16 * sizeof(uint64_t));
    bpe->memory = bytes + 8 + ranks * (sizeof(uint32_t) + sizeof(uint16_t)) + slots * sizeof(llm__bpe_slot) +
                  65536 * sizeof(uint32_t) + slots / 16 * sizeof(uint64_t);
    if (!bpe->bytes_ || !bpe->offset_ || !bpe->length_ || !bpe->table_ || !bpe->pair_rank_ || !bpe->filter_)
        return LLM_ERR_NO_MEMORY;
    memset(bpe->filter_, 0, slots / 16 * sizeof(uint64_t));
    memset(bpe->pair_rank_, 0xFF, 65536 * sizeof(uint32_t));
    memset(bpe->table_, 0, slots * sizeof(llm__bpe_slot));
    memset(bpe->bytes_, 0, bytes + 8);   /* and padding: 8-byte loads at any token */
    memset(bpe->length_, 0, ranks * sizeof(uint16_t));   /* 0 = rank not seen yet */
    return LLM_OK;
}

/* Inserts every rank into the hash table, prefetching the slots a few
   ranks ahead (the table is bigger than the caches: each insert misses). */
static llm_result llm__bpe_index(llm_bpe *bpe, llm_error *err) {
    const llm__bpe_slot *slots = (const llm__bpe_slot *)bpe->table_;
    size_t r, ahead = 16;
    for (r = 0; r < bpe->rank_count; r++) {
        if (r + ahead < bpe->rank_count) {
            const unsigned char *q = bpe->bytes_ + bpe->offset_[r + ahead];
            size_t n = bpe->length_[r + ahead];
            uint64_t h = llm__bpe_hash(llm__load64(q) & llm__bpe_first_bytes(n), q, n);
            LLM__BPE_PREFETCH(&slots[(size_t)h & bpe->table_mask_]);
        }
        if (!llm__bpe_insert(bpe, (uint32_t)r))
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary has a duplicate token (rank %u)", (unsigned)r);
    }
    return LLM_OK;
}

/* Second pass: decodes every line into place, then indexes the ranks. */
static llm_result llm__bpe_fill(llm_bpe *bpe, const unsigned char *p, const unsigned char *end, llm_error *err) {
    llm__bpe_line line;
    size_t used = 0, lineno = 0, k;
    while (p < end) {
        lineno++;
        llm__bpe_split_line(p, end, &line);
        p = line.next;
        k = llm__bpe_b64_decode(line.b64, line.b64_len, bpe->bytes_ + used);
        if (k == (size_t)-1 || k == 0)
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary line %z: invalid base64", lineno);
        if (k > LLM__BPE_MAX_TOKEN)
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary line %z: token longer than %u bytes", lineno,
                             LLM__BPE_MAX_TOKEN);
        if (line.rank >= bpe->rank_count)
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary line %z: rank %u out of range 0..%z", lineno,
                             (unsigned)line.rank, bpe->rank_count - 1);
        if (bpe->length_[line.rank])
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary line %z: duplicate rank %u", lineno, (unsigned)line.rank);
        bpe->offset_[line.rank] = (uint32_t)used;
        bpe->length_[line.rank] = (uint16_t)k;
        used += k;
        if (k == 1) bpe->byte_rank_[bpe->bytes_[bpe->offset_[line.rank]]] = line.rank;
        if (k == 2) bpe->pair_rank_[(unsigned)bpe->bytes_[used - 2] << 8 | bpe->bytes_[used - 1]] = line.rank;
    }
    if (llm__bpe_index(bpe, err) != LLM_OK) return LLM_ERR_PARSE;
    for (k = 0; k < 256; k++)
        if (bpe->byte_rank_[k] == LLM__BPE_NONE)
            return llm__fail(err, LLM_ERR_PARSE, "vocabulary has no token for the byte %u", (unsigned)k);
    return LLM_OK;
}

LLM_API void llm_bpe_free(llm_bpe *bpe) {
    size_t slots;
    if (!bpe) return;
    slots = bpe->table_ ? bpe->table_mask_ + 1 : 0;
    llm__free(&bpe->alloc_, bpe->bytes_, bpe->bytes_size_ + 8);
    llm__free(&bpe->alloc_, bpe->offset_, bpe->rank_count * sizeof(uint32_t));
    llm__free(&bpe->alloc_, bpe->length_, bpe->rank_count * sizeof(uint16_t));
    llm__free(&bpe->alloc_, bpe->table_, slots * sizeof(llm__bpe_slot));
    llm__free(&bpe->alloc_, bpe->pair_rank_, 65536 * sizeof(uint32_t));
    llm__free(&bpe->alloc_, bpe->filter_, slots / 16 * sizeof(uint64_t));
    memset(bpe, 0, sizeof *bpe);
}

LLM_API llm_result llm_bpe_load(llm_bpe *bpe, llm_encoding encoding, const char *data, size_t len,
                                const llm_allocator *alloc, llm_error *err) {
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    size_t lines, bytes, expected;
    llm_result r;
    LLM_ASSERT(bpe);
    memset(bpe, 0, sizeof *bpe);
    if (!data && len) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "vocabulary data is NULL");
    if ((unsigned)encoding >= (unsigned)LLM__ENCODING_COUNT)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "unknown encoding %d", (int)encoding);
    if ((r = llm__bpe_measure(p, end, &lines, &bytes, err)) != LLM_OK) return r;
    if (encoding == LLM_ENCODING_NONE)
        encoding = lines == 100256 ? LLM_ENCODING_CL100K_BASE : lines == 199998 ? LLM_ENCODING_O200K_BASE : encoding;
    expected = llm__bpe_expected_ranks(encoding);
    if (lines != expected)
        return llm__fail(err, LLM_ERR_PARSE, "vocabulary has %z ranks, %s has %z", lines,
                         encoding ? llm_encoding_name(encoding) : "no known encoding", expected);
    if (alloc) bpe->alloc_ = *alloc;
    bpe->encoding = encoding;
    bpe->rank_count = lines;
    memset(bpe->byte_rank_, 0xFF, sizeof bpe->byte_rank_);
    r = llm__bpe_alloc(bpe, lines, bytes);
    if (r != LLM_OK) r = llm__fail(err, r, "out of memory loading a vocabulary");
    else r = llm__bpe_fill(bpe, p, end, err);
    if (r != LLM_OK) llm_bpe_free(bpe);
    return r;
}

#ifndef LLM_NO_STDIO
#include <stdio.h>
LLM_API llm_result llm_bpe_load_file(llm_bpe *bpe, llm_encoding encoding, const char *path,
                                     const llm_allocator *alloc, llm_error *err) {
    FILE *f;
    long size;
    char *data;
    llm_result r;
    LLM_ASSERT(bpe);
    memset(bpe, 0, sizeof *bpe);
    if (!path || (f = fopen(path, "rb")) == NULL)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "cannot open the vocabulary %s", path ? path : "(null)");
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "cannot read the vocabulary %s", path);
    }
    data = (char *)llm__alloc(alloc, (size_t)size);
    if (!data) {
        fclose(f);
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory reading %s", path);
    }
    if (fread(data, 1, (size_t)size, f) != (size_t)size)
        r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "cannot read %s", path);
    else r = llm_bpe_load(bpe, encoding, data, (size_t)size, alloc, err);
    fclose(f);
    llm__free(alloc, data, (size_t)size);
    return r;
}
#else
LLM_API llm_result llm_bpe_load_file(llm_bpe *bpe, llm_encoding encoding, const char *path,
                                     const llm_allocator *alloc, llm_error *err) {
    (void)encoding, (void)path, (void)alloc;
    if (bpe) memset(bpe, 0, sizeof *bpe);
    return llm__fail(err, LLM_ERR_DISABLED, "built with LLM_NO_STDIO");
}
#endif

/* ---- byte-pair merges ---- */

/* A counting call remembers the token count of the pieces it merged, by
   their bytes in the caller's text (direct-mapped; private to the call). */
typedef struct llm__bpe_memo {
    const unsigned char *piece;
    uint32_t len, count;
} llm__bpe_memo;

/* Where the ids of an encode go: ids[0..cap), and the running count. */
typedef struct llm__bpe_out {
    uint32_t *ids;
    size_t cap, count;
    llm__bpe_memo *memo;       /* counting only; NULL when none */
    size_t memo_mask;
} llm__bpe_out;

static void llm__bpe_emit(llm__bpe_out *out, uint32_t id) {
    if (out->count < out->cap) out->ids[out->count] = id;
    out->count++;
}

/* Merges a piece of at most LLM__BPE_SMALL bytes as tiktoken does: always
   the lowest-ranked adjacent pair, the leftmost of equals. */
static void llm__bpe_merge_small(const llm_bpe *bpe, const unsigned char *piece, size_t n, llm__bpe_out *out) {
    uint32_t start[LLM__BPE_SMALL + 1], rank[LLM__BPE_SMALL + 1], token[LLM__BPE_SMALL + 1];
    unsigned char p[LLM__BPE_SMALL + 8];   /* padded for llm__bpe_rank */
    size_t m = n, i, best;
    memcpy(p, piece, n);
    memset(p + n, 0, 8);
    for (i = 0; i <= n; i++) start[i] = (uint32_t)i;
    for (i = 0; i < n; i++) token[i] = bpe->byte_rank_[p[i]];
    for (i = 0; i + 1 < n; i++) rank[i] = llm__bpe_rank(bpe, p + i, 2);
    while (m > 1) {
        uint32_t min = LLM__BPE_NONE;
        best = 0;
        for (i = 0; i + 1 < m; i++)
            if (rank[i] < min) min = rank[i], best = i;
        if (min == LLM__BPE_NONE) break;
        token[best] = min;
        memmove(start + best + 1, start + best + 2, (m - best - 1) * sizeof start[0]);
        memmove(token + best + 1, token + best + 2, (m - best - 2) * sizeof token[0]);
        memmove(rank + best + 1, rank + best + 2, (m - best - 2) * sizeof rank[0]);
        m--;
        rank[best] = best + 1 < m ? llm__bpe_rank(bpe, p + start[best], start[best + 2] - start[best]) : LLM__BPE_NONE;
        if (best > 0) rank[best - 1] = llm__bpe_rank(bpe, p + start[best - 1], start[best + 1] - start[best - 1]);
    }
    for (i = 0; i < m; i++) llm__bpe_emit(out, token[i]);
}

/* A long piece: the same merges in O(n log n), a linked list of parts and a
   binary heap of (rank << 32 | left part's start), stale entries skipped. */
typedef struct llm__bpe_big {
    uint32_t *next, *prev, *pair;   /* per part start: next part, previous part, rank of (part, next) */
    uint64_t *heap;
    size_t heap_len;
} llm__bpe_big;

static void llm__bpe_heap_push(llm__bpe_big *b, uint64_t v) {
    size_t i = b->heap_len++;
    while (i > 0 && b->heap[(i - 1) / 2] > v) {
        b->heap[i] = b->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    b->heap[i] = v;
}

static uint64_t llm__bpe_heap_pop(llm__bpe_big *b) {
    uint64_t top = b->heap[0], v = b->heap[--b->heap_len];
    size_t i = 0, c;
    while ((c = 2 * i + 1) < b->heap_len) {
        if (c + 1 < b->heap_len && b->heap[c + 1] < b->heap[c]) c++;
        if (b->heap[c] >= v) break;
        b->heap[i] = b->heap[c];
        i = c;
    }
    b->heap[i] = v;
    return top;
}

/* Recomputes the rank of the pair that starts at part k and queues it. */
static void llm__bpe_big_pair(const llm_bpe *bpe, llm__bpe_big *b, const unsigned char *p, uint32_t n, uint32_t k) {
    uint32_t right = b->next[k], end;
    b->pair[k] = LLM__BPE_NONE;
    if (right >= n) return;
    end = b->next[right];
    b->pair[k] = llm__bpe_rank(bpe, p + k, end - k);
    if (b->pair[k] != LLM__BPE_NONE) llm__bpe_heap_push(b, (uint64_t)b->pair[k] << 32 | k);
}

static void llm__bpe_merge_big(const llm_bpe *bpe, llm__bpe_big *b, const unsigned char *p, uint32_t n,
                               llm__bpe_out *out) {
    uint32_t k;
    for (k = 0; k < n; k++) {
        b->next[k] = k + 1;
        b->prev[k] = k ? k - 1 : LLM__BPE_NONE;
    }
    b->heap_len = 0;
    for (k = 0; k < n; k++) llm__bpe_big_pair(bpe, b, p, n, k);
    while (b->heap_len) {
        uint64_t top = llm__bpe_heap_pop(b);
        uint32_t left = (uint32_t)top, rank = (uint32_t)(top >> 32), right;
        if (b->next[left] == LLM__BPE_NONE || b->pair[left] != rank) continue;   /* stale */
        right = b->next[left];
        b->next[left] = b->next[right];
        if (b->next[right] < n) b->prev[b->next[right]] = left;
        b->next[right] = LLM__BPE_NONE;   /* right is gone */
        llm__bpe_big_pair(bpe, b, p, n, left);
        if (b->prev[left] != LLM__BPE_NONE) llm__bpe_big_pair(bpe, b, p, n, b->prev[left]);
    }
    for (k = 0; k < n; k = b->next[k]) llm__bpe_emit(out, llm__bpe_rank(bpe, p + k, b->next[k] - k));
}

static llm_result llm__bpe_piece_big(const llm_bpe *bpe, const unsigned char *p, size_t n, llm__bpe_out *out,
                                     llm_error *err) {
    llm__bpe_big b;
    size_t words = n * 3, heap = n * 3, size;
    unsigned char *mem, *copy;
    if (n >= 0xFFFFFFFFu / 8) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "a piece of %z bytes is too long", n);
    size = heap * sizeof(uint64_t) + words * sizeof(uint32_t) + n + 8;
    mem = (unsigned char *)llm__alloc(&bpe->alloc_, size);
    if (!mem) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory merging a piece of %z bytes", n);
    b.heap = (uint64_t *)(void *)mem;
    b.next = (uint32_t *)(void *)(b.heap + heap);
    b.prev = b.next + n;
    b.pair = b.prev + n;
    copy = (unsigned char *)(b.pair + n);   /* the piece, padded for llm__bpe_rank */
    memcpy(copy, p, n);
    memset(copy + n, 0, 8);
    llm__bpe_merge_big(bpe, &b, copy, (uint32_t)n, out);
    llm__free(&bpe->alloc_, mem, size);
    return LLM_OK;
}

/* Merges a piece that is not one token: short ones by linear scans, longer
   ones through the heap (on the stack up to LLM__BPE_SMALL bytes). */
static llm_result llm__bpe_merge(const llm_bpe *bpe, const unsigned char *p, size_t n, llm__bpe_out *out,
                                 llm_error *err) {
    if (n <= LLM__BPE_LINEAR) {
        llm__bpe_merge_small(bpe, p, n, out);
    } else if (n <= LLM__BPE_SMALL) {
        uint32_t links[3 * (LLM__BPE_SMALL + 1)];
        uint64_t heap[3 * LLM__BPE_SMALL];
        unsigned char copy[LLM__BPE_SMALL + 8];
        llm__bpe_big b;
        b.heap = heap;
        b.next = links;
        b.prev = links + n;
        b.pair = links + 2 * n;
        memcpy(copy, p, n);
        memset(copy + n, 0, 8);
        llm__bpe_merge_big(bpe, &b, copy, (uint32_t)n, out);
    } else {
        return llm__bpe_piece_big(bpe, p, n, out, err);
    }
    return LLM_OK;
}

/* Counting a piece that needs merges: from the memo when the same bytes
   were merged before in this call. */
static llm_result llm__bpe_piece_memo(const llm_bpe *bpe, const unsigned char *p, size_t n, llm__bpe_out *out,
                                      llm_error *err) {
    uint64_t head = 0;
    llm__bpe_memo *m;
    size_t before = out->count;
    llm_result r = LLM_OK;
    memcpy(&head, p, n < 8 ? n : 8);
    m = &out->memo[(size_t)llm__bpe_hash(head, p, n) & out->memo_mask];
    if (m->len == n && memcmp(m->piece, p, n) == 0) {
        out->count += m->count;
        return LLM_OK;
    }
    r = llm__bpe_merge(bpe, p, n, out, err);
    if (r == LLM_OK && n <= 0xFFFFFFFFu && out->count - before <= 0xFFFFFFFFu) {
        m->piece = p;
        m->len = (uint32_t)n;
        m->count = (uint32_t)(out->count - before);
    }
    return r;
}

/* A piece p[0..n) of a text that ends at `end`. */
static llm_result llm__bpe_piece(const llm_bpe *bpe, const unsigned char *p, size_t n, const unsigned char *end,
                                 llm__bpe_out *out, llm_error *err) {
    unsigned char pad[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uint32_t r;
    if (n < 8 && (size_t)(end - p) < 8) {
        memcpy(pad, p, n);
        r = llm__bpe_rank(bpe, pad, n);
    } else {
        r = llm__bpe_rank(bpe, p, n);
    }
    if (r != LLM__BPE_NONE) {
        llm__bpe_emit(out, r);
        return LLM_OK;
    }
    if (out->memo) return llm__bpe_piece_memo(bpe, p, n, out, err);
    return llm__bpe_merge(bpe, p, n, out, err);
}

/* Ordinary text: split into pieces, merge each. */
static llm_result llm__bpe_ordinary(const llm_bpe *bpe, const unsigned char *s, size_t len, llm__bpe_out *out,
                                    llm_error *err) {
    llm__bpe_pretok t;
    const unsigned char *p = s, *q;
    bool o200k = bpe->encoding == LLM_ENCODING_O200K_BASE;
    llm_result r;
    t.s = s;
    t.end = s + len;
    while (p < t.end) {
        q = o200k ? llm__bpe_pt_o200k(&t, p) : llm__bpe_pt_cl100k(&t, p);
        if ((r = llm__bpe_piece(bpe, p, (size_t)(q - p), t.end, out, err)) != LLM_OK) return r;
        p = q;
    }
    return LLM_OK;
}

/* The special token whose text starts at p, or NULL. */
static const llm__bpe_special *llm__bpe_special_at(const llm_bpe *bpe, const unsigned char *p, size_t left) {
    size_t i, n;
    for (i = 0; i < sizeof llm__bpe_specials / sizeof llm__bpe_specials[0]; i++) {
        if (llm__bpe_specials[i].encoding != bpe->encoding) continue;
        n = strlen(llm__bpe_specials[i].text);
        if (n <= left && memcmp(p, llm__bpe_specials[i].text, n) == 0) return &llm__bpe_specials[i];
    }
    return NULL;
}

static llm_result llm__bpe_check(const llm_bpe *bpe, const char *text, size_t len, llm_error *err) {
    if (!bpe || !bpe->table_) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no vocabulary loaded");
    if (!text && len) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "text is NULL");
    return LLM_OK;
}

LLM_API llm_result llm_bpe_encode(const llm_bpe *bpe, const char *text, size_t len, unsigned flags,
                                  uint32_t *ids, size_t cap, size_t *count, llm_error *err) {
    const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s, *q;
    llm__bpe_out out;
    llm_result r = llm__bpe_check(bpe, text, len, err);
    size_t memo_size = 0;
    out.ids = ids;
    out.cap = ids ? cap : 0;
    out.count = 0;
    out.memo = NULL;
    out.memo_mask = 0;
    if (!ids && !cap && r == LLM_OK && len >= 1024) {   /* counting a text worth a memo (best effort) */
        for (memo_size = 256; memo_size < 16384 && memo_size < len / 16; memo_size *= 2) continue;
        out.memo = (llm__bpe_memo *)llm__alloc(&bpe->alloc_, memo_size * sizeof(llm__bpe_memo));
        if (out.memo) memset(out.memo, 0, memo_size * sizeof(llm__bpe_memo));
        out.memo_mask = memo_size - 1;
    }
    while (r == LLM_OK && p < end) {
        const llm__bpe_special *sp = NULL;
        q = p;
        if (flags & LLM_BPE_ALLOW_SPECIAL)
            for (; q < end; q++)
                if (*q == '<' && (sp = llm__bpe_special_at(bpe, q, (size_t)(end - q))) != NULL) break;
        if (!(flags & LLM_BPE_ALLOW_SPECIAL)) q = end;
        r = llm__bpe_ordinary(bpe, p, (size_t)(q - p), &out, err);
        p = q;
        if (sp) {
            llm__bpe_emit(&out, sp->id);
            p += strlen(sp->text);
        }
    }
    if (out.memo) llm__free(&bpe->alloc_, out.memo, memo_size * sizeof(llm__bpe_memo));
    if (count) *count = out.count;
    if (r == LLM_OK && out.count > out.cap && (ids || cap))
        r = llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "%z ids do not fit in %z", out.count, cap);
    return r;
}

LLM_API llm_result llm_bpe_count(const llm_bpe *bpe, const char *text, size_t len, size_t *count, llm_error *err) {
    return llm_bpe_encode(bpe, text, len, 0, NULL, 0, count, err);
}

LLM_API llm_result llm_bpe_decode(const llm_bpe *bpe, const uint32_t *ids, size_t n, char *out, size_t cap,
                                  size_t *len, llm_error *err) {
    size_t i, j, used = 0, k;
    const unsigned char *src;
    llm_result r = llm__bpe_check(bpe, "", 0, err);
    if (r != LLM_OK) return r;
    for (i = 0; i < n; i++) {
        src = NULL;
        if (ids[i] < bpe->rank_count) {
            src = bpe->bytes_ + bpe->offset_[ids[i]];
            k = bpe->length_[ids[i]];
        } else {
            for (j = 0; j < sizeof llm__bpe_specials / sizeof llm__bpe_specials[0]; j++)
                if (llm__bpe_specials[j].encoding == bpe->encoding && llm__bpe_specials[j].id == ids[i])
                    src = (const unsigned char *)llm__bpe_specials[j].text, k = strlen(llm__bpe_specials[j].text);
            if (!src)
                return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "id %u (index %z) is no token", (unsigned)ids[i], i);
        }
        if (out && used + k <= cap) memcpy(out + used, src, k);
        used += k;
    }
    if (len) *len = used;
    if (used > cap && (out || cap))
        return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "%z bytes do not fit in %z", used, cap);
    return LLM_OK;
}

#else /* LLM_NO_BPE */

LLM_API llm_result llm_bpe_load(llm_bpe *bpe, llm_encoding encoding, const char *data, size_t len,
                                const llm_allocator *alloc, llm_error *err) {
    (void)encoding, (void)data, (void)len, (void)alloc;
    if (bpe) memset(bpe, 0, sizeof *bpe);
    return llm__fail(err, LLM_ERR_DISABLED, "built with LLM_NO_BPE");
}
LLM_API llm_result llm_bpe_load_file(llm_bpe *bpe, llm_encoding encoding, const char *path,
                                     const llm_allocator *alloc, llm_error *err) {
    (void)path;
    return llm_bpe_load(bpe, encoding, NULL, 0, alloc, err);
}
LLM_API void llm_bpe_free(llm_bpe *bpe) {
    if (bpe) memset(bpe, 0, sizeof *bpe);
}
LLM_API llm_result llm_bpe_count(const llm_bpe *bpe, const char *text, size_t len, size_t *count, llm_error *err) {
    (void)bpe, (void)text, (void)len;
    if (count) *count = 0;
    return llm__fail(err, LLM_ERR_DISABLED, "built with LLM_NO_BPE");
}
LLM_API llm_result llm_bpe_encode(const llm_bpe *bpe, const char *text, size_t len, unsigned flags,
                                  uint32_t *ids, size_t cap, size_t *count, llm_error *err) {
    (void)flags, (void)ids, (void)cap;
    return llm_bpe_count(bpe, text, len, count, err);
}
LLM_API llm_result llm_bpe_decode(const llm_bpe *bpe, const uint32_t *ids, size_t n, char *out, size_t cap,
                                  size_t *len, llm_error *err) {
    (void)bpe, (void)ids, (void)n, (void)out, (void)cap;
    if (len) *len = 0;
    return llm__fail(err, LLM_ERR_DISABLED, "built with LLM_NO_BPE");
}

#endif /* LLM_NO_BPE */

/* ---- the estimator: no vocabulary ---- */

/* ------------------------------------------------------------------------ */
// >>tokens: the estimator, chat and tool overhead, trimming
/* ------------------------------------------------------------------------ */

/* Features of a text, counted byte by byte through one table
   (llm__tokens_class): 0 word starts (an ASCII letter after a non-letter),
   1 ASCII letters, 2 letters past the 6th of a word, 3 digits, 4 ASCII
   punctuation, 5 spaces, 6 other ASCII whitespace and controls, 7 non-ASCII
   run starts (a lead byte after an ASCII byte), then UTF-8 lead bytes by
   range: 8 C2-CF (Latin, Greek, marks), 9 D0-D7 (Cyrillic, Armenian,
   Hebrew), 10 D8-DF (Arabic), 11 E0 (Indic, Thai), 12 E1-E2 (punctuation,
   symbols), 13 E3 (kana, CJK punctuation), 14 E4-E9 (CJK ideographs),
   15 EA-ED (Hangul), 16 EE-EF (fullwidth, private use), 17 F0-F4 (emoji,
   rare scripts), 18 continuation and invalid bytes. */
#define LLM__TOKENS_FEATURES 19

static const unsigned char llm__tokens_class[256] = {
    6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,
    6,  6,  6,  5,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
    4,  4,  4,  4,  4,  4,  4,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
    1,  1,  1,  1,  4,  4,  4,  4,  4,  4,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
    1,  1,  1,  1,  1,  1,  1,  4,  4,  4,  4,  6,  18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 8,  8,  8,  8,  8,  8,  8,  8,  8,
    8,  8,  8,  8,  8,  9,  9,  9,  9,  9,  9,  9,  9,  10, 10, 10, 10, 10, 10, 10, 10, 11, 12, 12, 13, 14, 14, 14, 14,
    14, 14, 15, 15, 15, 15, 16, 16, 17, 17, 17, 17, 17, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
};

/* Eight bytes as a little-endian number (compilers make it one load). */
static uint64_t llm__tokens_load64_le(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Number of bytes whose high bit is set in m (m has only high bits). */
static size_t llm__tokens_count_highs(uint64_t m) { return (size_t)(((m >> 7) * LLM__ONES) >> 56); }

/* High bit of each byte of x that lies in [lo, hi] (any byte values). */
static uint64_t llm__tokens_bytes_in(uint64_t x, unsigned lo, unsigned hi) {
    uint64_t low7 = x & ~LLM__HIGHS;
    uint64_t ge = low7 + LLM__ONES * (0x80 - lo), gt = low7 + LLM__ONES * (0x7F - hi);
    return ge & ~gt & ~x & LLM__HIGHS;
}

/* One 8-byte word of llm__tokens_features. Letter starts and the letters past
   a word's 6th come from masks (shifts toward the following byte); the
   class histogram from masks for an ASCII word, else byte by byte. */
static void llm__tokens_word(const unsigned char *p, size_t *h, uint64_t *lprev, size_t *starts, size_t *tail,
                          size_t *runs, unsigned *last) {
    uint64_t x = llm__tokens_load64_le(p), y = x | LLM__ONES * 0x20;
    uint64_t L = llm__tokens_bytes_in(y, 'a', 'z') & ~(x & LLM__HIGHS), t = L, prev = *lprev;
    int k;
    *starts += llm__tokens_count_highs(L & ~(L << 8 | prev >> 56));
    for (k = 1; k <= 6; k++) t &= L << (8 * k) | prev >> (64 - 8 * k);
    *tail += llm__tokens_count_highs(t);
    *lprev = L;
    if (!(x & LLM__HIGHS)) {
        uint64_t d = llm__tokens_bytes_in(x, '0', '9'), sp = llm__tokens_bytes_in(x, ' ', ' ');
        uint64_t c = llm__tokens_bytes_in(x, 0, 0x1F) | llm__tokens_bytes_in(x, 0x7F, 0x7F);
        size_t nl = llm__tokens_count_highs(L), nd = llm__tokens_count_highs(d), ns = llm__tokens_count_highs(sp),
               nc = llm__tokens_count_highs(c);
        h[1] += nl, h[3] += nd, h[5] += ns, h[6] += nc, h[4] += 8 - nl - nd - ns - nc;
        *last = 4;
        return;
    }
    for (k = 0; k < 8; k++) {
        unsigned c = llm__tokens_class[p[k]];
        h[c]++;
        *runs += (c >= 8 && c < 18) & (*last < 8);
        *last = c;
    }
}

/* Counts the features of s[0..len) into f, eight bytes at a time. */
static void llm__tokens_features(const unsigned char *s, size_t len, double *f) {
    size_t h[LLM__TOKENS_FEATURES], i, k, starts = 0, tail = 0, runs = 0;
    uint64_t lprev = 0;
    unsigned last = 0;
    unsigned char pad[8];
    memset(h, 0, sizeof h);
    for (i = 0; i + 8 <= len; i += 8) llm__tokens_word(s + i, h, &lprev, &starts, &tail, &runs, &last);
    if (i < len) {   /* the last bytes, padded with NULs that are then taken out */
        memset(pad, 0, sizeof pad);
        memcpy(pad, s + i, len - i);
        llm__tokens_word(pad, h, &lprev, &starts, &tail, &runs, &last);
        h[6] -= 8 - (len - i);
    }
    for (k = 0; k < LLM__TOKENS_FEATURES; k++) f[k] = (double)h[k];
    f[0] = (double)starts;
    f[2] = (double)tail;
    f[7] = (double)runs;
}

/* >>estimator-weights begin: generated by tools/calibrate_estimator.py; do not edit.
   [0] o200k_base, [1] cl100k_base; feature order of llm__tokens_features. */
static const double llm__tokens_weights[2][LLM__TOKENS_FEATURES] = {
    {1.53946, -0.0945208, 0.583151, 0.383321, 0.388192, -0.1674, 0.383344, 0.929748, 0.790882, -0.363758, -0.4448,
     -1.01813, 0.00225482, -0.411402, -0.360683, -0.535654, 3.40925, -0.52252, 0.586107},
    {1.64836, -0.146601, 0.66793, 0.389287, 0.401711, -0.126701, 0.639789, 1.24209, 0.769206, -0.404095, -0.181084,
     -0.536367, -0.395619, -0.498953, -0.495265, -0.600627, 2.73988, 0.0478914, 0.753832},
};
/* >>estimator-weights end */

LLM_API size_t llm_tokens_estimate(const char *text, size_t len, const char *model) {
    double f[LLM__TOKENS_FEATURES], t = 0;
    const double *w = llm__tokens_weights[llm_encoding_for_model(model) == LLM_ENCODING_CL100K_BASE ? 1 : 0];
    size_t k;
    if (!text || !len) return 0;
    llm__tokens_features((const unsigned char *)text, len, f);
    for (k = 0; k < LLM__TOKENS_FEATURES; k++) t += w[k] * f[k];
    return t < 1 ? 1 : (size_t)(t + 0.5);
}

/* ---- chat requests: OpenAI's cookbook rules ---- */

typedef struct llm__tokens_counter {
    const llm_bpe *bpe;          /* NULL: estimate */
    const char *model;
    const llm_allocator *alloc;  /* for tools: parsing and long names */
    llm_error *err;
} llm__tokens_counter;

static void llm__tokens_counter_init(llm__tokens_counter *c, const llm_request *req, const llm_bpe *bpe,
                                     const llm_allocator *alloc, llm_error *err) {
    c->bpe = bpe;
    c->model = req->model;
    c->alloc = alloc ? alloc : bpe ? &bpe->alloc_ : NULL;
    c->err = err;
}

static llm_result llm__tokens_count_textn(const llm__tokens_counter *c, const char *s, size_t n, size_t *tokens) {
    if (!s || !n) return LLM_OK;
    if (!c->bpe) {
        *tokens += llm_tokens_estimate(s, n, c->model);
        return LLM_OK;
    } else {
        size_t k = 0;
        llm_result r = llm_bpe_count(c->bpe, s, n, &k, c->err);
        *tokens += k;
        return r;
    }
}

static llm_result llm__tokens_count_text(const llm__tokens_counter *c, const char *s, size_t *tokens) {
    return llm__tokens_count_textn(c, s, s ? strlen(s) : 0, tokens);
}

/* An image part: 85 for detail low/auto/default; for high, 85 + 170 per
   512-px tile once the image is scaled to fit 2048x2048 and then to a
   shortest side of 768 (never up). */
static size_t llm__tokens_image_tokens(const llm_content_part *p) {
    double w = p->width, h = p->height, s;
    if (p->detail != LLM_DETAIL_HIGH) return 85;
    if (w <= 0 || h <= 0) return 85 + 170 * 8;   /* size unknown: the largest, 768x2048 */
    if (w > 2048 || h > 2048) {
        s = 2048 / (w > h ? w : h);
        w = (double)(long)(w * s);
        h = (double)(long)(h * s);
    }
    if ((w < h ? w : h) > 768) {
        s = 768 / (w < h ? w : h);
        w = (double)(long)(w * s);
        h = (double)(long)(h * s);
    }
    return 85 + 170 * (size_t)(((long)w + 511) / 512) * (size_t)(((long)h + 511) / 512);
}

/* One message: 3, then every string field (role included), +1 for a name. */
static llm_result llm__tokens_count_message(const llm__tokens_counter *c, const llm_message *m, size_t *tokens) {
    llm_result r = llm__tokens_count_text(c, llm__role_name(m->role), tokens);
    size_t i;
    *tokens += 3;
    if (r == LLM_OK) r = llm__tokens_count_text(c, m->content, tokens);
    for (i = 0; r == LLM_OK && m->parts && i < m->part_count; i++) {
        if (m->parts[i].type == LLM_PART_TEXT) r = llm__tokens_count_text(c, m->parts[i].text, tokens);
        /* a document's pages are unknown: not counted */
        else if (m->parts[i].type != LLM_PART_DOCUMENT) *tokens += llm__tokens_image_tokens(&m->parts[i]);
    }
    if (r == LLM_OK && m->name) {
        r = llm__tokens_count_text(c, m->name, tokens);
        *tokens += 1;
    }
    for (i = 0; r == LLM_OK && m->tool_calls && i < m->tool_call_count; i++)
        r = llm__tokens_count_text(c, m->tool_calls[i].arguments, tokens);
    if (r == LLM_OK) r = llm__tokens_count_text(c, m->tool_call_id, tokens);
    return r;
}

/* Builds "a:b:c" (each part without one final '.', as the cookbook strips
   descriptions) into buf and counts it. */
static llm_result llm__tokens_count_joined(const llm__tokens_counter *c, const char *const *parts, const size_t *lens,
                                           int count, bool strip_last_dot, size_t *tokens) {
    char stack[512] = {0}, *buf = stack;
    size_t total = 0, used = 0;
    int i;
    llm_result r;
    for (i = 0; i < count; i++) total += lens[i] + 1;
    if (total > sizeof stack) {
        buf = (char *)llm__alloc(c->alloc, total);
        if (!buf) return llm__fail(c->err, LLM_ERR_NO_MEMORY, "out of memory counting a tool");
    }
    for (i = 0; i < count; i++) {
        size_t n = lens[i];
        if (i) buf[used++] = ':';
        if (strip_last_dot && i == count - 1 && n && parts[i][n - 1] == '.') n--;
        if (n) memcpy(buf + used, parts[i], n);
        used += n;
    }
    r = llm__tokens_count_textn(c, buf, used, tokens);
    if (buf != stack) llm__free(c->alloc, buf, total);
    return r;
}

/* A JSON string member's text ("" when absent or not a string). */
static const char *llm__tokens_json_str_or_empty(const llm_json *o, const char *key, size_t *len) {
    const llm_json *v = llm_json_get(o, key);
    *len = 0;
    if (!llm_json_is(v, LLM_JSON_STRING)) return "";
    return llm_json_string(v, len);
}

/* The cookbook's num_tokens_for_tools, one property at a time. */
static llm_result llm__tokens_count_property(const llm__tokens_counter *c, const llm_json *key, const llm_json *prop,
                                             bool o200k, size_t *tokens, long *adjust) {
    const char *parts[3];
    size_t lens[3];
    const llm_json *item, *e = llm_json_get(prop, "enum");
    llm_result r = LLM_OK;
    (void)o200k;
    *tokens += 3;                                   /* prop_key */
    if (llm_json_is(e, LLM_JSON_ARRAY)) {
        *adjust -= 3;                               /* enum_init */
        for (item = llm_json_first(e); r == LLM_OK && item; item = llm_json_next(e, item)) {
            size_t n = 0;
            const char *s = llm_json_string(item, &n);
            *tokens += 3;                           /* enum_item */
            if (s) r = llm__tokens_count_textn(c, s, n, tokens);
        }
    }
    parts[0] = llm_json_string(key, &lens[0]);
    parts[1] = llm__tokens_json_str_or_empty(prop, "type", &lens[1]);
    parts[2] = llm__tokens_json_str_or_empty(prop, "description", &lens[2]);
    return r == LLM_OK ? llm__tokens_count_joined(c, parts, lens, 3, true, tokens) : r;
}

static llm_result llm__tokens_count_tool(const llm__tokens_counter *c, const llm_tool *t, bool o200k, size_t *tokens,
                                         long *adjust) {
    const char *parts[2];
    size_t lens[2];
    llm_json_doc doc;
    const llm_json *props, *k;
    llm_result r;
    *tokens += o200k ? 7 : 10;                      /* func_init */
    parts[0] = t->name ? t->name : "";
    parts[1] = t->description ? t->description : "";
    lens[0] = strlen(parts[0]);
    lens[1] = strlen(parts[1]);
    if ((r = llm__tokens_count_joined(c, parts, lens, 2, true, tokens)) != LLM_OK || !t->parameters) return r;
    memset(&doc, 0, sizeof doc);
    if (c->alloc) doc.alloc = *c->alloc;
    if ((r = llm_json_parse(&doc, t->parameters, strlen(t->parameters), c->err)) != LLM_OK) {
        llm_json_doc_free(&doc);
        return r;
    }
    props = llm_json_get(llm_json_root(&doc), "properties");
    if (llm_json_count(props) > 0 && llm_json_is(props, LLM_JSON_OBJECT)) {
        *tokens += 3;                               /* prop_init */
        for (k = llm_json_first(props); r == LLM_OK && k; k = llm_json_next(props, k))
            r = llm__tokens_count_property(c, k, k + 1, o200k, tokens, adjust);
    }
    llm_json_doc_free(&doc);
    return r;
}

/* Tokens of the request outside its messages: reply priming and tools. */
static llm_result llm__tokens_count_fixed(const llm__tokens_counter *c, const llm_request *req, size_t *tokens) {
    llm_encoding enc = c->bpe ? c->bpe->encoding : llm_encoding_for_model(req->model);
    bool o200k = enc != LLM_ENCODING_CL100K_BASE;
    long adjust = 0;
    size_t i;
    llm_result r = LLM_OK;
    *tokens += 3;                                   /* <|start|>assistant<|message|> */
    for (i = 0; r == LLM_OK && req->tools && i < req->tool_count; i++)
        r = llm__tokens_count_tool(c, &req->tools[i], o200k, tokens, &adjust);
    if (req->tools && req->tool_count) *tokens += 12;   /* func_end */
    *tokens = (size_t)((long)*tokens + adjust);
    return r;
}

LLM_API llm_result llm_count_request_tokens(const llm_request *request, const llm_bpe *bpe, const llm_allocator *alloc,
                                            size_t *tokens, llm_error *err) {
    llm__tokens_counter c;
    size_t i, total = 0;
    llm_result r;
    if (tokens) *tokens = 0;
    if (!request || !tokens) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request and tokens are required");
    llm__tokens_counter_init(&c, request, bpe, alloc, err);
    r = llm__tokens_count_fixed(&c, request, &total);
    for (i = 0; r == LLM_OK && request->messages && i < request->message_count; i++)
        r = llm__tokens_count_message(&c, &request->messages[i], &total);
    if (r == LLM_OK) *tokens = total;
    return r;
}

/* The end of the group that starts at message i: an assistant message with
   tool calls takes the tool results that follow it. */
static size_t llm__tokens_trim_group_end(const llm_request *req, size_t i) {
    size_t j = i + 1;
    if (req->messages[i].role == LLM_ROLE_ASSISTANT && req->messages[i].tool_call_count)
        while (j < req->message_count && req->messages[j].role == LLM_ROLE_TOOL) j++;
    return j;
}

static bool llm__tokens_is_system(const llm_message *m) {
    return m->role == LLM_ROLE_SYSTEM || m->role == LLM_ROLE_DEVELOPER;
}

/* Keeps system messages, then whole groups from the newest back while they
   fit; writes the kept ones in order. */
LLM_API llm_result llm_trim_messages(const llm_request *request, const llm_bpe *bpe, size_t max_tokens,
                                     llm_message *out, size_t cap, size_t *kept, llm_error *err) {
    llm__tokens_counter c;
    size_t i, j, total = 0, first = 0, n = 0, size;
    llm_result r;
    if (kept) *kept = 0;
    if (!request || !kept || (!out && cap))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request and kept are required");
    if (cap < request->message_count)
        return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "out holds %z of %z messages", cap, request->message_count);
    llm__tokens_counter_init(&c, request, bpe, NULL, err);
    r = llm__tokens_count_fixed(&c, request, &total);
    for (i = 0; r == LLM_OK && i < request->message_count; i++)
        if (llm__tokens_is_system(&request->messages[i]))
            r = llm__tokens_count_message(&c, &request->messages[i], &total);
    /* `first`: the oldest non-system message kept; walk groups back from the end */
    for (first = request->message_count; r == LLM_OK && first > 0;) {
        size_t start = first - 1, add = 0;
        while (start > 0 && request->messages[start].role == LLM_ROLE_TOOL) start--;
        if (llm__tokens_trim_group_end(request, start) < first) start = first - 1;   /* orphan tool results */
        for (j = start; r == LLM_OK && j < first; j++)
            if (!llm__tokens_is_system(&request->messages[j]))
                r = llm__tokens_count_message(&c, &request->messages[j], &add);
        if (r != LLM_OK || (total + add > max_tokens && first < request->message_count)) break;
        total += add;
        first = start;
    }
    if (r != LLM_OK) return r;
    for (i = 0; i < request->message_count; i++)
        if (i >= first || llm__tokens_is_system(&request->messages[i])) out[n++] = request->messages[i];
    *kept = n;
    size = total;
    if (size > max_tokens)
        return llm__fail(err, LLM_ERR_CONTEXT_WINDOW_EXCEEDED, "%z prompt tokens after trimming, the limit is %z",
                         size, max_tokens);
    return LLM_OK;
}

/* ------------------------------------------------------------------------ */
// >>costs: prices and model facts: the layered database and the cost of a response
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_COSTS

/* One entry of a price table. The embedded table (costs_embedded.h) and the
   runtime layers share this form: strings are offsets into a pool, prices a
   run of `nrefs` references (price << 24 | value index) into a value array.
   Entries are sorted by key, case-insensitively, then bytewise. */
typedef struct llm__costs_entry {
    uint32_t key, provider, refs, caps, max_input, max_output;
    uint16_t threshold_k;           /* tier threshold in thousands of tokens */
    uint8_t nrefs, mode;
} llm__costs_entry;

/* A read-only view of one table. */
typedef struct llm__costs_table {
    const llm__costs_entry *entries;
    size_t count;
    const char *pool;
    const uint32_t *refs;
    const double *values;
    const uint32_t *providers;      /* pool offsets of the distinct providers, sorted */
    size_t provider_count;
    const char *source;
    llm_costs_layer layer;
} llm__costs_table;

#if !defined(LLM_NO_COSTS_TABLE)
#include "costs_embedded.h"
#endif

static llm__costs_table llm__costs_embedded(void) {
    llm__costs_table t;
    memset(&t, 0, sizeof t);
#if !defined(LLM_NO_COSTS_TABLE)
    t.entries = llm__costs_entries;
    t.count = sizeof llm__costs_entries / sizeof llm__costs_entries[0];
    t.pool = (const char *)(const void *)llm__costs_pool;
    t.refs = llm__costs_refs;
    t.values = llm__costs_values;
    t.providers = llm__costs_providers;
    t.provider_count = sizeof llm__costs_providers / sizeof llm__costs_providers[0];
    t.source = "embedded LiteLLM " LLM_COSTS_DATE;
#else
    t.source = "embedded (none: LLM_NO_COSTS_TABLE)";
#endif
    t.layer = LLM_COSTS_EMBEDDED;
    return t;
}

/* JSON names. Index = llm_price. The _ABOVE ones are matched by removing
   "_above_<N>k_tokens" from a key and finding the base name's _ABOVE twin. */
static const char *const llm__costs_price_names[LLM__COSTS_PRICE_COUNT] = {
    "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
    "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr",
    "output_cost_per_reasoning_token", "input_cost_per_audio_token", "output_cost_per_audio_token",
    "input_cost_per_image_token", "output_cost_per_image_token",
    "input_cost_per_token_above_<N>k_tokens", "output_cost_per_token_above_<N>k_tokens",
    "cache_read_input_token_cost_above_<N>k_tokens", "cache_creation_input_token_cost_above_<N>k_tokens",
    "cache_creation_input_token_cost_above_1hr_above_<N>k_tokens",
    "input_cost_per_token_priority", "output_cost_per_token_priority", "cache_read_input_token_cost_priority",
    "cache_creation_input_token_cost_priority", "input_cost_per_token_above_<N>k_tokens_priority",
    "output_cost_per_token_above_<N>k_tokens_priority", "cache_read_input_token_cost_above_<N>k_tokens_priority",
    "input_cost_per_audio_token_priority", "input_cost_per_token_flex", "output_cost_per_token_flex",
    "cache_read_input_token_cost_flex", "cache_creation_input_token_cost_flex", "input_cost_per_token_batches",
    "output_cost_per_token_batches", "input_cost_per_image", "output_cost_per_image", "input_cost_per_second",
    "output_cost_per_second", "input_cost_per_character", "output_cost_per_character",
    "input_cost_per_audio_per_second", "input_cost_per_video_per_second", "output_cost_per_video_per_second",
    "input_cost_per_query", "input_cost_per_request"};

/* Base rates and their variants: base, above, priority, above+priority, flex, batch (-1: none). */
static const signed char llm__costs_price_variants[][6] = {
    {LLM_PRICE_INPUT, LLM_PRICE_INPUT_ABOVE, LLM_PRICE_INPUT_PRIORITY, LLM_PRICE_INPUT_ABOVE_PRIORITY,
     LLM_PRICE_INPUT_FLEX, LLM_PRICE_INPUT_BATCH},
    {LLM_PRICE_OUTPUT, LLM_PRICE_OUTPUT_ABOVE, LLM_PRICE_OUTPUT_PRIORITY, LLM_PRICE_OUTPUT_ABOVE_PRIORITY,
     LLM_PRICE_OUTPUT_FLEX, LLM_PRICE_OUTPUT_BATCH},
    {LLM_PRICE_CACHE_READ, LLM_PRICE_CACHE_READ_ABOVE, LLM_PRICE_CACHE_READ_PRIORITY,
     LLM_PRICE_CACHE_READ_ABOVE_PRIORITY, LLM_PRICE_CACHE_READ_FLEX, -1},
    {LLM_PRICE_CACHE_WRITE, LLM_PRICE_CACHE_WRITE_ABOVE, LLM_PRICE_CACHE_WRITE_PRIORITY, -1, LLM_PRICE_CACHE_WRITE_FLEX,
     -1},
    {LLM_PRICE_CACHE_WRITE_1H, LLM_PRICE_CACHE_WRITE_1H_ABOVE, -1, -1, -1, -1},
    {LLM_PRICE_INPUT_AUDIO, -1, LLM_PRICE_INPUT_AUDIO_PRIORITY, -1, -1, -1},
    {LLM_PRICE_INPUT_PRIORITY, LLM_PRICE_INPUT_ABOVE_PRIORITY, -1, -1, -1, -1},
    {LLM_PRICE_OUTPUT_PRIORITY, LLM_PRICE_OUTPUT_ABOVE_PRIORITY, -1, -1, -1, -1},
    {LLM_PRICE_CACHE_READ_PRIORITY, LLM_PRICE_CACHE_READ_ABOVE_PRIORITY, -1, -1, -1, -1}};
#define LLM__COSTS_VARIANT_COUNT (sizeof llm__costs_price_variants / sizeof llm__costs_price_variants[0])

static const char *const llm__costs_cap_names[] = {
    "supports_function_calling", "supports_parallel_function_calling", "supports_vision",
    "supports_response_schema", "supports_prompt_caching", "supports_reasoning", "supports_audio_input",
    "supports_audio_output", "supports_pdf_input", "supports_web_search", "supports_system_messages",
    "supports_tool_choice", "supports_assistant_prefill", "supports_computer_use",
    "supports_native_streaming", "supports_video_input", "supports_url_context"};
#define LLM__COSTS_CAP_COUNT (sizeof llm__costs_cap_names / sizeof llm__costs_cap_names[0])

static const char *const llm__costs_mode_names[LLM__COSTS_MODE_COUNT] = {
    "", "chat", "completion", "responses", "embedding", "rerank", "moderation", "audio_transcription",
    "audio_speech", "realtime", "image_generation", "image_edit", "video_generation", "search", "ocr", "other"};

LLM_API const char *llm_price_name(llm_price price) {
    return (unsigned)price < LLM__COSTS_PRICE_COUNT ? llm__costs_price_names[price] : NULL;
}

LLM_API const char *llm_capability_name(uint32_t cap) {
    size_t i;
    for (i = 0; i < LLM__COSTS_CAP_COUNT; i++)
        if (cap == (1u << i)) return llm__costs_cap_names[i];
    return NULL;
}

LLM_API const char *llm_model_mode_name(llm_model_mode mode) {
    return (unsigned)mode < LLM__COSTS_MODE_COUNT ? llm__costs_mode_names[mode] : NULL;
}

static int llm__costs_lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

/* Compares a[0..an) with b[0..bn) ignoring ASCII case. */
static int llm__costs_ci_cmp(const char *a, size_t an, const char *b, size_t bn) {
    size_t i, n = an < bn ? an : bn;
    for (i = 0; i < n; i++) {
        int x = llm__costs_lower((unsigned char)a[i]), y = llm__costs_lower((unsigned char)b[i]);
        if (x != y) return x - y;
    }
    return an < bn ? -1 : an > bn;
}

/* The order of table entries: case-insensitive, then bytewise. */
static int llm__costs_key_order(const char *a, size_t an, const char *b, size_t bn) {
    int c = llm__costs_ci_cmp(a, an, b, bn);
    if (c) return c;
    c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an < bn ? -1 : an > bn);
}

/* Index of the first entry whose key is not below name (case-insensitively). */
static size_t llm__costs_table_lower_bound(const llm__costs_table *t, const char *name, size_t n) {
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = t->pool + t->entries[mid].key;
        if (llm__costs_ci_cmp(k, strlen(k), name, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool llm__costs_starts(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

static bool llm__costs_str_eq(const char *a, size_t an, const char *b) {
    return strlen(b) == an && memcmp(a, b, an) == 0;
}

/* Whether an entry of provider `have` may answer a model asked for with
   provider prefix want[0..wn) (LiteLLM's _check_provider_match). */
static bool llm__costs_provider_match(const char *have, const char *want, size_t wn) {
    static const char *const families[] = {"vertex_ai", "bedrock", "fireworks_ai"};
    size_t hn = strlen(have), i;
    if (!want) return true;
    if (llm__costs_ci_cmp(have, hn, want, wn) == 0) return true;
    if (llm__costs_str_eq(want, wn, "litellm_proxy") || llm__costs_str_eq(want, wn, "github")) return true;
    if (llm__costs_str_eq(want, wn, "azure_ai") && (strcmp(have, "azure") == 0 || strcmp(have, "openai") == 0))
        return true;
    if (llm__costs_starts(have, hn, "text-completion-") && llm__costs_str_eq(want, wn, have + 16)) return true;
    for (i = 0; i < sizeof families / sizeof families[0]; i++)
        if (llm__costs_starts(have, hn, families[i]) && llm__costs_starts(want, wn, families[i])) return true;
    return false;
}

static bool llm__costs_table_has_provider(const llm__costs_table *t, const char *p, size_t n) {
    size_t lo = 0, hi = t->provider_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *q = t->pool + t->providers[mid];
        int c = llm__costs_ci_cmp(q, strlen(q), p, n);
        if (c == 0) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Finds name[0..n) in one table: exactly (bytes), or case-insensitively with
   a provider check (want == NULL: any provider). -1 when absent. */
static long llm__costs_table_find(const llm__costs_table *t, const char *name, size_t n, bool exact, const char *want,
                                  size_t wn) {
    size_t i;
    for (i = llm__costs_table_lower_bound(t, name, n); i < t->count; i++) {
        const llm__costs_entry *e = &t->entries[i];
        const char *k = t->pool + e->key;
        size_t kn = strlen(k);
        if (llm__costs_ci_cmp(k, kn, name, n) != 0) break;
        if (exact ? (kn == n && memcmp(k, name, n) == 0) : llm__costs_provider_match(t->pool + e->provider, want, wn))
            return (long)i;
    }
    return -1;
}

static void llm__costs_entry_info(const llm__costs_table *t, const llm__costs_entry *e, llm_model_info *info) {
    uint32_t i;
    memset(info, 0, sizeof *info);
    info->key = t->pool + e->key;
    info->provider = t->pool + e->provider;
    info->mode = e->mode < LLM__COSTS_MODE_COUNT ? (llm_model_mode)e->mode : LLM_MODE_OTHER;
    info->layer = t->layer;
    info->table = t->source;
    info->max_input_tokens = e->max_input;
    info->max_output_tokens = e->max_output;
    info->capabilities = e->caps;
    info->tier_threshold = (int64_t)e->threshold_k * 1000;
    for (i = 0; i < e->nrefs; i++) {
        uint32_t r = t->refs[e->refs + i], p = r >> 24;
        if (p >= LLM__COSTS_PRICE_COUNT) continue;
        info->price[p] = t->values[r & 0xFFFFFFu];
        info->price_set |= (uint64_t)1 << p;
    }
}

/* The runtime layers: growable versions of a table. */
typedef struct llm__costs_layer {
    llm__costs_entry *entries;
    size_t count, entries_cap;
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *refs;
    size_t ref_count, refs_cap;
    double *values;
    size_t values_cap;              /* one value per ref */
    uint32_t *providers;
    size_t provider_count, providers_cap;
    uint32_t source;                /* pool offset */
} llm__costs_layer;

static llm__costs_table llm__costs_layer_table(const llm__costs_layer *l, llm_costs_layer which) {
    llm__costs_table t;
    t.entries = l->entries;
    t.count = l->count;
    t.pool = l->pool;
    t.refs = l->refs;
    t.values = l->values;
    t.providers = l->providers;
    t.provider_count = l->provider_count;
    t.source = l->pool ? l->pool + l->source : "";
    t.layer = which;
    return t;
}

/* The tables of a database, highest first; returns how many. */
static size_t llm__costs_tables(const llm_costs *db, llm__costs_table out[3]) {
    size_t n = 0;
    if (db && db->registered_)
        out[n++] = llm__costs_layer_table((const llm__costs_layer *)db->registered_, LLM_COSTS_REGISTERED);
    if (db && db->loaded_) out[n++] = llm__costs_layer_table((const llm__costs_layer *)db->loaded_, LLM_COSTS_LOADED);
    out[n++] = llm__costs_embedded();
    return n;
}

#define LLM__COSTS_MODEL_NAME_MAX 256

/* A trailing date: -YYYY-MM-DD or -YYYYMMDD. Returns the length without it. */
static size_t llm__costs_strip_date(const char *s, size_t n) {
    size_t i, digits = 0;
    if (n > 11 && s[n - 11] == '-' && s[n - 6] == '-' && s[n - 3] == '-') {
        for (i = n - 10; i < n; i++) digits += (s[i] >= '0' && s[i] <= '9');
        if (digits == 8) return n - 11;
    }
    digits = 0;
    if (n > 9 && s[n - 9] == '-') {
        for (i = n - 8; i < n; i++) digits += (s[i] >= '0' && s[i] <= '9');
        if (digits == 8 && (s[n - 8] == '2' || s[n - 8] == '1')) return n - 9;
    }
    return n;
}

/* LiteLLM's stripped form of a bare name into out (size LLM__COSTS_MODEL_NAME_MAX):
   ft:base:org:...:id -> ft:base; gpt-35 -> gpt-3.5; with `dates`, also a
   trailing date. Returns its length; 0 when it equals the name. */
static size_t llm__costs_strip_model(const char *s, size_t n, char *out, bool dates) {
    size_t m = n, k = 0;
    if (n >= LLM__COSTS_MODEL_NAME_MAX - 1) return 0;
    if (llm__costs_starts(s, n, "ft:")) {
        const char *colon = (const char *)memchr(s + 3, ':', n - 3);
        if (colon) m = (size_t)(colon - s);
    }
    if (llm__costs_starts(s, m, "gpt-35")) {
        memcpy(out, "gpt-3.5", 7);
        k = 7;
        memcpy(out + k, s + 6, m - 6);
        k += m - 6;
    } else {
        memcpy(out, s, m);
        k = m;
    }
    if (dates) k = llm__costs_strip_date(out, k);
    out[k] = '\0';
    return (k == n && memcmp(out, s, n) == 0) ? 0 : k;
}

/* Looks name[0..n) up in every table, highest first. */
static bool llm__costs_try(const llm__costs_table *t, size_t nt, const char *name, size_t n, bool exact,
                           const char *want, size_t wn, llm_model_info *info) {
    size_t i;
    for (i = 0; i < nt; i++) {
        long k = llm__costs_table_find(&t[i], name, n, exact, want, wn);
        if (k >= 0) {
            llm__costs_entry_info(&t[i], &t[i].entries[k], info);
            return true;
        }
    }
    return false;
}

/* Tries the stripped forms of bare[0..bn): with the provider prefix, then
   without. `dates` also strips a trailing date. */
static bool llm__costs_try_stripped(const llm__costs_table *t, size_t nt, const char *bare, size_t bn, bool dates,
                                    const char *want, size_t wn, llm_model_info *info) {
    char s[LLM__COSTS_MODEL_NAME_MAX], s0[LLM__COSTS_MODEL_NAME_MAX], full[2 * LLM__COSTS_MODEL_NAME_MAX];
    size_t sn = llm__costs_strip_model(bare, bn, s, dates);
    if (dates && sn && sn == llm__costs_strip_model(bare, bn, s0, false) && memcmp(s, s0, sn) == 0) return false;
    if (!sn) return false;
    if (want && wn + 1 + sn < sizeof full) {
        memcpy(full, want, wn);
        full[wn] = '/';
        memcpy(full + wn + 1, s, sn);
        if (llm__costs_try(t, nt, full, wn + 1 + sn, false, want, wn, info)) return true;
    }
    return llm__costs_try(t, nt, s, sn, false, want, wn, info);
}

static bool llm__costs_known_provider(const llm__costs_table *t, size_t nt, const char *p, size_t n) {
    size_t i;
    if (llm__costs_str_eq(p, n, "litellm_proxy") || llm__costs_str_eq(p, n, "github")) return true;
    for (i = 0; i < nt; i++)
        if (llm__costs_table_has_provider(&t[i], p, n)) return true;
    return false;
}

static bool llm__costs_find(const llm_costs *db, const char *model, llm_model_info *info) {
    llm__costs_table t[3];
    size_t nt = llm__costs_tables(db, t), n = strlen(model), wn = 0, bn = n;
    const char *slash = (const char *)memchr(model, '/', n), *want = NULL, *bare = model;
    if (llm__costs_try(t, nt, model, n, true, NULL, 0, info)) return true;
    if (slash && llm__costs_known_provider(t, nt, model, (size_t)(slash - model))) {
        want = model;
        wn = (size_t)(slash - model);
        bare = slash + 1;
        bn = n - wn - 1;
    }
    /* provider/model and the model as given are the same string here */
    if (llm__costs_try(t, nt, model, n, false, want, wn, info)) return true;
    if (llm__costs_try_stripped(t, nt, bare, bn, false, want, wn, info)) return true;
    if (want && llm__costs_try(t, nt, bare, bn, false, want, wn, info)) return true;
    return llm__costs_try_stripped(t, nt, bare, bn, true, want, wn, info);
}

LLM_API llm_result llm_model_info_get(const llm_costs *db, const char *model, llm_model_info *info, llm_error *err) {
    llm_model_info tmp;
    if (!model) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no model given");
    if (!info) info = &tmp;
    if (!llm__costs_find(db, model, info)) {
        memset(info, 0, sizeof *info);
        return llm__fail(err, LLM_ERR_MODEL_UNKNOWN, "model '%s' is not in the price table", model);
    }
    return LLM_OK;
}

LLM_API bool llm_supports(const llm_costs *db, const char *model, uint32_t caps) {
    llm_model_info info;
    if (!model || !llm__costs_find(db, model, &info)) return false;
    return (info.capabilities & caps) == caps;
}

/* One visited key per call of fn, highest layer first, skipping keys that
   a higher layer holds. */
LLM_API size_t llm_costs_each(const llm_costs *db, const char *provider,
                              bool (*fn)(void *user, const llm_model_info *info), void *user) {
    llm__costs_table t[3];
    size_t nt = llm__costs_tables(db, t), i, j, visited = 0;
    llm_model_info info;
    for (i = 0; i < nt; i++) {
        for (j = 0; j < t[i].count; j++) {
            const llm__costs_entry *e = &t[i].entries[j];
            const char *k = t[i].pool + e->key;
            size_t h, kn = strlen(k);
            bool hidden = false;
            if (provider && strcmp(provider, t[i].pool + e->provider) != 0) continue;
            for (h = 0; h < i && !hidden; h++) hidden = llm__costs_table_find(&t[h], k, kn, true, NULL, 0) >= 0;
            if (hidden) continue;
            llm__costs_entry_info(&t[i], e, &info);
            visited++;
            if (fn && !fn(user, &info)) return visited;
        }
    }
    return visited;
}

static int64_t llm__costs_clip(int64_t v, int64_t max) { return v < 0 ? 0 : v > max ? max : v; }

LLM_API llm_usage_buckets llm_usage_split(const llm_usage *u) {
    llm_usage_buckets b;
    int64_t left, write;
    memset(&b, 0, sizeof b);
    if (!u) return b;
    left = u->prompt_tokens > 0 ? u->prompt_tokens : 0;
    b.cache_read = llm__costs_clip(u->cached_tokens, left);
    left -= b.cache_read;
    write = llm__costs_clip(u->cache_creation_tokens, left);
    left -= write;
    b.cache_write_1h = llm__costs_clip(u->cache_creation_1h_tokens, write);
    b.cache_write_5m = write - b.cache_write_1h;
    b.input_audio = llm__costs_clip(u->audio_prompt_tokens, left);
    b.input_uncached = left - b.input_audio;
    left = u->completion_tokens > 0 ? u->completion_tokens : 0;
    b.output_reasoning = llm__costs_clip(u->reasoning_tokens, left);
    left -= b.output_reasoning;
    b.output_audio = llm__costs_clip(u->audio_completion_tokens, left);
    b.output_text = left - b.output_audio;
    b.prompt_tokens = b.input_uncached + b.cache_read + b.cache_write_5m + b.cache_write_1h + b.input_audio;
    b.completion_tokens = b.output_text + b.output_reasoning + b.output_audio;
    return b;
}

enum { LLM__COSTS_TIER_STANDARD = 0, LLM__COSTS_TIER_PRIORITY, LLM__COSTS_TIER_FLEX, LLM__COSTS_TIER_BATCH };

static bool llm__costs_has_price(const llm_model_info *info, int p) {
    return p >= 0 && (info->price_set >> p) & 1u;
}

/* The rate of base price `base` (a row of llm__costs_price_variants): the
   above-threshold and service-tier variants when given, else the base one.
   *found says whether any was given. */
static double llm__costs_rate(const llm_model_info *info, int base, bool above, int tier, bool *found) {
    const signed char *v = NULL;
    int order[4], n = 0, i;
    size_t r;
    for (r = 0; r < LLM__COSTS_VARIANT_COUNT; r++)
        if (llm__costs_price_variants[r][0] == base) v = llm__costs_price_variants[r];
    if (!v) return 0;
    if (above && tier == LLM__COSTS_TIER_PRIORITY) order[n++] = v[3];
    if (above) order[n++] = v[1];
    if (tier == LLM__COSTS_TIER_PRIORITY) order[n++] = v[2];
    if (tier == LLM__COSTS_TIER_FLEX) order[n++] = v[4];
    if (tier == LLM__COSTS_TIER_BATCH) order[n++] = v[5];
    order[n++] = v[0];
    for (i = 0; i < n; i++) {
        if (llm__costs_has_price(info, order[i])) {
            if (found) *found = true;
            return info->price[order[i]];
        }
    }
    if (found) *found = false;
    return 0;
}

static int llm__costs_tier_of(const llm_cost_options *o) {
    const char *s = o ? o->service_tier : NULL;
    if (o && o->batch) return LLM__COSTS_TIER_BATCH;
    if (s && (strcmp(s, "priority") == 0 || strcmp(s, "fast") == 0)) return LLM__COSTS_TIER_PRIORITY;
    if (s && strcmp(s, "flex") == 0) return LLM__COSTS_TIER_FLEX;
    return LLM__COSTS_TIER_STANDARD;
}

/* Whether the _ABOVE tier prices a prompt: above the threshold, or from it
   for xAI, as LiteLLM bills it (litellm_core_utils/llm_cost_calc/utils.py:
   _INCLUSIVE_THRESHOLD_PROVIDERS = {"xai"}, "for providers such as xAI
   that bill the higher tier once the prompt reaches the threshold"). */
static bool llm__costs_above_tier(const llm_model_info *info, int64_t prompt) {
    bool from = info->provider && strcmp(info->provider, "xai") == 0;
    return info->tier_threshold > 0 && (prompt > info->tier_threshold || (from && prompt == info->tier_threshold));
}

LLM_API llm_cost_info llm_cost_of(const llm_model_info *info, const llm_usage *usage, const llm_cost_options *options) {
    llm_cost_info c;
    llm_usage_buckets b = llm_usage_split(usage);
    int tier = llm__costs_tier_of(options);
    bool above, has;
    double in, out, w5, w1, x;
    memset(&c, 0, sizeof c);
    if (!info) return c;
    above = llm__costs_above_tier(info, b.prompt_tokens);
    in = llm__costs_rate(info, LLM_PRICE_INPUT, above, tier, NULL);
    out = llm__costs_rate(info, LLM_PRICE_OUTPUT, above, tier, NULL);
    w5 = llm__costs_rate(info, LLM_PRICE_CACHE_WRITE, above, tier, NULL);
    w1 = llm__costs_rate(info, LLM_PRICE_CACHE_WRITE_1H, above, tier, &has);
    if (!has) w1 = w5;
    x = llm__costs_rate(info, LLM_PRICE_INPUT_AUDIO, above, tier, &has);
    c.prompt_usd = (double)b.input_uncached * in
                 + (double)b.cache_read * llm__costs_rate(info, LLM_PRICE_CACHE_READ, above, tier, NULL)
                 + (double)b.cache_write_5m * w5 + (double)b.cache_write_1h * w1
                 + (double)b.input_audio * (has ? x : in);
    c.completion_usd = (double)b.output_text * out;
    /* reasoning at its price, else as output; under a service tier whose
       output price the entry gives, at that price (LiteLLM's
       _resolve_reasoning_token_cost: the tier's output price beats the
       standard reasoning price) */
    has = (tier == LLM__COSTS_TIER_PRIORITY && llm__costs_has_price(info, LLM_PRICE_OUTPUT_PRIORITY)) ||
          (tier == LLM__COSTS_TIER_FLEX && llm__costs_has_price(info, LLM_PRICE_OUTPUT_FLEX));
    x = info->price[LLM_PRICE_REASONING];
    c.completion_usd +=
        (double)b.output_reasoning * (!has && llm__costs_has_price(info, LLM_PRICE_REASONING) ? x : out);
    x = info->price[LLM_PRICE_OUTPUT_AUDIO];
    c.completion_usd += (double)b.output_audio * (llm__costs_has_price(info, LLM_PRICE_OUTPUT_AUDIO) ? x : out);
    c.usd = c.prompt_usd + c.completion_usd;
    c.above_threshold = above;
    c.key = info->key;
    c.provider = info->provider;
    c.table = info->table;
    c.layer = info->layer;
    return c;
}

LLM_API llm_result llm_cost_ex(const llm_costs *db, const char *model, const llm_usage *usage,
                               const llm_cost_options *options, llm_cost_info *out, llm_error *err) {
    llm_model_info info;
    llm_result r;
    if (out) memset(out, 0, sizeof *out);
    if (!usage) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no usage given");
    r = llm_model_info_get(db, model, &info, err);
    if (r != LLM_OK) return r;
    if (!(info.price_set & (((uint64_t)1 << (LLM_PRICE_OUTPUT_BATCH + 1)) - 1)))
        return llm__fail(err, LLM_ERR_UNSUPPORTED,
                         "'%s' has no per-token price (tiered, per-second or per-character pricing)", info.key);
    if (out) *out = llm_cost_of(&info, usage, options);
    return LLM_OK;
}

LLM_API llm_result llm_cost(const llm_costs *db, const char *model, const llm_usage *usage, llm_cost_info *out,
                            llm_error *err) {
    return llm_cost_ex(db, model, usage, NULL, out, err);
}

/* `usage` of `response` priced: the model requested, then response->model
   with the requested provider prefix, then bare. */
static llm_result llm__costs_price_usage(const llm_costs *db, const llm_response *response, const char *model,
                                         const llm_usage *usage, double *usd, llm_error *err) {
    llm_cost_options opt;
    llm_cost_info c;
    llm_result r;
    char name[2 * LLM__COSTS_MODEL_NAME_MAX];
    memset(&opt, 0, sizeof opt);
    opt.service_tier = response->service_tier;
    if (!model) model = response->model;
    r = llm_cost_ex(db, model, usage, &opt, &c, err);
    if (r == LLM_ERR_MODEL_UNKNOWN && response->model && model != response->model) {
        const char *slash = strchr(model, '/');
        size_t pn = slash ? (size_t)(slash - model) : 0, mn = strlen(response->model);
        if (slash && pn + 1 + mn < sizeof name) {
            memcpy(name, model, pn + 1);
            memcpy(name + pn + 1, response->model, mn + 1);
            r = llm_cost_ex(db, name, usage, &opt, &c, err);
        }
        if (r == LLM_ERR_MODEL_UNKNOWN) r = llm_cost_ex(db, response->model, usage, &opt, &c, err);
    }
    *usd = r == LLM_OK ? c.usd : 0;
    return r;
}

LLM_API llm_result llm_response_price(const llm_costs *db, llm_response *response, const char *model, llm_error *err) {
    llm_result r = LLM_OK, e = LLM_OK;
    if (!response) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no response given");
    response->has_cost = response->has_estimate_cost = false;
    response->cost_usd = response->estimate_cost_usd = 0;
    if (response->usage.source == LLM_USAGE_REPORTED)
        response->has_cost =
            (r = llm__costs_price_usage(db, response, model, &response->usage, &response->cost_usd, err)) == LLM_OK;
    if (response->usage_estimate.source == LLM_USAGE_ESTIMATED)
        response->has_estimate_cost = (e = llm__costs_price_usage(db, response, model, &response->usage_estimate,
                                                                  &response->estimate_cost_usd,
                                                                  r == LLM_OK ? err : NULL)) == LLM_OK;
    return r != LLM_OK ? r : e;
}

/* Heapsort (no allocation, no recursion, n log n for any input). */
typedef int (*llm__costs_cmp_fn)(const void *ctx, const void *a, const void *b);

static void llm__costs_swap_bytes(unsigned char *a, unsigned char *b, size_t size) {
    while (size--) {
        unsigned char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void llm__costs_sift_down(unsigned char *base, size_t root, size_t n, size_t size, llm__costs_cmp_fn cmp,
                                 const void *ctx) {
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && cmp(ctx, base + child * size, base + (child + 1) * size) < 0) child++;
        if (cmp(ctx, base + root * size, base + child * size) >= 0) return;
        llm__costs_swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

static void llm__costs_heapsort(void *data, size_t n, size_t size, llm__costs_cmp_fn cmp, const void *ctx) {
    unsigned char *base = (unsigned char *)data;
    size_t i;
    if (n < 2) return;
    for (i = n / 2; i-- > 0;) llm__costs_sift_down(base, i, n, size, cmp, ctx);
    for (i = n - 1; i > 0; i--) {
        llm__costs_swap_bytes(base, base + i * size, size);
        llm__costs_sift_down(base, 0, i, size, cmp, ctx);
    }
}

/* Entries: key order, then the order they were added (key offsets grow). */
static int llm__costs_entry_cmp(const void *ctx, const void *a, const void *b) {
    const char *pool = (const char *)ctx;
    const llm__costs_entry *x = (const llm__costs_entry *)a, *y = (const llm__costs_entry *)b;
    const char *kx = pool + x->key, *ky = pool + y->key;
    int c = llm__costs_key_order(kx, strlen(kx), ky, strlen(ky));
    return c ? c : (x->key < y->key ? -1 : x->key > y->key);
}

static int llm__costs_provider_cmp(const void *ctx, const void *a, const void *b) {
    const char *pool = (const char *)ctx, *x = pool + *(const uint32_t *)a, *y = pool + *(const uint32_t *)b;
    return llm__costs_ci_cmp(x, strlen(x), y, strlen(y));
}

static void llm__costs_layer_free(const llm_allocator *a, llm__costs_layer *l) {
    if (!l) return;
    llm__free(a, l->entries, l->entries_cap * sizeof *l->entries);
    llm__free(a, l->pool, l->pool_cap);
    llm__free(a, l->refs, l->refs_cap * sizeof *l->refs);
    llm__free(a, l->values, l->values_cap * sizeof *l->values);
    llm__free(a, l->providers, l->providers_cap * sizeof *l->providers);
    llm__free(a, l, sizeof *l);
}

static llm__costs_layer *llm__costs_layer_new(const llm_allocator *a) {
    llm__costs_layer *l = (llm__costs_layer *)llm__alloc(a, sizeof *l);
    if (l) memset(l, 0, sizeof *l);
    return l;
}

/* Appends s[0..n) and a NUL to the pool; false when out of memory. */
static bool llm__costs_layer_str(const llm_allocator *a, llm__costs_layer *l, const char *s, size_t n, uint32_t *off) {
    if (n > 0xFFFFFFF0u - l->pool_len) return false;
    if (!llm__grow(a, (void **)&l->pool, &l->pool_cap, l->pool_len + n + 1, 1)) return false;
    *off = (uint32_t)l->pool_len;
    if (n) memcpy(l->pool + l->pool_len, s, n);
    l->pool[l->pool_len + n] = '\0';
    l->pool_len += n + 1;
    return true;
}

/* Appends one entry (unsorted until llm__costs_layer_finish). */
static bool llm__costs_layer_add(const llm_allocator *a, llm__costs_layer *l, const llm_model_info *info,
                           const char *key, size_t kn, const char *provider, size_t pn) {
    llm__costs_entry e;
    int p;
    memset(&e, 0, sizeof e);
    if (!llm__grow(a, (void **)&l->entries, &l->entries_cap, l->count + 1, sizeof *l->entries)) return false;
    if (!llm__grow(a, (void **)&l->refs, &l->refs_cap, l->ref_count + LLM__COSTS_PRICE_COUNT, sizeof *l->refs))
        return false;
    if (!llm__grow(a, (void **)&l->values, &l->values_cap, l->ref_count + LLM__COSTS_PRICE_COUNT, sizeof *l->values))
        return false;
    if (l->ref_count + LLM__COSTS_PRICE_COUNT >= 0xFFFFFFu) return false;
    if (!llm__costs_layer_str(a, l, key, kn, &e.key) || !llm__costs_layer_str(a, l, provider, pn, &e.provider))
        return false;
    e.refs = (uint32_t)l->ref_count;
    for (p = 0; p < LLM__COSTS_PRICE_COUNT; p++) {
        if (!((info->price_set >> p) & 1u)) continue;
        l->values[l->ref_count] = info->price[p];
        l->refs[l->ref_count] = (uint32_t)p << 24 | (uint32_t)l->ref_count;
        l->ref_count++;
        e.nrefs++;
    }
    e.caps = info->capabilities;
    e.max_input = info->max_input_tokens > 0xFFFFFFFF
                      ? 0xFFFFFFFFu
                      : (uint32_t)(info->max_input_tokens > 0 ? info->max_input_tokens : 0);
    e.max_output = info->max_output_tokens > 0xFFFFFFFF
                       ? 0xFFFFFFFFu
                       : (uint32_t)(info->max_output_tokens > 0 ? info->max_output_tokens : 0);
    e.threshold_k =
        (uint16_t)(info->tier_threshold > 0 && info->tier_threshold / 1000 < 0xFFFF ? info->tier_threshold / 1000 : 0);
    e.mode = (uint8_t)info->mode;
    l->entries[l->count++] = e;
    return true;
}

/* Sorts the entries, keeps the last of equal keys, rebuilds the provider
   list. The provider list must already have room for `count` items. */
static void llm__costs_layer_finish(llm__costs_layer *l) {
    size_t i, n = 0;
    llm__costs_heapsort(l->entries, l->count, sizeof *l->entries, llm__costs_entry_cmp, l->pool);
    for (i = 0; i < l->count; i++) {
        const char *k = l->pool + l->entries[i].key;
        if (i + 1 < l->count && strcmp(k, l->pool + l->entries[i + 1].key) == 0) continue;
        l->entries[n++] = l->entries[i];
    }
    l->count = n;
    for (i = 0; i < n; i++) l->providers[i] = l->entries[i].provider;
    llm__costs_heapsort(l->providers, n, sizeof *l->providers, llm__costs_provider_cmp, l->pool);
    l->provider_count = 0;
    for (i = 0; i < n; i++) {
        if (l->provider_count &&
            llm__costs_provider_cmp(l->pool, &l->providers[l->provider_count - 1], &l->providers[i]) == 0)
            continue;
        l->providers[l->provider_count++] = l->providers[i];
    }
}

/* The llm_price of a JSON key; -1 when it is none. *threshold_k gets <N>
   for an "_above_<N>k_tokens" key. */
static int llm__costs_price_of_key(const char *s, size_t n, unsigned *threshold_k) {
    char base[96];
    size_t i, j, d;
    int p;
    for (p = 0; p < LLM__COSTS_PRICE_COUNT; p++)
        if (llm__costs_str_eq(s, n, llm__costs_price_names[p])) return strchr(llm__costs_price_names[p], '<') ? -1 : p;
    for (i = 0; i + 7 < n; i++) {
        unsigned v = 0;
        if (memcmp(s + i, "_above_", 7) != 0) continue;
        for (d = i + 7; d < n && s[d] >= '0' && s[d] <= '9' && v < 100000; d++) v = v * 10 + (unsigned)(s[d] - '0');
        if (d == i + 7 || n - d < 8 || memcmp(s + d, "k_tokens", 8) != 0 || v == 0 || v > 0xFFFF) continue;
        j = d + 8;
        if (i + (n - j) >= sizeof base) return -1;
        memcpy(base, s, i);
        memcpy(base + i, s + j, n - j);
        p = llm__costs_price_of_key(base, i + (n - j), NULL);
        if (p < 0) return -1;
        for (d = 0; d < LLM__COSTS_VARIANT_COUNT; d++) {
            if (llm__costs_price_variants[d][0] != p || llm__costs_price_variants[d][1] < 0) continue;
            if (threshold_k) *threshold_k = v;
            return llm__costs_price_variants[d][1];
        }
        return -1;
    }
    return -1;
}

/* Whether x can be a price: finite, not negative, at most $1 a token
   (every price of LiteLLM's table is below that) or $1000 a unit for the
   prices per image, second, character, query or request. */
static bool llm__costs_price_ok(int price, double x) {
    return x >= 0 && x <= (price < LLM_PRICE_INPUT_PER_IMAGE ? 1.0 : 1000.0); /* false for NaN too */
}

/* The first price of info that cannot be one (llm__costs_price_ok), or -1. */
static int llm__costs_bad_price(const llm_model_info *info) {
    int p;
    for (p = 0; p < LLM__COSTS_PRICE_COUNT; p++)
        if (((info->price_set >> p) & 1u) && !llm__costs_price_ok(p, info->price[p])) return p;
    return -1;
}

/* Reads one LiteLLM entry into info (prices, mode, limits, capabilities);
   a price that cannot be one (llm__costs_price_ok) fails with its key named. */
static llm_result llm__costs_entry_from_json(const llm_json *v, const char *model, llm_model_info *info,
                                             llm_error *err) {
    const llm_json *k;
    memset(info, 0, sizeof *info);
    for (k = llm_json_first(v); k; k = llm_json_next(v, k)) {
        size_t n, i;
        const char *name = llm_json_string(k, &n);
        const llm_json *val = k + 1;
        if (llm__costs_str_eq(name, n, "mode") && llm_json_is(val, LLM_JSON_STRING)) {
            size_t mn;
            const char *m = llm_json_string(val, &mn);
            info->mode = LLM_MODE_OTHER;
            for (i = 1; i < LLM__COSTS_MODE_COUNT - 1; i++)
                if (llm__costs_str_eq(m, mn, llm__costs_mode_names[i])) info->mode = (llm_model_mode)i;
        } else if (llm__costs_starts(name, n, "supports_")) {
            for (i = 0; i < LLM__COSTS_CAP_COUNT; i++)
                if (llm__costs_str_eq(name, n, llm__costs_cap_names[i]) && llm_json_bool(val, false))
                    info->capabilities |= 1u << i;
        } else if (llm_json_is(val, LLM_JSON_NUMBER)) {
            double x = llm_json_number(val, 0);
            unsigned th = 0;
            int p;
            if (llm__costs_str_eq(name, n, "max_input_tokens"))
                info->max_input_tokens = x < 0 ? 0 : x > 4e9 ? 4000000000 : (int64_t)x;
            else if (llm__costs_str_eq(name, n, "max_output_tokens"))
                info->max_output_tokens = x < 0 ? 0 : x > 4e9 ? 4000000000 : (int64_t)x;
            else if ((p = llm__costs_price_of_key(name, n, &th)) >= 0) {
                if (!llm__costs_price_ok(p, x))
                    return llm__fail(err, LLM_ERR_PARSE,
                                     "price table: \"%s\".%.*s is not a price (0 to 1 USD per token, 1000 per unit)",
                                     model, (int)(n < 80 ? n : 80), name);
                if (th && info->tier_threshold && info->tier_threshold != (int64_t)th * 1000) continue;
                if (th) info->tier_threshold = (int64_t)th * 1000;
                info->price[p] = x;
                info->price_set |= (uint64_t)1 << p;
            }
        }
    }
    return LLM_OK;
}

/* Builds a sorted layer from a LiteLLM-format JSON text. */
static llm_result llm__costs_layer_from_json(const llm_allocator *a, const char *json, size_t len, const char *source,
                                       llm__costs_layer **out, llm_error *err) {
    llm_json_doc doc;
    llm__costs_layer *l = NULL;
    const llm_json *root, *k;
    llm_model_info info;
    llm_result r;
    memset(&doc, 0, sizeof doc);
    if (a) doc.alloc = *a;
    r = llm_json_parse(&doc, json, len, err);
    if (r != LLM_OK) goto done;
    root = llm_json_root(&doc);
    r = LLM_ERR_NO_MEMORY;
    if (!llm_json_is(root, LLM_JSON_OBJECT)) {
        r = llm__fail(err, LLM_ERR_PARSE, "a price table is a JSON object of model entries");
        goto done;
    }
    if (!(l = llm__costs_layer_new(a)) || !llm__costs_layer_str(a, l, source, strlen(source), &l->source)) goto done;
    for (k = llm_json_first(root); k; k = llm_json_next(root, k)) {
        size_t kn, pn;
        const char *key = llm_json_string(k, &kn);
        const char *prov = llm_json_string(llm_json_get(k + 1, "litellm_provider"), &pn);
        if (!prov || llm__costs_str_eq(key, kn, "sample_spec") || memchr(key, 0, kn) || memchr(prov, 0, pn)) continue;
        if ((r = llm__costs_entry_from_json(k + 1, key, &info, err)) != LLM_OK) goto done;
        r = LLM_ERR_NO_MEMORY;
        if (!llm__costs_layer_add(a, l, &info, key, kn, prov, pn)) goto done;
    }
    if (l->count == 0) {
        r = llm__fail(err, LLM_ERR_PARSE, "no model entry in the price table");
        goto done;
    }
    if (!llm__grow(a, (void **)&l->providers, &l->providers_cap, l->count, sizeof *l->providers)) goto done;
    llm__costs_layer_finish(l);
    *out = l;
    l = NULL;
    r = LLM_OK;
done:
    if (r == LLM_ERR_NO_MEMORY) llm__fail(err, r, "out of memory loading the price table");
    llm__costs_layer_free(a, l);
    llm_json_doc_free(&doc);
    return r;
}

LLM_API llm_result llm_costs_load_json(llm_costs *db, const char *json, size_t len, const char *source,
                                       llm_error *err) {
    llm__costs_layer *l = NULL;
    llm_result r;
    if (!db || (!json && len)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no database or text given");
    r = llm__costs_layer_from_json(&db->alloc, json ? json : "", len, source ? source : "loaded JSON", &l, err);
    if (r != LLM_OK) return r;
    llm__costs_layer_free(&db->alloc, (llm__costs_layer *)db->loaded_);
    db->loaded_ = l;
    return LLM_OK;
}

LLM_API llm_result llm_costs_register(llm_costs *db, const llm_model_info *info, llm_error *err) {
    llm__costs_layer *l;
    const char *prov;
    int bad;
    if (!db || !info || !info->key || !info->key[0])
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "an entry needs a key");
    if ((bad = llm__costs_bad_price(info)) >= 0)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "%s: price[%s] is not a price (0 to 1 USD per token, 1000 per unit)", info->key,
                         llm_price_name((llm_price)bad));
    if (!db->registered_) {
        l = llm__costs_layer_new(&db->alloc);
        if (!l || !llm__costs_layer_str(&db->alloc, l, "registered", 10, &l->source)) {
            llm__costs_layer_free(&db->alloc, l);
            return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory registering a model");
        }
        db->registered_ = l;
    }
    l = (llm__costs_layer *)db->registered_;
    prov = info->provider ? info->provider : "";
    if (!llm__grow(&db->alloc, (void **)&l->providers, &l->providers_cap, l->count + 1, sizeof *l->providers) ||
        !llm__costs_layer_add(&db->alloc, l, info, info->key, strlen(info->key), prov, strlen(prov)))
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory registering a model");
    llm__costs_layer_finish(l);
    return LLM_OK;
}

LLM_API void llm_costs_deinit(llm_costs *db) {
    llm_allocator a;
    if (!db) return;
    a = db->alloc;
    llm__costs_layer_free(&a, (llm__costs_layer *)db->registered_);
    llm__costs_layer_free(&a, (llm__costs_layer *)db->loaded_);
    memset(db, 0, sizeof *db);
    db->alloc = a;
}

/* ---- refresh: fetch through the caller's transport, with a disk cache ---- */

#ifndef LLM_COSTS_MAX_FETCH
#define LLM_COSTS_MAX_FETCH (64u << 20)
#endif
#define LLM__COSTS_CACHE_MAGIC "llm.h price cache v1 fetched="

typedef struct llm__costs_fetched {
    const llm_allocator *alloc;
    char *buf;
    size_t len, cap;
    int status;
} llm__costs_fetched;

static llm_result llm__costs_fetch_status(void *ctx, int status) {
    ((llm__costs_fetched *)ctx)->status = status;
    return LLM_OK;
}

static llm_result llm__costs_fetch_header(void *ctx, const char *name, size_t nl, const char *value, size_t vl) {
    (void)ctx; (void)name; (void)nl; (void)value; (void)vl;
    return LLM_OK;
}

static llm_result llm__costs_fetch_body(void *ctx, const char *data, size_t n) {
    llm__costs_fetched *f = (llm__costs_fetched *)ctx;
    if (n > LLM_COSTS_MAX_FETCH - f->len) return LLM_ERR_LIMIT_EXCEEDED;
    if (!llm__grow(f->alloc, (void **)&f->buf, &f->cap, f->len + n + 1, 1)) return LLM_ERR_NO_MEMORY;
    if (n) memcpy(f->buf + f->len, data, n);
    f->len += n;
    return LLM_OK;
}

/* GETs url into f; LLM_OK only for a whole 200 answer. */
static llm_result llm__costs_fetch(const llm_transport *t, const char *url, llm__costs_fetched *f, llm_error *err) {
    llm_http_request req;
    llm_http_sink sink;
    llm_error e;
    llm_result r;
    memset(&req, 0, sizeof req);
    req.method = "GET";
    req.url = url;
    req.timeout_ms = 60000;
    sink.status = llm__costs_fetch_status;
    sink.header = llm__costs_fetch_header;
    sink.body = llm__costs_fetch_body;
    sink.ctx = f;
    llm__error_clear(&e);
    r = t->send(t->user, &req, &sink, &e);
    if (r != LLM_OK) {
        if (e.code == LLM_OK || !e.message[0])
            return llm__fail(err, r, "fetching prices from %s: %s", url, llm_result_description(r));
        if (err) *err = e;
        return r;
    }
    if (f->status != 200) {
        r = llm__fail(err, f->status >= 500 ? LLM_ERR_SERVER : LLM_ERR_HTTP, "fetching prices from %s: HTTP %d", url,
                      f->status);
        if (err) err->http_status = f->status;
        return r;
    }
    return LLM_OK;
}

#ifndef LLM_NO_STDIO
#include <stdio.h>
#include <time.h>
#if (defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200809L) || defined(__APPLE__)
#include <unistd.h>
#endif

/* Reads a whole file through the allocator; *cap is the allocation size. */
static char *llm__costs_read_file(const llm_allocator *a, const char *path, size_t *len, size_t *cap) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, c = 0;
    bool oom = false;
    if (!f) return NULL;
    for (;;) {
        size_t got;
        if (!llm__grow(a, (void **)&buf, &c, n + 65536, 1)) {
            oom = true;
            break;
        }
        got = fread(buf + n, 1, c - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f) || oom) {
        llm__free(a, buf, c);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    *cap = c;
    return buf;
}

LLM_API llm_result llm_costs_load_file(llm_costs *db, const char *path, llm_error *err) {
    size_t len, cap;
    char *text;
    llm_result r;
    if (!db || !path) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no database or path given");
    text = llm__costs_read_file(&db->alloc, path, &len, &cap);
    if (!text) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "cannot read %s", path);
    r = llm_costs_load_json(db, text, len, path, err);
    llm__free(&db->alloc, text, cap);
    return r;
}

/* Loads the cache file when it is well-formed and (when young_only) younger
   than max_age_s. */
static llm_result llm__costs_cache_load(llm_costs *db, const char *path, int64_t now, int64_t max_age_s,
                                        bool young_only) {
    size_t len, cap, m = sizeof LLM__COSTS_CACHE_MAGIC - 1, i;
    int64_t fetched = 0;
    char source[300];
    char *text = llm__costs_read_file(&db->alloc, path, &len, &cap);
    llm_result r = LLM_ERR_PARSE;
    if (!text) return LLM_ERR_INVALID_ARGUMENT;
    for (i = m; len > m && i < len && i < m + 18 && text[i] >= '0' && text[i] <= '9'; i++)
        fetched = fetched * 10 + (text[i] - '0');
    if (len > m && memcmp(text, LLM__COSTS_CACHE_MAGIC, m) == 0 && i > m &&
        (!young_only || (now >= fetched && now - fetched < max_age_s))) {
        const char *nl = (const char *)memchr(text, '\n', len);
        snprintf(source, sizeof source, "cache %s (fetched %lld)", path, (long long)fetched);
        if (nl) r = llm_costs_load_json(db, nl + 1, len - (size_t)(nl + 1 - text), source, NULL);
    }
    llm__free(&db->alloc, text, cap);
    return r;
}

/* A new temporary file beside `path`, created exclusively (never through
   an existing file or symlink, which in a shared directory could redirect
   the write): mkstemp where POSIX has it, else C11's "x" mode, which
   glibc, musl and the BSDs honour. Its name goes to tmp. */
static FILE *llm__costs_cache_temp(const char *path, char *tmp, size_t size) {
    if (strlen(path) + 8 > size) return NULL;
    snprintf(tmp, size, "%s.XXXXXX", path);
#if (defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200809L) || defined(__APPLE__)
    {
        int fd = mkstemp(tmp);
        FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (fd >= 0 && !f) {
            close(fd);
            remove(tmp);
        }
        return f;
    }
#else
    {
        uint64_t x = llm__mix64((uint64_t)(uintptr_t)tmp ^ (uint64_t)time(NULL));
        int k;
        for (k = 0; k < 6; k++, x >>= 5) tmp[strlen(path) + 1 + k] = "abcdefghijklmnopqrstuvwxyz012345"[x & 31];
        return fopen(tmp, "wbx");
    }
#endif
}

/* Writes the cache through a temporary file and a rename. */
static void llm__costs_cache_write(const char *path, const llm__costs_fetched *f, int64_t now, const char *url) {
    char tmp[1024];
    FILE *out = llm__costs_cache_temp(path, tmp, sizeof tmp);
    bool ok;
    if (!out) return;
    ok = fprintf(out, "%s%lld url=%s\n", LLM__COSTS_CACHE_MAGIC, (long long)now, url) > 0;
    ok = ok && fwrite(f->buf, 1, f->len, out) == f->len;
    ok = (fclose(out) == 0) && ok;
    if (ok && rename(tmp, path) != 0) {
        remove(path);
        ok = rename(tmp, path) == 0;
    }
    if (!ok) remove(tmp);
}
#endif

LLM_API llm_result llm_costs_refresh(llm_costs *db, const llm_transport *transport, const char *url,
                                     const char *cache_path, int64_t max_age_s, int64_t now, llm_costs_origin *origin,
                                     llm_error *err) {
    llm__costs_fetched f;
    llm_result r;
    if (origin) *origin = LLM_COSTS_FROM_NOTHING;
    if (!db || !transport || !transport->send)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "no database or transport given");
    if (!url) url = LLM_COSTS_DEFAULT_URL;
#ifdef LLM_NO_STDIO
    if (cache_path) return llm__fail(err, LLM_ERR_DISABLED, "no price cache without stdio (LLM_NO_STDIO)");
#else
    if (now == 0) now = (int64_t)time(NULL);
    if (cache_path && llm__costs_cache_load(db, cache_path, now, max_age_s, true) == LLM_OK) {
        if (origin) *origin = LLM_COSTS_FROM_CACHE;
        return LLM_OK;
    }
#endif
    memset(&f, 0, sizeof f);
    f.alloc = &db->alloc;
    r = llm__costs_fetch(transport, url, &f, err);
    if (r == LLM_OK) r = llm_costs_load_json(db, f.buf ? f.buf : "", f.len, url, err);
    if (r == LLM_OK && origin) *origin = LLM_COSTS_FROM_NETWORK;
#ifndef LLM_NO_STDIO
    if (r == LLM_OK && cache_path) llm__costs_cache_write(cache_path, &f, now, url);
    if (r != LLM_OK && cache_path && llm__costs_cache_load(db, cache_path, now, max_age_s, false) == LLM_OK && origin)
        *origin = LLM_COSTS_FROM_STALE_CACHE;
#endif
    llm__free(&db->alloc, f.buf, f.cap);
    (void)now;
    (void)max_age_s;
    return r;
}

#endif /* LLM_NO_COSTS */

/* ------------------------------------------------------------------------ */
// >>wirekit: what every wire format encodes and decodes with
/* ------------------------------------------------------------------------ */

/* A JSON value written again as compact JSON text in an arena, into *out:
   LLM_OK, LLM_ERR_NO_MEMORY, or LLM_ERR_LIMIT_EXCEEDED for a value nested
   deeper than the writer goes (64; the reader takes 512). */
static llm_result llm__wire_json_text(const llm_allocator *a, void **arena, const llm_json *v, const char **out) {
    llm_json_writer w;
    const char *text;
    size_t n;
    llm_result r;
    memset(&w, 0, sizeof w);
    w.alloc = *a;
    llm_json_write_value(&w, v);
    r = llm_json_writer_finish(&w, &text, &n);
    *out = r == LLM_OK ? llm__arena_strndup(a, arena, text, n) : NULL;
    if (r == LLM_OK && !*out) r = LLM_ERR_NO_MEMORY;
    llm_json_writer_free(&w);
    return r == LLM_ERR_NO_MEMORY || r == LLM_OK ? r : LLM_ERR_LIMIT_EXCEEDED;
}

/* The origin of an http(s) URL as RFC 6454 serialises it (section 6.2):
   scheme "://" host, both in lower case, then ":" port unless it is the
   scheme's default (80, 443); userinfo, path, query and fragment left out:
   "HTTPS://API.Anthropic.com:443/v1" is "https://api.anthropic.com". False
   when `url` has no scheme and host, a port that is not a number, or an
   origin longer than size - 1 bytes. */
static bool llm__wire_origin(const char *url, char *out, size_t size) {
    const char *sep = url ? strstr(url, "://") : NULL, *host, *end, *hend, *c, *colon = NULL;
    size_t n = 0;
    unsigned long port = 0, usual;
    if (!sep || sep == url) return false;
    host = sep + 3;
    end = host + strcspn(host, "/?#");
    for (c = host; c < end; c++) {
        if (*c == '@') host = c + 1, colon = NULL; /* userinfo */
        else if (*c == ']') colon = NULL;           /* past an IPv6 literal's colons */
        else if (*c == ':') colon = c;
    }
    hend = colon ? colon : end;
    if (hend == host || (size_t)(sep - url) + 3 + (size_t)(hend - host) + 7 > size) return false;
    for (c = colon ? colon + 1 : end; c < end; c++) {
        if (*c < '0' || *c > '9' || port > 65535) return false;
        port = port * 10 + (unsigned long)(*c - '0');
    }
    for (c = url; c < hend; c = c + 1 == sep ? host : c + 1) {
        out[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c);
        if (c + 1 == sep) memcpy(out + n, "://", 3), n += 3;
    }
    out[n] = '\0';
    usual = strncmp(out, "https:", 6) == 0 ? 443 : strncmp(out, "http:", 5) == 0 ? 80 : 0;
    if (colon && colon + 1 < end && port != usual) {
        out[n++] = ':';
        llm__append_u64(out, size, &n, port);
    }
    return true;
}

/* A data: URL's media type and base64 data; false when it is not one. */
static bool llm__wire_data_url(const char *url, const char **media, size_t *media_len, const char **data) {
    const char *semi, *comma;
    if (strncmp(url, "data:", 5) != 0 || !(comma = strchr(url, ',')) || !(semi = strchr(url, ';')) || semi > comma ||
        strncmp(semi, ";base64,", 8) != 0)
        return false;
    *media = url + 5;
    *media_len = (size_t)(semi - url - 5);
    *data = comma + 1;
    return true;
}

static bool llm__wire_utf8_ok(const char *s) { return !s || llm__utf8_valid_prefix(s, strlen(s)) == strlen(s); }

/* One part of a message: a text with text, an image with a URL or base64
   and a media type, a document the same way. */
static llm_result llm__wire_check_part(const llm_message *msg, const llm_content_part *part, size_t m, size_t p,
                                       llm_error *err) {
    if ((unsigned)part->type > (unsigned)LLM_PART_DOCUMENT || (unsigned)part->detail > (unsigned)LLM_DETAIL_HIGH ||
        (unsigned)part->cache > (unsigned)LLM_CACHE_1H)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].parts[%z]: unknown part type, detail or cache", m,
                         p);
    if (part->type == LLM_PART_TEXT && !part->text)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].parts[%z]: text part without text", m, p);
    if ((part->type == LLM_PART_IMAGE_URL && !part->url) ||
        (part->type == LLM_PART_IMAGE_BASE64 && (!part->base64 || !part->media_type)))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z].parts[%z]: image part without url (or base64 and media_type)", m, p);
    if (part->type == LLM_PART_DOCUMENT && !part->url && (!part->base64 || !part->media_type))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z].parts[%z]: document part without url (or base64 and media_type)", m, p);
    if (part->type != LLM_PART_TEXT && msg->role != LLM_ROLE_USER)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z].parts[%z]: images and documents go in user messages only", m, p);
    if (!llm__wire_utf8_ok(part->text) || !llm__wire_utf8_ok(part->url) || !llm__wire_utf8_ok(part->base64) ||
        !llm__wire_utf8_ok(part->media_type) || !llm__wire_utf8_ok(part->filename))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z].parts[%z]: text, url or filename is not valid UTF-8", m, p);
    return LLM_OK;
}

/* An assistant turn's reasoning blocks: each complete, in UTF-8. */
static llm_result llm__wire_check_reasoning(const llm_message *msg, size_t m, llm_error *err) {
    size_t k;
    if (msg->reasoning_count && !msg->reasoning)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: reasoning_count without reasoning", m);
    if (msg->reasoning_count && msg->role != LLM_ROLE_ASSISTANT)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: only assistant messages carry reasoning blocks",
                         m);
    if (!llm__wire_utf8_ok(msg->reasoning_format) || !llm__wire_utf8_ok(msg->reasoning_provider) ||
        !llm__wire_utf8_ok(msg->reasoning_origin) || !llm__wire_utf8_ok(msg->reasoning_model))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z]: reasoning_format, _provider, _origin or _model is not valid UTF-8", m);
    for (k = 0; k < msg->reasoning_count; k++) {
        const llm_reasoning_block *b = &msg->reasoning[k];
        bool complete = b->kind == LLM_REASONING_THINKING   ? b->signature != NULL
                        : b->kind == LLM_REASONING_REDACTED ? b->data != NULL
                                                            : b->kind == LLM_REASONING_ITEM && b->id != NULL;
        if (!complete)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z].reasoning[%z]: a thinking block needs its signature, a redacted one its "
                             "data, a reasoning item its id",
                             m, k);
        if (!llm__wire_utf8_ok(b->thinking) || !llm__wire_utf8_ok(b->signature) || !llm__wire_utf8_ok(b->data) ||
            !llm__wire_utf8_ok(b->tool_call_id) || !llm__wire_utf8_ok(b->id) || !llm__wire_utf8_ok(b->summary))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].reasoning[%z]: not valid UTF-8", m, k);
    }
    return LLM_OK;
}

/* What a message may hold, checked before anything is written, so the
   error names the field. */
static llm_result llm__wire_check_message(const llm_message *msg, size_t m, llm_error *err) {
    size_t p;
    llm_result r;
    if ((unsigned)msg->role > (unsigned)LLM_ROLE_TOOL)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: unknown role", m);
    if ((unsigned)msg->cache > (unsigned)LLM_CACHE_1H)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: unknown cache", m);
    if ((r = llm__wire_check_reasoning(msg, m, err)) != LLM_OK) return r;
    if (msg->part_count && !msg->parts)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: part_count without parts", m);
    if (msg->tool_call_count && !msg->tool_calls)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: tool_call_count without tool_calls", m);
    if (msg->role == LLM_ROLE_TOOL && !msg->tool_call_id)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: a tool message needs tool_call_id", m);
    if (msg->role != LLM_ROLE_TOOL && msg->tool_call_id)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: tool_call_id belongs to tool messages", m);
    if (msg->role != LLM_ROLE_ASSISTANT && msg->tool_call_count)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: only assistant messages make tool calls", m);
    if (!msg->content && !msg->part_count && !msg->tool_call_count)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: no content", m);
    if (!llm__wire_utf8_ok(msg->content) || !llm__wire_utf8_ok(msg->name) || !llm__wire_utf8_ok(msg->tool_call_id))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "messages[%z]: content, name or tool_call_id is not valid UTF-8", m);
    for (p = 0; p < msg->part_count; p++)
        if ((r = llm__wire_check_part(msg, &msg->parts[p], m, p, err)) != LLM_OK) return r;
    for (p = 0; p < msg->tool_call_count; p++) {
        const llm_tool_call *tc = &msg->tool_calls[p];
        if (!tc->id || !tc->name)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].tool_calls[%z]: id and name are required", m,
                             p);
        if (!llm__wire_utf8_ok(tc->id) || !llm__wire_utf8_ok(tc->name) || !llm__wire_utf8_ok(tc->arguments))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z]: a tool call's id, name or arguments is not valid UTF-8", m);
    }
    return LLM_OK;
}

/* The tools: named, in UTF-8, with parameters that are a JSON object. */
static llm_result llm__wire_check_tools(const llm_request *req, const llm_allocator *a, llm_error *err) {
    size_t i;
    for (i = 0; i < req->tool_count; i++) {
        const llm_tool *t = &req->tools[i];
        llm_error perr;
        if (!t->name) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "tools[%z]: name is required", i);
        if (!llm__wire_utf8_ok(t->name) || !llm__wire_utf8_ok(t->description))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "tools[%z]: name or description is not valid UTF-8", i);
        if ((unsigned)t->cache > (unsigned)LLM_CACHE_1H)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "tools[%z]: unknown cache", i);
        if (t->parameters && llm__json_check(a, t->parameters, strlen(t->parameters), true, NULL, &perr) != LLM_OK)
            return llm__fail(err, perr.code, "tools[%z].parameters: %s", i, perr.message);
    }
    if ((unsigned)req->tool_choice.mode > (unsigned)LLM_TOOL_CHOICE_FUNCTION)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "tool_choice: unknown mode");
    if (req->tool_choice.mode == LLM_TOOL_CHOICE_FUNCTION && !req->tool_choice.name)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "tool_choice: a function choice needs a name");
    return LLM_OK;
}

static llm_result llm__wire_check_format(const llm_response_format *f, const llm_allocator *a, llm_error *err) {
    llm_error perr;
    if ((unsigned)f->type > (unsigned)LLM_FORMAT_JSON_SCHEMA)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "response_format: unknown type");
    if (f->type != LLM_FORMAT_JSON_SCHEMA) return LLM_OK;
    if (!f->name || !f->schema)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "response_format: json_schema needs name and schema");
    if (!llm__wire_utf8_ok(f->name) || !llm__wire_utf8_ok(f->description))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "response_format: name or description is not valid UTF-8");
    if (llm__json_check(a, f->schema, strlen(f->schema), true, NULL, &perr) != LLM_OK)
        return llm__fail(err, perr.code, "response_format.schema: %s", perr.message);
    return LLM_OK;
}

/* The request's own fields. */
static llm_result llm__wire_check_fields(const llm_request *req, llm_error *err) {
    size_t i, k;
    if ((req->tool_count && !req->tools) || (req->stop_count && !req->stop) || (req->metadata_count && !req->metadata))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: a count is set without its array");
    if ((unsigned)req->parallel_tool_calls > (unsigned)LLM_FALSE)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: parallel_tool_calls is not an llm_tristate");
    if (req->max_tokens < 0 || req->max_completion_tokens < 0 || req->n < 0 ||
        (req->has_top_logprobs && req->top_logprobs < 0) || (req->has_top_k && req->top_k < 0))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "request: max_tokens, max_completion_tokens, n, top_logprobs and top_k cannot be negative");
    if (!llm__wire_utf8_ok(req->model) || !llm__wire_utf8_ok(req->user) || !llm__wire_utf8_ok(req->reasoning_effort) ||
        !llm__wire_utf8_ok(req->service_tier))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "request: model, user, reasoning_effort or service_tier is not valid UTF-8");
    for (i = 0; i < req->stop_count; i++)
        if (!req->stop[i] || !llm__wire_utf8_ok(req->stop[i]))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: stop[%z] is NULL or not valid UTF-8", i);
    for (i = 0; i < req->metadata_count; i++) {
        const llm_pair *p = &req->metadata[i];
        if (!p->name || !p->value || !llm__wire_utf8_ok(p->name) || !llm__wire_utf8_ok(p->value))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                             "request: metadata[%z] has a NULL or invalid UTF-8 name or value", i);
        for (k = 0; k < i; k++)
            if (strcmp(req->metadata[k].name, p->name) == 0)
                return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: metadata name \"%s\" is given twice",
                                 p->name);
    }
    return LLM_OK;
}

/* Everything a request must be whatever its wire format: checked once, by
   the call, before any encoder runs; the encoders then only write. */
static llm_result llm__wire_check_request(const llm_request *req, const llm_allocator *a, llm_error *err) {
    size_t i;
    llm_result r;
    if (!req->model || !req->model[0]) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: model is required");
    if (!req->message_count || !req->messages)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: messages are required");
    if ((r = llm__wire_check_fields(req, err)) != LLM_OK) return r;
    for (i = 0; i < req->message_count; i++)
        if ((r = llm__wire_check_message(&req->messages[i], i, err)) != LLM_OK) return r;
    if ((r = llm__wire_check_tools(req, a, err)) != LLM_OK) return r;
    return llm__wire_check_format(&req->response_format, a, err);
}

/* What every embeddings request must be: a model, one input at least,
   each a non-empty UTF-8 text (OpenAI refuses an empty one), and sizes
   that are not negative. */
static llm_result llm__wire_check_embed_request(const llm_embed_request *req, llm_error *err) {
    size_t i;
    if (!req->model || !req->model[0]) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "embeddings: model is required");
    if (!req->input_count || !req->inputs)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "embeddings: one input at least is required");
    for (i = 0; i < req->input_count; i++)
        if (!req->inputs[i] || !req->inputs[i][0] || !llm__wire_utf8_ok(req->inputs[i]))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "embeddings: inputs[%z] must be a non-empty UTF-8 text", i);
    if (req->dimensions < 0 || (unsigned)req->encoding > (unsigned)LLM_EMBED_BASE64)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "embeddings: dimensions below 0, or an unknown encoding");
    if (!llm__wire_utf8_ok(req->model) || !llm__wire_utf8_ok(req->user) || !llm__wire_utf8_ok(req->task_type))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "embeddings: model, user and task_type must be UTF-8");
    return LLM_OK;
}

static void *llm__wire_resp_array(llm_response *resp, size_t count, size_t size, bool *failed) {
    void *p;
    if (!count) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&resp->alloc_, &resp->arena_, count * size))) {
        *failed = true;
        return NULL;
    }
    memset(p, 0, count * size);
    return p;
}
/* What a wire format's finish word means (NULL: none given yet). */
static llm_finish_reason llm__wire_finish_word(const llm_finish_word *words, const char *raw) {
    if (!raw) return LLM_FINISH_NONE;
    for (; words && words->word; words++)
        if (strcmp(raw, words->word) == 0) return words->reason;
    return LLM_FINISH_OTHER;
}
static int llm__wire_choice_order(const void *a, const void *b) {
    int x = ((const llm_choice *)a)->index, y = ((const llm_choice *)b)->index;
    return (x > y) - (x < y);
}
/* Merges `from` into `into` field by field, as a stream's usage chunks are:
   a count of `from` below 0 is one its chunk did not carry, and `into`
   keeps its own; total_tokens not carried becomes the merged prompt +
   completion when either of those was carried. `into` is then REPORTED.
   Merging into a zeroed usage settles a sparse one (absent counts 0). */
static void llm__wire_usage_merge(llm_usage *into, const llm_usage *from) {
    int64_t *dst[8];
    int64_t src[8];
    size_t i;
    dst[0] = &into->prompt_tokens, src[0] = from->prompt_tokens;
    dst[1] = &into->completion_tokens, src[1] = from->completion_tokens;
    dst[2] = &into->cached_tokens, src[2] = from->cached_tokens;
    dst[3] = &into->cache_creation_tokens, src[3] = from->cache_creation_tokens;
    dst[4] = &into->cache_creation_1h_tokens, src[4] = from->cache_creation_1h_tokens;
    dst[5] = &into->reasoning_tokens, src[5] = from->reasoning_tokens;
    dst[6] = &into->audio_prompt_tokens, src[6] = from->audio_prompt_tokens;
    dst[7] = &into->audio_completion_tokens, src[7] = from->audio_completion_tokens;
    for (i = 0; i < 8; i++)
        if (src[i] >= 0) *dst[i] = src[i];
    if (from->total_tokens >= 0) into->total_tokens = from->total_tokens;
    else if (from->prompt_tokens >= 0 || from->completion_tokens >= 0)
        into->total_tokens = into->prompt_tokens + into->completion_tokens;
    into->source = LLM_USAGE_REPORTED;
}
#if !defined(LLM_NO_PROVIDER_OPENAI) || !defined(LLM_NO_PROVIDER_ANTHROPIC) || !defined(LLM_NO_PROVIDER_GEMINI)
#define LLM__WIRE_MAX_COUNT ((int64_t)1 << 53)

/* A copy of a JSON string value in the response's arena; NULL when v is no
   string. *failed is set when memory ran out. */
static const char *llm__wire_resp_str(llm_response *resp, const llm_json *v, bool *failed) {
    size_t len;
    const char *s = llm_json_string(v, &len);
    char *copy;
    if (!s) return NULL;
    copy = llm__arena_strndup(&resp->alloc_, &resp->arena_, s, len);
    if (!copy) *failed = true;
    return copy;
}
/* "call_<choice>_<k>" in the response's arena, for a tool call the server
   gave no id (the next request must name the call its result answers). */
static const char *llm__wire_resp_synth_id(llm_response *resp, int choice, size_t k) {
    char s[LLM__SYNTH_ID_SIZE];
    return llm__arena_strndup(&resp->alloc_, &resp->arena_, s, llm__synth_id(s, (uint64_t)choice, (uint64_t)k));
}
/* A token count of a usage object into *out: true when absent (*out kept)
   or a whole number in 0 ... 2^53; false otherwise (negative, fractional,
   huge), and the usage is then treated as absent. */
static bool llm__wire_usage_count(const llm_json *v, int64_t *out) {
    int64_t n;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    n = llm_json_int(v, -1);
    if (!llm_json_is(v, LLM_JSON_NUMBER) || n < 0 || n > LLM__WIRE_MAX_COUNT) return false;
    *out = n;
    return true;
}
/* Copies a JSON string or number (as text) into a fixed buffer; control
   bytes (a NUL from "\u0000" included) become spaces. */
static void llm__wire_copy_json_text(char *dst, size_t size, const llm_json *v) {
    size_t len;
    const char *s = llm_json_string(v, &len);
    if (s) {
        llm__copy_network_text(dst, size, s, len, NULL);
    } else if (llm_json_is(v, LLM_JSON_NUMBER)) {
        size_t pos = 0;
        int64_t n = llm_json_int(v, 0);
        if (n < 0) dst[pos++] = '-';
        llm__append_u64(dst, size, &pos, n < 0 ? 0 - (uint64_t)n : (uint64_t)n);
    }
}
#if !defined(LLM_NO_PROVIDER_OPENAI) || !defined(LLM_NO_PROVIDER_ANTHROPIC)
/* {"error":{"message","type","code","param"}}, or {"error":"text"}; a
   numeric code of 400-599 (OpenRouter's, also inside a stream) is the
   status it stands for. */
static void llm__wire_decode_error_object(const llm_json *body, llm_error *err) {
    const llm_json *e = llm_json_get(body, "error");
    int64_t code;
    if (llm_json_is(e, LLM_JSON_STRING)) {
        llm__wire_copy_json_text(err->message, sizeof err->message, e);
        return;
    }
    if (!e) e = body;
    llm__wire_copy_json_text(err->message, sizeof err->message, llm_json_get(e, "message"));
    llm__wire_copy_json_text(err->type, sizeof err->type, llm_json_get(e, "type"));
    llm__wire_copy_json_text(err->provider_code, sizeof err->provider_code, llm_json_get(e, "code"));
    code = llm_json_int(llm_json_get(e, "code"), 0);
    if (code >= 400 && code <= 599) err->http_status = (int)code;
}
#endif
/* base + path (+ query) into buf. */
static llm_result llm__wire_url_join(char *buf, size_t size, const char *const *pieces, size_t n, llm_error *err) {
    size_t i, len = 0;
    for (i = 0; i < n; i++) {
        size_t k = pieces[i] ? strlen(pieces[i]) : 0;
        if (k >= size - len) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "the request URL is too long");
        if (k) memcpy(buf + len, pieces[i], k);
        len += k;
    }
    buf[len] = '\0';
    return LLM_OK;
}

#ifndef LLM_NO_PROVIDER_OPENAI /* the formats with a model list */
/* Appends name=value to the URL in buf[size] (the query's first with '?',
   the next ones with '&'), the value percent-encoded but for RFC 3986's
   unreserved bytes. */
static llm_result llm__wire_url_param(char *buf, size_t size, const char *name, const char *value, llm_error *err) {
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(buf), k = strlen(name);
    const unsigned char *v;
    if (k + 2 >= size - len) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "the request URL is too long");
    buf[len++] = strchr(buf, '?') ? '&' : '?';
    memcpy(buf + len, name, k);
    len += k;
    buf[len++] = '=';
    for (v = (const unsigned char *)value; *v; v++) {
        bool plain = (*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
                     *v == '-' || *v == '.' || *v == '_' || *v == '~';
        if ((plain ? 1u : 3u) >= size - len)
            return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "the request URL is too long");
        if (plain) {
            buf[len++] = (char)*v;
        } else {
            buf[len++] = '%';
            buf[len++] = hex[*v >> 4];
            buf[len++] = hex[*v & 15];
        }
    }
    buf[len] = '\0';
    return LLM_OK;
}

/* A list's page as query parameters: the cursor as `after_name`, the page
   size as `limit_name` (each only when given). */
static llm_result llm__wire_url_page(char *buf, size_t size, const llm_list_page *page, const char *after_name,
                                     const char *limit_name, llm_error *err) {
    char n[24];
    size_t k = 0;
    llm_result r = LLM_OK;
    if (page->after) r = llm__wire_url_param(buf, size, after_name, page->after, err);
    if (r != LLM_OK || page->limit <= 0) return r;
    llm__append_u64(n, sizeof n, &k, (uint64_t)page->limit);
    return llm__wire_url_param(buf, size, limit_name, n, err);
}

/* A string member of a model list's answer, copied into the list's arena
   (NULL when absent or not a string; *failed when out of memory). */
static const char *llm__wire_list_string(llm_model_list *list, const llm_json *v, bool *failed) {
    size_t n;
    const char *s = llm_json_string(v, &n);
    char *copy;
    if (!s) return NULL;
    if (!(copy = llm__arena_strndup(&list->alloc_, &list->arena_, s, n))) *failed = true;
    return copy;
}

/* The models array of a list's answer: `count` zeroed entries in its arena
   (NULL for none; *failed when out of memory). */
static llm_remote_model *llm__wire_list_models(llm_model_list *list, size_t count, bool *failed) {
    llm_remote_model *m;
    if (!count) return NULL;
    if (count > ((size_t)-1) / sizeof *m || !(m = (llm_remote_model *)llm_model_list_alloc(list, count * sizeof *m))) {
        *failed = true;
        return NULL;
    }
    list->models = m;
    list->count = count;
    return m;
}
#endif
#endif

#if !defined(LLM_NO_PROVIDER_OPENAI) || !defined(LLM_NO_PROVIDER_ANTHROPIC) || !defined(LLM_NO_PROVIDER_GEMINI)
/* ---- encoding helpers (the encoders') ---- */

/* Encoding context: the writer, the wire context, plus the members of
   extra_body, which win over the fields the library writes. */
typedef struct llm__wire_enc {
    llm_json_writer *w;
    const llm_wire_ctx *ctx;
    const llm_json *extra;      /* extra_body, parsed: its names win */
    const char *extra_text;     /* extra_body as given: its members are copied as they are */
    llm_json_doc extra_doc;
    llm_error *err;
    bool no_reasoning;          /* the request's no_reasoning_blocks */
} llm__wire_enc;

/* Writes a key unless extra_body overrides it; false = skip the value. */
static bool llm__wire_enc_key(llm__wire_enc *e, const char *key) {
    if (llm_json_get(e->extra, key)) return false;
    llm_json_write_key(e->w, key);
    return true;
}
/* A string member; nothing when s is NULL. */
static void llm__wire_member(llm_json_writer *w, const char *key, const char *s) {
    if (!s) return;
    llm_json_write_key(w, key);
    llm_json_write_string(w, s);
}
/* Parses extra_body (a JSON object whose members join the body, winning
   over the library's); `stream` in it is refused: the function called
   decides. */
static llm_result llm__wire_enc_begin(llm__wire_enc *e, const llm_wire_ctx *ctx, const llm_request *req,
                                      llm_json_writer *w, llm_error *err) {
    llm_error perr;
    memset(e, 0, sizeof *e);
    e->w = w;
    e->ctx = ctx;
    e->err = err;
    e->no_reasoning = req->no_reasoning_blocks;
    if (!req->extra_body) return LLM_OK;
    if (llm__json_check(&ctx->client->desc.alloc, req->extra_body, strlen(req->extra_body), true, &e->extra_doc,
                        &perr) != LLM_OK)
        return llm__fail(err, perr.code, "request: extra_body: %s", perr.message);
    e->extra = llm_json_root(&e->extra_doc);
    e->extra_text = req->extra_body;
    if (llm_json_get(e->extra, "stream"))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: extra_body cannot set stream (use llm_stream)");
    return LLM_OK;
}
/* Tools given whole as JSON (llm_request.tools_json), which only the
   Responses API takes: refused by the other formats, naming them. */
static llm_result llm__wire_enc_no_json_tools(llm__wire_enc *e, const llm_request *req) {
    if (!req->tools_json) return LLM_OK;
    return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                     "tools_json: built-in and MCP tools go to the Responses API only (llm_openai_api)");
}

/* Copies extra_body's members, closes the body and says how it went. */
static llm_result llm__wire_enc_end(llm__wire_enc *e, llm_result r) {
    llm_json_writer *w = e->w;
    if (r == LLM_OK && e->extra_text) llm__json_write_members_raw(w, e->extra_text, strlen(e->extra_text));
    if (r == LLM_OK) llm_json_write_object_end(w);
    llm_json_doc_free(&e->extra_doc);
    if (r != LLM_OK) return r;
    if (w->error_ == LLM_ERR_NO_MEMORY) return llm__fail(e->err, LLM_ERR_NO_MEMORY, "out of memory");
    if (w->error_ != LLM_OK)
        return llm__fail(e->err, w->error_, "request: a string is not valid UTF-8 or a number is not finite");
    return LLM_OK;
}
#endif /* the encoders */

#if !defined(LLM_NO_PROVIDER_OPENAI) || !defined(LLM_NO_PROVIDER_ANTHROPIC) || !defined(LLM_NO_PROVIDER_GEMINI)
/* for the encoders that refuse what they cannot take and send reasoning blocks back (all but OpenAI's chat format) */
/* A field this format cannot take, when present: refused, naming it,
   unless the client drops such fields (LLM_OK: it is left out). */
static llm_result llm__wire_enc_drop(llm__wire_enc *e, bool present, const char *field, const char *why) {
    if (!present || e->ctx->client->desc.drop_unsupported) return LLM_OK;
    return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "%s: %s (desc.drop_unsupported leaves it out)", field, why);
}

/* Whether a value recorded with reasoning blocks (NULL: none recorded)
   is the request's. */
static bool llm__wire_same_or_unknown(const char *recorded, const char *target) {
    return !recorded || (target && strcmp(recorded, target) == 0);
}

/* Whether msg's reasoning blocks go into this request: they are this wire
   format's (`format`; a message naming none is `nameless_ours`), and the
   provider, base URL origin and model they were made by, where recorded,
   are the request's (a signature is valid where it was minted only); never
   when the request sends none (no_reasoning_blocks). */
static bool llm__wire_reasoning_sent(const llm__wire_enc *e, const llm_message *msg, const char *format,
                                     bool nameless_ours) {
    char origin[320];
    if (!msg->reasoning_count || e->no_reasoning) return false;
    if (msg->reasoning_format ? strcmp(msg->reasoning_format, format) != 0 : !nameless_ours) return false;
    if (msg->reasoning_origin &&
        !(llm__wire_origin(e->ctx->base_url, origin, sizeof origin) && strcmp(msg->reasoning_origin, origin) == 0))
        return false;
    return llm__wire_same_or_unknown(msg->reasoning_provider, e->ctx->provider ? e->ctx->provider->name : NULL) &&
           llm__wire_same_or_unknown(msg->reasoning_model, e->ctx->model);
}

#endif

#if !defined(LLM_NO_PROVIDER_ANTHROPIC) || !defined(LLM_NO_PROVIDER_GEMINI) /* the non-OpenAI encoders' */
/* What both of these APIs want of a message: tool-call arguments that are
   a JSON object (they take the object, not its text; `any_value`: one JSON
   value, sent back as it came, as Gemini's format does with args that a
   Gemini-shaped server gave as something else) and data: URLs in base64. */
static llm_result llm__wire_enc_message_ok(llm__wire_enc *e, const llm_message *msg, size_t m, bool any_value) {
    size_t k;
    for (k = 0; k < msg->tool_call_count; k++) {
        const char *args = msg->tool_calls[k].arguments;
        llm_error perr;
        if (args && args[0] &&
            llm__json_check(&e->ctx->client->desc.alloc, args, strlen(args), !any_value, NULL, &perr) != LLM_OK)
            return llm__fail(e->err, perr.code == LLM_ERR_NO_MEMORY ? perr.code : LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z].tool_calls[%z] (%s): the arguments are not a JSON %s (%s)", m, k,
                             msg->tool_calls[k].name, any_value ? "value" : "object", perr.message);
    }
    for (k = 0; k < msg->part_count; k++) {
        const llm_content_part *part = &msg->parts[k];
        const char *media, *data;
        size_t n;
        if (part->type == LLM_PART_IMAGE_URL && strncmp(part->url, "data:", 5) == 0 &&
            !llm__wire_data_url(part->url, &media, &n, &data))
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].parts[%z]: a data: URL that is not base64",
                             m, k);
    }
    return LLM_OK;
}

/* The turns of a conversation for the APIs that want the two sides to
   alternate (Anthropic, Gemini): from *m, the next run of messages of one
   side, [*m, *end), user and tool messages being the user's; system and
   developer messages are skipped (they went to the system prompt). False
   when no turn is left. */
static bool llm__wire_enc_next_turn(const llm_request *req, size_t *m, size_t *end, bool *user) {
    llm_role r;
    while (*m < req->message_count &&
           (req->messages[*m].role == LLM_ROLE_SYSTEM || req->messages[*m].role == LLM_ROLE_DEVELOPER))
        ++*m;
    if (*m == req->message_count) return false;
    *user = req->messages[*m].role == LLM_ROLE_USER || req->messages[*m].role == LLM_ROLE_TOOL;
    for (*end = *m + 1; *end < req->message_count; ++*end) {
        r = req->messages[*end].role;
        if (r == LLM_ROLE_SYSTEM || r == LLM_ROLE_DEVELOPER || (r == LLM_ROLE_USER || r == LLM_ROLE_TOOL) != *user)
            break;
    }
    return true;
}
#endif

/* ------------------------------------------------------------------------ */
// >>events: the accumulator behind every stream, and the public sink the decoders feed
/* ------------------------------------------------------------------------ */

/* A small sorted map of int keys to int values (binary search; inserting
   moves the tail). It holds only the keys seen, so a hostile index costs one
   entry, not a slot for every index below it. */
typedef struct llm__events_imap_entry {
    int key, val;
} llm__events_imap_entry;

typedef struct llm__events_imap {
    llm__events_imap_entry *e;
    size_t count, cap;
} llm__events_imap;

/* The position of the first entry whose key is >= key. */
static size_t llm__events_imap_lower(const llm__events_imap *m, int key) {
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->e[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The value of key, or -1. */
static int llm__events_imap_get(const llm__events_imap *m, int key) {
    size_t i = llm__events_imap_lower(m, key);
    return i < m->count && m->e[i].key == key ? m->e[i].val : -1;
}

static bool llm__events_imap_set(const llm_allocator *a, llm__events_imap *m, int key, int val) {
    size_t i = llm__events_imap_lower(m, key);
    void *buf = m->e;
    if (i < m->count && m->e[i].key == key) {
        m->e[i].val = val;
        return true;
    }
    if (!llm__grow(a, &buf, &m->cap, m->count + 1, sizeof *m->e)) return false;
    m->e = (llm__events_imap_entry *)buf;
    memmove(&m->e[i + 1], &m->e[i], (m->count - i) * sizeof *m->e);
    m->e[i].key = key;
    m->e[i].val = val;
    m->count++;
    return true;
}

static void llm__events_imap_free(const llm_allocator *a, llm__events_imap *m) {
    llm__free(a, m->e, m->cap * sizeof *m->e);
    memset(m, 0, sizeof *m);
}

#define LLM__EVENTS_MAX_TOOL_CALLS 1024   /* tool calls in one choice of an answer */

typedef struct llm__events_tool {
    int key;                    /* the event's tool_index, and the call's rank in the response */
    llm__buf id, name, args;
    bool ended;
    bool invalid;               /* its arguments are not one JSON value (or not the object the format wants) */
    bool not_object;            /* the decoder says they are not the object its format wants (Gemini's args) */
} llm__events_tool;

typedef struct llm__events_choice {
    int index;
    llm__buf content, reasoning, refusal, finish, filter;
    bool has_content, has_reasoning, has_refusal;
    llm_finish_reason finish_as;  /* the reason the decoder gave; NONE: the finish words say */
    llm__events_tool *tools;       /* in the order they started */
    size_t tool_count, tool_cap;
    int next_key;               /* above every key given so far */
    llm__events_imap tool_of;          /* the wire's key (OpenAI's tool-call index, Anthropic's block) -> position in
                                          tools */
    struct llm__events_reasoning *rblocks; /* reasoning blocks, in the order they started */
    size_t rblock_count, rblock_cap;
    llm__events_imap rblock_of;        /* the wire's key -> position in rblocks */
} llm__events_choice;

typedef struct llm__events_reasoning {
    llm_reasoning_kind kind;
    llm__buf thinking, signature, data, tool_call_id, id, summary;
} llm__events_reasoning;

typedef struct llm__events_acc {
    llm__buf id, model, object, fingerprint, tier, prompt_filter;
    int64_t created;
    llm__events_choice *choices;   /* in the order they appeared */
    size_t choice_count, choice_cap;
    int *choice_of;             /* choice index (below call->max_choices_) -> position, -1 none yet */
    llm_usage usage;
    bool usage_bad;             /* a count out of range: the usage is refused */
    bool has_provider_cost, has_upstream_cost;
    double provider_cost, upstream_cost;
    llm_error stream_error;
} llm__events_acc;

static llm__events_acc *llm__events_of(llm_call *call) {
    if (!call->acc_) {
        call->acc_ = llm__alloc(&call->alloc_, sizeof(llm__events_acc));
        if (!call->acc_) {
            llm__sticky_nomem(call);
            return NULL;
        }
        memset(call->acc_, 0, sizeof(llm__events_acc));
    }
    return (llm__events_acc *)call->acc_;
}

static void llm__events_choice_free(const llm_allocator *a, llm__events_choice *c) {
    size_t k;
    llm__buf_free(a, &c->content);
    llm__buf_free(a, &c->reasoning);
    llm__buf_free(a, &c->refusal);
    llm__buf_free(a, &c->finish);
    llm__buf_free(a, &c->filter);
    for (k = 0; k < c->tool_count; k++) {
        llm__buf_free(a, &c->tools[k].id);
        llm__buf_free(a, &c->tools[k].name);
        llm__buf_free(a, &c->tools[k].args);
    }
    llm__free(a, c->tools, c->tool_cap * sizeof *c->tools);
    llm__events_imap_free(a, &c->tool_of);
    for (k = 0; k < c->rblock_count; k++) {
        llm__buf_free(a, &c->rblocks[k].thinking);
        llm__buf_free(a, &c->rblocks[k].signature);
        llm__buf_free(a, &c->rblocks[k].data);
        llm__buf_free(a, &c->rblocks[k].tool_call_id);
        llm__buf_free(a, &c->rblocks[k].id);
        llm__buf_free(a, &c->rblocks[k].summary);
    }
    llm__free(a, c->rblocks, c->rblock_cap * sizeof *c->rblocks);
    llm__events_imap_free(a, &c->rblock_of);
}

static void llm__events_free(llm_call *call) {
    llm__events_acc *acc = (llm__events_acc *)call->acc_;
    const llm_allocator *a = &call->alloc_;
    size_t i;
    if (!acc) return;
    for (i = 0; i < acc->choice_count; i++) llm__events_choice_free(a, &acc->choices[i]);
    llm__free(a, acc->choices, acc->choice_cap * sizeof *acc->choices);
    llm__free(a, acc->choice_of, (size_t)call->max_choices_ * sizeof *acc->choice_of);
    llm__buf_free(a, &acc->id);
    llm__buf_free(a, &acc->model);
    llm__buf_free(a, &acc->object);
    llm__buf_free(a, &acc->fingerprint);
    llm__buf_free(a, &acc->tier);
    llm__buf_free(a, &acc->prompt_filter);
    llm__free(a, acc, sizeof *acc);
    call->acc_ = NULL;
}

/* Whether a choice index from the answer is allowed: below the request's n
   (1 when unset), or LLM__CALL_MAX_RECORDED_CHOICES when decoding recorded
   bytes. Fails the call when it is not. */
static bool llm__events_choice_index_ok(llm_call *call, int64_t index) {
    if (index >= 0 && index < call->max_choices_) return true;
    llm__sticky_errorf(call, LLM_ERR_PARSE, "choice index %d is out of range: the request asked for %d choice%s",
                       index > 99999999 ? 99999999 : (int)index, call->max_choices_,
                       call->max_choices_ == 1 ? "" : "s");
    return false;
}

/* The accumulator's choice with this index, created when new; NULL (the
   call failed) when out of memory or the index is out of range. The
   pointer is valid until the next choice is created. */
static llm__events_choice *llm__events_choice_at(llm_call *call, int index) {
    llm__events_acc *acc = llm__events_of(call);
    llm__events_choice *c;
    void *buf;
    int i;
    if (!acc || !llm__events_choice_index_ok(call, index)) return NULL;
    if (!acc->choice_of) { /* a table over the indices the request allows: the caller's n, not the server's */
        acc->choice_of = (int *)llm__alloc(&call->alloc_, (size_t)call->max_choices_ * sizeof(int));
        if (!acc->choice_of) {
            llm__sticky_nomem(call);
            return NULL;
        }
        for (i = 0; i < call->max_choices_; i++) acc->choice_of[i] = -1;
    }
    if (acc->choice_of[index] >= 0) return &acc->choices[acc->choice_of[index]];
    buf = acc->choices;
    if (!llm__grow(&call->alloc_, &buf, &acc->choice_cap, acc->choice_count + 1, sizeof(llm__events_choice))) {
        llm__sticky_nomem(call);
        return NULL;
    }
    acc->choices = (llm__events_choice *)buf;
    acc->choice_of[index] = (int)acc->choice_count;
    c = &acc->choices[acc->choice_count++];
    memset(c, 0, sizeof *c);
    c->index = index;
    return c;
}

/* Appends to an accumulator buffer, within the stream's byte limit. */
static llm_result llm__events_add(llm_call *call, llm__buf *b, const char *s, size_t n) {
    if (n > call->max_stream_bytes_ - call->acc_bytes_)
        return llm__sticky_errorf(call, LLM_ERR_LIMIT_EXCEEDED,
                                  "the streamed answer is larger than stream.max_bytes (%z bytes)",
                                  call->max_stream_bytes_);
    if (!llm__buf_add(&call->alloc_, b, s, n)) return llm__sticky_nomem(call);
    call->acc_bytes_ += n;
    return LLM_OK;
}

/* Appends an event to the queue that llm_call_next_event empties. */
static llm_event *llm__events_emit(llm_call *call, llm_event_type type, int choice) {
    llm_event *ev;
    void *buf = call->queue_;
    if (!llm__grow(&call->alloc_, &buf, &call->queue_cap_, call->queue_len_ + 1, sizeof(llm_event))) {
        llm__sticky_nomem(call);
        return NULL;
    }
    call->queue_ = (llm_event *)buf;
    ev = &call->queue_[call->queue_len_++];
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    ev->choice = choice;
    return ev;
}

/* The loop guard: the same text delta (longer than 2 bytes) in `limit`
   text events in a row means the model is looping. */
static llm_result llm__events_loop_guard(llm_call *call, const char *s, size_t n) {
    int limit = call->sopt_.has_loop_guard ? call->sopt_.loop_guard : 100;
    void *buf;
    if (limit <= 0) return LLM_OK;
    if (n > 2 && n == call->last_text_len_ && memcmp(s, call->last_text_, n) == 0) {
        if (++call->repeats_ >= limit)
            return llm__sticky_error(call, LLM_ERR_PARSE, "the model repeats the same text: stopped by the loop guard");
        return LLM_OK;
    }
    call->repeats_ = n > 2 ? 1 : 0;
    buf = call->last_text_;
    if (!llm__grow(&call->alloc_, &buf, &call->last_text_cap_, n + 1, 1)) return llm__sticky_nomem(call);
    call->last_text_ = (char *)buf;
    memcpy(call->last_text_, s, n);
    call->last_text_len_ = n;
    return LLM_OK;
}

/* A text, reasoning or refusal delta: an event, and the accumulator. */
static llm_result llm__events_delta(llm_call *call, llm_event_type type, int choice, const char *s, size_t n) {
    llm_event *ev;
    llm__events_choice *c;
    if (!s || !n) return LLM_OK;
    if (!llm__events_choice_index_ok(call, choice)) return call->error_;
    if (type == LLM_EVENT_TEXT && llm__events_loop_guard(call, s, n) != LLM_OK) return call->error_;
    if (!(ev = llm__events_emit(call, type, choice))) return call->error_;
    ev->text = s;
    ev->text_len = n;
    call->content_seen_ = true;
    if (call->sopt_.no_accumulate) return LLM_OK;
    if (!(c = llm__events_choice_at(call, choice))) return call->error_;
    if (type == LLM_EVENT_TEXT) {
        c->has_content = true;
        return llm__events_add(call, &c->content, s, n);
    }
    if (type == LLM_EVENT_REASONING) {
        c->has_reasoning = true;
        return llm__events_add(call, &c->reasoning, s, n);
    }
    c->has_refusal = true;
    return llm__events_add(call, &c->refusal, s, n);
}

/* Starts a new tool call at the end of the choice's list, ranked by `key`
   (the wire's index; -1: after every call so far). Its first delta must
   name the function (every provider's first delta does). Returns its
   position, or -1 (the call failed). */
static int llm__events_tool_new(llm_call *call, int choice, llm__events_choice *c, int key, const char *id,
                                const char *name) {
    llm__events_tool *t;
    llm_event *ev;
    void *buf = c->tools;
    if (!name || !name[0]) {
        llm__sticky_errorf(call, LLM_ERR_PARSE, "choice %d: tool call %z starts without a function name", choice,
                           c->tool_count);
        return -1;
    }
    if (c->tool_count >= LLM__EVENTS_MAX_TOOL_CALLS) {
        llm__sticky_errorf(call, LLM_ERR_PARSE, "choice %d: more than %d tool calls", choice,
                           LLM__EVENTS_MAX_TOOL_CALLS);
        return -1;
    }
    if (!llm__grow(&call->alloc_, &buf, &c->tool_cap, c->tool_count + 1, sizeof(llm__events_tool))) {
        llm__sticky_nomem(call);
        return -1;
    }
    c->tools = (llm__events_tool *)buf;
    t = &c->tools[c->tool_count++];
    memset(t, 0, sizeof *t);
    t->key = key >= 0 ? key : c->next_key;
    if (t->key >= c->next_key) c->next_key = t->key == 0x7FFFFFFF ? t->key : t->key + 1;
    if ((id && id[0] && llm__events_add(call, &t->id, id, strlen(id)) != LLM_OK) ||
        llm__events_add(call, &t->name, name, strlen(name)) != LLM_OK)
        return -1;
    if (!(ev = llm__events_emit(call, LLM_EVENT_TOOL_CALL_START, choice))) return -1;
    ev->tool_index = t->key;
    ev->tool_id = t->id.p;
    ev->tool_name = t->name.p;
    call->content_seen_ = true;
    return (int)c->tool_count - 1;
}

static llm_result llm__events_tool_delta_as(llm_call *call, int choice, llm__events_choice *c, int tool, const char *s,
                                            size_t n, bool transient) {
    llm_event *ev;
    if (!n) return LLM_OK;
    if (c->tools[tool].ended)
        return llm__sticky_errorf(call, LLM_ERR_PARSE, "choice %d: tool call %d has more arguments after it ended",
                                  choice, c->tools[tool].key);
    if (llm__events_add(call, &c->tools[tool].args, s, n) != LLM_OK) return call->error_;
    if (!(ev = llm__events_emit(call, LLM_EVENT_TOOL_CALL_DELTA, choice))) return call->error_;
    ev->tool_index = c->tools[tool].key;
    ev->text = transient ? c->tools[tool].args.p + c->tools[tool].args.len - n : s; /* transient: the copy */
    ev->text_len = n;
    return LLM_OK;
}

static llm_result llm__events_tool_delta(llm_call *call, int choice, llm__events_choice *c, int tool, const char *s,
                                         size_t n) {
    return llm__events_tool_delta_as(call, choice, c, tool, s, n, false);
}

/* "call_<choice>_<position>" for a tool call the server gave no id. */
static llm_result llm__events_tool_synth_id(llm_call *call, int choice, int tool, llm__buf *id) {
    char s[LLM__SYNTH_ID_SIZE];
    return llm__events_add(call, id, s, llm__synth_id(s, (uint64_t)choice, (uint64_t)tool));
}

/* Flags a tool call whose arguments are not one JSON value (a small
   model's single quotes, two values glued together, arguments cut off by
   the token limit): they are kept as they came, the same verdict a whole
   answer's decoder gives. No arguments are "{}". LLM_ERR_NO_MEMORY when
   it cannot tell. */
static llm_result llm__events_tool_check(llm_call *call, llm__events_tool *t) {
    llm_result r = t->args.len ? llm_json_parse(&call->check_, t->args.p, t->args.len, NULL) : LLM_OK;
    t->invalid = r != LLM_OK || t->not_object;
    return r == LLM_ERR_NO_MEMORY ? r : LLM_OK;
}

/* Ends a tool call: its id made up when it has none, "" becomes "{}", its
   arguments checked (llm__events_tool_check). */
static llm_result llm__events_tool_end(llm_call *call, int choice, llm__events_choice *c, int tool) {
    llm__events_tool *t = &c->tools[tool];
    llm_event *ev;
    if (t->ended) return LLM_OK;
    t->ended = true;
    if (!t->id.len && llm__events_tool_synth_id(call, choice, t->key, &t->id) != LLM_OK) return call->error_;
    if (!t->args.len && llm__events_add(call, &t->args, "{}", 2) != LLM_OK) return call->error_;
    if (llm__events_tool_check(call, t) != LLM_OK) return llm__sticky_nomem(call);
    if (!(ev = llm__events_emit(call, LLM_EVENT_TOOL_CALL_END, choice))) return call->error_;
    ev->tool_index = t->key;
    ev->tool_id = t->id.p;
    ev->tool_name = t->name.p;
    ev->tool_arguments_invalid = t->invalid;
    ev->text = t->args.p;
    ev->text_len = t->args.len;
    return LLM_OK;
}

static llm_result llm__events_finish_choice(llm_call *call, int choice, llm_finish_reason as, const char *raw,
                                            size_t n) {
    llm__events_choice *c = llm__events_choice_at(call, choice);
    llm_event *ev;
    llm_finish_reason reason;
    size_t k;
    if (!c) return call->error_;
    c->finish.len = 0;
    if (llm__events_add(call, &c->finish, raw, n) != LLM_OK) return call->error_;
    c->finish_as = as;
    reason =
        as != LLM_FINISH_NONE ? as : llm__wire_finish_word(call->wire_->finish_words, c->finish.p);
    for (k = 0; k < c->tool_count; k++)
        if (llm__events_tool_end(call, choice, c, (int)k) != LLM_OK) return call->error_;
    if (!(ev = llm__events_emit(call, LLM_EVENT_FINISH, choice))) return call->error_;
    ev->finish_reason = reason;
    ev->finish_reason_raw = c->finish.p;
    return LLM_OK;
}

static llm_result llm__events_usage(llm_call *call) {
    llm__events_acc *acc = llm__events_of(call);
    llm_event *ev = acc && !acc->usage_bad ? llm__events_emit(call, LLM_EVENT_USAGE, 0) : NULL;
    if (ev) ev->usage = &acc->usage;
    return call->error_;
}

/* An error inside a 2xx stream: classified like an HTTP error of the
   status it stands for (llm__http_classify_with). */
static llm_result llm__events_stream_error(llm_call *call, const llm_json *body) {
    llm__events_acc *acc = llm__events_of(call);
    llm_error *e;
    llm_event *ev;
    if (!acc) return call->error_;
    e = &acc->stream_error;
    llm__error_clear(e);
    llm__http_json_scrub(llm_json_get(body, "error") ? llm_json_get(body, "error") : body, call->client_->desc.api_key);
    call->wire_->decode_error(body, e);
    if (!e->message[0]) llm__copy_text(e->message, sizeof e->message, "error inside the stream", 23);
    llm__copy_text(e->request_id, sizeof e->request_id, call->request_id_, strlen(call->request_id_));
    llm__http_classify_with(call->wire_->error_words, e, true);
    e->http_status = call->status_;
    /* a wire format's decode_error may read beyond the member scrubbed above:
       the event's error is scrubbed whole, as the call's final error is */
    llm__scrub_error(e, call->client_->desc.api_key);
    if ((ev = llm__events_emit(call, LLM_EVENT_ERROR, 0)) != NULL) ev->error = e;
    if (call->error_ == LLM_OK) {
        call->error_ = e->code;
        call->err_ = *e;
    }
    return call->error_;
}

/* ---- the sink: what a wire format's stream decoder may do ---- */

static llm__events_choice *llm__events_sink_choice(llm_stream_sink *s, int choice) {
    return s && s->call_ ? llm__events_choice_at(s->call_, choice) : NULL;
}

/* The tool call of a handle, or NULL (the call then fails). */
static llm__events_tool *llm__events_sink_tool(llm_stream_sink *s, int choice, int handle, llm__events_choice **out) {
    llm__events_choice *c = llm__events_sink_choice(s, choice);
    *out = c;
    if (!c) return NULL;
    if (handle < 0 || (size_t)handle >= c->tool_count) {
        llm__sticky_error(s->call_, LLM_ERR_INVALID_ARGUMENT, "a stream decoder named a tool call that does not exist");
        return NULL;
    }
    return &c->tools[handle];
}

LLM_API llm_result llm_sink_delta(llm_stream_sink *s, llm_event_type kind, int choice, const char *text, size_t len) {
    if (!s || !s->call_) return LLM_ERR_INVALID_ARGUMENT;
    if (kind != LLM_EVENT_TEXT && kind != LLM_EVENT_REASONING && kind != LLM_EVENT_REFUSAL)
        return llm__sticky_error(s->call_, LLM_ERR_INVALID_ARGUMENT,
                                 "llm_sink_delta: the kind is text, reasoning or refusal");
    return llm__events_delta(s->call_, kind, choice, text, len);
}

LLM_API llm_result llm_sink_choice(llm_stream_sink *s, int choice) {
    if (!s || !s->call_) return LLM_ERR_INVALID_ARGUMENT;
    if (!llm__events_choice_index_ok(s->call_, choice)) return s->call_->error_;
    if (!s->call_->sopt_.no_accumulate && !llm__events_choice_at(s->call_, choice)) return s->call_->error_;
    return LLM_OK;
}

LLM_API int llm_sink_tool_find(llm_stream_sink *s, int choice, int key) {
    llm__events_choice *c = llm__events_sink_choice(s, choice);
    if (!c) return -1;
    if (key < 0) return c->tool_count ? (int)c->tool_count - 1 : -1;
    return llm__events_imap_get(&c->tool_of, key);
}

LLM_API int llm_sink_tool_begin(llm_stream_sink *s, int choice, int key, const char *id, const char *name) {
    llm__events_choice *c = llm__events_sink_choice(s, choice);
    int pos;
    if (!c) return s && s->call_ ? (int)s->call_->error_ : (int)LLM_ERR_INVALID_ARGUMENT;
    /* a key already used passes to the new call, which ranks after every call */
    pos = llm__events_tool_new(s->call_, choice, c, key >= 0 && llm__events_imap_get(&c->tool_of, key) < 0 ? key : -1,
                               id, name);
    if (pos < 0) return (int)s->call_->error_;
    if (key >= 0 && !llm__events_imap_set(&s->call_->alloc_, &c->tool_of, key, pos))
        return (int)llm__sticky_nomem(s->call_);
    return pos;
}

LLM_API const char *llm_sink_tool_id(llm_stream_sink *s, int choice, int handle) {
    llm__events_choice *c;
    llm__events_tool *t = llm__events_sink_tool(s, choice, handle, &c);
    return t && t->id.p ? t->id.p : "";
}

LLM_API llm_result llm_sink_tool_set_id(llm_stream_sink *s, int choice, int handle, const char *id, size_t len) {
    llm__events_choice *c;
    llm__events_tool *t = llm__events_sink_tool(s, choice, handle, &c);
    if (!t) return s && s->call_ ? s->call_->error_ : LLM_ERR_INVALID_ARGUMENT;
    return t->id.len || !len ? LLM_OK : llm__events_add(s->call_, &t->id, id, len);
}

LLM_API llm_result llm_sink_tool_args(llm_stream_sink *s, int choice, int handle, const char *text, size_t len) {
    llm__events_choice *c;
    if (!llm__events_sink_tool(s, choice, handle, &c))
        return s && s->call_ ? s->call_->error_ : LLM_ERR_INVALID_ARGUMENT;
    return llm__events_tool_delta(s->call_, choice, c, handle, text, len);
}

LLM_API llm_result llm_sink_tool_args_whole(llm_stream_sink *s, int choice, int handle, const char *text, size_t len) {
    llm__events_choice *c;
    if (!llm__events_sink_tool(s, choice, handle, &c))
        return s && s->call_ ? s->call_->error_ : LLM_ERR_INVALID_ARGUMENT;
    return llm__events_tool_delta_as(s->call_, choice, c, handle, text, len, true);
}

LLM_API llm_result llm_sink_tool_end(llm_stream_sink *s, int choice, int handle) {
    llm__events_choice *c;
    if (!llm__events_sink_tool(s, choice, handle, &c))
        return s && s->call_ ? s->call_->error_ : LLM_ERR_INVALID_ARGUMENT;
    return llm__events_tool_end(s->call_, choice, c, handle);
}

#ifndef LLM_NO_PROVIDER_GEMINI /* its one user */
/* llm_sink_tool_end for a call whose arguments are one JSON value but not
   the object its wire format promises (Gemini's args): kept, flagged
   arguments_invalid as arguments that are not JSON are. */
static llm_result llm__events_tool_end_not_object(llm_stream_sink *s, int choice, int handle) {
    llm__events_choice *c;
    llm__events_tool *t = llm__events_sink_tool(s, choice, handle, &c);
    if (!t) return s && s->call_ ? s->call_->error_ : LLM_ERR_INVALID_ARGUMENT;
    t->not_object = true;
    return llm__events_tool_end(s->call_, choice, c, handle);
}
#endif

LLM_API llm_result llm_sink_finish(llm_stream_sink *s, int choice, const char *word, size_t len) {
    if (!s || !s->call_ || (!word && len)) return LLM_ERR_INVALID_ARGUMENT;
    return llm__events_finish_choice(s->call_, choice, LLM_FINISH_NONE, word ? word : "", len);
}

LLM_API llm_result llm_sink_finish_reason(llm_stream_sink *s, int choice, llm_finish_reason reason, const char *word,
                                          size_t len) {
    if (!s || !s->call_ || (!word && len) || (unsigned)reason > (unsigned)LLM_FINISH_OTHER)
        return LLM_ERR_INVALID_ARGUMENT;
    return llm__events_finish_choice(s->call_, choice, reason, word ? word : "", len);
}

LLM_API llm_result llm_sink_usage(llm_stream_sink *s, const llm_usage *usage, bool valid) {
    llm__events_acc *acc;
    if (!s || !s->call_ || !usage) return LLM_ERR_INVALID_ARGUMENT;
    if (!(acc = llm__events_of(s->call_))) return s->call_->error_;
    if (!valid) acc->usage_bad = true;
    else llm__wire_usage_merge(&acc->usage, usage);
    return llm__events_usage(s->call_);
}

LLM_API void llm_sink_provider_cost(llm_stream_sink *s, double usd) {
    llm__events_acc *acc = s && s->call_ ? llm__events_of(s->call_) : NULL;
    if (!acc || !(usd >= 0 && usd < 1e9)) return;
    acc->has_provider_cost = true;
    acc->provider_cost = usd;
}

LLM_API void llm_sink_upstream_cost(llm_stream_sink *s, double usd) {
    llm__events_acc *acc = s && s->call_ ? llm__events_of(s->call_) : NULL;
    if (!acc || !(usd >= 0 && usd < 1e9)) return;
    acc->has_upstream_cost = true;
    acc->upstream_cost = usd;
}

LLM_API llm_result llm_sink_content_filter(llm_stream_sink *s, int choice, const llm_json *value) {
    llm__events_choice *c;
    llm__events_acc *acc;
    llm__buf *b;
    llm_json_writer w;
    const char *text;
    size_t n;
    llm_result r;
    if (!s || !s->call_ || !value) return LLM_ERR_INVALID_ARGUMENT;
    if (s->call_->sopt_.no_accumulate) return LLM_OK;
    if (choice < 0) {
        if (!(acc = llm__events_of(s->call_))) return s->call_->error_;
        b = &acc->prompt_filter;
    } else {
        if (!(c = llm__events_sink_choice(s, choice))) return s->call_->error_;
        b = &c->filter;
    }
    memset(&w, 0, sizeof w);
    w.alloc = s->call_->alloc_;
    llm_json_write_value(&w, value);
    r = llm_json_writer_finish(&w, &text, &n);
    if (r == LLM_OK) {
        b->len = 0; /* the last one wins */
        r = llm__events_add(s->call_, b, text, n);
    } else if (r == LLM_ERR_NO_MEMORY) {
        r = llm__sticky_nomem(s->call_);
    } else {
        r = LLM_OK; /* nested deeper than the writer's 64: left out, as in a whole answer */
    }
    llm_json_writer_free(&w);
    return r;
}

LLM_API llm_result llm_sink_reasoning_block(llm_stream_sink *s, int choice, int key, llm_reasoning_kind kind,
                                            llm_reasoning_part part, const char *text, size_t len) {
    llm__events_choice *c;
    llm__events_reasoning *b;
    int pos;
    void *buf;
    if (!s || !s->call_ || (!text && len) || (unsigned)kind > (unsigned)LLM_REASONING_ITEM ||
        (unsigned)part > (unsigned)LLM_REASONING_PART_SUMMARY)
        return LLM_ERR_INVALID_ARGUMENT;
    if (s->call_->sopt_.no_accumulate) return LLM_OK;
    if (!(c = llm__events_sink_choice(s, choice))) return s->call_->error_;
    if ((pos = llm__events_imap_get(&c->rblock_of, key)) < 0) {
        buf = c->rblocks;
        if (!llm__grow(&s->call_->alloc_, &buf, &c->rblock_cap, c->rblock_count + 1, sizeof *c->rblocks))
            return llm__sticky_nomem(s->call_);
        c->rblocks = (llm__events_reasoning *)buf;
        pos = (int)c->rblock_count;
        if (!llm__events_imap_set(&s->call_->alloc_, &c->rblock_of, key, pos)) return llm__sticky_nomem(s->call_);
        memset(&c->rblocks[pos], 0, sizeof c->rblocks[pos]);
        c->rblocks[pos].kind = kind;
        c->rblock_count++;
    }
    b = &c->rblocks[pos];
    if (part == LLM_REASONING_PART_SUMMARY) b->summary.len = 0; /* a whole array: the last one wins */
    if (!len) return LLM_OK;
    return llm__events_add(s->call_,
                           part == LLM_REASONING_PART_THINKING    ? &b->thinking
                           : part == LLM_REASONING_PART_SIGNATURE ? &b->signature
                           : part == LLM_REASONING_PART_DATA      ? &b->data
                           : part == LLM_REASONING_PART_ID        ? &b->id
                           : part == LLM_REASONING_PART_SUMMARY   ? &b->summary
                                                                  : &b->tool_call_id,
                           text, len);
}

LLM_API llm_result llm_sink_field_set(llm_stream_sink *s, llm_sink_field field, const char *text, size_t len) {
    llm__events_acc *acc;
    llm__buf *b;
    if (!s || !s->call_ || (unsigned)field >= (unsigned)LLM__FIELD_COUNT || (!text && len))
        return LLM_ERR_INVALID_ARGUMENT;
    if (!(acc = llm__events_of(s->call_))) return s->call_->error_;
    b = field == LLM_FIELD_ID            ? &acc->id
        : field == LLM_FIELD_MODEL       ? &acc->model
        : field == LLM_FIELD_OBJECT      ? &acc->object
        : field == LLM_FIELD_FINGERPRINT ? &acc->fingerprint
                                         : &acc->tier;
    /* the first wins: every chunk repeats it */
    return b->len || !len ? LLM_OK : llm__events_add(s->call_, b, text, len);
}

LLM_API void llm_sink_created(llm_stream_sink *s, int64_t created) {
    llm__events_acc *acc = s && s->call_ ? llm__events_of(s->call_) : NULL;
    if (acc && !acc->created) acc->created = created;
}

LLM_API llm_result llm_sink_error(llm_stream_sink *s, const llm_json *body) {
    if (!s || !s->call_) return LLM_ERR_INVALID_ARGUMENT;
    return llm__events_stream_error(s->call_, body);
}

LLM_API void llm_sink_done(llm_stream_sink *s) {
    if (s && s->call_) s->call_->done_ = true;
}

LLM_API void llm_sink_complete(llm_stream_sink *s) {
    if (s && s->call_) s->call_->complete_ = true;
}

LLM_API llm_result llm_sink_fail(llm_stream_sink *s, llm_result code, const char *message) {
    if (!s || !s->call_) return LLM_ERR_INVALID_ARGUMENT;
    return llm__sticky_errorf(s->call_, code < 0 ? code : LLM_ERR_PARSE, "%s",
                              message ? message : "invalid stream event");
}

LLM_API char *llm_response_strndup(llm_response *resp, const char *s, size_t len) {
    if (!resp || (!s && len)) return NULL;
    return llm__arena_strndup(&resp->alloc_, &resp->arena_, s ? s : "", len);
}

LLM_API void *llm_response_alloc(llm_response *resp, size_t size) {
    void *p = resp ? llm__arena_alloc(&resp->alloc_, &resp->arena_, size) : NULL;
    if (p) memset(p, 0, size);
    return p;
}

/* Copies an accumulator buffer into the response's arena. */
static const char *llm__events_str(llm_response *resp, const llm__buf *b, bool *failed) {
    const char *s;
    if (!b->p) return NULL;
    s = llm__arena_strndup(&resp->alloc_, &resp->arena_, b->p, b->len);
    if (!s) *failed = true;
    return s;
}

/* A buffer's text in the arena; "" when it holds none. */
static const char *llm__events_str_or_empty(llm_response *resp, const llm__buf *b, bool *failed) {
    return b->p ? llm__events_str(resp, b, failed) : "";
}

/* The reasoning blocks of a choice, for the wire format `format`. */
static void llm__events_reasoning_out(llm_response *resp, llm_choice *out, const llm__events_choice *c,
                                      const char *format, bool *failed) {
    llm_reasoning_block *blocks =
        (llm_reasoning_block *)llm__wire_resp_array(resp, c->rblock_count, sizeof *blocks, failed);
    size_t k;
    for (k = 0; blocks && k < c->rblock_count; k++) {
        blocks[k].kind = c->rblocks[k].kind;
        if (blocks[k].kind == LLM_REASONING_REDACTED) {
            blocks[k].data = llm__events_str_or_empty(resp, &c->rblocks[k].data, failed);
        } else if (blocks[k].kind == LLM_REASONING_ITEM) {
            blocks[k].id = llm__events_str_or_empty(resp, &c->rblocks[k].id, failed);
            blocks[k].summary =
                c->rblocks[k].summary.len ? llm__events_str(resp, &c->rblocks[k].summary, failed) : "[]";
            blocks[k].data = llm__events_str(resp, &c->rblocks[k].data, failed);
        } else {
            blocks[k].thinking = llm__events_str_or_empty(resp, &c->rblocks[k].thinking, failed);
            blocks[k].signature = llm__events_str_or_empty(resp, &c->rblocks[k].signature, failed);
        }
        blocks[k].tool_call_id = llm__events_str(resp, &c->rblocks[k].tool_call_id, failed);
    }
    out->reasoning_blocks = blocks;
    out->reasoning_block_count = blocks ? c->rblock_count : 0;
    out->reasoning_format = blocks ? format : NULL;
}

/* The tool calls of a choice: only those that started (so each has a
   name) and, once the stream ended, an id. */
static void llm__events_choice_out(llm_response *resp, llm_choice *out, const llm__events_choice *c,
                                   const llm_finish_word *words, const char *format, bool *failed) {
    llm_tool_call *calls = (llm_tool_call *)llm__wire_resp_array(resp, c->tool_count, sizeof *calls, failed);
    int order[LLM__EVENTS_MAX_TOOL_CALLS];
    size_t k, j;
    out->index = c->index;
    out->content = c->has_content ? llm__events_str(resp, &c->content, failed) : NULL;
    out->content_len = c->has_content ? c->content.len : 0;
    out->reasoning = c->has_reasoning ? llm__events_str(resp, &c->reasoning, failed) : NULL;
    out->refusal = c->has_refusal ? llm__events_str(resp, &c->refusal, failed) : NULL;
    out->finish_reason_raw = llm__events_str(resp, &c->finish, failed);
    out->finish_reason =
        c->finish_as != LLM_FINISH_NONE ? c->finish_as : llm__wire_finish_word(words, out->finish_reason_raw);
    out->content_filter = llm__events_str(resp, &c->filter, failed);
    for (k = 0; k < c->tool_count; k++) { /* positions in key order: insertion, as calls mostly arrive in order */
        for (j = k; j > 0 && c->tools[order[j - 1]].key > c->tools[k].key; j--) order[j] = order[j - 1];
        order[j] = (int)k;
    }
    for (k = 0; calls && k < c->tool_count; k++) {
        const llm__events_tool *t = &c->tools[order[k]];
        calls[k].id = llm__events_str(resp, &t->id, failed);
        calls[k].name = llm__events_str(resp, &t->name, failed);
        calls[k].arguments = t->args.len ? llm__events_str(resp, &t->args, failed) : "{}";
        calls[k].arguments_invalid = t->invalid;
    }
    out->tool_calls = calls;
    out->tool_call_count = calls ? c->tool_count : 0;
    llm__events_reasoning_out(resp, out, c, format, failed);
}

/* The accumulated response, the same shape a whole answer decodes to;
   false when out of memory. */
static bool llm__events_response_of(llm_call *call, llm_response *resp) {
    llm__events_acc *acc = (llm__events_acc *)call->acc_;
    llm_choice *choices;
    bool failed = false;
    size_t i;
    resp->alloc_ = call->alloc_;
    if (!acc) return true;
    resp->id = llm__events_str(resp, &acc->id, &failed);
    resp->model = llm__events_str(resp, &acc->model, &failed);
    resp->object = llm__events_str(resp, &acc->object, &failed);
    resp->system_fingerprint = llm__events_str(resp, &acc->fingerprint, &failed);
    resp->service_tier = llm__events_str(resp, &acc->tier, &failed);
    resp->prompt_filter = llm__events_str(resp, &acc->prompt_filter, &failed);
    resp->created = acc->created;
    if (!acc->usage_bad) resp->usage = acc->usage;
    else resp->usage_refused = true;
    resp->has_provider_cost = acc->has_provider_cost;
    resp->provider_cost_usd = acc->provider_cost;
    resp->has_upstream_cost = acc->has_upstream_cost;
    resp->upstream_cost_usd = acc->upstream_cost;
    choices = (llm_choice *)llm__wire_resp_array(resp, acc->choice_count, sizeof *choices, &failed);
    for (i = 0; choices && i < acc->choice_count; i++)
        llm__events_choice_out(resp, &choices[i], &acc->choices[i], call->wire_->finish_words,
                               call->wire_->name, &failed);
    if (choices) qsort(choices, acc->choice_count, sizeof *choices, llm__wire_choice_order);
    resp->choices = choices;
    resp->choice_count = choices ? acc->choice_count : 0;
    return !failed;
}

/* A Responses API reasoning item of a whole answer into the accumulator. */
static llm_result llm__events_item_state(llm_stream_sink *sink, int choice, int k, const llm_reasoning_block *b) {
    llm_result r = llm_sink_reasoning_block(sink, choice, k, b->kind, LLM_REASONING_PART_ID, b->id, strlen(b->id));
    if (r == LLM_OK)
        r = llm_sink_reasoning_block(sink, choice, k, b->kind, LLM_REASONING_PART_SUMMARY, b->summary,
                                     strlen(b->summary));
    if (r == LLM_OK && b->data)
        r = llm_sink_reasoning_block(sink, choice, k, b->kind, LLM_REASONING_PART_DATA, b->data, strlen(b->data));
    return r;
}

/* What a choice holds beside its events: its reasoning blocks and its
   content-filter annotations. */
static llm_result llm__events_choice_state(llm_call *call, const llm_choice *c) {
    llm_stream_sink sink;
    llm__events_choice *ac = llm__events_choice_at(call, c->index);
    size_t k;
    llm_result r = ac ? LLM_OK : call->error_;
    sink.state = call->ctx_.state;
    sink.call_ = call;
    for (k = 0; r == LLM_OK && k < c->reasoning_block_count; k++) {
        const llm_reasoning_block *b = &c->reasoning_blocks[k];
        if (b->kind == LLM_REASONING_REDACTED) {
            r = llm_sink_reasoning_block(&sink, c->index, (int)k, b->kind, LLM_REASONING_PART_DATA, b->data,
                                         strlen(b->data));
        } else if (b->kind == LLM_REASONING_ITEM) {
            r = llm__events_item_state(&sink, c->index, (int)k, b);
        } else if ((r = llm_sink_reasoning_block(&sink, c->index, (int)k, b->kind, LLM_REASONING_PART_THINKING,
                                                 b->thinking, strlen(b->thinking))) == LLM_OK) {
            r = llm_sink_reasoning_block(&sink, c->index, (int)k, b->kind, LLM_REASONING_PART_SIGNATURE, b->signature,
                                         strlen(b->signature));
        }
        if (r == LLM_OK && b->tool_call_id)
            r = llm_sink_reasoning_block(&sink, c->index, (int)k, b->kind, LLM_REASONING_PART_TOOL_CALL_ID,
                                         b->tool_call_id, strlen(b->tool_call_id));
    }
    if (r == LLM_OK && c->content_filter && !call->sopt_.no_accumulate)
        r = llm__events_add(call, &ac->filter, c->content_filter, strlen(c->content_filter));
    return r;
}

/* One choice of a whole answer told as the events a stream would carry. */
static llm_result llm__events_from_choice(llm_call *call, const llm_choice *c) {
    llm__events_choice *ac;
    size_t k;
    if (!llm__events_choice_at(call, c->index) ||
        llm__events_delta(call, LLM_EVENT_REASONING, c->index, c->reasoning, c->reasoning ? strlen(c->reasoning) : 0) !=
            LLM_OK ||
        llm__events_delta(call, LLM_EVENT_TEXT, c->index, c->content, c->content_len) != LLM_OK ||
        llm__events_delta(call, LLM_EVENT_REFUSAL, c->index, c->refusal, c->refusal ? strlen(c->refusal) : 0) != LLM_OK)
        return call->error_;
    for (k = 0; k < c->tool_call_count; k++) {
        int pos;
        if (!(ac = llm__events_choice_at(call, c->index)) ||
            (pos = llm__events_tool_new(call, c->index, ac, (int)k, c->tool_calls[k].id, c->tool_calls[k].name)) < 0 ||
            llm__events_tool_delta(call, c->index, ac, pos, c->tool_calls[k].arguments,
                                   strlen(c->tool_calls[k].arguments)) != LLM_OK)
            return call->error_;
    }
    if (llm__events_choice_state(call, c) != LLM_OK) return call->error_;
    if (c->finish_reason_raw) /* the decoder's reason, where the words alone would say another (Gemini's tool_calls) */
        return llm__events_finish_choice(
            call, c->index,
            llm__wire_finish_word(call->wire_->finish_words, c->finish_reason_raw) == c->finish_reason
                ? LLM_FINISH_NONE
                : c->finish_reason,
            c->finish_reason_raw, strlen(c->finish_reason_raw));
    return LLM_OK;
}

/* A whole answer (a plain JSON body to a streamed request, decoded) told
   as the events a stream would have carried, and kept in the accumulator. */
static llm_result llm__events_from_answer(llm_call *call, const llm_response *answer) {
    llm__events_acc *acc = llm__events_of(call);
    size_t i;
    if (!acc) return call->error_;
    for (i = 0; i < answer->choice_count; i++)
        if (llm__events_from_choice(call, &answer->choices[i]) != LLM_OK) return call->error_;
    if ((answer->id && llm__events_add(call, &acc->id, answer->id, strlen(answer->id)) != LLM_OK) ||
        (answer->model && llm__events_add(call, &acc->model, answer->model, strlen(answer->model)) != LLM_OK))
        return call->error_;
    acc->created = answer->created;
    acc->usage = answer->usage;
    acc->usage_bad = answer->usage_refused;
    acc->has_provider_cost = answer->has_provider_cost;
    acc->provider_cost = answer->provider_cost_usd;
    acc->has_upstream_cost = answer->has_upstream_cost;
    acc->upstream_cost = answer->upstream_cost_usd;
    if (answer->prompt_filter &&
        llm__events_add(call, &acc->prompt_filter, answer->prompt_filter, strlen(answer->prompt_filter)) != LLM_OK)
        return call->error_;
    if (answer->usage.source == LLM_USAGE_REPORTED && llm__events_usage(call) != LLM_OK) return call->error_;
    return LLM_OK;
}

/* The end of a stream: the tool calls no finish closed are closed (when
   the call failed, only their arguments are checked: the partial response
   flags them too), then the accumulated response is built; false when out
   of memory. */
static bool llm__events_finish(llm_call *call, llm_response *resp) {
    llm__events_acc *acc = (llm__events_acc *)call->acc_;
    size_t i, k;
    for (i = 0; acc && i < acc->choice_count; i++) /* calls a finish never closed */
        for (k = 0; k < acc->choices[i].tool_count; k++) {
            llm__events_tool *t = &acc->choices[i].tools[k];
            if (call->error_ == LLM_OK) llm__events_tool_end(call, acc->choices[i].index, &acc->choices[i], (int)k);
            else if (!t->ended && llm__events_tool_check(call, t) != LLM_OK) return false;
        }
    return llm__events_response_of(call, resp);
}

/* ------------------------------------------------------------------------ */
// >>openai: the OpenAI chat-completions wire format (OpenAI, Azure, OpenRouter and compatibles)
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_PROVIDER_OPENAI

/* Writes "type":"function","function":{ in an open object: the wrapper
   OpenAI puts around tools, tool calls and a named tool choice. */
static void llm__openai_function_open(llm_json_writer *w) {
    llm__wire_member(w, "type", "function");
    llm_json_write_key(w, "function");
    llm_json_write_object_begin(w);
}
static const char *llm__openai_detail_name(llm_image_detail d) {
    return d == LLM_DETAIL_LOW ? "low" : d == LLM_DETAIL_HIGH ? "high" : "auto";
}

/* "data:<media type>;base64,<data>" as a JSON string. */
static void llm__openai_data_url(llm_json_writer *w, const char *media_type, const char *base64) {
    const char *pieces[4];
    pieces[0] = "data:";
    pieces[1] = media_type;
    pieces[2] = ";base64,";
    pieces[3] = base64;
    llm__json_write_string_pieces(w, pieces, 4);
}

static llm_result llm__openai_part(llm__wire_enc *e, const llm_content_part *part) {
    llm_json_writer *w = e->w;
    llm_json_write_object_begin(w);
    if (part->type == LLM_PART_TEXT) {
        llm__wire_member(w, "type", "text");
        llm__wire_member(w, "text", part->text);
    } else if (part->type == LLM_PART_DOCUMENT) { /* a file part: its bytes as a data URL (by URL: refused before) */
        llm__wire_member(w, "type", "file");
        llm_json_write_key(w, "file");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "file_data");
        llm__openai_data_url(w, part->media_type, part->base64);
        llm__wire_member(w, "filename", part->filename);
        llm_json_write_object_end(w);
    } else {
        llm__wire_member(w, "type", "image_url");
        llm_json_write_key(w, "image_url");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "url");
        if (part->type == LLM_PART_IMAGE_URL) llm_json_write_string(w, part->url);
        else llm__openai_data_url(w, part->media_type, part->base64);
        if (part->detail != LLM_DETAIL_DEFAULT) llm__wire_member(w, "detail", llm__openai_detail_name(part->detail));
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
    return LLM_OK;
}

static void llm__openai_tool_calls(llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    size_t i;
    llm_json_write_key(w, "tool_calls");
    llm_json_write_array_begin(w);
    for (i = 0; i < msg->tool_call_count; i++) {
        const llm_tool_call *tc = &msg->tool_calls[i];
        llm_json_write_object_begin(w);
        llm__wire_member(w, "id", tc->id);
        llm__openai_function_open(w);
        llm__wire_member(w, "name", tc->name);
        llm_json_write_key(w, "arguments"); /* a string holding JSON text */
        llm_json_write_string(w, tc->arguments ? tc->arguments : "{}");
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
}

/* A message's content: a string when it is text alone (`content`, or one
   text part: its cache marker is nothing this format writes), which every
   OpenAI-compatible server takes, where older vLLM, llama.cpp and Ollama
   builds answer 500 to an array; otherwise the parts as an array, as given
   (several text parts are not joined: that would choose a separator). */
static void llm__openai_content(llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    size_t p;
    llm_json_write_key(w, "content");
    if (msg->part_count == 1 && msg->parts[0].type == LLM_PART_TEXT) {
        llm_json_write_string(w, msg->parts[0].text);
    } else if (msg->part_count) {
        llm_json_write_array_begin(w);
        for (p = 0; p < msg->part_count; p++) llm__openai_part(e, &msg->parts[p]);
        llm_json_write_array_end(w);
    } else {
        llm_json_write_string(w, msg->content); /* NULL writes null: an assistant turn of tool calls only */
    }
}

static void llm__openai_message(llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    bool developer_as_system = msg->role == LLM_ROLE_DEVELOPER && (e->ctx->quirks & LLM_QUIRK_NO_DEVELOPER_ROLE);
    llm_json_write_object_begin(w);
    llm__wire_member(w, "role", llm__role_name(developer_as_system ? LLM_ROLE_SYSTEM : msg->role));
    llm__openai_content(e, msg);
    if (msg->role != LLM_ROLE_TOOL) llm__wire_member(w, "name", msg->name); /* a tool message has no name */
    if (msg->role == LLM_ROLE_ASSISTANT && msg->tool_call_count) llm__openai_tool_calls(e, msg);
    if (msg->role == LLM_ROLE_TOOL) llm__wire_member(w, "tool_call_id", msg->tool_call_id);
    llm_json_write_object_end(w);
}

static void llm__openai_tools(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    if (!req->tool_count || !llm__wire_enc_key(e, "tools")) return;
    llm_json_write_array_begin(w);
    for (i = 0; i < req->tool_count; i++) {
        const llm_tool *t = &req->tools[i];
        llm_json_write_object_begin(w);
        llm__openai_function_open(w);
        llm__wire_member(w, "name", t->name);
        llm__wire_member(w, "description", t->description);
        llm_json_write_key(w, "parameters");
        if (t->parameters) llm__json_write_raw_checked(w, t->parameters, strlen(t->parameters));
        else llm__json_write_raw_checked(w, "{\"type\":\"object\",\"properties\":{}}", 33);
        if (t->strict) {
            llm_json_write_key(w, "strict");
            llm_json_write_bool(w, true);
        }
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
}

static void llm__openai_tool_choice(llm__wire_enc *e, const llm_request *req) {
    static const char *const modes[] = {NULL, "none", "auto", "required"};
    llm_json_writer *w = e->w;
    const llm_tool_choice *tc = &req->tool_choice;
    if (tc->mode == LLM_TOOL_CHOICE_DEFAULT || !llm__wire_enc_key(e, "tool_choice")) return;
    if (tc->mode != LLM_TOOL_CHOICE_FUNCTION) {
        llm_json_write_string(w, modes[tc->mode]);
        return;
    }
    llm_json_write_object_begin(w);
    llm__openai_function_open(w);
    llm__wire_member(w, "name", tc->name);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

static void llm__openai_response_format(llm__wire_enc *e, const llm_response_format *f) {
    static const char *const types[] = {NULL, "text", "json_object", "json_schema"};
    llm_json_writer *w = e->w;
    if (f->type == LLM_FORMAT_DEFAULT || !llm__wire_enc_key(e, "response_format")) return;
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", types[f->type]);
    if (f->type == LLM_FORMAT_JSON_SCHEMA) {
        llm_json_write_key(w, "json_schema");
        llm_json_write_object_begin(w);
        llm__wire_member(w, "name", f->name);
        llm__wire_member(w, "description", f->description);
        llm_json_write_key(w, "schema");
        llm__json_write_raw_checked(w, f->schema, strlen(f->schema));
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, f->strict);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
}

/* OpenAI's reasoning models, which take max_completion_tokens and refuse
   max_tokens: o1, o3, o4 and gpt-5 and their variants. */
static bool llm__openai_reasoning_model(const char *m) {
    return (m[0] == 'o' && (m[1] == '1' || m[1] == '3' || m[1] == '4') && (m[2] == '\0' || m[2] == '-')) ||
           strncmp(m, "gpt-5", 5) == 0;
}

/* The scalar sampling fields: each is written only when set. */
static void llm__openai_sampling(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    if (req->has_temperature && llm__wire_enc_key(e, "temperature")) llm_json_write_number(w, req->temperature);
    if (req->has_top_p && llm__wire_enc_key(e, "top_p")) llm_json_write_number(w, req->top_p);
    if (req->max_tokens > 0 && !req->max_completion_tokens && (e->ctx->quirks & LLM_QUIRK_MAX_COMPLETION_TOKENS) &&
        llm__openai_reasoning_model(e->ctx->model)) {
        if (llm__wire_enc_key(e, "max_completion_tokens")) llm_json_write_int(w, req->max_tokens);
    } else if (req->max_tokens > 0 && llm__wire_enc_key(e, "max_tokens")) {
        llm_json_write_int(w, req->max_tokens);
    }
    if (req->max_completion_tokens > 0 && llm__wire_enc_key(e, "max_completion_tokens"))
        llm_json_write_int(w, req->max_completion_tokens);
    if (req->stop_count && req->stop && llm__wire_enc_key(e, "stop")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->stop_count; i++) llm_json_write_string(w, req->stop[i] ? req->stop[i] : "");
        llm_json_write_array_end(w);
    }
    if (req->has_seed && llm__wire_enc_key(e, "seed")) llm_json_write_int(w, req->seed);
    if (req->has_top_k && llm__wire_enc_key(e, "top_k")) llm_json_write_int(w, req->top_k);
    if (req->n > 0 && !(e->ctx->quirks & LLM_QUIRK_ONE_CHOICE) && llm__wire_enc_key(e, "n"))
        llm_json_write_int(w, req->n);
    if (req->has_presence_penalty && llm__wire_enc_key(e, "presence_penalty"))
        llm_json_write_number(w, req->presence_penalty);
    if (req->has_frequency_penalty && llm__wire_enc_key(e, "frequency_penalty"))
        llm_json_write_number(w, req->frequency_penalty);
    if (req->logprobs && llm__wire_enc_key(e, "logprobs")) llm_json_write_bool(w, true);
    if (req->has_top_logprobs && llm__wire_enc_key(e, "top_logprobs")) llm_json_write_int(w, req->top_logprobs);
    if (req->parallel_tool_calls != LLM_UNSET && llm__wire_enc_key(e, "parallel_tool_calls"))
        llm_json_write_bool(w, req->parallel_tool_calls == LLM_TRUE);
    if (req->reasoning_effort && llm__wire_enc_key(e, "reasoning_effort"))
        llm_json_write_string(w, req->reasoning_effort);
    if (req->service_tier && llm__wire_enc_key(e, "service_tier")) llm_json_write_string(w, req->service_tier);
    if (req->user && llm__wire_enc_key(e, "user")) llm_json_write_string(w, req->user);
    if (req->metadata_count && req->metadata && llm__wire_enc_key(e, "metadata")) {
        llm_json_write_object_begin(w);
        for (i = 0; i < req->metadata_count; i++) {
            llm_json_write_key(w, req->metadata[i].name);
            llm_json_write_string(w, req->metadata[i].value ? req->metadata[i].value : "");
        }
        llm_json_write_object_end(w);
    }
}

/* What the chat-completions format cannot take, said before anything is
   written. */
static llm_result llm__openai_refusals(llm__wire_enc *e, const llm_request *req) {
    size_t m, p;
    llm_result r = llm__wire_enc_no_json_tools(e, req);
    if (r != LLM_OK) return r;
    /* many choices asked of a server that answers one: said now, not found missing later */
    if (req->n > 1 && (e->ctx->quirks & LLM_QUIRK_ONE_CHOICE) && !llm_json_get(e->extra, "n"))
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "n: %s answers one choice (LLM_QUIRK_ONE_CHOICE)",
                         e->ctx->provider->name);
    for (m = 0; m < req->message_count; m++)
        for (p = 0; p < req->messages[m].part_count; p++)
            if (req->messages[m].parts[p].type == LLM_PART_DOCUMENT && !req->messages[m].parts[p].base64)
                return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                                 "messages[%z].parts[%z]: a document by URL: the chat-completions format takes a "
                                 "file's bytes (base64)",
                                 m, p);
    return LLM_OK;
}

static llm_result llm__openai_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                     llm_error *err) {
    llm__wire_enc e;
    size_t i;
    llm_result r = llm__wire_enc_begin(&e, ctx, req, w, err);
    if (r != LLM_OK) return llm__wire_enc_end(&e, r);
    if ((r = llm__openai_refusals(&e, req)) != LLM_OK) return llm__wire_enc_end(&e, r);
    llm_json_write_object_begin(w);
    if (llm__wire_enc_key(&e, "model")) llm_json_write_string(w, ctx->model);
    if (llm__wire_enc_key(&e, "messages")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->message_count; i++) llm__openai_message(&e, &req->messages[i]);
        llm_json_write_array_end(w);
    }
    llm__openai_tools(&e, req);
    llm__openai_tool_choice(&e, req);
    llm__openai_response_format(&e, &req->response_format);
    llm__openai_sampling(&e, req);
    if (ctx->stream && llm__wire_enc_key(&e, "stream")) llm_json_write_bool(w, true);
    if (ctx->stream && !req->stream.no_usage && !(ctx->quirks & LLM_QUIRK_NO_STREAM_OPTIONS) &&
        llm__wire_enc_key(&e, "stream_options"))
        llm_json_write_raw(w, "{\"include_usage\":true}", 22);
    return llm__wire_enc_end(&e, LLM_OK);
}

static llm_result llm__openai_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                  llm_error *err) {
    const char *pieces[2];
    (void)req;
    pieces[0] = ctx->base_url;
    pieces[1] = "/chat/completions";
    return llm__wire_url_join(buf, size, pieces, 2, err);
}

/* Azure OpenAI: the v1 API ({base}/openai/v1/chat/completions, no
   api-version) when the version is empty, "v1", "latest" or "preview", or
   the base already ends in /openai/v1; else the deployment form
   {base}/openai/deployments/{deployment}/chat/completions?api-version=V. */
static llm_result llm__openai_azure_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                        llm_error *err) {
    const char *v = ctx->client->desc.api_version, *pieces[6];
    size_t n = strlen(ctx->base_url);
    (void)req;
    pieces[0] = ctx->base_url;
    if (n >= 10 && strcmp(ctx->base_url + n - 10, "/openai/v1") == 0) {
        pieces[1] = "/chat/completions";
        return llm__wire_url_join(buf, size, pieces, 2, err);
    }
    if (!v || !v[0] || strcmp(v, "v1") == 0 || strcmp(v, "latest") == 0 || strcmp(v, "preview") == 0) {
        pieces[1] = "/openai/v1/chat/completions";
        return llm__wire_url_join(buf, size, pieces, 2, err);
    }
    if (!llm__visible_ascii(v) || strchr(v, '&') || strchr(v, '#') || strchr(v, '/') || strchr(ctx->model, '/') ||
        strchr(ctx->model, '?'))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "azure: api_version and the deployment name must be plain (no spaces, '/', '?', '&' or '#')");
    pieces[1] = "/openai/deployments/";
    pieces[2] = ctx->model;
    pieces[3] = "/chat/completions?api-version=";
    pieces[4] = v;
    return llm__wire_url_join(buf, size, pieces, 5, err);
}

/* ---- decoding ---- */

/* OpenAI's finish reasons (CreateChatCompletionResponse.choices[].finish_reason),
   and OpenRouter's "error" (a stream that ends with an error). */
static const llm_finish_word llm__openai_finish_words[] = {{"stop", LLM_FINISH_STOP},
                                                           {"length", LLM_FINISH_LENGTH},
                                                           {"tool_calls", LLM_FINISH_TOOL_CALLS},
                                                           {"function_call", LLM_FINISH_TOOL_CALLS},
                                                           {"content_filter", LLM_FINISH_CONTENT_FILTER},
                                                           {"error", LLM_FINISH_ERROR},
                                                           {NULL, LLM_FINISH_NONE}};

/* OpenAI's error words, and the common ones of compatible servers: the
   types and codes that decide more than the status does. insufficient_quota
   comes with 429 but waiting will not help (money will); content_filter is
   Azure's refusal. In a stream (no status) the others give the class. */
static const llm_error_word llm__openai_error_words[] = {
    {"insufficient_quota", LLM_ERR_PAYMENT_REQUIRED, true, false},
    {"content_filter", LLM_ERR_CONTENT_POLICY, true, false},
    {"context_length_exceeded", LLM_ERR_CONTEXT_WINDOW_EXCEEDED, true, false},
    {"invalid_api_key", LLM_ERR_AUTHENTICATION, false, false},
    {"rate_limit_exceeded", LLM_ERR_RATE_LIMITED, false, false},
    {"model_not_found", LLM_ERR_NOT_FOUND, false, false},
    {"authentication_error", LLM_ERR_AUTHENTICATION, false, false},
    {"permission_error", LLM_ERR_PERMISSION, false, false},
    {"not_found_error", LLM_ERR_NOT_FOUND, false, false},
    {"rate_limit_error", LLM_ERR_RATE_LIMITED, false, false},
    {"invalid_request_error", LLM_ERR_BAD_REQUEST, false, false},
    {"server_error", LLM_ERR_SERVER, false, false},
    {NULL, LLM_OK, false, false}};

/* Whether `args` is one JSON value: the same check the stream applies when
   a tool call ends. */
static llm_result llm__openai_check_arguments(const llm_allocator *a, const char *args, size_t n) {
    llm_json_doc doc;
    llm_result r;
    memset(&doc, 0, sizeof doc);
    doc.alloc = *a;
    r = llm_json_parse(&doc, args, n, NULL);
    llm_json_doc_free(&doc);
    return r;
}

/* The tool calls of a message: each needs a function name; a missing id is
   made up (llm__wire_resp_synth_id); arguments that are not one JSON value
   are kept as they came, the call flagged (arguments_invalid), as a stream
   ends such a call. */
static llm_result llm__openai_tool_calls_decode(llm_response *resp, llm_choice *c, size_t ci, const llm_json *calls,
                                                llm_error *err) {
    const llm_json *v;
    bool failed = false;
    llm_tool_call *out = (llm_tool_call *)llm__wire_resp_array(resp, llm_json_count(calls), sizeof *out, &failed);
    size_t n = 0;
    for (v = llm_json_first(calls); v && out; v = llm_json_next(calls, v), n++) {
        const llm_json *fn = llm_json_get(v, "function");
        llm_result r;
        out[n].id = llm__wire_resp_str(resp, llm_json_get(v, "id"), &failed);
        out[n].name = llm__wire_resp_str(resp, llm_json_get(fn, "name"), &failed);
        out[n].arguments = llm__wire_resp_str(resp, llm_json_get(fn, "arguments"), &failed);
        if (failed) break;
        if (!out[n].name || !out[n].name[0])
            return llm__fail(err, LLM_ERR_PARSE, "response: choices[%z].message.tool_calls[%z] has no function name",
                             ci, n);
        if (!out[n].id && !(out[n].id = llm__wire_resp_synth_id(resp, c->index, n))) failed = true;
        if (!out[n].arguments || !out[n].arguments[0]) out[n].arguments = "{}"; /* no arguments: an empty object */
        r = llm__openai_check_arguments(&resp->alloc_, out[n].arguments, strlen(out[n].arguments));
        if (r == LLM_ERR_NO_MEMORY) return llm__fail(err, r, "out of memory");
        out[n].arguments_invalid = r != LLM_OK;
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    c->tool_calls = out;
    c->tool_call_count = out ? n : 0;
    return LLM_OK;
}

static void llm__openai_logprobs_decode(llm_response *resp, llm_choice *c, const llm_json *content, bool *failed) {
    const llm_json *v, *t;
    llm_logprob *out = (llm_logprob *)llm__wire_resp_array(resp, llm_json_count(content), sizeof *out, failed);
    size_t n = 0;
    if (!out) return;
    for (v = llm_json_first(content); v; v = llm_json_next(content, v), n++) {
        const llm_json *top = llm_json_get(v, "top_logprobs");
        llm_top_logprob *tops =
            (llm_top_logprob *)llm__wire_resp_array(resp, llm_json_count(top), sizeof *tops, failed);
        size_t k = 0;
        out[n].token = llm__wire_resp_str(resp, llm_json_get(v, "token"), failed);
        out[n].logprob = llm_json_number(llm_json_get(v, "logprob"), 0);
        for (t = llm_json_first(top); t && tops; t = llm_json_next(top, t), k++) {
            tops[k].token = llm__wire_resp_str(resp, llm_json_get(t, "token"), failed);
            tops[k].logprob = llm_json_number(llm_json_get(t, "logprob"), 0);
        }
        out[n].top = tops;
        out[n].top_count = tops ? k : 0;
    }
    c->logprobs = out;
    c->logprob_count = n;
}

/* A value written again as JSON text in the response's arena; NULL for none. */
static const char *llm__openai_json_text(llm_response *resp, const llm_json *v, bool *failed) {
    const char *copy = NULL;
    /* an annotation nested deeper than 64 is left out: it is no failure of the answer */
    if (v && llm__wire_json_text(&resp->alloc_, &resp->arena_, v, &copy) == LLM_ERR_NO_MEMORY) *failed = true;
    return copy;
}

/* Choice ci of a chat completion; `index` defaults to the position. */
static llm_result llm__openai_choice_decode(llm_response *resp, llm_choice *c, size_t ci, const llm_json *v,
                                            llm_error *err) {
    const llm_json *msg = llm_json_get(v, "message"), *iv = llm_json_get(v, "index");
    const llm_json *reasoning = llm_json_get(msg, "reasoning_content");
    int64_t index = iv ? llm_json_int(iv, -1) : (int64_t)ci;
    bool failed = false;
    size_t len = 0;
    llm_result r;
    if (index < 0 || index > 0x7FFFFFFF)
        return llm__fail(err, LLM_ERR_PARSE, "response: choices[%z].index is not a non-negative integer", ci);
    c->index = (int)index;
    c->content = llm__wire_resp_str(resp, llm_json_get(msg, "content"), &failed);
    llm_json_string(llm_json_get(msg, "content"), &len);
    c->content_len = c->content ? len : 0;
    c->refusal = llm__wire_resp_str(resp, llm_json_get(msg, "refusal"), &failed);
    /* DeepSeek and vLLM say reasoning_content, OpenRouter and Groq reasoning */
    c->reasoning = llm__wire_resp_str(resp, reasoning ? reasoning : llm_json_get(msg, "reasoning"), &failed);
    c->finish_reason_raw = llm__wire_resp_str(resp, llm_json_get(v, "finish_reason"), &failed);
    c->finish_reason = llm__wire_finish_word(llm__openai_finish_words, c->finish_reason_raw);
    llm__openai_logprobs_decode(resp, c, llm_json_get(llm_json_get(v, "logprobs"), "content"), &failed);
    c->content_filter = llm__openai_json_text(resp, llm_json_get(v, "content_filter_results"), &failed); /* Azure */
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    r = llm__openai_tool_calls_decode(resp, c, ci, llm_json_get(msg, "tool_calls"), err);
    return r;
}

/* OpenRouter's costs in its usage object: `cost` (charged to the account)
   and cost_details.upstream_inference_cost (billed by the upstream
   provider; with the caller's own key, is_byok, that is spent too; without,
   it is already part of `cost`). Negative or absurd amounts are ignored. */
static void llm__openai_openrouter_cost(const llm_json *u, llm_response *resp) {
    double cost = llm_json_number(llm_json_get(u, "cost"), -1);
    double upstream = llm_json_number(llm_json_get(llm_json_get(u, "cost_details"), "upstream_inference_cost"), -1);
    bool byok = llm_json_bool(llm_json_get(u, "is_byok"), false);
    if (!(upstream >= 0 && upstream < 1e9)) upstream = -1;
    if (!(cost >= 0 && cost < 1e9)) cost = -1;
    if (upstream >= 0) {
        resp->has_upstream_cost = true;
        resp->upstream_cost_usd = upstream;
    }
    if (cost >= 0) {
        resp->has_provider_cost = true;
        resp->provider_cost_usd = cost + (byok && upstream >= 0 ? upstream : 0);
    }
}

/* OpenAI's usage object (also Groq's x_groq.usage and OpenRouter's) into
   *us as the counts it carries, -1 for the others (a stream's chunks are
   merged so); false when a count is out of range. */
static bool llm__openai_usage_carried(const llm_json *u, llm_usage *us) {
    const llm_json *pd = llm_json_get(u, "prompt_tokens_details"), *cd = llm_json_get(u, "completion_tokens_details");
    us->source = LLM_USAGE_REPORTED; /* every count "not carried" (-1) until read */
    us->prompt_tokens = us->completion_tokens = us->total_tokens = us->cached_tokens = -1;
    us->cache_creation_tokens = us->cache_creation_1h_tokens = us->reasoning_tokens = -1;
    us->audio_prompt_tokens = us->audio_completion_tokens = -1;
    return llm__wire_usage_count(llm_json_get(u, "prompt_tokens"), &us->prompt_tokens) &&
           llm__wire_usage_count(llm_json_get(u, "completion_tokens"), &us->completion_tokens) &&
           llm__wire_usage_count(llm_json_get(u, "total_tokens"), &us->total_tokens) &&
           llm__wire_usage_count(llm_json_get(pd, "cached_tokens"), &us->cached_tokens) &&
           llm__wire_usage_count(llm_json_get(pd, "cache_write_tokens"), &us->cache_creation_tokens) &&
           llm__wire_usage_count(llm_json_get(pd, "audio_tokens"), &us->audio_prompt_tokens) &&
           llm__wire_usage_count(llm_json_get(cd, "reasoning_tokens"), &us->reasoning_tokens) &&
           llm__wire_usage_count(llm_json_get(cd, "audio_tokens"), &us->audio_completion_tokens);
}

/* The same as a whole usage: absent counts 0, the total prompt +
   completion when not given; zeroed and false when a count is out of
   range. */
static bool llm__openai_usage(const llm_json *u, llm_usage *us) {
    llm_usage carried;
    memset(us, 0, sizeof *us);
    if (!llm__openai_usage_carried(u, &carried)) return false;
    llm__wire_usage_merge(us, &carried);
    return true;
}

/* The usage object into resp->usage (absent: kept); false (usage left
   absent) when a count is out of range. */
static bool llm__openai_usage_decode(const llm_json *u, llm_response *resp) {
    llm_usage us;
    if (!llm_json_is(u, LLM_JSON_OBJECT)) return true;
    if (!llm__openai_usage(u, &us)) return false;
    resp->usage = us;
    llm__openai_openrouter_cost(u, resp);
    return true;
}

/* Azure's prompt annotations: prompt_filter_results, or prompt_annotations
   (the older name, still in its documented streams). */
static const llm_json *llm__openai_prompt_filter(const llm_json *root) {
    const llm_json *v = llm_json_get(root, "prompt_filter_results");
    return v ? v : llm_json_get(root, "prompt_annotations");
}

static llm_result llm__openai_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp,
                                     llm_error *err) {
    const llm_json *choices = llm_json_get(body, "choices"), *v;
    llm_choice *out;
    bool failed = false;
    size_t n = 0;
    llm_result r;
    if (!llm_json_is(body, LLM_JSON_OBJECT) || !llm_json_is(choices, LLM_JSON_ARRAY))
        return llm__fail(err, LLM_ERR_PARSE, "response: not a chat completion (no choices array)");
    resp->id = llm__wire_resp_str(resp, llm_json_get(body, "id"), &failed);
    resp->object = llm__wire_resp_str(resp, llm_json_get(body, "object"), &failed);
    resp->model = llm__wire_resp_str(resp, llm_json_get(body, "model"), &failed);
    resp->created = llm_json_int(llm_json_get(body, "created"), 0);
    resp->system_fingerprint = llm__wire_resp_str(resp, llm_json_get(body, "system_fingerprint"), &failed);
    resp->service_tier = llm__wire_resp_str(resp, llm_json_get(body, "service_tier"), &failed);
    resp->prompt_filter = llm__openai_json_text(resp, llm__openai_prompt_filter(body), &failed);
    out = (llm_choice *)llm__wire_resp_array(resp, llm_json_count(choices), sizeof *out, &failed);
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    for (v = llm_json_first(choices); v; v = llm_json_next(choices, v), n++) {
        if (!llm_json_is(v, LLM_JSON_OBJECT))
            return llm__fail(err, LLM_ERR_PARSE, "response: choices[%z] is not an object", n);
        if ((r = llm__openai_choice_decode(resp, &out[n], n, v, err)) != LLM_OK) return r;
    }
    (void)ctx;
    if (out) qsort(out, n, sizeof *out, llm__wire_choice_order);
    resp->choices = out;
    resp->choice_count = n;
    if (!llm__openai_usage_decode(llm_json_get(body, "usage"), resp) ||
        (resp->usage.source != LLM_USAGE_REPORTED &&
         !llm__openai_usage_decode(llm_json_get(llm_json_get(body, "x_groq"), "usage"), resp)))
        resp->usage_refused = true;
    return LLM_OK;
}

/* ---- OpenAI-compatible stream chunks ---- */

/* The tool call a delta belongs to, by its `index` (never by position).
   A server that sends every call with index 0 (some Ollama versions) is
   recognised by a new id on the same index: that ends the call and starts
   a new one. Without an index, a delta with an id (or the first) starts a
   call and one without continues the last. Returns the handle, or a
   negative result. */
static int llm__openai_tool_slot(llm_stream_sink *s, int choice, const llm_json *tc) {
    const char *id = llm_json_string(llm_json_get(tc, "id"), NULL);
    const char *name = llm_json_string(llm_json_get(llm_json_get(tc, "function"), "name"), NULL);
    const llm_json *iv = llm_json_get(tc, "index");
    int64_t key = -1;
    int h;
    if (iv) {
        key = llm_json_int(iv, -1);
        if (key < 0 || key > 0x7FFFFFFF)
            return (int)llm_sink_fail(s, LLM_ERR_PARSE, "a tool call's index is not a non-negative integer");
        h = llm_sink_tool_find(s, choice, (int)key);
    } else {
        h = id ? -1 : llm_sink_tool_find(s, choice, -1); /* -1: the last call started */
    }
    if (h >= 0 && id && llm_sink_tool_id(s, choice, h)[0] && strcmp(id, llm_sink_tool_id(s, choice, h)) != 0) {
        llm_result r = llm_sink_tool_end(s, choice, h);
        if (r != LLM_OK) return (int)r;
        h = -1;
    }
    if (h >= 0) {
        llm_result r = id ? llm_sink_tool_set_id(s, choice, h, id, strlen(id)) : LLM_OK;
        return r == LLM_OK ? h : (int)r;
    }
    return llm_sink_tool_begin(s, choice, (int)key, id, name);
}

static llm_result llm__openai_tool_deltas(llm_stream_sink *s, int choice, const llm_json *calls) {
    const llm_json *tc;
    for (tc = llm_json_first(calls); tc; tc = llm_json_next(calls, tc)) {
        size_t n;
        const char *args = llm_json_string(llm_json_get(llm_json_get(tc, "function"), "arguments"), &n);
        int h = llm__openai_tool_slot(s, choice, tc);
        llm_result r;
        if (h < 0) return (llm_result)h;
        if (args && (r = llm_sink_tool_args(s, choice, h, args, n)) != LLM_OK) return r;
    }
    return LLM_OK;
}

static llm_result llm__openai_choice_delta(llm_stream_sink *s, const llm_json *ch) {
    const llm_json *delta = llm_json_get(ch, "delta");
    const llm_json *reasoning = llm_json_get(delta, "reasoning_content");
    int64_t index = llm_json_int(llm_json_get(ch, "index"), 0);
    size_t n;
    const char *str;
    llm_result r;
    if (index < 0 || index > 0x7FFFFFFF) index = 0x7FFFFFFF; /* out of range: llm_sink_choice says so */
    if ((r = llm_sink_choice(s, (int)index)) != LLM_OK) return r;
    if (!reasoning) reasoning = llm_json_get(delta, "reasoning");
    if ((str = llm_json_string(reasoning, &n)) != NULL &&
        (r = llm_sink_delta(s, LLM_EVENT_REASONING, (int)index, str, n)) != LLM_OK)
        return r;
    if ((str = llm_json_string(llm_json_get(delta, "content"), &n)) != NULL &&
        (r = llm_sink_delta(s, LLM_EVENT_TEXT, (int)index, str, n)) != LLM_OK)
        return r;
    if ((str = llm_json_string(llm_json_get(delta, "refusal"), &n)) != NULL &&
        (r = llm_sink_delta(s, LLM_EVENT_REFUSAL, (int)index, str, n)) != LLM_OK)
        return r;
    if (llm_json_count(llm_json_get(delta, "tool_calls")) &&
        (r = llm__openai_tool_deltas(s, (int)index, llm_json_get(delta, "tool_calls"))) != LLM_OK)
        return r;
    if (llm_json_get(ch, "content_filter_results") &&
        (r = llm_sink_content_filter(s, (int)index, llm_json_get(ch, "content_filter_results"))) != LLM_OK)
        return r; /* Azure's annotations: in their own chunks, or beside a delta */
    if ((str = llm_json_string(llm_json_get(ch, "finish_reason"), &n)) != NULL)
        return llm_sink_finish(s, (int)index, str, n);
    return LLM_OK;
}

/* The fields every chunk repeats (the first value of each wins), and usage. */
static llm_result llm__openai_chunk_head(llm_stream_sink *s, const llm_json *root) {
    static const char *const keys[LLM__FIELD_COUNT] = {"id", "model", "object", "system_fingerprint", "service_tier"};
    const llm_json *u = llm_json_get(root, "usage");
    int f;
    for (f = 0; f < LLM__FIELD_COUNT; f++) {
        size_t n;
        const char *str = llm_json_string(llm_json_get(root, keys[f]), &n);
        llm_result r = str ? llm_sink_field_set(s, (llm_sink_field)f, str, n) : LLM_OK;
        if (r != LLM_OK) return r;
    }
    if (llm_json_get(root, "created")) llm_sink_created(s, llm_json_int(llm_json_get(root, "created"), 0));
    if (!llm_json_is(u, LLM_JSON_OBJECT)) u = llm_json_get(llm_json_get(root, "x_groq"), "usage"); /* Groq */
    if (llm_json_is(u, LLM_JSON_OBJECT)) { /* from any chunk, choices or not; merged with the earlier ones */
        llm_response tmp;
        llm_usage carried;
        bool valid = llm__openai_usage_carried(u, &carried);
        memset(&tmp, 0, sizeof tmp);
        if (valid) llm__openai_openrouter_cost(u, &tmp);
        if (tmp.has_provider_cost) llm_sink_provider_cost(s, tmp.provider_cost_usd);
        if (tmp.has_upstream_cost) llm_sink_upstream_cost(s, tmp.upstream_cost_usd);
        return llm_sink_usage(s, &carried, valid);
    }
    return LLM_OK;
}

static llm_result llm__openai_stream_event(llm_stream_sink *s, const char *event, size_t event_len,
                                           const llm_json *root) {
    const llm_json *choices = llm_json_get(root, "choices"), *ch;
    llm_result r;
    (void)event;
    (void)event_len;
    if ((r = llm__openai_chunk_head(s, root)) != LLM_OK) return r;
    if (llm__openai_prompt_filter(root) &&
        (r = llm_sink_content_filter(s, -1, llm__openai_prompt_filter(root))) != LLM_OK)
        return r;
    for (ch = llm_json_first(choices); ch; ch = llm_json_next(choices, ch))
        if ((r = llm__openai_choice_delta(s, ch)) != LLM_OK) return r;
    /* an error inside the stream (OpenRouter sends it beside finish_reason "error") */
    return llm_json_get(root, "error") ? llm_sink_error(s, root) : LLM_OK;
}

/* ---- the calls beyond chat ---- */

/* GET {base}/models: OpenAI's ListModelsResponse ({"object": "list",
   "data": [{"id", "object": "model", "created", "owned_by"}]}), which every
   compatible server answers (a LiteLLM proxy, vLLM, Ollama); a page asked
   for goes as after and limit, and an answer that pages says has_more and
   last_id (OpenAI's other lists). */
static llm_result llm__openai_models_url(const llm_wire_ctx *ctx, const llm_models_request *req, char *buf,
                                         size_t size, llm_error *err) {
    const char *pieces[2];
    llm_result r;
    pieces[0] = ctx->base_url;
    pieces[1] = "/models";
    if ((r = llm__wire_url_join(buf, size, pieces, 2, err)) != LLM_OK) return r;
    return llm__wire_url_page(buf, size, &req->page, "after", "limit", err);
}

static llm_result llm__openai_models_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_model_list *list,
                                            llm_error *err) {
    const llm_json *data = llm_json_get(body, "data"), *item;
    llm_remote_model *m;
    bool failed = false;
    size_t i;
    (void)ctx;
    if (!llm_json_is(data, LLM_JSON_ARRAY))
        return llm__fail(err, LLM_ERR_PARSE, "models: the answer has no data array");
    m = llm__wire_list_models(list, llm_json_count(data), &failed);
    for (i = 0, item = llm_json_first(data); item && !failed; i++, item = llm_json_next(data, item)) {
        if (!(m[i].id = llm__wire_list_string(list, llm_json_get(item, "id"), &failed)) || !m[i].id[0])
            return failed ? llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory")
                          : llm__fail(err, LLM_ERR_PARSE, "models: data[%z] has no id", i);
        m[i].owner = llm__wire_list_string(list, llm_json_get(item, "owned_by"), &failed);
        m[i].created = llm_json_int(llm_json_get(item, "created"), 0);
    }
    list->has_more = llm_json_bool(llm_json_get(body, "has_more"), false);
    if (list->has_more) list->next = llm__wire_list_string(list, llm_json_get(body, "last_id"), &failed);
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (list->has_more && !list->next) return llm__fail(err, LLM_ERR_PARSE, "models: has_more without a last_id");
    return LLM_OK;
}

static const llm_wire_models llm__openai_models = {llm__openai_models_url, llm__openai_models_decode};

static const llm_wire_format llm__openai_wire = {
    "openai-chat", llm__openai_encode, llm__openai_url, llm__openai_decode, llm__wire_decode_error_object,
    llm__openai_stream_event, 0, LLM_FRAMING_SSE, "[DONE]", llm__openai_finish_words, llm__openai_error_words, true,
    llm__openai_usage, false, NULL, &llm__openai_models, NULL,
};

/* Azure OpenAI: the same format at its own URLs. */
static const llm_wire_format llm__openai_azure_wire = {
    "azure-openai-chat", llm__openai_encode, llm__openai_azure_url, llm__openai_decode, llm__wire_decode_error_object,
    llm__openai_stream_event, 0, LLM_FRAMING_SSE, "[DONE]", llm__openai_finish_words, llm__openai_error_words, true,
    llm__openai_usage, false, NULL, NULL, NULL,
};

#endif /* LLM_NO_PROVIDER_OPENAI */

/* ------------------------------------------------------------------------ */
// >>responses: the OpenAI Responses API wire format (OpenAI, Azure)
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_PROVIDER_OPENAI

/* ---- encoding: POST /responses (CreateResponse) ---- */

/* One content part as an input item's part: input_text, input_image (its
   detail required: "auto" when the caller gave none; the URL, or the
   bytes as a data: URL, a plain string), input_file (a URL, or the bytes
   as a data: URL in file_data with its filename). */
static void llm__responses_part(llm_json_writer *w, const llm_content_part *part) {
    llm_json_write_object_begin(w);
    if (part->type == LLM_PART_TEXT) {
        llm__wire_member(w, "type", "input_text");
        llm__wire_member(w, "text", part->text);
    } else if (part->type == LLM_PART_DOCUMENT) {
        llm__wire_member(w, "type", "input_file");
        if (part->base64) {
            llm_json_write_key(w, "file_data");
            llm__openai_data_url(w, part->media_type, part->base64);
            llm__wire_member(w, "filename", part->filename ? part->filename : "document");
        } else {
            llm__wire_member(w, "file_url", part->url);
            llm__wire_member(w, "filename", part->filename);
        }
    } else {
        llm__wire_member(w, "type", "input_image");
        llm_json_write_key(w, "image_url");
        if (part->type == LLM_PART_IMAGE_URL) llm_json_write_string(w, part->url);
        else llm__openai_data_url(w, part->media_type, part->base64);
        llm__wire_member(w, "detail", llm__openai_detail_name(part->detail));
    }
    llm_json_write_object_end(w);
}

/* A message's content: a string when it is text alone (`content`, or one
   text part), else its parts as input parts; an assistant's several text
   parts as output_text parts, which is how the API takes earlier answers. */
static void llm__responses_content(llm_json_writer *w, const llm_message *msg) {
    size_t p;
    if (msg->part_count == 1 && msg->parts[0].type == LLM_PART_TEXT) {
        llm_json_write_string(w, msg->parts[0].text);
    } else if (msg->part_count) {
        llm_json_write_array_begin(w);
        for (p = 0; p < msg->part_count; p++) {
            if (msg->role != LLM_ROLE_ASSISTANT) {
                llm__responses_part(w, &msg->parts[p]);
                continue;
            }
            llm_json_write_object_begin(w);
            llm__wire_member(w, "type", "output_text");
            llm__wire_member(w, "text", msg->parts[p].text);
            llm_json_write_object_end(w);
        }
        llm_json_write_array_end(w);
    } else {
        llm_json_write_string(w, msg->content ? msg->content : "");
    }
}

/* The reasoning items of an assistant turn, sent back before it:
   {type, id, summary, encrypted_content}, as the answer gave them. */
static void llm__responses_reasoning_items(llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    size_t k;
    if (!llm__wire_reasoning_sent(e, msg, "openai-responses", false)) return;
    for (k = 0; k < msg->reasoning_count; k++) {
        const llm_reasoning_block *b = &msg->reasoning[k];
        if (b->kind != LLM_REASONING_ITEM) continue;
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "reasoning");
        llm__wire_member(w, "id", b->id);
        llm_json_write_key(w, "summary");
        if (b->summary) llm__json_write_raw_checked(w, b->summary, strlen(b->summary)); /* checked before */
        else llm_json_write_raw(w, "[]", 2);
        llm__wire_member(w, "encrypted_content", b->data);
        llm_json_write_object_end(w);
    }
}

/* One message as input items: a message item (system and developer
   messages too, in their place, with their role), an assistant's reasoning
   items before it and its function calls after it, a tool result as a
   function_call_output. */
static void llm__responses_message(llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    size_t k;
    if (msg->role == LLM_ROLE_TOOL) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "function_call_output");
        llm__wire_member(w, "call_id", msg->tool_call_id);
        llm_json_write_key(w, "output");
        llm__responses_content(w, msg);
        llm_json_write_object_end(w);
        return;
    }
    if (msg->role == LLM_ROLE_ASSISTANT) llm__responses_reasoning_items(e, msg);
    if (msg->role != LLM_ROLE_ASSISTANT || msg->content || msg->part_count) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "message");
        llm__wire_member(w, "role", llm__role_name(msg->role));
        llm_json_write_key(w, "content");
        llm__responses_content(w, msg);
        llm_json_write_object_end(w);
    }
    for (k = 0; msg->role == LLM_ROLE_ASSISTANT && k < msg->tool_call_count; k++) {
        const llm_tool_call *tc = &msg->tool_calls[k];
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "function_call");
        llm__wire_member(w, "call_id", tc->id);
        llm__wire_member(w, "name", tc->name);
        llm__wire_member(w, "arguments", tc->arguments ? tc->arguments : "{}"); /* a string holding JSON text */
        llm_json_write_object_end(w);
    }
}

/* tools_json's entries (a checked array of objects), each as given. */
static void llm__responses_json_tools(llm__wire_enc *e, const char *text) {
    llm_json_doc doc;
    const llm_json *arr, *v;
    if (llm__json_check(&e->ctx->client->desc.alloc, text, strlen(text), false, &doc, NULL) != LLM_OK) {
        llm__json_write_fail(e->w, LLM_ERR_NO_MEMORY); /* it was checked: only memory can fail now */
        return;
    }
    arr = llm_json_root(&doc);
    for (v = llm_json_first(arr); v; v = llm_json_next(arr, v)) llm_json_write_value(e->w, v);
    llm_json_doc_free(&doc);
}

/* Function tools in the flat form ({type, name, description, parameters,
   strict}: strict is required, false unless asked); built-in and MCP tools
   as given. */
static void llm__responses_tools(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    if ((!req->tool_count && !req->tools_json) || !llm__wire_enc_key(e, "tools")) return;
    llm_json_write_array_begin(w);
    for (i = 0; i < req->tool_count; i++) {
        const llm_tool *t = &req->tools[i];
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "function");
        llm__wire_member(w, "name", t->name);
        llm__wire_member(w, "description", t->description);
        llm_json_write_key(w, "parameters");
        if (t->parameters) llm__json_write_raw_checked(w, t->parameters, strlen(t->parameters));
        else llm__json_write_raw_checked(w, "{\"type\":\"object\",\"properties\":{}}", 33);
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, t->strict);
        llm_json_write_object_end(w);
    }
    if (req->tools_json) llm__responses_json_tools(e, req->tools_json);
    llm_json_write_array_end(w);
}

static void llm__responses_tool_choice(llm__wire_enc *e, const llm_request *req) {
    static const char *const modes[] = {NULL, "none", "auto", "required"};
    llm_json_writer *w = e->w;
    const llm_tool_choice *tc = &req->tool_choice;
    if (tc->mode == LLM_TOOL_CHOICE_DEFAULT || !llm__wire_enc_key(e, "tool_choice")) return;
    if (tc->mode != LLM_TOOL_CHOICE_FUNCTION) {
        llm_json_write_string(w, modes[tc->mode]);
        return;
    }
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", "function");
    llm__wire_member(w, "name", tc->name);
    llm_json_write_object_end(w);
}

/* response_format as text.format: {type: "json_schema", name, schema,
   strict, description}, {type: "json_object"} or {type: "text"}. */
static void llm__responses_text_format(llm__wire_enc *e, const llm_response_format *f) {
    static const char *const types[] = {NULL, "text", "json_object", "json_schema"};
    llm_json_writer *w = e->w;
    if (f->type == LLM_FORMAT_DEFAULT || !llm__wire_enc_key(e, "text")) return;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "format");
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", types[f->type]);
    if (f->type == LLM_FORMAT_JSON_SCHEMA) {
        llm__wire_member(w, "name", f->name);
        llm__wire_member(w, "description", f->description);
        llm_json_write_key(w, "schema");
        llm__json_write_raw_checked(w, f->schema, strlen(f->schema));
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, f->strict);
    }
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

/* reasoning_effort as reasoning {effort, summary: "auto"} (an effort asks
   for the reasoning's summary too, as Gemini's encoder asks for thoughts),
   and, unless the response is stored, its encrypted content, which a
   stateless next turn needs. */
static void llm__responses_reasoning(llm__wire_enc *e, const llm_request *req, bool count) {
    llm_json_writer *w = e->w;
    if (!req->reasoning_effort) return;
    if (llm__wire_enc_key(e, "reasoning")) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "effort", req->reasoning_effort);
        if (strcmp(req->reasoning_effort, "none") != 0) llm__wire_member(w, "summary", "auto");
        llm_json_write_object_end(w);
    }
    if (!count && req->store != LLM_TRUE && llm__wire_enc_key(e, "include")) {
        llm_json_write_array_begin(w);
        llm_json_write_string(w, "reasoning.encrypted_content");
        llm_json_write_array_end(w);
    }
}

static void llm__responses_sampling(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    int max = req->max_completion_tokens > 0 ? req->max_completion_tokens : req->max_tokens;
    if (req->has_temperature && llm__wire_enc_key(e, "temperature")) llm_json_write_number(w, req->temperature);
    if (req->has_top_p && llm__wire_enc_key(e, "top_p")) llm_json_write_number(w, req->top_p);
    if (max > 0 && llm__wire_enc_key(e, "max_output_tokens")) llm_json_write_int(w, max);
    if (req->has_top_logprobs && llm__wire_enc_key(e, "top_logprobs")) llm_json_write_int(w, req->top_logprobs);
    if (req->parallel_tool_calls != LLM_UNSET && llm__wire_enc_key(e, "parallel_tool_calls"))
        llm_json_write_bool(w, req->parallel_tool_calls == LLM_TRUE);
    if (req->service_tier && llm__wire_enc_key(e, "service_tier")) llm_json_write_string(w, req->service_tier);
    if (req->user && llm__wire_enc_key(e, "user")) llm_json_write_string(w, req->user);
    if (req->metadata_count && req->metadata && llm__wire_enc_key(e, "metadata")) {
        llm_json_write_object_begin(w);
        for (i = 0; i < req->metadata_count; i++) {
            llm_json_write_key(w, req->metadata[i].name);
            llm_json_write_string(w, req->metadata[i].value);
        }
        llm_json_write_object_end(w);
    }
}

/* tools_json: a JSON array of objects. */
static llm_result llm__responses_check_json_tools(llm__wire_enc *e, const char *text) {
    llm_json_doc doc;
    llm_error perr;
    const llm_json *arr, *v;
    bool objects = true;
    llm_result r;
    if (!text) return LLM_OK;
    if ((r = llm__json_check(&e->ctx->client->desc.alloc, text, strlen(text), false, &doc, &perr)) != LLM_OK)
        return llm__fail(e->err, perr.code, "tools_json: %s", perr.message);
    arr = llm_json_root(&doc);
    for (v = llm_json_first(arr); v && objects; v = llm_json_next(arr, v)) objects = llm_json_is(v, LLM_JSON_OBJECT);
    r = llm_json_is(arr, LLM_JSON_ARRAY) && objects ? LLM_OK : LLM_ERR_INVALID_ARGUMENT;
    llm_json_doc_free(&doc);
    return r == LLM_OK ? r : llm__fail(e->err, r, "tools_json: not a JSON array of tool objects");
}

/* What the Responses API has no field for: refused, naming it, unless the
   client drops such fields; a reasoning item's summary that is not a JSON
   array. */
static llm_result llm__responses_refusals(llm__wire_enc *e, const llm_request *req) {
    static const char *const no_field = "the Responses API has no such field";
    size_t m, k;
    llm_result r;
    if ((r = llm__wire_enc_drop(e, req->stop_count > 0, "stop", no_field)) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_seed, "seed", no_field)) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->n > 1, "n", "the Responses API answers one choice")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_presence_penalty, "presence_penalty", no_field)) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_frequency_penalty, "frequency_penalty", no_field)) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_top_k, "top_k", no_field)) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->logprobs, "logprobs", "the Responses API takes top_logprobs")) != LLM_OK)
        return r;
    if ((r = llm__responses_check_json_tools(e, req->tools_json)) != LLM_OK) return r;
    for (m = 0; m < req->message_count; m++) {
        const llm_message *msg = &req->messages[m];
        if ((r = llm__wire_enc_drop(e, msg->name != NULL, "messages[].name", "the Responses API has no names")) !=
            LLM_OK)
            return r;
        for (k = 0; k < msg->reasoning_count; k++) {
            const char *s = msg->reasoning[k].summary;
            llm_error perr;
            if (msg->reasoning[k].kind == LLM_REASONING_ITEM && s &&
                (llm__json_check(&e->ctx->client->desc.alloc, s, strlen(s), false, NULL, &perr) != LLM_OK ||
                 s[strspn(s, " \t\r\n")] != '['))
                return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                                 "messages[%z].reasoning[%z].summary: not a JSON array", m, k);
        }
    }
    return LLM_OK;
}

/* The body of a request, or (count) of its token count: TokenCountsBody
   takes the input and what shapes it (tools, text, reasoning,
   previous_response_id, tool_choice, parallel_tool_calls), no sampling,
   store, include or stream. */
static llm_result llm__responses_body(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                      llm_error *err, bool count) {
    llm__wire_enc e;
    size_t i;
    llm_result r = llm__wire_enc_begin(&e, ctx, req, w, err);
    if (r != LLM_OK) return llm__wire_enc_end(&e, r);
    if ((r = llm__responses_refusals(&e, req)) != LLM_OK) return llm__wire_enc_end(&e, r);
    llm_json_write_object_begin(w);
    if (llm__wire_enc_key(&e, "model")) llm_json_write_string(w, ctx->model);
    if (llm__wire_enc_key(&e, "input")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->message_count; i++) llm__responses_message(&e, &req->messages[i]);
        llm_json_write_array_end(w);
    }
    llm__responses_tools(&e, req);
    llm__responses_tool_choice(&e, req);
    llm__responses_text_format(&e, &req->response_format);
    llm__responses_reasoning(&e, req, count);
    if (!count) llm__responses_sampling(&e, req);
    else if (req->parallel_tool_calls != LLM_UNSET && llm__wire_enc_key(&e, "parallel_tool_calls"))
        llm_json_write_bool(w, req->parallel_tool_calls == LLM_TRUE);
    if (!count && llm__wire_enc_key(&e, "store")) llm_json_write_bool(w, req->store == LLM_TRUE);
    if (req->previous_response_id && llm__wire_enc_key(&e, "previous_response_id"))
        llm_json_write_string(w, req->previous_response_id);
    if (!count && ctx->stream && llm__wire_enc_key(&e, "stream")) llm_json_write_bool(w, true);
    return llm__wire_enc_end(&e, LLM_OK);
}

static llm_result llm__responses_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                        llm_error *err) {
    return llm__responses_body(ctx, req, w, err, false);
}

static llm_result llm__responses_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                     llm_error *err) {
    const char *pieces[2];
    (void)req;
    pieces[0] = ctx->base_url;
    pieces[1] = "/responses";
    return llm__wire_url_join(buf, size, pieces, 2, err);
}

/* Azure: {base}/openai/v1/responses (the v1 API: no api-version, the
   deployment in the body's model) when the version is empty, "v1",
   "latest" or "preview", or the base already ends in /openai/v1; else
   {base}/openai/responses?api-version=V. */
static llm_result llm__responses_azure_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                           llm_error *err) {
    const char *v = ctx->client->desc.api_version, *pieces[3];
    size_t n = strlen(ctx->base_url);
    (void)req;
    pieces[0] = ctx->base_url;
    if (n >= 10 && strcmp(ctx->base_url + n - 10, "/openai/v1") == 0) {
        pieces[1] = "/responses";
        return llm__wire_url_join(buf, size, pieces, 2, err);
    }
    if (!v || !v[0] || strcmp(v, "v1") == 0 || strcmp(v, "latest") == 0 || strcmp(v, "preview") == 0) {
        pieces[1] = "/openai/v1/responses";
        return llm__wire_url_join(buf, size, pieces, 2, err);
    }
    if (!llm__visible_ascii(v) || strchr(v, '&') || strchr(v, '#') || strchr(v, '/'))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "azure: api_version must be plain (no spaces, '/', '&' or '#')");
    pieces[1] = "/openai/responses?api-version=";
    pieces[2] = v;
    return llm__wire_url_join(buf, size, pieces, 3, err);
}

/* ---- decoding: Response ---- */

/* The words of a response's end: its status, or for an incomplete one the
   reason (incomplete_details.reason); a response that made function calls
   finishes as tool_calls, said by the decoders. */
static const llm_finish_word llm__responses_finish_words[] = {{"completed", LLM_FINISH_STOP},
                                                              {"max_output_tokens", LLM_FINISH_LENGTH},
                                                              {"content_filter", LLM_FINISH_CONTENT_FILTER},
                                                              {"failed", LLM_FINISH_ERROR},
                                                              {NULL, LLM_FINISH_NONE}};

/* ResponseUsage into llm_usage's convention (input_tokens counts the
   cached ones, output_tokens the reasoning ones, as OpenAI's chat usage):
   the counts it carries, -1 for the others. */
static bool llm__responses_usage_carried(const llm_json *u, llm_usage *us) {
    const llm_json *in = llm_json_get(u, "input_tokens_details"), *out = llm_json_get(u, "output_tokens_details");
    us->source = LLM_USAGE_REPORTED;
    us->prompt_tokens = us->completion_tokens = us->total_tokens = us->cached_tokens = -1;
    us->cache_creation_tokens = us->cache_creation_1h_tokens = us->reasoning_tokens = -1;
    us->audio_prompt_tokens = us->audio_completion_tokens = -1;
    return llm__wire_usage_count(llm_json_get(u, "input_tokens"), &us->prompt_tokens) &&
           llm__wire_usage_count(llm_json_get(u, "output_tokens"), &us->completion_tokens) &&
           llm__wire_usage_count(llm_json_get(u, "total_tokens"), &us->total_tokens) &&
           llm__wire_usage_count(llm_json_get(in, "cached_tokens"), &us->cached_tokens) &&
           llm__wire_usage_count(llm_json_get(in, "cache_write_tokens"), &us->cache_creation_tokens) &&
           llm__wire_usage_count(llm_json_get(out, "reasoning_tokens"), &us->reasoning_tokens);
}

static bool llm__responses_usage(const llm_json *u, llm_usage *us) {
    llm_usage carried;
    memset(us, 0, sizeof *us);
    if (!llm__responses_usage_carried(u, &carried)) return false;
    llm__wire_usage_merge(us, &carried);
    return true;
}

/* The word a response ends with: incomplete_details.reason for an
   incomplete one, else its status; NULL while it is in progress. */
static const char *llm__responses_end_word(const llm_json *response) {
    const char *status = llm_json_string(llm_json_get(response, "status"), NULL);
    const char *reason = llm_json_string(llm_json_get(llm_json_get(response, "incomplete_details"), "reason"), NULL);
    if (status && strcmp(status, "incomplete") == 0 && reason) return reason;
    if (status && (strcmp(status, "in_progress") == 0 || strcmp(status, "queued") == 0)) return NULL;
    return status;
}

/* A failed response (status "failed" with its error {code, message}) as
   the error it stands for, classified by its code. */
static llm_result llm__responses_failed(const llm_json *response, llm_error *err) {
    llm_error e;
    llm__error_clear(&e);
    llm__wire_decode_error_object(response, &e);
    if (!e.message[0]) llm__copy_text(e.message, sizeof e.message, "the response failed", 19);
    llm__http_classify_with(llm__openai_error_words, &e, true);
    if (err) *err = e;
    return e.code;
}

/* What the output items of a whole response add up to. */
typedef struct llm__responses_out {
    llm__buf text, refusal, reasoning;
    bool has_text, has_refusal, has_reasoning;
    llm_tool_call *calls;
    size_t ncalls;
    llm_reasoning_block *blocks;
    size_t nblocks;
} llm__responses_out;

/* Appends a JSON string's text to b (sep first when b holds some);
   false when out of memory. */
static bool llm__responses_add(const llm_allocator *a, llm__buf *b, bool *has, const llm_json *v, const char *sep) {
    size_t n;
    const char *s = llm_json_string(v, &n);
    if (!s) return true;
    if (*has && sep && !llm__buf_add(a, b, sep, strlen(sep))) return false;
    *has = true;
    return llm__buf_add(a, b, s, n) != 0;
}

/* A message item's output_text parts (into text) and refusal parts. */
static bool llm__responses_message_out(const llm_allocator *a, llm__responses_out *o, const llm_json *item) {
    const llm_json *parts = llm_json_get(item, "content"), *p;
    for (p = llm_json_first(parts); p; p = llm_json_next(parts, p)) {
        const char *type = llm_json_string(llm_json_get(p, "type"), NULL);
        if (type && strcmp(type, "output_text") == 0 &&
            !llm__responses_add(a, &o->text, &o->has_text, llm_json_get(p, "text"), NULL))
            return false;
        if (type && strcmp(type, "refusal") == 0 &&
            !llm__responses_add(a, &o->refusal, &o->has_refusal, llm_json_get(p, "refusal"), NULL))
            return false;
    }
    return true;
}

/* A reasoning item's summary texts, joined by a blank line across parts
   and items (what a stream's deltas add up to). */
static bool llm__responses_summary_out(const llm_allocator *a, llm__responses_out *o, const llm_json *item) {
    const llm_json *parts = llm_json_get(item, "summary"), *p;
    for (p = llm_json_first(parts); p; p = llm_json_next(parts, p))
        if (!llm__responses_add(a, &o->reasoning, &o->has_reasoning, llm_json_get(p, "text"), "\n\n")) return false;
    return true;
}

/* A function_call item as a tool call: its call_id (made up when
   missing), name (required), arguments flagged when they are not JSON. */
static llm_result llm__responses_call_out(llm_response *resp, llm__responses_out *o, const llm_json *item,
                                          llm_error *err) {
    llm_tool_call *tc = &o->calls[o->ncalls];
    const llm_json *args = llm_json_get(item, "arguments");
    bool failed = false;
    size_t n = 0;
    tc->name = llm__wire_resp_str(resp, llm_json_get(item, "name"), &failed);
    if (!failed && (!tc->name || !tc->name[0]))
        return llm__fail(err, LLM_ERR_PARSE, "response: output function_call %z has no name", o->ncalls);
    tc->id = llm__wire_resp_str(resp, llm_json_get(item, "call_id"), &failed);
    if (!tc->id && !failed) tc->id = llm__wire_resp_synth_id(resp, 0, o->ncalls);
    tc->arguments = llm_json_string(args, &n) && n ? llm__wire_resp_str(resp, args, &failed) : "{}";
    if (failed || !tc->id || !tc->arguments) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (n) {
        llm_json_doc doc;
        llm_result r;
        memset(&doc, 0, sizeof doc);
        doc.alloc = resp->alloc_;
        r = llm_json_parse(&doc, tc->arguments, n, NULL);
        llm_json_doc_free(&doc);
        if (r == LLM_ERR_NO_MEMORY) return llm__fail(err, r, "out of memory");
        tc->arguments_invalid = r != LLM_OK;
    }
    o->ncalls++;
    return LLM_OK;
}

/* A reasoning item as a reasoning block: id, summary (its JSON text),
   encrypted_content. */
static llm_result llm__responses_block_out(llm_response *resp, llm__responses_out *o, const llm_json *item,
                                           llm_error *err) {
    llm_reasoning_block *b = &o->blocks[o->nblocks];
    const llm_json *summary = llm_json_get(item, "summary");
    bool failed = false;
    b->kind = LLM_REASONING_ITEM;
    b->id = llm__wire_resp_str(resp, llm_json_get(item, "id"), &failed);
    b->data = llm__wire_resp_str(resp, llm_json_get(item, "encrypted_content"), &failed);
    b->summary = "[]";
    if (llm_json_is(summary, LLM_JSON_ARRAY) &&
        llm__wire_json_text(&resp->alloc_, &resp->arena_, summary, &b->summary) == LLM_ERR_NO_MEMORY)
        failed = true;
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (!b->id) return llm__fail(err, LLM_ERR_PARSE, "response: an output reasoning item has no id");
    if (!b->summary) b->summary = "[]"; /* nested past the writer's depth: a summary is flat */
    o->nblocks++;
    return llm__responses_summary_out(&resp->alloc_, o, item) ? LLM_OK
                                                               : llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
}

/* The output items, in order; other item types (web_search_call,
   mcp_call...) are left out. */
static llm_result llm__responses_items_out(llm_response *resp, llm__responses_out *o, const llm_json *output,
                                           llm_error *err) {
    const llm_json *item;
    bool failed = false;
    size_t count = llm_json_count(output);
    o->calls = (llm_tool_call *)llm__wire_resp_array(resp, count, sizeof *o->calls, &failed);
    o->blocks = (llm_reasoning_block *)llm__wire_resp_array(resp, count, sizeof *o->blocks, &failed);
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    for (item = llm_json_first(output); item; item = llm_json_next(output, item)) {
        const char *type = llm_json_string(llm_json_get(item, "type"), NULL);
        llm_result r = LLM_OK;
        if (!type) continue;
        if (strcmp(type, "message") == 0 && !llm__responses_message_out(&resp->alloc_, o, item))
            r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
        else if (strcmp(type, "function_call") == 0) r = llm__responses_call_out(resp, o, item, err);
        else if (strcmp(type, "reasoning") == 0) r = llm__responses_block_out(resp, o, item, err);
        if (r != LLM_OK) return r;
    }
    return LLM_OK;
}

static void llm__responses_out_free(const llm_allocator *a, llm__responses_out *o) {
    llm__buf_free(a, &o->text);
    llm__buf_free(a, &o->refusal);
    llm__buf_free(a, &o->reasoning);
}

/* The one choice of a response: its texts, calls, blocks and finish. */
static llm_result llm__responses_choice(llm_response *resp, llm_choice *c, const llm_json *body, llm_error *err) {
    llm__responses_out o;
    const char *word = llm__responses_end_word(body);
    bool failed = false;
    llm_result r;
    memset(&o, 0, sizeof o);
    r = llm__responses_items_out(resp, &o, llm_json_get(body, "output"), err);
    if (r == LLM_OK) {
        c->content = o.has_text ? llm__arena_strndup(&resp->alloc_, &resp->arena_, o.text.p ? o.text.p : "", o.text.len)
                                : NULL;
        c->content_len = c->content ? o.text.len : 0;
        c->refusal =
            o.has_refusal ? llm__arena_strndup(&resp->alloc_, &resp->arena_, o.refusal.p, o.refusal.len) : NULL;
        c->reasoning =
            o.has_reasoning ? llm__arena_strndup(&resp->alloc_, &resp->arena_, o.reasoning.p, o.reasoning.len) : NULL;
        failed = (o.has_text && !c->content) || (o.has_refusal && !c->refusal) || (o.has_reasoning && !c->reasoning);
        c->tool_calls = o.calls;
        c->tool_call_count = o.calls ? o.ncalls : 0;
        c->reasoning_blocks = o.nblocks ? o.blocks : NULL;
        c->reasoning_block_count = o.nblocks;
        c->reasoning_format = o.nblocks ? "openai-responses" : NULL;
        c->finish_reason_raw = word ? llm_response_strndup(resp, word, strlen(word)) : NULL;
        failed = failed || (word && !c->finish_reason_raw);
        c->finish_reason = llm__wire_finish_word(llm__responses_finish_words, c->finish_reason_raw);
        if (c->finish_reason == LLM_FINISH_STOP && c->tool_call_count) c->finish_reason = LLM_FINISH_TOOL_CALLS;
    }
    llm__responses_out_free(&resp->alloc_, &o);
    if (r == LLM_OK && failed) r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return r;
}

static llm_result llm__responses_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp,
                                        llm_error *err) {
    const char *status = llm_json_string(llm_json_get(body, "status"), NULL);
    llm_choice *c;
    bool failed = false;
    llm_result r;
    llm_usage us;
    (void)ctx;
    if (!llm_json_is(body, LLM_JSON_OBJECT) || !llm_json_is(llm_json_get(body, "output"), LLM_JSON_ARRAY))
        return llm__fail(err, LLM_ERR_PARSE, "response: not a Responses API response (no output array)");
    if (status && strcmp(status, "failed") == 0) return llm__responses_failed(body, err);
    resp->id = llm__wire_resp_str(resp, llm_json_get(body, "id"), &failed);
    resp->object = llm__wire_resp_str(resp, llm_json_get(body, "object"), &failed);
    resp->model = llm__wire_resp_str(resp, llm_json_get(body, "model"), &failed);
    resp->created = llm_json_int(llm_json_get(body, "created_at"), 0);
    resp->service_tier = llm__wire_resp_str(resp, llm_json_get(body, "service_tier"), &failed);
    c = (llm_choice *)llm__wire_resp_array(resp, 1, sizeof *c, &failed);
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if ((r = llm__responses_choice(resp, c, body, err)) != LLM_OK) return r;
    resp->choices = c;
    resp->choice_count = 1;
    if (llm_json_is(llm_json_get(body, "usage"), LLM_JSON_OBJECT)) {
        if (llm__responses_usage(llm_json_get(body, "usage"), &us)) resp->usage = us;
        else resp->usage_refused = true;
    }
    return LLM_OK;
}

/* ---- the stream: semantic events ---- */

/* What the decoder keeps between events: the output item streaming and
   how much of its text, refusal, reasoning summary and arguments the
   deltas delivered, so that the item's whole copy in
   response.output_item.done can make up what deltas left out. */
typedef struct llm__responses_state {
    int item;                   /* its output_index */
    int summary;                /* the summary part its deltas are in, -1 before the first */
    bool in_item;
    bool block;                 /* its reasoning block was started (by output_item.added) */
    size_t text, refusal, reasoning, args;
    bool reasoning_before;      /* reasoning text came before this item: its own starts with a blank line */
    bool reasoning_any;         /* reasoning text came so far */
    bool calls;                 /* a function call was made: the response finishes as tool_calls */
} llm__responses_state;

static int llm__responses_index(const llm_json *root) {
    int64_t i = llm_json_int(llm_json_get(root, "output_index"), -1);
    return i < 0 || i > 0x7FFFFFFF ? -1 : (int)i;
}

/* The state for item `index`, reset when it is another than the last. */
static void llm__responses_item_state(llm__responses_state *st, int index) {
    if (st->in_item && st->item == index) return;
    memset(st, 0, offsetof(llm__responses_state, reasoning_before));
    st->item = index;
    st->summary = -1;
    st->in_item = true;
    st->reasoning_before = st->reasoning_any;
}

/* A delta of the current item, counted. */
static llm_result llm__responses_deliver(llm_stream_sink *s, llm_event_type kind, const char *str, size_t n) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    if (!n) return LLM_OK;
    if (kind == LLM_EVENT_TEXT) st->text += n;
    else if (kind == LLM_EVENT_REFUSAL) st->refusal += n;
    else st->reasoning += n, st->reasoning_any = true;
    return llm_sink_delta(s, kind, 0, str, n);
}

/* The part of pieces[0..count) beyond the first *skip bytes, delivered
   (what the deltas left out); *skip goes down by what was skipped. */
static llm_result llm__responses_rest(llm_stream_sink *s, llm_event_type kind, const char *str, size_t n,
                                      size_t *skip) {
    if (*skip >= n) {
        *skip -= n;
        return LLM_OK;
    }
    str += *skip;
    n -= *skip;
    *skip = 0;
    return llm__responses_deliver(s, kind, str, n);
}

/* A message item's whole text and refusal, past what the deltas gave. */
static llm_result llm__responses_message_rest(llm_stream_sink *s, const llm_json *item) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    const llm_json *parts = llm_json_get(item, "content"), *p;
    size_t text = st->text, refusal = st->refusal, n;
    llm_result r = LLM_OK;
    for (p = llm_json_first(parts); p && r == LLM_OK; p = llm_json_next(parts, p)) {
        const char *type = llm_json_string(llm_json_get(p, "type"), NULL), *str;
        bool is_text = type && strcmp(type, "output_text") == 0, is_refusal = type && strcmp(type, "refusal") == 0;
        if (!is_text && !is_refusal) continue;
        if (!(str = llm_json_string(llm_json_get(p, is_text ? "text" : "refusal"), &n))) continue;
        r = llm__responses_rest(s, is_text ? LLM_EVENT_TEXT : LLM_EVENT_REFUSAL, str, n, is_text ? &text : &refusal);
    }
    return r;
}

/* A reasoning item's summary texts (a blank line before each but the
   stream's first), past what the deltas gave. */
static llm_result llm__responses_summary_rest(llm_stream_sink *s, const llm_json *item) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    const llm_json *parts = llm_json_get(item, "summary"), *p;
    size_t skip = st->reasoning, n;
    bool first = !st->reasoning_before;
    llm_result r = LLM_OK;
    for (p = llm_json_first(parts); p && r == LLM_OK; p = llm_json_next(parts, p), first = false) {
        const char *str = llm_json_string(llm_json_get(p, "text"), &n);
        if (!str) continue;
        if (!first) r = llm__responses_rest(s, LLM_EVENT_REASONING, "\n\n", 2, &skip);
        if (r == LLM_OK) r = llm__responses_rest(s, LLM_EVENT_REASONING, str, n, &skip);
    }
    return r;
}

/* A function call starts: its call_id, name and any first arguments. */
static llm_result llm__responses_call_begin(llm_stream_sink *s, int index, const llm_json *item) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    const char *id = llm_json_string(llm_json_get(item, "call_id"), NULL);
    const char *name = llm_json_string(llm_json_get(item, "name"), NULL);
    const char *args;
    size_t n = 0;
    int h = llm_sink_tool_begin(s, 0, index, id, name);
    if (h < 0) return (llm_result)h;
    st->calls = true;
    if ((args = llm_json_string(llm_json_get(item, "arguments"), &n)) == NULL || !n) return LLM_OK;
    st->args += n;
    return llm_sink_tool_args(s, 0, h, args, n);
}

/* response.output_item.added: a function call or a reasoning item starts
   (a message's text comes in its deltas). */
static llm_result llm__responses_item_added(llm_stream_sink *s, const llm_json *root) {
    const llm_json *item = llm_json_get(root, "item");
    const char *type = llm_json_string(llm_json_get(item, "type"), NULL), *id;
    int index = llm__responses_index(root);
    size_t n;
    if (index < 0) return llm_sink_fail(s, LLM_ERR_PARSE, "an output item without a valid output_index");
    llm__responses_item_state((llm__responses_state *)s->state, index);
    if (type && strcmp(type, "function_call") == 0) return llm__responses_call_begin(s, index, item);
    if (type && strcmp(type, "reasoning") == 0 && (id = llm_json_string(llm_json_get(item, "id"), &n)) != NULL) {
        ((llm__responses_state *)s->state)->block = true;
        return llm_sink_reasoning_block(s, 0, index, LLM_REASONING_ITEM, LLM_REASONING_PART_ID, id, n);
    }
    return LLM_OK;
}

/* A function call ends: its whole arguments past what the deltas gave. */
static llm_result llm__responses_call_done(llm_stream_sink *s, int index, const llm_json *item) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    size_t n = 0;
    const char *args = llm_json_string(llm_json_get(item, "arguments"), &n);
    int h = llm_sink_tool_find(s, 0, index);
    llm_result r;
    if (h < 0) { /* never announced: started now */
        if ((r = llm__responses_call_begin(s, index, item)) != LLM_OK) return r;
        return llm_sink_tool_end(s, 0, llm_sink_tool_find(s, 0, index));
    }
    if (args && n > st->args && (r = llm_sink_tool_args(s, 0, h, args + st->args, n - st->args)) != LLM_OK) return r;
    st->args = n > st->args ? n : st->args;
    return llm_sink_tool_end(s, 0, h);
}

/* A reasoning item ends: its summary text past the deltas, and the block
   whole (id, summary as JSON text, encrypted_content: the added event's
   may be incomplete, the done event's is the one to send back). */
static llm_result llm__responses_reasoning_done(llm_stream_sink *s, int index, const llm_json *item) {
    const llm_json *summary = llm_json_get(item, "summary");
    const char *str, *text = NULL;
    size_t n, tn = 0;
    llm_result r = llm__responses_summary_rest(s, item);
    llm_json_writer w;
    if (r != LLM_OK) return r;
    if ((str = llm_json_string(llm_json_get(item, "id"), &n)) == NULL)
        return llm_sink_fail(s, LLM_ERR_PARSE, "an output reasoning item without an id");
    if (!((llm__responses_state *)s->state)->block &&
        (r = llm_sink_reasoning_block(s, 0, index, LLM_REASONING_ITEM, LLM_REASONING_PART_ID, str, n)) != LLM_OK)
        return r;
    memset(&w, 0, sizeof w);
    w.alloc = s->call_->alloc_;
    if (llm_json_is(summary, LLM_JSON_ARRAY)) llm_json_write_value(&w, summary);
    else llm_json_write_raw(&w, "[]", 2);
    r = llm_json_writer_finish(&w, &text, &tn);
    if (r == LLM_OK)
        r = llm_sink_reasoning_block(s, 0, index, LLM_REASONING_ITEM, LLM_REASONING_PART_SUMMARY, text, tn);
    else r = llm_sink_fail(s, r == LLM_ERR_NO_MEMORY ? r : LLM_ERR_PARSE, "a reasoning item's summary is too deep");
    llm_json_writer_free(&w);
    if (r == LLM_OK && (str = llm_json_string(llm_json_get(item, "encrypted_content"), &n)) != NULL)
        r = llm_sink_reasoning_block(s, 0, index, LLM_REASONING_ITEM, LLM_REASONING_PART_DATA, str, n);
    return r;
}

/* response.output_item.done: the item whole. */
static llm_result llm__responses_item_done(llm_stream_sink *s, const llm_json *root) {
    const llm_json *item = llm_json_get(root, "item");
    const char *type = llm_json_string(llm_json_get(item, "type"), NULL);
    int index = llm__responses_index(root);
    if (index < 0) return llm_sink_fail(s, LLM_ERR_PARSE, "an output item without a valid output_index");
    llm__responses_item_state((llm__responses_state *)s->state, index);
    if (!type) return LLM_OK;
    if (strcmp(type, "message") == 0) return llm__responses_message_rest(s, item);
    if (strcmp(type, "function_call") == 0) return llm__responses_call_done(s, index, item);
    if (strcmp(type, "reasoning") == 0) return llm__responses_reasoning_done(s, index, item);
    return LLM_OK;
}

/* A text, refusal or summary delta of the item at output_index; a new
   summary part starts after a blank line when reasoning text came before. */
static llm_result llm__responses_delta(llm_stream_sink *s, llm_event_type kind, const llm_json *root) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    int index = llm__responses_index(root);
    size_t n;
    const char *str = llm_json_string(llm_json_get(root, "delta"), &n);
    llm_result r;
    if (index < 0) return llm_sink_fail(s, LLM_ERR_PARSE, "a delta without a valid output_index");
    llm__responses_item_state(st, index);
    if (kind == LLM_EVENT_REASONING) {
        int64_t part = llm_json_int(llm_json_get(root, "summary_index"), 0);
        if (part != st->summary) {
            st->summary = part < 0 || part > 0x7FFFFFFF ? 0x7FFFFFFF : (int)part;
            if (st->reasoning_any && (r = llm__responses_deliver(s, kind, "\n\n", 2)) != LLM_OK) return r;
        }
    }
    return str ? llm__responses_deliver(s, kind, str, n) : LLM_OK;
}

static llm_result llm__responses_args_delta(llm_stream_sink *s, const llm_json *root) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    int index = llm__responses_index(root), h = index < 0 ? -1 : llm_sink_tool_find(s, 0, index);
    size_t n;
    const char *str = llm_json_string(llm_json_get(root, "delta"), &n);
    if (h < 0) return llm_sink_fail(s, LLM_ERR_PARSE, "function call arguments for an output item that is no call");
    llm__responses_item_state(st, index);
    if (!str) return LLM_OK;
    st->args += n;
    return llm_sink_tool_args(s, 0, h, str, n);
}

/* The response object of response.created ... response.completed: id,
   model, object and created_at (the first event's), and from the one that
   ends it the service tier it ran in and the usage. */
static llm_result llm__responses_head(llm_stream_sink *s, const llm_json *response, bool final) {
    static const char *const keys[] = {"id", "model", "object"};
    static const llm_sink_field fields[] = {LLM_FIELD_ID, LLM_FIELD_MODEL, LLM_FIELD_OBJECT};
    const llm_json *u = llm_json_get(response, "usage");
    size_t i, n;
    const char *str;
    llm_result r;
    for (i = 0; i < 3; i++)
        if ((str = llm_json_string(llm_json_get(response, keys[i]), &n)) != NULL &&
            (r = llm_sink_field_set(s, fields[i], str, n)) != LLM_OK)
            return r;
    if (llm_json_get(response, "created_at"))
        llm_sink_created(s, llm_json_int(llm_json_get(response, "created_at"), 0));
    if (!final) return LLM_OK;
    if ((str = llm_json_string(llm_json_get(response, "service_tier"), &n)) != NULL &&
        (r = llm_sink_field_set(s, LLM_FIELD_SERVICE_TIER, str, n)) != LLM_OK)
        return r;
    if (llm_json_is(u, LLM_JSON_OBJECT)) {
        llm_usage carried;
        bool valid = llm__responses_usage_carried(u, &carried);
        return llm_sink_usage(s, &carried, valid);
    }
    return LLM_OK;
}

/* response.completed, response.incomplete, response.failed: the end. */
static llm_result llm__responses_end(llm_stream_sink *s, const llm_json *response) {
    llm__responses_state *st = (llm__responses_state *)s->state;
    const char *word = llm__responses_end_word(response);
    llm_result r = llm__responses_head(s, response, true);
    if (r != LLM_OK) return r;
    llm_sink_done(s);
    if (word && strcmp(word, "failed") == 0) return llm_sink_error(s, response);
    if (!word) word = "completed";
    return llm_sink_finish_reason(s, 0, st->calls && strcmp(word, "completed") == 0 ? LLM_FINISH_TOOL_CALLS
                                                                                  : LLM_FINISH_NONE,
                                  word, strlen(word));
}

static llm_result llm__responses_stream_event(llm_stream_sink *s, const char *event, size_t event_len,
                                              const llm_json *root) {
    const char *type = llm_json_string(llm_json_get(root, "type"), NULL);
    llm_result r;
    (void)event;
    (void)event_len;
    if ((r = llm_sink_choice(s, 0)) != LLM_OK) return r;
    if (!type) return LLM_OK;
    if (strcmp(type, "response.output_text.delta") == 0) return llm__responses_delta(s, LLM_EVENT_TEXT, root);
    if (strcmp(type, "response.refusal.delta") == 0) return llm__responses_delta(s, LLM_EVENT_REFUSAL, root);
    if (strcmp(type, "response.reasoning_summary_text.delta") == 0)
        return llm__responses_delta(s, LLM_EVENT_REASONING, root);
    if (strcmp(type, "response.function_call_arguments.delta") == 0) return llm__responses_args_delta(s, root);
    if (strcmp(type, "response.output_item.added") == 0) return llm__responses_item_added(s, root);
    if (strcmp(type, "response.output_item.done") == 0) return llm__responses_item_done(s, root);
    if (strcmp(type, "response.created") == 0 || strcmp(type, "response.in_progress") == 0 ||
        strcmp(type, "response.queued") == 0)
        return llm__responses_head(s, llm_json_get(root, "response"), false);
    if (strcmp(type, "response.completed") == 0 || strcmp(type, "response.incomplete") == 0 ||
        strcmp(type, "response.failed") == 0)
        return llm__responses_end(s, llm_json_get(root, "response"));
    if (strcmp(type, "error") == 0) return llm_sink_error(s, root);
    return LLM_OK; /* the .done events (their items' done events carry the same), built-in tools' events */
}

/* ---- the remote token count: POST /responses/input_tokens ---- */

static llm_result llm__responses_count_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                              llm_error *err) {
    return llm__responses_body(ctx, req, w, err, true);
}

static llm_result llm__responses_count_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                           llm_error *err) {
    const char *pieces[2];
    (void)req;
    pieces[0] = ctx->base_url;
    pieces[1] = "/responses/input_tokens";
    return llm__wire_url_join(buf, size, pieces, 2, err);
}

/* {"object": "response.input_tokens", "input_tokens": N} */
static llm_result llm__responses_count_decode(const llm_wire_ctx *ctx, const llm_json *body, int64_t *input_tokens,
                                              llm_error *err) {
    const llm_json *v = llm_json_get(body, "input_tokens");
    (void)ctx;
    if (!llm_json_is(v, LLM_JSON_NUMBER) || !llm__wire_usage_count(v, input_tokens))
        return llm__fail(err, LLM_ERR_PARSE, "token count: no whole input_tokens in the answer");
    return LLM_OK;
}

static const llm_wire_count llm__responses_count = {llm__responses_count_encode, llm__responses_count_url,
                                                    llm__responses_count_decode};

static const llm_wire_format llm__responses_wire = {
    "openai-responses", llm__responses_encode, llm__responses_url, llm__responses_decode,
    llm__wire_decode_error_object, llm__responses_stream_event, sizeof(llm__responses_state), LLM_FRAMING_SSE, NULL,
    llm__responses_finish_words, llm__openai_error_words, false, llm__responses_usage, true, NULL, NULL,
    &llm__responses_count,
};

/* Azure OpenAI's Responses API: the same format at its own URLs, under the
   same name (its reasoning items are the same; the origin they record says
   where they go back). */
static const llm_wire_format llm__responses_azure_wire = {
    "openai-responses", llm__responses_encode, llm__responses_azure_url, llm__responses_decode,
    llm__wire_decode_error_object, llm__responses_stream_event, sizeof(llm__responses_state), LLM_FRAMING_SSE, NULL,
    llm__responses_finish_words, llm__openai_error_words, false, llm__responses_usage, true, NULL, NULL, NULL,
};

#endif /* LLM_NO_PROVIDER_OPENAI */

/* ------------------------------------------------------------------------ */
// >>anthropic: the Anthropic Messages wire format
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_PROVIDER_ANTHROPIC

/* Anthropic's stop reasons (Message.stop_reason in its OpenAPI spec). */
static const llm_finish_word llm__anthropic_finish_words[] = {
    {"end_turn", LLM_FINISH_STOP},       {"stop_sequence", LLM_FINISH_STOP},
    {"max_tokens", LLM_FINISH_LENGTH},   {"model_context_window_exceeded", LLM_FINISH_LENGTH},
    {"tool_use", LLM_FINISH_TOOL_CALLS}, {"refusal", LLM_FINISH_CONTENT_FILTER},
    {"pause_turn", LLM_FINISH_OTHER},    {NULL, LLM_FINISH_NONE}};

/* Anthropic's error types (its errors documentation), and the phrase of
   its context-window error. */
static const llm_error_word llm__anthropic_error_words[] = {
    {"prompt is too long", LLM_ERR_CONTEXT_WINDOW_EXCEEDED, true, true},
    {"overloaded_error", LLM_ERR_UNAVAILABLE, true, false},
    {"rate_limit_error", LLM_ERR_RATE_LIMITED, false, false},
    {"authentication_error", LLM_ERR_AUTHENTICATION, false, false},
    {"permission_error", LLM_ERR_PERMISSION, false, false},
    {"not_found_error", LLM_ERR_NOT_FOUND, false, false},
    {"billing_error", LLM_ERR_PAYMENT_REQUIRED, true, false},
    {"request_too_large", LLM_ERR_BAD_REQUEST, false, false},
    {"invalid_request_error", LLM_ERR_BAD_REQUEST, false, false},
    {"timeout_error", LLM_ERR_TIMEOUT, false, false},
    {"api_error", LLM_ERR_SERVER, false, false},
    {NULL, LLM_OK, false, false}};

/* ---- the request ---- */

/* What a Claude model takes, by family (the README's table, "Anthropic"):
   how reasoning_effort becomes thinking, and whether a structured answer
   has its own field (output_config.format) or comes through a forced
   tool. A model no row names is taken as a newer one. */
enum { LLM__ANTHROPIC_THINK_NONE = 0, LLM__ANTHROPIC_THINK_BUDGET, LLM__ANTHROPIC_THINK_ADAPTIVE };
typedef struct llm__anthropic_family {
    const char *prefix;          /* the model name starts with it */
    int thinking;
    bool native_format;
} llm__anthropic_family;

static const llm__anthropic_family llm__anthropic_families[] = {
    {"claude-opus-4-7", LLM__ANTHROPIC_THINK_ADAPTIVE, true},
    {"claude-opus-4-6", LLM__ANTHROPIC_THINK_ADAPTIVE, true},
    {"claude-sonnet-4-6", LLM__ANTHROPIC_THINK_ADAPTIVE, true},
    {"claude-mythos", LLM__ANTHROPIC_THINK_ADAPTIVE, true},
    {"claude-opus-4-5", LLM__ANTHROPIC_THINK_BUDGET, true},
    {"claude-sonnet-4-5", LLM__ANTHROPIC_THINK_BUDGET, true},
    {"claude-haiku-4-5", LLM__ANTHROPIC_THINK_BUDGET, true},
    {"claude-opus-4-1", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-opus-4-0", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-opus-4-20", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-sonnet-4-0", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-sonnet-4-20", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-3-7-sonnet", LLM__ANTHROPIC_THINK_BUDGET, false},
    {"claude-3", LLM__ANTHROPIC_THINK_NONE, false},
};
static const llm__anthropic_family llm__anthropic_newer = {"", LLM__ANTHROPIC_THINK_ADAPTIVE, true};

static const llm__anthropic_family *llm__anthropic_family_of(const char *model) {
    size_t i;
    for (i = 0; i < sizeof llm__anthropic_families / sizeof llm__anthropic_families[0]; i++)
        if (strncmp(model, llm__anthropic_families[i].prefix, strlen(llm__anthropic_families[i].prefix)) == 0)
            return &llm__anthropic_families[i];
    return &llm__anthropic_newer;
}

/* reasoning_effort as thinking: a token budget (LiteLLM's for low, medium
   and high; doubled above), or an adaptive effort level. */
static const struct { const char *word, *effort; int budget; } llm__anthropic_efforts[] = {
    {"minimal", "low", 1024}, {"low", "low", 1024}, {"medium", "medium", 2048}, {"high", "high", 4096},
    {"xhigh", "xhigh", 8192}, {"max", "max", 16384},
};

#define LLM__ANTHROPIC_JSON_TOOL "json_tool_call" /* LiteLLM's name for it */
#define LLM__ANTHROPIC_DEFAULT_MAX_TOKENS 4096

/* How one request is sent, decided before anything is written. */
typedef struct llm__anthropic_plan {
    const llm__anthropic_family *family;
    int64_t max_tokens;
    int budget;                  /* thinking budget; 0: none */
    const char *effort;          /* adaptive effort; NULL: none */
    bool json_tool;              /* the structured answer through the forced tool */
    bool temperature, top_k, service_tier; /* sent */
} llm__anthropic_plan;

/* The state of an Anthropic call: what the encoder decided for the
   decoders, and the stream's usage (message_start begins it, message_delta
   completes it). */
typedef struct llm__anthropic_state {
    bool json_tool;              /* a tool_use named LLM__ANTHROPIC_JSON_TOOL is the answer's content */
    int json_block;              /* stream: its content block index + 1; 0: not yet seen */
    llm_usage usage;
    bool bad;
} llm__anthropic_state;

/* max_tokens, which the API requires: the request's, else the smaller of
   4096 and the model's output limit in the price table. 4096, not the
   limit itself: Anthropic's SDK refuses non-streamed calls whose max_tokens
   implies more than ten minutes of generation. */
static int64_t llm__anthropic_max_tokens(const llm_wire_ctx *ctx, const llm_request *req) {
    int64_t n = req->max_tokens ? req->max_tokens : req->max_completion_tokens;
#ifndef LLM_NO_COSTS
    llm_model_info info;
    if (!n && llm_model_info_get(ctx->client->desc.costs, ctx->model, &info, NULL) == LLM_OK &&
        info.max_output_tokens > 0 && info.max_output_tokens < LLM__ANTHROPIC_DEFAULT_MAX_TOKENS)
        n = info.max_output_tokens;
#else
    (void)ctx;
#endif
    return n ? n : LLM__ANTHROPIC_DEFAULT_MAX_TOKENS;
}

static llm_result llm__anthropic_thinking_config(llm__wire_enc *e, const llm_request *req, llm__anthropic_plan *p) {
    const char *word = req->reasoning_effort;
    size_t i;
    if (!word || strcmp(word, "none") == 0) return LLM_OK;
    for (i = 0; i < sizeof llm__anthropic_efforts / sizeof llm__anthropic_efforts[0] &&
                strcmp(llm__anthropic_efforts[i].word, word) != 0;
         i++) {}
    if (i == sizeof llm__anthropic_efforts / sizeof llm__anthropic_efforts[0])
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                         "reasoning_effort: \"%s\" is none of none, minimal, low, medium, high, xhigh, max", word);
    if (p->family->thinking == LLM__ANTHROPIC_THINK_NONE)
        return llm__wire_enc_drop(e, true, "reasoning_effort", "this Claude model does not think");
    if (p->family->thinking == LLM__ANTHROPIC_THINK_ADAPTIVE) {
        p->effort = llm__anthropic_efforts[i].effort;
        return LLM_OK;
    }
    p->budget = llm__anthropic_efforts[i].budget;
    /* the budget counts in max_tokens: the answer keeps its room */
    if (p->max_tokens <= p->budget) p->max_tokens += p->budget;
    return LLM_OK;
}

/* The structured answer: the model's own field, else a forced tool, whose
   input must then be an object schema. */
static llm_result llm__anthropic_format(llm__wire_enc *e, const llm_request *req, llm__anthropic_plan *p) {
    const llm_response_format *f = &req->response_format;
    llm_json_doc doc;
    llm_error perr;
    const char *type;
    if (f->type != LLM_FORMAT_JSON_OBJECT && f->type != LLM_FORMAT_JSON_SCHEMA) return LLM_OK;
    if (f->type == LLM_FORMAT_JSON_SCHEMA && p->family->native_format) return LLM_OK;
    p->json_tool = true;
    if (p->budget || p->effort)
        return llm__fail(
            e->err, LLM_ERR_INVALID_ARGUMENT,
            "response_format: %s gives a structured answer through a forced tool, which thinking does not allow",
            e->ctx->model);
    if (f->type == LLM_FORMAT_JSON_OBJECT) return LLM_OK;
    memset(&doc, 0, sizeof doc);
    if (llm__json_check(&e->ctx->client->desc.alloc, f->schema, strlen(f->schema), true, &doc, &perr) != LLM_OK)
        return llm__fail(e->err, perr.code, "response_format.schema: %s", perr.message);
    type = llm_json_string(llm_json_get(llm_json_root(&doc), "type"), NULL);
    if (!type || strcmp(type, "object") != 0) {
        llm_json_doc_free(&doc);
        return llm__fail(
            e->err, LLM_ERR_INVALID_ARGUMENT,
            "response_format.schema: %s gives a structured answer through a tool, whose input is an object: "
            "the schema's type must be \"object\"",
            e->ctx->model);
    }
    llm_json_doc_free(&doc);
    return LLM_OK;
}

/* The messages' checks: the first turn the user's, tool calls with object
   arguments (and tools to name them), images as base64 or URL, PDFs. */
static llm_result llm__anthropic_messages_ok(llm__wire_enc *e, const llm_request *req) {
    size_t m, k, turns = 0;
    llm_result r;
    for (m = 0; m < req->message_count; m++) {
        const llm_message *msg = &req->messages[m];
        if (msg->role == LLM_ROLE_SYSTEM || msg->role == LLM_ROLE_DEVELOPER) continue;
        if (!turns++ && msg->role == LLM_ROLE_ASSISTANT)
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z]: Anthropic's first turn is the user's, not the assistant's", m);
        if (msg->tool_call_count && !req->tool_count)
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z]: Anthropic needs `tools` when the history has tool calls", m);
        if (msg->role == LLM_ROLE_ASSISTANT && !msg->part_count && (!msg->content || !msg->content[0]) &&
            !msg->tool_call_count && !llm__wire_reasoning_sent(e, msg, "anthropic-messages", true))
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z]: an empty assistant turn (Anthropic refuses empty content; reasoning "
                             "blocks go only where they were made)",
                             m);
        if ((r = llm__wire_enc_message_ok(e, msg, m, false)) != LLM_OK) return r;
        for (k = 0; k < msg->part_count; k++)
            if (msg->parts[k].type == LLM_PART_DOCUMENT && msg->parts[k].base64 &&
                strcmp(msg->parts[k].media_type, "application/pdf") != 0)
                return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                                 "messages[%z].parts[%z]: Anthropic takes PDF documents (application/pdf)", m, k);
    }
    if (!turns)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                         "messages: Anthropic needs a user turn beside the system prompt");
    return LLM_OK;
}

/* Everything decided, and everything this format cannot take said, before
   a byte is written. */
static llm_result llm__anthropic_plan_for(llm__wire_enc *e, const llm_request *req, llm__anthropic_plan *p) {
    llm_result r;
    bool thinking;
    memset(p, 0, sizeof *p);
    p->family = llm__anthropic_family_of(e->ctx->model);
    p->max_tokens = llm__anthropic_max_tokens(e->ctx, req);
    if ((r = llm__anthropic_thinking_config(e, req, p)) != LLM_OK || (r = llm__anthropic_format(e, req, p)) != LLM_OK)
        return r;
    thinking = p->budget || p->effort;
    p->service_tier = req->service_tier &&
                      (strcmp(req->service_tier, "auto") == 0 || strcmp(req->service_tier, "standard_only") == 0);
    if ((r = llm__wire_enc_drop(e, req->n > 1, "n", "Anthropic answers one choice")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_seed, "seed", "Anthropic has no seed")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->logprobs || req->has_top_logprobs, "logprobs",
                                "Anthropic gives no log probabilities")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_presence_penalty, "presence_penalty", "Anthropic has no penalties")) !=
            LLM_OK ||
        (r = llm__wire_enc_drop(e, req->has_frequency_penalty, "frequency_penalty", "Anthropic has no penalties")) !=
            LLM_OK ||
        (r = llm__wire_enc_drop(e, req->metadata_count > 0, "metadata",
                                "Anthropic's metadata holds only user_id (set `user`)")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->service_tier && !p->service_tier, "service_tier",
                                "Anthropic takes auto or standard_only")) != LLM_OK)
        return r;
    p->temperature = req->has_temperature && !(thinking && req->temperature != 1);
    p->top_k = req->has_top_k && !thinking;
    if (thinking &&
        ((r = llm__wire_enc_drop(e, p->temperature != req->has_temperature, "temperature",
                                 "thinking takes only temperature 1")) != LLM_OK ||
         (r = llm__wire_enc_drop(e, p->top_k != req->has_top_k, "top_k", "thinking does not take top_k")) != LLM_OK))
        return r;
    if (thinking &&
        (req->tool_choice.mode == LLM_TOOL_CHOICE_REQUIRED || req->tool_choice.mode == LLM_TOOL_CHOICE_FUNCTION))
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                         "tool_choice: with thinking Anthropic takes only auto or none");
    return llm__anthropic_messages_ok(e, req);
}

static void llm__anthropic_cache(llm_json_writer *w, llm_cache cache) {
    if (cache == LLM_CACHE_NONE) return;
    llm_json_write_key(w, "cache_control");
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", "ephemeral");
    if (cache == LLM_CACHE_1H) llm__wire_member(w, "ttl", "1h");
    llm_json_write_object_end(w);
}

static void llm__anthropic_text_block(llm_json_writer *w, const char *text, llm_cache cache) {
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", "text");
    llm__wire_member(w, "text", text);
    llm__anthropic_cache(w, cache);
    llm_json_write_object_end(w);
}

/* {"type":"base64","media_type":...,"data":...} or {"type":"url","url":...} */
static void llm__anthropic_source(llm_json_writer *w, const llm_content_part *part) {
    const char *media = part->media_type, *data = part->base64;
    size_t n = media ? strlen(media) : 0;
    llm_json_write_key(w, "source");
    llm_json_write_object_begin(w);
    if (part->type == LLM_PART_IMAGE_URL && !llm__wire_data_url(part->url, &media, &n, &data)) {
        llm__wire_member(w, "type", "url");
        llm__wire_member(w, "url", part->url);
    } else if (part->type == LLM_PART_DOCUMENT && !part->base64) {
        llm__wire_member(w, "type", "url");
        llm__wire_member(w, "url", part->url);
    } else {
        llm__wire_member(w, "type", "base64");
        llm_json_write_key(w, "media_type");
        llm_json_write_stringn(w, media, n);
        llm__wire_member(w, "data", data);
    }
    llm_json_write_object_end(w);
}

/* One content part as a block; `cache` adds the message's marker to it. */
static void llm__anthropic_part(llm_json_writer *w, const llm_content_part *part, llm_cache cache) {
    if (part->cache != LLM_CACHE_NONE) cache = part->cache;
    if (part->type == LLM_PART_TEXT) {
        llm__anthropic_text_block(w, part->text, cache);
        return;
    }
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", part->type == LLM_PART_DOCUMENT ? "document" : "image");
    llm__anthropic_source(w, part);
    if (part->type == LLM_PART_DOCUMENT) llm__wire_member(w, "title", part->filename);
    llm__anthropic_cache(w, cache);
    llm_json_write_object_end(w);
}

/* A message's content as blocks, its cache marker on the last one. */
static void llm__anthropic_content_blocks(llm_json_writer *w, const llm_message *msg) {
    size_t k;
    if (!msg->part_count) {
        if (msg->content && msg->content[0]) llm__anthropic_text_block(w, msg->content, msg->cache);
        return;
    }
    for (k = 0; k < msg->part_count; k++)
        llm__anthropic_part(w, &msg->parts[k], k + 1 == msg->part_count ? msg->cache : LLM_CACHE_NONE);
}

/* The system prompt: every system and developer message, in order; one
   string when that is all there is to say. */
static void llm__anthropic_system(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t m, count = 0;
    const llm_message *only = NULL;
    for (m = 0; m < req->message_count; m++)
        if (req->messages[m].role == LLM_ROLE_SYSTEM || req->messages[m].role == LLM_ROLE_DEVELOPER)
            count++, only = &req->messages[m];
    if (!count || !llm__wire_enc_key(e, "system")) return;
    if (count == 1 && !only->part_count && only->cache == LLM_CACHE_NONE) {
        llm_json_write_string(w, only->content);
        return;
    }
    llm_json_write_array_begin(w);
    for (m = 0; m < req->message_count; m++)
        if (req->messages[m].role == LLM_ROLE_SYSTEM || req->messages[m].role == LLM_ROLE_DEVELOPER)
            llm__anthropic_content_blocks(w, &req->messages[m]);
    llm_json_write_array_end(w);
}

/* A tool's answer: a tool_result block. */
static void llm__anthropic_tool_result(llm_json_writer *w, const llm_message *msg) {
    size_t k;
    llm_json_write_object_begin(w);
    llm__wire_member(w, "type", "tool_result");
    llm__wire_member(w, "tool_use_id", msg->tool_call_id);
    llm_json_write_key(w, "content");
    if (msg->part_count) {
        llm_json_write_array_begin(w);
        for (k = 0; k < msg->part_count; k++) llm__anthropic_part(w, &msg->parts[k], LLM_CACHE_NONE);
        llm_json_write_array_end(w);
    } else {
        llm_json_write_string(w, msg->content ? msg->content : "");
    }
    llm__anthropic_cache(w, msg->cache);
    llm_json_write_object_end(w);
}

/* A user turn from messages[from, to) (user and tool messages): the tool
   results first, in order, then the rest (the API wants results first).
   One plain string when it is one plain message. */
static void llm__anthropic_user_turn(llm_json_writer *w, const llm_request *req, size_t from, size_t to) {
    const llm_message *first = &req->messages[from];
    size_t m;
    llm_json_write_key(w, "content");
    if (to - from == 1 && first->role == LLM_ROLE_USER && !first->part_count && first->cache == LLM_CACHE_NONE) {
        llm_json_write_string(w, first->content);
        return;
    }
    llm_json_write_array_begin(w);
    for (m = from; m < to; m++)
        if (req->messages[m].role == LLM_ROLE_TOOL) llm__anthropic_tool_result(w, &req->messages[m]);
    for (m = from; m < to; m++)
        if (req->messages[m].role == LLM_ROLE_USER) llm__anthropic_content_blocks(w, &req->messages[m]);
    llm_json_write_array_end(w);
}

/* Whether the reasoning blocks of a message are sent: this format's (a
   message naming none is taken as this format's, as LiteLLM's
   thinking_blocks are), made by this endpoint and model. */
static bool llm__anthropic_reasoning_sent(const llm__wire_enc *e, const llm_message *msg) {
    return llm__wire_reasoning_sent(e, msg, "anthropic-messages", true);
}

/* The reasoning blocks of a message, when they are sent (another format's,
   endpoint's or model's never are). */
static void llm__anthropic_reasoning(const llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    size_t k;
    if (!llm__anthropic_reasoning_sent(e, msg)) return;
    for (k = 0; k < msg->reasoning_count; k++) {
        const llm_reasoning_block *b = &msg->reasoning[k];
        llm_json_write_object_begin(w);
        if (b->kind == LLM_REASONING_REDACTED) {
            llm__wire_member(w, "type", "redacted_thinking");
            llm__wire_member(w, "data", b->data);
        } else {
            llm__wire_member(w, "type", "thinking");
            llm__wire_member(w, "thinking", b->thinking ? b->thinking : "");
            llm__wire_member(w, "signature", b->signature);
        }
        llm_json_write_object_end(w);
    }
}

static void llm__anthropic_tool_uses(llm_json_writer *w, const llm_message *msg) {
    size_t k;
    for (k = 0; k < msg->tool_call_count; k++) {
        const llm_tool_call *tc = &msg->tool_calls[k];
        const char *args = tc->arguments && tc->arguments[0] ? tc->arguments : "{}";
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", "tool_use");
        llm__wire_member(w, "id", tc->id);
        llm__wire_member(w, "name", tc->name);
        llm_json_write_key(w, "input"); /* an object (checked in the plan) */
        llm__json_write_raw_checked(w, args, strlen(args));
        if (k + 1 == msg->tool_call_count) llm__anthropic_cache(w, msg->cache);
        llm_json_write_object_end(w);
    }
}

/* An assistant turn from messages[from, to): the reasoning state first (the
   API wants thinking at the start of the turn), then text and tool calls. */
static void llm__anthropic_assistant_turn(const llm__wire_enc *e, const llm_request *req, size_t from, size_t to) {
    llm_json_writer *w = e->w;
    const llm_message *first = &req->messages[from];
    size_t m;
    llm_json_write_key(w, "content");
    if (to - from == 1 && !first->part_count && !first->tool_call_count && !llm__anthropic_reasoning_sent(e, first) &&
        first->cache == LLM_CACHE_NONE) {
        llm_json_write_string(w, first->content); /* one plain text (not empty: checked) */
        return;
    }
    llm_json_write_array_begin(w);
    for (m = from; m < to; m++) llm__anthropic_reasoning(e, &req->messages[m]);
    for (m = from; m < to; m++) {
        const llm_message *msg = &req->messages[m];
        llm_message text = *msg;
        /* the marker goes on the last block: the last tool call */
        if (msg->tool_call_count) text.cache = LLM_CACHE_NONE;
        llm__anthropic_content_blocks(w, &text);
        llm__anthropic_tool_uses(w, msg);
    }
    llm_json_write_array_end(w);
}

/* The conversation as alternating turns: consecutive messages of one side
   become one turn; system and developer messages went to `system`. */
static void llm__anthropic_messages(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t m = 0, end;
    bool user;
    if (!llm__wire_enc_key(e, "messages")) return;
    llm_json_write_array_begin(w);
    for (; llm__wire_enc_next_turn(req, &m, &end, &user); m = end) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "role", user ? "user" : "assistant");
        if (user) llm__anthropic_user_turn(w, req, m, end);
        else llm__anthropic_assistant_turn(e, req, m, end);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
}

static void llm__anthropic_tool(llm_json_writer *w, const char *name, const char *description, const char *schema,
                                bool strict, llm_cache cache) {
    const char *params = schema ? schema : "{\"type\":\"object\",\"properties\":{}}";
    llm_json_write_object_begin(w);
    llm__wire_member(w, "name", name);
    llm__wire_member(w, "description", description);
    llm_json_write_key(w, "input_schema");
    llm__json_write_raw_checked(w, params, strlen(params));
    if (strict) {
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, true);
    }
    llm__anthropic_cache(w, cache);
    llm_json_write_object_end(w);
}

/* tools, with the forced JSON tool last; tool_choice. */
static void llm__anthropic_tools(llm__wire_enc *e, const llm_request *req, const llm__anthropic_plan *p) {
    llm_json_writer *w = e->w;
    const llm_response_format *f = &req->response_format;
    const llm_tool_choice *tc = &req->tool_choice;
    size_t i;
    if ((req->tool_count || p->json_tool) && llm__wire_enc_key(e, "tools")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->tool_count; i++)
            llm__anthropic_tool(w, req->tools[i].name, req->tools[i].description, req->tools[i].parameters,
                                req->tools[i].strict, req->tools[i].cache);
        if (p->json_tool)
            llm__anthropic_tool(
                w, LLM__ANTHROPIC_JSON_TOOL,
                f->description ? f->description : "Gives the answer, as the JSON the input schema describes.",
                f->type == LLM_FORMAT_JSON_SCHEMA ? f->schema : "{\"type\":\"object\"}", false, LLM_CACHE_NONE);
        llm_json_write_array_end(w);
    }
    if (!req->tool_count && !p->json_tool) return; /* a choice without tools: nothing to choose */
    if (!p->json_tool && tc->mode == LLM_TOOL_CHOICE_DEFAULT && req->parallel_tool_calls != LLM_FALSE) return;
    if (!llm__wire_enc_key(e, "tool_choice")) return;
    llm_json_write_object_begin(w);
    if (p->json_tool) {
        llm__wire_member(w, "type", "tool");
        llm__wire_member(w, "name", LLM__ANTHROPIC_JSON_TOOL);
    } else {
        llm__wire_member(w, "type",
                         tc->mode == LLM_TOOL_CHOICE_NONE       ? "none"
                         : tc->mode == LLM_TOOL_CHOICE_REQUIRED ? "any"
                         : tc->mode == LLM_TOOL_CHOICE_FUNCTION ? "tool"
                                                                : "auto");
        if (tc->mode == LLM_TOOL_CHOICE_FUNCTION) llm__wire_member(w, "name", tc->name);
    }
    if (req->parallel_tool_calls == LLM_FALSE && tc->mode != LLM_TOOL_CHOICE_NONE) {
        llm_json_write_key(w, "disable_parallel_tool_use");
        llm_json_write_bool(w, true);
    }
    llm_json_write_object_end(w);
}

/* thinking and output_config. */
static void llm__anthropic_reasoning_config(llm__wire_enc *e, const llm_request *req, const llm__anthropic_plan *p) {
    llm_json_writer *w = e->w;
    bool native = req->response_format.type == LLM_FORMAT_JSON_SCHEMA && !p->json_tool;
    if ((p->budget || p->effort) && llm__wire_enc_key(e, "thinking")) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "type", p->budget ? "enabled" : "adaptive");
        if (p->budget) {
            llm_json_write_key(w, "budget_tokens");
            llm_json_write_int(w, p->budget);
        }
        llm_json_write_object_end(w);
    }
    if ((p->effort || native) && llm__wire_enc_key(e, "output_config")) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "effort", p->effort);
        if (native) {
            llm_json_write_key(w, "format");
            llm_json_write_object_begin(w);
            llm__wire_member(w, "type", "json_schema");
            llm_json_write_key(w, "schema");
            llm__json_write_raw_checked(w, req->response_format.schema, strlen(req->response_format.schema));
            llm_json_write_object_end(w);
        }
        llm_json_write_object_end(w);
    }
}

static void llm__anthropic_sampling(llm__wire_enc *e, const llm_request *req, const llm__anthropic_plan *p) {
    llm_json_writer *w = e->w;
    size_t i;
    if (req->stop_count && llm__wire_enc_key(e, "stop_sequences")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->stop_count; i++) llm_json_write_string(w, req->stop[i]);
        llm_json_write_array_end(w);
    }
    if (p->temperature && llm__wire_enc_key(e, "temperature")) llm_json_write_number(w, req->temperature);
    if (req->has_top_p && llm__wire_enc_key(e, "top_p")) llm_json_write_number(w, req->top_p);
    if (p->top_k && llm__wire_enc_key(e, "top_k")) llm_json_write_int(w, req->top_k);
    if (req->user && llm__wire_enc_key(e, "metadata")) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "user_id", req->user);
        llm_json_write_object_end(w);
    }
    if (p->service_tier && llm__wire_enc_key(e, "service_tier")) llm_json_write_string(w, req->service_tier);
}

static llm_result llm__anthropic_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                        llm_error *err) {
    llm__wire_enc e;
    llm__anthropic_plan p;
    llm__anthropic_state *st = (llm__anthropic_state *)ctx->state;
    llm_result r = llm__wire_enc_begin(&e, ctx, req, w, err);
    if (r != LLM_OK || (r = llm__wire_enc_no_json_tools(&e, req)) != LLM_OK ||
        (r = llm__anthropic_plan_for(&e, req, &p)) != LLM_OK)
        return llm__wire_enc_end(&e, r);
    if (st) st->json_tool = p.json_tool;
    llm_json_write_object_begin(w);
    if (llm__wire_enc_key(&e, "model")) llm_json_write_string(w, ctx->model);
    if (llm__wire_enc_key(&e, "max_tokens")) llm_json_write_int(w, p.max_tokens);
    llm__anthropic_system(&e, req);
    llm__anthropic_messages(&e, req);
    llm__anthropic_tools(&e, req, &p);
    llm__anthropic_reasoning_config(&e, req, &p);
    llm__anthropic_sampling(&e, req, &p);
    if (ctx->stream && llm__wire_enc_key(&e, "stream")) llm_json_write_bool(w, true);
    return llm__wire_enc_end(&e, LLM_OK);
}

/* Anthropic counts input without cache reads and writes; llm_usage counts
   them in the prompt. A later message_delta may leave some counts out: the
   ones given update what message_start said. False when a count is out of
   range (the usage is then to be treated as absent). */
static bool llm__anthropic_usage(const llm_json *u, llm_usage *us) {
    int64_t input = -1, read = -1, write = -1, write_1h = -1, out = -1;
    if (!llm_json_is(u, LLM_JSON_OBJECT)) return true;
    if (!llm__wire_usage_count(llm_json_get(u, "input_tokens"), &input) ||
        !llm__wire_usage_count(llm_json_get(u, "cache_read_input_tokens"), &read) ||
        !llm__wire_usage_count(llm_json_get(u, "cache_creation_input_tokens"), &write) ||
        !llm__wire_usage_count(llm_json_get(llm_json_get(u, "cache_creation"), "ephemeral_1h_input_tokens"),
                               &write_1h) ||
        !llm__wire_usage_count(llm_json_get(u, "output_tokens"), &out))
        return false;
    us->source = LLM_USAGE_REPORTED;
    if (read >= 0) us->cached_tokens = read;
    if (write >= 0) us->cache_creation_tokens = write;
    if (write_1h >= 0) us->cache_creation_1h_tokens = write_1h;
    if (input >= 0 || read >= 0 || write >= 0)
        us->prompt_tokens = (input >= 0 ? input : us->prompt_tokens - us->cached_tokens - us->cache_creation_tokens) +
                            us->cached_tokens + us->cache_creation_tokens;
    if (out >= 0) us->completion_tokens = out;
    us->total_tokens = us->prompt_tokens + us->completion_tokens;
    return true;
}

static bool llm__anthropic_block_is(const llm_json *b, const char *type) {
    const char *t = llm_json_string(llm_json_get(b, "type"), NULL);
    return t && strcmp(t, type) == 0;
}

/* The forced JSON tool's block, whose input is the answer's content. */
static bool llm__anthropic_is_json_tool(const llm_wire_ctx *ctx, const char *name) {
    const llm__anthropic_state *st = (const llm__anthropic_state *)ctx->state;
    return st && st->json_tool && name && strcmp(name, LLM__ANTHROPIC_JSON_TOOL) == 0;
}

/* A tool_use block's input as JSON text in the arena ("{}" for none). */
static llm_result llm__anthropic_input_text(llm_response *resp, const llm_json *b, size_t k, const char **out,
                                            llm_error *err) {
    const llm_json *input = llm_json_get(b, "input");
    if (!input || llm_json_is(input, LLM_JSON_NULL)) {
        *out = "{}";
        return LLM_OK;
    }
    switch (llm__wire_json_text(&resp->alloc_, &resp->arena_, input, out)) {
        case LLM_OK: return LLM_OK;
        case LLM_ERR_NO_MEMORY: return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
        default:
            return llm__fail(err, LLM_ERR_PARSE, "response: content[%z]: a tool_use input nested deeper than 64", k);
    }
}

/* The thinking and redacted_thinking blocks, in order (their text, its
   signature, their data: sent back as they came). */
static void llm__anthropic_reasoning_decode(llm_response *resp, llm_choice *c, const llm_json *content, bool *failed) {
    const llm_json *b;
    size_t n = 0, k = 0;
    llm_reasoning_block *out;
    for (b = llm_json_first(content); b; b = llm_json_next(content, b))
        n += llm__anthropic_block_is(b, "thinking") || llm__anthropic_block_is(b, "redacted_thinking");
    if (!n || !(out = (llm_reasoning_block *)llm__wire_resp_array(resp, n, sizeof *out, failed))) return;
    for (b = llm_json_first(content); b; b = llm_json_next(content, b)) {
        if (llm__anthropic_block_is(b, "thinking")) {
            out[k].kind = LLM_REASONING_THINKING;
            out[k].thinking = llm__wire_resp_str(resp, llm_json_get(b, "thinking"), failed);
            out[k].signature = llm__wire_resp_str(resp, llm_json_get(b, "signature"), failed);
            if (!out[k].thinking) out[k].thinking = "";
            if (!out[k].signature) out[k].signature = "";
            k++;
        } else if (llm__anthropic_block_is(b, "redacted_thinking")) {
            out[k].kind = LLM_REASONING_REDACTED;
            out[k].data = llm__wire_resp_str(resp, llm_json_get(b, "data"), failed);
            if (!out[k].data) out[k].data = "";
            k++;
        }
    }
    c->reasoning_blocks = out;
    c->reasoning_block_count = k;
    c->reasoning_format = "anthropic-messages";
}

/* The content blocks into choice c: text (or, for a structured answer
   through the forced tool, that tool's input), thinking, tool calls. */
static llm_result llm__anthropic_content_decode(const llm_wire_ctx *ctx, llm_response *resp, llm_choice *c,
                                                const llm_json *content, bool *json_answer, llm_error *err) {
    const llm_json *b;
    llm__buf text, thinking;
    llm_tool_call *calls;
    size_t ntools = 0, k = 0, i = 0;
    bool failed = false;
    llm_result r = LLM_OK;
    memset(&text, 0, sizeof text);
    memset(&thinking, 0, sizeof thinking);
    *json_answer = false;
    for (b = llm_json_first(content); b; b = llm_json_next(content, b))
        ntools += llm__anthropic_block_is(b, "tool_use");
    calls = (llm_tool_call *)llm__wire_resp_array(resp, ntools, sizeof *calls, &failed);
    for (b = llm_json_first(content); b && !failed && r == LLM_OK; b = llm_json_next(content, b), i++) {
        const char *s, *name;
        size_t n;
        if (llm__anthropic_block_is(b, "text") && (s = llm_json_string(llm_json_get(b, "text"), &n)) != NULL)
            failed = !llm__buf_add(&resp->alloc_, &text, s, n);
        if (llm__anthropic_block_is(b, "thinking") && (s = llm_json_string(llm_json_get(b, "thinking"), &n)) != NULL)
            failed = !llm__buf_add(&resp->alloc_, &thinking, s, n);
        if (!llm__anthropic_block_is(b, "tool_use")) continue;
        name = llm_json_string(llm_json_get(b, "name"), NULL);
        if (llm__anthropic_is_json_tool(ctx, name)) { /* the answer itself */
            r = llm__anthropic_input_text(resp, b, i, &c->content, err);
            *json_answer = true;
            continue;
        }
        if (!name || !name[0])
            r = llm__fail(err, LLM_ERR_PARSE, "response: content[%z]: a tool_use block without a name", i);
        else if (calls) {
            calls[k].id = llm__wire_resp_str(resp, llm_json_get(b, "id"), &failed);
            calls[k].name = llm__wire_resp_str(resp, llm_json_get(b, "name"), &failed);
            if ((r = llm__anthropic_input_text(resp, b, i, &calls[k].arguments, err)) == LLM_OK && !calls[k].id &&
                !(calls[k].id = llm__wire_resp_synth_id(resp, 0, k)))
                failed = true;
            k++;
        }
    }
    if (r == LLM_OK && !failed) {
        /* the tool's input is the content; any text beside it is not */
        if (*json_answer) c->content_len = strlen(c->content);
        else if (text.p && (c->content = llm__arena_strndup(&resp->alloc_, &resp->arena_, text.p, text.len)) != NULL)
            c->content_len = text.len;
        else if (text.p) failed = true;
        if (thinking.p && !(c->reasoning = llm__arena_strndup(&resp->alloc_, &resp->arena_, thinking.p, thinking.len)))
            failed = true;
        c->tool_calls = calls;
        c->tool_call_count = k;
        llm__anthropic_reasoning_decode(resp, c, content, &failed);
    }
    llm__buf_free(&resp->alloc_, &text);
    llm__buf_free(&resp->alloc_, &thinking);
    if (r == LLM_OK && failed) r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return r;
}

/* The finish of a structured answer given through the forced tool: the
   tool's end is the answer's; cut at max_tokens it is half a JSON value. */
static llm_result llm__anthropic_json_finish(const char *stop_reason, const char **finish, llm_error *err) {
    if (stop_reason && strcmp(stop_reason, "max_tokens") == 0)
        return llm__fail(err, LLM_ERR_TRUNCATED, "the structured answer was cut at max_tokens: raise max_tokens");
    if (stop_reason && strcmp(stop_reason, "tool_use") == 0) *finish = "end_turn";
    return LLM_OK;
}

static llm_result llm__anthropic_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp,
                                        llm_error *err) {
    const llm_json *content = llm_json_get(body, "content");
    llm_choice *c;
    bool failed = false, json_answer;
    const char *finish;
    llm_result r;
    if (!llm_json_is(body, LLM_JSON_OBJECT) || !llm_json_is(content, LLM_JSON_ARRAY))
        return llm__fail(err, LLM_ERR_PARSE, "response: not an Anthropic message (no content array)");
    resp->id = llm__wire_resp_str(resp, llm_json_get(body, "id"), &failed);
    resp->model = llm__wire_resp_str(resp, llm_json_get(body, "model"), &failed);
    resp->object = llm__wire_resp_str(resp, llm_json_get(body, "type"), &failed);
    c = (llm_choice *)llm__wire_resp_array(resp, 1, sizeof *c, &failed);
    if (failed || !c) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if ((r = llm__anthropic_content_decode(ctx, resp, c, content, &json_answer, err)) != LLM_OK) return r;
    finish = llm_json_string(llm_json_get(body, "stop_reason"), NULL);
    if (json_answer && (r = llm__anthropic_json_finish(finish, &finish, err)) != LLM_OK) return r;
    c->finish_reason_raw = finish ? llm_response_strndup(resp, finish, strlen(finish)) : NULL;
    c->finish_reason = llm__wire_finish_word(llm__anthropic_finish_words, c->finish_reason_raw);
    resp->choices = c;
    resp->choice_count = 1;
    if (!llm__anthropic_usage(llm_json_get(body, "usage"), &resp->usage)) {
        memset(&resp->usage, 0, sizeof resp->usage);
        resp->usage_refused = true;
    }
    return finish && !c->finish_reason_raw ? llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory") : LLM_OK;
}

/* ---- the stream ---- */

static llm_result llm__anthropic_usage_update(llm_stream_sink *s, const llm_json *u) {
    llm__anthropic_state *st = (llm__anthropic_state *)s->state;
    if (!llm_json_is(u, LLM_JSON_OBJECT)) return LLM_OK;
    if (!llm__anthropic_usage(u, &st->usage)) st->bad = true;
    return llm_sink_usage(s, &st->usage, !st->bad);
}

/* The index of a content block event. */
static int llm__anthropic_block(llm_stream_sink *s, const llm_json *root) {
    int64_t index = llm_json_int(llm_json_get(root, "index"), -1);
    if (index < 0 || index > 0x7FFFFFFF)
        return (int)llm_sink_fail(s, LLM_ERR_PARSE, "content block index out of range");
    return (int)index;
}

/* A thinking block's text: shown as reasoning, and kept in its block. */
static llm_result llm__anthropic_thinking_delta(llm_stream_sink *s, int index, const char *str, size_t n) {
    llm_result r = llm_sink_reasoning_block(s, 0, index, LLM_REASONING_THINKING, LLM_REASONING_PART_THINKING, str, n);
    return r == LLM_OK && n ? llm_sink_delta(s, LLM_EVENT_REASONING, 0, str, n) : r;
}

static llm_result llm__anthropic_block_start(llm_stream_sink *s, const llm_json *root) {
    llm__anthropic_state *st = (llm__anthropic_state *)s->state;
    const llm_json *block = llm_json_get(root, "content_block");
    const char *type = llm_json_string(llm_json_get(block, "type"), NULL), *str, *name;
    int index = llm__anthropic_block(s, root), h;
    size_t n;
    if (index < 0) return (llm_result)index;
    if (!type) return LLM_OK;
    if (strcmp(type, "tool_use") == 0) {
        name = llm_json_string(llm_json_get(block, "name"), NULL);
        if (st->json_tool && name && strcmp(name, LLM__ANTHROPIC_JSON_TOOL) == 0) { /* the answer itself, as text */
            st->json_block = index + 1;
            return LLM_OK;
        }
        /* known by its block's index */
        h = llm_sink_tool_begin(s, 0, index, llm_json_string(llm_json_get(block, "id"), NULL), name);
        return h < 0 ? (llm_result)h : LLM_OK;
    }
    if (strcmp(type, "text") == 0 && !st->json_tool && (str = llm_json_string(llm_json_get(block, "text"), &n)) != NULL)
        return llm_sink_delta(s, LLM_EVENT_TEXT, 0, str, n);
    if (strcmp(type, "thinking") == 0) {
        str = llm_json_string(llm_json_get(block, "thinking"), &n);
        return llm__anthropic_thinking_delta(s, index, str ? str : "", str ? n : 0);
    }
    if (strcmp(type, "redacted_thinking") == 0) {
        str = llm_json_string(llm_json_get(block, "data"), &n);
        return llm_sink_reasoning_block(s, 0, index, LLM_REASONING_REDACTED, LLM_REASONING_PART_DATA, str ? str : "",
                                        str ? n : 0);
    }
    return LLM_OK; /* server tools and block types added later: nothing to show */
}

static llm_result llm__anthropic_block_delta(llm_stream_sink *s, const llm_json *root) {
    llm__anthropic_state *st = (llm__anthropic_state *)s->state;
    const llm_json *delta = llm_json_get(root, "delta");
    const char *type = llm_json_string(llm_json_get(delta, "type"), NULL), *str;
    size_t n;
    int index, h;
    if (!type) return LLM_OK;
    if ((index = llm__anthropic_block(s, root)) < 0) return (llm_result)index;
    if (strcmp(type, "text_delta") == 0 && !st->json_tool &&
        (str = llm_json_string(llm_json_get(delta, "text"), &n)) != NULL)
        return llm_sink_delta(s, LLM_EVENT_TEXT, 0, str, n);
    if (strcmp(type, "thinking_delta") == 0 && (str = llm_json_string(llm_json_get(delta, "thinking"), &n)) != NULL)
        return llm__anthropic_thinking_delta(s, index, str, n);
    if (strcmp(type, "signature_delta") == 0 && (str = llm_json_string(llm_json_get(delta, "signature"), &n)) != NULL)
        return llm_sink_reasoning_block(s, 0, index, LLM_REASONING_THINKING, LLM_REASONING_PART_SIGNATURE, str, n);
    if (strcmp(type, "input_json_delta") == 0 &&
        (str = llm_json_string(llm_json_get(delta, "partial_json"), &n)) != NULL) {
        /* the structured answer */
        if (st->json_block == index + 1) return llm_sink_delta(s, LLM_EVENT_TEXT, 0, str, n);
        if ((h = llm_sink_tool_find(s, 0, index)) < 0)
            return llm_sink_fail(s, LLM_ERR_PARSE, "input_json_delta outside a tool_use block");
        return llm_sink_tool_args(s, 0, h, str, n);
    }
    return LLM_OK; /* citations_delta and delta types added later */
}

static llm_result llm__anthropic_block_stop(llm_stream_sink *s, const llm_json *root) {
    int index = llm__anthropic_block(s, root), h;
    if (index < 0) return (llm_result)index;
    return (h = llm_sink_tool_find(s, 0, index)) >= 0 ? llm_sink_tool_end(s, 0, h) : LLM_OK;
}

static llm_result llm__anthropic_message_start(llm_stream_sink *s, const llm_json *m) {
    size_t n;
    const char *str;
    llm_result r = LLM_OK;
    if ((str = llm_json_string(llm_json_get(m, "id"), &n)) != NULL) r = llm_sink_field_set(s, LLM_FIELD_ID, str, n);
    if (r == LLM_OK && (str = llm_json_string(llm_json_get(m, "model"), &n)) != NULL)
        r = llm_sink_field_set(s, LLM_FIELD_MODEL, str, n);
    return r == LLM_OK ? llm__anthropic_usage_update(s, llm_json_get(m, "usage")) : r;
}

static llm_result llm__anthropic_stream_event(llm_stream_sink *s, const char *event, size_t event_len,
                                              const llm_json *root) {
    const char *type = llm_json_string(llm_json_get(root, "type"), NULL), *str;
    size_t n;
    llm_result r;
    (void)event;
    (void)event_len;
    if ((r = llm_sink_choice(s, 0)) != LLM_OK) return r;
    if (!type) return LLM_OK;
    if (strcmp(type, "message_start") == 0) return llm__anthropic_message_start(s, llm_json_get(root, "message"));
    if (strcmp(type, "content_block_start") == 0) return llm__anthropic_block_start(s, root);
    if (strcmp(type, "content_block_delta") == 0) return llm__anthropic_block_delta(s, root);
    if (strcmp(type, "content_block_stop") == 0) return llm__anthropic_block_stop(s, root);
    if (strcmp(type, "message_delta") == 0) {
        llm__anthropic_state *st = (llm__anthropic_state *)s->state;
        llm_error jerr;
        if ((r = llm__anthropic_usage_update(s, llm_json_get(root, "usage"))) != LLM_OK) return r;
        str = llm_json_string(llm_json_get(llm_json_get(root, "delta"), "stop_reason"), &n);
        if (str && st->json_block && llm__anthropic_json_finish(str, &str, &jerr) != LLM_OK)
            return llm_sink_fail(s, jerr.code, jerr.message);
        return str ? llm_sink_finish(s, 0, str, strlen(str)) : LLM_OK;
    }
    if (strcmp(type, "message_stop") == 0) {
        llm_sink_done(s);
        return LLM_OK;
    }
    if (strcmp(type, "error") == 0) return llm_sink_error(s, root);
    return LLM_OK; /* ping and event types added later */
}

static llm_result llm__anthropic_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                     llm_error *err) {
    const char *pieces[2];
    (void)req;
    pieces[0] = ctx->base_url;
    pieces[1] = "/v1/messages";
    return llm__wire_url_join(buf, size, pieces, 2, err);
}

static const llm_wire_format llm__anthropic_wire = {
    "anthropic-messages", llm__anthropic_encode, llm__anthropic_url, llm__anthropic_decode,
    llm__wire_decode_error_object, llm__anthropic_stream_event, sizeof(llm__anthropic_state), LLM_FRAMING_SSE, NULL,
    llm__anthropic_finish_words, llm__anthropic_error_words, false, llm__anthropic_usage, true, NULL, NULL, NULL,
};

#endif /* LLM_NO_PROVIDER_ANTHROPIC */

/* ------------------------------------------------------------------------ */
// >>gemini: the Gemini generateContent wire format
/* ------------------------------------------------------------------------ */

#ifndef LLM_NO_PROVIDER_GEMINI

/* Gemini's finish reasons (Candidate.FinishReason in the API reference).
   A candidate whose parts hold a functionCall finishes as tool_calls,
   although Gemini says STOP (decided by the decoders, not this table). */
static const llm_finish_word llm__gemini_finish_words[] = {{"STOP", LLM_FINISH_STOP},
                                                           {"MAX_TOKENS", LLM_FINISH_LENGTH},
                                                           {"SAFETY", LLM_FINISH_CONTENT_FILTER},
                                                           {"RECITATION", LLM_FINISH_CONTENT_FILTER},
                                                           {"PROHIBITED_CONTENT", LLM_FINISH_CONTENT_FILTER},
                                                           {"BLOCKLIST", LLM_FINISH_CONTENT_FILTER},
                                                           {"SPII", LLM_FINISH_CONTENT_FILTER},
                                                           {"IMAGE_SAFETY", LLM_FINISH_CONTENT_FILTER},
                                                           {"MALFORMED_FUNCTION_CALL", LLM_FINISH_ERROR},
                                                           {"UNEXPECTED_TOOL_CALL", LLM_FINISH_ERROR},
                                                           {NULL, LLM_FINISH_NONE}};

/* Google's error statuses (google.rpc.Code names in error.status), the
   ErrorInfo reason of a bad key, and the phrase of the context-window
   error. */
static const llm_error_word llm__gemini_error_words[] = {
    {"exceeds the maximum number of tokens", LLM_ERR_CONTEXT_WINDOW_EXCEEDED, true, true},
    {"API_KEY_INVALID", LLM_ERR_AUTHENTICATION, true, false},
    {"RESOURCE_EXHAUSTED", LLM_ERR_RATE_LIMITED, false, false},
    {"INVALID_ARGUMENT", LLM_ERR_BAD_REQUEST, false, false},
    {"FAILED_PRECONDITION", LLM_ERR_BAD_REQUEST, false, false},
    {"UNAUTHENTICATED", LLM_ERR_AUTHENTICATION, false, false},
    {"PERMISSION_DENIED", LLM_ERR_PERMISSION, false, false},
    {"NOT_FOUND", LLM_ERR_NOT_FOUND, false, false},
    {"UNAVAILABLE", LLM_ERR_UNAVAILABLE, false, false},
    {"DEADLINE_EXCEEDED", LLM_ERR_TIMEOUT, false, false},
    {"INTERNAL", LLM_ERR_SERVER, false, false},
    {NULL, LLM_OK, false, false}};

#define LLM__GEMINI_FORMAT "gemini"
#define LLM__GEMINI_MAX_INDEX 1000000 /* a candidate index above it is no index (the call bounds choices further) */

/* ---- the request ---- */

/* What a Gemini model takes for reasoning_effort (the README's table,
   "Gemini"): a thinkingBudget (2.5), a thinkingLevel (3), or nothing. A
   model no row names is taken as a newer one. */
enum { LLM__GEMINI_THINK_NONE = 0, LLM__GEMINI_THINK_BUDGET, LLM__GEMINI_THINK_LEVEL };
typedef struct llm__gemini_family {
    const char *prefix;
    int thinking;
    int min_budget;              /* BUDGET: the budget of "minimal" */
    bool can_disable;            /* "none" turns thinking off (budget 0) */
    bool four_levels;            /* LEVEL: minimal, low, medium, high; else low and high */
} llm__gemini_family;

static const llm__gemini_family llm__gemini_families[] = {
    {"gemini-3-pro", LLM__GEMINI_THINK_LEVEL, 0, false, false},
    {"gemini-3", LLM__GEMINI_THINK_LEVEL, 0, false, true},
    {"gemini-2.5-pro", LLM__GEMINI_THINK_BUDGET, 128, false, false},
    {"gemini-2.5-flash-lite", LLM__GEMINI_THINK_BUDGET, 512, true, false},
    {"gemini-2.5", LLM__GEMINI_THINK_BUDGET, 128, true, false},
    {"gemini-2", LLM__GEMINI_THINK_NONE, 0, false, false},
    {"gemini-1", LLM__GEMINI_THINK_NONE, 0, false, false},
};
static const llm__gemini_family llm__gemini_newer = {"", LLM__GEMINI_THINK_LEVEL, 0, false, true};

/* reasoning_effort as a budget (LiteLLM's for low, medium, high) or a
   level (low and high only where the model has no other two). */
static const struct { const char *word; int budget; const char *level, *level2;
} llm__gemini_efforts[] = {
    {"minimal", 0, "minimal", "low"},
    {"low", 1024, "low", "low"},
    {"medium", 2048, "medium", "high"},
    {"high", 4096, "high", "high"},
};

static const llm__gemini_family *llm__gemini_family_of(const char *model) {
    size_t i;
    if (strncmp(model, "models/", 7) == 0) model += 7;
    for (i = 0; i < sizeof llm__gemini_families / sizeof llm__gemini_families[0]; i++)
        if (strncmp(model, llm__gemini_families[i].prefix, strlen(llm__gemini_families[i].prefix)) == 0)
            return &llm__gemini_families[i];
    return &llm__gemini_newer;
}

typedef struct llm__gemini_plan {
    int budget;                  /* thinkingBudget; -1: none sent */
    const char *level;           /* thinkingLevel; NULL: none sent */
    bool thoughts;               /* includeThoughts */
} llm__gemini_plan;

static llm_result llm__gemini_thinking(llm__wire_enc *e, const llm_request *req, llm__gemini_plan *p) {
    const llm__gemini_family *f = llm__gemini_family_of(e->ctx->model);
    const char *word = req->reasoning_effort;
    size_t i, n = sizeof llm__gemini_efforts / sizeof llm__gemini_efforts[0];
    p->budget = -1;
    if (!word) return LLM_OK;
    if (strcmp(word, "none") == 0) {
        if (f->thinking == LLM__GEMINI_THINK_NONE) return LLM_OK;
        if (f->thinking == LLM__GEMINI_THINK_BUDGET && f->can_disable) {
            p->budget = 0;
            return LLM_OK;
        }
        return llm__wire_enc_drop(e, true, "reasoning_effort", "this Gemini model cannot stop thinking");
    }
    for (i = 0; i < n && strcmp(llm__gemini_efforts[i].word, word) != 0; i++) {}
    if (i == n)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                         "reasoning_effort: \"%s\" is none of none, minimal, low, medium, high", word);
    if (f->thinking == LLM__GEMINI_THINK_NONE)
        return llm__wire_enc_drop(e, true, "reasoning_effort", "this Gemini model does not think");
    p->thoughts = true;
    if (f->thinking == LLM__GEMINI_THINK_LEVEL)
        p->level = f->four_levels ? llm__gemini_efforts[i].level : llm__gemini_efforts[i].level2;
    else p->budget = llm__gemini_efforts[i].budget ? llm__gemini_efforts[i].budget : f->min_budget;
    return LLM_OK;
}

/* JSON Schema into Gemini's schema (an OpenAPI 3.0 subset): the keywords
   it has are copied, `type` upper-cased (a [T, "null"] list becomes T with
   nullable), `const` a one-value enum, `additionalProperties: false` left
   out (Gemini's objects have only their properties) and `$schema` too;
   any other keyword is refused, named with where it is. w NULL: only
   checks. */
static const char *const llm__gemini_schema_copied[] = {
    "format",        "title",         "description", "nullable",         "enum",    "maxItems", "minItems",
    "minProperties", "maxProperties", "minLength",   "maxLength",        "pattern", "example",  "minimum",
    "maximum",       "default",       "required",    "propertyOrdering", NULL};

static bool llm__gemini_keyword_copied(const char *k) {
    size_t i;
    for (i = 0; llm__gemini_schema_copied[i]; i++)
        if (strcmp(k, llm__gemini_schema_copied[i]) == 0) return true;
    return false;
}

static void llm__gemini_type_word(llm_json_writer *w, const char *t) {
    char up[16];
    size_t i, n = strlen(t);
    if (n >= sizeof up) n = sizeof up - 1;
    for (i = 0; i < n; i++) up[i] = (char)(t[i] >= 'a' && t[i] <= 'z' ? t[i] - 32 : t[i]);
    llm_json_write_stringn(w, up, n);
}

static llm_result llm__gemini_schema(llm__wire_enc *e, llm_json_writer *w, const llm_json *s, const char *field,
                                     char *where, size_t at);

static llm_result llm__gemini_schema_type(llm__wire_enc *e, llm_json_writer *w, const llm_json *v, const char *field,
                                          const char *where) {
    static const char *const types[] = {"string", "number", "integer", "boolean", "array", "object", "null"};
    const char *t = llm_json_string(v, NULL), *other = NULL;
    const llm_json *k;
    size_t i, nulls = 0;
    if (llm_json_is(v, LLM_JSON_ARRAY)) {
        for (k = llm_json_first(v); k; k = llm_json_next(v, k)) {
            const char *kt = llm_json_string(k, NULL);
            if (kt && strcmp(kt, "null") == 0) nulls++;
            else if (!other) other = kt;
            else other = "";
        }
        if (llm_json_count(v) != nulls + 1 || !other || !other[0])
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                             "%s: Gemini's schema takes one type (or one and \"null\"), not the list at %s", field,
                             where[0] ? where : "/");
        t = other;
    }
    for (i = 0; t && i < sizeof types / sizeof types[0] && strcmp(t, types[i]) != 0; i++) {}
    if (!t || i == sizeof types / sizeof types[0])
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "%s: an unknown type at %s", field, where[0] ? where : "/");
    if (!w) return LLM_OK;
    llm_json_write_key(w, "type");
    llm__gemini_type_word(w, t);
    if (nulls) {
        llm_json_write_key(w, "nullable");
        llm_json_write_bool(w, true);
    }
    return LLM_OK;
}

/* A sub-schema (properties' values, items, anyOf's members), `where`
   extended by `step` while it is read. */
static llm_result llm__gemini_sub(llm__wire_enc *e, llm_json_writer *w, const llm_json *s, const char *field,
                                  char *where, size_t at, const char *step, size_t step_len) {
    llm_result r;
    size_t n = step_len < 255 - at ? step_len : 255 - at;
    memcpy(where + at, step, n);
    where[at + n] = '\0';
    r = llm__gemini_schema(e, w, s, field, where, at + n);
    where[at] = '\0';
    return r;
}

static llm_result llm__gemini_keyword(llm__wire_enc *e, llm_json_writer *w, const char *key, const llm_json *v,
                                      const char *field, char *where, size_t at) {
    const llm_json *k;
    llm_result r = LLM_OK;
    char step[80];
    size_t i = 0, n;
    if (strcmp(key, "type") == 0) return llm__gemini_schema_type(e, w, v, field, where);
    if (llm__gemini_keyword_copied(key)) {
        if (w) llm_json_write_key(w, key), llm_json_write_value(w, v);
        return LLM_OK;
    }
    if (strcmp(key, "$schema") == 0 || (strcmp(key, "additionalProperties") == 0 && llm_json_is(v, LLM_JSON_FALSE)))
        return LLM_OK;
    if (strcmp(key, "const") == 0 && llm_json_is(v, LLM_JSON_STRING)) {
        if (w)
            llm_json_write_key(w, "enum"), llm_json_write_array_begin(w), llm_json_write_value(w, v),
                llm_json_write_array_end(w);
        return LLM_OK;
    }
    if (strcmp(key, "items") == 0) {
        if (w) llm_json_write_key(w, "items");
        return llm__gemini_sub(e, w, v, field, where, at, "/items", 6);
    }
    if ((strcmp(key, "properties") == 0 && llm_json_is(v, LLM_JSON_OBJECT)) ||
        (strcmp(key, "anyOf") == 0 && llm_json_is(v, LLM_JSON_ARRAY))) {
        bool obj = key[0] == 'p';
        if (w) {
            llm_json_write_key(w, key);
            if (obj) llm_json_write_object_begin(w);
            else llm_json_write_array_begin(w);
        }
        for (k = llm_json_first(v); k && r == LLM_OK; k = llm_json_next(v, k), i++) {
            const char *name = obj ? llm_json_string(k, &n) : NULL;
            if (obj && w) llm_json_write_keyn(w, name, n);
            if (obj) llm__format(step, sizeof step, "/properties/%.*s", (int)(n < 40 ? n : 40), name);
            else llm__format(step, sizeof step, "/anyOf/%z", i);
            r = llm__gemini_sub(e, w, obj ? k + 1 : k, field, where, at, step, strlen(step));
        }
        if (w) {
            if (obj) llm_json_write_object_end(w);
            else llm_json_write_array_end(w);
        }
        return r;
    }
    return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "%s: Gemini's schema has no \"%s\" (at %s)", field, key,
                     where[0] ? where : "/");
}

static llm_result llm__gemini_schema(llm__wire_enc *e, llm_json_writer *w, const llm_json *s, const char *field,
                                     char *where, size_t at) {
    const llm_json *k;
    llm_result r = LLM_OK;
    if (!llm_json_is(s, LLM_JSON_OBJECT))
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "%s: a schema that is not an object at %s", field,
                         where[0] ? where : "/");
    if (w) llm_json_write_object_begin(w);
    for (k = llm_json_first(s); k && r == LLM_OK; k = llm_json_next(s, k))
        r = llm__gemini_keyword(e, w, llm_json_string(k, NULL), k + 1, field, where, at);
    if (w) llm_json_write_object_end(w);
    return r;
}

/* The schema text `text` converted into w (NULL: checked only). */
static llm_result llm__gemini_schema_text(llm__wire_enc *e, llm_json_writer *w, const char *text, const char *field) {
    llm_json_doc doc;
    llm_error perr;
    char where[256];
    llm_result r;
    where[0] = '\0';
    if ((r = llm__json_check(&e->ctx->client->desc.alloc, text, strlen(text), true, &doc, &perr)) != LLM_OK)
        return llm__fail(e->err, perr.code, "%s: %s", field, perr.message);
    r = llm__gemini_schema(e, w, llm_json_root(&doc), field, where, 0);
    llm_json_doc_free(&doc);
    return r;
}

/* The name of the call that messages[m] (a tool message) answers: found
   through its tool_call_id among the earlier assistant turns. */
static const char *llm__gemini_call_name(const llm_request *req, size_t m) {
    const char *id = req->messages[m].tool_call_id;
    size_t i, k;
    for (i = m; i-- > 0;)
        for (k = 0; k < req->messages[i].tool_call_count; k++)
            if (strcmp(req->messages[i].tool_calls[k].id, id) == 0) return req->messages[i].tool_calls[k].name;
    return NULL;
}

/* Whether s is a JSON object's text; out of memory fails the writer. */
static bool llm__gemini_is_object_text(const llm_allocator *a, const char *s, llm_json_writer *w) {
    llm_error perr;
    if (!s || !s[0]) return false;
    if (llm__json_check(a, s, strlen(s), true, NULL, &perr) == LLM_OK) return true;
    if (perr.code == LLM_ERR_NO_MEMORY && w) llm__json_write_fail(w, LLM_ERR_NO_MEMORY);
    return false;
}

/* The messages: tool results that name their call, tool-call arguments
   that are objects, data: URLs in base64. */
static llm_result llm__gemini_messages_ok(llm__wire_enc *e, const llm_request *req) {
    size_t m, turns = 0;
    llm_result r;
    for (m = 0; m < req->message_count; m++) {
        const llm_message *msg = &req->messages[m];
        if (msg->role == LLM_ROLE_SYSTEM || msg->role == LLM_ROLE_DEVELOPER) continue;
        turns++;
        if (msg->role == LLM_ROLE_TOOL && !llm__gemini_call_name(req, m))
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                             "messages[%z]: tool_call_id \"%s\" answers no earlier tool call (Gemini names a function "
                             "response after its call)",
                             m, msg->tool_call_id);
        if ((r = llm__wire_enc_message_ok(e, msg, m, true)) != LLM_OK) return r;
    }
    if (!turns)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT,
                         "messages: Gemini needs a user turn beside the system instruction");
    return LLM_OK;
}

/* Everything this format cannot take, said before a byte is written. */
static llm_result llm__gemini_plan_for(llm__wire_enc *e, const llm_request *req, llm__gemini_plan *p) {
    llm_result r;
    size_t i;
    char field[48];
    memset(p, 0, sizeof *p);
    if ((r = llm__gemini_thinking(e, req, p)) != LLM_OK) return r;
    if ((r = llm__wire_enc_drop(e, req->logprobs || req->has_top_logprobs, "logprobs",
                                "llm.h does not read Gemini's log probabilities")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->user != NULL, "user", "Gemini has no user field")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->metadata_count > 0, "metadata", "Gemini has no metadata")) != LLM_OK ||
        (r = llm__wire_enc_drop(e, req->service_tier != NULL, "service_tier", "Gemini has no service tier")) !=
            LLM_OK ||
        (r = llm__wire_enc_drop(e, req->parallel_tool_calls == LLM_FALSE, "parallel_tool_calls",
                                "Gemini cannot be told to call one function at a time")) != LLM_OK)
        return r;
    if (req->response_format.type == LLM_FORMAT_JSON_SCHEMA &&
        (r = llm__gemini_schema_text(e, NULL, req->response_format.schema, "response_format.schema")) != LLM_OK)
        return r;
    for (i = 0; i < req->tool_count; i++) {
        llm__format(field, sizeof field, "tools[%z].parameters", i);
        if (req->tools[i].parameters &&
            (r = llm__gemini_schema_text(e, NULL, req->tools[i].parameters, field)) != LLM_OK)
            return r;
    }
    return llm__gemini_messages_ok(e, req);
}

static void llm__gemini_text_part(llm_json_writer *w, const char *text, const char *signature) {
    llm_json_write_object_begin(w);
    llm__wire_member(w, "text", text);
    llm__wire_member(w, "thoughtSignature", signature);
    llm_json_write_object_end(w);
}

/* An image or a document: inlineData (base64, a data: URL) or fileData (a URL). */
static void llm__gemini_media_part(llm_json_writer *w, const llm_content_part *part) {
    const char *media = part->media_type, *data = part->base64;
    size_t n = media ? strlen(media) : 0;
    bool inline_data = part->type == LLM_PART_IMAGE_BASE64 || (part->type == LLM_PART_DOCUMENT && part->base64) ||
                       (part->type == LLM_PART_IMAGE_URL && llm__wire_data_url(part->url, &media, &n, &data));
    llm_json_write_object_begin(w);
    llm_json_write_key(w, inline_data ? "inlineData" : "fileData");
    llm_json_write_object_begin(w);
    if (media) {
        llm_json_write_key(w, "mimeType");
        llm_json_write_stringn(w, media, n);
    }
    if (inline_data) llm__wire_member(w, "data", data);
    else llm__wire_member(w, "fileUri", part->url);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

/* A message's content as parts; the first text part gets `signature`. */
static void llm__gemini_content_parts(llm_json_writer *w, const llm_message *msg, const char **signature) {
    size_t k;
    if (!msg->part_count) {
        if (msg->content && msg->content[0]) llm__gemini_text_part(w, msg->content, *signature), *signature = NULL;
        return;
    }
    for (k = 0; k < msg->part_count; k++) {
        if (msg->parts[k].type == LLM_PART_TEXT)
            llm__gemini_text_part(w, msg->parts[k].text, *signature), *signature = NULL;
        else llm__gemini_media_part(w, &msg->parts[k]);
    }
}

static void llm__gemini_system(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t m, count = 0;
    const char *none = NULL;
    for (m = 0; m < req->message_count; m++)
        count += req->messages[m].role == LLM_ROLE_SYSTEM || req->messages[m].role == LLM_ROLE_DEVELOPER;
    if (!count || !llm__wire_enc_key(e, "systemInstruction")) return;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "parts");
    llm_json_write_array_begin(w);
    for (m = 0; m < req->message_count; m++)
        if (req->messages[m].role == LLM_ROLE_SYSTEM || req->messages[m].role == LLM_ROLE_DEVELOPER)
            llm__gemini_content_parts(w, &req->messages[m], &none);
    llm_json_write_array_end(w);
    llm_json_write_object_end(w);
}

/* A tool's answer: functionResponse named after its call; a JSON object
   is sent as it is, anything else as {"output": text} (the API reference:
   "Use "output" key to specify function output"). */
static void llm__gemini_function_response(llm__wire_enc *e, const llm_request *req, size_t m) {
    llm_json_writer *w = e->w;
    const llm_message *msg = &req->messages[m];
    const char *text = msg->content;
    llm__buf joined;
    size_t k;
    memset(&joined, 0, sizeof joined);
    if (msg->part_count) {
        for (k = 0; k < msg->part_count; k++)
            if (msg->parts[k].type == LLM_PART_TEXT &&
                !llm__buf_add(&e->ctx->client->desc.alloc, &joined, msg->parts[k].text, strlen(msg->parts[k].text)))
                llm__json_write_fail(w, LLM_ERR_NO_MEMORY);
        text = joined.p ? joined.p : "";
    }
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "functionResponse");
    llm_json_write_object_begin(w);
    llm__wire_member(w, "name", llm__gemini_call_name(req, m));
    llm_json_write_key(w, "response");
    if (llm__gemini_is_object_text(&e->ctx->client->desc.alloc, text, w)) {
        llm__json_write_raw_checked(w, text, strlen(text));
    } else {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "output", text ? text : "");
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
    llm__buf_free(&e->ctx->client->desc.alloc, &joined);
}

/* The reasoning block for a tool call of the message, if any (its blocks
   sent: `ours`). */
static const char *llm__gemini_call_signature(const llm_message *msg, bool ours, const char *id) {
    size_t k;
    if (!ours) return NULL;
    for (k = 0; k < msg->reasoning_count; k++)
        if (msg->reasoning[k].tool_call_id && strcmp(msg->reasoning[k].tool_call_id, id) == 0)
            return msg->reasoning[k].signature;
    return NULL;
}

/* A model turn: the signed thought parts first, then the text (carrying
   the signature of the answer's text), then the function calls, each with
   its signature: all sent back as they came, when they are this format's
   and were made by this endpoint and model. */
static void llm__gemini_model_parts(const llm__wire_enc *e, const llm_message *msg) {
    llm_json_writer *w = e->w;
    const char *text_sig = NULL;
    bool ours = llm__wire_reasoning_sent(e, msg, LLM__GEMINI_FORMAT, false);
    size_t k;
    for (k = 0; ours && k < msg->reasoning_count; k++) {
        const llm_reasoning_block *b = &msg->reasoning[k];
        if (b->tool_call_id || b->kind != LLM_REASONING_THINKING) continue;
        if (!b->thinking || !b->thinking[0]) {
            if (!text_sig) text_sig = b->signature;
            else llm__gemini_text_part(w, "", b->signature);
            continue;
        }
        llm_json_write_object_begin(w);
        llm__wire_member(w, "text", b->thinking);
        llm_json_write_key(w, "thought");
        llm_json_write_bool(w, true);
        llm__wire_member(w, "thoughtSignature", b->signature);
        llm_json_write_object_end(w);
    }
    llm__gemini_content_parts(w, msg, &text_sig);
    if (text_sig && !msg->tool_call_count) llm__gemini_text_part(w, "", text_sig), text_sig = NULL;
    for (k = 0; k < msg->tool_call_count; k++) {
        const llm_tool_call *tc = &msg->tool_calls[k];
        const char *args = tc->arguments && tc->arguments[0] ? tc->arguments : "{}";
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "functionCall");
        llm_json_write_object_begin(w);
        llm__wire_member(w, "name", tc->name);
        llm_json_write_key(w, "args");
        /* one JSON value (an object, unless one came otherwise): checked in the plan */
        llm__json_write_raw_checked(w, args, strlen(args));
        llm_json_write_object_end(w);
        llm__wire_member(w, "thoughtSignature",
                         k == 0 && text_sig ? text_sig : llm__gemini_call_signature(msg, ours, tc->id));
        llm_json_write_object_end(w);
    }
}

/* contents: consecutive messages of one side in one content (parallel
   function responses go together, as the API wants); roles user and model. */
static void llm__gemini_contents(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t m = 0, end, i;
    bool user;
    const char *none = NULL;
    if (!llm__wire_enc_key(e, "contents")) return;
    llm_json_write_array_begin(w);
    for (; llm__wire_enc_next_turn(req, &m, &end, &user); m = end) {
        llm_json_write_object_begin(w);
        llm__wire_member(w, "role", user ? "user" : "model");
        llm_json_write_key(w, "parts");
        llm_json_write_array_begin(w);
        for (i = m; i < end; i++) {
            if (req->messages[i].role == LLM_ROLE_TOOL) llm__gemini_function_response(e, req, i);
            else if (user) llm__gemini_content_parts(w, &req->messages[i], &none);
            else llm__gemini_model_parts(e, &req->messages[i]);
        }
        llm_json_write_array_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
}

static void llm__gemini_tools(llm__wire_enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    const llm_tool_choice *tc = &req->tool_choice;
    size_t i;
    if (req->tool_count && llm__wire_enc_key(e, "tools")) {
        llm_json_write_array_begin(w);
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "functionDeclarations");
        llm_json_write_array_begin(w);
        for (i = 0; i < req->tool_count; i++) {
            llm_json_write_object_begin(w);
            llm__wire_member(w, "name", req->tools[i].name);
            llm__wire_member(w, "description", req->tools[i].description);
            if (req->tools[i].parameters) {
                llm_json_write_key(w, "parameters");
                /* checked in the plan */
                llm_result r = llm__gemini_schema_text(e, w, req->tools[i].parameters, "tools[].parameters");
                if (r != LLM_OK) llm__json_write_fail(w, r); /* out of memory */
            }
            llm_json_write_object_end(w);
        }
        llm_json_write_array_end(w);
        llm_json_write_object_end(w);
        llm_json_write_array_end(w);
    }
    if (!req->tool_count || tc->mode == LLM_TOOL_CHOICE_DEFAULT || !llm__wire_enc_key(e, "toolConfig")) return;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "functionCallingConfig");
    llm_json_write_object_begin(w);
    llm__wire_member(w, "mode",
                     tc->mode == LLM_TOOL_CHOICE_NONE   ? "NONE"
                     : tc->mode == LLM_TOOL_CHOICE_AUTO ? "AUTO"
                                                        : "ANY");
    if (tc->mode == LLM_TOOL_CHOICE_FUNCTION) {
        llm_json_write_key(w, "allowedFunctionNames");
        llm_json_write_array_begin(w);
        llm_json_write_string(w, tc->name);
        llm_json_write_array_end(w);
    }
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
}

static void llm__gemini_generation_config(llm__wire_enc *e, const llm_request *req, const llm__gemini_plan *p) {
    llm_json_writer *w = e->w;
    const llm_response_format *f = &req->response_format;
    int max = req->max_tokens ? req->max_tokens : req->max_completion_tokens;
    size_t i;
    bool json = f->type == LLM_FORMAT_JSON_OBJECT || f->type == LLM_FORMAT_JSON_SCHEMA;
    if (!llm__wire_enc_key(e, "generationConfig")) return;
    llm_json_write_object_begin(w);
    if (req->stop_count) {
        llm_json_write_key(w, "stopSequences");
        llm_json_write_array_begin(w);
        for (i = 0; i < req->stop_count; i++) llm_json_write_string(w, req->stop[i]);
        llm_json_write_array_end(w);
    }
    if (req->n) llm_json_write_key(w, "candidateCount"), llm_json_write_int(w, req->n);
    if (max) llm_json_write_key(w, "maxOutputTokens"), llm_json_write_int(w, max);
    if (req->has_temperature) llm_json_write_key(w, "temperature"), llm_json_write_number(w, req->temperature);
    if (req->has_top_p) llm_json_write_key(w, "topP"), llm_json_write_number(w, req->top_p);
    if (req->has_top_k) llm_json_write_key(w, "topK"), llm_json_write_int(w, req->top_k);
    if (req->has_seed) llm_json_write_key(w, "seed"), llm_json_write_int(w, req->seed);
    if (req->has_presence_penalty)
        llm_json_write_key(w, "presencePenalty"), llm_json_write_number(w, req->presence_penalty);
    if (req->has_frequency_penalty)
        llm_json_write_key(w, "frequencyPenalty"), llm_json_write_number(w, req->frequency_penalty);
    if (json) llm__wire_member(w, "responseMimeType", "application/json");
    if (f->type == LLM_FORMAT_JSON_SCHEMA) {
        llm_json_write_key(w, "responseSchema");
        llm_result r = llm__gemini_schema_text(e, w, f->schema, "response_format.schema"); /* checked in the plan */
        if (r != LLM_OK) llm__json_write_fail(w, r); /* out of memory */
    }
    if (p->budget >= 0 || p->level) {
        llm_json_write_key(w, "thinkingConfig");
        llm_json_write_object_begin(w);
        if (p->budget >= 0) llm_json_write_key(w, "thinkingBudget"), llm_json_write_int(w, p->budget);
        llm__wire_member(w, "thinkingLevel", p->level);
        if (p->thoughts) llm_json_write_key(w, "includeThoughts"), llm_json_write_bool(w, true);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
}

/* True when the request sets anything generationConfig holds. */
static bool llm__gemini_has_config(const llm_request *req, const llm__gemini_plan *p) {
    return req->stop_count || req->n || req->max_tokens || req->max_completion_tokens || req->has_temperature ||
           req->has_top_p || req->has_top_k || req->has_seed || req->has_presence_penalty ||
           req->has_frequency_penalty || req->response_format.type == LLM_FORMAT_JSON_OBJECT ||
           req->response_format.type == LLM_FORMAT_JSON_SCHEMA || p->budget >= 0 || p->level;
}

static llm_result llm__gemini_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w,
                                     llm_error *err) {
    llm__wire_enc e;
    llm__gemini_plan p;
    llm_result r = llm__wire_enc_begin(&e, ctx, req, w, err);
    if (r != LLM_OK || (r = llm__wire_enc_no_json_tools(&e, req)) != LLM_OK ||
        (r = llm__gemini_plan_for(&e, req, &p)) != LLM_OK)
        return llm__wire_enc_end(&e, r);
    llm_json_write_object_begin(w);
    llm__gemini_system(&e, req);
    llm__gemini_contents(&e, req);
    llm__gemini_tools(&e, req);
    if (llm__gemini_has_config(req, &p)) llm__gemini_generation_config(&e, req, &p);
    return llm__wire_enc_end(&e, LLM_OK);
}

/* {base}/v1beta/models/{model}:generateContent, or
   :streamGenerateContent?alt=sse; the model is a path segment. */
static llm_result llm__gemini_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size,
                                  llm_error *err) {
    const char *pieces[4], *model = ctx->model, *c;
    (void)req;
    if (strncmp(model, "models/", 7) == 0) model += 7;
    for (c = model; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '.' || *c == '_'))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                             "model: a Gemini model name is letters, digits, '-', '.' and '_'");
    pieces[0] = ctx->base_url;
    pieces[1] = "/v1beta/models/";
    pieces[2] = model;
    pieces[3] = ctx->stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
    return llm__wire_url_join(buf, size, pieces, 4, err);
}

/* ---- the answer ---- */

/* usageMetadata's counts: the prompt, its tool-use part, the cached part,
   the candidates and the thoughts. */
enum { LLM__GEMINI_USAGE_COUNTS = 5 };
static const char *const llm__gemini_usage_names[LLM__GEMINI_USAGE_COUNTS] = {
    "promptTokenCount", "toolUsePromptTokenCount", "cachedContentTokenCount", "candidatesTokenCount",
    "thoughtsTokenCount"};

/* The counts usageMetadata carries into raw[] (the others kept); false
   when one is out of range. */
static bool llm__gemini_usage_counts(const llm_json *u, int64_t raw[LLM__GEMINI_USAGE_COUNTS]) {
    int i;
    for (i = 0; i < LLM__GEMINI_USAGE_COUNTS; i++)
        if (!llm__wire_usage_count(llm_json_get(u, llm__gemini_usage_names[i]), &raw[i])) return false;
    return true;
}

/* The counts in the one convention: the prompt with the tool-use prompt
   (cached content is already in it), the completion with the thoughts,
   which Gemini counts apart. */
static void llm__gemini_usage_of(const int64_t raw[LLM__GEMINI_USAGE_COUNTS], llm_usage *us) {
    memset(us, 0, sizeof *us);
    us->source = LLM_USAGE_REPORTED;
    us->prompt_tokens = raw[0] + raw[1];
    us->cached_tokens = raw[2];
    us->completion_tokens = raw[3] + raw[4];
    us->reasoning_tokens = raw[4];
    us->total_tokens = us->prompt_tokens + us->completion_tokens;
}

/* usageMetadata as a usage (absent counts 0). False when a count is out
   of range. */
static bool llm__gemini_usage(const llm_json *u, llm_usage *us) {
    int64_t raw[LLM__GEMINI_USAGE_COUNTS] = {0, 0, 0, 0, 0};
    if (!llm_json_is(u, LLM_JSON_OBJECT)) return true;
    if (!llm__gemini_usage_counts(u, raw)) return false;
    llm__gemini_usage_of(raw, us);
    return true;
}

static bool llm__gemini_is_thought(const llm_json *part) {
    return llm_json_is(llm_json_get(part, "thought"), LLM_JSON_TRUE);
}

/* {"error":{"code","message","status","details":[{"reason"}]}}: the
   status is the type, an ErrorInfo's reason the code. */
static void llm__gemini_decode_error(const llm_json *body, llm_error *err) {
    const llm_json *e = llm_json_get(body, "error"), *d, *details;
    int64_t code;
    if (!e) e = body;
    llm__wire_copy_json_text(err->message, sizeof err->message, llm_json_get(e, "message"));
    llm__wire_copy_json_text(err->type, sizeof err->type, llm_json_get(e, "status"));
    details = llm_json_get(e, "details");
    for (d = llm_json_first(details); d; d = llm_json_next(details, d))
        if (llm_json_is(llm_json_get(d, "reason"), LLM_JSON_STRING)) {
            llm__wire_copy_json_text(err->provider_code, sizeof err->provider_code, llm_json_get(d, "reason"));
            break;
        }
    code = llm_json_int(llm_json_get(e, "code"), 0);
    if (code >= 400 && code <= 599) err->http_status = (int)code;
}

/* A blocked prompt (promptFeedback.blockReason, no candidates). */
static llm_result llm__gemini_blocked(const llm_json *body, char *msg, size_t size) {
    const char *why = llm_json_string(llm_json_get(llm_json_get(body, "promptFeedback"), "blockReason"), NULL);
    if (!why) return LLM_OK;
    llm__format(msg, size, "Gemini blocked the prompt (promptFeedback.blockReason %.*s)",
                (int)(strlen(why) < 40 ? strlen(why) : 40), why);
    return LLM_ERR_CONTENT_POLICY;
}

typedef struct llm__gemini_cand {
    llm__buf text, thought;
    llm_tool_call *calls;
    llm_reasoning_block *blocks;
    size_t ncalls, nblocks;
} llm__gemini_cand;

/* One part of a candidate into c; false when memory ran out. */
static llm_result llm__gemini_part(llm_response *resp, int choice, const llm_json *part, llm__gemini_cand *c, size_t i,
                                   bool *failed, llm_error *err) {
    const llm_json *fc = llm_json_get(part, "functionCall"), *sig = llm_json_get(part, "thoughtSignature");
    const char *s;
    size_t n;
    llm_reasoning_block *b = llm_json_is(sig, LLM_JSON_STRING) ? &c->blocks[c->nblocks] : NULL;
    if (b) {
        b->kind = LLM_REASONING_THINKING;
        b->signature = llm__wire_resp_str(resp, sig, failed);
        b->thinking = "";
        c->nblocks++;
    }
    if (fc) {
        llm_tool_call *t = &c->calls[c->ncalls];
        const llm_json *args = llm_json_get(fc, "args");
        const char *name = llm_json_string(llm_json_get(fc, "name"), NULL);
        if (!name || !name[0])
            return llm__fail(err, LLM_ERR_PARSE,
                             "response: candidates[%d].content.parts[%z]: a functionCall without a name", choice, i);
        t->name = llm__wire_resp_str(resp, llm_json_get(fc, "name"), failed);
        t->id = llm__wire_resp_str(resp, llm_json_get(fc, "id"), failed);
        if (!t->id && !*failed && !(t->id = llm__wire_resp_synth_id(resp, choice, c->ncalls))) *failed = true;
        if (!args || llm_json_is(args, LLM_JSON_NULL)) t->arguments = "{}";
        else if (llm__wire_json_text(&resp->alloc_, &resp->arena_, args, &t->arguments) != LLM_OK) *failed = true;
        /* not the object Gemini's API gives (a Gemini-shaped server's): kept as it came, flagged */
        t->arguments_invalid = args && !llm_json_is(args, LLM_JSON_NULL) && !llm_json_is(args, LLM_JSON_OBJECT);
        if (b) b->tool_call_id = t->id;
        c->ncalls++;
    } else if ((s = llm_json_string(llm_json_get(part, "text"), &n)) != NULL) {
        bool thought = llm__gemini_is_thought(part);
        if (!llm__buf_add(&resp->alloc_, thought ? &c->thought : &c->text, s, n)) *failed = true;
        if (b && thought && !(b->thinking = llm__wire_resp_str(resp, llm_json_get(part, "text"), failed)))
            b->thinking = "";
    }
    return LLM_OK;
}

static llm_result llm__gemini_candidate(llm_response *resp, const llm_json *cand, int index, llm_choice *out,
                                        llm_error *err) {
    const llm_json *parts = llm_json_get(llm_json_get(cand, "content"), "parts"), *p;
    const char *finish = llm_json_string(llm_json_get(cand, "finishReason"), NULL);
    llm__gemini_cand c;
    size_t n = llm_json_count(parts), i = 0;
    bool failed = false;
    llm_result r = LLM_OK;
    memset(&c, 0, sizeof c);
    out->index = index;
    c.calls = (llm_tool_call *)llm__wire_resp_array(resp, n, sizeof *c.calls, &failed);
    c.blocks = (llm_reasoning_block *)llm__wire_resp_array(resp, n, sizeof *c.blocks, &failed);
    for (p = llm_json_first(parts); p && r == LLM_OK && !failed; p = llm_json_next(parts, p), i++)
        r = llm__gemini_part(resp, index, p, &c, i, &failed, err);
    if (r == LLM_OK && !failed) {
        if (c.text.p && !(out->content = llm__arena_strndup(&resp->alloc_, &resp->arena_, c.text.p, c.text.len)))
            failed = true;
        out->content_len = out->content ? c.text.len : 0;
        if (c.thought.p &&
            !(out->reasoning = llm__arena_strndup(&resp->alloc_, &resp->arena_, c.thought.p, c.thought.len)))
            failed = true;
        out->tool_calls = c.ncalls ? c.calls : NULL;
        out->tool_call_count = c.ncalls;
        out->reasoning_blocks = c.nblocks ? c.blocks : NULL;
        out->reasoning_block_count = c.nblocks;
        out->reasoning_format = c.nblocks ? LLM__GEMINI_FORMAT : NULL;
        out->finish_reason_raw = finish ? llm_response_strndup(resp, finish, strlen(finish)) : NULL;
        if (finish && !out->finish_reason_raw) failed = true;
        out->finish_reason = llm__wire_finish_word(llm__gemini_finish_words, out->finish_reason_raw);
        if (c.ncalls && out->finish_reason == LLM_FINISH_STOP) out->finish_reason = LLM_FINISH_TOOL_CALLS;
    }
    llm__buf_free(&resp->alloc_, &c.text);
    llm__buf_free(&resp->alloc_, &c.thought);
    if (r == LLM_OK && failed) r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return r;
}

/* A candidate's index: its "index" (absent: 0, as proto3 leaves zeros
   out), bounded like every choice index. */
static int llm__gemini_index(const llm_json *cand) {
    int64_t i = llm_json_int(llm_json_get(cand, "index"), 0);
    return llm_json_get(cand, "index") && !llm_json_is(llm_json_get(cand, "index"), LLM_JSON_NUMBER) ? -1
           : i < 0 || i > LLM__GEMINI_MAX_INDEX                                                      ? -1
                                                                                                     : (int)i;
}

static llm_result llm__gemini_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp,
                                     llm_error *err) {
    const llm_json *cands = llm_json_get(body, "candidates"), *cand;
    llm_choice *choices;
    size_t n = llm_json_count(cands), i = 0;
    bool failed = false;
    char msg[128];
    llm_result r;
    (void)ctx;
    if (!llm_json_is(body, LLM_JSON_OBJECT))
        return llm__fail(err, LLM_ERR_PARSE, "response: not a Gemini GenerateContentResponse");
    if (!n && (r = llm__gemini_blocked(body, msg, sizeof msg)) != LLM_OK) return llm__fail(err, r, "%s", msg);
    if (!llm_json_is(cands, LLM_JSON_ARRAY) || !n) return llm__fail(err, LLM_ERR_PARSE, "response: no candidates");
    resp->id = llm__wire_resp_str(resp, llm_json_get(body, "responseId"), &failed);
    resp->model = llm__wire_resp_str(resp, llm_json_get(body, "modelVersion"), &failed);
    choices = (llm_choice *)llm__wire_resp_array(resp, n, sizeof *choices, &failed);
    if (failed || !choices) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    for (cand = llm_json_first(cands); cand; cand = llm_json_next(cands, cand), i++) {
        int index = llm__gemini_index(cand);
        size_t k;
        if (index < 0) return llm__fail(err, LLM_ERR_PARSE, "response: candidates[%z]: index out of range", i);
        for (k = 0; k < i; k++)
            if (choices[k].index == index)
                return llm__fail(err, LLM_ERR_PARSE, "response: candidates[%z]: index %d given twice", i, index);
        if ((r = llm__gemini_candidate(resp, cand, index, &choices[i], err)) != LLM_OK) return r;
    }
    qsort(choices, n, sizeof *choices, llm__wire_choice_order);
    resp->choices = choices;
    resp->choice_count = n;
    if (!llm__gemini_usage(llm_json_get(body, "usageMetadata"), &resp->usage)) {
        memset(&resp->usage, 0, sizeof resp->usage);
        resp->usage_refused = true;
    }
    return LLM_OK;
}

/* ---- the stream: each event is a whole GenerateContentResponse ---- */

typedef struct llm__gemini_state {
    int next_block;              /* the key of the next reasoning block (unique across choices) */
    int64_t usage[LLM__GEMINI_USAGE_COUNTS]; /* usageMetadata's counts so far, merged count by count */
} llm__gemini_state;

static llm_result llm__gemini_stream_call(llm_stream_sink *s, int choice, const llm_json *fc, const llm_json *sig) {
    llm__gemini_state *st = (llm__gemini_state *)s->state;
    const char *name = llm_json_string(llm_json_get(fc, "name"), NULL),
               *id = llm_json_string(llm_json_get(fc, "id"), NULL), *sg;
    const llm_json *args = llm_json_get(fc, "args");
    char synth[LLM__SYNTH_ID_SIZE];
    int h = llm_sink_tool_find(s, choice, -1) + 1, key;
    size_t n;
    llm_result r;
    llm_json_writer w;
    const char *text;
    if (!name || !name[0]) return llm_sink_fail(s, LLM_ERR_PARSE, "a functionCall without a name");
    /* the same id a whole body gets */
    if (!id) synth[llm__synth_id(synth, (uint64_t)choice, (uint64_t)h)] = '\0', id = synth;
    if ((h = llm_sink_tool_begin(s, choice, -1, id, name)) < 0) return (llm_result)h;
    memset(&w, 0, sizeof w);
    w.alloc = s->call_->alloc_;
    if (args && !llm_json_is(args, LLM_JSON_NULL)) llm_json_write_value(&w, args);
    else llm__json_write_raw_checked(&w, "{}", 2);
    r = llm_json_writer_finish(&w, &text, &n);
    if (r == LLM_OK) r = llm_sink_tool_args_whole(s, choice, h, text, n);
    else r = llm_sink_fail(s, r, "a functionCall's args could not be kept");
    llm_json_writer_free(&w);
    if (r == LLM_OK)
        r = args && !llm_json_is(args, LLM_JSON_NULL) && !llm_json_is(args, LLM_JSON_OBJECT)
                ? llm__events_tool_end_not_object(s, choice, h) /* kept as it came, flagged, as a whole body's */
                : llm_sink_tool_end(s, choice, h);
    if (r != LLM_OK || !(sg = llm_json_string(sig, &n))) return r;
    key = st->next_block++;
    if ((r = llm_sink_reasoning_block(s, choice, key, LLM_REASONING_THINKING, LLM_REASONING_PART_SIGNATURE, sg, n)) !=
        LLM_OK)
        return r;
    return llm_sink_reasoning_block(s, choice, key, LLM_REASONING_THINKING, LLM_REASONING_PART_TOOL_CALL_ID, id,
                                    strlen(id));
}

static llm_result llm__gemini_stream_part(llm_stream_sink *s, int choice, const llm_json *part) {
    llm__gemini_state *st = (llm__gemini_state *)s->state;
    const llm_json *fc = llm_json_get(part, "functionCall"), *sig = llm_json_get(part, "thoughtSignature");
    const char *text, *sg;
    size_t n, sn;
    bool thought = llm__gemini_is_thought(part);
    llm_result r = LLM_OK;
    int key;
    if (fc) return llm__gemini_stream_call(s, choice, fc, sig);
    if ((text = llm_json_string(llm_json_get(part, "text"), &n)) != NULL && n)
        r = llm_sink_delta(s, thought ? LLM_EVENT_REASONING : LLM_EVENT_TEXT, choice, text, n);
    if (r != LLM_OK || !(sg = llm_json_string(sig, &sn))) return r;
    key = st->next_block++;
    if (thought && text &&
        (r = llm_sink_reasoning_block(s, choice, key, LLM_REASONING_THINKING, LLM_REASONING_PART_THINKING, text, n)) !=
            LLM_OK)
        return r;
    return llm_sink_reasoning_block(s, choice, key, LLM_REASONING_THINKING, LLM_REASONING_PART_SIGNATURE, sg, sn);
}

static llm_result llm__gemini_stream_candidate(llm_stream_sink *s, const llm_json *cand) {
    const llm_json *parts = llm_json_get(llm_json_get(cand, "content"), "parts"), *p;
    const char *finish = llm_json_string(llm_json_get(cand, "finishReason"), NULL);
    int index = llm__gemini_index(cand);
    llm_result r;
    if (index < 0) return llm_sink_fail(s, LLM_ERR_PARSE, "a candidate index out of range");
    if ((r = llm_sink_choice(s, index)) != LLM_OK) return r;
    for (p = llm_json_first(parts); p; p = llm_json_next(parts, p))
        if ((r = llm__gemini_stream_part(s, index, p)) != LLM_OK) return r;
    if (!finish) return LLM_OK;
    llm_sink_complete(s); /* no end marker: a finishReason says the answer is whole */
    return llm_sink_finish_reason(
        s, index,
        strcmp(finish, "STOP") == 0 && llm_sink_tool_find(s, index, -1) >= 0 ? LLM_FINISH_TOOL_CALLS : LLM_FINISH_NONE,
        finish, strlen(finish));
}

/* A chunk's usageMetadata: the counts it carries replace those of earlier
   chunks, the others are kept (every chunk repeats the prompt's; the
   candidates' come with the last). */
static llm_result llm__gemini_stream_usage(llm_stream_sink *s, const llm_json *u) {
    llm__gemini_state *st = (llm__gemini_state *)s->state;
    int64_t raw[LLM__GEMINI_USAGE_COUNTS] = {-1, -1, -1, -1, -1};
    llm_usage us;
    int i;
    memset(&us, 0, sizeof us);
    if (!llm__gemini_usage_counts(u, raw)) return llm_sink_usage(s, &us, false);
    for (i = 0; i < LLM__GEMINI_USAGE_COUNTS; i++)
        if (raw[i] >= 0) st->usage[i] = raw[i];
    llm__gemini_usage_of(st->usage, &us);
    return llm_sink_usage(s, &us, true);
}

static llm_result llm__gemini_stream_event(llm_stream_sink *s, const char *event, size_t event_len,
                                           const llm_json *root) {
    const llm_json *cands = llm_json_get(root, "candidates"), *c;
    const char *str;
    size_t n;
    char msg[128];
    llm_result r = LLM_OK;
    (void)event;
    (void)event_len;
    if (!llm_json_is(root, LLM_JSON_OBJECT))
        return llm_sink_fail(s, LLM_ERR_PARSE, "a stream event that is not a GenerateContentResponse");
    if (llm_json_get(root, "error")) return llm_sink_error(s, root);
    if (!llm_json_count(cands) && (r = llm__gemini_blocked(root, msg, sizeof msg)) != LLM_OK)
        return llm_sink_fail(s, r, msg);
    if ((str = llm_json_string(llm_json_get(root, "responseId"), &n)) != NULL)
        r = llm_sink_field_set(s, LLM_FIELD_ID, str, n);
    if (r == LLM_OK && (str = llm_json_string(llm_json_get(root, "modelVersion"), &n)) != NULL)
        r = llm_sink_field_set(s, LLM_FIELD_MODEL, str, n);
    for (c = llm_json_first(cands); c && r == LLM_OK; c = llm_json_next(cands, c))
        r = llm__gemini_stream_candidate(s, c);
    if (r != LLM_OK || !llm_json_is(llm_json_get(root, "usageMetadata"), LLM_JSON_OBJECT)) return r;
    return llm__gemini_stream_usage(s, llm_json_get(root, "usageMetadata"));
}

static const llm_wire_format llm__gemini_wire = {
    LLM__GEMINI_FORMAT, llm__gemini_encode, llm__gemini_url, llm__gemini_decode, llm__gemini_decode_error,
    llm__gemini_stream_event, sizeof(llm__gemini_state), LLM_FRAMING_SSE, NULL, llm__gemini_finish_words,
    llm__gemini_error_words, false, llm__gemini_usage, true, NULL, NULL, NULL,
};

#endif /* LLM_NO_PROVIDER_GEMINI */

/* ------------------------------------------------------------------------ */
// >>providers: the provider table, its lookups, and the one resolution of a target
/* ------------------------------------------------------------------------ */

static const llm_pair llm__providers_anthropic_headers[] = {{"anthropic-version", "2023-06-01"}};

#define LLM__PROVIDERS_OAI_COMPAT (LLM_QUIRK_NO_DEVELOPER_ROLE)

/* The rows are built by the macros below (undefined after the table), so
   that a row says what sets its preset apart and nothing else:
   - LLM__PROVIDERS_COMPAT(name, base URL, keyless, P, key variables...):
     an OpenAI-compatible server: bearer key, LLM__PROVIDERS_OAI_COMPAT;
   - otherwise {name, wire, base URL, authentication, quirks, keyless,
     key variables, base-URL variables, extras}, where authentication is
     the auth header, its value's prefix and the headers sent with every
     request, and the extras are the members few presets have, in
     llm_provider's order (LLM__PROVIDERS_PLAIN: none).
   The base URL is read from <P>_BASE_URL (the official SDKs' name), then
   <P>_API_BASE (LiteLLM's), unless a row names its own variables. */
#define LLM__PROVIDERS_VARS(...) {__VA_ARGS__}
#define LLM__PROVIDERS_BASES(p) {p "_BASE_URL", p "_API_BASE", NULL}
#define LLM__PROVIDERS_BEARER "Authorization", "Bearer ", NULL, 0
#define LLM__PROVIDERS_PLAIN NULL, NULL, NULL, NULL, {NULL, NULL}, {NULL, NULL}, NULL, NULL
#define LLM__PROVIDERS_COST(header) NULL, NULL, header, NULL, {NULL, NULL}, {NULL, NULL}, NULL, NULL
#define LLM__PROVIDERS_COMPAT(name, url, keyless, p, ...)                                                     \
    {name, &llm__openai_wire, url, LLM__PROVIDERS_BEARER, LLM__PROVIDERS_OAI_COMPAT, keyless,                 \
     LLM__PROVIDERS_VARS(__VA_ARGS__), LLM__PROVIDERS_BASES(p), LLM__PROVIDERS_PLAIN}

/* One row per preset; the README's table is this one. */
static const llm_provider llm__providers_table[] = {
#ifndef LLM_NO_PROVIDER_OPENAI
    {"openai", &llm__openai_wire, "https://api.openai.com/v1", LLM__PROVIDERS_BEARER,
     LLM_QUIRK_MAX_COMPLETION_TOKENS | LLM_QUIRK_RESPONSES_MODELS, false, LLM__PROVIDERS_VARS("OPENAI_API_KEY"),
     LLM__PROVIDERS_BASES("OPENAI"), LLM__PROVIDERS_PLAIN},
    {"azure", &llm__openai_azure_wire, NULL, "api-key", "", NULL, 0,
     LLM_QUIRK_MAX_COMPLETION_TOKENS | LLM_QUIRK_RESPONSES_MODELS, false,
     LLM__PROVIDERS_VARS("AZURE_API_KEY", "AZURE_OPENAI_API_KEY"),
     LLM__PROVIDERS_VARS("AZURE_BASE_URL", "AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"),
     NULL, "x-ms-retry-after-ms", NULL, NULL, {NULL, NULL}, {"AZURE_API_VERSION", "OPENAI_API_VERSION"},
     "AZURE_AD_TOKEN", NULL},
    {"openrouter", &llm__openai_wire, "https://openrouter.ai/api/v1", LLM__PROVIDERS_BEARER, LLM_QUIRK_ONE_CHOICE,
     false, LLM__PROVIDERS_VARS("OPENROUTER_API_KEY"), LLM__PROVIDERS_BASES("OPENROUTER"),
     NULL, NULL, NULL, "HTTP-Referer", {"X-OpenRouter-Title", "X-Title"}, {NULL, NULL}, NULL, NULL},
    LLM__PROVIDERS_COMPAT("groq", "https://api.groq.com/openai/v1", false, "GROQ", "GROQ_API_KEY"),
    LLM__PROVIDERS_COMPAT("deepseek", "https://api.deepseek.com", false, "DEEPSEEK", "DEEPSEEK_API_KEY"),
    LLM__PROVIDERS_COMPAT("mistral", "https://api.mistral.ai/v1", false, "MISTRAL", "MISTRAL_API_KEY"),
    LLM__PROVIDERS_COMPAT("xai", "https://api.x.ai/v1", false, "XAI", "XAI_API_KEY"),
    LLM__PROVIDERS_COMPAT("together_ai", "https://api.together.xyz/v1", false, "TOGETHER_AI",
                          "TOGETHER_API_KEY", "TOGETHERAI_API_KEY"),
    LLM__PROVIDERS_COMPAT("fireworks_ai", "https://api.fireworks.ai/inference/v1", false, "FIREWORKS_AI",
                          "FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY"),
    {"ollama", &llm__openai_wire, "http://localhost:11434/v1", LLM__PROVIDERS_BEARER,
     LLM__PROVIDERS_OAI_COMPAT | LLM_QUIRK_V1_PATH, true,
     LLM__PROVIDERS_VARS("OLLAMA_API_KEY"), LLM__PROVIDERS_BASES("OLLAMA"), LLM__PROVIDERS_PLAIN},
    {"ollama_chat", &llm__openai_wire, "http://localhost:11434/v1", LLM__PROVIDERS_BEARER,
     LLM__PROVIDERS_OAI_COMPAT | LLM_QUIRK_V1_PATH, true,
     LLM__PROVIDERS_VARS("OLLAMA_API_KEY"), LLM__PROVIDERS_VARS("OLLAMA_CHAT_BASE_URL", "OLLAMA_API_BASE"),
     LLM__PROVIDERS_PLAIN},
    LLM__PROVIDERS_COMPAT("vllm", "http://localhost:8000/v1", true, "VLLM", "VLLM_API_KEY"),
    LLM__PROVIDERS_COMPAT("hosted_vllm", "http://localhost:8000/v1", true, "HOSTED_VLLM", "HOSTED_VLLM_API_KEY"),
    {"litellm_proxy", &llm__openai_wire, "http://localhost:4000/v1", LLM__PROVIDERS_BEARER, 0, false,
     LLM__PROVIDERS_VARS("LITELLM_PROXY_API_KEY"), LLM__PROVIDERS_BASES("LITELLM_PROXY"),
     LLM__PROVIDERS_COST("x-litellm-response-cost")},
    {"openai-compatible", &llm__openai_wire, "http://localhost:8000/v1", LLM__PROVIDERS_BEARER,
     LLM__PROVIDERS_OAI_COMPAT, true,
     LLM__PROVIDERS_VARS("OPENAI_COMPATIBLE_API_KEY"), LLM__PROVIDERS_BASES("OPENAI_COMPATIBLE"),
     LLM__PROVIDERS_COST("x-litellm-response-cost")},
#endif
#ifndef LLM_NO_PROVIDER_ANTHROPIC
    {"anthropic", &llm__anthropic_wire, "https://api.anthropic.com", "x-api-key", "",
     llm__providers_anthropic_headers, 1, 0, false,
     LLM__PROVIDERS_VARS("ANTHROPIC_API_KEY"), LLM__PROVIDERS_BASES("ANTHROPIC"),
     "request-id", NULL, NULL, NULL, {NULL, NULL}, {NULL, NULL}, NULL, "anthropic-ratelimit-"},
#endif
#ifndef LLM_NO_PROVIDER_GEMINI
    {"gemini", &llm__gemini_wire, "https://generativelanguage.googleapis.com", "x-goog-api-key", "", NULL, 0, 0, false,
     LLM__PROVIDERS_VARS("GEMINI_API_KEY", "GOOGLE_API_KEY"), LLM__PROVIDERS_BASES("GEMINI"), LLM__PROVIDERS_PLAIN},
#endif
    {NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, false, {NULL, NULL, NULL}, {NULL, NULL, NULL}, LLM__PROVIDERS_PLAIN}};

#undef LLM__PROVIDERS_VARS
#undef LLM__PROVIDERS_BASES
#undef LLM__PROVIDERS_BEARER
#undef LLM__PROVIDERS_PLAIN
#undef LLM__PROVIDERS_COST
#undef LLM__PROVIDERS_COMPAT

#define LLM__PROVIDERS_COUNT (sizeof llm__providers_table / sizeof llm__providers_table[0] - 1)

#ifndef LLM_NO_PROVIDER_OPENAI
LLM_API const llm_wire_format *llm_wire_openai_chat(void) { return &llm__openai_wire; }
LLM_API const llm_wire_format *llm_wire_openai_responses(void) { return &llm__responses_wire; }
#else
LLM_API const llm_wire_format *llm_wire_openai_chat(void) { return NULL; }
LLM_API const llm_wire_format *llm_wire_openai_responses(void) { return NULL; }
#endif
#ifndef LLM_NO_PROVIDER_ANTHROPIC
LLM_API const llm_wire_format *llm_wire_anthropic_messages(void) { return &llm__anthropic_wire; }
#else
LLM_API const llm_wire_format *llm_wire_anthropic_messages(void) { return NULL; }
#endif
#ifndef LLM_NO_PROVIDER_GEMINI
LLM_API const llm_wire_format *llm_wire_gemini(void) { return &llm__gemini_wire; }
#else
LLM_API const llm_wire_format *llm_wire_gemini(void) { return NULL; }
#endif

LLM_API size_t llm_provider_count(void) { return LLM__PROVIDERS_COUNT; }

LLM_API const llm_provider *llm_provider_at(size_t i) {
    return i < llm_provider_count() ? &llm__providers_table[i] : NULL;
}

/* The preset whose name is s[0..n). */
static const llm_provider *llm__providers_named(const char *s, size_t n) {
    const llm_provider *p;
    for (p = llm__providers_table; p->name; p++)
        if (strlen(p->name) == n && memcmp(p->name, s, n) == 0) return p;
    return NULL;
}

LLM_API const llm_provider *llm_provider_find(const char *name) {
    size_t n = name ? strlen(name) : 0;
    if (n && name[n - 1] == '/') n--;
    return name ? llm__providers_named(name, n) : NULL;
}

/* The provider of a bare model name, as rust-genai and LiteLLM guess it. */
static const llm_provider *llm__providers_by_family(const char *m) {
    static const struct { const char *prefix; const char *provider;
    } families[] = {
        {"gpt-", "openai"}, {"chatgpt-", "openai"}, {"text-embedding-", "openai"}, {"o1", "openai"},
        {"o3", "openai"},   {"o4", "openai"},       {"claude-", "anthropic"},      {"gemini-", "gemini"},
    };
    size_t i, k;
    for (i = 0; i < sizeof families / sizeof families[0]; i++) {
        k = strlen(families[i].prefix);
        if (strncmp(m, families[i].prefix, k) != 0) continue;
        if (families[i].prefix[0] == 'o' && m[k] != '\0' && m[k] != '-') continue; /* o1, o3-mini; not "o1x" */
        return llm_provider_find(families[i].provider);
    }
    return NULL;
}

LLM_API const llm_provider *llm_provider_for_model(const char *model, const char **sent) {
    const char *slash = model ? strchr(model, '/') : NULL;
    const llm_provider *p = slash ? llm__providers_named(model, (size_t)(slash - model)) : NULL;
    if (sent) *sent = p ? slash + 1 : model;
    if (p || !model) return p;
    return llm__providers_by_family(model);
}

/* The model `p` is sent: its own "name/" prefix stripped (OpenRouter keeps
   the vendor/model that follows). */
static const char *llm__providers_model_for(const llm_provider *p, const char *model) {
    size_t n = strlen(p->name);
    return strncmp(model, p->name, n) == 0 && model[n] == '/' ? model + n + 1 : model;
}

#ifndef LLM_NO_PROVIDER_OPENAI
/* Whether the price table marks `model` (the desc's base_model when it
   has one: an Azure deployment's name says nothing) as served by the
   Responses API alone. */
static bool llm__providers_responses_only(const llm_client *client, const char *model) {
#ifdef LLM_NO_COSTS
    (void)client;
    (void)model;
    return false;
#else
    llm_model_info info;
    const char *m = client->desc.base_model ? client->desc.base_model : model;
    return llm_model_info_get(client->desc.costs, m, &info, NULL) == LLM_OK && info.mode == LLM_MODE_RESPONSES;
#endif
}
#endif

/* The wire format a request for `model` speaks on this client, and the
   model it sends (*sent): the provider's own, or, for a provider that
   speaks OpenAI's chat format, the Responses API when asked (the
   request's `api`, else the client's) or, left to AUTO, for a model named
   "responses/..." (LiteLLM's prefix, not sent) or one the price table
   serves there alone (LLM_QUIRK_RESPONSES_MODELS). The one place that
   decides it. */
static const llm_wire_format *llm__providers_wire_for(const llm_client *client, llm_openai_api api, const char *model,
                                                      const char **sent) {
    const llm_provider *p = client->provider;
    *sent = llm__providers_model_for(p, model);
#ifndef LLM_NO_PROVIDER_OPENAI
    if (p->wire == &llm__openai_wire || p->wire == &llm__openai_azure_wire) {
        bool prefixed = strncmp(*sent, "responses/", 10) == 0;
        if (prefixed) *sent += 10;
        if (api == LLM_OPENAI_API_AUTO) api = client->desc.openai_api;
        if (api == LLM_OPENAI_API_RESPONSES ||
            (api == LLM_OPENAI_API_AUTO &&
             (prefixed ||
              ((client->quirks & LLM_QUIRK_RESPONSES_MODELS) && llm__providers_responses_only(client, model)))))
            return p->wire == &llm__openai_azure_wire ? &llm__responses_azure_wire : &llm__responses_wire;
    }
#else
    (void)api;
#endif
    return p->wire;
}

/* The wire format of a remote token count: on OpenAI
   (LLM_QUIRK_RESPONSES_MODELS with OpenAI's chat format) the Responses
   API's POST /responses/input_tokens, whichever API the model's answers
   use; else the provider's own. */
static const llm_wire_format *llm__providers_count_wire(const llm_client *client) {
#ifndef LLM_NO_PROVIDER_OPENAI
    if (client->provider->wire == &llm__openai_wire && (client->quirks & LLM_QUIRK_RESPONSES_MODELS))
        return &llm__responses_wire;
#endif
    return client->provider->wire;
}

/* The preset of a format name as llm_decode_recorded takes it: a preset's
   name, or "openai-responses" (OpenAI's preset through the Responses API,
   *api set to say so). */
static const llm_provider *llm__providers_for_format(const char *format, llm_openai_api *api) {
    const llm_provider *p = llm_provider_find(format);
    *api = LLM_OPENAI_API_AUTO;
#ifndef LLM_NO_PROVIDER_OPENAI
    if (!p && strcmp(format, llm__responses_wire.name) == 0) {
        *api = LLM_OPENAI_API_RESPONSES;
        return llm_provider_find("openai");
    }
#endif
    return p;
}

static const char *llm__providers_env(const llm_target_desc *in, const char *name) {
    const char *v = name && in->getenv ? in->getenv(in->getenv_user, name) : NULL;
    return v && v[0] ? v : NULL;
}

/* The first of the variables that is set (and its name in *from). */
static const char *llm__providers_env_first(const llm_target_desc *in, const char *const *names, size_t n,
                                            const char **from) {
    size_t i;
    for (i = 0; i < n; i++) {
        const char *v = llm__providers_env(in, names[i]);
        if (v) {
            *from = names[i];
            return v;
        }
    }
    return NULL;
}

/* Which provider: custom, named, a base URL in proxy mode, the model. */
static llm_result llm__providers_target(const llm_target_desc *in, llm_target *t, llm_error *err) {
    if (in->custom_provider) {
        t->provider = in->custom_provider;
    } else if (in->provider) {
        if (!(t->provider = llm_provider_find(in->provider)))
            return llm__fail(
                err, LLM_ERR_UNSUPPORTED,
                "unknown provider \"%s\" (llm_provider_find knows openai, anthropic, openrouter, azure, ...)",
                in->provider);
    } else if (in->proxy_mode && (in->base_url || llm__providers_env(in, "LLM_BASE_URL"))) {
        t->provider = llm_provider_find("openai-compatible");
        t->model = in->model; /* a proxy's alias, prefix included */
        t->base_url = in->base_url ? in->base_url : llm__providers_env(in, "LLM_BASE_URL");
        t->base_from = in->base_url ? "desc" : "LLM_BASE_URL";
        t->api_key = in->api_key ? in->api_key : llm__providers_env(in, "LLM_API_KEY");
        t->key_from = in->api_key ? "desc" : t->api_key ? "LLM_API_KEY" : NULL;
        llm__copy_text(t->key_vars, sizeof t->key_vars, "LLM_API_KEY", 11);
    } else if (!(t->provider = llm_provider_for_model(in->model, NULL))) {
        return llm__fail(err, LLM_ERR_MODEL_UNKNOWN,
                         "\"%s\" names no provider: give one, or a provider/ prefix (anthropic/..., openrouter/...)",
                         in->model);
    }
    if (!t->provider)
        return llm__fail(err, LLM_ERR_UNSUPPORTED, "the provider \"%s\" is left out of this build",
                         in->provider ? in->provider : "");
    return LLM_OK;
}

LLM_API llm_result llm_resolve_target(const llm_target_desc *in, llm_target *t, llm_error *err) {
    llm_result r;
    const llm_provider *p;
    size_t i, pos = 0;
    if (t) memset(t, 0, sizeof *t);
    if (!in || !t || !in->model || !in->model[0])
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_resolve_target: a model is required");
    if ((r = llm__providers_target(in, t, err)) != LLM_OK) return r;
    p = t->provider;
    if (t->model) return LLM_OK; /* proxy mode: all set */
    t->model = llm__providers_model_for(p, in->model);
    if (in->base_url) {
        t->base_url = in->base_url;
        t->base_from = "desc";
    } else {
        t->base_url = llm__providers_env_first(in, p->base_env, 3, &t->base_from);
    }
    if (in->api_key) {
        t->api_key = in->api_key;
        t->key_from = "desc";
    } else {
        t->api_key = llm__providers_env_first(in, p->key_env, 3, &t->key_from);
    }
    for (i = 0; i < 3 && p->key_env[i]; i++) { /* "OPENAI_API_KEY or ..." for messages */
        if (i) llm__append_str(t->key_vars, sizeof t->key_vars, &pos, " or ");
        llm__append_str(t->key_vars, sizeof t->key_vars, &pos, p->key_env[i]);
    }
    t->api_version = in->api_version;
    if (!t->api_version) {
        const char *from;
        t->api_version = llm__providers_env_first(in, p->version_env, 2, &from);
    }
    t->bearer_token = llm__providers_env(in, p->token_env);
    return LLM_OK;
}

#ifndef LLM_NO_STDIO
LLM_API llm_result llm_client_desc_from_env(llm_client_desc *desc, const char *model, llm_target *target,
                                            llm_error *err) {
    llm_target_desc in;
    llm_target local;
    llm_result r;
    if (!desc) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_desc_from_env: no desc");
    if (!target) target = &local;
    memset(&in, 0, sizeof in);
    in.model = model;
    in.provider = desc->custom_provider ? NULL : desc->provider;
    in.custom_provider = desc->custom_provider;
    in.base_url = desc->base_url;
    in.api_key = desc->api_key;
    in.api_version = desc->api_version;
    in.getenv = llm__getenv;
    in.proxy_mode = true;
    if ((r = llm_resolve_target(&in, target, err)) != LLM_OK) return r;
    desc->custom_provider = target->provider;
    desc->provider = NULL;
    desc->base_url = target->base_url;
    desc->api_key = target->api_key;
    desc->api_version = target->api_version;
    if (!desc->bearer_token) desc->bearer_token = target->bearer_token;
    return LLM_OK;
}
#endif

/* ------------------------------------------------------------------------ */
// >>call: one HTTP exchange as a state machine (sans-I/O): begin, feed, pump, finish
/* ------------------------------------------------------------------------ */

enum { LLM__CALL_IDLE = 0, LLM__CALL_SENT, LLM__CALL_RECEIVING, LLM__CALL_DONE };

/* What a call asks (llm_call.op_): chat, or one of the calls beyond chat. */
enum { LLM__CALL_CHAT = 0, LLM__CALL_EMBED, LLM__CALL_MODELS, LLM__CALL_COUNT };

/* What a request of any kind gives its exchange besides its body: the
   chat request's fields, or a llm_call_options. */
typedef struct llm__call_extras {
    const llm_pair *headers;
    size_t header_count;
    const char *request_id, *idempotency_key;
    int timeout_ms;
    llm_openai_api api;         /* a chat request's choice of OpenAI API (AUTO for the other kinds) */
} llm__call_extras;

static llm__call_extras llm__call_extras_of(const llm_request *req) {
    llm__call_extras x;
    x.headers = req->headers;
    x.header_count = req->header_count;
    x.request_id = req->request_id;
    x.idempotency_key = req->idempotency_key;
    x.timeout_ms = req->timeout_ms;
    x.api = req->openai_api;
    return x;
}

static llm__call_extras llm__call_extras_of_options(const llm_call_options *o) {
    llm__call_extras x;
    x.api = LLM_OPENAI_API_AUTO;
    x.headers = o->headers;
    x.header_count = o->header_count;
    x.request_id = o->request_id;
    x.idempotency_key = o->idempotency_key;
    x.timeout_ms = o->timeout_ms;
    return x;
}

#ifndef LLM_MAX_RESPONSE_BYTES
#define LLM_MAX_RESPONSE_BYTES (64u << 20)
#endif

static const char *llm__call_concat(llm_call *call, const char *a, const char *b) {
    size_t na = strlen(a), nb = b ? strlen(b) : 0;
    char *s = (char *)llm__arena_alloc(&call->alloc_, &call->arena_, na + nb + 1);
    if (!s) return NULL;
    memcpy(s, a, na);
    if (nb) memcpy(s + na, b, nb);
    s[na + nb] = '\0';
    return s;
}

static bool llm__call_add_header(llm_call *call, const char *name, const char *value) {
    if (!name || !value || call->http_.header_count >= LLM_CALL_MAX_HEADERS) return false;
    call->headers_[call->http_.header_count].name = name;
    call->headers_[call->http_.header_count].value = value;
    call->http_.header_count++;
    return true;
}

/* `prefix` and 32 hex digits into out (LLM__CALL_ID_SIZE bytes): from the
   client's random hook when it has one, else mixed from the client's seed
   (the system's entropy unless the desc gives one), `salt` and
   llm__id_entropy. Where the platform has no clock (LLM_NO_STDIO builds),
   two ids made with the same salt in the same process are the same: give
   desc.random there (or request_id and idempotency_key) when they must
   differ. */
#define LLM__CALL_ID_SIZE 40
static void llm__call_random_id(const llm_client *client, uint64_t salt, const char *prefix, char *out) {
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(prefix);
    uint64_t x = client->seed_ ^ llm__mix64(salt ^ llm__fnv1a(0xCBF29CE484222325ull, prefix, n)) ^
                 llm__mix64(llm__id_entropy());
    int i;
    memcpy(out, prefix, n);
    for (i = 0; i < 2; i++) {
        uint64_t r = client->desc.random ? client->desc.random(client->desc.random_user)
                                         : llm__mix64(x += 0x9E3779B97F4A7C15ull);
        int k;
        for (k = 0; k < 16; k++) out[n + i * 16 + k] = hex[(r >> (k * 4)) & 15];
    }
    out[n + 32] = '\0';
}

/* An id of the call's (X-Request-ID, Idempotency-Key) in its arena, salted
   with the call's address, the time given to begin and the body. */
static const char *llm__call_id(llm_call *call, const llm_client *client, const char *prefix) {
    char *id = (char *)llm__arena_alloc(&call->alloc_, &call->arena_, LLM__CALL_ID_SIZE);
    const char *body = call->body_.buf_ ? call->body_.buf_ : "";
    size_t n = call->body_.len_, edge = n < 256 ? n : 256;
    uint64_t h = llm__fnv1a(0xCBF29CE484222325ull, body, edge);
    if (!id) return NULL;
    h = llm__fnv1a(h, body + n - edge, edge) ^ (uint64_t)n;
    llm__call_random_id(client, llm__mix64((uint64_t)(uintptr_t)call) ^ ((uint64_t)call->start_ms_ + h), prefix, id);
    return id;
}

/* Whether two header names are the same, in any case. */
static bool llm__call_same_name(const char *a, const char *b) {
    for (; *a && *b; a++, b++)
        if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b)) return false;
    return *a == *b;
}

/* Whether one of n pairs is named `name` (any case). */
static bool llm__call_pairs_name(const llm_pair *h, size_t n, const char *name) {
    size_t i;
    for (i = 0; i < n; i++)
        if (h[i].name && llm__call_same_name(h[i].name, name)) return true;
    return false;
}

/* Whether the desc's or the request's headers name `name` (any case). */
static bool llm__call_has_header(const llm_client_desc *d, const llm__call_extras *x, const char *name) {
    return llm__call_pairs_name(d->headers, d->header_count, name) ||
           llm__call_pairs_name(x->headers, x->header_count, name);
}

/* The header the secret goes in: Authorization for a bearer token (from
   get_token or the desc), else the provider's key header; NULL keyless.
   *token: the secret. */
static const char *llm__call_auth_name(const llm_client *client, const char **token) {
    const llm_client_desc *d = &client->desc;
    *token = d->get_token ? d->get_token(d->token_user) : d->bearer_token;
    if (*token && (*token)[0]) return "Authorization";
    *token = d->api_key && d->api_key[0] ? d->api_key : NULL;
    return *token ? client->provider->auth_header : NULL;
}

/* A header that could not be added: the array is full, or out of memory. */
static llm_result llm__call_headers_full(llm_call *call) {
    return call->http_.header_count >= LLM_CALL_MAX_HEADERS
               ? llm__sticky_error(call, LLM_ERR_LIMIT_EXCEEDED, "request headers: more than LLM_CALL_MAX_HEADERS")
               : llm__sticky_nomem(call);
}

/* The header `name` that carries the secret `token`, unless the caller's
   headers name it (theirs then goes instead: llm__call_user_headers). */
static llm_result llm__call_auth_header(llm_call *call, const llm_client *client, const llm__call_extras *x,
                                        const char *name, const char *token) {
    const llm_client_desc *d = &client->desc;
    const char *prefix = client->provider->auth_prefix;
    if (!name) return LLM_OK; /* keyless: nothing to send */
    if (llm__call_has_header(d, x, name)) return LLM_OK;
    if (llm__has_control(token, false))
        return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT,
                                 "get_token returned a token holding a control byte (CR, LF...): not sent");
    if (token != d->api_key) prefix = "Bearer ";
    call->auth_value_ = llm__call_concat(call, prefix ? prefix : "", token);
    if (!llm__call_add_header(call, name, call->auth_value_)) return llm__call_headers_full(call);
    call->http_.secret_header = call->http_.header_count;
    call->http_.secret = call->auth_value_ + (prefix ? strlen(prefix) : 0);
    return LLM_OK;
}

/* The desc's headers, then the request's. A header named like the key's
   (`auth`, any case) becomes the secret header; when both the desc and the
   request have one, the desc's is left out (the request's wins). */
static llm_result llm__call_user_headers(llm_call *call, const llm_client *client, const llm__call_extras *x,
                                         const char *auth) {
    const llm_client_desc *d = &client->desc;
    bool req_auth = auth && llm__call_pairs_name(x->headers, x->header_count, auth);
    size_t i;
    for (i = 0; i < d->header_count; i++) {
        bool is_auth = auth && d->headers[i].name && llm__call_same_name(d->headers[i].name, auth);
        if (is_auth && req_auth) continue;
        if (!llm__call_add_header(call, d->headers[i].name, d->headers[i].value)) return llm__call_headers_full(call);
        if (is_auth) call->http_.secret_header = call->http_.header_count;
    }
    for (i = 0; i < x->header_count; i++) {
        if (!llm__call_add_header(call, x->headers[i].name, x->headers[i].value))
            return llm__call_headers_full(call);
        if (auth && x->headers[i].name && llm__call_same_name(x->headers[i].name, auth))
            call->http_.secret_header = call->http_.header_count;
    }
    return LLM_OK;
}

/* The secret header and its key alone (llm_http_request.secret, what logs
   are scrubbed of: the value without the provider's prefix). Without a key
   of the desc's, the provider's auth header may come among the caller's
   headers (a gateway's key, whatever its header's name): it is the secret
   header then, never logged, its key scrubbed from logs. */
static void llm__call_mark_secret(llm_call *call, const llm_provider *p) {
    size_t i, k = p->auth_prefix ? strlen(p->auth_prefix) : 0;
    const llm_pair *h;
    for (i = 0; !call->http_.secret_header && p->auth_header && i < call->http_.header_count; i++)
        if (llm__call_same_name(call->headers_[i].name, p->auth_header)) call->http_.secret_header = i + 1;
    if (call->http_.secret || !call->http_.secret_header) return;
    h = &call->headers_[call->http_.secret_header - 1];
    call->http_.secret = k && strncmp(h->value, p->auth_prefix, k) == 0 ? h->value + k : h->value;
}

/* The request's headers. A GET (no body) has no Content-Type and no
   Idempotency-Key (it is idempotent by itself). */
static llm_result llm__call_headers(llm_call *call, const llm_client *client, const llm__call_extras *x, bool body,
                                    bool stream) {
    const llm_client_desc *d = &client->desc;
    const llm_provider *p = client->provider;
    const char *token, *auth = llm__call_auth_name(client, &token); /* get_token: once a request */
    size_t i;
    llm_result r;
    bool ok;
    if ((body && !llm__call_add_header(call, "Content-Type", "application/json")) ||
        !llm__call_add_header(call, "Accept", stream ? "text/event-stream" : "application/json"))
        return llm__call_headers_full(call);
    if ((r = llm__call_auth_header(call, client, x, auth, token)) != LLM_OK) return r;
    for (i = 0, ok = true; ok && i < p->header_count; i++)
        ok = llm__call_add_header(call, p->headers[i].name, p->headers[i].value);
    if (ok && d->app_url && p->app_url_header) ok = llm__call_add_header(call, p->app_url_header, d->app_url);
    for (i = 0; ok && d->app_title && i < 2 && p->app_title_headers[i]; i++)
        ok = llm__call_add_header(call, p->app_title_headers[i], d->app_title);
    if (ok && !d->no_request_id)
        ok = llm__call_add_header(call, "X-Request-ID",
                                  x->request_id ? x->request_id : llm__call_id(call, client, "req_"));
    if (ok && body && !llm__call_has_header(d, x, "idempotency-key"))
        ok = llm__call_add_header(call, "Idempotency-Key",
                                  x->idempotency_key ? x->idempotency_key : llm__call_id(call, client, "idem-"));
    if (!ok) return llm__call_headers_full(call);
    if ((r = llm__call_user_headers(call, client, x, auth)) != LLM_OK) return r;
    llm__call_mark_secret(call, p);
    return LLM_OK;
}

/* A key or token is never sent over plain http:// to a host that is not
   loopback, unless the desc allows it (checked here, where the URL and the
   secret header are both known, so that every transport has it). */
static llm_result llm__call_check_plain_http(llm_call *call, const llm_client *client) {
    if (!call->http_.secret_header || client->desc.allow_plain_http || !llm__starts_ci(call->http_.url, "http://") ||
        llm__http_url_loopback(call->http_.url))
        return LLM_OK;
    return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT,
                             "the key would go in clear over http:// to a host that is not loopback: use https://, or "
                             "set llm_client_desc.allow_plain_http (llm: --allow-plain-http)");
}

/* A request's headers and ids, whatever its kind. */
static llm_result llm__call_check_extras(const llm__call_extras *x, llm_error *err) {
    llm_result r = llm__http_check_headers(x->headers, x->header_count, "request: headers", err);
    if (r != LLM_OK) return r;
    if (x->request_id && (!x->request_id[0] || !llm__visible_ascii(x->request_id)))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "request: request_id must be visible ASCII (no spaces or control bytes)");
    if (x->idempotency_key && (!x->idempotency_key[0] || !llm__visible_ascii(x->idempotency_key)))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "request: idempotency_key must be visible ASCII (no spaces or control bytes)");
    return LLM_OK;
}

/* The base URL the wire format builds on: the desc's or the provider's,
   without a trailing slash; a base without a path gets "/v1" under
   LLM_QUIRK_V1_PATH (Ollama's http://localhost:11434, as LiteLLM writes it). */
static const char *llm__call_base(llm_call *call, const llm_client *client) {
    const char *base = client->desc.base_url;
    const char *host = strstr(base, "://");
    size_t n = strlen(base);
    bool bare;
    while (n && base[n - 1] == '/') n--;
    bare = host && !memchr(host + 3, '/', n - (size_t)(host + 3 - base));
    if (bare && (client->quirks & LLM_QUIRK_V1_PATH)) {
        char *s = (char *)llm__arena_alloc(&call->alloc_, &call->arena_, n + 4);
        if (!s) return NULL;
        memcpy(s, base, n);
        memcpy(s + n, "/v1", 4);
        return s;
    }
    return llm__arena_strndup(&call->alloc_, &call->arena_, base, n);
}

/* The call's wire state, zeroed (none when the format keeps none). */
static bool llm__call_wire_state(llm_call *call) {
    size_t size = call->wire_->state_size;
    if (!size) return true;
    if (!(call->ctx_.state = llm__arena_alloc(&call->alloc_, &call->arena_, size))) return false;
    memset(call->ctx_.state, 0, size);
    return true;
}

/* What the wire format is given: the model to send ("" for a call that
   names none), the base URL...; and which wire format (llm__providers_wire_for). */
static llm_result llm__call_ctx(llm_call *call, const llm_client *client, const char *model, llm_openai_api api,
                                bool stream) {
    call->ctx_.client = client;
    call->ctx_.provider = client->provider;
    call->wire_ = llm__providers_wire_for(client, api, model ? model : "", &call->ctx_.model);
    call->ctx_.quirks = client->quirks;
    call->ctx_.stream = stream;
    call->ctx_.base_url = llm__call_base(call, client);
    return call->ctx_.base_url && llm__call_wire_state(call) ? LLM_OK : llm__sticky_nomem(call);
}

/* The buffer a wire format writes the URL into: room for the base, the
   model, `more` bytes the request adds (a cursor) and a path and query. */
static char *llm__call_url_buffer(llm_call *call, size_t more, size_t *size) {
    *size = strlen(call->ctx_.base_url) + strlen(call->ctx_.model) + more + 512;
    return (char *)llm__arena_alloc(&call->alloc_, &call->arena_, *size);
}

static llm_result llm__call_url(llm_call *call, const llm_request *req, llm_error *err) {
    size_t size;
    char *buf = llm__call_url_buffer(call, 0, &size);
    if (!buf) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    call->http_.url = buf;
    return call->wire_->url(&call->ctx_, req, buf, size, err);
}

static void llm__call_init(llm_call *call, const llm_client *client, int64_t now_ms) {
    memset(call, 0, sizeof *call);
    call->client_ = client;
    call->alloc_ = client->desc.alloc;
    call->body_.alloc = client->desc.alloc;
    call->retry_after_ms_ = call->retry_date_ms_ = call->date_ms_ = call->reset_ms_ = -1;
    call->start_ms_ = now_ms;
    call->last_event_ms_ = now_ms;
    call->whole_ms_ = -1;
    call->in_max_ = client->desc.max_response_bytes;
    call->max_stream_bytes_ = call->in_max_;
    call->max_choices_ = 1;
    call->sse_.alloc = call->chunk_.alloc = call->check_.alloc = client->desc.alloc;
    call->ctx_.client = client;
    call->ctx_.provider = client->provider;
    call->ctx_.quirks = client->quirks;
    call->wire_ = client->provider->wire;
}

/* The model the answer is priced by: the desc's base model (an Azure
   deployment says nothing of its model), else the model requested (the
   model sent when a "responses/" prefix was taken off). */
static const char *llm__call_price_model(const llm_call *call, const llm_client *client, const char *model) {
    if (client->desc.base_model) return client->desc.base_model;
    if (!model) return "";
    return call->ctx_.model == llm__providers_model_for(client->provider, model) ? model : call->ctx_.model;
}

/* The start every kind of call shares: the arguments, the request's
   headers and ids, and the wire context for `model` (NULL: none). */
static llm_result llm__call_open(llm_call *call, const llm_client *client, bool has_req, const llm__call_extras *x,
                                 const char *model, bool stream, int64_t now_ms, const llm_http_request **http,
                                 const char *who, llm_error *err) {
    const char *price_model;
    llm_result r;
    if (!call) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: NULL call", who);
    if (!client || !client->provider || !has_req || !http) {
        memset(call, 0, sizeof *call); /* what the caller frees holds nothing */
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: NULL client, request or http", who);
    }
    *http = NULL;
    llm__call_init(call, client, now_ms);
    if ((r = llm__call_check_extras(x, err)) != LLM_OK) return r;
    if (llm__call_ctx(call, client, model, x->api, stream) != LLM_OK)
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    price_model = llm__call_price_model(call, client, model);
    if (!(call->model_ = llm__arena_strndup(&call->alloc_, &call->arena_, price_model, strlen(price_model))))
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return LLM_OK;
}

/* The end every kind of call shares, once the body and the URL are
   written: the headers, the plain-http rule, and the request to send. */
static llm_result llm__call_close(llm_call *call, const llm__call_extras *x, const char *method, bool stream,
                                  const llm_http_request **http, llm_error *err) {
    const llm_client *client = call->client_;
    bool body = strcmp(method, "GET") != 0;
    if (llm__call_headers(call, client, x, body, stream) != LLM_OK ||
        llm__call_check_plain_http(call, client) != LLM_OK) {
        if (err) *err = call->err_;
        return call->error_;
    }
    if (body) llm_json_writer_finish(&call->body_, &call->http_.body, &call->http_.body_len);
    call->http_.method = method;
    call->http_.headers = call->headers_;
    call->http_.stream = stream;
    call->http_.timeout_ms = x->timeout_ms ? x->timeout_ms : client->desc.timeout_ms;
    call->http_.connect_timeout_ms = client->desc.connect_timeout_ms;
    call->state_ = LLM__CALL_SENT;
    *http = &call->http_;
    llm__error_clear(err);
    return LLM_OK;
}

static llm_result llm__call_start(llm_call *call, const llm_client *client, const llm_request *req, bool stream,
                                  int64_t now_ms, const llm_http_request **http, llm_error *err) {
    llm__call_extras x;
    llm_result r;
    memset(&x, 0, sizeof x);
    if (req) x = llm__call_extras_of(req);
    r = llm__call_open(call, client, req != NULL, &x, req ? req->model : NULL, stream, now_ms, http,
                       "llm_call_begin", err);
    if (r != LLM_OK) return r;
    if ((r = llm__wire_check_request(req, &call->alloc_, err)) != LLM_OK) return r;
    if (!call->wire_->encode)
        return llm__fail(err, LLM_ERR_UNSUPPORTED, "provider \"%s\": its wire format (%s) only decodes answers here",
                         client->provider->name, call->wire_->name);
    if ((r = call->wire_->encode(&call->ctx_, req, &call->body_, err)) != LLM_OK) return r;
    call->max_choices_ = req->n > 1 ? req->n : 1;
    r = llm_count_request_tokens(req, NULL, &call->alloc_, &call->prompt_estimate_, NULL);
    if (r == LLM_ERR_NO_MEMORY) return llm__fail(err, r, "out of memory");
    if (r != LLM_OK) call->prompt_estimate_ = 0; /* only for answers without usage */
    if ((r = llm__call_url(call, req, err)) != LLM_OK) return r;
    return llm__call_close(call, &x, "POST", stream, http, err);
}

LLM_API llm_result llm_call_begin(llm_call *call, const llm_client *client, const llm_request *req, int64_t now_ms,
                                  const llm_http_request **http, llm_error *err) {
    llm_result r = llm__call_start(call, client, req, false, now_ms, http, err);
    if (r != LLM_OK && call) llm_call_free(call); /* a failed begin leaves nothing to free */
    return r;
}

LLM_API llm_result llm_call_feed_status(llm_call *call, int status) {
    if (!call) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->state_ != LLM__CALL_SENT)
        return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT, "status fed out of order");
    if (status < 100 || status > 999) return llm__sticky_error(call, LLM_ERR_PARSE, "invalid HTTP status");
    call->status_ = status;
    call->state_ = LLM__CALL_RECEIVING;
    return LLM_OK;
}

/* Remembers what the headers say about retrying, the request id and cost. */
static void llm__call_header_value(llm_call *call, const char *name, size_t nlen, const char *v, size_t vlen) {
    double d;
    const llm_provider *p = call->client_->provider;
    if (llm__header_is(name, nlen, "retry-after-ms") ||
        (p->retry_ms_header && llm__header_is(name, nlen, p->retry_ms_header))) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) call->retry_after_ms_ = (int64_t)d;
    } else if (llm__header_is(name, nlen, "retry-after")) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) {
            if (call->retry_after_ms_ < 0) call->retry_after_ms_ = (int64_t)(d * 1000);
        } else {
            call->retry_date_ms_ = llm__parse_http_date(v, vlen);
        }
    } else if (llm__header_is(name, nlen, "date")) {
        call->date_ms_ = llm__parse_http_date(v, vlen);
    } else if (p->reset_header_prefix && llm__header_has_prefix(name, nlen, p->reset_header_prefix) && nlen > 6 &&
               llm__header_is(name + nlen - 6, 6, "-reset")) {
        int64_t t = llm__parse_rfc3339(v, vlen);
        if (t > call->reset_ms_) call->reset_ms_ = t;
    } else if (llm__header_is(name, nlen, "x-should-retry")) {
        if (vlen == 4 && memcmp(v, "true", 4) == 0) call->should_retry_ = LLM_TRUE;
        if (vlen == 5 && memcmp(v, "false", 5) == 0) call->should_retry_ = LLM_FALSE;
    } else if (llm__header_is(name, nlen, "x-request-id") ||
               (p->request_id_header && llm__header_is(name, nlen, p->request_id_header) && !call->request_id_[0])) {
        llm__copy_network_text(call->request_id_, sizeof call->request_id_, v, vlen, call->client_->desc.api_key);
    } else if (llm__header_is(name, nlen, "content-type")) {
        call->mode_known_ = true; /* an event stream, NDJSON lines, or a whole JSON answer */
        call->sse_mode_ = llm__contains_ci_n(v, vlen, "text/event-stream");
        call->ndjson_ =
            llm__contains_ci_n(v, vlen, "ndjson") || (call->wire_->framing == LLM_FRAMING_NDJSON &&
                                                      !llm__contains_ci_n(v, vlen, "application/json"));
    } else if (p->cost_header && llm__header_is(name, nlen, p->cost_header)) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) {
            call->has_provider_cost_ = true;
            call->provider_cost_ = d;
        }
    }
}

/* Whether the answer is whole, so that what is left of the transfer is not
   needed: a stream past its end marker (or a whole JSON answer to it), or a
   body followed by trailers (they come after its last byte). */
static bool llm__call_whole(const llm_call *call) {
    bool streaming = call->stream_ && call->status_ >= 200 && call->status_ <= 299;
    return call->error_ == LLM_OK && (call->done_ || (call->trailers_ && !streaming));
}

/* The answer is whole, and the transfer goes on past a limit or deadline:
   LLM_DONE tells the transport to stop and drop the connection (in no
   known state, it cannot be reused); the answer stands. */
static llm_result llm__call_enough(llm_call *call) {
    call->enough_ = true;
    return LLM_DONE;
}

LLM_API llm_result llm_call_feed_header(llm_call *call, const char *name, size_t name_len, const char *value,
                                        size_t value_len) {
    size_t n;
    if (!call || (!name && name_len) || (!value && value_len)) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->enough_) return LLM_DONE;
    if (call->state_ != LLM__CALL_RECEIVING)
        return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT, "header fed before the status");
    /* "name: value" and its line end, counted with the trailers: libcurl
       bounds an answer's headers, not the trailers after its body */
    n = name_len < LLM_MAX_HEADER_BYTES && value_len < LLM_MAX_HEADER_BYTES ? name_len + value_len + 4
                                                                            : (size_t)LLM_MAX_HEADER_BYTES + 1;
    if (n > LLM_MAX_HEADER_BYTES - call->header_bytes_) {
        if (llm__call_whole(call)) return llm__call_enough(call);
        return llm__sticky_errorf(call, LLM_ERR_LIMIT_EXCEEDED,
                                  "the answer's headers and trailers are larger than LLM_MAX_HEADER_BYTES (%z bytes)",
                                  (size_t)LLM_MAX_HEADER_BYTES);
    }
    call->header_bytes_ += n;
    /* after body bytes, a trailer: counted, never read as a header (a
       Content-Type there must not change how the body is read) */
    if (call->in_len_ || call->stream_bytes_) call->trailers_ = true;
    if (!call->trailers_) llm__call_header_value(call, name, name_len, value, value_len);
    return LLM_OK;
}

/* Parses one stream event's data into call->chunk_: out of memory is
   NO_MEMORY (never PARSE, which would mislead a retry decision). */
static llm_result llm__call_parse_event(llm_call *call, const char *data, size_t n) {
    llm_error perr;
    llm_result r = llm_json_parse(&call->chunk_, data, n, &perr);
    if (r == LLM_OK) return LLM_OK;
    if (r == LLM_ERR_NO_MEMORY) return llm__sticky_nomem(call);
    return llm__sticky_errorf(call, r, "stream event data is not JSON: %s at offset %z", perr.message, perr.offset);
}

static bool llm__call_streaming_body(const llm_call *call) {
    return call->stream_ && call->status_ >= 200 && call->status_ <= 299;
}

/* NDJSON framing: the bytes are kept until their line ends (a line is
   bounded like an SSE event: llm_sse.max_size, 16 MiB by default). */
static llm_result llm__call_ndjson_feed(llm_call *call, const char *data, size_t len) {
    size_t rest = call->nd_len_ - call->nd_pos_;
    void *buf;
    if (call->nd_pos_) { /* the lines read are dropped */
        memmove(call->nd_, call->nd_ + call->nd_pos_, rest);
        call->nd_len_ = rest;
        call->nd_pos_ = 0;
    }
    if (len > llm__sse_max(&call->sse_) - rest)
        return llm__sticky_error(call, LLM_ERR_PARSE,
                                 "NDJSON stream: more bytes than the line limit without the events being taken");
    buf = call->nd_;
    if (!llm__grow(&call->alloc_, &buf, &call->nd_cap_, call->nd_len_ + len, 1)) return llm__sticky_nomem(call);
    call->nd_ = (char *)buf;
    if (len) memcpy(call->nd_ + call->nd_len_, data, len);
    call->nd_len_ += len;
    return LLM_OK;
}

/* The next NDJSON line (without its end, a CR before the LF dropped), or
   with `last` the unfinished one at the end of the body. */
static bool llm__call_ndjson_line(llm_call *call, bool last, const char **line, size_t *n) {
    for (;;) {
        const char *start = call->nd_ ? call->nd_ + call->nd_pos_ : "", *nl;
        size_t rest = call->nd_len_ - call->nd_pos_;
        if (!rest) return false;
        nl = (const char *)memchr(start, '\n', rest);
        if (!nl && !last) return false;
        *line = start;
        *n = nl ? (size_t)(nl - start) : rest;
        call->nd_pos_ += *n + (nl ? 1 : 0);
        if (*n && start[*n - 1] == '\r') (*n)--;
        if (*n) return true; /* blank lines are skipped */
    }
}

/* The next event's data, by the stream's framing; LLM_AGAIN when the bytes
   fed so far hold no more. */
static llm_result llm__call_next_data(llm_call *call, bool last, const char **type, size_t *type_len, const char **data,
                                      size_t *len) {
    llm_sse_event sev;
    llm_result r;
    if (call->ndjson_) {
        *type = "";
        *type_len = 0;
        return llm__call_ndjson_line(call, last, data, len) ? LLM_OK : LLM_AGAIN;
    }
    if (!call->sse_mode_) return LLM_AGAIN;
    r = llm_sse_next(&call->sse_, &sev);
    if (r == LLM_AGAIN) return LLM_AGAIN;
    if (r != LLM_OK)
        return llm__sticky_error(call, r,
                                 r == LLM_ERR_NO_MEMORY ? "out of memory"
                                                        : "event stream: a line or event is longer than the limit");
    *type = sev.type;
    *type_len = sev.type_len;
    *data = sev.data;
    *len = sev.data_len;
    return LLM_OK;
}

/* The end marker, alone or followed by JSON whitespace (Azure's documented
   streams end in "data: [DONE] "; the OpenAI SDKs accept any data that
   starts with it, which is looser than needed). */
static bool llm__call_is_end_marker(const char *marker, const char *data, size_t n) {
    size_t m = marker ? strlen(marker) : 0;
    if (!marker || n < m || memcmp(data, marker, m) != 0) return false;
    for (; m < n; m++)
        if (data[m] != ' ' && data[m] != '\t' && data[m] != '\r' && data[m] != '\n') return false;
    return true;
}

/* One event through the wire format: the end marker, or its data parsed
   and decoded into the sink. */
static void llm__call_event(llm_call *call, const char *type, size_t type_len, const char *data, size_t n) {
    const llm_wire_format *w = call->wire_;
    llm_stream_sink sink;
    llm_result r;
    if (llm__call_is_end_marker(w->end_marker, data, n)) {
        call->done_ = true;
        return;
    }
    if (llm__call_parse_event(call, data, n) != LLM_OK) return;
    sink.state = call->ctx_.state;
    sink.call_ = call;
    r = w->decode_event(&sink, type, type_len, llm_json_root(&call->chunk_));
    if (r != LLM_OK && call->error_ == LLM_OK)
        llm__sticky_errorf(call, r < 0 ? r : LLM_ERR_PARSE, "%s: could not decode a stream event", w->name);
}

/* Pulls events through the wire format's stream decoder until an
   llm_event is queued, the bytes run out, or the stream ends. `last`: the
   body has ended (an NDJSON line may lack its newline). */
static llm_result llm__call_pump_ex(llm_call *call, bool last) {
    while (call->queue_pos_ >= call->queue_len_ && call->error_ == LLM_OK && !call->done_) {
        const char *type = "", *data = "";
        size_t type_len = 0, len = 0;
        call->queue_len_ = call->queue_pos_ = 0;
        if (llm__call_next_data(call, last, &type, &type_len, &data, &len) != LLM_OK)
            return call->error_ != LLM_OK ? call->error_ : LLM_AGAIN;
        llm__call_event(call, type, type_len, data, len);
    }
    return LLM_OK;
}

static llm_result llm__call_pump(llm_call *call) { return llm__call_pump_ex(call, call->body_ended_); }

LLM_API llm_result llm_call_feed_body(llm_call *call, const char *data, size_t len) {
    void *buf;
    if (!call || (!data && len)) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->enough_) return LLM_DONE;
    if (call->state_ != LLM__CALL_RECEIVING)
        return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT, "body fed before the status");
    if (llm__call_streaming_body(call) && call->done_) { /* after the end: counted, not kept */
        if (len > call->max_stream_bytes_ - call->stream_bytes_) return llm__call_enough(call);
        call->stream_bytes_ += len;
        return LLM_OK;
    }
    if (llm__call_streaming_body(call) && !call->mode_known_ && len) { /* no content type: look at the first byte */
        size_t i = 0;
        while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
        if (i < len) {
            call->mode_known_ = true;
            call->ndjson_ = call->wire_->framing == LLM_FRAMING_NDJSON;
            call->sse_mode_ = !call->ndjson_ && data[i] != '{';
        }
    }
    if (llm__call_streaming_body(call)) {
        if (len > call->max_stream_bytes_ - call->stream_bytes_)
            return llm__sticky_errorf(call, LLM_ERR_LIMIT_EXCEEDED,
                                      "the stream is larger than stream.max_bytes (%z bytes)", call->max_stream_bytes_);
        call->stream_bytes_ += len;
    }
    if (llm__call_streaming_body(call) && call->sse_mode_) {
        /* the caller may reuse its buffer before taking the events: keep a
           copy (llm_stream takes them at once, and copies nothing) */
        llm_result r = llm_sse_feed(&call->sse_, data, len);
        if (r == LLM_OK && !call->borrow_) r = llm__sse_hold(&call->sse_);
        return r == LLM_OK ? LLM_OK : llm__sticky_error(call, r, "out of memory");
    }
    if (llm__call_streaming_body(call) && call->ndjson_) return llm__call_ndjson_feed(call, data, len);
    if (len > call->in_max_ - call->in_len_)
        return llm__sticky_error(call, LLM_ERR_LIMIT_EXCEEDED, "response body larger than max_response_bytes");
    buf = call->in_;
    if (!llm__grow(&call->alloc_, &buf, &call->in_cap_, call->in_len_ + len, 1))
        return llm__sticky_error(call, LLM_ERR_NO_MEMORY, "out of memory");
    call->in_ = (char *)buf;
    if (len) memcpy(call->in_ + call->in_len_, data, len);
    call->in_len_ += len;
    return LLM_OK;
}

static llm_result llm__call_sink_status(void *ctx, int status) { return llm_call_feed_status((llm_call *)ctx, status); }
static llm_result llm__call_sink_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    return llm_call_feed_header((llm_call *)ctx, n, nl, v, vl);
}
static llm_result llm__call_sink_body(void *ctx, const char *d, size_t n) {
    return llm_call_feed_body((llm_call *)ctx, d, n);
}

LLM_API llm_http_sink llm_call_sink(llm_call *call) {
    llm_http_sink s;
    s.status = llm__call_sink_status;
    s.header = llm__call_sink_header;
    s.body = llm__call_sink_body;
    s.ctx = call;
    s.tick = NULL;
    return s;
}

LLM_API llm_result llm_call_feed_body_borrowed(llm_call *call, const char *data, size_t len) {
    llm_result r;
    if (!call) return LLM_ERR_INVALID_ARGUMENT;
    call->borrow_ = true;
    r = llm_call_feed_body(call, data, len);
    call->borrow_ = false;
    return r;
}

LLM_API llm_result llm_call_keep_body(llm_call *call) {
    if (!call) return LLM_ERR_INVALID_ARGUMENT;
    if (llm__sse_hold(&call->sse_) != LLM_OK) return llm__sticky_nomem(call);
    return LLM_OK;
}

LLM_API void llm_call_fail(llm_call *call, llm_result code, const char *message) {
    if (!call || call->error_ != LLM_OK) return;
    /* what broke after a whole answer (the connection dropped on its
       trailers, a timeout) does not undo it; a cancel does */
    if (code != LLM_ERR_CANCELLED && llm__call_whole(call)) {
        call->enough_ = true;
        return;
    }
    if (code >= 0) code = LLM_ERR_TRANSPORT;
    /* cut after content: the answer is partial */
    if (code == LLM_ERR_TRANSPORT && call->stream_ && call->content_seen_) {
        llm__sticky_errorf(call, LLM_ERR_TRUNCATED, "the stream was cut after its content began (%s)",
                           message && message[0] ? message : "transport failed");
        llm__scrub_error(&call->err_, call->client_ ? call->client_->desc.api_key : NULL);
        return;
    }
    llm__sticky_errorf(call, code, "%s", message && message[0] ? message : llm_result_description(code));
    call->err_.retryable = code == LLM_ERR_TRANSPORT || code == LLM_ERR_TIMEOUT;
    /* a transport's message may quote a URL or a header */
    llm__scrub_error(&call->err_, call->client_ ? call->client_->desc.api_key : NULL);
}

/* ---- the call, streamed ---- */

static llm_result llm__call_begin_stream_impl(llm_call *call, const llm_client *client, const llm_request *req,
                                              int64_t now_ms, const llm_http_request **http, llm_error *err) {
    llm_result r = llm__call_start(call, client, req, true, now_ms, http, err);
    if (r != LLM_OK) return r;
    call->stream_ = true;
    call->sopt_ = req->stream;
    if (req->stream.max_bytes) call->max_stream_bytes_ = call->in_max_ = req->stream.max_bytes;
    return LLM_OK;
}

LLM_API llm_result llm_call_begin_stream(llm_call *call, const llm_client *client, const llm_request *req,
                                         int64_t now_ms, const llm_http_request **http, llm_error *err) {
    llm_result r = llm__call_begin_stream_impl(call, client, req, now_ms, http, err);
    if (r != LLM_OK && call) llm_call_free(call);
    return r;
}

LLM_API llm_result llm_call_next_event(llm_call *call, llm_event *ev) {
    if (!call || !ev) return LLM_ERR_INVALID_ARGUMENT;
    if (!call->stream_)
        return llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT, "llm_call_next_event on a call that is not streamed");
    if (call->queue_pos_ < call->queue_len_ || llm__call_pump(call) == LLM_OK) {
        if (call->queue_pos_ < call->queue_len_) {
            *ev = call->queue_[call->queue_pos_++];
            if (ev->type != LLM_EVENT_USAGE && ev->type != LLM_EVENT_FINISH && ev->type != LLM_EVENT_ERROR)
                call->tick_seen_ = true;
            return LLM_OK;
        }
    }
    if (call->error_ != LLM_OK) return call->error_;
    return call->done_ ? LLM_DONE : LLM_AGAIN;
}

/* How long the rest of a transfer may take once its stream is whole (the
   end of the chunked body, trailers): then it is dropped, the answer kept. */
#define LLM__CALL_END_GRACE_MS 1000

/* Which stream deadline has passed at now_ms: 1 total, 2 first token,
   3 stall; 0 none. */
static int llm__call_late(const llm_call *call, int64_t now_ms) {
    const llm_stream_options *o = &call->sopt_;
    if (o->total_timeout_ms > 0 && now_ms - call->start_ms_ > o->total_timeout_ms) return 1;
    if (!call->content_seen_ && o->first_token_timeout_ms > 0 && now_ms - call->start_ms_ > o->first_token_timeout_ms)
        return 2;
    if (call->content_seen_ && o->stall_timeout_ms > 0 && now_ms - call->last_event_ms_ > o->stall_timeout_ms) return 3;
    return 0;
}

LLM_API llm_result llm_call_tick(llm_call *call, int64_t now_ms) {
    int late;
    if (!call) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->enough_) return LLM_DONE;
    if (!call->stream_) return LLM_OK;
    if (call->tick_seen_) {
        call->last_event_ms_ = now_ms;
        call->tick_seen_ = false;
    }
    late = llm__call_late(call, now_ms);
    if (call->done_) { /* whole: the deadlines and the grace bound what is left of the transfer */
        if (call->whole_ms_ < 0) call->whole_ms_ = now_ms;
        return late || now_ms - call->whole_ms_ > LLM__CALL_END_GRACE_MS ? llm__call_enough(call) : LLM_OK;
    }
    if (late == 1)
        return llm__sticky_errorf(call, LLM_ERR_TIMEOUT, "the stream did not end before its total deadline (%d ms)",
                                  call->sopt_.total_timeout_ms);
    if (late == 2)
        return llm__sticky_errorf(call, LLM_ERR_TIMEOUT, "no first token before the first-token deadline (%d ms)",
                                  call->sopt_.first_token_timeout_ms);
    if (late == 3)
        return llm__sticky_errorf(call, LLM_ERR_TIMEOUT,
                                  "the stream stalled: no event before the stall deadline (%d ms)",
                                  call->sopt_.stall_timeout_ms);
    return LLM_OK;
}

LLM_API void llm_call_cancel(llm_call *call) {
    if (call) llm__sticky_error(call, LLM_ERR_CANCELLED, "cancelled by the caller");
}

/* A plain JSON answer to a streamed request: decoded whole, then told as
   the events a stream would have carried. */
static llm_result llm__call_json_as_events(llm_call *call) {
    llm_response *answer = &call->json_answer_;
    llm_json_doc doc;
    llm_error perr;
    llm_result r;
    llm_response_free(answer);
    answer->alloc_ = call->alloc_;
    memset(&doc, 0, sizeof doc);
    doc.alloc = call->alloc_;
    r = llm_json_parse(&doc, call->in_ ? call->in_ : "", call->in_len_, &perr);
    if (r == LLM_OK) r = call->wire_->decode(&call->ctx_, llm_json_root(&doc), answer, &perr);
    llm_json_doc_free(&doc); /* the answer stays until llm_call_free: the events point into it */
    if (r != LLM_OK) return llm__sticky_errorf(call, r, "response body: %s", perr.message);
    if (llm__events_from_answer(call, answer) != LLM_OK) return call->error_;
    call->done_ = true;
    return LLM_OK;
}

/* The whole body has arrived: a plain JSON answer becomes its events, and
   an NDJSON stream's last line may lack its newline. */
static void llm__call_end_of_body(llm_call *call) {
    call->body_ended_ = true;
    if (call->state_ == LLM__CALL_RECEIVING && call->error_ == LLM_OK && llm__call_streaming_body(call) &&
        !call->sse_mode_ && !call->ndjson_ && !call->done_)
        llm__call_json_as_events(call);
}

LLM_API void llm_call_end_body(llm_call *call) {
    if (call) llm__call_end_of_body(call);
}

/* Fills err for a non-2xx answer. */
static llm_result llm__call_http_error(llm_call *call, const llm_json *body, llm_error *err) {
    const char *key = call->client_->desc.api_key;
    llm_error e;
    llm__error_clear(&e);
    if (body) {
        llm__http_json_scrub(body, key); /* before any of it is cut to a field's size */
        call->wire_->decode_error(body, &e);
    }
    e.http_status = call->status_; /* the answer's status wins over a code in its body */
    if (!e.message[0]) /* not the provider's JSON: keep the start of the body */
        llm__copy_network_text(e.message, sizeof e.message < 201 ? sizeof e.message : 201, call->in_, call->in_len_,
                               key);
    if (!e.message[0]) {
        llm__fail(&e, LLM_ERR_HTTP, "HTTP status %d with an empty body", call->status_);
        e.http_status = call->status_;
    }
    e.should_retry = call->should_retry_;
    e.retry_after_ms = call->retry_after_ms_;
    /* no retry-after: the limits' reset */
    if (call->retry_date_ms_ < 0 && call->status_ == 429) call->retry_date_ms_ = call->reset_ms_;
    if (e.retry_after_ms < 0 && call->retry_date_ms_ >= 0) {
        int64_t now = call->date_ms_ >= 0 ? call->date_ms_
                      : call->client_->desc.wall_clock_ms
                          ? call->client_->desc.wall_clock_ms(call->client_->desc.clock_user)
                          : -1;
        if (now >= 0) e.retry_after_ms = call->retry_date_ms_ > now ? call->retry_date_ms_ - now : 0;
    }
    e.has_retry_after = e.retry_after_ms >= 0;
    if (!e.has_retry_after) e.retry_after_ms = 0;
    llm__copy_text(e.request_id, sizeof e.request_id, call->request_id_, strlen(call->request_id_));
    llm__scrub_error(&e, key);
    llm__http_classify_with(call->wire_->error_words, &e, false);
    if (err) *err = e;
    return e.code;
}

/* An answer whose usage is MISSING gets the estimator's counts in
   usage_estimate (never in usage), so it can still be budgeted. */
static void llm__call_estimate_usage(const llm_call *call, llm_response *resp) {
    llm_usage *u = &resp->usage_estimate;
    size_t i, k, out = 0;
    memset(u, 0, sizeof *u);
    if (resp->usage.source == LLM_USAGE_REPORTED || !call->model_) return;
    for (i = 0; i < resp->choice_count; i++) {
        const llm_choice *c = &resp->choices[i];
        out += c->content ? llm_tokens_estimate(c->content, c->content_len, call->model_) : 0;
        out += c->reasoning ? llm_tokens_estimate(c->reasoning, strlen(c->reasoning), call->model_) : 0;
        out += c->refusal ? llm_tokens_estimate(c->refusal, strlen(c->refusal), call->model_) : 0;
        for (k = 0; k < c->tool_call_count; k++)
            out += llm_tokens_estimate(c->tool_calls[k].arguments, strlen(c->tool_calls[k].arguments), call->model_);
    }
    u->source = LLM_USAGE_ESTIMATED;
    u->prompt_tokens = (int64_t)call->prompt_estimate_;
    u->completion_tokens = (int64_t)out;
    u->total_tokens = u->prompt_tokens + u->completion_tokens;
}

/* The most tokens a count of the answer's usage can hold: 8 times the
   model's context (max_input_tokens + max_output_tokens, when the price
   table knows either; the factor leaves room for a table that lags a
   model's longer-context options), at most LLM_USAGE_MAX_TOKENS; the
   total, their sum, twice that. */
static int64_t llm__call_usage_bound(const llm_call *call, const llm_response *resp) {
    int64_t bound = LLM_USAGE_MAX_TOKENS;
#ifdef LLM_NO_COSTS
    (void)call;
    (void)resp;
#else
    llm_model_info info;
    const char *model = call->model_ ? call->model_ : resp->model;
    if ((model && llm_model_info_get(call->client_->desc.costs, model, &info, NULL) == LLM_OK) ||
        (resp->model && model != resp->model &&
         llm_model_info_get(call->client_->desc.costs, resp->model, &info, NULL) == LLM_OK)) {
        int64_t context = info.max_input_tokens + info.max_output_tokens;
        if (context > 0 && context < bound / 8) bound = 8 * context;
    }
#endif
    return bound;
}

/* Reported usage above what the request could produce is refused: the
   usage is MISSING, usage_refused says why, and the estimate stands in. */
static void llm__call_bound_usage(const llm_call *call, llm_response *resp) {
    const llm_usage *u = &resp->usage;
    int64_t bound;
    if (u->source != LLM_USAGE_REPORTED) return;
    bound = llm__call_usage_bound(call, resp);
    if (u->prompt_tokens > bound || u->completion_tokens > bound || u->total_tokens > 2 * bound ||
        u->cached_tokens > bound || u->cache_creation_tokens > bound || u->cache_creation_1h_tokens > bound ||
        u->reasoning_tokens > bound || u->audio_prompt_tokens > bound || u->audio_completion_tokens > bound) {
        memset(&resp->usage, 0, sizeof resp->usage);
        resp->usage_refused = true;
    }
}

/* The choices of an answer: at least one, each index below the cap (the
   request's n) and given once. `resp->choices` is in index order. */
static llm_result llm__call_check_choices(const llm_call *call, const llm_response *resp, llm_error *err) {
    size_t i;
    if (!resp->choice_count) return llm__fail(err, LLM_ERR_PARSE, "the answer holds no choice");
    for (i = 0; i < resp->choice_count; i++) {
        int index = resp->choices[i].index;
        if (index < 0 || index >= call->max_choices_)
            return llm__fail(err, LLM_ERR_PARSE, "choice index %d is out of range: the request asked for %d choice%s",
                             index, call->max_choices_, call->max_choices_ == 1 ? "" : "s");
        if (i && resp->choices[i - 1].index == index)
            return llm__fail(err, LLM_ERR_PARSE, "choice index %d is given twice", index);
    }
    return LLM_OK;
}

/* Where the reasoning blocks of the answer were made, on each choice that
   has some: the provider, the base URL's origin and the model sent, so that
   they go back there only. Nothing when no request was sent (a call that
   only decodes). */
static bool llm__call_reasoning_origin(const llm_call *call, llm_response *resp) {
    const char *name = call->client_->provider->name, *provider = NULL, *origin = NULL, *model = NULL;
    char buf[320];
    size_t i;
    bool failed = false;
    if (!call->ctx_.base_url || !call->ctx_.model) return true;
    for (i = 0; i < resp->choice_count; i++) {
        llm_choice *c = (llm_choice *)(uintptr_t)&resp->choices[i];
        if (!c->reasoning_block_count) continue;
        if (!model) {
            provider = name ? llm_response_strndup(resp, name, strlen(name)) : NULL;
            if (!llm__wire_origin(call->ctx_.base_url, buf, sizeof buf)) buf[0] = '\0'; /* matches no target */
            origin = llm_response_strndup(resp, buf, strlen(buf));
            model = llm_response_strndup(resp, call->ctx_.model, strlen(call->ctx_.model));
            failed = !model || (name && !provider) || !origin;
        }
        c->reasoning_provider = provider;
        c->reasoning_origin = origin;
        c->reasoning_model = model;
    }
    return !failed;
}

/* What every response gets from its call, for a whole answer and a stream
   alike: status, latency, request id, the cost a header reported, usage
   checked against its bound (the estimate when it is missing), the prices,
   the raw body; and, when
   `check` (an answer that ended well), its choices checked. */
static llm_result llm__call_complete_response(llm_call *call, int64_t now_ms, llm_response *resp, bool check,
                                              llm_error *err) {
    llm_result r;
    resp->alloc_ = call->alloc_;
    resp->http_status = call->status_;
    resp->latency_ms = now_ms - call->start_ms_;
    resp->attempts = 1;
    if (call->request_id_[0] && !(resp->request_id = llm__arena_strndup(&resp->alloc_, &resp->arena_, call->request_id_,
                                                                        strlen(call->request_id_))))
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (call->has_provider_cost_) { /* x-litellm-response-cost wins over the body's */
        resp->has_provider_cost = true;
        resp->provider_cost_usd = call->provider_cost_;
    }
    if (check && (r = llm__call_check_choices(call, resp, err)) != LLM_OK) return r;
    llm__call_bound_usage(call, resp);
    if (!llm__call_reasoning_origin(call, resp)) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    llm__call_estimate_usage(call, resp);
#ifndef LLM_NO_COSTS
    llm_response_price(call->client_->desc.costs, resp, call->model_, NULL); /* unknown model: no cost */
#endif
    if (call->client_->desc.keep_raw_body && !call->stream_) {
        resp->raw_body = llm__arena_strndup(&resp->alloc_, &resp->arena_, call->in_ ? call->in_ : "", call->in_len_);
        resp->raw_body_len = call->in_len_;
        if (!resp->raw_body) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    }
    return LLM_OK;
}

static llm_result llm__call_decode(llm_call *call, const llm_json *body, int64_t now_ms, llm_response *resp,
                                   llm_error *err) {
    llm_result r;
    resp->alloc_ = call->alloc_;
    r = call->wire_->decode(&call->ctx_, body, resp, err);
    if (r == LLM_OK) r = llm__call_complete_response(call, now_ms, resp, true, err);
    if (r != LLM_OK) llm_response_free(resp);
    return r;
}

/* The end of a streamed 2xx answer: the response, and why it failed if it did. */
static llm_result llm__call_finish_stream(llm_call *call, int64_t now_ms, llm_response *resp, llm_error *err) {
    llm_result r;
    llm__call_end_of_body(call);
    while ((call->sse_mode_ || call->ndjson_) && call->error_ == LLM_OK && !call->done_ &&
           llm__call_pump_ex(call, true) == LLM_OK)
        call->queue_pos_ = call->queue_len_; /* events nobody took still count */
    if (call->error_ == LLM_OK && !call->done_ && !call->complete_)
        llm__sticky_error(call, LLM_ERR_TRUNCATED, "the stream ended before its end marker");
    if (!llm__events_finish(call, resp)) {
        llm_response_free(resp);
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    }
    /* a stream that failed keeps what arrived, whatever it holds; one that
       ended well is a response like any other */
    r = llm__call_complete_response(call, now_ms, resp, call->error_ == LLM_OK && !call->sopt_.no_accumulate, err);
    if (r == LLM_ERR_NO_MEMORY) {
        llm_response_free(resp);
        return r;
    }
    if (r != LLM_OK) llm__sticky_error(call, r, err ? err->message : "invalid answer");
    if (call->error_ != LLM_OK) {
        if (err) *err = call->err_;
        if (err && !err->http_status) err->http_status = call->status_;
        llm__scrub_error(err, call->client_->desc.api_key);
        return call->error_;
    }
    llm__error_clear(err);
    return LLM_OK;
}

/* A failed call's error: the answer's status and request id, no secret. */
static llm_result llm__call_error_tail(const llm_call *call, llm_result r, llm_error *err) {
    if (err && r != LLM_OK) {
        err->http_status = call->status_;
        if (!err->request_id[0])
            llm__copy_text(err->request_id, sizeof err->request_id, call->request_id_, strlen(call->request_id_));
        llm__scrub_error(err, call->client_->desc.api_key);
    }
    return r;
}

/* The whole answer of a call that did not stream, as JSON: LLM_OK with
   *doc parsed from a 2xx body; else the error (a non-2xx status's, read
   from its body; the sticky one). *doc is to be freed either way. */
static llm_result llm__call_answer(llm_call *call, llm_json_doc *doc, llm_error *err) {
    llm_error perr;
    llm_result r;
    memset(doc, 0, sizeof *doc);
    doc->alloc = call->alloc_;
    if (call->error_ != LLM_OK) {
        if (err) *err = call->err_;
        return call->error_;
    }
    call->state_ = LLM__CALL_DONE;
    r = llm_json_parse(doc, call->in_ ? call->in_ : "", call->in_len_, &perr);
    if (r == LLM_ERR_NO_MEMORY) return llm__fail(err, r, "out of memory reading the answer");
    if (call->status_ < 200 || call->status_ > 299)
        return llm__call_http_error(call, r == LLM_OK ? llm_json_root(doc) : NULL, err);
    if (r == LLM_ERR_PARSE) {
        r = call->in_len_ ? LLM_ERR_PARSE : LLM_ERR_TRUNCATED;
        llm__fail(err, r, "response body at offset %z: %s", perr.offset, perr.message);
        if (err) err->offset = perr.offset;
        return r;
    }
    if (r != LLM_OK && err) *err = perr;
    return r;
}

/* Whether finishing now is in order: a call begun as `op` and answered
   (else the sticky error says why). */
static bool llm__call_finishable(llm_call *call, int op) {
    if (call->error_ == LLM_OK && call->state_ != LLM__CALL_RECEIVING)
        llm__sticky_error(call, call->state_ == LLM__CALL_SENT ? LLM_ERR_TRANSPORT : LLM_ERR_INVALID_ARGUMENT,
                          call->state_ == LLM__CALL_SENT ? "no HTTP answer was received"
                                                         : "llm_call_finish without llm_call_begin");
    if (call->state_ != LLM__CALL_IDLE && call->op_ != op)
        llm__sticky_error(call, LLM_ERR_INVALID_ARGUMENT, "a call is finished as the kind it was begun as "
                                                          "(llm_call_finish, _embed, _models, _count_tokens)");
    return call->error_ != LLM_ERR_INVALID_ARGUMENT;
}

LLM_API llm_result llm_call_finish(llm_call *call, int64_t now_ms, llm_response *resp, llm_error *err) {
    llm_json_doc doc;
    llm_result r;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!call || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_finish: NULL call or response");
    if (llm__call_finishable(call, LLM__CALL_CHAT) && call->state_ == LLM__CALL_RECEIVING &&
        llm__call_streaming_body(call)) {
        r = llm__call_finish_stream(call, now_ms, resp, err); /* a stream keeps what arrived, also with an error */
        call->state_ = LLM__CALL_DONE;
        return r;
    }
    r = llm__call_answer(call, &doc, err);
    if (r == LLM_OK) r = llm__call_decode(call, llm_json_root(&doc), now_ms, resp, err);
    if (r != LLM_OK && call->error_ != LLM_OK && err) *err = call->err_; /* no tail: the sticky error is whole */
    else llm__call_error_tail(call, r, err);
    llm_json_doc_free(&doc);
    return r;
}

LLM_API void llm_call_free(llm_call *call) {
    if (!call) return;
    llm__events_free(call);
    llm_response_free(&call->json_answer_);
    llm_sse_free(&call->sse_);
    llm_json_doc_free(&call->chunk_);
    llm_json_doc_free(&call->check_);
    llm__free(&call->alloc_, call->queue_, call->queue_cap_ * sizeof(llm_event));
    llm__free(&call->alloc_, call->last_text_, call->last_text_cap_);
    llm_json_writer_free(&call->body_);
    llm__free(&call->alloc_, call->in_, call->in_cap_);
    llm__free(&call->alloc_, call->nd_, call->nd_cap_);
    if (call->auth_value_) llm__wipe((void *)(uintptr_t)call->auth_value_, strlen(call->auth_value_));
    llm__arena_free(&call->alloc_, &call->arena_);
    memset(call, 0, sizeof *call);
}

/* Choices an answer may hold when no request says how many (decoding
   recorded bytes: llm_decode_recorded, `llm replay`). */
#define LLM__CALL_MAX_RECORDED_CHOICES 128

LLM_API llm_result llm_call_begin_decode(llm_call *call, const llm_client *client, bool stream,
                                         const llm_stream_options *options, llm_error *err) {
    if (!call || !client || !client->provider)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_begin_decode: NULL call or client");
    llm__call_init(call, client, 0);
    { /* recorded bytes: the client's choice of API alone (no model) */
        const char *none;
        call->wire_ = llm__providers_wire_for(client, LLM_OPENAI_API_AUTO, "", &none);
    }
    if (!llm__call_wire_state(call)) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    call->state_ = LLM__CALL_SENT;
    call->stream_ = stream;
    if (options) call->sopt_ = *options;
    if (options && options->max_bytes) call->max_stream_bytes_ = call->in_max_ = options->max_bytes;
    call->model_ = "";
    call->max_choices_ = LLM__CALL_MAX_RECORDED_CHOICES;
    llm__error_clear(err);
    return LLM_OK;
}

/* ---- the calls beyond chat ---- */

/* The wire format's op for a call beyond chat, or UNSUPPORTED naming the
   provider: `op` is the slot (NULL when the format has none). */
static llm_result llm__call_op_ok(const llm_call *call, const void *op, const char *what, llm_error *err) {
    const llm_provider *p = call->client_->provider;
    if (op) return LLM_OK;
    return llm__fail(err, LLM_ERR_UNSUPPORTED, "provider \"%s\" (%s) has no %s call here", p->name, p->wire->name,
                     what);
}

/* The begin of a call beyond chat, its body and URL written: a failure
   leaves nothing to free. */
static llm_result llm__call_begun(llm_call *call, int op, const llm__call_extras *x, const char *method, llm_result r,
                                  const llm_http_request **http, llm_error *err) {
    if (r == LLM_OK) {
        call->op_ = op;
        r = llm__call_close(call, x, method, false, http, err);
    }
    if (r != LLM_OK && call) llm_call_free(call);
    return r;
}

LLM_API llm_result llm_call_begin_embed(llm_call *call, const llm_client *client, const llm_embed_request *req,
                                        int64_t now_ms, const llm_http_request **http, llm_error *err) {
    const llm_wire_embed *op = NULL;
    llm__call_extras x;
    size_t size;
    char *url;
    llm_result r;
    memset(&x, 0, sizeof x);
    if (req) x = llm__call_extras_of_options(&req->call);
    r = llm__call_open(call, client, req != NULL, &x, req ? req->model : NULL, false, now_ms, http,
                       "llm_call_begin_embed", err);
    if (r == LLM_OK) r = llm__call_op_ok(call, op = client->provider->wire->embed, "embeddings", err);
    if (r == LLM_OK) r = llm__wire_check_embed_request(req, err);
    if (r == LLM_OK) r = op->encode(&call->ctx_, req, &call->body_, err);
    if (r == LLM_OK && !(url = llm__call_url_buffer(call, 0, &size)))
        r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (r == LLM_OK) {
        call->http_.url = url;
        r = op->url(&call->ctx_, req, url, size, err);
    }
    if (r == LLM_OK) {
        call->expected_items_ = req->input_count;
        /* the inputs' tokens by the estimator, for an answer without usage */
        for (size = 0; size < req->input_count; size++)
            call->prompt_estimate_ += llm_tokens_estimate(req->inputs[size], strlen(req->inputs[size]), req->model);
    }
    return llm__call_begun(call, LLM__CALL_EMBED, &x, "POST", r, http, err);
}

LLM_API llm_result llm_call_begin_models(llm_call *call, const llm_client *client, const llm_models_request *req,
                                         int64_t now_ms, const llm_http_request **http, llm_error *err) {
    llm_models_request first_page;
    const llm_wire_models *op = NULL;
    llm__call_extras x;
    size_t size;
    char *url;
    llm_result r;
    memset(&first_page, 0, sizeof first_page);
    if (!req) req = &first_page;
    x = llm__call_extras_of_options(&req->call);
    r = llm__call_open(call, client, true, &x, NULL, false, now_ms, http, "llm_call_begin_models", err);
    if (r == LLM_OK) r = llm__call_op_ok(call, op = client->provider->wire->models, "model list", err);
    if (r == LLM_OK && (req->page.limit < 0 || (req->page.after && !llm__visible_ascii(req->page.after))))
        r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "models: a page limit below 0, or a cursor that is not visible "
                                                     "ASCII");
    if (r == LLM_OK && !(url = llm__call_url_buffer(call, req->page.after ? 3 * strlen(req->page.after) : 0, &size)))
        r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (r == LLM_OK) {
        call->http_.url = url;
        r = op->url(&call->ctx_, req, url, size, err);
    }
    return llm__call_begun(call, LLM__CALL_MODELS, &x, "GET", r, http, err);
}

LLM_API llm_result llm_call_begin_count_tokens(llm_call *call, const llm_client *client, const llm_request *req,
                                               int64_t now_ms, const llm_http_request **http, llm_error *err) {
    const llm_wire_count *op = NULL;
    llm__call_extras x;
    size_t size;
    char *url;
    llm_result r;
    memset(&x, 0, sizeof x);
    if (req) x = llm__call_extras_of(req);
    r = llm__call_open(call, client, req != NULL, &x, req ? req->model : NULL, false, now_ms, http,
                       "llm_call_begin_count_tokens", err);
    if (r == LLM_OK)
        r = llm__call_op_ok(call, op = llm__providers_count_wire(client)->count_tokens, "token count", err);
    if (r == LLM_OK) r = llm__wire_check_request(req, &call->alloc_, err);
    if (r == LLM_OK) r = op->encode(&call->ctx_, req, &call->body_, err);
    if (r == LLM_OK && !(url = llm__call_url_buffer(call, 0, &size)))
        r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    if (r == LLM_OK) {
        call->http_.url = url;
        r = op->url(&call->ctx_, req, url, size, err);
    }
    return llm__call_begun(call, LLM__CALL_COUNT, &x, "POST", r, http, err);
}

/* What every finished call beyond chat tells of its exchange. */
static bool llm__call_exchange_info(const llm_call *call, int64_t now_ms, const llm_allocator *a, void **arena,
                                    const char **request_id, int *http_status, int64_t *latency_ms, int *attempts) {
    *http_status = call->status_;
    *latency_ms = now_ms - call->start_ms_;
    *attempts = 1;
    if (!call->request_id_[0]) return true;
    return (*request_id = llm__arena_strndup(a, arena, call->request_id_, strlen(call->request_id_))) != NULL;
}

/* An embeddings answer read: a vector per input, its usage bounded and
   priced. */
static llm_result llm__call_embed_answer(llm_call *call, const llm_json *body, int64_t now_ms,
                                         llm_embed_response *resp, llm_error *err) {
    llm_result r;
    resp->alloc_ = call->alloc_;
    if ((r = call->client_->provider->wire->embed->decode(&call->ctx_, body, resp, err)) != LLM_OK) return r;
    if (resp->count != call->expected_items_)
        return llm__fail(err, LLM_ERR_PARSE, "embeddings: the server answered %z vectors for %z inputs", resp->count,
                         call->expected_items_);
    if (resp->usage.source == LLM_USAGE_REPORTED &&
        (resp->usage.prompt_tokens < 0 || resp->usage.prompt_tokens > LLM_USAGE_MAX_TOKENS)) {
        memset(&resp->usage, 0, sizeof resp->usage); /* cannot be this request's: unknown, never 0 */
    }
    if (!llm__call_exchange_info(call, now_ms, &resp->alloc_, &resp->arena_, &resp->request_id, &resp->http_status,
                                 &resp->latency_ms, &resp->attempts))
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    resp->has_provider_cost = call->has_provider_cost_;
    resp->provider_cost_usd = call->provider_cost_;
#ifndef LLM_NO_COSTS
    if (resp->usage.source == LLM_USAGE_REPORTED) {
        llm_cost_info info;
        resp->has_cost = llm_cost(call->client_->desc.costs, call->model_, &resp->usage, &info, NULL) == LLM_OK;
        resp->cost_usd = resp->has_cost ? info.usd : 0;
    }
#endif
    return LLM_OK;
}

LLM_API llm_result llm_call_finish_embed(llm_call *call, int64_t now_ms, llm_embed_response *resp, llm_error *err) {
    llm_json_doc doc;
    llm_result r;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!call || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_finish_embed: NULL call or response");
    llm__call_finishable(call, LLM__CALL_EMBED);
    r = llm__call_answer(call, &doc, err);
    if (r == LLM_OK && (r = llm__call_embed_answer(call, llm_json_root(&doc), now_ms, resp, err)) != LLM_OK)
        llm_embed_response_free(resp);
    llm__call_error_tail(call, r, err);
    llm_json_doc_free(&doc);
    return r;
}

/* A model list read, each model's price-table entry beside it. */
static llm_result llm__call_models_answer(llm_call *call, const llm_json *body, int64_t now_ms, llm_model_list *list,
                                          llm_error *err) {
    llm_result r;
    list->alloc_ = call->alloc_;
    if ((r = call->client_->provider->wire->models->decode(&call->ctx_, body, list, err)) != LLM_OK) return r;
#ifndef LLM_NO_COSTS
    {
        size_t i;
        for (i = 0; i < list->count; i++) {
            llm_remote_model *m = (llm_remote_model *)(uintptr_t)&list->models[i];
            m->known = m->id && llm_model_info_get(call->client_->desc.costs, m->id, &m->info, NULL) == LLM_OK;
        }
    }
#endif
    if (!llm__call_exchange_info(call, now_ms, &list->alloc_, &list->arena_, &list->request_id, &list->http_status,
                                 &list->latency_ms, &list->attempts))
        return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return LLM_OK;
}

LLM_API llm_result llm_call_finish_models(llm_call *call, int64_t now_ms, llm_model_list *list, llm_error *err) {
    llm_json_doc doc;
    llm_result r;
    if (list) memset(list, 0, sizeof *list);
    if (!call || !list) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_finish_models: NULL call or list");
    llm__call_finishable(call, LLM__CALL_MODELS);
    r = llm__call_answer(call, &doc, err);
    if (r == LLM_OK && (r = llm__call_models_answer(call, llm_json_root(&doc), now_ms, list, err)) != LLM_OK)
        llm_model_list_free(list);
    llm__call_error_tail(call, r, err);
    llm_json_doc_free(&doc);
    return r;
}

LLM_API llm_result llm_call_finish_count_tokens(llm_call *call, int64_t now_ms, llm_token_count *out, llm_error *err) {
    llm_json_doc doc;
    llm_result r;
    if (out) memset(out, 0, sizeof *out);
    if (!call || !out)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_finish_count_tokens: NULL call or out");
    llm__call_finishable(call, LLM__CALL_COUNT);
    r = llm__call_answer(call, &doc, err);
    if (r == LLM_OK)
        r = llm__providers_count_wire(call->client_)->count_tokens->decode(&call->ctx_, llm_json_root(&doc),
                                                                            &out->input_tokens, err);
    if (r == LLM_OK && (out->input_tokens < 0 || out->input_tokens > LLM_USAGE_MAX_TOKENS))
        r = llm__fail(err, LLM_ERR_PARSE, "token count: the server's count is below 0 or above LLM_USAGE_MAX_TOKENS");
    if (r == LLM_OK) {
        out->http_status = call->status_;
        out->latency_ms = now_ms - call->start_ms_;
        out->attempts = 1;
        llm__copy_text(out->request_id, sizeof out->request_id, call->request_id_, strlen(call->request_id_));
    } else {
        out->input_tokens = 0;
    }
    llm__call_error_tail(call, r, err);
    llm_json_doc_free(&doc);
    return r;
}

/* ------------------------------------------------------------------------ */
// >>retry: when a failed attempt is sent again, and after how long: the client's and the router's one policy
/* ------------------------------------------------------------------------ */

/* The defaults of both (llm_client_desc, llm_router_desc): as the official
   SDKs, 2 retries, a backoff from 0.5 s doubling to 8 s, and a server's
   Retry-After waited for up to 60 s. */
#define LLM__RETRY_DEFAULT_RETRIES 2
#define LLM__RETRY_BACKOFF_BASE_MS 500
#define LLM__RETRY_BACKOFF_CAP_MS 8000
#define LLM__RETRY_MAX_AFTER_MS 60000

/* Whether a failure may be sent again: a transport failure or a timeout,
   408, 409, 429 and 5xx; never a context window, a content policy or a
   payment refusal; the server's x-should-retry decides when it says. Never
   an error of the call itself (arguments, memory, limits: -1 ... -99) or a
   cancel, whatever the status. */
static bool llm__retry_should(llm_result code, const llm_error *e) {
    int status = e ? e->http_status : 0;
    if ((code < 0 && code > LLM_ERR_TRANSPORT) || code == LLM_ERR_CANCELLED) return false;
    bool yes = code == LLM_ERR_TRANSPORT || code == LLM_ERR_TIMEOUT || code == LLM_ERR_RATE_LIMITED ||
               code == LLM_ERR_SERVER || code == LLM_ERR_UNAVAILABLE || status == 408 || status == 409 ||
               status == 429 || (status >= 500 && status <= 599);
    if (code == LLM_ERR_CONTEXT_WINDOW_EXCEEDED || code == LLM_ERR_CONTENT_POLICY || code == LLM_ERR_PAYMENT_REQUIRED)
        yes = false;
    if (e && e->should_retry != LLM_UNSET) yes = e->should_retry == LLM_TRUE;
    return yes;
}

/* Anthropic's 400 for a thinking block whose signature the endpoint did not
   mint ("messages.1.content.0: Invalid `signature` in `thinking` block", an
   invalid_request_error; a proxy may pass it on without the backticks):
   the one failure sent again differently, without the request's reasoning
   blocks, once (never when they were already dropped). */
static bool llm__retry_without_reasoning(const llm_error *e, bool dropped) {
    size_t n = e ? strlen(e->message) : 0;
    return !dropped && e && e->http_status == 400 &&
           (llm__contains_ci_n(e->message, n, "invalid `signature` in `thinking` block") ||
            llm__contains_ci_n(e->message, n, "invalid signature in thinking block"));
}

/* An event that puts content in the caller's hands: a stream that has
   delivered one is never sent again (the caller would see it twice). */
static bool llm__retry_content_event(llm_event_type type) {
    return type == LLM_EVENT_TEXT || type == LLM_EVENT_REASONING || type == LLM_EVENT_REFUSAL ||
           type == LLM_EVENT_TOOL_CALL_START || type == LLM_EVENT_TOOL_CALL_DELTA;
}

/* The wait before retry number done + 1 when the server names none: base
   doubled per retry already made, at most cap, with full jitter (a draw in
   0 ... that from `random`), so that clients failing together do not retry
   together. */
static int64_t llm__retry_backoff(int done, int64_t base, int64_t cap, uint64_t random) {
    int64_t x = base;
    int k;
    for (k = 0; k < done && x < cap; k++) x *= 2;
    if (x > cap) x = cap;
    return (int64_t)(random % (uint64_t)(x + 1));
}

/* ------------------------------------------------------------------------ */
// >>client: the client and its blocking drivers: llm_complete, llm_stream, recorded answers, usage
/* ------------------------------------------------------------------------ */

/* The strings of the desc a header or URL is made of: no control bytes. */
static llm_result llm__client_check_strings(const llm_client_desc *d, llm_error *err) {
    if (llm__has_control(d->api_key, false))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: api_key holds a control byte");
    if (llm__has_control(d->bearer_token, false))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: bearer_token holds a control byte");
    if (d->base_url && !llm__http_url_ok(d->base_url))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "llm_client_init: base_url must be an http:// or https:// URL with a host, without spaces or "
                         "control bytes");
    if (d->api_version && d->api_version[0] && !llm__visible_ascii(d->api_version))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: api_version must be visible ASCII");
    if (llm__has_control(d->app_url, false) || llm__has_control(d->app_title, true))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: app_url or app_title holds a control byte");
    return llm__http_check_headers(d->headers, d->header_count, "llm_client_init: headers", err);
}

LLM_API llm_client_desc llm_client_desc_defaults(const llm_client_desc *in) {
    llm_client_desc d;
    const llm_provider *p;
    if (in) d = *in;
    else memset(&d, 0, sizeof d);
    if (!d.provider && !d.custom_provider) d.provider = "openai";
    p = d.custom_provider ? d.custom_provider : llm_provider_find(d.provider);
    if (!d.base_url && p) d.base_url = p->default_base_url;
    if (!d.timeout_ms) d.timeout_ms = 600000;
    if (!d.max_response_bytes) d.max_response_bytes = LLM_MAX_RESPONSE_BYTES;
    if (!d.has_num_retries) {
        d.has_num_retries = true;
        d.num_retries = LLM__RETRY_DEFAULT_RETRIES;
    }
    if (d.num_retries < 0) d.num_retries = 0;
#if LLM__HAS_DEFAULT_CLOCK
    if (!d.clock_ms) d.clock_ms = llm__default_clock;
    if (!d.sleep_ms) d.sleep_ms = llm__default_sleep;
#endif
    return d;
}

LLM_API llm_result llm_client_init(llm_client *client, const llm_client_desc *desc, llm_error *err) {
    const llm_provider *p;
    llm_result r;
    if (!client || !desc) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: NULL client or desc");
    memset(client, 0, sizeof *client);
    p = desc->custom_provider ? desc->custom_provider : llm_provider_find(desc->provider ? desc->provider : "openai");
    if (!p) return llm__fail(err, LLM_ERR_UNSUPPORTED, "llm_client_init: unknown provider \"%s\"", desc->provider);
    if (!p->wire || !p->wire->url || !p->wire->decode || !p->wire->decode_event || !p->wire->decode_error)
        return llm__fail(
            err, LLM_ERR_INVALID_ARGUMENT,
            "llm_client_init: provider \"%s\": its wire format lacks url, decode, decode_event or decode_error",
            p->name ? p->name : "?");
    if ((r = llm__client_check_strings(desc, err)) != LLM_OK) return r;
    if (!desc->base_url && !p->default_base_url)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "llm_client_init: provider \"%s\" has no default base URL: give base_url (%s)", p->name,
                         p->base_env[1] ? p->base_env[1] : "its endpoint");
    if (desc->alloc.alloc && (!desc->alloc.realloc || !desc->alloc.free))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: an allocator needs alloc, realloc and free");
    client->desc = llm_client_desc_defaults(desc);
    client->provider = p;
    client->quirks = (p->quirks | desc->quirks_on) & ~desc->quirks_off;
    /* seed 0: the system's entropy, so that no two processes send the same
       request ids or idempotency keys */
    client->seed_ = llm__seed(desc->seed, client) ^ 0x6A09E667F3BCC909ull;
    llm__error_clear(err);
    return LLM_OK;
}

/* The blocking drivers' clock: the desc's, the platform's by default
   (llm_client_desc_defaults); without one, 0 and no stream deadlines. */
static int64_t llm__client_now(const llm_client *c) {
    return c->desc.clock_ms ? c->desc.clock_ms(c->desc.clock_user) : 0;
}

/* Whether a plain call whose attempt number done + 1 failed (code, *e) is sent
   again, and after how long (*delay): retries left, the one policy
   (llm__retry_*), and a way to wait. A Retry-After beyond what a retry
   waits ends the call, *e saying so. */
static bool llm__client_retry(const llm_client *c, int done, llm_result code, llm_error *e, int64_t *delay) {
    int64_t ra = llm__retry_after(e);
    size_t n;
    if (done >= c->desc.num_retries || !llm__retry_should(code, e)) return false;
    if (ra > LLM__RETRY_MAX_AFTER_MS) {
        n = strlen(e->message);
        llm__append_str(e->message, sizeof e->message, &n, " (not retried: the server asks to wait ");
        llm__append_u64(e->message, sizeof e->message, &n, (uint64_t)ra);
        llm__append_str(e->message, sizeof e->message, &n, " ms, more than the 60000 a retry waits)");
        return false;
    }
    *delay = ra >= 0 ? ra
                     : llm__retry_backoff(done, LLM__RETRY_BACKOFF_BASE_MS, LLM__RETRY_BACKOFF_CAP_MS,
                                          c->desc.random ? c->desc.random(c->desc.random_user)
                                                         : llm__mix64(c->seed_ ^ llm__id_entropy() ^ (uint64_t)done));
    return *delay == 0 || c->desc.sleep_ms != NULL;
}

/* Says the retry (at LLM_LOG_INFO) and waits for it. */
static void llm__client_wait(const llm_client *c, int done, const llm_error *e, int64_t delay) {
    char line[LLM_ERROR_MESSAGE_SIZE + 64];
    size_t n = 0;
    llm__append_str(line, sizeof line, &n, "retry ");
    llm__append_u64(line, sizeof line, &n, (uint64_t)done + 1);
    llm__append_str(line, sizeof line, &n, " in ");
    llm__append_u64(line, sizeof line, &n, (uint64_t)delay);
    llm__append_str(line, sizeof line, &n, " ms because: ");
    llm__append_str(line, sizeof line, &n, e->message);
    llm__log(c, LLM_LOG_INFO, line);
    if (delay > 0) c->desc.sleep_ms(c->desc.clock_user, delay);
}

/* The attempt after Anthropic refused a thinking block's signature: the
   same request without its reasoning blocks, sent at once; the log says so. */
static const llm_request *llm__client_without_reasoning(const llm_client *c, int done, const llm_error *e,
                                                        const llm_request *req, llm_request *bare) {
    char line[LLM_ERROR_MESSAGE_SIZE + 96];
    size_t n = 0;
    *bare = *req;
    bare->no_reasoning_blocks = true;
    llm__append_str(line, sizeof line, &n, "retry ");
    llm__append_u64(line, sizeof line, &n, (uint64_t)done + 1);
    llm__append_str(line, sizeof line, &n, " now, the thinking blocks dropped after an invalid signature: ");
    llm__append_str(line, sizeof line, &n, e->message);
    llm__log(c, LLM_LOG_WARN, line);
    return bare;
}

/* The request of every attempt of one plain call: the caller's, with one
   Idempotency-Key for all of them (the caller's, or made here). */
static const llm_request *llm__client_request(const llm_client *c, const llm_request *req, llm_request *copy,
                                              char key[LLM__CALL_ID_SIZE]) {
    if (!req || req->idempotency_key) return req;
    *copy = *req;
    llm__call_random_id(c, llm__mix64((uint64_t)(uintptr_t)req) ^ (uint64_t)(uintptr_t)key, "idem-", key);
    copy->idempotency_key = key;
    return copy;
}

/* What a call that retried tells: every attempt, and the time from the
   first one's start (backoff included). */
static void llm__client_account(const llm_client *c, llm_response *resp, int attempts, int64_t start) {
    resp->attempts = attempts;
    if (c->desc.clock_ms) resp->latency_ms = llm__client_now(c) - start;
}

/* One attempt of llm_complete. The blocking drivers use the public call
   functions only: what they do, a transport of your own can do (the curl
   adapter does). */
static llm_result llm__client_complete_once(const llm_client *client, const llm_request *req, llm_response *resp,
                                            llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_http_sink sink;
    llm_error terr;
    llm_result r;
    if ((r = llm_call_begin(&call, client, req, llm__client_now(client), &http, err)) != LLM_OK) return r;
    sink = llm_call_sink(&call);
    llm__error_clear(&terr);
    if ((r = client->desc.transport.send(client->desc.transport.user, http, &sink, &terr)) != LLM_OK)
        llm_call_fail(&call, r, terr.message);
    r = llm_call_finish(&call, llm__client_now(client), resp, err);
    llm_call_free(&call);
    return r;
}


/* ---- the blocking stream driver ---- */

typedef struct llm__client_stream {
    llm_call *call;
    const llm_client *client;
    llm_event_fn fn;
    void *user;
    bool delivered;              /* content reached the caller: the stream is never sent again */
} llm__client_stream;

/* Hands every event taken so far to the caller's callback, then tells the
   call the time. */
static llm_result llm__client_stream_deliver(llm__client_stream *s) {
    llm_event ev;
    llm_result r;
    while ((r = llm_call_next_event(s->call, &ev)) == LLM_OK) {
        if (llm__retry_content_event(ev.type)) s->delivered = true;
        if (s->fn && s->fn(s->user, &ev) != 0) {
            llm_call_cancel(s->call);
            return LLM_ERR_CANCELLED;
        }
    }
    if (r != LLM_AGAIN && r != LLM_DONE) return r;
    return s->client->desc.clock_ms ? llm_call_tick(s->call, llm__client_now(s->client)) : LLM_OK;
}

static llm_result llm__client_stream_sink_status(void *ctx, int status) {
    return llm_call_feed_status(((llm__client_stream *)ctx)->call, status);
}
static llm_result llm__client_stream_sink_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    return llm_call_feed_header(((llm__client_stream *)ctx)->call, n, nl, v, vl);
}

/* The events are taken before this returns: the bytes are borrowed, and
   what the parser still holds of them is kept before they go. */
static llm_result llm__client_stream_sink_body(void *ctx, const char *d, size_t n) {
    llm__client_stream *s = (llm__client_stream *)ctx;
    llm_result r = llm_call_feed_body_borrowed(s->call, d, n), kept;
    if (r == LLM_OK) r = llm__client_stream_deliver(s);
    kept = llm_call_keep_body(s->call);
    return r != LLM_OK ? r : kept;
}

static llm_result llm__client_stream_sink_tick(void *ctx) {
    return llm__client_stream_deliver((llm__client_stream *)ctx);
}

/* One attempt of llm_stream. */
static llm_result llm__client_stream_once(llm__client_stream *s, const llm_request *req, llm_response *resp,
                                          llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_http_sink sink;
    llm_error terr;
    llm_result r = llm_call_begin_stream(&call, s->client, req, llm__client_now(s->client), &http, err);
    if (r != LLM_OK) return r;
    s->call = &call;
    s->delivered = false;
    sink.status = llm__client_stream_sink_status;
    sink.header = llm__client_stream_sink_header;
    sink.body = llm__client_stream_sink_body;
    sink.tick = llm__client_stream_sink_tick;
    sink.ctx = s;
    llm__error_clear(&terr);
    r = s->client->desc.transport.send(s->client->desc.transport.user, http, &sink, &terr);
    if (r != LLM_OK) { /* the transport failed: keep what arrived, say why */
        llm_call_fail(&call, r, terr.message);
    } else {
        llm_call_end_body(&call);
        llm__client_stream_deliver(s);
    }
    r = llm_call_finish(&call, llm__client_now(s->client), resp, err);
    llm_call_free(&call);
    s->call = NULL;
    return r;
}

/* The retry loop of both blocking drivers: an attempt at a time until one
   succeeds or is not to be sent again (llm__client_retry), all with one
   Idempotency-Key; after a refused thinking signature, once, the request
   without its reasoning blocks. `s`: llm_stream's state (a stream that has
   delivered content is never sent again); NULL: llm_complete. */
static llm_result llm__client_drive(const llm_client *client, const llm_request *req, llm__client_stream *s,
                                    llm_response *resp, llm_error *err) {
    llm_request copy, bare;
    char key[LLM__CALL_ID_SIZE];
    llm_error e;
    int64_t start, delay = 0;
    int done;
    llm_result r;
    llm__error_clear(&e);
    req = llm__client_request(client, req, &copy, key);
    start = llm__client_now(client);
    for (done = 0;; done++) {
        r = s ? llm__client_stream_once(s, req, resp, &e) : llm__client_complete_once(client, req, resp, &e);
        if (r == LLM_OK || (s && s->delivered)) break;
        if (req && done < client->desc.num_retries && llm__retry_without_reasoning(&e, req->no_reasoning_blocks)) {
            llm_response_free(resp);
            req = llm__client_without_reasoning(client, done, &e, req, &bare);
            continue;
        }
        if (!llm__client_retry(client, done, r, &e, &delay)) break;
        llm_response_free(resp);
        llm__client_wait(client, done, &e, delay);
    }
    if (r == LLM_OK || resp->arena_) llm__client_account(client, resp, done + 1, start);
    if (r != LLM_OK) llm__log(client, LLM_LOG_WARN, e.message);
    if (err) *err = e;
    return r;
}

LLM_API llm_result llm_complete(const llm_client *client, const llm_request *req, llm_response *resp, llm_error *err) {
    if (resp) memset(resp, 0, sizeof *resp);
    if (!client || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_complete: NULL client or response");
    if (!client->desc.transport.send)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_complete: the client has no transport");
    return llm__client_drive(client, req, NULL, resp, err);
}

LLM_API llm_result llm_stream(const llm_client *client, const llm_request *req, llm_event_fn on_event, void *user,
                              llm_response *resp, llm_error *err) {
    llm__client_stream s;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!client || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_stream: NULL client or response");
    if (!client->desc.transport.send)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_stream: the client has no transport");
    memset(&s, 0, sizeof s);
    s.client = client;
    s.fn = on_event;
    s.user = user;
    return llm__client_drive(client, req, &s, resp, err);
}

/* ---- the blocking calls beyond chat ---- */

/* One call beyond chat for the retry loop below: its kind, its request and
   where its answer goes. */
typedef enum { LLM__CLIENT_EMBED, LLM__CLIENT_MODELS, LLM__CLIENT_COUNT } llm__client_kind;

typedef struct llm__client_op {
    llm__client_kind kind;
    const llm_embed_request *embed;
    const llm_models_request *models;
    const llm_request *count;
    llm_embed_response *vectors;
    llm_model_list *list;
    llm_token_count *tokens;
} llm__client_op;

static llm_result llm__client_op_begin(const llm_client *c, const llm__client_op *op, llm_call *call,
                                       const llm_http_request **http, llm_error *err) {
    int64_t now = llm__client_now(c);
    switch (op->kind) {
    case LLM__CLIENT_EMBED: return llm_call_begin_embed(call, c, op->embed, now, http, err);
    case LLM__CLIENT_MODELS: return llm_call_begin_models(call, c, op->models, now, http, err);
    default: return llm_call_begin_count_tokens(call, c, op->count, now, http, err);
    }
}

static llm_result llm__client_op_finish(const llm_client *c, const llm__client_op *op, llm_call *call,
                                        llm_error *err) {
    int64_t now = llm__client_now(c);
    switch (op->kind) {
    case LLM__CLIENT_EMBED: return llm_call_finish_embed(call, now, op->vectors, err);
    case LLM__CLIENT_MODELS: return llm_call_finish_models(call, now, op->list, err);
    default: return llm_call_finish_count_tokens(call, now, op->tokens, err);
    }
}

/* The answer of a failed attempt, before the next one. */
static void llm__client_op_free(const llm__client_op *op) {
    if (op->kind == LLM__CLIENT_EMBED) llm_embed_response_free(op->vectors);
    if (op->kind == LLM__CLIENT_MODELS) llm_model_list_free(op->list);
}

/* What the answer tells of every attempt: how many, and the time from the
   first one's start (backoff included). */
static void llm__client_op_account(const llm_client *c, const llm__client_op *op, int attempts, int64_t start) {
    int64_t latency = llm__client_now(c) - start;
    bool clock = c->desc.clock_ms != NULL;
    if (op->kind == LLM__CLIENT_EMBED) {
        op->vectors->attempts = attempts;
        if (clock) op->vectors->latency_ms = latency;
    } else if (op->kind == LLM__CLIENT_MODELS) {
        op->list->attempts = attempts;
        if (clock) op->list->latency_ms = latency;
    } else {
        op->tokens->attempts = attempts;
        if (clock) op->tokens->latency_ms = latency;
    }
}

/* One attempt through the transport (as llm__client_complete_once). */
static llm_result llm__client_op_once(const llm_client *c, const llm__client_op *op, llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_http_sink sink;
    llm_error terr;
    llm_result r;
    if ((r = llm__client_op_begin(c, op, &call, &http, err)) != LLM_OK) return r;
    sink = llm_call_sink(&call);
    llm__error_clear(&terr);
    if ((r = c->desc.transport.send(c->desc.transport.user, http, &sink, &terr)) != LLM_OK)
        llm_call_fail(&call, r, terr.message);
    r = llm__client_op_finish(c, op, &call, err);
    llm_call_free(&call);
    return r;
}

/* The retry loop of the blocking calls beyond chat: the client's one policy
   (llm__client_retry), as llm_complete's. */
static llm_result llm__client_op_drive(const llm_client *c, const char *who, const llm__client_op *op,
                                       llm_error *err) {
    llm_error e;
    int64_t start, delay = 0;
    int done;
    llm_result r;
    if (!c) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: NULL client", who);
    if (!c->desc.transport.send)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "%s: the client has no transport", who);
    llm__error_clear(&e);
    start = llm__client_now(c);
    for (done = 0;; done++) {
        if ((r = llm__client_op_once(c, op, &e)) == LLM_OK) break;
        if (!llm__client_retry(c, done, r, &e, &delay)) break;
        llm__client_op_free(op);
        llm__client_wait(c, done, &e, delay);
    }
    if (r == LLM_OK) llm__client_op_account(c, op, done + 1, start);
    else llm__log(c, LLM_LOG_WARN, e.message);
    if (err) *err = e;
    return r;
}

LLM_API llm_result llm_embed(const llm_client *client, const llm_embed_request *req, llm_embed_response *resp,
                             llm_error *err) {
    llm__client_op op;
    llm_embed_request copy;
    char key[LLM__CALL_ID_SIZE];
    if (resp) memset(resp, 0, sizeof *resp);
    if (!resp || !req) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_embed: NULL request or response");
    memset(&op, 0, sizeof op);
    op.kind = LLM__CLIENT_EMBED;
    op.embed = req;
    op.vectors = resp;
    if (client && !req->call.idempotency_key) { /* one key for every attempt */
        copy = *req;
        llm__call_random_id(client, llm__mix64((uint64_t)(uintptr_t)req) ^ (uint64_t)(uintptr_t)key, "idem-", key);
        copy.call.idempotency_key = key;
        op.embed = &copy;
    }
    return llm__client_op_drive(client, "llm_embed", &op, err);
}

LLM_API llm_result llm_list_models(const llm_client *client, const llm_models_request *req, llm_model_list *list,
                                   llm_error *err) {
    llm__client_op op;
    if (list) memset(list, 0, sizeof *list);
    if (!list) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_list_models: NULL list");
    memset(&op, 0, sizeof op);
    op.kind = LLM__CLIENT_MODELS;
    op.models = req;
    op.list = list;
    return llm__client_op_drive(client, "llm_list_models", &op, err);
}

LLM_API llm_result llm_count_tokens_remote(const llm_client *client, const llm_request *req, llm_token_count *out,
                                           llm_error *err) {
    llm__client_op op;
    llm_request copy;
    char key[LLM__CALL_ID_SIZE];
    if (out) memset(out, 0, sizeof *out);
    if (!out) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_count_tokens_remote: NULL out");
    memset(&op, 0, sizeof op);
    op.kind = LLM__CLIENT_COUNT;
    op.count = client ? llm__client_request(client, req, &copy, key) : req;
    op.tokens = out;
    return llm__client_op_drive(client, "llm_count_tokens_remote", &op, err);
}

LLM_API llm_result llm_decode_recorded(const char *format, int http_status, const char *body, size_t len, bool stream,
                                       llm_response *resp, llm_error *err) {
    llm_client_desc d;
    llm_client client;
    llm_call call;
    llm_result r;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!format || !resp || (!body && len))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_decode_recorded: NULL argument");
    memset(&d, 0, sizeof d);
    if (!(d.custom_provider = llm__providers_for_format(format, &d.openai_api)))
        return llm__fail(err, LLM_ERR_UNSUPPORTED, "llm_decode_recorded: unknown provider \"%s\"", format);
    d.base_url = "http://recorded.invalid"; /* never used: nothing is sent */
    if ((r = llm_client_init(&client, &d, err)) != LLM_OK ||
        (r = llm_call_begin_decode(&call, &client, stream, NULL, err)) != LLM_OK)
        return r;
    r = llm_call_feed_status(&call, http_status);
    if (r == LLM_OK) r = llm_call_feed_body(&call, body ? body : "", len);
    r = llm_call_finish(&call, 0, resp, err);
    llm_call_free(&call);
    return r;
}

LLM_API llm_result llm_wire_usage_decode(const llm_wire_format *wire, const llm_json *usage, llm_usage *out,
                                         llm_error *err) {
    if (!out) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_wire_usage_decode: NULL usage");
    memset(out, 0, sizeof *out);
    if (!wire) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_wire_usage_decode: NULL wire format");
    if (!wire->decode_usage)
        return llm__fail(err, LLM_ERR_UNSUPPORTED, "the wire format %s has no usage reader",
                         wire->name ? wire->name : "(unnamed)");
    if (!llm_json_is(usage, LLM_JSON_OBJECT)) return llm__fail(err, LLM_ERR_PARSE, "usage: not an object");
    if (!wire->decode_usage(usage, out)) {
        memset(out, 0, sizeof *out);
        return llm__fail(err, LLM_ERR_PARSE, "usage: a token count that is not a whole number in 0 ... 2^53");
    }
    llm__error_clear(err);
    return LLM_OK;
}

LLM_API llm_result llm_usage_decode(const char *format, const llm_json *usage, llm_usage *out, llm_error *err) {
    const llm_provider *p = llm_provider_find(format);
    if (!out) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_usage_decode: NULL usage");
    memset(out, 0, sizeof *out);
    if (!p)
        return llm__fail(err, LLM_ERR_UNSUPPORTED, "llm_usage_decode: unknown provider \"%s\"",
                         format ? format : "(null)");
    return llm_wire_usage_decode(p->wire, usage, out, err);
}

/* ------------------------------------------------------------------------ */
// >>conversation: a message list that owns its strings
/* ------------------------------------------------------------------------ */

static const char *llm__conversation_str(llm_conversation *c, const char *s, bool *failed) {
    const char *copy;
    if (!s) return NULL;
    copy = llm__arena_strndup(&c->alloc, &c->arena_, s, strlen(s));
    if (!copy) *failed = true;
    return copy;
}

static void *llm__conversation_array(llm_conversation *c, const void *src, size_t count, size_t size, bool *failed) {
    void *p;
    if (!count || !src) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&c->alloc, &c->arena_, count * size))) {
        *failed = true;
        return NULL;
    }
    memcpy(p, src, count * size);
    return p;
}

LLM_API llm_result llm_conversation_add(llm_conversation *c, const llm_message *msg) {
    llm_message m;
    llm_content_part *parts;
    llm_tool_call *calls;
    llm_reasoning_block *blocks;
    bool failed = false;
    size_t i;
    void *buf;
    if (!c || !msg) return LLM_ERR_INVALID_ARGUMENT;
    buf = c->messages_;
    if (!llm__grow(&c->alloc, &buf, &c->capacity_, c->count_ + 1, sizeof(llm_message))) return LLM_ERR_NO_MEMORY;
    c->messages_ = (llm_message *)buf;
    m = *msg;
    m.content = llm__conversation_str(c, msg->content, &failed);
    m.name = llm__conversation_str(c, msg->name, &failed);
    m.tool_call_id = llm__conversation_str(c, msg->tool_call_id, &failed);
    m.parts = parts =
        (llm_content_part *)llm__conversation_array(c, msg->parts, msg->part_count, sizeof *parts, &failed);
    for (i = 0; parts && i < msg->part_count; i++) {
        parts[i].text = llm__conversation_str(c, parts[i].text, &failed);
        parts[i].url = llm__conversation_str(c, parts[i].url, &failed);
        parts[i].base64 = llm__conversation_str(c, parts[i].base64, &failed);
        parts[i].media_type = llm__conversation_str(c, parts[i].media_type, &failed);
        parts[i].filename = llm__conversation_str(c, parts[i].filename, &failed);
    }
    m.tool_calls = calls =
        (llm_tool_call *)llm__conversation_array(c, msg->tool_calls, msg->tool_call_count, sizeof *calls, &failed);
    for (i = 0; calls && i < msg->tool_call_count; i++) {
        calls[i].id = llm__conversation_str(c, calls[i].id, &failed);
        calls[i].name = llm__conversation_str(c, calls[i].name, &failed);
        calls[i].arguments = llm__conversation_str(c, calls[i].arguments, &failed);
    }
    m.reasoning = blocks = (llm_reasoning_block *)llm__conversation_array(c, msg->reasoning, msg->reasoning_count,
                                                                          sizeof *blocks, &failed);
    for (i = 0; blocks && i < msg->reasoning_count; i++) {
        blocks[i].thinking = llm__conversation_str(c, blocks[i].thinking, &failed);
        blocks[i].signature = llm__conversation_str(c, blocks[i].signature, &failed);
        blocks[i].data = llm__conversation_str(c, blocks[i].data, &failed);
        blocks[i].tool_call_id = llm__conversation_str(c, blocks[i].tool_call_id, &failed);
        blocks[i].id = llm__conversation_str(c, blocks[i].id, &failed);
        blocks[i].summary = llm__conversation_str(c, blocks[i].summary, &failed);
    }
    m.reasoning_format = llm__conversation_str(c, msg->reasoning_format, &failed);
    m.reasoning_provider = llm__conversation_str(c, msg->reasoning_provider, &failed);
    m.reasoning_origin = llm__conversation_str(c, msg->reasoning_origin, &failed);
    m.reasoning_model = llm__conversation_str(c, msg->reasoning_model, &failed);
    if (!m.parts) m.part_count = 0;
    if (!m.tool_calls) m.tool_call_count = 0;
    if (!m.reasoning) m.reasoning_count = 0;
    if (failed) return LLM_ERR_NO_MEMORY; /* the arena keeps what was copied until free */
    c->messages_[c->count_++] = m;
    return LLM_OK;
}

LLM_API llm_result llm_conversation_add_response(llm_conversation *c, const llm_response *resp) {
    llm_message m;
    if (!c || !resp || !resp->choice_count) return LLM_ERR_INVALID_ARGUMENT;
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_ASSISTANT;
    m.content = resp->choices[0].content;
    m.tool_calls = resp->choices[0].tool_calls;
    m.tool_call_count = resp->choices[0].tool_call_count;
    /* sent back to the format, endpoint and model that made them only */
    m.reasoning = resp->choices[0].reasoning_blocks;
    m.reasoning_count = resp->choices[0].reasoning_block_count;
    m.reasoning_format = resp->choices[0].reasoning_format;
    m.reasoning_provider = resp->choices[0].reasoning_provider;
    m.reasoning_origin = resp->choices[0].reasoning_origin;
    m.reasoning_model = resp->choices[0].reasoning_model;
    if (!m.content && !m.tool_call_count) m.content = "";
    return llm_conversation_add(c, &m);
}

LLM_API llm_result llm_conversation_add_tool_result(llm_conversation *c, const char *tool_call_id,
                                                    const char *content) {
    llm_message m;
    if (!tool_call_id || !content) return LLM_ERR_INVALID_ARGUMENT;
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_TOOL;
    m.tool_call_id = tool_call_id;
    m.content = content;
    return llm_conversation_add(c, &m);
}

LLM_API const llm_message *llm_conversation_messages(const llm_conversation *c, size_t *count) {
    if (count) *count = c ? c->count_ : 0;
    return c ? c->messages_ : NULL;
}

LLM_API void llm_conversation_free(llm_conversation *c) {
    llm_allocator alloc;
    if (!c) return;
    alloc = c->alloc;
    llm__free(&alloc, c->messages_, c->capacity_ * sizeof(llm_message));
    llm__arena_free(&alloc, &c->arena_);
    memset(c, 0, sizeof *c);
    c->alloc = alloc;
}

/* ------------------------------------------------------------------------ */
// >>router: deployments, retries, fallbacks, cooldowns: pick, report and the drivers
/* ------------------------------------------------------------------------ */

#define LLM__ROUTER_POLL_MS 50  /* wait when only a probe or max_parallel holds us */

enum { LLM__ROUTER_CLOSED = 0, LLM__ROUTER_OPEN, LLM__ROUTER_HALF };
enum { LLM__ROUTER_NEW = 0, LLM__ROUTER_READY, LLM__ROUTER_SENT, LLM__ROUTER_DONE };
enum {
    LLM__ROUTER_OK = 0,
    LLM__ROUTER_WAIT,
    LLM__ROUTER_COOLING,
    LLM__ROUTER_EXCLUDED,
    LLM__ROUTER_CONTEXT,
    LLM__ROUTER_BUDGET
};

typedef struct llm__router_dep {
    llm_deployment_desc d;         /* strings in the router's arena */
    int group;
    llm_client client;
    int health;
    bool probing;
    int64_t cool_until, fail_window;
    int fails;
    int64_t rpm_units, tpm_units, bucket_ms; /* token buckets, 60000 units per request/token */
    int64_t minute, minute_req, minute_tok;
    double spent, ms_per_token;
    int64_t spend_window;
    uint64_t mark;                 /* == core serial: available in this pick */
    llm_router_stats st;
} llm__router_dep;

typedef struct llm__router_group {
    const char *name;
    int *members;
    int count;
    int *fb[LLM__FALLBACK_COUNT];
    int fb_count[LLM__FALLBACK_COUNT];
    bool has_num_retries;
    int num_retries;
    double budget, spent;
    int64_t spend_window;
} llm__router_group;

typedef struct llm__router_state {
    llm__router_dep *deps;
    int dep_count;
    llm__router_group *groups;
    int group_count;
    int *group_slots, *id_slots;   /* hash tables of group names and deployment ids (-1: empty) */
    size_t slot_mask;
    int *dfb[LLM__FALLBACK_COUNT]; /* "*" lists */
    int dfb_count[LLM__FALLBACK_COUNT];
    llm_retry_override *policy;
    size_t policy_count;
    uint64_t rng, serial;
    uint64_t requests;             /* requests begun: the last request_number given */
    double spent;
    int64_t spend_window;
    llm_router_stats st;
} llm__router_state;

static const llm_result llm__router_class_codes[LLM_ROUTER_CLASSES] = {
    LLM_OK, LLM_ERR_TRANSPORT, LLM_ERR_TIMEOUT, LLM_ERR_CANCELLED, LLM_ERR_BAD_REQUEST, LLM_ERR_AUTHENTICATION,
    LLM_ERR_PERMISSION, LLM_ERR_NOT_FOUND, LLM_ERR_PAYMENT_REQUIRED, LLM_ERR_RATE_LIMITED,
    LLM_ERR_CONTEXT_WINDOW_EXCEEDED, LLM_ERR_CONTENT_POLICY, LLM_ERR_SERVER, LLM_ERR_UNAVAILABLE, LLM_ERR_HTTP,
    LLM_ERR_PARSE};

static const char *const llm__router_strategy_names[LLM__ROUTER_STRATEGY_COUNT] = {
    "simple-shuffle", "simple-shuffle", "least-busy", "latency-based-routing", "cost-based-routing",
    "usage-based-routing"};

LLM_API int llm_router_error_class(llm_result code) {
    int i;
    for (i = 1; i < LLM_ROUTER_CLASSES; i++)
        if (llm__router_class_codes[i] == code) return i;
    return 0;
}

LLM_API llm_router_desc llm_router_desc_defaults(const llm_router_desc *in) {
    llm_router_desc d;
    if (in) d = *in;
    else memset(&d, 0, sizeof d);
    if (!d.has_num_retries) { d.has_num_retries = true; d.num_retries = LLM__RETRY_DEFAULT_RETRIES; }
    if (d.num_retries < 0) d.num_retries = 0;
    if (d.max_fallbacks <= 0) d.max_fallbacks = 5;
    if (d.max_fallbacks > LLM_ROUTER_MAX_FALLBACKS) d.max_fallbacks = LLM_ROUTER_MAX_FALLBACKS;
    if (!d.has_allowed_fails) { d.has_allowed_fails = true; d.allowed_fails = 3; }
    if (d.cooldown_ms <= 0) d.cooldown_ms = 5000;
    if (d.fail_window_ms <= 0) d.fail_window_ms = 60000;
    if (d.backoff_base_ms <= 0) d.backoff_base_ms = LLM__RETRY_BACKOFF_BASE_MS;
    if (d.backoff_cap_ms <= 0) d.backoff_cap_ms = LLM__RETRY_BACKOFF_CAP_MS;
    if (d.max_retry_after_ms <= 0) d.max_retry_after_ms = LLM__RETRY_MAX_AFTER_MS;
    if (d.budget_window_ms <= 0) d.budget_window_ms = 24 * 3600 * 1000;
    if ((unsigned)d.strategy >= (unsigned)LLM__ROUTER_STRATEGY_COUNT) d.strategy = LLM_ROUTING_DEFAULT;
#if LLM__HAS_DEFAULT_CLOCK
    if (!d.clock_ms) d.clock_ms = llm__default_clock;
    if (!d.sleep_ms) d.sleep_ms = llm__default_sleep;
#endif
#if !defined(LLM_NO_STDIO)
    if (!d.getenv) d.getenv = llm__getenv;
#endif
    return d;
}

static llm__router_state *llm__router_core(const llm_router *r) { return (llm__router_state *)r->core_; }
static int64_t llm__router_now(const llm_router *r) { return r->desc_.clock_ms(r->desc_.clock_user); }

static uint64_t llm__router_random(llm_router *r) {
    uint64_t z;
    if (r->desc_.random) return r->desc_.random(r->desc_.random_user);
    z = (llm__router_core(r)->rng += 0x9E3779B97F4A7C15ull); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void llm__router_lock(const llm_router *r) {
    if (r->desc_.lock) r->desc_.lock(r->desc_.lock_user);
}
static void llm__router_unlock(const llm_router *r) {
    if (r->desc_.unlock) r->desc_.unlock(r->desc_.lock_user);
}

/* Sends one decision to the trace callback and the log (formatted only
   when someone listens), "request N: " first. */
static void llm__router_trace(llm_router *r, const llm_router_attempt *a, llm_trace_kind kind, const llm__router_dep *d,
                          const char *to, int64_t ms, llm_result code, const char *fmt, ...) {
    llm_router_trace ev;
    char msg[224];
    size_t pos = 0;
    va_list ap;
    if (!r->desc_.on_trace && !r->desc_.log) return;
    msg[0] = '\0';
    if (a && a->request_number) { /* at most 8 + 20 + 2 bytes */
        memcpy(msg, "request ", 8);
        pos = 8;
        llm__append_u64(msg, sizeof msg, &pos, a->request_number);
        memcpy(msg + pos, ": ", 3);
        pos += 2;
    }
    va_start(ap, fmt);
    llm__vformat(msg + pos, sizeof msg - pos, fmt, ap);
    va_end(ap);
    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.request_number = a ? a->request_number : 0;
    ev.attempt = a ? a->attempts_ : 0;
    ev.group = d                     ? llm__router_core(r)->groups[d->group].name
               : a && a->group_ >= 0 ? llm__router_core(r)->groups[a->group_].name
                                     : NULL;
    ev.deployment = d ? d->d.id : NULL;
    ev.to_group = to;
    ev.ms = ms;
    ev.code = code;
    ev.message = msg;
    if (r->desc_.on_trace) r->desc_.on_trace(r->desc_.callback_user, &ev);
    if (r->desc_.log) r->desc_.log(r->desc_.log_user, kind == LLM_TRACE_GIVE_UP ? LLM_LOG_WARN : LLM_LOG_DEBUG, msg);
}

/* ---- init ---- */

static const char *llm__router_str(llm_router *r, const char *s, bool *failed) {
    char *c;
    if (!s) return NULL;
    c = llm__arena_strndup(&r->desc_.alloc, &r->arena_, s, strlen(s));
    if (!c) *failed = true;
    return c;
}

static void *llm__router_array(llm_router *r, size_t count, size_t size, bool *failed) {
    void *p;
    if (count == 0) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&r->desc_.alloc, &r->arena_, count * size))) {
        *failed = true;
        return NULL;
    }
    memset(p, 0, count * size);
    return p;
}

/* Open addressing over the group names and the deployment ids: the slot
   where `name` is, or the empty one where it goes (the tables have twice
   as many slots as deployments, so one is always empty). */
static size_t llm__router_slot(const llm__router_state *c, const int *slots, bool groups, const char *name) {
    size_t i = (size_t)llm__fnv1a(0xCBF29CE484222325ull, name, strlen(name)) & c->slot_mask;
    while (slots[i] >= 0 && strcmp(groups ? c->groups[slots[i]].name : c->deps[slots[i]].d.id, name) != 0)
        i = (i + 1) & c->slot_mask;
    return i;
}

static int llm__router_find_group(const llm__router_state *c, const char *name) {
    return name ? c->group_slots[llm__router_slot(c, c->group_slots, true, name)] : -1;
}

static int llm__router_find_id(const llm__router_state *c, const char *id) {
    return id ? c->id_slots[llm__router_slot(c, c->id_slots, false, id)] : -1;
}

/* "3" -> buf; returns buf. */
static const char *llm__router_itoa(char *buf, size_t size, int64_t v) {
    size_t pos = 0;
    if (v < 0 && size > 1) { buf[pos++] = '-'; v = -v; }
    buf[pos] = '\0';
    llm__append_u64(buf, size, &pos, (uint64_t)v);
    return buf;
}

/* The deployment's client. Its provider: the one given, else what the
   model names ("anthropic/...", "claude-..."; llm_provider_for_model),
   else openai. The model keeps its prefix: the client strips its own. */
static llm_result llm__router_client(llm_router *r, llm__router_dep *dep, size_t i, llm_error *err) {
    llm_client_desc cd;
    llm_result res;
    memset(&cd, 0, sizeof cd);
    cd.provider = dep->d.provider;
    cd.custom_provider = dep->d.custom_provider;
    if (!cd.provider && !cd.custom_provider && !(cd.custom_provider = llm_provider_for_model(dep->d.model, NULL)) &&
        strchr(dep->d.model, '/'))
        return llm__fail(err, LLM_ERR_UNSUPPORTED,
                         "deployments[%z] (%s): \"%s\" starts with no known provider: give provider, or a prefix "
                         "such as hosted_vllm/ or openai-compatible/",
                         i, dep->d.id, dep->d.model);
    cd.api_key = dep->d.api_key;
    cd.base_url = dep->d.base_url;
    cd.api_version = dep->d.api_version;
    cd.allow_plain_http = dep->d.allow_plain_http || r->desc_.allow_plain_http;
    cd.alloc = r->desc_.alloc;
    cd.transport = r->desc_.transport;
    cd.clock_ms = r->desc_.clock_ms;
    cd.clock_user = r->desc_.clock_user;
    /* seed 0: from the router's generator, which the system's entropy seeded (no read of it per deployment) */
    cd.seed = r->desc_.seed ? r->desc_.seed + i + 1 : llm__mix64(llm__router_core(r)->rng ^ (uint64_t)(i + 1)) | 1;
    cd.has_num_retries = true; /* the router's retries are the only ones: none inside an attempt */
    cd.num_retries = 0;
    res = llm_client_init(&dep->client, &cd, err);
    if (res != LLM_OK) {
        char msg[LLM_ERROR_MESSAGE_SIZE];
        llm__copy_text(msg, sizeof msg, err ? err->message : "", err ? strlen(err->message) : 0);
        return llm__fail(err, res, "deployments[%z] (%s): %s", i, dep->d.id, msg);
    }
    return LLM_OK;
}

/* Copies deployment i and puts it in its group. */
static llm_result llm__router_add_dep(llm_router *r, const llm_deployment_desc *src, size_t i, llm_error *err) {
    llm__router_state *c = llm__router_core(r);
    llm__router_dep *dep = &c->deps[i];
    bool failed = false;
    char idbuf[24];
    int g;
    if (!src->model || !src->model[0])
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "deployments[%z].model: missing", i);
    if (src->weight < 0 || src->rpm < 0 || src->tpm < 0 || src->max_parallel < 0 || src->timeout_ms < 0 ||
        src->cooldown_ms < 0 || src->budget_usd < 0 || src->max_input_tokens < 0)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "deployments[%z]: weight, limits, times and budget must not be negative", i);
    dep->d = *src;
    dep->d.group = llm__router_str(r, src->group ? src->group : src->model, &failed);
    dep->d.model = llm__router_str(r, src->model, &failed);
    dep->d.provider = llm__router_str(r, src->provider, &failed);
    dep->d.api_key = llm__router_str(r, src->api_key, &failed);
    dep->d.base_url = llm__router_str(r, src->base_url, &failed);
    dep->d.api_version = llm__router_str(r, src->api_version, &failed);
    if (src->id) {
        dep->d.id = llm__router_str(r, src->id, &failed);
    } else if (!failed) {
        char *id = (char *)llm__arena_alloc(&r->desc_.alloc, &r->arena_, strlen(dep->d.group) + 24);
        if (id) {
            strcpy(id, dep->d.group);
            strcat(id, "#");
            strcat(id, llm__router_itoa(idbuf, sizeof idbuf, (int64_t)i));
        }
        dep->d.id = id;
        failed = !id;
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    if ((g = llm__router_find_id(c, dep->d.id)) >= 0)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT,
                         "deployments[%z].id: \"%s\" is already the id of deployments[%d]", i, dep->d.id, g);
    c->id_slots[llm__router_slot(c, c->id_slots, false, dep->d.id)] = (int)i;
    g = llm__router_find_group(c, dep->d.group);
    if (g < 0) {
        g = c->group_count++;
        c->groups[g].name = dep->d.group;
        c->group_slots[llm__router_slot(c, c->group_slots, true, dep->d.group)] = g;
    }
    dep->group = g;
    c->groups[g].count++;
    return llm__router_client(r, dep, i, err);
}

static llm_result llm__router_groups(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__router_state *c = llm__router_core(r);
    bool failed = false;
    int i, *fill;
    size_t k;
    for (i = 0; i < c->group_count; i++) {
        c->groups[i].members = (int *)llm__router_array(r, (size_t)c->groups[i].count, sizeof(int), &failed);
        c->groups[i].count = 0;
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    for (i = 0; i < c->dep_count; i++) {
        llm__router_group *g = &c->groups[c->deps[i].group];
        fill = g->members;
        fill[g->count++] = i;
    }
    for (k = 0; k < desc->group_count; k++) {
        const llm_router_group_desc *gd = &desc->groups[k];
        int g = llm__router_find_group(c, gd->name);
        if (g < 0)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "groups[%z].name: no deployment in a group named \"%s\"", k,
                             gd->name ? gd->name : "");
        if (gd->budget_usd < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "groups[%z].budget_usd: negative", k);
        c->groups[g].has_num_retries = gd->has_num_retries;
        c->groups[g].num_retries = gd->num_retries < 0 ? 0 : gd->num_retries;
        c->groups[g].budget = gd->budget_usd;
    }
    return LLM_OK;
}

static llm_result llm__router_fallbacks(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__router_state *c = llm__router_core(r);
    size_t k, j;
    for (k = 0; k < desc->fallback_count; k++) {
        const llm_router_fallback *f = &desc->fallbacks[k];
        bool failed = false, all;
        int g, *list;
        if ((unsigned)f->kind >= (unsigned)LLM__FALLBACK_COUNT)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].kind: unknown", k);
        if (!f->group) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].group: missing", k);
        if (f->to_count && !f->to)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].to: to_count without to", k);
        all = strcmp(f->group, "*") == 0;
        g = all ? -1 : llm__router_find_group(c, f->group);
        if (!all && g < 0)
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].group: no model group named \"%s\"", k,
                             f->group);
        list = (int *)llm__router_array(r, f->to_count, sizeof(int), &failed);
        if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
        for (j = 0; j < f->to_count; j++) {
            list[j] = llm__router_find_group(c, f->to[j]);
            if (list[j] < 0)
                return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].to[%z]: no model group named \"%s\"", k,
                                 j, f->to[j] ? f->to[j] : "");
        }
        if (all) { c->dfb[f->kind] = list; c->dfb_count[f->kind] = (int)f->to_count; }
        else { c->groups[g].fb[f->kind] = list; c->groups[g].fb_count[f->kind] = (int)f->to_count; }
    }
    return LLM_OK;
}

static llm_result llm__router_build(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__router_state *c;
    bool failed = false;
    size_t i;
    llm_result res;
    int64_t now = llm__router_now(r);
    r->core_ = c = (llm__router_state *)llm__router_array(r, 1, sizeof(llm__router_state), &failed);
    if (c) {
        size_t slots = 16;
        while (slots < 2 * desc->deployment_count) slots *= 2;
        c->slot_mask = slots - 1;
        c->deps = (llm__router_dep *)llm__router_array(r, desc->deployment_count, sizeof(llm__router_dep), &failed);
        c->groups =
            (llm__router_group *)llm__router_array(r, desc->deployment_count, sizeof(llm__router_group), &failed);
        c->policy =
            (llm_retry_override *)llm__router_array(r, desc->retry_policy_count, sizeof(llm_retry_override), &failed);
        c->group_slots = (int *)llm__router_array(r, slots, sizeof(int), &failed);
        c->id_slots = (int *)llm__router_array(r, slots, sizeof(int), &failed);
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    for (i = 0; i <= c->slot_mask; i++) c->group_slots[i] = c->id_slots[i] = -1;
    c->rng = llm__seed(desc->seed, r) ^ 0xBB67AE8584CAA73Bull; /* seed 0: the system's entropy */
    if (desc->retry_policy_count)
        memcpy(c->policy, desc->retry_policy, desc->retry_policy_count * sizeof(llm_retry_override));
    c->policy_count = desc->retry_policy_count;
    c->dep_count = (int)desc->deployment_count;
    for (i = 0; i < desc->deployment_count; i++) {
        if ((res = llm__router_add_dep(r, &desc->deployments[i], i, err)) != LLM_OK) return res;
        c->deps[i].rpm_units = (int64_t)c->deps[i].d.rpm * 60000;
        c->deps[i].tpm_units = (int64_t)c->deps[i].d.tpm * 60000;
        c->deps[i].bucket_ms = now;
    }
    if ((res = llm__router_groups(r, desc, err)) != LLM_OK) return res;
    return llm__router_fallbacks(r, desc, err);
}

LLM_API llm_result llm_router_init(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm_result res;
    if (!r || !desc) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init: NULL router or desc");
    memset(r, 0, sizeof *r);
    if (!desc->deployment_count || !desc->deployments)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "deployments: none given");
    if (desc->deployment_count > 1000000)
        return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "deployments: more than 1000000");
    if ((desc->group_count && !desc->groups) || (desc->fallback_count && !desc->fallbacks) ||
        (desc->retry_policy_count && !desc->retry_policy))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init: a count without its array");
    if (desc->alloc.alloc && (!desc->alloc.realloc || !desc->alloc.free))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "alloc: an allocator needs alloc, realloc and free");
    if (desc->budget_usd < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "budget_usd: negative");
    r->desc_ = llm_router_desc_defaults(desc);
    if (!r->desc_.clock_ms)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "clock_ms: required on this platform (no monotonic clock)");
    r->desc_.deployments = NULL;
    r->desc_.groups = NULL;
    r->desc_.fallbacks = NULL;
    r->desc_.retry_policy = NULL;
    res = llm__router_build(r, desc, err);
    if (res != LLM_OK) {
        llm_router_free(r);
        return res;
    }
    llm__error_clear(err);
    return LLM_OK;
}

LLM_API void llm_router_free(llm_router *r) {
    llm_allocator alloc;
    int i;
    if (!r) return;
    alloc = r->desc_.alloc;
    for (i = 0; r->core_ && i < llm__router_core(r)->dep_count; i++) { /* the keys the router copied */
        const char *key = llm__router_core(r)->deps[i].d.api_key;
        if (key) llm__wipe((void *)(uintptr_t)key, strlen(key));
    }
    llm__arena_free(&alloc, &r->arena_);
    memset(r, 0, sizeof *r);
}

LLM_API size_t llm_router_deployment_count(const llm_router *r) {
    return r && r->core_ ? (size_t)llm__router_core(r)->dep_count : 0;
}

LLM_API const char *llm_router_deployment_id(const llm_router *r, size_t i) {
    return i < llm_router_deployment_count(r) ? llm__router_core(r)->deps[i].d.id : NULL;
}

LLM_API void llm_router_get_stats(llm_router *r, llm_router_stats *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!r || !r->core_) return;
    llm__router_lock(r);
    *out = llm__router_core(r)->st;
    llm__router_unlock(r);
}

LLM_API bool llm_router_deployment_stats(llm_router *r, size_t i, llm_router_stats *out) {
    if (out) memset(out, 0, sizeof *out);
    if (!out || i >= llm_router_deployment_count(r)) return false;
    llm__router_lock(r);
    *out = llm__router_core(r)->deps[i].st;
    llm__router_unlock(r);
    return true;
}

LLM_API int64_t llm_router_cooldown_remaining(llm_router *r, size_t i) {
    int64_t left = 0;
    if (i >= llm_router_deployment_count(r)) return 0;
    llm__router_lock(r);
    {
        const llm__router_dep *d = &llm__router_core(r)->deps[i];
        int64_t now = llm__router_now(r);
        if (d->health == LLM__ROUTER_OPEN && d->cool_until > now) left = d->cool_until - now;
    }
    llm__router_unlock(r);
    return left;
}

/* ---- health, limits and budgets of one deployment ---- */

static void llm__router_refill(llm__router_dep *d, int64_t now) {
    int64_t dt = now - d->bucket_ms;
    if (dt <= 0) return;
    d->bucket_ms = now;
    if (d->d.rpm) {
        int64_t cap = (int64_t)d->d.rpm * 60000;
        d->rpm_units = dt > cap ? cap : d->rpm_units + dt * d->d.rpm;
        if (d->rpm_units > cap) d->rpm_units = cap;
    }
    if (d->d.tpm) {
        int64_t cap = (int64_t)d->d.tpm * 60000;
        d->tpm_units = dt > cap ? cap : d->tpm_units + dt * d->d.tpm;
        if (d->tpm_units > cap) d->tpm_units = cap;
    }
}

/* Milliseconds until the buckets hold one request and `tokens` tokens. */
static int64_t llm__router_bucket_wait(llm__router_dep *d, int64_t tokens) {
    int64_t wait = 0;
    if (d->d.rpm && d->rpm_units < 60000) wait = (60000 - d->rpm_units + d->d.rpm - 1) / d->d.rpm;
    if (d->d.tpm) {
        int64_t need = (tokens < d->d.tpm ? tokens : d->d.tpm) * 60000, w;
        if (d->tpm_units < need && (w = (need - d->tpm_units + d->d.tpm - 1) / d->d.tpm) > wait) wait = w;
    }
    return wait;
}

static void llm__router_minute(llm__router_dep *d, int64_t now) {
    if (now / 60000 != d->minute) {
        d->minute = now / 60000;
        d->minute_req = d->minute_tok = 0;
    }
}

static double llm__router_estimate(llm_router *r, const llm__router_dep *d, int64_t prompt_tokens) {
    double in = 0, out = 0;
    if (!r->desc_.price || prompt_tokens <= 0 || !r->desc_.price(r->desc_.hooks_user, d->d.model, &in, &out)) return 0;
    return in * (double)prompt_tokens;
}

static bool llm__router_over(double spent, int64_t window, double budget, double estimate, int64_t now,
                             int64_t length) {
    if (budget <= 0) return false;
    if (now - window >= length) return false; /* a new window starts with the next spend */
    return spent >= budget || spent + estimate > budget;
}

static bool llm__router_budget_blocks(llm_router *r, llm__router_dep *d, int64_t prompt_tokens, int64_t now) {
    llm__router_state *c = llm__router_core(r);
    llm__router_group *g = &c->groups[d->group];
    int64_t len = r->desc_.budget_window_ms;
    double est;
    if (r->desc_.budget_usd <= 0 && g->budget <= 0 && d->d.budget_usd <= 0) return false;
    est = llm__router_estimate(r, d, prompt_tokens);
    return llm__router_over(c->spent, c->spend_window, r->desc_.budget_usd, est, now, len) ||
           llm__router_over(g->spent, g->spend_window, g->budget, est, now, len) ||
           llm__router_over(d->spent, d->spend_window, d->d.budget_usd, est, now, len);
}

static int64_t llm__router_max_input(llm_router *r, const llm__router_dep *d) {
    if (d->d.max_input_tokens > 0) return d->d.max_input_tokens;
    return r->desc_.max_input_tokens ? r->desc_.max_input_tokens(r->desc_.hooks_user, d->d.model) : 0;
}

static bool llm__router_is_excluded(const llm_router_attempt *a, int i) {
    int k;
    for (k = 0; k < a->excluded_count_; k++)
        if (a->excluded_[k] == i) return true;
    return false;
}

/* Whether deployment i can take this attempt now: LLM__ROUTER_OK, or why not
   (*ms: how long to wait, or until it recovers). */
static int llm__router_check(llm_router *r, llm_router_attempt *a, int i, int64_t now, int64_t *ms) {
    llm__router_dep *d = &llm__router_core(r)->deps[i];
    int64_t max_in, w;
    *ms = 0;
    if (llm__router_is_excluded(a, i) || i == a->avoid_) return LLM__ROUTER_EXCLUDED;
    if (d->health == LLM__ROUTER_OPEN) {
        if (now < d->cool_until) {
            *ms = d->cool_until - now;
            return LLM__ROUTER_COOLING;
        }
        d->health = LLM__ROUTER_HALF;
        d->probing = false;
        llm__router_trace(r, a, LLM_TRACE_HALF_OPEN, d, NULL, 0, LLM_OK,
                          "%s: cooldown over, the next attempt is a probe", d->d.id);
    }
    if ((max_in = llm__router_max_input(r, d)) > 0 && a->prompt_tokens_ > max_in) return LLM__ROUTER_CONTEXT;
    if (llm__router_budget_blocks(r, d, a->prompt_tokens_, now)) return LLM__ROUTER_BUDGET;
    if ((d->health == LLM__ROUTER_HALF && d->probing) || (d->d.max_parallel && d->st.in_flight >= d->d.max_parallel)) {
        *ms = LLM__ROUTER_POLL_MS;
        return LLM__ROUTER_WAIT;
    }
    llm__router_refill(d, now);
    if ((w = llm__router_bucket_wait(d, a->prompt_tokens_)) > 0) {
        *ms = w;
        return LLM__ROUTER_WAIT;
    }
    return LLM__ROUTER_OK;
}

/* ---- strategies ---- */

typedef struct llm__router_scan {
    int ok, wait, cooling, context, budget, excluded, min_order;
    int64_t min_wait, min_cool;
    uint64_t serial;
} llm__router_scan;

static const int *llm__router_members(const llm__router_state *c, const llm_router_attempt *a, int *count) {
    if (a->pin_ >= 0 && c->deps[a->pin_].group == a->group_) {
        *count = 1;
        return &a->pin_;
    }
    *count = c->groups[a->group_].count;
    return c->groups[a->group_].members;
}

static int llm__router_order(const llm__router_dep *d) { return d->d.order > 0 ? d->d.order : 0x7FFFFFFF; }

static void llm__router_scan_group(llm_router *r, llm_router_attempt *a, int64_t now, llm__router_scan *s) {
    llm__router_state *c = llm__router_core(r);
    int n, k;
    const int *m = llm__router_members(c, a, &n);
    memset(s, 0, sizeof *s);
    s->serial = ++c->serial;
    s->min_wait = s->min_cool = -1;
    for (k = 0; k < n; k++) {
        int64_t ms;
        llm__router_dep *d = &c->deps[m[k]];
        switch (llm__router_check(r, a, m[k], now, &ms)) {
            case LLM__ROUTER_OK:
                if (s->ok == 0 || llm__router_order(d) < s->min_order) s->min_order = llm__router_order(d);
                d->mark = s->serial;
                s->ok++;
                break;
            case LLM__ROUTER_WAIT:
                s->wait++;
                if (s->min_wait < 0 || ms < s->min_wait) s->min_wait = ms;
                break;
            case LLM__ROUTER_COOLING:
                s->cooling++;
                if (s->min_cool < 0 || ms < s->min_cool) s->min_cool = ms;
                break;
            case LLM__ROUTER_CONTEXT: s->context++; break;
            case LLM__ROUTER_BUDGET: s->budget++; break;
            default: s->excluded++; break;
        }
    }
}

/* The score a strategy minimises (weighted random has none). */
static double llm__router_score(llm_router *r, const llm__router_dep *d, int64_t now) {
    double in = 0, out = 0;
    switch (r->desc_.strategy) {
        case LLM_ROUTING_LEAST_BUSY: return (double)d->st.in_flight;
        case LLM_ROUTING_LATENCY:
            if (d->st.successes == 0) return -1; /* unmeasured: try it first */
            return d->ms_per_token > 0 ? d->ms_per_token : d->st.latency_ewma_ms;
        case LLM_ROUTING_LOWEST_COST:
            if (r->desc_.price && r->desc_.price(r->desc_.hooks_user, d->d.model, &in, &out)) return in + out;
            return 5.0; /* LiteLLM's price for an unknown model */
        case LLM_ROUTING_USAGE:
            if (now / 60000 != d->minute) return 0;
            return (double)d->minute_tok * 1e6 + (double)d->minute_req;
        default: return 0;
    }
}

/* Weight of a candidate in simple-shuffle: weight, else rpm, else tpm. */
static uint64_t llm__router_weight(const llm__router_dep *d, int mode) {
    int v = mode == 1 ? d->d.weight : mode == 2 ? d->d.rpm : mode == 3 ? d->d.tpm : 1;
    return v > 0 ? (uint64_t)v : (mode == 1 ? 1u : 0u);
}

/* Picks among the marked candidates of the lowest order. */
static int llm__router_choose(llm_router *r, llm_router_attempt *a, const llm__router_scan *s, int64_t now) {
    llm__router_state *c = llm__router_core(r);
    int n, k, mode = 1, all_rpm = 1, all_tpm = 1, any_weight = 0, pick = -1;
    const int *m = llm__router_members(c, a, &n);
    uint64_t total = 0, x, ties = 0;
    double best = 0;
#define LLM__ROUTER_CANDIDATES(k) (c->deps[m[k]].mark == s->serial && llm__router_order(&c->deps[m[k]]) == s->min_order)
    if (r->desc_.strategy == LLM_ROUTING_DEFAULT || r->desc_.strategy == LLM_ROUTING_SIMPLE_SHUFFLE) {
        for (k = 0; k < n; k++)
            if (LLM__ROUTER_CANDIDATES(k)) {
                any_weight |= c->deps[m[k]].d.weight > 0;
                all_rpm &= c->deps[m[k]].d.rpm > 0;
                all_tpm &= c->deps[m[k]].d.tpm > 0;
            }
        mode = any_weight ? 1 : all_rpm ? 2 : all_tpm ? 3 : 0;
        for (k = 0; k < n; k++)
            if (LLM__ROUTER_CANDIDATES(k)) total += llm__router_weight(&c->deps[m[k]], mode);
        x = llm__router_random(r) % total;
        for (k = 0; k < n; k++)
            if (LLM__ROUTER_CANDIDATES(k)) {
                uint64_t w = llm__router_weight(&c->deps[m[k]], mode);
                if (x < w) return m[k];
                x -= w;
            }
        return -1;
    }
    for (k = 0; k < n; k++)
        if (LLM__ROUTER_CANDIDATES(k)) {
            double sc = llm__router_score(r, &c->deps[m[k]], now);
            if (ties == 0 || sc < best) { best = sc; ties = 1; }
            else if (sc == best) ties++;
        }
    x = llm__router_random(r) % ties;
    for (k = 0; k < n && pick < 0; k++)
        if (LLM__ROUTER_CANDIDATES(k) && llm__router_score(r, &c->deps[m[k]], now) == best && x-- == 0) pick = m[k];
#undef LLM__ROUTER_CANDIDATES
    return pick;
}

/* ---- one request: begin, fall back, give up ---- */

static const char *llm__router_gname(const llm_router *r, int g) {
    return g >= 0 ? llm__router_core(r)->groups[g].name : "?";
}

/* prefix + 32 hex digits from the router's random source (out: 40 bytes). */
static void llm__router_hex_id(llm_router *r, char *out, const char *prefix) {
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(prefix);
    int i, k;
    memcpy(out, prefix, n);
    for (i = 0; i < 2; i++) {
        uint64_t x = llm__router_random(r);
        for (k = 0; k < 16; k++) out[n + (size_t)(i * 16 + k)] = hex[(x >> (k * 4)) & 15];
    }
    out[n + 32] = '\0';
}

/* Resolves the request's model: a group, a deployment id, a deployment's model. */
static llm_result llm__router_begin(llm_router *r, const llm_request *req, llm_router_attempt *a, int64_t now,
                                    llm_error *err) {
    llm__router_state *c = llm__router_core(r);
    int i, timeout, retries;
    a->group_ = a->orig_group_ = a->pin_ = a->avoid_ = -1;
    a->deployment = -1;
    a->final_ = LLM_OK;
    a->drop_reasoning = false;
    llm__error_clear(&a->last_error);
    if (!req || !req->model) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: NULL request or model");
    a->group_ = llm__router_find_group(c, req->model);
    if (a->group_ < 0 && (i = llm__router_find_id(c, req->model)) >= 0) a->pin_ = i;
    /* a deployment's model, with or without its prefix */
    for (i = 0; a->group_ < 0 && a->pin_ < 0 && i < c->dep_count; i++)
        if (strcmp(c->deps[i].d.model, req->model) == 0 ||
            strcmp(llm__providers_model_for(c->deps[i].client.provider, c->deps[i].d.model), req->model) == 0)
            a->pin_ = i;
    if (a->pin_ >= 0) a->group_ = c->deps[a->pin_].group;
    if (a->group_ < 0)
        return llm__fail(err, LLM_ERR_NO_DEPLOYMENT, "no model group, deployment id or model named \"%s\"", req->model);
    a->orig_group_ = a->group_;
    a->tried_[a->tried_count_++] = a->group_;
    llm__router_hex_id(r, a->idempotency_key, "idem-");
    retries =
        a->options.has_num_retries ? (a->options.num_retries < 0 ? 0 : a->options.num_retries) : r->desc_.num_retries;
    if (retries > 1000) retries = 1000;
    a->max_attempts_ = (retries + 1) * (1 + r->desc_.max_fallbacks);
    timeout = a->options.timeout_ms > 0 ? a->options.timeout_ms : r->desc_.timeout_ms;
    a->start_ms_ = now;
    a->deadline_ms_ = timeout > 0 ? now + timeout : 0;
    a->retry_at_ms_ = now;
    if (r->desc_.count_prompt_tokens) a->prompt_tokens_ = r->desc_.count_prompt_tokens(r->desc_.hooks_user, req);
    a->state_ = LLM__ROUTER_READY;
    return LLM_OK;
}

/* Ends the request with a->last_error; `why` (may be NULL) goes into the
   trace line: what ruled out another attempt. */
static llm_result llm__router_give_up_because(llm_router *r, llm_router_attempt *a, const char *why, llm_error *err) {
    llm__router_state *c = llm__router_core(r);
    if (a->last_error.code == LLM_OK)
        llm__fail(&a->last_error, LLM_ERR_NO_DEPLOYMENT, "no deployment could take the request");
    a->state_ = LLM__ROUTER_DONE;
    a->final_ = a->last_error.code;
    c->st.calls++;
    c->st.failures++;
    if (a->attempts_ == 0) c->st.unsent++;
    llm__router_trace(r, a, LLM_TRACE_GIVE_UP, NULL, NULL, 0, a->final_, "gave up after %d attempt%s%s%s%s: %s",
                      a->attempts_, a->attempts_ == 1 ? "" : "s", why ? " (" : "", why ? why : "", why ? ")" : "",
                      a->last_error.message);
    if (err) *err = a->last_error;
    return a->final_;
}

static llm_result llm__router_give_up(llm_router *r, llm_router_attempt *a, llm_error *err) {
    return llm__router_give_up_because(r, a, NULL, err);
}

static bool llm__router_was_tried(const llm_router_attempt *a, int g) {
    int k;
    for (k = 0; k < a->tried_count_; k++)
        if (a->tried_[k] == g) return true;
    return false;
}

/* The next group of the list for `kind`, or -1. */
static int llm__router_next_group(llm_router *r, const llm_router_attempt *a, llm_fallback_kind kind) {
    llm__router_state *c = llm__router_core(r);
    const llm__router_group *g = &c->groups[a->orig_group_];
    const int *list = g->fb[kind];
    int n = g->fb_count[kind], k;
    if (a->options.no_fallbacks || a->fallbacks_ >= r->desc_.max_fallbacks ||
        a->tried_count_ > LLM_ROUTER_MAX_FALLBACKS)
        return -1;
    if (kind == LLM_FALLBACK_GENERIC && a->options.fallback_count && a->options.fallbacks) {
        for (k = 0; k < (int)a->options.fallback_count; k++) {
            int to = llm__router_find_group(c, a->options.fallbacks[k]);
            if (to >= 0 && !llm__router_was_tried(a, to)) return to;
        }
        return -1;
    }
    if (!n) {
        list = c->dfb[kind];
        n = c->dfb_count[kind];
    }
    for (k = 0; k < n; k++)
        if (!llm__router_was_tried(a, list[k])) return list[k];
    return -1;
}

/* Switches to the next fallback group; false when there is none. */
static bool llm__router_fall_back(llm_router *r, llm_router_attempt *a, llm_fallback_kind kind) {
    int to = llm__router_next_group(r, a, kind);
    const char *from = llm__router_gname(r, a->group_);
    if (to < 0) return false;
    a->tried_[a->tried_count_++] = to;
    a->fallbacks_++;
    a->group_ = to;
    a->pin_ = a->avoid_ = -1;
    a->retries_ = 0;
    a->excluded_count_ = 0;
    a->pending_fallback_ = true;
    llm__router_core(r)->st.fallback_switches++;
    llm__router_trace(r, a, LLM_TRACE_FALLBACK, NULL, llm__router_gname(r, to), 0, a->last_error.code,
                      "fell back from %s to %s because: %s", from, llm__router_gname(r, to),
                      a->last_error.code ? a->last_error.message : "no deployment available");
    if (r->desc_.on_fallback)
        r->desc_.on_fallback(r->desc_.callback_user, a, from, llm__router_gname(r, to), &a->last_error);
    return true;
}

/* Nothing in the group can be sent: wait, fall back or give up. */
static llm_result llm__router_no_candidate(llm_router *r, llm_router_attempt *a, const llm__router_scan *s, int64_t now,
                                           llm_error *err, bool *retry) {
    llm_fallback_kind kind = LLM_FALLBACK_GENERIC;
    char last[LLM_ERROR_MESSAGE_SIZE];
    *retry = false;
    if (s->wait && s->min_wait <= r->desc_.max_retry_after_ms &&
        (!a->deadline_ms_ || now + s->min_wait < a->deadline_ms_)) {
        a->wait_ms = s->min_wait;
        llm__router_trace(r, a, LLM_TRACE_WAIT, NULL, NULL, s->min_wait, LLM_OK,
                          "%s: every deployment is at its rate or parallel limit; wait %d ms",
                          llm__router_gname(r, a->group_), (int)s->min_wait);
        return LLM_AGAIN;
    }
    llm__copy_text(last, sizeof last, a->last_error.message, strlen(a->last_error.message));
    if (s->context && !s->ok && !s->wait && !s->cooling && !s->budget) {
        kind = LLM_FALLBACK_CONTEXT_WINDOW;
        llm__fail(&a->last_error, LLM_ERR_CONTEXT_WINDOW_EXCEEDED,
                  "the prompt (%d tokens) exceeds the max input tokens of every deployment of %s",
                  (int)a->prompt_tokens_, llm__router_gname(r, a->group_));
    } else if (s->budget && !s->cooling && !s->wait) {
        llm__fail(&a->last_error, LLM_ERR_BUDGET_EXCEEDED, "%s: the budget would be exceeded",
                  llm__router_gname(r, a->group_));
    } else if (s->cooling) {
        llm__fail(&a->last_error, LLM_ERR_NO_DEPLOYMENT,
                  "every deployment of %s is cooling down; the soonest recovers in %d ms%s%s",
                  llm__router_gname(r, a->group_), (int)s->min_cool, last[0] ? "; last error: " : "", last);
    } else if (a->last_error.code == LLM_OK || s->wait) {
        llm__fail(&a->last_error, s->wait ? LLM_ERR_TIMEOUT : LLM_ERR_NO_DEPLOYMENT,
                  "%s: no deployment can take the request%s", llm__router_gname(r, a->group_),
                  s->wait ? " before the deadline" : "");
    }
    if (llm__router_fall_back(r, a, kind)) {
        *retry = true;
        return LLM_OK;
    }
    return llm__router_give_up(r, a, err);
}

/* Takes deployment i for the attempt: counters, buckets, probe. */
static void llm__router_commit(llm_router *r, llm_router_attempt *a, int i, int64_t now) {
    llm__router_state *c = llm__router_core(r);
    llm__router_dep *d = &c->deps[i];
    int64_t t = d->d.timeout_ms;
    a->is_retry = a->is_fallback = false;
    if (a->attempts_ > 0 && a->pending_fallback_) { a->is_fallback = true; c->st.fallbacks++; }
    else if (a->attempts_ > 0) { a->is_retry = true; c->st.retries++; }
    a->pending_fallback_ = false;
    a->attempts_++;
    a->number = a->attempts_;
    a->deployment = i;
    a->deployment_id = d->d.id;
    a->group = c->groups[d->group].name;
    a->model = d->d.model;
    a->client = &d->client;
    a->sent_ms_ = now;
    a->avoid_ = -1;
    a->probe_ = d->health == LLM__ROUTER_HALF;
    llm__router_hex_id(r, a->request_id, "req_");
    if (a->probe_) d->probing = true;
    if (a->deadline_ms_ && (t == 0 || a->deadline_ms_ - now < t)) t = a->deadline_ms_ - now;
    a->timeout_ms = t > 0x7FFFFFFF ? 0x7FFFFFFF : (int)t;
    d->rpm_units -= d->d.rpm ? 60000 : 0;
    d->tpm_units -= d->d.tpm ? a->prompt_tokens_ * 60000 : 0;
    llm__router_minute(d, now);
    d->minute_req++;
    d->minute_tok += a->prompt_tokens_ > 0 ? a->prompt_tokens_ : 0;
    d->st.calls++;
    d->st.attempts++;
    d->st.in_flight++;
    c->st.attempts++;
    c->st.in_flight++;
    a->state_ = LLM__ROUTER_SENT;
}

LLM_API llm_result llm_router_pick(llm_router *r, const llm_request *req, llm_router_attempt *a, llm_error *err) {
    llm_result res;
    int64_t now;
    int hops;
    if (!r || !r->core_ || !a)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: NULL router or attempt");
    if (a->state_ == LLM__ROUTER_DONE) {
        if (err) *err = a->last_error;
        return a->final_ != LLM_OK ? a->final_ : LLM_ERR_INVALID_ARGUMENT;
    }
    if (a->state_ == LLM__ROUTER_SENT)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: the last attempt was not reported");
    llm__router_lock(r);
    now = llm__router_now(r);
    a->wait_ms = 0;
    if (a->state_ == LLM__ROUTER_NEW) a->request_number = ++llm__router_core(r)->requests;
    if (a->state_ == LLM__ROUTER_NEW && (res = llm__router_begin(r, req, a, now, err)) != LLM_OK) {
        if (err) a->last_error = *err;
        else llm__fail(&a->last_error, res, "llm_router_pick: bad request");
        res = llm__router_give_up(r, a, err);
        llm__router_unlock(r);
        return res;
    }
    res = LLM_AGAIN;
    for (hops = 0; res == LLM_AGAIN && hops <= LLM_ROUTER_MAX_FALLBACKS + 1; hops++) {
        llm__router_scan s;
        bool again = false;
        int i;
        if (a->deadline_ms_ && now >= a->deadline_ms_) {
            if (a->last_error.code == LLM_OK)
                llm__fail(&a->last_error, LLM_ERR_TIMEOUT, "the request's deadline passed");
            res = llm__router_give_up_because(r, a, "the deadline passed", err);
        } else if (now < a->retry_at_ms_) {
            a->wait_ms = a->retry_at_ms_ - now;
        } else if (a->attempts_ >= a->max_attempts_) {
            res = llm__router_give_up(r, a, err);
        } else {
            llm__router_scan_group(r, a, now, &s);
            if (!s.ok && a->avoid_ >= 0) { /* the one we avoided is all there is */
                a->avoid_ = -1;
                llm__router_scan_group(r, a, now, &s);
            }
            if (s.ok && (i = llm__router_choose(r, a, &s, now)) >= 0) {
                llm__router_commit(r, a, i, now);
                llm__router_trace(r, a, LLM_TRACE_PICK, &llm__router_core(r)->deps[i], NULL, 0, LLM_OK,
                                  "picked %s (%s, %d candidates%s)", a->deployment_id,
                                  llm__router_strategy_names[r->desc_.strategy], s.ok,
                                  a->is_retry ? ", retry" : a->is_fallback ? ", fallback" : "");
                res = LLM_OK;
            } else {
                res = llm__router_no_candidate(r, a, &s, now, err, &again);
                if (again) res = LLM_AGAIN; /* fell back: scan the new group */
                else if (res == LLM_AGAIN) break;
            }
            continue;
        }
        break;
    }
    if (res == LLM_AGAIN && a->state_ != LLM__ROUTER_DONE && a->wait_ms <= 0) a->wait_ms = 1;
    if (res == LLM_OK) llm__error_clear(err);
    llm__router_unlock(r);
    return res;
}

/* ---- report ---- */

static void llm__router_ewma(double *avg, double sample, uint64_t n) {
    *avg = n <= 1 ? sample : *avg + 0.25 * (sample - *avg);
}

static void llm__router_cool(llm_router *r, llm_router_attempt *a, llm__router_dep *d, int64_t retry_after,
                             int64_t now) {
    int64_t ms = d->d.cooldown_ms > 0 ? d->d.cooldown_ms : retry_after > 0 ? retry_after : r->desc_.cooldown_ms;
    d->health = LLM__ROUTER_OPEN;
    d->probing = false;
    d->cool_until = now + ms;
    d->fails = 0;
    d->st.cooldowns++;
    llm__router_core(r)->st.cooldowns++;
    llm__router_trace(r, a, LLM_TRACE_COOLDOWN, d, NULL, ms, a->last_error.code, "cooled %s for %d ms%s", d->d.id,
                      (int)ms, retry_after > 0 && d->d.cooldown_ms <= 0 ? " (Retry-After)" : "");
}

/* Whether a failure counts against the deployment's health: 429, 401, 404,
   408, 5xx, transport, timeout; never another 4xx. */
static bool llm__router_cools(llm_result code, int status) {
    if (status == 429 || status == 401 || status == 404 || status == 408 || status >= 500) return true;
    if (status >= 400) return false;
    return code == LLM_ERR_TRANSPORT || code == LLM_ERR_TIMEOUT || code == LLM_ERR_RATE_LIMITED ||
           code == LLM_ERR_SERVER || code == LLM_ERR_UNAVAILABLE || code == LLM_ERR_AUTHENTICATION ||
           code == LLM_ERR_NOT_FOUND;
}

static int llm__router_retry_limit(const llm_router *r, const llm_router_attempt *a, const llm__router_dep *d,
                                   llm_result code) {
    const llm__router_state *c = llm__router_core(r);
    size_t k;
    if (a->options.has_num_retries) return a->options.num_retries;
    for (k = 0; k < c->policy_count; k++)
        if (c->policy[k].code == code) return c->policy[k].retries;
    if (d->d.has_num_retries) return d->d.num_retries;
    if (c->groups[a->group_].has_num_retries) return c->groups[a->group_].num_retries;
    return r->desc_.num_retries;
}

static void llm__router_record_failure(llm_router *r, llm_router_attempt *a, llm__router_dep *d, llm_result code,
                                       int64_t now) {
    llm__router_state *c = llm__router_core(r);
    int cls = llm_router_error_class(code);
    int64_t ra = llm__retry_after(&a->last_error);
    d->st.failures++;
    d->st.failures_by_class[cls]++;
    c->st.failures_by_class[cls]++;
    if (code == LLM_ERR_CANCELLED) {
        if (a->probe_) d->probing = false;
        return;
    }
    if (code == LLM_ERR_TIMEOUT)
        llm__router_ewma(&d->st.latency_ewma_ms, (double)(now - a->sent_ms_) * 2, d->st.successes + 2);
    if (r->desc_.disable_cooldowns || !llm__router_cools(code, a->last_error.http_status)) {
        if (a->probe_ || d->health == LLM__ROUTER_HALF) { /* it answered */
            d->health = LLM__ROUTER_CLOSED;
            d->probing = false;
        }
        return;
    }
    if (d->health == LLM__ROUTER_OPEN) return;  /* a late report from before the cooldown */
    if (a->probe_ || d->health == LLM__ROUTER_HALF) {
        llm__router_cool(r, a, d, ra, now);
        return;
    }
    if (d->fails == 0 || now - d->fail_window >= r->desc_.fail_window_ms) {
        d->fail_window = now;
        d->fails = 0;
    }
    d->fails++;
    if (ra > 0 || d->fails > r->desc_.allowed_fails) llm__router_cool(r, a, d, ra, now);
}

static llm_result llm__router_retry(llm_router *r, llm_router_attempt *a, int64_t delay, int64_t now, const char *why) {
    a->retries_++;
    a->retry_at_ms_ = now + delay;
    a->wait_ms = delay;
    llm__router_trace(r, a, LLM_TRACE_RETRY, NULL, NULL, delay, a->last_error.code, "retry in %d ms (%s) because: %s",
                      (int)delay, why, a->last_error.message);
    if (r->desc_.on_retry) r->desc_.on_retry(r->desc_.callback_user, a, delay, &a->last_error);
    return LLM_AGAIN;
}

/* A retryable failure: retry now elsewhere, retry later here, or fall back. */
static llm_result llm__router_after_retryable(llm_router *r, llm_router_attempt *a, int dep, int64_t now,
                                              llm_error *err) {
    llm__router_dep *d = &llm__router_core(r)->deps[dep];
    int64_t ra = llm__retry_after(&a->last_error), delay, ms;
    llm_result code = a->last_error.code;
    if (ra > r->desc_.max_retry_after_ms && a->excluded_count_ < 8) a->excluded_[a->excluded_count_++] = dep;
    if (a->retries_ < llm__router_retry_limit(r, a, d, code) && a->attempts_ < a->max_attempts_) {
        llm__router_scan s;
        int st;
        a->avoid_ = dep;
        llm__router_scan_group(r, a, now, &s);
        if (s.ok) return llm__router_retry(r, a, 0, now, "another deployment is healthy");
        a->avoid_ = -1;
        if (ra > 0 && ra <= r->desc_.max_retry_after_ms) {
            delay = ra;
        } else {
            delay = llm__retry_backoff(a->retries_, r->desc_.backoff_base_ms, r->desc_.backoff_cap_ms,
                                       llm__router_random(r));
        }
        st = llm__router_check(r, a, dep, now, &ms);
        if (st == LLM__ROUTER_OK || st == LLM__ROUTER_WAIT || (st == LLM__ROUTER_COOLING && ms <= delay)) {
            if (ms > delay) delay = ms;
            if (a->deadline_ms_ && now + delay >= a->deadline_ms_) {
                char why[64];
                llm__format(why, sizeof why, "a retry in %d ms would pass the deadline", (int)delay);
                return llm__router_give_up_because(r, a, why, err);
            }
            return llm__router_retry(r, a, delay, now, ra > 0 && ra == delay ? "Retry-After" : "backoff");
        }
    }
    if (llm__router_fall_back(r, a, LLM_FALLBACK_GENERIC)) return LLM_AGAIN;
    return llm__router_give_up(r, a, err);
}

static llm_result llm__router_failed(llm_router *r, llm_router_attempt *a, llm_result code, const llm_error *e,
                                     bool delivered, int64_t now, llm_error *err) {
    llm__router_dep *d = &llm__router_core(r)->deps[a->deployment];
    llm_fallback_kind kind = LLM_FALLBACK_GENERIC;
    if (e) a->last_error = *e;
    else llm__fail(&a->last_error, code, "%s", llm_result_description(code));
    a->last_error.code = code;
    if (!e) a->last_error.retryable = llm__retry_should(code, NULL);
    llm__router_record_failure(r, a, d, code, now);
    if (r->desc_.on_failure) r->desc_.on_failure(r->desc_.callback_user, a, &a->last_error);
    if (delivered || code == LLM_ERR_CANCELLED || (code < 0 && code > LLM_ERR_TRANSPORT))
        return llm__router_give_up(r, a, err);
    /* no retry or fallback can be sent: announce none */
    if (a->deadline_ms_ && now >= a->deadline_ms_) return llm__router_give_up_because(r, a, "the deadline passed", err);
    if (a->attempts_ >= a->max_attempts_) {
        char why[64];
        llm__format(why, sizeof why, "the budget of %d attempts is spent", a->max_attempts_);
        return llm__router_give_up_because(r, a, why, err);
    }
    if (llm__retry_without_reasoning(e, a->drop_reasoning) && a->retries_ < llm__router_retry_limit(r, a, d, code)) {
        a->drop_reasoning = true; /* llm_router_prepare leaves them out */
        return llm__router_retry(r, a, 0, now, "thinking blocks dropped after an invalid signature");
    }
    if (llm__retry_should(code, e)) return llm__router_after_retryable(r, a, a->deployment, now, err);
    if (code == LLM_ERR_CONTEXT_WINDOW_EXCEEDED) kind = LLM_FALLBACK_CONTEXT_WINDOW;
    if (code == LLM_ERR_CONTENT_POLICY) kind = LLM_FALLBACK_CONTENT_POLICY;
    if (llm__router_fall_back(r, a, kind)) return LLM_AGAIN;
    return llm__router_give_up(r, a, err);
}

/* Usage the router counts: the provider's, or the library's estimate for
   an answer without one (so such answers still spend budgets and tpm). */
static const llm_usage *llm__router_usage(const llm_response *resp) {
    if (!resp) return NULL;
    if (resp->usage.source == LLM_USAGE_REPORTED) return &resp->usage;
    if (resp->usage_estimate.source == LLM_USAGE_ESTIMATED) return &resp->usage_estimate;
    return NULL;
}

/* What an answer charges the budgets: the reported cost (the router's
   price hook on the reported usage, the price table's, the provider's),
   else the estimate's (a server that omits its usage cannot dodge a
   budget); at most LLM_ROUTER_MAX_CHARGE_USD. */
static double llm__router_cost(llm_router *r, const llm__router_dep *d, const llm_response *resp) {
    const llm_usage *u = llm__router_usage(resp);
    double in = 0, out = 0, cost = 0;
    if (!resp) return 0;
    /* the router's own price hook wins: the caller configured it on purpose */
    if (r->desc_.price && u && r->desc_.price(r->desc_.hooks_user, d->d.model, &in, &out))
        cost = in * (double)u->prompt_tokens + out * (double)u->completion_tokens;
    else if (resp->has_cost) cost = resp->cost_usd;
    else if (resp->has_provider_cost) cost = resp->provider_cost_usd;
    else if (resp->has_estimate_cost) cost = resp->estimate_cost_usd;
    return cost < LLM_ROUTER_MAX_CHARGE_USD ? cost : LLM_ROUTER_MAX_CHARGE_USD;
}

static void llm__router_spend(double *spent, int64_t *window, double cost, int64_t now, int64_t length) {
    if (now - *window >= length || *spent == 0) { *window = now; *spent = 0; }
    *spent += cost;
}

static llm_result llm__router_succeeded(llm_router *r, llm_router_attempt *a, const llm_router_outcome *o,
                                        int64_t now) {
    llm__router_state *c = llm__router_core(r);
    llm__router_dep *d = &c->deps[a->deployment];
    const llm_response *resp = o->response;
    int64_t lat = resp && resp->latency_ms > 0 ? resp->latency_ms : now - a->sent_ms_;
    int64_t pt = 0, ct = 0, extra;
    double cost = llm__router_cost(r, d, resp);
    d->st.successes++;
    c->st.successes++;
    c->st.calls++;
    llm__router_ewma(&d->st.latency_ewma_ms, (double)lat, d->st.successes);
    llm__router_ewma(&c->st.latency_ewma_ms, (double)lat, c->st.successes);
    if (o->ttft_ms > 0) {
        llm__router_ewma(&d->st.ttft_ewma_ms, (double)o->ttft_ms, d->st.successes);
        llm__router_ewma(&c->st.ttft_ewma_ms, (double)o->ttft_ms, c->st.successes);
    }
    if (llm__router_usage(resp)) {
        pt = llm__router_usage(resp)->prompt_tokens;
        ct = llm__router_usage(resp)->completion_tokens;
        if (ct > 0)
            llm__router_ewma(&d->ms_per_token, (double)(o->ttft_ms > 0 ? o->ttft_ms : lat) / (double)ct,
                             d->st.successes);
    }
    d->st.prompt_tokens += pt; d->st.completion_tokens += ct; d->st.cost_usd += cost;
    c->st.prompt_tokens += pt; c->st.completion_tokens += ct; c->st.cost_usd += cost;
    if (cost > 0) {
        llm__router_spend(&c->spent, &c->spend_window, cost, now, r->desc_.budget_window_ms);
        llm__router_spend(&c->groups[d->group].spent, &c->groups[d->group].spend_window, cost, now,
                          r->desc_.budget_window_ms);
        llm__router_spend(&d->spent, &d->spend_window, cost, now, r->desc_.budget_window_ms);
    }
    if (llm__router_usage(resp)) { /* the buckets took the estimate; settle the difference */
        extra = pt + ct - (a->prompt_tokens_ > 0 ? a->prompt_tokens_ : 0);
        if (d->d.tpm) d->tpm_units -= extra * 60000;
        llm__router_minute(d, now);
        d->minute_tok += extra;
    }
    if (a->probe_ || d->health == LLM__ROUTER_HALF) {
        d->health = LLM__ROUTER_CLOSED;
        d->probing = false;
        d->fails = 0;
    }
    a->state_ = LLM__ROUTER_DONE;
    a->final_ = LLM_OK;
    llm__router_trace(r, a, LLM_TRACE_SUCCESS, d, NULL, lat, LLM_OK, "%s answered in %d ms", d->d.id, (int)lat);
    if (r->desc_.on_success) r->desc_.on_success(r->desc_.callback_user, a, resp, lat, cost);
    return LLM_DONE;
}

static bool llm__router_filtered(const llm_router_outcome *o) {
    return o->response && o->response->choice_count &&
           o->response->choices[0].finish_reason == LLM_FINISH_CONTENT_FILTER;
}

LLM_API llm_result llm_router_report(llm_router *r, llm_router_attempt *a, const llm_router_outcome *o,
                                     llm_error *err) {
    llm__router_state *c;
    llm_result res;
    int64_t now;
    if (!r || !r->core_ || !a || !o)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_report: NULL router, attempt or outcome");
    if (a->state_ != LLM__ROUTER_SENT)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_report: no attempt was picked");
    llm__router_lock(r);
    c = llm__router_core(r);
    now = llm__router_now(r);
    c->deps[a->deployment].st.in_flight--;
    c->st.in_flight--;
    a->state_ = LLM__ROUTER_READY;
    a->wait_ms = 0;
    if (o->result == LLM_OK && !o->content_delivered && llm__router_filtered(o) &&
        llm__router_next_group(r, a, LLM_FALLBACK_CONTENT_POLICY) >= 0) {
        llm_error e;
        llm__fail(&e, LLM_ERR_CONTENT_POLICY, "the answer of %s finished with content_filter", a->deployment_id);
        e.http_status = o->response->http_status;
        res = llm__router_failed(r, a, LLM_ERR_CONTENT_POLICY, &e, false, now, err);
    } else if (o->result == LLM_OK) {
        res = llm__router_succeeded(r, a, o, now);
        llm__error_clear(err);
    } else {
        res = llm__router_failed(r, a, o->result, o->error, o->content_delivered, now, err);
    }
    if (res == LLM_AGAIN) llm__error_clear(err);
    llm__router_unlock(r);
    return res;
}

LLM_API void llm_router_cancel(llm_router *r, llm_router_attempt *a) {
    if (!r || !r->core_ || !a) return;
    if (a->state_ == LLM__ROUTER_SENT) {
        llm_router_outcome o;
        memset(&o, 0, sizeof o);
        o.result = LLM_ERR_CANCELLED;
        llm_router_report(r, a, &o, NULL);
    } else if (a->state_ == LLM__ROUTER_READY) {
        llm__router_lock(r);
        llm__fail(&a->last_error, LLM_ERR_CANCELLED, "cancelled");
        llm__router_give_up(r, a, NULL);
        llm__router_unlock(r);
    }
}

/* ---- the blocking driver ---- */

/* What one attempt is sent through: llm_complete, or llm_stream with the
   router watching the events go by. */
typedef struct llm__router_stream {
    llm_router *router;
    llm_event_fn fn;
    void *user;
    bool delivered;              /* a content event reached the caller: no more retries */
    int64_t start_ms, ttft_ms;
} llm__router_stream;

static int llm__router_on_event(void *user, const llm_event *ev) {
    llm__router_stream *s = (llm__router_stream *)user;
    if (llm__retry_content_event(ev->type) && !s->delivered) {
        s->delivered = true;
        s->ttft_ms = llm__router_now(s->router) - s->start_ms;
    }
    return s->fn ? s->fn(s->user, ev) : 0;
}

LLM_API llm_result llm_router_prepare(llm_router *r, const llm_router_attempt *a, const llm_request *req,
                                      llm_router_send *out, llm_error *err) {
    size_t n = 0, i;
    if (!r || !a || !req || !out) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_prepare: NULL argument");
    if (req->header_count > LLM_CALL_MAX_HEADERS - 2 || (req->header_count && !req->headers))
        return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED,
                         "request: more than LLM_CALL_MAX_HEADERS - 2 headers, or a count without headers");
    out->request = *req;
    for (i = 0; i < req->header_count; i++) out->headers_[n++] = req->headers[i];
    out->headers_[n].name = "Idempotency-Key";
    out->headers_[n++].value = a->idempotency_key;
    out->headers_[n].name = "X-Attempt";
    out->headers_[n++].value = llm__router_itoa(out->number_, sizeof out->number_, a->number);
    if (r->desc_.on_before_attempt)
        r->desc_.on_before_attempt(r->desc_.callback_user, a, out->headers_, &n, LLM_CALL_MAX_HEADERS);
    if (n > LLM_CALL_MAX_HEADERS) n = LLM_CALL_MAX_HEADERS;
    out->request.headers = out->headers_;
    out->request.header_count = n;
    out->request.model = a->model;
    if (a->drop_reasoning) out->request.no_reasoning_blocks = true;
    if (!out->request.request_id) out->request.request_id = a->request_id;
    if (a->timeout_ms > 0 && (out->request.timeout_ms <= 0 || a->timeout_ms < out->request.timeout_ms))
        out->request.timeout_ms = a->timeout_ms;
    return LLM_OK;
}

static llm_result llm__router_send(llm_router *r, const llm_request *req, const llm_router_attempt *a,
                                   llm__router_stream *stream, llm_response *resp, llm_error *err) {
    llm_router_send send;
    llm_result res = llm_router_prepare(r, a, req, &send, err);
    if (res != LLM_OK) return res;
    if (!stream) return llm_complete(a->client, &send.request, resp, err);
    stream->delivered = false;
    stream->ttft_ms = 0;
    stream->start_ms = llm__router_now(r);
    return llm_stream(a->client, &send.request, llm__router_on_event, stream, resp, err);
}

/* What the driver's response says of the whole request: from its start
   (the first pick) to now, and the attempts sent. */
static llm_result llm__router_drive_end(llm_router *r, const llm_router_attempt *a, int64_t start_ms,
                                        llm_response *resp, llm_result res) {
    resp->latency_ms = llm__router_now(r) - start_ms;
    resp->attempts = a->attempts_;
    return res;
}

/* The loop both drivers share: pick, send, report, until done. */
static llm_result llm__router_drive(llm_router *r, const llm_request *req, const llm_router_options *opts,
                                    llm__router_stream *stream, llm_response *resp, llm_error *err) {
    llm_router_attempt a;
    llm_router_outcome o;
    llm_error aerr;
    llm_result res;
    int64_t start;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!r || !r->core_ || !req || !resp)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router: NULL router, request or response");
    memset(&a, 0, sizeof a);
    if (opts) a.options = *opts;
    start = llm__router_now(r);
    for (;;) {
        res = llm_router_pick(r, req, &a, err);
        if (res == LLM_AGAIN) {
            if (!r->desc_.sleep_ms) {
                llm_router_cancel(r, &a);
                return llm__fail(err, LLM_ERR_UNSUPPORTED,
                                 "llm_router_complete: must wait %d ms but the router has no sleep_ms", (int)a.wait_ms);
            }
            r->desc_.sleep_ms(r->desc_.clock_user, a.wait_ms);
            continue;
        }
        if (res != LLM_OK) return llm__router_drive_end(r, &a, start, resp, res);
        llm__error_clear(&aerr);
        res = llm__router_send(r, req, &a, stream, resp, &aerr);
        memset(&o, 0, sizeof o);
        o.result = res;
        o.error = res == LLM_OK ? NULL : &aerr;
        o.response = res == LLM_OK ? resp : NULL;
        o.content_delivered = stream && stream->delivered;
        o.ttft_ms = stream ? stream->ttft_ms : 0;
        res = llm_router_report(r, &a, &o, err);
        if (res == LLM_DONE) return llm__router_drive_end(r, &a, start, resp, LLM_OK);
        if (o.content_delivered && res != LLM_AGAIN) /* the partial stream is kept in resp */
            return llm__router_drive_end(r, &a, start, resp, res);
        llm_response_free(resp);
        if (res != LLM_AGAIN) return llm__router_drive_end(r, &a, start, resp, res);
    }
}

LLM_API llm_result llm_router_complete(llm_router *r, const llm_request *req, const llm_router_options *opts,
                                       llm_response *resp, llm_error *err) {
    return llm__router_drive(r, req, opts, NULL, resp, err);
}

LLM_API llm_result llm_router_stream(llm_router *r, const llm_request *req, const llm_router_options *opts,
                                     llm_event_fn on_event, void *user, llm_response *resp, llm_error *err) {
    llm__router_stream s;
    memset(&s, 0, sizeof s);
    s.router = r;
    s.fn = on_event;
    s.user = user;
    return llm__router_drive(r, req, opts, &s, resp, err);
}

/* ------------------------------------------------------------------------ */
// >>router_config: the router from LiteLLM-style JSON
/* ------------------------------------------------------------------------ */

/* ---- the LiteLLM config loader (the keys it reads: the declaration of
   llm_router_init_json) ---- */

typedef struct llm__router_config_state {
    llm_router_desc d;             /* the desc being built */
    llm_allocator alloc;
    void *arena;
    llm_error *err;
    size_t fb_cap;
    llm_router_fallback *fb;
    llm_retry_override *pol;
} llm__router_config_state;

static bool llm__router_config_bad(llm__router_config_state *j, const char *path, const char *key, const char *what) {
    llm__fail(j->err, LLM_ERR_INVALID_ARGUMENT, "%s%s%s: %s", path, key[0] ? "." : "", key, what);
    return false;
}

/* A number >= 0 at o[key] times scale into *out; absent keeps *out. */
static bool llm__router_config_num(llm__router_config_state *j, const llm_json *o, const char *path, const char *key,
                                   double scale, double *out) {
    const llm_json *v = llm_json_get(o, key);
    double x;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    x = llm_json_number(v, -1);
    if (!llm_json_is(v, LLM_JSON_NUMBER) || x < 0 || x * scale > 2147483647.0)
        return llm__router_config_bad(j, path, key, "expected a number >= 0 (and not huge)");
    *out = x * scale;
    return true;
}

static bool llm__router_config_int(llm__router_config_state *j, const llm_json *o, const char *path, const char *key,
                                   double scale, int *out) {
    double x = -1;
    if (!llm__router_config_num(j, o, path, key, scale, &x)) return false;
    if (x >= 0) *out = (int)(x + 0.5);
    return true;
}

static bool llm__router_config_str(llm__router_config_state *j, const llm_json *o, const char *path, const char *key,
                                   const char **out) {
    const llm_json *v = llm_json_get(o, key);
    size_t len;
    const char *s;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!(s = llm_json_string(v, &len)) || strlen(s) != len)
        return llm__router_config_bad(j, path, key, "expected a string (without NUL)");
    if (strncmp(s, "os.environ/", 11) == 0) {
        const char *e = j->d.getenv ? j->d.getenv(j->d.getenv_user, s + 11) : NULL;
        if (!e) {
            llm__fail(j->err, LLM_ERR_INVALID_ARGUMENT, "%s.%s: environment variable %s is not set", path, key, s + 11);
            return false;
        }
        s = e;
    }
    *out = s;
    return true;
}

static bool llm__router_config_bool(llm__router_config_state *j, const llm_json *o, const char *path, const char *key,
                                    bool *out) {
    const llm_json *v = llm_json_get(o, key);
    if (!v) return true;
    if (!llm_json_is(v, LLM_JSON_TRUE) && !llm_json_is(v, LLM_JSON_FALSE))
        return llm__router_config_bad(j, path, key, "expected true or false");
    *out = llm_json_is(v, LLM_JSON_TRUE);
    return true;
}

static bool llm__router_config_deployment(llm__router_config_state *j, const llm_json *m, size_t i,
                                          llm_deployment_desc *d) {
    char path[64], pp[96], mi[96];
    const llm_json *p = llm_json_get(m, "litellm_params"), *info = llm_json_get(m, "model_info");
    double budget = 0, max_in = 0;
    llm__format(path, sizeof path, "model_list[%z]", i);
    llm__format(pp, sizeof pp, "%s.litellm_params", path);
    llm__format(mi, sizeof mi, "%s.model_info", path);
    memset(d, 0, sizeof *d);
    if (!llm_json_is(m, LLM_JSON_OBJECT)) return llm__router_config_bad(j, path, "", "expected an object");
    if (!llm_json_is(p, LLM_JSON_OBJECT))
        return llm__router_config_bad(j, path, "litellm_params", "expected an object");
    if (info && !llm_json_is(info, LLM_JSON_OBJECT))
        return llm__router_config_bad(j, path, "model_info", "expected an object");
    if (!llm__router_config_str(j, m, path, "model_name", &d->group) ||
        !llm__router_config_str(j, p, pp, "model", &d->model) ||
        !llm__router_config_str(j, p, pp, "api_key", &d->api_key) ||
        !llm__router_config_str(j, p, pp, "api_base", &d->base_url) ||
        !llm__router_config_str(j, p, pp, "api_version", &d->api_version) ||
        !llm__router_config_int(j, p, pp, "rpm", 1, &d->rpm) || !llm__router_config_int(j, p, pp, "tpm", 1, &d->tpm) ||
        !llm__router_config_int(j, p, pp, "weight", 1, &d->weight) ||
        !llm__router_config_int(j, p, pp, "order", 1, &d->order) ||
        !llm__router_config_int(j, p, pp, "timeout", 1000, &d->timeout_ms) ||
        !llm__router_config_int(j, p, pp, "cooldown_time", 1000, &d->cooldown_ms) ||
        !llm__router_config_int(j, p, pp, "max_parallel_requests", 1, &d->max_parallel) ||
        !llm__router_config_num(j, p, pp, "max_budget", 1, &budget) ||
        !llm__router_config_str(j, info, mi, "id", &d->id) ||
        !llm__router_config_num(j, info, mi, "max_input_tokens", 1, &max_in))
        return false;
    if (!d->group) return llm__router_config_bad(j, path, "model_name", "missing");
    if (!d->model) return llm__router_config_bad(j, pp, "model", "missing");
    if (llm_json_get(p, "num_retries")) {
        d->has_num_retries = true;
        if (!llm__router_config_int(j, p, pp, "num_retries", 1, &d->num_retries)) return false;
    }
    d->budget_usd = budget;
    d->max_input_tokens = (int64_t)max_in;
    return true;
}

/* [{"group": ["to", ...]}, ...] or, for default_fallbacks, ["to", ...]. */
static bool llm__router_config_fallbacks(llm__router_config_state *j, const llm_json *s, const char *sect,
                                         const char *key, llm_fallback_kind kind) {
    const llm_json *list = llm_json_get(s, key), *e;
    char path[96];
    size_t i = 0;
    bool star = strcmp(key, "default_fallbacks") == 0;
    if (!list || llm_json_is(list, LLM_JSON_NULL)) return true;
    if (!llm_json_is(list, LLM_JSON_ARRAY)) return llm__router_config_bad(j, sect, key, "expected an array");
    for (e = llm_json_first(list); e; e = llm_json_next(list, e), i++) {
        const llm_json *to = star ? list : e + 1, *t;
        llm_router_fallback *f;
        const char **names;
        size_t k = 0;
        llm__format(path, sizeof path, "%s.%s[%z]", sect, key, i);
        if (!star && (!llm_json_is(e, LLM_JSON_OBJECT) || llm_json_count(e) != 1))
            return llm__router_config_bad(j, path, "", "expected an object with exactly one key");
        if (!star) to = llm_json_first(e) + 1;
        if (!llm_json_is(to, LLM_JSON_ARRAY))
            return llm__router_config_bad(j, path, "", "expected an array of model group names");
        if (j->d.fallback_count >= j->fb_cap) return llm__router_config_bad(j, path, "", "too many fallback lists");
        names = (const char **)llm__arena_alloc(&j->alloc, &j->arena, (llm_json_count(to) + 1) * sizeof(char *));
        if (!names) { llm__fail(j->err, LLM_ERR_NO_MEMORY, "out of memory"); return false; }
        for (t = llm_json_first(to); t; t = llm_json_next(to, t), k++)
            if (!(names[k] = llm_json_string(t, NULL)))
                return llm__router_config_bad(j, path, "", "expected model group names (strings)");
        f = &j->fb[j->d.fallback_count++];
        memset(f, 0, sizeof *f);
        f->kind = kind;
        f->group = star ? "*" : llm_json_string(llm_json_first(e), NULL);
        f->to = names;
        f->to_count = k;
        if (star) break;
    }
    return true;
}

static bool llm__router_config_policy(llm__router_config_state *j, const llm_json *s, const char *sect) {
    static const char *const names[] = {
        "BadRequestErrorRetries", "AuthenticationErrorRetries",         "TimeoutErrorRetries",
        "RateLimitErrorRetries",  "ContentPolicyViolationErrorRetries", "InternalServerErrorRetries"};
    static const llm_result codes[] = {LLM_ERR_BAD_REQUEST,  LLM_ERR_AUTHENTICATION, LLM_ERR_TIMEOUT,
                                       LLM_ERR_RATE_LIMITED, LLM_ERR_CONTENT_POLICY, LLM_ERR_SERVER};
    const llm_json *p = llm_json_get(s, "retry_policy");
    char path[96];
    size_t k;
    if (!p || llm_json_is(p, LLM_JSON_NULL)) return true;
    if (!llm_json_is(p, LLM_JSON_OBJECT)) return llm__router_config_bad(j, sect, "retry_policy", "expected an object");
    llm__format(path, sizeof path, "%s.retry_policy", sect);
    for (k = 0; k < 6; k++) {
        int n = -1;
        if (!llm__router_config_int(j, p, path, names[k], 1, &n)) return false;
        if (n >= 0 && j->d.retry_policy_count < 6) {
            j->pol[j->d.retry_policy_count].code = codes[k];
            j->pol[j->d.retry_policy_count++].retries = n;
        }
    }
    return true;
}

static bool llm__router_config_settings(llm__router_config_state *j, const llm_json *s, const char *sect) {
    static const char *const strategies[] = {"simple-shuffle",     "least-busy",          "latency-based-routing",
                                             "cost-based-routing", "usage-based-routing", "usage-based-routing-v2"};
    static const llm_routing_strategy ids[] = {LLM_ROUTING_SIMPLE_SHUFFLE, LLM_ROUTING_LEAST_BUSY, LLM_ROUTING_LATENCY,
                                               LLM_ROUTING_LOWEST_COST, LLM_ROUTING_USAGE, LLM_ROUTING_USAGE};
    const char *strategy = NULL;
    size_t k;
    if (!s || llm_json_is(s, LLM_JSON_NULL)) return true;
    if (!llm_json_is(s, LLM_JSON_OBJECT)) return llm__router_config_bad(j, sect, "", "expected an object");
    if (!llm__router_config_str(j, s, sect, "routing_strategy", &strategy) ||
        !llm__router_config_int(j, s, sect, "max_fallbacks", 1, &j->d.max_fallbacks) ||
        !llm__router_config_int(j, s, sect, "cooldown_time", 1000, &j->d.cooldown_ms) ||
        !llm__router_config_int(j, s, sect, "timeout", 1000, &j->d.timeout_ms) ||
        !llm__router_config_bool(j, s, sect, "disable_cooldowns", &j->d.disable_cooldowns) ||
        !llm__router_config_policy(j, s, sect))
        return false;
    if (llm_json_get(s, "num_retries")) {
        j->d.has_num_retries = true;
        if (!llm__router_config_int(j, s, sect, "num_retries", 1, &j->d.num_retries)) return false;
    }
    if (llm_json_get(s, "allowed_fails")) {
        j->d.has_allowed_fails = true;
        if (!llm__router_config_int(j, s, sect, "allowed_fails", 1, &j->d.allowed_fails)) return false;
    }
    for (k = 0; strategy && k < 6 && strcmp(strategy, strategies[k]) != 0; k++) {}
    if (strategy && k == 6) return llm__router_config_bad(j, sect, "routing_strategy", "unknown strategy");
    if (strategy) j->d.strategy = ids[k];
    return llm__router_config_fallbacks(j, s, sect, "fallbacks", LLM_FALLBACK_GENERIC) &&
           llm__router_config_fallbacks(j, s, sect, "context_window_fallbacks", LLM_FALLBACK_CONTEXT_WINDOW) &&
           llm__router_config_fallbacks(j, s, sect, "content_policy_fallbacks", LLM_FALLBACK_CONTENT_POLICY) &&
           llm__router_config_fallbacks(j, s, sect, "default_fallbacks", LLM_FALLBACK_GENERIC);
}

static size_t llm__router_config_fallback_room(const llm_json *root) {
    static const char *const sects[] = {"router_settings", "litellm_settings"};
    static const char *const keys[] = {"fallbacks", "context_window_fallbacks", "content_policy_fallbacks",
                                       "default_fallbacks"};
    size_t n = 0, a, b;
    for (a = 0; a < 2; a++)
        for (b = 0; b < 4; b++) n += llm_json_count(llm_json_get(llm_json_get(root, sects[a]), keys[b])) + 1;
    return n;
}

static bool llm__router_config_load(llm__router_config_state *j, const llm_json *root) {
    const llm_json *list = llm_json_get(root, "model_list"), *m;
    llm_deployment_desc *deps;
    size_t i = 0, n = llm_json_count(list);
    if (!llm_json_is(root, LLM_JSON_OBJECT)) return llm__router_config_bad(j, "(top level)", "", "expected an object");
    if (!llm_json_is(list, LLM_JSON_ARRAY) || n == 0)
        return llm__router_config_bad(j, "model_list", "", "expected a non-empty array");
    j->fb_cap = llm__router_config_fallback_room(root);
    deps = (llm_deployment_desc *)llm__arena_alloc(&j->alloc, &j->arena, n * sizeof *deps);
    j->fb = (llm_router_fallback *)llm__arena_alloc(&j->alloc, &j->arena, j->fb_cap * sizeof *j->fb);
    j->pol = (llm_retry_override *)llm__arena_alloc(&j->alloc, &j->arena, 6 * sizeof *j->pol);
    if (!deps || !j->fb || !j->pol) { llm__fail(j->err, LLM_ERR_NO_MEMORY, "out of memory"); return false; }
    for (m = llm_json_first(list); m; m = llm_json_next(list, m), i++)
        if (!llm__router_config_deployment(j, m, i, &deps[i])) return false;
    j->d.deployments = deps;
    j->d.deployment_count = n;
    j->d.fallbacks = j->fb;
    j->d.fallback_count = 0;
    j->d.retry_policy = j->pol;
    j->d.retry_policy_count = 0;
    return llm__router_config_settings(j, llm_json_get(root, "litellm_settings"), "litellm_settings") &&
           llm__router_config_settings(j, llm_json_get(root, "router_settings"), "router_settings");
}

/* Whether a text that is not JSON starts as YAML does: after a BOM and blank
   space, a comment (#), a directive (%), a document marker (---), a sequence
   item ("- ") or a plain key ("model_list: "). */
static bool llm__router_config_blank_at(const char *t, size_t len, size_t i) {
    return i == len || t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n';
}

static bool llm__router_config_looks_like_yaml(const char *t, size_t len) {
    size_t i = len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, k;
    while (i < len && llm__router_config_blank_at(t, len, i)) i++;
    if (i == len) return false;
    if (t[i] == '#' || t[i] == '%' || (len - i >= 3 && memcmp(t + i, "---", 3) == 0)) return true;
    if (t[i] == '-') return llm__router_config_blank_at(t, len, i + 1);
    for (k = i; k < len; k++) {
        char c = (char)(t[k] | 0x20); /* ASCII letters in lower case */
        bool letter = c >= 'a' && c <= 'z', digit = t[k] >= '0' && t[k] <= '9';
        if (!letter && (k == i || !(digit || t[k] == '_' || t[k] == '-' || t[k] == '.'))) break;
    }
    return k > i && k < len && t[k] == ':' && llm__router_config_blank_at(t, len, k + 1);
}

LLM_API llm_result llm_router_init_json(llm_router *r, const char *json, size_t len, const llm_router_desc *base,
                                        llm_error *err) {
    llm__router_config_state j;
    llm_json_doc doc;
    llm_error local;
    llm_result res;
    if (!err) err = &local;
    if (!r || (!json && len))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init_json: NULL router or text");
    memset(r, 0, sizeof *r);
    memset(&j, 0, sizeof j);
    if (base) j.d = *base;
#if !defined(LLM_NO_STDIO)
    if (!j.d.getenv) j.d.getenv = llm__getenv;
#endif
    j.alloc = j.d.alloc;
    j.err = err;
    memset(&doc, 0, sizeof doc);
    doc.alloc = j.d.alloc;
    doc.max_depth = 32;
    res = llm_json_parse(&doc, json ? json : "", len, err);
    if (res == LLM_ERR_PARSE && llm__router_config_looks_like_yaml(json, len)) {
        size_t offset = err->offset;
        llm__fail(err, res, "JSON expected; this looks like YAML, and llm_router_init_json reads JSON only "
                            "(convert it to JSON first: the llm CLI reads YAML configs through libyaml)");
        err->offset = offset;
    }
    if (res == LLM_OK)
        res = llm__router_config_load(&j, llm_json_root(&doc)) ? llm_router_init(r, &j.d, err) : err->code;
    llm__wipe(doc.strings_, doc.strings_capacity_); /* the keys the file held */
    llm_json_doc_free(&doc);
    llm__arena_free(&j.alloc, &j.arena);
    return res;
}

/* ------------------------------------------------------------------------ */
// >>openai_body: an OpenAI chat-completions body read into an llm_request
/* ------------------------------------------------------------------------ */

typedef struct llm__openai_body_state {
    llm_openai_request *out;
    llm_json_writer extra;      /* the members llm_request cannot hold */
    llm_error *err;
    bool oom;
    bool failed;                /* an error is in err (set where a pointer is returned) */
} llm__openai_body_state;

/* Fails the parse with a formatted message naming the member. */
static bool llm__openai_body_bad(llm__openai_body_state *q, llm_result code, const char *fmt, ...) {
    va_list ap;
    llm__error_clear(q->err);
    q->err->code = code;
    va_start(ap, fmt);
    llm__vformat(q->err->message, sizeof q->err->message, fmt, ap);
    va_end(ap);
    return false;
}

static void *llm__openai_body_alloc(llm__openai_body_state *q, size_t count, size_t size) {
    void *p;
    if (!count) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&q->out->alloc, &q->out->arena_, count * size))) {
        q->oom = true;
        return NULL;
    }
    memset(p, 0, count * size);
    return p;
}

/* A string member as a C string: NULL when absent; a value that is no
   string, or holds a NUL, fails naming `path`. */
static bool llm__openai_body_str(llm__openai_body_state *q, const llm_json *v, const char *path, const char **out) {
    size_t n;
    const char *s;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!(s = llm_json_string(v, &n)) || memchr(s, '\0', n)) {
        llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT, "%s: expected a string (without \\u0000)", path);
        return false;
    }
    *out = s; /* NUL-terminated in the document, which the result keeps */
    return true;
}

/* A value written again as JSON text in the arena (a schema, arguments). */
static const char *llm__openai_body_json_text(llm__openai_body_state *q, const llm_json *v, const char *path) {
    const char *copy;
    llm_result r = llm__wire_json_text(&q->out->alloc, &q->out->arena_, v, &copy);
    if (r == LLM_ERR_NO_MEMORY) q->oom = true;
    else if (r != LLM_OK)
        llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "%s: nested deeper than 64", path), q->failed = true;
    return copy;
}

static bool llm__openai_body_num(llm__openai_body_state *q, const llm_json *v, const char *path, double *out,
                                 bool *has) {
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!llm_json_is(v, LLM_JSON_NUMBER)) {
        llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT, "%s: expected a number", path);
        return false;
    }
    *out = llm_json_number(v, 0);
    if (has) *has = true;
    return true;
}

static bool llm__openai_body_int(llm__openai_body_state *q, const llm_json *v, const char *path, int *out) {
    int64_t n;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    n = llm_json_int(v, -1);
    if (!llm_json_is(v, LLM_JSON_NUMBER) || n < 0 || n > 0x7FFFFFFF) {
        llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT, "%s: expected a whole number from 0", path);
        return false;
    }
    *out = (int)n;
    return true;
}

/* Any int64 (a seed): an integer in range, else refused. */
static bool llm__openai_body_int64(llm__openai_body_state *q, const llm_json *v, const char *path, int64_t *out,
                                   bool *has) {
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (llm_json_int(v, 0) != llm_json_int(v, 1)) { /* the fallback: not an integer, or out of range */
        llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT, "%s: expected a whole number (64-bit)", path);
        return false;
    }
    *out = llm_json_int(v, 0);
    *has = true;
    return true;
}

static bool llm__openai_body_bool(llm__openai_body_state *q, const llm_json *v, const char *path, bool *out) {
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!llm_json_is(v, LLM_JSON_TRUE) && !llm_json_is(v, LLM_JSON_FALSE)) {
        llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT, "%s: expected true or false", path);
        return false;
    }
    *out = llm_json_is(v, LLM_JSON_TRUE);
    return true;
}

/* {"type":"text","text"} or {"type":"image_url","image_url":{"url","detail"}}. */
/* LiteLLM's (and Anthropic's) cache_control: {"type":"ephemeral"}, with
   an optional "ttl" of "5m" or "1h". */
static bool llm__openai_body_cache(llm__openai_body_state *q, const llm_json *v, const char *path, llm_cache *out) {
    const char *type = llm_json_string(llm_json_get(v, "type"), NULL),
               *ttl = llm_json_string(llm_json_get(v, "ttl"), NULL);
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!type || strcmp(type, "ephemeral") != 0 ||
        (llm_json_get(v, "ttl") && (!ttl || (strcmp(ttl, "5m") != 0 && strcmp(ttl, "1h") != 0))))
        return llm__openai_body_bad(
            q, LLM_ERR_INVALID_ARGUMENT,
            "%s.cache_control: expected {\"type\":\"ephemeral\"} with an optional ttl of 5m or 1h", path);
    *out = ttl && strcmp(ttl, "1h") == 0 ? LLM_CACHE_1H : LLM_CACHE_5M;
    return true;
}

/* A file part ({"type":"file","file":{"file_data":"data:...;base64,...",
   "filename"}}) as a document; uploaded files (file_id) are not held. */
static bool llm__openai_body_file(llm__openai_body_state *q, const llm_json *v, llm_content_part *p, const char *path) {
    const llm_json *f = llm_json_get(v, "file");
    const char *url = NULL, *media, *data;
    size_t n;
    p->type = LLM_PART_DOCUMENT;
    if (llm_json_get(f, "file_id"))
        return llm__openai_body_bad(q, LLM_ERR_UNSUPPORTED,
                                    "%s.file.file_id: an uploaded file (llm_request holds a file's bytes)", path);
    if (!llm__openai_body_str(q, llm_json_get(f, "file_data"), path, &url) ||
        !llm__openai_body_str(q, llm_json_get(f, "filename"), path, &p->filename))
        return false;
    if (!url || !llm__wire_data_url(url, &media, &n, &data))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT,
                                    "%s.file.file_data: expected a data URL (data:application/pdf;base64,...)", path);
    p->base64 = data;
    if (!(p->media_type = llm__arena_strndup(&q->out->alloc, &q->out->arena_, media, n))) q->oom = true;
    return !q->oom;
}

static bool llm__openai_body_part(llm__openai_body_state *q, const llm_json *v, llm_content_part *p, const char *path) {
    static const char *const details[] = {"auto", "low", "high"};
    const char *type = llm_json_string(llm_json_get(v, "type"), NULL), *detail = NULL;
    size_t i;
    if (!llm__openai_body_cache(q, llm_json_get(v, "cache_control"), path, &p->cache)) return false;
    if (type && strcmp(type, "text") == 0) {
        p->type = LLM_PART_TEXT;
        return llm__openai_body_str(q, llm_json_get(v, "text"), path, &p->text);
    }
    if (type && strcmp(type, "file") == 0) return llm__openai_body_file(q, v, p, path);
    if (type && strcmp(type, "image_url") == 0) {
        const llm_json *img = llm_json_get(v, "image_url");
        p->type = LLM_PART_IMAGE_URL;
        if (llm_json_is(img, LLM_JSON_STRING)) return llm__openai_body_str(q, img, path, &p->url);
        if (!llm__openai_body_str(q, llm_json_get(img, "url"), path, &p->url) ||
            !llm__openai_body_str(q, llm_json_get(img, "detail"), path, &detail))
            return false;
        for (i = 0; detail && i < 3; i++)
            if (strcmp(detail, details[i]) == 0) p->detail = (llm_image_detail)(LLM_DETAIL_AUTO + i);
        return true;
    }
    llm__fail(q->err, LLM_ERR_UNSUPPORTED,
              "%s: a content part of type \"%s\" (llm_request holds text, image_url and file parts)", path,
              type ? type : "?");
    return false;
}

static bool llm__openai_body_content(llm__openai_body_state *q, const llm_json *c, llm_message *m, const char *path) {
    char sub[80];
    const llm_json *v;
    llm_content_part *parts;
    size_t i = 0;
    if (!llm_json_is(c, LLM_JSON_ARRAY)) return llm__openai_body_str(q, c, path, &m->content);
    parts = (llm_content_part *)llm__openai_body_alloc(q, llm_json_count(c), sizeof *parts);
    for (v = llm_json_first(c); v && parts; v = llm_json_next(c, v), i++) {
        llm__format(sub, sizeof sub, "%s[%z]", path, i);
        if (!llm__openai_body_part(q, v, &parts[i], sub)) return false;
    }
    m->parts = parts;
    m->part_count = parts ? i : 0;
    if (!m->part_count) m->content = ""; /* an empty array: empty text */
    return !q->oom;
}

static bool llm__openai_body_tool_calls(llm__openai_body_state *q, const llm_json *calls, llm_message *m, size_t mi) {
    char path[80];
    const llm_json *v;
    llm_tool_call *out = (llm_tool_call *)llm__openai_body_alloc(q, llm_json_count(calls), sizeof *out);
    size_t i = 0;
    for (v = llm_json_first(calls); v && out; v = llm_json_next(calls, v), i++) {
        const llm_json *fn = llm_json_get(v, "function"), *args = llm_json_get(fn, "arguments");
        llm__format(path, sizeof path, "messages[%z].tool_calls[%z]", mi, i);
        if (!llm__openai_body_str(q, llm_json_get(v, "id"), path, &out[i].id) ||
            !llm__openai_body_str(q, llm_json_get(fn, "name"), path, &out[i].name))
            return false;
        /* an object: taken as its text */
        if (args && !llm_json_is(args, LLM_JSON_STRING)) out[i].arguments = llm__openai_body_json_text(q, args, path);
        else if (!llm__openai_body_str(q, args, path, &out[i].arguments)) return false;
    }
    m->tool_calls = out;
    m->tool_call_count = out ? i : 0;
    return !q->oom;
}

/* A Responses API reasoning item in thinking_blocks: {"type":
   "reasoning", "id", "summary": [...], "encrypted_content"}. */
static bool llm__openai_body_reasoning_item(llm__openai_body_state *q, const llm_json *v, llm_reasoning_block *b,
                                            const char *path) {
    const llm_json *summary = llm_json_get(v, "summary");
    b->kind = LLM_REASONING_ITEM;
    if (!llm__openai_body_str(q, llm_json_get(v, "id"), path, &b->id) ||
        !llm__openai_body_str(q, llm_json_get(v, "encrypted_content"), path, &b->data))
        return false;
    if (summary && !llm_json_is(summary, LLM_JSON_ARRAY))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "%s.thinking_blocks: a reasoning summary is no array",
                                    path);
    b->summary = summary ? llm__openai_body_json_text(q, summary, path) : "[]";
    if (!b->id)
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "%s.thinking_blocks: a reasoning item needs its id",
                                    path);
    return !q->oom;
}

/* LiteLLM's thinking_blocks on an assistant message: Anthropic's
   thinking ({thinking, signature}) and redacted_thinking ({data}) blocks,
   and the Responses API's reasoning items. */
static bool llm__openai_body_thinking_blocks(llm__openai_body_state *q, const llm_json *blocks, llm_message *m,
                                             const char *path) {
    const llm_json *v;
    llm_reasoning_block *out = (llm_reasoning_block *)llm__openai_body_alloc(q, llm_json_count(blocks), sizeof *out);
    size_t k = 0, items = 0;
    if (!llm_json_is(blocks, LLM_JSON_ARRAY))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "%s.thinking_blocks: expected an array", path);
    for (v = llm_json_first(blocks); v && out; v = llm_json_next(blocks, v), k++) {
        const char *type = llm_json_string(llm_json_get(v, "type"), NULL);
        if (type && strcmp(type, "redacted_thinking") == 0) {
            out[k].kind = LLM_REASONING_REDACTED;
            if (!llm__openai_body_str(q, llm_json_get(v, "data"), path, &out[k].data)) return false;
        } else if (type && strcmp(type, "thinking") == 0) {
            if (!llm__openai_body_str(q, llm_json_get(v, "thinking"), path, &out[k].thinking) ||
                !llm__openai_body_str(q, llm_json_get(v, "signature"), path, &out[k].signature))
                return false;
        } else if (type && strcmp(type, "reasoning") == 0) {
            if (!llm__openai_body_reasoning_item(q, v, &out[k], path)) return false;
            items++;
        } else {
            return llm__openai_body_bad(
                q, LLM_ERR_INVALID_ARGUMENT,
                "%s.thinking_blocks[%z].type: expected thinking, redacted_thinking or reasoning", path, k);
        }
    }
    if (items && items != k)
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT,
                                    "%s.thinking_blocks: reasoning items and thinking blocks in one message", path);
    m->reasoning = out;
    m->reasoning_count = out ? k : 0;
    m->reasoning_format = items ? "openai-responses" : "anthropic-messages";
    return !q->oom;
}

/* LiteLLM carries Gemini's thoughtSignature of a function call on the
   call's id: "<id>__thought__<signature>". The id is cut there (the tool
   message quoting it is cut the same way) and the signature becomes a
   reasoning block of Gemini's naming the call. */
#define LLM__OPENAI_BODY_THOUGHT_SEP "__thought__"

static bool llm__openai_body_cut_id(llm__openai_body_state *q, const char **id, const char **signature) {
    const char *at = *id ? strstr(*id, LLM__OPENAI_BODY_THOUGHT_SEP) : NULL;
    char *copy;
    if (signature) *signature = NULL;
    if (!at) return true;
    if (!(copy = llm__arena_strndup(&q->out->alloc, &q->out->arena_, *id, (size_t)(at - *id)))) return !(q->oom = true);
    if (signature) *signature = at + strlen(LLM__OPENAI_BODY_THOUGHT_SEP);
    *id = copy;
    return true;
}

static bool llm__openai_body_thought_ids(llm__openai_body_state *q, llm_message *m) {
    llm_reasoning_block *blocks;
    const char *sig;
    size_t k, n = 0;
    for (k = 0; k < m->tool_call_count; k++)
        n += m->tool_calls[k].id && strstr(m->tool_calls[k].id, LLM__OPENAI_BODY_THOUGHT_SEP) != NULL;
    if (!n) return true;
    if (!(blocks = (llm_reasoning_block *)llm__openai_body_alloc(q, m->reasoning_count + n, sizeof *blocks)))
        return false;
    if (m->reasoning_count) memcpy(blocks, m->reasoning, m->reasoning_count * sizeof *blocks);
    for (k = 0; k < m->tool_call_count; k++) {
        llm_tool_call *tc = (llm_tool_call *)&m->tool_calls[k];
        if (!llm__openai_body_cut_id(q, &tc->id, &sig)) return false;
        if (!sig) continue;
        blocks[m->reasoning_count].kind = LLM_REASONING_THINKING;
        blocks[m->reasoning_count].thinking = "";
        blocks[m->reasoning_count].signature = sig;
        blocks[m->reasoning_count++].tool_call_id = tc->id;
    }
    m->reasoning = blocks;
    m->reasoning_format = "gemini"; /* its thinking_blocks too: Gemini's text and thought signatures */
    return true;
}

static bool llm__openai_body_message(llm__openai_body_state *q, const llm_json *v, llm_message *m, size_t i) {
    static const char *const roles[] = {"user", "system", "developer", "assistant", "tool"};
    char path[64];
    const char *role = llm_json_string(llm_json_get(v, "role"), NULL);
    size_t r;
    llm__format(path, sizeof path, "messages[%z]", i);
    if (!llm_json_is(v, LLM_JSON_OBJECT))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "%s: expected an object", path);
    for (r = 0; role && r < 5 && strcmp(role, roles[r]) != 0; r++) {}
    if (!role || r == 5)
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT,
                                    "%s.role: expected user, system, developer, assistant or tool", path);
    m->role = (llm_role)r;
    llm__format(path, sizeof path, "messages[%z].content", i);
    if (!llm__openai_body_content(q, llm_json_get(v, "content"), m, path)) return false;
    llm__format(path, sizeof path, "messages[%z]", i);
    if (!llm__openai_body_str(q, llm_json_get(v, "name"), path, &m->name) ||
        !llm__openai_body_str(q, llm_json_get(v, "tool_call_id"), path, &m->tool_call_id) ||
        !llm__openai_body_cache(q, llm_json_get(v, "cache_control"), path, &m->cache))
        return false;
    if (llm_json_count(llm_json_get(v, "thinking_blocks")) &&
        !llm__openai_body_thinking_blocks(q, llm_json_get(v, "thinking_blocks"), m, path))
        return false;
    if (!llm__openai_body_cut_id(q, &m->tool_call_id, NULL)) return false;
    if (llm_json_count(llm_json_get(v, "tool_calls")) &&
        !llm__openai_body_tool_calls(q, llm_json_get(v, "tool_calls"), m, i))
        return false;
    return llm__openai_body_thought_ids(q, m);
}

/* Whether a tools entry is a built-in or MCP tool (the Responses API's:
   a type other than "function", no function object). */
static bool llm__openai_body_builtin_tool(const llm_json *v) {
    const char *type = llm_json_string(llm_json_get(v, "type"), NULL);
    return !llm_json_get(v, "function") && type && strcmp(type, "function") != 0;
}

/* The built-in and MCP tools of `tools`, as the JSON array tools_json. */
static bool llm__openai_body_builtin_tools(llm__openai_body_state *q, const llm_json *tools) {
    llm_json_writer w;
    const llm_json *v;
    const char *text;
    size_t n;
    bool any = false;
    memset(&w, 0, sizeof w);
    w.alloc = q->out->alloc;
    llm_json_write_array_begin(&w);
    for (v = llm_json_first(tools); v; v = llm_json_next(tools, v))
        if (llm__openai_body_builtin_tool(v)) llm_json_write_value(&w, v), any = true;
    llm_json_write_array_end(&w);
    if (any && (llm_json_writer_finish(&w, &text, &n) != LLM_OK ||
                !(q->out->request.tools_json = llm__arena_strndup(&q->out->alloc, &q->out->arena_, text, n))))
        q->oom = true;
    llm_json_writer_free(&w);
    return !q->oom;
}

static bool llm__openai_body_tools(llm__openai_body_state *q, const llm_json *tools) {
    char path[48];
    const llm_json *v;
    llm_tool *out = (llm_tool *)llm__openai_body_alloc(q, llm_json_count(tools), sizeof *out);
    size_t i = 0, k = 0;
    if (!llm__openai_body_builtin_tools(q, tools)) return false;
    for (v = llm_json_first(tools); v && out; v = llm_json_next(tools, v), k++) {
        const llm_json *fn = llm_json_get(v, "function"), *params = llm_json_get(fn, "parameters");
        if (llm__openai_body_builtin_tool(v)) continue; /* in tools_json */
        llm__format(path, sizeof path, "tools[%z].function", k);
        if (!llm_json_is(fn, LLM_JSON_OBJECT))
            return llm__openai_body_bad(q, LLM_ERR_UNSUPPORTED,
                                        "tools[%z]: only function tools, and the Responses API's built-in ones", k);
        if (!llm__openai_body_str(q, llm_json_get(fn, "name"), path, &out[i].name) ||
            !llm__openai_body_str(q, llm_json_get(fn, "description"), path, &out[i].description) ||
            !llm__openai_body_bool(q, llm_json_get(fn, "strict"), path, &out[i].strict) ||
            !llm__openai_body_cache(q, llm_json_get(v, "cache_control"), path, &out[i].cache))
            return false;
        if (params) out[i].parameters = llm__openai_body_json_text(q, params, "tools[].function.parameters");
        i++;
    }
    q->out->request.tools = out;
    q->out->request.tool_count = out ? i : 0;
    return !q->oom;
}

static bool llm__openai_body_tool_choice(llm__openai_body_state *q, const llm_json *v) {
    static const char *const modes[] = {"none", "auto", "required"};
    llm_tool_choice *tc = &q->out->request.tool_choice;
    const char *s = llm_json_string(v, NULL);
    size_t i;
    if (!v) return true;
    for (i = 0; s && i < 3; i++)
        if (strcmp(s, modes[i]) == 0) {
            tc->mode = (llm_tool_choice_mode)(LLM_TOOL_CHOICE_NONE + i);
            return true;
        }
    tc->mode = LLM_TOOL_CHOICE_FUNCTION;
    if (!s && llm__openai_body_str(q, llm_json_get(llm_json_get(v, "function"), "name"), "tool_choice.function.name",
                                   &tc->name) && tc->name)
        return true;
    llm__fail(q->err, LLM_ERR_INVALID_ARGUMENT,
              "tool_choice: expected none, auto, required or {\"type\":\"function\",\"function\":{\"name\"}}");
    return false;
}

static bool llm__openai_body_format(llm__openai_body_state *q, const llm_json *v) {
    static const char *const types[] = {"text", "json_object", "json_schema"};
    llm_response_format *f = &q->out->request.response_format;
    const char *type = llm_json_string(llm_json_get(v, "type"), NULL);
    const llm_json *js = llm_json_get(v, "json_schema");
    size_t i;
    if (!v) return true;
    for (i = 0; type && i < 3 && strcmp(type, types[i]) != 0; i++) {}
    if (!type || i == 3)
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT,
                                    "response_format.type: expected text, json_object or json_schema");
    f->type = (llm_format_type)(LLM_FORMAT_TEXT + i);
    if (f->type != LLM_FORMAT_JSON_SCHEMA) return true;
    if (llm_json_get(js, "schema"))
        f->schema = llm__openai_body_json_text(q, llm_json_get(js, "schema"), "response_format.json_schema.schema");
    return llm__openai_body_str(q, llm_json_get(js, "name"), "response_format.json_schema.name", &f->name) &&
           llm__openai_body_str(q, llm_json_get(js, "description"), "response_format.json_schema.description",
                                &f->description) &&
           llm__openai_body_bool(q, llm_json_get(js, "strict"), "response_format.json_schema.strict", &f->strict) &&
           !q->oom;
}

static bool llm__openai_body_stop(llm__openai_body_state *q, const llm_json *v) {
    const llm_json *e;
    const char **out;
    size_t i = 0;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    out = (const char **)llm__openai_body_alloc(q, llm_json_is(v, LLM_JSON_ARRAY) ? llm_json_count(v) : 1, sizeof *out);
    if (!out) return !llm_json_is(v, LLM_JSON_STRING) && !q->oom; /* an empty array */
    if (llm_json_is(v, LLM_JSON_STRING)) {
        if (!llm__openai_body_str(q, v, "stop", &out[0])) return false;
        i = 1;
    } else {
        for (e = llm_json_first(v); e; e = llm_json_next(v, e), i++)
            if (!llm__openai_body_str(q, e, "stop", &out[i]) || !out[i])
                return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "stop[%z]: expected a string", i);
    }
    q->out->request.stop = out;
    q->out->request.stop_count = i;
    return true;
}

static bool llm__openai_body_metadata(llm__openai_body_state *q, const llm_json *v) {
    const llm_json *k;
    llm_pair *out;
    size_t i = 0;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!llm_json_is(v, LLM_JSON_OBJECT))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "metadata: expected an object of strings");
    out = (llm_pair *)llm__openai_body_alloc(q, llm_json_count(v), sizeof *out);
    for (k = llm_json_first(v); k && out; k = llm_json_next(v, k), i++)
        if (!llm__openai_body_str(q, k, "metadata", &out[i].name) ||
            !llm__openai_body_str(q, k + 1, "metadata", &out[i].value) || !out[i].value)
            return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "metadata: expected an object of strings");
    q->out->request.metadata = out;
    q->out->request.metadata_count = out ? i : 0;
    return !q->oom;
}

/* The scalar members, each into its field. */
static bool llm__openai_body_scalars(llm__openai_body_state *q, const llm_json *root) {
    llm_request *r = &q->out->request;
    bool parallel = false, has_parallel = llm_json_is(llm_json_get(root, "parallel_tool_calls"), LLM_JSON_TRUE) ||
                                         llm_json_is(llm_json_get(root, "parallel_tool_calls"), LLM_JSON_FALSE);
    if (!llm__openai_body_str(q, llm_json_get(root, "model"), "model", &r->model) ||
        !llm__openai_body_str(q, llm_json_get(root, "user"), "user", &r->user) ||
        !llm__openai_body_str(q, llm_json_get(root, "reasoning_effort"), "reasoning_effort", &r->reasoning_effort) ||
        !llm__openai_body_str(q, llm_json_get(root, "service_tier"), "service_tier", &r->service_tier) ||
        !llm__openai_body_num(q, llm_json_get(root, "temperature"), "temperature", &r->temperature,
                              &r->has_temperature) ||
        !llm__openai_body_num(q, llm_json_get(root, "top_p"), "top_p", &r->top_p, &r->has_top_p) ||
        !llm__openai_body_num(q, llm_json_get(root, "presence_penalty"), "presence_penalty", &r->presence_penalty,
                              &r->has_presence_penalty) ||
        !llm__openai_body_num(q, llm_json_get(root, "frequency_penalty"), "frequency_penalty", &r->frequency_penalty,
                              &r->has_frequency_penalty) ||
        !llm__openai_body_int64(q, llm_json_get(root, "seed"), "seed", &r->seed, &r->has_seed) ||
        !llm__openai_body_int(q, llm_json_get(root, "max_tokens"), "max_tokens", &r->max_tokens) ||
        !llm__openai_body_int(q, llm_json_get(root, "max_completion_tokens"), "max_completion_tokens",
                              &r->max_completion_tokens) ||
        !llm__openai_body_int(q, llm_json_get(root, "n"), "n", &r->n) ||
        !llm__openai_body_bool(q, llm_json_get(root, "logprobs"), "logprobs", &r->logprobs) ||
        !llm__openai_body_bool(q, llm_json_get(root, "parallel_tool_calls"), "parallel_tool_calls", &parallel))
        return false;
    if (llm_json_get(root, "top_logprobs")) {
        r->has_top_logprobs = true;
        if (!llm__openai_body_int(q, llm_json_get(root, "top_logprobs"), "top_logprobs", &r->top_logprobs))
            return false;
    }
    if (llm_json_get(root, "top_k")) {
        r->has_top_k = true;
        if (!llm__openai_body_int(q, llm_json_get(root, "top_k"), "top_k", &r->top_k)) return false;
    }
    if (has_parallel) r->parallel_tool_calls = parallel ? LLM_TRUE : LLM_FALSE;
    return true;
}

/* The members llm_request holds; any other goes to extra_body and the
   unknown list. */
static bool llm__openai_body_known(const char *key) {
    static const char *const known[] = {
        "model", "messages", "tools", "tool_choice", "response_format", "max_tokens", "max_completion_tokens",
        "temperature", "top_p", "stop", "seed", "n", "presence_penalty", "frequency_penalty", "logprobs",
        "top_logprobs", "reasoning_effort", "parallel_tool_calls", "user", "metadata", "service_tier", "stream",
        "stream_options", "top_k", NULL};
    size_t i;
    for (i = 0; known[i]; i++)
        if (strcmp(key, known[i]) == 0) return true;
    return false;
}

static bool llm__openai_body_rest(llm__openai_body_state *q, const llm_json *root) {
    llm_openai_request *o = q->out;
    const llm_json *k, *so = llm_json_get(root, "stream_options");
    const char *text;
    size_t n;
    if (!llm__openai_body_bool(q, llm_json_get(root, "stream"), "stream", &o->stream)) return false;
    if (llm_json_is(llm_json_get(so, "include_usage"), LLM_JSON_FALSE)) o->request.stream.no_usage = true;
    llm_json_write_object_begin(&q->extra);
    for (k = llm_json_first(root); k; k = llm_json_next(root, k)) {
        const char *key = llm_json_string(k, NULL);
        if (llm__openai_body_known(key)) continue;
        if (o->unknown_count < sizeof o->unknown / sizeof o->unknown[0]) o->unknown[o->unknown_count] = key;
        o->unknown_count++;
        llm_json_write_key(&q->extra, key);
        llm_json_write_value(&q->extra, k + 1);
    }
    llm_json_write_object_end(&q->extra);
    if (!o->unknown_count) return true;
    if (llm_json_writer_finish(&q->extra, &text, &n) != LLM_OK ||
        !(o->request.extra_body = llm__arena_strndup(&o->alloc, &o->arena_, text, n)))
        q->oom = true;
    return !q->oom;
}

/* The thinking_blocks of a request are the reasoning blocks of the wire
   format its model resolves to, when that format keeps any (LiteLLM's
   thinking_blocks carry Anthropic's and Gemini's alike). */
static void llm__openai_body_gemini_blocks(llm__openai_body_state *q) {
    const llm_provider *p = q->out->request.model ? llm_provider_for_model(q->out->request.model, NULL) : NULL;
    size_t i;
    if (!p || !p->wire || !p->wire->reasoning_blocks) return;
    for (i = 0; i < q->out->request.message_count; i++) {
        llm_message *m = (llm_message *)&q->out->request.messages[i];
        if (m->reasoning_count && m->reasoning[0].kind != LLM_REASONING_ITEM) m->reasoning_format = p->wire->name;
    }
}

static bool llm__openai_body_read(llm__openai_body_state *q, const llm_json *root) {
    const llm_json *msgs = llm_json_get(root, "messages"), *v;
    llm_message *m;
    size_t i = 0;
    if (!llm_json_is(root, LLM_JSON_OBJECT))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "expected a JSON object (a chat-completions request)");
    if (!llm_json_is(msgs, LLM_JSON_ARRAY) || !llm_json_count(msgs))
        return llm__openai_body_bad(q, LLM_ERR_INVALID_ARGUMENT, "messages: expected a non-empty array");
    m = (llm_message *)llm__openai_body_alloc(q, llm_json_count(msgs), sizeof *m);
    for (v = llm_json_first(msgs); v && m; v = llm_json_next(msgs, v), i++)
        if (!llm__openai_body_message(q, v, &m[i], i)) return false;
    q->out->request.messages = m;
    q->out->request.message_count = m ? i : 0;
    if (!llm__openai_body_scalars(q, root)) return false;
    llm__openai_body_gemini_blocks(q);
    if ((llm_json_count(llm_json_get(root, "tools")) && !llm__openai_body_tools(q, llm_json_get(root, "tools"))) ||
        !llm__openai_body_tool_choice(q, llm_json_get(root, "tool_choice")) ||
        !llm__openai_body_format(q, llm_json_get(root, "response_format")) ||
        !llm__openai_body_stop(q, llm_json_get(root, "stop")) ||
        !llm__openai_body_metadata(q, llm_json_get(root, "metadata")))
        return false;
    return llm__openai_body_rest(q, root) && !q->oom && !q->failed;
}

LLM_API llm_result llm_request_parse_openai(llm_openai_request *out, const char *json, size_t len, llm_error *err) {
    llm__openai_body_state q;
    llm_allocator a;
    llm_error local;
    llm_result r;
    if (!err) err = &local;
    if (!out || (!json && len))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_request_parse_openai: NULL argument");
    a = out->alloc;
    memset(out, 0, sizeof *out);
    out->alloc = a;
    out->doc_.alloc = a;
    if ((r = llm_json_parse(&out->doc_, json ? json : "", len, err)) != LLM_OK) {
        llm_openai_request_free(out);
        return r;
    }
    memset(&q, 0, sizeof q);
    q.out = out;
    q.err = err;
    q.extra.alloc = a;
    llm__error_clear(err);
    if (!llm__openai_body_read(&q, llm_json_root(&out->doc_))) {
        r = q.oom ? llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory") : err->code;
        llm_json_writer_free(&q.extra);
        llm_openai_request_free(out);
        return r;
    }
    llm_json_writer_free(&q.extra);
    return LLM_OK;
}

LLM_API void llm_openai_request_free(llm_openai_request *r) {
    llm_allocator a;
    if (!r) return;
    a = r->alloc;
    llm_json_doc_free(&r->doc_);
    llm__arena_free(&a, &r->arena_);
    memset(r, 0, sizeof *r);
    r->alloc = a;
}

#ifdef __cplusplus
}
#endif
#endif /* LLM_IMPLEMENTATION */

/*
------------------------------------------------------------------------------
MIT License

Copyright (c) 2026 the llm.h authors

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
------------------------------------------------------------------------------
*/
