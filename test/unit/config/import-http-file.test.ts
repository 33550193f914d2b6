// A .http file as VS Code REST Client and JetBrains HTTP Client read it, with JetBrains'
// http-client.env.json and http-client.private.env.json beside it.

import { describe, expect, test } from 'vitest';
import { previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { fixtureFiles, fixtureText } from './import-fixtures.ts';

const FILES = ['http/sse-demo.http', 'http/http-client.env.json', 'http/http-client.private.env.json'] as const;

describe('a .http file with its environment files', () => {
  test('each request between ### lines, named by "### name" or "# @name", with its headers and body', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles(...FILES) });
    expect(preview.sources.map((source) => source.format)).toEqual(['http-file', 'http-client-env', 'http-client-env']);
    expect(preview.connections).toEqual([
      {
        kind: 'feed',
        name: 'Live prices',
        // The query lines below the request line continue its URL.
        url: '{{baseUrl}}/prices/stream?symbols=BTC,ETH&since=0',
        method: 'GET',
        headers: [
          { name: 'Accept', value: 'text/event-stream', enabled: true },
          { name: 'Authorization', value: 'Bearer {{token}}', enabled: true },
        ],
        folder: 'sse-demo',
      },
      {
        kind: 'request',
        name: 'login',
        url: '{{baseUrl}}/login',
        method: 'POST',
        headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
        body: '{\n  "user": "ann@example.com",\n  "password": "{{password}}"\n}',
        folder: 'sse-demo',
      },
      {
        kind: 'request',
        name: 'chat',
        url: 'https://api.openai.com/v1/chat/completions',
        method: 'POST',
        headers: [
          // {{$processEnv OPENAI_API_KEY}} reads the environment: here, a variable to define.
          { name: 'Authorization', value: 'Bearer {{OPENAI_API_KEY}}', enabled: true },
          { name: 'Content-Type', value: 'application/json', enabled: true },
          { name: 'X-Request-Id', value: '{{$guid}}', enabled: true },
        ],
        body: '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello"}]}',
        llmFormat: 'openai-chat',
        folder: 'sse-demo',
      },
      {
        kind: 'feed',
        name: 'Session feed',
        url: '{{baseUrl}}/session/feed',
        method: 'GET',
        headers: [{ name: 'Cookie', value: { secret: true, value: 'session={{login.response.body.$.token}}' }, enabled: true }],
        folder: 'sse-demo',
      },
      {
        kind: 'request',
        name: 'Upload',
        url: '{{baseUrl}}/upload',
        method: 'POST',
        headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
        folder: 'sse-demo',
      },
      {
        kind: 'feed',
        name: 'status.example.com/health',
        url: 'https://status.example.com/health',
        method: 'GET',
        headers: [],
        folder: 'sse-demo',
      },
    ]);
  });

  test('file variables go into every environment, over its own values; private values are secrets', async () => {
    const preview = await previewImport({ kind: 'files', files: fixtureFiles(...FILES) });
    const fileVariables = (host: string) => [
      { name: 'apiVersion', value: 'v2' },
      // "{{host}}/api/{{apiVersion}}" filled in: our variables are not expanded inside values.
      { name: 'baseUrl', value: `${host}/api/v2` },
    ];
    expect(preview.environments).toEqual([
      {
        name: 'local',
        variables: [
          { name: 'host', value: 'http://localhost:8080' },
          { name: 'token', value: { secret: true, value: 'dev-token' } },
          { name: 'password', value: { secret: true, value: 'dev' } },
          ...fileVariables('http://localhost:8080'),
        ],
      },
      {
        name: 'production',
        variables: [
          { name: 'host', value: 'https://demo.example.com' },
          { name: 'token', value: { secret: true, value: 'prod-9f8e7d' } },
          { name: 'password', value: { secret: true, value: 'pr0d-pw' } },
          ...fileVariables('https://demo.example.com'),
        ],
      },
    ]);
    expect(preview.neededVariables).toEqual([{ name: 'OPENAI_API_KEY', secret: true }]);
    expect(preview.warnings).toEqual([
      "HTTP Client response handlers are not run: 'login' has one",
      "Bodies read from a file cannot be imported, so the body was left out: 'Upload' has one",
      "{{$guid}} is a generated value SSE Scope does not make, so it is sent as written: 'chat' uses it",
      "Values read from another request's response ({{login.response.body.$.token}}) are not filled in: 'Session feed' uses one",
    ]);
  });
});

test('a .http file alone: its variables become an environment named after it', async () => {
  const preview = await previewImport({ kind: 'files', files: fixtureFiles('http/sse-demo.http') });
  expect(preview.environments).toEqual([
    {
      name: 'sse-demo.http',
      variables: [
        { name: 'apiVersion', value: 'v2' },
        { name: 'baseUrl', value: '{{host}}/api/v2' },
      ],
    },
  ]);
  expect(preview.neededVariables).toEqual([
    { name: 'token', secret: true },
    { name: 'password', secret: true },
    { name: 'OPENAI_API_KEY', secret: true },
  ]);
  expect(preview.warnings).toContain(
    "The variable {{baseUrl}} of 'sse-demo.http' refers to {{host}}, which the environment does not define; it is sent as written.",
  );
});

test('pasted requests without a file name are recognised by their request line', async () => {
  const text = fixtureText('http/sse-demo.http').split('\n').slice(3).join('\n'); // no comment or variables first
  const preview = await previewImport({ kind: 'text', text });
  expect(preview.sources).toEqual([{ name: 'Pasted text', format: 'http-file' }]);
  expect(preview.connections[0]).toMatchObject({ name: 'Live prices', folder: '' });
});
