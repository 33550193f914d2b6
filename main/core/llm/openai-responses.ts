// OpenAI Responses API streams: typed events (`event: response.output_text.delta` with the same
// `type` in the JSON), each with a sequence_number; no [DONE].
// https://platform.openai.com/docs/api-reference/responses-streaming
//   response.output_text.delta                 {item_id, output_index, content_index, delta}
//   response.reasoning_summary_text.delta      {item_id, summary_index, delta}: reasoning summary
//   response.reasoning_text.delta              raw reasoning text (open-weight models)
//   response.output_item.added                 {output_index, item}: a function_call item brings
//                                              its call_id and name
//   response.function_call_arguments.delta     {item_id, output_index, delta}
//   response.completed | incomplete | failed   {response: {status, usage, incomplete_details, error}}
//   error                                      {code, message} (or {error: {code, message}})
// Other response.* events (created, in_progress, content_part.*, *.done) carry nothing new.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { errorMessage, isObject, jsonKind, numberAt, objectAt, parseData, stringAt, type JsonObject } from './json-data.ts';
import type { LlmMerger } from './llm-merger.ts';

export class OpenAiResponsesMerger implements LlmMerger {
  readonly answer: AnswerBuilder;

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq } = record;
    const parsed = parseData(record.data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const event = parsed.value;
    if (!isObject(event)) return this.answer.malformed(seq, `not an OpenAI Responses event (the data is ${jsonKind(event)})`);
    const type = stringAt(event, 'type');
    if (type === undefined) return this.answer.malformed(seq, 'not an OpenAI Responses event (no type)');

    switch (type) {
      case 'response.output_text.delta':
        return this.answer.appendText(seq, stringAt(event, 'delta') ?? '');
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return this.answer.appendReasoning(seq, stringAt(event, 'delta') ?? '');
      case 'response.output_item.added':
        return this.#itemAdded(seq, event);
      case 'response.function_call_arguments.delta':
        return this.#argumentsDelta(seq, event);
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        return this.#finished(type, objectAt(event, 'response'));
      case 'error': {
        const error = objectAt(event, 'error') ?? { code: event.code, message: event.message };
        return this.answer.setError(errorMessage(error));
      }
      default:
        // Events this merger has no use for are fine; a type from another API is not.
        if (!type.startsWith('response.')) this.answer.malformed(seq, `an event of type "${type}" is not an OpenAI Responses event`);
    }
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  #itemAdded(seq: number, event: JsonObject): void {
    const item = objectAt(event, 'item');
    if (stringAt(item, 'type') !== 'function_call') return;
    const outputIndex = numberAt(event, 'output_index') ?? 0;
    const at = this.answer.toolCall(stringAt(item, 'id') ?? outputIndex, {
      index: outputIndex,
      id: stringAt(item, 'call_id') ?? stringAt(item, 'id'),
      name: stringAt(item, 'name'),
    });
    this.answer.appendToolArguments(seq, at, stringAt(item, 'arguments') ?? '');
  }

  #argumentsDelta(seq: number, event: JsonObject): void {
    const outputIndex = numberAt(event, 'output_index') ?? 0;
    // Keyed as output_item.added keyed it: the item id, or the output index when there is none.
    const at = this.answer.toolCall(stringAt(event, 'item_id') ?? outputIndex, { index: outputIndex });
    this.answer.appendToolArguments(seq, at, stringAt(event, 'delta') ?? '');
  }

  #finished(type: string, response: JsonObject | undefined): void {
    const usage = objectAt(response, 'usage');
    if (usage) {
      this.answer.mergeUsage({
        input: numberAt(usage, 'input_tokens'),
        output: numberAt(usage, 'output_tokens'),
        reasoning: numberAt(objectAt(usage, 'output_tokens_details'), 'reasoning_tokens'),
        cached: numberAt(objectAt(usage, 'input_tokens_details'), 'cached_tokens'),
      });
    }
    if (type === 'response.failed') {
      this.answer.setFinishReason('failed');
      const error = response?.error;
      this.answer.setError(error !== undefined && error !== null ? errorMessage(error) : 'The response failed (no error given)');
    } else if (type === 'response.incomplete') {
      this.answer.setFinishReason(stringAt(objectAt(response, 'incomplete_details'), 'reason') ?? 'incomplete');
    } else {
      this.answer.setFinishReason(stringAt(response, 'status') ?? 'completed');
    }
    this.answer.end();
  }
}
