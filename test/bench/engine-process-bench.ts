// The engine in a fresh process (engine-process.ts), timed from spawn to exit like the CLI case:
// the like-for-like base for the CLI's ratio. The in-process engine case runs warm; a spawned
// process pays Node's start-up and a cold JIT, which no output code can win back.

import { fileURLToPath } from 'node:url';
import type { ThroughputCase } from './bench-types.ts';
import { firstLine, runProcess } from './cli-bench.ts';
import { EVENT_BYTES } from './event-payload.ts';

// dist/bench/index.js -> dist/bench/engine-process.js
const ENGINE_PROCESS = fileURLToPath(new URL('./engine-process.js', import.meta.url));

export const engineProcessCase: ThroughputCase = {
  id: 'engine-process',
  name: 'engine in a fresh process',
  async run(ctx, count) {
    const started = performance.now();
    const { code, output, cpuMs } = await runProcess([ENGINE_PROCESS, ctx.server.url(count), String(count)], Math.max(60_000, count / 5));
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`engine process exited with ${code}: ${firstLine(output)}`);
    return { events: count, bytes: count * EVENT_BYTES, ms, ...(cpuMs !== null ? { cpuMs } : {}) };
  },
};
