// Bruno collection folders as our connections and environments. A collection is a folder with a
// bruno.json, one .bru file per request, folder.bru and collection.bru for what a folder or the
// whole collection sets (headers, auth, variables), environments/*.bru, and perhaps a .env file
// that {{process.env.NAME}} reads. The .bru files are read by Bruno's own parser (@usebruno/lang),
// loaded only when a Bruno collection is imported; the mapping is ours.
//
// Mapping: the collection's name is the top folder, its folders nest below it (named by their
// folder.bru, else the folder's name), requests in Bruno's order (seq). Headers and auth set on the
// collection or a folder apply to the requests inside, as in Bruno ("inherit"). Collection
// variables and .env values (as process.env.NAME) are added to every environment. Bruno keeps
// secret values out of its files, so those must be entered again. Scripts and tests are not run.

import type * as BrunoLangModule from '@usebruno/lang';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { ImportFile } from '../../../common/import-preview.ts';
import { applyAuth, type AuthSetting } from './auth-setting.ts';
import { withDefaults, type VariableDraft } from './environment-draft.ts';
import type { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { LooseText } from './loose-text.ts';
import { addContentType, mergeHeaders, toConnection, type DraftHeader, type RequestDraft } from './request-draft.ts';
import { formEncode } from './templates.ts';
import { messageOf } from '../../../common/error-message.ts';

const Text = LooseText;
const Pair = z.looseObject({ name: Text, value: Text.default(''), enabled: z.boolean().default(true) });
type Pair = z.infer<typeof Pair>;
const AuthBlocks = z.record(z.string(), z.unknown());
const Meta = z.looseObject({ name: Text.optional(), type: z.string().optional(), seq: Text.optional() });
const Scripts = z.looseObject({ req: Text.optional(), res: Text.optional() });
const Vars = z.looseObject({ req: z.array(Pair).optional(), res: z.array(Pair).optional() });

const RequestFile = z.looseObject({
  meta: Meta.optional(),
  http: z.looseObject({ method: z.string(), url: Text.optional(), body: z.string().optional(), auth: z.string().optional() }).optional(),
  params: z.array(Pair.extend({ type: z.string().optional() })).optional(),
  headers: z.array(Pair).optional(),
  auth: AuthBlocks.optional(),
  body: z
    .looseObject({
      json: Text.optional(),
      text: Text.optional(),
      xml: Text.optional(),
      sparql: Text.optional(),
      formUrlEncoded: z.array(Pair).optional(),
      graphql: z.looseObject({ query: Text.optional(), variables: Text.optional() }).optional(),
    })
    .optional(),
  vars: Vars.optional(),
  script: Scripts.optional(),
  tests: Text.optional(),
  assertions: z.array(z.unknown()).optional(),
});
type RequestFile = z.infer<typeof RequestFile>;

/** collection.bru and folder.bru. */
const FolderFile = z.looseObject({
  meta: Meta.optional(),
  headers: z.array(Pair).optional(),
  auth: AuthBlocks.optional(),
  vars: Vars.optional(),
  script: Scripts.optional(),
  tests: Text.optional(),
});
type FolderFile = z.infer<typeof FolderFile>;

const EnvironmentFile = z.looseObject({
  variables: z.array(Pair.extend({ secret: z.boolean().default(false) })),
});
const BrunoJson = z.looseObject({ name: Text.optional(), ignore: z.array(z.string()).optional() });

type BrunoLang = typeof BrunoLangModule;

const BODY_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  text: 'text/plain',
  xml: 'application/xml',
  sparql: 'application/sparql-query',
  formUrlEncoded: 'application/x-www-form-urlencoded',
  graphql: 'application/json',
};

const UNSUPPORTED_AUTH: Record<string, string> = {
  awsv4: 'AWS Signature',
  digest: 'Digest',
  oauth2: 'OAuth 2.0',
  ntlm: 'NTLM',
  wsse: 'WSSE',
};

/** True when the files hold a Bruno collection (a bruno.json or .bru files). */
export function isBrunoCollection(files: readonly ImportFile[]): boolean {
  return files.some(({ path }) => /(^|\/)bruno\.json$/.test(normalPath(path)) || path.endsWith('.bru'));
}

