// check.mjs - the official openai SDK against build/gateway, which plays
// OpenAI in front of the mock server playing Anthropic (tests/gateway/run.sh
// starts both). What the answers must hold comes from the mock server's
// documented answers (the top of tests/mock/mock_server.c): the text "Hello
// from the mock server. You said: <the last user text>", one completion
// token per word of it, bytes/4 + 1 prompt tokens for the messages' text.
//
//   node tests/gateway/check.mjs http://127.0.0.1:PORT/v1 KEY http://127.0.0.1:PORT2/v1
// The second gateway's upstreams fail: Anthropic refuses the gateway's key
// (401), Gemini answers after the gateway's upstream timeout.
import OpenAI from "openai";
import net from "node:net";

const [baseURL, key, failingURL] = process.argv.slice(2);
const model = "anthropic/claude-sonnet-4-5";
const said = "Say hello in one sentence.";
const expected = `Hello from the mock server. You said: ${said}`;
const usage = {
  prompt_tokens: Math.floor(Buffer.byteLength(said) / 4) + 1,
  completion_tokens: expected.split(" ").length,
};
usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
const messages = [{ role: "user", content: said }];
const client = new OpenAI({ baseURL, apiKey: key, maxRetries: 0, timeout: 10000 });
let passed = 0, failed = 0;

function check(name, ok, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${name}${detail === undefined ? "" : ": " + JSON.stringify(detail)}`); }
}

async function step(name, fn) {
  try { await fn(); } catch (e) { failed++; console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`); }
}

function sameUsage(name, u) {
  check(`${name}: usage`, u && u.prompt_tokens === usage.prompt_tokens && u.completion_tokens === usage.completion_tokens
    && u.total_tokens === usage.total_tokens, { got: u, expected: usage });
}

// a blocking call
await step("blocking", async () => {
  const r = await client.chat.completions.create({ model, messages });
  check("blocking: object", r.object === "chat.completion", r.object);
  check("blocking: content", r.choices[0].message.content === expected, r.choices[0].message.content);
  check("blocking: role", r.choices[0].message.role === "assistant", r.choices[0].message.role);
  check("blocking: finish", r.choices[0].finish_reason === "stop", r.choices[0].finish_reason);
  sameUsage("blocking", r.usage);
});

// a streamed call with the usage in its last chunk
await step("stream", async () => {
  const stream = await client.chat.completions.create({ model, messages, stream: true,
    stream_options: { include_usage: true } });
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const text = chunks.map((c) => (c.choices[0] && c.choices[0].delta.content) || "").join("");
  const last = chunks[chunks.length - 1];
  check("stream: at least two chunks", chunks.length >= 2, chunks.length);
  check("stream: one id", chunks.every((c) => c.id === chunks[0].id && c.object === "chat.completion.chunk"));
  check("stream: content", text === expected, text);
  check("stream: finish", chunks.some((c) => c.choices[0] && c.choices[0].finish_reason === "stop"));
  check("stream: the usage chunk is last, with no choices", last && last.choices.length === 0, last);
  check("stream: no usage before the last chunk", chunks.slice(0, -1).every((c) => !c.usage));
  sameUsage("stream", last && last.usage);
});

// a tool: the mock answers with one call of the first tool, arguments {}
// (its id "toolu_mock_<seq>"); streamed, the SDK's own stream helper
// assembles the call from the chunks and must find the same
const tools = [{ type: "function", function: { name: "get_time", description: "The time now",
  parameters: { type: "object", properties: {} } } }];
const toolMessages = [{ role: "user", content: "What time is it?" }];
function checkCall(name, message, finish) {
  const call = message.tool_calls && message.tool_calls[0];
  check(`${name}: one call`, message.tool_calls && message.tool_calls.length === 1, message.tool_calls);
  check(`${name}: its id`, call && /^toolu_mock_[0-9]+$/.test(call.id), call);
  check(`${name}: its function`, call && call.type === "function" && call.function.name === "get_time" &&
    JSON.stringify(JSON.parse(call.function.arguments)) === "{}", call);
  check(`${name}: finish`, finish === "tool_calls", finish);
}
await step("tool call", async () => {
  const r = await client.chat.completions.create({ model, messages: toolMessages, tools });
  checkCall("tool call", r.choices[0].message, r.choices[0].finish_reason);
});
await step("streamed tool call", async () => {
  const stream = client.chat.completions.stream({ model, messages: toolMessages, tools,
    stream_options: { include_usage: true } });
  const done = await stream.finalChatCompletion();
  checkCall("streamed tool call", done.choices[0].message, done.choices[0].finish_reason);
  check("streamed tool call: usage", done.usage && done.usage.total_tokens ===
    done.usage.prompt_tokens + done.usage.completion_tokens && done.usage.completion_tokens > 0, done.usage);
});

