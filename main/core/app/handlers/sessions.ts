// sessions:* — the open sessions (tabs): open a live one for a saved connection, connect,
// disconnect, reconnect, pause, clear and dispose. Opening and disposing push 'sessions:changed';
// each session pushes its own 'session:state' as it changes.

import type { SessionView } from '../../../contract.ts';
import type { AppState } from '../app-state.ts';
import { failed } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';
import { LiveSession, type LiveStart } from '../live-session.ts';
import { OfflineSession } from '../offline-session.ts';
import { openLiveSession, startFor } from '../open-session.ts';

type Names =
  | 'sessions:list'
  | 'sessions:open'
  | 'sessions:connect'
  | 'sessions:disconnect'
  | 'sessions:reconnect'
  | 'sessions:pause'
  | 'sessions:clear'
  | 'sessions:dispose';

export function sessionHandlers(app: AppState): Pick<CommandHandlers, Names> {
  const live = (sessionId: string): LiveSession => {
    const session = app.sessions.get(sessionId);
    if (!(session instanceof LiveSession)) throw failed(`Session ${sessionId} is a saved capture: it has no connection`);
    return session;
  };
  /** The connection as saved now, when it still exists (a deleted one's session keeps its request). */
  const currentStart = (session: LiveSession): LiveStart | undefined => {
    const exists = app.config.listConnections().some((connection) => connection.id === session.connectionId);
    return exists ? startFor(app, session.connectionId) : undefined;
  };
  const viewOf = (sessionId: string): SessionView => app.sessions.get(sessionId).view();

  return {
    'sessions:list': () => app.sessions.views(),

    'sessions:open': async ({ connectionId }) => (await openLiveSession(app, connectionId)).view(),

    'sessions:connect': ({ sessionId }) => {
      const session = live(sessionId);
      session.connect(currentStart(session));
      return viewOf(sessionId);
    },

    'sessions:disconnect': ({ sessionId }) => {
      const session = app.sessions.get(sessionId);
      if (session instanceof LiveSession) session.disconnect();
      return viewOf(sessionId);
    },

    'sessions:reconnect': ({ sessionId }) => {
      const session = live(sessionId);
      session.reconnect(currentStart(session));
      return viewOf(sessionId);
    },

    'sessions:pause': ({ sessionId, paused }) => {
      const session = app.sessions.get(sessionId);
      if (session instanceof LiveSession || session instanceof OfflineSession) session.setPaused(paused);
      return viewOf(sessionId);
    },

    'sessions:clear': async ({ sessionId }) => {
      await live(sessionId).clear();
      return app.sessions.get(sessionId).view();
    },

    'sessions:dispose': async ({ sessionId }) => {
      const session = app.sessions.get(sessionId);
      app.sessions.remove(sessionId);
      await session.dispose();
      app.sessionsChanged();
      // Its capture has finished; the list that says so follows (listing the folder can wait for
      // the other captures' writes, and the tab is closed now).
      if (session instanceof LiveSession) void app.capturesChanged();
    },
  };
}
