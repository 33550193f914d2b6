// Disk limits in the app core. A capture stops at settings.maxCaptureMb with a closed record that
// says which limit it reached. The captures folder's size cap never deletes a capture without a
// word: the captures that would go are named in a warning first and deleted only after a grace
// period, a kept capture is never deleted, and the notice of a deletion names what went.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosedRecord } from '../../main/common/records.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { eventBlocks, removeTempFolders, startHarness, tempFolder, type Harness } from '../helpers/app-core-harness.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { makeRecords } from '../unit/store/make-records.ts';

const MB = 1024 * 1024;

let server: FixtureServer;
let app: Harness | null = null;

beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  await app?.stop();
  app = null;
  await server.close();
});
afterAll(() => removeTempFolders());

/** A session on the /firehose route, run until its capture's size limit closes it; the capture's id. */
async function firehoseUntilLimit(harness: Harness, name: string): Promise<{ sessionId: string; captureId: string }> {
  const connection = await harness.call('connections:save', { connection: { name, url: `${server.url}/firehose` } });
  const view = await harness.call('sessions:open', { connectionId: connection.id });
  await harness.pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed', 20_000);
  return { sessionId: view.id, captureId: view.captureId! };
}

describe('the size limit of one capture', () => {
  it('ends the session with a closed record that names the limit; the file stays near it; it will not connect again', async () => {
    app = await startHarness();
    await app.call('settings:update', { maxCaptureMb: 1 });
    const { sessionId, captureId } = await firehoseUntilLimit(app, 'Firehose');

    const [closed] = (await app.call('records:latest', { sessionId, count: 1 })) as ClosedRecord[];
    expect(closed).toMatchObject({ kind: 'closed', reason: 'limit', message: expect.stringContaining('size limit of 1 MB') });
    await expect(app.call('sessions:connect', { sessionId })).rejects.toThrow(/size limit of 1 MB.*Clear the session/);
    await app.call('sessions:dispose', { sessionId });
    const { size } = await stat(join(app.dataDir, 'captures', `${captureId}.ndjson`));
    expect(size).toBeGreaterThanOrEqual(MB);
    expect(size).toBeLessThan(2 * MB); // past the limit by the last chunk's records at most

    const again = await app.call('sessions:open', {
      connectionId: (await app.call('connections:list', undefined)).find((c) => c.name === 'Firehose')!.id,
    });
    expect(again.captureId).not.toBe(captureId); // a new session records into a new capture
  });
});

describe('the captures size cap', () => {
  /** Twenty small finished captures, made before the app starts (as earlier runs would have). */
  async function earlierCaptures(dataDir: string): Promise<string[]> {
    const library = new CaptureLibrary(join(dataDir, 'captures'));
    const ids: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const live = await library.create({ name: `earlier ${n}` });
      live.store.append(makeRecords(50));
      await live.finish();
      ids.push(live.id);
    }
    return ids;
  }

  /** Two fast sessions (1.2 MB each, then the stream ends) whose captures fill the folder past its 2 MB cap as they finish. */
  async function twoFastSessions(harness: Harness): Promise<void> {
    const padding = 'x'.repeat(1000);
    server.route('/burst', (_req, res) => {
      startSse(res);
      res.end(eventBlocks(1, 1200, (n) => `data: ${n} ${padding}\n\n`));
    });
    for (const name of ['Fast 1', 'Fast 2']) {
      const connection = await harness.call('connections:save', {
        connection: { name, url: `${server.url}/burst`, reconnect: { enabled: false } },
      });
      const view = await harness.call('sessions:open', { connectionId: connection.id });
      await harness.pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed');
      await harness.call('sessions:dispose', { sessionId: view.id });
    }
  }

  it('names the captures it will delete, deletes them only after a grace period, and says what it deleted', async () => {
    const dataDir = await tempFolder();
    const earlier = await earlierCaptures(dataDir);
    app = await startHarness({ dataDir, sizeCapGraceMs: 2000 });
    await app.call('settings:update', { captureSizeCapMb: 2 });
    await twoFastSessions(app);

    // Nothing is gone yet: a warning names what will go.
    const listed = (await app.call('captures:list', undefined)).map((capture) => capture.id);
    for (const id of earlier) expect(listed).toContain(id);
    const warning = app.pushes.of('app:notice').find((notice) => notice.message.includes('will be deleted'));
    expect(warning).toEqual({ level: 'warning', message: expect.stringContaining('In 2 seconds, ') });
    expect(warning!.message).toContain('"earlier 1"');

    // After the grace period the named ones go, and the notice names them.
    const deleted = await app.pushes.next('app:notice', (notice) => notice.message.startsWith('Deleted'), 10_000);
    expect(deleted.message).toContain('"earlier 1"');
    const after = (await app.call('captures:list', undefined)).map((capture) => capture.id);
    expect(after).not.toContain(earlier[0]);
    expect(
      app.pushes
        .of('captures:changed')
        .at(-1)!
        .map((capture) => capture.id),
    ).toEqual(after);
  });

  it('never deletes a capture the user kept', async () => {
    const dataDir = await tempFolder();
    const earlier = await earlierCaptures(dataDir);
    app = await startHarness({ dataDir, sizeCapGraceMs: 0 });
    await app.call('settings:update', { captureSizeCapMb: 2 });
    await app.call('captures:keep', { captureId: earlier[0]!, kept: true }); // the oldest
    expect((await app.call('captures:list', undefined)).find((c) => c.id === earlier[0])).toMatchObject({ kept: true });
    await twoFastSessions(app);

    const deleted = await app.pushes.next('app:notice', (notice) => notice.message.startsWith('Deleted'));
    expect(deleted.message).toContain('"earlier 2"');
    expect(deleted.message).not.toContain('"earlier 1"');
    const after = (await app.call('captures:list', undefined)).map((capture) => capture.id);
    expect(after).toContain(earlier[0]);
    expect(after).not.toContain(earlier[1]);
  });

  it('warns once when the folder nears its cap, and deletes nothing for it', async () => {
    const dataDir = await tempFolder();
    const library = new CaptureLibrary(join(dataDir, 'captures'));
    const big = await library.create({ name: 'big earlier' });
    for (let seq = 1; big.store.captureBytes < 0.93 * MB; seq += 100) big.store.append(makeRecords(100, seq));
    await big.finish();
    app = await startHarness({ dataDir });

    await app.call('settings:update', { captureSizeCapMb: 1 });
    // A small capture finishing checks again: still near, no second warning.
    const connection = await app.call('connections:save', { connection: { name: 'One', url: `${server.url}/counter?count=1` } });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await app.pushes.next('session:state', (state) => state.id === view.id && state.status === 'reconnecting');
    await app.call('sessions:dispose', { sessionId: view.id });
    const nearing = app.pushes.of('app:notice').filter((notice) => notice.message.includes('of its 1.0 MB cap'));
    expect(nearing).toEqual([
      {
        level: 'warning',
        message: expect.stringMatching(
          /^The captures folder holds 0\.9 MB of its 1\.0 MB cap\. When it is full, the oldest finished captures are deleted/,
        ),
      },
    ]);
    expect((await app.call('captures:list', undefined)).map((capture) => capture.id)).toEqual([view.captureId, big.id]);
  });
});
