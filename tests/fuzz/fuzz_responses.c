/* libFuzzer target for the Responses API's decoders (fuzz_stream.c's
   harness, included, for OpenAI's preset through the Responses API:
   semantic events with no end marker, output items added and done, text,
   refusal, summary and argument deltas with the rest made up from the done
   item, reasoning items with their summary and encrypted content, the
   response's end or failure, error events; whole Response bodies and
   error bodies). The first byte picks:
     bit 0     the status: 200, or 400 (an error body);
     bits 1-2  the content type: text/event-stream, application/json, none
               (the call looks at the first byte), or "text/event-stream;
               charset=utf-8";
     bits 3-5  the chunk size: 1, 2, 3, 7, 16, 64, 256 or 4096 bytes;
     bit 6     whether the events are taken between chunks (else only
               llm_call_finish reads them);
     bit 7     stream.no_accumulate.
   The rest is the body of a 200 answer to a streamed call. Whatever the
   bytes: no crash, nothing left allocated (the counting allocator, and
   ASan's leak checker), llm_call_finish returns LLM_OK or an error whose
   llm_error.code equals it with a message, every event's text and every
   string of the response is valid UTF-8 and NUL-terminated at its length;
   abort() otherwise. */
#define FUZZ_PROVIDER(first) "openai"
#define FUZZ_STATUS(first) (((first) & 1) ? 400 : 200)
#define FUZZ_OPENAI_API LLM_OPENAI_API_RESPONSES
#include "fuzz_stream.c"
