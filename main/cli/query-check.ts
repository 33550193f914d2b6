// Checks a search query before any capture is read, so a typo fails at once, with a message that
// shows the query and points at the place the parser stopped:
//
//   bad query at position 7: Unclosed regular expression: it needs a closing /
//     type:x /abc
//            ^

import { parseQuery, type QueryError } from '../core/store/query-parser.ts';
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
