// The per-session panel states, kept across tab switches: created the first time a session's
// panel is shown, disposed of when the session disappears from 'sessions:changed' (its tab was
// closed). Also keeps the newest 'session:stats' of a session whose panel does not exist yet: a
// reopened capture's one push comes while it opens, before its tab is drawn. Nothing is
// subscribed until the app starts watching (watchPanelStates) or the first panel asks.

import type { SessionStatsView, SessionView } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { SessionPanelState } from './session-panel-state.svelte.ts';

const states = new Map<string, SessionPanelState>();
/** Stats pushed for sessions that have no panel state yet, by session id. */
const earlyStats = new Map<string, SessionStatsView>();
let watched: { api: ApiClient; stop: () => void } | null = null;

/** The state of a session's panel, created (and started) on first use. */
export function panelStateFor(api: ApiClient, session: SessionView): SessionPanelState {
  watchPanelStates(api);
  let state = states.get(session.id);
  if (!state) {
    state = new SessionPanelState(api, session);
    state.start();
    const early = earlyStats.get(session.id);
    if (early) state.stats.add(early);
    earlyStats.delete(session.id);
    states.set(session.id, state);
  }
  return state;
}

/** Lets go of every panel state and the subscriptions (tests, or the api being replaced). */
export function disposePanelStates(): void {
  for (const state of states.values()) state.dispose();
  states.clear();
  earlyStats.clear();
  watched?.stop();
  watched = null;
}

/** Follows the session list and keeps early stats; the app calls it when it starts. */
export function watchPanelStates(api: ApiClient): void {
  if (watched?.api === api) return;
  if (watched) disposePanelStates();
  const stopList = api.on('sessions:changed', (views) => {
    const byId = new Map(views.map((view) => [view.id, view]));
    for (const [id, state] of states) {
      const view = byId.get(id);
      if (view) {
        state.update(view);
      } else {
        state.dispose();
        states.delete(id);
      }
    }
    for (const id of earlyStats.keys()) if (!byId.has(id)) earlyStats.delete(id);
  });
  const stopStats = api.on('session:stats', (stats) => {
    if (!states.has(stats.sessionId)) earlyStats.set(stats.sessionId, stats);
  });
  watched = {
    api,
    stop: () => {
      stopList();
      stopStats();
    },
  };
}
