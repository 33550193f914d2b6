// The timing of an LLM session, from its records: time to first byte, time to first token, total
// duration, chunks, chunk rate, gaps between chunks, and output tokens per second from the usage the
// stream reported.
//
// Times are epoch milliseconds from the records. The request start is the first `open` record's
// time minus its ttfbMs: the Session stamps the open record when the response headers arrive, and
// ttfbMs is the time from sending the request to those headers. Events carry the receive time of
// the network chunk that completed them, so events that arrived together have no gap between them.
// A session that reconnects is measured on its first attempt's request.

import type { LlmFigures, LlmGaps, LlmUsage } from '../../common/llm-answer.ts';
import type { EpochMs, EventRecord, SseRecord } from '../../common/records.ts';

export class LlmFiguresMeter {
  #requestStart: EpochMs | null = null;
  #ttfbMs: number | null = null;
  #status: number | null = null;
  #chunks = 0;
  #firstEvent: EpochMs | null = null;
  #lastEvent: EpochMs | null = null;
  #firstToken: EpochMs | null = null;
  #closed: EpochMs | null = null;
  #endMarker: EpochMs | null = null;
  #gaps: number[] = [];

  /**
   * An event; `tokenSeen` once the answer has text or reasoning, `ended` once its end marker has
   * arrived (this event's time counts the first time each is true).
   */
  event(record: EventRecord, tokenSeen: boolean, ended: boolean): void {
    this.#chunks++;
    if (this.#lastEvent !== null) this.#gaps.push(Math.max(0, record.time - this.#lastEvent));
    this.#firstEvent ??= record.time;
    this.#lastEvent = record.time;
    if (tokenSeen) this.#firstToken ??= record.time;
    if (ended) this.#endMarker ??= record.time;
  }

  /** Any record that is not an event. */
  other(record: SseRecord): void {
    if (record.kind === 'open') {
      if (this.#requestStart !== null) return;
      this.#requestStart = record.time - record.ttfbMs;
      this.#ttfbMs = record.ttfbMs;
      this.#status = record.status;
    } else if (record.kind === 'error') {
      if (record.status !== undefined && this.#status === null) this.#status = record.status;
    } else if (record.kind === 'closed') {
      this.#closed = record.time;
    }
  }

  figures(finishReason: string | null, usage: LlmUsage | null): LlmFigures {
    const start = this.#requestStart;
    const since = (time: EpochMs | null) => (start === null || time === null ? null : Math.max(0, time - start));
    const span = this.#firstEvent === null || this.#lastEvent === null ? 0 : this.#lastEvent - this.#firstEvent;
    const generating = this.#firstToken === null || this.#lastEvent === null ? 0 : this.#lastEvent - this.#firstToken;
    return {
      ttfbMs: this.#ttfbMs,
      ttftMs: since(this.#firstToken),
      durationMs: since(this.#endMarker ?? this.#closed ?? this.#lastEvent),
      chunks: this.#chunks,
      chunksPerSecond: this.#chunks > 1 && span > 0 ? round1((this.#chunks - 1) / (span / 1000)) : null,
      gapMs: gapPercentiles(this.#gaps),
      finishReason,
      usage,
      outputTokensPerSecond: usage?.output != null && generating > 0 ? round1(usage.output / (generating / 1000)) : null,
      status: this.#status,
    };
  }
}

/** Nearest-rank percentiles of the gaps. */
export function gapPercentiles(gaps: readonly number[]): LlmGaps {
  if (gaps.length === 0) return { p50: null, p95: null, max: null };
  const sorted = Float64Array.from(gaps).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1]! };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
