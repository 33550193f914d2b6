// An import from the view, in two steps: the source (a curl command, a collection file) becomes a
// draft of connections and environments to create; the preview says what the draft would create,
// with the names they would get, and which safety-relevant settings it would change; the import
// applies it, all or nothing, and only with the user's consent to those changes. Another source
// format is one more case in draftFor: the preview and the consent work on any draft.

import type { ImportPlan, ImportRequest, ImportSummary } from '../../contract.ts';
import { parseCollection } from '../config/collection-file.ts';
import type { ImportReport } from '../config/config-store.ts';
import { importCurl } from '../config/curl-import.ts';
import type { ImportDraft } from '../config/import-draft.ts';
import { safetyChanges } from '../config/safety-changes.ts';
import { failed, messageOf } from './command-errors.ts';

/** The draft an import source holds; a source that cannot be read is the user's to fix. */
export function draftFor(source: ImportRequest): ImportDraft {
  switch (source.kind) {
    case 'curl':
      try {
        const draft = importCurl(source.text);
        return { connections: [draft.connection], environments: [], warnings: draft.warnings, neededVariables: draft.variables };
      } catch (error) {
        throw failed(`The curl command cannot be imported: ${messageOf(error)}`);
      }
    case 'collection':
      try {
        return { ...parseCollection(source.text), warnings: [] };
      } catch (error) {
        throw failed(messageOf(error));
      }
  }
}

/** What the import would do: `report` is the draft applied to the configuration as it is now, unsaved. */
export function previewOf(draft: ImportDraft, report: ImportReport): ImportPlan {
  const connections = report.connections.map((connection, index) => ({
    name: connection.name,
    url: connection.url,
    method: connection.method,
    renamedFrom: renamedFrom(draft.connections[index]?.name, connection.name),
    safety: safetyChanges(connection),
  }));
  return {
    connections,
    environments: report.environments.map((environment, index) => ({
      name: environment.name,
      variables: environment.variables.length,
      renamedFrom: renamedFrom(draft.environments[index]?.name, environment.name),
    })),
    warnings: warningsOf(draft, report),
    safety: connections.flatMap((connection) => connection.safety.map((change) => `"${connection.name}": ${change}`)),
  };
}

/** Refuses an import whose safety changes the user has not agreed to, naming them. */
export function requireConsent(preview: ImportPlan, confirmSafety: boolean): void {
  if (preview.safety.length === 0 || confirmSafety) return;
  throw failed(
    `This import would change safety settings, so nothing was imported: ${preview.safety.join('; ')}. ` +
      'Review them in the import preview and confirm to import.',
  );
}

export function summaryOf(draft: ImportDraft, report: ImportReport): ImportSummary {
  return {
    connections: report.connections,
    environments: report.environments,
    warnings: warningsOf(draft, report),
    ...(draft.neededVariables ? { neededVariables: draft.neededVariables } : {}),
  };
}

function warningsOf(draft: ImportDraft, report: ImportReport): string[] {
  const warnings = [...draft.warnings];
  warnings.push(...report.renamed.map(({ from, to }) => `"${from}" was imported as "${to}": the name was already taken.`));
  if (report.secretsOmitted > 0) {
    warnings.push(`${report.secretsOmitted} secret value(s) were left out of the file: enter them again before connecting.`);
  }
  return warnings;
}

function renamedFrom(given: string | undefined, name: string): string | null {
  const trimmed = given?.trim();
  return trimmed !== undefined && trimmed !== name ? trimmed : null;
}
