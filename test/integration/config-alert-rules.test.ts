// Alert rules and the watchdog in saved connections: a rule has a name and a severity (the query
// and "warning" when left out, so configs saved before them still open, at the same format
// version), a query the search language does not accept is refused with the search bar's message
// and position, and the watchdog's settings come with defaults, off.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseCollection } from '../../main/core/config/collection-file.ts';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { ConfigError } from '../../main/core/config/problems.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sse-scope-config-alerts-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => ConfigStore.open(dir, fakeKeychainCipher());
const url = 'https://example.test/events';

it('opens a version 1 config saved before rules had names and severities', async () => {
  const id = crypto.randomUUID();
  const ruleId = crypto.randomUUID();
  const broken = crypto.randomUUID();
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      version: 1,
      connections: [
        {
          id,
          name: 'Orders',
          url,
          alerts: [
            { id: ruleId, query: 'data.level=error', enabled: true },
            // Saved when nothing checked queries: the config still opens (the monitor skips the rule).
            { id: broken, query: 'kind:nope', enabled: true },
          ],
        },
      ],
    }),
  );
  const { store, notices } = open();
  expect(notices).toEqual([]);
  const connection = store.getConnection(id);
  expect(connection.kind).toBe('feed');
  expect(connection.alerts).toEqual([
    { id: ruleId, name: 'data.level=error', query: 'data.level=error', severity: 'warning', enabled: true },
    { id: broken, name: 'kind:nope', query: 'kind:nope', severity: 'warning', enabled: true },
  ]);
  expect(connection.watchdog).toEqual({ enabled: false, staleAfterSec: 60, maxReconnects: 5, reconnectWindowMin: 10 });
});

it('saves a rule name, a severity and watchdog settings, and reads them back', async () => {
  const { store } = open();
  const saved = await store.createConnection({
    name: 'Orders',
    url,
    alerts: [{ name: ' errors ', query: '/timeout/i -type:heartbeat', severity: 'critical' }],
    watchdog: { enabled: true, staleAfterSec: 120 },
  });
  expect(saved.alerts[0]).toMatchObject({ name: 'errors', query: '/timeout/i -type:heartbeat', severity: 'critical', enabled: true });
  expect(saved.watchdog).toEqual({ enabled: true, staleAfterSec: 120, maxReconnects: 5, reconnectWindowMin: 10 });
  const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { connections: { alerts: unknown[] }[] };
  expect(written.connections[0]!.alerts[0]).toMatchObject({ name: 'errors', severity: 'critical' });
  expect(open().store.getConnection(saved.id)).toEqual(saved);
});

it('refuses a query the search bar would refuse, with its message and the position it points at', async () => {
  const { store } = open();
  let error: unknown;
  try {
    await store.createConnection({ name: 'Orders', url, alerts: [{ query: 'fine' }, { name: 'slow', query: 'type:x /abc' }] });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).message).toBe(
    'The connection is not valid:\n✖ Unclosed regular expression: it needs a closing / (at position 7)\n  → at alerts[1].query',
  );
  expect(store.listConnections()).toEqual([]);

  await expect(store.createConnection({ name: 'Orders', url, alerts: [{ query: 'x', severity: 'panic' }] })).rejects.toThrow(
    /✖ Invalid option: expected one of "info"\|"warning"\|"critical"\n {2}→ at alerts\[0\]\.severity/,
  );
  await expect(store.createConnection({ name: 'Orders', url, watchdog: { staleAfterSec: -1 } })).rejects.toThrow(/watchdog\.staleAfterSec/);
});

it('refuses a collection file with a query that does not parse, saying where', async () => {
  const file = {
    format: 'sse-scope-collection',
    version: 1,
    connections: [{ name: 'Orders', url, alerts: [{ name: 'quotes', query: '"unclosed' }] }],
  };
  expect(() => parseCollection(JSON.stringify(file))).toThrow(
    '✖ Unclosed quote: the phrase needs a closing " (at position 0)\n  → at connections[0].alerts[0].query',
  );
});
