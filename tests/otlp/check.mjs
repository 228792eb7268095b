// check-otlp's verdict on what the collector stand-in logged.
//   node check.mjs LOG genai    every request valid, one /v1/traces and one /v1/metrics, carrying the span tree
//                               and the GenAI attributes and histograms otlp_send.c fed (expected values: the
//                               GenAI semantic conventions); then each mutation below of the received payloads
//                               must be refused by the validator (so it cannot pass everything)
//   node check.mjs LOG planted  some request refused (a fault planted in a copy of llm_otlp.h)
//   node check.mjs LOG cli      every request valid, llm chat's span and duration histogram among them
//   node check.mjs LOG cli-routed  every request valid, llm chat --fallback's routed span with its attempts under it
import fs from 'node:fs';
import { validate } from './otlp_json.mjs';

const [logFile, mode] = process.argv.slice(2);
const entries = fs.existsSync(logFile)
  ? fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
let failures = 0;
const fail = (msg) => { console.log(`FAIL ${msg}`); failures++; };

if (mode === 'planted') {
  const refused = entries.filter((e) => !e.ok);
  if (!refused.length) fail(`the planted fault passed the validator (${entries.length} requests, all accepted)`);
  else console.log(`planted fault caught: ${refused[0].path}: ${refused[0].errors[0]}`);
  process.exit(failures ? 1 : 0);
}

if (mode === 'cli') {
  // one `llm chat -m gpt-4o-mini Hi` against the mock server: its documented usage is 1 prompt token ("Hi": 2 bytes
  // / 4 + 1) and 8 completion tokens (one per word of "Hello from the mock server. You said: Hi")
  for (const e of entries) if (!e.ok) fail(`${e.path} refused: ${e.errors.join('; ')}`);
  const t = entries.find((e) => e.path === '/v1/traces');
  const m = entries.find((e) => e.path === '/v1/metrics');
  if (!t) fail(`no /v1/traces request (${entries.map((e) => e.path).join(', ') || 'none'})`);
  if (!m) fail(`no /v1/metrics request (${entries.map((e) => e.path).join(', ') || 'none'})`);
  if (!t || !m) process.exit(1);
  const kv = (o) => Object.fromEntries((o.attributes ?? []).map((a) => [a.key, a.value]));
  const body = JSON.parse(t.body);
  if (kv(body.resourceSpans[0].resource)['service.name']?.stringValue !== 'llm-cli-test') fail('service.name is not llm-cli-test');
  if (t.headers['x-tenant'] !== 't1') fail(`the header x-tenant: ${t.headers['x-tenant']}`);
  const spans = body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans));
  const span = spans.find((sp) => sp.name === 'chat gpt-4o-mini' && !sp.parentSpanId);
  if (!span) fail(`no root span "chat gpt-4o-mini": ${spans.map((sp) => sp.name).join(', ')}`);
  else {
    const a = kv(span);
    if (span.kind !== 3) fail(`kind ${span.kind}, expected 3 (CLIENT)`);
    const want = {
      'gen_ai.operation.name': { stringValue: 'chat' }, 'gen_ai.request.model': { stringValue: 'gpt-4o-mini' },
      'server.address': { stringValue: '127.0.0.1' }, 'gen_ai.usage.input_tokens': { intValue: '1' },
      'gen_ai.usage.output_tokens': { intValue: '8' },
    };
    for (const [k, v] of Object.entries(want))
      if (JSON.stringify(a[k]) !== JSON.stringify(v)) fail(`span ${k}: ${JSON.stringify(a[k])}, expected ${JSON.stringify(v)}`);
    if (typeof a['gen_ai.provider.name']?.stringValue !== 'string') fail('span: no gen_ai.provider.name');
    if (!a['server.port']?.intValue) fail('span: no server.port');
    if (span.status?.code === 2) fail(`span status ERROR: ${span.status.message}`);
  }
  const metrics = JSON.parse(m.body).resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((sm) => sm.metrics));
  const d = metrics.find((x) => x.name === 'gen_ai.client.operation.duration');
  if (!d || d.unit !== 's' || d.histogram.dataPoints[0]?.count !== '1') fail(`no gen_ai.client.operation.duration of 1 call: ${JSON.stringify(d)}`);
  if (failures) process.exit(1);
  console.log(`check-otlp: llm chat's span "${span.name}" and ${metrics.length} histograms received, valid`);
  process.exit(0);
}

