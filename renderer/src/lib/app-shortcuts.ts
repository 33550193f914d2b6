// Every keyboard shortcut of the app, in one place: the window-wide ones the shell handles (what
// `shortcutOf` matches), and the keys the tab bar, the sidebar, the timeline, the search box and
// the detail pane handle themselves, listed here so the "Keyboard shortcuts" dialog (? or F1) is
// drawn from this one table. Under Electron the native menu owns Ctrl/Cmd+N and Ctrl/Cmd+W (its
// accelerators send 'app:menu' pushes), so the page handles them only in browser mode; Ctrl+Tab
// is never in the menu. Ctrl/Cmd+F and "/" focus the active tab's search.

export type Shortcut = 'new-connection' | 'close-tab' | 'next-tab' | 'previous-tab' | 'toggle-sidebar' | 'show-shortcuts';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** One key combination. `mod`: Ctrl only, or Ctrl on Linux and Windows / Cmd on macOS. */
interface Binding {
  key: string;
  mod?: 'ctrl' | 'ctrl-or-cmd';
  /** Shift held (default: not held); 'any' for a character typed with or without it ("?"). */
  shift?: boolean | 'any';
  /** A bare key that is typing when a text field has the keyboard. */
  notWhileTyping?: boolean;
}

interface WindowShortcut {
  id: Shortcut;
  action: string;
  bindings: Binding[];
  /** Carried out by the Electron menu's accelerator there; by the page in browser mode. */
  menuAccelerator?: boolean;
}

/** The shortcuts the shell carries out wherever the keyboard is (no dialog open). */
const WINDOW_SHORTCUTS: readonly WindowShortcut[] = [
  { id: 'new-connection', action: 'New connection', bindings: [{ key: 'n', mod: 'ctrl-or-cmd' }], menuAccelerator: true },
  { id: 'close-tab', action: 'Close the active tab', bindings: [{ key: 'w', mod: 'ctrl-or-cmd' }], menuAccelerator: true },
  {
    id: 'next-tab',
    action: 'Next tab',
    bindings: [
      { key: 'Tab', mod: 'ctrl' },
      { key: 'PageDown', mod: 'ctrl' },
    ],
  },
  {
    id: 'previous-tab',
    action: 'Previous tab',
    bindings: [
      { key: 'Tab', mod: 'ctrl', shift: true },
      { key: 'PageUp', mod: 'ctrl' },
    ],
  },
  { id: 'toggle-sidebar', action: 'Show or hide the sidebar', bindings: [{ key: 'b', mod: 'ctrl-or-cmd' }] },
  { id: 'show-shortcuts', action: 'This list of shortcuts', bindings: [{ key: '?', shift: 'any', notWhileTyping: true }, { key: 'F1' }] },
];

function matches(binding: Binding, event: KeyLike, typing: boolean): boolean {
  if (binding.key.length === 1 ? event.key.toLowerCase() !== binding.key : event.key !== binding.key) return false;
  if (binding.notWhileTyping && typing) return false;
  const shift = binding.shift ?? false;
  if (shift !== 'any' && event.shiftKey !== shift) return false;
  if (binding.mod === 'ctrl') return event.ctrlKey;
  if (binding.mod === 'ctrl-or-cmd') return event.ctrlKey || event.metaKey;
  return !event.ctrlKey && !event.metaKey;
}

/** The window-wide shortcut a key press is, if any. `typing`: a text field has the keyboard. */
export function shortcutOf(event: KeyLike, menuOwnsAccelerators: boolean, typing = false): Shortcut | null {
  if (event.altKey) return null;
  const found = WINDOW_SHORTCUTS.find(
    (shortcut) =>
      !(shortcut.menuAccelerator && menuOwnsAccelerators) && shortcut.bindings.some((binding) => matches(binding, event, typing)),
  );
  return found?.id ?? null;
}

// ---- The list the "Keyboard shortcuts" dialog shows ----

