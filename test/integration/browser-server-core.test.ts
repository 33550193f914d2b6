// Browser mode with the real app core, as `npm run serve` assembles it (in-process here): two pages
// through the renderer's api client see the same sessions and the same live records, a session
// opened from one page shows up in the other, and closing stops everything.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { SessionView } from '../../main/contract.ts';
import { startServe, type Serving } from '../../main/server/serve.ts';
import { createApiClient, createWsBridge, type SocketConstructor, type WsBridge } from '../../renderer/src/lib/api/index.ts';
import { eventually, makeRendererFolder } from './browser-server-fixture.ts';

let serving: Serving | undefined;
const bridges: WsBridge[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const bridge of bridges.splice(0)) bridge.close();
  await serving?.close();
  serving = undefined;
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function openPage(url: string) {
  const page = new URL(url);
  const WebSocketForPage = class extends WebSocket {
    constructor(address: string) {
      super(address, { origin: page.origin });
    }
  } as unknown as SocketConstructor;
  const bridge = createWsBridge({
    WebSocket: WebSocketForPage,
    location: { protocol: page.protocol, host: page.host, search: page.search },
  });
  bridges.push(bridge);
  const api = createApiClient(bridge);
  const records = new Map<string, number[]>();
  const lists: SessionView[][] = [];
  api.on('session:records', (batch) =>
    records.set(batch.sessionId, [...(records.get(batch.sessionId) ?? []), ...batch.records.map((r) => r.seq)]),
  );
  api.on('sessions:changed', (list) => lists.push(list));
  return { api, records, lists };
}

test('two pages see the same sessions and the same live records from the real core', async () => {
  const renderer = await makeRendererFolder();
  const dataDir = await mkdtemp(join(tmpdir(), 'sse-scope-serve-data-'));
  folders.push(renderer.root, dataDir);
  serving = await startServe({
    port: 0,
    dataDir,
    rendererDir: renderer.rendererDir,
    demo: { rate: 100, dropEvery: 0, heartbeatMs: 50 },
    version: '0.0.0-test',
    log: () => {},
  });
  const first = openPage(serving.url);
  const second = openPage(serving.url);

  const info = await first.api.call('app:info');
  expect(info).toMatchObject({ transport: 'browser', secretsEncrypted: false, dataDir });
  // The demo feed connects on start.
  const sessions = await first.api.call('sessions:list');
  expect(sessions.map((s) => s.name)).toEqual(['Demo feed']);
  expect((await second.api.call('sessions:list')).map((s) => s.id)).toEqual(sessions.map((s) => s.id));
  const demoId = sessions[0]!.id;
  await eventually(
    () => (first.records.get(demoId)?.length ?? 0) >= 5 && (second.records.get(demoId)?.length ?? 0) >= 5,
    'live records on both pages',
  );

  // A session opened from the second page shows up on the first.
  const chat = (await second.api.call('connections:list')).find((c) => c.method === 'POST')!;
  const opened = await second.api.call('sessions:open', { connectionId: chat.id });
  await eventually(() => first.lists.some((list) => list.some((s) => s.id === opened.id)), 'the new session on the first page');
  expect((await first.api.call('sessions:list')).map((s) => s.id).sort()).toEqual([demoId, opened.id].sort());

  await serving.close();
  serving = undefined;
  expect((await readdir(join(dataDir, 'captures'))).length).toBeGreaterThanOrEqual(2);
});
