// The app's main window: created hidden with security.ts's webPreferences and the remembered
// size and position (window-state.ts), shown once the renderer has painted, loading the built
// renderer through the app:// protocol (app-protocol.ts), or the Vite dev server while developing. Electron's BrowserWindow and
// screen are passed in (see MainWindowDeps), so this module loads, and is tested, under Node.

import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, Display } from 'electron';
import { APP_INDEX_URL } from './app-protocol.ts';
import { secureWebPreferences } from './security.ts';
import {
  MIN_WINDOW_SIZE,
  placeWindow,
  trackWindowState,
  WindowStateFile,
  type DisplayLayout,
  type TrackedWindow,
  type WindowState,
} from './window-state.ts';

export const APP_TITLE = 'SSE Scope';
/** The built renderer folder in the app's root (the repository, or app.asar when packaged). */
export function rendererDir(appPath: string): string {
  return join(appPath, 'dist', 'renderer');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface RendererLocation {
  /** app.isPackaged: a packaged app never loads a dev server. */
  isPackaged: boolean;
  /** process.env.VITE_DEV_SERVER_URL. */
  devServerUrl?: string | undefined;
}

/**
 * The URL the window loads, which is also the "own" URL the security rules compare against.
 * The dev server is used only in an unpackaged app and only on this machine: an environment
 * variable must not be able to point an installed app, preload and all, at a remote page.
 */
export function rendererUrl({ isPackaged, devServerUrl }: RendererLocation): string {
  if (!isPackaged && devServerUrl) {
    const url = new URL(devServerUrl);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new Error(`VITE_DEV_SERVER_URL must be an http(s) URL on this machine (localhost), not ${devServerUrl}`);
    }
    return url.href;
  }
  return APP_INDEX_URL;
}

/** The BrowserWindow options: hidden until ready, placed, locked down (DevTools only while developing). */
export function mainWindowOptions(placement: WindowState, preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: APP_TITLE,
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath, { devTools }),
  };
}

/** The parts of Electron's BrowserWindow this module uses. */
export type AppWindow = TrackedWindow & {
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  maximize(): void;
  show(): void;
  loadURL(url: string): Promise<void>;
};

/** The parts of Electron's screen module this module uses. */
export interface DisplaySource {
  getAllDisplays(): Pick<Display, 'workArea'>[];
  getPrimaryDisplay(): Pick<Display, 'workArea'>;
}

/** Electron, as main-window.ts needs it: `{ createWindow: (o) => new BrowserWindow(o), screen }`. */
export interface MainWindowDeps<W extends AppWindow> {
  createWindow(options: BrowserWindowConstructorOptions): W;
  /** Electron's `screen`; only usable after app.whenReady(). */
  screen: DisplaySource;
  /** Where a failed page load is reported; console.error by default. */
  onLoadError?: (url: string, error: unknown) => void;
}

export interface MainWindowOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** From rendererUrl(). */
  url: string;
  /** The data folder, where window-state.json lives (app.getPath('userData')). */
  dataDir: string;
  /** DevTools can be opened: !app.isPackaged. */
  devTools: boolean;
}

/**
 * Creates and loads the main window. The navigation, new-window and permission rules are
 * installed app-wide by security.ts (installWebContentsGuards, installPermissionGuards), which
 * must run before this.
 */
export function createMainWindow<W extends AppWindow>(
  deps: MainWindowDeps<W>,
  { preloadPath, url, dataDir, devTools }: MainWindowOptions,
): W {
  const stateFile = new WindowStateFile(dataDir);
  const placement = placeWindow(stateFile.load(), displayLayout(deps.screen));
  const win = deps.createWindow(mainWindowOptions(placement, preloadPath, devTools));

  const tracker = trackWindowState(win, (state) => stateFile.save(state));
  win.on('closed', () => tracker.dispose());
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });

  const onLoadError = deps.onLoadError ?? ((failed, error) => console.error(`Could not load the app's page (${failed}):`, error));
  // Fails when the dev server is not running or the renderer was not built.
  win.loadURL(url).catch((error: unknown) => onLoadError(url, error));
  return win;
}

/** The displays as window-state.ts sees them. */
export function displayLayout(screen: DisplaySource): DisplayLayout {
  return {
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    primary: screen.getPrimaryDisplay().workArea,
  };
}
