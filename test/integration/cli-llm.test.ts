// `sse-scope llm` as a user runs it: the built CLI in a child process against a local
// OpenAI-shaped server (POST with a JSON body), judged by stdout, stderr, the exit status and the
// requests the server received; and on a recording saved by `sse-scope capture --save`.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { hasScript, runOnTerminal } from '../helpers/cli-terminal.ts';
import { closedPortUrl, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { fixtureBytes } from '../helpers/llm-streams.ts';

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-llm-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

const SECRET = 'sk-test-0123456789abcdef';
const BODY = JSON.stringify({ model: 'deepseek-reasoner', stream: true, messages: [{ role: 'user', content: 'Salut' }] });
const REQUEST = ['-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${SECRET}`, '-d', BODY];
const FIRST_TOKEN_DELAY_MS = 150;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The blocks of a fixture, one write each; the first token waits FIRST_TOKEN_DELAY_MS after the headers. */
async function streamFixture(res: ServerResponse, fixture: string, options: { keepOpen?: boolean } = {}): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  await wait(FIRST_TOKEN_DELAY_MS);
  for (const block of fixtureBytes(fixture)
    .toString('utf8')
    .split(/(?<=\n\n)/)) {
    if (res.destroyed) return;
    res.write(block);
    await wait(5);
  }
  if (!options.keepOpen) res.end();
}

/** POST /v1/chat/completions with a JSON body asking for a stream, as OpenAI's API takes it. */
function openAiRoute(fixture: string, options: { keepOpen?: boolean } = {}): string {
  server.route('/v1/chat/completions', async (req, res, body) => {
    const json = JSON.parse(body) as { stream?: boolean };
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json' || json.stream !== true) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"expected a streaming POST"}}');
      return;
    }
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}`, type: 'invalid_request_error' } }),
      );
      return;
    }
    await streamFixture(res, fixture, options);
  });
  return `${server.url}/v1/chat/completions`;
}

/** A duration as the summary prints it: "399 ms", or "1.41 s" from a second on (a slow machine). */
const TIME = String.raw`\d+ ms|\d+\.\d\d s`;
const SUMMARY = new RegExp(
  String.raw`^openai-chat · HTTP 200 · TTFB (${TIME}) · TTFT (${TIME}) · (${TIME}) · 12 chunks · longest gap (${TIME}) · ` +
    String.raw`tokens 18 in \(12 cached\) / 31 out \(22 reasoning\)(, [\d.]+ tokens/s)? · finish stop$`,
);

test('prints the answer on stdout as it arrives, the reasoning on stderr, one summary line; sends the request once', async () => {
  const url = openAiRoute('openai-chat.sse');
  const run = await runCli(['llm', url, ...REQUEST]);
  expect(run.stderr).toBe(`The user greets me in French; answer in kind.\n${run.stderr.split('\n')[1]}\n`);
  expect(run.stderr.split('\n')[1]).toMatch(SUMMARY);
  expect(run.stdout).toBe('Bonjour ! Un café ☕ ?');
  expect(run.code).toBe(0);
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0]).toMatchObject({ method: 'POST', body: BODY });
});

test.skipIf(!hasScript)(
  `on a terminal the reasoning is dimmed and the answer ends its line${hasScript ? '' : ' (skipped: `script` is not installed)'}`,
  async () => {
    server.route('/v1/messages', (_req, res) => void streamFixture(res, 'anthropic.sse'));
    const { code, screen } = await runOnTerminal(['llm', `${server.url}/v1/messages`, '-d', '{}']);
    expect(code).toBe(0);
    // A terminal turns each LF into CRLF; stdout and stderr share the screen in the order written.
    const shown = screen.replaceAll('\r\n', '\n');
    expect(shown.startsWith('\x1b[2mThe user asks about San Francisco.\x1b[22m\x1b[2m\nI should call get_weather.\x1b[22m\n')).toBe(true);
    expect(shown).toContain(
      '\nOkay, let\'s check the weather for San Francisco, CA:\ntool call get_weather: {"location": "San Francisco, CA", "unit": "fahrenheit"}\nanthropic · HTTP 200',
    );
  },
);

test('--json prints exactly one object with the answer and the figures', async () => {
  const url = openAiRoute('openai-chat.sse');
  const run = await runCli(['llm', url, ...REQUEST, '--json']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.stdout.endsWith('}\n')).toBe(true);
  const result = JSON.parse(run.stdout) as Record<string, unknown> & { ttfbMs: number; ttftMs: number; durationMs: number };
  expect(Object.keys(result)).toEqual([
    'format',
    'text',
    'reasoning',
    'toolCalls',
    'finishReason',
    'usage',
    'ttfbMs',
    'ttftMs',
    'durationMs',
    'chunks',
    'gapMs',
    'status',
  ]);
  expect(result).toEqual({
    format: 'openai-chat',
    text: 'Bonjour ! Un café ☕ ?',
    reasoning: 'The user greets me in French; answer in kind.',
    toolCalls: [],
    finishReason: 'stop',
    usage: { input: 18, output: 31, reasoning: 22, cached: 12 },
    ttfbMs: expect.any(Number),
    ttftMs: expect.any(Number),
    durationMs: expect.any(Number),
    chunks: 12,
    gapMs: { p50: expect.any(Number), p95: expect.any(Number), max: expect.any(Number) },
    status: 200,
  });
  // The first token left the server FIRST_TOKEN_DELAY_MS after the request came in and the headers
  // went out: TTFT counts that wait, TTFB does not. (5 ms for the two clocks' rounding.)
  expect(result.ttftMs).toBeGreaterThanOrEqual(FIRST_TOKEN_DELAY_MS - 5);
  expect(result.ttftMs).toBeGreaterThan(result.ttfbMs);
  expect(result.durationMs).toBeGreaterThanOrEqual(result.ttftMs);
  expect(server.requests).toHaveLength(1);
});

test('tool calls: the assembled arguments, after the text', async () => {
  const url = openAiRoute('openai-chat-tools.sse');
  const run = await runCli(['llm', url, ...REQUEST]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    'Checking both cities.\ntool call get_weather: {"city": "Paris", "unit": "c"}\ntool call get_weather: {"city": "Oslo"}\n',
  );
  const json = await runCli(['llm', url, ...REQUEST, '--json']);
  expect(JSON.parse(json.stdout)).toMatchObject({
    toolCalls: [
      { name: 'get_weather', arguments: '{"city": "Paris", "unit": "c"}' },
      { name: 'get_weather', arguments: '{"city": "Oslo"}' },
    ],
    finishReason: 'tool_calls',
  });
});

test('a server that keeps the connection open after [DONE] is left; nothing is sent again', async () => {
  const url = openAiRoute('openai-chat.sse', { keepOpen: true });
  const run = await runCli(['llm', url, ...REQUEST]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('Bonjour ! Un café ☕ ?');
  expect(server.requests).toHaveLength(1);
});

test('an NDJSON stream (Ollama) is read one event per line', async () => {
  server.route('/api/chat', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end(fixtureBytes('ollama.ndjson'));
  });
  const run = await runCli(['llm', `${server.url}/api/chat`, '-d', '{"model":"qwen3:8b"}', '--json']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    format: 'ollama',
    text: 'Hi there 👋',
    reasoning: 'Okay, the user says hi.',
    finishReason: 'stop',
    usage: { input: 26, output: 282, reasoning: null, cached: null },
    chunks: 6,
  });
});

describe('exit status', () => {
  test('1 on an HTTP error, its message printed with the API key masked', async () => {
    const url = openAiRoute('openai-chat.sse');
    const run = await runCli(['llm', url, '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${SECRET}x`, '-d', BODY]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no known LLM shape · HTTP 401 · TTFT - · 0 chunks · finish -\n');
    expect(run.stderr).toContain('sse-scope: HTTP 401 Unauthorized: {"error":{"message":"Incorrect API key provided: ••••"');
    expect(run.stderr).not.toContain('sk-test');
    expect(server.requests).toHaveLength(1);
  });

  test('1 on a network failure', async () => {
    const run = await runCli(['llm', `${await closedPortUrl()}/v1/chat/completions`, '-d', BODY, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: null, text: '', status: null, chunks: 0 });
    expect(run.stderr).toMatch(/^sse-scope: Connection failed: .*ECONNREFUSED/);
  });

  test('1 on an error the model sent, with its message; the answer so far is printed', async () => {
    server.route('/v1/messages', (_req, res) => void streamFixture(res, 'anthropic-error.sse'));
    const run = await runCli(['llm', `${server.url}/v1/messages`, '-d', '{}']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Hello');
    expect(run.stderr).toMatch(
      /^anthropic · HTTP 200 · .* · finish -\nsse-scope: the model sent an error: overloaded_error: Overloaded\n$/,
    );
  });

  test.each([
    [['llm'], "missing required argument 'url|capture'"],
    [['llm', 'http://127.0.0.1:1/', '--format', 'claude'], '--format: "claude" is not a stream format; use one of auto, openai-chat'],
    [['llm', 'http://127.0.0.1:1/', '--format', 'jsonpath:$.a['], '--format: the JSON path "$.a[" needs'],
    [['llm', 'some-capture', '-d', '{}'], '-d shape a request to send: give a URL, not a capture'],
    [['llm', 'ftp://example.com/x'], '<url> must be an http: or https: URL'],
    [
      ['llm', 'http://127.0.0.1:1/', '-H', `Authorization Bearer ${SECRET}`],
      "-H/--header must look like 'Name: value' (got 'Authorization…')",
    ],
  ])('2 on bad usage: %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain(SECRET);
    expect(server.requests).toHaveLength(0);
  });
});

