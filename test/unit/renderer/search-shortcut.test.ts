// Ctrl/Cmd+F and "/" take the user to the active tab's "Search events" box from anywhere in the
// window; "/" typed into a text field stays in that field.

import { describe, expect, it } from 'vitest';
import { isSearchShortcut, isTextEntry, type KeyLike } from '../../../renderer/src/lib/app-shortcuts.ts';

function key(key: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('the search shortcut', () => {
  it('is Ctrl+F or Cmd+F, even while typing in a field', () => {
    for (const typing of [false, true]) {
      expect(isSearchShortcut(key('f', { ctrlKey: true }), typing)).toBe(true);
      expect(isSearchShortcut(key('f', { metaKey: true }), typing)).toBe(true);
      expect(isSearchShortcut(key('F', { ctrlKey: true }), typing)).toBe(true); // Caps Lock
    }
  });

  it('is "/" outside text fields only', () => {
    expect(isSearchShortcut(key('/'), false)).toBe(true);
    expect(isSearchShortcut(key('/'), true)).toBe(false);
    // A layout where "/" needs Shift (Shift+7) still sends "/".
    expect(isSearchShortcut(key('/', { shiftKey: true }), false)).toBe(true);
  });

  it('is not another chord', () => {
    expect(isSearchShortcut(key('f'), false)).toBe(false);
    expect(isSearchShortcut(key('f', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key('f', { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key('/', { ctrlKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key('n', { ctrlKey: true }), false)).toBe(false);
  });
});

describe('typing into a field', () => {
  it('means text inputs, text areas, selects and editable content', () => {
    for (const type of [undefined, 'text', 'search', 'url', 'number', 'password', 'email']) {
      expect(isTextEntry({ tagName: 'INPUT', ...(type ? { type } : {}) })).toBe(true);
    }
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'SELECT' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('does not mean buttons, checkboxes, the timeline or nothing at all', () => {
    for (const type of ['checkbox', 'radio', 'button', 'submit', 'file', 'range'])
      expect(isTextEntry({ tagName: 'INPUT', type })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: false })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
