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
/* >>providers: wire formats                                                 */
/* ------------------------------------------------------------------------ */

typedef struct llm_client llm_client;

/* What one wire format knows. Built-ins: llm_provider_openai (also every
   OpenAI-compatible server). A caller may supply its own in the client desc. */
typedef struct llm_provider {
    const char *name;
    const char *default_base_url;
    /* Writes the JSON body of `req` into `w`; fails with INVALID_ARGUMENT
       and a sentence naming the bad field. */
    llm_result (*encode)(const llm_client *client, const llm_request *req, bool stream, llm_json_writer *w, llm_error *err);
    /* The path appended to the base URL ("/chat/completions"). */
    const char *(*path)(const llm_client *client, const llm_request *req, bool stream);
    /* The authentication header for `api_key` (name, and value prefix such
       as "Bearer "). */
    const char *auth_header;
    const char *auth_prefix;
    /* Fills `resp` (strings copied into its arena) from a whole 2xx body. */
    llm_result (*decode)(const llm_json *body, llm_response *resp, llm_error *err);
    /* Reads the provider's error body into err (type, code, message). */
    void (*decode_error)(const llm_json *body, llm_error *err);
} llm_provider;

/* The OpenAI chat-completions format, for OpenAI and every compatible
   server (vLLM, Ollama, Groq, a LiteLLM proxy...). */
LLM_API const llm_provider *llm_provider_openai(void);

/* The result code for an HTTP error: the status first, then the provider's
   structured type and code, then known message phrases (context window,
   content policy, rate limit). `err` must already hold http_status, type,
   provider_code and message; this sets code and retryable. */
LLM_API llm_result llm_classify_error(llm_error *err);

/* ------------------------------------------------------------------------ */
/* >>client: configuration shared by calls                                   */
/* ------------------------------------------------------------------------ */

typedef enum llm_log_level { LLM_LOG_ERROR = 0, LLM_LOG_WARN, LLM_LOG_INFO, LLM_LOG_DEBUG } llm_log_level;

/* Zero every field you do not use. Strings are not copied: they must outlive
   the client. */
typedef struct llm_client_desc {
    const char *provider;        /* "openai" (default) or "openai-compatible" */
    const llm_provider *custom_provider; /* a wire format of your own; wins over `provider` */
    const char *api_key;         /* never logged, never put in an error */
    const char *base_url;        /* default: the provider's ("https://api.openai.com/v1") */
    const llm_pair *headers;     /* sent with every request */
    size_t header_count;
    llm_allocator alloc;
    llm_transport transport;     /* used by llm_complete */
    int timeout_ms;              /* per request; 0 = 600000 */
    int connect_timeout_ms;      /* 0 = the transport's default */
    size_t max_response_bytes;   /* a larger body is LLM_ERR_LIMIT_EXCEEDED; 0 = 64 MiB */
    /* Monotonic milliseconds, for latency (the call itself never reads a
       clock). NULL: latency is reported as 0. */
    int64_t (*clock_ms)(void *user);
    /* Wall-clock unix milliseconds, to turn a Retry-After date into a delay
       when the answer has no Date header. May be NULL. */
    int64_t (*wall_clock_ms)(void *user);
    void *clock_user;
    /* Random source for request ids; NULL: a per-client generator seeded
       with `seed`. */
    uint64_t (*random)(void *user);
    void *random_user;
    uint64_t seed;
    bool no_request_id;          /* do not send X-Request-ID */
    bool keep_raw_body;          /* responses keep the raw body */
    /* Log callback; nothing is printed when NULL. Messages never contain
       the API key. */
    void (*log)(void *user, llm_log_level level, const char *message);
    void *log_user;
} llm_client_desc;

struct llm_client {
    llm_client_desc desc;
    const llm_provider *provider;
    uint64_t rng_;
};

/* Checks the desc (an API key or header with CR or LF is refused with
   INVALID_ARGUMENT) and fills the client. Nothing is allocated. */
LLM_API llm_result llm_client_init(llm_client *client, const llm_client_desc *desc, llm_error *err);

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
    int should_retry_;
    char request_id_[96];
    bool has_provider_cost_;
    double provider_cost_;
} llm_call;

/* Encodes the request; *http points into the call until llm_call_free.
   `now_ms` is the caller's monotonic time (0 if it keeps none). On failure
   the call holds nothing (llm_call_free is then optional). */
LLM_API llm_result llm_call_begin(llm_call *call, llm_client *client, const llm_request *req,
                                  int64_t now_ms, const llm_http_request **http, llm_error *err);
LLM_API llm_result llm_call_feed_status(llm_call *call, int status);
LLM_API llm_result llm_call_feed_header(llm_call *call, const char *name, size_t name_len, const char *value, size_t value_len);
LLM_API llm_result llm_call_feed_body(llm_call *call, const char *data, size_t len);
/* The sink a transport delivers into, feeding this call. */
LLM_API llm_http_sink llm_call_sink(llm_call *call);
/* Ends the exchange: on LLM_OK *resp is filled (free it with
   llm_response_free); otherwise err says why (a non-2xx status becomes
   its result code, with the provider's message). */
LLM_API llm_result llm_call_finish(llm_call *call, int64_t now_ms, llm_response *resp, llm_error *err);
/* Releases the call's memory (also after an error, or to cancel). */
LLM_API void llm_call_free(llm_call *call);

/* Runs one request through client->desc.transport (blocking). */
LLM_API llm_result llm_complete(llm_client *client, const llm_request *req, llm_response *resp, llm_error *err);

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
/* Appends choice 0 of `resp` as the assistant's message (text and tool calls). */
LLM_API llm_result llm_conversation_add_response(llm_conversation *conv, const llm_response *resp);
/* Appends a tool's answer to the call `tool_call_id`. */
LLM_API llm_result llm_conversation_add_tool_result(llm_conversation *conv, const char *tool_call_id, const char *content);
LLM_API const llm_message *llm_conversation_messages(const llm_conversation *conv, size_t *count);
LLM_API void llm_conversation_free(llm_conversation *conv);

/* ------------------------------------------------------------------------ */
/* >>router: deployments, retries, fallbacks, cooldowns (public part)        */
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
    LLM__ROUTING_COUNT
} llm_routing_strategy;

