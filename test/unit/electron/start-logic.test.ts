// `npm start` (scripts/start.mjs and scripts/start-logic.mjs): finding Electron, and what the
// user is told and offered when it is missing. The last test runs the real script.

import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  acceptsBrowserMode,
  appEntry,
  BROWSER_MODE_ENTRY,
  electronEnv,
  locateElectron,
  MISSING_ELECTRON_MESSAGE,
  runStart,
  SERVE_COMMAND,
} from '../../../scripts/start-logic.mjs';

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
  });
  return { code, printed: printed.join('\n'), asked, ran };
}

const missing = { ok: false as const, reason: 'there is no file at /x/electron' };

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
    expect(result.printed).toContain('there is no file at /x/electron');
    expect(result.printed).toContain(SERVE_COMMAND);
    expect(result.asked).toEqual([]);
    expect(result.ran).toEqual([]);
    expect(result.code).toBe(1);
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
async function runScript(cwd: string, env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
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
      const { output, code } = await runScript(projectDir, { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist });
      expect(output).toContain(MISSING_ELECTRON_MESSAGE);
      expect(output).toContain(`there is no file at ${join(emptyDist, BINARY_IN_DIST)}`);
      expect(output).toContain(`\`${SERVE_COMMAND}\``);
      expect(output).not.toContain('[Y/n]');
      expect(code).toBe(1);
    } finally {
      rmSync(emptyDist, { recursive: true, force: true });
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
        for (const file of ['start.mjs', 'start-logic.mjs']) cpSync(join(projectDir, 'scripts', file), join(project, 'scripts', file));
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
