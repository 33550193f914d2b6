// A curl command line (as copied from browser devtools with "Copy as cURL (bash)", or written by
// hand) becomes a connection draft for ConfigStore.createConnection. curl-words.ts splits the
// command into words as bash would; curl-options.ts says what each option means here.
// -u, --oauth2-bearer and an "Authorization: Bearer" header become the Auth section (Basic, Bearer).
// Credentials (those, -b, and other secret-looking headers) become secret values, unless
// the credential is a shell variable ("Bearer $OPENAI_API_KEY"): shell variables become
// {{variables}}, listed in `variables` for the user to create (the secret then lives there). What
// cannot be imported is an error that names it; what is skipped is listed in `warnings`.

import { LONG_OPTIONS, SHORT_OPTIONS, type CurlOption } from './curl-options.ts';
import { CurlImportError, OPERATOR_MARK, splitCurlWords } from './curl-words.ts';
import { ImportNotes } from './importers/import-notes.ts';
import { neededVariables } from './importers/needed-variables.ts';
import { authInput, headerValue, literalSecretParameters, llmFormatOf, nameFromUrl, type DraftAuth } from './importers/request-draft.ts';
import { appendQueryText, variablesAsWords } from './importers/templates.ts';
import { ConnectionInputSchema, defaultConnectionKind, type ConnectionInput } from '../../common/config-schema.ts';
import { describeProblems } from '../../common/validation-problems.ts';
import type { NeededVariable } from '../../common/import-preview.ts';

export interface CurlImport {
  connection: ConnectionInput;
  /** Options that were skipped, and why. */
  warnings: string[];
  /** The {{variables}} the connection uses (shell variables in the command): to be created by the user. */
  variables: NeededVariable[];
}

export { CurlImportError };

/** What the options said, before it becomes a connection. */
interface Parsed {
  urls: string[];
  method?: string;
  headers: { name: string; value: string }[];
  data: string[];
  json: boolean;
  get: boolean;
  /** user:password from -u, for Basic auth. */
  credentials?: string;
  bearer?: string;
  cookies: string[];
  userAgent?: string;
  referer?: string;
  insecure: boolean;
  caFile?: string;
  connectTimeoutMs?: number;
  warnings: string[];
}

export function importCurl(command: string): CurlImport {
  const words = splitCurlWords(command);
  const parsed = parseOptions(words);
  return buildConnection(parsed);
}

function parseOptions(words: string[]): Parsed {
  const parsed: Parsed = { urls: [], headers: [], data: [], json: false, get: false, cookies: [], insecure: false, warnings: [] };
  let optionsEnded = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith(OPERATOR_MARK)) {
      parsed.warnings.push(`Everything after "${word.slice(1)}" was ignored: only the curl command itself is imported.`);
      break;
    }
    if (optionsEnded || !word.startsWith('-') || word === '-') {
      parsed.urls.push(word);
    } else if (word === '--') {
      optionsEnded = true;
    } else if (word.startsWith('--')) {
      const option = LONG_OPTIONS.get(word.slice(2));
      if (!option) {
        // "--no-compressed" and the like switch a known option off: harmless.
        if (!(word.startsWith('--no-') && LONG_OPTIONS.has(word.slice(5)))) parsed.warnings.push(`Unknown option ${word} was ignored.`);
        continue;
      }
      const value = option.takesValue ? takeValue(words, ++i, word) : '';
      applyOption(parsed, option, word, value);
    } else {
      // A cluster of short options ("-sSL"); one that takes a value takes the rest or the next word.
      for (let j = 1; j < word.length; j++) {
        const flag = `-${word[j]}`;
        const long = SHORT_OPTIONS.get(word[j]!);
        const option = long ? LONG_OPTIONS.get(long) : undefined;
        if (!option) {
          parsed.warnings.push(`Unknown option ${flag} was ignored.`);
          continue;
        }
        if (!option.takesValue) {
          applyOption(parsed, option, flag, '');
          continue;
        }
        const rest = word.slice(j + 1);
        applyOption(parsed, option, flag, rest !== '' ? rest : takeValue(words, ++i, flag));
        break;
      }
    }
  }
  return parsed;
}

function takeValue(words: string[], index: number, flag: string): string {
  const value = words[index];
  if (value === undefined || value.startsWith(OPERATOR_MARK)) throw new CurlImportError(`The option ${flag} needs a value.`);
  return value;
}

