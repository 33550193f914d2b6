// What marking a connection "monitor" changes for its live session: it reconnects forever with its
// capped backoff, after HTTP errors too (the spec fails the connection on an error status; a feed
// someone watches all day should ride out a 503), and when it closes all the same (204 No Content,
// a failure the session does not retry) it is started again after its longest backoff delay, as
// `sse-scope watch` does (main/cli/watch-feed.ts). A close the user asked for is never undone.

import type { SavedConnection } from '../../common/config-schema.ts';
import type { ReconnectSettings } from '../../common/reconnect-policy.ts';
import type { ClosedReason, SseRecord } from '../../common/records.ts';

/** A feed that closes at once is not started again in a tight loop, whatever its settings say. */
export const MIN_RESTART_DELAY_MS = 1_000;

/** Closes that end a monitored feed for good: the user's (or the app's) own, and a limit reached. */
const FINAL: ReadonlySet<ClosedReason> = new Set(['closed', 'limit']);

/** Only a feed is monitored: a request (a POST to a model endpoint) is sent once, never again by itself. */
export function isMonitored(connection: Pick<SavedConnection, 'kind' | 'monitor'>): boolean {
  return connection.monitor && connection.kind === 'feed';
}

/** The reconnect settings a session of this connection runs with. */
export function reconnectFor(connection: SavedConnection, reconnect: ReconnectSettings): ReconnectSettings {
  return isMonitored(connection) ? { ...reconnect, enabled: true, retryHttpErrors: true } : reconnect;
}

/** Starts a monitored feed again after it closed by itself; one timer at most. */
export class FeedRestart {
  readonly #restart: () => void;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(restart: () => void) {
    this.#restart = restart;
  }

  /** A restart is waiting. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Looks at a batch of the feed's records: a closed record of a monitored feed schedules a restart. */
  check(records: readonly SseRecord[], connection: SavedConnection): void {
    const last = records[records.length - 1];
    if (!isMonitored(connection) || last?.kind !== 'closed' || FINAL.has(last.reason)) return;
    this.cancel();
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#restart();
      },
      Math.max(MIN_RESTART_DELAY_MS, connection.reconnect.maxDelayMs),
    );
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
