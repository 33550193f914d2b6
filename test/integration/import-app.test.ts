// Importing another tool's requests through the app core's commands, as the Import dialog does:
// each format (files written from each tool's documented export format, a picked Bruno folder,
// pasted text) previews what it would create and then creates it, folders kept; a HAR's event
// stream lands in the captures library; the needed variables the user types in are created with
// the import, so the first connect is authorised; a failure anywhere leaves nothing behind.

import { rm, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSource } from '../../main/contract.ts';
import { capturesDirOf } from '../../main/core/app-paths.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../main/common/import-limits.ts';
import { previewImport } from '../../main/core/config/importers/preview-import.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventsStored, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';
import { fixtureFiles, fixtureText, pickedFolder } from '../unit/config/import-fixtures.ts';

let app: Harness;
let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness({ cipher: fakeKeychainCipher() });
});
afterEach(async () => {
  await app.stop();
  await server.close();
});
afterAll(removeTempFolders);

const files = (...paths: string[]): ImportSource => ({ kind: 'files', files: fixtureFiles(...paths) });

/** The saved connections as "folder › name", in order. */
async function savedTree(): Promise<string[]> {
  return (await app.call('connections:list', undefined)).map((connection) => `${connection.folder} › ${connection.name}`);
}

async function nothingSaved(): Promise<void> {
  expect(await app.call('connections:list', undefined)).toEqual([]);
  expect((await app.call('environments:list', undefined)).environments).toEqual([]);
  expect(await app.call('captures:list', undefined)).toEqual([]);
}

describe('each format, previewed and imported through the commands', () => {
  const cases: { format: string; source: () => ImportSource; tree: string[]; environments: string[] }[] = [
    {
      format: 'a Postman collection with its environment file',
      source: () => files('postman/sse-demo.postman_collection.json', 'postman/staging.postman_environment.json'),
      tree: [
        'SSE Demo API/Streams › Live prices',
        'SSE Demo API/Streams/Admin › Replay a stream',
        'SSE Demo API › Chat completion',
        'SSE Demo API › login',
        'SSE Demo API › Partner feed',
        'SSE Demo API › Upload avatar',
        'SSE Demo API › Signed download',
      ],
      environments: ['Staging'],
    },
    {
      format: 'an Insomnia v4 export',
      source: () => files('insomnia/insomnia-v4.json'),
      tree: ['SSE Demo › Login', 'SSE Demo › Claude stream', 'SSE Demo/Streams/Admin › Replay a stream', 'SSE Demo/Streams › Live prices'],
      environments: ['Local', 'Production'],
    },
    {
      format: 'an Insomnia v5 YAML export, pasted',
      source: () => ({ kind: 'text', text: fixtureText('insomnia/insomnia-v5.yaml') }),
      tree: ['SSE Demo › Claude stream', 'SSE Demo/Streams/Admin › Replay a stream', 'SSE Demo/Streams › Live prices'],
      environments: ['Local'],
    },
    {
      format: 'a picked Bruno collection folder',
      source: () => ({ kind: 'files', files: pickedFolder('bruno/SSE Demo') }),
      tree: [
        'SSE Demo/Live streams/Admin › Replay a stream',
        'SSE Demo/Live streams › Live prices',
        'SSE Demo/Live streams › Chat completion',
        'SSE Demo › Login',
        'SSE Demo › Upload avatar',
      ],
      environments: ['Local', 'Production'],
    },
    {
      format: 'a .http file with its environment files',
      source: () => files('http/sse-demo.http', 'http/http-client.env.json', 'http/http-client.private.env.json'),
      tree: [
        'sse-demo › Live prices',
        'sse-demo › login',
        'sse-demo › chat',
        'sse-demo › Session feed',
        'sse-demo › Upload',
        'sse-demo › status.example.com/health',
      ],
      environments: ['local', 'production'],
    },
  ];

  for (const { format, source, tree, environments } of cases) {
    it(`${format}: the preview lists the tree, the import saves it`, async () => {
      const plan = await app.call('connections:import-preview', source());
      expect(plan.connections.map((connection) => `${connection.folder} › ${connection.name}`)).toEqual(tree);
      expect(plan.environments.map((environment) => environment.name)).toEqual(environments);
      expect(JSON.stringify(plan)).not.toContain('stg-key-7f3a'); // a secret value never reaches the view
      await nothingSaved();

      const summary = await app.call('connections:import', { source: source(), confirmSafety: true });
      expect(summary.warnings).toEqual(plan.warnings);
      expect(await savedTree()).toEqual(tree);
      expect((await app.call('environments:list', undefined)).environments.map((environment) => environment.name)).toEqual(environments);
      expect(app.pushes.of('connections:changed').at(-1)).toHaveLength(tree.length);
    });
  }

  it('a curl command and our own collection file, pasted', async () => {
    await app.call('connections:import', { source: { kind: 'text', text: `curl -N ${server.url}/feed -H 'Accept: text/event-stream'` } });
    const text = JSON.stringify({
      format: 'sse-scope-collection',
      version: 1,
      connections: [{ name: 'Shared feed', url: 'https://feed.test/events', folder: 'Team/Feeds' }],
      environments: [],
    });
    const plan = await app.call('connections:import-preview', { kind: 'text', text });
    expect(plan.sources).toEqual([{ name: 'Pasted text', format: 'sse-scope-collection' }]);
    await app.call('connections:import', { source: { kind: 'text', text } });
    expect(await savedTree()).toEqual([` › ${server.url.replace('http://', '')}/feed`, 'Team/Feeds › Shared feed']);
  });

  it("a file no importer knows gets the importers' own message, naming what can be imported", async () => {
    const source: ImportSource = { kind: 'files', files: [{ path: 'notes.txt', text: 'Remember to buy milk.' }] };
    await expect(app.call('connections:import-preview', source)).rejects.toMatchObject({
      code: 'failed',
      message:
        'This file is not a Postman collection, Insomnia export, Bruno collection, HAR file, .http file, curl command or SSE Scope collection.',
    });
    await expect(app.call('connections:import', { source })).rejects.toMatchObject({ code: 'failed' });
    await nothingSaved();
  });
});

