// The Import dialog's steps and what it holds between them: the source (pasted text, or files read
// from a file or folder picker), the main process's plan of what importing it would create, the
// user's answers (consent to safety changes, the variables to create), and what was imported.
// The main process keeps nothing between preview and import: the import sends the source again.

import { messageOf } from '../../../../main/common/error-message.ts';
import type { ImportPlan, ImportRequest, ImportSource, ImportSummary } from '../../../../main/contract.ts';
import { countOf } from '../format/plural.ts';
import { readImportFiles, type PickedFile } from './read-import-files.ts';
import { VariablesForm } from './variables-form.svelte.ts';

export interface ImportFlowDeps {
  preview(source: ImportSource): Promise<ImportPlan>;
  import(request: ImportRequest): Promise<ImportSummary>;
  /** The active environment, for the variables the import needs. */
  activeEnvironment(): { id: string; name: string } | null;
  /** Makes the environment the variables went into the active one, when the user asked. */
  activate(environmentId: string): Promise<void>;
}

/** Files read from a picker: what they are called in the dialog, and what was left out. */
export interface ChosenSource {
  label: string;
  source: ImportSource;
  notes: string[];
}

export class ImportFlow {
  text = $state('');
  chosen = $state.raw<ChosenSource | null>(null);
  plan = $state.raw<ImportPlan | null>(null);
  variables = $state.raw<VariablesForm | null>(null);
  safetyAgreed = $state(false);
  summary = $state.raw<ImportSummary | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  readonly #deps: ImportFlowDeps;
  #source: ImportSource | null = null;

  constructor(deps: ImportFlowDeps) {
    this.#deps = deps;
  }

  get step(): 'source' | 'preview' | 'done' {
    return this.summary ? 'done' : this.plan ? 'preview' : 'source';
  }

  /** What a picker gave: one file, several, or a folder's files (`folder`: its name). */
  async choose(files: PickedFile[], folder: boolean): Promise<void> {
    if (files.length === 0) return;
    this.error = null;
    this.busy = true;
    try {
      const read = await readImportFiles(files);
      const top = read.files[0]!.path.split('/')[0]!;
      const label = folder
        ? `Folder ${top}: ${countOf(read.files.length, 'file')}`
        : read.files.length === 1
          ? read.files[0]!.path
          : countOf(read.files.length, 'file');
      this.chosen = { label, source: { kind: 'files', files: read.files }, notes: read.notes };
    } catch (error) {
      this.chosen = null;
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  clearChosen(): void {
    this.chosen = null;
    this.error = null;
  }

  async preview(): Promise<void> {
    this.error = null;
    const source: ImportSource | null = this.chosen?.source ?? (this.text.trim() ? { kind: 'text', text: this.text } : null);
    if (!source) {
      this.error = 'Paste what to import, or choose a file or a folder.';
      return;
    }
    this.busy = true;
    try {
      const plan = await this.#deps.preview(source);
      this.#source = source;
      this.safetyAgreed = false;
      this.variables = new VariablesForm(plan, this.#deps.activeEnvironment(), suggestedEnvironmentName(plan));
      this.plan = plan;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  /** Notes about the chosen files (left out), then the importers' warnings. */
  get warnings(): string[] {
    return [...(this.chosen?.notes ?? []), ...(this.plan?.warnings ?? [])];
  }

  get canImport(): boolean {
    const plan = this.plan;
    if (!plan || this.busy) return false;
    const something = plan.connections.length + plan.environments.length + plan.captures.length > 0;
    return something && (plan.safety.length === 0 || this.safetyAgreed) && !this.variables?.problem;
  }

  async import(): Promise<ImportSummary | null> {
    if (!this.#source || !this.plan || !this.canImport) return null;
    this.error = null;
    this.busy = true;
    try {
      const variables = this.variables?.request();
      const summary = await this.#deps.import({
        source: this.#source,
        confirmSafety: this.plan.safety.length > 0 && this.safetyAgreed,
        ...(variables ? { variables } : {}),
      });
      this.summary = summary;
      if (this.variables?.activates && summary.variablesEnvironment) {
        await this.#deps.activate(summary.variablesEnvironment.id).catch((error: unknown) => {
          this.error = `Imported, but “${summary.variablesEnvironment!.name}” could not be made the active environment: ${messageOf(error)}`;
        });
      }
      return summary;
    } catch (error) {
      this.error = messageOf(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  back(): void {
    this.plan = null;
    this.variables = null;
    this.error = null;
  }
}

/** A new environment for the variables is named after what was imported: its top folder, or its source. */
function suggestedEnvironmentName(plan: ImportPlan): string {
  const top = plan.connections.map((connection) => connection.folder.split('/')[0]!).find((name) => name !== '');
  const source = plan.sources[0]?.name.replace(/\.[^./]+$/, '');
  return top ?? (source && source !== 'Pasted text' ? source : 'Imported');
}
