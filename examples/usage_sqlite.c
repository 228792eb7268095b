/* usage_sqlite.c - every call's usage in a SQLite database; costs computed
   when the report is made, from the price table of that moment.

       OPENAI_API_KEY=sk-... build/usage_sqlite usage.db
       build/usage_sqlite usage.db --report        (the report alone)

   The router's on_success callback records each answered call, streamed
   or not: who asked, the request id, the model group (the alias the
   program uses), the provider and model that answered, and the tokens.
   No cost is stored: the report prices the stored tokens through a SQL
   function, llm_cost(model, prompt, completion, cached), backed by llm.h's
   price table (LiteLLM's), so a price change (llm_costs_load_json, a newer
   table) applies to past calls too, and the tokens stay true. Built by
   `make` when it finds SQLite (Debian libsqlite3-dev):
   cc -std=c99 usage_sqlite.c -lcurl -lsqlite3 */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS llm_usage ("
    " id INTEGER PRIMARY KEY,"
    " user TEXT,"                      /* who the call was for (an end user, an organisation) */
    " request_id TEXT,"                /* the provider's request id, else the one sent */
    " model_alias TEXT NOT NULL,"      /* the group the program asked for */
    " provider TEXT NOT NULL,"
    " model TEXT NOT NULL,"            /* the deployment's model, as priced */
    " prompt_tokens INTEGER NOT NULL,"
    " completion_tokens INTEGER NOT NULL,"
    " cached_tokens INTEGER NOT NULL,"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))";

typedef struct recorder {
    sqlite3 *db;
    sqlite3_stmt *insert;
    const char *user;
    int failed;
} recorder;

/* The router's on_success: one row per answered call (an answer whose
   usage the server did not report is recorded with the library's estimate). */
