// What an import accepts as a record. Events and comments as the app writes them take a fast
// path; these tests hold it to the schema's answers: the same records accepted (in the same key
// order, so a re-export writes the same bytes) and every broken field still rejected.

import { expect, test } from 'vitest';
import { checkRecord } from '../../../main/core/export/record-schema.ts';

const EVENT = { seq: 3, time: 1_735_787_045_680, kind: 'event', type: 'update', data: 'a\nb', lastEventId: '7', size: 70 };
const EVENT_WITH_ID = { seq: 3, time: 1_735_787_045_680, kind: 'event', type: 'update', data: 'a\nb', lastEventId: '7', id: '7', size: 70 };
const COMMENT = { seq: 4, time: 1_735_787_045_681, kind: 'comment', text: 'keep-alive', size: 13 };

const bytesOf = (value: unknown) => {
  const check = checkRecord(JSON.parse(JSON.stringify(value)));
  return check.ok ? JSON.stringify(check.record) : `rejected: ${check.problem}`;
};

test('events and comments as captured are accepted exactly as written', () => {
  for (const record of [EVENT, EVENT_WITH_ID, COMMENT, { ...EVENT, data: '', lastEventId: '', size: 0, time: -5 }]) {
    expect(bytesOf(record)).toBe(JSON.stringify(record));
  }
});

test('a record with its fields in another order or an extra field keeps the schema order, extra last', () => {
  const reordered = { kind: 'event', size: 70, data: 'a\nb', type: 'update', lastEventId: '7', time: EVENT.time, seq: 3, note: 'x' };
  expect(bytesOf(reordered)).toBe(JSON.stringify({ ...EVENT, note: 'x' }));
  expect(bytesOf({ ...COMMENT, extra: 1 })).toBe(JSON.stringify({ ...COMMENT, extra: 1 }));
});

test('every broken field of an event or a comment is still rejected, naming the field', () => {
  const broken: [object, string][] = [
    [{ ...EVENT, seq: 0 }, 'seq'],
    [{ ...EVENT, seq: 1.5 }, 'seq'],
    [{ ...EVENT, seq: 2 ** 53 }, 'seq'],
    [{ ...EVENT, seq: '3' }, 'seq'],
    [{ ...EVENT, time: 8.64e15 + 1 }, 'time'],
    [{ ...EVENT, time: '1' }, 'time'],
    [{ ...EVENT, type: '' }, 'type'],
    [{ ...EVENT, type: 'a\nb' }, 'type'],
    [{ ...EVENT, type: 'a\rb' }, 'type'],
    [{ ...EVENT, type: 1 }, 'type'],
    [{ ...EVENT, data: 'a\r\nb' }, 'data'],
    [{ ...EVENT, data: null }, 'data'],
    [{ ...EVENT, lastEventId: 'a\0' }, 'lastEventId'],
    [{ ...EVENT, lastEventId: 'a\n' }, 'lastEventId'],
    [{ ...EVENT_WITH_ID, id: 'a\r' }, 'id'],
    [{ ...EVENT_WITH_ID, id: null }, 'id'],
    [{ ...EVENT, size: -1 }, 'size'],
    [{ ...EVENT, size: 0.5 }, 'size'],
    [{ ...COMMENT, text: 'a\nb' }, 'text'],
    [{ ...COMMENT, text: 5 }, 'text'],
    [{ ...COMMENT, size: '13' }, 'size'],
  ];
  for (const [record, field] of broken) expect(bytesOf(record)).toMatch(new RegExp(`^rejected: ${field}: `));
  const { size: _size, ...withoutSize } = EVENT;
  expect(bytesOf(withoutSize)).toMatch(/^rejected: size: /);
  expect(bytesOf({ ...EVENT, kind: 'evnt' })).toMatch(/^rejected: /);
  expect(bytesOf([EVENT])).toMatch(/^rejected: /);
});
