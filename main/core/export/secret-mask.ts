// Masking secrets by value: the one redactor that knows a session's secret values (secret
// variables after resolution, header values the user marked secret, URL credentials, the values of
// credential headers and of credential-named query parameters) and replaces each of them with
// REDACTED in any string. The name-based rules of redact-secrets.ts are the second net: credential
// headers and URL parameters are masked by name even when their value was never known (a cookie a
// server sets, a token in a redirect's Location).
//
// Records are masked where they are made (the app's live session, the CLI's capture), before they
// are stored: so the capture file, its meta file, every export, the detail pane, copies and the
// records the app serves are masked alike, and nothing unmasked reaches the disk.

import type { OpenRecord, SseRecord } from '../../common/records.ts';
import { isSecretName, REDACTED, redactHeaders, redactUrl } from './redact-secrets.ts';

/**
 * Values shorter than this are masked by name only, never searched for in text: masking "1" or
 * "abc" everywhere would wreck the data being debugged, and values that short protect nothing.
 */
export const MIN_SECRET_LENGTH = 4;

/** What a session's secrets are known from. */
export interface SecretSources {
  /** The request URL as sent: its user info and credential-named query values are secrets. */
  url: string;
  /** The same URL as it may be shown (secret variables already masked), when there is one. */
  shownUrl?: string;
  /** The request headers as sent: credential-named ones (Authorization, Cookie, X-Api-Key...) are secrets. */
  headers?: Readonly<Record<string, string>>;
  /** Values the user marked secret: secret variables as resolved, secret header values. */
  values?: readonly string[];
  /** Names of headers the user marked secret (or whose value holds a secret variable). */
  markedHeaders?: readonly string[];
}

// URLs inside free text (an error message quoting the URL it could not fetch).
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;

export class SecretMask {
  /** Lower-case names of the request headers that are secret: none of them follows a redirect to another origin. */
  readonly headerNames: readonly string[];
  #values: string[] = [];
  /** The values as one alternation, longest first (so the longest match wins); null when none. */
  #find: RegExp | null = null;
  #replace: RegExp | null = null;
  /** The length of the shortest value: a shorter text cannot hold one. */
  #shortest = Infinity;
  readonly #requestUrl: string | null;
  readonly #shownUrl: string | null;

  private constructor(values: Iterable<string>, headerNames: readonly string[], requestUrl: string | null, shownUrl: string | null) {
    this.#setValues(values);
    this.headerNames = headerNames;
    this.#requestUrl = requestUrl;
    this.#shownUrl = shownUrl;
  }

  /** A mask that knows no values: only the name-based rules apply. */
  static none(): SecretMask {
    return new SecretMask([], [], null, null);
  }

  static of(sources: SecretSources): SecretMask {
    const values: string[] = [...(sources.values ?? [])];
    const marked = new Set((sources.markedHeaders ?? []).map((name) => name.toLowerCase()));
    const headerNames = new Set<string>();
    for (const [name, value] of Object.entries(sources.headers ?? {})) {
      const lower = name.toLowerCase();
      if (!marked.has(lower) && !isSecretName(lower)) continue;
      headerNames.add(lower);
      values.push(...credentialParts(lower, value));
    }
    values.push(...urlSecrets(sources.url));
    const shown = sources.shownUrl !== undefined && sources.shownUrl !== sources.url ? sources.shownUrl : null;
    return new SecretMask(values, [...headerNames], sources.url, shown);
  }

  /** No value is known: records pass unchanged (the name-based rules still apply to URLs and headers). */
  get knowsNoValues(): boolean {
    return this.#values.length === 0;
  }

