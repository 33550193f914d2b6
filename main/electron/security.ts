// Every Electron hardening rule of the app, in one place: the renderer's webPreferences, the
// deny-all permission handlers, what happens to new windows, navigation and <webview>, and the
// sender check for IPC handlers. Each rule names the Electron security checklist item it
// implements (https://www.electronjs.org/docs/latest/tutorial/security). The rules are small
// functions over structural types, so they are tested under plain Node; only the two
// install* functions at the bottom touch real Electron objects.

import type { App, Session, WebPreferences } from 'electron';
import { APP_SCHEME } from './app-protocol.ts';
import { createExternalLinkOpener, type ExternalLinkDeps } from './external-links.ts';

/**
 * The renderer's webPreferences, without the preload path (see secureWebPreferences).
 * Most of these are Electron's defaults; they are spelled out so a reader (or a test) can see
 * them and nobody can relax one by accident.
 */
export const SECURE_WEB_PREFERENCES = {
  // Checklist 3: https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation
  contextIsolation: true,
  // Checklist 4: https://www.electronjs.org/docs/latest/tutorial/security#4-enable-process-sandboxing
  sandbox: true,
  // Checklist 2: https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  // Checklist 12: https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
  // (no <webview> at all; will-attach-webview is refused as well, below)
  webviewTag: false,
  // Checklist 6: https://www.electronjs.org/docs/latest/tutorial/security#6-do-not-disable-websecurity
  webSecurity: true,
  // Checklist 8: https://www.electronjs.org/docs/latest/tutorial/security#8-do-not-enable-allowrunninginsecurecontent
  allowRunningInsecureContent: false,
  // Checklist 9: https://www.electronjs.org/docs/latest/tutorial/security#9-do-not-enable-experimental-features
  experimentalFeatures: false,
  // Checklist 13 (https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation):
  // a file dropped on the window must not replace the app.
  navigateOnDragDrop: false,
  // Not a security rule: the spell checker would underline URLs, header names and JSON.
  spellcheck: false,
} as const satisfies WebPreferences;

/**
 * The webPreferences for an app window whose preload script is at `preloadPath`. A packaged app
 * has no DevTools at all (`devTools: false`), so neither a shortcut nor a script can open them.
 */
export function secureWebPreferences(preloadPath: string, { devTools = false }: { devTools?: boolean } = {}): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, devTools, preload: preloadPath };
}

// ---- Permissions ----------------------------------------------------------------------------
// Checklist 5: https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
// Electron grants every permission unless told otherwise; the app needs none (no camera,
// notifications through the web API, geolocation, ...), so every request and check says no.

/** For `session.setPermissionRequestHandler`: always answers no. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** For `session.setPermissionCheckHandler`: always answers no. */
export function denyPermissionCheck(): boolean {
  return false;
}

// ---- Which URLs are the app's own -----------------------------------------------------------

/**
 * Whether `url` is the app's own renderer, given the URL the window loads (`appUrl`): the same
 * origin, app://renderer (app-protocol.ts) or the Vite dev server's. A file: page is never the
 * app's, not even the built index.html on disk (checklist 18). WHATWG URL gives a custom scheme
 * an opaque origin, so for app: the scheme and host are compared.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!candidate || !app) return false;
  if (app.protocol === `${APP_SCHEME}:`) return candidate.protocol === app.protocol && candidate.host === app.host;
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return candidate.origin === app.origin;
}

/** The parts of an IPC sender frame (Electron's WebFrameMain) the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * For IPC handlers: true only when the message comes from the app's own page in a main frame,
 * never from an iframe, a page the window was navigated to, or a frame that is already gone
 * (`event.senderFrame` is null then). VS Code refuses IPC on the same terms.
 * Checklist 17: https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function isOwnFrame(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  // A main frame has no parent; an iframe (even one of our own pages) does.
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

// ---- Navigation, new windows, <webview> -----------------------------------------------------

/** The part of Electron's will-navigate / will-redirect event the guard uses. */
export interface NavigationAttempt {
  readonly url: string;
  preventDefault(): void;
}

/**
 * For `will-navigate` and `will-redirect`: the window stays on the app's page. A link in event
 * data, a dropped file or a redirect cannot turn the app window into somebody else's page.
 * Checklist 13: https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */
export function navigationGuard(appUrl: string): (event: NavigationAttempt) => void {
  return (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  };
}

/**
 * For `setWindowOpenHandler`: no new Electron window is ever created. An http(s) link is handed
 * to `openLink` (which asks the user, then opens it in their browser) on the next turn of the
 * event loop, after the handler has returned, as Electron's own example does.
 * Checklist 14: https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 * Checklist 15: https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export function windowOpenHandler(openLink: (url: string) => void): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    setImmediate(openLink, url);
    return { action: 'deny' };
  };
}

/** The parts of Electron's WebContents that hardenWebContents wires. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationAttempt) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationAttempt) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface GuardOptions {
  /** The URL the app window loads (app://renderer/index.html, or the dev server's URL). */
  appUrl: string;
  /** Called with each http(s) URL a page tried to open in a new window. */
  openLink: (url: string) => void;
}

/** Applies the navigation, new-window and <webview> rules to one WebContents. */
export function hardenWebContents(contents: GuardedContents, options: GuardOptions): void {
  const guard = navigationGuard(options.appUrl);
  contents.on('will-navigate', guard);
  // A server-side redirect during an allowed navigation must not lead elsewhere either.
  contents.on('will-redirect', guard);
  // Checklist 12: https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(options.openLink));
}

// ---- Installing the rules into Electron ----------------------------------------------------

export interface AppSecurityOptions {
  appUrl: string;
  /** dialog.showMessageBox and shell.openExternal (see external-links.ts). */
  links: ExternalLinkDeps;
  /** Where a failure to show the dialog or open the browser is reported. */
  onLinkError?: (error: unknown) => void;
}

/**
 * Applies hardenWebContents to every WebContents the app ever creates (windows, devtools,
 * anything added later). Call before the first window is created.
 */
export function installWebContentsGuards(app: App, options: AppSecurityOptions): void {
  const open = createExternalLinkOpener(options.links);
  const onError = options.onLinkError ?? ((error: unknown) => console.error('Could not open link:', error));
  const openLink = (url: string): void => {
    open(url).catch(onError);
  };
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appUrl: options.appUrl, openLink });
  });
}

/** Installs the deny-all permission handlers on a session (after `app.whenReady()`). */
export function installPermissionGuards(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}
