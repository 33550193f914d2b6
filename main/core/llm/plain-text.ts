// Plain text tokens: each event's data is the next piece of the answer, as the FastAPI, Flask and
// Spring SseEmitter examples send it (`data: Hel`, `data: lo`), concatenated as it comes. The
// conventions such servers borrow: `data: [DONE]` ends the answer, and an `event: error` carries
// an error message.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import type { LlmMerger } from './llm-merger.ts';
import { DONE } from './openai-chat.ts';

export class PlainTextMerger implements LlmMerger {
  readonly answer: AnswerBuilder;

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    if (record.data === DONE) this.answer.end();
    else if (record.type === 'error') this.answer.setError(record.data);
    else this.answer.appendText(record.seq, record.data);
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }
}
