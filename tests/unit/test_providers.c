/* Providers as data: the table and its two lookups, the one resolution of
   provider, model, base URL and key (with a made-up environment), what each
   preset sends (URL, auth, fixed and attribution headers, quirks), a wire
   format of a caller's own that streams through the public declarations
   only (NDJSON framing), the LiteLLM config loader naming every preset, and
   the OpenAI request parser. Expected values come from the providers'
   documentation: base URLs and headers as their official SDKs and API
   references give them. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#include <math.h>

static const char *const presets[] = {"openai", "azure", "anthropic", "openrouter", "groq", "deepseek", "mistral", "xai", "together_ai",
                                      "fireworks_ai", "ollama", "ollama_chat", "vllm", "hosted_vllm", "litellm_proxy", "openai-compatible", "gemini"};

static void the_table_names_every_preset_once(void) {
    size_t i, k;
    CHECK_EQ_INT(llm_provider_count(), TEST_COUNT(presets));
    for (i = 0; i < TEST_COUNT(presets); i++) {
        const llm_provider *p = llm_provider_find(presets[i]);
        if (!CHECK(p != NULL)) {
            fprintf(stderr, "  no preset %s\n", presets[i]);
            continue;
        }
        CHECK_EQ_STR(p->name, presets[i]);
        CHECK(p->wire && p->wire->url && p->wire->decode && p->auth_header);
        CHECK(p->keyless || p->key_env[0]);
        CHECK(p->base_env[0] && p->base_env[1]);
    }
    for (i = 0; i < llm_provider_count(); i++)
        for (k = i + 1; k < llm_provider_count(); k++) CHECK(strcmp(llm_provider_at(i)->name, llm_provider_at(k)->name) != 0);
    CHECK(llm_provider_find("anthropic/") == llm_provider_find("anthropic"));
    CHECK(llm_provider_find("nosuch") == NULL && llm_provider_find(NULL) == NULL && llm_provider_at(999) == NULL);
}

static void models_name_their_provider(void) {
    static const struct { const char *model, *provider, *sent; } cases[] = {
        {"openai/gpt-4o", "openai", "gpt-4o"},
        {"anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5"},
        {"openrouter/meta-llama/llama-3.3-70b-instruct", "openrouter", "meta-llama/llama-3.3-70b-instruct"},
        {"azure/my-deployment", "azure", "my-deployment"},
        {"groq/llama-3.1-8b-instant", "groq", "llama-3.1-8b-instant"},
        {"ollama_chat/llama3.2", "ollama_chat", "llama3.2"},
        {"hosted_vllm/Qwen/Qwen2.5-7B", "hosted_vllm", "Qwen/Qwen2.5-7B"},
        {"litellm_proxy/claude-alias", "litellm_proxy", "claude-alias"},
        {"openai-compatible/local", "openai-compatible", "local"},
        {"gpt-4o-mini", "openai", "gpt-4o-mini"},
        {"o3-mini", "openai", "o3-mini"},
        {"o1", "openai", "o1"},
        {"o4-mini-2025-04-16", "openai", "o4-mini-2025-04-16"},
        {"chatgpt-4o-latest", "openai", "chatgpt-4o-latest"},
        {"text-embedding-3-small", "openai", "text-embedding-3-small"},
        {"claude-3-5-haiku-20241022", "anthropic", "claude-3-5-haiku-20241022"},
        {"o1x", NULL, "o1x"},
        {"llama3", NULL, "llama3"},
        {"meta-llama/llama-3", NULL, "meta-llama/llama-3"},
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        const char *sent = NULL;
        const llm_provider *p = llm_provider_for_model(cases[i].model, &sent);
        if (!CHECK(cases[i].provider ? p && strcmp(p->name, cases[i].provider) == 0 : p == NULL)) fprintf(stderr, "  model %s\n", cases[i].model);
        CHECK_EQ_STR(sent, cases[i].sent);
    }
}

/* ---- the resolution, with a made-up environment ---- */

static const char *const *fake_env;

static const char *env_get(void *user, const char *name) {
    const char *const *e;
    (void)user;
    for (e = fake_env; e && *e; e += 2)
        if (strcmp(e[0], name) == 0) return e[1];
    return NULL;
}

static llm_result resolve(const char *model, const char *provider, const char *base, llm_target *t) {
    llm_target_desc d;
    memset(&d, 0, sizeof d);
    d.model = model;
    d.provider = provider;
    d.base_url = base;
    d.getenv = env_get;
    d.proxy_mode = true;
    return llm_resolve_target(&d, t, NULL);
}

static void the_resolution_follows_its_order(void) {
    static const char *const env[] = {"ANTHROPIC_API_KEY", "sk-ant", "ANTHROPIC_API_BASE", "https://litellm-style.example", "OPENROUTER_BASE_URL",
                                      "https://sdk-style.example/api/v1", "OPENROUTER_API_BASE", "https://loses.example", "TOGETHERAI_API_KEY",
                                      "tg-alt", "AZURE_API_BASE", "https://r.openai.azure.com", "AZURE_API_VERSION", "2024-10-21",
                                      "AZURE_AD_TOKEN", "eyJ", NULL};
    llm_target t;
    fake_env = env;
    CHECK_EQ_INT(resolve("anthropic/claude-sonnet-4-5", NULL, NULL, &t), LLM_OK);
    CHECK_EQ_STR(t.provider->name, "anthropic");
    CHECK_EQ_STR(t.model, "claude-sonnet-4-5");
    CHECK_EQ_STR(t.api_key, "sk-ant");
    CHECK_EQ_STR(t.key_from, "ANTHROPIC_API_KEY");
    CHECK_EQ_STR(t.base_url, "https://litellm-style.example"); /* <P>_API_BASE when <P>_BASE_URL is unset */
    CHECK_EQ_INT(resolve("openrouter/x/y", NULL, NULL, &t), LLM_OK);
    CHECK_EQ_STR(t.base_url, "https://sdk-style.example/api/v1"); /* <P>_BASE_URL first */
    CHECK(t.api_key == NULL && strcmp(t.key_vars, "OPENROUTER_API_KEY") == 0);
    CHECK_EQ_INT(resolve("together_ai/m", NULL, NULL, &t), LLM_OK);
    CHECK_EQ_STR(t.api_key, "tg-alt");
    CHECK_EQ_STR(t.key_vars, "TOGETHER_API_KEY or TOGETHERAI_API_KEY");
    CHECK_EQ_INT(resolve("claude-3-opus", "openrouter", NULL, &t), LLM_OK); /* the provider named wins */
    CHECK_EQ_STR(t.provider->name, "openrouter");
    CHECK_EQ_INT(resolve("azure/dep", NULL, NULL, &t), LLM_OK);
    CHECK_EQ_STR(t.api_version, "2024-10-21");
    CHECK_EQ_STR(t.bearer_token, "eyJ");
    CHECK_EQ_STR(t.base_url, "https://r.openai.azure.com");
    CHECK_EQ_INT(resolve("ollama/llama3.2", NULL, NULL, &t), LLM_OK);
    CHECK(t.provider->keyless && t.api_key == NULL && t.base_url == NULL);
    CHECK_EQ_INT(resolve("llama3", NULL, NULL, &t), LLM_ERR_MODEL_UNKNOWN);
    CHECK_EQ_INT(resolve("x", "nosuch", NULL, &t), LLM_ERR_UNSUPPORTED);
    /* a base URL (the caller's, or LLM_BASE_URL) means a proxy: the model verbatim, LLM_API_KEY */
    CHECK_EQ_INT(resolve("anthropic/claude-sonnet-4-5", NULL, "http://localhost:4000", &t), LLM_OK);
    CHECK_EQ_STR(t.provider->name, "openai-compatible");
    CHECK_EQ_STR(t.model, "anthropic/claude-sonnet-4-5");
    CHECK(t.api_key == NULL);
    {
        static const char *const proxy_env[] = {"LLM_BASE_URL", "http://proxy:4000/v1", "LLM_API_KEY", "sk-proxy", "ANTHROPIC_API_KEY", "sk-ant", NULL};
        fake_env = proxy_env;
        CHECK_EQ_INT(resolve("anthropic/claude-sonnet-4-5", NULL, NULL, &t), LLM_OK);
        CHECK_EQ_STR(t.base_url, "http://proxy:4000/v1");
        CHECK_EQ_STR(t.api_key, "sk-proxy");
        CHECK_EQ_STR(t.base_from, "LLM_BASE_URL");
        CHECK_EQ_INT(resolve("anthropic/claude-sonnet-4-5", "anthropic", NULL, &t), LLM_OK); /* a provider named: no proxy */
        CHECK_EQ_STR(t.api_key, "sk-ant");
    }
    {
        /* Azure's API version: LiteLLM's AZURE_API_VERSION, else the OpenAI SDK's OPENAI_API_VERSION (AzureOpenAI) */
        static const char *const sdk_env[] = {"AZURE_API_KEY", "k", "AZURE_API_BASE", "https://r.openai.azure.com",
                                              "OPENAI_API_VERSION", "2024-06-01", NULL};
        static const char *const both_env[] = {"AZURE_API_KEY", "k", "AZURE_API_BASE", "https://r.openai.azure.com",
                                               "OPENAI_API_VERSION", "2024-06-01", "AZURE_API_VERSION", "2024-10-21", NULL};
        fake_env = sdk_env;
        CHECK_EQ_INT(resolve("azure/dep", NULL, NULL, &t), LLM_OK);
        CHECK_EQ_STR(t.api_version, "2024-06-01");
        fake_env = both_env;
        CHECK_EQ_INT(resolve("azure/dep", NULL, NULL, &t), LLM_OK);
        CHECK_EQ_STR(t.api_version, "2024-10-21");
    }
    fake_env = NULL;
}

