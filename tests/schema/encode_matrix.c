/* encode_matrix.c - encodes a broad matrix of requests through llm.h's public
   API (llm_client_init with provider "openai", or the one `--provider`
   names: "azure" or "openrouter", then llm_call_begin) and
   prints one JSON value per request on stdout, each on its own line (a body
   may itself hold newlines, as JSON whitespace, e.g. from a pretty-printed
   tool schema, so readers split values, not lines):

       {"name":"...","body":<the encoded body>}                 or
       {"name":"...","body":<...>,"unknown":["x_custom"]}        (members added on purpose by extra_body)

   then a last line {"end":{"bodies":N,"refusals":N,"xfails":N,"failures":N}}.
   tests/schema/validate.mjs checks every body against OpenAI's request
   schema, and compares some with bodies written by hand (expected/).

   It also checks, itself, the requests llm_call_begin must refuse with
   LLM_ERR_INVALID_ARGUMENT, with a message naming the field at fault (and
   the HTTP side of the accepted ones: method, URL, headers). Failures go to stderr and are counted in the end line; the
   exit status is 1 when any happened. `-v` prints each refusal's message.

   Bodies the encoder produces on purpose although they break the schema
   (limits OpenAI documents but other compatible servers set differently)
   are listed in validate.mjs (EXPECTED_FAILURES).

       build/encode_matrix [-v] [--provider openai|azure|openrouter]

   Azure and OpenRouter speak the OpenAI wire format: their bodies are the
   same matrix, checked against OpenAI's schema (Azure) or OpenRouter's own
   (validate.mjs --spec openrouter); only the HTTP side differs.
   --provider openai-responses: OpenAI's preset through the Responses API
   (llm_client_desc.openai_api), its own matrix, checked against the same
   spec's CreateResponse (validate.mjs --spec responses). */

#define LLM_IMPLEMENTATION
#include "../../llm.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The provider under test and what its HTTP side must be. */
typedef struct target {
    const char *provider, *base_url, *api_version;
    const char *url, *url_after_model; /* every request's URL: url, or url model url_after_model */
    const char *auth_name, *auth_value; /* the key's header */
    bool one_choice;                  /* LLM_QUIRK_ONE_CHOICE: n above 1 is refused */
    /* OpenAI members this provider's schema lacks: when a request sends
       them on purpose through extra_body, they are listed as "unknown" */
    const char *const *foreign_members;
    llm_openai_api openai_api;        /* the client's choice of OpenAI API */
} target;
static const char *const openai_only_members[] = {"store", "safety_identifier", "verbosity", NULL};
static const target targets[] = {
    {"openai", NULL, NULL, "https://api.openai.com/v1/chat/completions", NULL, "Authorization", "Bearer sk-test", false, NULL, LLM_OPENAI_API_AUTO},
    /* the model names the deployment (Azure routes by the URL) */
    {"azure", "https://example-resource.openai.azure.com", "2024-10-21", "https://example-resource.openai.azure.com/openai/deployments/",
     "/chat/completions?api-version=2024-10-21", "api-key", "sk-test", false, NULL, LLM_OPENAI_API_AUTO},
    {"openrouter", NULL, NULL, "https://openrouter.ai/api/v1/chat/completions", NULL, "Authorization", "Bearer sk-test", true,
     openai_only_members, LLM_OPENAI_API_AUTO},
    {"anthropic", NULL, NULL, "https://api.anthropic.com/v1/messages", NULL, "x-api-key", "sk-test", true, NULL, LLM_OPENAI_API_AUTO},
    /* OpenAI's preset through the Responses API (the client's switch) */
    {"openai-responses", NULL, NULL, "https://api.openai.com/v1/responses", NULL, "Authorization", "Bearer sk-test", true, NULL,
     LLM_OPENAI_API_RESPONSES},
};
static const target *under_test = &targets[0];

static llm_client client;
static llm_json_writer line;
static int failures, bodies, refusals, xfails, verbose;
/* --count: the bodies of the provider's token count (llm_call_begin_count_tokens) */
static int count_mode;
static target count_target;

static void fail(const char *name, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "encode_matrix: FAIL %s: ", name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

static const char *header_value(const llm_http_request *http, const char *name) {
    size_t i;
    for (i = 0; i < http->header_count; i++)
        if (strcmp(http->headers[i].name, name) == 0) return http->headers[i].value;
    return NULL;
}

static bool url_is_expected(const char *url, const char *model) {
    size_t n = strlen(under_test->url), m = strlen(model);
    if (!url || strncmp(url, under_test->url, n) != 0) return false;
    if (!under_test->url_after_model) return url[n] == '\0';
    return strncmp(url + n, model, m) == 0 && strcmp(url + n + m, under_test->url_after_model) == 0;
}

/* What every accepted request must look like on the HTTP side. */
static void check_http(const char *name, const llm_request *req, const llm_http_request *http) {
    const char *v;
    size_t i;
    if (!http->method || strcmp(http->method, "POST") != 0) fail(name, "method is not POST");
    if (!url_is_expected(http->url, req->model)) fail(name, "url %s", http->url ? http->url : "(null)");
    if (!http->body || http->body_len == 0 || strlen(http->body) != http->body_len) fail(name, "body missing or body_len wrong");
    if (http->stream) fail(name, "stream set by llm_call_begin");
    if (!(v = header_value(http, "Content-Type")) || strcmp(v, "application/json") != 0) fail(name, "Content-Type");
    if (!(v = header_value(http, under_test->auth_name)) || strcmp(v, under_test->auth_value) != 0) fail(name, "%s", under_test->auth_name);
    if (strcmp(under_test->provider, "anthropic") == 0 && (!(v = header_value(http, "anthropic-version")) || strcmp(v, "2023-06-01") != 0))
        fail(name, "anthropic-version");
    if (!(v = header_value(http, "X-Request-ID")) || !v[0]) fail(name, "X-Request-ID missing");
    else if (req->request_id && strcmp(v, req->request_id) != 0) fail(name, "X-Request-ID is not the request's");
    for (i = 0; i < req->header_count; i++)
        if (!(v = header_value(http, req->headers[i].name)) || strcmp(v, req->headers[i].value) != 0)
            fail(name, "request header %s not sent", req->headers[i].name);
    for (i = 0; i < http->header_count; i++)
        if (strpbrk(http->headers[i].name, "\r\n") || strpbrk(http->headers[i].value, "\r\n")) fail(name, "CR/LF in a header");
}

/* The provider's foreign members that req's extra_body sends (written to
   the line's "unknown" list when `write`). */
static size_t foreign_members(const llm_request *req, bool write) {
    llm_json_doc doc = {0};
    size_t i, n = 0;
    if (!under_test->foreign_members || !req->extra_body) return 0;
    if (llm_json_parse(&doc, req->extra_body, strlen(req->extra_body), NULL) != LLM_OK) return 0;
    for (i = 0; under_test->foreign_members[i]; i++) {
        if (!llm_json_get(llm_json_root(&doc), under_test->foreign_members[i])) continue;
        if (write) llm_json_write_string(&line, under_test->foreign_members[i]);
        n++;
    }
    llm_json_doc_free(&doc);
    return n;
}
static size_t foreign_member_count(const llm_request *req) { return foreign_members(req, false); }
static void write_foreign_members(const llm_request *req) { (void)foreign_members(req, true); }

/* Encodes req and prints its line; the names after req (NULL-terminated) are
   top-level members extra_body adds on purpose. */
static void emit_unknown(const char *name, const llm_request *req, ...) {
    llm_call call;
    const llm_http_request *http = NULL;
    llm_error err;
    llm_result r;
    const char *out, *u;
    size_t len;
    va_list ap;
    r = count_mode ? llm_call_begin_count_tokens(&call, &client, req, 0, &http, &err)
                   : llm_call_begin(&call, &client, req, 0, &http, &err);
    if (r != LLM_OK || !http) {
        fail(name, "llm_call_begin refused a valid request: %s: %s", llm_result_str(r), err.message);
        llm_call_free(&call);
        return;
    }
    check_http(name, req, http);
    llm_json_writer_reset(&line);
    llm_json_write_object_begin(&line);
    llm_json_write_key(&line, "name");
    llm_json_write_string(&line, name);
    llm_json_write_key(&line, "body");
    llm_json_write_raw(&line, http->body, http->body_len);
    va_start(ap, req);
    u = va_arg(ap, const char *);
    if (u || foreign_member_count(req)) {
        llm_json_write_key(&line, "unknown");
        llm_json_write_array_begin(&line);
        for (; u; u = va_arg(ap, const char *)) llm_json_write_string(&line, u);
        write_foreign_members(req);
        llm_json_write_array_end(&line);
    }
    va_end(ap);
    llm_json_write_object_end(&line);
    if (llm_json_writer_finish(&line, &out, &len) != LLM_OK) fail(name, "the body is not valid JSON for llm_json_write_raw");
    else printf("%s\n", out);
    bodies++;
    llm_call_free(&call);
}

#define emit(name, req) emit_unknown((name), (req), (const char *)NULL)

/* The check of one refusal; true when llm_call_begin refused properly:
   LLM_ERR_INVALID_ARGUMENT, *http NULL, err filled without the API key.
   *message receives err.message. */
static bool refused_properly(const char *name, const llm_request *req, bool report, char *message, size_t size) {
    llm_call call;
    const llm_http_request *http = (const llm_http_request *)&call; /* must be reset to NULL */
    llm_error err;
    llm_result r = llm_call_begin(&call, &client, req, 0, &http, &err);
    bool ok = false;
    if (r != LLM_ERR_INVALID_ARGUMENT) {
        if (report) fail(name, "expected LLM_ERR_INVALID_ARGUMENT, got %s (%s)", llm_result_str(r), r == LLM_OK ? http->body : err.message);
    } else if (http) {
        if (report) fail(name, "refused but *http was not set to NULL");
    } else if (err.code != r || !err.message[0]) {
        if (report) fail(name, "err not filled");
    } else if (strstr(err.message, "sk-test")) {
        if (report) fail(name, "the API key appears in the error message");
    } else {
        ok = true;
        if (verbose) fprintf(stderr, "refused %-36s %s\n", name, err.message);
        if (message) snprintf(message, size, "%s", err.message);
    }
    llm_call_free(&call);
    return ok;
}

/* A request that must be refused, with a message containing `says` (the
   field at fault). */
static void refuse(const char *name, const llm_request *req, const char *says) {
    char message[LLM_ERROR_MESSAGE_SIZE];
    if (refused_properly(name, req, true, message, sizeof message) && !strstr(message, says))
        fail(name, "the message \"%s\" does not say \"%s\"", message, says);
    refusals++;
}

/* A request for several choices: a body, or refused (naming n) by a
   provider that answers one. */
static void emit_choices(const char *name, const llm_request *req) {
    if (under_test->one_choice) refuse(name, req, "n");
    else emit(name, req);
}

static void refuse_client(const char *name, const llm_client_desc *desc) {
    llm_client c;
    llm_error err;
    llm_result r = llm_client_init(&c, desc, &err);
    if (r != LLM_ERR_INVALID_ARGUMENT) fail(name, "llm_client_init: expected LLM_ERR_INVALID_ARGUMENT, got %s", llm_result_str(r));
    else if (verbose) fprintf(stderr, "refused %-36s %s\n", name, err.message);
    refusals++;
}

static llm_request request(const llm_message *messages, size_t count) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = "gpt-4o";
    r.messages = messages;
    r.message_count = count;
    return r;
}
#define REQUEST(msgs) request((msgs), COUNT(msgs))