export interface ShortcutLine {
  /** Each way to press it, as key names: [["Ctrl", "Tab"], ["Ctrl", "Page Down"]]. */
  keys: string[][];
  action: string;
}

export interface ShortcutGroup {
  area: string;
  lines: ShortcutLine[];
}

const KEY_NAMES: Record<string, string> = {
  PageDown: 'Page Down',
  PageUp: 'Page Up',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
};

function keysOf(binding: Binding, mac: boolean): string[] {
  const keys: string[] = [];
  if (binding.mod === 'ctrl') keys.push('Ctrl');
  if (binding.mod === 'ctrl-or-cmd') keys.push(mac ? '⌘' : 'Ctrl');
  if (binding.shift === true) keys.push('Shift');
  keys.push(KEY_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key));
  return keys;
}

/**
 * Keys that parts of the window handle themselves, while they have the keyboard (written here so
 * the list has one source; each comment names the component that implements them).
 */
const LOCAL_KEYS: readonly { area: string; lines: { keys: string[][]; action: string }[] }[] = [
  {
    area: 'Search', // SessionPanel.svelte (isSearchShortcut below) and SearchBar.svelte
    lines: [
      { keys: [['Mod', 'F'], ['/']], action: 'Search the active tab’s events' },
      { keys: [['Enter'], ['Shift', 'Enter']], action: 'Next or previous match, in the search box' },
      { keys: [['N'], ['Shift', 'N']], action: 'Next or previous match, from the timeline' },
      { keys: [['Esc']], action: 'Clear the search' },
    ],
  },
  {
    area: 'Request', // request/RequestToolbar.svelte, in a request's tab
    lines: [{ keys: [['Mod', 'Enter']], action: 'Send the request (a new run); never sent again on its own' }],
  },
  {
    area: 'Timeline', // session/Timeline.svelte and SessionPanel.svelte
    lines: [
      { keys: [['↑'], ['↓']], action: 'Previous or next record (with Shift: extend the selection)' },
      { keys: [['Page Up'], ['Page Down'], ['Home'], ['End']], action: 'A page up or down, the first or the last record' },
      { keys: [['Enter']], action: 'Open the record’s detail' },
      { keys: [['Esc']], action: 'Close the detail' },
    ],
  },
  {
    area: 'Tabs', // TabBar.svelte
    lines: [
      { keys: [['←'], ['→'], ['Home'], ['End']], action: 'Move between tabs, in the tab bar' },
      {
        keys: [
          ['Mod', 'Shift', '←'],
          ['Mod', 'Shift', '→'],
        ],
        action: 'Move the tab left or right',
      },
      { keys: [['Delete']], action: 'Close the tab' },
    ],
  },
  {
    area: 'Sidebar', // connections/ConnectionItem.svelte and ContextMenu.svelte
    lines: [
      { keys: [['Shift', 'F10'], ['Menu']], action: 'A connection’s menu: rename, duplicate, copy as cURL, move, delete' },
      {
        keys: [
          ['Alt', '↑'],
          ['Alt', '↓'],
        ],
        action: 'Move the connection up or down in its folder',
      },
      { keys: [['F2']], action: 'Rename the connection' },
    ],
  },
  {
    area: 'Dialogs', // Dialog.svelte
    lines: [{ keys: [['Esc']], action: 'Close the dialog' }],
  },
];

/** Every shortcut, grouped by where it works, with the key names of this platform. */
export function shortcutList(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl';
  const window: ShortcutGroup = {
    area: 'Anywhere',
    lines: WINDOW_SHORTCUTS.map((shortcut) => ({
      keys: shortcut.bindings.map((binding) => keysOf(binding, mac)),
      action: shortcut.action,
    })),
  };
  const local = LOCAL_KEYS.map((group) => ({
    area: group.area,
    lines: group.lines.map((line) => ({ ...line, keys: line.keys.map((keys) => keys.map((key) => (key === 'Mod' ? mod : key))) })),
  }));
  return [window, ...local];
}

/** The page runs on macOS (⌘ instead of Ctrl). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
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
