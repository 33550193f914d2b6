// What `sse-scope llm` shows: the answer as it arrives (text on stdout, reasoning on stderr, dimmed
// on a terminal), then the tool calls, and one summary line on stderr; or, with --json, one JSON
// object with the answer and its figures. With several choices the first one is printed (--json
// has it too); the app shows them all.

import type { LlmAnswer, LlmFigures, LlmUsage } from '../common/llm-answer.ts';
import { formatCount } from '../common/number-format.ts';

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const DIM = '\x1b[2m';
const NOT_DIM = '\x1b[22m';

export class AnswerPrinter {
  readonly #out: TextStream;
  readonly #err: TextStream;
  #lastPart: 'text' | 'reasoning' | null = null;
  #lastChar = '\n';

  constructor(out: TextStream, err: TextStream) {
    this.#out = out;
    this.#err = err;
  }

  /** A piece of the first choice's text or reasoning, printed at once. */
  delta(part: 'text' | 'reasoning', text: string, choice: number): void {
    if (choice !== 0) return;
    if (part === 'reasoning') {
      this.#err.write(this.#err.isTTY ? DIM + text + NOT_DIM : text);
    } else {
      // The reasoning ends on a line of its own before the answer starts.
      if (this.#lastPart === 'reasoning' && this.#lastChar !== '\n') this.#err.write('\n');
      this.#out.write(text);
    }
    this.#lastPart = part;
    this.#lastChar = text.at(-1)!;
  }

  /** The tool calls, after the text; and a last line break where a terminal needs one. */
  finish(answer: LlmAnswer): void {
    if (this.#lastPart === 'reasoning' && this.#lastChar !== '\n') this.#err.write('\n');
    const calls = answer.toolCalls.filter((call) => call.choice === 0);
    let lines = '';
    for (const call of calls) {
      const flag = call.argumentsValid || call.arguments === '' ? '' : '   (the arguments are not valid JSON)';
      lines += `tool call ${call.name || '(no name)'}: ${call.arguments}${flag}\n`;
    }
    if (lines !== '') {
      if (this.#lastPart === 'text' && this.#lastChar !== '\n') lines = '\n' + lines;
      this.#out.write(lines);
      this.#lastChar = '\n';
    }
    // A pipe or a file gets the answer's bytes exactly; a terminal gets its prompt on a line of its own.
    if (this.#out.isTTY && this.#lastPart === 'text' && this.#lastChar !== '\n') this.#out.write('\n');
  }
}

/** "openai-chat · HTTP 200 · TTFB 9 ms · TTFT 399 ms · 1.41 s · 7 chunks · tokens 5 in / 90 out · finish stop" */
export function summaryLine(answer: LlmAnswer, figures: LlmFigures): string {
  const parts = [answer.format ?? 'no known LLM shape'];
  if (figures.status !== null) parts.push(`HTTP ${figures.status}`);
  if (figures.ttfbMs !== null) parts.push(`TTFB ${duration(figures.ttfbMs)}`);
  parts.push(`TTFT ${figures.ttftMs === null ? '-' : duration(figures.ttftMs)}`);
  if (figures.durationMs !== null) parts.push(duration(figures.durationMs));
  parts.push(`${formatCount(figures.chunks)} chunk${figures.chunks === 1 ? '' : 's'}`);
  if (figures.gapMs.max !== null) parts.push(`longest gap ${duration(figures.gapMs.max)}`);
  if (answer.usage) parts.push(tokens(answer.usage, figures.outputTokensPerSecond));
  parts.push(`finish ${answer.finishReason ?? '-'}`);
  if (answer.format !== null && answer.format !== 'text' && answer.format !== 'jsonpath' && !answer.ended && answer.error === null) {
    parts.push('no end marker (cut short?)');
  }
  if (answer.malformedCount > 0)
    parts.push(`${formatCount(answer.malformedCount)} malformed chunk${answer.malformedCount === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The --json object: the answer and its figures, keys in this order. */
export function jsonResult(answer: LlmAnswer, figures: LlmFigures): object {
  return {
    format: answer.format,
    text: answer.text,
    reasoning: answer.reasoning,
    toolCalls: answer.toolCalls.filter((call) => call.choice === 0).map((call) => ({ name: call.name, arguments: call.arguments })),
    finishReason: answer.finishReason,
    usage: answer.usage,
    ttfbMs: figures.ttfbMs,
    ttftMs: figures.ttftMs,
    durationMs: figures.durationMs,
    chunks: figures.chunks,
    gapMs: figures.gapMs,
    status: figures.status,
  };
}

function tokens(usage: LlmUsage, perSecond: number | null): string {
  const count = (n: number | null) => (n === null ? '?' : formatCount(n));
  const cached = usage.cached ? ` (${formatCount(usage.cached)} cached)` : '';
  const reasoning = usage.reasoning ? ` (${formatCount(usage.reasoning)} reasoning)` : '';
  const rate = perSecond === null ? '' : `, ${perSecond} tokens/s`;
  return `tokens ${count(usage.input)} in${cached} / ${count(usage.output)} out${reasoning}${rate}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
