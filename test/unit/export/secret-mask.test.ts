// The secret mask: which values it learns from a request, how it masks them in text, URLs, headers
// and each kind of record, and what it leaves alone.

import { expect, test } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { REDACTED } from '../../../main/core/export/redact-secrets.ts';
import { redactText, SecretMask } from '../../../main/core/export/secret-mask.ts';

const mask = SecretMask.of({
  url: 'https://ann:pa55word@api.test/v1/stream?api_key=k3y-value&user=ann&q={{x}}',
  headers: {
    authorization: 'Bearer tok-abcdef',
    cookie: 'sid=cookie-one; theme=dark',
    'x-tenant': 'tenant-7',
    accept: 'text/event-stream',
  },
  values: ['var secret with spaces', 'abc'],
  markedHeaders: ['X-Tenant'],
});

test('learns user info, credential headers and parameters, marked headers and values', () => {
  for (const secret of [
    'dark',
    'pa55word',
    'k3y-value',
    'tok-abcdef',
    'Bearer tok-abcdef',
    'cookie-one',
    'tenant-7',
    'var secret with spaces',
  ]) {
    expect(mask.text(`before ${secret} after`), secret).toBe(`before ${REDACTED} after`);
  }
  // Every cookie of the Cookie header is a credential. What is not secret stays, and values too short to search for are left to the name rules.
  expect(mask.text('ann likes text/event-stream abc')).toBe('ann likes text/event-stream abc');
  expect(mask.headerNames).toEqual(expect.arrayContaining(['authorization', 'cookie', 'x-tenant']));
  expect(mask.headerNames).not.toContain('accept');
});

test('finds a value in the spellings a URL gives it', () => {
  expect(mask.text('https://x.test/?v=var%20secret%20with%20spaces')).toBe(`https://x.test/?v=${REDACTED}`);
  expect(mask.text('https://x.test/?v=var+secret+with+spaces')).toBe(`https://x.test/?v=${REDACTED}`);
});

test('the request URL is shown as its masked form; other URLs by value and by name', () => {
  const shown = SecretMask.of({ url: 'https://api.test/s?pin=123&x=1', shownUrl: `https://api.test/s?pin=${REDACTED}&x=1` });
  expect(shown.url('https://api.test/s?pin=123&x=1')).toBe(`https://api.test/s?pin=${REDACTED}&x=1`);
  expect(mask.url('https://other.test/next?token=never-seen&x=k3y-value')).toBe(`https://other.test/next?token=${REDACTED}&x=${REDACTED}`);
});

test('error messages lose credentials of any URL they quote', () => {
  expect(SecretMask.none().message('Request cannot be constructed from a URL that includes credentials: http://bob:hunter2@h.test/s')).toBe(
    `Request cannot be constructed from a URL that includes credentials: http://${REDACTED}@h.test/s`,
  );
  expect(redactText('see https://h.test/a?access_token=xyz, then retry')).toBe(`see https://h.test/a?access_token=${REDACTED}, then retry`);
});

test('masks every kind of record, and returns the same object when nothing is secret', () => {
  const records: SseRecord[] = [
    {
      seq: 1,
      time: 1,
      kind: 'open',
      status: 200,
      url: 'https://api.test/s?api_key=k3y-value',
      headers: { 'set-cookie': 'sid=server-cookie-9; Path=/', 'x-echo': 'tok-abcdef' },
      ttfbMs: 1,
      attempt: 1,
    },
    {
      seq: 2,
      time: 2,
      kind: 'event',
      type: 'message',
      data: '{"echo":"tok-abcdef","later":"server-cookie-9"}',
      lastEventId: 'k3y-value',
      id: 'k3y-value',
      size: 10,
    },
    { seq: 3, time: 3, kind: 'comment', text: 'key k3y-value', size: 5 },
    { seq: 4, time: 4, kind: 'error', message: 'HTTP 401: bad key k3y-value', status: 401, body: 'bad key k3y-value' },
    { seq: 5, time: 5, kind: 'reconnect', delayMs: 1, lastEventId: 'k3y-value', reason: 'restart', attempt: 2 },
    { seq: 6, time: 6, kind: 'event', type: 'message', data: 'nothing here', lastEventId: '', size: 3 },
  ];
  const out = SecretMask.of({ url: 'https://api.test/s?api_key=k3y-value', headers: { authorization: 'Bearer tok-abcdef' } }).records(
    records,
  );
  expect(out).not.toBe(records);
  expect(out[0]).toMatchObject({ url: `https://api.test/s?api_key=${REDACTED}`, headers: { 'set-cookie': REDACTED, 'x-echo': REDACTED } });
  // The cookie the server set is masked in a later event too.
  expect(out[1]).toMatchObject({ data: `{"echo":"${REDACTED}","later":"${REDACTED}"}`, lastEventId: REDACTED, id: REDACTED });
  expect(out[2]).toMatchObject({ text: `key ${REDACTED}` });
  expect(out[3]).toMatchObject({ message: `HTTP 401: bad key ${REDACTED}`, body: `bad key ${REDACTED}` });
  expect(out[4]).toMatchObject({ lastEventId: REDACTED });
  expect(out[5]).toBe(records[5]);
  expect(JSON.stringify(out)).not.toMatch(/k3y-value|tok-abcdef|server-cookie-9/);

  const plain = [records[5]!];
  expect(SecretMask.none().records(plain)).toBe(plain);
});

test('a message is masked whether it quotes a value whole or the token of a Bearer value', () => {
  const request = SecretMask.of({
    url: 'https://ann:hunter22@api.example.com/v1?key=AIzaSyD-123&model=m',
    headers: { authorization: 'Bearer sk-proj-abcdef', accept: 'text/event-stream' },
  });
  const message = 'HTTP 401: Incorrect API key provided: sk-proj-abcdef (sent "Bearer sk-proj-abcdef", key AIzaSyD-123, hunter22)';
  expect(request.message(message)).toBe(
    `HTTP 401: Incorrect API key provided: ${REDACTED} (sent "${REDACTED}", key ${REDACTED}, ${REDACTED})`,
  );
  expect(request.message('Bearer tokens, text/event-stream and model m stay')).toBe('Bearer tokens, text/event-stream and model m stay');
});
