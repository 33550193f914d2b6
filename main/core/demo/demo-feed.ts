// The built-in demo feed: a small SSE server on 127.0.0.1 that the app starts so a first launch
// shows a live timeline with no setup. Routes: GET /demo (what is here, as plain text),
// GET /demo/stream (the event stream) and POST /demo/chat (an LLM-style token stream).
// close() stops every timer and destroys every open socket.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { promptOf, serveDemoChat } from './demo-chat.ts';
import { demoPage } from './demo-page.ts';
import { serveDemoStream } from './demo-stream.ts';

export interface DemoFeedOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Numbered events per second on each stream (default 4). */
  rate?: number;
  /** Events per connection before the server drops it (default 40; 0 never drops). */
  dropEvery?: number;
  /** The reconnection time sent as `retry:` (default 2000). */
  retryMs?: number;
  /** Milliseconds between `: heartbeat` comments (default 3000). */
  heartbeatMs?: number;
  /** Milliseconds between the chat endpoint's tokens (default 50). */
  chatTokenMs?: number;
  /** Seeds the content: the same seed gives the same events (default 1). */
  seed?: number;
  /** Epoch milliseconds (default Date.now). */
  clock?: () => number;
}

export interface DemoFeed {
  /** The stream: http://127.0.0.1:PORT/demo/stream */
  url: string;
  /** POST a JSON body here for a token stream. */
  chatUrl: string;
  /** The plain-text page that lists the endpoints. */
  pageUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startDemoFeed(options: DemoFeedOptions = {}): Promise<DemoFeed> {
  const rate = options.rate ?? 4;
  if (!(rate > 0)) throw new RangeError(`rate must be above 0 events per second, got ${rate}`);
  const stream = {
    seed: options.seed ?? 1,
    intervalMs: 1000 / rate,
    dropEvery: options.dropEvery ?? 40,
    retryMs: options.retryMs ?? 2000,
    heartbeatMs: options.heartbeatMs ?? 3000,
  };
  const chat = { tokenMs: options.chatTokenMs ?? 50, clock: options.clock ?? Date.now };
  let completions = 0;
  const stoppers = new Set<() => void>();
  const sockets = new Set<Socket>();
  let base = '';

  // Each stream registers its stop() until its response closes.
  const track = (res: ServerResponse, stop: () => void) => {
    stoppers.add(stop);
    res.on('close', () => stoppers.delete(stop));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    if (path === '/demo' || path === '/demo/') {
      if (method !== 'GET' && method !== 'HEAD') return refuse(res, 405, 'Use GET', 'GET, HEAD');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : demoPage(base));
    } else if (path === '/demo/stream') {
      if (method !== 'GET') return refuse(res, 405, 'Use GET for the event stream', 'GET');
      track(res, serveDemoStream(req, res, stream));
    } else if (path === '/demo/chat') {
      if (method !== 'POST') return refuse(res, 405, 'Use POST with a JSON body such as {"prompt": "Hello"}', 'POST');
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
      const request = promptOf(body);
      if ('problem' in request) return refuse(res, 400, request.problem);
      track(res, serveDemoChat(res, request.prompt, { ...chat, completion: ++completions }));
    } else {
      refuse(res, 404, `Nothing at ${path}: see ${base}/demo`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${base}/demo/stream`,
    chatUrl: `${base}/demo/chat`,
    pageUrl: `${base}/demo`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const stop of stoppers) stop();
        stoppers.clear();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function refuse(res: ServerResponse, status: number, message: string, allow?: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(allow ? { allow } : {}) });
  res.end(`${message}\n`);
}

/** The request body as text, or null when it is over the limit (read to the end either way, so
 * the client still gets the answer rather than a reset connection). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}
