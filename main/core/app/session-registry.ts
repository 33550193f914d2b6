// Every open session (a tab in the view), live or reopened from a capture, by id ("s-1", "s-2"...).
// Looking up an id that is not open is a 'not-found' error that names it.

import type { SessionStatsView, SessionView } from '../../contract.ts';
import type { SseRecord } from '../../common/records.ts';
import type { RecordStore } from '../store/record-store.ts';
import { notFound } from './command-errors.ts';
import type { SessionSearch } from './session-search.ts';

/** What every open session offers the record, search and export commands. */
export interface AppSession {
  readonly id: string;
  /** The store its timeline is in now (a clear replaces it). */
  readonly store: RecordStore;
  readonly captureId: string | null;
  readonly search: SessionSearch;
  view(): SessionView;
  /** The status bar's numbers now; null while they are still being counted. */
  statsView(): SessionStatsView | null;
  /**
   * The record as it arrived, for an export the user asks to be unredacted: a live session keeps
   * the originals of the records whose secrets it masked; otherwise the record as stored.
   */
  unmasked(record: SseRecord): SseRecord;
  /** Disconnects (when live) and lets go of the store; the capture stays on disk. */
  dispose(): Promise<void>;
}

export class SessionRegistry {
  readonly #sessions = new Map<string, AppSession>();
  readonly #changed: () => void;
  #nextNumber = 1;

  /** `changed`: a session was added or removed (the memory budget is shared again). */
  constructor(changed: () => void = () => {}) {
    this.#changed = changed;
  }

  nextId(): string {
    return `s-${this.#nextNumber++}`;
  }

  add(session: AppSession): void {
    this.#sessions.set(session.id, session);
    this.#changed();
  }

  get(id: string): AppSession {
    const session = this.#sessions.get(id);
    if (!session) throw notFound(`No session ${id}`);
    return session;
  }

  remove(id: string): void {
    if (this.#sessions.delete(id)) this.#changed();
  }

  all(): AppSession[] {
    return [...this.#sessions.values()];
  }

  views(): SessionView[] {
    return this.all().map((session) => session.view());
  }

  /** The open session showing this capture, if any. */
  byCapture(captureId: string): AppSession | undefined {
    return this.all().find((session) => session.captureId === captureId);
  }
}
