// NDJSON bodies: one `message` event per non-blank line, data the line (without LF or CRLF), size
// its bytes on the wire; the same however the bytes are chunked; the line limit holds.

import { expect, test } from 'vitest';
import { StreamLimitError, type ParserSink } from '../../../main/core/sse/event-stream-parser.ts';
import { NdjsonParser } from '../../../main/core/sse/ndjson-parser.ts';
import { baseSeed, sameForEveryChunking } from '../../helpers/chunking.ts';

interface Seen {
  type: string;
  data: string;
  lastEventId: string;
  id: string | undefined;
  size: number;
}

function parse(chunks: readonly Uint8Array[], options: { end?: boolean; maxLineBytes?: number } = {}): Seen[] {
  const seen: Seen[] = [];
  const sink: ParserSink = {
    event: (type, data, lastEventId, id, size) => seen.push({ type, data, lastEventId, id, size }),
    comment: () => {
      throw new Error('NDJSON has no comments');
    },
    retry: () => {
      throw new Error('NDJSON has no retry field');
    },
  };
  const max = options.maxLineBytes ?? 1 << 20;
  const parser = new NdjsonParser(sink, { maxLineBytes: max, maxEventBytes: max });
  for (const chunk of chunks) parser.feed(chunk);
  if (options.end !== false) parser.end();
  return seen;
}

const line = (data: string, size: number): Seen => ({ type: 'message', data, lastEventId: '', id: undefined, size });

test('one event per line, in every chunking; CRLF, blank lines, BOM, a last line without a break', () => {
  const body = Buffer.from('\ufeff{"a":1}\r\n\n  \n{"b":"ünï ✓"}\n{"c":3}');
  const seen = sameForEveryChunking(body, baseSeed(7), (chunks) => parse(chunks));
  expect(seen).toEqual([line('{"a":1}', 12), line('{"b":"ünï ✓"}', 18), line('{"c":3}', 7)]);
});

test('a body cut short keeps its complete lines only', () => {
  expect(parse([Buffer.from('{"a":1}\n{"b":')], { end: false })).toEqual([line('{"a":1}', 8)]);
});

test('reset drops the unfinished line of the last body', () => {
  const seen: string[] = [];
  const parser = new NdjsonParser(
    { event: (_t, data) => seen.push(data), comment: () => {}, retry: () => {} },
    { maxLineBytes: 100, maxEventBytes: 100 },
  );
  parser.feed(Buffer.from('{"half":'));
  parser.reset();
  parser.feed(Buffer.from('{"next":1}\n'));
  expect(seen).toEqual(['{"next":1}']);
});

test('a line past the limit is an error that names the limit, held or whole', () => {
  expect(() => parse([Buffer.from('x'.repeat(11) + '\n')], { maxLineBytes: 10 })).toThrow(StreamLimitError);
  expect(() => parse([Buffer.from('x'.repeat(6)), Buffer.from('x'.repeat(6))], { maxLineBytes: 10 })).toThrow(
    'Line longer than the limit of 10 bytes (12 bytes so far without a line break)',
  );
});
