// A config file that cannot be used is moved aside byte for byte with a timestamp, the user is
// told, and a fresh config works; an invalid connection or environment is set aside alone, and
// everything else loads; an old-format file is migrated instead.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { CONFIG_VERSION } from '../../main/common/config-schema.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sse-scope-corrupt-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const configPath = () => join(dir, 'config.json');
const at = new Date('2026-11-21T05:40:00.250Z');
const open = () => ConfigStore.open(dir, fakeKeychainCipher(), { now: () => at });
const files = () => readdirSync(dir).sort();

/** Opens a folder holding `bytes` as config.json and checks the common outcome. */
async function openBroken(bytes: string, label = 'corrupt') {
  writeFileSync(configPath(), bytes);
  const { store, notices } = open();
  const asideName = `config.${label}-2026-11-21T05-40-00.json`;
  expect(files()).toEqual([asideName, 'config.json'].sort());
  expect(readFileSync(join(dir, asideName), 'utf8')).toBe(bytes);
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatchObject({ kind: 'config-set-aside', movedTo: join(dir, asideName) });
  expect(notices[0]!.message).toContain(join(dir, asideName));
  // The fresh config works and survives reopening.
  expect(store.listConnections()).toEqual([]);
  const feed = await store.createConnection({ name: 'Feed', url: 'https://example.test/events' });
  expect(open().store.listConnections()).toEqual([feed]);
  return notices[0]!;
}

describe('an unusable config file', () => {
  test('not JSON: moved aside, and the notice says why', async () => {
    const notice = await openBroken('{"version": 1, "connections": [');
    expect(notice.message).toMatch(/could not be used: it is not valid JSON/);
  });

  test('JSON that is not an object', async () => {
    expect((await openBroken('[1, 2, 3]')).message).toContain('it is not a JSON object');
  });

  test('a document whose shape is broken (connections is not a list) is set aside whole', async () => {
    const notice = await openBroken(JSON.stringify({ version: CONFIG_VERSION, connections: { Feed: 'https://example.test/' } }));
    expect(notice.message).toContain('it does not have the expected content');
    expect(notice.problems).toMatch(/^✖ .*\n {2}→ at connections$/);
  });

  test('a file from a newer version is kept aside as "newer", not called corrupt', async () => {
    const notice = await openBroken(JSON.stringify({ version: CONFIG_VERSION + 1, connections: [] }), 'newer');
    expect(notice.message).toContain(`written by a newer version of SSE Scope (format ${CONFIG_VERSION + 1}`);
  });

  test('a second bad file in the same second does not overwrite the first one set aside', async () => {
    writeFileSync(configPath(), 'first broken');
    open();
    writeFileSync(configPath(), 'second broken');
    const { notices } = open();
    expect(notices[0]!.movedTo).toBe(join(dir, 'config.corrupt-2026-11-21T05-40-00-2.json'));
    expect(readFileSync(join(dir, 'config.corrupt-2026-11-21T05-40-00.json'), 'utf8')).toBe('first broken');
    expect(readFileSync(join(dir, 'config.corrupt-2026-11-21T05-40-00-2.json'), 'utf8')).toBe('second broken');
  });

  test('a byte order mark from an editor is not corruption', async () => {
    const { store } = open();
    const feed = await store.createConnection({ name: 'Feed', url: 'https://example.test/' });
    writeFileSync(configPath(), `\uFEFF${readFileSync(configPath(), 'utf8')}`);
    const reopened = open();
    expect(reopened.notices).toEqual([]);
    expect(reopened.store.listConnections()).toEqual([feed]);
  });
});