/* ---- what each preset sends ---- */

typedef struct sent {
    char url[512], body[4096], headers[2048];
    int requests;
} sent;

static void record_request(void *user, const llm_http_request *req) {
    sent *s = (sent *)user;
    size_t i;
    snprintf(s->url, sizeof s->url, "%s", req->url);
    snprintf(s->body, sizeof s->body, "%.*s", (int)req->body_len, req->body);
    s->headers[0] = '\0';
    for (i = 0; i < req->header_count; i++) {
        char line[512];
        snprintf(line, sizeof line, "%s%s: %s%s", i ? "" : "", req->headers[i].name, req->headers[i].value, i + 1 == req->secret_header ? " (secret)" : "");
        if (strlen(s->headers) + strlen(line) + 2 < sizeof s->headers) {
            strcat(s->headers, line);
            strcat(s->headers, "\n");
        }
    }
    s->requests++;
}

static const char ok_answer[] = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";

/* Sends one request through a client of `d` and records it. */
static llm_result send_one(llm_client_desc *d, const llm_request *req, bool stream, sent *s) {
    llm_mock_exchange x;
    llm_mock mock;
    llm_client c;
    llm_response resp;
    llm_result r;
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.body = stream ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n" : ok_answer;
    x.headers = stream ? "Content-Type: text/event-stream\n" : NULL;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    mock.on_request = record_request;
    mock.user = s;
    d->transport = llm_mock_transport(&mock);
    d->no_request_id = true;
    if ((r = llm_client_init(&c, d, NULL)) != LLM_OK) return r;
    r = stream ? llm_stream(&c, req, NULL, NULL, &resp, NULL) : llm_complete(&c, req, &resp, NULL);
    llm_response_free(&resp);
    return r;
}

static const llm_message two[] = {{.role = LLM_ROLE_DEVELOPER, .content = "Be brief."},
                                  {.role = LLM_ROLE_USER, .content = "Hello"}};

static llm_request request_for(const char *model) {
    llm_request r;
    memset(&r, 0, sizeof r);
    r.model = model;
    r.messages = two;
    r.message_count = 2;
    return r;
}

static void presets_send_to_their_urls(void) {
    static const struct { const char *provider, *model, *base, *url, *auth; } cases[] = {
        {"openai", "gpt-4o", NULL, "https://api.openai.com/v1/chat/completions", "Authorization: Bearer k"},
        {"openrouter", "openrouter/meta-llama/llama-3.3-70b-instruct", NULL, "https://openrouter.ai/api/v1/chat/completions", "Authorization: Bearer k"},
        {"groq", "llama-3.1-8b-instant", NULL, "https://api.groq.com/openai/v1/chat/completions", "Authorization: Bearer k"},
        {"deepseek", "deepseek-chat", NULL, "https://api.deepseek.com/chat/completions", "Authorization: Bearer k"},
        {"mistral", "mistral-large-latest", NULL, "https://api.mistral.ai/v1/chat/completions", "Authorization: Bearer k"},
        {"xai", "grok-4", NULL, "https://api.x.ai/v1/chat/completions", "Authorization: Bearer k"},
        {"together_ai", "m", NULL, "https://api.together.xyz/v1/chat/completions", "Authorization: Bearer k"},
        {"fireworks_ai", "m", NULL, "https://api.fireworks.ai/inference/v1/chat/completions", "Authorization: Bearer k"},
        {"ollama", "llama3.2", "http://localhost:11434", "http://localhost:11434/v1/chat/completions", NULL},
        {"ollama", "llama3.2", "http://gpu-box:11434/v1/", "http://gpu-box:11434/v1/chat/completions", NULL},
        {"vllm", "Qwen/Qwen2.5-7B", NULL, "http://localhost:8000/v1/chat/completions", NULL},
        {"litellm_proxy", "litellm_proxy/claude", NULL, "http://localhost:4000/v1/chat/completions", "Authorization: Bearer k"},
        {"azure", "dep", "https://r.openai.azure.com", "https://r.openai.azure.com/openai/v1/chat/completions", "api-key: k"},
        {"azure", "dep", "https://r.openai.azure.com/openai/v1/", "https://r.openai.azure.com/openai/v1/chat/completions", "api-key: k"},
        /* every trailing slash goes, however many: the path is the same */
        {"openai", "gpt-4o", "https://example.test/v1//", "https://example.test/v1/chat/completions", "Authorization: Bearer k"},
        {"openai", "gpt-4o", "https://example.test/v1////", "https://example.test/v1/chat/completions", "Authorization: Bearer k"},
        {"ollama", "llama3.2", "http://localhost:11434//", "http://localhost:11434/v1/chat/completions", NULL},
        {"anthropic", "claude-sonnet-4-5", "https://api.anthropic.com///", "https://api.anthropic.com/v1/messages", "x-api-key: k"},
        {"gemini", "gemini-2.5-flash", "https://generativelanguage.googleapis.com//",
         "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", "x-goog-api-key: k"},
    };
    size_t i;
    for (i = 0; i < TEST_COUNT(cases); i++) {
        llm_client_desc d;
        llm_request req = request_for(cases[i].model);
        sent s;
        memset(&d, 0, sizeof d);
        memset(&s, 0, sizeof s);
        d.provider = cases[i].provider;
        d.base_url = cases[i].base;
        d.api_key = cases[i].auth ? "k" : NULL;
        /* the answer is OpenAI's: Anthropic's and Gemini's formats cannot read it, but the request went out */
        if (!CHECK_EQ_INT(send_one(&d, &req, false, &s),
                          llm_provider_find(cases[i].provider)->wire->chat_completions ? LLM_OK : LLM_ERR_PARSE))
            fprintf(stderr, "  %s\n", cases[i].provider);
        if (!CHECK_EQ_STR(s.url, cases[i].url)) fprintf(stderr, "  %s %s\n", cases[i].provider, cases[i].base ? cases[i].base : "");
        if (cases[i].auth) CHECK(strstr(s.headers, cases[i].auth) != NULL && strstr(s.headers, " (secret)") != NULL);
        else CHECK(strstr(s.headers, "Authorization") == NULL); /* keyless: nothing sent */
    }
}

