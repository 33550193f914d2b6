// Browser mode's server, assembled: the built renderer and downloads over HTTP, and the contract
// over a WebSocket, on 127.0.0.1 behind a random access token. Returns the URL to open (token
// included) and the push sink the app core sends through; close() stops it all and deletes any
// download left over.

import type { Dispatch, PushSink } from '../contract.ts';
import { openRendererFolder } from '../core/renderer-files.ts';
import { createAccessToken } from './access-checks.ts';
import { createBrowserDownloads, type BrowserDownloads, type DownloadsOptions } from './downloads.ts';
import { startHttpServer } from './http-server.ts';
import { TOKEN_PARAM } from '../common/wire-protocol.ts';
import { attachWsTransport, type WsTransportOptions } from './ws-transport.ts';

export interface BrowserServerOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** The built renderer (dist/renderer): index.html and assets/. */
  rendererDir: string;
  dispatch: Dispatch;
  /** Made at random unless given (tests). */
  token?: string;
  /** Tuning for tests: backlog threshold, heartbeat. */
  transport?: Pick<WsTransportOptions, 'maxMessageBytes' | 'recordBacklogBytes' | 'heartbeatMs' | 'drainCheckMs'>;
  downloads?: Pick<DownloadsOptions, 'expireMs' | 'tempRoot'>;
}

export interface BrowserServer {
  /** http://127.0.0.1:PORT/?token=... : the page to open. */
  url: string;
  port: number;
  token: string;
  /** Sends a push to every open page. */
  push: PushSink;
  /** Where exports go in browser mode (the app core's FileDestinations). */
  downloads: BrowserDownloads;
  clientCount(): number;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const renderer = await openRendererFolder(options.rendererDir);
  const token = options.token ?? createAccessToken();
  const downloads = createBrowserDownloads({ token, ...options.downloads });
  const http = await startHttpServer({
    port: options.port ?? 0,
    rendererDir: renderer.root,
    csp: renderer.csp,
    token,
    downloads,
  });
  const transport = attachWsTransport({ ...options.transport, server: http.server, port: http.port, token, dispatch: options.dispatch });

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${http.port}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    port: http.port,
    token,
    push: transport.push,
    downloads,
    clientCount: transport.clientCount,
    close: () =>
      (closing ??= (async () => {
        await transport.close();
        await http.close();
        await downloads.close();
      })()),
  };
}
