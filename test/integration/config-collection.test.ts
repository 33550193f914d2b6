// Collections: export to one JSON file (secrets left out unless asked), import it into another
// store with new ids and free names, and refuse a bad file with a message naming the problem.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CollectionImportError } from '../../main/core/config/collection-file.ts';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { noKeychainCipher, SecretsUnavailableError } from '../../main/core/config/secrets.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sse-scope-collection-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const TOKEN = 'sk-live-77Qx';
const openIn = (name: string, cipher = fakeKeychainCipher(name)) => ConfigStore.open(join(root, name), cipher).store;

/** A store with a secret header, a secret variable, and an alert rule. */
async function populated(): Promise<ConfigStore> {
  const store = openIn('laptop');
  const env = await store.createEnvironment({
    name: 'Prod',
    variables: [
      { name: 'baseUrl', value: 'https://api.test' },
      { name: 'token', value: { secret: true, value: TOKEN } },
    ],
  });
  await store.setActiveEnvironment(env.id);
  await store.createConnection({
    name: 'Feed',
    url: '{{baseUrl}}/feed',
    headers: [
      { name: 'Authorization', value: 'Bearer {{token}}' },
      { name: 'X-Api-Key', value: { secret: true, value: `${TOKEN}-k` } },
    ],
    alerts: [{ query: 'type:error' }],
    tags: ['prod'],
  });
  await store.createConnection({
    name: 'Chat',
    url: 'https://llm.test/v1/chat',
    method: 'POST',
    body: '{"stream":true}',
    llmFormat: 'openai',
  });
  return store;
}

/** Exports to a real file and reads it back, as the app would through a save dialog. */
function exportToFile(store: ConfigStore, includeSecrets: boolean): string {
  const path = join(root, includeSecrets ? 'with-secrets.json' : 'shared.json');
  writeFileSync(path, store.exportCollection({ includeSecrets }));
  return readFileSync(path, 'utf8');
}

describe('export and import', () => {
  test('without secrets: no secret value is in the file, and imported secrets must be entered again', async () => {
    const text = exportToFile(await populated(), false);
    expect(text).not.toContain(TOKEN);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'sse-scope-collection', version: 1 });
    expect(file.connections[0].headers[1]).toEqual({ name: 'X-Api-Key', value: { secret: true, omitted: true }, enabled: true });
    expect(file.environments[0].variables[1]).toEqual({ name: 'token', value: { secret: true, omitted: true } });
    expect(file.connections[0]).not.toHaveProperty('id');

    const desk = openIn('desk');
    const report = await desk.importCollection(text);
    expect(report.connections.map((c) => c.name)).toEqual(['Feed', 'Chat']);
    expect(report.secretsOmitted).toBe(2);
    expect(report.connections[0]).toMatchObject({
      url: '{{baseUrl}}/feed',
      tags: ['prod'],
      alerts: [{ query: 'type:error', enabled: true }],
    });
    await desk.setActiveEnvironment(report.environments[0]!.id);
    expect(() => desk.resolve(report.connections[0]!.id)).toThrow(/secret value of variable \{\{token\}\} was left out/);
    expect(desk.resolve(report.connections[1]!.id).request).toMatchObject({ method: 'POST', body: '{"stream":true}' });
  });

  test('with secrets: values travel as plain text and are encrypted again by the importing keychain', async () => {
    const text = exportToFile(await populated(), true);
    expect(JSON.parse(text).connections[0].headers[1].value).toEqual({ secret: true, value: `${TOKEN}-k` });

    const desk = openIn('desk');
    const report = await desk.importCollection(text);
    expect(readFileSync(join(root, 'desk', 'config.json'), 'utf8')).not.toContain(TOKEN);
    const { request } = desk.resolve(report.connections[0]!.id, report.environments[0]!.id);
    expect(request.url).toBe('https://api.test/feed');
    expect(request.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': `${TOKEN}-k` });
  });

  test('importing into the same store gives new ids and free names', async () => {
    const store = await populated();
    const before = store.listConnections();
    const report = await store.importCollection(store.exportCollection());
    expect(report.renamed).toEqual([
      { from: 'Feed', to: 'Feed (2)' },
      { from: 'Chat', to: 'Chat (2)' },
      { from: 'Prod', to: 'Prod (2)' },
    ]);
    const ids = store.listConnections().map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.slice(0, 2)).toEqual(before.map((c) => c.id));
  });

  test('a chosen subset can be exported', async () => {
    const store = await populated();
    const chat = store.listConnections().find((c) => c.name === 'Chat')!;
    const file = JSON.parse(store.exportCollection({ connectionIds: [chat.id], environmentIds: [] }));
    expect(file.connections.map((c: { name: string }) => c.name)).toEqual(['Chat']);
    expect(file.environments).toEqual([]);
  });

  test('plain-text secrets are refused where there is no keychain and no consent, and nothing is added', async () => {
    const text = (await populated()).exportCollection({ includeSecrets: true });
    const desk = openIn('desk', noKeychainCipher());
    await expect(desk.importCollection(text)).rejects.toThrow(SecretsUnavailableError);
    expect(desk.listConnections()).toEqual([]);
    expect(desk.listEnvironments()).toEqual([]);
  });
});

describe('bad files', () => {
  const good = async () => JSON.parse((await populated()).exportCollection());
  const cases: [string, () => string | Promise<string>, RegExp][] = [
    ['empty', () => '', /^The file is empty\.$/],
    ['not JSON', () => '{"format": "sse-scope-collection",', /^The file is not valid JSON: /],
    [
      'a config file, not a collection',
      () => JSON.stringify({ version: 1, connections: [] }),
      /not an SSE Scope collection: it has no "format" field/,
    ],
    [
      'another format',
      () => JSON.stringify({ format: 'postman', version: 1 }),
      /its "format" is "postman" \(expected "sse-scope-collection"\)/,
    ],
    [
      'a newer collection',
      () => JSON.stringify({ format: 'sse-scope-collection', version: 9 }),
      /newer version of SSE Scope \(collection version 9/,
    ],
    [
      'a bad URL and a bad method, named by path',
      async () => {
        const file = await good();
        file.connections.push({ name: 'Third', url: 'not a url' });
        file.connections[1].method = 'PO ST';
        return JSON.stringify(file);
      },
      /^The collection cannot be imported:\n✖ Invalid HTTP method.*\n {2}→ at connections\[1\]\.method\n✖ Invalid URL.*\n {2}→ at connections\[2\]\.url$/,
    ],
    [
      'a keychain ciphertext from another machine',
      async () => {
        const file = await good();
        file.connections[0].headers[1].value = { secret: true, enc: 'AAAA' };
        return JSON.stringify(file);
      },
      /✖ Expected text or a secret.*\n {2}→ at connections\[0\]\.headers\[1\]\.value/,
    ],
  ];
  test.each(cases)('%s', async (_label, text, message) => {
    const store = openIn('desk');
    const body = await text();
    await expect(store.importCollection(body)).rejects.toThrow(CollectionImportError);
    await expect(store.importCollection(body)).rejects.toThrow(message);
    expect(store.listConnections()).toEqual([]);
  });
});
