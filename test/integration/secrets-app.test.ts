// Secrets by value through the app core, against a real local server that echoes what it was
// sent: a secret variable in the URL query, a header marked secret and URL credentials never reach
// the capture file, its meta file, any export format, the records and views the app serves, or its
// pushes; an export the user asks to be unredacted has them; every file is owner-only; and a
// cross-origin redirect drops every header the user marked secret.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { EXPORT_FORMAT_NAMES, type SessionView } from '../../main/contract.ts';
import { capturesDirOf } from '../../main/core/app-paths.ts';
import { REDACTED } from '../../main/core/export/redact-secrets.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventually, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

const QUERY_TOKEN = 'tok-Q7queryvalue';
const HEADER_KEY = 'key-Z9headervalue';
const PASSWORD = 'pw-U5userinfovalue';
const COOKIE = 'ck-R3cookievalue';
const SECRETS = [QUERY_TOKEN, HEADER_KEY, PASSWORD, COOKIE];

let server: FixtureServer;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  // Echoes the secrets it was sent: in an event, a comment and the next event's id, with a cookie.
  server.route('/secret-feed', (req, res) => {
    const token = new URL(req.url!, 'http://x').searchParams.get('token');
    startSse(res, { 'set-cookie': `sid=${COOKIE}; Path=/; HttpOnly` });
    res.write(`data: {"token":"${token}","key":"${String(req.headers['x-api-key'])}"}\n\n`);
    res.write(`: your key is ${String(req.headers['x-api-key'])}\n`);
    res.end(`id: ${token}\ndata: again ${COOKIE}\n\n`);
  });
  app = await startHarness({ cipher: fakeKeychainCipher() });
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

async function useSecretEnvironment(): Promise<void> {
  const env = await app.call('environments:save', {
    environment: { name: 'Prod', variables: [{ name: 'token', value: { secret: true, value: QUERY_TOKEN } }] },
  });
  await app.call('environments:activate', { id: env.id });
}

/** Saves a connection, opens it, and waits until its session has closed. */
async function runToEnd(name: string, url: string, headers: { name: string; value: string | { secret: true; value: string } }[] = []) {
  const connection = await app.call('connections:save', { connection: { name, url, headers, reconnect: { enabled: false } } });
  const opened = await app.call('sessions:open', { connectionId: connection.id });
  let view: SessionView | undefined;
  await eventually(async () => {
    view = (await app.call('sessions:list', undefined)).find((candidate) => candidate.id === opened.id);
    return view?.status === 'closed';
  }, `session ${name} closed`);
  return view!;
}

function expectNoSecrets(text: string, where: string): void {
  for (const secret of SECRETS) expect(text, `${where} holds ${secret}`).not.toContain(secret);
}

async function mode(path: string): Promise<string> {
  return ((await stat(path)).mode & 0o777).toString(8);
}

test('a secret variable in the query, a secret header and a cookie are masked everywhere the app keeps or shows them', async () => {
  await useSecretEnvironment();
  const view = await runToEnd('Secret feed', `${server.url}/secret-feed?token={{token}}&plain=visible`, [
    { name: 'X-Api-Key', value: { secret: true, value: HEADER_KEY } },
  ]);
  // The server did receive the secrets: the request went out as the user set it up.
  const sent = server.requests.find((request) => request.path === '/secret-feed')!;
  expect(sent.headers['x-api-key']).toBe(HEADER_KEY);

  const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 });
  expect(records.map((record) => record.kind)).toEqual(['open', 'event', 'comment', 'event', 'closed']);
  expectNoSecrets(JSON.stringify(records), 'the records served');
  expect(records[0]).toMatchObject({ kind: 'open', url: `${server.url}/secret-feed?token=${REDACTED}&plain=visible` });
  expect(records[1]).toMatchObject({ data: `{"token":"${REDACTED}","key":"${REDACTED}"}` });
  expectNoSecrets(JSON.stringify(app.pushes.all), 'the pushes');
  expectNoSecrets(JSON.stringify(await app.call('sessions:list', undefined)), 'the session views');
  expectNoSecrets(JSON.stringify(await app.call('captures:list', undefined)), 'the capture list');

  const folder = capturesDirOf(app.dataDir);
  for (const file of await readdir(folder)) {
    expectNoSecrets(await readFile(join(folder, file), 'utf8'), file);
    expect(await mode(join(folder, file)), file).toBe('600');
  }

  for (const format of EXPORT_FORMAT_NAMES) {
    const outcome = await app.call('export:session', { sessionId: view.id, exportId: `e-${format}`, format, scope: { kind: 'all' } });
    if (outcome.status !== 'saved') throw new Error(`export ${format}: ${outcome.status}`);
    expectNoSecrets(await readFile(outcome.path, 'utf8'), `the ${format} export`);
    expect(await mode(outcome.path), `the ${format} export`).toBe('600');
  }

  // Asked for, an export has the records exactly as they arrived.
  const unredacted = await app.call('export:session', {
    sessionId: view.id,
    exportId: 'e-all',
    format: 'ndjson',
    scope: { kind: 'all' },
    includeSecrets: true,
  });
  if (unredacted.status !== 'saved') throw new Error(`unredacted export: ${unredacted.status}`);
  const text = await readFile(unredacted.path, 'utf8');
  for (const secret of [QUERY_TOKEN, HEADER_KEY, COOKIE]) expect(text).toContain(secret);
  expect(await mode(unredacted.path)).toBe('600');
});

