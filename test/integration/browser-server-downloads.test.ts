// Exports in browser mode, through the real server: the app core writes to the path a save target
// names, the view gets a download URL, and that URL needs the token, serves the file once, and
// expires; close() deletes whatever is left.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FileOutcome } from '../../main/contract.ts';
import { startTestServer, type Started } from './browser-server-fixture.ts';
import type { BrowserServerOptions } from '../../main/server/browser-server.ts';

let started: Started | undefined;
let tempRoot: string | undefined;
const start = async (options: Partial<BrowserServerOptions> = {}) => (started = await startTestServer(options));
/** A folder for the server's download folder, so a test can look at what is left in it. */
const makeTempRoot = async () => (tempRoot = await mkdtemp(join(tmpdir(), 'sse-scope-downloads-test-')));
afterEach(async () => {
  await started?.close();
  started = undefined;
  if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
  tempRoot = undefined;
});

const CONTENT = '{"seq":1,"kind":"event","data":"é"}\n';

/** Saves CONTENT as the app core would: write to the target's path, then ask for the outcome. */
async function exportFile(s: Started, suggestedName: string) {
  const target = await s.server.downloads.saveTarget(suggestedName);
  if (!target) throw new Error('no save target');
  await writeFile(target.path, CONTENT);
  const outcome = target.outcome({ records: 1, bytes: Buffer.byteLength(CONTENT) });
  if (outcome.status !== 'download') throw new Error(`expected a download, got ${outcome.status}`);
  return { target, outcome };
}

const fetchFrom = (s: Started, path: string, init?: RequestInit) => fetch(new URL(path, s.origin), init);
const withoutToken = (url: string) => url.replace(/\?.*$/, '');

test('a download needs the token and is served once, as an attachment', async () => {
  const s = await start();
  const { outcome } = await exportFile(s, 'Demo feed — export.ndjson');
  expect(outcome).toMatchObject({
    status: 'download',
    fileName: 'Demo feed — export.ndjson',
    records: 1,
    bytes: Buffer.byteLength(CONTENT),
  });
  expect(outcome.url).toMatch(/^\/downloads\/[0-9a-f]{32}\/.+\?token=/);

  expect((await fetchFrom(s, withoutToken(outcome.url))).status).toBe(403);
  expect((await fetchFrom(s, `${withoutToken(outcome.url)}?token=wrong`)).status).toBe(403);

  const head = await fetchFrom(s, outcome.url, { method: 'HEAD' });
  expect(head.status).toBe(200);
  const response = await fetchFrom(s, outcome.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe(
    `attachment; filename="Demo feed _ export.ndjson"; filename*=UTF-8''${encodeURIComponent('Demo feed — export.ndjson')}`,
  );
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(await response.text()).toBe(CONTENT);

  const again = await fetchFrom(s, outcome.url);
  expect(again.status).toBe(404);
  expect(await again.text()).toMatch(/fetched already or has expired/);
});

test('an export still being written cannot be fetched', async () => {
  const s = await start();
  const target = await s.server.downloads.saveTarget('slow.csv');
  await writeFile(target!.path, 'half');
  // The outcome (and so the URL) comes only when the file is complete; guess the URL meanwhile.
  const id = target!.path.split(/[\\/]/).at(-2)!;
  const early = await fetchFrom(s, `/downloads/${id}/slow.csv?token=${s.server.token}`);
  expect(early.status).toBe(409);
  const { url } = target!.outcome({ records: 0, bytes: 4 }) as Extract<FileOutcome, { status: 'download' }>;
  expect(await (await fetchFrom(s, url)).text()).toBe('half');
});

test('a suggested name cannot place the file outside its download folder', async () => {
  const root = await makeTempRoot();
  const s = await start({ downloads: { tempRoot: root } });
  const { target, outcome } = await exportFile(s, '../../etc/passwd');
  expect(outcome.fileName).toBe('passwd');
  // <root>/sse-scope-downloads-XXXX/<id>/passwd
  expect(dirname(dirname(dirname(target.path)))).toBe(root);
  expect((await exportFile(s, '..')).outcome.fileName).toBe('export');
  expect((await exportFile(s, 'a\\b:c?.csv')).outcome.fileName).toBe('b_c_.csv');
});

test('an unfetched download expires, and close() deletes everything', async () => {
  const root = await makeTempRoot();
  const s = await start({ downloads: { expireMs: 30, tempRoot: root } });
  const { outcome } = await exportFile(s, 'a.json');
  const second = await exportFile(s, 'b.json');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await fetchFrom(s, outcome.url)).status).toBe(404);
  expect((await fetchFrom(s, second.outcome.url)).status).toBe(404);

  const pending = await s.server.downloads.saveTarget('c.json');
  await writeFile(pending!.path, CONTENT);
  await s.server.close();
  expect(await readdir(root)).toEqual([]);
});

test('browser mode has no file picker for imports', async () => {
  const s = await start();
  expect(await s.server.downloads.pickImportFile()).toBeNull();
});
