// The `watch` command: its options and help text, and the step from parsed options to a run.

import type { Command } from 'commander';
import { runCommand, UsageError } from './command-exit.ts';
import { DATA_DIR_HELP, dataFoldersFor } from './data-dir-option.ts';
import type { WatchSettings } from './watch-run.ts';

interface WatchFlags {
  json?: boolean;
  metricsPort?: string;
  env?: string;
  /** false with --no-watchdog. */
  watchdog?: boolean;
  dataDir?: string;
}

const HELP = `
<feeds> is one collection file (the app's own format for sharing connections), or the names of
connections saved in the app. Every feed runs as a monitored feed: it reconnects forever (backing
off up to its maximum delay), after HTTP errors too, and starts again when it closes. Its alert
rules run, and the watchdog watches its health with its thresholds: no event for a while, too many
reconnects, an HTTP error status, a closed feed (each recovers on the same alert).

Output: one line per alert on stdout, as it happens:
  2025-03-01T09:00:00.000Z  Orders  critical  errors  event "log" #42: {"level":"error"}
  2025-03-01T09:01:00.000Z  Orders  critical  errors  12 more matches of 'errors' in the last minute
  2025-03-01T09:07:12.000Z  Prices  recovered  stale  Events again after 4 min 12 s
--json writes one JSON object per line instead: {"change", "time", "text", "alert": {...}}.

Each feed is saved as a capture of the library the app uses, with its alert log beside it; both
are closed and flushed when watch is stopped (Ctrl-C or SIGTERM; exit status 0).

--metrics-port N serves Prometheus metrics at http://127.0.0.1:N/metrics (labelled by feed):
sse_scope_events_total, _bytes_total, _reconnects_total, _alerts_total{rule,severity},
_seconds_since_last_event, _up, _http_status. N = 0 picks a free port (printed on stderr).

Examples:
  $ sse-scope watch team-feeds.json --metrics-port 9464
  $ sse-scope watch Orders Prices --json >> alerts.ndjson`;

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .summary('run feeds headless with their alert rules and watchdog; print alerts, serve metrics')
    .description(
      'Watch event streams without a window (on a server, in a container): the same feeds, alert rules and ' +
        'watchdog as the app, alerts printed as they happen, captures saved as the app saves them.',
    )
    .argument('<feeds...>', 'a collection file, or the names of saved connections')
    .option('--json', 'print each alert as a JSON line')
    .option('--metrics-port <port>', 'serve Prometheus metrics on 127.0.0.1:<port>')
    .option('--env <name>', "the environment whose variables fill {{name}}s (default: the app's active one; a collection's only one)")
    .option('--no-watchdog', 'run only the alert rules, not the health checks')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', HELP)
    .showHelpAfterError("(see 'sse-scope watch --help')")
    .action((feeds: string[], flags: WatchFlags, command: Command) =>
      runCommand(command, async () => {
        const settings = watchSettings(feeds, flags);
        // Loaded only when watch runs (with the HTTP client and prom-client).
        const { runWatch } = await import('./watch-run.ts');
        return runWatch(settings);
      }),
    );
}

function watchSettings(feeds: string[], flags: WatchFlags): WatchSettings {
  const folders = dataFoldersFor(flags.dataDir);
  const settings: WatchSettings = {
    feeds,
    json: flags.json === true,
    watchdog: flags.watchdog !== false,
    dataDir: folders.dataDir,
    capturesFolder: folders.capturesDir,
  };
  if (flags.env !== undefined) settings.environment = flags.env;
  if (flags.metricsPort !== undefined) settings.metricsPort = port(flags.metricsPort);
  return settings;
}

function port(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 65_535)
    throw new UsageError(`--metrics-port must be a port number, 0 to 65535 (got '${text}')`);
  return value;
}
