// The one contract between the renderer and the main process: every command (renderer -> main,
// request/response) and every push (main -> renderer), with their payload types. Transports
// (Electron IPC in the app, a WebSocket in browser mode) and the renderer's api client are generic
// over these two maps; channel names exist only here. The main process validates every command
// payload with the schemas in main/core/app/command-schemas.ts, which are checked against these
// types at compile time.
//
// This module is imported by the renderer too: it imports types only, and only from main/common/
// (records, config schemas, the search language's values), which runs in any process.

import type { ConnectionInput, Environment, EnvironmentInput, SavedConnection, Settings } from './common/config-schema.ts';
import type { NeededVariable } from './common/import-preview.ts';
import type { ClosedReason, SeqRange, SseRecord } from './common/records.ts';
import type { FieldMatch } from './common/query-matcher.ts';
import type { QueryError } from './common/query-parser.ts';
import type { StoreCounts } from './common/record-counts.ts';

// ---- Values that cross the boundary --------------------------------------------------------

export type {
  ClosedReason,
  ConnectionInput,
  Environment,
  EnvironmentInput,
  FieldMatch,
  QueryError,
  SavedConnection,
  SeqRange,
  Settings,
  SseRecord,
  StoreCounts,
};

/** What a live session is doing; `offline` for a capture reopened from disk. */
export type SessionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'offline';

export interface SessionView {
  id: string;
  /** The saved connection it was started from; null for an imported or reopened capture. */
  connectionId: string | null;
  name: string;
  /** The URL as requested, with secrets redacted. */
  url: string | null;
  status: SessionStatus;
  /** Why the session is in this state: the last error, the reconnect delay... */
  detail: string | null;
  /** Why a closed session closed (its last 'closed' record's reason); null while it is not closed. */
  closedReason: ClosedReason | null;
  /** The capture file the records are written to (or were read from). */
  captureId: string | null;
  /** Live delivery to this view is paused (records are still stored). */
  paused: boolean;
  /**
   * Live delivery is behind the stream: the app is overloaded (pushes are coalesced and leave
   * records out, named as skipped), or the capture file made the connection be read more slowly
   * within the last second. Nothing is lost; the view may say it is catching up.
   */
  catchingUp: boolean;
  /** Seq of the newest stored record (0 when empty). */
  lastSeq: number;
  /** Seq of the oldest stored record (0 when empty). */
  firstSeq: number;
}

export interface SessionStatsView {
  sessionId: string;
  eventsPerSecond: number;
  bytesPerSecond: number;
  totalEvents: number;
  totalBytes: number;
  /** Epoch ms of the newest event, null before the first. */
  lastEventAt: number | null;
  /** Status and time to first byte of the current (or last) connection. */
  httpStatus: number | null;
  ttfbMs: number | null;
}

export interface CaptureView {
  id: string;
  name: string;
  url: string | null;
  startedAt: number;
  endedAt: number | null;
  recording: boolean;
  sizeBytes: number;
  records: number | null;
  /** Kept by the user (or saved on purpose with `capture --save`): the size cap never deletes it. */
  kept: boolean;
}

export type SearchAnswer =
  | { status: 'done'; query: string; total: number; offset: number; hits: { record: SseRecord; matches: FieldMatch[] }[] }
  | { status: 'invalid'; query: string; error: QueryError }
  | { status: 'cancelled'; query: string };

export const EXPORT_FORMAT_NAMES = ['ndjson', 'json', 'csv', 'sse'] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

export type ExportScope = { kind: 'all' } | { kind: 'search'; query: string } | { kind: 'selection'; seqs: number[] };

/** Where an export (or a collection file) went: a file the user picked, or a download (browser mode). */
export type FileOutcome =
  | { status: 'saved'; path: string; records: number; bytes: number }
  | { status: 'download'; url: string; fileName: string; records: number; bytes: number }
  | { status: 'cancelled' };

