// validate.mjs - checks llm.h's OpenAI request bodies against OpenAI's own
// request schema with a real JSON Schema validator (Ajv, draft 2020-12).
//
//   build/encode_matrix | node tests/schema/validate.mjs        (or: ... validate.mjs FILE)
//   build/encode_matrix --provider azure | node tests/schema/validate.mjs
//   build/encode_matrix --provider openrouter | node tests/schema/validate.mjs --spec openrouter
//   build/encode_matrix --provider anthropic | node tests/schema/validate.mjs --spec anthropic
//   build/encode_matrix --provider anthropic --count | node tests/schema/validate.mjs --spec anthropic-count
//   build/encode_matrix --provider openai-responses | node tests/schema/validate.mjs --spec responses
//   build/answer_matrix | node tests/schema/validate.mjs --spec answers
//   build/answer_matrix --chunks | node tests/schema/validate.mjs --spec chunks
//
// The spec: tests/data/openai-openapi.yaml, a copy of openai/openai-openapi
// `openapi.yaml` on main at commit f85dbe223d40e1a31cba812ab2d755c7e98a92a3
// (2026-08-21), OpenAPI 3.1.0, info.version 2.3.0, MIT licence (Copyright
// OpenAI), sha256 db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8
// (shared/data/SOURCES.md, section 3).
// With --spec openrouter: tests/data/openrouter-openapi.yaml, a copy of
// OpenRouterTeam/docs `openapi/openapi.yaml` at commit
// c26125a5fa92cb52ac67f0c75b717229567db716 (2026-08-22), OpenAPI 3.1.0,
// components.schemas.ChatRequest (shared/data/SOURCES.md), with its own
// known-good and known-bad bodies and its own expected failures; the
// hand-written bodies of step 3 are OpenAI's and are not compared there.
// With --spec anthropic: tests/data/anthropic-openapi.json, the spec of
// Anthropic's SDKs as tryAGI/Anthropic commits it (commit
// ebea3ea43be1a34302d597874ba1926336effc78, 2026-05-06; shared/data/SOURCES.md),
// components.schemas.CreateMessageParams, whose objects are closed as
// published (additionalProperties: false); its hand-written bodies are in
// tests/schema/expected_anthropic/.
// With --spec anthropic-count: the same file's CountMessageTokensParams, the
// body of POST /v1/messages/count_tokens (encode_matrix --count), its
// hand-written bodies in tests/schema/expected_anthropic_count/.
// With --spec responses: the OpenAI spec's components.schemas.CreateResponse
// (OpenAI's Responses API), its InputItem oneOf read as an anyOf (see
// mendResponses), with its own known-good and known-bad bodies and its
// hand-written bodies in tests/schema/expected_responses/.
// With --spec answers / --spec chunks: not requests but the answers llm.h
// writes (llm_response_write_openai, llm_openai_chunk_write_event and
// _usage, printed by build/answer_matrix from the recorded provider
// answers), against the same spec's CreateChatCompletionResponse and
// CreateChatCompletionStreamResponse; reasoning_content, the one member they
// add on purpose, is added to the message and delta schemas (mendAnswers).
//
// What is checked, in order:
//   1. The validator itself: known-bad bodies must be rejected and a
//      hand-written known-good body accepted, else "validator cannot be
//      trusted" and exit 2.
//   2. Every body printed by encode_matrix (one JSON value each, normally a
//      line: {"name", "body", "unknown"?}) is strict JSON (valid UTF-8,
//      no duplicate member names) and valid against
//      components.schemas.CreateChatCompletionRequest, twice:
//        open   - the schema as published (OpenAPI-isms translated);
//        closed - the same plus the limits the spec states in prose (names
//                 of functions and response schemas, metadata sizes), and
//                 `unevaluatedProperties: false` on every
//                 object schema that lists its properties, so a misspelt or
//                 misplaced member fails (the API answers such bodies with
//                 400 "Additional properties are not allowed ... was
//                 unexpected" / "Unrecognized request argument supplied").
//                 Members an entry adds on purpose through extra_body are
//                 named in its "unknown" list and exempted (top level only).
//   3. The bodies of tests/schema/expected/*.json, written by hand from the
//      API reference, equal the encoder's bodies of the same name
//      (semantically: key order irrelevant, numbers compared by value,
//      integers exactly).
// Entries in EXPECTED_FAILURES are known encoder bugs: they must still fail
// (an entry that starts passing is reported so the list gets updated).
// The last line is "N passed, N failed"; the exit status is 0 only when
// nothing failed unexpectedly.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { load as loadYaml } from "js-yaml";

const here = dirname(fileURLToPath(import.meta.url));
let S; // the spec under test: one of SPECS (chosen in main)

// ---- known deviations: matrix entry -> [why its body fails the schema, what the failure must mention] ----
// These are deliberate: limits that OpenAI documents but that other
// OpenAI-compatible servers set differently are passed through unchecked,
// and the server's 400 answers them.
// Each entry must keep failing, and for that reason (the pattern is matched
// against the failure text), until llm.h is fixed; then delete it here. The
// optional third field says where it fails: "schema" (default) or
// "expected" (the comparison with its hand-written body).
const RANGE_BUG = "by design: numbers pass through unchecked, since OpenAI-compatible servers differ in their ranges";
const EXPECTED_FAILURES_OPENAI = {
  stop_five: ["5 stop sequences: StopConfiguration allows at most 4; by design: the encoder sends any count (other servers allow more)", /\/stop must NOT have more than 4 items/],
  temperature_out_of_range: [`temperature 2.5 > maximum 2: ${RANGE_BUG}`, /\/temperature must be <= 2/],
  top_p_out_of_range: [`top_p 1.5 > maximum 1: ${RANGE_BUG}`, /\/top_p must be <= 1/],
  n_out_of_range: [`n 129 > maximum 128: ${RANGE_BUG}`, /\/n must be <= 128/],
  top_logprobs_out_of_range: [`top_logprobs 21 > maximum 20: ${RANGE_BUG}`, /\/top_logprobs must be <= 20/],
  presence_penalty_out_of_range: [`presence_penalty -2.5 < minimum -2: ${RANGE_BUG}`, /\/presence_penalty must be >= -2/],
  tool_name_invalid_characters: ["tool name \"get.weather now\": the documented pattern is ^[a-zA-Z0-9_-]{1,64}$; by design: the encoder sends any name (the server checks it)",
    /\/tools\/0\/function\/name must match pattern/],
  metadata_seventeen_pairs: ["17 metadata pairs: the documented limit is 16; by design: the encoder sends any count (the server checks it)", /\/metadata must NOT have more than 16 properties/],
};

// ---- strict JSON reading ----

