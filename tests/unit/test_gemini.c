/* Gemini's native API both ways: recorded answers and streams
   (tests/data/provider-samples/gemini, Firebase's recordings of the Gemini
   Developer API) decode to values read off their bytes; the two-turn
   function-calling exchange with a thoughtSignature goes back byte for
   byte (tests/data/gemini/function_call_next_request.json, written from
   Google's function-calling guide) and is lost on a move to another
   provider; the conversation every format encodes, for Gemini
   (tests/data/gemini/same_conversation.json); thinking by model family,
   the schema dialect and its refusals, errors, blocked prompts, and a
   stream cut before its finishReason. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"
#include "encoded.h"

#define DOCS "tests/data/gemini/"
#define SAMPLES "tests/data/provider-samples/gemini/"

static void client_for(llm_client *c, const char *provider, bool drop) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = provider;
    d.api_key = "sk-test";
    d.no_request_id = true;
    d.drop_unsupported = drop;
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* The body llm_call_begin writes for req, parsed (false: refused; the
   message in err). */
/* The text of the first `"thoughtSignature": "...` in the recorded bytes
   (malloc'd): the expected signature, read off the file, not decoded. */
static char *recorded_signature(const char *bytes) {
    const char *at = strstr(bytes, "\"thoughtSignature\": \""), *end;
    char *s;
    if (!at) return NULL;
    at += 21;
    end = strchr(at, '"');
    s = (char *)malloc((size_t)(end - at) + 1);
    memcpy(s, at, (size_t)(end - at));
    s[end - at] = '\0';
    return s;
}

static void a_plain_answer_decodes(void) {
    size_t len;
    char *body = TEST_READ_FIXTURE(SAMPLES "generate_content_text.json", &len);
    llm_response resp;
    if (!body) return;
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, body, len, false, &resp, NULL), LLM_OK);
    CHECK_EQ_STR(resp.choices[0].content, "Google's headquarters, also known as the Googleplex, is located in **Mountain View, California**.\n");
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_STOP);
    CHECK_EQ_STR(resp.model, "gemini-2.0-flash");
    CHECK_EQ_INT(resp.usage.prompt_tokens, 7);
    CHECK_EQ_INT(resp.usage.completion_tokens, 22);
    CHECK_EQ_INT(resp.usage.total_tokens, 29);
    CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 0);
    llm_response_free(&resp);
    free(body);
}

/* The recorded exchange: the answer's call and its signature kept; the
   conversation carries them; the next request is Google's; OpenAI and
   Anthropic get none of it. */
static void the_function_call_round_trip(void) {
    static const char *const others[] = {"openai", "anthropic"};
    size_t len, i, count;
    char *answer = TEST_READ_FIXTURE(SAMPLES "generate_content_thinking_function_call.json", &len), *sig, body[8192];
    llm_response resp;
    llm_conversation conv;
    llm_message m;
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    const llm_message *msgs;
    if (!answer) return;
    sig = recorded_signature(answer);
    memset(&conv, 0, sizeof conv);
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, answer, len, false, &resp, NULL), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS); /* Gemini said STOP */
    CHECK_EQ_STR(resp.choices[0].finish_reason_raw, "STOP");
    CHECK_EQ_INT(resp.choices[0].tool_call_count, 1);
    CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "call_0_0"); /* none given: made up, stable */
    CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "now");
    CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{}");
    CHECK(resp.choices[0].reasoning && strncmp(resp.choices[0].reasoning, "**Thinking Through the New Year's Eve Calculation**", 51) == 0);
    CHECK_EQ_INT(resp.usage.prompt_tokens, 38);
    CHECK_EQ_INT(resp.usage.completion_tokens, 509); /* 8 candidates + 501 thoughts */
    CHECK_EQ_INT(resp.usage.reasoning_tokens, 501);
    CHECK_EQ_INT(resp.usage.total_tokens, 547);
    if (!CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) goto done;
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].signature, sig);
    CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].tool_call_id, "call_0_0");
    CHECK_EQ_STR(resp.choices[0].reasoning_format, "gemini");
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_SYSTEM;
    m.content = "You are a calendar assistant.";
    CHECK_EQ_INT(llm_conversation_add(&conv, &m), LLM_OK);
    m.role = LLM_ROLE_USER;
    m.content = "How many days until New Year's Eve?";
    CHECK_EQ_INT(llm_conversation_add(&conv, &m), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_0_0", "2025-10-26T10:00:00Z"), LLM_OK);
    msgs = llm_conversation_messages(&conv, &count);
    memset(&tool, 0, sizeof tool);
    tool.name = "now";
    tool.description = "The current date and time";
    memset(&req, 0, sizeof req);
    req.model = "gemini-2.5-pro";
    req.messages = msgs;
    req.message_count = count;
    req.tools = &tool;
    req.tool_count = 1;
    req.reasoning_effort = "low";
    client_for(&c, "gemini", false);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_file(&doc, DOCS "function_call_next_request.json"))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
    CHECK(strstr(body, sig) != NULL); /* the same bytes: base64 has no character JSON escapes */
    req.reasoning_effort = NULL;
    for (i = 0; i < TEST_COUNT(others); i++) { /* a fallback elsewhere: the signature stays home */
        req.model = i == 0 ? "gpt-4o" : "claude-sonnet-4-5";
        client_for(&c, others[i], false);
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
            if (!CHECK(!strstr(body, "thoughtSignature") && !strstr(body, "CtQOAVSoXO74") && strstr(body, "call_0_0")))
                fprintf(stderr, "  %s got: %s\n", others[i], body);
        llm_json_doc_free(&doc);
    }
