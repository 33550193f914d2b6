// Records as the engine makes them, for mounting components: events with increasing seq and
// receive times, and the lifecycle kinds a timeline shows between them.

import type { SseRecord } from '../../../main/contract.ts';

/** 2025-01-02 14:03:07.042, local time: what the row's clock column should read. */
export const BASE_TIME = new Date(2025, 0, 2, 14, 3, 7, 42).getTime();

type Event = Extract<SseRecord, { kind: 'event' }>;

export function eventRecord(seq: number, type: string, data: string, extra: Partial<Event> = {}): Event {
  return {
    kind: 'event',
    seq,
    time: BASE_TIME + seq * 10,
    type,
    data,
    lastEventId: extra.id ?? '',
    size: sseSize(type, data, extra.id),
    ...extra,
  };
}

export function commentRecord(seq: number, text: string): SseRecord {
  return { kind: 'comment', seq, time: BASE_TIME + seq * 10, text, size: text.length + 3 };
}

export function errorRecord(seq: number, message: string, extra: Partial<Extract<SseRecord, { kind: 'error' }>> = {}): SseRecord {
  return { kind: 'error', seq, time: BASE_TIME + seq * 10, message, ...extra };
}

export function openRecord(seq: number, headers: Record<string, string>): SseRecord {
  return {
    kind: 'open',
    seq,
    time: BASE_TIME + seq * 10,
    status: 200,
    headers,
    url: 'http://127.0.0.1:9/stream',
    ttfbMs: 12.4,
    attempt: 1,
  };
}

/** The bytes of the block on the wire (LF line ends). */
function sseSize(type: string, data: string, id: string | undefined): number {
  let block = type === 'message' ? '' : `event: ${type}\n`;
  if (id !== undefined) block += `id: ${id}\n`;
  for (const line of data.split('\n')) block += `data: ${line}\n`;
  return new TextEncoder().encode(block + '\n').length;
}