// A strict RFC 8259 parser that also refuses duplicate member names. With
// exact = true numbers become {num: "text"} so integers compare exactly.
function parseStrict(text, exact = false) {
  let i = 0;
  const fail = (what) => { throw new Error(`${what} at offset ${i}`); };
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = {};
      const seen = new Set();
      ws();
      if (text[i] === "}") { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a member name");
        const k = string();
        if (seen.has(k)) fail(`duplicate member name "${k}"`);
        seen.add(k);
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        Object.defineProperty(obj, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]])
      if (text.startsWith(word, i)) { i += word.length; return v; }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail("unexpected character");
    i += m[0].length;
    return exact ? { num: m[0] } : Number(m[0]);
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail("unterminated string");
      if (c < 0x20) fail("raw control character in a string");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape"); i += 6; }
        else if ('"\\/bfnrt'.includes(e)) i += 2;
        else fail("bad escape");
        continue;
      }
      i++;
      if (c === 0x22) return JSON.parse(text.slice(start, i));
    }
  };
  const v = value();
  ws();
  if (i !== text.length) fail("text after the value");
  return v;
}

// Deep equality; {num} pairs compare as integers exactly when both are
// integer literals, else by double value. Returns a path on mismatch.
function differ(a, b, path = "$") {
  const isNum = (x) => x !== null && typeof x === "object" && "num" in x && Object.keys(x).length === 1;
  if (isNum(a) && isNum(b)) {
    const int = /^-?[0-9]+$/;
    if (int.test(a.num) && int.test(b.num)) return BigInt(a.num) === BigInt(b.num) ? null : `${path}: ${a.num} != ${b.num}`;
    return Number(a.num) === Number(b.num) ? null : `${path}: ${a.num} != ${b.num}`;
  }
  if (isNum(a) || isNum(b) || typeof a !== typeof b || a === null || b === null || typeof a !== "object")
    return Object.is(a, b) || (a === b) ? null : `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}: ${a.length} items != ${b.length} items`;
    for (let k = 0; k < a.length; k++) { const d = differ(a[k], b[k], `${path}[${k}]`); if (d) return d; }
    return null;
  }
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  const missing = kb.filter((k) => !(k in a)), extra = ka.filter((k) => !(k in b));
  if (missing.length || extra.length) return `${path}: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`;
  for (const k of ka) { const d = differ(a[k], b[k], `${path}.${k}`); if (d) return d; }
  return null;
}

// ---- the schema: OpenAPI 3.1 components -> one JSON Schema 2020-12 document ----

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONE = ["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "not", "if", "then",
  "else", "contains", "propertyNames", "additionalItems", "contentSchema"];
// OpenAPI-only keywords; Ajv in strict mode would refuse them as unknown.
const OPENAPI_ONLY = new Set(["discriminator", "example", "externalDocs", "xml"]);

// Translates one schema of component `home` (a fresh copy): drops x-* and
// OpenAPI-only keywords, points "#/components/schemas/X" at "#/$defs/X",
// turns OpenAPI 3.0's `nullable: true` (still present in this 3.1 spec)
// into "or null", and mends the few other pre-2020-12 spellings of the
// spec: boolean exclusiveMinimum/Maximum (3.0), $recursiveAnchor /
// $recursiveRef "#" (2019-09; only self-references here) and `required`
// lists naming a property twice.
function translate(s, home) {
  if (Array.isArray(s)) return s.map((sub) => translate(sub, home));
  if (s === null || typeof s !== "object") return s;
  const out = {};
  let nullable = false;
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith("x-") || OPENAPI_ONLY.has(k) || k === "$recursiveAnchor") continue;
    if (k === "nullable") { nullable = v === true; continue; }
    if (k === "$ref") {
      const m = /^#\/components\/schemas\/(.+)$/.exec(v);
      if (!m) throw new Error(`unexpected $ref ${v}`);
      out.$ref = `#/$defs/${m[1]}`;
    } else if (k === "$recursiveRef") {
      if (v !== "#") throw new Error(`unexpected $recursiveRef ${v}`);
      out.$ref = `#/$defs/${home}`;
    } else if ((k === "exclusiveMinimum" || k === "exclusiveMaximum") && typeof v === "boolean") {
      const bound = k === "exclusiveMinimum" ? "minimum" : "maximum";
      if (v && typeof s[bound] === "number") out[k] = s[bound];
    } else if (k === "required" && Array.isArray(v)) {
      out.required = [...new Set(v)];
    } else if (SCHEMA_MAPS.includes(k)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, translate(sub, home)]));
    } else if (SCHEMA_LISTS.includes(k) || SCHEMA_ONE.includes(k)) {
      out[k] = translate(v, home);
    } else {
      out[k] = v; // a keyword with a data value (enum, const, default, minimum...): copied as is
    }
  }
  for (const k of ["exclusiveMinimum", "exclusiveMaximum"]) // 3.0: the bound itself was exclusive
    if (typeof s[k] === "boolean" && s[k]) delete out[k === "exclusiveMinimum" ? "minimum" : "maximum"];
  if (!nullable) return out;
  // {..., nullable: true} -> {anyOf: [{...}, {type: "null"}]}: right whatever the
  // schema holds (type, enum, oneOf, $ref); annotations stay on the outside.
  const inner = { ...out }, outer = {};
  for (const k of ["description", "title", "default", "deprecated", "examples"]) if (k in inner) { outer[k] = inner[k]; delete inner[k]; }
  outer.anyOf = [inner, { type: "null" }];
  return outer;
}

// The closed variant: `unevaluatedProperties: false` on every schema that
// lists properties (or combines others with allOf), except schemas that are
// pieces of such a combination (allOf members, anyOf/oneOf members beside
// `properties` or inside a piece) - closing a piece would refuse its
// siblings' members. A component therefore exists twice: X (closed) and
// X__open (its root left open), and a piece that refers to X refers to
// X__open. Nothing under not/if/contains/propertyNames is closed (that would
// invert its meaning).
function closeAll(defs) {
  const close = (s, isPiece) => {
    if (s === null || typeof s !== "object" || Array.isArray(s)) return s;
    const out = { ...s };
    if (typeof out.$ref === "string" && (isPiece || out.properties)) out.$ref += "__open";
    for (const k of SCHEMA_MAPS) if (out[k]) out[k] = Object.fromEntries(Object.entries(out[k]).map(([n, sub]) => [n, close(sub, false)]));
    if (out.allOf) out.allOf = out.allOf.map((sub) => close(sub, true));
    for (const k of ["anyOf", "oneOf"]) if (out[k]) out[k] = out[k].map((sub) => close(sub, isPiece || !!out.properties));
    if (out.prefixItems) out.prefixItems = out.prefixItems.map((sub) => close(sub, false));
    for (const k of ["items", "additionalProperties", "unevaluatedItems", "then", "else"]) if (out[k]) out[k] = close(out[k], false);
    const open = "additionalProperties" in out || "unevaluatedProperties" in out;
    if (!isPiece && !open && (out.properties || out.allOf)) out.unevaluatedProperties = false;
    return out;
  };
  const out = {};
  for (const [n, d] of Object.entries(defs)) { out[n] = close(d, false); out[`${n}__open`] = close(d, true); }
  return out;
}

