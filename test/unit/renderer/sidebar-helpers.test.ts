// What the sidebar and the shell decide without a page: connections grouped and filtered, the
// demo connection found, and which keys are shortcuts.

import { describe, expect, it } from 'vitest';
import { SavedConnectionSchema } from '../../../main/common/config-schema.ts';
import { shortcutOf } from '../../../renderer/src/lib/app-shortcuts.ts';
import { findDemoConnection, groupConnections } from '../../../renderer/src/lib/connection-groups.ts';

let n = 0;
function connection(name: string, extra: Record<string, unknown> = {}) {
  n++;
  return SavedConnectionSchema.parse({
    id: `7d7e4c57-52b4-4ad6-9d4e-${String(n).padStart(12, '0')}`,
    kind: 'feed',
    name,
    url: `https://example.com/${n}`,
    ...extra,
  });
}

const list = [
  connection('Ticker'),
  connection('Orders', { folder: 'Prod', tags: ['billing', 'prod'] }),
  connection('Demo chat', { folder: 'Demo', method: 'POST', tags: ['demo'] }),
  connection('Demo feed', { folder: 'Demo', tags: ['demo'] }),
];

describe('groupConnections', () => {
  it('puts top-level connections first, then folders by name, keeping the saved order inside', () => {
    const groups = groupConnections(list, 'folder', '');
    expect(groups.map((group) => [group.name, group.connections.map((c) => c.name)])).toEqual([
      ['', ['Ticker']],
      ['Demo', ['Demo chat', 'Demo feed']],
      ['Prod', ['Orders']],
    ]);
  });

  it('lists a connection under each of its tags', () => {
    const groups = groupConnections(list, 'tag', '');
    expect(groups.map((group) => group.name)).toEqual(['', 'billing', 'demo', 'prod']);
    expect(groups.find((group) => group.name === 'prod')!.connections.map((c) => c.name)).toEqual(['Orders']);
  });

  it('filters on every word, in name, URL, method, folder and tags', () => {
    expect(groupConnections(list, 'folder', 'demo post').flatMap((group) => group.connections.map((c) => c.name))).toEqual(['Demo chat']);
    expect(groupConnections(list, 'folder', 'BILLING')[0]!.connections[0]!.name).toBe('Orders');
    expect(groupConnections(list, 'folder', 'nothing')).toEqual([]);
  });
});

describe('findDemoConnection', () => {
  it('prefers the GET demo feed over the POST chat', () => {
    expect(findDemoConnection(list)?.name).toBe('Demo feed');
    expect(findDemoConnection(list.slice(0, 2))).toBeNull();
  });
});

describe('shortcutOf', () => {
  const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('cycles tabs with Ctrl+Tab and Ctrl+Shift+Tab everywhere', () => {
    expect(shortcutOf(key('Tab', { ctrlKey: true }), true)).toBe('next-tab');
    expect(shortcutOf(key('Tab', { ctrlKey: true, shiftKey: true }), false)).toBe('previous-tab');
    expect(shortcutOf(key('Tab'), false)).toBeNull();
  });

  it('leaves Ctrl/Cmd+N and +W to the native menu when it has them', () => {
    expect(shortcutOf(key('n', { ctrlKey: true }), false)).toBe('new-connection');
    expect(shortcutOf(key('W', { metaKey: true }), false)).toBe('close-tab');
    expect(shortcutOf(key('n', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutOf(key('w', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});
