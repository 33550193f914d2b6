// Every recorded stream shape merges to exactly the answer its provider meant: text, reasoning,
// tool-call arguments, finish reason, usage, error, end. The same whatever chunks the bytes
// arrive in, and the same with an unusable chunk in the middle (which the answer then names).

import { describe, expect, test } from 'vitest';
import type { LlmAnswer } from '../../../main/common/llm-answer.ts';
import { EXPECTED } from '../../fixtures/llm/expected-answers.ts';
import { baseSeed, sameForEveryChunking, seedFor } from '../../helpers/chunking.ts';
import { eventsOf, fixtureBytes, framingOf, insertBlock, mergeEvents } from '../../helpers/llm-streams.ts';

const seed = baseSeed(20250107);

/** The answer without the fields that depend on seq numbers (for comparing across inserted chunks). */
function content(answer: LlmAnswer): object {
  const { contributions: _c, malformed: _m, malformedCount: _n, revision: _r, detection: _d, ...rest } = answer;
  return rest;
}

describe.each(EXPECTED)('$fixture', ({ fixture, format, answer: expected }) => {
  const bytes = fixtureBytes(fixture);
  const framing = framingOf(fixture);

  test(`merges exactly as ${format}, in every chunking`, () => {
    const answer = sameForEveryChunking(bytes, seedFor(fixture, seed), (chunks) => mergeEvents(eventsOf(chunks, framing), format));
    expect(answer).toMatchObject({ ...expected, malformed: [], malformedCount: 0 });
    expect(answer.format).toBe(format.startsWith('jsonpath:') ? 'jsonpath' : format);
  });

  test('an unusable chunk in the middle is named in the answer and changes nothing else', () => {
    const events = eventsOf([bytes], framing);
    const middle = Math.floor(events.length / 2);
    const broken = framing === 'ndjson' ? '{"message": {"content": "cut' : 'data: {"choices": [{"delta": {"content": "cut';
    const withBadChunk = insertBlock(bytes, framing, middle + (fixture === 'text.sse' ? 1 : 0), broken);
    const answer = sameForEveryChunking(withBadChunk, seedFor(`${fixture} broken`, seed), (chunks) =>
      mergeEvents(eventsOf(chunks, framing), format),
    );
    const clean = mergeEvents(events, format);
    if (fixture === 'text.sse') {
      // Plain text has no malformed chunks: the broken JSON is text like any other.
      expect(answer.text).toBe(clean.text.slice(0, 5) + broken.slice('data: '.length) + clean.text.slice(5));
      return;
    }
    expect(content(answer)).toEqual(content(clean));
    expect(answer.malformedCount).toBe(1);
    expect(answer.malformed).toEqual([{ seq: middle + 1, reason: expect.stringMatching(/^not JSON \(/) }]);
  });

  test('auto-detection finds the shape and merges the same answer', () => {
    const events = eventsOf([bytes], framing);
    const auto = mergeEvents(events);
    if (format.startsWith('jsonpath:')) {
      // A stream of one's own: no known shape, nothing merged, and the answer says why.
      expect(auto.format).toBeNull();
      expect(auto.detection.evidence).toBe(`no known LLM stream shape in the first ${events.length} events`);
      expect(auto.text).toBe('');
      return;
    }
    expect(auto.format).toBe(format);
    expect(auto.detection.by).toBe('auto');
    expect(content(auto)).toEqual(content(mergeEvents(events, format)));
  });
});

test('contributions tie every range of the answer to the event that added it', () => {
  const events = eventsOf([fixtureBytes('openai-chat-tools.sse')], 'sse');
  const answer = mergeEvents(events, 'openai-chat');
  expect(answer.contributions).toEqual([
    { seq: 2, part: 'text', start: 0, end: 21, choice: 0, tool: -1 },
    { seq: 4, part: 'tool-arguments', start: 0, end: 12, choice: 0, tool: 0 },
    { seq: 6, part: 'tool-arguments', start: 12, end: 30, choice: 0, tool: 0 },
    { seq: 7, part: 'tool-arguments', start: 0, end: 12, choice: 0, tool: 1 },
    { seq: 8, part: 'tool-arguments', start: 12, end: 16, choice: 0, tool: 1 },
  ]);
  for (const c of answer.contributions.filter((c) => c.part === 'tool-arguments')) {
    const fragment = JSON.parse(events[c.seq - 1]!.data).choices[0].delta.tool_calls[0].function.arguments as string;
    expect(answer.toolCalls[c.tool]!.arguments.slice(c.start, c.end)).toBe(fragment);
  }
});

test('reasoning and text contributions index their own parts; one event adding several pieces is one range', () => {
  const answer = mergeEvents(eventsOf([fixtureBytes('gemini.sse')], 'sse'));
  expect(answer.contributions.filter((c) => c.part !== 'tool-arguments')).toEqual([
    { seq: 1, part: 'reasoning', start: 0, end: 53, choice: 0, tool: -1 },
    { seq: 2, part: 'reasoning', start: 53, end: 82, choice: 0, tool: -1 },
    { seq: 3, part: 'text', start: 0, end: 13, choice: 0, tool: -1 },
    // Two text parts in one event: "Zürich" and " for you."
    { seq: 4, part: 'text', start: 13, end: 28, choice: 0, tool: -1 },
  ]);
  expect(answer.reasoning.slice(53, 82)).toBe(' A tool call gives real data.');
  expect(answer.text.slice(13, 28)).toBe('Zürich for you.');
});

test('with several choices, each choice has its own ranges', () => {
  const answer = mergeEvents(eventsOf([fixtureBytes('openai-chat-n2.sse')], 'sse'));
  const ofChoice = (choice: number) => answer.contributions.filter((c) => c.choice === choice).map((c) => [c.seq, c.start, c.end]);
  expect(ofChoice(0)).toEqual([
    [3, 0, 3],
    [5, 3, 9],
    [7, 9, 10],
  ]);
  expect(ofChoice(1)).toEqual([
    [4, 0, 4],
    [6, 4, 8],
    [8, 8, 9],
  ]);
});