// Limits the spec states only in prose (its descriptions), added to the
// closed variant. Each is quoted from this spec; the API enforces them
// (e.g. 400 "Invalid 'tools[0].function.name': string does not match pattern").
//   FunctionObject.name, ResponseFormatJsonSchema json_schema.name: "Must be
//     a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64."
//   Metadata: "Set of 16 key-value pairs ... Keys are strings with a maximum
//     length of 64 characters. Values are strings with a maximum length of 512 characters."
const NAME_RULE = { pattern: "^[a-zA-Z0-9_-]+$", maxLength: 64 };
function addDocumentedLimits(defs, raw) {
  const need = (cond, what) => { if (!cond) throw new Error(`spec changed: ${what}`); };
  const prose = (x) => (x && x.description) || "";
  need(/a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64/.test(prose(raw.FunctionObject.properties.name)), "FunctionObject.name rule");
  need(/a-z, A-Z, 0-9, or contain\s+underscores and dashes, with a maximum length of 64/.test(prose(raw.ResponseFormatJsonSchema.properties.json_schema.properties.name)), "json_schema.name rule");
  const meta = raw.Metadata.anyOf[0];
  need(/Set of 16 key-value pairs/.test(prose(meta)) && /Keys are strings with a maximum length of 64 characters/.test(prose(meta)) &&
       /Values are strings\s+with a maximum length of 512 characters/.test(prose(meta)), "Metadata limits");
  for (const suffix of ["", "__open"]) { // both variants of each component (see closeAll)
    Object.assign(defs[`FunctionObject${suffix}`].properties.name, NAME_RULE);
    Object.assign(defs[`ResponseFormatJsonSchema${suffix}`].properties.json_schema.properties.name, NAME_RULE);
    const m = defs[`Metadata${suffix}`].anyOf[0];
    need(m.type === "object" && m.additionalProperties && m.additionalProperties.type === "string", "Metadata shape");
    Object.assign(m, { maxProperties: 16, propertyNames: { maxLength: 64 }, additionalProperties: { type: "string", maxLength: 512 } });
  }
  return defs;
}

function buildValidators() {
  const text = readFileSync(S.file, "utf8");
  const spec = S.file.endsWith(".json") ? JSON.parse(text) : loadYaml(text);
  const raw = spec?.components?.schemas;
  if (!raw?.[S.root]) throw new Error(`${S.file}: no components.schemas.${S.root}`);
  const translated = Object.fromEntries(Object.entries(raw).map(([n, s]) => [n, translate(s, n)]));
  const defs = S.mend ? S.mend(translated) : translated;
  const ajv = new Ajv2020({
    strict: true,          // unknown keywords are errors: every OpenAPI-ism must be handled above
    strictTypes: false,    // the spec leaves `type` out beside enum/anyOf in places
    strictRequired: false, // `required` naming properties defined in a sibling allOf member
    allowUnionTypes: true,
    allErrors: true,
    validateFormats: true,
  });
  addFormats(ajv); // uri (image_url.url), date...
  for (const f of ["int64", "double", "float", "unixtime", "binary", "byte"]) ajv.addFormat(f, true); // annotations in these specs
  // Registered as whole documents: every $ref of every component resolves.
  ajv.addSchema({ $id: "https://llm-h.test/openai-open", $defs: defs });
  ajv.addSchema({ $id: "https://llm-h.test/openai-closed", $defs: S.limits(closeAll(defs), raw) });
  const open = ajv.compile({ $ref: `https://llm-h.test/openai-open#/$defs/${S.root}` });
  const closed = ajv.compile({ $ref: `https://llm-h.test/openai-closed#/$defs/${S.root}` });
  return { ajv, open, closed };
}

// ---- checking one body ----

// Ajv reports one error per oneOf/anyOf branch tried; the deepest paths name
// the culprit (e.g. /messages/0/content/0/type rather than /messages/0/role
// "must be developer"), so those come first; in the closed check an
// unevaluated (unknown) member is the culprit whatever its depth.
function errorsText(errors) {
  const rank = (e) => (e.keyword === "unevaluatedProperties" ? 1000 : 0) + e.instancePath.split("/").length;
  const list = [...(errors || [])].filter((e) => !["oneOf", "anyOf"].includes(e.keyword)).sort((a, b) => rank(b) - rank(a));
  const lines = [...new Set(list.map((e) => `${e.instancePath || "/"} ${e.message}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`))];
  return lines.slice(0, 4).join("; ") + (lines.length > 4 ? `; (+${lines.length - 4} more)` : "");
}

// -> null when the body is fine, else a description of what is wrong.
function checkBody(v, bodyText, unknown = []) {
  let body;
  try { body = parseStrict(bodyText); } catch (e) { return `not strict JSON: ${e.message}`; }
  if (!v.open(body)) return `schema (open): ${errorsText(v.open.errors)}`;
  const trimmed = { ...body };
  for (const k of unknown) {
    if (!(k in trimmed)) return `member "${k}" (from extra_body) is missing`;
    // only members the spec does not know may be exempted, or the closed check would skip a real one
    if (v.closed({ ...S.probe, [k]: null })) return `"${k}" is a member the spec knows: it cannot be listed as unknown`;
    delete trimmed[k];
  }
  if (!v.closed(trimmed)) return `schema (closed): ${errorsText(v.closed.errors)}`;
  return null;
}

// ---- 1. can the validator be trusted? ----

