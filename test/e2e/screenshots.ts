// Regenerates the README's screenshots under docs/: the welcome screen, a live demo session with
// the detail pane open, the connection editor, and (with a few feeds of a local server watched
// with alert rules and the watchdog) the overview and the Alerts panel, each in the light and the
// dark theme (the app
// follows the OS; Chromium is told which one). Runs the built app (`npm run build` first) with the
// demo feed and a throwaway data folder: `node scripts/screenshots.mjs`.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import type { AppPage } from './pages/app-page.ts';
import type { SessionPage } from './pages/session-page.ts';
import { launchChromium, openApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { startMonitoringScene } from './support/monitoring-scene.ts';
import { repoRoot } from './support/repo-root.ts';
import { removeDataDir, startScope } from './support/scope-server.ts';

const DOCS = join(repoRoot(), 'docs');
const VIEWPORT = { width: 1280, height: 800 };
type Scheme = 'light' | 'dark';

async function shoot(page: Page, name: string, scheme: Scheme): Promise<void> {
  // No caret blinking or hover state in the picture.
  await page.mouse.move(0, VIEWPORT.height - 1);
  const path = join(DOCS, `screenshot-${name}-${scheme}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`  ${path}`);
}

/** A few seconds of the demo feed, and a JSON event open in the detail pane. */
async function timeline(page: Page, session: SessionPage, scheme: Scheme): Promise<void> {
  await expect(session.row(/, id 22,/)).toBeVisible({ timeout: 30_000 });
  const chat = session.rows.filter({ hasText: 'event' }).filter({ hasText: 'choices' });
  await session.openRow(chat.nth(Math.max(0, (await chat.count()) - 3)));
  await expect(session.detail.jsonTree).toBeVisible();
  await shoot(page, 'timeline', scheme);
}

async function editor(page: Page, app: AppPage, scheme: Scheme): Promise<void> {
  const form = await app.newConnection();
  await form.fill({
    name: 'LLM chat (staging)',
    method: 'POST',
    url: '{{baseUrl}}/v1/chat/completions',
    headers: [
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer sk-demo'],
    ],
    body: '{\n  "model": "small-1",\n  "stream": true,\n  "messages": [{"role": "user", "content": "Hello"}]\n}',
  });
  await form.dialog.getByRole('checkbox', { name: 'Secret' }).nth(1).check();
  await form.field('Name').focus();
  await form.field('Body').evaluate((textarea) => textarea.scrollTo(0, 0));
  await shoot(page, 'editor', scheme);
  await form.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.dialog).toBeHidden();
}

/** The overview and the Alerts panel of the monitoring scene. */
async function monitoring(page: Page, app: AppPage, scheme: Scheme): Promise<void> {
  const overview = await app.openOverview();
  await expect(overview.tile('Inventory sync')).toContainText('Stale');
  await shoot(page, 'overview', scheme);
  const alerts = await app.openAlerts();
  await expect(alerts.alert('Order errors')).toBeVisible();
  await shoot(page, 'alerts', scheme);
}

async function main(): Promise<void> {
  await mkdir(DOCS, { recursive: true });
  const scope = await startScope({ demo: true });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    console.log('Screenshots:');

    // Light: the first launch opens the demo feed by itself.
    const light = await openApp(browser, scope.url, { colorScheme: 'light', viewport: VIEWPORT });
    await timeline(light.page, await light.app.session('Demo feed'), 'light');
    await light.app.closeTab('Demo feed');
    await expect(light.app.welcome).toBeVisible();
    await shoot(light.page, 'welcome', 'light');
    await editor(light.page, light.app, 'light');
    await light.context.close();

    // Dark: the tab was closed, so the welcome comes first; its button opens the demo again.
    const dark = await openApp(browser, scope.url, { colorScheme: 'dark', viewport: VIEWPORT });
    await expect(dark.app.welcome).toBeVisible();
    // The captures list answers after the page shows: wait for the light session's capture.
    await expect(dark.page.getByRole('region', { name: 'Captures' }).getByRole('button', { name: /Captures\s*[1-9]/ })).toBeVisible();
    await shoot(dark.page, 'welcome', 'dark');
    await editor(dark.page, dark.app, 'dark');
    await timeline(dark.page, await dark.app.openDemoFeed(), 'dark');
    await dark.context.close();

    const scene = await startMonitoringScene(scope.url);
    const shots = [];
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const opened = await openApp(browser, scope.url, { colorScheme: scheme, viewport: VIEWPORT });
        await monitoring(opened.page, opened.app, scheme);
        shots.push(opened);
        await opened.context.close();
      }
    } finally {
      await scene.close();
    }

    const errors = [...light.errors, ...dark.errors, ...shots.flatMap((shot) => shot.errors)];
    if (errors.length > 0) throw new Error(`The page threw:\n${errors.join('\n')}`);
  } finally {
    await browser?.close();
    await scope.stop();
    await removeDataDir(scope.dataDir);
  }
}

await main();
