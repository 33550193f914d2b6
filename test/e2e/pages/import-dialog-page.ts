// The Import dialog as a user works it: paste text, or choose files or a folder; "Preview" shows
// what would be created (connections in their folders, environments, captures, warnings, the
// variables to define, safety changes); "Import" creates it. And the Export collection dialog,
// whose file the browser downloads. Each method is a step a user takes.

import type { Download, Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';

export class ImportDialogPage {
  readonly page: Page;
  readonly dialog: Locator;

  private constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog', { name: 'Import' });
  }

  /** Opens the dialog from the sidebar's "Import" button. */
  static async open(page: Page): Promise<ImportDialogPage> {
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: 'Import', exact: true }).click();
    const opened = new ImportDialogPage(page);
    await expect(opened.dialog).toBeVisible();
    return opened;
  }

  async paste(text: string): Promise<void> {
    await this.dialog.getByLabel('Paste a curl command, a collection or an export').fill(text);
  }

  /** Chooses files in the file picker (absolute paths). */
  async chooseFiles(paths: string[]): Promise<void> {
    await this.dialog.getByLabel('Choose files…').setInputFiles(paths);
    await expect(this.chosen).toBeVisible();
  }

  /** Chooses a whole folder in the folder picker (a Bruno collection). */
  async chooseFolder(path: string): Promise<void> {
    await this.dialog.getByLabel('Choose a folder…').setInputFiles(path);
    await expect(this.chosen).toBeVisible();
  }

  /** What was chosen, and the files left out. */
  get chosen(): Locator {
    return this.dialog.getByRole('status', { name: 'Chosen to import' });
  }

  /** "Preview", and waits for the preview (or the message saying why there is none). */
  async preview(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(this.heading.or(this.error)).toBeVisible();
  }

  get heading(): Locator {
    return this.dialog.getByRole('heading', { name: /^This will create / });
  }

  get error(): Locator {
    return this.dialog.getByRole('alert');
  }

  get warnings(): Locator {
    return this.dialog.getByRole('group', { name: 'Not brought over, and worth knowing' });
  }

  get variables(): Locator {
    return this.dialog.getByRole('group', { name: 'Variables to define' });
  }

  /** The connections a folder of the preview's tree holds ("Collection/Streams"). */
  folder(path: string): Locator {
    return this.dialog.getByRole('list', { name: 'Connections to create' }).getByRole('list', { name: `Folder ${path}`, exact: true });
  }

  /** Follows the error's "Open Settings", allows unencrypted secrets (no keychain here), and saves. */
  async allowUnencryptedSecrets(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Open Settings' }).click();
    const settings = this.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Keep secrets unencrypted when no keychain is available').check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
  }

  async agreeToSafetyChanges(): Promise<void> {
    await this.dialog.getByRole('group', { name: 'Safety settings this import changes' }).getByRole('checkbox').check();
  }

  /** "Import", and waits for the summary; returns what it says was imported. */
  async import(): Promise<string> {
    await this.dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const imported = this.dialog.getByRole('status').getByText(/^Imported /);
    await expect(imported).toBeVisible();
    return ((await imported.textContent()) ?? '').trim();
  }

  async done(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/**
 * "Export collection" in the sidebar: all connections, without secrets unless `includeSecrets`
 * (the dialog then warns what the file will hold); returns the downloaded file.
 */
export async function exportCollection(page: Page, { includeSecrets = false }: { includeSecrets?: boolean } = {}): Promise<Download> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: 'Export collection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export collection' });
  const include = dialog.getByRole('checkbox', { name: 'Include secret values' });
  await expect(include).not.toBeChecked();
  if (includeSecrets) {
    await include.check();
    await expect(dialog.getByRole('group', { name: 'Secrets' })).toContainText('Anyone who gets the file can use them');
  }
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
  await expect(dialog.getByRole('status')).toHaveText(`Downloaded ${download.suggestedFilename()}`);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  return download;
}