const GOOD = {
  // written from the API reference (platform.openai.com/docs/api-reference/chat/create)
  model: "gpt-4o",
  messages: [
    { role: "developer", content: "You are a helpful assistant." },
    { role: "user", content: [
      { type: "text", text: "What is in this image?" },
      { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
    ] },
    { role: "assistant", content: null, tool_calls: [
      { id: "call_abc123", type: "function", function: { name: "get_weather", arguments: "{\"location\":\"Paris\"}" } },
    ] },
    { role: "tool", tool_call_id: "call_abc123", content: "{\"temperature\":18}" },
  ],
  tools: [{ type: "function", function: { name: "get_weather", description: "Get the weather",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] }, strict: true } }],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  parallel_tool_calls: false,
  temperature: 0.2, top_p: 1, max_completion_tokens: 256, stop: ["\n\n"], seed: 42, n: 1,
  presence_penalty: 0, frequency_penalty: 0.5, logprobs: true, top_logprobs: 2,
  response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true } },
  reasoning_effort: "low", service_tier: "auto", user: "user-1234", metadata: { app: "demo" },
};
// Each known-bad body is GOOD with one change, so its rejection can only be
// due to that change (GOOD itself must pass, which is checked first).
const GOOD_MESSAGES = { developer: 0, user: 1, assistant: 2, tool: 3 };
const BAD = [
  ["messages missing", (b) => { delete b.messages; }],
  ["model missing", (b) => { delete b.model; }],
  ["messages empty", (b) => { b.messages = []; }],
  ["temperature as a string", (b) => { b.temperature = "0.2"; }],
  ["temperature above 2", (b) => { b.temperature = 3; }],
  ["unknown role wizard", (b) => { b.messages[GOOD_MESSAGES.developer].role = "wizard"; }],
  ["message content as a number", (b) => { b.messages[GOOD_MESSAGES.developer].content = 42; }],
  ["user message without content", (b) => { delete b.messages[GOOD_MESSAGES.user].content; }],
  ["tool message without tool_call_id", (b) => { delete b.messages[GOOD_MESSAGES.tool].tool_call_id; }],
  ["tool_choice sometimes", (b) => { b.tool_choice = "sometimes"; }],
  ["tool without function name", (b) => { delete b.tools[0].function.name; }],
  ["tool_call arguments as an object", (b) => { b.messages[GOOD_MESSAGES.assistant].tool_calls[0].function.arguments = { location: "Paris" }; }],
  ["image detail huge", (b) => { b.messages[GOOD_MESSAGES.user].content[1].image_url.detail = "huge"; }],
  ["image url not a URI", (b) => { b.messages[GOOD_MESSAGES.user].content[1].image_url.url = "not a uri"; }],
  ["stop with 5 sequences", (b) => { b.stop = ["a", "b", "c", "d", "e"]; }],
  ["json_schema without name", (b) => { delete b.response_format.json_schema.name; }],
  ["metadata value a number", (b) => { b.metadata.app = 1; }],
  ["developer message with an image part", (b) => { b.messages[GOOD_MESSAGES.developer].content = [b.messages[GOOD_MESSAGES.user].content[1]]; }],
  ["seed as a float", (b) => { b.seed = 4.5; }],
  ["n zero", (b) => { b.n = 0; }],
];
// rejected only by the closed variant (the published schema leaves objects
// open, and states some limits only in prose)
const BAD_CLOSED = [
  ["unknown top-level member max_token", (b) => { b.max_token = 5; }],
  ["tool_call_id on a user message", (b) => { b.messages[GOOD_MESSAGES.user].tool_call_id = "x"; }],
  ["name on a tool message", (b) => { b.messages[GOOD_MESSAGES.tool].name = "get_weather"; }],
  ["unknown member in a content part", (b) => { b.messages[GOOD_MESSAGES.user].content[0].detail = "low"; }],
  ["unknown member in a tool function", (b) => { b.tools[0].function.params = {}; }],
  ["unknown member in json_schema", (b) => { b.response_format.json_schema.schemas = {}; }],
  // ... and at every other level the encoder writes objects
  ["unknown member in image_url", (b) => { b.messages[GOOD_MESSAGES.user].content[1].image_url.size = 1; }],
  ["unknown member in an image part", (b) => { b.messages[GOOD_MESSAGES.user].content[1].detail = "low"; }],
  ["unknown member in a developer message", (b) => { b.messages[GOOD_MESSAGES.developer].tool_calls = []; }],
  ["unknown member in an assistant message", (b) => { b.messages[GOOD_MESSAGES.assistant].tool_call_id = "x"; }],
  ["unknown member in a tool call", (b) => { b.messages[GOOD_MESSAGES.assistant].tool_calls[0].index = 0; }],
  ["unknown member in a tool call's function", (b) => { b.messages[GOOD_MESSAGES.assistant].tool_calls[0].function.id = "x"; }],
  ["unknown member in a tool", (b) => { b.tools[0].name = "get_weather"; }],
  ["unknown member in tool_choice", (b) => { b.tool_choice.name = "get_weather"; }],
  ["unknown member in tool_choice.function", (b) => { b.tool_choice.function.arguments = "{}"; }],
  ["unknown member in response_format", (b) => { b.response_format.schema = {}; }],
  ["unknown member in a json_object response_format", (b) => { b.response_format = { type: "json_object", schema: {} }; }],
  ["function name with a dot (documented pattern)", (b) => { b.tools[0].function.name = "get.weather"; }],
  ["function name of 65 characters", (b) => { b.tools[0].function.name = "f".repeat(65); }],
  ["json_schema name with a space", (b) => { b.response_format.json_schema.name = "my answer"; }],
  ["17 metadata pairs", (b) => { for (let k = 0; k < 17; k++) b.metadata[`k${k}`] = "v"; }],
  ["metadata value of 513 characters", (b) => { b.metadata.app = "v".repeat(513); }],
];
const mutated = (change) => { const b = structuredClone(S.good); change(b); return b; };

function proveValidator(v) {
  const problems = [];
  const good = JSON.stringify(S.good);
  const why = checkBody(v, good);
  if (why) problems.push(`known-good body rejected: ${why}`);
  for (const [what, change] of S.bad) {
    const body = mutated(change);
    if (v.open(body)) problems.push(`known-bad body accepted (open): ${what}`);
    if (v.closed(body)) problems.push(`known-bad body accepted (closed): ${what}`);
  }
  for (const [what, change] of S.badClosed) {
    const body = mutated(change);
    if (!v.open(body)) problems.push(`body rejected by the published schema, expected only the closed one to: ${what}`);
    if (v.closed(body)) problems.push(`known-bad body accepted (closed): ${what}`);
  }
  // the strict reader
  for (const [what, text] of [["duplicate member", '{"a":1,"a":2}'], ["trailing comma", '{"a":1,}'], ["NaN", '{"a":NaN}']]) {
    try { parseStrict(text); problems.push(`strict reader accepted ${what}`); } catch { /* refused: good */ }
  }
  if (differ(parseStrict('{"a":9223372036854775807}', true), parseStrict('{"a":9223372036854775806}', true)) === null)
    problems.push("exact comparison confused two int64 values");
  if (differ(parseStrict('{"b":[1.0,"x"],"a":2e0}', true), parseStrict('{"a":2,"b":[1,"x"]}', true)) !== null)
    problems.push("semantic comparison depends on key order or number spelling");
  return { problems, count: 1 + 2 * S.bad.length + S.badClosed.length + 5 };
}

// ---- OpenRouter (--spec openrouter) ----

// Written from OpenRouter's API reference (openrouter.ai/docs/api-reference,
// "Create a chat completion", and the provider routing and model fallback
// guides), in the shape OpenRouter documents; the messages are GOOD's, so
// the mutations below point at the same places.
const GOOD_OPENROUTER = {
  model: "openai/gpt-4o",
  models: ["openai/gpt-4o", "anthropic/claude-sonnet-4.5"],
  provider: { order: ["openai", "azure"], allow_fallbacks: false, data_collection: "deny" },
  messages: structuredClone(GOOD.messages),
  tools: structuredClone(GOOD.tools),
  tool_choice: { type: "function", function: { name: "get_weather" } },
  parallel_tool_calls: false,
  temperature: 0.2, top_p: 1, max_completion_tokens: 256, stop: ["\n\n"], seed: 42,
  presence_penalty: 0, frequency_penalty: 0.5, logprobs: true, top_logprobs: 2,
  response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true } },
  reasoning_effort: "low", service_tier: "auto", user: "user-1234", metadata: { app: "demo" },
};
// OpenAI's known-bad bodies that OpenRouter's schema accepts, and why: it
// does not require `model` (an account default applies), states the
// temperature range only in prose, gives image URLs no format, has no `n`
// (refused below by the closed variant) and limits function and schema
// names only by length, in the schema itself (refused by both variants).
const OPENAI_ONLY_BAD = new Set(["model missing", "temperature above 2", "image url not a URI", "n zero"]);
const OPENAI_ONLY_BAD_CLOSED = new Set(["function name with a dot (documented pattern)", "json_schema name with a space",
  "function name of 65 characters"]);
