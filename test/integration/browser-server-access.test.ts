// Who may reach browser mode, against a real server on 127.0.0.1: the WebSocket needs the token,
// the page's own Origin and a loopback Host; plain HTTP needs the loopback Host too; static files
// come only from the renderer folder, with the page's CSP; close() leaves nothing listening.

import { readFile, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserServer } from '../../main/server/browser-server.ts';
import { DEFAULT_CSP, headerCsp, metaCspOf, RendererMissingError } from '../../main/core/renderer-files.ts';
import {
  APP_JS,
  INDEX_HTML,
  PAGE_CSP,
  SECRET_TEXT,
  startTestServer,
  TestClient,
  tryConnect,
  wsUrl,
  type Refusal,
  type Started,
} from './browser-server-fixture.ts';

let started: Started | undefined;
const start = async () => (started = await startTestServer());
afterEach(async () => {
  await started?.close();
  started = undefined;
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path goes out exactly as written (no URL normalisation). */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const refused = (outcome: WebSocket | Refusal): Refusal => {
  if (outcome instanceof WebSocket) {
    outcome.terminate();
    throw new Error('the upgrade was accepted');
  }
  return outcome;
};

test('the WebSocket refuses a missing or wrong token, and accepts the right one', async () => {
  const s = await start();
  const missing = refused(await tryConnect(wsUrl(s, null), { origin: s.origin }));
  expect(missing.status).toBe(403);
  expect(missing.body).toMatch(/access token/);
  const wrong = refused(await tryConnect(wsUrl(s, `${s.server.token.slice(0, -1)}x`), { origin: s.origin }));
  expect(wrong.status).toBe(403);
  const short = refused(await tryConnect(wsUrl(s, 'x'), { origin: s.origin }));
  expect(short.status).toBe(403);
  expect(s.server.clientCount()).toBe(0);

  const client = await TestClient.open(s);
  expect(s.server.clientCount()).toBe(1);
  expect(await client.call('sessions:list')).toMatchObject({ ok: true, value: [{ id: 's1' }] });
  client.close();
});

test('the WebSocket refuses any Origin but the page its own server serves', async () => {
  const s = await start();
  const port = s.server.port;
  for (const origin of [
    undefined,
    'http://evil.example',
    'null',
    `http://127.0.0.1:${port + 1}`,
    `https://127.0.0.1:${port}`,
    `http://127.0.0.1.evil.example:${port}`,
  ]) {
    const refusal = refused(await tryConnect(wsUrl(s), origin === undefined ? {} : { origin }));
    expect(refusal.status, `origin ${origin}`).toBe(403);
    expect(refusal.body).toMatch(/Only the SSE Scope page itself/);
  }
  for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
    const ws = await tryConnect(wsUrl(s), { origin });
    expect(ws, `origin ${origin}`).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  }
  expect(s.core.calls).toEqual([]);
});

test('a Host other than 127.0.0.1 or localhost on this port is refused (DNS rebinding), on WebSocket and HTTP', async () => {
  const s = await start();
  const port = s.server.port;
  const ws = refused(await tryConnect(wsUrl(s), { origin: s.origin, headers: { host: `evil.example:${port}` } }));
  expect(ws.status).toBe(421);
  expect(ws.body).toMatch(/evil\.example/);

  for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost', `127.0.0.1.nip.io:${port}`]) {
    const answer = await get(port, '/', { host });
    expect(answer.status, `host ${host}`).toBe(421);
    expect(answer.body).not.toContain('<html');
  }
  expect((await get(port, '/', { host: `localhost:${port}` })).status).toBe(200);
  expect((await get(port, '/', { host: `127.0.0.1:${port}` })).status).toBe(200);
});

test('the WebSocket lives at /ws only', async () => {
  const s = await start();
  const refusal = refused(await tryConnect(`ws://127.0.0.1:${s.server.port}/other?token=${s.server.token}`, { origin: s.origin }));
  expect(refusal.status).toBe(404);
});

test('static files come with their content type, the page CSP and nosniff; only GET and HEAD', async () => {
  const s = await start();
  const port = s.server.port;
  const page = await get(port, '/?token=anything');
  expect(page.status).toBe(200);
  expect(page.body).toBe(INDEX_HTML);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
  expect(page.headers['x-content-type-options']).toBe('nosniff');
  expect(page.headers['referrer-policy']).toBe('no-referrer');

  const script = await get(port, '/assets/app.js');
  expect(script).toMatchObject({ status: 200, body: APP_JS });
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(script.headers['content-security-policy']).toBe(PAGE_CSP);
  expect((await get(port, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');

  const head = await get(port, '/assets/app.js', { method: 'HEAD' });
  expect(head).toMatchObject({ status: 200, body: '' });
  expect(head.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));

  const post = await get(port, '/', { method: 'POST' });
  expect(post.status).toBe(405);
  expect(post.headers.allow).toBe('GET, HEAD');
  expect((await get(port, '/assets')).status).toBe(404); // no folder listing
  expect((await get(port, '/assets/')).status).toBe(404);
  expect((await get(port, '/missing.js')).status).toBe(404);
});

test('no path leads out of the renderer folder: dot segments, encoded, backslashes, symlinks', async () => {
  const s = await start();
  await symlink(join(s.folder.root, 'secret.txt'), join(s.folder.rendererDir, 'assets', 'link.txt'));
  const attempts = [
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..%00/secret.txt',
    '/%E0%A4%A',
    '/assets/link.txt',
    `/${join(s.folder.root, 'secret.txt')}`,
  ];
  for (const path of attempts) {
    const answer = await get(s.server.port, path);
    expect(answer.body, path).not.toContain('do-not-serve');
    expect(answer.body, path).not.toMatch(/^root:/m);
    expect([400, 404], path).toContain(answer.status);
  }
  expect(SECRET_TEXT).toContain('do-not-serve');
});

test('close() drops every page and leaves nothing listening', async () => {
  const s = await start();
  const a = await TestClient.open(s);
  const b = await TestClient.open(s);
  const port = s.server.port;
  await s.server.close();
  expect((await a.closed).code).toBe(1001);
  expect((await b.closed).code).toBe(1001);
  expect(s.server.clientCount()).toBe(0);
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', resolve);
  });
  expect(error?.code).toBe('ECONNREFUSED');
});

test('a missing renderer build says to run npm run build', async () => {
  const start = startBrowserServer({
    rendererDir: '/nonexistent/sse-scope/renderer',
    dispatch: async () => ({ ok: true, value: undefined as never }),
  });
  await expect(start).rejects.toBeInstanceOf(RendererMissingError);
  await expect(start).rejects.toThrow(/npm run build/);
});

test("the fallback CSP is renderer/index.html's own", async () => {
  const html = await readFile(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
  expect(metaCspOf(html)).toBe(DEFAULT_CSP);
});

test('the CSP header forbids framing the page, which a meta tag cannot say', () => {
  expect(headerCsp(DEFAULT_CSP)).toBe(`${DEFAULT_CSP}; frame-ancestors 'none'`);
  expect(headerCsp("default-src 'self'; frame-ancestors 'none'")).toBe("default-src 'self'; frame-ancestors 'none'");
});
