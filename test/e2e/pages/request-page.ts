// A request's tab as a user works it: "Send" (or Ctrl+Enter), and beside the timeline the Answer
// (its text, its figures), the Request as sent and the Runs.

import type { Locator, Page } from 'playwright';
import { SessionPage } from './session-page.ts';

export class RequestPage extends SessionPage {
  readonly side: Locator;
  readonly answerText: Locator;

  constructor(page: Page, name: string) {
    super(page, name);
    this.side = this.root.getByRole('complementary', { name: 'Beside the timeline' });
    this.answerText = this.side.getByRole('document', { name: 'Answer text' });
  }

  sendButton(): Locator {
    return this.toolbar.getByRole('button', { name: /^Send( again)?$/ });
  }

  /** Sends with the keyboard, as a user who just edited the body would. */
  async sendWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  sideTab(name: 'Answer' | 'Request' | 'Runs'): Locator {
    return this.side.getByRole('tab', { name, exact: true });
  }

  /** A figure's value ("Time to first token" -> "412 ms"). */
  figure(name: string): Locator {
    return this.side
      .getByLabel('Stream figures')
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }) })
      .locator('dd')
      .first();
  }

  runRows(): Locator {
    return this.side.getByRole('region', { name: 'Runs' }).getByRole('table').getByRole('row');
  }
}
