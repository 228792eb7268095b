/* OpenAI's Responses API both ways (tests/data/responses/SOURCES.md says
   where each fixture comes from): which requests go to it (LiteLLM's
   "responses/" prefix, the client's and the request's switch, a model the
   price table serves there alone) and at which URL; a broad request encoded
   as a body written by hand from the API reference, and the chat fields it
   never carries; the spec's own example answers and stream, and two
   recorded streams (tests/data/provider-samples/openai-responses/, whose
   README.md says where each comes from), decoded to values read off their
   bytes (the streams
   whole, one byte at a time and split in two at every offset); incomplete,
   failed and cut answers; and a reasoning item with its encrypted content
   carried by the conversation into the next request, and left out of a
   request anywhere else. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "encoded.h"

#define DOCS "tests/data/responses/"
#define SAMPLES "tests/data/provider-samples/openai-responses/"

static void client_for(llm_client *c, const char *provider, const char *base_url, llm_openai_api api) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.api_key = "sk-test";
    d.base_url = base_url;
    d.no_request_id = true;
    d.openai_api = api;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

static llm_message user_says(const char *text) {
    llm_message m;
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_USER;
    m.content = text;
    return m;
}

/* The URL and the body's model a request goes out with. */
static bool sent(const llm_client *c, llm_request *req, char *url, size_t url_size, char *model, size_t model_size) {
    llm_call call;
    const llm_http_request *http;
    llm_json_doc doc;
    llm_error err;
    bool ok;
    memset(&doc, 0, sizeof doc);
    if (llm_call_begin(&call, c, req, 0, &http, &err) != LLM_OK) {
        fprintf(stderr, "  refused: %s\n", err.message);
        return false;
    }
    snprintf(url, url_size, "%s", http->url);
    ok = llm_json_parse(&doc, http->body, http->body_len, NULL) == LLM_OK;
    snprintf(model, model_size, "%s", ok ? llm_json_string(llm_json_get(llm_json_root(&doc), "model"), NULL) : "");
    llm_json_doc_free(&doc);
    llm_call_free(&call);
    return ok;
}

/* Where a model the price table serves through the Responses API alone
   goes: there, unless the build has no price table to say so (then the
   API must be named, as the README says). */
#if defined(LLM_NO_COSTS) || defined(LLM_NO_COSTS_TABLE)
#define BY_MODE_URL "https://api.openai.com/v1/chat/completions"
#else
#define BY_MODE_URL "https://api.openai.com/v1/responses"
#endif

/* OpenAI's API reference: POST https://api.openai.com/v1/responses (and
   /v1/chat/completions); Azure's v1 API: {endpoint}/openai/v1/responses. */