if (mode === 'cli-routed') {
  // `llm chat -m gpt-4o-mini --fallback gpt-4o` with every attempt answered 503: one trace, the routed request's
  // INTERNAL span as its root (status ERROR), one CLIENT span per attempt under it, as many as the root counts
  for (const e of entries) if (!e.ok) fail(`${e.path} refused: ${e.errors.join('; ')}`);
  const t = entries.find((e) => e.path === '/v1/traces');
  if (!t) { fail('no /v1/traces request'); process.exit(1); }
  const kv = (o) => Object.fromEntries((o.attributes ?? []).map((a) => [a.key, a.value]));
  const spans = JSON.parse(t.body).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans));
  const roots = spans.filter((sp) => !sp.parentSpanId);
  if (roots.length !== 1) { fail(`${roots.length} root spans`); process.exit(1); }
  const root = roots[0], attempts = spans.filter((sp) => sp.parentSpanId);
  if (root.kind !== 1 || root.name !== 'chat gpt-4o-mini' || root.status?.code !== 2)
    fail(`root: ${root.name} kind ${root.kind} status ${JSON.stringify(root.status)}, expected chat gpt-4o-mini, 1, 2`);
  if (String(attempts.length) !== kv(root)['llm_h.router.attempts']?.intValue)
    fail(`${attempts.length} attempt spans, the root counts ${JSON.stringify(kv(root)['llm_h.router.attempts'])}`);
  for (const a of attempts) {
    if (a.parentSpanId !== root.spanId || a.traceId !== root.traceId) fail(`attempt ${a.spanId} is not under the root`);
    if (a.kind !== 3 || a.status?.code !== 2) fail(`attempt ${a.spanId}: kind ${a.kind} status ${JSON.stringify(a.status)}`);
  }
  const models = new Set(attempts.map((a) => kv(a)['gen_ai.request.model']?.stringValue));
  if (!models.has('gpt-4o-mini') || !models.has('gpt-4o')) fail(`attempts' models: ${[...models].join(', ')}, expected both`);
  if (failures) process.exit(1);
  console.log(`check-otlp: llm chat --fallback's trace received, valid: 1 routed span, ${attempts.length} attempts under it`);
  process.exit(0);
}

// the GenAI conventions' ExplicitBucketBoundaries
const TOKEN_BOUNDS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const SECONDS_BOUNDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

for (const e of entries) if (!e.ok) fail(`${e.path} refused: ${e.errors.join('; ')}`);
const traces = entries.filter((e) => e.path === '/v1/traces');
const metrics = entries.filter((e) => e.path === '/v1/metrics');
if (traces.length !== 1 || metrics.length !== 1) fail(`${traces.length} trace and ${metrics.length} metric requests, expected 1 and 1`);
if (!traces.length || !metrics.length) process.exit(1);

const attrs = (o) => Object.fromEntries((o.attributes ?? []).map((kv) => [kv.key, kv.value]));
const tbody = JSON.parse(traces[0].body);
const rs = tbody.resourceSpans[0];
if (attrs(rs.resource)['service.name']?.stringValue !== 'llm-h-check') fail('resource service.name is not llm-h-check');
if (traces[0].headers['x-tenant'] !== 't1') fail(`the header x-tenant: ${traces[0].headers['x-tenant']}`);
const spans = rs.scopeSpans[0].spans;
const roots = spans.filter((s) => !s.parentSpanId);
const children = spans.filter((s) => s.parentSpanId);
if (spans.length !== 3 || roots.length !== 1 || children.length !== 2) fail(`${spans.length} spans, ${roots.length} roots`);
const root = roots[0] ?? {};
for (const c of children) {
  if (c.parentSpanId !== root.spanId) fail(`a child's parentSpanId ${c.parentSpanId} is not the root's ${root.spanId}`);
  if (c.traceId !== root.traceId) fail(`a child's traceId ${c.traceId} is not the root's ${root.traceId}`);
}
const ra = attrs(root);
if (root.name !== `${ra['gen_ai.operation.name']?.stringValue} ${ra['gen_ai.request.model']?.stringValue}`)
  fail(`the span name "${root.name}" is not "{gen_ai.operation.name} {gen_ai.request.model}"`);
