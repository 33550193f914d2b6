// Search and export through the app core, as the view does them: search pages with highlights,
// paging without re-running, invalid queries, and exports of all records, a search or a selection
// to files the front end names, with progress and cancel.

import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../main/contract.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import {
  eventBlocks,
  eventsStored,
  eventually,
  openLiveSession,
  removeTempFolders,
  startHarness,
  type Harness,
  type LiveRoute,
} from '../helpers/app-core-harness.ts';

let server: FixtureServer;
let app: Harness;
let live: LiveRoute;
let view: SessionView;

/** Event n: type "tick", data "item n even|odd". */
const tick = (n: number) => `event: tick\ndata: item ${n} ${n % 2 === 0 ? 'even' : 'odd'}\n\n`;

const stored = (events: number) => eventsStored(app, view.id, events);

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

describe('search', () => {
  it('answers pages of matches with the ranges to highlight', async () => {
    live.write(eventBlocks(1, 40, tick));
    await stored(40);
    const first = await app.call('records:search', { sessionId: view.id, query: 'even', offset: 0, limit: 5 });
    expect(first.status).toBe('done');
    if (first.status !== 'done') return;
    expect(first.total).toBe(20);
    expect(first.hits.map((hit) => hit.record.kind === 'event' && hit.record.data)).toEqual([
      'item 2 even',
      'item 4 even',
      'item 6 even',
      'item 8 even',
      'item 10 even',
    ]);
    const data = 'item 2 even';
    expect(first.hits[0]!.matches).toEqual([{ field: 'data', ranges: [[data.indexOf('even'), data.length]] }]);

    const second = await app.call('records:search', { sessionId: view.id, query: 'even', offset: 5, limit: 5 });
    expect(second).toMatchObject({ status: 'done', total: 20, offset: 5 });
    if (second.status !== 'done') return;
    expect(second.hits[0]!.record).toMatchObject({ data: 'item 12 even' });
  });

  it('pages the last result until the first page is asked for again', async () => {
    live.write(eventBlocks(1, 10, tick));
    await stored(10);
    expect(await app.call('records:search', { sessionId: view.id, query: 'odd', offset: 0, limit: 2 })).toMatchObject({ total: 5 });
    live.write(eventBlocks(11, 10, tick));
    await stored(20);
    // Paging on: the same result (the same total), not a new run.
    expect(await app.call('records:search', { sessionId: view.id, query: 'odd', offset: 2, limit: 2 })).toMatchObject({
      total: 5,
      offset: 2,
    });
    // The first page again: the search runs over what is stored now.
    expect(await app.call('records:search', { sessionId: view.id, query: 'odd', offset: 0, limit: 2 })).toMatchObject({ total: 10 });
  });

  it('answers an invalid query with the position of the problem', async () => {
    const answer = await app.call('records:search', { sessionId: view.id, query: 'tick kind:nope', offset: 0, limit: 10 });
    expect(answer).toMatchObject({
      status: 'invalid',
      query: 'tick kind:nope',
      error: { position: 10, message: expect.stringContaining('Unknown kind "nope"') },
    });
  });

  it('lets a newer search cancel one still running', async () => {
    live.write(eventBlocks(1, 30_000, tick));
    await stored(30_000);
    const [older, newer] = await Promise.all([
      app.call('records:search', { sessionId: view.id, query: '/item \\d+ odd/', offset: 0, limit: 1 }),
      app.call('records:search', { sessionId: view.id, query: 'even', offset: 0, limit: 1 }),
    ]);
    expect(older).toEqual({ status: 'cancelled', query: '/item \\d+ odd/' });
    expect(newer).toMatchObject({ status: 'done', total: 15_000 });
  });
});

