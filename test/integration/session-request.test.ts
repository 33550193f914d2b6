// What a Session sends: method, headers, body, Last-Event-ID, on the first request and on every
// reconnect, against a real local server.

import { afterEach, beforeEach, expect, test } from 'vitest';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, startSession, waitFor } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

test('every request asks for an event stream, uncached, and sends no Last-Event-ID unless one is known', async () => {
  const h = startSession({ url: `${server.url}/echo`, reconnect: { enabled: false } });
  await h.closed();
  expect(server.requests).toHaveLength(1);
  const { method, headers } = server.requests[0]!;
  expect(method).toBe('GET');
  expect(headers.accept).toBe('text/event-stream');
  expect(headers['cache-control']).toBe('no-cache');
  expect(headers).not.toHaveProperty('last-event-id');
});

test('POST with a JSON body and a bearer token streams like an LLM endpoint', async () => {
  server.route('/v1/chat', (req, res, body) => {
    if (req.headers.authorization !== 'Bearer sk-test') {
      res.writeHead(401).end();
      return;
    }
    const { messages } = JSON.parse(body) as { messages: { content: string }[] };
    startSse(res);
    for (const word of messages[0]!.content.split(' ')) res.write(`data: ${JSON.stringify({ delta: word })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  const body = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hello there world' }] });
  const h = startSession({
    url: `${server.url}/v1/chat`,
    method: 'POST',
    headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
    body,
    reconnect: { enabled: false },
  });
  await h.closed();

  expect(h.events().map((e) => e.data)).toEqual(['{"delta":"hello"}', '{"delta":"there"}', '{"delta":"world"}', '[DONE]']);
  const request = server.requests[0]!;
  expect(request.method).toBe('POST');
  expect(request.body).toBe(body);
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers.accept).toBe('text/event-stream');
});

test('any method is sent as given, upper-cased', async () => {
  const h = startSession({ url: `${server.url}/echo`, method: 'report', body: '<q/>', reconnect: { enabled: false } });
  await h.closed();
  expect(server.requests[0]!.method).toBe('REPORT');
  expect(JSON.parse(h.events()[0]!.data)).toMatchObject({ method: 'REPORT', body: '<q/>' });
});

test('extra headers arrive, and override the defaults by name whatever their case', async () => {
  const h = startSession({
    url: `${server.url}/echo`,
    headers: { 'X-Trace-Id': 'abc', ACCEPT: 'text/event-stream, */*;q=0.1' },
    reconnect: { enabled: false },
  });
  await h.closed();
  const { headers } = server.requests[0]!;
  expect(headers['x-trace-id']).toBe('abc');
  expect(headers.accept).toBe('text/event-stream, */*;q=0.1');
});

test('an initial Last-Event-ID is sent on the first request and the stream resumes after it', async () => {
  const h = startSession({ url: `${server.url}/counter?count=2`, lastEventId: '41', reconnect: { enabled: false } });
  await h.closed();
  expect(server.requests[0]!.headers['last-event-id']).toBe('41');
  expect(h.events().map((e) => e.id)).toEqual(['42', '43']);
});

test('the body and headers are sent again on every reconnect, with the Last-Event-ID reached so far', async () => {
  const body = JSON.stringify({ subscribe: ['prices'] });
  const h = startSession({
    url: `${server.url}/counter?count=1`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body,
    reconnect: { initialDelayMs: 10 },
  });
  await waitFor(() => server.requests.length >= 3, 'three requests');
  h.session.close();

  const [first, second, third] = server.requests;
  for (const request of [first!, second!, third!]) {
    expect(request.method).toBe('POST');
    expect(request.body).toBe(body);
    expect(request.headers.authorization).toBe('Bearer t');
    expect(request.headers['content-type']).toBe('application/json');
  }
  expect([first, second, third].map((r) => r!.headers['last-event-id'])).toEqual([undefined, '1', '2']);
});

test('seqStart continues an earlier timeline: the first record follows it', async () => {
  const h = startSession({ url: `${server.url}/counter?count=2`, reconnect: { enabled: false }, seqStart: 41 });
  const records = await h.closed();
  expect(records.map((r) => r.seq)).toEqual([42, 43, 44, 45]);
});
