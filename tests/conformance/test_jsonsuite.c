/* JSONTestSuite (nst/JSONTestSuite, test_parsing/): every y_ file must be
   accepted, every n_ file rejected, and every i_ file must give the verdict
   recorded in tests/data/jsonsuite_i_verdicts.txt (each follows a documented
   rule of the reader), without a crash or a leak. A listed file that is
   missing, an i_ file that is not listed, or a folder with no y_ or n_ file
   fails too. The on-demand reader, used as a validator (the value
   skipped, nothing after it), must give llm_json_parse's verdict on every
   file. Usage: test_jsonsuite [DATA_DIR [VERDICTS]]; each i_ verdict is
   printed. */
#define LLM_IMPLEMENTATION
#include "../../llm.h"
#include "../test.h"

#include <dirent.h>

#define MAX_FILES 1024

/* The on-demand reader as a validator: one value, then only white space. */
static int on_demand_valid(const char *text, size_t len) {
    llm__json_demand d;
    llm__json_demand_init(&d, text, len, NULL);
    return llm__json_demand_skip(&d) && llm__json_demand_end(&d);
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct verdict {
    char name[128];
    int accept;   /* 1 accept, 0 reject */
    int seen;
} verdict;

/* Reads "NAME accept|reject" lines ('#' comments, blank lines); returns the
   count, or -1 when the file cannot be read or a line is malformed. */
static int read_verdicts(const char *path, verdict *out, int max) {
    size_t len;
    char *text = test_read_file(path, &len), *line, *next;
    int n = 0;
    if (!text) { fprintf(stderr, "FAIL cannot read the i_ verdicts %s\n", path); return -1; }
    for (line = text; *line; line = next) {
        char name[128], word[16], extra[2];
        int fields;
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        else next = line + strlen(line);
        if (line[0] == '#' || line[strspn(line, " \t\r")] == '\0') continue;
        fields = sscanf(line, "%127s %15s %1s", name, word, extra);
        if (fields != 2 || (strcmp(word, "accept") != 0 && strcmp(word, "reject") != 0) || n == max) {
            fprintf(stderr, "FAIL %s: bad line \"%s\" (want NAME accept|reject)\n", path, line);
            free(text);
            return -1;
        }
        memcpy(out[n].name, name, sizeof name);
        out[n].accept = strcmp(word, "accept") == 0;
        out[n].seen = 0;
        n++;
    }
    free(text);
    return n;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/data/JSONTestSuite/test_parsing";
    const char *verdicts_path = argc > 2 ? argv[2] : "tests/data/jsonsuite_i_verdicts.txt";
    static verdict verdicts[MAX_FILES];
    char *names[MAX_FILES];
    size_t count = 0, i;
    int passed = 0, failed = 0, accepted_i = 0, rejected_i = 0, y = 0, n = 0, nv, k;
    test_alloc_stats stats;
    llm_allocator alloc = TEST_ALLOCATOR(&stats);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) { fprintf(stderr, "cannot open %s\n", dir); return 2; }
    if ((nv = read_verdicts(verdicts_path, verdicts, MAX_FILES)) < 0) { closedir(d); return 2; }
    while ((e = readdir(d)) && count < MAX_FILES)
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
        if (!text) { fprintf(stderr, "cannot read %s\n", path); failed++; free(names[i]); continue; }
        memset(&doc, 0, sizeof doc);
        doc.alloc = alloc;
        r = llm_json_parse(&doc, text, len, &err);
        llm_json_doc_free(&doc);
        if (on_demand_valid(text, len) != (r == LLM_OK)) {
            fprintf(stderr, "FAIL %s: the on-demand reader %s it, llm_json_parse %s\n", names[i],
                    r == LLM_OK ? "rejects" : "accepts", r == LLM_OK ? "accepts" : "rejects");
            failed++;
        }
        free(text);
        if (names[i][0] == 'i') {
            printf("%-60s %s\n", names[i], r == LLM_OK ? "accepted" : err.message);
            if (r == LLM_OK) accepted_i++; else rejected_i++;
            for (k = 0; k < nv && strcmp(verdicts[k].name, names[i]) != 0; k++) {}
            if (r != LLM_OK && r != LLM_ERR_PARSE && r != LLM_ERR_LIMIT_EXCEEDED) {
                fprintf(stderr, "FAIL %s: %s\n", names[i], llm_result_str(r));
                failed++;
            } else if (k == nv) {
                fprintf(stderr, "FAIL %s: no verdict in %s (it was %s)\n", names[i], verdicts_path, r == LLM_OK ? "accepted" : "rejected");
                failed++;
            } else {
                verdicts[k].seen = 1;
                if (verdicts[k].accept == (r == LLM_OK)) {
                    passed++;
                } else {
                    fprintf(stderr, "FAIL %s: %s, but %s says %s\n", names[i], r == LLM_OK ? "accepted" : err.message, verdicts_path,
                            verdicts[k].accept ? "accept" : "reject");
                    failed++;
                }
            }
        } else if (names[i][0] != 'y' && names[i][0] != 'n') {
            fprintf(stderr, "FAIL %s: neither y_, n_ nor i_\n", names[i]);
            failed++;
        } else if ((names[i][0] == 'y') == (r == LLM_OK)) {
            passed++;
            if (names[i][0] == 'y') y++; else n++;
        } else {
            fprintf(stderr, "FAIL %s: %s\n", names[i], r == LLM_OK ? "accepted" : err.message);
            failed++;
        }
        free(names[i]);
    }
    for (k = 0; k < nv; k++)
        if (!verdicts[k].seen) {
            fprintf(stderr, "FAIL %s is in %s but not in %s\n", verdicts[k].name, verdicts_path, dir);
            failed++;
        }
    if (y == 0 || n == 0) {
        fprintf(stderr, "FAIL %s: %d y_ and %d n_ files passed (is it JSONTestSuite's test_parsing?)\n", dir, y, n);
        failed++;
    }
    if (stats.live != 0 || stats.bad_sizes != 0) {
        fprintf(stderr, "FAIL: %ld allocations leaked, %ld freed with a wrong size\n", stats.live, stats.bad_sizes);
        failed++;
    }
    printf("y_ files: %d accepted; n_ files: %d rejected; i_ files: %d accepted, %d rejected, as %s says\n", y, n, accepted_i, rejected_i,
           verdicts_path);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
