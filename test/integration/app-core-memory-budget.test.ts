// One memory budget for the whole app (settings.memoryBudgetMb): 32 sessions on fast feeds through
// the app core, with the budget at 512 MB. Memory stays under it (the memory windows give their
// oldest records to disk, and connections are read no faster than the capture files take them),
// a 33rd sessions:open still gets its answer, and the oldest records are still there, read back
// from the capture files. The feeds run in a process of their own, so only the app is measured.

import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { SessionView } from '../../main/contract.ts';
import { removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { forkFixtureServer, type FixtureServerProcess } from '../helpers/fixture-server.ts';

const MB = 1024 * 1024;
const BUDGET_MB = 512;
const SESSIONS = 32;
/** Each feed: 20,000 events a second of 1 KB (the app takes them as fast as it can, if slower). */
const FEED = 'rate?perSecond=20000&bytes=1000';

let feeds: FixtureServerProcess;
let app: Harness | null = null;

beforeAll(async () => {
  feeds = await forkFixtureServer();
});
afterEach(async () => {
  await app?.stop();
  app = null;
});
afterAll(async () => {
  await feeds.stop();
  await removeTempFolders();
});

it(
  `${SESSIONS} fast sessions stay under a ${BUDGET_MB} MB budget, a 33rd sessions:open answers, and no record is lost`,
  { timeout: 60_000 },
  async () => {
    // The records pushed to the view are not kept by the test: it would be the one holding them.
    app = await startHarness({ forgetPushes: ['session:records'] });
    await app.call('settings:update', { memoryBudgetMb: BUDGET_MB });
    const rssBefore = process.memoryUsage().rss;
    const sessions: SessionView[] = [];
    for (let n = 1; n <= SESSIONS + 1; n++) {
      const connection = await app.call('connections:save', { connection: { name: `Feed ${n}`, url: `${feeds.url}/${FEED}&n=${n}` } });
      if (n <= SESSIONS) sessions.push(await app.call('sessions:open', { connectionId: connection.id }));
    }

    let peakRss = rssBefore;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const connections = await app.call('connections:list', undefined);
      const another = await app.call('sessions:open', { connectionId: connections.at(-1)!.id });
      expect(another).toMatchObject({ name: `Feed ${SESSIONS + 1}` });
    } finally {
      clearInterval(sample);
    }
    expect((peakRss - rssBefore) / MB).toBeLessThan(BUDGET_MB);

    // Every record the first session stored can be read back (most of them from its capture file).
    const sessionId = sessions[0]!.id;
    const { total } = await app.call('records:counts', { sessionId });
    let seq = 1;
    for (let page = await app.call('records:range', { sessionId, fromSeq: 1, count: 5000 }); page.length > 0;) {
      for (const record of page) expect(record.seq).toBe(seq++);
      page = await app.call('records:range', { sessionId, fromSeq: seq, count: 5000 });
    }
    expect(seq - 1).toBeGreaterThanOrEqual(total);
  },
);
