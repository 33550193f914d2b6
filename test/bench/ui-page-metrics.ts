// What the UI benchmark measures inside the page: every main-thread task over 50 ms (the Long
// Tasks API) and the time between animation frames (a requestAnimationFrame loop), recorded from
// page load and read per phase; and, through the Chrome DevTools Protocol, the page's JS heap and
// DOM node count.

import type { CDPSession, Page } from 'playwright';

interface BenchState {
  longTasks: number[];
  frames: number[];
  last: number;
}

/** The page's globals the instrumentation uses (it runs in Chromium, not in Node). */
interface PageGlobals {
  requestAnimationFrame(callback: (now: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number }> }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  __uiBench?: BenchState;
}

/** Installed before the app's own scripts run (page.addInitScript); serialised, so self-contained. */
function instrument(): void {
  const page = globalThis as unknown as PageGlobals;
  const state: BenchState = { longTasks: [], frames: [], last: 0 };
  page.__uiBench = state;
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const frame = (now: number) => {
    if (state.last !== 0) state.frames.push(now - state.last);
    state.last = now;
    page.requestAnimationFrame(frame);
  };
  page.requestAnimationFrame(frame);
}

export interface PhaseMetrics {
  /** Longest main-thread task, ms (0 when none went over 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  /** 95th percentile of the time between frames, ms. */
  p95FrameMs: number;
  frames: number;
}

export interface MemoryMetrics {
  jsHeapUsedBytes: number;
  domNodes: number;
}

export class PageMetrics {
  readonly #page: Page;
  #cdp: CDPSession | null = null;

  constructor(page: Page) {
    this.#page = page;
  }

  /** Call before the page loads the app. */
  async install(): Promise<void> {
    await this.#page.addInitScript(instrument);
  }

  /** Starts a phase: forgets what was recorded so far. */
  async reset(): Promise<void> {
    await this.#page.evaluate(() => {
      const state = (globalThis as unknown as PageGlobals).__uiBench!;
      state.longTasks = [];
      state.frames = [];
      state.last = 0;
    });
  }

  async read(): Promise<PhaseMetrics> {
    const { longTasks, frames } = await this.#page.evaluate(() => {
      const state = (globalThis as unknown as PageGlobals).__uiBench!;
      return { longTasks: [...state.longTasks], frames: [...state.frames] };
    });
    return {
      longestTaskMs: Math.max(0, ...longTasks),
      longTasks: longTasks.length,
      p95FrameMs: percentile(frames, 0.95),
      frames: frames.length,
    };
  }

  /** The page's JS heap after a garbage collection, and its DOM nodes. */
  async memory(): Promise<MemoryMetrics> {
    this.#cdp ??= await this.#page.context().newCDPSession(this.#page);
    await this.#cdp.send('HeapProfiler.collectGarbage');
    await this.#cdp.send('Performance.enable');
    const { metrics } = await this.#cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return { jsHeapUsedBytes: value('JSHeapUsedSize'), domNodes: value('Nodes') };
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
