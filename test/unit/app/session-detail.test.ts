// The line that says why a session is in its state, from its lifecycle records.

import { expect, it } from 'vitest';
import { SessionDetail } from '../../../main/core/app/session-detail.ts';

it('says what failed, when it will retry, and why it closed', () => {
  const detail = new SessionDetail();
  expect(detail.update([{ seq: 1, time: 0, kind: 'error', message: 'Connection failed: ECONNREFUSED', retryInMs: 3000 }])).toBe(true);
  expect(detail.text).toBe('Connection failed: ECONNREFUSED');
  detail.update([{ seq: 2, time: 0, kind: 'reconnect', delayMs: 3000, lastEventId: '', reason: 'network-error', attempt: 2 }]);
  expect(detail.text).toBe('Connection failed: ECONNREFUSED; reconnecting in 3.0 s');
  detail.update([{ seq: 3, time: 0, kind: 'open', status: 200, headers: {}, url: 'http://x', ttfbMs: 1, attempt: 2 }]);
  expect(detail.text).toBeNull();
  expect(detail.closedReason).toBeNull();
  detail.update([{ seq: 4, time: 0, kind: 'reconnect', delayMs: 2500, lastEventId: '7', reason: 'stream-ended', attempt: 3 }]);
  expect(detail.text).toBe('The stream ended; reconnecting in 2.5 s');
  detail.update([
    { seq: 5, time: 0, kind: 'error', message: 'HTTP 401 Unauthorized', status: 401 },
    { seq: 6, time: 0, kind: 'closed', reason: 'failed' },
  ]);
  expect(detail.text).toBe('HTTP 401 Unauthorized');
  expect(detail.closedReason).toBe('failed');
  expect(detail.update([{ seq: 7, time: 0, kind: 'event', type: 'message', data: '', lastEventId: '', size: 1 }])).toBe(false);
});

it('keeps why a session closed until it connects again', () => {
  const detail = new SessionDetail();
  expect(detail.update([{ seq: 1, time: 0, kind: 'closed', reason: 'ended' }])).toBe(true);
  expect(detail.closedReason).toBe('ended');
  detail.reset();
  expect(detail.closedReason).toBeNull();
});
