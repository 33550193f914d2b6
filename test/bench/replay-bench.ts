// `sse-scope replay` measured as a user runs it: the built CLI serves a capture file in its own
// process (as the bench server runs in its own), and the engine reads the replay. Two figures:
// events/s at --speed 0 (against the engine reading the bench server, the same events), and how
// close the replayed gaps come to the recorded ones at --speed 1.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SseRecord } from '../../main/common/records.ts';
import { Session } from '../../main/core/sse/session.ts';
import type { BenchContext, RunResult, ThroughputCase } from './bench-types.ts';
import { EVENT_TYPE, eventText } from './event-payload.ts';

// dist/bench/index.js -> dist/cli.js
const CLI_PATH = fileURLToPath(new URL('../cli.js', import.meta.url));
const TIME_BASE = 1_700_000_000_000;

interface ReplayProcess {
  url: string;
  stop(): Promise<void>;
}

/** A capture file of the bench's events (the same id, type and data), `gapMs(i)` after the one before. */
async function writeCapture(path: string, count: number, gapMs: (i: number) => number): Promise<number[]> {
  const lines: string[] = [];
  const times: number[] = [];
  let time = TIME_BASE;
  const add = (record: SseRecord) => lines.push(JSON.stringify(record));
  add({ seq: 1, time, kind: 'open', status: 200, headers: {}, url: 'http://bench/', ttfbMs: 1, attempt: 1 });
  for (let i = 1; i <= count; i++) {
    time += gapMs(i);
    times.push(time);
    const text = eventText(i);
    const data = text.slice(text.indexOf('data: ') + 6, -2);
    add({ seq: i + 1, time, kind: 'event', type: EVENT_TYPE, data, lastEventId: String(i), id: String(i), size: text.length });
  }
  add({ seq: count + 2, time, kind: 'closed', reason: 'ended' });
  await writeFile(path, lines.join('\n') + '\n');
  return times;
}

async function startReplayProcess(file: string, args: string[]): Promise<ReplayProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI_PATH, 'replay', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      const match = /Serving at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sse-scope replay exited (${code}) before serving: ${output}`)));
  });
  child.stdout!.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** The engine reading `url` to the end of the stream, counting its events. */
function readWithEngine(ctx: BenchContext, url: string, count: number): Promise<{ run: RunResult; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const started = performance.now();
    const session: Session = new Session({
      url,
      fetch: ctx.fetch,
      reconnect: { enabled: false },
      onRecords: (batch) => {
        for (const record of batch) {
          if (record.kind === 'event') times.push(record.time);
          if (record.kind !== 'closed') continue;
          if (record.reason !== 'ended' || times.length !== count) {
            reject(new Error(`replay: ${times.length}/${count} events, closed "${record.reason}"`));
          } else {
            resolve({ run: { events: count, bytes: session.stats.bytes, ms: performance.now() - started }, times });
          }
        }
      },
    });
    session.start();
  });
}

/** The replay at --speed 0, one process per event count (the warm-up's and the runs'), started before timing. */
export function replayThroughputCase(): ThroughputCase & { stop(): Promise<void> } {
  const replays = new Map<number, ReplayProcess>();
  let dir: string | null = null;
  return {
    id: 'replay',
    name: 'engine <- sse-scope replay --speed 0',
    async unavailable(ctx) {
      if (!existsSync(CLI_PATH)) return `CLI not available: ${CLI_PATH} missing (npm run build)`;
      dir = await mkdtemp(join(tmpdir(), 'sse-scope-bench-replay-'));
      for (const count of new Set([Math.min(ctx.events, 100_000), ctx.events])) {
        const file = join(dir, `${count}.ndjson`);
        await writeCapture(file, count, () => 0);
        replays.set(count, await startReplayProcess(file, ['--speed', '0']));
      }
      return null;
    },
    async run(ctx, count) {
      const replay = replays.get(count);
      if (!replay) throw new Error(`no replay of ${count} events was prepared`);
      return (await readWithEngine(ctx, replay.url, count)).run;
    },
    async stop() {
      await Promise.all([...replays.values()].map((r) => r.stop()));
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface GapErrors {
  /** |replayed gap - recorded gap| per gap, ms. */
  errors: number[];
  recorded: number[];
}

/** Replays `gaps` events 50 to 150 ms apart at --speed 1 and compares each gap with the recorded one. */
export async function measureReplayedGaps(ctx: BenchContext, gaps: number): Promise<GapErrors> {
  const dir = await mkdtemp(join(tmpdir(), 'sse-scope-bench-gaps-'));
  const gapMs = (i: number) => (i === 1 ? 0 : 50 + ((i * 37) % 101));
  let replay: ReplayProcess | null = null;
  try {
    const file = join(dir, 'gaps.ndjson');
    const recordedTimes = await writeCapture(file, gaps + 1, gapMs);
    replay = await startReplayProcess(file, []);
    const { times } = await readWithEngine(ctx, replay.url, gaps + 1);
    const recorded = recordedTimes.slice(1).map((t, i) => t - recordedTimes[i]!);
    const errors = times.slice(1).map((t, i) => Math.abs(t - times[i]! - recorded[i]!));
    return { errors, recorded };
  } finally {
    await replay?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
