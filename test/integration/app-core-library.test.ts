// The app core's files: importing connections (a curl command, a collection file), exporting a
// collection, importing an export as an offline session, renaming captures, and settings.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventBlocks, eventually, liveRoute, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let server: FixtureServer;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness({ cipher: fakeKeychainCipher() });
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

/** A live session that has stored `events` events. */
async function recordedSession(events: number, make?: (n: number) => string) {
  const live = liveRoute(server, `/live-${Math.random().toString(36).slice(2)}`);
  const connection = await app.call('connections:save', { connection: { name: `Feed ${live.url.slice(-4)}`, url: live.url } });
  const view = await app.call('sessions:open', { connectionId: connection.id });
  await live.connected(1);
  live.write(eventBlocks(1, events, make));
  await eventually(async () => (await app.call('records:counts', { sessionId: view.id })).byKind.event === events, 'events stored');
  return view;
}

describe('connections in and out', () => {
  it('imports a curl command as one connection, with its warnings', async () => {
    const summary = await app.call('connections:import', {
      source: { kind: 'text', text: `curl -N --compressed '${server.url}/echo' -H 'Authorization: Bearer tok-1' --frobnicate` },
    });
    expect(summary.warnings).toEqual(['Unknown option --frobnicate was ignored.']);
    expect(summary.connections).toHaveLength(1);
    const [connection] = summary.connections;
    expect(connection).toMatchObject({ url: `${server.url}/echo`, headers: [], auth: { type: 'bearer', token: { secret: true } } });
    expect(JSON.stringify(connection)).not.toContain('tok-1');
    expect(app.pushes.of('connections:changed').at(-1)).toEqual(summary.connections);

    await expect(app.call('connections:import', { source: { kind: 'text', text: 'curl -H' } })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('needs a value'),
    });
  });

  it('exports a collection without secrets unless asked, and imports it back with renames', async () => {
    await app.call('connections:save', {
      connection: {
        name: 'Private',
        url: `${server.url}/authed`,
        headers: [{ name: 'Authorization', value: { secret: true, value: 'Bearer tok-2' } }],
      },
    });
    const outcome = await app.call('connections:export', { includeSecrets: false });
    expect(outcome).toMatchObject({ status: 'saved', records: 1 });
    if (outcome.status !== 'saved') return;
    expect(outcome.path).toBe(join(app.files.folder, 'sse-scope-connections.json'));
    const text = await readFile(outcome.path, 'utf8');
    expect(text).not.toContain('tok-2');
    expect(JSON.parse(text).connections[0].headers[0].value).toEqual({ secret: true, omitted: true });

    const summary = await app.call('connections:import', { source: { kind: 'text', text } });
    expect(summary.connections.map((connection) => connection.name)).toEqual(['Private (2)']);
    expect(summary.warnings).toEqual([
      '1 secret value was left out of the file: enter it again before connecting.',
      '"Private" was imported as "Private (2)": the name was already taken.',
    ]);

    app.files.cancelNext();
    expect(await app.call('connections:export', { includeSecrets: true })).toEqual({ status: 'cancelled' });
    await expect(app.call('connections:export', { includeSecrets: false, connectionIds: ['gone'] })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(app.call('connections:import', { source: { kind: 'text', text: '{"format": "other"}' } })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('This text is not a Postman collection, Insomnia export, Bruno collection'),
    });
  });
});

