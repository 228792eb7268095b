/* chat.c - one chat completion through a transport.

   The transport is whatever moves bytes for your program (libcurl, lwIP, a
   console SDK). This example replays a recorded OpenAI answer with the mock
   transport, so it runs anywhere:

       build/chat [RECORDED_BODY.json]

   To talk to a real server, give the client a real transport
   (llm_curl_transport from llm_curl_adapter.h, as `llm chat` does in
   cli/chat.c, or your own) and a real API key. */
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

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "tests/data/provider-samples/openai/chat_completion_text.json";
    llm_mock_exchange answer = {0, NULL, NULL, 0, 0, LLM_OK};
    llm_mock mock = {NULL, 0, 0, NULL, NULL};
    llm_client_desc desc = {0};
    llm_client client;
    llm_message messages[2] = {{.role = LLM_ROLE_SYSTEM, .content = "You are terse."},
                               {.role = LLM_ROLE_USER, .content = "What's the weather in San Francisco?"}};
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    size_t len;

    answer.status = 200;
    answer.headers = "content-type: application/json\nx-request-id: req_demo\n";
    answer.body = read_file(path, &len);
    answer.body_len = len;
    if (!answer.body) {
        fprintf(stderr, "chat: cannot read %s\n", path);
        return 2;
    }
    mock.exchanges = &answer;
    mock.count = 1;

    desc.api_key = "sk-your-key";
    desc.transport = llm_mock_transport(&mock);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "chat: %s\n", err.message);
        return 1;
    }

    req.model = "gpt-4o";
    req.messages = messages;
    req.message_count = 2;
    req.has_temperature = true;
    req.temperature = 0.2;
    if (llm_complete(&client, &req, &resp, &err) != LLM_OK) {
        fprintf(stderr, "chat: %s: %s (HTTP %d)\n", llm_result_str(err.code), err.message, err.http_status);
        free((void *)answer.body);
        return 1;
    }
    printf("%s\n", resp.choices[0].content ? resp.choices[0].content : "(no text)");
    printf("model %s, finish %s, tokens %lld in + %lld out, request %s\n", resp.model, resp.choices[0].finish_reason_raw,
           (long long)resp.usage.prompt_tokens, (long long)resp.usage.completion_tokens, resp.request_id);
    llm_response_free(&resp);
    free((void *)answer.body);
    return 0;
}
