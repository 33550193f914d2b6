// Vitest globalSetup of the e2e project: the end-to-end tests run the built app (dist/server.js
// serving dist/renderer), so both are built from the current sources first when they are stale.
// Under `npm test`, which builds before it tests, the check finds them fresh and builds nothing.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureCliBuilt } from '../../helpers/build-once.ts';
import { buildIfStale, filesUnder } from '../../helpers/stale-build.ts';
import { repoRoot } from './repo-root.ts';

const ROOT = repoRoot();
const BUILT_PAGE = join(ROOT, 'dist/renderer/index.html');
const LOCK = join(ROOT, 'dist/.renderer-build-lock');
const STALE_LOCK_MS = 120_000;

export default async function setup(): Promise<void> {
  // build-node.mjs builds dist/server.js together with dist/cli.js.
  await ensureCliBuilt();
  await ensureRendererBuilt();
}

async function ensureRendererBuilt(): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  await buildIfStale({
    output: BUILT_PAGE,
    // The built page must be newer than every renderer source and every main/ module it may import.
    sources: async () => [
      join(ROOT, 'package.json'),
      join(ROOT, 'vite.config.ts'),
      join(ROOT, 'svelte.config.js'),
      ...(await filesUnder(join(ROOT, 'renderer'))),
      ...(await filesUnder(join(ROOT, 'main'))),
    ],
    build: () => promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT }),
    lock: LOCK,
    staleLockMs: STALE_LOCK_MS,
  });
}
