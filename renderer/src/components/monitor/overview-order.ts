// How troubled a feed's tile is, for the wall screen's order (trouble first) and its colour: down
// (closed, an HTTP error status, an open critical alert), uneasy (no events for a while, an open
// warning, reconnecting), starting (connecting, an open info alert), or fine.

import type { FeedTile } from '../../../../main/contract.ts';
import type { AlertMark } from './alert-marks.ts';

export type Trouble = 'down' | 'uneasy' | 'starting' | 'fine';

const RANK: Readonly<Record<Trouble, number>> = { down: 0, uneasy: 1, starting: 2, fine: 3 };

export function troubleOf(tile: FeedTile, mark: AlertMark | null): Trouble {
  if (tile.state === 'closed' || (tile.httpStatus !== null && tile.httpStatus >= 400) || mark?.severity === 'critical') return 'down';
  if (tile.stale || tile.state === 'reconnecting' || mark?.severity === 'warning') return 'uneasy';
  if (tile.state === 'connecting' || mark !== null) return 'starting';
  return 'fine';
}

/** The tiles, most troubled first; then those with more open alerts; then by name. */
export function byTrouble<T extends { tile: FeedTile; trouble: Trouble }>(tiles: readonly T[]): T[] {
  return [...tiles].sort(
    (a, b) =>
      RANK[a.trouble] - RANK[b.trouble] ||
      b.tile.openAlerts - a.tile.openAlerts ||
      a.tile.name.localeCompare(b.tile.name) ||
      a.tile.sessionId.localeCompare(b.tile.sessionId),
  );
}

/** What a tile says about its state, in a word or two: "Open", "Stale", "HTTP 503", "Closed". */
export function stateText(tile: FeedTile): string {
  if (tile.httpStatus !== null && tile.httpStatus >= 400 && tile.state !== 'open') return `HTTP ${tile.httpStatus}`;
  if (tile.stale && tile.state === 'open') return 'Stale';
  return { connecting: 'Connecting', open: 'Open', reconnecting: 'Reconnecting', closed: 'Closed' }[tile.state];
}
