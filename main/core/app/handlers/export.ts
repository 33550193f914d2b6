// export:session and export:cancel — a session's records (all, a search's matches, or a selection)
// streamed to a file the front end names (a save dialog, or a download in browser mode), with
// 'export:progress' pushes, cancellable by id. A cancelled export leaves no file behind. Records
// are stored with their secrets masked; an export the user asks to be unredacted takes the
// originals a live session still holds (see UnmaskedRecords), and says when it has none.

import type { ExportScope, FileOutcome } from '../../../contract.ts';
import { EXPORT_EXTENSIONS, type ExportFormat } from '../../export/export-formats.ts';
import { exportRecords } from '../../export/export-records.ts';
import type { SseRecord } from '../../../common/records.ts';
import { parseQuery } from '../../../common/query-parser.ts';
import { searchResultRecords, selectionRecords, storeRecords } from '../../store/record-sources.ts';
import type { RecordStore } from '../../store/record-store.ts';
import { searchRecords } from '../../store/search.ts';
import type { AppState } from '../app-state.ts';
import { LiveSession } from '../live-session.ts';
import type { AppSession } from '../session-registry.ts';
import type { SessionSearch } from '../session-search.ts';
import { CommandError, type CommandHandlers } from '../dispatcher.ts';
import { progressPushes } from '../export-jobs.ts';

export function exportHandlers(app: AppState): Pick<CommandHandlers, 'export:session' | 'export:cancel'> {
  return {
    'export:session': async ({ sessionId, exportId, format, scope, includeSecrets = false }) => {
      const session = app.sessions.get(sessionId);
      if (scope.kind === 'search') {
        const parsed = parseQuery(scope.query);
        if (!parsed.ok)
          throw new CommandError(
            `The search "${scope.query}" is not valid at ${parsed.error.position}: ${parsed.error.message}`,
            'invalid-payload',
          );
      }
      const signal = app.exports.begin(exportId);
      try {
        const target = await app.deps.files.saveTarget(exportFileName(session.view().name, format, app.clock()));
        if (!target || signal.aborted) return cancelled();
        const source = await recordsFor(session.store, scope, signal, session.search);
        if (!source) return cancelled();
        const progress = progressPushes(app.push, exportId);
        const result = await exportRecords({
          source: includeSecrets ? unmaskedRecords(session, source.records) : source.records,
          includeSecrets,
          total: source.total,
          format,
          path: target.path,
          onProgress: progress.onProgress,
          signal,
        });
        progress.final(result.records, source.total, result.bytes);
        if (includeSecrets) noteMaskedLeft(app, session);
        return target.outcome({ records: result.records, bytes: result.bytes });
      } catch (error) {
        if (signal.aborted) return cancelled();
        throw error;
      } finally {
        app.exports.end(exportId);
      }
    },

    'export:cancel': ({ exportId }) => {
      app.exports.cancel(exportId);
    },
  };
}

interface Source {
  records: AsyncIterable<SseRecord>;
  /** How many records it will yield, as far as known now. */
  total: number;
}

/** The records of a scope; null when a search was cancelled. */
async function recordsFor(store: RecordStore, scope: ExportScope, signal: AbortSignal, searches: SessionSearch): Promise<Source | null> {
  switch (scope.kind) {
    case 'all':
      return { records: storeRecords(store, { toSeq: store.lastSeq }), total: store.total };
    case 'selection':
      return { records: selectionRecords(store, scope.seqs), total: new Set(scope.seqs).size };
    case 'search': {
      // The view's result of this query when it is up to date; otherwise a search of the export's
      // own, run apart from the view's search box so neither cancels the other.
      const kept = searches.upToDate(store, scope.query);
      if (kept) return { records: searchResultRecords(kept), total: kept.total };
      const outcome = await searchRecords(store, scope.query, signal);
      if (outcome.status === 'cancelled') return null;
      if (outcome.status === 'invalid') throw new CommandError(`The search is not valid: ${outcome.error.message}`, 'invalid-payload');
      return { records: searchResultRecords(outcome.result), total: outcome.result.total };
    }
  }
}

async function* unmaskedRecords(session: AppSession, records: AsyncIterable<SseRecord>): AsyncGenerator<SseRecord> {
  for await (const record of records) yield session.unmasked(record);
}

/** An unredacted export that could not be one, in part or at all, says so. */
function noteMaskedLeft(app: AppState, session: AppSession): void {
  const name = session.view().name;
  if (!(session instanceof LiveSession)) {
    app.notice({
      level: 'info',
      message: `"${name}" was exported with its secrets masked: captures are recorded with secrets masked, so only a session still open since it connected can export them.`,
    });
  } else if (session.unmaskedMissed > 0) {
    app.notice({
      level: 'warning',
      message: `"${name}": ${session.unmaskedMissed} record(s) were exported with their secrets masked: the session holds the originals of only the first ones it masked.`,
    });
  }
}

function cancelled(): FileOutcome {
  return { status: 'cancelled' };
}

/** "Demo feed 2024-05-01 10-15-00.csv": the session's name made safe for any file system. */
export function exportFileName(name: string, format: ExportFormat, now: number): string {
  const safe =
    name
      // eslint-disable-next-line no-control-regex -- control characters are what this replaces
      .replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'session';
  const stamp = new Date(now).toISOString().slice(0, 19).replace('T', ' ').replace(/:/g, '-');
  return `${safe} ${stamp}${EXPORT_EXTENSIONS[format]}`;
}
