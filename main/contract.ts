// The one contract between the renderer and the main process: every command (renderer -> main,
// request/response) and every push (main -> renderer), with their payload types. Transports
// (Electron IPC in the app, a WebSocket in browser mode) and the renderer's api client are generic
// over these two maps; channel names exist only here. The main process validates every command
// payload with the schemas in main/core/app/command-schemas.ts, which are checked against these
// types at compile time.
//
// This module is imported by the renderer too: it imports types only, and only from main/common/
// (records, config schemas, the search language's values), which runs in any process.

import type { Alert, AlertChange, AlertSeverity, AlertUpdate } from './common/alerts.ts';
import type { ConnectionInput, ConnectionKind, Environment, EnvironmentInput, SavedConnection, Settings } from './common/config-schema.ts';
import type { ImportFile, ImportFormatName, ImportSource, NeededVariable } from './common/import-preview.ts';
import type { LlmAnswer, LlmFigures, LlmFormatSetting } from './common/llm-answer.ts';
import type { BodyFraming, ClosedReason, SeqRange, SseRecord } from './common/records.ts';
import type { RunSummary } from './common/run-summary.ts';
import type { FieldMatch } from './common/query-matcher.ts';
import type { QueryError } from './common/query-parser.ts';
import type { StoreCounts } from './common/record-counts.ts';

// ---- Values that cross the boundary --------------------------------------------------------

export type {
  Alert,
  AlertChange,
  AlertSeverity,
  AlertUpdate,
  ClosedReason,
  ConnectionInput,
  ConnectionKind,
  Environment,
  EnvironmentInput,
  FieldMatch,
  ImportFile,
  ImportFormatName,
  ImportSource,
  LlmAnswer,
  LlmFigures,
  LlmFormatSetting,
  NeededVariable,
  QueryError,
  RunSummary,
  SavedConnection,
  SeqRange,
  Settings,
  SseRecord,
  StoreCounts,
};

/**
 * What a live session is doing; `ready` for a request not sent yet (its tab waits for Send),
 * `offline` for a capture reopened from disk.
 */
export type SessionStatus = 'ready' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'offline';

