// The `sse-scope` executable. It only turns on Node's compile cache (Node 22.1 and later; without
// it, every run compiles the CLI and the HTTP client again) and then loads the program: modules
// imported here statically would be compiled before the cache is on.

import module from 'node:module';

// A namespace lookup, not a named import: Node 20 has no such export and would refuse to load.
module.enableCompileCache?.();
await import('./program.ts');
