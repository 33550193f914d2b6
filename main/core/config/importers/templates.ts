// Text with `{{variables}}` in it, as the importers handle it: which variables a text uses, which
// `{{...}}` are not variables we can fill in (a tool's dynamic values such as Postman's {{$guid}}),
// percent-encoding around variables (a form body, a query parameter), and URL work on a template
// (the variables stand in as plain words while the URL is parsed, then come back).

import { VARIABLE_PATTERN } from '../../../common/config-schema.ts';

/** `{{anything}}`: what other tools write as a template, whether or not it is a variable here. */
const ANY_TEMPLATE = /\{\{([^{}]*)\}\}/g;

/** The variable names a text uses, each once, in order. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE_PATTERN)].map((match) => match[1]!))];
}

/** The `{{...}}` in a text that are not variables (`{{$guid}}`, `{{my var}}`), as written. */
export function foreignTemplates(text: string): string[] {
  return [...new Set([...text.matchAll(ANY_TEMPLATE)].map((match) => match[0]).filter((token) => variablesIn(token).length === 0))];
}

/** `encode` applied to the text between `{{variables}}` (their values are filled in later). */
function outsideVariables(text: string, encode: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    out += encode(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + encode(text.slice(last));
}

/** `a=1&b=2` for a form body: names and values encoded (encodeURIComponent) around their variables. */
export function formEncode(pairs: readonly { name: string; value: string }[]): string {
  const encode = (text: string) => outsideVariables(text, encodeURIComponent);
  return pairs.map(({ name, value }) => `${encode(name)}=${encode(value)}`).join('&');
}

/**
 * A query parameter's name or value as the tools send it: what a query cannot hold is encoded
 * (space, &, =, +, #, non-ASCII), while "," ":" "/" and an existing %XX stay as typed.
 */
function encodeQueryPart(text: string): string {
  return outsideVariables(text, (part) => part.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$'()*,;:@/?%]/gu, encodeURIComponent));
}

/** The URL with `name=value` added to its query (before any #fragment). */
export function appendQuery(url: string, name: string, value: string): string {
  return appendQueryText(url, `${encodeQueryPart(name)}=${encodeQueryPart(value)}`);
}

/** The URL with query text that is already encoded ("a=1&b=2") added to its query. */
export function appendQueryText(url: string, query: string): string {
  const hash = url.indexOf('#');
  const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${query}${fragment}`;
}

/**
 * The value holds no credential of its own: only variables, around an auth scheme word at most
 * ("Bearer {{token}}", "{{apiKey}}"). Such a header can stay readable: the secret is the variable.
 */
export function credentialIsVariable(value: string): boolean {
  if (variablesIn(value).length === 0) return false;
  return /^\s*([A-Za-z][\w-]*\s+)?$/.test(value.replace(VARIABLE_PATTERN, ''));
}

/**
 * The text with each variable replaced by a plain word that a URL parser keeps as it is (in a
 * host, a path or a query), and `restore`, which puts the variables back into any text made from it.
 */
export function variablesAsWords(text: string): { plain: string; restore: (edited: string) => string } {
  const found: string[] = [];
  const plain = text.replace(VARIABLE_PATTERN, (match) => `ssevar${found.push(match) - 1}x`);
  const restore = (edited: string) => edited.replace(/ssevar(\d+)x/g, (word, index: string) => found[Number(index)] ?? word);
  return { plain, restore };
}
