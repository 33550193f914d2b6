// For the replay tests: a recording as a store, the fields of records that a replay must keep
// (everything but seq, time, sizes and the connection details a new server cannot repeat), and
// a replay server that the test stops.

import type { SseRecord } from '../../main/common/records.ts';
import { ReplayServer, type ReplayServerEvent, type ReplayServerOptions } from '../../main/core/replay/replay-server.ts';
import { RecordStore } from '../../main/core/store/record-store.ts';

/** A read-only-like store holding these records (in memory). */
export function storeOf(records: readonly SseRecord[]): RecordStore {
  const store = new RecordStore();
  store.append(records);
  return store;
}

/** What a replay must reproduce of a record: the stream's fields, and the shape of the connection. */
export function replayedFields(record: SseRecord): Record<string, unknown> {
  switch (record.kind) {
    case 'event':
      return record.id === undefined
        ? { kind: 'event', type: record.type, data: record.data, lastEventId: record.lastEventId }
        : { kind: 'event', type: record.type, data: record.data, lastEventId: record.lastEventId, id: record.id };
    case 'comment':
      return { kind: 'comment', text: record.text };
    case 'retry':
      return { kind: 'retry', ms: record.ms };
    case 'open':
      return { kind: 'open', status: record.status, attempt: record.attempt };
    case 'reconnect':
      return { kind: 'reconnect', lastEventId: record.lastEventId, reason: record.reason, delayMs: record.delayMs };
    case 'closed':
      return { kind: 'closed', reason: record.reason };
    case 'error':
      return { kind: 'error', status: record.status };
  }
}

const started = new Set<ReplayServer>();

/** Starts a replay server (stopped by stopReplayServers) and collects its events. */
export async function startReplay(options: ReplayServerOptions): Promise<{ server: ReplayServer; events: ReplayServerEvent[] }> {
  const server = await ReplayServer.start(options);
  started.add(server);
  const events: ReplayServerEvent[] = [];
  server.onEvent((event) => events.push(event));
  return { server, events };
}

export async function stopReplayServers(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop()));
  started.clear();
}
