// A bench child process: the peer of `sse-scope capture -o <file>`, a CLI built the usual way on
// the `eventsource` package (v4, the same undici fetch as ours). It writes the same NDJSON
// contract, one record per event ({"seq","time","kind":"event","type","data","lastEventId"}),
// in batches of lines with the file's backpressure, and exits 0 when the stream ends (the package
// announces the end with an `error` event, before it would reconnect).
// `node dist/bench/eventsource-cli.js <url> <file> <event type>`.

import { EventSource, type FetchLike } from 'eventsource';
import { createWriteStream } from 'node:fs';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';

const [url, path, eventType] = process.argv.slice(2);
const out = createWriteStream(path!, { flags: 'wx' });
const fetch = createNodeFetch();
const source = new EventSource(url!, { fetch: fetch as unknown as FetchLike });
const BATCH_LINES = 1000;
let seq = 0;
let lines: string[] = [];

const flush = () => {
  if (lines.length === 0) return;
  out.write(lines.join(''));
  lines = [];
};
const onEvent = (event: MessageEvent) => {
  const data = event.data as string;
  const record = { seq: ++seq, time: Date.now(), kind: 'event', type: event.type, data, lastEventId: event.lastEventId };
  lines.push(JSON.stringify(record) + '\n');
  if (lines.length >= BATCH_LINES) flush();
};
source.addEventListener('message', onEvent);
source.addEventListener(eventType!, onEvent);
source.addEventListener('error', () => {
  source.close();
  flush();
  out.end(() => void fetch.close());
});
