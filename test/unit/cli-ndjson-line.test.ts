// ndjson-line.ts must write exactly what JSON.stringify writes, for the records a real Session
// emits (so a field added to event records shows up here as a failure, not as a missing field).

import { afterEach, beforeEach, expect, test } from 'vitest';
import { NdjsonLines } from '../../main/cli/ndjson-line.ts';
import type { SseRecord } from '../../main/core/sse/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

const STREAM =
  'retry: 100\n: a comment\nid: 1\nevent: add\ndata: plain\n\ndata: "quotes" \\ backslash \t tab\n\n' +
  'id: two\ndata: ünïcode ✓ 🎉 \u0001\n\nid\ndata: id cleared\n\nevent: \u2028sep\ndata: line\ndata: line\n\n' +
  'id: 9\n\ndata: id-only block before\n\n';

test('every record of a real session serializes exactly as JSON.stringify does', async () => {
  server.route('/all', (_req, res) => {
    startSse(res);
    res.end(STREAM);
  });
  const h = startSession({ url: `${server.url}/all`, reconnect: { enabled: false } });
  const records: SseRecord[] = await h.closed();
  expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['open', 'retry', 'comment', 'event', 'closed']));
  expect(h.events()).toHaveLength(6);

  const lines = new NdjsonLines();
  for (const record of records) expect(lines.line(record)).toBe(JSON.stringify(record) + '\n');
});

test('records that share a receive time, and then a new one', () => {
  const lines = new NdjsonLines();
  const event = (seq: number, time: number) =>
    ({ seq, time, kind: 'event', type: 'message', data: 'x', lastEventId: '', size: 8 }) as const;
  for (const record of [event(1, 1_795_240_000_000), event(2, 1_795_240_000_000), event(3, 1_795_240_000_001)]) {
    expect(lines.line(record)).toBe(JSON.stringify(record) + '\n');
  }
});