describe('a HAR file', () => {
  it('creates its requests and saves its event stream as a capture the captures list shows', async () => {
    const source = files('har/proxy-capture.har');
    const plan = await app.call('connections:import-preview', source);
    expect(plan.captures).toEqual([
      {
        name: 'GET /events · 2024-05-03T11:00:00.000Z',
        url: 'http://localhost:8080/events',
        events: expect.any(Number),
        notices: ['The file ends in the middle of a line; that incomplete last part was discarded, as an EventSource would'],
      },
    ]);
    expect(await app.call('captures:list', undefined)).toEqual([]);

    const summary = await app.call('connections:import', { source });
    const [draft] = (await previewImport(source)).captures;
    expect(plan.captures[0]!.events).toBe(draft!.records.filter((record) => record.kind === 'event').length);
    expect(await savedTree()).toEqual(['proxy-capture/localhost:8080 › GET /events', 'proxy-capture/localhost:8080 › GET /health']);
    const listed = await app.call('captures:list', undefined);
    expect(listed).toEqual(summary.captures);
    expect(listed).toMatchObject([{ name: 'GET /events · 2024-05-03T11:00:00.000Z', recording: false, records: draft!.records.length }]);
    expect(app.pushes.of('captures:changed').at(-1)).toEqual(listed);

    const view = await app.call('captures:open', { captureId: listed[0]!.id });
    expect(await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 })).toEqual(draft!.records);
  });
});

describe('all or nothing', () => {
  it('a secret that cannot be saved (no keychain) fails the whole import: no connection, environment or capture', async () => {
    await app.stop();
    app = await startHarness(); // no keychain, and storing secrets unencrypted not allowed
    const source = files('har/proxy-capture.har', 'postman/sse-demo.postman_collection.json', 'postman/staging.postman_environment.json');
    await expect(app.call('connections:import-preview', source)).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('No OS keychain is available to encrypt secrets'),
    });
    await expect(app.call('connections:import', { source })).rejects.toMatchObject({
      message: expect.stringContaining('No OS keychain is available to encrypt secrets'),
    });
    await nothingSaved();
  });

  it('a capture that cannot be saved fails the whole import: no connection is created', async () => {
    const captures = capturesDirOf(app.dataDir);
    await rm(captures, { recursive: true, force: true });
    await writeFile(captures, 'not a folder'); // the library cannot write there
    try {
      await expect(app.call('connections:import', { source: files('har/demo.example.com.har') })).rejects.toMatchObject({
        code: 'failed',
        message: expect.stringMatching(/^Nothing was imported: the event streams could not be saved as captures/),
      });
      expect(await app.call('connections:list', undefined)).toEqual([]);
    } finally {
      await rm(captures, { force: true });
    }
  });

  it('an import refused for its variables creates nothing', async () => {
    const env = await app.call('environments:save', { environment: { name: 'Dev', variables: [{ name: 'OPENAI_API_KEY', value: 'x' }] } });
    await expect(
      app.call('connections:import', {
        source: files('har/proxy-capture.har'),
        variables: { target: { environmentId: env.id }, variables: [{ name: 'OPENAI_API_KEY', value: 'y', secret: true }] },
      }),
    ).rejects.toMatchObject({ message: 'Environment "Dev" already has {{OPENAI_API_KEY}}, so nothing was imported: leave it out.' });
    expect(await app.call('connections:list', undefined)).toEqual([]);
    expect(await app.call('captures:list', undefined)).toEqual([]);
  });
});

