// "Copy as cURL" and "Copy as fetch": a connection's resolved request (variables filled in, auth
// applied) written as a command to paste in a terminal or code to paste in a browser console. The
// caller picks the request to write: the real one, or the one with every secret masked ('••••').
// The headers a Session adds by itself (Accept: text/event-stream, no caching) are written too, so
// the copy asks for what the app asks for.

import { quote } from 'shell-quote';
import type { CopyFormat } from '../../contract.ts';
import type { ResolvedRequest } from './variables.ts';

export function copyRequestAs(request: ResolvedRequest, format: CopyFormat): string {
  return format === 'curl' ? curlCommand(request) : fetchCall(request);
}

/** The headers as sent: the Session's defaults, then the request's (which win by name), then Last-Event-ID. */
function sentHeaders(request: ResolvedRequest): [string, string][] {
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  set('Accept', 'text/event-stream');
  set('Cache-Control', 'no-cache');
  for (const [name, value] of Object.entries(request.headers)) set(name, value);
  if (request.lastEventId) set('Last-Event-ID', request.lastEventId);
  return [...headers.values()];
}

/** One option per line, each word quoted for a POSIX shell; -N prints events as they arrive. */
function curlCommand(request: ResolvedRequest): string {
  const lines: string[][] = [['curl', '-N', request.url]];
  if (request.method !== 'GET') lines.push(['-X', request.method]);
  for (const [name, value] of sentHeaders(request)) lines.push(['-H', `${name}: ${value}`]);
  if (request.body !== undefined) lines.push(['--data-raw', request.body]);
  if (request.tls.insecure) lines.push(['--insecure']);
  if (request.tls.caFile) lines.push(['--cacert', request.tls.caFile]);
  return lines.map((words) => quote(words)).join(' \\\n  ');
}

/** A fetch() call that reads the stream as text; certificates are the browser's business. */
function fetchCall(request: ResolvedRequest): string {
  const init: string[] = [`  method: ${JSON.stringify(request.method)},`];
  const headers = sentHeaders(request).map(([name, value]) => `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  init.push(`  headers: {\n${headers.join('\n')}\n  },`);
  if (request.body !== undefined) init.push(`  body: ${JSON.stringify(request.body)},`);
  return [
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    ...init,
    '});',
    'const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();',
    'for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) console.log(chunk.value);',
  ].join('\n');
}
