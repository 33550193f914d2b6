// The LLM answer of one session's capture: an LlmTracker fed the session's records as they are
// stored, pushed to the views as 'session:answer' at most every ANSWER_PUSH_MS while it changes
// (the first change after a quiet spell goes at once), and handed out whole for a tab opened later
// ('sessions:answer'). Which sessions have one: a request's run, a feed whose connection names a
// format, and a capture whose meta file says so or whose events the merger recognises as an LLM
// shape (plain text alone does not count: any feed of text lines would look like an answer).
//
// When the format setting changes, the answer is merged again from the stored records; records
// that arrive meanwhile are stored, and read from the store once it is caught up with.

import type { PushSink, SessionAnswerView } from '../../contract.ts';
import type { LlmAnswer, LlmFigures, LlmFormatSetting } from '../../common/llm-answer.ts';
import { parseLlmFormat } from '../../common/llm-format.ts';
import type { ClosedReason, SseRecord } from '../../common/records.ts';
import { LlmTracker } from '../llm/llm-tracker.ts';
import type { RecordStore } from '../store/record-store.ts';

export const ANSWER_PUSH_MS = 100;
/** Records handed to the tracker at a time while reading a store. */
const READ_BATCH = 1000;

export interface SessionAnswerOptions {
  sessionId: string;
  push: PushSink;
  /** The connection's format setting; null when no saved connection is known (a reopened capture). */
  setting: LlmFormatSetting | null;
  /** Track at all: a session of no LLM stream keeps nothing. */
  active: boolean;
  intervalMs?: number;
}

/** How the stream ended, with the answer and figures at that moment. */
export interface AnswerEnd {
  closedReason: ClosedReason;
  answer: LlmAnswer;
  figures: LlmFigures;
}

export class SessionAnswer {
  readonly #sessionId: string;
  readonly #push: PushSink;
  readonly #intervalMs: number;
  #setting: LlmFormatSetting | null;
  #active: boolean;
  #tracker: LlmTracker;
  #captureId: string | null = null;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Merging again from the store: live records are not fed meanwhile (the store has them). */
  #rebuild: AbortController | null = null;
  #disposed = false;
  /** Called once the stream's `closed` record has been added (a request's run ends). */
  onEnd: ((end: AnswerEnd) => void) | null = null;

  constructor(options: SessionAnswerOptions) {
    this.#sessionId = options.sessionId;
    this.#push = options.push;
    this.#intervalMs = options.intervalMs ?? ANSWER_PUSH_MS;
    this.#setting = options.setting;
    this.#active = options.active;
    this.#tracker = newTracker(options.setting);
  }

  get active(): boolean {
    return this.#active;
  }

  /** The capture the records go to (a new capture starts a new answer: see reset). */
  setCapture(captureId: string | null): void {
    this.#captureId = captureId;
  }

  add(records: readonly SseRecord[]): void {
    if (!this.#active || this.#disposed || this.#rebuild) return;
    this.#tracker.add(records);
    this.#changed();
    this.#checkEnd(records);
  }

  /** A new, empty capture (a cleared timeline). */
  reset(captureId: string | null): void {
    this.#rebuild?.abort();
    this.#rebuild = null;
    this.#captureId = captureId;
    this.#tracker = newTracker(this.#setting);
    this.#changed();
  }

  /**
   * The format setting changed: merge again from the stored records. `active` says whether the
   * session is an LLM stream now (a feed that names a format becomes one).
   */
  async changeSetting(setting: LlmFormatSetting, active: boolean, store: RecordStore): Promise<void> {
    if (setting === this.#setting && active === this.#active) return;
    this.#setting = setting;
    this.#active = active;
    this.#rebuild?.abort();
    this.#tracker = newTracker(setting);
    if (!active) {
      this.#rebuild = null;
      return;
    }
    const rebuild = new AbortController();
    this.#rebuild = rebuild;
    await readStore(store, this.#tracker, rebuild.signal);
    if (rebuild.signal.aborted || this.#disposed) return;
    this.#rebuild = null;
    this.#changed();
  }

  /** Merges a whole store (a capture reopened from disk); resolves once done. */
  async readAll(store: RecordStore, signal?: AbortSignal): Promise<void> {
    await readStore(store, this.#tracker, signal);
  }

  /**
   * Whether what was merged is an LLM answer: a shape was recognised, and either the capture is
   * known to be one (`llmCapture`: a request's run, a format named) or the shape is not plain text.
   */
  recognised(): boolean {
    const format = this.#tracker.answer().format;
    return format !== null && (this.llmCapture || format !== 'text');
  }

  /** Set for a capture whose meta file says it holds an LLM stream. */
  llmCapture = false;

  activate(): void {
    this.#active = true;
  }

  /** The answer now; null for a session that is no LLM stream. */
  view(): SessionAnswerView | null {
    if (!this.#active) return null;
    const answer = this.#tracker.answer();
    return {
      sessionId: this.#sessionId,
      captureId: this.#captureId,
      setting: this.#setting,
      answer,
      figures: this.#tracker.figures(answer),
    };
  }

  dispose(): void {
    this.#disposed = true;
    this.#rebuild?.abort();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Something changed: pushed now after a quiet spell, else when the interval is up. */
  #changed(): void {
    this.#dirty = true;
    if (this.#timer !== null) return;
    this.#send();
    this.#arm();
  }

  #arm(): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#dirty) return; // quiet: no timer until the next change
      this.#send();
      this.#arm();
    }, this.#intervalMs);
  }

  #send(): void {
    this.#dirty = false;
    const view = this.#disposed ? null : this.view();
    if (view) this.#push('session:answer', view);
  }

  #checkEnd(records: readonly SseRecord[]): void {
    const last = records[records.length - 1];
    if (last?.kind !== 'closed' || !this.onEnd) return;
    // The end goes out with the final answer, not an interval later.
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#send();
    const answer = this.#tracker.answer();
    this.onEnd({ closedReason: last.reason, answer, figures: this.#tracker.figures(answer) });
  }
}

function newTracker(setting: LlmFormatSetting | null): LlmTracker {
  const parsed = parseLlmFormat(setting ?? 'auto');
  return new LlmTracker(parsed.ok ? parsed.format : { kind: 'auto' });
}

/**
 * Feeds every record of the store to the tracker, in order: those older than the memory window
 * from the capture file, then the window's. Records stored meanwhile are read too: the loop goes
 * on until it has reached the newest.
 */
async function readStore(store: RecordStore, tracker: LlmTracker, signal?: AbortSignal): Promise<void> {
  let next = store.firstSeq;
  if (next === 0) next = 1;
  for (;;) {
    if (signal?.aborted) return;
    const window = store.window;
    const windowFirst = window.length > 0 ? window.firstSeq : store.lastSeq + 1;
    if (next < windowFirst) {
      let batch: SseRecord[] = [];
      await store.scanCapture(
        next,
        windowFirst,
        (record) => {
          batch.push(record);
          if (batch.length === READ_BATCH) {
            tracker.add(batch);
            batch = [];
          }
        },
        signal ?? new AbortController().signal,
      );
      tracker.add(batch);
      next = windowFirst;
      continue;
    }
    // The window's part is read in one go: nothing is stored while this runs.
    const batch: SseRecord[] = [];
    for (let index = window.lowerBound(next); index < window.length; index++) {
      batch.push(window.at(index));
      if (batch.length === READ_BATCH) tracker.add(batch.splice(0));
    }
    tracker.add(batch);
    return;
  }
}
