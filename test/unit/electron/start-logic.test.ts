// `npm start` (scripts/start.mjs and scripts/start-logic.mjs): finding Electron, and what the
// user is told and offered when it is missing. The last test runs the real script.

import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  acceptsBrowserMode,
  appEntry,
  BROWSER_MODE_ENTRY,
  DETAILS_HINT,
  electronEnv,
  locateElectron,
  locationFromProbe,
  MISSING_ELECTRON_MESSAGE,
  runStart,
  SERVE_COMMAND,
} from '../../../scripts/start-logic.mjs';
import { wantsDetails } from '../../../scripts/verbose.mjs';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
/** Where Electron looks for its binary inside a dist folder: path.txt once installed, else "electron". */
const pathTxt = join(projectDir, 'node_modules', 'electron', 'path.txt');
const BINARY_IN_DIST = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron';
const INSTALL_FAILURE =
  'Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.';

describe('locateElectron', () => {
  it('finds the binary whose path require returns', () => {
    const location = locateElectron(
      () => '/p/node_modules/electron/dist/electron',
      (path) => path === '/p/node_modules/electron/dist/electron',
    );
    expect(location).toEqual({ ok: true, path: '/p/node_modules/electron/dist/electron' });
  });

  it('reports the error when requiring electron throws (binary never downloaded)', () => {
    const location = locateElectron(
      () => {
        throw new Error(INSTALL_FAILURE);
      },
      () => true,
    );
    expect(location.ok).toBe(false);
    expect(!location.ok && location.reason).toContain(INSTALL_FAILURE);
  });

  it('reports a path with no file behind it', () => {
    const location = locateElectron(
      () => '/gone/electron',
      () => false,
    );
    expect(location).toEqual({ ok: false, reason: 'there is no file at /gone/electron' });
  });

  it('does not mistake something other than a path for the binary', () => {
    expect(
      locateElectron(
        () => ({ app: {} }),
        () => true,
      ).ok,
    ).toBe(false);
    expect(
      locateElectron(
        () => '',
        () => true,
      ).ok,
    ).toBe(false);
  });
});

describe('locationFromProbe', () => {
  const STACK = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:15456:13';

  it('takes the location the child wrote', () => {
    const result = JSON.stringify({ ok: true, path: '/e/electron' });
    expect(locationFromProbe({ status: 0, result, stderr: '' })).toEqual({ ok: true, path: '/e/electron' });
  });

  it('keeps what a failed download printed with the reason', () => {
    const result = JSON.stringify({ ok: false, reason: "require('electron') failed: Electron failed to install correctly." });
    expect(locationFromProbe({ status: 0, result, stderr: `${STACK}\n` })).toEqual({
      ok: false,
      reason: "require('electron') failed: Electron failed to install correctly.",
      output: STACK,
    });
  });

  it('reports a child that died without an answer, or could not start', () => {
    expect(locationFromProbe({ status: 3, result: '', stderr: 'boom' })).toEqual({
      ok: false,
      reason: 'looking for Electron failed (exit code 3)',
      output: 'boom',
    });
    expect(locationFromProbe({ status: 0, result: '{"ok":"maybe"}', stderr: '' })).toEqual({
      ok: false,
      reason: 'looking for Electron gave no answer',
      output: undefined,
    });
    const spawnFailure = locationFromProbe({ status: null, result: null, stderr: null, error: new Error('spawn ENOENT') });
    expect(spawnFailure).toEqual({ ok: false, reason: 'could not look for Electron: spawn ENOENT', output: undefined });
  });
});

describe('wantsDetails', () => {
  it('is on with --verbose or a non-empty DEBUG, off otherwise', () => {
    expect(wantsDetails(['--verbose'], {})).toBe(true);
    expect(wantsDetails([], { DEBUG: '1' })).toBe(true);
    expect(wantsDetails([], { DEBUG: '*' })).toBe(true);
    expect(wantsDetails([], {})).toBe(false);
    expect(wantsDetails([], { DEBUG: '' })).toBe(false);
    expect(wantsDetails(['--verbosely'], {})).toBe(false);
  });
});

describe('acceptsBrowserMode', () => {
  it('takes Enter, y and yes as yes', () => {
    for (const answer of ['', ' ', 'y', 'Y', 'yes', 'YES', ' yes ']) expect(acceptsBrowserMode(answer), answer).toBe(true);
  });
  it('takes anything else as no', () => {
    for (const answer of ['n', 'N', 'no', 'nope', 'maybe', 'yess']) expect(acceptsBrowserMode(answer), answer).toBe(false);
  });
});

describe('appEntry', () => {
  it('names the built main process', () => {
    expect(appEntry({ main: 'dist/electron/main.js' }, () => true)).toEqual({ ok: true, main: 'dist/electron/main.js' });
  });
  it('says why Electron would have nothing to run', () => {
    const noMain = appEntry({}, () => true);
    expect(!noMain.ok && noMain.problem).toMatch(/no "main" field/);
    const notBuilt = appEntry({ main: 'dist/electron/main.js' }, () => false);
    expect(!notBuilt.ok && notBuilt.problem).toMatch(/dist\/electron\/main\.js .*npm run build/);
  });
});