if (root.kind !== 3) fail(`the root's kind ${root.kind}, expected 3 (SPAN_KIND_CLIENT)`);
const expectRoot = {
  'gen_ai.operation.name': { stringValue: 'chat' }, 'gen_ai.provider.name': { stringValue: 'openai' },
  'gen_ai.request.model': { stringValue: 'gpt-4o' }, 'server.address': { stringValue: 'api.openai.com' },
  'server.port': { intValue: '443' }, 'gen_ai.request.temperature': { doubleValue: 0.2 },
  'gen_ai.request.max_tokens': { intValue: '256' }, 'gen_ai.request.stream': { boolValue: true },
  'gen_ai.request.stop_sequences': { arrayValue: { values: [{ stringValue: '\n\n' }, { stringValue: 'END' }] } },
  'gen_ai.response.id': { stringValue: 'chatcmpl-AbC123' }, 'gen_ai.response.model': { stringValue: 'gpt-4o-2024-08-06' },
  'gen_ai.response.finish_reasons': { arrayValue: { values: [{ stringValue: 'stop' }] } },
  'gen_ai.usage.input_tokens': { intValue: '1200' }, 'gen_ai.usage.cache_read.input_tokens': { intValue: '1000' },
  'gen_ai.usage.output_tokens': { intValue: '80' }, 'gen_ai.usage.reasoning.output_tokens': { intValue: '32' },
  'llm_h.cost_usd': { doubleValue: 0.00145 },
};
for (const [k, v] of Object.entries(expectRoot))
  if (JSON.stringify(ra[k]) !== JSON.stringify(v)) fail(`root ${k}: ${JSON.stringify(ra[k])}, expected ${JSON.stringify(v)}`);
if (root.status?.code !== 1) fail(`root status ${JSON.stringify(root.status)}, expected code 1 (OK)`);
if (root.events?.[0]?.name !== 'llm_h.retry') fail('the root has no llm_h.retry event');
const failed = children.find((c) => c.status?.code === 2);
if (!failed || attrs(failed)['error.type']?.stringValue !== '503' || !/503/.test(failed.status.message ?? ''))
  fail('no attempt with status ERROR (2), error.type 503 and its message');

