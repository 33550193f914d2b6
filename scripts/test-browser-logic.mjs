// @ts-check
// Which Chromium the browser tests (components, end to end), the screenshots and the UI bench
// drive, and getting one before `npm test` runs them, as plain functions over injected effects
// (scripts/test-browser.mjs supplies the real ones). In order: the system's Chromium
// (/usr/bin/chromium, what CI installs from apt, or the file SSE_SCOPE_CHROMIUM names); else
// Playwright's own browser when it is installed; else Playwright's download
// (`npx playwright install chromium`); and where that fails, one line that says what to install.

export const CHROMIUM_ENV = 'SSE_SCOPE_CHROMIUM';
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'npx playwright install chromium';
export const NO_CHROMIUM =
  `No Chromium for the browser tests: install it with \`${INSTALL_COMMAND}\` or your system's chromium package, ` +
  `or set ${CHROMIUM_ENV}=/path/to/chromium`;

/**
 * Where the system's Chromium is looked for: the path SSE_SCOPE_CHROMIUM names, else /usr/bin/chromium.
 * @param {NodeJS.ProcessEnv} env
 */
export function chromiumLookupPath(env) {
  return env[CHROMIUM_ENV]?.trim() || SYSTEM_CHROMIUM;
}

/**
 * The system's Chromium when it is there; undefined means Playwright's own browser.
 * @param {NodeJS.ProcessEnv} env
 * @param {(path: string) => boolean} exists
 * @returns {string | undefined}
 */
export function systemChromium(env, exists) {
  const path = chromiumLookupPath(env);
  return exists(path) ? path : undefined;
}

/**
 * @typedef {{ kind: 'system', path: string } | { kind: 'playwright', path: string, downloaded: boolean }} TestBrowser
 */

/**
 * @typedef {object} TestBrowserDeps
 * @property {NodeJS.ProcessEnv} env
 * @property {(path: string) => boolean} exists
 * @property {() => string | undefined} playwrightChromium
 *   where Playwright keeps its Chromium (`chromium.executablePath()`), installed or not
 * @property {() => Promise<boolean>} install   runs Playwright's download; whether it succeeded
 * @property {(line: string) => void} print   to stderr
 */

/**
 * Finds a Chromium for the browser tests, downloading Playwright's only when there is none;
 * undefined (after printing NO_CHROMIUM) when there is none to be had.
 * @param {TestBrowserDeps} deps
 * @returns {Promise<TestBrowser | undefined>}
 */
export async function ensureTestBrowser(deps) {
  const system = systemChromium(deps.env, deps.exists);
  if (system !== undefined) return { kind: 'system', path: system };
  const playwright = deps.playwrightChromium();
  if (playwright !== undefined && deps.exists(playwright)) return { kind: 'playwright', path: playwright, downloaded: false };

  deps.print(`No Chromium at ${chromiumLookupPath(deps.env)} and Playwright's is not installed: running \`${INSTALL_COMMAND}\` (once).`);
  const installed = await deps.install();
  const downloaded = deps.playwrightChromium();
  if (installed && downloaded !== undefined && deps.exists(downloaded)) return { kind: 'playwright', path: downloaded, downloaded: true };
  deps.print(NO_CHROMIUM);
  return undefined;
}
