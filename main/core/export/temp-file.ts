// Write-then-rename: an export is written to a temporary file beside its target and renamed over
// it only when complete and flushed to disk, so a cancelled, failed or crashed export never
// leaves a half-written file (and never damages a file it was meant to replace). The file is
// created owner-only, and the rename keeps that mode, whatever the file it replaces had.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OWNER_ONLY_FILE } from '../file-modes.ts';

/** A hidden temporary path in the target's folder (same file system, so rename is atomic). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

/** Flush the finished temporary file to disk, then move it into place. */
export async function commitTempFile(temp: string, target: string): Promise<void> {
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

export async function discardTempFile(temp: string): Promise<void> {
  await rm(temp, { force: true });
}

/** A small file written whole, with the same guarantee. */
export async function writeFileAtomically(target: string, text: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, text, { flag: 'wx', mode: OWNER_ONLY_FILE });
    await commitTempFile(temp, target);
  } catch (error) {
    await discardTempFile(temp);
    throw error;
  }
}
