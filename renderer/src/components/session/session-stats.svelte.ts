// The status bar's numbers for one session: the latest 'session:stats' push, and the events/s
// samples of the last minute that the sparkline draws.

import type { SessionStatsView } from '../../../../main/contract.ts';

/** The sparkline's span. */
export const RATE_HISTORY_MS = 60_000;

export interface RateSample {
  at: number;
  eventsPerSecond: number;
}

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
