// How `sse-scope watch` prints alerts on stdout, one line each as they happen: raised, the
// matches a rule's window held back, and recoveries. As text (time, feed, severity, rule,
// message), or with --json as NDJSON ({"change", "time", "text", "alert"}) for jq and log
// shippers. A reader that goes away (`| head`) ends the watch through onFailure, as it ends
// `capture`.

import type { Writable } from 'node:stream';
import type { AlertUpdate } from '../common/alerts.ts';

/** The changes worth a line: not a silent count, not an acknowledgement (watch makes none). */
const PRINTED = new Set<AlertUpdate['change']>(['raised', 'repeated', 'recovered']);

export class AlertOutput {
  readonly #stream: Writable;
  readonly #json: boolean;
  readonly #clock: () => number;
  onFailure: (error: Error) => void = () => {};

  constructor(stream: Writable, options: { json: boolean; clock?: () => number }) {
    this.#stream = stream;
    this.#json = options.json;
    this.#clock = options.clock ?? Date.now;
    stream.on('error', (error: Error) => this.onFailure(error));
  }

  print(update: AlertUpdate): void {
    if (!PRINTED.has(update.change)) return;
    this.#stream.write(this.#json ? jsonLine(update, this.#clock()) : textLine(update, this.#clock()));
  }
}

/**
 * "2025-03-01T09:00:00.000Z  Orders  critical  errors  event "log" #2: ..." (times in UTC). Event
 * data is the server's text: control characters are shown escaped, so none can drive the terminal.
 */
export function textLine(update: AlertUpdate, now: number): string {
  const { alert } = update;
  const severity = update.change === 'recovered' ? 'recovered' : alert.severity;
  const fields = [new Date(now).toISOString(), alert.connectionName, severity, alert.rule, update.text];
  return fields.map(visible).join('  ') + '\n';
}

/** C0 and C1 control characters (line breaks and ESC included) as \xNN. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function jsonLine(update: AlertUpdate, now: number): string {
  return JSON.stringify({ change: update.change, time: now, text: update.text, alert: update.alert }) + '\n';
}
