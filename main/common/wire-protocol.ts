// The browser-mode wire format: JSON text frames over one WebSocket per page. The page sends
// calls, the server answers each with a result carrying the call's id, and sends every push to
// every page. Types only, no imports that need Node: the renderer's ws-bridge imports this too.

import type { CommandResult, PushName, PushPayload } from '../contract.ts';

/** The WebSocket's path on the browser-mode server; the token goes in its query. */
export const WS_PATH = '/ws';
/** The query parameter that carries the access token (page URL, WebSocket URL, downloads). */
export const TOKEN_PARAM = 'token';

/** Page -> server: run a command. `id` is the page's own number, echoed in the result. */
export interface WireCall {
  type: 'call';
  id: number;
  name: string;
  payload?: unknown;
}

/** Server -> page: the answer to the call with this id. */
export interface WireResult {
  type: 'result';
  id: number;
  result: CommandResult<unknown>;
}

/** Server -> page: a push, as the main process sent it. */
export type WirePush = { [K in PushName]: { type: 'push'; name: K; payload: PushPayload<K> } }[PushName];

export type ServerMessage = WireResult | WirePush;
