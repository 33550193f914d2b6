// The contract over WebSocket for browser mode: checks each upgrade (Host, Origin, token), runs
// every call through the shared dispatch and answers with its id, and sends every push to every
// connected page (so a second page sees the same sessions). Record batches respect backpressure
// (see record-backlog.ts); a heartbeat drops pages that went away without closing.

import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import type { CommandName, CommandResult, Dispatch, PushSink } from '../contract.ts';
import { hostProblem, originProblem, TOKEN_PROBLEM, tokenMatches } from './access-checks.ts';
import { RecordBacklog, type RecordsPush } from './record-backlog.ts';
import { TOKEN_PARAM, WS_PATH, type WireResult } from '../common/wire-protocol.ts';
import { messageOf } from '../common/error-message.ts';
import { describeProblems } from '../common/validation-problems.ts';

export interface WsTransportOptions {
  /** The HTTP server whose upgrades this takes, listening on `port`. */
  server: Server;
  port: number;
  token: string;
  dispatch: Dispatch;
  /** Larger messages close the connection (default 64 MiB). */
  maxMessageBytes?: number;
  /** Above this many unsent bytes a page gets skipped markers instead of records (default 8 MiB). */
  recordBacklogBytes?: number;
  /** Ping interval; a page that did not answer the last ping is dropped (default 30 s). */
  heartbeatMs?: number;
  /** How often a page with skipped records is checked for having caught up (default 100 ms). */
  drainCheckMs?: number;
}

export interface WsTransport {
  /** Sends a push to every connected page. */
  push: PushSink;
  clientCount(): number;
  /** Closes every page's connection and stops taking new ones. */
  close(): Promise<void>;
}

const CallSchema = z.object({
  type: z.literal('call'),
  id: z.int().min(0),
  name: z.string().max(200),
  payload: z.unknown().optional(),
});

interface Client {
  ws: WebSocket;
  alive: boolean;
  backlog: RecordBacklog;
}

export function attachWsTransport(options: WsTransportOptions): WsTransport {
  const backlogLimit = options.recordBacklogBytes ?? 8 * 1024 * 1024;
  const clients = new Set<Client>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: options.maxMessageBytes ?? 64 * 1024 * 1024,
    // One message per turn of the event loop: a page that sends a burst of calls (hundreds of
    // saves) does not hold up every other page's calls until the burst has been handled.
    allowSynchronousEvents: false,
  });
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${options.port}`);
    const wrongHost = hostProblem(req.headers.host, options.port);
    if (wrongHost) return refuseUpgrade(socket, 421, wrongHost);
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, `The WebSocket is at ${WS_PATH}.`);
    const wrongOrigin = originProblem(req.headers.origin, options.port);
    if (wrongOrigin) return refuseUpgrade(socket, 403, wrongOrigin);
    if (!tokenMatches(options.token, url.searchParams.get(TOKEN_PARAM))) return refuseUpgrade(socket, 403, TOKEN_PROBLEM);
    if (closing) return refuseUpgrade(socket, 503, 'SSE Scope is stopping.');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  };
  options.server.on('upgrade', onUpgrade);

  const accept = (ws: WebSocket) => {
    const client: Client = { ws, alive: true, backlog: new RecordBacklog() };
    clients.add(client);
    // ws closes the connection itself after an error (a bad frame, a message over the limit).
    ws.on('error', () => {});
    ws.on('pong', () => (client.alive = true));
    ws.on('close', () => clients.delete(client));
    ws.on('message', (data, isBinary) => void answer(client, data, isBinary));
  };

  const answer = async (client: Client, data: RawData, isBinary: boolean) => {
    const message = isBinary ? undefined : parseJson(rawText(data));
    const call = CallSchema.safeParse(message);
    if (!call.success) {
      // Without an id there is no one to answer: the message is dropped.
      const id = idOf(message);
      if (id !== null) send(client, resultFrame(id, failure(`Malformed message:\n${describeProblems(call.error, 3)}`, 'invalid-payload')));
      return;
    }
    const { id, name, payload } = call.data;
    let result: CommandResult<unknown>;
    try {
      // The dispatcher checks the name and validates the payload.
      result = await options.dispatch(name as CommandName, payload);
    } catch (error) {
      result = failure(messageOf(error), 'failed');
    }
    let frame: string;
    try {
      frame = resultFrame(id, result);
    } catch (error) {
      // A value JSON cannot carry (a bug in a handler): answer with that, not with silence.
      frame = resultFrame(id, failure(`The answer to ${name} could not be sent: ${messageOf(error)}`, 'failed'));
    }
    send(client, frame);
  };

  // ---- Pushes ----

  let drainTimer: NodeJS.Timeout | undefined;
  const behind = (client: Client) => client.ws.bufferedAmount > backlogLimit;
  const sendMarkers = () => {
    let waiting = false;
    for (const client of clients) {
      if (client.backlog.isEmpty) continue;
      if (behind(client)) waiting = true;
      else for (const marker of client.backlog.drain()) send(client, pushFrame('session:records', marker));
    }
    if (!waiting) {
      clearInterval(drainTimer);
      drainTimer = undefined;
    }
  };

  const sendRecords = (client: Client, batch: RecordsPush, frame: string) => {
    if (behind(client)) {
      client.backlog.skip(batch);
      drainTimer ??= setInterval(sendMarkers, options.drainCheckMs ?? 100).unref();
    } else if (client.backlog.isEmpty) {
      send(client, frame);
    } else {
      send(client, pushFrame('session:records', client.backlog.merge(batch)));
    }
  };

  const push: PushSink = (name, payload) => {
    if (clients.size === 0) return;
    const frame = pushFrame(name, payload);
    for (const client of clients) {
      if (name === 'session:records') sendRecords(client, payload as RecordsPush, frame);
      else send(client, frame);
    }
  };

  // ---- Heartbeat ----

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }, options.heartbeatMs ?? 30_000).unref();

  return {
    push,
    clientCount: () => clients.size,
    close: async () => {
      closing = true;
      clearInterval(heartbeat);
      clearInterval(drainTimer);
      options.server.off('upgrade', onUpgrade);
      await Promise.all([...clients].map((client) => closeClient(client.ws)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A close frame ("going away"), and the socket destroyed if the page does not answer soon. */
function closeClient(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'SSE Scope is stopping');
  });
}

function send(client: Client, frame: string): void {
  if (client.ws.readyState === WebSocket.OPEN) client.ws.send(frame);
}

function pushFrame(name: string, payload: unknown): string {
  return JSON.stringify({ type: 'push', name, payload });
}

function resultFrame(id: number, result: CommandResult<unknown>): string {
  return JSON.stringify({ type: 'result', id, result } satisfies WireResult);
}

function failure(message: string, code: 'invalid-payload' | 'failed'): CommandResult<never> {
  return { ok: false, error: { message, code } };
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'content-type: text/plain; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The id of a message that is not a valid call, when it has a usable one. */
function idOf(message: unknown): number | null {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
