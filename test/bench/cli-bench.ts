// The CLI capturing to a file: `node dist/cli.js capture <url> --no-reconnect -o <file>`, timed
// from spawn to exit (Node's start-up included, as a user would see it), then the file is checked
// for one `"kind":"event"` line per event. Right before each capture, `node dist/cli.js --version`
// is timed too: the start-up share of that run (Node, the bundle and its packages), which the HTTP
// section reports and subtracts separately. Reports "CLI not available" when dist/cli.js has no
// working capture command yet.

import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { BenchContext, RunResult, ThroughputCase } from './bench-types.ts';
import type { CpuReport } from './cpu-report.ts';
import { EVENT_BYTES } from './event-payload.ts';

// dist/bench/index.js -> dist/cli.js
const CLI_PATH = fileURLToPath(new URL('../cli.js', import.meta.url));
const PROBE_EVENTS = 5;
const PROBE_TIMEOUT_MS = 20_000;
const EVENT_LINE_MARK = Buffer.from('"kind":"event"');

export const cliCase: ThroughputCase = {
  id: 'cli',
  name: 'CLI capture to a file',
  async unavailable(ctx) {
    if (!existsSync(CLI_PATH)) return `CLI not available: ${CLI_PATH} missing (npm run build)`;
    try {
      await captureOnce(ctx, PROBE_EVENTS, PROBE_TIMEOUT_MS);
      return null;
    } catch (error) {
      return `CLI not available: ${error instanceof Error ? error.message : String(error)}`;
    }
  },
  // Give up below 5,000 events/s: a hung CLI must not hang the bench.
  async run(ctx, count) {
    const startupMs = await startupOnce();
    return { ...(await captureOnce(ctx, count, Math.max(60_000, count / 5))), startupMs };
  },
};

async function captureOnce(ctx: BenchContext, count: number, timeoutMs: number): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sse-scope-bench-'));
  const file = join(dir, 'capture.ndjson');
  try {
    const args = [CLI_PATH, 'capture', ctx.server.url(count), '--no-reconnect', '-o', file];
    const started = performance.now();
    const { code, output, cpuMs } = await runProcess(args, timeoutMs);
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`\`sse-scope capture\` exited with ${code}: ${firstLine(output)}`);
    if (!existsSync(file)) throw new Error(`\`sse-scope capture -o\` wrote no file (output: ${firstLine(output)})`);
    const events = await countEventLines(file);
    if (events !== count) throw new Error(`capture file has ${events} event lines, expected ${count}`);
    // Bytes over the wire, like the other cases (the file itself is larger: one JSON record a line).
    return { events, bytes: count * EVENT_BYTES, ms, ...(cpuMs !== null ? { cpuMs } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Time of `node dist/cli.js --version`, spawn to exit: the start-up share of a CLI run. */
async function startupOnce(): Promise<number> {
  const started = performance.now();
  const { code, output } = await runProcess([CLI_PATH, '--version'], PROBE_TIMEOUT_MS);
  if (code !== 0) throw new Error(`\`sse-scope --version\` exited with ${code}: ${firstLine(output)}`);
  return performance.now() - started;
}

export interface ProcessRun {
  code: number | null;
  /** The first 4 KiB of stdout and stderr. */
  output: string;
  /** The process's CPU time (user + system, every thread), from cpu-report.ts; null if it sent none. */
  cpuMs: number | null;
}

// dist/bench/index.js -> dist/bench/cpu-report.js
const CPU_REPORT = new URL('./cpu-report.js', import.meta.url).href;

/** Runs `node ...args` to its exit (killed after `timeoutMs`), keeping the first 4 KiB of output. */
export function runProcess(args: string[], timeoutMs: number): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', CPU_REPORT, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < 4096) output += chunk.toString();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let report = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => (report += chunk.toString()));
    const timer = timeoutMs > 0 ? setTimeout(() => child.kill(), timeoutMs) : null;
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal) reject(new Error(`\`node ${args.slice(0, 2).join(' ')}\` did not finish (${signal}): ${firstLine(output)}`));
      else resolve({ code, output, cpuMs: cpuTime(report) });
    });
  });
}

function cpuTime(report: string): number | null {
  if (report === '') return null;
  const { userMs, systemMs } = JSON.parse(report) as CpuReport;
  return userMs + systemMs;
}

export async function countEventLines(file: string): Promise<number> {
  let count = 0;
  // Carry the end of each chunk over, so a mark torn between two reads is still counted once.
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    let searchFrom = 0;
    for (let at = buf.indexOf(EVENT_LINE_MARK); at !== -1; at = buf.indexOf(EVENT_LINE_MARK, searchFrom)) {
      count++;
      searchFrom = at + EVENT_LINE_MARK.length;
    }
    tail = Buffer.from(buf.subarray(Math.max(searchFrom, buf.length - (EVENT_LINE_MARK.length - 1))));
  }
  return count;
}

export function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line === '' ? '(no output)' : line.slice(0, 200);
}
