// What an import preview is for: what it holds can be saved as it is and used. A Postman collection
// and its environment, saved, reach a real local server with the environment's credentials; a
// HAR's event stream saved as a capture reads back as the same records; our own collection file
// comes back through the same preview with or without its secrets; a curl command's shell
// variables are listed by connections:import.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { previewImport } from '../../main/core/config/importers/preview-import.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { removeTempFolders, startHarness } from '../helpers/app-core-harness.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSession } from '../helpers/session-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';
import { fixtureFiles } from '../unit/config/import-fixtures.ts';

let server: FixtureServer;
let dir: string;
beforeEach(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'sse-scope-import-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(removeTempFolders);

test('a Postman collection and environment, saved from the preview, stream from a real server', async () => {
  server.route('/api/prices/stream', (req, res) => {
    if (req.headers.authorization !== 'Bearer stg-key-7f3a') {
      res.writeHead(401).end();
      return;
    }
    startSse(res);
    res.end('event: price\ndata: {"BTC":64000}\n\n');
  });
  const preview = await previewImport({
    kind: 'files',
    files: fixtureFiles('postman/sse-demo.postman_collection.json', 'postman/staging.postman_environment.json'),
  });
  const { store } = ConfigStore.open(dir, fakeKeychainCipher());
  const saved = await Promise.all(
    preview.connections.map((connection) => store.createConnection({ ...connection, reconnect: { enabled: false } })),
  );
  const [staging] = await Promise.all(
    preview.environments.map((environment) =>
      store.createEnvironment({
        ...environment,
        variables: environment.variables!.map((v) => (v.name === 'baseUrl' ? { ...v, value: `${server.url}/api` } : v)),
      }),
    ),
  );
  await store.setActiveEnvironment(staging!.id);

  const { request, display } = store.resolve(saved.find((connection) => connection.name === 'Live prices')!.id);
  expect(display.headers['Authorization']).toBe('Bearer ••••'); // the token came from a secret variable
  const session = startSession({ ...request, fetch: createNodeFetch(request.tls) });
  await session.closed();
  expect(session.events().map((event) => event.data)).toEqual(['{"BTC":64000}']);
  const received = server.requests.at(-1)!;
  expect(received.headers['accept']).toBe('text/event-stream');
  expect(received.headers['x-debug']).toBeUndefined(); // disabled in Postman, disabled here
});

test("a HAR's event stream saved as a capture reads back as the same records", async () => {
  const [capture] = (await previewImport({ kind: 'files', files: fixtureFiles('har/proxy-capture.har') })).captures;
  const library = new CaptureLibrary(join(dir, 'captures'));
  const live = await library.create({ name: capture!.name, connection: null, url: capture!.url });
  live.store.append(capture!.records);
  await live.finish();

  const reopened = await library.open(live.id);
  expect(reopened.info).toMatchObject({ name: 'GET /events · 2024-05-03T11:00:00.000Z', url: 'http://localhost:8080/events', records: 6 });
  expect(await reopened.store.range(1, 10)).toEqual(capture!.records);
  await reopened.store.close();
});

test('our own collection file comes back through the preview, without secrets unless they were exported', async () => {
  const { store } = ConfigStore.open(join(dir, 'laptop'), fakeKeychainCipher('laptop'));
  await store.createEnvironment({ name: 'Prod', variables: [{ name: 'token', value: { secret: true, value: 'tok-9' } }] });
  await store.createConnection({
    name: 'Feed',
    url: 'https://api.test/feed',
    folder: 'Team/Feeds',
    headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
  });

  const shared = await previewImport({ kind: 'text', text: store.exportCollection() });
  expect(shared.sources).toEqual([{ name: 'Pasted text', format: 'sse-scope-collection' }]);
  expect(shared.connections).toMatchObject([
    { name: 'Feed', folder: 'Team/Feeds', headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }] },
  ]);
  expect(shared.environments).toEqual([{ name: 'Prod', variables: [{ name: 'token', value: { secret: true, omitted: true } }] }]);
  expect(shared.warnings).toEqual(['1 secret value was left out of the file: enter it again before connecting.']);

  const full = await previewImport({ kind: 'text', text: store.exportCollection({ includeSecrets: true }) });
  expect(full.environments).toEqual([{ name: 'Prod', variables: [{ name: 'token', value: { secret: true, value: 'tok-9' } }] }]);
  expect(full.warnings).toEqual([]);

  const desk = ConfigStore.open(join(dir, 'desk'), fakeKeychainCipher('desk')).store;
  const env = await desk.createEnvironment(full.environments[0]!);
  const feed = await desk.createConnection(full.connections[0]!);
  expect(desk.resolve(feed.id, env.id).request.headers).toEqual({ Authorization: 'Bearer tok-9' });
});

test('connections:import of a curl command with a shell variable lists the variable to create', async () => {
  const app = await startHarness({ cipher: fakeKeychainCipher() });
  try {
    const summary = await app.call('connections:import', {
      source: {
        kind: 'text',
        text: `curl -N https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" --json '{"stream":true}'`,
      },
    });
    expect(summary.neededVariables).toEqual([{ name: 'OPENAI_API_KEY', secret: true }]);
    expect(summary.connections[0]!.auth).toEqual({ type: 'bearer', token: '{{OPENAI_API_KEY}}' });
    expect(summary.warnings).toEqual(['The command uses {{OPENAI_API_KEY}}: define it in an environment before connecting.']);
  } finally {
    await app.stop();
  }
});
