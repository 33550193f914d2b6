// One `search` run: opens the capture read-only, runs the query, and prints the matching records
// as NDJSON on stdout (or, with --count, only how many there are). The records stream out a chunk
// at a time with backpressure, so a million matches never sit in memory as text. A status line on
// a terminal's stderr says what it is doing (loading, searching, writing).

import { CaptureLibrary } from '../core/store/capture-library.ts';
import { selectionRecords } from '../core/store/record-sources.ts';
import type { SseRecord } from '../common/records.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from './command-exit.ts';
import { resolveCaptureArgument, withOpenedCapture } from './capture-source.ts';
import { formatCount } from '../common/number-format.ts';
import { checkQuery, searchCapture } from './query-check.ts';
import { RecordOutput } from './record-output.ts';

export interface SearchSettings {
  /** The <capture> argument: an id, an id prefix or a file. */
  capture: string;
  query: string;
  /** --count: print the number of matches only. */
  countOnly: boolean;
  capturesFolder: string;
}

/** Records handed to stdout per write. */
const WRITE_RECORDS = 1000;

export async function runSearch(settings: SearchSettings): Promise<number> {
  checkQuery(settings.query);
  const target = await resolveCaptureArgument(settings.capture, new CaptureLibrary(settings.capturesFolder));
  return withOpenedCapture(target, async ({ store }, status, signal) => {
    const result = await searchCapture(store, settings.query, status, signal);
    if (!result) return EXIT_INTERRUPTED;
    status.stop();

    if (settings.countOnly) {
      process.stdout.write(`${result.total}\n`);
      return EXIT_OK;
    }
    const output = RecordOutput.toStdout('ndjson');
    let written = 0;
    // Records scrolling by on the terminal would tear a status line apart.
    if (process.stdout.isTTY !== true) status.phase(() => `writing matches ${formatCount(written)} / ${formatCount(result.total)}`);
    let batch: SseRecord[] = [];
    for await (const record of selectionRecords(store, result.seqs)) {
      batch.push(record);
      if (batch.length < WRITE_RECORDS) continue;
      output.write(batch);
      written += batch.length;
      batch = [];
      await output.ready();
      if (output.failure || signal.aborted) break;
    }
    output.write(batch);
    await output.close();
    status.stop();
    if (output.failure) {
      // The reader went away (`| head`): it has what it wanted.
      if ((output.failure as NodeJS.ErrnoException).code === 'EPIPE') return EXIT_OK;
      process.stderr.write(`sse-scope: cannot write the output: ${output.failure.message}\n`);
      return EXIT_FAILED;
    }
    return signal.aborted ? EXIT_INTERRUPTED : EXIT_OK;
  });
}
