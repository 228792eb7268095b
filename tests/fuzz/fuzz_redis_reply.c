/* libFuzzer target for what llm_redis_store.h makes of a Redis server's
   replies: hostile RESP bytes, as a fake server would send them, go through
   hiredis's own reader (the one the adapter's connection uses), and every
   reply it builds goes to llm_redis_store_read_reply, the adapter's reading
   of a script's answer. Whatever the bytes: no crash, nothing left
   allocated, and an answer read as LLM_OK is one the router can take (a
   known refusal, a window index below LLM_STORE_MAX_WINDOWS, no negative
   wait or time, probe 0 or 1); any other is LLM_ERR_PARSE or, for a Redis
   error reply, LLM_ERR_UNAVAILABLE with its text cut to a message.
   abort() otherwise.

   make fuzz FUZZ=redis_reply (links hiredis: -lhiredis) */
#define LLM_IMPLEMENTATION
#define LLM_NO_BPE
#include "../../llm.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../../llm_redis_store.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    redisReader *rd = redisReaderCreate();
    void *reply = NULL;
    int replies = 0;
    if (!rd) return 0;
    llm_redis_reader_bound(rd); /* as the adapter's connection is */
    if (redisReaderFeed(rd, (const char *)data, size) == REDIS_OK) {
        while (replies < 64 && redisReaderGetReply(rd, &reply) == REDIS_OK && reply) {
            llm_store_op op;
            llm_error err;
            llm_result r;
            memset(&op, 0, sizeof op);
            r = llm_redis_store_read_reply(reply, &op, &err);
            if (r == LLM_OK) {
                if ((unsigned)op.refusal > (unsigned)LLM_STORE_PROBING || op.window < 0 ||
                    op.window >= LLM_STORE_MAX_WINDOWS || op.wait_ms < 0 || op.now_ms < 0)
                    abort();
            } else if (r != LLM_ERR_PARSE && r != LLM_ERR_UNAVAILABLE) {
                abort();
            } else if (err.code != r || strlen(err.message) >= sizeof err.message) {
                abort();
            }
            freeReplyObject(reply);
            reply = NULL;
            replies++;
        }
    }
    redisReaderFree(rd);
    return 0;
}
