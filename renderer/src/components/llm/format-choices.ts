// The stream formats a user can choose, in words, for the answer view and the connection editor.

import type { LlmFormatName, LlmFormatSetting } from '../../../../main/common/llm-answer.ts';

export type FormatChoice = Exclude<LlmFormatSetting, `jsonpath:${string}`> | 'jsonpath';

export const FORMAT_CHOICES: { value: FormatChoice; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: 'openai-chat', label: 'OpenAI Chat Completions (and compatible)' },
  { value: 'openai-responses', label: 'OpenAI Responses' },
  { value: 'anthropic', label: 'Anthropic Messages' },
  { value: 'gemini', label: 'Gemini' },
  { value: 'ollama', label: 'Ollama' },
  { value: 'text', label: 'Plain text tokens' },
  { value: 'jsonpath', label: 'A JSON path in each event…' },
];

/** A shape's short name: "OpenAI chat", "Anthropic"... */
export const FORMAT_NAMES: Record<LlmFormatName, string> = {
  'openai-chat': 'OpenAI chat',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
  ollama: 'Ollama',
  text: 'plain text',
  jsonpath: 'JSON path',
};

/** A setting split into the choice and, for a JSON path, its expression. */
export function splitSetting(setting: string): { choice: FormatChoice; path: string } {
  if (setting.startsWith('jsonpath:')) return { choice: 'jsonpath', path: setting.slice('jsonpath:'.length) };
  const known = FORMAT_CHOICES.find((c) => c.value === setting);
  return { choice: known ? known.value : 'auto', path: '' };
}

export function joinSetting(choice: FormatChoice, path: string): string {
  return choice === 'jsonpath' ? `jsonpath:${path.trim()}` : choice;
}
