// One `capture` run: a Session whose records go to stdout or a file (and with --save into the
// captures library too), stopped by the stream, a limit (--max-events, --max-bytes, --duration; the
// closed record's message says which) or the user
// (Ctrl-C), with a progress line on a terminal. Resolves with the process exit code: 0 when the
// stream ended, a limit was reached or the user stopped it; 1 when the connection failed for good
// or the output (or the saved capture) could not be written. Records are masked (SecretMask: the
// URL's credentials and credential-named parameters, and the values of credential headers such as
// Authorization or X-Api-Key) before anything prints or saves them.

import type { ClosedRecord } from '../common/records.ts';
import { SecretMask } from '../core/export/secret-mask.ts';
import { createNodeFetch } from '../core/sse/node-fetch.ts';
import { Session } from '../core/sse/session.ts';
import type { CaptureSettings } from './capture-options.ts';
import type { SavedCapture } from './capture-save.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './command-exit.ts';
import { pacedFetch } from '../core/sse/paced-fetch.ts';
import { formatCount } from '../common/number-format.ts';
import { ProgressLine } from './progress-line.ts';
import { RecordOutput } from './record-output.ts';
import { messageOf } from '../common/error-message.ts';

export { EXIT_FAILED, EXIT_OK } from './command-exit.ts';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runCapture(settings: CaptureSettings): Promise<number> {
  let networkFetch;
  try {
    networkFetch = createNodeFetch(settings.tls);
  } catch (error) {
    throw new UsageError(`--ca: not a usable certificate file (${messageOf(error)})`);
  }
  const mask = SecretMask.of({ url: settings.url, headers: settings.headers });
  const output = openOutput(settings);
  let saved: SavedCapture | null = null;
  if (settings.save) {
    try {
      // The captures library (and its schema validation) loads only for --save.
      const { SavedCapture } = await import('./capture-save.ts');
      saved = await SavedCapture.start(settings.save, mask.url(settings.url));
    } catch (error) {
      await output.close();
      throw error;
    }
  }
  // The network is read no faster than the slower of the output and the saved capture take it.
  const fetch = pacedFetch(networkFetch, () => output.ready() ?? saved?.ready() ?? null);

  let eventsWritten = 0;
  const maxEvents = settings.maxEvents ?? Number.POSITIVE_INFINITY;
  const maxBytes = settings.maxBytes ?? Number.POSITIVE_INFINITY;
  let lastWrittenSeq = 0;
  let limitReached = false;
  let lastError = '';
  let resolveClosed!: (record: ClosedRecord) => void;
  const closed = new Promise<ClosedRecord>((resolve) => (resolveClosed = resolve));

  const session: Session = new Session({
    url: settings.url,
    method: settings.method,
    headers: settings.headers,
    ...(settings.body !== undefined ? { body: settings.body } : {}),
    ...(settings.lastEventId !== undefined ? { lastEventId: settings.lastEventId } : {}),
    secretHeaders: mask.headerNames,
    fetch,
    reconnect: { enabled: settings.reconnect, retryHttpErrors: settings.retryHttpErrors },
    onRecords: (arrived) => {
      const batch = mask.records(arrived);
      if (limitReached) {
        // Past --max-events only the closing record is still written. The records parsed after the
        // limit were never written, so it follows the last written one: the output's seq stays
        // gap-free, as records.ts promises.
        const last = batch[batch.length - 1]!;
        if (last.kind === 'closed') {
          const renumbered: ClosedRecord = { ...last, seq: ++lastWrittenSeq };
          output.write([renumbered]);
          saved?.write([renumbered]);
          resolveClosed(renumbered);
        }
        return;
      }
      // One pass over the batch (a busy stream's batches hold hundreds of events): count the
      // events, cut at --max-events, and note the error and closed records written.
      let end = batch.length;
      let closedRecord: ClosedRecord | null = null;
      for (let i = 0; i < batch.length; i++) {
        const record = batch[i]!;
        if (record.kind === 'event') {
          if (++eventsWritten === maxEvents) {
            end = i + 1;
            limitReached = true;
            break;
          }
        } else if (record.kind === 'error') {
          lastError = record.message;
        } else if (record.kind === 'closed') {
          closedRecord = record;
        }
      }
      output.write(batch, end);
      saved?.write(batch, end);
      lastWrittenSeq = batch[end - 1]!.seq;
      if (closedRecord) resolveClosed(closedRecord);
      if (limitReached) {
        session.close('limit', `The capture reached --max-events (${formatCount(maxEvents)} events).`);
      } else if (!closedRecord && Math.max(output.bytes, saved?.bytes ?? 0) >= maxBytes) {
        // Past --max-bytes only the closing record is still written, as past --max-events.
        limitReached = true;
        session.close('limit', `The capture reached --max-bytes (${formatCount(maxBytes)} bytes written).`);
      }
    },
  });

  const progress = wantsProgress(settings)
    ? new ProgressLine(process.stderr, () => ({ events: eventsWritten, bytes: session.stats.bytes }))
    : null;
  const durationTimer =
    settings.durationMs !== undefined
      ? setTimeout(() => session.close('limit', `The capture ran for --duration (${settings.durationMs! / 1000} s).`), settings.durationMs)
      : null;

  // Ctrl-C (or a polite kill) closes the session cleanly: the closed record is written, the output
  // flushed, and the exit code is 0, since stopping a capture by hand is how most captures end.
  // A second Ctrl-C exits at once.
  let stopRequested = false;
  const onStopSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    session.close('closed');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);

  let writeFailure: Error | null = null;
  output.onFailure = (error) => {
    writeFailure ??= error;
    session.close('closed');
  };
  // A capture that cannot be saved stops: going on would lose exactly what --save asked to keep.
  if (saved) saved.onFailure = () => session.close('closed');

  progress?.start();
  session.start();
  const closedRecord = await closed;

  if (durationTimer) clearTimeout(durationTimer);
  progress?.stop();
  await output.close();
  const saveFailure = saved ? await finishSaved(saved) : null;
  for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);

  writeFailure ??= output.failure;
  if (writeFailure) {
    // The reader of a pipe went away (`| head`): that is how such a capture ends, not an error.
    if ((writeFailure as NodeJS.ErrnoException).code === 'EPIPE') return saveFailure ? EXIT_FAILED : EXIT_OK;
    process.stderr.write(`sse-scope: cannot write the output: ${writeFailure.message}\n`);
    return EXIT_FAILED;
  }
  if (saveFailure) return EXIT_FAILED;
  if (closedRecord.reason === 'failed') {
    const hint = /certificate/i.test(lastError) ? ' (trust it with --ca <file>, or skip the check with --insecure)' : '';
    process.stderr.write(`sse-scope: capture failed${lastError ? `: ${lastError}` : ''}${hint}\n`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

/** Finishes the saved capture and says where it is; returns the error when it could not be written. */
async function finishSaved(saved: SavedCapture): Promise<Error | null> {
  try {
    const summary = await saved.finish();
    process.stderr.write(`saved capture ${summary.id} (${formatCount(summary.records)} records) in ${summary.folder}\n`);
    return null;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`sse-scope: cannot write the saved capture ${saved.id}: ${failure.message}\n`);
    return failure;
  }
}

function openOutput(settings: CaptureSettings): RecordOutput {
  if (settings.outFile === undefined) return RecordOutput.toStdout(settings.format);
  try {
    return RecordOutput.toFile(settings.outFile, settings.format);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`-o/--out: cannot open '${settings.outFile}' for writing (${reason})`);
  }
}

/** Progress only on a terminal, and not when the records themselves scroll by on it. */
function wantsProgress(settings: CaptureSettings): boolean {
  return process.stderr.isTTY === true && (settings.outFile !== undefined || process.stdout.isTTY !== true);
}
