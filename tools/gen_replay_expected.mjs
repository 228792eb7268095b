// Expected output of `llm replay --provider P [--stream] FILE` for every
// recorded OpenAI, OpenRouter, Azure OpenAI and Anthropic sample (P is the
// sample's directory, a preset; all but anthropic speak OpenAI's format):
// writes tests/data/replay/<provider>/<name>.json.
//
// What this is: a second implementation of llm.h's answer decoding, written in
// JavaScript by the same developers, not an outside oracle. Its SSE framing is
// from outside (the npm package eventsource-parser, through libraryParse in
// tools/gen_sse_events.mjs), and its accumulation shares no code with llm.h
// (another language, written from the rules below), so it catches slips in
// llm.h's C: a field read from the wrong place, a chunk lost, a wrong
// conversion. It cannot catch a wrong rule: where a rule is a choice, llm.h
// made the same one. So each rule is marked, beside it, with the passage of
// the providers' OpenAPI specifications that supports it ("Spec:";
// ../shared/data/: openai-openapi.yaml, anthropic-openapi.json,
// openrouter-openapi.yaml; by schema name), or of their documentation or
// OpenAI's SDK ("Docs:"), or as "Choice:" when none decides it. Every output
// was then checked by hand against the recorded bytes.
//
// Run:  npm ci --prefix tests/sse && tests/sse/node_modules/.bin/node tools/gen_replay_expected.mjs
//
// Output object (keys in this order, printed with 2-space indentation):
//   id, model, provider   the answer's own id and model, the preset (see identity below)
//   content, reasoning, refusal   strings, "" when none. Anthropic: text blocks and
//                                  thinking blocks each concatenated in order, no
//                                  separator, signatures excluded. OpenAI:
//                                  delta/message .content, .refusal, and
//                                  .reasoning_content + .reasoning as reasoning.
//       Spec: Anthropic Message.content is an array of blocks, ResponseTextBlock
//       {text}, ResponseThinkingBlock {thinking, signature}; OpenAI
//       ChatCompletionResponseMessage and ChatCompletionStreamResponseDelta have
//       content and refusal; OpenRouter ChatAssistantMessage.reasoning ("Reasoning
//       output") and ChatStreamDelta.reasoning ("Reasoning content delta").
//       Docs: reasoning_content is DeepSeek's ("Reasoning Model (deepseek-reasoner)",
//       api-docs.deepseek.com/guides/reasoning_model: "reasoning_content: The content
//       of the CoT, which is at the same level as content in the output structure").
//       Choice: no separator between blocks; signatures left out; "" for none (the
//       specs give null); reasoning_content and reasoning both read as reasoning.
//   tool_calls     [{id, name, arguments}] ("" for a missing id or name), and
//                  arguments_invalid: true when the arguments are not one JSON value.
//                  OpenAI stream: keyed by `index`, sorted by index; id and name
//                  from the first delta that has them; arguments concatenated.
//                  Anthropic: tool_use blocks in block order; arguments = the
//                  concatenated input_json_delta partial_json (stream) or
//                  JSON.stringify(input) (body, compact). "{}" when empty (both providers).
//       Spec: OpenAI ChatCompletionMessageToolCallChunk requires only `index`
//       (id, function.name, function.arguments optional) and arguments are a
//       string "in JSON format" that "the model does not always generate valid";
//       OpenRouter ChatStreamToolCall the same ("Tool call index in the array").
//       Anthropic ContentBlockStartEvent {index, content_block: ResponseToolUseBlock
//       {id, name, input: object}}, InputJsonContentBlockDelta {partial_json}.
//       Docs: OpenAI's own SDK combines the chunks so (openai-python,
//       src/openai/lib/streaming/_deltas.py, accumulate_delta: list entries are
//       merged by `index`, string fields concatenated), so a chunk's arguments
//       are appended to its index's.
//       Choice: that id and name come from the first delta with them (the SDK
//       would concatenate them too; servers send each once, in the call's first
//       delta, as every recorded sample does); the sort by index; "" for a
//       missing id or name;
//       JSON.stringify's compact text for a body's input; "{}" for empty
//       arguments (an empty string is no JSON value; "{}" is the empty input
//       object Anthropic's ResponseToolUseBlock.input would hold).
//       arguments_invalid: Spec: OpenAI ChatCompletionMessageToolCall.function.arguments,
//       "Note that the model does not always generate valid JSON, and may hallucinate
//       parameters not defined by your function schema. Validate the arguments in your
//       code before calling your function." Choice (llm.h #21): such arguments are kept
//       as they came, flagged, and the answer with them (no error), cut off by the
//       token limit or not, streamed or not.
//   finish_reason  normalised: stop | length | tool_calls | content_filter | error | other, or null
//   finish_reason_raw  the provider's word (the last non-null one seen), or null
//       (the mapping is FINISH below, each word with its spec passage)
//   usage          null when none, else {prompt_tokens, completion_tokens, total_tokens,
//                  cached_tokens, cache_creation_tokens, reasoning_tokens}
//       (the conversions are openaiUsage and anthropicUsage below, with their passages)
//   provider_cost_usd, upstream_cost_usd   only when the answer reports them
//       Spec: OpenRouter ChatUsage.cost "Cost of the completion", is_byok "Whether a
//       request was made using a Bring Your Own Key configuration", CostDetails
//       "Breakdown of upstream inference costs" (upstream_inference_cost); its Usage
//       Accounting guide: cost is "the total amount charged to your account",
//       upstream_inference_cost "the actual cost charged by the upstream AI provider".
//       Choice: provider_cost_usd = cost, plus upstream_inference_cost when is_byok is
//       true (the caller's own key is billed by the upstream provider); a negative or
//       non-number amount is absent; the last usage chunk's amounts win.
//   thinking_blocks  only when present: Anthropic's thinking blocks {type, thinking,
//       signature} and redacted_thinking blocks {type, data}, in block order, as LiteLLM
//       carries them. Spec: Anthropic ResponseThinkingBlock {thinking, signature},
//       ResponseRedactedThinkingBlock {data}; SignatureContentBlockDelta {signature}.
//       Choice: a block's text and signature are its deltas concatenated ("" when none).
//   content_filter, prompt_filter   only when present: Azure's annotations, as given
//       Docs (Azure OpenAI "Content filtering", see provider-samples/azure/SOURCES.md):
//       choices[].content_filter_results, and prompt_filter_results (prompt_annotations
//       in its older streams). Choice: in a stream, the last one of each wins.
//   error          {code} only when the call failed (the partial response is still there)
//       (the codes are llm.h's result names: Choice, see streamErrorCode and STATUS_CODE;
//       Choice: an OpenAI-format answer, body or stream, that names no choice at all is
//       LLM_ERR_PARSE, after an in-stream error and truncation)
//   cost_usd, latency_ms, attempts  LiteLLM's formula on the reported usage, null
//       without usage or without a price (see costOf below); 0; 1
// Only choice 0 is printed (Choice: the output format; the specs allow n > 1).
//
// Error precedence when several apply (Choice; no recorded sample has more
// than one): an in-stream error event first, then truncation (no `data: [DONE]` /
// no message_stop).
// Spec for truncation: OpenAI CreateChatCompletionRequest.stream, "with the
// stream terminated by a `data: [DONE]` message" (OpenRouter marks '[DONE]' as
// the SSE sentinel too); Anthropic's stream ends with MessageStopEvent. Choice:
// that a stream without that end is an error (the partial answer kept); a tool
// call's arguments that are not one JSON value are no error (arguments_invalid).
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT, PARSER_VERSION, libraryParse } from './gen_sse_events.mjs';
import { litellmCost } from './litellm_cost.mjs';

