// app:info — what the view shows in its About box and status bar.

import type { AppState } from '../app-state.ts';
import type { CommandHandlers } from '../dispatcher.ts';
import { PRODUCT_NAME } from '../../app-paths.ts';

export function appHandlers(app: AppState): Pick<CommandHandlers, 'app:info'> {
  return {
    'app:info': () => ({
      name: PRODUCT_NAME,
      version: app.deps.version,
      transport: app.deps.transport,
      platform: app.deps.platform,
      dataDir: app.deps.dataDir,
      secretsEncrypted: app.deps.cipher.isAvailable(),
      secretsBackend: app.deps.cipher.backendName,
      demoUrl: app.deps.demoFeedUrl,
    }),
  };
}
