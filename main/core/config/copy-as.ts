// "Copy as cURL" and "Copy as fetch": a resolved request (variables filled in; secrets as they are
// or masked, as the caller chose: Resolved.request or Resolved.display) as a command or snippet
// that sends what the app sends. That includes the headers a session adds unless the connection
// sets them (Accept: text/event-stream, Cache-Control: no-cache: see Session, sse/session.ts), and
// the Content-Type the app's HTTP client gives a body that has none (text/plain;charset=UTF-8, as
// fetch does). The cURL text reads back through our curl import as the same request.

import { quote } from 'shell-quote';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../common/engine-defaults.ts';
import type { ResolvedRequest } from './variables.ts';

/** The headers the request goes out with, in the order they are written. */
function sentHeaders(request: ResolvedRequest): [string, string][] {
  const headers = Object.entries(request.headers);
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  const defaults: [string, string][] = [];
  if (!has('accept')) defaults.push(['Accept', 'text/event-stream']);
  if (!has('cache-control')) defaults.push(['Cache-Control', 'no-cache']);
  if (request.lastEventId && !has('last-event-id')) headers.push(['Last-Event-ID', request.lastEventId]);
  if (request.body && !has('content-type')) headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  return [...defaults, ...headers];
}

/**
 * A word as bash reads it. A word with nothing special stays bare and one without a single quote
 * goes in single quotes (as browsers write cURL commands); shell-quote quotes the rest.
 */
function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  return quote([word]);
}

export function copyAsCurl(request: ResolvedRequest): string {
  const args: string[][] = [['curl', '-N', request.url]];
  // [curl] a body makes it a POST, and no body a GET; any other method is said.
  const implied = request.body ? 'POST' : 'GET';
  if (request.method !== implied) args.push(['-X', request.method]);
  for (const [name, value] of sentHeaders(request)) args.push(['-H', `${name}: ${value}`]);
  if (request.body) args.push(['--data-raw', request.body]);
  if (request.tls.insecure) args.push(['-k']);
  if (request.tls.caFile) args.push(['--cacert', request.tls.caFile]);
  if (request.connectTimeoutMs !== DEFAULT_CONNECT_TIMEOUT_MS) args.push(['--connect-timeout', String(request.connectTimeoutMs / 1000)]);
  return args.map((words) => words.map(shellWord).join(' ')).join(' \\\n  ');
}

export function copyAsFetch(request: ResolvedRequest): string {
  const lines: string[] = [];
  if (request.tls.insecure)
    lines.push('// The connection skips TLS certificate checks; fetch cannot, so this fails on a certificate it does not trust.');
  if (request.tls.caFile) lines.push(`// The connection trusts the CA file ${request.tls.caFile}; fetch uses the system's certificates.`);
  const indent = (text: string) => text.replaceAll('\n', '\n  ');
  const options = [`method: ${JSON.stringify(request.method)}`];
  const headers = sentHeaders(request).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
  options.push(`headers: {\n${headers.join(',\n')}\n}`);
  if (request.body) options.push(`body: ${bodyExpression(request.body)}`);
  lines.push(`const response = await fetch(${JSON.stringify(request.url)}, {\n  ${options.map(indent).join(',\n  ')},\n});`);
  return lines.join('\n');
}

/** JSON that reads back to the same text is written as an object (easier to edit); anything else as a string. */
function bodyExpression(body: string): string {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && JSON.stringify(value) === body)
      return `JSON.stringify(${JSON.stringify(value, null, 2)})`;
  } catch {
    // not JSON
  }
  return JSON.stringify(body);
}
