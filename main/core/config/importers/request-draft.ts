// A request as every importer reads it from another tool (name, folder path, method, URL, headers,
// auth, body), and the one place where it becomes our connection: a request (sent once) or a feed
// by its method and body; a URL without a scheme gets http:// as those tools assume; credentials (secret-looking headers, the auth's token, password or
// key) become secrets (unless the credential is a {{variable}}, which then holds the secret);
// headers the HTTP client works out itself are dropped; a GET with a body, a dynamic value we
// cannot fill in, and anything our schema refuses are warnings, in plain words.

import { isSecretName } from '../../export/redact-secrets.ts';
import { describeProblems } from '../../../common/validation-problems.ts';
import { mapAuthValue, type AuthOf } from '../secrets.ts';
import { ConnectionInputSchema, defaultConnectionKind, type ConnectionInput, type InputValue } from '../../../common/config-schema.ts';
import type { LlmFormatSetting } from '../../../common/llm-answer.ts';
import type { ImportNotes } from './import-notes.ts';
import { credentialIsVariable, foreignTemplates, variablesIn } from './templates.ts';

export interface DraftHeader {
  name: string;
  value: string;
  enabled: boolean;
  /** Set by an auth setting: a credential whatever the header's name. */
  credential?: boolean;
}

/** The Auth section as a tool wrote it, its values as plain text (the secret is settled in toConnection). */
export type DraftAuth = Exclude<AuthOf<string>, { type: 'none' }>;

export interface RequestDraft {
  name: string;
  /** Folder names from the top ("Collection", "Folder", "Sub"). */
  folder: string[];
  method: string;
  url: string;
  headers: DraftHeader[];
  auth?: DraftAuth;
  body?: string;
}

/** Headers the HTTP client sets itself (or HTTP/2 pseudo-headers a HAR file lists). */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te']);

/** A folder's headers, then the request's own; a request header replaces a folder header of that name. */
export function mergeHeaders(inherited: readonly DraftHeader[], own: readonly DraftHeader[]): DraftHeader[] {
  const names = new Set(own.map((header) => header.name.toLowerCase()));
  return [...inherited.filter((header) => !names.has(header.name.toLowerCase())), ...own];
}

/** Sets Content-Type, as the tools do for a body of a known kind, unless a header already does. */
export function addContentType(draft: RequestDraft, type: string): void {
  if (type !== '' && !draft.headers.some((header) => header.enabled && header.name.toLowerCase() === 'content-type')) {
    draft.headers.push({ name: 'Content-Type', value: type, enabled: true });
  }
}

/** Folder names joined with "/"; a "/" inside one name becomes "-" so the path reads back the same. */
export function folderPath(names: readonly string[]): string {
  return names
    .map((name) => name.trim().replaceAll('/', '-'))
    .filter((name) => name !== '')
    .join('/');
}

