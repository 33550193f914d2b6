// A recording served as a live text/event-stream endpoint on node:http: every request (any method,
// any body) is a client with its own timeline, which starts at the beginning, after the recorded
// reconnect where the replay last closed it, or after the event its Last-Event-ID names. The
// server keeps the list of connected clients and tells listeners when one joins or leaves; the CLI
// (`sse-scope replay`) prints them, the app shows them. stop() ends every stream and the server.
//
// Answers carry `Access-Control-Allow-Origin: *` (and preflights are answered), so a web client
// under development on another origin can use the replay as it would use the real endpoint.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordStore } from '../store/record-store.ts';
import { Continuations } from './continuations.ts';
import { DEFAULT_REPLAY_HOST, hostAndPort, serverUrl, unbracket } from './listen-address.ts';
import { ReplayError } from './replay-error.ts';
import { ReplayRecording, type RecordingSummary, type ResumePoint } from './replay-recording.ts';
import { serveTimeline, type ReplayEnd } from './replay-response.ts';
import { replaySteps } from './replay-timeline.ts';

export type { RecordingSummary } from './replay-recording.ts';
export type { ReplayEnd } from './replay-response.ts';

export interface ReplayServerOptions {
  /** The recording: a capture opened read-only, or a session's store. */
  store: RecordStore;
  /** Default 127.0.0.1 (this computer only). */
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** 1 (the default): the recorded pace; 2: twice as fast; 0: as fast as each client reads. */
  speed?: number;
  /** Start over after the end instead of ending (default false). */
  loop?: boolean;
  /** Serve only this path (starting with "/"); null or unset: every path. */
  path?: string | null;
}

/** Where a client's timeline began. */
export type ReplayClientStart =
  /** At the start of the recording (also when its Last-Event-ID is not in the recording). */
  | 'beginning'
  /** After the recorded reconnect at which the replay closed this client's previous request. */
  | 'reconnect'
  /** After the event its Last-Event-ID names. */
  | 'last-event-id';

export interface ReplayClient {
  /** 1, 2, 3... in order of arrival, per server. */
  id: number;
  /** "127.0.0.1:51234" ("[::1]:51234" for IPv6). */
  address: string;
  method: string;
  /** The request's path, without its query (which may hold a token). */
  path: string;
  /** Epoch milliseconds. */
  connectedAt: number;
  /** The Last-Event-ID header it sent; null when none. */
  lastEventId: string | null;
  start: ReplayClientStart;
  /** Events written to its connection so far. */
  eventsSent: number;
}

export type ReplayServerEvent =
  | { kind: 'joined'; client: ReplayClient }
  | { kind: 'left'; client: ReplayClient; reason: ReplayEnd }
  /** A request for another path than the one served (answered 404). */
  | { kind: 'refused'; method: string; path: string; address: string; status: number };

