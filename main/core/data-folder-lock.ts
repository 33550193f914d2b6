// One writer per data folder: the desktop app and browser mode both write config.json, and two of
// them on one folder would each overwrite the other's changes. The app core takes this lock when
// it starts: `<dataDir>/.lock`, created exclusively ('wx'), holding who took it (process-marks.ts)
// and what it is. A lock whose process is gone (it crashed, or was killed) is stale and taken over.
// The lock is released when the core stops, or at the latest when the process exits.
// `sse-scope capture --save` only adds captures and takes no lock (captures have recording marks).
//
// Known limit: two processes that find the same stale lock at the same moment may both take it
// over (the check and the removal are two steps); it needs a crash and two starts at once.

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from './file-modes.ts';
import { describeProcess, isLive, ProcessMarkSchema, thisProcess } from './process-marks.ts';

export const LOCK_FILE_NAME = '.lock';
/** A lock file with no readable content this young is still being written by its taker. */
const UNREADABLE_GRACE_MS = 5_000;
const TAKE_ATTEMPTS = 3;

const LockContentSchema = ProcessMarkSchema.extend({
  /** What holds it, for the message: "browser mode", "the desktop app". */
  holder: z.string(),
  startedAt: z.string(),
  /** Tells this lock from another taken by the same process (two cores in one test run). */
  nonce: z.string(),
});

type LockContent = z.infer<typeof LockContentSchema>;

export interface DataFolderLock {
  readonly path: string;
  /** Removes the lock file (when it is still this lock's); more calls do nothing. */
  release(): void;
}

export interface LockOptions {
  /** What takes the lock, as the message of a later taker names it: "browser mode". */
  holder: string;
  /** How the user can run this one beside the holder: "use --data-dir <other folder>". */
  otherFolderAdvice: string;
}

/** Another process (or another app core in this one) has the data folder. */
export class DataFolderLockedError extends Error {
  readonly lockPath: string;

  constructor(lockPath: string, holder: LockContent | null, advice: string) {
    const who = holder ? `${holder.holder}, ${describeProcess(holder)}` : 'another process that is starting';
    const remote = holder !== null && holder.host !== hostname();
    super(
      `SSE Scope is already running with this data folder (${who}). Close it, or ${advice}.` +
        (remote ? ` If it is not running any more, delete ${lockPath}.` : ''),
    );
    this.name = 'DataFolderLockedError';
    this.lockPath = lockPath;
  }
}

/** Locks released at exit by whoever did not stop in time (sync: 'exit' runs no more I/O turns). */
const held = new Set<DataFolderLock>();
let exitHookInstalled = false;

/** Takes the data folder's lock, or throws DataFolderLockedError naming who has it. */
export function lockDataFolder(dataDir: string, options: LockOptions): DataFolderLock {
  mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_FOLDER });
  const path = join(dataDir, LOCK_FILE_NAME);
  const content: LockContent = { ...thisProcess(), holder: options.holder, startedAt: new Date().toISOString(), nonce: randomUUID() };
  const text = JSON.stringify(content) + '\n';
  for (let attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
    try {
      writeFileSync(path, text, { flag: 'wx', mode: OWNER_ONLY_FILE });
      return holdLock(path, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = readLock(path);
    if (existing === null) continue; // released meanwhile: try again
    if (existing.content ? isLive(existing.content) : existing.ageMs < UNREADABLE_GRACE_MS) {
      throw new DataFolderLockedError(path, existing.content, options.otherFolderAdvice);
    }
    removeIfUnchanged(path, existing.text); // stale: its process is gone
  }
  throw new Error(`The data folder's lock ${path} keeps changing: is SSE Scope starting twice?`);
}

function holdLock(path: string, text: string): DataFolderLock {
  const lock: DataFolderLock = {
    path,
    release() {
      if (!held.delete(lock)) return;
      try {
        removeIfUnchanged(path, text);
      } catch {
        // Left behind, it names this process, which is gone by the next start: a stale lock.
      }
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const lock of [...held]) lock.release();
    });
  }
  return lock;
}

/** The lock file's text and parsed content (null when unreadable); null when there is none. */
function readLock(path: string): { text: string; content: LockContent | null; ageMs: number } | null {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(path, 'utf8');
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let content: LockContent | null = null;
  try {
    const parsed = LockContentSchema.safeParse(JSON.parse(text));
    if (parsed.success) content = parsed.data;
  } catch {
    // not JSON: written half, or not ours
  }
  return { text, content, ageMs };
}

/** Deletes the lock file if it still holds `text` (never a lock someone else took since). */
function removeIfUnchanged(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
