// The built-in demo feed, served for real on 127.0.0.1 and read by the real engine: every kind
// of record it promises arrives, drops resume from Last-Event-ID without gap or duplicate, the
// chat endpoint streams a reply, and close() leaves nothing running.

import { request } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { ConnectionInputSchema } from '../../main/common/config-schema.ts';
import { chatReply, DEMO_REASONING } from '../../main/core/demo/demo-chat.ts';
import { LlmTracker } from '../../main/core/llm/llm-tracker.ts';
import { demoConnections } from '../../main/core/demo/demo-connections.ts';
import { startDemoFeed, type DemoFeed, type DemoFeedOptions } from '../../main/core/demo/demo-feed.ts';
import { demoEvents } from '../../main/core/demo/demo-script.ts';
import type { CommentRecord, EventRecord, ReconnectRecord, SseRecord } from '../../main/common/records.ts';
import { closeStartedSessions, startSession, waitFor } from '../helpers/session-harness.ts';

const SEED = 7;
/** Fast enough for a test: 200 events/s, a drop every 10 events, reconnect after 10 ms. */
const FAST: DemoFeedOptions = { rate: 200, dropEvery: 10, retryMs: 10, heartbeatMs: 10, chatTokenMs: 1, seed: SEED };

let feed: DemoFeed | undefined;
const start = async (options: DemoFeedOptions = FAST) => (feed = await startDemoFeed(options));
afterEach(async () => {
  closeStartedSessions();
  await feed?.close();
  feed = undefined;
});

const numbered = (events: EventRecord[]) => events.filter((e) => e.id !== undefined);
const comments = (records: SseRecord[]) => records.filter((r): r is CommentRecord => r.kind === 'comment').map((r) => r.text);
const reconnects = (records: SseRecord[]) => records.filter((r): r is ReconnectRecord => r.kind === 'reconnect');

