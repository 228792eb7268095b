/* answer_matrix.c - the answer writers' output, for validate.mjs to check
   against the OpenAI spec: every recorded provider answer of
   tests/data/provider-samples (OpenAI, Anthropic, Gemini, OpenRouter)
   decoded and written back through llm_response_write_openai (a whole
   answer; streams too, as their accumulated response), or, with --chunks,
   every recorded stream replayed through llm_stream with each event written
   by llm_openai_chunk_write_event and the usage chunk by
   llm_openai_chunk_write_usage. One JSON value per line, as encode_matrix
   prints them:

       {"name":"openai/chat_completion_text.json","body":<chat.completion>}
       {"name":"anthropic/stream_tool_use.sse#3","body":<chat.completion.chunk>}

   then {"end":{"bodies":N,"refusals":0,"failures":N}}. A recording that
   cannot be decoded, or a writer that fails, counts as a failure (stderr).

       build/answer_matrix [--chunks] | node tests/schema/validate.mjs --spec answers|chunks

   Run from the repository root. */

#define LLM_IMPLEMENTATION
#include "../../llm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES "tests/data/provider-samples/"

typedef struct matrix {
    int bodies, failures;
    llm_json_writer line;
} matrix;

static void emit(matrix *m, const char *name, llm_json_writer *body) {
    const char *text;
    size_t len;
    if (llm_json_writer_finish(body, &text, &len) != LLM_OK) {
        fprintf(stderr, "%s: the writer's text is not complete\n", name);
        m->failures++;
        return;
    }
    llm_json_writer_reset(&m->line);
    llm_json_write_object_begin(&m->line);
    llm_json_write_key(&m->line, "name");
    llm_json_write_string(&m->line, name);
    llm_json_write_key(&m->line, "body");
    llm_json_write_raw(&m->line, text, len);
    llm_json_write_object_end(&m->line);
    if (llm_json_writer_finish(&m->line, &text, &len) != LLM_OK) {
        fprintf(stderr, "%s: the body is not strict JSON\n", name);
        m->failures++;
        return;
    }
    printf("%s\n", text);
    m->bodies++;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    *len = 0;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = (char *)malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/* A whole answer: the recording decoded, written back. */
static void whole(matrix *m, const char *format, const char *file) {
    char path[256];
    size_t len;
    char *body;
    llm_response resp;
    llm_json_writer w;
    llm_error err;
    bool stream = strstr(file, ".sse") != NULL;
    snprintf(path, sizeof path, SAMPLES "%s", file);
    if (!(body = read_file(path, &len))) {
        fprintf(stderr, "%s: cannot read it (run from the repository root)\n", path);
        m->failures++;
        return;
    }
    memset(&w, 0, sizeof w);
    if (llm_decode_recorded(format, 200, body, len, stream, &resp, &err) != LLM_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        m->failures++;
    } else {
        llm_response out = resp;
        if (!out.id) out.id = "chatcmpl-made-by-the-gateway"; /* Anthropic's and Gemini's streams name none */
        if (!out.model) out.model = "model";
        if (llm_response_write_openai(&out, &w, &err) != LLM_OK) {
            fprintf(stderr, "%s: llm_response_write_openai: %s\n", path, err.message);
            m->failures++;
        } else emit(m, file, &w);
    }
    llm_json_writer_free(&w);
    llm_response_free(&resp);
    free(body);
}

typedef struct chunks {
    matrix *m;
    const char *file;
    llm_openai_chunk_writer c;
    llm_json_writer w;
    int k;
} chunks;

static int on_event(void *user, const llm_event *e) {
    chunks *s = (chunks *)user;
    char name[300];
    bool wrote;
    llm_error err;
    llm_result r;
    llm_json_writer_reset(&s->w);
    r = llm_openai_chunk_write_event(&s->c, e, &s->w, &wrote, &err);
    if (r != LLM_OK && e->type != LLM_EVENT_ERROR) {
        fprintf(stderr, "%s: llm_openai_chunk_write_event: %s\n", s->file, err.message);
        s->m->failures++;
        return 1;
    }
    if (!wrote) return 0;
    snprintf(name, sizeof name, "%s#%d", s->file, s->k++);
    emit(s->m, name, &s->w);
    return 0;
}

/* A stream replayed through llm_stream: each event's chunk, then the usage
   chunk. A stream that ends with the provider's error still gives its
   chunks up to there. */
static void streamed(matrix *m, const char *format, const char *file) {
    char path[256], name[300];
    size_t len;
    char *body;
    llm_mock_exchange x;
    llm_mock mock;
    llm_client_desc d;
    llm_client client;
    llm_message hello;
    llm_request req;
    llm_response resp;
    llm_error err;
    chunks s;
    snprintf(path, sizeof path, SAMPLES "%s", file);
    if (!(body = read_file(path, &len))) {
        fprintf(stderr, "%s: cannot read it (run from the repository root)\n", path);
        m->failures++;
        return;
    }
    memset(&x, 0, sizeof x);
    x.status = 200;
    x.headers = "content-type: text/event-stream\n";
    x.body = body;
    x.body_len = len;
    memset(&mock, 0, sizeof mock);
    mock.exchanges = &x;
    mock.count = 1;
    memset(&d, 0, sizeof d);
    d.provider = format;
    d.api_key = "k";
    d.has_num_retries = true; /* one recorded answer: no retry */
    d.transport = llm_mock_transport(&mock);
    memset(&hello, 0, sizeof hello);
    hello.role = LLM_ROLE_USER;
    hello.content = "Hello";
    memset(&req, 0, sizeof req);
    req.model = "a-model";
    req.messages = &hello;
    req.message_count = 1;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.file = file;
    s.c.id = "chatcmpl-made-by-the-gateway";
    s.c.model = "a-model";
    s.c.created = 1727346178;
    memset(&resp, 0, sizeof resp);
    if (llm_client_init(&client, &d, &err) != LLM_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        m->failures++;
    } else {
        llm_stream(&client, &req, on_event, &s, &resp, &err);
        if (!s.k) fprintf(stderr, "%s: no chunk written\n", path), m->failures++;
        llm_json_writer_reset(&s.w);
        if (llm_openai_chunk_write_usage(&s.c, &resp.usage, &s.w, &err) != LLM_OK) {
            fprintf(stderr, "%s: llm_openai_chunk_write_usage: %s\n", path, err.message);
            m->failures++;
        } else {
            snprintf(name, sizeof name, "%s#usage", file);
            emit(m, name, &s.w);
        }
    }
    llm_json_writer_free(&s.w);
    llm_response_free(&resp);
    free(body);
}

static const char *const samples[][2] = {
    {"openai", "openai/chat_completion_text.json"},
    {"openai", "openai/chat_completion_parallel_tool_calls.json"},
    {"openai", "openai/chat_completion_refusal.json"},
    {"openai", "openai/chat_completion_finish_length.json"},
    {"openai", "openai/chat_completion_tool_args_not_json.json"},
    {"openai", "openai/chat_stream_finish_length.sse"},
    {"openai", "openai/chat_stream_logprobs.sse"},
    {"openai", "openai/chat_stream_multiple_choices.sse"},
    {"openai", "openai/chat_stream_parallel_tool_calls.sse"},
    {"openai", "openai/chat_stream_refusal.sse"},
    {"openai", "openai/chat_stream_text_usage.sse"},
    {"openai", "openai/chat_stream_tool_args_not_json.sse"},
    {"anthropic", "anthropic/message_text.json"},
    {"anthropic", "anthropic/message_tool_use.json"},
    {"anthropic", "anthropic/docs_stream_thinking.sse"},
    {"anthropic", "anthropic/docs_stream_tool_use.sse"},
    {"anthropic", "anthropic/stream_refusal.sse"},
    {"anthropic", "anthropic/stream_text_basic.sse"},
    {"anthropic", "anthropic/stream_thinking_signature_refusal.sse"},
    {"anthropic", "anthropic/stream_tool_use.sse"},
    {"anthropic", "anthropic/stream_tool_use_max_tokens_incomplete.sse"},
    {"gemini", "gemini/generate_content_text.json"},
    {"gemini", "gemini/generate_content_thinking_function_call.json"},
    {"gemini", "gemini/stream_text.sse"},
    {"gemini", "gemini/stream_thinking_function_call.sse"},
    {"openrouter", "openrouter/chat_completion_usage_cost.json"},
    {"openrouter", "openrouter/stream_processing_comments.sse"},
    {"openrouter", "openrouter/stream_text_usage.sse"},
};

int main(int argc, char **argv) {
    matrix m;
    size_t i;
    const char *text;
    size_t len;
    bool as_chunks = argc > 1 && strcmp(argv[1], "--chunks") == 0;
    memset(&m, 0, sizeof m);
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        if (!as_chunks) whole(&m, samples[i][0], samples[i][1]);
        else if (strstr(samples[i][1], ".sse")) streamed(&m, samples[i][0], samples[i][1]);
    }
    llm_json_writer_reset(&m.line);
    llm_json_write_object_begin(&m.line);
    llm_json_write_key(&m.line, "end");
    llm_json_write_object_begin(&m.line);
    llm_json_write_key(&m.line, "bodies");
    llm_json_write_int(&m.line, m.bodies);
    llm_json_write_key(&m.line, "refusals");
    llm_json_write_int(&m.line, 0);
    llm_json_write_key(&m.line, "failures");
    llm_json_write_int(&m.line, m.failures);
    llm_json_write_object_end(&m.line);
    llm_json_write_object_end(&m.line);
    if (llm_json_writer_finish(&m.line, &text, &len) == LLM_OK) printf("%s\n", text);
    llm_json_writer_free(&m.line);
    return m.failures ? 1 : 0;
}
