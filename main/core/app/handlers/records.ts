// records:* — what the view fetches instead of holding a whole session: ranges by seq, the newest
// records, the counts, and search pages (the last result is kept per session for paging).

import type { AppState } from '../app-state.ts';
import type { CommandHandlers } from '../dispatcher.ts';

type Names = 'records:range' | 'records:latest' | 'records:counts' | 'records:search';

export function recordHandlers(app: AppState): Pick<CommandHandlers, Names> {
  return {
    'records:range': ({ sessionId, fromSeq, count }) => app.sessions.get(sessionId).store.range(fromSeq, count),

    'records:latest': ({ sessionId, count }) => app.sessions.get(sessionId).store.latest(count),

    'records:counts': ({ sessionId }) => app.sessions.get(sessionId).store.counts(),

    'records:search': ({ sessionId, query, offset, limit }) => {
      const session = app.sessions.get(sessionId);
      return session.search.run(session.store, query, offset, limit);
    },
  };
}
