// Builds numbered records for the store tests: events with varied types and data, plus the other
// kinds mixed in, in the exact shapes a Session emits.

import type { SseRecord } from '../../../main/common/records.ts';

const TIME = 1_700_000_000_000;

/** Records seq first..first+count-1: every 10th a comment, every 25th an error, others events. */
export function makeRecords(count: number, first = 1): SseRecord[] {
  const records: SseRecord[] = [];
  for (let seq = first; seq < first + count; seq++) records.push(makeRecord(seq));
  return records;
}

export function makeRecord(seq: number): SseRecord {
  const time = TIME + seq;
  if (seq % 10 === 0) return { seq, time, kind: 'comment', text: `keep-alive ${seq}`, size: 14 };
  if (seq % 25 === 3) return { seq, time, kind: 'error', message: `Connection lost: reset ${seq}`, retryInMs: 1000 };
  const type = seq % 7 === 0 ? 'ping' : 'message';
  const data = JSON.stringify({ n: seq, choices: [{ delta: { content: `word${seq % 13} é` } }] });
  return { seq, time, kind: 'event', type, data, lastEventId: String(seq), id: String(seq), size: data.length + 20 };
}
