// The engine: a Session (reconnect off) against the bench server, counting the event records it
// delivers until it closes. This is the path every capture, the CLI and the app take.

import { Session } from '../../main/core/sse/session.ts';
import type { ThroughputCase } from './bench-types.ts';

export const engineCase: ThroughputCase = {
  id: 'engine',
  name: 'engine (Session -> records)',
  run: (ctx, count) =>
    new Promise((resolve, reject) => {
      let events = 0;
      const problems: string[] = [];
      const started = performance.now();
      // The bench process's CPU time over the run: the engine's, with its GC and the fetch's.
      const cpuAtStart = process.cpuUsage();
      const session = new Session({
        url: ctx.server.url(count),
        fetch: ctx.fetch,
        reconnect: { enabled: false },
        onRecords: (batch) => {
          for (const record of batch) {
            if (record.kind === 'event') {
              events++;
            } else if (record.kind === 'error') {
              problems.push(record.message);
            } else if (record.kind === 'closed') {
              const ms = performance.now() - started;
              if (record.reason !== 'ended' || events !== count) {
                reject(new Error(`engine: ${events}/${count} events, closed "${record.reason}" ${problems.join('; ')}`));
              } else {
                const cpu = process.cpuUsage(cpuAtStart);
                resolve({ events, bytes: session.stats.bytes, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
              }
            }
          }
        },
      });
      session.start();
    }),
};
