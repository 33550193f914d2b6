// A record as the detail pane copies it: as JSON (the record's own fields), and as the
// text/event-stream block that would reproduce it (for pasting into a test server or curl replay).
// Lifecycle records (open, error, reconnect, closed) are not part of a stream: they become comments.

import type { SseRecord } from '../../../../main/contract.ts';

export function recordAsJson(record: SseRecord): string {
  return JSON.stringify(record, null, 2);
}

const LINE_BREAK = /\r\n|\r|\n/;

/** A field that cannot span lines (type, id): a line break becomes a space. */
function oneLineField(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

export function recordAsEventStream(record: SseRecord): string {
  switch (record.kind) {
    case 'event': {
      let out = '';
      if (record.type !== 'message') out += `event: ${oneLineField(record.type)}\n`;
      if (record.id !== undefined) out += record.id === '' ? 'id\n' : `id: ${oneLineField(record.id)}\n`;
      // One space after the colon always, so data that starts with a space survives a re-parse.
      for (const line of record.data.split(LINE_BREAK)) out += `data: ${line}\n`;
      return out + '\n';
    }
    case 'comment':
      return record.text
        .split(LINE_BREAK)
        .map((line) => `:${line === '' ? '' : ' ' + line}\n`)
        .join('');
    case 'retry':
      return `retry: ${record.ms}\n\n`;
    case 'open':
      return `: open HTTP ${record.status} ${oneLineField(record.url)}\n`;
    case 'error':
      return `: error ${oneLineField(record.message)}\n`;
    case 'reconnect':
      return `: reconnect in ${record.delayMs} ms (${record.reason})\n`;
    case 'closed':
      return `: closed (${record.reason})\n`;
  }
}

/** The text "Copy data" copies: the event data, comment text or error message. */
export function recordData(record: SseRecord): string {
  switch (record.kind) {
    case 'event':
      return record.data;
    case 'comment':
      return record.text;
    case 'error':
      return record.body !== undefined ? `${record.message}\n\n${record.body}` : record.message;
    default:
      return recordAsJson(record);
  }
}
