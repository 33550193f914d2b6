// Section: the monitor (`--only monitor`). 50 feeds at 1,000 events/s each, fed as a Session
// feeds them (batches of 50 events, 20 per feed per second), through each feed's FeedMonitor:
// three alert rules (a JSON field, a regex with a negated type, a type), the watchdog and the
// overview's numbers, with every tile's view read once per simulated second. The clock is
// simulated, so the figure is the CPU the monitor spends per second of input, not wall time:
// a figure well under 1,000 ms leaves the machine free for the rest of the app. 1 event in 100 is
// an error and 1 in 500 a timeout, so the rules match, raise alerts and coalesce as they would.
// --events sets the input: events / 50,000 simulated seconds (at least 2).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertRule } from '../../main/common/config-schema.ts';
import type { EventRecord } from '../../main/common/records.ts';
import { AlertBook } from '../../main/core/monitor/alert-book.ts';
import { FeedMonitor } from '../../main/core/monitor/feed-monitor.ts';
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { flat, median } from './measure.ts';

const FEEDS = 50;
const EVENTS_PER_SECOND = 1_000;
const BATCH = 50;
/** A CPU budget per second of input: a tenth of one core for all 50 feeds. */
const TARGET_MS_PER_SECOND = 100;

const RULES: AlertRule[] = [
  { id: 'r-errors', name: 'errors', query: 'data.level=error', severity: 'critical', enabled: true },
  { id: 'r-timeouts', name: 'timeouts', query: '/timeout/i -type:heartbeat', severity: 'warning', enabled: true },
  { id: 'r-alerts', name: 'alerts', query: 'type:alert', severity: 'info', enabled: true },
];

interface Feed {
  monitor: FeedMonitor;
  /** One second of input: EVENTS_PER_SECOND events in batches, reused (seq and time set as they go). */
  batches: EventRecord[][];
  seq: number;
}

interface RunFigures {
  cpuMs: number;
  wallMs: number;
  alerts: number;
}

export async function runMonitorBench(
  seconds: number,
  runs: number,
): Promise<{ msPerSecond: number; wallPerSecond: number; alerts: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  let alerts = 0;
  for (let run = 0; run < runs; run++) {
    const figures = await runOnce(seconds);
    cpu.push(figures.cpuMs / seconds);
    wall.push(figures.wallMs / seconds);
    alerts = figures.alerts;
  }
  return { msPerSecond: median(cpu), wallPerSecond: median(wall), alerts };
}

async function runOnce(seconds: number): Promise<RunFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'sse-scope-monitor-bench-'));
  let now = Date.parse('2025-03-01T09:00:00Z');
  const clock = () => now;
  try {
    const book = await AlertBook.open(folder, { clock });
    let alerts = 0;
    book.onChange((update) => update.change === 'raised' && alerts++);
    const feeds: Feed[] = [];
    for (let n = 0; n < FEEDS; n++) {
      const captureId = `20250301-090000-000-${String(n).padStart(6, '0')}`;
      await writeFile(join(folder, `${captureId}.ndjson`), '');
      const monitor = new FeedMonitor({
        connection: { id: `feed-${n}`, name: `Feed ${n}` },
        rules: RULES,
        watchdog: { staleAfterSec: 60, maxReconnects: 5, reconnectWindowMin: 10 },
        book,
        captureId: () => captureId,
        clock,
      });
      monitor.start();
      feeds.push({ monitor, batches: secondOfInput(n), seq: 0 });
    }

    const startCpu = process.cpuUsage();
    const startWall = performance.now();
    const step = 1000 / (EVENTS_PER_SECOND / BATCH);
    for (let second = 0; second < seconds; second++) {
      for (let b = 0; b < EVENTS_PER_SECOND / BATCH; b++) {
        now += step;
        for (const feed of feeds) {
          const batch = feed.batches[b]!;
          for (const record of batch) {
            record.seq = ++feed.seq;
            record.time = now;
          }
          feed.monitor.record(batch);
        }
      }
      for (const feed of feeds) feed.monitor.overview(); // every tile redrawn once a second
      await new Promise((resolve) => setImmediate(resolve)); // the alert logs write in these turns
    }
    const cpu = process.cpuUsage(startCpu);
    const wallMs = performance.now() - startWall;
    for (const feed of feeds) feed.monitor.dispose();
    await book.flush();
    return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, alerts };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A feed's second of events: JSON logs, a heartbeat every 50, an error every 100, a timeout every 500. */
function secondOfInput(feed: number): EventRecord[][] {
  const batches: EventRecord[][] = [];
  for (let b = 0; b < EVENTS_PER_SECOND / BATCH; b++) {
    const batch: EventRecord[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      const heartbeat = n % 50 === 25;
      const level = n % 100 === 7 ? 'error' : 'info';
      const msg = n % 500 === 99 ? 'upstream Timeout after 30 s' : `order ${feed}-${n} accepted`;
      const data = heartbeat
        ? flat(`{"ts":${n}}`)
        : flat(`{"level":"${level}","feed":${feed},"n":${n},"msg":"${msg}","user":"u${n % 97}"}`);
      batch.push({ seq: 0, time: 0, kind: 'event', type: heartbeat ? 'heartbeat' : 'log', data, lastEventId: '', size: data.length + 8 });
    }
    batches.push(batch);
  }
  return batches;
}

export const monitorSection: BenchSection = {
  title: 'Monitor: alert rules, watchdog and overview numbers',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['measure', 'value'], rows: [], targets: [], notes: [], failed: false };
    if (!selected(ctx.only, 'monitor')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    const seconds = Math.max(2, Math.round(ctx.events / (FEEDS * EVENTS_PER_SECOND)));
    const { msPerSecond, wallPerSecond, alerts } = await runMonitorBench(seconds, ctx.runs);
    const label = `${FEEDS} feeds x ${EVENTS_PER_SECOND.toLocaleString('en')} events/s, 3 rules each`;
    const share = (msPerSecond / 10).toFixed(1);
    report.rows.push([`${label}: CPU per second of input`, `${msPerSecond.toFixed(1)} ms (${share}% of one core)`]);
    report.rows.push([`${label}: wall time per second of input`, `${wallPerSecond.toFixed(1)} ms`]);
    report.rows.push(['alerts raised per run', `${alerts.toLocaleString('en')} over ${seconds} s of input`]);
    report.targets.push({
      label: `${label}: CPU per second of input`,
      met: msPerSecond < TARGET_MS_PER_SECOND,
      detail: `${msPerSecond.toFixed(1)} ms (target < ${TARGET_MS_PER_SECOND} ms, a tenth of one core)`,
    });
    report.notes.push(
      `Simulated clock: ${seconds} s of input (${(seconds * FEEDS * EVENTS_PER_SECOND).toLocaleString('en')} events) per run, median of ${ctx.runs}; ` +
        'CPU is user + system of the whole process (GC and the alert log writes included); parsing and storing are measured elsewhere.',
    );
    if (alerts === 0) {
      report.failed = true;
      report.notes.push('No alert was raised: the rules did not match, so the figure measures nothing.');
    }
    return report;
  },
};
