// What the command handlers share: the injected dependencies, the saved configuration, the
// captures library and its alert book (once started), the open sessions, the stats and overview
// tickers, the workspace (the tabs kept for the next start) and the running exports, and the
// pushes that tell every view a list changed.

import type { CaptureView, Notice, PushSink } from '../../contract.ts';
import type { ConfigStore } from '../config/config-store.ts';
import { SettingsSchema, type SavedConnection, type Settings } from '../../common/config-schema.ts';
import type { SecretCipher } from '../config/secrets.ts';
import type { TlsOptions } from '../sse/node-fetch.ts';
import type { CaptureInfo, CaptureLibrary } from '../store/capture-library.ts';
import type { AlertBook } from '../monitor/alert-book.ts';
import { failed, notFound } from './command-errors.ts';
import { ExportJobs } from './export-jobs.ts';
import { FetchClients, type ClosableFetch } from './fetch-clients.ts';
import { LiveSession, type LiveSessionDeps, type LiveStart } from './live-session.ts';
import { IngestSlices } from './ingest-slices.ts';
import { LoadWatch } from './load-watch.ts';
import { MemoryBudget } from './memory-budget.ts';
import type { FileDestinations } from './file-destinations.ts';
import { OverviewTicker } from './overview-ticker.ts';
import { SessionRegistry } from './session-registry.ts';
import { StatsTicker } from './stats-meter.ts';
import { Workspace } from './workspace.ts';

export interface AppCoreDeps {
  /** The app's data folder: config.json and captures/ live here. */
  dataDir: string;
  cipher: SecretCipher;
  /** The HTTP client for a connection's TLS options (Electron: net.request; browser mode: undici); closed on stop when it can be. */
  fetchFor(tls: TlsOptions): ClosableFetch;
  files: FileDestinations;
  push: PushSink;
  /** A desktop notification, where the front end can show one. */
  notify?(title: string, body: string): void;
  transport: 'electron' | 'browser';
  version: string;
  platform: string;
  /** The built-in demo feed's stream URL (it takes a free port each launch); null when it is not running. */
  demoFeedUrl: string | null;
  /** Epoch ms; injectable for tests. */
  clock?: () => number;
  /** How long captures named in a size-cap warning stay before they are deleted (default a minute; tests). */
  sizeCapGraceMs?: number;
  /** Where unexpected errors are reported (never with secrets: only what the config store returns). */
  log?(message: string, error?: unknown): void;
}

export class AppState {
  readonly deps: AppCoreDeps;
  readonly clock: () => number;
  readonly push: PushSink;
  readonly sessions = new SessionRegistry(() => this.budget.rebalance());
  /** settings.memoryBudgetMb, shared by the open sessions' stores. */
  readonly budget = new MemoryBudget(SettingsSchema.parse({}).memoryBudgetMb, () => this.sessions.all().map((session) => session.store));
  /** The live sessions read their connections in slices of the event loop's turns. */
  readonly ingest = new IngestSlices();
  /** Overload degrades live delivery before anything else (see load-watch.ts). */
  readonly load = new LoadWatch((overloaded) => {
    for (const session of this.sessions.all()) if (session instanceof LiveSession) session.setOverloaded(overloaded);
  });
  readonly stats: StatsTicker;
  /** Pushes the overview's tiles while a live session is open. */
  readonly overview: OverviewTicker;
  readonly workspace: Workspace;
  readonly exports = new ExportJobs();
  /** One HTTP client per TLS setting (and CA file content), shared by the sessions that use it. */
  readonly fetchClients: FetchClients;
  #config: ConfigStore | null = null;
  #library: CaptureLibrary | null = null;
  #book: AlertBook | null = null;
  #capturesPush: Promise<void> | null = null;
  #capturesAgain = false;
  #connectionsPush = false;
  #environmentsPush = false;

  constructor(deps: AppCoreDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? Date.now;
    this.push = deps.push;
    this.stats = new StatsTicker(deps.push, this.clock);
    this.overview = new OverviewTicker(deps.push, () => this.liveSessions().map((session) => session.tile()));
    this.workspace = new Workspace(deps.dataDir, this.sessions);
    this.fetchClients = new FetchClients((tls) => deps.fetchFor(tls));
  }

