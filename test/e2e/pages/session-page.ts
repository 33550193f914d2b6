// One session tab as a user works it: the toolbar ("Connect"/"Disconnect", "Pause"/"Resume",
// "Clear", "Export"), the search box ("Search events") and its "k of N", the type chips, the
// timeline (a listbox of rows a screen reader reads as "Row N: time, event type, id, size: data"),
// the detail pane and the export dialog.

import type { Download, Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';

/** What a row's accessible name says about an event: "event tick, id 7,". */
export function eventRowName(type: string, id?: string): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`, event ${escaped(type)}${id === undefined ? '' : `, id ${escaped(id)}`}[,:]`);
}

export type ExportFormatLabel = 'NDJSON' | 'JSON' | 'CSV' | 'text/event-stream';
export type ExportScopeLabel = 'Whole session' | 'Search result' | 'Selection';

export class SessionPage {
  readonly page: Page;
  readonly name: string;
  readonly root: Locator;
  readonly toolbar: Locator;
  readonly searchBox: Locator;
  readonly timeline: Locator;
  readonly rows: Locator;
  readonly chips: Locator;
  readonly detail: DetailPage;
  /** The status bar: state, HTTP status, rate, totals, time since the last event. */
  readonly statusBar: Locator;

  constructor(page: Page, name: string) {
    this.page = page;
    this.name = name;
    this.root = page.getByRole('region', { name: `Session ${name}`, exact: true });
    this.toolbar = this.root.getByRole('toolbar', { name: 'Session' });
    this.searchBox = this.root.getByRole('searchbox', { name: 'Search events' });
    this.timeline = this.root.getByRole('listbox', { name: 'Events' });
    this.rows = this.timeline.getByRole('option');
    this.chips = this.root.getByRole('group', { name: 'Filter by event type' });
    this.detail = new DetailPage(this.root.getByRole('region', { name: 'Record detail' }));
    this.statusBar = this.root.getByRole('group', { name: 'Session status' });
  }

  button(name: 'Connect' | 'Disconnect' | 'Pause' | 'Resume' | 'Clear' | 'Export' | 'Reconnect now'): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  async connect(): Promise<void> {
    await this.button('Connect').click();
    await expect(this.button('Disconnect')).toBeVisible();
  }

  async disconnect(): Promise<void> {
    await this.button('Disconnect').click();
    await expect(this.button('Connect')).toBeVisible();
  }

  async pause(): Promise<void> {
    await this.button('Pause').click();
    await expect(this.button('Resume')).toBeVisible();
  }

  async resume(): Promise<void> {
    await this.button('Resume').click();
    await expect(this.button('Pause')).toBeVisible();
  }

  async clear(): Promise<void> {
    await this.button('Clear').click();
  }

  /** The session's state as the status bar says it: "Open", "Reconnecting", "Closed"... */
  statusText(): Locator {
    return this.root.getByText(/^\s*(Connecting|Open|Reconnecting|Closed|Saved capture)( · paused)?\s*$/);
  }

  /** The row of the event with this type (and id), by what a screen reader hears. */
  eventRow(type: string, id?: string): Locator {
    return this.timeline.getByRole('option', { name: eventRowName(type, id) });
  }

  /** Rows whose accessible name matches. */
  row(name: RegExp | string): Locator {
    return this.timeline.getByRole('option', { name });
  }

  /** Types into the search box; the search runs once typing pauses. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  /** The "k of N" (or "No matches") beside the search box. */
  matchCount(): Locator {
    return this.root.getByText(/^\s*([\d,]+ of [\d,]+|No matches|[\d,]+ matches)\s*$/);
  }

  /** The inline message of a query that cannot run (a bad regex). */
  searchError(): Locator {
    return this.root.getByRole('alert');
  }

  async showMatchesOnly(on: boolean): Promise<void> {
    const toggle = this.root.getByRole('button', { name: 'Matches only' });
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', String(on));
  }

  /** The chip of an event type: its name and count. */
  chip(type: string): Locator {
    return this.chips.getByRole('button', { name: new RegExp(`^${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [\\d,]+$`) });
  }

  async filterByType(type: string): Promise<void> {
    await this.chip(type).click();
    await expect(this.chip(type)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Selects a row and opens its detail. */
  async openRow(row: Locator): Promise<DetailPage> {
    await row.click();
    await expect(this.detail.root).toBeVisible();
    return this.detail;
  }

  /**
   * Exports through the "Export" dialog and returns the file the browser downloaded; secret values
   * are masked unless `includeSecrets` (the dialog then warns what the file will hold).
   */
  async exportAs(
    format: ExportFormatLabel,
    scope: ExportScopeLabel = 'Whole session',
    { includeSecrets = false }: { includeSecrets?: boolean } = {},
  ): Promise<Download> {
    await this.button('Export').click();
    const dialog = this.page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('group', { name: 'Format' }).getByRole('radio', { name: format, exact: true }).check();
    await dialog
      .getByRole('group', { name: 'Records' })
      .getByRole('radio', { name: new RegExp(`^${scope}`) })
      .check();
    const secrets = dialog.getByRole('group', { name: 'Secrets' });
    const include = secrets.getByRole('checkbox', { name: 'Include secret values' });
    await expect(include).not.toBeChecked();
    if (includeSecrets) {
      await include.check();
      await expect(secrets).toContainText('anyone who gets it can use them');
    }
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    return download;
  }
}

/** The detail pane of the selected record. */
export class DetailPage {
  readonly root: Locator;
  readonly jsonTree: Locator;

  constructor(root: Locator) {
    this.root = root;
    this.jsonTree = root.getByRole('list', { name: 'Data as JSON' });
  }

  /** A branch of the JSON tree (its toggle button), by key: `"choices"`. */
  branch(key: string): Locator {
    return this.jsonTree.getByRole('button', { name: new RegExp(`^"${key}": `) });
  }

  async showRaw(): Promise<void> {
    await this.root.getByRole('tab', { name: 'Raw' }).click();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close detail' }).click();
    await expect(this.root).toBeHidden();
  }
}
