// One client's way through a recording, as the steps the server takes: text to send at a recorded
// moment, and how the connection ends. The records become text/event-stream through the export's
// writer; lifecycle records shape the connection:
//
// - a recorded reconnect (the stream ended and the client came back) closes the connection there,
//   and the next request continues after it;
// - a stream that ended for good (closed: ended, failed) closes it and the timeline is over;
// - a recording that stops while its stream was still open (the user stopped watching, a limit,
//   or a capture that was not finished) leaves the connection open with nothing more to send;
// - `open` records start the clock again: the first event after a reconnect comes as long after
//   the request as it came after the response in the recording;
// - error records have no place in a stream and are passed over.
//
// Times are recorded milliseconds since the connection began (unscaled; the server applies the
// speed). They never go back, even where the recorded clock did.

import { EventStreamWriter } from '../export/event-stream-format.ts';
import type { ReplayRecording, ResumePoint } from './replay-recording.ts';

export type ReplayStep =
  /** Text (one record's) to send at `atMs`. */
  | { kind: 'send'; text: string; atMs: number; events: number }
  /**
   * A recorded reconnect: close at `atMs`. The client comes back with `lastEventId` (what the
   * replay has given it) and continues at `resumeSeq`, after waiting about `delayMs`.
   */
  | { kind: 'reconnect'; atMs: number; resumeSeq: number; lastEventId: string; delayMs: number }
  /** The recorded stream ended for good: close at `atMs`. */
  | { kind: 'end'; atMs: number }
  /** The recording stops with its stream open: keep the connection open, with nothing more to send. */
  | { kind: 'hold' }
  /** Nothing is left to send to a new connection: the replay is over (answered 204 No Content). */
  | { kind: 'over' };

export interface TimelineOptions {
  /** What the client already has as its last event ID (its Last-Event-ID header, or ""). */
  lastEventId: string;
  /** After the end, start over from the first record instead of ending. */
  loop: boolean;
}

/**
 * The steps of one client's timeline, in order, a batch per chunk of records read (a replay at
 * full speed then pays for one await per batch, not per record). The last batch ends with the
 * step that ends the connection.
 */
export async function* replaySteps(recording: ReplayRecording, start: ResumePoint, options: TimelineOptions): AsyncGenerator<ReplayStep[]> {
  const writer = new EventStreamWriter(options.lastEventId);
  let fromSeq = start.fromSeq;
  /** The recorded time that maps to `base`; null: the next record's. */
  let origin: number | null = start.originTime ?? null;
  let base = 0;
  let at = 0;
  const timeOf = (time: number): number => {
    origin ??= time;
    at = Math.max(at, base + time - origin);
    return at;
  };
  let sentAny = false;

  for (;;) {
    /** An open record was passed, or a stream record sent, since this pass began. */
    let streaming = false;
    let sentThisPass = false;
    /** A closed record said the recording stopped while the stream was open. */
    let stoppedOpen = false;
    let sawClosed = false;

    for await (const chunk of recording.records(fromSeq)) {
      const steps: ReplayStep[] = [];
      for (const record of chunk) {
        switch (record.kind) {
          case 'event':
          case 'comment':
          case 'retry':
            streaming = sentAny = sentThisPass = true;
            steps.push({ kind: 'send', text: writer.format(record), atMs: timeOf(record.time), events: record.kind === 'event' ? 1 : 0 });
            break;
          case 'open':
            if (!streaming) {
              // A new response: its first event comes as long after the request as it did here.
              streaming = true;
              base = at;
              origin = record.time;
            }
            break;
          case 'reconnect': {
            if (!streaming) break; // before anything was sent: the client is here already
            const atMs = timeOf(record.time);
            // The client reconnects with the ID the recorded one sent, also where a last id-only
            // block set it (which left no record).
            const idBlock = writer.formatLastEventId(record.lastEventId);
            if (idBlock !== '') steps.push({ kind: 'send', text: idBlock, atMs, events: 0 });
            steps.push({ kind: 'reconnect', atMs, resumeSeq: record.seq + 1, lastEventId: writer.lastEventId, delayMs: record.delayMs });
            yield steps;
            return;
          }
          case 'closed':
            sawClosed = true;
            if (!streaming) break;
            if (record.reason === 'closed' || record.reason === 'limit') {
              // Stopped from the client's side: the stream itself went on.
              stoppedOpen = true;
              timeOf(record.time);
              break;
            }
            steps.push({ kind: 'end', atMs: timeOf(record.time) });
            yield steps;
            return;
          default:
            break;
        }
      }
      if (steps.length > 0) yield steps;
    }

    // The end of the recording.
    const endsOpen = streaming && (stoppedOpen || (!sawClosed && recording.hasOpens));
    /** A whole pass that sent nothing: starting over again would only spin. */
    const emptyPass = fromSeq === recording.firstSeq && !sentThisPass;
    if (options.loop && (endsOpen || !sentAny) && !emptyPass) {
      // Start over on this connection, as if the recording went on with itself.
      fromSeq = recording.firstSeq;
      base = at;
      origin = null;
      continue;
    }
    if (endsOpen) yield [{ kind: 'hold' }];
    else if (!sentAny) yield [{ kind: 'over' }];
    else yield [{ kind: 'end', atMs: at }];
    return;
  }
}