describe('on a recording', () => {
  test('a capture saved by `capture --save` shows the same answer and figures as the live run did', async () => {
    const url = openAiRoute('openai-chat.sse');
    const dataDir = join(dir, 'data');
    const saved = await runCli([
      'capture',
      url,
      ...REQUEST,
      '--no-reconnect',
      '--save=deepseek run',
      '--data-dir',
      dataDir,
      '-o',
      join(dir, 'run.ndjson'),
    ]);
    expect(saved.code).toBe(0);
    const id = /saved capture (\S+)/.exec(saved.stderr)![1]!;

    const fromLibrary = await runCli(['llm', id, '--data-dir', dataDir]);
    expect(fromLibrary.code).toBe(0);
    expect(fromLibrary.stdout).toBe('Bonjour ! Un café ☕ ?');
    expect(fromLibrary.stderr.split('\n')[1]).toMatch(SUMMARY);

    const fromFile = await runCli(['llm', join(dir, 'run.ndjson'), '--json']);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({
      format: 'openai-chat',
      text: 'Bonjour ! Un café ☕ ?',
      chunks: 12,
      status: 200,
      finishReason: 'stop',
    });
    expect(server.requests).toHaveLength(1);
  });

  test('a recorded HTTP error exits 1 as the live run did; --format applies to recordings too', async () => {
    const url = openAiRoute('openai-chat.sse');
    const out = join(dir, 'denied.ndjson');
    await runCli(['capture', url, '-d', BODY, '--no-reconnect', '-o', out]);
    const run = await runCli(['llm', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sse-scope: HTTP 400 Bad Request');

    const tokens = join(dir, 'tokens.ndjson');
    server.route('/tokens', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(fixtureBytes('custom-token.sse'));
    });
    await runCli(['capture', `${server.url}/tokens`, '--no-reconnect', '-o', tokens]);
    const custom = await runCli(['llm', tokens, '--format', 'jsonpath:$.token', '--json']);
    expect(JSON.parse(custom.stdout)).toMatchObject({ format: 'jsonpath', text: 'Once upon a time', chunks: 5 });
  });

  test('an unknown capture is bad usage', async () => {
    const run = await runCli(['llm', 'no-such-capture', '--data-dir', join(dir, 'empty')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no capture 'no-such-capture'");
  });
});
