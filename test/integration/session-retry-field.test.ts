// A `retry:` value too long for a safe integer must still produce an exact integer record (not
// 1e+23, not null in JSON), and must not make the reconnect wait overflow the timer.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { RetryRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

test('an absurdly long retry value is clamped to the largest safe integer', async () => {
  server.route('/huge-retry', (_req, res) => {
    startSse(res);
    res.end(`retry: ${'9'.repeat(400)}\ndata: after\n\n`);
  });
  const h = startSession({ url: `${server.url}/huge-retry` });
  const records = await h.until((all) => all.some((r) => r.kind === 'reconnect'));
  const retry = records.find((r): r is RetryRecord => r.kind === 'retry')!;
  expect(retry.ms).toBe(Number.MAX_SAFE_INTEGER);
  expect(JSON.parse(JSON.stringify(retry)).ms).toBe(Number.MAX_SAFE_INTEGER);
  const reconnect = records.find((r) => r.kind === 'reconnect')!;
  expect(reconnect).toMatchObject({ delayMs: 2 ** 31 - 1 });
});
