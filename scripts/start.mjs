// @ts-check
// `npm start` (after `npm run build`): runs the app in Electron, or, when the Electron binary is
// missing, says what is wrong and offers browser mode. The decisions live in start-logic.mjs;
// this file supplies the real filesystem, terminal and child processes. `npm start -- --verbose`
// (or DEBUG set) also shows why Electron was not found.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { appEntry, electronEnv, locationFromProbe, runStart } from './start-logic.mjs';
import { wantsDetails } from './verbose.mjs';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
/** @param {string} path */
const existsInProject = (path) => existsSync(join(projectDir, path));

/**
 * Looks for Electron in a child process (scripts/locate-electron.mjs), which downloads a missing
 * binary: its stdout ("Downloading Electron binary...") reaches the terminal, its stderr (a failed
 * download's stack) is kept for the details, and the answer comes on file descriptor 3.
 */
function probeElectron() {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('locate-electron.mjs', import.meta.url))], {
    cwd: projectDir,
    stdio: ['ignore', 'inherit', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return locationFromProbe({ status: child.status, result: child.output?.[3], stderr: child.stderr, error: child.error });
}

/** @param {string} question */
async function ask(question) {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/**
 * Runs a program in the project folder with this terminal; resolves to its exit code. Ctrl+C
 * and kill reach the child (which then exits) instead of orphaning it.
 * @param {string} command
 * @param {string[]} args
 * @param {{ electron: boolean }} options
 * @returns {Promise<number>}
 */
function run(command, args, { electron }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: projectDir,
      stdio: 'inherit',
      env: electron ? electronEnv(process.env) : process.env,
    });
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      if (signal) console.error(`${command} exited with signal ${signal}`);
      resolve(code ?? 1);
    });
  });
}

process.exitCode = await runStart({
  locateElectron: probeElectron,
  appEntry: () => {
    const packageJson = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
    return appEntry(packageJson, existsInProject);
  },
  exists: existsInProject,
  stdinIsTTY: process.stdin.isTTY === true,
  ask,
  run,
  print: (line) => console.error(line),
  nodePath: process.execPath,
  verbose: wantsDetails(process.argv.slice(2), process.env),
});
