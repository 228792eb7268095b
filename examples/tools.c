/* tools.c - a tool-call loop with the conversation helper.

   The model asks for tools; the program runs them, appends the results and
   asks again until the model answers in text. The answers are recorded
   (the mock transport replays them) so the example runs anywhere:

       build/tools                                                        */
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    size_t got;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        if (f) fclose(f);
        return NULL;
    }
    buf = (char *)malloc((size_t)n + 1);
    got = buf ? fread(buf, 1, (size_t)n, f) : 0;
    if (buf) buf[got] = '\0';
    fclose(f);
    return buf;
}

/* The program's own tools. A real one would look at the arguments JSON,
   which a small model may get wrong: such a call is kept, flagged. */
static const char *run_tool(const llm_tool_call *call) {
    if (call->arguments_invalid) return "{\"error\": \"the arguments are not valid JSON\"}";
    if (strcmp(call->name, "GetWeatherArgs") == 0) return "{\"temperature_c\": 11, \"sky\": \"overcast\"}";
    if (strcmp(call->name, "get_stock_price") == 0) return "{\"price\": 227.52, \"currency\": \"USD\"}";
    return "{\"error\": \"unknown tool\"}";
}

static void show_request(void *user, const llm_http_request *req) {
    (void)user;
    printf("-> POST %s (%zu bytes)\n", req->url, req->body_len);
}

int main(void) {
    const char *dir = "tests/data/provider-samples/openai/";
    char path[256];
    llm_mock_exchange answers[2];
    llm_mock mock;
    llm_client_desc desc;
    llm_client client;
    llm_conversation conv;
    llm_tool tools[2];
    llm_message question;
    llm_request req;
    llm_error err;
    int turn, status = 0;

    memset(answers, 0, sizeof answers);
    snprintf(path, sizeof path, "%schat_completion_parallel_tool_calls.json", dir);
    answers[0].body = read_file(path);
    snprintf(path, sizeof path, "%schat_completion_text.json", dir);
    answers[1].body = read_file(path);
    answers[0].status = answers[1].status = 200;
    if (!answers[0].body || !answers[1].body) {
        fprintf(stderr, "tools: cannot read the recorded answers in %s\n", dir);
        return 2;
    }
    memset(&mock, 0, sizeof mock);
    mock.exchanges = answers;
    mock.count = 2;
    mock.on_request = show_request;

    memset(&desc, 0, sizeof desc);
    desc.api_key = "sk-your-key";
    desc.transport = llm_mock_transport(&mock);
    llm_client_init(&client, &desc, NULL);

    memset(tools, 0, sizeof tools);
    tools[0].name = "GetWeatherArgs";
    tools[0].description = "Current weather in a city";
    tools[0].parameters = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"country\":{\"type\":\"string\"},"
                          "\"units\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\"]}";
    tools[1].name = "get_stock_price";
    tools[1].parameters = "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}},\"required\":[\"ticker\"]}";

    memset(&conv, 0, sizeof conv);
    memset(&question, 0, sizeof question);
    question.content = "Weather in Edinburgh, and Apple's share price?";
    llm_conversation_add(&conv, &question);

    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.tools = tools;
    req.tool_count = 2;
    for (turn = 0; turn < 4; turn++) {
        llm_response resp;
        size_t i;
        req.messages = llm_conversation_messages(&conv, &req.message_count);
        if (llm_complete(&client, &req, &resp, &err) != LLM_OK) {
            fprintf(stderr, "tools: %s: %s\n", llm_result_str(err.code), err.message);
            status = 1;
            break;
        }
        llm_conversation_add_response(&conv, &resp);
        if (resp.choices[0].finish_reason != LLM_FINISH_TOOL_CALLS) {
            printf("<- %s\n", resp.choices[0].content);
            llm_response_free(&resp);
            break;
        }
        for (i = 0; i < resp.choices[0].tool_call_count; i++) {
            const llm_tool_call *call = &resp.choices[0].tool_calls[i];
            printf("<- tool call %s %s(%s)\n", call->id, call->name, call->arguments);
            llm_conversation_add_tool_result(&conv, call->id, run_tool(call));
        }
        llm_response_free(&resp);
    }
    llm_conversation_messages(&conv, &req.message_count);
    printf("conversation: %zu messages\n", req.message_count);
    llm_conversation_free(&conv);
    free((void *)answers[0].body);
    free((void *)answers[1].body);
    return status;
}
