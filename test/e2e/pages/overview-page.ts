// The overview (the wall screen) as a user reads it: a tile per live feed, named by the feed and
// described by what it shows ("Stale, 0 events per second, Last event 4 s ago, 1 open alert...").

import type { Locator, Page } from 'playwright';

export class OverviewPage {
  readonly root: Locator;
  readonly tiles: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Overview', exact: true });
    this.tiles = this.root.getByRole('list', { name: 'Feeds' }).getByRole('button');
  }

  tile(name: string): Locator {
    return this.tiles.filter({ hasText: name });
  }

  /** The feeds' names as the tiles are ordered (trouble first). */
  async names(): Promise<string[]> {
    return this.tiles.evaluateAll((tiles) => tiles.map((tile) => tile.querySelector('.name')?.textContent ?? ''));
  }
}
