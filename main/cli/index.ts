// The `sse-scope` executable. It only turns on Node's compile cache (without it, every run
// compiles the CLI and the HTTP client again) and then loads the program: modules imported here
// statically would be compiled before the cache is on.

import module from 'node:module';

module.enableCompileCache();
await import('./program.ts');
