// The app's sessions state over a fake api, started as the app starts it (it asks for the list
// of sessions and follows the pushes) and disposed of after each test; session views to give it;
// and a session's panel mounted as the app shows it.

import type { ComponentProps } from 'svelte';
import { render } from 'vitest-browser-svelte';
import type { SessionView } from '../../../main/contract.ts';
import SessionPanel from '../../../renderer/src/components/session/SessionPanel.svelte';
import type { SessionModel } from '../../../renderer/src/components/session/session-model.svelte.ts';
import { SessionsState } from '../../../renderer/src/components/session/sessions-state.svelte.ts';
import type { FakeApi } from './fake-api.ts';

const started: SessionsState[] = [];

/** A started sessions state, once the list it asked for has been taken in. */
export async function startSessions(api: FakeApi): Promise<SessionsState> {
  const sessions = new SessionsState(api);
  started.push(sessions);
  sessions.start();
  await api.idle();
  return sessions;
}

export function disposeSessions(): void {
  for (const sessions of started.splice(0)) sessions.dispose();
}

export function sessionView(extra: Partial<SessionView> = {}): SessionView {
  return {
    id: 's-1',
    connectionId: null,
    kind: null,
    name: 'Incident',
    url: null,
    status: 'offline',
    detail: null,
    closedReason: null,
    captureId: 'cap-1',
    paused: false,
    catchingUp: false,
    firstSeq: 0,
    lastSeq: 0,
    ...extra,
  };
}

/** A session's panel in an area with a height, as the app's tab area has (the timeline fills it). */
export async function mountPanel(
  model: SessionModel,
  props: Omit<ComponentProps<typeof SessionPanel>, 'model'> = {},
): Promise<{ unmount: () => void }> {
  const target = document.body.appendChild(document.createElement('div'));
  target.style.cssText = 'height: 600px; width: 1100px; display: flex; flex-direction: column;';
  return render(SessionPanel, { target, props: { model, ...props } });
}