function applyOption(parsed: Parsed, option: CurlOption, flag: string, value: string): void {
  const fromFile = (what: string) =>
    new CurlImportError(`${flag} ${value} ${what} from a file, which an import cannot follow; paste the content into the command instead.`);
  switch (option.effect) {
    case 'url':
      parsed.urls.push(value);
      return;
    case 'method':
      parsed.method = value;
      return;
    case 'header': {
      if (value.startsWith('@')) throw fromFile('reads headers');
      const match = /^([^:;]*)([:;])(.*)$/s.exec(value);
      if (!match) {
        // Only the first word is shown: the rest may be a credential typed without its colon.
        const [first = ''] = value.trim().split(/\s/, 1);
        throw new CurlImportError(`The header "${first.slice(0, 40)}…" has no colon (expected "Name: value").`);
      }
      const [, name = '', separator, rest = ''] = match;
      // [curl] "Name:" with nothing after removes a header curl adds; "Name;" sends it empty.
      if (separator === ':' && rest.trim() === '') return;
      parsed.headers.push({ name: name.trim(), value: separator === ';' ? '' : rest.trim() });
      return;
    }
    case 'data':
    case 'json':
      if (value.startsWith('@')) throw fromFile('reads the body');
      parsed.data.push(value);
      if (option.effect === 'json') parsed.json = true;
      return;
    case 'data-raw':
      parsed.data.push(value);
      return;
    case 'data-urlencode': {
      // [curl] "content", "=content" or "name=content"; "@file" and "name@file" read a file.
      const match = /^([^=@]*)([=@]?)(.*)$/s.exec(value)!;
      const [, name = '', separator, content = ''] = match;
      if (separator === '@') throw fromFile('reads the value');
      if (separator === '') parsed.data.push(encodeURIComponent(name));
      else parsed.data.push(name === '' ? encodeURIComponent(content) : `${name}=${encodeURIComponent(content)}`);
      return;
    }
    case 'get':
      parsed.get = true;
      return;
    case 'user': {
      const colon = value.indexOf(':');
      if (colon === -1) parsed.warnings.push(`${flag} gives no password (curl would ask for one); an empty password was used.`);
      parsed.credentials = colon === -1 ? `${value}:` : value;
      return;
    }
    case 'bearer':
      parsed.bearer = value;
      return;
    case 'cookie':
      // [curl] a value without "=" is a file name to read cookies from.
      if (value.includes('=')) parsed.cookies.push(value);
      else parsed.warnings.push(`${flag} ${value} reads cookies from a file, which an import cannot follow; it was ignored.`);
      return;
    case 'user-agent':
      parsed.userAgent = value;
      return;
    case 'referer':
      parsed.referer = value.replace(/;auto$/, '');
      return;
    case 'insecure':
      parsed.insecure = true;
      return;
    case 'cacert':
      parsed.caFile = value;
      parsed.warnings.push(`${flag} names the CA file ${value}: check that it exists on this computer.`);
      return;
    case 'connect-timeout': {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds < 0) throw new CurlImportError(`${flag} needs a number of seconds, not "${value}".`);
      parsed.connectTimeoutMs = Math.round(seconds * 1000);
      return;
    }
    case 'ignore':
      return;
    case 'warn':
      parsed.warnings.push(`${flag} was ignored: ${option.note}.`);
      return;
    case 'refuse':
      throw new CurlImportError(`${flag} ${option.note}.`);
  }
}

