// `sse-scope watch` as support staff run it: the built CLI against real local feeds, one whose
// events trip an alert rule and one that goes quiet (and, by name from the saved config, one that
// fails and one that closes, which is started again). Alerts are printed as they happen (text, or
// NDJSON with --json), Prometheus metrics are scraped with a real HTTP GET and parsed, and SIGTERM
// (or Ctrl-C) stops it with exit status 0, its captures finished and its alert log written.
// Secret values (a secret variable in the URL, a secret header) echoed back by a feed are masked in
// the lines it prints and in every file it writes.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { AlertUpdate } from '../../main/common/alerts.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { noKeychainCipher } from '../../main/core/config/secrets.ts';
import { REDACTED } from '../../main/core/export/redact-secrets.ts';
import { AlertBook } from '../../main/core/monitor/alert-book.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { storeRecords } from '../../main/core/store/record-sources.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { startCli, type RunningCli } from '../helpers/cli-process.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

const ALARMS =
  'event: log\ndata: {"level":"info","n":1}\n\nevent: log\ndata: {"level":"error","n":2}\n\nevent: log\ndata: {"level":"error","n":3}\n\n';
const QUIET = 'data: hello\n\n';

let dir: string;
let dataDir: string;
let server: FixtureServer;
let cli: RunningCli | null = null;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-watch-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

beforeEach(async () => {
  dataDir = await mkdtemp(join(dir, 'data-'));
  server = await startFixtureServer();
  // Three events, two of them errors, then the stream stays open with nothing more.
  server.route('/alarms', (_req, res) => {
    startSse(res);
    res.write(ALARMS);
  });
  // One event, then silence.
  server.route('/quiet', (_req, res) => {
    startSse(res);
    res.write(QUIET);
  });
});

afterEach(async () => {
  if (cli?.child.exitCode === null) await cli.stop('SIGKILL').catch(() => {});
  cli = null;
  await server.close();
});

const errorsRule = { name: 'errors', query: 'data.level=error', severity: 'critical' };

async function collectionFile(): Promise<string> {
  const path = join(dir, `feeds-${crypto.randomUUID()}.json`);
  const collection = {
    format: 'sse-scope-collection',
    version: 1,
    connections: [
      { name: 'Orders', url: `${server.url}/alarms`, alerts: [errorsRule] },
      { name: 'Prices', url: `${server.url}/quiet`, watchdog: { staleAfterSec: 1 } },
    ],
  };
  await writeFile(path, JSON.stringify(collection));
  return path;
}

function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const family = parsePrometheusTextFormat(text).find((candidate) => candidate.name === name);
  const metric = family?.metrics.find((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value));
  return metric?.value === undefined ? undefined : Number(metric.value);
}

async function capturedRecords(library: CaptureLibrary, id: string): Promise<SseRecord[]> {
  const { store } = await library.open(id);
  const records: SseRecord[] = [];
  for await (const record of storeRecords(store)) records.push(record);
  await store.close();
  return records;
}

