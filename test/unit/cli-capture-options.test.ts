// The checks `capture` makes on its command line before connecting (capture-options.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseHeaders, resolveCaptureSettings, UsageError, type CaptureFlags } from '../../main/cli/capture-options.ts';

const URL = 'http://127.0.0.1:1/events';
const dir = mkdtempSync(join(tmpdir(), 'sse-scope-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settle = (flags: CaptureFlags, url = URL) => resolveCaptureSettings(url, flags);
const usageMessage = (flags: CaptureFlags, url = URL): string => {
  try {
    settle(flags, url);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
};

test('defaults: GET, reconnecting, NDJSON to stdout, verified TLS', () => {
  expect(settle({})).toEqual({
    url: URL,
    method: 'GET',
    headers: {},
    reconnect: true,
    retryHttpErrors: false,
    format: 'ndjson',
    tls: { insecure: false },
  });
});

test('commander flags map onto session settings', () => {
  const settings = settle({
    reconnect: false,
    retryErrors: true,
    maxEvents: '10',
    duration: '1.5',
    lastEventId: '42',
    insecure: true,
    out: 'x.ndjson',
    format: 'sse',
  });
  expect(settings).toMatchObject({
    reconnect: false,
    retryHttpErrors: true,
    maxEvents: 10,
    durationMs: 1500,
    lastEventId: '42',
    outFile: 'x.ndjson',
    format: 'sse',
    tls: { insecure: true },
  });
});

describe('the body and the method', () => {
  test('-d without -X means POST; -X is upper-cased', () => {
    expect(settle({ data: '{}' })).toMatchObject({ method: 'POST', body: '{}' });
    expect(settle({ method: 'put', data: 'x' })).toMatchObject({ method: 'PUT', body: 'x' });
  });

  test('-d @file reads the file as it is', () => {
    const file = join(dir, 'body.json');
    writeFileSync(file, '{\r\n "a": 1\n}\n');
    expect(settle({ data: `@${file}` }).body).toBe('{\r\n "a": 1\n}\n');
  });

  test.each([
    [{ method: 'GET', data: 'x' }, '-d/--data'],
    [{ method: 'bad method' }, '-X/--method'],
    [{ data: '@' }, '-d/--data'],
    [{ data: `@${join(dir, 'missing')}` }, '-d/--data'],
  ] as [CaptureFlags, string][])('%j is refused, naming %s', (flags, option) => {
    expect(usageMessage(flags)).toContain(option);
  });
});

describe('headers', () => {
  test("'Name: value' lines, names lower-cased, repeats joined", () => {
    expect(parseHeaders(['Authorization: Bearer a:b', 'X-Tag: one', 'x-tag:two', 'X-Empty:'])).toEqual({
      authorization: 'Bearer a:b',
      'x-tag': 'one, two',
      'x-empty': '',
    });
  });

  test.each(['no colon', ': no name', 'Bad Name: x', 'X-Ok: line\nbreak'])('%j is refused, naming -H/--header', (line) => {
    expect(usageMessage({ header: [line] })).toContain('--header');
  });

  test('a header line without its colon is refused without showing the value pasted after the name', () => {
    const message = usageMessage({ header: ['Authorization Bearer sk-proj-secret123'] });
    expect(message).toBe("-H/--header must look like 'Name: value' (got 'Authorization…')");
  });
});

describe('numbers', () => {
  test.each([
    [{ maxEvents: '0' }, '--max-events must be a positive integer'],
    [{ maxEvents: '1.5' }, '--max-events must be a positive integer'],
    [{ maxEvents: 'ten' }, '--max-events must be a positive integer'],
    [{ maxEvents: '99999999999999999999' }, '--max-events must be a positive integer'],
    [{ duration: '0' }, '--duration must be a positive number'],
    [{ duration: '-1' }, '--duration must be a positive number'],
    [{ duration: '1e3' }, '--duration must be a positive number'],
    [{ duration: '9999999' }, '--duration must be at most'],
  ] as [CaptureFlags, string][])('%j: %s', (flags, message) => {
    expect(usageMessage(flags)).toContain(message);
  });

  test('fractions of a second are fine for --duration', () => {
    expect(settle({ duration: '.25' }).durationMs).toBe(250);
  });

  test.each([
    ['500', 500],
    ['64k', 64 * 1024],
    ['10M', 10 * 1024 * 1024],
    ['10MB', 10 * 1024 * 1024],
    ['10MiB', 10 * 1024 * 1024],
    ['1.5g', 1.5 * 1024 ** 3],
    [' 2 G ', 2 * 1024 ** 3],
  ])('--max-bytes %j is %d bytes', (text, bytes) => {
    expect(settle({ maxBytes: text }).maxBytes).toBe(bytes);
  });

  test.each(['0', '10x', 'M', '-5', '1e3', '0.5'])('--max-bytes %j is refused', (text) => {
    expect(usageMessage({ maxBytes: text })).toContain('--max-bytes must be a size in bytes, with k, M or G');
  });

  test("--save stops at the app's capture size limit unless --max-bytes says otherwise; without --save there is no limit", () => {
    expect(settle({ save: 'x' }).maxBytes).toBe(1024 * 1024 * 1024);
    expect(settle({ save: 'x', maxBytes: '5M' }).maxBytes).toBe(5 * 1024 * 1024);
    expect(settle({}).maxBytes).toBeUndefined();
  });
});

test.each([
  ['not a url', 'not a valid URL'],
  ['ftp://example.com/', 'http: or https:'],
])('the URL %j is refused: %s', (url, message) => {
  expect(usageMessage({}, url)).toContain(message);
});

test('--last-event-id may not carry a line break into the request', () => {
  expect(usageMessage({ lastEventId: 'a\nb' })).toContain('--last-event-id');
});
