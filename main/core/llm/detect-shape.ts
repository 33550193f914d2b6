// Recognising a stream's shape from one event, with the evidence in words. Each rule looks for
// what only that shape has; an event that could be several ([DONE], an error object, empty data)
// decides nothing, and the next event is asked.

import type { LlmFormatName } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { ANTHROPIC_EVENT_TYPES } from './anthropic.ts';
import { arrayAt, isObject, objectAt, stringAt, type JsonObject } from './json-data.ts';
import { DONE } from './openai-chat.ts';

export interface ShapeGuess {
  /** A shape that needs no setting: never `jsonpath`. */
  format: Exclude<LlmFormatName, 'jsonpath'>;
  evidence: string;
}

export function detectShape(record: EventRecord): ShapeGuess | null {
  const { data, seq } = record;
  if (data === DONE || data.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { format: 'text', evidence: `event ${seq}'s data is not JSON: plain text tokens` };
  }
  if (!isObject(value)) {
    // "42", "true" or "\"hi\"" parse as JSON but are no shape's chunk: text tokens too.
    return Array.isArray(value)
      ? null
      : { format: 'text', evidence: `event ${seq}'s data is a bare JSON value, not an object: plain text tokens` };
  }
  return detectObject(value, seq);
}

function detectObject(value: JsonObject, seq: number): ShapeGuess | null {
  const type = stringAt(value, 'type');
  if (stringAt(value, 'object') === 'chat.completion.chunk' || arrayAt(value, 'choices')) {
    return { format: 'openai-chat', evidence: `event ${seq} has choices[] (an OpenAI chat completion chunk)` };
  }
  if (type?.startsWith('response.')) {
    return { format: 'openai-responses', evidence: `event ${seq} has type "${type}" (an OpenAI Responses event)` };
  }
  if (type !== undefined && ANTHROPIC_EVENT_TYPES.has(type)) {
    return { format: 'anthropic', evidence: `event ${seq} has type "${type}" (an Anthropic Messages event)` };
  }
  if (type === 'error') {
    // Both APIs send {type: "error"}: the Responses API numbers its events, Anthropic types its errors.
    if (value.sequence_number !== undefined) {
      return { format: 'openai-responses', evidence: `event ${seq} is an error with a sequence_number (an OpenAI Responses event)` };
    }
    if (stringAt(objectAt(value, 'error'), 'type')) {
      return { format: 'anthropic', evidence: `event ${seq} is an error with error.type (an Anthropic Messages event)` };
    }
    return null;
  }
  if (arrayAt(value, 'candidates') || objectAt(value, 'usageMetadata')) {
    return { format: 'gemini', evidence: `event ${seq} has candidates[] or usageMetadata (a Gemini response)` };
  }
  if (typeof value.done === 'boolean' && (objectAt(value, 'message') || stringAt(value, 'response') !== undefined)) {
    return { format: 'ollama', evidence: `event ${seq} has message or response with done (an Ollama response)` };
  }
  return null;
}