static void which_requests_go_to_the_responses_api(void) {
    static const struct {
        const char *provider, *base, *model;
        llm_openai_api desc_api, req_api;
        const char *url, *sent_model;
    } cases[] = {
        {"openai", NULL, "openai/responses/gpt-4o", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO,
         "https://api.openai.com/v1/responses", "gpt-4o"},
        {"openai", NULL, "responses/gpt-4o", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO,
         "https://api.openai.com/v1/responses", "gpt-4o"},
        {"openai", NULL, "gpt-4o", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO,
         "https://api.openai.com/v1/chat/completions", "gpt-4o"},
        /* LiteLLM's price table: "o1-pro": {"mode": "responses", ...} */
        {"openai", NULL, "o1-pro", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO, BY_MODE_URL, "o1-pro"},
        {"openai", NULL, "openai/gpt-5-codex", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO, BY_MODE_URL, "gpt-5-codex"},
        {"openai", NULL, "gpt-4o", LLM_OPENAI_API_RESPONSES, LLM_OPENAI_API_AUTO,
         "https://api.openai.com/v1/responses", "gpt-4o"},
        {"openai", NULL, "gpt-4o", LLM_OPENAI_API_RESPONSES, LLM_OPENAI_API_CHAT,
         "https://api.openai.com/v1/chat/completions", "gpt-4o"},
        {"openai", NULL, "gpt-4o", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_RESPONSES,
         "https://api.openai.com/v1/responses", "gpt-4o"},
        {"openai", NULL, "o1-pro", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_CHAT,
         "https://api.openai.com/v1/chat/completions", "o1-pro"},
        {"azure", "https://example-resource.openai.azure.com", "azure/responses/my-deployment", LLM_OPENAI_API_AUTO,
         LLM_OPENAI_API_AUTO, "https://example-resource.openai.azure.com/openai/v1/responses", "my-deployment"},
        {"azure", "https://example-resource.openai.azure.com", "azure/my-deployment", LLM_OPENAI_API_AUTO,
         LLM_OPENAI_API_AUTO, "https://example-resource.openai.azure.com/openai/v1/chat/completions",
         "my-deployment"},
        /* OpenRouter serves o1-pro through chat completions: no automatic switch there */
        {"openrouter", NULL, "openai/o1-pro", LLM_OPENAI_API_AUTO, LLM_OPENAI_API_AUTO,
         "https://openrouter.ai/api/v1/chat/completions", "openai/o1-pro"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        llm_client c;
        llm_message m = user_says("Hi");
        llm_request req;
        char url[256], model[64];
        memset(&req, 0, sizeof req);
        req.model = cases[i].model;
        req.messages = &m;
        req.message_count = 1;
        req.openai_api = cases[i].req_api;
        client_for(&c, cases[i].provider, cases[i].base, cases[i].desc_api);
        if (!CHECK(sent(&c, &req, url, sizeof url, model, sizeof model))) continue;
        if (!CHECK_EQ_STR(url, cases[i].url) || !CHECK_EQ_STR(model, cases[i].sent_model))
            fprintf(stderr, "  case %zu: %s\n", i, cases[i].model);
    }
}

/* The conversation of request_conversation.json, as the API reference
   writes each part, and none of the chat fields. */
static void a_broad_request_is_the_hand_written_body(void) {
    static const char *const params = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
                                      "\"required\":[\"location\"]}";
    llm_message msgs[4];
    llm_content_part parts[4];
    llm_tool_call call;
    llm_tool tool;
    llm_pair meta = {"app", "demo"};
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    memset(msgs, 0, sizeof msgs);
    memset(parts, 0, sizeof parts);
    memset(&call, 0, sizeof call);
    memset(&tool, 0, sizeof tool);
    memset(&req, 0, sizeof req);
    msgs[0].role = LLM_ROLE_DEVELOPER;
    msgs[0].content = "You are a helpful assistant.";
    parts[0].type = LLM_PART_TEXT;
    parts[0].text = "What is in this image?";
    parts[1].type = LLM_PART_IMAGE_URL;
    parts[1].url = "https://example.com/cat.png";
    parts[1].detail = LLM_DETAIL_LOW;
    parts[2].type = LLM_PART_IMAGE_BASE64;
    parts[2].base64 = "iVBORw0KGgo=";
    parts[2].media_type = "image/png";
    parts[3].type = LLM_PART_DOCUMENT;
    parts[3].base64 = "JVBERi0=";
    parts[3].media_type = "application/pdf";
    parts[3].filename = "report.pdf";
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].parts = parts;
    msgs[1].part_count = 4;
    call.id = "call_abc123";
    call.name = "get_weather";
    call.arguments = "{\"location\":\"Paris\"}";
    msgs[2].role = LLM_ROLE_ASSISTANT;
    msgs[2].content = "Let me check.";
    msgs[2].tool_calls = &call;
    msgs[2].tool_call_count = 1;
    msgs[3].role = LLM_ROLE_TOOL;
    msgs[3].tool_call_id = "call_abc123";
    msgs[3].content = "{\"temperature\":18}";
    tool.name = "get_weather";
    tool.description = "Get the weather";
    tool.parameters = params;
    tool.strict = true;
    req.model = "openai/responses/gpt-4o";
    req.messages = msgs;
    req.message_count = 4;
    req.tools = &tool;
    req.tool_count = 1;
    req.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION;
    req.tool_choice.name = "get_weather";
    req.parallel_tool_calls = LLM_FALSE;
    req.has_temperature = true;
    req.temperature = 0.2;
    req.has_top_p = true;
    req.top_p = 1;
    req.max_tokens = 256;
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "answer";
    req.response_format.schema = "{\"type\":\"object\"}";
    req.response_format.strict = true;
    req.user = "user-1234";
    req.metadata = &meta;
    req.metadata_count = 1;
    req.service_tier = "auto";
    client_for(&c, "openai", NULL, LLM_OPENAI_API_AUTO);
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) {
        const llm_json *root = llm_json_root(&doc);
        CHECK(same_json_as_file(&doc, DOCS "request_conversation.json"));
        CHECK(!llm_json_get(root, "messages"));
        CHECK(!llm_json_get(root, "max_tokens"));
        CHECK(!llm_json_get(root, "max_completion_tokens"));
        CHECK(!llm_json_get(root, "response_format"));
    }
    llm_json_doc_free(&doc);
    /* streamed: stream true, and no stream_options (a chat-completions member) */
    {
        llm_call call2;
        const llm_http_request *http;
        llm_json_doc d2;
        memset(&d2, 0, sizeof d2);
        if (CHECK_EQ_INT(llm_call_begin_stream(&call2, &c, &req, 0, &http, NULL), LLM_OK) &&
            CHECK_EQ_INT(llm_json_parse(&d2, http->body, http->body_len, NULL), LLM_OK)) {
            CHECK(llm_json_bool(llm_json_get(llm_json_root(&d2), "stream"), false));
            CHECK(!llm_json_get(llm_json_root(&d2), "stream_options"));
        }
        llm_json_doc_free(&d2);
        llm_call_free(&call2);
    }
}