// The normalised words are llm.h's (llm_finish_reason): OpenAI's, which the
// other providers' words are mapped onto. Spec passages:
//   OpenAI CreateChatCompletionResponse.choices[].finish_reason, enum stop,
//   length, tool_calls, content_filter, function_call: "`stop` if the model hit
//   a natural stop point or a provided stop sequence, `length` if the maximum
//   number of tokens specified in the request was reached, `content_filter` if
//   content was omitted due to a flag from our content filters, `tool_calls` if
//   the model called a tool, or `function_call` (deprecated) if the model called
//   a function."
//   Anthropic Message.stop_reason (StopReason: end_turn, max_tokens,
//   stop_sequence, tool_use, pause_turn, refusal): "end_turn: the model reached a
//   natural stopping point", "max_tokens: we exceeded the requested max_tokens
//   or the model's maximum", "stop_sequence: one of your provided custom
//   stop_sequences was generated", "tool_use: the model invoked one or more
//   tools", "pause_turn: we paused a long-running turn", "refusal: when
//   streaming classifiers intervene to handle potential policy violations".
//   OpenRouter ChatFinishReasonEnum: tool_calls, stop, length, content_filter,
//   error, null.
//   Anthropic BetaStopReason adds model_context_window_exceeded and
//   compaction; its "Handling stop reasons" page: model_context_window_exceeded,
//   "Claude stopped because it reached the model's context window limit".
// (tests/unit/test_providers.c checks llm.h against the same table, every word
// through bodies and streams.)
const FINISH = {
  stop: 'stop', end_turn: 'stop',   // Spec: both "a natural stop point"
  stop_sequence: 'stop',            // Spec: OpenAI's stop covers "a provided stop sequence"
  length: 'length', max_tokens: 'length', // Spec: the requested maximum of tokens reached
  tool_calls: 'tool_calls', tool_use: 'tool_calls', // Spec: "called a tool" / "invoked one or more tools"
  function_call: 'tool_calls',      // Spec: "`function_call` (deprecated) if the model called a function"
  model_context_window_exceeded: 'length', // Docs: a limit on length reached, the context window's
  content_filter: 'content_filter', // Spec: OpenAI
  refusal: 'content_filter',        // Choice: Anthropic's classifiers "intervene to handle potential policy
                                    // violations", the nearest OpenAI word is content_filter
  error: 'error',                   // Spec: OpenRouter ChatFinishReasonEnum
};
// Choice: every other word (Anthropic's pause_turn, "we paused a long-running
// turn ... to let the model continue", neither finished nor cut; compaction; a
// server's own) is `other`, its raw word kept.
const normFinish = (raw) => (raw == null ? null : (FINISH[raw] ?? 'other'));

