/* Anthropic Messages both ways: the thinking + tool use round trip of
   Anthropic's documentation (tests/data/anthropic/SOURCES.md), reasoning
   blocks kept from answers and streams and sent back to Anthropic only, the
   structured answer through the forced tool, max_tokens from the price
   table, the prompt-caching page's usage with cache reads and writes. Expected values come from the documentation's bodies and the
   recorded streams' bytes. (The request schema is checked by make
   check-schema: encode_matrix --provider anthropic.) */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "encoded.h"

#define DOCS "tests/data/anthropic/"
#define SAMPLES "tests/data/provider-samples/anthropic/"

static const char *const weather_schema =
    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"City name\"}},\"required\":[\"location\"]}";

static void client_for(llm_client *c, const char *provider, bool drop) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.base_url = strcmp(provider, "azure") == 0 ? "https://example.openai.azure.com" : NULL; /* Azure has no default */
    d.api_key = "sk-test";
    d.no_request_id = true;
    d.drop_unsupported = drop;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* The body llm_call_begin writes for req, parsed into doc (false: refused). */
/* The documentation's exchange: the answer decodes with its thinking block
   kept; the conversation helper carries it; the next request equals the
   one the page shows; an OpenAI-format provider gets none of it. */
static void the_documented_thinking_round_trip(void) {
    static const char *const providers[] = {"openai", "openrouter", "azure"};
    size_t len, i;
    char *answer = TEST_READ_FIXTURE(DOCS "thinking_tool_use_response.json", &len);
    llm_response resp;
    llm_conversation conv;
    llm_message user;
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    char body[4096];
    const llm_message *msgs;
    size_t count;
    if (!answer) return;
    memset(&conv, 0, sizeof conv);
    memset(&user, 0, sizeof user);
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, answer, len, false, &resp, NULL), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1);
    CHECK_EQ_INT(resp.choices[0].reasoning_blocks[0].kind, LLM_REASONING_THINKING);
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].signature, "BDaL4VrbR2Oj0hO4XpJxT28J5T....");
    CHECK_EQ_STR(resp.choices[0].reasoning_format, "anthropic-messages");
    CHECK_EQ_STR(resp.choices[0].content, "I can help you get the current weather information for Paris. Let me check that for you");
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
    user.role = LLM_ROLE_USER;
    user.content = "What's the weather in Paris?";
    CHECK_EQ_INT(llm_conversation_add(&conv, &user), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, resp.choices[0].tool_calls[0].id, "Current temperature: 88\xc2\xb0" "F"), LLM_OK);
    llm_response_free(&resp); /* the conversation holds its own copies */
    msgs = llm_conversation_messages(&conv, &count);
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = "Get current weather for a location";
    tool.parameters = weather_schema;
    memset(&req, 0, sizeof req);
    req.model = "claude-opus-4-8";
    req.max_tokens = 16000;
    req.messages = msgs;
    req.message_count = count;
    req.tools = &tool;
    req.tool_count = 1;
    req.extra_body = "{\"thinking\":{\"type\":\"adaptive\"}}"; /* the page's thinking, as given */
    client_for(&c, "anthropic", false);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL))) {
        if (!CHECK(same_json_as_file(&doc, DOCS "thinking_tool_use_next_request.json"))) fprintf(stderr, "  sent: %s\n", body);
    }
    llm_json_doc_free(&doc);
    req.extra_body = NULL;
    for (i = 0; i < TEST_COUNT(providers); i++) { /* another wire format: the reasoning state stays home */
        req.model = "gpt-4o";
        client_for(&c, providers[i], false);
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
            if (!CHECK(!strstr(body, "signature") && !strstr(body, "BDaL4Vrb") && !strstr(body, "thinking") && !strstr(body, "has access to a function")))
                fprintf(stderr, "  %s got: %s\n", providers[i], body);
        llm_json_doc_free(&doc);
    }
    llm_conversation_free(&conv);
    free(answer);
}

/* A recorded stream's thinking block: its text and signature kept as the
   deltas gave them, then sent back first in the assistant turn. */
static void a_streamed_thinking_block_is_kept(void) {
    size_t len;
    char *sse = TEST_READ_FIXTURE(SAMPLES "docs_stream_thinking.sse", &len);
    llm_response resp;
    llm_conversation conv;
    llm_message next;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    const llm_json *assistant, *first;
    const llm_message *msgs;
    size_t count;
    if (!sse) return;
    memset(&conv, 0, sizeof conv);
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, len, true, &resp, NULL), LLM_OK);
    if (!CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) {
        llm_response_free(&resp);
        free(sse);
        return;
    }
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].thinking, resp.choices[0].reasoning); /* the same deltas */
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].signature, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...");
    memset(&next, 0, sizeof next);
    next.role = LLM_ROLE_USER;
    next.content = "Now 27 * 454.";
    memset(&req, 0, sizeof req);
    {
        llm_message first_turn;
        memset(&first_turn, 0, sizeof first_turn);
        first_turn.role = LLM_ROLE_USER;
        first_turn.content = "What is 27 * 453?";
        CHECK_EQ_INT(llm_conversation_add(&conv, &first_turn), LLM_OK);
    }
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add(&conv, &next), LLM_OK);
    msgs = llm_conversation_messages(&conv, &count);
    req.model = "claude-sonnet-4-5";
    req.messages = msgs;
    req.message_count = count;
    client_for(&c, "anthropic", false);
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) {
        assistant = llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "messages"), 1), "content");
        first = llm_json_at(assistant, 0);
        CHECK_EQ_STR(llm_json_string(llm_json_get(first, "type"), NULL), "thinking");
        CHECK_EQ_STR(llm_json_string(llm_json_get(first, "signature"), NULL), "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...");
        CHECK_EQ_STR(llm_json_string(llm_json_get(first, "thinking"), NULL), resp.choices[0].reasoning);
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(assistant, 1), "text"), NULL), "27 * 453 = 12,231");
    }
    llm_json_doc_free(&doc);
    llm_response_free(&resp);
    llm_conversation_free(&conv);
    free(sse);
}

/* #21: input_json_delta pieces that add up to text that is not JSON (what
   an Anthropic-compatible server in front of a small model can send; the
   streams Anthropic documents always add up to an object) get the verdict
   of an OpenAI-format stream: the call keeps the text, flagged, and the
   answer its text and usage; fed whole and one byte at a time. */
