// The app core's HTTP clients, against real servers: createNodeFetch's close() ends its connections,
// a CA file the user replaced is used at the next connect (the client is chosen by the file's
// content), and stopping the core closes every client it made. The certificates are made by
// openssl for each run; without openssl the TLS test is skipped and says so.

import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, CommandRequest, CommandResponse } from '../../main/contract.ts';
import { createAppCore, type AppCore } from '../../main/core/app/app-core.ts';
import { noKeychainCipher } from '../../main/core/config/secrets.ts';
import { createNodeFetch, type NodeFetch } from '../../main/core/sse/node-fetch.ts';
import { eventually, PushRecorder, removeTempFolders, tempFolder } from '../helpers/app-core-harness.ts';
import { tempFileDestinations } from '../helpers/temp-file-destinations.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

let dir: string;
const servers: (HttpServer | HttpsServer)[] = [];
const cores: AppCore[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-fetch-clients-'));
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await removeTempFolders();
});

async function listen<S extends HttpServer | HttpsServer>(server: S, scheme: 'http' | 'https'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A core as a front end makes one, recording every HTTP client it is given. */
async function startCore(): Promise<{
  core: AppCore;
  clients: NodeFetch[];
  pushes: PushRecorder;
  call: <K extends CommandName>(name: K, payload: CommandRequest<K>) => Promise<CommandResponse<K>>;
}> {
  const clients: NodeFetch[] = [];
  const pushes = new PushRecorder();
  const core = createAppCore({
    dataDir: await tempFolder(),
    cipher: noKeychainCipher(),
    fetchFor: (tls) => {
      const client = createNodeFetch(tls);
      clients.push(client);
      return client;
    },
    files: tempFileDestinations(await tempFolder('sse-scope-files-')),
    push: pushes.sink,
    transport: 'browser',
    version: '0.0.0-test',
    platform: process.platform,
    demoFeedUrl: null,
  });
  cores.push(core);
  await core.start();
  const call = async <K extends CommandName>(name: K, payload: CommandRequest<K>) => {
    const result = await core.dispatch(name, payload);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  return { core, clients, pushes, call };
}

/** Why a request failed, with the cause undici's "fetch failed" wraps. */
async function failure(response: Promise<unknown>): Promise<string> {
  try {
    await response;
    return 'it did not fail';
  } catch (error) {
    return `${(error as Error).message}: ${((error as Error).cause as Error | undefined)?.message ?? ''}`;
  }
}

const request = (signal = new AbortController().signal) => ({ method: 'GET', headers: {}, signal, redirect: 'manual' as const });

describe('createNodeFetch', () => {
  it('close() ends its kept-alive connections, and a closed client refuses requests', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(204).end());
    server.keepAliveTimeout = 60_000; // only the client closes it here
    const socketsClosed: Promise<unknown>[] = [];
    server.on('connection', (socket: Socket) => socketsClosed.push(new Promise((resolve) => socket.once('close', resolve))));
    const url = await listen(server, 'http');

    const fetch = createNodeFetch();
    expect((await fetch(`${url}/one`, request())).status).toBe(204);
    expect((await fetch(`${url}/two`, request())).status).toBe(204);
    expect(socketsClosed.length).toBeGreaterThan(0);

    await fetch.close();
    await Promise.all(socketsClosed); // ended now, not when the pool would have let them go
    expect(await failure(fetch(`${url}/three`, request()))).toMatch(/destroyed/i);
  });
});

describe('the app core', () => {
  it('closes every HTTP client it made when it stops', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(204).end());
    const url = await listen(server, 'http');
    const { core, clients, call } = await startCore();
    const plain = await call('connections:save', { connection: { name: 'Plain', url: `${url}/a` } });
    const insecure = await call('connections:save', { connection: { name: 'Insecure', url: `${url}/b`, tls: { insecure: true } } });
    for (const connection of [plain, insecure]) await call('sessions:open', { connectionId: connection.id });
    await eventually(async () => (await call('sessions:list', undefined)).every((view) => view.status === 'closed'), 'both answered 204');
    expect(clients).toHaveLength(2); // one per TLS setting

    await core.stop();
    for (const client of clients) expect(await failure(client(`${url}/after`, request()))).toMatch(/destroyed/i);
  });
});

describe.skipIf(!hasOpenssl)(`a CA file replaced while the app runs${hasOpenssl ? '' : ' (skipped: openssl is not installed)'}`, () => {
  /** A self-signed certificate for 127.0.0.1: its key and certificate files. */
  function makeCertificate(name: string): { key: string; cert: string } {
    const key = join(dir, `${name}-key.pem`);
    const cert = join(dir, `${name}-cert.pem`);
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=sse-scope ${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
    return { key, cert };
  }

  it('is used at the next connect', async () => {
    const served = makeCertificate('server');
    const other = makeCertificate('other');
    const server = createHttpsServer({ key: await readFile(served.key), cert: await readFile(served.cert) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: secure\n\n');
    });
    const url = await listen(server, 'https');
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, await readFile(other.cert)); // the wrong authority first

    const { clients, pushes, call } = await startCore();
    const connection = await call('connections:save', { connection: { name: 'TLS', url, tls: { caFile }, reconnect: { enabled: false } } });
    const view = await call('sessions:open', { connectionId: connection.id });
    const failed = await pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed');
    expect(failed.detail).toMatch(/certificate/i);
    pushes.clear();
    await call('sessions:connect', { sessionId: view.id });
    expect(await pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed')).toMatchObject({
      detail: failed.detail,
    });
    expect(clients).toHaveLength(1); // the same file, the same client

    // The user puts the right authority in the same file, and connects again.
    await writeFile(caFile, await readFile(served.cert));
    pushes.clear();
    await call('sessions:connect', { sessionId: view.id });
    const received = await pushes.next('session:records', (batch) => batch.records.some((record) => record.kind === 'event'));
    expect(received.records.find((record) => record.kind === 'event')).toMatchObject({ data: 'secure' });
    expect(clients).toHaveLength(2);
  });
});
