// Section: events/s over HTTP from the local server, all measured in the same run and
// interleaved: the fetch ceiling, the engine, the `eventsource` package, the CLI to a file.
// Targets (issue): engine >= 0.5x the ceiling and faster than `eventsource`; CLI >= 0.5x engine.
// The CLI runs in a new process each time, so its time holds Node's start-up and a cold JIT that
// the in-process cases (warmed up first) do not pay: it is reported from spawn to exit, as a user
// sees it, and again with the start-up measured beside each run subtracted.

import type { BenchSection, Target } from './bench-types.ts';
import { cliCase } from './cli-bench.ts';
import { engineCase } from './engine-bench.ts';
import { engineProcessCase } from './engine-process-bench.ts';
import { EVENT_BYTES } from './event-payload.ts';
import { eventsourceCase } from './eventsource-bench.ts';
import { fetchCeiling } from './fetch-ceiling.ts';
import { throughputTable } from './throughput-table.ts';
import { medianRate, runInterleaved, type CaseOutcome } from './timing.ts';
import { median } from './measure.ts';

export const httpSection: BenchSection = {
  title: 'Throughput over HTTP (127.0.0.1, server in its own process)',
  async run(ctx) {
    await ctx.server.prepare(ctx.events);
    const measured = await runInterleaved([fetchCeiling, engineCase, eventsourceCase, cliCase, engineProcessCase], ctx);
    const cliOutcome = measured.find((o) => o.id === cliCase.id)!;
    const outcomes = [...measured, withoutStartup(cliOutcome)];
    const rate = (id: string) => medianRate(outcomes.find((o) => o.id === id) as CaseOutcome);
    const ceiling = rate(fetchCeiling.id);
    const engine = rate('engine');
    const eventsource = rate('eventsource');
    const cli = rate('cli');
    const targets: Target[] = [
      atLeast('engine >= 0.5x ceiling', engine, ceiling, 0.5),
      atLeast('engine faster than eventsource', engine, eventsource, 1, true),
      atLeast('CLI >= 0.5x engine (spawn to exit)', cli, engine, 0.5),
      atLeast('CLI >= 0.5x engine (start-up subtracted)', rate(CLI_WITHOUT_STARTUP), engine, 0.5),
    ];
    const notes = [
      `${ctx.events.toLocaleString('en')} events of ${EVENT_BYTES} bytes per run; every case uses the same undici fetch.`,
      'Times run from the request (or the CLI spawn) to the end of the stream (or the CLI exit).',
    ];
    const engineProcess = rate(engineProcessCase.id);
    if (cli !== null && engineProcess !== null) {
      notes.push(
        `Like for like (both spawned, spawn to exit): CLI / engine in a fresh process = ${(cli / engineProcess).toFixed(2)}x. ` +
          'The targets above compare with the warm in-process engine, as the issue states them.',
      );
    }
    const startups = cliOutcome.runs.map((r) => r.startupMs ?? 0);
    if (startups.length > 0) {
      notes.push(
        `CLI start-up (node dist/cli.js --version, timed before each CLI run): median ${median(startups).toFixed(0)} ms ` +
          `(${startups.map((ms) => ms.toFixed(0)).join(', ')}); the CLI still runs with a cold JIT.`,
      );
    }
    return {
      title: this.title,
      ...throughputTable(outcomes, [
        { id: fetchCeiling.id, label: 'ceiling' },
        { id: 'engine', label: 'engine', skip: [fetchCeiling.id] },
      ]),
      targets,
      notes,
      failed: outcomes.some((o) => o.error !== null),
    };
  },
};

const CLI_WITHOUT_STARTUP = 'cli-without-startup';

/** The CLI's runs with the start-up measured beside each one taken off its time. */
function withoutStartup(cli: CaseOutcome): CaseOutcome {
  return {
    ...cli,
    id: CLI_WITHOUT_STARTUP,
    name: 'CLI, start-up subtracted',
    runs: cli.runs.map((run) => ({ ...run, ms: run.ms - (run.startupMs ?? 0) })),
  };
}

function atLeast(label: string, value: number | null, base: number | null, factor: number, strict = false): Target {
  if (value === null || base === null) return { label, met: null, detail: 'not measured' };
  const r = value / base;
  return { label, met: strict ? r > factor : r >= factor, detail: `${r.toFixed(2)}x` };
}
