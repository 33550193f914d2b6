// Delivers one client's observations to the harness: each message is POSTed to
// `<callbackUrl>/<n>` with n = 1, 2, 3, ... in the order the messages were pushed, one request at a
// time. The harness re-sorts by n and waits for n + 1 before it looks further, so a number must
// never be skipped or reused: every pushed message gets the next number, and a failed POST is
// logged, not retried (a retry of a POST that did arrive would hand the harness a duplicate).
// After close() nothing more is sent and failures of requests still in flight are ignored: the
// harness tears its callback endpoint down as soon as a test ends.

import { messageOf } from '../common/error-message.ts';

/** The bodies the harness understands (its ReceivedMessage: kind plus one field named after it). */
export type CallbackMessage =
  | { kind: 'event'; event: { type: string; data: string; id: string } }
  | { kind: 'comment'; comment: string }
  | { kind: 'error'; error: string };

export class CallbackQueue {
  readonly #baseUrl: string;
  readonly #log: (line: string) => void;
  #pending: Array<{ n: number; body: string }> = [];
  #lastNumber = 0;
  #sending = false;
  #closed = false;

  constructor(callbackUrl: string, log: (line: string) => void) {
    // `<base>/` + `/1` would make a path the harness does not route.
    this.#baseUrl = callbackUrl.endsWith('/') ? callbackUrl.slice(0, -1) : callbackUrl;
    this.#log = log;
  }

  push(message: CallbackMessage): void {
    if (this.#closed) return;
    this.#pending.push({ n: ++this.#lastNumber, body: JSON.stringify(message) });
    if (!this.#sending) void this.#drain();
  }

  /** Stop sending; messages not yet sent are dropped. */
  close(): void {
    this.#closed = true;
    this.#pending = [];
  }

  async #drain(): Promise<void> {
    this.#sending = true;
    for (let next = this.#pending.shift(); next && !this.#closed; next = this.#pending.shift()) {
      const url = `${this.#baseUrl}/${next.n}`;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: next.body,
        });
        await response.body?.cancel();
        if (!response.ok && !this.#closed) this.#log(`callback ${url} answered HTTP ${response.status}`);
      } catch (error) {
        if (!this.#closed) this.#log(`callback ${url} failed: ${describe(error)}`);
      }
    }
    this.#sending = false;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof Error ? cause.message : messageOf(error);
}
