// The parsers alone, over the same bytes from memory cut into 64 KiB chunks (lines and UTF-8 torn
// at chunk edges, as a socket does): our byte-level EventStreamParser against eventsource-parser
// v3. eventsource-parser takes text, so its time includes the TextDecoder any client of it must
// run; ours decodes inside. Run in a worker (parser-worker.ts), away from the other sections' JIT.

import { createParser } from 'eventsource-parser';
import { DEFAULT_LIMIT_BYTES, EventStreamParser } from '../../main/core/sse/event-stream-parser.ts';
import type { RunResult, RunSettings, ThroughputCase } from './bench-types.ts';
import { buildEventStream, cutIntoChunks, EVENT_BYTES } from './event-payload.ts';

const CHUNK_BYTES = 64 * 1024;

let cached: { count: number; chunks: Buffer[] } | null = null;
function chunksFor(count: number): Buffer[] {
  if (cached?.count !== count) cached = { count, chunks: cutIntoChunks(buildEventStream(count), CHUNK_BYTES) };
  return cached.chunks;
}

// One long-lived sink per parser, not a closure per run: optimised code embeds the sink's
// functions, and a sink that dies between runs throws that code away (a V8 "weak objects" deopt).
let events = 0;
const countingSink = { event: () => void events++, comment: () => {}, retry: () => {} };
const countEvent = () => void events++;

function result(count: number, started: number, name: string): RunResult {
  const ms = performance.now() - started;
  if (events !== count) throw new Error(`${name}: ${events}/${count} events`);
  return { events, bytes: count * EVENT_BYTES, ms };
}

export const ourParser: ThroughputCase<RunSettings> = {
  id: 'parser-ours',
  name: 'EventStreamParser (ours, bytes)',
  async run(_ctx, count) {
    const chunks = chunksFor(count);
    events = 0;
    const started = performance.now();
    const limits = { maxLineBytes: DEFAULT_LIMIT_BYTES, maxEventBytes: DEFAULT_LIMIT_BYTES };
    const parser = new EventStreamParser(countingSink, limits);
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
    return result(count, started, this.name);
  },
};

export const eventsourceParser: ThroughputCase<RunSettings> = {
  id: 'parser-eventsource-parser',
  name: 'eventsource-parser v3 (+ TextDecoder)',
  async run(_ctx, count) {
    const chunks = chunksFor(count);
    events = 0;
    const started = performance.now();
    const decoder = new TextDecoder();
    const parser = createParser({ onEvent: countEvent });
    for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
    parser.feed(decoder.decode());
    return result(count, started, this.name);
  },
};