done:
    llm_response_free(&resp);
    llm_conversation_free(&conv);
    free(sig);
    free(answer);
}

/* The stream of the same kind of answer: thoughts as reasoning deltas, the
   call whole, its signature kept; the conversation sends it back. */
static void a_streamed_signature_is_kept(void) {
    size_t len, count;
    char *sse = TEST_READ_FIXTURE(SAMPLES "stream_thinking_function_call.sse", &len), *sig, *tail;
    llm_response resp;
    llm_conversation conv;
    llm_message m;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    char body[4096];
    const llm_message *msgs;
    const llm_json *part;
    if (!sse) return;
    tail = strstr(sse, "\"functionCall\"");
    sig = tail ? strstr(tail, "\"thoughtSignature\": \"") : NULL;
    if (!CHECK(sig)) { free(sse); return; }
    sig = recorded_signature(sig);
    memset(&conv, 0, sizeof conv);
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, sse, len, true, &resp, NULL), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
    CHECK_EQ_STR(resp.choices[0].tool_calls[0].id, "call_0_0");
    CHECK_EQ_STR(resp.id, "48SHaPHpHKbG-8YPtZCawAk");
    CHECK_EQ_INT(resp.usage.completion_tokens, 6 + 168);
    if (CHECK_EQ_INT(resp.choices[0].reasoning_block_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].signature, sig);
        CHECK_EQ_STR(resp.choices[0].reasoning_blocks[0].tool_call_id, "call_0_0");
    }
    memset(&m, 0, sizeof m);
    m.role = LLM_ROLE_USER;
    m.content = "How many days until New Year's Eve?";
    CHECK_EQ_INT(llm_conversation_add(&conv, &m), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_0_0", "{\"date\":\"2025-10-26\"}"), LLM_OK);
    msgs = llm_conversation_messages(&conv, &count);
    memset(&req, 0, sizeof req);
    req.model = "gemini-2.5-flash";
    req.messages = msgs;
    req.message_count = count;
    client_for(&c, "gemini", false);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL))) {
        const llm_json *contents = llm_json_get(llm_json_root(&doc), "contents");
        part = llm_json_at(llm_json_get(llm_json_at(contents, 1), "parts"), 0);
        CHECK_EQ_STR(llm_json_string(llm_json_get(part, "thoughtSignature"), NULL), sig);
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_get(part, "functionCall"), "name"), NULL), "now");
        part = llm_json_at(llm_json_get(llm_json_at(contents, 2), "parts"), 0); /* an object result is sent as it is */
        CHECK_EQ_STR(llm_json_string(llm_json_get(llm_json_get(llm_json_get(part, "functionResponse"), "response"), "date"), NULL), "2025-10-26");
    }
    llm_json_doc_free(&doc);
    llm_response_free(&resp);
    llm_conversation_free(&conv);
    free(sig);
    free(sse);
}

/* No end marker: a stream is whole when a chunk carried a finishReason. */
static void a_stream_cut_before_its_finish_is_truncated(void) {
    size_t len;
    char *sse = TEST_READ_FIXTURE(SAMPLES "stream_text.sse", &len), *last;
    llm_response resp;
    llm_error err;
    if (!sse) return;
    last = strstr(sse, "\"finishReason\"");
    while (last && last > sse && strncmp(last, "data: ", 6) != 0) last--; /* the start of the last event */
    if (!CHECK(last)) { free(sse); return; }
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, sse, (size_t)(last - sse), true, &resp, &err), LLM_ERR_TRUNCATED);
    CHECK_EQ_STR(resp.choices[0].content, "The capital of Wyoming");
    llm_response_free(&resp);
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, sse, len, true, &resp, &err), LLM_OK);
    CHECK_EQ_STR(resp.choices[0].content, "The capital of Wyoming is **Cheyenne**.\n");
    llm_response_free(&resp);
    free(sse);
}

/* usageMetadata comes in every chunk (the prompt's count from the first,
   the candidates' with the last): merged count by count. The recorded
   stream as it is, then with the last chunk's promptTokenCount removed:
   the earlier chunks' 7 stands. */
static void streamed_usage_merges_count_by_count(void) {
    size_t len;
    char *sse = TEST_READ_FIXTURE(SAMPLES "stream_text.sse", &len), *last, *count;
    llm_response resp;
    llm_error err;
    if (!sse) return;
    CHECK_EQ_INT(llm_decode_recorded("gemini", 200, sse, len, true, &resp, &err), LLM_OK);
    CHECK(resp.usage.source == LLM_USAGE_REPORTED && resp.usage.prompt_tokens == 7 && resp.usage.completion_tokens == 10 &&
          resp.usage.total_tokens == 17);
    llm_response_free(&resp);
    last = strstr(sse, "\"finishReason\"");
    count = last ? strstr(last, "\"promptTokenCount\": 7,") : NULL;
    if (CHECK(count != NULL)) {
        size_t cut = strlen("\"promptTokenCount\": 7,");
        memmove(count, count + cut, len - (size_t)(count - sse) - cut + 1);
        len -= cut;
        CHECK_EQ_INT(llm_decode_recorded("gemini", 200, sse, len, true, &resp, &err), LLM_OK);
        CHECK(resp.usage.source == LLM_USAGE_REPORTED);
        CHECK_EQ_INT(resp.usage.prompt_tokens, 7);
        CHECK_EQ_INT(resp.usage.completion_tokens, 10);
        CHECK_EQ_INT(resp.usage.total_tokens, 17);
        llm_response_free(&resp);
    }
    free(sse);
}

