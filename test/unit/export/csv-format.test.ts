// The CSV rows are quoted by hand (for speed); these tests hold them to the bytes csv-stringify
// writes for the same fields with the export's options, so a user's file is what the library
// would have written.

import { stringify } from 'csv-stringify/sync';
import { expect, test } from 'vitest';
import { ChunkBuffer } from '../../../main/core/export/chunk-buffer.ts';
import { CSV_ROW_OPTIONS, csvRow, writeCsvLine } from '../../../main/core/export/csv-format.ts';
import type { SseRecord } from '../../../main/common/records.ts';
import { SAMPLE_RECORDS } from './sample-records.ts';

function csvLine(record: SseRecord): string {
  const out = new ChunkBuffer(16);
  writeCsvLine(record, out);
  return out.take().toString('utf8');
}

const libraryLine = (record: SseRecord) => stringify([csvRow(record)], CSV_ROW_OPTIONS);

const AWKWARD_DATA = [
  '',
  'plain',
  ' leading and trailing spaces ',
  'a,b',
  'say "hi"',
  '"',
  '""',
  'cr\ronly',
  'lf\nonly',
  'crlf\r\nend',
  'ends with cr\r',
  '\rstarts with cr',
  '\r\n',
  '{"json":[1,2],"s":"x"}',
  'tab\there',
  '=1+2',
  '-3',
  '@sum',
  'Ünïcödé ✓ 🎉\u2028end',
  '\uFEFFbom inside',
  "semicolon; and 'single' quotes",
  '"'.repeat(30_000) + 'x'.repeat(70_000) + ',\u00e9',
];

test('each record kind of the sample session gives the row csv-stringify gives', () => {
  for (const record of SAMPLE_RECORDS) expect(csvLine(record)).toBe(libraryLine(record));
});

test('fields with quotes, commas, CR, LF, formulas and unicode are quoted as csv-stringify quotes them', () => {
  for (const data of AWKWARD_DATA) {
    const event: SseRecord = { seq: 1, time: 0, kind: 'event', type: data, data, id: data, lastEventId: '', size: 1 };
    expect(csvLine(event)).toBe(libraryLine(event));
    const comment: SseRecord = { seq: 2, time: 0, kind: 'comment', text: data, size: 1 };
    expect(csvLine(comment)).toBe(libraryLine(comment));
  }
});

test('the time column is what Date.toISOString gives, across seconds, years and odd values', () => {
  const times = [0, 1, 999, 1000, 1001, 1_735_787_045_678, 1_735_787_045_999, 1_735_787_046_000, -1, -1500, 1.5];
  times.push(Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1), Date.UTC(10_000, 0, 1, 0, 0, 1, 5));
  for (const time of times) {
    const event: SseRecord = { seq: 1, time, kind: 'event', type: 'message', data: 'x', lastEventId: '', size: 1 };
    expect(csvLine(event)).toBe(libraryLine(event));
    expect(csvLine(event).split(',')[0]).toBe(new Date(time).toISOString());
  }
});
