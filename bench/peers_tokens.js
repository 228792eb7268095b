#!/usr/bin/env node
/* Counts build/bench_tokens_corpus.txt (written by build/bench_tokens) with
   JavaScript tokenizers, one document at a time, cl100k_base, single thread:
   npm tiktoken (WASM of OpenAI's Rust code), js-tiktoken, gpt-tokenizer,
   ai-tokenizer. Prints MB/s and the total count of each, then the same as
   "RESULT\tbench_tokens\tcl100k_base\tNAME\tMETRIC\tVALUE" lines
   (count_mb_per_s, tokens).
   Usage: make bench-peers && node bench/peers_tokens.js [CORPUS] */
'use strict';
const fs = require('fs');
const path = require('path');
const nm = (p) => require(require.resolve(p, { paths: [__dirname] }));
const version = (p) => JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', p, 'package.json'), 'utf8')).version;
const file = process.argv[2] || 'build/bench_tokens_corpus.txt';
const buf = fs.readFileSync(file);
const docs = [];
let bytes = 0;
for (let p = 0; p < buf.length;) {
  const nl = buf.indexOf(10, p);
  const n = parseInt(buf.toString('latin1', p, nl).split(' ')[2], 10);
  docs.push(buf.toString('utf8', nl + 1, nl + 1 + n));
  bytes += n;
  p = nl + 1 + n + 1;
}

const peers = [
  ['tiktoken', () => { const e = nm('tiktoken').get_encoding('cl100k_base'); return (s) => e.encode(s, [], []).length; }],
  ['js-tiktoken', () => { const e = nm('js-tiktoken').getEncoding('cl100k_base'); return (s) => e.encode(s, [], []).length; }],
  ['gpt-tokenizer', () => { const g = nm('gpt-tokenizer/cjs/encoding/cl100k_base'); return (s) => g.countTokens(s, { disallowedSpecial: new Set() }); }],
  ['ai-tokenizer', () => { const a = nm('ai-tokenizer'); const T = a.Tokenizer || a.default; const t = new T(nm('ai-tokenizer/encoding/cl100k_base')); return (s) => t.encodeOrdinary(s).length; }],
];
const only = process.env.PEERS ? process.env.PEERS.split(',') : null;
for (const [name, make] of peers) {
  if (only && !only.includes(name)) continue;
  let count;
  try { count = make(); } catch (e) { console.log(`${name}: not available (${e.message.split('\n')[0]})`); continue; }
  const t0 = process.hrtime.bigint();
  let total = 0;
  for (const d of docs) total += count(d);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${name}@${version(name)}: ${(bytes / 1e6 / s).toFixed(1)} MB/s, total ${total} tokens (cl100k_base)`);
  console.log(`RESULT\tbench_tokens\tcl100k_base\t${name}\tcount_mb_per_s\t${(bytes / 1e6 / s).toFixed(1)}`);
  console.log(`RESULT\tbench_tokens\tcl100k_base\t${name}\ttokens\t${total}`);
}
