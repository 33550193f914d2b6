// The Electron app end to end, with Playwright's Electron launcher: it starts with one locked-down
// window whose page sees only `window.scope`, seeds the demo feed on a first launch, and shows
// the events of a local server arriving (through a redirect, which the app's Chromium-based HTTP
// client must hand to the engine). Runs wherever the Electron binary is installed; elsewhere it
// reports itself skipped with the reason. Electron 45 downloads its binary on first
// require('electron'), so the binary is looked for without requiring it.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, CommandResult, SavedConnection, ScopeBridge, SessionView, SseRecord } from '../../main/contract.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

type Located = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The Electron binary, found as node_modules/electron/index.js finds it (path.txt names it inside
 * dist/, or inside ELECTRON_OVERRIDE_DIST_PATH) but without its download when it is missing.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): Located {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { ok: false, reason: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, name || 'electron');
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${path}, which does not exist` };
  }
  if (!name) {
    return {
      ok: false,
      reason:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing; ' +
        'run `node node_modules/electron/install.js` with network access)',
    };
  }
  const path = join(packageDir, 'dist', name);
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `the Electron binary ${path} is missing` };
}

/** Why the app cannot be run here, or null when it can. */
function cannotRun(): { reason: string } | { path: string } {
  const binary = findElectronBinary(ROOT);
  if (!binary.ok) return { reason: binary.reason };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (set DISPLAY, or run the tests under xvfb-run)' };
  }
  return { path: binary.path };
}

const runnable = cannotRun();
const title = 'reason' in runnable ? `the Electron app (skipped: ${runnable.reason})` : 'the Electron app';
// Vitest's default reporter folds a skipped file into one line: say why where everyone sees it.
if ('reason' in runnable) console.warn(`Electron end-to-end tests skipped: ${runnable.reason}`);

/** The page's global scope as these tests see it (the page functions run in the renderer). */
type PageGlobal = {
  scope: ScopeBridge;
  /** Every live record pushed to the page, with its session (the demo feed streams too). */
  seen: { sessionId: string; record: SseRecord }[];
  require?: unknown;
  process?: unknown;
  ipcRenderer?: unknown;
};

describe.skipIf('reason' in runnable)(title, () => {
  let app: ElectronApplication;
  let page: Page;
  let server: FixtureServer;
  let dataDir: string;

  /** Runs a command in the page through window.scope, as the renderer does; throws on an error result. */
  async function call<T>(name: string, payload?: unknown): Promise<T> {
    const result = (await page.evaluate(
      ([name, payload]) => (globalThis as unknown as PageGlobal).scope.call(name as 'app:info', payload as undefined),
      [name, payload] as const,
    )) as CommandResult<T>;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  beforeAll(async () => {
    if (!('path' in runnable)) return;
    if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');
    // The main process and preload as the sources are now.
    await promisify(execFile)(process.execPath, ['scripts/build-electron.mjs'], { cwd: ROOT });
    server = await startFixtureServer();
    dataDir = mkdtempSync(join(tmpdir(), 'sse-scope-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    app = await electron.launch({
      executablePath: runnable.path,
      args: ['.'],
      cwd: ROOT,
      env: { ...env, SSE_SCOPE_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForFunction(() => 'scope' in globalThis, undefined, { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window on the built renderer, served over app://', async () => {
    expect(await page.title()).toBe('SSE Scope');
    expect(page.url()).toBe('app://renderer/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('gives the page window.scope with call and on, and no Node or Electron', async () => {
    const seen = await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobal;
      return {
        scope: Object.keys(page.scope).sort(),
        require: typeof page.require,
        process: typeof page.process,
        ipcRenderer: typeof page.ipcRenderer,
      };
    });
    expect(seen).toEqual({ scope: ['call', 'on'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
  });

  it('answers app:info as the Electron app, with the package version', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const info = await call<AppInfo>('app:info');
    expect(info).toMatchObject({ name: 'SSE Scope', transport: 'electron', version, dataDir });
    expect(info.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('saves the demo feed connection on the first launch', async () => {
    const connections = await call<SavedConnection[]>('connections:list');
    expect(connections.map((c) => c.name)).toContain('Demo feed');
  });

  it('shows the events of a connection to a local server arriving, through a redirect', async () => {
    await page.evaluate(() => {
      const win = globalThis as unknown as PageGlobal;
      win.seen = [];
      win.scope.on('session:records', ({ sessionId, records }: { sessionId: string; records: SseRecord[] }) => {
        for (const record of records) win.seen.push({ sessionId, record });
      });
    });
    const connection = await call<SavedConnection>('connections:save', {
      connection: { name: 'Fixture counter', url: `${server.url}/redirect?status=307` },
    });
    const session = await call<SessionView>('sessions:open', { connectionId: connection.id });
    expect(session.connectionId).toBe(connection.id);

    // Page functions are sent as source, so the filter is written out in each.
    await page.waitForFunction(
      (sessionId) =>
        (globalThis as unknown as PageGlobal).seen.filter(({ sessionId: id, record }) => id === sessionId && record.kind === 'event')
          .length >= 3,
      session.id,
      { timeout: 30_000 },
    );
    const events = await page.evaluate(
      (sessionId) =>
        (globalThis as unknown as PageGlobal).seen.flatMap(({ sessionId: id, record }) =>
          id === sessionId && record.kind === 'event' ? [record.data] : [],
        ),
      session.id,
    );
    expect(events.slice(0, 3)).toEqual(['1', '2', '3']);
    // The redirect reached the engine, which followed it itself.
    expect(server.requests.map((r) => r.path).slice(0, 2)).toEqual(['/redirect', '/counter']);
    await call('sessions:dispose', { sessionId: session.id });
  });
});