// HTTP status of the recorded error bodies (the files hold only the body; the
// statuses are those of the sources listed in ../shared/data/SOURCES.md).
const ERROR_BODY_STATUS = {
  'openai/error_invalid_api_key.json': 401, // invalid_api_key
  'openrouter/error_rate_limit.json': 429,  // {"error":{"code":429,...}}
  'anthropic/error_not_found.json': 404,    // not_found_error
  'azure/error_content_filter.json': 400,   // Azure's documented prompt-filter answer
};
// Choice: llm.h's result per status (README "Result codes": 401, 404, 429),
// and per error code where the code says more than the status: Azure's
// content_filter (a 400, "The response was filtered") is CONTENT_POLICY.
const STATUS_CODE = { 401: 'LLM_ERR_AUTHENTICATION', 404: 'LLM_ERR_NOT_FOUND', 429: 'LLM_ERR_RATE_LIMITED' };
const ERROR_CODE = { content_filter: 'LLM_ERR_CONTENT_POLICY' };

// The end marker, alone or followed by JSON whitespace (Azure's documented
// streams end in "data: [DONE] "). Choice: the OpenAI SDKs accept any data
// that starts with [DONE]; trailing whitespace only is accepted here.
const isDone = (data) => /^\[DONE\][ \t\r\n]*$/.test(data);

const num = (v) => (typeof v === 'number' ? v : 0);

// An error object that arrived inside a 200 stream.
// Spec: OpenRouter ChatStreamChunk.error {code (e.g. 429), message,
// metadata.error_type (ApiErrorType: rate_limit_exceeded, provider_overloaded,
// ...)}; Anthropic ErrorResponse {type: "error", error: {type}} with ErrorType
// overloaded_error, rate_limit_error, api_error... (the anthropic spec's
// MessageStreamEvent does not list an `error` event: that it arrives in the
// stream is from Anthropic's streaming documentation, not from this spec).
// Choice: the classification (llm.h's README: "An error inside a 200 stream is
// classified like an HTTP error whose status is its numeric code, or 500"):
// overloaded_error is UNAVAILABLE, code 429 or "rate limit" in its words is
// RATE_LIMITED, anything else SERVER.
function streamErrorCode(err, anthropic) {
  const e = err && typeof err === 'object' ? err : {};
  const type = e.type ?? '';
  if (anthropic && type === 'overloaded_error') return 'LLM_ERR_UNAVAILABLE';
  const words = [type, e.code, e.message, e.metadata?.error_type].filter((x) => x != null).join(' ');
  if (e.code === 429 || e.code === '429' || /rate[ _-]?limit/i.test(words)) return 'LLM_ERR_RATE_LIMITED';
  return 'LLM_ERR_SERVER';
}

function isOneJsonValue(s) {
  try { JSON.parse(s); return true; } catch { return false; }
}

function toolCall(id, name, args) {
  return isOneJsonValue(args) ? { id, name, arguments: args } : { id, name, arguments: args, arguments_invalid: true };
}

function finishResult(r) {
  const out = {
    content: r.content,
    reasoning: r.reasoning,
    refusal: r.refusal,
    tool_calls: r.tools.map((t) => toolCall(t.id ?? '', t.name ?? '', t.arguments === '' ? '{}' : t.arguments)),
    finish_reason: normFinish(r.finishRaw),
    finish_reason_raw: r.finishRaw,
    usage: r.usage,
    usage_source: r.usage ? 'reported' : 'missing',
  };
  const money = (v) => (typeof v === 'number' && v >= 0 && v < 1e9 ? v : null);
  const cost = money(r.cost?.cost), upstream = money(r.cost?.cost_details?.upstream_inference_cost);
  if (cost !== null) out.provider_cost_usd = cost + (r.cost.is_byok === true && upstream !== null ? upstream : 0);
  if (upstream !== null) out.upstream_cost_usd = upstream;
  if (r.thinkingBlocks.length) out.thinking_blocks = r.thinkingBlocks;
  if (r.contentFilter !== undefined) out.content_filter = r.contentFilter;
  if (r.promptFilter !== undefined) out.prompt_filter = r.promptFilter;
  const code = r.streamError ?? (r.truncated ? 'LLM_ERR_TRUNCATED' : r.noChoice ? 'LLM_ERR_PARSE' : null);
  if (code) out.error = { code };
  return out;
}

