// Reads the exported files under test/fixtures/import/ the way the renderer hands them over: a
// picked folder as {path, text} with the path from the picked folder down ("SSE Demo/login.bru",
// as webkitRelativePath gives it), or single files by name.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportFile } from '../../../main/common/import-preview.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/import');

/** One fixture file's text. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Fixture files by path under test/fixtures/import, named by their file name. */
export function fixtureFiles(...paths: string[]): ImportFile[] {
  return paths.map((path) => ({ path: path.split('/').at(-1)!, text: fixtureText(path) }));
}

/** Every file of a fixture folder, named from the folder itself down. */
export function pickedFolder(path: string): ImportFile[] {
  const root = join(FIXTURES, path);
  const parent = join(root, '..');
  const files: ImportFile[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.push({ path: relative(parent, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  visit(root);
  return files;
}