/* The recorded stream's chunks are read where they lie: no chunk is
   parsed into a DOM (the call's event document never gets a value), and
   the events are what the bytes say, in the decoder's order (a chunk's
   texts, its finish, then the usage so far: every chunk repeats the
   prompt's 7, the last brings the candidates' 10 and the total 17). */
static void streamed_chunks_are_read_in_place(void) {
    size_t len, off, chunk;
    char *sse = TEST_READ_FIXTURE(SAMPLES "stream_text.sse", &len);
    if (!sse) return;
    for (chunk = 1; chunk <= len; chunk = chunk < 8 ? chunk + 1 : chunk < len ? len : len + 1) { /* 1 to 8 bytes, whole */
        char log[512];
        size_t used = 0;
        llm_client c;
        llm_call call;
        llm_event ev;
        llm_response resp;
        llm_error err;
        client_for(&c, "gemini", false);
        if (!CHECK_EQ_INT(llm_call_begin_decode(&call, &c, true, NULL, &err), LLM_OK)) break;
        CHECK_EQ_INT(llm_call_feed_status(&call, 200), LLM_OK);
        CHECK_EQ_INT(llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17), LLM_OK);
        log[0] = '\0';
        for (off = 0; off < len; off += chunk) {
            CHECK_EQ_INT(llm_call_feed_body(&call, sse + off, len - off < chunk ? len - off : chunk), LLM_OK);
            while (llm_call_next_event(&call, &ev) == LLM_OK && used < sizeof log - 64) {
                if (ev.type == LLM_EVENT_TEXT)
                    used += (size_t)snprintf(log + used, sizeof log - used, "text[%.*s] ", (int)ev.text_len, ev.text);
                else if (ev.type == LLM_EVENT_USAGE)
                    used += (size_t)snprintf(log + used, sizeof log - used, "usage[%d %d %d] ",
                                             (int)ev.usage->prompt_tokens, (int)ev.usage->completion_tokens,
                                             (int)ev.usage->total_tokens);
                else
                    used += (size_t)snprintf(log + used, sizeof log - used, "%s ",
                                             ev.type == LLM_EVENT_FINISH ? "finish" : "other");
            }
        }
        CHECK_EQ_STR(log, "text[The] usage[7 0 7] text[ capital of Wyoming] usage[7 0 7] "
                          "text[ is **Cheyenne**.\n] finish usage[7 10 17] ");
        CHECK_EQ_INT((int)call.chunk_.capacity_, 0);
        CHECK_EQ_INT(llm_call_finish(&call, 0, &resp, &err), LLM_OK);
        CHECK_EQ_STR(resp.model, "gemini-2.0-flash");
        CHECK_EQ_STR(resp.choices[0].content, "The capital of Wyoming is **Cheyenne**.\n");
        CHECK_EQ_INT(resp.usage.total_tokens, 17);
        llm_response_free(&resp);
        llm_call_free(&call);
    }
    free(sse);
}

static llm_result decoded(const char *body, int status, bool stream, llm_response *resp, llm_error *err) {
    return llm_decode_recorded("gemini", status, body, strlen(body), stream, resp, err);
}

/* Errors by Google's status and ErrorInfo reason (the API's error
   documentation); a blocked prompt; finish words. */
