/* The firmware build (make check-firmware): llm.h under LLM_NO_STDIO, every
   allocation from one static arena, as on a microcontroller without a heap.
   A chat request is encoded and OpenAI's documented example answer (the API
   reference's chat completion object) decoded through the sans-I/O call.
   Built for the Cortex-M4 and linked against newlib (no libc I/O used), and
   built and run on the host, where main's status is the verdict. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"

#define ARENA_SIZE (96 * 1024)

/* A bump allocator over a static block: free gives back only the last block. */
typedef struct arena {
    unsigned char *base;
    size_t size, used, last;
} arena;

static void *arena_alloc(void *user, size_t size) {
    arena *a = (arena *)user;
    size_t start = (a->used + 15u) & ~(size_t)15u;
    if (start > a->size || size > a->size - start) return NULL;
    a->last = start;
    a->used = start + size;
    return a->base + start;
}

static void arena_free(void *user, void *ptr, size_t size) {
    arena *a = (arena *)user;
    (void)size;
    if (ptr && (unsigned char *)ptr == a->base + a->last) a->used = a->last;
}

static void *arena_realloc(void *user, void *ptr, size_t old_size, size_t new_size) {
    arena *a = (arena *)user;
    unsigned char *p;
    if (ptr && (unsigned char *)ptr == a->base + a->last && new_size <= a->size - a->last) { /* the last block grows in place */
        a->used = a->last + new_size;
        return ptr;
    }
    p = (unsigned char *)arena_alloc(user, new_size);
    if (p && ptr) memcpy(p, ptr, old_size < new_size ? old_size : new_size);
    return p;
}

static uint64_t fixed_random(void *user) {
    (void)user;
    return 0x243F6A8885A308D3u; /* no entropy source on the target: the caller gives one */
}

/* OpenAI's API reference, "The chat completion object" (example). */
static const char answer[] =
    "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1677652288,\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there, how may I assist you "
    "today?\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}";

int main(void) {
    static unsigned char memory[ARENA_SIZE];
    arena a = {memory, ARENA_SIZE, 0, 0};
    llm_client_desc desc;
    llm_client client;
    llm_message hello;
    llm_request req;
    llm_call call;
    const llm_http_request *http;
    llm_response resp;
    int ok;
    memset(&desc, 0, sizeof desc);
    desc.api_key = "sk-test";
    desc.alloc.alloc = arena_alloc;
    desc.alloc.realloc = arena_realloc;
    desc.alloc.free = arena_free;
    desc.alloc.user = &a;
    desc.random = fixed_random;
    if (llm_client_init(&client, &desc, NULL) != LLM_OK) return 1;
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello!";
    memset(&req, 0, sizeof req);
    req.model = "gpt-4o-mini";
    req.messages = &hello;
    req.message_count = 1;
    if (llm_call_begin(&call, &client, &req, 0, &http, NULL) != LLM_OK) return 2;
    if (llm_call_feed_status(&call, 200) != LLM_OK || llm_call_feed_body(&call, answer, sizeof answer - 1) != LLM_OK)
        return 3;
    if (llm_call_finish(&call, 0, &resp, NULL) != LLM_OK) return 4;
    ok = resp.choice_count == 1 && strcmp(resp.choices[0].content, "Hello there, how may I assist you today?") == 0 &&
         resp.usage.prompt_tokens == 9 && resp.usage.completion_tokens == 12;
    llm_response_free(&resp);
    llm_call_free(&call);
    return ok ? 0 : 5;
}
