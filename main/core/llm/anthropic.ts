// Anthropic Messages streams: typed events (`event: content_block_delta` and the same `type` in
// the JSON). https://docs.anthropic.com/en/docs/build-with-claude/streaming
//   message_start          {message: {usage: {input_tokens, cache_read_input_tokens, ...}}}
//   content_block_start    {index, content_block: {type: text | thinking | tool_use, id?, name?}}
//   content_block_delta    {index, delta: text_delta {text} | thinking_delta {thinking} |
//                           input_json_delta {partial_json} | signature_delta (not shown)}
//   content_block_stop     {index}
//   message_delta          {delta: {stop_reason}, usage: {output_tokens, ...}}: cumulative counts
//   message_stop           the end
//   ping                   keep-alive
//   error                  {error: {type, message}}
// "We may add new event types": unknown types are passed over, as the docs ask.

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { errorMessage, isObject, jsonKind, numberAt, objectAt, parseData, stringAt, type JsonObject } from './json-data.ts';
import type { LlmMerger } from './llm-merger.ts';

/** The event types of a Messages stream (detection looks for them). */
export const ANTHROPIC_EVENT_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
]);

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use']);

interface AnthropicCounts {
  input: number | undefined;
  cacheRead: number | undefined;
  cacheCreation: number | undefined;
  output: number | undefined;
}

export class AnthropicMerger implements LlmMerger {
  readonly answer: AnswerBuilder;
  readonly #counts: AnthropicCounts = { input: undefined, cacheRead: undefined, cacheCreation: undefined, output: undefined };

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq } = record;
    const parsed = parseData(record.data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const event = parsed.value;
    if (!isObject(event)) return this.answer.malformed(seq, `not an Anthropic event (the data is ${jsonKind(event)})`);
    const type = stringAt(event, 'type');
    if (type === undefined) return this.answer.malformed(seq, 'not an Anthropic event (no type)');

    switch (type) {
      case 'message_start':
        return this.#usage(objectAt(objectAt(event, 'message'), 'usage'));
      case 'content_block_start':
        return this.#blockStart(seq, event);
      case 'content_block_delta':
        return this.#blockDelta(seq, event);
      case 'message_delta': {
        const stopReason = stringAt(objectAt(event, 'delta'), 'stop_reason');
        if (stopReason) this.answer.setFinishReason(stopReason);
        return this.#usage(objectAt(event, 'usage'));
      }
      case 'message_stop':
        return this.answer.end();
      case 'error':
        return this.answer.setError(errorMessage(event.error ?? event));
      default:
      // ping, content_block_stop, and event types added later: nothing to merge.
    }
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  #blockStart(seq: number, event: JsonObject): void {
    const index = numberAt(event, 'index') ?? 0;
    const block = objectAt(event, 'content_block');
    const type = stringAt(block, 'type');
    if (type === 'text') this.answer.appendText(seq, stringAt(block, 'text') ?? '');
    else if (type === 'thinking') this.answer.appendReasoning(seq, stringAt(block, 'thinking') ?? '');
    else if (type !== undefined && TOOL_BLOCKS.has(type)) {
      this.answer.toolCall(index, { index, id: stringAt(block, 'id'), name: stringAt(block, 'name') });
    }
  }

  #blockDelta(seq: number, event: JsonObject): void {
    const index = numberAt(event, 'index') ?? 0;
    const delta = objectAt(event, 'delta');
    switch (stringAt(delta, 'type')) {
      case 'text_delta':
        return this.answer.appendText(seq, stringAt(delta, 'text') ?? '');
      case 'thinking_delta':
        return this.answer.appendReasoning(seq, stringAt(delta, 'thinking') ?? '');
      case 'input_json_delta': {
        const at = this.answer.toolCall(index, { index });
        return this.answer.appendToolArguments(seq, at, stringAt(delta, 'partial_json') ?? '');
      }
      case undefined:
        return this.answer.malformed(seq, 'a content_block_delta without a delta type');
      default:
      // signature_delta (the thinking block's signature) and delta types added later.
    }
  }

  /** message_start and message_delta usage: counts are cumulative, later reports replace earlier ones. */
  #usage(usage: JsonObject | undefined): void {
    if (!usage) return;
    const counts = this.#counts;
    counts.input = numberAt(usage, 'input_tokens') ?? counts.input;
    counts.cacheRead = numberAt(usage, 'cache_read_input_tokens') ?? counts.cacheRead;
    counts.cacheCreation = numberAt(usage, 'cache_creation_input_tokens') ?? counts.cacheCreation;
    counts.output = numberAt(usage, 'output_tokens') ?? counts.output;
    const anyInput = counts.input !== undefined || counts.cacheRead !== undefined || counts.cacheCreation !== undefined;
    this.answer.mergeUsage({
      input: anyInput ? (counts.input ?? 0) + (counts.cacheRead ?? 0) + (counts.cacheCreation ?? 0) : undefined,
      output: counts.output,
      cached: counts.cacheRead,
    });
  }
}
