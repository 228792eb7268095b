/* Fault tests: the error paths of the request checks every wire format
   relies on, of the provider resolution from the environment, and of the
   OpenAI answer writers, which the other suites reach only on the happy
   path. Expected values come from outside the code: the field names of
   OpenAI's chat-completions API reference (a tool message's tool_call_id,
   tool_choice, response_format's json_schema with name and schema),
   RFC 3629 (0xC0 0xAF is an overlong, invalid UTF-8 sequence), the
   variables the providers' SDKs read (ANTHROPIC_API_KEY, AZURE_AD_TOKEN),
   OpenAI's API reference example of logprobs, and recorded provider bytes
   (tests/data/provider-samples). */
#define _POSIX_C_SOURCE 200809L /* setenv: llm_client_desc_from_env reads the real environment */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#include <stdlib.h>

#define SAMPLES "tests/data/provider-samples/"
#define BAD_UTF8 "\xC0\xAF" /* RFC 3629: an overlong form, never valid */

/* ---- requests refused before anything is sent ---- */

static int requests_seen;

static void count_request(void *user, const llm_http_request *req) {
    (void)user;
    (void)req;
    requests_seen++;
}

/* `req` begun on an OpenAI client over a mock transport: refused with
   LLM_ERR_INVALID_ARGUMENT, a message naming `field`, and no request made. */
static void refused(const llm_request *req, const char *field, int line) {
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_response resp;
    llm_error err;
    llm_result r;
    memset(&mock, 0, sizeof mock);
    mock.on_request = count_request;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.api_key = "sk-test";
    requests_seen = 0;
    memset(&err, 0, sizeof err);
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) return;
    r = llm_complete(&c, req, &resp, &err);
    if (r != LLM_ERR_INVALID_ARGUMENT || !strstr(err.message, field) || requests_seen)
        fprintf(stderr, "  case at line %d: result %d, message \"%s\", %d requests\n", line, (int)r, err.message,
                requests_seen);
    CHECK_EQ_INT(r, LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, field) != NULL);
    CHECK_EQ_INT(requests_seen, 0);
    llm_response_free(&resp);
}

#define REFUSED(req, field) refused(&(req), field, __LINE__)

/* One user message "Hi" to gpt-4o: the base every case breaks one field of. */
static llm_request base_request(llm_message *m) {
    llm_request req;
    memset(m, 0, sizeof *m);
    m->role = LLM_ROLE_USER;
    m->content = "Hi";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = m;
    req.message_count = 1;
    return req;
}

