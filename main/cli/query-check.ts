// Checks a search query before any capture is read, so a typo fails at once, with a message that
// shows the query and points at the place the parser stopped:
//
//   bad query at position 7: Unclosed regular expression: it needs a closing /
//     type:x /abc
//            ^

import { parseQuery, type QueryError } from '../common/query-parser.ts';
import type { RecordStore } from '../core/store/record-store.ts';
import type { SearchResult } from '../core/store/search.ts';
import { formatCount } from '../common/number-format.ts';
import { elapsed, type StatusLine } from './status-line.ts';
import { UsageError } from './command-exit.ts';

export function checkQuery(query: string): void {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new UsageError(badQueryMessage(query, parsed.error));
}

export function badQueryMessage(query: string, error: QueryError): string {
  // Line breaks and tabs in the query are shown as spaces, so the caret stays under its place;
  // the caret's column counts characters (code points), as a terminal draws them.
  const shown = query.replace(/[\t\n\v\f\r]/g, ' ');
  const column = [...shown.slice(0, error.position)].length;
  return `bad query at position ${error.position}: ${error.message}\n  ${shown}\n  ${' '.repeat(column)}^`;
}

/**
 * Runs a query over an opened capture, with a status line while it searches. Resolves with the
 * result, or null when the user interrupted it; a malformed query is bad usage.
 */
export async function searchCapture(
  store: RecordStore,
  query: string,
  status: StatusLine,
  signal: AbortSignal,
): Promise<SearchResult | null> {
  const started = performance.now();
  status.phase(() => `searching ${formatCount(store.total)} records · ${elapsed(started)}`);
  const outcome = await store.search(query, { signal });
  if (outcome.status === 'cancelled') return null;
  if (outcome.status === 'invalid') throw new UsageError(badQueryMessage(query, outcome.error));
  return outcome.result;
}
