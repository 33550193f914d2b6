// `sse-scope llm <capture>`: the answer and figures of a recorded session (a capture id from the
// library or a capture or export file, as `search` and `export` take them), read through the same
// tracker as a live run, so the output and the exit status are what the live run would have given.

import type { OpenRecord, SseRecord } from '../common/records.ts';
import { SecretMask } from '../core/export/secret-mask.ts';
import type { LlmFormat } from '../common/llm-format.ts';
import { LlmTracker } from '../core/llm/llm-tracker.ts';
import { CaptureLibrary } from '../core/store/capture-library.ts';
import { storeRecords } from '../core/store/record-sources.ts';
import { resolveCaptureArgument, withOpenedCapture } from './capture-source.ts';
import { EXIT_INTERRUPTED } from './command-exit.ts';
import { answerPrinterFor, finishRun, RunOutcome } from './llm-outcome.ts';

/** Records handed to the tracker at a time. */
const BATCH = 1000;

export async function runLlmReplay(capture: string, capturesFolder: string, format: LlmFormat, json: boolean): Promise<number> {
  const target = await resolveCaptureArgument(capture, new CaptureLibrary(capturesFolder));
  return withOpenedCapture(target, async ({ store }, status, signal) => {
    status.stop();
    const tracker = new LlmTracker(format);
    const printer = answerPrinterFor(tracker, json);
    const outcome = new RunOutcome();
    let open: OpenRecord | null = null;
    let batch: SseRecord[] = [];
    const flush = () => {
      tracker.add(batch);
      outcome.see(batch);
      batch = [];
    };
    for await (const record of storeRecords(store)) {
      if (record.kind === 'open') open ??= record;
      batch.push(record);
      if (batch.length === BATCH) flush();
      if (signal.aborted) return EXIT_INTERRUPTED;
    }
    flush();
    // The request's headers are not in a capture; what the URL holds is masked.
    return finishRun({ tracker, printer, mask: open ? SecretMask.of({ url: open.url }) : SecretMask.none() }, outcome);
  });
}