static void malformed_messages_are_refused_naming_the_field(void) {
    llm_message m[2];
    llm_request req = base_request(&m[0]);
    llm_content_part part;
    llm_tool_call call;
    llm_reasoning_block block;

    req.message_count = 0;
    REFUSED(req, "messages");
    req = base_request(&m[0]);
    m[0].role = (llm_role)99;
    REFUSED(req, "role");
    req = base_request(&m[0]);
    m[0].cache = (llm_cache)99;
    REFUSED(req, "cache");
    req = base_request(&m[0]);
    m[0].part_count = 1;
    REFUSED(req, "parts");
    req = base_request(&m[0]);
    m[0].tool_call_count = 1;
    REFUSED(req, "tool_calls");
    req = base_request(&m[0]); /* OpenAI: a tool message answers one call, by tool_call_id */
    m[0].role = LLM_ROLE_TOOL;
    REFUSED(req, "tool_call_id");
    req = base_request(&m[0]);
    m[0].tool_call_id = "call_1";
    REFUSED(req, "tool_call_id");
    req = base_request(&m[0]); /* only the assistant makes tool calls */
    memset(&call, 0, sizeof call);
    call.id = "call_1";
    call.name = "get_weather";
    call.arguments = "{}";
    m[0].tool_calls = &call;
    m[0].tool_call_count = 1;
    REFUSED(req, "tool calls");
    req = base_request(&m[0]);
    m[0].content = NULL;
    REFUSED(req, "content");
    req = base_request(&m[0]);
    m[0].content = "caf" BAD_UTF8;
    REFUSED(req, "UTF-8");
    req = base_request(&m[0]); /* a tool call needs its id and its function's name */
    m[0].role = LLM_ROLE_ASSISTANT;
    m[0].tool_calls = &call;
    m[0].tool_call_count = 1;
    call.id = NULL;
    REFUSED(req, "id and name");
    call.id = "call_1";
    call.arguments = "{\"city\":\"" BAD_UTF8 "\"}";
    REFUSED(req, "UTF-8");

    /* content parts */
    req = base_request(&m[0]);
    memset(&part, 0, sizeof part);
    m[0].content = NULL;
    m[0].parts = &part;
    m[0].part_count = 1;
    part.type = (llm_part_type)99;
    REFUSED(req, "parts[0]");
    part.type = LLM_PART_TEXT;
    REFUSED(req, "text");
    part.type = LLM_PART_IMAGE_URL;
    REFUSED(req, "url");
    part.type = LLM_PART_IMAGE_BASE64;
    part.base64 = "iVBORw0KGgo=";
    REFUSED(req, "media_type");
    part.type = LLM_PART_DOCUMENT;
    part.base64 = NULL;
    REFUSED(req, "document");
    part.type = LLM_PART_IMAGE_URL; /* images and documents are user content */
    part.url = "https://example.com/cat.png";
    m[0].role = LLM_ROLE_SYSTEM;
    REFUSED(req, "user messages");
    m[0].role = LLM_ROLE_USER;
    part.url = "https://example.com/" BAD_UTF8 ".png";
    REFUSED(req, "UTF-8");

    /* reasoning blocks: an assistant's, each complete */
    req = base_request(&m[0]);
    memset(&block, 0, sizeof block);
    m[0].reasoning_count = 1;
    REFUSED(req, "reasoning");
    m[0].reasoning = &block;
    REFUSED(req, "assistant");
    m[0].role = LLM_ROLE_ASSISTANT;
    m[0].reasoning_format = "anthropic" BAD_UTF8;
    REFUSED(req, "UTF-8");
    m[0].reasoning_format = "anthropic-messages";
    block.kind = LLM_REASONING_THINKING; /* Anthropic: a thinking block goes back with its signature */
    block.thinking = "Let me see.";
    REFUSED(req, "signature");
    block.signature = "EqQBCgIYAhIM" BAD_UTF8;
    REFUSED(req, "UTF-8");
}

static void malformed_fields_tools_and_formats_are_refused(void) {
    llm_message m;
    llm_request req = base_request(&m);
    llm_tool tool;
    llm_pair meta[2] = {{"team", "a"}, {"team", "b"}};
    const char *stop[1] = {NULL};

    req.tool_count = 1;
    REFUSED(req, "count");
    req = base_request(&m);
    req.parallel_tool_calls = (llm_tristate)7;
    REFUSED(req, "parallel_tool_calls");
    req = base_request(&m);
    req.max_tokens = -1;
    REFUSED(req, "max_tokens");
    req = base_request(&m);
    req.user = "u" BAD_UTF8;
    REFUSED(req, "user");
    req = base_request(&m);
    req.stop = stop;
    req.stop_count = 1;
    REFUSED(req, "stop[0]");
    req = base_request(&m); /* metadata: a map, so one value per key */
    req.metadata = meta;
    req.metadata_count = 2;
    REFUSED(req, "twice");
    meta[1].name = NULL;
    REFUSED(req, "metadata[1]");

    req = base_request(&m);
    memset(&tool, 0, sizeof tool);
    req.tools = &tool;
    req.tool_count = 1;
    REFUSED(req, "name");
    tool.name = "get_" BAD_UTF8;
    REFUSED(req, "UTF-8");
    tool.name = "get_weather";
    tool.cache = (llm_cache)9;
    REFUSED(req, "cache");
    tool.cache = LLM_CACHE_NONE;
    req.tool_choice.mode = (llm_tool_choice_mode)99;
    REFUSED(req, "tool_choice");
    req.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION; /* OpenAI: {"type":"function","function":{"name":...}} */
    REFUSED(req, "tool_choice");

    req = base_request(&m);
    req.response_format.type = (llm_format_type)99;
    REFUSED(req, "response_format");
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA; /* OpenAI: json_schema.name is required */
    req.response_format.schema = "{\"type\":\"object\"}";
    REFUSED(req, "name");
    req.response_format.name = "answer" BAD_UTF8;
    REFUSED(req, "UTF-8");
    req.response_format.name = "answer";
    req.response_format.schema = "{\"type\":"; /* RFC 8259: not a JSON text */
    REFUSED(req, "response_format.schema");

    req = base_request(&m); /* the stream is chosen by the call, not by extra_body */
    req.extra_body = "{\"stream\":true}";
    REFUSED(req, "stream");
    req.extra_body = "[1,2]";
    REFUSED(req, "extra_body");
}

