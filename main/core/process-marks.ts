// Marks a process leaves in the data folder (the data folder's lock, a capture's recording mark):
// who left it (pid, host, and a token unique to this run of this process) and whether that
// process may still be running. A mark whose process is gone is stale: its process crashed or
// was killed, and nobody holds what it marked any more.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';

export const ProcessMarkSchema = z.object({
  pid: z.int().positive(),
  host: z.string(),
  /** This run of the process: a later process may be given the same pid (a container's pid 1). */
  token: z.string(),
});

export type ProcessMark = z.infer<typeof ProcessMarkSchema>;

const PROCESS_TOKEN = randomUUID();

/** The mark of this process. */
export function thisProcess(): ProcessMark {
  return { pid: process.pid, host: hostname(), token: PROCESS_TOKEN };
}

/** True when the mark is this process's own. */
export function isThisProcess(mark: ProcessMark): boolean {
  return mark.pid === process.pid && mark.token === PROCESS_TOKEN && mark.host === hostname();
}

/**
 * Whether the process that left `mark` may still be running. A process on another machine (a
 * data folder on a network share) cannot be asked, so it counts as running.
 */
export function isLive(mark: ProcessMark): boolean {
  if (mark.host !== hostname()) return true;
  if (mark.pid === process.pid) return mark.token === PROCESS_TOKEN; // else an earlier process with our pid
  return isProcessRunning(mark.pid);
}

/** Signal 0 tests for a process without touching it; EPERM means it runs as another user. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "pid 1234", or "pid 1234 on other-host" for a process on another machine. */
export function describeProcess(mark: ProcessMark): string {
  return mark.host === hostname() ? `pid ${mark.pid}` : `pid ${mark.pid} on ${mark.host}`;
}
