// Desktop notifications in browser mode, through the Web Notifications API once the user allows
// them (the desktop app's main process shows its own, so this stays off there). Only an alert
// raised, or the matches its rate limit held back, notifies: the main process already coalesces
// a rule's matches to one report a minute. Settings' "Desktop notifications" is read at each one.

import type { AlertUpdate } from '../../../../main/contract.ts';
import { alertNotification, isNotifiedChange } from '../../../../main/common/alerts.ts';
import type { ApiClient } from '../../lib/api/index.ts';

export type NotifyPermission = NotificationPermission | 'unsupported';

/** The part of the page's Notification class used here. */
export interface NotificationClass {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options: { body: string; tag: string }): { onclick: (() => void) | null };
}

export class BrowserNotifier {
  /** Notifications are shown only in browser mode; set once the transport is known. */
  enabled = $state(false);
  permission = $state<NotifyPermission>('unsupported');
  readonly #api: ApiClient;
  readonly #notification: NotificationClass | undefined;

  constructor(api: ApiClient, notification: NotificationClass | undefined = pageNotification()) {
    this.#api = api;
    this.#notification = notification;
    this.permission = notification ? notification.permission : 'unsupported';
  }

  /** Asks the user (a button's click: browsers ask only in answer to one). */
  async ask(): Promise<void> {
    if (!this.#notification) return;
    this.permission = await this.#notification.requestPermission();
  }

  async notify(update: AlertUpdate): Promise<void> {
    if (!this.enabled || !this.#notification || this.permission !== 'granted' || !isNotifiedChange(update.change)) return;
    try {
      if (!(await this.#api.call('settings:get')).notifications) return;
    } catch {
      return;
    }
    const { title, body } = alertNotification(update);
    const shown = new this.#notification(title, { body, tag: update.alert.id });
    shown.onclick = () => window.focus();
  }
}

function pageNotification(): NotificationClass | undefined {
  return typeof Notification === 'undefined' ? undefined : (Notification as unknown as NotificationClass);
}
