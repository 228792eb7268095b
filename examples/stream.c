/* stream.c - an answer printed as it arrives.

       OPENAI_API_KEY=sk-... build/stream "Tell me a short story."
       (any target chat.c takes: -m MODEL, LLM_BASE_URL...)

   llm_stream calls on_event for each piece as the server sends it; every
   provider's stream becomes the same events (text, reasoning, tool calls,
   usage, finish). The response at the end holds the whole answer, as a
   blocking call's would. A stream that ends early is LLM_ERR_TRUNCATED,
   what arrived kept. Build: cc -std=c99 stream.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <string.h>

/* Each event as it comes: text goes out at once, the finish says why. */
static int on_event(void *user, const llm_event *ev) {
    (void)user;
    if (ev->type == LLM_EVENT_TEXT) {
        fwrite(ev->text, 1, ev->text_len, stdout);
        fflush(stdout);
    } else if (ev->type == LLM_EVENT_FINISH) {
        printf("\n[finish: %s]\n", llm_finish_reason_str(ev->finish_reason));
    }
    return 0; /* nonzero would cancel the stream */
}

int main(int argc, char **argv) {
    const char *model = "gpt-4o-mini", *prompt = "Tell me a two-sentence story.";
    llm_message question = {.role = LLM_ROLE_USER};
    llm_client_desc desc = {0};
    llm_target target;
    llm_curl curl;
    llm_client client;
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    llm_result r;
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) model = argv[++i];
        else prompt = argv[i];
    }
    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "stream: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "stream: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    desc.transport = llm_curl_transport(&curl);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "stream: %s\n", err.message);
        return 2;
    }
    question.content = prompt;
    req.model = target.model;
    req.messages = &question;
    req.message_count = 1;
    req.stream.stall_timeout_ms = 30000; /* a stream silent for 30 s is given up (LLM_ERR_TIMEOUT) */

    r = llm_stream(&client, &req, on_event, NULL, &resp, &err);
    if (r == LLM_OK)
        printf("usage: %lld prompt + %lld completion tokens (%s)\n", (long long)resp.usage.prompt_tokens,
               (long long)resp.usage.completion_tokens,
               resp.usage.source == LLM_USAGE_REPORTED ? "reported by the server" : "not reported");
    else
        fprintf(stderr, "stream: %s: %s\n", llm_result_str(err.code), err.message);
    llm_response_free(&resp); /* also after an error: it holds what arrived */
    llm_curl_free(&curl);
    curl_global_cleanup();
    return r == LLM_OK ? 0 : 1;
}