// the gateway's key refused: the SDK's AuthenticationError
await step("wrong key", async () => {
  const bad = new OpenAI({ baseURL, apiKey: "sk-wrong", maxRetries: 0, timeout: 10000 });
  try {
    await bad.chat.completions.create({ model, messages });
    check("wrong key: refused", false, "answered");
  } catch (e) {
    check("wrong key: AuthenticationError", e instanceof OpenAI.AuthenticationError && e.status === 401,
      { name: e && e.constructor && e.constructor.name, status: e && e.status });
    check("wrong key: OpenAI error object", e.error && typeof e.error.message === "string", e.error);
  }
});

// a body llm.h cannot read: the SDK's BadRequestError
await step("bad body", async () => {
  try {
    await client.chat.completions.create({ model, messages: [] });
    check("bad body: refused", false, "answered");
  } catch (e) {
    check("bad body: BadRequestError", e instanceof OpenAI.BadRequestError && e.status === 400,
      { name: e && e.constructor && e.constructor.name, status: e && e.status });
  }
});

// a path the gateway does not serve: the SDK's NotFoundError
await step("unknown path", async () => {
  try {
    await client.models.list();
    check("unknown path: refused", false, "answered");
  } catch (e) {
    check("unknown path: NotFoundError", e instanceof OpenAI.NotFoundError && e.status === 404,
      { name: e && e.constructor && e.constructor.name, status: e && e.status });
  }
});

// upstream failures: the provider refusing the gateway's own key is no
// fault of the client's (502, not 401); a provider too slow is a 504
async function refused(name, m, status) {
  const c = new OpenAI({ baseURL: failingURL, apiKey: "unused", maxRetries: 0, timeout: 20000 });
  try {
    await c.chat.completions.create({ model: m, messages });
    check(`${name}: refused`, false, "answered");
  } catch (e) {
    check(`${name}: InternalServerError ${status}`, e instanceof OpenAI.InternalServerError && e.status === status,
      { name: e && e.constructor && e.constructor.name, status: e && e.status, error: e && e.error });
    check(`${name}: OpenAI error object`, e.error && typeof e.error.message === "string" && "code" in e.error, e.error);
  }
}
await step("upstream key refused", () => refused("upstream key refused", model, 502));
await step("upstream too slow", () => refused("upstream too slow", "gemini/gemini-2.5-flash", 504));

// a request of exactly 16,384 bytes, head and body, as the gateway's head
// buffer is long, sent over a plain socket in three writes 200 ms apart (the
// head and 1,000 bytes of the body, 1,000 more, the rest): it must be read whole
function rawRequest(text) {
  const u = new URL(baseURL);
  const cut = text.indexOf("\r\n\r\n") + 4 + 1000;
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(text.slice(0, cut));
      setTimeout(() => sock.write(text.slice(cut, cut + 1000)), 200);
      setTimeout(() => sock.end(text.slice(cut + 1000)), 400);
    });
    let answer = "";
    sock.setEncoding("utf8");
    sock.setTimeout(10000, () => { sock.destroy(); reject(new Error("no answer within 10 s")); });
    sock.on("data", (d) => { answer += d; });
    sock.on("end", () => resolve(answer));
    sock.on("error", reject);
  });
}
await step("a request of exactly 16384 bytes", async () => {
  const head = (n) => `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${key}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${n}\r\n\r\n`;
  const body = (pad) => JSON.stringify({ model, messages: [{ role: "user", content: "x".repeat(pad) }] });
  const fixed = Buffer.byteLength(head(10000)) + Buffer.byteLength(body(0)); // a 5-digit length
  const text = head(Buffer.byteLength(body(16384 - fixed))) + body(16384 - fixed);
  check("16384 bytes: its size", Buffer.byteLength(text) === 16384, Buffer.byteLength(text));
  const answer = await rawRequest(text);
  check("16384 bytes: answered 200", answer.startsWith("HTTP/1.1 200"), answer.slice(0, 200));
  check("16384 bytes: the whole text seen", answer.includes(`You said: ${"x".repeat(16384 - fixed)}`),
    answer.slice(-200));
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
