// Auto-detection picks each shape from its first events and says on what evidence; events that
// fit several shapes wait for the next; a shape that changes mid-stream is named, not merged.

import { expect, test } from 'vitest';
import type { EventRecord } from '../../../main/common/records.ts';
import { DETECT_EVENTS } from '../../../main/core/llm/auto-merger.ts';
import { eventsOf, fixtureBytes, framingOf, mergeEvents } from '../../helpers/llm-streams.ts';

const event = (seq: number, data: string, type = 'message'): EventRecord => ({
  seq,
  time: seq,
  kind: 'event',
  type,
  data,
  lastEventId: '',
  size: data.length,
});

test.each([
  ['openai-chat.sse', 'openai-chat', 1, 'event 1 has choices[] (an OpenAI chat completion chunk)'],
  ['openai-responses.sse', 'openai-responses', 1, 'event 1 has type "response.created" (an OpenAI Responses event)'],
  ['anthropic.sse', 'anthropic', 1, 'event 1 has type "message_start" (an Anthropic Messages event)'],
  ['gemini.sse', 'gemini', 1, 'event 1 has candidates[] or usageMetadata (a Gemini response)'],
  ['ollama.ndjson', 'ollama', 1, 'event 1 has message or response with done (an Ollama response)'],
  ['text.sse', 'text', 1, "event 1's data is not JSON: plain text tokens"],
])('%s is detected as %s from event %i', (fixture, format, seq, evidence) => {
  const answer = mergeEvents(eventsOf([fixtureBytes(fixture)], framingOf(fixture)));
  expect(answer.format).toBe(format);
  expect(answer.detection).toEqual({ by: 'auto', seq, evidence });
});

test('a named format is used as set, whatever the events look like', () => {
  const answer = mergeEvents(eventsOf([fixtureBytes('openai-chat.sse')], 'sse'), 'text');
  expect(answer.format).toBe('text');
  expect(answer.detection).toEqual({ by: 'set', seq: null, evidence: 'set: text' });
  expect(answer.text.startsWith('{"id":"chatcmpl-7f3a"')).toBe(true);
});

test('events that fit any shape wait for one that decides, and are then merged by it', () => {
  const answer = mergeEvents([event(1, ''), event(2, '{"type":"ping"}', 'ping'), event(3, '[1,2]'), event(4, 'Hi')]);
  // "ping" alone is Anthropic's; the rest decide nothing.
  expect(answer.format).toBe('anthropic');
  expect(answer.detection.seq).toBe(2);

  const text = mergeEvents([event(1, '[DONE]'), event(2, 'Hel'), event(3, 'lo')]);
  expect(text).toMatchObject({ format: 'text', text: 'Hello', ended: true, detection: { seq: 2 } });
});

test('bare JSON values are text tokens: "42" is the answer\'s next piece, not a shape', () => {
  const answer = mergeEvents([event(1, '4'), event(2, '2'), event(3, 'true')]);
  expect(answer).toMatchObject({ format: 'text', text: '42true' });
});

test('an error before any shape is known is shown, and detection goes on', () => {
  const failed = mergeEvents([
    event(1, '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}'),
  ]);
  expect(failed).toMatchObject({ format: null, error: 'invalid_request_error: Incorrect API key provided' });

  const ollama = mergeEvents([event(1, '{"error":"model \\"llama9\\" not found, try pulling it first"}')]);
  expect(ollama.error).toBe('model "llama9" not found, try pulling it first');
});

test('the two {"type": "error"} shapes are told apart', () => {
  const anthropic = mergeEvents([event(1, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'error')]);
  expect(anthropic).toMatchObject({ format: 'anthropic', error: 'overloaded_error: Overloaded' });
  const responses = mergeEvents([
    event(1, '{"type":"error","sequence_number":0,"code":"rate_limit_exceeded","message":"Slow down"}', 'error'),
  ]);
  expect(responses).toMatchObject({ format: 'openai-responses', error: 'rate_limit_exceeded: Slow down' });
});

test(`a stream of no known shape says so after ${DETECT_EVENTS} events, and nothing is merged`, () => {
  const events = Array.from({ length: DETECT_EVENTS + 5 }, (_, i) => event(i + 1, JSON.stringify({ tick: i })));
  const answer = mergeEvents(events);
  expect(answer).toMatchObject({ format: null, text: '', malformedCount: 0 });
  expect(answer.detection).toEqual({ by: 'auto', seq: null, evidence: `no known LLM stream shape in the first ${DETECT_EVENTS} events` });
});

test('a shape that changes mid-stream: the stranger events are malformed, the merge goes on', () => {
  const chat = eventsOf([fixtureBytes('openai-chat.sse')], 'sse');
  const anthropicEvent = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}';
  const mixed = [
    ...chat.slice(0, 6),
    event(7, anthropicEvent, 'content_block_delta'),
    ...chat.slice(6).map((e) => ({ ...e, seq: e.seq + 1 })),
  ];
  const answer = mergeEvents(mixed);
  expect(answer.format).toBe('openai-chat');
  expect(answer.text).toBe('Bonjour ! Un café ☕ ?');
  expect(answer.malformed).toEqual([{ seq: 7, reason: 'not an OpenAI chat chunk (no choices array)' }]);

  const claude = eventsOf([fixtureBytes('anthropic.sse')], 'sse');
  const withChunk = [...claude.slice(0, 3), event(4, chat[5]!.data), ...claude.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }))];
  const merged = mergeEvents(withChunk);
  expect(merged.malformed).toEqual([{ seq: 4, reason: 'not an Anthropic event (no type)' }]);
  expect(merged.text).toBe("Okay, let's check the weather for San Francisco, CA:");

  const responses = mergeEvents([event(1, '{"type":"response.created","response":{}}'), event(2, '{"type":"message_stop"}')]);
  expect(responses.malformed).toEqual([{ seq: 2, reason: 'an event of type "message_stop" is not an OpenAI Responses event' }]);
});

test('legacy completions streams (choices[].text) merge as openai-chat', () => {
  const chunk = (text: string, finish: string | null) =>
    JSON.stringify({ object: 'text_completion', choices: [{ index: 0, text, finish_reason: finish }] });
  const answer = mergeEvents([event(1, chunk('Once', null)), event(2, chunk(' upon', 'length')), event(3, '[DONE]')]);
  expect(answer).toMatchObject({ format: 'openai-chat', text: 'Once upon', finishReason: 'length', ended: true, malformedCount: 0 });
});
