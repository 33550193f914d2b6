// A developer's first session, end to end in Chromium against browser mode: create and save a
// connection, open it and watch the events arrive, search with text, a regex and type:, filter by
// a type chip, read an event's JSON in the detail pane, and export NDJSON and CSV files whose
// contents are checked. One app, one feed; the steps build on each other like a user's would.

import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Download } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SseRecord } from '../../main/contract.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import type { AppPage } from './pages/app-page.ts';
import type { SessionPage } from './pages/session-page.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addFeedRoute, FEED_EVENTS } from './support/feeds.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;
let app: AppPage;
let session: SessionPage;

beforeAll(async () => {
  feed = await startFixtureServer();
  addFeedRoute(feed);
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
  app = opened.app;
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

describe('A first session in the browser', () => {
  it('creates and saves a connection, which the sidebar then lists', async () => {
    await expect(app.welcome).toBeVisible();
    const editor = await app.newConnection();
    await editor.fill({ name: 'Orders feed', url: `${feed.url}/feed` });
    await editor.save();
    await expect(app.connection('Orders feed')).toBeVisible();
    // Saving alone connects nothing.
    await expect(app.tabs.getByRole('tab')).toHaveCount(0);
    expect(feed.requests).toHaveLength(0);
  });

  it('opens the connection in a tab and shows each event as it arrives', async () => {
    session = await app.openConnection('Orders feed');
    await expect(app.tab('Orders feed')).toHaveAttribute('aria-selected', 'true');
    for (const event of FEED_EVENTS) await expect(session.eventRow(event.type, event.id)).toBeVisible();
    await expect(session.row(/, open: HTTP 200/)).toBeVisible();
    await expect(session.row(/, comment, .*hello from the e2e feed$/)).toBeVisible();
    await expect(session.statusText()).toHaveText('Open');
    expect(feed.requests.map((request) => request.path)).toEqual(['/feed']);
  });

  it('searches with text, a regex and type:, and says inline when a regex is broken', async () => {
    await session.search('ACME');
    await expect(session.matchCount()).toHaveText('1 of 1');
    await session.search('/"n": [23]\\}/');
    await expect(session.matchCount()).toHaveText('1 of 2');
    await session.search('type:tick');
    await expect(session.matchCount()).toHaveText('1 of 3');
    await session.searchBox.press('Enter');
    await expect(session.matchCount()).toHaveText('2 of 3');

    await session.search('/tick(/');
    await expect(session.searchError()).toBeVisible();
    await expect(session.searchBox).toHaveAttribute('aria-invalid', 'true');
    await expect(session.matchCount()).toHaveCount(0);

    await session.search('type:price');
    await expect(session.matchCount()).toHaveText('1 of 2');
    await session.showMatchesOnly(true);
    await expect(session.rows).toHaveCount(2);
    await expect(session.eventRow('price', '1')).toBeVisible();
    await expect(session.eventRow('price', '3')).toBeVisible();
    await session.showMatchesOnly(false);
    await session.search('');
    await expect(session.eventRow('tick', '7')).toBeVisible();
  });

  it('filters the timeline by a type chip, combined with the search text', async () => {
    await expect(session.chip('tick')).toHaveAccessibleName('tick 3');
    await expect(session.chip('price')).toHaveAccessibleName('price 2');
    await session.filterByType('tick');
    await expect(session.rows).toHaveCount(3);
    for (const id of ['2', '4', '7']) await expect(session.eventRow('tick', id)).toBeVisible();
    await expect(session.eventRow('price', '1')).toHaveCount(0);

    // "3" is also in a price event's data; the chip keeps only the tick.
    await session.search('3');
    await expect(session.rows).toHaveCount(1);
    await expect(session.eventRow('tick', '7')).toBeVisible();

    await session.search('');
    await session.chip('tick').click();
    await expect(session.chip('tick')).toHaveAttribute('aria-pressed', 'false');
    await expect(session.eventRow('price', '1')).toBeVisible();
  });

  it('opens an event in the detail pane: JSON as a tree that folds from the keyboard, other data as text', async () => {
    const detail = await session.openRow(session.eventRow('order', '5'));
    await expect(detail.jsonTree).toBeVisible();
    const order = detail.branch('order');
    await expect(order).toHaveAttribute('aria-expanded', 'true');
    await expect(detail.jsonTree.getByText('"A-17"')).toBeVisible();
    await order.focus();
    await order.press('Enter');
    await expect(order).toHaveAttribute('aria-expanded', 'false');
    await expect(detail.jsonTree.getByText('"A-17"')).toHaveCount(0);

    await session.openRow(session.eventRow('message', '6'));
    await expect(detail.jsonTree).toHaveCount(0);
    await expect(detail.root.getByText('plain text, not JSON: <b>bold?</b>')).toBeVisible();
    await detail.showRaw();
    await expect(detail.root.getByRole('row', { name: /^id "6"$/ })).toBeVisible();
    await detail.close();
  });

  it('works from the keyboard: arrows and Enter in the timeline, "/" to search, n for the next match', async () => {
    await session.eventRow('price', '1').click();
    await session.page.keyboard.press('Escape');
    await expect(session.detail.root).toBeHidden();
    await expect(session.timeline).toBeFocused();
    await session.page.keyboard.press('ArrowDown');
    await expect(session.eventRow('tick', '2')).toHaveAttribute('aria-selected', 'true');
    await session.page.keyboard.press('Enter');
    await expect(session.detail.root).toContainText('event tick');

    await session.timeline.focus();
    await session.page.keyboard.press('/');
    await expect(session.searchBox).toBeFocused();
    await session.page.keyboard.type('type:price');
    await expect(session.matchCount()).toHaveText('1 of 2');
    await session.timeline.focus();
    await session.page.keyboard.press('n');
    await expect(session.matchCount()).toHaveText('2 of 2');
    await expect(session.eventRow('price', '3')).toHaveAttribute('aria-selected', 'true');
    await session.search('');
    await session.detail.close();
  });

  it('exports the whole session as NDJSON and as CSV, and the search result alone', async () => {
    const ndjson = await session.exportAs('NDJSON');
    expect(ndjson.suggestedFilename()).toMatch(/\.ndjson$/);
    const records = (await downloadedText(ndjson))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as SseRecord);
    const events = records.filter((record) => record.kind === 'event');
    expect(events.map((e) => [e.type, e.id, e.data])).toEqual(FEED_EVENTS.map((e) => [e.type, e.id, e.data]));
    expect(records[0]).toMatchObject({ kind: 'open', status: 200 });
    expect(records.map((record) => record.seq)).toEqual(records.map((_, i) => i + 1));

    const csv = await session.exportAs('CSV');
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const rows = parseCsv(await downloadedText(csv), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(records.length);
    const eventRows = rows.filter((row) => row.kind === 'event');
    expect(eventRows.map((row) => [row.type, row.id, row.data])).toEqual(FEED_EVENTS.map((e) => [e.type, e.id, e.data]));

    await session.search('type:tick');
    // "3 matches" while the selected row (from the detail step) is not one of them.
    await expect(session.matchCount()).toHaveText(/^(1 of 3|3 matches)$/);
    const result = await session.exportAs('NDJSON', 'Search result');
    const ticks = (await downloadedText(result))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SseRecord);
    expect(ticks.map((record) => (record.kind === 'event' ? record.id : record.kind))).toEqual(['2', '4', '7']);
  });

  it('"Disconnect" ends the stream and "Connect" starts it again in the same timeline, from the last event ID', async () => {
    await session.search('');
    await session.disconnect();
    await expect(session.statusText()).toHaveText('Closed');
    await expect(session.row(/, closed: /)).toBeVisible();
    await session.connect();
    await expect(session.row(/, open: HTTP 200/)).toHaveCount(2);
    expect(feed.requests).toHaveLength(2);
    expect(feed.requests[1]!.headers['last-event-id']).toBe('7');
    // The first connection's events are still there.
    await expect(session.chip('tick')).toHaveAccessibleName('tick 6');
  });

  it('never threw in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
