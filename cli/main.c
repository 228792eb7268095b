/* llm - the llm.h command-line tool: one verb per job a user has when
   working with LLM APIs from a shell. `llm help` lists them.

   Exit codes: 0 success, 1 the input is invalid or the operation failed,
   2 usage error or unreadable input. `llm --help` and `llm VERB --help`
   print to stdout and exit 0. */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef LLM_CLI_YAML
#define CLI_YAML_NOTE "This build has it."
#else
#define CLI_YAML_NOTE "This build has not:\n  apt-get install libyaml-dev, then make."
#endif
#ifdef LLM_CLI_REDIS
#define CLI_REDIS_NOTE "Redis through hiredis: this build has it."
#else
#define CLI_REDIS_NOTE "Redis through hiredis: this build has not\n  (apt-get install libhiredis-dev, then make)."
#endif

typedef struct cli_verb {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage; /* what `llm VERB --help` prints */
} cli_verb;

static const cli_verb verbs[] = {
    {"chat", cli_chat,
     "usage: llm chat [-m MODEL] [--provider P] [--base-url URL] [--system S] [--max-tokens N] [--temperature T]\n"
     "                [--tool FILE]... [--image PATH|URL]... [--schema FILE] [--fallback M2,M3] [--router FILE]\n"
     "                [--store redis://HOST:PORT] [--max-wait-ms N]\n"
     "                [--request FILE] [-H 'Name: value']... [--timeout-ms N] [--first-token-timeout-ms N]\n"
     "                [--stall-timeout-ms N] [--reasoning] [--no-stream] [--json] [-v]\n"
     "                [--allow-plain-http] PROMPT|-\n"
     "  Sends one chat request and prints the answer as it arrives (stdout: the text, then one JSON line per\n"
     "  tool call; stderr: one line model=... provider=... prompt_tokens=... usage=reported|missing\n"
     "  cost_usd=...|unknown latency_ms=... attempts=..., the whole request's time and HTTP attempts).\n"
     "  Target: --provider P; else --base-url or LLM_BASE_URL (an OpenAI-compatible server given -m verbatim,\n"
     "  key LLM_API_KEY); else the model's provider/ prefix or bare name, with that provider's variables\n"
     "  (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...). Model: -m, else LLM_MODEL. --request FILE starts from an\n"
     "  OpenAI chat-completions body (as `llm request` reads); PROMPT then adds a user turn.\n"
     "  Deadlines (TIMEOUT, exit 1): --timeout-ms the whole call, streamed or not (default 600000);\n"
     "  --first-token-timeout-ms until the first text, --stall-timeout-ms between pieces (streams only).\n"
     "  Files: --image up to 20 MiB; --request, --tool, --schema and a prompt from stdin up to 8 MiB.\n"
     "  --reasoning shows reasoning text on stderr; --json prints the whole response as one JSON object;\n"
     "  --fallback M2,M3 routes with retries and those fallbacks. --router FILE routes -m GROUP through a\n"
     "  LiteLLM proxy config (model_list, router_settings; os.environ/NAME values from the environment):\n"
     "  FILE.json as it is, any other as YAML, read through libyaml. " CLI_YAML_NOTE "\n"
     "  --store redis://[:PASSWORD@]HOST:PORT[/DB] (or LLM_ROUTER_STORE, or the file's router_settings.redis_*)\n"
     "  shares the router's limits and cooldowns with every process on that Redis; a full shared limit fails\n"
     "  at once (RATE_LIMITED) unless --max-wait-ms N; an unavailable Redis is warned of and local limits\n"
     "  used. " CLI_REDIS_NOTE "\n"
     "  -v prints the router's decisions. A key goes over plain http:// only to loopback (127.0.0.0/8, [::1],\n"
     "  localhost) unless --allow-plain-http (warned of at every request).\n"
     "  Exit 0 answered, 1 the call failed, 2 usage error or no key.\n"},
    {"embed", cli_embed,
     "usage: llm embed [-m MODEL] [--provider P] [--base-url URL] [--dimensions N] [--base64] [--task-type T]\n"
     "                 [--timeout-ms N] [--allow-plain-http] TEXT|-...\n"
     "  A vector for each input from the target's embeddings endpoint (OpenAI and compatibles, Azure, Gemini):\n"
     "  stdout one JSON line per input, {\"index\":I,\"embedding\":[...]} (9 significant digits: the same\n"
     "  float32 back); stderr one line model=... provider=... prompt_tokens=... usage=reported|missing\n"
     "  cost_usd=...|unknown latency_ms=... attempts=.... Target and model as `llm chat` (-m, else LLM_MODEL).\n"
     "  --dimensions N asks for N-value vectors; --base64 has the server send them as base64 (OpenAI), read\n"
     "  the same; --task-type T is Gemini's taskType (RETRIEVAL_QUERY...). - reads one input from stdin.\n"
     "  Exit 0 answered, 1 the call failed, 2 usage error or no key.\n"},
    {"request", cli_request,
     "usage: llm request [-m MODEL] [--provider P] [--base-url URL] [--stream] [--allow-plain-http] [FILE|-]\n"
     "  Prints, as one JSON object {method, url, headers, body}, exactly what `llm chat` would send for an\n"
     "  OpenAI chat-completions request body (the key redacted; a key over http:// to a host that is not\n"
     "  loopback is refused, as `llm chat` refuses it, unless --allow-plain-http); for openai/responses/...\n"
     "  models (and those only the Responses API serves) the Responses API's request.\n"},
    {"replay", cli_replay,
     "usage: llm replay --provider P [--stream] [--status N] [FILE|-]\n"
     "  Decodes recorded answer bytes as provider P's wire format does and prints the result as JSON\n"
     "  (P openai-responses: OpenAI's Responses API).\n"},
    {"sse", cli_sse, "usage: llm sse [FILE|-]\n  Every event of a Server-Sent-Events stream as one JSON line {event, data, id}.\n"},
    {"json-validate", cli_json_validate,
     "usage: llm json-validate [FILE|-]\n  Silent, exit 0, for one strict JSON text; else \"offset N: reason\" on stderr, exit 1.\n"},
    {"tokens", cli_tokens,
     "usage: llm tokens [--encoding cl100k_base|o200k_base | --model M] [--vocab PATH] [--estimate] [--ids] [FILE|-]\n"
     "       llm tokens --request FILE [--model M] [--vocab PATH] [--estimate]\n"
     "       llm tokens --remote --request FILE [-m MODEL] [--provider P] [--base-url URL] [--timeout-ms N]\n"
     "  Exact token counts (tiktoken's) for OpenAI encodings; a model without one (Claude, Gemini, Llama...)\n"
     "  needs --estimate. Vocabularies: --vocab, else $LLM_TIKTOKEN_DIR, else the installed share/llm, else\n"
     "  the source tree's tests/data/tokens.\n"
     "  --remote: the provider's own count (Anthropic, Gemini), the target resolved as llm chat's.\n"},
    {"cost", cli_cost,
     "usage: llm cost --model M --prompt-tokens N [--completion-tokens N] [--cached-tokens N]\n"
     "                [--cache-creation-tokens N] [--cache-creation-1h-tokens N] [--reasoning-tokens N]\n"
     "                [--service-tier T] [--prices FILE] [--json]\n"
     "       llm cost --usage FILE [--model M] [--prices FILE] [--json]\n"
     "  The cost in USD from LiteLLM's price table (10 significant digits; --json: the exact double).\n"},
    {"info", cli_info, "usage: llm info MODEL [--prices FILE]\n  The model's prices, limits and capabilities, as JSON.\n"},
    {"models", cli_models_verb,
     "usage: llm models [--provider P] [--prices FILE]\n"
     "       llm models --remote [--provider P] [--base-url URL] [-m MODEL] [--json]\n"
     "  The price table's models: key, provider, mode per line. --remote: the models the server lists (every\n"
     "  page), one line each: id, provider, context, max_output, input $/Mtok, output $/Mtok (tab-separated, - when\n"
     "  unknown; the server's figures, else the price table's), or one JSON array with --json.\n"},
    {"health", cli_health,
     "usage: llm health [--provider P] [--base-url URL] [--wait SECONDS] [--timeout-ms N]\n"
     "  Whether the server takes requests: prints ready or loading (or the error on stderr); exit 0 only when\n"
     "  ready. --wait: asks again until ready or SECONDS have passed. A hosted API is asked for its models; any\n"
     "  other server is probed at its origin (a trailing /v1 removed): /health/readiness, /health, then\n"
     "  {base}/models.\n"},
};