/* Embeddings: OpenAI's input must be non-empty, its dimensions positive. */
static void malformed_embeddings_are_refused(void) {
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_embed_request req;
    llm_embed_response resp;
    llm_error err;
    const char *inputs[2] = {"hello", ""};
    const char *bad[1] = {"caf" BAD_UTF8};
    memset(&mock, 0, sizeof mock);
    mock.on_request = count_request;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.api_key = "sk-test";
    requests_seen = 0;
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) return;
    memset(&req, 0, sizeof req);
    req.model = "text-embedding-3-small";
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "input") != NULL);
    llm_embed_response_free(&resp);
    req.inputs = inputs;
    req.input_count = 2;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "inputs[1]") != NULL);
    llm_embed_response_free(&resp);
    req.inputs = bad;
    req.input_count = 1;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "inputs[0]") != NULL);
    llm_embed_response_free(&resp);
    req.inputs = inputs;
    req.dimensions = -1;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "dimensions") != NULL);
    llm_embed_response_free(&resp);
    req.dimensions = 0;
    req.user = "u" BAD_UTF8;
    CHECK_EQ_INT(llm_embed(&c, &req, &resp, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "user") != NULL);
    llm_embed_response_free(&resp);
    CHECK_EQ_INT(requests_seen, 0);
}

/* ---- the client desc from the environment ---- */

static void a_client_desc_is_filled_from_the_environment(void) {
#ifndef LLM_NO_STDIO
    llm_client_desc d;
    llm_target t;
    llm_error err;
    const llm_provider *groq = llm_provider_find("groq");
    unsetenv("LLM_BASE_URL");
    unsetenv("LLM_API_KEY");
    unsetenv("ANTHROPIC_BASE_URL");
    unsetenv("ANTHROPIC_API_BASE");
    setenv("ANTHROPIC_API_KEY", "sk-ant-env", 1); /* the variable Anthropic's SDKs read */
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "anthropic/claude-sonnet-4-5", &t, &err), LLM_OK);
    CHECK(d.custom_provider != NULL && strcmp(d.custom_provider->name, "anthropic") == 0);
    CHECK(d.provider == NULL && d.base_url == NULL);
    CHECK_EQ_STR(d.api_key, "sk-ant-env");
    CHECK_EQ_STR(t.key_from, "ANTHROPIC_API_KEY");
    CHECK_EQ_STR(t.model, "claude-sonnet-4-5");
    /* Anthropic's Messages API */
    CHECK(d.custom_provider != NULL && d.custom_provider->wire == llm_wire_anthropic_messages());
    /* what the desc holds wins: its key, its provider */
    memset(&d, 0, sizeof d);
    d.api_key = "sk-mine";
    d.provider = "anthropic";
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "claude-sonnet-4-5", NULL, &err), LLM_OK);
    CHECK_EQ_STR(d.api_key, "sk-mine");
    CHECK(d.custom_provider != NULL && strcmp(d.custom_provider->name, "anthropic") == 0);
    memset(&d, 0, sizeof d);
    d.custom_provider = groq;
    d.provider = "anthropic"; /* the custom provider wins over a named one */
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "llama-3.3-70b-versatile", &t, &err), LLM_OK);
    CHECK(d.custom_provider == groq);
    CHECK_EQ_STR(t.key_vars, "GROQ_API_KEY");
    /* Azure: an Entra ID token from AZURE_AD_TOKEN, unless the desc has one */
    setenv("AZURE_AD_TOKEN", "eyJ0eXAi", 1);
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "azure/my-deployment", NULL, &err), LLM_OK);
    CHECK_EQ_STR(d.bearer_token, "eyJ0eXAi");
    memset(&d, 0, sizeof d);
    d.bearer_token = "mine";
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "azure/my-deployment", NULL, &err), LLM_OK);
    CHECK_EQ_STR(d.bearer_token, "mine");
    unsetenv("AZURE_AD_TOKEN");
    unsetenv("ANTHROPIC_API_KEY");
    /* refused: no desc, no model, a model no provider claims */
    CHECK_EQ_INT(llm_client_desc_from_env(NULL, "gpt-4o", NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(llm_client_desc_from_env(&d, NULL, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "model") != NULL);
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "", NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_client_desc_from_env(&d, "llama3", NULL, &err), LLM_ERR_MODEL_UNKNOWN);
#endif
}

