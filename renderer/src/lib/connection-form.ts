// The connection editor's form: a SavedConnection turned into editable fields, the fields checked
// with messages a user can act on, and turned back into the ConnectionInput the main process
// saves. Fields the editor does not show (limits, TLS, alerts) are carried over as they were saved.

import type { ConnectionInput, SavedConnection } from '../../../main/contract.ts';
import { defaultConnectionKind, type ConnectionKind } from '../../../main/common/config-schema.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../../main/common/engine-defaults.ts';
import { parseLlmFormat } from '../../../main/common/llm-format.ts';
import { DEFAULT_RECONNECT } from '../../../main/common/reconnect-policy.ts';
import { jsonProblem, looksLikeJson } from './json-problem.ts';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'REPORT'] as const;

/** A saved header value: text, or a secret the main process keeps (never shown). */
type StoredValue = SavedConnection['headers'][number]['value'];
type StoredSecret = Exclude<StoredValue, string>;

export interface HeaderRow {
  /** Keys the row in the list; not saved. */
  key: number;
  name: string;
  /** What the user typed; "" for a stored secret left unchanged. */
  value: string;
  enabled: boolean;
  secret: boolean;
  /** The stored secret, handed back unchanged when no new value is typed. */
  stored: StoredSecret | null;
}

export interface ConnectionForm {
  name: string;
  url: string;
  method: string;
  /** The method is not one of METHODS: typed in a text field. */
  customMethod: boolean;
  headers: HeaderRow[];
  body: string;
  lastEventId: string;
  reconnect: boolean;
  retryHttpErrors: boolean;
  initialDelayMs: number | null;
  maxDelayMs: number | null;
  connectTimeoutMs: number | null;
  idleTimeoutMs: number | null;
  autoConnect: boolean;
  folder: string;
  /** Comma-separated. */
  tags: string;
  /** Request or feed, as chosen; null (a new connection) follows the method and body: see kindOf. */
  kind: ConnectionKind | null;
  /** The LLM format setting as typed: auto, a shape's name, or jsonpath:EXPR. */
  llmFormat: string;
}

export type FormField =
  'name' | 'url' | 'method' | 'headers' | 'body' | 'initialDelayMs' | 'maxDelayMs' | 'connectTimeoutMs' | 'idleTimeoutMs' | 'llmFormat';
export type FormErrors = Partial<Record<FormField, string>>;

/** The engine's defaults, for a new connection (the config schema applies the same ones). */
const NEW_CONNECTION = {
  initialDelayMs: DEFAULT_RECONNECT.initialDelayMs,
  maxDelayMs: DEFAULT_RECONNECT.maxDelayMs,
  connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
  idleTimeoutMs: 0,
};

let nextRowKey = 1;

export function headerRow(name = '', value = ''): HeaderRow {
  return { key: nextRowKey++, name, value, enabled: true, secret: false, stored: null };
}

export function formFromConnection(saved: SavedConnection | null): ConnectionForm {
  if (!saved) {
    return {
      name: '',
      url: '',
      method: 'GET',
      customMethod: false,
      headers: [],
      body: '',
      lastEventId: '',
      reconnect: DEFAULT_RECONNECT.enabled,
      retryHttpErrors: DEFAULT_RECONNECT.retryHttpErrors,
      initialDelayMs: NEW_CONNECTION.initialDelayMs,
      maxDelayMs: NEW_CONNECTION.maxDelayMs,
      connectTimeoutMs: NEW_CONNECTION.connectTimeoutMs,
      idleTimeoutMs: NEW_CONNECTION.idleTimeoutMs,
      autoConnect: false,
      folder: '',
      tags: '',
      kind: null,
      llmFormat: 'auto',
    };
  }
  return {
    name: saved.name,
    url: saved.url,
    method: saved.method,
    customMethod: !(METHODS as readonly string[]).includes(saved.method),
    headers: saved.headers.map((header) => {
      const secret = typeof header.value !== 'string';
      return {
        key: nextRowKey++,
        name: header.name,
        value: typeof header.value === 'string' ? header.value : '',
        enabled: header.enabled,
        secret,
        stored: typeof header.value === 'string' ? null : header.value,
      };
    }),
    body: saved.body ?? '',
    lastEventId: saved.lastEventId,
    reconnect: saved.reconnect.enabled,
    retryHttpErrors: saved.reconnect.retryHttpErrors,
    initialDelayMs: saved.reconnect.initialDelayMs,
    maxDelayMs: saved.reconnect.maxDelayMs,
    connectTimeoutMs: saved.timeouts.connectMs,
    idleTimeoutMs: saved.timeouts.idleMs,
    autoConnect: saved.autoConnect,
    folder: saved.folder,
    tags: saved.tags.join(', '),
    kind: saved.kind,
    llmFormat: saved.llmFormat,
  };
}

