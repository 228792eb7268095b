// Writes vectors.txt: expected values computed by JavaScript itself (V8's
// Number(s) and String(x)), for test_numbers.c.
//   P <input> <16 hex bits | OVERFLOW | INVALID>     (input "<empty>" = "")
//   F <16 hex bits> <String(x)>                      ("-0" for negative zero, "" -> <empty>)
'use strict';
const fs = require('fs');

const dv = new DataView(new ArrayBuffer(8));
const bitsOf = (x) => { dv.setFloat64(0, x); return dv.getBigUint64(0); };
const fromBits = (b) => { dv.setBigUint64(0, BigInt.asUintN(64, b)); return dv.getFloat64(0); };
const hex = (b) => b.toString(16).padStart(16, '0');

// deterministic splitmix64
let state = 0x9E3779B97F4A7C15n;
function rnd64() {
  state = BigInt.asUintN(64, state + 0x9E3779B97F4A7C15n);
  let z = state;
  z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94D049BB133111EBn);
  return z ^ (z >> 31n);
}
const rndInt = (n) => Number(rnd64() % BigInt(n)); // 0..n-1
const rndDigits = (len, first19) => {
  let s = first19 ? String(1 + rndInt(9)) : '';
  while (s.length < len) s += String(rndInt(10));
  return s;
};
function rndFinite() {
  for (;;) {
    const b = rnd64();
    if (((b >> 52n) & 0x7FFn) !== 0x7FFn) return b;
  }
}

const JSON_NUM = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const parseLines = [];
const seenP = new Set();
function addP(s) {
  if (seenP.has(s)) return;
  seenP.add(s);
  if (!JSON_NUM.test(s)) throw new Error('not JSON: ' + s);
  const x = Number(s);
  parseLines.push(`P ${s} ${Number.isFinite(x) ? hex(bitsOf(x)) : 'OVERFLOW'}`);
}
function addInvalid(s) {
  if (JSON_NUM.test(s) || /\s/.test(s)) throw new Error('valid or has space: ' + s);
  parseLines.push(`P ${s === '' ? '<empty>' : s} INVALID`);
}

// Render integer digit string D times 10^e in several JSON spellings.
function spellings(D, e) {
  D = D.replace(/^0+(?=.)/, '');
  const out = [`${D}e${e}`, `${D}E${e >= 0 ? '+' : ''}${e}`];
  const len = D.length;
  if (len > 120) return out.slice(0, 1); // keep the file small: one spelling for long ones
  if (len > 1) out.push(`${D[0]}.${D.slice(1)}e${e + len - 1}`);
  if (e >= 0 && e < 40) out.push(D + '0'.repeat(e));
  if (e < 0 && -e < len) out.push(`${D.slice(0, len + e)}.${D.slice(len + e)}`);
  if (e < 0 && -e >= len && -e - len < 30) out.push(`0.${'0'.repeat(-e - len)}${D}`);
  return out;
}
const addAll = (D, e, neg) => spellings(D, e).forEach((s) => addP(neg ? '-' + s : s));

