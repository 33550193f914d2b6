// The timeline's scroll geometry: ten million rows must scroll end to end inside a capped DOM
// height, with the scrollbar mapping linearly and rows landing where the user expects.

import { describe, expect, it } from 'vitest';
import {
  isScaled,
  maxPhysicalTop,
  maxVirtualTop,
  MAX_PHYSICAL_HEIGHT,
  physicalHeight,
  revealRow,
  ROW_HEIGHT,
  toPhysicalTop,
  toVirtualTop,
  visibleRange,
  type ScrollSpace,
} from '../../../../renderer/src/lib/timeline/scroll-space.ts';

const space = (rowCount: number, viewportHeight = 600): ScrollSpace => ({
  rowCount,
  viewportHeight,
  rowHeight: ROW_HEIGHT,
  maxPhysicalHeight: MAX_PHYSICAL_HEIGHT,
});

describe('the timeline scroll space', () => {
  it('is the plain row height times the rows while that fits', () => {
    const small = space(1000);
    expect(isScaled(small)).toBe(false);
    expect(physicalHeight(small)).toBe(24_000);
    expect(toPhysicalTop(small, 1234)).toBe(1234);
    expect(toVirtualTop(small, 1234)).toBe(1234);
  });

  it('caps the DOM height for ten million rows and still reaches the last row', () => {
    const huge = space(10_000_000);
    expect(isScaled(huge)).toBe(true);
    expect(physicalHeight(huge)).toBe(MAX_PHYSICAL_HEIGHT);
    const bottom = toVirtualTop(huge, maxPhysicalTop(huge));
    expect(bottom).toBe(maxVirtualTop(huge));
    const { end } = visibleRange(huge, bottom);
    expect(end).toBe(10_000_000);
  });

  it('maps the middle of the scrollbar to the middle of the records, and back', () => {
    const huge = space(10_000_000);
    const middle = toVirtualTop(huge, maxPhysicalTop(huge) / 2);
    const firstRow = Math.floor(middle / ROW_HEIGHT);
    expect(Math.abs(firstRow - 5_000_000)).toBeLessThan(20);
    expect(toPhysicalTop(huge, middle)).toBeCloseTo(maxPhysicalTop(huge) / 2, 6);
  });

  it('draws only the rows on screen, with a few above and below', () => {
    const { first, end } = visibleRange(space(1_000_000, 600), 500_000 * ROW_HEIGHT);
    expect(end - first).toBeLessThan(600 / ROW_HEIGHT + 16);
    expect(first).toBeLessThanOrEqual(500_000);
    expect(end).toBeGreaterThanOrEqual(500_000 + 25);
  });

  it('scrolls as little as possible to reveal a row', () => {
    const s = space(1000, 240); // ten rows on screen
    expect(revealRow(s, 0, 5)).toBe(0); // already visible
    expect(revealRow(s, 0, 10)).toBe(11 * ROW_HEIGHT - 240); // just below: bottom-aligned
    expect(revealRow(s, 100 * ROW_HEIGHT, 50)).toBe(50 * ROW_HEIGHT); // above: top-aligned
    expect(revealRow(s, 0, 999)).toBe(maxVirtualTop(s));
  });
});
