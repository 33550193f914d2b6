// A client's way through a recording, step by step: what is sent and when (in recorded ms since
// the connection began), and how the connection ends: at a recorded reconnect (the next request
// goes on after it), at the end of a stream that ended, held open where the recording stopped
// with its stream open, or "over" for a new request with nothing left; loop starts over.

import { expect, test } from 'vitest';
import type { ClosedReason, SseRecord } from '../../../main/common/records.ts';
import { ReplayRecording, type ResumePoint } from '../../../main/core/replay/replay-recording.ts';
import { replaySteps, type ReplayStep } from '../../../main/core/replay/replay-timeline.ts';
import { storeOf } from '../../helpers/replay-harness.ts';

/** Builds records with seqs in order; times are given. */
function recording() {
  const records: SseRecord[] = [];
  const seq = () => records.length + 1;
  const add = (record: SseRecord) => (records.push(record), builder);
  const builder = {
    records,
    open: (time: number) => add({ seq: seq(), time, kind: 'open', status: 200, headers: {}, url: 'http://x/', ttfbMs: 1, attempt: 1 }),
    event: (time: number, data: string, id?: string, lastEventId = id ?? '') =>
      add(
        id === undefined
          ? { seq: seq(), time, kind: 'event', type: 'message', data, lastEventId, size: 1 }
          : { seq: seq(), time, kind: 'event', type: 'message', data, lastEventId, id, size: 1 },
      ),
    comment: (time: number, text: string) => add({ seq: seq(), time, kind: 'comment', text, size: 1 }),
    error: (time: number) => add({ seq: seq(), time, kind: 'error', message: 'Connection lost', retryInMs: 500 }),
    reconnect: (time: number, lastEventId: string, delayMs = 500) =>
      add({ seq: seq(), time, kind: 'reconnect', delayMs, lastEventId, reason: 'stream-ended', attempt: 2 }),
    closed: (time: number, reason: ClosedReason) => add({ seq: seq(), time, kind: 'closed', reason }),
  };
  return builder;
}

