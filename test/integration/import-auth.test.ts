// The auth another tool sets, imported as the connection's Auth section, reaches a real local
// server as that tool would send it: a Postman collection's inherited Bearer token (a variable of
// the environment file), a folder's Basic auth with a literal password, and a curl command's -u.

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSource } from '../../main/contract.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventsStored, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';
import { fixtureText } from '../unit/config/import-fixtures.ts';

let app: Harness;
let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  for (const path of ['/api/prices/stream', '/api/replay/42', '/feed']) {
    server.route(path, (_req, res) => {
      startSse(res);
      res.end('data: ok\n\n');
    });
  }
  app = await startHarness({ cipher: fakeKeychainCipher() });
});
afterEach(async () => {
  await app.stop();
  await server.close();
});
afterAll(removeTempFolders);

/** Starts a saved connection (a request, such as the POST, by Send) and waits for its one event; answers the Authorization the server got. */
async function authorizationSentBy(connectionId: string, path: string): Promise<string | undefined> {
  const view = await app.call('sessions:open', { connectionId });
  if (view.kind === 'request') await app.call('sessions:send', { sessionId: view.id });
  await eventsStored(app, view.id, 1);
  return server.requests.findLast((request) => request.path === path)?.headers.authorization;
}

describe('auth brought over from another tool', () => {
  it("a Postman collection's Bearer and Basic auth are sent as Postman sends them", async () => {
    // The user's own environment file, pointed at the local server.
    const environment = JSON.parse(fixtureText('postman/staging.postman_environment.json')) as {
      name: string;
      values: { key: string; value: string }[];
    };
    environment.name = 'Local';
    environment.values.find((value) => value.key === 'baseUrl')!.value = `${server.url}/api`;
    const source: ImportSource = {
      kind: 'files',
      files: [
        { path: 'sse-demo.postman_collection.json', text: fixtureText('postman/sse-demo.postman_collection.json') },
        { path: 'local.postman_environment.json', text: JSON.stringify(environment) },
      ],
    };
    const summary = await app.call('connections:import', { source });
    await app.call('environments:activate', { id: summary.environments[0]!.id });
    const byName = (name: string) => summary.connections.find((connection) => connection.name === name)!;

    // The Auth section holds the variable; the secret password is stored sealed.
    expect(byName('Live prices').auth).toEqual({ type: 'bearer', token: '{{apiKey}}' });
    expect(byName('Replay a stream').auth).toMatchObject({ type: 'basic', username: 'admin', password: { secret: true } });
    expect(JSON.stringify(summary)).not.toContain('s3cret-admin');

    expect(await authorizationSentBy(byName('Live prices').id, '/api/prices/stream')).toBe('Bearer stg-key-7f3a');
    expect(await authorizationSentBy(byName('Replay a stream').id, '/api/replay/42')).toBe(
      `Basic ${Buffer.from('admin:s3cret-admin').toString('base64')}`,
    );
  });

  it("a curl command's -u made of shell variables is encoded once the variables are filled in", async () => {
    const summary = await app.call('connections:import', {
      source: { kind: 'text', text: `curl -N -u "$USER_NAME:$PASSWORD" ${server.url}/feed` },
      variables: {
        target: { newEnvironment: 'Feed' },
        variables: [
          { name: 'USER_NAME', value: 'ann', secret: false },
          { name: 'PASSWORD', value: 'pä55', secret: true },
        ],
      },
    });
    await app.call('environments:activate', { id: summary.variablesEnvironment!.id });
    expect(summary.connections[0]!.auth).toEqual({ type: 'basic', username: '{{USER_NAME}}', password: '{{PASSWORD}}' });
    expect(await authorizationSentBy(summary.connections[0]!.id, '/feed')).toBe(`Basic ${Buffer.from('ann:pä55').toString('base64')}`);
  });
});