export interface SessionView {
  id: string;
  /** The saved connection it was started from; null for an imported or reopened capture. */
  connectionId: string | null;
  /**
   * A request (sent once per run: each Send makes a new capture) or a feed (reconnects); for a
   * reopened capture what its meta file says, null when it does not say.
   */
  kind: ConnectionKind | null;
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

/**
 * One tile of the overview (the wall screen): a live session's feed as its monitor counts it,
 * pushed about once a second for every live session ('overview:tiles').
 */
export interface FeedTile {
  sessionId: string;
  connectionId: string;
  name: string;
  /** The connection is marked "monitor" (reconnects forever, opens at start). */
  monitored: boolean;
  state: 'connecting' | 'open' | 'reconnecting' | 'closed';
  /** Events per second in each complete bucket of the last five minutes, oldest first. */
  eventsPerSecond: number[];
  /** The span of one bucket of eventsPerSecond. */
  bucketMs: number;
  totalEvents: number;
  reconnects: number;
  /** Epoch ms of the newest event, null before the first. */
  lastEventAt: number | null;
  /** Milliseconds since the last event when the tile was counted; null before the first. */
  sinceLastEventMs: number | null;
  /** The status of the current (or last) attempt's response; null before any. */
  httpStatus: number | null;
  /** Alerts of the connection neither acknowledged nor recovered. */
  openAlerts: number;
  /** The watchdog's "no event for a while" alert is open. */
  stale: boolean;
}

/** The open tabs as the user left them: their sessions in order, and the selected one. */
export interface WorkspaceView {
  sessionIds: string[];
  activeSessionId: string | null;
}

export interface CaptureView {
  id: string;
  name: string;
  /** The saved connection it was recorded from (still saved or not); null for an import or a CLI capture. */
  connectionId: string | null;
  /** Whether it is a run of a request or a feed's recording; null when its meta file does not say. */
  kind: ConnectionKind | null;
  /** A request run's figures, written when the run ended; null before, and for feeds. */
  run: RunSummary | null;
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

/**
 * Variables to create with an import, so the first connect finds them: in an environment the user
 * has (the dialog offers the active one), in one the import creates (its index in
 * ImportPlan.environments), or in a new environment with the name given. A value left empty is
 * created empty, for the user to fill in before connecting.
 */
export interface ImportVariables {
  target: { environmentId: string } | { importedEnvironment: number } | { newEnvironment: string };
  variables: { name: string; value: string; secret: boolean }[];
}

/** What `connections:import` does: the source, as previewed, and what the user chose in the preview. */
export interface ImportRequest {
  source: ImportSource;
  /** The user saw the safety changes the preview listed (ImportPlan.safety) and agreed. */
  confirmSafety?: boolean;
  variables?: ImportVariables;
}

/**
 * What an import would do, shown before anything is saved: what it creates, under which names,
 * what could not be brought over, the variables still to define, and the safety-relevant settings
 * it would change (which need the user's consent). Secret values are never in it.
 */
export interface ImportPlan {
  /** What was recognised: one entry per file (or one for pasted text). */
  sources: { name: string; format: ImportFormatName }[];
  /** The connections it would create, in order, with the names they would get. */
  connections: {
    name: string;
    /** With URL credentials and secret query values masked. */
    url: string;
    method: string;
    /** "Collection/Folder/Sub", "" for the top level. */
    folder: string;
    /** The name in the file, when it was taken here and the connection gets another. */
    renamedFrom: string | null;
    /** Safety-relevant settings this connection would bring, in words ("Turns TLS certificate verification off..."). */
    safety: string[];
  }[];
  environments: { name: string; variables: number; renamedFrom: string | null }[];
  /** Event streams the file recorded (a HAR's), each to become a capture in the library. */
  captures: { name: string; url: string; events: number; notices: string[] }[];
  /** Things the user should know: what was left out, secrets to enter again, renamed items. */
  warnings: string[];
  /** Variables the connections use that nothing imported defines, and which of the user's environments already do. */
  neededVariables: (NeededVariable & { definedIn: string[] })[];
  /** Every safety change, each naming its connection: importing them needs `confirmSafety`. */
  safety: string[];
}

export interface ImportSummary {
  connections: SavedConnection[];
  environments: Environment[];
  captures: CaptureView[];
  /** The environment the variables the user asked for went into (new or updated); null when none were asked for. */
  variablesEnvironment: Environment | null;
  /** Things the user should know: renamed items, secrets left out, variables left empty. */
  warnings: string[];
  /** Variables the imported connections use that no imported environment defines (a curl command's $SHELL_VARIABLES). */
  neededVariables: NeededVariable[];
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

/** The response as the session's `open` record (or, for an HTTP error, its `error` record) has it. */
export interface ResponseView {
  status: number;
  /** Response headers, names lower-case, credentials masked; null for an error response (not recorded). */
  headers: Record<string, string> | null;
  /** The final URL after redirects; null for an error response. */
  url: string | null;
  ttfbMs: number | null;
  framing: BodyFraming | null;
  /** The start of an error response's body. */
  body: string | null;
}

/**
 * The request of a session as it was sent (or, for a request not sent yet, as Send will send it),
 * variables filled in and every secret value masked, with the response to it.
 */
export interface SentRequestView {
  state: 'sent' | 'ready';
  method: string;
  url: string;
  /** In the order they are sent; the engine's own (accept, cache-control, last-event-id) included. */
  headers: { name: string; value: string }[];
  body: string | null;
  /** Why the connection cannot be sent as saved now (an unknown variable...); set only when `ready`. */
  problem: string | null;
  /** The response to the first attempt; null before one came. */
  response: ResponseView | null;
}

/** The LLM answer of a session's current capture and its figures ('session:answer', 'sessions:answer'). */
export interface SessionAnswerView {
  sessionId: string;
  /** The capture (for a request: the run) the answer is of; a new capture starts a new answer. */
  captureId: string | null;
  /** The connection's format setting, which the answer view can change; null when no saved connection is known. */
  setting: LlmFormatSetting | null;
  answer: LlmAnswer;
  figures: LlmFigures;
}

/** A run's answer read from its capture, to set beside another run's. */
export interface CaptureAnswerView {
  captureId: string;
  name: string;
  startedAt: number;
  run: RunSummary | null;
  /** Null when the capture holds no LLM stream the merger recognises. */
  answer: LlmAnswer | null;
  figures: LlmFigures | null;
}

/** What a native menu item asks the view to do. */
export type MenuAction = 'new-connection' | 'import' | 'export-collection' | 'close-tab';

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
  /**
   * What importing pasted text, files or a picked folder (any format the importers read) would
   * create, and which safety settings it would change; saves nothing. An unrecognised source
   * fails with a message saying what can be imported.
   */
  'connections:import-preview': command<ImportSource, ImportPlan>(),
  /**
   * Creates what the source holds, all of it or nothing: connections, environments, the variables
   * the user asked for (in one write of the configuration) and a HAR's event streams as captures.
   * An import that changes safety settings (see ImportPlan.safety) is refused unless `confirmSafety`.
   */
  'connections:import': command<ImportRequest, ImportSummary>(),
  /** A collection file of these connections (all when absent) and every environment; secret values only when `includeSecrets`. */
  'connections:export': command<{ connectionIds?: string[]; includeSecrets: boolean }, FileOutcome>(),
  /**
   * The connection as a curl command or a fetch snippet, with its variables filled in from the
   * active environment (or `environmentId`); secret values show as '••••' when `maskSecrets`.
   */
  'connections:copy-as': command<{ id: string; format: CopyFormat; maskSecrets: boolean; environmentId?: string | null }, string>(),
  /** Changes how a connection's LLM stream is read (from the answer view); its open sessions merge their answer again. */
  'connections:set-llm-format': command<{ id: string; llmFormat: string }, SavedConnection>(),