/** "Copy as cURL" and "Copy as fetch". */
export const COPY_FORMATS = ['curl', 'fetch'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** What `connections:import` reads: a curl command, or a collection file (JSON). */
export type ImportRequest = { kind: 'curl'; text: string } | { kind: 'collection'; text: string };

/**
 * What an import would do, shown before anything is saved: what it creates, under which names,
 * and the safety-relevant settings it would change (which need the user's consent).
 */
export interface ImportPlan {
  /** The connections it would create, in order, with the names they would get. */
  connections: {
    name: string;
    url: string;
    method: string;
    /** The name in the file, when it was taken here and the connection gets another. */
    renamedFrom: string | null;
    /** Safety-relevant settings this connection would bring, in words ("Turns TLS certificate verification off..."). */
    safety: string[];
  }[];
  environments: { name: string; variables: number; renamedFrom: string | null }[];
  /** Things the user should know: secrets left out, curl options ignored. */
  warnings: string[];
  /** Every safety change, each naming its connection: importing them needs `confirmSafety`. */
  safety: string[];
}

export interface ImportSummary {
  connections: SavedConnection[];
  environments: Environment[];
  /** Things the user should know: renamed items, secrets left out, curl options ignored. */
  warnings: string[];
  /** Variables the imported connections use that no imported environment defines (a curl command's $SHELL_VARIABLES). */
  neededVariables?: NeededVariable[];
}

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  /** Secrets are encrypted by an OS keychain; otherwise `secretsBackend` says what happens. */
  secretsEncrypted: boolean;
  secretsBackend: string;
  /** The built-in demo feed, when it runs. */
  demoUrl: string | null;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

// ---- The maps -------------------------------------------------------------------------------

/** A command's request and response types, carried by a value that exists only for its type. */
interface Command<Request, Response> {
  readonly request: Request;
  readonly response: Response;
}
const command = <Request, Response>() => ({}) as Command<Request, Response>;
const push = <Payload>() => ({}) as { readonly payload: Payload };

type SessionRef = { sessionId: string };

export const commands = {
  'app:info': command<void, AppInfo>(),

  'connections:list': command<void, SavedConnection[]>(),
  /** Creates (no id) or updates (id of an existing connection) a saved connection. */
  'connections:save': command<{ id?: string; connection: ConnectionInput }, SavedConnection>(),
  'connections:duplicate': command<{ id: string }, SavedConnection>(),
  'connections:delete': command<{ id: string }, void>(),
  'connections:reorder': command<{ ids: string[] }, void>(),
  /** What an import would create and which safety settings it would change; saves nothing. */
  'connections:import-preview': command<ImportRequest, ImportPlan>(),
  /**
   * Creates what the source holds (all of it, or nothing). An import that changes safety settings
   * (see ImportPlan.safety) is refused unless `confirmSafety`: the user saw them and agreed.
   */
  'connections:import': command<ImportRequest & { confirmSafety?: boolean }, ImportSummary>(),
  'connections:export': command<{ connectionIds?: string[]; includeSecrets: boolean }, FileOutcome>(),
  /**
   * The connection as a curl command or a fetch snippet, with its variables filled in from the
   * active environment (or `environmentId`); secret values show as '••••' when `maskSecrets`.
   */
  'connections:copy-as': command<{ id: string; format: CopyFormat; maskSecrets: boolean; environmentId?: string | null }, string>(),

  'environments:list': command<void, { environments: Environment[]; activeId: string | null }>(),
  'environments:save': command<{ id?: string; environment: EnvironmentInput }, Environment>(),
  'environments:delete': command<{ id: string }, void>(),
  'environments:activate': command<{ id: string | null }, void>(),

  'sessions:list': command<void, SessionView[]>(),
  /** Starts a live session for a saved connection (a new capture) and connects. */
  'sessions:open': command<{ connectionId: string }, SessionView>(),
  /** Connects a closed live session again; its timeline goes on. */
  'sessions:connect': command<SessionRef, SessionView>(),
  'sessions:disconnect': command<SessionRef, SessionView>(),
  /** Drops the connection and reconnects at once. */
  'sessions:reconnect': command<SessionRef, SessionView>(),
  /** Pauses or resumes live delivery to the view (records are still captured). */
  'sessions:pause': command<SessionRef & { paused: boolean }, SessionView>(),
  /** Starts an empty timeline (a new capture) for the session; the old capture is kept. */
  'sessions:clear': command<SessionRef, SessionView>(),
  /** Closes the tab: disconnects and forgets the session (its capture stays on disk). */
  'sessions:dispose': command<SessionRef, void>(),

  'records:range': command<SessionRef & { fromSeq: number; count: number }, SseRecord[]>(),
  'records:latest': command<SessionRef & { count: number }, SseRecord[]>(),
  'records:counts': command<SessionRef, StoreCounts>(),
  /**
   * Runs a search, or pages through a recent one (kept per session). A new query cancels running
   * searches for other queries, so typing supersedes; an export's own search is never cancelled.
   */
  'records:search': command<SessionRef & { query: string; offset: number; limit: number }, SearchAnswer>(),

  'captures:list': command<void, CaptureView[]>(),
  /** Reopens a capture as an offline session. */
  'captures:open': command<{ captureId: string }, SessionView>(),
  /** Imports an exported NDJSON, JSON or text/event-stream file as an offline session. */
  'captures:import': command<{ path?: string }, SessionView | null>(),
  'captures:rename': command<{ captureId: string; name: string }, void>(),
  /** Keeps a capture (the size cap never deletes it), or lets it go again. */
  'captures:keep': command<{ captureId: string; kept: boolean }, void>(),
  'captures:delete': command<{ captureId: string }, void>(),

  /**
   * Exports a session's records; progress arrives as `export:progress` pushes. Secrets are masked
   * unless `includeSecrets`: then a live session's records are written as they arrived (capture
   * files never hold secrets, so a reopened capture's export keeps them masked, and says so).
   */
  'export:session': command<
    SessionRef & { exportId: string; format: ExportFormatName; scope: ExportScope; includeSecrets?: boolean },
    FileOutcome
  >(),
  'export:cancel': command<{ exportId: string }, void>(),

  'settings:get': command<void, Settings>(),
  'settings:update': command<Partial<Settings>, Settings>(),
} as const;

export const pushes = {
  'sessions:changed': push<SessionView[]>(),
  'session:state': push<SessionView>(),
  /**
   * New records, batched (about every 50 ms). When the view cannot keep up, older records of the
   * interval are left out and `skipped` names the seqs to fetch by range if they are wanted.
   */
  'session:records': push<{ sessionId: string; records: SseRecord[]; skipped: SeqRange | null }>(),
  'session:stats': push<SessionStatsView>(),
  'session:alert': push<{ sessionId: string; seq: number; rule: string; message: string }>(),
  'connections:changed': push<SavedConnection[]>(),
  'environments:changed': push<{ environments: Environment[]; activeId: string | null }>(),
  /** The settings after a change (every open window applies the theme, for one). */
  'settings:changed': push<Settings>(),
  'captures:changed': push<CaptureView[]>(),
  'export:progress': push<{ exportId: string; written: number; total: number | null; bytes: number }>(),
  'app:notice': push<Notice>(),
  /** A native menu item that the view carries out. */
  'app:menu': push<{ action: 'new-connection' | 'import' | 'close-tab' }>(),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<K extends CommandName> = Commands[K]['request'];
export type CommandResponse<K extends CommandName> = Commands[K]['response'];

export type Pushes = typeof pushes;
export type PushName = keyof Pushes;
export type PushPayload<K extends PushName> = Pushes[K]['payload'];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const PUSH_NAMES = Object.keys(pushes) as PushName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isPushName(name: unknown): name is PushName {
  return typeof name === 'string' && Object.hasOwn(pushes, name);
}

// ---- Results across the bridge --------------------------------------------------------------

/** How every command answers on the wire; the api client turns an error back into an Error. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: { message: string; code: ErrorCode } };

export type ErrorCode = 'invalid-payload' | 'not-found' | 'failed' | 'forbidden' | 'unknown-command';

/** The function every transport calls: validate, run, and answer with a CommandResult. */
export type Dispatch = <K extends CommandName>(name: K, payload: unknown) => Promise<CommandResult<CommandResponse<K>>>;

/** What the main process sends pushes through (each transport fans them out to its views). */
export type PushSink = <K extends PushName>(name: K, payload: PushPayload<K>) => void;

/** The renderer's view of the main process: what the preload exposes as `window.scope`. */
export interface ScopeBridge {
  call<K extends CommandName>(name: K, payload: CommandRequest<K>): Promise<CommandResult<CommandResponse<K>>>;
  on<K extends PushName>(name: K, listener: (payload: PushPayload<K>) => void): () => void;
}
