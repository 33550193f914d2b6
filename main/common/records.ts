// The records a Session emits: one row each in a timeline, one line each in a capture file.
// These field names are read by tools outside the project (CLI output, capture files): keep them
// stable, add fields rather than rename them.

/** Milliseconds since the Unix epoch at which the bytes behind a record arrived. */
export type EpochMs = number;

interface RecordBase {
  /** Per-session sequence number, starting at 1, without gaps. */
  seq: number;
  time: EpochMs;
}

/** A dispatched event, exactly as the spec's "dispatch the event" step builds it. */
export interface EventRecord extends RecordBase {
  kind: 'event';
  /** The event type: the `event` field, or "message". */
  type: string;
  data: string;
  /** The last event ID buffer at dispatch (carries over from earlier blocks; "" when none). */
  lastEventId: string;
  /** The `id` field of this block, when the block had a usable one (NUL-free). */
  id?: string;
  /**
   * Bytes of the block as they arrived, line terminators included, except that the terminator of
   * the blank line that completes the event counts as one byte: a CR at the end of a chunk
   * cannot wait for a possible LF without delaying the event. Exact for LF and CR streams; one
   * byte short for CRLF; never dependent on how the bytes were chunked.
   */
  size: number;
}

/** A comment line (`: text`), which a browser EventSource hides. */
export interface CommentRecord extends RecordBase {
  kind: 'comment';
  /** The text after the colon, one leading space removed. */
  text: string;
  /** Bytes of the comment line; its terminator counts as one byte (see EventRecord.size). */
  size: number;
}

/** A valid `retry:` field: the reconnection time the server asked for. */
export interface RetryRecord extends RecordBase {
  kind: 'retry';
  ms: number;
}

/**
 * How a response body is cut into events: `sse` for text/event-stream (the spec's parser);
 * `ndjson` for JSON-lines bodies (application/x-ndjson, application/jsonl, application/json-lines),
 * one `message` event per non-blank line, its data the line.
 */
export type BodyFraming = 'sse' | 'ndjson';

/** A connection attempt that announced a stream (HTTP 200, text/event-stream or an NDJSON type). */
export interface OpenRecord extends RecordBase {
  kind: 'open';
  status: number;
  /** Response headers, names lower-case. */
  headers: Record<string, string>;
  /** The final URL after redirects. */
  url: string;
  /** Time from sending the request to the response headers. */
  ttfbMs: number;
  /** 1 for the first attempt, 2 for the first reconnect, ... */
  attempt: number;
  /** How the body is read; absent in captures made before NDJSON bodies were read (they are sse). */
  framing?: BodyFraming;
}

export interface ErrorRecord extends RecordBase {
  kind: 'error';
  message: string;
  /** The HTTP status when the error was an unexpected response. */
  status?: number;
  /** The first bytes of an unexpected response's body, as text. */
  body?: string;
  /** The delay before the next attempt, when there will be one. */
  retryInMs?: number;
}

export type ReconnectReason =
  | 'stream-ended'
  | 'network-error'
  | 'timeout'
  | 'http-error'
  /** The server broke a limit (line or event too large). */
  | 'stream-error'
  | 'restart';

/** A new attempt has been scheduled after `delayMs`. */
export interface ReconnectRecord extends RecordBase {
  kind: 'reconnect';
  delayMs: number;
  /** What the next request sends as Last-Event-ID ("" sends no header). */
  lastEventId: string;
  reason: ReconnectReason;
  /** The attempt number the reconnect will be. */
  attempt: number;
}

export type ClosedReason =
  /** Closed by the user, or by the program that owns the session. */
  | 'closed'
  /** The server answered 204 No Content: the spec's way to say "stop reconnecting". */
  | 'no-content'
  /** A failure the session will not retry (HTTP error status, wrong content type, bad URL). */
  | 'failed'
  /** The stream ended and reconnecting is switched off. */
  | 'ended'
  /** A limit the owner set was reached (event count, duration, capture size). */
  | 'limit';

export interface ClosedRecord extends RecordBase {
  kind: 'closed';
  reason: ClosedReason;
  /** Why, in words, when the reason alone does not say it (which limit, what failed). */
  message?: string;
}

export type SseRecord = EventRecord | CommentRecord | RetryRecord | OpenRecord | ErrorRecord | ReconnectRecord | ClosedRecord;

export type RecordKind = SseRecord['kind'];

export const RECORD_KINDS: readonly RecordKind[] = ['event', 'comment', 'retry', 'open', 'error', 'reconnect', 'closed'];

/** A run of sequence numbers, both ends included (records left out of a push, for example). */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** A record before the session numbers and stamps it. */
export type UnsequencedRecord = SseRecord extends infer R ? (R extends SseRecord ? Omit<R, 'seq' | 'time'> : never) : never;
