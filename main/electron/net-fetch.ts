// The engine's HTTP client in the Electron app: Chromium's network stack through Electron's `net`,
// so the system proxy settings (PAC, WPAD) and the OS certificate store apply, with each
// connection's TLS options given by its own session (tls-sessions.ts). The engine only sees a
// FetchFunction and never learns it runs in Electron.
//
// Why net.request and not net.fetch: the engine follows redirects itself and needs the real 3xx
// response (status and Location). net.fetch is built on net.request, and with
// `redirect: 'manual'` it rejects with "Redirect was cancelled" because nobody answers the
// request's 'redirect' event (electron/electron#43715: "working as documented"), so a redirect
// would surface as a network failure, not even as an opaque redirect. Here the 'redirect' event
// becomes a bodiless 3xx response carrying Chromium's response headers, and the request stops.

import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import type { FetchFunction, FetchResponseLike } from '../core/sse/fetch-types.ts';
import type { TlsOptions } from '../core/sse/node-fetch.ts';

/** `net.request`. */
export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest;
type RequestSession = NonNullable<ClientRequestConstructorOptions['session']>;

/** Statuses whose response has no body (Fetch's "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Request headers Chromium's network service does not take from a caller: the request fails with
 * a bare net::ERR_INVALID_ARGUMENT (services/network/public/cpp/header_util.cc, and
 * electron/electron#21148 for Host). Refused here first, with a message that names the header.
 */
const REFUSED_HEADERS = new Set(['host', 'trailer', 'te', 'upgrade', 'cookie2', 'keep-alive', 'transfer-encoding']);
/** Chromium computes this one from the body, so a value the user set is left out rather than refused. */
const COMPUTED_HEADERS = new Set(['content-length']);

/** Why Chromium would refuse this request header, or null. */
export function refusedHeader(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  const refused =
    REFUSED_HEADERS.has(lower) || lower.startsWith('proxy-') || (lower === 'connection' && value.trim().toLowerCase() === 'upgrade');
  return refused
    ? `The app's network stack (Chromium) does not let a request set the ${name} header; remove it from the connection (the CLI can send it)`
    : null;
}

/** `fetchFor(tls)` for the app core: one FetchFunction per connection's TLS options. */
export function createNetFetchFor(
  request: NetRequest,
  sessionFor: (tls: TlsOptions) => RequestSession,
): (tls: TlsOptions) => FetchFunction {
  return (tls) => netFetch(request, () => sessionFor({ ...tls }));
}

/**
 * A FetchFunction over net.request in `session` (read at each request: it throws when the TLS
 * profile cannot be set up, and that becomes the attempt's error).
 */
export function netFetch(request: NetRequest, session: () => RequestSession): FetchFunction {
  return (url, init) =>
    new Promise<FetchResponseLike>((resolve, reject) => {
      const { signal } = init;
      if (signal.aborted) return reject(signal.reason);
      for (const [name, value] of Object.entries(init.headers)) {
        const problem = refusedHeader(name, value);
        if (problem) return reject(new Error(problem));
      }
      let req: ClientRequest;
      try {
        req = request({
          url,
          method: init.method,
          session: session(),
          redirect: 'manual',
          // No cookies or HTTP auth from the session: what is sent is what the user configured.
          credentials: 'omit',
          // An event stream is never a cached answer.
          cache: 'no-store',
        });
        for (const [name, value] of Object.entries(init.headers)) {
          if (COMPUTED_HEADERS.has(name.toLowerCase())) continue;
          req.setHeader(name, value);
        }
      } catch (error) {
        return reject(error);
      }

      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
      };
      const onAbort = (): void => {
        req.abort();
        settle(() => reject(signal.reason));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const release = (): void => signal.removeEventListener('abort', onAbort);

      // A listener must not throw (it would be an uncaught exception in the main process): a
      // response that cannot be described (a header value Headers refuses) fails the attempt.
      const answer = (describe: () => FetchResponseLike): void => {
        try {
          const response = describe();
          settle(() => resolve(response));
        } catch (error) {
          req.abort();
          release();
          settle(() => reject(error));
        }
      };
      req.on('redirect', (status, _method, redirectUrl, headers) => {
        // Not following it: the engine does (see the top of this file).
        req.abort();
        release();
        answer(() => redirectResponse(url, status, redirectUrl, headers));
      });
      req.on('response', (message) => {
        answer(() => responseOf(url, init.method, message, () => req.abort(), signal, release));
      });
      req.on('error', (error) => {
        release();
        settle(() => reject(error));
      });

      if (init.body !== undefined && init.body !== '') req.write(init.body);
      req.end();
    });
}

/** The 3xx answer as the engine expects it from `redirect: 'manual'`: status and headers, no body. */
export function redirectResponse(url: string, status: number, redirectUrl: string, headers: Record<string, string[]>): FetchResponseLike {
  const fields = new Headers();
  for (const [name, values] of Object.entries(headers)) for (const value of values) fields.append(name, value);
  // Chromium only redirects on a Location it could resolve; keep the header the server sent,
  // and fall back to the resolved URL should it be missing (an internal HSTS upgrade has none).
  if (!fields.has('location')) fields.set('location', redirectUrl);
  return { status, statusText: STATUS_CODES[status] ?? '', url, type: 'basic', headers: fields, body: null };
}

function responseOf(
  url: string,
  method: string,
  message: IncomingMessage,
  abort: () => void,
  signal: AbortSignal,
  release: () => void,
): FetchResponseLike {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const bodiless = NULL_BODY_STATUSES.has(message.statusCode) || method === 'HEAD';
  if (bodiless) abort();
  // Electron's IncomingMessage is a Node Readable; its typings leave out pause/resume/'close'.
  const body = bodiless ? null : bodyStream(message as unknown as Readable, abort, signal, release);
  if (bodiless) release();
  return { status: message.statusCode, statusText: message.statusMessage, url, type: 'basic', headers, body };
}

/**
 * The response body as a web stream, with backpressure: reading pauses the network read when a
 * chunk is waiting. Cancelling the stream stops the request (else Chromium would keep the
 * connection open); a connection that closes before the body ended errors the stream.
 */
export function bodyStream(
  message: Readable,
  abort: () => void,
  signal: AbortSignal,
  release: () => void = () => {},
): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (error?: unknown): void => {
        if (finished) return;
        finished = true;
        release();
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      message.on('data', (chunk: Buffer | string) => {
        if (finished) return;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) message.pause();
      });
      message.once('end', () => finish());
      message.once('error', (error: Error) => finish(signal.aborted ? signal.reason : error));
      // Electron destroys the message without an error when the request is aborted.
      message.once('close', () => finish(signal.aborted ? signal.reason : new Error('The connection closed before the response ended')));
    },
    pull() {
      if (!finished) message.resume();
    },
    cancel() {
      finished = true;
      release();
      abort();
      message.destroy();
    },
  });
}
