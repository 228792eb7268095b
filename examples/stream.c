/* stream.c - a streamed answer, printed as it arrives.

   llm_stream calls back for every event (text, reasoning, tool calls,
   usage, finish) and returns the same llm_response a blocking call gives.
   The mock transport replays a recorded OpenAI stream in small chunks, as
   a network would deliver it:

       build/stream [RECORDED.sse]                                         */
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        if (f) fclose(f);
        return NULL;
    }
    buf = (char *)malloc((size_t)n + 1);
    *len = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    return buf;
}

static int on_event(void *user, const llm_event *ev) {
    (void)user;
    if (ev->type == LLM_EVENT_TEXT) fwrite(ev->text, 1, ev->text_len, stdout);
    if (ev->type == LLM_EVENT_FINISH) printf("\n[finish: %s]\n", llm_finish_reason_str(ev->finish_reason));
    fflush(stdout);
    return 0; /* nonzero would cancel */
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "tests/data/provider-samples/openai/chat_stream_text_usage.sse";
    llm_mock_exchange answer = {200, "content-type: text/event-stream\n", NULL, 0, 64, LLM_OK};
    llm_mock mock = {NULL, 1, 0, NULL, NULL};
    llm_client_desc desc = {0};
    llm_client client;
    llm_message question = {.role = LLM_ROLE_USER, .content = "What's the weather in San Francisco?"};
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    size_t len;
    answer.body = read_file(path, &len);
    answer.body_len = len;
    if (!answer.body) {
        fprintf(stderr, "stream: cannot read %s\n", path);
        return 2;
    }
    mock.exchanges = &answer;
    desc.api_key = "sk-your-key";
    desc.transport = llm_mock_transport(&mock);
    llm_client_init(&client, &desc, NULL);
    req.model = "gpt-4o";
    req.messages = &question;
    req.message_count = 1;
    req.stream.stall_timeout_ms = 30000; /* enforced when the client has a clock */
    if (llm_stream(&client, &req, on_event, NULL, &resp, &err) != LLM_OK)
        fprintf(stderr, "stream: %s: %s\n", llm_result_str(err.code), err.message);
    else
        printf("[%lld tokens in, %lld out]\n", (long long)resp.usage.prompt_tokens, (long long)resp.usage.completion_tokens);
    llm_response_free(&resp);
    free((void *)answer.body);
    return 0;
}
