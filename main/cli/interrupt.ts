// Ctrl-C (or a polite kill) during `search`, `export` or `watch`: the first one aborts the work, which then
// cleans up after itself (no half-written export, no temporary import left behind) and exits 130;
// a second one exits at once.

import { EXIT_INTERRUPTED } from './command-exit.ts';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interrupt {
  signal: AbortSignal;
  /** Stops the work as a first Ctrl-C would (the program's own reason to stop). */
  abort(): void;
  /** Stops listening for the signals. */
  dispose(): void;
}

export function abortOnInterrupt(): Interrupt {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort(new Error('Interrupted'));
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    abort: () => controller.abort(new Error('Stopped')),
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
    },
  };
}
