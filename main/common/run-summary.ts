// One run of a request (one send, one capture) in a few numbers, written into the capture's meta
// file when the run ends and listed in the run history, so a user can see whether an endpoint got
// slower: the HTTP status, how it ended, the stream's shape, TTFB and TTFT, duration, chunks, the
// longest gap, token usage and the finish reason, and the model's error if it sent one.

import type { LlmAnswer, LlmFigures, LlmFormatName, LlmUsage } from './llm-answer.ts';
import type { ClosedReason } from './records.ts';

export interface RunSummary {
  /** The response's HTTP status; null when none came (a network failure). */
  status: number | null;
  /** How the stream ended: 'ended' is a normal end, 'failed' an error, 'closed' stopped by the user. */
  closedReason: ClosedReason | null;
  /** The stream shape that was merged; null when none was recognised. */
  format: LlmFormatName | null;
  ttfbMs: number | null;
  ttftMs: number | null;
  durationMs: number | null;
  chunks: number;
  /** The longest gap between two events, ms. */
  gapMaxMs: number | null;
  usage: LlmUsage | null;
  outputTokensPerSecond: number | null;
  finishReason: string | null;
  /** The error the model (or its server) sent inside the stream. */
  error: string | null;
}

export function runSummaryOf(answer: LlmAnswer, figures: LlmFigures, closedReason: ClosedReason | null): RunSummary {
  return {
    status: figures.status,
    closedReason,
    format: answer.format,
    ttfbMs: figures.ttfbMs,
    ttftMs: figures.ttftMs,
    durationMs: figures.durationMs,
    chunks: figures.chunks,
    gapMaxMs: figures.gapMs.max,
    usage: figures.usage,
    outputTokensPerSecond: figures.outputTokensPerSecond,
    finishReason: figures.finishReason,
    error: answer.error,
  };
}