const mbody = JSON.parse(metrics[0].body);
const ms = mbody.resourceMetrics[0].scopeMetrics[0].metrics;
const byName = Object.fromEntries(ms.map((m) => [m.name, m]));
const expectMetrics = {
  'gen_ai.client.operation.duration': ['s', SECONDS_BOUNDS, 1],
  'gen_ai.client.operation.time_to_first_chunk': ['s', SECONDS_BOUNDS, 1],
  'gen_ai.client.operation.time_per_output_chunk': ['s', SECONDS_BOUNDS, 2],
  'gen_ai.client.token.usage': ['{token}', TOKEN_BOUNDS, 1],
};
for (const [name, [unit, bounds, count]] of Object.entries(expectMetrics)) {
  const m = byName[name];
  if (!m) { fail(`no metric ${name}`); continue; }
  if (m.unit !== unit) fail(`${name}: unit ${m.unit}, expected ${unit}`);
  if (m.histogram?.aggregationTemporality !== 2) fail(`${name}: temporality ${m.histogram?.aggregationTemporality}, expected 2 (CUMULATIVE)`);
  for (const p of m.histogram?.dataPoints ?? []) {
    if (JSON.stringify(p.explicitBounds) !== JSON.stringify(bounds)) fail(`${name}: bounds ${JSON.stringify(p.explicitBounds)}`);
    if (p.count !== String(count)) fail(`${name}: count ${p.count}, expected ${count}`);
    if (attrs(p)['gen_ai.provider.name']?.stringValue !== 'openai') fail(`${name}: no gen_ai.provider.name`);
  }
}
const usage = byName['gen_ai.client.token.usage']?.histogram?.dataPoints ?? [];
const input = usage.find((p) => attrs(p)['gen_ai.token.type']?.stringValue === 'input');
const output = usage.find((p) => attrs(p)['gen_ai.token.type']?.stringValue === 'output');
// 1200 is in (1024, 4096]: bucket 6; 80 in (64, 256]: bucket 4
if (!input || input.bucketCounts[6] !== '1' || input.sum !== 1200) fail(`token usage input: ${JSON.stringify(input)}`);
if (!output || output.bucketCounts[4] !== '1' || output.sum !== 80) fail(`token usage output: ${JSON.stringify(output)}`);

// mutations the validator must refuse (each a way an exporter could miss the mapping)
const span0 = (b) => b.resourceSpans[0].scopeSpans[0].spans[0];
const point0 = (b) => b.resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.dataPoints[0];
const mutations = [
  ['traces', 'an int64 as a JSON number', (b) => { span0(b).startTimeUnixNano = Number(span0(b).startTimeUnixNano); }],
  ['traces', 'an intValue as a JSON number', (b) => { span0(b).attributes.find((a) => a.value.intValue).value.intValue = 443; }],
  ['traces', 'the kind as its name', (b) => { span0(b).kind = 'SPAN_KIND_CLIENT'; }],
  ['traces', 'a trace id in base64', (b) => { span0(b).traceId = Buffer.from(span0(b).traceId, 'hex').toString('base64'); }],
  ['traces', 'a snake_case field name', (b) => { const s = span0(b); s.start_time_unix_nano = s.startTimeUnixNano; delete s.startTimeUnixNano; }],
  ['traces', 'an unknown field', (b) => { span0(b).foo = 1; }],
  ['traces', 'two kinds in one AnyValue', (b) => { span0(b).attributes[0].value.intValue = '1'; }],
  ['traces', 'an array value without arrayValue', (b) => { span0(b).attributes[0].value = { stringValue: ['a'] }; }],
  ['traces', 'a repeated attribute key', (b) => { span0(b).attributes.push(span0(b).attributes[0]); }],
  ['traces', 'an end before the start', (b) => { span0(b).endTimeUnixNano = '1'; }],
  ['traces', 'the status code as its name', (b) => { span0(b).status.code = 'STATUS_CODE_OK'; }],
  ['metrics', 'a count as a number', (b) => { point0(b).count = 1; }],
  ['metrics', 'one bucket too few', (b) => { point0(b).bucketCounts.pop(); }],
  ['metrics', 'buckets not adding up to the count', (b) => { point0(b).bucketCounts[0] = '5'; }],
  ['metrics', 'no aggregationTemporality', (b) => { delete b.resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.aggregationTemporality; }],
  ['metrics', 'a gauge and a histogram in one metric', (b) => { b.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge = {}; }],
];
let refused = 0;
for (const [signal, what, mutate] of mutations) {
  const body = JSON.parse((signal === 'traces' ? traces : metrics)[0].body);
  mutate(body);
  if (validate(`/v1/${signal}`, 'application/json', JSON.stringify(body)).length === 0) fail(`the validator accepted ${what}`);
  else refused++;
}
if (validate('/v1/traces', 'text/plain', traces[0].body).length === 0) fail('the validator accepted Content-Type text/plain');
else refused++;
if (failures) process.exit(1);
console.log(`check-otlp: ${spans.length} spans and ${ms.length} histograms valid, GenAI shape as fed; ${refused} mutations refused`);