const BAD_OPENROUTER = [
  ...BAD.filter(([what]) => !OPENAI_ONLY_BAD.has(what)),
  ["models as a string", (b) => { b.models = "openai/gpt-4o"; }],
  ["provider.order as a string", (b) => { b.provider.order = "openai"; }],
  ["provider.allow_fallbacks as a string", (b) => { b.provider.allow_fallbacks = "no"; }],
  ["reasoning_effort extreme", (b) => { b.reasoning_effort = "extreme"; }],
  ["function name of 65 characters", (b) => { b.tools[0].function.name = "f".repeat(65); }],
  ["unknown member in provider", (b) => { b.provider.order_by = ["price"]; }],
];
const BAD_CLOSED_OPENROUTER = [
  ...BAD_CLOSED.filter(([what]) => !OPENAI_ONLY_BAD_CLOSED.has(what)),
  ["n (OpenRouter has none)", (b) => { b.n = 1; }],
];
// Limits OpenRouter's ChatRequest states in prose: metadata "max 16 pairs,
// 64 char keys, 512 char values".
function addOpenRouterLimits(defs, raw) {
  const prose = raw.ChatRequest.properties.metadata.description || "";
  if (!/max 16 pairs, 64 char keys, 512 char values/.test(prose)) throw new Error("spec changed: ChatRequest.metadata limits");
  for (const suffix of ["", "__open"])
    Object.assign(defs[`ChatRequest${suffix}`].properties.metadata,
      { maxProperties: 16, propertyNames: { maxLength: 64 }, additionalProperties: { type: "string", maxLength: 512 } });
  return defs;
}
const EXPECTED_FAILURES_OPENROUTER = {
  stop_five: EXPECTED_FAILURES_OPENAI.stop_five,
  metadata_seventeen_pairs: EXPECTED_FAILURES_OPENAI.metadata_seventeen_pairs,
};

// ---- Anthropic (--spec anthropic) ----

// Written from Anthropic's API reference (docs.claude.com/en/api/messages):
// a system prompt with a cache marker, an image, a document, a tool call and
// its result, thinking sent back, tools, tool_choice, sampling, metadata.
const GOOD_ANTHROPIC = {
  model: "claude-sonnet-4-5",
  max_tokens: 1024,
  system: [{ type: "text", text: "You are a helpful assistant.", cache_control: { type: "ephemeral", ttl: "1h" } }],
  messages: [
    { role: "user", content: [
      { type: "text", text: "What is in this image?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "document", source: { type: "url", url: "https://example.com/report.pdf" }, title: "report.pdf" },
    ] },
    { role: "assistant", content: [
      { type: "thinking", thinking: "I should look up the weather.", signature: "EqQBCgIYAhIM" },
      { type: "tool_use", id: "toolu_01", name: "get_weather", input: { location: "Paris" } },
    ] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: "18 C" }, { type: "text", text: "Thanks" }] },
  ],
  tools: [{ name: "get_weather", description: "Get the weather",
    input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] } }],
  tool_choice: { type: "auto", disable_parallel_tool_use: true },
  thinking: { type: "enabled", budget_tokens: 1024 },
  stop_sequences: ["END"], temperature: 1, top_p: 0.95, metadata: { user_id: "user-1234" }, service_tier: "auto",
};
const A = { user: 0, assistant: 1, results: 2 };
const BAD_ANTHROPIC = [
  ["max_tokens missing", (b) => { delete b.max_tokens; }],
  ["messages missing", (b) => { delete b.messages; }],
  ["model missing", (b) => { delete b.model; }],
  ["a system role in messages", (b) => { b.messages[A.user].role = "system"; }],
  ["content as a number", (b) => { b.messages[A.user].content = 5; }],
  ["image media type bmp", (b) => { b.messages[A.user].content[1].source.media_type = "image/bmp"; }],
  ["tool without input_schema", (b) => { delete b.tools[0].input_schema; }],
  ["tool name with a dot", (b) => { b.tools[0].name = "get.weather"; }],
  ["tool_choice type required", (b) => { b.tool_choice.type = "required"; }],
  ["thinking budget below 1024", (b) => { b.thinking.budget_tokens = 500; }],
  ["temperature as a string", (b) => { b.temperature = "1"; }],
  ["unknown top-level member", (b) => { b.max_token = 5; }],
  ["stop_sequences as a string", (b) => { b.stop_sequences = "END"; }],
  ["metadata member other than user_id", (b) => { b.metadata.app = "demo"; }],
  ["cache_control ttl 2h", (b) => { b.system[0].cache_control.ttl = "2h"; }],
  ["tool_use input as a string", (b) => { b.messages[A.assistant].content[1].input = "{}"; }],
  ["tool_result without tool_use_id", (b) => { delete b.messages[A.results].content[0].tool_use_id; }],
  ["thinking block without signature", (b) => { delete b.messages[A.assistant].content[0].signature; }],
  ["document media type text/html", (b) => { b.messages[A.user].content[2].source = { type: "base64", media_type: "text/html", data: "PGI+" }; }],
  ["service_tier flex", (b) => { b.service_tier = "flex"; }],
  ["unknown member in a text block", (b) => { b.messages[A.results].content[1].detail = "low"; }],
];
const EXPECTED_FAILURES_ANTHROPIC = {};

// ---- Anthropic's token count (--spec anthropic-count) ----

// POST /v1/messages/count_tokens: components.schemas.CountMessageTokensParams
// (additionalProperties: false), whose members are model, messages, system,
// tools, tool_choice, thinking, output_config and cache_control: the good
// body is GOOD_ANTHROPIC without what a count does not take. Its known-bad
// bodies put back, one at a time, what CreateMessageParams allows and it
// does not (max_tokens first), besides GOOD_ANTHROPIC's own faults.
const { max_tokens: _m, stop_sequences: _s, temperature: _t, top_p: _p, metadata: _d, service_tier: _st,
  ...GOOD_ANTHROPIC_COUNT } = GOOD_ANTHROPIC;
GOOD_ANTHROPIC_COUNT.cache_control = { type: "ephemeral" };
const BAD_ANTHROPIC_COUNT = [
  ["max_tokens (a Messages member, not a count's)", (b) => { b.max_tokens = 1024; }],
  ["temperature", (b) => { b.temperature = 1; }],
  ["top_p", (b) => { b.top_p = 0.9; }],
  ["top_k", (b) => { b.top_k = 5; }],
  ["stop_sequences", (b) => { b.stop_sequences = ["END"]; }],
  ["metadata", (b) => { b.metadata = { user_id: "user-1234" }; }],
  ["stream", (b) => { b.stream = false; }],
  ["service_tier", (b) => { b.service_tier = "auto"; }],
  ...BAD_ANTHROPIC.filter(([what]) => !["max_tokens missing", "temperature as a string", "stop_sequences as a string",
    "metadata member other than user_id", "service_tier flex"].includes(what)),
];

