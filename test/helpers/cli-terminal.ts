// Runs the built CLI on a real pseudo-terminal (util-linux `script`), for tests of what it shows
// there: progress lines drawn and erased on stderr.

import { spawn, spawnSync } from 'node:child_process';
import { CLI_PATH } from './build-once.ts';

/** `script` is there to give the CLI a terminal; tests skip, saying so, where it is not. */
export const hasScript = spawnSync('script', ['--version']).status === 0;

/** What a status line writes to take itself off the screen. */
export const ERASE_LINE = '\r\x1b[2K';

/** Runs the CLI with stdin, stdout and stderr on a pseudo-terminal; resolves with what it showed. */
export function runOnTerminal(args: string[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, CLI_PATH, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (screen += text));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit in time; screen:\n${JSON.stringify(screen)}`));
    }, 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}
