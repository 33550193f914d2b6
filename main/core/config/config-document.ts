// The config document as stored in config.json, checked the way the app opens it (migrated in
// memory to the current format, then validated), and read for a process beside the app
// (`sse-scope watch`) without changing anything: no migration saved, no unusable file set aside,
// since the app may be running. This module does not load conf, whose atomic-write helper hooks
// SIGINT and SIGTERM to end the process, which a command that stops cleanly on them must not.

import { join } from 'node:path';
import { CONFIG_VERSION, ConfigDocumentSchema, type ConfigDocument } from '../../common/config-schema.ts';
import { checkConfigFile, parseJson } from './corrupt-file.ts';
import { migrateDocument } from './migrations.ts';
import { messageOf } from '../../common/error-message.ts';
import { describeProblems } from '../../common/validation-problems.ts';
import { ConfigError } from './problems.ts';

export const CONFIG_FILE_NAME = 'config.json';

type Json = Record<string, unknown>;

/** The stored document migrated (in memory) and validated, or why it cannot be. */
export function checkDocument(stored: Json): { doc: ConfigDocument } | { problems: string } {
  const { __internal__: _internal, ...doc } = stored;
  let migrated: Json;
  try {
    migrated = migrateDocument(doc);
  } catch (error) {
    return { problems: `It could not be migrated to format ${CONFIG_VERSION}: ${messageOf(error)}` };
  }
  const parsed = ConfigDocumentSchema.safeParse(migrated);
  return parsed.success ? { doc: parsed.data } : { problems: describeProblems(parsed.error, 3) };
}

/**
 * The document in `dataDir` as the app would open it, read without writing anything. Null when
 * there is no config file; a ConfigError says why one cannot be used.
 */
export function readConfigDocument(dataDir: string): ConfigDocument | null {
  const path = join(dataDir, CONFIG_FILE_NAME);
  const check = checkConfigFile(path, CONFIG_VERSION);
  if (check.state === 'missing') return null;
  if (check.state === 'unusable') throw new ConfigError(`The saved configuration ${path} cannot be used: ${check.problem}`);
  const checked = checkDocument(parseJson(check.bytes.toString('utf8')) as Json);
  if ('doc' in checked) return checked.doc;
  throw new ConfigError(`The saved configuration ${path} cannot be used:\n${checked.problems}`);
}
