// The ScopeBridge of browser mode: the contract over one WebSocket to the page's own server
// (ws://<host>/ws?token=<the page URL's token>). Calls made before the socket is open wait for it;
// a call already sent when the socket closes is rejected (it may or may not have run, so it is
// not sent again). The socket reconnects by itself with backoff; pushes are broadcast by the
// server, so there is nothing to subscribe to again. The WebSocket constructor and the location
// are injected, so tests run this under Node against a real server.

import { ReconnectPolicy } from '../../../../main/common/reconnect-policy.ts';
import { TOKEN_PARAM, WS_PATH, type ServerMessage, type WireCall } from '../../../../main/common/wire-protocol.ts';
import { DisconnectedError } from './api-error.ts';
import type { ConnectionState, ConnectionWatch } from './connection-state.ts';
import type { CommandName, CommandResult, PushName, ScopeBridge } from './scope-bridge.ts';
import { messageOf } from '../../../../main/common/error-message.ts';

/** The part of a WebSocket (the browser's, or the ws package's) this uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type SocketConstructor = new (url: string) => SocketLike;

/** The part of `window.location` this uses. */
export interface LocationLike {
  protocol: string;
  host: string;
  search: string;
}

export interface WsBridgeOptions {
  WebSocket: SocketConstructor;
  location: LocationLike;
  /** Waits before reconnecting: from `initialMs`, doubling (with jitter) up to `maxMs`. */
  reconnect?: { initialMs: number; maxMs: number };
  /** A push listener threw. */
  onListenerError?: (error: unknown) => void;
  now?: () => number;
}

export interface WsBridge extends ScopeBridge, ConnectionWatch {
  /** Closes the socket for good: pending calls are rejected, no reconnect. */
  close(): void;
}

const OPEN = 1;

interface PendingCall {
  name: CommandName;
  frame: string;
  sent: boolean;
  resolve(result: CommandResult<unknown>): void;
  reject(error: Error): void;
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  return new WebSocketBridge(options);
}

class WebSocketBridge implements WsBridge {
  readonly #options: WsBridgeOptions;
  readonly #url: string | null;
  readonly #policy: ReconnectPolicy;
  readonly #now: () => number;
  readonly #calls = new Map<number, PendingCall>();
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();
  #socket: SocketLike | null = null;
  #openedAt = 0;
  #nextId = 1;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #state: ConnectionState = { status: 'connecting', detail: null };

  constructor(options: WsBridgeOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const reconnect = options.reconnect ?? { initialMs: 500, maxMs: 10_000 };
    this.#policy = new ReconnectPolicy({
      enabled: true,
      initialDelayMs: reconnect.initialMs,
      maxDelayMs: reconnect.maxMs,
      resetAfterMs: 10_000,
      retryHttpErrors: true,
    });
    const token = new URLSearchParams(options.location.search).get(TOKEN_PARAM);
    const scheme = options.location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#url = token ? `${scheme}//${options.location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}` : null;
    if (this.#url) this.#connect();
    else this.#finish('This page has no access token: open the URL that `npm run serve` printed, token included.');
  }

  get connection(): ConnectionState {
    return this.#state;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  call<K extends CommandName>(name: K, payload: unknown): Promise<CommandResult<never>> {
    if (this.#closed)
      return Promise.reject(new DisconnectedError(`Cannot run ${name}: ${this.#state.detail ?? 'the connection is closed.'}`));
    const id = this.#nextId++;
    const frame = JSON.stringify({ type: 'call', id, name, payload } satisfies WireCall);
    return new Promise<CommandResult<never>>((resolve, reject) => {
      const call: PendingCall = { name, frame, sent: false, resolve: resolve as PendingCall['resolve'], reject };
      this.#calls.set(id, call);
      if (this.#socket?.readyState === OPEN) this.#send(call);
    });
  }

  on<K extends PushName>(name: K, listener: (payload: never) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    this.#finish('The connection was closed.');
  }

  // ---- The socket ----

  #connect(): void {
    this.#retryTimer = undefined;
    let socket: SocketLike;
    try {
      socket = new this.#options.WebSocket(this.#url!);
    } catch (error) {
      return this.#finish(`Cannot open the connection: ${messageOf(error)}`);
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#openedAt = this.#now();
      this.#setState({ status: 'open', detail: null });
      for (const call of this.#calls.values()) if (!call.sent) this.#send(call);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    // A failed socket always closes too; onclose does the work.
    socket.onerror = () => {};
    socket.onclose = (event) => this.#lost(socket, event.code);
  }

  #lost(socket: SocketLike, code: number): void {
    if (this.#socket !== socket) return;
    this.#socket = null;
    this.#rejectSent(`The connection to SSE Scope was lost (code ${code}).`);
    if (this.#closed) return;
    const openFor = this.#openedAt ? this.#now() - this.#openedAt : 0;
    this.#openedAt = 0;
    const delay = this.#policy.nextDelay(openFor);
    this.#setState({
      status: 'reconnecting',
      detail: `Not connected to the SSE Scope server (is it still running?). Trying again in ${Math.ceil(delay / 1000)} s.`,
    });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #send(call: PendingCall): void {
    call.sent = true;
    this.#socket!.send(call.frame);
  }

  #receive(data: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return; // not ours: the server only sends JSON
    }
    if (message?.type === 'result') {
      const call = this.#calls.get(message.id);
      if (!call) return;
      this.#calls.delete(message.id);
      call.resolve(message.result);
    } else if (message?.type === 'push') {
      for (const listener of this.#listeners.get(message.name) ?? []) {
        try {
          listener(message.payload as never);
        } catch (error) {
          (this.#options.onListenerError ?? console.error)(error);
        }
      }
    }
  }

  #rejectSent(reason: string): void {
    for (const [id, call] of this.#calls) {
      if (!call.sent) continue;
      this.#calls.delete(id);
      call.reject(new DisconnectedError(`${reason} ${call.name} did not answer; it may or may not have run.`));
    }
  }

  /** Stops for good: no socket, no retry, every call rejected. */
  #finish(detail: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'closed by the page');
    this.#setState({ status: 'closed', detail });
    for (const call of this.#calls.values()) call.reject(new DisconnectedError(`Cannot run ${call.name}: ${detail}`));
    this.#calls.clear();
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
