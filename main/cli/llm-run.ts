// `sse-scope llm <url>`: sends the request once (a Session that never reconnects), prints the answer
// as it arrives, and ends with the summary (llm-outcome.ts). Once the stream's end marker has arrived
// ([DONE], message_stop, ...), a server that keeps the connection open anyway is left after
// END_GRACE_MS: the answer is complete, and nothing is sent again.

import { SecretMask } from '../core/export/secret-mask.ts';
import type { LlmFormat } from '../common/llm-format.ts';
import { LlmTracker } from '../core/llm/llm-tracker.ts';
import { createNodeFetch } from '../core/sse/node-fetch.ts';
import { Session } from '../core/sse/session.ts';
import { EXIT_INTERRUPTED, UsageError } from './command-exit.ts';
import type { LlmRequest } from './llm-options.ts';
import { answerPrinterFor, finishRun, RunOutcome } from './llm-outcome.ts';
import { messageOf } from '../common/error-message.ts';

const END_GRACE_MS = 1000;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runLlmRequest(request: LlmRequest, format: LlmFormat, json: boolean): Promise<number> {
  let fetch;
  try {
    fetch = createNodeFetch(request.tls);
  } catch (error) {
    throw new UsageError(`--ca: not a usable certificate file (${messageOf(error)})`);
  }
  const tracker = new LlmTracker(format);
  const printer = answerPrinterFor(tracker, json);
  const outcome = new RunOutcome();
  let endTimer: ReturnType<typeof setTimeout> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const mask = SecretMask.of({ url: request.url, headers: request.headers });

  const session: Session = new Session({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    secretHeaders: mask.headerNames,
    fetch,
    reconnect: { enabled: false },
    onRecords: (arrived) => {
      // What the answer prints is masked too: a server may echo a key back.
      const batch = mask.records(arrived);
      tracker.add(batch);
      outcome.see(batch);
      if (outcome.closedReason !== null) resolveClosed();
      else if (tracker.ended && endTimer === null) endTimer = setTimeout(() => session.close('closed'), END_GRACE_MS);
    },
  });

  const onStopSignal = () => {
    if (outcome.interrupted) process.exit(EXIT_INTERRUPTED);
    outcome.interrupted = true;
    session.close('closed');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
  session.start();
  await closed;
  if (endTimer) clearTimeout(endTimer);
  for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
  return finishRun({ tracker, printer, mask }, outcome);
}
