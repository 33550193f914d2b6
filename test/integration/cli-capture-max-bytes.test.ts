// `sse-scope capture --max-bytes` as a user runs it: a small gzip response that inflates to far
// more than it weighs is captured up to the size asked for, to a file or into a saved capture, and
// the capture ends with a closed record that names the limit. A saved capture is kept: the app's
// size cap never deletes it.

import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { eventBytes, startCloseDelimitedServer, type CloseDelimitedServer } from '../helpers/close-delimited-server.ts';

const MiB = 1024 * 1024;
/** About 250 KB of gzip that inflates to 32 MiB of small events. */
const BOMB = gzipSync(eventBytes(32 * MiB).text);

let server: CloseDelimitedServer;
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-max-bytes-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startCloseDelimitedServer(({ socket }) => void socket.end(BOMB), { 'content-encoding': 'gzip' });
});
afterEach(() => server.close());

const parseLines = (text: string): SseRecord[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);

test('--max-bytes ends the capture once that much is written, with a closed record that says so', async () => {
  const out = join(dir, 'limited.ndjson');
  const run = await runCli(['capture', server.url, '--no-reconnect', '--max-bytes', '1M', '-o', out]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const { size } = await stat(out);
  expect(size).toBeGreaterThanOrEqual(MiB);
  expect(size).toBeLessThan(2 * MiB); // past the limit by the last batch at most
  const records = parseLines(await readFile(out, 'utf8'));
  expect(records.at(-1)).toEqual({
    seq: records.length,
    time: expect.any(Number),
    kind: 'closed',
    reason: 'limit',
    message: 'The capture reached --max-bytes (1,048,576 bytes written).',
  });
});

test('with --save the saved capture stops at --max-bytes too, and is kept', async () => {
  const dataDir = join(dir, 'data');
  const run = await runCli(
    ['capture', server.url, '--no-reconnect', '--max-bytes', '512k', '--save=bomb', '--data-dir', dataDir],
    undefined,
    30_000,
  );
  expect(run.code).toBe(0);
  const [saved] = await new CaptureLibrary(join(dataDir, 'captures')).list();
  expect(saved).toMatchObject({ name: 'bomb', kept: true });
  expect(saved!.sizeBytes).toBeLessThan(2 * MiB);
  const { store } = await new CaptureLibrary(join(dataDir, 'captures')).open(saved!.id);
  expect(await store.latest(1)).toMatchObject([{ kind: 'closed', reason: 'limit', message: expect.stringContaining('--max-bytes') }]);
});

test('a size it cannot read is a usage error', async () => {
  const run = await runCli(['capture', server.url, '--max-bytes', '10x']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("--max-bytes must be a size in bytes, with k, M or G for KiB, MiB or GiB (got '10x')");
});