test('prints each alert as a line, serves metrics, and stops on SIGTERM with its captures and alert log saved', async () => {
  cli = startCli(['watch', await collectionFile(), '--data-dir', dataDir, '--metrics-port', '0']);
  const [, metricsUrl] = await cli.waitFor('stderr', /metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/);
  await cli.waitFor('stdout', / {2}Orders {2}critical {2}errors {2}/);
  await cli.waitFor('stdout', / {2}Prices {2}warning {2}stale {2}/);
  const lines = cli.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}Orders {2}critical {2}errors {2}event "log" #3: \{"level":"error","n":2\}$/,
      ),
      expect.stringMatching(/^\S+Z {2}Prices {2}warning {2}stale {2}No event for 1 s$/),
    ]),
  );

  const response = await fetch(metricsUrl!);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const metrics = await response.text();
  expect(metricValue(metrics, 'sse_scope_events_total', { feed: 'Orders' })).toBe(3);
  expect(metricValue(metrics, 'sse_scope_events_total', { feed: 'Prices' })).toBe(1);
  expect(metricValue(metrics, 'sse_scope_bytes_total', { feed: 'Orders' })).toBe(Buffer.byteLength(ALARMS));
  expect(metricValue(metrics, 'sse_scope_reconnects_total', { feed: 'Orders' })).toBe(0);
  expect(metricValue(metrics, 'sse_scope_up', { feed: 'Orders' })).toBe(1);
  expect(metricValue(metrics, 'sse_scope_http_status', { feed: 'Prices' })).toBe(200);
  expect(metricValue(metrics, 'sse_scope_seconds_since_last_event', { feed: 'Prices' })).toBeGreaterThanOrEqual(1);
  expect(metricValue(metrics, 'sse_scope_alerts_total', { feed: 'Orders', rule: 'errors', severity: 'critical' })).toBe(1);
  expect(metricValue(metrics, 'sse_scope_alerts_total', { feed: 'Prices', rule: 'stale', severity: 'warning' })).toBe(1);
  expect(parsePrometheusTextFormat(metrics).find((family) => family.name === 'sse_scope_events_total')?.type).toBe('COUNTER');

  const run = await cli.stop('SIGTERM');
  expect(run.code).toBe(0);
  // The second error was held back by the rule's window: reported as the watch stops.
  expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
    / {2}Orders {2}critical {2}errors {2}1 more match of 'errors' in the last \d+ s$/,
  );
  expect(run.stderr).toMatch(/^saved 2 captures \(\d+ records\) in .+captures$/m);

  const library = new CaptureLibrary(join(dataDir, 'captures'));
  const captures = await library.list();
  expect(captures.map((info) => [info.name, info.recording, info.endedAt !== null]).sort()).toEqual([
    ['Orders', false, true],
    ['Prices', false, true],
  ]);
  const orders = captures.find((info) => info.name === 'Orders')!;
  const records = await capturedRecords(library, orders.id);
  expect(records.map((record) => record.kind)).toEqual(['open', 'event', 'event', 'event', 'closed']);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'closed' });

  const alerts = (await AlertBook.open(library.folder)).list();
  expect(alerts.map((alert) => [alert.connectionName, alert.rule, alert.count, alert.seq]).sort()).toEqual([
    ['Orders', 'errors', 2, 3],
    ['Prices', 'stale', 1, 2],
  ]);
  expect(alerts.find((alert) => alert.rule === 'errors')!.captureId).toBe(orders.id);
});

test('watches saved connections by name, prints NDJSON with --json, and stops on Ctrl-C', async () => {
  const { store } = ConfigStore.open(dataDir, noKeychainCipher());
  await store.createConnection({ name: 'Orders', url: `${server.url}/alarms`, alerts: [errorsRule] });
  await store.createConnection({
    name: 'Gateway',
    url: `${server.url}/status?status=503&body=maintenance`,
    reconnect: { initialDelayMs: 100, maxDelayMs: 200 },
  });
  // 204 No Content tells a browser to stop for good; a watched feed starts again after its longest delay.
  let pauses = 0;
  let resolveSecondPause!: () => void;
  const secondPause = new Promise<void>((resolve) => (resolveSecondPause = resolve));
  server.route('/pause', (_req, res) => {
    res.writeHead(204).end();
    if (++pauses === 2) resolveSecondPause();
  });
  await store.createConnection({ name: 'Paused', url: `${server.url}/pause`, reconnect: { maxDelayMs: 0 } });
  await store.createConnection({ name: 'Unwatched', url: `${server.url}/quiet` });

  cli = startCli(['watch', 'Orders', 'Gateway', 'Paused', '--json', '--data-dir', dataDir]);
  await cli.waitFor('stdout', /"rule":"errors"/);
  await cli.waitFor('stdout', /"rule":"http-error"/);
  await cli.waitFor('stdout', /"rule":"closed"/);
  await secondPause;
  const run = await cli.stop('SIGINT');
  expect(run.code).toBe(0);

  const updates = run.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as AlertUpdate & { time: number });
  const raised = updates.filter((update) => update.change === 'raised');
  expect(raised.find((update) => update.alert.rule === 'errors')).toMatchObject({
    text: 'event "log" #3: {"level":"error","n":2}',
    alert: { connectionName: 'Orders', severity: 'critical', seq: 3, preview: '{"level":"error","n":2}', acknowledged: false },
  });
  expect(raised.find((update) => update.alert.rule === 'http-error')).toMatchObject({
    text: 'HTTP 503 Service Unavailable: maintenance',
    alert: { connectionName: 'Gateway', watchdog: 'http-error', severity: 'critical' },
  });
  expect(raised.find((update) => update.alert.rule === 'closed')).toMatchObject({
    text: 'The feed closed: the server answered 204 No Content (its way to say "stop reconnecting")',
    alert: { connectionName: 'Paused', watchdog: 'closed' },
  });
  expect(updates.every((update) => typeof update.time === 'number')).toBe(true);
  const names = (await new CaptureLibrary(join(dataDir, 'captures')).list()).map((info) => info.name).sort();
  expect(names).toEqual(['Gateway', 'Orders', 'Paused']);
});