/* ---- the OpenAI answer writers ---- */

/* `body` decoded as `format`, written back as one OpenAI chat.completion, parsed into doc. */
static const llm_json *written_back_body(const char *format, const char *body, size_t len, bool stream,
                                         llm_json_doc *doc) {
    llm_response resp;
    llm_json_writer w;
    const char *text;
    size_t n;
    const llm_json *root = NULL;
    memset(&w, 0, sizeof w);
    if (CHECK_EQ_INT(llm_decode_recorded(format, 200, body, len, stream, &resp, NULL), LLM_OK)) {
        if (CHECK_EQ_INT(llm_response_write_openai(&resp, &w, NULL), LLM_OK) &&
            CHECK(llm_json_writer_finish(&w, &text, &n) == LLM_OK) &&
            CHECK(llm_json_parse(doc, text, n, NULL) == LLM_OK))
            root = llm_json_root(doc);
        llm_response_free(&resp);
    }
    llm_json_writer_free(&w);
    return root;
}

/* The same for a recorded file. */
static const llm_json *written_back(const char *format, const char *path, bool stream, llm_json_doc *doc) {
    size_t len;
    char *body = TEST_READ_FIXTURE(path, &len);
    const llm_json *root;
    memset(doc, 0, sizeof *doc);
    if (!body) return NULL;
    root = written_back_body(format, body, len, stream, doc);
    free(body);
    return root;
}

/* The example answer of OpenAI's API reference for logprobs=true,
   top_logprobs=2 (tests/data/openai-openapi.yaml, createChatCompletion),
   cut to its first two tokens: written back with the same tokens,
   logprobs and top logprobs, "bytes" null (optional) and "refusal" null. */
