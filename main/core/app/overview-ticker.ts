// The overview's heartbeat: while a live session is open, every live session's tile (its feed's
// state, events per second, time since the last event, open alerts, HTTP status) goes to the views
// as one 'overview:tiles' push about once a second. When the last live session goes it pushes the
// empty list once and holds no timer until the next one opens.

import type { FeedTile, PushSink } from '../../contract.ts';

export const OVERVIEW_INTERVAL_MS = 1_000;

export class OverviewTicker {
  readonly #push: PushSink;
  readonly #tiles: () => FeedTile[];
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(push: PushSink, tiles: () => FeedTile[], intervalMs = OVERVIEW_INTERVAL_MS) {
    this.#push = push;
    this.#tiles = tiles;
    this.#intervalMs = intervalMs;
  }

  /** A live session opened: tick until none is left. */
  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), this.#intervalMs);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #tick(): void {
    const tiles = this.#tiles();
    this.#push('overview:tiles', tiles);
    if (tiles.length === 0) this.stop();
  }
}
