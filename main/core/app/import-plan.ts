// An import from the view, in two steps: the source (pasted text, files, a picked folder, in any
// format importers/ reads) becomes a preview of connections, environments and captures; the plan
// says what that would create, with the names they would get, the variables still to define, and
// which safety-relevant settings it would change; the import applies it, all or nothing, and only
// with the user's consent to those changes. Nothing is kept between the two steps: the import reads
// the source again.

import type { ImportPlan, ImportSummary, ImportVariables } from '../../contract.ts';
import type { Environment } from '../../common/config-schema.ts';
import type { ImportPreview, ImportSource } from '../../common/import-preview.ts';
import type { ImportReport } from '../config/config-store.ts';
import type { ImportDraft } from '../config/import-draft.ts';
import { ImportError, previewImport } from '../config/importers/preview-import.ts';
import { safetyChanges } from '../config/safety-changes.ts';
import { redactUrl } from '../export/redact-secrets.ts';
import { failed } from './command-errors.ts';

/** What the source holds; a source that cannot be read is the user's to fix, in the importers' words. */
export async function previewOf(source: ImportSource): Promise<ImportPreview> {
  try {
    return await previewImport(source);
  } catch (error) {
    if (error instanceof ImportError) throw failed(error.message);
    throw error;
  }
}

/**
 * The preview as the configuration store takes it, with the variables the user asked for: a new
 * environment is one more to create, an imported one or one the user has gets them added. A
 * variable the environment has already is refused, naming it.
 */
export function draftOf(preview: ImportPreview, variables: ImportVariables | undefined, environments: readonly Environment[]): ImportDraft {
  if (!variables || variables.variables.length === 0) return preview;
  const values = variables.variables.map(({ name, value, secret }) => ({ name, value: secret ? { secret: true as const, value } : value }));
  const { target } = variables;
  if ('newEnvironment' in target) {
    return { ...preview, environments: [...preview.environments, { name: target.newEnvironment, variables: values }] };
  }
  if ('importedEnvironment' in target) {
    const imported = preview.environments[target.importedEnvironment];
    if (!imported) throw failed('The environment chosen for the variables is not in this import: go back and preview it again.');
    refuseTaken(imported.name, imported.variables ?? [], values);
    const merged = { ...imported, variables: [...(imported.variables ?? []), ...values] };
    return { ...preview, environments: preview.environments.with(target.importedEnvironment, merged) };
  }
  const environment = environments.find((candidate) => candidate.id === target.environmentId);
  if (!environment) throw failed('The environment chosen for the variables no longer exists: choose another, or a new one.');
  refuseTaken(environment.name, environment.variables, values);
  return { ...preview, addVariables: { environmentId: environment.id, variables: values } };
}

function refuseTaken(environment: string, defined: readonly { name: string }[], values: readonly { name: string }[]): void {
  const taken = values.filter((value) => defined.some((variable) => variable.name === value.name));
  if (taken.length === 0) return;
  const names = taken.map((value) => `{{${value.name}}}`).join(', ');
  throw failed(
    `Environment "${environment}" already has ${names}, so nothing was imported: leave ${taken.length === 1 ? 'it' : 'them'} out.`,
  );
}

/** What the import would do: `report` is the draft applied to the configuration as it is now, unsaved. */
export function planOf(preview: ImportPreview, report: ImportReport, environments: readonly Environment[]): ImportPlan {
  const connections = report.connections.map((connection, index) => ({
    name: connection.name,
    url: redactUrl(connection.url),
    method: connection.method,
    folder: connection.folder,
    renamedFrom: renamedFrom(preview.connections[index]?.name, connection.name),
    safety: safetyChanges(connection),
  }));
  return {
    sources: preview.sources,
    connections,
    environments: report.environments.map((environment, index) => ({
      name: environment.name,
      variables: environment.variables.length,
      renamedFrom: renamedFrom(preview.environments[index]?.name, environment.name),
    })),
    captures: preview.captures.map((capture) => ({
      name: capture.name,
      url: redactUrl(capture.url),
      events: capture.records.filter((record) => record.kind === 'event').length,
      notices: capture.notices,
    })),
    warnings: warningsOf(preview, report),
    neededVariables: preview.neededVariables.map((variable) => ({
      ...variable,
      definedIn: environments
        .filter((environment) => environment.variables.some((defined) => defined.name === variable.name))
        .map((environment) => environment.name),
    })),
    safety: connections.flatMap((connection) => connection.safety.map((change) => `"${connection.name}": ${change}`)),
  };
}

/** Refuses an import whose safety changes the user has not agreed to, naming them. */
export function requireConsent(plan: ImportPlan, confirmSafety: boolean): void {
  if (plan.safety.length === 0 || confirmSafety) return;
  throw failed(
    `This import would change safety settings, so nothing was imported: ${plan.safety.join('; ')}. ` +
      'Review them in the import preview and confirm to import.',
  );
}

export function summaryOf(
  preview: ImportPreview,
  report: ImportReport,
  captures: ImportSummary['captures'],
  variables: ImportVariables | undefined,
): ImportSummary {
  const variablesEnvironment = variables ? variablesEnvironmentOf(variables, report) : null;
  const warnings = warningsOf(preview, report);
  const empty = (variables?.variables ?? []).filter((variable) => variable.value === '').map((variable) => `{{${variable.name}}}`);
  if (empty.length > 0 && variablesEnvironment) {
    warnings.push(
      `${empty.join(', ')} ${empty.length === 1 ? 'was' : 'were'} created empty in "${variablesEnvironment.name}": ` +
        'fill in the value under Environments before connecting.',
    );
  }
  return {
    connections: report.connections,
    environments: report.environments,
    captures,
    variablesEnvironment,
    warnings,
    neededVariables: preview.neededVariables,
  };
}

/** Where the variables went: the environment updated, the imported one chosen, or the new one (the last the draft creates). */
function variablesEnvironmentOf({ target }: ImportVariables, report: ImportReport): Environment | null {
  if ('environmentId' in target) return report.updatedEnvironment;
  if ('importedEnvironment' in target) return report.environments[target.importedEnvironment] ?? null;
  return report.environments.at(-1) ?? null;
}

/** The importers' warnings (secrets left out included), and the names an import had to change. */
function warningsOf(preview: ImportPreview, report: ImportReport): string[] {
  return [...preview.warnings, ...report.renamed.map(({ from, to }) => `"${from}" was imported as "${to}": the name was already taken.`)];
}

function renamedFrom(given: string | undefined, name: string): string | null {
  const trimmed = given?.trim();
  return trimmed !== undefined && trimmed !== name ? trimmed : null;
}
