// Differential test: the `eventsource` package (v4) and our parser read the same random streams,
// cut into the same random chunks, and must see the same events (type, data, lastEventId).
// eventsource gets a custom `fetch` that answers with a Response whose body streams the chunks.
// Where eventsource departs from the spec, the spec wins: each known departure is a named,
// narrow normalisation below (with the spec sentence it breaks), the test checks that each one
// really occurs in the generated streams, and a spec test (test/unit/parser/spec-cases.ts) pins
// our parser's behaviour for it.

import { EventSource } from 'eventsource';
import { expect, test } from 'vitest';
import { baseSeed, createRng, pick, randomChunks } from '../helpers/chunking.ts';
import { describeBytes, generateStream } from '../helpers/stream-generator.ts';
import { parseChunks, type ParsedRecord } from './parser/spec-cases.ts';

const SEED = baseSeed(7_310_2024);
const STREAMS = 3000;

interface SeenEvent {
  type: string;
  data: string;
  lastEventId: string;
}

type OurEvent = Extract<ParsedRecord, { kind: 'event' }>;

interface Departure {
  name: string;
  why: string;
  spec: string;
  /** Our parser's view of the stream, brought to what eventsource does instead. */
  normalise(input: { bytes: Uint8Array; chunks: Uint8Array[] }): Uint8Array;
}

// Departures that change which bytes eventsource-parser effectively reads.
const BYTE_DEPARTURES: Departure[] = [
  {
    name: 'a CR ending a chunk ends no line until a later chunk brings a CR or LF',
    why: 'eventsource-parser holds a chunk-final CR back to see if a LF follows, and appends later chunks without line breaks unread; if none comes before the end of the stream, that line (often the blank line of the last event) is dropped',
    spec: '"a single U+000D CARRIAGE RETURN (CR) character not followed by a U+000A LINE FEED (LF) character being the ways in which a line can end"',
    normalise: ({ bytes, chunks }) => {
      // The stream's last CR or LF, if it is a CR ending its chunk, never ends its line.
      let lastBreak = bytes.length - 1;
      while (lastBreak >= 0 && bytes[lastBreak] !== 0x0a && bytes[lastBreak] !== 0x0d) lastBreak--;
      if (lastBreak < 0 || bytes[lastBreak] !== 0x0d) return bytes;
      let chunkEnd = 0;
      for (const chunk of chunks) {
        chunkEnd += chunk.length;
        if (chunkEnd > lastBreak) break;
      }
      return chunkEnd === lastBreak + 1 ? bytes.subarray(0, lastBreak) : bytes;
    },
  },
  {
    name: 'the characters "ï»¿" starting the first chunk are taken for a BOM',
    why: 'eventsource-parser strips a BOM by comparing the first decoded chunk with the chars U+00EF U+00BB U+00BF (the BOM bytes read as Latin-1) and TextDecoder has already removed the real one',
    spec: '"One leading U+FEFF BYTE ORDER MARK character must be ignored if any are present." (only U+FEFF, decoded from EF BB BF)',
    normalise: ({ bytes, chunks }) => {
      if (!new TextDecoder().decode(chunks[0], { stream: true }).startsWith('ï»¿')) return bytes;
      // Drop the 6 bytes after the optional real BOM, and lead with a BOM of our own so that a
      // BOM following them stays content, as it does for eventsource.
      const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes.subarray(start + 6)]);
    },
  },
];

// A departure in what eventsource reports, applied to our events.
const LAST_EVENT_ID_DEPARTURE = {
  name: "MessageEvent.lastEventId is the block's own id field, not the last event ID string",
  why: 'eventsource sets lastEventId to `event.id || ""`, so it does not carry over to later events and id-only blocks never count (covered by the "id: ..." spec cases)',
  spec: '"Initialize event\'s ... lastEventId attribute to the last event ID string of the event source." and "The buffer does not get reset"',
  project: (event: OurEvent): SeenEvent => ({ type: event.type, data: event.data, lastEventId: event.id ?? '' }),
};

/** Our events for the same bytes, as eventsource would report them; notes which departures mattered. */
function expectedFromEventsource(bytes: Uint8Array, chunks: Uint8Array[], seen: Map<string, number>): SeenEvent[] {
  let normalised = bytes;
  for (const departure of BYTE_DEPARTURES) {
    const next = departure.normalise({ bytes: normalised, chunks });
    if (!sameEvents(eventsOf(next), eventsOf(normalised))) seen.set(departure.name, (seen.get(departure.name) ?? 0) + 1);
    normalised = next;
  }
  const events = eventsOf(normalised);
  if (events.some((e) => e.lastEventId !== (e.id ?? ''))) {
    seen.set(LAST_EVENT_ID_DEPARTURE.name, (seen.get(LAST_EVENT_ID_DEPARTURE.name) ?? 0) + 1);
  }
  return events.map(LAST_EVENT_ID_DEPARTURE.project);
}

function eventsOf(bytes: Uint8Array): OurEvent[] {
  return parseChunks([bytes]).records.filter((r): r is OurEvent => r.kind === 'event');
}

function sameEvents(a: OurEvent[], b: OurEvent[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs eventsource over the chunks; resolves with its MessageEvents once the stream has ended. */
function readWithEventSource(chunks: Uint8Array[], eventTypes: string[]): Promise<SeenEvent[]> {
  return new Promise((resolve) => {
    const seen: SeenEvent[] = [];
    let next = 0;
    const fetch = async (): Promise<Response> =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (next < chunks.length) controller.enqueue(chunks[next++]!);
            else controller.close();
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      );
    const source = new EventSource('http://127.0.0.1/stream', { fetch });
    const onEvent = (event: Event): void => {
      // Typed listeners for "open" and "error" also get eventsource's own Events: keep messages only.
      if (event instanceof MessageEvent) seen.push({ type: event.type, data: event.data, lastEventId: event.lastEventId });
    };
    for (const type of eventTypes) source.addEventListener(type, onEvent);
    // The end of the body makes eventsource report an error and schedule a reconnect: stop there.
    source.onerror = () => {
      setImmediate(() => source.close());
      resolve(seen);
    };
  });
}

test(`eventsource and our parser see the same events in ${STREAMS} random streams (seed ${SEED}), known departures normalised`, async () => {
  const rng = createRng(SEED);
  const departuresSeen = new Map<string, number>();
  for (let i = 0; i < STREAMS; i++) {
    const stream = generateStream(rng, { invalidUtf8: i % 4 === 3 });
    const chunks = randomChunks(stream.bytes, rng, pick(rng, [1, 3, 7, 64, 4096]));
    const context = `stream #${i} of seed ${SEED}: "${describeBytes(stream.bytes)}", chunk lengths [${chunks.map((c) => c.length)}]`;
    // Ours reads the same chunks as eventsource and must match itself in one chunk (the
    // normalisations below work on the whole stream).
    expect(parseChunks(chunks).records, context).toEqual(parseChunks([stream.bytes]).records);
    const theirs = await readWithEventSource(chunks, stream.eventTypes);
    expect(theirs, context).toEqual(expectedFromEventsource(stream.bytes, chunks, departuresSeen));
  }
  // Every normalisation must be needed somewhere, or it is hiding nothing and should go.
  const names = [...BYTE_DEPARTURES.map((d) => d.name), LAST_EVENT_ID_DEPARTURE.name];
  for (const name of names) expect(departuresSeen.get(name) ?? 0, `departure "${name}" never occurred`).toBeGreaterThan(0);
});
