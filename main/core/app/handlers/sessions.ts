// sessions:* — the open sessions (tabs): open one for a saved connection (a feed connects at once,
// a request waits for Send), send a request, connect, disconnect, reconnect, pause, clear and
// dispose; and what a tab shows beside its timeline: the request as sent and the LLM answer.
// Opening and disposing push 'sessions:changed'; each session pushes its own 'session:state' as
// it changes.

import type { SentRequestView, SessionView } from '../../../contract.ts';
import type { AppState } from '../app-state.ts';
import { failed, messageOf } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';
import { LiveSession, type LiveStart } from '../live-session.ts';
import { OfflineSession } from '../offline-session.ts';
import { openLiveSession, startFor } from '../open-session.ts';
import { RequestSession } from '../request-session.ts';
import { maskedRequest, responseOf, sentRequestView } from '../sent-request.ts';

type Names =
  | 'sessions:list'
  | 'sessions:open'
  | 'sessions:send'
  | 'sessions:connect'
  | 'sessions:disconnect'
  | 'sessions:reconnect'
  | 'sessions:pause'
  | 'sessions:clear'
  | 'sessions:dispose'
  | 'sessions:request'
  | 'sessions:answer'
  | 'sessions:stats';

export function sessionHandlers(app: AppState): Pick<CommandHandlers, Names> {
  /** A session with a connection: a feed's live session or a request's. */
  const connected = (sessionId: string): LiveSession | RequestSession => {
    const session = app.sessions.get(sessionId);
    if (session instanceof LiveSession || session instanceof RequestSession) return session;
    throw failed(`Session ${sessionId} is a saved capture: it has no connection`);
  };
  /** The connection as saved now, when it still exists (a deleted one's session keeps its request). */
  const currentStart = (connectionId: string): LiveStart | undefined => {
    const exists = app.config.listConnections().some((connection) => connection.id === connectionId);
    return exists ? startFor(app, connectionId) : undefined;
  };
  const viewOf = (sessionId: string): SessionView => app.sessions.get(sessionId).view();
  /** Sends a request again: a new run with the connection as saved now. */
  const send = async (session: RequestSession): Promise<SessionView> => {
    await session.send(currentStart(session.connectionId));
    return session.view();
  };

  return {
    'sessions:list': () => app.sessions.views(),

    'sessions:open': async ({ connectionId }) => (await openLiveSession(app, connectionId)).view(),

    'sessions:send': ({ sessionId }) => {
      const session = connected(sessionId);
      if (!(session instanceof RequestSession)) throw failed(`"${session.view().name}" is a feed: connect it instead of sending it`);
      return send(session);
    },

    'sessions:connect': ({ sessionId }) => {
      const session = connected(sessionId);
      if (session instanceof RequestSession) return send(session);
      session.connect(currentStart(session.connectionId));
      return viewOf(sessionId);
    },

    'sessions:disconnect': ({ sessionId }) => {
      const session = app.sessions.get(sessionId);
      if (session instanceof LiveSession) session.disconnect();
      else if (session instanceof RequestSession) session.stop();
      return viewOf(sessionId);
    },

    'sessions:reconnect': ({ sessionId }) => {
      const session = connected(sessionId);
      if (session instanceof RequestSession) return send(session);
      session.reconnect(currentStart(session.connectionId));
      return viewOf(sessionId);
    },

    'sessions:pause': ({ sessionId, paused }) => {
      const session = app.sessions.get(sessionId);
      if (session instanceof LiveSession || session instanceof OfflineSession || session instanceof RequestSession) {
        session.setPaused(paused);
      }
      return viewOf(sessionId);
    },

    'sessions:clear': async ({ sessionId }) => {
      const session = connected(sessionId);
      if (session instanceof RequestSession) await session.reset();
      else await session.clear();
      return app.sessions.get(sessionId).view();
    },

    'sessions:stats': ({ sessionId }) => app.sessions.get(sessionId).statsView(),

    'sessions:dispose': async ({ sessionId }) => {
      const session = app.sessions.get(sessionId);
      app.sessions.remove(sessionId);
      await session.dispose();
      app.sessionsChanged();
      // Its capture has finished; the list that says so follows (listing the folder can wait for
      // the other captures' writes, and the tab is closed now).
      if (session instanceof LiveSession || session instanceof RequestSession) void app.capturesChanged();
    },

    'sessions:request': async ({ sessionId }): Promise<SentRequestView | null> => {
      const session = app.sessions.get(sessionId);
      if (session instanceof OfflineSession) {
        return session.request ? sentRequestView(session.request, 'sent', await responseOf(session.store)) : null;
      }
      if (session instanceof RequestSession && !session.run) return readyRequest(app, session);
      const live = session instanceof RequestSession ? session.run! : (session as LiveSession);
      return sentRequestView(maskedRequest(live.resolved), 'sent', await responseOf(live.store));
    },

    'sessions:answer': ({ sessionId }) => {
      const session = app.sessions.get(sessionId);
      if (session instanceof LiveSession || session instanceof OfflineSession) return session.answer.view();
      if (session instanceof RequestSession) return session.run?.answer.view() ?? null;
      return null;
    },
  };
}

/** What Send will send: the connection as saved now, resolved with the active environment. */
function readyRequest(app: AppState, session: RequestSession): SentRequestView {
  let start = session.start;
  let problem: string | null = null;
  try {
    start = currentOrKept(app, session);
  } catch (error) {
    problem = messageOf(error);
  }
  return sentRequestView(maskedRequest(start.resolved), 'ready', null, problem);
}

function currentOrKept(app: AppState, session: RequestSession): LiveStart {
  const exists = app.config.listConnections().some((connection) => connection.id === session.connectionId);
  return exists ? startFor(app, session.connectionId) : session.start;
}
