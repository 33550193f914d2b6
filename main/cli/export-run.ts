// One `export` run: opens the capture read-only, optionally narrows it to the records matching a
// query, and streams them into a file in one of the export formats (exportRecords: chunked, with
// backpressure, written to a temporary file and renamed into place when complete). A status line
// on a terminal shows the records written; a summary goes to stderr at the end.

import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ExportFormat } from '../core/export/export-formats.ts';
import { exportRecords } from '../core/export/export-records.ts';
import { CaptureLibrary } from '../core/store/capture-library.ts';
import { selectionRecords, storeRecords } from '../core/store/record-sources.ts';
import type { SseRecord } from '../common/records.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './command-exit.ts';
import { resolveCaptureArgument, withOpenedCapture } from './capture-source.ts';
import { formatBytes, formatCount } from '../common/number-format.ts';
import { checkQuery, searchCapture } from './query-check.ts';
import { messageOf } from '../common/error-message.ts';

export interface ExportSettings {
  /** The <capture> argument: an id, an id prefix or a file. */
  capture: string;
  format: ExportFormat;
  outFile: string;
  /** Export only the records matching this query. */
  query?: string;
  /** Keep credentials the file holds (open records of a file not recorded by SSE Scope) instead of redacting them by name. */
  includeSecrets: boolean;
  capturesFolder: string;
}

export async function runExport(settings: ExportSettings): Promise<number> {
  if (settings.query !== undefined) checkQuery(settings.query);
  await checkOutFolder(settings.outFile);
  const target = await resolveCaptureArgument(settings.capture, new CaptureLibrary(settings.capturesFolder));
  if (resolve(target.path) === resolve(settings.outFile)) {
    throw new UsageError(`-o/--out would replace the capture being exported ('${settings.outFile}'); choose another file`);
  }
  return withOpenedCapture(target, async ({ store }, status, signal) => {
    let source: AsyncIterable<SseRecord>;
    let total: number;
    if (settings.query !== undefined) {
      const result = await searchCapture(store, settings.query, status, signal);
      if (!result) return EXIT_INTERRUPTED;
      source = selectionRecords(store, result.seqs);
      total = result.total;
    } else {
      source = storeRecords(store);
      total = store.total;
    }

    let written = 0;
    let bytes = 0;
    status.phase(() => `exporting ${formatCount(written)} / ${formatCount(total)} records · ${formatBytes(bytes)}`);
    let result;
    try {
      result = await exportRecords({
        source,
        format: settings.format,
        path: settings.outFile,
        total,
        signal,
        includeSecrets: settings.includeSecrets,
        onProgress: (records, _total, size) => {
          written = records;
          bytes = size;
        },
      });
    } catch (error) {
      if (signal.aborted) return EXIT_INTERRUPTED;
      status.stop();
      process.stderr.write(`sse-scope: cannot write '${settings.outFile}': ${messageOf(error)}\n`);
      return EXIT_FAILED;
    }
    status.stop();
    const of = settings.query === undefined ? '' : ` (the matches of '${settings.query}' among ${formatCount(store.total)})`;
    const left = settings.format === 'sse' ? '; a text/event-stream holds only the events, comments and retry values' : '';
    process.stderr.write(
      `sse-scope: exported ${formatCount(result.records)} records${of} as ${settings.format} to ${settings.outFile} (${formatBytes(result.bytes)}${left})\n`,
    );
    return EXIT_OK;
  });
}

/** A missing or read-only folder fails before the capture is read, not after. */
async function checkOutFolder(outFile: string): Promise<void> {
  if (
    await stat(outFile).then(
      (s) => s.isDirectory(),
      () => false,
    )
  ) {
    throw new UsageError(`-o/--out: '${outFile}' is a folder; give a file name`);
  }
  const folder = dirname(outFile);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`-o/--out: cannot write into '${folder}' (${reason})`);
  }
}