// ---- OpenAI's Responses API (--spec responses) ----

// Written from the API reference (platform.openai.com/docs/api-reference/
// responses/create) and the spec's CreateResponse and its parts: a
// developer message, an image and a file, a reasoning item sent back with
// its encrypted content, a function call and its output, an earlier answer,
// a flat function tool, a named tool choice, a JSON schema, reasoning.
const GOOD_RESPONSES = {
  model: "o4-mini",
  input: [
    { type: "message", role: "developer", content: "You are a helpful assistant." },
    { type: "message", role: "user", content: [
      { type: "input_text", text: "What is in this image?" },
      { type: "input_image", image_url: "https://example.com/cat.png", detail: "low" },
      { type: "input_file", file_data: "data:application/pdf;base64,JVBERi0=", filename: "report.pdf" },
    ] },
    { type: "reasoning", id: "rs_abc123", summary: [{ type: "summary_text", text: "**Weather**" }], encrypted_content: "gAAAAA==" },
    { type: "function_call", call_id: "call_abc123", name: "get_weather", arguments: "{\"location\":\"Paris\"}" },
    { type: "function_call_output", call_id: "call_abc123", output: "{\"temperature\":18}" },
    { type: "message", role: "assistant", content: "It is 18 C in Paris." },
  ],
  tools: [{ type: "function", name: "get_weather", description: "Get the weather",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] }, strict: true }],
  tool_choice: { type: "function", name: "get_weather" },
  parallel_tool_calls: false, temperature: 0.2, top_p: 1, max_output_tokens: 256, top_logprobs: 2,
  text: { format: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true } },
  reasoning: { effort: "low", summary: "auto" }, include: ["reasoning.encrypted_content"],
  store: false, previous_response_id: "resp_123", service_tier: "auto", user: "user-1234", metadata: { app: "demo" }, stream: true,
};
const R = { developer: 0, user: 1, reasoning: 2, call: 3, output: 4, assistant: 5 };
const BAD_RESPONSES = [
  ["input as a number", (b) => { b.input = 5; }],
  ["unknown role wizard", (b) => { b.input[R.developer].role = "wizard"; }],
  ["message content as a number", (b) => { b.input[R.developer].content = 42; }],
  ["unknown input item type", (b) => { b.input[R.developer].type = "memo"; }],
  ["image without detail (required)", (b) => { delete b.input[R.user].content[1].detail; }],
  ["image detail huge", (b) => { b.input[R.user].content[1].detail = "huge"; }],
  ["image_url as an object (chat's)", (b) => { b.input[R.user].content[1].image_url = { url: "https://example.com/cat.png" }; }],
  ["content part of chat's type text", (b) => { b.input[R.user].content[0].type = "text"; }],
  ["function_call without call_id", (b) => { delete b.input[R.call].call_id; }],
  ["function_call arguments as an object", (b) => { b.input[R.call].arguments = { location: "Paris" }; }],
  ["function_call_output without output", (b) => { delete b.input[R.output].output; }],
  ["function_call_output call_id of 65 characters", (b) => { b.input[R.output].call_id = "c".repeat(65); }],
  ["reasoning item without summary", (b) => { delete b.input[R.reasoning].summary; }],
  ["reasoning item without id", (b) => { delete b.input[R.reasoning].id; }],
  ["reasoning summary part of type text", (b) => { b.input[R.reasoning].summary[0].type = "text"; }],
  ["function tool without strict (required)", (b) => { delete b.tools[0].strict; }],
  ["function tool in chat's nested form", (b) => { b.tools[0] = { type: "function", function: { name: "get_weather", parameters: {} } }; }],
  ["tool_choice function without name", (b) => { delete b.tool_choice.name; }],
  ["tool_choice mode sometimes", (b) => { b.tool_choice = "sometimes"; }],
  ["temperature above 2", (b) => { b.temperature = 3; }],
  ["reasoning effort extreme", (b) => { b.reasoning.effort = "extreme"; }],
  ["reasoning summary verbose", (b) => { b.reasoning.summary = "verbose"; }],
  ["include of an unknown value", (b) => { b.include = ["reasoning.plaintext"]; }],
  ["text.format json_schema without name", (b) => { delete b.text.format.name; }],
  ["store as a string", (b) => { b.store = "false"; }],
  ["max_output_tokens as a string", (b) => { b.max_output_tokens = "256"; }],
];
const BAD_CLOSED_RESPONSES = [
  ["messages (chat's) at the top level", (b) => { b.messages = [{ role: "user", content: "Hi" }]; }],
  ["max_tokens (chat's)", (b) => { b.max_tokens = 5; }],
  ["max_completion_tokens (chat's)", (b) => { b.max_completion_tokens = 5; }],
  ["response_format (chat's)", (b) => { b.response_format = { type: "json_object" }; }],
  ["stop (chat's)", (b) => { b.stop = ["\n"]; }],
  ["unknown member in a function_call item", (b) => { b.input[R.call].function = { name: "get_weather" }; }],
  ["unknown member in an input_text part", (b) => { b.input[R.user].content[0].detail = "low"; }],
  ["unknown member in a function tool", (b) => { b.tools[0].function = { name: "get_weather" }; }],
  ["unknown member in a reasoning item", (b) => { b.input[R.reasoning].signature = "x"; }],
];
// The spec's InputItem is a oneOf of EasyInputMessage and Item (among
// others), and Item's own oneOf holds InputMessage: a message whose
// content is a list ({type: "message", role: "user", content: [parts]})
// is both an EasyInputMessage and an InputMessage, so no such body can
// pass a oneOf, although both shapes describe it alike. Here that one
// oneOf, InputItem's, is an anyOf (one branch or more); every other oneOf
// stays exact, and the known-bad input items above must still fail.
function mendResponses(defs) {
  const item = defs.InputItem;
  if (!item || !Array.isArray(item.oneOf)) throw new Error("spec changed: InputItem is no longer a oneOf");
  item.anyOf = item.oneOf;
  delete item.oneOf;
  return defs;
}
// A Responses-API answer's earlier turn as the API takes it (its own
// output items sent back; Codex and the openai SDKs send assistant text
// this way), which the spec only allows with the output's id and status.
const EXPECTED_FAILURES_RESPONSES = {
  assistant_text_parts: ["an assistant turn of several text parts goes as output_text parts without id and status (the spec's OutputMessage requires both; an EasyInputMessage takes input parts only)", /\/input\/1/],
};


// ---- the answers llm.h writes (--spec answers, --spec chunks) ----

