// Turns the `capture` command line, as commander parsed it, into checked settings for a capture.
// Every mistake becomes a UsageError whose message names the option, so the command can exit 2
// with it before any connection is made.

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TlsOptions } from '../core/sse/node-fetch.ts';
import { DEFAULT_MAX_CAPTURE_MB } from '../common/engine-defaults.ts';
import { UsageError } from './command-exit.ts';
import { capturesFolderFor } from './data-dir-option.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './record-output.ts';

export { UsageError } from './command-exit.ts';

/** The options as commander hands them over (strings, before any checking). */
export interface CaptureFlags {
  method?: string;
  header?: string[];
  data?: string;
  lastEventId?: string;
  maxEvents?: string;
  maxBytes?: string;
  duration?: string;
  /** false with --no-reconnect. */
  reconnect?: boolean;
  retryErrors?: boolean;
  format?: string;
  out?: string;
  insecure?: boolean;
  ca?: string;
  /** --save (true) or --save <name>. */
  save?: string | boolean;
  dataDir?: string;
}

/** Where --save puts the records: a new capture of the library. */
export interface SaveSettings {
  name: string;
  capturesFolder: string;
}

export interface CaptureSettings {
  url: string;
  method: string;
  /** Header names lower-case; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  body?: string;
  lastEventId?: string;
  maxEvents?: number;
  /** Stop once this many bytes of records are written (to the output, or to the saved capture). */
  maxBytes?: number;
  durationMs?: number;
  reconnect: boolean;
  retryHttpErrors: boolean;
  format: OutputFormat;
  /** Write here instead of stdout. */
  outFile?: string;
  tls: TlsOptions;
  /** --save: also record into the captures library. */
  save?: SaveSettings;
}

// RFC 9110 token characters, which method and header names are made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A header value may not break the request apart.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
// setTimeout's longest delay.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function resolveCaptureSettings(url: string, flags: CaptureFlags): CaptureSettings {
  const body = flags.data === undefined ? undefined : readData(flags.data);
  const method = resolveMethod(flags.method, body !== undefined);
  const settings: CaptureSettings = {
    url: checkUrl(url),
    method,
    headers: parseHeaders(flags.header ?? []),
    reconnect: flags.reconnect !== false,
    retryHttpErrors: flags.retryErrors === true,
    format: checkFormat(flags.format ?? 'ndjson'),
    tls: tlsOptions(flags),
  };
  if (body !== undefined) settings.body = body;
  if (flags.lastEventId !== undefined) {
    if (FORBIDDEN_IN_VALUE.test(flags.lastEventId)) {
      throw new UsageError('--last-event-id must not contain line breaks or NUL');
    }
    settings.lastEventId = flags.lastEventId;
  }
  if (flags.maxEvents !== undefined) settings.maxEvents = positiveInteger('--max-events', flags.maxEvents);
  if (flags.maxBytes !== undefined) settings.maxBytes = sizeInBytes('--max-bytes', flags.maxBytes);
  if (flags.duration !== undefined) settings.durationMs = durationMs(flags.duration);
  if (flags.out !== undefined) {
    if (flags.out === '') throw new UsageError('-o/--out needs a file name');
    settings.outFile = flags.out;
  }
  const capturesFolder = capturesFolderFor(flags.dataDir);
  if (flags.save !== undefined && flags.save !== false) {
    settings.save = { name: saveName(flags.save, settings.url), capturesFolder };
    // A saved capture has the app's size limit unless the command line gives one.
    settings.maxBytes ??= DEFAULT_MAX_CAPTURE_MB * MiB;
  }
  return settings;
}

const MAX_NAME = 200;

/** The saved capture's name: as given, or the URL's host and path (never its query, which may hold a token). */
function saveName(save: string | true, url: string): string {
  if (save === true) {
    const parsed = new URL(url);
    return (parsed.host + parsed.pathname).slice(0, MAX_NAME);
  }
  const name = save.trim();
  if (name === '') throw new UsageError('--save needs a name when one is given (or none at all)');
  if (name.length > MAX_NAME) throw new UsageError(`--save: a capture name can have at most ${MAX_NAME} characters`);
  return name;
}

