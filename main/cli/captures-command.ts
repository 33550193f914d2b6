// The `captures` command: lists the captures library (the app's recorded sessions and those saved
// with `capture --save`), newest first, as a table or as JSON, so their ids can be given to
// `search` and `export`.

import type { Command } from 'commander';
import type { CaptureInfo } from '../core/store/capture-library.ts';
import { EXIT_OK, runCommand } from './command-exit.ts';
import { capturesFolderFor, DATA_DIR_HELP } from './data-dir-option.ts';
import { formatBytes, formatCount } from '../common/number-format.ts';

interface CapturesFlags {
  json?: boolean;
  dataDir?: string;
}

const MAX_NAME_WIDTH = 40;

export function registerCapturesCommand(program: Command): void {
  program
    .command('captures')
    .summary('list the saved captures')
    .description('List the captures library, newest first: the sessions the app recorded and those saved with `capture --save`.')
    .option('--json', 'print the list as JSON (every field, times in epoch ms)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .showHelpAfterError("(see 'sse-scope captures --help')")
    .action((flags: CapturesFlags, command: Command) =>
      runCommand(command, async () => {
        const folder = capturesFolderFor(flags.dataDir);
        const { CaptureLibrary } = await import('../core/store/capture-library.ts');
        const captures = await new CaptureLibrary(folder).list();
        if (flags.json) process.stdout.write(JSON.stringify(captures, null, 2) + '\n');
        else if (captures.length === 0) process.stderr.write(`no captures in ${folder}\n`);
        else process.stdout.write(capturesTable(captures));
        return EXIT_OK;
      }),
    );
}

/** Aligned columns: id, name, start (local time), records, size. */
export function capturesTable(captures: readonly CaptureInfo[]): string {
  const rows = [
    ['ID', 'NAME', 'STARTED', 'RECORDS', 'SIZE'],
    ...captures.map((c) => [
      c.id,
      shorten(c.name),
      localTime(c.startedAt),
      c.records === null ? '-' : formatCount(c.records),
      formatBytes(c.sizeBytes),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  // Numbers are right-aligned; the last column ends the line without trailing spaces.
  const rightAligned = new Set([3, 4]);
  return (
    rows
      .map((row) =>
        row
          .map((cell, column) => {
            const pad = ' '.repeat(widths[column]! - [...cell].length);
            return rightAligned.has(column) ? pad + cell : column === row.length - 1 ? cell : cell + pad;
          })
          .join('  '),
      )
      .join('\n') + '\n'
  );
}

function shorten(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  const chars = [...name.replace(/[\x00-\x1f\x7f]/g, ' ')];
  return chars.length <= MAX_NAME_WIDTH ? chars.join('') : chars.slice(0, MAX_NAME_WIDTH - 1).join('') + '…';
}

function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
