// The exit statuses every command shares, and bad usage: a UsageError's message goes to stderr
// the way commander reports its own errors ("error: ..." and a pointer to --help), with status 2.
// Commander alone would exit 1, which our commands use for a failed run.

import type { Command } from 'commander';

/** Done: the stream ended, a limit was reached, or the user stopped a capture. */
export const EXIT_OK = 0;
/** The connection failed for good, or the output could not be written. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C before the work was done (the shell's 128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs a command's work and sets the exit status it resolves with; bad usage exits 2. */
export async function runCommand(command: Command, work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (error instanceof UsageError) {
      command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE, code: 'sse-scope.usage' });
    }
    throw error;
  }
}
