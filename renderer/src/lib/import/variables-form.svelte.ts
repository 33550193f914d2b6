// The Import preview's "Variables to define": the {{variables}} the imported connections use that
// nothing imported defines (a curl command's $OPENAI_API_KEY), offered for creation with the
// import: in an environment the import brings (a Postman collection's own), in the active
// environment, or in a new one the user names; an imported or new one can become the active one.
// Each is secret by default when it carries a credential; its value is typed now or left empty
// (created empty, with a note).

import type { ImportPlan, ImportVariables } from '../../../../main/contract.ts';

export interface VariableRow {
  name: string;
  secret: boolean;
  value: string;
  /** The user's environments that define it already. */
  definedIn: string[];
}

export type VariablesTarget = 'imported' | 'active' | 'new';

export class VariablesForm {
  /** Create the variables with the import at all. */
  create = $state(true);
  target = $state<VariablesTarget>('new');
  /** Which of the imported environments (its index in the plan). */
  importedIndex = $state(0);
  newName = $state('');
  /** Make the imported or new environment the active one, so the connections use it at once. */
  activate = $state(false);
  rows = $state<VariableRow[]>([]);
  readonly active: { id: string; name: string } | null;
  /** The names of the environments the import creates. */
  readonly imported: string[];

  constructor(plan: ImportPlan, active: { id: string; name: string } | null, suggestedName: string) {
    this.active = active;
    this.imported = plan.environments.map((environment) => environment.name);
    this.rows = plan.neededVariables.map(({ name, secret, definedIn }) => ({ name, secret, value: '', definedIn }));
    this.target = this.imported.length > 0 ? 'imported' : active ? 'active' : 'new';
    this.newName = this.imported.includes(suggestedName) ? `${suggestedName} variables` : suggestedName;
    this.activate = active === null;
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
    if (!this.create || this.offered.length === 0 || this.target !== 'new') return null;
    return this.newName.trim() === '' ? 'Name the new environment for the variables, or do not create them now.' : null;
  }

  /** The variables to send with the import; undefined when none are to be created. */
  request(): ImportVariables | undefined {
    const offered = this.offered;
    if (!this.create || offered.length === 0) return undefined;
    return { target: this.#target(), variables: offered.map(({ name, value, secret }) => ({ name, value, secret })) };
  }

  /** The name of the imported or new environment the variables go to ("" while a new one has none). */
  get chosenName(): string {
    if (this.target === 'imported') return this.imported[this.importedIndex] ?? '';
    return this.target === 'new' ? this.newName.trim() : (this.active?.name ?? '');
  }

  /** Whether the environment the variables go to is to become the active one. */
  get activates(): boolean {
    return this.create && this.offered.length > 0 && this.target !== 'active' && this.activate;
  }

  #target(): ImportVariables['target'] {
    if (this.target === 'active' && this.active) return { environmentId: this.active.id };
    if (this.target === 'imported') return { importedEnvironment: this.importedIndex };
    return { newEnvironment: this.newName.trim() };
  }
}
