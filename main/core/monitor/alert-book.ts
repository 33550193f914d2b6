// Every alert of one captures folder: those read back from the alert logs at open, and those the
// feeds' monitors raise while it is open. It keeps them in memory (the newest MAX_KEPT), writes
// each change to the log of the alert's capture, counts the open alerts per connection for the
// overview, and tells its listeners of each change (the app pushes it to the view and notifies;
// `sse-scope watch` prints it and counts it for its metrics). Acknowledging (one alert, or all of
// a connection's, or all) is a change like any other, so it survives a restart.

import { randomUUID } from 'node:crypto';
import { isOpenAlert, type Alert, type AlertChange, type AlertUpdate } from '../../common/alerts.ts';
import { AlertLogWriter, readAlertLogs } from './alert-log.ts';
import type { AlertDraft } from './feed-alerts.ts';

/** Alerts kept in memory; older ones stay in their logs. */
export const MAX_KEPT_ALERTS = 10_000;

/** A draft with what the feed adds: which connection, and which capture keeps it. */
export interface NewAlert extends AlertDraft {
  connectionId: string;
  connectionName: string;
  captureId: string;
}

export interface AlertFilter {
  connectionId?: string;
  captureId?: string;
}

export interface AlertBookOptions {
  clock?: () => number;
  newId?: () => string;
  maxKept?: number;
}

export class AlertBook {
  readonly folder: string;
  /** Lines of the logs that could not be read at open, one message each. */
  readonly problems: readonly string[];
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #maxKept: number;
  readonly #writer: AlertLogWriter;
  /** By id, oldest first (the order they were raised). */
  readonly #alerts = new Map<string, Alert>();
  /** Ids of the open alerts, by connection id. */
  readonly #open = new Map<string, Set<string>>();
  readonly #listeners = new Set<(update: AlertUpdate) => void>();
  readonly #errorListeners = new Set<(error: Error) => void>();

  private constructor(folder: string, alerts: readonly Alert[], problems: string[], options: AlertBookOptions) {
    this.folder = folder;
    this.problems = problems;
    this.#clock = options.clock ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.#maxKept = options.maxKept ?? MAX_KEPT_ALERTS;
    this.#writer = new AlertLogWriter(folder, (error) => {
      for (const listener of this.#errorListeners) listener(error);
    });
    for (const alert of alerts) this.#keep(alert);
  }

  /** Opens the book of a captures folder, reading back the alerts its logs keep. */
  static async open(folder: string, options: AlertBookOptions = {}): Promise<AlertBook> {
    const { alerts, problems } = await readAlertLogs(folder);
    return new AlertBook(folder, alerts, problems, options);
  }

  /** The alerts, newest first; only a connection's or a capture's with a filter. */
  list(filter: AlertFilter = {}): Alert[] {
    const out: Alert[] = [];
    for (const alert of this.#alerts.values()) if (matches(alert, filter)) out.push(alert);
    return out.reverse().map((alert) => ({ ...alert }));
  }

  get(id: string): Alert | null {
    const alert = this.#alerts.get(id);
    return alert ? { ...alert } : null;
  }

  /** Alerts neither acknowledged nor recovered: of one connection, or of all. */
  openCount(connectionId?: string): number {
    if (connectionId !== undefined) return this.#open.get(connectionId)?.size ?? 0;
    let count = 0;
    for (const ids of this.#open.values()) count += ids.size;
    return count;
  }

  /** Called with every change; returns a function that stops it. */
  onChange(listener: (update: AlertUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called when an alert could not be written to its log. */
  onError(listener: (error: Error) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  raise(fields: NewAlert): Alert {
    const alert: Alert = {
      id: this.#newId(),
      time: this.#clock(),
      connectionId: fields.connectionId,
      connectionName: fields.connectionName,
      rule: fields.rule,
      ruleId: fields.ruleId,
      watchdog: fields.watchdog,
      severity: fields.severity,
      message: fields.message,
      preview: fields.preview,
      seq: fields.seq,
      captureId: fields.captureId,
      count: 1,
      acknowledged: false,
      recoveredAt: null,
      recovery: null,
    };
    this.#keep(alert);
    return this.#changed('raised', alert, alert.message);
  }

  /** Counts `more` into the alert; `text` reports them, null counts them silently. */
  repeat(id: string, more: number, text: string | null): Alert | null {
    const alert = this.#alerts.get(id);
    if (!alert || more <= 0) return alert ? { ...alert } : null;
    const count = alert.count + more;
    return text === null
      ? this.#update(alert, { count }, 'counted', `Seen ${count} times`)
      : this.#update(alert, { count }, 'repeated', text);
  }

  /** Notes the recovery on the alert (once). */
  recover(id: string, text: string): Alert | null {
    const alert = this.#alerts.get(id);
    if (!alert || alert.recoveredAt !== null) return alert ? { ...alert } : null;
    return this.#update(alert, { recoveredAt: this.#clock(), recovery: text }, 'recovered', text);
  }

  /** Marks the alert seen; throws for an id the book does not have. */
  acknowledge(id: string): Alert {
    const alert = this.#alerts.get(id);
    if (!alert) throw new Error(`No alert ${JSON.stringify(id)}`);
    if (alert.acknowledged) return { ...alert };
    return this.#update(alert, { acknowledged: true }, 'acknowledged', 'Acknowledged');
  }

  /** Acknowledges every alert not yet acknowledged (of a connection or capture, with a filter); returns them. */
  acknowledgeAll(filter: AlertFilter = {}): Alert[] {
    const waiting = [...this.#alerts.values()].filter((alert) => !alert.acknowledged && matches(alert, filter));
    return waiting.map((alert) => this.#update(alert, { acknowledged: true }, 'acknowledged', 'Acknowledged'));
  }

  /** Resolves once every change so far is in the logs (write failures go to onError). */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  #keep(alert: Alert): void {
    this.#alerts.set(alert.id, alert);
    this.#index(alert);
    if (this.#alerts.size > this.#maxKept) {
      const oldest = this.#alerts.values().next().value!;
      this.#alerts.delete(oldest.id);
      this.#open.get(oldest.connectionId)?.delete(oldest.id);
    }
  }

  #update(alert: Alert, change: Partial<Alert>, kind: AlertChange, text: string): Alert {
    const next: Alert = { ...alert, ...change };
    this.#alerts.set(next.id, next);
    this.#index(next);
    return this.#changed(kind, next, text);
  }

  #changed(change: AlertChange, alert: Alert, text: string): Alert {
    this.#writer.append(alert);
    for (const listener of this.#listeners) listener({ change, alert: { ...alert }, text });
    return { ...alert };
  }

  #index(alert: Alert): void {
    let ids = this.#open.get(alert.connectionId);
    if (isOpenAlert(alert)) {
      if (!ids) this.#open.set(alert.connectionId, (ids = new Set()));
      ids.add(alert.id);
    } else {
      ids?.delete(alert.id);
    }
  }
}

function matches(alert: Alert, filter: AlertFilter): boolean {
  return (
    (filter.connectionId === undefined || alert.connectionId === filter.connectionId) &&
    (filter.captureId === undefined || alert.captureId === filter.captureId)
  );
}
