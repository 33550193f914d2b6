// The Electron main process: the app's lifecycle. One instance per user; when ready, the security
// rules, the demo feed, the app core (the engine and every command, main/core/app/app-core.ts)
// wired to Electron's network stack, keychain, dialogs and notifications, the IPC handlers, the
// menu and the main window. Quitting stops the core (captures finished) and the demo feed first.
// Everything here is wiring; each piece lives, and is tested, in its own module.

import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, screen, session, shell } from 'electron';
import type { Notice, PushSink } from '../contract.ts';
import { createAppCore, type AppCore } from '../core/app/app-core.ts';
import { appPaths, PRODUCT_NAME } from '../core/app-paths.ts';
import { DataFolderLockedError } from '../core/data-folder-lock.ts';
import { startDemoFeed, type DemoFeed } from '../core/demo/demo-feed.ts';
import { aboutDialogOptions, appMenuTemplate, LEARN_MORE_URL, type MenuCommand } from './app-menu.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { createDialogFiles, type FileDialogs } from './dialog-files.ts';
import { createIpcPushSink, registerIpc } from './ipc-bridge.ts';
import { createMainWindow, rendererDir, rendererUrl } from './main-window.ts';
import { createNetFetchFor } from './net-fetch.ts';
import { createDesktopNotifier } from './notifications.ts';
import { appSecretCipher } from './safe-storage.ts';
import { installPermissionGuards, installWebContentsGuards, isAppUrl, isOwnFrame } from './security.ts';
import { bringToFront, claimSingleInstance } from './single-instance.ts';
import { createTlsSessions } from './tls-sessions.ts';
import { messageOf } from '../common/error-message.ts';

/** How long quitting waits for the core to finish its captures before it gives up. */
const STOP_TIMEOUT_MS = 5_000;
/** Built next to this file by scripts/build-electron.mjs. */
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');

/** electron-builder.yml's appId: Windows ties notifications to it (and the installer's shortcut). */
const APP_USER_MODEL_ID = 'dev.ssescope.app';

app.setName(PRODUCT_NAME);
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
// The data folder the CLI shares (SSE_SCOPE_DATA_DIR moves it, e.g. for tests). Chromium's own
// profile and the single-instance lock live there too, so a test instance never meets the user's.
const { dataDir } = appPaths();
app.setPath('userData', dataDir);

const appUrl = rendererUrl({ isPackaged: app.isPackaged, devServerUrl: process.env.VITE_DEV_SERVER_URL });
// Before ready, as Electron requires: the renderer is served over app://, never file://.
registerAppScheme(protocol);

let mainWindow: BrowserWindow | undefined;
let core: AppCore | undefined;
let demo: DemoFeed | undefined;
let removeIpc: (() => void) | undefined;
/** What start() told the user, for the first page that loads. */
let startNotices: Notice[] = [];

const liveWindow = (): BrowserWindow | undefined => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);
const push: PushSink = createIpcPushSink(
  () => liveWindow()?.webContents,
  (url) => isAppUrl(url, appUrl),
);

if (claimSingleInstance(app, { getWindow: liveWindow, openWindow: () => showWindow() })) {
  installWebContentsGuards(app, {
    appUrl,
    links: {
      showMessageBox: (options) => {
        const win = liveWindow();
        return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
      },
      openExternal: (url) => shell.openExternal(url),
    },
  });
  app.whenReady().then(startApp).catch(failStart);
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows, until Cmd+Q.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!liveWindow() && core) openMainWindow();
  });
  app.on('before-quit', beforeQuit);
}

async function startApp(): Promise<void> {
  installPermissionGuards(session.defaultSession);
  await handleAppProtocol(protocol, rendererDir(app.getAppPath()));
  try {
    demo = await startDemoFeed();
  } catch (error) {
    console.error('The demo feed did not start:', error);
  }
  const sessionFor = createTlsSessions({ fromPartition: (partition) => session.fromPartition(partition) });
  core = createAppCore({
    dataDir,
    cipher: appSecretCipher(app, safeStorage),
    fetchFor: createNetFetchFor((options) => net.request(options), sessionFor),
    files: createDialogFiles(fileDialogs(), () => app.getPath('downloads')),
    push,
    notify: createDesktopNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) }, () =>
      showWindow(),
    ),
    transport: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    demoFeedUrl: demo?.url ?? null,
    log: (message, error) => console.error(message, error ?? ''),
  });
  removeIpc = registerIpc({
    ipcMain,
    dispatch: core.dispatch,
    appUrl,
    isOwnFrame,
    onRefused: (command, url) => console.warn(`Refused IPC ${command} from ${url ?? 'a frame that is gone'}`),
  });
  startNotices = await core.start();
  if (!demo) startNotices.push({ level: 'warning', message: 'The built-in demo feed could not start; its connections stay idle.' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.isPackaged, menuActions())));
  openMainWindow();
}

function openMainWindow(): BrowserWindow {
  const existing = liveWindow();
  if (existing) return existing;
  const win = createMainWindow(
    { createWindow: (options) => new BrowserWindow(options), screen },
    { preloadPath: PRELOAD_PATH, url: appUrl, dataDir, devTools: !app.isPackaged },
  );
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  // The core pushed its start-up notices before any page listened: the first page gets them.
  win.webContents.once('did-finish-load', () => {
    const notices = startNotices;
    startNotices = [];
    for (const notice of notices) push('app:notice', notice);
  });
  return win;
}

function showWindow(): void {
  const win = liveWindow();
  if (win) bringToFront(win);
  else if (core) openMainWindow();
}

function menuActions() {
  return {
    command: (action: MenuCommand) => {
      showWindow();
      push('app:menu', { action });
    },
    showAbout: () => {
      const options = aboutDialogOptions({ appVersion: app.getVersion(), versions: process.versions });
      const win = liveWindow();
      void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    },
    openLearnMore: () => {
      shell.openExternal(LEARN_MORE_URL).catch((error: unknown) => console.error('Could not open the link:', error));
    },
  };
}

/** Electron's file dialogs, attached to the main window when there is one. */
function fileDialogs(): FileDialogs {
  return {
    showSaveDialog: (options) => {
      const win = liveWindow();
      return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
    },
    showOpenDialog: (options) => {
      const win = liveWindow();
      return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
    },
  };
}

let quitState: 'running' | 'stopping' | 'stopped' = 'running';

/** Holds the quit until the core has finished its captures (or STOP_TIMEOUT_MS has passed). */
function beforeQuit(event: { preventDefault(): void }): void {
  if (quitState === 'stopped') return;
  event.preventDefault();
  if (quitState === 'stopping') return;
  quitState = 'stopping';
  const stopping = Promise.allSettled([core?.stop(), demo?.close()]).then(() => removeIpc?.());
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
  void Promise.race([stopping, timeout]).then(() => {
    quitState = 'stopped';
    app.quit();
  });
}

function failStart(error: unknown): void {
  console.error('SSE Scope could not start:', error);
  const message = messageOf(error);
  // Browser mode has the data folder (the core's start() takes its lock): say so, then quit.
  dialog.showErrorBox(error instanceof DataFolderLockedError ? 'SSE Scope is already running' : 'SSE Scope could not start', message);
  quitState = 'stopped';
  app.exit(1);
}