/* ---- shared pieces ---- */

static const llm_message hello[] = {{.role = LLM_ROLE_USER, .content = "Hello!"}};

#define WEATHER_PARAMS \
    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"City, e.g. Paris\"}," \
    "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"location\",\"unit\"]," \
    "\"additionalProperties\":false}"
static const char *const weather_params = WEATHER_PARAMS;
static const llm_tool weather_tool = {"get_weather", "Get the current weather in a city", WEATHER_PARAMS, true, LLM_CACHE_NONE};
static const llm_tool_call weather_call = {"call_abc123", "get_weather", "{\"location\":\"Paris\",\"unit\":\"celsius\"}", false};
static const llm_tool_call time_call = {"call_def456", "get_time", "{\"timezone\":\"Europe/Paris\"}", false};

static const char *const answer_schema =
    "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"},\"confidence\":{\"type\":\"number\"}},"
    "\"required\":[\"answer\",\"confidence\"],\"additionalProperties\":false}";

static const char png_b64[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

static void messages_and_roles(void) {
    llm_request r;
    static const llm_message sys[] = {{.role = LLM_ROLE_SYSTEM, .content = "You are terse."}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message dev[] = {{.role = LLM_ROLE_DEVELOPER, .content = "Answer in French."}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message chat[] = {
        {.role = LLM_ROLE_USER, .content = "Hi"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Hello! How can I help?"},
        {.role = LLM_ROLE_USER, .content = "Tell me a joke."},
    };
    static const llm_message round_trip[] = {
        {.role = LLM_ROLE_USER, .content = "What is the weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "{\"temperature\":18,\"unit\":\"celsius\"}", .tool_call_id = "call_abc123"},
    };
    static const llm_message with_content[] = {
        {.role = LLM_ROLE_USER, .content = "Weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Let me check.", .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
    };
    static const llm_tool_call two_calls[] = {
        {"call_abc123", "get_weather", "{\"location\":\"Paris\",\"unit\":\"celsius\"}", false},
        {"call_def456", "get_time", "{\"timezone\":\"Europe/Paris\"}", false},
    };
    static const llm_message parallel[] = {
        {.role = LLM_ROLE_USER, .content = "Weather and time in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = two_calls, .tool_call_count = 2},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_TOOL, .content = "14:05", .tool_call_id = "call_def456"},
        {.role = LLM_ROLE_ASSISTANT, .content = "It is 18 C and 14:05 in Paris."},
        {.role = LLM_ROLE_USER, .content = "Thanks"},
    };
    static const llm_tool_call no_args = {"call_1", "list_files", NULL, false};
    static const llm_message default_args[] = {
        {.role = LLM_ROLE_USER, .content = "List files"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &no_args, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "a.txt\nb.txt", .tool_call_id = "call_1"},
    };
    static const llm_tool_call nested_args = {"call_2", "save_note",
        "{\"note\":{\"title\":\"caf\xc3\xa9 \\\"menu\\\"\",\"tags\":[\"a\",\"b\"],\"body\":\"line1\\nline2\"},\"pinned\":true,\"n\":-1.5e3}", false};
    static const llm_message nested[] = {
        {.role = LLM_ROLE_USER, .content = "Save a note"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &nested_args, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "{\"ok\":true,\"id\":\"n_1\"}", .tool_call_id = "call_2"},
    };
    static const llm_message all[] = {
        {.role = LLM_ROLE_DEVELOPER, .content = "Use tools when needed."},
        {.role = LLM_ROLE_SYSTEM, .content = "Be concise."},
        {.role = LLM_ROLE_USER, .content = "Weather in Paris?", .name = "alice"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Checking."},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
    };
    static const llm_message names[] = {
        {.role = LLM_ROLE_SYSTEM, .content = "Rules.", .name = "policy"},
        {.role = LLM_ROLE_DEVELOPER, .content = "Be brief.", .name = "dev_1"},
        {.role = LLM_ROLE_USER, .content = "Hi", .name = "bob-2"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Hello", .name = "helper"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &time_call, .tool_call_count = 1, .name = "helper"},
        {.role = LLM_ROLE_TOOL, .content = "14:05", .tool_call_id = "call_def456"},
    };
    static const llm_message tool_name[] = {
        {.role = LLM_ROLE_USER, .content = "Time?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &time_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "14:05", .tool_call_id = "call_def456", .name = "get_time"},
    };
    static const llm_message escapes[] = {{.role = LLM_ROLE_USER,
        .content = "quote \" backslash \\ slash / nl \n cr \r tab \t bs \b ff \f ctl \x01\x1f del \x7f "
                   "</script> u2028 \xe2\x80\xa8 u2029 \xe2\x80\xa9 e-acute \xc3\xa9 combining e\xcc\x81 cjk \xe4\xb8\xad\xe6\x96\x87 "
                   "emoji \xf0\x9f\x98\x80 flag \xf0\x9f\x87\xab\xf0\x9f\x87\xb7 bom \xef\xbb\xbf max \xf4\x8f\xbf\xbf"}};
    static const llm_message empty[] = {{.role = LLM_ROLE_USER, .content = ""}};
    static llm_message many[301];
    static char big[200001];
    llm_message long_msg[1];
    size_t i;

    emit("minimal_user", (r = REQUEST(hello), &r));
    r = REQUEST(hello); r.model = "o3-2025-04-16"; emit("model_dated", &r);
    r = REQUEST(hello); r.model = "ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:abc123"; emit("model_fine_tuned", &r);
    emit("role_system", (r = REQUEST(sys), &r));
    emit("role_developer", (r = REQUEST(dev), &r));
    emit("role_assistant_text", (r = REQUEST(chat), &r));
    emit("tool_round_trip", (r = REQUEST(round_trip), &r));
    emit("tool_calls_with_content", (r = REQUEST(with_content), &r));
    emit("parallel_tool_results", (r = REQUEST(parallel), &r));
    emit("tool_call_arguments_default", (r = REQUEST(default_args), &r));
    emit("tool_call_arguments_nested", (r = REQUEST(nested), &r));
    emit("all_roles", (r = REQUEST(all), &r));
    emit("names_on_roles", (r = REQUEST(names), &r));
    emit("tool_message_name", (r = REQUEST(tool_name), &r));
    emit("text_escapes", (r = REQUEST(escapes), &r));
    emit("empty_content", (r = REQUEST(empty), &r));

    memset(big, 'a', sizeof big - 1);
    for (i = 0; i < sizeof big - 1; i += 100) big[i] = i % 300 == 0 ? '\n' : '"';
    memset(long_msg, 0, sizeof long_msg);
    long_msg[0].role = LLM_ROLE_USER;
    long_msg[0].content = big;
    emit("long_content", (r = REQUEST(long_msg), &r));

    for (i = 0; i < COUNT(many); i++) {
        many[i].role = i % 2 ? LLM_ROLE_ASSISTANT : LLM_ROLE_USER;
        many[i].content = i % 2 ? "pong" : "ping";
    }
    emit("many_messages", (r = REQUEST(many), &r));
}

static void conversation_api(void) {
    llm_conversation conv;
    llm_request r;
    const llm_message *msgs;
    size_t n;
    static const llm_message user = {.role = LLM_ROLE_USER, .content = "Weather in Paris?"};
    static const llm_message calls = {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1};
    memset(&conv, 0, sizeof conv);
    if (llm_conversation_add(&conv, &user) != LLM_OK || llm_conversation_add(&conv, &calls) != LLM_OK ||
        llm_conversation_add_tool_result(&conv, "call_abc123", "18 C") != LLM_OK) {
        fail("conversation_api", "llm_conversation_add failed");
    } else {
        msgs = llm_conversation_messages(&conv, &n);
        r = request(msgs, n);
        r.tools = &weather_tool;
        r.tool_count = 1;
        emit("conversation_api", &r);
    }
    llm_conversation_free(&conv);
}

static void content_parts(void) {
    llm_request r;
    static const llm_content_part text1[] = {{.type = LLM_PART_TEXT, .text = "Describe this."}};
    static const llm_content_part text3[] = {
        {.type = LLM_PART_TEXT, .text = "First part."}, {.type = LLM_PART_TEXT, .text = ""}, {.type = LLM_PART_TEXT, .text = "Third \xe2\x9c\x93"}};
    static const llm_content_part url_default[] = {{.type = LLM_PART_TEXT, .text = "What is this?"},
        {.type = LLM_PART_IMAGE_URL, .url = "https://upload.example.com/photos/cat.jpg?size=large&v=2"}};
    static const llm_content_part url_auto[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png", .detail = LLM_DETAIL_AUTO}};
    static const llm_content_part url_low[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png", .detail = LLM_DETAIL_LOW}};
    static const llm_content_part url_high[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png", .detail = LLM_DETAIL_HIGH}};
    static const llm_content_part b64_png[] = {{.type = LLM_PART_IMAGE_BASE64, .base64 = png_b64, .media_type = "image/png", .detail = LLM_DETAIL_HIGH}};
    static const llm_content_part b64_jpeg[] = {{.type = LLM_PART_TEXT, .text = "And this one?"},
        {.type = LLM_PART_IMAGE_BASE64, .base64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//", .media_type = "image/jpeg"}};
    static const llm_content_part b64_webp[] = {{.type = LLM_PART_IMAGE_BASE64, .base64 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", .media_type = "image/webp", .detail = LLM_DETAIL_LOW}};
    static const llm_content_part mixed[] = {
        {.type = LLM_PART_TEXT, .text = "Compare these two images."},
        {.type = LLM_PART_IMAGE_URL, .url = "https://example.com/left.jpg", .detail = LLM_DETAIL_LOW},
        {.type = LLM_PART_IMAGE_BASE64, .base64 = png_b64, .media_type = "image/png", .detail = LLM_DETAIL_AUTO},
        {.type = LLM_PART_TEXT, .text = "Which is brighter?"},
    };
    static const llm_content_part sized[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/b.png", .detail = LLM_DETAIL_HIGH, .width = 1024, .height = 768}};
    static const llm_content_part image[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png"}};
    static const llm_message m_text1[] = {{.role = LLM_ROLE_USER, .parts = text1, .part_count = 1}};
    static const llm_message m_text3[] = {{.role = LLM_ROLE_USER, .parts = text3, .part_count = 3}};
    static const llm_message m_url_default[] = {{.role = LLM_ROLE_USER, .parts = url_default, .part_count = 2}};
    static const llm_message m_url_auto[] = {{.role = LLM_ROLE_USER, .parts = url_auto, .part_count = 1}};
    static const llm_message m_url_low[] = {{.role = LLM_ROLE_USER, .parts = url_low, .part_count = 1}};
    static const llm_message m_url_high[] = {{.role = LLM_ROLE_USER, .parts = url_high, .part_count = 1}};
    static const llm_message m_b64_png[] = {{.role = LLM_ROLE_USER, .parts = b64_png, .part_count = 1}};
    static const llm_message m_b64_jpeg[] = {{.role = LLM_ROLE_USER, .parts = b64_jpeg, .part_count = 2}};
    static const llm_message m_b64_webp[] = {{.role = LLM_ROLE_USER, .parts = b64_webp, .part_count = 1}};
    static const llm_message m_mixed[] = {{.role = LLM_ROLE_USER, .parts = mixed, .part_count = 4}};
    static const llm_message m_sized[] = {{.role = LLM_ROLE_USER, .parts = sized, .part_count = 1, .name = "alice"}};
    static const llm_message m_role_text[] = {
        {.role = LLM_ROLE_SYSTEM, .parts = text3, .part_count = 3},
        {.role = LLM_ROLE_DEVELOPER, .parts = text1, .part_count = 1},
        {.role = LLM_ROLE_USER, .parts = url_default, .part_count = 2},
        {.role = LLM_ROLE_ASSISTANT, .parts = text1, .part_count = 1},
        {.role = LLM_ROLE_ASSISTANT, .parts = text3, .part_count = 3, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .parts = text3, .part_count = 3, .tool_call_id = "call_abc123"},
    };
    static const llm_message m_sys_image[] = {{.role = LLM_ROLE_SYSTEM, .parts = image, .part_count = 1}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message m_dev_image[] = {{.role = LLM_ROLE_DEVELOPER, .parts = image, .part_count = 1}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message m_asst_image[] = {{.role = LLM_ROLE_USER, .content = "Draw"}, {.role = LLM_ROLE_ASSISTANT, .parts = image, .part_count = 1}};
    static const llm_message m_tool_image[] = {
        {.role = LLM_ROLE_USER, .content = "Screenshot?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .parts = image, .part_count = 1, .tool_call_id = "call_abc123"},
    };
    emit("parts_single_text", (r = REQUEST(m_text1), &r));
    emit("parts_multi_text", (r = REQUEST(m_text3), &r));
    emit("image_url_default_detail", (r = REQUEST(m_url_default), &r));
    emit("image_url_detail_auto", (r = REQUEST(m_url_auto), &r));
    emit("image_url_detail_low", (r = REQUEST(m_url_low), &r));
    emit("image_url_detail_high", (r = REQUEST(m_url_high), &r));
    emit("image_base64_png_high", (r = REQUEST(m_b64_png), &r));
    emit("image_base64_jpeg_default", (r = REQUEST(m_b64_jpeg), &r));
    emit("image_base64_webp_low", (r = REQUEST(m_b64_webp), &r));
    emit("vision_mixed", (r = REQUEST(m_mixed), &r));
    emit("image_size_hint_and_name", (r = REQUEST(m_sized), &r));
    emit("text_parts_every_role", (r = REQUEST(m_role_text), &r));
    refuse("system_image_part", (r = REQUEST(m_sys_image), &r), "images and documents go in user messages only");
    refuse("developer_image_part", (r = REQUEST(m_dev_image), &r), "images and documents go in user messages only");
    refuse("assistant_image_part", (r = REQUEST(m_asst_image), &r), "images and documents go in user messages only");
    refuse("tool_image_part", (r = REQUEST(m_tool_image), &r), "images and documents go in user messages only");
}

static void tools(void) {
    llm_request r;
    static const llm_tool minimal = {"ping", NULL, NULL, false, LLM_CACHE_NONE};
    static const llm_tool described = {"get_time", "Current time in a timezone", NULL, false, LLM_CACHE_NONE};
    static const llm_tool empty_params = {"ping", "Checks the service", "{\"type\":\"object\",\"properties\":{}}", false, LLM_CACHE_NONE};
    llm_tool with_params = {"get_weather", NULL, NULL, false, LLM_CACHE_NONE};
    llm_tool strict = weather_tool;
    llm_tool several[4];
    llm_tool pretty = {"search", "Search the web", NULL, false, LLM_CACHE_NONE};
    llm_tool not_object = {"odd", NULL, "[]", false, LLM_CACHE_NONE};
    llm_tool dup_params = {"dup", NULL, "{\"type\":\"object\",\"properties\":{},\"type\":\"object\"}", false, LLM_CACHE_NONE};
    llm_tool bad_name = {"get.weather now", NULL, "{\"type\":\"object\"}", false, LLM_CACHE_NONE};
    with_params.parameters = weather_params;
    pretty.parameters = "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"q\": {\"type\": \"string\", \"minLength\": 1}\n  },\n  \"required\": [\"q\"]\n}\n";

    r = REQUEST(hello); r.tools = &minimal; r.tool_count = 1; emit("tool_minimal", &r);
    r = REQUEST(hello); r.tools = &described; r.tool_count = 1; emit("tool_description", &r);
    r = REQUEST(hello); r.tools = &empty_params; r.tool_count = 1; emit("tool_empty_parameters", &r);
    r = REQUEST(hello); r.tools = &with_params; r.tool_count = 1; emit("tool_parameters", &r);
    r = REQUEST(hello); r.tools = &strict; r.tool_count = 1; emit("tool_strict", &r);
    strict.strict = false;
    r = REQUEST(hello); r.tools = &strict; r.tool_count = 1; emit("tool_strict_false", &r);
    several[0] = empty_params; several[1] = with_params; several[2] = pretty; several[3] = weather_tool;
    several[3].name = "get_weather_strict";
    r = REQUEST(hello); r.tools = several; r.tool_count = 4; emit("tools_several", &r);
    r = REQUEST(hello); r.tools = &pretty; r.tool_count = 1; emit("tool_parameters_pretty_printed", &r);
    r = REQUEST(hello); r.tools = &not_object; r.tool_count = 1; refuse("tool_parameters_not_object", &r, "tools[0].parameters: not a JSON object");
    r = REQUEST(hello); r.tools = &dup_params; r.tool_count = 1; refuse("tool_parameters_duplicate_names", &r, "two members of the same name");
    r = REQUEST(hello); r.tools = &bad_name; r.tool_count = 1; emit("tool_name_invalid_characters", &r);

    r = REQUEST(hello); r.tools = several; r.tool_count = 4;
    r.tool_choice.mode = LLM_TOOL_CHOICE_NONE; emit("tool_choice_none", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_AUTO; emit("tool_choice_auto", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_REQUIRED; emit("tool_choice_required", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; r.tool_choice.name = "search"; emit("tool_choice_function", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_DEFAULT;
    r.parallel_tool_calls = LLM_TRUE; emit("parallel_tool_calls_true", &r);
    r.parallel_tool_calls = LLM_FALSE; emit("parallel_tool_calls_false", &r);

    r = REQUEST(hello);
    r.tools = &weather_tool; r.tool_count = 1;
    r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; r.tool_choice.name = "get_weather";
    r.parallel_tool_calls = LLM_FALSE;
    emit("tools_named_choice", &r);
}

static void sampling(void) {
    llm_request r;
    static const char *const stop1[] = {"\n"};
    static const char *const stop4[] = {"END", "###", "\n\nHuman:", "\xe2\x80\x94"};
    static const char *const stop5[] = {"a", "b", "c", "d", "e"};
    static const char *const stop_odd[] = {"", "\"quoted\"", "tab\there", "</s>"};
    static const char *const stop2[] = {"\n\n", "Observation:"};

    r = REQUEST(hello); r.has_temperature = true; r.temperature = 0; emit("temperature_zero", &r);
    r.temperature = 0.7; emit("temperature_fraction", &r);
    r.temperature = 2; emit("temperature_two", &r);
    r.temperature = 1e-7; emit("temperature_tiny", &r);
    r.temperature = 2.5; emit("temperature_out_of_range", &r);
    r = REQUEST(hello); r.has_top_p = true; r.top_p = 0; emit("top_p_zero", &r);
    r.top_p = 0.95; emit("top_p_fraction", &r);
    r.top_p = 1; emit("top_p_one", &r);
    r.top_p = 1.5; emit("top_p_out_of_range", &r);
    r = REQUEST(hello); r.has_temperature = true; r.temperature = 0.1; r.has_top_p = true; r.top_p = 0.1; emit("temperature_and_top_p", &r);
    r = REQUEST(hello); r.max_tokens = 256; emit("max_tokens", &r);
    r = REQUEST(hello); r.max_completion_tokens = 4096; emit("max_completion_tokens", &r);
    r = REQUEST(hello); r.max_tokens = 1; r.max_completion_tokens = 2147483647; emit("max_tokens_both", &r);
    r = REQUEST(hello); r.stop = stop1; r.stop_count = 1; emit("stop_one", &r);
    r.stop = stop4; r.stop_count = 4; emit("stop_four", &r);
    r.stop = stop_odd; r.stop_count = 4; emit("stop_odd_strings", &r);
    r.stop = stop5; r.stop_count = 5; emit("stop_five", &r);
    r = REQUEST(hello); r.has_seed = true; r.seed = 0; emit("seed_zero", &r);
    r.seed = -42; emit("seed_negative", &r);
    r.seed = INT64_MAX; emit("seed_int64_max", &r);
    r.seed = INT64_MIN; emit("seed_int64_min", &r);
    r.seed = 9007199254740993; emit("seed_above_2_53", &r);
    r = REQUEST(hello); r.n = 1; emit("n_one", &r);
    r.n = 3; emit_choices("n_three", &r);
    r.n = 128; emit_choices("n_max", &r);
    r.n = 129; emit_choices("n_out_of_range", &r);
    r = REQUEST(hello); r.has_presence_penalty = true; r.has_frequency_penalty = true;
    r.presence_penalty = 0; r.frequency_penalty = 0; emit("penalties_zero", &r);
    r.presence_penalty = -2; r.frequency_penalty = 2; emit("penalties_bounds", &r);
    r.presence_penalty = 0.5; r.frequency_penalty = -1.25; emit("penalties_fraction", &r);
    r.presence_penalty = -2.5; r.has_frequency_penalty = false; emit("presence_penalty_out_of_range", &r);
    r = REQUEST(hello); r.logprobs = true; emit("logprobs", &r);
    r.has_top_logprobs = true; r.top_logprobs = 0; emit("logprobs_top_zero", &r);
    r.top_logprobs = 20; emit("logprobs_top_twenty", &r);
    r.top_logprobs = 21; emit("top_logprobs_out_of_range", &r);

    r = REQUEST(hello);
    r.has_temperature = true; r.temperature = 0;
    r.has_top_p = true; r.top_p = 0.9;
    r.max_completion_tokens = 300;
    r.stop = stop2; r.stop_count = 2;
    r.has_seed = true; r.seed = INT64_MIN;
    r.n = 2;
    r.has_presence_penalty = true; r.presence_penalty = 0.25;
    r.has_frequency_penalty = true; r.frequency_penalty = -0.5;
    r.logprobs = true; r.has_top_logprobs = true; r.top_logprobs = 5;
    emit_choices("sampling_all", &r);
}

static void formats(void) {
    llm_request r;
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_TEXT; emit("format_text", &r);
    r.response_format.type = LLM_FORMAT_JSON_OBJECT; emit("format_json_object", &r);
    r.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    r.response_format.name = "answer";
    r.response_format.schema = answer_schema;
    r.response_format.strict = true;
    emit("format_json_schema_strict", &r);
    r.response_format.strict = false;
    r.response_format.name = "Answer_v2-final";
    r.response_format.description = "An answer with a confidence between 0 and 1";
    emit("format_json_schema_loose_described", &r);
    r.response_format.schema = "{ \"type\" : \"object\" }";
    emit("format_json_schema_minimal_schema", &r);
    r.response_format.schema = "true";
    refuse("response_schema_not_object", &r, "response_format.schema: not a JSON object");
}

static void options(void) {
    llm_request r;
    static const char *const efforts[] = {"minimal", "low", "medium", "high"};
    static const char *const tiers[] = {"auto", "default", "flex", "priority"};
    static const llm_pair meta[] = {{"app", "llm.h"}, {"run", "42"}, {"note", "caf\xc3\xa9 \"quoted\""}};
    static const llm_pair meta_null[] = {{"empty", NULL}};
    static const llm_pair meta_dup[] = {{"k", "1"}, {"k", "2"}};
    static const llm_pair meta17[] = {{"k01", "v"}, {"k02", "v"}, {"k03", "v"}, {"k04", "v"}, {"k05", "v"}, {"k06", "v"},
        {"k07", "v"}, {"k08", "v"}, {"k09", "v"}, {"k10", "v"}, {"k11", "v"}, {"k12", "v"}, {"k13", "v"}, {"k14", "v"},
        {"k15", "v"}, {"k16", "v"}, {"k17", "v"}};
    const llm_pair *meta16 = meta17 + 1;
    static const llm_pair headers[] = {{"X-Custom", "1"}, {"OpenAI-Project", "proj_123"}};
    char name[64];
    size_t i;
    for (i = 0; i < COUNT(efforts); i++) {
        r = REQUEST(hello); r.model = "o3"; r.reasoning_effort = efforts[i];
        sprintf(name, "reasoning_effort_%s", efforts[i]);
        emit(name, &r);
    }
    for (i = 0; i < COUNT(tiers); i++) {
        r = REQUEST(hello); r.service_tier = tiers[i];
        sprintf(name, "service_tier_%s", tiers[i]);
        emit(name, &r);
    }
    r = REQUEST(hello); r.user = "user-1234"; emit("user", &r);
    r = REQUEST(hello); r.metadata = meta; r.metadata_count = COUNT(meta); emit("metadata", &r);
    r = REQUEST(hello); r.metadata = meta_null; r.metadata_count = 1; refuse("metadata_null_value", &r, "metadata[0]");
    r = REQUEST(hello); r.metadata = meta_dup; r.metadata_count = 2; refuse("metadata_duplicate_names", &r, "given twice");
    r = REQUEST(hello); r.metadata = meta16; r.metadata_count = 16; emit("metadata_sixteen_pairs", &r);
    r = REQUEST(hello); r.metadata = meta17; r.metadata_count = 17; emit("metadata_seventeen_pairs", &r);
    r = REQUEST(hello); r.headers = headers; r.header_count = 2; r.request_id = "req-fixed-1"; r.timeout_ms = 1000;
    emit("headers_request_id_timeout", &r);

    r = REQUEST(hello); r.extra_body = "{\"x_custom\":{\"a\":[1,2.5,null,true,\"s\"]},\"prompt_cache_key\":\"k1\"}";
    emit_unknown("extra_body_unknown_member", &r, "x_custom", (const char *)NULL);
    r = REQUEST(hello);
    r.extra_body = "{\"store\":true,\"safety_identifier\":\"hash-1\",\"verbosity\":\"low\",\"logit_bias\":{\"50256\":-100},"
                   "\"stream_options\":null,\"modalities\":[\"text\"],\"prediction\":{\"type\":\"content\",\"content\":\"x\"}}";
    emit("extra_body_spec_members", &r);
    r = REQUEST(hello); r.extra_body = "{}"; emit("extra_body_empty", &r);
    r = REQUEST(hello); r.extra_body = " \n{ \"store\" : false }\t"; emit("extra_body_whitespace", &r);
    r = REQUEST(hello); r.extra_body = "{\"model\":\"gpt-4o-mini\"}"; emit("extra_body_override_model", &r);
    r = REQUEST(hello); r.extra_body = "{\"x_a\":1,\"x_a\":2}"; refuse("extra_body_duplicate_names", &r, "two members of the same name");
    r = REQUEST(hello);
    r.extra_body = "{\"x_int\":9007199254740993,\"x_neg\":-9223372036854775808,\"x_frac\":0.1,\"x_exp\":1e-300,\"x_zero\":-0.0,\"x_str\":\"\\u00e9\\n\\ud83d\\ude00\"}";
    emit_unknown("extra_body_numbers", &r, "x_int", "x_neg", "x_frac", "x_exp", "x_zero", "x_str", (const char *)NULL);
    r = REQUEST(hello); r.extra_body = "{\"x_u64\":18446744073709551615}";
    emit_unknown("extra_body_big_integer", &r, "x_u64", (const char *)NULL);

    r = REQUEST(hello);
    r.tools = &weather_tool; r.tool_count = 1;
    r.tool_choice.mode = LLM_TOOL_CHOICE_AUTO;
    r.has_temperature = true; r.temperature = 0.5;
    r.max_tokens = 100;
    r.extra_body = "{\"temperature\":1.2,\"tool_choice\":\"none\",\"max_tokens\":null}";
    emit("extra_body_override", &r);
}

static void combinations(void) {
    llm_request r;
    static const llm_message reasoning_msgs[] = {
        {.role = LLM_ROLE_DEVELOPER, .content = "Reply with JSON."},
        {.role = LLM_ROLE_USER, .content = "Is 97 prime?"},
    };
    static const llm_pair meta[] = {{"ticket", "T-1"}};
    static const llm_content_part look[] = {{.type = LLM_PART_TEXT, .text = "Where is this?"},
        {.type = LLM_PART_IMAGE_URL, .url = "https://example.com/place.jpg", .detail = LLM_DETAIL_HIGH}};
    static const llm_message sink_msgs[] = {
        {.role = LLM_ROLE_SYSTEM, .content = "You are a travel agent."},
        {.role = LLM_ROLE_USER, .parts = look, .part_count = 2, .name = "carol"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Looks like Paris. Checking the weather.", .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "{\"temperature\":18}", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_USER, .content = "Great, plan my day."},
    };
    static const char *const stop[] = {"<END>"};
    static const llm_pair sink_meta[] = {{"a", "1"}, {"b", "2"}};
    llm_tool tools2[2];
    memset(tools2, 0, sizeof tools2);

    r = REQUEST(reasoning_msgs);
    r.model = "o3";
    r.max_completion_tokens = 2000;
    r.reasoning_effort = "high";
    r.service_tier = "flex";
    r.user = "user-42";
    r.metadata = meta; r.metadata_count = 1;
    r.has_seed = true; r.seed = 1234;
    r.response_format.type = LLM_FORMAT_JSON_OBJECT;
    emit("reasoning_request", &r);

    tools2[0] = weather_tool;
    tools2[1].name = "get_time"; tools2[1].description = NULL; tools2[1].parameters = "{\"type\":\"object\",\"properties\":{\"timezone\":{\"type\":\"string\"}}}"; tools2[1].strict = false;
    r = REQUEST(sink_msgs);
    r.model = "gpt-4.1";
    r.tools = tools2; r.tool_count = 2;
    r.tool_choice.mode = LLM_TOOL_CHOICE_REQUIRED;
    r.parallel_tool_calls = LLM_TRUE;
    r.has_temperature = true; r.temperature = 0.3;
    r.has_top_p = true; r.top_p = 0.8;
    r.max_completion_tokens = 1024;
    r.stop = stop; r.stop_count = 1;
    r.has_seed = true; r.seed = 99;
    r.n = 1;
    r.has_presence_penalty = true; r.presence_penalty = 0.1;
    r.has_frequency_penalty = true; r.frequency_penalty = 0.2;
    r.logprobs = true; r.has_top_logprobs = true; r.top_logprobs = 3;
    r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "plan"; r.response_format.schema = answer_schema;
    r.response_format.description = "A day plan"; r.response_format.strict = true;
    r.service_tier = "default";
    r.user = "carol@example.com";
    r.metadata = sink_meta; r.metadata_count = 2;
    r.extra_body = "{\"store\":false,\"x_trace\":\"abc\"}";
    emit_unknown("kitchen_sink", &r, "x_trace", (const char *)NULL);

    r = REQUEST(sink_msgs);
    r.tools = tools2; r.tool_count = 2;
    r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; r.tool_choice.name = "get_time";
    r.parallel_tool_calls = LLM_FALSE;
    r.response_format.type = LLM_FORMAT_TEXT;
    r.max_tokens = 50;
    emit("vision_tools_text_format", &r);
}

/* OpenRouter's own members, through extra_body (validated against its
   schema under --provider openrouter): provider routing preferences, model
   fallbacks, the reasoning object, a slash model id. */
static void openrouter_members(void) {
    llm_request r;
    r = REQUEST(hello); r.model = "meta-llama/llama-3.3-70b-instruct"; emit("openrouter_slash_model", &r);
    r = REQUEST(hello); r.model = "anthropic/claude-sonnet-4.5";
    r.extra_body = "{\"provider\":{\"order\":[\"anthropic\",\"amazon-bedrock\"],\"allow_fallbacks\":false,"
                   "\"require_parameters\":true,\"data_collection\":\"deny\",\"max_price\":{\"prompt\":\"1\",\"completion\":\"2\"}}}";
    emit("openrouter_provider_routing", &r);
    r = REQUEST(hello); r.model = "openai/gpt-4o";
    r.extra_body = "{\"models\":[\"openai/gpt-4o\",\"anthropic/claude-sonnet-4.5\",\"mistralai/mistral-large\"],\"provider\":{\"sort\":\"price\"}}";
    emit("openrouter_models_fallback", &r);
    r = REQUEST(hello); r.model = "deepseek/deepseek-r1";
    r.extra_body = "{\"reasoning\":{\"effort\":\"high\"}}";
    emit("openrouter_reasoning", &r);
}

/* ---- requests that must be refused ---- */

static void refusals_list(void) {
    llm_request r;
    static const llm_message tool_no_id[] = {{.role = LLM_ROLE_TOOL, .content = "18 C"}};
    static const llm_message bad_utf8[] = {{.role = LLM_ROLE_USER, .content = "caf\xc3"}};
    static const llm_message overlong[] = {{.role = LLM_ROLE_USER, .content = "\xc0\xaf"}};
    static const llm_message surrogate[] = {{.role = LLM_ROLE_USER, .content = "\xed\xa0\x80"}};
    static const llm_message bad_name[] = {{.role = LLM_ROLE_USER, .content = "hi", .name = "\xff"}};
    static const llm_content_part bad_part_text[] = {{.type = LLM_PART_TEXT, .text = "\x80"}};
    static const llm_message m_bad_part_text[] = {{.role = LLM_ROLE_USER, .parts = bad_part_text, .part_count = 1}};
    static const llm_content_part bad_url[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://e.com/\xfe.png"}};
    static const llm_message m_bad_url[] = {{.role = LLM_ROLE_USER, .parts = bad_url, .part_count = 1}};
    static const llm_tool_call bad_args_call = {"call_1", "f", "{\"a\":\"\xc3\x28\"}", false};
    static const llm_message m_bad_args[] = {{.role = LLM_ROLE_ASSISTANT, .tool_calls = &bad_args_call, .tool_call_count = 1}};
    static const llm_message bad_tool_id[] = {{.role = LLM_ROLE_TOOL, .content = "x", .tool_call_id = "call_\xe2\x82"}};
    static const llm_message no_content[] = {{.role = LLM_ROLE_USER}};
    static const llm_message asst_nothing[] = {{.role = LLM_ROLE_ASSISTANT}};
    static const llm_message bad_role[] = {{.role = (llm_role)99, .content = "hi"}};
    static const llm_message parts_null[] = {{.role = LLM_ROLE_USER, .part_count = 2}};
    static const llm_content_part no_text[] = {{.type = LLM_PART_TEXT}};
    static const llm_message m_no_text[] = {{.role = LLM_ROLE_USER, .parts = no_text, .part_count = 1}};
    static const llm_content_part no_url[] = {{.type = LLM_PART_IMAGE_URL}};
    static const llm_message m_no_url[] = {{.role = LLM_ROLE_USER, .parts = no_url, .part_count = 1}};
    static const llm_content_part no_media[] = {{.type = LLM_PART_IMAGE_BASE64, .base64 = "AAAA"}};
    static const llm_message m_no_media[] = {{.role = LLM_ROLE_USER, .parts = no_media, .part_count = 1}};
    static const llm_content_part no_b64[] = {{.type = LLM_PART_IMAGE_BASE64, .media_type = "image/png"}};
    static const llm_message m_no_b64[] = {{.role = LLM_ROLE_USER, .parts = no_b64, .part_count = 1}};
    static const llm_tool_call no_id_call = {NULL, "f", "{}", false};
    static const llm_message m_no_id_call[] = {{.role = LLM_ROLE_ASSISTANT, .tool_calls = &no_id_call, .tool_call_count = 1}};
    static const llm_tool_call no_name_call = {"call_1", NULL, "{}", false};
    static const llm_message m_no_name_call[] = {{.role = LLM_ROLE_ASSISTANT, .tool_calls = &no_name_call, .tool_call_count = 1}};
    static const llm_message calls_null[] = {{.role = LLM_ROLE_ASSISTANT, .content = "x", .tool_call_count = 1}};
    static const llm_tool no_name_tool = {NULL, "d", NULL, false, LLM_CACHE_NONE};
    static const llm_tool bad_params = {"f", NULL, "{\"type\":\"object\",}", false, LLM_CACHE_NONE};
    static const llm_tool bad_desc = {"f", "\xc3\xa9\xc3", NULL, false, LLM_CACHE_NONE};
    static const llm_tool bad_tool_name = {"f\xff", NULL, NULL, false, LLM_CACHE_NONE};
    static const char *const bad_stop[] = {"ok", "\xe0\x80\x80"};
    static const llm_pair bad_meta_value[] = {{"k", "\xf8\x88\x80\x80\x80"}};
    static const llm_pair null_meta_name[] = {{NULL, "v"}};
    static const llm_pair crlf_value[] = {{"X-Note", "a\r\nInjected: 1"}};
    static const llm_pair lf_name[] = {{"X-Bad\n", "v"}};
    static const llm_pair null_value[] = {{"X-Empty", NULL}};
    static const llm_pair empty_name[] = {{"", "v"}};
    static const llm_pair client_crlf[] = {{"OpenAI-Organization", "org\r1"}};
    llm_client_desc d;

    r = REQUEST(hello); r.model = NULL; refuse("no_model", &r, "model");
    r = REQUEST(hello); r.model = ""; refuse("empty_model", &r, "model");
    r = REQUEST(hello); r.message_count = 0; refuse("no_messages", &r, "messages");
    r = REQUEST(hello); r.messages = NULL; refuse("messages_null_with_count", &r, "messages");
    refuse("tool_message_without_tool_call_id", (r = REQUEST(tool_no_id), &r), "tool_call_id");
    refuse("invalid_utf8_content_truncated", (r = REQUEST(bad_utf8), &r), "messages[0]: content, name or tool_call_id is not valid UTF-8");
    refuse("invalid_utf8_content_overlong", (r = REQUEST(overlong), &r), "messages[0]: content, name or tool_call_id is not valid UTF-8");
    refuse("invalid_utf8_content_surrogate", (r = REQUEST(surrogate), &r), "messages[0]: content, name or tool_call_id is not valid UTF-8");
    refuse("invalid_utf8_name", (r = REQUEST(bad_name), &r), "messages[0]: content, name or tool_call_id is not valid UTF-8");
    refuse("invalid_utf8_part_text", (r = REQUEST(m_bad_part_text), &r), "messages[0].parts[0]: text, url or filename is not valid UTF-8");
    refuse("invalid_utf8_image_url", (r = REQUEST(m_bad_url), &r), "messages[0].parts[0]: text, url or filename is not valid UTF-8");
    refuse("invalid_utf8_tool_call_arguments", (r = REQUEST(m_bad_args), &r), "messages[0]: a tool call");
    refuse("invalid_utf8_tool_call_id", (r = REQUEST(bad_tool_id), &r), "messages[0]: content, name or tool_call_id is not valid UTF-8");
    r = REQUEST(hello); r.model = "gpt-4o\xc3"; refuse("invalid_utf8_model", &r, "model");
    r = REQUEST(hello); r.tools = &bad_desc; r.tool_count = 1; refuse("invalid_utf8_tool_description", &r, "tools[0]: name or description is not valid UTF-8");
    r = REQUEST(hello); r.tools = &bad_tool_name; r.tool_count = 1; refuse("invalid_utf8_tool_name", &r, "tools[0]: name or description is not valid UTF-8");
    r = REQUEST(hello); r.stop = bad_stop; r.stop_count = 2; refuse("invalid_utf8_stop", &r, "UTF-8");
    r = REQUEST(hello); r.metadata = bad_meta_value; r.metadata_count = 1; refuse("invalid_utf8_metadata_value", &r, "UTF-8");
    r = REQUEST(hello); r.user = "\xc1\xbf"; refuse("invalid_utf8_user", &r, "UTF-8");
    r = REQUEST(hello); r.reasoning_effort = "hi\xed\xbf\xbf"; refuse("invalid_utf8_reasoning_effort", &r, "UTF-8");
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "n\x80"; r.response_format.schema = "{}";
    refuse("invalid_utf8_json_schema_name", &r, "response_format: name or description is not valid UTF-8");
    refuse("message_without_content", (r = REQUEST(no_content), &r), "messages[0]: no content");
    refuse("assistant_without_content_or_calls", (r = REQUEST(asst_nothing), &r), "messages[0]: no content");
    refuse("unknown_role", (r = REQUEST(bad_role), &r), "role");
    refuse("part_count_without_parts", (r = REQUEST(parts_null), &r), "part_count");
    refuse("text_part_without_text", (r = REQUEST(m_no_text), &r), "parts[0]");
    refuse("image_part_without_url", (r = REQUEST(m_no_url), &r), "parts[0]");
    refuse("base64_part_without_media_type", (r = REQUEST(m_no_media), &r), "media_type");
    refuse("base64_part_without_data", (r = REQUEST(m_no_b64), &r), "base64");
    refuse("tool_call_without_id", (r = REQUEST(m_no_id_call), &r), "tool_calls[0]");
    refuse("tool_call_without_name", (r = REQUEST(m_no_name_call), &r), "tool_calls[0]");
    refuse("tool_call_count_without_tool_calls", (r = REQUEST(calls_null), &r), "tool_call_count without tool_calls");
    r = REQUEST(hello); r.tools = &no_name_tool; r.tool_count = 1; refuse("tool_without_name", &r, "tools[0]: name");
    r = REQUEST(hello); r.tools = &bad_params; r.tool_count = 1; refuse("tool_parameters_invalid_json", &r, "tools[0].parameters: not valid JSON");
    r = REQUEST(hello); r.tool_count = 1; refuse("tool_count_without_tools", &r, "count");
    r = REQUEST(hello); r.stop_count = 1; refuse("stop_count_without_stop", &r, "count");
    r = REQUEST(hello); r.metadata_count = 1; refuse("metadata_count_without_metadata", &r, "count");
    r = REQUEST(hello); r.metadata = null_meta_name; r.metadata_count = 1; refuse("metadata_null_name", &r, "metadata[0]");
    r = REQUEST(hello); r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; refuse("tool_choice_function_without_name", &r, "tool_choice");
    r = REQUEST(hello); r.tool_choice.mode = (llm_tool_choice_mode)99; refuse("tool_choice_unknown_mode", &r, "tool_choice");
    r = REQUEST(hello); r.response_format.type = (llm_format_type)99; refuse("response_format_unknown_type", &r, "response_format");
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.schema = "{}"; refuse("json_schema_without_name", &r, "name");
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "n"; refuse("json_schema_without_schema", &r, "schema");
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "n"; r.response_format.schema = "{\"type\":";
    refuse("json_schema_invalid_json", &r, "response_format.schema: not valid JSON");
    r = REQUEST(hello); r.has_temperature = true; r.temperature = NAN; refuse("temperature_nan", &r, "finite");
    r = REQUEST(hello); r.has_top_p = true; r.top_p = INFINITY; refuse("top_p_infinity", &r, "finite");
    r = REQUEST(hello); r.has_frequency_penalty = true; r.frequency_penalty = -INFINITY; refuse("frequency_penalty_minus_infinity", &r, "finite");
    r = REQUEST(hello); r.extra_body = "[]"; refuse("extra_body_array", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "42"; refuse("extra_body_number", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "\"store\""; refuse("extra_body_string", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "null"; refuse("extra_body_null", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "{\"store\":true"; refuse("extra_body_unterminated", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "{} {}"; refuse("extra_body_two_values", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = "{\"a\":\"\xc3\"}"; refuse("extra_body_invalid_utf8", &r, "extra_body");
    r = REQUEST(hello); r.extra_body = ""; refuse("extra_body_empty_text", &r, "extra_body");
    r = REQUEST(hello); r.headers = crlf_value; r.header_count = 1; refuse("header_value_crlf", &r, "headers[0].value");
    r = REQUEST(hello); r.headers = lf_name; r.header_count = 1; refuse("header_name_lf", &r, "headers[0].name");
    r = REQUEST(hello); r.headers = null_value; r.header_count = 1; refuse("header_value_null", &r, "headers[0].value");
    r = REQUEST(hello); r.headers = empty_name; r.header_count = 1; refuse("header_name_empty", &r, "headers[0].name");
    r = REQUEST(hello); r.header_count = 1; refuse("header_count_without_headers", &r, "a count without headers");
    r = REQUEST(hello); r.request_id = "req\r\n1"; refuse("request_id_crlf", &r, "request_id");

    memset(&d, 0, sizeof d);
    d.provider = "openai"; d.api_key = "sk-test\nX-Evil: 1"; refuse_client("client_api_key_lf", &d);
    memset(&d, 0, sizeof d);
    d.provider = "openai"; d.api_key = "sk-test"; d.headers = client_crlf; d.header_count = 1; refuse_client("client_header_cr", &d);
    memset(&d, 0, sizeof d);
    d.provider = "openai"; d.api_key = "sk-test"; d.base_url = "https://api.openai.com/v1\r\n"; refuse_client("client_base_url_crlf", &d);
}

/* Documents as OpenAI's file parts (their bytes as a data URL); by URL the
   chat format cannot take them. */
static void openai_documents(void) {
    static const llm_content_part pdf[] = {{.type = LLM_PART_DOCUMENT, .base64 = "JVBERi0xLjQK", .media_type = "application/pdf", .filename = "report.pdf"},
                                           {.type = LLM_PART_TEXT, .text = "Summarise the report."}};
    static const llm_content_part pdf_url[] = {{.type = LLM_PART_DOCUMENT, .url = "https://example.com/report.pdf"}};
    llm_message m = {.role = LLM_ROLE_USER};
    llm_request r;
    m.parts = pdf; m.part_count = 2; r = request(&m, 1); emit("document_pdf_file", &r);
    m.parts = pdf_url; m.part_count = 1; r = request(&m, 1); refuse("document_by_url", &r, "parts[0]");
}

/* One conversation for every provider (system, a user turn with an image,
   a tool call, its result, a follow-up), compared with bodies written by
   hand from each provider's documentation (same_conversation.json in
   expected, expected_openrouter and expected_anthropic). */
static void same_conversation(void) {
    static const llm_content_part photo[] = {{.type = LLM_PART_TEXT, .text = "What is the weather where this photo was taken?"},
                                             {.type = LLM_PART_IMAGE_URL, .url = "https://example.com/eiffel-tower.jpg"}};
    static const llm_tool_call call = {"call_abc123", "get_weather", "{\"location\":\"Paris\"}", false};
    static const llm_message conv[] = {
        {.role = LLM_ROLE_SYSTEM, .content = "You are a helpful assistant."},
        {.role = LLM_ROLE_USER, .parts = photo, .part_count = 2},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "18 C, sunny", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_USER, .content = "Should I take an umbrella?"},
    };
    static const llm_tool weather = {"get_weather", "Get the current weather in a city",
                                     "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}", false,
                                     LLM_CACHE_NONE};
    llm_request r = REQUEST(conv);
    r.model = strcmp(under_test->provider, "anthropic") == 0 ? "claude-sonnet-4-5" : strcmp(under_test->provider, "openrouter") == 0 ? "anthropic/claude-sonnet-4.5" : "gpt-4o";
    r.tools = &weather;
    r.tool_count = 1;
    r.max_tokens = 1024;
    emit("same_conversation", &r);
}

/* ---- Anthropic (--provider anthropic): its own matrix, the request
   schema of anthropic-openapi.json (validate.mjs --spec anthropic) ---- */

static llm_request claude(const llm_message *messages, size_t count) {
    llm_request r = request(messages, count);
    r.model = "claude-sonnet-4-5";
    return r;
}
#define CLAUDE(msgs) claude((msgs), COUNT(msgs))

/* Encodes with a client that drops what Anthropic cannot take. */
static void emit_dropping(const char *name, const llm_request *req) {
    llm_client keep = client;
    client.desc.drop_unsupported = true;
    emit(name, req);
    client = keep;
}

static void anthropic_messages(void) {
    llm_request r;
    static const llm_message sys[] = {{.role = LLM_ROLE_SYSTEM, .content = "You are terse."}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message sys_dev[] = {{.role = LLM_ROLE_SYSTEM, .content = "Be concise."}, {.role = LLM_ROLE_DEVELOPER, .content = "Answer in French."},
                                          {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message sys_cached[] = {{.role = LLM_ROLE_SYSTEM, .content = "A long shared preamble.", .cache = LLM_CACHE_1H},
                                             {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message chat[] = {{.role = LLM_ROLE_USER, .content = "Hi"}, {.role = LLM_ROLE_ASSISTANT, .content = "Hello! How can I help?"},
                                       {.role = LLM_ROLE_USER, .content = "Tell me a joke."}};
    static const llm_message merged[] = {{.role = LLM_ROLE_USER, .content = "First."}, {.role = LLM_ROLE_USER, .content = "Second."},
                                         {.role = LLM_ROLE_ASSISTANT, .content = "One."}, {.role = LLM_ROLE_ASSISTANT, .content = "Two."},
                                         {.role = LLM_ROLE_USER, .content = "Go on."}};
    static const llm_message prefill[] = {{.role = LLM_ROLE_USER, .content = "Answer in JSON."}, {.role = LLM_ROLE_ASSISTANT, .content = "{"}};
    static const llm_message cached[] = {{.role = LLM_ROLE_USER, .content = "A long document...", .cache = LLM_CACHE_5M},
                                         {.role = LLM_ROLE_ASSISTANT, .content = "Read."}, {.role = LLM_ROLE_USER, .content = "Summarise it."}};
    emit("anthropic_minimal", (r = CLAUDE(hello), &r));
    emit("anthropic_system", (r = CLAUDE(sys), &r));
    emit("anthropic_system_and_developer", (r = CLAUDE(sys_dev), &r));
    emit("anthropic_system_cached", (r = CLAUDE(sys_cached), &r));
    emit("anthropic_multi_turn", (r = CLAUDE(chat), &r));
    emit("anthropic_turns_merged", (r = CLAUDE(merged), &r));
    emit("anthropic_prefill", (r = CLAUDE(prefill), &r));
    emit("anthropic_message_cached", (r = CLAUDE(cached), &r));
    r = CLAUDE(hello); r.model = "claude-3-5-haiku-20241022"; emit("anthropic_model_dated", &r);
    r = CLAUDE(hello); r.stream.no_usage = true; emit("anthropic_stream_options_ignored", &r);
}

static void anthropic_parts(void) {
    llm_request r;
    static const llm_content_part url_img[] = {{.type = LLM_PART_TEXT, .text = "What is this?"},
                                               {.type = LLM_PART_IMAGE_URL, .url = "https://example.com/cat.png", .detail = LLM_DETAIL_HIGH}};
    static const llm_content_part data_img[] = {{.type = LLM_PART_IMAGE_URL, .url = "data:image/png;base64,iVBORw0KGgo="}};
    static const llm_content_part b64_img[] = {{.type = LLM_PART_IMAGE_BASE64, .base64 = png_b64, .media_type = "image/png"},
                                               {.type = LLM_PART_TEXT, .text = "Describe it.", .cache = LLM_CACHE_5M}};
    static const llm_content_part pdf[] = {{.type = LLM_PART_DOCUMENT, .base64 = "JVBERi0xLjQK", .media_type = "application/pdf", .filename = "report.pdf"},
                                           {.type = LLM_PART_TEXT, .text = "Summarise the report."}};
    static const llm_content_part pdf_url[] = {{.type = LLM_PART_DOCUMENT, .url = "https://example.com/report.pdf", .cache = LLM_CACHE_1H},
                                               {.type = LLM_PART_TEXT, .text = "Summarise it."}};
    llm_message m = {.role = LLM_ROLE_USER};
    m.parts = url_img; m.part_count = COUNT(url_img); r = claude(&m, 1); emit("anthropic_image_url", &r);
    m.parts = data_img; m.part_count = COUNT(data_img); r = claude(&m, 1); emit("anthropic_image_data_url", &r);
    m.parts = b64_img; m.part_count = COUNT(b64_img); r = claude(&m, 1); emit("anthropic_image_base64_cached_text", &r);
    m.parts = pdf; m.part_count = COUNT(pdf); r = claude(&m, 1); emit("anthropic_document_pdf", &r);
    m.parts = pdf_url; m.part_count = COUNT(pdf_url); m.cache = LLM_CACHE_5M; r = claude(&m, 1); emit("anthropic_document_url", &r);
}

static void anthropic_tools(void) {
    llm_request r;
    static const llm_tool tools2[] = {{"get_weather", "Get the current weather in a city", WEATHER_PARAMS, true, LLM_CACHE_NONE},
                                      {"get_time", NULL, NULL, false, LLM_CACHE_1H}};
    static const llm_message round_trip[] = {
        {.role = LLM_ROLE_USER, .content = "What is the weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Let me check.", .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "{\"temperature\":18,\"unit\":\"celsius\"}", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_USER, .content = "And tomorrow?"},
    };
    static const llm_tool_call two_calls[] = {{"call_abc123", "get_weather", "{\"location\":\"Paris\",\"unit\":\"celsius\"}", false},
                                              {"call_def456", "get_time", "", false}};
    static const llm_message parallel[] = {
        {.role = LLM_ROLE_USER, .content = "Weather and time in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = two_calls, .tool_call_count = 2},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_TOOL, .content = "14:05", .tool_call_id = "call_def456", .cache = LLM_CACHE_5M},
    };
    static const llm_reasoning_block thought[] = {{LLM_REASONING_THINKING, "The user wants the weather; I should call the tool.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3h", NULL, NULL, NULL, NULL},
                                                  {LLM_REASONING_REDACTED, NULL, NULL, "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP", NULL, NULL, NULL}};
    static const llm_message thinking[] = {
        {.role = LLM_ROLE_USER, .content = "What is the weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1, .reasoning = thought, .reasoning_count = 2,
         .reasoning_format = "anthropic-messages"},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
    };
    static const llm_message foreign[] = {
        {.role = LLM_ROLE_USER, .content = "What is the weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1, .reasoning = thought, .reasoning_count = 2,
         .reasoning_format = "another-format"},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
    };
    r = CLAUDE(hello); r.tools = tools2; r.tool_count = 2; emit("anthropic_tools", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_AUTO; emit("anthropic_tool_choice_auto", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_NONE; emit("anthropic_tool_choice_none", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_REQUIRED; emit("anthropic_tool_choice_required", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; r.tool_choice.name = "get_time"; emit("anthropic_tool_choice_function", &r);
    r.parallel_tool_calls = LLM_FALSE; emit("anthropic_tool_choice_function_serial", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_DEFAULT; emit("anthropic_parallel_false", &r);
    r = CLAUDE(round_trip); r.tools = tools2; r.tool_count = 2; emit("anthropic_tool_round_trip", &r);
    r = CLAUDE(parallel); r.tools = tools2; r.tool_count = 2; emit("anthropic_tool_results_in_one_turn", &r);
    r = CLAUDE(thinking); r.tools = tools2; r.tool_count = 1; r.reasoning_effort = "low"; emit("anthropic_thinking_sent_back", &r);
    r = CLAUDE(foreign); r.tools = tools2; r.tool_count = 1; emit("anthropic_foreign_reasoning_left_out", &r);
}

static void anthropic_sampling(void) {
    llm_request r;
    static const char *const stops[] = {"END", "\n\nHuman:"};
    r = CLAUDE(hello);
    r.stop = stops; r.stop_count = 2;
    r.has_temperature = true; r.temperature = 0.7;
    r.has_top_p = true; r.top_p = 0.9;
    r.has_top_k = true; r.top_k = 40;
    r.user = "user-1234";
    r.max_tokens = 256;
    r.service_tier = "auto";
    emit("anthropic_sampling_all", &r);
    r = CLAUDE(hello); r.max_completion_tokens = 300; emit("anthropic_max_completion_tokens", &r);
    r = CLAUDE(hello); r.extra_body = "{\"service_tier\":\"standard_only\",\"top_k\":5}"; emit("anthropic_extra_body", &r);
    r = CLAUDE(hello); r.has_seed = true; r.seed = 7; r.n = 1; r.logprobs = true; r.has_presence_penalty = true; r.presence_penalty = 0.5;
    r.metadata = NULL; emit_dropping("anthropic_dropped", &r);
}

static void anthropic_reasoning(void) {
    llm_request r;
    static const char *const efforts[] = {"minimal", "low", "medium", "high", "xhigh", "max"};
    char name[64];
    size_t i;
    for (i = 0; i < COUNT(efforts); i++) {
        r = CLAUDE(hello); r.reasoning_effort = efforts[i];
        snprintf(name, sizeof name, "anthropic_thinking_budget_%s", efforts[i]); emit(name, &r);
        r.model = "claude-opus-4-6";
        snprintf(name, sizeof name, "anthropic_thinking_adaptive_%s", efforts[i]); emit(name, &r);
    }
    r = CLAUDE(hello); r.reasoning_effort = "high"; r.max_tokens = 1000; emit("anthropic_thinking_raises_max_tokens", &r);
    r = CLAUDE(hello); r.reasoning_effort = "none"; emit("anthropic_thinking_none", &r);
    r = CLAUDE(hello); r.reasoning_effort = "low"; r.has_temperature = true; r.temperature = 1; emit("anthropic_thinking_temperature_one", &r);
    r.temperature = 0.2; r.has_top_k = true; r.top_k = 5; emit_dropping("anthropic_thinking_drops_temperature", &r);
    r = CLAUDE(hello); r.model = "claude-3-5-haiku-20241022"; r.reasoning_effort = "low"; emit_dropping("anthropic_no_thinking_model_drops_effort", &r);
}

static void anthropic_formats(void) {
    llm_request r;
    r = CLAUDE(hello); r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "answer"; r.response_format.schema = answer_schema;
    emit("anthropic_format_native", &r);
    r.model = "claude-opus-4-6"; r.reasoning_effort = "medium"; emit("anthropic_format_native_with_effort", &r);
    r.model = "claude-3-5-haiku-20241022"; r.reasoning_effort = NULL; r.response_format.description = "The answer and how sure";
    emit("anthropic_format_forced_tool", &r);
    r = CLAUDE(hello); r.model = "claude-sonnet-4-20250514"; r.response_format.type = LLM_FORMAT_JSON_OBJECT; emit("anthropic_format_json_object", &r);
    r = CLAUDE(hello); r.response_format.type = LLM_FORMAT_TEXT; emit("anthropic_format_text", &r);
}

static void anthropic_refusals(void) {
    llm_request r;
    static const llm_message first_assistant[] = {{.role = LLM_ROLE_ASSISTANT, .content = "Hello"}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message only_system[] = {{.role = LLM_ROLE_SYSTEM, .content = "Rules."}};
    static const llm_tool_call bad_args = {"call_1", "get_weather", "[1,2]", false};
    static const llm_message calls[] = {{.role = LLM_ROLE_USER, .content = "Hi"}, {.role = LLM_ROLE_ASSISTANT, .tool_calls = &bad_args, .tool_call_count = 1},
                                        {.role = LLM_ROLE_TOOL, .content = "x", .tool_call_id = "call_1"}};
    static const llm_message empty_assistant[] = {{.role = LLM_ROLE_USER, .content = "Hi"}, {.role = LLM_ROLE_ASSISTANT, .content = ""},
                                                  {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_content_part not_b64[] = {{.type = LLM_PART_IMAGE_URL, .url = "data:image/png,rawbytes"}};
    static const llm_content_part txt_doc[] = {{.type = LLM_PART_DOCUMENT, .base64 = "aGVsbG8=", .media_type = "text/plain"}};
    static const llm_pair meta[] = {{"app", "demo"}};
    llm_message m = {.role = LLM_ROLE_USER};
    r = CLAUDE(hello); r.n = 2; refuse("anthropic_refuse_n", &r, "n:");
    r = CLAUDE(hello); r.has_seed = true; refuse("anthropic_refuse_seed", &r, "seed");
    r = CLAUDE(hello); r.logprobs = true; refuse("anthropic_refuse_logprobs", &r, "logprobs");
    r = CLAUDE(hello); r.has_frequency_penalty = true; refuse("anthropic_refuse_penalty", &r, "frequency_penalty");
    r = CLAUDE(hello); r.metadata = meta; r.metadata_count = 1; refuse("anthropic_refuse_metadata", &r, "metadata");
    r = CLAUDE(hello); r.service_tier = "flex"; refuse("anthropic_refuse_service_tier", &r, "service_tier");
    r = CLAUDE(hello); r.reasoning_effort = "low"; r.has_temperature = true; r.temperature = 0.2; refuse("anthropic_refuse_temperature_thinking", &r, "temperature");
    r = CLAUDE(hello); r.reasoning_effort = "low"; r.has_top_k = true; r.top_k = 3; refuse("anthropic_refuse_top_k_thinking", &r, "top_k");
    r = CLAUDE(hello); r.reasoning_effort = "low"; r.tools = &weather_tool; r.tool_count = 1; r.tool_choice.mode = LLM_TOOL_CHOICE_REQUIRED;
    refuse("anthropic_refuse_forced_tool_thinking", &r, "tool_choice");
    r = CLAUDE(hello); r.reasoning_effort = "huge"; refuse("anthropic_refuse_effort_word", &r, "reasoning_effort");
    r = CLAUDE(hello); r.model = "claude-3-5-haiku-20241022"; r.reasoning_effort = "low"; refuse("anthropic_refuse_effort_no_thinking", &r, "reasoning_effort");
    r = CLAUDE(hello); r.model = "claude-3-5-haiku-20241022"; r.reasoning_effort = NULL; r.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    r.response_format.name = "n"; r.response_format.schema = "{\"type\":\"array\"}"; refuse("anthropic_refuse_tool_schema_not_object", &r, "response_format.schema");
    r.model = "claude-3-7-sonnet-20250219"; r.response_format.schema = answer_schema; r.reasoning_effort = "low"; refuse("anthropic_refuse_tool_format_thinking", &r, "response_format");
    r = CLAUDE(first_assistant); refuse("anthropic_refuse_first_turn_assistant", &r, "messages[0]");
    r = CLAUDE(only_system); refuse("anthropic_refuse_no_user_turn", &r, "user turn");
    r = CLAUDE(calls); refuse("anthropic_refuse_tool_history_without_tools", &r, "tools");
    r = CLAUDE(calls); r.tools = &weather_tool; r.tool_count = 1; refuse("anthropic_refuse_arguments_not_object", &r, "tool_calls[0]");
    r = CLAUDE(empty_assistant); refuse("anthropic_refuse_empty_assistant", &r, "messages[1]");
    m.parts = not_b64; m.part_count = 1; r = claude(&m, 1); refuse("anthropic_refuse_data_url_not_base64", &r, "parts[0]");
    m.parts = txt_doc; m.part_count = 1; r = claude(&m, 1); refuse("anthropic_refuse_document_not_pdf", &r, "application/pdf");
}

static void anthropic_matrix(void) {
    anthropic_messages();
    anthropic_parts();
    anthropic_tools();
    anthropic_sampling();
    anthropic_reasoning();
    anthropic_formats();
    anthropic_refusals();
}

/* The same requests as token counts: what a chat refuses for sampling,
   a count leaves out, so the refusals are the chat matrix's alone. */
static void anthropic_count_matrix(void) {
    llm_request r = CLAUDE(hello);
    r.extra_body = "{\"top_k\":5,\"cache_control\":{\"type\":\"ephemeral\"}}"; /* top_k is no count's */
    emit("anthropic_count_extra_body", &r);
    anthropic_messages();
    anthropic_parts();
    anthropic_tools();
    anthropic_sampling();
    anthropic_reasoning();
    anthropic_formats();
}

/* ---- OpenAI's Responses API (--provider openai-responses): its own
   matrix, against components.schemas.CreateResponse of the same spec
   (validate.mjs --spec responses) ---- */

static void responses_messages(void) {
    llm_request r;
    static const llm_message sys[] = {{.role = LLM_ROLE_SYSTEM, .content = "You are terse."}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message dev[] = {{.role = LLM_ROLE_DEVELOPER, .content = "Answer in French."}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message chat[] = {
        {.role = LLM_ROLE_USER, .content = "Hi"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Hello! How can I help?"},
        {.role = LLM_ROLE_USER, .content = "Tell me a joke."},
    };
    static const llm_message round_trip[] = {
        {.role = LLM_ROLE_USER, .content = "What is the weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "{\"temperature\":18,\"unit\":\"celsius\"}", .tool_call_id = "call_abc123"},
    };
    static const llm_message with_content[] = {
        {.role = LLM_ROLE_USER, .content = "Weather in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .content = "Let me check.", .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
    };
    static const llm_tool_call two_calls[] = {
        {"call_abc123", "get_weather", "{\"location\":\"Paris\",\"unit\":\"celsius\"}", false},
        {"call_def456", "get_time", "{\"timezone\":\"Europe/Paris\"}", false},
    };
    static const llm_message parallel[] = {
        {.role = LLM_ROLE_USER, .content = "Weather and time in Paris?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = two_calls, .tool_call_count = 2},
        {.role = LLM_ROLE_TOOL, .content = "18 C", .tool_call_id = "call_abc123"},
        {.role = LLM_ROLE_TOOL, .content = "14:05", .tool_call_id = "call_def456"},
        {.role = LLM_ROLE_ASSISTANT, .content = "It is 18 C and 14:05 in Paris."},
        {.role = LLM_ROLE_USER, .content = "Thanks"},
    };
    static const llm_tool_call no_args = {"call_1", "list_files", NULL, false};
    static const llm_message default_args[] = {
        {.role = LLM_ROLE_USER, .content = "List files"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &no_args, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .content = "a.txt\nb.txt", .tool_call_id = "call_1"},
    };
    static const llm_message escapes[] = {{.role = LLM_ROLE_USER,
        .content = "quote \" backslash \\ nl \n tab \t ctl \x01\x1f u2028 \xe2\x80\xa8 emoji \xf0\x9f\x98\x80 max \xf4\x8f\xbf\xbf"}};
    static const llm_message empty[] = {{.role = LLM_ROLE_USER, .content = ""}};
    emit("minimal_user", (r = REQUEST(hello), &r));
    emit("role_system", (r = REQUEST(sys), &r));
    emit("role_developer", (r = REQUEST(dev), &r));
    emit("role_assistant_text", (r = REQUEST(chat), &r));
    emit("tool_round_trip", (r = REQUEST(round_trip), &r));
    emit("tool_calls_with_content", (r = REQUEST(with_content), &r));
    emit("parallel_tool_results", (r = REQUEST(parallel), &r));
    emit("tool_call_arguments_default", (r = REQUEST(default_args), &r));
    emit("text_escapes", (r = REQUEST(escapes), &r));
    emit("empty_content", (r = REQUEST(empty), &r));
    r = REQUEST(hello); r.model = "openai/responses/gpt-4o"; emit("model_prefixed", &r);
}

static void responses_parts(void) {
    llm_request r;
    static const llm_content_part text3[] = {
        {.type = LLM_PART_TEXT, .text = "First part."}, {.type = LLM_PART_TEXT, .text = ""}, {.type = LLM_PART_TEXT, .text = "Third \xe2\x9c\x93"}};
    static const llm_content_part url_default[] = {{.type = LLM_PART_TEXT, .text = "What is this?"},
        {.type = LLM_PART_IMAGE_URL, .url = "https://upload.example.com/photos/cat.jpg?size=large&v=2"}};
    static const llm_content_part url_low[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png", .detail = LLM_DETAIL_LOW}};
    static const llm_content_part url_high[] = {{.type = LLM_PART_IMAGE_URL, .url = "https://example.com/a.png", .detail = LLM_DETAIL_HIGH}};
    static const llm_content_part b64_png[] = {{.type = LLM_PART_IMAGE_BASE64, .base64 = png_b64, .media_type = "image/png"}};
    static const llm_content_part pdf[] = {{.type = LLM_PART_DOCUMENT, .base64 = "JVBERi0xLjQK", .media_type = "application/pdf", .filename = "report.pdf"},
                                           {.type = LLM_PART_TEXT, .text = "Summarise the report."}};
    static const llm_content_part pdf_url[] = {{.type = LLM_PART_DOCUMENT, .url = "https://example.com/report.pdf"}};
    static const llm_message m_text3[] = {{.role = LLM_ROLE_USER, .parts = text3, .part_count = 3}};
    static const llm_message m_url_default[] = {{.role = LLM_ROLE_USER, .parts = url_default, .part_count = 2}};
    static const llm_message m_url_low[] = {{.role = LLM_ROLE_USER, .parts = url_low, .part_count = 1}};
    static const llm_message m_url_high[] = {{.role = LLM_ROLE_USER, .parts = url_high, .part_count = 1}};
    static const llm_message m_b64_png[] = {{.role = LLM_ROLE_USER, .parts = b64_png, .part_count = 1}};
    static const llm_message m_pdf[] = {{.role = LLM_ROLE_USER, .parts = pdf, .part_count = 2}};
    static const llm_message m_pdf_url[] = {{.role = LLM_ROLE_USER, .parts = pdf_url, .part_count = 1}};
    static const llm_message m_system_parts[] = {{.role = LLM_ROLE_SYSTEM, .parts = text3, .part_count = 3}, {.role = LLM_ROLE_USER, .content = "Hi"}};
    static const llm_message m_assistant_parts[] = {{.role = LLM_ROLE_USER, .content = "Hi"}, {.role = LLM_ROLE_ASSISTANT, .parts = text3, .part_count = 3}};
    static const llm_message m_tool_parts[] = {
        {.role = LLM_ROLE_USER, .content = "Weather?"},
        {.role = LLM_ROLE_ASSISTANT, .tool_calls = &weather_call, .tool_call_count = 1},
        {.role = LLM_ROLE_TOOL, .parts = text3, .part_count = 3, .tool_call_id = "call_abc123"},
    };
    emit("parts_multi_text", (r = REQUEST(m_text3), &r));
    emit("image_url_default_detail", (r = REQUEST(m_url_default), &r));
    emit("image_url_detail_low", (r = REQUEST(m_url_low), &r));
    emit("image_url_detail_high", (r = REQUEST(m_url_high), &r));
    emit("image_base64_png", (r = REQUEST(m_b64_png), &r));
    emit("document_pdf_file", (r = REQUEST(m_pdf), &r));
    emit("document_pdf_url", (r = REQUEST(m_pdf_url), &r));
    emit("system_text_parts", (r = REQUEST(m_system_parts), &r));
    emit("assistant_text_parts", (r = REQUEST(m_assistant_parts), &r));
    emit("tool_output_parts", (r = REQUEST(m_tool_parts), &r));
}

static void responses_tools(void) {
    llm_request r;
    static const llm_tool minimal = {"ping", NULL, NULL, false, LLM_CACHE_NONE};
    llm_tool strict = weather_tool, several[3];
    r = REQUEST(hello); r.tools = &minimal; r.tool_count = 1; emit("tool_minimal", &r);
    r = REQUEST(hello); r.tools = &strict; r.tool_count = 1; emit("tool_strict", &r);
    strict.strict = false;
    r = REQUEST(hello); r.tools = &strict; r.tool_count = 1; emit("tool_strict_false", &r);
    several[0] = minimal; several[1] = strict; several[2] = weather_tool; several[2].name = "get_weather_strict";
    r = REQUEST(hello); r.tools = several; r.tool_count = 3;
    r.tool_choice.mode = LLM_TOOL_CHOICE_NONE; emit("tool_choice_none", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_AUTO; emit("tool_choice_auto", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_REQUIRED; emit("tool_choice_required", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; r.tool_choice.name = "ping"; emit("tool_choice_function", &r);
    r.tool_choice.mode = LLM_TOOL_CHOICE_DEFAULT;
    r.parallel_tool_calls = LLM_TRUE; emit("parallel_tool_calls_true", &r);
    r.parallel_tool_calls = LLM_FALSE; emit("parallel_tool_calls_false", &r);
}

static void responses_options(void) {
    static const llm_pair meta[] = {{"app", "demo"}, {"user_tier", "free"}};
    static const llm_reasoning_block item = {LLM_REASONING_ITEM, NULL, NULL, "gAAAAABoEncrypted==", NULL, "rs_abc123",
                                             "[{\"type\":\"summary_text\",\"text\":\"**Weather**\\n\\nCall get_weather.\"}]"};
    static const llm_reasoning_block bare = {LLM_REASONING_ITEM, NULL, NULL, NULL, NULL, "rs_def456", NULL};
    llm_message turn[3];
    llm_request r;
    r = REQUEST(hello); r.has_temperature = true; r.temperature = 0.7; r.has_top_p = true; r.top_p = 0.9; emit("temperature_and_top_p", &r);
    r = REQUEST(hello); r.max_tokens = 256; emit("max_tokens", &r);
    r = REQUEST(hello); r.max_completion_tokens = 4096; emit("max_completion_tokens", &r);
    r = REQUEST(hello); r.max_tokens = 1; r.max_completion_tokens = 300; emit("max_tokens_both", &r);
    r = REQUEST(hello); r.has_top_logprobs = true; r.top_logprobs = 20; emit("top_logprobs", &r);
    r = REQUEST(hello); r.user = "user-1234"; r.metadata = meta; r.metadata_count = 2; r.service_tier = "flex"; emit("user_metadata_tier", &r);
    r = REQUEST(hello); r.response_format.type = LLM_FORMAT_TEXT; emit("format_text", &r);
    r.response_format.type = LLM_FORMAT_JSON_OBJECT; emit("format_json_object", &r);
    r.response_format.type = LLM_FORMAT_JSON_SCHEMA; r.response_format.name = "answer"; r.response_format.schema = answer_schema;
    r.response_format.strict = true; emit("format_json_schema_strict", &r);
    r.response_format.strict = false; r.response_format.description = "The answer and how sure"; emit("format_json_schema_described", &r);
    r = REQUEST(hello); r.model = "o4-mini"; r.reasoning_effort = "low"; emit("reasoning_effort_low", &r);
    r.reasoning_effort = "none"; r.model = "gpt-5.1"; emit("reasoning_effort_none", &r);
    r = REQUEST(hello); r.model = "o4-mini"; r.reasoning_effort = "high"; r.store = LLM_TRUE; emit("reasoning_stored", &r);
    r = REQUEST(hello); r.store = LLM_TRUE; r.previous_response_id = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";
    emit("previous_response_id", &r);
    memset(turn, 0, sizeof turn);
    turn[0].role = LLM_ROLE_USER; turn[0].content = "Weather in Paris?";
    turn[1].role = LLM_ROLE_ASSISTANT; turn[1].tool_calls = &weather_call; turn[1].tool_call_count = 1;
    turn[1].reasoning = &item; turn[1].reasoning_count = 1; turn[1].reasoning_format = "openai-responses";
    turn[2].role = LLM_ROLE_TOOL; turn[2].content = "18 C"; turn[2].tool_call_id = "call_abc123";
    r = request(turn, 3); r.model = "o4-mini"; r.reasoning_effort = "low"; emit("reasoning_item_sent_back", &r);
    turn[1].reasoning = &bare; emit("reasoning_item_without_content", &r);
    r = REQUEST(hello); r.extra_body = "{\"truncation\":\"auto\",\"background\":false}"; emit("extra_body_known_members", &r);
    r = REQUEST(hello); r.tools = &weather_tool; r.tool_count = 1;
    r.tools_json = "[{\"type\":\"web_search_preview\"},{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_1234567890\"],"
                   "\"max_num_results\":20},{\"type\":\"mcp\",\"server_label\":\"deepwiki\","
                   "\"server_url\":\"https://mcp.deepwiki.com/mcp\",\"require_approval\":\"never\"}]";
    emit("builtin_and_mcp_tools", &r);
    r.tools_json = "[{\"type\":\"web_search_preview\"},42]"; refuse("tools_json_not_objects", &r, "tools_json");
}

static void responses_refusals(void) {
    static const char *const stop1[] = {"\n"};
    static const llm_reasoning_block not_array = {LLM_REASONING_ITEM, NULL, NULL, NULL, NULL, "rs_1", "{\"text\":\"x\"}"};
    llm_message named = {.role = LLM_ROLE_USER, .content = "Hi", .name = "alice"};
    llm_message turn[2];
    llm_request r;
    r = REQUEST(hello); r.stop = stop1; r.stop_count = 1; refuse("stop", &r, "stop");
    r = REQUEST(hello); r.has_seed = true; refuse("seed", &r, "seed");
    r = REQUEST(hello); r.n = 3; refuse("n_three", &r, "n");
    r = REQUEST(hello); r.has_presence_penalty = true; refuse("presence_penalty", &r, "presence_penalty");
    r = REQUEST(hello); r.has_frequency_penalty = true; refuse("frequency_penalty", &r, "frequency_penalty");
    r = REQUEST(hello); r.has_top_k = true; r.top_k = 5; refuse("top_k", &r, "top_k");
    r = REQUEST(hello); r.logprobs = true; refuse("logprobs", &r, "logprobs");
    r = request(&named, 1); refuse("message_name", &r, "name");
    memset(turn, 0, sizeof turn);
    turn[0].role = LLM_ROLE_USER; turn[0].content = "Hi";
    turn[1].role = LLM_ROLE_ASSISTANT; turn[1].content = "Hello"; turn[1].reasoning = &not_array; turn[1].reasoning_count = 1;
    turn[1].reasoning_format = "openai-responses";
    r = request(turn, 2); refuse("reasoning_summary_not_array", &r, "summary");
}

static void responses_matrix(void) {
    responses_messages();
    responses_parts();
    responses_tools();
    responses_options();
    responses_refusals();
}

int main(int argc, char **argv) {
    llm_client_desc desc;
    llm_error err;
    int i;
    size_t t;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) { verbose = 1; continue; }
        if (strcmp(argv[i], "--count") == 0) { count_mode = 1; continue; }
        if (strcmp(argv[i], "--provider") == 0 && i + 1 < argc) {
            for (t = 0; t < COUNT(targets) && strcmp(targets[t].provider, argv[i + 1]) != 0; t++) {}
            if (t < COUNT(targets)) { under_test = &targets[t]; i++; continue; }
        }
        fprintf(stderr, "usage: encode_matrix [-v] [--provider openai|azure|openrouter|anthropic|openai-responses] [--count]\n");
        return 2;
    }
    if (count_mode && strcmp(under_test->provider, "anthropic") != 0) {
        fprintf(stderr, "encode_matrix: --count is Anthropic's (--provider anthropic)\n");
        return 2;
    }
    if (count_mode) { /* POST /v1/messages/count_tokens, the same requests */
        count_target = *under_test;
        count_target.url = "https://api.anthropic.com/v1/messages/count_tokens";
        under_test = &count_target;
    }
    memset(&desc, 0, sizeof desc);
    desc.provider = under_test->openai_api == LLM_OPENAI_API_RESPONSES ? "openai" : under_test->provider;
    desc.openai_api = under_test->openai_api;
    desc.base_url = under_test->base_url;
    desc.api_version = under_test->api_version;
    desc.api_key = "sk-test";
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "encode_matrix: llm_client_init: %s\n", err.message);
        return 1;
    }
    memset(&line, 0, sizeof line);
    same_conversation();
    if (count_mode) {
        anthropic_count_matrix();
    } else if (strcmp(under_test->provider, "anthropic") == 0) {
        anthropic_matrix();
    } else if (under_test->openai_api == LLM_OPENAI_API_RESPONSES) {
        responses_matrix();
    } else {
        messages_and_roles();
        conversation_api();
        content_parts();
        tools();
        sampling();
        formats();
        options();
        combinations();
        if (strcmp(under_test->provider, "openrouter") == 0) openrouter_members();
        openai_documents();
        refusals_list();
    }
    llm_json_writer_reset(&line);
    llm_json_write_object_begin(&line);
    llm_json_write_key(&line, "end");
    llm_json_write_object_begin(&line);
    llm_json_write_key(&line, "bodies");
    llm_json_write_int(&line, bodies);
    llm_json_write_key(&line, "refusals");
    llm_json_write_int(&line, refusals);
    llm_json_write_key(&line, "xfails");
    llm_json_write_int(&line, xfails);
    llm_json_write_key(&line, "failures");
    llm_json_write_int(&line, failures);
    llm_json_write_object_end(&line);
    llm_json_write_object_end(&line);
    {
        const char *out;
        size_t len;
        if (llm_json_writer_finish(&line, &out, &len) == LLM_OK) printf("%s\n", out);
    }
    llm_json_writer_free(&line);
    fprintf(stderr, "encode_matrix: %d bodies, %d refusals checked (%d known bugs), %d failures\n", bodies, refusals, xfails, failures);
    return failures ? 1 : 0;
}
