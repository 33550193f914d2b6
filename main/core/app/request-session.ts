// The session of a request (a connection of kind `request`: a POST to a model endpoint, say). It
// is opened `ready` and sends nothing until the user says Send; each send is a run: a LiveSession
// of its own, with its own capture and timeline and an answer, that never reconnects (its
// resolved request has reconnecting off). When a run's stream closes (a normal end, a failure, or
// Stop), its capture is finished and its figures are written into the capture's meta file, which
// the run history lists. Sending again stops a run still going and starts the next.
//
// The tab shows the current run: records, search, export and state are that run's LiveSession's,
// under this session's id, so the view sees a new capture (an empty timeline) at every send.

import type { SessionStatsView, SessionView } from '../../contract.ts';
import type { SseRecord } from '../../common/records.ts';
import { runSummaryOf } from '../../common/run-summary.ts';
import { redactUrl } from '../export/redact-secrets.ts';
import { RecordStore } from '../store/record-store.ts';
import { messageOf } from './command-errors.ts';
import { LiveSession, type LiveSessionDeps, type LiveStart } from './live-session.ts';
import { SessionAnswer, type AnswerEnd } from './session-answer.ts';
import type { AppSession } from './session-registry.ts';
import { SessionSearch } from './session-search.ts';
import { SessionMeter } from './stats-meter.ts';

export class RequestSession implements AppSession {
  readonly id: string;
  readonly connectionId: string;
  readonly #deps: LiveSessionDeps;
  #start: LiveStart;
  #run: LiveSession | null = null;
  /** What a tab shows before the first send: nothing. */
  readonly #empty = { store: new RecordStore(), search: new SessionSearch(), meter: new SessionMeter() };
  #paused = false;
  /** Runs whose figures are being written (dispose waits for them). */
  readonly #ending = new Set<Promise<void>>();
  /** Runs whose stream's end was seen (a run stopped by the next send or by closing the tab is not). */
  readonly #ended = new WeakSet<LiveSession>();
  /** Sends (and resets) run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  #disposed = false;

  constructor(id: string, start: LiveStart, deps: LiveSessionDeps) {
    this.id = id;
    this.connectionId = start.connection.id;
    this.#start = start;
    this.#deps = deps;
  }

  get store(): RecordStore {
    return this.#run?.store ?? this.#empty.store;
  }

  get search(): SessionSearch {
    return this.#run?.search ?? this.#empty.search;
  }

  get captureId(): string | null {
    return this.#run?.captureId ?? null;
  }

  /** The current run; null before the first send. */
  get run(): LiveSession | null {
    return this.#run;
  }

  /** The current run's status bar numbers; nothing counted before the first send. */
  statsView(): SessionStatsView {
    return this.#run?.statsView() ?? this.#empty.meter.view(this.id);
  }

  /** The current run's original record (a live run keeps those it masked), for an unredacted export. */
  unmasked(record: SseRecord): SseRecord {
    return this.#run ? this.#run.unmasked(record) : record;
  }

  /** The connection as it applies to the next send. */
  get start(): LiveStart {
    return this.#start;
  }

  view(): SessionView {
    if (this.#run) return this.#run.view();
    const { connection, resolved } = this.#start;
    return {
      id: this.id,
      connectionId: this.connectionId,
      kind: 'request',
      name: connection.name,
      url: redactUrl(resolved.display.url),
      status: 'ready',
      detail: null,
      closedReason: null,
      captureId: null,
      paused: this.#paused,
      catchingUp: false,
      lastSeq: 0,
      firstSeq: 0,
    };
  }

  /**
   * Sends the request (the connection as saved now, when `start` is given): the run still going
   * stops, and a new one starts with its own capture. Resolves once the new run is connecting.
   */
  send(start?: LiveStart): Promise<void> {
    return this.#enqueue(async () => {
      if (start) this.#start = start;
      await this.#endRun();
      if (this.#disposed) return;
      const answer = new SessionAnswer({
        sessionId: this.id,
        push: this.#deps.push,
        setting: this.#start.connection.llmFormat,
        active: true,
      });
      const run = await LiveSession.open(this.id, this.#start, this.#deps, answer);
      if (this.#disposed) {
        await run.dispose();
        return;
      }
      answer.onEnd = (end) => {
        this.#ended.add(run);
        const ending = this.#runEnded(run, end).finally(() => this.#ending.delete(ending));
        this.#ending.add(ending);
      };
      run.setPaused(this.#paused);
      this.#run = run;
      run.connect();
    });
  }

  /** Stops the run that is going (its capture keeps what came). */
  stop(): void {
    this.#run?.disconnect();
  }

  /** Back to ready: the tab shows no run (the runs' captures stay in the library). */
  reset(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#endRun();
      this.#deps.push('session:state', this.view());
    });
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    if (this.#run) this.#run.setPaused(paused);
    else this.#deps.push('session:state', this.view());
  }

  /** The saved connection changed: its name and rules apply to the run now, its request at the next send. */
  updateConnection(connection: LiveStart['connection'], resolved: LiveStart['resolved'] | null): void {
    this.#start = { connection, resolved: resolved ?? this.#start.resolved };
    this.#run?.updateConnection(connection, resolved);
    if (!this.#run) this.#deps.push('session:state', this.view());
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#queue;
    await this.#endRun();
    await Promise.all(this.#ending);
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Stops the run on show (if it is still going, its figures so far are written as a stopped run's). */
  async #endRun(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    this.#run = null;
    await run.dispose();
    const view = this.#ended.has(run) ? null : run.answer.view();
    if (view) await this.#runEnded(run, { closedReason: 'closed', answer: view.answer, figures: view.figures });
    else void this.#deps.capturesChanged();
  }

  /** The run's stream closed: its capture is finished and its figures go into its meta file. */
  async #runEnded(run: LiveSession, end: AnswerEnd): Promise<void> {
    const summary = runSummaryOf(end.answer, end.figures, end.closedReason);
    try {
      await run.finishCapture();
      await this.#deps.library.recordRun(run.captureId, summary);
    } catch (error) {
      this.#deps.notice({
        level: 'warning',
        message: `The figures of "${this.#start.connection.name}"'s run could not be saved with its capture: ${messageOf(error)}`,
      });
    }
    await this.#deps.capturesChanged();
  }
}
