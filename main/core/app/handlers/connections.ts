// connections:* — the saved connections: save, duplicate, delete, reorder, import (a curl command
// or a collection file), export (a collection file) and copy as a curl command or fetch snippet. Every change is pushed as
// 'connections:changed'; a live session of a changed connection takes its new name and alert rules
// at once and its request at the next connect. Secret values appear only in their stored
// (encrypted) form, and leave in an export only when the user includes them.

import { Buffer } from 'node:buffer';
import type { ImportReport } from '../../config/config-store.ts';
import { copyAsCurl, copyAsFetch } from '../../config/copy-as.ts';
import { importCurl } from '../../config/curl-import.ts';
import type { SavedConnection } from '../../../common/config-schema.ts';
import { ResolveError } from '../../config/variables.ts';
import { writeFileAtomically } from '../../export/temp-file.ts';
import type { AppState } from '../app-state.ts';
import { failed, messageOf, notFound } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';
import { LiveSession } from '../live-session.ts';

type Names =
  | 'connections:list'
  | 'connections:save'
  | 'connections:duplicate'
  | 'connections:delete'
  | 'connections:reorder'
  | 'connections:import'
  | 'connections:export'
  | 'connections:copy-as';

export const COLLECTION_FILE_NAME = 'sse-scope-connections.json';

export function connectionHandlers(app: AppState): Pick<CommandHandlers, Names> {
  /** Live sessions of this connection follow its saved form. */
  const updateLiveSessions = (connection: SavedConnection) => {
    for (const session of app.sessions.all()) {
      if (!(session instanceof LiveSession) || session.connectionId !== connection.id) continue;
      let resolved = null;
      try {
        resolved = app.config.resolve(connection.id);
      } catch (error) {
        if (!(error instanceof ResolveError)) throw error; // it cannot start as saved: keep the request in use
      }
      session.updateConnection(connection, resolved);
    }
  };

  return {
    'connections:list': () => app.config.listConnections(),

    'connections:save': ({ id, connection }) => {
      if (id !== undefined) app.requireConnection(id);
      const saved = id === undefined ? app.config.createConnection(connection) : app.config.updateConnection(id, connection);
      app.connectionsChanged();
      updateLiveSessions(saved);
      return saved;
    },

    'connections:duplicate': ({ id }) => {
      app.requireConnection(id);
      const copy = app.config.duplicateConnection(id);
      app.connectionsChanged();
      return copy;
    },

    'connections:delete': ({ id }) => {
      app.requireConnection(id);
      app.config.deleteConnection(id); // its open sessions go on with the request they have
      app.connectionsChanged();
    },

    'connections:reorder': ({ ids }) => {
      app.config.reorderConnections(ids);
      app.connectionsChanged();
    },

    'connections:import': (request) => {
      if (request.kind === 'curl') {
        let draft;
        try {
          draft = importCurl(request.text);
        } catch (error) {
          throw failed(`The curl command cannot be imported: ${messageOf(error)}`);
        }
        const connection = app.config.createConnection(draft.connection);
        app.connectionsChanged();
        return { connections: [connection], environments: [], warnings: draft.warnings, neededVariables: draft.variables };
      }
      let report: ImportReport;
      try {
        report = app.config.importCollection(request.text);
      } catch (error) {
        throw failed(messageOf(error));
      }
      if (report.connections.length > 0) app.connectionsChanged();
      if (report.environments.length > 0) app.environmentsChanged();
      return { connections: report.connections, environments: report.environments, warnings: importWarnings(report) };
    },

    'connections:export': async ({ connectionIds, includeSecrets }) => {
      const known = new Set(app.config.listConnections().map((connection) => connection.id));
      const unknown = (connectionIds ?? []).filter((id) => !known.has(id));
      if (unknown.length > 0) throw notFound(`No connection ${unknown.join(', ')}`);
      // Built before asking where to save it: a secret that cannot be opened fails at once.
      const text = app.config.exportCollection({ connectionIds, includeSecrets, now: app.clock() });
      const target = await app.deps.files.saveTarget(COLLECTION_FILE_NAME);
      if (!target) return { status: 'cancelled' };
      await writeFileAtomically(target.path, text);
      return target.outcome({ records: connectionIds?.length ?? known.size, bytes: Buffer.byteLength(text) });
    },

    'connections:copy-as': ({ id, format, maskSecrets, environmentId }) => {
      app.requireConnection(id);
      let resolved;
      try {
        resolved = app.config.resolve(id, environmentId);
      } catch (error) {
        if (error instanceof ResolveError) throw failed(error.message);
        throw error;
      }
      const request = maskSecrets ? resolved.display : resolved.request;
      return format === 'curl' ? copyAsCurl(request) : copyAsFetch(request);
    },
  };
}

function importWarnings(report: ImportReport): string[] {
  const warnings = report.renamed.map(({ from, to }) => `"${from}" was imported as "${to}": the name was already taken.`);
  if (report.secretsOmitted > 0) {
    warnings.push(`${report.secretsOmitted} secret value(s) were left out of the file: enter them again before connecting.`);
  }
  return warnings;
}