static void the_model_sent_has_its_prefix_stripped(void) {
    llm_client_desc d;
    llm_request req = request_for("openrouter/meta-llama/llama-3.3-70b-instruct");
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    d.provider = "openrouter";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"model\":\"meta-llama/llama-3.3-70b-instruct\"") != NULL);
    memset(&d, 0, sizeof d);
    d.provider = "openai-compatible"; /* a proxy's alias keeps its slash */
    req.model = "anthropic/claude-sonnet-4-5";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"model\":\"anthropic/claude-sonnet-4-5\"") != NULL);
}

static void azure_takes_a_version_a_token_and_a_base_model(void) {
    llm_client_desc d;
    llm_request req = request_for("azure/gpt4o-prod");
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    d.provider = "azure";
    d.base_url = "https://r.openai.azure.com/";
    d.api_key = "k";
    d.api_version = "2024-10-21";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK_EQ_STR(s.url, "https://r.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
    d.api_version = "preview";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK_EQ_STR(s.url, "https://r.openai.azure.com/openai/v1/chat/completions");
    d.bearer_token = "eyJ0eXAi"; /* Entra ID: Authorization: Bearer, not api-key */
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.headers, "Authorization: Bearer eyJ0eXAi (secret)") != NULL && strstr(s.headers, "api-key") == NULL);
    d.api_version = "2024-10-21&x=1";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_ERR_INVALID_ARGUMENT);
    memset(&d, 0, sizeof d);
    d.provider = "azure"; /* no default base URL: one must be given */
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_ERR_INVALID_ARGUMENT);
}

static int token_asks;
static const char *get_token(void *user) {
    (void)user;
    token_asks++;
    return token_asks == 1 ? "token-one" : "token-two";
}

static void a_token_callback_is_asked_at_every_request(void) {
    llm_client_desc d;
    llm_request req = request_for("gpt-4o");
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    d.get_token = get_token;
    d.api_key = "ignored";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.headers, "Authorization: Bearer token-one") != NULL);
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.headers, "Authorization: Bearer token-two") != NULL);
    CHECK_EQ_INT(token_asks, 2);
}

static void openrouter_sends_attribution(void) {
    llm_client_desc d;
    llm_request req = request_for("openrouter/x/y");
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    d.provider = "openrouter";
    d.app_url = "https://myapp.example";
    d.app_title = "My App";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.headers, "HTTP-Referer: https://myapp.example\n") != NULL);
    CHECK(strstr(s.headers, "X-OpenRouter-Title: My App\n") != NULL && strstr(s.headers, "X-Title: My App\n") != NULL);
    d.provider = "openai"; /* other providers take no attribution */
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.headers, "HTTP-Referer") == NULL);
}

static void quirks_change_what_is_sent(void) {
    llm_client_desc d;
    llm_request req = request_for("o3-mini");
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    req.max_tokens = 100;
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK); /* openai: a reasoning model takes max_completion_tokens */
    CHECK(strstr(s.body, "\"max_completion_tokens\":100") && !strstr(s.body, "\"max_tokens\""));
    CHECK(strstr(s.body, "\"role\":\"developer\"") != NULL);
    req.model = "gpt-4o";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"max_tokens\":100") != NULL);
    d.provider = "groq"; /* OpenAI-compatible servers: developer as system */
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"role\":\"system\",\"content\":\"Be brief.\"") != NULL && !strstr(s.body, "developer"));
    d.quirks_off = LLM_QUIRK_NO_DEVELOPER_ROLE;
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"role\":\"developer\"") != NULL);
    d.quirks_on = LLM_QUIRK_NO_STREAM_OPTIONS; /* a server that rejects stream_options */
    CHECK_EQ_INT(send_one(&d, &req, true, &s), LLM_OK);
    CHECK(strstr(s.body, "\"stream\":true") != NULL && strstr(s.body, "stream_options") == NULL);
    d.quirks_on = 0;
    CHECK_EQ_INT(send_one(&d, &req, true, &s), LLM_OK);
    CHECK(strstr(s.body, "\"stream_options\":{\"include_usage\":true}") != NULL);
}

static void anthropic_sends_its_version_header(void) {
    const llm_provider *p = llm_provider_find("anthropic");
    CHECK(p && p->header_count == 1 && strcmp(p->headers[0].name, "anthropic-version") == 0 && strcmp(p->headers[0].value, "2023-06-01") == 0);
    CHECK(p && strcmp(p->auth_header, "x-api-key") == 0 && strcmp(p->default_base_url, "https://api.anthropic.com") == 0);
}

/* ---- a wire format of one's own: NDJSON lines, through the public API ---- */

/* A toy protocol: POST {base}/generate with {"model","prompt"}; a whole
   answer {"text","finish"}; a stream of lines {"t":"piece"}, then
   {"done":true,"finish","in","out"}; errors {"error":{"message","type"}}. */
static llm_result toy_encode(const llm_wire_ctx *ctx, const llm_request *req, llm_json_writer *w, llm_error *err) {
    (void)err;
    llm_json_write_object_begin(w);
    llm_json_write_key(w, "model");
    llm_json_write_string(w, ctx->model);
    llm_json_write_key(w, "prompt");
    llm_json_write_string(w, req->messages[req->message_count - 1].content);
    llm_json_write_key(w, "stream");
    llm_json_write_bool(w, ctx->stream);
    llm_json_write_object_end(w);
    return LLM_OK;
}

static llm_result toy_url(const llm_wire_ctx *ctx, const llm_request *req, char *buf, size_t size, llm_error *err) {
    (void)req;
    (void)err;
    snprintf(buf, size, "%s/generate", ctx->base_url);
    return LLM_OK;
}

static llm_result toy_decode(const llm_wire_ctx *ctx, const llm_json *body, llm_response *resp, llm_error *err) {
    size_t n;
    const char *text = llm_json_string(llm_json_get(body, "text"), &n);
    llm_choice *c = (llm_choice *)llm_response_alloc(resp, sizeof *c);
    (void)ctx;
    (void)err;
    if (!c || !text) return LLM_ERR_PARSE;
    c->content = llm_response_strndup(resp, text, n);
    c->content_len = n;
    c->finish_reason_raw = llm_response_strndup(resp, "stop", 4);
    c->finish_reason = LLM_FINISH_STOP;
    resp->choices = c;
    resp->choice_count = 1;
    return c->content ? LLM_OK : LLM_ERR_NO_MEMORY;
}

