// A capture reopened from disk (or imported from a file) as a read-only session: the same
// records, ranges, search and export as a live one, and nothing to connect.

import type { SessionView } from '../../contract.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { AppSession } from './session-registry.ts';
import { SessionSearch } from './session-search.ts';

export interface OfflineCapture {
  captureId: string;
  name: string;
  url: string | null;
  store: RecordStore;
}

export class OfflineSession implements AppSession {
  readonly id: string;
  readonly captureId: string;
  readonly store: RecordStore;
  readonly search = new SessionSearch();
  readonly #url: string | null;
  #name: string;
  #paused = false;

  constructor(id: string, capture: OfflineCapture) {
    this.id = id;
    this.captureId = capture.captureId;
    this.store = capture.store;
    this.#name = capture.name;
    this.#url = capture.url;
  }

  view(): SessionView {
    return {
      id: this.id,
      connectionId: null,
      name: this.#name,
      url: this.#url,
      status: 'offline',
      detail: null,
      captureId: this.captureId,
      paused: this.#paused,
      lastSeq: this.store.lastSeq,
      firstSeq: this.store.firstSeq,
    };
  }

  /** Nothing arrives live here; the flag is kept so the view's toggle reads back what it set. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
  }

  rename(name: string): void {
    this.#name = name;
  }

  async dispose(): Promise<void> {
    this.search.reset();
  }
}
