/* llm_attr values for the tests that call telemetry hooks themselves
   (test_otlp, check-otlp's tests/otlp/otlp_send.c); include after llm.h. */
#ifndef LLM_TEST_ATTR_H
#define LLM_TEST_ATTR_H

#include <string.h>

static inline llm_attr attr_of(const char *key, llm_attr_type type) {
    llm_attr a;
    memset(&a, 0, sizeof a);
    a.key = key;
    a.type = type;
    return a;
}

static inline llm_attr attr_str(const char *key, const char *value) {
    llm_attr a = attr_of(key, LLM_ATTR_STRING);
    a.str = value;
    a.str_len = strlen(value);
    return a;
}

static inline llm_attr attr_int(const char *key, int64_t value) {
    llm_attr a = attr_of(key, LLM_ATTR_INT);
    a.i = value;
    return a;
}

static inline llm_attr attr_double(const char *key, double value) {
    llm_attr a = attr_of(key, LLM_ATTR_DOUBLE);
    a.d = value;
    return a;
}

static inline llm_attr attr_bool(const char *key, bool value) {
    llm_attr a = attr_of(key, LLM_ATTR_BOOL);
    a.b = value;
    return a;
}

static inline llm_attr attr_strs(const char *key, const char *const *values, size_t count) {
    llm_attr a = attr_of(key, LLM_ATTR_STRING_ARRAY);
    a.strs = values;
    a.count = count;
    return a;
}

#endif
