/* The implementation TU of the compile tests (tcc, firmware). */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
