// The app core: the plain-Node layer that owns every saved connection and open session and carries
// out every command of the contract. The Electron main process and browser mode both call its one
// `dispatch` function and hand it a PushSink; it never imports electron.
//
// start() takes the data folder's lock (one app core writes a data folder at a time), opens the
// config, the captures library and its alert book (the alerts kept beside the captures), adds the
// demo connections on a first launch and points them at the running demo feed, connects the
// connections marked autoConnect or monitor, and brings back the tabs of the last run. stop()
// keeps the tabs for the next start, disconnects every session, finishes their captures, writes
// the last alerts, stops every timer, closes the HTTP clients and releases the lock.

import type { Dispatch, Notice } from '../../contract.ts';
import { capturesDirOf } from '../app-paths.ts';
import { lockDataFolder, type DataFolderLock } from '../data-folder-lock.ts';
import { ConfigStore } from '../config/config-store.ts';
import type { ConfigNotice } from '../config/corrupt-file.ts';
import { redactError, redactText } from '../export/secret-mask.ts';
import { CaptureLibrary } from '../store/capture-library.ts';
import { AlertBook } from '../monitor/alert-book.ts';
import { pushAlertChanges } from './alert-pushes.ts';
import { AppState, megabytes, type AppCoreDeps } from './app-state.ts';
import { messageOf } from './command-errors.ts';
import { isDemoConnection, pointDemoConnections, seedDemoConnections } from './demo-connections.ts';
import { createDispatch, type CommandHandlers } from './dispatcher.ts';
import { alertHandlers } from './handlers/alerts.ts';
import { appHandlers } from './handlers/app.ts';
import { captureHandlers } from './handlers/captures.ts';
import { connectionHandlers } from './handlers/connections.ts';
import { environmentHandlers } from './handlers/environments.ts';
import { exportHandlers } from './handlers/export.ts';
import { overviewHandlers } from './handlers/overview.ts';
import { recordHandlers } from './handlers/records.ts';
import { sessionHandlers } from './handlers/sessions.ts';
import { settingsHandlers } from './handlers/settings.ts';
import { workspaceHandlers } from './handlers/workspace.ts';
import { openCapture, openLiveSession } from './open-session.ts';
import type { LiveSession } from './live-session.ts';
import { isMonitored } from './monitored-feed.ts';
import type { RequestSession } from './request-session.ts';
import { sizeCapNotice } from './size-cap-notices.ts';

export type { AppCoreDeps };
export type { FileDestinations, SaveTarget } from './file-destinations.ts';

export interface AppCore {
  dispatch: Dispatch;
  /** Opens everything and auto-connects; resolves with the notices for the user (also pushed as 'app:notice'). */
  start(): Promise<Notice[]>;
  /** Closes every session and finishes its capture; the core cannot be used after. */
  stop(): Promise<void>;
}

export function createAppCore(given: AppCoreDeps): AppCore {
  const deps: AppCoreDeps = given.log ? { ...given, log: maskedLog(given.log) } : given;
  const app = new AppState(deps);
  const handlers: CommandHandlers = {
    ...appHandlers(app),
    ...connectionHandlers(app),
    ...environmentHandlers(app),
    ...sessionHandlers(app),
    ...recordHandlers(app),
    ...captureHandlers(app),
    ...exportHandlers(app),
    ...settingsHandlers(app),
    ...alertHandlers(app),
    ...overviewHandlers(app),
    ...workspaceHandlers(app),
  };
  const dispatch = createDispatch(handlers, (name, error) => app.deps.log?.(`Command ${name} failed unexpectedly`, error));
  let started: Promise<Notice[]> | null = null;
  let stopped: Promise<void> | null = null;
  let lock: DataFolderLock | null = null;
  return {
    dispatch,
    start: () =>
      (started ??= (async () => {
        lock = lockDataFolder(deps.dataDir, lockOptions(deps.transport));
        try {
          return await start(app);
        } catch (error) {
          lock.release();
          throw error;
        }
      })()),
    stop: () => (stopped ??= stop(app, started).finally(() => lock?.release())),
  };
}

/** Every log line goes through here: an error may quote a URL with credentials, which are masked. */
function maskedLog(log: NonNullable<AppCoreDeps['log']>): NonNullable<AppCoreDeps['log']> {
  return (message, error) => (error === undefined ? log(redactText(message)) : log(redactText(message), redactError(error)));
}