// ---- 1. parsing: named hard cases ----
[
  '0', '-0', '0.0', '-0.0', '0e0', '0E+5', '-0e-5', '0.000e99999999999', '0e-99999999999',
  '1', '-1', '0.1', '0.2', '0.3', '1.5', '123.456', '1e0', '1E1', '1e+1', '1e-1',
  '9007199254740992', '9007199254740993', '9007199254740994', '9007199254740995',
  '9007199254740993.0000000000000000000001', '18014398509481985', '18014398509481987',
  '2.2250738585072011e-308', '2.2250738585072012e-308', '2.2250738585072014e-308',
  '2.225073858507201136057409796709131975934819546351645648e-308',
  '4.9406564584124654e-324', '5e-324', '-5e-324', '2.4703282292062328e-324',
  '2.4703282292062327e-324', '2.4703282292062327208828439643411068618252990130716238221279284125033775364e-324',
  '1e-324', '1e-323', '3e-324', '7.4109846876186982e-324', '1e-400', '-1e-400',
  '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308',
  '-1.7976931348623159e308', '1.797693134862315708145274237317043567980e308',
  '1.797693134862315807937289714053034150799e308', '1e308', '1e309', '1e310', '1e311',
  '123e+99999999999', '1e99999999999', '1e-99999999999', '-1e-99999999999',
  '1e999999999999999999999999', '1e-999999999999999999999999', '0.1e-999999999999999999999',
  '1e22', '1e23', '1e-22', '1e-23', '123456789012345678901234567890', '1e21', '1e-7',
  '4503599627370496.5', '4503599627370497.5', '2.5', '3.5', '0.5', '1.00000000000000011102230246251565404236316680908203125',
  '1.00000000000000011102230246251565404236316680908203124', '1.00000000000000011102230246251565404236316680908203126',
  '8.98846567431158e307', '89884656743115795386465259539451236680898848947115328636715040578866337902750481566354238661203768010560056939935696678829394884407208311246423715319737062188883946712432742638151109800623047059726541476042502884419075341171231440736956555270413618581675255342293149119973622969239858152417678164812112068608',
  '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791',
  '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792',
  '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368',
  '1' + '0'.repeat(1000) + 'e-1000', '0.' + '0'.repeat(1000) + '1e1001', '1' + '0'.repeat(900) + '1e-900',
  '9'.repeat(1200), '9'.repeat(309), '9'.repeat(308) + 'e0', '0.' + '9'.repeat(1000), '0.' + '0'.repeat(330) + '1',
  '0.' + '0'.repeat(323) + '24703282292062327208828439643411068618252990130716238221279284125033775364', '0.' + '0'.repeat(323) + '24703282292062327208828439643411068618252990130716238221279284125033775363' + '9'.repeat(900),
  '0.' + '0'.repeat(323) + '2470328229206232720882843964341106861825299013071623822127928412503377536' + '5' + '0'.repeat(900) + '1',
  '1.' + '0'.repeat(799) + '1', '1.' + '0'.repeat(800) + '1', '1.' + '0'.repeat(5000) + '1e-5000',
].forEach(addP);

// invalid grammar
['', '-', '+1', '01', '-01', '00', '1.', '.1', '-.1', '1e', '1e+', '1e-', '1.e5', '--1', '0x10', 'Infinity',
 '-Infinity', 'NaN', '1.5e5.5', '1e5e5', '1a', 'a1', '1..2', '1.2.3', '١', '1E+-1', '0.e1', '-e1', 'e1',
 '1,5', '1_000', '\u00b9', '1.0f', '1L'].forEach(addInvalid);

// ---- 2. parsing: halfway points between adjacent doubles, exact and +-tiny ----
function halfwayCases(b, pad) {
  const be = Number((b >> 52n) & 0x7FFn);
  let M = b & ((1n << 52n) - 1n);
  let E = be === 0 ? -1074 : be - 1075;
  if (be) M |= 1n << 52n;
  const H = 2n * M + 1n; // halfway = H * 2^(E-1)
  let D, e; // halfway = D * 10^e exactly
  if (E - 1 >= 0) { D = H << BigInt(E - 1); e = 0; } else { D = H * 5n ** BigInt(1 - E); e = E - 1; }
  const Ds = D.toString();
  addAll(Ds, e, false);
  addAll(Ds + '0'.repeat(pad) + '1', e - pad - 1, b & 1n ? true : false); // just above
  addAll((D * 10n ** BigInt(pad) - 1n).toString(), e - pad, false);       // just below
}
const pads = [1, 3, 10, 50, 200, 820, 900];
for (let i = 0; i < 300; i++) {
  const exp = i % 3 === 0 ? 0n : BigInt(rndInt(2047)); // a third subnormal
  halfwayCases((exp << 52n) | (rnd64() & 0xFFFFFFFFFFFFFn), pads[i % pads.length]);
}
// extremes: smallest subnormals, min normal, max double, around 2^53
for (const b of [0n, 1n, 2n, 3n, 0xFFFFFFFFFFFFFn, 0x10000000000000n, 0x7FEFFFFFFFFFFFFEn, 0x7FEFFFFFFFFFFFFFn,
  bitsOf(2 ** 53), bitsOf(2 ** 53) - 1n, bitsOf(1), bitsOf(1) - 1n, bitsOf(0.1), bitsOf(1e23), bitsOf(1e22)]) {
  halfwayCases(b, 5); halfwayCases(b, 850);
}

