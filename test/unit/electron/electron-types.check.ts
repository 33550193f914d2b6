// Not a test file: a type check (run by `tsc -b`, which `npm test` runs first) that Electron's
// real objects still fit the small interfaces main/electron/* accepts, so the fakes in the tests
// stand for something real. If Electron changes an event or method signature, this stops compiling.

import type { App, BrowserWindow, Dialog, Screen, Session, Shell, WebContents, WebFrameMain } from 'electron';
import type { ExternalLinkDeps } from '../../../main/electron/external-links.ts';
import type { AppWindow, DisplaySource, MainWindowDeps } from '../../../main/electron/main-window.ts';
import { denyPermissionCheck, denyPermissionRequest, type GuardedContents, type SenderFrame } from '../../../main/electron/security.ts';
import type { FocusableWindow, InstanceApp } from '../../../main/electron/single-instance.ts';
import type { TrackedWindow } from '../../../main/electron/window-state.ts';

export const electronFits = {
  webContents: (contents: WebContents): GuardedContents => contents,
  senderFrame: (frame: WebFrameMain): SenderFrame => frame,
  appWindow: (win: BrowserWindow): AppWindow => win,
  trackedWindow: (win: BrowserWindow): TrackedWindow => win,
  focusableWindow: (win: BrowserWindow): FocusableWindow => win,
  screen: (screen: Screen): DisplaySource => screen,
  app: (app: App): InstanceApp => app,
  mainWindowDeps: (create: (options: object) => BrowserWindow, screen: Screen): MainWindowDeps<BrowserWindow> => ({
    createWindow: create,
    screen,
  }),
  links: (dialog: Dialog, shell: Shell): ExternalLinkDeps => ({
    showMessageBox: (options) => dialog.showMessageBox(options),
    openExternal: (url) => shell.openExternal(url),
  }),
  permissions: (session: Session): void => {
    session.setPermissionRequestHandler(denyPermissionRequest);
    session.setPermissionCheckHandler(denyPermissionCheck);
  },
};
