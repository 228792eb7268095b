// The OTLP/HTTP JSON validator of check-otlp: validate(path, contentType,
// text) returns the problems of one request (none: valid) against the
// opentelemetry-proto definitions (the .proto files shipped in
// @opentelemetry/otlp-grpc-exporter-base, loaded with protobufjs) and the
// OTLP/HTTP JSON encoding rules of the OTLP specification:
//   - POST /v1/traces or /v1/metrics, Content-Type application/json;
//   - every key a field of the message in lowerCamelCase (the proto3 JSON
//     mapping's name; OTLP forbids the original names), no unknown key, at
//     most one member of a oneof;
//   - 64-bit integers as decimal strings, 32-bit ones as JSON numbers, enums
//     as integers of the enum, doubles as numbers (or "NaN", "Infinity",
//     "-Infinity"), strings, booleans, repeated fields as arrays;
//   - traceId / spanId / parentSpanId as hex (32 and 16 digits, not all
//     zero), the OTLP exception to base64 bytes;
//   - what the proto comments require: a span's end not before its start,
//     unique attribute keys, a histogram's bucketCounts one longer than its
//     explicitBounds, counts adding up to count, bounds increasing, an
//     aggregationTemporality that is not UNSPECIFIED.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.join(here, 'node_modules/@opentelemetry/otlp-grpc-exporter-base/build/protos');

const root = new protobuf.Root();
root.resolvePath = (origin, target) => path.join(protoRoot, target);
root.loadSync([
  'opentelemetry/proto/collector/trace/v1/trace_service.proto',
  'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
], { keepCase: false });
root.resolveAll();
const requestTypes = {
  '/v1/traces': root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
  '/v1/metrics': root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'),
};

const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const HEX_IDS = { traceId: 32, spanId: 16, parentSpanId: 16 };

