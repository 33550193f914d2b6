// The IPC handlers (main/electron/ipc-bridge.ts) registered on a fake ipcMain and called with fake
// invoke events: one handler per contract command, the sender refused before the payload is
// looked at, the payload validated by the real dispatcher, and pushes sent only to the app page.

import { pathToFileURL } from 'node:url';
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, type CommandName, type CommandResult } from '../../../main/contract.ts';
import { createDispatch, type CommandHandlers } from '../../../main/core/app/dispatcher.ts';
import {
  createIpcPushSink,
  FORBIDDEN_MESSAGE,
  registerIpc,
  type InvokeEvent,
  type IpcMainLike,
  type PushTarget,
} from '../../../main/electron/ipc-bridge.ts';
import { isAppUrl, isOwnFrame } from '../../../main/electron/security.ts';

// Electron's own objects fit the small interfaces (a compile-time check, run by tsc -b).
export const electronFits = {
  ipcMain: (ipcMain: IpcMain): IpcMainLike => ipcMain,
  webContents: (contents: WebContents): PushTarget => contents,
};

const APP_URL = 'app://renderer/index.html';

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

/** Behaves like Electron's ipcMain: a second handler for one channel is an error. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  registrations: string[] = [];
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
    this.registrations.push(channel);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, payload) from `frame` would resolve with. */
  async invoke(channel: string, frame: InvokeEvent['senderFrame'], payload: unknown): Promise<CommandResult<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return (await listener({ senderFrame: frame }, payload)) as CommandResult<unknown>;
  }
}

const mainFrame = (url: string) => ({ url, parent: null });
const appFrame = mainFrame(APP_URL);

/** The real dispatcher (schemas and all) over handlers that record what reached them. */
function setup(appUrl = APP_URL) {
  const reached: { name: string; payload: unknown }[] = [];
  const refused: { command: CommandName; url: string | null }[] = [];
  const handlers = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      (payload: unknown) => {
        reached.push({ name, payload });
        return `${name} done`;
      },
    ]),
  ) as unknown as CommandHandlers;
  const ipcMain = new FakeIpcMain();
  const unregister = registerIpc({
    ipcMain,
    dispatch: createDispatch(handlers),
    appUrl,
    isOwnFrame,
    onRefused: (command, url) => refused.push({ command, url }),
  });
  return { ipcMain, reached, refused, unregister };
}

describe('registerIpc', () => {
  it('registers one handler per contract command, on the command name, and removes them all', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.registrations].sort()).toEqual(Object.keys(commands).sort());
    expect(new Set(ipcMain.registrations).size).toBe(ipcMain.registrations.length);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('hands a valid payload from the app page to the command, parsed', async () => {
    const { ipcMain, reached } = setup();
    const result = await ipcMain.invoke('sessions:pause', appFrame, { sessionId: 's-1', paused: true });
    expect(result).toEqual({ ok: true, value: 'sessions:pause done' });
    expect(reached).toEqual([{ name: 'sessions:pause', payload: { sessionId: 's-1', paused: true } }]);
  });

  it('accepts the page loaded with a query or fragment, and a dev server page of the same origin', async () => {
    const packaged = setup();
    expect(await packaged.ipcMain.invoke('app:info', mainFrame(`${APP_URL}?tab=2#top`), undefined)).toMatchObject({ ok: true });
    const dev = setup('http://localhost:5173/');
    expect(await dev.ipcMain.invoke('app:info', mainFrame('http://localhost:5173/some/route'), undefined)).toMatchObject({ ok: true });
    expect(await dev.ipcMain.invoke('app:info', mainFrame('http://localhost:5174/'), undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  const foreignSenders: [string, InvokeEvent['senderFrame']][] = [
    ['a remote page', mainFrame('https://evil.example/')],
    ['another file on disk', mainFrame(pathToFileURL('/tmp/downloaded.html').href)],
    ['an iframe of the app page itself', { url: APP_URL, parent: appFrame }],
    ['a frame that is gone (senderFrame null)', null],
  ];

  describe.each(foreignSenders)('from %s', (_what, frame) => {
    it('every command answers forbidden, before the payload is validated, and nothing runs', async () => {
      const { ipcMain, reached, refused } = setup();
      for (const name of COMMAND_NAMES) {
        // A payload that is invalid for every command: the answer must still be "forbidden".
        for (const payload of [42, undefined]) {
          expect(await ipcMain.invoke(name, frame, payload)).toEqual({
            ok: false,
            error: { code: 'forbidden', message: FORBIDDEN_MESSAGE },
          });
        }
      }
      expect(reached).toEqual([]);
      expect(refused).toHaveLength(COMMAND_NAMES.length * 2);
      expect(refused[0]).toEqual({ command: COMMAND_NAMES[0], url: frame?.url ?? null });
    });
  });

  it('every command answers invalid-payload to a payload of the wrong shape from the app page', async () => {
    const { ipcMain, reached } = setup();
    for (const name of COMMAND_NAMES) {
      const result = await ipcMain.invoke(name, appFrame, 42);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      if (!result.ok) expect(result.error.message, name).toContain(name);
    }
    expect(reached).toEqual([]);
  });

  it.each([
    ['records:range', { sessionId: 's-1', fromSeq: -1, count: 10 }, 'fromSeq'],
    ['records:search', { sessionId: 's-1', query: 'x', offset: 0, limit: 50_000 }, 'limit'],
    ['connections:save', { connection: { name: 'Feed', url: 'ftp://example.com/' } }, 'connection.url'],
    ['sessions:open', { connectionId: '' }, 'connectionId'],
  ] as const)('%s with a bad field names the field', async (name, payload, field) => {
    const { ipcMain, reached } = setup();
    const result = await ipcMain.invoke(name, appFrame, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!result.ok) expect(result.error.message).toContain(`→ at ${field}`);
    expect(reached).toEqual([]);
  });
});

describe('createIpcPushSink', () => {
  class FakeContents implements PushTarget {
    sent: unknown[][] = [];
    destroyed = false;
    constructor(
      public url: string,
      private readonly fails = false,
    ) {}
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getURL(): string {
      return this.url;
    }
    send(channel: string, ...args: unknown[]): void {
      if (this.fails) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      this.sent.push([channel, ...args]);
    }
  }
  const isAppPage = (url: string) => isAppUrl(url, APP_URL);

  it('sends each push on its own channel with its payload', () => {
    const contents = new FakeContents(APP_URL);
    const push = createIpcPushSink(() => contents, isAppPage);
    push('app:menu', { action: 'new-connection' });
    push('app:notice', { level: 'info', message: 'hello' });
    expect(contents.sent).toEqual([
      ['app:menu', { action: 'new-connection' }],
      ['app:notice', { level: 'info', message: 'hello' }],
    ]);
  });

  it('sends nothing when there is no window, it is destroyed, or it shows another page', () => {
    let target: FakeContents | undefined;
    const push = createIpcPushSink(() => target, isAppPage);
    push('app:menu', { action: 'import' });

    target = new FakeContents(APP_URL);
    target.destroyed = true;
    push('app:menu', { action: 'import' });
    expect(target.sent).toEqual([]);

    target = new FakeContents('https://evil.example/');
    push('app:menu', { action: 'import' });
    expect(target.sent).toEqual([]);
  });

  it('drops a push to a page that went away between the check and the send', () => {
    const push = createIpcPushSink(() => new FakeContents(APP_URL, true), isAppPage);
    expect(() => push('app:menu', { action: 'close-tab' })).not.toThrow();
  });
});