static void errors_and_finish_words(void) {
    static const struct { int status; const char *body; llm_result want; } cases[] = {
        {429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}", LLM_ERR_RATE_LIMITED},
        {400, "{\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).\","
              "\"status\":\"INVALID_ARGUMENT\"}}", LLM_ERR_CONTEXT_WINDOW_EXCEEDED},
        {400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload received.\",\"status\":\"INVALID_ARGUMENT\"}}", LLM_ERR_BAD_REQUEST},
        {403, "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\",\"status\":\"PERMISSION_DENIED\"}}", LLM_ERR_PERMISSION},
        {503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}", LLM_ERR_UNAVAILABLE},
    };
    size_t i, len;
    llm_response resp;
    llm_error err;
    char *key = TEST_READ_FIXTURE(SAMPLES "error_api_key_invalid.json", &len);
    if (key) {
        CHECK_EQ_INT(llm_decode_recorded("gemini", 400, key, len, false, &resp, &err), LLM_ERR_AUTHENTICATION);
        CHECK_EQ_STR(err.provider_code, "API_KEY_INVALID");
        CHECK_EQ_STR(err.type, "INVALID_ARGUMENT");
        llm_response_free(&resp);
        free(key);
    }
    for (i = 0; i < TEST_COUNT(cases); i++) {
        if (!CHECK_EQ_INT(decoded(cases[i].body, cases[i].status, false, &resp, &err), cases[i].want)) fprintf(stderr, "  case %zu\n", i);
        llm_response_free(&resp);
    }
    CHECK_EQ_INT(decoded("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", 200, false, &resp, &err), LLM_ERR_CONTENT_POLICY);
    CHECK(strstr(err.message, "SAFETY") != NULL);
    llm_response_free(&resp);
    CHECK_EQ_INT(decoded("data: {\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}\r\n\r\n", 200, true, &resp, &err), LLM_ERR_CONTENT_POLICY);
    llm_response_free(&resp);
    CHECK_EQ_INT(decoded("{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}", 200, false, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_CONTENT_FILTER);
    llm_response_free(&resp);
    CHECK_EQ_INT(decoded("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]},\"finishReason\":\"MAX_TOKENS\"}]}", 200, false, &resp, &err), LLM_OK);
    CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_LENGTH);
    llm_response_free(&resp);
    CHECK_EQ_INT(decoded("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}", 200, false, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
    CHECK_EQ_INT(decoded("{\"candidates\":[]}", 200, false, &resp, &err), LLM_ERR_PARSE);
    llm_response_free(&resp);
}

/* The conversation of encode_matrix's same_conversation, for Gemini. */
static void the_same_conversation(void) {
    static llm_content_part photo[2];
    static llm_tool_call call = {"call_abc123", "get_weather", "{\"location\":\"Paris\"}", false};
    llm_message conv[5];
    llm_tool weather;
    llm_request r;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    char body[4096];
    memset(photo, 0, sizeof photo);
    memset(conv, 0, sizeof conv);
    photo[0].type = LLM_PART_TEXT;
    photo[0].text = "What is the weather where this photo was taken?";
    photo[1].type = LLM_PART_IMAGE_URL;
    photo[1].url = "https://example.com/eiffel-tower.jpg";
    conv[0].role = LLM_ROLE_SYSTEM, conv[0].content = "You are a helpful assistant.";
    conv[1].role = LLM_ROLE_USER, conv[1].parts = photo, conv[1].part_count = 2;
    conv[2].role = LLM_ROLE_ASSISTANT, conv[2].tool_calls = &call, conv[2].tool_call_count = 1;
    conv[3].role = LLM_ROLE_TOOL, conv[3].content = "18 C, sunny", conv[3].tool_call_id = "call_abc123";
    conv[4].role = LLM_ROLE_USER, conv[4].content = "Should I take an umbrella?";
    memset(&weather, 0, sizeof weather);
    weather.name = "get_weather";
    weather.description = "Get the current weather in a city";
    weather.parameters = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}";
    memset(&r, 0, sizeof r);
    r.model = "gemini-2.5-flash";
    r.messages = conv;
    r.message_count = 5;
    r.tools = &weather;
    r.tool_count = 1;
    r.max_tokens = 1024;
    client_for(&c, "gemini", false);
    if (CHECK(body_of(&c, &r, &doc, body, sizeof body, &err)))
        if (!CHECK(same_json_as_file(&doc, DOCS "same_conversation.json"))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
    conv[3].tool_call_id = "call_unknown"; /* a result that answers no call cannot be named */
    CHECK(!body_of(&c, &r, &doc, NULL, 0, &err));
    CHECK_EQ_INT(err.code, LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "messages[3]") != NULL);
}

/* The URL, the key's header; JSON output in Gemini's schema dialect, and
   what the dialect lacks refused by name. */
static void url_schema_and_refusals(void) {
    llm_message hi;
    llm_request r;
    llm_client c;
    llm_call call;
    const llm_http_request *http = NULL;
    llm_json_doc doc;
    llm_error err;
    char body[2048];
    size_t i;
    bool key = false;
    memset(&hi, 0, sizeof hi);
    hi.content = "Hi";
    memset(&r, 0, sizeof r);
    r.model = "gemini-2.5-flash";
    r.messages = &hi;
    r.message_count = 1;
    client_for(&c, "gemini", false);
    if (CHECK_EQ_INT(llm_call_begin(&call, &c, &r, 0, &http, &err), LLM_OK)) {
        if (CHECK(http != NULL)) {
            CHECK_EQ_STR(http->url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
            for (i = 0; i < http->header_count; i++) key |= strcmp(http->headers[i].name, "x-goog-api-key") == 0 && strcmp(http->headers[i].value, "sk-test") == 0;
        }
        CHECK(key);
        llm_call_free(&call);
    }
    http = NULL;
    if (CHECK_EQ_INT(llm_call_begin_stream(&call, &c, &r, 0, &http, &err), LLM_OK)) {
        if (CHECK(http != NULL))
            CHECK_EQ_STR(http->url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        llm_call_free(&call);
    }
    r.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    r.response_format.name = "recipe";
    r.response_format.schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"note\":{\"type\":[\"string\",\"null\"]},"
                               "\"kind\":{\"const\":\"soup\"}},\"required\":[\"name\"],\"additionalProperties\":false}";
    if (CHECK(body_of(&c, &r, &doc, body, sizeof body, &err))) {
        const llm_json *g = llm_json_get(llm_json_root(&doc), "generationConfig"), *want;
        llm_json_doc wd;
        memset(&wd, 0, sizeof wd);
        CHECK_EQ_STR(llm_json_string(llm_json_get(g, "responseMimeType"), NULL), "application/json");
        static const char want_text[] = "{\"type\":\"OBJECT\",\"properties\":{\"name\":{\"type\":\"STRING\"},\"note\":{\"type\":\"STRING\",\"nullable\":true},"
                                        "\"kind\":{\"enum\":[\"soup\"]}},\"required\":[\"name\"]}";
        CHECK_EQ_INT(llm_json_parse(&wd, want_text, strlen(want_text), NULL), LLM_OK);
        want = llm_json_root(&wd);
        if (!CHECK(llm_json_equal(llm_json_get(g, "responseSchema"), want))) fprintf(stderr, "  sent: %s\n", body);
        llm_json_doc_free(&wd);
    }
    llm_json_doc_free(&doc);
    r.response_format.schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}";
    CHECK(!body_of(&c, &r, &doc, NULL, 0, &err));
    CHECK_EQ_INT(err.code, LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "\"oneOf\"") && strstr(err.message, "/properties/a"));
    r.response_format.type = LLM_FORMAT_DEFAULT;
    r.user = "u-1"; /* Gemini has no user field: refused, or dropped when asked */
    CHECK(!body_of(&c, &r, &doc, NULL, 0, &err));
    CHECK(strstr(err.message, "user") != NULL);
    client_for(&c, "gemini", true);
    CHECK(body_of(&c, &r, &doc, body, sizeof body, &err));
    CHECK(!strstr(body, "u-1"));
    llm_json_doc_free(&doc);
    { /* a functionCall's args is JSON (an object, or a value as it came): other arguments are refused, naming the call */
        llm_tool_call bad = {.id = "call_1", .name = "get_weather", .arguments = "{'city': 'Paris'}"};
        llm_message turns[2] = {{.role = LLM_ROLE_USER, .content = "Hi"}, {.role = LLM_ROLE_ASSISTANT, .tool_calls = &bad, .tool_call_count = 1}};
        llm_request q = {.model = "gemini-2.5-flash", .messages = turns, .message_count = 2};
        CHECK(!body_of(&c, &q, &doc, NULL, 0, &err));
        CHECK_EQ_INT(err.code, LLM_ERR_INVALID_ARGUMENT);
        CHECK(strstr(err.message, "tool_calls[0] (get_weather)") != NULL);
    }
}

/* reasoning_effort by family (the README's table). */
static void thinking_by_family(void) {
    static const struct { const char *model, *effort; const char *want; } cases[] = {
        {"gemini-2.5-flash", "low", "{\"thinkingBudget\":1024,\"includeThoughts\":true}"},
        {"gemini-2.5-flash", "none", "{\"thinkingBudget\":0}"},
        {"gemini-2.5-pro", "high", "{\"thinkingBudget\":4096,\"includeThoughts\":true}"},
        {"gemini-2.5-pro", "minimal", "{\"thinkingBudget\":128,\"includeThoughts\":true}"},
        {"gemini-2.5-pro", "none", NULL},
        {"gemini-3-pro-preview", "medium", "{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"},
        {"gemini-3-pro-preview", "minimal", "{\"thinkingLevel\":\"low\",\"includeThoughts\":true}"},
        {"gemini-3-flash-preview", "medium", "{\"thinkingLevel\":\"medium\",\"includeThoughts\":true}"},
        {"gemini-2.0-flash", "low", NULL},
        {"gemini-2.5-flash", "loud", NULL},
    };
    llm_message hi;
    llm_request r;
    llm_client c;
    llm_json_doc doc, want;
    llm_error err;
    size_t i;
    memset(&hi, 0, sizeof hi);
    hi.content = "Hi";
    client_for(&c, "gemini", false);
    for (i = 0; i < TEST_COUNT(cases); i++) {
        bool ok;
        memset(&r, 0, sizeof r);
        r.model = cases[i].model;
        r.reasoning_effort = cases[i].effort;
        r.messages = &hi;
        r.message_count = 1;
        ok = body_of(&c, &r, &doc, NULL, 0, &err);
        if (!cases[i].want) {
            if (!CHECK(!ok && strstr(err.message, "reasoning_effort"))) fprintf(stderr, "  case %zu\n", i);
        } else if (CHECK(ok)) {
            memset(&want, 0, sizeof want);
            CHECK_EQ_INT(llm_json_parse(&want, cases[i].want, strlen(cases[i].want), NULL), LLM_OK);
            if (!CHECK(llm_json_equal(llm_json_get(llm_json_get(llm_json_root(&doc), "generationConfig"), "thinkingConfig"), llm_json_root(&want))))
                fprintf(stderr, "  case %zu\n", i);
            llm_json_doc_free(&want);
        }
        llm_json_doc_free(&doc);
    }
}

/* LiteLLM's OpenAI-shaped conversation: the signature on the tool call's
   id after "__thought__" is read as Gemini's reasoning state, sent back on
   the functionCall part, and never to another provider. */
static void litellm_thought_ids(void) {
    static const char body[] =
        "{\"model\":\"gemini/gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"What time is it?\"},"
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_9f__thought__CiIBVKhc7vB+vaaq6rA/KC79Ts7iXagIOA4EBOyBFDpl+pxP\","
        "\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"{}\"}}]},"
        "{\"role\":\"tool\",\"tool_call_id\":\"call_9f__thought__CiIBVKhc7vB+vaaq6rA/KC79Ts7iXagIOA4EBOyBFDpl+pxP\",\"content\":\"10:00\"}]}";
    llm_openai_request o;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    char out[4096];
    const llm_message *a;
    memset(&o, 0, sizeof o);
    if (!CHECK_EQ_INT(llm_request_parse_openai(&o, body, strlen(body), &err), LLM_OK)) return;
    if (!CHECK_EQ_INT(o.request.message_count, 3) || !CHECK_EQ_INT(o.request.messages[1].tool_call_count, 1)) {
        llm_openai_request_free(&o);
        return;
    }
    a = &o.request.messages[1];
    CHECK_EQ_STR(a->tool_calls[0].id, "call_9f");
    CHECK_EQ_STR(o.request.messages[2].tool_call_id, "call_9f");
    CHECK_EQ_STR(a->reasoning_format, "gemini");
    if (CHECK_EQ_INT(a->reasoning_count, 1)) {
        CHECK_EQ_STR(a->reasoning[0].signature, "CiIBVKhc7vB+vaaq6rA/KC79Ts7iXagIOA4EBOyBFDpl+pxP");
        CHECK_EQ_STR(a->reasoning[0].tool_call_id, "call_9f");
    }
    client_for(&c, "gemini", false);
    o.request.model = "gemini-2.5-flash";
    if (CHECK(body_of(&c, &o.request, &doc, out, sizeof out, &err))) {
        const llm_json *part = llm_json_at(llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "contents"), 1), "parts"), 0);
        CHECK_EQ_STR(llm_json_string(llm_json_get(part, "thoughtSignature"), NULL), "CiIBVKhc7vB+vaaq6rA/KC79Ts7iXagIOA4EBOyBFDpl+pxP");
    }
    llm_json_doc_free(&doc);
    client_for(&c, "openai", false);
    o.request.model = "gpt-4o";
    if (CHECK(body_of(&c, &o.request, &doc, out, sizeof out, &err))) CHECK(!strstr(out, "CiIBVKhc") && !strstr(out, "__thought__"));
    llm_json_doc_free(&doc);
    llm_openai_request_free(&o);
}

