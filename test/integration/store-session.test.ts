// A real Session feeding a store from a local SSE server: the capture on disk reopens as the same
// timeline the Session delivered, and the store answers ranges from the file past its window.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { Session } from '../../main/core/sse/session.ts';
import { CaptureWriter } from '../../main/core/store/capture-writer.ts';
import { RecordStore } from '../../main/core/store/record-store.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

let server: FixtureServer;
let folder: string;
beforeEach(async () => {
  server = await startFixtureServer();
  folder = await mkdtemp(join(tmpdir(), 'store-session-'));
});
afterEach(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

it('captures a live stream to disk and reopens it exactly', async () => {
  server.route('/mixed', (_req, res) => {
    startSse(res);
    let text = 'retry: 2000\n\n';
    for (let i = 1; i <= 600; i++) {
      text += i % 50 === 0 ? `: keep-alive ${i}\n` : '';
      text += `id: ${i}\nevent: ${i % 3 === 0 ? 'delta' : 'message'}\ndata: {"i":${i},"text":"é ${i}"}\n\n`;
    }
    res.end(text);
  });
  const path = join(folder, 'live.ndjson');
  const store = new RecordStore({ windowSize: 100, capture: await CaptureWriter.create(path) });
  const delivered: SseRecord[] = [];
  await new Promise<void>((resolve) => {
    const session = new Session({
      url: `${server.url}/mixed`,
      fetch: createNodeFetch(),
      reconnect: { enabled: false },
      onRecords: (batch) => {
        delivered.push(...batch);
        store.append(batch);
        if (batch.some((r) => r.kind === 'closed')) resolve();
      },
    });
    session.start();
  });
  await store.close();

  // open + retry + 600 events + 12 comments + closed
  expect(store.total).toBe(615);
  expect(await store.range(1, 1000)).toEqual(delivered);
  expect(store.counts().byType).toEqual([
    { type: 'message', count: 400 },
    { type: 'delta', count: 200 },
  ]);

  const { store: reopened, notices } = await RecordStore.open(path, { windowSize: 100 });
  expect(notices).toEqual([]);
  expect(await reopened.range(1, 1000)).toEqual(delivered);
  const search = await reopened.search('type:delta data.text~"é 3"');
  expect(search.status === 'done' && search.result.seqs).toEqual(
    delivered.filter((r) => r.kind === 'event' && r.type === 'delta' && JSON.parse(r.data).text.startsWith('é 3')).map((r) => r.seq),
  );
});
