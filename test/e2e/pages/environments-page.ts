// The Environments dialog: make an environment with its {{variables}}, then "Done".

import type { Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';

export class EnvironmentsPage {
  readonly dialog: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Environments' });
  }

  /** A new environment with these variables (plain values), saved. */
  async create(name: string, variables: Record<string, string>): Promise<void> {
    await this.dialog.getByRole('button', { name: 'New environment' }).click();
    await this.dialog.getByLabel('Environment name').fill(name);
    for (const [index, [variable, value]] of Object.entries(variables).entries()) {
      if (index > 0) await this.dialog.getByRole('button', { name: 'Add variable' }).click();
      await this.dialog.getByLabel(`Variable ${index + 1} name`).fill(variable);
      await this.dialog.getByLabel(`Variable ${index + 1} value`).fill(value);
    }
    await this.dialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.dialog.getByRole('status')).toHaveText('Saved.');
    await expect(this.dialog.getByRole('list', { name: 'Environments' }).getByRole('button', { name })).toBeVisible();
  }

  async done(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
