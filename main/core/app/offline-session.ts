// A capture reopened from disk (or imported from a file) as a read-only session: the same
// records, ranges, search and export as a live one, and nothing to connect. Its status bar's
// numbers are counted once, from its records, by the meter live sessions use; so is its LLM
// answer (open-session.ts), and the request it recorded comes from its meta file.

import type { SessionStatsView, SessionView } from '../../contract.ts';
import type { SseRecord } from '../../common/records.ts';
import type { ConnectionKind } from '../../common/config-schema.ts';
import type { StoredRequest } from '../store/capture-meta.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { SessionAnswer } from './session-answer.ts';
import type { AppSession } from './session-registry.ts';
import { SessionSearch } from './session-search.ts';
import { SessionMeter } from './stats-meter.ts';

/** Records handed to the meter at a time while counting. */
const COUNT_BATCH = 1000;

export interface OfflineCapture {
  captureId: string;
  name: string;
  url: string | null;
  store: RecordStore;
  /** What its meta file says (null when it does not). */
  kind: ConnectionKind | null;
  request: StoredRequest | null;
  answer: SessionAnswer;
}

export class OfflineSession implements AppSession {
  readonly id: string;
  readonly captureId: string;
  readonly store: RecordStore;
  readonly search = new SessionSearch();
  readonly kind: ConnectionKind | null;
  /** The request as its capture recorded it, secrets masked. */
  readonly request: StoredRequest | null;
  readonly answer: SessionAnswer;
  readonly #url: string | null;
  /** Aborted on dispose: stops counting the stats of a tab that was closed. */
  readonly #disposed = new AbortController();
  #name: string;
  #paused = false;
  #stats: SessionStatsView | null = null;

  constructor(id: string, capture: OfflineCapture) {
    this.id = id;
    this.captureId = capture.captureId;
    this.store = capture.store;
    this.#name = capture.name;
    this.#url = capture.url;
    this.kind = capture.kind;
    this.request = capture.request;
    this.answer = capture.answer;
  }

  view(): SessionView {
    return {
      id: this.id,
      connectionId: null,
      kind: this.kind,
      name: this.#name,
      url: this.#url,
      status: 'offline',
      detail: null,
      closedReason: null,
      captureId: this.captureId,
      paused: this.#paused,
      catchingUp: false,
      lastSeq: this.store.lastSeq,
      firstSeq: this.store.firstSeq,
    };
  }

  /** A capture file never holds a secret: what it holds is all there is. */
  unmasked(record: SseRecord): SseRecord {
    return record;
  }

  /** Nothing arrives live here; the flag is kept so the view's toggle reads back what it set. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
  }

  rename(name: string): void {
    this.#name = name;
  }

  /**
   * The numbers a live session's status bar shows, at rest: event count and bytes (events and
   * comments, as the live meter counts them), the last event's time, and the status and time to
   * first byte of the capture's last connection. The memory window's records are counted at
   * once; older ones (a capture larger than the window) are read from the capture file. Null
   * when the session was disposed meanwhile.
   */
  async countStats(): Promise<SessionStatsView | null> {
    const meter = new SessionMeter();
    const window = this.store.window;
    const inMemoryFrom = window.length > 0 ? window.firstSeq : this.store.lastSeq + 1;
    const signal = this.#disposed.signal;
    if (this.store.firstSeq > 0 && this.store.firstSeq < inMemoryFrom) {
      let batch: SseRecord[] = [];
      await this.store.scanCapture(
        this.store.firstSeq,
        inMemoryFrom,
        (record) => {
          batch.push(record);
          if (batch.length === COUNT_BATCH) {
            meter.record(batch);
            batch = [];
          }
        },
        signal,
      );
      meter.record(batch);
    }
    if (signal.aborted) return null;
    for (let start = 0; start < window.length; start += COUNT_BATCH) {
      const batch: SseRecord[] = [];
      for (let index = start; index < Math.min(window.length, start + COUNT_BATCH); index++) batch.push(window.at(index));
      meter.record(batch);
    }
    // Never sampled, so its rates are 0: nothing arrives here.
    this.#stats = meter.view(this.id);
    return this.#stats;
  }

  /** What countStats() counted; null until it has. */
  statsView(): SessionStatsView | null {
    return this.#stats;
  }

  /** Aborted once the tab is closed (reading the capture for its numbers or answer stops). */
  get signal(): AbortSignal {
    return this.#disposed.signal;
  }

  async dispose(): Promise<void> {
    this.#disposed.abort();
    this.answer.dispose();
    this.search.reset();
  }
}
