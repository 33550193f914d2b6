// Section: the parsers alone (parser-cases.ts), timed in a worker thread (parser-worker.ts).
// Informs the issue's "use eventsource-parser or your own code, whichever is more correct and
// faster: measure both".

import { Worker } from 'node:worker_threads';
import type { BenchSection, RunSettings } from './bench-types.ts';
import { throughputTable } from './throughput-table.ts';
import type { CaseOutcome } from './timing.ts';

export const parserSection: BenchSection = {
  title: 'Parsers alone (in memory, 64 KiB chunks, in a worker thread)',
  async run(ctx) {
    const settings: RunSettings = { events: ctx.events, runs: ctx.runs, only: ctx.only };
    // Bundled next to index.js in dist/bench/.
    const worker = new Worker(new URL('./parser-worker.js', import.meta.url), { workerData: settings });
    const outcomes = await new Promise<CaseOutcome[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`parser worker exited (code ${code}) without a result`)));
    });
    await worker.terminate();
    return {
      title: this.title,
      ...throughputTable(outcomes, [{ id: 'parser-ours', label: 'ours' }]),
      targets: [],
      notes: ['Sinks only count events: this is parsing (and decoding) cost, no record objects.'],
      failed: outcomes.some((o) => o.error !== null),
    };
  },
};
