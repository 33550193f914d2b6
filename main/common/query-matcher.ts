// Turns parsed query terms into a predicate over records (all terms must hold) and a highlighter
// that finds where the positive terms match inside a record, for the view to mark.

import type { EventRecord, SseRecord } from './records.ts';
import { JsonDataCache, needleFitsOneToken, stringForm, valueAt } from './data-filter.ts';
import { NO_VALUE, UNKNOWN_VALUE, type JsonFieldIndex } from './json-field-index.ts';
import type { QueryTerm } from './query-parser.ts';

/** The record fields free text and regexes search, and that highlights point into. */
export type SearchField = 'data' | 'type' | 'id' | 'text' | 'message';

/** Match ranges in one field: [start, end) in UTF-16 units of the field's string. */
export interface FieldMatch {
  field: SearchField;
  ranges: Array<[number, number]>;
}

export interface CompiledQuery {
  test(record: SseRecord): boolean;
  highlight(record: SseRecord): FieldMatch[];
}

type AddRange = (field: SearchField, start: number, end: number) => void;

interface CompiledTerm {
  /** Cheaper terms run first. */
  cost: number;
  test(record: SseRecord): boolean;
  highlight?(record: SseRecord, add: AddRange): void;
}

/** Ranges kept per field: enough to mark, bounded for a pathological record. */
const MAX_RANGES_PER_FIELD = 1000;

/** `fieldIndex`: where data filters remember each record's value across searches (a store's). */
export function compileQuery(terms: readonly QueryTerm[], fieldIndex?: JsonFieldIndex): CompiledQuery {
  const cache = new JsonDataCache();
  const compiled = terms.map((term) => negate(compileTerm(term, cache, fieldIndex), term.negated));
  compiled.sort((a, b) => a.cost - b.cost);
  const tests = compiled.map((term) => term.test);
  const test = allOf(tests);
  const highlighters = compiled.flatMap((term) => (term.highlight ? [term.highlight] : []));
  return {
    test,
    highlight(record) {
      const byField = new Map<SearchField, Array<[number, number]>>();
      const add: AddRange = (field, start, end) => {
        let ranges = byField.get(field);
        if (!ranges) byField.set(field, (ranges = []));
        if (ranges.length < MAX_RANGES_PER_FIELD) ranges.push([start, end]);
      };
      for (const highlight of highlighters) highlight(record, add);
      return [...byField].map(([field, ranges]) => ({ field, ranges: mergeRanges(ranges) }));
    },
  };
}

/**
 * The query's matches in any text, as if the text were that field of an event: how the view marks
 * the detail pane's JSON keys and values and other text that is not a whole record field.
 */
export function matchesInText(query: CompiledQuery, field: 'data' | 'type' | 'id', text: string): Array<[number, number]> {
  const record: EventRecord = {
    kind: 'event',
    seq: 0,
    time: 0,
    type: field === 'type' ? text : '',
    data: field === 'data' ? text : '',
    lastEventId: '',
    size: 0,
    ...(field === 'id' ? { id: text } : {}),
  };
  return query.highlight(record).find((match) => match.field === field)?.ranges ?? [];
}

function allOf(tests: Array<(record: SseRecord) => boolean>): (record: SseRecord) => boolean {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [(r: SseRecord) => boolean, (r: SseRecord) => boolean];
    return (record) => a(record) && b(record);
  }
  return (record) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(record)) return false;
    return true;
  };
}

function negate(term: CompiledTerm, negated: boolean): CompiledTerm {
  if (!negated) return term;
  const inner = term.test;
  return { cost: term.cost, test: (record) => !inner(record) };
}

function compileTerm(term: QueryTerm, cache: JsonDataCache, fieldIndex: JsonFieldIndex | undefined): CompiledTerm {
  switch (term.term) {
    case 'kind': {
      const kind = term.value;
      return { cost: 0, test: (record) => record.kind === kind };
    }
    case 'type': {
      const type = term.value;
      return {
        cost: 0,
        test: (record) => record.kind === 'event' && record.type === type,
        highlight: (record, add) => record.kind === 'event' && record.type === type && add('type', 0, type.length),
      };
    }
    case 'id': {
      const id = term.value;
      return {
        cost: 0,
        test: (record) => record.kind === 'event' && record.id === id,
        highlight: (record, add) => record.kind === 'event' && record.id === id && add('id', 0, id.length),
      };
    }
    case 'text':
      return textTerm(new RegExp(escapeRegExp(term.text), 'i'), 1);
    case 'regex':
      return textTerm(term.regex, 2);
    case 'data':
      return dataTerm(term.path, term.op, term.value, cache, fieldIndex);
  }
}