static void record(void *user, const llm_router_attempt *a, const llm_response *resp, int64_t latency_ms,
                   double cost_usd) {
    recorder *r = (recorder *)user;
    const llm_usage *u = resp->usage.source == LLM_USAGE_REPORTED ? &resp->usage : &resp->usage_estimate;
    llm_provider const *p = llm_provider_for_model(a->model, NULL);
    (void)latency_ms, (void)cost_usd; /* the cost is the report's to compute */
    sqlite3_reset(r->insert);
    sqlite3_bind_text(r->insert, 1, r->user, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->insert, 2, resp->request_id ? resp->request_id : a->request_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(r->insert, 3, a->group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(r->insert, 4, p ? p->name : "unknown", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(r->insert, 5, a->model, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(r->insert, 6, u->prompt_tokens);
    sqlite3_bind_int64(r->insert, 7, u->completion_tokens);
    sqlite3_bind_int64(r->insert, 8, u->cached_tokens);
    if (sqlite3_step(r->insert) != SQLITE_DONE) r->failed = 1;
}

/* SQL: llm_cost(model, prompt, completion, cached) in dollars, from the
   price table now; NULL for a model the table does not know. */
static void sql_cost(sqlite3_context *ctx, int argc, sqlite3_value **v) {
    const llm_costs *prices = (const llm_costs *)sqlite3_user_data(ctx);
    llm_usage u;
    llm_cost_info cost;
    (void)argc;
    memset(&u, 0, sizeof u);
    u.prompt_tokens = sqlite3_value_int64(v[1]);
    u.completion_tokens = sqlite3_value_int64(v[2]);
    u.cached_tokens = sqlite3_value_int64(v[3]);
    u.total_tokens = u.prompt_tokens + u.completion_tokens;
    u.source = LLM_USAGE_REPORTED;
    if (llm_cost(prices, (const char *)sqlite3_value_text(v[0]), &u, &cost, NULL) == LLM_OK)
        sqlite3_result_double(ctx, cost.usd);
    else
        sqlite3_result_null(ctx);
}

/* The report: calls, tokens and cost per model alias. */
static int report(sqlite3 *db) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "SELECT model_alias, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
                           " SUM(llm_cost(model, prompt_tokens, completion_tokens, cached_tokens))"
                           " FROM llm_usage GROUP BY model_alias ORDER BY model_alias",
                           -1, &q, NULL) != SQLITE_OK)
        return 1;
    printf("%-8s %5s %8s %10s %12s\n", "alias", "calls", "prompt", "completion", "cost_usd");
    while (sqlite3_step(q) == SQLITE_ROW)
        printf("%-8s %5lld %8lld %10lld %12.8f\n", (const char *)sqlite3_column_text(q, 0),
               (long long)sqlite3_column_int64(q, 1), (long long)sqlite3_column_int64(q, 2),
               (long long)sqlite3_column_int64(q, 3), sqlite3_column_double(q, 4));
    return sqlite3_finalize(q) == SQLITE_OK ? 0 : 1;
}

static int on_event(void *user, const llm_event *ev) {
    (void)user, (void)ev;
    return 0;
}

/* Three calls for the user "alice": two to "fast", one streamed to "smart". */
static int make_calls(recorder *rec) {
    llm_deployment_desc deps[2];
    llm_router_desc desc;
    llm_router router;
    llm_curl curl;
    llm_message msg = {.role = LLM_ROLE_USER};
    llm_request req = {0};
    llm_response resp;
    llm_error err;
    static const char *const asks[3] = {"Hello.", "What is SQLite?", "Write a haiku about ledgers."};
    int i, status = 0;
    memset(deps, 0, sizeof deps);
    deps[0].group = "fast";
    deps[0].model = "openai/gpt-4o-mini";
    deps[1].group = "smart";
    deps[1].model = "openai/gpt-4o";
    for (i = 0; i < 2; i++) { /* OPENAI_BASE_URL, when set, points both elsewhere (a proxy, a test server) */
        deps[i].api_key = getenv("OPENAI_API_KEY");
        deps[i].base_url = getenv("OPENAI_BASE_URL");
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    memset(&desc, 0, sizeof desc);
    desc.deployments = deps;
    desc.deployment_count = 2;
    desc.transport = llm_curl_transport(&curl);
    desc.on_success = record;
    desc.callback_user = rec;
    if (llm_router_init(&router, &desc, &err) != LLM_OK) {
        fprintf(stderr, "usage_sqlite: %s\n", err.message);
        return 1;
    }
    req.messages = &msg;
    req.message_count = 1;
    for (i = 0; i < 3 && !status; i++) {
        llm_result r;
        msg.content = asks[i];
        req.model = i < 2 ? "fast" : "smart";
        r = i < 2 ? llm_router_complete(&router, &req, NULL, &resp, &err)
                  : llm_router_stream(&router, &req, NULL, on_event, NULL, &resp, &err);
        if (r != LLM_OK) {
            fprintf(stderr, "usage_sqlite: %s: %s\n", llm_result_str(err.code), err.message);
            status = 1;
        }
        llm_response_free(&resp);
    }
    llm_router_free(&router);
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status || rec->failed;
}

int main(int argc, char **argv) {
    recorder rec;
    int status = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: usage_sqlite FILE.db [--report]\n");
        return 2;
    }
    memset(&rec, 0, sizeof rec);
    rec.user = "alice";
    if (sqlite3_open(argv[1], &rec.db) != SQLITE_OK || sqlite3_exec(rec.db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(rec.db,
                           "INSERT INTO llm_usage (user, request_id, model_alias, provider, model, prompt_tokens,"
                           " completion_tokens, cached_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &rec.insert, NULL) != SQLITE_OK ||
        sqlite3_create_function(rec.db, "llm_cost", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_cost, NULL,
                                NULL) != SQLITE_OK) {
        fprintf(stderr, "usage_sqlite: %s: %s\n", argv[1], sqlite3_errmsg(rec.db));
        sqlite3_close(rec.db);
        return 1;
    }
    if (argc < 3 || strcmp(argv[2], "--report") != 0) status = make_calls(&rec);
    if (!status) status = report(rec.db);
    sqlite3_finalize(rec.insert);
    sqlite3_close(rec.db);
    return status;
}
