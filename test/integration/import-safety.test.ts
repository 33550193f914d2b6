// Importing connections through the app core: a preview lists what would be created and every
// safety-relevant setting it would change (TLS verification off, a CA file, limits above the
// defaults, connecting on its own); the import refuses to apply safety changes the user has not
// confirmed, and creates nothing then; limits have hard maximums.

import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';

let app: Harness;
beforeEach(async () => (app = await startHarness()));
afterEach(() => app.stop());
afterAll(removeTempFolders);

const MiB = 1024 * 1024;

function collection(connections: object[], environments: object[] = []): string {
  return JSON.stringify({ format: 'sse-scope-collection', version: 1, connections, environments });
}

const risky = {
  name: 'Risky feed',
  url: 'https://feed.test/events',
  tls: { insecure: true, caFile: '/etc/ssl/private-ca.pem' },
  limits: { maxLineBytes: 64 * MiB },
  autoConnect: true,
};
const plain = { name: 'Plain feed', url: 'https://feed.test/plain' };
const text = collection([risky, plain], [{ name: 'Prod', variables: [{ name: 'host', value: 'feed.test' }] }]);

test('the preview lists what would be created and each safety change, and saves nothing', async () => {
  await app.call('connections:save', { connection: { name: 'Plain feed', url: 'https://other.test/' } });
  const preview = await app.call('connections:import-preview', { kind: 'text', text });

  expect(preview.connections.map(({ name, renamedFrom }) => ({ name, renamedFrom }))).toEqual([
    { name: 'Risky feed', renamedFrom: null },
    { name: 'Plain feed (2)', renamedFrom: 'Plain feed' },
  ]);
  expect(preview.environments).toEqual([{ name: 'Prod', variables: 1, renamedFrom: null }]);
  const [riskyChanges, plainChanges] = preview.connections.map((connection) => connection.safety);
  expect(riskyChanges).toEqual([
    expect.stringContaining('TLS certificate verification off'),
    expect.stringContaining('/etc/ssl/private-ca.pem'),
    expect.stringContaining('line limit to 64 MB (the default is 16 MB)'),
    expect.stringContaining('connects on its own'),
  ]);
  expect(plainChanges).toEqual([]);
  expect(preview.safety).toEqual(riskyChanges!.map((change) => `"Risky feed": ${change}`));
  expect((await app.call('connections:list', undefined)).map((connection) => connection.name)).toEqual(['Plain feed']);
});

test('safety changes are applied only once confirmed; unconfirmed, nothing is created', async () => {
  await expect(app.call('connections:import', { source: { kind: 'text', text } })).rejects.toMatchObject({
    code: 'failed',
    message: expect.stringContaining('TLS certificate verification off'),
  });
  expect(await app.call('connections:list', undefined)).toEqual([]);
  expect((await app.call('environments:list', undefined)).environments).toEqual([]);

  const summary = await app.call('connections:import', { source: { kind: 'text', text }, confirmSafety: true });
  expect(summary.connections.map((connection) => connection.name)).toEqual(['Risky feed', 'Plain feed']);
  expect(summary.connections[0]).toMatchObject({ tls: { insecure: true }, limits: { maxLineBytes: 64 * MiB }, autoConnect: true });
});

test('an import without safety changes needs no confirmation', async () => {
  const summary = await app.call('connections:import', { source: { kind: 'text', text: collection([plain]) } });
  expect(summary.connections).toHaveLength(1);
});

test('a curl command that turns off certificate checks is previewed and needs confirming too', async () => {
  const curl = 'curl -k -N https://feed.test/events';
  const preview = await app.call('connections:import-preview', { kind: 'text', text: curl });
  expect(preview.safety).toEqual([expect.stringContaining('TLS certificate verification off')]);
  await expect(app.call('connections:import', { source: { kind: 'text', text: curl } })).rejects.toMatchObject({ code: 'failed' });
  expect(await app.call('connections:import', { source: { kind: 'text', text: curl }, confirmSafety: true })).toMatchObject({
    connections: [{ tls: { insecure: true } }],
  });
});

test('limits above the hard maximum are refused, in the preview, the import and a save', async () => {
  const huge = collection([{ ...plain, limits: { maxLineBytes: 1e15 } }]);
  const tooLarge = expect.stringMatching(/✖ At most 256 MB \(268,435,456 bytes\)\n {2}→ at .*limits\.maxLineBytes/);
  await expect(app.call('connections:import-preview', { kind: 'text', text: huge })).rejects.toMatchObject({ message: tooLarge });
  await expect(app.call('connections:import', { source: { kind: 'text', text: huge }, confirmSafety: true })).rejects.toMatchObject({
    message: tooLarge,
  });
  await expect(app.call('connections:save', { connection: { ...plain, limits: { maxEventBytes: 257 * MiB } } })).rejects.toMatchObject({
    code: 'invalid-payload',
    message: expect.stringMatching(/maxEventBytes/),
  });
  expect(await app.call('connections:list', undefined)).toEqual([]);
});
