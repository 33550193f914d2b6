// A support desk's morning, for the screenshots of the overview and the Alerts panel: a few feeds
// on a local server (steady ones, one that sends order errors now and then, one that goes quiet,
// one that pauses and comes back, one whose server answers 503), saved with alert rules and the
// watchdog and opened through browser mode's own protocol, then left running until every kind of
// alert has happened.

import type { ServerResponse } from 'node:http';
import type { AlertSeverity } from '../../../main/contract.ts';
import { connectScope } from '../../bench/ui-scope-client.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../../helpers/fixture-server.ts';
import { sseBlock } from './feeds.ts';

interface SceneFeed {
  name: string;
  path: string;
  monitor?: boolean;
  rules?: Array<{ name: string; query: string; severity: AlertSeverity }>;
  staleAfterSec?: number;
}

const FEEDS: SceneFeed[] = [
  { name: 'Orders EU', path: '/orders', rules: [{ name: 'Order errors', query: 'data.level=error', severity: 'critical' }] },
  { name: 'Payments', path: '/payments', staleAfterSec: 30 },
  { name: 'Prices', path: '/prices', staleAfterSec: 2 },
  { name: 'Inventory sync', path: '/inventory', staleAfterSec: 3, monitor: true },
  { name: 'Billing webhooks', path: '/billing', monitor: true, staleAfterSec: 60 },
  { name: 'Shipping', path: '/shipping', rules: [{ name: 'Delays', query: 'type:delay', severity: 'warning' }] },
];

export interface MonitoringScene {
  close(): Promise<void>;
}

/** Starts the feeds' server, saves and opens them in the app at `scopeUrl`, and waits for the alerts. */
export async function startMonitoringScene(scopeUrl: string): Promise<MonitoringScene> {
  const server = await startFixtureServer();
  const timers = new Set<ReturnType<typeof setInterval>>();
  addRoutes(server, timers);
  const client = await connectScope(scopeUrl);
  try {
    for (const feed of FEEDS) {
      const saved = await client.call('connections:save', {
        connection: {
          name: feed.name,
          url: `${server.url}${feed.path}`,
          monitor: feed.monitor ?? false,
          reconnect: { initialDelayMs: 1000, maxDelayMs: 4000 },
          alerts: feed.rules ?? [],
          watchdog: { enabled: feed.staleAfterSec !== undefined, staleAfterSec: feed.staleAfterSec ?? 60 },
        },
      });
      await client.call('sessions:open', { connectionId: saved.id });
    }
    // Every kind: a rule's alert, a stale feed, an HTTP error, and a recovery.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const alerts = await client.call('alerts:list', {});
      const has = (check: (alert: (typeof alerts)[number]) => boolean) => alerts.some(check);
      if (
        has((alert) => alert.rule === 'Order errors') &&
        has((alert) => alert.watchdog === 'stale' && alert.recoveredAt === null) &&
        has((alert) => alert.watchdog === 'http-error' && alert.count > 2) &&
        has((alert) => alert.recoveredAt !== null)
      )
        break;
      if (Date.now() > deadline) throw new Error('the scene did not raise every kind of alert within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // A few buckets of the overview's sparklines (5 s each).
    await new Promise((resolve) => setTimeout(resolve, 16_000));
  } finally {
    client.close();
  }
  return {
    async close() {
      for (const timer of timers) clearInterval(timer);
      await server.close();
    },
  };
}

function addRoutes(server: FixtureServer, timers: Set<ReturnType<typeof setInterval>>): void {
  const every = (res: ServerResponse, ms: number, send: (n: number) => string | null) => {
    let n = 0;
    const timer = setInterval(() => {
      const block = send(++n);
      if (block !== null) res.write(block);
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };
  server.route('/orders', (_req, res) => {
    startSse(res);
    every(res, 50, (n) =>
      sseBlock({ type: 'order', id: String(n), data: JSON.stringify({ id: `A-${1000 + n}`, level: n % 60 === 0 ? 'error' : 'info' }) }),
    );
  });
  server.route('/payments', (_req, res) => {
    startSse(res);
    every(res, 20, (n) => sseBlock({ type: 'payment', id: String(n), data: JSON.stringify({ amount: (n * 7) % 500 }) }));
  });
  // Steady for 2 s, quiet for 4 s (stale after 2 s), then steady again: a recovery.
  server.route('/prices', (_req, res) => {
    startSse(res);
    every(res, 100, (n) =>
      n <= 20 || n > 60 ? sseBlock({ type: 'price', id: String(n), data: `{"symbol": "ACME", "price": ${12 + (n % 7)}}` }) : null,
    );
  });
  server.route('/inventory', (_req, res) => {
    startSse(res);
    res.write(sseBlock({ type: 'sync', data: '{"items": 1204}' }));
  });
  server.route('/billing', (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
  });
  server.route('/shipping', (_req, res) => {
    startSse(res);
    every(res, 250, (n) => sseBlock({ type: n % 40 === 0 ? 'delay' : 'shipment', id: String(n), data: `{"parcel": ${n}}` }));
  });
}
