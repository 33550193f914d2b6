// The environments of a config document (named sets of {{variables}}) and which one is active.
// Like connection-list.ts: each operation validates and returns the next document.

import { randomUUID } from 'node:crypto';
import { indexOfId, mergeEdit, uniqueName } from './list-helpers.ts';
import { ConfigError, invalid } from './problems.ts';
import { EnvironmentInputSchema, EnvironmentSchema, type ConfigDocument, type Environment } from '../../common/config-schema.ts';
import { sealValue, type SecretPolicy } from './secrets.ts';

const NOUN = 'environment';

export interface EnvironmentChange {
  doc: ConfigDocument;
  environment: Environment;
}

export function toSavedEnvironment(input: unknown, id: string, policy: SecretPolicy): Environment {
  const parsed = EnvironmentInputSchema.safeParse(input);
  if (!parsed.success) throw invalid('The environment is not valid:', parsed.error);
  return EnvironmentSchema.parse({
    ...parsed.data,
    id,
    variables: parsed.data.variables.map((variable) => ({ ...variable, value: sealValue(variable.value, policy) })),
  });
}

export function createEnvironment(doc: ConfigDocument, input: unknown, policy: SecretPolicy): EnvironmentChange {
  const draft = toSavedEnvironment(input, randomUUID(), policy);
  const environment = { ...draft, name: uniqueName(draft.name, doc.environments) };
  return { doc: { ...doc, environments: [...doc.environments, environment] }, environment };
}

export function updateEnvironment(doc: ConfigDocument, id: string, edit: unknown, policy: SecretPolicy): EnvironmentChange {
  const index = indexOfId(doc.environments, id, NOUN);
  const { id: _id, ...saved } = doc.environments[index]!;
  const environment = toSavedEnvironment(mergeEdit(saved, edit, NOUN), id, policy);
  if (doc.environments.some((other) => other.id !== id && other.name === environment.name)) {
    throw new ConfigError(`An environment named "${environment.name}" already exists`);
  }
  return { doc: { ...doc, environments: doc.environments.with(index, environment) }, environment };
}

/** Deleting the active environment leaves none active. */
export function deleteEnvironment(doc: ConfigDocument, id: string): ConfigDocument {
  const index = indexOfId(doc.environments, id, NOUN);
  return {
    ...doc,
    environments: doc.environments.toSpliced(index, 1),
    activeEnvironmentId: doc.activeEnvironmentId === id ? null : doc.activeEnvironmentId,
  };
}

/** `null` makes no environment active. */
export function setActiveEnvironment(doc: ConfigDocument, id: string | null): ConfigDocument {
  if (id !== null) indexOfId(doc.environments, id, NOUN);
  return { ...doc, activeEnvironmentId: id };
}