const fresh = () => ({ content: '', reasoning: '', refusal: '', tools: [], finishRaw: null, usage: null, rawUsage: null, streamError: null, truncated: false,
  cost: null, contentFilter: undefined, promptFilter: undefined, noChoice: false, thinkingBlocks: [] });
const promptFilterOf = (o) => (o.prompt_filter_results !== undefined ? o.prompt_filter_results : o.prompt_annotations);

// ---- OpenAI-compatible ----
// Spec: OpenAI CompletionUsage {prompt_tokens, completion_tokens, total_tokens
// "(prompt + completion)", prompt_tokens_details.cached_tokens "Cached tokens
// present in the prompt", prompt_tokens_details.cache_write_tokens,
// completion_tokens_details.reasoning_tokens "Tokens generated by the model for
// reasoning"}; OpenRouter ChatUsage the same names (cache_write_tokens "Tokens
// written to cache"). Choice: a missing count is 0, a missing total is
// prompt + completion (the spec's definition); Groq's x_groq.usage, which no
// spec or documentation read here has, read as usage too.
function openaiUsage(u) {
  const p = num(u.prompt_tokens), c = num(u.completion_tokens);
  return {
    prompt_tokens: p,
    completion_tokens: c,
    total_tokens: typeof u.total_tokens === 'number' ? u.total_tokens : p + c,
    cached_tokens: num(u.prompt_tokens_details?.cached_tokens),
    cache_creation_tokens: num(u.prompt_tokens_details?.cache_write_tokens),
    reasoning_tokens: num(u.completion_tokens_details?.reasoning_tokens),
  };
}

// A later usage chunk's counts over an earlier one's: only the counts it carries; its total, when it
// has none but carries the prompt or completion count, is recomputed (openaiUsage) from the merged ones.
function mergeOpenaiUsage(prev, u) {
  const isNum = (v) => typeof v === 'number';
  const out = { ...(prev ?? {}) };
  for (const k of ['prompt_tokens', 'completion_tokens', 'total_tokens']) if (isNum(u[k])) out[k] = u[k];
  if (!isNum(u.total_tokens) && (isNum(u.prompt_tokens) || isNum(u.completion_tokens))) delete out.total_tokens;
  for (const d of ['prompt_tokens_details', 'completion_tokens_details']) {
    const src = u[d] && typeof u[d] === 'object' ? u[d] : {};
    const merged = { ...(out[d] ?? {}) };
    for (const [k, v] of Object.entries(src)) if (isNum(v)) merged[k] = v;
    out[d] = merged;
  }
  return out;
}

function openaiAddText(r, m) {
  if (typeof m.content === 'string') r.content += m.content;
  if (typeof m.refusal === 'string') r.refusal += m.refusal;
  if (typeof m.reasoning_content === 'string') r.reasoning += m.reasoning_content;
  if (typeof m.reasoning === 'string') r.reasoning += m.reasoning;
}

export function openaiStream(events) {
  const r = fresh();
  const byIndex = new Map();
  let done = false, sawChoice = false;
  for (const ev of events) {
    if (done) break; // nothing after [DONE] counts (Choice: the spec ends the stream there)
    if (isDone(ev.data)) { done = true; continue; }
    const chunk = JSON.parse(ev.data);
    if (chunk.error != null && r.streamError == null) r.streamError = streamErrorCode(chunk.error, false);
    if (promptFilterOf(chunk) !== undefined) r.promptFilter = promptFilterOf(chunk);
    for (const ch of Array.isArray(chunk.choices) ? chunk.choices : []) {
      sawChoice = true;
      if ((ch.index ?? 0) !== 0) continue; // Choice: only choice 0 is printed
      const d = ch.delta ?? {};
      openaiAddText(r, d);
      for (const tc of Array.isArray(d.tool_calls) ? d.tool_calls : []) {
        const k = tc.index ?? 0;
        if (!byIndex.has(k)) byIndex.set(k, { index: k, id: null, name: null, arguments: '' });
        const t = byIndex.get(k);
        if (t.id == null && typeof tc.id === 'string' && tc.id !== '') t.id = tc.id;
        if (t.name == null && typeof tc.function?.name === 'string' && tc.function.name !== '') t.name = tc.function.name;
        if (typeof tc.function?.arguments === 'string') t.arguments += tc.function.arguments;
      }
      if (ch.content_filter_results !== undefined) r.contentFilter = ch.content_filter_results;
      if (ch.finish_reason != null) r.finishRaw = ch.finish_reason; // Choice: the last non-null word
    }
    // Spec: ChatCompletionStreamOptions.include_usage, "an additional chunk ... The `usage` field on
    // this chunk shows the token usage statistics for the entire request" (other chunks' usage is null)
    // Choice: usage is read from any chunk, with choices or without (OpenRouter sends it beside a
    // non-empty choices array, after finish_reason); several usage chunks are merged count by count, a
    // later chunk overriding only the counts it carries (a totals-only chunk keeps the earlier details).
    const u = chunk.usage && typeof chunk.usage === 'object' ? chunk.usage
      : chunk.x_groq?.usage && typeof chunk.x_groq.usage === 'object' ? chunk.x_groq.usage : null;
    if (u) { r.rawUsage = mergeOpenaiUsage(r.rawUsage, u); r.usage = openaiUsage(r.rawUsage); }
    if (chunk.usage && typeof chunk.usage === 'object') r.cost = chunk.usage;
  }
  r.tools = [...byIndex.values()].sort((a, b) => a.index - b.index);
  r.truncated = !done;
  r.noChoice = !sawChoice;
  return finishResult(r);
}

