// Section: events/s over HTTP from the local server, all measured in the same run and
// interleaved: the fetch ceiling, the engine, the `eventsource` package, the CLI to a file.
// Targets (issue): engine >= 0.5x the ceiling and faster than `eventsource`; CLI >= 0.5x engine.

import type { BenchSection, Target } from './bench-types.ts';
import { cliCase, cliStartupMs } from './cli-bench.ts';
import { engineCase } from './engine-bench.ts';
import { EVENT_BYTES } from './event-payload.ts';
import { eventsourceCase } from './eventsource-bench.ts';
import { fetchCeiling } from './fetch-ceiling.ts';
import { throughputTable } from './throughput-table.ts';
import { medianRate, runInterleaved, type CaseOutcome } from './timing.ts';

export const httpSection: BenchSection = {
  title: 'Throughput over HTTP (127.0.0.1, server in its own process)',
  async run(ctx) {
    await ctx.server.prepare(ctx.events);
    const outcomes = await runInterleaved([fetchCeiling, engineCase, eventsourceCase, cliCase], ctx);
    const rate = (id: string) => medianRate(outcomes.find((o) => o.id === id) as CaseOutcome);
    const ceiling = rate('fetch');
    const engine = rate('engine');
    const eventsource = rate('eventsource');
    const cli = rate('cli');
    const targets: Target[] = [
      atLeast('engine >= 0.5x ceiling', engine, ceiling, 0.5),
      atLeast('engine faster than eventsource', engine, eventsource, 1, true),
      atLeast('CLI >= 0.5x engine', cli, engine, 0.5),
    ];
    const notes = [
      `${ctx.events.toLocaleString('en')} events of ${EVENT_BYTES} bytes per run; every case uses the same undici fetch.`,
      'Times run from the request (or the CLI spawn) to the end of the stream (or the CLI exit).',
    ];
    if (cli !== null) notes.push(`CLI start-up (node dist/cli.js --version): ${(await cliStartupMs()).toFixed(0)} ms of each CLI run.`);
    return {
      title: this.title,
      ...throughputTable(outcomes, [
        { id: 'fetch', label: 'ceiling' },
        { id: 'engine', label: 'engine', skip: ['fetch'] },
      ]),
      targets,
      notes,
      failed: outcomes.some((o) => o.error !== null),
    };
  },
};

function atLeast(label: string, value: number | null, base: number | null, factor: number, strict = false): Target {
  if (value === null || base === null) return { label, met: null, detail: 'not measured' };
  const r = value / base;
  return { label, met: strict ? r > factor : r >= factor, detail: `${r.toFixed(2)}x` };
}