static void toy_decode_error(const llm_json *body, llm_error *err) {
    size_t n, k;
    const char *m = llm_json_string(llm_json_get(llm_json_get(body, "error"), "message"), &n);
    const char *type = llm_json_string(llm_json_get(llm_json_get(body, "error"), "type"), &k);
    if (m) snprintf(err->message, sizeof err->message, "%.*s", (int)n, m);
    if (type) snprintf(err->type, sizeof err->type, "%.*s", (int)k, type);
}

typedef struct toy_state {
    int pieces;
} toy_state;

static llm_result toy_event(llm_stream_sink *s, const char *event, size_t event_len, const llm_json *data) {
    toy_state *st = (toy_state *)s->state;
    size_t n;
    const char *t = llm_json_string(llm_json_get(data, "t"), &n);
    (void)event;
    (void)event_len;
    if (llm_json_get(data, "error")) return llm_sink_error(s, data);
    if (t) {
        st->pieces++;
        return llm_sink_delta(s, LLM_EVENT_TEXT, 0, t, n);
    }
    if (llm_json_is(llm_json_get(data, "done"), LLM_JSON_TRUE)) {
        llm_usage u;
        const char *f = llm_json_string(llm_json_get(data, "finish"), &n);
        llm_result r;
        memset(&u, 0, sizeof u);
        u.source = LLM_USAGE_REPORTED;
        u.prompt_tokens = llm_json_int(llm_json_get(data, "in"), 0);
        u.completion_tokens = st->pieces; /* the state lived through the stream */
        u.total_tokens = u.prompt_tokens + u.completion_tokens;
        if ((r = llm_sink_usage(s, &u, true)) != LLM_OK || (r = llm_sink_finish(s, 0, f ? f : "stop", f ? n : 4)) != LLM_OK) return r;
        llm_sink_done(s);
        return LLM_OK;
    }
    return llm_sink_fail(s, LLM_ERR_PARSE, "toy: a line that is neither a piece nor the end");
}

static const llm_finish_word toy_finish[] = {{"stop", LLM_FINISH_STOP}, {"cut", LLM_FINISH_LENGTH}, {NULL, LLM_FINISH_NONE}};
static const llm_error_word toy_errors[] = {{"busy", LLM_ERR_UNAVAILABLE, false, false}, {NULL, LLM_OK, false, false}};
/* The toy's usage object: {"in": N, "out": M}. */
static bool toy_usage(const llm_json *u, llm_usage *out) {
    out->prompt_tokens = llm_json_int(llm_json_get(u, "in"), -1);
    out->completion_tokens = llm_json_int(llm_json_get(u, "out"), -1);
    out->total_tokens = out->prompt_tokens + out->completion_tokens;
    out->source = LLM_USAGE_REPORTED;
    return out->prompt_tokens >= 0 && out->completion_tokens >= 0;
}

static const llm_wire_format toy_wire = {"toy-ndjson", toy_encode, toy_url, toy_decode, toy_decode_error, toy_event, sizeof(toy_state),
                                         LLM_FRAMING_NDJSON, NULL, toy_finish, toy_errors, false, toy_usage, false,
                                         NULL, NULL, NULL};
static const llm_wire_format toy_wire_without_usage = {"toy-plain", toy_encode, toy_url, toy_decode, toy_decode_error, toy_event,
                                                       sizeof(toy_state), LLM_FRAMING_NDJSON, NULL, toy_finish, toy_errors,
                                                       false, NULL, false, NULL, NULL, NULL};
static const llm_provider toy_provider = {"toy", &toy_wire, "http://toy.local", "Authorization", "Bearer ", NULL, 0, 0, true,
                                          {NULL, NULL, NULL}, {NULL, NULL, NULL}, NULL, NULL, NULL, NULL, {NULL, NULL}, {NULL, NULL}, NULL, NULL};

typedef struct toy_log {
    char text[256];
    int usage, finish;
} toy_log;

static int toy_on_event(void *user, const llm_event *ev) {
    toy_log *l = (toy_log *)user;
    if (ev->type == LLM_EVENT_TEXT && strlen(l->text) + ev->text_len < sizeof l->text) strncat(l->text, ev->text, ev->text_len);
    if (ev->type == LLM_EVENT_USAGE) l->usage++;
    if (ev->type == LLM_EVENT_FINISH && ev->finish_reason == LLM_FINISH_LENGTH) l->finish++;
    return 0;
}

static llm_result toy_run(const char *ct, const char *body, size_t chunk, bool stream, llm_response *resp, toy_log *log, sent *s) {
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client c;
    llm_message m;
    llm_request req;
    char headers[128];
    memset(&x, 0, sizeof x);
    snprintf(headers, sizeof headers, "Content-Type: %s\n", ct);
    x.status = 200;
    x.headers = headers;
    x.body = body;
    x.chunk = chunk;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    mock.on_request = record_request;
    mock.user = s;
    memset(&d, 0, sizeof d);
    d.custom_provider = &toy_provider;
    d.transport = llm_mock_transport(&mock);
    d.no_request_id = true;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    memset(&m, 0, sizeof m);
    m.content = "Tell me";
    memset(&req, 0, sizeof req);
    req.model = "toy/tiny";
    req.messages = &m;
    req.message_count = 1;
    memset(log, 0, sizeof *log);
    return stream ? llm_stream(&c, &req, toy_on_event, log, resp, NULL) : llm_complete(&c, &req, resp, NULL);
}

static void a_wire_format_of_ones_own_streams(void) {
    static const char lines[] = "{\"t\":\"Once \"}\n{\"t\":\"upon \"}\r\n\n{\"t\":\"a time\"}\n{\"done\":true,\"finish\":\"cut\",\"in\":4}";
    llm_response resp;
    toy_log log;
    sent s;
    size_t chunks[3];
    int i;
    chunks[0] = 0;
    chunks[1] = 1;
    chunks[2] = 5;
    for (i = 0; i < 3; i++) {
        memset(&s, 0, sizeof s);
        CHECK_EQ_INT(toy_run("application/x-ndjson", lines, chunks[i], true, &resp, &log, &s), LLM_OK);
        CHECK_EQ_STR(s.url, "http://toy.local/generate");
        CHECK_EQ_STR(s.body, "{\"model\":\"tiny\",\"prompt\":\"Tell me\",\"stream\":true}"); /* its own prefix stripped */
        CHECK_EQ_STR(log.text, "Once upon a time");
        if (!CHECK(log.usage == 1 && log.finish == 1)) fprintf(stderr, "  usage %d, finish %d, chunk %u\n", log.usage, log.finish, (unsigned)chunks[i]);
        CHECK(resp.choice_count == 1 && resp.choices[0].finish_reason == LLM_FINISH_LENGTH && strcmp(resp.choices[0].content, "Once upon a time") == 0);
        CHECK(resp.usage.source == LLM_USAGE_REPORTED && resp.usage.prompt_tokens == 4 && resp.usage.completion_tokens == 3);
        llm_response_free(&resp);
    }
    /* cut before its end: TRUNCATED with what arrived; an error line: its words */
    CHECK_EQ_INT(toy_run("application/x-ndjson", "{\"t\":\"Once \"}\n", 0, true, &resp, &log, &s), LLM_ERR_TRUNCATED);
    CHECK_EQ_STR(resp.choices[0].content, "Once ");
    llm_response_free(&resp);
    CHECK_EQ_INT(toy_run("application/x-ndjson", "{\"t\":\"a\"}\n{\"error\":{\"message\":\"later\",\"type\":\"busy\"}}\n", 3, true, &resp, &log, &s),
                 LLM_ERR_UNAVAILABLE);
    llm_response_free(&resp);
    /* the same format, not streamed */
    CHECK_EQ_INT(toy_run("application/json", "{\"text\":\"whole\"}", 0, false, &resp, &log, &s), LLM_OK);
    CHECK(resp.choice_count == 1 && strcmp(resp.choices[0].content, "whole") == 0 &&
          resp.usage.source == LLM_USAGE_MISSING && resp.usage_estimate.source == LLM_USAGE_ESTIMATED);
    llm_response_free(&resp);
}

