// The exports under way, each cancellable by its id, and their progress pushes (at most about ten
// a second per export, plus the last one).

import type { PushSink } from '../../contract.ts';
import type { ExportProgress } from '../export/export-records.ts';
import { failed } from './command-errors.ts';

export const PROGRESS_INTERVAL_MS = 100;

export class ExportJobs {
  readonly #running = new Map<string, AbortController>();

  /** Registers an export; its signal aborts on cancel(exportId) or cancelAll(). */
  begin(exportId: string): AbortSignal {
    if (this.#running.has(exportId)) throw failed(`Export ${exportId} is already running`);
    const controller = new AbortController();
    this.#running.set(exportId, controller);
    return controller.signal;
  }

  end(exportId: string): void {
    this.#running.delete(exportId);
  }

  /** Cancelling an export that has already finished (or never ran) does nothing: the two can cross. */
  cancel(exportId: string): void {
    this.#running.get(exportId)?.abort();
  }

  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}

/** 'export:progress' pushes for one export: the first at once, then at most one per interval; `final` always. */
export function progressPushes(
  push: PushSink,
  exportId: string,
  clock: () => number = performance.now.bind(performance),
  intervalMs = PROGRESS_INTERVAL_MS,
): { onProgress: ExportProgress; final(written: number, total: number | null, bytes: number): void } {
  let lastAt = -Infinity;
  let lastSent = '';
  const send = (written: number, total: number | null, bytes: number) => {
    const key = `${written}/${total}/${bytes}`;
    if (key === lastSent) return; // the writer's own last report may already have said this
    lastSent = key;
    push('export:progress', { exportId, written, total, bytes });
  };
  return {
    onProgress(written, total, bytes) {
      const now = clock();
      if (now - lastAt < intervalMs) return;
      lastAt = now;
      send(written, total ?? null, bytes);
    },
    final: send,
  };
}
