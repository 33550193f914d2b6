// The HTTP client for the engine under plain Node (CLI, browser mode, tests): undici's fetch,
// with the TLS options a debugging user needs (a private CA, or no verification at all).
// The Electron app passes net.fetch instead, so system proxies and certificates apply there.

import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchFunction } from './fetch-types.ts';

export interface TlsOptions {
  /** Accept any certificate (self-signed, expired, wrong host). */
  insecure?: boolean;
  /** A PEM file with extra certificate authorities to trust. */
  caFile?: string;
}

export function createNodeFetch(tls: TlsOptions = {}): FetchFunction {
  const ca = tls.caFile ? readFileSync(tls.caFile, 'utf8') : undefined;
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: !tls.insecure, ...(ca ? { ca } : {}) },
    // An event stream may be quiet for a long time; the Session's own idle timeout decides.
    bodyTimeout: 0,
    headersTimeout: 0,
  });
  return (url, init) => undiciFetch(url, { ...init, dispatcher }) as ReturnType<FetchFunction>;
}
