/* JSONTestSuite (nst/JSONTestSuite, test_parsing/): every y_ file must be
   accepted, every n_ file rejected, and every i_ file must give a verdict
   without a crash or a leak (the verdict is printed). The data folder is the
   first argument. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#include <dirent.h>

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/data/JSONTestSuite/test_parsing";
    char *names[1024];
    size_t count = 0, i;
    int passed = 0, failed = 0, accepted_i = 0, rejected_i = 0;
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) { fprintf(stderr, "cannot open %s\n", dir); return 2; }
    while ((e = readdir(d)) && count < 1024)
        if (strstr(e->d_name, ".json")) names[count++] = strdup(e->d_name);
    closedir(d);
    qsort(names, count, sizeof names[0], compare_names);
    memset(&stats, 0, sizeof stats);
    for (i = 0; i < count; i++) {
        char path[4096];
        size_t len = 0;
        char *text;
        llm_json_doc doc;
        llm_error err;
        llm_result r;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        text = test_read_file(path, &len);
        if (!text) { fprintf(stderr, "cannot read %s\n", path); failed++; continue; }
        memset(&doc, 0, sizeof doc);
        doc.alloc = alloc;
        r = llm_json_parse(&doc, text, len, &err);
        llm_json_doc_free(&doc);
        free(text);
        if (names[i][0] == 'i') {
            printf("%-60s %s\n", names[i], r == LLM_OK ? "accepted" : err.message);
            if (r == LLM_OK) accepted_i++; else rejected_i++;
            if (r == LLM_OK || r == LLM_ERR_PARSE || r == LLM_ERR_LIMIT_EXCEEDED) passed++; else failed++;
        } else if ((names[i][0] == 'y') == (r == LLM_OK)) {
            passed++;
        } else {
            fprintf(stderr, "FAIL %s: %s\n", names[i], r == LLM_OK ? "accepted" : err.message);
            failed++;
        }
        free(names[i]);
    }
    if (stats.live != 0 || stats.bad_sizes != 0) {
        fprintf(stderr, "FAIL: %ld allocations leaked, %ld freed with a wrong size\n", stats.live, stats.bad_sizes);
        failed++;
    }
    printf("i_ files: %d accepted, %d rejected\n", accepted_i, rejected_i);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
