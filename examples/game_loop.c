/* game_loop.c - several requests in flight, driven one frame at a time.

       OPENAI_API_KEY=sk-... build/game_loop
       (any target chat.c takes: -m MODEL, LLM_BASE_URL...)

   A game engine owns its frame: it cannot block on a socket. The runner
   (llm_curl_runner, in llm_curl_adapter.h) keeps the requests in flight
   on libcurl's multi interface; each frame calls llm_curl_runner_step with
   a timeout of 0, which does only what is ready and returns at once. Three
   characters ask for their lines at the same time; their lines stream in
   while the loop goes on rendering frames, and each is shown once whole.
   Build: cc -std=c99 game_loop.c -lcurl */
#define _POSIX_C_SOURCE 200809L /* nanosleep, for the frame pacing */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NPC 3

typedef struct npc {
    const char *name;
    llm_message line;
    llm_request req;
    llm_curl_job job;
    size_t streamed;                /* bytes of its line received so far (a game would show them) */
} npc;

/* A piece of a character's line, as it arrives (inside the step). */
static int on_event(void *user, const llm_event *ev) {
    npc *who = (npc *)user;
    if (ev->type == LLM_EVENT_TEXT) who->streamed += ev->text_len;
    return 0;
}

/* A character whose line is whole. */
static void on_done(void *user, llm_curl_job *job) {
    npc *who = (npc *)user;
    if (job->result == LLM_OK) printf("%s says: %s\n", who->name, job->response.choices[0].content);
    else printf("%s is silent: %s\n", who->name, job->error.message);
}

int main(int argc, char **argv) {
    static const char *const names[NPC] = {"the innkeeper", "the guard", "the dragon"};
    static const char *const asks[NPC] = {"Greet the traveller.", "Challenge the traveller.", "Growl at the traveller."};
    const char *model = argc > 2 && strcmp(argv[1], "-m") == 0 ? argv[2] : "gpt-4o-mini";
    struct timespec frame = {0, 16 * 1000000L}; /* ~60 frames a second */
    llm_client_desc desc = {0};
    llm_target target;
    llm_client client;
    llm_curl_runner runner;
    npc npcs[NPC];
    llm_error err;
    int i, frames = 0, left = NPC;

    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "game_loop: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "game_loop: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_runner_init(&runner, NULL, 8, &err) != LLM_OK) return 1;
    if (llm_client_init(&client, &desc, &err) != LLM_OK) { /* the runner is the transport: none here */
        fprintf(stderr, "game_loop: %s\n", err.message);
        return 2;
    }
    memset(npcs, 0, sizeof npcs);
    for (i = 0; i < NPC; i++) {
        npc *n = &npcs[i];
        n->name = names[i];
        n->line.role = LLM_ROLE_USER;
        n->line.content = asks[i];
        n->req.model = target.model;
        n->req.messages = &n->line;
        n->req.message_count = 1;
        n->job.client = &client;
        n->job.request = &n->req;
        n->job.stream = true;
        n->job.on_event = on_event;
        n->job.on_done = on_done;
        n->job.user = n;
        llm_curl_runner_add(&runner, &n->job);
    }

    /* the game loop: input, step the network without waiting, update, render */
    while (left > 0 && frames < 60 * 60) { /* a minute of frames at most */
        left = llm_curl_runner_step(&runner, 0);
        if (left < 0) break;
        /* ... update and render the frame here ... */
        frames++;
        nanosleep(&frame, NULL);
    }
    printf("all %d lines in after %d frames; the loop never blocked\n", NPC - (left > 0 ? left : 0), frames);
    for (i = 0; i < NPC; i++) llm_response_free(&npcs[i].job.response);
    llm_curl_runner_free(&runner);
    curl_global_cleanup();
    return left == 0 ? 0 : 1;
}
