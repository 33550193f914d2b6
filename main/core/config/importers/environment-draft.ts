// Environments as the importers read them (a name and variables, some marked secret by their tool,
// some whose value the file left out), and the one place where they become ours. Our variables are
// not expanded inside other variables' values, so a value that refers to a variable of the same
// environment ("{{scheme}}://{{host}}") is filled in here, once; a variable used where a credential
// goes is saved as a secret; names we cannot use are left out with a warning.

import { VARIABLE_NAME, VARIABLE_PATTERN, type EnvironmentInput, type InputValue } from '../../../common/config-schema.ts';
import type { ImportNotes } from './import-notes.ts';

export interface VariableDraft {
  name: string;
  value: string;
  /** The tool marks it secret. */
  secret?: boolean;
  /** The tool keeps its value out of the file: it must be entered again. */
  omitted?: boolean;
}

export interface EnvironmentDraft {
  name: string;
  variables: VariableDraft[];
  /** Take the values as they are (our own collection file: values are never expanded there). */
  keepValues?: boolean;
}

/** Values that refer to values, followed this deep at most (a loop stops there). */
const MAX_DEPTH = 10;

/** The environment with `defaults` added under its own variables (a collection's variables, say). */
export function withDefaults(environment: EnvironmentDraft, defaults: readonly VariableDraft[]): EnvironmentDraft {
  const own = new Set(environment.variables.map((variable) => variable.name));
  return { ...environment, variables: [...defaults.filter((variable) => !own.has(variable.name)), ...environment.variables] };
}

/** The environment as ours; `notes.credentialVariables` are made secret. */
export function toEnvironment(draft: EnvironmentDraft, notes: ImportNotes): EnvironmentInput {
  const name = draft.name.trim().slice(0, 200) || 'Imported environment';
  const byName = new Map<string, VariableDraft>();
  for (const variable of draft.variables) {
    const variableName = variable.name.trim();
    if (!VARIABLE_NAME.test(variableName)) {
      notes.about(
        `Variables whose names SSE Scope cannot use (a name has only letters, digits, _ . - and starts with a letter or _) were left out of '${name}'`,
        variable.name,
        '',
        '',
      );
      continue;
    }
    byName.set(variableName, { ...variable, name: variableName }); // the last one wins, as in the tools
  }

  const expand = (value: string, depth: number, from: string): string =>
    value.replace(VARIABLE_PATTERN, (match, reference: string) => {
      const target = byName.get(reference);
      if (!target || target.omitted || reference === from || depth >= MAX_DEPTH) {
        if (!target) {
          notes.add(
            `The variable {{${from}}} of '${name}' refers to {{${reference}}}, which the environment does not define; it is sent as written.`,
          );
        }
        return match;
      }
      return expand(target.value, depth + 1, from);
    });

  const variables = [...byName.values()].map(({ name: variableName, value, secret, omitted }) => {
    const isSecret = secret || omitted || notes.credentialVariables.has(variableName);
    let saved: InputValue;
    if (omitted) saved = { secret: true, omitted: true };
    else {
      const expanded = draft.keepValues ? value : expand(value, 0, variableName);
      saved = isSecret ? { secret: true, value: expanded } : expanded;
    }
    return { name: variableName, value: saved };
  });
  return { name, variables };
}