static void logprobs_are_written_back_as_openai_documents_them(void) {
    static const char body[] =
        "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1702685778,\"model\":\"gpt-4o-mini\","
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},"
        "\"logprobs\":{\"content\":["
        "{\"token\":\"Hello\",\"logprob\":-0.31725305,\"bytes\":[72,101,108,108,111],\"top_logprobs\":["
        "{\"token\":\"Hello\",\"logprob\":-0.31725305,\"bytes\":[72,101,108,108,111]},"
        "{\"token\":\"Hi\",\"logprob\":-1.3190403,\"bytes\":[72,105]}]},"
        "{\"token\":\"!\",\"logprob\":-0.02380986,\"bytes\":[33],\"top_logprobs\":["
        "{\"token\":\"!\",\"logprob\":-0.02380986,\"bytes\":[33]},"
        "{\"token\":\" there\",\"logprob\":-3.787621,\"bytes\":[32,116,104,101,114,101]}]}]},"
        "\"finish_reason\":\"stop\"}],"
        "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,\"total_tokens\":18}}";
    llm_json_doc doc;
    const llm_json *root, *lp, *content, *tok, *top;
    memset(&doc, 0, sizeof doc);
    root = written_back_body("openai", body, sizeof body - 1, false, &doc);
    if (root) {
        lp = llm_json_get(llm_json_at(llm_json_get(root, "choices"), 0), "logprobs");
        content = llm_json_get(lp, "content");
        CHECK(llm_json_get(lp, "refusal") != NULL && llm_json_is(llm_json_get(lp, "refusal"), LLM_JSON_NULL));
        CHECK_EQ_INT(llm_json_count(content), 2);
        tok = llm_json_at(content, 0);
        CHECK_EQ_STR(llm_json_string(llm_json_get(tok, "token"), NULL), "Hello");
        CHECK(llm_json_number(llm_json_get(tok, "logprob"), 0) == (double)-0.31725305);
        top = llm_json_get(tok, "top_logprobs");
        CHECK_EQ_INT(llm_json_count(top), 2);
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(top, 1), "token"), NULL), "Hi");
        CHECK(llm_json_number(llm_json_get(llm_json_at(top, 1), "logprob"), 0) == (double)-1.3190403);
        tok = llm_json_at(content, 1);
        CHECK_EQ_STR(llm_json_string(llm_json_get(tok, "token"), NULL), "!");
        CHECK(llm_json_number(llm_json_get(tok, "logprob"), 0) == (double)-0.02380986);
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(llm_json_get(tok, "top_logprobs"), 1), "token"), NULL),
                     " there");
    }
    llm_json_doc_free(&doc);
}

/* Azure's recorded stream that its content filter ended: finish_reason "content_filter". */
static void a_filtered_answer_keeps_its_content_filter_finish(void) {
    llm_json_doc doc;
    const llm_json *root = written_back("openai", SAMPLES "azure/stream_async_filter_blocked.sse", true, &doc);
    if (root) {
        const llm_json *fin = llm_json_get(llm_json_at(llm_json_get(root, "choices"), 0), "finish_reason");
        CHECK_EQ_STR(llm_json_string(fin, NULL), "content_filter");
    }
    llm_json_doc_free(&doc);
}

/* A reasoning delta becomes delta.reasoning_content, the member DeepSeek's
   and OpenRouter's OpenAI-compatible streams carry reasoning in. */
static void a_reasoning_event_is_written_as_reasoning_content(void) {
    llm_openai_chunk_writer cw;
    llm_json_writer w;
    llm_json_doc doc;
    llm_event e;
    const char *text;
    size_t n;
    bool wrote = false;
    memset(&cw, 0, sizeof cw);
    memset(&w, 0, sizeof w);
    memset(&doc, 0, sizeof doc);
    memset(&e, 0, sizeof e);
    e.type = LLM_EVENT_REASONING;
    e.text = "First, 2 + 2.";
    e.text_len = strlen(e.text);
    cw.id = "chatcmpl-1";
    cw.model = "deepseek-reasoner";
    if (CHECK_EQ_INT(llm_openai_chunk_write_event(&cw, &e, &w, &wrote, NULL), LLM_OK) && CHECK(wrote) &&
        CHECK(llm_json_writer_finish(&w, &text, &n) == LLM_OK) && CHECK(llm_json_parse(&doc, text, n, NULL) == LLM_OK)) {
        const llm_json *delta = llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "choices"), 0), "delta");
        CHECK_EQ_STR(llm_json_string(llm_json_get(delta, "reasoning_content"), NULL), "First, 2 + 2.");
        CHECK(llm_json_get(delta, "content") == NULL);
    }
    llm_json_doc_free(&doc);
    llm_json_writer_free(&w);
}

/* ---- the OpenAI encoder's less used members ---- */

static char sent_body[2048];

static void capture_body(void *user, const llm_http_request *req) {
    size_t n = req->body_len < sizeof sent_body - 1 ? req->body_len : sizeof sent_body - 1;
    (void)user;
    memcpy(sent_body, req->body, n);
    sent_body[n] = '\0';
}

/* A request using a PDF file part, a strict tool, a forced function, no
   parallel calls, max_completion_tokens, both penalties and a strict JSON
   schema: the body equals one written by hand from OpenAI's API reference
   for POST /v1/chat/completions (each member's documented shape). */
