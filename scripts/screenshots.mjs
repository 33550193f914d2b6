// Regenerates the screenshots in docs/ (light and dark) from the built app: bundles
// test/e2e/screenshots.ts with esbuild (Node 22.12 cannot run .ts) and runs it. Build first:
// `npm run build && node scripts/screenshots.mjs`. Chromium: /usr/bin/chromium when present (or
// the file SSE_SCOPE_CHROMIUM names), Playwright's own otherwise.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

const outfile = new URL('../dist/screenshots/screenshots.js', import.meta.url);
await build({
  ...NODE_BUNDLE,
  entryPoints: [new URL('../test/e2e/screenshots.ts', import.meta.url).pathname],
  outfile: outfile.pathname,
});
await import(outfile.href);