describe('electronEnv', () => {
  it('drops ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin', HOME: '/h' })).toEqual({ PATH: '/bin', HOME: '/h' });
  });
});

/** runStart with scripted answers; records what was printed, asked and run. */
async function start(options: {
  electron: { ok: true; path: string } | { ok: false; reason: string };
  tty?: boolean;
  answer?: string;
  entryOk?: boolean;
  serverBuilt?: boolean;
  exitCode?: number;
  verbose?: boolean;
}) {
  const printed: string[] = [];
  const asked: string[] = [];
  const ran: { command: string; args: string[]; electron: boolean }[] = [];
  const code = await runStart({
    locateElectron: () => options.electron,
    appEntry: () =>
      options.entryOk === false
        ? { ok: false, problem: 'dist/electron/main.js does not exist.' }
        : { ok: true, main: 'dist/electron/main.js' },
    exists: (path) => path === BROWSER_MODE_ENTRY && options.serverBuilt !== false,
    stdinIsTTY: options.tty ?? false,
    ask: async (question) => {
      asked.push(question);
      return options.answer ?? '';
    },
    run: async (command, args, { electron }) => {
      ran.push({ command, args, electron });
      return options.exitCode ?? 0;
    },
    print: (line) => printed.push(line),
    nodePath: '/usr/bin/node',
    verbose: options.verbose ?? false,
  });
  return { code, printed: printed.join('\n'), asked, ran };
}

const missing = { ok: false as const, reason: 'there is no file at /x/electron' };
const failedDownload = {
  ok: false as const,
  reason: "require('electron') failed: Electron failed to install correctly.",
  output: 'TypeError: fetch failed\n    at async FetchDownloader.download',
};

describe('runStart', () => {
  it('runs the app in Electron and passes its exit code on', async () => {
    const result = await start({ electron: { ok: true, path: '/e/electron' }, exitCode: 3 });
    expect(result.ran).toEqual([{ command: '/e/electron', args: ['.'], electron: true }]);
    expect(result.code).toBe(3);
    expect(result.printed).toBe('');
  });

  it('does not start Electron when the app was not built', async () => {
    const result = await start({ electron: { ok: true, path: '/e/electron' }, entryOk: false });
    expect(result.ran).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.printed).toContain('dist/electron/main.js does not exist');
  });

  it('without a terminal: explains, names the browser-mode command, exits 1', async () => {
    const result = await start({ electron: missing, tty: false });
    expect(result.printed).toContain(MISSING_ELECTRON_MESSAGE);
    expect(result.printed).toContain(SERVE_COMMAND);
    expect(result.asked).toEqual([]);
    expect(result.ran).toEqual([]);
    expect(result.code).toBe(1);
  });

  it("keeps the failed download's stack and the reason for --verbose, and says how to see them", async () => {
    const quiet = await start({ electron: failedDownload });
    expect(quiet.printed).toContain(MISSING_ELECTRON_MESSAGE);
    expect(quiet.printed).toContain(DETAILS_HINT);
    expect(quiet.printed).not.toContain('fetch failed');
    expect(quiet.printed).not.toContain("require('electron') failed");

    const verbose = await start({ electron: failedDownload, verbose: true });
    expect(verbose.printed).toContain(MISSING_ELECTRON_MESSAGE);
    expect(verbose.printed).toContain("Details: require('electron') failed: Electron failed to install correctly.");
    expect(verbose.printed).toContain('TypeError: fetch failed\n    at async FetchDownloader.download');
    expect(verbose.printed).not.toContain(DETAILS_HINT);
  });

  it('in a terminal: asks, and starts browser mode on Enter', async () => {
    const result = await start({ electron: missing, tty: true, answer: '', exitCode: 0 });
    expect(result.printed).toContain(MISSING_ELECTRON_MESSAGE);
    expect(result.asked).toEqual(['Start browser mode instead? [Y/n] ']);
    expect(result.ran).toEqual([{ command: '/usr/bin/node', args: [BROWSER_MODE_ENTRY], electron: false }]);
    expect(result.code).toBe(0);
  });

  it('in a terminal: a no leaves the command for later and exits 1', async () => {
    const result = await start({ electron: missing, tty: true, answer: 'n' });
    expect(result.ran).toEqual([]);
    expect(result.printed).toContain(SERVE_COMMAND);
    expect(result.code).toBe(1);
  });

  it('says so when browser mode was not built either', async () => {
    const result = await start({ electron: missing, tty: true, answer: 'y', serverBuilt: false });
    expect(result.ran).toEqual([]);
    expect(result.printed).toContain(`${BROWSER_MODE_ENTRY} does not exist`);
    expect(result.code).toBe(1);
  });
});

/** Runs `node scripts/start.mjs` in `cwd`, stdin not a terminal; resolves to its output and exit code. */
async function runScript(cwd: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { output, code };
}

