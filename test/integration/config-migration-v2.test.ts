// Version 2 of the config tells requests from feeds. A config.json the app wrote at version 1
// (test/fixtures/config/v1-app-config.json: its secrets encrypted by the test keychain, conf's
// migration record inside) opens with every connection given a kind by the rule new connections
// follow (a body or a method other than GET: a request; a GET: a feed) and its old llmFormat as
// the new format setting; secrets, ids and everything else stay as they were (the monitor switch,
// the Auth section, alert rules and the watchdog too, and a monitored POST stays a feed: it was
// saved to be watched and reconnected); reopening changes nothing; `sse-scope watch`'s read-only reader sees the same. A collection file exported at
// version 1 still imports.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONFIG_VERSION } from '../../main/common/config-schema.ts';
import { readConfigDocument } from '../../main/core/config/config-document.ts';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/config/v1-app-config.json');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-scope-v2-'));
  copyFileSync(FIXTURE, join(dir, 'config.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => ConfigStore.open(dir, fakeKeychainCipher());
const rawFile = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
const v1 = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { connections: { id: string; name: string }[] };

describe('a version 1 config.json written by the app', () => {
  test('every connection gets a kind by its method and body, and its llmFormat as a format setting', () => {
    const { store, notices } = open();
    expect(notices).toEqual([]);
    const byName = new Map(store.listConnections().map((connection) => [connection.name, connection]));
    expect([...byName.keys()]).toEqual(v1.connections.map((connection) => connection.name));
    expect(Object.fromEntries([...byName].map(([name, c]) => [name, { kind: c.kind, llmFormat: c.llmFormat }]))).toEqual({
      'Orders feed': { kind: 'feed', llmFormat: 'auto' }, // GET, llmFormat null
      'OpenAI chat': { kind: 'request', llmFormat: 'openai-chat' }, // POST with a body, 'openai'
      Claude: { kind: 'request', llmFormat: 'anthropic' },
      'Gemini (GET with query)': { kind: 'feed', llmFormat: 'gemini' }, // a GET stays a feed, whatever it streams
      Subscribe: { kind: 'request', llmFormat: 'auto' }, // a method other than GET, no body
      'Local model': { kind: 'request', llmFormat: 'auto' }, // POST with an empty body
    });
    // Ids and the rest are kept.
    expect(store.listConnections().map((connection) => connection.id)).toEqual(v1.connections.map((connection) => connection.id));
    expect(byName.get('Orders feed')).toMatchObject({
      autoConnect: true,
      folder: 'Shop',
      tags: ['prod'],
      url: '{{baseUrl}}/orders/stream',
    });
  });

  test('the encrypted secrets still open, and a request migrated from a reconnecting POST is sent once', () => {
    const { store } = open();
    const chat = store.listConnections().find((connection) => connection.name === 'OpenAI chat')!;
    const resolved = store.resolve(chat.id);
    expect(resolved.request.headers.Authorization).toBe('Bearer sk-live-abcdef123456');
    expect(resolved.display.headers.Authorization).toBe('••••');
    // "Claude" reconnected after its stream ended at version 1; as a request it never does.
    const claude = store.listConnections().find((connection) => connection.name === 'Claude')!;
    expect(claude.reconnect.enabled).toBe(true); // the saved setting is kept for when it is made a feed again
    expect(store.resolve(claude.id).request.reconnect.enabled).toBe(false);
    const gemini = store.listConnections().find((connection) => connection.kind === 'feed' && connection.llmFormat === 'gemini')!;
    expect(store.resolve(gemini.id).request.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini:streamGenerateContent?alt=sse&key=sk-test-1234567890',
    );
  });

  test('the file is written at version 2 once, and reopening it changes nothing', () => {
    const first = open().store.listConnections();
    const raw = rawFile();
    expect(raw.version).toBe(CONFIG_VERSION);
    expect(CONFIG_VERSION).toBe(2);
    expect(raw.__internal__.migrations.version).toBe('2.0.0');
    expect(raw.connections.map((connection: { kind: string }) => connection.kind)).toEqual([
      'feed',
      'request',
      'request',
      'feed',
      'request',
      'request',
    ]);
    const written = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(open().store.listConnections()).toEqual(first);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(written);
  });

  test('read beside the app (sse-scope watch) it is migrated in memory and the file is left as it was', () => {
    const doc = readConfigDocument(dir)!;
    expect(doc.connections.map((connection) => connection.kind)).toEqual(['feed', 'request', 'request', 'feed', 'request', 'request']);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});

test('a monitored connection stays a feed whatever its method, and its monitoring and Auth section are kept', () => {
  const ruleId = '5b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
  const v1Doc = {
    version: 1,
    connections: [
      {
        id: '0f1e2d3c-4b5a-4697-8877-665544332211',
        name: 'Watched POST feed',
        url: 'https://feeds.test/subscribe',
        method: 'POST',
        body: '{"topics":["orders"]}',
        monitor: true,
        auth: { type: 'bearer', token: '{{feedToken}}' },
        alerts: [{ id: ruleId, name: 'Failures', query: 'type:failure', severity: 'critical', enabled: true }],
        watchdog: { enabled: true, staleAfterSec: 30, maxReconnects: 3, reconnectWindowMin: 10 },
      },
      { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Chat', url: 'https://api.test/chat', method: 'POST', body: '{}' },
    ],
    environments: [],
    activeEnvironmentId: null,
    settings: {},
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(v1Doc));
  const { store, notices } = open();
  expect(notices).toEqual([]);
  const [watched, chat] = store.listConnections();
  expect(watched).toMatchObject({
    kind: 'feed',
    monitor: true,
    auth: { type: 'bearer', token: '{{feedToken}}' },
    alerts: [{ id: ruleId, name: 'Failures', query: 'type:failure', severity: 'critical', enabled: true }],
    watchdog: { enabled: true, staleAfterSec: 30, maxReconnects: 3, reconnectWindowMin: 10 },
    llmFormat: 'auto',
  });
  expect(chat).toMatchObject({ kind: 'request', monitor: false });
  expect(rawFile().connections.map((connection: { kind: string }) => connection.kind)).toEqual(['feed', 'request']);
});

test('a collection file exported at version 1 imports with kinds and format settings', async () => {
  rmSync(join(dir, 'config.json'));
  const { store } = open();
  const report = await store.importCollection(
    JSON.stringify({
      format: 'sse-scope-collection',
      version: 1,
      connections: [
        { name: 'Chat', url: 'https://api.openai.com/v1/chat/completions', method: 'POST', body: '{}', llmFormat: 'openai' },
        { name: 'Ticks', url: 'https://example.test/ticks', llmFormat: null },
      ],
    }),
  );
  expect(report.connections.map((c) => ({ name: c.name, kind: c.kind, llmFormat: c.llmFormat }))).toEqual([
    { name: 'Chat', kind: 'request', llmFormat: 'openai-chat' },
    { name: 'Ticks', kind: 'feed', llmFormat: 'auto' },
  ]);
});

test('a format setting that cannot be read is refused with what to write instead', async () => {
  rmSync(join(dir, 'config.json'));
  const { store } = open();
  await expect(store.createConnection({ name: 'Chat', url: 'https://x.test/', llmFormat: 'openai-completions' })).rejects.toThrow(
    /"openai-completions" is not a stream format; use one of auto, openai-chat, .*jsonpath:EXPR\s+→ at llmFormat/,
  );
  await expect(store.createConnection({ name: 'Chat', url: 'https://x.test/', llmFormat: 'jsonpath:$.a[' })).rejects.toThrow(
    /The JSON path[\s\S]*→ at llmFormat/,
  );
  expect((await store.createConnection({ name: 'Chat', url: 'https://x.test/', llmFormat: ' jsonpath: $.token ' })).llmFormat).toBe(
    'jsonpath:$.token',
  );
});