// the proto3 JSON mapping of one scalar (or an enum's integer)
function checkScalar(field, v, where, errors) {
  const t = field.type;
  if (field.resolvedType instanceof protobuf.Enum) {
    if (!Number.isInteger(v)) errors.push(`${where}: the enum ${t} must be an integer, got ${JSON.stringify(v)}`);
    else if (!Object.values(field.resolvedType.values).includes(v)) errors.push(`${where}: ${v} is no value of ${t}`);
  } else if (INT64.has(t) || UINT64.has(t)) {
    const re = UINT64.has(t) ? /^(0|[1-9][0-9]*)$/ : /^(0|-?[1-9][0-9]*)$/;
    if (typeof v !== 'string' || !re.test(v)) errors.push(`${where}: ${t} must be a decimal string, got ${JSON.stringify(v)}`);
    else {
      const b = BigInt(v);
      const lo = UINT64.has(t) ? 0n : -(2n ** 63n), hi = UINT64.has(t) ? 2n ** 64n - 1n : 2n ** 63n - 1n;
      if (b < lo || b > hi) errors.push(`${where}: ${v} is out of range for ${t}`);
    }
  } else if (INT32.has(t) || UINT32.has(t)) {
    const lo = UINT32.has(t) ? 0 : -(2 ** 31), hi = UINT32.has(t) ? 2 ** 32 - 1 : 2 ** 31 - 1;
    if (!Number.isInteger(v) || v < lo || v > hi) errors.push(`${where}: ${t} must be an integer number, got ${JSON.stringify(v)}`);
  } else if (t === 'double' || t === 'float') {
    if (!(typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity'))
      errors.push(`${where}: ${t} must be a number, got ${JSON.stringify(v)}`);
  } else if (t === 'string') {
    if (typeof v !== 'string') errors.push(`${where}: must be a string, got ${JSON.stringify(v)}`);
  } else if (t === 'bool') {
    if (typeof v !== 'boolean') errors.push(`${where}: must be true or false, got ${JSON.stringify(v)}`);
  } else if (t === 'bytes') {
    const n = HEX_IDS[field.name];
    if (n !== undefined) {
      if (typeof v !== 'string' || !new RegExp(`^[0-9a-fA-F]{${n}}$`).test(v))
        errors.push(`${where}: must be ${n} hex digits, got ${JSON.stringify(v)}`);
      else if (/^0+$/.test(v)) errors.push(`${where}: an all-zero id is invalid`);
    } else if (typeof v !== 'string' || !/^[A-Za-z0-9+/=_-]*$/.test(v)) {
      errors.push(`${where}: bytes must be base64, got ${JSON.stringify(v)}`);
    }
  } else {
    errors.push(`${where}: unchecked type ${t}`);
  }
}

function checkMessage(type, obj, where, errors) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    errors.push(`${where}: a ${type.name} must be an object, got ${JSON.stringify(obj)}`);
    return;
  }
  for (const [key, v] of Object.entries(obj)) {
    const field = type.fields[key];
    if (!field) {
      errors.push(`${where}: ${type.name} has no field "${key}"`);
      continue;
    }
    const at = `${where}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(v)) { errors.push(`${at}: a repeated field must be an array`); continue; }
      v.forEach((e, i) => checkValue(field, e, `${at}[${i}]`, errors));
    } else {
      checkValue(field, v, at, errors);
    }
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.oneof.filter((name) => name in obj);
    if (set.length > 1) errors.push(`${where}: oneof ${oneof.name} has ${set.join(' and ')}`);
  }
  checkRules(type, obj, where, errors);
}

function checkValue(field, v, where, errors) {
  if (field.resolvedType instanceof protobuf.Type) checkMessage(field.resolvedType, v, where, errors);
  else checkScalar(field, v, where, errors);
}

// what the proto comments require beyond the types
function checkRules(type, obj, where, errors) {
  if (Array.isArray(obj.attributes)) {
    const keys = obj.attributes.map((kv) => kv && kv.key);
    const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (dup.length) errors.push(`${where}.attributes: the key ${dup[0]} is repeated`);
  }
  if (type.name === 'KeyValue' && typeof obj.key === 'string' && obj.key === '')
    errors.push(`${where}: an empty attribute key`);
  if (type.name === 'Span') {
    for (const k of ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano'])
      if (!(k in obj)) errors.push(`${where}: a span without ${k}`);
    if (typeof obj.startTimeUnixNano === 'string' && typeof obj.endTimeUnixNano === 'string' &&
        BigInt(obj.endTimeUnixNano) < BigInt(obj.startTimeUnixNano)) errors.push(`${where}: ends before it starts`);
  }
  if (type.name === 'Histogram' && !obj.aggregationTemporality)
    errors.push(`${where}: aggregationTemporality UNSPECIFIED`);
  if (type.name === 'HistogramDataPoint') {
    const counts = obj.bucketCounts ?? [], bounds = obj.explicitBounds ?? [];
    if (counts.length && counts.length !== bounds.length + 1)
      errors.push(`${where}: ${counts.length} bucketCounts for ${bounds.length} explicitBounds`);
    for (let i = 1; i < bounds.length; i++)
      if (!(bounds[i] > bounds[i - 1])) errors.push(`${where}.explicitBounds: not increasing at ${i}`);
    try {
      const total = counts.reduce((a, c) => a + BigInt(c), 0n);
      if (counts.length && total !== BigInt(obj.count ?? '0')) errors.push(`${where}: bucketCounts add up to ${total}, count ${obj.count}`);
    } catch { /* a malformed count is reported by the type check */ }
  }
}

export function validate(pathName, contentType, text) {
  const errors = [];
  const type = requestTypes[pathName];
  if (!type) return [`no OTLP path: ${pathName}`];
  if (!/^application\/json(\s*;.*)?$/i.test(contentType ?? '')) errors.push(`Content-Type ${contentType}, not application/json`);
  let body;
  try { body = JSON.parse(text); } catch (e) { return [...errors, `not JSON: ${e.message}`]; }
  checkMessage(type, body, type.name, errors);
  return errors;
}

