// One writer per data folder, with real processes: browser mode (the built dist/server.js) holds
// its data folder, so a second browser mode or an app core started on it fails with a message that
// names the first and says what to do, and writes nothing there; stopping the first releases the
// folder, and a lock left by a killed process is taken over.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core/app/app-core.ts';
import { noKeychainCipher } from '../../main/core/config/secrets.ts';
import { DataFolderLockedError, LOCK_FILE_NAME } from '../../main/core/data-folder-lock.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { removeTempFolders, startHarness, tempFolder, type Harness } from '../helpers/app-core-harness.ts';
import { ensureCliBuilt } from '../helpers/build-once.ts';
import { tempFileDestinations } from '../helpers/temp-file-destinations.ts';
import { makeRendererFolder, type RendererFolder } from './browser-server-fixture.ts';

const SERVER_SCRIPT = join(import.meta.dirname, '../../dist/server.js');
const READY = /open (http:\/\/127\.0\.0\.1:\d+\/\S+)/;

let renderer: RendererFolder;
const children: ChildProcess[] = [];
const harnesses: Harness[] = [];

beforeAll(async () => {
  await ensureCliBuilt(); // builds dist/server.js with it
  renderer = await makeRendererFolder();
}, 60_000);
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(harnesses.splice(0).map((harness) => harness.stop()));
});
afterAll(async () => {
  await rm(renderer.root, { recursive: true, force: true });
  await removeTempFolders();
});

interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stderr(): string;
}

/** `node dist/server.js` on a data folder; `ready` waits for the URL it prints. */
function serveProcess(dataDir: string): ServeProcess & { ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    [SERVER_SCRIPT, '--port', '0', '--no-demo', '--data-dir', dataDir, '--renderer-dir', renderer.rendererDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (READY.test(stdout)) resolve();
    });
    void exited.then((code) => reject(new Error(`browser mode exited (${code}) before it was ready:\n${stderr}`)));
  });
  ready.catch(() => {}); // awaited only by tests that expect it to start
  return { child, exited, ready, stderr: () => stderr };
}

/** A demo feed URL makes a core that starts write config.json (it adds the demo connections). */
const DEMO_URL = 'http://127.0.0.1:9/demo/stream';

async function launch(dataDir: string, transport: 'browser' | 'electron' = 'browser'): Promise<Harness> {
  const harness = await startHarness({ dataDir, transport, demoFeedUrl: DEMO_URL });
  harnesses.push(harness);
  return harness;
}

const lockPath = (dataDir: string) => join(dataDir, LOCK_FILE_NAME);

describe('a data folder browser mode is using', () => {
  it('cannot be used by a second browser mode or an app core, which say who has it and write nothing', async () => {
    const dataDir = await tempFolder();
    const first = serveProcess(dataDir);
    await first.ready;
    const readConfig = () => readFile(join(dataDir, 'config.json'), 'utf8').catch(() => null);
    const config = await readConfig();
    const pid = first.child.pid!;

    const second = serveProcess(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(
      `SSE Scope is already running with this data folder (browser mode, pid ${pid}). Close it, or use --data-dir <other folder>.`,
    );

    // The desktop app's core: the same refusal, with the advice that fits it.
    const refused = await launch(dataDir, 'electron').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    expect((refused as Error).message).toBe(
      `SSE Scope is already running with this data folder (browser mode, pid ${pid}). Close it, or start browser mode with --data-dir <other folder>.`,
    );
    expect(await readConfig()).toBe(config);

    // Stopped (Ctrl-C, SIGTERM): the folder is free again.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(lockPath(dataDir))).toBe(false);
    const app = await launch(dataDir);
    expect(await readConfig()).not.toBe(config); // it could write: the demo connections are added

    // And now the core has it: browser mode started on it refuses, naming this process.
    const third = serveProcess(dataDir);
    expect(await third.exited).toBe(1);
    expect(third.stderr()).toContain(`(browser mode, pid ${process.pid})`);
    await app.stop();
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });

  it('is taken over when the process that had it was killed', async () => {
    const dataDir = await tempFolder();
    const killed = serveProcess(dataDir);
    await killed.ready;
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(JSON.parse(await readFile(lockPath(dataDir), 'utf8'))).toMatchObject({ pid: killed.child.pid, holder: 'browser mode' });

    const app = await launch(dataDir, 'electron');
    expect(JSON.parse(await readFile(lockPath(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'the desktop app' });
    const refused = serveProcess(dataDir);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain(`(the desktop app, pid ${process.pid})`);
    await app.stop();
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });
});

describe('two app cores in one process', () => {
  it('take the folder one at a time; a core whose start failed leaves the lock to the one that has it', async () => {
    const dataDir = await tempFolder();
    const first = await launch(dataDir);
    const second = createAppCore({
      dataDir,
      cipher: noKeychainCipher(),
      fetchFor: (tls) => createNodeFetch(tls),
      files: tempFileDestinations(await tempFolder('sse-scope-files-')),
      push: () => {},
      transport: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      demoFeedUrl: null,
    });
    await expect(second.start()).rejects.toThrow(`(browser mode, pid ${process.pid})`);
    await second.stop();
    expect(existsSync(lockPath(dataDir))).toBe(true); // still the first core's

    await first.stop();
    await launch(dataDir); // the first stopped: free
  });
});
