/* libFuzzer target for the router's config loader: the bytes are a LiteLLM
   config. Whatever they are, loading ends in a router or an error, without
   a leak: for bytes that are not JSON (to a depth of 32, the loader's), the
   reader's own error, code and offset; for JSON, an error whose message
   opens with the JSON path of the bad field ("model_list[1].litellm_params.rpm: ",
   "(top level): ", "deployments[0] (id): "). A router that loads then serves
   a few requests (scripted outcomes from the input's last bytes) through
   pick/report. */
#include "fuzz.h"

static int64_t fz_now;
static int64_t fz_clock(void *u) { (void)u; return fz_now; }
static const char *fz_env(void *u, const char *name) { (void)u; return name[0] == 'K' ? "sk-fuzz" : NULL; }

/* Whether msg opens with a path: "(top level)", or a name followed by
   [N] and .name parts, then ": " or " (". */
static int fz_names_a_path(const char *m) {
    const char *p = m;
    if (strncmp(m, "(top level): ", 13) == 0) return 1;
    if (!(*p >= 'a' && *p <= 'z')) return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' ||
           *p == '[' || *p == ']')
        p++;
    return strncmp(p, ": ", 2) == 0 || strncmp(p, " (", 2) == 0;
}

/* The error of a load that failed is the reader's or names a path. */
static void fz_check_error(const uint8_t *data, size_t size, llm_result res, const llm_error *err) {
    llm_json_doc doc;
    llm_error jerr;
    llm_result j;
    if (err->code != res || !err->message[0]) abort();
    memset(&doc, 0, sizeof doc);
    doc.max_depth = 32;
    j = llm_json_parse(&doc, (const char *)data, size, &jerr);
    llm_json_doc_free(&doc);
    if (j != LLM_OK ? (res != j || err->offset != jerr.offset) : !fz_names_a_path(err->message)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const llm_result outcomes[8] = {LLM_OK, LLM_ERR_SERVER, LLM_ERR_RATE_LIMITED, LLM_ERR_TIMEOUT,
                                           LLM_ERR_BAD_REQUEST, LLM_ERR_CONTEXT_WINDOW_EXCEEDED, LLM_ERR_TRANSPORT, LLM_OK};
    llm_router_desc base;
    llm_router r;
    llm_error err;
    llm_result res;
    memset(&base, 0, sizeof base);
    base.clock_ms = fz_clock;
    base.getenv = fz_env;
    fz_now = 1000;
    res = llm_router_init_json(&r, (const char *)data, size, &base, &err);
    if (res != LLM_OK) {
        fz_check_error(data, size, res, &err);
        return 0;
    }
    {
        size_t i, steps = 0;
        for (i = 0; i < llm_router_deployment_count(&r) && i < 4; i++) {
            llm_router_attempt a;
            llm_request req;
            memset(&a, 0, sizeof a);
            memset(&req, 0, sizeof req);
            req.model = llm_router_deployment_id(&r, i);
            while (steps++ < 64) {
                llm_router_outcome o;
                llm_error e;
                res = llm_router_pick(&r, &req, &a, &err);
                if (res == LLM_AGAIN) { fz_now += a.wait_ms; continue; }
                if (res != LLM_OK) break;
                memset(&o, 0, sizeof o);
                memset(&e, 0, sizeof e);
                o.result = outcomes[(size ? data[(steps + i) % size] : 0) & 7];
                e.code = o.result;
                o.error = o.result == LLM_OK ? NULL : &e;
                res = llm_router_report(&r, &a, &o, &err);
                if (res != LLM_AGAIN) break;
            }
        }
    }
    llm_router_free(&r);
    return 0;
}
