/* tools.c - the tool-call loop: the model asks for a tool, the program runs
   it, the model answers with its result.

       OPENAI_API_KEY=sk-... build/tools
       ANTHROPIC_API_KEY=... build/tools -m anthropic/claude-sonnet-4-5 --think

   The conversation helper keeps every turn, the model's tool calls and the
   tool results in order, so each request carries the whole exchange. With
   --think the model reasons first: its thinking blocks (and their
   signatures) are kept on the assistant turn and sent back to the same
   provider, as Anthropic requires when a tool result follows thinking.
   Build: cc -std=c99 tools.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The one tool: the time now, in UTC. A real program would look at
   call->arguments (checked JSON) and do the work. */
static const char *run_tool(const llm_tool_call *call, char *out, size_t size) {
    time_t now = time(NULL);
    if (strcmp(call->name, "get_time") != 0) return "{\"error\":\"no such tool\"}";
    strftime(out, size, "%H:%M UTC", gmtime(&now));
    return out;
}

int main(int argc, char **argv) {
    const char *model = "gpt-4o-mini";
    llm_tool tools[1];
    llm_message question = {.role = LLM_ROLE_USER, .content = "What time is it?"};
    llm_conversation conv;
    llm_client_desc desc = {0};
    llm_target target;
    llm_curl curl;
    llm_client client;
    llm_request req = {0};
    llm_error err;
    char result[64];
    int i, turn, status = 1;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) model = argv[++i];
        else if (strcmp(argv[i], "--think") == 0) req.reasoning_effort = "low";
    }
    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "tools: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "tools: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    desc.transport = llm_curl_transport(&curl);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "tools: %s\n", err.message);
        return 2;
    }

    memset(tools, 0, sizeof tools);
    tools[0].name = "get_time";
    tools[0].description = "The current time in UTC";
    tools[0].parameters = "{\"type\":\"object\",\"properties\":{}}";
    memset(&conv, 0, sizeof conv);
    llm_conversation_add(&conv, &question);
    req.model = target.model;
    req.tools = tools;
    req.tool_count = 1;
    if (req.reasoning_effort) req.max_tokens = 2048; /* Anthropic's thinking needs room above its budget */

    for (turn = 0; turn < 4; turn++) { /* a bound: a model could ask for tools forever */
        llm_response resp;
        const llm_choice *answer;
        size_t k;
        req.messages = llm_conversation_messages(&conv, &req.message_count);
        if (llm_complete(&client, &req, &resp, &err) != LLM_OK) {
            fprintf(stderr, "tools: %s: %s\n", llm_result_str(err.code), err.message);
            break;
        }
        llm_conversation_add_response(&conv, &resp); /* the turn, its tool calls and its thinking */
        answer = &resp.choices[0];
        if (answer->reasoning) printf("(thought: %s)\n", answer->reasoning);
        if (answer->finish_reason != LLM_FINISH_TOOL_CALLS) {
            printf("%s\n", answer->content);
            llm_response_free(&resp);
            status = 0;
            break;
        }
        for (k = 0; k < answer->tool_call_count; k++) {
            const llm_tool_call *call = &answer->tool_calls[k];
            const char *out = run_tool(call, result, sizeof result);
            printf("the model called %s(%s); it said %s\n", call->name, call->arguments, out);
            llm_conversation_add_tool_result(&conv, call->id, out);
        }
        llm_response_free(&resp);
    }
    llm_conversation_free(&conv);
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status;
}
