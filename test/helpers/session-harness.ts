// Runs a real Session against a real server and collects its records until a condition holds.

import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import type { EventRecord, SseRecord } from '../../main/common/records.ts';
import { Session, type SessionOptions } from '../../main/core/sse/session.ts';

export type HarnessOptions = Omit<SessionOptions, 'onRecords' | 'fetch'> & { fetch?: SessionOptions['fetch'] };

export interface Harness {
  session: Session;
  records: SseRecord[];
  events(): EventRecord[];
  /** Resolves once `done(records)` is true; rejects after `timeoutMs` with what arrived so far. */
  until(done: (records: SseRecord[]) => boolean, timeoutMs?: number): Promise<SseRecord[]>;
  /** Until the session closes. */
  closed(timeoutMs?: number): Promise<SseRecord[]>;
}

const started = new Set<Session>();

/** Close every session startSession() started (for afterEach); returns how many were still open. */
export function closeStartedSessions(): number {
  let open = 0;
  for (const session of started) {
    if (session.state !== 'closed') open++;
    session.close();
  }
  started.clear();
  return open;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every few ms; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(5);
  }
}

export function startSession(options: HarnessOptions): Harness {
  const records: SseRecord[] = [];
  const waiters = new Set<() => void>();
  const session = new Session({
    fetch: createNodeFetch(),
    ...options,
    onRecords: (batch) => {
      records.push(...batch);
      for (const check of waiters) check();
    },
  });
  const until: Harness['until'] = (done, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!done(records)) return;
        cleanup();
        resolve(records);
      };
      const timer = setTimeout(() => {
        cleanup();
        session.close();
        reject(new Error(`condition not met in ${timeoutMs} ms; records:\n${records.map((r) => JSON.stringify(r)).join('\n')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  started.add(session);
  session.start();
  return {
    session,
    records,
    events: () => records.filter((r): r is EventRecord => r.kind === 'event'),
    until,
    closed: (timeoutMs) => until((all) => all.some((r) => r.kind === 'closed'), timeoutMs),
  };
}
