// HAR 1.2 files as Chrome DevTools ("Export HAR") and a proxy (mitmproxy, body in base64) write
// them: the API requests become connections, and a recorded event-stream response becomes a
// capture whose events are what the engine's parser reads from those bytes.

import { describe, expect, test } from 'vitest';
import { previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { fixtureFiles } from './import-fixtures.ts';

describe('a DevTools HAR of a page', () => {
  test('its API calls become connections; page resources, preflights and repeats are left out and counted', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('har/demo.example.com.har') });
    expect(preview.sources).toEqual([{ name: 'demo.example.com.har', format: 'har' }]);
    expect(preview.connections.map((c) => [c.folder, c.name, c.url])).toEqual([
      ['demo.example.com/api.demo.example.com', 'POST /v1/chat', 'https://api.demo.example.com/v1/chat'],
      ['demo.example.com/api.demo.example.com', 'GET /v1/me', 'https://api.demo.example.com/v1/me'],
      ['demo.example.com/api.demo.example.com', 'GET /v1/prices/stream', 'https://api.demo.example.com/v1/prices/stream?symbols=BTC'],
    ]);
    // HTTP/2 pseudo-headers and Content-Length are the client's business; credentials are secrets.
    expect(preview.connections[0]).toMatchObject({
      method: 'POST',
      headers: [
        { name: 'accept', value: 'text/event-stream', enabled: true },
        { name: 'authorization', value: { secret: true, value: 'Bearer sk-live-4f9a' }, enabled: true },
        { name: 'content-type', value: 'application/json', enabled: true },
        { name: 'cookie', value: { secret: true, value: 'session=s%3Aabc123' }, enabled: true },
        { name: 'origin', value: 'https://demo.example.com', enabled: true },
        { name: 'user-agent', value: expect.stringContaining('Chrome/124'), enabled: true },
      ],
      body: '{"model":"demo-1","stream":true,"messages":[{"role":"user","content":"Hi"}]}',
    });
    expect(preview.warnings).toEqual([
      "The HAR file holds no body for these event streams, so no capture was made: 'GET /v1/prices/stream'",
      "WebSocket connections are not brought over: 'wss://api.demo.example.com/v1/ws'",
      '3 requests for pages, scripts, styles, images and fonts were left out.',
      '1 CORS preflight request (OPTIONS) was left out.',
      '1 repeated request (same method, URL and body) was imported once.',
    ]);
  });

  test('the recorded event stream becomes a capture: the response opening, then its events', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('har/demo.example.com.har') });
    expect(preview.captures).toHaveLength(1);
    const [capture] = preview.captures;
    const started = Date.parse('2024-05-03T10:21:45.000Z');
    const ended = Math.round(started + 1504.6); // startedDateTime + time: the latest the events can have come
    expect(capture).toEqual({
      name: 'POST /v1/chat · 2024-05-03T10:21:45.000Z',
      url: 'https://api.demo.example.com/v1/chat',
      records: [
        {
          seq: 1,
          time: started + 100, // blocked 1.5 + send 0.5 + wait 98
          kind: 'open',
          status: 200,
          headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': 'req_77' },
          url: 'https://api.demo.example.com/v1/chat',
          ttfbMs: 99,
          attempt: 1,
        },
        {
          seq: 2,
          time: ended,
          kind: 'event',
          type: 'message',
          data: '{"choices":[{"delta":{"content":"Hel"}}]}',
          lastEventId: '',
          size: 49,
        },
        {
          seq: 3,
          time: ended,
          kind: 'event',
          type: 'message',
          data: '{"choices":[{"delta":{"content":"lo"}}]}',
          lastEventId: '',
          size: 48,
        },
        { seq: 4, time: ended, kind: 'comment', text: 'keep-alive', size: 13 },
        { seq: 5, time: ended, kind: 'event', type: 'done', data: '[DONE]', lastEventId: '', size: 26 },
      ],
      notices: [],
    });
  });
});

test("a proxy's HAR: a base64 body with a BOM, CRLF lines, ids, retry, a multi-line event and a cut-off end", async () => {
  const preview = await previewImport({ kind: 'files', files: fixtureFiles('har/proxy-capture.har') });
  expect(preview.connections.map((c) => c.name)).toEqual(['GET /events', 'GET /health']);
  expect(preview.connections[0]!.headers).toEqual([
    { name: 'Accept', value: 'text/event-stream', enabled: true },
    { name: 'X-Api-Key', value: { secret: true, value: 'local-key-1' }, enabled: true },
  ]);
  expect(preview.warnings).toEqual(['1 request for pages, scripts, styles, images and fonts was left out.']);

  const [capture] = preview.captures;
  const rows = capture!.records.map(({ time: _time, ...record }) => record);
  expect(rows).toEqual([
    expect.objectContaining({ seq: 1, kind: 'open', status: 200, ttfbMs: 5 }),
    { seq: 2, kind: 'comment', text: 'connected', size: 12 },
    { seq: 3, kind: 'retry', ms: 3000 },
    { seq: 4, kind: 'event', type: 'price', data: '{"symbol":"BTC","price":64000.5}', lastEventId: '1', id: '1', size: 62 },
    { seq: 5, kind: 'event', type: 'price', data: '{"symbol":"ETH",\n"price":3100}', lastEventId: '2', id: '2', size: 67 },
    { seq: 6, kind: 'event', type: 'message', data: 'café 😀', lastEventId: '2', size: 19 },
  ]);
  expect(capture!.notices).toEqual([
    'The file ends in the middle of a line; that incomplete last part was discarded, as an EventSource would',
  ]);
});
