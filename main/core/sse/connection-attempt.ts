// One connection attempt: send the request, follow redirects, and decide what the response is.
// [spec] https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource (the
// "processEventSourceEndOfBody" / "announce the connection" / "fail the connection" steps).

import { STATUS_CODES } from 'node:http';
import type { BodyFraming } from '../../common/records.ts';
import type { FetchFunction, FetchResponseLike } from './fetch-types.ts';
import { NDJSON_TYPES } from './ndjson-parser.ts';

export interface StreamRequest {
  url: string;
  method: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body?: string;
  /** Names (lower-case) of headers that, like Authorization, never follow a redirect to another origin. */
  secretHeaders?: readonly string[];
}

export type AttemptOutcome =
  /** [spec] 200 with text/event-stream: announce the connection. (Or 200 with an NDJSON type, when accepted.) */
  | { kind: 'open'; response: FetchResponseLike; url: string; framing: BodyFraming }
  /** [spec] 204 No Content: the server asks the client to stop for good. */
  | { kind: 'no-content'; status: number }
  /** [spec] any other status or content type: fail the connection. */
  | { kind: 'rejected'; status: number; message: string; body: string };

const MAX_REDIRECTS = 20;
const ERROR_BODY_BYTES = 4096;
const ERROR_BODY_WAIT_MS = 2000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * `acceptNdjson`: also open NDJSON bodies (read one event per line). A spec-following client
 * refuses every type but text/event-stream, and so does this one with false.
 */
export async function attemptConnection(
  fetch: FetchFunction,
  request: StreamRequest,
  signal: AbortSignal,
  acceptNdjson = true,
): Promise<AttemptOutcome> {
  let { url, method, body } = request;
  const headers = { ...request.headers };
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
    if (!REDIRECT_STATUSES.has(response.status)) return classify(response, url, acceptNdjson);

    await discardBody(response);
    const location = response.headers.get('location');
    if (!location) {
      return rejected(response, `HTTP ${response.status} redirect without a Location header`, '');
    }
    if (hop >= MAX_REDIRECTS) {
      return rejected(response, `More than ${MAX_REDIRECTS} redirects`, '');
    }
    const next = URL.parse(location, url);
    if (!next) {
      return rejected(response, `HTTP ${response.status} redirect to an invalid Location: ${location}`, '');
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return rejected(response, `Redirect to an unsupported URL: ${next.href}`, '');
    }
    // Fetch's redirect rules: 303 (and 301/302 after POST) turn into a GET without a body;
    // credentials (and every header the user marked secret) do not follow the request to another origin.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    if (next.origin !== new URL(url).origin) {
      for (const name of ['authorization', 'cookie', 'proxy-authorization', ...(request.secretHeaders ?? [])]) delete headers[name];
    }
    url = next.href;
  }
}

async function classify(response: FetchResponseLike, url: string, acceptNdjson: boolean): Promise<AttemptOutcome> {
  if (response.type === 'opaqueredirect' || response.status === 0) {
    return { kind: 'rejected', status: 0, message: 'The HTTP client hid a redirect response', body: '' };
  }
  if (response.status === 204) {
    await discardBody(response);
    return { kind: 'no-content', status: 204 };
  }
  if (response.status !== 200) {
    const body = await readErrorBody(response);
    const reason = response.statusText || STATUS_CODES[response.status] || '';
    const summary = `HTTP ${response.status}${reason ? ' ' + reason : ''}`;
    return rejected(response, body ? `${summary}: ${oneLine(body)}` : summary, body);
  }
  const contentType = response.headers.get('content-type');
  const essence = mimeEssence(contentType);
  if (acceptNdjson && NDJSON_TYPES.has(essence)) return { kind: 'open', response, url, framing: 'ndjson' };
  if (essence !== 'text/event-stream') {
    const body = await readErrorBody(response);
    const got = contentType === null ? 'no Content-Type' : `"${contentType}"`;
    return rejected(response, `Expected Content-Type text/event-stream, got ${got}`, body);
  }
  return { kind: 'open', response, url, framing: 'sse' };
}

function rejected(response: FetchResponseLike, message: string, body: string): AttemptOutcome {
  return { kind: 'rejected', status: response.status, message, body };
}

/** "text/event-stream; charset=utf-8" -> "text/event-stream" (MIME essence, lower-case). */
export function mimeEssence(contentType: string | null): string {
  if (!contentType) return '';
  // [spec] (Fetch, "extract a MIME type") repeated Content-Type headers arrive joined with
  // commas; the last value that is a MIME type wins. A comma inside a quoted parameter only
  // splits a parameter, never the essence before it.
  let essence = '';
  for (const value of contentType.split(',')) {
    const semicolon = value.indexOf(';');
    const candidate = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
    if (candidate.includes('/') && candidate !== '*/*') essence = candidate;
  }
  return essence;
}

/** The first few KiB of a response body as text, so "HTTP 401: invalid api key" is visible. */
async function readErrorBody(response: FetchResponseLike): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  // An error body that never ends (a server streaming its error page) must not hold the attempt:
  // show what arrived within a short time.
  const deadline = setTimeout(() => void reader.cancel().catch(() => {}), ERROR_BODY_WAIT_MS);
  try {
    while (bytes < ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
    }
  } catch {
    // A body cut short is still worth showing as far as it came.
  } finally {
    clearTimeout(deadline);
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8').trim();
}

async function discardBody(response: FetchResponseLike): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 200 ? flat.slice(0, 200) + '…' : flat;
}

/** Why a URL cannot be requested, or null when it can. */
export function urlProblem(url: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed) return `Invalid URL: ${url}`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Unsupported URL scheme ${parsed.protocol} (use http: or https:)`;
  }
  return null;
}

/**
 * A fetch failure in words. Node's fetch hides the reason in `cause`: "fetch failed" ->
 * "connect ECONNREFUSED 127.0.0.1:8080"; a failed connection to several addresses is an
 * AggregateError with an empty message and only a code.
 */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  if (cause && typeof cause === 'object' && 'code' in cause) return String((cause as { code: unknown }).code);
  return error.message;
}
