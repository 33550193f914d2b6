// Section: sustained ingest through the app core, as browser mode runs it (dist/server.js, started
// fresh with its own data folder, driven over its WebSocket like a page). Two cases, 20 s each:
// - one stream sent as fast as the app reads it, into a capture file on disk: events/s, the app's
//   peak RSS, and how far the capture file trails (now minus the receive time of the newest record
//   in the file, sampled every 100 ms); targets: RSS under 600 MB, lag under 250 ms;
// - 32 sessions offered 20,000 events/s each: events/s, peak RSS, and the slowest command round
//   trip while they run (settings, the session list, a search, a page of records; then a 33rd
//   sessions:open and its close); targets: RSS under the memory budget (1,024 MB), 200 ms.
// The feeds run in a process of their own (the fixture server's /firehose and /rate routes).
// Select with --only ingest (ingest-firehose, ingest-32-sessions).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CommandName, CommandRequest, SessionView, StoreCounts } from '../../main/contract.ts';
import { repoRoot } from '../e2e/support/repo-root.ts';
import { removeDataDir, startScope } from '../e2e/support/scope-server.ts';
import { forkFixtureServer, type FixtureServerProcess } from '../helpers/fixture-server.ts';
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { errorText } from './timing.ts';
import { connectScope, type ScopeClient } from './ui-scope-client.ts';

const SECONDS = 20;
const FIREHOSE_RSS_TARGET_MB = 600;
const LAG_TARGET_MS = 250;
/** settings.memoryBudgetMb's default. */
const BUDGET_MB = 1024;
const COMMAND_TARGET_MS = 200;

interface IngestCase {
  id: string;
  name: string;
  sessions: number;
  /** The feed's path and query on the fixture server. */
  feed: string;
  /** Events offered per second in all, when paced. */
  offered: number | null;
}

const CASES: IngestCase[] = [
  { id: 'ingest-firehose', name: '1 stream, as fast as it is read', sessions: 1, feed: '/firehose', offered: null },
  {
    id: 'ingest-32-sessions',
    name: '32 sessions, 20,000 events/s each',
    sessions: 32,
    feed: '/rate?perSecond=20000&bytes=100',
    offered: 32 * 20_000,
  },
];

interface Outcome {
  events: number;
  seconds: number;
  peakRssMb: number | null;
  /** Capture file lag samples (firehose), ms. */
  lags: number[];
  /** Command round trips, ms, by command. */
  commands: { name: string; ms: number }[];
}

export const ingestSection: BenchSection = {
  title: `Sustained ingest through the app core (browser mode), ${SECONDS} s per case`,
  async run(ctx) {
    const report: SectionReport = {
      title: this.title,
      columns: ['case', 'events/s', 'peak RSS', 'capture file behind (p95 / max)', 'command round trip (p95 / max)'],
      rows: [],
      targets: [],
      notes: [],
      failed: false,
    };
    const chosen = CASES.filter((c) => selected(ctx.only, c.id));
    if (chosen.length === 0) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    const missing = missingBuild();
    if (missing) {
      report.rows.push(['not measured', missing]);
      return report;
    }
    const feeds = await forkFixtureServer(new URL('./fixture-server-process.js', import.meta.url));
    try {
      for (const ingestCase of chosen) {
        try {
          const outcome = await runCase(feeds, ingestCase);
          report.rows.push(row(ingestCase, outcome));
          addTargets(report, ingestCase, outcome);
        } catch (error) {
          report.rows.push([ingestCase.name, `FAILED: ${errorText(error).split('\n')[0]}`]);
          report.failed = true;
        }
      }
    } finally {
      await feeds.stop();
    }
    report.notes.push(
      'Peak RSS is the app process’s own (VmHWM, or the largest of ps samples every 250 ms), with the default memory budget of 1,024 MB.',
      'Capture file behind: now minus the receive time of the newest record in the file, every 100 ms; what the timeline shows is never ahead of the file.',
      'Commands: settings:get, sessions:list, records:search and records:range in turn every 250 ms while the streams run, then a 33rd sessions:open and its sessions:dispose.',
      'The app, the feeds and this client share the machine; the 32 sessions are offered 640,000 events/s, more than one event loop takes here, so the app reads what it can.',
    );
    return report;
  },
};

