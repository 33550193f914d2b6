// The built renderer under its strict Content-Security-Policy (no 'unsafe-inline' for styles),
// served by browser mode with the same policy as a header: a user's walk through the main screens
// (the demo feed live, a row's detail, the connection editor, Import, Export, the overview, the
// Alerts panel, Settings) makes the browser block nothing. Every `securitypolicyviolation` event
// is collected from the first byte of the page; a style injected on purpose shows that one would
// be caught.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect as vitestExpect, it } from 'vitest';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;

/** Collects every CSP violation the page reports, from before the app's first script runs. */
const COLLECT_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
  });
`;

beforeAll(async () => {
  [scope, browser] = await Promise.all([startScope({ demo: true }), launchChromium()]);
  opened = await openApp(browser, scope.url, { initScript: COLLECT_VIOLATIONS });
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  if (scope) await removeDataDir(scope.dataDir);
});

// Page code as text: the tests compile without the DOM's types.
const violations = () => opened.page.evaluate<string[]>('window.__violations');

it('serves the page with a policy that allows no inline style, as a header and in the page', async () => {
  const response = await opened.page.request.get(scope.url);
  const header = response.headers()['content-security-policy'] ?? '';
  vitestExpect(header).toMatch(/style-src 'self'(;|$)/);
  vitestExpect(header).not.toContain('unsafe-inline');
  const meta = await opened.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  vitestExpect(meta).not.toContain('unsafe-inline');
});

it('blocks nothing while a user goes through the main screens', async () => {
  const { app, page } = opened;
  const demo = await app.session('Demo feed');
  await expect(demo.rows.filter({ hasText: 'event' }).first()).toBeVisible();
  await demo.rows.filter({ hasText: 'event' }).first().click();
  await expect(demo.detail.root).toBeVisible();

  await demo.button('Export').click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Done' }).click();

  await app.newConnection();
  await page.getByRole('dialog', { name: 'New connection' }).getByRole('button', { name: 'Cancel' }).click();

  await app.sidebar.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Cancel' }).click();

  await app.openOverview();
  await app.openAlerts();

  await app.sidebar.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');

  vitestExpect(await violations()).toEqual([]);
  vitestExpect(opened.errors).toEqual([]);
});

it('would catch an inline style: one injected on purpose is blocked and reported', async () => {
  await opened.page.evaluate(`{
    const style = document.createElement('style');
    style.textContent = 'body { outline: 3px solid red; }';
    document.head.append(style);
  }`);
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^style-src/));
  vitestExpect(await opened.page.evaluate<string>('getComputedStyle(document.body).outlineStyle')).toBe('none');
});