/* Azure's dated Responses API (its reference: POST
   https://YOUR-RESOURCE-NAME.openai.azure.com/openai/responses?api-version=2025-04-01-preview),
   the deployment named in the body. */
static void azure_dated_version(void) {
    llm_client_desc d;
    llm_client c;
    llm_message m = user_says("Hi");
    llm_request req;
    char url[256], model[64];
    memset(&d, 0, sizeof d);
    d.provider = "azure";
    d.api_key = "sk-test";
    d.base_url = "https://example-resource.openai.azure.com";
    d.api_version = "2025-04-01-preview";
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    memset(&req, 0, sizeof req);
    req.model = "azure/responses/my-deployment";
    req.messages = &m;
    req.message_count = 1;
    if (CHECK(sent(&c, &req, url, sizeof url, model, sizeof model))) {
        CHECK_EQ_STR(url, "https://example-resource.openai.azure.com/openai/responses?api-version=2025-04-01-preview");
        CHECK_EQ_STR(model, "my-deployment");
    }
}

/* What the Responses API has no field for is refused, naming it. */
static void chat_only_fields_are_refused_by_name(void) {
    llm_message m = user_says("Hi");
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    const char *stop[] = {"END"};
    memset(&req, 0, sizeof req);
    req.model = "openai/responses/gpt-4o";
    req.messages = &m;
    req.message_count = 1;
    req.stop = stop;
    req.stop_count = 1;
    client_for(&c, "openai", NULL, LLM_OPENAI_API_AUTO);
    CHECK(!body_of(&c, &req, &doc, NULL, 0, &err));
    CHECK_EQ_INT(err.code, LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "stop") != NULL);
    llm_json_doc_free(&doc);
}

/* Built-in and MCP tools (tools_json) go as given, after the function
   tools; every other format refuses them, naming the field. */
static void builtin_tools_pass_through(void) {
    static const char *const builtin =
        "[{\"type\": \"web_search_preview\"}, {\"type\": \"file_search\", \"vector_store_ids\": [\"vs_1234567890\"], "
        "\"max_num_results\": 20}, {\"type\": \"mcp\", \"server_label\": \"deepwiki\", \"server_url\": "
        "\"https://mcp.deepwiki.com/mcp\", \"require_approval\": \"never\"}]";
    static const char *const providers[] = {"openai", "anthropic", "gemini"};
    llm_message m = user_says("What are the attributes of an ancient brown dragon?");
    llm_tool dice;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    size_t i;
    memset(&dice, 0, sizeof dice);
    memset(&req, 0, sizeof req);
    dice.name = "roll_dice";
    req.model = "openai/responses/gpt-5.4";
    req.messages = &m;
    req.message_count = 1;
    req.tools = &dice;
    req.tool_count = 1;
    req.tools_json = builtin;
    client_for(&c, "openai", NULL, LLM_OPENAI_API_AUTO);
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) CHECK(same_json_as_file(&doc, DOCS "builtin_tools_request.json"));
    llm_json_doc_free(&doc);
    req.tools_json = "{\"type\": \"web_search_preview\"}";
    CHECK(!body_of(&c, &req, &doc, NULL, 0, &err));
    CHECK(strstr(err.message, "tools_json") != NULL);
    req.tools_json = builtin;
    for (i = 0; i < 3; i++) {
        client_for(&c, providers[i], NULL, LLM_OPENAI_API_AUTO);
        req.model = i == 0 ? "gpt-4o" : i == 1 ? "claude-sonnet-4-5" : "gemini-2.5-flash";
        req.max_tokens = 100;
        CHECK(!body_of(&c, &req, &doc, NULL, 0, &err));
        if (!CHECK(strstr(err.message, "tools_json") != NULL)) fprintf(stderr, "  %s: %s\n", providers[i], err.message);
    }
}

/* OpenAI's remote token count is the Responses API's POST
   /responses/input_tokens, whatever API the model's answers use: the
   spec's example request and answer (input_tokens_*.json). */
static void the_remote_count_is_the_responses_endpoint(void) {
    static const char *const models[] = {"gpt-5", "openai/responses/gpt-5"};
    llm_message m = user_says("Tell me a joke.");
    llm_request req;
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_token_count out;
    llm_json_doc doc;
    size_t len, i;
    char *answer = TEST_READ_FIXTURE(DOCS "input_tokens_answer.json", &len);
    if (!answer) return;
    client_for(&c, "openai", NULL, LLM_OPENAI_API_AUTO);
    for (i = 0; i < 2; i++) {
        memset(&req, 0, sizeof req);
        req.model = models[i];
        req.messages = &m;
        req.message_count = 1;
        req.max_tokens = 100; /* not a member of the count's body */
        http = NULL;
        if (!CHECK_EQ_INT(llm_call_begin_count_tokens(&call, &c, &req, 0, &http, NULL), LLM_OK)) continue;
        if (!CHECK(http != NULL)) {
            llm_call_free(&call);
            continue;
        }
        CHECK_EQ_STR(http->url, "https://api.openai.com/v1/responses/input_tokens");
        memset(&doc, 0, sizeof doc);
        if (CHECK_EQ_INT(llm_json_parse(&doc, http->body, http->body_len, NULL), LLM_OK))
            CHECK(same_json_as_file(&doc, DOCS "input_tokens_request.json"));
        llm_json_doc_free(&doc);
        llm_call_feed_status(&call, 200);
        llm_call_feed_body(&call, answer, len);
        if (CHECK_EQ_INT(llm_call_finish_count_tokens(&call, 0, &out, NULL), LLM_OK)) CHECK_EQ_INT(out.input_tokens, 11);
        llm_call_free(&call);
    }
    free(answer);
}

