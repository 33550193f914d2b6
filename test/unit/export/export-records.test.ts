// The export writer as a user meets it: progress that only goes forward and ends at the total, a
// cancelled or failed export that leaves nothing behind (and spares the file it would replace),
// bounded memory on a large session, and the metadata sidecar with secrets redacted.

import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { exportRecords } from '../../../main/core/export/export-records.ts';
import { importCapture } from '../../../main/core/export/import-capture.ts';
import type { EventRecord, SseRecord } from '../../../main/common/records.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sse-export-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const PAYLOAD = 'x'.repeat(300);

/** Events made one at a time, as a store reading from disk would yield them. */
async function* events(count: number, data = PAYLOAD): AsyncGenerator<SseRecord> {
  for (let seq = 1; seq <= count; seq++) {
    const id = String(seq);
    const record: EventRecord = {
      seq,
      time: 1_700_000_000_000 + seq,
      kind: 'event',
      type: 'tick',
      data: `${seq} ${data}`,
      lastEventId: id,
      id,
      size: data.length + 20,
    };
    yield record;
  }
}

test('progress only goes forward and its last report is the total and the file size', async () => {
  const reports: [number, number | undefined, number][] = [];
  const path = join(dir, 'session.ndjson');
  const result = await exportRecords({
    source: events(10_000), // about 3.5 MB: several chunks
    format: 'ndjson',
    path,
    total: 10_000,
    onProgress: (written, total, bytes) => reports.push([written, total, bytes]),
  });
  const size = (await stat(path)).size;
  expect(result).toEqual({ path, records: 10_000, bytes: size });
  expect(reports.length).toBeGreaterThan(2); // reported along the way, not only at the end
  for (let i = 1; i < reports.length; i++) {
    expect(reports[i]![0]).toBeGreaterThanOrEqual(reports[i - 1]![0]);
    expect(reports[i]![2]).toBeGreaterThanOrEqual(reports[i - 1]![2]);
  }
  expect(reports.at(-1)).toEqual([10_000, 10_000, size]);
  expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(10_001);
});

test('a cancelled export leaves no file, and the file it would have replaced is untouched', async () => {
  const path = join(dir, 'session.ndjson');
  await writeFile(path, 'the previous export\n');
  const controller = new AbortController();
  const exporting = exportRecords({
    source: events(1_000_000),
    format: 'ndjson',
    path,
    signal: controller.signal,
    onProgress: (written) => {
      if (written >= 3_000) controller.abort();
    },
  });
  await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
  expect(await readdir(dir)).toEqual(['session.ndjson']);
  expect(await readFile(path, 'utf8')).toBe('the previous export\n');
});

test('an export cancelled before it starts writes nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const exporting = exportRecords({ source: events(10), format: 'csv', path: join(dir, 'a.csv'), signal: controller.signal });
  await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
  expect(await readdir(dir)).toEqual([]);
});

test('an export whose source fails leaves no file and reports the failure', async () => {
  async function* failing(): AsyncGenerator<SseRecord> {
    yield* events(1_500);
    throw new Error('capture file unreadable');
  }
  const exporting = exportRecords({ source: failing(), format: 'json', path: join(dir, 'a.json') });
  await expect(exporting).rejects.toThrow('capture file unreadable');
  expect(await readdir(dir)).toEqual([]);
});

test('a large export streams: memory stays far below the size of the file', async () => {
  const path = join(dir, 'large.ndjson');
  // Heap and Buffers: an export that kept its chunks would show in `external`.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const before = used();
  let peak = before;
  const result = await exportRecords({
    source: events(200_000, 'y'.repeat(700)),
    format: 'ndjson',
    path,
    onProgress: () => (peak = Math.max(peak, used())),
  });
  expect(result.records).toBe(200_000);
  expect(result.bytes).toBeGreaterThan(150_000_000);
  // Rough: holding the output (or the records) would take over 150 MB; streaming stays near the
  // young generation's garbage (about 40 MB measured).
  expect(peak - before).toBeLessThan(80_000_000);
}, 60_000);

test('events larger than a write chunk, in multi-byte text, come back whole', async () => {
  const big = 'é✓🎉'.repeat(400_000); // 3.6 MB of UTF-8, more than a 1 MiB chunk
  const source = [...(await collect(events(3)))];
  source.splice(1, 0, { ...(source[1] as EventRecord), seq: 2, data: big });
  source.forEach((r, i) => (r.seq = i + 1));
  const path = join(dir, 'big.ndjson');
  await exportRecords({ source, format: 'ndjson', path });
  const imported = await importCapture(path);
  expect(await collect(imported.records)).toEqual(source);
  expect(imported.notices).toEqual([]);
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test('the metadata sidecar names the connection, with secrets redacted', async () => {
  const path = join(dir, 'session.sse');
  const result = await exportRecords({
    source: events(3),
    format: 'sse',
    path,
    metadata: {
      name: 'Prod feed',
      url: 'https://user:pw@feed.example.com/v1/stream?access_token=tok123&channel=ops',
      method: 'post',
      headers: {
        Authorization: 'Bearer tok123',
        'X-Api-Key': 'k-123',
        Cookie: 'sid=1',
        'X-Client-Token': 'ct',
        Accept: 'text/event-stream',
      },
    },
  });
  expect(result.metadataPath).toBe(`${path}.meta.json`);
  const text = await readFile(result.metadataPath!, 'utf8');
  expect(text).not.toMatch(/tok123|k-123|sid=1|"ct"|pw@/);
  const meta = JSON.parse(text);
  expect(meta).toMatchObject({
    file: 'session.sse',
    format: 'sse',
    records: 3,
    bytes: (await stat(path)).size,
    secretsRedacted: true,
    connection: {
      name: 'Prod feed',
      url: 'https://••••@feed.example.com/v1/stream?access_token=••••&channel=ops',
      method: 'POST',
      headers: { Authorization: '••••', 'X-Api-Key': '••••', Cookie: '••••', 'X-Client-Token': '••••', Accept: 'text/event-stream' },
    },
  });
  expect(Number.isNaN(Date.parse(meta.exportedAt))).toBe(false);
});

test('the sidecar keeps secrets when the user asks, and is not written unless metadata is given', async () => {
  const withSecrets = join(dir, 'a.ndjson');
  await exportRecords({
    source: events(1),
    format: 'ndjson',
    path: withSecrets,
    includeSecrets: true,
    metadata: { url: 'https://feed.example.com/?token=t1', headers: { authorization: 'Bearer t1' } },
  });
  const meta = JSON.parse(await readFile(`${withSecrets}.meta.json`, 'utf8'));
  expect(meta.secretsRedacted).toBe(false);
  expect(meta.connection).toEqual({ url: 'https://feed.example.com/?token=t1', method: 'GET', headers: { authorization: 'Bearer t1' } });

  await exportRecords({ source: events(1), format: 'ndjson', path: join(dir, 'b.ndjson') });
  expect((await readdir(dir)).sort()).toEqual(['a.ndjson', 'a.ndjson.meta.json', 'b.ndjson']);
});
