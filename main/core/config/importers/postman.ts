// Postman collections (format v2.1, and v2.0, which differs only in how auth is written) and
// Postman environment files, as our connections and environments.
// Format: https://schema.getpostman.com/json/collection/v2.1.0/collection.json
//
// Mapping: the collection's name is the top folder and its folders nest below it ("API/Users");
// {{variables}} are ours already; collection variables become an environment named after the
// collection, or, when environment files come with it, the defaults of each environment (Postman
// lets an environment override them). Auth is inherited from the folder or collection unless the
// request sets its own. Scripts and tests are not run, and say so.

import { z } from 'zod';
import { applyAuth, type AuthSetting } from './auth-setting.ts';
import { withDefaults, type EnvironmentDraft, type VariableDraft } from './environment-draft.ts';
import type { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { LooseText } from './loose-text.ts';
import { addContentType, toConnection, type RequestDraft } from './request-draft.ts';
import { formEncode } from './templates.ts';

const Text = LooseText;
const KeyValue = z.looseObject({ key: Text.optional(), value: Text.optional(), disabled: z.boolean().optional(), type: Text.optional() });
type KeyValue = z.infer<typeof KeyValue>;

/** v2.1 lists auth parameters as [{key, value}]; v2.0 as an object. */
const Auth = z.looseObject({ type: z.string() });
type Auth = z.infer<typeof Auth> & Record<string, unknown>;

const Url = z.union([
  z.string(),
  z.looseObject({
    raw: z.string().optional(),
    protocol: z.string().optional(),
    host: z.union([z.string(), z.array(Text)]).optional(),
    port: Text.optional(),
    path: z.union([z.string(), z.array(z.union([Text, z.looseObject({ value: Text.optional() })]))]).optional(),
    query: z.array(KeyValue).nullish(),
    variable: z.array(KeyValue).nullish(),
  }),
]);
type Url = z.infer<typeof Url>;

const Body = z.looseObject({
  mode: z.string().optional(),
  raw: Text.optional(),
  urlencoded: z.array(KeyValue).optional(),
  graphql: z.looseObject({ query: Text.optional(), variables: Text.optional() }).optional(),
  options: z.looseObject({ raw: z.looseObject({ language: z.string().optional() }).optional() }).optional(),
  disabled: z.boolean().optional(),
});
type Body = z.infer<typeof Body>;

const Script = z.looseObject({ exec: z.union([z.string(), z.array(Text)]).nullish() });
const Event = z.looseObject({ listen: z.string().optional(), script: Script.optional(), disabled: z.boolean().optional() });

const Request = z.union([
  z.string(),
  z.looseObject({
    url: Url.optional(),
    method: z.string().optional(),
    header: z.union([z.array(KeyValue), z.string()]).nullish(),
    body: Body.nullish(),
    auth: Auth.nullish(),
  }),
]);

interface Item {
  name?: string;
  item?: Item[];
  request?: z.infer<typeof Request>;
  auth?: Auth | null;
  event?: z.infer<typeof Event>[];
}
const Item: z.ZodType<Item> = z.looseObject({
  name: Text.optional(),
  get item() {
    return z.array(Item).optional();
  },
  request: Request.optional(),
  auth: Auth.nullish(),
  event: z.array(Event).optional(),
});

export const PostmanCollectionSchema = z.looseObject({
  info: z.looseObject({ name: Text.optional(), schema: z.string() }),
  item: z.array(Item).default([]),
  auth: Auth.nullish(),
  event: z.array(Event).optional(),
  variable: z.array(KeyValue).optional(),
});
export type PostmanCollection = z.infer<typeof PostmanCollectionSchema>;

export const PostmanEnvironmentSchema = z.looseObject({
  name: Text.optional(),
  values: z.array(z.looseObject({ key: Text.optional(), value: Text.optional(), enabled: z.boolean().optional(), type: Text.optional() })),
});
export type PostmanEnvironment = z.infer<typeof PostmanEnvironmentSchema>;

const RAW_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  text: 'text/plain',
  javascript: 'application/javascript',
};

