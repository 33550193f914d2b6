// Vitest globalSetup of the e2e project: the end-to-end tests run the built app (dist/server.js
// serving dist/renderer), so both are built from the current sources first when they are stale.
// Under `npm test`, which builds before it tests, the check finds them fresh and builds nothing.

import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureCliBuilt } from '../../helpers/build-once.ts';
import { repoRoot } from './repo-root.ts';

const ROOT = repoRoot();
const BUILT_PAGE = join(ROOT, 'dist/renderer/index.html');
const LOCK = join(ROOT, 'dist/.renderer-build-lock');
const STALE_LOCK_MS = 120_000;

export default async function setup(): Promise<void> {
  // build-node.mjs builds dist/server.js together with dist/cli.js.
  await ensureCliBuilt();
  await ensureRendererBuilt();
}

async function ensureRendererBuilt(): Promise<void> {
  if (await rendererIsFresh()) return;
  await withLock(async () => {
    if (await rendererIsFresh()) return;
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT });
  });
}

/** The built page is newer than every renderer source and every main/ module it may import. */
async function rendererIsFresh(): Promise<boolean> {
  const built = await mtime(BUILT_PAGE);
  if (built === null) return false;
  const sources = [
    join(ROOT, 'package.json'),
    join(ROOT, 'vite.config.ts'),
    join(ROOT, 'svelte.config.js'),
    ...(await filesUnder(join(ROOT, 'renderer'))),
    ...(await filesUnder(join(ROOT, 'main'))),
  ];
  for (const file of sources) {
    if ((await mtime(file) ?? 0) > built) return false;
  }
  return true;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function mtime(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function withLock(work: () => Promise<void>): Promise<void> {
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await mtime(LOCK);
      if (since !== null && Date.now() - since > STALE_LOCK_MS) await rmdir(LOCK).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await work();
  } finally {
    await rmdir(LOCK).catch(() => {});
  }
}