static char *read_fixture(const char *name, size_t *len) {
    char path[256];
    snprintf(path, sizeof path, SAMPLES "%s", name);
    return TEST_READ_FIXTURE(path, len);
}

/* The spec's "Text input" example answer. */
static void the_text_example_decodes(void) {
    size_t len;
    char *body = read_fixture("text_input.json", &len);
    llm_response resp;
    if (!body) return;
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, body, len, false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.id, "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
        CHECK_EQ_STR(resp.model, "gpt-5.4");
        CHECK_EQ_STR(resp.object, "response");
        CHECK_EQ_INT(resp.created, 1741476542);
        CHECK(strncmp(resp.choices[0].content, "In a peaceful grove beneath a silver moon, a unicorn named Lumina", 65) ==
              0);
        CHECK(strstr(resp.choices[0].content, "her hoofprints sparkled like stardust.") != NULL);
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
        CHECK_EQ_STR(resp.choices[0].finish_reason_raw, "completed");
        CHECK_EQ_INT(resp.choices[0].tool_call_count, 0);
        CHECK_EQ_INT(resp.usage.source, LLM_USAGE_REPORTED);
        CHECK_EQ_INT(resp.usage.prompt_tokens, 36);
        CHECK_EQ_INT(resp.usage.completion_tokens, 87);
        CHECK_EQ_INT(resp.usage.total_tokens, 123);
        CHECK_EQ_INT(resp.usage.cached_tokens, 0);
        CHECK_EQ_INT(resp.usage.reasoning_tokens, 0);
    }
    llm_response_free(&resp);
    free(body);
}

/* The spec's "Functions" and "Reasoning" example answers. */
static void the_function_and_reasoning_examples_decode(void) {
    size_t len;
    char *fn = read_fixture("functions.json", &len), *rs;
    llm_response resp;
    if (!fn) return;
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, fn, len, false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1) && CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "call_unLAR8MvFNptuiZK6K6HCy5k");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "get_current_weather");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}");
        CHECK(!resp.choices[0].tool_calls[0].arguments_invalid);
        CHECK(resp.choices[0].content == NULL);
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
        CHECK_EQ_INT(resp.usage.prompt_tokens, 291);
        CHECK_EQ_INT(resp.usage.completion_tokens, 23);
        CHECK_EQ_INT(resp.usage.total_tokens, 314);
    }
    llm_response_free(&resp);
    free(fn);
    if (!(rs = read_fixture("reasoning.json", &len))) return;
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, rs, len, false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].content, "The classic tongue twister...");
        CHECK_EQ_STR(resp.model, "o1-2024-12-17");
        CHECK_EQ_INT(resp.usage.prompt_tokens, 81);
        CHECK_EQ_INT(resp.usage.completion_tokens, 1035);
        CHECK_EQ_INT(resp.usage.reasoning_tokens, 832);
        CHECK_EQ_INT(resp.usage.total_tokens, 1116);
    }
    llm_response_free(&resp);
    free(rs);
}

/* status "incomplete": incomplete_details.reason max_output_tokens is a
   length finish; "failed" with its error is the error it names. */
static void incomplete_and_failed_answers(void) {
    size_t len;
    char *inc = read_fixture("incomplete.json", &len), *failed;
    llm_response resp;
    llm_error err;
    if (!inc) return;
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, inc, len, false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_LENGTH);
        CHECK_EQ_STR(resp.choices[0].finish_reason_raw, "max_output_tokens");
        CHECK_EQ_STR(resp.choices[0].content, "The first three primes are 2, 3 and");
        CHECK_EQ_INT(resp.usage.reasoning_tokens, 50);
    }
    llm_response_free(&resp);
    free(inc);
    {
        static const char filtered[] = "{\"id\":\"r\",\"object\":\"response\",\"status\":\"incomplete\","
                                       "\"incomplete_details\":{\"reason\":\"content_filter\"},\"output\":[]}";
        if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, filtered, sizeof filtered - 1, false, &resp, NULL),
                         LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1))
            CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_CONTENT_FILTER);
        llm_response_free(&resp);
    }
    if (!(failed = read_fixture("failed.json", &len))) return;
    CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, failed, len, false, &resp, &err), LLM_ERR_SERVER);
    CHECK_EQ_STR(err.message, "The model failed to generate a response.");
    CHECK_EQ_STR(err.provider_code, "server_error");
    llm_response_free(&resp);
    free(failed);
}

