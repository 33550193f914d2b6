// `sse-scope capture --save` as a user runs it: the built CLI against a real local server writes
// its output as before and also a capture into the library folder, which `captures` lists and the
// library reopens with exactly the records that were written.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { formatBytes } from '../../main/common/number-format.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { DATA_DIR_ENV } from '../../main/core/app-paths.ts';
import { CaptureLibrary, type CaptureInfo } from '../../main/core/store/capture-library.ts';
import { storeRecords } from '../../main/core/store/record-sources.ts';
import { captureSummary } from '../../renderer/src/lib/capture-labels.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

let server: FixtureServer;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-save-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  dataDir = await mkdtemp(join(dir, 'data-'));
  server = await startFixtureServer();
  // Ten events of two types with JSON data, a comment and a retry field, then the end.
  server.route('/feed', (_req, res) => {
    startSse(res);
    let body = 'retry: 2000\n: feed start\n';
    for (let n = 1; n <= 10; n++) body += `id: ${n}\nevent: ${n % 3 === 0 ? 'tock' : 'tick'}\ndata: {"n":${n}}\n\n`;
    res.end(body);
  });
});
afterEach(() => server.close());

const parseLines = (text: string): SseRecord[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);

/** The id, record count and folder from "saved capture <id> (<n> records) in <folder>". */
function savedMessage(stderr: string): { id: string; records: number; folder: string } {
  const match = /^saved capture (\S+) \(([\d,]+) records\) in (.+)$/m.exec(stderr);
  if (!match) throw new Error(`no "saved capture" line in stderr:\n${stderr}`);
  return { id: match[1]!, records: Number(match[2]!.replace(/,/g, '')), folder: match[3]! };
}

async function savedRecords(folder: string, id: string): Promise<{ info: CaptureInfo; records: SseRecord[] }> {
  const { info, store } = await new CaptureLibrary(folder).open(id);
  const records: SseRecord[] = [];
  for await (const record of storeRecords(store)) records.push(record);
  return { info, records };
}

test('--save keeps -o working and saves the same records into the library, which `captures` lists', async () => {
  const out = join(dir, 'out.ndjson');
  const url = `${server.url}/feed?token=s3cret`;
  const run = await runCli(['capture', url, '--no-reconnect', '-o', out, '--save', '--data-dir', dataDir]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('');

  const written = parseLines(await readFile(out, 'utf8'));
  expect(written.map((r) => r.kind)).toEqual(['open', 'retry', 'comment', ...Array(10).fill('event'), 'closed']);
  const saved = savedMessage(run.stderr);
  expect(saved.folder).toBe(join(dataDir, 'captures'));
  expect(saved.records).toBe(written.length);

  const { info, records } = await savedRecords(saved.folder, saved.id);
  expect(records).toEqual(written);
  // Named after the URL's host and path; the token in the query is not kept in the library.
  expect(info.name).toBe(`${new URL(server.url).host}/feed`);
  expect(info.url).toContain('/feed?token=');
  expect(info.url).not.toContain('s3cret');
  expect(info.records).toBe(written.length);

  const listed = await runCli(['captures', '--data-dir', dataDir]);
  expect(listed.code).toBe(0);
  const [header, row, ...rest] = listed.stdout.trimEnd().split('\n');
  expect(header).toMatch(/^ID\s+NAME\s+STARTED\s+RECORDS\s+SIZE$/);
  expect(rest).toEqual([]);
  expect(row!.split(/\s{2,}/)).toEqual([
    saved.id,
    info.name,
    expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    String(written.length),
    formatBytes(info.sizeBytes),
  ]);
  // The app's sidebar shows the same size for the same capture.
  expect(
    captureSummary({ ...info, connectionId: info.connection?.id ?? null, run: null })
      .split(' · ')
      .at(-1),
  ).toBe(row!.split(/\s{2,}/).at(-1));

  const json = await runCli(['captures', '--json', '--data-dir', dataDir]);
  expect(JSON.parse(json.stdout)).toEqual([{ ...info }]);
});

test('with --max-events only the written records are saved, with the same seqs, and stdout keeps its records', async () => {
  const run = await runCli([
    'capture',
    `${server.url}/feed`,
    '--no-reconnect',
    '--max-events',
    '4',
    '--save=first four',
    '--data-dir',
    dataDir,
  ]);
  expect(run.code).toBe(0);
  const written = parseLines(run.stdout);
  expect(written.filter((r) => r.kind === 'event')).toHaveLength(4);
  expect(written.at(-1)).toMatchObject({ kind: 'closed', reason: 'limit' });

  const saved = savedMessage(run.stderr);
  const { info, records } = await savedRecords(saved.folder, saved.id);
  expect(records).toEqual(written);
  expect(info.name).toBe('first four');
});

test('the saved capture holds every record whatever --format writes, in the folder SSE_SCOPE_DATA_DIR names', async () => {
  const envDir = join(dataDir, 'from-env');
  process.env[DATA_DIR_ENV] = envDir;
  let run;
  try {
    run = await runCli(['capture', `${server.url}/feed`, '--no-reconnect', '--format', 'sse', '--save']);
  } finally {
    delete process.env[DATA_DIR_ENV];
  }
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('event: tock\n');
  const saved = savedMessage(run.stderr);
  expect(saved.folder).toBe(join(envDir, 'captures'));
  const { records } = await savedRecords(saved.folder, saved.id);
  expect(records.map((r) => r.kind)).toEqual(['open', 'retry', 'comment', ...Array(10).fill('event'), 'closed']);
  expect(records.filter((r) => r.kind === 'event').map((r) => r.kind === 'event' && r.data)).toEqual(
    Array.from({ length: 10 }, (_, i) => `{"n":${i + 1}}`),
  );
});

test('a library that cannot be written fails before connecting (exit 1); an empty name or a URL taken for one is bad usage (exit 2)', async () => {
  const notAFolder = join(dataDir, 'file');
  await writeFile(notAFolder, 'not a folder');
  const failed = await runCli(['capture', `${server.url}/feed`, '--save', '--data-dir', notAFolder]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain(`--save: cannot create a capture in ${join(notAFolder, 'captures')}`);
  expect(server.requests).toHaveLength(0);

  const empty = await runCli(['capture', `${server.url}/feed`, '--save=', '--data-dir', dataDir]);
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain('--save needs a name');

  // The optional name takes a URL written right after --save: the message says so.
  const urlTaken = await runCli(['capture', '--save', `${server.url}/feed`, '--data-dir', dataDir]);
  expect(urlTaken.code).toBe(2);
  expect(urlTaken.stderr).toContain("missing required argument 'url': --save took");
  expect(urlTaken.stderr).toContain('put --save after the URL');
  expect(server.requests).toHaveLength(0);
});
