// Browser mode as a user starts it (`node dist/server.js`, what `npm run serve` runs), as a child
// process on 127.0.0.1 with a data folder of the test's own: startScope() resolves with the URL it
// prints (access token included); stop() sends SIGTERM and waits until the captures are finished
// and the process has exited. Start it again on the same data folder to test a restart.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-root.ts';

const ROOT = repoRoot();
export const SERVER_SCRIPT = join(ROOT, 'dist/server.js');
const READY = /open (http:\/\/127\.0\.0\.1:\d+\/\S+)/;

export interface ScopeServer {
  /** The page to open, with its access token. */
  url: string;
  dataDir: string;
  /** The process's id (the benchmark reads its memory). */
  pid: number;
  /** Everything the process wrote to stderr (notices, errors). */
  stderr(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ScopeOptions {
  /** Created (and left for the caller to remove) when not given. */
  dataDir?: string;
  /** Start the built-in demo feed (default: no). */
  demo?: boolean;
  timeoutMs?: number;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sse-scope-e2e-'));
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function startScope(options: ScopeOptions = {}): Promise<ScopeServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const args = [SERVER_SCRIPT, '--port', '0', '--data-dir', dataDir, ...(options.demo ? [] : ['--no-demo'])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print its URL within ${options.timeoutMs ?? 15_000} ms`), options.timeoutMs ?? 15_000);
    const check = () => {
      const match = READY.exec(stdout);
      if (!match) return;
      cleanup();
      resolve(match[1]!);
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before it was ready`);
    const fail = (why: string) => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`SSE Scope browser mode ${why}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.once('exit', onExit);
  });

  return {
    url,
    dataDir,
    pid: child.pid!,
    stderr: () => stderr,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
