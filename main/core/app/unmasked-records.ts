// The records of a live session as they arrived, for those its SecretMask changed before they
// were stored. Capture files never hold a secret, so this memory is the only place an export the
// user asks to be unredacted can take them from. Bounded by bytes: past the bound, records are
// still masked and stored as always, and `missed` counts the originals not kept, so the export can
// say so.

import type { SseRecord } from '../../common/records.ts';

/** Rough bytes of originals kept per session: secrets are rare in records, so this is generous. */
export const MAX_UNMASKED_BYTES = 16 * 1024 * 1024;

export class UnmaskedRecords {
  readonly #bySeq = new Map<number, SseRecord>();
  readonly #maxBytes: number;
  #bytes = 0;
  #missed = 0;

  constructor(maxBytes = MAX_UNMASKED_BYTES) {
    this.#maxBytes = maxBytes;
  }

  /** Keeps the originals of the records the mask changed (`masked[i]` is `original[i]` as stored). */
  keep(original: readonly SseRecord[], masked: readonly SseRecord[]): void {
    if (original === masked) return;
    for (let i = 0; i < original.length; i++) {
      const record = original[i]!;
      if (masked[i] === record) continue;
      const weight = weightOf(record);
      if (this.#bytes + weight > this.#maxBytes) {
        this.#missed++;
        continue;
      }
      this.#bytes += weight;
      this.#bySeq.set(record.seq, record);
    }
  }

  /** The record as it arrived, when it was masked and kept; otherwise the record itself. */
  original(record: SseRecord): SseRecord {
    return this.#bySeq.get(record.seq) ?? record;
  }

  /** Masked records whose originals were not kept (the bound was reached). */
  get missed(): number {
    return this.#missed;
  }

  /** A new timeline: the originals of the old one go. */
  clear(): void {
    this.#bySeq.clear();
    this.#bytes = 0;
    this.#missed = 0;
  }
}

/** About the record's size in memory: its text fields, plus a fixed overhead. */
function weightOf(record: SseRecord): number {
  switch (record.kind) {
    case 'event':
      return 64 + record.data.length + record.type.length + record.lastEventId.length;
    case 'comment':
      return 64 + record.text.length;
    default:
      return 64 + JSON.stringify(record).length;
  }
}
