// Highlighting on the view's side, with the same parser and matcher the main process searches
// with (main/common): a row not on the loaded page of results is marked exactly as the search
// would mark it, and other text (the JSON tree's keys and values, error messages) is marked as if
// it were an event's data. A query that does not parse marks nothing (the search box says why).

import { compileQuery, matchesInText, type CompiledQuery } from '../../../../main/common/query-matcher.ts';
import { parseQuery } from '../../../../main/common/query-parser.ts';
import type { FieldMatch, SseRecord } from '../../../../main/contract.ts';

export type Range = [number, number];

export interface Segment {
  text: string;
  mark: boolean;
}

/** Finds match ranges of a query's terms in a text. */
export type Highlighter = (text: string) => Range[];

/** A query's highlighters: whole records, and text taken as an event's data, type or id. */
export interface QueryHighlighter {
  /** The ranges the search's matcher finds in a record's fields. */
  record(record: SseRecord): FieldMatch[];
  /** Event data, comment text, error messages: also the JSON tree's keys and values. */
  data: Highlighter;
  type: Highlighter;
  id: Highlighter;
}

const NO_MATCHES: Highlighter = () => [];
export const NO_QUERY_HIGHLIGHTER: QueryHighlighter = { record: () => [], data: NO_MATCHES, type: NO_MATCHES, id: NO_MATCHES };

/** Marks a query's matches in data-like text (event data, comments, messages, JSON keys and values). */
export function highlighterFor(query: string): Highlighter {
  return fieldHighlightersFor(query).data;
}

/** A query's highlighters; the query is parsed and compiled once. */
export function fieldHighlightersFor(query: string): QueryHighlighter {
  const parsed = parseQuery(query);
  if (!parsed.ok || parsed.terms.length === 0) return NO_QUERY_HIGHLIGHTER;
  const compiled = compileQuery(parsed.terms);
  return {
    record: (record) => compiled.highlight(record),
    data: textHighlighter(compiled, 'data'),
    type: textHighlighter(compiled, 'type'),
    id: textHighlighter(compiled, 'id'),
  };
}

function textHighlighter(query: CompiledQuery, field: 'data' | 'type' | 'id'): Highlighter {
  return (text) => (text === '' ? [] : matchesInText(query, field, text));
}

export function mergeRanges(ranges: Range[]): Range[] {
  if (ranges.length < 2) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Splits text into marked and unmarked pieces (ranges sorted, clipped to the text). */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  if (ranges.length === 0) return [{ text, mark: false }];
  const out: Segment[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of ranges) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.min(rawEnd, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/**
 * Ranges in an original field mapped onto its collapsed preview: `sources[i]` is the index in
 * the field that preview character i came from (see format/record-preview.ts collapse()).
 */
export function mapRangesToPreview(ranges: readonly Range[], sources: readonly number[]): Range[] {
  const out: Range[] = [];
  for (const [start, end] of ranges) {
    const from = lowerBound(sources, start);
    const to = lowerBound(sources, end);
    if (to > from) out.push([from, to]);
  }
  return out;
}

function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