test('names what is wrong with its arguments, exit status 2', async () => {
  const { store } = ConfigStore.open(dataDir, noKeychainCipher());
  await store.createConnection({ name: 'Orders', url: `${server.url}/alarms` });

  const unknown = await runCli(['watch', 'Ordres', '--data-dir', dataDir]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain(
    `error: no collection file or saved connection named 'Ordres' in ${dataDir} (saved connections: 'Orders')`,
  );

  const port = await runCli(['watch', 'Orders', '--metrics-port', '70000', '--data-dir', dataDir]);
  expect(port.code).toBe(2);
  expect(port.stderr).toContain("--metrics-port must be a port number, 0 to 65535 (got '70000')");

  const badRule = join(dir, 'bad-rule.json');
  const connection = { name: 'X', url: `${server.url}/alarms`, alerts: [{ query: 'type:x /abc' }] };
  await writeFile(badRule, JSON.stringify({ format: 'sse-scope-collection', version: 1, connections: [connection] }));
  const invalid = await runCli(['watch', badRule, '--data-dir', dataDir]);
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain(
    '✖ Unclosed regular expression: it needs a closing / (at position 7)\n  → at connections[0].alerts[0].query',
  );
});

test('masks secret values in what it prints and writes: alert lines, the captures and the alert log', async () => {
  const TOKEN = 'tok-Wq7-9f3Kx2';
  const API_KEY = 'key-Zr8-55Lm0p';
  // A feed that echoes what it was sent in an event that trips the rule...
  server.route('/echo', (req, res) => {
    const key = new URL(req.url!, 'http://x').searchParams.get('key');
    startSse(res);
    res.write(`event: log\ndata: {"level":"error","key":"${key}","header":"${String(req.headers['x-api-key'])}"}\n\n`);
  });
  // ...and a gateway that quotes the credential it refused in its error body.
  server.route('/refuse', (req, res) => {
    res.writeHead(401, { 'content-type': 'text/plain' }).end(`unknown key ${String(req.headers['x-api-key'])}`);
  });
  const secretHeader = { name: 'X-Api-Key', value: { secret: true, value: API_KEY } };
  const path = join(dir, `secret-feeds-${crypto.randomUUID()}.json`);
  const collection = {
    format: 'sse-scope-collection',
    version: 1,
    environments: [{ name: 'Prod', variables: [{ name: 'token', value: { secret: true, value: TOKEN } }] }],
    connections: [
      { name: 'Orders', url: `${server.url}/echo?key={{token}}`, headers: [secretHeader], alerts: [errorsRule] },
      {
        name: 'Gateway',
        url: `${server.url}/refuse?key={{token}}`,
        headers: [secretHeader],
        reconnect: { initialDelayMs: 100, maxDelayMs: 200 },
      },
    ],
  };
  await writeFile(path, JSON.stringify(collection));

  cli = startCli(['watch', path, '--data-dir', dataDir]);
  await cli.waitFor('stdout', / {2}Orders {2}critical {2}errors {2}/);
  await cli.waitFor('stdout', / {2}Gateway {2}critical {2}http-error {2}/);
  const run = await cli.stop('SIGTERM');
  expect(run.code).toBe(0);

  // The alert lines say what came, with the secrets masked.
  expect(run.stdout).toContain(`event "log" #2: {"level":"error","key":"${REDACTED}","header":"${REDACTED}"}`);
  expect(run.stdout).toContain(`HTTP 401 Unauthorized: unknown key ${REDACTED}`);
  for (const secret of [TOKEN, API_KEY]) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
  // Nothing it wrote holds one: capture files, their meta files, the alert log.
  const written = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  expect(written.map((entry) => entry.name)).toEqual(expect.arrayContaining([expect.stringMatching(/\.ndjson$/)]));
  for (const entry of written) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    expect(text, entry.name).not.toContain(TOKEN);
    expect(text, entry.name).not.toContain(API_KEY);
  }
  // The capture still has the event, masked the same way.
  const library = new CaptureLibrary(join(dataDir, 'captures'));
  const orders = (await library.list()).find((info) => info.name === 'Orders')!;
  const event = (await capturedRecords(library, orders.id)).find((record) => record.kind === 'event');
  expect(event).toMatchObject({ data: `{"level":"error","key":"${REDACTED}","header":"${REDACTED}"}` });
});