const UNSUPPORTED_AUTH: Record<string, string> = {
  awsv4: 'AWS Signature',
  digest: 'Digest',
  hawk: 'Hawk',
  ntlm: 'NTLM',
  oauth1: 'OAuth 1.0',
  oauth2: 'OAuth 2.0',
  edgegrid: 'Akamai EdgeGrid',
  jwt: 'JWT Bearer',
  asap: 'ASAP',
};

export function importPostman(collections: PostmanCollection[], environments: PostmanEnvironment[], notes: ImportNotes): ImportParts {
  const parts = new ImportParts();
  const collectionVariables: VariableDraft[] = [];
  for (const collection of collections) {
    const name = collection.info.name?.trim() || 'Postman collection';
    noteScripts(collection.event, name, notes);
    const auth = collection.auth ? authSetting(collection.auth, name, notes) : { kind: 'none' as const };
    walk(collection.item, [name], auth, parts, notes);
    collectionVariables.push(...variablesOf(collection.variable ?? []));
  }
  for (const environment of environments) {
    const variables = environment.values
      .filter((value) => value.enabled !== false)
      .map((value) => ({ name: value.key ?? '', value: value.value ?? '', ...(value.type === 'secret' ? { secret: true } : {}) }));
    parts.environments.push(withDefaults({ name: environment.name?.trim() || 'Postman environment', variables }, collectionVariables));
  }
  if (environments.length === 0 && collectionVariables.length > 0) {
    const name = collections.map((collection) => collection.info.name?.trim()).find(Boolean) ?? 'Postman collection';
    parts.environments.push({ name, variables: collectionVariables } satisfies EnvironmentDraft);
  }
  return parts;
}

function walk(items: readonly Item[], folder: string[], inherited: AuthSetting, parts: ImportParts, notes: ImportNotes): void {
  for (const item of items) {
    const name = item.name?.trim() ?? '';
    noteScripts(item.event, name || folder.at(-1)!, notes);
    const auth = item.auth ? authSetting(item.auth, name, notes) : inherited;
    if (item.item !== undefined) {
      walk(item.item, [...folder, name || 'Folder'], auth, parts, notes);
    } else if (item.request !== undefined) {
      const draft = requestDraft(item.request, name, folder, notes);
      const requestAuth = typeof item.request !== 'string' && item.request.auth ? authSetting(item.request.auth, draft.name, notes) : auth;
      applyAuth(draft, requestAuth, 'Postman', notes);
      const connection = toConnection(draft, notes);
      if (connection) parts.connections.push(connection);
    }
  }
}

function requestDraft(request: z.infer<typeof Request>, name: string, folder: string[], notes: ImportNotes): RequestDraft {
  if (typeof request === 'string') return { name, folder, method: 'GET', url: request, headers: [] };
  const draft: RequestDraft = {
    name,
    folder,
    method: request.method ?? 'GET',
    url: urlText(request.url ?? ''),
    headers: headersOf(request.header ?? []),
  };
  if (request.body && !request.body.disabled) addBody(draft, request.body, notes);
  return draft;
}

function urlText(url: Url): string {
  if (typeof url === 'string') return url;
  let text = url.raw ?? buildUrl(url);
  // [postman] ":name" path segments take the value of url.variable "name".
  for (const variable of url.variable ?? []) {
    if (!variable.key || !variable.value) continue;
    const segment = new RegExp(`/:${variable.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[/?#]|$)`);
    text = text.replace(segment, `/${variable.value}`);
  }
  return text;
}

