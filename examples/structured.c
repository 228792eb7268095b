/* structured.c - an answer as JSON that keeps to a schema.

       OPENAI_API_KEY=sk-... build/structured "Ada Lovelace, born 1815, wrote the first program."
       (any target chat.c takes: -m MODEL, LLM_BASE_URL...)

   The request carries a JSON Schema (response_format json_schema, strict);
   OpenAI and compatible servers constrain the answer to it, Anthropic gets
   it as a forced tool and Gemini as its responseSchema, and the answer's
   content is the JSON text either way. It is read back with llm.h's own
   strict JSON reader. Build: cc -std=c99 structured.c -lcurl */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <stdio.h>
#include <string.h>

static const char schema[] =
    "{\"type\":\"object\",\"properties\":{"
    "\"name\":{\"type\":\"string\",\"description\":\"the person's full name\"},"
    "\"born\":{\"type\":\"integer\",\"description\":\"the year of birth\"}},"
    "\"required\":[\"name\",\"born\"],\"additionalProperties\":false}";

int main(int argc, char **argv) {
    const char *model = "gpt-4o-mini", *text = "Ada Lovelace, born 1815, wrote the first program.";
    llm_message msgs[2] = {{.role = LLM_ROLE_SYSTEM, .content = "Extract the person this text is about."},
                           {.role = LLM_ROLE_USER}};
    llm_client_desc desc = {0};
    llm_target target;
    llm_curl curl;
    llm_client client;
    llm_request req = {0};
    llm_response resp;
    llm_json_doc doc = {0};
    llm_error err;
    size_t len;
    const char *name;
    int i, status = 1;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) model = argv[++i];
        else text = argv[i];
    }
    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "structured: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "structured: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    desc.transport = llm_curl_transport(&curl);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "structured: %s\n", err.message);
        return 2;
    }

    msgs[1].content = text;
    req.model = target.model;
    req.messages = msgs;
    req.message_count = 2;
    req.response_format.type = LLM_FORMAT_JSON_SCHEMA;
    req.response_format.name = "person";
    req.response_format.schema = schema;  /* checked as JSON before anything is sent */
    req.response_format.strict = true;

    if (llm_complete(&client, &req, &resp, &err) != LLM_OK) {
        fprintf(stderr, "structured: %s: %s\n", llm_result_str(err.code), err.message);
    } else if (llm_json_parse(&doc, resp.choices[0].content, strlen(resp.choices[0].content), &err) != LLM_OK) {
        fprintf(stderr, "structured: the answer is not JSON: %s\n", err.message);
        llm_response_free(&resp);
    } else {
        const llm_json *person = llm_json_root(&doc);
        name = llm_json_string(llm_json_get(person, "name"), &len);
        printf("name: %.*s\n", name ? (int)len : 4, name ? name : "none");
        printf("born: %lld\n", (long long)llm_json_int(llm_json_get(person, "born"), -1));
        llm_json_doc_free(&doc);
        llm_response_free(&resp);
        status = 0;
    }
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status;
}
