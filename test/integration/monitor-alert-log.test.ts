// The alert log: alerts are kept beside the capture that recorded them, come back after a restart
// (a new AlertBook on the same folder) exactly as they were, acknowledgements included, go when
// their capture is deleted, and are readable by nobody but the owner.

import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AlertRule } from '../../main/common/config-schema.ts';
import { AlertBook } from '../../main/core/monitor/alert-book.ts';
import { alertLogPath } from '../../main/core/monitor/alert-log.ts';
import { FeedMonitor } from '../../main/core/monitor/feed-monitor.ts';
import { CaptureLibrary, type LiveCapture } from '../../main/core/store/capture-library.ts';
import { RecordMaker } from '../helpers/monitor-harness.ts';

let folder: string;
let library: CaptureLibrary;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sse-scope-alert-log-'));
  library = new CaptureLibrary(folder);
});

afterEach(() => rm(folder, { recursive: true, force: true }));

const errors: AlertRule = { id: crypto.randomUUID(), name: 'errors', query: 'data.level=error', severity: 'critical', enabled: true };

/** A feed recording into a new capture, watched by a monitor on `book`. */
async function recordedFeed(book: AlertBook, name: string): Promise<{ capture: LiveCapture; monitor: FeedMonitor; feed: RecordMaker }> {
  const capture = await library.create({ name, connection: { id: crypto.randomUUID(), name }, url: null });
  const monitor = new FeedMonitor({
    connection: { id: crypto.randomUUID(), name },
    rules: [errors],
    watchdog: { staleAfterSec: 0, maxReconnects: 0, reconnectWindowMin: 10 },
    book,
    captureId: () => capture.id,
  });
  monitor.start();
  const feed = new RecordMaker((records) => {
    capture.store.append(records);
    monitor.record(records);
  });
  return { capture, monitor, feed };
}

it('reads the alerts back after a restart, with their counts, recoveries and acknowledgements', async () => {
  const book = await AlertBook.open(folder);
  const orders = await recordedFeed(book, 'Orders');
  const prices = await recordedFeed(book, 'Prices');
  orders.feed.events('log', '{"level":"error","msg":"disk full"}', '{"level":"error","msg":"again"}');
  prices.feed.open();
  prices.feed.failure('HTTP 502 Bad Gateway', 502, 'http-error');
  prices.feed.open();
  orders.monitor.dispose(); // reports the held match
  prices.monitor.dispose();
  const ruleAlert = book.list({ connectionId: orders.monitor.connectionId })[0]!;
  book.acknowledge(ruleAlert.id);
  await book.flush();
  await orders.capture.finish();
  await prices.capture.finish();
  const before = book.list();
  expect(before.map((alert) => [alert.connectionName, alert.rule, alert.count, alert.acknowledged, alert.recovery])).toEqual([
    ['Prices', 'http-error', 1, false, 'Connected again after 0 s (HTTP 200)'],
    ['Orders', 'errors', 2, true, null],
  ]);

  const reopened = await AlertBook.open(folder);
  expect(reopened.problems).toEqual([]);
  expect(reopened.list()).toEqual(before);
  expect(reopened.openCount()).toBe(0);

  // Each alert lives with the capture that recorded it.
  expect(reopened.list({ captureId: orders.capture.id }).map((alert) => alert.rule)).toEqual(['errors']);
  expect(reopened.list({ captureId: prices.capture.id }).map((alert) => alert.rule)).toEqual(['http-error']);
  const { records } = (await library.list()).find((info) => info.id === orders.capture.id)!;
  expect(ruleAlert.seq).toBeLessThanOrEqual(records!);
});

it('keeps "acknowledge all" across a restart, and owner-only files', async () => {
  const book = await AlertBook.open(folder);
  const orders = await recordedFeed(book, 'Orders');
  orders.feed.events('log', '{"level":"error"}');
  orders.feed.failure('HTTP 500 Internal Server Error', 500);
  expect(book.openCount(orders.monitor.connectionId)).toBe(2);
  expect(book.acknowledgeAll({ connectionId: orders.monitor.connectionId })).toHaveLength(2);
  expect(book.openCount()).toBe(0);
  orders.monitor.dispose();
  await book.flush();
  await orders.capture.finish();

  const reopened = await AlertBook.open(folder);
  expect(reopened.list().map((alert) => alert.acknowledged)).toEqual([true, true]);
  const mode = (await stat(alertLogPath(folder, orders.capture.id))).mode & 0o777;
  expect(mode).toBe(0o600);
  // One JSON line per change: raised, raised, acknowledged, acknowledged.
  const lines = (await readFile(alertLogPath(folder, orders.capture.id), 'utf8')).trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { acknowledged: boolean }).acknowledged)).toEqual([false, false, true, true]);
});

it('deletes the alert log with its capture, counts it in the capture size, and reports a damaged line', async () => {
  const book = await AlertBook.open(folder);
  const orders = await recordedFeed(book, 'Orders');
  orders.feed.events('log', '{"level":"error"}');
  orders.monitor.dispose();
  await book.flush();
  await orders.capture.finish();
  const logSize = (await stat(alertLogPath(folder, orders.capture.id))).size;
  const info = (await library.list())[0]!;
  const recordsSize = (await stat(join(folder, `${orders.capture.id}.ndjson`))).size;
  const metaSize = (await stat(join(folder, `${orders.capture.id}.json`))).size;
  expect(info.sizeBytes).toBe(recordsSize + metaSize + logSize);

  await appendFile(alertLogPath(folder, orders.capture.id), '{"not": "an alert"}\n');
  const damaged = await AlertBook.open(folder);
  expect(damaged.list()).toHaveLength(1);
  expect(damaged.problems).toEqual([`${orders.capture.id}.alerts.jsonl, line 2: not an alert`]);

  await library.delete(orders.capture.id);
  await expect(stat(alertLogPath(folder, orders.capture.id))).rejects.toThrow(/ENOENT/);
  expect((await AlertBook.open(folder)).list()).toEqual([]);
  // An acknowledgement for a deleted capture's alert does not bring a stray log back.
  damaged.acknowledgeAll();
  await damaged.flush();
  await expect(stat(alertLogPath(folder, orders.capture.id))).rejects.toThrow(/ENOENT/);
});