/** `host/path` of a URL or URL template, for a request that has no name of its own. */
export function nameFromUrl(url: string): string {
  const rest = url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^/@]*@/, '')
    .replace(/[?#].*$/s, '');
  return (rest.endsWith('/') ? rest.slice(0, -1) : rest).slice(0, 120) || url.slice(0, 120);
}

/** Other tools assume http:// for "localhost:3000/x"; a URL that starts with a variable is left alone. */
export function withScheme(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '' || /^\{\{/.test(trimmed) || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  return `http://${trimmed}`;
}

const LLM_HOSTS: [RegExp, (path: string) => LlmFormatSetting][] = [
  [/(^|\.)openai\.com$/, (path) => (/\/responses\/?$/.test(path) ? 'openai-responses' : 'openai-chat')],
  [/(^|\.)anthropic\.com$/, () => 'anthropic'],
  [/(^|\.)generativelanguage\.googleapis\.com$/, () => 'gemini'],
];

/** The stream format of a model API's URL, by its host; null for any other URL (detected as it streams). */
export function llmFormatOf(url: string): LlmFormatSetting | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const format = LLM_HOSTS.find(([pattern]) => pattern.test(parsed.hostname))?.[1];
  return format ? format(parsed.pathname) : null;
}

/** Query parameters whose name says credential and whose value is written out (not a variable). */
export function literalSecretParameters(url: string): string[] {
  const query = /\?([^#]*)/.exec(url)?.[1] ?? '';
  const names: string[] = [];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = decodeQueryName(pair.slice(0, eq));
    const value = pair.slice(eq + 1);
    if (value !== '' && isSecretName(name) && !credentialIsVariable(value) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The texts of an auth (typed or as drafted) that may hold {{variables}}: its key name or user name, and its secret part. */
export function authTextsOf<V>(
  auth:
    | { type: 'none' }
    | { type: 'bearer'; token: V }
    | { type: 'basic'; username: string; password: V }
    | { type: 'apiKey'; name: string; value: V },
  text: (value: V) => string,
): string[] {
  switch (auth.type) {
    case 'none':
      return [];
    case 'bearer':
      return [text(auth.token)];
    case 'basic':
      return [auth.username, text(auth.password)];
    case 'apiKey':
      return [auth.name, text(auth.value)];
  }
}

function decodeQueryName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * A header value as saved: a credential (by its name, or marked by an auth setting) is a secret,
 * unless the credential is a variable ("Bearer {{token}}"), whose name is then noted as secret.
 */
export function headerValue(header: { name: string; value: string; credential?: boolean }, notes: ImportNotes): InputValue {
  if (!header.credential && !isSecretName(header.name)) return header.value;
  return credentialValue(header.value, notes);
}

/** The auth as saved: its token, password or key value is a credential (see credentialValue). */
export function authInput(auth: DraftAuth, notes: ImportNotes): NonNullable<ConnectionInput['auth']> {
  return mapAuthValue(auth, (value) => credentialValue(value, notes));
}

/** A credential is a secret, unless it is only a variable ("{{token}}"), whose name is then noted as secret. */
function credentialValue(value: string, notes: ImportNotes): InputValue {
  if (credentialIsVariable(value)) {
    for (const name of variablesIn(value)) notes.credentialVariables.add(name);
    return value;
  }
  return { secret: true, value };
}

/** The draft as a connection; null (with a warning) when it cannot be one. */
export function toConnection(draft: RequestDraft, notes: ImportNotes): ConnectionInput | null {
  const url = withScheme(draft.url);
  const name = (draft.name.trim() || nameFromUrl(url) || 'Imported request').slice(0, 200);
  const method = draft.method.trim().toUpperCase() || 'GET';

  let lastEventId: string | undefined;
  const headers: DraftHeader[] = [];
  for (const header of draft.headers) {
    const lower = header.name.trim().toLowerCase();
    if (lower === '' || lower.startsWith(':') || DROPPED_HEADERS.has(lower)) continue;
    // Last-Event-ID is the connection's own setting: a session sends it, then the stream's ids.
    if (lower === 'last-event-id') {
      if (header.enabled) lastEventId ??= header.value;
      continue;
    }
    headers.push({ ...header, name: header.name.trim() });
  }

  let body = draft.body;
  if (body !== undefined && body !== '' && (method === 'GET' || method === 'HEAD')) {
    notes.about(`A ${method} request cannot send a body here, so it was left out`, name, 'has one', 'have one');
    body = undefined;
  }

  const authTexts = draft.auth ? authTextsOf(draft.auth, (value) => value) : [];
  for (const text of [url, ...headers.flatMap((header) => [header.name, header.value]), ...authTexts, body ?? '']) {
    for (const token of foreignTemplates(text).filter((found) => !notes.explainedTemplates.has(found))) {
      const why = token.slice(2).trimStart().startsWith('$')
        ? `${token} is a generated value SSE Scope does not make, so it is sent as written`
        : `${token} is not a variable name SSE Scope can fill in, so it is sent as written`;
      notes.about(why, name, 'uses it', 'use it');
    }
  }

  for (const parameter of literalSecretParameters(url)) {
    notes.about(
      `The URL parameter "${parameter}" looks like a secret and is saved as plain text; consider a secret variable`,
      name,
      'has it',
      'have it',
    );
  }

  const llmFormat = llmFormatOf(url);
  const connection: ConnectionInput = {
    // A POST to a model endpoint is a request (sent once), a GET stream a feed; see defaultConnectionKind.
    kind: defaultConnectionKind(method, body),
    name,
    url,
    method,
    headers: headers.map((header) => ({ name: header.name, value: headerValue(header, notes), enabled: header.enabled })),
    ...(draft.auth ? { auth: authInput(draft.auth, notes) } : {}),
    ...(body ? { body } : {}),
    ...(lastEventId ? { lastEventId } : {}),
    ...(llmFormat ? { llmFormat } : {}),
    folder: folderPath(draft.folder),
  };
  const check = ConnectionInputSchema.safeParse(connection);
  if (!check.success) {
    notes.add(`'${name}' was left out:\n${describeProblems(check.error, 2)}`);
    return null;
  }
  return connection;
}
