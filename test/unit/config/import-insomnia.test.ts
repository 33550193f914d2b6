// Insomnia exports, v4 (JSON, as Insomnia 2023 writes "Insomnia v4") and v5 (the YAML of Insomnia
// 10 and later), previewed as the connections and environments a user would get.

import { describe, expect, test } from 'vitest';
import { previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { fixtureFiles, fixtureText } from './import-fixtures.ts';

const BASIC_ADMIN = { type: 'basic', username: 'admin', password: { secret: true, value: 's3cret-admin' } };

describe('Insomnia v4', () => {
  test("requests in Insomnia's order, folders kept, its template syntax turned into ours", async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('insomnia/insomnia-v4.json') });
    expect(preview.sources).toEqual([{ name: 'insomnia-v4.json', format: 'insomnia' }]);
    expect(preview.connections).toEqual([
      {
        kind: 'request',
        name: 'Login',
        url: '{{baseUrl}}/login',
        method: 'POST',
        headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true }],
        body: 'user=ann%40example.com&password={{password}}',
        folder: 'SSE Demo',
      },
      {
        kind: 'request',
        name: 'Claude stream',
        url: 'https://api.anthropic.com/v1/messages',
        method: 'POST',
        headers: [
          { name: 'Content-Type', value: 'application/json', enabled: true },
          { name: 'anthropic-version', value: '2023-06-01', enabled: true },
        ],
        // An API key auth whose value is a variable: the variable is the secret.
        auth: { type: 'apiKey', name: 'x-api-key', value: '{{anthropicKey}}', in: 'header' },
        body: '{"model":"claude-sonnet-4","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hi {{userName}}"}]}',
        llmFormat: 'anthropic',
        folder: 'SSE Demo',
      },
      {
        kind: 'request',
        name: 'Replay a stream',
        url: '{{baseUrl}}/replay/42',
        method: 'POST',
        headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
        auth: BASIC_ADMIN,
        body: '{\n  "speed": 2\n}',
        folder: 'SSE Demo/Streams/Admin',
      },
      {
        kind: 'feed',
        name: 'Live prices',
        // The enabled query parameter joins the URL; the disabled one does not.
        url: '{{baseUrl}}/prices/stream?symbols=BTC,ETH',
        method: 'GET',
        headers: [
          { name: 'Accept', value: 'text/event-stream', enabled: true },
          { name: 'X-Trace', value: "{% uuid 'v4' %}", enabled: true },
        ],
        auth: { type: 'bearer', token: '{{token}}' },
        folder: 'SSE Demo/Streams',
      },
    ]);
  });

  test('sub-environments build on the base one: nested data as dotted names, references filled in, private ones secret', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('insomnia/insomnia-v4.json') });
    expect(preview.environments).toEqual([
      {
        name: 'Local',
        variables: [
          { name: 'userName', value: 'Ann' },
          { name: 'limits.perMinute', value: '60' },
          { name: 'baseUrl', value: 'http://localhost:8080/api' },
          { name: 'token', value: { secret: true, value: 'dev-token' } },
          { name: 'password', value: 'dev' },
        ],
      },
      {
        name: 'Production',
        variables: [
          { name: 'baseUrl', value: 'https://demo.example.com/api' },
          { name: 'userName', value: 'Ann' },
          { name: 'limits.perMinute', value: '60' },
          { name: 'token', value: { secret: true, value: 'prod-9f8e7d' } },
          { name: 'anthropicKey', value: { secret: true, value: 'sk-ant-prod' } },
          { name: 'password', value: { secret: true, value: 'prod-9f8e7d-pw' } },
        ],
      },
    ]);
    expect(preview.neededVariables).toEqual([]);
    expect(preview.warnings).toEqual([
      "Only HTTP requests are brought over; WebSocket, gRPC and Socket.IO requests are not: 'Ticker socket'",
      "Insomnia pre-request scripts are not run: 'Claude stream' has one",
      "Insomnia folder environments are not brought over (add their variables to an environment): 'Admin' has one",
      "Insomnia template tags such as {% uuid %} are not run, so they are sent as written: 'Live prices' uses one",
    ]);
  });

  test('the same export written as YAML reads the same', async () => {
    const { stringify } = await import('yaml');
    const json = await previewImport({ kind: 'text', text: fixtureText('insomnia/insomnia-v4.json') });
    const yaml = await previewImport({ kind: 'text', text: stringify(JSON.parse(fixtureText('insomnia/insomnia-v4.json'))) });
    expect(yaml.connections).toEqual(json.connections);
    expect(yaml.environments).toEqual(json.environments);
  });
});

describe('Insomnia v5 (YAML)', () => {
  test("a folder's headers and auth apply to the requests inside it", async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('insomnia/insomnia-v5.yaml') });
    expect(preview.sources).toEqual([{ name: 'insomnia-v5.yaml', format: 'insomnia' }]);
    expect(preview.connections.map((c) => [c.folder, c.name])).toEqual([
      ['SSE Demo', 'Claude stream'],
      ['SSE Demo/Streams/Admin', 'Replay a stream'],
      ['SSE Demo/Streams', 'Live prices'],
    ]);
    const [, replay, prices] = preview.connections;
    expect(replay).toMatchObject({
      url: '{{baseUrl}}/replay/42',
      headers: [
        { name: 'X-Team', value: 'streams', enabled: true },
        { name: 'Content-Type', value: 'application/json', enabled: true },
      ],
      auth: BASIC_ADMIN,
    });
    expect(prices).toMatchObject({
      url: '{{baseUrl}}/prices/stream?symbols=BTC,ETH',
      headers: [
        { name: 'X-Team', value: 'streams', enabled: true },
        { name: 'Accept', value: 'text/event-stream', enabled: true },
        { name: 'X-Debug', value: '1', enabled: false },
      ],
      auth: { type: 'bearer', token: '{{token}}' },
    });
  });

  test('environments, the variables still needed, and the warnings', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles('insomnia/insomnia-v5.yaml') });
    expect(preview.environments).toEqual([
      {
        name: 'Local',
        variables: [
          { name: 'userName', value: 'Ann' },
          { name: 'baseUrl', value: 'http://localhost:8080/api' },
          { name: 'token', value: { secret: true, value: 'dev-token' } },
        ],
      },
    ]);
    expect(preview.neededVariables).toEqual([{ name: 'anthropicKey', secret: true }]);
    expect(preview.warnings).toEqual([
      "Only HTTP requests are brought over; WebSocket, gRPC and Socket.IO requests are not: 'Ticker socket'",
      "Insomnia after-response scripts are not run: 'Replay a stream' has one",
    ]);
  });
});
