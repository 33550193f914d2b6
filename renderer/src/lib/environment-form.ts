// The environments dialog's form: an Environment's variables as editable rows (a secret's saved
// value is never shown, only replaced), checked, and turned back into an EnvironmentInput.

import type { Environment, EnvironmentInput } from '../../../main/contract.ts';
import { VARIABLE_NAME } from '../../../main/common/template-variables.ts';

type StoredValue = Environment['variables'][number]['value'];
type InputValue = NonNullable<EnvironmentInput['variables']>[number]['value'];

export interface VariableRow {
  key: number;
  name: string;
  /** What the user typed; "" for a saved secret left unchanged. */
  value: string;
  secret: boolean;
  stored: Exclude<StoredValue, string> | null;
}

export interface EnvironmentForm {
  name: string;
  variables: VariableRow[];
}

let nextKey = 1;

export function variableRow(): VariableRow {
  return { key: nextKey++, name: '', value: '', secret: false, stored: null };
}

export function formFromEnvironment(environment: Environment | null): EnvironmentForm {
  if (!environment) return { name: '', variables: [variableRow()] };
  return {
    name: environment.name,
    variables: environment.variables.map((variable) => ({
      key: nextKey++,
      name: variable.name,
      value: typeof variable.value === 'string' ? variable.value : '',
      secret: typeof variable.value !== 'string',
      stored: typeof variable.value === 'string' ? null : variable.value,
    })),
  };
}

function isBlank(row: VariableRow): boolean {
  return !row.name.trim() && !row.value && !row.stored;
}

/** The first problem, in words; null when the form can be saved. */
export function environmentProblem(form: EnvironmentForm): string | null {
  if (!form.name.trim()) return 'The environment needs a name.';
  const seen = new Set<string>();
  for (const row of form.variables) {
    if (isBlank(row)) continue;
    const name = row.name.trim();
    if (!VARIABLE_NAME.test(name)) {
      return name
        ? `"${name}" is not a variable name: start with a letter or _, then letters, digits, _ . or -.`
        : 'Every variable needs a name.';
    }
    if (seen.has(name)) return `The variable {{${name}}} is defined twice.`;
    seen.add(name);
  }
  return null;
}

export function inputFromEnvironmentForm(form: EnvironmentForm): EnvironmentInput {
  return {
    name: form.name.trim(),
    variables: form.variables.filter((row) => !isBlank(row)).map((row) => ({ name: row.name.trim(), value: valueOf(row) })),
  };
}

function valueOf(row: VariableRow): InputValue {
  if (!row.secret) return row.value;
  if (row.value === '' && row.stored) return row.stored;
  return { secret: true, value: row.value };
}
