// Arranging saved connections in the sidebar, end to end in Chromium against browser mode:
// dragging a connection onto a folder moves it there, dragging onto another connection reorders,
// and both are saved: after a reload (and a restart of the server on the same data folder) the
// sidebar draws them where they were left. And at 800 px wide the window starts with the sidebar
// hidden and nothing runs off the side, a live session included.

import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addFeedRoute } from './support/feeds.ts';
import { makeDataDir, removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let dataDir: string;
let scope: ScopeServer | undefined;
let browser: Browser;

beforeAll(async () => {
  feed = await startFixtureServer();
  addFeedRoute(feed);
  dataDir = await makeDataDir();
  [scope, browser] = await Promise.all([startScope({ dataDir }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (dataDir) await removeDataDir(dataDir);
});

/** The connection names the sidebar draws, in order. */
function drawnNames(page: Page): Promise<string[]> {
  return page.locator('nav [data-connection-id] .name').allInnerTexts();
}

describe('Arranging connections', () => {
  it('a drag onto a folder or onto another connection is saved and survives a reload and a restart', async () => {
    const { page, app, errors } = await openApp(browser, scope!.url);
    for (const [name, folder] of [
      ['Orders', 'Billing'],
      ['Refunds', 'Billing'],
      ['Ticker', ''],
    ] as const) {
      const editor = await app.newConnection();
      await editor.fill({ name, url: `${feed.url}/feed`, folder });
      await editor.save();
    }
    expect(await drawnNames(page)).toEqual(['Ticker', 'Orders', 'Refunds']);

    await app.dragToFolder('Ticker', 'Billing');
    await expect.poll(() => drawnNames(page)).toEqual(['Orders', 'Refunds', 'Ticker']);
    await app.connection('Ticker').dragTo(app.connection('Orders'), { targetPosition: { x: 20, y: 2 } });
    await expect.poll(() => drawnNames(page)).toEqual(['Ticker', 'Orders', 'Refunds']);

    await app.reload();
    await expect(app.folder('Billing').getByRole('button', { name: 'Ticker', exact: true })).toBeVisible();
    expect(await drawnNames(page)).toEqual(['Ticker', 'Orders', 'Refunds']);

    await scope!.stop();
    scope = await startScope({ dataDir });
    await app.reload(scope.url);
    await expect(app.folder('Billing').getByRole('button', { name: 'Ticker', exact: true })).toBeVisible();
    expect(await drawnNames(page)).toEqual(['Ticker', 'Orders', 'Refunds']);
    expect(errors).toEqual([]);
  });

  it('at 800 px the sidebar starts hidden, and nothing runs off the side with a session open', async () => {
    const { page, app, errors } = await openApp(browser, scope!.url, { viewport: { width: 800, height: 700 } });
    await expect(app.sidebar).toBeHidden();
    const session = await app.openConnection('Orders');
    await expect(session.eventRow('tick', '7')).toBeVisible();
    // Opening a connection from the sidebar that lies over the content puts it away.
    await expect(app.sidebar).toBeHidden();
    await session.openRow(session.eventRow('order', '5'));
    const width = page.viewportSize()!.width;
    const overflow = {
      page: (await page.locator('html').evaluate((html) => html.scrollWidth)) - width,
      // Any element whose box reaches past the window's right edge.
      outside: await page
        .locator('body *')
        .evaluateAll(
          (elements, right) =>
            elements
              .filter((element) => element.getBoundingClientRect().right > right + 1 && element.checkVisibility())
              .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
          width,
        ),
    };
    expect(overflow).toEqual({ page: 0, outside: [] });
    expect(errors).toEqual([]);
  });
});
