// The window-wide keyboard shortcuts of the shell. Under Electron the native menu owns Ctrl/Cmd+N
// and Ctrl/Cmd+W (its accelerators send 'app:menu' pushes), so the page handles them only in
// browser mode; Ctrl+Tab is never in the menu.

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
