// The answer an LLM token stream adds up to, and the figures of the stream, as they cross to the
// renderer and the CLI's --json output. main/core/llm builds them from a session's records; this
// module only names their shape (no logic), so any process can use it.

/** The stream shapes the merger knows. `jsonpath` is a user's rule: a JSON path into each event's data. */
export type LlmFormatName = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini' | 'ollama' | 'text' | 'jsonpath';

/** Every shape, in the order detection tries them (jsonpath is never detected: it needs a path). */
export const LLM_FORMAT_NAMES: readonly LlmFormatName[] = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'gemini',
  'ollama',
  'text',
  'jsonpath',
];

/**
 * The format setting of a connection (and `sse-scope llm --format`): `auto` (detect from the first
 * events), a shape's name, or `jsonpath:EXPR` with a path such as `$.choices[0].message.content`.
 */
export type LlmFormatSetting = 'auto' | Exclude<LlmFormatName, 'jsonpath'> | `jsonpath:${string}`;

/** How the shape was chosen, in words a user can check against the timeline. */
export interface LlmDetection {
  /** `auto`: recognised from the events; `set`: the connection's setting named it. */
  by: 'auto' | 'set';
  /** The event that decided (auto); null when set, or not decided yet. */
  seq: number | null;
  /** For example "event 2 has choices[].delta (an OpenAI chat completion chunk)". */
  evidence: string;
}

/** A tool (function) call the model made, its arguments assembled from the streamed fragments. */
export interface LlmToolCall {
  /** The provider's index of the call (OpenAI `tool_calls[].index`, a content block or output index). */
  index: number;
  /** The choice it belongs to, when the stream has several (OpenAI `n > 1`); 0 otherwise. */
  choice: number;
  /** The provider's call id (`call_...`, `toolu_...`); "" when the stream gave none. */
  id: string;
  name: string;
  /** The arguments as assembled from the fragments, exactly as sent (a JSON text when all went well). */
  arguments: string;
  /** Whether `arguments` parses as JSON. */
  argumentsValid: boolean;
}

/** One choice's answer, for streams with several (OpenAI `n > 1`, Gemini candidates). */
export interface LlmChoice {
  index: number;
  text: string;
  reasoning: string;
  finishReason: string | null;
}

/**
 * Token counts as the stream reported them, made comparable across providers: `input` counts every
 * prompt token, cached ones included (Anthropic's input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens); `output` counts every generated token, reasoning included (Gemini's
 * candidatesTokenCount + thoughtsTokenCount). A count the stream did not report is null.
 */
export interface LlmUsage {
  input: number | null;
  output: number | null;
  /** Of `output`, the reasoning (thinking) tokens. */
  reasoning: number | null;
  /** Of `input`, the tokens read from a prompt cache. */
  cached: number | null;
}

export type LlmAnswerPart = 'text' | 'reasoning' | 'tool-arguments';

/**
 * What one event added to the answer: the [start, end) range (UTF-16 offsets) of a part. Text and
 * reasoning ranges index the choice's text and reasoning (choice 0's are the answer's `text` and
 * `reasoning`); tool-argument ranges index `toolCalls[tool].arguments`. An event that added to
 * several parts has several entries, in the order it added them.
 */
export interface LlmContribution {
  seq: number;
  part: LlmAnswerPart;
  start: number;
  end: number;
  /** The choice (text, reasoning). */
  choice: number;
  /** The position in `toolCalls` (tool-arguments); -1 otherwise. */
  tool: number;
}

/** An event the merger could not use, and why, in plain words. */
export interface LlmMalformedChunk {
  seq: number;
  reason: string;
}

export interface LlmAnswer {
  /** The shape being merged; null while auto-detection has not decided (or found no known shape). */
  format: LlmFormatName | null;
  detection: LlmDetection;
  /** The answer (choice 0's, when there are several). */
  text: string;
  /** Reasoning or thinking text (DeepSeek reasoning_content, Anthropic thinking, Gemini thoughts, ...). */
  reasoning: string;
  toolCalls: LlmToolCall[];
  /** Every choice, when the stream has more than one; empty otherwise. */
  choices: LlmChoice[];
  /** finish_reason, stop_reason, finishReason, done_reason, or the Responses API status. */
  finishReason: string | null;
  usage: LlmUsage | null;
  /** The error the model (or its server) sent inside the stream. */
  error: string | null;
  /** The shape's end marker arrived ([DONE], message_stop, response.completed, done: true). */
  ended: boolean;
  /** The first unusable events (at most LLM_MALFORMED_KEPT), in order. */
  malformed: LlmMalformedChunk[];
  /** How many events were unusable in all. */
  malformedCount: number;
  contributions: LlmContribution[];
  /** Grows with every change, so a view can tell whether it has the latest answer. */
  revision: number;
}

/** The malformed chunks an answer keeps (the count goes on). */
export const LLM_MALFORMED_KEPT = 1000;

/** Percentiles of the gaps between consecutive events, in ms; null with fewer than two events. */
export interface LlmGaps {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/**
 * The timing of one LLM session. Times run from the request start: the `open` record's time minus
 * its ttfbMs (the open record is stamped when the headers arrived, ttfbMs after the request went out).
 */
export interface LlmFigures {
  /** Request sent -> response headers (the open record's ttfbMs). */
  ttfbMs: number | null;
  /** Request sent -> the event that brought the first non-empty text or reasoning. */
  ttftMs: number | null;
  /**
   * Request sent -> the answer's end marker ([DONE], message_stop, response.completed, a Gemini
   * finishReason, Ollama's done), or else the session's close, or while it runs the last event.
   */
  durationMs: number | null;
  /** Events received. */
  chunks: number;
  /** Events per second, first event to last; null with fewer than two events or no time between them. */
  chunksPerSecond: number | null;
  gapMs: LlmGaps;
  finishReason: string | null;
  usage: LlmUsage | null;
  /** usage.output over the time from the first token to the last event; null without both. */
  outputTokensPerSecond: number | null;
  /** The HTTP status of the response (or of the error response); null before any. */
  status: number | null;
}
