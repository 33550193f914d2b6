// The saved connections of a config document: create, edit, rename, duplicate, delete, reorder.
// Each operation validates what it is given and returns the next document, leaving the one it
// was given untouched. Names are unique: a new or duplicated connection gets a free name
// ("Feed (2)"); renaming onto a name in use is an error.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { indexOfId, mergeEdit, reorderById, uniqueName } from './list-helpers.ts';
import { ConfigError, invalid } from './problems.ts';
import {
  ConnectionInputSchema,
  defaultConnectionKind,
  SavedConnectionSchema,
  type ConfigDocument,
  type InputValue,
  type SavedConnection,
} from '../../common/config-schema.ts';
import { mapConnectionValues, sealValue, type SecretPolicy } from './secrets.ts';

const NOUN = 'connection';

export interface ConnectionChange {
  doc: ConfigDocument;
  connection: SavedConnection;
}

/** Validates an input and seals its secrets; `id` is the saved connection's. An input without a kind gets the default one. */
export function toSavedConnection(input: unknown, id: string, policy: SecretPolicy): SavedConnection {
  const parsed = ConnectionInputSchema.safeParse(input);
  if (!parsed.success) throw invalid('The connection is not valid:', parsed.error);
  const connection = parsed.data;
  return SavedConnectionSchema.parse({
    ...mapConnectionValues(connection, (value: InputValue) => sealValue(value, policy)),
    id,
    kind: connection.kind ?? defaultConnectionKind(connection.method, connection.body),
    alerts: connection.alerts.map((rule) => ({ ...rule, id: rule.id ?? randomUUID() })),
  });
}

export function createConnection(doc: ConfigDocument, input: unknown, policy: SecretPolicy): ConnectionChange {
  const draft = toSavedConnection(input, randomUUID(), policy);
  const connection = { ...draft, name: uniqueName(draft.name, doc.connections) };
  return { doc: { ...doc, connections: [...doc.connections, connection] }, connection };
}

/** `edit` holds the fields to change (see mergeEdit); secrets handed back unchanged stay as saved. */
export function updateConnection(doc: ConfigDocument, id: string, edit: unknown, policy: SecretPolicy): ConnectionChange {
  const index = indexOfId(doc.connections, id, NOUN);
  const { id: _id, ...saved } = doc.connections[index]!;
  const connection = toSavedConnection(mergeEdit(saved, edit, NOUN), id, policy);
  const others = doc.connections.filter((other) => other.id !== id);
  if (others.some((other) => other.name === connection.name)) {
    throw new ConfigError(`A connection named "${connection.name}" already exists`);
  }
  const connections = doc.connections.with(index, connection);
  return { doc: { ...doc, connections }, connection };
}

export function renameConnection(doc: ConfigDocument, id: string, name: unknown, policy: SecretPolicy): ConnectionChange {
  return updateConnection(doc, id, { name }, policy);
}

/** A copy placed right after the original, with a free name and new ids. */
export function duplicateConnection(doc: ConfigDocument, id: string): ConnectionChange {
  const index = indexOfId(doc.connections, id, NOUN);
  const original = doc.connections[index]!;
  const connection: SavedConnection = {
    ...structuredClone(original),
    id: randomUUID(),
    name: uniqueName(original.name, doc.connections),
    alerts: original.alerts.map((rule) => ({ ...rule, id: randomUUID() })),
  };
  const connections = doc.connections.toSpliced(index + 1, 0, connection);
  return { doc: { ...doc, connections }, connection };
}

export function deleteConnection(doc: ConfigDocument, id: string): ConfigDocument {
  const index = indexOfId(doc.connections, id, NOUN);
  return { ...doc, connections: doc.connections.toSpliced(index, 1) };
}

export function reorderConnections(doc: ConfigDocument, ids: unknown): ConfigDocument {
  const parsed = z.array(z.string()).safeParse(ids);
  if (!parsed.success) throw new ConfigError('A new order must be a list of connection ids');
  return { ...doc, connections: reorderById(doc.connections, parsed.data, NOUN) };
}
