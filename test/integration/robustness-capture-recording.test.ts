// Captures the app must not delete, with real processes and files: one `sse-scope capture --save`
// (the built CLI) is recording into the app's data folder while the app runs, and one the app has
// open in a session. The size cap passes over both and takes a finished one instead; once the CLI
// is killed its capture is finished as far as the app knows (but kept, as saved on purpose, until
// the user lets it go), and once the session is closed its capture can go.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { CaptureView } from '../../main/contract.ts';
import {
  eventBlocks,
  eventually,
  liveRoute,
  removeTempFolders,
  startHarness,
  tempFolder,
  type Harness,
} from '../helpers/app-core-harness.ts';
import { CLI_PATH, ensureCliBuilt } from '../helpers/build-once.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

/** ~1.2 MB of events: more than the smallest size cap (1 MB) on its own. */
const BIG_EVENTS = 1200;
const bigEvent = (n: number) => `data: ${String(n).padStart(6, '0')} ${'x'.repeat(1000)}\n\n`;
const MB = 1024 * 1024;

let server: FixtureServer;
let app: Harness;
const children: ChildProcess[] = [];

beforeAll(() => ensureCliBuilt(), 60_000);
beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness({ dataDir: await tempFolder() });
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await app.stop();
  await server.close();
});
afterAll(removeTempFolders);

const captures = () => app.call('captures:list', undefined);

async function captureWhere(check: (capture: CaptureView) => boolean, what: string): Promise<CaptureView> {
  let found: CaptureView | undefined;
  await eventually(async () => (found = (await captures()).find(check)) !== undefined, what);
  return found!;
}

/** A finished capture of the app's own: a session on a route that sends `text` and stays open, then closed. */
async function appCapture(name: string, text: string): Promise<string> {
  const route = liveRoute(server, `/${name}`);
  const connection = await app.call('connections:save', { connection: { name, url: route.url } });
  const view = await app.call('sessions:open', { connectionId: connection.id });
  await route.connected(1);
  route.write(text);
  const events = text.split('\n\n').length - 1;
  await eventually(
    async () => (await app.call('records:counts', { sessionId: view.id })).byKind.event === events,
    `${name}: ${events} events stored`,
  );
  await app.call('sessions:dispose', { sessionId: view.id });
  return view.captureId!;
}

it('never deletes a capture the CLI is recording into the same folder, until the CLI is gone', async () => {
  // The CLI starts first, so its capture is the oldest: the first the cap would take.
  const feed = liveRoute(server, '/cli-feed');
  const cli = spawn(
    process.execPath,
    [CLI_PATH, 'capture', feed.url, '--no-reconnect', '--save', 'from the CLI', '--data-dir', app.dataDir],
    {
      stdio: 'ignore',
    },
  );
  children.push(cli);
  const cliExited = new Promise((resolve) => cli.once('exit', resolve));
  await feed.connected(1);
  feed.write(eventBlocks(1, BIG_EVENTS, bigEvent));
  const recording = await captureWhere((capture) => capture.name === 'from the CLI' && capture.sizeBytes > MB, 'the CLI capture over 1 MB');
  expect(recording).toMatchObject({ recording: true, endedAt: null });

  const mine = await appCapture('finished-here', eventBlocks(1, 3));
  await expect(app.call('captures:delete', { captureId: recording.id })).rejects.toThrow(
    `still being recorded by another process (pid ${cli.pid})`,
  );
  await expect(app.call('captures:open', { captureId: recording.id })).rejects.toThrow('still being recorded by another process');

  await app.call('settings:update', { captureSizeCapMb: 1 });
  expect((await captures()).map((capture) => capture.id)).toEqual([recording.id]); // the finished one went
  expect(mine).not.toBe(recording.id);

  // Killed (no chance to finish): its mark is stale, so its capture is no longer recording; but it
  // was saved on purpose, so it is kept: the cap says it cannot fit, and deletes nothing.
  cli.kill('SIGKILL');
  await cliExited;
  expect(await captures()).toMatchObject([{ id: recording.id, recording: false, kept: true }]);
  await app.call('settings:update', { captureSizeCapMb: 2 });
  await app.call('settings:update', { captureSizeCapMb: 1 });
  expect(await captures()).toMatchObject([{ id: recording.id }]);
  expect(app.pushes.of('app:notice').at(-1)?.message).toMatch(
    /^The captures folder holds .* over its 1\.0 MB cap, but the captures left are kept/,
  );
  // Let go of, it is a finished capture like any.
  await app.call('captures:keep', { captureId: recording.id, kept: false });
  await app.call('settings:update', { captureSizeCapMb: 2 });
  await app.call('settings:update', { captureSizeCapMb: 1 });
  expect(await captures()).toEqual([]);
});

it('never deletes a capture open in a session to fit the size cap; once closed it can go', async () => {
  const big = await appCapture('big', eventBlocks(1, BIG_EVENTS, bigEvent));
  const small = await appCapture('small', eventBlocks(1, 3));
  const opened = await app.call('captures:open', { captureId: big });

  await app.call('settings:update', { captureSizeCapMb: 1 });
  expect((await captures()).map((capture) => capture.id)).toEqual([big]); // over the cap, but open: the other went
  const page = await app.call('records:range', { sessionId: opened.id, fromSeq: 1, count: 2 });
  expect(page.map((record) => record.kind)).toEqual(['open', 'event']); // still readable from its file

  await app.call('sessions:dispose', { sessionId: opened.id });
  await app.call('settings:update', { captureSizeCapMb: 2 });
  await app.call('settings:update', { captureSizeCapMb: 1 });
  expect(await captures()).toEqual([]);
  expect(small).not.toBe(big);
});