static void openai_sends_files_forced_tools_and_schemas_as_documented(void) {
    static const char want[] =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Summarize\"},"
        "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0=\",\"filename\":\"a.pdf\"}}]}],"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        "\"parameters\":{\"type\":\"object\",\"properties\":{}},\"strict\":true}}],"
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
        "\"parallel_tool_calls\":false,\"max_completion_tokens\":100,\"presence_penalty\":0.5,"
        "\"frequency_penalty\":0.25,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\","
        "\"schema\":{\"type\":\"object\"},\"strict\":true}}}";
    llm_message m;
    llm_content_part parts[2];
    llm_tool tool;
    llm_request req = base_request(&m);
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_response resp;
    llm_error err;
    llm_json_doc got, exp;
    memset(parts, 0, sizeof parts);
    parts[0].type = LLM_PART_TEXT;
    parts[0].text = "Summarize";
    parts[1].type = LLM_PART_DOCUMENT;
    parts[1].base64 = "JVBERi0=";
    parts[1].media_type = "application/pdf";
    parts[1].filename = "a.pdf";
    m.content = NULL;
    m.parts = parts;
    m.part_count = 2;
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.strict = true;
    req.tools = &tool;
    req.tool_count = 1;
    req.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION;
    req.tool_choice.name = "get_weather";
    req.parallel_tool_calls = LLM_FALSE;
    req.max_completion_tokens = 100;
    req.has_presence_penalty = true;
    req.presence_penalty = 0.5;
    req.has_frequency_penalty = true;
    req.frequency_penalty = 0.25;
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "answer";
    req.response_format.schema = "{\"type\":\"object\"}";
    req.response_format.strict = true;
    memset(&mock, 0, sizeof mock);
    mock.on_request = capture_body;
    memset(&d, 0, sizeof d);
    d.transport = llm_mock_transport(&mock);
    d.api_key = "sk-test";
    d.has_num_retries = true;
    sent_body[0] = '\0';
    memset(&got, 0, sizeof got);
    memset(&exp, 0, sizeof exp);
    if (!CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK)) return;
    llm_complete(&c, &req, &resp, &err); /* no answer: the mock has none; the body is what counts */
    llm_response_free(&resp);
    if (CHECK(llm_json_parse(&got, sent_body, strlen(sent_body), NULL) == LLM_OK) &&
        CHECK(llm_json_parse(&exp, want, strlen(want), NULL) == LLM_OK) &&
        !CHECK(llm_json_equal(llm_json_root(&got), llm_json_root(&exp))))
        fprintf(stderr, "  sent %s\n", sent_body);
    llm_json_doc_free(&got);
    llm_json_doc_free(&exp);
}

/* ---- an OpenAI chat-completions body read back (llm_request_parse_openai) ---- */

/* `body` read as a request: refused with `code` and a message naming `field`. */
static void body_refused(const char *body, llm_result code, const char *field, int line) {
    llm_openai_request r;
    llm_error err;
    llm_result got;
    memset(&r, 0, sizeof r);
    memset(&err, 0, sizeof err);
    got = llm_request_parse_openai(&r, body, strlen(body), &err);
    if (got != code || !strstr(err.message, field))
        fprintf(stderr, "  body at line %d: result %d, message \"%s\"\n", line, (int)got, err.message);
    CHECK_EQ_INT(got, code);
    CHECK(strstr(err.message, field) != NULL);
    llm_openai_request_free(&r);
}

#define BODY_REFUSED(body, code, field) body_refused(body, code, field, __LINE__)
#define MSGS "\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"

/* The types of OpenAI's CreateChatCompletionRequest: a member of another
   type is refused naming it; a file uploaded by id cannot be held. */
/* A call whose begin was refused (here: a client with no provider) holds
   nothing: feeding it is refused as out of order, freeing it is harmless,
   whatever its memory held before (every begin zeroes it). */