/* One deployment. Strings are copied by llm_router_init. */
typedef struct llm_deployment_desc {
    const char *group;             /* model group (LiteLLM model_name); NULL = model */
    const char *id;                /* stable id; NULL = "group#index" */
    const char *provider;          /* NULL: a "provider/" prefix of model, else "openai" */
    const llm_provider *custom_provider;
    const char *model;             /* the model name sent to the provider */
    const char *api_key;
    const char *base_url;          /* NULL = the provider's */
    int weight;                    /* simple-shuffle weight; 0 = 1 when any weight is set */
    int order;                     /* priority tier >= 1: the lowest available is used first; 0 (unset) comes after every set order */
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

/* One decision. Pointers are valid during the callback only. */
typedef struct llm_router_trace {
    llm_trace_kind kind;
    int attempt;                   /* attempt number (1-based; 0 before the first) */
    const char *group;
    const char *deployment;        /* id, or NULL */
    const char *to_group;          /* FALLBACK */
    int64_t ms;
    llm_result code;               /* the error behind the decision, or LLM_OK */
    const char *message;           /* "picked east#0 (simple-shuffle, 2 candidates)" */
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
    double budget_usd;             /* router-wide spend limit per window; 0 = none */
    int64_t budget_window_ms;      /* 0 = 24 h */
    llm_transport transport;       /* the deployments' clients use it */
    llm_allocator alloc;
    /* Monotonic milliseconds. NULL: CLOCK_MONOTONIC where the platform has
       it (POSIX, without LLM_NO_STDIO), else llm_router_init fails. */
    int64_t (*clock_ms)(void *user);
    /* Sleeps for llm_router_complete. NULL: nanosleep where available. */
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
    void (*on_before_attempt)(void *user, const llm_router_attempt *a, llm_pair *headers, size_t *count, size_t capacity);
    void (*on_retry)(void *user, const llm_router_attempt *a, int64_t delay_ms, const llm_error *err);
    void (*on_fallback)(void *user, const llm_router_attempt *a, const char *from, const char *to, const llm_error *err);
    void (*on_success)(void *user, const llm_router_attempt *a, const llm_response *resp, int64_t latency_ms, double cost_usd);
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
    const char *model;             /* the model to send */
    llm_client *client;            /* the deployment's client */
    int number;                    /* 1-based attempt number (X-Attempt) */
    int timeout_ms;                /* for this attempt; 0 = the client's */
    int64_t wait_ms;               /* after LLM_AGAIN: wait this long, then pick */
    bool is_retry, is_fallback;    /* what this attempt is */
    char idempotency_key[40];      /* the same on every attempt */
    char request_id[40];           /* X-Request-ID of this attempt (from the router's random source, so
                                      clients shared by threads are never written to) */
    llm_error last_error;          /* the latest failure */
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
/* Builds a router from a LiteLLM config (JSON: model_list, router_settings;
   see the docs of the loader); `base` supplies what JSON cannot (transport,
   hooks, callbacks) and the defaults the file may override. Errors name the
   JSON path of the bad field ("model_list[1].litellm_params.rpm"). */
LLM_API llm_result llm_router_init_json(llm_router *router, const char *json, size_t len, const llm_router_desc *base, llm_error *err);
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
LLM_API llm_result llm_router_report(llm_router *router, llm_router_attempt *a, const llm_router_outcome *outcome, llm_error *err);
/* Abandons a request (releases a picked deployment). */
LLM_API void llm_router_cancel(llm_router *router, llm_router_attempt *a);

/* The blocking driver: pick, send through the deployment's client, report,
   until done. `opts` may be NULL. */
LLM_API llm_result llm_router_complete(llm_router *router, const llm_request *req, const llm_router_options *opts,
                                       llm_response *resp, llm_error *err);

LLM_API void llm_router_get_stats(llm_router *router, llm_router_stats *out);
LLM_API size_t llm_router_deployment_count(const llm_router *router);
LLM_API const char *llm_router_deployment_id(const llm_router *router, size_t index);
LLM_API bool llm_router_deployment_stats(llm_router *router, size_t index, llm_router_stats *out);
/* Milliseconds until the deployment may be picked again (0 = now). */
LLM_API int64_t llm_router_cooldown_remaining(llm_router *router, size_t index);
/* The index in failures_by_class of an error code (0 = other). Safe anywhere. */
LLM_API int llm_router_error_class(llm_result code);

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

/* ---- numbers: correctly rounded parsing, shortest printing ---- */

/* ---- llm.h number conversion: exact JSON number <-> IEEE-754 double ----
   Locale-free, allocation-free, no mutable static data, ~3 KB of stack.
   Needs <stdint.h>, <stddef.h>, <string.h>, <stdbool.h>. Both directions are
   exact for all inputs; a fixed-size big integer handles the hard cases. */
/* Big integer sizing: the parser's worst case is 800 digits over 5^1123
   (~2660 bits, see llm__parse_slow); the formatter needs ~1140 bits. */
#define LLM__BIG_N 96   /* 32-bit limbs = 3072 bits */
#define LLM__MAXDIG 800 /* > 768: every halfway point has <= 767 significant digits */

typedef struct { uint32_t w[LLM__BIG_N]; int n; } llm__big; /* little-endian, w[n-1] != 0 */

static void llm__big_set(llm__big *b, uint64_t v) {
    b->n = 0;
    while (v) { b->w[b->n++] = (uint32_t)v; v >>= 32; }
}

/* b = b * m + a. The size guards only keep memory safe; they cannot trigger
   for the bounded magnitudes used below. */
static void llm__big_muladd(llm__big *b, uint32_t m, uint32_t a) {
    uint64_t c = a;
    int i;
    for (i = 0; i < b->n; i++) {
        c += (uint64_t)b->w[i] * m;
        b->w[i] = (uint32_t)c;
        c >>= 32;
    }
    if (c && b->n < LLM__BIG_N) b->w[b->n++] = (uint32_t)c;
}

static void llm__big_mulpow5(llm__big *b, int k) {
    static const uint32_t p5[13] = {1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u,
                                    1953125u, 9765625u, 48828125u, 244140625u};
    for (; k >= 13; k -= 13) llm__big_muladd(b, 1220703125u, 0); /* 5^13 */
    if (k > 0) llm__big_muladd(b, p5[k], 0);
}

static void llm__big_shl(llm__big *b, int sh) {
    int ws = sh / 32, bs = sh % 32, i;
    uint32_t top;
    if (b->n == 0 || sh <= 0) return;
    if (b->n + ws + 1 > LLM__BIG_N) return; /* unreachable, see LLM__BIG_N */
    top = bs ? b->w[b->n - 1] >> (32 - bs) : 0;
    for (i = b->n - 1; i >= 0; i--) /* top-down so the source is read before it's overwritten */
        b->w[i + ws] = (b->w[i] << bs) | (bs && i > 0 ? b->w[i - 1] >> (32 - bs) : 0);
    for (i = 0; i < ws; i++) b->w[i] = 0;
    b->n += ws;
    if (top) b->w[b->n++] = top;
}

static void llm__big_mulpow10(llm__big *b, int k) {
    llm__big_mulpow5(b, k);
    llm__big_shl(b, k);
}

static int llm__big_cmp(const llm__big *a, const llm__big *b) {
    int i;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void llm__big_sub(llm__big *a, const llm__big *b) { /* a -= b, requires a >= b */
    uint64_t borrow = 0;
    int i;
    for (i = 0; i < a->n && (i < b->n || borrow); i++) {
        uint64_t x = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)x;
        borrow = x >> 63;
    }
    while (a->n && !a->w[a->n - 1]) a->n--;
}

static uint32_t llm__big_at(const llm__big *b, int i) { return i < b->n ? b->w[i] : 0; }

/* Sign of a + b - c. Scans from the top limb; the limbs below i change the
   difference (in units of limb i) by more than -1 and less than +2, so the
   answer is usually known after the first limb. */
static int llm__big_cmpsum(const llm__big *a, const llm__big *b, const llm__big *c) {
    int64_t d = 0;
    int i = a->n > b->n ? a->n : b->n;
    for (i = (i > c->n ? i : c->n) - 1; i >= 0; i--) {
        d = d * 4294967296 + llm__big_at(a, i) + llm__big_at(b, i) - llm__big_at(c, i);
        if (d >= 1) return 1;
        if (d <= -2) return -1;
    }
    return (int)d; /* exact now: -1 or 0 */
}

static void llm__big_mulsub(llm__big *r, const llm__big *s, uint32_t q) { /* r -= q*s >= 0 */
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
static uint32_t llm__big_divstep(llm__big *r, const llm__big *s) {
    int p = s->n >= 2 ? s->n - 2 : 0, i;
    double rt = 0, st = 0, est;
    uint32_t q;
    for (i = r->n - 1; i >= p; i--) rt = rt * 4294967296.0 + r->w[i];
    for (i = s->n - 1; i >= p; i--) st = st * 4294967296.0 + s->w[i];
    est = rt / (p > 0 ? st + 1 : st) - 1;
    q = est <= 0 ? 0 : est >= 4294967295.0 ? 4294967295u : (uint32_t)est;
    if (q) llm__big_mulsub(r, s, q);
    while (llm__big_cmp(r, s) >= 0) { llm__big_sub(r, s); q++; }
    return q;
}

static int llm__bitlen(uint64_t v) {
    int n = 0;
    while (v) { n++; v >>= 1; }
    return n;
}

static int llm__big_bitlen(const llm__big *b) {
    return b->n ? 32 * (b->n - 1) + llm__bitlen(b->w[b->n - 1]) : 0;
}

/* ------------------------------ parsing ------------------------------ */

typedef struct {
    unsigned char dig[LLM__MAXDIG]; /* significant digits (values 0..9), no leading zeros */
    int nd;                         /* digits kept (trailing zeros trimmed) */
    bool neg, sticky;               /* sticky: nonzero digits beyond LLM__MAXDIG were dropped */
    int64_t e10;                    /* value = 0.dig[0]dig[1]... * 10^e10 */
} llm__dec;

static bool llm__isdigit(const char *s, size_t i, size_t n) {
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static void llm__dec_push(llm__dec *d, char c) {
    if (d->nd < LLM__MAXDIG) d->dig[d->nd++] = (unsigned char)(c - '0');
    else if (c != '0') d->sticky = true;
}

/* Checks the RFC 8259 grammar and splits the number into digits and exponent.
   Exponent digits saturate, so e+99999999999999 cannot overflow. */
static bool llm__dec_scan(const char *s, size_t n, llm__dec *d) {
    size_t i = 0;
    int64_t ex = 0;
    bool eneg = false;
    d->nd = 0; d->neg = false; d->sticky = false; d->e10 = 0;
    if (i < n && s[i] == '-') { d->neg = true; i++; }
    if (!llm__isdigit(s, i, n)) return false;
    if (s[i] == '0') {
        if (llm__isdigit(s, ++i, n)) return false; /* no leading zeros */
    } else {
        for (; llm__isdigit(s, i, n); i++) { llm__dec_push(d, s[i]); d->e10++; }
    }
    if (i < n && s[i] == '.') {
        if (!llm__isdigit(s, ++i, n)) return false;
        for (; llm__isdigit(s, i, n); i++) {
            if (d->nd == 0 && s[i] == '0') d->e10--; /* 0.000ddd: leading zeros only shift */
            else llm__dec_push(d, s[i]);
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        if (!llm__isdigit(s, i, n)) return false;
        for (; llm__isdigit(s, i, n); i++)
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
static bool llm__parse_fast(const llm__dec *d, double *x) {
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
static bool llm__parse_slow(const llm__dec *d, double *x) {
    llm__big r, q;
    int e = (int)d->e10 - d->nd, t, nbits, i, c;
    uint64_t m = 0, bits;
    r.n = 0;
    for (i = 0; i < d->nd;) { /* digits -> big integer, 9 at a time */
        uint32_t chunk = 0, mul = 1;
        for (c = 0; c < 9 && i < d->nd; c++, i++) { chunk = chunk * 10 + d->dig[i]; mul *= 10; }
        llm__big_muladd(&r, mul, chunk);
    }
    llm__big_set(&q, 1);
    if (e >= 0) llm__big_mulpow5(&r, e);
    else llm__big_mulpow5(&q, -e);
    t = llm__big_bitlen(&r) - llm__big_bitlen(&q);
    if (t > 0) llm__big_shl(&q, t);
    else llm__big_shl(&r, -t);
    if (llm__big_cmp(&r, &q) < 0) { llm__big_shl(&r, 1); t--; }
    t += e;
    if (t > 1023) return false;
    nbits = t >= -1022 ? 53 : t + 1075; /* subnormals have fewer mantissa bits */
    if (nbits < 0) { *x = 0.0; return true; } /* below half the smallest subnormal */
    if (nbits > 0) { /* m = floor(r * 2^(nbits-1) / q), in two steps of <= 32 bits */
        i = nbits - 1 > 31 ? 31 : nbits - 1;
        llm__big_shl(&r, i);
        m = llm__big_divstep(&r, &q);
        llm__big_shl(&r, nbits - 1 - i);
        m = m << (nbits - 1 - i) | llm__big_divstep(&r, &q);
        llm__big_shl(&r, 1);
    }
    c = llm__big_cmp(&r, &q); /* remainder vs. half an ulp */
    if (c > 0 || (c == 0 && (d->sticky || (m & 1)))) m++;
    /* The hidden bit of m carries into the exponent field, so a mantissa that
       rounds up to 2^53 (or a subnormal to 2^52) yields the next binade for free. */
    bits = (nbits == 53 ? (uint64_t)(t + 1022) << 52 : 0) + m;
    if (bits >= (uint64_t)0x7FF << 52) return false;
    memcpy(x, &bits, sizeof bits);
    return true;
}

static bool llm__parse_double(const char *s, size_t n, double *out) {
    llm__dec d;
    double x;
    if (!s || !llm__dec_scan(s, n, &d)) return false;
    if (d.nd == 0 || d.e10 < -323) x = 0.0; /* value < 1e-324 rounds to zero */
    else if (d.e10 > 310) return false;     /* value >= 1e310 overflows */
    else if (!llm__parse_fast(&d, &x) && !llm__parse_slow(&d, &x)) return false;
    *out = d.neg ? -x : x;
    return true;
}

/* ----------------------------- formatting ----------------------------- */

/* Shortest digits (Steele & White / Burger & Dybvig free-format, exact with
   big integers) for v = f * 2^e. v and its rounding interval are kept as
   r/s, (r - mm)/s, (r + mp)/s; boundaries count as inside when f is even
   (round-half-even parsing maps them back to v). Returns the digit count,
   *pk = decimal exponent with v ~= 0.d1d2... * 10^k. */
static int llm__shortest(uint64_t f, int e, bool uneq, char *dig, int *pk) {
    llm__big r, s, mp, mm;
    const llm__big *lo = uneq ? &mm : &mp;
    bool even = !(f & 1), low, high;
    int x = e + llm__bitlen(f) - 1, k, nd = 0, c;
    /* uneq: v is a power of two, the gap below is half the gap above */
    llm__big_set(&r, f << (uneq ? 2 : 1));
    llm__big_set(&s, uneq ? 4 : 2);
    llm__big_set(&mp, uneq ? 2 : 1);
    llm__big_set(&mm, 1);
    if (e >= 0) { llm__big_shl(&r, e); llm__big_shl(&mp, e); llm__big_shl(&mm, e); }
    else llm__big_shl(&s, -e);
    /* k <= floor(log10 v) + 1 from v >= 2^x (1233/4096 < log10 2 < 1234/4096) */
    k = 1 + (x >= 0 ? (x * 1233) >> 12 : -((-x * 1234 + 4095) >> 12));
    if (k >= 0) llm__big_mulpow10(&s, k);
    else { /* v < 1, so e < 0 and mm = 1, mp = 1 or 2: scale mm once, copy it */
        llm__big_mulpow10(&r, -k);
        llm__big_mulpow10(&mm, -k);
        mp = mm;
        llm__big_shl(&mp, uneq ? 1 : 0);
    }
    for (;;) { /* fix k so that the upper bound is below 10^k */
        c = llm__big_cmpsum(&r, &mp, &s);
        if (even ? c < 0 : c <= 0) break;
        llm__big_muladd(&s, 10, 0);
        k++;
    }
    do {
        int dg;
        llm__big_muladd(&r, 10, 0);
        llm__big_muladd(&mp, 10, 0);
        if (uneq) llm__big_muladd(&mm, 10, 0);
        dg = (int)llm__big_divstep(&r, &s); /* r < 10 s, so dg <= 9 */
        c = llm__big_cmp(&r, lo);
        low = even ? c <= 0 : c < 0;    /* digits so far (dg) are inside the interval */
        c = llm__big_cmpsum(&r, &mp, &s);
        high = even ? c >= 0 : c > 0;   /* dg + 1 is inside the interval */
        if (low && high) {              /* both: take the closer, ties to even */
            c = llm__big_cmpsum(&r, &r, &s);
            if (c > 0 || (c == 0 && (dg & 1))) dg++;
        } else if (high) dg++;
        dig[nd++] = (char)('0' + dg);
    } while (!low && !high && nd < 17); /* 17 digits always suffice */
    *pk = k;
    return nd;
}

/* ECMAScript Number::toString layout of digits d1..dn with v = 0.d1..dn * 10^k. */
static size_t llm__layout(const char *dig, int nd, int k, char *p) {
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

static size_t llm__format_double(double v, char *out) {
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
        nd = llm__shortest(f, be ? be - 1075 : -1074, f == (uint64_t)1 << 52 && be > 1, dig, &k);
    }
    return (size_t)(p - out) + llm__layout(dig, nd, k, p);
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

/* Writes s escaped for a JSON string, without quotes; invalid UTF-8 fails
   the writer. */
static void llm__jw_escaped(llm_json_writer *w, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run;
    if (llm__utf8_valid_prefix(s, n) != n) { llm__jw_fail(w, LLM_ERR_INVALID_ARGUMENT); return; }
    /* worst case every byte becomes \u00XX */
    if (n > ((size_t)-1) / 8 || !llm__jw_reserve(w, n * 6)) { llm__jw_fail(w, LLM_ERR_NO_MEMORY); return; }
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

static void llm__jw_quoted(llm_json_writer *w, const char *s, size_t n) {
    llm__jw_put(w, "\"", 1);
    llm__jw_escaped(w, s, n);
    llm__jw_put(w, "\"", 1);
}

/* One string value made of several NUL-terminated pieces. */
static void llm__jw_string_pieces(llm_json_writer *w, const char *const *pieces, size_t count) {
    size_t i;
    if (!llm__jw_before_value(w)) return;
    llm__jw_put(w, "\"", 1);
    for (i = 0; i < count; i++) llm__jw_escaped(w, pieces[i], strlen(pieces[i]));
    llm__jw_put(w, "\"", 1);
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

/* Writes a parsed value back out (used to merge caller JSON into bodies). */
static void llm__json_write_value(llm_json_writer *w, const llm_json *v) {
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
            for (k = llm_json_first(v); k; k = llm_json_next(v, k)) llm__json_write_value(w, k);
            llm_json_write_array_end(w);
            break;
        case LLM_JSON_OBJECT:
            llm_json_write_object_begin(w);
            for (k = llm_json_first(v); k; k = llm_json_next(v, k)) {
                s = llm_json_string(k, &len);
                llm_json_write_keyn(w, s, len);
                llm__json_write_value(w, k + 1);
            }
            llm_json_write_object_end(w);
            break;
    }
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
// >>transport
/* ------------------------------------------------------------------------ */

static bool llm__has_crlf(const char *s) {
    for (; s && *s; s++)
        if (*s == '\r' || *s == '\n') return true;
    return false;
}

/* Plays one "Name: value\n" header block into the sink. */
static llm_result llm__mock_headers(const llm_http_sink *sink, const char *h) {
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

static llm_result llm__mock_send(void *user, const llm_http_request *req, const llm_http_sink *sink, llm_error *err) {
    llm_mock *m = (llm_mock *)user;
    const llm_mock_exchange *x;
    size_t len, off, step;
    llm_result r;
    if (m->on_request) m->on_request(m->user, req);
    if (m->next >= m->count) return llm__fail(err, LLM_ERR_TRANSPORT, "mock transport: no recorded exchange left");
    x = &m->exchanges[m->next++];
    if (x->fail != LLM_OK) return llm__fail(err, x->fail, "mock transport: simulated failure");
    if ((r = sink->status(sink->ctx, x->status)) != LLM_OK) return r;
    if ((r = llm__mock_headers(sink, x->headers)) != LLM_OK) return r;
    len = x->body_len ? x->body_len : (x->body ? strlen(x->body) : 0);
    step = x->chunk ? x->chunk : len;
    for (off = 0; off < len; off += step) {
        size_t n = len - off < step ? len - off : step;
        if ((r = sink->body(sink->ctx, x->body + off, n)) != LLM_OK) return r;
    }
    return LLM_OK;
}

LLM_API llm_transport llm_mock_transport(llm_mock *mock) {
    llm_transport t;
    t.send = llm__mock_send;
    t.user = mock;
    return t;
}

/* ------------------------------------------------------------------------ */
// >>http_errors: status, provider fields and phrases to result codes
/* ------------------------------------------------------------------------ */

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

static bool llm__contains_any(const char *hay, const char *const *needles) {
    for (; *needles; needles++)
        if (llm__contains_ci(hay, *needles)) return true;
    return false;
}

/* Phrases providers use (LiteLLM's exception mapping, plus Anthropic's). */
static const char *const llm__context_phrases[] = {
    "exceed context limit", "this model's maximum context length is",
    "string too long. expected a string with maximum length", "model's maximum context limit",
    "is longer than the model's context length", "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be", "exceeds the available context size",
    "exceeds the maximum number of tokens allowed", "prompt is too long", "context_length_exceeded", NULL};
static const char *const llm__policy_phrases[] = {
    "content_policy_violation", "responsibleaipolicyviolation", "content_filter_policy",
    "your request was rejected as a result of our safety system", "the response was blocked.",
    "output blocked by content filtering policy", "content management policy", NULL};
static const char *const llm__rate_phrases[] = {
    "rate limit", "rate_limit", "rate-limit", "ratelimit", "service tier capacity exceeded",
    "resource exhausted", "resource_exhausted", "quota exceeded", NULL};

static bool llm__is_context_error(const llm_error *e) {
    if (llm__contains_ci(e->message, "string_above_max_length")) return false;
    if (llm__contains_ci(e->message, "invalid 'user'") && llm__contains_ci(e->message, "string too long")) return false;
    if (llm__contains_any(e->message, llm__context_phrases) || llm__contains_any(e->provider_code, llm__context_phrases)) return true;
    return llm__contains_ci(e->message, "current length is") && llm__contains_ci(e->message, "while limit is");
}

static bool llm__is_policy_error(const llm_error *e) {
    return llm__contains_any(e->message, llm__policy_phrases) || llm__contains_any(e->provider_code, llm__policy_phrases) ||
           strcmp(e->provider_code, "content_filter") == 0;
}

static bool llm__is_rate_error(const llm_error *e) {
    return strcmp(e->provider_code, "429") == 0 || llm__contains_any(e->type, llm__rate_phrases) ||
           llm__contains_any(e->provider_code, llm__rate_phrases) || llm__contains_any(e->message, llm__rate_phrases);
}

static llm_result llm__status_result(int status) {
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

LLM_API llm_result llm_classify_error(llm_error *e) {
    llm_result r;
    if (!e) return LLM_ERR_INVALID_ARGUMENT;
    r = llm__status_result(e->http_status);
    if (strcmp(e->type, "overloaded_error") == 0) r = LLM_ERR_UNAVAILABLE;
    if (r == LLM_ERR_BAD_REQUEST || r == LLM_ERR_HTTP || r == LLM_ERR_NOT_FOUND || e->http_status == 0) {
        if (llm__is_context_error(e)) r = LLM_ERR_CONTEXT_WINDOW_EXCEEDED;
        else if (llm__is_policy_error(e)) r = LLM_ERR_CONTENT_POLICY;
    }
    /* a 5xx whose body says 429 (or names a rate limit) is a rate limit */
    if ((r == LLM_ERR_SERVER || r == LLM_ERR_UNAVAILABLE || r == LLM_ERR_HTTP) && llm__is_rate_error(e)) r = LLM_ERR_RATE_LIMITED;
    e->code = r;
    e->retryable = r == LLM_ERR_RATE_LIMITED || r == LLM_ERR_SERVER || r == LLM_ERR_UNAVAILABLE || r == LLM_ERR_TIMEOUT ||
                   e->http_status == 409;
    if (strcmp(e->provider_code, "insufficient_quota") == 0) e->retryable = false; /* waiting will not refill it */
    if (e->should_retry >= 0) e->retryable = e->should_retry == 1;
    return r;
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

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as unix milliseconds,
   or -1. The other two legacy HTTP date forms are not accepted. */
static int64_t llm__parse_http_date(const char *s, size_t n) {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int day, month, hour, minute, second;
    int64_t year, y, era, yoe, doy, doe, days;
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
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || year < 1970) return -1;
    /* days from civil (H. Hinnant's algorithm) */
    y = year - (month <= 2);
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = era * 146097 + doe - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

static bool llm__header_is(const char *name, size_t n, const char *want) {
    size_t i;
    if (strlen(want) != n) return false;
    for (i = 0; i < n; i++)
        if ((name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]) != want[i]) return false;
    return true;
}

/* ------------------------------------------------------------------------ */
// >>provider_openai
/* ------------------------------------------------------------------------ */

/* Encoding context: the writer, plus the members of extra_body, which win
   over the fields the library writes. */
typedef struct llm__enc {
    llm_json_writer *w;
    const llm_json *extra;
    llm_error *err;
} llm__enc;

/* Writes a key unless extra_body overrides it; false = skip the value. */
static bool llm__enc_key(llm__enc *e, const char *key) {
    if (llm_json_get(e->extra, key)) return false;
    llm_json_write_key(e->w, key);
    return true;
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

static const char *llm__detail_name(llm_image_detail d) {
    return d == LLM_DETAIL_LOW ? "low" : d == LLM_DETAIL_HIGH ? "high" : "auto";
}

static llm_result llm__openai_part(llm__enc *e, const llm_content_part *part, size_t m, size_t p) {
    llm_json_writer *w = e->w;
    llm_json_write_object_begin(w);
    if (part->type == LLM_PART_TEXT) {
        if (!part->text) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].parts[%z]: text part without text", m, p);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "text");
        llm_json_write_key(w, "text");
        llm_json_write_string(w, part->text);
    } else {
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "image_url");
        llm_json_write_key(w, "image_url");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "url");
        if (part->type == LLM_PART_IMAGE_URL && part->url) {
            llm_json_write_string(w, part->url);
        } else if (part->type == LLM_PART_IMAGE_BASE64 && part->base64 && part->media_type) {
            const char *pieces[4];
            pieces[0] = "data:";
            pieces[1] = part->media_type;
            pieces[2] = ";base64,";
            pieces[3] = part->base64;
            llm__jw_string_pieces(w, pieces, 4);
        } else {
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].parts[%z]: image part without url (or base64 and media_type)", m, p);
        }
        if (part->detail != LLM_DETAIL_DEFAULT) {
            llm_json_write_key(w, "detail");
            llm_json_write_string(w, llm__detail_name(part->detail));
        }
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
    return LLM_OK;
}

static llm_result llm__openai_tool_calls(llm__enc *e, const llm_message *msg, size_t m) {
    llm_json_writer *w = e->w;
    size_t i;
    llm_json_write_key(w, "tool_calls");
    llm_json_write_array_begin(w);
    for (i = 0; i < msg->tool_call_count; i++) {
        const llm_tool_call *tc = &msg->tool_calls[i];
        if (!tc->id || !tc->name)
            return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z].tool_calls[%z]: id and name are required", m, i);
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "id");
        llm_json_write_string(w, tc->id);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "function");
        llm_json_write_key(w, "function");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "name");
        llm_json_write_string(w, tc->name);
        llm_json_write_key(w, "arguments"); /* a string holding JSON text */
        llm_json_write_string(w, tc->arguments ? tc->arguments : "{}");
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    return LLM_OK;
}

static llm_result llm__openai_message(llm__enc *e, const llm_message *msg, size_t m) {
    llm_json_writer *w = e->w;
    llm_result r = LLM_OK;
    size_t p;
    bool calls = msg->role == LLM_ROLE_ASSISTANT && msg->tool_call_count > 0;
    if ((unsigned)msg->role > (unsigned)LLM_ROLE_TOOL)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: unknown role", m);
    if (msg->role == LLM_ROLE_TOOL && !msg->tool_call_id)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: a tool message needs tool_call_id", m);
    if (!msg->content && !msg->part_count && !calls)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: no content", m);
    if (msg->part_count && !msg->parts) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: part_count without parts", m);
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "role");
    llm_json_write_string(w, llm__role_name(msg->role));
    llm_json_write_key(w, "content");
    if (msg->part_count) {
        llm_json_write_array_begin(w);
        for (p = 0; p < msg->part_count && r == LLM_OK; p++) r = llm__openai_part(e, &msg->parts[p], m, p);
        llm_json_write_array_end(w);
    } else {
        llm_json_write_string(w, msg->content); /* NULL writes null: an assistant turn of tool calls only */
    }
    if (r == LLM_OK && msg->name) {
        llm_json_write_key(w, "name");
        llm_json_write_string(w, msg->name);
    }
    if (r == LLM_OK && calls) r = llm__openai_tool_calls(e, msg, m);
    if (r == LLM_OK && msg->role == LLM_ROLE_TOOL) {
        llm_json_write_key(w, "tool_call_id");
        llm_json_write_string(w, msg->tool_call_id);
    }
    llm_json_write_object_end(w);
    if (r == LLM_OK && w->error_ == LLM_ERR_INVALID_ARGUMENT)
        return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "messages[%z]: text is not valid UTF-8", m);
    return r;
}

static llm_result llm__openai_tools(llm__enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    if (!req->tool_count || !llm__enc_key(e, "tools")) return LLM_OK;
    llm_json_write_array_begin(w);
    for (i = 0; i < req->tool_count; i++) {
        const llm_tool *t = &req->tools[i];
        if (!t->name) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "tools[%z]: name is required", i);
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "type");
        llm_json_write_string(w, "function");
        llm_json_write_key(w, "function");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "name");
        llm_json_write_string(w, t->name);
        if (t->description) {
            llm_json_write_key(w, "description");
            llm_json_write_string(w, t->description);
        }
        llm_json_write_key(w, "parameters");
        if (t->parameters) llm_json_write_raw(w, t->parameters, strlen(t->parameters));
        else llm_json_write_raw(w, "{\"type\":\"object\",\"properties\":{}}", 34);
        if (w->error_ != LLM_OK) return llm__fail(e->err, w->error_, "tools[%z]: parameters is not valid JSON", i);
        if (t->strict) {
            llm_json_write_key(w, "strict");
            llm_json_write_bool(w, true);
        }
        llm_json_write_object_end(w);
        llm_json_write_object_end(w);
    }
    llm_json_write_array_end(w);
    return LLM_OK;
}

static llm_result llm__openai_tool_choice(llm__enc *e, const llm_request *req) {
    static const char *const modes[] = {NULL, "none", "auto", "required"};
    llm_json_writer *w = e->w;
    const llm_tool_choice *tc = &req->tool_choice;
    if (tc->mode == LLM_TOOL_CHOICE_DEFAULT || !llm__enc_key(e, "tool_choice")) return LLM_OK;
    if (tc->mode != LLM_TOOL_CHOICE_FUNCTION) {
        if ((unsigned)tc->mode > (unsigned)LLM_TOOL_CHOICE_REQUIRED) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "tool_choice: unknown mode");
        llm_json_write_string(w, modes[tc->mode]);
        return LLM_OK;
    }
    if (!tc->name) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "tool_choice: a function choice needs a name");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "type");
    llm_json_write_string(w, "function");
    llm_json_write_key(w, "function");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "name");
    llm_json_write_string(w, tc->name);
    llm_json_write_object_end(w);
    llm_json_write_object_end(w);
    return LLM_OK;
}

