// The export and import figures (export-bench.ts) as a section of `npm run bench`.
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { runExportBench } from './export-bench.ts';

export const exportSection: BenchSection = {
  title: 'Export and import',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['measure', 'value'], rows: [], targets: [], notes: [], failed: false };
    if (!selected(ctx.only, 'export')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    // 300,000 records is about 90 MB of NDJSON: enough for a steady rate, and each format's file
    // fits the disk cache. --events scales it down for quick runs.
    const rows = await runExportBench({ records: Math.min(ctx.events, 300_000), runs: ctx.runs });
    for (const row of rows) {
      const value = `${row.value.toLocaleString('en', { maximumFractionDigits: 1 })} ${row.unit}`;
      report.rows.push([row.name, value]);
      if (row.target !== undefined)
        report.targets.push({ label: row.name, met: row.pass ?? null, detail: `${value} (target ${row.target})` });
    }
    report.notes.push('Exports stream from an async iterable to a temp file that is renamed into place when complete.');
    return report;
  },
};
