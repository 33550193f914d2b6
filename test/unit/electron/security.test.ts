// The Electron hardening rules (main/electron/security.ts), driven through fake WebContents and
// fake dialog/shell functions: what a page in the app window can and cannot make happen.

import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExternalLinkOpener } from '../../../main/electron/external-links.ts';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  hardenWebContents,
  isAppUrl,
  isOwnFrame,
  SECURE_WEB_PREFERENCES,
  secureWebPreferences,
  type GuardedContents,
} from '../../../main/electron/security.ts';

const PACKAGED_URL = 'app://renderer/index.html';
/** Where the built page lies on disk: a file:// URL to it is not the app (it has no app:// origin). */
const FILE_URL = pathToFileURL('/opt/SSE Scope/resources/app.asar/dist/renderer/index.html').href;
const DEV_URL = 'http://localhost:5173/';

class FakeContents extends EventEmitter implements GuardedContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Emits a navigation-like event and says whether the app stopped it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
  openWindow(url: string): { action: string } {
    if (!this.openHandler) throw new Error('no window open handler installed');
    return this.openHandler({ url });
  }
}

/** A dialog that answers with `response` and remembers what it showed, and a shell that records. */
function fakeDesktop(response: number) {
  const shown: { message?: string; detail?: string; buttons?: string[] }[] = [];
  const opened: string[] = [];
  const opener = createExternalLinkOpener({
    showMessageBox: async (options) => {
      shown.push(options);
      return { response };
    },
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { shown, opened, opener };
}

function hardened(appUrl: string, openLink: (url: string) => void = () => {}): FakeContents {
  const contents = new FakeContents();
  hardenWebContents(contents, { appUrl, openLink });
  return contents;
}

/** The window-open handler defers to the next turn of the event loop; this waits it out. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer and keeps Node, webview and insecure content out', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      // No DevTools unless asked for (only an unpackaged app asks).
      devTools: false,
    });
    expect(secureWebPreferences('/a.cjs', { devTools: true }).devTools).toBe(true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('gives every window its own copy', () => {
    const prefs = secureWebPreferences('/a.cjs');
    prefs.sandbox = false;
    expect(secureWebPreferences('/b.cjs').sandbox).toBe(true);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
  });
});

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      const answers: boolean[] = [];
      denyPermissionRequest(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('navigation', () => {
  it('lets the packaged window reload its own page, and nothing else', () => {
    const contents = hardened(PACKAGED_URL);
    expect(contents.attempt('will-navigate', PACKAGED_URL)).toBe(false);
    expect(contents.attempt('will-navigate', `${PACKAGED_URL}#/tab/2`)).toBe(false);
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.attempt('will-navigate', pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(contents.attempt('will-navigate', FILE_URL)).toBe(true);
    expect(contents.attempt('will-navigate', 'app://elsewhere/index.html')).toBe(true);
    expect(contents.attempt('will-navigate', 'apps://renderer/index.html')).toBe(true);
  });

  it('keeps the dev window on the dev server origin', () => {
    const contents = hardened(DEV_URL);
    expect(contents.attempt('will-navigate', 'http://localhost:5173/index.html?x=1')).toBe(false);
    expect(contents.attempt('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(contents.attempt('will-navigate', 'https://localhost:5173/')).toBe(true);
    expect(contents.attempt('will-navigate', 'http://localhost:5173.attacker.example/')).toBe(true);
    expect(contents.attempt('will-navigate', PACKAGED_URL)).toBe(true);
  });

  it('stops redirects away from the app and refuses every <webview>', () => {
    const contents = hardened(DEV_URL);
    expect(contents.attempt('will-redirect', 'https://attacker.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://localhost:5173/other')).toBe(false);
    expect(contents.attempt('will-attach-webview', DEV_URL)).toBe(true);
  });

  it('treats unparseable and opaque URLs as foreign', () => {
    expect(isAppUrl('javascript:alert(1)', DEV_URL)).toBe(false);
    expect(isAppUrl('data:text/html,hi', PACKAGED_URL)).toBe(false);
    expect(isAppUrl('not a url', PACKAGED_URL)).toBe(false);
    expect(isAppUrl(DEV_URL, 'not a url')).toBe(false);
  });
});

describe('new windows', () => {
  it('never opens an Electron window', () => {
    const contents = hardened(PACKAGED_URL);
    for (const url of ['https://example.com/', 'http://example.com/', 'file:///etc/passwd', 'about:blank', PACKAGED_URL]) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
  });

  it('opens an https link in the browser after the user agrees', async () => {
    const desktop = fakeDesktop(0);
    const contents = hardened(PACKAGED_URL, (url) => void desktop.opener(url));
    contents.openWindow('https://example.com/docs?q=sse');
    await nextTurn();
    expect(desktop.shown).toHaveLength(1);
    expect(desktop.shown[0]?.detail).toBe('https://example.com/docs?q=sse');
    expect(desktop.opened).toEqual(['https://example.com/docs?q=sse']);
  });

  it('does not open the link when the user cancels', async () => {
    const desktop = fakeDesktop(1);
    const contents = hardened(PACKAGED_URL, (url) => void desktop.opener(url));
    contents.openWindow('http://example.com/');
    await nextTurn();
    expect(desktop.shown).toHaveLength(1);
    expect(desktop.opened).toEqual([]);
  });

  it('neither asks about nor opens anything but http(s)', async () => {
    const desktop = fakeDesktop(0);
    const contents = hardened(PACKAGED_URL, (url) => void desktop.opener(url));
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-settings:', 'mailto:a@b.c']) {
      contents.openWindow(url);
    }
    await nextTurn();
    expect(desktop.shown).toEqual([]);
    expect(desktop.opened).toEqual([]);
  });
});

describe('isOwnFrame (IPC sender check)', () => {
  const mainFrame = (url: string) => ({ url, parent: null });
  const subFrame = (url: string) => ({ url, parent: mainFrame(url) });

  it("accepts the app page's main frame", () => {
    expect(isOwnFrame(mainFrame(PACKAGED_URL), PACKAGED_URL)).toBe(true);
    expect(isOwnFrame(mainFrame(`${PACKAGED_URL}#/settings`), PACKAGED_URL)).toBe(true);
    expect(isOwnFrame(mainFrame('http://localhost:5173/'), DEV_URL)).toBe(true);
  });

  it('rejects subframes, even of the app page', () => {
    expect(isOwnFrame(subFrame(PACKAGED_URL), PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(subFrame(DEV_URL), DEV_URL)).toBe(false);
  });

  it('rejects other origins, other files and file:// pages in development', () => {
    expect(isOwnFrame(mainFrame('https://attacker.example/'), DEV_URL)).toBe(false);
    expect(isOwnFrame(mainFrame('http://127.0.0.1:5173/'), DEV_URL)).toBe(false);
    expect(isOwnFrame(mainFrame(PACKAGED_URL), DEV_URL)).toBe(false);
    expect(isOwnFrame(mainFrame(pathToFileURL('/tmp/evil.html').href), PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(mainFrame(FILE_URL), PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(mainFrame('app://elsewhere/index.html'), PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(mainFrame('data:text/html,<script></script>'), PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(mainFrame('about:blank'), PACKAGED_URL)).toBe(false);
  });

  it('rejects a frame that is gone', () => {
    expect(isOwnFrame(null, PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(undefined, PACKAGED_URL)).toBe(false);
    expect(isOwnFrame(mainFrame(''), PACKAGED_URL)).toBe(false);
  });
});
