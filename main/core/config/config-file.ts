// The config document on disk: config.json in the app's data folder. conf opens it (and runs the
// migrations between format versions); before conf touches the file it is checked in memory: a
// file whose only problems are some connections or environments keeps the rest, and those entries
// alone are set aside (invalid-entries.ts); a file that is not JSON, would not migrate, or is
// broken in its shape is set aside whole with a timestamp (corrupt-file.ts), and a fresh document
// is started. Once open, changes are written without blocking: whole-document atomic writes
// (temporary file, fsync, rename, owner-only), coalesced so that a burst of changes is a few
// writes (coalesced-writes.ts).
// config-document.ts reads the same file for a process beside the app (`sse-scope watch`),
// changing nothing.

import { join } from 'node:path';
import Conf from 'conf';
import { writeFileAtomically } from '../export/temp-file.ts';
import { OWNER_ONLY_FILE } from '../file-modes.ts';
import { CoalescedWrites } from './coalesced-writes.ts';
import { checkConfigFile, parseJson, setAside, setAsideNotice, type ConfigNotice } from './corrupt-file.ts';
import { hasInvalid, setInvalidEntriesAside, sortEntries, type SortedEntries } from './invalid-entries.ts';
import { confMigrations, migrateDocument, PROJECT_VERSION } from './migrations.ts';
import { invalid } from './problems.ts';
import { checkDocument, CONFIG_FILE_NAME } from './config-document.ts';
import { CONFIG_VERSION, ConfigDocumentSchema, DocumentRulesSchema, type ConfigDocument } from '../../common/config-schema.ts';

type Json = Record<string, unknown>;

export interface ConfigFile {
  readonly path: string;
  /**
   * Replaces the document on disk, atomically; resolves once this document (or a newer one) is
   * there, and rejects with the error when that write failed.
   */
  write(doc: ConfigDocument): Promise<void>;
  /** Waits for the writes under way, and writes again a document whose write failed. */
  flush(): Promise<void>;
  /** Replaces the document at once, blocking: only while opening, before any write() (a migration, secrets sealed). */
  replaceWhileOpening(doc: ConfigDocument): void;
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
  /** The valid part of a document some of whose entries were set aside. */
  let sorted: SortedEntries | null = null;
  if (check.state === 'unusable') {
    notices.push(setAsideNotice(setAside(path, check.bytes, check.label, now()), check.problem));
  } else if (check.state === 'usable') {
    // Would it migrate and validate? Decided in memory, so a failure is the file's, not the disk's.
    const stored = parseJson(check.bytes.toString('utf8')) as Json;
    const problems = documentProblems(stored);
    if (problems) {
      sorted = sortEntries(withoutInternal(stored));
      if (sorted && hasInvalid(sorted)) {
        notices.push(setInvalidEntriesAside(path, sorted, now()));
      } else {
        sorted = null;
        const movedTo = setAside(path, check.bytes, 'corrupt', now());
        notices.push(setAsideNotice(movedTo, 'it does not have the expected content', problems));
      }
    }
  }

  const conf = new Conf<Json>({
    cwd: dataDir,
    configName: 'config',
    projectVersion: PROJECT_VERSION,
    migrations: confMigrations(),
    deserialize: (text) => parseJson(text) as Json,
    // Secrets are encrypted inside, but the file is still nobody else's business.
    configFileMode: OWNER_ONLY_FILE,
  });
  const { __internal__: internal, ...stored } = conf.store;
  // migrateDocument is a no-op once conf has run the steps; it covers a file whose record of
  // past migrations does not match its `version`.
  const doc = sorted?.doc ?? ConfigDocumentSchema.parse(migrateDocument(stored));
  // Written as conf writes it (tab-indented), with conf's record of the migrations it ran kept.
  const writes = new CoalescedWrites<ConfigDocument>(async (next) => {
    // Each change was validated as it was made; the rules that span the document are checked
    // once per write (not per change: that is what made a burst of saves slow).
    const broken = DocumentRulesSchema.safeParse(next);
    if (!broken.success) throw invalid('The configuration was not written: it would be invalid:', broken.error);
    await writeFileAtomically(conf.path, JSON.stringify({ ...next, __internal__: internal }, undefined, '\t'));
  });
  const file: ConfigFile = {
    path: conf.path,
    write: (next) => writes.write(next),
    flush: () => writes.flush(),
    // A copy: conf adds its own bookkeeping key to the object it is given.
    replaceWhileOpening: (next) => (conf.store = { ...next }),
  };
  // A migrated document, or one whose invalid entries were set aside, is written at once.
  if (sorted || doc.version !== stored.version) file.replaceWhileOpening(doc);
  return { file, doc, notices };
}

function withoutInternal(stored: Json): Json {
  const { __internal__: _internal, ...doc } = stored;
  return doc;
}

/** Why a stored document would not open; null if it would. */
function documentProblems(stored: Json): string | null {
  const checked = checkDocument(stored);
  return 'problems' in checked ? checked.problems : null;
}
