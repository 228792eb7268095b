/* What a fuzz target includes first: llm.h and the C library parts the
   targets use. With LLM_FUZZ_SHARED (how `make fuzz` builds them) the
   implementation is not compiled here but linked from one build shared by
   every target ($(B)/fuzz_llm.o): the targets then build in a second each
   instead of ~18 s. A target that needs the implementation built its own
   way (LLM_NO_BPE, internal functions) defines LLM_IMPLEMENTATION itself. */
#ifndef LLM_FUZZ_H
#define LLM_FUZZ_H
#ifndef LLM_FUZZ_SHARED
#define LLM_IMPLEMENTATION
#endif
#include "../../llm.h"
#include <stdlib.h>
#include <string.h>
#endif