/* A refusal part (the spec's RefusalContent: {type: "refusal",
   refusal}) is the refusal, whole and streamed (response.refusal.delta). */
static void a_refusal_decodes(void) {
    static const char body[] =
        "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-4o\",\"output\":[{\"type\":"
        "\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":[{\"type\":\"refusal\","
        "\"refusal\":\"I'm sorry, I cannot help with that.\"}]}]}";
    static const char sse[] =
        "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":"
        "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[]}}\n\n"
        "event: response.refusal.delta\ndata: {\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,"
        "\"content_index\":0,\"delta\":\"I'm sorry, \"}\n\n"
        "event: response.refusal.delta\ndata: {\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,"
        "\"content_index\":0,\"delta\":\"I cannot help with that.\"}\n\n"
        "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":"
        "\"completed\",\"output\":[]}}\n\n";
    llm_response resp;
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, body, sizeof body - 1, false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].refusal, "I'm sorry, I cannot help with that.");
        CHECK(resp.choices[0].content == NULL);
    }
    llm_response_free(&resp);
    if (CHECK_EQ_INT(llm_decode_recorded("openai-responses", 200, sse, sizeof sse - 1, true, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1))
        CHECK_EQ_STR(resp.choices[0].refusal, "I'm sorry, I cannot help with that.");
    llm_response_free(&resp);
}

/* Runs a recorded stream through a decode-only call fed in the chunks
   `split` gives (0: whole; 1: one byte at a time; k > 1: two chunks cut at
   k - 1); the text events' concatenation into *text. */
static llm_result feed(const char *sse, size_t len, size_t split, llm_response *resp, llm_error *err, char *text,
                       size_t text_size) {
    llm_client c;
    llm_call call;
    llm_event ev;
    size_t i, tlen = 0;
    llm_result r;
    memset(resp, 0, sizeof *resp); /* a refused call never reaches llm_call_finish */
    client_for(&c, "openai", NULL, LLM_OPENAI_API_RESPONSES);
    text[0] = '\0';
    if (llm_call_begin_decode(&call, &c, true, NULL, err) != LLM_OK) return LLM_ERR_INVALID_ARGUMENT;
    llm_call_feed_status(&call, 200);
    for (i = 0; i < len;) {
        size_t n = split == 0 ? len : split == 1 ? 1 : (i == 0 ? split - 1 : len - i);
        if (n > len - i) n = len - i;
        llm_call_feed_body(&call, sse + i, n);
        i += n;
        while (llm_call_next_event(&call, &ev) == LLM_OK)
            if (ev.type == LLM_EVENT_TEXT && tlen + ev.text_len < text_size) {
                memcpy(text + tlen, ev.text, ev.text_len);
                text[tlen += ev.text_len] = '\0';
            }
    }
    r = llm_call_finish(&call, 0, resp, err);
    llm_call_free(&call);
    return r;
}

/* The spec's "Streaming" example (its elided deltas left out: the item's
   done event carries the whole text): the text of output_text.done. */
static void the_streaming_example_whole_per_byte_and_split(void) {
    size_t len, split;
    char *sse = read_fixture("streaming.sse", &len), text[256];
    int bad = 0;
    if (!sse) return;
    for (split = 0; split <= len + 1 && bad < 3; split++) {
        llm_response resp;
        llm_error err;
        llm_result r = feed(sse, len, split, &resp, &err, text, sizeof text);
        bool ok = r == LLM_OK && resp.choice_count == 1 && resp.choices[0].content &&
                  strcmp(resp.choices[0].content, "Hi there! How can I assist you today?") == 0 &&
                  strcmp(text, "Hi there! How can I assist you today?") == 0 &&
                  resp.choices[0].finish_reason == LLM_FINISH_STOP && resp.usage.prompt_tokens == 37 &&
                  resp.usage.completion_tokens == 11 && resp.usage.total_tokens == 48 && resp.id &&
                  strcmp(resp.id, "resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654") == 0 && resp.model &&
                  strcmp(resp.model, "gpt-5.4") == 0 && resp.created == 1741290958;
        if (!CHECK(ok)) {
            fprintf(stderr, "  split %zu: %s (%s) content=%s\n", split, llm_result_str(r), err.message,
                    resp.choice_count ? resp.choices[0].content : "(none)");
            bad++;
        }
        llm_response_free(&resp);
    }
    free(sse);
}

/* A recorded o3-mini stream (a reasoning item, then a function call),
   fed every way: the call as the done event has it, the reasoning item
   kept as a block. */
