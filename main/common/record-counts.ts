// Running counts of a session's records: the total, per kind, and per event type, kept up to date
// as records arrive so the view never has to scan for them.

import { RECORD_KINDS, type RecordKind, type SseRecord } from './records.ts';

/** Distinct event types counted by name; a hostile stream with more lands in `otherTypes`. */
export const MAX_COUNTED_TYPES = 1000;

export interface TypeCount {
  type: string;
  count: number;
}

export interface StoreCounts {
  total: number;
  byKind: Record<RecordKind, number>;
  /** Event records per type, most frequent first. */
  byType: TypeCount[];
  /** Events whose type arrived after MAX_COUNTED_TYPES distinct types were already counted. */
  otherTypes: number;
}

export class RecordCounts {
  total = 0;
  readonly #byKind = emptyKinds();
  readonly #byType = new Map<string, number>();
  #otherTypes = 0;

  add(record: SseRecord): void {
    this.total++;
    this.#byKind[record.kind]++;
    if (record.kind !== 'event') return;
    const count = this.#byType.get(record.type);
    if (count !== undefined) this.#byType.set(record.type, count + 1);
    else if (this.#byType.size < MAX_COUNTED_TYPES) this.#byType.set(record.type, 1);
    else this.#otherTypes++;
  }

  snapshot(): StoreCounts {
    const byType = [...this.#byType].map(([type, count]) => ({ type, count }));
    byType.sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    return { total: this.total, byKind: { ...this.#byKind }, byType, otherTypes: this.#otherTypes };
  }
}

function emptyKinds(): Record<RecordKind, number> {
  const kinds = {} as Record<RecordKind, number>;
  for (const kind of RECORD_KINDS) kinds[kind] = 0;
  return kinds;
}
