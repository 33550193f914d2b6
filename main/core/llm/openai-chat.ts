// OpenAI Chat Completions streams (and the servers that copy them: DeepSeek, vLLM, Ollama's /v1,
// LM Studio, OpenRouter, ...): `data:` chunks of `chat.completion.chunk` JSON and `data: [DONE]`.
// https://platform.openai.com/docs/api-reference/chat-streaming
//   choices[].delta.content             the answer, per choice index (n > 1 kept apart)
//   choices[].delta.reasoning_content   reasoning (DeepSeek, vLLM); `reasoning` on some servers
//   choices[].delta.tool_calls[]        {index, id?, function: {name?, arguments}}: fragments per index
//   choices[].finish_reason             stop | length | tool_calls | content_filter
//   usage                               in the last chunk (stream_options.include_usage), choices: []
//   {"error": {...}}                    an error sent inside the stream
//   choices[].text                      the legacy /v1/completions stream (vLLM, llama.cpp serve it too)

import type { LlmAnswer } from '../../common/llm-answer.ts';
import type { EventRecord } from '../../common/records.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { arrayAt, errorMessage, isObject, jsonKind, numberAt, objectAt, parseData, stringAt, type JsonObject } from './json-data.ts';
import type { LlmMerger } from './llm-merger.ts';

export const DONE = '[DONE]';

export class OpenAiChatMerger implements LlmMerger {
  readonly answer: AnswerBuilder;

  constructor(answer = new AnswerBuilder()) {
    this.answer = answer;
  }

  add(record: EventRecord): void {
    const { seq, data } = record;
    if (data === DONE) {
      this.answer.end();
      return;
    }
    const parsed = parseData(data);
    if (!parsed.ok) return this.answer.malformed(seq, parsed.reason);
    const chunk = parsed.value;
    if (!isObject(chunk)) return this.answer.malformed(seq, `not an OpenAI chat chunk (the data is ${jsonKind(chunk)})`);
    if (chunk.error !== undefined && chunk.error !== null) return this.answer.setError(errorMessage(chunk.error));

    const choices = arrayAt(chunk, 'choices');
    const usage = objectAt(chunk, 'usage');
    if (!choices && !usage) return this.answer.malformed(seq, 'not an OpenAI chat chunk (no choices array)');
    if (choices) for (const choice of choices) this.#choice(seq, choice);
    if (usage) this.#usage(usage);
  }

  snapshot(): LlmAnswer {
    return this.answer.snapshot();
  }

  #choice(seq: number, choice: unknown): void {
    const index = numberAt(choice, 'index') ?? 0;
    const delta = objectAt(choice, 'delta');
    if (delta) {
      const reasoning = stringAt(delta, 'reasoning_content') ?? stringAt(delta, 'reasoning');
      if (reasoning !== undefined) this.answer.appendReasoning(seq, reasoning, index);
      const content = stringAt(delta, 'content');
      if (content !== undefined) this.answer.appendText(seq, content, index);
      const toolCalls = arrayAt(delta, 'tool_calls');
      if (toolCalls) toolCalls.forEach((call, position) => this.#toolCall(seq, call, position, index));
      // The deprecated single function_call, as one tool call.
      const functionCall = objectAt(delta, 'function_call');
      if (functionCall) this.#fragment(seq, 'function_call', 0, undefined, functionCall, index);
    } else {
      const text = stringAt(choice, 'text');
      if (text !== undefined) this.answer.appendText(seq, text, index);
    }
    const finish = stringAt(choice, 'finish_reason');
    if (finish) this.answer.setFinishReason(finish, index);
  }

  #toolCall(seq: number, call: unknown, position: number, choice: number): void {
    const index = numberAt(call, 'index') ?? position;
    this.#fragment(seq, index, index, stringAt(call, 'id'), objectAt(call, 'function'), choice);
  }

  #fragment(seq: number, key: string | number, index: number, id: string | undefined, fn: JsonObject | undefined, choice: number): void {
    const name = stringAt(fn, 'name');
    const at = this.answer.toolCall(key, { index, id, name }, choice);
    const args = stringAt(fn, 'arguments');
    if (args !== undefined) this.answer.appendToolArguments(seq, at, args);
  }

  #usage(usage: JsonObject): void {
    this.answer.mergeUsage({
      input: numberAt(usage, 'prompt_tokens'),
      output: numberAt(usage, 'completion_tokens'),
      reasoning: numberAt(objectAt(usage, 'completion_tokens_details'), 'reasoning_tokens'),
      cached: numberAt(objectAt(usage, 'prompt_tokens_details'), 'cached_tokens'),
    });
  }
}
