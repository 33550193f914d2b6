// Reads records back from a text/event-stream file (an SSE export, or a stream saved by curl or a
// browser) with the engine's own parser, so an imported file means exactly what it would mean on
// the wire: events, comments and retry values, numbered from 1.
//
// A file carries no receive times, so every record gets one time: the file's modification time
// (the latest moment the events can have been received). Lifecycle records (open, error, closed)
// are not in such a file and none are made up.

import { DEFAULT_LIMIT_BYTES, EventStreamParser, StreamLimitError, type ParserSink } from '../sse/event-stream-parser.ts';
import type { SseRecord } from '../../common/records.ts';
import type { NoticeList } from './import-notices.ts';

const LF = 0x0a;
const CR = 0x0d;

export async function* eventStreamRecords(chunks: AsyncIterable<Uint8Array>, time: number, notices: NoticeList): AsyncGenerator<SseRecord> {
  let seq = 0;
  let parsed: SseRecord[] = [];
  const sink: ParserSink = {
    event: (type, data, lastEventId, id, size) =>
      parsed.push(
        id === undefined
          ? { seq: ++seq, time, kind: 'event', type, data, lastEventId, size }
          : { seq: ++seq, time, kind: 'event', type, data, lastEventId, id, size },
      ),
    comment: (text, size) => parsed.push({ seq: ++seq, time, kind: 'comment', text, size }),
    retry: (ms) => parsed.push({ seq: ++seq, time, kind: 'retry', ms }),
  };
  const parser = new EventStreamParser(sink, { maxLineBytes: DEFAULT_LIMIT_BYTES, maxEventBytes: DEFAULT_LIMIT_BYTES });

  let lastByte = -1;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    lastByte = chunk[chunk.length - 1]!;
    try {
      parser.feed(chunk);
    } catch (error) {
      if (!(error instanceof StreamLimitError)) throw error;
      yield* parsed;
      notices.add(`${error.message}; the rest of the file was not imported`);
      return;
    }
    const ready = parsed;
    parsed = [];
    yield* ready;
  }
  // [spec] At the end of the stream an incomplete event is discarded, with the unterminated line.
  parser.end();
  if (lastByte !== -1 && lastByte !== LF && lastByte !== CR) {
    notices.add('The file ends in the middle of a line; that incomplete last part was discarded, as an EventSource would');
  }
}
