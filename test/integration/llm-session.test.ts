// LLM streams through the real engine: each recorded stream served by a local server in random
// chunks (text/event-stream, or NDJSON for Ollama's), read by a Session, merged by an LlmTracker.
// NDJSON bodies get one event per line and an open record that says so.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EventRecord, OpenRecord, SseRecord } from '../../main/common/records.ts';
import { LlmTracker } from '../../main/core/llm/llm-tracker.ts';
import { parseLlmFormat } from '../../main/common/llm-format.ts';
import { EXPECTED } from '../fixtures/llm/expected-answers.ts';
import { createRng, randomChunks } from '../helpers/chunking.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { fixtureBytes, framingOf } from '../helpers/llm-streams.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

/** Serves `bytes` in random chunks, each written after the last was flushed. */
function serveChunked(path: string, bytes: Buffer, contentType: string, seed: number): void {
  server.route(path, async (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
    for (const chunk of randomChunks(bytes, createRng(seed), 64)) {
      await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    }
    res.end();
  });
}

const openOf = (records: SseRecord[]) => records.find((r): r is OpenRecord => r.kind === 'open')!;
const eventsOf = (records: SseRecord[]) => records.filter((r): r is EventRecord => r.kind === 'event');

describe.each(EXPECTED)('$fixture through a Session', ({ fixture, format, answer: expected }) => {
  test('merges to the expected answer, with figures', async () => {
    const framing = framingOf(fixture);
    serveChunked('/llm', fixtureBytes(fixture), framing === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream', 11);
    const parsed = parseLlmFormat(format);
    if (!parsed.ok) throw new Error(parsed.problem);
    const tracker = new LlmTracker(parsed.format);
    const harness = startSession({ url: `${server.url}/llm`, method: 'POST', body: '{"stream":true}', reconnect: { enabled: false } });
    const records = await harness.closed();
    tracker.add(records);

    expect(openOf(records).framing).toBe(framing);
    expect(tracker.answer()).toMatchObject({ ...expected, malformedCount: 0 });
    const figures = tracker.figures();
    expect(figures).toMatchObject({
      chunks: eventsOf(records).length,
      status: 200,
      finishReason: expected.finishReason,
      usage: expected.usage,
    });
    expect(figures.ttfbMs).toBe(openOf(records).ttfbMs);
    if (expected.text || expected.reasoning) expect(figures.ttftMs).toBeGreaterThanOrEqual(figures.ttfbMs!);
    expect(figures.durationMs).toBeGreaterThanOrEqual(figures.ttftMs ?? 0);
  });
});

describe('NDJSON bodies', () => {
  test.each(['application/x-ndjson', 'application/jsonl', 'application/json-lines; charset=utf-8'])(
    '%s: one message event per line, data the line',
    async (contentType) => {
      server.route('/lines', (_req, res) => {
        res.writeHead(200, { 'content-type': contentType });
        res.write('{"n":1}\r\n\n{"n":');
        setTimeout(() => res.end('2}\n{"n":3}'), 10);
      });
      const harness = startSession({ url: `${server.url}/lines`, reconnect: { enabled: false } });
      const records = await harness.closed();
      expect(records.map((r) => r.kind)).toEqual(['open', 'event', 'event', 'event', 'closed']);
      expect(openOf(records)).toMatchObject({ status: 200, framing: 'ndjson' });
      expect(eventsOf(records).map(({ type, data, lastEventId, size }) => ({ type, data, lastEventId, size }))).toEqual([
        { type: 'message', data: '{"n":1}', lastEventId: '', size: 9 },
        { type: 'message', data: '{"n":2}', lastEventId: '', size: 8 },
        { type: 'message', data: '{"n":3}', lastEventId: '', size: 7 },
      ]);
      expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
    },
  );

  test('an event stream says it was read as sse', async () => {
    const harness = startSession({ url: `${server.url}/counter?count=1`, reconnect: { enabled: false } });
    expect(openOf(await harness.closed()).framing).toBe('sse');
  });

  test('with ndjson: false an NDJSON body fails as any type but text/event-stream does', async () => {
    server.route('/lines', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end('{"n":1}\n');
    });
    const harness = startSession({ url: `${server.url}/lines`, ndjson: false, reconnect: { enabled: false } });
    const records = await harness.closed();
    expect(records.map((r) => r.kind)).toEqual(['error', 'closed']);
    expect(records[0]).toMatchObject({ message: 'Expected Content-Type text/event-stream, got "application/x-ndjson"' });
  });

  test('a line past the line limit ends the attempt with the limit error', async () => {
    server.route('/long', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end('{"ok":1}\n' + 'x'.repeat(100));
    });
    const harness = startSession({ url: `${server.url}/long`, limits: { maxLineBytes: 50 }, reconnect: { enabled: false } });
    const records = await harness.closed();
    expect(records.map((r) => r.kind)).toEqual(['open', 'event', 'error', 'closed']);
    expect(records[2]).toMatchObject({ message: 'Line longer than the limit of 50 bytes (100 bytes so far without a line break)' });
  });
});
