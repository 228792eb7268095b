/* tokens.c - what a request costs, and whether it fits, before it is sent.

       build/tokens [--vocab PATH/o200k_base.tiktoken] [--budget TOKENS]
       (then, with OPENAI_API_KEY or LLM_BASE_URL set, it sends the request)

   Exact counts need the model's vocabulary: o200k_base.tiktoken (3.6 MB)
   for gpt-4o, found here in $LLM_TIKTOKEN_DIR, then in
   tests/data/tokens/ (the source tree; `make install` puts it in
   PREFIX/share/llm/). The count follows OpenAI's rules for chat
   (3 tokens per message, the reply's priming, tools); the price table
   (LiteLLM's, built in) gives the context window and the prices. A
   conversation too long for a budget is cut as LiteLLM's trim_messages
   cuts it: the oldest turns go first, the system messages stay.
   Build: cc -std=c99 tokens.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The example conversation of OpenAI's cookbook "How to count tokens with
   tiktoken", whose prompt OpenAI's API counts as 124 tokens for gpt-4o. */
static const llm_message conversation[] = {
    {.role = LLM_ROLE_SYSTEM,
     .content = "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
    {.role = LLM_ROLE_SYSTEM, .content = "New synergies will help drive top-line growth.", .name = "example_user"},
    {.role = LLM_ROLE_SYSTEM, .content = "Things working well together will increase revenue.",
     .name = "example_assistant"},
    {.role = LLM_ROLE_SYSTEM,
     .content = "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
     .name = "example_user"},
    {.role = LLM_ROLE_SYSTEM, .content = "Let's talk later when we're less busy about how to do better.",
     .name = "example_assistant"},
    {.role = LLM_ROLE_USER,
     .content = "This late pivot means we don't have time to boil the ocean for the client deliverable."},
};

int main(int argc, char **argv) {
    const char *dir = getenv("LLM_TIKTOKEN_DIR"), *vocab = NULL;
    char path[1024];
    long budget = 0;
    llm_bpe bpe;
    llm_request req = {0};
    llm_model_info info;
    llm_usage worst = {0};
    llm_cost_info cost;
    llm_message kept[6];
    size_t n = 0, count = 0;
    llm_error err;
    int i;
    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--vocab") == 0) vocab = argv[i + 1];
        else if (strcmp(argv[i], "--budget") == 0) budget = atol(argv[i + 1]);
    }
    snprintf(path, sizeof path, "%s/o200k_base.tiktoken", dir && *dir ? dir : "tests/data/tokens");
    if (llm_bpe_load_file(&bpe, LLM_ENCODING_O200K_BASE, vocab ? vocab : path, NULL, &err) != LLM_OK) {
        fprintf(stderr, "tokens: %s (pass --vocab PATH/o200k_base.tiktoken)\n", err.message);
        return 2;
    }

    req.model = "gpt-4o";
    req.messages = conversation;
    req.message_count = 6;
    req.max_tokens = 100;
    llm_count_request_tokens(&req, &bpe, NULL, &n, NULL);
    printf("prompt: %zu tokens (o200k_base, exact)\n", n);

    /* the model's window and prices, from the price table */
    if (llm_model_info_get(NULL, req.model, &info, &err) == LLM_OK)
        printf("%s takes %lld tokens in, %lld out: %s\n", req.model, (long long)info.max_input_tokens,
               (long long)info.max_output_tokens, (int64_t)n + req.max_tokens <= info.max_input_tokens ? "it fits" : "too long");
    worst.prompt_tokens = (int64_t)n;
    worst.completion_tokens = req.max_tokens; /* the most the answer can cost */
    worst.source = LLM_USAGE_REPORTED;
    if (llm_cost(NULL, req.model, &worst, &cost, NULL) == LLM_OK)
        printf("at most $%.5f: $%.5f for the prompt, $%.5f for %d answer tokens\n", cost.usd, cost.prompt_usd,
               cost.completion_usd, req.max_tokens);

    /* the same examples as a chat history, cut to a budget: the oldest
       turns go first, the system message stays */
    if (budget > 0) {
        static const llm_role roles[] = {LLM_ROLE_SYSTEM, LLM_ROLE_USER, LLM_ROLE_ASSISTANT, LLM_ROLE_USER,
                                         LLM_ROLE_ASSISTANT, LLM_ROLE_USER};
        llm_message history[6];
        llm_result r;
        for (i = 0; i < 6; i++) {
            history[i] = conversation[i];
            history[i].role = roles[i];
            history[i].name = NULL;
        }
        req.messages = history;
        r = llm_trim_messages(&req, &bpe, (size_t)budget, kept, 6, &count, &err);
        req.messages = kept;
        req.message_count = count;
        llm_count_request_tokens(&req, &bpe, NULL, &n, NULL);
        printf("as a chat cut to %ld tokens: %zu of 6 messages kept, %zu tokens%s\n", budget, count, n,
               r == LLM_ERR_CONTEXT_WINDOW_EXCEEDED ? " (still too long)" : "");
    }

    /* then send it, when a server is configured */
    if (getenv("OPENAI_API_KEY") || getenv("LLM_BASE_URL")) {
        llm_client_desc desc = {0};
        llm_client client;
        llm_curl curl;
        llm_response resp;
        curl_global_init(CURL_GLOBAL_DEFAULT);
        llm_curl_init(&curl, NULL, NULL);
        llm_client_desc_from_env(&desc, req.model, NULL, NULL);
        desc.transport = llm_curl_transport(&curl);
        if (llm_client_init(&client, &desc, &err) == LLM_OK && llm_complete(&client, &req, &resp, &err) == LLM_OK) {
            printf("answer: %s\n", resp.choices[0].content);
            llm_response_free(&resp);
        } else {
            fprintf(stderr, "tokens: %s\n", err.message);
        }
        llm_curl_free(&curl);
        curl_global_cleanup();
    }
    llm_bpe_free(&bpe);
    return 0;
}
