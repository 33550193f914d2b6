// The request a session sent, as a user may see it (the way Postman and Insomnia show the sent
// request): method, the URL with its variables filled in, every header the engine sends (its own
// Accept, Cache-Control and Last-Event-ID included), the body; and the response to it, from the
// session's first `open` record (or, for an HTTP error, its `error` record). Secret values are
// masked in all of it; maskedRequest is the one place that masks a sent request, written into the
// capture's meta file when the capture starts.

import type { ResponseView, SentRequestView } from '../../contract.ts';
import type { SseRecord } from '../../common/records.ts';
import { secretMaskFor, type Resolved } from '../config/variables.ts';
import { redactHeaders, redactUrl } from '../export/redact-secrets.ts';
import { streamRequestHeaders } from '../sse/session.ts';
import type { StoredRequest } from '../store/capture-meta.ts';
import type { RecordStore } from '../store/record-store.ts';

/** How far into a timeline the response is looked for: it is the first attempt's, near the top. */
const RESPONSE_SEARCH_RECORDS = 50;

/**
 * The request with every secret masked by the session's own SecretMask (secretMaskFor): secret
 * header values and secret variables (the display form already shows '••••' for them), the Auth
 * section's credential, credential-named headers and URL parts, and any of those values where they
 * appear elsewhere (a key repeated in the body).
 */
export function maskedRequest(resolved: Resolved): StoredRequest {
  const { display } = resolved;
  const mask = secretMaskFor(resolved);
  const headers = streamRequestHeaders(mask.headers(display.headers));
  if (display.lastEventId) headers['last-event-id'] = mask.text(display.lastEventId);
  return {
    method: display.method,
    url: mask.url(display.url),
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    body: display.body === undefined ? null : mask.text(display.body),
  };
}

/** The response to the first attempt in the store's timeline; null before one came. */
export async function responseOf(store: RecordStore): Promise<ResponseView | null> {
  if (store.firstSeq === 0) return null;
  const records = await store.range(store.firstSeq, RESPONSE_SEARCH_RECORDS);
  return responseIn(records);
}

export function responseIn(records: readonly SseRecord[]): ResponseView | null {
  for (const record of records) {
    if (record.kind === 'open') {
      return {
        status: record.status,
        headers: redactHeaders(record.headers),
        url: redactUrl(record.url),
        ttfbMs: record.ttfbMs,
        framing: record.framing ?? 'sse',
        body: null,
      };
    }
    if (record.kind === 'error' && record.status !== undefined) {
      return { status: record.status, headers: null, url: null, ttfbMs: null, framing: null, body: record.body ?? null };
    }
  }
  return null;
}

export function sentRequestView(
  request: StoredRequest,
  state: SentRequestView['state'],
  response: ResponseView | null,
  problem: string | null = null,
): SentRequestView {
  return { state, ...request, problem, response };
}