/* ---- the LiteLLM config loader takes every preset ---- */

static int64_t zero_clock(void *user) { (void)user; return 0; }

static void the_config_loader_takes_every_preset(void) {
    char config[4096];
    size_t i, pos = 0;
    llm_router_desc base;
    llm_router r;
    llm_error err;
    pos += (size_t)snprintf(config + pos, sizeof config - pos, "{\"model_list\":[");
    for (i = 0; i < TEST_COUNT(presets); i++)
        pos += (size_t)snprintf(config + pos, sizeof config - pos,
                                "%s{\"model_name\":\"g%u\",\"litellm_params\":{\"model\":\"%s/m%u\",\"api_key\":\"k\"%s}}", i ? "," : "", (unsigned)i,
                                presets[i], (unsigned)i,
                                strcmp(presets[i], "azure") == 0 ? ",\"api_base\":\"https://r.openai.azure.com\",\"api_version\":\"2024-10-21\"" : "");
    snprintf(config + pos, sizeof config - pos, "]}");
    memset(&base, 0, sizeof base);
    base.clock_ms = zero_clock;
    CHECK_EQ_INT(llm_router_init_json(&r, config, strlen(config), &base, &err), LLM_OK);
    if (err.code) fprintf(stderr, "  %s\n", err.message);
    for (i = 0; i < llm_router_deployment_count(&r); i++) {
        llm_router_attempt a;
        llm_request req;
        char group[16];
        memset(&a, 0, sizeof a);
        memset(&req, 0, sizeof req);
        snprintf(group, sizeof group, "g%u", (unsigned)i);
        req.model = group;
        CHECK_EQ_INT(llm_router_pick(&r, &req, &a, NULL), LLM_OK);
        if (!CHECK_EQ_STR(a.client->provider->name, presets[i])) fprintf(stderr, "  model_list[%u]\n", (unsigned)i);
        llm_router_cancel(&r, &a);
    }
    llm_router_free(&r);
}

/* ---- the OpenAI request parser ---- */

