// The captures folder: listing, reopening, renaming, deleting, and the size cap, on real files.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thisProcess } from '../../main/core/process-marks.ts';
import { CaptureLibrary, type SizeCapEvent } from '../../main/core/store/capture-library.ts';
import { makeRecords } from '../unit/store/make-records.ts';

let folder: string;
let now: number;
const clock = () => now;

beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'captures-test-')), 'captures');
  now = Date.UTC(2025, 0, 1);
});
afterEach(async () => {
  await rm(join(folder, '..'), { recursive: true, force: true });
});

/** Records a finished capture of `count` records; the clock moves on a minute. */
async function recordCapture(library: CaptureLibrary, name: string, count: number): Promise<string> {
  const live = await library.create({ name, connection: { id: 'c1', name: 'Feed' }, url: 'http://127.0.0.1/feed' });
  live.store.append(makeRecords(count));
  now += 60_000;
  await live.finish();
  return live.id;
}

describe('CaptureLibrary', () => {
  it('lists captures newest first with names, dates, sizes and counts', async () => {
    const library = new CaptureLibrary(folder, { clock });
    expect(await library.list()).toEqual([]);
    const first = await recordCapture(library, 'Morning', 30);
    const live = await library.create({ name: 'Live one' });
    live.store.append(makeRecords(5));

    const listed = await library.list();
    expect(listed.map((c) => [c.id, c.name, c.recording, c.records])).toEqual([
      [live.id, 'Live one', true, null],
      [first, 'Morning', false, 30],
    ]);
    const morning = listed[1]!;
    expect(morning).toMatchObject({
      connection: { id: 'c1', name: 'Feed' },
      url: 'http://127.0.0.1/feed',
      startedAt: Date.UTC(2025, 0, 1),
      endedAt: Date.UTC(2025, 0, 1) + 60_000,
    });
    const fileBytes = (await readFile(join(folder, `${first}.ndjson`))).length + (await readFile(join(folder, `${first}.json`))).length;
    expect(morning.sizeBytes).toBe(fileBytes);
    await live.finish();
  });

  it('reopens a capture with the same records', async () => {
    const library = new CaptureLibrary(folder, { clock });
    const id = await recordCapture(library, 'Replay me', 250);
    const { info, store, notices } = await library.open(id, { windowSize: 100 });
    expect(notices).toEqual([]);
    expect(info.name).toBe('Replay me');
    expect(await store.range(1, 1000)).toEqual(makeRecords(250));
    const search = await store.search('kind:error');
    expect(search.status === 'done' && search.result.total).toBe(makeRecords(250).filter((r) => r.kind === 'error').length);
  });

  it('renames a capture without changing its id or records', async () => {
    const library = new CaptureLibrary(folder, { clock });
    const id = await recordCapture(library, 'Old name', 3);
    const renamed = await library.rename(id, '  New name ');
    expect(renamed).toMatchObject({ id, name: 'New name', records: 3 });
    expect((await library.list())[0]!.name).toBe('New name');
    await expect(library.rename(id, '   ')).rejects.toThrow(/cannot be empty/);
  });

  it('deletes a capture, but not one still recording, an unknown one or a path', async () => {
    const library = new CaptureLibrary(folder, { clock });
    const id = await recordCapture(library, 'Doomed', 3);
    const live = await library.create({ name: 'Busy' });
    await library.delete(id);
    expect((await library.list()).map((c) => c.id)).toEqual([live.id]);
    await expect(library.delete(live.id)).rejects.toThrow(/still recording/);
    await expect(library.delete(id)).rejects.toThrow(/No capture/);
    await expect(library.delete('../etc/passwd')).rejects.toThrow(/Invalid capture id/);
    await live.finish();
    await library.delete(live.id);
    expect(await library.list()).toEqual([]);
  });

  it('keeps the folder under the size cap by deleting the oldest finished captures', async () => {
    const library = new CaptureLibrary(folder, { clock });
    const oldest = await recordCapture(library, 'one', 100);
    const middle = await recordCapture(library, 'two', 100);
    const newest = await recordCapture(library, 'three', 100);
    const sizes = new Map((await library.list()).map((c) => [c.id, c.sizeBytes]));
    const cap = sizes.get(middle)! + sizes.get(newest)! + 10;

    expect(await library.setSizeCap(cap)).toEqual([oldest]);
    expect((await library.list()).map((c) => c.id)).toEqual([newest, middle]);

    // A capture that is recording stays, even when it alone is over the cap.
    const live = await library.create({ name: 'big live' });
    live.store.append(makeRecords(300));
    await live.store.flush();
    expect(await library.setSizeCap(cap)).toEqual([middle, newest]);
    expect((await library.list()).map((c) => c.id)).toEqual([live.id]);
    await library.setSizeCap(null);
    await live.finish();
    expect((await library.list()).map((c) => c.id)).toEqual([live.id]);
  });

  it('applies the cap when a capture finishes, to the older captures, naming them a grace period before it deletes them', async () => {
    const events: SizeCapEvent[] = [];
    let now = Date.UTC(2025, 0, 1, 10);
    const library = new CaptureLibrary(folder, {
      clock: () => now,
      sizeCapBytes: 1,
      sizeCapGraceMs: 60_000,
      onSizeCap: (e) => events.push(e),
    });
    const first = await recordCapture(library, 'a', 10);
    expect(first).toMatch(/^20250101-/);
    expect((await library.list()).map((c) => c.id)).toEqual([first]); // the one just finished stays
    now += 1000;
    const second = await recordCapture(library, 'b', 10);
    // Over the cap: the older one is named, not yet deleted.
    expect((await library.list()).map((c) => c.id)).toEqual([second, first]);
    expect(events.at(-1)).toMatchObject({ kind: 'will-delete', inMs: 60_000, captures: [{ id: first, name: 'a' }] });

    now += 60_000;
    expect(await library.enforceSizeCap()).toEqual([first]);
    expect((await library.list()).map((c) => c.id)).toEqual([second]);
    expect(events.at(-1)).toMatchObject({ kind: 'deleted', captures: [{ id: first, name: 'a' }] });
    library.dispose();
  });

  it('never deletes a kept capture, and says when what is left cannot fit', async () => {
    const events: SizeCapEvent[] = [];
    const library = new CaptureLibrary(folder, { clock, onSizeCap: (e) => events.push(e) });
    const kept = await recordCapture(library, 'kept', 100);
    const other = await recordCapture(library, 'other', 100);
    expect(await library.setKept(kept, true)).toMatchObject({ id: kept, kept: true });
    expect(await library.setSizeCap(1)).toEqual([other]);
    expect((await library.list()).map((c) => [c.id, c.kept])).toEqual([[kept, true]]);
    expect(events.map((e) => e.kind)).toEqual(['deleted', 'cannot-fit']);
    await library.setKept(kept, false);
    expect(await library.setSizeCap(1)).toEqual([kept]);
  });

  it('after a restart, finishes the record of a capture that was cut off when it is opened', async () => {
    const before = new CaptureLibrary(folder, { clock });
    const live = await before.create({ name: 'Crashed' });
    live.store.append(makeRecords(20));
    await live.store.flush(); // then the app "dies": no finish()
    // and starts again (as a container's app may, with the same pid): its recording mark is stale.
    await writeFile(join(folder, `${live.id}.recording`), JSON.stringify({ ...thisProcess(), token: 'an-earlier-run' }));

    const after = new CaptureLibrary(folder, { clock });
    const [listed] = await after.list();
    expect(listed).toMatchObject({ id: live.id, recording: false, endedAt: null, records: null });
    const { info, store } = await after.open(live.id);
    expect(store.total).toBe(20);
    expect(info).toMatchObject({ endedAt: makeRecords(20)[19]!.time, records: 20 });
    await live.store.close();
  });

  it('lists an NDJSON file dropped into the folder (a CLI --save) under its file name', async () => {
    const library = new CaptureLibrary(folder, { clock });
    await recordCapture(library, 'made here', 1);
    await writeFile(
      join(folder, 'from-cli.ndjson'),
      makeRecords(2)
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    const cli = (await library.list()).find((c) => c.id === 'from-cli');
    expect(cli).toMatchObject({ name: 'from-cli', records: null, recording: false });
    const { store } = await library.open('from-cli');
    expect(store.total).toBe(2);
  });
});
