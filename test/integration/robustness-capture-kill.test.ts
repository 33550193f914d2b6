// Nothing the timeline has shown is lost when the app dies: browser mode (the built dist/server.js,
// the real app core in its own process) records a stream sent as fast as the socket takes it; a
// page's WebSocket watches the live pushes; then the process is killed with SIGKILL, with no
// chance to flush. Every record a push had shown must be in the capture file, and what was stored
// but not yet written is at most the backlog the core lets wait for the file, never most of it.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { SseRecord, StoreCounts } from '../../main/contract.ts';
import { CAPTURE_BACKLOG_BYTES } from '../../main/core/store/record-store.ts';
import { removeTempFolders, tempFolder } from '../helpers/app-core-harness.ts';
import { ensureCliBuilt } from '../helpers/build-once.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { makeRendererFolder, TestClient, tryConnect, type RendererFolder } from './browser-server-fixture.ts';
import { WebSocket } from 'ws';

const SERVER_SCRIPT = join(import.meta.dirname, '../../dist/server.js');
const READY = /open (http:\/\/127\.0\.0\.1:\d+\/\S+)/;
/** A /firehose record's capture line, at most (seq of up to 7 digits). */
const LINE_BYTES = 120;

let renderer: RendererFolder;
let server: FixtureServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await ensureCliBuilt(); // builds dist/server.js with it
  renderer = await makeRendererFolder();
  server = await startFixtureServer();
}, 60_000);
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await server.close();
  await rm(renderer.root, { recursive: true, force: true });
  await removeTempFolders();
});

/** `node dist/server.js` on a data folder; resolves with the page URL it prints. */
async function startBrowserMode(dataDir: string): Promise<{ child: ChildProcess; pageUrl: string; exited: Promise<unknown> }> {
  const child = spawn(
    process.execPath,
    [SERVER_SCRIPT, '--port', '0', '--no-demo', '--data-dir', dataDir, '--renderer-dir', renderer.rendererDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stdout = '';
  const pageUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const match = READY.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`browser mode exited before it was ready:\n${stdout}`)));
  });
  return { child, pageUrl, exited };
}

async function connectPage(pageUrl: string): Promise<TestClient> {
  const page = new URL(pageUrl);
  const ws = await tryConnect(`ws://${page.host}/ws?token=${encodeURIComponent(page.searchParams.get('token')!)}`, { origin: page.origin });
  if (!(ws instanceof WebSocket)) throw new Error(`refused: ${ws.status} ${ws.body}`);
  return new TestClient(ws);
}

async function call<T>(client: TestClient, name: string, payload?: unknown): Promise<T> {
  const result = await client.call(name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** The complete lines of a capture file (a line torn by the kill is not one). */
async function capturedRecords(path: string): Promise<SseRecord[]> {
  const text = await readFile(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);
}

it('a kill -9 while a fast stream records loses nothing the timeline was shown, and at most the backlog', async () => {
  const dataDir = await tempFolder();
  const { child, pageUrl, exited } = await startBrowserMode(dataDir);
  const page = await connectPage(pageUrl);
  const connection = await call<{ id: string }>(page, 'connections:save', {
    connection: { name: 'Firehose', url: `${server.url}/firehose` },
  });
  const session = await call<{ id: string; captureId: string }>(page, 'sessions:open', { connectionId: connection.id });

  /** The newest seq a live push has shown the page. */
  const shownSeq = () => {
    let newest = 0;
    for (const push of page.pushes('session:records')) {
      if (push.sessionId === session.id) newest = Math.max(newest, push.records.at(-1)?.seq ?? 0);
    }
    return newest;
  };
  await page.until(() => (shownSeq() >= 200_000 ? true : undefined), 20_000);
  const stored = (await call<StoreCounts>(page, 'records:counts', { sessionId: session.id })).total;
  child.kill('SIGKILL');
  const shown = shownSeq();
  await exited;
  page.close();

  const captures = await readdir(join(dataDir, 'captures'));
  expect(captures).toContain(`${session.captureId}.ndjson`);
  const records = await capturedRecords(join(dataDir, 'captures', `${session.captureId}.ndjson`));
  // The file holds a gap-free run from the first record on...
  expect(records.every((record, index) => record.seq === index + 1)).toBe(true);
  // ...with every record a push had shown,
  expect(records.length).toBeGreaterThanOrEqual(shown);
  // and of what had been stored, at most the backlog is missing.
  expect((stored - records.length) * LINE_BYTES).toBeLessThanOrEqual(2 * CAPTURE_BACKLOG_BYTES);
});