// llm_response_write_openai's chat.completion objects and
// llm_openai_chunk_write_event's chat.completion.chunk objects
// (build/answer_matrix [--chunks]) against the spec's
// CreateChatCompletionResponse and CreateChatCompletionStreamResponse.
// Written from the spec's own examples of the chat completion object and
// the chat completion chunk object (x-oaiMeta), usage details included.
const GOOD_ANSWER = {
  id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", object: "chat.completion", created: 1741570283,
  model: "gpt-4o-2024-08-06",
  choices: [{ index: 0, message: { role: "assistant", content: "The image shows a wooden boardwalk.", refusal: null,
    annotations: [], tool_calls: [{ id: "call_abc123", type: "function",
      function: { name: "get_weather", arguments: "{\"location\":\"Paris\"}" } }] },
    logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 1117, completion_tokens: 46, total_tokens: 1163,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0 } },
  service_tier: "default", system_fingerprint: "fp_fc9f1d7035",
};
const BAD_ANSWER = [
  ["object chat.completion.chunk", (b) => { b.object = "chat.completion.chunk"; }],
  ["choices missing", (b) => { delete b.choices; }],
  ["created as a string", (b) => { b.created = "1741570283"; }],
  ["finish_reason error (not OpenAI's word)", (b) => { b.choices[0].finish_reason = "error"; }],
  ["finish_reason null in a whole answer", (b) => { b.choices[0].finish_reason = null; }],
  ["logprobs missing", (b) => { delete b.choices[0].logprobs; }],
  ["message role user", (b) => { b.choices[0].message.role = "user"; }],
  ["tool call type tool", (b) => { b.choices[0].message.tool_calls[0].type = "tool"; }],
  ["usage total_tokens missing", (b) => { delete b.usage.total_tokens; }],
  ["service_tier standard (Anthropic's word)", (b) => { b.service_tier = "standard"; }],
];
const BAD_CLOSED_ANSWER = [
  ["unknown top-level member", (b) => { b.provider = "anthropic"; }],
  ["unknown member in a message", (b) => { b.choices[0].message.reasoning = "..."; }],
  ["unknown member in a choice", (b) => { b.choices[0].delta = {}; }],
  ["unknown member in usage", (b) => { b.usage.cost = 0.1; }],
];
const GOOD_CHUNK = {
  id: "chatcmpl-123", object: "chat.completion.chunk", created: 1694268190, model: "gpt-4o-mini",
  system_fingerprint: "fp_44709d6fcb",
  choices: [{ index: 0, delta: { role: "assistant", content: "", tool_calls: [{ index: 0, id: "call_abc123",
    type: "function", function: { name: "get_weather", arguments: "" } }] }, logprobs: null, finish_reason: null }],
};
const BAD_CHUNK = [
  ["object chat.completion", (b) => { b.object = "chat.completion"; }],
  ["delta missing", (b) => { delete b.choices[0].delta; }],
  ["choice index missing", (b) => { delete b.choices[0].index; }],
  ["finish_reason error", (b) => { b.choices[0].finish_reason = "error"; }],
  ["tool call delta without index", (b) => { delete b.choices[0].delta.tool_calls[0].index; }],
  ["usage as a number", (b) => { b.usage = 3; }],
];
const BAD_CLOSED_CHUNK = [
  ["unknown member in a delta", (b) => { b.choices[0].delta.text = "x"; }],
  ["unknown member in a chunk", (b) => { b.provider = "anthropic"; }],
];
// The one member the writers add beyond the spec, on purpose: the reasoning
// text as reasoning_content, where LiteLLM and other OpenAI-compatible
// servers put it (an SDK keeps it as an extra member).
function mendAnswers(defs) {
  for (const n of ["ChatCompletionResponseMessage", "ChatCompletionStreamResponseDelta"]) {
    if (!defs[n] || !defs[n].properties || defs[n].properties.reasoning_content) throw new Error(`spec changed: ${n}`);
    defs[n].properties.reasoning_content = { type: "string" };
  }
  return defs;
}

const SPECS = {
  openai: { file: join(here, "..", "data", "openai-openapi.yaml"), root: "CreateChatCompletionRequest", good: GOOD, bad: BAD,
    badClosed: BAD_CLOSED, limits: addDocumentedLimits, expectedFailures: EXPECTED_FAILURES_OPENAI, expectedDir: join(here, "expected"),
    probe: { model: "gpt-4o", messages: [{ role: "user", content: "x" }] } },
  openrouter: { file: join(here, "..", "data", "openrouter-openapi.yaml"), root: "ChatRequest", good: GOOD_OPENROUTER, bad: BAD_OPENROUTER,
    badClosed: BAD_CLOSED_OPENROUTER, limits: addOpenRouterLimits, expectedFailures: EXPECTED_FAILURES_OPENROUTER,
    expectedDir: join(here, "expected_openrouter"), probe: { model: "openai/gpt-4o", messages: [{ role: "user", content: "x" }] } },
  responses: { file: join(here, "..", "data", "openai-openapi.yaml"), root: "CreateResponse", good: GOOD_RESPONSES, bad: BAD_RESPONSES,
    badClosed: BAD_CLOSED_RESPONSES, limits: (defs) => defs, mend: mendResponses, expectedFailures: EXPECTED_FAILURES_RESPONSES,
    expectedDir: join(here, "expected_responses"), probe: { model: "gpt-4o", input: "x" } },
  anthropic: { file: join(here, "..", "data", "anthropic-openapi.json"), root: "CreateMessageParams", good: GOOD_ANTHROPIC, bad: BAD_ANTHROPIC,
    badClosed: [], limits: (defs) => defs, expectedFailures: EXPECTED_FAILURES_ANTHROPIC, expectedDir: join(here, "expected_anthropic"),
    probe: { model: "claude-sonnet-4-5", max_tokens: 1, messages: [{ role: "user", content: "x" }] } },
  "anthropic-count": { file: join(here, "..", "data", "anthropic-openapi.json"), root: "CountMessageTokensParams",
    good: GOOD_ANTHROPIC_COUNT, bad: BAD_ANTHROPIC_COUNT, badClosed: [], limits: (defs) => defs, expectedFailures: {},
    expectedDir: join(here, "expected_anthropic_count"),
    probe: { model: "claude-sonnet-4-5", messages: [{ role: "user", content: "x" }] } },
  answers: { file: join(here, "..", "data", "openai-openapi.yaml"), root: "CreateChatCompletionResponse", good: GOOD_ANSWER,
    bad: BAD_ANSWER, badClosed: BAD_CLOSED_ANSWER, limits: (defs) => defs, mend: mendAnswers, expectedFailures: {},
    expectedDir: null, probe: {} },
  chunks: { file: join(here, "..", "data", "openai-openapi.yaml"), root: "CreateChatCompletionStreamResponse", good: GOOD_CHUNK,
    bad: BAD_CHUNK, badClosed: BAD_CLOSED_CHUNK, limits: (defs) => defs, mend: mendAnswers, expectedFailures: {},
    expectedDir: null, probe: {} },
};

// ---- main ----

