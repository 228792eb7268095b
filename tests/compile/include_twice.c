/* llm.h included before and after the implementation define in one TU. */
#include "../../llm.h"
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../../llm.h"
