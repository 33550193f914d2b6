// The Electron transport of the contract, main-process side: one ipcMain.handle per command, named
// by the contract's own keys, each refusing any sender that is not the app's page in a main frame
// before the dispatcher validates the payload; and the push sink that sends each push on its
// channel to the main window. The preload (preload.ts) is the other end of both.

import { COMMAND_NAMES, type CommandName, type CommandResult, type Dispatch, type PushSink } from '../contract.ts';
import type { SenderFrame } from './security.ts';

/** The part of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEvent {
  /** null when the frame has navigated or been destroyed since it sent the message. */
  readonly senderFrame: SenderFrame | null;
}

/** The part of Electron's ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  /** Validates the payload and runs the command (main/core/app/dispatcher.ts). */
  dispatch: Dispatch;
  /** The URL the main window loads (main-window.ts rendererUrl). */
  appUrl: string;
  /** security.ts isOwnFrame: the app's own page, main frame only. */
  isOwnFrame: (frame: SenderFrame | null | undefined, appUrl: string) => boolean;
  /** Told about each refused message (for the main process log). */
  onRefused?: (command: CommandName, senderUrl: string | null) => void;
}

export const FORBIDDEN_MESSAGE = "Refused: the request did not come from the app's own page";

/**
 * Registers one handler per command. The sender is checked first, so a foreign page learns
 * nothing about payload shapes; the dispatcher then validates the payload with its schema and
 * answers with a CommandResult (it never throws). Returns a function that removes the handlers.
 */
export function registerIpc({ ipcMain, dispatch, appUrl, isOwnFrame, onRefused }: IpcOptions): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(name, (event, payload): Promise<CommandResult<unknown>> => {
      // Checklist 17: https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
      if (!isOwnFrame(event.senderFrame, appUrl)) {
        onRefused?.(name, event.senderFrame?.url ?? null);
        return Promise.resolve({ ok: false, error: { message: FORBIDDEN_MESSAGE, code: 'forbidden' } });
      }
      return dispatch(name, payload);
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(name);
  };
}

/** The part of Electron's WebContents the push sink uses. */
export interface PushTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * A PushSink that sends each push, on the channel of its name, to the main window's page. A
 * window that is closed or gone gets nothing; so does one showing anything but the app's page
 * (navigation is blocked, this is the second lock on that door: pushes carry captured data).
 */
export function createIpcPushSink(getTarget: () => PushTarget | null | undefined, isAppPage: (url: string) => boolean): PushSink {
  return (name, payload) => {
    const target = getTarget();
    if (!target || target.isDestroyed() || !isAppPage(target.getURL())) return;
    try {
      target.send(name, payload);
    } catch {
      // The page is going away (reload, close) between the check and the send: the push is
      // live data the next page asks for again, so dropping it is right.
    }
  };
}
