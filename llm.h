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
   Check a JSON document and read a field from it:

       llm_json_doc doc = {0};
       llm_error err;
       if (llm_json_parse(&doc, text, len, &err) != LLM_OK) {
           fprintf(stderr, "offset %zu: %s\n", err.offset, err.message);
       } else {
           const llm_json *model = llm_json_get(llm_json_root(&doc), "model");
           printf("%s\n", llm_json_string(model, NULL));
       }
       llm_json_doc_free(&doc);

   TABLE OF CONTENTS
   -----------------
   Configuration macros . Concepts and ownership . Errors . Memory .
   JSON . Thread safety . What llm.h does NOT do . Recent changes.
   Implementation sections are marked `// >>name` (grep for `// >>json`).

   CONFIGURATION MACROS
   --------------------
   | macro                   | default       | define it              |
   |-------------------------|---------------|------------------------|
   | LLM_IMPLEMENTATION      | -             | one TU                 |
   | LLM_STATIC              | off           | everywhere             |
   | LLM_API                 | extern        | everywhere             |
   | LLM_ASSERT(c)           | assert(c)     | implementation TU      |
   | LLM_NO_STDIO            | off           | everywhere             |
   | LLM_DEFAULT_ALLOC(n)    | malloc        | impl TU, all or none   |
   | LLM_DEFAULT_REALLOC(p,n)| realloc       | impl TU, all or none   |
   | LLM_DEFAULT_FREE(p)     | free          | impl TU, all or none   |
   | LLM_JSON_MAX_DEPTH      | 512           | implementation TU      |
   | LLM_ERROR_MESSAGE_SIZE  | 256           | everywhere (struct)    |

   LLM_ASSERT only catches programmer errors (a NULL document); bytes from the
   network or a file never trigger it. `llm_limits()` tells at run time
   which limits the implementation was compiled with.

   CONCEPTS AND OWNERSHIP
   ----------------------
   Structs are plain and work zeroed: a zero field means "the default".
   Every allocation goes through an `llm_allocator` (zeroed = malloc/realloc/
   free). An object that allocates (a JSON document, a JSON writer) owns its
   memory until its `*_free` function; freeing a zeroed object is a no-op.

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

   THREAD SAFETY
   -------------
   No global or static mutable data. An object may move between threads but
   must not be used by two at once; pure functions (`llm_result_str`,
   `llm_json_*` lookups on a finished document) are safe anywhere.

   WHAT llm.h DOES NOT DO
   ----------------------
   It opens no sockets and reads no clock on its own; it never prints unless
   a caller-supplied log callback is set.

   RECENT CHANGES
   --------------
   0.1.0  foundation: result codes, errors, allocator, strict JSON reader and
          writer (see CHANGELOG.md).
*/
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
/* >>config: version, allocator, limits                                      */
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

/* The limits this implementation was compiled with. */
typedef struct llm_limits_info {
    int json_max_depth;          /* LLM_JSON_MAX_DEPTH */
    size_t error_message_size;   /* LLM_ERROR_MESSAGE_SIZE */
} llm_limits_info;

LLM_API llm_limits_info llm_limits(void);

/* ------------------------------------------------------------------------ */
/* >>types: result codes and errors                                          */
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

/* Details of a failure. Every field is filled (zero/empty when unknown). */
typedef struct llm_error {
    llm_result code;
    int http_status;              /* 0 when no HTTP answer was involved */
    char type[64];                /* provider's error type ("invalid_request_error") */
    char provider_code[64];       /* provider's error code ("context_length_exceeded") */
    char request_id[96];          /* provider's request id, when it sent one */
    char message[LLM_ERROR_MESSAGE_SIZE]; /* human sentence, never an API key */
    size_t offset;                /* byte offset of a parse error */
    int64_t retry_after_ms;       /* -1 when the answer said nothing */
    int should_retry;             /* x-should-retry: 1 true, 0 false, -1 absent */
    bool retryable;               /* whether retrying the same request may help */
} llm_error;

