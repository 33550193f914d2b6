// "Copy as cURL" and "Copy as fetch": the text sends what the app sends. The cURL command reads
// back through our curl import as the same connection, and run by bash with the real curl it
// reaches a local server with the same method, URL, headers and body as the app's own request;
// the fetch snippet, run as it is, does too. Secrets show only when the user asks.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConnectionInput } from '../../main/common/config-schema.ts';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { copyAsCurl, copyAsFetch } from '../../main/core/config/copy-as.ts';
import { importCurl } from '../../main/core/config/curl-import.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { removeTempFolders, startHarness } from '../helpers/app-core-harness.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSession } from '../helpers/session-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

const run = promisify(execFile);
const hasCurl = await run('bash', ['-c', 'command -v curl']).then(
  () => true,
  () => false,
);

let server: FixtureServer;
let dir: string;
/** Each request's full URL (path and query), as the server saw it. */
let urls: string[];
beforeEach(async () => {
  server = await startFixtureServer();
  urls = [];
  server.route('/copy', (req, res) => {
    urls.push(req.url!);
    startSse(res);
    res.end('data: ok\n\n');
  });
  dir = mkdtempSync(join(tmpdir(), 'sse-scope-copy-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(removeTempFolders);

const TOKEN = 'sk-live-7Hq2';
/** A body bash would mangle if it were quoted carelessly: quotes, $, !, a backslash, a line break, non-ASCII. */
const BODY = `{"prompt":"it's $HOME! \\"quoted\\" \`pwd\` \\\\ back","note":"line 1\\nline 2","city":"Zürich 😀"}`;

function connection(url: string): ConnectionInput {
  return {
    name: 'Chat',
    url: `${url}/copy?model=demo-1&q=a%20b`,
    method: 'POST',
    headers: [
      { name: 'Accept', value: 'text/event-stream' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: { secret: true, value: `Bearer ${TOKEN}` } },
      { name: 'X-Trace', value: "o'brien & co" },
    ],
    body: BODY,
    lastEventId: '41',
    timeouts: { connectMs: 5000 },
  };
}

async function resolved(input: ConnectionInput) {
  const { store } = ConfigStore.open(dir, fakeKeychainCipher());
  return store.resolve((await store.createConnection(input)).id);
}

/** The headers two requests should agree on: all but what each HTTP client adds for itself. */
function comparable(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const own = ['host', 'connection', 'user-agent', 'accept-encoding', 'accept-language', 'sec-fetch-mode', 'content-length'];
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !own.includes(name)));
}

describe('Copy as cURL', () => {
  test('reads back through the curl import as the same connection', async () => {
    const input = connection('http://127.0.0.1:9');
    const text = copyAsCurl((await resolved(input)).request);
    const back = importCurl(text);
    expect(back.warnings).toEqual([]);
    expect(back.connection).toMatchObject({
      url: input.url,
      method: 'POST',
      body: BODY,
      lastEventId: '41',
      timeouts: { connectMs: 5000 },
    });
    // The session's own default (Cache-Control) is written out, so the command sends what the app sends.
    expect(back.connection.headers).toEqual([
      { name: 'Cache-Control', value: 'no-cache', enabled: true },
      { name: 'Accept', value: 'text/event-stream', enabled: true },
      { name: 'Content-Type', value: 'application/json', enabled: true },
      { name: 'X-Trace', value: "o'brien & co", enabled: true },
    ]);
    // Its Bearer header comes back as the Auth section, the token a secret.
    expect(back.connection.auth).toEqual({ type: 'bearer', token: { secret: true, value: TOKEN } });
  });

  test('is written as browsers write it: one option a line, single quotes where needed', async () => {
    const text = copyAsCurl((await resolved({ name: 'Feed', url: 'https://feed.test/events?topic=a', tls: { insecure: true } })).request);
    expect(text).toBe(
      ["curl -N 'https://feed.test/events?topic=a'", "-H 'Accept: text/event-stream'", "-H 'Cache-Control: no-cache'", '-k'].join(
        ' \\\n  ',
      ),
    );
  });

  test.skipIf(!hasCurl)('run by bash with the real curl, it sends what the app sends (skipped where curl is not installed)', async () => {
    const { request } = await resolved(connection(server.url));
    const session = startSession({ ...request, reconnect: { ...request.reconnect, enabled: false }, fetch: createNodeFetch(request.tls) });
    await session.closed();
    await run('bash', ['-c', `${copyAsCurl(request)} --silent --output /dev/null`]);

    const [app, curl] = server.requests;
    expect(curl!.method).toBe(app!.method);
    expect(urls[1]).toBe(urls[0]);
    expect(curl!.body).toBe(BODY);
    expect(app!.body).toBe(BODY);
    expect(comparable(curl!.headers)).toEqual(comparable(app!.headers));
    expect(curl!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('Copy as fetch', () => {
  test('the snippet, run as it is, sends what the app sends', async () => {
    const { request } = await resolved(connection(server.url));
    const session = startSession({ ...request, reconnect: { ...request.reconnect, enabled: false }, fetch: createNodeFetch(request.tls) });
    await session.closed();

    const snippet = copyAsFetch(request);
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (f: typeof fetch) => Promise<string>;
    expect(await new AsyncFunction('fetch', `${snippet}\nreturn response.text();`)(fetch)).toBe('data: ok\n\n');

    const [app, copied] = server.requests;
    expect(copied!.method).toBe('POST');
    expect(urls[1]).toBe(urls[0]);
    expect(copied!.body).toBe(BODY);
    expect(comparable(copied!.headers)).toEqual(comparable(app!.headers));
  });

  test('a JSON body is written as an object to edit; what fetch cannot do is said in a comment', async () => {
    const text = copyAsFetch(
      (await resolved({ name: 'LLM', url: 'https://llm.test/v1/chat', method: 'POST', body: '{"stream":true}', tls: { insecure: true } }))
        .request,
    );
    expect(text).toBe(
      [
        '// The connection skips TLS certificate checks; fetch cannot, so this fails on a certificate it does not trust.',
        'const response = await fetch("https://llm.test/v1/chat", {',
        '  method: "POST",',
        '  headers: {',
        '    "Accept": "text/event-stream",',
        '    "Cache-Control": "no-cache",',
        '    "Content-Type": "text/plain;charset=UTF-8"',
        '  },',
        '  body: JSON.stringify({',
        '    "stream": true',
        '  }),',
        '});',
      ].join('\n'),
    );
  });
});

test('connections:copy-as fills in the active environment and masks secrets unless asked', async () => {
  const app = await startHarness({ cipher: fakeKeychainCipher() });
  try {
    const env = await app.call('environments:save', {
      environment: {
        name: 'Prod',
        variables: [
          { name: 'baseUrl', value: 'https://api.test' },
          { name: 'token', value: { secret: true, value: TOKEN } },
        ],
      },
    });
    await app.call('environments:activate', { id: env.id });
    const saved = await app.call('connections:save', {
      connection: { name: 'Feed', url: '{{baseUrl}}/feed', headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }] },
    });

    const masked = await app.call('connections:copy-as', { id: saved.id, format: 'curl', maskSecrets: true });
    expect(masked).toContain('curl -N https://api.test/feed');
    expect(masked).toContain("-H 'Authorization: Bearer ••••'");
    expect(masked).not.toContain(TOKEN);
    const shown = await app.call('connections:copy-as', { id: saved.id, format: 'fetch', maskSecrets: false });
    expect(shown).toContain(`"Authorization": "Bearer ${TOKEN}"`);

    // With no environment, the variable is unknown: the user is told which.
    await expect(
      app.call('connections:copy-as', { id: saved.id, format: 'curl', maskSecrets: true, environmentId: null }),
    ).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('Unknown variable {{baseUrl}} in the URL (no environment is active)'),
    });
    expect((await app.raw('connections:copy-as', { id: saved.id, format: 'wget', maskSecrets: true })).ok).toBe(false);
  } finally {
    await app.stop();
  }
});
