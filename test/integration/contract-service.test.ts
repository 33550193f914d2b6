// The SSE contract-test service, driven the way LaunchDarkly's sse-contract-tests harness drives
// it: real HTTP to the service, a real SSE server the test controls, a real callback server.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startContractService, type ContractService } from '../../main/conformance/service-server.ts';
import { startFakeSuite, type FakeSuite } from '../helpers/fake-contract-suite.ts';

let service: ContractService;
let suite: FakeSuite;

beforeEach(async () => {
  service = await startContractService({ port: 0 });
  suite = await startFakeSuite(service.url);
});

afterEach(async () => {
  await service.stop();
  await suite.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('service endpoints', () => {
  test('GET / names the service and advertises the nine capabilities', async () => {
    const response = await fetch(service.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { name: string; capabilities: string[] };
    expect(body.name).toBe('sse-scope');
    expect(body.capabilities).toEqual(
      expect.arrayContaining([
        'bom',
        'comments',
        'headers',
        'last-event-id',
        'post',
        'report',
        'read-timeout',
        'restart',
        'server-directed-shutdown-request',
      ]),
    );
    // We deliver every event type without a "listen" command, so this one must not be claimed.
    expect(body.capabilities).not.toContain('event-type-listeners');
  });

  test('POST / answers 201 with a Location and connects at once with the default headers', async () => {
    const stream = suite.streamEndpoint();
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tag: 'create',
        streamUrl: stream.url,
        callbackUrl: 'http://127.0.0.1:9/cb',
        initialDelayMs: null,
        readTimeoutMs: null,
      }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^\/streams\/\d+$/);
    const connection = await stream.awaitConnection(5000);
    expect(connection.method).toBe('GET');
    expect(connection.headers.accept).toBe('text/event-stream');
    expect(connection.headers['cache-control']).toBe('no-cache');
    expect(connection.headers).not.toHaveProperty('last-event-id');
  });

  test.each([
    ['missing streamUrl', { callbackUrl: 'http://127.0.0.1:1/cb' }, /is required\n.*streamUrl/],
    ['a non-http streamUrl', { streamUrl: 'ftp://example.com/', callbackUrl: 'http://127.0.0.1:1/cb' }, /streamUrl/],
    ['a string delay', { streamUrl: 'http://127.0.0.1:1/', callbackUrl: 'http://127.0.0.1:1/cb', initialDelayMs: '10' }, /initialDelayMs/],
    [
      'a negative read timeout',
      { streamUrl: 'http://127.0.0.1:1/', callbackUrl: 'http://127.0.0.1:1/cb', readTimeoutMs: -1 },
      /readTimeoutMs/,
    ],
    ['a body with GET', { streamUrl: 'http://127.0.0.1:1/', callbackUrl: 'http://127.0.0.1:1/cb', body: 'x' }, /body/],
    [
      'a header value with a line break',
      { streamUrl: 'http://127.0.0.1:1/', callbackUrl: 'http://127.0.0.1:1/cb', headers: { a: 'b\r\nc: d' } },
      /headers/,
    ],
  ])('POST / with %s answers 400 with a readable message', async (_name, params, mentions) => {
    const response = await fetch(service.url, { method: 'POST', body: JSON.stringify(params) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(mentions);
  });

  test('POST / with a body that is not JSON answers 400', async () => {
    const response = await fetch(service.url, { method: 'POST', body: '{"streamUrl":' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/not valid JSON/);
  });

  test('commands: restart is 2xx, an unknown command 400, an unknown stream 404', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0 });
    await stream.awaitConnection();
    expect((await client.command({ command: 'listen', listen: { type: 'x' } })).status).toBe(400);
    expect((await client.command({ command: 'restart' })).status).toBe(204);
    const unknown = await fetch(`${service.url}/streams/999`, { method: 'POST', body: '{"command":"restart"}' });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${service.url}/streams/999`, { method: 'DELETE' })).status).toBe(404);
  });

  test('DELETE of a stream drops its connection, stops its callbacks and forgets it', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0 });
    const connection = await stream.awaitConnection();
    connection.send('data: one\n\n');
    await client.require('event');

    expect((await client.close()).status).toBe(204);
    await connection.closed;
    expect((await client.command({ command: 'restart' })).status).toBe(404);
    expect((await client.close()).status).toBe(404);
    expect(client.numbers).toEqual([1]);
  });
});

describe('events and comments', () => {
  test('events carry type, data and the last event ID, which carries over and can be reset', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url });
    const connection = await stream.awaitConnection();
    connection.send('event: greeting\nid: abc\ndata: Hello\ndata: World\n\n');
    connection.send('data: second\n\n');
    connection.send('id: a\0bc\ndata: null id ignored\n\n');
    connection.send('id: \ndata: reset\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'greeting', data: 'Hello\nWorld', id: 'abc' } });
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'second', id: 'abc' } });
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'null id ignored', id: 'abc' } });
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'reset', id: '' } });
  });

  test('comments are reported as soon as their line is read, without the colon', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url });
    const connection = await stream.awaitConnection();
    connection.send(':Hello\n');
    // No blank line follows yet: the comment must not wait for an event to end.
    expect(await client.next()).toEqual({ kind: 'comment', comment: 'Hello' });
    connection.send('data: after\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'after', id: '' } });
  });

  test('a byte order mark torn across chunks is stripped before a comment and an event', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url });
    const connection = await stream.awaitConnection();
    connection.send(Buffer.from([0xef, 0xbb]));
    await sleep(20); // two chunks, not one
    connection.send(Buffer.concat([Buffer.from([0xbf]), Buffer.from(':comment\ndata: Hello\n\n')]));
    expect(await client.next()).toEqual({ kind: 'comment', comment: 'comment' });
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'Hello', id: '' } });
  });

  test('callbacks are numbered 1..n without gaps when many events arrive at once', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url });
    const connection = await stream.awaitConnection();
    const count = 300;
    let burst = '';
    for (let i = 0; i < count; i++) burst += `data: message ${i}\n\n`;
    connection.send(burst);
    const data: string[] = [];
    for (let i = 0; i < count; i++) data.push((await client.require('event')).event!.data);
    expect(data).toEqual(Array.from({ length: count }, (_, i) => `message ${i}`));
    expect([...client.numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });
});

describe('HTTP behaviour', () => {
  test('a given lastEventId is sent as Last-Event-ID on the first request and held as the last ID', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, lastEventId: 'given' });
    const connection = await stream.awaitConnection();
    expect(connection.headers['last-event-id']).toBe('given');
    connection.send('data: x\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'x', id: 'given' } });
  });

  test('extra headers are sent as given', async () => {
    const stream = suite.streamEndpoint();
    await suite.createClient({ streamUrl: stream.url, headers: { 'header-name-1': 'value-1', authorization: 'Bearer t' } });
    const connection = await stream.awaitConnection();
    expect(connection.headers['header-name-1']).toBe('value-1');
    expect(connection.headers.authorization).toBe('Bearer t');
    expect(connection.headers.accept).toBe('text/event-stream');
  });

  test.each(['POST', 'REPORT'])('%s with a body sends the body again on every reconnect', async (method) => {
    const stream = suite.streamEndpoint();
    const json = '{"hello": "world"}';
    await suite.createClient({
      streamUrl: stream.url,
      method,
      body: json,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      initialDelayMs: 0,
    });
    const first = await stream.awaitConnection();
    first.break();
    const second = await stream.awaitConnection();
    for (const connection of [first, second]) {
      expect(connection.method).toBe(method);
      expect(connection.body).toBe(json);
      expect(connection.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });

  test.each([301, 307])('a %i redirect is followed', async (status) => {
    const stream = suite.streamEndpoint();
    const redirect = `${suite.fixture.url}/redirect?status=${status}&location=${encodeURIComponent(stream.url)}`;
    const client = await suite.createClient({ streamUrl: redirect });
    const connection = await stream.awaitConnection();
    connection.send('data: hello\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'hello', id: '' } });
  });

  test.each([
    [301, 'empty', ''],
    [307, 'empty', ''],
    [301, 'missing', 'none'],
    [307, 'missing', 'none'],
  ])('a %i redirect with an %s Location is an error, not a loop', async (status, _kind, location) => {
    const client = await suite.createClient({ streamUrl: `${suite.fixture.url}/redirect?status=${status}&location=${location}` });
    const message = await client.require('error');
    expect(message.error).toMatch(/Location/);
    expect(suite.fixture.requests.filter((r) => r.path === '/redirect')).toHaveLength(1);
  });

  test('HTTP 204 stops the client for good: exactly one request, no callbacks', async () => {
    const client = await suite.createClient({ streamUrl: `${suite.fixture.url}/204`, initialDelayMs: 0 });
    // With no reconnection delay a wrong reconnect would come at once; give it a moment to show.
    await sleep(200);
    expect(suite.fixture.requests.filter((r) => r.path === '/204')).toHaveLength(1);
    expect(client.numbers).toEqual([]);
  });
});

describe('reconnection', () => {
  test('after the stream ends it reconnects with Last-Event-ID, and reports no error for the end', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0 });
    const first = await stream.awaitConnection();
    expect(first.headers).not.toHaveProperty('last-event-id');
    first.send('id: abc\ndata: Hello\n\n');
    await client.require('event');
    first.break();
    const second = await stream.awaitConnection();
    expect(second.headers['last-event-id']).toBe('abc');
    second.send('id: def\ndata: World\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'World', id: 'def' } });
  });

  test('once the last ID was reset to empty, the reconnect sends no Last-Event-ID at all', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0 });
    const first = await stream.awaitConnection();
    first.send('id: abc\ndata: Hello\n\nid: \ndata: World\n\n');
    expect((await client.require('event')).event!.id).toBe('abc');
    expect((await client.require('event')).event!.id).toBe('');
    first.break();
    const second = await stream.awaitConnection();
    expect(second.headers).not.toHaveProperty('last-event-id');
  });

  test('a partial event cut off by the disconnect is discarded', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0 });
    const first = await stream.awaitConnection();
    first.send('id: abc\ndata: Hello\n\nid: def\ndata: Goodbye');
    expect((await client.require('event')).event).toEqual({ type: 'message', data: 'Hello', id: 'abc' });
    first.break();
    const second = await stream.awaitConnection();
    expect(second.headers['last-event-id']).toBe('abc');
    second.send('data: We meet again\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'We meet again', id: 'abc' } });
  });

  test('a read timeout reports an error, then reconnects', async () => {
    const stream = suite.streamEndpoint();
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 0, readTimeoutMs: 100 });
    const first = await stream.awaitConnection();
    first.send('data: Hello\n\n');
    expect((await client.require('event')).event!.data).toBe('Hello');
    expect((await client.require('error')).error).toMatch(/No data received for 100 ms/);
    await stream.awaitConnection();
    await first.closed;
  });

  test('the restart command drops the connection and reconnects at once, with no error message', async () => {
    const stream = suite.streamEndpoint();
    // A long reconnection time: the restart must not wait for it.
    const client = await suite.createClient({ streamUrl: stream.url, initialDelayMs: 60_000 });
    const first = await stream.awaitConnection();
    first.send('data: Hello\n\n');
    await client.require('event');
    expect((await client.command({ command: 'restart' })).status).toBe(204);
    await first.closed;
    const second = await stream.awaitConnection();
    second.send('data: Thanks\n\n');
    expect(await client.next()).toEqual({ kind: 'event', event: { type: 'message', data: 'Thanks', id: '' } });
  });
});
