// How a Session treats what the server answers, as the WHATWG spec says: 200 + text/event-stream
// opens, 204 stops for good, anything else is an error record (retried only when the setting says
// so), redirects are followed with fetch's rules.

import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ErrorRecord, OpenRecord, SseRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, sleep, startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

const kinds = (records: SseRecord[]) => records.map((r) => r.kind);
const errorOf = (records: SseRecord[]) => records.find((r): r is ErrorRecord => r.kind === 'error')!;
const openOf = (records: SseRecord[]) => records.find((r): r is OpenRecord => r.kind === 'open')!;
/** Reconnects would come after 10 ms; waiting well past that shows none happened. */
const SHORT_RETRY = { initialDelayMs: 10 };

test('the open record carries the status, lower-case headers, the final URL and the time to first byte', async () => {
  server.route('/headers', (_req, res) => {
    startSse(res, { 'X-Request-ID': 'req-7', 'content-type': 'text/event-stream; charset=utf-8' });
    res.end('data: hi\n\n');
  });
  const h = startSession({ url: `${server.url}/headers`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(kinds(records)).toEqual(['open', 'event', 'closed']);
  const open = openOf(records);
  expect(open).toMatchObject({ status: 200, url: `${server.url}/headers`, attempt: 1 });
  expect(open.headers['x-request-id']).toBe('req-7');
  expect(open.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  expect(Object.keys(open.headers).every((name) => name === name.toLowerCase())).toBe(true);
  expect(open.ttfbMs).toBeGreaterThanOrEqual(0);
});

test('a content type with parameters, in any case, opens', async () => {
  server.route('/typed', (_req, res) => {
    res.writeHead(200, { 'content-type': 'Text/Event-Stream ; charset=UTF-8' });
    res.end('data: ok\n\n');
  });
  const h = startSession({ url: `${server.url}/typed`, reconnect: { enabled: false } });
  await h.closed();
  expect(h.events().map((e) => e.data)).toEqual(['ok']);
  expect(h.records.some((r) => r.kind === 'error')).toBe(false);
});

test('repeated Content-Type headers: the last one decides, as fetch does', async () => {
  server.route('/two-types', (req, res) => {
    const types = req.headers['x-order'] === 'sse-last' ? ['text/html', 'text/event-stream'] : ['text/event-stream', 'text/html'];
    res.setHeader('content-type', types);
    res.writeHead(200).end('data: ok\n\n');
  });
  const sseLast = startSession({ url: `${server.url}/two-types`, headers: { 'x-order': 'sse-last' }, reconnect: { enabled: false } });
  await sseLast.closed();
  expect(sseLast.events().map((e) => e.data)).toEqual(['ok']);
  const htmlLast = startSession({ url: `${server.url}/two-types`, reconnect: { enabled: false } });
  const records = await htmlLast.closed();
  expect(errorOf(records).message).toBe('Expected Content-Type text/event-stream, got "text/event-stream, text/html"');
});

test('204 No Content closes for good: one request, closed with reason no-content', async () => {
  const h = startSession({ url: `${server.url}/204`, reconnect: SHORT_RETRY });
  const records = await h.closed();
  await sleep(150);
  expect(server.requests).toHaveLength(1);
  expect(records).toEqual([expect.objectContaining({ kind: 'closed', reason: 'no-content', seq: 1 })]);
});

test("401 with a JSON body is an error record that shows the server's message, and is not retried", async () => {
  const h = startSession({ url: `${server.url}/authed`, headers: { authorization: 'Bearer wrong' }, reconnect: SHORT_RETRY });
  const records = await h.closed();
  await sleep(150);
  expect(server.requests).toHaveLength(1);
  expect(kinds(records)).toEqual(['error', 'closed']);
  const error = errorOf(records);
  expect(error.status).toBe(401);
  expect(error.message).toBe('HTTP 401 Unauthorized: {"error":{"message":"invalid api key"}}');
  expect(JSON.parse(error.body!)).toEqual({ error: { message: 'invalid api key' } });
  expect(error.retryInMs).toBeUndefined();
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
});

test('an error body that never ends still becomes an error record with what arrived', async () => {
  server.route('/endless-error', (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.write('maintenance: back soon'); // and never ends
  });
  const h = startSession({ url: `${server.url}/endless-error`, reconnect: SHORT_RETRY });
  const records = await h.closed(10_000);
  expect(errorOf(records)).toMatchObject({ status: 503, body: 'maintenance: back soon' });
  expect(errorOf(records).message).toContain('maintenance: back soon');
});

test('a 500 closes with reason failed after exactly one request (the spec default)', async () => {
  const h = startSession({ url: `${server.url}/status?status=500&body=boom`, reconnect: SHORT_RETRY });
  const records = await h.closed();
  await sleep(150);
  expect(server.requests).toHaveLength(1);
  expect(errorOf(records)).toMatchObject({ status: 500, message: 'HTTP 500 Internal Server Error: boom', body: 'boom' });
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
});

test('200 with text/html is an error record with the start of the page', async () => {
  const h = startSession({ url: `${server.url}/html`, reconnect: SHORT_RETRY });
  const records = await h.closed();
  const error = errorOf(records);
  expect(error.status).toBe(200);
  expect(error.message).toBe('Expected Content-Type text/event-stream, got "text/html; charset=utf-8"');
  expect(error.body).toContain('<title>Not a stream</title>');
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
  expect(server.requests).toHaveLength(1);
});

test('200 without any content type is an error record', async () => {
  const h = startSession({ url: `${server.url}/status?status=200&type=none&body=data: x`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(errorOf(records).message).toBe('Expected Content-Type text/event-stream, got no Content-Type');
});

test('with retryHttpErrors a 503 is retried, with backoff, until the stream opens', async () => {
  server.route('/flaky', (_req, res) => {
    if (server.requests.length <= 2) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('try later');
      return;
    }
    startSse(res);
    res.end('data: finally\n\n');
  });
  const h = startSession({ url: `${server.url}/flaky`, reconnect: { initialDelayMs: 10, retryHttpErrors: true } });
  await h.until((all) => all.some((r) => r.kind === 'event'));
  h.session.close();

  expect(kinds(h.records).slice(0, 6)).toEqual(['error', 'reconnect', 'error', 'reconnect', 'open', 'event']);
  const errors = h.records.filter((r): r is ErrorRecord => r.kind === 'error');
  expect(errors.map((e) => [e.status, e.message])).toEqual([
    [503, 'HTTP 503 Service Unavailable: try later'],
    [503, 'HTTP 503 Service Unavailable: try later'],
  ]);
  expect(errors.every((e) => typeof e.retryInMs === 'number')).toBe(true);
  expect(h.records.filter((r) => r.kind === 'reconnect').map((r) => r.kind === 'reconnect' && r.reason)).toEqual([
    'http-error',
    'http-error',
  ]);
  expect(openOf(h.records).attempt).toBe(3);
});

// --- redirects ---------------------------------------------------------------------------------

test('a 301 is followed; the open record has the final URL', async () => {
  const h = startSession({ url: `${server.url}/redirect`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(server.requests.map((r) => r.path)).toEqual(['/redirect', '/counter']);
  expect(openOf(records).url).toBe(`${server.url}/counter`);
  expect(h.events().map((e) => e.data)).toEqual(['1', '2', '3']);
});

test('a relative Location resolves against the redirecting URL', async () => {
  const location = encodeURIComponent('counter?count=1');
  const h = startSession({ url: `${server.url}/redirect?status=302&location=${location}`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(openOf(records).url).toBe(`${server.url}/counter?count=1`);
  expect(h.events().map((e) => e.data)).toEqual(['1']);
});

/** POSTs {"q":1} to a redirect with `status`, ending at /echo; returns what /echo received. */
async function postThroughRedirect(status: number) {
  const h = startSession({
    url: `${server.url}/redirect?status=${status}&location=/echo`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"q":1}',
    reconnect: { enabled: false },
  });
  await h.closed();
  expect(server.requests.map((r) => r.path)).toEqual(['/redirect', '/echo']);
  return JSON.parse(h.events()[0]!.data) as { method: string; body: string; headers: Record<string, string> };
}

test('a 307 keeps the method and the body', async () => {
  const echoed = await postThroughRedirect(307);
  expect(echoed).toMatchObject({ method: 'POST', body: '{"q":1}' });
  expect(echoed.headers['content-type']).toBe('application/json');
});

test('a 303 after POST becomes a GET without a body', async () => {
  const echoed = await postThroughRedirect(303);
  expect(echoed).toMatchObject({ method: 'GET', body: '' });
  expect(echoed.headers).not.toHaveProperty('content-type');
});

test('a 301 after POST becomes a GET without a body', async () => {
  expect(await postThroughRedirect(301)).toMatchObject({ method: 'GET', body: '' });
});

test('a redirect without a Location, or with an empty one, is an error record, not a loop', async () => {
  for (const location of ['none', '']) {
    const h = startSession({ url: `${server.url}/redirect?status=301&location=${location}`, reconnect: SHORT_RETRY });
    const records = await h.closed();
    expect(errorOf(records)).toMatchObject({ status: 301, message: 'HTTP 301 redirect without a Location header' });
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
  }
  await sleep(100);
  expect(server.requests).toHaveLength(2);
});

test('a redirect loop ends with an error record', async () => {
  server.route('/loop', (_req, res) => void res.writeHead(307, { location: '/loop' }).end());
  const h = startSession({ url: `${server.url}/loop`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(errorOf(records)).toMatchObject({ status: 307, message: 'More than 20 redirects' });
  expect(server.requests).toHaveLength(21);
});

test('Authorization follows a same-origin redirect but not a cross-origin one', async () => {
  const other = await startFixtureServer();
  try {
    const sameOrigin = startSession({
      url: `${server.url}/redirect?location=/echo`,
      headers: { authorization: 'Bearer secret', 'x-keep': 'yes' },
      reconnect: { enabled: false },
    });
    await sameOrigin.closed();
    const crossOrigin = startSession({
      url: `${server.url}/redirect?location=${encodeURIComponent(`${other.url}/echo`)}`,
      headers: { authorization: 'Bearer secret', 'x-keep': 'yes' },
      reconnect: { enabled: false },
    });
    await crossOrigin.closed();

    const sameHeaders = server.requests.find((r) => r.path === '/echo')!.headers;
    expect(sameHeaders.authorization).toBe('Bearer secret');
    const crossHeaders = other.requests[0]!.headers;
    expect(crossHeaders).not.toHaveProperty('authorization');
    expect(crossHeaders['x-keep']).toBe('yes');
    expect(openOf(crossOrigin.records).url).toBe(`${other.url}/echo`);
  } finally {
    await other.close();
  }
});

test('a redirect to a Location that is not a URL is an error record', async () => {
  server.route('/bad-location', (_req, res) => void res.writeHead(302, { location: 'http://[oops' }).end());
  const h = startSession({ url: `${server.url}/bad-location`, reconnect: SHORT_RETRY });
  const records = await h.closed();
  expect(errorOf(records)).toMatchObject({ status: 302, message: 'HTTP 302 redirect to an invalid Location: http://[oops' });
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
});

test('a URL that cannot be requested fails at once, without a request', async () => {
  for (const [url, message] of [
    ['ftp://127.0.0.1/feed', 'Unsupported URL scheme ftp: (use http: or https:)'],
    ['not a url', 'Invalid URL: not a url'],
  ]) {
    const records = await startSession({ url: url! }).closed();
    expect(records).toMatchObject([
      { kind: 'error', message },
      { kind: 'closed', reason: 'failed' },
    ]);
  }
  expect(server.requests).toHaveLength(0);
});
