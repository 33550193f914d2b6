// @ts-check
// What `npm start` decides, as plain functions over injected effects (scripts/start.mjs
// supplies the real ones): find the Electron binary and run the app with it, or explain what
// is missing and offer browser mode instead. What a failed download printed (a raw stack) is
// shown only with `--verbose` or DEBUG set.

export const SERVE_COMMAND = 'npm run serve';
export const BROWSER_MODE_ENTRY = 'dist/server.js';
export const BROWSER_MODE_QUESTION = 'Start browser mode instead? [Y/n] ';

// Electron 45 has no install script: `require('electron')` downloads the binary on first use,
// so ELECTRON_SKIP_BINARY_DOWNLOAD plays no part and `npm install` alone does not fetch it.
export const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed (Electron downloads it the first time it is used, ' +
  'and that download failed: no network access, or a proxy or firewall in the way). ' +
  'Fix: run `node node_modules/electron/install.js` with network access, then `npm start` again.';

export const DETAILS_HINT = 'For the details, run `npm start -- --verbose`.';

/**
 * @typedef {{ ok: true, path: string } | { ok: false, reason: string, output?: string }} ElectronLocation
 *   `output`: what Electron's download printed on stderr, if it ran
 */

/**
 * Where the Electron binary is. `requireFn('electron')` returns the binary's path when run by
 * Node; in Electron 45 it first tries to download a missing binary, and throws ("Electron failed
 * to install correctly...") when that fails. A path that is returned is checked too.
 * @param {(id: string) => unknown} requireFn
 * @param {(path: string) => boolean} existsFn
 * @returns {ElectronLocation}
 */
export function locateElectron(requireFn, existsFn) {
  let located;
  try {
    located = requireFn('electron');
  } catch (error) {
    return { ok: false, reason: `require('electron') failed: ${errorMessage(error)}` };
  }
  if (typeof located !== 'string' || located === '') {
    return { ok: false, reason: "require('electron') did not return the path of a binary" };
  }
  if (!existsFn(located)) return { ok: false, reason: `there is no file at ${located}` };
  return { ok: true, path: located };
}

/**
 * Where the Electron binary is, from the child process that looked (scripts/locate-electron.mjs):
 * the location it wrote on file descriptor 3, with what it printed on stderr.
 * @param {{ status: number | null, result: string | null | undefined, stderr: string | null | undefined, error?: Error }} child
 * @returns {ElectronLocation}
 */
export function locationFromProbe(child) {
  const output = child.stderr?.trim() || undefined;
  if (child.error) return { ok: false, reason: `could not look for Electron: ${child.error.message}`, output };
  /** @type {unknown} */
  let location;
  try {
    location = JSON.parse(child.result ?? '');
  } catch {
    return { ok: false, reason: `looking for Electron failed (exit code ${child.status})`, output };
  }
  if (isLocation(location)) return location.ok ? location : { ...location, output };
  return { ok: false, reason: 'looking for Electron gave no answer', output };
}

/** @param {unknown} value @returns {value is ElectronLocation} */
function isLocation(value) {
  if (typeof value !== 'object' || value === null) return false;
  const location = /** @type {Record<string, unknown>} */ (value);
  return location.ok === true ? typeof location.path === 'string' : location.ok === false && typeof location.reason === 'string';
}

/**
 * Whether an answer to "[Y/n]" means yes: an empty answer takes the default (yes).
 * @param {string} answer
 */
export function acceptsBrowserMode(answer) {
  return /^\s*(y|yes)?\s*$/i.test(answer);
}

/**
 * The package's "main" file, or a sentence saying why Electron would have nothing to run.
 * @param {{ main?: unknown }} packageJson
 * @param {(path: string) => boolean} existsFn
 * @returns {{ ok: true, main: string } | { ok: false, problem: string }}
 */
export function appEntry(packageJson, existsFn) {
  const main = packageJson.main;
  if (typeof main !== 'string' || main === '') {
    return { ok: false, problem: 'package.json has no "main" field naming the built main process.' };
  }
  if (!existsFn(main)) {
    return { ok: false, problem: `${main} (package.json "main") does not exist. Run \`npm run build\` first.` };
  }
  return { ok: true, main };
}

/**
 * @typedef {object} StartDeps
 * @property {() => ElectronLocation} locateElectron
 * @property {() => { ok: true, main: string } | { ok: false, problem: string }} appEntry
 * @property {(path: string) => boolean} exists   relative to the project folder
 * @property {boolean} stdinIsTTY
 * @property {(question: string) => Promise<string>} ask
 * @property {(command: string, args: string[], options: { electron: boolean }) => Promise<number>} run
 *   runs a program with inherited stdio in the project folder; resolves to its exit code
 * @property {(line: string) => void} print   to stderr
 * @property {string} nodePath
 * @property {boolean} verbose   show why Electron was not found, and what its download printed
 */

/**
 * The whole `npm start` flow; resolves to the exit code.
 * @param {StartDeps} deps
 * @returns {Promise<number>}
 */
export async function runStart(deps) {
  const electron = deps.locateElectron();
  if (electron.ok) {
    const entry = deps.appEntry();
    if (!entry.ok) {
      deps.print(`Cannot start the app: ${entry.problem}`);
      return 1;
    }
    return deps.run(electron.path, ['.'], { electron: true });
  }

  deps.print(MISSING_ELECTRON_MESSAGE);
  if (deps.verbose) {
    deps.print(`Details: ${electron.reason}`);
    if (electron.output) deps.print(electron.output);
  } else {
    deps.print(DETAILS_HINT);
  }
  if (!deps.stdinIsTTY) {
    deps.print(`SSE Scope also runs in your web browser: \`${SERVE_COMMAND}\`.`);
    return 1;
  }
  const answer = await deps.ask(BROWSER_MODE_QUESTION);
  if (!acceptsBrowserMode(answer)) {
    deps.print(`Browser mode is there whenever you want it: \`${SERVE_COMMAND}\`.`);
    return 1;
  }
  if (!deps.exists(BROWSER_MODE_ENTRY)) {
    deps.print(`Cannot start browser mode: ${BROWSER_MODE_ENTRY} does not exist. Run \`npm run build\` first.`);
    return 1;
  }
  return deps.run(deps.nodePath, [BROWSER_MODE_ENTRY], { electron: false });
}

/**
 * The environment for the Electron child: without ELECTRON_RUN_AS_NODE, which would make the
 * binary behave as plain Node and ignore the app.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function electronEnv(env) {
  const { ELECTRON_RUN_AS_NODE: _ignored, ...rest } = env;
  return rest;
}

/** @param {unknown} error */
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
