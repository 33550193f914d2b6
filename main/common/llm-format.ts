// The format setting (`auto`, a shape's name, or `jsonpath:EXPR`), checked once: by the config
// schema for a saved connection, by `sse-scope llm --format`, and by the editor as it is typed.
// main/core/llm/shape-mergers.ts turns it into the merger that reads the stream that way.

import { LLM_FORMAT_NAMES, type LlmFormatName, type LlmFormatSetting } from './llm-answer.ts';
import { compileJsonPath, type PathStep } from './json-path.ts';

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

/** A setting read back (from a capture's meta file, say) in its canonical spelling; null when it is not one. */
export function llmFormatSettingOf(text: string): LlmFormatSetting | null {
  const parsed = parseLlmFormat(text);
  return parsed.ok ? formatSetting(parsed.format) : null;
}

/** The setting as saved: `auto`, a shape's name, or `jsonpath:` and the path, trimmed. */
export function formatSetting(format: LlmFormat): LlmFormatSetting {
  if (format.kind === 'auto') return 'auto';
  if (format.kind === 'jsonpath') return `${JSONPATH_PREFIX}${format.expression}`;
  return format.name;
}