async function runCase(feeds: FixtureServerProcess, ingestCase: IngestCase): Promise<Outcome> {
  const scope = await startScope();
  const rss = new RssWatch(scope.pid);
  let client: ScopeClient | null = null;
  try {
    client = await connectScope(scope.url);
    const scopeClient = client;
    // Sustained means no capture limit and no size cap ending or deleting anything on the way.
    await client.call('settings:update', { maxCaptureMb: null, captureSizeCapMb: null });
    const sessions: SessionView[] = [];
    for (let n = 1; n <= ingestCase.sessions; n++) {
      const url = `${feeds.url}${ingestCase.feed}${ingestCase.feed.includes('?') ? '&' : '?'}n=${n}`;
      const connection = await client.call('connections:save', { connection: { name: `Feed ${n}`, url } });
      sessions.push(await client.call('sessions:open', { connectionId: connection.id }));
    }
    const started = performance.now();
    const lags: number[] = [];
    const commands: { name: string; ms: number }[] = [];
    const captureFile = join(scope.dataDir, 'captures', `${sessions[0]!.captureId}.ndjson`);
    const idle = () => Promise.resolve();
    const stopLag = ingestCase.sessions === 1 ? every(100, async () => lags.push(...(await fileLag(captureFile)))) : idle;
    const stopCommands = ingestCase.sessions > 1 ? every(250, () => probeCommand(scopeClient, sessions, commands)) : idle;
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    await stopLag();
    await stopCommands();
    const counts = await Promise.all(sessions.map((session) => scopeClient.call('records:counts', { sessionId: session.id })));
    const seconds = (performance.now() - started) / 1000;
    if (ingestCase.sessions > 1) {
      // Opening and closing one more session, with the others running.
      const connection = await client.call('connections:save', { connection: { name: 'One more', url: `${feeds.url}/stalled` } });
      const opened = await timed(commands, 'sessions:open', () => scopeClient.call('sessions:open', { connectionId: connection.id }));
      await timed(commands, 'sessions:dispose', () => scopeClient.call('sessions:dispose', { sessionId: opened.id }));
    }
    return {
      events: counts.reduce((sum: number, c: StoreCounts) => sum + c.byKind.event, 0),
      seconds,
      peakRssMb: await rss.peakMb(),
      lags,
      commands,
    };
  } finally {
    rss.stop();
    client?.close();
    await scope.stop();
    await removeDataDir(scope.dataDir);
  }
}

let probeTurn = 0;
const PROBES: Array<{ name: CommandName; request: (sessions: SessionView[]) => unknown }> = [
  { name: 'settings:get', request: () => undefined },
  { name: 'sessions:list', request: () => undefined },
  { name: 'records:search', request: (s) => ({ sessionId: s[probeTurn % s.length]!.id, query: '"77"', offset: 0, limit: 50 }) },
  { name: 'records:range', request: (s) => ({ sessionId: s[probeTurn % s.length]!.id, fromSeq: 1, count: 200 }) },
];

async function probeCommand(client: ScopeClient, sessions: SessionView[], commands: { name: string; ms: number }[]): Promise<void> {
  const probe = PROBES[probeTurn++ % PROBES.length]!;
  await timed(commands, probe.name, () => client.call(probe.name, probe.request(sessions) as CommandRequest<typeof probe.name>));
}

async function timed<T>(commands: { name: string; ms: number }[], name: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await call();
  commands.push({ name, ms: performance.now() - started });
  return result;
}

/** Runs `task` every `ms` (never two at once); the returned function stops it and waits for the last run. */
function every(ms: number, task: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(task).catch(() => {});
  }, ms);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Now minus the receive time of the newest complete record in the capture file (none yet: no sample). */
