// The window-wide shortcuts added with the keyboard list: Ctrl/Cmd+B for the sidebar, ? and F1
// for the list itself (? only when it is not being typed into a field), and the list drawn from
// the same table the keys are matched with.

import { describe, expect, it } from 'vitest';
import { shortcutList, shortcutOf, type KeyLike } from '../../../renderer/src/lib/app-shortcuts.ts';

function key(key: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('shortcutOf', () => {
  it('shows or hides the sidebar with Ctrl+B or Cmd+B, also under Electron', () => {
    expect(shortcutOf(key('b', { ctrlKey: true }), true)).toBe('toggle-sidebar');
    expect(shortcutOf(key('B', { metaKey: true }), false)).toBe('toggle-sidebar');
    expect(shortcutOf(key('b'), false)).toBeNull();
    expect(shortcutOf(key('b', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });

  it('opens the list with F1 anywhere, and with ? (Shift or not) unless typing', () => {
    expect(shortcutOf(key('F1'), true, true)).toBe('show-shortcuts');
    expect(shortcutOf(key('?', { shiftKey: true }), true)).toBe('show-shortcuts');
    expect(shortcutOf(key('?'), true)).toBe('show-shortcuts');
    expect(shortcutOf(key('?', { shiftKey: true }), true, true)).toBeNull();
    expect(shortcutOf(key('?', { ctrlKey: true }), true)).toBeNull();
  });

  it('still reads Ctrl+Page Down and Ctrl+Page Up as the next and previous tab', () => {
    expect(shortcutOf(key('PageDown', { ctrlKey: true }), true)).toBe('next-tab');
    expect(shortcutOf(key('PageUp', { ctrlKey: true }), true)).toBe('previous-tab');
    expect(shortcutOf(key('PageUp', { ctrlKey: true, shiftKey: true }), true)).toBeNull();
  });
});

describe('shortcutList', () => {
  it('lists each window shortcut with the keys it is matched with, in this platform’s names', () => {
    const anywhere = shortcutList(false)[0]!;
    expect(anywhere.area).toBe('Anywhere');
    expect(anywhere.lines).toContainEqual({ action: 'Show or hide the sidebar', keys: [['Ctrl', 'B']] });
    expect(anywhere.lines).toContainEqual({
      action: 'Previous tab',
      keys: [
        ['Ctrl', 'Shift', 'Tab'],
        ['Ctrl', 'Page Up'],
      ],
    });
    expect(shortcutList(true)[0]!.lines).toContainEqual({ action: 'New connection', keys: [['⌘', 'N']] });
    // Every key named in the list for the window is one shortcutOf answers to.
    for (const line of anywhere.lines) {
      for (const keys of line.keys) {
        const last = keys.at(-1)!;
        const pressed = key(
          last === 'Page Up' ? 'PageUp' : last === 'Page Down' ? 'PageDown' : last.length === 1 ? last.toLowerCase() : last,
          {
            ctrlKey: keys.includes('Ctrl'),
            shiftKey: keys.includes('Shift'),
          },
        );
        expect(shortcutOf(pressed, false), keys.join('+')).not.toBeNull();
      }
    }
  });
});
