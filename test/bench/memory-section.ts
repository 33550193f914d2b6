// Section: memory per stored record. A Session captures N events from the bench server and every
// event record it delivers is kept in a pre-sized array, as a store's memory window would keep
// them. Heap after minus heap before (each after a full GC), divided by N, minus the bytes of the
// record's data string (ASCII here, one byte a character): what a record costs beyond its data.

import { selected } from './args.ts';
import type { EventRecord } from '../../main/common/records.ts';
import { Session } from '../../main/core/sse/session.ts';
import type { BenchContext, BenchSection, SectionReport } from './bench-types.ts';
import { EVENT_BYTES } from './event-payload.ts';

export const memorySection: BenchSection = {
  title: 'Memory per stored event record',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['measure', 'value'], rows: [], targets: [], notes: [], failed: false };
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      report.rows.push(['not measured', 'run node with --expose-gc (npm run bench does)']);
      return report;
    }
    if (!selected(ctx.only, 'memory')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    const count = ctx.events;
    await ctx.server.prepare(count);
    fullGc(gc);
    const before = process.memoryUsage().heapUsed;
    const records = await captureRecords(ctx, count);
    fullGc(gc);
    const after = process.memoryUsage().heapUsed;

    let dataBytes = 0;
    for (const record of records) dataBytes += record.data.length;
    const perRecord = (after - before) / count;
    const dataPerRecord = dataBytes / count;
    const overhead = perRecord - dataPerRecord;
    report.rows.push(
      ['records held', count.toLocaleString('en')],
      ['heap per record', `${perRecord.toFixed(1)} B`],
      ['data string per record (ASCII chars)', `${dataPerRecord.toFixed(1)} B`],
      ['overhead per record (beyond its data)', `${overhead.toFixed(1)} B`],
      ['heap for all records', `${((after - before) / 1e6).toFixed(1)} MB (wire: ${((count * EVENT_BYTES) / 1e6).toFixed(1)} MB)`],
    );
    report.notes.push(
      'Overhead includes the record object, its array slot (8 B), the string headers, and the type, id and lastEventId strings.',
    );
    return report;
  },
};

/** Runs a Session to the end of the stream and keeps every event record it delivers. */
function captureRecords(ctx: BenchContext, count: number): Promise<EventRecord[]> {
  return new Promise((resolve, reject) => {
    const records: EventRecord[] = new Array(count);
    let held = 0;
    const session = new Session({
      url: ctx.server.url(count),
      fetch: ctx.fetch,
      reconnect: { enabled: false },
      onRecords: (batch) => {
        for (const record of batch) {
          if (record.kind === 'event') records[held++] = record;
          else if (record.kind === 'closed') {
            if (record.reason === 'ended' && held === count) resolve(records);
            else reject(new Error(`memory: ${held}/${count} events, closed "${record.reason}"`));
          }
        }
      },
    });
    session.start();
  });
}

function fullGc(gc: () => void): void {
  // Twice: the first pass may only free what a finaliser then lets go.
  gc();
  gc();
}