async function fileLag(path: string): Promise<number[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const now = Date.now();
    const text = buffer.toString('utf8');
    const end = text.lastIndexOf('\n');
    const start = text.lastIndexOf('\n', end - 1);
    if (end === -1 || start === -1) return [];
    const time = (JSON.parse(text.slice(start + 1, end)) as { time: number }).time;
    return [now - time];
  } finally {
    await handle.close();
  }
}

/** The peak RSS of a process: Linux's VmHWM when there is a /proc, else the largest `ps` sample. */
class RssWatch {
  readonly #pid: number;
  readonly #timer: ReturnType<typeof setInterval> | null = null;
  #peakKb = 0;

  constructor(pid: number) {
    this.#pid = pid;
    if (!existsSync(`/proc/${pid}/status`)) {
      this.#timer = setInterval(() => void this.#sample(), 250);
    }
  }

  async peakMb(): Promise<number | null> {
    const status = await readFile(`/proc/${this.#pid}/status`, 'utf8').catch(() => null);
    const hwm = status ? /VmHWM:\s+(\d+) kB/.exec(status) : null;
    if (hwm) return Number(hwm[1]) / 1024;
    return this.#peakKb > 0 ? this.#peakKb / 1024 : null;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async #sample(): Promise<void> {
    const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(this.#pid)]).catch(() => ({ stdout: '' }));
    const kb = Number(stdout.trim());
    if (kb > this.#peakKb) this.#peakKb = kb;
  }
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(ingestCase: IngestCase, outcome: Outcome): string[] {
  const rate = outcome.events / outcome.seconds;
  const offered = ingestCase.offered === null ? '' : ` of ${ingestCase.offered.toLocaleString('en')}`;
  const ms = (values: number[]) =>
    values.length === 0 ? '-' : `${percentile(values, 95).toFixed(0)} / ${Math.max(...values).toFixed(0)} ms`;
  return [
    ingestCase.name,
    `${Math.round(rate).toLocaleString('en')}${offered}`,
    outcome.peakRssMb === null ? 'not measured' : `${outcome.peakRssMb.toFixed(0)} MB`,
    ms(outcome.lags),
    ms(outcome.commands.map((command) => command.ms)),
  ];
}

function addTargets(report: SectionReport, ingestCase: IngestCase, outcome: Outcome): void {
  const rssTarget = ingestCase.sessions === 1 ? FIREHOSE_RSS_TARGET_MB : BUDGET_MB;
  report.targets.push({
    label: `${ingestCase.id}: peak RSS under ${rssTarget} MB${ingestCase.sessions === 1 ? '' : ' (the memory budget)'}`,
    met: outcome.peakRssMb === null ? null : outcome.peakRssMb < rssTarget,
    detail: outcome.peakRssMb === null ? 'not measured on this system' : `${outcome.peakRssMb.toFixed(0)} MB`,
  });
  if (ingestCase.sessions === 1) {
    const worst = outcome.lags.length === 0 ? null : Math.max(...outcome.lags);
    report.targets.push({
      label: `${ingestCase.id}: capture file behind by under ${LAG_TARGET_MS} ms`,
      met: worst === null ? null : worst < LAG_TARGET_MS,
      detail:
        worst === null
          ? 'no sample'
          : `max ${worst.toFixed(0)} ms, p95 ${percentile(outcome.lags, 95).toFixed(0)} ms over ${outcome.lags.length} samples`,
    });
    return;
  }
  const slowest = outcome.commands.reduce((worst, command) => (command.ms > worst.ms ? command : worst), { name: '-', ms: 0 });
  const byName = new Map<string, number>();
  for (const command of outcome.commands) byName.set(command.name, Math.max(byName.get(command.name) ?? 0, command.ms));
  report.targets.push({
    label: `${ingestCase.id}: slowest command round trip under ${COMMAND_TARGET_MS} ms`,
    met: slowest.ms < COMMAND_TARGET_MS,
    detail: `${slowest.ms.toFixed(0)} ms (${slowest.name}); slowest of each: ${[...byName].map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')} ms`,
  });
}

function missingBuild(): string | null {
  const root = repoRoot();
  for (const file of ['dist/server.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, file))) return `${file} is missing: run \`npm run build\` first`;
  }
  return null;
}
