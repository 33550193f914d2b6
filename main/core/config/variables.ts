// A saved connection plus the active environment becomes the request a Session sends: {{name}}
// variables are replaced in the URL, header names and values, the body and the auth fields; the
// auth becomes its header (or query parameter) here, Basic encoded as base64 once the variables
// are in; secrets are decrypted here and nowhere earlier. An unknown variable is an error before connecting (never sent as
// literal braces), and every problem is listed at once, by variable name and where it appeared.
//
// Rules: `{{name}}` (spaces inside the braces allowed) is a variable; braces around anything that
// is not a variable name ({{}} or {{ a b }}) are left as they are. There is no escape for a
// literal `{{name}}`, and values are not expanded again (a value holding {{x}} is sent as is).

import { Buffer } from 'node:buffer';
import type { ParserLimits } from '../sse/event-stream-parser.ts';
import type { TlsOptions } from '../sse/node-fetch.ts';
import type { ReconnectSettings } from '../../common/reconnect-policy.ts';
import { VARIABLE_PATTERN, type Environment, type SavedAuth, type SavedConnection, type StoredValue } from '../../common/config-schema.ts';
import { redactText, SecretMask } from '../export/secret-mask.ts';
import { openValue, REDACTED, SecretUnreadableError, type SecretCipher } from './secrets.ts';

/** What a Session needs (with `fetch` and `onRecords` added by the caller) and the TLS options for the fetch. */
export interface ResolvedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  lastEventId?: string;
  reconnect: ReconnectSettings;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  limits: ParserLimits;
  tls: TlsOptions;
}

export interface Resolved {
  /** Send this. */
  request: ResolvedRequest;
  /** Log or show this: the same request with every secret value replaced by '••••'. */
  display: ResolvedRequest;
  /** What the user marked secret, for the session's SecretMask (see secretMaskFor). */
  secrets: {
    /** The values of the secret variables used and of the secret headers. */
    values: string[];
    /** The names of the headers whose value is secret or holds a secret variable. */
    headerNames: string[];
  };
}

export class ResolveError extends Error {
  override name = 'ResolveError';
  constructor(
    readonly connectionName: string,
    readonly problems: string[],
  ) {
    super(`Cannot start "${connectionName}": ${problems.join('; ')}`);
  }
}

/** Two strings side by side: what is sent, and what may be shown. */
interface Text {
  real: string;
  shown: string;
}

export function resolveConnection(connection: SavedConnection, environment: Environment | null, cipher: SecretCipher): Resolved {
  const problems: string[] = [];
  const noteProblem = (message: string) => {
    if (!problems.includes(message)) problems.push(message);
  };

  // Variables are opened (decrypted) only when used, and once.
  const opened = new Map<string, Text | null>();
  const secretValues: string[] = [];
  const secretHeaderNames: string[] = [];
  const lookup = (name: string): Text | null | undefined => {
    if (opened.has(name)) return opened.get(name);
    const variable = environment?.variables.find((candidate) => candidate.name === name);
    if (!variable) return undefined;
    let text: Text | null = null;
    try {
      const real = openValue(variable.value, cipher, `variable {{${name}}}`);
      text = { real, shown: typeof variable.value === 'string' ? real : REDACTED };
      if (typeof variable.value !== 'string') secretValues.push(real);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      noteProblem(error.message);
    }
    opened.set(name, text);
    return text;
  };

  const substitute = (template: Text, where: string): Text => {
    const apply = (source: string, pick: (text: Text) => string) =>
      source.replace(VARIABLE_PATTERN, (match, name: string) => {
        const text = lookup(name);
        if (text === undefined) {
          const hint = environment ? ` (not in environment "${environment.name}")` : ' (no environment is active)';
          noteProblem(`Unknown variable {{${name}}} in ${where}${hint}`);
        }
        return text ? pick(text) : match;
      });
    return { real: apply(template.real, (text) => text.real), shown: apply(template.shown, (text) => text.shown) };
  };
  const plain = (value: string): Text => ({ real: value, shown: value });
  /** A stored value opened and its variables filled in; null when it cannot be opened (noted). */
  const openText = (value: StoredValue, label: string): Text | null => {
    try {
      const opened = openValue(value, cipher, label);
      if (typeof value !== 'string') secretValues.push(opened);
      return substitute(typeof value === 'string' ? plain(opened) : { real: opened, shown: REDACTED }, label);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      noteProblem(error.message);
      return null;
    }
  };

  const url = substitute(plain(connection.url), 'the URL');
  if (problems.length === 0) {
    const problem = urlProblem(url.real);
    if (problem) noteProblem(`${problem}: ${redactText(url.shown)}`);
  }

  const headers = { real: {} as Record<string, string>, shown: {} as Record<string, string> };
  for (const header of connection.headers) {
    if (!header.enabled) continue;
    const name = substitute(plain(header.name), `the name of header ${header.name}`);
    const value = openText(header.value, `header ${header.name}`);
    if (!value) continue;
    if (!isHeaderName(name.real)) noteProblem(`Header name "${name.shown}" is not a valid HTTP header name`);
    if (/[\r\n\0]/.test(value.real)) noteProblem(`Header ${name.shown} has a line break or NUL in its value`);
    if (value.shown !== value.real) secretHeaderNames.push(name.real);
    addHeader(headers.real, name.real, value.real);
    addHeader(headers.shown, name.shown, value.shown);
  }

  const credential = authCredential(connection.auth, openText);
  // The auth's secret part is masked wherever it shows, whether or not it was stored as a secret.
  if (credential) secretValues.push(...credential.secrets);
  if (credential?.in === 'header') secretHeaderNames.push(credential.name);
  if (credential?.in === 'header') {
    const taken = Object.keys(headers.real).find((key) => key.toLowerCase() === credential.name.toLowerCase());
    if (taken !== undefined) {
      noteProblem(`The Auth section sets ${credential.name}, and so does the header ${taken}: turn one of them off`);
    } else if (!isHeaderName(credential.name)) {
      noteProblem(`The API key name "${credential.name}" is not a valid HTTP header name`);
    } else if (/[\r\n\0]/.test(credential.value.real)) {
      noteProblem(`The Auth ${credential.name} value has a line break or NUL in it`);
    } else {
      headers.real[credential.name] = credential.value.real;
      headers.shown[credential.name] = credential.value.shown;
    }
  }
  if (credential?.in === 'query') {
    const encoded = `${encodeURIComponent(credential.name)}=${encodeURIComponent(credential.value.real)}`;
    url.real = withQueryParam(url.real, encoded);
    url.shown = withQueryParam(url.shown, `${encodeURIComponent(credential.name)}=${credential.value.shown}`);
  }

  const body = connection.body ? substitute(plain(connection.body), 'the body') : undefined;
  if (body && (connection.method === 'GET' || connection.method === 'HEAD')) {
    noteProblem(`A ${connection.method} request cannot have a body: use POST, or clear the body`);
  }

  if (problems.length > 0) throw new ResolveError(connection.name, problems);

  const build = (pick: (text: Text) => string, headerSet: Record<string, string>): ResolvedRequest => ({
    url: pick(url),
    method: connection.method,
    headers: headerSet,
    ...(body ? { body: pick(body) } : {}),
    ...(connection.lastEventId ? { lastEventId: connection.lastEventId } : {}),
    // A request is sent once: a normal end (or a failure) of its stream never sends it again.
    reconnect: connection.kind === 'request' ? { ...connection.reconnect, enabled: false } : { ...connection.reconnect },
    connectTimeoutMs: connection.timeouts.connectMs,
    idleTimeoutMs: connection.timeouts.idleMs,
    limits: { ...connection.limits },
    tls: { ...connection.tls },
  });
  return {
    request: build((text) => text.real, headers.real),
    display: build((text) => text.shown, headers.shown),
    secrets: { values: secretValues, headerNames: secretHeaderNames },
  };
}

