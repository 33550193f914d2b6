// A capture as the replay server reads it: checked once for something to send, read from any seq
// as often as clients ask (past the memory window from the capture file, in bounded memory), and
// searched for the place where a client's Last-Event-ID resumes.

import type { SseRecord } from '../../common/records.ts';
import { storeRecordChunks } from '../store/record-sources.ts';
import type { RecordStore } from '../store/record-store.ts';
import { ReplayError } from './replay-error.ts';

export interface RecordingSummary {
  records: number;
  events: number;
  comments: number;
  retries: number;
  /** Recorded reconnects: where the replay closes the connection and the next request goes on. */
  reconnects: number;
  /** Recorded time from the first record to the last. */
  durationMs: number;
  /**
   * Whether the records carry their receive times. A text/event-stream file does not (every
   * record has the file's time), so its events go out without gaps at any speed.
   */
  timed: boolean;
}

/** Where a client's timeline begins. */
export interface ResumePoint {
  /** The first record to read. */
  fromSeq: number;
  /** The recorded time at which the client's clock starts; unset: the first record read. */
  originTime?: number;
}

/** Last-Event-ID look-ups remembered (a reconnecting client sends the same few ids again). */
const MAX_REMEMBERED_IDS = 256;

export class ReplayRecording {
  readonly summary: RecordingSummary;
  /**
   * Whether the recording has open records: a capture made by a session (which says how its
   * stream ended), rather than a bare text/event-stream file (whose stream simply ends).
   */
  readonly hasOpens: boolean;
  readonly #store: RecordStore;
  readonly #resumes = new Map<string, ResumePoint | null>();

  private constructor(store: RecordStore, summary: RecordingSummary, hasOpens: boolean) {
    this.#store = store;
    this.summary = summary;
    this.hasOpens = hasOpens;
  }

  /** Checks that the store holds events to send; a ReplayError says why not. */
  static async check(store: RecordStore): Promise<ReplayRecording> {
    const { total, byKind } = store.counts();
    if (total === 0) {
      throw new ReplayError('not-a-capture', 'it holds no records: it is not a capture, an export or a text/event-stream file');
    }
    if (byKind.event === 0) {
      const what = byKind.open === 0 ? 'no connection opened' : 'the stream sent none';
      throw new ReplayError('no-events', `it holds no events to replay (${total} records, ${what})`);
    }
    const [first] = await store.range(store.firstSeq, 1);
    const [last] = await store.latest(1);
    const durationMs = first && last ? Math.max(0, last.time - first.time) : 0;
    const summary: RecordingSummary = {
      records: total,
      events: byKind.event,
      comments: byKind.comment,
      retries: byKind.retry,
      reconnects: byKind.reconnect,
      durationMs,
      timed: durationMs > 0,
    };
    return new ReplayRecording(store, summary, byKind.open > 0);
  }

  get firstSeq(): number {
    return this.#store.firstSeq;
  }

  /** The records from `fromSeq` on, in order, a chunk (one read) at a time. */
  records(fromSeq: number): AsyncIterable<SseRecord[]> {
    return storeRecordChunks(this.#store, { fromSeq });
  }

  /**
   * Where a client that sends this Last-Event-ID resumes: at the first place in the recording
   * where the last event ID became `lastEventId`: after the event that carried it as its id, or
   * after the reconnect that sent it, or before the first event that had it from an id-only block
   * (which left no record). null when the recording never had that ID.
   */
  async resumeAfter(lastEventId: string): Promise<ResumePoint | null> {
    const known = this.#resumes.get(lastEventId);
    if (known !== undefined) return known;
    const found = await this.#find(lastEventId);
    if (this.#resumes.size >= MAX_REMEMBERED_IDS) this.#resumes.delete(this.#resumes.keys().next().value!);
    this.#resumes.set(lastEventId, found);
    return found;
  }

  async #find(lastEventId: string): Promise<ResumePoint | null> {
    let previousTime: number | undefined;
    for await (const chunk of this.records(this.firstSeq)) {
      for (const record of chunk) {
        if (record.kind === 'event' && record.lastEventId === lastEventId) {
          if (record.id !== undefined) return { fromSeq: record.seq + 1, originTime: record.time };
          return { fromSeq: record.seq, ...(previousTime === undefined ? {} : { originTime: previousTime }) };
        }
        if (record.kind === 'reconnect' && record.lastEventId === lastEventId) return { fromSeq: record.seq + 1, originTime: record.time };
        previousTime = record.time;
      }
    }
    return null;
  }
}