export function openaiBody(body) {
  const r = fresh();
  const ch = (body.choices ?? []).find((c) => (c.index ?? 0) === 0);
  r.noChoice = !(body.choices ?? []).length;
  if (ch) {
    const m = ch.message ?? {};
    openaiAddText(r, m);
    r.tools = (m.tool_calls ?? []).map((t) => ({ id: t.id, name: t.function?.name, arguments: t.function?.arguments ?? '' }));
    r.finishRaw = ch.finish_reason ?? null;
    if (ch.content_filter_results !== undefined) r.contentFilter = ch.content_filter_results;
  }
  if (promptFilterOf(body) !== undefined) r.promptFilter = promptFilterOf(body);
  if (body.usage) { r.usage = openaiUsage(body.usage); r.cost = body.usage; }
  return finishResult(r);
}

// ---- Anthropic ----
// Spec: Anthropic Message.usage: "Total input tokens in a request is the
// summation of `input_tokens`, `cache_creation_input_tokens`, and
// `cache_read_input_tokens`" (its prompt-caching page, "Tracking cache
// performance": "total_input_tokens = cache_read_input_tokens +
// cache_creation_input_tokens + input_tokens"), so prompt_tokens is that sum, in OpenAI's
// convention (its prompt_tokens includes cached_tokens); cached_tokens =
// cache_read_input_tokens ("read from the cache"), cache_creation_tokens =
// cache_creation_input_tokens ("used to create the cache entry").
// Choice: reasoning_tokens 0 (Usage has no thinking count; thinking is in
// output_tokens); the TTL breakdown (Usage.cache_creation) is not printed
// (tests/unit/test_anthropic.c checks llm.h's reading of it against the
// prompt-caching page's example).
function anthropicUsage(u) {
  const prompt = num(u.input_tokens) + num(u.cache_read_input_tokens) + num(u.cache_creation_input_tokens);
  const completion = num(u.output_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cached_tokens: num(u.cache_read_input_tokens),
    cache_creation_tokens: num(u.cache_creation_input_tokens),
    reasoning_tokens: 0,
  };
}
// Spec: MessageDeltaUsage's counts are "cumulative", so a message_delta's value
// replaces message_start's; a field it leaves out keeps message_start's value
// (Choice: the spec gives those fields null defaults, which say nothing).
const USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'];

export function anthropicStream(events) {
  const r = fresh();
  const blocks = new Map(); // index -> tool entry (tool_use blocks only)
  const thinking = new Map(); // index -> thinking block
  let u = null; // the last value seen of each usage field
  let stopped = false;
  const takeUsage = (x) => {
    if (!x || typeof x !== 'object') return;
    u = u ?? {};
    for (const f of USAGE_FIELDS) if (typeof x[f] === 'number') u[f] = x[f];
  };
  for (const ev of events) {
    if (stopped) break;
    const msg = JSON.parse(ev.data);
    const type = msg.type ?? ev.event;
    switch (type) {
      case 'message_start': takeUsage(msg.message?.usage); break;
      case 'content_block_start': {
        const cb = msg.content_block ?? {};
        if (cb.type === 'text' && typeof cb.text === 'string') r.content += cb.text;
        else if (cb.type === 'thinking') {
          if (typeof cb.thinking === 'string') r.reasoning += cb.thinking;
          const t = { type: 'thinking', thinking: typeof cb.thinking === 'string' ? cb.thinking : '', signature: typeof cb.signature === 'string' ? cb.signature : '' };
          r.thinkingBlocks.push(t);
          thinking.set(msg.index, t);
        } else if (cb.type === 'redacted_thinking') {
          r.thinkingBlocks.push({ type: 'redacted_thinking', data: typeof cb.data === 'string' ? cb.data : '' });
        } else if (cb.type === 'tool_use') {
          const t = { id: cb.id, name: cb.name, arguments: '' };
          r.tools.push(t);
          blocks.set(msg.index, t);
        }
        break;
      }
      case 'content_block_delta': {
        const d = msg.delta ?? {};
        if (d.type === 'text_delta') r.content += d.text ?? '';
        else if (d.type === 'thinking_delta') {
          r.reasoning += d.thinking ?? '';
          if (thinking.has(msg.index)) thinking.get(msg.index).thinking += d.thinking ?? '';
        } else if (d.type === 'signature_delta' && thinking.has(msg.index)) thinking.get(msg.index).signature += d.signature ?? '';
        else if (d.type === 'input_json_delta' && blocks.has(msg.index)) blocks.get(msg.index).arguments += d.partial_json ?? '';
        // citations_delta: not printed
        break;
      }
      case 'message_delta':
        if (msg.delta?.stop_reason != null) r.finishRaw = msg.delta.stop_reason;
        takeUsage(msg.usage);
        break;
      case 'message_stop': stopped = true; break; // Choice: nothing after message_stop counts
      case 'error': if (r.streamError == null) r.streamError = streamErrorCode(msg.error, true); break;
      default: break; // ping, content_block_stop, unknown events
    }
  }
  if (u) r.usage = anthropicUsage(u);
  r.truncated = !stopped;
  return finishResult(r);
}

