// Whether the app is overloaded: its event loop is busy nearly all the time, so the streams are
// read more slowly than they arrive. The loop's utilization (the share of time it is not waiting
// for I/O) is read every quarter second; above 90% marks overload, and a second without such a
// sample ends it. While it lasts, live delivery degrades (fewer, coalesced pushes: live-batcher.ts)
// so that storing records and answering commands keep pace, and the views say they are catching up.

import type { EventLoopUtilization } from 'node:perf_hooks';

export interface LoadWatchOptions {
  sampleMs?: number;
  /** A utilization (0..1) above this in a sample is overload. */
  busy?: number;
  /** Overload ends after this long without such a sample. */
  calmMs?: number;
  /** The event loop's utilization since the last call, 0..1 (default: Node's). */
  probe?: () => number;
}

export class LoadWatch {
  readonly #onChange: (overloaded: boolean) => void;
  readonly #sampleMs: number;
  readonly #busy: number;
  readonly #calmMs: number;
  readonly #probe: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #overloaded = false;
  #lastBusyAt = Number.NEGATIVE_INFINITY;

  constructor(onChange: (overloaded: boolean) => void, options: LoadWatchOptions = {}) {
    this.#onChange = onChange;
    this.#sampleMs = options.sampleMs ?? 250;
    this.#busy = options.busy ?? 0.9;
    this.#calmMs = options.calmMs ?? 1000;
    this.#probe = options.probe ?? utilizationProbe();
  }

  get overloaded(): boolean {
    return this.#overloaded;
  }

  start(): void {
    if (this.#timer) return;
    this.#probe(); // the first sample starts now
    this.#timer = setInterval(() => this.#sample(), this.#sampleMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #sample(): void {
    const now = performance.now();
    if (this.#probe() > this.#busy) this.#lastBusyAt = now;
    const overloaded = now - this.#lastBusyAt < this.#calmMs;
    if (overloaded === this.#overloaded) return;
    this.#overloaded = overloaded;
    this.#onChange(overloaded);
  }
}

/** The event loop's utilization since the previous call. */
function utilizationProbe(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}
