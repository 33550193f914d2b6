// The browser-mode HTTP server, on 127.0.0.1 only: the built renderer's files (no token needed,
// they hold no data) and one-time export downloads (token needed). Every request must name this
// server in its Host header, only GET and HEAD are answered, and every answer carries the page's
// Content-Security-Policy and nosniff. The WebSocket upgrade is handled by ws-transport.ts.

import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostProblem, TOKEN_PROBLEM, tokenMatches } from './access-checks.ts';
import { DOWNLOADS_PATH, type BrowserDownloads } from './downloads.ts';
import { findStaticFile } from '../core/renderer-files.ts';
import { TOKEN_PARAM } from '../common/wire-protocol.ts';
import { messageOf } from '../common/error-message.ts';

export interface HttpServerOptions {
  /** 0 takes a free port. */
  port: number;
  /** The built renderer folder: an absolute, real path. */
  rendererDir: string;
  /** Sent as the Content-Security-Policy header (the same policy as the page's meta tag). */
  csp: string;
  token: string;
  downloads: BrowserDownloads;
}

export interface HttpServer {
  server: Server;
  port: number;
  /** Stops listening and drops every open HTTP connection. */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  let port = options.port;
  const headers = securityHeaders(options.csp);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const wrongHost = hostProblem(req.headers.host, port);
    if (wrongHost) return refuse(res, headers, 421, wrongHost);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(res, headers, 405, 'Only GET and HEAD are answered here.', { allow: 'GET, HEAD' });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith(DOWNLOADS_PATH)) {
      if (!tokenMatches(options.token, url.searchParams.get(TOKEN_PARAM))) return refuse(res, headers, 403, TOKEN_PROBLEM);
      const [id, name, ...rest] = url.pathname.slice(DOWNLOADS_PATH.length).split('/');
      const fileName = id && name && rest.length === 0 ? decodeOrNull(name) : null;
      if (fileName === null) return refuse(res, headers, 404, 'No such download.');
      for (const [key, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(key, value);
      return options.downloads.serve(req, res, id!, fileName);
    }
    const file = await findStaticFile(options.rendererDir, url.pathname);
    if (!file) return refuse(res, headers, 404, 'Not found.');
    res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': file.size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, headers, 500, `Internal error: ${messageOf(error)}`);
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Headers on every answer. The token travels in URLs, so no Referer may carry it anywhere. */
export function securityHeaders(csp: string): OutgoingHttpHeaders {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function refuse(res: ServerResponse, headers: OutgoingHttpHeaders, status: number, message: string, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...headers, ...extra, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
