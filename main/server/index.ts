// The `serve` entry (`npm run serve -- --port 8080`): SSE Scope in a browser tab. Starts browser
// mode on 127.0.0.1 and prints the URL to open (with its access token); Ctrl-C or SIGTERM stops it
// cleanly (captures finished), a second Ctrl-C at once.

import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { messageOf } from '../common/error-message.ts';

/** A repeated stop signal this soon after the first is an echo, not a second Ctrl-C. */
const SIGNAL_ECHO_MS = 1000;
import { startServe } from './serve.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

const program = new Command('sse-scope-serve')
  .description('SSE Scope in your browser: serves the app on 127.0.0.1 behind a random access token.')
  .version(packageJson.version)
  .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 0)
  .option('--data-dir <dir>', "data folder for saved connections and captures (default: the desktop app's)")
  .option('--no-demo', 'do not start the built-in demo feed')
  // Beside this file once built (dist/server.js, dist/renderer).
  .option('--renderer-dir <dir>', 'the built renderer to serve', join(import.meta.dirname, 'renderer'))
  .parse(process.argv);

const options = program.opts<{ port: number; dataDir?: string; demo: boolean; rendererDir: string }>();
const log = (message: string, error?: unknown) =>
  process.stderr.write(`sse-scope serve: ${message}${error === undefined ? '' : `: ${messageOf(error)}`}\n`);

try {
  const serving = await startServe({
    port: options.port,
    dataDir: options.dataDir,
    rendererDir: options.rendererDir,
    demo: options.demo ? {} : false,
    version: packageJson.version,
    log,
  });
  for (const notice of serving.notices) log(`${notice.level}: ${notice.message}`);
  process.stdout.write(`SSE Scope browser mode: open ${serving.url} (Ctrl-C to stop)\n`);
  // A second Ctrl-C exits at once. A repeat within a moment is not the user: a library that
  // writes files atomically (conf -> atomically -> when-exit) re-sends the signal it caught to the
  // process, and that echo must not cut the clean stop short.
  let stoppingSince: number | null = null;
  const stop = () => {
    if (stoppingSince !== null) {
      if (performance.now() - stoppingSince > SIGNAL_ECHO_MS) process.exit(130);
      return;
    }
    stoppingSince = performance.now();
    serving.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('stopping failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  log(
    code === 'EADDRINUSE' ? `port ${options.port} is in use: choose another with --port, or --port 0 for any free one` : messageOf(error),
  );
  process.exit(1);
}
