// Saved connections and environments against a real config file in a temp folder: every change
// survives closing and reopening, and bad changes are refused without touching the file.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { ConfigError } from '../../main/core/config/problems.ts';
import { DEFAULT_LIMIT_BYTES } from '../../main/core/sse/event-stream-parser.ts';
import { DEFAULT_RECONNECT } from '../../main/common/reconnect-policy.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../main/core/sse/session.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';
import { CONFIG_VERSION } from '../../main/common/config-schema.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sse-scope-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => ConfigStore.open(dir, fakeKeychainCipher());
const reopen = () => open().store;
const rawFile = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));

describe('connections', () => {
  test('a new folder opens empty, with no notices, and writes a versioned file', async () => {
    const { store, notices } = open();
    expect(notices).toEqual([]);
    expect(store.listConnections()).toEqual([]);
    expect(rawFile()).toMatchObject({ version: CONFIG_VERSION, connections: [], environments: [] });
  });

  test('a connection with only a name and URL gets the engine defaults', async () => {
    const { store } = open();
    const created = await store.createConnection({ name: 'Feed', url: 'https://example.test/events' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.method).toBe('GET');
    expect(created.reconnect).toEqual(DEFAULT_RECONNECT);
    expect(created.timeouts.connectMs).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(created.limits).toEqual({ maxLineBytes: DEFAULT_LIMIT_BYTES, maxEventBytes: DEFAULT_LIMIT_BYTES });
    expect(created.llmFormat).toBe('auto');
    // A GET without a body is a feed; a body or another method makes a request.
    expect(created.kind).toBe('feed');
    expect(reopen().getConnection(created.id)).toEqual(created);
  });

  test('create, rename, duplicate, edit, delete and reorder all persist across reopening', async () => {
    const { store } = open();
    const feed = await store.createConnection({
      name: 'Feed',
      url: 'https://example.test/events',
      headers: [{ name: 'X-Team', value: 'core' }],
      alerts: [{ query: 'error' }],
      folder: 'Prod',
      tags: ['live'],
    });
    const chat = await store.createConnection({
      name: 'Chat',
      url: 'https://llm.test/v1/chat',
      method: 'post',
      body: '{}',
      llmFormat: 'openai',
    });
    expect(chat).toMatchObject({ method: 'POST', kind: 'request', llmFormat: 'openai-chat' });

    await store.renameConnection(feed.id, 'Orders feed');
    const copy = await store.duplicateConnection(feed.id);
    expect(copy.name).toBe('Orders feed (2)');
    expect(copy.id).not.toBe(feed.id);
    expect(copy.alerts[0]!.id).not.toBe(feed.alerts[0]!.id);
    expect(store.listConnections().map((c) => c.name)).toEqual(['Orders feed', 'Orders feed (2)', 'Chat']);

    await store.updateConnection(chat.id, { autoConnect: true, reconnect: { retryHttpErrors: true, maxDelayMs: 5000 } });
    await store.deleteConnection(feed.id);
    await store.reorderConnections([chat.id, copy.id]);

    const again = reopen();
    const [first, second] = again.listConnections();
    expect(again.listConnections()).toHaveLength(2);
    expect(first).toMatchObject({ id: chat.id, name: 'Chat', autoConnect: true, llmFormat: 'openai-chat', body: '{}' });
    // The edit changed two reconnect settings and kept the others.
    expect(first!.reconnect).toEqual({ ...DEFAULT_RECONNECT, retryHttpErrors: true, maxDelayMs: 5000 });
    expect(second).toMatchObject({ id: copy.id, name: 'Orders feed (2)', folder: 'Prod', tags: ['live'] });
    expect(second!.headers).toEqual([{ name: 'X-Team', value: 'core', enabled: true }]);
  });

  test('creating with a taken name picks a free one; renaming onto a taken name is refused', async () => {
    const { store } = open();
    const a = await store.createConnection({ name: 'Feed', url: 'https://a.test/' });
    expect((await store.createConnection({ name: 'Feed', url: 'https://b.test/' })).name).toBe('Feed (2)');
    expect((await store.createConnection({ name: 'Feed', url: 'https://c.test/' })).name).toBe('Feed (3)');
    await expect(store.renameConnection(a.id, 'Feed (2)')).rejects.toThrow('A connection named "Feed (2)" already exists');
  });

  test('invalid input is refused with the field named, and nothing is written', async () => {
    const { store } = open();
    const feed = await store.createConnection({ name: 'Feed', url: 'https://example.test/events' });
    const before = readFileSync(join(dir, 'config.json'), 'utf8');

    await expect(store.createConnection({ name: 'Bad', url: 'ftp://example.test' })).rejects.toThrow(
      /^The connection is not valid:\n✖ Invalid URL.*\n {2}→ at url$/,
    );
    await expect(store.createConnection({ name: '  ', url: 'https://x.test' })).rejects.toThrow(/✖ A name is required\n {2}→ at name/);
    await expect(store.updateConnection(feed.id, { headers: [{ name: 'Bad Name', value: 'x' }] })).rejects.toThrow(
      /✖ A header name cannot contain spaces or colons\n {2}→ at headers\[0\]\.name/,
    );
    await expect(store.updateConnection(feed.id, { reconnect: { maxDelayMs: -1 } })).rejects.toThrow(/reconnect\.maxDelayMs/);
    await expect(store.updateConnection(feed.id, 'rename me')).rejects.toThrow(ConfigError);
    await expect(store.deleteConnection('no-such-id')).rejects.toThrow('No connection with id "no-such-id"');
    await expect(store.reorderConnections([])).rejects.toThrow(/every connection id exactly once \(missing: /);

    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    expect(reopen().listConnections()).toEqual([feed]);
  });

  test('a URL may start with a variable or hold one, but not be junk', async () => {
    const { store } = open();
    expect((await store.createConnection({ name: 'A', url: '{{baseUrl}}/events' })).url).toBe('{{baseUrl}}/events');
    expect((await store.createConnection({ name: 'B', url: 'https://{{host}}/events?since={{since}}' })).url).toContain('{{host}}');
    await expect(store.createConnection({ name: 'C', url: 'events please' })).rejects.toThrow(
      /^The connection is not valid:\n✖ Invalid URL.*\n {2}→ at url$/,
    );
  });

  test('results are copies: changing one does not change what is saved', async () => {
    const { store } = open();
    const feed = await store.createConnection({ name: 'Feed', url: 'https://example.test/events' });
    feed.name = 'Changed';
    store.listConnections()[0]!.headers.push({ name: 'X', value: 'y', enabled: true });
    expect(store.getConnection(feed.id)).toMatchObject({ name: 'Feed', headers: [] });
  });
});

describe('environments', () => {
  test('create, edit, activate and delete persist; deleting the active one leaves none active', async () => {
    const { store } = open();
    const staging = await store.createEnvironment({ name: 'Staging', variables: [{ name: 'baseUrl', value: 'https://staging.test' }] });
    const prod = await store.createEnvironment({ name: 'Prod', variables: [{ name: 'baseUrl', value: 'https://prod.test' }] });
    await store.setActiveEnvironment(prod.id);
    await store.updateEnvironment(staging.id, {
      variables: [
        { name: 'baseUrl', value: 'https://staging2.test' },
        { name: 'team', value: 'core' },
      ],
    });

    let again = reopen();
    expect(again.getActiveEnvironment()).toEqual(prod);
    expect(again.getEnvironment(staging.id).variables.map((v) => v.value)).toEqual(['https://staging2.test', 'core']);

    await again.deleteEnvironment(prod.id);
    again = reopen();
    expect(again.getActiveEnvironment()).toBeNull();
    expect(again.listEnvironments().map((e) => e.name)).toEqual(['Staging']);
  });

  test('bad variables and unknown ids are refused', async () => {
    const { store } = open();
    await expect(store.createEnvironment({ name: 'E', variables: [{ name: 'base url', value: 'x' }] })).rejects.toThrow(
      /variables\[0\]\.name/,
    );
    await expect(
      store.createEnvironment({
        name: 'E',
        variables: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      }),
    ).rejects.toThrow('✖ Variable {{a}} is defined twice\n  → at variables[1].name');
    await expect(store.setActiveEnvironment('nope')).rejects.toThrow('No environment with id "nope"');
  });
});