function main() {
  const args = process.argv.slice(2);
  const specName = args[0] === "--spec" ? args[1] : "openai";
  const inputFile = args[0] === "--spec" ? args[2] : args[0];
  S = SPECS[specName];
  if (!S) { console.log(`unknown --spec ${specName} (openai, openrouter, anthropic, anthropic-count, responses, answers, chunks)`); process.exit(2); }
  const EXPECTED_FAILURES = S.expectedFailures;
  let v;
  try { v = buildValidators(); } catch (e) {
    console.log(`validator cannot be trusted: the schema does not compile: ${e.message}`);
    console.log("0 passed, 1 failed");
    process.exit(2);
  }
  const proof = proveValidator(v);
  if (proof.problems.length) {
    for (const p of proof.problems) console.log(`  ${p}`);
    console.log("validator cannot be trusted");
    console.log("0 passed, 1 failed");
    process.exit(2);
  }
  console.log(`validator self-check (${specName}: ${S.root}): ${proof.count} checks ok (${S.bad.length} known-bad bodies rejected by both variants, ` +
    `${S.badClosed.length} more by the closed one, the known-good body accepted)`);

  // the matrix: valid UTF-8, one JSON value per entry (normally one per
  // line, but a body may hold newlines as whitespace), then {"end": ...}
  const input = inputFile ? readFileSync(inputFile) : readFileSync(0);
  let text;
  try { text = new TextDecoder("utf-8", { fatal: true }).decode(input); } catch {
    console.log("the matrix output is not valid UTF-8");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  let passed = 0, failed = 0, xfailed = 0, end = null;
  const bodies = new Map(), unknowns = new Map();
  const seenXfail = new Set();
  for (const item of splitValues(text)) {
    let entry;
    // the entry as a whole is read leniently: the body's strictness is checked below, on its own text
    try { entry = JSON.parse(item); } catch (e) { console.log(`FAIL matrix output is not JSON (${e.message}): ${item.slice(0, 200)}`); failed++; continue; }
    if (entry.end) { end = entry.end; continue; }
    const name = entry.name;
    if (typeof name !== "string" || bodies.has(name)) { console.log(`FAIL ${name}: missing or duplicate entry name`); failed++; continue; }
    const bodyText = memberText(item, "body"); // the body exactly as the encoder wrote it
    bodies.set(name, bodyText);
    unknowns.set(name, entry.unknown || []);
    const why = checkBody(v, bodyText, entry.unknown || []);
    const [xf, xfMatch, xfStage = "schema"] = EXPECTED_FAILURES[name] || [];
    if (xf) seenXfail.add(name);
    if (xf && xfStage !== "schema") { if (why) { failed++; console.log(`FAIL ${name}: ${why}`); } else passed++; continue; }
    if (why && xf && !xfMatch.test(why)) { failed++; console.log(`FAIL ${name}: fails, but not as listed in EXPECTED_FAILURES (${xfMatch}): ${why}`); }
    else if (why && xf) { xfailed++; console.log(`xfail ${name}: ${xf}\n      ${why}`); }
    else if (why) { failed++; console.log(`FAIL ${name}: ${why}\n      body: ${bodyText.length > 800 ? bodyText.slice(0, 800) + "..." : bodyText}`); }
    else if (xf) { failed++; console.log(`XPASS ${name}: listed in EXPECTED_FAILURES (${xf}) but now valid: remove it from the list`); }
    else passed++;
  }
  for (const name of Object.keys(EXPECTED_FAILURES))
    if (!seenXfail.has(name)) { failed++; console.log(`FAIL ${name}: in EXPECTED_FAILURES but not in the matrix`); }
  if (!end) { failed++; console.log("FAIL the matrix did not finish (no end line: encode_matrix crashed or stopped)"); }
  else if (end.failures !== 0) { failed++; console.log(`FAIL encode_matrix reported ${end.failures} failure(s) of its own checks (see its stderr)`); }

  // hand-written bodies
  let compared = 0;
  const EXPECTED_DIR = S.expectedDir;
  for (const file of EXPECTED_DIR && existsSync(EXPECTED_DIR) ? readdirSync(EXPECTED_DIR).filter((f) => f.endsWith(".json")).sort() : []) {
    const name = file.slice(0, -5);
    const want = readFileSync(join(EXPECTED_DIR, file), "utf8");
    const whyWant = checkBody(v, want, unknowns.get(name) || []);
    if (whyWant) { failed++; console.log(`FAIL expected/${file} is itself not a valid request: ${whyWant}`); continue; }
    if (!bodies.has(name)) { failed++; console.log(`FAIL expected/${file}: no matrix entry "${name}"`); continue; }
    const d = differ(parseStrict(bodies.get(name), true), parseStrict(want, true));
    const [xf, xfMatch, xfStage] = EXPECTED_FAILURES[name] || [];
    if (xfStage === "expected") {
      if (d && xfMatch.test(d)) { xfailed++; console.log(`xfail ${name}: ${xf}\n      ${d}`); }
      else if (d) { failed++; console.log(`FAIL ${name}: differs from expected/${file}, not as listed in EXPECTED_FAILURES: ${d}`); }
      else { failed++; console.log(`XPASS ${name}: listed in EXPECTED_FAILURES (${xf}) but now equal to expected/${file}: remove it from the list`); }
    } else if (d) { failed++; console.log(`FAIL ${name}: differs from expected/${file}: ${d}\n      body: ${bodies.get(name)}`); }
    else { passed++; compared++; }
  }
  for (const [name, [, , stage]] of Object.entries(EXPECTED_FAILURES))
    if (stage === "expected" && EXPECTED_DIR && !existsSync(join(EXPECTED_DIR, `${name}.json`))) { failed++; console.log(`FAIL ${name}: in EXPECTED_FAILURES for its expected/ body, which is missing`); }
  console.log(`matrix: ${bodies.size} bodies (${end ? end.refusals : "?"} refused requests checked by encode_matrix), ` +
    `${xfailed} expected failures (deliberate pass-through, see EXPECTED_FAILURES), ${compared} equal to hand-written bodies`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// End of the JSON value starting at text[k] (an object or array; strings
// skipped with their escapes); -1 when it does not end.
function valueEnd(text, k) {
  let depth = 0, inStr = false;
  for (; k < text.length; k++) {
    const c = text[k];
    if (inStr) { if (c === "\\") k++; else if (c === '"') inStr = false; continue; }
    if (c === '"') inStr = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") { if (--depth === 0) return k + 1; }
  }
  return -1;
}

// The top-level values of a stream of JSON objects separated by whitespace.
function splitValues(text) {
  const out = [];
  for (let k = 0; k < text.length;) {
    if (" \t\r\n".includes(text[k])) { k++; continue; }
    const e = text[k] === "{" ? valueEnd(text, k) : -1;
    if (e < 0) { out.push(text.slice(k)); break; } // reported as not JSON
    out.push(text.slice(k, e));
    k = e;
  }
  return out;
}

// The raw text of member `key` of one entry. encode_matrix writes
// {"name":"...","body":<body>,...} compactly, so the first `"body":` after the
// name string is the member (a name never holds a quote).
function memberText(item, key) {
  const at = item.indexOf(`"${key}":`);
  if (at < 0) return "";
  const start = at + key.length + 3;
  const e = valueEnd(item, start);
  return e < 0 ? "" : item.slice(start, e);
}

main();