describe('needed variables', () => {
  const curl = (url: string) => `curl -N ${url} -H "Authorization: Bearer $OPENAI_API_KEY" -H "X-Team: $TEAM"`;

  it('typed in the preview, they are created secret in the active environment, and the first connect is authorised', async () => {
    let authorization: string | undefined;
    server.route('/chat', (req, res) => {
      authorization = req.headers.authorization;
      if (authorization !== 'Bearer sk-live-123') {
        res.writeHead(401).end();
        return;
      }
      startSse(res);
      res.end('data: hello\n\n');
    });
    const dev = await app.call('environments:save', { environment: { name: 'Dev', variables: [{ name: 'TEAM', value: 'blue' }] } });
    await app.call('environments:activate', { id: dev.id });
    const source: ImportSource = { kind: 'text', text: curl(`${server.url}/chat`) };

    const plan = await app.call('connections:import-preview', source);
    expect(plan.neededVariables).toEqual([
      { name: 'OPENAI_API_KEY', secret: true, definedIn: [] },
      { name: 'TEAM', secret: false, definedIn: ['Dev'] },
    ]);

    const summary = await app.call('connections:import', {
      source,
      variables: { target: { environmentId: dev.id }, variables: [{ name: 'OPENAI_API_KEY', value: 'sk-live-123', secret: true }] },
    });
    expect(summary.variablesEnvironment).toMatchObject({ name: 'Dev', variables: [{ name: 'TEAM' }, { name: 'OPENAI_API_KEY' }] });
    const [saved] = (await app.call('environments:list', undefined)).environments;
    expect(saved!.variables[1]!.value).toMatchObject({ secret: true }); // stored as a secret, encrypted
    expect(JSON.stringify(saved)).not.toContain('sk-live-123');
    expect(app.pushes.of('environments:changed').at(-1)!.environments[0]!.variables).toHaveLength(2);

    const view = await app.call('sessions:open', { connectionId: summary.connections[0]!.id });
    await eventsStored(app, view.id, 1);
    expect(authorization).toBe('Bearer sk-live-123');
  });

  it('go into a new environment the user names; one left empty is created empty, and the summary says so', async () => {
    const summary = await app.call('connections:import', {
      source: { kind: 'text', text: curl('https://api.test/chat') },
      variables: {
        target: { newEnvironment: 'OpenAI' },
        variables: [
          { name: 'OPENAI_API_KEY', value: '', secret: true },
          { name: 'TEAM', value: 'red', secret: false },
        ],
      },
    });
    expect(summary.variablesEnvironment).toMatchObject({
      name: 'OpenAI',
      variables: [{ name: 'OPENAI_API_KEY' }, { name: 'TEAM', value: 'red' }],
    });
    expect(summary.environments.map((environment) => environment.name)).toEqual(['OpenAI']);
    expect(summary.warnings).toContain(
      '{{OPENAI_API_KEY}} was created empty in "OpenAI": fill in the value under Environments before connecting.',
    );
    const plan = await app.call('connections:import-preview', { kind: 'text', text: curl('https://api.test/chat') });
    expect(plan.neededVariables).toEqual([
      { name: 'OPENAI_API_KEY', secret: true, definedIn: ['OpenAI'] },
      { name: 'TEAM', secret: false, definedIn: ['OpenAI'] },
    ]);
  });
});

describe('needed variables in an imported environment', () => {
  it("go into the collection's own environment, which keeps its variables", async () => {
    const source = files('postman/sse-demo.postman_collection.json');
    const plan = await app.call('connections:import-preview', source);
    expect(plan.environments).toEqual([{ name: 'SSE Demo API', variables: 2, renamedFrom: null }]);
    expect(plan.neededVariables.map((variable) => variable.name)).toEqual(['apiKey', 'openaiKey', 'password']);
    const summary = await app.call('connections:import', {
      source,
      confirmSafety: true,
      variables: { target: { importedEnvironment: 0 }, variables: [{ name: 'apiKey', value: 'k-1', secret: true }] },
    });
    expect(summary.variablesEnvironment).toMatchObject({
      name: 'SSE Demo API',
      variables: [{ name: 'baseUrl' }, { name: 'replayFrom' }, { name: 'apiKey', value: { secret: true } }],
    });
    expect(summary.environments).toEqual([summary.variablesEnvironment]);
    await expect(
      app.call('connections:import', {
        source,
        variables: { target: { importedEnvironment: 3 }, variables: [{ name: 'apiKey', value: 'k-1', secret: true }] },
      }),
    ).rejects.toMatchObject({ message: 'The environment chosen for the variables is not in this import: go back and preview it again.' });
  });
});

describe('the command schema bounds what an import may send', () => {
  it('refuses a file over the size limit and files over the total, before reading them', async () => {
    const large = 'x'.repeat(MAX_IMPORT_FILE_BYTES + 1);
    const tooLarge = await app.raw('connections:import-preview', { kind: 'files', files: [{ path: 'big.har', text: large }] });
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const part = 'x'.repeat(MAX_IMPORT_FILE_BYTES);
    const together = await app.raw('connections:import', {
      source: { kind: 'files', files: [1, 2, 3].map((n) => ({ path: `part-${n}.har`, text: part })) },
    });
    expect(together).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('too large to import together') },
    });
  });
});
