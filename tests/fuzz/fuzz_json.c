/* libFuzzer target for the JSON reader and writer. Any input: parse it; when
   it parses, write the DOM back with the writer, parse that again and check
   that both documents hold the same values. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    llm_json_doc doc, again;
    llm_json_writer w;
    llm_error err;
    const char *text;
    size_t len;
    memset(&doc, 0, sizeof doc);
    memset(&again, 0, sizeof again);
    memset(&w, 0, sizeof w);
    if (llm_json_parse(&doc, (const char *)data, size, &err) == LLM_OK) {
        llm_json_write_value(&w, llm_json_root(&doc));
        if (llm_json_writer_finish(&w, &text, &len) == LLM_OK) {
            if (llm_json_parse(&again, text, len, &err) != LLM_OK) abort();
            if (!llm_json_equal(llm_json_root(&doc), llm_json_root(&again))) abort();
        }
    } else if (err.offset > size) {
        abort();
    }
    llm_json_writer_free(&w);
    llm_json_doc_free(&doc);
    llm_json_doc_free(&again);
    return 0;
}