/* The prompt of a call that used a tool (Google Search, code execution,
   URL context) includes what the tool gave the model:
   toolUsePromptTokenCount, "Number of tokens present in tool-use
   prompt(s)" (the API reference's UsageMetadata), which Gemini counts
   apart from promptTokenCount and within totalTokenCount. The body's own
   total (74 + 155 + 103 + 293 = 625) says what prompt and completion add
   up to; in a body and in a stream's last event alike. */
static void the_tool_use_prompt_counts_in_the_prompt(void) {
    static const char meta[] = "\"usageMetadata\":{\"promptTokenCount\":74,\"candidatesTokenCount\":103,"
                               "\"thoughtsTokenCount\":293,\"toolUsePromptTokenCount\":155,\"totalTokenCount\":625}";
    char body[512], sse[600];
    llm_response resp;
    int stream;
    snprintf(body, sizeof body, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}],\"role\":\"model\"},"
                                "\"finishReason\":\"STOP\",\"index\":0}],%s}", meta);
    snprintf(sse, sizeof sse, "data: %s\r\n\r\n", body);
    for (stream = 0; stream < 2; stream++) {
        const char *bytes = stream ? sse : body;
        if (!CHECK_EQ_INT(llm_decode_recorded("gemini", 200, bytes, strlen(bytes), stream != 0, &resp, NULL), LLM_OK))
            continue;
        if (!CHECK_EQ_INT(resp.usage.prompt_tokens, 625 - 103 - 293) || !CHECK_EQ_INT(resp.usage.completion_tokens, 103 + 293) ||
            !CHECK_EQ_INT(resp.usage.total_tokens, 625))
            fprintf(stderr, "  %s\n", stream ? "stream" : "body");
        llm_response_free(&resp);
    }
}