export function anthropicBody(body) {
  const r = fresh();
  for (const b of body.content ?? []) {
    if (b.type === 'text') r.content += b.text ?? '';
    else if (b.type === 'thinking') {
      r.reasoning += b.thinking ?? '';
      r.thinkingBlocks.push({ type: 'thinking', thinking: b.thinking ?? '', signature: b.signature ?? '' });
    } else if (b.type === 'redacted_thinking') r.thinkingBlocks.push({ type: 'redacted_thinking', data: b.data ?? '' });
    else if (b.type === 'tool_use') r.tools.push({ id: b.id, name: b.name, arguments: b.input === undefined ? '' : JSON.stringify(b.input) });
  }
  r.finishRaw = body.stop_reason ?? null;
  if (body.usage) r.usage = anthropicUsage(body.usage);
  return finishResult(r);
}

function errorBody(key) {
  const status = ERROR_BODY_STATUS[key];
  if (!status) throw new Error(`no HTTP status recorded for ${key}: add it to ERROR_BODY_STATUS`);
  const r = fresh();
  const body = JSON.parse(readFileSync(join(ROOT, 'tests/data/provider-samples', key), 'utf8'));
  r.streamError = ERROR_CODE[body?.error?.code] ?? STATUS_CODE[status];
  return finishResult(r);
}

