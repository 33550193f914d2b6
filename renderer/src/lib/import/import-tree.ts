// The connections an import would create, as the folders they go into: "Collection/Streams/Admin"
// becomes three nested folders. Folders and connections keep the order they come in.

export interface TreeFolder<T> {
  /** The folder's own name ("Admin"); "" for the top level. */
  name: string;
  /** The whole path ("Collection/Streams/Admin"); "" for the top level. */
  path: string;
  folders: TreeFolder<T>[];
  items: T[];
}

/** The top level, holding every item under its folder path. */
export function folderTree<T extends { folder: string }>(items: readonly T[]): TreeFolder<T> {
  const root: TreeFolder<T> = { name: '', path: '', folders: [], items: [] };
  for (const item of items) {
    let folder = root;
    for (const name of item.folder.split('/').filter((part) => part.trim() !== '')) {
      const path = folder.path === '' ? name : `${folder.path}/${name}`;
      let child = folder.folders.find((candidate) => candidate.name === name);
      if (!child) {
        child = { name, path, folders: [], items: [] };
        folder.folders.push(child);
      }
      folder = child;
    }
    folder.items.push(item);
  }
  return root;
}

/** Every folder path with its ancestors ("A", "A/B"), sorted: what an export can be limited to. */
export function folderPaths(items: readonly { folder: string }[]): string[] {
  const paths = new Set<string>();
  for (const { folder } of items) {
    const parts = folder.split('/').filter((part) => part.trim() !== '');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  return [...paths].sort((a, b) => a.localeCompare(b));
}

/** Whether `folder` is `path` or inside it. */
export function isInFolder(folder: string, path: string): boolean {
  const normalised = folder
    .split('/')
    .filter((part) => part.trim() !== '')
    .join('/');
  return normalised === path || normalised.startsWith(`${path}/`);
}
