// Where the status bar's events/s sparkline draws its line: the samples of the last minute placed
// by age (newest at the right edge), scaled from 0 to a little above the peak so a steady rate
// runs below the top edge rather than along it, and never shorter than a few pixels, so the first
// seconds of a session already show a line.

export interface RateSample {
  at: number;
  eventsPerSecond: number;
}

export interface SparklineBox {
  width: number;
  height: number;
  /** Kept free above and below the plot, so the stroke is not cut off. */
  inset: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The top of the scale, as a multiple of the peak. */
export const HEADROOM = 1.2;
/** The shortest line drawn: one or two samples still read as a line, not a dot. */
export const MIN_LINE_PX = 8;

/** The highest rate among the samples (0 when there are none). */
export function peakRate(samples: readonly RateSample[]): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, sample.eventsPerSecond);
  return peak;
}

/** The line's points, left to right; empty when no sample is within the span. */
export function sparklinePoints(samples: readonly RateSample[], now: number, spanMs: number, box: SparklineBox): Point[] {
  const shown = samples.filter((sample) => now - sample.at <= spanMs);
  if (shown.length === 0) return [];
  const top = box.inset;
  const bottom = box.height - box.inset;
  const scaleMax = peakRate(shown) * HEADROOM;
  const yOf = (rate: number) => (scaleMax > 0 ? bottom - (rate / scaleMax) * (bottom - top) : bottom);
  const xOf = (at: number) => Math.min(box.width, Math.max(0, box.width - ((now - at) / spanMs) * box.width));
  const points = shown.map((sample) => ({ x: xOf(sample.at), y: yOf(sample.eventsPerSecond) }));

  // The newest rate holds until the next sample: the line reaches the right edge (now).
  const last = points[points.length - 1]!;
  if (last.x < box.width) points.push({ x: box.width, y: last.y });
  // Too few samples for a visible length: the first rate is drawn a little further back.
  const first = points[0]!;
  const start = Math.max(0, Math.min(first.x, box.width - MIN_LINE_PX));
  if (start < first.x) points.unshift({ x: start, y: first.y });
  return points;
}

/** Points as an SVG `points` attribute. */
export function pointsAttribute(points: readonly Point[]): string {
  return points.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
}
