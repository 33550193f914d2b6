// The Auth section and "Copy as cURL" through the app core, against a real local SSE server: what
// the server receives when a connection with auth starts, that the session's shown URL and the
// masked copy never carry the secret, that the copied curl command, run by a shell, sends the
// request the app sends, and that a settings change reaches every view.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../main/core/config/secrets.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { CommandFailure, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { waitFor } from '../helpers/session-harness.ts';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';

let server: FixtureServer;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness();
  // Browser mode has no keychain: secrets are kept only with the user's consent.
  await app.call('settings:update', { storeSecretsUnencrypted: true });
  const env = await app.call('environments:save', {
    environment: { name: 'Staging', variables: [{ name: 'token', value: { secret: true, value: 'sk-staging-7' } }] },
  });
  await app.call('environments:activate', { id: env.id });
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

describe('auth', () => {
  it('sends Bearer with the active environment’s token, and the session shows the URL without it', async () => {
    const saved = await app.call('connections:save', {
      connection: { name: 'Feed', url: `${server.url}/counter?count=1`, auth: { type: 'bearer', token: '{{token}}' } },
    });
    await app.call('sessions:open', { connectionId: saved.id });
    await waitFor(() => server.requests.length === 1, 'the request');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-staging-7');
  });

  it('puts an API key in the query string; the session’s URL masks it', async () => {
    const saved = await app.call('connections:save', {
      connection: {
        name: 'Feed',
        url: `${server.url}/counter?count=1`,
        auth: { type: 'apiKey', name: 'api_key', value: { secret: true, value: 'k-99' }, in: 'query' },
      },
    });
    const view = await app.call('sessions:open', { connectionId: saved.id });
    await waitFor(() => server.requests.length === 1, 'the request');
    expect(server.requests[0]!.target).toBe('/counter?count=1&api_key=k-99');
    expect(view.url).toBe(`${server.url}/counter?count=1&api_key=${REDACTED}`);
  });

  it('refuses to start when a header sets Authorization too, saying which', async () => {
    const saved = await app.call('connections:save', {
      connection: {
        name: 'Feed',
        url: `${server.url}/counter`,
        headers: [{ name: 'Authorization', value: 'Bearer old' }],
        auth: { type: 'bearer', token: 'new' },
      },
    });
    await expect(app.call('sessions:open', { connectionId: saved.id })).rejects.toThrow(
      'The Auth section sets Authorization, and so does the header Authorization: turn one of them off',
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('copy as', () => {
  async function chat() {
    return app.call('connections:save', {
      connection: {
        name: 'Chat',
        url: `${server.url}/counter?count=2`,
        method: 'POST',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body: '{"prompt": "it\'s $HOME"}',
        auth: { type: 'basic', username: 'ann', password: '{{token}}' },
      },
    });
  }

  it.skipIf(!existsSync(CURL))('the curl command, run by a shell, sends what the app sends', async () => {
    const saved = await chat();
    const text = await app.call('connections:copy-as', { id: saved.id, format: 'curl', maskSecrets: false });
    const { stdout } = await run('/bin/sh', ['-c', text]);
    expect(stdout).toBe('id: 1\ndata: 1\n\nid: 2\ndata: 2\n\n');

    // A POST with a body is a request: opening it sends nothing, Send sends it.
    const session = await app.call('sessions:open', { connectionId: saved.id });
    await app.call('sessions:send', { sessionId: session.id });
    await waitFor(() => server.requests.length === 2, 'the app’s request');
    const [fromCurl, fromApp] = server.requests;
    const sent = (request: typeof fromApp) => ({
      method: request!.method,
      target: request!.target,
      body: request!.body,
      authorization: request!.headers.authorization,
      accept: request!.headers.accept,
      contentType: request!.headers['content-type'],
    });
    expect(sent(fromCurl)).toEqual(sent(fromApp));
    expect(fromCurl!.headers.authorization).toBe(`Basic ${Buffer.from('ann:sk-staging-7').toString('base64')}`);
  });

  it('with secrets masked, the secret is nowhere in the text', async () => {
    const saved = await chat();
    const text = await app.call('connections:copy-as', { id: saved.id, format: 'fetch', maskSecrets: true });
    expect(text).toContain(`"Authorization": "Basic ${REDACTED}"`);
    expect(text).not.toContain(Buffer.from('ann:sk-staging-7').toString('base64'));
    expect(text).not.toContain('sk-staging-7');
  });

  it('says why a connection that cannot start cannot be copied', async () => {
    const saved = await app.call('connections:save', { connection: { name: 'Feed', url: '{{baseUrl}}/stream' } });
    const failure = await app
      .call('connections:copy-as', { id: saved.id, format: 'curl', maskSecrets: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).message).toBe(
      'Cannot start "Feed": Unknown variable {{baseUrl}} in the URL (not in environment "Staging")',
    );
  });
});

describe('settings', () => {
  it('a change is pushed to every view, the theme with it', async () => {
    expect((await app.call('settings:get', undefined)).theme).toBe('system');
    await app.call('settings:update', { theme: 'dark' });
    expect(app.pushes.of('settings:changed').at(-1)).toMatchObject({ theme: 'dark', storeSecretsUnencrypted: true });
  });
});
