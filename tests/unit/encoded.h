/* encoded.h - what the encoder suites share (include after llm.h and
   ../test.h): the body a request encodes to, and its comparison with a
   body written by hand. */
#ifndef LLM_TEST_ENCODED_H
#define LLM_TEST_ENCODED_H

/* The body `req` encodes to, parsed into *doc (and its text into `text`
   when given); false when the call refuses it (err says why; NULL err:
   the reason goes to stderr) or the body is not JSON. */
static inline bool body_of(const llm_client *c, const llm_request *req, llm_json_doc *doc, char *text, size_t size, llm_error *err) {
    llm_call call;
    const llm_http_request *http = NULL;
    llm_error local;
    bool ok;
    memset(doc, 0, sizeof *doc);
    if (llm_call_begin(&call, c, req, 0, &http, err ? err : &local) != LLM_OK) {
        if (!err) fprintf(stderr, "  refused: %s\n", local.message);
        return false;
    }
    if (!http) { /* an accepted call without its request: no body to compare */
        fprintf(stderr, "  accepted without a request\n");
        llm_call_free(&call);
        return false;
    }
    ok = llm_json_parse(doc, http->body, http->body_len, NULL) == LLM_OK;
    if (text) snprintf(text, size, "%.*s", (int)http->body_len, http->body);
    llm_call_free(&call);
    return ok;
}

/* Whether *got is the same JSON as the fixture at `path` (members in any
   order); a missing fixture is a failure. */
static inline bool same_json_as_file(const llm_json_doc *got, const char *path) {
    size_t len;
    char *want_text = TEST_READ_FIXTURE(path, &len);
    llm_json_doc want;
    bool same;
    memset(&want, 0, sizeof want);
    if (!want_text) return false;
    same = llm_json_parse(&want, want_text, len, NULL) == LLM_OK && llm_json_equal(llm_json_root(got), llm_json_root(&want));
    llm_json_doc_free(&want);
    free(want_text);
    return same;
}

#endif
