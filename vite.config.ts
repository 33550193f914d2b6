// Builds the renderer (Svelte 5) into dist/renderer. `npm run build` passes --logLevel warn, so
// a build prints errors and warnings only.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Rolldown's [PLUGIN_TIMINGS] report (on a busy machine, on every build) profiles the build
    // itself: nothing a user of this project can act on.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