describe('export', () => {
  it('writes every record as CSV, with progress', async () => {
    live.write(eventBlocks(1, 20, tick));
    await stored(20);
    const outcome = await app.call('export:session', { sessionId: view.id, exportId: 'x1', format: 'csv', scope: { kind: 'all' } });
    expect(outcome).toMatchObject({ status: 'saved', records: 21 });
    if (outcome.status !== 'saved') return;
    expect(app.files.suggested.at(-1)).toMatch(/^Ticks \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.csv$/);
    const rows = parse(await readFile(outcome.path), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(21);
    expect(rows[0]).toMatchObject({ seq: '1', kind: 'open' });
    expect(rows[20]).toMatchObject({ seq: '21', kind: 'event', type: 'tick', data: 'item 20 even' });
    expect(outcome.bytes).toBe((await readFile(outcome.path)).length);
    expect(app.pushes.of('export:progress').at(-1)).toEqual({ exportId: 'x1', written: 21, total: 21, bytes: outcome.bytes });
  });

  it('writes the matches of a search, and a selection in seq order, as NDJSON', async () => {
    live.write(eventBlocks(1, 20, tick));
    await stored(20);
    const search = await app.call('export:session', {
      sessionId: view.id,
      exportId: 'x2',
      format: 'ndjson',
      scope: { kind: 'search', query: 'type:tick odd' },
    });
    expect(search).toMatchObject({ status: 'saved', records: 10 });
    if (search.status !== 'saved') return;
    const matches = (await readFile(search.path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(matches.map((record) => record.data)).toEqual(
      eventBlocks(1, 10, (n) => `item ${2 * n - 1} odd\n`)
        .trim()
        .split('\n'),
    );

    const selection = await app.call('export:session', {
      sessionId: view.id,
      exportId: 'x3',
      format: 'ndjson',
      scope: { kind: 'selection', seqs: [9, 3, 5, 999] },
    });
    expect(selection).toMatchObject({ status: 'saved', records: 3 });
    if (selection.status !== 'saved') return;
    const selected = (await readFile(selection.path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(selected.map((record) => record.seq)).toEqual([3, 5, 9]);
  });

  it('refuses an invalid search before asking where to save', async () => {
    await expect(
      app.call('export:session', { sessionId: view.id, exportId: 'x4', format: 'ndjson', scope: { kind: 'search', query: '"open' } }),
    ).rejects.toMatchObject({ code: 'invalid-payload', message: expect.stringContaining('Unclosed quote') });
    expect(app.files.suggested).toEqual([]);
  });

  it('answers cancelled when the user cancels the save dialog', async () => {
    app.files.cancelNext();
    expect(await app.call('export:session', { sessionId: view.id, exportId: 'x5', format: 'json', scope: { kind: 'all' } })).toEqual({
      status: 'cancelled',
    });
    expect(await readdir(app.files.folder)).toEqual([]);
  });

  it('cancels while the save dialog is open, and while writing, leaving no file', async () => {
    const release = app.files.holdNext();
    const waiting = app.call('export:session', { sessionId: view.id, exportId: 'x6', format: 'json', scope: { kind: 'all' } });
    await eventually(async () => app.files.suggested.length === 1, 'the save dialog');
    await app.call('export:cancel', { exportId: 'x6' });
    release();
    expect(await waiting).toEqual({ status: 'cancelled' });

    // About 3 MB: the writer reports progress after each MiB, and the first report cancels.
    const padding = 'x'.repeat(1000);
    live.write(eventBlocks(1, 3000, (n) => `data: ${n} ${padding}\n\n`));
    await stored(3000);
    const stop = app.pushes.listen((push) => {
      if (push.name === 'export:progress') void app.call('export:cancel', { exportId: 'x7' });
    });
    const outcome = await app.call('export:session', { sessionId: view.id, exportId: 'x7', format: 'ndjson', scope: { kind: 'all' } });
    stop();
    expect(outcome).toEqual({ status: 'cancelled' });
    const progress = app.pushes.of('export:progress').filter((push) => push.exportId === 'x7');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.written).toBeLessThan(3001);
    expect(await readdir(app.files.folder)).toEqual([]);
    // The id can be used again once its export has ended.
    expect(
      await app.call('export:session', { sessionId: view.id, exportId: 'x7', format: 'csv', scope: { kind: 'selection', seqs: [2] } }),
    ).toMatchObject({ status: 'saved', records: 1 });
  });
});
