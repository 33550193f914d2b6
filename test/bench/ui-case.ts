// One UI benchmark case, as a user would live it: browser mode started fresh (dist/server.js, its
// own data folder), N connections saved through the editor (reconnect off), each opened in a tab so
// its paced stream starts, and then, while the streams run, the "user" scrolls the timeline,
// searches, and switches tabs. The overview case saves and opens its many feeds through browser
// mode's protocol instead (as monitored feeds opening at start would), and the "user" watches the
// overview: scrolling its tiles and going in and out of full screen. Measured in the page: long tasks, frame times, heap and DOM nodes;
// measured in the app: how many events each session stored, against how many were sent.

import type { Browser, Page } from 'playwright';
import { AppPage } from '../e2e/pages/app-page.ts';
import type { OverviewPage } from '../e2e/pages/overview-page.ts';
import { SessionPage } from '../e2e/pages/session-page.ts';
import { removeDataDir, startScope, type ScopeServer } from '../e2e/support/scope-server.ts';
import { PageMetrics, type MemoryMetrics, type PhaseMetrics } from './ui-page-metrics.ts';
import type { PacedServer, PacedStream } from './ui-paced-server.ts';
import { connectScope } from './ui-scope-client.ts';

export interface UiCase {
  id: string;
  name: string;
  sessions: number;
  /** Events per second, per session. */
  rate: number;
  seconds: number;
  /** What the user looks at while the streams run (default: the tabs). */
  view?: 'tabs' | 'overview';
}

export interface UiOutcome {
  sent: number;
  counted: number;
  /** Streams the sender could not write at full rate (the app read too slowly). */
  lateStreams: number;
  /** Wall time from the first stream's start to the last one's end. */
  streamSeconds: number;
  metrics: PhaseMetrics;
  memory: MemoryMetrics;
}

/** What the user types into the search box while the streams run, in turn. */
const SEARCHES = ['type:tick', '/"seq":\\d*777,/', '"pad"', 'id:42', ''];
const SCROLL_EVERY_MS = 250;
const SEARCH_EVERY_MS = 2_000;
const SWITCH_TAB_EVERY_MS = 3_000;

export async function runUiCase(browser: Browser, paced: PacedServer, uiCase: UiCase): Promise<UiOutcome> {
  const scope = await startScope();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const metrics = new PageMetrics(page);
    await metrics.install();
    await page.goto(scope.url);
    const app = new AppPage(page);
    await app.waitUntilLoaded();

    const streams: PacedStream[] = [];
    if (uiCase.view === 'overview') {
      const overview = await app.openOverview();
      await openThroughProtocol(scope, paced, uiCase, streams);
      await metrics.reset();
      await watchOverview(page, overview, streams, uiCase.seconds);
    } else {
      const names: string[] = [];
      for (let i = 1; i <= uiCase.sessions; i++) {
        const { url, stats } = paced.stream(uiCase.rate, uiCase.seconds);
        const name = `Feed ${i}`;
        const editor = await app.newConnection();
        await editor.fill({ name, url, reconnect: false });
        await editor.save();
        streams.push(stats);
        names.push(name);
      }
      for (const name of names) await app.openConnection(name);
      await metrics.reset();
      await driveWhileStreaming(page, app, names, streams, uiCase.seconds);
    }
    const measured = await metrics.read();
    const counted = await countedEvents(scope, streams);
    const memory = await metrics.memory();

    const starts = streams.map((s) => s.startedAt ?? 0);
    const ends = streams.map((s) => s.endedAt ?? 0);
    return {
      sent: streams.reduce((sum, s) => sum + s.sent, 0),
      counted,
      lateStreams: streams.filter(
        (s) => s.endedAt !== null && s.startedAt !== null && s.endedAt - s.startedAt > uiCase.seconds * 1000 * 1.1,
      ).length,
      streamSeconds: (Math.max(...ends) - Math.min(...starts)) / 1000,
      metrics: measured,
      memory,
    };
  } finally {
    await context.close();
    await scope.stop();
    await removeDataDir(scope.dataDir);
  }
}

/** Saves and opens the case's feeds through browser mode's protocol (fast, and the page only watches). */
async function openThroughProtocol(scope: ScopeServer, paced: PacedServer, uiCase: UiCase, streams: PacedStream[]): Promise<void> {
  const client = await connectScope(scope.url);
  try {
    const ids: string[] = [];
    for (let i = 1; i <= uiCase.sessions; i++) {
      const { url, stats } = paced.stream(uiCase.rate, uiCase.seconds);
      const saved = await client.call('connections:save', { connection: { name: `Feed ${i}`, url, reconnect: { enabled: false } } });
      ids.push(saved.id);
      streams.push(stats);
    }
    for (const connectionId of ids) await client.call('sessions:open', { connectionId });
  } finally {
    client.close(); // it would receive every push too
  }
}

/** Watches the overview until every stream has ended: scrolls the tiles, goes in and out of full screen. */
async function watchOverview(page: Page, overview: OverviewPage, streams: PacedStream[], seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 3_000 + 60_000;
  const fullScreen = overview.root.getByRole('button', { name: /full screen/i });
  let step = 0;
  while (streams.some((stream) => stream.endedAt === null)) {
    if (Date.now() > deadline) throw new Error(`the streams did not end within ${seconds * 3 + 60} s`);
    if (step % 20 === 19) await fullScreen.click();
    else {
      await overview.tiles.first().hover();
      await page.mouse.wheel(0, step % 8 < 4 ? 600 : -600);
    }
    step++;
    await page.waitForTimeout(SCROLL_EVERY_MS);
  }
}

/** Scrolls, searches and switches tabs until every stream has ended. */
async function driveWhileStreaming(page: Page, app: AppPage, names: string[], streams: PacedStream[], seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 3_000 + 60_000;
  let active = names.at(-1)!;
  let session = new SessionPage(page, active);
  let lastSearch = 0;
  let lastSwitch = Date.now();
  let searchIndex = 0;
  let step = 0;
  while (streams.some((stream) => stream.endedAt === null)) {
    if (Date.now() > deadline) throw new Error(`the streams did not end within ${seconds * 3 + 60} s`);
    const now = Date.now();
    if (names.length > 1 && now - lastSwitch >= SWITCH_TAB_EVERY_MS) {
      active = names[(names.indexOf(active) + 1) % names.length]!;
      session = await app.switchTo(active);
      lastSwitch = now;
    } else if (now - lastSearch >= SEARCH_EVERY_MS) {
      await session.searchBox.fill(SEARCHES[searchIndex++ % SEARCHES.length]!);
      lastSearch = now;
    } else {
      // Up through the history for a while, then back down, then jump to the newest (End).
      const phase = step++ % 12;
      await session.timeline.hover();
      if (phase < 6) await page.mouse.wheel(0, -1200);
      else if (phase < 11) await page.mouse.wheel(0, 900);
      else {
        await session.timeline.focus();
        await page.keyboard.press('End');
      }
    }
    await page.waitForTimeout(SCROLL_EVERY_MS);
  }
}

/** Events the app stored for each stream's session, once every session has closed. */
async function countedEvents(scope: ScopeServer, streams: PacedStream[]): Promise<number> {
  const client = await connectScope(scope.url);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const sessions = await client.call('sessions:list', undefined);
      if (sessions.length >= streams.length && sessions.every((s) => s.status === 'closed')) {
        let counted = 0;
        for (const session of sessions) counted += (await client.call('records:counts', { sessionId: session.id })).byKind.event;
        return counted;
      }
      if (Date.now() > deadline) throw new Error('the sessions did not close within 60 s of the streams ending');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    client.close();
  }
}
