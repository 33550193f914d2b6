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
  steps: AsyncGenerator<ReplayStep>,
  options: ServeOptions,
): Promise<ServedTimeline> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.on('close', onClose);
  const signal = AbortSignal.any([gone.signal, options.stopSignal]);
  const ended = (): ServedTimeline => ({ end: options.stopSignal.aborted ? 'stopped' : 'disconnected' });
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
    const wait = due - performance.now();
    if (wait <= 0) return;
    await flush();
    await sleep(wait, undefined, { signal }).catch(() => {});
  };

  try {
    const first = await steps.next();
    if (first.done || first.value.kind === 'over') {
      res.writeHead(204, options.headers).end();
      return { end: 'over' };
    }
    res.writeHead(200, { ...options.headers, ...STREAM_HEADERS });
    res.flushHeaders();
    // The recorded gaps start at the response (the open record), as the client sees them.
    lastSentAt = performance.now();
    let step: ReplayStep = first.value;
    for (;;) {
      if (signal.aborted) break;
      if (step.kind === 'send') {
        await waitUntil(dueAt(step.atMs));
        if (signal.aborted) break;
        sent(step.atMs);
        pending += step.text;
        pendingEvents += step.events;
        if (pending.length >= WRITE_CHARS) await flush();
      } else if (step.kind === 'hold') {
        await flush();
        await aborted(signal);
        break;
      } else if (step.kind === 'reconnect' || step.kind === 'end') {
        await waitUntil(dueAt(step.atMs));
        if (signal.aborted) break;
        await flush();
        res.end();
        return step.kind === 'reconnect' ? { end: 'reconnect', reconnect: step } : { end: 'ended' };
      } else {
        // 'over' after something was sent cannot happen; end as the stream would.
        break;
      }
      const next = await steps.next();
      if (next.done) break;
      step = next.value;
    }
    if (gone.signal.aborted) return ended();
    res.end();
    return options.stopSignal.aborted ? ended() : { end: 'ended' };
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
