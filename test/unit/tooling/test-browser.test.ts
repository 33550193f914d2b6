// The browser step of `npm test` (scripts/test-browser.mjs and test-browser-logic.mjs): which
// Chromium the browser tests get, when Playwright's is downloaded, and the one line printed when
// there is none. The decision runs against real files in a temp folder with the installer faked;
// the last tests run the real script against a local download mirror that drops every connection.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ENV,
  chromiumLookupPath,
  ensureTestBrowser,
  INSTALL_COMMAND,
  NO_CHROMIUM,
  SYSTEM_CHROMIUM,
  systemChromium,
} from '../../../scripts/test-browser-logic.mjs';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sse-scope-test-browser-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file at `path` under the temp folder; returns its full path. */
function file(path: string): string {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  return full;
}

/** ensureTestBrowser with real files and a fake installer that, when it succeeds, leaves `creates` behind. */
async function ensure(options: { env: NodeJS.ProcessEnv; playwright: string | undefined; installs?: boolean; creates?: string }) {
  const printed: string[] = [];
  let installs = 0;
  const browser = await ensureTestBrowser({
    env: options.env,
    exists: existsSync,
    playwrightChromium: () => options.playwright,
    install: async () => {
      installs++;
      if (options.installs && options.creates) file(options.creates);
      return options.installs ?? false;
    },
    print: (line) => printed.push(line),
  });
  return { browser, printed, installs };
}

describe('the lookup path', () => {
  it('is SSE_SCOPE_CHROMIUM when set, /usr/bin/chromium otherwise', () => {
    expect(CHROMIUM_ENV).toBe('SSE_SCOPE_CHROMIUM');
    expect(chromiumLookupPath({ SSE_SCOPE_CHROMIUM: ' /opt/chromium ' })).toBe('/opt/chromium');
    expect(chromiumLookupPath({ SSE_SCOPE_CHROMIUM: '' })).toBe(SYSTEM_CHROMIUM);
    expect(chromiumLookupPath({})).toBe('/usr/bin/chromium');
  });

  it('gives the system Chromium only when its file exists', () => {
    const chromium = file('bin/chromium');
    expect(systemChromium({ SSE_SCOPE_CHROMIUM: chromium }, existsSync)).toBe(chromium);
    expect(systemChromium({ SSE_SCOPE_CHROMIUM: join(dir, 'missing') }, existsSync)).toBeUndefined();
  });
});

describe('ensureTestBrowser', () => {
  it('uses the system Chromium, downloads nothing and prints nothing', async () => {
    const chromium = file('bin/chromium');
    const result = await ensure({ env: { SSE_SCOPE_CHROMIUM: chromium }, playwright: join(dir, 'pw/chrome') });
    expect(result.browser).toEqual({ kind: 'system', path: chromium });
    expect(result.installs).toBe(0);
    expect(result.printed).toEqual([]);
  });

  it("uses Playwright's browser when it is installed and the system has none", async () => {
    const playwright = file('pw/chrome');
    const result = await ensure({ env: { SSE_SCOPE_CHROMIUM: join(dir, 'missing') }, playwright });
    expect(result.browser).toEqual({ kind: 'playwright', path: playwright, downloaded: false });
    expect(result.installs).toBe(0);
    expect(result.printed).toEqual([]);
  });

  it("downloads Playwright's browser when there is neither, and uses it", async () => {
    const playwright = join(dir, 'pw/chrome');
    const result = await ensure({ env: { SSE_SCOPE_CHROMIUM: join(dir, 'missing') }, playwright, installs: true, creates: 'pw/chrome' });
    expect(result.installs).toBe(1);
    expect(result.browser).toEqual({ kind: 'playwright', path: playwright, downloaded: true });
    expect(result.printed).toEqual([
      `No Chromium at ${join(dir, 'missing')} and Playwright's is not installed: running \`${INSTALL_COMMAND}\` (once).`,
    ]);
  });

  it('stops with the one line that says what to install when the download fails', async () => {
    const result = await ensure({ env: { SSE_SCOPE_CHROMIUM: join(dir, 'missing') }, playwright: join(dir, 'pw/chrome'), installs: false });
    expect(result.installs).toBe(1);
    expect(result.browser).toBeUndefined();
    expect(result.printed).toHaveLength(2);
    expect(result.printed[1]).toBe(NO_CHROMIUM);
    expect(NO_CHROMIUM).toBe(
      "No Chromium for the browser tests: install it with `npx playwright install chromium` or your system's chromium package, " +
        'or set SSE_SCOPE_CHROMIUM=/path/to/chromium',
    );
  });

  it('does not trust an installer that succeeded but left no browser, nor a platform Playwright has none for', async () => {
    const env = { SSE_SCOPE_CHROMIUM: join(dir, 'missing') };
    const noFile = await ensure({ env, playwright: join(dir, 'pw/chrome'), installs: true });
    expect(noFile.browser).toBeUndefined();
    expect(noFile.printed.at(-1)).toBe(NO_CHROMIUM);
    const noPlatform = await ensure({ env, playwright: undefined, installs: true });
    expect(noPlatform.installs).toBe(1);
    expect(noPlatform.browser).toBeUndefined();
    expect(noPlatform.printed.at(-1)).toBe(NO_CHROMIUM);
  });
});

/** Runs `node scripts/test-browser.mjs`; resolves to what it printed and its exit code. */
async function runScript(env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/test-browser.mjs'], { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stdout, stderr, code };
}

describe('scripts/test-browser.mjs', () => {
  // Playwright downloads from this mirror into an empty browsers folder; the mirror drops every
  // connection, as an unreachable host does.
  let requests: number;
  let env: NodeJS.ProcessEnv;
  const mirror = createServer((req) => {
    requests++;
    req.socket.destroy();
  });
  beforeEach(async () => {
    requests = 0;
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const { DEBUG: _debug, ...inherited } = process.env;
    env = {
      ...inherited,
      PLAYWRIGHT_BROWSERS_PATH: join(dir, 'browsers'),
      PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}`,
    };
  });
  afterEach(() => new Promise<void>((resolve) => mirror.close(() => resolve())));

  it('with a system Chromium: exits 0, prints nothing, downloads nothing', async () => {
    const result = await runScript({ ...env, SSE_SCOPE_CHROMIUM: file('bin/chromium') });
    expect(result).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(requests).toBe(0);
  });

  // Playwright tries its download a few times before it gives up: seconds on a loaded machine.
  it("with none and no reachable download: tries Playwright's download, then stops with the one line", { timeout: 60_000 }, async () => {
    const missing = join(dir, 'missing/chromium');
    const result = await runScript({ ...env, SSE_SCOPE_CHROMIUM: missing });
    expect(requests).toBeGreaterThan(0);
    expect(result.stderr.split('\n')).toEqual([
      `No Chromium at ${missing} and Playwright's is not installed: running \`${INSTALL_COMMAND}\` (once).`,
      NO_CHROMIUM,
      '',
    ]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });
});
