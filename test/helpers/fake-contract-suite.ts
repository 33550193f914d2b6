// Plays LaunchDarkly's sse-contract-tests harness against our contract-test service, the way its Go
// code does: stream endpoints whose connections a test drives (send bytes, break the connection),
// and a callback endpoint that collects the numbered POSTs and hands them out in number order
// (the harness's MessageSortingQueue). Streams are routes on the shared fixture server.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startFixtureServer, startSse, type FixtureServer } from './fixture-server.ts';

export interface CallbackMessage {
  kind: string;
  event?: { type: string; data: string; id: string };
  comment?: string;
  error?: string;
}

/** One request the client made to a stream endpoint, held open until the test breaks it. */
export interface StreamConnection {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  send(text: string | Buffer): void;
  /** End the response cleanly, as the harness's BreakConnection does. */
  break(): void;
  /** Resolves when the connection is gone (ended by us or dropped by the client). */
  closed: Promise<void>;
}

export interface StreamEndpoint {
  url: string;
  connections: StreamConnection[];
  /** The next connection not yet awaited. */
  awaitConnection(timeoutMs?: number): Promise<StreamConnection>;
}

export interface SuiteClient {
  /** The Location the service answered, e.g. /streams/1. */
  location: string;
  /** Callback numbers in arrival order. */
  numbers: number[];
  /** The next callback message in number order. */
  next(timeoutMs?: number): Promise<CallbackMessage>;
  /** The next message, which must be of this kind. */
  require(kind: 'event' | 'comment' | 'error', timeoutMs?: number): Promise<CallbackMessage>;
  command(body: unknown): Promise<Response>;
  close(): Promise<Response>;
}

export interface FakeSuite {
  fixture: FixtureServer;
  streamEndpoint(): StreamEndpoint;
  /** POST / with these parameters (streamUrl and a fresh callbackUrl added unless given). */
  createClient(params: Record<string, unknown>): Promise<SuiteClient>;
  close(): Promise<void>;
}

/** Waits until `ready()` returns a value; `notify()` re-checks. */
class Waiters {
  #checks = new Set<() => void>();
  notify(): void {
    for (const check of [...this.#checks]) check();
  }
  wait<T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#checks.delete(check);
      };
      this.#checks.add(check);
      check();
    });
  }
}

export async function startFakeSuite(serviceUrl: string): Promise<FakeSuite> {
  const fixture = await startFixtureServer();
  let endpointCount = 0;

  // Callbacks: POST /endpoints/<k>/<n>.
  const inboxes = new Map<string, { messages: Map<number, CallbackMessage>; numbers: number[]; waiters: Waiters }>();
  const sockets = new Set<Socket>();
  const handleCallback = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/endpoints\/(\d+)\/(\d+)$/.exec(req.url ?? '');
    const inbox = match ? inboxes.get(match[1]!) : undefined;
    if (req.method !== 'POST' || !match || !inbox) {
      res.writeHead(404).end();
      return;
    }
    const n = Number(match[2]);
    inbox.numbers.push(n);
    inbox.messages.set(n, JSON.parse(Buffer.concat(chunks).toString('utf8')) as CallbackMessage);
    res.writeHead(202).end();
    inbox.waiters.notify();
  };
  const callbackServer: Server = createServer((req, res) => void handleCallback(req, res));
  callbackServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  const callbackBase = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;

  function streamEndpoint(): StreamEndpoint {
    const path = `/stream/${++endpointCount}`;
    const connections: StreamConnection[] = [];
    const waiters = new Waiters();
    let awaited = 0;
    fixture.route(path, (req, res, body) => {
      startSse(res);
      const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
      connections.push({
        method: req.method!,
        headers: req.headers,
        body,
        send: (text) => void res.write(text),
        break: () => void res.end(),
        closed,
      });
      waiters.notify();
    });
    return {
      url: fixture.url + path,
      connections,
      awaitConnection: async (timeoutMs = 5000) => {
        const connection = await waiters.wait(
          () => connections[awaited],
          timeoutMs,
          () => `connection ${awaited + 1} to ${path}`,
        );
        awaited++;
        return connection;
      },
    };
  }

  async function createClient(params: Record<string, unknown>): Promise<SuiteClient> {
    const id = String(++endpointCount);
    const inbox = { messages: new Map<number, CallbackMessage>(), numbers: [] as number[], waiters: new Waiters() };
    inboxes.set(id, inbox);
    const response = await fetch(serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: `test ${id}`, callbackUrl: `${callbackBase}/endpoints/${id}`, ...params }),
    });
    const text = await response.text();
    const location = response.headers.get('location');
    if (response.status !== 201 || !location) throw new Error(`create answered ${response.status}: ${text}`);
    const resourceUrl = new URL(location, serviceUrl).href;
    let nextNumber = 1;
    const next = async (timeoutMs = 5000) => {
      const message = await inbox.waiters.wait(
        () => inbox.messages.get(nextNumber),
        timeoutMs,
        () => `callback ${nextNumber} (received: ${inbox.numbers.join(', ') || 'none'})`,
      );
      nextNumber++;
      return message;
    };
    return {
      location,
      numbers: inbox.numbers,
      next,
      require: async (kind, timeoutMs) => {
        const message = await next(timeoutMs);
        if (message.kind !== kind) throw new Error(`expected a ${kind} message, got ${JSON.stringify(message)}`);
        return message;
      },
      command: (body) =>
        fetch(resourceUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      close: () => fetch(resourceUrl, { method: 'DELETE' }),
    };
  }

  return {
    fixture,
    streamEndpoint,
    createClient,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => callbackServer.close(() => resolve()));
      await fixture.close();
    },
  };
}
