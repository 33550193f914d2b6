// alerts:* — the alerts of every feed, as the alert book keeps them: list (all, or one
// connection's), acknowledge one, acknowledge all (of a connection, or everywhere). Each change
// reaches the views as an 'alerts:changed' push (alert-pushes.ts), acknowledgements included.

import type { AppState } from '../app-state.ts';
import { notFound } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';

type Names = 'alerts:list' | 'alerts:acknowledge' | 'alerts:acknowledge-all';

export function alertHandlers(app: AppState): Pick<CommandHandlers, Names> {
  return {
    'alerts:list': ({ connectionId }) => app.alerts.list(connectionId === undefined ? {} : { connectionId }),

    'alerts:acknowledge': ({ id }) => {
      if (!app.alerts.get(id)) throw notFound(`No alert ${id}: it may be older than the alerts kept`);
      return app.alerts.acknowledge(id);
    },

    'alerts:acknowledge-all': ({ connectionId }) => app.alerts.acknowledgeAll(connectionId === undefined ? {} : { connectionId }).length,
  };
}
