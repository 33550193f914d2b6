// The config document on disk: config.json in the app's data folder, kept by conf (atomic
// writes, migrations between format versions). Before conf touches the file it is checked in
// memory: a file that is not JSON, would not migrate, or fails the schema is set aside with a
// timestamp (corrupt-file.ts), and a fresh document is started. config-document.ts reads the
// same file for a process beside the app (`sse-scope watch`), changing nothing.

import { join } from 'node:path';
import Conf from 'conf';
import { checkConfigFile, parseJson, setAside, setAsideNotice, type ConfigNotice } from './corrupt-file.ts';
import { confMigrations, migrateDocument, PROJECT_VERSION } from './migrations.ts';
import { checkDocument, CONFIG_FILE_NAME } from './config-document.ts';
import { CONFIG_VERSION, ConfigDocumentSchema, type ConfigDocument } from '../../common/config-schema.ts';

type Json = Record<string, unknown>;

export interface ConfigFile {
  readonly path: string;
  /** Replaces the document on disk, atomically. */
  write(doc: ConfigDocument): void;
}

export interface OpenedConfigFile {
  file: ConfigFile;
  doc: ConfigDocument;
  notices: ConfigNotice[];
}

export function openConfigFile(dataDir: string, now: () => Date): OpenedConfigFile {
  const path = join(dataDir, CONFIG_FILE_NAME);
  const notices: ConfigNotice[] = [];
  const check = checkConfigFile(path, CONFIG_VERSION);
  if (check.state === 'unusable') {
    notices.push(setAsideNotice(setAside(path, check.bytes, check.label, now()), check.problem));
  } else if (check.state === 'usable') {
    // Would it migrate and validate? Decided in memory, so a failure is the file's, not the disk's.
    const problems = documentProblems(parseJson(check.bytes.toString('utf8')) as Json);
    if (problems) {
      const movedTo = setAside(path, check.bytes, 'corrupt', now());
      notices.push(setAsideNotice(movedTo, 'it does not have the expected content', problems));
    }
  }

  const conf = new Conf<Json>({
    cwd: dataDir,
    configName: 'config',
    projectVersion: PROJECT_VERSION,
    migrations: confMigrations(),
    deserialize: (text) => parseJson(text) as Json,
    // Secrets are encrypted inside, but the file is still nobody else's business.
    configFileMode: 0o600,
  });
  const { __internal__: _internal, ...stored } = conf.store;
  // migrateDocument is a no-op once conf has run the steps; it covers a file whose record of
  // past migrations does not match its `version`.
  const doc = ConfigDocumentSchema.parse(migrateDocument(stored));
  const file: ConfigFile = {
    path: conf.path,
    // A copy: conf adds its own bookkeeping key to the object it is given.
    write: (next) => (conf.store = { ...next }),
  };
  if (doc.version !== stored.version) file.write(doc);
  return { file, doc, notices };
}

/** Why a stored document would not open, one line each; null if it would. */
function documentProblems(stored: Json): string[] | null {
  const checked = checkDocument(stored);
  return 'problems' in checked ? checked.problems : null;
}
