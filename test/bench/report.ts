// Prints the benchmark: a header about the machine, then each section as an aligned table with
// its notes and its targets marked PASS or MISS (informational: the bench never fails on them).

import type { SectionReport } from './bench-types.ts';

export function printHeader(lines: string[], settings: string): void {
  console.log('SSE Scope benchmark');
  for (const line of lines) console.log(`  ${line}`);
  console.log(`  run:     ${settings}`);
}

export function printSection(section: SectionReport): void {
  console.log(`\n== ${section.title}`);
  printTable(section.columns, section.rows);
  for (const note of section.notes) console.log(`  note: ${note}`);
  if (section.targets.length > 0) {
    console.log('  targets:');
    for (const t of section.targets) {
      const mark = t.met === null ? '----' : t.met ? 'PASS' : 'MISS';
      console.log(`    [${mark}] ${t.label}: ${t.detail}`);
    }
  }
}

function printTable(columns: string[], rows: string[][]): void {
  // A row with fewer cells (an unavailable case) lets its last cell run on past the columns.
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...rows.filter((r) => r.length === columns.length).map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((cell, i) => {
        if (cells.length < columns.length && i === cells.length - 1) return cell;
        return i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
      })
      .join('  ');
  console.log(line(columns));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
