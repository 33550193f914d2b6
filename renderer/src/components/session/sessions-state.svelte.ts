// The open sessions, one tab each, and the only subscriber to the session pushes
// ('sessions:changed', 'session:state', 'session:records', 'session:stats', 'session:answer'): it makes a session's
// model when the session first appears (in a push, the 'sessions:list' answer or a command's
// answer), hands each push to its session's model, and disposes the model when the session goes.
// Also the tab order, the active tab and the unread counts (kept by the main process as the
// workspace, so they come back after a reload or a restart); opening (a connection, a capture, an
// imported file), focusing, reordering and closing tabs, and showing a record of a capture (the
// jump from an alert).

import { SvelteMap } from 'svelte/reactivity';
import type { SessionView } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { FrameScheduler } from '../../lib/timeline/frame-scheduler.ts';
import { SessionModel } from './session-model.svelte.ts';
import { WorkspaceSync } from './workspace-sync.ts';

export class SessionsState {
  /** Tab order: session ids. */
  order = $state.raw<string[]>([]);
  activeId = $state<string | null>(null);
  readonly #models = new SvelteMap<string, SessionModel>();
  /** Sessions this view closed, so late pushes about them do not bring their tabs back. */
  readonly #closedIds = new Set<string>();
  readonly #api: ApiClient;
  readonly #workspace: WorkspaceSync;
  /**
   * Records that came to background tabs since the last frame: added to their unread counts once a
   * frame, so fifty busy feeds redraw their tab badges sixty times a second, not a thousand.
   */
  readonly #unreadPending = new Map<string, number>();
  readonly #unreadFrame = new FrameScheduler(() => this.#flushUnread());
  #unsubscribes: (() => void)[] = [];

  constructor(api: ApiClient) {
    this.#api = api;
    this.#workspace = new WorkspaceSync(api);
  }