/* llm_usage_decode reads Gemini's usageMetadata through the wire format's
   usage slot, in the one convention: the recorded answer's own counts
   (promptTokenCount 38, candidatesTokenCount 8, thoughtsTokenCount 501),
   the completion being candidates plus thoughts, which is what its
   totalTokenCount (547) says. */
static void usage_decodes_through_the_wire_format(void) {
    size_t len;
    char *bytes = TEST_READ_FIXTURE(SAMPLES "generate_content_thinking_function_call.json", &len);
    llm_json_doc doc;
    llm_usage u;
    memset(&doc, 0, sizeof doc);
    if (!bytes) return;
    if (CHECK_EQ_INT(llm_json_parse(&doc, bytes, len, NULL), LLM_OK)) {
        const llm_json *meta = llm_json_get(llm_json_root(&doc), "usageMetadata");
        CHECK_EQ_INT(llm_usage_decode("gemini", meta, &u, NULL), LLM_OK);
        CHECK_EQ_INT((int)u.prompt_tokens, 38);
        CHECK_EQ_INT((int)u.completion_tokens, 8 + 501);
        CHECK_EQ_INT((int)u.reasoning_tokens, 501);
        CHECK_EQ_INT((int)(u.prompt_tokens + u.completion_tokens),
                     (int)llm_json_int(llm_json_get(meta, "totalTokenCount"), -1));
        CHECK_EQ_INT(llm_wire_usage_decode(llm_wire_gemini(), meta, &u, NULL), LLM_OK);
        CHECK_EQ_INT((int)u.completion_tokens, 509);
    }
    llm_json_doc_free(&doc);
    free(bytes);
}


/* A gemini client at `base_url` (NULL: the preset's) over `mock` (NULL: none). */
static void gemini_over(llm_client *c, const char *base_url, llm_mock *mock) {
    llm_client_desc d;
    memset(&d, 0, sizeof d);
    d.provider = "gemini";
    d.base_url = base_url;
    d.api_key = "sk-test";
    d.no_request_id = true;
    if (mock) d.transport = llm_mock_transport(mock);
    CHECK_EQ_INT(llm_client_init(c, &d, NULL), LLM_OK);
}

/* The recorded function call, received through a request to
   (gemini, https://generativelanguage.googleapis.com, gemini-2.5-pro): its
   signature goes back to that endpoint and model as Google's guide shows;
   to a Gemini-shaped proxy, or to another model, it is left out. */
