// The end of an `llm` run, live or replayed: the last of the output (the tool calls and the summary
// line, or the --json object) and the exit status. 0: the stream ended normally; 1: an HTTP error,
// a network failure, or an error the model sent (its message printed); 130: stopped with Ctrl-C.
// Every message printed has the request's secret values masked.

import type { ClosedReason, SseRecord } from '../common/records.ts';
import type { SecretMask } from '../core/export/secret-mask.ts';
import type { LlmTracker } from '../core/llm/llm-tracker.ts';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from './command-exit.ts';
import { AnswerPrinter, jsonResult, summaryLine } from './llm-output.ts';

/** Follows the records for what decides the exit status: the last error, and how the session closed. */
export class RunOutcome {
  lastError = '';
  closedReason: ClosedReason | null = null;
  interrupted = false;

  see(records: readonly SseRecord[]): void {
    for (const record of records) {
      if (record.kind === 'error') this.lastError = record.message;
      else if (record.kind === 'closed') this.closedReason = record.reason;
    }
  }
}

export interface RunView {
  tracker: LlmTracker;
  /** Null with --json. */
  printer: AnswerPrinter | null;
  /** The request's secrets, masked in every message printed. */
  mask: SecretMask;
}

/** The printer for the answer as it arrives (none with --json), wired to the tracker. */
export function answerPrinterFor(tracker: LlmTracker, json: boolean): AnswerPrinter | null {
  if (json) return null;
  const printer = new AnswerPrinter(process.stdout, process.stderr);
  tracker.onDelta = (part, text, choice) => printer.delta(part, text, choice);
  return printer;
}

export function finishRun(view: RunView, outcome: RunOutcome): number {
  const answer = view.tracker.answer();
  const figures = view.tracker.figures(answer);
  const mask = (text: string) => view.mask.message(text);
  if (view.printer) {
    view.printer.finish(answer);
    process.stderr.write(`${summaryLine(answer, figures)}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(jsonResult(answer, figures))}\n`);
  }
  if (outcome.interrupted) return EXIT_INTERRUPTED;
  if (outcome.closedReason === 'failed') {
    const hint = /certificate/i.test(outcome.lastError) ? ' (trust it with --ca <file>, or skip the check with --insecure)' : '';
    process.stderr.write(`sse-scope: ${mask(outcome.lastError || 'the request failed')}${hint}\n`);
    return EXIT_FAILED;
  }
  if (answer.error !== null) {
    process.stderr.write(`sse-scope: the model sent an error: ${mask(answer.error)}\n`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}
