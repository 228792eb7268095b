#!/usr/bin/env node
/* Builds the exactness corpus of llm.h's BPE and its expected token ids.

   Usage (from the repository root):
       (cd tools && npm install)          # installs npm tiktoken (pinned in package.json)
       node tools/gen_tokens_corpus.js     # writes tests/data/tokens/{corpus.txt,expected_*.ids,expected.json}

   The documents are assembled from files on a Debian machine (licence texts,
   man pages in several languages, C headers) and from a seeded generator
   (JSON, Arabic, Hindi, emoji, digit and whitespace runs, CRLF, long words,
   Unicode whitespace and invisible characters, every letter/mark/number
   class). The same machine and seed give the same corpus.

   corpus.txt: for each document a header line "@@doc NAME BYTES\n", then
   exactly BYTES bytes, then "\n".
   expected_<encoding>.ids: for each document, in order, LEB128 varints:
   the token count, then the ids; produced by npm tiktoken
   (the WASM build of OpenAI's Rust tiktoken): encode(text, [], []), i.e.
   special-token text is encoded as ordinary text.
   expected.json: the package version and per-document counts. */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'tests', 'data', 'tokens');
const tiktoken = require(path.join(__dirname, 'node_modules', 'tiktoken'));
const tiktokenVersion = require(path.join(__dirname, 'node_modules', 'tiktoken', 'package.json')).version;

/* mulberry32: a small seeded generator */
function rng(seed) {
  return function () {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const R = rng(20240611);
const pick = (a) => a[Math.floor(R() * a.length)];
const int = (lo, hi) => lo + Math.floor(R() * (hi - lo + 1));

const docs = [];
function add(name, text) {
  docs.push({ name: name.replace(/[^A-Za-z0-9_.-]/g, '_'), text });
}
/* splits a string into documents of about `size` UTF-16 units, at code point boundaries */
function addChunks(name, text, size) {
  const cps = Array.from(text);
  for (let i = 0, n = 0; i < cps.length; n++) {
    const len = int(Math.floor(size / 2), size * 2);
    add(`${name}-${n}`, cps.slice(i, i + len).join(''));
    i += len;
  }
}
function readMaybeGz(file) {
  const b = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(b) : b).toString('utf8');
}
function listFiles(dir, re) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));
}
function takeBudget(files, budget) {
  let s = '';
  for (const f of files) {
    if (s.length >= budget) break;
    try { s += readMaybeGz(f) + '\n'; } catch (e) { /* unreadable: skip */ }
  }
  return s.slice(0, budget);
}

/* ---- documents from files on the machine ---- */
addChunks('license', takeBudget(listFiles('/usr/share/common-licenses', /^(GPL-3|LGPL-3|Apache-2.0|MPL-2.0|GFDL-1.3|Artistic|BSD|CC0-1.0)$/), 200000), 4000);
addChunks('man-en', takeBudget(listFiles('/usr/share/man/man1', /^[a-g].*\.1\.gz$/), 90000), 4000);
addChunks('c-header', takeBudget(listFiles('/usr/include', /^[a-s].*\.h$/), 120000), 4000);
for (const [lang, budget] of [['ru', 70000], ['uk', 40000], ['ja', 70000], ['ko', 50000], ['zh_CN', 70000], ['zh_TW', 30000], ['de', 30000], ['fr', 30000], ['pl', 20000], ['tr', 15000]]) {
  const files = [].concat(...[1, 5, 8].map((s) => listFiles(`/usr/share/man/${lang}/man${s}`, /\.gz$/)));
  addChunks(`man-${lang}`, takeBudget(files, budget), 3000);
}
for (const f of listFiles(path.join(ROOT, '..', 'shared', 'data', 'provider-samples', 'openai'), /\.(json|sse)$/)) add('sample-' + path.basename(f), fs.readFileSync(f, 'utf8'));

