// One Chromium per test file, and a fresh context (cookies, storage, downloads) per app page.
// Uncaught errors in the page are collected so a test can assert the app never threw.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { AppPage } from '../pages/app-page.ts';
import { chromiumLaunchOptions } from './chromium.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  app: AppPage;
  /** Uncaught exceptions thrown in the page so far. */
  errors: string[];
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** A script run in every page before the page's own (to listen from the first byte). */
  initScript?: string;
}

export async function openApp(browser: Browser, url: string, options: OpenOptions = {}): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  await page.goto(url);
  const app = new AppPage(page);
  await app.waitUntilLoaded();
  return { context, page, app, errors };
}
