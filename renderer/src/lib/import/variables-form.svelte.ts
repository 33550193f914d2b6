// The Import preview's "Variables to define": the {{variables}} the imported connections use that
// nothing imported defines (a curl command's $OPENAI_API_KEY), offered for creation with the
// import, in the active environment or in a new one the user names. Each is secret by default
// when it carries a credential; its value is typed now or left empty (created empty, with a note).

import type { ImportPlan, ImportVariables } from '../../../../main/contract.ts';

export interface VariableRow {
  name: string;
  secret: boolean;
  value: string;
  /** The user's environments that define it already. */
  definedIn: string[];
}

export class VariablesForm {
  /** Create the variables with the import at all. */
  create = $state(true);
  target = $state<'active' | 'new'>('new');
  newName = $state('');
  /** Make the new environment the active one, so the connections use it at once. */
  activateNew = $state(false);
  rows = $state<VariableRow[]>([]);
  readonly active: { id: string; name: string } | null;

  constructor(needed: ImportPlan['neededVariables'], active: { id: string; name: string } | null, suggestedName: string) {
    this.active = active;
    this.rows = needed.map(({ name, secret, definedIn }) => ({ name, secret, value: '', definedIn }));
    this.target = active ? 'active' : 'new';
    this.newName = suggestedName;
    this.activateNew = active === null;
  }

  /** The rows the chosen environment does not define yet: the ones to create. */
  get offered(): VariableRow[] {
    const active = this.active;
    if (this.target === 'active' && active) return this.rows.filter((row) => !row.definedIn.includes(active.name));
    return this.rows;
  }

  /** Defined in the active environment already: nothing to do for these. */
  get alreadyDefined(): VariableRow[] {
    const active = this.active;
    return this.target === 'active' && active ? this.rows.filter((row) => row.definedIn.includes(active.name)) : [];
  }

  /** What stops the import, in words; null when nothing does. */
  get problem(): string | null {
    if (!this.create || this.offered.length === 0 || this.target === 'active') return null;
    return this.newName.trim() === '' ? 'Name the new environment for the variables, or do not create them now.' : null;
  }

  /** The variables to send with the import; undefined when none are to be created. */
  request(): ImportVariables | undefined {
    const offered = this.offered;
    if (!this.create || offered.length === 0) return undefined;
    const target = this.target === 'active' && this.active ? { environmentId: this.active.id } : { newEnvironment: this.newName.trim() };
    return { target, variables: offered.map(({ name, value, secret }) => ({ name, value, secret })) };
  }
}
