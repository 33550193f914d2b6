// The Alerts panel as a user works it: the list of alerts (one item each, its button showing the
// alert's record), "Acknowledge" per alert and "Acknowledge all".

import type { Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';

export class AlertsPage {
  readonly root: Locator;
  readonly list: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Alerts', exact: true });
    this.list = this.root.getByRole('list', { name: 'Alerts list' });
  }

  /** The alert whose text holds `text` (its rule, connection or message). */
  alert(text: string | RegExp): Locator {
    return this.list.getByRole('listitem').filter({ hasText: text });
  }

  /** Clicks the alert: its record is shown in its timeline. */
  async show(text: string | RegExp): Promise<void> {
    await this.alert(text).getByRole('button').first().click();
    await expect(this.root).toBeHidden();
  }

  async acknowledge(rule: string, connection: string): Promise<void> {
    await this.root.getByRole('button', { name: `Acknowledge ${rule} on ${connection}` }).click();
    await expect(this.alert(rule)).toContainText('Acknowledged');
  }
}
