// The app's frame as a user meets it: the environment switcher in the bar above the content, the
// list of keyboard shortcuts (? or F1), the sidebar that hides and comes back (Ctrl+B, and hidden
// from the start in a narrow window, lying over the content when shown), and the theme chosen in
// Settings applied to the page.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Environment, Settings } from '../../main/contract.ts';
import { SettingsSchema } from '../../main/common/config-schema.ts';
import App from '../../renderer/src/App.svelte';
import { appContext } from '../../renderer/src/lib/app-context.ts';
import { fakeApi, type FakeApi } from './support/fake-api.ts';

const staging: Environment = { id: '1b6a3f0e-8f1e-4a57-9a43-4b1b8f0c2a11', name: 'Staging', variables: [] };
const production: Environment = { id: '2c7b4a1f-9a2f-4b68-8b54-5c2c9a1d3b22', name: 'Production', variables: [] };

let api: FakeApi;

async function mountApp(options: { settings?: Partial<Settings> } = {}): Promise<FakeApi> {
  let settings = SettingsSchema.parse(options.settings ?? {});
  let activeId: string | null = staging.id;
  api = fakeApi([], [], {
    handlers: {
      'connections:list': () => [],
      'captures:list': () => [],
      'environments:list': () => ({ environments: [staging, production], activeId }),
      'environments:activate': ({ id }) => {
        activeId = id;
      },
      'settings:get': () => settings,
      'settings:update': (edit) => {
        settings = { ...settings, ...edit };
        queueMicrotask(() => api.emit('settings:changed', settings));
        return settings;
      },
    },
  });
  await render(App, { context: appContext(api) });
  await api.idle();
  return api;
}

const environment = () => page.getByRole('main').getByRole('combobox', { name: 'Environment' });
const sidebar = () => page.getByRole('navigation', { name: 'Connections' });

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('the environment switcher', () => {
  it('shows the active environment and switches it at once', async () => {
    await mountApp();
    await expect.element(environment()).toHaveDisplayValue('Staging');
    await environment().selectOptions('Production');
    await vi.waitFor(() => expect(api.payloadsOf('environments:activate')).toEqual([{ id: production.id }]));
    await expect.element(environment()).toHaveDisplayValue('Production');
  });

  it('"Manage environments…" opens the Environments dialog and leaves the active one as it was', async () => {
    await mountApp();
    await environment().selectOptions('Manage environments…');
    await expect.element(page.getByRole('dialog', { name: 'Environments' })).toBeVisible();
    await expect.element(environment()).toHaveDisplayValue('Staging');
    expect(api.payloadsOf('environments:activate')).toEqual([]);
  });
});

describe('the keyboard shortcuts list', () => {
  it('opens with F1 or ?, lists every shortcut of the window, and closes with Escape', async () => {
    await mountApp();
    await userEvent.keyboard('{F1}');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.element(dialog).toBeVisible();
    for (const action of ['New connection', 'Next tab', 'Show or hide the sidebar', 'Search the active tab’s events', 'Close the dialog']) {
      await expect.element(dialog.getByRole('rowheader', { name: action })).toBeVisible();
    }
    await expect.element(dialog.getByRole('row', { name: /^Show or hide the sidebar/ })).toHaveTextContent(/Ctrl\s*\+\s*B/);
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();

    await userEvent.keyboard('?');
    await expect.element(dialog).toBeVisible();
  });

  it('? typed into a text field is just typed', async () => {
    await mountApp();
    const filter = page.getByRole('searchbox', { name: 'Filter connections' });
    await filter.fill('');
    await userEvent.type(filter, 'what?');
    await expect.element(filter).toHaveValue('what?');
    expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).query()).toBeNull();
  });
});

describe('the sidebar', () => {
  it('hides and shows with its buttons and Ctrl+B, keeping the keyboard on the button that brings it back', async () => {
    await mountApp();
    await expect.element(sidebar()).toBeVisible();
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    await expect.element(sidebar()).not.toBeInTheDocument();
    const show = page.getByRole('button', { name: 'Show sidebar' });
    await expect.element(show).toHaveFocus();
    await expect.element(show).toHaveAttribute('aria-expanded', 'false');
    await userEvent.keyboard('{Control>}b{/Control}');
    await expect.element(sidebar()).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Hide sidebar' })).toHaveFocus();
  });

  it('at 800 px starts hidden, lies over the content when shown, and nothing overflows sideways', async () => {
    await page.viewport(800, 700);
    try {
      await mountApp();
      await expect.element(sidebar()).not.toBeInTheDocument();
      const main = page.getByRole('main').element();
      expect(main.getBoundingClientRect().width).toBe(800);
      await page.getByRole('button', { name: 'Show sidebar' }).click();
      await expect.element(sidebar()).toBeVisible();
      // The content keeps the whole width under it.
      expect(main.getBoundingClientRect().left).toBe(0);
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(800);
      await userEvent.keyboard('{Escape}');
      await expect.element(sidebar()).not.toBeInTheDocument();
    } finally {
      await page.viewport(1200, 800);
    }
  });
});

describe('the theme', () => {
  const background = () => getComputedStyle(document.body).backgroundColor;

  it('follows the saved choice, and a choice made in Settings at once', async () => {
    await mountApp({ settings: { theme: 'dark' } });
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(background()).toBe('rgb(27, 30, 36)');

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'Light' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    expect(api.payloadsOf('settings:update')).toEqual([{ theme: 'light' }]);
    expect(background()).toBe('rgb(255, 255, 255)');
  });

  it('"Same as the system" leaves it to the operating system', async () => {
    await mountApp({ settings: { theme: 'light' } });
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    api.emit('settings:changed', SettingsSchema.parse({ theme: 'system' }));
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(background()).toBe(dark ? 'rgb(27, 30, 36)' : 'rgb(255, 255, 255)');
  });
});
