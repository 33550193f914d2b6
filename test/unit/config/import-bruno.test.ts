// A Bruno collection folder (bruno.json, collection.bru, folder.bru, request .bru files,
// environments/*.bru and a .env file, written in the Bru language as Bruno saves them) picked as a
// folder, previewed as the connections and environments a user would get.

import { describe, expect, test } from 'vitest';
import { previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { pickedFolder } from './import-fixtures.ts';

const COLLECTION_HEADER = { name: 'X-Client', value: 'sse-scope-tests', enabled: true };

describe('a Bruno collection folder', () => {
  test("requests in Bruno's order, under the folder names folder.bru gives, with inherited headers and auth", async () => {
    const preview = await previewImport({ kind: 'files', files: pickedFolder('bruno/SSE Demo') });
    expect(preview.sources).toEqual([{ name: 'SSE Demo', format: 'bruno' }]);
    expect(preview.connections).toEqual([
      {
        kind: 'request',
        name: 'Replay a stream',
        url: '{{baseUrl}}/replay/42',
        method: 'POST',
        headers: [
          COLLECTION_HEADER,
          { name: 'Accept', value: 'text/event-stream', enabled: true },
          { name: 'Content-Type', value: 'text/plain', enabled: true },
        ],
        auth: { type: 'basic', username: 'admin', password: { secret: true, value: 's3cret-admin' } },
        body: 'speed=2',
        folder: 'SSE Demo/Live streams/Admin',
      },
      {
        kind: 'feed',
        name: 'Live prices',
        url: '{{baseUrl}}/{{apiVersion}}/prices/stream?symbols=BTC,ETH',
        method: 'GET',
        headers: [
          COLLECTION_HEADER,
          { name: 'Accept', value: 'text/event-stream', enabled: true },
          { name: 'X-Debug', value: '1', enabled: false },
        ],
        // "auth: inherit": the collection's Bearer auth.
        auth: { type: 'bearer', token: '{{token}}' },
        folder: 'SSE Demo/Live streams',
      },
      {
        kind: 'request',
        name: 'Chat completion',
        url: 'https://api.openai.com/v1/chat/completions',
        method: 'POST',
        headers: [
          COLLECTION_HEADER,
          // The request's own Accept replaces the folder's.
          { name: 'Accept', value: 'application/json', enabled: true },
          { name: 'Content-Type', value: 'application/json', enabled: true },
        ],
        auth: { type: 'bearer', token: '{{process.env.OPENAI_API_KEY}}' },
        body: '{\n  "model": "gpt-4o-mini",\n  "stream": true,\n  "messages": [{"role": "user", "content": "Hello"}]\n}',
        llmFormat: 'openai-chat',
        folder: 'SSE Demo/Live streams',
      },
      {
        kind: 'request',
        name: 'Login',
        url: '{{baseUrl}}/login',
        method: 'POST',
        headers: [COLLECTION_HEADER, { name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true }],
        body: 'user=ann%40example.com&password={{password}}',
        folder: 'SSE Demo',
      },
      {
        kind: 'request',
        name: 'Upload avatar',
        url: '{{baseUrl}}/avatar',
        method: 'POST',
        headers: [COLLECTION_HEADER],
        folder: 'SSE Demo',
      },
    ]);
  });

  test('environments get the collection variables and the .env values; secret values must be entered again', async () => {
    const preview = await previewImport({ kind: 'files', files: pickedFolder('bruno/SSE Demo') });
    const shared = [
      { name: 'process.env.OPENAI_API_KEY', value: { secret: true, value: 'sk-from-dotenv' } },
      { name: 'apiVersion', value: 'v2' },
    ];
    expect(preview.environments).toEqual([
      {
        name: 'Local',
        variables: [
          ...shared,
          { name: 'baseUrl', value: 'http://localhost:8080/api' },
          { name: 'token', value: { secret: true, value: 'dev-token' } },
        ],
      },
      {
        name: 'Production',
        variables: [
          ...shared,
          { name: 'baseUrl', value: 'https://demo.example.com/api' },
          { name: 'token', value: { secret: true, omitted: true } },
        ],
      },
    ]);
    expect(preview.neededVariables).toEqual([{ name: 'password', secret: true }]);
  });

  test('scripts, tests, a broken file and what has no equivalent are warnings', async () => {
    const preview = await previewImport({ kind: 'files', files: pickedFolder('bruno/SSE Demo') });
    expect(preview.warnings).toEqual([
      "Bruno tests are not run: 'Replay a stream' has some",
      "Bruno assertions are not checked: 'Chat completion' has some",
      "Bruno pre-request scripts are not run: 'Chat completion' has one",
      'broken.bru was left out: it cannot be read (Line 8, col 8: Expected ":").',
      "Bruno post-response variables are not set: 'Login' has some",
      "Multipart form bodies cannot be sent here, so the body was left out: 'Upload avatar' has one",
      "Bruno AWS Signature auth is not brought over (set its header by hand): 'Upload avatar' uses it",
      "Bruno keeps secret values out of its files: enter token again in 'Production' before connecting.",
    ]);
  });
});

test('a folder holding two collections imports both; a .bru file pasted alone is one request', async () => {
  const twice = [
    ...pickedFolder('bruno/SSE Demo'),
    ...pickedFolder('bruno/SSE Demo').map((file) => ({ ...file, path: `Copy/${file.path}` })),
  ];
  const both = await previewImport({ kind: 'files', files: twice.map((file) => ({ ...file, path: `Workspace/${file.path}` })) });
  expect(both.sources).toEqual([
    { name: 'SSE Demo', format: 'bruno' },
    { name: 'SSE Demo', format: 'bruno' },
  ]);
  expect(both.connections).toHaveLength(10);

  const single = await previewImport({
    kind: 'text',
    text: 'meta {\n  name: Ping\n  type: http\n  seq: 1\n}\n\nget {\n  url: https://x.test/ping\n  body: none\n  auth: none\n}\n',
  });
  expect(single.connections).toEqual([
    { kind: 'feed', name: 'Ping', url: 'https://x.test/ping', method: 'GET', headers: [], folder: 'Bruno collection' },
  ]);
});
