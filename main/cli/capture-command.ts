// The `capture` command: its options and help text, and the step from parsed options to a run.

import { Option, type Command } from 'commander';
import { resolveCaptureSettings, type CaptureFlags } from './capture-options.ts';
import { runCommand } from './command-exit.ts';
import { DATA_DIR_HELP } from './data-dir-option.ts';
import { OUTPUT_FORMATS } from './record-output.ts';

export { EXIT_USAGE } from './command-exit.ts';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const RECORD_FIELDS = `
Output (--format ndjson): one JSON object per line. Every record has seq, kind and time (epoch ms).
  event      type, data, lastEventId (always a string), id (when the block had an id field), size
  comment    text           retry     ms
  open       status, headers, url, ttfbMs, attempt, framing (sse, or ndjson: one event per line)
  error      message, status (when the server answered), body, retryInMs
  reconnect  delayMs, lastEventId, reason, attempt
  closed     reason: ended | no-content | limit | failed | closed (stopped with Ctrl-C);
             message, when the reason alone does not say why (which limit was reached)
--format sse writes the events, comments and retry values back as a text/event-stream.

--save also records every written record (same seqs, every kind, whatever --format says) into a
new capture of the library the app uses; at the end its id is printed on stderr, for
\`sse-scope search\` and \`sse-scope export\`. The name defaults to the URL's host and path. Put
--save after the URL, or write --save=NAME: "--save URL" would take the URL for the name. A
saved capture is kept (the app's size cap never deletes it) and, like the app's, stops at 1 GiB
unless --max-bytes gives another size.

--max-bytes counts the records written to the output, and to the saved capture; whichever
reaches the size first ends the capture (at the end of the batch that reached it), with a closed
record whose reason is limit and whose message names the limit.

Exit status: 0 when the stream ended, a limit was reached or Ctrl-C (or SIGTERM) stopped it;
1 when the connection failed and will not be retried; 2 on bad usage.

Examples:
  $ sse-scope capture http://localhost:3000/events --max-events 100
  $ sse-scope capture https://api.example.com/v1/chat -H "Authorization: Bearer $TOKEN" \\
      -H 'Content-Type: application/json' -d @request.json --no-reconnect -o reply.ndjson
  $ sse-scope capture http://localhost:3000/events --duration 60 --save=nightly > /dev/null`;

export function registerCaptureCommand(program: Command): void {
  const command = program
    .command('capture')
    .summary('stream the records of an SSE endpoint to stdout or a file')
    .description(
      'Connect to an event stream and write every record (events, comments, retry fields, opens, errors, ' +
        'reconnects and the close) as it arrives. Reconnects the way a browser EventSource does.',
    )
    .argument('<url>', 'the event stream URL (http: or https:)')
    .optionsGroup('Request:')
    .option('-X, --method <method>', 'HTTP method (default: GET, or POST with -d)')
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect)
    .option('-d, --data <text|@file>', 'request body, or @file to send a file as is (Content-Type: set it with -H)')
    .option('--last-event-id <id>', 'send this Last-Event-ID with the first request')
    .optionsGroup('Reconnecting and stopping:')
    .option('--no-reconnect', 'stop when the stream ends or the connection fails')
    .option('--retry-errors', 'reconnect after HTTP error statuses too (the spec gives up on them)')
    .option('--max-events <n>', 'stop after n events')
    .option('--max-bytes <size>', 'stop once this much is written, e.g. 500k, 10M, 2G (with --save: 1G unless given)')
    .option('--duration <seconds>', 'stop after this many seconds')
    .optionsGroup('Output:')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('ndjson'))
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--save [name]', 'also save the records as a capture in the library (see below)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .optionsGroup('TLS:')
    .option('--insecure', 'accept any server certificate (self-signed, expired, wrong host)')
    .option('--ca <file>', 'also trust the certificate authorities in this PEM file')
    .addHelpText('after', RECORD_FIELDS)
    .showHelpAfterError("(see 'sse-scope capture --help')")
    .action((url: string, flags: CaptureFlags, command: Command) =>
      runCommand(command, async () => {
        const settings = resolveCaptureSettings(url, flags);
        // Loaded only when a capture runs (with the HTTP client), so --help and the other
        // commands start without it.
        const { runCapture } = await import('./capture-run.ts');
        return runCapture(settings);
      }),
    );
  explainSaveTakingTheUrl(command);
}

/**
 * `capture --save http://...`: the optional name of --save takes the URL, and commander then
 * reports <url> missing. Say why, instead of only that the URL is missing (it is right there).
 */
function explainSaveTakingTheUrl(command: Command): void {
  command.configureOutput({
    outputError: (text, write) => {
      const save: unknown = command.getOptionValue('save');
      if (text.startsWith("error: missing required argument 'url'") && typeof save === 'string' && /^https?:\/\//i.test(save)) {
        text = `${text.trimEnd()}: --save took '${save}' for the capture's name; put --save after the URL, or write --save=NAME\n`;
      }
      write(text);
    },
  });
}
