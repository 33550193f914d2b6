// Why a session is in its state, worked out from the lifecycle records as they arrive: the line
// under its status ("Connection failed: ...; reconnecting in 3.0 s", "The server answered 204 No
// Content"), and the reason of its last 'closed' record while it is closed (a failure shows as
// an error dot).

import type { ClosedReason, SseRecord } from '../../common/records.ts';

export class SessionDetail {
  #text: string | null = null;
  #closedReason: ClosedReason | null = null;
  /** The last error of the current attempt, kept so a reconnect or close can say why. */
  #lastError: string | null = null;

  get text(): string | null {
    return this.#text;
  }

  get closedReason(): ClosedReason | null {
    return this.#closedReason;
  }

  /** Follows a batch of records; true when the text or the closed reason changed. */
  update(records: readonly SseRecord[]): boolean {
    const before = [this.#text, this.#closedReason];
    for (const record of records) {
      switch (record.kind) {
        case 'open':
          this.#lastError = null;
          this.#text = null;
          this.#closedReason = null;
          break;
        case 'error':
          this.#lastError = record.message;
          this.#text = record.message;
          break;
        case 'reconnect':
          this.#text = describeReconnect(record.reason, record.delayMs, this.#lastError);
          break;
        case 'closed':
          this.#text = describeClosed(record.reason, this.#lastError);
          this.#closedReason = record.reason;
          break;
      }
    }
    return this.#text !== before[0] || this.#closedReason !== before[1];
  }

  /** A new timeline or a new connection: nothing to explain yet. */
  reset(): void {
    this.#text = null;
    this.#closedReason = null;
    this.#lastError = null;
  }
}

function describeReconnect(reason: string, delayMs: number, lastError: string | null): string {
  if (reason === 'restart') return 'Reconnecting now';
  const why = reason === 'stream-ended' ? 'The stream ended' : (lastError ?? 'The connection was lost');
  return `${why}; reconnecting in ${(delayMs / 1000).toFixed(1)} s`;
}

function describeClosed(reason: string, lastError: string | null): string {
  switch (reason) {
    case 'closed':
      return 'Disconnected';
    case 'no-content':
      return 'The server answered 204 No Content: it asked not to reconnect';
    case 'ended':
      return 'The stream ended (reconnecting is off for this connection)';
    case 'limit':
      return 'A limit was reached';
    default:
      return lastError ?? 'The connection failed';
  }
}