/* ---- generated documents ---- */
const EN = 'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there had we one all their what so up out if about who get would make like time just him know take people into year your good some could them see other than then now look only come its over think also back after use two how our work first well way even new want because any these give day most us'.split(' ');
const CONTR = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'Ve", "'M", "'LL", "'D", "'ſ", "'x", "'", "’s"];
function prose(n) {
  let s = '';
  for (let i = 0; i < n; i++) {
    let w = pick(EN);
    const r = R();
    if (r < 0.08) w = w[0].toUpperCase() + w.slice(1);
    else if (r < 0.1) w = w.toUpperCase();
    else if (r < 0.14) w += pick(CONTR);
    s += w + (R() < 0.1 ? pick(['.', ',', ';', ':', '!', '?', '...', ' -', '"']) : '') + (R() < 0.04 ? '\n' : ' ');
  }
  return s;
}
function jsonValue(d) {
  const r = R();
  if (d > 3 || r < 0.3) return pick([() => int(-1e6, 1e9), () => R() * 1000, () => prose(int(1, 8)).trim(), () => true, () => null, () => pick(EN) + ' ' + pick(['Привет', '你好', 'مرحبا', 'नमस्ते', '😀'])])();
  if (r < 0.6) return Array.from({ length: int(0, 5) }, () => jsonValue(d + 1));
  const o = {};
  for (let i = int(0, 6); i > 0; i--) o[pick(EN) + '_' + pick(['id', 'name', 'url', 'count', 'type'])] = jsonValue(d + 1);
  return o;
}
for (let i = 0; i < 20; i++) add(`json-${i}`, JSON.stringify(jsonValue(0), null, pick([0, 1, 2, 4, '\t'])) + (R() < 0.5 ? '\n' : ''));
for (let i = 0; i < 20; i++) add(`prose-${i}`, prose(int(300, 1200)));

const AR = 'في من على إلى أن هذا التي الذي كان قال عن مع هو كل ما لا ذلك بين عند حتى اللغة العربية الكتاب المدرسة الطالب يكتب يقرأ جميل كبير صغير السلام عليكم مدينة بيت'.split(' ');
const HI = 'और के है में की को से यह एक पर भी था कि हैं नहीं तो कर ही हो गया लिए भारत हिन्दी भाषा किताब विद्यालय नमस्ते धन्यवाद पानी खाना प्रेम'.split(' ');
const HE = 'של את על זה לא הוא היא עם כל גם אני ספר בית שלום'.split(' ');
const TH = 'ภาษาไทย สวัสดี ขอบคุณ ประเทศ หนังสือ โรงเรียน'.split(' ');
function words(list, n, digits) {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += pick(list);
    if (digits && R() < 0.05) s += ' ' + pick(['١٢٣', '٤٥٦٧', '०१२', '३४५६', '2024', '3.14']);
    s += R() < 0.08 ? pick(['،', '.', '۔', '।', '؟', '!', '\n']) + ' ' : ' ';
  }
  return s;
}
for (let i = 0; i < 12; i++) add(`arabic-${i}`, words(AR, int(300, 900), true));
for (let i = 0; i < 12; i++) add(`hindi-${i}`, words(HI, int(300, 900), true));
for (let i = 0; i < 4; i++) add(`hebrew-thai-${i}`, words(HE.concat(TH), int(300, 700), true));