/** Headers on every answer: any web origin may read the replay. */
const CORS_HEADERS = { 'access-control-allow-origin': '*' };
/** How long a browser may cache a preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;

export class ReplayServer {
  readonly recording: RecordingSummary;
  /** The URL to give a client: the served path, or "/" when every path is served. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly speed: number;
  readonly loop: boolean;
  /** The one path served; null: every path. */
  readonly path: string | null;

  readonly #server: Server;
  readonly #replay: ReplayRecording;
  readonly #continuations = new Continuations();
  readonly #clients = new Map<number, ReplayClient>();
  readonly #listeners = new Set<(event: ReplayServerEvent) => void>();
  readonly #handlers = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  #nextClientId = 1;
  #stopped: Promise<void> | null = null;

  /**
   * Checks the recording and the options, then listens. Rejects with a ReplayError: not a
   * capture, no events, port in use, a host that cannot be listened on, a bad option.
   */
  static async start(options: ReplayServerOptions): Promise<ReplayServer> {
    const settings = checkOptions(options);
    const recording = await ReplayRecording.check(options.store);
    const server = createServer({ noDelay: true });
    const port = await listen(server, settings.host, settings.port);
    // The request handler is added in the constructor, which runs before any request can be read.
    return new ReplayServer(server, recording, { ...settings, port });
  }

  private constructor(server: Server, recording: ReplayRecording, settings: Required<Omit<ReplayServerOptions, 'store'>>) {
    this.#server = server;
    this.#replay = recording;
    this.recording = recording.summary;
    this.host = settings.host;
    this.port = settings.port;
    this.speed = settings.speed;
    this.loop = settings.loop;
    this.path = settings.path;
    this.url = serverUrl(settings.host, settings.port, settings.path ?? '/');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const handled = this.#handle(req, res)
        .catch(() => answerFailure(res))
        .finally(() => this.#handlers.delete(handled));
      this.#handlers.add(handled);
    });
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** The clients connected now, in order of arrival (copies). */
  get clients(): ReplayClient[] {
    return [...this.#clients.values()].map((client) => ({ ...client }));
  }

  /** Calls `listener` when a client joins or leaves, or a request is refused; returns the unsubscribe. */
  onEvent(listener: (event: ReplayServerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every client's stream and stops listening; resolves once all connections are closed. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stop.abort();
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      this.#server.closeIdleConnections();
      await Promise.all(this.#handlers);
      this.#server.closeAllConnections();
      await closed;
    })();
    return this.#stopped;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    const ip = req.socket.remoteAddress ?? '';
    const address = hostAndPort(ip, req.socket.remotePort ?? 0);
    // The body (a POST's prompt) is not needed; reading it lets the connection go on. A client
    // that goes away in the middle of sending it is no error of ours.
    req.on('error', () => {});
    req.resume();
    if (this.#stop.signal.aborted) {
      res.writeHead(503, { ...CORS_HEADERS, connection: 'close' }).end();
      return;
    }
    if (this.path !== null && path !== this.path) {
      res.writeHead(404, { ...CORS_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Nothing here: the replay is served at ${this.path}\n`);
      this.#emit({ kind: 'refused', method, path, address, status: 404 });
      return;
    }
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, preflightHeaders(req)).end();
      return;
    }
    if (method === 'HEAD') {
      res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).end();
      return;
    }

    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && header !== '' ? header : null;
    const { start, point } = await this.#startFor(ip, lastEventId);
    const client: ReplayClient = {
      id: this.#nextClientId++,
      address,
      method,
      path,
      connectedAt: Date.now(),
      lastEventId,
      start,
      eventsSent: 0,
    };
    this.#clients.set(client.id, client);
    this.#emit({ kind: 'joined', client: { ...client } });
    let reason: ReplayEnd = 'failed';
    try {
      const served = await serveTimeline(res, replaySteps(this.#replay, point, { lastEventId: lastEventId ?? '', loop: this.loop }), {
        speed: this.speed,
        stopSignal: this.#stop.signal,
        headers: CORS_HEADERS,
        onEventsSent: (count) => (client.eventsSent += count),
      });
      reason = served.end;
      if (served.reconnect) {
        const { lastEventId: next, resumeSeq, delayMs } = served.reconnect;
        this.#continuations.remember(ip, next, resumeSeq, delayMs);
      }
    } catch {
      answerFailure(res);
    } finally {
      this.#clients.delete(client.id);
      this.#emit({ kind: 'left', client: { ...client }, reason });
    }
  }

  async #startFor(ip: string, lastEventId: string | null): Promise<{ start: ReplayClientStart; point: ResumePoint }> {
    const continued = this.#continuations.take(ip, lastEventId ?? '');
    if (continued !== null) return { start: 'reconnect', point: { fromSeq: continued } };
    if (lastEventId !== null) {
      const point = await this.#replay.resumeAfter(lastEventId);
      if (point) return { start: 'last-event-id', point };
    }
    return { start: 'beginning', point: { fromSeq: this.#replay.firstSeq } };
  }

  #emit(event: ReplayServerEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function checkOptions(options: ReplayServerOptions): Required<Omit<ReplayServerOptions, 'store'>> {
  const host = unbracket(options.host ?? DEFAULT_REPLAY_HOST);
  const port = options.port ?? 0;
  const speed = options.speed ?? 1;
  const path = options.path ?? null;
  if (host === '') throw new ReplayError('bad-option', 'The host is empty');
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ReplayError('bad-option', `The port must be a number from 0 to 65535, not ${port}`);
  if (!Number.isFinite(speed) || speed < 0)
    throw new ReplayError('bad-option', `The speed must be 0 or more (1: as recorded), not ${speed}`);
  if (path !== null && (!path.startsWith('/') || /[?#\s]/.test(path))) {
    throw new ReplayError('bad-option', `The path must start with "/" and hold no query, not "${path}"`);
  }
  return { host, port, speed, path, loop: options.loop ?? false };
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, host, port);
  }
  return (server.address() as AddressInfo).port;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ReplayError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ReplayError('port-in-use', `Port ${port} on ${host} is already in use`, { cause: error });
    case 'EADDRNOTAVAIL':
      return new ReplayError('cannot-listen', `${host} is not an address of this computer`, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ReplayError('cannot-listen', `No address found for the host ${host}`, { cause: error });
    case 'EACCES':
      return new ReplayError('cannot-listen', `Listening on port ${port} is not allowed here (ports below 1024 need privileges)`, {
        cause: error,
      });
    default:
      return new ReplayError('cannot-listen', `Cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
  }
}

/** The recording could not be read (its file went away, for example). */
function answerFailure(res: ServerResponse): void {
  if (res.headersSent) res.destroy();
  else res.writeHead(500, { ...CORS_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('The recording could not be read.\n');
}

/** The request's path without its query; "/" for a request target that is not a path. */
function pathOf(target: string | undefined): string {
  try {
    return new URL(target ?? '/', 'http://replay.invalid').pathname;
  } catch {
    return '/';
  }
}

/** A CORS preflight's answer: the method and headers it asks for are allowed. */
function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'access-control-allow-methods': String(req.headers['access-control-request-method']),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
  };
  const asked = req.headers['access-control-request-headers'];
  if (typeof asked === 'string' && asked !== '') headers['access-control-allow-headers'] = asked;
  return headers;
}
