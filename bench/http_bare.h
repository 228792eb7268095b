/* http_bare.h - the performance floor for bench_http: a bare libcurl + cJSON
   client making sequential non-streamed chat completions over one kept-alive
   connection, as a competent C programmer would write it by hand.

   One easy handle, every option set once (URL, the fixed body, the headers
   Content-Type: application/json and an empty "Expect:", TCP_NODELAY, TCP
   keep-alive, no signals), so libcurl reuses the connection from one request
   to the next. Each request: curl_easy_perform into a growing buffer (kept
   across requests, so after the first it no longer allocates), status 200
   checked, the whole body parsed by cJSON, choices[0].message.content checked
   to be a non-empty string, the tree freed. A request that fails any of these
   is counted in *failures and the loop goes on.

     static int bare_run(int port, int n, double *cpu_s, double *wall_s,
                         int *failures);

   makes BARE_WARMUP requests that are not counted (they must all succeed, or
   it returns 1: nothing is listening or the answers are wrong), then exactly
   n requests, and gives their process CPU time (user + system, getrusage
   RUSAGE_SELF, after minus before) in *cpu_s, their wall time
   (CLOCK_MONOTONIC) in *wall_s and the count of failed ones in *failures.
   Returns 0 on success, 1 when the warm-up failed, -1 on bad arguments or
   when libcurl could not be set up. A note goes to stderr if any counted
   request had to open a new connection (the keep-alive was lost).

   Needs POSIX clocks: define _POSIX_C_SOURCE=200809L (or _DEFAULT_SOURCE)
   before any #include. Link with -lcurl -lcjson. C99, header-only. */
#ifndef HTTP_BARE_H
#define HTTP_BARE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <curl/curl.h>
#include <cjson/cJSON.h>

#ifndef CLOCK_MONOTONIC
#error "http_bare.h needs CLOCK_MONOTONIC: define _POSIX_C_SOURCE=200809L before any #include"
#endif

#ifndef BARE_WARMUP
#define BARE_WARMUP 50
#endif

#define BARE_BODY "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"

typedef struct {
    char *p;
    size_t len, cap;
} bare_buf;

static size_t bare_write(char *data, size_t size, size_t nmemb, void *userdata) {
    bare_buf *b = (bare_buf *)userdata;
    size_t n = size * nmemb;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        char *q;
        while (cap - b->len < n) {
            if (cap > (size_t)-1 / 2) return 0;
            cap *= 2;
        }
        q = (char *)realloc(b->p, cap);
        if (!q) return 0; /* libcurl then fails the transfer */
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return n;
}

/* One request on the prepared handle: 0 when it answered 200 with a JSON body
   whose choices[0].message.content is a non-empty string. *connects gets the
   number of new connections the transfer opened. */
static int bare_one(CURL *h, bare_buf *b, long *connects) {
    long status = 0;
    cJSON *root, *choices, *msg, *content;
    int ok;
    b->len = 0;
    *connects = 0;
    if (curl_easy_perform(h) != CURLE_OK) return 1;
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, connects);
    if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) return 1;
    root = cJSON_ParseWithLength(b->p, b->len);
    if (!root) return 1;
    choices = cJSON_GetObjectItemCaseSensitive(root, "choices");
    msg = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(choices, 0), "message");
    content = cJSON_GetObjectItemCaseSensitive(msg, "content");
    ok = cJSON_IsArray(choices) && cJSON_IsString(content) && content->valuestring && content->valuestring[0];
    cJSON_Delete(root);
    return !ok;
}

static double bare_cpu_now(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static double bare_wall_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bare_run(int port, int n, double *cpu_s, double *wall_s, int *failures) {
    char url[64];
    CURL *h;
    struct curl_slist *headers, *more;
    bare_buf b = {NULL, 0, 0};
    long connects = 0, reconnects = 0;
    double cpu0, wall0, cpu1, wall1;
    int i, failed = 0, rc = 0;

    if (port <= 0 || port > 65535 || n < 0 || !cpu_s || !wall_s || !failures) return -1;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1/chat/completions", port);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return -1;
    h = curl_easy_init();
    if (!h) { curl_global_cleanup(); return -1; }
    headers = curl_slist_append(NULL, "Content-Type: application/json");
    more = headers ? curl_slist_append(headers, "Expect:") : NULL; /* "Expect:" removes it */
    if (!more) { rc = -1; goto done; }
    headers = more;

    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, BARE_BODY); /* a static string: not copied */
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)(sizeof BARE_BODY - 1));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, bare_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)&b);
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);

    for (i = 0; i < BARE_WARMUP; i++)
        if (bare_one(h, &b, &connects)) { rc = 1; goto done; }

    cpu0 = bare_cpu_now();
    wall0 = bare_wall_now();
    for (i = 0; i < n; i++) {
        failed += bare_one(h, &b, &connects);
        reconnects += connects;
    }
    wall1 = bare_wall_now();
    cpu1 = bare_cpu_now();

    *cpu_s = cpu1 - cpu0;
    *wall_s = wall1 - wall0;
    *failures = failed;
    if (reconnects)
        fprintf(stderr, "bare_run: %ld new connection(s) during the %d counted requests\n", reconnects, n);
done:
    curl_easy_cleanup(h);
    curl_slist_free_all(headers);
    free(b.p);
    curl_global_cleanup();
    return rc;
}

#endif
