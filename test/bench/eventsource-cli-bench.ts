// The peer of the CLI case: eventsource-cli.ts (a CLI on the `eventsource` package writing the
// same NDJSON) spawned and timed like `sse-scope capture`, spawn to exit, its file checked for
// one event line per event. The HTTP section prints the CLI's ratio to it in every run.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThroughputCase } from './bench-types.ts';
import { countEventLines, firstLine, runProcess } from './cli-bench.ts';
import { EVENT_BYTES, EVENT_TYPE } from './event-payload.ts';

// dist/bench/index.js -> dist/bench/eventsource-cli.js
const PEER_CLI = fileURLToPath(new URL('./eventsource-cli.js', import.meta.url));

export const eventsourceCliCase: ThroughputCase = {
  id: 'eventsource-cli',
  name: 'peer: eventsource-based CLI to a file',
  async run(ctx, count) {
    const dir = await mkdtemp(join(tmpdir(), 'sse-scope-bench-peer-'));
    const file = join(dir, 'capture.ndjson');
    try {
      const started = performance.now();
      const { code, output, cpuMs } = await runProcess([PEER_CLI, ctx.server.url(count), file, EVENT_TYPE], Math.max(60_000, count / 5));
      const ms = performance.now() - started;
      if (code !== 0) throw new Error(`eventsource-based CLI exited with ${code}: ${firstLine(output)}`);
      if (!existsSync(file)) throw new Error(`eventsource-based CLI wrote no file (output: ${firstLine(output)})`);
      const events = await countEventLines(file);
      if (events !== count) throw new Error(`eventsource-based CLI's file has ${events} event lines, expected ${count}`);
      return { events, bytes: count * EVENT_BYTES, ms, ...(cpuMs !== null ? { cpuMs } : {}) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
