// The workspace survives a restart: the open tabs come back in the order the user left them, with
// the same tab selected. The monitored feed is connected again; the other feed's tab comes back as
// its last capture, reopened (its events there, nothing sent to its server again).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addFeedRoute, FEED_EVENTS } from './support/feeds.ts';
import { makeDataDir, removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let dataDir: string;
let scope: ScopeServer | undefined;
let browser: Browser;

beforeAll(async () => {
  feed = await startFixtureServer();
  addFeedRoute(feed, '/plain');
  addFeedRoute(feed, '/watched');
  dataDir = await makeDataDir();
  [scope, browser] = await Promise.all([startScope({ dataDir }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (dataDir) await removeDataDir(dataDir);
});

/** The tabs the server has kept for the next start (workspace.json), or null before it wrote them. */
async function savedTabs(): Promise<{ tabs: unknown[]; activeIndex: number | null } | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'workspace.json'), 'utf8')) as { tabs: unknown[]; activeIndex: number | null };
  } catch {
    return null;
  }
}

const requestsTo = (path: string) => feed.requests.filter((request) => request.path === path).length;

describe('After a restart', () => {
  it('brings back the tabs in their order with the same one selected; only the monitored feed connects again', async () => {
    const first = await openApp(browser, scope!.url);
    for (const [name, path, monitor] of [
      ['Plain feed', '/plain', false],
      ['Watched feed', '/watched', true],
    ] as const) {
      const editor = await first.app.newConnection();
      await editor.fill({ name, url: `${feed.url}${path}`, monitor });
      await editor.saveAndConnect();
      await expect((await first.app.session(name)).eventRow('tick', '7')).toBeVisible();
    }
    // The watched feed moves first; the plain one is selected.
    await first.app.tab('Watched feed').focus();
    await first.page.keyboard.press('Control+Shift+ArrowLeft');
    await first.app.switchTo('Plain feed');
    await expect(first.app.tabs.getByRole('tab')).toHaveText([/^\s*Watched feed/, /^\s*Plain feed/]);
    // The page keeps them a moment after the last change: wait until the server has written them.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const kept = await savedTabs();
      if (kept && kept.tabs.length === 2 && kept.activeIndex === 1) break;
      if (Date.now() > deadline) throw new Error(`the tabs were not kept: ${JSON.stringify(kept)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(first.errors).toEqual([]);
    await first.context.close();

    await scope!.stop();
    const plainRequests = requestsTo('/plain');
    scope = await startScope({ dataDir });
    const again = await openApp(browser, scope.url);
    const { app } = again;
    await expect(app.tabs.getByRole('tab')).toHaveText([/^\s*Watched feed/, /^\s*Plain feed/]);
    await expect(app.tab('Plain feed')).toHaveAttribute('aria-selected', 'true');
    const plain = await app.session('Plain feed');
    await expect(plain.statusText()).toHaveText('Saved capture');
    for (const event of FEED_EVENTS) await expect(plain.eventRow(event.type, event.id)).toBeVisible();
    const watched = await app.switchTo('Watched feed');
    await expect(watched.statusText()).toHaveText('Open');
    expect(requestsTo('/plain')).toBe(plainRequests);
    expect(again.errors).toEqual([]);
  });
});
