// @ts-check
// Bundles the Electron main process and its preload with esbuild:
// - main/electron/main.ts -> dist/electron/main.js: ESM for Node, with 'electron' and every
//   package left external (installed next to the app; electron-builder adds them);
// - main/electron/preload.ts -> dist/electron/preload.cjs: one CommonJS file holding the contract
//   code it uses, because a sandboxed preload cannot load ESM or require anything but 'electron'.
// Run as a script (`node scripts/build-electron.mjs`); tests import the options to build the same
// preload in memory.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN_OUT = 'dist/electron/main.js';
export const PRELOAD_OUT = 'dist/electron/preload.cjs';

/** Electron 45 runs Node 22 in the main process and Chromium 140 in the preload. */
const NODE_TARGET = 'node22';

/** @type {import('esbuild').BuildOptions} */
export const mainBuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ['main/electron/main.ts'],
  outfile: MAIN_OUT,
  bundle: true,
  platform: 'node',
  target: NODE_TARGET,
  format: 'esm',
  packages: 'external',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions} */
export const preloadBuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ['main/electron/preload.ts'],
  outfile: PRELOAD_OUT,
  bundle: true,
  // A sandboxed preload has a browser-like global scope plus a limited require.
  platform: 'browser',
  target: 'chrome140',
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

export async function buildElectron() {
  await Promise.all([build(mainBuildOptions), build(preloadBuildOptions)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
}