static void input_json_that_is_not_json_is_kept_flagged(void) {
    static const char sse[] =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
        "\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
        "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
        "\"partial_json\":\"{'city': \"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
        "\"partial_json\":\"'Paris'}\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":12}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    size_t len = sizeof sse - 1, i;
    int mode;
    for (mode = 0; mode < 2; mode++) {
        llm_client c;
        llm_call call;
        llm_event ev;
        llm_response resp;
        llm_error err;
        bool flagged_end = false;
        client_for(&c, "anthropic", false);
        CHECK_EQ_INT(llm_call_begin_decode(&call, &c, true, NULL, NULL), LLM_OK);
        llm_call_feed_status(&call, 200);
        for (i = 0; i < len; i += mode ? 1 : len) {
            llm_call_feed_body(&call, sse + i, mode ? 1 : len);
            while (llm_call_next_event(&call, &ev) == LLM_OK)
                if (ev.type == LLM_EVENT_TOOL_CALL_END) flagged_end = ev.tool_arguments_invalid;
        }
        if (CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1) &&
            CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
            CHECK_EQ_STR(resp.choices[0].content, "Checking.");
            CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
            CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "toolu_1");
            CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{'city': 'Paris'}");
            CHECK(resp.choices[0].tool_calls[0].arguments_invalid);
            CHECK_EQ_INT(resp.usage.prompt_tokens, 20);
            CHECK_EQ_INT(resp.usage.completion_tokens, 12);
        }
        CHECK(flagged_end);
        llm_response_free(&resp);
        llm_call_free(&call);
    }
}

/* Redacted thinking (the data of Anthropic's "Thinking redaction" example),
   from a body and from a stream, in order with the thinking beside it. */
static void redacted_thinking_is_kept_in_order(void) {
    static const char body[] =
        "{\"type\":\"message\",\"role\":\"assistant\",\"stop_reason\":\"end_turn\",\"content\":["
        "{\"type\":\"thinking\",\"thinking\":\"Let me analyze this step by step...\",\"signature\":\"WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL....\"},"
        "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB9URj2pLmN3kF8/dW5hR7xJ0aP1oLs9yTcMnKVf2wRpEGjH9XZaBt4UvDcPrQ...\"},"
        "{\"type\":\"text\",\"text\":\"Based on my analysis...\"}]}";
    static const char stream[] =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"think.\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"CgIY\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"Done.\"}}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    llm_response resp;
    const llm_reasoning_block *b;
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, sizeof body - 1, false, &resp, NULL), LLM_OK);
    if (CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 2)) {
        b = resp.choices[0].reasoning_blocks;
        CHECK(b[0].kind == LLM_REASONING_THINKING && strncmp(b[0].signature, "WaUjzkypQ2mU", 12) == 0);
        CHECK(b[1].kind == LLM_REASONING_REDACTED && strncmp(b[1].data, "EmwKAhgBEgy3va3pzix/", 20) == 0);
    }
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, stream, sizeof stream - 1, true, &resp, NULL), LLM_OK);
    if (CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 2)) {
        b = resp.choices[0].reasoning_blocks;
        CHECK(b[0].kind == LLM_REASONING_REDACTED);
        CHECK_EQ_STR(b[0].data, "EmwKAhgBEgy3va3pzix");
        CHECK(b[1].kind == LLM_REASONING_THINKING);
        CHECK_EQ_STR(b[1].thinking, "Let me think.");
        CHECK_EQ_STR(b[1].signature, "EqQBCgIY");
    }
    CHECK_EQ_STR(resp.choices[0].content, "Done.");
    llm_response_free(&resp);
}

/* A structured answer for a model without output_config.format comes as
   the forced tool's input: unwrapped into the content, from a body and a
   stream; cut at max_tokens it is an error, not half a JSON value. */
static llm_result forced_tool_answer(const char *answer, bool stream, llm_response *resp, llm_error *err) {
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Capital of France, and how sure?"};
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_request req;
    llm_result r;
    memset(resp, 0, sizeof *resp); /* a refused call never reaches llm_call_finish */
    memset(&req, 0, sizeof req);
    req.model = "claude-3-5-haiku-20241022";
    req.messages = &hello;
    req.message_count = 1;
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "answer";
    req.response_format.schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"sure\":{\"type\":\"number\"}}}";
    client_for(&c, "anthropic", false);
    r = stream ? llm_call_begin_stream(&call, &c, &req, 0, &http, err) : llm_call_begin(&call, &c, &req, 0, &http, err);
    if (r != LLM_OK) return r;
    CHECK(strstr(http->body, "\"tool_choice\":{\"type\":\"tool\",\"name\":\"json_tool_call\"}") != NULL);
    llm_call_feed_status(&call, 200);
    if (stream) llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17);
    llm_call_feed_body(&call, answer, strlen(answer));
    r = llm_call_finish(&call, 0, resp, err);
    llm_call_free(&call);
    return r;
}

static void a_structured_answer_through_the_forced_tool(void) {
    static const char body[] = "{\"type\":\"message\",\"role\":\"assistant\",\"stop_reason\":\"tool_use\",\"content\":["
                               "{\"type\":\"text\",\"text\":\"Here it is:\"},"
                               "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"json_tool_call\",\"input\":{\"city\":\"Paris\",\"sure\":0.9}}]}";
    static const char cut[] = "{\"type\":\"message\",\"role\":\"assistant\",\"stop_reason\":\"max_tokens\",\"content\":["
                              "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"json_tool_call\",\"input\":{\"city\":\"Par\"}}]}";
    static const char stream[] =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"model\":\"claude-3-5-haiku-20241022\",\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"json_tool_call\",\"input\":{}}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Pa\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ris\\\"}\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\"},\"usage\":{\"output_tokens\":12}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    char sse[2048];
    llm_response resp;
    llm_error err;
    if (CHECK_EQ_INT(forced_tool_answer(body, false, &resp, &err), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].content, "{\"city\":\"Paris\",\"sure\":0.9}");
        CHECK_EQ_INT(resp.choices[0].tool_call_count, 0);
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
    }
    llm_response_free(&resp);
    CHECK_EQ_INT(forced_tool_answer(cut, false, &resp, &err), LLM_ERR_TRUNCATED);
    CHECK(strstr(err.message, "max_tokens") != NULL);
    llm_response_free(&resp);
    snprintf(sse, sizeof sse, stream, "tool_use");
    if (CHECK_EQ_INT(forced_tool_answer(sse, true, &resp, &err), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].content, "{\"city\": \"Paris\"}");
        CHECK_EQ_INT(resp.choices[0].tool_call_count, 0);
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
    }
    llm_response_free(&resp);
    snprintf(sse, sizeof sse, stream, "max_tokens");
    CHECK_EQ_INT(forced_tool_answer(sse, true, &resp, &err), LLM_ERR_TRUNCATED);
    llm_response_free(&resp);
    /* without the request that forced it (recorded bytes), it is the tool call it looks like */
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, sizeof body - 1, false, &resp, NULL), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].tool_call_count, 1);
    CHECK_EQ_STR(resp.choices[0].content, "Here it is:");
    llm_response_free(&resp);
}

/* max_tokens, which Anthropic requires: the request's, else 4096, or the
   model's output limit from the price table when smaller. */
