// Whether the view can reach the main process right now, for the UI to show. Electron IPC is
// always connected; the browser-mode WebSocket can drop (server stopped, laptop slept) and then
// reconnects by itself.

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** For the user when not open: why, and what happens next. */
  detail: string | null;
}

export interface ConnectionWatch {
  readonly connection: ConnectionState;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** A connection that never changes (Electron IPC). */
export function alwaysOpen(): ConnectionWatch {
  return { connection: { status: 'open', detail: null }, onConnectionChange: () => () => {} };
}
