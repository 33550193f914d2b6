// The tab strip at twenty tabs, as support staff keep them: every title is still readable (a tab
// keeps the width its name needs and the strip scrolls, rather than squeezing names to a dot),
// "All tabs" lists every one by its whole name, and choosing one selects it and brings it into
// sight. A tab with open alerts is marked, and says so to a screen reader.

import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import TabBar from '../../renderer/src/components/TabBar.svelte';
import type { SessionModel } from '../../renderer/src/components/session/session-model.svelte.ts';
import type { SessionsState } from '../../renderer/src/components/session/sessions-state.svelte.ts';
import { fakeApi } from './support/fake-api.ts';
import { disposeSessions, sessionView, startSessions } from './support/sessions.ts';

const NAMES = Array.from({ length: 20 }, (_, index) => `${['Orders', 'Payments', 'Prices', 'Inventory'][index % 4]} EU-${index + 1}`);

async function mountTwentyTabs(): Promise<SessionsState> {
  const views = NAMES.map((name, index) =>
    sessionView({ id: `s-${index + 1}`, name, status: 'open', connectionId: `c-${index + 1}`, captureId: `cap-${index + 1}` }),
  );
  const sessions = await startSessions(fakeApi([], views));
  const target = document.body.appendChild(document.createElement('div'));
  // About what the tab row has beside a sidebar in a 1280-pixel window.
  target.style.cssText = 'width: 1000px; display: flex;';
  await render(TabBar, {
    target,
    props: {
      get tabs() {
        return sessions.tabs;
      },
      get activeId() {
        return sessions.activeId;
      },
      panelId: 'panel',
      onactivate: (id: string) => sessions.activate(id),
      onclose: () => {},
      onmove: () => {},
      markOf: (tab: SessionModel) => (tab.id === 's-7' ? { severity: 'critical' as const, count: 2 } : null),
    },
  });
  return sessions;
}

afterEach(() => {
  disposeSessions();
  document.body.replaceChildren();
});

describe('Twenty tabs', () => {
  it('keeps every title whole, the strip scrolling instead', async () => {
    await mountTwentyTabs();
    const tabs = page.getByRole('tablist', { name: 'Open sessions' }).getByRole('tab');
    await expect.poll(() => tabs.elements().length).toBe(20);
    for (const [index, tab] of tabs.elements().entries()) {
      const name = tab.querySelector<HTMLElement>('.name')!;
      expect(name.textContent).toBe(NAMES[index]);
      // Not cut short: the name's box holds all of its text.
      expect(name.scrollWidth, NAMES[index]).toBeLessThanOrEqual(name.clientWidth);
    }
    const strip = page.getByRole('tablist', { name: 'Open sessions' }).element();
    expect(strip.scrollWidth).toBeGreaterThan(strip.clientWidth);
  });

  it('lists every tab in "All tabs"; choosing one selects it and brings it into sight', async () => {
    const sessions = await mountTwentyTabs();
    await page.getByRole('button', { name: /^All tabs/ }).click();
    const menu = page.getByRole('menu', { name: 'All tabs' });
    const items = menu.getByRole('menuitemradio');
    await expect.poll(() => items.elements().map((item) => item.querySelector('.name')?.textContent)).toEqual(NAMES);
    await expect.element(items.first()).toHaveAttribute('aria-checked', 'true');

    await menu.getByRole('menuitemradio', { name: /Inventory EU-20/ }).click();
    await expect.element(menu).not.toBeInTheDocument();
    expect(sessions.activeId).toBe('s-20');
    const last = page.getByRole('tab', { name: 'Inventory EU-20' });
    await expect.element(last).toHaveAttribute('aria-selected', 'true');
    await expect.element(last).toBeInViewport({ ratio: 1 });
  });

  it('marks a tab with open alerts, in words too', async () => {
    await mountTwentyTabs();
    await expect
      .element(page.getByRole('tab', { name: 'Prices EU-7' }))
      .toHaveAccessibleDescription('Open. 2 open alerts, the worst critical');
  });
});
