// `sse-scope capture` on a terminal: the progress line on stderr. The CLI runs under `script`
// (util-linux), which gives it a pseudo-terminal; without `script` these tests are skipped.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ensureCliBuilt } from '../helpers/build-once.ts';
import { ERASE_LINE, hasScript, runOnTerminal } from '../helpers/cli-terminal.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

const PROGRESS = /events [\d,]+ · [\d.]+ (B|KB|MB) · [\d,]+ ev\/s/;

describe.skipIf(!hasScript)(`capture on a terminal${hasScript ? '' : ' (skipped: `script` is not installed)'}`, () => {
  let server: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    await ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sse-scope-tty-'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    server = await startFixtureServer();
    // An event every 10 ms (at most 1,000), so the capture is alive while the progress redraws.
    server.route('/ticks', async (_req, res) => {
      startSse(res);
      for (let n = 1; n <= 1000 && !res.destroyed; n++) {
        res.write(`data: ${n}\n\n`);
        await new Promise((r) => setTimeout(r, 10));
      }
      res.end();
    });
  });
  afterEach(() => server.close());

  test('with -o, stderr shows a progress line that is erased at exit', async () => {
    const out = join(dir, 'ticks.ndjson');
    const { code, screen } = await runOnTerminal(['capture', `${server.url}/ticks`, '--duration', '0.8', '-o', out]);
    expect(code).toBe(0);
    expect(screen).toMatch(PROGRESS);
    expect(screen.endsWith(ERASE_LINE)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('"reason":"limit"');
  });

  test('when the records themselves go to the terminal, there is no progress line', async () => {
    const { code, screen } = await runOnTerminal(['capture', `${server.url}/ticks`, '--duration', '0.8']);
    expect(code).toBe(0);
    expect(screen).toContain('"kind":"event"');
    expect(screen).not.toMatch(PROGRESS);
  });
});
