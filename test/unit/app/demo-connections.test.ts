// Which saved connections are the demo's: tagged 'demo' and on one of the feed's loopback paths.
// Only those are re-pointed at each launch's feed; the user's own connections never are.

import { expect, it } from 'vitest';
import { isDemoConnection } from '../../../main/core/app/demo-connections.ts';
import { demoConnections } from '../../../main/core/demo/demo-connections.ts';

it('recognises the connections demoConnections() makes', async () => {
  const made = demoConnections({ url: 'http://127.0.0.1:4321/demo/stream', chatUrl: 'http://127.0.0.1:4321/demo/chat' });
  expect(made.map((connection) => isDemoConnection({ url: connection.url, tags: connection.tags ?? [] }))).toEqual([true, true]);
});

it('leaves the user’s connections alone, even ones tagged demo', async () => {
  expect(isDemoConnection({ url: 'http://127.0.0.1:4321/demo/stream', tags: [] })).toBe(false);
  expect(isDemoConnection({ url: 'https://api.example.com/demo/stream', tags: ['demo'] })).toBe(false);
  expect(isDemoConnection({ url: 'http://127.0.0.1:4321/events', tags: ['demo'] })).toBe(false);
  expect(isDemoConnection({ url: '{{host}}/demo/stream', tags: ['demo'] })).toBe(false);
});
