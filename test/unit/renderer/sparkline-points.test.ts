// Where the status bar's events/s sparkline draws: a steady rate runs below the top edge of its
// box (the scale goes to 1.2x the peak), zero sits on the bottom line, the newest sample is at the
// right edge, and one or two samples still make a line a few pixels long.

import { describe, expect, it } from 'vitest';
import { HEADROOM, MIN_LINE_PX, sparklinePoints, type RateSample } from '../../../renderer/src/lib/format/sparkline-points.ts';

const BOX = { width: 120, height: 14, inset: 1.5 };
const SPAN = 60_000;
const NOW = 1_000_000;

/** One sample a second for the last `seconds`, each with the rate `rate(i)`. */
function samples(seconds: number, rate: (i: number) => number): RateSample[] {
  return Array.from({ length: seconds }, (_, i) => ({ at: NOW - (seconds - 1 - i) * 1000, eventsPerSecond: rate(i) }));
}

describe('the sparkline', () => {
  it('draws a steady rate below the top of its box, at 1/1.2 of the plot height', () => {
    const points = sparklinePoints(
      samples(30, () => 4),
      NOW,
      SPAN,
      BOX,
    );
    const plot = BOX.height - 2 * BOX.inset;
    const ys = new Set(points.map((point) => point.y));
    expect(ys.size).toBe(1);
    const [y] = ys;
    expect(y).toBeCloseTo(BOX.height - BOX.inset - plot / HEADROOM, 6);
    expect(y).toBeGreaterThan(BOX.inset + 1);
  });

  it('scales from zero: no events sits on the bottom line, the peak below the top', () => {
    const points = sparklinePoints(
      samples(10, (i) => (i === 5 ? 50 : 0)),
      NOW,
      SPAN,
      BOX,
    );
    const bottom = BOX.height - BOX.inset;
    expect(Math.max(...points.map((point) => point.y))).toBe(bottom);
    const peakY = Math.min(...points.map((point) => point.y));
    expect(peakY).toBeCloseTo(bottom - (BOX.height - 2 * BOX.inset) / HEADROOM, 6);
  });

  it('places samples by age, the newest at the right edge, and leaves out those older than the span', () => {
    const old = { at: NOW - SPAN - 1, eventsPerSecond: 999 };
    const points = sparklinePoints([old, ...samples(3, () => 2)], NOW, SPAN, BOX);
    expect(points.at(-1)!.x).toBe(BOX.width);
    // The old sample is not drawn, nor does its rate set the scale.
    expect(points.every((point) => point.x > 0)).toBe(true);
    expect(new Set(points.map((point) => point.y)).size).toBe(1);
  });

  it('makes a visible line from a single sample', () => {
    const points = sparklinePoints([{ at: NOW - 200, eventsPerSecond: 3 }], NOW, SPAN, BOX);
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.at(-1)!.x - points[0]!.x).toBeGreaterThanOrEqual(MIN_LINE_PX);
    expect(new Set(points.map((point) => point.y)).size).toBe(1);
  });

  it('draws nothing without samples in the last minute', () => {
    expect(sparklinePoints([], NOW, SPAN, BOX)).toEqual([]);
    expect(sparklinePoints([{ at: NOW - SPAN - 5_000, eventsPerSecond: 3 }], NOW, SPAN, BOX)).toEqual([]);
  });
});
