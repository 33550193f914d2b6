// Only a feed is monitored: a feed marked "monitor" reconnects after HTTP errors and is started
// again after it closes by itself; a request marked so (a POST to a model endpoint) is still sent
// once, never again by itself.

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SavedConnectionSchema, type ConnectionKind } from '../../../main/common/config-schema.ts';
import type { SseRecord } from '../../../main/common/records.ts';
import { FeedRestart, reconnectFor } from '../../../main/core/app/monitored-feed.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

const monitored = (kind: ConnectionKind) =>
  SavedConnectionSchema.parse({ id: randomUUID(), kind, name: 'Watched', url: 'https://x.test/stream', monitor: true });

const closedByServer: SseRecord[] = [{ kind: 'closed', reason: 'no-content', seq: 1, time: 0 }];
const OFF = { enabled: false, retryHttpErrors: false, initialDelayMs: 1_000, maxDelayMs: 2_000, resetAfterMs: 60_000 };

it('a monitored feed reconnects after HTTP errors and is started again after the server closed it', () => {
  const feed = monitored('feed');
  expect(reconnectFor(feed, OFF)).toMatchObject({ enabled: true, retryHttpErrors: true });
  let restarts = 0;
  const restart = new FeedRestart(() => restarts++);
  restart.check(closedByServer, feed);
  expect(restart.pending).toBe(true);
  vi.runAllTimers();
  expect(restarts).toBe(1);
});

it('a request marked monitor keeps its settings and is never started again by itself', () => {
  const request = monitored('request');
  expect(reconnectFor(request, OFF)).toEqual(OFF);
  let restarts = 0;
  const restart = new FeedRestart(() => restarts++);
  restart.check(closedByServer, request);
  expect(restart.pending).toBe(false);
  vi.runAllTimers();
  expect(restarts).toBe(0);
});