enum { VERB_COUNT = sizeof verbs / sizeof verbs[0] };

int cli_unknown_option(const char *verb, const char *arg) {
    fprintf(stderr, "llm %s: unknown option %s, or it lacks its value (llm %s --help)\n", verb, arg, verb);
    return CLI_USAGE;
}

int cli_bad_number(const char *verb, const char *flag, const char *value) {
    fprintf(stderr, "llm %s: %s: not a valid number: \"%s\"\n", verb, flag, value ? value : "");
    return CLI_USAGE;
}

int cli_parse_count(const char *s, int64_t *out) {
    int64_t v = 0;
    if (!s || !*s) return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10) return 0;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return 1;
}

static const char *cli_getenv(void *user, const char *name) {
    (void)user;
    return getenv(name);
}

llm_result cli_resolve_target(const char *model, const char *provider, const char *base_url, llm_target *t, llm_error *err) {
    llm_target_desc td;
    memset(&td, 0, sizeof td);
    td.model = model;
    td.provider = provider;
    td.base_url = base_url;
    td.getenv = cli_getenv;
    td.proxy_mode = true;
    return llm_resolve_target(&td, t, err);
}

void cli_format_usd(double usd, char *out, size_t size) {
    int digits = 9; /* after the point: 10 significant digits for a figure of 1 to 10 */
    double m = usd < 0 ? -usd : usd;
    size_t n;
    for (; m > 0 && m < 1 && digits < 340; m *= 10) digits++;
    for (; m >= 10 && digits > 0; m /= 10) digits--;
    snprintf(out, size, "%.*f", digits, usd);
    n = strlen(out);
    if (!strchr(out, '.')) return;
    while (n > 0 && out[n - 1] == '0') out[--n] = '\0';
    if (n > 0 && out[n - 1] == '.') out[--n] = '\0';
}

