// @ts-check
// The first step of `npm test`: makes sure the browser tests have a Chromium (the decisions are
// in test-browser-logic.mjs), and stops the test run at once, with one line that says what to
// install, when there is none. Prints nothing when one is there. `--verbose` (or DEBUG set)
// shows Playwright's download as it happens.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestBrowser } from './test-browser-logic.mjs';
import { wantsDetails } from './verbose.mjs';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const verbose = wantsDetails(process.argv.slice(2), process.env);

/** @returns {string | undefined} */
function playwrightChromium() {
  try {
    /** @type {typeof import('playwright')} */
    const playwright = require('playwright');
    return playwright.chromium.executablePath();
  } catch {
    return undefined; // a platform Playwright has no browser for
  }
}

/**
 * `npx playwright install chromium`, with the project's Playwright; its output (progress, or three
 * attempts' stacks when its host cannot be reached) only with --verbose.
 * @returns {Promise<boolean>}
 */
function install() {
  const cli = join(dirname(require.resolve('playwright/package.json')), 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'install', 'chromium'], {
      cwd: projectDir,
      stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'ignore'],
    });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

const browser = await ensureTestBrowser({
  env: process.env,
  exists: existsSync,
  playwrightChromium,
  install,
  print: (line) => console.error(line),
});
if (browser === undefined) process.exitCode = 1;
else if (browser.kind === 'playwright' && browser.downloaded) console.error(`Playwright's Chromium is installed (${browser.path}).`);