/** The collections in the files (a picked folder may hold several); returns their names too. */
export async function importBruno(files: readonly ImportFile[], notes: ImportNotes): Promise<{ parts: ImportParts; names: string[] }> {
  const lang = await import('@usebruno/lang');
  const all = files.map((file) => ({ path: normalPath(file.path), text: file.text }));
  const roots = all.filter((file) => /(^|\/)bruno\.json$/.test(file.path)).map((file) => dirOf(file.path));
  if (roots.length === 0) roots.push(commonDir(all.filter((file) => file.path.endsWith('.bru')).map((file) => file.path)));
  const parts = new ImportParts();
  const names: string[] = [];
  for (const root of roots) {
    const inRoot = all.filter((file) => ownRoot(file.path, roots) === root).map((file) => ({ ...file, path: relativeTo(file.path, root) }));
    const collection = new BrunoCollection(lang, inRoot, root, notes);
    names.push(collection.name);
    collection.importInto(parts);
  }
  return { parts, names };
}

class BrunoCollection {
  readonly name: string;
  readonly #lang: BrunoLang;
  readonly #files: ImportFile[];
  readonly #notes: ImportNotes;
  readonly #folders = new Map<string, FolderFile>();

  constructor(lang: BrunoLang, files: ImportFile[], root: string, notes: ImportNotes) {
    this.#lang = lang;
    this.#notes = notes;
    const config = this.#json(files.find((file) => file.path === 'bruno.json'));
    this.name = config?.name?.trim() || root.split('/').at(-1) || 'Bruno collection';
    const ignored = ['node_modules', '.git', ...(config?.ignore ?? [])];
    this.#files = files.filter((file) => !file.path.split('/').some((part) => ignored.includes(part)));
    for (const file of this.#files) {
      if (file.path === 'collection.bru' || file.path.endsWith('/folder.bru') || file.path === 'folder.bru') {
        const parsed = this.#parse(file, (text) => FolderFile.parse(lang.collectionBruToJson(text)));
        if (parsed) this.#folders.set(file.path === 'collection.bru' ? '' : dirOf(file.path), parsed);
      }
    }
  }

