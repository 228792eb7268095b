// The header and its implementation compiled as C++, and called.
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../../llm.h"

int main() {
    llm_json_doc doc = llm_json_doc();
    llm_json_writer w = llm_json_writer();
    const char *out = nullptr;
    llm_result r = llm_json_parse(&doc, "{\"a\":[1,2.5]}", 13, nullptr);
    llm_json_write_number(&w, llm_json_number(llm_json_at(llm_json_get(llm_json_root(&doc), "a"), 1), 0));
    bool ok = r == LLM_OK && llm_json_writer_finish(&w, &out, nullptr) == LLM_OK && out[0] == '2';
    llm_json_writer_free(&w);
    llm_json_doc_free(&doc);
    return ok ? 0 : 1;
}
