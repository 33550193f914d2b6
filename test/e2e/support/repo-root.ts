// The repository's root folder, found from this module's location whether it runs from its source
// (test/e2e/support) or bundled into dist/ (the screenshots script and the benchmark).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'renderer'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No SSE Scope checkout above ${from}`);
  }
}