test('URL credentials are masked in the error record, the session view and the capture', async () => {
  const view = await runToEnd('With credentials', `${server.url.replace('http://', `http://ann:${PASSWORD}@`)}/secret-feed`);
  const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 });
  expect(records[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('credentials') });
  expectNoSecrets(JSON.stringify(records), 'the records served');
  expectNoSecrets(JSON.stringify(view), 'the session view');
  // The saved connection keeps its URL as the user typed it (its editor shows it); everything a
  // session made of it is masked.
  const sessionPushes = app.pushes.all.filter((push) => push.name !== 'connections:changed');
  expectNoSecrets(JSON.stringify(sessionPushes), 'the session pushes');
  const folder = capturesDirOf(app.dataDir);
  for (const file of await readdir(folder)) expectNoSecrets(await readFile(join(folder, file), 'utf8'), file);
});

test('a cross-origin redirect drops every header marked secret; a same-origin one keeps them', async () => {
  const other = await startFixtureServer();
  try {
    const headers = [
      { name: 'X-Api-Key', value: { secret: true as const, value: HEADER_KEY } },
      { name: 'X-Tenant', value: { secret: true as const, value: 'tenant-secret-42' } },
      { name: 'X-Trace', value: 'trace-1' },
    ];
    await runToEnd('Same origin', `${server.url}/redirect?status=307&location=/echo`, headers);
    await runToEnd('Cross origin', `${server.url}/redirect?status=307&location=${encodeURIComponent(`${other.url}/echo`)}`, headers);

    const same = server.requests.find((request) => request.path === '/echo')!.headers;
    expect(same).toMatchObject({ 'x-api-key': HEADER_KEY, 'x-tenant': 'tenant-secret-42', 'x-trace': 'trace-1' });
    expect(other.requests).toHaveLength(1);
    const cross = other.requests[0]!.headers;
    expect(cross).not.toHaveProperty('x-api-key');
    expect(cross).not.toHaveProperty('x-tenant');
    expect(cross['x-trace']).toBe('trace-1');
  } finally {
    await other.close();
  }
});

test('a capture reopened from disk has no secrets to export, and an unredacted export says so', async () => {
  await useSecretEnvironment();
  const view = await runToEnd('Secret feed', `${server.url}/secret-feed?token={{token}}`, [
    { name: 'X-Api-Key', value: { secret: true, value: HEADER_KEY } },
  ]);
  await app.call('sessions:dispose', { sessionId: view.id });
  const reopened = await app.call('captures:open', { captureId: view.captureId! });
  const outcome = await app.call('export:session', {
    sessionId: reopened.id,
    exportId: 'e-reopened',
    format: 'json',
    scope: { kind: 'all' },
    includeSecrets: true,
  });
  if (outcome.status !== 'saved') throw new Error(`export: ${outcome.status}`);
  expectNoSecrets(await readFile(outcome.path, 'utf8'), 'the export of a reopened capture');
  expect(app.pushes.of('app:notice').at(-1)?.message).toContain('exported with its secrets masked');
});

test("the Auth section's credentials are masked in what a session keeps, even typed as plain text under a name that says nothing", async () => {
  const API_KEY = 'ak-W4authkeyvalue';
  const BASIC_PASSWORD = 'bp-K2basicpassword';
  server.route('/auth-echo', (req, res) => {
    startSse(res);
    const key = new URL(req.url!, 'http://x').searchParams.get('k');
    res.end(`data: key=${key} auth=${String(req.headers.authorization)}\n\n`);
  });
  const run = async (name: string, auth: object) => {
    const connection = await app.call('connections:save', {
      connection: { name, url: `${server.url}/auth-echo`, auth, reconnect: { enabled: false } } as never,
    });
    const opened = await app.call('sessions:open', { connectionId: connection.id });
    await eventually(
      async () => (await app.call('sessions:list', undefined)).find((v) => v.id === opened.id)?.status === 'closed',
      `${name} closed`,
    );
    return app.call('records:range', { sessionId: opened.id, fromSeq: 1, count: 10 });
  };
  const queryRecords = await run('Key in query', { type: 'apiKey', name: 'k', value: API_KEY, in: 'query' });
  const basicRecords = await run('Basic', { type: 'basic', username: 'ann', password: BASIC_PASSWORD });
  const encoded = Buffer.from(`ann:${BASIC_PASSWORD}`).toString('base64');
  // The server got the real credentials.
  expect(server.requests.map((request) => request.target)).toContain(`/auth-echo?k=${API_KEY}`);
  expect(server.requests.map((request) => request.headers.authorization)).toContain(`Basic ${encoded}`);
  const kept = JSON.stringify([queryRecords, basicRecords]);
  for (const secret of [API_KEY, BASIC_PASSWORD, encoded]) expect(kept).not.toContain(secret);
  const folder = capturesDirOf(app.dataDir);
  for (const file of await readdir(folder)) {
    const text = await readFile(join(folder, file), 'utf8');
    for (const secret of [API_KEY, BASIC_PASSWORD, encoded]) expect(text, file).not.toContain(secret);
  }
});
