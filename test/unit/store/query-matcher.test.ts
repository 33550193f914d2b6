import { describe, expect, it } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { compileQuery, type CompiledQuery } from '../../../main/common/query-matcher.ts';
import { parseQuery } from '../../../main/common/query-parser.ts';

function compile(query: string): CompiledQuery {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileQuery(parsed.terms);
}

let seq = 0;
const event = (type: string, data: string, id?: string): SseRecord => ({
  seq: ++seq,
  time: 0,
  kind: 'event',
  type,
  data,
  lastEventId: id ?? 'last-id-text',
  ...(id !== undefined ? { id } : {}),
  size: data.length,
});
const comment = (text: string): SseRecord => ({ seq: ++seq, time: 0, kind: 'comment', text, size: text.length });
const error = (message: string): SseRecord => ({ seq: ++seq, time: 0, kind: 'error', message });
const open: SseRecord = {
  seq: 99,
  time: 0,
  kind: 'open',
  status: 200,
  headers: { server: 'hello' },
  url: 'http://hello/',
  ttfbMs: 1,
  attempt: 1,
};

const greeting = event('message', '{"choices":[{"delta":{"content":"Hello there"}}],"n":1.0,"done":null}', '42');
const ping = event('ping', '{}', '43');
const escaped = event('message', '{"choices":[{"delta":{"content":"\\u0048ello, \\"quoted\\""}}]}');
const notJson = event('message', 'hello, plain text');
const note = comment('HELLO from the server');
const failure = error('Connection lost: hello reset');
const all = [greeting, ping, escaped, notJson, note, failure, open];

const matching = (query: string) => all.filter((r) => compile(query).test(r));

describe('compileQuery: matching', () => {
  it('finds free text in data, type, id, comment text and error message, ignoring case', () => {
    expect(matching('hello')).toEqual([greeting, notJson, note, failure]);
    expect(matching('PING')).toEqual([ping]);
    expect(matching('43')).toEqual([ping]);
    expect(matching('last-id-text')).toEqual([]); // lastEventId and open records are not searched
    expect(matching('"hello there"')).toEqual([greeting]);
  });

  it('matches regexes with their flags', () => {
    expect(matching('/^hello/')).toEqual([notJson]);
    expect(matching('/^hello/i')).toEqual([notJson, note]);
    expect(matching('/reset$/')).toEqual([failure]);
  });

  it('filters by type, id and kind exactly', () => {
    expect(matching('type:ping')).toEqual([ping]);
    expect(matching('type:pin')).toEqual([]);
    expect(matching('id:42')).toEqual([greeting]);
    expect(matching('kind:comment')).toEqual([note]);
    expect(matching('kind:open')).toEqual([open]);
  });

  it('filters on a JSON value by path: equality of its string form, or a substring of it', () => {
    expect(matching('data.choices.0.delta.content="Hello there"')).toEqual([greeting]);
    expect(matching('data.choices.0.delta.content~there')).toEqual([greeting]);
    expect(matching('data.n=1')).toEqual([greeting]); // written 1.0, the number 1
    expect(matching('data.done=null')).toEqual([greeting]);
    expect(matching('data.choices.0.delta="{\\"content\\":\\"Hello there\\"}"')).toEqual([greeting]);
    expect(matching('data.choices.0={"delta":{"content":"Hello')).toEqual([]);
    expect(matching('data.choices.1.delta.content~hello')).toEqual([]);
    expect(matching('data.choices.x~hello')).toEqual([]);
    expect(matching('data~plain')).toEqual([notJson]);
    expect(matching('data={}')).toEqual([ping]);
  });

  it('compares JSON values after unescaping, where the raw text differs', () => {
    expect(matching('data.choices.0.delta.content~hello')).toEqual([greeting, escaped]);
    expect(matching('data.choices.0.delta.content~"\\"quoted\\""')).toEqual([escaped]);
  });

  it('combines terms with AND and negates with "-"', () => {
    expect(matching('hello -kind:comment -type:message')).toEqual([failure]);
    expect(matching('type:message hello')).toEqual([greeting, notJson]);
    expect(matching('-hello')).toEqual([ping, escaped, open]);
    expect(matching('-data.choices.0.delta.content~hello kind:event')).toEqual([ping, notJson]);
    expect(matching('')).toEqual(all);
  });
});

describe('compileQuery: highlights', () => {
  it('marks every case-insensitive occurrence of free text, per field', () => {
    const record = event('hello', 'Hello, hello!', 'xhellox');
    expect(compile('hello').highlight(record)).toEqual([
      {
        field: 'data',
        ranges: [
          [0, 5],
          [7, 12],
        ],
      },
      { field: 'type', ranges: [[0, 5]] },
      { field: 'id', ranges: [[1, 6]] },
    ]);
  });

  it('merges overlapping ranges from several terms and skips negated ones', () => {
    const record = event('message', 'abcdef');
    expect(compile('abc bcd /ef/ -zzz').highlight(record)).toEqual([{ field: 'data', ranges: [[0, 6]] }]);
    expect(compile('ab ef').highlight(record)).toEqual([
      {
        field: 'data',
        ranges: [
          [0, 2],
          [4, 6],
        ],
      },
    ]);
    expect(compile('-abc').highlight(record)).toEqual([]);
  });

  it('marks the whole type and id for field filters, and the text of JSON filters in the raw data', () => {
    expect(compile('type:ping id:43').highlight(ping)).toEqual([
      { field: 'type', ranges: [[0, 4]] },
      { field: 'id', ranges: [[0, 2]] },
    ]);
    expect(compile('data.choices.0.delta.content~THERE').highlight(greeting)).toEqual([{ field: 'data', ranges: [[39, 44]] }]);
  });

  it('marks comment text and error messages, in UTF-16 units', () => {
    expect(compile('from').highlight(note)).toEqual([{ field: 'text', ranges: [[6, 10]] }]);
    expect(compile('/é+x/').highlight(comment('aéééx'))).toEqual([{ field: 'text', ranges: [[1, 5]] }]);
    expect(compile('lost').highlight(failure)).toEqual([{ field: 'message', ranges: [[11, 15]] }]);
  });

  it('ignores empty regex matches when marking', () => {
    expect(compile('/x*/').highlight(event('m', 'axxb'))).toEqual([{ field: 'data', ranges: [[1, 3]] }]);
  });
});
