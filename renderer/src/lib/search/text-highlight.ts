// Highlighting on the view's side. Rows on the current page of search results carry the exact
// match ranges the main process found; every other place (rows not on that page, the JSON tree,
// the raw view) marks the query's plain terms itself: words and "phrases" case-insensitively,
// /regexes/ as written, and the value of field filters (type:x, id:x, data.path~x). Negated terms
// mark nothing. This is an approximation of the real matcher, good enough to draw the eye.

export type Range = [number, number];

export interface Segment {
  text: string;
  mark: boolean;
}

/** Finds match ranges of a query's terms in a text. */
export type Highlighter = (text: string) => Range[];

/** Highlighters per field: free text marks all three; type:, id: and data filters their own. */
export interface QueryHighlighter {
  /** Event data, comment text, error messages: also the JSON tree's keys and values. */
  data: Highlighter;
  type: Highlighter;
  id: Highlighter;
}

const NO_MATCHES: Highlighter = () => [];
export const NO_QUERY_HIGHLIGHTER: QueryHighlighter = { data: NO_MATCHES, type: NO_MATCHES, id: NO_MATCHES };
const MAX_RANGES = 200;

/** Marks a query's terms in data-like text (event data, comments, messages, JSON keys and values). */
export function highlighterFor(query: string): Highlighter {
  const patterns = termPatterns(query);
  return highlighterOf([...patterns.text, ...patterns.data]);
}

/** Marks a query's terms per row column: type:x marks the type, id:x the id, free text all. */
export function fieldHighlightersFor(query: string): QueryHighlighter {
  const patterns = termPatterns(query);
  return {
    data: highlighterOf([...patterns.text, ...patterns.data]),
    type: highlighterOf([...patterns.text, ...patterns.type]),
    id: highlighterOf([...patterns.text, ...patterns.id]),
  };
}

function highlighterOf(patterns: RegExp[]): Highlighter {
  if (patterns.length === 0) return NO_MATCHES;
  return (text) => {
    const ranges: Range[] = [];
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match && ranges.length < MAX_RANGES; match = pattern.exec(text)) {
        if (match[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        ranges.push([match.index, match.index + match[0].length]);
      }
    }
    return mergeRanges(ranges);
  };
}

/** Global regexes for the positive terms of a query, by field (a rough tokenizer of the language). */
function termPatterns(query: string): { text: RegExp[]; data: RegExp[]; type: RegExp[]; id: RegExp[] } {
  const out = { text: [] as RegExp[], data: [] as RegExp[], type: [] as RegExp[], id: [] as RegExp[] };
  const token = /(-?)(?:"((?:[^"\\]|\\.)*)"|\/((?:[^/\\[]|\\.|\[(?:[^\]\\]|\\.)*\])+)\/([a-z]*)|((?:[^\s"]|"(?:[^"\\]|\\.)*")+))/gi;
  for (let match = token.exec(query); match; match = token.exec(query)) {
    if (match[1] === '-') continue;
    const [, , phrase, regexSource, flags, word] = match;
    try {
      if (phrase !== undefined) out.text.push(literal(phrase.replace(/\\(.)/g, '$1')));
      else if (regexSource !== undefined) out.text.push(new RegExp(regexSource, (flags ?? '').replace(/[gy]/g, '') + 'g'));
      else if (word !== undefined) addWord(word, out);
    } catch {
      // A regex the browser rejects marks nothing; the search box shows the main process's error.
    }
  }
  return out;
}

function addWord(word: string, out: { text: RegExp[]; data: RegExp[]; type: RegExp[]; id: RegExp[] }): void {
  const field = /^(type|id|kind):(.*)$/i.exec(word);
  if (field) {
    const name = field[1]!.toLowerCase();
    const value = unquote(field[2]!);
    if (name === 'kind' || value === '') return;
    // type: and id: are exact: the whole column.
    const exact = new RegExp(`^${escape(value)}$`, 'g');
    (name === 'type' ? out.type : out.id).push(exact);
    return;
  }
  const data = /^data(?:\.[^\s.=~]*)*[=~](.*)$/i.exec(word);
  if (data) {
    const value = unquote(data[1]!);
    if (value !== '') out.data.push(literal(value));
    return;
  }
  out.text.push(literal(word));
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function literal(text: string): RegExp {
  return new RegExp(escape(text), 'gi');
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
