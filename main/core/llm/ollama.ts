// Ollama's native API: NDJSON, one JSON object per line (read as one event per line, see
// main/core/sse/ndjson-parser.ts). https://github.com/ollama/ollama/blob/main/docs/api.md
//   /api/chat       {message: {role, content, thinking?, tool_calls?: [{function: {name, arguments}}]}, done}
//   /api/generate   {response, thinking?, done}
//   the last line   {done: true, done_reason, prompt_eval_count, eval_count, ...durations}
//   {"error": "..."}  an error sent inside the stream

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { arrayAt, errorMessage, isObject, jsonKind, numberAt, objectAt, parseData, stringAt, type JsonObject } from './json-data.ts';
import type { LlmMerger } from './llm-merger.ts';

export class OllamaMerger implements LlmMerger {
  readonly answer: AnswerBuilder;
  #calls = 0;

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq } = record;
    const parsed = parseData(record.data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const line = parsed.value;
    if (!isObject(line)) return this.answer.malformed(seq, `not an Ollama response (the data is ${jsonKind(line)})`);
    if (line.error !== undefined && line.error !== null) return this.answer.setError(errorMessage(line.error));

    const message = objectAt(line, 'message');
    const response = stringAt(line, 'response');
    if (!message && response === undefined && typeof line.done !== 'boolean') {
      return this.answer.malformed(seq, 'not an Ollama response (no message, response or done)');
    }
    // /api/generate puts thinking and the text at the top level, /api/chat in `message`.
    const source = message ?? line;
    this.answer.appendReasoning(seq, stringAt(source, 'thinking') ?? '');
    this.answer.appendText(seq, stringAt(message, 'content') ?? response ?? '');
    for (const call of arrayAt(message, 'tool_calls') ?? []) this.#toolCall(seq, objectAt(call, 'function'));

    if (line.done === true) {
      const reason = stringAt(line, 'done_reason');
      if (reason) this.answer.setFinishReason(reason);
      const input = numberAt(line, 'prompt_eval_count');
      const output = numberAt(line, 'eval_count');
      if (input !== undefined || output !== undefined) this.answer.mergeUsage({ input, output });
      this.answer.end();
    }
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  #toolCall(seq: number, fn: JsonObject | undefined): void {
    const index = this.#calls++;
    const at = this.answer.toolCall(index, { index, name: stringAt(fn, 'name') });
    const args = fn?.arguments;
    this.answer.setToolArguments(seq, at, typeof args === 'string' ? args : JSON.stringify(args ?? {}));
  }
}