static void a_recorded_reasoning_call_stream(void) {
    size_t len, split;
    char *sse = read_fixture("stream_reasoning_function_call.sse", &len), text[16];
    int bad = 0;
    if (!sse) return;
    for (split = 0; split <= len + 1 && bad < 3; split++) {
        llm_response resp;
        llm_error err;
        llm_result r = feed(sse, len, split, &resp, &err, text, sizeof text);
        const llm_choice *c = resp.choice_count ? &resp.choices[0] : NULL;
        bool ok = r == LLM_OK && c && c->tool_call_count == 1 &&
                  strcmp(c->tool_calls[0].id, "call_GLsIMps0vfGJeDhu3zAjy3wd") == 0 &&
                  strcmp(c->tool_calls[0].name, "search") == 0 &&
                  strcmp(c->tool_calls[0].arguments, "{\"query\": \"Detroit Tigers game today start time\"}") == 0 &&
                  c->finish_reason == LLM_FINISH_TOOL_CALLS && c->reasoning_block_count == 1 &&
                  c->reasoning_blocks[0].kind == LLM_REASONING_ITEM &&
                  strcmp(c->reasoning_blocks[0].id, "rs_6859a4bf849c819abf1f2771923bab5c0a7ba57447365234") == 0 &&
                  strcmp(c->reasoning_blocks[0].summary, "[]") == 0 && c->reasoning_blocks[0].data == NULL &&
                  c->reasoning_format && strcmp(c->reasoning_format, "openai-responses") == 0 &&
                  resp.usage.prompt_tokens == 78 && resp.usage.completion_tokens == 532 &&
                  resp.usage.reasoning_tokens == 512 && resp.usage.total_tokens == 610 &&
                  strcmp(resp.model, "o3-mini-2025-01-31") == 0;
        if (!CHECK(ok)) {
            fprintf(stderr, "  split %zu: %s (%s)\n", split, llm_result_str(r), err.message);
            bad++;
        }
        llm_response_free(&resp);
    }
    free(sse);
}

/* A recorded gpt-4o stream with two calls in one answer, in their order. */
static void a_recorded_parallel_calls_stream(void) {
    size_t len, split;
    char *sse = read_fixture("stream_parallel_function_calls.sse", &len), text[16];
    int bad = 0;
    if (!sse) return;
    for (split = 0; split <= len + 1 && bad < 3; split++) {
        llm_response resp;
        llm_error err;
        llm_result r = feed(sse, len, split, &resp, &err, text, sizeof text);
        const llm_choice *c = resp.choice_count ? &resp.choices[0] : NULL;
        bool ok = r == LLM_OK && c && c->tool_call_count == 2 &&
                  strcmp(c->tool_calls[0].id, "call_GXd80NWdsX8ng3xdeNLeA42o") == 0 &&
                  strcmp(c->tool_calls[0].name, "search") == 0 &&
                  strcmp(c->tool_calls[0].arguments, "{\"query\":\"Detroit Tigers game time October 6, 2023\"}") == 0 &&
                  strcmp(c->tool_calls[1].id, "call_qfdHN9tTntv02109c9RNnGGe") == 0 &&
                  strcmp(c->tool_calls[1].name, "weather") == 0 &&
                  strcmp(c->tool_calls[1].arguments, "{\"city\":\"Detroit\"}") == 0 &&
                  c->finish_reason == LLM_FINISH_TOOL_CALLS && resp.usage.prompt_tokens == 92 &&
                  resp.usage.completion_tokens == 52 && resp.usage.total_tokens == 144;
        if (!CHECK(ok)) {
            fprintf(stderr, "  split %zu: %s (%s)\n", split, llm_result_str(r), err.message);
            bad++;
        }
        llm_response_free(&resp);
    }
    free(sse);
}

/* The spec's streaming example's text delta, as it is, three times, then
   with a sequence_number as the recorded streams carry it (5, 6, 1e2: a
   number in any JSON form): each is read where it lies (the call's event
   document never gets a value) and is the text its bytes say; one whose
   number is 07 is not JSON (RFC 8259 section 6: no leading zero). */
