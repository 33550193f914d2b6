// What every shape's merger is: it takes a session's event records one at a time, in order, and
// holds the answer they add up to. Each shape (openai-chat.ts, anthropic.ts, ...) is one small
// class with this interface, writing into an AnswerBuilder it may share (auto-merger.ts hands its
// own builder to the shape it detects).

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import type { AnswerBuilder } from './answer-builder.ts';

export interface LlmMerger {
  readonly answer: AnswerBuilder;
  /** One event, in seq order. Never throws: what it cannot use is recorded as malformed. */
  add(record: EventRecord): void;
  snapshot(): LlmAnswer;
}