  'environments:list': command<void, { environments: Environment[]; activeId: string | null }>(),
  'environments:save': command<{ id?: string; environment: EnvironmentInput }, Environment>(),
  'environments:delete': command<{ id: string }, void>(),
  'environments:activate': command<{ id: string | null }, void>(),

  'sessions:list': command<void, SessionView[]>(),
  /**
   * Opens a session for a saved connection: a feed starts a capture and connects; a request is
   * never sent by opening it (its session is `ready`: 'sessions:send' sends it).
   */
  'sessions:open': command<{ connectionId: string }, SessionView>(),
  /** Sends a request session's request: a new run, with its own capture and timeline. */
  'sessions:send': command<SessionRef, SessionView>(),
  /** Connects a closed live session again; its timeline goes on. A request session sends instead. */
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
  /** The request as sent, secrets masked, and its response; null when the capture does not say. */
  'sessions:request': command<SessionRef, SentRequestView | null>(),
  /** The session's LLM answer now (later changes arrive as 'session:answer'); null when it is no LLM stream. */
  'sessions:answer': command<SessionRef, SessionAnswerView | null>(),
  /**
   * The status bar's numbers now ('session:stats' pushes bring their changes; a page that loads
   * later asks once). Null while a reopened capture is still being counted.
   */
  'sessions:stats': command<SessionRef, SessionStatsView | null>(),

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
  /** A capture's LLM answer and figures, read from it (to compare runs side by side). */
  'captures:answer': command<{ captureId: string }, CaptureAnswerView>(),

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

  /** The alerts kept (newest first): of one connection, or of all. */
  'alerts:list': command<{ connectionId?: string }, Alert[]>(),
  'alerts:acknowledge': command<{ id: string }, Alert>(),
  /** Acknowledges every alert not yet acknowledged (of one connection, or all); answers how many. */
  'alerts:acknowledge-all': command<{ connectionId?: string }, number>(),

  /** The overview's tiles now (then 'overview:tiles' pushes keep them fresh). */
  'overview:list': command<void, FeedTile[]>(),

  /**
   * The tabs to show: after a restart, the tabs saved before it (monitored feeds connected again,
   * other sessions as their last capture reopened); later, what the view last saved.
   */
  'workspace:get': command<void, WorkspaceView>(),
  /** The view's tabs changed: kept, and written to the data folder for the next start. */
  'workspace:save': command<WorkspaceView, void>(),
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
  /** The LLM answer and figures as they grow, at most about every 100 ms, only when they changed. */
  'session:answer': push<SessionAnswerView>(),
  /** An alert was raised, counted, recovered or acknowledged. */
  'alerts:changed': push<AlertUpdate>(),
  /** Every live session's tile, about once a second while one is open (an empty list once they are all gone). */
  'overview:tiles': push<FeedTile[]>(),
  'connections:changed': push<SavedConnection[]>(),
  'environments:changed': push<{ environments: Environment[]; activeId: string | null }>(),
  /** The settings after a change (every open window applies the theme, for one). */
  'settings:changed': push<Settings>(),
  'captures:changed': push<CaptureView[]>(),
  'export:progress': push<{ exportId: string; written: number; total: number | null; bytes: number }>(),
  'app:notice': push<Notice>(),
  /** A native menu item that the view carries out. */
  'app:menu': push<{ action: MenuAction }>(),
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