static llm_result llm__openai_response_format(llm__enc *e, const llm_response_format *f) {
    static const char *const types[] = {NULL, "text", "json_object", "json_schema"};
    llm_json_writer *w = e->w;
    if (f->type == LLM_FORMAT_DEFAULT || !llm__enc_key(e, "response_format")) return LLM_OK;
    if ((unsigned)f->type > (unsigned)LLM_FORMAT_JSON_SCHEMA) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "response_format: unknown type");
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "type");
    llm_json_write_string(w, types[f->type]);
    if (f->type == LLM_FORMAT_JSON_SCHEMA) {
        if (!f->name || !f->schema) return llm__fail(e->err, LLM_ERR_INVALID_ARGUMENT, "response_format: json_schema needs name and schema");
        llm_json_write_key(w, "json_schema");
        llm_json_write_object_begin(w);
        llm_json_write_key(w, "name");
        llm_json_write_string(w, f->name);
        if (f->description) {
            llm_json_write_key(w, "description");
            llm_json_write_string(w, f->description);
        }
        llm_json_write_key(w, "schema");
        llm_json_write_raw(w, f->schema, strlen(f->schema));
        if (w->error_ != LLM_OK) return llm__fail(e->err, w->error_, "response_format: schema is not valid JSON");
        llm_json_write_key(w, "strict");
        llm_json_write_bool(w, f->strict);
        llm_json_write_object_end(w);
    }
    llm_json_write_object_end(w);
    return LLM_OK;
}

/* The scalar sampling fields: each is written only when set. */
static void llm__openai_sampling(llm__enc *e, const llm_request *req) {
    llm_json_writer *w = e->w;
    size_t i;
    if (req->has_temperature && llm__enc_key(e, "temperature")) llm_json_write_number(w, req->temperature);
    if (req->has_top_p && llm__enc_key(e, "top_p")) llm_json_write_number(w, req->top_p);
    if (req->max_tokens > 0 && llm__enc_key(e, "max_tokens")) llm_json_write_int(w, req->max_tokens);
    if (req->max_completion_tokens > 0 && llm__enc_key(e, "max_completion_tokens")) llm_json_write_int(w, req->max_completion_tokens);
    if (req->stop_count && req->stop && llm__enc_key(e, "stop")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->stop_count; i++) llm_json_write_string(w, req->stop[i] ? req->stop[i] : "");
        llm_json_write_array_end(w);
    }
    if (req->has_seed && llm__enc_key(e, "seed")) llm_json_write_int(w, req->seed);
    if (req->n > 0 && llm__enc_key(e, "n")) llm_json_write_int(w, req->n);
    if (req->has_presence_penalty && llm__enc_key(e, "presence_penalty")) llm_json_write_number(w, req->presence_penalty);
    if (req->has_frequency_penalty && llm__enc_key(e, "frequency_penalty")) llm_json_write_number(w, req->frequency_penalty);
    if (req->logprobs && llm__enc_key(e, "logprobs")) llm_json_write_bool(w, true);
    if (req->has_top_logprobs && llm__enc_key(e, "top_logprobs")) llm_json_write_int(w, req->top_logprobs);
    if (req->parallel_tool_calls != LLM_UNSET && llm__enc_key(e, "parallel_tool_calls")) llm_json_write_bool(w, req->parallel_tool_calls == LLM_TRUE);
    if (req->reasoning_effort && llm__enc_key(e, "reasoning_effort")) llm_json_write_string(w, req->reasoning_effort);
    if (req->service_tier && llm__enc_key(e, "service_tier")) llm_json_write_string(w, req->service_tier);
    if (req->user && llm__enc_key(e, "user")) llm_json_write_string(w, req->user);
    if (req->metadata_count && req->metadata && llm__enc_key(e, "metadata")) {
        llm_json_write_object_begin(w);
        for (i = 0; i < req->metadata_count; i++) {
            llm_json_write_key(w, req->metadata[i].name);
            llm_json_write_string(w, req->metadata[i].value ? req->metadata[i].value : "");
        }
        llm_json_write_object_end(w);
    }
}

static llm_result llm__openai_encode_with(llm__enc *e, const llm_request *req, bool stream) {
    llm_json_writer *w = e->w;
    llm_result r = LLM_OK;
    const llm_json *k;
    size_t i;
    llm_json_write_object_begin(w);
    if (llm__enc_key(e, "model")) llm_json_write_string(w, req->model);
    if (llm__enc_key(e, "messages")) {
        llm_json_write_array_begin(w);
        for (i = 0; i < req->message_count && r == LLM_OK; i++) r = llm__openai_message(e, &req->messages[i], i);
        llm_json_write_array_end(w);
    }
    if (r == LLM_OK) r = llm__openai_tools(e, req);
    if (r == LLM_OK) r = llm__openai_tool_choice(e, req);
    if (r == LLM_OK) r = llm__openai_response_format(e, &req->response_format);
    if (r != LLM_OK) return r;
    llm__openai_sampling(e, req);
    if (stream && llm__enc_key(e, "stream")) llm_json_write_bool(w, true);
    if (stream && llm__enc_key(e, "stream_options")) llm_json_write_raw(w, "{\"include_usage\":true}", 22);
    for (k = llm_json_first(e->extra); k; k = llm_json_next(e->extra, k)) {
        size_t len;
        const char *name = llm_json_string(k, &len);
        llm_json_write_keyn(w, name, len);
        llm__json_write_value(w, k + 1);
    }
    llm_json_write_object_end(w);
    if (w->error_ == LLM_ERR_NO_MEMORY) return llm__fail(e->err, LLM_ERR_NO_MEMORY, "out of memory");
    if (w->error_ != LLM_OK) return llm__fail(e->err, w->error_, "request: a string is not valid UTF-8 or a number is not finite");
    return LLM_OK;
}

static llm_result llm__openai_encode(const llm_client *client, const llm_request *req, bool stream, llm_json_writer *w, llm_error *err) {
    llm__enc e;
    llm_json_doc extra;
    llm_result r;
    memset(&extra, 0, sizeof extra);
    extra.alloc = client->desc.alloc;
    e.w = w;
    e.extra = NULL;
    e.err = err;
    if (!req->model || !req->model[0]) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: model is required");
    if (!req->message_count || !req->messages) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: messages are required");
    if ((req->tool_count && !req->tools) || (req->stop_count && !req->stop) || (req->metadata_count && !req->metadata))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: a count is set without its array");
    if (req->extra_body) {
        r = llm_json_parse(&extra, req->extra_body, strlen(req->extra_body), NULL);
        if (r != LLM_OK || !llm_json_is(llm_json_root(&extra), LLM_JSON_OBJECT)) {
            llm_json_doc_free(&extra);
            return llm__fail(err, r == LLM_ERR_NO_MEMORY ? r : LLM_ERR_INVALID_ARGUMENT, "request: extra_body is not a JSON object");
        }
        e.extra = llm_json_root(&extra);
    }
    r = llm__openai_encode_with(&e, req, stream);
    llm_json_doc_free(&extra);
    return r;
}

static const char *llm__openai_path(const llm_client *client, const llm_request *req, bool stream) {
    (void)client; (void)req; (void)stream;
    return "/chat/completions";
}

/* ---- decoding ---- */

/* A copy of a JSON string value in the response's arena; NULL when v is no
   string. *failed is set when memory ran out. */
static const char *llm__resp_str(llm_response *resp, const llm_json *v, bool *failed) {
    size_t len;
    const char *s = llm_json_string(v, &len);
    char *copy;
    if (!s) return NULL;
    copy = llm__arena_strndup(&resp->alloc_, &resp->arena_, s, len);
    if (!copy) *failed = true;
    return copy;
}

static void *llm__resp_array(llm_response *resp, size_t count, size_t size, bool *failed) {
    void *p;
    if (!count) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&resp->alloc_, &resp->arena_, count * size))) {
        *failed = true;
        return NULL;
    }
    memset(p, 0, count * size);
    return p;
}

LLM__SHARED llm_finish_reason llm__finish_reason(const char *raw) {
    static const struct { const char *word; llm_finish_reason reason; } map[] = {
        {"stop", LLM_FINISH_STOP}, {"end_turn", LLM_FINISH_STOP}, {"stop_sequence", LLM_FINISH_STOP},
        {"length", LLM_FINISH_LENGTH}, {"max_tokens", LLM_FINISH_LENGTH},
        {"tool_calls", LLM_FINISH_TOOL_CALLS}, {"function_call", LLM_FINISH_TOOL_CALLS}, {"tool_use", LLM_FINISH_TOOL_CALLS},
        {"content_filter", LLM_FINISH_CONTENT_FILTER}, {"refusal", LLM_FINISH_CONTENT_FILTER},
    };
    size_t i;
    if (!raw) return LLM_FINISH_NONE;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(raw, map[i].word) == 0) return map[i].reason;
    return LLM_FINISH_OTHER;
}

static void llm__openai_tool_calls_decode(llm_response *resp, llm_choice *c, const llm_json *calls, bool *failed) {
    const llm_json *v;
    llm_tool_call *out = (llm_tool_call *)llm__resp_array(resp, llm_json_count(calls), sizeof *out, failed);
    size_t n = 0;
    if (!out) return;
    for (v = llm_json_first(calls); v; v = llm_json_next(calls, v), n++) {
        const llm_json *fn = llm_json_get(v, "function");
        out[n].id = llm__resp_str(resp, llm_json_get(v, "id"), failed);
        out[n].name = llm__resp_str(resp, llm_json_get(fn, "name"), failed);
        out[n].arguments = llm__resp_str(resp, llm_json_get(fn, "arguments"), failed);
        if (!out[n].arguments || !out[n].arguments[0]) out[n].arguments = "{}"; /* no arguments: an empty object */
    }
    c->tool_calls = out;
    c->tool_call_count = n;
}

static void llm__openai_logprobs_decode(llm_response *resp, llm_choice *c, const llm_json *content, bool *failed) {
    const llm_json *v, *t;
    llm_logprob *out = (llm_logprob *)llm__resp_array(resp, llm_json_count(content), sizeof *out, failed);
    size_t n = 0;
    if (!out) return;
    for (v = llm_json_first(content); v; v = llm_json_next(content, v), n++) {
        const llm_json *top = llm_json_get(v, "top_logprobs");
        llm_top_logprob *tops = (llm_top_logprob *)llm__resp_array(resp, llm_json_count(top), sizeof *tops, failed);
        size_t k = 0;
        out[n].token = llm__resp_str(resp, llm_json_get(v, "token"), failed);
        out[n].logprob = llm_json_number(llm_json_get(v, "logprob"), 0);
        for (t = llm_json_first(top); t && tops; t = llm_json_next(top, t), k++) {
            tops[k].token = llm__resp_str(resp, llm_json_get(t, "token"), failed);
            tops[k].logprob = llm_json_number(llm_json_get(t, "logprob"), 0);
        }
        out[n].top = tops;
        out[n].top_count = tops ? k : 0;
    }
    c->logprobs = out;
    c->logprob_count = n;
}

static void llm__openai_choice_decode(llm_response *resp, llm_choice *c, const llm_json *v, bool *failed) {
    const llm_json *msg = llm_json_get(v, "message");
    const llm_json *reasoning = llm_json_get(msg, "reasoning_content");
    size_t len = 0;
    c->index = (int)llm_json_int(llm_json_get(v, "index"), 0);
    c->content = llm__resp_str(resp, llm_json_get(msg, "content"), failed);
    llm_json_string(llm_json_get(msg, "content"), &len);
    c->content_len = c->content ? len : 0;
    c->refusal = llm__resp_str(resp, llm_json_get(msg, "refusal"), failed);
    /* DeepSeek and vLLM say reasoning_content, OpenRouter and Groq reasoning */
    c->reasoning = llm__resp_str(resp, reasoning ? reasoning : llm_json_get(msg, "reasoning"), failed);
    llm__openai_tool_calls_decode(resp, c, llm_json_get(msg, "tool_calls"), failed);
    c->finish_reason_raw = llm__resp_str(resp, llm_json_get(v, "finish_reason"), failed);
    c->finish_reason = llm__finish_reason(c->finish_reason_raw);
    llm__openai_logprobs_decode(resp, c, llm_json_get(llm_json_get(v, "logprobs"), "content"), failed);
}

/* OpenAI's usage object (also Groq's x_groq.usage and OpenRouter's). */
LLM__SHARED void llm__openai_usage_decode(const llm_json *u, llm_response *resp) {
    const llm_json *pd = llm_json_get(u, "prompt_tokens_details"), *cd = llm_json_get(u, "completion_tokens_details");
    llm_usage *us = &resp->usage;
    if (!llm_json_is(u, LLM_JSON_OBJECT)) return;
    us->present = true;
    us->prompt_tokens = llm_json_int(llm_json_get(u, "prompt_tokens"), 0);
    us->completion_tokens = llm_json_int(llm_json_get(u, "completion_tokens"), 0);
    us->total_tokens = llm_json_int(llm_json_get(u, "total_tokens"), us->prompt_tokens + us->completion_tokens);
    us->cached_tokens = llm_json_int(llm_json_get(pd, "cached_tokens"), 0);
    us->cache_creation_tokens = llm_json_int(llm_json_get(pd, "cache_write_tokens"), 0);
    us->audio_prompt_tokens = llm_json_int(llm_json_get(pd, "audio_tokens"), 0);
    us->reasoning_tokens = llm_json_int(llm_json_get(cd, "reasoning_tokens"), 0);
    us->audio_completion_tokens = llm_json_int(llm_json_get(cd, "audio_tokens"), 0);
    if (llm_json_is(llm_json_get(u, "cost"), LLM_JSON_NUMBER)) { /* OpenRouter reports its charge */
        resp->has_provider_cost = true;
        resp->provider_cost_usd = llm_json_number(llm_json_get(u, "cost"), 0);
    }
}

static int llm__choice_order(const void *a, const void *b) {
    int x = ((const llm_choice *)a)->index, y = ((const llm_choice *)b)->index;
    return (x > y) - (x < y);
}

static llm_result llm__openai_decode(const llm_json *body, llm_response *resp, llm_error *err) {
    const llm_json *choices = llm_json_get(body, "choices"), *v;
    llm_choice *out;
    bool failed = false;
    size_t n = 0;
    if (!llm_json_is(body, LLM_JSON_OBJECT) || !llm_json_is(choices, LLM_JSON_ARRAY))
        return llm__fail(err, LLM_ERR_PARSE, "response: not a chat completion (no choices array)");
    resp->id = llm__resp_str(resp, llm_json_get(body, "id"), &failed);
    resp->object = llm__resp_str(resp, llm_json_get(body, "object"), &failed);
    resp->model = llm__resp_str(resp, llm_json_get(body, "model"), &failed);
    resp->created = llm_json_int(llm_json_get(body, "created"), 0);
    resp->system_fingerprint = llm__resp_str(resp, llm_json_get(body, "system_fingerprint"), &failed);
    resp->service_tier = llm__resp_str(resp, llm_json_get(body, "service_tier"), &failed);
    out = (llm_choice *)llm__resp_array(resp, llm_json_count(choices), sizeof *out, &failed);
    for (v = llm_json_first(choices); v && out; v = llm_json_next(choices, v), n++) {
        if (!llm_json_is(v, LLM_JSON_OBJECT)) return llm__fail(err, LLM_ERR_PARSE, "response: choices[%z] is not an object", n);
        llm__openai_choice_decode(resp, &out[n], v, &failed);
    }
    if (out) qsort(out, n, sizeof *out, llm__choice_order);
    resp->choices = out;
    resp->choice_count = out ? n : 0;
    llm__openai_usage_decode(llm_json_get(body, "usage"), resp);
    if (!resp->usage.present) llm__openai_usage_decode(llm_json_get(llm_json_get(body, "x_groq"), "usage"), resp);
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    return LLM_OK;
}

/* Copies a JSON string or number (as text) into a fixed buffer. */
static void llm__copy_json_text(char *dst, size_t size, const llm_json *v) {
    size_t len;
    const char *s = llm_json_string(v, &len);
    if (s) {
        llm__copy_text(dst, size, s, len);
    } else if (llm_json_is(v, LLM_JSON_NUMBER)) {
        size_t pos = 0;
        int64_t n = llm_json_int(v, 0);
        if (n < 0) dst[pos++] = '-';
        llm__append_u64(dst, size, &pos, n < 0 ? 0 - (uint64_t)n : (uint64_t)n);
    }
}

/* {"error":{"message","type","code","param"}}, or {"error":"text"}, or
   Anthropic's {"type":"error","error":{"type","message"}}. */
static void llm__openai_decode_error(const llm_json *body, llm_error *err) {
    const llm_json *e = llm_json_get(body, "error");
    if (llm_json_is(e, LLM_JSON_STRING)) {
        llm__copy_json_text(err->message, sizeof err->message, e);
        return;
    }
    if (!e) e = body;
    llm__copy_json_text(err->message, sizeof err->message, llm_json_get(e, "message"));
    llm__copy_json_text(err->type, sizeof err->type, llm_json_get(e, "type"));
    llm__copy_json_text(err->provider_code, sizeof err->provider_code, llm_json_get(e, "code"));
}

static const llm_provider llm__openai_provider = {
    "openai", "https://api.openai.com/v1", llm__openai_encode, llm__openai_path,
    "Authorization", "Bearer ", llm__openai_decode, llm__openai_decode_error,
};

static const llm_provider llm__openai_compatible_provider = {
    "openai-compatible", "http://localhost:8000/v1", llm__openai_encode, llm__openai_path,
    "Authorization", "Bearer ", llm__openai_decode, llm__openai_decode_error,
};

LLM_API const llm_provider *llm_provider_openai(void) { return &llm__openai_provider; }

/* ------------------------------------------------------------------------ */
// >>client
/* ------------------------------------------------------------------------ */

