// The SSE routes the end-to-end tests point connections at, added to a fixture server
// (test/helpers/fixture-server.ts): a short feed of typed events that then stays open, and a feed
// that keeps counting until the client goes. Real bytes over real sockets.

import { startSse, type FixtureServer } from '../../helpers/fixture-server.ts';

/** What /feed sends, in order: the e2e tests look for these events. */
export const FEED_EVENTS: Array<{ type: string; id: string; data: string }> = [
  { type: 'price', id: '1', data: '{"symbol": "ACME", "price": 12.5}' },
  { type: 'tick', id: '2', data: '{"n": 1}' },
  { type: 'price', id: '3', data: '{"symbol": "INITECH", "price": 3}' },
  { type: 'tick', id: '4', data: '{"n": 2}' },
  { type: 'order', id: '5', data: '{"order": {"id": "A-17", "items": [{"sku": "x1", "qty": 2}], "paid": true}}' },
  { type: 'message', id: '6', data: 'plain text, not JSON: <b>bold?</b>' },
  { type: 'tick', id: '7', data: '{"n": 3}' },
];

/** The wire form of one event (type "message" is sent without an event: line). */
export function sseBlock(event: { type: string; id?: string; data: string }): string {
  let block = event.type === 'message' ? '' : `event: ${event.type}\n`;
  if (event.id !== undefined) block += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) block += `data: ${line}\n`;
  return block + '\n';
}

/**
 * /feed: a comment, FEED_EVENTS, then silence with the connection held open (until the client
 * disconnects or the fixture server closes).
 */
export function addFeedRoute(server: FixtureServer, path = '/feed'): void {
  server.route(path, (_req, res) => {
    startSse(res);
    res.write(': hello from the e2e feed\n\n');
    for (const event of FEED_EVENTS) res.write(sseBlock(event));
  });
}

/** How far a counting route got: the id of the last event it wrote. */
export interface CountingStats {
  lastId: number;
}

/**
 * A route that counts: `count` events of `type` with ids from 1, one every `everyMs`, then held
 * open. Returns the id it has written up to, for tests that wait on the server, not on time.
 */
export function addCountingRoute(
  server: FixtureServer,
  path: string,
  options: { count: number; everyMs: number; type?: string },
): CountingStats {
  const stats: CountingStats = { lastId: 0 };
  server.route(path, async (_req, res) => {
    startSse(res);
    for (let i = 1; i <= options.count && !res.destroyed; i++) {
      res.write(sseBlock({ type: options.type ?? 'n', id: String(i), data: `{"i": ${i}}` }));
      stats.lastId = i;
      await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    }
  });
  return stats;
}

/** Resolves once `check()` holds, looking every few milliseconds (server-side state). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
