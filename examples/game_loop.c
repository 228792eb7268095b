/* game_loop.c - the sans-I/O call, driven one frame at a time.

   A game engine or an event-driven firmware owns its sockets and its frame
   budget: it asks the call for the HTTP request to send, then each frame
   feeds whatever bytes arrived and takes the events out. Nothing blocks,
   nothing sleeps, no clock is read behind its back (time is passed in).
   Here the "network" hands over 40 bytes of a recorded stream per frame:

       build/game_loop                                                     */
#define LLM_IMPLEMENTATION
#include "../llm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    static const char recorded[] =
        "data: {\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The dragon \"}}]}\n\n"
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"sleeps.\"},\"finish_reason\":\"stop\"}]}\n\n"
        "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}\n\n"
        "data: [DONE]\n\n";
    llm_client_desc desc;
    llm_client client;
    llm_call call;
    llm_message line = {.role = LLM_ROLE_USER, .content = "Narrate the cave."};
    llm_request req;
    const llm_http_request *http;
    llm_response resp;
    llm_error err;
    size_t sent = 0, total = sizeof recorded - 1;
    int64_t now_ms = 0;
    int frame = 0;

    memset(&desc, 0, sizeof desc);
    desc.api_key = "sk-your-key";
    llm_client_init(&client, &desc, NULL);
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o";
    req.messages = &line;
    req.message_count = 1;
    req.stream.first_token_timeout_ms = 10000;

    if (llm_call_begin_stream(&call, &client, &req, now_ms, &http, &err) != LLM_OK) {
        fprintf(stderr, "game_loop: %s\n", err.message);
        return 1;
    }
    printf("send: %s %s (%zu bytes)\n", http->method, http->url, http->body_len);
    llm_call_feed_status(&call, 200); /* the engine's HTTP layer reports the answer */
    llm_call_feed_header(&call, "Content-Type", 12, "text/event-stream", 17);

    while (sent < total) { /* the frame loop */
        llm_event ev;
        size_t n = total - sent < 40 ? total - sent : 40;
        now_ms += 16;
        llm_call_feed_body(&call, recorded + sent, n);
        sent += n;
        while (llm_call_next_event(&call, &ev) == LLM_OK)
            if (ev.type == LLM_EVENT_TEXT) printf("frame %d: \"%.*s\"\n", frame, (int)ev.text_len, ev.text);
        if (llm_call_tick(&call, now_ms) != LLM_OK) break; /* a deadline passed */
        frame++;
    }
    if (llm_call_finish(&call, now_ms, &resp, &err) == LLM_OK)
        printf("done after %d frames: \"%s\", %lld tokens\n", frame, resp.choices[0].content, (long long)resp.usage.total_tokens);
    else
        printf("failed: %s\n", err.message);
    llm_response_free(&resp);
    llm_call_free(&call);
    return 0;
}
