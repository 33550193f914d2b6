// Backpressure from the capture file to the socket in the app core: a stream faster than the
// capture file can be written is read no faster than the file takes it, so what is stored but not
// yet in the file stays within the backlog bound and memory stays flat, whatever the rate; and a
// server that closes while the core is holding back its reads ends the session like any close.
// The capture file's writes are slowed to a few MB/s here (node:fs/promises is wrapped for .ndjson
// files).

import type * as FsPromises from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { CAPTURE_BACKLOG_BYTES } from '../../main/core/store/record-store.ts';
import { eventually, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { eventBytes, startCloseDelimitedServer, type CloseDelimitedServer } from '../helpers/close-delimited-server.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

const slowFile = vi.hoisted(() => ({ bytesPerSecond: 4 * 1024 * 1024 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    if (!String(args[0]).endsWith('.ndjson')) return handle;
    const write = handle.write.bind(handle) as (buffer: Buffer, offset: number, length: number) => Promise<{ bytesWritten: number }>;
    // Each write waits as long as a disk that takes `bytesPerSecond` would need for it.
    (handle as unknown as { write: typeof write }).write = async (buffer, offset, length) => {
      await new Promise((resolve) => setTimeout(resolve, (length / slowFile.bytesPerSecond) * 1000));
      return write(buffer, offset, length);
    };
    return handle;
  };
  return { ...fs, open, default: { ...fs, open } };
});

let server: FixtureServer;
let closingServer: CloseDelimitedServer | null = null;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness();
});
afterEach(async () => {
  await app.stop();
  await server.close();
  await closingServer?.close();
  closingServer = null;
});
afterAll(() => removeTempFolders());

/** Bytes of one /firehose event's line in a capture file, at most (a seq of up to 7 digits). */
const LINE_BYTES = '{"seq":1234567,"time":1796679605147,"kind":"event","type":"message","data":"0123456789","lastEventId":"","size":18}\n'
  .length;

async function linesIn(path: string): Promise<number> {
  const bytes = await readFile(path).catch(() => Buffer.alloc(0));
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  return lines;
}

it('reads a stream faster than the capture file takes it no faster than the file: the file stays within the backlog, memory flat', async () => {
  const connection = await app.call('connections:save', { connection: { name: 'Firehose', url: `${server.url}/firehose` } });
  const view = await app.call('sessions:open', { connectionId: connection.id });
  const captureFile = join(app.dataDir, 'captures', `${view.captureId}.ndjson`);
  const rssBefore = process.memoryUsage().rss;

  let worstBacklog = 0;
  let peakRss = rssBefore;
  let stored = 0;
  const until = performance.now() + 3000;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    stored = (await app.call('records:counts', { sessionId: view.id })).total;
    worstBacklog = Math.max(worstBacklog, stored - (await linesIn(captureFile)));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }

  // The file was written at a few MB/s: a few tens of thousands of records a second got through.
  expect(stored).toBeGreaterThan(10_000);
  // Stored but not yet in the file: never more than the backlog (and the chunk read just before
  // it was reached), instead of everything the socket could deliver.
  expect(worstBacklog * LINE_BYTES).toBeLessThanOrEqual(2 * CAPTURE_BACKLOG_BYTES);
  expect(peakRss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  // The view was told it is behind.
  expect(app.pushes.of('session:state').some((state) => state.id === view.id && state.catchingUp)).toBe(true);
});

it('a server that closes while the core holds back its reads: every event is stored and the session ends', async () => {
  // One 6 MiB event puts more than the backlog in front of the slow file, so the core stops reading;
  // then the last bytes the HTTP client buffers before it pauses, and the close, arrive.
  const big = `data: ${'x'.repeat(6 * 1024 * 1024)}\n\n`;
  const tail = eventBytes(64 * 1024);
  let sendTail!: () => void;
  const tailMayGo = new Promise<void>((resolve) => (sendTail = resolve));
  closingServer = await startCloseDelimitedServer(async ({ socket }) => {
    socket.write(big);
    await tailMayGo;
    socket.end(tail.text);
  });
  const connection = await app.call('connections:save', {
    connection: { name: 'Closing', url: closingServer.url, reconnect: { enabled: false } },
  });
  const view = await app.call('sessions:open', { connectionId: connection.id });
  const counts = () => app.call('records:counts', { sessionId: view.id });
  await eventually(async () => (await counts()).byKind.event === 1, 'the big event stored');
  sendTail();

  await app.pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed', 20_000);
  const stored = await counts();
  expect(stored.byKind.error ?? 0).toBe(0);
  expect(stored.byKind.event).toBe(1 + tail.events);
  const records = await app.call('records:latest', { sessionId: view.id, count: 1 });
  expect(records).toMatchObject([{ kind: 'closed', reason: 'ended' }]);
});