  /** Every known secret value in `text` replaced by REDACTED. */
  text(text: string): string {
    // One regular expression test per string: several times faster than an includes() per value.
    if (text.length < this.#shortest || !this.#find!.test(text)) return text;
    return text.replace(this.#replace!, REDACTED);
  }

  /** Free text the app wrote (an error message): known values, and credentials in any URL it quotes. */
  message(text: string): string {
    return redactText(this.text(text));
  }

  /** A URL: the request URL is shown as its masked form; then known values and credential-named parts. */
  url(url: string): string {
    const start = this.#shownUrl !== null && url === this.#requestUrl ? this.#shownUrl : url;
    return redactUrl(this.text(start));
  }

  /** Headers: credential-named ones masked whole, known values masked in the rest. */
  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out = redactHeaders(headers);
    for (const [name, value] of Object.entries(out)) out[name] = this.text(value);
    return out;
  }

  /** The record as it may be stored and shown; the same object when nothing in it is secret. */
  record(record: SseRecord): SseRecord {
    switch (record.kind) {
      case 'open':
        return this.#open(record);
      case 'error': {
        const message = this.message(record.message);
        const body = record.body === undefined ? undefined : this.message(record.body);
        if (message === record.message && body === record.body) return record;
        return { ...record, message, ...(body === undefined ? {} : { body }) };
      }
      case 'event': {
        if (this.knowsNoValues) return record;
        const data = this.text(record.data);
        const type = this.text(record.type);
        const lastEventId = this.text(record.lastEventId);
        const id = record.id === undefined ? undefined : this.text(record.id);
        if (data === record.data && type === record.type && lastEventId === record.lastEventId && id === record.id) return record;
        return { ...record, data, type, lastEventId, ...(id === undefined ? {} : { id }) };
      }
      case 'comment': {
        const text = this.text(record.text);
        return text === record.text ? record : { ...record, text };
      }
      case 'reconnect': {
        const lastEventId = this.text(record.lastEventId);
        return lastEventId === record.lastEventId ? record : { ...record, lastEventId };
      }
      case 'retry':
      case 'closed':
        return record;
    }
  }

  /** The batch as it may be stored; the same array when no record in it changed. */
  records(records: SseRecord[]): SseRecord[] {
    let out: SseRecord[] | null = null;
    for (let i = 0; i < records.length; i++) {
      const masked = this.record(records[i]!);
      if (masked !== records[i]) (out ??= records.slice())[i] = masked;
    }
    return out ?? records;
  }

  // An open record also teaches the mask the response's credentials (a cookie the server set), so
  // a later event that repeats one is masked too.
  #open(record: OpenRecord): SseRecord {
    const learned: string[] = [];
    for (const [name, value] of Object.entries(record.headers)) if (isSecretName(name)) learned.push(...credentialParts(name, value));
    if (learned.length > 0) this.#setValues([...this.#values, ...learned]);
    const url = this.url(record.url);
    const headers = this.headers(record.headers);
    const same = url === record.url && Object.entries(headers).every(([name, value]) => value === record.headers[name]);
    return same ? record : { ...record, url, headers };
  }

  #setValues(values: Iterable<string>): void {
    this.#values = orderValues(values);
    if (this.#values.length === 0) return;
    const source = this.#values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    this.#shortest = this.#values.at(-1)!.length;
    this.#find = new RegExp(source);
    this.#replace = new RegExp(source, 'g');
  }
}

/** Credentials in any URL quoted in free text (a log line, an error): the name-based net alone. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    // Punctuation after a URL ends the sentence, not the URL.
    const url = match.replace(/[.,;:!?)\]]+$/, '');
    return redactUrl(url) + match.slice(url.length);
  });
}

/** An error for a log: its stack (or message), with credentials in the URLs it quotes masked. */
export function redactError(error: unknown): string {
  if (error instanceof Error) return redactText(error.stack ?? `${error.name}: ${error.message}`);
  return redactText(String(error));
}

/** A header's value, and the parts of it that are secrets on their own (a bearer token, a cookie's value). */
function credentialParts(name: string, value: string): string[] {
  const parts = [value];
  if (name === 'authorization' || name === 'proxy-authorization') {
    const space = value.indexOf(' ');
    if (space !== -1) parts.push(value.slice(space + 1).trim());
  } else if (name === 'cookie' || name === 'set-cookie') {
    // Cookie: "a=1; b=2", every pair a cookie. Set-Cookie: "sid=...; Path=/; HttpOnly", the first
    // pair the cookie, the rest its attributes (several cookies arrive joined by ", ").
    const pairs = name === 'cookie' ? value.split(';') : value.split(/,\s*(?=[^;,=\s]+=)/).map((cookie) => cookie.split(';')[0]!);
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq !== -1) parts.push(pair.slice(eq + 1).trim());
    }
  }
  return parts;
}

/** The user info and the values of credential-named query parameters of a URL. */
function urlSecrets(url: string): string[] {
  const parsed = URL.parse(url);
  if (!parsed) return [];
  const values = [parsed.username, parsed.password];
  for (const [name, value] of parsed.searchParams) if (isSecretName(name)) values.push(value);
  return values.filter((value) => value !== '');
}

/** Each value with the spellings it takes in a URL, long enough to search for, longest first. */
function orderValues(values: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const value of values) {
    for (const form of spellings(value)) if (form.length >= MIN_SECRET_LENGTH) all.add(form);
  }
  return [...all].sort((a, b) => b.length - a.length);
}

function spellings(value: string): string[] {
  const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
  // As the URL parser writes it when the value is pasted into a query or user info as it is.
  const inQuery = URL.parse(`http://x/?${value}`);
  if (inQuery) forms.push(inQuery.search.slice(1));
  try {
    forms.push(decodeURIComponent(value));
  } catch {
    // not percent-encoded: the value as it is covers it
  }
  return forms;
}