/** The kind the connection gets: the one chosen, or else what its method and body make it. */
export function kindOf(form: ConnectionForm): ConnectionKind {
  return form.kind ?? defaultConnectionKind(form.method, form.body);
}

/** A stored secret the user has to type again: it was left out of an import. */
export function isOmitted(stored: StoredSecret | null): boolean {
  return stored !== null && 'omitted' in stored;
}

/** A secret value field's placeholder: a saved secret is never shown, only replaced. */
export function secretValuePlaceholder(secret: boolean, stored: StoredSecret | null): string {
  if (!secret || !stored) return 'Value';
  return isOmitted(stored) ? 'Not included: enter the secret again' : 'Saved secret (type to replace)';
}

/** The URL check of the main process: http(s), or starting with a {{variable}}. */
export function isUrlTemplate(url: string): boolean {
  if (/^\{\{/.test(url.trim())) return true;
  try {
    const parsed = new URL(url.trim().replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, 'x'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The Content-Type the request sends, if an enabled header sets one. */
export function contentTypeOf(form: ConnectionForm): string | null {
  const header = form.headers.find((row) => row.enabled && row.name.trim().toLowerCase() === 'content-type');
  return header ? header.value : null;
}

/** The body's JSON problem, when it should be JSON and is not. */
export function bodyProblem(form: ConnectionForm): string | null {
  return looksLikeJson(form.body, contentTypeOf(form)) ? jsonProblem(form.body) : null;
}

const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function validateForm(form: ConnectionForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Name is required.';
  const url = form.url.trim();
  if (!url) errors.url = 'URL is required.';
  else if (!isUrlTemplate(url)) errors.url = 'URL must start with http:// or https://, or with a {{variable}}.';
  if (!METHOD_TOKEN.test(form.method.trim())) errors.method = 'Method must be one word, such as GET or POST.';
  const badHeader = form.headers.find((row) => !isBlankRow(row) && !/^[^\s:]+$/.test(row.name.trim()));
  if (badHeader) {
    errors.headers = badHeader.name.trim()
      ? `Header name "${badHeader.name.trim()}" cannot contain spaces or colons.`
      : 'Every header needs a name.';
  }
  const body = bodyProblem(form);
  if (body) errors.body = body;
  const format = parseLlmFormat(form.llmFormat);
  if (!format.ok) errors.llmFormat = `${format.problem.charAt(0).toUpperCase()}${format.problem.slice(1)}.`;
  for (const field of ['initialDelayMs', 'maxDelayMs', 'connectTimeoutMs', 'idleTimeoutMs'] as const) {
    const value = form[field];
    if (value === null || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
      errors[field] = 'Enter a whole number of milliseconds (0 or more).';
    }
  }
  return errors;
}

function isBlankRow(row: HeaderRow): boolean {
  return !row.name.trim() && !row.value && !row.stored;
}

/** What `connections:save` takes; `base` keeps the fields the editor does not show. */
export function inputFromForm(form: ConnectionForm, base: SavedConnection | null): ConnectionInput {
  const tags = [
    ...new Set(
      form.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  return {
    ...(base ? { limits: base.limits, tls: base.tls, alerts: base.alerts } : {}),
    name: form.name.trim(),
    kind: kindOf(form),
    url: form.url.trim(),
    method: form.method.trim().toUpperCase(),
    headers: form.headers
      .filter((row) => !isBlankRow(row))
      .map((row) => ({ name: row.name.trim(), value: headerValue(row), enabled: row.enabled })),
    body: form.body === '' ? undefined : form.body,
    lastEventId: form.lastEventId,
    reconnect: {
      ...(base ? { resetAfterMs: base.reconnect.resetAfterMs } : {}),
      enabled: form.reconnect,
      retryHttpErrors: form.retryHttpErrors,
      initialDelayMs: form.initialDelayMs ?? 0,
      maxDelayMs: form.maxDelayMs ?? 0,
    },
    timeouts: { connectMs: form.connectTimeoutMs ?? 0, idleMs: form.idleTimeoutMs ?? 0 },
    autoConnect: form.autoConnect,
    folder: form.folder.trim(),
    tags,
    llmFormat: form.llmFormat.trim() || 'auto',
  };
}

type HeaderValueInput = NonNullable<ConnectionInput['headers']>[number]['value'];

function headerValue(row: HeaderRow): HeaderValueInput {
  if (!row.secret) return row.value;
  if (row.value === '' && row.stored) return row.stored;
  return { secret: true, value: row.value };
}