/* ------------------------------------------------------------------------ */
/* >>types: requests, messages, responses, usage                             */
/* ------------------------------------------------------------------------ */

/* An optional boolean where "unset" (zero) means "leave it to the server". */
typedef enum llm_tristate { LLM_UNSET = 0, LLM_TRUE = 1, LLM_FALSE = 2 } llm_tristate;

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
    LLM_PART_IMAGE_BASE64   /* base64 bytes plus a media type */
} llm_part_type;

typedef enum llm_image_detail { LLM_DETAIL_DEFAULT = 0, LLM_DETAIL_AUTO, LLM_DETAIL_LOW, LLM_DETAIL_HIGH } llm_image_detail;

/* One part of a message's content. */
typedef struct llm_content_part {
    llm_part_type type;
    const char *text;          /* LLM_PART_TEXT */
    const char *url;           /* LLM_PART_IMAGE_URL */
    const char *base64;        /* LLM_PART_IMAGE_BASE64 */
    const char *media_type;    /* LLM_PART_IMAGE_BASE64: "image/png", ... */
    llm_image_detail detail;
    int width, height;         /* optional pixel size, for token counting */
} llm_content_part;

/* A tool call: made by the assistant, or sent back in the history. */
typedef struct llm_tool_call {
    const char *id;
    const char *name;
    const char *arguments;     /* JSON text of the arguments object */
} llm_tool_call;

typedef struct llm_message {
    llm_role role;
    const char *content;                 /* text content; NULL when `parts` is used */
    const llm_content_part *parts;
    size_t part_count;
    const char *name;                    /* optional participant name */
    const llm_tool_call *tool_calls;     /* assistant: the calls it made */
    size_t tool_call_count;
    const char *tool_call_id;            /* tool: the call this answers */
} llm_message;

typedef struct llm_tool {
    const char *name;
    const char *description;
    const char *parameters;    /* JSON Schema text; NULL = an object with no properties */
    bool strict;
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
} llm_request;

typedef enum llm_finish_reason {
    LLM_FINISH_NONE = 0,       /* not given (yet) */
    LLM_FINISH_STOP,
    LLM_FINISH_LENGTH,
    LLM_FINISH_TOOL_CALLS,
    LLM_FINISH_CONTENT_FILTER,
    LLM_FINISH_OTHER           /* see finish_reason_raw */
} llm_finish_reason;

/* Token counts in one convention for every provider (OpenAI's): the prompt
   includes cached and cache-write tokens, the completion includes reasoning
   tokens. Decoders convert other conventions (Anthropic's input_tokens
   exclude cache reads and writes). */
typedef struct llm_usage {
    bool present;                   /* the provider reported usage */
    bool estimated;                 /* counted by the library, not the provider */
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
    llm_usage usage;
    bool has_cost;
    double cost_usd;                /* computed from the price table */
    bool has_provider_cost;
    double provider_cost_usd;       /* as reported by the provider or a proxy */
    const char *request_id;         /* the provider's request id header */
    int http_status;
    int64_t latency_ms;             /* from begin to finish, by the caller's clock */
    const char *raw_body;           /* when the client keeps raw bodies */
    size_t raw_body_len;
    /* private */
    llm_allocator alloc_;
    void *arena_;
} llm_response;

/* Frees everything the response owns; a zeroed response is a no-op. */
LLM_API void llm_response_free(llm_response *response);

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
/* A complete JSON value given as text; it is validated (strictly) first. */
LLM_API void llm_json_write_raw(llm_json_writer *w, const char *json, size_t len);
/* Checks the text is complete and returns the sticky result. On LLM_OK,
   *out (NUL-terminated) and *len describe the text, owned by the writer
   until llm_json_writer_free or llm_json_writer_take. */