LLM_API llm_result llm_client_init(llm_client *client, const llm_client_desc *desc, llm_error *err) {
    size_t i;
    if (!client || !desc) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: NULL client or desc");
    memset(client, 0, sizeof *client);
    if (desc->custom_provider) client->provider = desc->custom_provider;
    else if (!desc->provider || strcmp(desc->provider, "openai") == 0) client->provider = &llm__openai_provider;
    else if (strcmp(desc->provider, "openai-compatible") == 0) client->provider = &llm__openai_compatible_provider;
    else return llm__fail(err, LLM_ERR_UNSUPPORTED, "llm_client_init: unknown provider \"%s\"", desc->provider);
    if (llm__has_crlf(desc->api_key)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: the API key contains CR or LF");
    if (llm__has_crlf(desc->base_url)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: base_url contains CR or LF");
    if (desc->header_count && !desc->headers) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: header_count without headers");
    for (i = 0; i < desc->header_count; i++)
        if (!desc->headers[i].name || !desc->headers[i].value || !desc->headers[i].name[0] ||
            llm__has_crlf(desc->headers[i].name) || llm__has_crlf(desc->headers[i].value))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: header %z is empty or contains CR or LF", i);
    if (desc->alloc.alloc && (!desc->alloc.realloc || !desc->alloc.free))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_client_init: an allocator needs alloc, realloc and free");
    client->desc = *desc;
    client->rng_ = desc->seed ^ 0x6A09E667F3BCC909ull;
    llm__error_clear(err);
    return LLM_OK;
}

static uint64_t llm__client_random(llm_client *c) {
    uint64_t z;
    if (c->desc.random) return c->desc.random(c->desc.random_user);
    z = (c->rng_ += 0x9E3779B97F4A7C15ull); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void llm__log(const llm_client *c, llm_log_level level, const char *message) {
    if (c && c->desc.log) c->desc.log(c->desc.log_user, level, message);
}

/* ------------------------------------------------------------------------ */
// >>call
/* ------------------------------------------------------------------------ */

enum { LLM__CALL_IDLE = 0, LLM__CALL_SENT, LLM__CALL_RECEIVING, LLM__CALL_DONE };

#ifndef LLM_MAX_RESPONSE_BYTES
#define LLM_MAX_RESPONSE_BYTES (64u << 20)
#endif

static llm_result llm__call_error(llm_call *call, llm_result code, const char *message) {
    if (call->error_ == LLM_OK) {
        call->error_ = code;
        llm__fail(&call->err_, code, "%s", message);
    }
    return call->error_;
}

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

/* "req_" and 32 hex digits from the client's random source. */
static const char *llm__call_request_id(llm_call *call, llm_client *client) {
    static const char hex[] = "0123456789abcdef";
    char *id = (char *)llm__arena_alloc(&call->alloc_, &call->arena_, 37);
    int i;
    if (!id) return NULL;
    memcpy(id, "req_", 4);
    for (i = 0; i < 2; i++) {
        uint64_t r = llm__client_random(client);
        int k;
        for (k = 0; k < 16; k++) id[4 + i * 16 + k] = hex[(r >> (k * 4)) & 15];
    }
    id[36] = '\0';
    return id;
}

static llm_result llm__call_headers(llm_call *call, llm_client *client, const llm_request *req, bool stream) {
    const llm_client_desc *d = &client->desc;
    const llm_provider *p = client->provider;
    size_t i;
    bool ok = llm__call_add_header(call, "Content-Type", "application/json") &&
              llm__call_add_header(call, "Accept", stream ? "text/event-stream" : "application/json");
    if (ok && d->api_key && d->api_key[0]) ok = llm__call_add_header(call, p->auth_header, llm__call_concat(call, p->auth_prefix, d->api_key));
    if (ok && !d->no_request_id)
        ok = llm__call_add_header(call, "X-Request-ID", req->request_id ? req->request_id : llm__call_request_id(call, client));
    for (i = 0; ok && i < d->header_count; i++) ok = llm__call_add_header(call, d->headers[i].name, d->headers[i].value);
    for (i = 0; ok && i < req->header_count; i++) ok = llm__call_add_header(call, req->headers[i].name, req->headers[i].value);
    if (!ok) return llm__call_error(call, call->http_.header_count >= LLM_CALL_MAX_HEADERS ? LLM_ERR_LIMIT_EXCEEDED : LLM_ERR_NO_MEMORY,
                                    "request headers: more than LLM_CALL_MAX_HEADERS, or out of memory");
    return LLM_OK;
}

static llm_result llm__call_check_request(const llm_request *req, llm_error *err) {
    size_t i;
    if (req->header_count && !req->headers) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: header_count without headers");
    for (i = 0; i < req->header_count; i++)
        if (!req->headers[i].name || !req->headers[i].value || !req->headers[i].name[0] ||
            llm__has_crlf(req->headers[i].name) || llm__has_crlf(req->headers[i].value))
            return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: header %z is empty or contains CR or LF", i);
    if (llm__has_crlf(req->request_id)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "request: request_id contains CR or LF");
    return LLM_OK;
}

/* The URL: base (without a trailing slash) + the provider's path. */
static llm_result llm__call_url(llm_call *call, const llm_client *client, const llm_request *req, bool stream) {
    const char *base = client->desc.base_url ? client->desc.base_url : client->provider->default_base_url;
    size_t n = strlen(base);
    char *trimmed;
    while (n && base[n - 1] == '/') n--;
    trimmed = llm__arena_strndup(&call->alloc_, &call->arena_, base, n);
    call->http_.url = trimmed ? llm__call_concat(call, trimmed, client->provider->path(client, req, stream)) : NULL;
    return call->http_.url ? LLM_OK : llm__call_error(call, LLM_ERR_NO_MEMORY, "out of memory");
}

static llm_result llm__call_start(llm_call *call, llm_client *client, const llm_request *req, bool stream, int64_t now_ms,
                                  const llm_http_request **http, llm_error *err) {
    llm_result r;
    if (!call || !client || !client->provider || !req || !http)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_begin: NULL call, client, request or http");
    *http = NULL;
    memset(call, 0, sizeof *call);
    call->client_ = client;
    call->alloc_ = client->desc.alloc;
    call->body_.alloc = client->desc.alloc;
    call->retry_after_ms_ = call->retry_date_ms_ = call->date_ms_ = -1;
    call->should_retry_ = -1;
    call->start_ms_ = now_ms;
    call->in_max_ = client->desc.max_response_bytes ? client->desc.max_response_bytes : LLM_MAX_RESPONSE_BYTES;
    if ((r = llm__call_check_request(req, err)) != LLM_OK) return r;
    if ((r = client->provider->encode(client, req, stream, &call->body_, err)) != LLM_OK) return r;
    if (llm__call_url(call, client, req, stream) != LLM_OK || llm__call_headers(call, client, req, stream) != LLM_OK) {
        if (err) *err = call->err_;
        return call->error_;
    }
    llm_json_writer_finish(&call->body_, &call->http_.body, &call->http_.body_len);
    call->http_.method = "POST";
    call->http_.headers = call->headers_;
    call->http_.stream = stream;
    call->http_.timeout_ms = req->timeout_ms ? req->timeout_ms : client->desc.timeout_ms ? client->desc.timeout_ms : 600000;
    call->http_.connect_timeout_ms = client->desc.connect_timeout_ms;
    call->state_ = LLM__CALL_SENT;
    *http = &call->http_;
    llm__error_clear(err);
    return LLM_OK;
}

LLM_API llm_result llm_call_begin(llm_call *call, llm_client *client, const llm_request *req, int64_t now_ms,
                                  const llm_http_request **http, llm_error *err) {
    llm_result r = llm__call_start(call, client, req, false, now_ms, http, err);
    if (r != LLM_OK && call) llm_call_free(call); /* a failed begin leaves nothing to free */
    return r;
}

LLM_API llm_result llm_call_feed_status(llm_call *call, int status) {
    if (!call) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->state_ != LLM__CALL_SENT) return llm__call_error(call, LLM_ERR_INVALID_ARGUMENT, "status fed out of order");
    if (status < 100 || status > 999) return llm__call_error(call, LLM_ERR_PARSE, "invalid HTTP status");
    call->status_ = status;
    call->state_ = LLM__CALL_RECEIVING;
    return LLM_OK;
}

/* Remembers what the headers say about retrying, the request id and cost. */
static void llm__call_header_value(llm_call *call, const char *name, size_t nlen, const char *v, size_t vlen) {
    double d;
    if (llm__header_is(name, nlen, "retry-after-ms") || llm__header_is(name, nlen, "x-ms-retry-after-ms")) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) call->retry_after_ms_ = (int64_t)d;
    } else if (llm__header_is(name, nlen, "retry-after")) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) {
            if (call->retry_after_ms_ < 0) call->retry_after_ms_ = (int64_t)(d * 1000);
        } else {
            call->retry_date_ms_ = llm__parse_http_date(v, vlen);
        }
    } else if (llm__header_is(name, nlen, "date")) {
        call->date_ms_ = llm__parse_http_date(v, vlen);
    } else if (llm__header_is(name, nlen, "x-should-retry")) {
        if (vlen == 4 && memcmp(v, "true", 4) == 0) call->should_retry_ = 1;
        if (vlen == 5 && memcmp(v, "false", 5) == 0) call->should_retry_ = 0;
    } else if (llm__header_is(name, nlen, "x-request-id") || (llm__header_is(name, nlen, "request-id") && !call->request_id_[0])) {
        llm__copy_text(call->request_id_, sizeof call->request_id_, v, vlen);
    } else if (llm__header_is(name, nlen, "x-litellm-response-cost")) {
        if ((d = llm__parse_seconds(v, vlen)) >= 0) {
            call->has_provider_cost_ = true;
            call->provider_cost_ = d;
        }
    }
}

LLM_API llm_result llm_call_feed_header(llm_call *call, const char *name, size_t name_len, const char *value, size_t value_len) {
    if (!call || (!name && name_len) || (!value && value_len)) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->state_ != LLM__CALL_RECEIVING) return llm__call_error(call, LLM_ERR_INVALID_ARGUMENT, "header fed before the status");
    llm__call_header_value(call, name, name_len, value, value_len);
    return LLM_OK;
}

LLM_API llm_result llm_call_feed_body(llm_call *call, const char *data, size_t len) {
    void *buf;
    if (!call || (!data && len)) return LLM_ERR_INVALID_ARGUMENT;
    if (call->error_ != LLM_OK) return call->error_;
    if (call->state_ != LLM__CALL_RECEIVING) return llm__call_error(call, LLM_ERR_INVALID_ARGUMENT, "body fed before the status");
    if (len > call->in_max_ - call->in_len_) return llm__call_error(call, LLM_ERR_LIMIT_EXCEEDED, "response body larger than max_response_bytes");
    buf = call->in_;
    if (!llm__grow(&call->alloc_, &buf, &call->in_cap_, call->in_len_ + len, 1)) return llm__call_error(call, LLM_ERR_NO_MEMORY, "out of memory");
    call->in_ = (char *)buf;
    if (len) memcpy(call->in_ + call->in_len_, data, len);
    call->in_len_ += len;
    return LLM_OK;
}

static llm_result llm__sink_status(void *ctx, int status) { return llm_call_feed_status((llm_call *)ctx, status); }
static llm_result llm__sink_header(void *ctx, const char *n, size_t nl, const char *v, size_t vl) {
    return llm_call_feed_header((llm_call *)ctx, n, nl, v, vl);
}
static llm_result llm__sink_body(void *ctx, const char *d, size_t n) { return llm_call_feed_body((llm_call *)ctx, d, n); }

LLM_API llm_http_sink llm_call_sink(llm_call *call) {
    llm_http_sink s;
    s.status = llm__sink_status;
    s.header = llm__sink_header;
    s.body = llm__sink_body;
    s.ctx = call;
    return s;
}

/* Replaces every occurrence of the API key in s with "***". */
static void llm__scrub_key(char *s, const char *key) {
    size_t n = key ? strlen(key) : 0;
    char *hit;
    if (n < 4) return;
    while ((hit = strstr(s, key)) != NULL) {
        memcpy(hit, "***", 3);
        memmove(hit + 3, hit + n, strlen(hit + n) + 1);
    }
}

/* Fills err for a non-2xx answer. */
static llm_result llm__call_http_error(llm_call *call, const llm_json *body, llm_error *err) {
    llm_error e;
    llm__error_clear(&e);
    e.http_status = call->status_;
    if (body) call->client_->provider->decode_error(body, &e);
    if (!e.message[0]) { /* not the provider's JSON: keep the start of the body */
        size_t i, n = call->in_len_ < 200 ? call->in_len_ : 200;
        llm__copy_text(e.message, sizeof e.message, call->in_ ? call->in_ : "", n);
        for (i = 0; e.message[i]; i++)
            if ((unsigned char)e.message[i] < 0x20) e.message[i] = ' ';
    }
    if (!e.message[0]) {
        llm__fail(&e, LLM_ERR_HTTP, "HTTP status %d with an empty body", call->status_);
        e.http_status = call->status_;
    }
    e.should_retry = call->should_retry_;
    e.retry_after_ms = call->retry_after_ms_;
    if (e.retry_after_ms < 0 && call->retry_date_ms_ >= 0) {
        int64_t now = call->date_ms_ >= 0 ? call->date_ms_
                      : call->client_->desc.wall_clock_ms ? call->client_->desc.wall_clock_ms(call->client_->desc.clock_user) : -1;
        if (now >= 0) e.retry_after_ms = call->retry_date_ms_ > now ? call->retry_date_ms_ - now : 0;
    }
    llm__copy_text(e.request_id, sizeof e.request_id, call->request_id_, strlen(call->request_id_));
    llm__scrub_key(e.message, call->client_->desc.api_key);
    llm_classify_error(&e);
    if (err) *err = e;
    return e.code;
}

static llm_result llm__call_decode(llm_call *call, const llm_json *body, int64_t now_ms, llm_response *resp, llm_error *err) {
    llm_result r;
    resp->alloc_ = call->alloc_;
    r = call->client_->provider->decode(body, resp, err);
    if (r == LLM_OK) {
        bool failed = false;
        resp->http_status = call->status_;
        resp->latency_ms = now_ms - call->start_ms_;
        if (call->request_id_[0]) resp->request_id = llm__arena_strndup(&resp->alloc_, &resp->arena_, call->request_id_, strlen(call->request_id_));
        if (call->has_provider_cost_) {
            resp->has_provider_cost = true;
            resp->provider_cost_usd = call->provider_cost_;
        }
        if (call->client_->desc.keep_raw_body) {
            resp->raw_body = llm__arena_strndup(&resp->alloc_, &resp->arena_, call->in_ ? call->in_ : "", call->in_len_);
            resp->raw_body_len = call->in_len_;
            failed = !resp->raw_body;
        }
        if (failed || (call->request_id_[0] && !resp->request_id)) r = llm__fail(err, LLM_ERR_NO_MEMORY, "out of memory");
    }
    if (r != LLM_OK) llm_response_free(resp);
    return r;
}

LLM_API llm_result llm_call_finish(llm_call *call, int64_t now_ms, llm_response *resp, llm_error *err) {
    llm_json_doc doc;
    llm_error perr;
    llm_result r;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!call || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_call_finish: NULL call or response");
    if (call->error_ == LLM_OK && call->state_ != LLM__CALL_RECEIVING)
        llm__call_error(call, call->state_ == LLM__CALL_SENT ? LLM_ERR_TRANSPORT : LLM_ERR_INVALID_ARGUMENT,
                        call->state_ == LLM__CALL_SENT ? "no HTTP answer was received" : "llm_call_finish without llm_call_begin");
    if (call->error_ != LLM_OK) {
        if (err) *err = call->err_;
        return call->error_;
    }
    call->state_ = LLM__CALL_DONE;
    memset(&doc, 0, sizeof doc);
    doc.alloc = call->alloc_;
    r = llm_json_parse(&doc, call->in_ ? call->in_ : "", call->in_len_, &perr);
    if (call->status_ < 200 || call->status_ > 299) {
        r = llm__call_http_error(call, r == LLM_OK ? llm_json_root(&doc) : NULL, err);
    } else if (r == LLM_ERR_PARSE) {
        r = call->in_len_ ? LLM_ERR_PARSE : LLM_ERR_TRUNCATED;
        llm__fail(err, r, "response body at offset %z: %s", perr.offset, perr.message);
        if (err) err->offset = perr.offset;
    } else if (r != LLM_OK) {
        if (err) *err = perr;
    } else {
        r = llm__call_decode(call, llm_json_root(&doc), now_ms, resp, err);
    }
    if (err && r != LLM_OK) {
        err->http_status = call->status_;
        if (!err->request_id[0]) llm__copy_text(err->request_id, sizeof err->request_id, call->request_id_, strlen(call->request_id_));
    }
    llm_json_doc_free(&doc);
    return r;
}

LLM_API void llm_call_free(llm_call *call) {
    if (!call) return;
    llm_json_writer_free(&call->body_);
    llm__free(&call->alloc_, call->in_, call->in_cap_);
    llm__arena_free(&call->alloc_, &call->arena_);
    memset(call, 0, sizeof *call);
}

static int64_t llm__client_now(const llm_client *c) {
    return c->desc.clock_ms ? c->desc.clock_ms(c->desc.clock_user) : 0;
}

/* Fills err after a transport returned r: the call's own error when its
   sink stopped the exchange, else the transport's words. */
static void llm__transport_failed(llm_call *call, llm_result r, llm_error *err) {
    if (!err) return;
    if (call->error_ != LLM_OK) *err = call->err_;
    else if (err->code != r || !err->message[0]) llm__fail(err, r, "transport failed: %s", llm_result_description(r));
    err->retryable = r == LLM_ERR_TRANSPORT || r == LLM_ERR_TIMEOUT;
}

LLM_API llm_result llm_complete(llm_client *client, const llm_request *req, llm_response *resp, llm_error *err) {
    llm_call call;
    const llm_http_request *http;
    llm_http_sink sink;
    llm_result r;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!client || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_complete: NULL client or response");
    if (!client->desc.transport.send) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_complete: the client has no transport");
    r = llm_call_begin(&call, client, req, llm__client_now(client), &http, err);
    if (r == LLM_OK) {
        sink = llm_call_sink(&call);
        llm__error_clear(err);
        r = client->desc.transport.send(client->desc.transport.user, http, &sink, err);
        if (r != LLM_OK) llm__transport_failed(&call, r, err);
    }
    if (r == LLM_OK) r = llm_call_finish(&call, llm__client_now(client), resp, err);
    if (r != LLM_OK) llm__log(client, LLM_LOG_WARN, err ? err->message : llm_result_description(r));
    llm_call_free(&call);
    return r;
}

/* ------------------------------------------------------------------------ */
// >>conversation
/* ------------------------------------------------------------------------ */

