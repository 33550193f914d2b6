// What a {{variable}} in the connection editor stands for in the active environment: its value
// (a secret one only as '••••', since the view never has it), or a plain sentence saying it is
// not defined there. The editor shows these beside the fields and on hover.

import type { Environment } from '../../../main/contract.ts';
import { variableNames } from '../../../main/common/template-variables.ts';

/** How a secret value is shown: the same mark the main process uses. */
export const MASK = '••••';

export type VariableHint =
  { name: string; state: 'value'; value: string } | { name: string; state: 'secret' } | { name: string; state: 'missing'; message: string };

export function variableHint(name: string, environment: Environment | null): VariableHint {
  const variable = environment?.variables.find((candidate) => candidate.name === name);
  if (!variable) {
    const message = environment
      ? `{{${name}}} is not defined in '${environment.name}'`
      : `{{${name}}} is not defined: no environment is active`;
    return { name, state: 'missing', message };
  }
  return typeof variable.value === 'string' ? { name, state: 'value', value: variable.value } : { name, state: 'secret' };
}

/** One hint per variable used in these texts, in the order they first appear. */
export function variableHints(texts: readonly string[], environment: Environment | null): VariableHint[] {
  return variableNames(...texts).map((name) => variableHint(name, environment));
}

/** The hint as one line of text: "{{host}} = api.test", "{{token}} = ••••", or the missing message. */
export function hintText(hint: VariableHint): string {
  if (hint.state === 'missing') return hint.message;
  return `{{${hint.name}}} = ${hint.state === 'secret' ? MASK : hint.value}`;
}
