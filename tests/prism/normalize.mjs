// normalize.mjs IN OUT: writes a copy of the OpenAPI spec IN (YAML or JSON)
// to OUT (JSON, which Prism also reads), rewritten so that Prism validates it.
//
// Why: Prism turns each schema into JSON Schema and compiles it with ajv; when
// ajv refuses a schema, Prism swallows the error and skips validating that
// body. The specs in tests/data are OpenAPI 3.1 documents that still use
// OpenAPI 3.0 keywords, which ajv refuses:
//   - `nullable: true` without `type` (ajv: "nullable" cannot be used without
//     "type"); that is how OpenAI's CreateChatCompletionRequest fails whole.
//   - `exclusiveMinimum: true` (boolean, 3.0 style); 3.1 wants a number.
//   - `required` lists naming a property twice (OpenAI's container schemas;
//     ajv: "must NOT have duplicate items"; only response checks suffer).
// So, in every schema object:
//   - `nullable: true` becomes the 3.1 form: "null" is added to `type` (and
//     to `enum`, if any, since an enum limits values regardless of type); with
//     no `type`, the schema is wrapped as anyOf [the schema, {type: "null"}]
//     (for $ref/allOf/anyOf/oneOf; a schema with no type and no composition
//     already accepts null). `nullable: false` is dropped.
//   - boolean `exclusiveMinimum/exclusiveMaximum` become numbers, taking the
//     value of `minimum/maximum`.
//   - duplicates are dropped from `required` lists.
//   - Prism's mock ignores the path part of `servers` (OpenAI's is
//     "https://api.openai.com/v1", its paths "/chat/completions"), so that
//     path part is prefixed to every key of `paths` and `servers` is
//     dropped: a client with base URL http://127.0.0.1:PORT/v1 then hits
//     /v1/chat/completions, as with the real API.
import { readFileSync, writeFileSync } from "node:fs";
import { load as loadYaml } from "js-yaml";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node normalize.mjs IN.yaml|IN.json OUT.json");
  process.exit(2);
}
const text = readFileSync(input, "utf8");
const spec = input.endsWith(".json") ? JSON.parse(text) : loadYaml(text);
const counts = { nullable: 0, exclusive: 0, required: 0 };

// Keywords that describe a schema rather than constrain it: they stay on the
// outer schema when it is wrapped in anyOf.
const ANNOTATIONS = ["title", "description", "default", "example", "examples",
  "deprecated", "readOnly", "writeOnly", "externalDocs"];

function fixSchema(s) {
  if (Array.isArray(s.required) && new Set(s.required).size < s.required.length) {
    counts.required++;
    s.required = [...new Set(s.required)];
  }
  for (const [bool, num] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]]) {
    if (typeof s[bool] === "boolean") {
      counts.exclusive++;
      if (s[bool] && typeof s[num] === "number") { s[bool] = s[num]; delete s[num]; }
      else delete s[bool];
    }
  }
  if (typeof s.nullable !== "boolean") return s;  // (a property named "nullable" is no flag)
  const nullable = s.nullable === true;
  delete s.nullable;
  if (!nullable) return s;
  counts.nullable++;
  if ("type" in s) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.includes("null")) s.type = [...types, "null"];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum.push(null);
    return s;
  }
  if (!("$ref" in s || "allOf" in s || "anyOf" in s || "oneOf" in s)) return s;
  const outer = {};
  for (const k of ANNOTATIONS) if (k in s) { outer[k] = s[k]; delete s[k]; }
  return { ...outer, anyOf: [s, { type: "null" }] };
}

// Walks the whole document, children first: these keywords, with these
// value types, only occur in schema objects, so no need to know where
// schemas live.
function walk(node) {
  if (Array.isArray(node)) return node.map(walk);
  if (node === null || typeof node !== "object") return node;
  for (const k of Object.keys(node)) node[k] = walk(node[k]);
  return fixSchema(node);
}

const out = walk(spec);
const base = out.servers?.length ? new URL(out.servers[0].url).pathname.replace(/\/+$/, "") : "";
if (base) out.paths = Object.fromEntries(Object.entries(out.paths).map(([k, v]) => [base + k, v]));
delete out.servers;
writeFileSync(output, JSON.stringify(out));
console.error(`normalize: ${input} -> ${output}: rewrote ${counts.nullable} nullable, ` +
  `${counts.exclusive} boolean exclusiveMinimum/Maximum, ${counts.required} duplicate-laden required; ` +
  `paths prefixed with "${base}"`);
