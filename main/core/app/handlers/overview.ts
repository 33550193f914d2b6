// overview:list — the wall screen's tiles, one per live session, as the overview ticker pushes
// them every second ('overview:tiles'); a view asks once when it starts.

import type { AppState } from '../app-state.ts';
import type { CommandHandlers } from '../dispatcher.ts';

export function overviewHandlers(app: AppState): Pick<CommandHandlers, 'overview:list'> {
  return {
    'overview:list': () => app.liveSessions().map((session) => session.tile()),
  };
}
