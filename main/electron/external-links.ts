// Opening links outside the app: only http(s) URLs, only in the user's browser, only after the
// user has seen the URL and said yes. The dialog and the shell are injected, so this runs (and is
// tested) under plain Node; security.ts wires it to every window-open request.
//
// Electron security checklist 15, "Do not use shell.openExternal with untrusted content":
// https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content

import type { MessageBoxOptions } from 'electron';

/** The two Electron calls this module needs: `dialog.showMessageBox` and `shell.openExternal`. */
export interface ExternalLinkDeps {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  openExternal(url: string): Promise<void>;
}

/** What became of a request to open a link. */
export type ExternalLinkOutcome = 'opened' | 'declined' | 'refused' | 'busy';

const OPEN_BUTTON = 0;
const CANCEL_BUTTON = 1;

/**
 * The URL in the canonical form we show and open (punycode host, percent-encoded path), or
 * undefined when it is not an http(s) URL: file:, javascript:, custom schemes and the like can
 * start programs, so they are never handed to the shell.
 */
export function externalWebUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href;
}

/** The confirmation dialog: the URL is in the message, and Cancel is the default answer. */
export function confirmOpenOptions(href: string): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Open link',
    message: 'Open this link in your browser?',
    detail: href,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

/**
 * Returns a function that asks, then opens. At most one question is on screen at a time: a page
 * that calls window.open in a loop gets 'busy' back instead of a stack of dialogs.
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps): (url: string) => Promise<ExternalLinkOutcome> {
  let asking = false;
  return async (url) => {
    const href = externalWebUrl(url);
    if (href === undefined) return 'refused';
    if (asking) return 'busy';
    asking = true;
    try {
      const { response } = await deps.showMessageBox(confirmOpenOptions(href));
      if (response !== OPEN_BUTTON) return 'declined';
      // The same string the user was shown, not the original.
      await deps.openExternal(href);
      return 'opened';
    } finally {
      asking = false;
    }
  };
}
