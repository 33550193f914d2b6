// How the sidebar lists saved connections: filtered by what the user typed, grouped by folder or
// by tag (a connection with two tags shows under both), groups and names in a stable order. And
// which of them is the demo feed the empty state offers.

import type { SavedConnection } from '../../../main/contract.ts';

export type GroupBy = 'folder' | 'tag';

export interface ConnectionGroup {
  /** "" for connections outside any folder (or without tags). */
  name: string;
  connections: SavedConnection[];
}

export function matchesFilter(connection: SavedConnection, filter: string): boolean {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [connection.name, connection.url, connection.method, connection.folder, ...connection.tags].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function groupConnections(list: readonly SavedConnection[], by: GroupBy, filter: string): ConnectionGroup[] {
  const groups = new Map<string, SavedConnection[]>();
  for (const connection of list) {
    if (!matchesFilter(connection, filter)) continue;
    const keys = by === 'folder' ? [connection.folder] : connection.tags.length > 0 ? connection.tags : [''];
    for (const key of keys) {
      const group = groups.get(key);
      if (group) group.push(connection);
      else groups.set(key, [connection]);
    }
  }
  // Ungrouped connections first, then the groups by name; the saved order within each group.
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([name, connections]) => ({ name, connections }));
}

/** The demo feed's saved connection: tagged or named "demo", the GET feed before the chat. */
export function findDemoConnection(list: readonly SavedConnection[]): SavedConnection | null {
  const demos = list.filter(
    (connection) => connection.tags.some((tag) => tag.toLowerCase() === 'demo') || /\bdemo\b/i.test(connection.name),
  );
  return demos.find((connection) => connection.method === 'GET') ?? demos[0] ?? null;
}
