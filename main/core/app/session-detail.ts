// The line under a session's status that says why it is in that state ("Connection failed: ...;
// reconnecting in 3.0 s", "The server answered 204 No Content"), worked out from the lifecycle
// records as they arrive.

import type { SseRecord } from '../../common/records.ts';

export class SessionDetail {
  #text: string | null = null;
  /** The last error of the current attempt, kept so a reconnect or close can say why. */
  #lastError: string | null = null;

  get text(): string | null {
    return this.#text;
  }

  /** Follows a batch of records; true when the text changed. */
  update(records: readonly SseRecord[]): boolean {
    const before = this.#text;
    for (const record of records) {
      switch (record.kind) {
        case 'open':
          this.#lastError = null;
          this.#text = null;
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
          break;
      }
    }
    return this.#text !== before;
  }

  /** A new timeline or a new connection: nothing to explain yet. */
  reset(): void {
    this.#text = null;
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
