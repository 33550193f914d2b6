// One session's LLM view: give it the session's records as they come (in batches, in order) and
// it keeps the merged answer and the figures. The app core holds one per session, the CLI one per
// run; both ask it for a snapshot when they want one (revision says whether anything changed).

import type { LlmAnswer, LlmFigures } from '../../common/llm-answer.ts';
import type { SseRecord } from '../../common/records.ts';
import type { DeltaListener } from './answer-builder.ts';
import { createLlmMerger } from './auto-merger.ts';
import { LlmFiguresMeter } from './llm-figures.ts';
import type { LlmFormat } from '../../common/llm-format.ts';
import type { LlmMerger } from './llm-merger.ts';

export class LlmTracker {
  readonly #merger: LlmMerger;
  readonly #meter = new LlmFiguresMeter();

  constructor(format: LlmFormat = { kind: 'auto' }) {
    this.#merger = createLlmMerger(format);
  }

  /** Called with every piece of text or reasoning as it is added (the CLI prints them). */
  set onDelta(listener: DeltaListener | null) {
    this.#merger.answer.onDelta = listener;
  }

  add(records: readonly SseRecord[]): void {
    const answer = this.#merger.answer;
    for (const record of records) {
      if (record.kind === 'event') {
        this.#merger.add(record);
        // True from the event with the first token (the end marker) on: the meter keeps the first such time.
        this.#meter.event(record, answer.firstTokenSeq !== null, answer.ended);
      } else {
        this.#meter.other(record);
      }
    }
  }

  /** Grows with every change to the answer. */
  get revision(): number {
    return this.#merger.answer.revision;
  }

  /** The stream's end marker arrived. */
  get ended(): boolean {
    return this.#merger.answer.ended;
  }

  answer(): LlmAnswer {
    return this.#merger.snapshot();
  }

  figures(answer: LlmAnswer = this.answer()): LlmFigures {
    return this.#meter.figures(answer.finishReason, answer.usage);
  }
}
