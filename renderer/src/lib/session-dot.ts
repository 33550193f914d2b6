// The state a session's dot shows (sidebar and tab): the session's status, except that a live
// session which stopped because of a failure (its view's closedReason) shows as an error rather
// than a calm "closed".

import type { SessionView } from '../../../main/contract.ts';

export type DotState = 'ready' | 'connecting' | 'open' | 'reconnecting' | 'error' | 'closed' | 'offline';

export function dotStateOf(view: SessionView): DotState {
  if (view.status === 'closed' && view.closedReason === 'failed') return 'error';
  return view.status;
}

/** Words for the dot, for screen readers and tooltips. */
export const DOT_LABELS: Record<DotState, string> = {
  ready: 'Ready to send',
  connecting: 'Connecting',
  open: 'Open',
  reconnecting: 'Reconnecting',
  error: 'Error',
  closed: 'Closed',
  offline: 'Capture (offline)',
};
