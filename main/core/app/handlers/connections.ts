// connections:* — the saved connections: save, duplicate, delete, reorder, import (pasted text,
// files or a folder in any format importers/ reads: previewed first, safety changes only with
// consent, a HAR's event streams saved as captures; see import-plan.ts), export (a collection
// file), copy as a curl command or fetch snippet, and set how its LLM stream is read. Each command
// answers once its change is on disk; every change is pushed as 'connections:changed' (one push for
// the changes one write carried, however many); a live session of a changed connection takes its
// new name and alert rules at once (and merges its answer again when the LLM format changed), and
// its request at the next connect or send. Secret values appear only in their stored
// (encrypted) form, and leave in an export only when the user includes them.

import { Buffer } from 'node:buffer';
import type { ImportReport } from '../../config/config-store.ts';
import { copyAsCurl, copyAsFetch } from '../../config/copy-as.ts';
import type { SavedConnection } from '../../../common/config-schema.ts';
import { ResolveError } from '../../config/variables.ts';
import { writeFileAtomically } from '../../export/temp-file.ts';
import { failed, messageOf, notFound } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';
import { deleteCaptures, saveCaptureDrafts } from '../import-captures.ts';
import { draftOf, planOf, previewOf, requireConsent, summaryOf } from '../import-plan.ts';
import { captureView, type AppState } from '../app-state.ts';
import { LiveSession } from '../live-session.ts';
import { feedIsLlm } from '../open-session.ts';
import { RequestSession } from '../request-session.ts';

type Names =
  | 'connections:list'
  | 'connections:save'
  | 'connections:duplicate'
  | 'connections:delete'
  | 'connections:reorder'
  | 'connections:import-preview'
  | 'connections:import'
  | 'connections:export'
  | 'connections:copy-as'
  | 'connections:set-llm-format';

export const COLLECTION_FILE_NAME = 'sse-scope-connections.json';

export function connectionHandlers(app: AppState): Pick<CommandHandlers, Names> {
  /** Live sessions of this connection follow its saved form. */
  const updateLiveSessions = (connection: SavedConnection) => {
    for (const session of app.sessions.all()) {
      if (!(session instanceof LiveSession || session instanceof RequestSession) || session.connectionId !== connection.id) continue;
      let resolved = null;
      try {
        resolved = app.config.resolve(connection.id);
      } catch (error) {
        if (!(error instanceof ResolveError)) throw error; // it cannot start as saved: keep the request in use
      }
      session.updateConnection(connection, resolved);
      // The answer on show is merged again with the new format (a request's current run, or a feed).
      const live = session instanceof RequestSession ? session.run : session;
      if (live) {
        live.answer.changeSetting(connection.llmFormat, feedIsLlm(connection), live.store).then(
          () => {},
          (error: unknown) => app.deps.log?.(`Merging the answer of session ${session.id} again failed`, error),
        );
      }
    }
  };

  return {
    'connections:list': () => app.config.listConnections(),

    'connections:save': async ({ id, connection }) => {
      if (id !== undefined) app.requireConnection(id);
      const saved = await (id === undefined ? app.config.createConnection(connection) : app.config.updateConnection(id, connection));
      app.connectionsChanged();
      updateLiveSessions(saved);
      return saved;
    },

    'connections:duplicate': async ({ id }) => {
      app.requireConnection(id);
      const copy = await app.config.duplicateConnection(id);
      app.connectionsChanged();
      return copy;
    },

    'connections:delete': async ({ id }) => {
      app.requireConnection(id);
      await app.config.deleteConnection(id); // its open sessions go on with the request they have
      app.connectionsChanged();
    },

    'connections:reorder': async ({ ids }) => {
      await app.config.reorderConnections(ids);
      app.connectionsChanged();
    },

    'connections:import-preview': async (source) => {
      const preview = await previewOf(source);
      const environments = app.config.listEnvironments();
      return planOf(
        preview,
        planned(() => app.config.previewImport(draftOf(preview, undefined, environments))),
        environments,
      );
    },

    'connections:import': async ({ source, confirmSafety = false, variables: asked }) => {
      const variables = asked && asked.variables.length > 0 ? asked : undefined;
      const preview = await previewOf(source);
      const environments = app.config.listEnvironments();
      const draft = draftOf(preview, variables, environments);
      requireConsent(
        planOf(
          preview,
          planned(() => app.config.previewImport(draft)),
          environments,
        ),
        confirmSafety,
      );
      // The captures first: the configuration's change is made at once and cannot be taken back,
      // the captures can (the draft was checked above, but the configuration may change while the
      // captures are written).
      let captures;
      try {
        captures = await saveCaptureDrafts(app.library, preview.captures);
      } catch (error) {
        throw failed(`Nothing was imported: the event streams could not be saved as captures (${messageOf(error)}).`);
      }
      let applied;
      try {
        applied = app.config.applyImport(draft);
      } catch (error) {
        await deleteCaptures(
          app.library,
          captures.map((capture) => capture.id),
        );
        throw failed(messageOf(error));
      }
      if (applied.report.connections.length > 0) app.connectionsChanged();
      if (applied.report.environments.length > 0 || applied.report.updatedEnvironment) app.environmentsChanged();
      if (captures.length > 0) void app.capturesChanged();
      try {
        await applied.saved;
      } catch (error) {
        throw failed(messageOf(error));
      }
      return summaryOf(preview, applied.report, captures.map(captureView), variables);
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

    'connections:set-llm-format': async ({ id, llmFormat }) => {
      app.requireConnection(id);
      const saved = await app.config.updateConnection(id, { llmFormat });
      app.connectionsChanged();
      updateLiveSessions(saved);
      return saved;
    },
  };
}

/** An import planned against the configuration; what would fail it (a bad entry, a secret that cannot be saved) fails now. */
function planned(plan: () => ImportReport): ImportReport {
  try {
    return plan();
  } catch (error) {
    throw failed(messageOf(error));
  }
}
