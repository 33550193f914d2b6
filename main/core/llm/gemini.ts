// Google Gemini `streamGenerateContent?alt=sse`: `data:` events, each a GenerateContentResponse.
// https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
//   candidates[].content.parts[]   {text} | {text, thought: true} (a thought summary) |
//                                  {functionCall: {id?, name, args}}: a whole call in one part
//   candidates[].finishReason      STOP | MAX_TOKENS | SAFETY | ...: the last chunk of a candidate
//   usageMetadata                  promptTokenCount, candidatesTokenCount, thoughtsTokenCount,
//                                  cachedContentTokenCount (often on every chunk; the last counts)
//   {"error": {code, message, status}}   an error sent inside the stream
// Gemini sends no end marker: the finishReason is its last word.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { arrayAt, errorMessage, isObject, jsonKind, numberAt, objectAt, parseData, stringAt, type JsonObject } from './json-data.ts';
import type { LlmMerger } from './llm-merger.ts';

export class GeminiMerger implements LlmMerger {
  readonly answer: AnswerBuilder;
  /** Function calls seen per candidate: each functionCall part is a call of its own. */
  readonly #calls = new Map<number, number>();

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq } = record;
    const parsed = parseData(record.data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const response = parsed.value;
    if (!isObject(response)) return this.answer.malformed(seq, `not a Gemini response (the data is ${jsonKind(response)})`);
    if (response.error !== undefined && response.error !== null) return this.answer.setError(errorMessage(response.error));

    const candidates = arrayAt(response, 'candidates');
    const usage = objectAt(response, 'usageMetadata');
    if (!candidates && !usage && !objectAt(response, 'promptFeedback')) {
      return this.answer.malformed(seq, 'not a Gemini response (no candidates)');
    }
    candidates?.forEach((candidate, position) => this.#candidate(seq, candidate, position));
    if (usage) this.#usage(usage);
    const blocked = stringAt(objectAt(response, 'promptFeedback'), 'blockReason');
    if (blocked) this.answer.setError(`The prompt was blocked (${blocked})`);
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  #candidate(seq: number, candidate: unknown, position: number): void {
    const choice = numberAt(candidate, 'index') ?? position;
    for (const part of arrayAt(objectAt(candidate, 'content'), 'parts') ?? []) {
      const call = objectAt(part, 'functionCall');
      if (call) {
        this.#functionCall(seq, call, choice);
        continue;
      }
      const text = stringAt(part, 'text');
      if (text === undefined) continue;
      if (isObject(part) && part.thought === true) this.answer.appendReasoning(seq, text, choice);
      else this.answer.appendText(seq, text, choice);
    }
    const finish = stringAt(candidate, 'finishReason');
    if (finish) {
      this.answer.setFinishReason(finish, choice);
      if (choice === 0) this.answer.end();
    }
  }

  #functionCall(seq: number, call: JsonObject, choice: number): void {
    const index = this.#calls.get(choice) ?? 0;
    this.#calls.set(choice, index + 1);
    const at = this.answer.toolCall(index, { index, id: stringAt(call, 'id'), name: stringAt(call, 'name') }, choice);
    this.answer.setToolArguments(seq, at, JSON.stringify(call.args ?? {}));
  }

  #usage(usage: JsonObject): void {
    const candidates = numberAt(usage, 'candidatesTokenCount');
    const thoughts = numberAt(usage, 'thoughtsTokenCount');
    this.answer.mergeUsage({
      input: numberAt(usage, 'promptTokenCount'),
      output: candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0),
      reasoning: thoughts,
      cached: numberAt(usage, 'cachedContentTokenCount'),
    });
  }
}
