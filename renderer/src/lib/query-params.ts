// The connection editor's Params table and its URL, kept in step both ways. The URL stays the one
// source of what is sent: the table reads its query string (as written: "%20" stays "%20", a
// {{variable}} stays as typed), and an edit in the table writes the query string again, leaving
// the rest of the URL (scheme, host, path, #fragment) exactly as it was. Characters that would
// change the query's shape when typed into a cell are percent-encoded: space, "&" and "#", and "="
// in a name.

export interface QueryParam {
  name: string;
  value: string;
}

interface UrlParts {
  /** Everything before the "?" (or the whole URL when there is no query and no fragment). */
  base: string;
  /** The text after "?", up to the fragment; null when the URL has no "?". */
  query: string | null;
  /** "#..." or "". */
  hash: string;
}

function splitUrl(url: string): UrlParts {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return { base: beforeHash, query: null, hash };
  return { base: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash };
}

/** The URL's query parameters in order, as written; "flag" (no "=") has the value "". */
export function paramsOfUrl(url: string): QueryParam[] {
  const { query } = splitUrl(url);
  if (!query) return [];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
}

/** The URL with its query string replaced by these parameters (none: no "?" at all). */
export function urlWithParams(url: string, params: readonly QueryParam[]): string {
  const { base, hash } = splitUrl(url);
  const pairs = params
    .filter((param) => param.name !== '' || param.value !== '')
    .map((param) =>
      param.value === '' ? encodeCell(param.name, true) : `${encodeCell(param.name, true)}=${encodeCell(param.value, false)}`,
    );
  return pairs.length === 0 ? `${base}${hash}` : `${base}?${pairs.join('&')}${hash}`;
}

function encodeCell(text: string, isName: boolean): string {
  const encoded = text.replace(/ /g, '%20').replace(/&/g, '%26').replace(/#/g, '%23');
  return isName ? encoded.replace(/=/g, '%3D') : encoded;
}
