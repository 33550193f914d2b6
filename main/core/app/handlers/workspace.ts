// workspace:* — the tabs a view shows, in order, and the selected one: kept for every view and
// for the next start (workspace.ts says how they come back).

import type { AppState } from '../app-state.ts';
import type { CommandHandlers } from '../dispatcher.ts';

export function workspaceHandlers(app: AppState): Pick<CommandHandlers, 'workspace:get' | 'workspace:save'> {
  return {
    'workspace:get': () => app.workspace.view(),
    'workspace:save': (view) => app.workspace.save(view),
  };
}