static void max_tokens_comes_from_the_request_or_the_table(void) {
#ifndef LLM_NO_COSTS
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hi"};
    llm_costs db;
    llm_model_info info;
    llm_client_desc d;
    llm_client c;
    llm_request req;
    llm_json_doc doc;
    memset(&db, 0, sizeof db);
    memset(&info, 0, sizeof info);
    info.key = "claude-tiny-1";
    info.provider = "anthropic";
    info.max_output_tokens = 2048;
    CHECK_EQ_INT(llm_costs_register(&db, &info, NULL), LLM_OK);
    memset(&d, 0, sizeof d);
    d.provider = "anthropic";
    d.api_key = "sk-test";
    d.costs = &db;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    memset(&req, 0, sizeof req);
    req.model = "claude-tiny-1";
    req.messages = &hello;
    req.message_count = 1;
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_root(&doc), "max_tokens"), 0), 2048);
    llm_json_doc_free(&doc);
    req.model = "claude-sonnet-4-5"; /* 64000 in the table: 4096 */
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_root(&doc), "max_tokens"), 0), 4096);
    llm_json_doc_free(&doc);
    req.max_completion_tokens = 77;
    if (CHECK(body_of(&c, &req, &doc, NULL, 0, NULL))) CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_root(&doc), "max_tokens"), 0), 77);
    llm_json_doc_free(&doc);
    llm_costs_deinit(&db);
#endif
}

/* A message of several parts marked for caching as a whole: the marker on
   its last block, the one the cache ends at. The request of Anthropic's
   prompt-caching page (tests/data/anthropic/SOURCES.md): a system message
   of two text parts, the book cached. */
static void a_cached_message_marks_its_last_block(void) {
    llm_content_part parts[2];
    llm_message msgs[2];
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    char body[2048];
    memset(parts, 0, sizeof parts);
    memset(msgs, 0, sizeof msgs);
    parts[0].type = parts[1].type = LLM_PART_TEXT;
    parts[0].text = "You are an AI assistant tasked with analyzing literary works. Your goal is to provide insightful "
                    "commentary on themes, characters, and writing style.\n";
    parts[1].text = "<the entire contents of Pride and Prejudice>";
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].parts = parts;
    msgs[0].part_count = 2;
    msgs[0].cache = LLM_CACHE_5M;
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].content = "Analyze the major themes in Pride and Prejudice.";
    memset(&req, 0, sizeof req);
    req.model = "claude-opus-4-6";
    req.max_tokens = 1024;
    req.messages = msgs;
    req.message_count = 2;
    client_for(&c, "anthropic", false);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_file(&doc, DOCS "prompt_caching_request.json"))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
}

/* Usage with cache reads and writes of both TTLs, from Anthropic's
   prompt-caching page (tests/data/anthropic/SOURCES.md): the prompt is
   cache_read_input_tokens + cache_creation_input_tokens + input_tokens (the
   page's "total_input_tokens"), the hour's writes are the part of
   cache_creation_input_tokens that cache_creation gives. Read as a usage
   object (llm_usage_decode, which `llm cost --usage` uses), in an answer's
   body and in a stream's message_start; priced from LiteLLM's table. */
typedef struct doc_usage {
    const char *file, *model;
    int64_t prompt, cached, writes, writes_1h, completion;
    double usd;
} doc_usage;

static const doc_usage doc_usages[] = {
    /* claude-sonnet-4-5 (the 1-hour example names no model): input 3e-06, read 3e-07, write 3.75e-06,
       1-hour write 6e-06, output 1.5e-05: 2048*3e-06 + 1800*3e-07 + 148*3.75e-06 + 100*6e-06 + 503*1.5e-05
       = 0.006144 + 0.00054 + 0.000555 + 0.0006 + 0.007545 */
    {"prompt_caching_1h_usage.json", "claude-sonnet-4-5", 2048 + 1800 + 248, 1800, 248, 100, 503, 0.015384},
    /* claude-opus-4-1-20250805 (the page's model): input 1.5e-05, write 1.875e-05, output 7.5e-05:
       21*1.5e-05 + 188086*1.875e-05 + 393*7.5e-05 = 0.000315 + 3.5266125 + 0.029475 */
    {"prompt_caching_write_usage.json", "claude-opus-4-1-20250805", 21 + 188086, 0, 188086, 0, 393, 3.5564025},
    /* read 1.5e-06: 21*1.5e-05 + 188086*1.5e-06 + 393*7.5e-05 = 0.000315 + 0.282129 + 0.029475 */
    {"prompt_caching_read_usage.json", "claude-opus-4-1-20250805", 21 + 188086, 188086, 0, 0, 393, 0.311919},
};

static void check_doc_usage(const doc_usage *d, const llm_usage *u, const char *how) {
    int failures = test_failures_in_case;
    CHECK(u->source == LLM_USAGE_REPORTED);
    CHECK_EQ_INT(u->prompt_tokens, d->prompt);
    CHECK_EQ_INT(u->cached_tokens, d->cached);
    CHECK_EQ_INT(u->cache_creation_tokens, d->writes);
    CHECK_EQ_INT(u->cache_creation_1h_tokens, d->writes_1h);
    CHECK_EQ_INT(u->completion_tokens, d->completion);
    CHECK_EQ_INT(u->total_tokens, d->prompt + d->completion);
    if (test_failures_in_case != failures) fprintf(stderr, "  %s, %s\n", d->file, how);
}

static void check_doc_cost(const doc_usage *d, const llm_response *resp, const char *how) {
#if !defined(LLM_NO_COSTS) && !defined(LLM_NO_COSTS_TABLE)
    double diff = resp->cost_usd - d->usd;
    if (!CHECK(resp->has_cost && diff < 1e-12 && diff > -1e-12)) fprintf(stderr, "  %s, %s: $%.17g, expected $%.17g\n", d->file, how, resp->cost_usd, d->usd);
#else
    (void)d, (void)resp, (void)how;
#endif
}

static void documented_cache_reads_and_writes_count_in_the_prompt(void) {
    size_t i, len;
    for (i = 0; i < TEST_COUNT(doc_usages); i++) {
        const doc_usage *d = &doc_usages[i];
        char path[256], body[1024], sse[2048];
        char *text;
        const char *usage_text = NULL;
        llm_json_doc doc;
        llm_json_writer w;
        const llm_json *u;
        llm_usage got;
        llm_response resp;
        snprintf(path, sizeof path, DOCS "%s", d->file);
        if (!(text = TEST_READ_FIXTURE(path, &len))) continue;
        memset(&doc, 0, sizeof doc);
        memset(&w, 0, sizeof w);
        CHECK_EQ_INT(llm_json_parse(&doc, text, len, NULL), LLM_OK);
        u = llm_json_get(llm_json_root(&doc), "usage") ? llm_json_get(llm_json_root(&doc), "usage") : llm_json_root(&doc);
        CHECK_EQ_INT(llm_usage_decode("anthropic", u, &got, NULL), LLM_OK);
        check_doc_usage(d, &got, "as a usage object");
        llm_json_write_value(&w, u);
        CHECK_EQ_INT(llm_json_writer_finish(&w, &usage_text, NULL), LLM_OK);
        snprintf(body, sizeof body, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"%s\","
                 "\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"end_turn\",\"usage\":%s}", d->model, usage_text);
        CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, strlen(body), false, &resp, NULL), LLM_OK);
        check_doc_usage(d, &resp.usage, "in a body");
        check_doc_cost(d, &resp, "in a body");
        llm_response_free(&resp);
        /* the page: these fields are "within `usage` in the response (or `message_start` event if streaming)" */
        snprintf(sse, sizeof sse,
                 "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"%s\",\"usage\":%s}}\n\n"
                 "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                 "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n"
                 "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                 "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":%lld}}\n\n"
                 "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", d->model, usage_text, (long long)d->completion);
        CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, strlen(sse), true, &resp, NULL), LLM_OK);
        check_doc_usage(d, &resp.usage, "in a stream");
        check_doc_cost(d, &resp, "in a stream");
        llm_response_free(&resp);
        llm_json_writer_free(&w);
        llm_json_doc_free(&doc);
        free(text);
    }
    /* what is not a usage object, or holds a count out of range, is refused */
    {
        llm_json_doc doc;
        llm_usage got;
        memset(&doc, 0, sizeof doc);
        CHECK_EQ_INT(llm_json_parse(&doc, "{\"input_tokens\":-1}", 19, NULL), LLM_OK);
        CHECK_EQ_INT(llm_usage_decode("anthropic", llm_json_root(&doc), &got, NULL), LLM_ERR_PARSE);
        CHECK(got.source == LLM_USAGE_MISSING && got.prompt_tokens == 0);
        CHECK_EQ_INT(llm_usage_decode("anthropic", NULL, &got, NULL), LLM_ERR_PARSE);
        CHECK_EQ_INT(llm_usage_decode("nosuch", llm_json_root(&doc), &got, NULL), LLM_ERR_UNSUPPORTED);
        llm_json_doc_free(&doc);
    }
}

