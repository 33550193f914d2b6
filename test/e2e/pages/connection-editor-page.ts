// The connection editor dialog: fill in the labelled fields, then "Save" or "Save and connect".

import type { Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';

export interface ConnectionFields {
  name?: string;
  url?: string;
  method?: string;
  headers?: Array<[name: string, value: string]>;
  body?: string;
  lastEventId?: string;
  reconnect?: boolean;
  initialRetryMs?: number;
  /** A folder path ("Billing/Staging"). */
  folder?: string;
  /** Alert rules, added in order (severity as the menu names it: "Critical", "Warning", "Info"). */
  rules?: Array<{ name?: string; query: string; severity?: 'Critical' | 'Warning' | 'Info' }>;
  /** Turns the watchdog on with these thresholds. */
  watchdog?: { staleAfterSec?: number };
  monitor?: boolean;
}

export class ConnectionEditorPage {
  readonly dialog: Locator;

  private constructor(dialog: Locator) {
    this.dialog = dialog;
  }

  static async opened(page: Page, title: string): Promise<ConnectionEditorPage> {
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    return new ConnectionEditorPage(dialog);
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  async fill(fields: ConnectionFields): Promise<void> {
    if (fields.name !== undefined) await this.field('Name').fill(fields.name);
    if (fields.method !== undefined) await this.field('Method').selectOption(fields.method);
    if (fields.url !== undefined) await this.field('URL').fill(fields.url);
    for (const [index, [name, value]] of (fields.headers ?? []).entries()) {
      await this.dialog.getByRole('button', { name: 'Add header' }).click();
      await this.dialog.getByLabel(`Header ${index + 1} key`).fill(name);
      await this.dialog.getByLabel(`Header ${index + 1} value`).fill(value);
    }
    if (fields.body !== undefined) await this.field('Body').fill(fields.body);
    if (fields.lastEventId !== undefined) await this.field('Last-Event-ID').fill(fields.lastEventId);
    if (fields.reconnect !== undefined) await this.dialog.getByLabel('Reconnect automatically').setChecked(fields.reconnect);
    if (fields.initialRetryMs !== undefined) await this.field('Initial retry delay (ms)').fill(String(fields.initialRetryMs));
    if (fields.folder !== undefined) await this.field('Folder').fill(fields.folder);
    if (fields.monitor !== undefined) await this.dialog.getByLabel('Monitor this feed').setChecked(fields.monitor);
    for (const rule of fields.rules ?? []) await this.addRule(rule);
    if (fields.watchdog) {
      await this.dialog.getByLabel("Watch the feed's health").setChecked(true);
      if (fields.watchdog.staleAfterSec !== undefined) await this.field('Stale after (s)').fill(String(fields.watchdog.staleAfterSec));
    }
  }

  /** Adds an alert rule at the end of the list. */
  async addRule(rule: { name?: string; query: string; severity?: 'Critical' | 'Warning' | 'Info' }): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add alert rule' }).click();
    const number = await this.dialog.getByLabel(/^Rule \d+ query$/).count();
    if (rule.name !== undefined) await this.dialog.getByLabel(`Rule ${number} name`).fill(rule.name);
    await this.dialog.getByLabel(`Rule ${number} query`).fill(rule.query);
    if (rule.severity !== undefined) await this.dialog.getByLabel(`Rule ${number} severity`).selectOption({ label: rule.severity });
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  async saveAndConnect(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save and connect' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
