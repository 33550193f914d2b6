import { afterEach, beforeEach, expect, test } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSession } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

test('counter', async () => {
  const h = startSession({ url: `${server.url}/counter?count=3`, reconnect: { enabled: false } });
  const records = await h.closed();
  console.log(records);
  expect(h.events().map((e) => e.data)).toEqual(['1', '2', '3']);
});
