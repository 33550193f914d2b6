// The UI benchmark's SSE source: a local server whose /paced?rate=R&seconds=S route sends R events
// a second for S seconds (the bench's 100-byte events, sent every 10 ms in one write) and then
// ends the stream. Each stream counts what it actually sent, so the bench can check that the app
// counted every one. A client that cannot keep up slows the sender (drain), and the count says so.

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { drainOrClose } from '../helpers/fixture-server.ts';
import { eventText } from './event-payload.ts';

const TICK_MS = 10;

export interface PacedStream {
  path: string;
  /** Events written so far. */
  sent: number;
  startedAt: number | null;
  endedAt: number | null;
  /** The stream was written to its end (false while running, or when the client went away). */
  complete: boolean;
}

export interface PacedServer {
  /** A new stream's URL; its stats are filled in once a client asks for it. */
  stream(rate: number, seconds: number): { url: string; stats: PacedStream };
  close(): Promise<void>;
}

export async function startPacedServer(): Promise<PacedServer> {
  const streams = new Map<string, { rate: number; seconds: number; stats: PacedStream }>();
  let next = 1;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const stream = streams.get(path);
    // One client per stream: a second request (a reconnect) is told to stop, as the spec says.
    if (!stream || stream.stats.startedAt !== null) {
      res.writeHead(stream ? 204 : 404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    void pace(res, stream.rate, stream.seconds, stream.stats);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    stream(rate, seconds) {
      const path = `/paced/${next++}`;
      const stats: PacedStream = { path, sent: 0, startedAt: null, endedAt: null, complete: false };
      streams.set(path, { rate, seconds, stats });
      return { url: `${base}${path}`, stats };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `rate` events a second for `seconds`, catching up after a late tick, then ends. */
async function pace(res: ServerResponse, rate: number, seconds: number, stats: PacedStream): Promise<void> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  stats.startedAt = Date.now();
  while (stats.sent < total && !res.destroyed) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > stats.sent) {
      let chunk = '';
      for (let seq = stats.sent + 1; seq <= due; seq++) chunk += eventText(seq);
      stats.sent = due;
      if (!res.write(chunk)) await drainOrClose(res);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  stats.endedAt = Date.now();
  stats.complete = stats.sent === total && !res.destroyed;
  res.end();
}
