// One connection to the demo feed's GET /demo/stream: `retry:` first, then the script's events
// paced by a setTimeout chain, heartbeat comments in between, and after `dropEvery` events the
// response ends on purpose, so the client shows a reconnect that resumes from Last-Event-ID.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { demoEvents, formatEvent } from './demo-script.ts';

export interface DemoStreamSettings {
  seed: number;
  /** Milliseconds between numbered events. */
  intervalMs: number;
  /** Numbered events per connection before the server ends it (0: never). */
  dropEvery: number;
  /** The reconnection time announced with `retry:`. */
  retryMs: number;
  heartbeatMs: number;
}

/** The first id this request should get: one after a numeric Last-Event-ID, else 1. */
export function resumeFrom(req: IncomingMessage): number {
  const header = req.headers['last-event-id'];
  const last = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : 0;
  return Number.isSafeInteger(last) ? last + 1 : 1;
}

/** Streams until the client leaves, the drop comes, or the returned stop() is called. */
export function serveDemoStream(req: IncomingMessage, res: ServerResponse, settings: DemoStreamSettings): () => void {
  let next = resumeFrom(req);
  let sent = 0;
  let stopped = false;
  let eventTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    clearTimeout(eventTimer);
    clearTimeout(heartbeatTimer);
  };
  res.on('close', stop);

  // A slow reader holds back the next event instead of letting the server buffer them.
  const write = (text: string, then: () => void) => {
    if (res.write(text)) then();
    else res.once('drain', then);
  };

  const sendEvent = () => {
    if (stopped) return;
    const id = next++;
    sent++;
    const text = demoEvents(settings.seed, id).map(formatEvent).join('');
    if (settings.dropEvery > 0 && sent >= settings.dropEvery) {
      stop();
      res.end(`${text}: dropping the connection on purpose; a client resumes with Last-Event-ID: ${id}\n\n`);
      return;
    }
    write(text, () => {
      if (!stopped) eventTimer = setTimeout(sendEvent, settings.intervalMs);
    });
  };

  const sendHeartbeat = () => {
    if (stopped) return;
    res.write(': heartbeat\n\n');
    heartbeatTimer = setTimeout(sendHeartbeat, settings.heartbeatMs);
  };

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  res.write(`: SSE Scope demo feed, starting at id ${next}\nretry: ${settings.retryMs}\n\n`);
  heartbeatTimer = setTimeout(sendHeartbeat, settings.heartbeatMs);
  sendEvent();
  return stop;
}
