// The app window as a user works it: the sidebar of saved connections ("New connection",
// "Import", one item per connection; hidden in a narrow window until shown), the bar above the
// content (the tabs of open sessions, the "Overview" and "Alerts" views beside them, the
// environment switcher), and the welcome shown when no tab is open. Each method is a step a user
// takes; locators are found by role and accessible name.

import type { Locator, Page } from 'playwright';
import { expect } from '../support/expect.ts';
import { AlertsPage } from './alerts-page.ts';
import { ConnectionEditorPage } from './connection-editor-page.ts';
import { EnvironmentsPage } from './environments-page.ts';
import { OverviewPage } from './overview-page.ts';
import { SessionPage } from './session-page.ts';

export class AppPage {
  readonly page: Page;
  readonly sidebar: Locator;
  readonly tabs: Locator;
  readonly welcome: Locator;
  /** The "Overview" and "Alerts" buttons beside the tabs. */
  readonly views: Locator;
  /** The environment switcher in the bar above the content. */
  readonly environment: Locator;

  constructor(page: Page) {
    this.page = page;
    this.environment = page.getByRole('main').getByRole('combobox', { name: 'Environment' });
    this.sidebar = page.getByRole('navigation', { name: 'Connections' });
    this.tabs = page.getByRole('tablist', { name: 'Open sessions' });
    this.welcome = page.getByRole('heading', { name: 'Watch a Server-Sent Events stream' });
    this.views = page.getByRole('group', { name: 'Views' });
  }

  async openAlerts(): Promise<AlertsPage> {
    await this.views.getByRole('button', { name: /^Alerts/ }).click();
    const alerts = new AlertsPage(this.page);
    await expect(alerts.root).toBeVisible();
    return alerts;
  }

  async openOverview(): Promise<OverviewPage> {
    await this.views.getByRole('button', { name: 'Overview' }).click();
    const overview = new OverviewPage(this.page);
    await expect(overview.root).toBeVisible();
    return overview;
  }

  /** The app has reached its main process and drawn its frame. */
  async waitUntilLoaded(): Promise<void> {
    await expect(this.environment).toBeVisible();
  }

  /** Shows the sidebar if it is hidden (a narrow window starts with it hidden). */
  async showSidebar(): Promise<void> {
    const show = this.page.getByRole('button', { name: 'Show sidebar' });
    if (await show.isVisible()) await show.click();
    await expect(this.sidebar).toBeVisible();
  }

  /** Makes an environment the active one with the switcher. */
  async switchEnvironment(name: string): Promise<void> {
    await this.environment.selectOption({ label: name });
    await expect(this.environment.locator('option:checked')).toHaveText(name);
  }

  /** "Manage environments…" at the end of the switcher's list. */
  async manageEnvironments(): Promise<EnvironmentsPage> {
    await this.environment.selectOption({ label: 'Manage environments…' });
    const environments = new EnvironmentsPage(this.page);
    await expect(environments.dialog).toBeVisible();
    return environments;
  }

  async newConnection(): Promise<ConnectionEditorPage> {
    await this.showSidebar();
    await this.sidebar.getByRole('button', { name: 'New connection' }).click();
    return ConnectionEditorPage.opened(this.page, 'New connection');
  }

  async editConnection(name: string): Promise<ConnectionEditorPage> {
    await this.showSidebar();
    await this.connection(name).hover();
    await this.sidebar.getByRole('button', { name: `Edit ${name}` }).click();
    return ConnectionEditorPage.opened(this.page, `Edit ${name}`);
  }

  /** A saved connection's item in the sidebar. */
  connection(name: string): Locator {
    return this.sidebar.getByRole('button', { name, exact: true });
  }

  /** A folder of the sidebar's tree, by its path ("Billing/Staging"): its heading and what is in it. */
  folder(path: string): Locator {
    return this.sidebar.getByRole('region', { name: path, exact: true });
  }

  /** Drags a saved connection onto a folder's heading, and waits until it is drawn in that folder. */
  async dragToFolder(name: string, path: string): Promise<void> {
    const heading = this.folder(path).getByRole('button', { name: path.split('/').at(-1)!, exact: true });
    await this.connection(name).dragTo(heading);
    await expect(this.folder(path).getByRole('button', { name, exact: true })).toBeVisible();
  }

  /** Opens (or switches to) the session of a saved connection. */
  async openConnection(name: string): Promise<SessionPage> {
    await this.showSidebar();
    await this.connection(name).click();
    return this.session(name);
  }

  /** The one-click demo of the welcome screen. */
  async openDemoFeed(): Promise<SessionPage> {
    await this.page.getByRole('button', { name: 'Open the demo feed' }).click();
    return this.session('Demo feed');
  }

  tab(name: string): Locator {
    return this.tabs.getByRole('tab', { name, exact: true });
  }

  async switchTo(name: string): Promise<SessionPage> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    return this.session(name);
  }

  async closeTab(name: string): Promise<void> {
    await this.tabs.getByRole('button', { name: `Close ${name}` }).click();
    await expect(this.tab(name)).toHaveCount(0);
  }

  /** The session panel of the active tab, once it shows the named session. */
  async session(name: string): Promise<SessionPage> {
    const session = new SessionPage(this.page, name);
    await expect(session.root).toBeVisible();
    return session;
  }

  async reload(url?: string): Promise<void> {
    if (url) await this.page.goto(url);
    else await this.page.reload();
    await this.waitUntilLoaded();
  }
}
