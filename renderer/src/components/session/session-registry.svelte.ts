// The per-session panel states, kept across tab switches: created the first time a session's
// panel is shown, disposed of when the session disappears from 'sessions:changed' (its tab was
// closed). Nothing is subscribed until the first panel asks.

import type { SessionView } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { SessionPanelState } from './session-panel-state.svelte.ts';

const states = new Map<string, SessionPanelState>();
let watched: { api: ApiClient; stop: () => void } | null = null;

/** The state of a session's panel, created (and started) on first use. */
export function panelStateFor(api: ApiClient, session: SessionView): SessionPanelState {
  watchSessions(api);
  let state = states.get(session.id);
  if (!state) {
    state = new SessionPanelState(api, session);
    state.start();
    states.set(session.id, state);
  }
  return state;
}

/** Lets go of every panel state and the subscription (tests, or the api being replaced). */
export function disposePanelStates(): void {
  for (const state of states.values()) state.dispose();
  states.clear();
  watched?.stop();
  watched = null;
}

function watchSessions(api: ApiClient): void {
  if (watched?.api === api) return;
  if (watched) disposePanelStates();
  const stop = api.on('sessions:changed', (views) => {
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
  });
  watched = { api, stop };
}