static void thought_signatures_go_back_only_where_they_were_made(void) {
    static const char *const elsewhere[][2] = {{"https://gemini-proxy.example.com", "gemini-2.5-pro"},
                                               {NULL, "gemini-2.5-flash"}};
    size_t len, count, i;
    char *answer = TEST_READ_FIXTURE(SAMPLES "generate_content_thinking_function_call.json", &len), body[8192];
    llm_mock_exchange x;
    llm_mock mock;
    llm_response resp;
    llm_conversation conv;
    llm_message m[2];
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    const llm_message *msgs;
    if (!answer) return;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = "content-type: application/json\n";
    x.body = answer;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&conv, 0, sizeof conv);
    memset(m, 0, sizeof m);
    m[0].role = LLM_ROLE_SYSTEM;
    m[0].content = "You are a calendar assistant.";
    m[1].role = LLM_ROLE_USER;
    m[1].content = "How many days until New Year's Eve?";
    memset(&tool, 0, sizeof tool);
    tool.name = "now";
    tool.description = "The current date and time";
    memset(&req, 0, sizeof req);
    req.model = "gemini-2.5-pro";
    req.messages = m;
    req.message_count = 2;
    req.tools = &tool;
    req.tool_count = 1;
    req.reasoning_effort = "low";
    gemini_over(&c, NULL, &mock);
    if (!CHECK_EQ_INT(llm_complete(&c, &req, &resp, NULL), LLM_OK) || !CHECK_EQ_INT(resp.choice_count, 1)) {
        llm_response_free(&resp);
        free(answer);
        return;
    }
    CHECK_EQ_STR(resp.choices[0].reasoning_provider, "gemini");
    CHECK_EQ_STR(resp.choices[0].reasoning_origin, "https://generativelanguage.googleapis.com");
    CHECK_EQ_STR(resp.choices[0].reasoning_model, "gemini-2.5-pro");
    CHECK_EQ_INT(llm_conversation_add(&conv, &m[0]), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add(&conv, &m[1]), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
    CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, "call_0_0", "2025-10-26T10:00:00Z"), LLM_OK);
    llm_response_free(&resp);
    msgs = llm_conversation_messages(&conv, &count);
    req.messages = msgs;
    req.message_count = count;
    gemini_over(&c, NULL, NULL);
    if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
        if (!CHECK(same_json_as_file(&doc, DOCS "function_call_next_request.json"))) fprintf(stderr, "  sent: %s\n", body);
    llm_json_doc_free(&doc);
    for (i = 0; i < TEST_COUNT(elsewhere); i++) {
        gemini_over(&c, elsewhere[i][0], NULL);
        req.model = elsewhere[i][1];
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, NULL)))
            if (!CHECK(!strstr(body, "thoughtSignature") && strstr(body, "\"functionCall\":{\"name\":\"now\"")))
                fprintf(stderr, "  %s %s got: %s\n", elsewhere[i][0] ? elsewhere[i][0] : "(default)", elsewhere[i][1], body);
        llm_json_doc_free(&doc);
    }
    llm_conversation_free(&conv);
    free(answer);
}

/* Parallel calls (tests/data/gemini/SOURCES.md): the answer's two calls,
   signed on the first part only, decoded from the whole body or the stream;
   the next request's model turn is the content received (its parts, their
   order, the signature where it came), and the two results go in one user
   content, in the calls' order. */
static void parallel_calls_go_back_as_they_came(void) {
    static const char *const files[] = {DOCS "parallel_function_calls_response.json", DOCS "parallel_function_calls_stream.sse"};
    static const char *const temps[] = {"{\"temperature\":15,\"unit\":\"C\"}", "{\"temperature\":12,\"unit\":\"C\"}"};
    size_t len, count, i, k;
    char *bytes, body[8192];
    llm_json_doc got, want;
    llm_response resp;
    llm_conversation conv;
    llm_message user;
    llm_tool tool;
    llm_request req;
    llm_client c;
    const llm_message *msgs;
    const llm_json *contents, *results;
    char *whole = TEST_READ_FIXTURE(files[0], &len);
    memset(&want, 0, sizeof want);
    if (!whole || !CHECK_EQ_INT(llm_json_parse(&want, whole, len, NULL), LLM_OK)) { free(whole); return; }
    for (i = 0; i < TEST_COUNT(files); i++) {
        if (!(bytes = TEST_READ_FIXTURE(files[i], &len))) continue;
        memset(&conv, 0, sizeof conv);
        if (!CHECK_EQ_INT(llm_decode_recorded("gemini", 200, bytes, len, i == 1, &resp, NULL), LLM_OK) ||
            !CHECK_EQ_INT(resp.choice_count, 1)) {
            llm_response_free(&resp);
            free(bytes);
            continue;
        }
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_TOOL_CALLS);
        if (!CHECK_EQ_INT(resp.choices[0].tool_call_count, 2)) { llm_response_free(&resp); free(bytes); continue; }
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, "{\"location\":\"Paris\"}");
        CHECK_EQ_STR(resp.choices[0].tool_calls[1].arguments, "{\"location\":\"London\"}");
        CHECK(strcmp(resp.choices[0].tool_calls[0].id, resp.choices[0].tool_calls[1].id) != 0);
        memset(&user, 0, sizeof user);
        user.role = LLM_ROLE_USER;
        user.content = "Check the weather in Paris and London.";
        CHECK_EQ_INT(llm_conversation_add(&conv, &user), LLM_OK);
        CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
        for (k = 0; k < 2; k++)
            CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, resp.choices[0].tool_calls[k].id, temps[k]), LLM_OK);
        msgs = llm_conversation_messages(&conv, &count);
        memset(&tool, 0, sizeof tool);
        tool.name = "get_current_temperature";
        tool.description = "Gets the current temperature for a given location.";
        tool.parameters = "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}";
        memset(&req, 0, sizeof req);
        req.model = "gemini-3-pro-preview";
        req.messages = msgs;
        req.message_count = count;
        req.tools = &tool;
        req.tool_count = 1;
        gemini_over(&c, NULL, NULL);
        if (CHECK(body_of(&c, &req, &got, body, sizeof body, NULL))) {
            contents = llm_json_get(llm_json_root(&got), "contents");
            CHECK_EQ_INT(llm_json_count(contents), 3);
            /* the content received, as it came: role model, the same parts in the same order */
            if (!CHECK(llm_json_equal(llm_json_at(contents, 1),
                                      llm_json_get(llm_json_at(llm_json_get(llm_json_root(&want), "candidates"), 0), "content"))))
                fprintf(stderr, "  %s sent: %s\n", files[i], body);
            CHECK(strstr(strstr(body, "thoughtSignature") + 1, "thoughtSignature") == NULL); /* once, not on the second call */
            results = llm_json_at(contents, 2);
            CHECK_EQ_STR(llm_json_string(llm_json_get(results, "role"), NULL), "user");
            results = llm_json_get(results, "parts");
            if (CHECK_EQ_INT(llm_json_count(results), 2))
                for (k = 0; k < 2; k++) {
                    const llm_json *fr = llm_json_get(llm_json_at(results, k), "functionResponse");
                    CHECK_EQ_STR(llm_json_string(llm_json_get(fr, "name"), NULL), "get_current_temperature");
                    CHECK_EQ_INT(llm_json_int(llm_json_get(llm_json_get(fr, "response"), "temperature"), -1), k == 0 ? 15 : 12);
                }
        }
        llm_json_doc_free(&got);
        llm_response_free(&resp);
        llm_conversation_free(&conv);
        free(bytes);
    }
    llm_json_doc_free(&want);
    free(whole);
}

