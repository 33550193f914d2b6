// The renderer's one view of the main process, whatever carries it: the ScopeBridge the Electron
// preload exposes as `window.scope`, or the WebSocket bridge of browser mode. Re-exported here so
// the rest of the renderer imports contract types from its own api folder.

export type {
  CommandName,
  CommandRequest,
  CommandResponse,
  CommandResult,
  ErrorCode,
  PushName,
  PushPayload,
  ScopeBridge,
} from '../../../../main/contract.ts';
