// Sizes, counts and rates as the status bar shows them. Sizes and counts are main/common's
// (number-format.ts), the same text the CLI prints; the rate is the renderer's own.

export { formatBytes, formatCount } from '../../../../main/common/number-format.ts';

/** A rate: "0", "3.5", "1.2k", "52k" per second. */
export function formatRate(perSecond: number): string {
  if (perSecond < 10) return String(Math.round(perSecond * 10) / 10);
  if (perSecond < 1000) return String(Math.round(perSecond));
  if (perSecond < 10_000) return `${(perSecond / 1000).toFixed(1)}k`;
  return `${Math.round(perSecond / 1000)}k`;
}
