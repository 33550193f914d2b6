// Chooses how the view reaches the main process, once, at start: the Electron preload's
// `window.scope` when it is there, otherwise the browser-mode WebSocket to the page's own server.
// Nothing else in the renderer knows which one it got.

import { alwaysOpen, type ConnectionWatch } from './connection-state.ts';
import type { ScopeBridge } from './scope-bridge.ts';
import { createWsBridge, type LocationLike, type SocketConstructor } from './ws-bridge.ts';

export interface PickedBridge {
  bridge: ScopeBridge;
  /** Whether the bridge is connected now (always, for Electron IPC). */
  connection: ConnectionWatch;
}

/** What this looks at on the page's global object (typed loosely: it may lack any of them). */
interface PageGlobals {
  scope?: unknown;
  WebSocket?: unknown;
  location?: LocationLike;
}

export function pickBridge(page: PageGlobals = globalThis as PageGlobals): PickedBridge {
  if (isScopeBridge(page.scope)) return { bridge: page.scope, connection: alwaysOpen() };
  if (typeof page.WebSocket !== 'function' || !page.location) {
    throw new Error('SSE Scope cannot reach its main process: no preload bridge, and no WebSocket or location on this page.');
  }
  // The browser's WebSocket fits SocketLike; its DOM event types are only wider than TypeScript can tell.
  const bridge = createWsBridge({ WebSocket: page.WebSocket as SocketConstructor, location: page.location });
  return { bridge, connection: bridge };
}

function isScopeBridge(value: unknown): value is ScopeBridge {
  const candidate = value as Partial<ScopeBridge> | null | undefined;
  return typeof candidate?.call === 'function' && typeof candidate.on === 'function';
}
