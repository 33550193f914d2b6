// @ts-check
// Run by scripts/start.mjs in a child process: looks for the Electron binary (locateElectron in
// start-logic.mjs) and writes what it found, as JSON, on file descriptor 3. A child, because
// requiring 'electron' downloads a missing binary, and a failed download prints its raw error
// stack on stderr: start.mjs holds that back unless the user asks for details.

import { existsSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { locateElectron } from './start-logic.mjs';

const require = createRequire(import.meta.url);
writeSync(3, JSON.stringify(locateElectron(require, existsSync)));
