// The WHATWG event-stream parsing rules as a table of named cases (bytes in, records out), shared
// by our parser's spec tests and the eventsource-parser comparison; and the harness that runs our
// parser over a list of chunks. Sizes follow event-stream-parser.ts: a record's lines with their
// terminators, the record-ending line (blank line or comment) counting its terminator as 1 byte.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream

import { EventStreamParser, type ParserLimits } from '../../../main/core/sse/event-stream-parser.ts';

export type ParsedRecord =
  | { kind: 'event'; type: string; data: string; lastEventId: string; id?: string; size: number }
  | { kind: 'comment'; text: string; size: number }
  | { kind: 'retry'; ms: number };

export interface ParseResult {
  records: ParsedRecord[];
  /** The parser's last event ID string after the stream ended. */
  lastEventId: string;
}

export interface SpecCase {
  name: string;
  input: Uint8Array;
  records: ParsedRecord[];
  /** The last event ID string after the stream, for the cases about it. */
  lastEventId?: string;
}

const BIG: ParserLimits = { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 };

/** Runs our parser over the chunks, then ends the stream. */
export function parseChunks(chunks: readonly Uint8Array[], limits: ParserLimits = BIG, initialLastEventId = ''): ParseResult {
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
    limits,
    initialLastEventId,
  );
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { records, lastEventId: parser.lastEventId };
}

/** Bytes from parts: strings are UTF-8 encoded, number arrays are raw bytes. */
export function bytes(...parts: (string | readonly number[])[]): Uint8Array {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
}

/** UTF-8 byte length, for writing sizes as the text they count. */
const n = (text: string): number => Buffer.byteLength(text, 'utf8');

function event(data: string, size: number, more: { type?: string; lastEventId?: string; id?: string } = {}): ParsedRecord {
  const record: ParsedRecord = { kind: 'event', type: more.type ?? 'message', data, lastEventId: more.lastEventId ?? '', size };
  if (more.id !== undefined) record.id = more.id;
  return record;
}
const comment = (text: string, size: number): ParsedRecord => ({ kind: 'comment', text, size });
const retry = (ms: number): ParsedRecord => ({ kind: 'retry', ms });

const BOM = [0xef, 0xbb, 0xbf];

function spec(name: string, input: Uint8Array | string, records: ParsedRecord[], lastEventId?: string): SpecCase {
  const c: SpecCase = { name, input: typeof input === 'string' ? bytes(input) : input, records };
  if (lastEventId !== undefined) c.lastEventId = lastEventId;
  return c;
}

// [spec] "If the field value consists of only ASCII digits ... Otherwise, ignore the field."
// Each value is what follows "retry:" on the line, before the parser removes one leading space.
const INVALID_RETRY_VALUES = [' 1.5', '  10', ' -1', ' 1e3', '', ' 10a', ' +5', ' 10 ', ' ５', ' 0x10', '\t10'];

