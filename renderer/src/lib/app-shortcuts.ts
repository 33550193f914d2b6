// The window-wide keyboard shortcuts of the shell. Under Electron the native menu owns Ctrl/Cmd+N
// and Ctrl/Cmd+W (its accelerators send 'app:menu' pushes), so the page handles them only in
// browser mode; Ctrl+Tab is never in the menu. Ctrl/Cmd+F and "/" focus the active tab's search.

export type Shortcut = 'new-connection' | 'close-tab' | 'next-tab' | 'previous-tab';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcutOf(event: KeyLike, menuOwnsAccelerators: boolean): Shortcut | null {
  if (event.altKey) return null;
  if (event.ctrlKey && event.key === 'Tab') return event.shiftKey ? 'previous-tab' : 'next-tab';
  if (event.ctrlKey && !event.shiftKey && event.key === 'PageDown') return 'next-tab';
  if (event.ctrlKey && !event.shiftKey && event.key === 'PageUp') return 'previous-tab';
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.shiftKey || menuOwnsAccelerators) return null;
  const key = event.key.toLowerCase();
  if (key === 'n') return 'new-connection';
  if (key === 'w') return 'close-tab';
  return null;
}

/** What a key press was aimed at, as far as typing goes. */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Inputs that take no typed text: "/" pressed on one of these is not typing. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** The key goes into a text field (or a select's type-ahead), so a bare key there is typing. */
export function isTextEntry(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TYPED.has((target.type ?? 'text').toLowerCase());
}

/**
 * Keys that focus the active tab's "Search events" box from anywhere in the window: Ctrl/Cmd+F
 * (even from a text field, as in a browser), and "/" when it is not being typed into a field.
 */
export function isSearchShortcut(event: KeyLike, typing: boolean): boolean {
  if (event.altKey) return false;
  if (event.ctrlKey || event.metaKey) return !event.shiftKey && event.key.toLowerCase() === 'f';
  return event.key === '/' && !typing;
}
