// The test projects: 'node' (unit and integration, plain Node), 'browser' (Svelte components in
// Chromium through Vitest browser mode) and 'e2e' (the built app in browser mode, driven by
// Playwright). The browser projects run after the node one, one group at a time.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './test/e2e/support/chromium.ts';
import SummaryReporter from './test/helpers/summary-reporter.ts';

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      // Svelte components mounted in Chromium (Vitest browser mode), queried by role and label.
      // Runs after the node tests: the machines are small and Chromium is not.
      {
        plugins: [svelte()],
        test: {
          name: 'browser',
          include: ['test/components/**/*.test.ts'],
          setupFiles: ['test/components/setup.ts'],
          testTimeout: 20_000,
          sequence: { groupOrder: 1 },
          browser: {
            enabled: true,
            headless: true,
            // A failing test's screenshot goes where git does not look.
            screenshotDirectory: 'test-results/components',
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium', viewport: { width: 1200, height: 800 } }],
          },
        },
      },
      // The desktop app end to end through Playwright's Electron launcher: runs wherever the
      // Electron binary is installed, and reports itself skipped, with the reason, where not.
      {
        test: {
          name: 'electron',
          include: ['test/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The built app end to end: Playwright drives Chromium against browser mode (dist/server.js)
      // and real local SSE servers. One file at a time: each starts a server and a browser.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
