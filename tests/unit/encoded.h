/* encoded.h - what the suites that compare JSON share (include after
   llm.h and ../test.h): the body a request encodes to, and its comparison
   with JSON written by hand or kept in a fixture. */
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

/* Whether *got is the same JSON as the text `want` (members in any
   order); text that is not JSON is a failure. */
static inline bool same_json_as_text(const llm_json *got, const char *want) {
    llm_json_doc doc;
    bool same;
    memset(&doc, 0, sizeof doc);
    same = llm_json_parse(&doc, want, strlen(want), NULL) == LLM_OK && llm_json_equal(got, llm_json_root(&doc));
    llm_json_doc_free(&doc);
    return same;
}

/* Whether *got is the same JSON as the fixture at `path` (members in any
   order); a missing fixture is a failure. */
static inline bool same_json_as_file(const llm_json_doc *got, const char *path) {
    size_t len;
    char *want = TEST_READ_FIXTURE(path, &len);
    bool same = want && same_json_as_text(llm_json_root(got), want);
    free(want);
    return same;
}

#endif
