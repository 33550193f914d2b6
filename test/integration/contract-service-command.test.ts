// The contract-test service as a program: `node dist/contract-service.js --port <n>`, the way a CI
// script starts it before running LaunchDarkly's harness with --stop-service-at-end.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import { NODE_BUNDLE } from '../../scripts/node-bundle.mjs';
import { startFakeSuite } from '../helpers/fake-contract-suite.ts';

describe('the contract-service command', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  // Bundled from the current source like `npm run build` does, but into a cache folder of its own,
  // so the test neither depends on a stale dist/ nor rewrites it under another engineer's feet.
  const outdir = join(root, 'node_modules/.cache/contract-service-test');
  const script = join(outdir, 'contract-service.js');
  beforeAll(async () => {
    await build({ ...NODE_BUNDLE, entryPoints: { 'contract-service': join(root, 'main/cli/contract-service.ts') }, outdir });
  });

  function run(args: string[]) {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
        if (match) resolve(match[0]);
      });
      void exited.then((code) => reject(new Error(`exited (${code}) before printing its URL: ${stdout}${stderr}`)));
    });
    url.catch(() => {}); // a test that expects an early exit never awaits the URL
    return { child, url, exited, output: () => stdout + stderr };
  }

  test('--port 0 serves on a free 127.0.0.1 port, prints the URL, and DELETE / makes it exit', async () => {
    const command = run(['--port', '0']);
    try {
      const url = await command.url;
      expect((await fetch(url)).status).toBe(200);
      const fake = await startFakeSuite(url);
      try {
        const stream = fake.streamEndpoint();
        const client = await fake.createClient({ streamUrl: stream.url });
        const connection = await stream.awaitConnection();
        connection.send('data: from the command\n\n');
        expect((await client.require('event')).event!.data).toBe('from the command');

        const stop = await fetch(url, { method: 'DELETE' });
        expect(stop.status).toBe(204);
        expect(await command.exited).toBe(0);
        await connection.closed;
      } finally {
        await fake.close();
      }
      // Client activity is logged to stderr, tagged with the test name.
      expect(command.output()).toMatch(/stream 1 \[test \d+\] open: HTTP 200/);
    } finally {
      command.child.kill();
    }
  });

  test('an invalid --port is refused with a message', async () => {
    const command = run(['--port', 'eighty']);
    expect(await command.exited).not.toBe(0);
    expect(command.output()).toMatch(/port/);
  });
});