// ---- self-checks of the rules on small made-up inputs (not written anywhere) ----
function selfCheck() {
  const sse = (s) => libraryParse(new TextEncoder().encode(s)).events;
  const oa = (...chunks) => sse(chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join(''));
  const tc = (index, extra) => ({ choices: [{ index: 0, delta: { tool_calls: [{ index, ...extra }] }, finish_reason: null }] });
  // two objects glued in one call -> kept, flagged, no error; order by index; id/name from the first delta that has them
  let o = openaiStream(oa(tc(1, { id: 'b', function: { name: 'g', arguments: '{}' } }), tc(0, { id: 'a', function: { name: 'f', arguments: '{"x":1}' } }),
    tc(0, { function: { arguments: '{"y":2}' } }), { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }, '[DONE]'));
  assert.deepEqual(o.tool_calls, [{ id: 'a', name: 'f', arguments: '{"x":1}{"y":2}', arguments_invalid: true }, { id: 'b', name: 'g', arguments: '{}' }]);
  assert.equal(o.error, undefined);
  // a small model's single quotes, in a body -> kept, flagged, no error
  o = openaiBody({ choices: [{ index: 0, message: { content: 'x', tool_calls: [{ id: 'a', function: { name: 'f', arguments: "{'x': 1}" } }] }, finish_reason: 'tool_calls' }] });
  assert.deepEqual([o.content, o.tool_calls, o.error], ['x', [{ id: 'a', name: 'f', arguments: "{'x': 1}", arguments_invalid: true }], undefined]);
  // cut by finish length -> no error either (flagged: not one JSON value)
  o = openaiStream(oa(tc(0, { id: 'a', function: { name: 'f', arguments: '{"x":' } }), { choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }, '[DONE]'));
  assert.equal(o.error, undefined); assert.equal(o.finish_reason, 'length'); assert.equal(o.tool_calls[0].arguments_invalid, true);
  // no [DONE] -> TRUNCATED, partial kept; choice 1 ignored; function_call is a tool call, an unknown word other
  o = openaiStream(oa({ choices: [{ index: 1, delta: { content: 'B' } }, { index: 0, delta: { content: 'A', reasoning_content: 'r1', reasoning: 'r2' }, finish_reason: 'function_call' }] }));
  assert.deepEqual([o.content, o.reasoning, o.finish_reason, o.finish_reason_raw, o.error.code], ['A', 'r1r2', 'tool_calls', 'function_call', 'LLM_ERR_TRUNCATED']);
  o = openaiBody({ choices: [{ index: 0, message: { content: 'x' }, finish_reason: 'a_servers_own' }] });
  assert.deepEqual([o.finish_reason, o.finish_reason_raw], ['other', 'a_servers_own']);
  // Groq usage, cache fields
  o = openaiStream(oa({ choices: [], x_groq: { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, prompt_tokens_details: { cached_tokens: 1, cache_write_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 5 } } } }, '[DONE]'));
  assert.deepEqual(o.usage, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, cached_tokens: 1, cache_creation_tokens: 2, reasoning_tokens: 5 });
  // two usage chunks, the second totals-only (one with choices): the cached count survives; no usage: missing
  o = openaiStream(oa({ choices: [], usage: { prompt_tokens: 14, completion_tokens: 30, total_tokens: 44, prompt_tokens_details: { cached_tokens: 6 } } },
    { choices: [{ index: 0, delta: { content: '' }, finish_reason: null }], usage: { prompt_tokens: 14, completion_tokens: 31 } }, '[DONE]'));
  assert.deepEqual([o.usage, o.usage_source], [{ prompt_tokens: 14, completion_tokens: 31, total_tokens: 45, cached_tokens: 6, cache_creation_tokens: 0, reasoning_tokens: 0 }, 'reported']);
  o = openaiStream(oa({ choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }] }, '[DONE]'));
  assert.deepEqual([o.usage, o.usage_source], [null, 'missing']);
  // in-stream rate limit named only in the message
  o = openaiStream(oa({ error: { message: 'Rate limit reached for requests', type: 'requests' } }));
  assert.equal(o.error.code, 'LLM_ERR_RATE_LIMITED');
  // Anthropic: message_delta usage updates message_start's, missing fields kept; glued JSON with end_turn -> flagged, no error
  const an = (...evs) => sse(evs.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
  o = anthropicStream(an({ type: 'message_start', message: { usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 2, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'n', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}{}' } },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9, input_tokens: 11 } }, { type: 'message_stop' }));
  assert.deepEqual(o.usage, { prompt_tokens: 18, completion_tokens: 9, total_tokens: 27, cached_tokens: 5, cache_creation_tokens: 2, reasoning_tokens: 0 });
  assert.deepEqual([o.tool_calls[0].arguments_invalid, o.error], [true, undefined]);
  // Anthropic: empty tool input -> "{}"; no message_stop -> TRUNCATED; rate_limit_error -> RATE_LIMITED
  o = anthropicStream(an({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'n', input: {} } }));
  assert.deepEqual([o.tool_calls[0].arguments, o.error.code], ['{}', 'LLM_ERR_TRUNCATED']);
  o = anthropicStream(an({ type: 'error', error: { type: 'rate_limit_error', message: 'x' } }));
  assert.equal(o.error.code, 'LLM_ERR_RATE_LIMITED');
  o = anthropicStream(an({ type: 'error', error: { type: 'api_error', message: 'x' } }));
  assert.equal(o.error.code, 'LLM_ERR_SERVER');
  // OpenRouter costs: credit-billed (upstream already in cost), BYOK (both), and the usage guide's shape
  o = openaiStream(oa({ choices: [], usage: { cost: 9e-06, is_byok: false, cost_details: { upstream_inference_cost: 9e-06 } } }, '[DONE]'));
  assert.deepEqual([o.provider_cost_usd, o.upstream_cost_usd], [9e-06, 9e-06]);
  o = openaiBody({ choices: [], usage: { cost: 0.0003, is_byok: true, cost_details: { upstream_inference_cost: 0.006 } } });
  assert.deepEqual([o.provider_cost_usd, o.upstream_cost_usd], [0.0063, 0.006]);
  o = openaiBody({ choices: [], usage: { cost: -1, cost_details: { upstream_inference_cost: null } } });
  assert.deepEqual(['provider_cost_usd' in o, 'upstream_cost_usd' in o], [false, false]);
  // [DONE] with trailing whitespace ends the stream; with anything else it is not the marker
  o = openaiStream(oa({ choices: [{ index: 0, delta: { content: 'A' }, finish_reason: 'stop' }] }, '[DONE] \t'));
  assert.equal(o.error, undefined);
  assert.throws(() => openaiStream(oa('[DONE]x')));
  // Azure annotations: the last of each kind wins
  o = openaiStream(oa({ prompt_annotations: [1], choices: [] }, { prompt_filter_results: [2], choices: [{ index: 0, content_filter_results: { a: 1 } }] },
    { choices: [{ index: 0, content_filter_results: { b: 2 }, finish_reason: 'content_filter' }] }, '[DONE]'));
  assert.deepEqual([o.prompt_filter, o.content_filter, o.finish_reason], [[2], { b: 2 }, 'content_filter']);
}

// ---- id, model, provider, cost_usd, latency_ms, attempts (the shape `llm chat --json` prints too) ----
// id and model: the answer's own. Spec: OpenAI CreateChatCompletionResponse
// and CreateChatCompletionStreamResponse `id` ("A unique identifier for the
// chat completion. Each chunk has the same ID.") and `model`; Anthropic
// Message `id` and `model` (a stream's in message_start.message). Choice:
// in an OpenAI-format stream the first non-empty value of each (Azure's
// first chunk, its prompt filter results, has them empty); "" for none.
function identity(anthropic, bytes, isStream) {
  const out = { id: '', model: '' };
  const take = (o) => {
    if (!out.id && typeof o?.id === 'string') out.id = o.id;
    if (!out.model && typeof o?.model === 'string') out.model = o.model;
  };
  if (!isStream) {
    take(JSON.parse(new TextDecoder().decode(bytes)));
    return out;
  }
  for (const ev of libraryParse(bytes).events) {
    let msg;
    try { msg = JSON.parse(ev.data); } catch { continue; } // [DONE], or a malformed event
    if (anthropic && (msg.type ?? ev.event) === 'message_start') take(msg.message);
    else if (!anthropic) take(msg);
  }
  return out;
}

// cost_usd: LiteLLM's formula on the usage printed (tools/litellm_cost.mjs),
// the model's entry found as LiteLLM's get_model_info finds it: the key
// "<litellm provider>/<model>", else the model itself. Choice: null without
// usage or without an entry (no price known: unknown, which 0 would hide);
// the recorded samples have no 1-hour cache writes. latency_ms: 0, recorded
// bytes take no time. attempts: 1, the one recorded exchange (a failed one
// too).
const PRICES = JSON.parse(readFileSync(join(ROOT, 'tools/data/model_prices_and_context_window.json'), 'utf8'));
const LITELLM_PROVIDER = { openai: 'openai', openrouter: 'openrouter', azure: 'azure', anthropic: 'anthropic' };
function costOf(provider, model, usage) {
  const entry = PRICES[`${LITELLM_PROVIDER[provider]}/${model}`] ?? PRICES[model];
  if (!usage || !model || !entry) return null;
  return litellmCost(entry, { prompt: usage.prompt_tokens, completion: usage.completion_tokens, cached: usage.cached_tokens,
                              write5m: usage.cache_creation_tokens, write1h: 0, reasoning: usage.reasoning_tokens });
}

function withIdentity(out, provider, bytes, isStream, isError) {
  const who = isError ? { id: '', model: '' } : identity(provider === 'anthropic', bytes, isStream);
  return { id: who.id, model: who.model, provider, ...out, cost_usd: costOf(provider, who.model, out.usage), latency_ms: 0,
           attempts: 1 };
}

function main() {
  selfCheck();
  const src = join(ROOT, 'tests/data/provider-samples');
  const dst = join(ROOT, 'tests/data/replay');
  console.log(`node ${process.version}, eventsource-parser ${PARSER_VERSION}`);
  let n = 0;
  for (const dir of ['openai', 'openrouter', 'azure', 'anthropic']) {
    const provider = dir; // the directory is named after its preset
    mkdirSync(join(dst, dir), { recursive: true });
    for (const f of readdirSync(join(src, dir)).sort()) {
      const bytes = new Uint8Array(readFileSync(join(src, dir, f)));
      const key = `${dir}/${f}`;
      let out, cmd;
      if (f.endsWith('.sse')) {
        const { events } = libraryParse(bytes);
        out = withIdentity(provider === 'anthropic' ? anthropicStream(events) : openaiStream(events), provider, bytes, true, false);
        cmd = `llm replay --provider ${provider} --stream ${key}`;
      } else if (f.endsWith('.json')) {
        const body = JSON.parse(new TextDecoder().decode(bytes));
        if (f.startsWith('error_')) out = withIdentity(errorBody(key), provider, bytes, false, true);
        else out = withIdentity(provider === 'anthropic' ? anthropicBody(body) : openaiBody(body), provider, bytes, false, false);
        cmd = `llm replay --provider ${provider} ${key}`;
      } else continue;
      writeFileSync(join(dst, dir, basename(f).replace(/\.(sse|json)$/, '.json')), JSON.stringify(out, null, 2) + '\n');
      console.log(`${cmd}: finish ${out.finish_reason}${out.error ? ', error ' + out.error.code : ''}`);
      n++;
    }
  }
  console.log(`${n} expected replay outputs written`);
}

main();
