import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryTerm } from '../../../main/common/query-parser.ts';

function terms(query: string): QueryTerm[] {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`unexpected error: ${parsed.error.message} at ${parsed.error.position}`);
  return parsed.terms;
}

function error(query: string) {
  const parsed = parseQuery(query);
  if (parsed.ok) throw new Error(`expected an error for ${query}`);
  return parsed.error;
}

describe('parseQuery: terms', () => {
  it('reads words, phrases, regexes and field filters, with their positions', () => {
    const parsed = terms('hello "two words" /a+b/i type:delta id:"7 8" kind:comment data.choices.0.delta.content~hi data=x');
    expect(parsed.map((t) => [t.term, t.position])).toEqual([
      ['text', 0],
      ['text', 6],
      ['regex', 18],
      ['type', 25],
      ['id', 36],
      ['kind', 45],
      ['data', 58],
      ['data', 90],
    ]);
    expect(parsed[1]).toMatchObject({ text: 'two words', negated: false });
    expect(parsed[2]).toMatchObject({ regex: /a+b/i });
    expect(parsed[4]).toMatchObject({ value: '7 8' });
    expect(parsed[6]).toMatchObject({ path: ['choices', '0', 'delta', 'content'], op: '~', value: 'hi' });
    expect(parsed[7]).toMatchObject({ path: [], op: '=', value: 'x' });
  });

  it('negates a term with a leading "-"', () => {
    expect(terms('-ping -type:ping -"a b" -/x/')).toEqual([
      expect.objectContaining({ term: 'text', text: 'ping', negated: true }),
      expect.objectContaining({ term: 'type', value: 'ping', negated: true }),
      expect.objectContaining({ term: 'text', text: 'a b', negated: true }),
      expect.objectContaining({ term: 'regex', negated: true }),
    ]);
    expect(terms('a-b')[0]).toMatchObject({ term: 'text', text: 'a-b', negated: false });
  });

  it('unescapes \\" and \\\\ in quotes, and takes field names in any case', () => {
    expect(terms('"say \\"hi\\" \\\\o/"')[0]).toMatchObject({ text: 'say "hi" \\o/' });
    expect(terms('TYPE:Delta')[0]).toMatchObject({ term: 'type', value: 'Delta' });
    expect(terms('type:""')[0]).toMatchObject({ term: 'type', value: '' });
  });

  it('treats unknown prefixes and look-alikes as plain text', () => {
    expect(terms('http://host/x database data.txt url:x')).toEqual([
      expect.objectContaining({ term: 'text', text: 'http://host/x' }),
      expect.objectContaining({ term: 'text', text: 'database' }),
      expect.objectContaining({ term: 'text', text: 'data.txt' }),
      expect.objectContaining({ term: 'text', text: 'url:x' }),
    ]);
  });

  it('reads a long run of dots without backtracking forever', () => {
    expect(terms('data' + '.'.repeat(5000) + 'x')).toEqual([expect.objectContaining({ term: 'text' })]);
    expect(error('data' + '.'.repeat(50) + '=x').message).toMatch(/Empty name/);
  });

  it('drops the stateful g and y flags and keeps the others', () => {
    expect(terms('/a/gimsy')[0]).toMatchObject({ regex: /a/ims });
  });

  it('gives no terms for an empty or blank query', () => {
    expect(terms('')).toEqual([]);
    expect(terms('  \t ')).toEqual([]);
  });
});

describe('parseQuery: errors', () => {
  it.each([
    ['unclosed quote', 'abc "def', 4, /Unclosed quote/],
    ['unclosed quote in a value', 'type:"abc', 5, /Unclosed quote/],
    ['unclosed regex', 'x /ab[/]c', 2, /Unclosed regular expression/],
    ['bad regex', 'x /a(b/', 2, /Invalid regular expression: .*Unterminated group/],
    ['unknown regex flag', '/a/iq', 4, /Unknown regular expression flag "q"/],
    ['repeated regex flag', '/a/ii', 4, /flag "i" is repeated/],
    ['text right after a regex', '/api/v1', 5, /Expected a space after the regular expression/],
    ['empty regex', 'a //', 2, /Empty regular expression/],
    ['empty field filter', 'a type:', 7, /Missing value after "type:"/],
    ['empty data filter', 'data.x= y', 7, /Missing value after "data.x="/],
    ['empty data path segment', 'data.a..b=1', 7, /Empty name in the data path/],
    ['unknown kind', 'kind:evnt', 5, /Unknown kind "evnt"/],
    ['lone minus', 'a - b', 2, /Expected a term after "-"/],
    ['text right after a quote', '"a"b', 3, /Expected a space after the closing quote/],
    ['empty phrase', 'x ""', 2, /Empty phrase/],
  ])('%s', (_name, query, position, message) => {
    const found = error(query);
    expect(found.position).toBe(position);
    expect(found.message).toMatch(message);
  });

  it('never throws, whatever is typed', () => {
    // A fixed pseudo-random stream of query-ish characters.
    const alphabet = [
      'a',
      'Z',
      ' ',
      '-',
      '"',
      '\\',
      '/',
      '[',
      ']',
      '(',
      ')',
      ':',
      '.',
      '=',
      '~',
      'type',
      'data',
      'kind',
      'id',
      '*',
      '+',
      '?',
      '{',
      'é',
    ];
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      let query = '';
      const length = next() % 16;
      for (let j = 0; j < length; j++) query += alphabet[next() % alphabet.length];
      const parsed = parseQuery(query);
      if (!parsed.ok) {
        expect(parsed.error.position).toBeGreaterThanOrEqual(0);
        expect(parsed.error.position).toBeLessThanOrEqual(query.length);
      }
    }
  });
});
