// The replay's promise, as a user checks it: capture a live stream with the engine, replay the
// capture, capture the replay; the second capture has the same events in the same order with the
// same fields (type, data, id, lastEventId), the same comments and retry values, the same
// reconnect (the replay closes where the original server did, and the client resumes with the
// same Last-Event-ID), and at speed 1 the same gaps between records, within 10 % (or 5 ms).

import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { replayedFields, startReplay, stopReplayServers, storeOf } from '../helpers/replay-harness.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
/** The story as the engine captured it from the live server. */
let original: SseRecord[];
beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/story', storyRoute);
  original = await captureToEnd(`${server.url}/story`);
});
afterAll(() => server.close());
afterEach(async () => {
  closeStartedSessions();
  await stopReplayServers();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A stream with everything a replay must keep: a retry field, comments, a multi-line event with
 * a type and an id, JSON data, an id reset, an id-only block (which leaves no record but is what
 * the client reconnects with), then the server closes. The client resumes with Last-Event-ID and
 * gets two more events; the third request is told 204 No Content, which ends the session.
 */
async function storyRoute(req: { headers: Record<string, string | string[] | undefined> }, res: ServerResponse): Promise<void> {
  const lastEventId = req.headers['last-event-id'];
  if (lastEventId === '5') return void res.writeHead(204).end();
  startSse(res);
  const send = async (ms: number, text: string) => {
    await wait(ms);
    res.write(text);
  };
  if (lastEventId === undefined) {
    await send(0, 'retry: 200\n: welcome\n\nid: 1\nevent: greeting\ndata: line one\ndata: line two\n\n');
    await send(200, ': keep-alive\n');
    await send(250, 'id: 2\ndata: {"n":2}\n\n');
    await send(300, 'id\ndata: after an id reset\n\n');
    await send(200, 'id: 3\nevent: tick\ndata: three\n\n');
    await send(100, 'id: 4-only\n\n');
  } else {
    await send(250, 'data: resumed\n\n');
    await send(200, 'id: 5\ndata: five\n\n');
    await send(300, ': bye\n');
  }
  await wait(100);
  res.end();
}

const STREAM_KINDS = new Set(['event', 'comment', 'retry']);

/**
 * Pairs of consecutive records of one connection, from its open on, recorded 150 ms or more
 * apart (the story's are 200 to 300 ms): gaps long enough that 10 % of them is more than a busy
 * machine's timer delay.
 */
function spacedGaps(records: SseRecord[]): { from: number; gap: number }[] {
  const gaps: { from: number; gap: number }[] = [];
  for (let i = 1; i < records.length; i++) {
    const [a, b] = [records[i - 1]!, records[i]!];
    const sameConnection = (a.kind === 'open' || STREAM_KINDS.has(a.kind)) && STREAM_KINDS.has(b.kind);
    if (sameConnection && b.time - a.time >= 150) gaps.push({ from: i - 1, gap: b.time - a.time });
  }
  return gaps;
}

async function captureToEnd(url: string, lastEventId?: string): Promise<SseRecord[]> {
  // A client that resumes mid-stream has not seen the story's `retry: 200`: it would wait 3 s.
  const h = startSession({ url, reconnect: { initialDelayMs: 50 }, ...(lastEventId === undefined ? {} : { lastEventId }) });
  return [...(await h.closed(10_000))];
}

const eventData = (records: SseRecord[]) => records.flatMap((r) => (r.kind === 'event' ? [r.data] : []));

test('a capture of the replay has the same records as the capture of the live stream, and the same gaps', async () => {
  expect(original.map((r) => r.kind)).toEqual([
    ...['open', 'retry', 'comment', 'event', 'comment', 'event', 'event', 'event', 'reconnect'],
    ...['open', 'event', 'event', 'comment', 'reconnect', 'closed'],
  ]);
  const { server: replay, events: serverEvents } = await startReplay({ store: storeOf(original) });

  const startedAt = Date.now();
  const replayed = await captureToEnd(replay.url);

  expect(replayed.map(replayedFields)).toEqual(original.map(replayedFields));
  // The fields that matter, spelled out: multi-line data, the id reset, the id-only block resumed from.
  const events = replayed.filter((r) => r.kind === 'event');
  expect(events[0]).toMatchObject({ type: 'greeting', data: 'line one\nline two', id: '1', lastEventId: '1' });
  expect(events[2]).toMatchObject({ data: 'after an id reset', id: '', lastEventId: '' });
  expect(replayed.find((r) => r.kind === 'reconnect')).toMatchObject({ lastEventId: '4-only', delayMs: 200 });
  expect(events[4]).toMatchObject({ data: 'resumed', lastEventId: '4-only' });
  expect(events[4]).not.toHaveProperty('id');

  // The pace, as far as a test on a busy machine can hold it: the replay's timers never fire
  // early, so the replay takes at least as long as the recorded gaps add up to (a replay that
  // ignored them would end in a few ms), and not a second longer than the live stream did. Each
  // gap within 10 % is `npm run bench -- --only replay`'s figure: timer delays on a loaded machine
  // are not the replay's.
  const gaps = spacedGaps(original);
  expect(gaps).toHaveLength(7);
  const recordedPace = gaps.reduce((sum, { gap }) => sum + gap, 0);
  const replayTook = replayed.at(-1)!.time - startedAt;
  expect(replayTook).toBeGreaterThanOrEqual(recordedPace - 1); // - 1: whole milliseconds on both clocks
  expect(replayTook).toBeLessThan(original.at(-1)!.time - original[0]!.time + 1000);

  // The server saw one client on three requests: from the start, after the reconnect, and after the end.
  const joined = serverEvents.flatMap((e) => (e.kind === 'joined' ? [e.client.start] : []));
  const left = serverEvents.flatMap((e) => (e.kind === 'left' ? [e.reason] : []));
  expect(joined).toEqual(['beginning', 'reconnect', 'reconnect']);
  expect(left).toEqual(['reconnect', 'reconnect', 'over']);
  expect(replay.clients).toEqual([]);
});

test('a client that sends Last-Event-ID resumes after that event, as the real server would', async () => {
  const { server: replay, events: serverEvents } = await startReplay({ store: storeOf(original), speed: 0 });

  // After event 2: the event with the empty id, event 3, then (after the recorded reconnect) the rest.
  const afterTwo = await captureToEnd(replay.url, '2');
  expect(eventData(afterTwo)).toEqual(['after an id reset', 'three', 'resumed', 'five']);
  expect(afterTwo.filter((r) => r.kind === 'reconnect').map((r) => r.kind === 'reconnect' && r.lastEventId)).toEqual(['4-only', '5']);
  // An id that only an id-only block set (no event carries it): after the reconnect that sent it.
  expect(eventData(await captureToEnd(replay.url, '4-only'))).toEqual(['resumed', 'five']);
  // An id the recording never had: the whole stream.
  expect(eventData(await captureToEnd(replay.url, 'no-such-id'))).toEqual(eventData(original));

  const starts = serverEvents.flatMap((e) => (e.kind === 'joined' ? [[e.client.start, e.client.lastEventId]] : []));
  expect(starts.slice(0, 3)).toEqual([
    ['last-event-id', '2'],
    ['reconnect', '4-only'],
    ['reconnect', '5'],
  ]);
  expect(starts[3]).toEqual(['last-event-id', '4-only']);
  expect(starts[5]).toEqual(['beginning', 'no-such-id']);
});

test('many clients at once each get the whole stream on their own timeline', async () => {
  const { server: replay, events: serverEvents } = await startReplay({ store: storeOf(original), speed: 2 });
  const first = [1, 2, 3].map(() => startSession({ url: replay.url }));
  // Three more join while the first three are half-way through their first connection.
  await first[0]!.until((records) => eventData(records).length >= 2);
  const later = [1, 2, 3].map(() => startSession({ url: replay.url }));
  const all = [...first, ...later];
  await waitForClients(() => replay.clients.length, 6);

  const captures = await Promise.all(all.map((h) => h.closed(10_000)));
  for (const records of captures) expect(records.map(replayedFields)).toEqual(original.map(replayedFields));
  expect(serverEvents.filter((e) => e.kind === 'joined')).toHaveLength(18);
  expect(replay.clients).toEqual([]);
});

async function waitForClients(count: () => number, wanted: number): Promise<void> {
  const deadline = performance.now() + 5000;
  while (count() < wanted) {
    if (performance.now() > deadline) throw new Error(`${count()} clients connected, not ${wanted}`);
    await wait(5);
  }
}
