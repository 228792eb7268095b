/* startup_client - the programs bench_startup starts, one per build: each
   sends one non-streamed chat completion to the URL it is given (argv[1],
   http://127.0.0.1:PORT/v1) and exits 0 when the answer is what it should
   be. bench_startup times each from its exec to the first byte of its
   request at the server.

     -DSTARTUP_LLM    llm.h + llm_curl_adapter.h: curl_global_init,
                      llm_curl_init, llm_client_init, llm_complete; exit 0
                      when the answer's content is "Hi" (-lcurl)
     -DSTARTUP_CURL   bare libcurl: curl_global_init, one easy handle, the
                      same POST, status 200 checked (-lcurl)
     -DSTARTUP_HELLO  a C hello: a socket, connect, the same request written
                      by hand, no library; exit 0 once it is sent (the floor:
                      what exec, the dynamic loader and a connect cost)

   cc -O2 -DSTARTUP_LLM -o build/startup_llm bench/startup_client.c -lcurl */
#if defined(STARTUP_LLM)
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

int main(int argc, char **argv) {
    llm_message hello;
    llm_request req;
    llm_client_desc d;
    llm_client c;
    llm_response resp;
    llm_curl t;
    int ok;
    if (argc < 2 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 2;
    memset(&hello, 0, sizeof hello);
    memset(&req, 0, sizeof req);
    memset(&d, 0, sizeof d);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    req.model = "gpt-4o-mini";
    req.messages = &hello;
    req.message_count = 1;
    d.provider = "openai";
    d.base_url = argv[1];
    d.api_key = "sk-bench";
    if (llm_curl_init(&t, NULL, NULL) != LLM_OK) return 2;
    d.transport = llm_curl_transport(&t);
    if (llm_client_init(&c, &d, NULL) != LLM_OK) return 2;
    ok = llm_complete(&c, &req, &resp, NULL) == LLM_OK && resp.choice_count > 0 && resp.choices[0].content &&
         strcmp(resp.choices[0].content, "Hi") == 0;
    llm_response_free(&resp);
    llm_curl_free(&t);
    curl_global_cleanup();
    return ok ? 0 : 1;
}

#elif defined(STARTUP_CURL)
#include <stdio.h>
#include <string.h>
#include <curl/curl.h>

static size_t sink(char *data, size_t size, size_t nmemb, void *userdata) {
    (void)data;
    (void)userdata;
    return size * nmemb;
}

int main(int argc, char **argv) {
    char url[256];
    struct curl_slist *h = NULL;
    CURL *e;
    long status = 0;
    CURLcode rc;
    if (argc < 2 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(e = curl_easy_init())) return 2;
    snprintf(url, sizeof url, "%s/chat/completions", argv[1]);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "Authorization: Bearer sk-bench");
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS,
                     "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    rc = curl_easy_perform(e);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(e);
    curl_slist_free_all(h);
    curl_global_cleanup();
    return rc == CURLE_OK && status == 200 ? 0 : 1;
}

#elif defined(STARTUP_HELLO)
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    static const char body[] = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    struct sockaddr_in a;
    char req[512];
    int fd, n, port;
    const char *p = argc > 1 ? strrchr(argv[1], ':') : NULL;
    if (!p || (port = atoi(p + 1)) <= 0) return 2;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    n = snprintf(req, sizeof req,
                 "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                 "Authorization: Bearer sk-bench\r\nContent-Length: %d\r\n\r\n%s",
                 port, (int)(sizeof body - 1), body);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) return 1;
    if (write(fd, req, (size_t)n) != n) return 1;
    close(fd);
    return 0;
}

#else
#error "build with -DSTARTUP_LLM, -DSTARTUP_CURL or -DSTARTUP_HELLO"
#endif