/** The mask for everything a session of this request records and shows. */
export function secretMaskFor(resolved: Resolved): SecretMask {
  return SecretMask.of({
    url: resolved.request.url,
    shownUrl: resolved.display.url,
    headers: resolved.request.headers,
    values: resolved.secrets.values,
    markedHeaders: resolved.secrets.headerNames,
  });
}

/** What the auth adds to the request: a header, or a query parameter; the secret part is always shown masked. */
interface Credential {
  in: 'header' | 'query';
  name: string;
  value: Text;
  /** The values a session's records and views must never show. */
  secrets: string[];
}

function authCredential(auth: SavedAuth, openText: (value: StoredValue, label: string) => Text | null): Credential | null {
  const masked = (text: Text | null, prefix = ''): Text | null => (text ? { real: prefix + text.real, shown: prefix + REDACTED } : null);
  switch (auth.type) {
    case 'none':
      return null;
    case 'bearer': {
      const token = openText(auth.token, 'Auth token');
      const value = masked(token, 'Bearer ');
      return token && value && { in: 'header', name: 'Authorization', value, secrets: [token.real] };
    }
    case 'basic': {
      const username = openText(auth.username, 'Auth username');
      const password = openText(auth.password, 'Auth password');
      if (!username || !password) return null;
      // [RFC 7617] the user-id and password joined by a colon, UTF-8, then base64.
      const encoded = Buffer.from(`${username.real}:${password.real}`, 'utf8').toString('base64');
      return {
        in: 'header',
        name: 'Authorization',
        value: { real: `Basic ${encoded}`, shown: `Basic ${REDACTED}` },
        secrets: [encoded, password.real],
      };
    }
    case 'apiKey': {
      const name = openText(auth.name, 'the Auth API key name');
      const key = openText(auth.value, `Auth API key ${auth.name}`);
      const value = masked(key);
      return name && key && value && { in: auth.in, name: name.real, value, secrets: [key.real] };
    }
  }
}

function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

/** The URL with one more `name=value` in its query string (before any #fragment). */
function withQueryParam(url: string, param: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const separator = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${separator}${param}${hash}`;
}

/** Repeated headers are combined as HTTP allows: with ", " (cookies with "; "). */
function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  if (existing === undefined) headers[name] = value;
  else headers[existing] += (name.toLowerCase() === 'cookie' ? '; ' : ', ') + value;
}

function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The URL is not valid once variables are applied';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `The URL must start with http:// or https://`;
  return null;
}
