// The HTTP client for the engine under plain Node (CLI, browser mode, tests): undici's fetch,
// with the TLS options a debugging user needs (a private CA, or no verification at all).
// The Electron app passes its adapter over Electron's net.request instead (main/electron/
// net-fetch.ts), so system proxies and certificates apply there.
//
// undici 8 or later: undici 7 threw an uncatchable AssertionError, killing the process, when a
// server closed the connection while the body was paused because the reader was behind
// (nodejs/undici#5360; test/integration/robustness-paused-body-close.test.ts).

import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchFunction } from './fetch-types.ts';

export interface TlsOptions {
  /** Accept any certificate (self-signed, expired, wrong host). */
  insecure?: boolean;
  /** A PEM file with extra certificate authorities to trust. */
  caFile?: string;
}

/** A FetchFunction with its own connection pool, which close() ends. */
export type NodeFetch = FetchFunction & {
  /** Ends the client's connections (a request still running fails); it cannot be used after. */
  close(): Promise<void>;
};

export function createNodeFetch(tls: TlsOptions = {}): NodeFetch {
  const ca = tls.caFile ? readFileSync(tls.caFile, 'utf8') : undefined;
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: !tls.insecure, ...(ca ? { ca } : {}) },
    // undici cuts a body quiet for 300 s, and waits 300 s for headers, by default. An event
    // stream may be quiet for hours: 0 turns both off (undici sets no timer for 0), and the
    // Session's own idle and connect timeouts decide instead.
    bodyTimeout: 0,
    headersTimeout: 0,
    // HTTP/1.1, as undici 7 spoke (8 offers HTTP/2 to TLS servers by default): the stream's
    // framing, headers and backpressure stay what the tests and the bench measure.
    allowH2: false,
  });
  const fetch: FetchFunction = (url, init) => undiciFetch(url, { ...init, dispatcher }) as ReturnType<FetchFunction>;
  return Object.assign(fetch, { close: () => dispatcher.destroy() });
}