/** Free text and regexes: the record's data, type, id, comment text or error message. */
function textTerm(regex: RegExp, cost: number): CompiledTerm {
  const global = new RegExp(regex.source, regex.flags + 'g');
  return {
    cost,
    test: (record) => {
      switch (record.kind) {
        case 'event':
          return regex.test(record.data) || regex.test(record.type) || (record.id !== undefined && regex.test(record.id));
        case 'comment':
          return regex.test(record.text);
        case 'error':
          return regex.test(record.message);
        default:
          return false;
      }
    },
    highlight: (record, add) => {
      switch (record.kind) {
        case 'event':
          addMatches(global, 'data', record.data, add);
          addMatches(global, 'type', record.type, add);
          if (record.id !== undefined) addMatches(global, 'id', record.id, add);
          break;
        case 'comment':
          addMatches(global, 'text', record.text, add);
          break;
        case 'error':
          addMatches(global, 'message', record.message, add);
          break;
      }
    },
  };
}

function dataTerm(
  path: readonly string[],
  op: '=' | '~',
  needle: string,
  cache: JsonDataCache,
  fieldIndex: JsonFieldIndex | undefined,
): CompiledTerm {
  const contains = new RegExp(escapeRegExp(needle), 'i');
  const compare = op === '=' ? (text: string) => text === needle : (text: string) => contains.test(text);
  const highlighter = op === '=' ? new RegExp(escapeRegExp(needle), 'g') : new RegExp(escapeRegExp(needle), 'gi');
  const highlight = (record: SseRecord, add: AddRange) => {
    if (record.kind === 'event' && needle !== '') addMatches(highlighter, 'data', record.data, add);
  };
  if (path.length === 0) {
    return { cost: 1, test: (record) => record.kind === 'event' && compare(record.data), highlight };
  }
  const rawCheck = needleFitsOneToken(needle)
    ? op === '='
      ? (raw: string) => raw.includes(needle)
      : (raw: string) => contains.test(raw)
    : null;
  const field = fieldIndex?.field(path);
  // Per value number: 0 not compared yet, 1 no match, 2 a match (each distinct value compared once).
  let verdicts: Uint8Array = new Uint8Array(field ? field.size : 0);
  return {
    cost: 3,
    test: (record) => {
      if (record.kind !== 'event') return false;
      if (field) {
        const id = field.idOf(record.seq);
        if (id === NO_VALUE) return false;
        if (id !== UNKNOWN_VALUE) {
          if (id >= verdicts.length) verdicts = grown(verdicts, field.size);
          if (verdicts[id] === 0) verdicts[id] = compare(field.value(id)!) ? 2 : 1;
          return verdicts[id] === 2;
        }
      }
      if (rawCheck && !rawCheck(record.data) && !record.data.includes('\\')) return false;
      const text = stringForm(valueAt(cache.parse(record as EventRecord), path));
      field?.remember(record.seq, text);
      return text !== undefined && compare(text);
    },
    // The position of a JSON value inside the raw text is not tracked: mark where the text occurs.
    highlight,
  };
}

function grown(verdicts: Uint8Array, size: number): Uint8Array {
  const next = new Uint8Array(Math.max(size, verdicts.length * 2));
  next.set(verdicts);
  return next;
}

function addMatches(global: RegExp, field: SearchField, value: string, add: AddRange): void {
  global.lastIndex = 0;
  let found = 0;
  for (let match = global.exec(value); match !== null && found < MAX_RANGES_PER_FIELD; match = global.exec(value)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end > start) {
      add(field, start, end);
      found++;
    } else {
      global.lastIndex++; // an empty match: step past it
    }
  }
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