static const char *llm__conv_str(llm_conversation *c, const char *s, bool *failed) {
    const char *copy;
    if (!s) return NULL;
    copy = llm__arena_strndup(&c->alloc, &c->arena_, s, strlen(s));
    if (!copy) *failed = true;
    return copy;
}

static void *llm__conv_array(llm_conversation *c, const void *src, size_t count, size_t size, bool *failed) {
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
    bool failed = false;
    size_t i;
    void *buf;
    if (!c || !msg) return LLM_ERR_INVALID_ARGUMENT;
    buf = c->messages_;
    if (!llm__grow(&c->alloc, &buf, &c->capacity_, c->count_ + 1, sizeof(llm_message))) return LLM_ERR_NO_MEMORY;
    c->messages_ = (llm_message *)buf;
    m = *msg;
    m.content = llm__conv_str(c, msg->content, &failed);
    m.name = llm__conv_str(c, msg->name, &failed);
    m.tool_call_id = llm__conv_str(c, msg->tool_call_id, &failed);
    m.parts = parts = (llm_content_part *)llm__conv_array(c, msg->parts, msg->part_count, sizeof *parts, &failed);
    for (i = 0; parts && i < msg->part_count; i++) {
        parts[i].text = llm__conv_str(c, parts[i].text, &failed);
        parts[i].url = llm__conv_str(c, parts[i].url, &failed);
        parts[i].base64 = llm__conv_str(c, parts[i].base64, &failed);
        parts[i].media_type = llm__conv_str(c, parts[i].media_type, &failed);
    }
    m.tool_calls = calls = (llm_tool_call *)llm__conv_array(c, msg->tool_calls, msg->tool_call_count, sizeof *calls, &failed);
    for (i = 0; calls && i < msg->tool_call_count; i++) {
        calls[i].id = llm__conv_str(c, calls[i].id, &failed);
        calls[i].name = llm__conv_str(c, calls[i].name, &failed);
        calls[i].arguments = llm__conv_str(c, calls[i].arguments, &failed);
    }
    if (!m.parts) m.part_count = 0;
    if (!m.tool_calls) m.tool_call_count = 0;
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
    if (!m.content && !m.tool_call_count) m.content = "";
    return llm_conversation_add(c, &m);
}

LLM_API llm_result llm_conversation_add_tool_result(llm_conversation *c, const char *tool_call_id, const char *content) {
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
// >>router
/* ------------------------------------------------------------------------ */

#if !defined(LLM_NO_STDIO) && (defined(__unix__) || defined(__APPLE__))
#include <time.h>
#if defined(CLOCK_MONOTONIC)
#define LLM__ROUTER_POSIX_TIME 1
#endif
#endif

#define LLM__RT_POLL_MS 50  /* wait when only a probe or max_parallel holds us */

enum { LLM__RT_CLOSED = 0, LLM__RT_OPEN, LLM__RT_HALF };
enum { LLM__RT_NEW = 0, LLM__RT_READY, LLM__RT_SENT, LLM__RT_DONE };
enum { LLM__RT_OK = 0, LLM__RT_WAIT, LLM__RT_COOLING, LLM__RT_EXCLUDED, LLM__RT_CONTEXT, LLM__RT_BUDGET };

typedef struct llm__rt_dep {
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
} llm__rt_dep;

typedef struct llm__rt_group {
    const char *name;
    int *members;
    int count;
    int *fb[LLM__FALLBACK_COUNT];
    int fb_count[LLM__FALLBACK_COUNT];
    bool has_num_retries;
    int num_retries;
    double budget, spent;
    int64_t spend_window;
} llm__rt_group;

typedef struct llm__rt {
    llm__rt_dep *deps;
    int dep_count;
    llm__rt_group *groups;
    int group_count;
    int *dfb[LLM__FALLBACK_COUNT]; /* "*" lists */
    int dfb_count[LLM__FALLBACK_COUNT];
    llm_retry_override *policy;
    size_t policy_count;
    uint64_t rng, serial;
    double spent;
    int64_t spend_window;
    llm_router_stats st;
} llm__rt;

static const llm_result llm__rt_class_codes[LLM_ROUTER_CLASSES] = {
    LLM_OK, LLM_ERR_TRANSPORT, LLM_ERR_TIMEOUT, LLM_ERR_CANCELLED, LLM_ERR_BAD_REQUEST, LLM_ERR_AUTHENTICATION,
    LLM_ERR_PERMISSION, LLM_ERR_NOT_FOUND, LLM_ERR_PAYMENT_REQUIRED, LLM_ERR_RATE_LIMITED, LLM_ERR_CONTEXT_WINDOW_EXCEEDED,
    LLM_ERR_CONTENT_POLICY, LLM_ERR_SERVER, LLM_ERR_UNAVAILABLE, LLM_ERR_HTTP, LLM_ERR_PARSE};

static const char *const llm__rt_strategy_names[LLM__ROUTING_COUNT] = {
    "simple-shuffle", "simple-shuffle", "least-busy", "latency-based-routing", "cost-based-routing", "usage-based-routing"};

LLM_API int llm_router_error_class(llm_result code) {
    int i;
    for (i = 1; i < LLM_ROUTER_CLASSES; i++)
        if (llm__rt_class_codes[i] == code) return i;
    return 0;
}

#ifdef LLM__ROUTER_POSIX_TIME
static int64_t llm__rt_default_clock(void *user) {
    struct timespec ts;
    (void)user;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
static void llm__rt_default_sleep(void *user, int64_t ms) {
    struct timespec ts;
    (void)user;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0) {}
}
#endif

#if !defined(LLM_NO_STDIO)
static const char *llm__rt_default_getenv(void *user, const char *name) {
    (void)user;
    return getenv(name);
}
#endif

LLM_API llm_router_desc llm_router_desc_defaults(const llm_router_desc *in) {
    llm_router_desc d;
    if (in) d = *in;
    else memset(&d, 0, sizeof d);
    if (!d.has_num_retries) { d.has_num_retries = true; d.num_retries = 2; }
    if (d.num_retries < 0) d.num_retries = 0;
    if (d.max_fallbacks <= 0) d.max_fallbacks = 5;
    if (d.max_fallbacks > LLM_ROUTER_MAX_FALLBACKS) d.max_fallbacks = LLM_ROUTER_MAX_FALLBACKS;
    if (!d.has_allowed_fails) { d.has_allowed_fails = true; d.allowed_fails = 3; }
    if (d.cooldown_ms <= 0) d.cooldown_ms = 5000;
    if (d.fail_window_ms <= 0) d.fail_window_ms = 60000;
    if (d.backoff_base_ms <= 0) d.backoff_base_ms = 500;
    if (d.backoff_cap_ms <= 0) d.backoff_cap_ms = 8000;
    if (d.max_retry_after_ms <= 0) d.max_retry_after_ms = 60000;
    if (d.budget_window_ms <= 0) d.budget_window_ms = 24 * 3600 * 1000;
    if ((unsigned)d.strategy >= (unsigned)LLM__ROUTING_COUNT) d.strategy = LLM_ROUTING_DEFAULT;
#ifdef LLM__ROUTER_POSIX_TIME
    if (!d.clock_ms) d.clock_ms = llm__rt_default_clock;
    if (!d.sleep_ms) d.sleep_ms = llm__rt_default_sleep;
#endif
#if !defined(LLM_NO_STDIO)
    if (!d.getenv) d.getenv = llm__rt_default_getenv;
#endif
    return d;
}

static llm__rt *llm__rt_core(const llm_router *r) { return (llm__rt *)r->core_; }
static int64_t llm__rt_now(const llm_router *r) { return r->desc_.clock_ms(r->desc_.clock_user); }

static uint64_t llm__rt_random(llm_router *r) {
    uint64_t z;
    if (r->desc_.random) return r->desc_.random(r->desc_.random_user);
    z = (llm__rt_core(r)->rng += 0x9E3779B97F4A7C15ull); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void llm__rt_lock(const llm_router *r) {
    if (r->desc_.lock) r->desc_.lock(r->desc_.lock_user);
}
static void llm__rt_unlock(const llm_router *r) {
    if (r->desc_.unlock) r->desc_.unlock(r->desc_.lock_user);
}

/* Sends one decision to the trace callback and the log (formatted only
   when someone listens). */
static void llm__rt_trace(llm_router *r, const llm_router_attempt *a, llm_trace_kind kind, const llm__rt_dep *d,
                          const char *to, int64_t ms, llm_result code, const char *fmt, ...) {
    llm_router_trace ev;
    char msg[192];
    va_list ap;
    if (!r->desc_.on_trace && !r->desc_.log) return;
    va_start(ap, fmt);
    llm__vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.attempt = a ? a->attempts_ : 0;
    ev.group = d ? llm__rt_core(r)->groups[d->group].name : a && a->group_ >= 0 ? llm__rt_core(r)->groups[a->group_].name : NULL;
    ev.deployment = d ? d->d.id : NULL;
    ev.to_group = to;
    ev.ms = ms;
    ev.code = code;
    ev.message = msg;
    if (r->desc_.on_trace) r->desc_.on_trace(r->desc_.callback_user, &ev);
    if (r->desc_.log) r->desc_.log(r->desc_.log_user, kind == LLM_TRACE_GIVE_UP ? LLM_LOG_WARN : LLM_LOG_DEBUG, msg);
}

/* ---- init ---- */

static const char *llm__rt_str(llm_router *r, const char *s, bool *failed) {
    char *c;
    if (!s) return NULL;
    c = llm__arena_strndup(&r->desc_.alloc, &r->arena_, s, strlen(s));
    if (!c) *failed = true;
    return c;
}

static void *llm__rt_array(llm_router *r, size_t count, size_t size, bool *failed) {
    void *p;
    if (count == 0) return NULL;
    if (count > ((size_t)-1) / size || !(p = llm__arena_alloc(&r->desc_.alloc, &r->arena_, count * size))) {
        *failed = true;
        return NULL;
    }
    memset(p, 0, count * size);
    return p;
}

static int llm__rt_find_group(const llm__rt *c, const char *name) {
    int i;
    for (i = 0; name && i < c->group_count; i++)
        if (strcmp(c->groups[i].name, name) == 0) return i;
    return -1;
}

/* "3" -> buf; returns buf. */
static const char *llm__rt_itoa(char *buf, size_t size, int64_t v) {
    size_t pos = 0;
    if (v < 0 && size > 1) { buf[pos++] = '-'; v = -v; }
    buf[pos] = '\0';
    llm__append_u64(buf, size, &pos, (uint64_t)v);
    return buf;
}

/* Splits a "provider/" prefix off the model when no provider is given. */
static llm_result llm__rt_client(llm_router *r, llm__rt_dep *dep, size_t i, llm_error *err) {
    llm_client_desc cd;
    const char *slash = dep->d.model ? strchr(dep->d.model, '/') : NULL;
    char prefix[32];
    llm_result res;
    memset(&cd, 0, sizeof cd);
    cd.provider = dep->d.provider;
    cd.custom_provider = dep->d.custom_provider;
    if (!cd.provider && !cd.custom_provider && slash && (size_t)(slash - dep->d.model) < sizeof prefix) {
        llm__copy_text(prefix, sizeof prefix, dep->d.model, (size_t)(slash - dep->d.model));
        cd.provider = prefix;
    }
    cd.api_key = dep->d.api_key;
    cd.base_url = dep->d.base_url;
    cd.alloc = r->desc_.alloc;
    cd.transport = r->desc_.transport;
    cd.clock_ms = r->desc_.clock_ms;
    cd.clock_user = r->desc_.clock_user;
    cd.seed = r->desc_.seed + i + 1;
    res = llm_client_init(&dep->client, &cd, err);
    if (res != LLM_OK) {
        char msg[LLM_ERROR_MESSAGE_SIZE];
        llm__copy_text(msg, sizeof msg, err ? err->message : "", err ? strlen(err->message) : 0);
        return llm__fail(err, res, "deployments[%z] (%s): %s", i, dep->d.id, msg);
    }
    if (cd.provider == prefix) {
        dep->client.desc.provider = NULL; /* the prefix lived on our stack; the provider pointer is kept */
        dep->d.model = slash + 1;
    }
    return LLM_OK;
}

/* Copies deployment i and puts it in its group. */
static llm_result llm__rt_add_dep(llm_router *r, const llm_deployment_desc *src, size_t i, llm_error *err) {
    llm__rt *c = llm__rt_core(r);
    llm__rt_dep *dep = &c->deps[i];
    bool failed = false;
    char idbuf[24];
    int g;
    if (!src->model || !src->model[0]) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "deployments[%z].model: missing", i);
    if (src->weight < 0 || src->rpm < 0 || src->tpm < 0 || src->max_parallel < 0 || src->timeout_ms < 0 ||
        src->cooldown_ms < 0 || src->budget_usd < 0 || src->max_input_tokens < 0)
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "deployments[%z]: weight, limits, times and budget must not be negative", i);
    dep->d = *src;
    dep->d.group = llm__rt_str(r, src->group ? src->group : src->model, &failed);
    dep->d.model = llm__rt_str(r, src->model, &failed);
    dep->d.provider = llm__rt_str(r, src->provider, &failed);
    dep->d.api_key = llm__rt_str(r, src->api_key, &failed);
    dep->d.base_url = llm__rt_str(r, src->base_url, &failed);
    if (src->id) {
        dep->d.id = llm__rt_str(r, src->id, &failed);
    } else if (!failed) {
        char *id = (char *)llm__arena_alloc(&r->desc_.alloc, &r->arena_, strlen(dep->d.group) + 24);
        if (id) {
            strcpy(id, dep->d.group);
            strcat(id, "#");
            strcat(id, llm__rt_itoa(idbuf, sizeof idbuf, (int64_t)i));
        }
        dep->d.id = id;
        failed = !id;
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    g = llm__rt_find_group(c, dep->d.group);
    if (g < 0) {
        g = c->group_count++;
        c->groups[g].name = dep->d.group;
    }
    dep->group = g;
    c->groups[g].count++;
    return llm__rt_client(r, dep, i, err);
}

static llm_result llm__rt_groups(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__rt *c = llm__rt_core(r);
    bool failed = false;
    int i, *fill;
    size_t k;
    for (i = 0; i < c->group_count; i++) {
        c->groups[i].members = (int *)llm__rt_array(r, (size_t)c->groups[i].count, sizeof(int), &failed);
        c->groups[i].count = 0;
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    for (i = 0; i < c->dep_count; i++) {
        llm__rt_group *g = &c->groups[c->deps[i].group];
        fill = g->members;
        fill[g->count++] = i;
    }
    for (k = 0; k < desc->group_count; k++) {
        const llm_router_group_desc *gd = &desc->groups[k];
        int g = llm__rt_find_group(c, gd->name);
        if (g < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "groups[%z].name: no deployment in a group named \"%s\"", k, gd->name ? gd->name : "");
        if (gd->budget_usd < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "groups[%z].budget_usd: negative", k);
        c->groups[g].has_num_retries = gd->has_num_retries;
        c->groups[g].num_retries = gd->num_retries < 0 ? 0 : gd->num_retries;
        c->groups[g].budget = gd->budget_usd;
    }
    return LLM_OK;
}

static llm_result llm__rt_fallbacks(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__rt *c = llm__rt_core(r);
    size_t k, j;
    for (k = 0; k < desc->fallback_count; k++) {
        const llm_router_fallback *f = &desc->fallbacks[k];
        bool failed = false, all;
        int g, *list;
        if ((unsigned)f->kind >= (unsigned)LLM__FALLBACK_COUNT) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].kind: unknown", k);
        if (!f->group) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].group: missing", k);
        if (f->to_count && !f->to) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].to: to_count without to", k);
        all = strcmp(f->group, "*") == 0;
        g = all ? -1 : llm__rt_find_group(c, f->group);
        if (!all && g < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].group: no model group named \"%s\"", k, f->group);
        list = (int *)llm__rt_array(r, f->to_count, sizeof(int), &failed);
        if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
        for (j = 0; j < f->to_count; j++) {
            list[j] = llm__rt_find_group(c, f->to[j]);
            if (list[j] < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "fallbacks[%z].to[%z]: no model group named \"%s\"", k, j, f->to[j] ? f->to[j] : "");
        }
        if (all) { c->dfb[f->kind] = list; c->dfb_count[f->kind] = (int)f->to_count; }
        else { c->groups[g].fb[f->kind] = list; c->groups[g].fb_count[f->kind] = (int)f->to_count; }
    }
    return LLM_OK;
}

static llm_result llm__rt_build(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm__rt *c;
    bool failed = false;
    size_t i;
    llm_result res;
    int64_t now = llm__rt_now(r);
    r->core_ = c = (llm__rt *)llm__rt_array(r, 1, sizeof(llm__rt), &failed);
    if (c) {
        c->deps = (llm__rt_dep *)llm__rt_array(r, desc->deployment_count, sizeof(llm__rt_dep), &failed);
        c->groups = (llm__rt_group *)llm__rt_array(r, desc->deployment_count, sizeof(llm__rt_group), &failed);
        c->policy = (llm_retry_override *)llm__rt_array(r, desc->retry_policy_count, sizeof(llm_retry_override), &failed);
    }
    if (failed) return llm__fail(err, LLM_ERR_NO_MEMORY, "llm_router_init: out of memory");
    c->rng = desc->seed ^ 0xBB67AE8584CAA73Bull;
    if (desc->retry_policy_count) memcpy(c->policy, desc->retry_policy, desc->retry_policy_count * sizeof(llm_retry_override));
    c->policy_count = desc->retry_policy_count;
    c->dep_count = (int)desc->deployment_count;
    for (i = 0; i < desc->deployment_count; i++) {
        if ((res = llm__rt_add_dep(r, &desc->deployments[i], i, err)) != LLM_OK) return res;
        c->deps[i].rpm_units = (int64_t)c->deps[i].d.rpm * 60000;
        c->deps[i].tpm_units = (int64_t)c->deps[i].d.tpm * 60000;
        c->deps[i].bucket_ms = now;
    }
    if ((res = llm__rt_groups(r, desc, err)) != LLM_OK) return res;
    return llm__rt_fallbacks(r, desc, err);
}

