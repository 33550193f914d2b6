// The preload (main/electron/preload.ts), run against a fake 'electron' module: what it hands
// contextBridge.exposeInMainWorld is captured and used the way the renderer would use it. The
// same checks run twice: on the source (vi.mock('electron')), and on the bundle the app ships
// (scripts/build-electron.mjs, built in memory), evaluated with a require that offers 'electron'
// only, as a sandboxed preload's does.

import { EventEmitter } from 'node:events';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScopeBridge } from '../../../main/contract.ts';
import { preloadBuildOptions } from '../../../scripts/build-electron.mjs';

/** ipcRenderer as the preload uses it: invoke, on, removeListener. */
class FakeIpcRenderer extends EventEmitter {
  invocations: unknown[][] = [];
  answer: (channel: string, payload: unknown) => Promise<unknown> = async (channel) => ({ ok: true, value: `${channel} answered` });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return this.answer(channel, args[0]);
  }
}

interface FakeElectron {
  ipcRenderer: FakeIpcRenderer;
  exposed: [string, unknown][];
  module: { ipcRenderer: FakeIpcRenderer; contextBridge: { exposeInMainWorld(key: string, api: unknown): void } };
}

function fakeElectron(): FakeElectron {
  const ipcRenderer = new FakeIpcRenderer();
  const exposed: [string, unknown][] = [];
  return {
    ipcRenderer,
    exposed,
    module: { ipcRenderer, contextBridge: { exposeInMainWorld: (key, api) => exposed.push([key, api]) } },
  };
}

const fromSource = vi.hoisted(() => ({ current: null as null | FakeElectron }));
vi.mock('electron', () => fromSource.current!.module);

async function loadSource(): Promise<FakeElectron> {
  fromSource.current = fakeElectron();
  await import('../../../main/electron/preload.ts');
  return fromSource.current;
}

async function loadBundle(): Promise<FakeElectron & { required: string[] }> {
  const result = await build({ ...preloadBuildOptions, write: false, sourcemap: false, outfile: 'preload.cjs' });
  const code = result.outputFiles[0]!.text;
  const electron = fakeElectron();
  const required: string[] = [];
  const require = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron.module;
  };
  // A fresh global scope holding only `require`: the bundle needs nothing else from its wrapper.
  runInNewContext(code, { require });
  return { ...electron, required };
}

describe.each([
  ['the source', loadSource],
  ['the bundle', loadBundle],
] as const)('the preload (%s)', (_which, load) => {
  let electron: FakeElectron;
  let scope: ScopeBridge;

  beforeAll(async () => {
    electron = await load();
    scope = electron.exposed[0]?.[1] as ScopeBridge;
  });

  it('exposes exactly one object, window.scope, with exactly call and on', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['scope']);
    expect(Object.keys(scope).sort()).toEqual(['call', 'on']);
    expect(typeof scope.call).toBe('function');
    expect(typeof scope.on).toBe('function');
    // Nothing reachable from it is Electron's: no ipcRenderer, no process.
    for (const value of Object.values(scope)) expect(value).not.toBe(electron.ipcRenderer);
  });

  it('call invokes the command on its channel and resolves with the main process answer', async () => {
    electron.ipcRenderer.invocations = [];
    const answer = await scope.call('sessions:open', { connectionId: 'c-1' });
    expect(electron.ipcRenderer.invocations).toEqual([['sessions:open', { connectionId: 'c-1' }]]);
    expect(answer).toEqual({ ok: true, value: 'sessions:open answered' });
  });

  it.each(['shell:exec', 'constructor', '__proto__', 'toString', 'app:info ', 42, null])(
    'call refuses %j without invoking anything',
    async (name) => {
      electron.ipcRenderer.invocations = [];
      const answer = await (scope.call as (name: unknown, payload: unknown) => Promise<unknown>)(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
      expect(electron.ipcRenderer.invocations).toEqual([]);
    },
  );

  it('call answers a failure of the IPC layer itself as a failed result', async () => {
    electron.ipcRenderer.answer = () => Promise.reject(new Error('An object could not be cloned.'));
    try {
      expect(await scope.call('app:info', undefined)).toEqual({
        ok: false,
        error: { code: 'failed', message: 'An object could not be cloned.' },
      });
    } finally {
      electron.ipcRenderer.answer = async (channel) => ({ ok: true, value: `${channel} answered` });
    }
  });

  it('on passes the payload alone (never the Electron event) and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = scope.on('app:menu', (...args: unknown[]) => received.push(args));
    const event = { sender: electron.ipcRenderer, ports: [] };
    electron.ipcRenderer.emit('app:menu', event, { action: 'import' });
    expect(received).toEqual([[{ action: 'import' }]]);

    unsubscribe();
    unsubscribe(); // twice is harmless
    electron.ipcRenderer.emit('app:menu', event, { action: 'close-tab' });
    expect(received).toHaveLength(1);
    expect(electron.ipcRenderer.listenerCount('app:menu')).toBe(0);
  });

  it('two subscriptions to one push are independent', () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = scope.on('app:notice', (notice) => first.push(notice));
    const offSecond = scope.on('app:notice', (notice) => second.push(notice));
    offFirst();
    electron.ipcRenderer.emit('app:notice', {}, { level: 'info', message: 'hi' });
    expect(first).toEqual([]);
    expect(second).toEqual([{ level: 'info', message: 'hi' }]);
    offSecond();
  });

  it('on refuses a channel the contract does not name, and a listener that is not a function', () => {
    const on = scope.on as (name: unknown, listener: unknown) => () => void;
    expect(() => on('ELECTRON_BROWSER_WINDOW_ALERT', () => {})).toThrow(/Unknown push/);
    expect(() => on('app:menu', 'alert(1)')).toThrow(/function/);
    expect(electron.ipcRenderer.eventNames()).toEqual([]);
  });
});

describe('the preload bundle', () => {
  it("requires 'electron' and nothing else", async () => {
    const { required } = await loadBundle();
    expect(required).toEqual(['electron']);
  });
});
