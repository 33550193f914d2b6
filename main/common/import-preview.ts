// What an import of another tool's requests hands in, and the preview it gets back before anything
// is saved: the connections (with their folders) and environments that would be created, what
// could not be brought over (in plain words), the variables the user still has to define, and the
// event streams a HAR file held (each becomes an offline capture). Shared by the main process and
// the renderer, so it holds types only.

import type { ConnectionInput, EnvironmentInput } from './config-schema.ts';
import type { SseRecord } from './records.ts';

/** One file of a picked folder or a multiple selection, as the browser reads it. */
export interface ImportFile {
  /** The path relative to what was picked ("My API/users/list.bru", a `webkitRelativePath`), or a file name. */
  path: string;
  text: string;
}

/**
 * Pasted text (a curl command, a collection) or files: one file, several (a Postman collection with
 * its environment files, a .http file with http-client.env.json), or a whole folder (Bruno).
 */
export type ImportSource = { kind: 'text'; text: string; fileName?: string } | { kind: 'files'; files: ImportFile[] };

export const IMPORT_FORMATS = {
  'postman-collection': 'Postman collection',
  'postman-environment': 'Postman environment',
  insomnia: 'Insomnia export',
  bruno: 'Bruno collection',
  har: 'HAR file',
  'http-file': '.http file',
  'http-client-env': 'HTTP Client environment file',
  curl: 'curl command',
  'sse-scope-collection': 'SSE Scope collection',
} as const;

export type ImportFormatName = keyof typeof IMPORT_FORMATS;

/** An event stream found in the imported file (a HAR response), ready to become an offline capture. */
export interface CaptureDraft {
  name: string;
  url: string;
  /** Numbered from 1; times are those the file gives (see the importer). */
  records: SseRecord[];
  /** What could not be read (a cut-off last event), for the user to see. */
  notices: string[];
}

/** A `{{variable}}` the connections use that no imported environment defines. */
export interface NeededVariable {
  name: string;
  /** It carries a credential (used in an auth header, or its name says so): create it as a secret. */
  secret: boolean;
}

export interface ImportPreview {
  /** What was recognised: one entry per file (or one for pasted text). */
  sources: { name: string; format: ImportFormatName }[];
  /** In the order they appear in the source; `folder` is "Collection/Folder/Sub" ("" is the top level). */
  connections: ConnectionInput[];
  environments: EnvironmentInput[];
  /** What could not be brought over, and other things the user should know, one sentence each. */
  warnings: string[];
  /** Variables to create before the connections can start (or already in the user's environments). */
  neededVariables: NeededVariable[];
  captures: CaptureDraft[];
}