static void openai_requests_are_read(void) {
    static const char body[] =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"S\"},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"high\"}}]},"
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},"
        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"42\"}],"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"F\",\"parameters\":{\"type\":\"object\"},\"strict\":true}}],"
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
        "{\"name\":\"out\",\"schema\":{\"type\":\"object\"},\"strict\":true}},\"max_completion_tokens\":64,\"temperature\":0,\"top_p\":0.5,"
        "\"stop\":[\"a\",\"b\"],\"seed\":7,\"n\":2,\"logprobs\":true,\"top_logprobs\":3,\"reasoning_effort\":\"low\",\"parallel_tool_calls\":false,"
        "\"user\":\"u\",\"metadata\":{\"k\":\"v\"},\"stream\":true,\"stream_options\":{\"include_usage\":false},"
        "\"provider\":{\"order\":[\"a\"]},\"transforms\":[\"middle-out\"]}";
    llm_openai_request q;
    llm_error err;
    const llm_request *r = &q.request;
    memset(&q, 0, sizeof q);
    CHECK_EQ_INT(llm_request_parse_openai(&q, body, strlen(body), &err), LLM_OK);
    CHECK_EQ_STR(r->model, "gpt-4o");
    CHECK_EQ_INT(r->message_count, 4);
    if (r->message_count == 4) {
        CHECK(r->messages[1].part_count == 2 && r->messages[1].parts[1].type == LLM_PART_IMAGE_URL && r->messages[1].parts[1].detail == LLM_DETAIL_HIGH);
        CHECK(r->messages[2].role == LLM_ROLE_ASSISTANT && r->messages[2].content == NULL && r->messages[2].tool_call_count == 1);
        CHECK_EQ_STR(r->messages[2].tool_calls[0].arguments, "{\"a\":1}");
        CHECK_EQ_STR(r->messages[3].tool_call_id, "call_1");
    }
    CHECK(r->tool_count == 1 && r->tools[0].strict && strcmp(r->tools[0].parameters, "{\"type\":\"object\"}") == 0);
    CHECK(r->tool_choice.mode == LLM_TOOL_CHOICE_FUNCTION && strcmp(r->tool_choice.name, "f") == 0);
    CHECK(r->response_format.type == LLM_FORMAT_JSON_SCHEMA && r->response_format.strict && strcmp(r->response_format.name, "out") == 0);
    CHECK(r->max_completion_tokens == 64 && r->has_temperature && r->temperature == 0 && r->top_p == 0.5);
    CHECK(r->stop_count == 2 && strcmp(r->stop[1], "b") == 0 && r->has_seed && r->seed == 7 && r->n == 2);
    CHECK(r->logprobs && r->has_top_logprobs && r->top_logprobs == 3 && r->parallel_tool_calls == LLM_FALSE);
    CHECK(r->metadata_count == 1 && strcmp(r->metadata[0].value, "v") == 0 && q.stream && r->stream.no_usage);
    CHECK_EQ_INT(q.unknown_count, 2);
    CHECK_EQ_STR(r->extra_body, "{\"provider\":{\"order\":[\"a\"]},\"transforms\":[\"middle-out\"]}");
    llm_openai_request_free(&q);
    {
        static const char five[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}";
        static const char audio[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}";
        CHECK_EQ_INT(llm_request_parse_openai(&q, five, sizeof five - 1, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK_EQ_STR(err.message, "messages[0].content: expected a string (without \\u0000)");
        CHECK_EQ_INT(llm_request_parse_openai(&q, audio, sizeof audio - 1, &err), LLM_ERR_UNSUPPORTED);
    }
    CHECK_EQ_INT(llm_request_parse_openai(&q, "{\"model\":\"m\",\"messages\":[]}", 27, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK_EQ_INT(llm_request_parse_openai(&q, "{\"model\":", 9, &err), LLM_ERR_PARSE);
    CHECK_EQ_INT(err.offset, 9);
    { /* a seed is a 64-bit integer (OpenAI's schema: integer); found by fuzz_request, which saw an out-of-range cast */
        static const char big[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"seed\":-9223372037548756808}";
        static const char half[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"seed\":2.5}";
        static const char kilo[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"seed\":1e3}";
        CHECK_EQ_INT(llm_request_parse_openai(&q, big, sizeof big - 1, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK(strstr(err.message, "seed") != NULL);
        CHECK_EQ_INT(llm_request_parse_openai(&q, half, sizeof half - 1, &err), LLM_ERR_INVALID_ARGUMENT);
        CHECK_EQ_INT(llm_request_parse_openai(&q, kilo, sizeof kilo - 1, &err), LLM_OK);
        CHECK(q.request.has_seed && q.request.seed == 1000);
        llm_openai_request_free(&q);
    }
}

/* OpenRouter has no `n` (its ChatRequest schema): several choices are
   refused before sending, one is not sent, extra_body still may send it. */
static void openrouter_answers_one_choice(void) {
    llm_client_desc d;
    llm_request req = request_for("openai/gpt-4o");
    llm_client c;
    llm_call call;
    const llm_http_request *http;
    llm_error err;
    sent s;
    memset(&d, 0, sizeof d);
    memset(&s, 0, sizeof s);
    d.provider = "openrouter";
    d.api_key = "sk-or-test";
    req.n = 1;
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"n\"") == NULL);
    req.n = 2;
    CHECK_EQ_INT(llm_client_init(&c, &d, NULL), LLM_OK);
    CHECK_EQ_INT(llm_call_begin(&call, &c, &req, 0, &http, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(http == NULL && strstr(err.message, "n: openrouter answers one choice") != NULL);
    req.extra_body = "{\"n\":2}";
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"n\":2") != NULL);
    req.extra_body = NULL;
    d.quirks_off = LLM_QUIRK_ONE_CHOICE;
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"n\":2") != NULL);
    d.provider = "openai"; /* OpenAI itself takes n */
    d.quirks_off = 0;
    CHECK_EQ_INT(send_one(&d, &req, false, &s), LLM_OK);
    CHECK(strstr(s.body, "\"n\":2") != NULL);
}

static llm_result decode_answer(const char *provider, const char *body, bool stream, llm_response *resp) {
    return llm_decode_recorded(provider, 200, body, strlen(body), stream, resp, NULL);
}

/* OpenRouter's usage.cost is what it charged; with the caller's own key
   (is_byok) the upstream provider's bill, cost_details.upstream_inference_cost,
   is spent too (its spec: is_byok "Whether a request was made using a Bring
   Your Own Key configuration"; the Usage Accounting guide: cost "the total
   amount charged to your account", upstream_inference_cost "the actual cost
   charged by the upstream AI provider"). Body and stream alike. */
static void openrouter_costs_are_read(void) {
    static const char credits[] = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],"
                                  "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"cost\":0.0012,\"is_byok\":false,"
                                  "\"cost_details\":{\"upstream_inference_cost\":0.0012}}}";
    static const char byok[] = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],"
                               "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"cost\":0.0003,\"is_byok\":true,"
                               "\"cost_details\":{\"upstream_inference_cost\":0.006}}}";
    static const char stream[] = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n"
                                 "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"cost\":0,\"is_byok\":true,"
                                 "\"cost_details\":{\"upstream_inference_cost\":0.0006264}}}\n\ndata: [DONE]\n\n";
    static const char junk[] = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],"
                               "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"cost\":-1,\"cost_details\":{\"upstream_inference_cost\":\"3\"}}}";
    llm_response resp;
    CHECK_EQ_INT(decode_answer("openrouter", credits, false, &resp), LLM_OK);
    CHECK(resp.has_provider_cost && resp.provider_cost_usd == (double)0.0012 && resp.has_upstream_cost && resp.upstream_cost_usd == (double)0.0012);
    llm_response_free(&resp);
    CHECK_EQ_INT(decode_answer("openrouter", byok, false, &resp), LLM_OK);
    CHECK(resp.has_provider_cost && fabs(resp.provider_cost_usd - 0.0063) < 1e-15 && resp.upstream_cost_usd == (double)0.006);
    llm_response_free(&resp);
    CHECK_EQ_INT(decode_answer("openrouter", stream, true, &resp), LLM_OK);
    CHECK(resp.has_provider_cost && resp.provider_cost_usd == (double)0.0006264 && resp.has_upstream_cost && resp.upstream_cost_usd == (double)0.0006264);
    llm_response_free(&resp);
    CHECK_EQ_INT(decode_answer("openrouter", junk, false, &resp), LLM_OK);
    CHECK(!resp.has_provider_cost && !resp.has_upstream_cost);
    llm_response_free(&resp);
}

/* Azure's content-filter annotations reach the response as their JSON
   text; its documented streams end in "data: [DONE] " (a trailing space). */
static void azure_content_filters_are_kept(void) {
    static const char body[] = "{\"choices\":[{\"index\":0,\"message\":{\"content\":null},\"finish_reason\":\"content_filter\","
                               "\"content_filter_results\":{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}}],"
                               "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}";
    static const char stream[] = "data: {\"choices\":[],\"prompt_annotations\":[{\"prompt_index\":0}]} \n\n"
                                 "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hey\"},\"finish_reason\":null}]} \n\n"
                                 "data: {\"choices\":[{\"index\":0,\"content_filter_results\":{\"a\":1}}]} \n\n"
                                 "data: {\"choices\":[{\"index\":0,\"finish_reason\":\"content_filter\",\"content_filter_results\":{\"b\":2}}]} \n\n"
                                 "data: [DONE] \n\n";
    llm_response resp;
    if (CHECK_EQ_INT(decode_answer("azure", body, false, &resp), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_INT(resp.choices[0].finish_reason, LLM_FINISH_CONTENT_FILTER);
        CHECK_EQ_STR(resp.choices[0].content_filter, "{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}");
    }
    CHECK_EQ_STR(resp.prompt_filter, "[{\"prompt_index\":0,\"content_filter_results\":{}}]");
    llm_response_free(&resp);
    if (CHECK_EQ_INT(decode_answer("azure", stream, true, &resp), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1)) {
        CHECK_EQ_STR(resp.choices[0].content, "Hey");
        CHECK_EQ_STR(resp.choices[0].content_filter, "{\"b\":2}");
    }
    CHECK_EQ_STR(resp.prompt_filter, "[{\"prompt_index\":0}]");
    llm_response_free(&resp);
    if (CHECK_EQ_INT(decode_answer("openai", ok_answer, false, &resp), LLM_OK) && CHECK_EQ_INT(resp.choice_count, 1))
        CHECK(resp.choices[0].content_filter == NULL && resp.prompt_filter == NULL); /* none: NULL */
    llm_response_free(&resp);
    /* only whitespace may follow the end marker */
    CHECK_EQ_INT(decode_answer("openai", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]x\n\n",
                               true, &resp), LLM_ERR_PARSE);
    llm_response_free(&resp);
}

/* Every finish word of every wire format means what the provider's
   documentation says (no recorded sample has stop_sequence, function_call,
   pause_turn or refusal). The words and their meanings are written here
   from the documentation, not read from the library's tables; a word a
   table holds and this list does not fails too, so a new word comes with
   its documented meaning.
   - OpenAI (tests/data/openai-openapi.yaml, CreateChatCompletionResponse,
     choices[].finish_reason): "`stop` if the model hit a natural stop point
     or a provided stop sequence, `length` if the maximum number of tokens
     specified in the request was reached, `content_filter` if content was
     omitted due to a flag from our content filters, `tool_calls` if the
     model called a tool, or `function_call` (deprecated) if the model
     called a function". Azure OpenAI answers in the same words (its
     content-filter page ends a filtered stream with "finish_reason":
     "content_filter", tests/data/provider-samples/azure/SOURCES.md).
   - OpenRouter (tests/data/openrouter-openapi.yaml, ChatFinishReasonEnum)
     adds `error`: the provider ended the answer with an error.
   - Anthropic (tests/data/anthropic-openapi.json, Message.stop_reason):
     `end_turn` "the model reached a natural stopping point"; `max_tokens`
     "we exceeded the requested `max_tokens` or the model's maximum";
     `stop_sequence` "one of your provided custom `stop_sequences` was
     generated" (OpenAI's `stop` covers "a provided stop sequence");
     `tool_use` "the model invoked one or more tools"; `refusal` "when
     streaming classifiers intervene to handle potential policy
     violations" (OpenAI's `content_filter`); `pause_turn` "we paused a
     long-running turn. You may provide the response back as-is in a
     subsequent request to let the model continue": neither finished nor
     cut, so OTHER with the word kept. BetaStopReason adds `compaction`
     (OTHER) and `model_context_window_exceeded`, which Anthropic's
     "Handling stop reasons" page explains as "Claude stopped because it
     reached the model's context window limit": a length limit, LENGTH.
   - Gemini (the API reference, generateContent, Candidate.FinishReason):
     `STOP` "natural stop point of the model or provided stop sequence";
     `MAX_TOKENS` "the maximum number of tokens as specified in the request
     was reached"; `SAFETY`, `RECITATION` (flagged "for recitation
     reasons": unauthorized citations), `BLOCKLIST` (forbidden terms),
     `PROHIBITED_CONTENT`, `SPII` (sensitive personally identifiable
     information) and `IMAGE_SAFETY`: the content was flagged and withheld,
     OpenAI's `content_filter`; `MALFORMED_FUNCTION_CALL` "the function call
     generated by the model is invalid" and `UNEXPECTED_TOOL_CALL` "model
     generated a tool call but no tools were enabled in the request": the
     answer ended in an error of the model's, ERROR; `LANGUAGE` "flagged for
     using an unsupported language" (no filter of content, no limit) and
     `OTHER` "unknown reason": OTHER with the word kept. */
typedef struct finish_case {
    const char *word;
    llm_finish_reason want;
} finish_case;

static const finish_case openai_words[] = {
    {"stop", LLM_FINISH_STOP}, {"length", LLM_FINISH_LENGTH}, {"content_filter", LLM_FINISH_CONTENT_FILTER},
    {"tool_calls", LLM_FINISH_TOOL_CALLS}, {"function_call", LLM_FINISH_TOOL_CALLS}, {"error", LLM_FINISH_ERROR}, {NULL, LLM_FINISH_NONE}};
static const finish_case anthropic_words[] = {
    {"end_turn", LLM_FINISH_STOP}, {"max_tokens", LLM_FINISH_LENGTH}, {"stop_sequence", LLM_FINISH_STOP},
    {"tool_use", LLM_FINISH_TOOL_CALLS}, {"refusal", LLM_FINISH_CONTENT_FILTER}, {"pause_turn", LLM_FINISH_OTHER},
    {"model_context_window_exceeded", LLM_FINISH_LENGTH}, {"compaction", LLM_FINISH_OTHER}, {NULL, LLM_FINISH_NONE}};
static const finish_case gemini_words[] = {
    {"STOP", LLM_FINISH_STOP}, {"MAX_TOKENS", LLM_FINISH_LENGTH}, {"SAFETY", LLM_FINISH_CONTENT_FILTER},
    {"RECITATION", LLM_FINISH_CONTENT_FILTER}, {"BLOCKLIST", LLM_FINISH_CONTENT_FILTER},
    {"PROHIBITED_CONTENT", LLM_FINISH_CONTENT_FILTER}, {"SPII", LLM_FINISH_CONTENT_FILTER},
    {"IMAGE_SAFETY", LLM_FINISH_CONTENT_FILTER}, {"MALFORMED_FUNCTION_CALL", LLM_FINISH_ERROR},
    {"UNEXPECTED_TOOL_CALL", LLM_FINISH_ERROR}, {"LANGUAGE", LLM_FINISH_OTHER}, {"OTHER", LLM_FINISH_OTHER},
    {NULL, LLM_FINISH_NONE}};

/* The answer ending with `word`, as a body or as a stream of the format. */
static void finish_answer(char *buf, size_t size, bool anthropic, bool gemini, bool stream, const char *word) {
    if (gemini)
        snprintf(buf, size, "%s{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}],\"role\":\"model\"},\"finishReason\":\"%s\","
                            "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":1,\"totalTokenCount\":2}}%s",
                 stream ? "data: " : "", word, stream ? "\r\n\r\n" : "");
    else if (anthropic && stream)
        snprintf(buf, size,
                 "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"claude-sonnet-4-5\","
                 "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
                 "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                 "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n"
                 "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                 "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\"},\"usage\":{\"output_tokens\":2}}\n\n"
                 "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", word);
    else if (anthropic)
        snprintf(buf, size, "{\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                            "\"stop_reason\":\"%s\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}", word);
    else if (stream)
        snprintf(buf, size, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"%s\"}]}\n\ndata: [DONE]\n\n", word);
    else
        snprintf(buf, size, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"finish_reason\":\"%s\"}]}", word);
}

static bool documented(const finish_case *words, const char *word) {
    for (; words->word; words++)
        if (strcmp(words->word, word) == 0) return true;
    return false;
}

static void every_finish_word_means_what_its_provider_documents(void) {
    static const struct { const char *preset; const finish_case *words; } formats[] = {
        {"openai", openai_words}, {"azure", openai_words}, {"openrouter", openai_words}, {"anthropic", anthropic_words},
        {"gemini", gemini_words}};
    char buf[2048];
    size_t f, k;
    int stream, run = 0;
    for (f = 0; f < TEST_COUNT(formats); f++) {
        const llm_provider *p = llm_provider_find(formats[f].preset);
        bool anthropic = formats[f].words == anthropic_words, gemini = formats[f].words == gemini_words;
        const finish_case *c;
        if (!CHECK(p != NULL && p->wire && p->wire->finish_words)) continue;
        for (k = 0; p->wire->finish_words[k].word; k++)
            if (!CHECK(documented(formats[f].words, p->wire->finish_words[k].word)))
                fprintf(stderr, "  %s: \"%s\" has no documented meaning here\n", formats[f].preset, p->wire->finish_words[k].word);
        for (c = formats[f].words; c->word; c++)
            for (stream = 0; stream < 2; stream++) {
                llm_response resp;
                finish_answer(buf, sizeof buf, anthropic, gemini, stream != 0, c->word);
                run++;
                if (!CHECK_EQ_INT(decode_answer(formats[f].preset, buf, stream != 0, &resp), LLM_OK) ||
                    !CHECK_EQ_INT(resp.choice_count, 1) || !CHECK_EQ_INT(resp.choices[0].finish_reason, c->want) || !CHECK_EQ_STR(resp.choices[0].finish_reason_raw, c->word))
                    fprintf(stderr, "  %s %s: \"%s\"\n", formats[f].preset, stream ? "stream" : "body", c->word);
                llm_response_free(&resp);
            }
    }
    CHECK_EQ_INT(run, 2 * (3 * 6 + 8 + 12));
}

/* The README's preset table is this table: a row per preset, in its order,
   naming its wire format, default base URL and every environment variable
   of its key and base URL. */
static void the_readme_table_is_the_table(void) {
    size_t len, i, k;
    char *readme = TEST_READ_FIXTURE("README.md", &len);
    const char *at;
    if (!readme) return;
    at = readme;
    for (i = 0; i < llm_provider_count(); i++) {
        const llm_provider *p = llm_provider_at(i);
        char head[128], row[1024];
        const char *start, *end;
        size_t n;
        snprintf(head, sizeof head, "\n| `%s` | %s", p->name, p->wire->name);
        if (!CHECK((start = strstr(at, head)) != NULL)) {
            fprintf(stderr, "  README: no row \"%s\" after the previous preset's\n", head + 1);
            continue;
        }
        end = strchr(start + 1, '\n');
        n = end ? (size_t)(end - start) : strlen(start);
        snprintf(row, sizeof row, "%.*s", (int)(n < sizeof row ? n : sizeof row - 1), start);
        if (p->default_base_url) {
            char base[160];
            snprintf(base, sizeof base, "`%s`", p->default_base_url);
            if (!CHECK(strstr(row, base) != NULL)) fprintf(stderr, "  README row %s: no %s\n", p->name, base);
        }
        for (k = 0; k < 3; k++) {
            char var[64];
            if (p->key_env[k]) {
                snprintf(var, sizeof var, "`%s`", p->key_env[k]);
                if (!CHECK(strstr(row, var) != NULL)) fprintf(stderr, "  README row %s: no %s\n", p->name, var);
            }
            if (p->base_env[k]) {
                snprintf(var, sizeof var, "`%s`", p->base_env[k]);
                if (!CHECK(strstr(row, var) != NULL)) fprintf(stderr, "  README row %s: no %s\n", p->name, var);
            }
        }
        at = start + 1;
    }
    free(readme);
}

/* What LiteLLM's OpenAI-shaped requests carry for Anthropic: cache_control
   on a part, a message and a tool, file parts (PDFs), thinking_blocks on an
   assistant message, top_k. */
static void openai_requests_carry_caching_documents_and_thinking(void) {
    static const char body[] =
        "{\"model\":\"claude-sonnet-4-5\",\"top_k\":5,\"messages\":["
        "{\"role\":\"system\",\"content\":\"Rules.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Read.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
        "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0=\",\"filename\":\"a.pdf\"}}]},"
        "{\"role\":\"assistant\",\"content\":\"ok\",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"EqQB\"},"
        "{\"type\":\"redacted_thinking\",\"data\":\"EmwK\"}]}],"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"},\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}]}";
    static const char bad_ttl[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"2h\"}}]}";
    static const char file_id[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}]}]}";
    static const char bad_block[] = "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"x\",\"thinking_blocks\":[{\"type\":\"musing\"}]}]}";
    llm_openai_request q;
    llm_error err;
    const llm_message *m;
    memset(&q, 0, sizeof q);
    if (!CHECK_EQ_INT(llm_request_parse_openai(&q, body, sizeof body - 1, &err), LLM_OK)) {
        fprintf(stderr, "  %s\n", err.message);
        return;
    }
    m = q.request.messages;
    CHECK(q.request.has_top_k && q.request.top_k == 5);
    CHECK_EQ_INT(m[0].cache, LLM_CACHE_1H);
    CHECK_EQ_INT(m[1].parts[0].cache, LLM_CACHE_5M);
    CHECK_EQ_INT(m[1].parts[1].type, LLM_PART_DOCUMENT);
    CHECK_EQ_STR(m[1].parts[1].media_type, "application/pdf");
    CHECK_EQ_STR(m[1].parts[1].base64, "JVBERi0=");
    CHECK_EQ_STR(m[1].parts[1].filename, "a.pdf");
    CHECK_EQ_INT(m[2].reasoning_count, 2);
    CHECK_EQ_STR(m[2].reasoning_format, "anthropic-messages");
    CHECK(m[2].reasoning[0].kind == LLM_REASONING_THINKING && strcmp(m[2].reasoning[0].signature, "EqQB") == 0);
    CHECK(m[2].reasoning[1].kind == LLM_REASONING_REDACTED && strcmp(m[2].reasoning[1].data, "EmwK") == 0);
    CHECK_EQ_INT(q.request.tools[0].cache, LLM_CACHE_5M);
    CHECK_EQ_INT(q.unknown_count, 0);
    llm_openai_request_free(&q);
    CHECK_EQ_INT(llm_request_parse_openai(&q, bad_ttl, sizeof bad_ttl - 1, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "cache_control") != NULL);
    CHECK_EQ_INT(llm_request_parse_openai(&q, file_id, sizeof file_id - 1, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "file_id") != NULL);
    CHECK_EQ_INT(llm_request_parse_openai(&q, bad_block, sizeof bad_block - 1, &err), LLM_ERR_INVALID_ARGUMENT);
    CHECK(strstr(err.message, "thinking_blocks[0].type") != NULL);
}

