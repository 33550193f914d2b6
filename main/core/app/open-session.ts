// Opening sessions: for a saved connection (sessions:open, auto-connect at start) a live one that
// connects at once for a feed, or a request's session, ready and not sent; and an offline one for
// a capture in the library or a file imported into it. An offline session gets no stats ticks, so
// its numbers are pushed once ('session:stats') as it opens, and its LLM answer
// ('session:answer') once it has been read, when the capture holds one.

import type { SavedConnection } from '../../common/config-schema.ts';
import { llmFormatSettingOf } from '../../common/llm-format.ts';
import type { AppSession } from './session-registry.ts';
import { ResolveError } from '../config/variables.ts';
import { importAsCapture } from '../store/capture-import.ts';
import type { AppState } from './app-state.ts';
import { failed, messageOf, notFound } from './command-errors.ts';
import { LiveSession, type LiveStart } from './live-session.ts';
import { OfflineSession, type OfflineCapture } from './offline-session.ts';
import { RequestSession } from './request-session.ts';
import { SessionAnswer } from './session-answer.ts';
import type { CaptureInfo } from '../store/capture-library.ts';
import type { RecordStore } from '../store/record-store.ts';

/** Resolves the connection with the active environment; a variable problem is the user's to fix. */
export function startFor(app: AppState, connectionId: string): LiveStart {
  try {
    return app.liveStart(connectionId);
  } catch (error) {
    if (error instanceof ResolveError) throw failed(error.message);
    throw error;
  }
}

/** A feed's session connects at once; a request's is only made ready: it is sent by 'sessions:send'. */
export async function openLiveSession(app: AppState, connectionId: string): Promise<LiveSession | RequestSession> {
  const start = startFor(app, connectionId);
  const id = app.sessions.nextId();
  if (start.connection.kind === 'request') {
    const request = new RequestSession(id, start, app.liveDeps());
    app.sessions.add(request);
    app.sessionsChanged();
    return request;
  }
  const answer = new SessionAnswer({
    sessionId: id,
    push: app.push,
    setting: start.connection.llmFormat,
    active: feedIsLlm(start.connection),
  });
  const live = await LiveSession.open(id, start, app.liveDeps(), answer);
  app.sessions.add(live);
  app.sessionsChanged(); // the view learns of the session before its first state push
  app.overview.start();
  live.connect();
  return live;
}

/** A feed is read as an LLM stream only when its connection names a format (a request always is). */
export function feedIsLlm(connection: Pick<SavedConnection, 'kind' | 'llmFormat'>): boolean {
  return connection.kind === 'request' || connection.llmFormat !== 'auto';
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
  const capture = offlineCapture(app, captureId, opened.info, opened.store);
  const session = new OfflineSession(capture.id, capture);
  app.sessions.add(session);
  app.sessionsChanged();
  pushCaptureStats(app, session);
  readCaptureAnswer(app, session);
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
  const capture = offlineCapture(app, imported.id, imported.info, imported.store);
  const session = new OfflineSession(capture.id, capture);
  app.sessions.add(session);
  app.sessionsChanged();
  pushCaptureStats(app, session);
  readCaptureAnswer(app, session);
  void app.capturesChanged();
  return session;
}

function offlineCapture(app: AppState, captureId: string, info: CaptureInfo, store: RecordStore): OfflineCapture & { id: string } {
  const id = app.sessions.nextId();
  const setting = info.llmFormat === null ? null : llmFormatSettingOf(info.llmFormat);
  // Shown when the meta file says it is an LLM stream, or when its events turn out to be one.
  const answer = new SessionAnswer({ sessionId: id, push: app.push, setting, active: false });
  answer.llmCapture = info.kind === 'request' || (setting !== null && setting !== 'auto');
  answer.setCapture(captureId);
  return { id, captureId, name: info.name, url: info.url, store, kind: info.kind, request: info.request, answer };
}

/**
 * Reads the capture's records into its answer; pushes it when the capture holds an LLM stream.
 * Not awaited, like the stats: the tab need not wait for a large capture to be read.
 */
function readCaptureAnswer(app: AppState, session: OfflineSession): void {
  session.answer.readAll(session.store, session.signal).then(
    () => {
      if (session.signal.aborted || !session.answer.recognised()) return;
      session.answer.activate();
      const view = session.answer.view();
      if (view) app.push('session:answer', view);
    },
    (error: unknown) => app.deps.log?.(`Reading the answer of capture ${session.captureId} failed`, error),
  );
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
