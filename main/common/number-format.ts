// Byte sizes and counts as every front shows them (the CLI's `captures`, progress and export
// lines, the app's sidebar, status bar and settings), so one file reads the same everywhere.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/**
 * "512 B", "1.5 KB", "12 MB": binary multiples (1 KB = 1024 B, the settings' captures cap in MB
 * counts the same way), one decimal below 10, whole numbers from there; '' for no size at all.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  // 1023.6 KB would round to "1024 KB": that is "1.0 MB".
  if (value >= 1023.5 && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: "1,234,567". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}
