// A user's rule for a stream no built-in shape knows: a JSON path into each event's data (for
// example `$.token` or `$.choices[0].message.content`), whose value is the next piece of the
// answer. Events where the path leads nowhere add nothing (a closing event, a keep-alive);
// `data: [DONE]` ends the answer, as in OpenAI-shaped streams.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { jsonKind, parseData } from './json-data.ts';
import { evaluateJsonPath, type PathStep } from '../../common/json-path.ts';
import type { LlmMerger } from './llm-merger.ts';
import { DONE } from './openai-chat.ts';

export class JsonPathMerger implements LlmMerger {
  readonly answer: AnswerBuilder;
  readonly #steps: readonly PathStep[];
  readonly #expression: string;

  constructor(expression: string, steps: readonly PathStep[], answer = new AnswerBuilder()) {
    this.#expression = expression;
    this.#steps = steps;
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq } = record;
    if (record.data === DONE) return this.answer.end();
    const parsed = parseData(record.data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const value = evaluateJsonPath(this.#steps, parsed.value);
    if (value === undefined || value === null) return;
    if (typeof value === 'string') this.answer.appendText(seq, value);
    else if (typeof value === 'number' || typeof value === 'boolean') this.answer.appendText(seq, String(value));
    else this.answer.malformed(seq, `${this.#expression} is ${jsonKind(value)} here, not text`);
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }
}
