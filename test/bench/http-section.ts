// Section: events/s over HTTP from the local server, all measured in the same run and
// interleaved: the fetch ceiling, the engine, the `eventsource` package, the CLI to a file and its
// peer (a CLI on the `eventsource` package writing the same NDJSON). Targets (issues): engine >=
// 0.5x the ceiling and faster than `eventsource`; CLI >= 0.5x engine, >= 3x its peer, >= 1M ev/s.
// The CLI runs in a new process each time, so its time holds Node's start-up and a cold JIT that
// the in-process cases (warmed up first) do not pay: it is reported from spawn to exit, as a user
// sees it, and again with the start-up measured beside each run subtracted. The CPU time of each
// run is printed beside the CLI target: on a machine with few cores it bounds what any split of
// the CLI's work between threads could reach.

import { availableParallelism } from 'node:os';
import type { BenchSection, Target } from './bench-types.ts';
import { cliCase } from './cli-bench.ts';
import { engineCase } from './engine-bench.ts';
import { engineProcessCase } from './engine-process-bench.ts';
import { EVENT_BYTES } from './event-payload.ts';
import { eventsourceCase } from './eventsource-bench.ts';
import { eventsourceCliCase } from './eventsource-cli-bench.ts';
import { fetchCeiling } from './fetch-ceiling.ts';
import { throughputTable } from './throughput-table.ts';
import { medianRate, runInterleaved, type CaseOutcome } from './timing.ts';
import { median } from './measure.ts';

export const httpSection: BenchSection = {
  title: 'Throughput over HTTP (127.0.0.1, server in its own process)',
  async run(ctx) {
    await ctx.server.prepare(ctx.events);
    const measured = await runInterleaved([fetchCeiling, engineCase, eventsourceCase, cliCase, eventsourceCliCase, engineProcessCase], ctx);
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
      atLeast('CLI >= 3x the eventsource-based CLI (both spawn to exit)', cli, rate(eventsourceCliCase.id), 3),
      {
        label: 'CLI >= 1 M events/s (spawn to exit)',
        met: cli === null ? null : cli >= 1_000_000,
        detail: cli === null ? 'not measured' : `${Math.round(cli).toLocaleString('en')} events/s`,
      },
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
    const cpuNote = cpuBudgetNote(outcomes, engine, ctx.events);
    if (cpuNote) notes.push(cpuNote);
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

/**
 * CPU time per run next to the CLI target: a process cannot finish sooner than its CPU time spread
 * over every core of the machine, however its work is split between threads. When that floor is
 * above the time the target allows, the target is out of reach on this machine at that CPU cost.
 */
function cpuBudgetNote(outcomes: CaseOutcome[], engineRate: number | null, events: number): string | null {
  const cpu = (id: string) => {
    const times = outcomes.find((o) => o.id === id)?.runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs])) ?? [];
    return times.length > 0 ? median(times) : null;
  };
  const cliCpu = cpu(cliCase.id);
  if (cliCpu === null || engineRate === null) return null;
  const cores = availableParallelism();
  // 0.5x the engine's events/s is twice its time for the same events.
  const allowedMs = (2 * 1000 * events) / engineRate;
  const ms = (value: number | null) => (value === null ? 'not measured' : `${value.toFixed(0)} ms`);
  return (
    `CPU time per run (user + system, every thread; median): CLI ${ms(cliCpu)}, engine in a fresh process ` +
    `${ms(cpu(engineProcessCase.id))}, warm engine ${ms(cpu(engineCase.id))}, eventsource-based CLI ` +
    `${ms(cpu(eventsourceCliCase.id))}. Spread over ${cores} cores the CLI ` +
    `needs at least ${(cliCpu / cores).toFixed(0)} ms a run; 0.5x the warm engine allows ${allowedMs.toFixed(0)} ms.`
  );
}

function atLeast(label: string, value: number | null, base: number | null, factor: number, strict = false): Target {
  if (value === null || base === null) return { label, met: null, detail: 'not measured' };
  const r = value / base;
  return { label, met: strict ? r > factor : r >= factor, detail: `${r.toFixed(2)}x` };
}
