// `sse-scope search` and `sse-scope export` as a user runs them: a capture recorded from a real
// local server with `capture --save`, then searched and exported by id, by id prefix and by path,
// with the built CLI in a child process, judged by stdout, stderr, the files and the exit status.
// Expected results are worked out here from the capture file's own lines.

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REDACTED } from '../../main/core/export/redact-secrets.ts';
import { EventStreamParser } from '../../main/core/sse/event-stream-parser.ts';
import type { EventRecord, SseRecord } from '../../main/common/records.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { ERASE_LINE, hasScript, runOnTerminal } from '../helpers/cli-terminal.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

let server: FixtureServer;
let dir: string;
let dataDir: string;
let folder: string;
/** The capture every test reads, and its records as the capture file holds them. */
let id: string;
let records: SseRecord[];
/** A second, shorter capture (for an ambiguous id prefix). */
let otherId: string;

const parseLines = (text: string): SseRecord[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);
const isEvent = (r: SseRecord): r is EventRecord => r.kind === 'event';

async function saveCapture(path: string, extra: string[] = []): Promise<string> {
  const run = await runCli(['capture', `${server.url}${path}`, '--no-reconnect', '--save', '--data-dir', dataDir, ...extra]);
  expect(run.code).toBe(0);
  const match = /^saved capture (\S+) /m.exec(run.stderr);
  if (!match) throw new Error(`no capture saved:\n${run.stderr}`);
  return match[1]!;
}

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-search-'));
  dataDir = join(dir, 'data');
  folder = join(dataDir, 'captures');
  server = await startFixtureServer();
  // 30 events: tick and tock with JSON data naming a user, a few notes with plain text, comments,
  // and a cookie in the response headers (which exports redact).
  server.route('/feed', (_req, res) => {
    startSse(res, { 'set-cookie': 'session=abc123' });
    let body = ': feed start\n';
    for (let n = 1; n <= 30; n++) {
      if (n % 10 === 0) body += `event: note\ndata: plain text ${n}, with "quotes"\ndata: and a second line\n\n: keep-alive\n`;
      else body += `id: ${n}\nevent: ${n % 3 === 0 ? 'tock' : 'tick'}\ndata: {"n":${n},"user":{"name":"${n % 2 ? 'ann' : 'bob'}"}}\n\n`;
    }
    res.end(body);
  });
  id = await saveCapture('/feed');
  otherId = await saveCapture('/feed', ['--max-events', '2']);
  records = parseLines(await readFile(join(folder, `${id}.ndjson`), 'utf8'));
  expect(records.filter(isEvent)).toHaveLength(30);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const search = (...args: string[]) => runCli(['search', ...args, '--data-dir', dataDir]);
const exportTo = (...args: string[]) => runCli(['export', ...args, '--data-dir', dataDir]);

