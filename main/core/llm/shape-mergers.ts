// The merger of each shape, by name: one place that knows them all.

import { AnswerBuilder } from './answer-builder.ts';
import { AnthropicMerger } from './anthropic.ts';
import { GeminiMerger } from './gemini.ts';
import { JsonPathMerger } from './json-path-rule.ts';
import type { LlmFormat } from '../../common/llm-format.ts';
import type { LlmMerger } from './llm-merger.ts';
import { OllamaMerger } from './ollama.ts';
import { OpenAiChatMerger } from './openai-chat.ts';
import { OpenAiResponsesMerger } from './openai-responses.ts';
import { PlainTextMerger } from './plain-text.ts';

/** The merger for a shape, writing into `answer`. */
export function mergerFor(format: Exclude<LlmFormat, { kind: 'auto' }>, answer: AnswerBuilder = new AnswerBuilder()): LlmMerger {
  if (format.kind === 'jsonpath') return new JsonPathMerger(format.expression, format.steps, answer);
  switch (format.name) {
    case 'openai-chat':
      return new OpenAiChatMerger(answer);
    case 'openai-responses':
      return new OpenAiResponsesMerger(answer);
    case 'anthropic':
      return new AnthropicMerger(answer);
    case 'gemini':
      return new GeminiMerger(answer);
    case 'ollama':
      return new OllamaMerger(answer);
    case 'text':
      return new PlainTextMerger(answer);
  }
}
