// A session searched from more than one place at once, through the real app core: two views
// (browser tabs) each page through their own result, a query typed over a running one still
// cancels it, a view's retry of a cancelled query is not cancelled again, at most a few searches
// run at once, and an export of a search finishes whatever the search box does meanwhile.

import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchAnswer, SessionView } from '../../main/contract.ts';
import { MAX_RUNNING } from '../../main/core/app/session-search.ts';
import { RecordWindow } from '../../main/core/store/record-window.ts';
import {
  eventBlocks,
  eventsStored,
  openLiveSession,
  removeTempFolders,
  startHarness,
  type Harness,
  type LiveRoute,
} from '../helpers/app-core-harness.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

let server: FixtureServer;
let app: Harness;
let live: LiveRoute;
let view: SessionView;

/** Event n: type "tick", data "item n even|odd". */
const dataOf = (n: number) => `item ${n} ${n % 2 === 0 ? 'even' : 'odd'}`;
const tick = (n: number) => `event: tick\ndata: ${dataOf(n)}\n\n`;
/** Enough records that a search has to yield to the event loop (10,000 a slice) before it ends. */
const MANY = 30_000;

/** How many of events 1..count have data that passes `test`. */
function expected(count: number, test: (data: string) => boolean): number {
  let total = 0;
  for (let n = 1; n <= count; n++) if (test(dataOf(n))) total++;
  return total;
}

const stored = (events: number) => eventsStored(app, view.id, events, 20_000);

const search = (query: string, offset = 0, limit = 5) => app.call('records:search', { sessionId: view.id, query, offset, limit });
const statuses = (answers: SearchAnswer[]) => answers.map((answer) => (answer.status === 'done' ? answer.total : answer.status));

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness();
  ({ live, view } = await openLiveSession(app, server));
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

describe('two views searching one session', () => {
  it('each page through their own result, though the other searched since and records arrived', async () => {
    live.write(eventBlocks(1, 40, tick));
    await stored(40);
    expect(await search('odd')).toMatchObject({ status: 'done', total: 20 }); // view A
    expect(await search('even')).toMatchObject({ status: 'done', total: 20 }); // view B
    live.write(eventBlocks(41, 20, tick));
    await stored(60);

    // View A's next page: its own result (20 matches), not B's and not a new run (30 by now).
    const page = await search('odd', 5);
    expect(page).toMatchObject({ status: 'done', query: 'odd', total: 20, offset: 5 });
    if (page.status !== 'done') return;
    expect(page.hits.map((hit) => hit.record.kind === 'event' && hit.record.data)).toEqual([11, 13, 15, 17, 19].map(dataOf));
    expect(await search('even', 15)).toMatchObject({ status: 'done', total: 20, offset: 15 });
    // A first page runs the query over what is stored now.
    expect(await search('odd')).toMatchObject({ status: 'done', total: 30 });
  });

  it('do not cancel each other for ever: a query asked for again after it was cancelled runs to the end', async () => {
    live.write(eventBlocks(1, MANY, tick));
    await stored(MANY);
    const odd = expected(MANY, (data) => data.endsWith('odd'));
    // A's query is cancelled by B's: A tries again, while B goes on to another query.
    expect(statuses(await Promise.all([search('odd'), search('even')]))).toEqual(['cancelled', MANY - odd]);
    expect(statuses(await Promise.all([search('odd'), search('item')]))).toEqual([odd, MANY]);
  });
});

describe('typing in the search box', () => {
  it('cancels the search of the query before', async () => {
    live.write(eventBlocks(1, MANY, tick));
    await stored(MANY);
    const answers = await Promise.all([search('i'), search('it'), search('ite'), search('"item 1"')]);
    expect(statuses(answers)).toEqual(['cancelled', 'cancelled', 'cancelled', expected(MANY, (data) => data.includes('item 1'))]);
  });

  it(`never runs more than ${MAX_RUNNING} searches at once: beyond that the oldest is cancelled`, async () => {
    live.write(eventBlocks(1, MANY, tick));
    await stored(MANY);
    const phrases = ['0 even', '2 even', '4 even', '6 even'];
    const queries = phrases.map((phrase) => `"${phrase}"`);
    const totals = phrases.map((phrase) => expected(MANY, (data) => data.includes(phrase)));
    expect(statuses(await Promise.all([...queries.map((query) => search(query)), search('odd')]))).toEqual([
      ...queries.map(() => 'cancelled'),
      MANY / 2,
    ]);
    // All four asked for again at once: none cancels another, but only MAX_RUNNING may run.
    const again = statuses(await Promise.all(queries.map((query) => search(query))));
    const over = queries.length - MAX_RUNNING;
    expect(over).toBeGreaterThan(0);
    expect(again).toEqual([...totals.slice(0, over).map(() => 'cancelled'), ...totals.slice(over)]);
  });

  it('never cancels an export of a search', async () => {
    live.write(eventBlocks(1, MANY, tick));
    await stored(MANY);
    const [exported, ...answers] = await Promise.all([
      app.call('export:session', { sessionId: view.id, exportId: 'x1', format: 'ndjson', scope: { kind: 'search', query: 'odd' } }),
      search('e'),
      search('ev'),
      search('even'),
    ]);
    expect(statuses(answers)).toEqual(['cancelled', 'cancelled', MANY / 2]);
    expect(exported).toMatchObject({ status: 'saved', records: MANY / 2 });
    if (exported.status !== 'saved') return;
    const lines = (await readFile(exported.path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(MANY / 2);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'event', data: dataOf(MANY - 1) });
  });
});

describe('an export of the search the view just ran', () => {
  it('uses that result instead of scanning again, and searches anew once records arrived', async () => {
    live.write(eventBlocks(1, 40, tick));
    await stored(40);
    expect(await search('odd')).toMatchObject({ status: 'done', total: 20 });
    const scans = vi.spyOn(RecordWindow.prototype, 'collect'); // the scan every search makes
    try {
      const reused = await app.call('export:session', {
        sessionId: view.id,
        exportId: 'r1',
        format: 'ndjson',
        scope: { kind: 'search', query: 'odd' },
      });
      expect(reused).toMatchObject({ status: 'saved', records: 20 });
      expect(scans).not.toHaveBeenCalled();

      live.write(eventBlocks(41, 2, tick));
      await stored(42);
      const fresh = await app.call('export:session', {
        sessionId: view.id,
        exportId: 'r2',
        format: 'ndjson',
        scope: { kind: 'search', query: 'odd' },
      });
      expect(fresh).toMatchObject({ status: 'saved', records: 21 });
      expect(scans).toHaveBeenCalled();
    } finally {
      scans.mockRestore();
    }
  });
});
