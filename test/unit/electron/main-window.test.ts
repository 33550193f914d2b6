// The main window (main/electron/main-window.ts) with a fake BrowserWindow: what it loads, how
// it is locked down, where it opens, and that it appears only once the page is ready.

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow, rendererDir, rendererUrl } from '../../../main/electron/main-window.ts';
import { WindowStateFile, type Rect } from '../../../main/electron/window-state.ts';

describe('rendererUrl', () => {
  const appPath = join('/opt', 'SSE Scope', 'resources', 'app.asar');

  it('loads the built renderer through app://, never file://, when packaged, whatever the environment says', () => {
    expect(rendererUrl({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toBe('app://renderer/index.html');
  });

  it('loads the built renderer through app:// when no dev server is set', () => {
    expect(rendererUrl({ isPackaged: false, devServerUrl: '' })).toBe('app://renderer/index.html');
    expect(rendererUrl({ isPackaged: false })).toBe('app://renderer/index.html');
  });

  it('finds the built renderer folder in the app', () => {
    expect(rendererDir(appPath)).toBe(join(appPath, 'dist', 'renderer'));
  });

  it('loads the Vite dev server while developing', () => {
    expect(rendererUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toBe('http://localhost:5173/');
    expect(rendererUrl({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' })).toBe('http://127.0.0.1:5173/');
  });

  it('refuses a dev server that is not on this machine, or not http', () => {
    expect(() => rendererUrl({ isPackaged: false, devServerUrl: 'https://attacker.example/' })).toThrow(/localhost/);
    expect(() => rendererUrl({ isPackaged: false, devServerUrl: 'file:///tmp/index.html' })).toThrow(/localhost/);
  });
});

class FakeBrowserWindow extends EventEmitter {
  readonly loaded: string[] = [];
  shown = false;
  maximized = false;
  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly loadResult: Promise<void> = Promise.resolve(),
  ) {
    super();
  }
  getNormalBounds(): Rect {
    const { x = 0, y = 0, width = 0, height = 0 } = this.options;
    return { x, y, width, height };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  maximize(): void {
    this.maximized = true;
  }
  show(): void {
    this.shown = true;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return this.loadResult;
  }
}

const WORK_AREA: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const screen = {
  getAllDisplays: () => [{ workArea: WORK_AREA }],
  getPrimaryDisplay: () => ({ workArea: WORK_AREA }),
};
const APP_URL = 'app://renderer/index.html';

describe('createMainWindow', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sse-scope-main-window-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  function open(loadResult?: Promise<void>, onLoadError?: (url: string, error: unknown) => void, devTools = false) {
    return createMainWindow(
      { createWindow: (options) => new FakeBrowserWindow(options, loadResult), screen, ...(onLoadError ? { onLoadError } : {}) },
      { preloadPath: '/app/dist/electron/preload.cjs', url: APP_URL, dataDir, devTools },
    );
  }

  it('has no DevTools in a packaged app, and has them while developing', () => {
    expect(open().options.webPreferences?.devTools).toBe(false);
    expect(open(undefined, undefined, true).options.webPreferences?.devTools).toBe(true);
  });

  it('creates a hidden, locked-down window with the preload and loads the app page', () => {
    const win = open();
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(win.loaded).toEqual([APP_URL]);
  });

  it('shows the window only when the page is ready to show', () => {
    const win = open();
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(win.maximized).toBe(false);
  });

  it('opens where it was last closed, maximized if it was', () => {
    new WindowStateFile(dataDir).save({ bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: true });
    const win = open();
    expect(win.options).toMatchObject({ x: 50, y: 60, width: 1000, height: 700 });
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    expect(win.shown).toBe(true);
  });

  it('remembers its bounds when closed', () => {
    const win = open();
    win.emit('close');
    win.emit('closed');
    expect(new WindowStateFile(dataDir).load()?.bounds).toEqual(win.getNormalBounds());
  });

  it('reports a page that fails to load', async () => {
    const failures: string[] = [];
    open(Promise.reject(new Error('ERR_CONNECTION_REFUSED')), (url, error) => failures.push(`${url}: ${(error as Error).message}`));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(failures).toEqual([`${APP_URL}: ERR_CONNECTION_REFUSED`]);
  });
});
