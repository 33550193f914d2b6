// `watch --metrics-port N`: the feeds' numbers in Prometheus's text format at
// http://127.0.0.1:N/metrics (prom-client), for a team that alerts through its own Prometheus and
// Alertmanager. Every metric has a `feed` label (the connection's name):
//   sse_scope_events_total, sse_scope_bytes_total, sse_scope_reconnects_total    counters
//   sse_scope_alerts_total{feed, rule, severity}                                 alerts raised
//   sse_scope_seconds_since_last_event (since watch started, before the first), sse_scope_up
//   (1 while connected), sse_scope_http_status (of the last response; 0 before any)  gauges
// Counters and gauges are read from the feeds when scraped, so nothing is counted twice and a
// busy feed costs nothing between scrapes. Listens on 127.0.0.1 only.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AlertBook } from '../core/monitor/alert-book.ts';
import type { WatchedFeed } from './watch-feed.ts';

export const METRICS_PREFIX = 'sse_scope_';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** The registry of a watch run; `feeds` is read at each scrape (it may grow after the server starts). */
export function watchRegistry(feeds: readonly WatchedFeed[], book: AlertBook, clock: () => number = Date.now): Registry {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, help: string, read: (feed: WatchedFeed) => number) =>
    new Counter({
      name: METRICS_PREFIX + name,
      help,
      labelNames: ['feed'],
      registers,
      collect() {
        this.reset();
        for (const feed of feeds) this.inc({ feed: feed.name }, read(feed));
      },
    });
  const gauge = (name: string, help: string, read: (feed: WatchedFeed) => number) =>
    new Gauge({
      name: METRICS_PREFIX + name,
      help,
      labelNames: ['feed'],
      registers,
      collect() {
        this.reset();
        for (const feed of feeds) this.set({ feed: feed.name }, read(feed));
      },
    });
  counter('events_total', 'Events received.', (feed) => feed.monitor.numbers.totalEvents);
  counter('bytes_total', 'Bytes of the event streams received (response bodies).', (feed) => feed.bytes);
  counter(
    'reconnects_total',
    'Reconnects (after the stream ended, a network error, a timeout or an HTTP error).',
    (feed) => feed.monitor.numbers.reconnects,
  );
  gauge(
    'seconds_since_last_event',
    'Seconds since the last event (since watch started, before the first).',
    (feed) => (clock() - (feed.monitor.numbers.lastEventAt ?? feed.startedAt)) / 1000,
  );
  gauge('up', '1 while the feed is connected, 0 otherwise.', (feed) => (feed.monitor.numbers.state === 'open' ? 1 : 0));
  gauge('http_status', 'HTTP status of the last response (0 before any).', (feed) => feed.monitor.numbers.httpStatus ?? 0);
  const alerts = new Counter({
    name: `${METRICS_PREFIX}alerts_total`,
    help: 'Alerts raised, by alert rule (or watchdog check) and severity.',
    labelNames: ['feed', 'rule', 'severity'],
    registers,
  });
  book.onChange(({ change, alert }) => {
    if (change === 'raised') alerts.inc({ feed: alert.connectionName, rule: alert.rule, severity: alert.severity });
  });
  return registry;
}

/** Serves the registry at /metrics on 127.0.0.1:port (0: any free port); rejects when the port is taken. */
export async function serveMetrics(registry: Registry, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || (path !== '/metrics' && path !== '/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
