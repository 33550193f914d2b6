// The parser across a stream's life: records come out as soon as their line ends, a new
// connection (reset) starts a new stream but keeps the last event ID, and fed memory may be reused.

import { describe, expect, test } from 'vitest';
import { EventStreamParser } from '../../../main/core/sse/event-stream-parser.ts';
import { bytes, type ParsedRecord } from './spec-cases.ts';

function parserWithRecords(lastEventId = ''): { parser: EventStreamParser; records: ParsedRecord[] } {
  const records: ParsedRecord[] = [];
  const parser = new EventStreamParser(
    {
      event: (type, data, lastEventId, id, size) =>
        records.push(
          id === undefined ? { kind: 'event', type, data, lastEventId, size } : { kind: 'event', type, data, lastEventId, id, size },
        ),
      comment: (text, size) => records.push({ kind: 'comment', text, size }),
      retry: (ms) => records.push({ kind: 'retry', ms }),
    },
    { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 },
    lastEventId,
  );
  return { parser, records };
}

const data = (records: ParsedRecord[]) => records.map((r) => (r.kind === 'event' ? `${r.data}@${r.lastEventId}` : r.kind));

describe('reset() starts a new stream (a reconnect)', () => {
  test('lastEventId carries over to the next connection', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes('id: 5\ndata: a\n\n'));
    parser.reset();
    parser.feed(bytes('data: b\n\n'));
    expect(data(records)).toEqual(['a@5', 'b@5']);
    expect(parser.lastEventId).toBe('5');
  });

  test('the half line and the half-built block of the old connection are discarded', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes('event: add\nid: 9\ndata: a\ndata: par'));
    parser.reset();
    parser.feed(bytes('tial\n\ndata: b\n\n'));
    expect(records).toEqual([{ kind: 'event', type: 'message', data: 'b', lastEventId: '', size: 9 }]);
    expect(parser.lastEventId).toBe('');
  });

  test('each connection may start with its own BOM', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes([0xef, 0xbb, 0xbf], 'data: a\n\n'));
    parser.reset();
    parser.feed(bytes([0xef, 0xbb]));
    parser.feed(bytes([0xbf], 'data: b\n\n'));
    expect(data(records)).toEqual(['a@', 'b@']);
  });

  test('a CR that ended the old connection does not pair with a LF starting the new one', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes('data: a\r'));
    parser.reset();
    // The new stream's "\n" is a line of its own (a blank line with nothing to dispatch), not
    // the end of a CRLF whose byte would count in the next block's size.
    parser.feed(bytes('\ndata: b\n\n'));
    expect(records).toEqual([{ kind: 'event', type: 'message', data: 'b', lastEventId: '', size: 9 }]);
  });

  test('the last event ID given to the constructor is where a stream starts', () => {
    const { parser, records } = parserWithRecords('41');
    parser.feed(bytes('data: a\n\nid\n\ndata: b\n\n'));
    expect(data(records)).toEqual(['a@41', 'b@']);
  });

  test('end() discards the unterminated tail, and the next stream starts clean', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes('data: a\n\nevent: x\ndata: b'));
    parser.end();
    parser.feed(bytes('\n\ndata: c\n\n'));
    expect(records.map((r) => r.kind === 'event' && `${r.type}:${r.data}`)).toEqual(['message:a', 'message:c']);
  });
});

describe('records come out as soon as their line ends', () => {
  test('an event ended by a CR blank line at the end of a chunk is dispatched before the next chunk', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes('data: a\r\r'));
    expect(data(records)).toEqual(['a@']);
    parser.feed(bytes('\ndata: b\r\n\r'));
    expect(data(records)).toEqual(['a@', 'b@']);
    parser.feed(bytes('\n'));
    expect(data(records)).toEqual(['a@', 'b@']);
  });

  test('a comment and a retry are reported at their line end', () => {
    const { parser, records } = parserWithRecords();
    parser.feed(bytes(': ping\r'));
    parser.feed(bytes('retry: 10\r'));
    expect(records).toEqual([
      { kind: 'comment', text: 'ping', size: 7 },
      { kind: 'retry', ms: 10 },
    ]);
  });

  test('empty chunks change nothing, even between the CR and LF of a CRLF', () => {
    const { parser, records } = parserWithRecords();
    for (const part of ['', 'data: a\r', '', '', '\ndata: b\r', '', '\n\r', '', '\n', '']) parser.feed(bytes(part));
    expect(records).toEqual([{ kind: 'event', type: 'message', data: 'a\nb', lastEventId: '', size: 19 }]);
  });
});

describe('the chunks fed in', () => {
  test('their memory may be reused as soon as feed returns', () => {
    const { parser, records } = parserWithRecords();
    const chunk = new Uint8Array(8);
    for (const part of ['data: ab', 'cdefgh\n\n']) {
      chunk.set(Buffer.from(part));
      parser.feed(chunk);
      chunk.fill(0x78); // the caller (a stream reader) overwrites its buffer
    }
    expect(data(records)).toEqual(['abcdefgh@']);
  });

  test('a view into a larger buffer is read from its own offset and length', () => {
    const { parser, records } = parserWithRecords();
    const backing = Buffer.from('XXXXdata: view\n\nYYYY');
    parser.feed(backing.subarray(4, backing.length - 4));
    expect(data(records)).toEqual(['view@']);
  });

  test('a 300 kB value in one chunk and in 1000-byte chunks gives the same data', () => {
    const value = 'x'.repeat(300_000);
    const whole = parserWithRecords();
    whole.parser.feed(bytes(`data: ${value}\n\n`));
    const pieces = parserWithRecords();
    const input = bytes(`data: ${value}\n\n`);
    for (let at = 0; at < input.length; at += 1000) pieces.parser.feed(input.subarray(at, at + 1000));
    expect(pieces.records).toEqual(whole.records);
    expect(whole.records).toEqual([{ kind: 'event', type: 'message', data: value, lastEventId: '', size: value.length + 8 }]);
  });
});
