// The SSE contract-test service: the HTTP endpoints through which LaunchDarkly's
// `sse-contract-tests` harness drives our engine (status, create, command, close, stop). This
// module routes, validates and answers; each created client is a StreamClient.
//
// Checked against the suite's code (launchdarkly/sse-contract-tests, read through the code index):
// - framework/harness/test_service.go: the status query reads `name` and `capabilities`; create
//   needs a 2xx and a Location (a relative one is appended to the service URL); DELETE of a stream
//   must answer exactly 200 or 204; a command needs a status below 300; DELETE / may get no answer
//   at all if the service quits first.
// - servicedef/service_params.go: the create body (see create-params.ts) and `{"command": ...}`.
// - ssetests/testapi_sse_client.go: callbacks go to `<callbackUrl>/<n>` and are re-sorted by n
//   (framework/harness/message_sorting_queue.go waits for n + 1, so a gap stalls it); bodies are
//   {kind, event: {type, data, id}} | {kind, comment} | {kind, error} (the field is `error`, not
//   `comment` as docs/service_spec.md says); each wait lasts at most 5 s.
// - ssetests/testapi_stream_server.go: BreakConnection ends the response cleanly; each
//   AwaitConnection waits at most 5 s.
// - ssetests/tests_*.go: what each test sends and expects (see stream-client.ts for the mapping).
//   Capability names used by the suite: "comments", "headers", "post", "report", "last-event-id",
//   "read-timeout", "restart", "bom", "event-type-listeners" (not ours: we report every event type
//   without a "listen" command), and for the 204 test "server-directed-shutdown-request" (the
//   name other LaunchDarkly test services advertise) while the stored tests_http_behavior.go gates
//   it on "204"; we advertise both so the test runs under either version. Also
//   "payload-size-stress-testable" (tests_payload_sizes.go: 1 B .. 1 MiB events within 3 s), which
//   the engine supports (its limits are 16 MiB).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchFunction } from '../core/sse/fetch-types.ts';
import { createNodeFetch } from '../core/sse/node-fetch.ts';
import { parseCreateParams } from './create-params.ts';
import { StreamClient } from './stream-client.ts';
import { messageOf } from '../common/error-message.ts';

export const SERVICE_NAME = 'sse-scope';

/** The contract's nine capabilities, then the aliases and extras explained above. */
export const CAPABILITIES = [
  'bom',
  'comments',
  'headers',
  'last-event-id',
  'post',
  'report',
  'read-timeout',
  'restart',
  'server-directed-shutdown-request',
  '204',
  'payload-size-stress-testable',
] as const;

/** The largest request body the service reads (create parameters, commands). */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface ContractServiceOptions {
  /** 0 (the default here) picks a free port. */
  port?: number;
  /** Diagnostics (client lifecycle, callback failures); silent by default. */
  log?: (line: string) => void;
  fetch?: FetchFunction;
}

export interface ContractService {
  /** Base URL, e.g. http://127.0.0.1:8000 */
  url: string;
  /** Resolves once the service has stopped, by `DELETE /` or by stop(). */
  stopped: Promise<void>;
  /** Close every client and the server. */
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startContractService(options: ContractServiceOptions = {}): Promise<ContractService> {
  const log = options.log ?? (() => {});
  const fetch = options.fetch ?? createNodeFetch();
  // A Map, not an object: a stream id such as "constructor" must miss cleanly.
  const clients = new Map<string, StreamClient>();
  let lastId = 0;
  let stopping: Promise<void> | null = null;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = messageOf(error);
      if (status === 500) log(`internal error: ${message}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { error: message });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    if (path === '/') {
      if (req.method === 'GET') return sendJson(res, 200, { name: SERVICE_NAME, capabilities: CAPABILITIES });
      if (req.method === 'POST') return create(req, res);
      if (req.method === 'DELETE') {
        log('stop requested (DELETE /)');
        res.writeHead(204).end(() => void stop());
        return;
      }
      throw methodNotAllowed(res, 'GET, POST, DELETE');
    }
    const match = /^\/streams\/([^/]+)$/.exec(path);
    if (!match) throw new HttpError(404, `No resource at ${path}`);
    const id = match[1]!;
    if (req.method !== 'POST' && req.method !== 'DELETE') throw methodNotAllowed(res, 'POST, DELETE');
    const client = clients.get(id);
    if (!client) throw new HttpError(404, `No stream ${id}`);
    if (req.method === 'DELETE') {
      clients.delete(id);
      client.close();
      res.writeHead(204).end();
      return;
    }
    await command(client, req, res);
  }

  async function create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseCreateParams(await readBody(req));
    if (!parsed.ok) throw new HttpError(400, parsed.message);
    const id = String(++lastId);
    const client = new StreamClient(parsed.value, { fetch, log: (line) => log(`stream ${id} ${line}`) });
    clients.set(id, client);
    client.start();
    res.writeHead(201, { location: `/streams/${id}` }).end();
  }

  async function command(client: StreamClient, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, `Request body is not valid JSON: ${messageOf(error)}`);
    }
    const name = (body as { command?: unknown } | null)?.command;
    if (name !== 'restart') {
      throw new HttpError(400, `Unknown command ${JSON.stringify(name ?? null)} (supported: "restart")`);
    }
    client.restart();
    res.writeHead(204).end();
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      for (const client of clients.values()) client.close();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      resolveStopped();
    })();
    return stopping;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stopped, stop };
}

function methodNotAllowed(res: ServerResponse, allow: string): HttpError {
  res.setHeader('allow', allow);
  return new HttpError(405, `Method not allowed (allowed: ${allow})`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_REQUEST_BYTES) throw new HttpError(413, `Request body larger than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
