// The one way in for another tool's requests: text or files in, a preview out (what would be
// created, what could not be brought over, the variables still to define, the event streams a
// HAR held). Pure: it reads nothing from disk and saves nothing; the caller shows the preview and
// creates what the user confirms. Recognises Postman collections and environments, Insomnia
// exports (v4, v5), Bruno collection folders, HAR files, .http files with their environment files,
// curl commands, and our own collection files.

import { CollectionImportError, parseCollection } from '../collection-file.ts';
import { CurlImportError, importCurl } from '../curl-import.ts';
import type { ImportFile, ImportPreview, ImportSource } from '../../../common/import-preview.ts';
import { isBrunoCollection, importBruno } from './bruno.ts';
import { detectFile, KNOWN_FORMATS, type DetectedFile } from './detect-format.ts';
import { toEnvironment, type EnvironmentDraft } from './environment-draft.ts';
import { importHar } from './har.ts';
import { importHttpFiles } from './http-file.ts';
import { ImportError } from './import-error.ts';
import { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { redact } from '../secrets.ts';
import { importInsomniaWorkspace } from './insomnia.ts';
import { insomniaWorkspaces } from './insomnia-documents.ts';
import { neededVariables } from './needed-variables.ts';
import { importPostman } from './postman.ts';

export { ImportError };

/** The preview of an import; throws ImportError when nothing in it can be imported. */
export async function previewImport(source: ImportSource): Promise<ImportPreview> {
  const files: ImportFile[] = source.kind === 'text' ? [{ path: source.fileName ?? '', text: source.text }] : source.files;
  if (files.every((file) => file.text.trim() === '')) {
    throw new ImportError(
      source.kind === 'text' ? 'There is nothing to import: the text is empty.' : 'There is nothing to import: the files are empty.',
    );
  }
  const notes = new ImportNotes();
  const sources: ImportPreview['sources'] = [];
  const parts: ImportParts[] = [];

  if (source.kind === 'files' && isBrunoCollection(files)) {
    const bruno = await importBruno(files, notes);
    parts.push(bruno.parts);
    sources.push(...bruno.names.map((name) => ({ name, format: 'bruno' as const })));
  } else {
    const detected = detectAll(files, source.kind, notes);
    for (const found of detected) sources.push({ name: found.file.path || 'Pasted text', format: found.format });
    parts.push(...(await importDetected(detected, notes)));
  }
  return finish(sources, parts, notes);
}

/**
 * The preview as the renderer may show it: every secret value (an auth header, a secret variable)
 * replaced by '••••'. The preview itself holds them as typed, to be saved (and encrypted) on confirm.
 */
export function previewForDisplay(preview: ImportPreview): ImportPreview {
  return {
    ...preview,
    connections: preview.connections.map((connection) => redact(connection)),
    environments: preview.environments.map((environment) => redact(environment)),
  };
}

function detectAll(files: readonly ImportFile[], kind: ImportSource['kind'], notes: ImportNotes): DetectedFile[] {
  if (files.length === 1) return [detectFile(files[0]!, kind === 'text' ? 'This text' : 'This file')];
  const detected: DetectedFile[] = [];
  for (const file of files) {
    try {
      detected.push(detectFile(file, file.path));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      notes.add(`${error.message.split('\n')[0]!.replace(/[.:]$/, '')}; it was left out.`);
    }
  }
  if (detected.length === 0) throw new ImportError(`None of these files is ${KNOWN_FORMATS}.`);
  return detected;
}

async function importDetected(detected: readonly DetectedFile[], notes: ImportNotes): Promise<ImportParts[]> {
  const parts: ImportParts[] = [];
  const of = <F extends DetectedFile['format']>(format: F) =>
    detected.filter((found): found is Extract<DetectedFile, { format: F }> => found.format === format);

  const collections = of('postman-collection');
  const environments = of('postman-environment');
  if (collections.length + environments.length > 0) {
    parts.push(
      importPostman(
        collections.map((found) => found.data),
        environments.map((found) => found.data),
        notes,
      ),
    );
  }
  for (const found of of('insomnia')) {
    for (const workspace of insomniaWorkspaces(found.data, found.file.path || 'The text'))
      parts.push(importInsomniaWorkspace(workspace, notes));
  }
  for (const found of of('har')) parts.push(await importHar(found.data, found.file.path, notes));
  const httpFiles = of('http-file');
  const envFiles = of('http-client-env');
  if (httpFiles.length + envFiles.length > 0) {
    parts.push(
      importHttpFiles(
        httpFiles.map((found) => found.file),
        envFiles.map((found) => found.data),
        notes,
      ),
    );
  }
  const bruno = of('bruno');
  if (bruno.length > 0) {
    const files = bruno.map((found) => ({ ...found.file, path: found.file.path || 'request.bru' }));
    parts.push((await importBruno(files, notes)).parts);
  }
  for (const found of of('curl')) parts.push(curlParts(found.file.text, notes));
  for (const found of of('sse-scope-collection')) parts.push(collectionParts(found.file.text, notes));
  return parts;
}

function curlParts(text: string, notes: ImportNotes): ImportParts {
  let imported;
  try {
    imported = importCurl(text);
  } catch (error) {
    if (error instanceof CurlImportError) throw new ImportError(`The curl command cannot be imported: ${error.message}`);
    throw error;
  }
  const parts = new ImportParts();
  parts.connections.push(imported.connection);
  for (const warning of imported.warnings) notes.add(warning);
  for (const variable of imported.variables) if (variable.secret) notes.credentialVariables.add(variable.name);
  return parts;
}

/** Our own collection file: its connections and environments as they are. */
function collectionParts(text: string, notes: ImportNotes): ImportParts {
  let collection;
  try {
    collection = parseCollection(text);
  } catch (error) {
    if (error instanceof CollectionImportError) throw new ImportError(error.message);
    throw error;
  }
  const parts = new ImportParts();
  parts.connections.push(...collection.connections);
  let omitted = 0;
  for (const environment of collection.environments) {
    const variables = environment.variables.map(({ name, value }) => {
      if (typeof value === 'string') return { name, value };
      if ('omitted' in value) omitted++;
      return 'omitted' in value ? { name, value: '', omitted: true } : { name, value: value.value, secret: true };
    });
    parts.environments.push({ name: environment.name, variables, keepValues: true } satisfies EnvironmentDraft);
  }
  omitted += collection.connections
    .flatMap((connection) => connection.headers)
    .filter((header) => typeof header.value !== 'string' && 'omitted' in header.value).length;
  if (omitted > 0) {
    const values = omitted === 1 ? '1 secret value was' : `${omitted} secret values were`;
    notes.add(`${values} left out of the file: enter ${omitted === 1 ? 'it' : 'them'} again before connecting.`);
  }
  return parts;
}

function finish(sources: ImportPreview['sources'], parts: readonly ImportParts[], notes: ImportNotes): ImportPreview {
  const connections = parts.flatMap((part) => part.connections);
  const environments = parts.flatMap((part) => part.environments).map((draft) => toEnvironment(draft, notes));
  const captures = parts.flatMap((part) => part.captures);
  if (connections.length + environments.length + captures.length === 0) notes.add('No requests were found to import.');
  return {
    sources,
    connections,
    environments,
    warnings: notes.list(),
    neededVariables: neededVariables(connections, environments, notes.credentialVariables),
    captures,
  };
}