LLM_API llm_result llm_router_init(llm_router *r, const llm_router_desc *desc, llm_error *err) {
    llm_result res;
    if (!r || !desc) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init: NULL router or desc");
    memset(r, 0, sizeof *r);
    if (!desc->deployment_count || !desc->deployments) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "deployments: none given");
    if (desc->deployment_count > 1000000) return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "deployments: more than 1000000");
    if ((desc->group_count && !desc->groups) || (desc->fallback_count && !desc->fallbacks) ||
        (desc->retry_policy_count && !desc->retry_policy))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init: a count without its array");
    if (desc->alloc.alloc && (!desc->alloc.realloc || !desc->alloc.free))
        return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "alloc: an allocator needs alloc, realloc and free");
    if (desc->budget_usd < 0) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "budget_usd: negative");
    r->desc_ = llm_router_desc_defaults(desc);
    if (!r->desc_.clock_ms) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "clock_ms: required on this platform (no monotonic clock)");
    r->desc_.deployments = NULL;
    r->desc_.groups = NULL;
    r->desc_.fallbacks = NULL;
    r->desc_.retry_policy = NULL;
    res = llm__rt_build(r, desc, err);
    if (res != LLM_OK) {
        llm_router_free(r);
        return res;
    }
    llm__error_clear(err);
    return LLM_OK;
}

LLM_API void llm_router_free(llm_router *r) {
    llm_allocator alloc;
    if (!r) return;
    alloc = r->desc_.alloc;
    llm__arena_free(&alloc, &r->arena_);
    memset(r, 0, sizeof *r);
}

LLM_API size_t llm_router_deployment_count(const llm_router *r) {
    return r && r->core_ ? (size_t)llm__rt_core(r)->dep_count : 0;
}

LLM_API const char *llm_router_deployment_id(const llm_router *r, size_t i) {
    return i < llm_router_deployment_count(r) ? llm__rt_core(r)->deps[i].d.id : NULL;
}

LLM_API void llm_router_get_stats(llm_router *r, llm_router_stats *out) {
    if (!out) return;
    memset(out, 0, sizeof *out);
    if (!r || !r->core_) return;
    llm__rt_lock(r);
    *out = llm__rt_core(r)->st;
    llm__rt_unlock(r);
}

LLM_API bool llm_router_deployment_stats(llm_router *r, size_t i, llm_router_stats *out) {
    if (out) memset(out, 0, sizeof *out);
    if (!out || i >= llm_router_deployment_count(r)) return false;
    llm__rt_lock(r);
    *out = llm__rt_core(r)->deps[i].st;
    llm__rt_unlock(r);
    return true;
}

LLM_API int64_t llm_router_cooldown_remaining(llm_router *r, size_t i) {
    int64_t left = 0;
    if (i >= llm_router_deployment_count(r)) return 0;
    llm__rt_lock(r);
    {
        const llm__rt_dep *d = &llm__rt_core(r)->deps[i];
        int64_t now = llm__rt_now(r);
        if (d->health == LLM__RT_OPEN && d->cool_until > now) left = d->cool_until - now;
    }
    llm__rt_unlock(r);
    return left;
}

/* ---- health, limits and budgets of one deployment ---- */

