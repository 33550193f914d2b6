// Moving in from another API client, end to end in Chromium against browser mode: a Postman
// collection and its environment chosen as files (browser mode has no keychain, so the user allows
// unencrypted secrets from the error's "Open Settings"), previewed as a tree and imported into
// their folders, with the {{apiKey}} the environment lacks typed in on the way; one of its
// connections streams from a local server with that key as its Bearer token, and its session is
// exported with its secrets masked, then, when asked, with them; a Bruno collection chosen as a
// folder; a curl command whose $TOKEN the user fills in while importing, so its first connect is
// authorised; and the whole collection exported as a download and imported back.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect as vitestExpect, it } from 'vitest';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import type { AppPage } from './pages/app-page.ts';
import { exportCollection, ImportDialogPage } from './pages/import-dialog-page.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { sseBlock } from './support/feeds.ts';
import { repoRoot } from './support/repo-root.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

const FIXTURES = join(repoRoot(), 'test/fixtures/import');

let feed: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;
let page: Page;
let app: AppPage;
let files: string;
/** The request line's target of the last /api/prices/stream request. */
let pricesTarget: string | undefined;
const API_KEY = 'key-e2e-7c1';

beforeAll(async () => {
  feed = await startFixtureServer();
  feed.route('/api/prices/stream', (req, res) => {
    pricesTarget = req.url;
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401).end('no key');
      return;
    }
    // The server says which token it saw: a secret in the session's records.
    startSse(res, { 'x-seen-authorization': req.headers.authorization });
    res.write(sseBlock({ type: 'price', id: '1', data: '{"BTC": 64000}' }));
    res.end(sseBlock({ type: 'price', id: '2', data: '{"ETH": 3100}' }));
  });
  feed.route('/chat', (req, res) => {
    if (req.headers.authorization !== 'Bearer tok-e2e-42') {
      res.writeHead(401).end('who are you?');
      return;
    }
    startSse(res);
    res.end(sseBlock({ type: 'delta', id: '1', data: '{"text": "hello"}' }));
  });
  files = await mkdtemp(join(tmpdir(), 'sse-scope-import-e2e-'));
  // The user's own Postman environment for their local server: the staging one, pointed here, and
  // without the apiKey (the user keeps it elsewhere).
  const staging = JSON.parse(await readFile(join(FIXTURES, 'postman/staging.postman_environment.json'), 'utf8')) as {
    name: string;
    values: { key: string; value: string }[];
  };
  staging.name = 'Local';
  staging.values.find((value) => value.key === 'baseUrl')!.value = `${feed.url}/api`;
  staging.values = staging.values.filter((value) => value.key !== 'apiKey');
  await writeFile(join(files, 'local.postman_environment.json'), JSON.stringify(staging, null, 2));

  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
  ({ page, app } = opened);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
  if (files) await rm(files, { recursive: true, force: true });
});

