// Re-serializes records as text/event-stream, so that parsing the output again reproduces the
// same events (type, data, last event ID), comments and retry values. Used by `capture --format
// sse`, by the text/event-stream export and by the replay server.

import type { SseRecord } from '../../common/records.ts';

/**
 * Turns a sequence of records into a text/event-stream, one record at a time. It tracks the last
 * event ID it has written, because a replay must reproduce each event's `lastEventId` even where
 * the original stream changed it in a block that carried no data (and so left no record).
 */
export class EventStreamWriter {
  #lastEventId: string;

  /** `lastEventId`: what the reader already has (a replay to a client that sent Last-Event-ID). */
  constructor(lastEventId = '') {
    this.#lastEventId = lastEventId;
  }

  /** The reader's last event ID once it has parsed everything written so far. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /**
   * The text that sets the reader's last event ID to `id` without dispatching anything (an
   * id-only block), or "" when it already is `id`: a stream may change the ID in a block that
   * carried no data, which leaves no record but is sent on the next reconnect.
   */
  formatLastEventId(id: string): string {
    if (id === this.#lastEventId) return '';
    this.#lastEventId = id;
    return idLine(id) + '\n';
  }

  /** The text for one record; "" for records that are not part of a stream (open, error...). */
  format(record: SseRecord): string {
    switch (record.kind) {
      case 'event':
        return this.#formatEvent(record.type, record.data, record.lastEventId, record.id);
      case 'comment':
        // One comment line per line of text: a record that did not come from the parser (an
        // import) may hold line breaks, which must not turn into fields.
        return splitLines(record.text)
          .map((line) => `:${line === '' ? '' : ' ' + line}\n`)
          .join('');
      case 'retry':
        return `retry: ${record.ms}\n\n`;
      default:
        return '';
    }
  }

  #formatEvent(type: string, data: string, lastEventId: string, id: string | undefined): string {
    // The ID changed in a block without data (or before the capture began): an id-only block
    // sets the last event ID without dispatching, so the event below keeps having no `id`.
    let out = id === undefined ? this.formatLastEventId(lastEventId) : '';
    this.#lastEventId = lastEventId;
    if (type !== 'message') out += `event: ${oneLine(type)}\n`;
    if (id !== undefined) out += idLine(id);
    // Parsed data holds LFs only (lines were split on CR, LF and CRLF, then joined with LF); an
    // imported record might hold CRs too. One space after the colon is always written, so a value
    // that itself starts with a space survives.
    for (const line of splitLines(data)) out += `data: ${line}\n`;
    return out + '\n';
  }
}

function idLine(id: string): string {
  return id === '' ? 'id\n' : `id: ${oneLine(id)}\n`;
}

function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** A field that cannot span lines (type, id): a line break in it becomes a space. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAK, ' ');
}

const LINE_BREAK = /\r\n|\r|\n/g;
