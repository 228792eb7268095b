/* Calls into the library so that a misspelled implementation macro fails to
   link instead of compiling to nothing. */
#include "../../llm.h"

int main(void) {
    llm_json_doc doc = {{0, 0, 0, 0}, 0, 0, 0, 0, 0, 0};
    llm_result r = llm_json_parse(&doc, "[1]", 3, 0);
    llm_json_doc_free(&doc);
    return r == LLM_OK && llm_version() == LLM_VERSION_NUM ? 0 : 1;
}
