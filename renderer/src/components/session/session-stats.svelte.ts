// The status bar's numbers for one session: the latest 'session:stats' push, and the events/s
// samples of the last minute that the sparkline draws.

import type { SessionStatsView } from '../../../../main/contract.ts';
import type { RateSample } from '../../lib/format/sparkline-points.ts';

/** The sparkline's span. */
export const RATE_HISTORY_MS = 60_000;

export class SessionStats {
  latest = $state.raw<SessionStatsView | null>(null);
  history = $state.raw<RateSample[]>([]);

  add(stats: SessionStatsView, now = Date.now()): void {
    this.latest = stats;
    const kept = this.history.filter((sample) => now - sample.at <= RATE_HISTORY_MS);
    kept.push({ at: now, eventsPerSecond: stats.eventsPerSecond });
    this.history = kept;
  }
}