describe('captures', () => {
  it('imports an exported file as an offline session, and renames it', async () => {
    const view = await recordedSession(12);
    const exported = await app.call('export:session', { sessionId: view.id, exportId: 'e1', format: 'ndjson', scope: { kind: 'all' } });
    if (exported.status !== 'saved') throw new Error('not saved');

    const imported = await app.call('captures:import', { path: exported.path });
    expect(imported).toMatchObject({ status: 'offline', connectionId: null, firstSeq: 1, lastSeq: 13 });
    const original = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 20 });
    expect(await app.call('records:range', { sessionId: imported!.id, fromSeq: 1, count: 20 })).toEqual(original);

    await app.call('captures:rename', { captureId: imported!.captureId!, name: '  Incident 42 ' });
    expect((await app.call('captures:list', undefined)).find((capture) => capture.id === imported!.captureId)?.name).toBe('Incident 42');
    expect((await app.call('sessions:list', undefined)).find((session) => session.id === imported!.id)?.name).toBe('Incident 42');

    // No path: the front end is asked for a file; none chosen answers null.
    expect(await app.call('captures:import', {})).toBeNull();
    app.files.importFile = exported.path;
    expect(await app.call('captures:import', {})).toMatchObject({ status: 'offline', lastSeq: 13 });

    await expect(app.call('captures:import', { path: join(app.files.folder, 'missing.ndjson') })).rejects.toMatchObject({ code: 'failed' });
    await expect(app.call('captures:open', { captureId: 'no-such-capture' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('in the desktop app a page cannot name the file to import: the main process asks with its dialog', async () => {
    const desktop = await startHarness({ transport: 'electron' });
    try {
      const file = join(desktop.files.folder, 'some-file.ndjson');
      await expect(desktop.call('captures:import', { path: file })).rejects.toMatchObject({ code: 'forbidden' });
      expect(await desktop.call('captures:import', {})).toBeNull(); // the dialog was cancelled
    } finally {
      await desktop.stop();
    }
  });

  it('pushes the numbers of a reopened or imported capture once, counting past the memory window', async () => {
    await app.call('settings:update', { windowSize: 1_000 });
    // 1,500 events and 15 comments: more records than the window holds, so some are read from the file.
    const view = await recordedSession(1_500, (n) => `${n % 100 === 0 ? ': ping\n' : ''}id: ${n}\ndata: {"n": ${n}}\n\n`);
    const exported = await app.call('export:session', {
      sessionId: view.id,
      exportId: 'e-stats',
      format: 'ndjson',
      scope: { kind: 'all' },
    });
    if (exported.status !== 'saved') throw new Error('not saved');
    await app.call('sessions:dispose', { sessionId: view.id });

    app.pushes.clear();
    const reopened = await app.call('captures:open', { captureId: view.captureId! });
    const stats = await app.pushes.next('session:stats', (push) => push.sessionId === reopened.id);
    const records = await app.call('records:range', { sessionId: reopened.id, fromSeq: 1, count: 5_000 });
    expect(records).toHaveLength(reopened.lastSeq);
    const events = records.filter((record) => record.kind === 'event');
    const counted = records.filter((record) => record.kind === 'event' || record.kind === 'comment');
    expect(events).toHaveLength(1_500);
    expect(counted).toHaveLength(1_515);
    expect(stats).toEqual({
      sessionId: reopened.id,
      eventsPerSecond: 0,
      bytesPerSecond: 0,
      totalEvents: 1_500,
      totalBytes: counted.reduce((sum, record) => sum + record.size, 0),
      lastEventAt: events.at(-1)!.time,
      httpStatus: 200,
      ttfbMs: (records.find((record) => record.kind === 'open') as { ttfbMs: number }).ttfbMs,
    });

    const imported = await app.call('captures:import', { path: exported.path });
    const importedStats = await app.pushes.next('session:stats', (push) => push.sessionId === imported!.id);
    expect(importedStats).toMatchObject({ totalEvents: 1_500, totalBytes: stats.totalBytes, lastEventAt: stats.lastEventAt });
    // One push each: nothing ticks for a capture.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.pushes.of('session:stats')).toHaveLength(2);
  });

  it('reopening a capture that is recording shows its live session', async () => {
    const view = await recordedSession(2);
    expect(await app.call('captures:open', { captureId: view.captureId! })).toMatchObject({ id: view.id, status: 'open' });
  });
});

describe('settings', () => {
  it('changes only the settings given', async () => {
    const defaults = await app.call('settings:get', undefined);
    expect(defaults).toMatchObject({ windowSize: 100_000, captureSizeCapMb: 2048, notifications: true, storeSecretsUnencrypted: false });
    await app.call('settings:update', { windowSize: 5_000 });
    const updated = await app.call('settings:update', { notifications: false });
    expect(updated).toEqual({ ...defaults, windowSize: 5_000, notifications: false });
    const bad = await app.raw('settings:update', { windowSize: 10 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('windowSize') } });
  });

  it('applies a lower captures size cap at once, deleting the oldest finished captures', async () => {
    const padding = 'y'.repeat(1000);
    const big = await recordedSession(1200, (n) => `data: ${n} ${padding}\n\n`);
    await app.call('sessions:dispose', { sessionId: big.id });
    expect((await app.call('captures:list', undefined)).map((capture) => capture.id)).toEqual([big.captureId]);

    await app.call('settings:update', { captureSizeCapMb: 1 });
    expect(await app.call('captures:list', undefined)).toEqual([]);
    expect(app.pushes.of('app:notice')).toContainEqual({
      level: 'info',
      message: expect.stringMatching(/^Deleted 1 capture to keep the captures folder under its 1\.0 MB cap: "[^"]+" \(/),
    });
    expect(app.pushes.of('captures:changed').at(-1)).toEqual([]);
  });
});
