/* embed.c - which document answers a question: embeddings and cosine
   similarity.

       OPENAI_API_KEY=sk-... build/embed "How do I get my money back?"
       GEMINI_API_KEY=... build/embed -m gemini/gemini-embedding-001 "..."

   One llm_embed call turns the question and every document into vectors
   (one request: inputs are batched), in the inputs' order, as floats in
   the response's memory; the closest document by cosine similarity
   answers. The cost comes from the price table, as for chat.
   Build: cc -std=c99 embed.c -lcurl -lm */
#define LLM_IMPLEMENTATION
#include "../llm.h"
#define LLM_CURL_IMPLEMENTATION
#include "../llm_curl_adapter.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DOCS 3

static double cosine(const llm_embedding *a, const llm_embedding *b) {
    double dot = 0, na = 0, nb = 0;
    size_t i;
    for (i = 0; i < a->count && i < b->count; i++) {
        dot += (double)a->values[i] * b->values[i];
        na += (double)a->values[i] * a->values[i];
        nb += (double)b->values[i] * b->values[i];
    }
    return na > 0 && nb > 0 ? dot / (sqrt(na) * sqrt(nb)) : 0;
}

int main(int argc, char **argv) {
    const char *model = "text-embedding-3-small";
    const char *inputs[DOCS + 1] = {"How do I get my money back?",
                                    "Refunds are paid to the original card within five working days.",
                                    "Our office is open from nine to five, Monday to Friday.",
                                    "Passwords can be reset from the sign-in page."};
    llm_client_desc desc = {0};
    llm_target target;
    llm_curl curl;
    llm_client client;
    llm_embed_request req = {0};
    llm_embed_response resp;
    llm_error err;
    int i, best = 1, status = 1;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) model = argv[++i];
        else inputs[0] = argv[i];
    }
    if (llm_client_desc_from_env(&desc, model, &target, &err) != LLM_OK) {
        fprintf(stderr, "embed: %s\n", err.message);
        return 2;
    }
    if (!desc.api_key && !target.provider->keyless) {
        fprintf(stderr, "embed: no key for %s: set %s\n", target.provider->name, target.key_vars);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (llm_curl_init(&curl, NULL, &err) != LLM_OK) return 1;
    desc.transport = llm_curl_transport(&curl);
    if (llm_client_init(&client, &desc, &err) != LLM_OK) {
        fprintf(stderr, "embed: %s\n", err.message);
        return 2;
    }

    req.model = target.model;
    req.inputs = inputs;          /* the question first, then the documents */
    req.input_count = DOCS + 1;
    if (llm_embed(&client, &req, &resp, &err) != LLM_OK) {
        fprintf(stderr, "embed: %s: %s\n", llm_result_str(err.code), err.message);
    } else {
        for (i = 1; i <= DOCS; i++) {
            printf("%.3f  %s\n", cosine(&resp.embeddings[0], &resp.embeddings[i]), inputs[i]);
            if (cosine(&resp.embeddings[0], &resp.embeddings[i]) > cosine(&resp.embeddings[0], &resp.embeddings[best]))
                best = i;
        }
        printf("best match: %s\n", inputs[best]);
        printf("%zu vectors of %zu dimensions, %lld tokens", resp.count, resp.embeddings[0].count,
               (long long)resp.usage.prompt_tokens);
        if (resp.has_cost) printf(", $%.8f\n", resp.cost_usd);
        else printf(", cost unknown\n");
        llm_embed_response_free(&resp);
        status = 0;
    }
    llm_curl_free(&curl);
    curl_global_cleanup();
    return status;
}