function buildUrl(url: Exclude<Url, string>): string {
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const path =
    typeof url.path === 'string'
      ? url.path
      : (url.path ?? []).map((part) => (typeof part === 'string' ? part : (part.value ?? ''))).join('/');
  const query = (url.query ?? []).filter((pair) => !pair.disabled).map((pair) => `${pair.key ?? ''}=${pair.value ?? ''}`);
  const scheme = url.protocol ? `${url.protocol}://` : '';
  const port = url.port ? `:${url.port}` : '';
  return `${scheme}${host}${port}${path ? `/${path.replace(/^\//, '')}` : ''}${query.length ? `?${query.join('&')}` : ''}`;
}

function headersOf(header: KeyValue[] | string): RequestDraft['headers'] {
  if (typeof header === 'string') {
    // The old one-string form: "Name: value" lines.
    return header
      .split(/\r?\n/)
      .map((line) => /^\s*([^:]+):\s*(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => ({ name: match[1]!.trim(), value: match[2]!.trim(), enabled: true }));
  }
  return header.map((pair) => ({ name: pair.key ?? '', value: pair.value ?? '', enabled: !pair.disabled }));
}

function addBody(draft: RequestDraft, body: Body, notes: ImportNotes): void {
  const contentType = (type: string) => addContentType(draft, type);
  switch (body.mode) {
    case 'raw': {
      if (!body.raw) return;
      draft.body = body.raw;
      // [postman] a raw body's language sets its Content-Type unless a header does.
      contentType(RAW_CONTENT_TYPES[body.options?.raw?.language ?? 'text'] ?? 'text/plain');
      return;
    }
    case 'urlencoded': {
      const pairs = (body.urlencoded ?? []).filter((pair) => !pair.disabled);
      if (pairs.length === 0) return;
      draft.body = formEncode(pairs.map((pair) => ({ name: pair.key ?? '', value: pair.value ?? '' })));
      contentType('application/x-www-form-urlencoded');
      return;
    }
    case 'graphql': {
      const query = body.graphql?.query ?? '';
      const variables = body.graphql?.variables?.trim() || 'null';
      draft.body = `{"query":${JSON.stringify(query)},"variables":${variables}}`;
      contentType('application/json');
      return;
    }
    case 'formdata':
      notes.about('Multipart form bodies cannot be sent here, so the body was left out', draft.name, 'has one', 'have one');
      return;
    case 'file':
      notes.about('Bodies read from a file cannot be imported, so the body was left out', draft.name, 'has one', 'have one');
      return;
  }
}

function authSetting(auth: Auth, owner: string, notes: ImportNotes): AuthSetting {
  const param = (key: string): string => {
    const params: unknown = auth[auth.type];
    if (Array.isArray(params)) {
      const found = KeyValue.safeParse(params.find((entry: { key?: unknown }) => entry?.key === key));
      return found.success ? (found.data.value ?? '') : '';
    }
    if (params && typeof params === 'object') {
      const parsed = Text.safeParse((params as Record<string, unknown>)[key]);
      return parsed.success ? parsed.data : '';
    }
    return '';
  };
  switch (auth.type) {
    case 'noauth':
      return { kind: 'none' };
    case 'bearer':
      return { kind: 'bearer', token: param('token') };
    case 'basic':
      return { kind: 'basic', username: param('username'), password: param('password') };
    case 'apikey':
      return { kind: 'apikey', name: param('key'), value: param('value'), in: param('in') === 'query' ? 'query' : 'header' };
    case 'oauth2': {
      // A token Postman already fetched is sent as it is; it is not refreshed here.
      const token = param('accessToken');
      if (token === '' || param('addTokenTo') === 'queryParams') return { kind: 'unsupported', label: 'OAuth 2.0' };
      notes.about('Postman OAuth 2.0 tokens are sent as they were exported and not renewed', owner, 'uses one', 'use one');
      return { kind: 'bearer', token, prefix: param('headerPrefix') || 'Bearer' };
    }
    default:
      return { kind: 'unsupported', label: UNSUPPORTED_AUTH[auth.type] ?? `"${auth.type}"` };
  }
}

function noteScripts(events: z.infer<typeof Event>[] | undefined, owner: string, notes: ImportNotes): void {
  for (const event of events ?? []) {
    const exec = event.script?.exec;
    const code = (Array.isArray(exec) ? exec.join('\n') : (exec ?? '')).trim();
    if (code === '' || event.disabled) continue;
    if (event.listen === 'prerequest') notes.about('Postman pre-request scripts are not run', owner, 'has one', 'have one');
    else if (event.listen === 'test') notes.about('Postman tests are not run', owner, 'has some', 'have some');
  }
}

function variablesOf(pairs: readonly KeyValue[]): VariableDraft[] {
  return pairs
    .filter((pair) => !pair.disabled && pair.key)
    .map((pair) => ({ name: pair.key!, value: pair.value ?? '', ...(pair.type === 'secret' ? { secret: true } : {}) }));
}
