// The built CLI for tests that run it as a child process: `ensureCliBuilt` builds dist/cli.js from
// the current sources when it is stale, and `runCli` runs it to its exit. The freshness check is
// cheap (one walk of main/ comparing modification times), so under `npm test`, which builds first,
// nothing is rebuilt. Usable as a Vitest globalSetup (default export) or from a beforeAll; a lock
// directory keeps parallel test files from building over each other.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildIfStale, filesUnder } from './stale-build.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const CLI_PATH = join(ROOT, 'dist/cli.js');
const LOCK = join(ROOT, 'dist/.build-lock');
const STALE_LOCK_MS = 60_000;

export async function ensureCliBuilt(): Promise<string> {
  await buildIfStale({
    output: CLI_PATH,
    sources: async () => [
      join(ROOT, 'package.json'),
      join(ROOT, 'scripts/build-node.mjs'),
      join(ROOT, 'scripts/node-bundle.mjs'),
      ...(await filesUnder(join(ROOT, 'main'), '.ts')),
    ],
    build: () => promisify(execFile)(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT }),
    lock: LOCK,
    staleLockMs: STALE_LOCK_MS,
  });
  return CLI_PATH;
}

export default async function setup(): Promise<void> {
  await ensureCliBuilt();
}

export interface CliRun {
  /** The exit status; null when a signal killed the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ...args` to its exit (killed and rejected after `timeoutMs`).
 * `onStdout` sees the output so far as it grows, e.g. to signal the child at some point.
 */
export function runCli(args: string[], onStdout?: (soFar: string, child: ChildProcess) => void, timeoutMs = 15_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