/* A 429: retry-after when given; else the latest anthropic-ratelimit-*-reset
   time (RFC 3339, as Anthropic's rate-limit documentation lists the
   headers) against the answer's Date. */
static llm_result rate_limited(const char *const *headers, size_t n, llm_error *err) {
    static const char body[] = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}";
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hi"};
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_request req;
    llm_response resp;
    llm_result r;
    size_t i;
    memset(&req, 0, sizeof req);
    req.model = "claude-sonnet-4-5";
    req.messages = &hello;
    req.message_count = 1;
    client_for(&c, "anthropic", false);
    if ((r = llm_call_begin(&call, &c, &req, 0, &http, err)) != LLM_OK) return r;
    llm_call_feed_status(&call, 429);
    for (i = 0; i + 1 < n; i += 2) llm_call_feed_header(&call, headers[i], strlen(headers[i]), headers[i + 1], strlen(headers[i + 1]));
    llm_call_feed_body(&call, body, sizeof body - 1);
    r = llm_call_finish(&call, 0, &resp, err);
    llm_response_free(&resp);
    llm_call_free(&call);
    return r;
}

static void a_rate_limit_says_when_to_retry(void) {
    static const char *const reset_only[] = {"Date", "Wed, 02 Dec 2026 04:30:00 GMT",
                                             "anthropic-ratelimit-requests-reset", "2026-12-02T04:30:05Z",
                                             "anthropic-ratelimit-tokens-reset", "2026-12-02T04:30:42.5Z",
                                             "anthropic-ratelimit-input-tokens-reset", "not a time"};
    static const char *const both[] = {"Date", "Wed, 02 Dec 2026 04:30:00 GMT", "retry-after", "3",
                                       "anthropic-ratelimit-tokens-reset", "2026-12-02T04:30:42Z"};
    llm_error err;
    CHECK_EQ_INT(rate_limited(reset_only, TEST_COUNT(reset_only), &err), LLM_ERR_RATE_LIMITED);
    CHECK(err.has_retry_after);
    CHECK_EQ_INT(err.retry_after_ms, 42000); /* the latest reset; the fraction of a second dropped */
    CHECK(err.retryable);
    CHECK_EQ_INT(rate_limited(both, TEST_COUNT(both), &err), LLM_ERR_RATE_LIMITED);
    CHECK_EQ_INT(err.retry_after_ms, 3000);
    CHECK_EQ_INT(rate_limited(NULL, 0, &err), LLM_ERR_RATE_LIMITED);
    CHECK(!err.has_retry_after);
}


/* An anthropic client at `base_url` (NULL: the preset's) over `mock` (NULL:
   none); plain http:// allowed, as the origins compared include one. */
static void client_over(llm_client *c, const char *base_url, llm_mock *mock) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = "anthropic";
    d.base_url = base_url;
    d.api_key = "sk-test";
    d.allow_plain_http = true;
    d.no_request_id = true;
    if (mock) d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* The next turn of the documentation's exchange, after the answer came
   from (anthropic, https://api.anthropic.com, claude-opus-4-8) through a
   real call: the conversation sends it back to that endpoint and model as
   the page shows, byte for byte (the origin written in any case, with its
   default port: RFC 6454's same origin); to an Anthropic-shaped proxy, or to
   another model, the thinking block is left out and the request is still
   one Anthropic takes (the assistant turn starts with its text). */
static void reasoning_goes_back_only_where_it_was_made(void) {
    static const char *const elsewhere[][2] = {{"https://anthropic-proxy.example.com", "claude-opus-4-8"},
                                               {"http://api.anthropic.com", "claude-opus-4-8"},
                                               {"https://api.anthropic.com:8443", "claude-opus-4-8"},
                                               {NULL, "claude-sonnet-4-5"}};
    size_t len, count, i;
    char *answer = TEST_READ_FIXTURE(DOCS "thinking_tool_use_response.json", &len), body[8192];
    llm_mock_exchange x;
    llm_mock mock;
    llm_response resp;
    llm_conversation conv;
    llm_message user;
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    const llm_message *msgs;
    const llm_json *assistant;
    if (!answer) return;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = "content-type: application/json\n";
    x.body = answer;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&conv, 0, sizeof conv);
    memset(&user, 0, sizeof user);
    user.role = LLM_ROLE_USER;
    user.content = "What's the weather in Paris?";
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = "Get current weather for a location";
    tool.parameters = weather_schema;
    memset(&req, 0, sizeof req);
    req.model = "claude-opus-4-8";
    req.max_tokens = 16000;
    req.messages = &user;
    req.message_count = 1;
    req.tools = &tool;
    req.tool_count = 1;
    req.extra_body = "{\"thinking\":{\"type\":\"adaptive\"}}";
    client_over(&c, NULL, &mock);
    if (!CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK) || !CHECK_EQ_INT(resp.choice_count, 1) ||
        !CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
        llm_response_free(&resp);
        free(answer);
        return;
    }
    CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1);
    CHECK_EQ_STR(resp.choices[0].reasoning_provider, "anthropic");
    CHECK_EQ_STR(resp.choices[0].reasoning_origin, "https://api.anthropic.com");
    CHECK_EQ_STR(resp.choices[0].reasoning_model, "claude-opus-4-8"); /* the model sent, not the answer's */
    CHECK_EQ_INT(llm_conversation_add(&conv, &user), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, resp.choices[0].tool_calls[0].id, "Current temperature: 88\xc2\xb0" "F"), LLM_OK);
    llm_response_free(&resp);
    msgs = llm_conversation_messages(&conv, &count);
    req.messages = msgs;
    req.message_count = count;
    client_over(&c, "HTTPS://API.Anthropic.com:443/", NULL); /* the same origin */
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_file(&doc, DOCS "thinking_tool_use_next_request.json"))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
    CHECK(strstr(body, "\"signature\":\"BDaL4VrbR2Oj0hO4XpJxT28J5T....\"") != NULL);
    for (i = 0; i < TEST_COUNT(elsewhere); i++) {
        client_over(&c, elsewhere[i][0], NULL);
        req.model = elsewhere[i][1];
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL))) {
            assistant = llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "messages"), 1), "content");
            if (!CHECK(!strstr(body, "signature") && !strstr(body, "\"type\":\"thinking\"")))
                fprintf(stderr, "  %s %s got: %s\n", elsewhere[i][0] ? elsewhere[i][0] : "(default)", elsewhere[i][1], body);
            CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(assistant, 0), "type"), NULL), "text");
            CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_at(assistant, 1), "type"), NULL), "tool_use");
        }
        llm_json_doc_free(&doc);
    }
    llm_conversation_free(&conv);
    free(answer);
}


