// The connection editor's form: a SavedConnection turned into editable fields, the fields checked
// with messages a user can act on, and turned back into the ConnectionInput the main process
// saves. Fields this form does not edit (limits; the alert rules and the watchdog, which the
// editor's monitoring section replaces through monitor-form.ts) are carried over as they were
// saved. The Params table and the URL are kept in step here (see query-params.ts).

import type { ConnectionInput, SavedConnection } from '../../../main/contract.ts';
import { defaultConnectionKind, type ConnectionKind } from '../../../main/common/connection-kind.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../../main/common/engine-defaults.ts';
import { normalizeFolderPath } from '../../../main/common/folder-path.ts';
import { parseLlmFormat } from '../../../main/common/llm-format.ts';
import { DEFAULT_RECONNECT } from '../../../main/common/reconnect-policy.ts';
import { isUrlTemplate } from '../../../main/common/template-variables.ts';
import { authFormOf, authInputOf, authProblem, type AuthForm } from './auth-form.ts';
import { jsonProblem, looksLikeJson } from './json-problem.ts';
import { paramsOfUrl, urlWithParams } from './query-params.ts';
import { secretFieldOf, valueOfField, type SecretField } from './secret-field.ts';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'REPORT'] as const;

export interface HeaderRow extends SecretField {
  /** Keys the row in the list; not saved. */
  key: number;
  name: string;
  enabled: boolean;
}

/** A row of the Params table: an enabled one is in the URL; a disabled one is kept beside it. */
export interface ParamRow {
  key: number;
  name: string;
  value: string;
  enabled: boolean;
}

export interface ConnectionForm {
  name: string;
  url: string;
  method: string;
  /** The method is not one of METHODS: typed in a text field. */
  customMethod: boolean;
  headers: HeaderRow[];
  params: ParamRow[];
  auth: AuthForm;
  body: string;
  lastEventId: string;
  reconnect: boolean;
  retryHttpErrors: boolean;
  initialDelayMs: number | null;
  maxDelayMs: number | null;
  connectTimeoutMs: number | null;
  idleTimeoutMs: number | null;
  autoConnect: boolean;
  /** Accept any certificate (TLS verification off). */
  tlsInsecure: boolean;
  /** A CA certificate file (PEM) to trust, as a path where the app runs; "" for none. */
  caFile: string;
  folder: string;
  /** Comma-separated. */
  tags: string;
  /** Request or feed, as chosen; null (a new connection) follows the method and body: see kindOf. */
  kind: ConnectionKind | null;
  /** The LLM format setting as typed: auto, a shape's name, or jsonpath:EXPR. */
  llmFormat: string;
}

export type FormField =
  | 'name'
  | 'url'
  | 'method'
  | 'headers'
  | 'params'
  | 'auth'
  | 'body'
  | 'initialDelayMs'
  | 'maxDelayMs'
  | 'connectTimeoutMs'
  | 'idleTimeoutMs'
  | 'llmFormat';
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

export function paramRow(name = '', value = '', enabled = true): ParamRow {
  return { key: nextRowKey++, name, value, enabled };
}

/** After the URL was typed in: the table's enabled rows follow its query string; disabled rows stay. */
export function syncParamsFromUrl(form: ConnectionForm): void {
  const enabled = form.params.filter((row) => row.enabled);
  const disabled = form.params.filter((row) => !row.enabled);
  // Rows keep their keys by position, so the table does not redraw rows that did not change.
  const rows = paramsOfUrl(form.url).map((param, index) => ({
    ...paramRow(param.name, param.value),
    key: enabled[index]?.key ?? nextRowKey++,
  }));
  form.params = [...rows, ...disabled];
}

/** After the table was edited: the URL's query string is written from its enabled rows. */
export function syncUrlFromParams(form: ConnectionForm): void {
  form.url = urlWithParams(
    form.url,
    form.params.filter((row) => row.enabled),
  );
}

export function formFromConnection(saved: SavedConnection | null): ConnectionForm {
  if (!saved) {
    return {
      name: '',
      url: '',
      method: 'GET',
      customMethod: false,
      headers: [],
      params: [],
      auth: authFormOf(null),
      body: '',
      lastEventId: '',
      reconnect: DEFAULT_RECONNECT.enabled,
      retryHttpErrors: DEFAULT_RECONNECT.retryHttpErrors,
      initialDelayMs: NEW_CONNECTION.initialDelayMs,
      maxDelayMs: NEW_CONNECTION.maxDelayMs,
      connectTimeoutMs: NEW_CONNECTION.connectTimeoutMs,
      idleTimeoutMs: NEW_CONNECTION.idleTimeoutMs,
      autoConnect: false,
      tlsInsecure: false,
      caFile: '',
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
    headers: saved.headers.map((header) => ({
      key: nextRowKey++,
      name: header.name,
      enabled: header.enabled,
      ...secretFieldOf(header.value),
    })),
    params: [
      ...paramsOfUrl(saved.url).map((param) => paramRow(param.name, param.value)),
      ...saved.disabledParams.map((param) => paramRow(param.name, param.value, false)),
    ],
    auth: authFormOf(saved.auth),
    body: saved.body ?? '',
    lastEventId: saved.lastEventId,
    reconnect: saved.reconnect.enabled,
    retryHttpErrors: saved.reconnect.retryHttpErrors,
    initialDelayMs: saved.reconnect.initialDelayMs,
    maxDelayMs: saved.reconnect.maxDelayMs,
    connectTimeoutMs: saved.timeouts.connectMs,
    idleTimeoutMs: saved.timeouts.idleMs,
    autoConnect: saved.autoConnect,
    tlsInsecure: saved.tls.insecure,
    caFile: saved.tls.caFile ?? '',
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
  const auth = authProblem(
    form.auth,
    form.headers.filter((row) => row.enabled && !isBlankRow(row)).map((row) => row.name),
  );
  if (auth) errors.auth = auth;
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
    ...(base ? { limits: base.limits, alerts: base.alerts, watchdog: base.watchdog } : {}),
    name: form.name.trim(),
    kind: kindOf(form),
    url: form.url.trim(),
    method: form.method.trim().toUpperCase(),
    headers: form.headers
      .filter((row) => !isBlankRow(row))
      .map((row) => ({ name: row.name.trim(), value: valueOfField(row), enabled: row.enabled })),
    disabledParams: form.params
      .filter((row) => !row.enabled && (row.name !== '' || row.value !== ''))
      .map((row) => ({ name: row.name, value: row.value })),
    auth: authInputOf(form.auth),
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
    tls: { insecure: form.tlsInsecure, ...(form.caFile.trim() ? { caFile: form.caFile.trim() } : {}) },
    folder: normalizeFolderPath(form.folder),
    tags,
    llmFormat: form.llmFormat.trim() || 'auto',
  };
}
