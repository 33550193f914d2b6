// The format setting (`auto`, a shape's name, or `jsonpath:EXPR`): checked once, and turned into
// the merger that reads the stream that way.

import { LLM_FORMAT_NAMES, type LlmFormatName } from '../../common/llm-answer.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { AnthropicMerger } from './anthropic.ts';
import { GeminiMerger } from './gemini.ts';
import { compileJsonPath, type PathStep } from './json-path.ts';
import { JsonPathMerger } from './json-path-rule.ts';
import type { LlmMerger } from './llm-merger.ts';
import { OllamaMerger } from './ollama.ts';
import { OpenAiChatMerger } from './openai-chat.ts';
import { OpenAiResponsesMerger } from './openai-responses.ts';
import { PlainTextMerger } from './plain-text.ts';

export type LlmFormat =
  | { kind: 'auto' }
  | { kind: 'shape'; name: Exclude<LlmFormatName, 'jsonpath'> }
  | { kind: 'jsonpath'; expression: string; steps: PathStep[] };

export type FormatCheck = { ok: true; format: LlmFormat } | { ok: false; problem: string };

const JSONPATH_PREFIX = 'jsonpath:';

/** The names a user may give, for help texts and messages. */
export const FORMAT_CHOICES = `auto, ${LLM_FORMAT_NAMES.filter((n) => n !== 'jsonpath').join(', ')}, jsonpath:EXPR`;

export function parseLlmFormat(setting: string): FormatCheck {
  const text = setting.trim();
  if (text === '' || text === 'auto') return { ok: true, format: { kind: 'auto' } };
  if (text.startsWith(JSONPATH_PREFIX)) {
    const expression = text.slice(JSONPATH_PREFIX.length).trim();
    const compiled = compileJsonPath(expression);
    if (!compiled.ok) return { ok: false, problem: compiled.problem };
    return { ok: true, format: { kind: 'jsonpath', expression, steps: compiled.steps } };
  }
  const name = LLM_FORMAT_NAMES.find((n) => n === text && n !== 'jsonpath');
  if (!name || name === 'jsonpath') return { ok: false, problem: `"${text}" is not a stream format; use one of ${FORMAT_CHOICES}` };
  return { ok: true, format: { kind: 'shape', name } };
}

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