  get config(): ConfigStore {
    if (!this.#config) throw failed('SSE Scope is still starting');
    return this.#config;
  }

  get library(): CaptureLibrary {
    if (!this.#library) throw failed('SSE Scope is still starting');
    return this.#library;
  }

  /** The library once started; null before (stop() may come first). */
  libraryIfStarted(): CaptureLibrary | null {
    return this.#library;
  }

  /** Every alert of the captures folder. */
  get alerts(): AlertBook {
    if (!this.#book) throw failed('SSE Scope is still starting');
    return this.#book;
  }

  attach(config: ConfigStore, library: CaptureLibrary, book: AlertBook): void {
    this.#config = config;
    this.#library = library;
    this.#book = book;
    this.budget.setMegabytes(config.getSettings().memoryBudgetMb);
  }

  /** Resolves once every alert change so far is in its log. */
  async alertsFlushed(): Promise<void> {
    await this.#book?.flush();
  }

  liveSessions(): LiveSession[] {
    return this.sessions.all().filter((session) => session instanceof LiveSession);
  }

  settings(): Settings {
    return this.config.getSettings();
  }

  notice(notice: Notice): void {
    this.push('app:notice', notice);
  }

  requireConnection(id: string): SavedConnection {
    const connection = this.config.listConnections().find((candidate) => candidate.id === id);
    if (!connection) throw notFound(`No connection ${id}`);
    return connection;
  }

  /** The connection as saved now and its request with the active environment (throws ResolveError). */
  liveStart(connectionId: string): LiveStart {
    const connection = this.requireConnection(connectionId);
    return { connection, resolved: this.config.resolve(connectionId) };
  }

  liveDeps(): LiveSessionDeps {
    return {
      library: this.library,
      push: this.push,
      stats: this.stats,
      fetchFor: (tls) => this.fetchClients.get(tls),
      windowSize: () => this.settings().windowSize,
      windowBytes: () => this.budget.newWindowBytes(),
      maxCaptureBytes: () => megabytes(this.settings().maxCaptureMb),
      captureBacklogBytes: () => this.budget.captureBacklogBytes(),
      overloaded: () => this.load.overloaded,
      ingestSlice: () => this.ingest.ready(),
      book: this.alerts,
      clock: this.clock,
      capturesChanged: () => this.capturesChanged(),
      notice: (notice) => this.notice(notice),
    };
  }

  /**
   * Pushes the connection list once for all the changes made in this turn: a write answers a
   * burst of saves at once, and the list (a copy of every connection) is sent once, before the
   * answers, not once per save.
   */
  connectionsChanged(): void {
    if (this.#connectionsPush) return;
    this.#connectionsPush = true;
    queueMicrotask(() => {
      this.#connectionsPush = false;
      this.push('connections:changed', this.config.listConnections());
    });
  }

  /** Like connectionsChanged: one push for the changes of this turn. */
  environmentsChanged(): void {
    if (this.#environmentsPush) return;
    this.#environmentsPush = true;
    queueMicrotask(() => {
      this.#environmentsPush = false;
      this.push('environments:changed', {
        environments: this.config.listEnvironments(),
        activeId: this.config.getActiveEnvironment()?.id ?? null,
      });
    });
  }

  /** Waits for the config's writes; retries one that failed. Nothing to do before the config is open. */
  flushConfig(): Promise<void> {
    return this.#config?.flush() ?? Promise.resolve();
  }

  sessionsChanged(): void {
    this.push('sessions:changed', this.sessions.views());
  }

  async captureViews(): Promise<CaptureView[]> {
    return (await this.library.list()).map(captureView);
  }

  /** Pushes the capture list; changes that come while it is being read are pushed once more after. */
  capturesChanged(): Promise<void> {
    if (this.#capturesPush) {
      this.#capturesAgain = true;
      return this.#capturesPush;
    }
    const run = async () => {
      do {
        this.#capturesAgain = false;
        try {
          this.push('captures:changed', await this.captureViews());
        } catch (error) {
          this.deps.log?.('Listing the captures failed', error);
        }
      } while (this.#capturesAgain);
      this.#capturesPush = null;
    };
    this.#capturesPush = run();
    return this.#capturesPush;
  }
}

export function captureView(info: CaptureInfo): CaptureView {
  return {
    id: info.id,
    name: info.name,
    connectionId: info.connection?.id ?? null,
    kind: info.kind,
    run: info.run,
    url: info.url,
    startedAt: info.startedAt,
    endedAt: info.endedAt,
    recording: info.recording,
    sizeBytes: info.sizeBytes,
    records: info.records,
    kept: info.kept,
  };
}

/** A setting in megabytes as bytes (null stays null: no limit). */
export function megabytes(value: number | null): number | null {
  return value === null ? null : value * 1024 * 1024;
}
