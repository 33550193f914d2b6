// The wall screen's tiles: one per live session, as the main process counts them, and the only
// subscriber to 'overview:tiles' (about once a second while a live session is open). Asked for
// once at start so the view has them before the first push.

import type { FeedTile } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';

export class OverviewState {
  tiles = $state.raw<FeedTile[]>([]);
  readonly #api: ApiClient;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('overview:tiles', (tiles) => (this.tiles = tiles));
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.tiles = await this.#api.call('overview:list');
    } catch {
      // Kept as it was; the next push brings them.
    }
  }
}
