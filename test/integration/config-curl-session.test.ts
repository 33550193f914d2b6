// The whole path a user takes: paste a browser's curl command, save it, point it at an
// environment's {{baseUrl}}, and connect. A real local server sees the decrypted credentials and
// the exact body; an unknown variable stops the connection before any request is made.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { importCurl } from '../../main/core/config/curl-import.ts';
import { ResolveError } from '../../main/core/config/variables.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSession } from '../helpers/session-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let server: FixtureServer;
let dir: string;
beforeEach(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'sse-scope-curl-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const CHROME_COPY = String.raw`curl 'https://api.openai.com/v1/chat/completions' \
  -H 'accept: text/event-stream' \
  -H 'authorization: Bearer sk-proj-abc123' \
  -H 'content-type: application/json' \
  -b 'session=s%3Aabc' \
  --data-raw $'{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"What\'s up\u0021"}]}'`;

test('an imported Chrome command, pointed at {{baseUrl}}, streams from a real server', async () => {
  server.route('/v1/chat/completions', (req, res, body) => {
    if (req.headers.authorization !== 'Bearer sk-proj-abc123' || req.headers.cookie !== 'session=s%3Aabc') {
      res.writeHead(401).end();
      return;
    }
    startSse(res);
    const { messages } = JSON.parse(body) as { messages: { content: string }[] };
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: messages[0]!.content } }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  });

  const { store } = ConfigStore.open(dir, fakeKeychainCipher());
  const imported = importCurl(CHROME_COPY);
  const saved = await store.createConnection({ ...imported.connection, url: '{{baseUrl}}/v1/chat/completions' });
  // A command with data is a POST: saved as a request, which is sent once (below, it ends with the stream).
  expect(saved).toMatchObject({ kind: 'request', llmFormat: 'openai-chat' });
  expect((await store.createConnection(importCurl(`curl ${server.url}/events`).connection)).kind).toBe('feed');
  const env = await store.createEnvironment({ name: 'Local', variables: [{ name: 'baseUrl', value: server.url }] });
  await store.setActiveEnvironment(env.id);

  // Reopened, as after a restart: the secrets come back from the file.
  const { request } = ConfigStore.open(dir, fakeKeychainCipher()).store.resolve(saved.id);
  const session = startSession({ ...request, fetch: createNodeFetch(request.tls) });
  await session.closed();

  expect(session.events().map((e) => e.data)).toEqual([JSON.stringify({ choices: [{ delta: { content: "What's up!" } }] }), '[DONE]']);
  const received = server.requests.at(-1)!;
  expect(received.method).toBe('POST');
  expect(received.headers['content-type']).toBe('application/json');
  expect(received.headers.accept).toBe('text/event-stream');
  expect(JSON.parse(received.body)).toEqual({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: "What's up!" }] });
});

test('an unknown variable is an error before connecting: nothing reaches the server', async () => {
  const { store } = ConfigStore.open(dir, fakeKeychainCipher());
  const saved = await store.createConnection({
    name: 'Feed',
    url: `${server.url}/echo`,
    headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
  });
  expect(() => store.resolve(saved.id)).toThrow(ResolveError);
  expect(() => store.resolve(saved.id)).toThrow('Unknown variable {{token}} in header Authorization (no environment is active)');
  expect(server.requests).toEqual([]);
});
