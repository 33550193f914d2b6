// Section: `sse-scope replay`. Its pace at --speed 0 against the engine reading the bench server
// (same events, both servers in their own process; interleaved runs), and at --speed 1 how far
// each replayed gap is from the recorded one. Target (issue): each gap within 10 % (or 5 ms).

import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { engineCase } from './engine-bench.ts';
import { EVENT_BYTES } from './event-payload.ts';
import { median } from './measure.ts';
import { measureReplayedGaps, replayThroughputCase } from './replay-bench.ts';
import { throughputTable } from './throughput-table.ts';
import { runInterleaved } from './timing.ts';

/** Gaps measured at speed 1 (50 to 150 ms each: about 4 s). */
const GAPS = 40;

export const replaySection: BenchSection = {
  title: 'Replay (sse-scope replay in its own process)',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['case'], rows: [], targets: [], notes: [], failed: false };
    if (!selected(ctx.only, 'replay')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    await ctx.server.prepare(ctx.events);
    const replayCase = replayThroughputCase();
    try {
      const outcomes = await runInterleaved([engineCase, replayCase], { ...ctx, only: null });
      const table = throughputTable(outcomes, [{ id: engineCase.id, label: 'bench server' }]);
      report.columns = table.columns;
      report.rows = table.rows;
      report.failed = outcomes.some((o) => o.error !== null);
    } finally {
      await replayCase.stop();
    }

    const { errors, recorded } = await measureReplayedGaps(ctx, GAPS);
    const within = errors.filter((error, i) => error <= Math.max(recorded[i]! * 0.1, 5)).length;
    const sorted = [...errors].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    report.targets.push({
      label: 'each gap at --speed 1 within 10 % (or 5 ms)',
      met: within === errors.length,
      detail: `${within}/${errors.length} gaps of 50-150 ms; error median ${median(errors).toFixed(1)} ms, p95 ${p95} ms, max ${sorted.at(-1)} ms`,
    });
    report.notes.push(
      `${ctx.events.toLocaleString('en')} events of ${EVENT_BYTES} bytes per run; the replay serves them from a capture file (NDJSON records).`,
      'Gaps are measured as the engine stamps records (receive time, in ms).',
    );
    return report;
  },
};
