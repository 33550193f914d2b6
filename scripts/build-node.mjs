// Bundles the Node entry points (CLI, contract-test service, browser-mode server) into dist/ with esbuild.
// Dependencies stay external: they are installed next to the package.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const entries = {
  cli: 'main/cli/index.ts',
  'contract-service': 'main/cli/contract-service.ts',
  server: 'main/server/index.ts',
};

await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
