// How times read in a session view: receive times as local HH:MM:SS.mmm, the gap to the previous
// row ("+12 ms", "+1.5 s"), durations ("3.0 s") and "time since" ("4 s ago").

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Local wall-clock time with milliseconds: "14:03:07.042". */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.${pad(date.getMilliseconds(), 3)}`;
}

/** The gap between two rows: "+0 ms", "+12 ms", "+1.25 s", "+2 min 5 s"; "" when unknown. */
export function formatDelta(deltaMs: number | null): string {
  if (deltaMs === null || !Number.isFinite(deltaMs)) return '';
  const sign = deltaMs < 0 ? '−' : '+';
  return sign + formatDuration(Math.abs(deltaMs));
}

/** A duration: "12 ms", "1.25 s", "42.0 s", "2 min 5 s", "3 h 4 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${totalSeconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Seconds with one decimal, the way reconnect delays read: "3.0 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** How long ago, coarse and steady (for a label updated each second): "just now", "12 s ago". */
export function formatAgo(elapsedMs: number): string {
  if (elapsedMs < 1000) return 'just now';
  const seconds = Math.floor(elapsedMs / 1000);
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min ago`;
}

/** Full local date and time for a tooltip or the raw view: "2025-11-21 14:03:07.042". */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)} ${formatClock(epochMs)}`;
}
