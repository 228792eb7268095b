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
   Thread-safe on a shared bpe. */
LLM_API llm_result llm_count_request_tokens(const llm_request *request, const llm_bpe *bpe, size_t *tokens,
                                            llm_error *err);

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

static void llm__json_skip_ws(llm__json_parser *ps) {
    const unsigned char *p = ps->p, *end = ps->end;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    ps->p = p;
}

/* Appends a value slot; the caller fills it. NULL when out of memory. */
static llm_json *llm__json_push(llm__json_parser *ps) {
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

/* Parses the string whose opening quote is at ps->p into a new value. */
static llm_result llm__json_string(llm__json_parser *ps) {
    const unsigned char *p = ps->p + 1, *end = ps->end, *run = p;
    char *begin = ps->out;
    llm_json *v = llm__json_push(ps);
    if (!v) return llm__fail(ps->err, LLM_ERR_NO_MEMORY, "out of memory");
    for (;;) {
        while (p + 8 <= end && !llm__swar_special(llm__load64(p))) p += 8;
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') p++;
        memcpy(ps->out, run, (size_t)(p - run));
        ps->out += p - run;
        if (p >= end) return llm__json_error(ps, p, "unterminated string");
        if (*p == '"') break;
        if (*p == '\\') {
            size_t k = llm__json_escape(ps, p);
            if (!k) return llm__json_error(ps, p, "invalid escape in string");
            p += k;
        } else if (*p < 0x20) {
            return llm__json_error(ps, p, "control character in string");
        } else {
            size_t k = llm__utf8_seq(p, end);
            if (!k) return llm__json_error(ps, p, "invalid UTF-8 in string");
            memcpy(ps->out, p, k);
            ps->out += k;
            p += k;
        }
        run = p;
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
    static const llm_json_type types[3] = {LLM_JSON_NULL, LLM_JSON_FALSE, LLM_JSON_TRUE};
    int i = *ps->p == 'n' ? 0 : *ps->p == 'f' ? 1 : 2;
    size_t n = strlen(words[i]);
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

static bool llm__starts_with(const char *s, const char *prefix) {
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
        if (llm__starts_with(model, o200k[i])) return LLM_ENCODING_O200K_BASE;
    for (i = 0; i < sizeof cl100k / sizeof cl100k[0]; i++)
        if (llm__starts_with(model, cl100k[i])) return LLM_ENCODING_CL100K_BASE;
    return LLM_ENCODING_NONE;
}

#ifndef LLM_NO_BPE

/* >>unicode-tables begin: generated by tools/gen_unicode.py from the Unicode
   Character Database 15.0.0 (UnicodeData.txt, PropList.txt); do not edit. */
#define LLM__UC_VERSION "15.0.0"
#define LLM__UC_SHIFT 7
static const unsigned char llm__uc_stage1[8704] = {
    0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,
    32,33,34,34,35,36,37,38,39,34,34,34,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,
    60,61,62,63,64,64,64,64,65,66,64,64,64,64,67,68,64,64,64,64,64,64,64,64,69,70,71,72,73,64,64,64,
    74,75,76,77,78,79,64,64,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,80,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    81,34,34,34,34,34,34,34,34,82,34,34,83,84,85,86,87,88,89,90,91,92,93,94,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,95,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,34,34,96,97,98,99,34,34,100,101,102,103,104,105,
    106,107,108,109,64,110,111,112,113,114,115,116,34,34,117,118,119,120,121,122,123,124,125,126,127,128,129,64,130,131,132,133,
    134,135,136,137,138,139,140,64,141,142,64,143,144,145,146,64,147,148,149,150,151,152,64,64,153,154,155,156,64,157,158,159,
    34,34,34,34,34,34,34,160,161,34,162,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,163,
    34,34,34,34,34,34,34,34,164,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,34,34,34,34,165,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,34,34,34,34,166,167,168,169,64,64,64,64,170,171,172,173,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,174,34,34,34,34,34,34,34,34,34,175,176,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,177,
    34,34,178,34,34,179,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,180,181,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,182,64,
    64,64,183,184,185,186,187,64,188,189,190,191,192,193,194,195,64,64,64,64,196,197,64,64,64,64,64,64,64,64,198,64,
    199,200,201,64,64,202,64,64,64,203,64,64,64,64,64,204,34,205,206,64,64,64,64,64,207,208,209,64,210,211,64,64,
    64,64,212,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,213,64,64,64,64,64,64,64,64,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,214,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,215,34,216,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,217,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,218,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,34,34,34,34,219,64,64,64,64,64,64,64,64,64,64,64,
    34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,220,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,34,
    34,34,34,34,34,34,34,221,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,222,223,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
    64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,
};
static const unsigned char llm__uc_stage2[28672] = {
    0,0,0,0,0,0,0,0,0,8,8,8,8,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
    0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,7,7,0,2,0,0,0,7,5,0,7,7,7,0,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,2,1,2,1,2,2,
    2,1,1,2,1,2,1,1,2,1,1,1,2,2,1,1,1,1,2,1,1,2,1,1,1,2,2,2,1,1,2,1,1,2,1,2,1,2,1,1,2,1,2,2,1,2,1,1,
    2,1,1,1,2,1,2,1,1,2,2,5,1,2,2,2,5,5,5,5,1,3,2,1,3,2,1,3,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,3,2,1,2,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,1,1,2,1,1,2,
    2,1,2,1,1,1,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,5,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,0,0,0,0,4,4,4,4,4,4,4,4,4,4,
    4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,4,0,0,0,0,0,0,0,4,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,1,2,1,2,4,0,1,2,0,0,4,2,2,2,0,1,0,0,0,0,0,0,1,0,1,1,1,0,1,0,1,1,
    2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,1,1,1,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    2,2,2,2,1,2,0,1,2,1,1,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,0,6,6,6,6,6,6,6,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,4,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,0,6,6,0,6,6,0,6,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,4,4,6,6,0,6,6,6,6,5,5,
    7,7,7,7,7,7,7,7,7,7,5,5,5,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,
    6,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,4,4,0,0,0,0,4,0,0,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,6,6,6,6,4,6,6,6,6,6,6,6,6,6,4,6,6,6,4,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,6,6,6,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,
    5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,0,5,5,5,5,5,5,5,5,0,0,5,
    5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,0,0,0,5,5,5,5,0,0,6,5,6,6,
    6,6,6,6,6,0,0,6,6,0,0,6,6,6,5,0,0,0,0,0,0,0,0,6,0,0,0,0,5,5,0,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,
    5,5,0,0,7,7,7,7,7,7,0,0,5,0,6,0,0,6,6,6,0,5,5,5,5,5,5,0,0,0,0,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,0,5,5,0,0,6,0,6,6,6,6,6,0,0,0,0,6,6,0,0,6,6,6,0,0,
    0,6,0,0,0,0,0,0,0,5,5,5,5,0,5,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,6,6,5,5,5,6,0,0,0,0,0,0,0,0,0,0,
    0,6,6,6,0,5,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,
    5,0,5,5,0,5,5,5,5,5,0,0,6,5,6,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,0,6,6,6,0,5,5,5,5,5,5,5,5,0,0,5,
    5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,0,0,6,5,6,6,
    6,6,6,6,6,0,0,6,6,0,0,6,6,6,0,0,0,0,0,0,0,6,6,6,0,0,0,0,5,5,0,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,
    0,5,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,6,5,0,5,5,5,5,5,5,0,0,0,5,5,5,0,5,5,5,5,0,0,0,5,5,0,5,0,5,5,
    0,0,0,5,5,0,0,0,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,6,6,6,6,6,0,0,0,6,6,6,0,6,6,6,6,0,0,
    5,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,
    6,6,6,6,6,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,0,0,6,5,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,6,0,0,0,0,0,0,0,6,6,0,5,5,5,0,0,5,0,0,
    5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,0,5,6,6,6,0,5,5,5,5,5,5,5,5,0,5,5,
    5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,0,0,6,5,6,6,
    6,6,6,6,6,0,6,6,6,0,6,6,6,6,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,5,5,0,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,
    0,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,5,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,5,6,6,6,6,6,6,6,0,6,6,6,0,6,6,6,6,5,0,
    0,0,0,0,5,5,5,6,7,7,7,7,7,7,7,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,5,5,5,5,5,5,
    0,6,6,6,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,0,5,5,5,5,5,5,5,5,5,0,5,0,0,5,5,5,5,5,5,5,0,0,0,6,0,0,0,0,6,6,6,6,6,6,0,6,0,6,6,6,6,6,6,6,6,
    0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,5,5,6,6,6,6,6,6,6,0,0,0,0,0,
    5,5,5,5,5,5,4,6,6,6,6,6,6,6,6,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,0,5,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,0,5,0,5,5,5,5,5,5,5,5,5,5,6,5,5,6,6,6,6,6,6,6,6,6,5,0,0,5,5,5,5,5,0,4,0,6,6,6,6,6,6,6,0,
    7,7,7,7,7,7,7,7,7,7,0,0,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,0,6,0,6,0,6,0,0,0,0,6,6,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,5,5,5,5,5,6,6,6,
    6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,
    0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    5,5,5,5,5,5,6,6,6,6,5,5,5,5,6,6,6,5,6,6,6,5,5,6,6,6,6,6,6,6,5,5,5,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,
    5,5,6,6,6,6,6,6,6,6,6,6,6,6,5,6,7,7,7,7,7,7,7,7,7,7,6,6,6,6,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,0,0,0,0,0,1,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,4,2,2,2,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,0,
    5,5,5,5,5,5,5,0,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,0,5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,0,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,2,2,2,2,2,2,0,0,
    0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,8,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,7,7,7,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,6,6,6,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,4,0,0,0,0,5,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,
    5,5,5,5,5,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,5,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,
    0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,
    5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,0,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,
    6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,
    7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,5,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,4,4,4,4,4,4,0,0,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,6,5,5,5,5,5,5,6,5,5,6,6,6,5,0,0,0,0,0,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,
    4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
    4,4,4,4,4,4,4,4,4,4,4,2,2,2,2,2,2,2,2,2,2,2,2,2,4,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,
    2,2,2,2,2,2,0,0,1,1,1,1,1,1,0,0,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,
    2,2,2,2,2,2,0,0,1,1,1,1,1,1,0,0,2,2,2,2,2,2,2,2,0,1,0,1,0,1,0,1,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3,2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3,
    2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3,2,2,2,2,2,0,2,2,1,1,1,1,3,0,2,0,0,0,2,2,2,0,2,2,1,1,1,1,3,0,0,0,
    2,2,2,2,0,0,2,2,1,1,1,1,0,0,0,0,2,2,2,2,2,2,2,2,1,1,1,1,1,0,0,0,0,0,2,2,2,0,2,2,1,1,1,1,3,0,0,0,
    8,8,8,8,8,8,8,8,8,8,8,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,8,0,0,0,0,0,8,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,4,0,0,7,7,7,7,7,7,0,0,0,0,0,4,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    4,4,4,4,4,4,4,4,4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,2,1,1,1,2,2,1,1,1,2,0,1,0,0,0,1,1,1,1,1,0,0,
    0,0,0,0,1,0,1,0,1,0,1,1,1,1,0,2,1,1,1,1,2,5,5,5,5,2,0,0,2,2,1,1,0,0,0,0,0,1,2,2,2,2,0,0,0,0,2,0,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,1,2,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    1,2,1,1,1,2,2,1,2,1,2,1,2,1,1,1,1,2,1,2,2,1,2,2,2,2,2,2,4,4,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,0,0,0,0,0,0,1,2,1,2,6,
    6,6,1,2,0,0,0,0,0,0,0,0,0,7,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,0,2,0,0,0,0,0,2,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,
    5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,8,0,0,0,0,4,5,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,0,4,4,4,4,4,0,0,7,7,7,4,5,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,0,0,4,4,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,4,4,4,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,7,7,7,7,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,4,4,4,4,4,4,0,0,5,5,5,5,5,5,5,5,5,5,5,5,4,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    7,7,7,7,7,7,7,7,7,7,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,5,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,0,4,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,4,4,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,4,4,4,4,4,4,4,4,4,0,0,1,2,1,2,1,2,1,2,1,2,1,2,1,2,2,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
    4,2,2,2,2,2,2,2,2,1,2,1,2,1,1,2,1,2,1,2,1,2,1,2,4,0,0,1,2,1,2,5,1,2,1,2,2,2,1,2,1,2,1,2,1,2,1,2,
    1,2,1,2,1,2,1,2,1,2,1,1,1,1,1,2,1,1,1,1,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,1,1,1,2,1,2,0,0,0,0,0,
    1,2,0,2,0,2,1,2,1,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,1,2,5,4,4,2,5,5,5,5,5,
    5,5,6,5,5,5,6,5,5,5,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,0,0,6,0,0,0,
    7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,5,5,5,5,5,5,0,0,0,5,0,5,5,6,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,6,6,6,6,6,6,6,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,
    6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,
    6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    5,5,5,5,5,6,4,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,
    5,5,5,6,5,5,5,5,5,5,5,5,6,6,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    4,5,5,5,5,5,5,0,0,0,5,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,5,6,6,6,5,5,6,6,5,5,5,5,5,6,6,5,6,5,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,5,5,4,0,0,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,5,4,4,6,6,0,0,0,0,0,0,0,0,0,
    0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,4,4,4,4,
    2,2,2,2,2,2,2,2,2,4,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,0,6,6,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,0,0,0,0,0,5,6,5,
    5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,0,5,0,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,5,5,5,5,5,5,0,0,5,5,5,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,
    0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,0,0,0,0,0,0,0,0,0,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,5,5,5,5,5,5,5,5,7,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,0,0,0,0,5,5,5,5,5,5,5,5,0,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,
    1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,0,2,2,2,2,2,2,2,2,2,
    2,2,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,0,2,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,4,4,0,4,4,4,4,4,4,4,4,4,
    4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,0,4,4,4,4,4,4,4,4,4,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,0,0,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,0,0,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,0,0,0,0,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,7,7,7,7,7,7,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,7,7,5,5,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    5,6,6,6,0,6,6,0,0,0,0,0,6,6,6,6,5,5,5,5,0,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,0,0,6,6,6,0,0,0,0,6,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,0,0,0,0,7,7,7,7,7,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,7,7,7,7,7,7,7,7,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,7,7,7,7,7,7,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,0,6,6,0,0,0,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,7,7,7,7,7,7,7,7,7,7,5,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,
    0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,5,5,6,6,5,0,0,0,0,0,0,0,0,0,6,
    6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,7,7,7,7,7,7,7,7,7,7,
    0,0,0,0,5,6,6,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,6,0,0,5,0,0,0,0,0,0,0,0,0,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,0,0,0,0,6,6,6,6,0,6,6,
    7,7,7,7,7,7,7,7,7,7,5,0,5,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,
    6,6,6,6,6,6,6,6,0,0,0,0,0,0,6,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,0,5,5,5,5,0,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,6,6,6,6,0,5,5,5,5,5,5,5,5,0,0,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,0,6,6,5,6,6,6,6,6,6,6,0,0,6,6,0,0,6,6,6,0,0,
    5,0,0,0,0,0,0,6,0,0,0,0,0,5,5,5,5,5,6,6,0,0,6,6,6,6,6,6,6,0,0,0,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,6,5,
    5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,5,5,0,5,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,5,5,5,5,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,5,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,0,0,5,0,0,5,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,0,6,6,0,0,6,6,6,6,5,6,5,6,6,0,0,0,0,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,
    6,5,0,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,5,6,6,6,6,0,
    0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,5,6,6,6,6,6,6,6,6,6,6,6,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,5,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,
    6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,0,0,0,6,0,6,6,0,6,6,6,6,6,6,6,5,6,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,0,6,6,0,6,6,6,6,6,5,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,6,6,6,6,0,0,0,0,0,0,0,0,0,6,6,5,6,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,6,6,6,0,0,0,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,5,5,5,5,5,5,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,7,7,7,7,7,
    7,7,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,6,5,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,6,6,6,6,4,4,4,4,4,4,4,4,4,4,4,4,4,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,0,4,6,0,0,0,0,0,0,0,0,0,0,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,4,4,4,0,4,4,4,4,4,4,4,0,4,4,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,0,0,0,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,6,6,6,6,6,0,0,0,6,6,6,6,6,6,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,
    2,2,2,2,2,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,0,1,1,0,0,1,0,0,1,1,0,0,1,1,1,1,0,1,1,
    1,1,1,1,1,1,2,2,2,2,0,2,0,2,2,2,2,2,2,2,0,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,0,1,1,1,1,0,0,1,1,1,
    1,1,1,1,1,0,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,0,1,1,1,1,0,
    1,1,1,1,1,0,1,0,0,0,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,
    2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,2,2,2,2,2,2,1,2,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,
    0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,
    0,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    2,2,2,2,2,2,2,2,2,2,5,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,2,2,2,2,2,2,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,6,6,6,6,6,6,0,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,0,0,6,6,6,6,6,6,6,0,6,6,0,6,6,6,6,6,0,0,0,0,0,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
    4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,
    6,6,6,6,6,6,6,4,4,4,4,4,4,4,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,6,6,6,6,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,6,6,6,6,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,0,5,5,5,5,0,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,0,0,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,6,6,6,6,6,6,6,4,0,0,0,0,
    7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,7,7,7,0,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,
    7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,0,5,0,0,5,0,5,5,5,5,5,5,5,
    5,5,5,0,5,5,5,5,0,5,0,5,0,0,0,0,0,0,5,0,0,0,0,5,0,5,0,5,0,5,5,5,0,5,5,0,5,0,0,5,0,5,0,5,0,5,0,5,
    0,5,5,0,5,0,0,5,5,5,5,0,5,5,5,5,5,5,5,0,5,5,5,5,0,5,5,5,5,0,5,0,5,5,5,5,5,5,5,5,5,5,0,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,0,5,5,5,5,5,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7,7,7,7,7,7,7,7,7,7,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,
    5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
/* >>unicode-tables end */

#define LLM__UC_MASK ((1u << LLM__UC_SHIFT) - 1)
enum { LLM__UC_OTHER = 0, LLM__UC_LU, LLM__UC_LL, LLM__UC_LT, LLM__UC_LM, LLM__UC_LO, LLM__UC_M, LLM__UC_N, LLM__UC_WS };
#define LLM__UC_IS(cls, set) (((set) >> (cls)) & 1u)
#define LLM__UC_L ((1u << LLM__UC_LU) | (1u << LLM__UC_LL) | (1u << LLM__UC_LT) | (1u << LLM__UC_LM) | (1u << LLM__UC_LO))
/* o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
#define LLM__UC_UPPER ((1u << LLM__UC_LU) | (1u << LLM__UC_LT) | (1u << LLM__UC_LM) | (1u << LLM__UC_LO) | (1u << LLM__UC_M))
#define LLM__UC_LOWER ((1u << LLM__UC_LL) | (1u << LLM__UC_LM) | (1u << LLM__UC_LO) | (1u << LLM__UC_M))
/* [^\s\p{L}\p{N}]: marks and everything else */
#define LLM__UC_PUNCT ((1u << LLM__UC_OTHER) | (1u << LLM__UC_M))

/* The class of the character at p (p < end) and its length in *n. A byte
   that starts no valid UTF-8 sequence is one character of class "other". */
static unsigned llm__uc_class(const unsigned char *p, const unsigned char *end, size_t *n) {
    unsigned c = p[0];
    uint32_t cp;
    size_t k;
    if (c < 0x80) {
        *n = 1;
        return llm__uc_stage2[c];   /* block 0 holds U+0000..U+007F */
    }
    k = llm__utf8_seq(p, end);
    *n = k ? k : 1;
    if (k == 2) cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    else if (k == 3) cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    else if (k == 4) cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    else return LLM__UC_OTHER;
    return llm__uc_stage2[((uint32_t)llm__uc_stage1[cp >> LLM__UC_SHIFT] << LLM__UC_SHIFT) | (cp & LLM__UC_MASK)];
}

/* The pre-tokenizer: a hand-written matcher for the split regex of each
   encoding, with the same leftmost-first, backtracking result. A cursor
   over text[0..len). */
typedef struct llm__pretok {
    const unsigned char *s, *end;
} llm__pretok;

/* Class at p (end: "no character", returned as -1 in a signed int). */
static int llm__pt_class(const llm__pretok *t, const unsigned char *p, size_t *n) {
    if (p >= t->end) {
        *n = 0;
        return -1;
    }
    return (int)llm__uc_class(p, t->end, n);
}

/* Skips the characters whose class is in `set`; returns the end. */
static const unsigned char *llm__pt_skip(const llm__pretok *t, const unsigned char *p, unsigned set) {
    size_t n;
    int c;
    while ((c = llm__pt_class(t, p, &n)) >= 0 && LLM__UC_IS((unsigned)c, set)) p += n;
    return p;
}

/* (?i:'s|'t|'re|'ve|'m|'ll|'d) at p: its length, or 0. Case folding makes
   's' match U+017F LATIN SMALL LETTER LONG S too. */
static size_t llm__pt_contraction(const llm__pretok *t, const unsigned char *p) {
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
static const unsigned char *llm__pt_space(const llm__pretok *t, const unsigned char *p) {
    const unsigned char *q = p, *last = p, *newline = NULL;
    size_t n;
    while (llm__pt_class(t, q, &n) == LLM__UC_WS) {
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
static const unsigned char *llm__pt_punct(const llm__pretok *t, const unsigned char *p, bool slash) {
    const unsigned char *q = p;
    size_t n;
    int c;
    if (*q == ' ') q++;
    c = llm__pt_class(t, q, &n);
    if (c < 0 || !LLM__UC_IS((unsigned)c, LLM__UC_PUNCT)) return NULL;
    q = llm__pt_skip(t, q, LLM__UC_PUNCT);
    while (q < t->end && (*q == '\r' || *q == '\n' || (slash && *q == '/'))) q++;
    return q;
}

/* \p{N}{1,3} */
static const unsigned char *llm__pt_digits(const llm__pretok *t, const unsigned char *p) {
    size_t n;
    int i;
    for (i = 0; i < 3 && llm__pt_class(t, p, &n) == LLM__UC_N; i++) p += n;
    return p;
}

/* cl100k_base: (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
   ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
static const unsigned char *llm__pt_cl100k(const llm__pretok *t, const unsigned char *p) {
    size_t n, n2;
    int c = llm__pt_class(t, p, &n), c2;
    const unsigned char *q;
    if (*p == '\'' && (n2 = llm__pt_contraction(t, p)) != 0) return p + n2;
    if (LLM__UC_IS((unsigned)c, LLM__UC_L)) return llm__pt_skip(t, p + n, LLM__UC_L);
    if (*p != '\r' && *p != '\n' && c != LLM__UC_N) {
        c2 = llm__pt_class(t, p + n, &n2);
        if (c2 >= 0 && LLM__UC_IS((unsigned)c2, LLM__UC_L)) return llm__pt_skip(t, p + n + n2, LLM__UC_L);
    }
    if (c == LLM__UC_N) return llm__pt_digits(t, p);
    if ((q = llm__pt_punct(t, p, false)) != NULL) return q;
    if (c == LLM__UC_WS) return llm__pt_space(t, p);
    return p + n;   /* not reached: every character is in one class above */
}

/* o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+ from p
   (alt 1) or [...upper...]+[...lower...]* (alt 2); NULL when it fails. */
static const unsigned char *llm__pt_case_run(const llm__pretok *t, const unsigned char *p, int alt) {
    const unsigned char *q = p, *last_lower = NULL;
    size_t n;
    int c;
    while ((c = llm__pt_class(t, q, &n)) >= 0 && LLM__UC_IS((unsigned)c, LLM__UC_UPPER)) {
        if (LLM__UC_IS((unsigned)c, LLM__UC_LOWER)) last_lower = q;
        q += n;
    }
    if (alt == 2) return q == p ? NULL : llm__pt_skip(t, q, LLM__UC_LOWER);
    if (c >= 0 && LLM__UC_IS((unsigned)c, LLM__UC_LOWER)) return llm__pt_skip(t, q, LLM__UC_LOWER);
    /* backtrack: the upper run gives back characters until one is also "lower" */
    return last_lower ? llm__pt_skip(t, last_lower, LLM__UC_LOWER) : NULL;
}

/* [^\r\n\p{L}\p{N}]? then llm__pt_case_run, then (?i:'s|...)? */
static const unsigned char *llm__pt_o200k_word(const llm__pretok *t, const unsigned char *p, int c, size_t n) {
    const unsigned char *starts[2], *q = NULL;
    int count = 0, alt, i;
    if (*p != '\r' && *p != '\n' && !LLM__UC_IS((unsigned)c, LLM__UC_L) && c != LLM__UC_N) starts[count++] = p + n;
    if (LLM__UC_IS((unsigned)c, LLM__UC_UPPER | LLM__UC_LOWER)) starts[count++] = p;
    for (alt = 1; alt <= 2 && !q; alt++)
        for (i = 0; i < count && !q; i++) q = llm__pt_case_run(t, starts[i], alt);
    return q ? q + llm__pt_contraction(t, q) : NULL;
}

/* o200k_base: [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...)?|
   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)?|
   \p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
static const unsigned char *llm__pt_o200k(const llm__pretok *t, const unsigned char *p) {
    size_t n;
    int c = llm__pt_class(t, p, &n);
    const unsigned char *q;
    if ((q = llm__pt_o200k_word(t, p, c, n)) != NULL) return q;
    if (c == LLM__UC_N) return llm__pt_digits(t, p);
    if ((q = llm__pt_punct(t, p, true)) != NULL) return q;
    if (c == LLM__UC_WS) return llm__pt_space(t, p);
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
#define LLM__PREFETCH(p) __builtin_prefetch(p)
#else
#define LLM__PREFETCH(p) ((void)(p))
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
static uint64_t llm__first_bytes(size_t n) {
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
    head = llm__load64(p) & llm__first_bytes(n);
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
    uint64_t head = llm__load64(p) & llm__first_bytes(n), h = llm__bpe_hash(head, p, n);
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
static unsigned llm__b64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return c == '=' ? 64 : 255;
}

/* Decodes base64 s[0..n) (padded, n a multiple of 4) into out; returns the
   byte count, or (size_t)-1 when it is not valid base64. */
static size_t llm__b64_decode(const unsigned char *s, size_t n, unsigned char *out) {
    size_t i, o = 0;
    if (n == 0 || n % 4) return (size_t)-1;
    for (i = 0; i < n; i += 4) {
        unsigned v[4], k, pad = 0;
        for (k = 0; k < 4; k++) {
            v[k] = llm__b64_value(s[i + k]);
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
            uint64_t h = llm__bpe_hash(llm__load64(q) & llm__first_bytes(n), q, n);
            LLM__PREFETCH(&slots[(size_t)h & bpe->table_mask_]);
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
        k = llm__b64_decode(line.b64, line.b64_len, bpe->bytes_ + used);
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
    if (fread(data, 1, (size_t)size, f) != (size_t)size) r = llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "cannot read %s", path);
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

static void llm__heap_push(llm__bpe_big *b, uint64_t v) {
    size_t i = b->heap_len++;
    while (i > 0 && b->heap[(i - 1) / 2] > v) {
        b->heap[i] = b->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    b->heap[i] = v;
}

static uint64_t llm__heap_pop(llm__bpe_big *b) {
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
    if (b->pair[k] != LLM__BPE_NONE) llm__heap_push(b, (uint64_t)b->pair[k] << 32 | k);
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
        uint64_t top = llm__heap_pop(b);
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
    llm__pretok t;
    const unsigned char *p = s, *q;
    bool o200k = bpe->encoding == LLM_ENCODING_O200K_BASE;
    llm_result r;
    t.s = s;
    t.end = s + len;
    while (p < t.end) {
        q = o200k ? llm__pt_o200k(&t, p) : llm__pt_cl100k(&t, p);
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
            if (!src) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "id %u (index %z) is no token", (unsigned)ids[i], i);
        }
        if (out && used + k <= cap) memcpy(out + used, src, k);
        used += k;
    }
    if (len) *len = used;
    if (used > cap && (out || cap)) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "%z bytes do not fit in %z", used, cap);
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

/* Features of a text, counted byte by byte through one table
   (llm__est_class): 0 word starts (an ASCII letter after a non-letter),
   1 ASCII letters, 2 letters past the 6th of a word, 3 digits, 4 ASCII
   punctuation, 5 spaces, 6 other ASCII whitespace and controls, 7 non-ASCII
   run starts (a lead byte after an ASCII byte), then UTF-8 lead bytes by
   range: 8 C2-CF (Latin, Greek, marks), 9 D0-D7 (Cyrillic, Armenian,
   Hebrew), 10 D8-DF (Arabic), 11 E0 (Indic, Thai), 12 E1-E2 (punctuation,
   symbols), 13 E3 (kana, CJK punctuation), 14 E4-E9 (CJK ideographs),
   15 EA-ED (Hangul), 16 EE-EF (fullwidth, private use), 17 F0-F4 (emoji,
   rare scripts), 18 continuation and invalid bytes. */
#define LLM__EST_FEATURES 19

static const unsigned char llm__est_class[256] = {
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4,
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4,
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 6,
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
    18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
    18, 18, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10,
    11, 12, 12, 13, 14, 14, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 17, 17, 17, 17, 17, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18,
};

/* Eight bytes as a little-endian number (compilers make it one load). */
static uint64_t llm__load64_le(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Number of bytes whose high bit is set in m (m has only high bits). */
static size_t llm__count_highs(uint64_t m) { return (size_t)(((m >> 7) * LLM__ONES) >> 56); }

/* High bit of each byte of x that lies in [lo, hi] (any byte values). */
static uint64_t llm__bytes_in(uint64_t x, unsigned lo, unsigned hi) {
    uint64_t low7 = x & ~LLM__HIGHS;
    uint64_t ge = low7 + LLM__ONES * (0x80 - lo), gt = low7 + LLM__ONES * (0x7F - hi);
    return ge & ~gt & ~x & LLM__HIGHS;
}

/* One 8-byte word of llm__est_features. Letter starts and the letters past
   a word's 6th come from masks (shifts toward the following byte); the
   class histogram from masks for an ASCII word, else byte by byte. */
static void llm__est_word(const unsigned char *p, size_t *h, uint64_t *lprev, size_t *starts, size_t *tail,
                          size_t *runs, unsigned *last) {
    uint64_t x = llm__load64_le(p), y = x | LLM__ONES * 0x20;
    uint64_t L = llm__bytes_in(y, 'a', 'z') & ~(x & LLM__HIGHS), t = L, prev = *lprev;
    int k;
    *starts += llm__count_highs(L & ~(L << 8 | prev >> 56));
    for (k = 1; k <= 6; k++) t &= L << (8 * k) | prev >> (64 - 8 * k);
    *tail += llm__count_highs(t);
    *lprev = L;
    if (!(x & LLM__HIGHS)) {
        uint64_t d = llm__bytes_in(x, '0', '9'), sp = llm__bytes_in(x, ' ', ' ');
        uint64_t c = llm__bytes_in(x, 0, 0x1F) | llm__bytes_in(x, 0x7F, 0x7F);
        size_t nl = llm__count_highs(L), nd = llm__count_highs(d), ns = llm__count_highs(sp), nc = llm__count_highs(c);
        h[1] += nl, h[3] += nd, h[5] += ns, h[6] += nc, h[4] += 8 - nl - nd - ns - nc;
        *last = 4;
        return;
    }
    for (k = 0; k < 8; k++) {
        unsigned c = llm__est_class[p[k]];
        h[c]++;
        *runs += (c >= 8 && c < 18) & (*last < 8);
        *last = c;
    }
}

/* Counts the features of s[0..len) into f, eight bytes at a time. */
static void llm__est_features(const unsigned char *s, size_t len, double *f) {
    size_t h[LLM__EST_FEATURES], i, k, starts = 0, tail = 0, runs = 0;
    uint64_t lprev = 0;
    unsigned last = 0;
    unsigned char pad[8];
    memset(h, 0, sizeof h);
    for (i = 0; i + 8 <= len; i += 8) llm__est_word(s + i, h, &lprev, &starts, &tail, &runs, &last);
    if (i < len) {   /* the last bytes, padded with NULs that are then taken out */
        memset(pad, 0, sizeof pad);
        memcpy(pad, s + i, len - i);
        llm__est_word(pad, h, &lprev, &starts, &tail, &runs, &last);
        h[6] -= 8 - (len - i);
    }
    for (k = 0; k < LLM__EST_FEATURES; k++) f[k] = (double)h[k];
    f[0] = (double)starts;
    f[2] = (double)tail;
    f[7] = (double)runs;
}

/* >>estimator-weights begin: generated by tools/calibrate_estimator.py; do not edit.
   [0] o200k_base, [1] cl100k_base; feature order of llm__est_features. */
static const double llm__est_weights[2][LLM__EST_FEATURES] = {
    {1.53946, -0.0945208, 0.583151, 0.383321, 0.388192, -0.1674, 0.383344, 0.929748, 0.790882, -0.363758, -0.4448, -1.01813, 0.00225482, -0.411402, -0.360683, -0.535654, 3.40925, -0.52252, 0.586107},
    {1.64836, -0.146601, 0.66793, 0.389287, 0.401711, -0.126701, 0.639789, 1.24209, 0.769206, -0.404095, -0.181084, -0.536367, -0.395619, -0.498953, -0.495265, -0.600627, 2.73988, 0.0478914, 0.753832},
};
/* >>estimator-weights end */

LLM_API size_t llm_tokens_estimate(const char *text, size_t len, const char *model) {
    double f[LLM__EST_FEATURES], t = 0;
    const double *w = llm__est_weights[llm_encoding_for_model(model) == LLM_ENCODING_CL100K_BASE ? 1 : 0];
    size_t k;
    if (!text || !len) return 0;
    llm__est_features((const unsigned char *)text, len, f);
    for (k = 0; k < LLM__EST_FEATURES; k++) t += w[k] * f[k];
    return t < 1 ? 1 : (size_t)(t + 0.5);
}

/* ---- chat requests: OpenAI's cookbook rules ---- */

typedef struct llm__counter {
    const llm_bpe *bpe;          /* NULL: estimate */
    const char *model;
    llm_error *err;
} llm__counter;

static llm_result llm__count_textn(const llm__counter *c, const char *s, size_t n, size_t *tokens) {
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

static llm_result llm__count_text(const llm__counter *c, const char *s, size_t *tokens) {
    return llm__count_textn(c, s, s ? strlen(s) : 0, tokens);
}

/* An image part: 85 for detail low/auto/default; for high, 85 + 170 per
   512-px tile once the image is scaled to fit 2048x2048 and then to a
   shortest side of 768 (never up). */
static size_t llm__image_tokens(const llm_content_part *p) {
    double w = p->width, h = p->height, s;
    if (p->detail != LLM_DETAIL_HIGH) return 85;
    if (w <= 0 || h <= 0) return 85 + 170 * 8;   /* size unknown: the largest, 768x2048 */
    if (w > 2048 || h > 2048) {
        s = 2048 / (w > h ? w : h);
        w = (double)(long)(w * s), h = (double)(long)(h * s);
    }
    if ((w < h ? w : h) > 768) {
        s = 768 / (w < h ? w : h);
        w = (double)(long)(w * s), h = (double)(long)(h * s);
    }
    return 85 + 170 * (size_t)(((long)w + 511) / 512) * (size_t)(((long)h + 511) / 512);
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

/* One message: 3, then every string field (role included), +1 for a name. */
static llm_result llm__count_message(const llm__counter *c, const llm_message *m, size_t *tokens) {
    llm_result r = llm__count_text(c, llm__role_name(m->role), tokens);
    size_t i;
    *tokens += 3;
    if (r == LLM_OK) r = llm__count_text(c, m->content, tokens);
    for (i = 0; r == LLM_OK && m->parts && i < m->part_count; i++) {
        if (m->parts[i].type == LLM_PART_TEXT) r = llm__count_text(c, m->parts[i].text, tokens);
        else *tokens += llm__image_tokens(&m->parts[i]);
    }
    if (r == LLM_OK && m->name) {
        r = llm__count_text(c, m->name, tokens);
        *tokens += 1;
    }
    for (i = 0; r == LLM_OK && m->tool_calls && i < m->tool_call_count; i++)
        r = llm__count_text(c, m->tool_calls[i].arguments, tokens);
    if (r == LLM_OK) r = llm__count_text(c, m->tool_call_id, tokens);
    return r;
}

/* Builds "a:b:c" (each part without one final '.', as the cookbook strips
   descriptions) into buf and counts it. */
static llm_result llm__count_joined(const llm__counter *c, const char *const *parts, const size_t *lens, int count,
                                    bool strip_last_dot, size_t *tokens) {
    char stack[512] = {0}, *buf = stack;
    size_t total = 0, used = 0;
    int i;
    llm_result r;
    for (i = 0; i < count; i++) total += lens[i] + 1;
    if (total > sizeof stack) {
        buf = (char *)llm__alloc(c->bpe ? &c->bpe->alloc_ : NULL, total);
        if (!buf) return llm__fail(c->err, LLM_ERR_NO_MEMORY, "out of memory counting a tool");
    }
    for (i = 0; i < count; i++) {
        size_t n = lens[i];
        if (i) buf[used++] = ':';
        if (strip_last_dot && i == count - 1 && n && parts[i][n - 1] == '.') n--;
        if (n) memcpy(buf + used, parts[i], n);
        used += n;
    }
    r = llm__count_textn(c, buf, used, tokens);
    if (buf != stack) llm__free(c->bpe ? &c->bpe->alloc_ : NULL, buf, total);
    return r;
}

/* A JSON string member's text ("" when absent or not a string). */
static const char *llm__json_str_or_empty(const llm_json *o, const char *key, size_t *len) {
    const llm_json *v = llm_json_get(o, key);
    *len = 0;
    if (!llm_json_is(v, LLM_JSON_STRING)) return "";
    return llm_json_string(v, len);
}

/* The cookbook's num_tokens_for_tools, one property at a time. */
static llm_result llm__count_property(const llm__counter *c, const llm_json *key, const llm_json *prop, bool o200k,
                                      size_t *tokens, long *adjust) {
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
            if (s) r = llm__count_textn(c, s, n, tokens);
        }
    }
    parts[0] = llm_json_string(key, &lens[0]);
    parts[1] = llm__json_str_or_empty(prop, "type", &lens[1]);
    parts[2] = llm__json_str_or_empty(prop, "description", &lens[2]);
    return r == LLM_OK ? llm__count_joined(c, parts, lens, 3, true, tokens) : r;
}

static llm_result llm__count_tool(const llm__counter *c, const llm_tool *t, bool o200k, size_t *tokens, long *adjust) {
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
    if ((r = llm__count_joined(c, parts, lens, 2, true, tokens)) != LLM_OK || !t->parameters) return r;
    memset(&doc, 0, sizeof doc);
    if (c->bpe) doc.alloc = c->bpe->alloc_;
    if ((r = llm_json_parse(&doc, t->parameters, strlen(t->parameters), c->err)) != LLM_OK) return r;
    props = llm_json_get(llm_json_root(&doc), "properties");
    if (llm_json_count(props) > 0 && llm_json_is(props, LLM_JSON_OBJECT)) {
        *tokens += 3;                               /* prop_init */
        for (k = llm_json_first(props); r == LLM_OK && k; k = llm_json_next(props, k))
            r = llm__count_property(c, k, k + 1, o200k, tokens, adjust);
    }
    llm_json_doc_free(&doc);
    return r;
}

/* Tokens of the request outside its messages: reply priming and tools. */
static llm_result llm__count_fixed(const llm__counter *c, const llm_request *req, size_t *tokens) {
    llm_encoding enc = c->bpe ? c->bpe->encoding : llm_encoding_for_model(req->model);
    bool o200k = enc != LLM_ENCODING_CL100K_BASE;
    long adjust = 0;
    size_t i;
    llm_result r = LLM_OK;
    *tokens += 3;                                   /* <|start|>assistant<|message|> */
    for (i = 0; r == LLM_OK && req->tools && i < req->tool_count; i++)
        r = llm__count_tool(c, &req->tools[i], o200k, tokens, &adjust);
    if (req->tools && req->tool_count) *tokens += 12;   /* func_end */
    *tokens = (size_t)((long)*tokens + adjust);
    return r;
}

LLM_API llm_result llm_count_request_tokens(const llm_request *request, const llm_bpe *bpe, size_t *tokens,
                                            llm_error *err) {
    llm__counter c;
    size_t i, total = 0;
    llm_result r;
    if (tokens) *tokens = 0;
    if (!request || !tokens) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request and tokens are required");
    c.bpe = bpe;
    c.model = request->model;
    c.err = err;
    r = llm__count_fixed(&c, request, &total);
    for (i = 0; r == LLM_OK && request->messages && i < request->message_count; i++)
        r = llm__count_message(&c, &request->messages[i], &total);
    if (r == LLM_OK) *tokens = total;
    return r;
}

/* The end of the group that starts at message i: an assistant message with
   tool calls takes the tool results that follow it. */
static size_t llm__trim_group_end(const llm_request *req, size_t i) {
    size_t j = i + 1;
    if (req->messages[i].role == LLM_ROLE_ASSISTANT && req->messages[i].tool_call_count)
        while (j < req->message_count && req->messages[j].role == LLM_ROLE_TOOL) j++;
    return j;
}

static bool llm__is_system(const llm_message *m) {
    return m->role == LLM_ROLE_SYSTEM || m->role == LLM_ROLE_DEVELOPER;
}

/* Keeps system messages, then whole groups from the newest back while they
   fit; writes the kept ones in order. */
LLM_API llm_result llm_trim_messages(const llm_request *request, const llm_bpe *bpe, size_t max_tokens,
                                     llm_message *out, size_t cap, size_t *kept, llm_error *err) {
    llm__counter c;
    size_t i, j, total = 0, first = 0, n = 0, size;
    llm_result r;
    if (kept) *kept = 0;
    if (!request || !kept || (!out && cap)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request and kept are required");
    if (cap < request->message_count) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "out holds %z of %z messages", cap, request->message_count);
    c.bpe = bpe, c.model = request->model, c.err = err;
    r = llm__count_fixed(&c, request, &total);
    for (i = 0; r == LLM_OK && i < request->message_count; i++)
        if (llm__is_system(&request->messages[i])) r = llm__count_message(&c, &request->messages[i], &total);
    /* `first`: the oldest non-system message kept; walk groups back from the end */
    for (first = request->message_count; r == LLM_OK && first > 0;) {
        size_t start = first - 1, add = 0;
        while (start > 0 && request->messages[start].role == LLM_ROLE_TOOL) start--;
        if (llm__trim_group_end(request, start) < first) start = first - 1;   /* orphan tool results */
        for (j = start; r == LLM_OK && j < first; j++)
            if (!llm__is_system(&request->messages[j])) r = llm__count_message(&c, &request->messages[j], &add);
        if (r != LLM_OK || (total + add > max_tokens && first < request->message_count)) break;
        total += add;
        first = start;
    }
    if (r != LLM_OK) return r;
    for (i = 0; i < request->message_count; i++)
        if (i >= first || llm__is_system(&request->messages[i])) out[n++] = request->messages[i];
    *kept = n;
    size = total;
    if (size > max_tokens)
        return llm__fail(err, LLM_ERR_CONTEXT_WINDOW_EXCEEDED, "%z prompt tokens after trimming, the limit is %z",
                         size, max_tokens);
    return LLM_OK;
}

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