/** How a second app core on the folder names this one, and what it advises its own user. */
function lockOptions(transport: AppCoreDeps['transport']) {
  return transport === 'browser'
    ? { holder: 'browser mode', otherFolderAdvice: 'use --data-dir <other folder>' }
    : { holder: 'the desktop app', otherFolderAdvice: 'start browser mode with --data-dir <other folder>' };
}

async function start(app: AppState): Promise<Notice[]> {
  const { dataDir, cipher, demoFeedUrl } = app.deps;
  const { store: config, notices: configNotices } = ConfigStore.open(dataDir, cipher, { now: () => new Date(app.clock()) });
  const notices: Notice[] = configNotices.map(toNotice);
  const settings = config.getSettings();
  const library = new CaptureLibrary(capturesDirOf(dataDir), {
    sizeCapBytes: megabytes(settings.captureSizeCapMb),
    windowSize: settings.windowSize,
    clock: app.clock,
    sizeCapGraceMs: app.deps.sizeCapGraceMs,
    // A capture open in a session is never deleted to fit the size cap.
    isInUse: (id) => app.sessions.byCapture(id) !== undefined,
    // Nor any without a word: the user hears what the cap is about to do, and what it did.
    onSizeCap: (event) => {
      app.notice(sizeCapNotice(event));
      if (event.kind === 'deleted') void app.capturesChanged();
    },
  });
  const book = await AlertBook.open(library.folder, { clock: app.clock });
  for (const problem of book.problems) notices.push({ level: 'warning', message: `Alert log ${problem}` });
  app.attach(config, library, book);
  app.load.start();
  pushAlertChanges(app, book);

  try {
    await seedDemoConnections(config, demoFeedUrl);
    await pointDemoConnections(config, demoFeedUrl);
  } catch (error) {
    notices.push({ level: 'warning', message: `The demo connections could not be set up: ${messageOf(error)}` });
  }

  const startedLive = new Map<string, LiveSession | RequestSession>();
  for (const connection of config.listConnections()) {
    if (!connection.autoConnect && !isMonitored(connection)) continue;
    if (demoFeedUrl === null && isDemoConnection(connection)) continue; // nothing to connect to this time
    try {
      startedLive.set(connection.id, await openLiveSession(app, connection.id));
    } catch (error) {
      notices.push({ level: 'warning', message: `"${connection.name}" did not connect on start: ${messageOf(error)}` });
    }
  }

  // The tabs of the last run: a connection that connected by itself is its session again; any
  // other tab comes back as the capture it showed (nothing is sent again).
  const tabProblems = await app.workspace.restore(async (tab) => {
    const live = tab.connectionId === null ? undefined : startedLive.get(tab.connectionId);
    if (live) {
      startedLive.delete(tab.connectionId!);
      return live;
    }
    return tab.captureId === null ? null : openCapture(app, tab.captureId);
  });
  for (const problem of tabProblems) notices.push({ level: 'info', message: problem });

  for (const notice of notices) app.notice(notice);
  return notices;
}

async function stop(app: AppState, started: Promise<Notice[]> | null): Promise<void> {
  app.exports.cancelAll();
  await started?.catch(() => {});
  await app.workspace.persist().catch((error: unknown) => app.deps.log?.('The open tabs could not be kept', error));
  const sessions = app.sessions.all();
  for (const session of sessions) app.sessions.remove(session.id);
  const results = await Promise.allSettled(sessions.map((session) => session.dispose()));
  for (const result of results) if (result.status === 'rejected') app.deps.log?.('A session did not close cleanly', result.reason);
  app.stats.stop();
  app.load.stop();
  app.overview.stop();
  await app.alertsFlushed();
  app.libraryIfStarted()?.dispose();
  await app.fetchClients.closeAll();
  // A change whose write failed is tried once more before the app goes.
  await app.flushConfig().catch((error: unknown) => app.deps.log?.('The configuration could not be written', error));
}

/** A config file (or some of its entries) set aside is a warning; a missing keychain is worth knowing, not alarming. */
function toNotice(notice: ConfigNotice): Notice {
  return { level: notice.kind === 'secrets-unavailable' ? 'info' : 'warning', message: notice.message };
}