/* A functionCall whose args is not an object (Gemini's API gives a Struct;
   a Gemini-shaped server may not): kept as the JSON text of the value, the
   call flagged arguments_invalid, the answer not lost, as an OpenAI call's
   arguments that are not JSON are; the next turn sends it back as it came,
   so the tool loop goes on. A whole body and a stream alike. */
static void args_that_are_not_an_object_are_kept_and_sent_back(void) {
    static const char whole[] =
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":\"Paris\"}}]},"
        "\"finishReason\":\"STOP\",\"index\":0}]}";
    static const char sse[] =
        "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":[\"Paris\",2]}}]},"
        "\"finishReason\":\"STOP\",\"index\":0}]}\n\n";
    static const char *const args[] = {"\"Paris\"", "[\"Paris\",2]"};
    size_t i, count;
    char body[4096];
    llm_response resp;
    llm_conversation conv;
    llm_message user;
    llm_tool tool;
    llm_request req;
    llm_client c;
    llm_json_doc doc;
    llm_error err;
    const llm_message *msgs;
    for (i = 0; i < 2; i++) {
        memset(&conv, 0, sizeof conv);
        /* the tool result below answers tool_calls[0]: nothing to send without it */
        if (!CHECK_EQ_INT(decoded(i ? sse : whole, 200, i == 1, &resp, &err), LLM_OK) ||
            !CHECK_EQ_INT(resp.choice_count, 1) || !CHECK_EQ_INT(resp.choices[0].tool_call_count, 1)) {
            llm_response_free(&resp);
            continue;
        }
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].name, "lookup");
        CHECK_EQ_STR(resp.choices[0].tool_calls[0].arguments, args[i]);
        CHECK(resp.choices[0].tool_calls[0].arguments_invalid);
        memset(&user, 0, sizeof user);
        user.role = LLM_ROLE_USER;
        user.content = "Look Paris up.";
        CHECK_EQ_INT(llm_conversation_add(&conv, &user), LLM_OK);
        CHECK_EQ_INT(llm_conversation_add_response(&conv, &resp), LLM_OK);
        CHECK_EQ_INT(llm_conversation_add_tool_result(&conv, resp.choices[0].tool_calls[0].id, "error: the arguments are not an object"), LLM_OK);
        msgs = llm_conversation_messages(&conv, &count);
        memset(&tool, 0, sizeof tool);
        tool.name = "lookup";
        memset(&req, 0, sizeof req);
        req.model = "gemini-2.5-flash";
        req.messages = msgs;
        req.message_count = count;
        req.tools = &tool;
        req.tool_count = 1;
        gemini_over(&c, NULL, NULL);
        if (CHECK(body_of(&c, &req, &doc, body, sizeof body, &err))) {
            const llm_json *call = llm_json_get(llm_json_at(llm_json_get(llm_json_at(llm_json_get(llm_json_root(&doc), "contents"), 1), "parts"), 0), "functionCall");
            char want[64];
            snprintf(want, sizeof want, "\"args\":%s", args[i]);
            CHECK_EQ_STR(llm_json_string(llm_json_get(call, "name"), NULL), "lookup");
            if (!CHECK(strstr(body, want) != NULL)) fprintf(stderr, "  sent: %s\n", body);
        } else {
            fprintf(stderr, "  refused: %s\n", err.message);
        }
        llm_json_doc_free(&doc);
        llm_response_free(&resp);
        llm_conversation_free(&conv);
    }
}

static const test_case cases[] = {
    TEST(a_plain_answer_decodes),
    TEST(the_function_call_round_trip),
    TEST(a_streamed_signature_is_kept),
    TEST(a_stream_cut_before_its_finish_is_truncated),
    TEST(errors_and_finish_words),
    TEST(the_same_conversation),
    TEST(url_schema_and_refusals),
    TEST(thinking_by_family),
    TEST(litellm_thought_ids),
    TEST(the_tool_use_prompt_counts_in_the_prompt),
    TEST(usage_decodes_through_the_wire_format),
    TEST(streamed_usage_merges_count_by_count),
    TEST(streamed_chunks_are_read_in_place),
    TEST(thought_signatures_go_back_only_where_they_were_made),
    TEST(parallel_calls_go_back_as_they_came),
    TEST(args_that_are_not_an_object_are_kept_and_sent_back),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
