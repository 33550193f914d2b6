// record-json.ts, the one serializer of records (capture files, the CLI's output, NDJSON and JSON
// exports), must write exactly the UTF-8 of JSON.stringify(record) (+ "\n" for a line) for every
// record: for the records a real Session emits (whose keys must stay those its fast path spells
// out), for events shaped otherwise, for every character a string can hold, for numbers past the
// digit-by-digit path, and across the block boundaries of its output buffers (chunk-buffer.ts).

import { afterEach, beforeEach, expect, test } from 'vitest';
import type { EventRecord, SseRecord } from '../../../main/common/records.ts';
import { ChunkBuffer } from '../../../main/core/export/chunk-buffer.ts';
import { RecordJson } from '../../../main/core/export/record-json.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../../helpers/fixture-server.ts';
import { startSession } from '../../helpers/session-harness.ts';
import { makeRecords } from '../store/make-records.ts';

/** NDJSON lines as the CLI writes them: each batch becomes one chunk of one ChunkBuffer. */
class NdjsonEncoder {
  readonly #json = new RecordJson();
  readonly #out = new ChunkBuffer();

  encode(records: readonly SseRecord[], end = records.length): Buffer {
    for (let i = 0; i < end; i++) this.#json.writeLine(this.#out, records[i]!);
    return this.#out.take();
  }
}

/** `records` as a JSON array's items, each written without a line end, joined by commas. */
function encodeJson(records: readonly SseRecord[]): Buffer {
  const json = new RecordJson();
  const out = new ChunkBuffer();
  records.forEach((record, i) => {
    if (i > 0) out.write(',');
    json.write(out, record);
  });
  return out.take();
}

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

/** What the encoder must produce: JSON.stringify's lines, as UTF-8. */
const expected = (records: readonly SseRecord[]) => Buffer.from(records.map((r) => JSON.stringify(r) + '\n').join(''));

/** The bytes are the expected ones (compared as text first, for a readable difference). */
function expectSameBytes(actual: Buffer, wanted: Buffer): void {
  expect(actual.toString()).toBe(wanted.toString());
  expect(actual.equals(wanted)).toBe(true);
}

/** An event record with its keys in the order the Session builds them (id before size). */
function event(fields: Partial<EventRecord> = {}): EventRecord {
  const { seq = 1, time = 1_795_240_000_000, type = 'message', data = 'x', lastEventId = '', id, size = 8 } = fields;
  return { seq, time, kind: 'event', type, data, lastEventId, ...(id === undefined ? {} : { id }), size };
}

const STREAM =
  'retry: 100\n: a comment\nid: 1\nevent: add\ndata: plain\n\ndata: "quotes" \\ backslash \t tab\n\n' +
  'id: two\ndata: ünïcode ✓ 🎉 \u0001\n\nid\ndata: id cleared\n\nevent: \u2028sep\ndata: line\ndata: line\n\n' +
  'id: 9\n\ndata: id-only block before\n\n';

test('every record of a real session encodes exactly as JSON.stringify does, one by one and as a batch', async () => {
  server.route('/all', (_req, res) => {
    startSse(res);
    res.end(STREAM);
  });
  const h = startSession({ url: `${server.url}/all`, reconnect: { enabled: false } });
  const records: SseRecord[] = await h.closed();
  expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['open', 'retry', 'comment', 'event', 'closed']));
  expect(h.events()).toHaveLength(6);

  // The keys and order the encoder's hand-written path expects: a field added to event records
  // fails here, instead of quietly sending every event down the slower JSON.stringify path.
  for (const e of h.events()) {
    const keys = ['seq', 'time', 'kind', 'type', 'data', 'lastEventId', ...(e.id === undefined ? [] : ['id']), 'size'];
    expect(Object.keys(e)).toEqual(keys);
  }

  const oneByOne = new NdjsonEncoder();
  for (const record of records) expect(oneByOne.encode([record]).toString()).toBe(JSON.stringify(record) + '\n');
  expectSameBytes(new NdjsonEncoder().encode(records), expected(records));
  expectSameBytes(encodeJson(records), Buffer.from(records.map((r) => JSON.stringify(r)).join(',')));
});

test('records of every kind, and record boundaries spelled inside strings, as lines and as JSON', () => {
  const records: SseRecord[] = [
    ...makeRecords(60),
    { seq: 61, time: 1, kind: 'retry', ms: 3000 },
    {
      seq: 62,
      time: 2,
      kind: 'open',
      status: 200,
      headers: { 'content-type': 'text/event-stream', seq: '},{"seq":1' },
      url: 'http://x/',
      ttfbMs: 4,
      attempt: 1,
    },
    { seq: 63, time: 3, kind: 'reconnect', delayMs: 10, lastEventId: '', reason: 'stream-ended', attempt: 2 },
    { seq: 64, time: 4, kind: 'closed', reason: 'closed' },
    { seq: 65, time: 5, kind: 'event', type: 'message', data: '},{"seq":2,"x":1}\n{"seq":', lastEventId: '', size: 1 },
    { seq: 66, time: 6, kind: 'comment', text: '"},{"seq":3', size: 1 },
  ];
  expectSameBytes(new NdjsonEncoder().encode(records), expected(records));
  expectSameBytes(encodeJson(records), Buffer.from(records.map((r) => JSON.stringify(r)).join(',')));
});

