// Byte sizes and counts as a status bar shows them: "512 B", "1.5 KB", "12 MB"; "1,234,567".

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary multiples with short names (as developer tools show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: "1,234,567". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A rate: "0", "3.5", "1.2k", "52k" per second. */
export function formatRate(perSecond: number): string {
  if (perSecond < 10) return String(Math.round(perSecond * 10) / 10);
  if (perSecond < 1000) return String(Math.round(perSecond));
  if (perSecond < 10_000) return `${(perSecond / 1000).toFixed(1)}k`;
  return `${Math.round(perSecond / 1000)}k`;
}