static void llm__rt_refill(llm__rt_dep *d, int64_t now) {
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
static int64_t llm__rt_bucket_wait(llm__rt_dep *d, int64_t tokens) {
    int64_t wait = 0;
    if (d->d.rpm && d->rpm_units < 60000) wait = (60000 - d->rpm_units + d->d.rpm - 1) / d->d.rpm;
    if (d->d.tpm) {
        int64_t need = (tokens < d->d.tpm ? tokens : d->d.tpm) * 60000, w;
        if (d->tpm_units < need && (w = (need - d->tpm_units + d->d.tpm - 1) / d->d.tpm) > wait) wait = w;
    }
    return wait;
}

static void llm__rt_minute(llm__rt_dep *d, int64_t now) {
    if (now / 60000 != d->minute) {
        d->minute = now / 60000;
        d->minute_req = d->minute_tok = 0;
    }
}

static double llm__rt_estimate(llm_router *r, const llm__rt_dep *d, int64_t prompt_tokens) {
    double in = 0, out = 0;
    if (!r->desc_.price || prompt_tokens <= 0 || !r->desc_.price(r->desc_.hooks_user, d->d.model, &in, &out)) return 0;
    return in * (double)prompt_tokens;
}

static bool llm__rt_over(double spent, int64_t window, double budget, double estimate, int64_t now, int64_t length) {
    if (budget <= 0) return false;
    if (now - window >= length) return false; /* a new window starts with the next spend */
    return spent >= budget || spent + estimate > budget;
}

static bool llm__rt_budget_blocks(llm_router *r, llm__rt_dep *d, int64_t prompt_tokens, int64_t now) {
    llm__rt *c = llm__rt_core(r);
    llm__rt_group *g = &c->groups[d->group];
    int64_t len = r->desc_.budget_window_ms;
    double est;
    if (r->desc_.budget_usd <= 0 && g->budget <= 0 && d->d.budget_usd <= 0) return false;
    est = llm__rt_estimate(r, d, prompt_tokens);
    return llm__rt_over(c->spent, c->spend_window, r->desc_.budget_usd, est, now, len) ||
           llm__rt_over(g->spent, g->spend_window, g->budget, est, now, len) ||
           llm__rt_over(d->spent, d->spend_window, d->d.budget_usd, est, now, len);
}

static int64_t llm__rt_max_input(llm_router *r, const llm__rt_dep *d) {
    if (d->d.max_input_tokens > 0) return d->d.max_input_tokens;
    return r->desc_.max_input_tokens ? r->desc_.max_input_tokens(r->desc_.hooks_user, d->d.model) : 0;
}

static bool llm__rt_is_excluded(const llm_router_attempt *a, int i) {
    int k;
    for (k = 0; k < a->excluded_count_; k++)
        if (a->excluded_[k] == i) return true;
    return false;
}

/* Whether deployment i can take this attempt now: LLM__RT_OK, or why not
   (*ms: how long to wait, or until it recovers). */
static int llm__rt_check(llm_router *r, llm_router_attempt *a, int i, int64_t now, int64_t *ms) {
    llm__rt_dep *d = &llm__rt_core(r)->deps[i];
    int64_t max_in, w;
    *ms = 0;
    if (llm__rt_is_excluded(a, i) || i == a->avoid_) return LLM__RT_EXCLUDED;
    if (d->health == LLM__RT_OPEN) {
        if (now < d->cool_until) {
            *ms = d->cool_until - now;
            return LLM__RT_COOLING;
        }
        d->health = LLM__RT_HALF;
        d->probing = false;
        llm__rt_trace(r, a, LLM_TRACE_HALF_OPEN, d, NULL, 0, LLM_OK, "%s: cooldown over, the next attempt is a probe", d->d.id);
    }
    if ((max_in = llm__rt_max_input(r, d)) > 0 && a->prompt_tokens_ > max_in) return LLM__RT_CONTEXT;
    if (llm__rt_budget_blocks(r, d, a->prompt_tokens_, now)) return LLM__RT_BUDGET;
    if ((d->health == LLM__RT_HALF && d->probing) || (d->d.max_parallel && d->st.in_flight >= d->d.max_parallel)) {
        *ms = LLM__RT_POLL_MS;
        return LLM__RT_WAIT;
    }
    llm__rt_refill(d, now);
    if ((w = llm__rt_bucket_wait(d, a->prompt_tokens_)) > 0) {
        *ms = w;
        return LLM__RT_WAIT;
    }
    return LLM__RT_OK;
}

/* ---- strategies ---- */

typedef struct llm__rt_scan {
    int ok, wait, cooling, context, budget, excluded, min_order;
    int64_t min_wait, min_cool;
    uint64_t serial;
} llm__rt_scan;

static const int *llm__rt_members(const llm__rt *c, const llm_router_attempt *a, int *count) {
    if (a->pin_ >= 0 && c->deps[a->pin_].group == a->group_) {
        *count = 1;
        return &a->pin_;
    }
    *count = c->groups[a->group_].count;
    return c->groups[a->group_].members;
}

static int llm__rt_order(const llm__rt_dep *d) { return d->d.order > 0 ? d->d.order : 0x7FFFFFFF; }

static void llm__rt_scan_group(llm_router *r, llm_router_attempt *a, int64_t now, llm__rt_scan *s) {
    llm__rt *c = llm__rt_core(r);
    int n, k;
    const int *m = llm__rt_members(c, a, &n);
    memset(s, 0, sizeof *s);
    s->serial = ++c->serial;
    s->min_wait = s->min_cool = -1;
    for (k = 0; k < n; k++) {
        int64_t ms;
        llm__rt_dep *d = &c->deps[m[k]];
        switch (llm__rt_check(r, a, m[k], now, &ms)) {
            case LLM__RT_OK:
                if (s->ok == 0 || llm__rt_order(d) < s->min_order) s->min_order = llm__rt_order(d);
                d->mark = s->serial;
                s->ok++;
                break;
            case LLM__RT_WAIT:
                s->wait++;
                if (s->min_wait < 0 || ms < s->min_wait) s->min_wait = ms;
                break;
            case LLM__RT_COOLING:
                s->cooling++;
                if (s->min_cool < 0 || ms < s->min_cool) s->min_cool = ms;
                break;
            case LLM__RT_CONTEXT: s->context++; break;
            case LLM__RT_BUDGET: s->budget++; break;
            default: s->excluded++; break;
        }
    }
}

/* The score a strategy minimises (weighted random has none). */
static double llm__rt_score(llm_router *r, const llm__rt_dep *d, int64_t now) {
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
static uint64_t llm__rt_weight(const llm__rt_dep *d, int mode) {
    int v = mode == 1 ? d->d.weight : mode == 2 ? d->d.rpm : mode == 3 ? d->d.tpm : 1;
    return v > 0 ? (uint64_t)v : (mode == 1 ? 1u : 0u);
}

/* Picks among the marked candidates of the lowest order. */
static int llm__rt_choose(llm_router *r, llm_router_attempt *a, const llm__rt_scan *s, int64_t now) {
    llm__rt *c = llm__rt_core(r);
    int n, k, mode = 1, all_rpm = 1, all_tpm = 1, any_weight = 0, pick = -1;
    const int *m = llm__rt_members(c, a, &n);
    uint64_t total = 0, x, ties = 0;
    double best = 0;
#define LLM__RT_CAND(k) (c->deps[m[k]].mark == s->serial && llm__rt_order(&c->deps[m[k]]) == s->min_order)
    if (r->desc_.strategy == LLM_ROUTING_DEFAULT || r->desc_.strategy == LLM_ROUTING_SIMPLE_SHUFFLE) {
        for (k = 0; k < n; k++)
            if (LLM__RT_CAND(k)) {
                any_weight |= c->deps[m[k]].d.weight > 0;
                all_rpm &= c->deps[m[k]].d.rpm > 0;
                all_tpm &= c->deps[m[k]].d.tpm > 0;
            }
        mode = any_weight ? 1 : all_rpm ? 2 : all_tpm ? 3 : 0;
        for (k = 0; k < n; k++)
            if (LLM__RT_CAND(k)) total += llm__rt_weight(&c->deps[m[k]], mode);
        x = llm__rt_random(r) % total;
        for (k = 0; k < n; k++)
            if (LLM__RT_CAND(k)) {
                uint64_t w = llm__rt_weight(&c->deps[m[k]], mode);
                if (x < w) return m[k];
                x -= w;
            }
        return -1;
    }
    for (k = 0; k < n; k++)
        if (LLM__RT_CAND(k)) {
            double sc = llm__rt_score(r, &c->deps[m[k]], now);
            if (ties == 0 || sc < best) { best = sc; ties = 1; }
            else if (sc == best) ties++;
        }
    x = llm__rt_random(r) % ties;
    for (k = 0; k < n && pick < 0; k++)
        if (LLM__RT_CAND(k) && llm__rt_score(r, &c->deps[m[k]], now) == best && x-- == 0) pick = m[k];
#undef LLM__RT_CAND
    return pick;
}

/* ---- one request: begin, fall back, give up ---- */

static const char *llm__rt_gname(const llm_router *r, int g) { return g >= 0 ? llm__rt_core(r)->groups[g].name : "?"; }

/* Resolves the request's model: a group, a deployment id, a deployment's model. */
/* prefix + 32 hex digits from the router's random source (out: 40 bytes). */
static void llm__rt_hex_id(llm_router *r, char *out, const char *prefix) {
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(prefix);
    int i, k;
    memcpy(out, prefix, n);
    for (i = 0; i < 2; i++) {
        uint64_t x = llm__rt_random(r);
        for (k = 0; k < 16; k++) out[n + (size_t)(i * 16 + k)] = hex[(x >> (k * 4)) & 15];
    }
    out[n + 32] = '\0';
}

static llm_result llm__rt_begin(llm_router *r, const llm_request *req, llm_router_attempt *a, int64_t now, llm_error *err) {
    llm__rt *c = llm__rt_core(r);
    int i, timeout, retries;
    a->group_ = a->orig_group_ = a->pin_ = a->avoid_ = -1;
    a->deployment = -1;
    a->final_ = LLM_OK;
    llm__error_clear(&a->last_error);
    if (!req || !req->model) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: NULL request or model");
    a->group_ = llm__rt_find_group(c, req->model);
    for (i = 0; a->group_ < 0 && i < c->dep_count; i++)
        if (strcmp(c->deps[i].d.id, req->model) == 0 || strcmp(c->deps[i].d.model, req->model) == 0) {
            a->pin_ = i;
            a->group_ = c->deps[i].group;
        }
    if (a->group_ < 0) return llm__fail(err, LLM_ERR_NO_DEPLOYMENT, "no model group, deployment id or model named \"%s\"", req->model);
    a->orig_group_ = a->group_;
    a->tried_[a->tried_count_++] = a->group_;
    llm__rt_hex_id(r, a->idempotency_key, "idem-");
    retries = a->options.has_num_retries ? (a->options.num_retries < 0 ? 0 : a->options.num_retries) : r->desc_.num_retries;
    if (retries > 1000) retries = 1000;
    a->max_attempts_ = (retries + 1) * (1 + r->desc_.max_fallbacks);
    timeout = a->options.timeout_ms > 0 ? a->options.timeout_ms : r->desc_.timeout_ms;
    a->start_ms_ = now;
    a->deadline_ms_ = timeout > 0 ? now + timeout : 0;
    a->retry_at_ms_ = now;
    if (r->desc_.count_prompt_tokens) a->prompt_tokens_ = r->desc_.count_prompt_tokens(r->desc_.hooks_user, req);
    a->state_ = LLM__RT_READY;
    return LLM_OK;
}

/* Ends the request with a->last_error. */
static llm_result llm__rt_give_up(llm_router *r, llm_router_attempt *a, llm_error *err) {
    llm__rt *c = llm__rt_core(r);
    if (a->last_error.code == LLM_OK) llm__fail(&a->last_error, LLM_ERR_NO_DEPLOYMENT, "no deployment could take the request");
    a->state_ = LLM__RT_DONE;
    a->final_ = a->last_error.code;
    c->st.calls++;
    c->st.failures++;
    if (a->attempts_ == 0) c->st.unsent++;
    llm__rt_trace(r, a, LLM_TRACE_GIVE_UP, NULL, NULL, 0, a->final_, "gave up after %d attempts: %s", a->attempts_, a->last_error.message);
    if (err) *err = a->last_error;
    return a->final_;
}

static bool llm__rt_was_tried(const llm_router_attempt *a, int g) {
    int k;
    for (k = 0; k < a->tried_count_; k++)
        if (a->tried_[k] == g) return true;
    return false;
}

/* The next group of the list for `kind`, or -1. */
static int llm__rt_next_group(llm_router *r, const llm_router_attempt *a, llm_fallback_kind kind) {
    llm__rt *c = llm__rt_core(r);
    const llm__rt_group *g = &c->groups[a->orig_group_];
    const int *list = g->fb[kind];
    int n = g->fb_count[kind], k;
    if (a->options.no_fallbacks || a->fallbacks_ >= r->desc_.max_fallbacks || a->tried_count_ > LLM_ROUTER_MAX_FALLBACKS) return -1;
    if (kind == LLM_FALLBACK_GENERIC && a->options.fallback_count && a->options.fallbacks) {
        for (k = 0; k < (int)a->options.fallback_count; k++) {
            int to = llm__rt_find_group(c, a->options.fallbacks[k]);
            if (to >= 0 && !llm__rt_was_tried(a, to)) return to;
        }
        return -1;
    }
    if (!n) {
        list = c->dfb[kind];
        n = c->dfb_count[kind];
    }
    for (k = 0; k < n; k++)
        if (!llm__rt_was_tried(a, list[k])) return list[k];
    return -1;
}

/* Switches to the next fallback group; false when there is none. */
static bool llm__rt_fall_back(llm_router *r, llm_router_attempt *a, llm_fallback_kind kind) {
    int to = llm__rt_next_group(r, a, kind);
    const char *from = llm__rt_gname(r, a->group_);
    if (to < 0) return false;
    a->tried_[a->tried_count_++] = to;
    a->fallbacks_++;
    a->group_ = to;
    a->pin_ = a->avoid_ = -1;
    a->retries_ = 0;
    a->excluded_count_ = 0;
    a->pending_fallback_ = true;
    llm__rt_core(r)->st.fallback_switches++;
    llm__rt_trace(r, a, LLM_TRACE_FALLBACK, NULL, llm__rt_gname(r, to), 0, a->last_error.code, "fell back from %s to %s because: %s",
                  from, llm__rt_gname(r, to), a->last_error.code ? a->last_error.message : "no deployment available");
    if (r->desc_.on_fallback) r->desc_.on_fallback(r->desc_.callback_user, a, from, llm__rt_gname(r, to), &a->last_error);
    return true;
}

/* Nothing in the group can be sent: wait, fall back or give up. */
static llm_result llm__rt_no_candidate(llm_router *r, llm_router_attempt *a, const llm__rt_scan *s, int64_t now, llm_error *err,
                                       bool *retry) {
    llm_fallback_kind kind = LLM_FALLBACK_GENERIC;
    char last[LLM_ERROR_MESSAGE_SIZE];
    *retry = false;
    if (s->wait && s->min_wait <= r->desc_.max_retry_after_ms && (!a->deadline_ms_ || now + s->min_wait < a->deadline_ms_)) {
        a->wait_ms = s->min_wait;
        llm__rt_trace(r, a, LLM_TRACE_WAIT, NULL, NULL, s->min_wait, LLM_OK, "%s: every deployment is at its rate or parallel limit; wait %d ms",
                      llm__rt_gname(r, a->group_), (int)s->min_wait);
        return LLM_AGAIN;
    }
    llm__copy_text(last, sizeof last, a->last_error.message, strlen(a->last_error.message));
    if (s->context && !s->ok && !s->wait && !s->cooling && !s->budget) {
        kind = LLM_FALLBACK_CONTEXT_WINDOW;
        llm__fail(&a->last_error, LLM_ERR_CONTEXT_WINDOW_EXCEEDED, "the prompt (%d tokens) exceeds the max input tokens of every deployment of %s",
                  (int)a->prompt_tokens_, llm__rt_gname(r, a->group_));
    } else if (s->budget && !s->cooling && !s->wait) {
        llm__fail(&a->last_error, LLM_ERR_BUDGET_EXCEEDED, "%s: the budget would be exceeded", llm__rt_gname(r, a->group_));
    } else if (s->cooling) {
        llm__fail(&a->last_error, LLM_ERR_NO_DEPLOYMENT, "every deployment of %s is cooling down; the soonest recovers in %d ms%s%s",
                  llm__rt_gname(r, a->group_), (int)s->min_cool, last[0] ? "; last error: " : "", last);
    } else if (a->last_error.code == LLM_OK || s->wait) {
        llm__fail(&a->last_error, s->wait ? LLM_ERR_TIMEOUT : LLM_ERR_NO_DEPLOYMENT, "%s: no deployment can take the request%s",
                  llm__rt_gname(r, a->group_), s->wait ? " before the deadline" : "");
    }
    if (llm__rt_fall_back(r, a, kind)) {
        *retry = true;
        return LLM_OK;
    }
    return llm__rt_give_up(r, a, err);
}

/* Takes deployment i for the attempt: counters, buckets, probe. */
static void llm__rt_commit(llm_router *r, llm_router_attempt *a, int i, int64_t now) {
    llm__rt *c = llm__rt_core(r);
    llm__rt_dep *d = &c->deps[i];
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
    a->probe_ = d->health == LLM__RT_HALF;
    llm__rt_hex_id(r, a->request_id, "req_");
    if (a->probe_) d->probing = true;
    if (a->deadline_ms_ && (t == 0 || a->deadline_ms_ - now < t)) t = a->deadline_ms_ - now;
    a->timeout_ms = t > 0x7FFFFFFF ? 0x7FFFFFFF : (int)t;
    d->rpm_units -= d->d.rpm ? 60000 : 0;
    d->tpm_units -= d->d.tpm ? a->prompt_tokens_ * 60000 : 0;
    llm__rt_minute(d, now);
    d->minute_req++;
    d->minute_tok += a->prompt_tokens_ > 0 ? a->prompt_tokens_ : 0;
    d->st.calls++;
    d->st.attempts++;
    d->st.in_flight++;
    c->st.attempts++;
    c->st.in_flight++;
    a->state_ = LLM__RT_SENT;
}

LLM_API llm_result llm_router_pick(llm_router *r, const llm_request *req, llm_router_attempt *a, llm_error *err) {
    llm_result res;
    int64_t now;
    int hops;
    if (!r || !r->core_ || !a) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: NULL router or attempt");
    if (a->state_ == LLM__RT_DONE) {
        if (err) *err = a->last_error;
        return a->final_ != LLM_OK ? a->final_ : LLM_ERR_INVALID_ARGUMENT;
    }
    if (a->state_ == LLM__RT_SENT) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_pick: the last attempt was not reported");
    llm__rt_lock(r);
    now = llm__rt_now(r);
    a->wait_ms = 0;
    if (a->state_ == LLM__RT_NEW && (res = llm__rt_begin(r, req, a, now, err)) != LLM_OK) {
        if (err) a->last_error = *err;
        else llm__fail(&a->last_error, res, "llm_router_pick: bad request");
        res = llm__rt_give_up(r, a, err);
        llm__rt_unlock(r);
        return res;
    }
    res = LLM_AGAIN;
    for (hops = 0; res == LLM_AGAIN && hops <= LLM_ROUTER_MAX_FALLBACKS + 1; hops++) {
        llm__rt_scan s;
        bool again = false;
        int i;
        if (a->deadline_ms_ && now >= a->deadline_ms_) {
            if (a->last_error.code == LLM_OK) llm__fail(&a->last_error, LLM_ERR_TIMEOUT, "the request's deadline passed");
            res = llm__rt_give_up(r, a, err);
        } else if (now < a->retry_at_ms_) {
            a->wait_ms = a->retry_at_ms_ - now;
        } else if (a->attempts_ >= a->max_attempts_) {
            res = llm__rt_give_up(r, a, err);
        } else {
            llm__rt_scan_group(r, a, now, &s);
            if (!s.ok && a->avoid_ >= 0) { /* the one we avoided is all there is */
                a->avoid_ = -1;
                llm__rt_scan_group(r, a, now, &s);
            }
            if (s.ok && (i = llm__rt_choose(r, a, &s, now)) >= 0) {
                llm__rt_commit(r, a, i, now);
                llm__rt_trace(r, a, LLM_TRACE_PICK, &llm__rt_core(r)->deps[i], NULL, 0, LLM_OK, "picked %s (%s, %d candidates%s)",
                              a->deployment_id, llm__rt_strategy_names[r->desc_.strategy], s.ok, a->is_retry ? ", retry" : a->is_fallback ? ", fallback" : "");
                res = LLM_OK;
            } else {
                res = llm__rt_no_candidate(r, a, &s, now, err, &again);
                if (again) res = LLM_AGAIN; /* fell back: scan the new group */
                else if (res == LLM_AGAIN) break;
            }
            continue;
        }
        break;
    }
    if (res == LLM_AGAIN && a->state_ != LLM__RT_DONE && a->wait_ms <= 0) a->wait_ms = 1;
    if (res == LLM_OK) llm__error_clear(err);
    llm__rt_unlock(r);
    return res;
}

/* ---- report ---- */

static void llm__rt_ewma(double *avg, double sample, uint64_t n) {
    *avg = n <= 1 ? sample : *avg + 0.25 * (sample - *avg);
}

static void llm__rt_cool(llm_router *r, llm_router_attempt *a, llm__rt_dep *d, int64_t retry_after, int64_t now) {
    int64_t ms = d->d.cooldown_ms > 0 ? d->d.cooldown_ms : retry_after > 0 ? retry_after : r->desc_.cooldown_ms;
    d->health = LLM__RT_OPEN;
    d->probing = false;
    d->cool_until = now + ms;
    d->fails = 0;
    d->st.cooldowns++;
    llm__rt_core(r)->st.cooldowns++;
    llm__rt_trace(r, a, LLM_TRACE_COOLDOWN, d, NULL, ms, a->last_error.code, "cooled %s for %d ms%s", d->d.id, (int)ms,
                  retry_after > 0 && d->d.cooldown_ms <= 0 ? " (Retry-After)" : "");
}

/* Whether a failure counts against the deployment's health: 429, 401, 404,
   408, 5xx, transport, timeout; never another 4xx. */
static bool llm__rt_cools(llm_result code, int status) {
    if (status == 429 || status == 401 || status == 404 || status == 408 || status >= 500) return true;
    if (status >= 400) return false;
    return code == LLM_ERR_TRANSPORT || code == LLM_ERR_TIMEOUT || code == LLM_ERR_RATE_LIMITED || code == LLM_ERR_SERVER ||
           code == LLM_ERR_UNAVAILABLE || code == LLM_ERR_AUTHENTICATION || code == LLM_ERR_NOT_FOUND;
}

static bool llm__rt_retryable(llm_result code, const llm_error *e) {
    int status = e ? e->http_status : 0;
    bool yes = code == LLM_ERR_TRANSPORT || code == LLM_ERR_TIMEOUT || code == LLM_ERR_RATE_LIMITED || code == LLM_ERR_SERVER ||
               code == LLM_ERR_UNAVAILABLE || status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
    if (code == LLM_ERR_CONTEXT_WINDOW_EXCEEDED || code == LLM_ERR_CONTENT_POLICY) yes = false;
    if (e && e->should_retry >= 0) yes = e->should_retry == 1;
    if (e && strcmp(e->provider_code, "insufficient_quota") == 0) yes = false;
    return yes;
}

static int llm__rt_retry_limit(const llm_router *r, const llm_router_attempt *a, const llm__rt_dep *d, llm_result code) {
    const llm__rt *c = llm__rt_core(r);
    size_t k;
    if (a->options.has_num_retries) return a->options.num_retries;
    for (k = 0; k < c->policy_count; k++)
        if (c->policy[k].code == code) return c->policy[k].retries;
    if (d->d.has_num_retries) return d->d.num_retries;
    if (c->groups[a->group_].has_num_retries) return c->groups[a->group_].num_retries;
    return r->desc_.num_retries;
}

static void llm__rt_record_failure(llm_router *r, llm_router_attempt *a, llm__rt_dep *d, llm_result code, int64_t now) {
    llm__rt *c = llm__rt_core(r);
    int cls = llm_router_error_class(code);
    int64_t ra = a->last_error.retry_after_ms;
    d->st.failures++;
    d->st.failures_by_class[cls]++;
    c->st.failures_by_class[cls]++;
    if (code == LLM_ERR_CANCELLED) {
        if (a->probe_) d->probing = false;
        return;
    }
    if (code == LLM_ERR_TIMEOUT) llm__rt_ewma(&d->st.latency_ewma_ms, (double)(now - a->sent_ms_) * 2, d->st.successes + 2);
    if (r->desc_.disable_cooldowns || !llm__rt_cools(code, a->last_error.http_status)) {
        if (a->probe_ || d->health == LLM__RT_HALF) { d->health = LLM__RT_CLOSED; d->probing = false; } /* it answered */
        return;
    }
    if (d->health == LLM__RT_OPEN) return;  /* a late report from before the cooldown */
    if (a->probe_ || d->health == LLM__RT_HALF) {
        llm__rt_cool(r, a, d, ra, now);
        return;
    }
    if (d->fails == 0 || now - d->fail_window >= r->desc_.fail_window_ms) {
        d->fail_window = now;
        d->fails = 0;
    }
    d->fails++;
    if (ra > 0 || d->fails > r->desc_.allowed_fails) llm__rt_cool(r, a, d, ra, now);
}

static llm_result llm__rt_retry(llm_router *r, llm_router_attempt *a, int64_t delay, int64_t now, const char *why) {
    a->retries_++;
    a->retry_at_ms_ = now + delay;
    a->wait_ms = delay;
    llm__rt_trace(r, a, LLM_TRACE_RETRY, NULL, NULL, delay, a->last_error.code, "retry in %d ms (%s) because: %s", (int)delay, why,
                  a->last_error.message);
    if (r->desc_.on_retry) r->desc_.on_retry(r->desc_.callback_user, a, delay, &a->last_error);
    return LLM_AGAIN;
}

/* A retryable failure: retry now elsewhere, retry later here, or fall back. */
static llm_result llm__rt_after_retryable(llm_router *r, llm_router_attempt *a, int dep, int64_t now, llm_error *err) {
    llm__rt_dep *d = &llm__rt_core(r)->deps[dep];
    int64_t ra = a->last_error.retry_after_ms, delay, ms;
    llm_result code = a->last_error.code;
    if (ra > r->desc_.max_retry_after_ms && a->excluded_count_ < 8) a->excluded_[a->excluded_count_++] = dep;
    if (a->retries_ < llm__rt_retry_limit(r, a, d, code) && a->attempts_ < a->max_attempts_) {
        llm__rt_scan s;
        int st;
        a->avoid_ = dep;
        llm__rt_scan_group(r, a, now, &s);
        if (s.ok) return llm__rt_retry(r, a, 0, now, "another deployment is healthy");
        a->avoid_ = -1;
        if (ra > 0 && ra <= r->desc_.max_retry_after_ms) {
            delay = ra;
        } else {
            int64_t x = r->desc_.backoff_base_ms;
            int k;
            for (k = 0; k < a->retries_ && x < r->desc_.backoff_cap_ms; k++) x *= 2;
            if (x > r->desc_.backoff_cap_ms) x = r->desc_.backoff_cap_ms;
            delay = (int64_t)(llm__rt_random(r) % (uint64_t)(x + 1)); /* full jitter */
        }
        st = llm__rt_check(r, a, dep, now, &ms);
        if (st == LLM__RT_OK || st == LLM__RT_WAIT || (st == LLM__RT_COOLING && ms <= delay)) {
            if (ms > delay) delay = ms;
            if (a->deadline_ms_ && now + delay >= a->deadline_ms_) return llm__rt_give_up(r, a, err);
            return llm__rt_retry(r, a, delay, now, ra > 0 && ra == delay ? "Retry-After" : "backoff");
        }
    }
    if (llm__rt_fall_back(r, a, LLM_FALLBACK_GENERIC)) return LLM_AGAIN;
    return llm__rt_give_up(r, a, err);
}

static llm_result llm__rt_failed(llm_router *r, llm_router_attempt *a, llm_result code, const llm_error *e, bool delivered,
                                 int64_t now, llm_error *err) {
    llm__rt_dep *d = &llm__rt_core(r)->deps[a->deployment];
    llm_fallback_kind kind = LLM_FALLBACK_GENERIC;
    if (e) a->last_error = *e;
    else llm__fail(&a->last_error, code, "%s", llm_result_description(code));
    a->last_error.code = code;
    if (!e) a->last_error.retryable = llm__rt_retryable(code, NULL);
    llm__rt_record_failure(r, a, d, code, now);
    if (r->desc_.on_failure) r->desc_.on_failure(r->desc_.callback_user, a, &a->last_error);
    if (delivered || code == LLM_ERR_CANCELLED || (code < 0 && code > LLM_ERR_TRANSPORT)) return llm__rt_give_up(r, a, err);
    if (llm__rt_retryable(code, e)) return llm__rt_after_retryable(r, a, a->deployment, now, err);
    if (code == LLM_ERR_CONTEXT_WINDOW_EXCEEDED) kind = LLM_FALLBACK_CONTEXT_WINDOW;
    if (code == LLM_ERR_CONTENT_POLICY) kind = LLM_FALLBACK_CONTENT_POLICY;
    if (llm__rt_fall_back(r, a, kind)) return LLM_AGAIN;
    return llm__rt_give_up(r, a, err);
}

static double llm__rt_cost(llm_router *r, const llm__rt_dep *d, const llm_response *resp) {
    double in = 0, out = 0;
    if (!resp) return 0;
    if (resp->has_cost) return resp->cost_usd;
    if (resp->has_provider_cost) return resp->provider_cost_usd;
    if (r->desc_.price && resp->usage.present && r->desc_.price(r->desc_.hooks_user, d->d.model, &in, &out))
        return in * (double)resp->usage.prompt_tokens + out * (double)resp->usage.completion_tokens;
    return 0;
}

static void llm__rt_spend(double *spent, int64_t *window, double cost, int64_t now, int64_t length) {
    if (now - *window >= length || *spent == 0) { *window = now; *spent = 0; }
    *spent += cost;
}

static llm_result llm__rt_succeeded(llm_router *r, llm_router_attempt *a, const llm_router_outcome *o, int64_t now) {
    llm__rt *c = llm__rt_core(r);
    llm__rt_dep *d = &c->deps[a->deployment];
    const llm_response *resp = o->response;
    int64_t lat = resp && resp->latency_ms > 0 ? resp->latency_ms : now - a->sent_ms_;
    int64_t pt = 0, ct = 0, extra;
    double cost = llm__rt_cost(r, d, resp);
    d->st.successes++;
    c->st.successes++;
    c->st.calls++;
    llm__rt_ewma(&d->st.latency_ewma_ms, (double)lat, d->st.successes);
    llm__rt_ewma(&c->st.latency_ewma_ms, (double)lat, c->st.successes);
    if (o->ttft_ms > 0) {
        llm__rt_ewma(&d->st.ttft_ewma_ms, (double)o->ttft_ms, d->st.successes);
        llm__rt_ewma(&c->st.ttft_ewma_ms, (double)o->ttft_ms, c->st.successes);
    }
    if (resp && resp->usage.present) {
        pt = resp->usage.prompt_tokens;
        ct = resp->usage.completion_tokens;
        if (ct > 0) llm__rt_ewma(&d->ms_per_token, (double)(o->ttft_ms > 0 ? o->ttft_ms : lat) / (double)ct, d->st.successes);
    }
    d->st.prompt_tokens += pt; d->st.completion_tokens += ct; d->st.cost_usd += cost;
    c->st.prompt_tokens += pt; c->st.completion_tokens += ct; c->st.cost_usd += cost;
    if (cost > 0) {
        llm__rt_spend(&c->spent, &c->spend_window, cost, now, r->desc_.budget_window_ms);
        llm__rt_spend(&c->groups[d->group].spent, &c->groups[d->group].spend_window, cost, now, r->desc_.budget_window_ms);
        llm__rt_spend(&d->spent, &d->spend_window, cost, now, r->desc_.budget_window_ms);
    }
    if (resp && resp->usage.present) { /* the buckets took the estimate; settle the difference */
        extra = pt + ct - (a->prompt_tokens_ > 0 ? a->prompt_tokens_ : 0);
        if (d->d.tpm) d->tpm_units -= extra * 60000;
        llm__rt_minute(d, now);
        d->minute_tok += extra;
    }
    if (a->probe_ || d->health == LLM__RT_HALF) { d->health = LLM__RT_CLOSED; d->probing = false; d->fails = 0; }
    a->state_ = LLM__RT_DONE;
    a->final_ = LLM_OK;
    llm__rt_trace(r, a, LLM_TRACE_SUCCESS, d, NULL, lat, LLM_OK, "%s answered in %d ms", d->d.id, (int)lat);
    if (r->desc_.on_success) r->desc_.on_success(r->desc_.callback_user, a, resp, lat, cost);
    return LLM_DONE;
}

static bool llm__rt_filtered(const llm_router_outcome *o) {
    return o->response && o->response->choice_count && o->response->choices[0].finish_reason == LLM_FINISH_CONTENT_FILTER;
}

LLM_API llm_result llm_router_report(llm_router *r, llm_router_attempt *a, const llm_router_outcome *o, llm_error *err) {
    llm__rt *c;
    llm_result res;
    int64_t now;
    if (!r || !r->core_ || !a || !o) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_report: NULL router, attempt or outcome");
    if (a->state_ != LLM__RT_SENT) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_report: no attempt was picked");
    llm__rt_lock(r);
    c = llm__rt_core(r);
    now = llm__rt_now(r);
    c->deps[a->deployment].st.in_flight--;
    c->st.in_flight--;
    a->state_ = LLM__RT_READY;
    a->wait_ms = 0;
    if (o->result == LLM_OK && !o->content_delivered && llm__rt_filtered(o) && llm__rt_next_group(r, a, LLM_FALLBACK_CONTENT_POLICY) >= 0) {
        llm_error e;
        llm__fail(&e, LLM_ERR_CONTENT_POLICY, "the answer of %s finished with content_filter", a->deployment_id);
        e.http_status = o->response->http_status;
        res = llm__rt_failed(r, a, LLM_ERR_CONTENT_POLICY, &e, false, now, err);
    } else if (o->result == LLM_OK) {
        res = llm__rt_succeeded(r, a, o, now);
        llm__error_clear(err);
    } else {
        res = llm__rt_failed(r, a, o->result, o->error, o->content_delivered, now, err);
    }
    if (res == LLM_AGAIN) llm__error_clear(err);
    llm__rt_unlock(r);
    return res;
}

LLM_API void llm_router_cancel(llm_router *r, llm_router_attempt *a) {
    if (!r || !r->core_ || !a) return;
    if (a->state_ == LLM__RT_SENT) {
        llm_router_outcome o;
        memset(&o, 0, sizeof o);
        o.result = LLM_ERR_CANCELLED;
        llm_router_report(r, a, &o, NULL);
    } else if (a->state_ == LLM__RT_READY) {
        llm__rt_lock(r);
        llm__fail(&a->last_error, LLM_ERR_CANCELLED, "cancelled");
        llm__rt_give_up(r, a, NULL);
        llm__rt_unlock(r);
    }
}

/* ---- the blocking driver ---- */

static llm_result llm__rt_send(llm_router *r, const llm_request *req, const llm_router_attempt *a, llm_response *resp, llm_error *err) {
    llm_pair headers[LLM_CALL_MAX_HEADERS];
    char number[24];
    size_t n = 0, i;
    llm_request sub = *req;
    if (req->header_count > LLM_CALL_MAX_HEADERS - 2 || (req->header_count && !req->headers))
        return llm__fail(err, LLM_ERR_LIMIT_EXCEEDED, "request: more than LLM_CALL_MAX_HEADERS - 2 headers, or a count without headers");
    for (i = 0; i < req->header_count; i++) headers[n++] = req->headers[i];
    headers[n].name = "Idempotency-Key";
    headers[n++].value = a->idempotency_key;
    headers[n].name = "X-Attempt";
    headers[n++].value = llm__rt_itoa(number, sizeof number, a->number);
    if (r->desc_.on_before_attempt) r->desc_.on_before_attempt(r->desc_.callback_user, a, headers, &n, LLM_CALL_MAX_HEADERS);
    if (n > LLM_CALL_MAX_HEADERS) n = LLM_CALL_MAX_HEADERS;
    sub.headers = headers;
    sub.header_count = n;
    sub.model = a->model;
    if (!sub.request_id) sub.request_id = a->request_id;
    if (a->timeout_ms > 0 && (sub.timeout_ms <= 0 || a->timeout_ms < sub.timeout_ms)) sub.timeout_ms = a->timeout_ms;
    return llm_complete(a->client, &sub, resp, err);
}

LLM_API llm_result llm_router_complete(llm_router *r, const llm_request *req, const llm_router_options *opts, llm_response *resp,
                                       llm_error *err) {
    llm_router_attempt a;
    llm_router_outcome o;
    llm_error aerr;
    llm_result res;
    if (resp) memset(resp, 0, sizeof *resp);
    if (!r || !r->core_ || !req || !resp) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_complete: NULL router, request or response");
    memset(&a, 0, sizeof a);
    if (opts) a.options = *opts;
    for (;;) {
        res = llm_router_pick(r, req, &a, err);
        if (res == LLM_AGAIN) {
            if (!r->desc_.sleep_ms) {
                llm_router_cancel(r, &a);
                return llm__fail(err, LLM_ERR_UNSUPPORTED, "llm_router_complete: must wait %d ms but the router has no sleep_ms", (int)a.wait_ms);
            }
            r->desc_.sleep_ms(r->desc_.clock_user, a.wait_ms);
            continue;
        }
        if (res != LLM_OK) return res;
        llm__error_clear(&aerr);
        res = llm__rt_send(r, req, &a, resp, &aerr);
        memset(&o, 0, sizeof o);
        o.result = res;
        o.error = res == LLM_OK ? NULL : &aerr;
        o.response = res == LLM_OK ? resp : NULL;
        res = llm_router_report(r, &a, &o, err);
        if (res == LLM_DONE) return LLM_OK;
        llm_response_free(resp);
        if (res != LLM_AGAIN) return res;
    }
}

/* ---- the LiteLLM config loader ----
   {"model_list": [{"model_name": G, "litellm_params": {"model", "api_key",
   "api_base", "rpm", "tpm", "weight", "order", "timeout" (s),
   "cooldown_time" (s), "num_retries", "max_parallel_requests",
   "max_budget"}, "model_info": {"id", "max_input_tokens"}}],
   "router_settings": {"routing_strategy", "num_retries", "max_fallbacks",
   "fallbacks", "context_window_fallbacks", "content_policy_fallbacks",
   "default_fallbacks", "allowed_fails", "cooldown_time" (s), "timeout" (s,
   the deadline of a whole request), "retry_policy", "disable_cooldowns"}}.
   "litellm_settings" is read the same way before router_settings. Strings
   "os.environ/VAR" are read through the getenv hook. Unknown keys are
   ignored, as LiteLLM does. */

typedef struct llm__rtj {
    llm_router_desc d;             /* the desc being built */
    llm_allocator alloc;
    void *arena;
    llm_error *err;
    size_t fb_cap;
    llm_router_fallback *fb;
    llm_retry_override *pol;
} llm__rtj;

static void llm__rt_fmt(char *dst, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    llm__vformat(dst, size, fmt, ap);
    va_end(ap);
}

static bool llm__rtj_bad(llm__rtj *j, const char *path, const char *key, const char *what) {
    llm__fail(j->err, LLM_ERR_INVALID_ARGUMENT, "%s%s%s: %s", path, key[0] ? "." : "", key, what);
    return false;
}

/* A number >= 0 at o[key] times scale into *out; absent keeps *out. */
static bool llm__rtj_num(llm__rtj *j, const llm_json *o, const char *path, const char *key, double scale, double *out) {
    const llm_json *v = llm_json_get(o, key);
    double x;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    x = llm_json_number(v, -1);
    if (!llm_json_is(v, LLM_JSON_NUMBER) || x < 0 || x * scale > 2147483647.0) return llm__rtj_bad(j, path, key, "expected a number >= 0 (and not huge)");
    *out = x * scale;
    return true;
}

static bool llm__rtj_int(llm__rtj *j, const llm_json *o, const char *path, const char *key, double scale, int *out) {
    double x = -1;
    if (!llm__rtj_num(j, o, path, key, scale, &x)) return false;
    if (x >= 0) *out = (int)(x + 0.5);
    return true;
}

static bool llm__rtj_str(llm__rtj *j, const llm_json *o, const char *path, const char *key, const char **out) {
    const llm_json *v = llm_json_get(o, key);
    size_t len;
    const char *s;
    if (!v || llm_json_is(v, LLM_JSON_NULL)) return true;
    if (!(s = llm_json_string(v, &len)) || strlen(s) != len) return llm__rtj_bad(j, path, key, "expected a string (without NUL)");
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

static bool llm__rtj_bool(llm__rtj *j, const llm_json *o, const char *path, const char *key, bool *out) {
    const llm_json *v = llm_json_get(o, key);
    if (!v) return true;
    if (!llm_json_is(v, LLM_JSON_TRUE) && !llm_json_is(v, LLM_JSON_FALSE)) return llm__rtj_bad(j, path, key, "expected true or false");
    *out = llm_json_is(v, LLM_JSON_TRUE);
    return true;
}

static bool llm__rtj_deployment(llm__rtj *j, const llm_json *m, size_t i, llm_deployment_desc *d) {
    char path[64], pp[96], mi[96];
    const llm_json *p = llm_json_get(m, "litellm_params"), *info = llm_json_get(m, "model_info");
    double budget = 0, max_in = 0;
    llm__rt_fmt(path, sizeof path, "model_list[%z]", i);
    llm__rt_fmt(pp, sizeof pp, "%s.litellm_params", path);
    llm__rt_fmt(mi, sizeof mi, "%s.model_info", path);
    memset(d, 0, sizeof *d);
    if (!llm_json_is(m, LLM_JSON_OBJECT)) return llm__rtj_bad(j, path, "", "expected an object");
    if (!llm_json_is(p, LLM_JSON_OBJECT)) return llm__rtj_bad(j, path, "litellm_params", "expected an object");
    if (info && !llm_json_is(info, LLM_JSON_OBJECT)) return llm__rtj_bad(j, path, "model_info", "expected an object");
    if (!llm__rtj_str(j, m, path, "model_name", &d->group) || !llm__rtj_str(j, p, pp, "model", &d->model) ||
        !llm__rtj_str(j, p, pp, "api_key", &d->api_key) || !llm__rtj_str(j, p, pp, "api_base", &d->base_url) ||
        !llm__rtj_int(j, p, pp, "rpm", 1, &d->rpm) || !llm__rtj_int(j, p, pp, "tpm", 1, &d->tpm) ||
        !llm__rtj_int(j, p, pp, "weight", 1, &d->weight) || !llm__rtj_int(j, p, pp, "order", 1, &d->order) ||
        !llm__rtj_int(j, p, pp, "timeout", 1000, &d->timeout_ms) || !llm__rtj_int(j, p, pp, "cooldown_time", 1000, &d->cooldown_ms) ||
        !llm__rtj_int(j, p, pp, "max_parallel_requests", 1, &d->max_parallel) || !llm__rtj_num(j, p, pp, "max_budget", 1, &budget) ||
        !llm__rtj_str(j, info, mi, "id", &d->id) || !llm__rtj_num(j, info, mi, "max_input_tokens", 1, &max_in))
        return false;
    if (!d->group) return llm__rtj_bad(j, path, "model_name", "missing");
    if (!d->model) return llm__rtj_bad(j, pp, "model", "missing");
    if (llm_json_get(p, "num_retries")) {
        d->has_num_retries = true;
        if (!llm__rtj_int(j, p, pp, "num_retries", 1, &d->num_retries)) return false;
    }
    d->budget_usd = budget;
    d->max_input_tokens = (int64_t)max_in;
    return true;
}

/* [{"group": ["to", ...]}, ...] or, for default_fallbacks, ["to", ...]. */
static bool llm__rtj_fallbacks(llm__rtj *j, const llm_json *s, const char *sect, const char *key, llm_fallback_kind kind) {
    const llm_json *list = llm_json_get(s, key), *e;
    char path[96];
    size_t i = 0;
    bool star = strcmp(key, "default_fallbacks") == 0;
    if (!list || llm_json_is(list, LLM_JSON_NULL)) return true;
    if (!llm_json_is(list, LLM_JSON_ARRAY)) return llm__rtj_bad(j, sect, key, "expected an array");
    for (e = llm_json_first(list); e; e = llm_json_next(list, e), i++) {
        const llm_json *to = star ? list : e + 1, *t;
        llm_router_fallback *f;
        const char **names;
        size_t k = 0;
        llm__rt_fmt(path, sizeof path, "%s.%s[%z]", sect, key, i);
        if (!star && (!llm_json_is(e, LLM_JSON_OBJECT) || llm_json_count(e) != 1)) return llm__rtj_bad(j, path, "", "expected an object with exactly one key");
        if (!star) to = llm_json_first(e) + 1;
        if (!llm_json_is(to, LLM_JSON_ARRAY)) return llm__rtj_bad(j, path, "", "expected an array of model group names");
        if (j->d.fallback_count >= j->fb_cap) return llm__rtj_bad(j, path, "", "too many fallback lists");
        names = (const char **)llm__arena_alloc(&j->alloc, &j->arena, (llm_json_count(to) + 1) * sizeof(char *));
        if (!names) { llm__fail(j->err, LLM_ERR_NO_MEMORY, "out of memory"); return false; }
        for (t = llm_json_first(to); t; t = llm_json_next(to, t), k++)
            if (!(names[k] = llm_json_string(t, NULL))) return llm__rtj_bad(j, path, "", "expected model group names (strings)");
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

static bool llm__rtj_policy(llm__rtj *j, const llm_json *s, const char *sect) {
    static const char *const names[] = {"BadRequestErrorRetries", "AuthenticationErrorRetries", "TimeoutErrorRetries",
                                        "RateLimitErrorRetries", "ContentPolicyViolationErrorRetries", "InternalServerErrorRetries"};
    static const llm_result codes[] = {LLM_ERR_BAD_REQUEST, LLM_ERR_AUTHENTICATION, LLM_ERR_TIMEOUT, LLM_ERR_RATE_LIMITED,
                                       LLM_ERR_CONTENT_POLICY, LLM_ERR_SERVER};
    const llm_json *p = llm_json_get(s, "retry_policy");
    char path[96];
    size_t k;
    if (!p || llm_json_is(p, LLM_JSON_NULL)) return true;
    if (!llm_json_is(p, LLM_JSON_OBJECT)) return llm__rtj_bad(j, sect, "retry_policy", "expected an object");
    llm__rt_fmt(path, sizeof path, "%s.retry_policy", sect);
    for (k = 0; k < 6; k++) {
        int n = -1;
        if (!llm__rtj_int(j, p, path, names[k], 1, &n)) return false;
        if (n >= 0 && j->d.retry_policy_count < 6) {
            j->pol[j->d.retry_policy_count].code = codes[k];
            j->pol[j->d.retry_policy_count++].retries = n;
        }
    }
    return true;
}

static bool llm__rtj_settings(llm__rtj *j, const llm_json *s, const char *sect) {
    static const char *const strategies[] = {"simple-shuffle", "least-busy", "latency-based-routing", "cost-based-routing",
                                             "usage-based-routing", "usage-based-routing-v2"};
    static const llm_routing_strategy ids[] = {LLM_ROUTING_SIMPLE_SHUFFLE, LLM_ROUTING_LEAST_BUSY, LLM_ROUTING_LATENCY,
                                               LLM_ROUTING_LOWEST_COST, LLM_ROUTING_USAGE, LLM_ROUTING_USAGE};
    const char *strategy = NULL;
    size_t k;
    if (!s || llm_json_is(s, LLM_JSON_NULL)) return true;
    if (!llm_json_is(s, LLM_JSON_OBJECT)) return llm__rtj_bad(j, sect, "", "expected an object");
    if (!llm__rtj_str(j, s, sect, "routing_strategy", &strategy) || !llm__rtj_int(j, s, sect, "max_fallbacks", 1, &j->d.max_fallbacks) ||
        !llm__rtj_int(j, s, sect, "cooldown_time", 1000, &j->d.cooldown_ms) || !llm__rtj_int(j, s, sect, "timeout", 1000, &j->d.timeout_ms) ||
        !llm__rtj_bool(j, s, sect, "disable_cooldowns", &j->d.disable_cooldowns) || !llm__rtj_policy(j, s, sect))
        return false;
    if (llm_json_get(s, "num_retries")) {
        j->d.has_num_retries = true;
        if (!llm__rtj_int(j, s, sect, "num_retries", 1, &j->d.num_retries)) return false;
    }
    if (llm_json_get(s, "allowed_fails")) {
        j->d.has_allowed_fails = true;
        if (!llm__rtj_int(j, s, sect, "allowed_fails", 1, &j->d.allowed_fails)) return false;
    }
    for (k = 0; strategy && k < 6 && strcmp(strategy, strategies[k]) != 0; k++) {}
    if (strategy && k == 6) return llm__rtj_bad(j, sect, "routing_strategy", "unknown strategy");
    if (strategy) j->d.strategy = ids[k];
    return llm__rtj_fallbacks(j, s, sect, "fallbacks", LLM_FALLBACK_GENERIC) &&
           llm__rtj_fallbacks(j, s, sect, "context_window_fallbacks", LLM_FALLBACK_CONTEXT_WINDOW) &&
           llm__rtj_fallbacks(j, s, sect, "content_policy_fallbacks", LLM_FALLBACK_CONTENT_POLICY) &&
           llm__rtj_fallbacks(j, s, sect, "default_fallbacks", LLM_FALLBACK_GENERIC);
}

static size_t llm__rtj_fallback_room(const llm_json *root) {
    static const char *const sects[] = {"router_settings", "litellm_settings"};
    static const char *const keys[] = {"fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "default_fallbacks"};
    size_t n = 0, a, b;
    for (a = 0; a < 2; a++)
        for (b = 0; b < 4; b++) n += llm_json_count(llm_json_get(llm_json_get(root, sects[a]), keys[b])) + 1;
    return n;
}

static bool llm__rtj_load(llm__rtj *j, const llm_json *root) {
    const llm_json *list = llm_json_get(root, "model_list"), *m;
    llm_deployment_desc *deps;
    size_t i = 0, n = llm_json_count(list);
    if (!llm_json_is(root, LLM_JSON_OBJECT)) return llm__rtj_bad(j, "(top level)", "", "expected an object");
    if (!llm_json_is(list, LLM_JSON_ARRAY) || n == 0) return llm__rtj_bad(j, "model_list", "", "expected a non-empty array");
    j->fb_cap = llm__rtj_fallback_room(root);
    deps = (llm_deployment_desc *)llm__arena_alloc(&j->alloc, &j->arena, n * sizeof *deps);
    j->fb = (llm_router_fallback *)llm__arena_alloc(&j->alloc, &j->arena, j->fb_cap * sizeof *j->fb);
    j->pol = (llm_retry_override *)llm__arena_alloc(&j->alloc, &j->arena, 6 * sizeof *j->pol);
    if (!deps || !j->fb || !j->pol) { llm__fail(j->err, LLM_ERR_NO_MEMORY, "out of memory"); return false; }
    for (m = llm_json_first(list); m; m = llm_json_next(list, m), i++)
        if (!llm__rtj_deployment(j, m, i, &deps[i])) return false;
    j->d.deployments = deps;
    j->d.deployment_count = n;
    j->d.fallbacks = j->fb;
    j->d.fallback_count = 0;
    j->d.retry_policy = j->pol;
    j->d.retry_policy_count = 0;
    return llm__rtj_settings(j, llm_json_get(root, "litellm_settings"), "litellm_settings") &&
           llm__rtj_settings(j, llm_json_get(root, "router_settings"), "router_settings");
}

LLM_API llm_result llm_router_init_json(llm_router *r, const char *json, size_t len, const llm_router_desc *base, llm_error *err) {
    llm__rtj j;
    llm_json_doc doc;
    llm_error local;
    llm_result res;
    if (!err) err = &local;
    if (!r || (!json && len)) return llm__fail(err, LLM_ERR_INVALID_ARGUMENT, "llm_router_init_json: NULL router or text");
    memset(r, 0, sizeof *r);
    memset(&j, 0, sizeof j);
    if (base) j.d = *base;
#if !defined(LLM_NO_STDIO)
    if (!j.d.getenv) j.d.getenv = llm__rt_default_getenv;
#endif
    j.alloc = j.d.alloc;
    j.err = err;
    memset(&doc, 0, sizeof doc);
    doc.alloc = j.d.alloc;
    doc.max_depth = 32;
    res = llm_json_parse(&doc, json ? json : "", len, err);
    if (res == LLM_OK) res = llm__rtj_load(&j, llm_json_root(&doc)) ? llm_router_init(r, &j.d, err) : err->code;
    llm_json_doc_free(&doc);
    llm__arena_free(&j.alloc, &j.arena);
    return res;
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
