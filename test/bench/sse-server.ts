// The parent's handle on the SSE server child process (sse-server-process.ts): start it, build a
// URL for N events, stop it.

import { fork, type ChildProcess } from 'node:child_process';
import type { ServerReady } from './sse-server-process.ts';

export interface BenchServer {
  /** The URL that serves `count` events then ends. */
  url(count: number): string;
  /** Ask for the stream once so the server has built it before anything is timed. */
  prepare(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  // Bundled next to index.js in dist/bench/.
  const script = new URL('./sse-server-process.js', import.meta.url);
  const child: ChildProcess = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerReady));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SSE server process exited early (code ${code})`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const url = (count: number) => `${base}/events?count=${count}`;
  return {
    url,
    async prepare(count) {
      const response = await fetch(url(count));
      await response.arrayBuffer();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
