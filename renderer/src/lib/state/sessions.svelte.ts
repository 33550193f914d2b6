// The open sessions, one tab each: their order, the active tab, each session's SessionView as the
// main process pushes it ('sessions:changed', 'session:state'), and an unread count per tab (records
// that arrived while it was not the active one). Opening (a connection, a capture, an imported
// file), focusing, reordering and closing tabs.

import { SvelteMap } from 'svelte/reactivity';
import type { ApiClient } from '../api/index.ts';
import type { SessionView, SseRecord } from '../../../../main/contract.ts';
import { dotStateOf, type DotState } from '../session-dot.ts';

export class SessionsState {
  /** Tab order: session ids. */
  order = $state.raw<string[]>([]);
  activeId = $state<string | null>(null);
  readonly views = new SvelteMap<string, SessionView>();
  readonly unread = new SvelteMap<string, number>();
  /** Sessions whose last connection attempt failed for good (shown as an error dot). */
  readonly #failed = new SvelteMap<string, boolean>();
  /** Sessions this view closed, so late pushes about them do not bring their tabs back. */
  readonly #closedIds = new Set<string>();
  readonly #api: ApiClient;
  #unsubscribes: (() => void)[] = [];

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** The tabs, in order. */
  get tabs(): SessionView[] {
    return this.order.flatMap((id) => this.views.get(id) ?? []);
  }

  get active(): SessionView | null {
    return (this.activeId && this.views.get(this.activeId)) || null;
  }

  start(): void {
    this.#unsubscribes = [
      this.#api.on('sessions:changed', (views) => this.#applyList(views)),
      this.#api.on('session:state', (view) => this.#applyView(view)),
      this.#api.on('session:records', ({ sessionId, records }) => this.#applyRecords(sessionId, records)),
    ];
    void this.refresh();
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribes) unsubscribe();
    this.#unsubscribes = [];
  }

  async refresh(): Promise<void> {
    try {
      this.#applyList(await this.#api.call('sessions:list'));
    } catch {
      // Kept as it was: the tabs still show what they had.
    }
  }

  dotState(id: string): DotState | null {
    const view = this.views.get(id);
    return view ? dotStateOf(view, this.#failed.get(id) ?? false) : null;
  }

  /** The first tab's session for a saved connection, if one is open. */
  sessionForConnection(connectionId: string): SessionView | null {
    for (const id of this.order) {
      const view = this.views.get(id);
      if (view?.connectionId === connectionId) return view;
    }
    return null;
  }

  /** Focuses the connection's tab, or starts a session for it in a new tab. */
  async openConnection(connectionId: string): Promise<SessionView> {
    const existing = this.sessionForConnection(connectionId);
    if (existing) {
      this.activate(existing.id);
      return existing;
    }
    return this.#adopt(await this.#api.call('sessions:open', { connectionId }));
  }

  /** Reopens a capture from disk as an offline tab (or focuses its tab). */
  async openCapture(captureId: string): Promise<SessionView> {
    const existing = this.tabs.find((view) => view.status === 'offline' && view.captureId === captureId);
    if (existing) {
      this.activate(existing.id);
      return existing;
    }
    return this.#adopt(await this.#api.call('captures:open', { captureId }));
  }

  /**
   * Imports an exported file (NDJSON, JSON or text/event-stream) as an offline tab. The desktop
   * app asks for the file with its own dialog (no path); browser mode names it. Null: cancelled.
   */
  async importCapture(path?: string): Promise<SessionView | null> {
    const view = await this.#api.call('captures:import', path === undefined ? {} : { path });
    return view ? this.#adopt(view) : null;
  }

  activate(id: string): void {
    if (!this.views.has(id)) return;
    this.activeId = id;
    this.unread.set(id, 0);
  }

  /** Activates the next (+1) or previous (-1) tab, wrapping around. */
  cycle(step: 1 | -1): void {
    if (this.order.length === 0) return;
    const index = this.activeId ? this.order.indexOf(this.activeId) : -1;
    const next = this.order[(index + step + this.order.length) % this.order.length];
    if (next) this.activate(next);
  }

  /** Moves a tab one place left (-1) or right (+1). */
  move(id: string, step: 1 | -1): void {
    const from = this.order.indexOf(id);
    if (from === -1) return;
    this.moveTo(id, from + step);
  }

  /** Moves a tab to an index in the tab order (clamped). */
  moveTo(id: string, index: number): void {
    const from = this.order.indexOf(id);
    if (from === -1) return;
    const rest = this.order.filter((other) => other !== id);
    const to = Math.max(0, Math.min(rest.length, index));
    if (to === from) return;
    this.order = [...rest.slice(0, to), id, ...rest.slice(to)];
  }

  /** Closes a tab: the main process disconnects and forgets the session (its capture stays). */
  async close(id: string): Promise<void> {
    this.#forget(id);
    await this.#api.call('sessions:dispose', { sessionId: id });
  }

  /** Takes in a session this view asked for, and makes it the active tab. */
  #adopt(view: SessionView): SessionView {
    this.#set(view);
    if (!this.order.includes(view.id)) this.order = [...this.order, view.id];
    this.activate(view.id);
    return view;
  }

  #applyList(all: SessionView[]): void {
    // A list sent before a close was carried out still names the closed session: leave it out.
    const views = all.filter((view) => !this.#closedIds.has(view.id));
    const ids = new Set(views.map((view) => view.id));
    for (const id of this.order) if (!ids.has(id)) this.#forget(id);
    for (const view of views) this.#set(view);
    const added = views.filter((view) => !this.order.includes(view.id)).map((view) => view.id);
    if (added.length > 0) this.order = [...this.order, ...added];
    if (!this.activeId && this.order[0]) this.activate(this.order[0]);
  }

  #applyView(view: SessionView): void {
    // Only news of a known tab: new sessions arrive with 'sessions:changed' or a command's answer.
    if (this.views.has(view.id)) this.#set(view);
  }

  #set(view: SessionView): void {
    const before = this.views.get(view.id);
    this.views.set(view.id, view);
    if (view.status === 'closed' && before?.status !== 'closed') void this.#checkFailure(view.id);
  }

  /**
   * Whether a session that closed did so because it failed: its last record says (a 'closed'
   * record with reason 'failed'). Asked for when it closes, as its records may not have reached
   * this view (paused, or closed before the page loaded).
   */
  async #checkFailure(id: string): Promise<void> {
    try {
      const [last] = await this.#api.call('records:latest', { sessionId: id, count: 1 });
      if (last?.kind === 'closed' && this.views.has(id)) this.#failed.set(id, last.reason === 'failed');
    } catch {
      // Without an answer the dot stays as the records said.
    }
  }

  #applyRecords(sessionId: string, records: SseRecord[]): void {
    if (!this.views.has(sessionId)) return;
    for (const record of records) {
      if (record.kind === 'open') this.#failed.set(sessionId, false);
      else if (record.kind === 'closed') this.#failed.set(sessionId, record.reason === 'failed');
    }
    if (sessionId !== this.activeId) this.unread.set(sessionId, (this.unread.get(sessionId) ?? 0) + records.length);
  }

  #forget(id: string): void {
    const index = this.order.indexOf(id);
    if (index === -1 && !this.views.has(id)) return;
    this.#closedIds.add(id);
    this.order = this.order.filter((other) => other !== id);
    this.views.delete(id);
    this.unread.delete(id);
    this.#failed.delete(id);
    if (this.activeId === id) {
      const neighbour = this.order[Math.min(index, this.order.length - 1)] ?? null;
      this.activeId = null;
      if (neighbour) this.activate(neighbour);
    }
  }
}
