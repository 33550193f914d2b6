// Playwright's web-first assertions (they wait for the page), with a timeout generous enough for
// a loaded two-core machine. The e2e tests wait on what the UI shows, never on sleeps.
import { expect as playwrightExpect } from 'playwright/test';

export const expect = playwrightExpect.configure({ timeout: 10_000 });
