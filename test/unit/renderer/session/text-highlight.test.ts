// Marking search terms on the view's side with the search's own parser and matcher: words and
// phrases case-insensitively, regexes as written, field filters only in their own column, negated
// terms nowhere; rows off the results page marked as the search marks them; and mapping ranges of
// the original data onto a row's collapsed one-line preview.

import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../../main/common/query-matcher.ts';
import { parseQuery } from '../../../../main/common/query-parser.ts';
import type { EventRecord } from '../../../../main/common/records.ts';
import { rowHighlight } from '../../../../renderer/src/lib/search/row-highlight.ts';
import { collapse } from '../../../../renderer/src/lib/format/record-preview.ts';
import { fieldHighlightersFor, highlighterFor, mapRangesToPreview, segments } from '../../../../renderer/src/lib/search/text-highlight.ts';

const marked = (text: string, query: string) =>
  segments(text, highlighterFor(query)(text))
    .filter((piece) => piece.mark)
    .map((piece) => piece.text);

describe('client-side highlighting', () => {
  it('marks words and phrases whatever their case, and regexes as written', () => {
    expect(marked('Hello world, hello again', 'hello')).toEqual(['Hello', 'hello']);
    expect(marked('say "big deal" now', '"BIG DEAL"')).toEqual(['big deal']);
    expect(marked('id-42 and id-7', '/id-\\d+/')).toEqual(['id-42', 'id-7']);
  });

  it('marks nothing for negated terms or a regex the browser rejects', () => {
    expect(marked('tick tock', '-tick')).toEqual([]);
    expect(marked('tick (', '/tick(/')).toEqual([]);
  });

  it('marks data filter values in the data, and type:/id: values only in their column', () => {
    expect(marked('{"user":"ada"}', 'data.user=ada')).toEqual(['ada']);
    expect(marked('the price is right', 'type:price')).toEqual([]);
    const fields = fieldHighlightersFor('type:price id:7 ACME');
    expect(fields.type('price')).toEqual([[0, 5]]);
    expect(fields.type('prices')).toEqual([]);
    expect(fields.id('7')).toEqual([[0, 1]]);
    expect(fields.data('ACME price')).toEqual([[0, 4]]);
  });

  it('marks a data.path= value with its case, as the search matches it', () => {
    expect(marked('{"user":"ADA","x":"ada"}', 'data.user=ada')).toEqual(['ada']);
    expect(marked('{"user":"ADA","x":"ada"}', 'data.user~ada')).toEqual(['ADA', 'ada']);
  });

  it('marks a row that is not on a loaded page of results exactly as the main process would', () => {
    const record: EventRecord = { kind: 'event', seq: 3, time: 0, type: 'price', data: 'ACME up, acme down', lastEventId: '', size: 18 };
    const query = 'type:price acme -kind:comment';
    const parsed = parseQuery(query);
    if (!parsed.ok) throw new Error('the query should parse');
    const exact = compileQuery(parsed.terms).highlight(record);
    expect(rowHighlight(record, undefined, fieldHighlightersFor(query))).toEqual(rowHighlight(record, exact, fieldHighlightersFor('')));
    expect(rowHighlight(record, undefined, fieldHighlightersFor(query)).preview).toEqual([
      [0, 4],
      [9, 13],
    ]);
  });

  it('moves ranges of the raw data onto the collapsed preview', () => {
    const data = '{\n  "name":   "ACME"\n}';
    const { text, sources } = collapse(data);
    expect(text).toBe('{ "name": "ACME" }');
    const start = data.indexOf('ACME');
    const [range] = mapRangesToPreview([[start, start + 4]], sources);
    expect(text.slice(range![0], range![1])).toBe('ACME');
  });
});