function buildConnection(parsed: Parsed): CurlImport {
  const warnings = parsed.warnings;
  const notes = new ImportNotes();
  const [first, ...extra] = parsed.urls;
  if (first === undefined) throw new CurlImportError('No URL found in the curl command.');
  for (const word of extra) warnings.push(`The extra argument "${word.slice(0, 60)}" was ignored (only one URL is imported).`);

  // [curl] -u, a URL's user:password@, and the other shortcuts yield to an explicit header.
  let credentials = parsed.credentials;
  let url: string;
  if (first.trimStart().startsWith('{{')) {
    url = first; // the scheme and host come from a variable: nothing to check until it is known
  } else {
    const { plain, restore } = variablesAsWords(first);
    const parsedUrl = parseUrl(plain, first);
    if (parsedUrl.username || parsedUrl.password) {
      credentials ??= restore(`${decodeURIComponent(parsedUrl.username)}:${decodeURIComponent(parsedUrl.password)}`);
      parsedUrl.username = '';
      parsedUrl.password = '';
    }
    url = restore(parsedUrl.href);
  }

  const headers = [...parsed.headers];
  const has = (name: string) => headers.some((header) => header.name.toLowerCase() === name);
  const auth = authOf(parsed.bearer, credentials, headers);
  if (parsed.userAgent !== undefined && !has('user-agent')) headers.push({ name: 'User-Agent', value: parsed.userAgent });
  if (parsed.referer !== undefined && !has('referer')) headers.push({ name: 'Referer', value: parsed.referer });
  if (parsed.cookies.length > 0) {
    const existing = headers.find((header) => header.name.toLowerCase() === 'cookie');
    if (existing) existing.value = [existing.value, ...parsed.cookies].join('; ');
    else headers.push({ name: 'Cookie', value: parsed.cookies.join('; ') });
  }

  let body: string | undefined;
  if (parsed.data.length > 0) {
    const joined = parsed.data.join('&');
    if (parsed.get) url = appendQueryText(url, joined);
    else body = joined;
    // [curl] -d sends form data unless told otherwise; --json sends JSON.
    if (body !== undefined && !has('content-type')) {
      headers.push({ name: 'Content-Type', value: parsed.json ? 'application/json' : 'application/x-www-form-urlencoded' });
    }
  }
  // [curl] data makes it a POST unless -X or -G says otherwise.
  const method = (parsed.method ?? (body !== undefined ? 'POST' : 'GET')).toUpperCase();

  for (const name of literalSecretParameters(url)) {
    warnings.push(
      `The URL parameter "${name}" looks like a secret and is saved as plain text; consider a secret variable (${name}={{${name.replace(/[^\w.-]/g, '_')}}}).`,
    );
  }

  // Last-Event-ID is the connection's own setting (a Session sends it, then the stream's ids);
  // Content-Length is worked out again from the body.
  const lastEventId = headers.find((header) => header.name.toLowerCase() === 'last-event-id')?.value;
  const kept = headers.filter((header) => !['last-event-id', 'content-length'].includes(header.name.toLowerCase()));

  const llmFormat = llmFormatOf(url);
  const connection: ConnectionInput = {
    // A POST to a model endpoint is a request (sent once), a GET stream a feed; see defaultConnectionKind.
    kind: defaultConnectionKind(method, body),
    name: nameFromUrl(url),
    url,
    method,
    headers: kept.map((header) => ({ name: header.name, value: headerValue(header, notes), enabled: true })),
    ...(auth ? { auth: authInput(auth, notes) } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(lastEventId ? { lastEventId } : {}),
    ...(parsed.insecure || parsed.caFile
      ? { tls: { insecure: parsed.insecure, ...(parsed.caFile ? { caFile: parsed.caFile } : {}) } }
      : {}),
    ...(parsed.connectTimeoutMs !== undefined ? { timeouts: { connectMs: parsed.connectTimeoutMs } } : {}),
    ...(llmFormat ? { llmFormat } : {}),
  };
  const check = ConnectionInputSchema.safeParse(connection);
  if (!check.success) throw new CurlImportError(`The command does not make a valid connection:\n${describeProblems(check.error)}`);
  const variables = neededVariables([connection], [], notes.credentialVariables);
  if (variables.length > 0) {
    const names = variables.map((variable) => `{{${variable.name}}}`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
    warnings.push(`The command uses ${list}: define ${names.length === 1 ? 'it' : 'them'} in an environment before connecting.`);
  }
  return { connection, warnings, variables };
}

/**
 * The Auth section where the command says it plainly: --oauth2-bearer or a header
 * "Authorization: Bearer <token>" (taken out of `headers`) is Bearer; -u or a URL's user:password@
 * is Basic unless a header sets Authorization ([curl] the shortcuts yield to an explicit header).
 */
function authOf(bearer: string | undefined, credentials: string | undefined, headers: { name: string; value: string }[]): DraftAuth | null {
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'authorization');
  const header = index === -1 ? undefined : headers[index]!;
  const token = header ? /^Bearer +(\S+)$/i.exec(header.value.trim())?.[1] : undefined;
  if (header && token !== undefined && headers.filter((other) => other.name.toLowerCase() === 'authorization').length === 1) {
    headers.splice(index, 1);
    return { type: 'bearer', token };
  }
  if (header) return null;
  if (bearer !== undefined) return { type: 'bearer', token: bearer };
  if (credentials === undefined) return null;
  const colon = credentials.indexOf(':');
  return { type: 'basic', username: credentials.slice(0, colon), password: credentials.slice(colon + 1) };
}

/** `text` with its variables as plain words; `shown` is how the user wrote it. */
function parseUrl(text: string, shown: string): URL {
  // [curl] a URL without a scheme is http://.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CurlImportError(`"${shown.slice(0, 80)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CurlImportError(`The URL ${shown.slice(0, 80)} is not an http:// or https:// address.`);
  }
  return url;
}
