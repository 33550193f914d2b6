// settings:get and settings:update (pushed to every view as 'settings:changed'). A new captures size cap applies at once (the oldest finished
// captures may be deleted); a new memory window applies to sessions opened from now on.

import type { AppState } from '../app-state.ts';
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
      if (settings.captureSizeCapMb !== before.captureSizeCapMb) {
        const deleted = await app.library.setSizeCap(capBytes(settings.captureSizeCapMb));
        if (deleted.length > 0) {
          app.notice({
            level: 'info',
            message: `${deleted.length} old capture(s) were deleted to keep the captures folder under the new size cap.`,
          });
          await app.capturesChanged();
        }
      }
      return settings;
    },
  };
}

export function capBytes(megabytes: number | null): number | null {
  return megabytes === null ? null : megabytes * 1024 * 1024;
}
