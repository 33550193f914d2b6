// The ceiling: the same undici fetch the engine uses, reading the response body and throwing it
// away. Nothing that parses can go faster than this over the same connection.

import type { ThroughputCase } from './bench-types.ts';
import { EVENT_BYTES } from './event-payload.ts';

export const fetchCeiling: ThroughputCase = {
  // Both words in the id, so `--only fetch` and `--only ceiling` select it.
  id: 'fetch-ceiling',
  name: 'fetch, body discarded (ceiling)',
  async run(ctx, count) {
    const started = performance.now();
    const response = await ctx.fetch(ctx.server.url(count), {
      method: 'GET',
      headers: { accept: 'text/event-stream' },
      signal: new AbortController().signal,
      redirect: 'manual',
    });
    if (response.status !== 200 || !response.body) throw new Error(`fetch: HTTP ${response.status}`);
    const reader = response.body.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    const ms = performance.now() - started;
    if (bytes !== count * EVENT_BYTES) throw new Error(`fetch: ${bytes} bytes, expected ${count * EVENT_BYTES}`);
    return { events: count, bytes, ms };
  },
};
