// The benchmark's SSE server, run as a child process so it does not share the client's event loop.
// GET /events?count=N sends N pre-built events (see event-payload.ts) as fast as the socket takes
// them, then ends the response. Started with fork(): it reports its port with process.send and
// exits when the parent disconnects.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainOrClose } from '../helpers/fixture-server.ts';
import { buildEventStream } from './event-payload.ts';

export interface ServerReady {
  port: number;
}

// Building a million events takes a moment: keep the streams already built, by count.
const streams = new Map<number, Buffer[]>();
function streamFor(count: number): Buffer[] {
  let buffers = streams.get(count);
  if (!buffers) {
    if (streams.size >= 3) streams.clear();
    buffers = buildEventStream(count);
    streams.set(count, buffers);
  }
  return buffers;
}

async function send(res: ServerResponse, buffers: Buffer[]): Promise<void> {
  for (const buffer of buffers) {
    if (res.destroyed) return;
    if (!res.write(buffer)) await drainOrClose(res);
  }
  res.end();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const count = Number(url.searchParams.get('count'));
  if (url.pathname !== '/events' || !Number.isSafeInteger(count) || count < 0) {
    res.writeHead(404).end();
    return;
  }
  const buffers = streamFor(count);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  void send(res, buffers);
});

server.listen(0, '127.0.0.1', () => {
  const ready: ServerReady = { port: (server.address() as AddressInfo).port };
  process.send?.(ready);
});

// The parent going away (normally or not) ends this process.
process.on('disconnect', () => process.exit(0));
