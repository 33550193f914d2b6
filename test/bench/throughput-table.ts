// Turns timed cases into a table: events/s (median), MB/s, spread, and one ratio column per
// baseline (the ceiling, the engine...), so every figure is read against something measured in
// the same run.

import type { CaseOutcome } from './timing.ts';
import { medianMegabytesPerSecond, medianRate, spreadPercent } from './timing.ts';

export interface Baseline {
  /** The case each row is divided by. */
  id: string;
  /** Column heading after "vs ". */
  label: string;
  /** Rows that get no ratio in this column (besides the baseline itself). */
  skip?: string[];
}

export function throughputTable(outcomes: CaseOutcome[], baselines: Baseline[]): { columns: string[]; rows: string[][] } {
  const columns = ['case', 'events/s', 'MB/s', 'spread', ...baselines.map((b) => `vs ${b.label}`), 'runs'];
  const rateOf = (id: string) => {
    const outcome = outcomes.find((o) => o.id === id);
    return outcome ? medianRate(outcome) : null;
  };
  const rows = outcomes.map((o) => {
    if (o.unavailable) return [o.name, o.unavailable];
    const rate = medianRate(o);
    if (o.error && rate === null) return [o.name, `ERROR: ${o.error}`];
    const mbps = medianMegabytesPerSecond(o);
    const spread = spreadPercent(o);
    return [
      o.error ? `${o.name} (ERROR after ${o.runs.length} runs: ${o.error})` : o.name,
      formatRate(rate),
      mbps === null ? '-' : mbps.toFixed(0),
      spread === null ? '-' : `±${spread.toFixed(1)}%`,
      ...baselines.map((b) => (o.id === b.id || b.skip?.includes(o.id) ? '-' : ratio(rate, rateOf(b.id)))),
      String(o.runs.length),
    ];
  });
  return { columns, rows };
}

/** `a / b` as "0.62x", or "-" when either is missing. */
export function ratio(a: number | null, b: number | null): string {
  if (a === null || b === null || b === 0) return '-';
  return `${(a / b).toFixed(2)}x`;
}

export function formatRate(rate: number | null): string {
  if (rate === null) return '-';
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M`;
  return `${(rate / 1e3).toFixed(0)} k`;
}
