// Where the app keeps its data: the folder Electron's app.getPath('userData') names for the product
// "SSE Scope", worked out without Electron so the CLI and the app share one captures library.
// SSE_SCOPE_DATA_DIR moves it (tests, portable setups); captures live in <data>/captures.

import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'SSE Scope';
/** Set to a folder to use it as the data folder instead of the platform's usual place. */
export const DATA_DIR_ENV = 'SSE_SCOPE_DATA_DIR';
const CAPTURES_FOLDER = 'captures';

export interface AppPaths {
  /** The app's data folder (Electron's userData). */
  dataDir: string;
  /** The captures library inside it. */
  capturesDir: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The data folder for a platform (process.platform's values), environment and home folder. */
export function dataDirFor(platform: NodeJS.Platform, env: Env, home: string): string {
  const override = env[DATA_DIR_ENV];
  if (override) return override;
  if (platform === 'win32') {
    // Electron asks Windows for the roaming AppData folder, which %APPDATA% names.
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  // Linux and the other Unixes: Chromium's GetXDGDirectory, which falls back when the variable
  // is unset or empty.
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), PRODUCT_NAME);
}

/** The captures folder of a data folder. */
export function capturesDirOf(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return (platform === 'win32' ? win32 : posix).join(dataDir, CAPTURES_FOLDER);
}

export function appPathsFor(platform: NodeJS.Platform, env: Env, home: string): AppPaths {
  const dataDir = dataDirFor(platform, env, home);
  return { dataDir, capturesDir: capturesDirOf(dataDir, platform) };
}

/** The paths on this machine; `dataDir` (a --data-dir option) wins over everything else. */
export function appPaths(dataDir?: string): AppPaths {
  if (dataDir !== undefined) return { dataDir, capturesDir: capturesDirOf(dataDir) };
  return appPathsFor(process.platform, process.env, homedir());
}