  importInto(parts: ImportParts): void {
    const collection = this.#folders.get('') ?? {};
    this.#noteScripts(collection, this.name);
    this.#visit('', [this.name], pairsOf(collection.headers), this.#auth(collection.auth, modeOf(collection)) ?? { kind: 'none' }, parts);

    const defaults: VariableDraft[] = [...this.#dotEnv(), ...(collection.vars?.req ?? []).filter((pair) => pair.enabled)];
    const environments = this.#files.filter((file) => /^environments\/[^/]+\.bru$/.test(file.path));
    for (const file of environments) {
      const parsed = this.#parse(file, (text) => EnvironmentFile.parse(this.#lang.bruToEnvJsonV2(text)));
      if (!parsed) continue;
      const name = file.path.slice('environments/'.length, -'.bru'.length);
      const variables = parsed.variables
        .filter((variable) => variable.enabled)
        .map((variable) => ({
          name: variable.name,
          value: variable.value,
          secret: variable.secret,
          omitted: variable.secret && variable.value === '',
        }));
      const omitted = variables.filter((variable) => variable.omitted).map((variable) => variable.name);
      if (omitted.length > 0) {
        this.#notes.add(`Bruno keeps secret values out of its files: enter ${omitted.join(', ')} again in '${name}' before connecting.`);
      }
      parts.environments.push(withDefaults({ name, variables }, defaults));
    }
    if (environments.length === 0 && defaults.length > 0) parts.environments.push({ name: this.name, variables: defaults });
  }

  /** The requests of one folder, its subfolders first, each in Bruno's order. */
  #visit(dir: string, folder: string[], headers: DraftHeader[], auth: AuthSetting, parts: ImportParts): void {
    const prefix = dir === '' ? '' : `${dir}/`;
    const direct = this.#files.filter((file) => file.path.startsWith(prefix) && !file.path.slice(prefix.length).includes('/'));
    const subdirs = [
      ...new Set(
        this.#files
          .filter((file) => file.path.startsWith(prefix) && file.path.slice(prefix.length).includes('/') && file.path.endsWith('.bru'))
          .map((file) => prefix + file.path.slice(prefix.length).split('/')[0]!),
      ),
    ].filter((sub) => sub !== 'environments' || dir !== '');
    // [bruno] seq orders a folder's items; items without one (or with a broken one) go last, by name.
    const seqOf = (meta: { seq?: string } | undefined) => {
      const seq = Number(meta?.seq);
      return meta?.seq !== undefined && Number.isFinite(seq) ? seq : Number.POSITIVE_INFINITY;
    };
    const bySeq = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
    const folders = subdirs
      .map((sub) => ({ sub, meta: this.#folders.get(sub) }))
      .sort((a, b) => bySeq(seqOf(a.meta?.meta), seqOf(b.meta?.meta)) || a.sub.localeCompare(b.sub));
    for (const { sub, meta } of folders) {
      const name = meta?.meta?.name?.trim() || sub.split('/').at(-1)!;
      if (meta) this.#noteScripts(meta, name);
      const folderAuth = this.#auth(meta?.auth, meta ? modeOf(meta) : undefined) ?? auth;
      this.#visit(sub, [...folder, name], mergeHeaders(headers, pairsOf(meta?.headers)), folderAuth, parts);
    }

    const requests = direct
      .filter((file) => file.path.endsWith('.bru') && !['folder.bru', 'collection.bru'].includes(file.path.slice(prefix.length)))
      .map((file) => ({ file, request: this.#parse(file, (text) => RequestFile.parse(this.#lang.bruToJsonV2(text))) }))
      .filter((entry): entry is { file: ImportFile; request: RequestFile } => entry.request !== null)
      .sort((a, b) => bySeq(seqOf(a.request.meta), seqOf(b.request.meta)) || a.file.path.localeCompare(b.file.path));
    for (const { file, request } of requests) {
      const name = request.meta?.name?.trim() || file.path.split('/').at(-1)!.slice(0, -'.bru'.length);
      if (!request.http) {
        this.#notes.about('Only HTTP requests are brought over; WebSocket and gRPC requests are not', name, '', '');
        continue;
      }
      const draft = this.#draft(request, name, folder, headers);
      applyAuth(draft, this.#auth(request.auth, request.http.auth) ?? auth, 'Bruno', this.#notes);
      const connection = toConnection(draft, this.#notes);
      if (connection) parts.connections.push(connection);
    }
  }

  #draft(request: RequestFile, name: string, folder: string[], inherited: DraftHeader[]): RequestDraft {
    const http = request.http!;
    let url = http.url ?? '';
    for (const param of request.params ?? []) {
      // [bruno] params:query mirror the URL's query; params:path fill ":name" segments.
      if (param.type === 'path' && param.value !== '') url = url.replace(`:${param.name}`, param.value);
    }
    const draft: RequestDraft = { name, folder, method: http.method, url, headers: mergeHeaders(inherited, pairsOf(request.headers)) };
    const mode = http.body ?? 'none';
    const body = request.body ?? {};
    const text: Record<string, string | undefined> = { json: body.json, text: body.text, xml: body.xml, sparql: body.sparql };
    if (mode in text && text[mode]) draft.body = text[mode];
    else if (mode === 'formUrlEncoded') {
      const pairs = (body.formUrlEncoded ?? []).filter((pair) => pair.enabled);
      if (pairs.length > 0) draft.body = formEncode(pairs);
    } else if (mode === 'graphql' && body.graphql) {
      draft.body = `{"query":${JSON.stringify(body.graphql.query ?? '')},"variables":${body.graphql.variables?.trim() || 'null'}}`;
    } else if (mode === 'multipartForm') {
      this.#notes.about('Multipart form bodies cannot be sent here, so the body was left out', name, 'has one', 'have one');
    } else if (mode === 'file') {
      this.#notes.about('Bodies read from a file cannot be imported, so the body was left out', name, 'has one', 'have one');
    }
    if (draft.body !== undefined) addContentType(draft, BODY_CONTENT_TYPES[mode] ?? '');
    if (request.vars?.req?.some((pair) => pair.enabled)) {
      this.#notes.about('Bruno request variables are not kept (add them to an environment)', name, 'has some', 'have some');
    }
    if (request.vars?.res?.some((pair) => pair.enabled)) {
      this.#notes.about('Bruno post-response variables are not set', name, 'has some', 'have some');
    }
    if ((request.assertions ?? []).length > 0) this.#notes.about('Bruno assertions are not checked', name, 'has some', 'have some');
    this.#noteScripts(request, name);
    return draft;
  }

  /** The auth `mode` with its settings from `blocks` ({bearer: {token}}); null: inherit. */
  #auth(blocks: Record<string, unknown> | undefined, chosen: string | undefined): AuthSetting | null {
    if (chosen === undefined || chosen === 'inherit') return null;
    const block = (blocks?.[chosen] ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof block[key] === 'string' ? (block[key] as string) : '');
    switch (chosen) {
      case 'none':
        return { kind: 'none' };
      case 'bearer':
        return { kind: 'bearer', token: text('token') };
      case 'basic':
        return { kind: 'basic', username: text('username'), password: text('password') };
      case 'apikey':
        return { kind: 'apikey', name: text('key'), value: text('value'), in: text('placement') === 'queryparams' ? 'query' : 'header' };
      default:
        return { kind: 'unsupported', label: UNSUPPORTED_AUTH[chosen] ?? `"${chosen}"` };
    }
  }

  #noteScripts(file: { script?: z.infer<typeof Scripts>; tests?: string }, owner: string): void {
    if (file.script?.req?.trim()) this.#notes.about('Bruno pre-request scripts are not run', owner, 'has one', 'have one');
    if (file.script?.res?.trim()) this.#notes.about('Bruno post-response scripts are not run', owner, 'has one', 'have one');
    if (file.tests?.trim()) this.#notes.about('Bruno tests are not run', owner, 'has some', 'have some');
  }

  /** The .env file's values as the variables {{process.env.NAME}} reads, kept secret. */
  #dotEnv(): VariableDraft[] {
    const file = this.#files.find((candidate) => candidate.path === '.env');
    if (!file) return [];
    return Object.entries(parseEnv(file.text)).map(([name, value]) => ({ name: `process.env.${name}`, value: value ?? '', secret: true }));
  }

  #json(file: ImportFile | undefined): z.infer<typeof BrunoJson> | null {
    if (!file) return null;
    return this.#parse(file, (text) => BrunoJson.parse(JSON.parse(text)));
  }

  /** A file that cannot be read is left out with a warning; the rest of the collection goes on. */
  #parse<T>(file: ImportFile, parse: (text: string) => T): T | null {
    try {
      return parse(file.text);
    } catch (error) {
      // The parser's message is "Line 8, col 9:", the text around it, then what it expected.
      const lines = messageOf(error)
        .split('\n')
        .filter((line) => line.trim() !== '');
      const reason = [...new Set([lines[0]!, lines.at(-1)!])].join(' ').slice(0, 200);
      this.#notes.add(`${file.path} was left out: it cannot be read (${reason}).`);
      return null;
    }
  }
}

/** collection.bru and folder.bru write the mode inside the auth block. */
function modeOf(file: FolderFile): string | undefined {
  const mode = file.auth?.['mode'];
  return typeof mode === 'string' ? mode : undefined;
}

function pairsOf(pairs: readonly Pair[] | undefined): DraftHeader[] {
  return (pairs ?? []).map((pair) => ({ name: pair.name, value: pair.value, enabled: pair.enabled }));
}

function normalPath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(\.\/|\/)+/, '');
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function relativeTo(path: string, root: string): string {
  return root === '' ? path : path.slice(root.length + 1);
}

/** The deepest collection root that holds the path ("" holds everything). */
function ownRoot(path: string, roots: readonly string[]): string | undefined {
  return roots.filter((root) => root === '' || path.startsWith(`${root}/`)).sort((a, b) => b.length - a.length)[0];
}

function commonDir(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((path) => dirOf(path).split('/').filter(Boolean));
  const first = split[0]!;
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join('/');
}