async function stepsOf(
  records: SseRecord[],
  options: { start?: ResumePoint; loop?: boolean; lastEventId?: string; max?: number } = {},
): Promise<ReplayStep[]> {
  const replay = await ReplayRecording.check(storeOf(records));
  const start = options.start ?? { fromSeq: replay.firstSeq };
  const out: ReplayStep[] = [];
  const max = options.max ?? 100;
  for await (const batch of replaySteps(replay, start, { lastEventId: options.lastEventId ?? '', loop: options.loop ?? false })) {
    out.push(...batch);
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}

const send = (text: string, atMs: number, events = 1) => ({ kind: 'send', text, atMs, events });

test('a recorded reconnect closes the connection there; the next request goes on after it, its clock starting at the new response', async () => {
  const { records } = recording()
    .open(1000)
    .event(1100, 'a', '1')
    .comment(1250, 'ping')
    .error(1300)
    .reconnect(1300, '1', 500)
    .open(2000)
    .event(2150, 'b', '2')
    .closed(2200, 'ended');

  expect(await stepsOf(records)).toEqual([
    send('id: 1\ndata: a\n\n', 100),
    send(': ping\n', 250, 0),
    { kind: 'reconnect', atMs: 300, resumeSeq: 6, lastEventId: '1', delayMs: 500 },
  ]);
  expect(await stepsOf(records, { start: { fromSeq: 6 }, lastEventId: '1' })).toEqual([
    send('id: 2\ndata: b\n\n', 150),
    { kind: 'end', atMs: 200 },
  ]);
});

test('before closing at a reconnect, an ID that an id-only block set (no record) is sent, so the client comes back with it', async () => {
  const { records } = recording().open(0).event(10, 'a', '1').reconnect(50, 'set-by-an-id-only-block').open(600).event(610, 'b');
  const steps = await stepsOf(records);
  expect(steps.slice(1)).toEqual([
    send('id: set-by-an-id-only-block\n\n', 50, 0),
    { kind: 'reconnect', atMs: 50, resumeSeq: 4, lastEventId: 'set-by-an-id-only-block', delayMs: 500 },
  ]);
});

test.each<[string, (r: ReturnType<typeof recording>) => unknown, ReplayStep]>([
  ['the user stopped watching: the stream went on', (r) => r.closed(900, 'closed'), { kind: 'hold' }],
  ['a limit stopped the capture: the stream went on', (r) => r.closed(900, 'limit'), { kind: 'hold' }],
  ['the capture was never finished', () => {}, { kind: 'hold' }],
  ['the stream ended', (r) => r.closed(900, 'ended'), { kind: 'end', atMs: 900 }],
  ['the stream failed', (r) => r.error(800).closed(900, 'failed'), { kind: 'end', atMs: 900 }],
])('at the end of a recording where %s, the connection is held or closed', async (_what, ending, last) => {
  const r = recording().open(0).event(100, 'a');
  ending(r);
  const steps = await stepsOf(r.records);
  expect(steps).toEqual([send('data: a\n\n', 100), last]);
});

test('a text/event-stream file (no lifecycle records, one time for all) is sent at once and then closed', async () => {
  const { records } = recording().comment(5000, 'hello').event(5000, 'a', '1').event(5000, 'b', undefined, '1');
  expect(await stepsOf(records)).toEqual([
    send(': hello\n', 0, 0),
    send('id: 1\ndata: a\n\n', 0),
    send('data: b\n\n', 0),
    { kind: 'end', atMs: 0 },
  ]);
});

test('a request with nothing left to send is told the replay is over; with loop it starts over', async () => {
  const { records } = recording().open(0).event(100, 'a', '1').reconnect(200, '1').closed(300, 'no-content');
  expect(await stepsOf(records, { start: { fromSeq: 4 }, lastEventId: '1' })).toEqual([{ kind: 'over' }]);
  const looped = await stepsOf(records, { start: { fromSeq: 4 }, lastEventId: '1', loop: true, max: 2 });
  expect(looped).toEqual([send('id: 1\ndata: a\n\n', 100), { kind: 'reconnect', atMs: 200, resumeSeq: 4, lastEventId: '1', delayMs: 500 }]);
});

test('loop starts over on the same connection where the stream was still open, resetting the ID as recorded', async () => {
  const { records } = recording().open(1000).event(1100, 'first, no id').event(1300, 'second', '7').closed(1500, 'closed');
  const steps = await stepsOf(records, { loop: true, max: 5 });
  expect(steps).toEqual([
    send('data: first, no id\n\n', 100),
    send('id: 7\ndata: second\n\n', 300),
    // The second pass: its clock goes on from where the first stopped (1500), and its first
    // event has an empty last event ID again, as it had in the recording.
    send('id\n\ndata: first, no id\n\n', 600),
    send('id: 7\ndata: second\n\n', 800),
    send('id\n\ndata: first, no id\n\n', 1100),
  ]);
});

test('a client that already has a last event ID gets an id-only block only where the recording differs from it', async () => {
  const { records } = recording().open(0).event(10, 'a', undefined, 'x').event(20, 'b', undefined, 'x');
  expect((await stepsOf(records, { lastEventId: 'x' }))[0]).toEqual(send('data: a\n\n', 10));
  expect((await stepsOf(records, { lastEventId: '' }))[0]).toEqual(send('id: x\n\ndata: a\n\n', 10));
});

test('times never go back, even where the recorded clock did', async () => {
  const { records } = recording().open(1000).event(1200, 'a').event(1100, 'b').event(1300, 'c');
  const times = (await stepsOf(records)).flatMap((s) => (s.kind === 'send' ? [s.atMs] : []));
  expect(times).toEqual([200, 200, 300]);
});

test('Last-Event-ID resumes after the event with that id, before the first event an id-only block gave it, or after the reconnect that sent it', async () => {
  const { records } = recording()
    .open(0)
    .event(10, 'a', '1')
    .event(20, 'b', undefined, 'from-id-only')
    .event(30, 'c', '3')
    .reconnect(40, 'sent-on-reconnect')
    .open(50)
    .event(60, 'd', '3');
  const replay = await ReplayRecording.check(storeOf(records));
  expect(await replay.resumeAfter('1')).toEqual({ fromSeq: 3, originTime: 10 });
  expect(await replay.resumeAfter('from-id-only')).toEqual({ fromSeq: 3, originTime: 10 });
  // A repeated id: its first place (a returning client is better told apart by where it was closed).
  expect(await replay.resumeAfter('3')).toEqual({ fromSeq: 5, originTime: 30 });
  expect(await replay.resumeAfter('sent-on-reconnect')).toEqual({ fromSeq: 6, originTime: 40 });
  expect(await replay.resumeAfter('never')).toBeNull();
});

test('a store with no records is not a capture; one without events has nothing to replay', async () => {
  await expect(ReplayRecording.check(storeOf([]))).rejects.toMatchObject({ code: 'not-a-capture' });
  const { records } = recording().open(0).comment(10, 'only a comment').closed(20, 'closed');
  await expect(ReplayRecording.check(storeOf(records))).rejects.toMatchObject({
    code: 'no-events',
    message: expect.stringContaining('no events'),
  });
});
