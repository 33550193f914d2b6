// The {{variables}} imported connections use that no imported environment defines: the user has to
// create them (or already has them in an environment) before the connections can start. A variable
// is flagged secret when it carries a credential (in an auth header or the Auth section) or its
// name says so (OPENAI_API_KEY, token), so the UI can offer to create it as a secret.

import { isSecretName } from '../../export/redact-secrets.ts';
import type { ConnectionInput, EnvironmentInput, InputValue } from '../../../common/config-schema.ts';
import type { NeededVariable } from '../../../common/import-preview.ts';
import { authTextsOf } from './request-draft.ts';
import { variablesIn } from './templates.ts';

export function neededVariables(
  connections: readonly ConnectionInput[],
  environments: readonly EnvironmentInput[],
  credentialVariables: ReadonlySet<string>,
): NeededVariable[] {
  const defined = new Set(environments.flatMap((environment) => (environment.variables ?? []).map((variable) => variable.name)));
  const used: string[] = [];
  const textOf = (value: InputValue) => (typeof value === 'string' ? value : 'value' in value ? value.value : '');
  for (const connection of connections) {
    const texts = [
      connection.url,
      connection.body ?? '',
      ...(connection.auth ? authTextsOf(connection.auth, textOf) : []),
      ...(connection.headers ?? []).flatMap((header) => [header.name, textOf(header.value)]),
    ];
    for (const text of texts) used.push(...variablesIn(text));
  }
  return [...new Set(used)]
    .filter((name) => !defined.has(name))
    .map((name) => ({ name, secret: credentialVariables.has(name) || isSecretName(name) }));
}
