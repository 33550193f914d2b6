// One session's LLM answer in the renderer: the latest 'session:answer' push (or what
// 'sessions:answer' gives when its tab is shown after the pushes began), how it is shown (Markdown
// or plain text), which events the text selected in it came from, and changing the connection's
// format setting. The session model makes it, hands it the pushes, and resets it when the session
// starts a new capture (a new run); the side pane asks for it when shown.

import { messageOf } from '../../../../main/common/error-message.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import type { SessionAnswerView } from '../../../../main/contract.ts';

export type AnswerMode = 'markdown' | 'plain';

const NO_SEQS: ReadonlySet<number> = new Set();

export class AnswerState {
  /** The answer of the session's current capture; null while none came (or it is no LLM stream). */
  view = $state.raw<SessionAnswerView | null>(null);
  mode = $state<AnswerMode>('markdown');
  /** The events the text selected in the answer came from (the timeline marks them). */
  selectedSeqs = $state.raw<ReadonlySet<number>>(NO_SEQS);
  /** A format change in flight, and the last one's refusal. */
  saving = $state(false);
  formatError = $state<string | null>(null);
  readonly #api: ApiClient;
  readonly #sessionId: string;
  #captureId: string | null;
  #load = 0;

  constructor(api: ApiClient, sessionId: string, captureId: string | null) {
    this.#api = api;
    this.#sessionId = sessionId;
    this.#captureId = captureId;
  }

  /** A push: kept when it is about the capture on show. */
  apply(view: SessionAnswerView): void {
    if (view.captureId !== this.#captureId) return;
    this.#load++; // newer than any answer being fetched
    this.view = view;
  }

  /** Asks for the answer now (a tab opened after the pushes began, or a new capture). */
  async load(): Promise<void> {
    const load = ++this.#load;
    try {
      const view = await this.#api.call('sessions:answer', { sessionId: this.#sessionId });
      if (load === this.#load && (view === null || view.captureId === this.#captureId)) this.view = view;
    } catch {
      // A session that just went away: its model is disposed of.
    }
  }

  /** The session shows another capture (a new run, a cleared timeline): its answer starts empty. */
  reset(captureId: string | null): void {
    this.#captureId = captureId;
    this.#load++;
    this.view = null;
    this.selectedSeqs = NO_SEQS;
  }

  selectSeqs(seqs: readonly number[]): void {
    if (seqs.length === 0 && this.selectedSeqs.size === 0) return;
    this.selectedSeqs = seqs.length === 0 ? NO_SEQS : new Set(seqs);
  }

  /** Saves the connection's format setting; its answer is merged again and pushed. */
  async setFormat(connectionId: string, setting: string): Promise<boolean> {
    this.saving = true;
    this.formatError = null;
    try {
      await this.#api.call('connections:set-llm-format', { id: connectionId, llmFormat: setting });
      return true;
    } catch (error) {
      this.formatError = messageOf(error);
      return false;
    } finally {
      this.saving = false;
    }
  }
}