test('the stream shows each kind of event, comments and retry, and resumes across drops with no gap or duplicate', async () => {
  const { url } = await start();
  const h = startSession({ url, reconnect: { initialDelayMs: 10 } });
  await h.until(() => numbered(h.events()).length >= 40 && comments(h.records).includes('heartbeat'), 10_000);
  h.session.close();

  // Ids 1..40 in order, across four drops, each exactly once.
  const ids = numbered(h.events()).map((e) => Number(e.id));
  expect(ids.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(new Set(ids).size).toBe(ids.length);

  // The server dropped after every 10 events; each reconnect carried the last id.
  const drops = reconnects(h.records).slice(0, 3);
  expect(drops.map((r) => [r.reason, r.lastEventId, r.delayMs])).toEqual([
    ['stream-ended', '10', 10],
    ['stream-ended', '20', 10],
    ['stream-ended', '30', 10],
  ]);
  expect(h.records.filter((r) => r.kind === 'open').length).toBeGreaterThanOrEqual(4);
  expect(h.records.find((r) => r.kind === 'retry')).toMatchObject({ ms: 10 });
  expect(comments(h.records)).toContain('dropping the connection on purpose; a client resumes with Last-Event-ID: 10');

  // What arrived is the seeded script, event for event (the id-less ones included).
  const script = Array.from({ length: 40 }, (_, i) => demoEvents(SEED, i + 1)).flat();
  const arrived = h.events().slice(0, script.length);
  expect(arrived.map((e) => ({ type: e.type, data: e.data, id: e.id }))).toEqual(
    script.map((e) => ({ type: e.type ?? 'message', data: e.lines.join('\n'), id: e.id === undefined ? undefined : String(e.id) })),
  );

  const ofType = (type: string) => arrived.filter((e) => e.type === type);
  for (const price of ofType('price')) {
    expect(JSON.parse(price.data)).toEqual({ symbol: expect.any(String), price: expect.any(Number), change: expect.any(Number) });
  }
  for (const note of ofType('notification')) expect(note.data.split('\n')).toHaveLength(2);
  const chat = ofType('chat').slice(0, 7);
  expect(chat.at(-1)!.data).toBe('[DONE]');
  const reply = chat
    .slice(0, -1)
    .map((e) => (JSON.parse(e.data) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
  expect(reply.every((token) => token.length > 0)).toBe(true);
  expect(reply.join('')).toMatch(/^[A-Z].*\.$/); // the tokens join into one whole sentence
  const idless = arrived.filter((e) => e.id === undefined);
  expect(idless.length).toBeGreaterThanOrEqual(2);
  for (const event of idless) expect(event.data).toBe(`This event has no id field, so Last-Event-ID stays at ${event.lastEventId}.`);
  expect(ofType('message').length).toBeGreaterThan(idless.length);
});

test('POST /demo/chat with a JSON body streams OpenAI chunks that join into the reply, then [DONE]', async () => {
  const { chatUrl } = await start({ ...FAST, clock: () => 1_700_000_000_500 });
  const prompt = 'What is an event stream?';
  const h = startSession({
    url: chatUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt }),
    reconnect: { enabled: false },
  });
  await h.closed();

  expect(h.records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  const data = h.events().map((e) => e.data);
  expect(data.at(-1)).toBe('[DONE]');
  const chunks = data
    .slice(0, -1)
    .map((d) => JSON.parse(d) as { object: string; created: number; choices: { delta: { content?: string } }[] });
  expect(chunks.length).toBeGreaterThan(10);
  expect(new Set(chunks.map((c) => `${c.object} ${c.created}`))).toEqual(new Set(['chat.completion.chunk 1700000000']));
  const text = chunks.map((c) => c.choices[0]!.delta.content ?? '').join('');
  expect(text).toContain(`"${prompt}"`);
  expect(text).toBe(chatReply(prompt));
  // What the answer view makes of it: reasoning apart, the reply, and the usage it reported.
  const tracker = new LlmTracker();
  tracker.add(h.records);
  expect(tracker.answer()).toMatchObject({ format: 'openai-chat', text, reasoning: DEMO_REASONING, finishReason: 'stop', ended: true });
  expect(tracker.answer().usage).toMatchObject({ output: chunks.length - 2, reasoning: expect.any(Number) });
});

test('the chat endpoint refuses a body that is not a prompt, and the page names the endpoints', async () => {
  const demo = await start();
  const bad = await fetch(demo.chatUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt": 3' });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toMatch(/must be JSON/);
  const wrongShape = await fetch(demo.chatUrl, { method: 'POST', body: '{"question": "hi"}' });
  expect(wrongShape.status).toBe(400);
  expect((await fetch(demo.url, { method: 'POST', body: '{}' })).status).toBe(405);

  const page = await fetch(demo.pageUrl);
  expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await page.text();
  expect(text).toContain(`GET  ${demo.url}`);
  expect(text).toContain(`POST ${demo.chatUrl}`);

  // The connections a first launch saves are valid and point at this feed.
  const saved = demoConnections(demo).map((input) => ConnectionInputSchema.parse(input));
  expect(saved.map((c) => [c.name, c.method, c.url, c.autoConnect])).toEqual([
    ['Demo feed', 'GET', demo.url, true],
    ['Demo chat (POST)', 'POST', demo.chatUrl, false],
  ]);
});

test('with the defaults a connection opens with retry: 2000 and event 1, and Last-Event-ID picks the next', async () => {
  const demo = await start({ seed: SEED });
  const firstId = (text: string) => text.match(/^id: (\d+)$/m)?.[1];
  const first = await firstBytes(demo.url, {}, '\n\n', 2);
  expect(first).toMatch(/^: .*\nretry: 2000\n\n/);
  expect(firstId(first)).toBe('1');
  const resumed = await firstBytes(demo.url, { 'last-event-id': '41' }, '\n\n', 2);
  expect(firstId(resumed)).toBe('42');
});

test('close() ends open streams, stops its timers and frees the port', async () => {
  // A plain node:http client, so the only timers that come and go here are the feed's.
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const demo = await start({ ...FAST, dropEvery: 0 });
  const stream = openStream(demo.url);
  await waitFor(() => stream.text().includes('id: 5\n'), 'five events');
  expect(timers()).toBeGreaterThan(before); // the stream's pacing and heartbeat timers

  await demo.close();
  await stream.ended;
  expect(timers()).toBeLessThanOrEqual(before); // (another test's idle timer may have ended meanwhile)
  await expect(fetch(demo.url)).rejects.toThrow();
});

/** An open GET of the stream: its text so far, and a promise that settles when it ends. */
function openStream(url: string) {
  let text = '';
  const ended = new Promise<void>((resolve) => {
    const req = request(url, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('close', resolve);
    });
    req.on('error', () => resolve());
    req.end();
  });
  return { text: () => text, ended };
}

/** Reads a stream until `marker` has arrived `times` times, then hangs up; returns the text. */
function firstBytes(url: string, headers: Record<string, string>, marker: string, times: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.split(marker).length <= times) return;
        req.destroy();
        resolve(text);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
