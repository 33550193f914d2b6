// The tabs as the user arranged them (their order and the selected one), kept by the main process
// so a reloaded page, and the app after a restart, shows them the same way (workspace:get and
// workspace:save). Changes are saved a moment after they stop, and never before the saved
// workspace was read, so a page that just opened does not overwrite it with its empty tab bar.

import type { WorkspaceView } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';

export const SAVE_DELAY_MS = 300;

export class WorkspaceSync {
  readonly #api: ApiClient;
  readonly #delayMs: number;
  #loaded = false;
  #pending: WorkspaceView | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: ApiClient, delayMs = SAVE_DELAY_MS) {
    this.#api = api;
    this.#delayMs = delayMs;
  }

  /** The workspace the main process keeps; null when it cannot say (saving starts either way). */
  async load(): Promise<WorkspaceView | null> {
    try {
      return await this.#api.call('workspace:get');
    } catch {
      return null;
    } finally {
      this.#loaded = true;
    }
  }

  /** The tabs changed: saved once they have been still for a moment. */
  changed(sessionIds: readonly string[], activeSessionId: string | null): void {
    if (!this.#loaded) return;
    this.#pending = { sessionIds: [...sessionIds], activeSessionId };
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), this.#delayMs);
  }

  /** Saves what is waiting now (the page is going away). */
  dispose(): void {
    if (this.#timer !== null) this.#save();
  }

  #save(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const view = this.#pending;
    this.#pending = null;
    if (view) this.#api.call('workspace:save', view).catch(() => {});
  }
}
