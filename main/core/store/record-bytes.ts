// What a record weighs, roughly: the text it holds plus what an object of its kind costs around it.
// Sizes memory (the memory windows' share of the app's budget) and live pushes; an estimate cheap
// enough for every record of a firehose, not a measurement (the bench measures: store-bench.ts).

import type { SseRecord } from '../../common/records.ts';

/** An event record beyond its strings' characters (object, slot, string headers); see store-bench.ts. */
const EVENT_OVERHEAD = 150;
/** Any other record beyond its text. */
const RECORD_OVERHEAD = 100;
/** An open record: its response headers, typically a dozen short ones. */
const OPEN_BYTES = 1024;

export function recordBytes(record: SseRecord): number {
  switch (record.kind) {
    case 'event':
      return EVENT_OVERHEAD + record.data.length + record.type.length;
    case 'comment':
      return RECORD_OVERHEAD + record.text.length;
    case 'open':
      return OPEN_BYTES;
    case 'error':
      return RECORD_OVERHEAD + record.message.length + (record.body?.length ?? 0);
    case 'closed':
      return RECORD_OVERHEAD + (record.message?.length ?? 0);
    default:
      return RECORD_OVERHEAD;
  }
}
