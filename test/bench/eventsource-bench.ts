// The peer: the `eventsource` package (v4), given the same fetch as the engine, with one counting
// listener for the event type. It reconnects when the stream ends, announcing that with an
// `error` event: that is where a run ends.

import { EventSource, type FetchLike } from 'eventsource';
import type { ThroughputCase } from './bench-types.ts';
import { EVENT_BYTES, EVENT_TYPE } from './event-payload.ts';

export const eventsourceCase: ThroughputCase = {
  id: 'eventsource',
  name: 'eventsource package v4',
  run: (ctx, count) =>
    new Promise((resolve, reject) => {
      let events = 0;
      const started = performance.now();
      const source = new EventSource(ctx.server.url(count), { fetch: ctx.fetch as unknown as FetchLike });
      source.addEventListener(EVENT_TYPE, () => {
        events++;
      });
      source.addEventListener('error', (event) => {
        const ms = performance.now() - started;
        source.close();
        if (events === count) resolve({ events, bytes: count * EVENT_BYTES, ms });
        else reject(new Error(`eventsource: ${events}/${count} events (${event.message ?? 'error'})`));
      });
    }),
};
