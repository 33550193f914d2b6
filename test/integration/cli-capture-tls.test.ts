// `sse-scope capture` against a local HTTPS server with a self-signed certificate: refused by
// default, accepted with --insecure, and trusted with --ca. The certificate is made by openssl
// for each run; without openssl these tests are skipped and say so.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)(`capture over TLS${hasOpenssl ? '' : ' (skipped: openssl is not installed)'}`, () => {
  let dir: string;
  let certFile: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    await ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sse-scope-tls-'));
    certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=sse-scope test',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);

    server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: secure\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const records = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SseRecord);

  test('an untrusted certificate fails the capture with a certificate error', async () => {
    const run = await runCli(['capture', url, '--no-reconnect']);
    expect(run.code).toBe(1);
    const [error, closed] = records(run.stdout);
    expect(error).toMatchObject({ kind: 'error', message: expect.stringMatching(/certificate/i) });
    expect(closed).toMatchObject({ kind: 'closed', reason: 'failed' });
    expect(run.stderr).toContain('--ca');
  });

  test('--insecure accepts it', async () => {
    const run = await runCli(['capture', url, '--no-reconnect', '--insecure']);
    expect(run.code).toBe(0);
    expect(records(run.stdout).filter((r) => r.kind === 'event')).toMatchObject([{ data: 'secure' }]);
  });

  test('--ca trusts it', async () => {
    const run = await runCli(['capture', url, '--no-reconnect', '--ca', certFile]);
    expect(run.code).toBe(0);
    expect(records(run.stdout).filter((r) => r.kind === 'event')).toMatchObject([{ data: 'secure' }]);
  });

  test.each([
    ['cannot be read', 'missing.pem', null],
    ['holds no certificate', 'not-a-cert.pem', 'just some text\n'],
  ])('--ca with a file that %s is bad usage', async (_what, name, content) => {
    const file = join(dir, name);
    if (content !== null) writeFileSync(file, content);
    const run = await runCli(['capture', url, '--ca', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--ca');
  });
});
