// .http and .rest files (VS Code REST Client, JetBrains HTTP Client) as connections, with their
// variables and environment files as environments.
// REST Client: https://github.com/Huachao/vscode-restclient#usage
// JetBrains: https://www.jetbrains.com/help/idea/exploring-http-syntax.html
//
// A file is requests separated by "###" lines (JetBrains names a request by the text after it).
// Before a request line: comments (# or //), "# @name login" (the request's name), file variables
// ("@host = example.com"). Then "[METHOD] URL [HTTP/1.1]" (GET when the method is left out), query
// lines starting with ? or &, headers up to a blank line, and the body. {{variables}} are ours;
// {{$processEnv NAME}} and {{$dotenv NAME}} become {{NAME}}. File variables go into an environment
// named after the file, or into each environment of http-client(.private).env.json, whose values
// they override as in REST Client. Scripts (JetBrains "> {% ... %}") are not run.

import { z } from 'zod';
import type { ImportFile } from '../../../common/import-preview.ts';
import { withDefaults, type EnvironmentDraft, type VariableDraft } from './environment-draft.ts';
import type { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { LooseText } from './loose-text.ts';
import { toConnection, type RequestDraft } from './request-draft.ts';

const METHODS = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'QUERY',
]);
const OTHER_METHODS = new Set(['GRPC', 'WEBSOCKET', 'GRAPHQL']);
const SEPARATOR = /^\s*#{3,}(.*)$/;
const COMMENT = /^\s*(#|\/\/)(.*)$/;
const FILE_VARIABLE = /^\s*@([^\s=]+)\s*=\s?(.*?)\s*$/;
const NAME_TAG = /^\s*@name(?:\s*=\s*|\s+)(\S.*?)\s*$/;

/** `{"dev": {"host": "..."}}`: JetBrains env files, and REST Client's environments in settings.json. */
export const HttpClientEnvSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

export interface HttpEnvFile {
  path: string;
  environments: z.infer<typeof HttpClientEnvSchema>;
  /** http-client.private.env.json: its values are secrets. */
  private: boolean;
}

export function importHttpFiles(files: readonly ImportFile[], envFiles: readonly HttpEnvFile[], notes: ImportNotes): ImportParts {
  const parts = new ImportParts();
  const fileVariables: VariableDraft[] = [];
  for (const file of files) {
    const base = file.path
      .split('/')
      .at(-1)!
      .replace(/\.(http|rest)$/i, '');
    fileVariables.push(...readFile(file.text, base ? [base] : [], parts, notes));
  }

  const environments = new Map<string, VariableDraft[]>();
  let shared: VariableDraft[] = [];
  for (const envFile of envFiles) {
    for (const [name, values] of Object.entries(envFile.environments)) {
      const variables = Object.entries(values)
        .filter(([, value]) => value === null || typeof value !== 'object') // SSL settings and the like
        .map(([variable, value]) => ({
          name: variable,
          value: LooseText.parse(value ?? ''),
          ...(envFile.private ? { secret: true } : {}),
        }));
      if (name === '$shared') shared = [...shared, ...variables];
      else environments.set(name, [...(environments.get(name) ?? []), ...variables]);
    }
  }
  for (const [name, variables] of environments) {
    // File variables win over the environment's, which win over $shared.
    parts.environments.push(withDefaults({ name, variables: fileVariables }, withDefaults({ name, variables }, shared).variables));
  }
  if (environments.size === 0 && fileVariables.length + shared.length > 0) {
    const name = files.length === 1 ? files[0]!.path.split('/').at(-1)! : 'HTTP file variables';
    parts.environments.push(withDefaults({ name, variables: fileVariables }, shared) satisfies EnvironmentDraft);
  }
  return parts;
}

/** Adds the file's requests to `parts`; returns its file variables. */
function readFile(text: string, folder: string[], parts: ImportParts, notes: ImportNotes): VariableDraft[] {
  const variables: VariableDraft[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const requestNames: string[] = [];
  let block: string[] = [];
  let title = '';
  const drafts: RequestDraft[] = [];
  const flush = () => {
    const draft = readBlock(block, title, folder, variables, requestNames, notes);
    if (draft) drafts.push(draft);
  };
  for (const line of lines) {
    const separator = SEPARATOR.exec(line);
    if (!separator) {
      block.push(line);
      continue;
    }
    flush();
    block = [];
    title = separator[1]!.trim();
  }
  flush();

  for (const draft of drafts) {
    // [REST Client] {{login.response.body.$.token}} reads the response of the request named "login".
    const texts = `${draft.url} ${draft.headers.map((header) => header.value).join(' ')} ${draft.body ?? ''}`;
    for (const reference of texts.matchAll(/\{\{\s*([\w-]+)\.(?:response|request)\.[^{}]*\}\}/g)) {
      if (!requestNames.includes(reference[1]!)) continue;
      notes.explainedTemplates.add(reference[0]);
      notes.about(`Values read from another request's response (${reference[0]}) are not filled in`, draft.name, 'uses one', 'use one');
    }
    const connection = toConnection(draft, notes);
    if (connection) parts.connections.push(connection);
  }
  return variables;
}

/** One block between separators: null when it holds no request (only variables or comments). */
function readBlock(
  lines: readonly string[],
  title: string,
  folder: string[],
  variables: VariableDraft[],
  requestNames: string[],
  notes: ImportNotes,
): RequestDraft | null {
  let name = title;
  let index = 0;
  // Before the request line: comments, @name, file variables, a pre-request script.
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const comment = COMMENT.exec(line);
    if (comment) {
      const tag = NAME_TAG.exec(comment[2]!);
      if (tag) name = tag[1]!;
      continue;
    }
    const variable = FILE_VARIABLE.exec(line);
    if (variable) {
      variables.push({ name: variable[1]!, value: fromSystemVariables(variable[2]!) });
      continue;
    }
    if (/^\s*<\s*(\{%|\S+\.js\s*$)/.test(line)) {
      index = skipScript(lines, index);
      notes.about('HTTP Client scripts are not run', name || title || 'a request', 'has one', 'have one');
      continue;
    }
    break;
  }
  if (index >= lines.length) return null;

  const requestLine = /^\s*(?:([A-Za-z]+)\s+)?(\S.*?)(?:\s+HTTP\/[\d.]+)?\s*$/.exec(lines[index]!)!;
  let method = requestLine[1]?.toUpperCase() ?? 'GET';
  let url = requestLine[2]!;
  if (requestLine[1] && !METHODS.has(method)) {
    if (OTHER_METHODS.has(method)) {
      notes.about('Only HTTP requests are brought over; gRPC, WebSocket and GraphQL requests are not', name || url, '', '');
      return null;
    }
    // Not a method: the whole line is a URL (REST Client sends GET).
    url = `${requestLine[1]} ${url}`;
    method = 'GET';
  }
  index++;
  // Query lines ("?a=1", "&b=2") and an indented rest of the URL continue the request line.
  for (; index < lines.length && /^\s+\S|^\s*[?&]/.test(lines[index]!) && !/^\s*[^\s:]+:\s/.test(lines[index]!); index++) {
    url += lines[index]!.trim();
  }

  const draft: RequestDraft = { name: name || '', folder, method, url: fromSystemVariables(url), headers: [] };
  if (name) requestNames.push(name);
  for (; index < lines.length && lines[index]!.trim() !== ''; index++) {
    const line = lines[index]!;
    if (COMMENT.test(line)) continue;
    const header = /^\s*([^:\s]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (header) draft.headers.push({ name: header[1]!, value: fromSystemVariables(header[2]!), enabled: true });
  }

  const body: string[] = [];
  for (index++; index < lines.length; index++) {
    const line = lines[index]!;
    // JetBrains: "> {% handler %}" or "> handler.js" after the body, and "<> previous-response.json".
    if (/^\s*>\s*(\{%|\S+\.js\s*$)/.test(line)) {
      index = skipScript(lines, index);
      notes.about('HTTP Client response handlers are not run', draft.name || url, 'has one', 'have one');
      continue;
    }
    if (/^\s*<>\s/.test(line)) continue;
    body.push(line);
  }
  while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
  if (body.length > 0 && /^\s*<@?\s+\S/.test(body[0]!)) {
    notes.about('Bodies read from a file cannot be imported, so the body was left out', draft.name || url, 'has one', 'have one');
  } else if (body.length > 0) {
    draft.body = fromSystemVariables(body.join('\n'));
  }
  return draft;
}

/** The line index where a script that starts at `index` ends ("{% ... %}" may span lines). */
function skipScript(lines: readonly string[], index: number): number {
  if (!lines[index]!.includes('{%')) return index;
  let end = index;
  while (end < lines.length && !lines[end]!.includes('%}')) end++;
  return Math.min(end, lines.length - 1);
}

/** REST Client's {{$processEnv NAME}} and {{$dotenv NAME}} read the environment: here they are {{NAME}}. */
function fromSystemVariables(text: string): string {
  return text.replace(/\{\{\s*\$(?:processEnv|dotenv)\s+%?([A-Za-z_][\w.-]*)\s*\}\}/g, '{{$1}}');
}
