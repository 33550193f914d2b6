// Regenerates the README's screenshots under docs/, each in the light and the dark theme (the app
// follows the OS by default; Chromium is told which one): at 1280 px wide the welcome screen, a
// live demo session with the detail pane open, the connection editor (params, variables with their
// values, auth), the sidebar's folders with a connection's menu open, the keyboard shortcuts, the
// demo chat's answer beside its timeline (Markdown, reasoning, figures) and its run history, and
// the Import dialog's preview of a Postman collection (its tree, then its variables to define);
// at 800 px (files ending in -800) the same session with the sidebar hidden, and the sidebar shown
// over it; then, with a few feeds of a local server watched with alert rules and the watchdog, the
// overview and the Alerts panel at 1280 px. Runs the built app (`npm run build` first) with the
// demo feed and a throwaway data folder: `node scripts/screenshots.mjs`.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import type { AppPage } from './pages/app-page.ts';
import { ImportDialogPage } from './pages/import-dialog-page.ts';
import { RequestPage } from './pages/request-page.ts';
import type { SessionPage } from './pages/session-page.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { startMonitoringScene } from './support/monitoring-scene.ts';
import { repoRoot } from './support/repo-root.ts';
import { removeDataDir, startScope } from './support/scope-server.ts';

const DOCS = join(repoRoot(), 'docs');
const POSTMAN_COLLECTION = join(repoRoot(), 'test/fixtures/import/postman/sse-demo.postman_collection.json');
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 800, height: 800 };
type Scheme = 'light' | 'dark';

async function shoot(page: Page, name: string, scheme: Scheme): Promise<void> {
  // No caret blinking or hover state in the picture.
  await page.mouse.move(0, page.viewportSize()!.height - 1);
  const width = page.viewportSize()!.width;
  const path = join(DOCS, `screenshot-${name}-${scheme}${width === WIDE.width ? '' : `-${width}`}.png`);
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

/** What the other screens show, made once through the UI: an environment and folders in folders. */
async function arrange(app: AppPage): Promise<void> {
  const environments = await app.manageEnvironments();
  await environments.create('Staging', { baseUrl: 'https://staging.example.com', model: 'small-1' });
  await environments.done();
  await app.switchEnvironment('Staging');
  for (const [name, folder] of [
    ['Orders feed', 'Billing'],
    ['Refunds', 'Billing'],
    ['Invoices', 'Billing/Staging'],
    ['Price ticker', 'Markets'],
  ] as const) {
    const form = await app.newConnection();
    await form.fill({ name, url: `{{baseUrl}}/${name.toLowerCase().replace(/ /g, '-')}`, folder });
    await form.save();
  }
}

async function editor(page: Page, app: AppPage, scheme: Scheme): Promise<void> {
  const form = await app.newConnection();
  await form.fill({
    name: 'LLM chat (staging)',
    method: 'POST',
    url: '{{baseUrl}}/v1/chat/completions?stream=true&model={{model}}',
    headers: [['Content-Type', 'application/json']],
    body: '{\n  "model": "{{model}}",\n  "stream": true,\n  "messages": [{"role": "user", "content": "Hello"}]\n}',
  });
  const auth = form.dialog.getByRole('group', { name: 'Auth' });
  await auth.getByLabel('Type').selectOption({ label: 'Bearer token' });
  await auth.getByLabel('Token').fill('sk-demo-0000');
  await form.field('Name').focus();
  await form.field('Name').evaluate((input) => input.closest('dialog')?.querySelector('.body')?.scrollTo(0, 0));
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

async function sidebarMenu(page: Page, app: AppPage, scheme: Scheme): Promise<void> {
  await app.showSidebar();
  await app.connection('Invoices').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'Actions for Invoices' })).toBeVisible();
  await shoot(page, 'sidebar', scheme);
  await page.keyboard.press('Escape');
}

/**
 * The demo chat (a POST request): sent twice, the answer of the second run beside its timeline with
 * an event selected (its text marked in the answer), then the run history.
 */
async function answer(page: Page, app: AppPage, scheme: Scheme): Promise<void> {
  await app.openConnection('Demo chat (POST)');
  const chat = new RequestPage(page, 'Demo chat (POST)');
  for (const label of ['Send', 'Send again']) {
    await expect(chat.sendButton()).toHaveText(label);
    await chat.sendButton().click();
    await expect(chat.side.getByText(/^Answer complete/)).toBeVisible({ timeout: 30_000 });
  }
  await chat.openRow(chat.rows.filter({ hasText: 'choices' }).nth(12));
  await page.keyboard.press('Escape'); // the detail pane closes; the row stays selected
  await expect(chat.detail.root).toBeHidden();
  await shoot(page, 'answer', scheme);
  await chat.sideTab('Runs').click();
  await expect(chat.runRows().nth(2)).toBeVisible(); // the header and at least the two runs
  await shoot(page, 'runs', scheme);
  await app.closeTab('Demo chat (POST)');
}

