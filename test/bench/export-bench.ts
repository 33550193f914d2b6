// Section: export and import. Exports N records (default 300,000, about 90 MB of NDJSON) to a
// temporary folder in each format, streaming, from an async iterable as the store provides it,
// with the file flushed and renamed into place; then imports the NDJSON and text/event-stream
// files back. Peers, measured in the same run: writing the same NDJSON bytes already encoded (the
// disk's ceiling here), and JSON.stringify alone (the encoding's floor). Figures are medians of
// rounds (formats in rotated order) after one warm-up round.

import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportRecords } from '../../main/core/export/export-records.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../main/core/export/export-formats.ts';
import { importCapture } from '../../main/core/export/import-capture.ts';
import { commitTempFile, tempPathFor } from '../../main/core/export/temp-file.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { flat, heapAfterGc, median } from './measure.ts';

export interface ExportBenchRow {
  name: string;
  value: number;
  unit: string;
  /** The goal, in words (">= 100"). */
  target?: string;
  pass?: boolean;
}

export interface ExportBenchOptions {
  records?: number;
  runs?: number;
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'hello', 'world', 'token', 'stream', 'Lorem', 'ipsum', 'dolor'];

export async function runExportBench(options: ExportBenchOptions = {}): Promise<ExportBenchRow[]> {
  const count = options.records ?? 300_000;
  const runs = options.runs ?? 3;
  const gc = (globalThis as { gc?: () => void }).gc;
  const folder = await mkdtemp(join(tmpdir(), 'sse-scope-export-bench-'));
  const rows: ExportBenchRow[] = [];
  try {
    const records = makeRecords(count);
    const label = `${count.toLocaleString('en')} records`;

    // One warm-up round, then `runs` rounds with the order rotated, so no format always runs
    // first (cold) or last.
    const rates = new Map<ExportFormat, number[]>(EXPORT_FORMATS.map((f) => [f, []]));
    const sizes = new Map<ExportFormat, number>();
    const pathOf = (format: ExportFormat) => join(folder, `export.${format}`);
    for (let round = -1; round < runs; round++) {
      const order = EXPORT_FORMATS.map((_, i) => EXPORT_FORMATS[(i + Math.max(round, 0)) % EXPORT_FORMATS.length]!);
      for (const format of order) {
        gc?.();
        const started = performance.now();
        const result = await exportRecords({ source: fromArray(records), format, path: pathOf(format), total: count });
        const mbps = result.bytes / 1e6 / ((performance.now() - started) / 1000);
        if (result.records !== count) throw new Error(`${format} export wrote ${result.records} of ${count} records`);
        if (round >= 0) rates.get(format)!.push(mbps);
        sizes.set(format, result.bytes);
      }
    }
    const exported = new Map(EXPORT_FORMATS.map((f) => [f, { mbps: median(rates.get(f)!), bytes: sizes.get(f)!, path: pathOf(f) }]));

    // The peer: the NDJSON bytes, encoded before the clock starts, through the same kind of
    // stream into a temporary file, flushed and renamed. The rest of the export's time is encoding.
    const ndjson = exported.get('ndjson')!;
    const encoded = await encodedChunks(ndjson.bytes, records);
    const rawRates: number[] = [];
    for (let run = 0; run < runs; run++) {
      gc?.();
      const path = join(folder, `raw-${run}.ndjson`);
      const temp = tempPathFor(path);
      const started = performance.now();
      await pipeline(Readable.from(encoded, { highWaterMark: 1 }), createWriteStream(temp));
      await commitTempFile(temp, path);
      rawRates.push(ndjson.bytes / 1e6 / ((performance.now() - started) / 1000));
      await rm(path);
    }
    const raw = median(rawRates);

    // The other peer: JSON.stringify of every record, nothing written (the encoding's floor).
    const stringifyRates: number[] = [];
    for (let run = 0; run < runs; run++) {
      gc?.();
      const started = performance.now();
      let chars = 0;
      for (const record of records) chars += JSON.stringify(record).length;
      stringifyRates.push(chars / 1e6 / ((performance.now() - started) / 1000));
    }

    rows.push({
      name: `export NDJSON, ${label} (${mb(ndjson.bytes)} MB)`,
      value: round1(ndjson.mbps),
      unit: 'MB/s',
      target: '>= 100',
      pass: ndjson.mbps >= 100,
    });
    for (const format of ['json', 'csv', 'sse'] as const) {
      const e = exported.get(format)!;
      const goal = format === 'csv' ? { target: '>= 100', pass: e.mbps >= 100 } : {};
      rows.push({ name: `export ${format.toUpperCase()}, ${label} (${mb(e.bytes)} MB)`, value: round1(e.mbps), unit: 'MB/s', ...goal });
    }
    // On a shared machine the absolute rates move with the load; the ratio to NDJSON, measured in
    // the same rounds, does not.
    rows.push({ name: 'CSV export speed / NDJSON export speed', value: round2(exported.get('csv')!.mbps / ndjson.mbps), unit: 'x' });
    rows.push({ name: 'peer: write the same NDJSON bytes pre-encoded', value: round1(raw), unit: 'MB/s' });
    rows.push({ name: 'peer: JSON.stringify of the same records, no file', value: round1(median(stringifyRates)), unit: 'MB/s' });
    rows.push({ name: 'NDJSON export speed / pre-encoded write speed', value: round2(ndjson.mbps / raw), unit: 'x' });

    // Memory: what an NDJSON export of N records adds at its peak (the records are held here).
    if (gc) {
      const before = heapAfterGc(gc);
      let peak = before;
      const sample = () => {
        const usage = process.memoryUsage();
        peak = Math.max(peak, usage.heapUsed + usage.external);
      };
      await exportRecords({ source: fromArray(records), format: 'ndjson', path: join(folder, 'memory.ndjson'), onProgress: sample });
      rows.push({ name: 'peak memory added by an NDJSON export (heap + buffers)', value: round1((peak - before) / 1e6), unit: 'MB' });
    }

    const importRates = new Map<ExportFormat, number>();
    for (const format of ['ndjson', 'sse'] as const) {
      const file = exported.get(format)!;
      const rates: number[] = [];
      for (let run = 0; run < runs; run++) {
        gc?.();
        const started = performance.now();
        const capture = await importCapture(file.path);
        let n = 0;
        for await (const _record of capture.records) n++;
        rates.push(n / ((performance.now() - started) / 1000));
        const expected = format === 'ndjson' ? count : records.filter((r) => r.kind !== 'open').length;
        if (n !== expected || capture.notices.length > 0) throw new Error(`${format} import read ${n} of ${expected} records`);
      }
      const rate = median(rates);
      importRates.set(format, rate);
      rows.push({
        name: `import ${format === 'ndjson' ? 'NDJSON' : 'text/event-stream'} (${mb(file.bytes)} MB)`,
        value: Math.round(rate),
        unit: 'records/s',
        ...(format === 'ndjson' ? { target: '>= 500,000', pass: rate >= 500_000 } : {}),
      });
    }
    rows.push({
      name: 'NDJSON import speed / text/event-stream import speed',
      value: round2(importRates.get('ndjson')! / importRates.get('sse')!),
      unit: 'x',
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

/** An LLM token stream (OpenAI chunks) with pings, keep-alive comments and one open record. */
function makeRecords(count: number): SseRecord[] {
  const time = 1_700_000_000_000;
  const records: SseRecord[] = [
    {
      seq: 1,
      time,
      kind: 'open',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      url: 'http://127.0.0.1:8080/v1/chat',
      ttfbMs: 30,
      attempt: 1,
    },
  ];
  for (let seq = 2; seq <= count; seq++) {
    if (seq % 100 === 50) {
      records.push({ seq, time: time + seq, kind: 'comment', text: 'keep-alive', size: 13 });
    } else if (seq % 100 === 0) {
      const id = flat(String(seq));
      records.push({ seq, time: time + seq, kind: 'event', type: 'ping', data: flat(`{"t":${seq}}`), lastEventId: id, id, size: 40 });
    } else {
      const word = WORDS[seq % WORDS.length]! + (seq % 1000);
      const created = 1_700_000_000 + (seq >> 8);
      const data =
        `{"id":"chatcmpl-${seq >> 10}","object":"chat.completion.chunk","created":${created},` +
        `"choices":[{"index":${seq % 3},"delta":{"content":" ${word}"},"finish_reason":null}]}`;
      const id = flat(String(seq));
      records.push({
        seq,
        time: time + seq,
        kind: 'event',
        type: 'message',
        data: flat(data),
        lastEventId: id,
        id,
        size: data.length + 20,
      });
    }
  }
  return records;
}

/** The source as the store gives it: an async iterable, one record at a time. */
async function* fromArray(records: SseRecord[]): AsyncGenerator<SseRecord> {
  for (const record of records) yield record;
}

async function encodedChunks(expectedBytes: number, records: SseRecord[]): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = Buffer.from(
      records
        .slice(i, i + 1000)
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    bytes += chunk.length;
    chunks.push(chunk);
  }
  if (bytes !== expectedBytes) throw new Error(`pre-encoded NDJSON is ${bytes} bytes, the export ${expectedBytes}`);
  return chunks;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
