// Section: the record store. Ingest of N records (default 1,000,000) into a RecordStore that
// writes its capture file (records/s, the NDJSON serialization and the file write included; and
// the memory the store adds beyond the records themselves), then searches over those N records in
// memory: substring, regex, a type: filter and JSON field filters. Each figure is the median of
// several runs. The records are shaped like an LLM token stream (OpenAI chunks), with pings and
// keep-alive comments mixed in.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SseRecord } from '../../main/common/records.ts';
import { CaptureWriter } from '../../main/core/store/capture-writer.ts';
import { RecordStore } from '../../main/core/store/record-store.ts';
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { flat, heapAfterGc, median } from './measure.ts';

export interface StoreBenchRow {
  name: string;
  value: number;
  unit: string;
  /** The goal, in words (">= 500000"). */
  target?: string;
  pass?: boolean;
}

export interface StoreBenchOptions {
  records?: number;
  runs?: number;
}

/** Records per append call: about what one 64 KB network chunk of these records yields. */
const BATCH = 400;
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'hello', 'world', 'token', 'stream', 'Lorem', 'ipsum', 'dolor'];

const SEARCHES: Array<{ name: string; query: string; targetMs?: number }> = [
  { name: 'search substring', query: 'hello42', targetMs: 100 },
  { name: 'search type: filter', query: 'type:ping', targetMs: 100 },
  { name: 'search regex', query: '/hel+o4\\d\\b/', targetMs: 300 },
  { name: 'search JSON field (text in the raw data)', query: 'data.choices.0.delta.content~hello42' },
  { name: 'search JSON field (every record parsed)', query: 'data.choices.0.index=1', targetMs: 300 },
];

export async function runStoreBench(options: StoreBenchOptions = {}): Promise<StoreBenchRow[]> {
  const count = options.records ?? 1_000_000;
  const runs = options.runs ?? 5;
  const gc = (globalThis as { gc?: () => void }).gc;
  const folder = await mkdtemp(join(tmpdir(), 'sse-scope-store-bench-'));
  const rows: StoreBenchRow[] = [];
  try {
    const records = makeRecords(count);

    // Ingest: fresh store and file each run; the time ends when everything is on disk.
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      gc?.();
      const path = join(folder, `ingest-${run}.ndjson`);
      const started = performance.now();
      const store = new RecordStore({ windowSize: count, capture: await CaptureWriter.create(path) });
      await appendAll(store, records);
      await store.close();
      rates.push(count / ((performance.now() - started) / 1000));
      if (store.durableSeq !== count) throw new Error(`ingest wrote ${store.durableSeq} of ${count} records`);
      await rm(path);
    }
    const rate = median(rates);
    rows.push({
      name: `ingest ${count.toLocaleString('en')} records (window and capture file)`,
      value: Math.round(rate),
      unit: 'records/s',
      target: '>= 500000',
      pass: rate >= 500_000,
    });

    // Memory: what the store holds beyond the records it was given (they are kept alive here).
    const before = gc ? heapAfterGc(gc) : 0;
    const store = new RecordStore({ windowSize: count, capture: await CaptureWriter.create(join(folder, 'search.ndjson')) });
    await appendAll(store, records);
    await store.flush();
    if (gc) {
      const overhead = (heapAfterGc(gc) - before) / count;
      rows.push({
        name: 'store memory per record beyond the record',
        value: round1(overhead),
        unit: 'B/record',
        target: '< 150',
        pass: overhead < 150,
      });
    }

    for (const search of SEARCHES) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        const outcome = await store.search(search.query);
        times.push(performance.now() - started);
        if (outcome.status !== 'done') throw new Error(`search ${search.query} ended ${outcome.status}`);
        total = outcome.result.total;
      }
      if (total === 0) throw new Error(`search ${search.query} found nothing`);
      // JSON-field searches remember each record's value (json-field-index.ts): the first run
      // pays the parse, later ones (the median) look values up. Both are shown.
      const first = search.query.startsWith('data.') ? ` first run ${Math.round(times[0]!)} ms,` : '';
      const ms = median(times);
      rows.push({
        name: `${search.name} ${search.query} (${total.toLocaleString('en')} hits,${first} median of ${runs})`,
        value: round1(ms),
        unit: 'ms',
        ...(search.targetMs !== undefined ? { target: `< ${search.targetMs}`, pass: ms < search.targetMs } : {}),
      });
    }
    await store.close();
    records.length = 0;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

/** The same figures as a section of `npm run bench`. */
export const storeSection: BenchSection = {
  title: 'Record store: ingest and search',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['measure', 'value'], rows: [], targets: [], notes: [], failed: false };
    if (!selected(ctx.only, 'store')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    const rows = await runStoreBench({ records: ctx.events, runs: ctx.runs });
    for (const row of rows) {
      report.rows.push([row.name, `${row.value.toLocaleString('en')} ${row.unit}`]);
      if (row.target !== undefined)
        report.targets.push({
          label: row.name,
          met: row.pass ?? null,
          detail: `${row.value.toLocaleString('en')} ${row.unit} (target ${row.target})`,
        });
    }
    report.notes.push('Ingest time runs from the first append to the capture file closed; memory is heap + external after a full GC.');
    return report;
  },
};

/**
 * Appends in batches with a turn of the event loop between them, as a Session delivers records:
 * one batch per network read, each read an await. The capture writes proceed in those turns.
 */
async function appendAll(store: RecordStore, records: SseRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    store.append(records.slice(i, i + BATCH));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** LLM-stream-shaped records: chunks with a word each, a ping every 100, a comment every 100. */
function makeRecords(count: number): SseRecord[] {
  const records: SseRecord[] = [];
  const time = 1_700_000_000_000;
  for (let seq = 1; seq <= count; seq++) {
    if (seq % 100 === 50) {
      records.push({ seq, time: time + seq, kind: 'comment', text: 'keep-alive', size: 13 });
    } else if (seq % 100 === 0) {
      records.push({
        seq,
        time: time + seq,
        kind: 'event',
        type: 'ping',
        data: flat(`{"t":${seq}}`),
        lastEventId: flat(String(seq)),
        id: flat(String(seq)),
        size: 40,
      });
    } else {
      const word = WORDS[seq % WORDS.length]! + (seq % 1000);
      const data = `{"id":"chatcmpl-${seq >> 10}","object":"chat.completion.chunk","created":${1_700_000_000 + (seq >> 8)},"choices":[{"index":${seq % 3},"delta":{"content":" ${word}"},"finish_reason":null}]}`;
      records.push({
        seq,
        time: time + seq,
        kind: 'event',
        type: 'message',
        data: flat(data),
        lastEventId: flat(String(seq)),
        id: flat(String(seq)),
        size: data.length + 20,
      });
    }
  }
  return records;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