test('only records[0..end) are encoded', () => {
  const records = [event({ seq: 1 }), event({ seq: 2 }), event({ seq: 3 })];
  expectSameBytes(new NdjsonEncoder().encode(records, 2), expected(records.slice(0, 2)));
  expect(new NdjsonEncoder().encode(records, 0)).toHaveLength(0);
});

test('records that share a receive time and type, then a new time, then a new type', () => {
  const records = [
    event({ seq: 1 }),
    event({ seq: 2 }),
    event({ seq: 3, time: 1_795_240_000_001 }),
    event({ seq: 4, time: 1_795_240_000_001, type: 'tick' }),
    event({ seq: 5, time: 1_795_240_000_001.5, type: 'message' }),
  ];
  const encoder = new NdjsonEncoder();
  for (const record of records) expectSameBytes(encoder.encode([record]), expected([record]));
});

test('every ASCII character, lone and paired surrogates and other non-ASCII text, in every string field', () => {
  const everyAscii = String.fromCharCode(...Array.from({ length: 0x80 }, (_, c) => c));
  const texts = [
    '',
    everyAscii,
    '"quoted" and \\ back\\slashed',
    'café, \u007f del, \u0080 and \u00ff: one byte each in a JS string, two in UTF-8',
    '\u2028 \u2029 line separators',
    'ünïcode ✓ 🎉 mixed with "quotes" and \n',
    'lone high \ud800 here',
    'lone low \udc00 here',
    'reversed pair \udc00\ud800',
    'ends with a lone high \ud83d',
    '\u0000\u0001\u001f',
  ];
  const records: EventRecord[] = [];
  let seq = 0;
  for (const text of texts) {
    records.push(event({ seq: ++seq, data: text }));
    records.push(event({ seq: ++seq, type: text }));
    records.push(event({ seq: ++seq, lastEventId: text }));
    records.push(event({ seq: ++seq, lastEventId: text, id: text }));
    records.push(event({ seq: ++seq, lastEventId: 'other', id: text }));
  }
  const encoder = new NdjsonEncoder();
  for (const record of records) expectSameBytes(encoder.encode([record]), expected([record]));
});

test('an id equal to lastEventId but a different string object', () => {
  const record = event({ lastEventId: 'abc', id: ['a', 'b', 'c'].join('') });
  expectSameBytes(new NdjsonEncoder().encode([record]), expected([record]));
});

test('events shaped otherwise than the Session builds them are written as JSON.stringify writes them', () => {
  const base = event({ lastEventId: '7', id: '7' });
  const { id: _id, ...withoutId } = base;
  const records = [
    { ...base, extra: 'a field an import kept' },
    { ...withoutId, later: 1 },
    { time: base.time, seq: base.seq, kind: 'event', type: 'm', data: 'keys in another order', lastEventId: '', size: 1 },
    { ...withoutId, size: undefined },
    { ...base, id: undefined },
    { ...base, id: 5 },
    { ...base, data: 42 },
    { ...base, type: null },
    { ...base, seq: '1' },
    { seq: 1, time: 2, kind: 'event' },
  ] as unknown as SseRecord[];
  const encoder = new NdjsonEncoder();
  for (const record of records) expectSameBytes(encoder.encode([record]), expected([record]));
});

test('numbers past the digit-by-digit path are written as JSON.stringify writes them', () => {
  const numbers = [
    0,
    -0,
    9,
    10,
    2 ** 31 - 1,
    2 ** 31,
    99_999_999,
    100_000_000,
    3_000_000_007,
    1_795_240_000_000,
    1_795_240_000_001.5,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    2 ** 64,
    1e21,
    0.5,
    -1,
    -(2 ** 40),
    1e-7,
  ];
  const records = numbers.flatMap((n) => [event({ seq: n }), event({ size: n }), event({ time: n })]);
  const encoder = new NdjsonEncoder();
  for (const record of records) expectSameBytes(encoder.encode([record]), expected([record]));
});

test('events around the length past which JSON.stringify writes them, in ASCII and not', () => {
  const records = [65_535, 65_536, 65_537, 200_000].flatMap((length, i) => [
    event({ seq: 2 * i + 1, data: '"\\\n'.repeat(length).slice(0, length) }),
    event({ seq: 2 * i + 2, data: 'é🎉'.repeat(length).slice(0, length) }),
  ]);
  const encoder = new NdjsonEncoder();
  for (const record of records) expectSameBytes(encoder.encode([record]), expected([record]));
});

test('batches past the end of an output block, and an event larger than a block, keep earlier output intact', () => {
  const encoder = new NdjsonEncoder();
  const batches: EventRecord[][] = [];
  let seq = 0;
  // About 3 MB of lines in batches of 50, then one 2.5 MB event that must escape as it goes.
  for (let b = 0; b < 300; b++) {
    batches.push(Array.from({ length: 50 }, () => event({ seq: ++seq, data: `{"n":${seq},"pad":"${'x'.repeat(150)}"}` })));
  }
  batches.push([event({ seq: ++seq, data: '"\n'.repeat(1_250_000) }), event({ seq: ++seq, data: 'after the large one' })]);
  const outputs = batches.map((batch) => encoder.encode(batch));
  // Compared after every batch was encoded: no later batch wrote over an earlier one's bytes.
  outputs.forEach((output, i) => expect(output.equals(expected(batches[i]!))).toBe(true));
});
