// The timeline's scroll geometry: fixed-height rows, a virtual height of rows x rowHeight, and a
// physical (DOM) scroll height capped well below the browser's largest element (Chromium stops
// near 33.5M px). Past the cap, the scrollbar maps linearly onto the virtual space (drag it to the
// middle, see the middle row of ten million), while the view moves the wheel 1:1 in virtual pixels
// (see Timeline.svelte), so scrolling near the current place stays smooth.
//
// Hand-written rather than @tanstack/virtual-core: that library positions rows in one real scroll
// space, so it cannot go past the browser's height limit; with fixed-height rows the window of
// visible rows is two divisions, and the scaling is the only part that needs care.

export const ROW_HEIGHT = 24;
/** The largest scroll height the DOM is given; beyond it the space is scaled. */
export const MAX_PHYSICAL_HEIGHT = 8_000_000;
/** Rows drawn above and below the viewport, so a fast wheel does not show blanks. */
export const OVERSCAN_ROWS = 6;

export interface ScrollSpace {
  rowCount: number;
  viewportHeight: number;
  rowHeight: number;
  maxPhysicalHeight: number;
}

export function virtualHeight(space: ScrollSpace): number {
  return space.rowCount * space.rowHeight;
}

/** Height of the DOM element that makes the scrollbar. */
export function physicalHeight(space: ScrollSpace): number {
  return Math.min(virtualHeight(space), space.maxPhysicalHeight);
}

export function isScaled(space: ScrollSpace): boolean {
  return virtualHeight(space) > space.maxPhysicalHeight;
}

/** The largest virtual scroll offset (the last row at the bottom of the viewport). */
export function maxVirtualTop(space: ScrollSpace): number {
  return Math.max(0, virtualHeight(space) - space.viewportHeight);
}

export function maxPhysicalTop(space: ScrollSpace): number {
  return Math.max(0, physicalHeight(space) - space.viewportHeight);
}

export function clampVirtualTop(space: ScrollSpace, virtualTop: number): number {
  return Math.min(Math.max(0, virtualTop), maxVirtualTop(space));
}

/** The scrollbar position for a virtual offset (identity when not scaled). */
export function toPhysicalTop(space: ScrollSpace, virtualTop: number): number {
  if (!isScaled(space)) return virtualTop;
  const virtualMax = maxVirtualTop(space);
  return virtualMax === 0 ? 0 : (virtualTop / virtualMax) * maxPhysicalTop(space);
}

/** The virtual offset for a scrollbar position (identity when not scaled). */
export function toVirtualTop(space: ScrollSpace, physicalTop: number): number {
  if (!isScaled(space)) return physicalTop;
  const physicalMax = maxPhysicalTop(space);
  return physicalMax === 0 ? 0 : clampVirtualTop(space, (physicalTop / physicalMax) * maxVirtualTop(space));
}

/** The rows to draw for a virtual offset: [first, end), overscan included. */
export function visibleRange(space: ScrollSpace, virtualTop: number): { first: number; end: number } {
  if (space.rowCount === 0) return { first: 0, end: 0 };
  const first = Math.max(0, Math.floor(virtualTop / space.rowHeight) - OVERSCAN_ROWS);
  const end = Math.min(space.rowCount, Math.ceil((virtualTop + space.viewportHeight) / space.rowHeight) + OVERSCAN_ROWS);
  return { first, end };
}

/** The virtual offset that brings row `index` fully into view, moving as little as possible. */
export function revealRow(space: ScrollSpace, virtualTop: number, index: number): number {
  const top = index * space.rowHeight;
  const bottom = top + space.rowHeight;
  if (top < virtualTop) return clampVirtualTop(space, top);
  if (bottom > virtualTop + space.viewportHeight) return clampVirtualTop(space, bottom - space.viewportHeight);
  return virtualTop;
}
