// Which format a file (or pasted text) is in, from its content first and its name second: a curl
// command, one of the JSON formats (our collection, Postman, Insomnia v4, HAR, environment files),
// Insomnia's YAML, a .bru request, or a .http file. A file in an old version of a known format gets
// a message saying how to export it again; anything else, the list of what can be imported.

import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { COLLECTION_FORMAT } from '../collection-file.ts';
import { parseJson } from '../corrupt-file.ts';
import { describeProblems } from '../../../common/validation-problems.ts';
import type { ImportFile } from '../../../common/import-preview.ts';
import { HarSchema, type Har } from './har.ts';
import { HttpClientEnvSchema, type HttpEnvFile } from './http-file.ts';
import { ImportError } from './import-error.ts';
import { PostmanCollectionSchema, PostmanEnvironmentSchema, type PostmanCollection, type PostmanEnvironment } from './postman.ts';
import { messageOf } from '../../../common/error-message.ts';

export type DetectedFile =
  | { format: 'postman-collection'; file: ImportFile; data: PostmanCollection }
  | { format: 'postman-environment'; file: ImportFile; data: PostmanEnvironment }
  | { format: 'insomnia'; file: ImportFile; data: unknown }
  | { format: 'har'; file: ImportFile; data: Har }
  | { format: 'http-client-env'; file: ImportFile; data: HttpEnvFile }
  | { format: 'http-file'; file: ImportFile }
  | { format: 'curl'; file: ImportFile }
  | { format: 'sse-scope-collection'; file: ImportFile }
  | { format: 'bruno'; file: ImportFile };

/** What an import reads, for "This file is not ..." messages. */
export const KNOWN_FORMATS =
  'a Postman collection, Insomnia export, Bruno collection, HAR file, .http file, curl command or SSE Scope collection';

const HTTP_REQUEST_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(https?:\/\/|\{\{)\S*/m;
const INSOMNIA_YAML = /^\s*(type:\s*['"]?(collection|environment|spec)\.insomnia\.rest\/5\.0|_type:\s*['"]?export\b)/m;
const BRUNO_REQUEST = /^meta\s*\{[\s\S]*^(get|post|put|patch|delete|head|options)\s*\{/m;

/** What the file is; throws ImportError when it is none of the formats an import reads. */
export function detectFile(file: ImportFile, what: string): DetectedFile {
  const text = file.text.replace(/^\uFEFF/, '');
  const name = file.path.split(/[\\/]/).at(-1)!.toLowerCase();
  if (/^\s*(\$\s+)?curl(\.exe)?\s/i.test(text)) return { format: 'curl', file };
  if (/^\s*[{[]/.test(text)) return detectJson(file, text, name, what);
  if (INSOMNIA_YAML.test(text)) {
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (error) {
      throw new ImportError(`${what} looks like an Insomnia export but is not valid YAML: ${messageOf(error)}`);
    }
    return { format: 'insomnia', file, data };
  }
  if (name.endsWith('.bru') || BRUNO_REQUEST.test(text)) return { format: 'bruno', file };
  if (/\.(http|rest)$/.test(name) || HTTP_REQUEST_LINE.test(text)) return { format: 'http-file', file };
  throw new ImportError(`${what} is not ${KNOWN_FORMATS}.`);
}

function detectJson(file: ImportFile, text: string, name: string, what: string): DetectedFile {
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    throw new ImportError(`${what} is not valid JSON: ${messageOf(error)}`);
  }
  const object = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const info = (object['info'] ?? {}) as Record<string, unknown>;
  const schema = typeof info['schema'] === 'string' ? info['schema'] : '';
  const parse = <T>(result: { success: true; data: T } | { success: false; error: ZodError }, label: string): T => {
    if (result.success) return result.data;
    throw new ImportError(`${what} cannot be imported as a ${label}:\n${describeProblems(result.error)}`);
  };

  if (object['format'] === COLLECTION_FORMAT) return { format: 'sse-scope-collection', file };
  if (/\/collection\/v2\.[01]\.\d\/collection\.json/.test(schema)) {
    return { format: 'postman-collection', file, data: parse(PostmanCollectionSchema.safeParse(object), 'Postman collection') };
  }
  if (schema.includes('postman') || (Array.isArray(object['requests']) && Array.isArray(object['order']))) {
    throw new ImportError(`${what} is a Postman collection in an older format: in Postman, export it again as "Collection v2.1".`);
  }
  if (object['_type'] === 'export') {
    if (object['__export_format'] === 4) return { format: 'insomnia', file, data };
    throw new ImportError(`${what} is an Insomnia export in an older format: in Insomnia, export it again (format v4 or v5).`);
  }
  if (typeof object['log'] === 'object' && object['log'] !== null)
    return { format: 'har', file, data: parse(HarSchema.safeParse(object), 'HAR file') };
  if (Array.isArray(object['values']) && ('_postman_variable_scope' in object || 'name' in object)) {
    return { format: 'postman-environment', file, data: parse(PostmanEnvironmentSchema.safeParse(object), 'Postman environment') };
  }
  if (/^http-client(\.private)?\.env\.json$/.test(name)) {
    const environments = parse(HttpClientEnvSchema.safeParse(object), 'HTTP Client environment file');
    return { format: 'http-client-env', file, data: { path: file.path, environments, private: name.includes('.private.') } };
  }
  const restClient = object['rest-client.environmentVariables'];
  if (restClient !== undefined) {
    const environments = parse(HttpClientEnvSchema.safeParse(restClient), 'REST Client settings file');
    return { format: 'http-client-env', file, data: { path: file.path, environments, private: false } };
  }
  throw new ImportError(`${what} is not ${KNOWN_FORMATS}.`);
}
