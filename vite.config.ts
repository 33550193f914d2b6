// Builds the renderer (Svelte 5) into dist/renderer. `npm run build` passes --logLevel warn, so
// a build prints errors and warnings only.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

/**
 * The one place the page's policy allows inline styles: Vite's development server. It hot-loads
 * each component's CSS by adding a <style> element from script, which `style-src 'self'` blocks.
 * A build puts every component's styles into the CSS file instead, and keeps the strict policy
 * (test/e2e/strict-csp.test.ts checks that nothing is blocked).
 */
function inlineStylesWhileDeveloping(): Plugin {
  return {
    name: 'sse-scope:inline-styles-while-developing',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ configFile: '../svelte.config.js' }), inlineStylesWhileDeveloping()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Rolldown's [PLUGIN_TIMINGS] report (on a busy machine, on every build) profiles the build
    // itself: nothing a user of this project can act on.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
