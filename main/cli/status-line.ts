// The one-line status `search` and `export` keep on a terminal's stderr while they work
// ("loading ticks.ndjson · 12.3 MB · 1.2 s", "exporting 1,234 / 5,000 records · 1.2 MB"): one
// phase at a time, redrawn a few times a second in place and erased when done. Where stderr is not
// a terminal it draws nothing, so logs and pipes get no control characters.

import type { ProgressStream } from './progress-line.ts';

const ERASE_LINE = '\r\x1b[2K';
const REDRAWS_PER_SECOND = 4;

export class StatusLine {
  readonly #stream: ProgressStream | null;
  #text: (() => string) | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #shown = false;

  /** `stream` null: a status line that shows nothing. */
  constructor(stream: ProgressStream | null) {
    this.#stream = stream;
  }

  /** On stderr when it is a terminal and `wanted`; otherwise silent. */
  static forStderr(wanted = true): StatusLine {
    return new StatusLine(wanted && process.stderr.isTTY === true ? process.stderr : null);
  }

  /** Starts a phase: shows its text now and keeps it current. */
  phase(text: () => string): void {
    if (!this.#stream) return;
    this.#text = text;
    this.redraw();
    if (!this.#timer) {
      this.#timer = setInterval(() => this.redraw(), 1000 / REDRAWS_PER_SECOND);
      this.#timer.unref(); // never keeps the process alive
    }
  }

  redraw(): void {
    if (!this.#stream || !this.#text) return;
    this.#stream.write(ERASE_LINE + this.#text());
    this.#shown = true;
  }

  /** Stops redrawing and erases the line, leaving the terminal as it was. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#text = null;
    if (this.#shown) this.#stream?.write(ERASE_LINE);
    this.#shown = false;
  }
}

/** Seconds since `start` (a performance.now() value), as "1.2 s". */
export function elapsed(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
