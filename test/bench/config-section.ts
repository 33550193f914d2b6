// Config writes under a flood, through browser mode as a user's pages drive it: one page pipelines a
// burst of `connections:save` commands while a second page keeps asking `app:info`, one call at a
// time. Figures: how long the burst takes to be answered (every answer comes once its change is
// on disk), the slowest round trip the other page saw meanwhile, and how many list pushes it got.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { CommandResult } from '../../main/contract.ts';
import type { ServerMessage } from '../../main/common/wire-protocol.ts';
import { startServe } from '../../main/server/serve.ts';
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';

/** The figures: 300 saves from one page, then 500 with a second page open. */
const BURSTS = [300, 500];
/** What "responsive" means for any command (the app's command budget). */
const ROUND_TRIP_TARGET_MS = 200;
/** A burst of saves, each safely on disk when answered. */
const BURST_TARGET_MS = 1000;

export const configSection: BenchSection = {
  title: 'Config writes under a flood (browser mode)',
  async run(ctx) {
    const report: SectionReport = { title: this.title, columns: ['measure', 'value'], rows: [], targets: [], notes: [], failed: false };
    if (!selected(ctx.only, 'config')) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    for (const count of BURSTS) {
      const result = await runBurst(count);
      report.rows.push([`${count} saves: all answered`, `${result.burstMs.toFixed(0)} ms`]);
      report.rows.push([`${count} saves: other page's slowest app:info`, `${result.slowestOtherMs.toFixed(0)} ms`]);
      report.rows.push([`${count} saves: connections:changed pushes`, String(result.listPushes)]);
      report.targets.push({
        label: `${count} pipelined saves answered`,
        met: result.burstMs < BURST_TARGET_MS,
        detail: `${result.burstMs.toFixed(0)} ms (target < ${BURST_TARGET_MS} ms)`,
      });
      report.targets.push({
        label: `other page's commands during ${count} saves`,
        met: result.slowestOtherMs < ROUND_TRIP_TARGET_MS,
        detail: `slowest ${result.slowestOtherMs.toFixed(0)} ms (target < ${ROUND_TRIP_TARGET_MS} ms)`,
      });
      if (result.failures > 0) {
        report.notes.push(`${result.failures} of ${count} saves failed`);
        report.failed = true;
      }
    }
    report.notes.push('Each save answers once its change is on disk; saves that arrive while a write runs share the next write.');
    return report;
  },
};

interface BurstResult {
  burstMs: number;
  slowestOtherMs: number;
  listPushes: number;
  failures: number;
}

async function runBurst(count: number): Promise<BurstResult> {
  const root = await mkdtemp(join(tmpdir(), 'sse-scope-bench-config-'));
  // The pages here are WebSocket clients: the server only needs a renderer folder to start.
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>bench</title>\n');
  const serving = await startServe({
    port: 0,
    dataDir: join(root, 'data'),
    rendererDir: join(root, 'renderer'),
    demo: false,
    version: '0.0.0-bench',
    log: () => {},
  });
  const saver = await Page.open(serving.url);
  const other = await Page.open(serving.url);
  try {
    let bursting = true;
    let slowestOtherMs = 0;
    const watching = (async () => {
      while (bursting) {
        const sent = performance.now();
        await other.call('app:info');
        slowestOtherMs = Math.max(slowestOtherMs, performance.now() - sent);
      }
    })();
    const started = performance.now();
    const answers = Array.from({ length: count }, (_, n) =>
      saver.call('connections:save', { connection: { name: `Feed ${n}`, url: `http://127.0.0.1:1/feed/${n}` } }),
    );
    const results = await Promise.all(answers);
    const burstMs = performance.now() - started;
    bursting = false;
    await watching;
    return {
      burstMs,
      slowestOtherMs,
      listPushes: other.pushCount('connections:changed'),
      failures: results.filter((result) => !result.ok).length,
    };
  } finally {
    saver.close();
    other.close();
    await serving.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** One page's WebSocket: calls answered by id, pushes counted by name. */
class Page {
  readonly #ws: WebSocket;
  readonly #waiting = new Map<number, (result: CommandResult<unknown>) => void>();
  readonly #pushes = new Map<string, number>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result') {
        this.#waiting.get(message.id)?.(message.result);
        this.#waiting.delete(message.id);
      } else {
        this.#pushes.set(message.name, (this.#pushes.get(message.name) ?? 0) + 1);
      }
    });
  }

  static open(pageUrl: string): Promise<Page> {
    const page = new URL(pageUrl);
    const ws = new WebSocket(`ws://${page.host}/ws${page.search}`, { origin: page.origin });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Page(ws)));
      ws.once('error', reject);
    });
  }

  call(name: string, payload?: unknown): Promise<CommandResult<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#ws.send(JSON.stringify({ type: 'call', id, name, payload }));
    });
  }

  pushCount(name: string): number {
    return this.#pushes.get(name) ?? 0;
  }

  close(): void {
    this.#ws.close();
  }
}
