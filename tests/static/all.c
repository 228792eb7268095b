/* The translation unit the static analysers read: llm.h and every companion
   header, each with its implementation (make check-static). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#define LLM_REDIS_IMPLEMENTATION
#include "../../llm_redis_store.h"
#define LLM_OTLP_IMPLEMENTATION
#include "../../llm_otlp.h"