describe('search', () => {
  test("`search <id> 'type:tick'` prints exactly the matching records, in order, as NDJSON", async () => {
    const run = await search(id, 'type:tick');
    expect(run.code).toBe(0);
    const ticks = records.filter((r) => isEvent(r) && r.type === 'tick');
    expect(ticks.length).toBeGreaterThan(0);
    expect(parseLines(run.stdout)).toEqual(ticks);
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stderr).toBe(''); // no status line off a terminal
  });

  test('a unique prefix of the id, and the capture file given by path, find the same capture', async () => {
    const byId = await search(id, 'type:tock');
    const [byPrefix, byPath] = await Promise.all([
      search(id.slice(0, id.length - 3), 'type:tock'),
      search(join(folder, `${id}.ndjson`), 'type:tock'),
    ]);
    expect(byId.code).toBe(0);
    expect(parseLines(byId.stdout)).toEqual(records.filter((r) => isEvent(r) && r.type === 'tock'));
    expect(byPrefix).toEqual(byId);
    expect(byPath).toEqual(byId);
  });

  test('--count prints only the number of matches', async () => {
    const [all, notes, none] = await Promise.all([
      search(id, '', '--count'),
      search(id, 'kind:event type:note', '--count'),
      search(id, 'type:missing', '--count'),
    ]);
    expect(all.stdout).toBe(`${records.length}\n`);
    expect(notes.stdout).toBe(`${records.filter((r) => isEvent(r) && r.type === 'note').length}\n`);
    expect(none).toMatchObject({ code: 0, stdout: '0\n' });
  });

  test('regular expressions and JSON field filters, negated terms and phrases', async () => {
    const regex = /"n":1\d\b/;
    const byRegex = await search(id, '/"n":1\\d\\b/');
    expect(byRegex.code).toBe(0);
    const expected = records.filter(
      (r) =>
        (isEvent(r) && (regex.test(r.data) || regex.test(r.type) || regex.test(r.id ?? ''))) ||
        (r.kind === 'comment' && regex.test(r.text)),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(parseLines(byRegex.stdout)).toEqual(expected);

    const byField = await search(id, 'data.user.name=ann -type:tock');
    const userOf = (r: EventRecord) => {
      try {
        return (JSON.parse(r.data) as { user?: { name?: string } }).user?.name;
      } catch {
        return undefined;
      }
    };
    const anns = records.filter((r) => isEvent(r) && userOf(r) === 'ann' && r.type !== 'tock');
    expect(anns.length).toBeGreaterThan(0);
    expect(parseLines(byField.stdout)).toEqual(anns);

    const byPhrase = await search(id, 'with "with \\"quotes\\""');
    const quoted = records.filter((r) => isEvent(r) && r.data.toLowerCase().includes('with "quotes"'));
    expect(quoted.length).toBeGreaterThan(0);
    expect(parseLines(byPhrase.stdout)).toEqual(quoted);
  });

  test('a malformed query exits 2 with a message that points at its position', async () => {
    const run = await search(id, 'type:x /abc');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    const at = lines.findIndex((line) => line.includes('bad query at position 7: Unclosed regular expression'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe('  type:x /abc');
    expect(lines[at + 2]!.indexOf('^')).toBe(lines[at + 1]!.indexOf('/'));

    const kind = await search(id, 'kind:nope');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('bad query at position 5: Unknown kind "nope"');
  });

  test('a missing capture exits 2 and says where it looked; an ambiguous prefix names the captures', async () => {
    const missing = await search('nope', 'type:tick');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no capture 'nope' in ${folder}; see \`sse-scope captures\``);

    const missingFile = await search(join(dir, 'gone.ndjson'), 'type:tick');
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain(`no capture file '${join(dir, 'gone.ndjson')}'`);

    let common = 0;
    while (id[common] === otherId[common]) common++;
    expect(common).toBeGreaterThan(0);
    const ambiguous = await search(id.slice(0, common), 'type:tick');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`matches 2 captures`);
    expect(ambiguous.stderr).toContain(id);
    expect(ambiguous.stderr).toContain(otherId);
  });
});

