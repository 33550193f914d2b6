// A feed monitor under test: a FeedMonitor on an AlertBook in a temporary captures folder (with
// one capture's records file, so its alert log is written), records made as a Session makes them
// (numbered, stamped with the fake clock), and every alert change the book reports, as text.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertUpdate } from '../../main/common/alerts.ts';
import type { AlertRule } from '../../main/common/config-schema.ts';
import type { ClosedReason, ReconnectReason, SseRecord } from '../../main/common/records.ts';
import { AlertBook } from '../../main/core/monitor/alert-book.ts';
import { FeedMonitor } from '../../main/core/monitor/feed-monitor.ts';
import type { WatchdogThresholds } from '../../main/core/monitor/watchdog.ts';

export const CAPTURE_ID = '20250101-000000-000-abcdef';
export const CONNECTION = { id: '5d2c8a4e-0f1b-4c1e-9a57-0d6f6b8f7a11', name: 'Orders' };

export interface MonitorHarness {
  folder: string;
  book: AlertBook;
  monitor: FeedMonitor;
  /** Every change the book reported: "raised warning errors: event ...". */
  changes: string[];
  updates: AlertUpdate[];
  feed: RecordMaker;
  dispose(): Promise<void>;
}

export function rule(query: string, extra: Partial<AlertRule> = {}): AlertRule {
  return { id: crypto.randomUUID(), name: query, query, severity: 'warning', enabled: true, ...extra };
}

export async function startMonitor(
  options: { rules?: AlertRule[]; watchdog?: WatchdogThresholds | null; windowMs?: number } = {},
): Promise<MonitorHarness> {
  const folder = await mkdtemp(join(tmpdir(), 'sse-scope-monitor-'));
  await writeFile(join(folder, `${CAPTURE_ID}.ndjson`), '');
  const book = await AlertBook.open(folder, { clock: Date.now });
  const changes: string[] = [];
  const updates: AlertUpdate[] = [];
  book.onChange((update) => {
    updates.push(update);
    changes.push(`${update.change} ${update.alert.severity} ${update.alert.rule}: ${update.text}`);
  });
  const monitor = new FeedMonitor({
    connection: CONNECTION,
    rules: options.rules ?? [],
    watchdog: options.watchdog ?? null,
    book,
    captureId: () => CAPTURE_ID,
    clock: Date.now,
    ...(options.windowMs !== undefined ? { windowMs: options.windowMs } : {}),
  });
  const feed = new RecordMaker((records) => monitor.record(records));
  return {
    folder,
    book,
    monitor,
    changes,
    updates,
    feed,
    async dispose() {
      monitor.dispose();
      await book.flush();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Makes records the way a Session does (seq from 1, time from the clock) and hands them over. */
export class RecordMaker {
  #seq = 0;
  readonly #deliver: (records: SseRecord[]) => void;

  constructor(deliver: (records: SseRecord[]) => void) {
    this.#deliver = deliver;
  }

  /** Events of one type, one record each, in one batch. */
  events(type: string, ...datas: string[]): void {
    this.#deliver(datas.map((data) => ({ ...this.#base(), kind: 'event', type, data, lastEventId: '', size: data.length + 7 })));
  }

  open(status = 200): void {
    this.#deliver([{ ...this.#base(), kind: 'open', status, headers: {}, url: 'http://127.0.0.1/feed', ttfbMs: 3, attempt: 1 }]);
  }

  /** An error (with an HTTP status when given) and the reconnect it schedules. */
  failure(message: string, status?: number, reason: ReconnectReason = 'network-error'): void {
    this.#deliver([
      { ...this.#base(), kind: 'error', message, ...(status !== undefined ? { status } : {}), retryInMs: 1000 },
      { ...this.#base(), kind: 'reconnect', delayMs: 1000, lastEventId: '', reason, attempt: 2 },
    ]);
  }

  reconnect(reason: ReconnectReason = 'stream-ended'): void {
    this.#deliver([{ ...this.#base(), kind: 'reconnect', delayMs: 1000, lastEventId: '', reason, attempt: 2 }]);
  }

  closed(reason: ClosedReason, error?: { message: string; status?: number }): void {
    const records: SseRecord[] = [];
    if (error) records.push({ ...this.#base(), kind: 'error', ...error });
    records.push({ ...this.#base(), kind: 'closed', reason });
    this.#deliver(records);
  }

  get lastSeq(): number {
    return this.#seq;
  }

  #base(): { seq: number; time: number } {
    return { seq: ++this.#seq, time: Date.now() };
  }
}
