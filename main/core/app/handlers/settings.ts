// settings:get and settings:update (pushed to every view as 'settings:changed'). A new captures
// size cap applies at once (the oldest finished captures may be deleted), and so does a new memory
// budget (windows over their new share give up their oldest records to disk); a new memory window
// applies to sessions opened from now on.

import { megabytes, type AppState } from '../app-state.ts';
import type { CommandHandlers } from '../dispatcher.ts';

export function settingsHandlers(app: AppState): Pick<CommandHandlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => app.settings(),

    'settings:update': async (edit) => {
      const before = app.settings();
      const { settings, secretsRemoved } = await app.config.updateSettings(edit);
      app.push('settings:changed', settings);
      if (secretsRemoved > 0) {
        app.notice({
          level: 'warning',
          message: `${secretsRemoved} secret value(s) were removed from the config file, since there is no keychain to encrypt them: enter them again to use them.`,
        });
      }
      if (settings.memoryBudgetMb !== before.memoryBudgetMb) app.budget.setMegabytes(settings.memoryBudgetMb);
      // The user chose the new cap (Settings shows what it costs): it applies at once, and the
      // library's notice names what it deleted.
      if (settings.captureSizeCapMb !== before.captureSizeCapMb) {
        const deleted = await app.library.setSizeCap(megabytes(settings.captureSizeCapMb));
        if (deleted.length > 0) await app.capturesChanged();
      }
      return settings;
    },
  };
}
