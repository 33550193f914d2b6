// A Postman v2.1 collection and environment file (written as Postman 11 exports them, from the
// collection format's schema) previewed as the connections and environments a user would get.

import { describe, expect, test } from 'vitest';
import { previewForDisplay, previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { fixtureFiles } from './import-fixtures.ts';

const COLLECTION = 'postman/sse-demo.postman_collection.json';
const ENVIRONMENT = 'postman/staging.postman_environment.json';

const byName = (preview: Awaited<ReturnType<typeof previewImport>>, name: string) => preview.connections.find((c) => c.name === name)!;

describe('a Postman collection with its environment file', () => {
  test('requests keep their names, nested folders, methods, URLs, headers and bodies', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles(COLLECTION, ENVIRONMENT) });
    expect(preview.sources).toEqual([
      { name: 'sse-demo.postman_collection.json', format: 'postman-collection' },
      { name: 'staging.postman_environment.json', format: 'postman-environment' },
    ]);
    expect(preview.connections.map((c) => [c.folder, c.name, c.method])).toEqual([
      ['SSE Demo API/Streams', 'Live prices', 'GET'],
      ['SSE Demo API/Streams/Admin', 'Replay a stream', 'POST'],
      ['SSE Demo API', 'Chat completion', 'POST'],
      ['SSE Demo API', 'login', 'POST'],
      ['SSE Demo API', 'Partner feed', 'GET'],
      ['SSE Demo API', 'Upload avatar', 'POST'],
      ['SSE Demo API', 'Signed download', 'GET'],
    ]);

    // Disabled headers stay, switched off; the collection's Bearer auth is inherited into the Auth
    // section, its token a variable.
    expect(byName(preview, 'Live prices')).toEqual({
      kind: 'feed',
      name: 'Live prices',
      url: '{{baseUrl}}/prices/stream?symbols=BTC,ETH',
      method: 'GET',
      headers: [
        { name: 'Accept', value: 'text/event-stream', enabled: true },
        { name: 'X-Debug', value: '1', enabled: false },
        { name: 'X-Request-Id', value: '{{$guid}}', enabled: true },
      ],
      auth: { type: 'bearer', token: '{{apiKey}}' },
      folder: 'SSE Demo API/Streams',
    });

    // The folder's Basic auth (a literal password) has its password secret; a path variable is
    // filled in; a JSON body gets the Content-Type Postman would send; a POST is a request.
    expect(byName(preview, 'Replay a stream')).toMatchObject({
      kind: 'request',
      url: '{{baseUrl}}/replay/42',
      headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
      auth: { type: 'basic', username: 'admin', password: { secret: true, value: 's3cret-admin' } },
      body: '{\n    "speed": 2,\n    "from": "{{replayFrom}}"\n}',
    });

    expect(byName(preview, 'Chat completion')).toMatchObject({
      url: 'https://api.openai.com/v1/chat/completions',
      kind: 'request',
      llmFormat: 'openai-chat',
      headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
      auth: { type: 'bearer', token: '{{openaiKey}}' },
    });
    expect(JSON.parse(byName(preview, 'Chat completion').body!)).toMatchObject({ stream: true });

    // noauth wins over the collection's auth; a form body is encoded, without its disabled field.
    expect(byName(preview, 'login')).toMatchObject({
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true }],
      body: 'username=ann%40example.com&password={{password}}',
    });
    expect(byName(preview, 'login').auth).toBeUndefined();
    expect(byName(preview, 'Partner feed')).toMatchObject({
      headers: [],
      auth: { type: 'apiKey', name: 'X-API-Key', value: { secret: true, value: 'pk_live_51Hx' }, in: 'header' },
    });
    expect(byName(preview, 'Upload avatar').body).toBeUndefined();
    expect(byName(preview, 'Signed download')).toMatchObject({ headers: [] });
    expect(byName(preview, 'Signed download').auth).toBeUndefined();
  });

  test('the environment gets the collection variables as defaults; credentials are secrets', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles(COLLECTION, ENVIRONMENT) });
    expect(preview.environments).toEqual([
      {
        name: 'Staging',
        variables: [
          { name: 'replayFrom', value: '2024-05-01T00:00:00Z' },
          { name: 'baseUrl', value: 'https://staging.example.com/api' },
          { name: 'apiKey', value: { secret: true, value: 'stg-key-7f3a' } },
          // "default" in Postman, but it is the Bearer token of a request: kept as a secret.
          { name: 'openaiKey', value: { secret: true, value: 'sk-proj-staging' } },
          { name: 'password', value: { secret: true, value: 'hunter2' } },
        ],
      },
    ]);
    expect(preview.neededVariables).toEqual([]);
  });

  test('what cannot be brought over is said once per kind, naming the requests', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles(COLLECTION, ENVIRONMENT) });
    expect(preview.warnings).toEqual([
      "{{$guid}} is a generated value SSE Scope does not make, so it is sent as written: 'Live prices' uses it",
      "Postman tests are not run: 'Replay a stream' and 'login' have some",
      "Postman pre-request scripts are not run: 'Chat completion' and 'login' have one",
      "Multipart form bodies cannot be sent here, so the body was left out: 'Upload avatar' has one",
      "Postman AWS Signature auth is not brought over (set its header by hand): 'Signed download' uses it",
    ]);
  });
});

