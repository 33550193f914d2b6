// The alerts of every feed as the main process keeps them (newest first), and the only subscriber
// to 'alerts:changed': loaded at start, each change applied in place (a new alert goes first), and
// handed on to `onupdate` (the browser-mode notifier). What the tabs and the sidebar mark (the open
// alerts per connection and per capture), and acknowledging one or all.

import { messageOf } from '../../../../main/common/error-message.ts';
import type { Alert, AlertUpdate } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { markAlerts, type AlertMark } from './alert-marks.ts';

export interface AlertsStateOptions {
  /** Every change as it is pushed (after it is applied). */
  onupdate?: (update: AlertUpdate) => void;
}

export class AlertsState {
  list = $state.raw<Alert[]>([]);
  /** The last load failed: why (the list keeps what it had). */
  loadError = $state<string | null>(null);
  readonly #marks = $derived(markAlerts(this.list));
  /** Every open alert as one mark (how many, the worst severity); null when none is open. */
  readonly overall = $derived(this.#marks.overall);
  readonly #api: ApiClient;
  readonly #options: AlertsStateOptions;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient, options: AlertsStateOptions = {}) {
    this.#api = api;
    this.#options = options;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('alerts:changed', (update) => {
      this.#apply(update.alert);
      this.#options.onupdate?.(update);
    });
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.#api.call('alerts:list', {});
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  /** The open alerts of a saved connection (its tab and its sidebar entry). */
  markForConnection(connectionId: string | null): AlertMark | null {
    return connectionId === null ? null : (this.#marks.byConnection.get(connectionId) ?? null);
  }

  /** The open alerts kept with a capture (a reopened capture's tab). */
  markForCapture(captureId: string | null): AlertMark | null {
    return captureId === null ? null : (this.#marks.byCapture.get(captureId) ?? null);
  }

  async acknowledge(id: string): Promise<void> {
    this.#apply(await this.#api.call('alerts:acknowledge', { id }));
  }

  /** Every alert not yet acknowledged; the pushes bring the changes. */
  async acknowledgeAll(): Promise<void> {
    await this.#api.call('alerts:acknowledge-all', {});
  }

  #apply(alert: Alert): void {
    const index = this.list.findIndex((known) => known.id === alert.id);
    if (index === -1) {
      this.list = [alert, ...this.list];
    } else {
      const next = [...this.list];
      next[index] = alert;
      this.list = next;
    }
  }
}