describe('export', () => {
  /** The records as an export writes them: credentials in the open record redacted. */
  const exported = () => records.map((r) => (r.kind === 'open' ? { ...r, headers: { ...r.headers, 'set-cookie': REDACTED } } : r));

  test('--format csv --query writes a CSV with only the matching records', async () => {
    const out = join(dir, 'tocks.csv');
    const run = await exportTo(id, '--format', 'csv', '--query', 'type:tock', '-o', out);
    expect(run.code).toBe(0);
    const tocks = records.filter((r): r is EventRecord => isEvent(r) && r.type === 'tock');
    expect(run.stderr).toContain(`exported ${tocks.length} records (the matches of 'type:tock' among ${records.length}) as csv to ${out}`);
    expect(run.stderr).not.toContain('\x1b[');

    const rows = parseCsv(await readFile(out), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => ({ seq: Number(row.seq), kind: row.kind, type: row.type, id: row.id, data: row.data }))).toEqual(
      tocks.map((r) => ({ seq: r.seq, kind: 'event', type: 'tock', id: r.id, data: r.data })),
    );
  });

  test('every format, each read back: NDJSON and JSON as the records, CSV as rows, SSE as the stream', async () => {
    const paths = { ndjson: join(dir, 'all.ndjson'), json: join(dir, 'all.json'), csv: join(dir, 'all.csv'), sse: join(dir, 'all.sse') };
    const runs = await Promise.all(Object.entries(paths).map(([format, path]) => exportTo(id, '--format', format, '-o', path)));
    for (const run of runs) expect(run.code).toBe(0);

    expect(parseLines(await readFile(paths.ndjson, 'utf8'))).toEqual(exported());
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(exported());
    const rows = parseCsv(await readFile(paths.csv), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [Number(row.seq), row.kind])).toEqual(records.map((r) => [r.seq, r.kind]));

    const replayed: object[] = [];
    const parser = new EventStreamParser(
      {
        event: (type, data, lastEventId, eventId) => replayed.push({ type, data, lastEventId, id: eventId }),
        comment: (text) => replayed.push({ comment: text }),
        retry: () => {},
      },
      { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 },
    );
    parser.feed(await readFile(paths.sse));
    parser.end();
    expect(replayed).toEqual(
      records.flatMap<object>((r) =>
        isEvent(r)
          ? [{ type: r.type, data: r.data, lastEventId: r.lastEventId, id: r.id }]
          : r.kind === 'comment'
            ? [{ comment: r.text }]
            : [],
      ),
    );
  });

  test('exported NDJSON, JSON and text/event-stream files open again for search by path', async () => {
    const ndjson = join(dir, 'again.ndjson');
    const sse = join(dir, 'again.sse');
    const json = join(dir, 'again.json');
    await Promise.all([
      exportTo(id, '--format', 'ndjson', '-o', ndjson),
      exportTo(id, '--format', 'sse', '-o', sse),
      exportTo(id, '--format', 'json', '-o', json),
    ]);
    const ticks = records.filter((r): r is EventRecord => isEvent(r) && r.type === 'tick');
    const temporary = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('sse-scope-import-'));
    const before = await temporary();

    const [fromNdjson, fromSse, fromJson] = await Promise.all([
      search(ndjson, 'type:tick'),
      search(sse, 'type:tick'),
      search(json, 'type:tick', '--count'),
    ]);
    expect(parseLines(fromNdjson.stdout)).toEqual(ticks);
    // A text/event-stream has no seqs or times: the import numbers its records itself.
    expect(parseLines(fromSse.stdout).map((r) => isEvent(r) && [r.type, r.data, r.lastEventId, r.id])).toEqual(
      ticks.map((r) => [r.type, r.data, r.lastEventId, r.id]),
    );
    expect(fromJson.stdout).toBe(`${ticks.length}\n`);
    // The temporary import is gone once the search is done.
    expect((await temporary()).filter((name) => !before.includes(name))).toEqual([]);
  });

  test('bad usage exits 2 before anything is written: a malformed query, a missing capture, a missing folder', async () => {
    const out = join(dir, 'never.csv');
    const badQuery = await exportTo(id, '--format', 'csv', '--query', 'data.=x', '-o', out);
    expect(badQuery.code).toBe(2);
    expect(badQuery.stderr).toContain('bad query at position 5: Empty name in the data path');
    expect(badQuery.stderr).toContain('  data.=x\n       ^');

    const missing = await exportTo('nope', '--format', 'csv', '-o', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no capture 'nope' in ${folder}`);

    const noFolder = await exportTo(id, '--format', 'csv', '-o', join(dir, 'no', 'such', 'folder', 'x.csv'));
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('-o/--out: cannot write into');

    const noFormat = await exportTo(id, '-o', out);
    expect(noFormat.code).toBe(2);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });
});

describe.skipIf(!hasScript)(`on a terminal${hasScript ? '' : ' (skipped: `script` is not installed)'}`, () => {
  test('export shows what it is doing on a status line, erases it, and ends with a summary', async () => {
    const out = join(dir, 'terminal.json');
    const { code, screen } = await runOnTerminal(['export', id, '--format', 'json', '-o', out, '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(screen).toContain(`${ERASE_LINE}loading ${id}`);
    expect(screen).toMatch(new RegExp(`\\r\\x1b\\[2Kexporting [\\d,]+ / ${records.length} records`));
    expect(screen).toMatch(new RegExp(`${ERASE_LINE.replace('[', '\\[')}sse-scope: exported ${records.length} records as json`));
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveLength(records.length);
  });

  test('search --count shows loading and searching, then only the number is left', async () => {
    const { code, screen } = await runOnTerminal(['search', id, 'type:tick', '--count', '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(screen).toContain(`${ERASE_LINE}searching ${records.length} records`);
    const ticks = records.filter((r) => isEvent(r) && r.type === 'tick').length;
    expect(screen.endsWith(`${ERASE_LINE}${ticks}\r\n`)).toBe(true);
  });
});