static void text_deltas_are_read_in_place(void) {
    static const char *const seqs[] = {"", "", "", "5", "6", "1e2", "07"};
    size_t len, i, six = 0;
    char *sse = read_fixture("streaming.sse", &len), *at, *end, body[2048], log[64];
    llm_client c;
    llm_call call;
    llm_event ev;
    llm_error err;
    if (!sse) return;
    at = strstr(sse, "data: {\"type\":\"response.output_text.delta\",");
    end = at ? strstr(at, "\n\n") : NULL;
    if (!CHECK(end && (size_t)(end + 2 - at) * 7 + 200 < sizeof body)) { free(sse); return; }
    body[0] = '\0';
    for (i = 0; i < 7; i++) {
        size_t head = strlen("data: {\"type\":\"response.output_text.delta\",");
        if (i == 6) six = strlen(body);
        strncat(body, at, head);
        if (seqs[i][0]) {
            strcat(body, "\"sequence_number\":");
            strcat(body, seqs[i]);
            strcat(body, ",");
        }
        strncat(body, at + head, (size_t)(end + 2 - at) - head);
    }
    client_for(&c, "openai", NULL, LLM_OPENAI_API_RESPONSES);
    if (CHECK_EQ_INT(llm_call_begin_decode(&call, &c, true, NULL, &err), LLM_OK)) {
        CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
        CHECK_EQ_INT(llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17), LLM_OK);
        CHECK_EQ_INT(llm_call_feed_body(&call, body, six), LLM_OK);
        log[0] = '\0';
        while (llm_call_next_event(&call, &ev) == LLM_OK && strlen(log) < sizeof log - 16)
            if (ev.type == LLM_EVENT_TEXT) strncat(log, ev.text, ev.text_len);
        CHECK_EQ_STR(log, "HiHiHiHiHiHi");
        CHECK_EQ_INT((int)call.chunk_.capacity_, 0);
        llm_call_feed_body(&call, body + six, strlen(body + six)); /* the seventh */
        while (llm_call_next_event(&call, &ev) == LLM_OK) {}
        CHECK_EQ_INT(call.error_, LLM_ERR_PARSE);
        llm_call_free(&call);
    }
    free(sse);
}

/* A stream cut before response.completed is TRUNCATED (its text kept);
   response.incomplete ends it with its reason; response.failed and an
   error event end it with the error. */
static void how_a_stream_ends(void) {
    size_t len;
    char *sse = read_fixture("streaming.sse", &len), text[128];
    const char *cut;
    llm_response resp;
    llm_error err;
    static const char incomplete[] =
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"output_index\":0,"
        "\"content_index\":0,\"delta\":\"2, 3 and\"}\n\n"
        "event: response.incomplete\ndata: {\"type\":\"response.incomplete\",\"response\":{\"id\":\"resp_1\","
        "\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":[],"
        "\"usage\":{\"input_tokens\":5,\"output_tokens\":7,\"total_tokens\":12}}}\n\n";
    static const char failed[] =
        "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":"
        "\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model failed.\"},\"output\":[]}}\n\n";
    static const char error_event[] =
        "event: error\ndata: {\"type\":\"error\",\"code\":\"ERR_SOMETHING\",\"message\":\"Something went wrong\","
        "\"param\":null,\"sequence_number\":1}\n\n";
    if (!sse) return;
    cut = strstr(sse, "event: response.completed");
    if (CHECK(cut != NULL)) {
        if (CHECK_EQ_INT(feed(sse, (size_t)(cut - sse), 0, &resp, &err, text, sizeof text), LLM_ERR_TRUNCATED) &&
            CHECK_EQ_INT(resp.choice_count, 1))
            CHECK_EQ_STR(resp.choices[0].content, "Hi there! How can I assist you today?");
        llm_response_free(&resp);
    }
    free(sse);
    if (CHECK_EQ_INT(feed(incomplete, sizeof incomplete - 1, 0, &resp, &err, text, sizeof text), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_LENGTH);
        CHECK_EQ_STR(resp.choices[0].content, "2, 3 and");
        CHECK_EQ_INT(resp.usage.total_tokens, 12);
    }
    llm_response_free(&resp);
    CHECK_EQ_INT(feed(failed, sizeof failed - 1, 0, &resp, &err, text, sizeof text), LLM_ERR_SERVER);
    CHECK_EQ_STR(err.message, "The model failed.");
    llm_response_free(&resp);
    CHECK(feed(error_event, sizeof error_event - 1, 0, &resp, &err, text, sizeof text) < 0);
    CHECK_EQ_STR(err.message, "Something went wrong");
    llm_response_free(&resp);
}

/* Reasoning summary deltas in two parts: the reasoning text joins them
   with a blank line, as the whole answer's decoding does. */
static void summary_parts_join_as_in_a_whole_answer(void) {
    static const char sse[] =
        "data: {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"rs_1\","
        "\"type\":\"reasoning\",\"summary\":[]}}\n\n"
        "data: {\"type\":\"response.reasoning_summary_text.delta\",\"output_index\":0,\"summary_index\":0,"
        "\"delta\":\"**First**\"}\n\n"
        "data: {\"type\":\"response.reasoning_summary_text.delta\",\"output_index\":0,\"summary_index\":1,"
        "\"delta\":\"**Second**\"}\n\n"
        "data: {\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":"
        "\"reasoning\",\"encrypted_content\":\"gAAA==\",\"summary\":[{\"type\":\"summary_text\",\"text\":"
        "\"**First**\"},{\"type\":\"summary_text\",\"text\":\"**Second**\"}]}}\n\n"
        "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\","
        "\"output\":[]}}\n\n";
    llm_response resp;
    llm_error err;
    char text[16];
    if (CHECK_EQ_INT(feed(sse, sizeof sse - 1, 0, &resp, &err, text, sizeof text), LLM_OK) &&
        CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].reasoning, "**First**\n\n**Second**");
        CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].data, "gAAA==");
        CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].summary,
                     "[{\"type\":\"summary_text\",\"text\":\"**First**\"},{\"type\":\"summary_text\",\"text\":"
                     "\"**Second**\"}]");
    }
    llm_response_free(&resp);
}

