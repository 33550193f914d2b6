// Bytes on the wire to records: UTF-8 (valid, invalid, torn across chunks), the BOM, every line
// ending, record sizes in bytes, and a server that drips one byte at a time.

import { afterEach, beforeEach, expect, test } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

/** Serves `bytes` as one response at `path`, or as one write per piece when given an array. */
function serveBytes(path: string, bytes: Buffer | Buffer[]) {
  server.route(path, (_req, res) => {
    startSse(res);
    for (const piece of Array.isArray(bytes) ? bytes : [bytes]) res.write(piece);
    res.end();
  });
}

async function capture(path: string): Promise<SseRecord[]> {
  const h = startSession({ url: `${server.url}${path}`, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  return records;
}

const eventsOf = (records: SseRecord[]) => records.flatMap((r) => (r.kind === 'event' ? [r] : []));

test('invalid UTF-8 becomes U+FFFD and does not swallow the line end or the next event', async () => {
  const blocks = [
    Buffer.concat([Buffer.from('data: a'), Buffer.from([0xff, 0xfe]), Buffer.from('b\n\n')]),
    // A three-byte sequence cut short by the line end.
    Buffer.concat([Buffer.from('data: '), Buffer.from([0xe2, 0x82]), Buffer.from('\n\n')]),
    Buffer.from('data: ok ✓\n\n'),
  ];
  serveBytes('/invalid-utf8', Buffer.concat(blocks));
  const events = eventsOf(await capture('/invalid-utf8'));
  expect(events.map((e) => e.data)).toEqual(['a\uFFFD\uFFFDb', '\uFFFD', 'ok ✓']);
  expect(events.map((e) => e.size)).toEqual(blocks.map((b) => b.length));
});

test('multi-byte characters torn across chunks arrive whole', async () => {
  const text = 'data: Ünïcödé ✓ 🎉\n\n';
  const bytes = Buffer.from(text);
  // Split inside the 4-byte emoji and inside "✓".
  const emoji = bytes.indexOf(Buffer.from('🎉'));
  const check = bytes.indexOf(Buffer.from('✓'));
  serveBytes('/torn', [bytes.subarray(0, check + 1), bytes.subarray(check + 1, emoji + 2), bytes.subarray(emoji + 2)]);
  const [event] = eventsOf(await capture('/torn'));
  expect(event).toMatchObject({ data: 'Ünïcödé ✓ 🎉', size: bytes.length });
});

test('a drip of one byte every few ms gives the same records as one write', async () => {
  const text = ': hi\r\nid: 7\r\nevent: tick\r\ndata: Ünï\r\ndata: 🎉\r\n\r\nretry: 50\rdata: second\r\r';
  const dripped = await capture(`/trickle?every=2&text=${encodeURIComponent(text)}`);
  serveBytes('/whole', Buffer.from(text));
  const whole = await capture('/whole');
  const shape = (records: SseRecord[]) => records.map(({ seq: _seq, time: _time, ...rest }) => (rest.kind === 'open' ? rest.kind : rest));
  expect(shape(dripped)).toEqual(shape(whole));
  expect(eventsOf(dripped)).toMatchObject([
    { type: 'tick', id: '7', lastEventId: '7', data: 'Ünï\n🎉' },
    { type: 'message', lastEventId: '7', data: 'second' },
  ]);
});

test("an event record's size is the bytes of its block on the wire, line ends included", async () => {
  const blocks = ['id: 1\nevent: x\ndata: abc\n\n', 'data: é\n\n', 'data: cr\r\r', 'data\n\n', 'data: crlf\r\n\r\n'];
  serveBytes('/sizes', Buffer.from(blocks.join('')));
  const events = eventsOf(await capture('/sizes'));
  expect(events.map((e) => e.data)).toEqual(['abc', 'é', 'cr', '', 'crlf']);
  // The parser's documented rule: the blank line that dispatches counts its terminator as one
  // byte (so sizes do not depend on chunking), which makes a CRLF block one byte short.
  const crlfShort = (block: string) => (block.endsWith('\r\n\r\n') ? 1 : 0);
  expect(events.map((e) => e.size)).toEqual(blocks.map((b) => Buffer.byteLength(b) - crlfShort(b)));
});

test('one leading byte order mark is stripped, even torn across chunks; a second one is data', async () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  serveBytes('/bom', [bom.subarray(0, 1), bom.subarray(1), Buffer.concat([bom, Buffer.from('data: x\n\n')])]);
  const records = await capture('/bom');
  // After the first BOM, the line starts with U+FEFF: the field name is "\uFEFFdata", ignored.
  expect(eventsOf(records)).toEqual([]);

  serveBytes('/one-bom', [bom.subarray(0, 2), Buffer.concat([bom.subarray(2), Buffer.from('data: x\n\n')])]);
  expect(eventsOf(await capture('/one-bom')).map((e) => e.data)).toEqual(['x']);
});

test("the stream's byte count is every body byte received", async () => {
  const text = 'data: one\n\n: comment\n\ndata: two\n\n';
  const h = startSession({ url: `${server.url}/raw?body=${encodeURIComponent(text)}`, reconnect: { enabled: false } });
  await h.closed();
  expect(h.session.stats).toMatchObject({ attempts: 1, events: 2, bytes: Buffer.byteLength(text) });
});