describe('scripts/start.mjs', () => {
  it('explains the missing binary and exits 1 when stdin is not a terminal', async () => {
    // An empty Electron dist folder: the binary is missing here and on a machine that has it,
    // and Electron does not try to download it (ELECTRON_OVERRIDE_DIST_PATH skips that).
    const emptyDist = mkdtempSync(join(tmpdir(), 'sse-scope-no-electron-'));
    try {
      const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, DEBUG: '' };
      const { output, code } = await runScript(projectDir, env);
      expect(output).toContain(MISSING_ELECTRON_MESSAGE);
      expect(output).toContain(DETAILS_HINT);
      expect(output).toContain(`\`${SERVE_COMMAND}\``);
      expect(output).not.toContain('[Y/n]');
      expect(code).toBe(1);

      const verbose = await runScript(projectDir, env, ['--verbose']);
      expect(verbose.output).toContain(`there is no file at ${join(emptyDist, BINARY_IN_DIST)}`);
      expect(verbose.code).toBe(1);
    } finally {
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });

  it("shows a failed download's stack only with --verbose or DEBUG", async () => {
    // The real Electron package without its binary, in a project of its own, downloading from a
    // local mirror that drops every connection (into an empty download cache): the download fails
    // as it does offline, with undici's "TypeError: fetch failed" stack on stderr.
    const mirror = createServer((req) => req.socket.destroy());
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const project = mkdtempSync(join(tmpdir(), 'sse-scope-start-offline-'));
    try {
      mkdirSync(join(project, 'scripts'));
      for (const file of ['start.mjs', 'start-logic.mjs', 'locate-electron.mjs', 'verbose.mjs']) {
        cpSync(join(projectDir, 'scripts', file), join(project, 'scripts', file));
      }
      const electron = join(project, 'node_modules', 'electron');
      mkdirSync(electron, { recursive: true });
      for (const file of ['index.js', 'install.js', 'package.json', 'checksums.json']) {
        cpSync(join(projectDir, 'node_modules', 'electron', file), join(electron, file));
      }
      symlinkSync(join(projectDir, 'node_modules', '@electron'), join(project, 'node_modules', '@electron'), 'dir');
      writeFileSync(join(project, 'package.json'), JSON.stringify({ main: 'main.js' }));
      const { ELECTRON_OVERRIDE_DIST_PATH: _override, ...inherited } = process.env;
      const env = {
        ...inherited,
        DEBUG: '',
        ELECTRON_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`,
        electron_config_cache: join(project, 'download-cache'),
      };

      const quiet = await runScript(project, env);
      expect(quiet.output).toContain('Downloading Electron binary...');
      expect(quiet.output).toContain(MISSING_ELECTRON_MESSAGE);
      expect(quiet.output).toContain(DETAILS_HINT);
      expect(quiet.output).not.toContain('fetch failed');
      expect(quiet.output).not.toMatch(/^\s+at /m);
      expect(quiet.code).toBe(1);

      for (const details of [await runScript(project, env, ['--verbose']), await runScript(project, { ...env, DEBUG: '1' })]) {
        expect(details.output).toContain(MISSING_ELECTRON_MESSAGE);
        expect(details.output).toContain('TypeError: fetch failed');
        expect(details.output).toMatch(/^\s+at /m);
        expect(details.code).toBe(1);
      }
    } finally {
      mirror.close();
      rmSync(project, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')(
    'runs the app with the Electron binary, without ELECTRON_RUN_AS_NODE, and passes its exit code on',
    async () => {
      // A copy of the launcher in a project whose "main" exists, and a stand-in Electron binary.
      const project = mkdtempSync(join(tmpdir(), 'sse-scope-start-'));
      try {
        mkdirSync(join(project, 'scripts'));
        mkdirSync(join(project, 'node_modules'));
        for (const file of ['start.mjs', 'start-logic.mjs', 'locate-electron.mjs', 'verbose.mjs'])
          cpSync(join(projectDir, 'scripts', file), join(project, 'scripts', file));
        symlinkSync(join(projectDir, 'node_modules', 'electron'), join(project, 'node_modules', 'electron'), 'dir');
        writeFileSync(join(project, 'package.json'), JSON.stringify({ main: 'main.js' }));
        writeFileSync(join(project, 'main.js'), '');
        const dist = join(project, 'fake-electron');
        const binary = join(dist, BINARY_IN_DIST);
        mkdirSync(dirname(binary), { recursive: true });
        writeFileSync(
          binary,
          `#!${process.execPath}\n` +
            `console.log('electron ran in ' + process.cwd() + ' with ' + JSON.stringify(process.argv.slice(2)) + ', RUN_AS_NODE=' + process.env.ELECTRON_RUN_AS_NODE);\n` +
            'process.exit(7);\n',
        );
        chmodSync(binary, 0o755);

        const { output, code } = await runScript(project, {
          ...process.env,
          ELECTRON_OVERRIDE_DIST_PATH: dist,
          ELECTRON_RUN_AS_NODE: '1',
        });
        expect(output).toContain(`electron ran in ${project} with ["."], RUN_AS_NODE=undefined`);
        expect(output).not.toContain(MISSING_ELECTRON_MESSAGE);
        expect(code).toBe(7);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    },
  );
});
