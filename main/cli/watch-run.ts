// One `watch` run: resolves the feeds, opens the alert book of the captures library (alerts kept
// beside each feed's capture), serves the metrics when asked, starts every feed, prints each alert
// as it happens, and runs until Ctrl-C or SIGTERM (or until stdout's reader goes away). Then it
// closes every feed, finishes the captures and flushes the alert logs, and exits 0. A second
// Ctrl-C exits at once (130).

import { mkdir } from 'node:fs/promises';
import { FetchClients } from '../core/app/fetch-clients.ts';
import { AlertBook } from '../core/monitor/alert-book.ts';
import { createNodeFetch } from '../core/sse/node-fetch.ts';
import { CaptureLibrary } from '../core/store/capture-library.ts';
import { AlertOutput } from './alert-output.ts';
import { EXIT_FAILED, EXIT_OK } from './command-exit.ts';
import { abortOnInterrupt } from './interrupt.ts';
import { formatCount } from '../common/number-format.ts';
import { WatchedFeed } from './watch-feed.ts';
import { serveMetrics, watchRegistry, type MetricsServer } from './watch-metrics.ts';
import { resolveWatchTargets } from './watch-targets.ts';

export interface WatchSettings {
  /** A collection file, or saved connection names. */
  feeds: string[];
  json: boolean;
  /** Serve metrics on this port of 127.0.0.1 (0: any free one). */
  metricsPort?: number;
  /** Run the watchdog (--no-watchdog: only the alert rules). */
  watchdog: boolean;
  environment?: string;
  dataDir: string;
  capturesFolder: string;
}

export async function runWatch(settings: WatchSettings): Promise<number> {
  const targets = resolveWatchTargets(settings.feeds, {
    dataDir: settings.dataDir,
    ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
  });
  const warn = (message: string) => process.stderr.write(`sse-scope: ${message}\n`);
  const note = (message: string) => process.stderr.write(`${message}\n`);
  const interrupt = abortOnInterrupt();
  const stopped = new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(), { once: true }));

  await mkdir(settings.capturesFolder, { recursive: true });
  const book = await AlertBook.open(settings.capturesFolder);
  for (const problem of book.problems) warn(`alert log ${problem}`);
  let writeWarned = false;
  book.onError((error) => {
    if (!writeWarned) warn(`an alert could not be written to its log: ${error.message}`);
    writeWarned = true;
  });

  const feeds: WatchedFeed[] = [];
  let metrics: MetricsServer | null = null;
  if (settings.metricsPort !== undefined) {
    try {
      metrics = await serveMetrics(watchRegistry(feeds, book), settings.metricsPort);
    } catch (error) {
      interrupt.dispose();
      warn(
        `cannot serve metrics on 127.0.0.1:${settings.metricsPort} (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another --metrics-port`,
      );
      return EXIT_FAILED;
    }
  }

  const output = new AlertOutput(process.stdout, { json: settings.json });
  let outputGone = false;
  output.onFailure = () => {
    outputGone = true; // `watch | head`: the reader has what it wanted
    interrupt.abort();
  };
  book.onChange((update) => {
    if (!outputGone) output.print(update);
  });

  const library = new CaptureLibrary(settings.capturesFolder);
  const clients = new FetchClients(createNodeFetch);
  try {
    for (const target of targets) {
      feeds.push(
        await WatchedFeed.start(target, { library, book, fetchFor: (tls) => clients.get(tls), watchdog: settings.watchdog, warn }),
      );
    }
    const metricsNote = metrics ? `; metrics at ${metrics.url}` : '';
    note(`watching ${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}${metricsNote}; stop with Ctrl-C or SIGTERM`);
    await stopped;
  } finally {
    const records = await Promise.all(feeds.map((feed) => feed.stop()));
    await book.flush();
    await metrics?.close();
    await clients.closeAll();
    interrupt.dispose();
    if (feeds.length > 0) {
      const total = records.reduce((sum, count) => sum + count, 0);
      note(
        `saved ${feeds.length} ${feeds.length === 1 ? 'capture' : 'captures'} (${formatCount(total)} records) in ${settings.capturesFolder}`,
      );
    }
  }
  return EXIT_OK;
}
