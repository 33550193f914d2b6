// Insomnia's requests, folders and environments as ours, once insomnia-documents.ts has read an
// export (v4 JSON or YAML, or the v5 YAML) into one tree. Insomnia's template syntax becomes ours
// ({{ _.base_url }} -> {{base_url}}); an environment's nested objects become dotted names
// ({{ _.admin.token }} -> {{admin.token}}); template tags ({% uuid %}, {% response ... %}) are not
// run and say so. A folder's headers and auth apply to the requests inside it, as in Insomnia.

import { z } from 'zod';
import { applyAuth, type AuthSetting } from './auth-setting.ts';
import { withDefaults, type EnvironmentDraft, type VariableDraft } from './environment-draft.ts';
import type { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { LooseText } from './loose-text.ts';
import { addContentType, mergeHeaders, toConnection, type DraftHeader, type RequestDraft } from './request-draft.ts';
import { appendQuery, formEncode } from './templates.ts';

const Text = LooseText;
const Pair = z.looseObject({ name: Text.optional(), value: Text.optional(), disabled: z.boolean().optional() });
type Pair = z.infer<typeof Pair>;
const Authentication = z.looseObject({
  type: z.string().optional(),
  disabled: z.boolean().optional(),
  token: Text.optional(),
  prefix: Text.optional(),
  username: Text.optional(),
  password: Text.optional(),
  key: Text.optional(),
  value: Text.optional(),
  addTo: z.string().optional(),
});
type Authentication = z.infer<typeof Authentication>;
const Body = z.looseObject({ mimeType: z.string().nullish(), text: Text.optional(), params: z.array(Pair).optional() });

/** The fields a request or a folder has in both export formats. */
export const itemFields = {
  name: Text.optional(),
  url: Text.optional(),
  method: z.string().optional(),
  headers: z.array(Pair).nullish(),
  parameters: z.array(Pair).nullish(),
  pathParameters: z.array(Pair).nullish(),
  body: Body.nullish(),
  authentication: Authentication.nullish(),
  environment: z.record(z.string(), z.unknown()).nullish(),
};
export type ItemFields = z.infer<ReturnType<typeof z.looseObject<typeof itemFields>>>;

export type InsomniaNode =
  | { kind: 'folder'; fields: ItemFields; scripts: Scripts; children: InsomniaNode[] }
  | { kind: 'request'; fields: ItemFields; scripts: Scripts }
  /** A WebSocket, gRPC, Socket.IO or MCP request. */
  | { kind: 'other'; name: string };

export interface Scripts {
  preRequest: string;
  afterResponse: string;
}

export interface InsomniaWorkspace {
  name: string;
  children: InsomniaNode[];
  /** The base environment's data, and the sub-environments that build on it. */
  baseEnvironment: Record<string, unknown>;
  subEnvironments: { name: string; data: Record<string, unknown>; isPrivate: boolean }[];
}

const UNSUPPORTED_AUTH: Record<string, string> = {
  oauth1: 'OAuth 1.0',
  oauth2: 'OAuth 2.0',
  digest: 'Digest',
  ntlm: 'NTLM',
  hawk: 'Hawk',
  iam: 'AWS IAM',
  asap: 'ASAP',
  netrc: 'netrc',
};

export function importInsomniaWorkspace(workspace: InsomniaWorkspace, notes: ImportNotes): ImportParts {
  const parts = new ImportParts();
  walk(workspace.children, [workspace.name], [], { kind: 'none' }, parts, notes);

  const base = flatten(workspace.baseEnvironment, workspace.name, notes);
  for (const sub of workspace.subEnvironments) {
    const variables = flatten(sub.data, sub.name, notes).map((variable) => (sub.isPrivate ? { ...variable, secret: true } : variable));
    parts.environments.push(withDefaults({ name: sub.name, variables }, base));
  }
  if (workspace.subEnvironments.length === 0 && base.length > 0) {
    parts.environments.push({ name: workspace.name, variables: base } satisfies EnvironmentDraft);
  }
  return parts;
}

function walk(
  nodes: readonly InsomniaNode[],
  folder: string[],
  inheritedHeaders: DraftHeader[],
  inheritedAuth: AuthSetting,
  parts: ImportParts,
  notes: ImportNotes,
): void {
  for (const node of nodes) {
    if (node.kind === 'other') {
      notes.about('Only HTTP requests are brought over; WebSocket, gRPC and Socket.IO requests are not', node.name, '', '');
      continue;
    }
    const name = node.fields.name?.trim() || (node.kind === 'folder' ? 'Folder' : '');
    noteScripts(node.scripts, name, notes);
    const auth = authSetting(node.fields.authentication, name, notes) ?? inheritedAuth;
    const headers = mergeHeaders(inheritedHeaders, pairsOf(node.fields.headers, name, notes));
    if (node.kind === 'folder') {
      if (Object.keys(node.fields.environment ?? {}).length > 0) {
        notes.about(
          'Insomnia folder environments are not brought over (add their variables to an environment)',
          name,
          'has one',
          'have one',
        );
      }
      walk(node.children, [...folder, name], headers, auth, parts, notes);
      continue;
    }
    const draft = requestDraft(node.fields, name, folder, headers, notes);
    applyAuth(draft, auth, 'Insomnia', notes);
    const connection = toConnection(draft, notes);
    if (connection) parts.connections.push(connection);
  }
}

function requestDraft(fields: ItemFields, name: string, folder: string[], headers: DraftHeader[], notes: ImportNotes): RequestDraft {
  let url = fromTemplate(fields.url ?? '', name, notes);
  // [insomnia] ":name" in the path takes the path parameter "name".
  for (const parameter of pairsOf(fields.pathParameters, name, notes)) {
    if (parameter.value !== '') url = url.replace(`:${parameter.name}`, parameter.value);
  }
  for (const parameter of pairsOf(fields.parameters, name, notes)) {
    if (parameter.enabled) url = appendQuery(url, parameter.name, parameter.value);
  }
  const draft: RequestDraft = { name, folder, method: fields.method ?? 'GET', url, headers };
  addBody(draft, fields.body, notes);
  return draft;
}

function addBody(draft: RequestDraft, body: ItemFields['body'], notes: ImportNotes): void {
  const mimeType = body?.mimeType ?? '';
  const contentType = (type: string) => addContentType(draft, type);
  if (mimeType === 'multipart/form-data') {
    notes.about('Multipart form bodies cannot be sent here, so the body was left out', draft.name, 'has one', 'have one');
  } else if (mimeType === 'application/octet-stream') {
    notes.about('Bodies read from a file cannot be imported, so the body was left out', draft.name, 'has one', 'have one');
  } else if (mimeType === 'application/x-www-form-urlencoded') {
    const pairs = pairsOf(body?.params, draft.name, notes).filter((pair) => pair.enabled);
    if (pairs.length > 0) {
      draft.body = formEncode(pairs);
      contentType(mimeType);
    }
  } else if (body?.text) {
    draft.body = fromTemplate(body.text, draft.name, notes);
    // [insomnia] a GraphQL body is sent as JSON ({"query": ..., "variables": ...}).
    contentType(mimeType === 'application/graphql' ? 'application/json' : mimeType);
  }
}

function pairsOf(pairs: Pair[] | null | undefined, owner: string, notes: ImportNotes): DraftHeader[] {
  return (pairs ?? [])
    .filter((pair) => pair.name)
    .map((pair) => ({
      name: fromTemplate(pair.name!, owner, notes),
      value: fromTemplate(pair.value ?? '', owner, notes),
      enabled: !pair.disabled,
    }));
}

/** null: the item sets no auth of its own, so its folder's applies. */
function authSetting(auth: Authentication | null | undefined, owner: string, notes: ImportNotes): AuthSetting | null {
  if (!auth?.type || auth.type === 'inherit') return null;
  if (auth.disabled || auth.type === 'none') return { kind: 'none' };
  const text = (value: string | undefined) => fromTemplate(value ?? '', owner, notes);
  switch (auth.type) {
    case 'bearer':
      return { kind: 'bearer', token: text(auth.token), prefix: text(auth.prefix) };
    case 'basic':
      return { kind: 'basic', username: text(auth.username), password: text(auth.password) };
    case 'apikey':
      if (auth.addTo === 'cookie') return { kind: 'apikey', name: 'Cookie', value: `${text(auth.key)}=${text(auth.value)}`, in: 'header' };
      return { kind: 'apikey', name: text(auth.key), value: text(auth.value), in: auth.addTo === 'queryParams' ? 'query' : 'header' };
    default:
      return { kind: 'unsupported', label: UNSUPPORTED_AUTH[auth.type] ?? `"${auth.type}"` };
  }
}

function noteScripts(scripts: Scripts, owner: string, notes: ImportNotes): void {
  if (scripts.preRequest.trim()) notes.about('Insomnia pre-request scripts are not run', owner, 'has one', 'have one');
  if (scripts.afterResponse.trim()) notes.about('Insomnia after-response scripts are not run', owner, 'has one', 'have one');
}

/**
 * Insomnia's template syntax as ours: `{{ _.name }}`, `{{ _['name'] }}` and `{{ name }}` become
 * `{{name}}`. Template tags (`{% uuid %}`) stay as written, with a warning.
 */
export function fromTemplate(text: string, owner: string, notes: ImportNotes): string {
  for (const match of text.matchAll(/\{%\s*([\w-]+)?[^%]*%\}/g)) {
    notes.about(
      `Insomnia template tags such as {% ${match[1] ?? ''} %} are not run, so they are sent as written`,
      owner,
      'uses one',
      'use one',
    );
  }
  return text
    .replace(/\{\{\s*_\[\s*(['"])([^'"]+)\1\s*\]\s*\}\}/g, '{{$2}}')
    .replace(/\{\{\s*(?:_\.)?([A-Za-z_][\w.-]*)\s*\}\}/g, '{{$1}}');
}

/** An environment's data as variables: nested objects become dotted names, lists their JSON. */
function flatten(data: Record<string, unknown>, owner: string, notes: ImportNotes, prefix = ''): VariableDraft[] {
  const variables: VariableDraft[] = [];
  for (const [key, value] of Object.entries(data)) {
    const name = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      variables.push(...flatten(value as Record<string, unknown>, owner, notes, `${name}.`));
    } else if (typeof value === 'string') {
      variables.push({ name, value: fromTemplate(value, owner, notes) });
    } else {
      variables.push({
        name,
        value: value === null || value === undefined ? '' : Array.isArray(value) ? JSON.stringify(value) : String(value),
      });
    }
  }
  return variables;
}
