// The `auto` format: holds the first events until one of them shows the stream's shape
// (detect-shape.ts), then hands them, and every later event, to that shape's merger. An error
// object that arrives before the shape is known is shown at once. Detection gives up holding
// events after DETECT_EVENTS undecided ones (the answer says so) but keeps looking at later ones.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { detectShape } from './detect-shape.ts';
import { errorMessage, isObject, parseData } from './json-data.ts';
import type { LlmFormat } from '../../common/llm-format.ts';
import type { LlmMerger } from './llm-merger.ts';
import { mergerFor } from './shape-mergers.ts';

export const DETECT_EVENTS = 20;

export class AutoMerger implements LlmMerger {
  readonly answer = new AnswerBuilder();
  #shape: LlmMerger | null = null;
  #held: EventRecord[] = [];
  #undecided = 0;

  add(record: EventRecord): void {
    if (this.#shape) return this.#shape.add(record);
    const guess = detectShape(record);
    if (guess) {
      this.answer.decide(guess.format, { by: 'auto', seq: record.seq, evidence: guess.evidence });
      const shape = mergerFor({ kind: 'shape', name: guess.format }, this.answer);
      this.#shape = shape;
      for (const held of this.#held) shape.add(held);
      this.#held = [];
      shape.add(record);
      return;
    }
    if (this.#showError(record)) return;
    this.#undecided++;
    if (this.#held.length < DETECT_EVENTS) this.#held.push(record);
    if (this.#undecided <= DETECT_EVENTS) {
      const events = this.#undecided === 1 ? 'the first event' : `the first ${this.#undecided} events`;
      this.answer.decide(null, { by: 'auto', seq: null, evidence: `no known LLM stream shape in ${events}` });
    }
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  /** `{"error": ...}` is how several shapes report a failure; it needs no shape to be shown. */
  #showError(record: EventRecord): boolean {
    if (!record.data.includes('"error"')) return false;
    const parsed = parseData(record.data);
    if (!parsed.ok || !isObject(parsed.value)) return false;
    const error = parsed.value.error;
    if (error === undefined || error === null) return false;
    this.answer.setError(errorMessage(error));
    return true;
  }
}

/** The merger a format setting asks for: detection, or the named shape from the first event. */
export function createLlmMerger(format: LlmFormat): LlmMerger {
  if (format.kind === 'auto') return new AutoMerger();
  const answer = new AnswerBuilder();
  const name = format.kind === 'jsonpath' ? 'jsonpath' : format.name;
  const evidence = format.kind === 'jsonpath' ? `set: the JSON path ${format.expression}` : `set: ${format.name}`;
  answer.decide(name, { by: 'set', seq: null, evidence });
  return mergerFor(format, answer);
}