export const SPEC_CASES: SpecCase[] = [
  // Decoding: [spec] "streams must be decoded using the UTF-8 decode algorithm".
  spec('UTF-8: multi-byte and astral characters', 'data: é€𝄞🎉\n\n', [event('é€𝄞🎉', n('data: é€𝄞🎉\n\n'))]),
  spec('UTF-8: NEL and U+2028 are not line breaks', 'data: a\u0085b\u2028c\n\n', [
    event('a\u0085b\u2028c', n('data: a\u0085b\u2028c\n\n')),
  ]),
  // [spec] the UTF-8 decode algorithm strips one leading BOM; any other U+FEFF is content.
  spec('BOM: one leading BOM is stripped (and not counted)', bytes(BOM, 'data: x\n\n'), [event('x', 9)]),
  spec('BOM: a second leading BOM is content', bytes(BOM, BOM, 'data: x\n\ndata: y\n\n'), [event('y', 9)]),
  spec('BOM: a BOM later in the stream is content', bytes('data: x\n\n', BOM, 'data: y\n\ndata:', BOM, 'z\n\n'), [
    event('x', 9),
    event('\ufeffz', 11),
  ]),
  spec('BOM: the characters "ï»¿" (C3 AF C2 BB C2 BF) are not a BOM', 'ï»¿data: x\n\ndata: y\n\n', [event('y', 9)]),
  spec('BOM: a leading BOM prefix (EF BB) is an invalid sequence, not a BOM', bytes([0xef, 0xbb], 'data: x\n\ndata: y\n\n'), [
    event('y', 9),
  ]),

  // Lines: [spec] end-of-line = ( cr lf / cr / lf ).
  spec('line endings: LF', 'data: a\ndata: b\n\n', [event('a\nb', 17)]),
  spec('line endings: CR', 'data: a\rdata: b\r\r', [event('a\nb', 17)]),
  spec('line endings: CRLF', 'data: a\r\ndata: b\r\n\r\n', [event('a\nb', n('data: a\r\ndata: b\r\n\r'))]),
  spec('line endings: CRLF is one line break, not a blank line', 'data: a\r\n\r\ndata: b\r\n\r\n', [
    event('a', n('data: a\r\n\r')),
    event('b', n('data: b\r\n\r')),
  ]),
  spec('line endings: mixed in one stream', 'data: a\rdata: b\ndata: c\r\n\ndata: d\n\r\n', [
    event('a\nb\nc', n('data: a\rdata: b\ndata: c\r\n\n')),
    event('d', n('data: d\n\r')),
  ]),
  spec('line endings: LF then CR is two line breaks', 'data: a\n\rdata: b\n\n', [event('a', 9), event('b', 9)]),
  spec('line endings: a lone CR before a non-LF byte', 'id: 1\rdata: a\r\r', [event('a', 15, { lastEventId: '1', id: '1' })], '1'),

  // Comments: [spec] "If the line starts with a U+003A COLON character (:) Ignore the line."
  spec('comment: reported with one leading space removed', ': hello\n', [comment('hello', 8)]),
  spec('comment: only one leading space is removed', ':  two\n', [comment(' two', 7)]),
  spec('comment: an empty comment ":"', ':\n', [comment('', 2)]),
  spec('comment: text without a space', ':x:y\n', [comment('x:y', 5)]),
  spec('comment: inside a block neither ends nor joins it', 'data: a\n: c\ndata: b\n\n', [comment('c', 4), event('a\nb', 17)]),
  spec('comment: a CRLF comment counts its terminator as one byte', ': x\r\n', [comment('x', 4)]),

  // Fields: [spec] "Collect the characters on the line before the first U+003A COLON ... If value
  // starts with a U+0020 SPACE character, remove it from value." / no colon: "using the whole
  // line as the field name, and the empty string as the field value".
  spec('field without colon: "data" alone is an empty data line', 'data\n\n', [event('', 6)]),
  spec('field: "data:" with an empty value dispatches ""', 'data:\n\n', [event('', 7)]),
  spec('field: one leading space is removed, only once', 'data:  x\n\n', [event(' x', 10)]),
  spec('field: no space after the colon', 'data:x\n\n', [event('x', 8)]),
  spec('field: colons after the first belong to the value', 'data: a:b: c\n\n', [event('a:b: c', 14)]),
  spec('field: a value of spaces keeps all but one', 'data:   \n\n', [event('  ', 10)]),
  spec('field: unknown fields are ignored (but are lines of the block)', 'foo: bar\ndata: a\nfoo\n\n', [event('a', 22)]),
  spec('field: names are case-sensitive ("Data", "ID", "Event", "RETRY" ignored)', 'Data: x\nID: 1\nEvent: e\nRETRY: 5\n\n', [], ''),
  spec('field: a space before the colon is part of the name', 'data : x\n\n', []),

  // [spec] data: "Append the field value to the data buffer, then append a single U+000A LINE FEED
  // (LF) character"; dispatch: "If the data buffer's last character is a U+000A LINE FEED (LF)
  // character, then remove the last character from the data buffer."
  spec('data: several lines join with LF', 'data: a\ndata:\ndata: b\n\n', [event('a\n\nb', 23)]),
  spec('data: only the last LF is removed', 'data: a\ndata\n\n', [event('a\n', 14)]),

  // [spec] "Initialize type to "message" ... If the event type buffer has a value other than the
  // empty string, change the type of the newly created event to equal the value".
  spec('event: the type defaults to "message"', 'data: x\n\n', [event('x', 9, { type: 'message' })]),
  spec('event: sets the type of the next dispatch only', 'event: add\ndata: 1\n\ndata: 2\n\n', [
    event('1', 20, { type: 'add' }),
    event('2', 9),
  ]),
  spec('event: an empty value resets the type to "message"', 'event: add\nevent:\ndata: 1\n\nevent: add\nevent\ndata: 2\n\n', [
    event('1', 27),
    event('2', 26),
  ]),
  spec('event: the last event line of a block wins', 'event: a\nevent: b\ndata: 1\n\n', [event('1', 27, { type: 'b' })]),
  spec('event: unicode type', 'event: ünï 🎉\ndata: 1\n\n', [event('1', n('event: ünï 🎉\ndata: 1\n\n'), { type: 'ünï 🎉' })]),

  // [spec] id: "If the field value does not contain U+0000 NULL, then set the last event ID buffer
  // to the field value. Otherwise, ignore the field." Dispatch: "Set the last event ID string of the
  // event source to the value of the last event ID buffer. The buffer does not get reset".
  spec('id: sets lastEventId and the record id', 'id: 1\ndata: a\n\n', [event('a', 15, { lastEventId: '1', id: '1' })], '1'),
  spec(
    'id: carries over to later events',
    'id: 1\ndata: a\n\ndata: b\n\n',
    [event('a', 15, { lastEventId: '1', id: '1' }), event('b', 9, { lastEventId: '1' })],
    '1',
  ),
  spec(
    'id: containing NUL is ignored entirely',
    'id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\nid: \u0000\ndata: c\n\n',
    [
      event('a', 15, { lastEventId: '1', id: '1' }),
      event('b', n('id: 2\u0000x\ndata: b\n\n'), { lastEventId: '1' }),
      event('c', n('id: \u0000\ndata: c\n\n'), { lastEventId: '1' }),
    ],
    '1',
  ),
  spec(
    'id: an id-only block dispatches nothing but sets lastEventId for later events',
    'id: 7\n\ndata: b\n\n',
    [event('b', 9, { lastEventId: '7' })],
    '7',
  ),
  spec(
    'id: an empty value resets lastEventId to ""',
    'id: 1\ndata: a\n\nid:\ndata: b\n\ndata: c\n\n',
    [event('a', 15, { lastEventId: '1', id: '1' }), event('b', n('id:\ndata: b\n\n'), { lastEventId: '', id: '' }), event('c', 9)],
    '',
  ),
  spec(
    'id: "id" without colon resets lastEventId too',
    'id: 1\ndata: a\n\nid\ndata: b\n\n',
    [event('a', 15, { lastEventId: '1', id: '1' }), event('b', n('id\ndata: b\n\n'), { lastEventId: '', id: '' })],
    '',
  ),
  spec('id: one leading space is removed, only once', 'id:  5\ndata: a\n\n', [event('a', 16, { lastEventId: ' 5', id: ' 5' })], ' 5'),
  spec(
    'id: in a block that never completes changes nothing',
    'id: 1\ndata: a\n\nid: 9\ndata: b\n',
    [event('a', 15, { lastEventId: '1', id: '1' })],
    '1',
  ),

  // retry
  spec('retry: ASCII digits set the reconnection time (no blank line needed)', 'retry: 1500\n', [retry(1500)]),
  spec('retry: no space after the colon', 'retry:10\n', [retry(10)]),
  spec('retry: leading zeros and zero', 'retry: 007\nretry: 0\n', [retry(7), retry(0)]),
  spec('retry: comes in stream order and does not dispatch', 'data: a\nretry: 5\n\n', [retry(5), event('a', n('data: a\nretry: 5\n\n'))]),
  ...INVALID_RETRY_VALUES.map((value) =>
    spec(`retry: ${JSON.stringify('retry:' + value)} is ignored`, `retry:${value}\ndata: a\n\n`, [
      event('a', n(`retry:${value}\ndata: a\n\n`)),
    ]),
  ),
  spec('retry: "retry" without colon is ignored', 'retry\n', []),

  // Dispatch: [spec] "If the data buffer is an empty string, set the data buffer and the event type
  // buffer to the empty string and return."
  spec('dispatch: a block with only event: dispatches nothing and resets the type', 'event: add\n\ndata: x\n\n', [event('x', 9)]),
  spec('dispatch: blank lines without fields dispatch nothing', '\n\n\ndata: x\n\n\n', [event('x', 9)]),

  // [spec] "Once the end of the file is reached, any pending data must be discarded. (If the file
  // ends in the middle of an event, before the final empty line, the incomplete event is not
  // dispatched.)"
  spec('end of stream: no dispatch without a blank line', 'data: a\n\ndata: b\n', [event('a', 9)]),
  spec('end of stream: a half line is discarded', 'data: a\n\ndata: b', [event('a', 9)]),
  spec('end of stream: a blank line ended by the last byte, a CR, dispatches', 'data: a\r\r', [event('a', 9)]),
  spec('end of stream: a retry line ended by the last byte, a CR, counts', 'retry: 5\r', [retry(5)]),

  // Sizes (ours, not the spec's): the block's lines with terminators; comments are their own.
  spec('size: every line of the block counts, comments apart', 'event: e\nid: 1\n:c\nx: y\ndata: a\n\n', [
    comment('c', 3),
    event('a', n('event: e\nid: 1\nx: y\ndata: a\n\n'), { type: 'e', lastEventId: '1', id: '1' }),
  ]),
];
