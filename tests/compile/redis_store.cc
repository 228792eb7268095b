// llm_redis_store.h and its implementation compiled as C++, and called: a
// store set up from a URL and one operation refused for a Redis nobody
// serves (port 1 on loopback), so the connect path runs.
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../../llm_redis_store.h"
#include "../../llm_redis_store.h"

#include <string>

int main() {
    llm_redis_store rs;
    llm_redis_options ro = llm_redis_options();
    llm_store_op op = llm_store_op();
    llm_error err;
    ro.url = "redis://:secret@127.0.0.1:1/2";
    bool ok = llm_redis_store_init(&rs, &ro, &err) == LLM_OK;
    llm_router_store st = llm_redis_router_store(&rs);
    ok = ok && st.run == llm_redis_store_run && std::string(st.name) == "redis://127.0.0.1:1/2";
    op.kind = LLM_STORE_ADMIT;
    op.prefix = "llm1:{dep:x}";
    ok = ok && st.run(st.user, &op, &err) == LLM_ERR_TRANSPORT;
    llm_redis_store_free(&rs);
    return ok ? 0 : 1;
}
