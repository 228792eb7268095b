// llm_curl_adapter.h and its implementation compiled as C++, and called:
// a transport and a runner set up and released, and one exchange refused
// for a URL nobody serves (port 1 on loopback), so the send path runs.
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../../llm_curl_adapter.h"
#include "../../llm_curl_adapter.h"

int main() {
    llm_curl curl;
    llm_curl_runner runner;
    llm_client_desc desc = llm_client_desc();
    llm_client client;
    llm_message hi = llm_message();
    llm_request req = llm_request();
    llm_response resp;
    llm_error err;
    bool ok = llm_curl_init(&curl, nullptr, &err) == LLM_OK && llm_curl_runner_init(&runner, nullptr, 4, &err) == LLM_OK;
    desc.provider = "openai";
    desc.base_url = "http://127.0.0.1:1/v1";
    desc.api_key = "sk-cxx";
    desc.transport = llm_curl_transport(&curl);
    hi.role = LLM_ROLE_USER;
    hi.content = "Hi";
    req.model = "gpt-4o";
    req.messages = &hi;
    req.message_count = 1;
    ok = ok && llm_client_init(&client, &desc, &err) == LLM_OK;
    ok = ok && llm_complete(&client, &req, &resp, &err) == LLM_ERR_TRANSPORT;
    llm_response_free(&resp);
    llm_curl_runner_free(&runner);
    llm_curl_free(&curl);
    return ok ? 0 : 1;
}
