// The figures of an LLM session from its records: TTFB from the open record, TTFT from the request
// start (open.time - open.ttfbMs) to the first event with text or reasoning, duration to the close,
// chunk rate, gap percentiles, and output tokens per second from the reported usage.

import { expect, test } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { gapPercentiles } from '../../../main/core/llm/llm-figures.ts';
import { LlmTracker } from '../../../main/core/llm/llm-tracker.ts';

const chunk = (delta: object, finish: string | null = null) =>
  JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });

/** A request sent at t = 1000: headers after 9 ms, the first token 399 ms after sending. */
function records(): SseRecord[] {
  let seq = 0;
  const event = (time: number, data: string): SseRecord => ({
    seq: ++seq,
    time,
    kind: 'event',
    type: 'message',
    data,
    lastEventId: '',
    size: data.length,
  });
  return [
    { seq: ++seq, time: 1009, kind: 'open', status: 200, headers: {}, url: 'http://x', ttfbMs: 9, attempt: 1, framing: 'sse' },
    event(1200, chunk({ role: 'assistant', content: '' })),
    event(1399, chunk({ content: 'Hel' })),
    event(1399, chunk({ content: 'lo' })),
    event(1499, chunk({ content: ' world' })),
    event(2399, chunk({}, 'stop')),
    event(2399, JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 5, completion_tokens: 90 } })),
    event(2399, '[DONE]'),
    { seq: ++seq, time: 2410, kind: 'closed', reason: 'ended' },
  ];
}

test('figures of a finished stream', () => {
  const tracker = new LlmTracker();
  tracker.add(records());
  expect(tracker.figures()).toEqual({
    ttfbMs: 9,
    ttftMs: 399,
    // To the end marker ([DONE] at 2399), not to the close.
    durationMs: 1399,
    chunks: 7,
    // 6 intervals over 1.199 s.
    chunksPerSecond: 5,
    // Gaps 199, 0, 100, 900, 0, 0.
    gapMs: { p50: 0, p95: 900, max: 900 },
    finishReason: 'stop',
    usage: { input: 5, output: 90, reasoning: null, cached: null },
    // 90 tokens from the first token (1399) to the last event (2399).
    outputTokensPerSecond: 90,
    status: 200,
  });
});

test('figures while the stream runs, and records handed over in any batches', () => {
  const all = records();
  const tracker = new LlmTracker();
  tracker.add(all.slice(0, 3));
  expect(tracker.figures()).toMatchObject({ ttftMs: 399, durationMs: 399, chunks: 2, usage: null, outputTokensPerSecond: null });
  for (const record of all.slice(3)) tracker.add([record]);
  const whole = new LlmTracker();
  whole.add(all);
  expect(tracker.figures()).toEqual(whole.figures());
});

test('without an end marker the duration runs to the close', () => {
  const tracker = new LlmTracker();
  tracker.add(records().filter((r) => !(r.kind === 'event' && r.data === '[DONE]')));
  expect(tracker.figures().durationMs).toBe(1410);
});

test('reasoning counts as the first token; an empty delta does not', () => {
  const tracker = new LlmTracker();
  const [open, role] = records();
  tracker.add([
    open!,
    role!,
    { seq: 3, time: 1300, kind: 'event', type: 'message', data: chunk({ content: '', reasoning_content: '' }), lastEventId: '', size: 1 },
    { seq: 4, time: 1350, kind: 'event', type: 'message', data: chunk({ reasoning_content: 'Hmm' }), lastEventId: '', size: 1 },
  ]);
  expect(tracker.figures().ttftMs).toBe(350);
});

test('an HTTP error: the status, and no timing', () => {
  const tracker = new LlmTracker();
  tracker.add([
    { seq: 1, time: 5, kind: 'error', message: 'HTTP 401 Unauthorized', status: 401 },
    { seq: 2, time: 6, kind: 'closed', reason: 'failed' },
  ]);
  expect(tracker.figures()).toEqual({
    ttfbMs: null,
    ttftMs: null,
    durationMs: null,
    chunks: 0,
    chunksPerSecond: null,
    gapMs: { p50: null, p95: null, max: null },
    finishReason: null,
    usage: null,
    outputTokensPerSecond: null,
    status: 401,
  });
});

test('gap percentiles are nearest-rank', () => {
  expect(gapPercentiles([5])).toEqual({ p50: 5, p95: 5, max: 5 });
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  expect(gapPercentiles(hundred)).toEqual({ p50: 50, p95: 95, max: 100 });
});
