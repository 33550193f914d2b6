// `sse-scope --version`, `--help` and each command's help, as a user first meets the CLI. Each
// command loads the modules that do its work only when it runs (program.ts), so these also check
// that the program and every command's options load on their own, before any command runs.

import { readFile } from 'node:fs/promises';
import { beforeAll, expect, test } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';

beforeAll(() => ensureCliBuilt(), 60_000);

test('--version prints the package version and exits 0', async () => {
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const run = await runCli(['--version']);
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe(version);
});

test('--help lists every command and exits 0', async () => {
  const run = await runCli(['--help']);
  expect(run.code).toBe(0);
  for (const command of ['capture', 'captures', 'search', 'export', 'replay', 'llm'])
    expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
});

test.each([
  ['capture', ['-X, --method', '--no-reconnect', '--format <format>', 'lastEventId (always a string)', 'Exit status']],
  ['captures', ['--json', '--data-dir']],
  ['search', ['<capture>', '<query>', 'Query language', '--count']],
  ['export', ['--format <format>', 'choices: "ndjson", "json", "csv", "sse"', '-o, --out <file>', '--include-secrets']],
  ['replay', ['<capture>', '--port <n>', '--host <host>', '--speed <x>', '--loop', '--path <path>', 'Last-Event-ID', 'Exit status']],
  ['llm', ['<url|capture>', '-d, --data <text|@file>', '--format <format>', 'jsonpath:EXPR', '--json', 'Exit status']],
])('%s --help shows its options and notes', async (command, expected) => {
  const run = await runCli([command, '--help']);
  expect(run.code).toBe(0);
  for (const text of expected) expect(run.stdout).toContain(text);
});

test('an unknown command exits 2 and points to --help', async () => {
  const run = await runCli(['catpure', 'http://127.0.0.1:1/']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("unknown command 'catpure'");
  expect(run.stderr).toContain('--help');
});
