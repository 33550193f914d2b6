// The desktop app's app:// protocol (main/electron/app-protocol.ts), with real Request and Response
// objects against a real renderer folder: it serves the built renderer's files with the page's
// Content-Security-Policy, and nothing else: no path out of the folder (however it is spelled),
// no symlink out, no folder, no other host, no method but GET and HEAD.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../main/electron/app-protocol.ts';

const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const SECRET = 'root:x:0:0:do-not-serve';

let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sse-scope-app-protocol-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(
    join(renderer, 'index.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}"><div id="app"></div>`,
  );
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("the renderer");\n');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'linked.txt'));
  handle = await createAppProtocolHandler(renderer);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app://', () => {
  it('is a standard, secure scheme, so the page has an origin and relative URLs resolve', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_INDEX_URL).toBe('app://renderer/index.html');
  });

  it('serves the page with its policy as a header, and the assets with their types', async () => {
    for (const url of [APP_INDEX_URL, 'app://renderer/', 'app://renderer/index.html?x=1#tab']) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('<div id="app">');
    }
    const script = await get('app://renderer/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("the renderer");\n');
    const head = await get('app://renderer/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses every way out of the renderer folder', async () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets/..%2F..%2Fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/%252e%252e/secret.txt',
      'app://renderer/assets/linked.txt',
      'app://renderer/assets/',
      'app://renderer/assets',
      'app://renderer/missing.js',
      'app://renderer/index.html%00.js',
      'app://elsewhere/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    expect((await get(APP_INDEX_URL, 'PUT')).status).toBe(405);
  });
});