/* The reasoning item and the call of reasoning_function_call_response.json,
   carried by the conversation, go back in the next request as
   reasoning_function_call_next_request.json; to another model, another
   provider or chat completions they are left out. */
static void the_reasoning_item_round_trips(void) {
    static const char *const params = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
                                      "\"required\":[\"location\"]}";
    size_t len, count;
    char *answer = read_fixture("reasoning_function_call_response.json", &len);
    llm_conversation conv;
    llm_message first = user_says("What is the weather in Paris?");
    llm_tool tool;
    llm_request req;
    llm_client c, chat, other;
    llm_json_doc doc;
    llm_call call;
    const llm_http_request *http;
    const llm_message *msgs;
    llm_response resp;
    if (!answer) return;
    memset(&conv, 0, sizeof conv);
    memset(&tool, 0, sizeof tool);
    memset(&req, 0, sizeof req);
    client_for(&c, "openai", NULL, LLM_OPENAI_API_AUTO);
    tool.name = "get_weather";
    tool.description = "Get the current weather in a given location";
    tool.parameters = params;
    req.model = "openai/responses/o4-mini";
    req.tools = &tool;
    req.tool_count = 1;
    req.reasoning_effort = "low";
    CHECK_EQ_INT(llm_conversation_add(&conv, &first), LLM_OK);
    /* the answer as the call that sent req decodes it (its origin and model recorded) */
    req.messages = llm_conversation_messages(&conv, &count);
    req.message_count = count;
    if (!CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, NULL), LLM_OK)) return;
    llm_call_feed_status(&call, 200);
    llm_call_feed_body(&call, answer, len);
    if (!CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, NULL), LLM_OK) ||
        !CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) {
        llm_call_free(&call);
        free(answer);
        return;
    }
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].data, "gAAAAABoRoundTripOpaque0123456789==");
    CHECK_EQ_STR(resp.choices[0].reasoning,
                 "**Checking the weather**\n\nThe user wants Paris; I should call get_weather.\n\n"
                 "**Choosing the unit**\n\nCelsius fits Paris.");
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_rt_1", "{\"temperature_c\":18}"), LLM_OK);
    llm_response_free(&resp);
    llm_call_free(&call);
    req.messages = msgs = llm_conversation_messages(&conv, &count);
    req.message_count = count;
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL)))
        CHECK(same_json_as_file(&doc, DOCS "reasoning_function_call_next_request.json"));
    llm_json_doc_free(&doc);
    /* another model: the item is left out, the call stays */
    req.model = "openai/responses/o3";
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) {
        const llm_json *input = llm_json_get(llm_json_root(&doc), "input");
        CHECK_EQ_INT(llm_json_count(input), 3);
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(input, 1), "type"), NULL), "function_call");
    }
    llm_json_doc_free(&doc);
    /* chat completions, and Anthropic: nothing of it */
    client_for(&chat, "openai", NULL, LLM_OPENAI_API_CHAT);
    req.model = "o4-mini";
    if (CHECK(body_of(&chat, &req, &doc, NULL, 0, NULL)))
        CHECK(!llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "messages"), 1), "reasoning"));
    llm_json_doc_free(&doc);
    client_for(&other, "anthropic", NULL, LLM_OPENAI_API_AUTO);
    req.model = "claude-sonnet-4-5";
    req.reasoning_effort = NULL;
    req.max_tokens = 1024;
    if (CHECK(body_of(&other, &req, &doc, NULL, 0, NULL))) {
        const llm_json *content = llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "messages"), 1), "content");
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(content, 0), "type"), NULL), "tool_use");
    }
    llm_json_doc_free(&doc);
    (void)msgs;
    llm_conversation_free(&conv);
    free(answer);
}

int main(int argc, char **argv) {
    static const test_case cases[] = {
        TEST(which_requests_go_to_the_responses_api),
        TEST(azure_dated_version),
        TEST(a_broad_request_is_the_hand_written_body),
        TEST(chat_only_fields_are_refused_by_name),
        TEST(builtin_tools_pass_through),
        TEST(the_text_example_decodes),
        TEST(the_function_and_reasoning_examples_decode),
        TEST(incomplete_and_failed_answers),
        TEST(a_refusal_decodes),
        TEST(the_streaming_example_whole_per_byte_and_split),
        TEST(a_recorded_reasoning_call_stream),
        TEST(a_recorded_parallel_calls_stream),
        TEST(how_a_stream_ends),
        TEST(text_deltas_are_read_in_place),
        TEST(summary_parts_join_as_in_a_whole_answer),
        TEST(the_reasoning_item_round_trips),
        TEST(the_remote_count_is_the_responses_endpoint),
    };
    return test_main(cases, TEST_COUNT(cases), argc, argv);
}