/* A streamed answer's blocks record where they were made as a whole one's
   do (the recorded stream of the thinking page, through a proxy's base URL
   with a path and a port); a recorded answer decoded without a request
   records nothing. */
static void a_streamed_answer_records_its_origin(void) {
    size_t len;
    char *sse = TEST_READ_FIXTURE(SAMPLES "docs_stream_thinking.sse", &len);
    llm_mock_exchange x;
    llm_mock mock;
    llm_response resp;
    llm_message user;
    llm_request req;
    llm_client c;
    if (!sse) return;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = "content-type: text/event-stream\n";
    x.body = sse;
    x.chunk = 7;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&user, 0, sizeof user);
    user.role = LLM_ROLE_USER;
    user.content = "What is 27 * 453?";
    memset(&req, 0, sizeof req);
    req.model = "anthropic/claude-sonnet-4-5";
    req.messages = &user;
    req.message_count = 1;
    client_over(&c, "http://LocalHost:4000/anthropic/", &mock);
    if (CHECK_EQ_INT(llm_stream(&c, &req, NULL, NULL, &resp, NULL), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1) &&
        CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].reasoning_provider, "anthropic");
        CHECK_EQ_STR(resp.choices[0].reasoning_origin, "http://localhost:4000");
        CHECK_EQ_STR(resp.choices[0].reasoning_model, "claude-sonnet-4-5"); /* its "anthropic/" prefix stripped */
    }
    llm_response_free(&resp);
    if (CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, len, true, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1))
        CHECK(resp.choices[0].reasoning_origin == NULL && resp.choices[0].reasoning_model == NULL &&
              resp.choices[0].reasoning_provider == NULL);
    llm_response_free(&resp);
    free(sse);
}

/* An origin as RFC 6454 (section 6.2) serialises it: scheme and host in
   lower case, no default port (80 for http, 443 for https), nothing of
   userinfo or path. */
static void origins_are_serialised_as_rfc_6454_says(void) {
    static const char *const cases[][2] = {
        {"HTTPS://API.Anthropic.com:443/v1/", "https://api.anthropic.com"},
        {"https://api.anthropic.com", "https://api.anthropic.com"},
        {"http://localhost:80", "http://localhost"},
        {"http://localhost:443", "http://localhost:443"},
        {"https://localhost:80/x", "https://localhost:80"},
        {"http://user:secret@Proxy.example:4000/v1?x=1", "http://proxy.example:4000"},
        {"http://[::1]:8080/v1", "http://[::1]:8080"},
        {"http://[::1]/v1", "http://[::1]"},
        {"https://host:/v1", "https://host"},
    };
    char out[320];
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++)
        if (CHECK(llm__wire_origin(cases[i][0], out, sizeof out))) CHECK_EQ_STR(out, cases[i][1]);
    CHECK(!llm__wire_origin("api.anthropic.com", out, sizeof out));
    CHECK(!llm__wire_origin("https://:443", out, sizeof out));
    CHECK(!llm__wire_origin("https://host:44x3", out, sizeof out));
    CHECK(!llm__wire_origin("https://api.anthropic.com", out, 20));
}


/* What a mock transport was sent, and what a client logged. */
typedef struct exchange_log {
    char body[4][8192];
    int bodies;
    char lines[8][320];
    int levels[8];
    int line_count;
} exchange_log;

static void keep_body(void *user, const llm_http_request *http) {
    exchange_log *s = (exchange_log *)user;
    if (s->bodies < 4) snprintf(s->body[s->bodies++], sizeof s->body[0], "%.*s", (int)http->body_len, http->body);
}

static void keep_line(void *user, llm_log_level level, const char *message) {
    exchange_log *s = (exchange_log *)user;
    if (s->line_count < 8) {
        s->levels[s->line_count] = (int)level;
        snprintf(s->lines[s->line_count++], sizeof s->lines[0], "%s", message);
    }
}

/* The line of `log` that holds `what`, or NULL. */
static const char *logged(const exchange_log *log, const char *what, int *level) {
    int i;
    for (i = 0; i < log->line_count; i++)
        if (strstr(log->lines[i], what)) {
            if (level) *level = log->levels[i];
            return log->lines[i];
        }
    return NULL;
}

/* The documentation's two turns as a request whose assistant turn carries
   the page's thinking block (decoded from the recorded answer: no origin,
   so it is sent); *conv and *answer are the caller's to free. */
static bool thinking_history(llm_conversation *conv, char **answer, llm_request *req, llm_tool *tool) {
    size_t len, count;
    llm_response resp;
    llm_message user;
    *answer = TEST_READ_FIXTURE(DOCS "thinking_tool_use_response.json", &len);
    memset(conv, 0, sizeof *conv);
    if (!*answer) return false;
    if (!CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, *answer, len, false, &resp, NULL), LLM_OK) ||
        !CHECK_EQ_INT(resp.choice_count, 1) || !CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
        llm_response_free(&resp);
        return false;
    }
    memset(&user, 0, sizeof user);
    user.role = LLM_ROLE_USER;
    user.content = "What's the weather in Paris?";
    CHECK_EQ_INT(llm_conversation_add(conv, &user), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(conv, resp.choices[0].tool_calls[0].id, "Current temperature: 88\xc2\xb0" "F"), LLM_OK);
    llm_response_free(&resp);
    memset(tool, 0, sizeof *tool);
    tool->name = "get_weather";
    tool->description = "Get current weather for a location";
    tool->parameters = weather_schema;
    memset(req, 0, sizeof *req);
    req->model = "claude-opus-4-8";
    req->max_tokens = 16000;
    req->messages = llm_conversation_messages(conv, &count);
    req->message_count = count;
    req->tools = tool;
    req->tool_count = 1;
    return true;
}

/* Anthropic's 400 "Invalid `signature` in `thinking` block" (the body it
   sent, tests/data/anthropic/SOURCES.md): the request goes once more at
   once without its thinking blocks, the client's log says so; the answer
   counts both attempts. A second refusal is the error: no third attempt.
   With retries turned off, none. llm_complete and llm_stream alike. */