LLM_API llm_result llm_json_writer_finish(llm_json_writer *w, const char **out, size_t *len);
/* Starts over, keeping the buffer. */
LLM_API void llm_json_writer_reset(llm_json_writer *w);
LLM_API void llm_json_writer_free(llm_json_writer *w);

/* ------------------------------------------------------------------------ */
/* >>transport: the HTTP exchange the caller performs                        */
/* ------------------------------------------------------------------------ */

/* What to send. Everything points into memory owned by whoever built it
   (the call, or the caller) and stays valid until that finishes. */
typedef struct llm_http_request {
    const char *method;          /* "POST" or "GET" */
    const char *url;
    const llm_pair *headers;     /* names and values never contain CR or LF */
    size_t header_count;
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
} llm_http_sink;

/* A blocking transport: performs one exchange and pushes it into the sink.
   Returns LLM_OK when a whole HTTP answer was delivered (whatever its
   status), the sink's result when the sink stopped it, or LLM_ERR_TRANSPORT
   / LLM_ERR_TIMEOUT with `err` filled (err may be NULL). */
typedef struct llm_transport {
    llm_result (*send)(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err);
    void *user;
} llm_transport;

/* ------------------------------------------------------------------------ */
/* >>tokens: BPE token counting (public part)                                */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* >>costs: prices and model facts (public part)                             */
/* ------------------------------------------------------------------------ */

#ifdef __cplusplus
}
#endif
#endif /* LLM_H_INCLUDED */

/* ======================================================================== */
/*                              IMPLEMENTATION                              */
/* ======================================================================== */
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

#if defined(__GNUC__) || defined(__clang__)
#define LLM__LIKELY(x) __builtin_expect(!!(x), 1)
#define LLM__UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LLM__LIKELY(x) (x)
#define LLM__UNLIKELY(x) (x)
#endif

/* Shared internal helpers that a feature toggle (LLM_NO_BPE, ...) may leave
   without a caller. */
#if defined(__GNUC__) || defined(__clang__)
#define LLM__SHARED static __attribute__((unused))
#else
#define LLM__SHARED static
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
// >>config
/* ------------------------------------------------------------------------ */

LLM_API uint32_t llm_version(void) { return LLM_VERSION_NUM; }

