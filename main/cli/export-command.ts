// The `export` command: its arguments, options and help text, and the step from parsed options to
// a run.

import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../core/export/export-format-names.ts';
import { runCommand, UsageError } from './command-exit.ts';
import { capturesFolderFor, DATA_DIR_HELP } from './data-dir-option.ts';
import { CAPTURE_ARGUMENT_HELP } from './search-command.ts';

interface ExportFlags {
  format: ExportFormat;
  out: string;
  query?: string;
  includeSecrets?: boolean;
  dataDir?: string;
}

const FORMATS_HELP = `
Formats:
  ndjson  one record per line, exactly the shape \`sse-scope capture\` writes (opens again in the app)
  json    a JSON array of the same records
  csv     one row per record: time, seq, kind, type, id, data, size (data holds each kind's main value)
  sse     the events, comments and retry values as a text/event-stream (replayable by any SSE server);
          opens, errors, reconnects and closes have no place in it and are left out

Captures are recorded with their secrets masked (URL credentials and tokens, credential headers,
cookies), so an export of one never holds them. Credentials that an imported file holds (one
written by another tool) are redacted by name unless --include-secrets is given. The file is
created readable by you alone, and appears only once it is complete.

Exit status: 0 when written; 1 when the file could not be written; 2 on bad usage: a malformed
query, an unknown capture, a folder that cannot be written.

Examples:
  $ sse-scope export 20250501-101500 --format csv -o session.csv
  $ sse-scope export reply.ndjson --format sse --query 'type:delta' -o deltas.sse`;

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .summary('write the records of a capture (or those matching a query) to a file')
    .description('Export a capture, or the records of it that match a query, as NDJSON, JSON, CSV or text/event-stream.')
    .argument('<capture>', CAPTURE_ARGUMENT_HELP)
    .addOption(new Option('--format <format>', 'the file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('-o, --out <file>', 'the file to write (replaced if it exists)')
    .option('--query <query>', "export only the records matching this query (see 'sse-scope search --help')")
    .option('--include-secrets', "keep credentials the file holds (an imported file's) instead of redacting them")
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', FORMATS_HELP)
    .showHelpAfterError("(see 'sse-scope export --help')")
    .action((capture: string, flags: ExportFlags, command: Command) =>
      runCommand(command, async () => {
        if (flags.out === '') throw new UsageError('-o/--out needs a file name');
        const { runExport } = await import('./export-run.ts');
        return runExport({
          capture,
          format: flags.format,
          outFile: flags.out,
          ...(flags.query !== undefined ? { query: flags.query } : {}),
          includeSecrets: flags.includeSecrets === true,
          capturesFolder: capturesFolderFor(flags.dataDir),
        });
      }),
    );
}
