// The built CLI as a long-running child process (`sse-scope watch`): what it has written so far on
// stdout and stderr, a wait for a line that is expected to appear (woken by the output itself, not
// by polling), a signal to stop it, and its exit. Where runCli (build-once.ts) runs a command to
// its end, this is for commands that run until they are stopped.

import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_PATH, type CliRun } from './build-once.ts';

export interface RunningCli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the match once `pattern` appears on the stream; rejects after `timeoutMs` or at exit. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves at exit (killed after `timeoutMs` and rejected, if it does not exit by then). */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<CliRun>;
}

export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    output.stdout += text;
    wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    output.stderr += text;
    wake();
  });
  const exited = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      wake();
      resolve({ code, ...output });
    });
  });
  const describe = () => `stdout:\n${output.stdout}\nstderr:\n${output.stderr}`;

  return {
    child,
    get stdout() {
      return output.stdout;
    },
    get stderr() {
      return output.stderr;
    },
    waitFor(stream, pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output[stream]);
          if (match) finish(() => resolve(match));
          else if (child.exitCode !== null || child.signalCode !== null) {
            finish(() => reject(new Error(`the CLI exited before ${pattern} appeared on ${stream}\n${describe()}`)));
          }
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${pattern} did not appear on ${stream} within ${timeoutMs} ms\n${describe()}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal, timeoutMs = 15_000) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        const run = await exited;
        if (run.code === null) throw new Error(`the CLI did not exit after ${signal}\n${describe()}`);
        return run;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
