// Which Chromium the browser tests, the screenshots and the UI benchmark drive, and how it is
// launched: the system's Chromium (/usr/bin/chromium, what CI installs from apt) when it exists or
// when PLAYWRIGHT_CHROMIUM_PATH names one, and Playwright's own browser otherwise (a developer's
// machine after `npx playwright install chromium`).

import { existsSync } from 'node:fs';
import type { LaunchOptions } from 'playwright';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless run in a container: no sandbox (root), no GPU, nothing phoning home. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumExecutable(): string | undefined {
  const named = process.env.PLAYWRIGHT_CHROMIUM_PATH?.trim();
  if (named) return named;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  const executablePath = chromiumExecutable();
  return { headless: true, args: [...ARGS, ...extraArgs], ...(executablePath ? { executablePath } : {}) };
}