static void a_refused_signature_is_sent_again_without_thinking(void) {
    size_t len, i;
    char *refusal = TEST_READ_FIXTURE(DOCS "invalid_signature_error.json", &len), *answer = NULL, *sse;
    llm_mock_exchange x[3];
    llm_mock mock;
    exchange_log log;
    llm_conversation conv;
    llm_request req;
    llm_tool tool;
    llm_client c;
    llm_client_desc d;
    llm_response resp;
    llm_error err;
    int level = -1;
    sse = TEST_READ_FIXTURE(SAMPLES "docs_stream_thinking.sse", &len);
    if (!refusal || !sse || !thinking_history(&conv, &answer, &req, &tool)) goto done;
    for (i = 0; i < 2; i++) { /* llm_complete, then llm_stream */
        memset(x, 0, sizeof x);
        x[0].status = x[1].status = x[2].status = 400;
        x[0].headers = x[1].headers = x[2].headers = "content-type: application/json\nrequest-id: req_011CUdL35eQXNbDzvTu7vtQo\n";
        x[0].body = x[1].body = x[2].body = refusal;
        x[1].status = 200;
        x[1].headers = i ? "content-type: text/event-stream\n" : "content-type: application/json\n";
        x[1].body = i ? sse : answer;
        memset(&mock, 0, sizeof mock);
        mock.exchanges = x;
        mock.count = 3;
        mock.on_request = keep_body;
        mock.user = &log;
        memset(&log, 0, sizeof log);
        memset(&d, 0, sizeof d);
        d.provider = "anthropic";
        d.api_key = "sk-test";
        d.transport = llm_mock_transport(&mock);
        d.log = keep_line;
        d.log_user = &log;
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        if (CHECK_EQ_INT(i ? llm_stream(&c, &req, NULL, NULL, &resp, &err) : llm_complete(&c, &req, &resp, &err), LLM_OK))
            CHECK_EQ_INT(resp.attempts, 2);
        llm_response_free(&resp);
        CHECK_EQ_INT((int)mock.next, 2);
        if (CHECK_EQ_INT(log.bodies, 2)) {
            CHECK(strstr(log.body[0], "\"type\":\"thinking\"") && strstr(log.body[0], "\"signature\":\"BDaL4VrbR2Oj0hO4XpJxT28J5T....\""));
            if (!CHECK(!strstr(log.body[1], "\"thinking\"") && !strstr(log.body[1], "signature") && strstr(log.body[1], "\"tool_use\"")))
                fprintf(stderr, "  sent again: %s\n", log.body[1]);
        }
        if (CHECK(logged(&log, "thinking blocks", &level))) CHECK(level == LLM_LOG_WARN || level == LLM_LOG_INFO);
        else fprintf(stderr, "  logged: %s\n", log.line_count ? log.lines[0] : "(nothing)");
        /* refused twice: the second refusal is the answer */
        x[1] = x[0];
        mock.next = 0;
        memset(&log, 0, sizeof log);
        CHECK_EQ_INT(i ? llm_stream(&c, &req, NULL, NULL, &resp, &err) : llm_complete(&c, &req, &resp, &err), LLM_ERR_BAD_REQUEST);
        llm_response_free(&resp);
        CHECK_EQ_INT((int)mock.next, 2);
        CHECK(strstr(err.message, "Invalid `signature` in `thinking` block") != NULL);
        CHECK_EQ_INT(err.http_status, 400);
        /* no retries: sent once */
        d.has_num_retries = true;
        d.num_retries = 0;
        CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
        mock.next = 0;
        CHECK_EQ_INT(llm_complete(&c, &req, &resp, &err), LLM_ERR_BAD_REQUEST);
        llm_response_free(&resp);
        CHECK_EQ_INT((int)mock.next, 1);
    }
    llm_conversation_free(&conv);
done:
    free(answer);
    free(refusal);
    free(sse);
}

/* The parts, turns, tool and choice of a request as the Messages API
   names them (/work/shared/data/anthropic-openapi.json, written out by
   hand below): images by URL (URLImageSource) and as base64 from a data:
   URL or bytes (Base64ImageSource), PDFs as base64 (Base64PDFSource, the
   title from the file name) and by URL (URLPDFSource); a one-text
   assistant turn as a string; a tool result of parts (RequestToolResultBlock
   content blocks); a strict tool (Tool.strict); a named tool choice
   without parallel use (ToolChoiceTool.disable_parallel_tool_use);
   stop_sequences, metadata.user_id and service_tier. */
static void parts_tools_and_choices_as_the_spec_names_them(void) {
    static const char *const stop[] = {"END"};
    static const char want[] =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":\"Be brief.\",\"messages\":["
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in these?\"},"
        "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}},"
        "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
        "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/4AAQSkZJRg==\"}},"
        "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQ=\"},"
        "\"title\":\"report.pdf\"},"
        "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/paper.pdf\"}}]},"
        "{\"role\":\"assistant\",\"content\":\"A cat, and two documents.\"},"
        "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\","
        "\"input\":{\"location\":\"Paris\"}}]},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
        "\"content\":[{\"type\":\"text\",\"text\":\"Sunny, 21 C\"}]}]}],"
        "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Get current weather for a location\","
        "\"input_schema\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"City name\"}},"
        "\"required\":[\"location\"]},\"strict\":true}],"
        "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true},"
        "\"stop_sequences\":[\"END\"],\"metadata\":{\"user_id\":\"user-42\"},\"service_tier\":\"standard_only\"}";
    /* the other choices: ToolChoiceNone has no disable_parallel_tool_use; any and auto do */
    static const struct { llm_tool_choice_mode mode; const char *want; } choices[] = {
        {LLM_TOOL_CHOICE_NONE, "{\"type\":\"none\"}"},
        {LLM_TOOL_CHOICE_REQUIRED, "{\"type\":\"any\",\"disable_parallel_tool_use\":true}"},
        {LLM_TOOL_CHOICE_AUTO, "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"},
    };
    llm_content_part parts[6], result;
    llm_tool_call call;
    llm_message msgs[6];
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    char body[4096];
    size_t i;
    memset(parts, 0, sizeof parts);
    parts[0].text = "What is in these?";
    parts[1].type = parts[2].type = LLM_PART_IMAGE_URL;
    parts[1].url = "https://example.com/cat.jpg";
    parts[2].url = "data:image/png;base64,iVBORw0KGgo=";
    parts[3].type = LLM_PART_IMAGE_BASE64;
    parts[3].media_type = "image/jpeg";
    parts[3].base64 = "/9j/4AAQSkZJRg==";
    parts[4].type = parts[5].type = LLM_PART_DOCUMENT;
    parts[4].media_type = "application/pdf";
    parts[4].base64 = "JVBERi0xLjQ=";
    parts[4].filename = "report.pdf";
    parts[5].url = "https://example.com/paper.pdf";
    memset(&result, 0, sizeof result);
    result.text = "Sunny, 21 C";
    memset(&call, 0, sizeof call);
    call.id = "toolu_01";
    call.name = "get_weather";
    call.arguments = "{\"location\":\"Paris\"}";
    memset(msgs, 0, sizeof msgs);
    msgs[0].role = LLM_ROLE_SYSTEM;
    msgs[0].content = "Be brief.";
    msgs[1].role = LLM_ROLE_USER;
    msgs[1].parts = parts;
    msgs[1].part_count = 6;
    msgs[2].role = LLM_ROLE_ASSISTANT;
    msgs[2].content = "A cat, and two documents.";
    msgs[3].role = LLM_ROLE_USER;
    msgs[3].content = "Weather in Paris?";
    msgs[4].role = LLM_ROLE_ASSISTANT;
    msgs[4].tool_calls = &call;
    msgs[4].tool_call_count = 1;
    msgs[5].role = LLM_ROLE_TOOL;
    msgs[5].tool_call_id = "toolu_01";
    msgs[5].parts = &result;
    msgs[5].part_count = 1;
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.description = "Get current weather for a location";
    tool.parameters = weather_schema;
    tool.strict = true;
    memset(&req, 0, sizeof req);
    req.model = "claude-sonnet-4-5";
    req.max_tokens = 1024;
    req.messages = msgs;
    req.message_count = 6;
    req.tools = &tool;
    req.tool_count = 1;
    req.tool_choice.mode = LLM_TOOL_CHOICE_FUNCTION;
    req.tool_choice.name = "get_weather";
    req.parallel_tool_calls = LLM_FALSE;
    req.stop = stop;
    req.stop_count = 1;
    req.user = "user-42";
    req.service_tier = "standard_only";
    client_for(&c, "anthropic", false);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_text(llm_json_root(&doc), want))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
    for (i = 0; i < TEST_COUNT(choices); i++) {
        req.tool_choice.mode = choices[i].mode;
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
            if (!CHECK(same_json_as_text(llm_json_get(llm_json_root(&doc), "tool_choice"), choices[i].want)))
                fprintf(stderr, "  sent: %s\n", body);
        llm_json_doc_free(&doc);
    }
}

