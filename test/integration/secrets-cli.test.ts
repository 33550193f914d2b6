// Secrets by value through the built CLI, against a real local server that echoes what it was
// sent: a token in the URL query, an API key header and URL credentials never appear in what
// `capture` prints, the capture `--save` keeps (records and meta file), a `-o` file, or any format
// `export` writes; every file it creates is owner-only; and an API key header does not follow a
// redirect to another origin.

import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { EXPORT_FORMAT_NAMES } from '../../main/contract.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

const QUERY_TOKEN = 'tok-Q7queryvalue';
const HEADER_KEY = 'key-Z9headervalue';
const PASSWORD = 'pw-U5userinfovalue';
const COOKIE = 'ck-R3cookievalue';
const SECRETS = [QUERY_TOKEN, HEADER_KEY, PASSWORD, COOKIE];

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-cli-secrets-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/secret-feed', (req, res) => {
    const token = new URL(req.url!, 'http://x').searchParams.get('token');
    startSse(res, { 'set-cookie': `sid=${COOKIE}; Path=/` });
    res.write(`data: {"token":"${token}","key":"${String(req.headers['x-api-key'])}"}\n\n`);
    res.end(`: again ${COOKIE}\n\n`);
  });
});
afterEach(() => server.close());

function expectNoSecrets(text: string, where: string): void {
  for (const secret of SECRETS) expect(text, `${where} holds ${secret}`).not.toContain(secret);
}

async function mode(path: string): Promise<string> {
  return ((await stat(path)).mode & 0o777).toString(8);
}

test('capture --save and -o, and every export format, keep no secret and are owner-only', async () => {
  const dataDir = await mkdtemp(join(dir, 'data-'));
  const url = `${server.url}/secret-feed?token=${QUERY_TOKEN}&plain=visible`;
  const saved = await runCli([
    'capture',
    url,
    '-H',
    `X-Api-Key: ${HEADER_KEY}`,
    '--no-reconnect',
    '--save',
    'secret',
    '--data-dir',
    dataDir,
  ]);
  expect(saved.code).toBe(0);
  // The server got the secrets; the output shows the records with them masked.
  expect(server.requests[0]!.headers['x-api-key']).toBe(HEADER_KEY);
  expect(saved.stdout).toContain('"kind":"event"');
  expect(saved.stdout).toContain('plain=visible');
  expectNoSecrets(saved.stdout, 'stdout');
  expectNoSecrets(saved.stderr, 'stderr');

  const folder = join(dataDir, 'captures');
  const files = await readdir(folder);
  expect(files.some((file) => file.endsWith('.ndjson'))).toBe(true);
  for (const file of files) {
    expectNoSecrets(await readFile(join(folder, file), 'utf8'), file);
    expect(await mode(join(folder, file)), file).toBe('600');
  }

  const out = join(dir, 'out.ndjson');
  const toFile = await runCli(['capture', url, '-H', `X-Api-Key: ${HEADER_KEY}`, '--no-reconnect', '-o', out]);
  expect(toFile.code).toBe(0);
  expectNoSecrets(await readFile(out, 'utf8'), '-o file');
  expect(await mode(out)).toBe('600');

  const id = files.find((file) => file.endsWith('.ndjson'))!.slice(0, -'.ndjson'.length);
  for (const format of EXPORT_FORMAT_NAMES) {
    const path = join(dir, `export.${format}`);
    const run = await runCli(['export', id, '--format', format, '-o', path, '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expectNoSecrets(await readFile(path, 'utf8'), `the ${format} export`);
    expect(await mode(path), `the ${format} export`).toBe('600');
  }
});

test('URL credentials are never printed: not in the records, not in the error message', async () => {
  const url = `${server.url.replace('http://', `http://ann:${PASSWORD}@`)}/secret-feed?token=${QUERY_TOKEN}`;
  const run = await runCli(['capture', url, '--no-reconnect']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('sse-scope: capture failed');
  expect(run.stderr).toContain('credentials');
  expectNoSecrets(run.stdout, 'stdout');
  expectNoSecrets(run.stderr, 'stderr');
});

test('an API key header does not follow a redirect to another origin', async () => {
  const other = await startFixtureServer();
  try {
    const location = encodeURIComponent(`${other.url}/echo`);
    const run = await runCli([
      'capture',
      `${server.url}/redirect?status=307&location=${location}`,
      '-H',
      `X-Api-Key: ${HEADER_KEY}`,
      '-H',
      'X-Trace: trace-1',
      '--no-reconnect',
    ]);
    expect(run.code).toBe(0);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers).not.toHaveProperty('x-api-key');
    expect(other.requests[0]!.headers['x-trace']).toBe('trace-1');
  } finally {
    await other.close();
  }
});
