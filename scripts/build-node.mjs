// Bundles the Node entry points (CLI, contract-test service, browser-mode server) into dist/ with esbuild.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { NODE_BUNDLE } from './node-bundle.mjs';

const entries = {
  cli: 'main/cli/index.ts',
  'contract-service': 'main/cli/contract-service.ts',
  server: 'main/server/index.ts',
};

// Chunks are content-hashed: clear the previous build's so none goes stale in dist/.
await rm('dist/chunks', { recursive: true, force: true });
await build({
  ...NODE_BUNDLE,
  entryPoints: entries,
  // Code loaded with import() becomes its own chunk, so `sse-scope --help` does not load (and
  // compile) what only `capture` or `export` needs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
});
await chmod('dist/cli.js', 0o755);