/* reasoning_effort on a model that thinks adaptively (claude-opus-4-6):
   ThinkingConfigAdaptive and OutputConfig.effort (EffortLevel: low,
   medium, high, xhigh, max; "minimal" is sent as the lowest, "low"); a
   schema on a model with its own structured answers (claude-sonnet-4-5):
   OutputConfig.format, a JsonOutputFormat, and no forced tool. */
static void effort_and_native_format_go_to_output_config(void) {
    static const llm_message hello = {.role = LLM_ROLE_USER, .content = "Hi"};
    static const char schema[] = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";
    static const char *const efforts[][2] = {{"high", "high"}, {"minimal", "low"}, {"max", "max"}};
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    char body[2048], want[256];
    size_t i;
    memset(&req, 0, sizeof req);
    req.model = "claude-opus-4-6";
    req.max_tokens = 1024;
    req.messages = &hello;
    req.message_count = 1;
    client_for(&c, "anthropic", false);
    for (i = 0; i < TEST_COUNT(efforts); i++) {
        req.reasoning_effort = efforts[i][0];
        snprintf(want, sizeof want, "{\"model\":\"claude-opus-4-6\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
                 "\"content\":\"Hi\"}],\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"%s\"}}",
                 efforts[i][1]);
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
            if (!CHECK(same_json_as_text(llm_json_root(&doc), want))) fprintf(stderr, "  sent: %s\n", body);
        llm_json_doc_free(&doc);
    }
    req.reasoning_effort = NULL;
    req.model = "claude-sonnet-4-5";
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "answer";
    req.response_format.schema = schema;
    snprintf(want, sizeof want, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
             "\"content\":\"Hi\"}],\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":%s}}}", schema);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_text(llm_json_root(&doc), want))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
}

/* What Anthropic cannot take is refused before a byte goes out
   (LLM_ERR_INVALID_ARGUMENT, the message beginning with the field it is
   about): an unknown reasoning_effort;
   one for a model that does not think (claude-3 models; left out with
   drop_unsupported); a forced-tool answer beside thinking (tool_choice must
   be auto or none while thinking); a schema that is not JSON, or not an
   object (a tool's input_schema is an object: InputSchema.type "object");
   a first turn of the assistant's; tool calls without tools; a base64
   document that is not a PDF (Base64PDFSource.media_type is
   "application/pdf"); no user turn; an empty assistant turn (no content,
   no tool call, no reasoning: Anthropic refuses empty content); n; a
   required tool beside thinking. */
typedef struct refusal {
    const char *model, *effort, *schema, *field;
    llm_format_type format;
    int messages;                  /* 0: hello; 1: assistant first; 2: tool calls; 3: text document; 4: system only;
                                      5: an empty assistant turn */
    int n;
    llm_tool_choice_mode choice;
} refusal;

static void refused_requests_name_their_field(void) {
    static const refusal cases[] = {
        {"claude-opus-4-6", "extreme", NULL, "reasoning_effort", LLM_FORMAT_DEFAULT, 0, 0, 0},
        {"claude-3-haiku-20240307", "low", NULL, "reasoning_effort", LLM_FORMAT_DEFAULT, 0, 0, 0},
        {"claude-3-7-sonnet-20250219", "low", NULL, "response_format", LLM_FORMAT_JSON_OBJECT, 0, 0, 0},
        {"claude-3-5-haiku-20241022", NULL, "{\"type\":", "response_format.schema", LLM_FORMAT_JSON_SCHEMA, 0, 0, 0},
        {"claude-3-5-haiku-20241022", NULL, "{\"type\":\"array\"}", "response_format.schema", LLM_FORMAT_JSON_SCHEMA, 0,
         0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "messages[0]", LLM_FORMAT_DEFAULT, 1, 0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "messages[1]", LLM_FORMAT_DEFAULT, 2, 0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "messages[1]", LLM_FORMAT_DEFAULT, 5, 0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "messages[0].parts[0]", LLM_FORMAT_DEFAULT, 3, 0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "messages", LLM_FORMAT_DEFAULT, 4, 0, 0},
        {"claude-sonnet-4-5", NULL, NULL, "n", LLM_FORMAT_DEFAULT, 0, 2, 0},
        {"claude-opus-4-6", "low", NULL, "tool_choice", LLM_FORMAT_DEFAULT, 0, 0, LLM_TOOL_CHOICE_REQUIRED},
    };
    llm_message hello, assistant, system, tool_msg, with_call, doc_msg, empty;
    llm_message two[2], three[3];
    llm_content_part text_doc;
    llm_tool_call call;
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    char body[2048];
    size_t i;
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hi";
    assistant = system = tool_msg = with_call = doc_msg = hello;
    assistant.role = LLM_ROLE_ASSISTANT;
    empty = assistant;
    empty.content = "";
    system.role = LLM_ROLE_SYSTEM;
    memset(&call, 0, sizeof call);
    call.id = "toolu_01";
    call.name = "get_weather";
    call.arguments = "{\"location\":\"Paris\"}";
    with_call.role = LLM_ROLE_ASSISTANT;
    with_call.content = NULL;
    with_call.tool_calls = &call;
    with_call.tool_call_count = 1;
    tool_msg.role = LLM_ROLE_TOOL;
    tool_msg.tool_call_id = "toolu_01";
    tool_msg.content = "Sunny";
    memset(&text_doc, 0, sizeof text_doc);
    text_doc.type = LLM_PART_DOCUMENT;
    text_doc.media_type = "text/plain";
    text_doc.base64 = "aGVsbG8=";
    doc_msg.content = NULL;
    doc_msg.parts = &text_doc;
    doc_msg.part_count = 1;
    memset(&tool, 0, sizeof tool);
    tool.name = "get_weather";
    tool.parameters = weather_schema;
    client_for(&c, "anthropic", false);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        const refusal *k = &cases[i];
        memset(&req, 0, sizeof req);
        req.model = k->model;
        req.reasoning_effort = k->effort;
        req.response_format.type = k->format;
        req.response_format.schema = k->schema;
        req.response_format.name = k->schema ? "answer" : NULL;
        req.n = k->n;
        req.tool_choice.mode = k->choice;
        req.messages = &hello;
        req.message_count = 1;
        if (k->choice) req.tools = &tool, req.tool_count = 1;
        if (k->messages == 1) two[0] = assistant, two[1] = hello, req.messages = two, req.message_count = 2;
        if (k->messages == 2)
            three[0] = hello, three[1] = with_call, three[2] = tool_msg, req.messages = three, req.message_count = 3;
        if (k->messages == 3) req.messages = &doc_msg;
        if (k->messages == 4) req.messages = &system;
        if (k->messages == 5) two[0] = hello, two[1] = empty, req.messages = two, req.message_count = 2;
        memset(&err, 0, sizeof err);
        CHECK(!body_of(&c, &req, &doc, NULL, 0, &err));
        llm_json_doc_free(&doc);
        if (!CHECK_EQ_INT(err.code, LLM_ERR_INVALID_ARGUMENT) || !CHECK(strncmp(err.message, k->field, strlen(k->field)) == 0))
            fprintf(stderr, "  case %zu: %s\n", i, err.message);
    }
    /* drop_unsupported: a model that does not think is sent no thinking */
    memset(&req, 0, sizeof req);
    req.model = "claude-3-haiku-20240307";
    req.reasoning_effort = "low";
    req.max_tokens = 100;
    req.messages = &hello;
    req.message_count = 1;
    client_for(&c, "anthropic", true);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_text(llm_json_root(&doc), "{\"model\":\"claude-3-haiku-20240307\",\"max_tokens\":100,"
                                                          "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")))
            fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
}