/** The text of a file the browser downloaded. */
async function readDownload(download: Download): Promise<string> {
  const path = join(files, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return readFile(path, 'utf8');
}

describe('Moving in from another API client', () => {
  it('imports a Postman collection with its environment file into their folders, and the variable it lacks', async () => {
    const dialog = await ImportDialogPage.open(page);
    await dialog.chooseFiles([join(FIXTURES, 'postman/sse-demo.postman_collection.json'), join(files, 'local.postman_environment.json')]);
    await expect(dialog.chosen).toContainText('2 files');
    await dialog.preview();
    // Its Basic auth password is a secret, and browser mode has no keychain to encrypt it.
    await expect(dialog.error).toContainText('No OS keychain is available to encrypt secrets');
    await dialog.allowUnencryptedSecrets();
    await dialog.preview();

    await expect(dialog.heading).toHaveText('This will create 7 connections and 1 environment');
    await expect(dialog.folder('SSE Demo API/Streams')).toContainText('Live prices');
    await expect(dialog.folder('SSE Demo API/Streams/Admin')).toContainText('Replay a stream');
    await expect(dialog.warnings).toContainText('Postman tests are not run');
    await expect(dialog.dialog).not.toContainText('s3cret-admin');
    // The collection's Bearer auth uses {{apiKey}}, which the environment does not define.
    await expect(dialog.variables.getByRole('radio', { name: 'In the imported environment, “Local”' })).toBeChecked();
    await expect(dialog.variables.getByRole('checkbox', { name: 'Make “Local” the active environment' })).toBeChecked();
    const value = dialog.variables.getByLabel('Value of apiKey');
    await expect(value).toHaveAttribute('type', 'password');
    await value.fill(API_KEY);
    vitestExpect(await dialog.import()).toBe('Imported 7 connections and 1 environment.');
    await expect(dialog.dialog.getByRole('status')).toContainText('The variables are in the environment “Local”.');
    await dialog.done();

    await expect(app.folder('SSE Demo API/Streams').getByRole('button', { name: 'Live prices', exact: true })).toBeVisible();
    await expect(app.folder('SSE Demo API/Streams/Admin').getByRole('button', { name: 'Replay a stream', exact: true })).toBeVisible();
    await expect(app.folder('SSE Demo API').getByRole('button', { name: 'Chat completion', exact: true })).toBeVisible();
  });

  it('connects an imported connection through the imported environment, with the key typed while importing', async () => {
    await expect(app.environment.locator('option:checked')).toHaveText('Local');
    const session = await app.openConnection('Live prices');
    await expect(session.eventRow('price', '1')).toBeVisible();
    await expect(session.eventRow('price', '2')).toBeVisible();
    const request = feed.requests.find((candidate) => candidate.path === '/api/prices/stream')!;
    vitestExpect(request.headers['accept']).toBe('text/event-stream');
    vitestExpect(pricesTarget).toBe('/api/prices/stream?symbols=BTC,ETH');
    vitestExpect(request.headers['authorization']).toBe(`Bearer ${API_KEY}`);

    // Exported as it is, the key is masked; with "Include secret values", it is as it arrived.
    const masked = await readDownload(await session.exportAs('NDJSON'));
    vitestExpect(masked).toContain('BTC');
    vitestExpect(masked).not.toContain(API_KEY);
    const unmasked = await readDownload(await session.exportAs('NDJSON', 'Whole session', { includeSecrets: true }));
    vitestExpect(unmasked).toContain(`Bearer ${API_KEY}`);
  });

  it('imports a Bruno collection chosen as a folder, its folders kept', async () => {
    const dialog = await ImportDialogPage.open(page);
    await dialog.chooseFolder(join(FIXTURES, 'bruno/SSE Demo'));
    await expect(dialog.chosen).toContainText('Folder SSE Demo: 12 files');
    await dialog.preview();
    await expect(dialog.heading).toHaveText('This will create 5 connections and 2 environments');
    await expect(dialog.folder('SSE Demo/Live streams')).toContainText(/Live prices \(2\).*named “Live prices” in the file/);
    await expect(dialog.folder('SSE Demo/Live streams/Admin')).toContainText('Replay a stream (2)');
    await expect(dialog.warnings).toContainText('broken.bru was left out');
    await dialog.variables.getByRole('radio', { name: 'In the active environment, “Local”' }).check();
    await expect(dialog.variables).toContainText('Already in “Local”: {{password}}.');
    vitestExpect(await dialog.import()).toBe('Imported 5 connections and 2 environments.');
    await dialog.done();

    await expect(app.folder('SSE Demo/Live streams').getByRole('button', { name: 'Live prices (2)', exact: true })).toBeVisible();
    await expect(app.folder('SSE Demo').getByRole('button', { name: 'Login', exact: true })).toBeVisible();
  });

  it('imports a curl command whose $TOKEN is filled in on the way, so the first connect is authorised', async () => {
    const dialog = await ImportDialogPage.open(page);
    await dialog.paste(`curl -N ${feed.url}/chat -H "Authorization: Bearer $TOKEN"`);
    await dialog.preview();
    await expect(dialog.variables.getByRole('radio', { name: 'In the active environment, “Local”' })).toBeChecked();
    const value = dialog.variables.getByLabel('Value of TOKEN');
    await expect(value).toHaveAttribute('type', 'password');
    await value.fill('tok-e2e-42');
    await dialog.import();
    await dialog.done();

    const name = `${new URL(feed.url).host}/chat`;
    const session = await app.openConnection(name);
    await expect(session.eventRow('delta', '1')).toBeVisible();
  });

  it('exports the collection as a download, without secrets, imports it back, and exports it with them when asked', async () => {
    const download = await exportCollection(page);
    const path = join(files, download.suggestedFilename());
    await download.saveAs(path);
    const text = await readFile(path, 'utf8');
    vitestExpect(JSON.parse(text).connections).toHaveLength(13);
    vitestExpect(text).not.toContain('s3cret-admin');
    vitestExpect(text).not.toContain('tok-e2e-42');
    vitestExpect(text).not.toContain(API_KEY);

    const dialog = await ImportDialogPage.open(page);
    await dialog.chooseFiles([path]);
    await dialog.preview();
    await expect(dialog.heading).toHaveText('This will create 13 connections and 3 environments');
    await expect(dialog.folder('SSE Demo API/Streams')).toContainText(/Live prices \(3\).*named “Live prices” in the file/);
    await expect(dialog.warnings).toContainText('were left out of the file: enter them again before connecting.');
    vitestExpect(await dialog.import()).toBe('Imported 13 connections and 3 environments.');
    await dialog.done();
    await expect(app.folder('SSE Demo API/Streams').getByRole('button', { name: 'Live prices (3)', exact: true })).toBeVisible();

    // Asked for, the file holds the secrets as they are: the folder's Basic password, the typed key.
    const full = await readDownload(await exportCollection(page, { includeSecrets: true }));
    vitestExpect(full).toContain('s3cret-admin');
    vitestExpect(full).toContain(API_KEY);
    vitestExpect(opened.errors).toEqual([]);
  });
});