/* A wire format of one's own decodes usage through its slot, as the
   built-in ones do (llm_usage_decode names no provider); a format without
   the slot is refused, saying so. */
static void a_callers_wire_format_decodes_usage(void) {
    llm_json_doc doc;
    llm_usage u;
    llm_error err;
    const char *usage = "{\"in\":12,\"out\":30}";
    memset(&doc, 0, sizeof doc);
    if (!CHECK_EQ_INT(llm_json_parse(&doc, usage, strlen(usage), NULL), LLM_OK)) {
        llm_json_doc_free(&doc);
        return;
    }
    CHECK_EQ_INT(llm_wire_usage_decode(&toy_wire, llm_json_root(&doc), &u, &err), LLM_OK);
    CHECK_EQ_INT((int)u.prompt_tokens, 12);
    CHECK_EQ_INT((int)u.completion_tokens, 30);
    CHECK_EQ_INT(llm_wire_usage_decode(&toy_wire_without_usage, llm_json_root(&doc), &u, &err), LLM_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "toy-plain") != NULL);
    CHECK_EQ_INT((int)u.prompt_tokens, 0);
    CHECK_EQ_INT(llm_wire_usage_decode(NULL, llm_json_root(&doc), &u, &err), LLM_ERR_INVALID_ARGUMENT);
    llm_json_doc_free(&doc);
}

static const test_case cases[] = {
    TEST(the_table_names_every_preset_once),
    TEST(models_name_their_provider),
    TEST(the_resolution_follows_its_order),
    TEST(presets_send_to_their_urls),
    TEST(the_model_sent_has_its_prefix_stripped),
    TEST(azure_takes_a_version_a_token_and_a_base_model),
    TEST(a_token_callback_is_asked_at_every_request),
    TEST(openrouter_sends_attribution),
    TEST(quirks_change_what_is_sent),
    TEST(anthropic_sends_its_version_header),
    TEST(a_wire_format_of_ones_own_streams),
    TEST(the_config_loader_takes_every_preset),
    TEST(openai_requests_are_read),
    TEST(openrouter_answers_one_choice),
    TEST(openrouter_costs_are_read),
    TEST(azure_content_filters_are_kept),
    TEST(every_finish_word_means_what_its_provider_documents),
    TEST(the_readme_table_is_the_table),
    TEST(openai_requests_carry_caching_documents_and_thinking),
    TEST(a_callers_wire_format_decodes_usage),
};

int main(int argc, char **argv) { return test_main(cases, TEST_COUNT(cases), argc, argv); }
