// environments:* — named sets of {{variables}} and which one is active. Each command answers once
// its change is on disk; every change is pushed as 'environments:changed'. Secret values appear only in their stored (encrypted) form.

import type { AppState } from '../app-state.ts';
import { notFound } from '../command-errors.ts';
import type { CommandHandlers } from '../dispatcher.ts';

type Names = 'environments:list' | 'environments:save' | 'environments:delete' | 'environments:activate';

export function environmentHandlers(app: AppState): Pick<CommandHandlers, Names> {
  const requireEnvironment = (id: string) => {
    if (!app.config.listEnvironments().some((environment) => environment.id === id)) throw notFound(`No environment ${id}`);
  };
  return {
    'environments:list': () => ({ environments: app.config.listEnvironments(), activeId: app.config.getActiveEnvironment()?.id ?? null }),

    'environments:save': async ({ id, environment }) => {
      if (id !== undefined) requireEnvironment(id);
      const saved = await (id === undefined ? app.config.createEnvironment(environment) : app.config.updateEnvironment(id, environment));
      app.environmentsChanged();
      return saved;
    },

    'environments:delete': async ({ id }) => {
      requireEnvironment(id);
      await app.config.deleteEnvironment(id);
      app.environmentsChanged();
    },

    'environments:activate': async ({ id }) => {
      if (id !== null) requireEnvironment(id);
      await app.config.setActiveEnvironment(id);
      app.environmentsChanged();
    },
  };
}
