// @ts-check
// The esbuild settings every Node bundle of ours shares (the CLI and servers, the benchmark, the
// screenshot script): one ESM file per entry for Node 22.12 and later, with source maps, and every
// package left external (installed next to the package, not copied into dist/).

/** @type {import('esbuild').BuildOptions} */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node22.12',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
