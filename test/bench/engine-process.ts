// A bench child process: the engine alone in a fresh Node process, as the CLI runs it (same
// start-up, same cold JIT), so the CLI's own cost (serializing and writing) can be read apart from
// what every new process pays. `node dist/bench/engine-process.js <url> <count>`: runs a Session
// with reconnecting off, counts the event records, exits 0 when exactly <count> arrived.

import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { Session } from '../../main/core/sse/session.ts';

const [url, countText] = process.argv.slice(2);
const expected = Number(countText);
let events = 0;
const fetch = createNodeFetch();
const session = new Session({
  url: url!,
  fetch,
  reconnect: { enabled: false },
  onRecords: (batch) => {
    for (const record of batch) {
      if (record.kind === 'event') events++;
      else if (record.kind === 'closed') {
        void fetch.close();
        if (record.reason !== 'ended' || events !== expected) {
          process.stderr.write(`engine process: ${events}/${expected} events, closed "${record.reason}"\n`);
          process.exitCode = 1;
        }
      }
    }
  },
});
session.start();
