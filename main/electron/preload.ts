// The preload: the renderer's only way to the main process. It exposes one object, `window.scope`,
// implementing the contract's ScopeBridge with two functions, and nothing else: no ipcRenderer,
// no invoke for arbitrary channels, no process. Names are checked against the contract here too,
// so the page cannot reach an IPC channel the contract does not name.
//
// Runs sandboxed (security.ts): it may require 'electron' and nothing else, so
// scripts/build-electron.mjs bundles it, contract and all, into one CommonJS file.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isCommandName,
  isPushName,
  type CommandName,
  type CommandResult,
  type PushName,
  type PushPayload,
  type ScopeBridge,
} from '../contract.ts';
import { messageOf } from '../common/error-message.ts';

const BRIDGE_KEY = 'scope';

function failure(message: string, code: 'unknown-command' | 'failed'): CommandResult<never> {
  return { ok: false, error: { message, code } };
}

const bridge: ScopeBridge = {
  call(name, payload) {
    if (!isCommandName(name)) {
      return Promise.resolve(failure(`Unknown command: ${String(name).slice(0, 100)}`, 'unknown-command'));
    }
    // The main process answers every command with a CommandResult; a rejection only comes from
    // the IPC layer itself (a payload that cannot be cloned, the app shutting down), and is
    // answered in the same shape so the renderer has one error path.
    try {
      return (ipcRenderer.invoke(name satisfies CommandName, payload) as ReturnType<ScopeBridge['call']>).catch((error: unknown) =>
        failure(messageOf(error), 'failed'),
      );
    } catch (error) {
      return Promise.resolve(failure(messageOf(error), 'failed'));
    }
  },

  on<K extends PushName>(name: K, listener: (payload: PushPayload<K>) => void): () => void {
    if (!isPushName(name)) throw new TypeError(`Unknown push: ${String(name).slice(0, 100)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    // The Electron event (with its sender and ports) stays on this side of the bridge.
    const forward = (_event: IpcRendererEvent, payload: PushPayload<K>): void => listener(payload);
    ipcRenderer.on(name, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(name, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
