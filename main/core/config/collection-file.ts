// The collection file: connections and environments in one JSON file to share or back up.
//   {"format": "sse-scope-collection", "version": 1, "connections": [...], "environments": [...]}
// Secrets are left out unless asked for (each becomes {"secret": true, "omitted": true}); when
// included they are plain text ({"secret": true, "value": "..."}), since a keychain's ciphertext
// means nothing on another computer. Ids are not written: an import always makes new ones.
// A file that cannot be imported gets a message naming what is wrong and where.

import { z } from 'zod';
import { parseJson } from './corrupt-file.ts';
import { describeProblems } from '../../common/validation-problems.ts';
import {
  PortableConnectionSchema,
  PortableEnvironmentSchema,
  type Environment,
  type PortableConnection,
  type PortableEnvironment,
  type SavedConnection,
  type StoredValue,
} from '../../common/config-schema.ts';
import { mapConnectionValues, mapVariableValues, openValue, type SecretCipher } from './secrets.ts';
import { messageOf } from '../../common/error-message.ts';

export const COLLECTION_FORMAT = 'sse-scope-collection';
export const COLLECTION_VERSION = 1;

const CollectionSchema = z.object({
  format: z.literal(COLLECTION_FORMAT),
  version: z.literal(COLLECTION_VERSION),
  exportedAt: z.string().optional(),
  connections: z.array(PortableConnectionSchema).default([]),
  environments: z.array(PortableEnvironmentSchema).default([]),
});

export interface Collection {
  connections: PortableConnection[];
  environments: PortableEnvironment[];
}

/** The file cannot be imported; the message says why (for a file that fails the schema, each problem with its JSON path). */
export class CollectionImportError extends Error {
  override name = 'CollectionImportError';
}

export interface ExportOptions {
  /** Write secret values as plain text. Off by default. */
  includeSecrets?: boolean;
  /** Epoch ms for `exportedAt`; injectable for tests. */
  now?: number;
}

/** The collection file's text. `cipher` opens encrypted secrets when they are included. */
export function buildCollection(
  connections: readonly SavedConnection[],
  environments: readonly Environment[],
  cipher: SecretCipher,
  options: ExportOptions = {},
): string {
  const portable = (label: string) => (value: StoredValue, name: string) => {
    if (typeof value === 'string') return value;
    if (!options.includeSecrets || 'omitted' in value) return { secret: true, omitted: true };
    return { secret: true, value: openValue(value, cipher, `${label} ${name}`) };
  };
  const file = {
    format: COLLECTION_FORMAT,
    version: COLLECTION_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    connections: connections.map(({ id: _id, ...connection }) => ({
      ...mapConnectionValues(connection, portable(`"${connection.name}"`)),
      alerts: connection.alerts.map(({ id: _alertId, ...rule }) => rule),
    })),
    environments: environments.map(({ id: _id, ...environment }) =>
      mapVariableValues(environment, portable(`"${environment.name}" variable`)),
    ),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The collection in a file's text, validated; throws CollectionImportError. */
export function parseCollection(text: string): Collection {
  if (text.trim() === '') throw new CollectionImportError('The file is empty.');
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    throw new CollectionImportError(`The file is not valid JSON: ${messageOf(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CollectionImportError(
      `The file is not an SSE Scope collection: expected a JSON object with "format": "${COLLECTION_FORMAT}".`,
    );
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== COLLECTION_FORMAT) {
    const found = format === undefined ? 'it has no "format" field' : `its "format" is ${JSON.stringify(format)}`;
    throw new CollectionImportError(`The file is not an SSE Scope collection: ${found} (expected "${COLLECTION_FORMAT}").`);
  }
  if (typeof version === 'number' && version > COLLECTION_VERSION) {
    throw new CollectionImportError(
      `The collection was written by a newer version of SSE Scope (collection version ${version}; this version reads version ${COLLECTION_VERSION}).`,
    );
  }
  const parsed = CollectionSchema.safeParse(data);
  if (!parsed.success) throw new CollectionImportError(`The collection cannot be imported:\n${describeProblems(parsed.error)}`);
  return { connections: parsed.data.connections, environments: parsed.data.environments };
}
