// Runs throughput cases in interleaved rounds: one untimed warm-up each, then `runs` rounds with
// the order rotated every round, so no case always runs first (cold) or last (after the others
// have warmed the JIT, the sockets and the server). Reports the median and the spread.

import { selected } from './args.ts';
import type { RunResult, RunSettings, ThroughputCase } from './bench-types.ts';
import { median } from './measure.ts';

export interface CaseOutcome {
  id: string;
  name: string;
  runs: RunResult[];
  /** Why the case did not run at all. */
  unavailable: string | null;
  /** The error that stopped it. */
  error: string | null;
}

const WARM_UP_EVENTS = 100_000;

export async function runInterleaved<Context extends RunSettings>(cases: ThroughputCase<Context>[], ctx: Context): Promise<CaseOutcome[]> {
  const outcomes = new Map<string, CaseOutcome>();
  const active: ThroughputCase<Context>[] = [];
  for (const c of cases) {
    const outcome: CaseOutcome = { id: c.id, name: c.name, runs: [], unavailable: null, error: null };
    outcomes.set(c.id, outcome);
    if (!selected(ctx.only, c.id)) {
      outcome.unavailable = `skipped (--only ${ctx.only})`;
      continue;
    }
    outcome.unavailable = (await c.unavailable?.(ctx)) ?? null;
    if (outcome.unavailable) continue;
    try {
      await withTimeout(c, ctx, Math.min(ctx.events, WARM_UP_EVENTS));
      active.push(c);
    } catch (error) {
      outcome.error = errorText(error);
    }
  }

  for (let round = 0; round < ctx.runs; round++) {
    const order = active.map((_, i) => active[(i + round) % active.length]!);
    for (const c of order) {
      const outcome = outcomes.get(c.id)!;
      if (outcome.error) continue;
      collectGarbage();
      try {
        outcome.runs.push(await withTimeout(c, ctx, ctx.events));
      } catch (error) {
        outcome.error = errorText(error);
      }
    }
  }
  return cases.map((c) => outcomes.get(c.id)!);
}

/** A run slower than 5,000 events/s (and a minute) is stuck: fail it rather than hang the bench. */
function withTimeout<Context extends RunSettings>(c: ThroughputCase<Context>, ctx: Context, count: number): Promise<RunResult> {
  const limitMs = Math.max(60_000, count / 5);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${limitMs / 1000} s`)), limitMs);
  });
  return Promise.race([c.run(ctx, count), timeout]).finally(() => clearTimeout(timer));
}

/** Events per second of the median run (by rate), or null with no runs. */
export function medianRate(outcome: CaseOutcome): number | null {
  return outcome.runs.length === 0 ? null : median(outcome.runs.map(rate));
}

/** Megabytes (10^6 bytes) per second of the median run. */
export function medianMegabytesPerSecond(outcome: CaseOutcome): number | null {
  return outcome.runs.length === 0 ? null : median(outcome.runs.map((r) => r.bytes / 1e6 / (r.ms / 1000)));
}

/** Half the range of the rates, relative to the median: "±4%". */
export function spreadPercent(outcome: CaseOutcome): number | null {
  const median = medianRate(outcome);
  if (median === null) return null;
  const rates = outcome.runs.map(rate);
  return ((Math.max(...rates) - Math.min(...rates)) / 2 / median) * 100;
}

function rate(run: RunResult): number {
  return run.events / (run.ms / 1000);
}

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