async function shortcuts(page: Page, scheme: Scheme): Promise<void> {
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await shoot(page, 'shortcuts', scheme);
  await dialog.getByRole('button', { name: 'Done' }).click();
}

/** Browser mode has no keychain: the collection's secrets can be imported once this is allowed. */
async function allowUnencryptedSecrets(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Keep secrets unencrypted when no keychain is available').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
}

/** A Postman collection chosen as a file, previewed: its folders and warnings, then the variables to define. */
async function importPreview(page: Page, scheme: Scheme): Promise<void> {
  const dialog = await ImportDialogPage.open(page);
  await dialog.chooseFiles([POSTMAN_COLLECTION]);
  await dialog.preview();
  await expect(dialog.heading).toBeVisible();
  await shoot(page, 'import-preview', scheme);
  await dialog.variables.scrollIntoViewIfNeeded();
  await shoot(page, 'import-variables', scheme);
  await dialog.dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.dialog).toBeHidden();
}

/** At 800 px: the live session with the sidebar hidden, then the sidebar shown over it. */
async function narrow(browser: Browser, url: string, scheme: Scheme): Promise<OpenedApp> {
  const opened = await openApp(browser, url, { colorScheme: scheme, viewport: NARROW });
  const { page, app } = opened;
  await expect(app.sidebar).toBeHidden();
  await timeline(page, await app.session('Demo feed'), scheme);
  await app.showSidebar();
  await shoot(page, 'sidebar', scheme);
  return opened;
}

async function main(): Promise<void> {
  await mkdir(DOCS, { recursive: true });
  const scope = await startScope({ demo: true });
  let browser: Browser | undefined;
  const pages: OpenedApp[] = [];
  try {
    browser = await launchChromium();
    console.log('Screenshots:');

    // Light: the first launch opens the demo feed by itself.
    const light = await openApp(browser, scope.url, { colorScheme: 'light', viewport: WIDE });
    pages.push(light);
    await timeline(light.page, await light.app.session('Demo feed'), 'light');
    await light.app.closeTab('Demo feed');
    await expect(light.app.welcome).toBeVisible();
    await shoot(light.page, 'welcome', 'light');
    await arrange(light.app);
    await editor(light.page, light.app, 'light');
    await sidebarMenu(light.page, light.app, 'light');
    await shortcuts(light.page, 'light');
    await answer(light.page, light.app, 'light');
    await allowUnencryptedSecrets(light.page);
    await importPreview(light.page, 'light');
    await light.context.close();

    // Dark: the tab was closed, so the welcome comes first; its button opens the demo again.
    const dark = await openApp(browser, scope.url, { colorScheme: 'dark', viewport: WIDE });
    pages.push(dark);
    await expect(dark.app.welcome).toBeVisible();
    // The captures list answers after the page shows: wait for the light session's capture.
    await expect(dark.page.getByRole('region', { name: 'Captures' }).getByRole('button', { name: /Captures\s*[1-9]/ })).toBeVisible();
    await shoot(dark.page, 'welcome', 'dark');
    await editor(dark.page, dark.app, 'dark');
    await sidebarMenu(dark.page, dark.app, 'dark');
    await shortcuts(dark.page, 'dark');
    await answer(dark.page, dark.app, 'dark');
    await importPreview(dark.page, 'dark');
    await timeline(dark.page, await dark.app.openDemoFeed(), 'dark');
    await dark.context.close();

    for (const scheme of ['light', 'dark'] as const) {
      const opened = await narrow(browser, scope.url, scheme);
      pages.push(opened);
      await opened.context.close();
    }

    // Last: the scene's feeds stay open as tabs (the workspace) in every page opened after it.
    const scene = await startMonitoringScene(scope.url);
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const opened = await openApp(browser, scope.url, { colorScheme: scheme, viewport: WIDE });
        pages.push(opened);
        await monitoring(opened.page, opened.app, scheme);
        await opened.context.close();
      }
    } finally {
      await scene.close();
    }

    const errors = pages.flatMap((opened) => opened.errors);
    if (errors.length > 0) throw new Error(`The page threw:\n${errors.join('\n')}`);
  } finally {
    await browser?.close();
    await scope.stop();
    await removeDataDir(scope.dataDir);
  }
}

await main();
