// The --data-dir option of every command that reads or writes the captures library (or, for
// `watch`, the saved connections), and the folders it names (app-paths.ts says where they are
// when the option is not given).

import { appPaths, type AppPaths } from '../core/app-paths.ts';
import { UsageError } from './command-exit.ts';

export const DATA_DIR_HELP = "the app data folder holding the captures library (default: the app's own, or $SSE_SCOPE_DATA_DIR)";

/** The data folder and its captures folder for a --data-dir value (undefined: the app's own). */
export function dataFoldersFor(dataDir: string | undefined): AppPaths {
  if (dataDir === '') throw new UsageError('--data-dir needs a folder name');
  return appPaths(dataDir);
}

/** The captures folder for a --data-dir value (undefined: the app's own). */
export function capturesFolderFor(dataDir: string | undefined): string {
  return dataFoldersFor(dataDir).capturesDir;
}
