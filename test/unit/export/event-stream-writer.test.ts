// The text/event-stream writer must never let a record's text turn into extra fields, even for
// records that did not come from the parser (imports, hand-edited captures).
import { expect, test } from 'vitest';
import { EventStreamWriter } from '../../../main/core/export/event-stream-format.ts';
import { EventStreamParser } from '../../../main/core/sse/event-stream-parser.ts';
import type { SseRecord } from '../../../main/common/records.ts';

function reparse(text: string) {
  const events: { type: string; data: string; lastEventId: string; id?: string }[] = [];
  const comments: string[] = [];
  const parser = new EventStreamParser(
    {
      event: (type, data, lastEventId, id) => events.push(id === undefined ? { type, data, lastEventId } : { type, data, lastEventId, id }),
      comment: (text) => comments.push(text),
      retry: () => {},
    },
    { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 },
  );
  parser.feed(Buffer.from(text));
  return { events, comments };
}

const base = { seq: 1, time: 0, size: 0 } as const;

test('line breaks inside a comment become several comment lines, not fields', () => {
  const writer = new EventStreamWriter();
  const text = writer.format({ ...base, kind: 'comment', text: 'one\ndata: injected\r\nthree' });
  const { events, comments } = reparse(text);
  expect(events).toEqual([]);
  expect(comments).toEqual(['one', 'data: injected', 'three']);
});

test('CR and CRLF inside data become data lines (joined back with LF)', () => {
  const writer = new EventStreamWriter();
  const record: SseRecord = { ...base, kind: 'event', type: 'message', data: 'a\rb\r\nc', lastEventId: '' };
  expect(reparse(writer.format(record)).events).toEqual([{ type: 'message', data: 'a\nb\nc', lastEventId: '' }]);
});

test('a line break in a type or id cannot start a new field', () => {
  const writer = new EventStreamWriter();
  const record: SseRecord = { ...base, kind: 'event', type: 'x\ndata: evil', data: 'ok', lastEventId: '7\nretry: 1', id: '7\nretry: 1' };
  expect(reparse(writer.format(record)).events).toEqual([
    { type: 'x data: evil', data: 'ok', lastEventId: '7 retry: 1', id: '7 retry: 1' },
  ]);
});
