// One local SSE server for integration and end-to-end tests, with a route per behaviour, in the
// manner of the eventsource package's test server. Every test starts its own on 127.0.0.1 (port
// 0) and stops it. Tests may add routes of their own with `route()`.

import { fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The request target as sent: the path and the query string. */
  target: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface FixtureServer {
  url: string;
  /** Every request, in arrival order. */
  requests: ReceivedRequest[];
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export function startSse(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.writeHead(200, { ...SSE_HEADERS, ...extra });
  res.flushHeaders();
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The standard routes. */
function standardRoutes(): Map<string, RouteHandler> {
  const routes = new Map<string, RouteHandler>();

  // Counts up from 1 (or from Last-Event-ID + 1), ?count=N events then ends; ids 1, 2, 3...
  routes.set('/counter', (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const count = Number(url.searchParams.get('count') ?? 3);
    const from = Number(req.headers['last-event-id'] ?? 0) + 1;
    startSse(res);
    for (let i = from; i < from + count; i++) res.write(`id: ${i}\ndata: ${i}\n\n`);
    res.end();
  });

  // Sends the bytes of ?body= (URL-encoded) and ends.
  routes.set('/raw', (req, res) => {
    const url = new URL(req.url!, 'http://x');
    startSse(res);
    res.end(url.searchParams.get('body') ?? '');
  });

  // Headers arrive, then nothing more.
  routes.set('/stalled', (_req, res) => {
    startSse(res);
  });

  // ?text= one byte every ?every= ms.
  routes.set('/trickle', async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const bytes = Buffer.from(url.searchParams.get('text') ?? 'data: drip\n\n');
    const every = Number(url.searchParams.get('every') ?? 2);
    startSse(res);
    for (const byte of bytes) {
      if (res.destroyed) return;
      res.write(Buffer.from([byte]));
      await wait(every);
    }
    res.end();
  });

  routes.set('/unicode', (_req, res) => {
    startSse(res, { 'content-type': 'text/event-stream; charset=utf-8' });
    res.end('data: Ünïcödé ✓ 🎉\n\n');
  });

  // 301 to /counter (or ?status=307, ?location= to override; location "" sends an empty header).
  routes.set('/redirect', (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const status = Number(url.searchParams.get('status') ?? 301);
    const location = url.searchParams.get('location');
    res.writeHead(status, location === null ? { location: '/counter' } : location === 'none' ? {} : { location });
    res.end();
  });

  // Requires "Authorization: Bearer secret"; 401 with a JSON error body otherwise.
  routes.set('/authed', (req, res) => {
    if (req.headers.authorization !== 'Bearer secret') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'invalid api key' } }));
      return;
    }
    startSse(res);
    res.end('data: welcome\n\n');
  });

  routes.set('/204', (_req, res) => {
    res.writeHead(204);
    res.end();
  });

  routes.set('/html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Not a stream</title>');
  });

  // Echoes the request (method, headers, body) as one JSON event, then ends.
  routes.set('/echo', (req, res, body) => {
    startSse(res);
    res.end(`data: ${JSON.stringify({ method: req.method, headers: req.headers, body })}\n\n`);
  });

  // ?count=N events (ids from Last-Event-ID + 1), then ?tail= bytes (e.g. a partial event), then
  // the socket is destroyed: an abrupt disconnect, not a clean end of the response. With ?drops=D
  // only the first D attempts (told apart by their Last-Event-ID) are dropped; later ones send
  // their events and stay open, so the timeline stops growing.
  routes.set('/drop', (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const count = Number(url.searchParams.get('count') ?? 2);
    const drops = Number(url.searchParams.get('drops') ?? Infinity);
    const from = Number(req.headers['last-event-id'] ?? 0) + 1;
    startSse(res);
    for (let i = from; i < from + count; i++) res.write(`id: ${i}\ndata: ${i}\n\n`);
    if (from > drops * count) return;
    res.write(url.searchParams.get('tail') ?? '', () => setTimeout(() => res.socket?.destroy(), 20));
  });

  // Takes the request and never answers (no status line, no headers).
  routes.set('/no-headers', () => {});

  // Any status: ?status=503&type=text/plain&body=... (type "none" sends no Content-Type).
  routes.set('/status', (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const type = url.searchParams.get('type') ?? 'text/plain';
    res.writeHead(Number(url.searchParams.get('status') ?? 500), type === 'none' ? {} : { 'content-type': type });
    res.end(url.searchParams.get('body') ?? '');
  });

  // "data: " and then ?mib= MiB of "x" with no line break, written as fast as the client reads
  // (the server holds one 64 KiB chunk, never the whole line); stops when the client hangs up.
  routes.set('/endless-line', async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const total = Number(url.searchParams.get('mib') ?? 50) * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    startSse(res);
    res.write('data: ');
    for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk)) await drainOrClose(res);
    }
    if (!res.destroyed) res.end('\n\n');
  });

  // The same small event (`data: 0123456789`), as fast as the client reads, until it hangs up:
  // written in 64 KiB chunks of whole events, waiting for drain, so the server holds one chunk.
  routes.set('/firehose', async (_req, res) => {
    startSse(res);
    while (!res.destroyed) {
      if (!res.write(FIREHOSE_CHUNK)) await drainOrClose(res);
    }
  });

  // ?perSecond=N events of ?bytes=B each (`data: <n> xxx...`), sent every 10 ms as they fall due,
  // until the client hangs up. A client that reads more slowly gets them as fast as it reads (the
  // server waits for drain, then sends what fell due meanwhile, at most a second's worth).
  routes.set('/rate', async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const perSecond = Number(url.searchParams.get('perSecond') ?? 1000);
    const bytes = Number(url.searchParams.get('bytes') ?? 100);
    const padding = 'x'.repeat(Math.max(0, bytes - 'data: 1234567 \n\n'.length));
    startSse(res);
    const startedAt = performance.now();
    let sent = 0;
    while (!res.destroyed) {
      const due = Math.min(perSecond, Math.floor(((performance.now() - startedAt) * perSecond) / 1000) - sent);
      let text = '';
      for (let i = 0; i < due; i++) text += `data: ${++sent} ${padding}\n\n`;
      if (text !== '' && !res.write(text)) await drainOrClose(res);
      else await wait(10);
    }
  });

  return routes;
}

/** One event of the /firehose route, and a 64 KiB chunk of them. */
export const FIREHOSE_EVENT = 'data: 0123456789\n\n';
const FIREHOSE_CHUNK = Buffer.from(FIREHOSE_EVENT.repeat(Math.floor((64 * 1024) / FIREHOSE_EVENT.length)));

/** Resolves when the response can take more bytes, or when the client has gone. */
export function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The fixture server in a process of its own (fixture-server-process.ts), for clients that must not share its event loop. */
export interface FixtureServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** Forks fixture-server-process.ts (`script`: its bundled copy, for the bench) and waits for its URL. */
export async function forkFixtureServer(
  script: URL = new URL('./fixture-server-process.ts', import.meta.url),
): Promise<FixtureServerProcess> {
  const child = fork(script, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fixture server process exited early (code ${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just free). */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = standardRoutes();
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url!, 'http://x').pathname;
    requests.push({ method: req.method!, path, target: req.url!, headers: req.headers, body, at: performance.now() });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route ${path}`);
      return;
    }
    try {
      await handler(req, res, body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  };
  const server: Server = createServer((req, res) => void handleRequest(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
