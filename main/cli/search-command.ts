// The `search` command: its arguments, options and help text (the query language in brief), and
// the step from parsed options to a run.

import type { Command } from 'commander';
import { runCommand } from './command-exit.ts';
import { capturesFolderFor, DATA_DIR_HELP } from './data-dir-option.ts';

interface SearchFlags {
  count?: boolean;
  dataDir?: string;
}

export const CAPTURE_ARGUMENT_HELP =
  'a capture id from `sse-scope captures` (or a unique start of one), a capture name (the newest of that name), or a capture or export file';

export const QUERY_HELP = `
Query language (terms separated by spaces must all match; a leading - negates a term):
  word  "a phrase"      text in an event's data, type or id, a comment or an error message
                        (case-insensitive)
  /regex/flags          a regular expression over the same text (flags: i, m, s, u, v, d)
  type:tick  id:42      the event type, the event id
  kind:error            the record kind: event, comment, retry, open, error, reconnect, closed
  data.user.name=ann    a field of an event's JSON data is this value (data=x: the whole data)
  data.choices.0.delta.content~hel   a field of the JSON data contains this text

Exit status: 0 when done (also with no matches); 1 when the output could not be written;
2 on bad usage: a malformed query, an unknown capture.`;

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .summary('print the records of a capture that match a query')
    .description(
      'Search a capture and print the matching records as NDJSON (one JSON object per line, the shape ' +
        '`sse-scope capture` writes), in order.',
    )
    .argument('<capture>', CAPTURE_ARGUMENT_HELP)
    .argument('<query>', "what to find, e.g. 'type:tick' (quote it for the shell)")
    .option('--count', 'print only the number of matching records')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText(
      'after',
      `${QUERY_HELP}

Examples:
  $ sse-scope search 20250501-101500 'type:tick'
  $ sse-scope search reply.ndjson '/tool_use|tool_call/ -kind:comment' --count
  $ sse-scope search stream.sse 'data.choices.0.finish_reason=stop'`,
    )
    .showHelpAfterError("(see 'sse-scope search --help')")
    .action((capture: string, query: string, flags: SearchFlags, command: Command) =>
      runCommand(command, async () => {
        const capturesFolder = capturesFolderFor(flags.dataDir);
        const { runSearch } = await import('./search-run.ts');
        return runSearch({ capture, query, countOnly: flags.count === true, capturesFolder });
      }),
    );
}