static void list_verbs(FILE *to) {
    size_t i;
    fputs("usage: llm VERB [ARGS]   (llm VERB --help says more; llm --version)\n", to);
    for (i = 0; i < VERB_COUNT; i++) {
        const char *u = verbs[i].usage + strlen("usage: "), *end = strchr(u, '\n');
        fprintf(to, "  %.*s\n", (int)(end - u), u);
    }
}

static bool is_help(const char *arg) { return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0; }

int main(int argc, char **argv) {
    size_t i;
    int k;
    if (argc < 2) {
        list_verbs(stderr);
        return CLI_USAGE;
    }
    if (is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        for (i = 0; argc > 2 && i < VERB_COUNT && strcmp(argv[2], verbs[i].name) != 0; i++) {}
        if (argc > 2 && i < VERB_COUNT) fputs(verbs[i].usage, stdout);
        else list_verbs(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts(LLM_VERSION_STRING);
        return CLI_OK;
    }
    for (i = 0; i < VERB_COUNT; i++) {
        if (strcmp(argv[1], verbs[i].name) != 0) continue;
        for (k = 2; k < argc && strcmp(argv[k], "--") != 0; k++)
            if (is_help(argv[k])) {
                fputs(verbs[i].usage, stdout);
                return CLI_OK;
            }
        return verbs[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "llm: unknown verb \"%s\" (llm --help lists them)\n", argv[1]);
    return CLI_USAGE;
}
