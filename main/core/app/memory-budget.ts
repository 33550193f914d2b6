// The app's one memory budget (settings.memoryBudgetMb), shared by every open session. A quarter
// of it is for the sessions' memory windows, split evenly: a window past its share gives up its
// oldest records, which stay in the capture file and are read back by range when shown. A
// twentieth bounds the records all live sessions together leave waiting for their capture files:
// past its part of that, a session's connection is read more slowly (paced-fetch.ts). The rest is
// the runtime's own (about 100 MB), what the garbage collector has not yet collected (a firehose
// makes garbage as fast as it makes records), the HTTP clients' buffers, pushes and searches.
// Nothing here drops a record: what leaves memory is on disk.

import { CAPTURE_BACKLOG_BYTES, type RecordStore } from '../store/record-store.ts';

const MB = 1024 * 1024;
/** The part of the budget the memory windows share. */
const WINDOWS_SHARE = 0.25;
/** The part all capture files' backlogs share. */
const BACKLOGS_SHARE = 0.05;
/** A backlog smaller than this would write the file in slivers. */
const MIN_BACKLOG_BYTES = 256 * 1024;

export class MemoryBudget {
  readonly #stores: () => readonly RecordStore[];
  #bytes: number;

  /** `stores`: the stores of the open sessions, whose windows share the budget. */
  constructor(megabytes: number, stores: () => readonly RecordStore[]) {
    this.#bytes = megabytes * MB;
    this.#stores = stores;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** A new budget (the setting changed); every window fits its new share at once. */
  setMegabytes(megabytes: number): void {
    this.#bytes = megabytes * MB;
    this.rebalance();
  }

  /** What the window of a store about to open may weigh (its share once it is open). */
  newWindowBytes(): number {
    return this.#windowShare(this.#stores().length + 1);
  }

  /** Sessions opened or closed: every window gets the even share, giving up its oldest records if over. */
  rebalance(): void {
    const stores = this.#stores();
    const share = this.#windowShare(stores.length);
    for (const store of stores) store.window.setMaxBytes(share);
  }

  /** Bytes of records one live session may leave waiting for its capture file. */
  captureBacklogBytes(): number {
    const share = (this.#bytes * BACKLOGS_SHARE) / Math.max(1, this.#stores().length);
    return Math.max(MIN_BACKLOG_BYTES, Math.min(CAPTURE_BACKLOG_BYTES, share));
  }

  #windowShare(sessions: number): number {
    return (this.#bytes * WINDOWS_SHARE) / Math.max(1, sessions);
  }
}
