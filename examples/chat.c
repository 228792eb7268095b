/* chat.c - one question, one answer, over HTTP.

       OPENAI_API_KEY=sk-... build/chat "Why is the sky blue?"
       ANTHROPIC_API_KEY=... build/chat -m anthropic/claude-sonnet-4-5 "Why is the sky blue?"
       LLM_BASE_URL=http://localhost:4000 LLM_API_KEY=sk-... build/chat -m my-alias "Hi"  (a LiteLLM proxy, vLLM...)

   The target (provider, base URL, key) comes from the environment as `llm
   chat` finds it (llm_client_desc_from_env); libcurl moves the bytes
   (llm_curl_adapter.h). Build: cc -std=c99 chat.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *model = "gpt-4o-mini", *prompt = "Say hello in one sentence.";
    llm_message question = {.role = LLM_ROLE_USER};
    llm_client_desc desc = {0};
    llm_target target;
    llm_curl curl;
    llm_client client;
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    int i, status = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) model = argv[++i];
        else prompt = argv[i];
    }

    /* who to ask: the model's provider and its key, from the environment */
    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "chat: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "chat: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) {
        fprintf(stderr, "chat: %s\n", err.message);
        return 1;
    }
    desc.transport = llm_curl_transport(&curl);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "chat: %s\n", err.message);
        llm_curl_free(&curl);
        return 2;
    }

    /* what to ask */
    question.content = prompt;
    req.model = target.model;
    req.messages = &question;
    req.message_count = 1;

    /* one blocking call (retried on 429/5xx); the answer owns its strings */
    if (llm_complete(&client, &req, &resp, &err) == LLM_OK) {
        printf("%s\n", resp.choices[0].content);
        printf("tokens: %lld in, %lld out", (long long)resp.usage.prompt_tokens, (long long)resp.usage.completion_tokens);
        if (resp.has_cost) printf(", cost $%.6f\n", resp.cost_usd);
        else printf(", cost unknown\n");
        llm_response_free(&resp);
    } else {
        fprintf(stderr, "chat: %s: %s\n", llm_result_str(err.code), err.message);
        status = 1;
    }
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status;
}