const EMOJI = ['😀', '👍', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '🇯🇵', '❤️', '✨', '🔥', '🤖', '🧑🏿‍🚀', '☃', '⌛', '🫠', '👁‍🗨', '#️⃣', '©', '™'];
for (let i = 0; i < 8; i++) {
  let s = '';
  for (let j = int(400, 1200); j > 0; j--) s += (R() < 0.6 ? pick(EMOJI) : pick(EN)) + pick(['', ' ', ' ', '\n', '!']);
  add(`emoji-${i}`, s);
}
for (let i = 0; i < 6; i++) {
  let s = '';
  for (let j = int(50, 200); j > 0; j--) {
    const len = pick([1, 2, 3, 4, 5, 7, 10, 16, 33, 64, 200]);
    let d = '';
    for (let k = 0; k < len; k++) d += String(int(0, 9));
    s += d + pick([' ', ',', '.', '\n', ' + ', 'px ', 'e-', ' ١٢٣٤٥ ', ' ½ ', '²']);
  }
  add(`digits-${i}`, s);
}
const SP = [' ', '  ', '   ', '    ', '\t', '\t\t', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r', ' \n', '\n ', '  \n  ', '\u00a0', '\u3000', '\u2003', '\u2009', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c', '\u200b', '\ufeff', '\u00ad', '\u2060', '\u180e', '\u202f', '\u205f', '\u1680'];
for (let i = 0; i < 12; i++) {
  let s = '';
  for (let j = int(200, 800); j > 0; j--) {
    s += pick(SP);
    if (R() < 0.3) s += pick(SP).repeat(int(1, 30));
    s += pick([pick(EN), pick(EN) + pick(CONTR), pick(['{', '}', '();', '//', '/*', '->', '==', '/', '\\', '#']), String(int(0, 99999))]);
  }
  if (i % 3 === 0) s += pick(SP).repeat(int(1, 9));
  if (i % 3 === 1) s += '\n\n  ';
  add(`whitespace-${i}`, s);
}
for (let i = 0; i < 6; i++) {
  let s = '';
  for (let j = int(200, 600); j > 0; j--) s += prose(int(3, 12)).trim() + pick(['\r\n', '\r\n\r\n', '\n', '\r', ' \r\n', '\t\r\n']);
  add(`crlf-${i}`, s);
}
for (let i = 0; i < 6; i++) {
  let s = '';
  for (let j = int(4, 10); j > 0; j--) {
    const len = int(50, 2500);
    const alpha = pick(['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aAbBcC', 'абвгдежзий', 'ΑΒΓαβγ', 'x']);
    const a = Array.from(alpha);
    let w = '';
    for (let k = 0; k < len; k++) w += pick(a);
    s += w + pick([' ', '\n', '. ', '!!!!!!!!!!!!!!!!!!!!', '-'.repeat(int(1, 300)), '='.repeat(int(1, 100))]);
  }
  add(`longword-${i}`, s);
}
/* every letter, mark and number class, mixed with case changes and apostrophes */
const CLS = {
  Lu: 'ABCDÀÉΩЖԱႠᎠⰀＡ𝐀', Ll: 'abcdàéωжաⴀꭰｂ𝐚ß', Lt: 'ǅǈǋǲᾈᾼῌ', Lm: 'ʰʲˆˇˈᴬᵃⁱⁿ々ゝーｰ', Lo: 'ªºאבاب가나あア中文ก𐀀ᄀ',
  M: '\u0300\u0301\u0308\u0327\u064b\u093c\u0941\u0e31\u20d7\u302a\ufe0f\u0903\u20dd', N: '0123٠١२३½¼Ⅷⅻ①⑩௰𝟘', P: '!"#$%&()*+,-./:;<=>?@[]^_`{|}~¡§«»¿‐–—‘’“”…‰€¥°±×÷',
};
const CLSK = Object.keys(CLS);
for (let i = 0; i < 16; i++) {
  let s = '';
  for (let j = int(400, 1200); j > 0; j--) {
    const k = pick(CLSK);
    s += pick(Array.from(CLS[k]));
    if (R() < 0.15) s += pick(CONTR);
    if (R() < 0.2) s += pick([' ', ' ', '\n', '\t', '\u00a0', '  ']);
  }
  add(`classes-${i}`, s);
}
/* code points from all over the assigned planes, including rarely used blocks */
const RANGES = [[0xa0, 0x2fff], [0x3000, 0x9fff], [0xa000, 0xd7ff], [0xf900, 0xfffd], [0x10000, 0x1fbff], [0x20000, 0x2a6df], [0x30000, 0x3134f], [0xe0000, 0xe01ef]];
for (let i = 0; i < 10; i++) {
  let s = '';
  for (let j = int(600, 1500); j > 0; j--) {
    const r = pick(RANGES);
    s += String.fromCodePoint(int(r[0], r[1])) + (R() < 0.2 ? pick([' ', 'a', 'A', '1', "'s", '\n']) : '');
  }
  add(`unicode-${i}`, s.replace(/[\ud800-\udfff]/g, '?'));
}
add('special-token-text', '<|endoftext|> hello <|fim_prefix|>a<|fim_middle|>b<|fim_suffix|> <|endofprompt|> <|im_start|> <|endoftext|><|endoftext|>');
add('empty', '');
add('one-space', ' ');

/* ---- write ---- */
const encs = ['cl100k_base', 'o200k_base'];
const meta = { generator: 'tools/gen_tokens_corpus.js', reference: `npm tiktoken@${tiktokenVersion}`, call: 'encode(text, [], [])', documents: [] };
const bufs = [];
const idbufs = { cl100k_base: [], o200k_base: [] };
const varint = (arr, v) => { while (v >= 0x80) { arr.push((v & 0x7f) | 0x80); v >>>= 7; } arr.push(v); };
const enc = {};
for (const e of encs) enc[e] = tiktoken.get_encoding(e);
let total = 0;
for (const d of docs) {
  const b = Buffer.from(d.text, 'utf8');
  bufs.push(Buffer.from(`@@doc ${d.name} ${b.length}\n`), b, Buffer.from('\n'));
  total += b.length;
  const m = { name: d.name, bytes: b.length };
  for (const e of encs) {
    const ids = enc[e].encode(d.text, [], []);
    const a = [];
    varint(a, ids.length);
    for (const id of ids) varint(a, id);
    idbufs[e].push(Buffer.from(a));
    m[e] = ids.length;
  }
  meta.documents.push(m);
}
for (const e of encs) enc[e].free();
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'corpus.txt'), Buffer.concat(bufs));
for (const e of encs) fs.writeFileSync(path.join(OUT, `expected_${e}.ids`), Buffer.concat(idbufs[e]));
fs.writeFileSync(path.join(OUT, 'expected.json'), JSON.stringify(meta, null, 1) + '\n');
console.log(`${docs.length} documents, ${total} bytes; ids from npm tiktoken@${tiktokenVersion}`);