LLM_API llm_limits_info llm_limits(void) {
    llm_limits_info info;
    info.json_max_depth = LLM_JSON_MAX_DEPTH;
    info.error_message_size = LLM_ERROR_MESSAGE_SIZE;
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

/* ------------------------------------------------------------------------ */
// >>errors
/* ------------------------------------------------------------------------ */

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
LLM__SHARED void llm__copy_text(char *dst, size_t size, const char *s, size_t n) {
    if (size == 0) return;
    if (!s) n = 0;
    if (n > size - 1) n = size - 1;
    if (n) memcpy(dst, s, n);
    dst[n] = '\0';
}

static void llm__error_clear(llm_error *err) {
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->retry_after_ms = -1;
    err->should_retry = -1;
}

/* Appends a decimal number to dst[*pos..size). */
static void llm__append_u64(char *dst, size_t size, size_t *pos, uint64_t v) {
    char digits[24];
    size_t n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n && *pos + 1 < size) dst[(*pos)++] = digits[--n];
    dst[*pos] = '\0';
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

/* ------------------------------------------------------------------------ */
// >>types
/* ------------------------------------------------------------------------ */

/* An arena: a list of blocks, each allocated through the owner's allocator,
   released together. Responses and conversations own one. */
typedef struct llm__arena_block {
    struct llm__arena_block *next;
    size_t size, used;
} llm__arena_block;

#define LLM__ARENA_MIN_BLOCK 4096
#define LLM__ALIGN 16

LLM__SHARED void *llm__arena_alloc(const llm_allocator *a, void **arena, size_t size) {
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
LLM__SHARED char *llm__arena_strndup(const llm_allocator *a, void **arena, const char *s, size_t n) {
    char *p = (char *)llm__arena_alloc(a, arena, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void llm__arena_free(const llm_allocator *a, void **arena) {
    llm__arena_block *b = (llm__arena_block *)*arena;
    while (b) {
        llm__arena_block *next = b->next;
        llm__free(a, b, b->size);
        b = next;
    }
    *arena = NULL;
}

LLM_API void llm_response_free(llm_response *response) {
    if (!response) return;
    llm__arena_free(&response->alloc_, &response->arena_);
    memset(response, 0, sizeof *response);
}

/* ------------------------------------------------------------------------ */
// >>json
/* ------------------------------------------------------------------------ */

#define LLM__JSON_TYPE_MASK 0xFu
#define LLM__JSON_INT 0x10u   /* number is an exact int64 in u.i */

/* TEMP numbers (to be replaced) */
#include <stdio.h>
static bool llm__parse_double(const char *s, size_t n, double *out) {
    char buf[512]; double d;
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, s, n); buf[n] = 0; d = strtod(buf, NULL);
    if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308) return false;
    *out = d; return true;
}
static size_t llm__format_double(double v, char *out) {
    int p; if (v != v || v - v != 0) { out[0] = 0; return 0; }
    for (p = 1; p <= 17; p++) { snprintf(out, 32, "%.*g", p, v); if (strtod(out, NULL) == v) break; }
    return strlen(out);
}

static llm_json_type llm__json_type(const llm_json *v) { return (llm_json_type)(v->tag & LLM__JSON_TYPE_MASK); }

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
static size_t llm__utf8_seq(const unsigned char *p, const unsigned char *end) {
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

static size_t llm__utf8_encode(char *out, uint32_t cp) {
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

static int llm__hex4(const unsigned char *p) {
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
    static const char simple_from[] = "\"\\/bfnrt";
    static const char simple_to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    int hi, lo;
    if (ps->end - p < 2) return 0;
    if (p[1] != 'u') {
        hit = p[1] ? strchr(simple_from, p[1]) : NULL;
        if (!hit) return 0;
        *ps->out++ = simple_to[hit - simple_from];
        return 2;
    }
    if (ps->end - p < 6 || (hi = llm__hex4(p + 2)) < 0) return 0;
    if (hi < 0xD800 || hi > 0xDFFF) {
        ps->out += llm__utf8_encode(ps->out, (uint32_t)hi);
        return 6;
    }
    if (hi > 0xDBFF || ps->end - p < 12 || p[6] != '\\' || p[7] != 'u') return 0;
    lo = llm__hex4(p + 8);
    if (lo < 0xDC00 || lo > 0xDFFF) return 0;
    ps->out += llm__utf8_encode(ps->out, 0x10000u + (((uint32_t)hi - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u));
    return 12;
}

/* Copies plain bytes of a string from p to ps->out, eight at a time while
   possible (the copy runs ahead of the scan: the output never overtakes the
   input, so the extra bytes land inside the buffer and are overwritten).
   Returns where the first byte that needs attention is, or end. */
static const unsigned char *llm__json_copy_plain(llm__json_parser *ps, const unsigned char *p) {
    const unsigned char *end = ps->end;
    char *out = ps->out;
#ifdef LLM__SIMD16
    while (p + 16 <= end) {
        unsigned mask = llm__special16(p, true);
        memcpy(out, p, 16);
        if (mask) {
            unsigned k = llm__ctz(mask);
            ps->out = out + k;
            return p + k;
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
static llm_result llm__json_string(llm__json_parser *ps) {
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
            if (!k) return llm__json_error(ps, p, p + 1 < end && p[1] == 'u' ? "invalid \\u escape or unpaired surrogate" : "invalid escape in string");
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

static const unsigned char *llm__digits(const unsigned char *p, const unsigned char *end) {
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
    else if (p < end && *p >= '1' && *p <= '9') p = llm__digits(p, end);
    else return llm__json_error(ps, p, "invalid number");
    if (p < end && *p == '.') {
        q = llm__digits(p + 1, end);
        if (q == p + 1) return llm__json_error(ps, q, "digit expected after decimal point");
        p = q;
        integral = false;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        q = llm__digits(p, end);
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
        if (!llm__parse_double((const char *)s, (size_t)(p - s), &v->u.num))
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
static llm_result llm__json_value(llm__json_parser *ps, uint32_t *stack, int *depth, int max_depth) {
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
static llm_result llm__json_key(llm__json_parser *ps) {
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
            return llm__json_error(ps, ps->p, llm__json_type(top) == LLM_JSON_OBJECT ? "',' or '}' expected" : "',' or ']' expected");
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
    if (!doc || (!text && len)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_json_parse: NULL document or text");
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
        if (k->len == key_len && memcmp(k->u.str, key, key_len) == 0) return k + 1;
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

LLM_API bool llm_json_bool(const llm_json *v, bool fallback) {
    llm_json_type t = llm_json_type_of(v);
    if (!v || (t != LLM_JSON_TRUE && t != LLM_JSON_FALSE)) return fallback;
    return t == LLM_JSON_TRUE;
}

/* ---- writer ---- */

#define LLM__JSON_WRITER_MAX_DEPTH 64

static void llm__jw_fail(llm_json_writer *w, llm_result r) {
    if (w->error_ == LLM_OK) w->error_ = r;
}

static bool llm__jw_reserve(llm_json_writer *w, size_t extra) {
    void *buf = w->buf_;
    if (w->error_ != LLM_OK) return false;
    if (w->len_ + extra + 1 <= w->capacity_) return true;
    if (extra > ((size_t)-1) / 2 - w->len_ || !llm__grow(&w->alloc, &buf, &w->capacity_, w->len_ + extra + 1, 1)) {
        llm__jw_fail(w, LLM_ERR_NO_MEMORY);
        return false;
    }
    w->buf_ = (char *)buf;
    return true;
}

static void llm__jw_put(llm_json_writer *w, const char *s, size_t n) {
    if (!llm__jw_reserve(w, n)) return;
    memcpy(w->buf_ + w->len_, s, n);
    w->len_ += n;
    w->buf_[w->len_] = '\0';
}

/* Called before every value: the comma between items, and checks. */
static bool llm__jw_before_value(llm_json_writer *w) {
    uint64_t bit;
    if (w->error_ != LLM_OK) return false;
    if (w->depth_ == 0) {
        if (w->len_ > 0) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return false; } /* second top value */
        return true;
    }
    bit = 1ull << (w->depth_ - 1);
    if (w->in_object_ & bit) {
        if (!w->after_key_) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return false; } /* value without key */
        w->after_key_ = false;
        return true;
    }
    if (w->has_items_ & bit) llm__jw_put(w, ",", 1);
    w->has_items_ |= bit;
    return w->error_ == LLM_OK;
}

static void llm__jw_open(llm_json_writer *w, char c, bool object) {
    uint64_t bit;
    if (!llm__jw_before_value(w)) return;
    if (w->depth_ >= LLM__JSON_WRITER_MAX_DEPTH) { llm__jw_fail(w, LLM_ERR_LIMIT_EXCEEDED); return; }
    llm__jw_put(w, &c, 1);
    bit = 1ull << w->depth_++;
    w->has_items_ &= ~bit;
    if (object) w->in_object_ |= bit;
    else w->in_object_ &= ~bit;
}

static void llm__jw_close(llm_json_writer *w, char c, bool object) {
    uint64_t bit;
    if (w->error_ != LLM_OK) return;
    bit = w->depth_ > 0 ? 1ull << (w->depth_ - 1) : 0;
    if (!bit || ((w->in_object_ & bit) != 0) != object || w->after_key_) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    llm__jw_put(w, &c, 1);
    w->depth_--;
}

LLM_API void llm_json_write_object_begin(llm_json_writer *w) { llm__jw_open(w, '{', true); }
LLM_API void llm_json_write_object_end(llm_json_writer *w) { llm__jw_close(w, '}', true); }
LLM_API void llm_json_write_array_begin(llm_json_writer *w) { llm__jw_open(w, '[', false); }
LLM_API void llm_json_write_array_end(llm_json_writer *w) { llm__jw_close(w, ']', false); }

/* Writes s as a quoted JSON string; invalid UTF-8 fails the writer. */
static void llm__jw_quoted(llm_json_writer *w, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run;
    if (llm__utf8_valid_prefix(s, n) != n) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    /* worst case every byte becomes \u00XX */
    if (n > ((size_t)-1) / 8 || !llm__jw_reserve(w, n * 6 + 2)) { llm__jw_fail(w, LLM_ERR_NO_MEMORY); return; }
    w->buf_[w->len_++] = '"';
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
    w->buf_[w->len_++] = '"';
    w->buf_[w->len_] = '\0';
}

LLM_API void llm_json_write_keyn(llm_json_writer *w, const char *key, size_t len) {
    uint64_t bit;
    if (!w || w->error_ != LLM_OK) return;
    bit = w->depth_ > 0 ? 1ull << (w->depth_ - 1) : 0;
    if (!key || !(w->in_object_ & bit) || w->after_key_) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    if (w->has_items_ & bit) llm__jw_put(w, ",", 1);
    w->has_items_ |= bit;
    llm__jw_quoted(w, key, len);
    llm__jw_put(w, ":", 1);
    w->after_key_ = true;
}

LLM_API void llm_json_write_key(llm_json_writer *w, const char *key) {
    llm_json_write_keyn(w, key, key ? strlen(key) : 0);
}

LLM_API void llm_json_write_stringn(llm_json_writer *w, const char *s, size_t len) {
    if (!s) { llm_json_write_null(w); return; }
    if (llm__jw_before_value(w)) llm__jw_quoted(w, s, len);
}

LLM_API void llm_json_write_string(llm_json_writer *w, const char *s) {
    llm_json_write_stringn(w, s, s ? strlen(s) : 0);
}

LLM_API void llm_json_write_number(llm_json_writer *w, double v) {
    char buf[32];
    size_t n;
    if (!llm__jw_before_value(w)) return;
    n = llm__format_double(v, buf);
    if (n == 0) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return; } /* NaN or infinity */
    llm__jw_put(w, buf, n);
}

LLM_API void llm_json_write_int(llm_json_writer *w, int64_t v) {
    char buf[24];
    size_t pos = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (!llm__jw_before_value(w)) return;
    if (v < 0) buf[pos++] = '-';
    llm__append_u64(buf, sizeof buf, &pos, u);
    llm__jw_put(w, buf, pos);
}

LLM_API void llm_json_write_bool(llm_json_writer *w, bool v) {
    if (llm__jw_before_value(w)) llm__jw_put(w, v ? "true" : "false", v ? 4 : 5);
}

LLM_API void llm_json_write_null(llm_json_writer *w) {
    if (llm__jw_before_value(w)) llm__jw_put(w, "null", 4);
}

LLM_API void llm_json_write_raw(llm_json_writer *w, const char *json, size_t len) {
    llm_json_doc doc;
    llm_result r;
    if (!w || w->error_ != LLM_OK) return;
    memset(&doc, 0, sizeof doc);
    doc.alloc = w->alloc;
    r = llm_json_parse(&doc, json, len, NULL);
    llm_json_doc_free(&doc);
    if (r != LLM_OK) { llm__jw_fail(w, r == LLM_ERR_NO_MEMORY ? r : LLM_ERR_INVALID_ARGUMENT); return; }
    if (llm__jw_before_value(w)) llm__jw_put(w, json, len);
}

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
// >>tokens
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
// >>costs
/* ------------------------------------------------------------------------ */

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
