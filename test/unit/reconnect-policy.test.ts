// The reconnect delays, with an injected random source: the spec's reconnection time first, then
// exponential backoff with jitter up to a cap, reset by a healthy connection.

import { expect, test } from 'vitest';
import { DEFAULT_RECONNECT, MIN_BACKOFF_STEP_MS, ReconnectPolicy, type ReconnectSettings } from '../../main/common/reconnect-policy.ts';

const policy = (settings: Partial<ReconnectSettings> = {}, random = () => 0.5) =>
  new ReconnectPolicy({ ...DEFAULT_RECONNECT, ...settings }, random);

/** The delays of `n` consecutive failed attempts (never open). */
const failures = (p: ReconnectPolicy, n: number) => Array.from({ length: n }, () => p.nextDelay(0));

test('the first reconnect waits exactly the reconnection time: 3 s by default', () => {
  expect(policy().nextDelay(0)).toBe(3000);
  expect(policy({ initialDelayMs: 250 }).nextDelay(0)).toBe(250);
});

test("the server's retry replaces the reconnection time", () => {
  const p = policy();
  p.setReconnectionTime(1200);
  expect(p.reconnectionTimeMs).toBe(1200);
  expect(p.nextDelay(0)).toBe(1200);
});

test('consecutive failures back off exponentially, within the jitter band, up to the cap', () => {
  // random 0.5: three quarters of each ceiling (1 s, 2 s, 4 s, ... capped at 10 s).
  expect(failures(policy({ initialDelayMs: 1000, maxDelayMs: 10_000 }), 7)).toEqual([1000, 1500, 3000, 6000, 7500, 7500, 7500]);
});

test('jitter spreads a delay between half its ceiling and the ceiling, never below the reconnection time', () => {
  const low = failures(
    policy({ initialDelayMs: 1000, maxDelayMs: 10_000 }, () => 0),
    5,
  );
  const high = failures(
    policy({ initialDelayMs: 1000, maxDelayMs: 10_000 }, () => 0.999_999),
    5,
  );
  expect(low).toEqual([1000, 1000, 2000, 4000, 5000]);
  expect(high).toEqual([1000, 2000, 4000, 8000, 10_000]);
});

test('with any random value, each delay is at least the one before', () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const delays = failures(policy({ initialDelayMs: 100, maxDelayMs: 60_000 }, random), 12);
  for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
  expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
});

test('a connection that stayed open for the healthy period resets the backoff', () => {
  const p = policy({ initialDelayMs: 1000, resetAfterMs: 60_000 });
  failures(p, 4);
  expect(p.nextDelay(59_999)).toBeGreaterThan(1000); // not healthy long enough: still backing off
  expect(p.nextDelay(60_000)).toBe(1000);
  expect(p.nextDelay(0)).toBe(1500);
});

test('an attempt that delivered events was healthy: a stream that ends after events is not backed off', () => {
  const p = policy({ initialDelayMs: 1000 });
  failures(p, 3); // a run of empty attempts builds up the backoff
  expect(p.nextDelay(50, 12)).toBe(1000); // a short stream that delivered 12 events resets it
  expect(p.nextDelay(50, 3)).toBe(1000); // and so does the next productive one
  expect(p.nextDelay(0, 0)).toBe(1500); // an empty attempt starts backing off again
});

test('a server retry longer than the cap is still honoured', () => {
  const p = policy({ maxDelayMs: 5000 });
  p.setReconnectionTime(20_000);
  expect(failures(p, 3)).toEqual([20_000, 20_000, 20_000]);
});

test('retry: 0 reconnects at once the first time, then backs off instead of spinning', () => {
  const p = policy({ maxDelayMs: 10_000 }, () => 0);
  p.setReconnectionTime(0);
  const delays = failures(p, 4);
  expect(delays[0]).toBe(0);
  expect(delays.slice(1)).toEqual([MIN_BACKOFF_STEP_MS, 2 * MIN_BACKOFF_STEP_MS, 4 * MIN_BACKOFF_STEP_MS]);
});

test('a retry too large for a timer is clamped, and endless failures stay finite', () => {
  const p = policy();
  p.setReconnectionTime(10 ** 12);
  expect(p.nextDelay(0)).toBe(2 ** 31 - 1);
  const q = policy({ maxDelayMs: 30_000 });
  const last = failures(q, 2000).at(-1)!;
  expect(Number.isFinite(last)).toBe(true);
  expect(last).toBeLessThanOrEqual(30_000);
});
