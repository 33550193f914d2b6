// Opening sessions: a live one for a saved connection (sessions:open, auto-connect at start), and
// an offline one for a capture in the library or a file imported into it. An offline session gets
// no stats ticks, so its numbers are pushed once ('session:stats') as it opens.

import type { AppSession } from './session-registry.ts';
import { ResolveError } from '../config/variables.ts';
import { importAsCapture } from '../store/capture-import.ts';
import type { AppState } from './app-state.ts';
import { failed, messageOf, notFound } from './command-errors.ts';
import { LiveSession, type LiveStart } from './live-session.ts';
import { OfflineSession } from './offline-session.ts';

/** Resolves the connection with the active environment; a variable problem is the user's to fix. */
export function startFor(app: AppState, connectionId: string): LiveStart {
  try {
    return app.liveStart(connectionId);
  } catch (error) {
    if (error instanceof ResolveError) throw failed(error.message);
    throw error;
  }
}

export async function openLiveSession(app: AppState, connectionId: string): Promise<LiveSession> {
  const start = startFor(app, connectionId);
  const live = await LiveSession.open(app.sessions.nextId(), start, app.liveDeps());
  app.sessions.add(live);
  app.sessionsChanged(); // the view learns of the session before its first state push
  live.connect();
  return live;
}

/** A capture as an offline session; one still recording is shown by the live session recording it. */
export async function openCapture(app: AppState, captureId: string): Promise<AppSession> {
  const existing = app.sessions.byCapture(captureId);
  if (existing) return existing;
  const known = (await app.library.list()).some((info) => info.id === captureId);
  if (!known) throw notFound(`No capture ${captureId}`);
  let opened;
  try {
    opened = await app.library.open(captureId, { windowSize: app.settings().windowSize, windowBytes: app.budget.newWindowBytes() });
  } catch (error) {
    throw failed(`Capture ${captureId} cannot be opened: ${messageOf(error)}`);
  }
  for (const notice of opened.notices)
    app.notice({ level: 'warning', message: `Capture "${opened.info.name}", line ${notice.line}: ${notice.message}` });
  const session = new OfflineSession(app.sessions.nextId(), {
    captureId,
    name: opened.info.name,
    url: opened.info.url,
    store: opened.store,
  });
  app.sessions.add(session);
  app.sessionsChanged();
  pushCaptureStats(app, session);
  return session;
}

/** Imports an exported file into the library and opens it offline. */
export async function importCaptureFile(app: AppState, path: string): Promise<AppSession> {
  let imported;
  try {
    imported = await importAsCapture(app.library, path, {
      windowSize: app.settings().windowSize,
      windowBytes: app.budget.newWindowBytes(),
    });
  } catch (error) {
    throw failed(`${path} cannot be imported: ${messageOf(error)}`);
  }
  for (const notice of imported.notices) {
    const where = notice.line === undefined ? '' : `, line ${notice.line}`;
    app.notice({ level: 'warning', message: `Import of "${imported.info.name}"${where}: ${notice.message}` });
  }
  const session = new OfflineSession(app.sessions.nextId(), {
    captureId: imported.id,
    name: imported.info.name,
    url: imported.info.url,
    store: imported.store,
  });
  app.sessions.add(session);
  app.sessionsChanged();
  pushCaptureStats(app, session);
  void app.capturesChanged();
  return session;
}

/**
 * Counts the capture's numbers and pushes them once. Not awaited: a capture larger than the
 * memory window is read from its file for them, and the tab need not wait for that.
 */
function pushCaptureStats(app: AppState, session: OfflineSession): void {
  session.countStats().then(
    (stats) => {
      if (stats) app.push('session:stats', stats);
    },
    (error: unknown) => app.deps.log?.(`Counting the records of capture ${session.captureId} failed`, error),
  );
}
