// The `sse-scope` executable. It first refuses a Node older than the one we support (with one line
// that says what to install, not a stack from the first API that is missing), then turns on Node's
// compile cache (without it, every run compiles the CLI and the HTTP client again) and loads the
// program: modules imported here statically would be compiled before the cache is on.

import module from 'node:module';
import { unsupportedNodeMessage } from './node-version.ts';

const unsupported = unsupportedNodeMessage(process.versions.node);
if (unsupported !== null) {
  process.stderr.write(`${unsupported}\n`);
  process.exit(1);
}
module.enableCompileCache();
await import('./program.ts');
