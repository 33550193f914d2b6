// Small measuring helpers shared by the bench sections.

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Heap plus external memory after two full collections. */
export function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** A flat string, as the decoder hands the parser (template literals build ropes). */
export function flat(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}