// ---- 3. parsing: random decimal strings ----
for (let i = 0; i < 2500; i++) {
  const lens = [1, 2, 5, 9, 15, 16, 17, 18, 19, 20, 25, 40, 100, 790, 805, 1000];
  const len = i % 4 === 0 ? lens[rndInt(lens.length)] : 1 + rndInt(20);
  const ranges = [10, 30, 330, 360];
  const e = rndInt(2 * ranges[i % 4] + 1) - ranges[i % 4] - (len > 300 ? len : 0);
  addAll(rndDigits(len, true), e, rndInt(2) === 1);
}
// random doubles through their shortest, 17-digit and 20-digit spellings
for (let i = 0; i < 600; i++) {
  const x = fromBits(rndFinite());
  addP(String(x).replace('e+', 'e'));
  addP(x.toExponential(16));
  addP(Math.abs(x).toPrecision(20).replace('e+', 'e'));
  if (x !== 0) addP(x.toExponential(rndInt(16)));
}
// near 1e23 and friends: classic hard cases
['9007199254740993e-5', '1448997445238699', '8.589973e9', '1.00000005960464477550', '7.038531e-26',
 '2.2250738585072011e-308', '1e23', '8.41e21', '5.5e-1', '3.4e38', '1.1754943508222875e-38',
 '1.40129846432481707092e-45', '4.3e-7', '9.999999999999999e22', '3.0e-44', '100000000000000008388608',
].forEach(addP);

// ---- 4. formatting: String(x) for bit patterns ----
const fmtLines = [];
const seenF = new Set();
function addF(b) {
  b = BigInt.asUintN(64, b);
  if (seenF.has(b)) return;
  seenF.add(b);
  const x = fromBits(b);
  let s = Number.isFinite(x) ? String(x) : '<empty>';
  if (Object.is(x, -0)) s = '-0';
  fmtLines.push(`F ${hex(b)} ${s}`);
  if (Number.isFinite(x)) addP(s === '-0' ? '-0' : s.replace('e+', 'e'));
}
for (let i = 0; i < 3000; i++) addF(rnd64());                                  // random patterns
for (let e = -1074; e <= 1023; e++) addF(bitsOf(2 ** e));                      // powers of two
for (let e = -1074; e <= 1023; e += 7) { addF(bitsOf(2 ** e) + 1n); addF(bitsOf(2 ** e) - 1n); }
for (let e = -323; e <= 308; e++) { const b = bitsOf(Number(`1e${e}`)); addF(b); addF(b + 1n); addF(b - 1n); }
for (let i = 0; i < 64; i++) { addF(BigInt(i)); addF(0xFFFFFFFFFFFFFn - BigInt(i)); addF(0x10000000000000n + BigInt(i)); }
for (let i = 0; i < 500; i++) addF(rnd64() & 0xFFFFFFFFFFFFFn);                // subnormals
for (let i = 0; i < 500; i++) { const n = Number(rnd64() >> BigInt(rndInt(64))); addF(bitsOf(n)); addF(bitsOf(-n)); }
for (let i = 0; i < 500; i++) addF(bitsOf(rndInt(1000000) / [10, 100, 1000, 1e4, 1e6, 3, 7][i % 7])); // "nice" decimals
for (let i = 0; i < 300; i++) addF(bitsOf(rndInt(1 << 30) * 10 ** (rndInt(40) - 20)));
for (const x of [0, -0, 1, -1, 0.1, 0.5, 1e21, 1e-7, 1e-6, 1e20, 123456789012345680000, 1.5e-7, 5e-324, -5e-324,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, 2 ** 53, 2 ** 53 + 2, 2 ** 53 - 1,
  2 ** 63, 2 ** 64, 999999999999999900000, 1e21 - 65536, 0.000001, 0.0000001, 0.000001234, 1.7976931348623157e308,
  Infinity, -Infinity, NaN, 4.35, 0.3, 0.1 + 0.2, 100, 1e100, 123e-20, 9007199254740993]) {
  addF(bitsOf(x));
  addF(bitsOf(x) + 1n);
  addF(bitsOf(x) - 1n);
}
addF(0x7FF8000000000001n); addF(0xFFF0000000000000n);

fs.writeFileSync(__dirname + '/../tests/data/numbers/vectors.txt', parseLines.concat(fmtLines).join('\n') + '\n');
console.log(`${parseLines.length} parse vectors, ${fmtLines.length} format vectors`);