describe('invalid entries', () => {
  const goodId = randomUUID();
  const alsoGoodId = randomUUID();
  const stagingId = randomUUID();
  const brokenEnvId = randomUUID();
  const bad = {
    version: CONFIG_VERSION,
    connections: [
      { id: goodId, kind: 'feed', name: 'Good', url: 'https://example.test/' },
      { id: randomUUID(), kind: 'feed', name: 'Bad', url: 'not a url', reconnect: { maxDelayMs: 'soon' } },
      { id: alsoGoodId, kind: 'feed', name: 'Also good', url: 'https://example.test/two' },
      { id: randomUUID(), kind: 'feed', name: 'Good', url: 'https://example.test/again' },
    ],
    environments: [
      { id: stagingId, name: 'Staging', variables: [{ name: 'host', value: 'staging.test' }] },
      { id: brokenEnvId, name: 'Broken', variables: [{ name: 'no spaces allowed', value: 'x' }] },
    ],
    activeEnvironmentId: brokenEnvId,
  };

  test('an invalid connection or environment is set aside alone, named in the notice; the others load', () => {
    writeFileSync(configPath(), JSON.stringify(bad, null, 2));
    const { store, notices } = open();

    expect(store.listConnections().map((connection) => [connection.id, connection.name])).toEqual([
      [goodId, 'Good'],
      [alsoGoodId, 'Also good'],
    ]);
    expect(store.listEnvironments().map((environment) => environment.id)).toEqual([stagingId]);
    expect(store.getActiveEnvironment()).toBeNull();

    const asideName = 'config.invalid-entries-2026-11-21T05-40-00.json';
    expect(files()).toEqual([asideName, 'config.json'].sort());
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ kind: 'config-entries-set-aside', movedTo: join(dir, asideName) });
    expect(notice!.message).toContain('connection "Bad"');
    expect(notice!.message).toContain('connection "Good" (the second one of that name)');
    expect(notice!.message).toContain('environment "Broken"');
    expect(notice!.message).toContain(join(dir, asideName));
    expect(notice!.problems!.split('\n')).toEqual([
      expect.stringMatching(/^✖ Invalid URL/),
      '  → at connections[1].url',
      expect.stringMatching(/^✖ /),
      '  → at connections[1].reconnect.maxDelayMs',
      '✖ Another connection is already named "Good"',
      '  → at connections[3].name',
      expect.stringMatching(/^✖ /),
      '  → at environments[1].variables[0].name',
    ]);

    // The side file keeps each entry as it was, with what was wrong, for the owner's eyes only.
    const aside = JSON.parse(readFileSync(join(dir, asideName), 'utf8'));
    expect(aside.connections.map((item: { entry: unknown }) => item.entry)).toEqual([bad.connections[1], bad.connections[3]]);
    expect(aside.connections[1].problems).toEqual(['✖ Another connection is already named "Good"', '  → at connections[3].name']);
    expect(aside.environments.map((item: { entry: unknown }) => item.entry)).toEqual([bad.environments[1]]);
    expect(statSync(join(dir, asideName)).mode & 0o777).toBe(0o600);

    // The file now holds what loaded: the next start has nothing to say.
    const again = open();
    expect(again.notices).toEqual([]);
    expect(again.store.listConnections().map((connection) => connection.name)).toEqual(['Good', 'Also good']);
  });

  test('settings that are not valid go back to their defaults, set aside like an entry', () => {
    writeFileSync(
      configPath(),
      JSON.stringify({ version: CONFIG_VERSION, connections: [bad.connections[0]], settings: { windowSize: 5 } }),
    );
    const { store, notices } = open();
    expect(store.listConnections()).toHaveLength(1);
    expect(store.getSettings().windowSize).toBe(100_000);
    expect(notices[0]!.message).toContain('the settings');
  });
});

describe('migration', () => {
  // Version 0, the prototype's format: no version field, headers as an object, a top-level
  // retry flag, and one global set of variables.
  const keptId = randomUUID();
  const version0 = {
    connections: [
      {
        id: keptId,
        name: 'Orders',
        url: '{{baseUrl}}/orders/stream',
        method: 'GET',
        headers: { 'X-Team': 'core', Accept: 'text/event-stream' },
        retryOnHttpError: true,
        autoConnect: true,
      },
      { id: 'proto-2', name: 'Chat', url: 'https://llm.test/v1/chat', method: 'POST', body: '{"stream":true}' },
    ],
    variables: { baseUrl: 'https://api.test' },
  };

  test('a version-0 document written by hand opens as the current version, keeping everything', async () => {
    writeFileSync(configPath(), JSON.stringify(version0, null, 2));
    const { store, notices } = open();
    expect(notices).toEqual([]);
    expect(files()).toEqual(['config.json']);

    const [orders, chat] = store.listConnections();
    expect(orders).toMatchObject({ id: keptId, name: 'Orders', autoConnect: true, url: '{{baseUrl}}/orders/stream' });
    expect(orders!.headers).toEqual([
      { name: 'X-Team', value: 'core', enabled: true },
      { name: 'Accept', value: 'text/event-stream', enabled: true },
    ]);
    expect(orders!.reconnect.retryHttpErrors).toBe(true);
    expect(chat).toMatchObject({ name: 'Chat', method: 'POST', body: '{"stream":true}' });
    expect(chat!.id).toMatch(/^[0-9a-f]{8}-/); // "proto-2" was not an id the current format accepts
    expect(chat!.reconnect.retryHttpErrors).toBe(false);

    const env = store.getActiveEnvironment();
    expect(env).toMatchObject({ name: 'Default', variables: [{ name: 'baseUrl', value: 'https://api.test' }] });
    // The migrated connection resolves with the migrated variables.
    expect(store.resolve(orders!.id).request.url).toBe('https://api.test/orders/stream');

    const raw = JSON.parse(readFileSync(configPath(), 'utf8'));
    expect(raw.version).toBe(CONFIG_VERSION);
    expect(raw.connections[0].headers).toHaveLength(2);

    // Reopening does not migrate again (one environment, same ids).
    const again = open().store;
    expect(again.listEnvironments()).toHaveLength(1);
    expect(again.listConnections().map((c) => c.id)).toEqual([keptId, chat!.id]);
  });

  test('a version-0 document that cannot become valid is set aside whole, not half-migrated', async () => {
    const broken = JSON.stringify({ connections: [{ name: 'No URL', headers: { A: 'b' } }] });
    writeFileSync(configPath(), broken);
    const { notices } = open();
    expect(notices[0]!.problems).toMatch(/^✖ .*\n {2}→ at connections\[0\]\.url$/);
    expect(readFileSync(notices[0]!.movedTo!, 'utf8')).toBe(broken);
  });
});