  /** The tabs' models, in order. */
  get tabs(): SessionModel[] {
    return this.order.flatMap((id) => this.#models.get(id) ?? []);
  }

  get active(): SessionModel | null {
    return (this.activeId && this.#models.get(this.activeId)) || null;
  }

  start(): void {
    this.#unsubscribes = [
      this.#api.on('sessions:changed', (views) => this.#applyList(views)),
      this.#api.on('session:state', (view) => this.#add(view)),
      this.#api.on('session:records', (push) => {
        const model = this.#models.get(push.sessionId);
        if (!model) return;
        model.applyRecords(push);
        if (model.id !== this.activeId) {
          this.#unreadPending.set(model.id, (this.#unreadPending.get(model.id) ?? 0) + push.records.length);
          this.#unreadFrame.request();
        }
      }),
      this.#api.on('session:stats', (stats) => this.#models.get(stats.sessionId)?.applyStats(stats)),
      this.#api.on('session:answer', (answer) => this.#models.get(answer.sessionId)?.applyAnswer(answer)),
    ];
    void this.#load();
  }

  dispose(): void {
    this.#workspace.dispose();
    this.#unreadFrame.cancel();
    this.#unreadPending.clear();
    for (const unsubscribe of this.#unsubscribes) unsubscribe();
    this.#unsubscribes = [];
    for (const model of this.#models.values()) model.dispose();
    this.#models.clear();
    this.order = [];
    this.activeId = null;
  }

  async refresh(): Promise<void> {
    try {
      this.#applyList(await this.#api.call('sessions:list'));
    } catch {
      // Kept as it was: the tabs still show what they had.
    }
  }

  /** The first tab's session for a saved connection, if one is open. */
  sessionForConnection(connectionId: string): SessionModel | null {
    return this.tabs.find((model) => model.view.connectionId === connectionId) ?? null;
  }

  /**
   * Shows a record of a capture: the tab that shows the capture (live or reopened), or the capture
   * reopened in a new tab; the record is selected and scrolled to (read from the capture when it
   * has left memory). `seq` null: only the tab.
   */
  async showRecord(captureId: string, seq: number | null): Promise<SessionModel> {
    const model = this.tabs.find((candidate) => candidate.view.captureId === captureId) ?? (await this.openCapture(captureId));
    this.activate(model.id);
    if (seq !== null) model.reveal(seq);
    return model;
  }

  /** Focuses the connection's tab, or starts a session for it in a new tab. */
  async openConnection(connectionId: string): Promise<SessionModel> {
    const existing = this.sessionForConnection(connectionId);
    if (existing) {
      this.activate(existing.id);
      return existing;
    }
    return this.#adopt(await this.#api.call('sessions:open', { connectionId }));
  }

  /** Reopens a capture from disk as an offline tab (or focuses its tab). */
  async openCapture(captureId: string): Promise<SessionModel> {
    const existing = this.tabs.find((model) => model.view.status === 'offline' && model.view.captureId === captureId);
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
  async importCapture(path?: string): Promise<SessionModel | null> {
    const view = await this.#api.call('captures:import', path === undefined ? {} : { path });
    return view ? this.#adopt(view) : null;
  }

  activate(id: string): void {
    const model = this.#models.get(id);
    if (!model) return;
    this.activeId = id;
    model.unread = 0;
    this.#unreadPending.delete(id);
    this.#workspaceChanged();
  }

  /** Activates the next (+1) or previous (-1) tab, wrapping around. */
  cycle(step: 1 | -1): void {
    if (this.order.length === 0) return;
    const index = this.activeId ? this.order.indexOf(this.activeId) : -1;
    const next = this.order[(index + step + this.order.length) % this.order.length];
    if (next) this.activate(next);
  }

  /** Moves a tab to an index in the tab order (clamped). */
  moveTo(id: string, index: number): void {
    const from = this.order.indexOf(id);
    if (from === -1) return;
    const rest = this.order.filter((other) => other !== id);
    const to = Math.max(0, Math.min(rest.length, index));
    if (to === from) return;
    this.order = [...rest.slice(0, to), id, ...rest.slice(to)];
    this.#workspaceChanged();
  }

  /** Closes a tab: the main process disconnects and forgets the session (its capture stays). */
  async close(id: string): Promise<void> {
    this.#forget(id);
    await this.#api.call('sessions:dispose', { sessionId: id });
  }

  #flushUnread(): void {
    for (const [id, count] of this.#unreadPending) {
      const model = this.#models.get(id);
      if (model && id !== this.activeId) model.unread += count;
    }
    this.#unreadPending.clear();
  }

  /** The sessions, then the workspace: the tab order and the selected tab of the last visit. */
  async #load(): Promise<void> {
    await this.refresh();
    const workspace = await this.#workspace.load();
    if (!workspace) return;
    const known = workspace.sessionIds.filter((id) => this.#models.has(id));
    if (known.length > 0) this.order = [...known, ...this.order.filter((id) => !known.includes(id))];
    if (workspace.activeSessionId && this.#models.has(workspace.activeSessionId)) this.activate(workspace.activeSessionId);
  }

  #workspaceChanged(): void {
    this.#workspace.changed(this.order, this.activeId);
  }

  /** Takes in a session this view asked for, and makes it the active tab. */
  #adopt(view: SessionView): SessionModel {
    const model = this.#add(view)!;
    this.activate(model.id);
    return model;
  }

  #applyList(views: SessionView[]): void {
    const ids = new Set(views.map((view) => view.id));
    for (const id of this.order) if (!ids.has(id)) this.#forget(id);
    for (const view of views) this.#add(view);
    if (!this.activeId && this.order[0]) this.activate(this.order[0]);
  }

  /**
   * A session's newer view: its model takes it, or a model is made for a session seen for the
   * first time (a new tab at the end). Not for a session this view closed: a push or an answer
   * sent before the close was carried out still names it. Undefined for those.
   */
  #add(view: SessionView): SessionModel | undefined {
    if (this.#closedIds.has(view.id)) return undefined;
    let model = this.#models.get(view.id);
    if (model) {
      model.applyView(view);
    } else {
      model = new SessionModel(this.#api, view);
      this.#models.set(view.id, model);
      this.order = [...this.order, view.id];
      this.#workspaceChanged();
    }
    return model;
  }

  #forget(id: string): void {
    this.#closedIds.add(id);
    const model = this.#models.get(id);
    if (!model) return;
    const index = this.order.indexOf(id);
    model.dispose();
    this.#models.delete(id);
    this.order = this.order.filter((other) => other !== id);
    if (this.activeId === id) {
      const neighbour = this.order[Math.min(index, this.order.length - 1)] ?? null;
      this.activeId = null;
      if (neighbour) this.activate(neighbour);
    }
    this.#workspaceChanged();
  }
}
