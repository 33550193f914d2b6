// The renderer's api: `connectApi()` once at start gives the typed client and the connection
// state; the rest of the renderer imports from here only.

import { createApiClient, type ApiClient } from './api-client.ts';
import type { ConnectionWatch } from './connection-state.ts';
import { pickBridge } from './pick-bridge.ts';

export { createApiClient, type ApiClient, type PayloadArgs } from './api-client.ts';
export { ApiError, DisconnectedError, type ApiErrorCode } from './api-error.ts';
export { alwaysOpen, type ConnectionState, type ConnectionStatus, type ConnectionWatch } from './connection-state.ts';
export { pickBridge, type PickedBridge } from './pick-bridge.ts';
export type * from './scope-bridge.ts';
export {
  createWsBridge,
  type LocationLike,
  type SocketConstructor,
  type SocketLike,
  type WsBridge,
  type WsBridgeOptions,
} from './ws-bridge.ts';

export function connectApi(): { api: ApiClient; connection: ConnectionWatch } {
  const { bridge, connection } = pickBridge();
  return { api: createApiClient(bridge), connection };
}