/** --insecure and --ca, checked: a --ca file must hold certificates. */
export function tlsOptions(flags: { insecure?: boolean; ca?: string }): TlsOptions {
  const tls: TlsOptions = { insecure: flags.insecure === true };
  if (flags.ca !== undefined) {
    checkCertificates(flags.ca, readOrFail('--ca', flags.ca));
    tls.caFile = flags.ca;
  }
  return tls;
}

export function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: a URL that does not parse cannot be searched for credentials to mask.
    throw new UsageError('<url> is not a valid URL (for example http://localhost:3000/events)');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`<url> must be an http: or https: URL (got '${parsed.protocol}')`);
  }
  return url;
}

/** Like curl: a body without -X means POST. Fetch refuses a body on GET and HEAD. */
export function resolveMethod(method: string | undefined, hasBody: boolean): string {
  if (method === undefined) return hasBody ? 'POST' : 'GET';
  if (!TOKEN.test(method)) throw new UsageError(`-X/--method must be an HTTP method name (got '${method}')`);
  const upper = method.toUpperCase();
  if (hasBody && (upper === 'GET' || upper === 'HEAD')) {
    throw new UsageError(`-d/--data cannot be sent with -X ${upper} (a ${upper} request has no body)`);
  }
  return upper;
}

/** "Name: value" lines into a header map. */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (!TOKEN.test(name)) {
      // Only the start of the line: the rest may be a token pasted without its colon.
      const start = line.trim().split(/[\s:]/)[0]!.slice(0, 30);
      throw new UsageError(`-H/--header must look like 'Name: value' (got '${start}…')`);
    }
    const value = line.slice(colon + 1).trim();
    if (FORBIDDEN_IN_VALUE.test(value)) {
      throw new UsageError(`-H/--header value of ${name} must not contain line breaks or NUL`);
    }
    const key = name.toLowerCase();
    // A repeated header is sent once with the values joined, as HTTP allows for list headers.
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

/** `-d text` is the body; `-d @file` reads the file (as is: unlike curl, newlines are kept). */
export function readData(data: string): string {
  return data.startsWith('@') ? readOrFail('-d/--data', data.slice(1)) : data;
}

function readOrFail(option: string, path: string): string {
  if (path === '') throw new UsageError(`${option} needs a file name after '@'`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${option}: cannot read '${path}' (${reason})`);
  }
}

/** TLS would silently ignore a file without certificates, and then reject the server anyway. */
function checkCertificates(path: string, pem: string): void {
  try {
    if (pem.includes('-----BEGIN CERTIFICATE-----')) {
      new X509Certificate(pem);
      return;
    }
  } catch {
    // reported below
  }
  throw new UsageError(`--ca: '${path}' holds no PEM certificate`);
}

function checkFormat(format: string): OutputFormat {
  const known = OUTPUT_FORMATS.find((f) => f === format);
  if (!known) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got '${format}')`);
  return known;
}

const MiB = 1024 * 1024;
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: MiB, g: 1024 * MiB, t: 1024 * 1024 * MiB };

/** "500", "64k", "10M", "1.5G" (optionally with B or iB: "10MB", "10MiB"); units are 1024-based. */
export function sizeInBytes(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!) : Number.NaN;
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) {
    throw new UsageError(`${option} must be a size in bytes, with k, M or G for KiB, MiB or GiB (got '${text}')`);
  }
  return bytes;
}

export function positiveInteger(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`${option} must be a positive integer (got '${text}')`);
  }
  return n;
}

function durationMs(text: string): number {
  const seconds = Number(text);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text.trim()) || !(seconds > 0)) {
    throw new UsageError(`--duration must be a positive number of seconds (got '${text}')`);
  }
  const ms = Math.round(seconds * 1000);
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(`--duration must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (got '${text}')`);
  }
  return Math.max(1, ms);
}
