// Backpressure for one slow page: while its socket is backed up, live record batches are not sent
// to it but remembered, per session, as one skipped range of seqs. When the page catches up, the
// range goes out as `skipped` (merged into the next batch, or alone as {records: [], skipped}),
// and the page fetches those records by range if it wants them. Nothing is lost: every record is
// in the store; only its live delivery to that page is.

import type { SeqRange } from '../common/records.ts';
import type { PushPayload } from '../contract.ts';

export type RecordsPush = PushPayload<'session:records'>;

export class RecordBacklog {
  readonly #skipped = new Map<string, SeqRange>();

  get isEmpty(): boolean {
    return this.#skipped.size === 0;
  }

  /** The page is behind: this batch is not sent, only remembered as skipped. */
  skip(batch: RecordsPush): void {
    const range = union(union(this.#skipped.get(batch.sessionId) ?? null, batch.skipped), rangeOf(batch));
    if (range) this.#skipped.set(batch.sessionId, range);
  }

  /** The batch to send now that the page keeps up: what it missed before is added to `skipped`. */
  merge(batch: RecordsPush): RecordsPush {
    const missed = this.#skipped.get(batch.sessionId);
    if (!missed) return batch;
    this.#skipped.delete(batch.sessionId);
    return { ...batch, skipped: union(missed, batch.skipped) };
  }

  /** One marker per session with skipped records, and forget them. */
  drain(): RecordsPush[] {
    const markers = [...this.#skipped].map(([sessionId, skipped]) => ({ sessionId, records: [], skipped }));
    this.#skipped.clear();
    return markers;
  }
}

function rangeOf(batch: RecordsPush): SeqRange | null {
  const first = batch.records[0];
  const last = batch.records.at(-1);
  return first && last ? { fromSeq: first.seq, toSeq: last.seq } : null;
}

/** The smallest range covering both (ranges of one session are contiguous as they come). */
function union(a: SeqRange | null, b: SeqRange | null): SeqRange | null {
  if (!a) return b;
  if (!b) return a;
  return { fromSeq: Math.min(a.fromSeq, b.fromSeq), toSeq: Math.max(a.toSeq, b.toSeq) };
}
