// Serves one client's timeline on its HTTP response: each step's text at its recorded moment
// scaled by the speed, records that fall due together in one write, never faster than the client
// reads (a write the socket cannot take waits for 'drain'), and the end the timeline says.

import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { ReplayStep } from './replay-timeline.ts';

/** How a client's connection ended. */
export type ReplayEnd =
  /** Closed at a recorded reconnect; the client's next request continues after it. */
  | 'reconnect'
  /** The recorded stream ended for good. */
  | 'ended'
  /** Nothing was left to send: answered 204 No Content, which tells an EventSource to stop. */
  | 'over'
  /** The client went away. */
  | 'disconnected'
  /** The server was stopped. */
  | 'stopped'
  /** The recording could not be read (its file went away, for example). */
  | 'failed';

export interface ServedTimeline {
  end: ReplayEnd;
  /** For 'reconnect': the recorded step, for the next request to continue after. */
  reconnect?: Extract<ReplayStep, { kind: 'reconnect' }>;
}

export interface ServeOptions {
  /** 1: the recorded pace; 2: twice as fast; 0: as fast as the client reads. */
  speed: number;
  /** Aborted when the server stops. */
  stopSignal: AbortSignal;
  /** Headers every answer carries (CORS). */
  headers: Record<string, string>;
  /** Called as events are handed to the socket, with how many. */
  onEventsSent(count: number): void;
}

/** Text collected before it is written even though more is due. */
const WRITE_CHARS = 64 * 1024;

const STREAM_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export async function serveTimeline(
  res: ServerResponse,
  steps: AsyncGenerator<ReplayStep[]>,
  options: ServeOptions,
): Promise<ServedTimeline> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.on('close', onClose);
  const signal = AbortSignal.any([gone.signal, options.stopSignal]);
  // Each step is due its recorded gap after the step before it was sent (not at a fixed offset
  // from the start): a step that went out late (a busy machine, a slow reader) does not shorten
  // the gap after it. The cost is a drift of about a millisecond per gap over a long recording.
  let lastAt = 0;
  let lastSentAt = performance.now();
  const dueAt = (atMs: number) => (options.speed === 0 ? 0 : lastSentAt + (atMs - lastAt) / options.speed);
  const sent = (atMs: number) => {
    lastAt = atMs;
    lastSentAt = performance.now();
  };

  let pending = '';
  let pendingEvents = 0;
  const flush = async () => {
    if (pending === '') return;
    const fits = res.write(pending);
    options.onEventsSent(pendingEvents);
    pending = '';
    pendingEvents = 0;
    // Waiting for the socket, or else for one turn of the event loop: a fast replay must leave
    // room for the other clients and for stop().
    if (!fits) await drained(res, signal);
    else await nextTurn();
  };
  const waitUntil = async (due: number) => {
    await flush();
    await sleep(due - performance.now(), undefined, { signal }).catch(() => {});
  };
  // Stopped, or the client went away: the stream ends where it is.
  const cutShort = (): ServedTimeline => {
    if (!gone.signal.aborted) res.end();
    return { end: options.stopSignal.aborted ? 'stopped' : 'disconnected' };
  };

  try {
    const first = await steps.next();
    if (first.done || first.value[0]?.kind === 'over') {
      res.writeHead(204, options.headers).end();
      return { end: 'over' };
    }
    res.writeHead(200, { ...options.headers, ...STREAM_HEADERS });
    res.flushHeaders();
    // The recorded gaps start at the response (the open record), as the client sees them.
    lastSentAt = performance.now();
    for (let batch: ReplayStep[] | null = first.value; batch;) {
      for (const step of batch) {
        if (signal.aborted) return cutShort();
        if (step.kind === 'hold') {
          await flush();
          await aborted(signal);
          return cutShort();
        }
        if (step.kind === 'over') return cutShort(); // only ever a first step
        const due = dueAt(step.atMs);
        if (due > performance.now()) {
          await waitUntil(due);
          if (signal.aborted) return cutShort();
        }
        if (step.kind === 'send') {
          sent(step.atMs);
          pending += step.text;
          pendingEvents += step.events;
          if (pending.length >= WRITE_CHARS) await flush();
          continue;
        }
        await flush();
        res.end();
        return step.kind === 'reconnect' ? { end: 'reconnect', reconnect: step } : { end: 'ended' };
      }
      const next = await steps.next();
      batch = next.done ? null : next.value;
    }
    // The steps ran out without saying how to end (they always do say): end as a stream would.
    await flush();
    res.end();
    return { end: 'ended' };
  } finally {
    res.off('close', onClose);
    await steps.return(undefined);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Resolves when the response can take more, or when the wait is called off. */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
