/* libFuzzer target for the JSON reader and writer. Any input: parse it; when
   it parses, write the DOM back with the writer, parse that again and check
   that both documents hold the same values. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include <stdlib.h>

static int same(const llm_json *a, const llm_json *b) {
    const llm_json *x, *y;
    size_t la, lb;
    const char *sa, *sb;
    if (llm_json_type_of(a) != llm_json_type_of(b)) return 0;
    switch (llm_json_type_of(a)) {
        case LLM_JSON_NUMBER: return llm_json_number(a, 0) == llm_json_number(b, 1);
        case LLM_JSON_STRING:
            sa = llm_json_string(a, &la);
            sb = llm_json_string(b, &lb);
            return la == lb && memcmp(sa, sb, la) == 0;
        case LLM_JSON_ARRAY:
        case LLM_JSON_OBJECT:
            if (llm_json_count(a) != llm_json_count(b)) return 0;
            for (x = llm_json_first(a), y = llm_json_first(b); x && y; x = llm_json_next(a, x), y = llm_json_next(b, y)) {
                if (!same(x, y)) return 0;
                if (llm_json_is(a, LLM_JSON_OBJECT) && !same(x + 1, y + 1)) return 0;
            }
            return x == NULL && y == NULL;
        default: return 1;
    }
}

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
            if (!same(llm_json_root(&doc), llm_json_root(&again))) abort();
        }
    } else if (err.offset > size) {
        abort();
    }
    llm_json_writer_free(&w);
    llm_json_doc_free(&doc);
    llm_json_doc_free(&again);
    return 0;
}
