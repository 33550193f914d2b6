// The wall screen's tiles: one per live session, as the main process counts them, and the only
// subscriber to 'overview:tiles' (about once a second while a live session is open).

import type { FeedTile } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { MirroredList } from '../../lib/state/mirrored-list.svelte.ts';

export class OverviewState extends MirroredList<FeedTile> {
  constructor(api: ApiClient) {
    super(
      (replace) => api.on('overview:tiles', replace),
      () => api.call('overview:list'),
    );
  }

  get tiles(): FeedTile[] {
    return this.items;
  }
}