/* Answers a Messages response can hold beside the documented ones: a
   tool_use block without an id or with a null input has them made up as
   llm_tool_call documents ("call_<choice>_<n>", "{}"); one without a name
   is refused, as is an input nested deeper than a written value may be
   (64: 65 arrays); a usage count out of range (below 0) leaves the usage
   out, flagged, and the answer stands. */
static void unusual_answers_decode_as_documented(void) {
    static const char head[] = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                               "\"stop_reason\":\"tool_use\",\"content\":[";
    static const char nameless[] = "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"input\":{}}]}";
    static const char made_up[] = "{\"type\":\"tool_use\",\"name\":\"get_time\",\"input\":null}],"
                                  "\"usage\":{\"input_tokens\":-1,\"output_tokens\":5}}";
    char body[512];
    size_t n;
    llm_response resp;
    llm_error err;
    int i;
    snprintf(body, sizeof body, "%s%s", head, made_up);
    if (CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, strlen(body), false, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1) && CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "call_0_0");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "get_time");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{}");
        CHECK(resp.usage_refused);
        CHECK(resp.usage.source != LLM_USAGE_REPORTED && resp.usage.completion_tokens == 0);
    }
    llm_response_free(&resp);
    snprintf(body, sizeof body, "%s%s", head, nameless);
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, strlen(body), false, &resp, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "content[0]") != NULL);
    llm_response_free(&resp);
    n = (size_t)snprintf(body, sizeof body, "%s{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"deep\",\"input\":{\"a\":",
                         head);
    for (i = 0; i < 65; i++) body[n++] = '[';
    for (i = 0; i < 65; i++) body[n++] = ']';
    memcpy(body + n, "}}]}", 4);
    n += 4;
    CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, body, n, false, &resp, &err), LLM_ERR_PARSE);
    CHECK(strstr(err.message, "content[0]") != NULL);
    llm_response_free(&resp);
}

/* Stream events beside the recorded ones (the event types of Anthropic's
   streaming documentation and its spec): a server_tool_use block and a
   citations_delta are nothing to show, the text around them stays; a
   text_delta whose index is written 0.0 (a number equal to 0: read by the
   DOM, not in place) is text all the same; a block index below 0, or an
   input_json_delta for a block that is not a tool_use, is a parse error. */
static void stream_events_beside_the_recorded_ones(void) {
    static const char start[] =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
        "{\"type\":\"text\",\"text\":\"\"}}\n\n";
    static const char tail[] =
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        "\"usage\":{\"output_tokens\":4}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    static const char shown[] =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\"Paris\"}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
        "\"citation\":{\"type\":\"char_location\",\"cited_text\":\"Paris\",\"document_index\":0,\"document_title\":null,"
        "\"start_char_index\":0,\"end_char_index\":5}}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0.0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\" it is.\"}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":"
        "\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}\n\n"
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n";
    static const char *const bad[] = {
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":-1,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\"x\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        "\"input_json_delta\",\"partial_json\":\"{}\"}}\n\n",
    };
    char sse[2048];
    llm_response resp;
    llm_error err;
    size_t i;
    snprintf(sse, sizeof sse, "%s%s%s", start, shown, tail);
    if (CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, strlen(sse), true, &resp, NULL), LLM_OK) &&
        CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].content, "Paris it is.");
        CHECK_EQ_INT(resp.choices[0].tool_call_count, 0);
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
    }
    llm_response_free(&resp);
    for (i = 0; i < TEST_COUNT(bad); i++) {
        snprintf(sse, sizeof sse, "%s%s%s", start, bad[i], tail);
        CHECK_EQ_INT(llm_decode_recorded("anthropic", 200, sse, strlen(sse), true, &resp, &err), LLM_ERR_PARSE);
        llm_response_free(&resp);
    }
}

static const test_case cases[] = {
    TEST(the_documented_thinking_round_trip),
    TEST(a_streamed_thinking_block_is_kept),
    TEST(redacted_thinking_is_kept_in_order),
    TEST(input_json_that_is_not_json_is_kept_flagged),
    TEST(a_structured_answer_through_the_forced_tool),
    TEST(max_tokens_comes_from_the_request_or_the_table),
    TEST(a_rate_limit_says_when_to_retry),
    TEST(a_cached_message_marks_its_last_block),
    TEST(documented_cache_reads_and_writes_count_in_the_prompt),
    TEST(reasoning_goes_back_only_where_it_was_made),
    TEST(a_streamed_answer_records_its_origin),
    TEST(origins_are_serialised_as_rfc_6454_says),
    TEST(a_refused_signature_is_sent_again_without_thinking),
    TEST(parts_tools_and_choices_as_the_spec_names_them),
    TEST(effort_and_native_format_go_to_output_config),
    TEST(refused_requests_name_their_field),
    TEST(unusual_answers_decode_as_documented),
    TEST(stream_events_beside_the_recorded_ones),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
