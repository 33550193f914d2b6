// How the sidebar lists saved connections: filtered by what the user typed, as a tree of folders
// ("Billing/Staging" is Staging inside Billing) or grouped by tag (a connection with two tags
// shows under both), folders and names in a stable order. And which of them is the demo feed the
// empty state offers.

import type { SavedConnection } from '../../../main/contract.ts';
import { folderAncestry, folderName, folderSegments } from '../../../main/common/folder-path.ts';

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

/** A folder of the sidebar's tree; the root (path "") holds the connections outside any folder. */
export interface FolderNode {
  path: string;
  /** The last segment of the path: what the sidebar shows. */
  name: string;
  /** Connections directly in this folder, in the saved order. */
  connections: SavedConnection[];
  /** Folders inside it, by name. */
  folders: FolderNode[];
  /** Connections in it and in every folder inside it. */
  total: number;
}

/** The folder tree of the connections that match the filter (folders with none left out). */
export function folderTree(list: readonly SavedConnection[], filter: string): FolderNode {
  const root: FolderNode = { path: '', name: '', connections: [], folders: [], total: 0 };
  const nodes = new Map<string, FolderNode>([['', root]]);
  const nodeFor = (path: string): FolderNode => {
    let node = nodes.get(path);
    if (node) return node;
    const parent = nodeFor(folderSegments(path).slice(0, -1).join('/'));
    node = { path, name: folderName(path), connections: [], folders: [], total: 0 };
    nodes.set(path, node);
    parent.folders.push(node);
    return node;
  };
  for (const connection of list) {
    if (!matchesFilter(connection, filter)) continue;
    nodeFor(connection.folder).connections.push(connection);
    root.total++;
    for (const path of folderAncestry(connection.folder)) nodes.get(path)!.total++;
  }
  for (const node of nodes.values()) node.folders.sort((a, b) => a.name.localeCompare(b.name));
  return root;
}

/** Every folder path in use, and each folder they are in, sorted ("A", "A/B", "C"). */
export function allFolders(list: readonly SavedConnection[]): string[] {
  return [...new Set(list.flatMap((connection) => folderAncestry(connection.folder)))].sort((a, b) => a.localeCompare(b));
}

/** The demo feed's saved connection: tagged or named "demo", the GET feed before the chat. */
export function findDemoConnection(list: readonly SavedConnection[]): SavedConnection | null {
  const demos = list.filter(
    (connection) => connection.tags.some((tag) => tag.toLowerCase() === 'demo') || /\bdemo\b/i.test(connection.name),
  );
  return demos.find((connection) => connection.method === 'GET') ?? demos[0] ?? null;
}
