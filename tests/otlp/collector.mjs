// A collector stand-in for check-otlp: an OTLP/HTTP server on 127.0.0.1 (a
// free port, written to --port-file) that checks every request with
// otlp_json.mjs. A valid request is answered --status (default 200) with
// "{}" after --delay-ms; an invalid one 400 with the first problems. Each
// request is logged to --log as a JSON line {path, ok, errors, headers,
// body}. It stops by itself after --idle-ms without a request (default 5000)
// or --max-ms in all (default 60000).
import http from 'node:http';
import fs from 'node:fs';
import { validate } from './otlp_json.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const status = Number(args.status ?? 200);
const delayMs = Number(args['delay-ms'] ?? 0);
const idleMs = Number(args['idle-ms'] ?? 5000);
const maxMs = Number(args['max-ms'] ?? 60000);

const log = args.log ? fs.openSync(args.log, 'a') : null;
let last = Date.now();
const started = Date.now();
const server = http.createServer((req, res) => {
  last = Date.now();
  const chunks = [];
  let size = 0;
  req.on('data', (c) => { size += c.length; if (size <= 16 << 20) chunks.push(c); });
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const errors = req.method !== 'POST' ? [`method ${req.method}`] : validate(req.url, req.headers['content-type'], text);
    const entry = { path: req.url, ok: errors.length === 0, errors: errors.slice(0, 20), headers: req.headers, body: text };
    if (log) fs.writeSync(log, JSON.stringify(entry) + '\n');
    if (errors.length) console.error(`collector: ${req.url}: ${errors.slice(0, 5).join('; ')}`);
    setTimeout(() => {
      const code = errors.length ? 400 : status;
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(errors.length ? JSON.stringify({ code: 3, message: errors.slice(0, 5).join('; ') }) : '{}');
      last = Date.now();
    }, delayMs);
  });
});
server.listen(0, '127.0.0.1', () => {
  if (args['port-file']) fs.writeFileSync(args['port-file'], String(server.address().port));
});
const timer = setInterval(() => {
  const now = Date.now();
  if (now - last > idleMs + delayMs || now - started > maxMs) {
    clearInterval(timer);
    server.closeAllConnections?.();
    server.close(() => process.exit(0));
  }
}, 100);
