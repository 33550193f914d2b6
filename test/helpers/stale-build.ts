// Builds an output from the current sources only when it is older than one of them, under a lock
// directory so parallel test files do not build over each other. Used for the CLI bundle and the
// renderer build: under `npm test`, which builds first, both are found fresh and nothing is rebuilt.

import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StaleBuild {
  /** The file whose modification time stands for the build. */
  output: string;
  /** Every file the build reads (missing ones are ignored). */
  sources(): Promise<string[]>;
  build(): Promise<unknown>;
  /** A lock directory; one left by a crashed run is taken over after `staleLockMs`. */
  lock: string;
  staleLockMs: number;
}

export async function buildIfStale(spec: StaleBuild): Promise<void> {
  if (await isFresh(spec)) return;
  await withLock(spec, async () => {
    if (await isFresh(spec)) return; // another test file built it while this one waited
    await spec.build();
  });
}

/** The files under `dir`, optionally only those whose name ends with `suffix`. */
export async function filesUnder(dir: string, suffix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => `${e.parentPath}/${e.name}`);
}

async function isFresh(spec: StaleBuild): Promise<boolean> {
  const built = await mtime(spec.output);
  if (built === null) return false;
  for (const file of await spec.sources()) {
    if (((await mtime(file)) ?? 0) > built) return false;
  }
  return true;
}

async function mtime(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function withLock(spec: StaleBuild, work: () => Promise<void>): Promise<void> {
  await mkdir(dirname(spec.lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(spec.lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await mtime(spec.lock);
      if (since !== null && Date.now() - since > spec.staleLockMs) await rmdir(spec.lock).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    await work();
  } finally {
    await rmdir(spec.lock).catch(() => {});
  }
}
