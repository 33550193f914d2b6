// How the browser tests, the screenshots and the UI benchmark launch Chromium: the system's
// Chromium when there is one (/usr/bin/chromium, what CI installs from apt, or the file
// SSE_SCOPE_CHROMIUM names), Playwright's own browser otherwise. `npm test` makes sure one of the
// two is there before the tests run (scripts/test-browser.mjs, which decides the same way).

import { existsSync } from 'node:fs';
import type { LaunchOptions } from 'playwright';
import { systemChromium } from '../../../scripts/test-browser-logic.mjs';

/** Flags for a headless run in a container: no sandbox (root), no GPU, nothing phoning home. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  const executablePath = systemChromium(process.env, existsSync);
  return { headless: true, args: [...ARGS, ...extraArgs], ...(executablePath ? { executablePath } : {}) };
}
