/* llm.c - the implementation of llm.h as an ordinary translation unit. */
#define LLM_IMPLEMENTATION
#include "llm.h"