test('a collection alone: its variables become an environment named after it, and the rest are needed', async () => {
  const preview = await previewImport({ kind: 'text', text: fixtureFiles(COLLECTION)[0]!.text });
  expect(preview.sources).toEqual([{ name: 'Pasted text', format: 'postman-collection' }]);
  expect(preview.environments).toEqual([
    {
      name: 'SSE Demo API',
      variables: [
        { name: 'baseUrl', value: 'https://demo.example.com/api' },
        { name: 'replayFrom', value: '2024-05-01T00:00:00Z' },
      ],
    },
  ]);
  expect(preview.neededVariables).toEqual([
    { name: 'apiKey', secret: true },
    { name: 'openaiKey', secret: true },
    { name: 'password', secret: true },
  ]);
});

test('Postman v2.0 auth (an object, not a list) and an environment file alone', async () => {
  const collection = {
    info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
    item: [{ name: 'Feed', request: { url: 'localhost:3000/feed', method: 'GET', auth: { type: 'bearer', bearer: { token: 'tok-1' } } } }],
  };
  const preview = await previewImport({ kind: 'text', text: JSON.stringify(collection) });
  expect(preview.connections).toEqual([
    {
      kind: 'feed',
      name: 'Feed',
      url: 'http://localhost:3000/feed',
      method: 'GET',
      headers: [],
      auth: { type: 'bearer', token: { secret: true, value: 'tok-1' } },
      folder: 'Old',
    },
  ]);

  const environment = await previewImport({ kind: 'files', files: fixtureFiles(ENVIRONMENT) });
  expect(environment.connections).toEqual([]);
  expect(environment.environments[0]!.variables!.map((v) => v.name)).toEqual(['baseUrl', 'apiKey', 'openaiKey', 'password']);
});

test('the preview shown to the user masks every secret value', async () => {
  const preview = await previewImport({ kind: 'files', files: fixtureFiles(COLLECTION, ENVIRONMENT) });
  const shown = JSON.stringify(previewForDisplay(preview));
  for (const secret of ['stg-key-7f3a', 'sk-proj-staging', 'hunter2', 'pk_live_51Hx', 's3cret-admin']) {
    expect(JSON.stringify(preview)).toContain(secret);
    expect(shown).not.toContain(secret);
  }
  expect(shown).toContain('"token":"{{apiKey}}"'); // a variable reference is not a secret
});

test('an API key in the query, a header of its own winning over the auth, and a token with another scheme word', async () => {
  const collection = {
    info: { name: 'Edges', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
    item: [
      {
        name: 'Keyed',
        request: {
          url: 'https://x.test/feed?since=1',
          auth: {
            type: 'apikey',
            apikey: [
              { key: 'key', value: 'api_key' },
              { key: 'value', value: 'k-123' },
              { key: 'in', value: 'query' },
            ],
          },
        },
      },
      { name: 'Own header', request: { url: 'https://x.test/own', header: [{ key: 'Authorization', value: 'Bearer {{other}}' }] } },
      {
        name: 'Token scheme',
        request: {
          url: 'https://x.test/t',
          auth: {
            type: 'oauth2',
            oauth2: [
              { key: 'accessToken', value: 'at-9' },
              { key: 'headerPrefix', value: 'Token' },
            ],
          },
        },
      },
    ],
  };
  const preview = await previewImport({ kind: 'text', text: JSON.stringify(collection) });
  expect(byName(preview, 'Keyed')).toMatchObject({
    url: 'https://x.test/feed?since=1',
    auth: { type: 'apiKey', name: 'api_key', value: { secret: true, value: 'k-123' }, in: 'query' },
  });
  // The request's own Authorization header is sent, as in Postman: no Auth section that would clash.
  expect(byName(preview, 'Own header').auth).toBeUndefined();
  expect(byName(preview, 'Own header').headers).toEqual([{ name: 'Authorization', value: 'Bearer {{other}}', enabled: true }]);
  expect(byName(preview, 'Token scheme').auth).toBeUndefined();
  expect(byName(preview, 'Token scheme').headers).toEqual([
    { name: 'Authorization', value: { secret: true, value: 'Token at-9' }, enabled: true },
  ]);
});
