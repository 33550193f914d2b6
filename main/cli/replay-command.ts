// The `replay` command: its arguments, options and help text, and the step from parsed options to
// a run.

import { InvalidArgumentError, type Command } from 'commander';
import { runCommand } from './command-exit.ts';
import { capturesFolderFor, DATA_DIR_HELP } from './data-dir-option.ts';
import { CAPTURE_ARGUMENT_HELP } from './search-command.ts';

interface ReplayFlags {
  port: number;
  host: string;
  speed: number;
  loop?: boolean;
  path?: string;
  dataDir?: string;
}

const REPLAY_HELP = `
The replay is a real text/event-stream endpoint: the recorded events (types, ids, data), comments
and retry fields, in order, with the recorded gaps between them divided by --speed. Every request
is answered, whatever its method and body (a recorded POST stream answers a POST), and every
client gets its own timeline from the start. Web pages on other origins may read it (CORS).

Where the recording shows a reconnect (the stream ended and the client came back), the replay
closes the connection, and that client's next request goes on after it. A client that sends
Last-Event-ID resumes after that event, as a real server would. When the recording is over, the
connection is closed if the recorded stream ended, and kept open if the recording stopped while
the stream was still open; a request with nothing left to send is answered 204 No Content (an
EventSource then stops reconnecting). --loop starts over instead.

A text/event-stream file has no receive times: its events go out without gaps.

Exit status: 0 when stopped with Ctrl-C (or SIGTERM); 2 on bad usage: not a capture, a capture
with no events, a port in use.

Examples:
  $ sse-scope replay 20250501-101500 --port 8080
  $ sse-scope replay chat.ndjson --path /v1/chat/completions --speed 0
  $ sse-scope replay feed.sse --loop`;

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .summary('serve a capture as a live SSE endpoint, with its original timing')
    .description('Serve a recorded stream again as a live text/event-stream endpoint on this computer, for SSE clients under development.')
    .argument('<capture>', `${CAPTURE_ARGUMENT_HELP} (a text/event-stream .sse file too)`)
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 0)
    .option('--host <host>', 'address to listen on; other than 127.0.0.1 or localhost opens it to the network', '127.0.0.1')
    .option('--speed <x>', 'pace: 1 as recorded, 2 twice as fast, 0.5 half as fast, 0 as fast as the client reads', parseSpeed, 1)
    .option('--loop', 'start over after the end')
    .option('--path <path>', 'serve only this path (default: every path)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', REPLAY_HELP)
    .showHelpAfterError("(see 'sse-scope replay --help')")
    .action((capture: string, flags: ReplayFlags, command: Command) =>
      runCommand(command, async () => {
        const capturesFolder = capturesFolderFor(flags.dataDir);
        // Loaded only when a replay runs (with the HTTP server), so --help and the other commands start without it.
        const { runReplay } = await import('./replay-run.ts');
        return runReplay({
          capture,
          capturesFolder,
          host: flags.host,
          port: flags.port,
          speed: flags.speed,
          loop: flags.loop === true,
          path: flags.path ?? null,
        });
      }),
    );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

function parseSpeed(value: string): number {
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed < 0)
    throw new InvalidArgumentError('expected a number, 0 or more (1: as recorded)');
  return speed;
}
