// The --data-dir option of every command that reads or writes the captures library, and the
// captures folder it names (app-paths.ts says where that is when the option is not given).

import { appPaths } from '../core/app-paths.ts';
import { UsageError } from './command-exit.ts';

export const DATA_DIR_HELP = "the app data folder holding the captures library (default: the app's own, or $SSE_SCOPE_DATA_DIR)";

/** The captures folder for a --data-dir value (undefined: the app's own). */
export function capturesFolderFor(dataDir: string | undefined): string {
  if (dataDir === '') throw new UsageError('--data-dir needs a folder name');
  return appPaths(dataDir).capturesDir;
}