static void a_call_a_begin_refused_can_be_fed_and_freed_safely(void) {
    llm_client c;
    llm_call call;
    llm_error err;
    memset(&c, 0, sizeof c);
    memset(&call, 0xAB, sizeof call);
    CHECK_EQ_INT(llm_call_begin_decode(&call, &c, true, NULL, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_ERR_INVALID_ARGUMENT);
    llm_call_free(&call);
}

static void openai_bodies_of_the_wrong_types_are_refused(void) {
    char deep[400];
    size_t i, n = 0;
    BODY_REFUSED("[1]", LLM_ERR_INVALID_ARGUMENT, "JSON object");
    BODY_REFUSED("{\"model\":\"gpt-4o\",\"messages\":[\"Hi\"]}", LLM_ERR_INVALID_ARGUMENT, "messages[0]");
    BODY_REFUSED("{" MSGS ",\"max_tokens\":-1}", LLM_ERR_INVALID_ARGUMENT, "max_tokens");
    BODY_REFUSED("{" MSGS ",\"n\":1.5}", LLM_ERR_INVALID_ARGUMENT, "n");
    BODY_REFUSED("{" MSGS ",\"logprobs\":\"yes\"}", LLM_ERR_INVALID_ARGUMENT, "logprobs");
    BODY_REFUSED("{" MSGS ",\"stop\":[\"\\n\",3]}", LLM_ERR_INVALID_ARGUMENT, "stop[1]");
    BODY_REFUSED("{" MSGS ",\"metadata\":[\"a\"]}", LLM_ERR_INVALID_ARGUMENT, "metadata");
    BODY_REFUSED("{" MSGS ",\"metadata\":{\"team\":7}}", LLM_ERR_INVALID_ARGUMENT, "metadata");
    BODY_REFUSED("{" MSGS ",\"response_format\":{\"type\":\"xml\"}}", LLM_ERR_INVALID_ARGUMENT, "response_format.type");
    BODY_REFUSED("{" MSGS ",\"tool_choice\":{\"type\":\"function\"}}", LLM_ERR_INVALID_ARGUMENT, "tool_choice");
    BODY_REFUSED("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\","
                 "\"file\":{\"file_id\":\"file-abc123\"}}]}]}",
                 LLM_ERR_UNSUPPORTED, "file_id");
    BODY_REFUSED("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\","
                 "\"file\":{\"file_data\":\"JVBERi0=\",\"filename\":\"a.pdf\"}}]}]}",
                 LLM_ERR_INVALID_ARGUMENT, "file_data");
    /* a tool's parameters nested past 64 levels cannot be written again */
    n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                          "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":");
    for (i = 0; i < 70; i++) deep[n++] = '[';
    for (i = 0; i < 70; i++) deep[n++] = ']';
    snprintf(deep + n, sizeof deep - n, "}}]}");
    BODY_REFUSED(deep, LLM_ERR_INVALID_ARGUMENT, "deeper than 64");
    {
        llm_openai_request r;
        llm_error err;
        memset(&r, 0, sizeof r);
        CHECK_EQ_INT(llm_request_parse_openai(NULL, "{}", 2, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK_EQ_INT(llm_request_parse_openai(&r, NULL, 5, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK_EQ_INT(llm_request_parse_openai(&r, NULL, 0, &err), LLM_ERR_PARSE); /* RFC 8259: no JSON text */
        llm_openai_request_free(&r);
    }
}

static const test_case cases[] = {
    TEST(malformed_messages_are_refused_naming_the_field),
    TEST(malformed_fields_tools_and_formats_are_refused),
    TEST(malformed_embeddings_are_refused),
    TEST(a_client_desc_is_filled_from_the_environment),
    TEST(logprobs_are_written_back_as_openai_documents_them),
    TEST(a_filtered_answer_keeps_its_content_filter_finish),
    TEST(a_reasoning_event_is_written_as_reasoning_content),
    TEST(openai_bodies_of_the_wrong_types_are_refused),
    TEST(a_call_a_begin_refused_can_be_fed_and_freed_safely),
    TEST(openai_sends_files_forced_tools_and_schemas_as_documented),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
