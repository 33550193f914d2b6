// The one-line progress `capture` keeps on a terminal's stderr: "events 12,345 · 1.2 MB · 4,321 ev/s".
// Redrawn a few times a second in place (carriage return + erase line), and erased at exit so the
// terminal is left as it was.

import { formatBytes, formatCount } from '../common/number-format.ts';

export interface ProgressCounts {
  events: number;
  /** Body bytes received. */
  bytes: number;
}

/** The part of a TTY stream the progress line needs. */
export interface ProgressStream {
  write(text: string): unknown;
}

const ERASE_LINE = '\r\x1b[2K';
const REDRAWS_PER_SECOND = 4;

export class ProgressLine {
  readonly #stream: ProgressStream;
  readonly #counts: () => ProgressCounts;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #shown = false;
  /** Events and time at the previous redraw: the rate is over the last interval. */
  #lastEvents = 0;
  #lastAt: number;

  constructor(stream: ProgressStream, counts: () => ProgressCounts, now: () => number = () => performance.now()) {
    this.#stream = stream;
    this.#counts = counts;
    this.#now = now;
    this.#lastAt = now();
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.redraw(), 1000 / REDRAWS_PER_SECOND);
    this.#timer.unref(); // the progress line never keeps the process alive
  }

  redraw(): void {
    const counts = this.#counts();
    const at = this.#now();
    const seconds = (at - this.#lastAt) / 1000;
    const rate = seconds > 0 ? (counts.events - this.#lastEvents) / seconds : 0;
    this.#lastEvents = counts.events;
    this.#lastAt = at;
    this.#stream.write(ERASE_LINE + progressText(counts, rate));
    this.#shown = true;
  }

  /** Stops redrawing and erases the line. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#shown) this.#stream.write(ERASE_LINE);
    this.#shown = false;
  }
}

export function progressText(counts: ProgressCounts, eventsPerSecond: number): string {
  return `events ${formatCount(counts.events)} · ${formatBytes(counts.bytes)} · ${formatCount(Math.round(eventsPerSecond))} ev/s`;
}
