// Builds the renderer (Svelte 5) into dist/renderer.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130' },
});
