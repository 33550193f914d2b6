// A flood of config writes through browser mode, as two open pages see it: 300 pipelined
// `connections:save` commands are each answered once their change is on disk (the file holds all
// of them when the last answer arrives), a command that writes nothing is not held up behind the
// burst's writes, and the other page gets a list push per write, not one per save. The timing
// figures are in `npm run bench -- --only config`.

import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { SavedConnection } from '../../main/contract.ts';
import { CONFIG_FILE_NAME } from '../../main/core/config/config-document.ts';
import { startServe, type Serving } from '../../main/server/serve.ts';
import { makeRendererFolder, TestClient } from './browser-server-fixture.ts';

const BURST = 300;

let serving: Serving | undefined;
const pages: TestClient[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) page.close();
  await serving?.close();
  serving = undefined;
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function openPage(pageUrl: string): Promise<TestClient> {
  const page = new URL(pageUrl);
  const ws = new WebSocket(`ws://${page.host}/ws${page.search}`, { origin: page.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const client = new TestClient(ws);
  pages.push(client);
  return client;
}

test('a burst of saves is answered once on disk, without holding up other commands or flooding the other page', async () => {
  const renderer = await makeRendererFolder();
  const dataDir = await mkdtemp(join(tmpdir(), 'sse-scope-burst-'));
  folders.push(renderer.root, dataDir);
  serving = await startServe({ port: 0, dataDir, rendererDir: renderer.rendererDir, demo: false, version: '0.0.0-test', log: () => {} });
  const saver = await openPage(serving.url);
  const other = await openPage(serving.url);

  const saves = Array.from({ length: BURST }, (_, n) =>
    saver.call('connections:save', { connection: { name: `Feed ${n}`, url: `http://127.0.0.1:1/feed/${n}` } }),
  );
  const info = saver.call('app:info');

  const results = await Promise.all(saves);
  // The answer came after the write: the file holds every connection now.
  const onDisk = JSON.parse(await readFile(join(dataDir, CONFIG_FILE_NAME), 'utf8')) as { connections: SavedConnection[] };
  expect(results.every((result) => result.ok)).toBe(true);
  expect(onDisk.connections.map((connection) => connection.name)).toEqual(results.map((_, n) => `Feed ${n}`));

  // app:info, sent after the saves, was answered before the last of them: it waited for no write.
  expect((await info).ok).toBe(true);
  const answered = saver.messages.flatMap((message) => (message.type === 'result' ? [message.id] : []));
  expect(answered.indexOf(BURST + 1)).toBeLessThan(answered.indexOf(BURST));

  const lists = await other.until(() => {
    const pushed = other.pushes('connections:changed');
    return pushed.at(-1)?.length === BURST ? pushed : undefined;
  });
  // Not one full list per save: one per write (how many writes a burst takes depends on the disk).
  expect(lists.length).toBeLessThan(BURST / 3);
});
